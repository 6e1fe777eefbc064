"""Building blocks the SMOTE variants share: who the seeds are, how many rows each gets,
and the plan of segments from seeds to their neighbours.

Every variant writes a :class:`~smotekit._plan.Plan` from these; none of them touches
validation, containers or interpolation.
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass

import numpy as np

from .. import neighbors
from .._base import ResamplingWarning, classes_to_grow
from .._numeric import to_integer
from .._plan import Plan
from .._validation import describe

__all__ = [
    "Offsets",
    "apportion",
    "as_float",
    "check_number",
    "classes_to_grow",
    "finish_offsets",
    "nearest_other_rows",
    "offset_plan",
    "other_class_counts",
    "refuse_sparse",
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


@dataclass(frozen=True)
class Offsets:
    """Displacements off the segment: synthetic row ``i`` is its interpolation plus
    ``values[i]``.

    For methods whose rows do not lie on a segment between two input rows (points in a
    hyper-sphere or a box around a row, a row translated by a codebook difference), the
    plan still names the two parents and the step along them, and this block, carried as
    the plan's additive ``noise``, holds the rest: ``row = base + step * (neighbor - base)
    + offset``. The sampler exposes the same array as ``synthetic_offsets_``, so the
    provenance stays complete. Integer columns are rounded again after the offset is added
    (and an integer dtype's values clipped into its range).
    Dense input only (a sparse row cannot take a dense offset): such samplers call
    :func:`refuse_sparse`.
    """

    values: np.ndarray  # (n_new, n_features), float64

    @classmethod
    def concat(cls, offsets: list, sizes: list[int]) -> Offsets:
        width = next(o.values.shape[1] for o in offsets if o is not None)
        parts = [
            np.zeros((size, width)) if o is None else o.values
            for o, size in zip(offsets, sizes, strict=True)
        ]
        return cls(np.concatenate(parts))

    def add_to(self, rows: np.ndarray, rounded: np.ndarray) -> None:
        """Add the offsets to ``rows`` in place; ``rounded`` columns are rounded afterwards."""
        if rows.dtype.kind != "f":
            # Clipped into the integer dtype, never wrapped: an offset may carry a row past
            # the dtype's limits (a sphere around a row at the limit), or round there.
            moved = np.rint(rows + self.values)
            rows[...] = to_integer(moved, rows.dtype) if rows.dtype.kind in "iu" else moved
            return
        rows += self.values.astype(rows.dtype, copy=False)
        if rounded.any():
            rows[:, rounded] = np.rint(rows[:, rounded])


def offset_plan(base, neighbor, step, offsets, label) -> Plan:
    """A plan whose rows are off their segments by ``offsets`` (see :class:`Offsets`)."""
    return Plan(
        base=np.asarray(base, dtype=np.intp),
        neighbor=np.asarray(neighbor, dtype=np.intp),
        step=np.asarray(step, dtype=np.float64),
        label=np.full(len(base), label),
        noise=Offsets(np.asarray(offsets, dtype=np.float64)),
    )


def finish_offsets(sampler, plan: Plan, n_features: int) -> Plan:
    """Record ``synthetic_offsets_`` (n_new x n_features) of a plan built from offset plans."""
    if plan.noise is None:
        sampler.synthetic_offsets_ = np.zeros((len(plan), n_features))
        return plan
    values = plan.noise.values
    if not np.isfinite(values).all():
        # The offsets come from finite rows, so a non-finite one overflowed: a class spread
        # over nearly the whole float64 range, where a sphere or translation built from
        # two of its rows has no float64 value.
        i = int(np.flatnonzero(~np.isfinite(values).all(axis=1))[0])
        label = describe(plan.label[i])
        raise ValueError(
            f"{type(sampler).__name__}: synthetic row {i} (class {label}, built from "
            f"rows {int(plan.base[i])} and {int(plan.neighbor[i])}) is off its segment by an "
            "offset beyond float64: the class's values span nearly the whole float64 range. "
            "Rescale X (for example with sklearn.preprocessing.StandardScaler) and resample."
        )
    sampler.synthetic_offsets_ = values
    return plan


def refuse_sparse(sampler, X) -> None:
    """Samplers whose rows leave their segments, or that do dense row arithmetic (cluster
    directions, distances), work on dense rows only."""
    import scipy.sparse as sp

    if sp.issparse(X):
        raise ValueError(
            f"{type(sampler).__name__} computes with dense rows (its synthetic rows may leave "
            "the segments between input rows), so X must be dense; got a sparse matrix. "
            "Convert X with X.toarray() if it fits in memory, or use SMOTE."
        )


def check_number(name: str, value, low: float, high: float = float("inf"), *, open_low=False):
    """A real number in ``[low, high]`` (``(low, high]`` with ``open_low``), or a clear error.

    Examples
    --------
    >>> check_number("energy", 0.5, 0.0, open_low=True)
    0.5
    >>> check_number("thres", 2, 0.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: thres must be a number in [0.0, 1.0]; got 2.
    """
    real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not (real and (value > low if open_low else value >= low) and value <= high):
        if high == float("inf"):
            allowed = f"> {low}" if open_low else f">= {low}"
        else:
            allowed = f"in {'(' if open_low else '['}{low}, {high}]"
        raise ValueError(f"{name} must be a number {allowed}; got {describe(value)}.")
    return float(value)


def as_float(X) -> np.ndarray:
    """``X`` as floats for distance arithmetic (no copy for float input)."""
    X = np.asarray(X)
    return X if X.dtype.kind == "f" else X.astype(np.float64)


def nearest_other_rows(X, query: np.ndarray, targets: np.ndarray, k: int):
    """``(distances, positions in X)`` of the ``k`` nearest rows ``targets`` of each row
    ``query`` (all positions in X), nearest first; ``k`` is capped at ``len(targets)``."""
    k = min(k, targets.size)
    search = neighbors.make_estimator(max(k, 1))
    search.fit(as_float(X[targets]))
    dist, idx = search.kneighbors(as_float(X[query]), n_neighbors=k)
    return np.asarray(dist), targets[np.asarray(idx)]
