"""The k-nearest-neighbour service every sampler uses.

Samplers call :func:`within` (each row's nearest *other* rows of the same array) and never
build a search structure themselves, so faster or approximate backends plug in here once.
"""

from __future__ import annotations

import numpy as np

from ._validation import describe

METHODS = ("exact",)


def make_estimator(k_neighbors, name: str = "k_neighbors"):
    """Estimator that answers ``kneighbors`` for ``k`` neighbours besides the row itself.

    ``k_neighbors`` is an int ``k`` (a NearestNeighbors asked for ``k + 1``) or an object
    with ``kneighbors`` and ``n_neighbors``, which is cloned so the caller's is not fitted.
    """
    from sklearn.base import clone
    from sklearn.neighbors import NearestNeighbors

    if isinstance(k_neighbors, (int, np.integer)) and not isinstance(k_neighbors, bool):
        if k_neighbors < 1:
            raise ValueError(
                f"{name} must be an int >= 1 or an object with a kneighbors method; "
                f"got {k_neighbors}."
            )
        return NearestNeighbors(n_neighbors=int(k_neighbors) + 1)
    if not (hasattr(k_neighbors, "kneighbors") and hasattr(k_neighbors, "fit")):
        raise ValueError(
            f"{name} must be an int >= 1 or an object with fit and kneighbors methods "
            f"(such as sklearn.neighbors.NearestNeighbors); got {describe(k_neighbors)}."
        )
    n = getattr(k_neighbors, "n_neighbors", None)
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(
            f"{name}: the estimator's n_neighbors counts the row itself, so it must be an int "
            f">= 2; got {describe(n)}."
        )
    try:
        return clone(k_neighbors)
    except TypeError:
        import copy

        return copy.deepcopy(k_neighbors)


def n_neighbors_of(estimator) -> int:
    """Neighbours per row that ``estimator`` yields once the row itself is dropped."""
    return int(estimator.n_neighbors) - 1


def within(X, estimator) -> np.ndarray:
    """Indices (n, k) of each row's k nearest other rows of ``X``, nearest first.

    ``estimator`` is fitted on ``X`` and asked for ``k + 1`` neighbours of every row. The row
    itself is removed wherever it appears; where it does not appear (exact duplicates can push
    it out), the farthest of the ``k + 1`` is dropped instead.
    """
    estimator.fit(X)
    found = np.asarray(estimator.kneighbors(X, return_distance=False))
    return drop_self(found)


def among(X, rows: np.ndarray, estimator) -> np.ndarray:
    """Positions (len(rows), k) in ``X`` of the k nearest other rows of ``X[rows]``.

    ``estimator`` is fitted on all of ``X`` and asked for ``k + 1`` neighbours of each row
    in ``rows``; each query row itself is dropped as in :func:`within`.
    """
    estimator.fit(X)
    if len(rows) == 0:
        return np.empty((0, n_neighbors_of(estimator)), dtype=np.intp)
    found = np.asarray(estimator.kneighbors(X[rows], return_distance=False))
    return drop_self(found, np.asarray(rows))


def drop_self(found: np.ndarray, selves: np.ndarray | None = None) -> np.ndarray:
    """Drop from each row of ``found`` its query row (``selves``, default ``0..n-1``)."""
    n, m = found.shape
    selves = np.arange(n) if selves is None else selves
    is_self = found == selves[:, None]
    first_self = is_self & (np.cumsum(is_self, axis=1) == 1)
    missing = ~first_self.any(axis=1)
    first_self[missing, -1] = True
    return found[~first_self].reshape(n, m - 1)
