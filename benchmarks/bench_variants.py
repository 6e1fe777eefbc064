"""The twelve SMOTE variants against smote-variants 1.0.1: time, peak memory, exact counts.

Run it on a quiet machine (it takes long: smote-variants is slow or fails at 100 000 rows
and more) with::

    .venv/bin/python benchmarks/bench_variants.py

which rewrites the rows it measured in the table between the ``bench_variants`` markers of
``docs/samplers.md`` and keeps the others (a row never measured says "not run"). Each row is
written as soon as both libraries' cases of it finished, so a run stopped part-way keeps
the rows it measured. A quick smoke run on tiny data, writing elsewhere::

    .venv/bin/python benchmarks/bench_variants.py --sizes 2000 --methods Lee CCR --out /tmp/v.md

``--methods`` (or ``--only``) takes labels of ``CASES`` or smotekit class names
(``PolynomFitSMOTE`` selects its four topologies); ``--sizes`` (or ``--rows``) the row
counts. To fit a run in a session, ``--skip-slow-reference`` skips smote-variants at
1 000 000 rows for a variant whose 100 000-row case took more than ``--slow-seconds``
(default 60) or was stopped; its cell then says ``not run: 100k took N s``. The 100 000-row
time is this run's, else the one in the table of ``--out``.

What it measures, for each variant, with smotekit's class and its smote-variants
counterpart with the same parameters (both balance the two classes), each case in a fresh
Python process (``bench_family.measure``):

* data: ``make_classification`` with each of ``--sizes`` rows (default 2 000, 100 000 and
  1 000 000), 20 features and a 90 / 10 split, the same for both libraries;
* rows produced per class against the count asked for (the majority's count);
* wall time and peak memory (the process's peak resident size during the call minus its
  size just before; a first call on up to 600 rows per class warms up imports and
  compiled kernels);
* a case running over ``--timeout`` seconds (default 600: the issue's 10 minutes) is
  stopped and its cell says so; a case that fails says so with its last error line, one
  killed by a signal (the system's out-of-memory killer) names the signal. Plain SMOTE
  runs at every size, to read each variant's time as a multiple of SMOTE's.

This module also holds what the ROC-AUC comparison (``bench_variants_auc.py``) shares with
it: the cases, how each library's sampler is built and called, and the table writer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_family import _rss_now, _rss_peak, measure, write  # a sibling script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "samplers.md"
MARKERS = ("<!-- bench_variants:start -->", "<!-- bench_variants:end -->")
HEADING = "## SMOTE variants against smote-variants 1.0.1: time, memory, counts"
LIBRARIES = ("smotekit", "smote-variants")
ROWS = (2_000, 100_000, 1_000_000)
#: With ``--skip-slow-reference``: smote-variants' time at this many rows decides whether it
#: runs at the sizes above.
SLOW_PROBE_ROWS = 100_000
#: Rows per class of the untimed warm-up call.
WARM_UP_ROWS = 600

# (label, smotekit class, its parameters, smote-variants class or None, its parameters).
# smote-variants' default proportion=1.0 is smotekit's sampling_strategy="auto".
CASES = [
    ("SMOTE", "SMOTE", {}, "SMOTE", {}),
    *(
        (f"polynom-fit-SMOTE {t}", "PolynomFitSMOTE", {"topology": t}, f"polynom_fit_SMOTE_{t}", {})
        for t in ("star", "bus", "poly", "mesh")
    ),
    ("ProWSyn", "ProWSyn", {}, "ProWSyn", {}),
    ("SMOTE-IPF", "SMOTEIPF", {}, "SMOTE_IPF", {}),
    ("Lee", "LeeSMOTE", {}, "Lee", {}),
    ("SMOBD", "SMOBD", {}, "SMOBD", {}),
    ("G-SMOTE", "GSMOTE", {}, "G_SMOTE", {}),
    ("CCR", "CCR", {"energy": 0.25}, "CCR", {"energy": 0.25}),
    ("LVQ-SMOTE", "LVQSMOTE", {}, "LVQ_SMOTE", {}),
    ("Assembled-SMOTE", "AssembledSMOTE", {}, "Assembled_SMOTE", {}),
    ("Safe-Level-SMOTE", "SafeLevelSMOTE", {}, "Safe_Level_SMOTE", {}),
    ("MWMOTE", "MWMOTE", {}, "MWMOTE", {"k1": 5, "k2": 3, "k3": 5, "cmax": 2.0}),
    ("Geometric SMOTE", "GeometricSMOTE", {}, None, {}),  # not in smote-variants
]
NO_COUNTERPART = "no counterpart"


def select(only) -> list[str]:
    """The labels of the cases named in ``only`` (labels or smotekit class names), or all."""
    if not only:
        return [c[0] for c in CASES]
    known = {c[0] for c in CASES} | {c[1] for c in CASES}
    unknown = [name for name in only if name not in known]
    if unknown:
        raise SystemExit(
            f"unknown variants {', '.join(map(repr, unknown))}; known: {', '.join(sorted(known))}"
        )
    return [c[0] for c in CASES if c[0] in only or c[1] in only]


def has_counterpart(label: str) -> bool:
    return next(c for c in CASES if c[0] == label)[3] is not None


def resampler(library: str, label: str):
    """A function ``(X, y, seed) -> (X_res, y_res)`` with ``library``'s sampler for ``label``."""
    _, ours, ours_kw, theirs, theirs_kw = next(c for c in CASES if c[0] == label)
    if library == "smotekit":
        import smotekit

        cls = getattr(smotekit, ours)
        return lambda X, y, seed: cls(random_state=seed, **ours_kw).fit_resample(X, y)
    import logging

    import smote_variants

    # Its import sets its logger to DEBUG; quiet it after.
    logging.getLogger("smote_variants").setLevel(logging.ERROR)
    cls = getattr(smote_variants, theirs)
    return lambda X, y, seed: cls(random_state=seed, **theirs_kw).sample(X, y)


