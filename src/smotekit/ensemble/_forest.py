"""Balanced random forest: every tree learns from its own class-balanced sample of the rows."""

from __future__ import annotations

import numbers
import warnings

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.metrics import accuracy_score
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data

from .._validation import describe
from ..pipeline import Pipeline
from ..under_sampling import RandomUnderSampler
from ._common import (
    check_bool,
    check_n_estimators,
    check_two_classes,
    encoded_strategy,
    member_seeds,
)

_TREE_PARAMS = (
    "criterion",
    "max_depth",
    "min_samples_split",
    "min_samples_leaf",
    "min_weight_fraction_leaf",
    "max_features",
    "max_leaf_nodes",
    "min_impurity_decrease",
    "ccp_alpha",
    "monotonic_cst",
)


def _bootstrap_size(n_rows: int, max_samples) -> int:
    """Rows each tree draws (before the cap at its balanced sample's size)."""
    if max_samples is None:
        return n_rows
    if isinstance(max_samples, numbers.Integral) and not isinstance(max_samples, bool):
        if not max_samples >= 1:
            raise ValueError(f"max_samples as an int must be >= 1; got {max_samples}.")
        return int(max_samples)
    if isinstance(max_samples, numbers.Real) and not isinstance(max_samples, bool):
        if not 0 < max_samples <= 1:
            raise ValueError(f"max_samples as a float must be in (0, 1]; got {max_samples}.")
        return max(1, round(n_rows * max_samples))
    raise ValueError(
        f"max_samples must be None, an int >= 1 or a float in (0, 1]; got {describe(max_samples)}."
    )


def _bootstrap_draw(n_kept: int, n_bootstrap: int | None, seed: int) -> np.ndarray | None:
    """Positions in a tree's balanced sample drawn by its bootstrap (None: no bootstrap).

    Drawn again from the tree's seed when needed, so they are never stored.
    """
    if n_bootstrap is None:
        return None
    return np.random.RandomState(seed).randint(0, n_kept, min(n_bootstrap, n_kept))


def _grow_tree(sampler, tree, X, codes, sample_weight, class_weight, n_bootstrap, seed):
    """Under-sample, optionally bootstrap the balanced sample, and fit one tree."""
    X_kept, codes_kept = sampler.fit_resample(X, codes)
    rows = sampler.sample_indices_
    weight = np.ones(rows.size) if sample_weight is None else sample_weight[rows].copy()
    drawn = _bootstrap_draw(rows.size, n_bootstrap, seed)
    if drawn is not None:
        # As scikit-learn's forests: a bootstrap is a count per row, applied as a weight.
        weight *= np.bincount(drawn, minlength=rows.size)
        if class_weight == "balanced_subsample":
            weight *= compute_sample_weight("balanced", codes[rows], indices=drawn)
    elif class_weight == "balanced_subsample":
        weight *= compute_sample_weight("balanced", codes[rows])
    tree.fit(X_kept, codes_kept, sample_weight=weight)
    return sampler, tree


