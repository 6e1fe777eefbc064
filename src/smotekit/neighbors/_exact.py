"""Exact k-nearest neighbours: a k-d tree at low dimension, certified float32 brute force above.

Brute force is computed in float32 blocks (the compiled kernels of :mod:`smotekit._native`) keeping
``k + EXTRA`` candidates per row, then every candidate is re-ranked with float64 distances.
That is exact because of a bound: the float32 value of ``|a|^2 + |b|^2 - 2 a.b`` on centred,
power-of-two-scaled rows is within ``margin = 4 (d + 8) 2^-24 (|a|^2 + |b|^2)`` of the true
squared distance, so every row that was *not* kept is at least ``threshold - margin`` away,
where ``threshold`` is the largest float32 value kept. A row whose float64 k-th distance
is within that bound is certified; the rare others (near-ties at the threshold,
duplicates) are searched again in plain float64. Ties at equal distance go to the lower
row index, but may be broken differently from scikit-learn.
"""

from __future__ import annotations

import math

import numpy as np

from .. import _native
from .._parallel import call, check_positions, interrupt_after, n_threads
from ._constants import BLOCK

TREE_MAX_DIM = 8  # k-d trees lose to brute force quickly above this (as in scikit-learn)
TREE_QUERY_ROWS = 1 << 15  # queries per threaded k-d tree call: an interrupt waits for one
EXTRA = 3  # float32 candidates kept beyond k: room for the float64 re-rank to reorder
SMALL = 512  # at most this many rows: plain float64 brute force in numpy
EPS32 = 2.0**-24
MAX_EXPONENT = 1023  # 2^1023 is the largest power of two a float64 holds
SERIAL_WORK = 2**21  # multiply-adds below which a kernel runs on the calling thread alone


def _contiguous(X: np.ndarray) -> np.ndarray:
    if X.dtype not in (np.float32, np.float64):
        X = X.astype(np.float64)
    return np.ascontiguousarray(X)


def _centre_and_scale(X: np.ndarray) -> tuple[np.ndarray, float, bool]:
    """The shift, a power-of-two scale and whether float32 arithmetic is exact on the rows.

    Small integers (counts, codes: where ties abound) are left as they are: every float32
    product and sum of them is exact, so the error margin is zero and ties certify.
    Otherwise rows are centred and scaled near 1, so float32 neither overflows nor
    underflows (scaling by 2^e changes no ranking).
    """
    d = X.shape[1]
    low, high = X.min(axis=0), X.max(axis=0)
    biggest = max(float(np.abs(low).max()), float(np.abs(high).max()))
    if _small_enough(biggest, d) and _all_integers(X):
        return np.zeros(d), 1.0, True
    mu = X.mean(axis=0, dtype=np.float64)
    if not np.isfinite(mu).all():  # the sum overflowed: near float64's limit, use midranges
        mu = low / 2.0 + high / 2.0
    spread = max(float(np.abs(high - mu).max()), float(np.abs(low - mu).max()))
    return mu * power_of_two_scale(spread), power_of_two_scale(spread), False


def power_of_two_scale(spread: float) -> float:
    """``2^-floor(log2(spread))``: brings ``spread`` into [1, 2), as far as a finite float
    allows. A spread below about 1e-308 (subnormal) would need a scale above float64's
    largest, which would overflow to inf and turn every packed row into NaN; it gets
    ``2^1023`` instead, which still lifts it far above float32's smallest normal."""
    if spread == 0.0 or not math.isfinite(spread):
        return 1.0
    exponent = math.frexp(spread)[1] - 1  # spread = m * 2^exponent, 1 <= m < 2
    return math.ldexp(1.0, min(-exponent, MAX_EXPONENT))


def _small_enough(biggest: float, d: int) -> bool:
    """Integers this small keep every float32 product and sum of d terms exact."""
    return biggest <= 2.0**10 / np.sqrt(d)