def cell_error(r: dict) -> str:
    """The text of a cell whose case did not give a result."""
    if r.get("skipped"):
        return r["error"]
    if r.get("timed_out"):
        return f"stopped: {r['error']}"
    if r["error"] == NO_COUNTERPART:
        return NO_COUNTERPART
    return "failed: " + r["error"].replace("|", "\\|")


def write_rows(
    path: Path, markers, heading, intro, header, new_rows: dict, order, blank, rank
) -> None:
    """Merge table rows into the table between ``markers`` of ``path`` and write it.

    Rows are keyed by their leading cells (a tuple of strings, as many as a key of
    ``new_rows`` has). ``new_rows`` replaces the rows of the same key; the table's other rows
    are kept, so a run with ``--methods`` does not erase earlier measurements; a key of
    ``order`` with no row at all gets ``blank(key)`` (its cells say "not run"). Rows are
    sorted by ``rank(key)``.
    """
    width = len(order[0])
    old_text = path.read_text() if path.exists() else ""
    start, end = markers
    header_cells = [c.strip() for c in header.strip("|").split("|")]
    kept = {}
    if start in old_text:
        inside = old_text[old_text.index(start) + len(start) : old_text.index(end)]
        for line in inside.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if not line.startswith("| ") or cells[0] == header_cells[0]:
                continue  # the intro, the header
            if not set(cells[0]) <= set("-: "):  # not the separator
                kept[tuple(cells[:width])] = line
    kept.update(new_rows)
    keys = sorted({*order, *kept}, key=rank)
    table = [intro, "", header, "|" + "|".join(" --- " for _ in header_cells) + "|"]
    table += [kept.get(key) or blank(key) for key in keys]
    write("\n".join(table), path, markers, heading)


