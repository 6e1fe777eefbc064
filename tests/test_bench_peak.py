"""benchmarks/bench_peak.py: its arguments, its flop count and the report (no timing here)."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module")
def bench(load_benchmark):
    return load_benchmark("bench_peak")


def test_defaults_and_refusals(bench):
    args = bench.parse_args([])
    assert (args.rows, args.features, args.k, args.repeats) == (40_000, 20, 5, 3)
    with pytest.raises(SystemExit):
        bench.parse_args(["--rows", "100"])


def test_report_gives_the_fractions_of_the_peak(bench):
    args = bench.parse_args(["--rows", "1000", "--repeats", "1"])
    text = bench.report(args, {"peak": 80e9, "tiles": 60e9, "search": 20e9, "dp": 20})
    assert "80.0 GFLOP/s" in text
    assert "60.0 GFLOP/s = 0.75 of the peak" in text
    assert "20.0 GFLOP/s = 0.25 of the peak" in text


def test_the_benchmarked_tiles_are_the_searchs_distances():
    # bench_tiles runs the same tiles as the search: its checksum is finite on real rows,
    # and the search it stands for finds each row's true nearest other row.
    from smotekit import _native
    from smotekit.neighbors import _exact

    X = np.random.default_rng(0).standard_normal((600, 20)).astype(np.float32)
    packed = _exact.Packed(X, *_exact._centre_and_scale(X))
    XT, NR = packed.transposed()
    assert np.isfinite(_native.bench_tiles(packed.Q[:512], packed.NQ[:512], XT[:2], NR[:2]))
    hd, hi = _exact._lists(packed.Q.shape[0], 1)
    _native.self_knn(packed.Q, packed.NQ, XT, NR, hd, hi, threads=1)
    d2 = ((X[:, None, :].astype(np.float64) - X[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d2, np.inf)
    assert (hi[:600, 0] == d2.argmin(axis=1)).mean() > 0.99  # float32 ranks, ties aside
    assert _native.fma_peak(1000) > 0
