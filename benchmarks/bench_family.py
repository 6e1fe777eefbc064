"""The sampler family against imbalanced-learn: counts produced, time and peak memory.

Run it (on a quiet machine; it takes a while: SVMSMOTE fits an SVM on all rows) with::

    .venv/bin/python benchmarks/bench_family.py

which rewrites the rows it measured in the table between the ``bench_family`` markers of
``docs/samplers.md`` and keeps the others, so ``--cases`` reruns a few (labels of
``CASES``)::

    .venv/bin/python benchmarks/bench_family.py --cases SVMSMOTE NearMiss-2

A quick smoke run on tiny data, writing elsewhere::

    .venv/bin/python benchmarks/bench_family.py --rows 2000 --out /tmp/samplers.md

Every one of imbalanced-learn's samplers that smotekit has (found by walking smotekit, as
the common tests do) must have a case: the script refuses to run otherwise.

What it measures, for each sampler, with smotekit's and imbalanced-learn's class of the same
name and the same parameters, each case in a fresh Python process:

* data (the same for both libraries): ``make_classification`` with ``--rows`` rows (default
  100 000), 20 features and a 90 / 10 split; SMOTENC gets 10 numeric and 5 categorical
  columns (pandas categories of 3 to 12 levels); SMOTEN 10 categorical columns;
* rows produced per class against the count asked for (``sampling_strategy="auto"``);
* wall time of ``fit_resample``, and its peak memory: the process's peak resident size
  during the call minus its size just before (input data and imports excluded; a first
  call on 300 rows warms up lazy imports and compiled kernels and is not counted);
* the four ensembles (default parameters, ``random_state=0``, ``n_jobs=1`` where they
  take it) on the numeric data: wall time and peak memory of ``fit``, and in the notes the
  number of members fitted (boosting stops early when a round is no better than chance)
  and the time of ``predict_proba`` on all the rows (not counted in the memory);
* a case running over ``--timeout`` seconds (default 1800) is stopped and its cell says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "samplers.md"
START, END = "<!-- bench_family:start -->", "<!-- bench_family:end -->"

# (label, class name, module in each library, constructor parameters, data kind)
CASES = [
    ("SMOTE", "SMOTE", "over_sampling", {}, "numeric"),
    ("BorderlineSMOTE-1", "BorderlineSMOTE", "over_sampling", {}, "numeric"),
    ("BorderlineSMOTE-2", "BorderlineSMOTE", "over_sampling", {"kind": "borderline-2"}, "numeric"),
    ("SVMSMOTE", "SVMSMOTE", "over_sampling", {}, "numeric"),
    ("KMeansSMOTE", "KMeansSMOTE", "over_sampling", {"cluster_balance_threshold": 0.05}, "numeric"),
    ("ADASYN", "ADASYN", "over_sampling", {}, "numeric"),
    ("RandomOverSampler", "RandomOverSampler", "over_sampling", {}, "numeric"),
    (
        "RandomOverSampler (shrinkage=1)",
        "RandomOverSampler",
        "over_sampling",
        {"shrinkage": 1.0},
        "numeric",
    ),
    ("SMOTENC", "SMOTENC", "over_sampling", {"categorical_features": "CATEGORICAL"}, "mixed"),
    ("SMOTEN", "SMOTEN", "over_sampling", {}, "nominal"),
    ("RandomUnderSampler", "RandomUnderSampler", "under_sampling", {}, "numeric"),
    ("TomekLinks", "TomekLinks", "under_sampling", {}, "numeric"),
    ("EditedNearestNeighbours", "EditedNearestNeighbours", "under_sampling", {}, "numeric"),
    (
        "RepeatedEditedNearestNeighbours",
        "RepeatedEditedNearestNeighbours",
        "under_sampling",
        {},
        "numeric",
    ),
    ("AllKNN", "AllKNN", "under_sampling", {}, "numeric"),
    ("NeighbourhoodCleaningRule", "NeighbourhoodCleaningRule", "under_sampling", {}, "numeric"),
    ("CondensedNearestNeighbour", "CondensedNearestNeighbour", "under_sampling", {}, "numeric"),
    ("OneSidedSelection", "OneSidedSelection", "under_sampling", {}, "numeric"),
    ("NearMiss-1", "NearMiss", "under_sampling", {}, "numeric"),
    ("NearMiss-2", "NearMiss", "under_sampling", {"version": 2}, "numeric"),
    ("NearMiss-3", "NearMiss", "under_sampling", {"version": 3}, "numeric"),
    ("InstanceHardnessThreshold", "InstanceHardnessThreshold", "under_sampling", {}, "numeric"),
    ("ClusterCentroids", "ClusterCentroids", "under_sampling", {}, "numeric"),
    ("SMOTETomek", "SMOTETomek", "combine", {}, "numeric"),
    ("SMOTEENN", "SMOTEENN", "combine", {}, "numeric"),
    *(
        (name, name, "ensemble", {}, "numeric")
        for name in (
            "BalancedRandomForestClassifier",
            "BalancedBaggingClassifier",
            "EasyEnsembleClassifier",
            "RUSBoostClassifier",
        )
    ),
]
MARKERS = (START, END)
HEADING = "# Samplers compared with imbalanced-learn"
HEADER = (
    "| sampler | library | rows out per class | asked | time (s) | peak memory (MiB) | notes "
    "| run |"
)
LIBRARIES = ("smotekit", "imblearn")
# Under-samplers whose "auto" strategy asks every other class down to the minority's count.
SHRINK_TO_MINORITY = {
    "RandomUnderSampler",
    "NearMiss",
    "InstanceHardnessThreshold",
    "ClusterCentroids",
}


def make_data(kind: str, rows: int):
    """(X, y, categorical column names) for one kind of data, the same for every run."""
    import numpy as np
    import pandas as pd
    from sklearn.datasets import make_classification

    n_features = 20 if kind == "numeric" else 15 if kind == "mixed" else 10
    X, y = make_classification(
        n_samples=rows,
        n_features=n_features,
        n_informative=n_features // 2,
        weights=[0.9, 0.1],
        random_state=0,
    )
    if kind == "numeric":
        return X, y, []
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(n_features)])
    n_categorical = 5 if kind == "mixed" else n_features
    categorical = []
    for i in range(n_categorical):
        column = f"x{n_features - 1 - i}"
        levels = 3 + (3 * i) % 10
        codes = np.digitize(
            frame[column], np.quantile(frame[column], np.linspace(0, 1, levels + 1)[1:-1])
        )
        frame[column] = pd.Categorical.from_codes(codes, [f"c{j}" for j in range(levels)])
        categorical.append(column)
    return frame, y, categorical


def run_case(library: str, label: str) -> dict:
    """One case in this process: resample and measure (called in a child process)."""
    import importlib
    import inspect
    import time
    import warnings
    from collections import Counter

    import numpy as np

    _, name, module, params, kind = next(c for c in CASES if c[0] == label)
    rows = int(os.environ["BENCH_ROWS"])
    X, y, categorical = make_data(kind, rows)
    params = dict(params)
    if params.get("categorical_features") == "CATEGORICAL":
        params["categorical_features"] = categorical
    package = "smotekit" if library == "smotekit" else "imblearn"
    cls = getattr(importlib.import_module(f"{package}.{module}"), name)
    if "random_state" in inspect.signature(cls).parameters:
        params["random_state"] = 0
    if "n_jobs" in inspect.signature(cls).parameters:
        params["n_jobs"] = 1  # both libraries on one core
    if module == "ensemble":
        return _run_ensemble(cls, params, X, y)
    sampler = cls(**params)
    # One resampling of a small sample first, so one-off costs (imports done lazily)
    # are not counted; then the measured run on all rows.
    small = _warm_up_rows(y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cls(**params).fit_resample(X.iloc[small] if hasattr(X, "iloc") else X[small], y[small])
    before = _rss_now()
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, y_res = sampler.fit_resample(X, y)
    seconds = time.perf_counter() - start
    peak = _rss_peak()
    counts_in = Counter(np.asarray(y).tolist())
    counts_out = Counter(np.asarray(y_res).tolist())
    return {
        "seconds": seconds,
        "peak_mib": max(0.0, (peak - before) / 2**20),
        "counts_in": {str(k): v for k, v in sorted(counts_in.items())},
        "counts_out": {str(k): v for k, v in sorted(counts_out.items())},
        "warnings": _warning_texts(caught),
    }


def _warm_up_rows(y):
    """The first 150 rows of each class: a small fit that loads what is loaded lazily."""
    import numpy as np

    return np.concatenate([np.flatnonzero(y == c)[:150] for c in np.unique(y)])


def _run_ensemble(cls, params: dict, X, y) -> dict:
    """Fit an ensemble (measured: time and peak memory), then time ``predict_proba``."""
    import time
    import warnings
    from collections import Counter

    import numpy as np

    small = _warm_up_rows(y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cls(**params).fit(X[small], y[small]).predict_proba(X[small])
    model = cls(**params)
    before = _rss_now()
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, y)
    seconds = time.perf_counter() - start
    peak = _rss_peak()
    start = time.perf_counter()
    model.predict_proba(X)
    predict_seconds = time.perf_counter() - start
    counts_in = Counter(np.asarray(y).tolist())
    return {
        "seconds": seconds,
        "peak_mib": max(0.0, (peak - before) / 2**20),
        "predict_seconds": predict_seconds,
        "members": len(model.estimators_),
        "counts_in": {str(k): v for k, v in sorted(counts_in.items())},
        "warnings": _warning_texts(caught),
    }


def _warning_texts(caught) -> list[str]:
    return sorted(
        {
            str(w.message).split(":")[0][:60]
            for w in caught
            if not issubclass(w.category, DeprecationWarning | FutureWarning)
        }
    )


def _rss_now() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _rss_peak() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def measure(library: str, label: str, rows: int, timeout: float, script=__file__, env=None) -> dict:
    """Run ``script --child library label`` (its ``run_case``) in a fresh process.

    ``env`` adds variables to the child's environment (``BENCH_ROWS`` is always set). A
    child stopped at ``timeout`` gives ``{"error": ..., "timed_out": True}``; one that
    fails gives ``{"error": its last stderr line}``, one killed by a signal (such as the
    out-of-memory killer's SIGKILL) names the signal.
    """
    env = {**os.environ, **(env or {}), "BENCH_ROWS": str(rows)}
    command = [sys.executable, str(script), "--child", library, label]
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s", "timed_out": True}
    if done.returncode < 0:
        name = signal.Signals(-done.returncode).name
        return {"error": f"killed by {name}" + (" (out of memory?)" if name == "SIGKILL" else "")}
    if done.returncode != 0:
        return {"error": error_line(done.stderr)}
    return json.loads(done.stdout.strip().splitlines()[-1])


def error_line(stderr: str, width: int = 90) -> str:
    """A table cell's account of a failed child: the last line of its traceback, with the
    exception's module path dropped (``numpy._core._exceptions._ArrayMemoryError: ...``
    becomes ``_ArrayMemoryError: ...``) so that the message fits in ``width`` characters;
    a longer message is cut at a word, with an ellipsis."""
    last = (stderr.strip().splitlines() or ["failed"])[-1].strip()
    name, colon, message = last.partition(": ")
    if colon and " " not in name:
        last = f"{name.rsplit('.', 1)[-1]}: {message}"
    if len(last) > width:
        last = last[: width - 1].rsplit(" ", 1)[0] + "…"
    return last


def asked(label: str, counts_in: dict) -> str:
    """The per-class counts ``sampling_strategy="auto"`` asks for, as text."""
    _, name, family, *_ = next(c for c in CASES if c[0] == label)
    if name in SHRINK_TO_MINORITY:
        low = min(counts_in.values())
        return " / ".join(str(low) for _ in counts_in)
    if family in ("under_sampling", "combine"):
        return "(cleaning decides)"
    high = max(counts_in.values())
    return " / ".join(str(high) for _ in counts_in)


def row(label: str, library: str, r: dict, run: str) -> str:
    """One table row: a case's result in one library."""
    if "error" in r:
        why = r["error"].replace("|", "\\|")
        text = f"stopped at the --timeout ({why})" if r.get("timed_out") else f"failed: {why}"
        return f"| {label} | {library} | - | - | - | - | {text} | {run} |"
    notes = list(r["warnings"])
    if "predict_seconds" in r:  # an ensemble: fit measured, predict_proba timed
        notes[:0] = [f"{r['members']} members", f"predict_proba {r['predict_seconds']:.2f} s"]
        out = want = "-"
    else:
        out = " / ".join(str(v) for v in r["counts_out"].values())
        want = asked(label, r["counts_in"])
        if not (want.startswith("(") or out == want):
            out += " (not as asked)"
    return (
        f"| {label} | {library} | {out} | {want} | {r['seconds']:.2f} | "
        f"{r['peak_mib']:.0f} | {'; '.join(notes)} | {run} |"
    )


