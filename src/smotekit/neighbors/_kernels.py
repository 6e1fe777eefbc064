"""numba kernels for the k-nearest-neighbour backends (imported only when a search runs).

Data live in blocks of ``BLOCK`` rows, each stored transposed (features x rows) so the
innermost loops run over rows and vectorise. A *tile* computes the squared distances of
four query rows to one block with the norm expansion ``|q|^2 + |x|^2 - 2 q.x``, then
offers them to per-row sorted candidate lists ("heaps": ``hd`` distances, ``hi``
indices, ascending). Most offers lose against the current k-th distance, so the test
is a vectorised count and the scalar insertion runs rarely.

Padding rows (up to a whole block) have an infinite norm, so they are never inserted.
``fastmath`` is limited to reassociation and contraction: infinities must keep their
meaning.
"""

from __future__ import annotations

import numpy as np
from numba import prange

from .._parallel import jit
from ._constants import BLOCK

CHUNK = 16  # winners are looked for chunk by chunk: one vector compare each
GROUPS = 16  # self search: block groups scheduled as a tournament (15 parallel rounds)
FM = {"reassoc", "contract", "nsz", "arcp"}


@jit(fastmath=FM, nogil=True, inline="always")
def _tile(Q, NQ, q0, XT, NR, b, acc):
    """acc[t, r] = squared distance between query q0 + t and row r of block b (t < 4)."""
    dp = Q.shape[1]
    m2 = np.float32(-2.0)
    A = acc[0]
    B = acc[1]
    C = acc[2]
    D = acc[3]
    n0 = NQ[q0]
    n1 = NQ[q0 + 1]
    n2 = NQ[q0 + 2]
    n3 = NQ[q0 + 3]
    nr = NR[b]
    for r in range(BLOCK):
        v = nr[r]
        A[r] = v + n0
        B[r] = v + n1
        C[r] = v + n2
        D[r] = v + n3
    for j in range(0, dp, 4):
        a0 = m2 * Q[q0, j]
        a1 = m2 * Q[q0, j + 1]
        a2 = m2 * Q[q0, j + 2]
        a3 = m2 * Q[q0, j + 3]
        b0 = m2 * Q[q0 + 1, j]
        b1 = m2 * Q[q0 + 1, j + 1]
        b2 = m2 * Q[q0 + 1, j + 2]
        b3 = m2 * Q[q0 + 1, j + 3]
        c0 = m2 * Q[q0 + 2, j]
        c1 = m2 * Q[q0 + 2, j + 1]
        c2 = m2 * Q[q0 + 2, j + 2]
        c3 = m2 * Q[q0 + 2, j + 3]
        d0 = m2 * Q[q0 + 3, j]
        d1 = m2 * Q[q0 + 3, j + 1]
        d2 = m2 * Q[q0 + 3, j + 2]
        d3 = m2 * Q[q0 + 3, j + 3]
        x0 = XT[b, j]
        x1 = XT[b, j + 1]
        x2 = XT[b, j + 2]
        x3 = XT[b, j + 3]
        for r in range(BLOCK):
            u0 = x0[r]
            u1 = x1[r]
            u2 = x2[r]
            u3 = x3[r]
            A[r] += a0 * u0 + a1 * u1 + a2 * u2 + a3 * u3
            B[r] += b0 * u0 + b1 * u1 + b2 * u2 + b3 * u3
            C[r] += c0 * u0 + c1 * u1 + c2 * u2 + c3 * u3
            D[r] += d0 * u0 + d1 * u1 + d2 * u2 + d3 * u3


@jit(nogil=True, inline="always")
def _insert(hd, hi, row, value, index):
    """Insert (value, index) into row ``row`` of the sorted lists if it beats the last."""
    K = hd.shape[1]
    if not value < hd[row, K - 1]:
        return
    pos = K - 1
    while pos > 0 and hd[row, pos - 1] > value:
        hd[row, pos] = hd[row, pos - 1]
        hi[row, pos] = hi[row, pos - 1]
        pos -= 1
    hd[row, pos] = value
    hi[row, pos] = index


