"""``NeighborSearch``: smotekit's own k-nearest-neighbour estimator (what an int k becomes)."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator

from . import _exact
from ._constants import METHODS


class NeighborSearch(BaseEstimator):
    """k nearest neighbours behind scikit-learn's ``NearestNeighbors`` interface.

    ``method="exact"`` returns the true k nearest rows (Euclidean): a k-d tree at low
    dimension, else a blocked float32 search whose candidates are re-ranked in float64 and
    certified by an error bound (see :mod:`smotekit.neighbors._exact`). Rows at equal distance
    are ordered by row index, which may differ from scikit-learn's order.
    ``method="approximate"`` searches each row's own neighbours (``kneighbors()`` without
    ``X``) with an inverted-file index; queries of other arrays are always exact. Sparse
    rows are searched exactly by scikit-learn's ``NearestNeighbors``.

    Parameters
    ----------
    n_neighbors : int, default=6
        Neighbours returned by ``kneighbors``. As for the objects SMOTE accepts as
        ``k_neighbors``, it counts the row itself when the rows are queried against
        themselves, so SMOTE's ``k_neighbors=k`` becomes ``n_neighbors=k + 1``.
    method : {"exact", "approximate"}, default="exact"

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit.neighbors import NeighborSearch
    >>> X = np.array([[0.0], [1.0], [3.0], [7.0]])
    >>> NeighborSearch(n_neighbors=2).fit(X).kneighbors(return_distance=False).tolist()
    [[1, 2], [0, 2], [1, 0], [2, 1]]
    """

    def __init__(self, n_neighbors: int = 6, method: str = "exact"):
        self.n_neighbors = n_neighbors
        self.method = method

    def fit(self, X, y=None):
        """Remember the rows to search (no copy of a float array)."""
        import scipy.sparse as sp

        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}; got {self.method!r}.")
        _check_k(self.n_neighbors, "n_neighbors")
        self._sparse = None
        if sp.issparse(X):
            from sklearn.neighbors import NearestNeighbors

            self._sparse = NearestNeighbors(n_neighbors=self.n_neighbors).fit(X)
        else:
            X = np.asarray(X)
            if X.ndim != 2:
                raise ValueError(f"X must be 2-D (rows x features); got shape {X.shape}.")
            if X.dtype.kind != "f":
                X = X.astype(np.float64)
        self._fit_X = X
        self._released = False
        self.n_samples_fit_ = X.shape[0]
        self.n_features_in_ = X.shape[1]
        self._index = None
        return self

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        """The ``n_neighbors`` nearest fitted rows of each row of ``X``, nearest first.

        Without ``X``, each fitted row's nearest *other* fitted rows (as scikit-learn).
        Distances are Euclidean, in float64.
        """
        k = _check_k(self.n_neighbors if n_neighbors is None else n_neighbors, "n_neighbors")
        if getattr(self, "_released", False) and self._fit_X is None:
            raise ValueError(
                "This NeighborSearch answered a sampler's search and kept no copy of the "
                "rows; call fit(X) before kneighbors."
            )
        if self._sparse is not None:
            return self._sparse.kneighbors(X, k, return_distance)
        if X is None:
            idx, dist = self._self_search(k)
        else:
            X = np.asarray(X)
            if X.ndim != 2 or X.shape[1] != self.n_features_in_:
                raise ValueError(
                    f"X must be 2-D with {self.n_features_in_} features, as the rows fitted; "
                    f"got shape {X.shape}."
                )
            idx, dist = self._query(X, k, None)
        return (np.sqrt(dist), idx) if return_distance else idx

    def _self_search(self, k: int):
        X = self._fit_X
        if k > X.shape[0] - 1:
            raise ValueError(
                f"Expected n_neighbors <= n_samples_fit - 1 = {X.shape[0] - 1}; got {k}."
            )
        if self.method == "approximate":
            from . import _approximate

            return _approximate.self_search(X, k)
        return _exact.self_search(X, k)

    def _query(self, Xq, k: int, self_rows):
        if k > self._fit_X.shape[0]:
            raise ValueError(f"Expected n_neighbors <= n_samples_fit = {self._fit_X.shape[0]}.")
        if self._index is None:
            self._index = _exact.make_index(self._fit_X)
        if Xq.dtype.kind != "f":
            Xq = Xq.astype(np.float64)
        return self._index.query(Xq, k, self_rows)

    def _within(self, X) -> np.ndarray:
        """Each row's ``n_neighbors - 1`` nearest other rows of X (see ``within``).

        The rows are not kept afterwards (a sampler's class rows are a copy that would
        otherwise stay alive while the output is made); ``fit`` again to query.
        """
        self.fit(X)
        if self._sparse is not None:
            found = self._sparse.kneighbors(X, return_distance=False)
            found = _exact.drop_self(np.asarray(found))
        else:
            found = self._self_search(self.n_neighbors - 1)[0]
        self._release()
        return found

    def _among(self, X, rows) -> np.ndarray:
        """Each ``X[rows]``'s ``n_neighbors - 1`` nearest other rows of X, the row excluded."""
        self.fit(X)
        rows = np.asarray(rows, dtype=np.int64)
        if self._sparse is not None:
            if rows.size == 0:
                found = np.empty((0, self.n_neighbors - 1), np.int64)
            else:
                found = self._sparse.kneighbors(X[rows], return_distance=False)
                found = _exact.drop_self(np.asarray(found), rows)
        else:
            found = self._query(self._fit_X[rows], self.n_neighbors - 1, rows)[0]
        self._release()
        return found

    def _release(self) -> None:
        self._fit_X = self._index = self._sparse = None
        self._released = True


def _check_k(k, name: str) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"{name} must be an int >= 1; got {k!r}.")
    return int(k)
