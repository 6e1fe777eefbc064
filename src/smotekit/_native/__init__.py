"""smotekit's compiled kernels (C, built at install time), behind argument checks.

Each function takes numpy arrays and a thread count, checks every array's dtype,
C-contiguity, shape and writability (``ValueError`` naming the argument otherwise), and
calls the extension ``_core``, which checks the buffers' lengths once more and the index
arrays it reads rows by, releases the GIL and runs on ``threads`` threads created and
joined within the call (nothing persists between calls: a forked child starts clean, and
no process-wide setting is touched). Results never depend on the thread count.

The kernels and the algorithms are described where they are used:
:mod:`smotekit.neighbors._exact`, :mod:`smotekit.neighbors._approximate` and
:mod:`smotekit._interpolate._dense`; ``docs/performance.md`` says why C.

Examples
--------
>>> import numpy as np
>>> from smotekit import _native
>>> X = np.array([[0.0, 0.0], [2.0, 4.0]])
>>> out = np.empty((1, 2))
>>> _native.fill_rows(X, np.array([0]), np.array([1]), np.array([0.5]), out,
...                   np.zeros(2, bool), threads=1)
>>> out
array([[1., 2.]])
"""

from __future__ import annotations

import numpy as np

from . import _core

BLOCK = _core.BLOCK
FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def _check(name, a, dtype, ndim, shape=None, writable=False):
    """``a`` itself, if it is a C-contiguous ndarray of ``dtype`` (a dtype or a tuple of
    them) with ``ndim`` dimensions and, where ``shape`` gives a size, that size."""
    allowed = dtype if isinstance(dtype, tuple) else (np.dtype(dtype),)
    if not isinstance(a, np.ndarray):
        raise TypeError(f"{name} must be a numpy array; got {type(a).__name__}.")
    if a.dtype not in allowed:
        names = " or ".join(str(t) for t in allowed)
        raise ValueError(f"{name} must have dtype {names}; got {a.dtype}.")
    if a.ndim != ndim or not a.flags.c_contiguous:
        raise ValueError(
            f"{name} must be a C-contiguous {ndim}-D array; got {a.ndim}-D "
            f"(C-contiguous: {a.flags.c_contiguous})."
        )
    if shape is not None and any(
        s is not None and s != got for s, got in zip(shape, a.shape, strict=True)
    ):
        want = tuple("any" if s is None else s for s in shape)
        raise ValueError(f"{name} must have shape {want}; got {a.shape}.")
    if writable and not a.flags.writeable:
        raise ValueError(f"{name} must be writable.")
    return a


def _threads(threads) -> int:
    if not isinstance(threads, (int, np.integer)) or isinstance(threads, bool) or threads < 1:
        raise ValueError(f"threads must be an int >= 1; got {threads!r}.")
    return int(threads)


def _lists(hd, hi, rows):
    hd = _check("hd", hd, np.float32, 2, (rows, None), writable=True)
    K = hd.shape[1]
    if K < 1:
        raise ValueError("hd must hold at least one candidate per row.")
    _check("hi", hi, np.int64, 2, (rows, K), writable=True)
    return K


def _blocks(Q, NQ, XT, NR):
    """(m blocks, dp) of the packed rows Q / NQ and their transposed blocks XT / NR."""
    _check("XT", XT, np.float32, 3, (None, None, BLOCK))
    m, dp = XT.shape[:2]
    _check("NR", NR, np.float32, 2, (m, BLOCK))
    _check("Q", Q, np.float32, 2, (None, dp))
    if Q.shape[0] % BLOCK:
        raise ValueError(f"Q must have a multiple of {BLOCK} rows; got {Q.shape[0]}.")
    _check("NQ", NQ, np.float32, 1, (Q.shape[0],))
    return m, dp


def self_knn(Q, NQ, XT, NR, hd, hi, *, threads):
    """Fill each packed row's K-list with its nearest *other* rows (float32 distances)."""
    m, dp = _blocks(Q, NQ, XT, NR)
    if Q.shape[0] != m * BLOCK:
        raise ValueError(f"Q must have the {m * BLOCK} rows of XT; got {Q.shape[0]}.")
    K = _lists(hd, hi, Q.shape[0])
    _core.self_knn(Q, NQ, XT, NR, hd, hi, m, dp, K, _threads(threads))


