"""The twelve SMOTE variants against smote-variants 1.0.1 on 10 KEEL datasets: mean ROC-AUC.

Run it with::

    .venv/bin/python benchmarks/bench_variants_auc.py

which rewrites the rows it measured in the table between the ``bench_variants_auc``
markers of ``docs/samplers.md`` and keeps the others (a row never measured says "not
run"). Only scores are measured, so the machine need not be quiet. A quick smoke run,
writing elsewhere::

    .venv/bin/python benchmarks/bench_variants_auc.py --datasets glass1 --only G-SMOTE \\
        --out /tmp/auc.md

What it computes, for each variant of ``bench_variants.CASES`` (``--only`` takes labels or
smotekit class names), with smotekit's class and its smote-variants counterpart with the
same parameters:

* on each of 10 small numeric KEEL datasets bundled with smotekit (``DATASETS``), the same
  5 x 2 stratified folds (5 repeats of 2 folds, seeded) for both libraries;
* inside each training fold: standardise (fitted on the fold), resample (seeded by the fold
  number), fit k-nearest neighbours (k=5) and logistic regression; ROC-AUC on the
  untouched test fold;
* the mean over folds, both classifiers and all datasets, per library; the difference, the
  largest per-dataset difference and how many datasets are within 0.01. A documented
  deviation from smote-variants (see each class's docstring) is the expected reason for a
  difference above 0.01.

Each (variant, library) cell runs in a fresh process (``bench_family.measure``); one
running over ``--timeout`` seconds (default 600) is stopped and its cell says so, one that
fails says so with its last error line (naming the dataset).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_family import measure  # sibling scripts, not a package
from bench_variants import (
    CASES,
    LIBRARIES,
    NO_COUNTERPART,
    cell_error,
    has_counterpart,
    resampler,
    select,
    write_rows,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "samplers.md"
MARKERS = ("<!-- bench_variants_auc:start -->", "<!-- bench_variants_auc:end -->")
HEADING = "## SMOTE variants against smote-variants 1.0.1: ROC-AUC"
DATASETS = [
    "ecoli1",
    "glass1",
    "pima",
    "yeast1",
    "vehicle0",
    "new-thyroid1",
    "ecoli3",
    "glass4",
    "yeast4",
    "haberman",
]
HEADER = (
    "| variant | smotekit | smote-variants | difference | largest per-dataset difference "
    "| datasets within 0.01 | datasets | run |"
)
INTRO = (
    "Mean ROC-AUC over the datasets, 5 x 2 folds, kNN and logistic regression; difference "
    'is smotekit minus smote-variants. Datasets "default": '
    f"{', '.join(DATASETS)}. Rows are kept from earlier runs until measured again."
)


def run_case(library: str, label: str) -> dict:
    """Mean ROC-AUC per dataset for one (variant, library) cell (in a child process)."""
    import logging
    import warnings

    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import RepeatedStratifiedKFold
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import StandardScaler

    from smotekit.datasets import load_dataset

    warnings.simplefilter("ignore")
    resample = resampler(library, label)
    logging.getLogger("smote_variants").setLevel(logging.ERROR)
    scores = {}
    for name in os.environ["BENCH_DATASETS"].split(","):
        X, y, _ = load_dataset(name)
        X, y = X.to_numpy(dtype=float), y.to_numpy()
        folds = RepeatedStratifiedKFold(n_splits=2, n_repeats=5, random_state=0).split(X, y)
        aucs = []
        try:
            for fold, (train, test) in enumerate(folds):
                scaler = StandardScaler().fit(X[train])
                X_res, y_res = resample(scaler.transform(X[train]), y[train], fold)
                for model in (KNeighborsClassifier(5), LogisticRegression(max_iter=1000)):
                    proba = model.fit(X_res, y_res).predict_proba(scaler.transform(X[test]))
                    aucs.append(roc_auc_score(y[test], proba[:, 1]))
        except Exception as exc:
            raise RuntimeError(f"{name}: {type(exc).__name__}: {exc}") from exc
        scores[name] = float(np.mean(aucs))
    return {"per_dataset": scores}


def row(label: str, ours: dict, theirs: dict, datasets: list[str], run: str) -> str:
    """One table row from both libraries' cells."""

    def mean(r):
        return f"{np.mean(list(r['per_dataset'].values())):.4f}" if "error" not in r else None

    gaps = "-", "-", "-"
    if "error" not in ours and "error" not in theirs:
        d = np.array([ours["per_dataset"][n] - theirs["per_dataset"][n] for n in datasets])
        within = int((np.abs(d) <= 0.01).sum())
        gaps = f"{d.mean():+.4f}", f"{d[np.argmax(np.abs(d))]:+.4f}", f"{within} / {d.size}"
    names = "default" if datasets == DATASETS else ", ".join(datasets)
    return (
        f"| {label} | {mean(ours) or cell_error(ours)} | {mean(theirs) or cell_error(theirs)} "
        f"| {' | '.join(gaps)} | {names} | {run} |"
    )


def blank(key) -> str:
    (label,) = key
    theirs = "not run" if has_counterpart(label) else NO_COUNTERPART
    return f"| {label} | not run | {theirs} | - | - | - | - | - |"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=DATASETS)
    parser.add_argument("--only", nargs="+", help="labels or smotekit class names (default: all)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per cell")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(*args.child)))
        return 0
    from smotekit.datasets import load_dataset

    for name in args.datasets:  # a wrong name stops here, not in every child
        try:
            load_dataset(name)
        except ValueError as exc:
            raise SystemExit(f"--datasets: {exc}") from None
    run = dt.date.today().isoformat()
    env = {"BENCH_DATASETS": ",".join(args.datasets)}
    new_rows = {}
    for label in select(args.only):
        cells = {}
        for library in LIBRARIES:
            if library == "smote-variants" and not has_counterpart(label):
                cells[library] = {"error": NO_COUNTERPART}
            else:
                # rows=0: the datasets, not BENCH_ROWS, set the data.
                cells[library] = measure(library, label, 0, args.timeout, __file__, env)
            r = cells[library]
            mean = np.mean(list(r["per_dataset"].values())) if "error" not in r else np.nan
            print(f"{label:24} {library:15} {mean:.4f} {r.get('error', '')}", flush=True)
        new_rows[(label,)] = row(label, *cells.values(), args.datasets, run)
    order = [(c[0],) for c in CASES]
    write_rows(args.out, MARKERS, HEADING, INTRO, HEADER, new_rows, order, blank, order.index)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
