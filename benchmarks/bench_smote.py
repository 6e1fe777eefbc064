"""smotekit vs imbalanced-learn: SMOTE time, peak memory and approximate recall.

Run the full grid (rows 10k/100k/1M x features 5/20/100 x float32/float64 at 10% minority,
plus 300k x 20 float64 and 1M x 20 float64 at 1% minority) on a quiet machine, from the
project root; it rewrites the results section of docs/performance.md:

    .venv/bin/python benchmarks/bench_smote.py

A quick subset (about a minute), written elsewhere:

    .venv/bin/python benchmarks/bench_smote.py --rows 10000,100000 --features 5,20 \\
        --dtypes float64 --extra none --repeats 1 --output /tmp/performance.md

Timing: for each case both libraries run in this one process, alternating
(imbalanced-learn, smotekit exact, smotekit approximate, then again, each repeat starting
one further along), after one warm-up run of each (lazy imports, page faults); the table
gives medians of ``--repeats`` runs of ``SMOTE(random_state=0).fit_resample``.
Memory: each library runs once more in a fresh child process, which loads the data,
resets the kernel's peak-RSS mark (``/proc/self/clear_refs``) and reports the peak
resident memory above what it held before the call (output included, input not).
Recall@5: the approximate search's neighbour sets against the exact ones, over all rows
of the minority class. Data: ``make_classification`` (scikit-learn defaults otherwise,
``random_state=0``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PAUSE = 0.2  # seconds between timed runs


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", default="10000,100000,1000000", help="comma-separated row counts")
    p.add_argument("--features", default="5,20,100", help="comma-separated feature counts")
    p.add_argument("--dtypes", default="float32,float64")
    p.add_argument("--minority", type=float, default=0.1, help="minority share of the grid")
    p.add_argument(
        "--extra",
        default="300000x20xfloat64x0.1,1000000x20xfloat64x0.01",
        help="extra cases ROWSxFEATURESxDTYPExMINORITY, comma-separated, or 'none'",
    )
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--no-memory", action="store_true", help="skip the memory child runs")
    p.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    p.add_argument(
        "--child", nargs=3, metavar=("LIBRARY", "METHOD", "DATA"), help=argparse.SUPPRESS
    )
    return p.parse_args(argv)


def cases(args):
    grid = [
        (int(r), int(f), dt, args.minority)
        for r in args.rows.split(",")
        for f in args.features.split(",")
        for dt in args.dtypes.split(",")
    ]
    if args.extra != "none":
        for spec in args.extra.split(","):
            r, f, dt, m = spec.split("x")
            case = (int(r), int(f), dt, float(m))
            if case not in grid:
                grid.append(case)
    return grid


def make_data(rows: int, features: int, dtype: str, minority: float):
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=rows, n_features=features, weights=[1 - minority], random_state=0
    )
    return np.ascontiguousarray(X.astype(dtype)), y


def warm_up_rows(rows: int) -> int:
    """Enough rows to take the same code paths as the full run (kernels loaded)."""
    return min(rows, max(60_000, rows // 5))


def sampler(library: str, method: str):
    if library == "imblearn":
        from imblearn.over_sampling import SMOTE

        return SMOTE(random_state=0)
    from smotekit import SMOTE

    return SMOTE(random_state=0, neighbors=method)


def timed(library: str, method: str, X, y) -> float:
    gc.collect()
    time.sleep(PAUSE)  # let the previous run's idle threads (OpenMP spin-waits) go to sleep
    start = time.perf_counter()
    out = sampler(library, method).fit_resample(X, y)
    elapsed = time.perf_counter() - start
    del out
    return elapsed


def recall_at_k(X, y, k: int) -> float:
    from smotekit import neighbors

    X_min = X[y == 1]
    exact = neighbors.within(X_min, neighbors.make_estimator(k))
    approx = neighbors.within(X_min, neighbors.make_estimator(k, method="approximate"))
    hits = (approx[:, :, None] == exact[:, None, :]).any(axis=2).sum()
    return float(hits) / exact.size


def smotekit_knn_time(X, y, k: int) -> float:
    from smotekit import neighbors

    X_min = np.ascontiguousarray(X[y == 1])
    start = time.perf_counter()
    neighbors.within(X_min, neighbors.make_estimator(k))
    return time.perf_counter() - start


# --------------------------------------------------------------------------- memory


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def child(library: str, method: str, data: str) -> None:
    """Run once after a warm-up on a slice; print the peak RSS above the baseline."""
    loaded = np.load(data)
    X, y = loaded["X"], loaded["y"]
    warm = warm_up_rows(len(y))
    sampler(library, method).fit_resample(X[:warm], y[:warm])  # imports, kernels
    gc.collect()
    baseline = _status("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    out = sampler(library, method).fit_resample(X, y)
    peak = _status("VmHWM")
    del out
    print(json.dumps({"peak": peak - baseline}))


def peak_memory(library: str, method: str, data: str) -> float | None:
    cmd = [sys.executable, __file__, "--child", library, method, data]
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        print(f"  memory child failed: {run.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(run.stdout.strip().splitlines()[-1])["peak"] / 2**20


# --------------------------------------------------------------------------- report


def run_case(case, args, tmp: Path) -> dict:
    rows, features, dtype, minority = case
    X, y = make_data(rows, features, dtype, minority)
    runs = {"imblearn": [], "exact": [], "approximate": []}
    order = [("imblearn", "exact"), ("smotekit", "exact"), ("smotekit", "approximate")]
    warm = warm_up_rows(rows)
    for library, method in order:  # warm-up: imports, page faults
        timed(library, method, X[:warm], y[:warm])
    for repeat in range(args.repeats):
        # Rotate who goes first: a run can be slowed by the one before it (OpenMP threads
        # of scikit-learn still spinning, caches), so each takes each position in turn.
        shift = repeat % len(order)
        for library, method in order[shift:] + order[:shift]:
            key = "imblearn" if library == "imblearn" else method
            runs[key].append(timed(library, method, X, y))
    med = {key: statistics.median(v) for key, v in runs.items()}
    result = {
        "case": case,
        "n_minority": int((y == 1).sum()),
        "imblearn": med["imblearn"],
        "exact": med["exact"],
        "approximate": med["approximate"],
        "knn": smotekit_knn_time(X, y, args.k),
        "recall": recall_at_k(X, y, args.k),
    }
    if not args.no_memory:
        data = tmp / "data.npz"
        np.savez(data, X=X, y=y)
        del X
        gc.collect()
        result["mem_imblearn"] = peak_memory("imblearn", "exact", str(data))
        result["mem_exact"] = peak_memory("smotekit", "exact", str(data))
        result["mem_approximate"] = peak_memory("smotekit", "approximate", str(data))
        data.unlink()
    return result


def fmt_mb(value) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def table(results, k: int) -> str:
    head = (
        "| rows x features, dtype, minority | imblearn s | smotekit exact s (kNN s) "
        f"| exact speed-up | approximate s | approx. speed-up | recall@{k} "
        "| peak MB imblearn / exact / approx. | exact / imblearn memory |\n"
    )
    head += "|---|---|---|---|---|---|---|---|---|\n"
    lines = []
    for r in results:
        rows, features, dtype, minority = r["case"]
        mem = [r.get("mem_imblearn"), r.get("mem_exact"), r.get("mem_approximate")]
        share = "n/a" if None in mem[:2] or not mem[0] else f"{mem[1] / mem[0]:.2f}"
        lines.append(
            f"| {rows:,} x {features}, {dtype}, {minority:.0%} "
            f"| {r['imblearn']:.3f} | {r['exact']:.3f} ({r['knn']:.3f}) "
            f"| {r['imblearn'] / r['exact']:.2f}x | {r['approximate']:.3f} "
            f"| {r['imblearn'] / r['approximate']:.2f}x | {r['recall']:.3f} "
            f"| {' / '.join(fmt_mb(m) for m in mem)} | {share} |"
        )
    return head + "\n".join(lines) + "\n"


def machine() -> str:
    import imblearn
    import sklearn

    import smotekit

    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, numpy "
        f"{np.__version__}, scikit-learn {sklearn.__version__}, imbalanced-learn "
        f"{imblearn.__version__}, smotekit "
        f"{getattr(smotekit, '__version__', '?')}"
    )


def write_report(path: Path, results, args, argv) -> None:
    command = "python benchmarks/bench_smote.py" + "".join(f" {a}" for a in argv)
    section = (
        f"{START}\n"
        f"Produced by `{command}` on {time.strftime('%Y-%m-%d')}: {machine()}. "
        f"Median of {args.repeats} alternating runs per cell; times in seconds; speed-up = "
        "imbalanced-learn time / smotekit time; peak MB = resident memory above the "
        "baseline during one call, in a fresh process (output included, input not).\n\n"
        f"{table(results, args.k)}{END}"
    )
    text = path.read_text() if path.exists() else "# Performance\n\n" + START + "\n" + END + "\n"
    if START not in text:
        text = text.rstrip() + "\n\n" + START + "\n" + END + "\n"
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(before + section + after)
    tmp.replace(path)


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.child:
        child(*args.child)
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases(args):
            print(f"{case} ...", file=sys.stderr, flush=True)
            results.append(run_case(case, args, Path(tmp)))
            print(table(results[-1:], args.k).splitlines()[-1], file=sys.stderr, flush=True)
    write_report(Path(args.output), results, args, argv)
    print(table(results, args.k))


if __name__ == "__main__":
    main()
