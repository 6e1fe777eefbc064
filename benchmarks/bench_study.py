"""Benchmark study: resampling against its alternatives on the 104 datasets of Kovacs (2019).

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
* strategies: no resampling, balanced class weights, a tuned decision threshold (inner
  5-fold cross-validation of each training fold), RandomOverSampler, RandomUnderSampler,
  SMOTE, SMOTE with a tuned threshold and the family's best-known variants (``--samplers``
  adds or replaces samplers);
* classifiers: logistic regression, k-nearest neighbours (k=5), a decision tree (5+ rows
  per leaf), histogram gradient boosting and smotekit's balanced random forest;
* metrics: ROC-AUC, average precision (PR-AUC), G-mean, minority F1, Brier score and the
  calibration gap (mean predicted minority probability minus the observed share);
* per dataset, :func:`smotekit.evaluation.summarize` compares every strategy with the best
  one that does not resample (Holm-adjusted corrected t-tests): the report counts, per
  classifier, how often each strategy wins, ties or loses against it.

``k_neighbors`` is 5, or one less than the smallest minority class of a training fold when
that is smaller (some datasets have 5 minority rows), for every SMOTE-like method alike.

``--suite variants`` runs issue 13's twelve SMOTE variants instead, with default parameters
and with a nested-CV grid each (``study_variants.py``, which says what it costs), and
rewrites only its own section at the end of the report; this suite keeps that section.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))  # study_variants, a sibling script

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".study-cache"
OUT = ROOT / "docs" / "benchmark_study.md"
CLASSIFIERS = ("logreg", "knn", "tree", "hgb", "brf")
METRICS = ("roc_auc", "average_precision", "geometric_mean", "f1", "brier", "calibration_gap")
METRIC_TITLES = {
    "roc_auc": "AUC",
    "average_precision": "PR-AUC",
    "geometric_mean": "G-mean",
    "f1": "F1",
    "brier": "Brier",
    "calibration_gap": "calib. gap",
}
BASELINES = ("class_weight", "threshold")  # with "none": the strategies that do not resample
SAMPLERS = (
    "RandomOverSampler",
    "RandomUnderSampler",
    "SMOTE",
    "SMOTE+threshold",
    "BorderlineSMOTE",
    "ADASYN",
    "SVMSMOTE",
    "KMeansSMOTE",
)


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
    """``{name: sampler or strategy name}`` for evaluate: baselines by name, samplers made
    with this dataset's ``k`` (a ``+threshold`` name keeps its suffix, evaluate tunes it)."""
    from smotekit._registry import make_sampler

    strategies = {name: name for name in BASELINES}
    for name in names:
        base = name.removesuffix("+threshold")
        sampler = make_sampler(base, random_state=seed, k_neighbors=k)
        # Combined methods (SMOTE + cleaning) take their SMOTE as a parameter.
        if "smote" in sampler.get_params(deep=False):
            sampler.set_params(smote=make_sampler("SMOTE", random_state=seed, k_neighbors=k))
        strategies[name] = sampler
    return strategies


def study_splits(labels: np.ndarray, seed: int, repeats: int = 2) -> list:
    """The study's folds: stratified 5-fold, repeated, shuffled with the dataset's seed."""
    from sklearn.model_selection import RepeatedStratifiedKFold

    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=repeats, random_state=seed)
    return list(cv.split(np.zeros(len(labels)), labels))


def cross_validate(X, labels, strategies, classifiers, splits, seed: int, n_jobs):
    """smotekit.evaluate with the study's preprocessing, metrics and failure handling."""
    from smotekit import evaluate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and failed-fold warnings: counted later
        return evaluate(
            X,
            labels,
            samplers=strategies,
            classifiers=list(classifiers),
            cv=splits,
            scoring=list(METRICS),
            preprocessor=preprocessor(X),
            pos_label=1,
            random_state=seed,
            n_jobs=n_jobs,
            error_score=np.nan,
            progress=False,
        )


