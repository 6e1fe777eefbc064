"""NearMiss (Mani & Zhang, 2003): keep the rows of a class that lie nearest the minority."""

from __future__ import annotations

import warnings

import numpy as np

from .._base import BaseUnderSampler, ResamplingWarning
from .._validation import describe
from ._distances import check_reference, nearest_distances, query_estimator

VERSIONS = (1, 2, 3)
# Rows of a class compared with all minority rows at once (NearMiss-2), to bound memory.
_BLOCK_CELLS = 2**22


def farthest_distance_sums(queries, reference, k: int) -> np.ndarray:
    """Sum of each query row's distances to its ``k`` farthest reference rows, a block of
    query rows at a time (memory bounded whatever the size of the minority)."""
    from sklearn.metrics.pairwise import euclidean_distances

    n_ref = reference.shape[0]
    out = np.empty(queries.shape[0])
    step = max(1, _BLOCK_CELLS // max(n_ref, 1))
    for lo in range(0, queries.shape[0], step):
        d = euclidean_distances(queries[lo : lo + step], reference)
        out[lo : lo + step] = np.partition(d, n_ref - k, axis=1)[:, n_ref - k :].sum(axis=1)
    return out


class NearMiss(BaseUnderSampler):
    """NearMiss under-sampling (Mani & Zhang, 2003): keep the rows of each class that are
    nearest to the minority class, by one of three rules.

    * ``version=1``: keep the rows with the smallest mean distance to their
      ``n_neighbors`` nearest minority rows;
    * ``version=2``: keep the rows with the smallest mean distance to their
      ``n_neighbors`` *farthest* minority rows;
    * ``version=3``: first short-list, for every minority row, its ``n_neighbors_ver3``
      nearest rows of the class; among those keep the rows with the *largest* mean
      distance to their ``n_neighbors`` nearest minority rows. When the short list is
      smaller than the count asked for, all of it is kept, with a
      :class:`~smotekit.ResamplingWarning` and the reason in ``short_classes_`` (raise
      ``n_neighbors_ver3``).

    Ties go to the row that comes first in X. A drop-in for
    ``imblearn.under_sampling.NearMiss`` (the same rows are kept); the rows returned stay
    in their input order (imbalanced-learn orders them by distance within each class).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to shrink and to what size, as for
        :class:`~smotekit.RandomUnderSampler`.
    version : {1, 2, 3}, default=1
        The selection rule (see above).
    n_neighbors : int or estimator, default=3
        Minority neighbours averaged over, or a ``NearestNeighbors``-like object whose
        ``n_neighbors`` is that number (the minority rows are its fitted set).
    n_neighbors_ver3 : int or estimator, default=3
        NearMiss-3 only: rows of the class short-listed per minority row.
    n_jobs : None or int, default=None
        Kept for imbalanced-learn compatibility; smotekit's neighbour search picks its own
        threads.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows kept}`` for each class shrunk.
    sample_indices_ : ndarray
        Positions in X of the rows kept, in input order.
    nn_ : estimator
        The search among the minority rows.
    nn_ver3_ : estimator
        NearMiss-3 only: the search that builds the short list.
    short_classes_ : dict
        ``{label: reason}`` for each class NearMiss-3 kept fewer rows of than asked.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import NearMiss
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [9.0], [10.0]])
    >>> y = np.array([1, 1, 1, 1, 0, 0])
    >>> near = NearMiss(n_neighbors=1)
    >>> X_res, y_res = near.fit_resample(X, y)
    >>> near.sample_indices_.tolist(), y_res.tolist()
    ([2, 3, 4, 5], [1, 1, 0, 0])
    """

    def __init__(
        self, *, sampling_strategy="auto", version=1, n_neighbors=3, n_neighbors_ver3=3, n_jobs=None
    ):
        self.sampling_strategy = sampling_strategy
        self.version = version
        self.n_neighbors = n_neighbors
        self.n_neighbors_ver3 = n_neighbors_ver3
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"version": 2, "n_neighbors": 2}, {"version": 3, "n_neighbors_ver3": 6}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"version": 4}, r"version must be one of 1, 2, 3; got 4"),
            ({"n_neighbors": 0}, "n_neighbors must be an int >= 1"),
            ({"version": 3, "n_neighbors_ver3": "x"}, "n_neighbors_ver3 must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        if isinstance(self.version, bool) or self.version not in VERSIONS:
            raise ValueError(f"version must be one of 1, 2, 3; got {describe(self.version)}.")
        query_estimator(self.n_neighbors, "n_neighbors")
        if self.version == 3:
            query_estimator(self.n_neighbors_ver3, "n_neighbors_ver3")

    def _select(self, X, y, targets, streams) -> np.ndarray:
        self.nn_, k = query_estimator(self.n_neighbors, "n_neighbors")
        if self.version == 3:
            self.nn_ver3_, k3 = query_estimator(self.n_neighbors_ver3, "n_neighbors_ver3")
        elif hasattr(self, "nn_ver3_"):
            del self.nn_ver3_
        self.short_classes_ = {}
        labels, counts = np.unique(y, return_counts=True)
        minority_rows = np.flatnonzero(y == labels[np.argmin(counts)])
        X_min = X[minority_rows]
        keep = np.ones(y.shape[0], dtype=bool)
        for label, n_keep in targets.items():
            rows = np.flatnonzero(y == label)
            keep[rows] = False
            if self.version == 1:
                score = nearest_distances(self.nn_, X_min, X[rows], k)[0].sum(axis=1)
                chosen = rows[np.argsort(score, kind="stable")[:n_keep]]
            elif self.version == 2:
                if isinstance(self.n_neighbors, (int, np.integer)):
                    check_reference(X_min.shape[0], k, "n_neighbors", "the minority")
                    score = farthest_distance_sums(X[rows], X_min, k)
                else:
                    dist = nearest_distances(self.nn_, X_min, X[rows], X_min.shape[0])[0]
                    score = dist[:, X_min.shape[0] - k :].sum(axis=1)
                chosen = rows[np.argsort(score, kind="stable")[:n_keep]]
            else:
                near = nearest_distances(
                    self.nn_ver3_, X[rows], X_min, k3, "n_neighbors_ver3", f"class {label!r}"
                )[1]
                listed = rows[np.unique(near)]
                score = nearest_distances(self.nn_, X_min, X[listed], k)[0].sum(axis=1)
                chosen = listed[np.argsort(-score, kind="stable")[:n_keep]]
                if listed.size < n_keep:
                    reason = (
                        f"NearMiss-3 kept {listed.size} rows of class {label!r}, fewer than "
                        f"the {n_keep} asked for: its short list (each minority row's "
                        f"{k3} nearest rows of the class) holds only {listed.size}. Raise "
                        "n_neighbors_ver3 to list more rows."
                    )
                    self.short_classes_[label] = reason
                    warnings.warn(reason, ResamplingWarning, stacklevel=4)
            keep[chosen] = True
        return np.flatnonzero(keep)
