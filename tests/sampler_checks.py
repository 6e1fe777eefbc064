"""Helpers for the tests, imported by name (``from sampler_checks import ...``).

Nothing here imports smotekit: the checks are written from the definitions (a brute-force
neighbour search with no expansion trick; SMOTE's synthetic row lies on the segment from a
class row to one of its k nearest same-class rows), so they can catch the library's
neighbour search and interpolation getting it wrong. Fixtures and hypothesis profiles live
in ``conftest.py``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import pandas as pd
import polars as pl
import polars.testing
import scipy.sparse as sp


def sq_dists(A, B=None) -> np.ndarray:
    """Exact squared Euclidean distances between rows (float64, no expansion trick)."""
    A = np.asarray(A, dtype=np.float64)
    B = A if B is None else np.asarray(B, dtype=np.float64)
    diff = A[:, None, :] - B[None, :, :]
    return np.einsum("ijk,ijk->ij", diff, diff)


def nearest_others(X, k: int) -> np.ndarray:
    """(n, k) positions of each row's k nearest other rows, nearest first (stable on ties)."""
    d2 = sq_dists(X)
    np.fill_diagonal(d2, np.inf)
    return np.argsort(d2, axis=1, kind="stable")[:, :k]


def class_pairs(X, y, label, k: int) -> set:
    """Every (row, neighbour) pair of ``label``'s rows and their k nearest same-class rows."""
    rows = np.flatnonzero(np.asarray(y) == label)
    order = nearest_others(np.asarray(X)[rows], k)
    return {(rows[i], rows[j]) for i in range(rows.size) for j in order[i]}


def same_data(a, b) -> bool:
    """``a`` equals ``b`` in type, dtype(s), values and index."""
    if type(a) is not type(b):
        return False
    if sp.issparse(a):
        return a.format == b.format and a.dtype == b.dtype and (a != b).nnz == 0
    if isinstance(a, pd.DataFrame | pd.Series):
        return (
            a.equals(b)
            and a.index.equals(b.index)
            and (
                list(a.dtypes) == list(b.dtypes)
                if isinstance(a, pd.DataFrame)
                else a.dtype == b.dtype
            )
        )
    if isinstance(a, pl.DataFrame | pl.Series):
        return a.equals(b)
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    return a == b


def snapshot(obj):
    """A deep copy to compare the caller's object with after a call."""
    return copy.deepcopy(obj)


# --------------------------------------------------------------------------- tolerances


def value_atol(X, dtype) -> float:
    """Absolute tolerance for comparing an interpolated value computed in ``dtype``."""
    scale = 1.0 + float(np.max(np.abs(np.asarray(X, dtype=np.float64)), initial=0.0))
    return (2e-5 if np.dtype(dtype) == np.float32 else 1e-9) * scale


def distance_tol(X, dtype) -> float:
    """Tolerance on squared distances when deciding ties in the brute-force kNN."""
    Xf = np.asarray(X, dtype=np.float64)
    max_sq = float(np.max(np.einsum("ij,ij->i", Xf, Xf), initial=0.0))
    return (1e-5 if np.dtype(dtype) == np.float32 else 1e-9) * (1.0 + max_sq)


# --------------------------------------------------------------------------- brute force kNN


def knn_acceptable(X_class, k: int, tol: float = 0.0) -> np.ndarray:
    """(m, m) mask: ``[i, j]`` is True when row j may be one of row i's k nearest other rows.

    With distance ties the k nearest are not unique, so every row whose distance to i is at
    most the k-th smallest distance from i to the other rows (+ ``tol``) is acceptable.
    """
    d2 = sq_dists(X_class)
    np.fill_diagonal(d2, np.inf)
    kth = np.sort(d2, axis=1)[:, k - 1]
    return d2 <= kth[:, None] + tol


def global_acceptable(X, y, k: int, tol: float = 0.0) -> np.ndarray:
    """(n, n) mask over positions of X: same class and within the brute-force kNN."""
    y = np.asarray(y)
    n = y.shape[0]
    mask = np.zeros((n, n), dtype=bool)
    for label in np.unique(y):
        rows = np.flatnonzero(y == label)
        if rows.size <= k:
            continue
        mask[np.ix_(rows, rows)] = knn_acceptable(np.asarray(X)[rows], k, tol)
    return mask


def class_segments(X, y, label, k: int, tol: float = 0.0):
    """(base, neighbour) positions in X of every acceptable kNN segment of class ``label``."""
    rows = np.flatnonzero(np.asarray(y) == label)
    local_base, local_nb = np.nonzero(knn_acceptable(np.asarray(X)[rows], k, tol))
    return rows[local_base], rows[local_nb]


def ranked_class_segments(X, y, label, k: int):
    """(base, neighbour, rank 1..k) positions of each class row's k exact nearest neighbours.

    Only meaningful for data without distance ties (continuous random data).
    """
    rows = np.flatnonzero(np.asarray(y) == label)
    order = nearest_others(np.asarray(X)[rows], k)
    m = rows.size
    base = np.repeat(rows, k)
    neighbor = rows[order.ravel()]
    rank = np.tile(np.arange(1, k + 1), m)
    return base, neighbor, rank