@jit(fastmath=FM, nogil=True, inline="always")
def _offer_rows(acc, hd, hi, q0, b, diagonal):
    """Offer the tile's distances to the lists of its four query rows.

    On a ``diagonal`` tile (queries and block are the same rows) a row never gets itself.
    A vectorised count over the block, then over chunks of ``CHUNK``, finds where the
    rare winners are before any scalar work.
    """
    base = b * BLOCK
    K = hd.shape[1]
    for t in range(4):
        row = q0 + t
        a = acc[t]
        thr = hd[row, K - 1]
        count = 0
        for r in range(BLOCK):
            count += a[r] < thr
        if count == 0:
            continue
        for c0 in range(0, BLOCK, CHUNK):
            thr = hd[row, K - 1]
            count = 0
            for r in range(c0, c0 + CHUNK):
                count += a[r] < thr
            if count == 0:
                continue
            for r in range(c0, c0 + CHUNK):
                idx = base + r
                if a[r] < hd[row, K - 1] and not (diagonal and idx == row):
                    _insert(hd, hi, row, a[r], idx)


@jit(fastmath=FM, nogil=True, inline="always")
def _offer_cols(acc, hd, hi, q0, b, col_thr):
    """Offer the tile's distances to the lists of the block's rows (symmetric search).

    ``col_thr`` mirrors the block rows' current k-th distances, contiguous for the count.
    """
    K = hd.shape[1]
    base = b * BLOCK
    A = acc[0]
    B = acc[1]
    C = acc[2]
    D = acc[3]
    count = 0
    for r in range(BLOCK):
        c = col_thr[r]
        count += (A[r] < c) | (B[r] < c) | (C[r] < c) | (D[r] < c)
    if count == 0:
        return
    for c0 in range(0, BLOCK, CHUNK):
        count = 0
        for r in range(c0, c0 + CHUNK):
            c = col_thr[r]
            count += (A[r] < c) | (B[r] < c) | (C[r] < c) | (D[r] < c)
        if count == 0:
            continue
        for r in range(c0, c0 + CHUNK):
            row = base + r
            for t in range(4):
                if acc[t, r] < hd[row, K - 1]:
                    _insert(hd, hi, row, acc[t, r], q0 + t)
            col_thr[r] = hd[row, K - 1]


@jit(fastmath=FM, nogil=True)
def _pair(Q, NQ, XT, NR, hd, hi, a, b, acc, col_thr):
    """All distances between blocks a and b, offered to both sides (a != b) or once (a == b)."""
    K = hd.shape[1]
    if a != b:
        for r in range(BLOCK):
            col_thr[r] = hd[b * BLOCK + r, K - 1]
    for q0 in range(a * BLOCK, (a + 1) * BLOCK, 4):
        _tile(Q, NQ, q0, XT, NR, b, acc)
        if a == b:
            _offer_rows(acc, hd, hi, q0, b, True)
        else:
            _offer_rows(acc, hd, hi, q0, b, False)
            _offer_cols(acc, hd, hi, q0, b, col_thr)


@jit(nogil=True)
def _group_pair(Q, NQ, XT, NR, hd, hi, lo_a, hi_a, lo_b, hi_b, acc, col_thr):
    """All block pairs between block ranges [lo_a, hi_a) and [lo_b, hi_b), each once."""
    for a in range(lo_a, hi_a):
        start = a if lo_a == lo_b else lo_b  # within one range: pairs with b >= a
        for b in range(start, hi_b):
            _pair(Q, NQ, XT, NR, hd, hi, a, b, acc, col_thr)


