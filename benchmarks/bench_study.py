"""Benchmark study: every smotekit over-sampler on the 104 datasets of Kovacs (2019).

Run it (on a quiet machine; hours on 2 cores) with::

    .venv/bin/python benchmarks/bench_study.py --n-jobs -1

which writes ``docs/benchmark_study.md``. Finished datasets are cached in
``benchmarks/.study-cache/`` (one CSV of fold scores each), so an interrupted run picks up
where it stopped; ``--fresh`` ignores the cache. A quick smoke run::

    .venv/bin/python benchmarks/bench_study.py --limit 3 --out /tmp/study.md

What it does, per dataset of ``smotekit.datasets.dataset_names("study")`` (Kovacs, 2019,
Applied Soft Computing 83: fewer than 4000 rows and 100 encoded features, plus abalone19):

* the same repeated stratified 5-fold x 2 splits for every method (seeded per dataset);
* inside each training fold: impute missing cells (median / most frequent), one-hot encode
  nominal columns and standardise, then resample, then fit the classifier; the test fold
  is only transformed (smotekit.evaluate does the fold bookkeeping);
* methods: no resampling, every smotekit over-sampler of the registry that works on
  numeric features, and imbalanced-learn's SMOTE on the same folds;
* classifiers: k-nearest neighbours (k=5), a decision tree, logistic regression;
* metrics: ROC-AUC, average precision (PR-AUC), G-mean, minority F1.

``k_neighbors`` is 5, or one less than the smallest minority class of a training fold when
that is smaller (some datasets have 5 minority rows), for every SMOTE-like method alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".study-cache"
OUT = ROOT / "docs" / "benchmark_study.md"
CLASSIFIERS = ("knn", "tree", "logreg")
METRICS = ("roc_auc", "average_precision", "geometric_mean", "f1")
METRIC_TITLES = {
    "roc_auc": "AUC",
    "average_precision": "PR-AUC",
    "geometric_mean": "G-mean",
    "f1": "F1",
}
# Over-samplers for categorical data only: the study's features are numeric once encoded.
CATEGORICAL_ONLY = {"SMOTENC", "SMOTEN"}
IMBLEARN_SMOTE = "imblearn SMOTE"


def over_sampler_names() -> list[str]:
    """Registry samplers that over-sample numeric data (new ones join automatically)."""
    from smotekit._registry import sampler_class, sampler_names

    names = []
    for name in sampler_names():
        if name in CATEGORICAL_ONLY:
            continue
        if getattr(sampler_class(name), "_sampling_type", None) == "over-sampling":
            names.append(name)
    return names


def preprocessor(X: pd.DataFrame):
    """Impute, one-hot encode nominal columns and standardise (fitted per training fold)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    nominal = [c for c in X.columns if X[c].dtype == "category"]
    numeric = [c for c in X.columns if c not in nominal]
    parts = []
    if numeric:
        parts.append(
            ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric)
        )
    if nominal:
        encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
        parts.append(
            (
                "nominal",
                make_pipeline(SimpleImputer(strategy="most_frequent"), encoder, StandardScaler()),
                nominal,
            )
        )
    return ColumnTransformer(parts, remainder="drop")


def neighbours_for(y: np.ndarray, splits) -> int:
    """5, or fewer when a training fold has too few minority rows for 5 neighbours."""
    minority = np.bincount(y).argmin()
    smallest = min(int((y[train] == minority).sum()) for train, _ in splits)
    return max(1, min(5, smallest - 1))


def samplers_for(names, k: int, seed: int) -> dict:
    from imblearn.over_sampling import SMOTE as ImbSMOTE

    from smotekit._registry import make_sampler

    samplers = {name: make_sampler(name, random_state=seed, k_neighbors=k) for name in names}
    for sampler in samplers.values():
        # Combined methods (SMOTE + cleaning) take their SMOTE as a parameter.
        if "smote" in sampler.get_params(deep=False):
            sampler.set_params(smote=make_sampler("SMOTE", random_state=seed, k_neighbors=k))
    samplers[IMBLEARN_SMOTE] = ImbSMOTE(random_state=seed, k_neighbors=k)
    return samplers


def run_dataset(name: str, names, seed: int, n_jobs) -> pd.DataFrame:
    from sklearn.model_selection import RepeatedStratifiedKFold

    from smotekit import evaluate
    from smotekit.datasets import load_dataset

    X, y, _ = load_dataset(name)
    labels = y.to_numpy()
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=seed)
    splits = list(cv.split(np.zeros(len(labels)), labels))
    k = neighbours_for(labels, splits)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and failed-fold warnings: counted below
        scores = evaluate(
            X,
            labels,
            samplers=samplers_for(names, k, seed),
            classifiers=list(CLASSIFIERS),
            cv=splits,
            scoring=list(METRICS),
            preprocessor=preprocessor(X),
            pos_label=1,
            random_state=seed,
            n_jobs=n_jobs,
            error_score=np.nan,
            progress=False,
        )
    scores.insert(0, "dataset", name)
    scores["k_neighbors"] = k
    scores["seconds"] = time.perf_counter() - start
    return scores


