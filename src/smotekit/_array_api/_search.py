"""Exact k nearest neighbours of every row of a class, on the array's own device.

The search is tiled: a block of query rows meets a block of key rows as one matrix product
(``|q|^2 + |k|^2 - 2 q.k`` in float32), each block keeps only its ``c`` smallest distances,
and a running ``c``-smallest list per query is merged block after block. No distance row
longer than one key block ever exists, so memory is ``query_tile x key_tile`` floats
whatever the class size.

float32 products are fast but inexact. The ``c = k + slack`` float32 candidates of each row
are therefore re-ranked by their exact float64 distances, and a bound on the float32 error
certifies the result: if the k-th exact distance among the candidates is no larger than
the smallest float32 distance left out minus the error bound, no row outside the candidates
can be nearer. Rows that fail the certificate (rare: heavy ties or extreme scales) are
searched again by a float64 brute force over the class. The result is the true k nearest
rows, as on the CPU; rows at equal distance keep ascending row order.
"""

from __future__ import annotations

#: Extra float32 candidates per row beyond k, re-ranked exactly in float64.
CANDIDATE_SLACK = 8
#: Unit roundoff of float32 and of TF32 (10 mantissa bits), for the error bound.
FLOAT32_UNIT = 2.0**-24
TF32_UNIT = 2.0**-11


def tile_sizes(xp, X) -> tuple[int, int]:
    """(query rows, key rows) per block: 2**28 float32 distances (1 GiB) on an accelerator,
    where each block costs a handful of kernel launches and fewer, larger blocks amortise
    them; 2**22 on a CPU, whose caches favour smaller blocks."""
    if _is_cpu(xp, X):
        return 1024, 4096
    return 8192, 32768


def nearest_within(xp, X, k: int, *, tiles: tuple[int, int] | None = None):
    """Indices (m, k) of each row's k nearest *other* rows of ``X`` (m, d), nearest first.

    ``X`` is a floating array of namespace ``xp`` on any device; the result is an int64
    array on the same device. A row is left out of its own search by position, so exact
    duplicates of it are still found as neighbours.
    """
    m, d = X.shape
    if not 1 <= k < m:
        raise ValueError(f"k must be between 1 and {m - 1} for {m} rows; got {k}.")
    query_tile, key_tile = tiles or tile_sizes(xp, X)
    exact = xp.astype(X, xp.float64)
    # Centring keeps the norms (and with them the float32 error bound) small for data
    # far from the origin; distances do not change.
    exact = exact - xp.mean(exact, axis=0)
    fast = xp.astype(exact, xp.float32)
    fast_sq = xp.sum(fast * fast, axis=1)
    exact_sq = xp.sum(exact * exact, axis=1)
    n_candidates = min(m - 1, k + CANDIDATE_SLACK)
    unit = _matmul_unit(xp)
    # |float32 distance - exact distance| <= slope * (|q|^2 + max |key|^2) for every pair:
    # rounding the centred rows to float32, the d-term dot products and norms, and the two
    # additions, with a factor of 2 to spare.
    slope = 2.0 * ((4.0 * (d + 2) + 16.0) * unit + 16.0 * FLOAT32_UNIT)
    max_sq = float(xp.max(exact_sq))
    out = []
    for start in range(0, m, query_tile):
        stop = min(start + query_tile, m)
        cand_d, cand_i = _candidates(xp, fast, fast_sq, start, stop, n_candidates, key_tile)
        nearest, kth_exact = _rerank(xp, exact, start, stop, cand_i, k)
        if n_candidates < m - 1:
            # The nearest float32 distance *not* kept bounds every row left out.
            left_out = cand_d[:, n_candidates - 1]
            bound = slope * (exact_sq[start:stop] + max_sq)
            failed = kth_exact > left_out - bound
            if bool(xp.any(failed)):
                nearest = _repair(xp, exact, start, nearest, failed, k)
        out.append(nearest)
    return xp.concat(out, axis=0) if len(out) > 1 else out[0]