@jit(parallel=True, nogil=True)
def self_knn(Q, NQ, XT, NR, hd, hi):
    """Fill the K-lists of every row with its nearest *other* rows of the same data.

    Every unordered pair of blocks is computed once and offered to both blocks' rows.
    Blocks are split into ``GROUPS`` consecutive groups, and pairs of groups run in a
    round-robin tournament: within a round no two tasks share a group, so threads never
    touch the same list, and the result does not depend on the thread count. Few groups
    mean few parallel launches (each waits for its slowest thread, which is costly on a
    busy machine).
    """
    m = NR.shape[0]
    groups = min(GROUPS, m)
    bounds = np.empty(groups + 1, np.int64)
    for g in range(groups + 1):
        bounds[g] = (g * m) // groups
    for g in prange(groups):
        acc = np.empty((4, BLOCK), np.float32)
        col_thr = np.empty(BLOCK, np.float32)
        lo = bounds[g]
        _group_pair(Q, NQ, XT, NR, hd, hi, lo, bounds[g + 1], lo, bounds[g + 1], acc, col_thr)
    teams = groups + (groups % 2)  # an odd count gets a "bye" team, which sits out
    half = teams // 2
    for rnd in range(teams - 1):
        for p in prange(half):
            if p == 0:
                a = rnd
                b = teams - 1
            else:
                a = (rnd + p) % (teams - 1)
                b = (rnd - p + teams - 1) % (teams - 1)
            if a >= groups or b >= groups:
                continue
            acc = np.empty((4, BLOCK), np.float32)
            col_thr = np.empty(BLOCK, np.float32)
            _group_pair(
                Q,
                NQ,
                XT,
                NR,
                hd,
                hi,
                bounds[a],
                bounds[a + 1],
                bounds[b],
                bounds[b + 1],
                acc,
                col_thr,
            )


@jit(parallel=True, nogil=True)
def query_knn(Q, NQ, XT, NR, hd, hi):
    """Fill the K-lists of every query row (Q, padded to whole blocks) with its nearest rows."""
    n_query_blocks = Q.shape[0] // BLOCK
    m = NR.shape[0]
    for a in prange(n_query_blocks):
        acc = np.empty((4, BLOCK), np.float32)
        for b in range(m):
            for q0 in range(a * BLOCK, (a + 1) * BLOCK, 4):
                _tile(Q, NQ, q0, XT, NR, b, acc)
                _offer_rows(acc, hd, hi, q0, b, False)


@jit(parallel=True, nogil=True)
def rerank(Xq, X, cand, self_rows, out_idx, out_dist):
    """Exact float64 squared distances to each query's candidates; keep the k nearest.

    ``cand[i]`` holds candidate rows of X (-1 = none); ``self_rows[i]`` is the query's own
    row in X (-1 if none), never returned. Candidates are sorted by (distance, row), so
    ties resolve the same way every run. A query with fewer than k candidates gets an
    infinite k-th distance, so the caller searches it again.
    """
    n, K = cand.shape
    k = out_idx.shape[1]
    d = X.shape[1]
    for i in prange(n):
        dist = np.empty(K, np.float64)
        idx = np.empty(K, np.int64)
        m = 0
        for c in range(K):
            j = cand[i, c]
            if j < 0 or j == self_rows[i]:
                continue
            s = 0.0
            for f in range(d):
                diff = np.float64(Xq[i, f]) - np.float64(X[j, f])
                s += diff * diff
            pos = m
            while pos > 0 and (dist[pos - 1] > s or (dist[pos - 1] == s and idx[pos - 1] > j)):
                dist[pos] = dist[pos - 1]
                idx[pos] = idx[pos - 1]
                pos -= 1
            dist[pos] = s
            idx[pos] = j
            m += 1
        for c in range(k):
            if c < m:
                out_idx[i, c] = idx[c]
                out_dist[i, c] = dist[c]
            else:
                out_idx[i, c] = -1
                out_dist[i, c] = np.inf


