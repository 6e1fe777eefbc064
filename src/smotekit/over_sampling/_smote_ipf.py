"""SMOTE-IPF: SMOTE, then the Iterative-Partitioning Filter removes the rows it finds noisy."""

from __future__ import annotations

import numbers
import warnings
from collections import Counter

import numpy as np
from sklearn.base import clone

from .. import neighbors
from .._base import BaseSampler, BaseUnderSampler, ResamplingWarning
from .._random import shared_generator
from .._strategy import CLEAN
from .._validation import check_choice, check_positive_int, describe
from ._smote import SMOTE

VOTING = ("majority", "consensus")


def tree_features(X):
    """X as the default trees of the filter can take it.

    scikit-learn's trees cast X to float32 and refuse values beyond its range. How a tree
    splits its training rows depends only on the order of each column's values, so such X
    is replaced by its column-wise ranks for the filter, which only decides which rows to
    drop: the output rows keep their values. (A row a tree did not train on may fall on the
    other side of a threshold, a midpoint of ranks rather than of values; a sparse X is
    densified for it.) Other X is used as it is, so ordinary results do not change.

    Examples
    --------
    >>> tree_features(np.array([[1e300, 1.0], [-1e300, 2.0], [0.0, 2.0]])).tolist()
    [[2.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    """
    import scipy.sparse as sp
    from scipy.stats import rankdata

    limit = float(np.finfo(np.float32).max)
    values = X.data if sp.issparse(X) else np.asarray(X)
    if values.size == 0 or not (np.abs(values) > limit).any():
        return X
    dense = X.toarray() if sp.issparse(X) else np.asarray(X)
    return rankdata(dense, method="dense", axis=0).astype(np.float64) - 1.0


def stratified_partitions(y: np.ndarray, n_parts: int, rng: np.random.Generator) -> np.ndarray:
    """Partition number (0..n_parts-1) of each row: each class's rows are shuffled and dealt
    out in turn, so every partition gets about the same share of every class."""
    part = np.empty(y.size, dtype=np.int64)
    start = int(rng.integers(n_parts))  # small classes do not all land in partition 0
    for label in np.unique(y):
        rows = np.flatnonzero(y == label)
        part[rng.permutation(rows)] = (start + np.arange(rows.size)) % n_parts
        start = (start + rows.size) % n_parts
    return part