def run_dataset(name: str, names, seed: int, n_jobs, classifiers=CLASSIFIERS) -> pd.DataFrame:
    from smotekit.datasets import load_dataset
    from smotekit.evaluation import summarize

    X, y, _ = load_dataset(name)
    labels = y.to_numpy()
    splits = study_splits(labels, seed)
    k = neighbours_for(labels, splits)
    start = time.perf_counter()
    scores = cross_validate(
        X, labels, samplers_for(names, k, seed), classifiers, splits, seed, n_jobs
    )
    verdict = summarize(scores)[
        ["sampler", "classifier", "metric", "best_alternative", "diff_best", "outcome_best"]
    ]
    scores = scores.merge(verdict, on=["sampler", "classifier", "metric"], how="left")
    scores.insert(0, "dataset", name)
    scores["k_neighbors"] = k
    scores["seconds"] = time.perf_counter() - start
    return scores


# --------------------------------------------------------------------------- tables


def not_applied(scores: pd.DataFrame) -> pd.Series:
    """Rows of a baseline with no score at all for the classifier on the dataset: it did not
    apply (class weights for k-NN). A sampler with no score failed on every fold instead."""
    unscored = ~scores.groupby(["dataset", "sampler", "classifier"])["score"].transform(
        lambda s: s.notna().any()
    )
    return unscored & scores["sampler"].isin(BASELINES)


def fill_failures(scores: pd.DataFrame) -> pd.DataFrame:
    """A method that failed on a fold scores what no resampling scored there: that is what
    a pipeline skipping the failed step would deliver, and it keeps every method's mean
    over the same folds (a mean over the folds it survived would flatter it). A baseline
    that did not apply (:func:`not_applied`) stays out of the means."""
    keys = ["dataset", "classifier", "metric", "fold"]
    none = scores[scores["sampler"] == "none"].set_index(keys)["score"]
    failed = scores["score"].isna() & (scores["sampler"] != "none") & ~not_applied(scores)
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
    from smotekit.evaluation import metric_info

    ranks = per_dataset.copy()
    # Rank by goodness: higher scores, lower Brier, a calibration gap closer to 0.
    ranks["goodness"] = [
        metric_info(m).gain(0.0, v) for m, v in zip(ranks["metric"], ranks["score"], strict=True)
    ]
    ranks["rank"] = ranks.groupby(["dataset", "classifier", "metric"])["goodness"].rank(
        ascending=False, method="average"
    )
    table = means[list(METRICS)].rename(columns=METRIC_TITLES)
    table["mean rank"] = ranks.groupby("sampler")["rank"].mean()
    return table.sort_values("mean rank")


def dataset_goodness(scores: pd.DataFrame, classifier: str, metric: str) -> pd.DataFrame:
    """Datasets x strategies: each strategy's 10-fold mean on the dataset, signed so that
    higher is better (the calibration gap: minus its distance from 0)."""
    from smotekit.evaluation import metric_info

    info = metric_info(metric)
    rows = scores[(scores["classifier"] == classifier) & (scores["metric"] == metric)]
    means = rows.groupby(["dataset", "sampler"], sort=False)["score"].mean().unstack()
    return means.apply(lambda column: column.map(lambda v: info.gain(0.0, v)))


def wilcoxon_p(gains) -> float:
    """The Wilcoxon signed-rank p-value of per-dataset gains (zeros dropped), NaN with
    fewer than 6 non-zero gains (the test cannot reach 0.05 below that)."""
    from scipy import stats

    values = np.asarray(gains, dtype=float)
    nonzero = values[np.isfinite(values) & (values != 0)]
    return float(stats.wilcoxon(nonzero).pvalue) if len(nonzero) >= 6 else np.nan


def gain_summary(gains) -> dict:
    """Per-dataset gains summed up: how many datasets, their median and mean, on how many
    the gain is positive, and the Wilcoxon p-value (:func:`wilcoxon_p`)."""
    values = np.asarray(gains, dtype=float)
    values = values[np.isfinite(values)]
    return {
        "datasets": len(values),
        "median": float(np.median(values)) if len(values) else np.nan,
        "mean": float(values.mean()) if len(values) else np.nan,
        "better": int((values > 0).sum()),
        "p": wilcoxon_p(values),
    }


def dataset_gains(scores: pd.DataFrame, classifier: str, metric: str) -> pd.DataFrame:
    """Datasets x resampling strategies: how much better each strategy's 10-fold mean is
    than the best non-resampling strategy's on that dataset (positive: better; for the
    calibration gap, closer to 0 is better).

    The best alternative is picked per dataset on the same test folds, which favours it a
    little (the maximum of three noisy means): a conservative comparison for resampling.
    """
    goodness = dataset_goodness(scores, classifier, metric)
    alternatives = [s for s in ("none", *BASELINES) if s in goodness and goodness[s].notna().any()]
    best = goodness[alternatives].max(axis=1)
    strategies = [s for s in goodness.columns if s not in ("none", *BASELINES)]
    return goodness[strategies].sub(best, axis=0)