@jit(parallel=True, nogil=True)
def brute64(Xq, X, self_rows, out_idx, out_dist):
    """Plain float64 brute force (small data, and rows the float32 search cannot certify).

    Squared distances are summed from differences (no norm expansion), so they are as
    accurate as float64 allows; ties go to the lower row index.
    """
    n = Xq.shape[0]
    N, d = X.shape
    k = out_idx.shape[1]
    for i in prange(n):
        dist = np.full(k, np.inf)
        idx = np.full(k, -1, np.int64)
        for j in range(N):
            if j == self_rows[i]:
                continue
            s = 0.0
            for f in range(d):
                diff = np.float64(Xq[i, f]) - np.float64(X[j, f])
                s += diff * diff
            if s < dist[k - 1] or idx[k - 1] < 0:  # fills up even if distances overflow
                pos = k - 1
                while pos > 0 and (dist[pos - 1] > s or idx[pos - 1] < 0):
                    dist[pos] = dist[pos - 1]
                    idx[pos] = idx[pos - 1]
                    pos -= 1
                dist[pos] = s
                idx[pos] = j
        for c in range(k):
            out_idx[i, c] = idx[c]
            out_dist[i, c] = dist[c]


@jit(parallel=True, nogil=True)
def pack(X, mu, scale, Q, NQ, norm64):
    """Q[i] = float32(scale * X[i] - mu) (zero-padded columns), NQ its squared norm.

    ``scale`` is a power of two (exact). ``norm64`` gets the float64 squared norm of the
    centred row, for the error bound.
    Computing per row keeps float64 temporaries to one row.
    """
    n, d = X.shape
    for i in prange(n):
        s32 = 0.0
        s64 = 0.0
        for f in range(d):
            c = np.float64(X[i, f]) * scale - mu[f]
            q = np.float32(c)
            Q[i, f] = q
            s32 += np.float64(q) * np.float64(q)
            s64 += c * c
        NQ[i] = np.float32(s32)
        norm64[i] = s64


LANES = 4  # lists are padded to a multiple of this: groups of four rows share a list


@jit(fastmath=FM, nogil=True, inline="always")
def _tile_range(Q, NQ, q0, XT, NR, s, m, acc):
    """acc[t, r] = squared distance between query q0 + t and column s + r of XT (norm NR)."""
    dp = Q.shape[1]
    m2 = np.float32(-2.0)
    A = acc[0]
    B = acc[1]
    C = acc[2]
    D = acc[3]
    n0 = NQ[q0]
    n1 = NQ[q0 + 1]
    n2 = NQ[q0 + 2]
    n3 = NQ[q0 + 3]
    nr = NR[s : s + m]
    for r in range(m):
        v = nr[r]
        A[r] = v + n0
        B[r] = v + n1
        C[r] = v + n2
        D[r] = v + n3
    for j in range(0, dp, 4):
        a0 = m2 * Q[q0, j]
        a1 = m2 * Q[q0, j + 1]
        a2 = m2 * Q[q0, j + 2]
        a3 = m2 * Q[q0, j + 3]
        b0 = m2 * Q[q0 + 1, j]
        b1 = m2 * Q[q0 + 1, j + 1]
        b2 = m2 * Q[q0 + 1, j + 2]
        b3 = m2 * Q[q0 + 1, j + 3]
        c0 = m2 * Q[q0 + 2, j]
        c1 = m2 * Q[q0 + 2, j + 1]
        c2 = m2 * Q[q0 + 2, j + 2]
        c3 = m2 * Q[q0 + 2, j + 3]
        d0 = m2 * Q[q0 + 3, j]
        d1 = m2 * Q[q0 + 3, j + 1]
        d2 = m2 * Q[q0 + 3, j + 2]
        d3 = m2 * Q[q0 + 3, j + 3]
        x0 = XT[j, s : s + m]
        x1 = XT[j + 1, s : s + m]
        x2 = XT[j + 2, s : s + m]
        x3 = XT[j + 3, s : s + m]
        for r in range(m):
            u0 = x0[r]
            u1 = x1[r]
            u2 = x2[r]
            u3 = x3[r]
            A[r] += a0 * u0 + a1 * u1 + a2 * u2 + a3 * u3
            B[r] += b0 * u0 + b1 * u1 + b2 * u2 + b3 * u3
            C[r] += c0 * u0 + c1 * u1 + c2 * u2 + c3 * u3
            D[r] += d0 * u0 + d1 * u1 + d2 * u2 + d3 * u3