def exact_interpolation(X, parents, steps) -> np.ndarray:
    """``X[base] + t * (X[neighbour] - X[base])`` in float64, from recorded provenance.

    The operations are in the same order as a straightforward implementation, so integer
    data rounded with ``np.rint`` can be compared exactly.
    """
    Xf = X.toarray() if sp.issparse(X) else np.asarray(X)
    Xf = Xf.astype(np.float64)
    base, nb = Xf[parents[:, 0]], Xf[parents[:, 1]]
    return base + steps[:, None] * (nb - base)


# --------------------------------------------------------------------------- segment matching


@dataclass
class SegmentMatch:
    """For each point: the chosen segment and how many segments contain the point."""

    segment: np.ndarray  # index into the segment arrays
    base: np.ndarray
    neighbor: np.ndarray
    step: np.ndarray
    n_candidates: np.ndarray
    candidates: list  # per point, the indices of every segment containing it


def segment_fit(points, X, base, neighbor):
    """Projection step ``t`` (clipped to [0, 1]) and distance of each point to each segment.

    Returns two (n_points, n_segments) arrays. A degenerate segment (base == neighbour)
    is a point: ``t`` is 0 and the distance is to that point.
    """
    P = np.asarray(points, dtype=np.float64)
    Xf = np.asarray(X, dtype=np.float64)
    B = Xf[base]
    D = Xf[neighbor] - B
    norm2 = np.einsum("ij,ij->i", D, D)
    safe = np.where(norm2 > 0, norm2, 1.0)
    steps = np.empty((P.shape[0], B.shape[0]))
    dists = np.empty_like(steps)
    chunk = max(1, 2_000_000 // max(1, B.shape[0] * B.shape[1]))
    for start in range(0, P.shape[0], chunk):
        rel = P[start : start + chunk, None, :] - B[None, :, :]
        t = np.einsum("pjk,jk->pj", rel, D) / safe
        t = np.where(norm2 > 0, np.clip(t, 0.0, 1.0), 0.0)
        resid = rel - t[:, :, None] * D[None, :, :]
        steps[start : start + chunk] = t
        dists[start : start + chunk] = np.sqrt(np.einsum("pjk,pjk->pj", resid, resid))
    return steps, dists


def match_segments(points, X, base, neighbor, atol: float, rng=None) -> SegmentMatch:
    """Find, for every point, a (base, neighbour) segment that contains it (within ``atol``).

    When several segments contain a point (the segment a->b and b->a of mutual neighbours
    are the same line), ``rng`` picks one uniformly at random; without ``rng`` the first
    is taken. Fails the test if a point lies on no segment.
    """
    base = np.asarray(base)
    neighbor = np.asarray(neighbor)
    steps, dists = segment_fit(points, X, base, neighbor)
    ok = dists <= atol
    n_cand = ok.sum(axis=1)
    if (n_cand == 0).any():
        bad = int(np.flatnonzero(n_cand == 0)[0])
        raise AssertionError(
            f"point {bad} ({np.asarray(points)[bad]!r}) lies on no kNN segment; nearest "
            f"segment is {dists[bad].min():.3g} away (atol {atol:.3g})"
        )
    candidates = [np.flatnonzero(row) for row in ok]
    if rng is None:
        chosen = np.array([c[0] for c in candidates])
    else:
        chosen = np.array([c[rng.integers(c.size)] for c in candidates])
    idx = np.arange(len(chosen))
    return SegmentMatch(
        segment=chosen,
        base=base[chosen],
        neighbor=neighbor[chosen],
        step=steps[idx, chosen],
        n_candidates=n_cand,
        candidates=candidates,
    )


# --------------------------------------------------------------------------- inputs unchanged


def assert_unchanged(obj, snap) -> None:
    """``obj`` equals its earlier deep copy ``snap``: same type, dtype(s), values, index."""
    assert type(obj) is type(snap)
    if sp.issparse(obj):
        assert obj.format == snap.format
        assert obj.dtype == snap.dtype
        assert obj.shape == snap.shape
        for part in ("data", "indices", "indptr", "row", "col"):  # CSR/CSC or COO internals
            if hasattr(snap, part):
                np.testing.assert_array_equal(getattr(obj, part), getattr(snap, part))
    elif isinstance(obj, pd.DataFrame):
        pd.testing.assert_frame_equal(obj, snap, check_exact=True)
    elif isinstance(obj, pd.Series):
        pd.testing.assert_series_equal(obj, snap, check_exact=True)
    elif isinstance(obj, pl.DataFrame):
        polars.testing.assert_frame_equal(obj, snap)
    elif isinstance(obj, pl.Series):
        polars.testing.assert_series_equal(obj, snap)
    elif isinstance(obj, np.ndarray):
        assert obj.dtype == snap.dtype
        assert obj.shape == snap.shape
        np.testing.assert_array_equal(obj, snap)
    else:
        assert obj == snap


def shifted_classes(seed=0, n=(80, 40, 20), dims=2, shift=0.8):
    """Rows of standard normal noise, class ``c`` (``n[c]`` rows) shifted by ``c * shift``
    in every feature, shuffled: overlapping classes for the under-sampler tests."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(n)), n)
    X = rng.normal(size=(y.size, dims)) + shift * y[:, None]
    order = rng.permutation(y.size)
    return X[order], y[order]
