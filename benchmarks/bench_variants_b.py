"""Six SMOTE variants against smote-variants 1.0.1: time, peak memory, exact counts.

CCR, LVQ-SMOTE, Assembled-SMOTE, Safe-Level-SMOTE, MWMOTE and Geometric SMOTE (the last
has no smote-variants counterpart), at 2k, 100k and 1M rows x 20 features, 90 / 10, each
case in a fresh Python process. Run it on a quiet machine with::

    .venv/bin/python benchmarks/bench_variants_b.py

which rewrites the table between the ``bench_variants_b`` markers of ``docs/samplers.md``
(a case over ``--timeout`` seconds, default 600, is stopped and reported so). A quick smoke
run on tiny data, writing elsewhere::

    .venv/bin/python benchmarks/bench_variants_b.py --rows 500 --out /tmp/variants.md

Time is the wall time of the resampling call; peak memory the process's peak resident size
during it minus its size just before (data and imports excluded; a first call on 300 rows
warms up lazy imports and compiled kernels and is not counted). Both libraries get the same
parameters where they share them (smote-variants' ``proportion=1.0`` is smotekit's
``"auto"``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_family import _rss_now, _rss_peak  # a sibling script, not a package

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "samplers.md"
START, END = "<!-- bench_variants_b:start -->", "<!-- bench_variants_b:end -->"

# label -> (smotekit class, its parameters, smote-variants class or None, its parameters)
CASES = {
    "CCR": ("CCR", {"energy": 0.25}, "CCR", {"energy": 0.25}),
    "LVQ-SMOTE": ("LVQSMOTE", {}, "LVQ_SMOTE", {}),
    "Assembled-SMOTE": ("AssembledSMOTE", {}, "Assembled_SMOTE", {}),
    "Safe-Level-SMOTE": ("SafeLevelSMOTE", {}, "Safe_Level_SMOTE", {}),
    "MWMOTE": ("MWMOTE", {}, "MWMOTE", {"k1": 5, "k2": 3, "k3": 5, "cmax": 2.0}),
    "Geometric SMOTE": ("GeometricSMOTE", {}, None, {}),
}
LIBRARIES = ("smotekit", "smote-variants")
ROWS = (2_000, 100_000, 1_000_000)


def make_data(rows: int):
    from sklearn.datasets import make_classification

    return make_classification(
        n_samples=rows, n_features=20, n_informative=10, weights=[0.9, 0.1], random_state=0
    )


def resampler(library: str, label: str):
    """A function (X, y) -> (X_res, y_res) for one case."""
    ours, ours_kw, theirs, theirs_kw = CASES[label]
    if library == "smotekit":
        import smotekit

        cls = getattr(smotekit, ours)
        return lambda X, y: cls(random_state=0, **ours_kw).fit_resample(X, y)
    import logging

    import smote_variants

    logging.getLogger("smote_variants").setLevel(logging.ERROR)
    cls = getattr(smote_variants, theirs)
    return lambda X, y: cls(random_state=0, **theirs_kw).sample(X, y)


def run_case(library: str, label: str) -> dict:
    """One case in this process (called in a child process)."""
    import time
    import warnings
    from collections import Counter

    import numpy as np

    X, y = make_data(int(os.environ["BENCH_ROWS"]))
    resample = resampler(library, label)
    small = np.concatenate([np.flatnonzero(y == c)[:150] for c in np.unique(y)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        resample(X[small], y[small])
        before = _rss_now()
        start = time.perf_counter()
        _, y_res = resample(X, y)
        seconds = time.perf_counter() - start
    peak = _rss_peak()
    counts_in = Counter(np.asarray(y).tolist())
    return {
        "seconds": seconds,
        "peak_mib": max(0.0, (peak - before) / 2**20),
        "asked": max(counts_in.values()),
        "counts_out": [int(v) for _, v in sorted(Counter(np.asarray(y_res).tolist()).items())],
    }


def measure(library: str, label: str, rows: int, timeout: float) -> dict:
    if library == "smote-variants" and CASES[label][2] is None:
        return {"error": "no such method in smote-variants"}
    env = {**os.environ, "BENCH_ROWS": str(rows)}
    command = [sys.executable, __file__, "--child", library, label]
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": last[:90]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: dict, rows_list) -> str:
    lines = [
        f"Run {dt.date.today().isoformat()} on {platform.machine()} with {os.cpu_count()} "
        f"CPUs, Python {platform.python_version()}; 20 features, 90 / 10.",
        "",
        "| method | rows | library | time (s) | peak memory (MiB) | counts exact |",
        "| --- | ---: | --- | ---: | ---: | --- |",
    ]
    for label in CASES:
        for rows in rows_list:
            for library in LIBRARIES:
                r = results.get((label, rows, library))
                if r is None:
                    continue
                if "error" in r:
                    lines.append(f"| {label} | {rows:,} | {library} | - | - | {r['error']} |")
                    continue
                out = r["counts_out"]
                exact = "yes" if all(c == r["asked"] for c in out) else f"no ({out})"
                lines.append(
                    f"| {label} | {rows:,} | {library} | {r['seconds']:.2f} | "
                    f"{r['peak_mib']:.0f} | {exact} |"
                )
    return "\n".join(lines)


def write(text: str, path: Path, markers=(START, END)) -> None:
    """Replace the table between the ``markers`` of ``path`` (appended when missing)."""
    start, end = markers
    block = f"{start}\n{text}\n{end}"
    old = path.read_text() if path.exists() else ""
    if start in old:
        new = old[: old.index(start)] + block + old[old.index(end) + len(end) :]
    else:
        new = f"{old.rstrip()}\n\n{block}\n" if old else f"{block}\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(new)
    tmp.replace(path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=list(ROWS))
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--only", nargs="*", help="labels of the cases to run (default: all)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(*args.child)))
        return 0
    results = {}
    for label in CASES:
        if args.only and label not in args.only:
            continue
        for rows in args.rows:
            for library in LIBRARIES:
                r = measure(library, label, rows, args.timeout)
                results[(label, rows, library)] = r
                print(
                    f"{label:18} {rows:>9,} {library:15} {r.get('seconds', float('nan')):8.2f} s "
                    f"{r.get('peak_mib', float('nan')):8.0f} MiB {r.get('error', '')}",
                    flush=True,
                )
    write(table(results, args.rows), args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