def blank(key) -> str:
    """The row of a case never measured."""
    label, library = key
    return f"| {label} | {library} | - | - | not run | not run | | - |"


def rank(key) -> tuple[int, int]:
    """Rows in the order of ``CASES``, smotekit first."""
    label, library = key
    labels = [c[0] for c in CASES]
    return (labels.index(label) if label in labels else len(labels), LIBRARIES.index(library))


def intro() -> str:
    return (
        "Each case a fresh process; samplers: one `fit_resample`, ensembles: one `fit` (the "
        "time of `predict_proba` on the same rows in the notes). Rows are kept from earlier "
        "runs until measured again; the run column says when, where and on how many rows."
    )


def uncovered() -> list[str]:
    """imbalanced-learn's samplers and ensembles that smotekit has but ``CASES`` lacks."""
    import importlib

    from smotekit._discovery import all_samplers

    ours = {name for name, _ in all_samplers()}
    ours |= set(importlib.import_module("smotekit.ensemble").__all__)
    theirs = set()
    for module in ("over_sampling", "under_sampling", "combine", "ensemble"):
        theirs |= set(importlib.import_module(f"imblearn.{module}").__all__)
    covered = {c[1] for c in CASES}
    return sorted((ours & theirs) - covered)


def write(
    text: str,
    path: Path,
    markers=(START, END),
    heading="# Samplers compared with imbalanced-learn",
) -> None:
    """Replace the text between ``markers`` in ``path``, or add it under ``heading``.

    A file without the markers keeps its content and gets a new section at its end; a
    missing file is created. The file is replaced whole (written aside, then renamed).
    """
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
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per case")
    parser.add_argument(
        "--cases", "--only", nargs="+", metavar="LABEL", help="labels of CASES (default: all)"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(*args.child)))
        return 0
    labels = [c[0] for c in CASES]
    unknown = sorted(set(args.cases or ()) - set(labels))
    if unknown:
        parser.error(f"--cases: unknown {unknown}; the labels are {labels}")
    missing = uncovered()
    if missing:
        parser.error(f"CASES lacks {missing}: every shared sampler and ensemble needs a case")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_variants import write_rows  # a sibling script; it imports this one

    run = (
        f"{args.rows:,} rows, {dt.date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    new_rows = {}
    for label in args.cases or labels:
        for library in LIBRARIES:
            r = measure(library, label, args.rows, args.timeout)
            new_rows[(label, library)] = row(label, library, r, run)
            print(
                f"{label:32} {library:9} {r.get('seconds', float('nan')):8.2f} s "
                f"{r.get('peak_mib', float('nan')):8.0f} MiB {r.get('error', '')}",
                flush=True,
            )
    order = [(label, library) for label in labels for library in LIBRARIES]
    write_rows(args.out, MARKERS, HEADING, intro(), HEADER, new_rows, order, blank, rank)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
