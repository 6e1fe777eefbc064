"""Building blocks the SMOTE variants share: who the seeds are, how many rows each gets,
and the plan of segments from seeds to their neighbours.

Every variant writes a :class:`~smotekit._plan.Plan` from these; none of them touches
validation, containers or interpolation.
"""

from __future__ import annotations

import warnings

import numpy as np

from .. import neighbors
from .._base import ResamplingWarning, classes_to_grow
from .._plan import Plan

__all__ = [
    "apportion",
    "classes_to_grow",
    "other_class_counts",
    "seeded_plan",
    "skip_class",
]


def seeded_plan(rows, neighbors_, seeds, rng: np.random.Generator, label, neighbor_rows=None):
    """Plan one synthetic row per entry of ``seeds``: a segment from the seed to a neighbour.

    Parameters
    ----------
    rows : ndarray of shape (m,)
        Positions in X of the candidate seed rows.
    neighbors_ : ndarray of shape (m, k)
        ``neighbors_[i]``: the neighbours of candidate ``i``, as indices into
        ``neighbor_rows`` (by default into ``rows``: neighbours of the same class).
    seeds : ndarray of int
        For each synthetic row, the candidate (index into ``rows``) it starts from.
    rng : numpy Generator
        Draws one neighbour uniformly among the seed's ``k`` and a step from U(0, 1).
    label
        The class of the synthetic rows.
    neighbor_rows : ndarray, optional
        Maps the values of ``neighbors_`` to positions in X.

    Examples
    --------
    >>> import numpy as np
    >>> rows = np.array([10, 11, 12])
    >>> nearest = np.array([[1, 2], [0, 2], [0, 1]])
    >>> plan = seeded_plan(rows, nearest, np.array([0, 0, 2]), np.random.default_rng(0), 1)
    >>> plan.base.tolist()
    [10, 10, 12]
    >>> bool(np.all(plan.neighbor != plan.base))
    True
    """
    neighbor_rows = rows if neighbor_rows is None else neighbor_rows
    seeds = np.asarray(seeds, dtype=np.intp)
    column = rng.integers(0, neighbors_.shape[1], size=seeds.size)
    step = rng.random(seeds.size)
    return Plan(
        base=rows[seeds],
        neighbor=neighbor_rows[neighbors_[seeds, column]],
        step=step,
        label=np.full(seeds.size, label),
    )


def apportion(total: int, weights) -> np.ndarray:
    """Split ``total`` rows over ``weights`` exactly (largest remainders get the leftovers).

    The counts sum to ``total``, and a larger weight never gets fewer rows than a smaller
    one (ties in the remainder go to the earlier weight).

    Examples
    --------
    >>> apportion(10, [0.5, 0.3, 0.2]).tolist()
    [5, 3, 2]
    >>> apportion(7, [1, 1, 1]).tolist()
    [3, 2, 2]
    """
    weights = np.asarray(weights, dtype=np.float64)
    share = total * weights / weights.sum()
    counts = np.floor(share).astype(np.int64)
    left = int(total - counts.sum())
    if left > 0:
        # Stable order on the negated remainder: ties keep their input order.
        order = np.argsort(-(share - counts), kind="stable")
        counts[order[:left]] += 1
    return counts


def other_class_counts(X, y: np.ndarray, rows: np.ndarray, estimator) -> np.ndarray:
    """For each row in ``rows``: how many of its nearest rows of all X have another class."""
    nearest = neighbors.among(X, rows, estimator)
    return (y[nearest] != y[rows][:, None]).sum(axis=1)


def skip_class(sampler, label, reason: str) -> None:
    """Record in ``sampler.skipped_classes_`` and warn that ``label`` got no rows, and why."""
    sampler.skipped_classes_[label] = reason
    warnings.warn(
        f"{type(sampler).__name__}: no rows generated for class {label!r}: {reason}",
        ResamplingWarning,
        stacklevel=5,
    )