# --------------------------------------------------------------------------- tables


def fill_failures(scores: pd.DataFrame) -> pd.DataFrame:
    """A method that failed on a fold scores what no resampling scored there: that is what
    a pipeline skipping the failed step would deliver, and it keeps every method's mean
    over the same folds (a mean over the folds it survived would flatter it)."""
    keys = ["dataset", "classifier", "metric", "fold"]
    none = scores[scores["sampler"] == "none"].set_index(keys)["score"]
    failed = scores["score"].isna() & (scores["sampler"] != "none")
    fallback = none.reindex(pd.MultiIndex.from_frame(scores.loc[failed, keys])).to_numpy()
    filled = scores.copy()
    filled.loc[failed, "score"] = fallback
    return filled


def mean_table(scores: pd.DataFrame, classifier: str | None = None) -> pd.DataFrame:
    """Per method: the mean over datasets (and classifiers) of each metric, and mean rank.

    A dataset's score is its mean over the 10 folds. Ranks: within each dataset x
    classifier x metric the methods are ranked (1 = best, ties share the mean rank); a
    method's mean rank averages those over datasets, classifiers and the four metrics.
    """
    if classifier is not None:
        scores = scores[scores["classifier"] == classifier]
    per_dataset = (
        scores.groupby(["dataset", "classifier", "metric", "sampler"], sort=False)["score"]
        .mean()
        .reset_index()
    )
    means = per_dataset.pivot_table(index="sampler", columns="metric", values="score")
    ranks = per_dataset.copy()
    ranks["rank"] = ranks.groupby(["dataset", "classifier", "metric"])["score"].rank(
        ascending=False, method="average"
    )
    table = means[list(METRICS)].rename(columns=METRIC_TITLES)
    table["mean rank"] = ranks.groupby("sampler")["rank"].mean()
    return table.sort_values("mean rank")


