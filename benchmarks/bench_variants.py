"""The SMOTE variants against smote-variants 1.0.1: time, peak memory, exact counts.

Run it on a quiet machine (it takes long: smote-variants is slow or fails at 100 000 rows
and more) with::

    .venv/bin/python benchmarks/bench_variants.py

which writes the table between the ``bench_variants`` markers of ``docs/samplers.md`` (a
new section at its end the first time). A quick smoke run on tiny data, writing
elsewhere::

    .venv/bin/python benchmarks/bench_variants.py --rows 2000 --out /tmp/variants.md

What it measures, for each variant, with smotekit's class and smote-variants' class of the
same method at their default parameters (both balance the two classes), each case in a
fresh Python process:

* data: ``make_classification`` with each of ``--rows`` rows (default 2 000, 100 000 and
  1 000 000), 20 features and a 90 / 10 split, the same for both libraries;
* rows produced per class against the count asked for (the majority's count);
* wall time and peak memory (the process's peak resident size during the call minus its
  size just before; a first call on 300 rows warms up imports and compiled kernels);
* a case running over ``--timeout`` seconds (default 600) is stopped and reported so, and a
  case that fails is reported with its last error line. Plain SMOTE is the first row of
  each size, to read each variant's time as a multiple of SMOTE's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path

from bench_family import _rss_now, _rss_peak, measure

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "samplers.md"
START, END = "<!-- bench_variants:start -->", "<!-- bench_variants:end -->"

# (label, smotekit class, its parameters, smote-variants class)
CASES = [
    ("SMOTE", "SMOTE", {}, "SMOTE"),
    ("polynom-fit-SMOTE star", "PolynomFitSMOTE", {"topology": "star"}, "polynom_fit_SMOTE_star"),
    ("polynom-fit-SMOTE bus", "PolynomFitSMOTE", {"topology": "bus"}, "polynom_fit_SMOTE_bus"),
    ("polynom-fit-SMOTE poly", "PolynomFitSMOTE", {"topology": "poly"}, "polynom_fit_SMOTE_poly"),
    ("polynom-fit-SMOTE mesh", "PolynomFitSMOTE", {"topology": "mesh"}, "polynom_fit_SMOTE_mesh"),
    ("ProWSyn", "ProWSyn", {}, "ProWSyn"),
    ("SMOTE-IPF", "SMOTEIPF", {}, "SMOTE_IPF"),
    ("Lee", "LeeSMOTE", {}, "Lee"),
    ("SMOBD", "SMOBD", {}, "SMOBD"),
    ("G-SMOTE", "GSMOTE", {}, "G_SMOTE"),
]
LIBRARIES = ("smotekit", "smote-variants")


def make_data(rows: int):
    from sklearn.datasets import make_classification

    return make_classification(
        n_samples=rows, n_features=20, n_informative=10, weights=[0.9, 0.1], random_state=0
    )


def run_case(library: str, label: str) -> dict:
    """One case in this process: resample and measure (called in a child process)."""
    import logging
    import time
    import warnings
    from collections import Counter

    import numpy as np

    _, ours, params, theirs = next(c for c in CASES if c[0] == label)
    X, y = make_data(int(os.environ["BENCH_ROWS"]))
    if library == "smotekit":
        import smotekit

        def make():
            return getattr(smotekit, ours)(random_state=0, **params)

        def resample(sampler, X, y):
            return sampler.fit_resample(X, y)
    else:
        import smote_variants

        logging.getLogger("smote_variants").setLevel(logging.ERROR)

        def make():
            return getattr(smote_variants, theirs)(random_state=0)

        def resample(sampler, X, y):
            return sampler.sample(X, y)

    small = np.concatenate([np.flatnonzero(y == c)[:150] for c in np.unique(y)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        resample(make(), X[small], y[small])
    before = _rss_now()
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, y_res = resample(make(), X, y)
    seconds = time.perf_counter() - start
    peak = _rss_peak()
    return {
        "seconds": seconds,
        "peak_mib": max(0.0, (peak - before) / 2**20),
        "counts_in": {str(k): v for k, v in sorted(Counter(y.tolist()).items())},
        "counts_out": {str(k): v for k, v in sorted(Counter(np.asarray(y_res).tolist()).items())},
    }


def table(results: dict, sizes: list[int]) -> str:
    lines = [
        f"Run {dt.date.today().isoformat()} on {platform.machine()} with {os.cpu_count()} "
        f"CPUs, Python {platform.python_version()}. Exact: every class has the count asked "
        "for (SMOTE-IPF removes rows by design, so its counts are SMOTE's less the filtered).",
        "",
        "| variant | rows | library | time (s) | x SMOTE | peak memory (MiB) | counts out "
        "| exact |",
        "| --- | ---: | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for rows in sizes:
        for label, *_ in CASES:
            for library in LIBRARIES:
                r = results.get((rows, label, library))
                if r is None:
                    continue
                if "error" in r:
                    lines.append(
                        f"| {label} | {rows:,} | {library} | - | - | - | - | {r['error']} |"
                    )
                    continue
                smote = results.get((rows, "SMOTE", library), {}).get("seconds")
                ratio = f"{r['seconds'] / smote:.1f}" if smote else "-"
                out = " / ".join(str(v) for v in r["counts_out"].values())
                want = max(r["counts_in"].values())
                exact = all(v == want for v in r["counts_out"].values())
                lines.append(
                    f"| {label} | {rows:,} | {library} | {r['seconds']:.2f} | {ratio} | "
                    f"{r['peak_mib']:.0f} | {out} | {'yes' if exact else 'no'} |"
                )
    return "\n".join(lines)


def write(
    text: str,
    path: Path,
    markers=(START, END),
    heading="## SMOTE variants against smote-variants 1.0.1",
) -> None:
    """Replace the table between ``markers`` in ``path``, or add it as a new section."""
    start, end = markers
    block = f"{start}\n{text}\n{end}"
    old = path.read_text() if path.exists() else ""
    if start in old:
        new = old[: old.index(start)] + block + old[old.index(end) + len(end) :]
    else:
        new = f"{old.rstrip()}\n\n{heading}\n\n{block}\n" if old else f"{heading}\n\n{block}\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(new)
    tmp.replace(path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--only", nargs="*", help="labels of the cases to run (default: all)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(*args.child)))
        return 0
    results = {}
    for rows in args.rows:
        for label, *_ in CASES:
            if args.only and label not in args.only and label != "SMOTE":
                continue
            for library in LIBRARIES:
                results[(rows, label, library)] = r = measure(
                    library, label, rows, args.timeout, __file__
                )
                print(
                    f"{rows:>9} {label:24} {library:15} {r.get('seconds', float('nan')):8.2f} s "
                    f"{r.get('peak_mib', float('nan')):8.0f} MiB {r.get('error', '')}",
                    flush=True,
                )
    write(table(results, args.rows), args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