def across_datasets(scores: pd.DataFrame, classifiers) -> pd.DataFrame:
    """Per classifier x strategy x metric: the median and mean gain over the best
    non-resampling strategy across datasets, the Wilcoxon signed-rank p-value over
    datasets (Demsar 2006: datasets are the independent units), Holm-adjusted over the
    whole table, and the per-dataset win / tie / loss counts (corrected t-tests)."""
    from smotekit.evaluation._summarize import holm

    records = []
    for classifier in classifiers:
        for metric in METRICS:
            gains = dataset_gains(scores, classifier, metric)
            per_dataset = scores[
                (scores["classifier"] == classifier) & (scores["metric"] == metric)
            ].drop_duplicates(["dataset", "sampler"])
            for strategy in gains.columns:
                outcomes = per_dataset.loc[
                    per_dataset["sampler"] == strategy, "outcome_best"
                ].value_counts()
                records.append(
                    {
                        "classifier": classifier,
                        "strategy": strategy,
                        "metric": metric,
                        **gain_summary(gains[strategy]),
                        "wins": int(outcomes.get("win", 0)),
                        "ties": int(outcomes.get("tie", 0)),
                        "losses": int(outcomes.get("loss", 0)),
                    }
                )
    table = pd.DataFrame(records)
    tested = table["p"].notna()
    table["p_holm"] = np.nan
    table.loc[tested, "p_holm"] = holm(table.loc[tested, "p"].to_numpy())
    return table


def cell(row) -> str:
    """``+0.004* (3/95/6)``: median gain over datasets, * when Holm p < 0.05, and the
    per-dataset wins / ties / losses."""
    if np.isnan(row["median"]):
        return "–"
    star = "*" if row["p_holm"] < 0.05 else ""
    return f"{row['median']:+.3f}{star} ({row['wins']}/{row['ties']}/{row['losses']})"