def head_to_head(scores: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Dataset x classifier means of ``a`` minus ``b``: mean difference, wins, ties, losses."""
    per = (
        scores[scores["sampler"].isin([a, b])]
        .groupby(["dataset", "classifier", "metric", "sampler"])["score"]
        .mean()
        .unstack("sampler")
    )
    diff = (per[a] - per[b]).dropna()
    rows = []
    for metric in METRICS:
        d = diff.xs(metric, level="metric")
        rows.append(
            {
                "metric": METRIC_TITLES[metric],
                "mean difference": d.mean(),
                "wins": int((d > 1e-12).sum()),
                "ties": int((d.abs() <= 1e-12).sum()),
                "losses": int((d < -1e-12).sum()),
            }
        )
    return pd.DataFrame(rows).set_index("metric")


def markdown(table: pd.DataFrame, digits: int = 3) -> str:
    header = "| " + " | ".join([table.index.name or "", *map(str, table.columns)]) + " |"
    rule = "|" + "---|" * (len(table.columns) + 1)
    lines = [header, rule]
    for index, row in zip(table.index, table.itertuples(index=False), strict=True):
        cells = []
        for value in row:  # itertuples keeps each column's type (ints stay ints)
            if isinstance(value, float | np.floating):
                cells.append("–" if np.isnan(value) else f"{value:.{digits}f}")
            else:
                cells.append(str(value))
        lines.append("| " + " | ".join([str(index), *cells]) + " |")
    return "\n".join(lines)


def report(scores: pd.DataFrame, names, args, seconds: float) -> str:
    datasets = list(dict.fromkeys(scores["dataset"]))
    failed = scores[scores["score"].isna()]
    failed_folds = failed.groupby(["dataset", "sampler"])["fold"].nunique()
    scores = fill_failures(scores)
    per_dataset_seconds = scores.groupby("dataset")["seconds"].first()
    smoke = len(datasets) < 104
    lines = [
        "# Benchmark study: smotekit over-samplers on the Kovacs (2019) datasets",
        "",
    ]
    if smoke:
        lines += [
            f"> **Smoke run on {len(datasets)} datasets only** ({', '.join(datasets)}): these "
            "numbers check the script, they are not the study. The full study is "
            "`.venv/bin/python benchmarks/bench_study.py --n-jobs -1` on a quiet machine.",
            "",
        ]
    lines += [
        f"Generated by `benchmarks/bench_study.py` on {dt.date.today().isoformat()}: "
        f"{len(datasets)} datasets x {len(names) + 2} methods x {len(CLASSIFIERS)} "
        f"classifiers x 10 folds (5-fold x 2, seed {args.seed}). Wall time "
        f"{seconds / 60:.1f} min for the datasets computed in this run "
        f"(n_jobs={args.n_jobs}; {platform.machine()}, Python {platform.python_version()}); "
        f"datasets took {per_dataset_seconds.sum() / 60:.1f} min in total when computed.",
        "",
        "Methods: `none` (no resampling), the smotekit over-samplers "
        f"{', '.join(f'`{n}`' for n in names)}, and imbalanced-learn's SMOTE "
        f"(`{IMBLEARN_SMOTE}`) on the same folds. Classifiers: k-nearest neighbours (k=5), "
        "a decision tree and logistic regression (scikit-learn defaults). In every training "
        "fold: median/most-frequent imputation, one-hot encoding of nominal columns and "
        "standardisation, then resampling, then the classifier; test folds are only "
        "transformed. `k_neighbors` is 5, or one less than the smallest training-fold "
        "minority when that is smaller.",
        "",
        "Each cell is the mean over datasets (and classifiers) of the 10-fold mean score; "
        "*mean rank* averages each method's rank (1 = best) within every dataset x "
        "classifier x metric. AUC: ROC-AUC; PR-AUC: average precision; G-mean: geometric "
        "mean of the class recalls; F1: minority-class F1.",
        "",
        "## All classifiers",
        "",
        markdown(mean_table(scores).rename_axis("method")),
        "",
    ]
    for classifier in CLASSIFIERS:
        lines += [
            f"## {classifier}",
            "",
            markdown(mean_table(scores, classifier).rename_axis("method")),
            "",
        ]
    lines += [
        "## smotekit SMOTE against imbalanced-learn's SMOTE",
        "",
        "Same folds, same `k_neighbors`; the two draw different random numbers, so scores "
        "differ by chance only. Per dataset x classifier: smotekit's mean minus "
        "imbalanced-learn's.",
        "",
        markdown(head_to_head(scores, "SMOTE", IMBLEARN_SMOTE).rename_axis("metric"), 4),
        "",
        "## Failures",
        "",
    ]
    if failed_folds.empty:
        lines.append("No method failed on any fold.")
    else:
        lines.append(
            "Folds whose resampling failed; there the method is scored as no resampling (what a "
            "pipeline skipping the failed step delivers), so every mean covers the same folds:"
        )
        lines.append("")
        for (dataset, sampler), n in failed_folds.items():
            lines.append(f"- {dataset}, {sampler}: {n} folds")
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", metavar="NAME", help="only these datasets")
    parser.add_argument(
        "--limit", type=int, metavar="N", help="only the N smallest study datasets (smoke runs)"
    )
    parser.add_argument(
        "--samplers",
        nargs="+",
        metavar="NAME",
        help="smotekit samplers (default: all over-samplers)",
    )
    parser.add_argument("--n-jobs", type=int, default=1, help="parallel folds (default: 1)")
    parser.add_argument("--seed", type=int, default=0, help="folds and samplers seed (default: 0)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"markdown file (default: {OUT})")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"(default: {CACHE})")
    parser.add_argument("--fresh", action="store_true", help="recompute cached datasets")
    parser.add_argument("--scores", type=Path, help="also write every fold score to this CSV")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    from smotekit._progress import Progress
    from smotekit.datasets import dataset_names, list_datasets

    args = parse(argv)
    names = args.samplers or over_sampler_names()
    if args.datasets:
        datasets = args.datasets
    else:
        datasets = dataset_names("study")
        if args.limit:
            table = list_datasets("study").sort_values("n_rows", kind="stable")
            datasets = list(table.index[: args.limit])
    args.cache.mkdir(parents=True, exist_ok=True)
    (args.cache / ".gitignore").write_text("*\n")
    tag = f"seed{args.seed}-" + "-".join(names)
    frames = []
    start = time.perf_counter()
    with Progress(len(datasets), "study") as bar:
        for name in datasets:
            cached = args.cache / f"{name}.{tag}.csv"
            if cached.exists() and not args.fresh:
                frames.append(pd.read_csv(cached))
            else:
                scores = run_dataset(name, names, args.seed, args.n_jobs)
                tmp = cached.with_suffix(".tmp")
                scores.to_csv(tmp, index=False)
                tmp.replace(cached)
                frames.append(scores)
            bar.update()
            if not bar.enabled:
                print(f"{name}: done", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - start
    scores = pd.concat(frames, ignore_index=True)
    if args.scores:
        scores.to_csv(args.scores, index=False)
    text = report(scores, names, args, seconds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(text)
    tmp.replace(args.out)
    print(f"wrote {args.out} ({len(datasets)} datasets, {seconds / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