def _candidates(xp, fast, fast_sq, start, stop, n_candidates, key_tile):
    """The ``n_candidates`` smallest float32 distances (ascending) of rows start:stop."""
    m = fast.shape[0]
    queries = fast[start:stop, :]
    q_sq = fast_sq[start:stop]
    own = xp.arange(start, stop, device=_device(fast))
    best_d = best_i = None
    for key_start in range(0, m, key_tile):
        key_stop = min(key_start + key_tile, m)
        keys = fast[key_start:key_stop, :]
        dist = q_sq[:, None] + fast_sq[None, key_start:key_stop] - 2.0 * (queries @ keys.T)
        columns = xp.arange(key_start, key_stop, device=_device(fast))
        if key_start < stop and start < key_stop:  # the block holds some queries' own rows
            dist = xp.where(own[:, None] == columns[None, :], xp.inf, dist)
        keep = min(n_candidates, key_stop - key_start)
        block_d, block_pos = _smallest(xp, dist, keep)
        block_i = xp.take(columns, xp.reshape(block_pos, (-1,)), axis=0)
        block_i = xp.reshape(block_i, block_pos.shape)
        if best_d is None:
            best_d, best_i = block_d, block_i
        else:
            both_d = xp.concat([best_d, block_d], axis=1)
            both_i = xp.concat([best_i, block_i], axis=1)
            best_d, pos = _smallest(xp, both_d, min(n_candidates, both_d.shape[1]))
            best_i = xp.take_along_axis(both_i, pos, axis=1)
    order = xp.argsort(best_d, axis=1, stable=True)
    return xp.take_along_axis(best_d, order, axis=1), xp.take_along_axis(best_i, order, axis=1)


def _rerank(xp, exact, start, stop, cand_i, k):
    """Order the candidates by exact float64 distance; the first k and the k-th distance."""
    n, c = cand_i.shape
    rows = xp.take(exact, xp.reshape(cand_i, (-1,)), axis=0)
    rows = xp.reshape(rows, (n, c, exact.shape[1]))
    diff = rows - exact[start:stop, None, :]
    dist = xp.sum(diff * diff, axis=2)
    # Ties in distance go to the lower row position, as a stable sort of positions would.
    by_row = xp.argsort(cand_i, axis=1, stable=True)
    dist = xp.take_along_axis(dist, by_row, axis=1)
    cand_i = xp.take_along_axis(cand_i, by_row, axis=1)
    order = xp.argsort(dist, axis=1, stable=True)[:, :k]
    nearest = xp.take_along_axis(cand_i, order, axis=1)
    kth = xp.take_along_axis(dist, order[:, k - 1 : k], axis=1)[:, 0]
    return nearest, kth


def _repair(xp, exact, start, nearest, failed, k):
    """Recompute the rows marked ``failed`` by a float64 brute force over the class.

    Distances are summed squared differences (no expansion, so no cancellation); blocks
    of queries x keys x features stay near 2**23 values.
    """
    m, d = exact.shape
    local = xp.nonzero(failed)[0]
    key_tile = 2048
    query_batch = max(1, 2**23 // (key_tile * max(d, 1)))
    found = []
    for first in range(0, local.shape[0], query_batch):
        own = local[first : first + query_batch] + start
        queries = xp.take(exact, own, axis=0)
        best_d = best_i = None
        for key_start in range(0, m, key_tile):
            key_stop = min(key_start + key_tile, m)
            diff = queries[:, None, :] - exact[None, key_start:key_stop, :]
            dist = xp.sum(diff * diff, axis=2)
            columns = xp.arange(key_start, key_stop, device=_device(exact))
            dist = xp.where(own[:, None] == columns[None, :], xp.inf, dist)
            cols = xp.broadcast_to(columns[None, :], dist.shape)
            if best_d is not None:  # earlier keys first: equal distances keep row order
                dist = xp.concat([best_d, dist], axis=1)
                cols = xp.concat([best_i, cols], axis=1)
            order = xp.argsort(dist, axis=1, stable=True)[:, : min(k, dist.shape[1])]
            best_d = xp.take_along_axis(dist, order, axis=1)
            best_i = xp.take_along_axis(cols, order, axis=1)
        found.append(best_i)
    found = xp.concat(found, axis=0) if len(found) > 1 else found[0]
    # Row r of the tile takes found[j] where it is the j-th failed row, else keeps its own.
    slot = xp.cumulative_sum(xp.astype(failed, xp.int64)) - 1
    slot = xp.clip(slot, 0, None)
    return xp.where(failed[:, None], xp.take(found, slot, axis=0), nearest)


def _smallest(xp, values, count):
    """(values, positions) of the ``count`` smallest entries of each row, in any order."""
    if _is_torch(xp):
        import torch

        return torch.topk(values, count, dim=1, largest=False, sorted=False)
    order = xp.argsort(values, axis=1, stable=True)[:, :count]
    return xp.take_along_axis(values, order, axis=1), order


def _matmul_unit(xp) -> float:
    """Roundoff of a float32 matrix product: TF32's when the user allowed it in PyTorch."""
    if _is_torch(xp):
        import torch

        if torch.backends.cuda.matmul.allow_tf32:
            return TF32_UNIT
    return FLOAT32_UNIT


def _is_torch(xp) -> bool:
    return "torch" in getattr(xp, "__name__", "")


def _device(x):
    from array_api_compat import device

    return device(x)


def _is_cpu(xp, x) -> bool:
    return "cpu" in str(_device(x)).lower()
