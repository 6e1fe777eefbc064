"""Thread scaling of exact SMOTE: smotekit and imbalanced-learn with 1..N threads.

For each thread count n in 1..N, both libraries run ``SMOTE(random_state=0).fit_resample``
in this one process on the same data, with n threads each: smotekit's compiled kernels
through ``smotekit._parallel.limit_threads(n)`` (this thread only; nothing global is
changed) and every BLAS / OpenMP pool scikit-learn and scipy use through
``threadpoolctl``. One warm-up call of each library comes first (lazy imports, pools
started), then the runs alternate between the libraries; the table gives the
median of ``--repeats`` runs, the parallel efficiency ``t1 / (n * tn)`` of each, and
smotekit's speed-up over imbalanced-learn at the same thread count as a ratio.

Run it on a quiet machine (nothing else on its cores), from the project root:

    .venv/bin/python benchmarks/bench_threads.py                     # 1M x 20 float32
    .venv/bin/python benchmarks/bench_threads.py --rows 200000 --threads 1,2,4,8

It prints a Markdown table (and writes it to ``--output`` when given); it runs as it is on
any machine: N defaults to ``os.cpu_count()``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--features", type=int, default=20)
    p.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    p.add_argument("--minority", type=float, default=0.1, help="minority share of the rows")
    p.add_argument("--k", type=int, default=5, help="k_neighbors")
    p.add_argument(
        "--threads",
        default=None,
        help="comma-separated thread counts (default: 1..os.cpu_count())",
    )
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--no-imblearn", action="store_true", help="time smotekit alone")
    p.add_argument("--output", default=None, help="also write the table to this file")
    args = p.parse_args(argv)
    if args.threads is None:
        args.thread_counts = list(range(1, (os.cpu_count() or 1) + 1))
    else:
        args.thread_counts = [int(t) for t in args.threads.split(",") if t.strip()]
    if not args.thread_counts or min(args.thread_counts) < 1:
        p.error(f"--threads must be positive integers; got {args.threads!r}")
    if not 0 < args.minority < 0.5:
        p.error(f"--minority must be in (0, 0.5); got {args.minority}")
    if args.rows < 20 or args.features < 1 or args.repeats < 1:
        p.error("--rows must be >= 20, --features >= 1 and --repeats >= 1")
    return args


def make_data(rows: int, features: int, dtype: str, minority: float):
    from sklearn.datasets import make_classification

    informative = max(1, min(features, features // 2 + 1))
    X, y = make_classification(
        n_samples=rows,
        n_features=features,
        n_informative=informative,
        n_redundant=0,
        n_repeated=0,
        weights=[1 - minority, minority],
        random_state=0,
    )
    return np.ascontiguousarray(X, dtype=dtype), y


def runners(k: int, with_imblearn: bool) -> dict:
    from smotekit import SMOTE

    out = {"smotekit": lambda X, y: SMOTE(k_neighbors=k, random_state=0).fit_resample(X, y)}
    if with_imblearn:
        from imblearn.over_sampling import SMOTE as ImbSMOTE

        out["imblearn"] = lambda X, y: ImbSMOTE(k_neighbors=k, random_state=0).fit_resample(X, y)
    return out


def timed(fn, X, y, threads: int) -> float:
    """Seconds of one ``fn(X, y)`` with ``threads`` threads in smotekit's kernels and every
    native pool."""
    from threadpoolctl import threadpool_limits

    from smotekit._parallel import limit_threads

    with limit_threads(threads), threadpool_limits(limits=threads):
        start = time.perf_counter()
        fn(X, y)
        return time.perf_counter() - start


def measure(args) -> dict:
    """{library: {threads: median seconds}}."""
    from smotekit._parallel import available_cpus

    if max(args.thread_counts) > available_cpus():
        print(
            f"note: this process may run on {available_cpus()} CPUs; smotekit's kernels "
            "cap larger thread counts there",
            file=sys.stderr,
        )
    X, y = make_data(args.rows, args.features, args.dtype, args.minority)
    libraries = runners(args.k, not args.no_imblearn)
    for fn in libraries.values():  # warm-up: kernels loaded or compiled, pools started
        timed(fn, X, y, max(args.thread_counts))
    names = list(libraries)
    times = {name: {} for name in names}
    for n in args.thread_counts:
        runs = {name: [] for name in names}
        for r in range(args.repeats):
            order = names[r % len(names) :] + names[: r % len(names)]  # alternate who goes first
            for name in order:
                runs[name].append(timed(libraries[name], X, y, n))
        for name in names:
            times[name][n] = statistics.median(runs[name])
        line = ", ".join(f"{name} {times[name][n]:.3f} s" for name in names)
        print(f"{n} thread(s): {line}", file=sys.stderr)
    return times


def table(args, times: dict) -> str:
    names = list(times)
    first = min(args.thread_counts)
    head = ["threads"]
    for name in names:
        head += [f"{name} (s)", f"{name} efficiency"]
    if "imblearn" in times:
        head.append("imblearn / smotekit")
    lines = [
        f"SMOTE exact (k={args.k}), {args.rows:,} x {args.features} {args.dtype}, "
        f"{args.minority:.0%} minority; median of {args.repeats}; "
        f"{platform.processor() or platform.machine()}, os.cpu_count() = {os.cpu_count()}",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for n in args.thread_counts:
        cells = [str(n)]
        for name in names:
            t1, tn = times[name][first], times[name][n]
            # Efficiency against the smallest count run (1 unless --threads says otherwise).
            efficiency = (first * t1) / (n * tn)
            cells += [f"{tn:.3f}", f"{efficiency:.2f}"]
        if "imblearn" in times:
            cells.append(f"{times['imblearn'][n] / times['smotekit'][n]:.2f}x")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "efficiency = t1 / (n * tn) (1.00 = perfect scaling); the last column is how many "
        "times faster smotekit is than imbalanced-learn with the same threads."
    )
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    args = parse_args(argv)
    text = table(args, measure(args))
    print(text)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
