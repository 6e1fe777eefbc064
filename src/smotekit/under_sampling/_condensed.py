"""Condensing (Hart, 1968) and one-sided selection (Kubat & Matwin, 1997).

Both start a class from a few random seed rows beside the minority rows and keep the rows
of the class that this set misclassifies with k nearest neighbours: condensing looks at
the rows one by one and lets each kept row join the set; one-sided selection looks once,
then removes the Tomek links.
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import neighbors
from .._base import BaseUnderSampler
from .._strategy import CLEAN
from .._validation import check_positive_int, describe
from ._distances import nearest_distances
from ._tomek import tomek_links

# Rows of a class handled together in the condensing pass; also bounds distance blocks.
_BLOCK = 256
_BLOCK_CELLS = 2**22


def classifier_k(n_neighbors) -> int | None:
    """k of an int (or None = 1) ``n_neighbors``; None when it is a classifier object."""
    if n_neighbors is None:
        return 1
    if isinstance(n_neighbors, numbers.Integral) and not isinstance(n_neighbors, bool):
        return check_positive_int("n_neighbors", n_neighbors)
    if not (hasattr(n_neighbors, "fit") and hasattr(n_neighbors, "predict")):
        raise ValueError(
            "n_neighbors must be None, an int >= 1 or a classifier with fit and predict "
            f"(such as sklearn.neighbors.KNeighborsClassifier); got {describe(n_neighbors)}."
        )
    return None


def fitted_classifier(n_neighbors, X, y, rows):
    """The classifier ``n_neighbors`` stands for, fitted on ``rows`` of X."""
    from sklearn.base import clone
    from sklearn.neighbors import KNeighborsClassifier

    k = classifier_k(n_neighbors)
    model = KNeighborsClassifier(n_neighbors=k) if k is not None else clone(n_neighbors)
    return model.fit(X[rows], y[rows])


def _k_nearest(X_queries, X_reference, k: int) -> np.ndarray:
    """(n, k) sorted distances from each query row to its k nearest reference rows; inf pads
    when the reference has fewer than k rows."""
    n_ref = X_reference.shape[0]
    out = np.full((X_queries.shape[0], k), np.inf)
    if n_ref:
        m = min(k, n_ref)
        out[:, :m] = nearest_distances(neighbors.make_estimator(m), X_reference, X_queries, m)[0]
    return out


def _merge(nearest: np.ndarray, new: np.ndarray) -> np.ndarray:
    """The k smallest, sorted, of each row of ``nearest`` (n, k) and ``new`` (n, m)."""
    k = nearest.shape[1]
    both = np.concatenate([nearest, new], axis=1)
    if both.shape[1] > k:
        both = np.partition(both, k - 1, axis=1)[:, :k]
    return np.sort(both, axis=1)


def misclassified(same: np.ndarray, other: np.ndarray, wins_tie: bool) -> np.ndarray:
    """Rows a k-NN vote gets wrong, from their sorted distances to the set's rows of their
    own class (``same``) and of the other class (``other``), both (n, k).

    At equal distance the other class's row counts first (it comes first in the set); a
    tied vote goes to the smaller label, as scikit-learn's ``KNeighborsClassifier``.
    """
    k = same.shape[1]
    if k == 1:
        return ~(same[:, 0] < other[:, 0])
    merged = np.concatenate([other, same], axis=1)
    order = np.argsort(merged, axis=1, kind="stable")[:, :k]
    present = np.isfinite(np.take_along_axis(merged, order, axis=1))
    own = ((order >= k) & present).sum(axis=1)
    others = ((order < k) & present).sum(axis=1)
    return ~((own > others) | ((own == others) & wins_tie))


def _distances(A, B) -> np.ndarray:
    from sklearn.metrics.pairwise import euclidean_distances

    return euclidean_distances(A, B)


def condense(X_class, other: np.ndarray, seeds: np.ndarray, k: int, wins_tie: bool):
    """Positions (in ``X_class``) of the rows Hart's pass adds to the seeds, in order.

    Rows are visited in order; a row the current set misclassifies joins it. A k-NN vote
    of two classes can only turn right when a row of the voter's own class joins, so a
    row found right once stays right: each visit reads the distances kept up to date
    below, and only rows still to be visited are updated when a row joins.
    """
    n = X_class.shape[0]
    rest = np.setdiff1d(np.arange(n), seeds)
    if rest.size == 0:
        return rest
    X_rest = X_class[rest]
    same = _k_nearest(X_rest, X_class[seeds], k)
    other = other[rest]
    joined = []
    for lo in range(0, rest.size, _BLOCK):
        hi = min(lo + _BLOCK, rest.size)
        wrong = np.flatnonzero(misclassified(same[lo:hi], other[lo:hi], wins_tie))
        block_joined, inside = [], None
        while wrong.size:
            j = lo + wrong[0]
            block_joined.append(j)
            if inside is None:
                inside = _distances(X_rest[lo:hi], X_rest[lo:hi])
            after = slice(j + 1, hi)
            same[after] = _merge(same[after], inside[j - lo, j + 1 - lo :, None])
            wrong = j + 1 - lo + np.flatnonzero(misclassified(same[after], other[after], wins_tie))
        if block_joined and hi < rest.size:
            X_new = X_rest[block_joined]
            step = max(1, _BLOCK_CELLS // len(block_joined))
            for a in range(hi, rest.size, step):
                b = min(a + step, rest.size)
                same[a:b] = _merge(same[a:b], _distances(X_rest[a:b], X_new))
        joined.extend(block_joined)
    return rest[np.asarray(joined, dtype=np.intp)]


class _SeededSelection(BaseUnderSampler):
    """Shared parameters and seed drawing of condensing and one-sided selection."""

    _sampling_type = CLEAN

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        n_neighbors=None,
        n_seeds_S=1,
        n_jobs=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.n_seeds_S = n_seeds_S
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"n_neighbors": 3, "n_seeds_S": 4, "sampling_strategy": "all"}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"n_seeds_S": 0}, "n_seeds_S must be an int >= 1; got 0"),
            ({"n_neighbors": 0}, "n_neighbors must be an int >= 1; got 0"),
            ({"n_neighbors": "3"}, "n_neighbors must be None, an int >= 1 or a classifier"),
        ]

    def _check_params(self) -> None:
        classifier_k(self.n_neighbors)
        check_positive_int("n_seeds_S", self.n_seeds_S)

    def _classes(self, y, targets, streams):
        """(minority rows, [(label, class rows, seed positions in the class)]) per target."""
        labels, counts = np.unique(y, return_counts=True)
        minority = labels[np.argmin(counts)]
        plan = []
        for label in targets:
            rows = np.flatnonzero(y == label)
            size = min(self.n_seeds_S, rows.size)
            seeds = np.sort(streams[label].choice(rows.size, size=size, replace=False))
            plan.append((label, rows, seeds))
        return minority, np.flatnonzero(y == minority), plan


class CondensedNearestNeighbour(_SeededSelection):
    """Condensed Nearest Neighbour (Hart, 1968): keep the rows of a class that its k-NN
    rule needs to classify the class right.

    For each class named by ``sampling_strategy`` (by default every class but the
    minority), the set starts as the minority rows plus ``n_seeds_S`` random rows of the
    class; the other rows of the class are visited in input order and each one the set's
    k-NN vote misclassifies joins the set. The rows kept are the set's rows of the class:
    with ``n_neighbors=1`` (the default) they classify every removed row of the class
    correctly. A drop-in for ``imblearn.under_sampling.CondensedNearestNeighbour``, with
    the same algorithm and a much faster pass (no classifier refitted per row); seeds are
    distinct rows; kept rows stay in their input order.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        The classes rows may be removed from: ``"auto"`` (= ``"not minority"``),
        ``"majority"``, ``"not minority"``, ``"not majority"``, ``"all"``, or a list of
        labels.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams (one per class) that draw the seed rows.
    n_neighbors : None, int or classifier, default=None
        k of the k-NN rule (None = 1), or a classifier such as
        ``KNeighborsClassifier`` (then refitted each time a row joins: slower).
    n_seeds_S : int, default=1
        Random rows of the class the set starts with.
    n_jobs : None or int, default=None
        Kept for imbalanced-learn compatibility.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows before cleaning}`` for each class that may be cleaned.
    sample_indices_ : ndarray
        Positions in X of the rows kept.
    estimators_ : list
        For each cleaned class, in label order, the k-NN classifier fitted on its final set.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import CondensedNearestNeighbour
    >>> X = np.array([[0.0], [0.5], [1.2], [4.0], [5.0], [6.0], [2.0]])
    >>> y = np.array([0, 0, 0, 0, 0, 0, 1])
    >>> cnn = CondensedNearestNeighbour(random_state=0)
    >>> X_res, y_res = cnn.fit_resample(X, y)
    >>> X_res.ravel().tolist(), y_res.tolist()
    ([0.0, 1.2, 5.0, 2.0], [0, 0, 0, 1])
    """

    def _select(self, X, y, targets, streams) -> np.ndarray:
        k = classifier_k(self.n_neighbors)
        minority, minority_rows, plan = self._classes(y, targets, streams)
        keep = np.ones(y.shape[0], dtype=bool)
        self.estimators_ = []
        for label, rows, seeds in plan:
            other = minority_rows if label != minority else minority_rows[:0]
            if k is None:
                joined = self._condense_with(X, y, other, rows, seeds)
            else:
                X_class = X[rows]
                far = _k_nearest(X_class, X[other], k)
                joined = condense(X_class, far, seeds, k, bool(label < minority))
            kept = rows[np.union1d(seeds, joined)]
            keep[rows] = False
            keep[kept] = True
            self.estimators_.append(
                fitted_classifier(self.n_neighbors, X, y, np.concatenate([other, kept]))
            )
        return np.flatnonzero(keep)

    def _condense_with(self, X, y, other, rows, seeds) -> np.ndarray:
        """Hart's pass with the caller's classifier, refitted each time a row joins."""
        if other.size == 0:
            return other  # no row of another class in the set: every vote is right
        members = [*other, *rows[seeds]]
        model = fitted_classifier(self.n_neighbors, X, y, np.asarray(members))
        rest = np.setdiff1d(np.arange(rows.size), seeds)
        right = model.predict(X[rows[rest]]) == y[rows[rest]]
        joined = []
        for i, position in enumerate(rest):
            if right[i]:
                continue
            joined.append(position)
            members.append(rows[position])
            model = fitted_classifier(self.n_neighbors, X, y, np.asarray(members))
            later = rows[rest[i + 1 :]]
            if later.size:
                right[i + 1 :] = model.predict(X[later]) == y[later]
        return np.asarray(joined, dtype=np.intp)


class OneSidedSelection(_SeededSelection):
    """One-Sided Selection (Kubat & Matwin, 1997): keep the rows of a class that a k-NN
    rule on the minority plus a few seed rows misclassifies, then remove Tomek links.

    For each class named by ``sampling_strategy`` (by default every class but the
    minority), ``n_seeds_S`` random rows of the class and all minority rows vote on the
    other rows of the class; the seeds and the rows voted wrong are kept. Then the members
    of those classes in Tomek links among the rows kept (see :class:`~smotekit.TomekLinks`)
    are removed. A drop-in for ``imblearn.under_sampling.OneSidedSelection``; seeds are
    distinct rows; kept rows stay in their input order.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        The classes rows may be removed from: ``"auto"`` (= ``"not minority"``),
        ``"majority"``, ``"not minority"``, ``"not majority"``, ``"all"``, or a list of
        labels.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams (one per class) that draw the seed rows.
    n_neighbors : None, int or classifier, default=None
        k of the k-NN rule (None = 1), or a classifier such as ``KNeighborsClassifier``.
    n_seeds_S : int, default=1
        Random rows of the class that vote.
    n_jobs : None or int, default=None
        Kept for imbalanced-learn compatibility.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows before cleaning}`` for each class that may be cleaned.
    sample_indices_ : ndarray
        Positions in X of the rows kept.
    estimators_ : list
        For each cleaned class, in label order, the k-NN classifier of the minority and
        seed rows.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import OneSidedSelection
    >>> X = np.array([[0.0], [0.5], [1.2], [4.0], [5.0], [6.0], [2.0]])
    >>> y = np.array([0, 0, 0, 0, 0, 0, 1])
    >>> oss = OneSidedSelection(random_state=0)
    >>> X_res, y_res = oss.fit_resample(X, y)
    >>> X_res.ravel().tolist(), y_res.tolist()
    ([0.0, 0.5, 1.2, 5.0, 2.0], [0, 0, 0, 0, 1])
    """

    def _select(self, X, y, targets, streams) -> np.ndarray:
        k = classifier_k(self.n_neighbors)
        minority, minority_rows, plan = self._classes(y, targets, streams)
        keep = np.ones(y.shape[0], dtype=bool)
        self.estimators_ = []
        for label, rows, seeds in plan:
            other = minority_rows if label != minority else minority_rows[:0]
            voters = np.concatenate([other, rows[seeds]])
            model = fitted_classifier(self.n_neighbors, X, y, voters)
            self.estimators_.append(model)
            rest = rows[np.setdiff1d(np.arange(rows.size), seeds)]
            if k is None:
                wrong = model.predict(X[rest]) != y[rest]
            else:
                same = _k_nearest(X[rest], X[rows[seeds]], k)
                wrong = misclassified(same, _k_nearest(X[rest], X[other], k), label < minority)
            keep[rows] = False
            keep[rows[seeds]] = True
            keep[rest[wrong]] = True
        kept = np.flatnonzero(keep)
        linked = tomek_links(X[kept], y[kept], neighbors.make_estimator(1))
        return kept[~(linked & np.isin(y[kept], list(targets)))]
