"""Compiled kernels never trust their inputs (issue 10, item 1; issue 14's C kernels).

Every index a kernel reads was written on every path: rows that are NaN (no distance
compares) still get valid probe lists, a subnormal class is scaled without overflowing,
lists of classes with fewer rows than k hold "none" (-1), never stray values, and index
arrays from outside (a plan, a neighbour estimator) are checked before a kernel reads them.
The Python layer of :mod:`smotekit._native` refuses wrong dtypes, layouts and shapes by
name; the C layer refuses buffers whose length does not match the shapes given and index
arrays that point outside the rows, so even a direct call cannot make it read stray memory.
"""

from __future__ import annotations

import numpy as np
import pytest

from smotekit import _interpolate, _native
from smotekit._native import _core
from smotekit._plan import Plan
from smotekit.neighbors import NeighborSearch, _approximate, _exact

BLOCK = _native.BLOCK


def test_a_subnormal_spread_gets_a_finite_scale():
    X = np.random.default_rng(0).standard_normal((50, 3)) * 1e-310
    mu, scale, exact = _exact._centre_and_scale(X)
    assert scale == 2.0**1023  # the largest power of two: 2^1030 would be inf
    assert np.isfinite(mu).all() and not exact
    packed = _exact.Packed(X, mu, scale, exact)
    assert np.isfinite(packed.Q).all()
    assert np.isfinite(packed.NQ[: len(X)]).all()


def test_nearest_lists_writes_every_probe_even_for_nan_rows():
    n, dp, nc, count = 8, 4, 6, 3
    Q = np.full((n, dp), np.nan, np.float32)
    Q[:4] = np.arange(16, dtype=np.float32).reshape(4, 4)  # finite rows beside NaN ones
    NQ = np.einsum("ij,ij->i", Q, Q)
    C = np.random.default_rng(1).standard_normal((nc, dp)).astype(np.float32)
    home = np.full(n, 10**9, np.int64)  # a leftover np.empty could hold anything
    probes = np.full((n, count), 10**9, np.int64)
    CT, NC = np.ascontiguousarray(C.T), np.einsum("ij,ij->i", C, C)
    _native.nearest_lists(Q, NQ, CT, NC, count, home, probes, threads=2)
    assert ((home >= 0) & (home < nc)).all()
    assert ((probes >= 0) & (probes < nc)).all()


def test_approximate_search_of_a_subnormal_class(monkeypatch):
    """The issue's repro, scaled down: the inverted-file index on rows ~1e-310 returns
    valid neighbours (it crashed, or read stray probe lists, when the scale overflowed)."""
    monkeypatch.setattr(_approximate, "EXACT_BELOW", 100)
    rng = np.random.default_rng(2)
    X = rng.standard_normal((700, 12)) * 1e-310
    idx = (
        NeighborSearch(n_neighbors=6, method="approximate").fit(X).kneighbors(return_distance=False)
    )
    assert idx.shape == (700, 6)
    assert ((idx >= 0) & (idx < 700)).all()
    assert not (idx[:, 1:] == np.arange(700)[:, None]).any()


@pytest.mark.parametrize("bad", [-1, 10])
def test_plans_with_rows_outside_x_are_refused_before_the_kernel(bad):
    X = np.arange(20.0).reshape(10, 2)
    plan = Plan(np.array([0, bad]), np.array([1, 2]), np.array([0.5, 0.5]), np.zeros(2))
    out = np.empty((2, 2))
    with pytest.raises(ValueError, match=rf"base rows holds the row position {bad}, outside 0..9"):
        _interpolate.fill_dense(X, plan, out, np.zeros(2, bool))


def packed_rows(n_rows: int, d: int, seed: int = 0):
    """n_rows real rows packed as the float32 search wants them (one block or more)."""
    X = np.random.default_rng(seed).standard_normal((n_rows, d))
    mu, scale, exact = _exact._centre_and_scale(X)
    packed = _exact.Packed(X, mu, scale, exact)
    return (packed.Q, packed.NQ, *packed.transposed())


def test_lists_of_a_class_smaller_than_k_hold_none_not_stray_values():
    Q, NQ, XT, NR = packed_rows(3, 8)  # 3 rows padded to a block of 256
    K = 10  # more candidates than the 2 other rows each row has
    hd = np.full((BLOCK, K), np.inf, np.float32)
    hi = np.full((BLOCK, K), -1, np.int64)
    _native.self_knn(Q, NQ, XT, NR, hd, hi, threads=2)
    assert sorted(hi[0, :2]) == [1, 2] and (hi[0, 2:] == -1).all()
    assert (hi[3:] == -1).all()  # padding rows get nothing, and offer nothing
    assert ((hi[:3] >= -1) & (hi[:3] < 3)).all()
    hd, hi = np.full((BLOCK, K), np.inf, np.float32), np.full((BLOCK, K), -1, np.int64)
    _native.query_knn(Q, NQ, XT, NR, hd, hi, threads=2)
    assert sorted(hi[0, :3]) == [0, 1, 2] and (hi[0, 3:] == -1).all()
    X = np.random.default_rng(0).standard_normal((3, 5))
    idx, dist = np.zeros((3, 4), np.int64), np.zeros((3, 4))
    _native.brute64(X, X, np.arange(3, dtype=np.int64), idx, dist, threads=2)
    assert (idx[:, 2:] == -1).all() and np.isinf(dist[:, 2:]).all()
    assert sorted(idx[0, :2]) == [1, 2]