def _all_integers(X: np.ndarray) -> bool:
    step = max(1, (1 << 20) // max(1, X.shape[1]))
    return all(
        np.array_equal(part, np.rint(part)) for part in np.split(X, range(step, len(X), step))
    )


class Packed:
    """Rows as the float32 kernels want them: centred, scaled, padded to whole blocks."""

    def __init__(self, X: np.ndarray, mu: np.ndarray, scale: float, exact: bool):
        n, d = X.shape
        self.exact = exact
        self.n = n
        self.dp = -(-d // 4) * 4
        n_pad = -(-n // BLOCK) * BLOCK
        self.Q = np.zeros((n_pad, self.dp), np.float32)
        self.NQ = np.full(n_pad, np.inf, np.float32)
        self.norm64 = np.empty(n)
        small = X.size * 64 < SERIAL_WORK
        mu = np.ascontiguousarray(mu, dtype=np.float64)
        call(_native.pack, X, mu, scale, self.Q, self.NQ, self.norm64, small=small)

    def transposed(self):
        m = self.Q.shape[0] // BLOCK
        XT = np.ascontiguousarray(self.Q.reshape(m, BLOCK, self.dp).transpose(0, 2, 1))
        return XT, self.NQ.reshape(m, BLOCK)

    def margin(self, norm_ref_max: float) -> np.ndarray:
        if self.exact:
            return np.zeros(self.n)
        return 4.0 * (self.dp + 8) * EPS32 * (self.norm64 + norm_ref_max)


def _fits_exactly(Xq: np.ndarray) -> bool:
    """Queries of an integer index keep float32 exact if they are small integers too."""
    return _small_enough(float(np.abs(Xq).max(initial=0.0)), Xq.shape[1]) and _all_integers(Xq)


def _lists(n_rows: int, K: int):
    return np.full((n_rows, K), np.inf, np.float32), np.full((n_rows, K), -1, np.int64)


def _certify(Xq, X, cand, threshold, margin, scale, self_rows, k):
    """Re-rank candidates in float64; search again the rows the bound cannot certify."""
    n = Xq.shape[0]
    idx = np.empty((n, k), np.int64)
    dist = np.empty((n, k), np.float64)
    small = cand.size * X.shape[1] < SERIAL_WORK
    check_positions("the float32 candidates", cand, X.shape[0], lowest=-1)  # rerank reads X
    call(_native.rerank, Xq, X, cand, self_rows, idx, dist, small=small)
    kth = dist[:, k - 1] * (scale * scale)
    bound = threshold.astype(np.float64) - margin
    # Not certified either: a row short of k candidates, or values float32 cannot hold.
    certified = np.isfinite(kth) & np.isfinite(bound) & (kth <= bound)
    redo = np.flatnonzero(~certified)
    if redo.size:
        sub = brute_rows(np.ascontiguousarray(Xq[redo]), X, self_rows[redo], k)
        idx[redo], dist[redo] = sub
    return idx, dist


def small_brute(Xq: np.ndarray, X: np.ndarray, self_rows: np.ndarray, k: int):
    """float64 brute force in numpy for small X: (indices, squared distances).

    Distances are summed from differences; ties go to the lower row index (stable sort).
    """
    nq = Xq.shape[0]
    idx = np.empty((nq, k), np.int64)
    dist = np.empty((nq, k))
    Xf = X.astype(np.float64, copy=False)
    step = max(1, 2**22 // max(1, X.shape[0] * X.shape[1]))
    for start in range(0, nq, step):
        with np.errstate(over="ignore"):  # an infinite distance still ranks last
            diff = Xq[start : start + step, None, :].astype(np.float64) - Xf[None, :, :]
            d2 = np.einsum("ijk,ijk->ij", diff, diff)
        mine = self_rows[start : start + step]
        has_self = np.flatnonzero(mine >= 0)
        d2[has_self, mine[has_self]] = np.inf
        if k == 1 and not np.isnan(d2).any():
            # The first minimum is what the stable sort puts first; argmin finds it without
            # sorting every row (a nan, which argmin would pick, sorts last instead).
            order = d2.argmin(axis=1)[:, None]
        else:
            order = np.argsort(d2, axis=1, kind="stable")[:, :k]
        idx[start : start + step] = order
        dist[start : start + step] = np.take_along_axis(d2, order, axis=1)
    return idx, dist


def brute_rows(Xq: np.ndarray, X: np.ndarray, self_rows: np.ndarray, k: int):
    """float64 brute force of some queries: numpy for small X, else the compiled kernel."""
    if X.shape[0] <= SMALL:
        return small_brute(Xq, X, self_rows, k)
    idx = np.empty((Xq.shape[0], k), np.int64)
    dist = np.empty((Xq.shape[0], k), np.float64)
    small = Xq.shape[0] * X.size < SERIAL_WORK
    call(_native.brute64, Xq, X, self_rows, idx, dist, small=small)
    return idx, dist


def self_brute(X: np.ndarray, k: int):
    """Each row's k nearest other rows of X: (indices, squared distances), nearest first."""
    X = _contiguous(X)
    n = X.shape[0]
    rows = np.arange(n, dtype=np.int64)
    if n <= SMALL or n - 1 <= k + EXTRA:
        return small_brute(X, X, rows, k)
    mu, scale, exact = _centre_and_scale(X)
    packed = Packed(X, mu, scale, exact)
    XT, NR = packed.transposed()
    hd, hi = _lists(packed.Q.shape[0], k + EXTRA)
    small = n * n // 2 * packed.dp < SERIAL_WORK
    call(_native.self_knn, packed.Q, packed.NQ, XT, NR, hd, hi, small=small)
    margin = packed.margin(float(packed.norm64.max()))
    return _certify(X, X, hi[:n], hd[:n, -1], margin, scale, rows, k)


class BruteIndex:
    """Fitted rows for exact queries from other arrays (the certified float32 search)."""

    def __init__(self, X: np.ndarray):
        self.X = _contiguous(X)
        self.mu, self.scale, self.exact = _centre_and_scale(self.X)
        self._packed = None

    def query(self, Xq: np.ndarray, k: int, self_rows=None):
        """(indices, squared distances) of the k nearest fitted rows of each query row.

        ``self_rows[i]``, when given, is query i's own row among the fitted rows: never
        returned, even when duplicates tie with it.
        """
        Xq = _contiguous(Xq)
        nq, n = Xq.shape[0], self.X.shape[0]
        selves = np.full(nq, -1, np.int64)
        if self_rows is not None:
            selves = np.ascontiguousarray(self_rows, dtype=np.int64)
        K = k + EXTRA + (self_rows is not None)
        if n <= SMALL or n <= K or nq == 0:
            return small_brute(Xq, self.X, selves, k)
        if self._packed is None:
            packed = Packed(self.X, self.mu, self.scale, self.exact)
            self._packed = (*packed.transposed(), float(packed.norm64.max()))
        XT, NR, norm_max = self._packed
        queries = Packed(Xq, self.mu, self.scale, self.exact and _fits_exactly(Xq))
        hd, hi = _lists(queries.Q.shape[0], K)
        small = nq * n * queries.dp < SERIAL_WORK
        call(_native.query_knn, queries.Q, queries.NQ, XT, NR, hd, hi, small=small)
        margin = queries.margin(norm_max)
        return _certify(Xq, self.X, hi[:nq], hd[:nq, -1], margin, self.scale, selves, k)


class TreeIndex:
    """A k-d tree (scipy's, queried on `_parallel.n_threads()` threads) for low-dimensional data."""

    def __init__(self, X: np.ndarray):
        from scipy.spatial import cKDTree

        self.X = np.asarray(X, dtype=np.float64)
        self.tree = cKDTree(self.X)

    def query(self, Xq: np.ndarray, k: int, self_rows=None):
        if Xq.shape[0] == 0:
            return np.empty((0, k), np.int64), np.empty((0, k))
        m = k + (self_rows is not None)
        Xq = np.asarray(Xq, dtype=np.float64)
        dist = np.empty((Xq.shape[0], m))
        idx = np.empty((Xq.shape[0], m), np.int64)
        # Bounded pieces, each with Ctrl-C held until its threads are done: an interrupt
        # inside scipy's threaded query crashed the process (see _parallel.interrupt_after).
        for start in range(0, Xq.shape[0], TREE_QUERY_ROWS):
            part = slice(start, start + TREE_QUERY_ROWS)
            with interrupt_after():
                d, i = self.tree.query(Xq[part], k=m, workers=n_threads())
            dist[part] = np.asarray(d).reshape(-1, m)
            idx[part] = np.asarray(i).reshape(-1, m)
        lost = np.flatnonzero((idx >= len(self.X)).any(axis=1))
        if lost.size:  # the tree reports no neighbour where distances overflow: brute force
            Xl = np.ascontiguousarray(Xq[lost], dtype=np.float64)
            selves = np.full(lost.size, -1, np.int64)
            idx[lost], squared = brute_rows(Xl, self.X, selves, m)
            dist[lost] = np.sqrt(squared)
        if self_rows is not None:
            idx, dist = drop_self(idx, np.asarray(self_rows), dist)
        return idx, dist * dist


def drop_self(found: np.ndarray, selves: np.ndarray | None = None, dist=None):
    """Drop from each row of ``found`` its query row (``selves``, default ``0..n-1``).

    Where the query row is absent (exact duplicates can push it out), the last (farthest)
    column is dropped instead: (n, m) -> (n, m - 1). With ``dist``, the same cells of it
    are dropped too and both are returned.
    """
    n, m = found.shape
    selves = np.arange(n) if selves is None else selves
    is_self = found == selves[:, None]
    first = is_self & (np.cumsum(is_self, axis=1) == 1)
    first[~first.any(axis=1), -1] = True
    keep = ~first
    if dist is None:
        return found[keep].reshape(n, m - 1)
    return found[keep].reshape(n, m - 1), dist[keep].reshape(n, m - 1)


def use_tree(n_features: int) -> bool:
    return n_features <= TREE_MAX_DIM


def self_search(X: np.ndarray, k: int):
    """Exact (indices, squared distances) of each row's k nearest other rows of X."""
    n, d = X.shape
    if use_tree(d) and n > SMALL:
        return TreeIndex(X).query(X, k, np.arange(n))
    return self_brute(X, k)


def make_index(X: np.ndarray):
    """An index of X answering ``query(Xq, k)`` exactly."""
    return TreeIndex(X) if use_tree(X.shape[1]) and X.shape[0] > SMALL else BruteIndex(X)
