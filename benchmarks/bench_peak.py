"""How close the exact search's distance tiles come to one core's float32 FMA peak.

Three measurements, each on one thread (the calling one) and each the best of
``--repeats`` runs:

- **peak**: a tiny register-blocked kernel of the extension (``_native.fma_peak``: twelve
  independent 8-lane float32 multiply-adds per iteration, no memory traffic), the most a
  program reaches on this core;
- **tiles**: the distance tiles of the exact self search alone (every pair of 256-row
  blocks once, nothing offered to the candidate lists, ``_native.bench_tiles``), counted as
  ``2 * dp`` flops per row pair of each tile (``dp``: features padded to a multiple of 4);
- **search**: the whole float32 self search (tiles plus candidate lists,
  ``_native.self_knn``) with the same flop count.

It prints GFLOP/s of each and the fractions of the peak. Run it on a quiet machine from
the project root:

    .venv/bin/python benchmarks/bench_peak.py                # 40k rows x 20 features
    .venv/bin/python benchmarks/bench_peak.py --rows 100000 --features 32
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=40_000)
    p.add_argument("--features", type=int, default=20)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args(argv)
    if args.rows < 512 or args.features < 1 or args.repeats < 1 or args.k < 1:
        p.error("--rows must be >= 512, --features, --k and --repeats >= 1")
    return args


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(args) -> dict:
    from smotekit import _native
    from smotekit.neighbors import _exact

    iterations = 20_000_000
    peak = iterations * 12 * 8 * 2 / best_of(args.repeats, lambda: _native.fma_peak(iterations))

    rng = np.random.default_rng(0)
    X = rng.standard_normal((args.rows, args.features)).astype(np.float32)
    mu, scale, exact = _exact._centre_and_scale(X)
    packed = _exact.Packed(X, mu, scale, exact)
    XT, NR = packed.transposed()
    Q, NQ = packed.Q, packed.NQ
    m, dp, block = XT.shape[0], packed.dp, _native.BLOCK
    flops = m * (m + 1) // 2 * block * block * 2 * dp
    tiles = flops / best_of(args.repeats, lambda: _native.bench_tiles(Q, NQ, XT, NR))

    K = args.k + _exact.EXTRA

    def search():
        hd, hi = _exact._lists(Q.shape[0], K)
        _native.self_knn(Q, NQ, XT, NR, hd, hi, threads=1)

    whole = flops / best_of(args.repeats, search)
    return {"peak": peak, "tiles": tiles, "search": whole, "dp": dp}


def report(args, r: dict) -> str:
    cpu = platform.processor() or platform.machine()
    return "\n".join(
        [
            f"{args.rows:,} rows x {args.features} features (dp = {r['dp']}), k = {args.k}, "
            f"one thread, best of {args.repeats}; {cpu}, os.cpu_count() = {os.cpu_count()}",
            f"float32 FMA peak (fma_peak):        {r['peak'] / 1e9:7.1f} GFLOP/s",
            f"distance tiles (bench_tiles):       {r['tiles'] / 1e9:7.1f} GFLOP/s "
            f"= {r['tiles'] / r['peak']:.2f} of the peak",
            f"whole float32 search (self_knn):    {r['search'] / 1e9:7.1f} GFLOP/s "
            f"= {r['search'] / r['peak']:.2f} of the peak",
        ]
    )


def main(argv=None) -> None:
    args = parse_args(argv)
    print(report(args, measure(args)))


if __name__ == "__main__":
    main()