def test_rerank_and_fill_refuse_rows_outside_x_even_when_called_directly():
    X = np.random.default_rng(1).standard_normal((10, 4))
    idx, dist = np.empty((2, 2), np.int64), np.empty((2, 2))
    selves = np.full(2, -1, np.int64)
    for bad in (10, -2):
        cand = np.array([[0, 1, bad], [2, 3, 4]], np.int64)
        with pytest.raises(ValueError, match=r"cand holds a row outside -1..N-1"):
            _native.rerank(X[:2], X, cand, selves, idx, dist, threads=1)
    out = np.empty((2, 4))
    for base in ([0, 10], [-1, 0]):
        with pytest.raises(ValueError, match=r"base or neighbor holds a row outside 0..N-1"):
            _native.fill_rows(
                X, np.array(base), np.array([1, 2]), np.full(2, 0.5), out,
                np.zeros(4, bool), threads=1,
            )  # fmt: skip


def test_probe_scan_refuses_lists_outside_the_rows():
    n, dp, K = 8, 4, 3
    Q = np.zeros((n, dp), np.float32)
    NQ = np.zeros(n, np.float32)
    XT = np.zeros((dp, n), np.float32)
    hd, hi = np.full((n, K), np.inf, np.float32), np.full((n, K), -1, np.int64)
    good_starts = np.array([0, 4, 8], np.int64)
    message = r"starts must rise in multiples of 4 within 0..n, and probes name lists"
    for starts, probes in [
        (good_starts, np.full((n, 1), 2, np.int64)),  # list 2 of 2
        (good_starts, np.full((n, 1), -1, np.int64)),
        (np.array([0, 4, 12], np.int64), np.zeros((n, 1), np.int64)),  # past the rows
        (np.array([0, 6, 8], np.int64), np.zeros((n, 1), np.int64)),  # not a multiple of 4
        (np.array([4, 0, 8], np.int64), np.zeros((n, 1), np.int64)),  # falling
    ]:
        with pytest.raises(ValueError, match=message):
            _native.probe_scan(Q, NQ, XT, starts, probes, hd, hi, threads=1)


def test_the_python_layer_names_the_argument_it_refuses():
    X = np.random.default_rng(2).standard_normal((10, 4))
    idx, dist = np.empty((10, 2), np.int64), np.empty((10, 2))
    selves = np.arange(10, dtype=np.int64)
    with pytest.raises(ValueError, match=r"X must have dtype float32 or float64; got int64"):
        _native.brute64(X, X.astype(np.int64), selves, idx, dist, threads=1)
    with pytest.raises(ValueError, match=r"Xq must be a C-contiguous 2-D array"):
        _native.brute64(np.asfortranarray(X), X, selves, idx, dist, threads=1)
    with pytest.raises(ValueError, match=r"out_dist must have shape \(10, 2\); got \(10, 3\)"):
        _native.brute64(X, X, selves, idx, np.empty((10, 3)), threads=1)
    frozen = np.empty((10, 2), np.int64)
    frozen.flags.writeable = False
    with pytest.raises(ValueError, match=r"out_idx must be writable"):
        _native.brute64(X, X, selves, frozen, dist, threads=1)
    with pytest.raises(ValueError, match=r"threads must be an int >= 1; got 0"):
        _native.brute64(X, X, selves, idx, dist, threads=0)
    with pytest.raises(TypeError, match=r"self_rows must be a numpy array; got list"):
        _native.brute64(X, X, list(range(10)), idx, dist, threads=1)


def test_the_c_layer_refuses_buffers_shorter_than_their_shapes():
    X = np.random.default_rng(3).standard_normal((10, 4))
    idx, dist = np.empty((10, 2), np.int64), np.empty((10, 2))
    selves = np.arange(10, dtype=np.int64)
    # Claim 11 rows of X: reading the 11th would leave the buffer.
    with pytest.raises(ValueError, match=r"X: the buffer holds 320 bytes; its shape needs 352"):
        _core.brute64(X, True, X, True, selves, idx, dist, 10, 11, 4, 2, 1)
    with pytest.raises(ValueError, match=r"hd: the buffer holds"):
        Q, NQ, XT, NR = packed_rows(3, 8)
        hd, hi = np.empty((BLOCK, 2), np.float32), np.empty((BLOCK, 2), np.int64)
        _core.self_knn(Q, NQ, XT, NR, hd, hi, 1, 8, 3, 1)  # K=3 against lists of 2


def test_helper_threads_that_start_late_find_no_task_and_write_nothing():
    # A kernel call returns once every task has finished, without waiting for its helper
    # threads to exit; 64 threads for 40 one-row tasks on a 2-core machine make helpers
    # that start after the call returned certain. Every output is kept until the end, so
    # a late helper that wrote anywhere would show up in some call's result.
    rng = np.random.default_rng(5)
    X = rng.standard_normal((40, 6))
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d2, np.inf)
    expected = np.argsort(d2, axis=1, kind="stable")[:, :3]
    outputs = []
    for _ in range(300):
        idx, dist = np.full((40, 3), -7, np.int64), np.full((40, 3), np.nan)
        _native.brute64(X, X, np.arange(40, dtype=np.int64), idx, dist, threads=64)
        outputs.append((idx, dist))
    for idx, dist in outputs:
        np.testing.assert_array_equal(idx, expected)
        np.testing.assert_allclose(dist, np.take_along_axis(d2, expected, 1), rtol=1e-12)
