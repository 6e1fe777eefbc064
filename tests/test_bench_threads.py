"""benchmarks/bench_threads.py: its arguments and the table it prints (no timing here)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="module")
def bench(load_benchmark):
    return load_benchmark("bench_threads")


def test_defaults_run_one_to_cpu_count_threads_at_1m_x_20_float32(bench):
    args = bench.parse_args([])
    assert args.thread_counts == list(range(1, os.cpu_count() + 1))
    assert (args.rows, args.features, args.dtype, args.minority) == (1_000_000, 20, "float32", 0.1)
    assert bench.parse_args(["--threads", "1,4,16"]).thread_counts == [1, 4, 16]
    with pytest.raises(SystemExit):
        bench.parse_args(["--threads", "0,2"])


def test_table_gives_parallel_efficiency_and_the_ratio_to_imblearn(bench):
    args = bench.parse_args(["--threads", "1,2,4", "--rows", "1000"])
    times = {"smotekit": {1: 8.0, 2: 5.0, 4: 2.5}, "imblearn": {1: 4.0, 2: 4.0, 4: 4.0}}
    rows = [line for line in bench.table(args, times).splitlines() if line.startswith("| ")]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in rows[1:]]
    # efficiency t1 / (n * tn): 8 / (2 * 5) = 0.80, 8 / (4 * 2.5) = 0.80; 4 / (4 * 4) = 0.25
    assert cells[1] == ["2", "5.000", "0.80", "4.000", "0.50", "0.80x"]
    assert cells[2] == ["4", "2.500", "0.80", "4.000", "0.25", "1.60x"]