class BalancedRandomForestClassifier(ClassifierMixin, BaseEstimator):
    """Random forest whose trees each learn from a randomly under-sampled, balanced sample.

    Chen, Liaw and Breiman (2004): for every tree, the rows are first under-sampled with
    :class:`~smotekit.RandomUnderSampler` (``sampling_strategy``, ``replacement``), then,
    with ``bootstrap=True``, bootstrapped; the tree (a scikit-learn
    ``DecisionTreeClassifier`` with the forest's tree parameters) is fitted on the result.
    Prediction averages the trees' probabilities, as scikit-learn's ``RandomForestClassifier``
    does. A drop-in for ``imblearn.ensemble.BalancedRandomForestClassifier`` with its 0.14
    defaults (``sampling_strategy="all"``, ``replacement=True``, ``bootstrap=False``: each
    tree's balanced sample is itself a with-replacement draw).

    Parameters
    ----------
    n_estimators : int, default=100
        Number of trees.
    criterion, max_depth, min_samples_split, min_samples_leaf, min_weight_fraction_leaf, \
max_features, max_leaf_nodes, min_impurity_decrease, ccp_alpha, monotonic_cst
        Passed to every ``DecisionTreeClassifier`` (``max_features`` defaults to ``"sqrt"``).
    bootstrap : bool, default=False
        Bootstrap each tree's balanced sample.
    oob_score : bool or callable, default=False
        Score on the rows each tree did not use (needs ``bootstrap=True``); a callable
        ``score(y_true, y_pred)`` replaces accuracy.
    sampling_strategy : float, str, dict or callable, default="all"
        Each tree's under-sampling (see :class:`~smotekit.RandomUnderSampler`); a dict is
        keyed by class label.
    replacement : bool, default=True
        Under-sample with replacement.
    n_jobs : int, default=None
        Trees grown in parallel (joblib threads; tree fitting releases the GIL).
    random_state : int, RandomState or None, default=None
        Seeds every tree's sampler, bootstrap and split search.
    verbose : int, default=0
        joblib's verbosity.
    warm_start : bool, default=False
        Keep the trees of the previous fit and add trees up to ``n_estimators``.
    class_weight : dict, list of dict, "balanced", "balanced_subsample" or None, default=None
        Class weights as in scikit-learn's forests (``"balanced_subsample"`` is computed on
        each tree's sample).
    max_samples : int, float or None, default=None
        With ``bootstrap=True``, rows each tree draws (a float: that share of all rows),
        capped at its balanced sample's size.

    Attributes
    ----------
    estimator_ : DecisionTreeClassifier
        The unfitted tree template.
    base_sampler_ : RandomUnderSampler
        The unfitted sampler template.
    estimators_ : list of DecisionTreeClassifier
        The fitted trees (trained on label codes ``0..n_classes_-1``).
    samplers_ : list of RandomUnderSampler
        Each tree's fitted sampler; ``samplers_[i].sample_indices_`` are the rows tree ``i``
        was given.
    estimators_samples_ : list of ndarray
        The rows (positions in X) each tree was fitted on: its sampler's rows, bootstrapped
        when ``bootstrap=True`` (a row drawn twice appears twice).
    pipelines_ : list of Pipeline
        ``Pipeline([sampler, tree])`` per tree.
    classes_, n_classes_ : ndarray, int
        The class labels.
    n_outputs_ : int
        Always 1.
    feature_importances_ : ndarray
        Mean impurity decrease per column over the trees, normalised to sum to 1.
    oob_score_, oob_decision_function_ : float, ndarray
        Out-of-bag score and probabilities (with ``oob_score``).
    n_features_in_, feature_names_in_
        Columns seen in ``fit``.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit.ensemble import BalancedRandomForestClassifier
    >>> X, y = make_classification(n_samples=400, weights=[0.9, 0.1], random_state=0)
    >>> forest = BalancedRandomForestClassifier(n_estimators=10, random_state=0).fit(X, y)
    >>> rows = forest.samplers_[0].sample_indices_
    >>> sorted(Counter(y[rows].tolist()).values())
    [42, 42]
    >>> forest.predict_proba(X[:2]).shape
    (2, 2)
    """

    def __init__(
        self,
        n_estimators=100,
        *,
        criterion="gini",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_weight_fraction_leaf=0.0,
        max_features="sqrt",
        max_leaf_nodes=None,
        min_impurity_decrease=0.0,
        bootstrap=False,
        oob_score=False,
        sampling_strategy="all",
        replacement=True,
        n_jobs=None,
        random_state=None,
        verbose=0,
        warm_start=False,
        class_weight=None,
        ccp_alpha=0.0,
        max_samples=None,
        monotonic_cst=None,
    ):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.sampling_strategy = sampling_strategy
        self.replacement = replacement
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.verbose = verbose
        self.warm_start = warm_start
        self.class_weight = class_weight
        self.ccp_alpha = ccp_alpha
        self.max_samples = max_samples
        self.monotonic_cst = monotonic_cst

    def _check_params(self) -> None:
        check_n_estimators(self.n_estimators)
        for name in ("bootstrap", "replacement", "warm_start"):
            check_bool(name, getattr(self, name))
        if not (callable(self.oob_score) or isinstance(self.oob_score, bool | np.bool_)):
            raise ValueError(
                f"oob_score must be True, False or a callable; got {describe(self.oob_score)}."
            )
        if self.oob_score is not False and not self.bootstrap:
            raise ValueError("oob_score needs bootstrap=True: without it no row is out of bag.")
        if self.max_samples is not None and not self.bootstrap:
            raise ValueError(
                "max_samples applies only with bootstrap=True; set max_samples=None or "
                "bootstrap=True."
            )

    def fit(self, X, y, sample_weight=None):
        """Grow the forest on ``X, y``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels.
        sample_weight : array-like of shape (n_samples,), default=None
            Row weights; each tree gets those of the rows its sampler kept.

        Returns
        -------
        self
        """
        self._check_params()
        X, y = validate_data(
            self, X, y, accept_sparse="csr", dtype=np.float32, ensure_all_finite=False
        )
        if y.ndim == 2 and y.shape[1] == 1:
            warnings.warn(
                "A column-vector y was passed when a 1d array was expected; it is raveled.",
                stacklevel=2,
            )
        y = column_or_1d(y)
        check_classification_targets(y)
        classes, codes = np.unique(y, return_inverse=True)
        check_two_classes(classes)
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=np.float64).reshape(-1)
            if sample_weight.shape[0] != y.shape[0]:
                raise ValueError(
                    f"sample_weight has {sample_weight.shape[0]} values; X has {y.shape[0]} rows."
                )
        if self.class_weight is not None and self.class_weight != "balanced_subsample":
            expanded = compute_sample_weight(self._class_weight_by_code(classes), codes)
            sample_weight = expanded if sample_weight is None else sample_weight * expanded

        done = list(self.estimators_) if self.warm_start and hasattr(self, "estimators_") else []
        if done and not np.array_equal(self.classes_, classes):
            raise ValueError(
                "warm_start=True needs the same classes as the previous fit; got "
                f"{classes.tolist()}, before {self.classes_.tolist()}."
            )
        n_new = self.n_estimators - len(done)
        if n_new < 0:
            raise ValueError(
                f"n_estimators={self.n_estimators} must be at least the {len(done)} trees "
                "already grown when warm_start=True."
            )
        if n_new == 0:
            warnings.warn(
                "Warm-start fitting without increasing n_estimators does not fit new trees.",
                UserWarning,
                stacklevel=2,
            )
        self.classes_ = classes
        self.n_classes_ = classes.size
        self.n_outputs_ = 1
        self.estimator_ = DecisionTreeClassifier(
            **{name: getattr(self, name) for name in _TREE_PARAMS}
        )
        self.base_sampler_ = RandomUnderSampler(
            sampling_strategy=encoded_strategy(self.sampling_strategy, classes),
            replacement=self.replacement,
        )
        n_bootstrap = _bootstrap_size(y.size, self.max_samples) if self.bootstrap else None
        seeds = member_seeds(self.random_state, len(done), n_new)
        class_weight = self.class_weight if self.class_weight == "balanced_subsample" else None
        grown = Parallel(n_jobs=self.n_jobs, verbose=self.verbose, prefer="threads")(
            delayed(_grow_tree)(
                clone(self.base_sampler_).set_params(random_state=int(seed)),
                clone(self.estimator_).set_params(random_state=int(seed)),
                X,
                codes,
                sample_weight,
                class_weight,
                n_bootstrap,
                int(seed),
            )
            for seed in seeds
        )
        if not done:
            self.samplers_, self._n_bootstrap = [], []
        self.samplers_ = list(self.samplers_) + [sampler for sampler, _ in grown]
        self.estimators_ = done + [tree for _, tree in grown]
        self._n_bootstrap = list(self._n_bootstrap) + [n_bootstrap] * len(grown)
        self.pipelines_ = [
            Pipeline([("randomundersampler", s), ("classifier", t)])
            for s, t in zip(self.samplers_, self.estimators_, strict=True)
        ]
        if self.oob_score is not False:
            self._set_oob(X, y)
        else:
            for name in ("oob_score_", "oob_decision_function_"):
                if hasattr(self, name):
                    delattr(self, name)
        return self

    def _class_weight_by_code(self, classes):
        weight = self.class_weight
        if isinstance(weight, list) and len(weight) == 1:
            weight = weight[0]  # one output: scikit-learn's list-of-dicts form
        if isinstance(weight, dict):
            unknown = [label for label in weight if label not in set(classes.tolist())]
            if unknown:
                raise ValueError(
                    f"class_weight names class(es) {describe(unknown)} that are not in y; the "
                    f"classes are {describe(classes.tolist())}."
                )
            position = {label: i for i, label in enumerate(classes.tolist())}
            return {position[label]: w for label, w in weight.items()}
        if isinstance(weight, str) and weight == "balanced":
            return "balanced"
        raise ValueError(
            "class_weight must be None, 'balanced', 'balanced_subsample', a dict {label: "
            f"weight}} or a list of one such dict; got {describe(self.class_weight)}."
        )

    def _set_oob(self, X, y) -> None:
        n_rows = y.size
        summed = np.zeros((n_rows, self.n_classes_))
        seen = np.zeros(n_rows, dtype=bool)
        for tree, rows in zip(self.estimators_, self.estimators_samples_, strict=True):
            out = np.setdiff1d(np.arange(n_rows), rows)
            if out.size:
                summed[out] += self._tree_proba(tree, X[out])
                seen[out] = True
        if not seen.all():
            warnings.warn(
                f"{int((~seen).sum())} rows were used by every tree, so they have no out-of-bag "
                "estimate; their out-of-bag probabilities are NaN. Grow more trees.",
                UserWarning,
                stacklevel=3,
            )
        with np.errstate(invalid="ignore", divide="ignore"):
            proba = summed / summed.sum(axis=1, keepdims=True)
        self.oob_decision_function_ = proba
        scorer = accuracy_score if self.oob_score is True else self.oob_score
        rows = np.flatnonzero(seen)
        self.oob_score_ = float(scorer(y[rows], self.classes_[np.argmax(proba[rows], axis=1)]))

    def _tree_proba(self, tree, X) -> np.ndarray:
        """A tree's probabilities in the forest's class columns (a tree may miss a class)."""
        proba = tree.predict_proba(X)
        if proba.shape[1] == self.n_classes_:
            return proba
        full = np.zeros((proba.shape[0], self.n_classes_))
        full[:, tree.classes_.astype(np.intp)] = proba
        return full

    def _checked(self, X):
        check_is_fitted(self)
        X = validate_data(
            self, X, accept_sparse="csr", dtype=np.float32, ensure_all_finite=False, reset=False
        )
        if sp.issparse(X) and (X.indices.dtype != np.intc or X.indptr.dtype != np.intc):
            raise ValueError("No support for np.int64 index based sparse matrices")
        return X

    def predict_proba(self, X):
        """Mean of the trees' class probabilities, columns in ``classes_`` order."""
        X = self._checked(X)
        parts = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(self._tree_proba)(tree, X) for tree in self.estimators_
        )
        return np.sum(parts, axis=0) / len(self.estimators_)

    def predict_log_proba(self, X):
        """Log of :meth:`predict_proba`."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        """The class with the highest mean probability."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def apply(self, X):
        """Leaf index of each row in each tree, shape (n_samples, n_estimators)."""
        X = self._checked(X)
        return np.column_stack([tree.apply(X) for tree in self.estimators_])

    def decision_path(self, X):
        """Nodes each row passes through, as scikit-learn's forests give them.

        Returns
        -------
        indicator : sparse matrix of shape (n_samples, n_nodes)
        n_nodes_ptr : ndarray
            Columns ``n_nodes_ptr[i]:n_nodes_ptr[i + 1]`` belong to tree ``i``.
        """
        X = self._checked(X)
        paths = [tree.decision_path(X) for tree in self.estimators_]
        n_nodes_ptr = np.cumsum([0] + [p.shape[1] for p in paths])
        return sp.hstack(paths).tocsr(), n_nodes_ptr

    @property
    def estimators_samples_(self) -> list:
        """Rows of X each tree was fitted on (positions; repeated as drawn)."""
        check_is_fitted(self)
        samples = []
        for sampler, tree, n_bootstrap in zip(
            self.samplers_, self.estimators_, self._n_bootstrap, strict=True
        ):
            rows = sampler.sample_indices_
            drawn = _bootstrap_draw(rows.size, n_bootstrap, tree.random_state)
            samples.append(rows if drawn is None else rows[drawn])
        return samples

    @property
    def feature_importances_(self) -> np.ndarray:
        """Impurity-based importances averaged over the trees that split, summing to 1."""
        check_is_fitted(self)
        parts = [t.feature_importances_ for t in self.estimators_ if t.tree_.node_count > 1]
        if not parts:
            return np.zeros(self.n_features_in_)
        mean = np.mean(parts, axis=0)
        return mean / mean.sum()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.input_tags.allow_nan = True
        return tags
