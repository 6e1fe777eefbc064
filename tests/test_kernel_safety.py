"""Compiled kernels never trust their inputs (issue 10, item 1 and the bounds-check switch).

Every index a kernel reads was written on every path: rows that are NaN (no distance
compares) still get valid probe lists, a subnormal class is scaled without overflowing,
and index arrays from outside (a plan, a neighbour estimator) are checked before a kernel
reads them. ``SMOTEKIT_BOUNDSCHECK=1`` compiles smotekit's kernels with numba's bounds
checks; one subprocess runs the kernels that way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from smotekit import _interpolate
from smotekit._plan import Plan
from smotekit.neighbors import NeighborSearch, _approximate, _exact, _kernels

SRC = str(Path(__file__).resolve().parents[1] / "src")


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
    _kernels.nearest_lists(
        Q, NQ, np.ascontiguousarray(C.T), np.einsum("ij,ij->i", C, C), count, home, probes
    )
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


BOUNDSCHECKED = textwrap.dedent(
    """
    import numpy as np
    from smotekit import _parallel
    from smotekit.neighbors import NeighborSearch, _approximate, _exact, _kernels
    from smotekit._interpolate import _kernels as fill

    assert _parallel.BOUNDSCHECK
    rng = np.random.default_rng(0)
    # The blocked float32 search with re-rank (self and query), and the float64 brute force.
    X = rng.standard_normal((600, 11))
    _exact.self_brute(X, 4)
    _exact.BruteIndex(X).query(X[:50] + 0.1, 4)
    _exact.brute_rows(X[:10], X, np.arange(10), 4)
    # The inverted-file index, on an ordinary and on a subnormal class (item 1's path).
    _approximate.EXACT_BELOW = 100
    for scale in (1.0, 1e-310):
        idx = NeighborSearch(n_neighbors=5, method="approximate").fit(X * scale).kneighbors(
            return_distance=False
        )
        assert ((idx >= 0) & (idx < 600)).all()
    # NaN rows: every probe list is still written.
    Q = np.full((8, 4), np.nan, np.float32)
    C = rng.standard_normal((6, 4)).astype(np.float32)
    home, probes = np.empty(8, np.int64), np.empty((8, 3), np.int64)
    _kernels.nearest_lists(Q, np.full(8, np.nan, np.float32), np.ascontiguousarray(C.T),
                           np.einsum("ij,ij->i", C, C), 3, home, probes)
    # Generation.
    out = np.empty((5, 11))
    base = np.arange(5, dtype=np.int64)
    fill.fill_rows(X, base, base + 1, np.full(5, 0.5), out, np.zeros(11, np.bool_))
    # Every kernel was compiled with the checks, and they work: an index past the end of
    # a list raises instead of writing stray memory (shown on a serial kernel: exceptions
    # inside parallel loops are lost under some of numba's threading layers).
    for module in (_kernels, fill):
        for name, kernel in vars(module).items():
            if hasattr(kernel, "targetoptions"):
                assert kernel.targetoptions["boundscheck"] is True, name
    hd, hi = np.full((2, 3), np.inf, np.float32), np.full((2, 3), -1, np.int64)
    try:
        _kernels._insert(hd, hi, 5, np.float32(1.0), 7)
    except IndexError:
        print("bounds checked")
    """
)


def test_kernels_are_not_bounds_checked_by_default():
    if os.environ.get("SMOTEKIT_BOUNDSCHECK"):
        pytest.skip("the suite itself runs with SMOTEKIT_BOUNDSCHECK set")
    assert _kernels.probe_scan.targetoptions["boundscheck"] is False


def test_kernels_run_with_numba_bounds_checks():
    env = {**os.environ, "SMOTEKIT_BOUNDSCHECK": "1", "PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-c", BOUNDSCHECKED], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "bounds checked"
