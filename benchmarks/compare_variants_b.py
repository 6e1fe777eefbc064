"""ROC-AUC of six SMOTE variants against smote-variants 1.0.1 on KEEL datasets.

For CCR, LVQ-SMOTE, Assembled-SMOTE, Safe-Level-SMOTE and MWMOTE (Geometric SMOTE has no
smote-variants counterpart): mean ROC-AUC over 5 x 2 stratified folds and two classifiers
(5-nearest-neighbours and logistic regression, on standardised features fitted on the
training fold), smotekit's class against smote-variants' with the same parameters, on the
ten KEEL datasets below. Run it with::

    .venv/bin/python benchmarks/compare_variants_b.py

which rewrites the table between the ``compare_variants_b`` markers of
``docs/samplers.md`` (``--out`` writes elsewhere). Only scores are measured, so the
machine need not be quiet.
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_variants_b import CASES, write  # a sibling script, not a package

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "samplers.md"
MARKERS = ("<!-- compare_variants_b:start -->", "<!-- compare_variants_b:end -->")
DATASETS = (
    "ecoli1",
    "ecoli3",
    "glass0",
    "haberman",
    "new-thyroid1",
    "pima",
    "vehicle1",
    "wisconsin",
    "yeast3",
    "ecoli-0-1_vs_5",
)


def scores(X, y, make) -> float:
    """Mean ROC-AUC of both classifiers over 5 x 2 folds, resampling with ``make(seed)``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import RepeatedStratifiedKFold
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import StandardScaler

    folds = RepeatedStratifiedKFold(n_splits=2, n_repeats=5, random_state=0)
    aucs = []
    for i, (train, test) in enumerate(folds.split(X, y)):
        scaler = StandardScaler().fit(X[train])
        X_res, y_res = make(i)(scaler.transform(X[train]), y[train])
        for clf in (KNeighborsClassifier(5), LogisticRegression(max_iter=1000)):
            proba = clf.fit(X_res, y_res).predict_proba(scaler.transform(X[test]))[:, 1]
            aucs.append(roc_auc_score(y[test], proba))
    return float(np.mean(aucs))


def main(argv=None) -> int:
    import smote_variants

    import smotekit
    from smotekit.datasets import load_dataset

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="*", default=list(DATASETS))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    logging.getLogger("smote_variants").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    rows = []
    for label, (ours, ours_kw, theirs, theirs_kw) in CASES.items():
        if theirs is None:
            continue
        diffs = []
        for name in args.datasets:
            data = load_dataset(name)
            X = np.asarray(data.X, dtype=np.float64)
            y = np.asarray(data.y)
            ours_cls, theirs_cls = getattr(smotekit, ours), getattr(smote_variants, theirs)
            a = scores(X, y, lambda s, c=ours_cls, kw=ours_kw: c(random_state=s, **kw).fit_resample)
            b = scores(X, y, lambda s, c=theirs_cls, kw=theirs_kw: c(random_state=s, **kw).sample)
            diffs.append(a - b)
            print(f"{label:18} {name:16} smotekit {a:.4f} smote-variants {b:.4f}", flush=True)
        rows.append((label, diffs))
    lines = [
        f"Mean ROC-AUC difference, smotekit minus smote-variants 1.0.1, over {len(args.datasets)} "
        "KEEL datasets (5 x 2 folds, kNN and logistic regression):",
        "",
        "| method | mean difference | largest difference | datasets within 0.01 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, diffs in rows:
        d = np.asarray(diffs)
        lines.append(
            f"| {label} | {d.mean():+.4f} | {d[np.argmax(np.abs(d))]:+.4f} | "
            f"{int((np.abs(d) <= 0.01).sum())} / {d.size} |"
        )
    write("\n".join(lines), args.out, MARKERS)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
