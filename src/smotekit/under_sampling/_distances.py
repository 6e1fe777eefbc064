"""Distances between two sets of rows, for samplers that compare a class with another."""

from __future__ import annotations

import numpy as np

from .. import neighbors
from .._validation import describe


def query_estimator(n_neighbors, name: str):
    """(estimator, k): a search to fit on one set and query with another, for ``k`` neighbours.

    An int ``k`` gets smotekit's search; an object is cloned and asked for its own
    ``n_neighbors`` (no row is its own neighbour here: the two sets differ).
    """
    if isinstance(n_neighbors, (int, np.integer)) and not isinstance(n_neighbors, bool):
        return neighbors.make_estimator(n_neighbors, name), int(n_neighbors)
    if not (hasattr(n_neighbors, "kneighbors") and hasattr(n_neighbors, "fit")):
        raise ValueError(
            f"{name} must be an int >= 1 or an object with fit and kneighbors methods "
            f"(such as sklearn.neighbors.NearestNeighbors); got {describe(n_neighbors)}."
        )
    from sklearn.base import clone

    k = getattr(n_neighbors, "n_neighbors", None)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"{name}: the estimator's n_neighbors must be an int >= 1; got {k!r}.")
    return clone(n_neighbors), int(k)


def check_reference(n_reference: int, k: int, name: str, what: str) -> None:
    if n_reference < k:
        raise ValueError(
            f"{name}={k} needs at least {k} rows of {what}; it has {n_reference}. Use "
            f"{name}={n_reference} or smaller."
        )


def nearest_distances(
    estimator, reference, queries, k: int, name: str = "n_neighbors", what: str = "the minority"
) -> tuple[np.ndarray, np.ndarray]:
    """(distances, positions in ``reference``) of each query row's ``k`` nearest reference
    rows, nearest first."""
    check_reference(reference.shape[0], k, name, what)
    estimator.fit(reference)
    if queries.shape[0] == 0:
        return np.empty((0, k)), np.empty((0, k), dtype=np.intp)
    dist, idx = estimator.kneighbors(queries, n_neighbors=k, return_distance=True)
    return np.asarray(dist, dtype=np.float64), np.asarray(idx)
