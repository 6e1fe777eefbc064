"""The SMOTE variants against smote-variants 1.0.1 on 10 KEEL datasets: mean ROC-AUC.

Run it with::

    .venv/bin/python benchmarks/bench_variants_auc.py

which writes the table between the ``bench_variants_auc`` markers of ``docs/samplers.md``
(a new section at its end the first time). A quick smoke run, writing elsewhere::

    .venv/bin/python benchmarks/bench_variants_auc.py --datasets glass1 --only G-SMOTE \\
        --out /tmp/auc.md

What it computes, for each variant of ``bench_variants.CASES``, with smotekit's class and
smote-variants' class at their default parameters:

* on each of 10 small numeric KEEL datasets bundled with smotekit (``DATASETS``), the same
  5 x 2 stratified folds (5 repeats of 2 folds, seeded) for both libraries;
* inside each training fold: standardise (fitted on the fold), resample, fit k-nearest
  neighbours (k=5) and logistic regression; ROC-AUC on the untouched test fold;
* the mean over folds, both classifiers and all datasets, per library; the difference,
  and the largest per-dataset difference. A documented deviation from smote-variants
  (see each class's docstring) is the expected reason for a difference above 0.01.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import warnings
from pathlib import Path

import numpy as np
from bench_variants import CASES, write

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "samplers.md"
START, END = "<!-- bench_variants_auc:start -->", "<!-- bench_variants_auc:end -->"
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


def dataset_scores(name: str, labels: list[str]) -> dict:
    """{(label, library): [ROC-AUC per fold and classifier]} on one dataset."""
    import smote_variants
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import RepeatedStratifiedKFold
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import StandardScaler

    import smotekit
    from smotekit.datasets import load_dataset

    X, y, _ = load_dataset(name)
    X, y = X.to_numpy(dtype=float), y.to_numpy()
    folds = RepeatedStratifiedKFold(n_splits=2, n_repeats=5, random_state=0).split(X, y)
    scores = {}
    for fold, (train, test) in enumerate(folds):
        scaler = StandardScaler().fit(X[train])
        X_train, X_test = scaler.transform(X[train]), scaler.transform(X[test])
        for label, ours, params, theirs in CASES:
            if label not in labels:
                continue
            resampled = {
                "smotekit": getattr(smotekit, ours)(random_state=fold, **params).fit_resample(
                    X_train, y[train]
                ),
                "smote-variants": getattr(smote_variants, theirs)(random_state=fold).sample(
                    X_train, y[train]
                ),
            }
            for library, (X_r, y_r) in resampled.items():
                for model in (KNeighborsClassifier(5), LogisticRegression(max_iter=1000)):
                    proba = model.fit(X_r, y_r).predict_proba(X_test)[:, 1]
                    key = (label, library)
                    scores.setdefault(key, []).append(roc_auc_score(y[test], proba))
    return scores


def table(per_dataset: dict, labels: list[str], datasets: list[str]) -> str:
    lines = [
        f"Run {dt.date.today().isoformat()}: mean ROC-AUC over {len(datasets)} KEEL datasets "
        f"({', '.join(datasets)}), 5 x 2 folds, kNN and logistic regression.",
        "",
        "| variant | smotekit | smote-variants | difference | largest per-dataset difference |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label in labels:
        ours = [np.mean(per_dataset[d][(label, "smotekit")]) for d in datasets]
        theirs = [np.mean(per_dataset[d][(label, "smote-variants")]) for d in datasets]
        gaps = np.subtract(ours, theirs)
        worst = gaps[np.argmax(np.abs(gaps))]
        lines.append(
            f"| {label} | {np.mean(ours):.4f} | {np.mean(theirs):.4f} | "
            f"{np.mean(gaps):+.4f} | {worst:+.4f} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=DATASETS)
    parser.add_argument("--only", nargs="*", help="labels of the variants (default: all)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    labels = [c[0] for c in CASES if not args.only or c[0] in args.only]
    import smote_variants  # noqa: F401 (its import sets its logger to DEBUG; quiet it after)

    logging.getLogger("smote_variants").setLevel(logging.ERROR)
    per_dataset = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in args.datasets:
            per_dataset[name] = dataset_scores(name, labels)
            print(f"{name}: done", flush=True)
    heading = "## SMOTE variants against smote-variants 1.0.1: ROC-AUC"
    write(table(per_dataset, labels, args.datasets), args.out, (START, END), heading)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