@jit(parallel=True, nogil=True, fastmath=FM)
def probe_scan(Q, NQ, XT, starts, probes, hd, hi):
    """Inverted-file search: rows scan the lists nearest to them, four rows at a time.

    Rows are sorted by home list and every list is padded to a multiple of 4 positions
    (padding has an infinite norm), so each group of four positions lies in one list.
    ``XT`` holds the rows transposed (features x positions); list c spans
    ``starts[c]:starts[c + 1]``. A group scans the union of its rows' probe lists
    (``probes[p]``) and every row of the group is offered every scanned position, which
    only adds candidates. Results go to ``hd`` / ``hi`` as sorted positions.
    """
    n = Q.shape[0]
    n_lists = starts.shape[0] - 1
    n_probe = probes.shape[1]
    K = hd.shape[1]
    longest = 0
    for c in range(n_lists):
        longest = max(longest, starts[c + 1] - starts[c])
    n_groups = n // 4
    per_task = 16
    for task in prange((n_groups + per_task - 1) // per_task):
        acc = np.empty((4, longest), np.float32)
        seen = np.full(n_lists, -1, np.int64)
        for g in range(task * per_task, min(n_groups, (task + 1) * per_task)):
            q0 = 4 * g
            for t in range(4):
                if NQ[q0 + t] == np.inf:
                    continue
                for pr in range(n_probe):
                    c = probes[q0 + t, pr]
                    if seen[c] == g:
                        continue
                    seen[c] = g
                    s = starts[c]
                    m = starts[c + 1] - s
                    _tile_range(Q, NQ, q0, XT, NQ, s, m, acc)
                    for u in range(4):
                        row = q0 + u
                        if NQ[row] == np.inf:
                            continue
                        a = acc[u]
                        thr = hd[row, K - 1]
                        count = 0
                        for r in range(m):
                            count += a[r] < thr
                        if count == 0:
                            continue
                        for r in range(m):
                            if a[r] < hd[row, K - 1] and s + r != row:
                                _insert(hd, hi, row, a[r], s + r)


@jit(parallel=True, nogil=True, fastmath=FM)
def nearest_lists(Q, NQ, CT, NC, count, home, probes):
    """For each row: its nearest centroid (``home``) and ``count`` nearest (``probes``).

    ``Q`` / ``NQ`` are rows padded to a multiple of 4, ``CT`` / ``NC`` the centroids
    transposed and their squared norms. Distances to all centroids are computed four rows
    at a time, then kept by sorted insertion (ties: the lower centroid index).
    """
    n = home.shape[0]
    nc = CT.shape[1]
    for g in prange((n + 3) // 4):
        acc = np.empty((4, nc), np.float32)
        q0 = 4 * g
        _tile_range(Q, NQ, q0, CT, NC, 0, nc, acc)
        for t in range(4):
            p = q0 + t
            if p >= n:
                break
            dist = acc[t]
            best = 0
            for c in range(nc):
                if dist[c] < dist[best]:
                    best = c
            home[p] = best
            if count == 1:
                probes[p, 0] = best
                continue
            if count >= nc:
                for c in range(nc):
                    probes[p, c] = c
                continue
            # Sorted insertion of (distance, centroid) into the count nearest so far. The
            # list starts as the first ``count`` centroids, so every entry is a valid list
            # even where no distance compares (NaN rows: nothing would be written).
            bd = np.full(count, np.inf, np.float32)
            for c in range(count):
                probes[p, c] = c
            for c in range(nc):
                v = dist[c]
                if v < bd[count - 1]:
                    pos = count - 1
                    while pos > 0 and bd[pos - 1] > v:
                        bd[pos] = bd[pos - 1]
                        probes[p, pos] = probes[p, pos - 1]
                        pos -= 1
                    bd[pos] = v
                    probes[p, pos] = c
