"""Dense synthetic rows from a :class:`~smotekit._plan.Plan`: float and integer data.

Work is done in bounded chunks so the temporaries stay small whatever ``n_new`` is: peak
memory is the input, the output and one chunk. Large float blocks go through a compiled
kernel instead (:mod:`smotekit._native`: parallel over rows, no temporaries at all); it performs
the same float operations in the same order, so both paths give identical rows. A row
between two finite rows is finite (see ``_segments``), and integer output is clipped
into its dtype, never wrapped.
"""

from __future__ import annotations

import numpy as np

from .. import _native
from .._numeric import to_integer
from .._parallel import call, check_positions
from .._plan import Plan

CHUNK_BYTES = 16 * 2**20
KERNEL_MIN_VALUES = 2**16  # below this many output values numpy is about as fast
SERIAL_VALUES = 2**18  # below this many the kernel runs on the calling thread alone


def chunk_rows(n_features: int, itemsize: int) -> int:
    return max(256, CHUNK_BYTES // max(1, n_features * itemsize))


def fill_dense(X: np.ndarray, plan: Plan, out: np.ndarray, rounded: np.ndarray) -> None:
    """Write synthetic row ``i`` of ``plan`` into ``out[i]``.

    Arithmetic is done in ``out``'s float dtype (float64 for integer ``out``), so float32
    data never meets a float64 temporary. Columns marked in ``rounded``, and every column of
    an integer ``out``, are rounded to the nearest integer rather than truncated.
    """
    check_positions("the plan's base rows", plan.base, X.shape[0])
    check_positions("the plan's neighbour rows", plan.neighbor, X.shape[0])
    if _use_kernel(X, out):
        step = np.ascontiguousarray(plan.step, dtype=out.dtype)
        base = np.ascontiguousarray(plan.base, dtype=np.int64)
        neighbor = np.ascontiguousarray(plan.neighbor, dtype=np.int64)
        mask = np.ascontiguousarray(rounded, dtype=np.bool_)
        small = out.size < SERIAL_VALUES
        call(_native.fill_rows, X, base, neighbor, step, out, mask, small=small)
        return
    work = out.dtype if out.dtype.kind == "f" else np.dtype(np.float64)
    round_all = out.dtype.kind != "f" or bool(rounded.all())
    round_some = not round_all and bool(rounded.any())
    step_all = plan.step.astype(work, copy=False)
    size = chunk_rows(X.shape[1], work.itemsize)
    for start in range(0, len(plan), size):
        sl = slice(start, start + size)
        rows = _segments(X, plan.base[sl], plan.neighbor[sl], step_all[sl], work)
        if round_all:
            np.rint(rows, out=rows)
        elif round_some:
            rows[:, rounded] = np.rint(rows[:, rounded])
        if out.dtype.kind in "iu":
            rows = _integer_rows(X, plan.base[sl], plan.neighbor[sl], step_all[sl], rows, out.dtype)
        out[sl] = rows  # casts to a bool ``out`` after rounding


def _segments(X, base_rows, neighbor_rows, step, work) -> np.ndarray:
    """``x + s * (m - x)`` for the rows of X at ``base_rows`` (x) and ``neighbor_rows`` (m)
    with steps ``step``, computed in ``work``.

    Where ``m - x`` overflows (finite values near the dtype's limit with opposite signs),
    those cells are ``x * (1 - s) + s * m`` instead: the same point, computed without the
    difference, so it cannot overflow; every other cell is unchanged. The compiled kernel
    makes the same choice cell by cell with the same operations, so both paths agree.
    """
    base = X.take(base_rows, axis=0).astype(work, copy=False)
    delta = X.take(neighbor_rows, axis=0).astype(work, copy=False)
    with np.errstate(over="ignore", invalid="ignore"):
        delta -= base
        over = np.isinf(delta)  # X is finite, so only an overflowed difference is infinite
        delta *= step[:, None]
        delta += base
    if over.any():
        r, c = np.nonzero(over)
        x = base[r, c]
        m = X[neighbor_rows[r], c].astype(work, copy=False)
        s = step[r]
        delta[r, c] = x * (1 - s) + s * m
    return delta


def _integer_rows(X, base_rows, neighbor_rows, step, rows: np.ndarray, dtype) -> np.ndarray:
    """Rounded float ``rows`` in integer ``dtype``: clipped into its range, never wrapped.

    64-bit integers beyond 2**53 are not all float64s (``2**64 - 1`` rounds to ``2**64``):
    a chunk with such rows is made as ``x + rint(s * (m - x))``, the offset added in
    (wrapping) integer arithmetic, and kept between its two parents, where every point of
    a segment lies (a sum that wrapped past the dtype's edge is put back at the far
    parent). Smaller values are exact in float64 and keep the float result.
    """
    values = to_integer(rows, dtype)
    if X.dtype != dtype or dtype.itemsize != 8:
        return values
    x = X.take(base_rows, axis=0)
    m = X.take(neighbor_rows, axis=0)
    exact = 2**53
    if all(((v <= exact) & (v >= -exact)).all() for v in (x, m)):
        return values
    span = m.astype(np.float64) - x.astype(np.float64)
    offset = np.rint(step[:, None] * span)
    half = np.trunc(offset / 2)  # each half fits in int64; a uint64 sum wraps, as wanted
    total = x.view(np.uint64).copy()
    for part in (half, offset - half):
        total += to_integer(part, np.int64).view(np.uint64)
    values = total.view(dtype)
    # The float offset may round past the far parent (2**63 - 1 - 0 is 2**63 as a float);
    # at the dtype's edge the integer sum then wraps around to the other end. A sum on the
    # wrong side of x wrapped: it belongs at the far parent, where the clip keeps the rest.
    wrapped = ((offset > 0) & (values < x)) | ((offset < 0) & (values > x))
    values[wrapped] = m[wrapped]
    return np.clip(values, np.minimum(x, m), np.maximum(x, m), out=values)


def _use_kernel(X: np.ndarray, out: np.ndarray) -> bool:
    """float32 or float64 rows into an array of the same dtype, and enough of them."""
    return (
        out.size >= KERNEL_MIN_VALUES
        and out.dtype in (np.float32, np.float64)
        and X.dtype == out.dtype
        and X.ndim == 2
        and X.flags.c_contiguous
        and out.flags.c_contiguous
    )
