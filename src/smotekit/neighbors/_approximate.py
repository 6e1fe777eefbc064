"""Approximate k nearest neighbours of every row among the others: an inverted-file index.

Rows are grouped around ``n_lists = sqrt(n)`` centroids (a few Lloyd iterations on a
sample drawn with a fixed seed, so results are deterministic). Each row then scans only
the rows of the ``n_probe`` lists whose centroids are nearest to it (9% of the lists, at
least 24), in float32 with the compiled kernels of :mod:`smotekit._native`, keeping
``k + EXTRA`` candidates that are re-ranked with float64 distances. A true neighbour is
missed only when it lies outside all of the row's probed lists; every returned distance
is exact. Measured recall@5 against the exact search is in ``docs/performance.md``.

Where the index cannot win, the exact search answers instead (recall 1): classes under
``EXACT_BELOW`` rows, low dimension (the k-d tree is exact and faster) and more than
``MAX_DIM`` features (the lists must be scanned so widely that exact search is as fast).
"""

from __future__ import annotations

import numpy as np

from .. import _native
from .._parallel import call, check_positions
from . import _exact

LIST_FACTOR = 1.0  # n_lists = LIST_FACTOR * sqrt(n)
PROBE_FRACTION = 0.09  # share of the lists each row scans, at least MIN_PROBES lists
MIN_PROBES = 24
LLOYD_ITERATIONS = 4
SEED = 0
EXACT_BELOW = 15000  # smaller classes are searched exactly: it is as fast
MAX_DIM = 48  # above this the lists must be scanned so widely that exact search is as fast
LANES = 4  # lists are padded to a multiple of this: groups of four rows share a list


def n_lists(n: int) -> int:
    return max(1, round(LIST_FACTOR * np.sqrt(n)))


def n_probes(lists: int) -> int:
    return min(lists, max(MIN_PROBES, int(np.ceil(PROBE_FRACTION * lists))))


def _nearest_centroids(Q: np.ndarray, NQ: np.ndarray, centroids: np.ndarray, count: int):
    """(home, probes): each row's nearest centroid and its ``count`` nearest ones.

    ``Q`` / ``NQ`` are float32 rows (padded with columns to a multiple of 4) and norms.
    """
    n = NQ.shape[0]
    C = np.ascontiguousarray(centroids, dtype=np.float32)
    NC = np.einsum("ij,ij->i", C, C)
    n4 = -(-n // 4) * 4
    if n4 != n:  # the kernel takes rows four at a time
        Q = np.vstack([Q, np.zeros((n4 - n, Q.shape[1]), np.float32)])
        NQ = np.concatenate([NQ, np.zeros(n4 - n, np.float32)])
    home = np.empty(n, np.int64)
    probes = np.empty((n, min(count, len(C))), np.int64)
    call(_native.nearest_lists, Q, NQ, np.ascontiguousarray(C.T), NC, count, home, probes)
    return home, probes


def _centroids(Q: np.ndarray, n: int, lists: int) -> np.ndarray:
    """Lloyd's k-means on a sample of the (centred, scaled, float32) rows."""
    rng = np.random.default_rng(SEED)
    sample = Q[np.sort(rng.choice(n, size=min(n, 16 * lists), replace=False))]
    centroids = sample[rng.choice(len(sample), size=lists, replace=False)].astype(np.float64)
    NS = np.einsum("ij,ij->i", sample, sample)
    for _ in range(LLOYD_ITERATIONS):
        home = _nearest_centroids(sample, NS, centroids, 1)[0]
        counts = np.bincount(home, minlength=lists)
        sums = np.zeros_like(centroids)
        np.add.at(sums, home, sample)
        filled = counts > 0
        centroids[filled] = sums[filled] / counts[filled, None]
    return centroids


def self_search(X: np.ndarray, k: int):
    """Approximate (indices, squared distances) of each row's k nearest other rows."""
    X = _exact._contiguous(X)
    n = X.shape[0]
    d = X.shape[1]
    if n < EXACT_BELOW or d > MAX_DIM or _exact.use_tree(d):
        return _exact.self_search(X, k)
    mu, scale, exact = _exact._centre_and_scale(X)
    packed = _exact.Packed(X, mu, scale, exact)
    lists = n_lists(n)
    Q, NQ = packed.Q[:n], packed.NQ[:n]
    home, probes = _nearest_centroids(Q, NQ, _centroids(Q, n, lists), n_probes(lists))
    check_positions("the probe lists", probes, lists)  # probe_scan indexes lists by them
    # Sort rows by home list; pad every list to a multiple of LANES positions.
    # Within a list, rows that share their next-nearest lists sit together, so the groups
    # of four that scan together have similar probe lists (less wasted scanning).
    keys = [probes[:, j] for j in range(min(3, probes.shape[1]) - 1, 0, -1)]
    order = np.lexsort([*keys, home])
    sizes = np.bincount(home, minlength=lists)
    padded = -(-sizes // LANES) * LANES
    starts = np.zeros(lists + 1, np.int64)
    np.cumsum(padded, out=starts[1:])
    first = np.searchsorted(home[order], np.arange(lists))
    position = starts[home[order]] + (np.arange(n) - first[home[order]])
    Qs = np.zeros((starts[-1], packed.dp), np.float32)
    Qs[position] = Q[order]
    NQs = np.full(starts[-1], np.inf, np.float32)
    NQs[position] = NQ[order]
    probes_s = np.zeros((starts[-1], probes.shape[1]), np.int64)
    probes_s[position] = probes[order]
    K = k + _exact.EXTRA
    hd, hi = _exact._lists(starts[-1], K)
    call(_native.probe_scan, Qs, NQs, np.ascontiguousarray(Qs.T), starts, probes_s, hd, hi)
    row_at = np.full(starts[-1], -1, np.int64)
    row_at[position] = order
    hi = hi[position]
    cand = np.where(hi >= 0, row_at[np.maximum(hi, 0)], -1)
    found = np.empty_like(cand)
    found[order] = cand
    idx = np.empty((n, k), np.int64)
    dist = np.empty((n, k), np.float64)
    check_positions("the candidates", found, n, lowest=-1)  # rerank reads X at them
    call(_native.rerank, X, X, found, np.arange(n, dtype=np.int64), idx, dist)
    missing = np.flatnonzero(idx[:, -1] < 0)  # fewer than k rows in the probed lists
    if missing.size:
        sub = _exact.BruteIndex(X).query(X[missing], k, missing)
        idx[missing], dist[missing] = sub
    return idx, dist
