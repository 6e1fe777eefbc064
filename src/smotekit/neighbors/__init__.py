"""The k-nearest-neighbour service every sampler uses.

Samplers call :func:`within` (each row's nearest *other* rows of the same array) or
:func:`among` and never build a search structure themselves, so faster or approximate
backends plug in here once.

An int ``k_neighbors`` becomes smotekit's own :class:`NeighborSearch` (``method="exact"``:
a k-d tree at low dimension, else a certified float32 brute force, in ``_exact``;
``"approximate"``: an inverted-file index, in ``_approximate``; their compiled kernels are in
:mod:`smotekit._native`); an object passed instead is cloned and used through its ``fit`` /
``kneighbors``.
"""

from __future__ import annotations

import numpy as np

from .._validation import describe
from ._constants import METHODS
from ._exact import drop_self
from ._search import NeighborSearch

__all__ = [
    "METHODS",
    "NeighborSearch",
    "among",
    "drop_self",
    "make_estimator",
    "n_neighbors_of",
    "within",
]


def make_estimator(k_neighbors, name: str = "k_neighbors", method: str = "exact"):
    """Estimator that answers ``kneighbors`` for ``k`` neighbours besides the row itself.

    ``k_neighbors`` is an int ``k`` (a ``NeighborSearch(n_neighbors=k + 1, method=method)``)
    or an object with ``kneighbors`` and ``n_neighbors``, which is cloned so the caller's is
    not fitted; ``method`` does not apply to it.
    """
    from sklearn.base import clone

    if method not in METHODS:
        raise ValueError(f"neighbors must be one of {METHODS}; got {describe(method)}.")
    if isinstance(k_neighbors, (int, np.integer)) and not isinstance(k_neighbors, bool):
        if k_neighbors < 1:
            raise ValueError(
                f"{name} must be an int >= 1 or an object with a kneighbors method; "
                f"got {k_neighbors}."
            )
        return NeighborSearch(n_neighbors=int(k_neighbors) + 1, method=method)
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
    it out), the farthest of the ``k + 1`` is dropped instead. smotekit's own estimator
    leaves each row out of its own search directly.
    """
    if hasattr(estimator, "_within"):
        return estimator._within(X)
    estimator.fit(X)
    found = np.asarray(estimator.kneighbors(X, return_distance=False))
    return drop_self(found)


def among(X, rows: np.ndarray, estimator) -> np.ndarray:
    """Positions (len(rows), k) in ``X`` of the k nearest other rows of ``X[rows]``.

    ``estimator`` is fitted on all of ``X`` and asked for ``k + 1`` neighbours of each row
    in ``rows``; each query row itself is dropped as in :func:`within`.
    """
    if hasattr(estimator, "_among"):
        return estimator._among(X, rows)
    estimator.fit(X)
    if len(rows) == 0:
        return np.empty((0, n_neighbors_of(estimator)), dtype=np.intp)
    found = np.asarray(estimator.kneighbors(X[rows], return_distance=False))
    return drop_self(found, np.asarray(rows))