class _IterativePartitioningFilter(BaseUnderSampler):
    """The IPF noise filter (Khoshgoftaar and Rebours, 2007) as SMOTE-IPF runs it.

    Each round splits the rows left into ``n_partitions`` stratified parts, fits a copy of
    ``classifier`` on each part, and removes the rows that the votes call misclassified
    (more than half of the classifiers for ``"majority"``, all of them for
    ``"consensus"``). It stops after ``n_iterations`` rounds in a row that each remove fewer
    than ``p`` times the number of rows it was given.
    """

    _sampling_type = CLEAN

    def __init__(
        self,
        *,
        sampling_strategy="all",
        random_state=None,
        n_partitions=5,
        n_iterations=3,
        p=0.01,
        voting="majority",
        classifier=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_partitions = n_partitions
        self.n_iterations = n_iterations
        self.p = p
        self.voting = voting
        self.classifier = classifier

    def _select(self, X, y, targets, streams) -> np.ndarray:
        from sklearn.tree import DecisionTreeClassifier

        rng = shared_generator(streams)
        if self.classifier is None:
            X = tree_features(X)
        cleanable = np.isin(y, list(targets))
        threshold = float(self.p) * y.size
        keep = np.ones(y.size, dtype=bool)
        quiet, self.n_rounds_ = 0, 0
        while quiet < self.n_iterations:
            rows = np.flatnonzero(keep)
            X_left, y_left = X[rows], y[rows]
            part = stratified_partitions(y_left, self.n_partitions, rng)
            wrong = np.zeros(rows.size, dtype=np.int64)
            for index in range(self.n_partitions):
                members = part == index
                if not members.any():
                    continue
                seed = int(rng.integers(2**31))
                if self.classifier is None:
                    model = DecisionTreeClassifier(random_state=seed)
                else:
                    model = clone(self.classifier)
                    if model.get_params().get("random_state", 0) is None:
                        model.set_params(random_state=seed)
                model.fit(X_left[members], y_left[members])
                wrong += np.asarray(model.predict(X_left)) != y_left
            needed = self.n_partitions if self.voting == "consensus" else self.n_partitions // 2 + 1
            noisy = (wrong >= needed) & cleanable[rows]
            keep[rows[noisy]] = False
            quiet = quiet + 1 if noisy.sum() < threshold else 0
            self.n_rounds_ += 1
        return np.flatnonzero(keep)


class SMOTEIPF(BaseSampler):
    """SMOTE-IPF (Saez, Luengo, Stefanowski and Herrera, 2015): SMOTE, then a noise filter.

    The data is first over-sampled by :class:`~smotekit.SMOTE` (exactly the counts asked
    for). The Iterative-Partitioning Filter then cleans the result, original and synthetic
    rows alike: each round splits the rows left into ``n_partitions`` stratified parts,
    fits a decision tree on each part, lets every tree classify all the rows, and removes
    those misclassified by more than half of the trees (``voting="majority"``) or by all
    of them (``"consensus"``). It stops once ``n_iterations`` rounds in a row each removed
    fewer than ``p`` times the size of the over-sampled data. So the output counts are
    SMOTE's minus the rows filtered, which ``n_removed_`` reports per class: this is a
    combination, like :class:`~smotekit.SMOTEENN`, not a sampler of exact output counts.
    Works for several classes (a row is noisy when the trees vote for other labels).

    Saez, J. A., Luengo, J., Stefanowski, J. and Herrera, F., "SMOTE-IPF: Addressing the
    noisy and borderline examples problem in imbalanced classification by a re-sampling
    method with filtering", Information Sciences 291 (2015), pp. 184-203.

    Differences from smote-variants 1.0.1, following the paper: smote-variants fits each
    tree on all partitions but one (cross-validation, 9 folds) where the paper fits it on
    one partition (5 of them). As every tree then also classifies its own training rows,
    which a fully grown tree gets right, at most one of its nine trees misclassifies a
    row and its majority vote removes nothing with its default trees: it returns SMOTE's
    output. It measures the stopping threshold on the current rather
    than the over-sampled data size; its majority vote compares the mean of 0/1
    predictions with 0.5, which works for two classes only. The paper's trees are C4.5;
    these are scikit-learn's CART trees, or any ``classifier`` given.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        The classes SMOTE over-samples and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of SMOTE's draws, the partitions and the trees.
    k_neighbors : int or estimator, default=5
        SMOTE's neighbours.
    n_partitions : int, default=5
        ``n``: parts per filtering round (at least 3, so a majority means something).
    n_iterations : int, default=3
        ``k``: quiet rounds in a row that end the filtering.
    p : float, default=0.01
        A round is quiet when it removes fewer than ``p`` times the over-sampled size
        (in (0, 1]).
    voting : {"majority", "consensus"}, default="majority"
        How many trees must misclassify a row for it to be removed.
    classifier : classifier, default=None
        The classifier of each part, cloned; by default a
        ``sklearn.tree.DecisionTreeClassifier``.

    Attributes
    ----------
    smote_ : SMOTE
        The fitted SMOTE.
    sampling_strategy_ : dict
        SMOTE's ``{label: rows added}``.
    kept_indices_ : ndarray
        Positions, in SMOTE's output, of the rows returned.
    n_removed_ : dict
        ``{label: rows the filter removed}``; a :class:`~smotekit.ResamplingWarning` says
        when the filter removed more than half of a class.
    n_rounds_ : int
        Filtering rounds run.
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of the synthetic rows kept, in output order.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import SMOTEIPF
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], flip_y=0.05,
    ...                            random_state=42)
    >>> sampler = SMOTEIPF(random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> counts = Counter(y_res.tolist())
    >>> sum(sampler.n_removed_.values()) > 0
    True
    >>> counts[0] + sampler.n_removed_[0] == counts[1] + sampler.n_removed_[1]
    True
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        n_partitions=5,
        n_iterations=3,
        p=0.01,
        voting="majority",
        classifier=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.n_partitions = n_partitions
        self.n_iterations = n_iterations
        self.p = p
        self.voting = voting
        self.classifier = classifier

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"voting": "consensus", "n_partitions": 3, "k_neighbors": 3}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"n_partitions": 2}, "n_partitions must be an int >= 3"),
            ({"n_iterations": 0}, "n_iterations must be an int >= 1"),
            ({"p": 0.0}, r"p must be a number in \(0, 1\]"),
            ({"voting": "unanimous"}, "voting must be one of 'majority', 'consensus'"),
            ({"classifier": "tree"}, "classifier must be None or a classifier"),
        ]

    def _check_params(self) -> None:
        neighbors.make_estimator(self.k_neighbors)
        check_positive_int("n_partitions", self.n_partitions, minimum=3)
        check_positive_int("n_iterations", self.n_iterations)
        p = self.p
        if isinstance(p, bool) or not isinstance(p, numbers.Real) or not 0 < p <= 1:
            raise ValueError(f"p must be a number in (0, 1]; got {describe(p)}.")
        check_choice("voting", self.voting, VOTING)
        model = self.classifier
        if model is not None and not (hasattr(model, "fit") and hasattr(model, "predict")):
            raise ValueError(
                "classifier must be None or a classifier (an object with fit and predict, "
                f"such as sklearn.tree.DecisionTreeClassifier()); got {describe(model)}."
            )

    def _resample(self, features, labels):
        self.smote_ = SMOTE(
            sampling_strategy=self.sampling_strategy,
            random_state=self.random_state,
            k_neighbors=self.k_neighbors,
        )
        X_over, y_over = self.smote_.fit_resample(features.source, labels.source)
        ipf = _IterativePartitioningFilter(
            random_state=self.random_state,
            n_partitions=self.n_partitions,
            n_iterations=self.n_iterations,
            p=self.p,
            voting=self.voting,
            classifier=self.classifier,
        )
        X_res, y_res = ipf.fit_resample(X_over, y_over)
        self.sampling_strategy_ = self.smote_.sampling_strategy_
        self.kept_indices_ = ipf.sample_indices_
        self.n_rounds_ = ipf.n_rounds_
        self._record_removals(np.asarray(y_over), np.asarray(y_res))
        n_rows = features.n_rows
        survivors = self.kept_indices_[self.kept_indices_ >= n_rows] - n_rows
        self.synthetic_parents_ = self.smote_.synthetic_parents_[survivors]
        self.synthetic_steps_ = self.smote_.synthetic_steps_[survivors]
        self._set_origin(self.smote_.sample_origin_[self.kept_indices_])
        return X_res, labels.rebuild(y_res)

    def _record_removals(self, y_over: np.ndarray, y_res: np.ndarray) -> None:
        before, after = Counter(y_over.tolist()), Counter(y_res.tolist())
        self.n_removed_ = {label: before[label] - after[label] for label in sorted(before)}
        for label, removed in self.n_removed_.items():
            if removed * 2 > before[label]:
                warnings.warn(
                    f"SMOTEIPF: the filter removed {removed} of the {before[label]} rows of "
                    f"class {label!r} after over-sampling ({removed / before[label]:.0%}); the "
                    "classes overlap heavily. Check n_removed_, or try voting='consensus'.",
                    ResamplingWarning,
                    stacklevel=4,
                )