def query_knn(Q, NQ, XT, NR, hd, hi, *, threads):
    """Fill each query row's K-list (Q padded to whole blocks) with its nearest rows of XT."""
    m, dp = _blocks(Q, NQ, XT, NR)
    K = _lists(hd, hi, Q.shape[0])
    _core.query_knn(Q, NQ, XT, NR, hd, hi, Q.shape[0] // BLOCK, m, dp, K, _threads(threads))


def _pair(Xq, X):
    _check("X", X, FLOATS, 2)
    _check("Xq", Xq, FLOATS, 2, (None, X.shape[1]))
    return Xq.dtype == np.float64, X.dtype == np.float64


def rerank(Xq, X, cand, self_rows, out_idx, out_dist, *, threads):
    """float64 squared distances to each query's candidates (-1: none); keep the k nearest."""
    q64, x64 = _pair(Xq, X)
    n = Xq.shape[0]
    _check("cand", cand, np.int64, 2, (n, None))
    _check("self_rows", self_rows, np.int64, 1, (n,))
    _check("out_idx", out_idx, np.int64, 2, (n, None), writable=True)
    k = out_idx.shape[1]
    _check("out_dist", out_dist, np.float64, 2, (n, k), writable=True)
    if cand.shape[1] < 1 or k < 1:
        raise ValueError("cand and out_idx must have at least one column.")
    _core.rerank(
        Xq, q64, X, x64, cand, self_rows, out_idx, out_dist,
        n, X.shape[0], X.shape[1], cand.shape[1], k, _threads(threads),
    )  # fmt: skip


def brute64(Xq, X, self_rows, out_idx, out_dist, *, threads):
    """Plain float64 brute force: each query's k nearest rows of X (never ``self_rows[i]``)."""
    q64, x64 = _pair(Xq, X)
    n = Xq.shape[0]
    _check("self_rows", self_rows, np.int64, 1, (n,))
    _check("out_idx", out_idx, np.int64, 2, (n, None), writable=True)
    k = out_idx.shape[1]
    _check("out_dist", out_dist, np.float64, 2, (n, k), writable=True)
    if k < 1:
        raise ValueError("out_idx must have at least one column.")
    _core.brute64(
        Xq, q64, X, x64, self_rows, out_idx, out_dist,
        n, X.shape[0], X.shape[1], k, _threads(threads),
    )  # fmt: skip


def pack(X, mu, scale, Q, NQ, norm64, *, threads):
    """Q[i, :d] = float32(scale * X[i] - mu), NQ[i] its squared norm, norm64[i] in float64."""
    _check("X", X, FLOATS, 2)
    n, d = X.shape
    _check("mu", mu, np.float64, 1, (d,))
    _check("Q", Q, np.float32, 2, writable=True)
    if Q.shape[0] < n or Q.shape[1] < d:
        raise ValueError(f"Q must have at least {n} rows and {d} columns; got {Q.shape}.")
    _check("NQ", NQ, np.float32, 1, (Q.shape[0],), writable=True)
    _check("norm64", norm64, np.float64, 1, (n,), writable=True)
    _core.pack(
        X, X.dtype == np.float64, mu, float(scale), Q, NQ, norm64,
        n, Q.shape[0], d, Q.shape[1], _threads(threads),
    )  # fmt: skip


def fill_rows(X, base, neighbor, step, out, rounded, *, threads):
    """``out[i] = X[base[i]] + step[i] * (X[neighbor[i]] - X[base[i]])``, rounded where asked."""
    _check("X", X, FLOATS, 2)
    N, d = X.shape
    n = len(base) if isinstance(base, np.ndarray) else -1
    _check("base", base, np.int64, 1, (n,))
    _check("neighbor", neighbor, np.int64, 1, (n,))
    _check("step", step, X.dtype, 1, (n,))
    _check("out", out, X.dtype, 2, (n, d), writable=True)
    _check("rounded", rounded, np.bool_, 1, (d,))
    _core.fill_rows(X, X.dtype == np.float64, base, neighbor, step, out, rounded, N, d, n,
                    _threads(threads))  # fmt: skip


def probe_scan(Q, NQ, XT, starts, probes, hd, hi, *, threads):
    """Inverted-file search: rows (sorted by list, lists padded to multiples of 4) scan the
    lists ``probes`` names; list c spans ``starts[c]:starts[c + 1]``."""
    _check("Q", Q, np.float32, 2)
    n, dp = Q.shape
    if n % 4:
        raise ValueError(f"Q must have a multiple of 4 rows; got {n}.")
    _check("NQ", NQ, np.float32, 1, (n,))
    _check("XT", XT, np.float32, 2, (dp, n))
    _check("starts", starts, np.int64, 1)
    _check("probes", probes, np.int64, 2, (n, None))
    K = _lists(hd, hi, n)
    n_lists = starts.shape[0] - 1
    if n_lists < 1 or probes.shape[1] < 1:
        raise ValueError("starts must bound at least one list, and probes name one per row.")
    _core.probe_scan(Q, NQ, XT, starts, probes, hd, hi, n, dp, n_lists, probes.shape[1], K,
                     _threads(threads))  # fmt: skip


def nearest_lists(Q, NQ, CT, NC, count, home, probes, *, threads):
    """Each row's nearest centroid (``home``) and its ``count`` nearest (``probes``).

    ``Q`` / ``NQ`` are the rows padded to a multiple of 4, ``CT`` / ``NC`` the centroids
    transposed and their squared norms."""
    _check("CT", CT, np.float32, 2)
    dp, nc = CT.shape
    _check("NC", NC, np.float32, 1, (nc,))
    _check("home", home, np.int64, 1, writable=True)
    n = home.shape[0]
    n4 = -(-n // 4) * 4
    _check("Q", Q, np.float32, 2, (n4, dp))
    _check("NQ", NQ, np.float32, 1, (n4,))
    if not isinstance(count, (int, np.integer)) or count < 1:
        raise ValueError(f"count must be an int >= 1; got {count!r}.")
    _check("probes", probes, np.int64, 2, (n, min(int(count), nc)), writable=True)
    _core.nearest_lists(Q, NQ, CT, NC, home, probes, n, dp, nc, int(count), probes.shape[1],
                        _threads(threads))  # fmt: skip


def bench_tiles(Q, NQ, XT, NR) -> float:
    """Benchmark only: the self search's distance tiles (each block pair once) on one thread,
    nothing offered; returns a checksum. ``benchmarks/bench_peak.py`` times it."""
    m, dp = _blocks(Q, NQ, XT, NR)
    return _core.bench_tiles(Q, NQ, XT, NR, m, dp)


def fma_peak(iterations: int) -> float:
    """Benchmark only: ``iterations`` rounds of 12 independent 8-lane float32 multiply-adds
    (192 flops each) on the calling thread; returns a checksum."""
    return _core.fma_peak(int(iterations))