def run_case(library: str, label: str) -> dict:
    """One case in this process: resample and measure (called in a child process)."""
    import time
    import warnings
    from collections import Counter

    import numpy as np
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=int(os.environ["BENCH_ROWS"]),
        n_features=20,
        n_informative=10,
        weights=[0.9, 0.1],
        random_state=0,
    )
    resample = resampler(library, label)
    # The warm-up call's classes exceed the neighbour search's small-array path (512 rows),
    # so the compiled kernels the timed call uses are loaded here, not timed.
    small = np.concatenate([np.flatnonzero(y == c)[:WARM_UP_ROWS] for c in np.unique(y)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        resample(X[small], y[small], 0)
        before = _rss_now()
        start = time.perf_counter()
        _, y_res = resample(X, y, 0)
        seconds = time.perf_counter() - start
    peak = _rss_peak()
    return {
        "seconds": seconds,
        "peak_mib": max(0.0, (peak - before) / 2**20),
        "asked": int(max(Counter(y.tolist()).values())),
        "counts_out": [int(v) for _, v in sorted(Counter(np.asarray(y_res).tolist()).items())],
    }


HEADER = (
    "| variant | rows | smotekit (s) | smote-variants (s) | smote-variants / smotekit "
    "| smotekit / SMOTE | smotekit peak (MiB) | smote-variants peak (MiB) "
    "| smotekit exact | smote-variants exact | run |"
)
INTRO = (
    "20 features, 90 / 10; each case a fresh process. Time and peak memory of one "
    "`fit_resample` (smotekit) or `sample` (smote-variants) call; smotekit / SMOTE is the "
    "variant's time over smotekit's SMOTE at the same size in the same run. Exact: every "
    "class gets the count asked for (SMOTE-IPF removes rows by design, so its counts fall "
    "short; CCR moves rows, it does not remove them). Rows are kept from earlier runs until "
    "measured again; the run column says when and where each was measured."
)


def row(rows: int, label: str, results: dict, run: str) -> str:
    """One table row: both libraries' results for ``label`` at ``rows``."""
    ours, theirs = (results[(rows, label, lib)] for lib in LIBRARIES)
    smote = results.get((rows, "SMOTE", "smotekit"), {}).get("seconds")

    def cells(r):
        if "error" in r:
            return [cell_error(r), "-", "-"]
        out = r["counts_out"]
        exact = all(c == r["asked"] for c in out)
        return [
            f"{r['seconds']:.2f}",
            f"{r['peak_mib']:.0f}",
            "yes" if exact else f"no ({' / '.join(map(str, out))}, asked {r['asked']})",
        ]

    (t_ours, m_ours, e_ours), (t_theirs, m_theirs, e_theirs) = cells(ours), cells(theirs)
    both = "seconds" in ours and "seconds" in theirs
    ratio = f"{theirs['seconds'] / ours['seconds']:.1f}" if both and ours["seconds"] else "-"
    vs_smote = f"{ours['seconds'] / smote:.1f}" if smote and "seconds" in ours else "-"
    return (
        f"| {label} | {rows:,} | {t_ours} | {t_theirs} | {ratio} | {vs_smote} | {m_ours} | "
        f"{m_theirs} | {e_ours} | {e_theirs} | {run} |"
    )


def table_seconds(path: Path, label: str, rows: int):
    """smote-variants' cell for ``label`` at ``rows`` in the table of ``path``: its seconds,
    ``inf`` if it was stopped, or None (no such row, not run, failed)."""
    text = path.read_text() if path.exists() else ""
    if MARKERS[0] not in text:
        return None
    inside = text[text.index(MARKERS[0]) : text.index(MARKERS[1])]
    for line in inside.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) > 3 and cells[0] == label and cells[1] == f"{rows:,}":
            if cells[3].startswith("stopped"):
                return float("inf")
            try:
                return float(cells[3])
            except ValueError:
                return None
    return None


def slow_reference(results: dict, path: Path, label: str, rows: int, limit: float):
    """The result standing for a smote-variants case skipped because its
    ``SLOW_PROBE_ROWS`` case took over ``limit`` seconds, or None (run it)."""
    if rows <= SLOW_PROBE_ROWS:
        return None
    probe = results.get((SLOW_PROBE_ROWS, label, "smote-variants"))
    if probe is None:
        seconds = table_seconds(path, label, SLOW_PROBE_ROWS)
    elif probe.get("timed_out"):
        seconds = float("inf")
    else:
        seconds = probe.get("seconds")
    if seconds is None or seconds <= limit:
        return None
    took = "was stopped" if seconds == float("inf") else f"took {seconds:.0f} s"
    return {"error": f"not run: {SLOW_PROBE_ROWS // 1000}k {took}", "skipped": True}


def blank(key) -> str:
    label, rows = key
    theirs = ("not run",) * 3 if has_counterpart(label) else (NO_COUNTERPART, "-", "-")
    return (
        f"| {label} | {rows} | not run | {theirs[0]} | - | - | not run | {theirs[1]} | not run "
        f"| {theirs[2]} | - |"
    )


def rank(key) -> tuple[int, int]:
    """Rows in the order of ``CASES``, then by size."""
    label, rows = key
    return [c[0] for c in CASES].index(label), int(rows.replace(",", ""))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        "--rows",
        dest="sizes",
        type=int,
        nargs="+",
        default=list(ROWS),
        help="row counts (default: 2000 100000 1000000)",
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per case")
    parser.add_argument(
        "--methods",
        "--only",
        dest="methods",
        nargs="+",
        help="labels or smotekit class names (default: all)",
    )
    parser.add_argument(
        "--skip-slow-reference",
        action="store_true",
        help=f"skip smote-variants above {SLOW_PROBE_ROWS:,} rows where its "
        f"{SLOW_PROBE_ROWS:,}-row case took over --slow-seconds",
    )
    parser.add_argument("--slow-seconds", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(*args.child)))
        return 0
    if any(rows < 2 for rows in args.sizes):
        parser.error(f"--sizes must be row counts >= 2; got {args.sizes}")
    labels = select(args.methods)
    run = f"{dt.date.today().isoformat()}, {os.cpu_count()} CPUs"
    results, new_rows = {}, {}
    order = [(c[0], f"{rows:,}") for c in CASES for rows in ROWS]
    for rows in sorted(set(args.sizes)):  # small first: --skip-slow-reference reads them
        for label in ["SMOTE", *(x for x in labels if x != "SMOTE")]:
            for library in LIBRARIES:
                skip = None
                if library == "smote-variants" and args.skip_slow_reference:
                    skip = slow_reference(results, args.out, label, rows, args.slow_seconds)
                if library == "smote-variants" and not has_counterpart(label):
                    r = {"error": NO_COUNTERPART}
                elif skip is not None:
                    r = skip
                else:
                    r = measure(library, label, rows, args.timeout, __file__)
                results[(rows, label, library)] = r
                print(
                    f"{rows:>9,} {label:24} {library:15} {r.get('seconds', float('nan')):8.2f} s "
                    f"{r.get('peak_mib', float('nan')):8.0f} MiB {r.get('error', '')}",
                    flush=True,
                )
            new_rows[(label, f"{rows:,}")] = row(rows, label, results, run)
            # Written after every row: a run stopped hours in keeps what it measured.
            write_rows(args.out, MARKERS, HEADING, INTRO, HEADER, new_rows, order, blank, rank)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