def headline(table: pd.DataFrame, classifier: str, scores: pd.DataFrame) -> str:
    """One plain sentence per classifier: SMOTE and the best resampling strategy against
    the best non-resampling strategy on the ranking metrics, and SMOTE's effect on the
    probabilities against no resampling."""
    rows = table[table["classifier"] == classifier].set_index(["strategy", "metric"])
    parts = []

    def ranking(strategy):
        bits = []
        for metric in ("average_precision", "roc_auc"):
            if (strategy, metric) not in rows.index:
                continue
            row = rows.loc[(strategy, metric)]
            verdict = (
                "better"
                if row["p_holm"] < 0.05 and row["median"] > 0
                else "worse"
                if row["p_holm"] < 0.05
                else "no different"
            )
            bits.append(
                f"{METRIC_TITLES[metric]} {verdict} (median {row['median']:+.3f} over "
                f"{row['datasets']} datasets, Holm p {row['p_holm']:.2g}; better on "
                f"{row['better']})"
            )
        return "; ".join(bits)

    if ("SMOTE", "average_precision") in rows.index:
        parts.append(f"SMOTE against the best non-resampling strategy: {ranking('SMOTE')}")
    pr = table[(table["classifier"] == classifier) & (table["metric"] == "average_precision")]
    if len(pr):
        top = pr.sort_values("median", ascending=False).iloc[0]
        if top["strategy"] != "SMOTE":
            parts.append(
                f"the best resampling strategy on PR-AUC, {top['strategy']}: "
                f"{ranking(top['strategy'])}"
            )
    probability = []
    for metric in ("brier", "calibration_gap"):
        sel = scores[(scores["classifier"] == classifier) & (scores["metric"] == metric)]
        means = sel.groupby(["dataset", "sampler"])["score"].mean().unstack()
        if "SMOTE" in means and "none" in means:
            change = (means["SMOTE"] - means["none"]).dropna()
            probability.append(
                f"{METRIC_TITLES[metric]} {change.median():+.3f} (median; higher on "
                f"{int((change > 0).sum())} of {len(change)} datasets)"
            )
    if probability:
        parts.append("SMOTE against no resampling: " + ", ".join(probability))
    return f"**{classifier}**: " + "; ".join(parts) + "."


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
    failed = scores[scores["score"].isna() & ~not_applied(scores)]
    failed_folds = failed.groupby(["dataset", "sampler"])["fold"].nunique()
    scores = fill_failures(scores)
    per_dataset_seconds = scores.groupby("dataset")["seconds"].first()
    smoke = len(datasets) < 104
    lines = [
        "# Benchmark study: resampling against its alternatives on the Kovacs (2019) datasets",
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
        f"{len(datasets)} datasets x {len(names) + 1 + len(BASELINES)} strategies x "
        f"{scores['classifier'].nunique()} "
        f"classifiers x 10 folds (5-fold x 2, seed {args.seed}). Wall time "
        f"{seconds / 60:.1f} min for the datasets computed in this run "
        f"(n_jobs={args.n_jobs}; {platform.machine()}, Python {platform.python_version()}); "
        f"datasets took {per_dataset_seconds.sum() / 60:.1f} min in total when computed.",
        "",
        "Strategies: `none` (no resampling), `class_weight` (balanced class weights), "
        "`threshold` (the decision threshold tuned for balanced accuracy on an inner 5-fold "
        "split of each training fold), and "
        f"{', '.join(f'`{n}`' for n in names)}. Classifiers: "
        f"{', '.join(f'`{c}`' for c in dict.fromkeys(scores['classifier']))} (see "
        "`smotekit.evaluation.CLASSIFIERS`). In every training "
        "fold: median/most-frequent imputation, one-hot encoding of nominal columns and "
        "standardisation, then resampling, then the classifier; test folds are only "
        "transformed. `k_neighbors` is 5, or one less than the smallest training-fold "
        "minority when that is smaller.",
        "",
        "Each cell is the mean over datasets (and classifiers) of the 10-fold mean score; "
        "*mean rank* averages each method's rank (1 = best) within every dataset x "
        "classifier x metric. AUC: ROC-AUC; PR-AUC: average precision; G-mean: geometric "
        "mean of the class recalls; F1: minority-class F1; Brier: Brier score (lower is "
        "better); calib. gap: mean predicted minority probability minus the observed share "
        "(best at 0; ranked by its distance from 0).",
        "",
        "## Headline",
        "",
        "Per classifier, against the best non-resampling strategy (none, class_weight or "
        "threshold, whichever is best on that dataset and metric) across datasets, with the "
        "Wilcoxon signed-rank test over datasets, Holm-adjusted over the table below; "
        "probabilities against no resampling.",
        "",
    ]
    classifiers = list(dict.fromkeys(scores["classifier"]))
    table = across_datasets(scores, classifiers)
    for classifier in classifiers:
        lines += [f"- {headline(table, classifier, scores)}"]
    lines += [
        "",
        "## Against the best strategy that does not resample",
        "",
        "Each cell: the median over datasets of the strategy's gain over the best of none, "
        "class_weight and threshold on that dataset (10-fold means; positive is better; for "
        "the calibration gap, closer to 0 is better), `*` when the Wilcoxon signed-rank test "
        "over datasets is significant after Holm's adjustment over this whole table, and in "
        "brackets the datasets where the strategy won / tied / lost on its own folds "
        "(corrected resampled t-test, Holm-adjusted over the dataset's table). Picking the "
        "best alternative per dataset on the test folds favours the alternative slightly.",
        "",
    ]
    for classifier in classifiers:
        part = table[table["classifier"] == classifier].copy()
        part["cell"] = part.apply(cell, axis=1)
        grid = part.pivot(index="strategy", columns="metric", values="cell")
        grid = grid.reindex(columns=list(METRICS)).rename(columns=METRIC_TITLES)
        grid = grid.reindex(list(dict.fromkeys(part["strategy"])))
        lines += [f"### {classifier}", "", markdown(grid.rename_axis("strategy")), ""]
    lines += [
        "## All classifiers",
        "",
        markdown(mean_table(scores).rename_axis("method")),
        "",
    ]
    for classifier in dict.fromkeys(scores["classifier"]):
        lines += [
            f"## {classifier}",
            "",
            markdown(mean_table(scores, classifier).rename_axis("method")),
            "",
        ]
    lines += [
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

# Where the variants section starts in the report: each suite rewrites its own part of the
# file and keeps the other's, so the two runs can finish in either order.
VARIANTS_MARKER = "<!-- bench_study.py --suite variants writes everything below this line -->"


def write_part(path: Path, text: str, part: str) -> None:
    """Write ``text`` as the ``"main"`` or ``"variants"`` part of the report at ``path``,
    keeping the other part; atomically, so a failure keeps the previous file."""
    existing = path.read_text() if path.exists() else ""
    main_part, marker, variants_part = existing.partition(VARIANTS_MARKER)
    text = text.rstrip("\n") + "\n"
    if part == "main":
        new = text + (f"\n{VARIANTS_MARKER}{variants_part}" if marker else "")
    else:
        kept = main_part.rstrip("\n")
        new = (f"{kept}\n\n" if kept else "") + f"{VARIANTS_MARKER}\n\n{text}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(new)
    tmp.replace(path)


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
        help=f"samplers, NAME+threshold too (default: {' '.join(SAMPLERS)})",
    )
    parser.add_argument(
        "--classifiers",
        nargs="+",
        metavar="NAME",
        help=f"classifiers (default: {' '.join(CLASSIFIERS)}; for the variants suite: "
        "knn tree logreg)",
    )
    parser.add_argument(
        "--suite",
        choices=("main", "variants"),
        default="main",
        help="main: the strategies above; variants: issue 13's twelve SMOTE variants with "
        "default parameters and with a nested-CV grid each (see study_variants.py)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=2,
        help="variants suite: repeats of the stratified 5-fold split (default: 2; the main "
        "suite is always 5-fold x 2)",
    )
    parser.add_argument(
        "--grid-classifiers",
        nargs="*",
        metavar="NAME",
        help="variants suite: the classifiers whose variants also run with their nested-CV "
        "grid (default: all of --classifiers; none to skip the grids)",
    )
    parser.add_argument("--n-jobs", type=int, default=1, help="parallel folds (default: 1)")
    parser.add_argument("--seed", type=int, default=0, help="folds and samplers seed (default: 0)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"markdown file (default: {OUT})")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"(default: {CACHE})")
    parser.add_argument("--fresh", action="store_true", help="recompute cached datasets")
    parser.add_argument("--scores", type=Path, help="also write every fold score to this CSV")
    return parser.parse_args(argv)


def run_cached(datasets, args, tag: str, compute) -> tuple[list, float]:
    """``compute(name)`` for each dataset not yet in ``args.cache`` under ``tag`` (each
    finished dataset is written there at once, so an interrupted run resumes), the
    cached frames for the others; and the wall time."""
    from smotekit._progress import Progress

    frames = []
    start = time.perf_counter()
    with Progress(len(datasets), "study") as bar:
        for name in datasets:
            cached = args.cache / f"{name}.{tag}.csv"
            if cached.exists() and not args.fresh:
                frames.append(pd.read_csv(cached))
            else:
                scores = compute(name)
                tmp = cached.with_suffix(".tmp")
                scores.to_csv(tmp, index=False)
                tmp.replace(cached)
                frames.append(scores)
            bar.update()
            if not bar.enabled:
                print(f"{name}: done", file=sys.stderr, flush=True)
    return frames, time.perf_counter() - start


def main(argv=None) -> int:
    from smotekit.datasets import dataset_names, list_datasets

    args = parse(argv)
    if args.datasets:
        datasets = args.datasets
    else:
        datasets = dataset_names("study")
        if args.limit:
            table = list_datasets("study").sort_values("n_rows", kind="stable")
            datasets = list(table.index[: args.limit])
    args.cache.mkdir(parents=True, exist_ok=True)
    (args.cache / ".gitignore").write_text("*\n")
    if args.suite == "variants":
        from study_variants import run_suite

        return run_suite(args, datasets)
    if args.repeats != 2:
        raise SystemExit("--repeats applies to --suite variants; the main suite is 5-fold x 2.")
    names = args.samplers or list(SAMPLERS)
    args.classifiers = args.classifiers or list(CLASSIFIERS)
    tag = f"seed{args.seed}-" + "-".join(names) + "-" + "-".join(args.classifiers)
    frames, seconds = run_cached(
        datasets,
        args,
        tag,
        lambda name: run_dataset(name, names, args.seed, args.n_jobs, args.classifiers),
    )
    scores = pd.concat(frames, ignore_index=True)
    if args.scores:
        scores.to_csv(args.scores, index=False)
    write_part(args.out, report(scores, names, args, seconds), "main")
    print(f"wrote {args.out} ({len(datasets)} datasets, {seconds / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
