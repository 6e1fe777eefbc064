"""The benchmark study's variants suite: issue 13's twelve SMOTE variants, with default
parameters and with a small grid each chosen by nested cross-validation.

Run it through ``bench_study.py`` (on a quiet machine)::

    .venv/bin/python benchmarks/bench_study.py --suite variants --n-jobs -1

which writes the section "SMOTE variants (issue 13)" below the main study in
``docs/benchmark_study.md`` (each suite rewrites only its own part of the file). Smoke run::

    .venv/bin/python benchmarks/bench_study.py --suite variants --limit 2 --out /tmp/v.md

What it runs on each study dataset, with the main suite's folds (stratified 5-fold x
``--repeats``, default 2, seeded), preprocessing, metrics and ``k_neighbors`` rule:

* the strategies none, class_weight, threshold, SMOTE and SMOTETomek (the tenth of Kovacs's
  ranking), and the twelve variants with their default parameters (``k_neighbors``, or
  ProWSyn's ``n_neighbors``, set by the ``k_neighbors`` rule);
* each variant again as ``<Name>+grid``: the point of its grid (``GRIDS``) with the best
  mean ROC-AUC over an inner stratified 3-fold cross-validation of the training fold only
  (the sampler + classifier as one :class:`smotekit.pipeline.Pipeline`, so no synthetic
  row of an inner fit is made from an inner validation row), then refitted on the whole
  training fold. ROC-AUC because it is the main measure of Kovacs (2019, Applied Soft
  Computing 83), whose best-of-grid on the test folds we replace by this nested choice;
* classifiers k-NN, the decision tree and logistic regression (``--classifiers``); the grids
  run for ``--grid-classifiers`` (default: all of them). The gradient-boosted trees and the
  balanced random forest of the main suite are left out of this suite for cost: every grid
  point is 3 inner fits of the classifier, 39 points per outer fold.

The baselines none, class_weight, threshold and SMOTE are taken from the main suite's cache
(``--cache``) when it holds this dataset with the same seed and 5-fold x 2 (``--repeats 2``):
evaluate seeds each strategy and classifier by its name, so those rows are the rows this
suite would compute (``tests/test_bench_study_variants.py`` checks it). Finished datasets are
cached under their own tag (``variants-...``), so the main suite's cache is never rewritten.

Cost, measured 2026-11-30 on the 2-core development machine while a long study run and
other test suites kept the load average at 11-17 (this run at ``nice -n 19``), so only CPU
seconds (``time.process_time``) mean something; the quiet run replaces these figures:

* one outer fold, in one process (BLAS threads not limited), on the two smallest study
  datasets (glass-0-4_vs_5, 92 rows; zoo-3, 101 rows), all three classifiers: the baselines
  class_weight and threshold 2.1 / 2.5 s, SMOTE, SMOTETomek and the twelve defaults
  1.6 / 2.2 s, the twelve grids 13.8 / 19.5 s (k-NN 2.8 / 7.3, tree 1.3 / 1.5, logistic
  regression 9.7 / 10.7, the last inflated by BLAS threads: 1.2 s on a 160-row synthetic
  fold with one BLAS thread, as in evaluate's parallel workers);
* the twelve grid choices alone on one synthetic training fold (8 features, 10% minority,
  one BLAS thread), three classifiers sharing the inner resampled folds: 3.9 s at 160 rows,
  4.7 s at 640, 9.0 s at 2560 (about 3.5 s + 2.1 ms per training row); the twelve default
  samplers 0.1-0.6 s;
* the smoke run ``--limit 2 --classifiers knn tree --repeats 1`` took 84 and 176 s of wall
  time per dataset at that load, 23 and 44 s of them without the grids.

Extrapolated with each study dataset's ``n_rows`` (training folds 0.8 n; 74 790 training
rows over the 104 datasets), per fold about 1.9 s for the defaults plus 3.5 s + 2.3 ms per
training row for the grids, 10 folds: about 2.0 CPU hours for the whole suite with the
baselines reused from the main suite's cache (0.7 more without), and up to about 4 times
that if evaluate's overhead and the wide datasets (kddcup: 138 encoded features, the
synthetic data had 8) weigh as in the first measurement: 1 to 4 hours of wall time on 2
quiet cores with ``--n-jobs -1`` (up to 5.5 without the reused baselines), about 70% of
it in the grids. ``--repeats 1`` halves
it; ``--grid-classifiers`` with fewer classifiers saves less than its share, because the
inner resampling, shared by the classifiers, dominates.
"""

from __future__ import annotations

import tempfile
import time

import numpy as np
import pandas as pd
from bench_study import (
    BASELINES,
    METRIC_TITLES,
    METRICS,
    across_datasets,
    cell,
    cross_validate,
    dataset_goodness,
    fill_failures,
    gain_summary,
    markdown,
    neighbours_for,
    not_applied,
    study_splits,
    write_part,
)
from joblib import Memory
from sklearn.base import BaseEstimator, clone

VARIANTS = (
    "PolynomFitSMOTE",
    "ProWSyn",
    "SMOTEIPF",
    "LeeSMOTE",
    "SMOBD",
    "GSMOTE",
    "CCR",
    "LVQSMOTE",
    "AssembledSMOTE",
    "SafeLevelSMOTE",
    "MWMOTE",
    "GeometricSMOTE",
)
REFERENCES = ("SMOTE", "SMOTETomek")
# Kovacs (2019), best first by mean rank: the first nine of VARIANTS, then SMOTE-TomekLinks.
# Safe-Level SMOTE, MWMOTE and Geometric SMOTE are not in his top ten (Geometric SMOTE is
# not in his study).
KOVACS_ORDER = (*VARIANTS[:9], "SMOTETomek")
CLASSIFIERS = ("knn", "tree", "logreg")
GRID = "+grid"
INNER_FOLDS = 3
INNER_SCORING = "roc_auc"
NEIGHBOUR_PARAMETERS = ("k_neighbors", "n_neighbors")
# Inner training folds hold 2/3 of the training fold's minority: these neighbour counts (of
# the point and of the sampler as given) are capped there so the point can run at all.
INNER_CAPPED = (*NEIGHBOUR_PARAMETERS, "min_samples")

# Each method's grid: its default point first (so "+grid" can always fall back on the
# defaults), then 1-3 points that change the method's main parameters, taken from the values
# of smote-variants 1.0.1's parameter_combinations (the grid Kovacs 2019 searched), except
# GeometricSMOTE (not in smote-variants: Douzas & Bacao 2019's own grid). Kovacs also
# searched the amount of over-sampling; here every point balances the classes, like the
# other strategies of the study. Neighbour counts are capped by the k_neighbors rule.
GRIDS = {
    # the four topologies of Gazzah & Amara (2008), smote-variants' four polynom_fit classes
    "PolynomFitSMOTE": [{}, {"topology": "bus"}, {"topology": "mesh"}, {"topology": "poly"}],
    # smote-variants: L in {3, 5, 7}, theta in {0.1, 1, 2}
    "ProWSyn": [{}, {"levels": 3}, {"theta": 0.1}, {"theta": 2.0}],
    # smote-variants: voting majority / consensus (its slowest method: two points only)
    "SMOTEIPF": [{}, {"voting": "consensus"}],
    # smote-variants: rejection_level in {0.3, 0.5, 0.7}
    "LeeSMOTE": [{}, {"rejection_level": 0.3}, {"rejection_level": 0.7}],
    # smote-variants: eta1 in {0.1, 0.5, 0.9}
    "SMOBD": [{}, {"eta1": 0.1}, {"eta1": 0.9}],
    # smote-variants: n_neighbors in {3, 5, 7} (smotekit's GSMOTE has no other parameter)
    "GSMOTE": [{}, {"k_neighbors": 3}, {"k_neighbors": 7}],
    # smote-variants: energy from 0.001 to 100; three decades around the default
    "CCR": [{}, {"energy": 0.025}, {"energy": 2.5}],
    # smote-variants: n_clusters in {4, 8, 12} (smotekit: n_codebook, at least 4)
    "LVQSMOTE": [{}, {"n_codebook": 4}, {"n_codebook": 12}],
    # smote-variants: pop in {2, 4, 5}, thres in {0.1, 0.3, 0.5}
    "AssembledSMOTE": [{}, {"pop": 4}, {"thres": 0.1}, {"thres": 0.5}],
    # smote-variants: n_neighbors in {3, 5, 7}
    "SafeLevelSMOTE": [{}, {"k_neighbors": 3}, {"k_neighbors": 7}],
    # smote-variants: k1, k3 in {5, 9} and cmax 10 (smotekit's default cmax 2 is the paper's)
    "MWMOTE": [{}, {"k1": 9, "k3": 9}, {"cmax": 10.0}],
    # Douzas & Bacao (2019): truncation in [-1, 1], deformation in [0, 1], three selections
    "GeometricSMOTE": [
        {},
        {"truncation_factor": 0.0},
        {"deformation_factor": 0.5},
        {"selection_strategy": "majority"},
    ],
}


def capped(point: dict, cap: int, keys=NEIGHBOUR_PARAMETERS) -> dict:
    """``point`` with its integer parameters named in ``keys`` at most ``cap``."""
    return {
        key: min(value, cap) if key in keys and isinstance(value, int) else value
        for key, value in point.items()
    }


class NestedGridSampler(BaseEstimator):
    """Benchmark-only sampler: picks a point of ``grid`` by inner cross-validation of the
    rows it is given (the training fold) and resamples them with it.

    Each point (parameters set on a clone of ``sampler``; ``{}`` is the sampler as given) is
    scored by the mean ``scoring`` of ``Pipeline([sampler, classifier])`` over a stratified
    ``n_folds``-fold split of those rows (shuffled with ``random_state``), with
    scikit-learn's GridSearchCV; the first best point wins (GridSearchCV's tie rule); a point
    failing on every inner fold cannot win, and if all fail the first point is used.
    Inside, the neighbour counts of the sampler and the point (``INNER_CAPPED``) are capped
    at the smallest inner training minority minus one; for the refit, the point's
    ``k_neighbors`` / ``n_neighbors`` at the fold's minority minus one (the first point
    refits exactly ``sampler``). ``memory`` (a joblib.Memory or folder) caches the inner
    resampled folds, which do not depend on the classifier: one per dataset lets the grids
    of the other classifiers reuse them.
    """

    def __init__(
        self, sampler, grid, classifier, *, n_folds=3, scoring="roc_auc", random_state=0,
        memory=None,
    ):  # fmt: skip
        self.sampler = sampler
        self.grid = grid
        self.classifier = classifier
        self.n_folds = n_folds
        self.scoring = scoring
        self.random_state = random_state
        self.memory = memory

    def fit_resample(self, X, y):
        import warnings

        from sklearn.model_selection import GridSearchCV, StratifiedKFold

        from smotekit.pipeline import Pipeline

        y = np.asarray(y)
        inner = StratifiedKFold(self.n_folds, shuffle=True, random_state=self.random_state)
        splits = list(inner.split(np.zeros(len(y)), y))
        smallest = min(np.bincount(y[train]).min() for train, _ in splits)
        cap = max(1, int(smallest) - 1)
        given = self.sampler.get_params(deep=False)
        base = {key: given[key] for key in INNER_CAPPED if key in given}
        points = [
            {
                f"sampler__{key}": [value]
                for key, value in capped({**base, **point}, cap, INNER_CAPPED).items()
            }
            for point in self.grid
        ]
        pipeline = Pipeline(
            [("sampler", clone(self.sampler)), ("classifier", self.classifier)],
            memory=self.memory,
        )
        search = GridSearchCV(
            pipeline, points, scoring=self.scoring, cv=splits, refit=False, error_score=np.nan
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # failed points score NaN and cannot win
            try:
                search.fit(X, y)
                self.cv_scores_ = np.asarray(search.cv_results_["mean_test_score"], float)
            except ValueError as error:  # GridSearchCV raises when every fit failed
                if "fits failed" not in str(error):
                    raise
                self.cv_scores_ = np.full(len(self.grid), np.nan)
        self.all_failed_ = not np.isfinite(self.cv_scores_).any()
        self.best_index_ = 0 if self.all_failed_ else int(np.nanargmax(self.cv_scores_))
        self.best_params_ = dict(self.grid[self.best_index_])
        fold_cap = max(1, int(np.bincount(y).min()) - 1)
        chosen = capped(self.best_params_, fold_cap)
        self.sampler_ = clone(self.sampler).set_params(**chosen)
        return self.sampler_.fit_resample(X, y)


def default_sampler(name: str, k: int, seed: int):
    """The variant (or reference) with default parameters and the study's neighbour rule."""
    from smotekit._registry import make_sampler

    sampler = make_sampler(name, random_state=seed)
    params = sampler.get_params(deep=False)
    sampler.set_params(**{key: k for key in NEIGHBOUR_PARAMETERS if key in params})
    if "smote" in params:  # SMOTETomek: its SMOTE with the same k
        sampler.set_params(smote=make_sampler("SMOTE", random_state=seed, k_neighbors=k))
    return sampler


def grid_strategies(variants, k: int, seed: int, classifier, memory=None) -> dict:
    """``{"<Name>+grid": NestedGridSampler}`` for one classifier."""
    return {
        name + GRID: NestedGridSampler(
            default_sampler(name, k, seed),
            GRIDS[name],
            classifier,
            n_folds=INNER_FOLDS,
            scoring=INNER_SCORING,
            random_state=seed,
            memory=memory,
        )
        for name in variants
    }


# --------------------------------------------------------------------------- running

REUSED = ("none", *BASELINES, "SMOTE")


def main_suite_rows(cache, name: str, seed: int, classifiers, n_folds: int):
    """The rows of REUSED for ``classifiers`` from a main-suite cache file of this dataset
    and seed, or None when no file holds all of them on every fold and metric."""
    wanted = len(REUSED) * len(classifiers) * len(METRICS) * n_folds
    for path in sorted(cache.glob(f"{name}.seed{seed}-*.csv")):
        frame = pd.read_csv(path)
        rows = frame[frame["sampler"].isin(REUSED) & frame["classifier"].isin(classifiers)]
        rows = rows[rows["metric"].isin(METRICS)]
        if len(rows) == wanted and rows["fold"].max() == n_folds - 1:
            return rows[["sampler", "classifier", "metric", "fold", "score"]]
    return None


def run_dataset(name: str, args) -> pd.DataFrame:
    from smotekit.datasets import load_dataset
    from smotekit.evaluation import resolve_classifiers, summarize

    X, y, _ = load_dataset(name)
    labels = y.to_numpy()
    splits = study_splits(labels, args.seed, args.repeats)
    k = neighbours_for(labels, splits)
    start = time.perf_counter()
    reused = (
        main_suite_rows(args.cache, name, args.seed, args.classifiers, len(splits))
        if args.repeats == 2
        else None
    )
    strategies = {} if reused is not None else {s: s for s in BASELINES}
    names = list(REFERENCES[1:] if reused is not None else REFERENCES) + list(VARIANTS)
    strategies.update({n: default_sampler(n, k, args.seed) for n in names})
    frames = [
        cross_validate(X, labels, strategies, args.classifiers, splits, args.seed, args.n_jobs)
    ]
    if reused is not None:
        frames = [reused, frames[0][frames[0]["sampler"] != "none"]]
    defaults_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="study-variants-") as folder:
        # The inner resampled folds, shared by the classifiers (on disk: up to 39 points x 3
        # inner folds x the outer folds, a few GB for the widest datasets, removed after).
        memory = Memory(folder, verbose=0) if len(args.grid_classifiers) > 1 else None
        for classifier_name in args.grid_classifiers:
            classifier = resolve_classifiers([classifier_name], args.seed)[classifier_name]
            grid = grid_strategies(VARIANTS, k, args.seed, classifier, memory)
            scores = cross_validate(
                X, labels, grid, [classifier_name], splits, args.seed, args.n_jobs
            )
            frames.append(scores[scores["sampler"] != "none"])
    scores = pd.concat(frames, ignore_index=True)
    scores.attrs["test_train_ratio"] = float(
        np.mean([len(test) / len(train) for train, test in splits])
    )
    verdict = summarize(scores)[
        ["sampler", "classifier", "metric", "best_alternative", "diff_best", "outcome_best"]
    ]
    scores = scores.merge(verdict, on=["sampler", "classifier", "metric"], how="left")
    scores.insert(0, "dataset", name)
    scores["k_neighbors"] = k
    scores["n_rows"] = len(labels)
    scores["reused_baselines"] = reused is not None
    scores["seconds_defaults"] = defaults_seconds
    scores["seconds"] = time.perf_counter() - start
    return scores


def run_suite(args, datasets) -> int:
    from bench_study import run_cached

    args.classifiers = args.classifiers or list(CLASSIFIERS)
    if args.grid_classifiers is None:
        args.grid_classifiers = list(args.classifiers)
    unknown = sorted(set(args.grid_classifiers) - set(args.classifiers))
    if unknown:
        raise SystemExit(f"--grid-classifiers {unknown} are not among --classifiers.")
    tag = (
        f"variants-seed{args.seed}-r{args.repeats}-"
        + "-".join(args.classifiers)
        + "-grid-"
        + ("-".join(args.grid_classifiers) or "none")
    )
    frames, seconds = run_cached(datasets, args, tag, lambda name: run_dataset(name, args))
    scores = pd.concat(frames, ignore_index=True)
    if args.scores:
        scores.to_csv(args.scores, index=False)
    write_part(args.out, report(scores, args, seconds), "variants")
    print(f"wrote the variants section of {args.out} ({len(datasets)} datasets)")
    return 0


# --------------------------------------------------------------------------- statistics


def auc_ranks(scores: pd.DataFrame, classifier: str, methods) -> pd.Series:
    """Each method's mean rank (1 = best) of its fold-mean ROC-AUC among ``methods``,
    over the datasets where all of them have a score (ties share the mean rank)."""
    goodness = dataset_goodness(scores, classifier, "roc_auc")
    present = [m for m in methods if m in goodness]
    table = goodness[present].dropna()
    return table.rank(axis=1, ascending=False, method="average").mean().reindex(present)


def kovacs_agreement(scores: pd.DataFrame, classifier: str, grid: bool) -> dict:
    """Spearman's rho between Kovacs's order and our mean ROC-AUC ranks of the methods of
    his top ten (ranked among themselves), with the "+grid" versions when ``grid`` (SMOTETomek
    has no grid), and its p-value (scipy, two-sided)."""
    from scipy import stats

    names = [
        m + GRID if grid and m in GRIDS and ((m + GRID) in set(scores["sampler"])) else m
        for m in KOVACS_ORDER
    ]
    ranks = auc_ranks(scores[scores["classifier"] == classifier], classifier, names)
    positions = [i + 1 for i, m in enumerate(names) if m in ranks.index]
    ours = ranks.dropna()
    if len(ours) < 3 or len(ours) != len(positions) or ours.nunique() < 2:
        return {"rho": np.nan, "p": np.nan, "methods": len(ours), "ranks": ours}
    result = stats.spearmanr(positions, ours.to_numpy())
    return {
        "rho": float(result.statistic),
        "p": float(result.pvalue),
        "methods": len(ours),
        "ranks": ours,
    }


def paired_table(scores: pd.DataFrame, classifiers, pairs, metrics) -> pd.DataFrame:
    """Per classifier x metric x (strategy, reference) pair: the per-dataset gain of the
    strategy's fold mean over the reference's (positive: better), its median, mean, how many
    datasets it is better on, and the Wilcoxon signed-rank p-value over datasets,
    Holm-adjusted over the whole table."""
    from smotekit.evaluation._summarize import holm

    records = []
    for classifier in classifiers:
        for metric in metrics:
            goodness = dataset_goodness(scores, classifier, metric)
            for strategy, reference in pairs:
                if strategy not in goodness or reference not in goodness:
                    continue
                records.append(
                    {
                        "classifier": classifier,
                        "strategy": strategy,
                        "reference": reference,
                        "metric": metric,
                        **gain_summary(goodness[strategy] - goodness[reference]),
                    }
                )
    table = pd.DataFrame(
        records,
        columns=[
            "classifier",
            "strategy",
            "reference",
            "metric",
            "datasets",
            "median",
            "mean",
            "better",
            "p",
        ],
    )
    table["p_holm"] = holm(table["p"].to_numpy()) if len(table) else []
    return table


def paired_cell(row) -> str:
    """``+0.004* (60/104)``: median gain, * when Holm p < 0.05, datasets better / compared."""
    if np.isnan(row["median"]):
        return "–"
    star = "*" if row["p_holm"] < 0.05 else ""
    return f"{row['median']:+.3f}{star} ({row['better']}/{row['datasets']})"


# --------------------------------------------------------------------------- report


def grid_lines() -> list[str]:
    """The grids as a markdown table (the default point is listed as "defaults")."""
    lines = ["| method | points searched |", "|---|---|"]
    for name, points in GRIDS.items():
        shown = [
            ", ".join(f"{key}={value}" for key, value in point.items()) or "defaults"
            for point in points
        ]
        lines.append(f"| {name} | {'; '.join(shown)} |")
    return lines


def pivot_cells(table: pd.DataFrame, index: str, columns: str, render) -> pd.DataFrame:
    part = table.copy()
    part["cell"] = part.apply(render, axis=1)
    grid = part.pivot(index=index, columns=columns, values="cell")
    return grid.reindex(list(dict.fromkeys(part[index])))


def per_classifier(table: pd.DataFrame, classifiers, render, metrics) -> list[str]:
    """One markdown table per classifier: strategies x metrics, cells by ``render``."""
    lines = []
    for classifier in classifiers:
        part = pivot_cells(table[table["classifier"] == classifier], "strategy", "metric", render)
        part = part.reindex(columns=list(metrics)).rename(columns=METRIC_TITLES)
        lines += [f"#### {classifier}", "", markdown(part.rename_axis("strategy")), ""]
    return lines


def report(scores: pd.DataFrame, args, seconds: float) -> str:
    datasets = list(dict.fromkeys(scores["dataset"]))
    failed = scores[scores["score"].isna() & ~not_applied(scores)]
    failed_folds = failed.groupby(["dataset", "sampler", "classifier"])["fold"].nunique()
    scores = fill_failures(scores)
    classifiers = list(dict.fromkeys(scores["classifier"]))
    grid_classifiers = [
        c
        for c in classifiers
        if scores.loc[scores["classifier"] == c, "sampler"].str.endswith(GRID).any()
    ]
    strategies = list(dict.fromkeys(scores["sampler"]))
    variants = [s for s in strategies if s.removesuffix(GRID) in VARIANTS]
    per_dataset = scores.groupby("dataset")[
        ["seconds", "seconds_defaults", "reused_baselines"]
    ].first()
    folds = scores["fold"].nunique()
    lines = ["## SMOTE variants (issue 13)", ""]
    if len(datasets) < 104:
        lines += [
            f"> **Smoke run on {len(datasets)} datasets only** ({', '.join(datasets)}): these "
            "numbers check the script, they are not the study. The full run is "
            "`.venv/bin/python benchmarks/bench_study.py --suite variants --n-jobs -1` on a "
            "quiet machine.",
            "",
        ]
    lines += [
        f"Generated by `benchmarks/bench_study.py --suite variants` on "
        f"{pd.Timestamp.today().date().isoformat()}: {len(datasets)} datasets x "
        f"{len(strategies)} strategies x {len(classifiers)} classifiers "
        f"({', '.join(f'`{c}`' for c in classifiers)}; grids for "
        f"{', '.join(f'`{c}`' for c in grid_classifiers) or 'none'}) x {folds} folds "
        f"(stratified 5-fold x {folds // 5}, seed {args.seed}). Wall time {seconds / 60:.1f} min "
        f"for the datasets computed in this run (n_jobs={args.n_jobs}); datasets took "
        f"{per_dataset['seconds'].sum() / 60:.1f} min in total when computed, "
        f"{per_dataset['seconds_defaults'].sum() / 60:.1f} of them without the grids. The "
        f"baselines none, class_weight, threshold and SMOTE came from the main suite's cache "
        f"for {int(per_dataset['reused_baselines'].sum())} datasets (the same folds, seeds "
        f"and models, so the same scores).",
        "",
        "The twelve variants of issue 13 run with their default parameters (`k_neighbors`, "
        "ProWSyn's `n_neighbors`, by the main suite's rule) and as `<Name>+grid`: the point "
        "of a small grid with the best mean ROC-AUC on an inner stratified 3-fold "
        "cross-validation of the training fold only (sampler and classifier as one pipeline), "
        "refitted on the whole training fold. ROC-AUC is Kovacs's (2019) main measure. He "
        "took each method's best grid point on the test folds, which is optimistic; here the "
        "test fold never reaches the choice. Every point balances the classes (Kovacs also "
        "searched the amount of over-sampling). The grids, default point first (values from "
        "smote-variants 1.0.1's parameter grids, which Kovacs searched; GeometricSMOTE's "
        "from Douzas & Bacao 2019):",
        "",
        *grid_lines(),
        "",
        "The gradient-boosted trees and the balanced random forest of the main suite are left "
        "out here: each grid point costs three inner fits of the classifier, 39 points per "
        "outer fold and method set, which for those ensembles would take days on 2 cores. A "
        "method that fails on a fold is scored there as no resampling (see Failures).",
        "",
        "### Mean rank by ROC-AUC",
        "",
        "Per classifier, each strategy's mean rank (1 = best) of its fold-mean ROC-AUC "
        "among all strategies of this section, over the datasets, and its mean ROC-AUC.",
        "",
    ]
    rank_table = pd.DataFrame(index=pd.Index(strategies, name="strategy"))
    for classifier in classifiers:
        present = [
            s
            for s in strategies
            if scores.loc[(scores["classifier"] == classifier) & (scores["sampler"] == s), "score"]
            .notna()
            .any()
        ]
        rank_table[f"{classifier} rank"] = auc_ranks(scores, classifier, present)
        rows = scores[(scores["classifier"] == classifier) & (scores["metric"] == "roc_auc")]
        rank_table[f"{classifier} AUC"] = (
            rows.groupby(["dataset", "sampler"])["score"].mean().groupby("sampler").mean()
        )
    order = rank_table[[c for c in rank_table if c.endswith("rank")]].mean(axis=1)
    lines += [markdown(rank_table.loc[order.sort_values().index]), ""]
    lines += [
        "### Does Kovacs's ordering reproduce?",
        "",
        "Spearman's rank correlation between Kovacs's order of his top ten (polynom-fit-SMOTE, "
        "ProWSyn, SMOTE-IPF, Lee, SMOBD, G-SMOTE, CCR, LVQ-SMOTE, Assembled-SMOTE, "
        "SMOTE-TomekLinks) and our mean ROC-AUC ranks of the same methods ranked among "
        "themselves (rho 1: the same order; p: scipy's two-sided test of rho = 0). He "
        "averaged over four classifiers (SVM, decision tree, k-NN, MLP) and picked the grid "
        "point on the test folds; `+grid` is our nearest counterpart.",
        "",
        "| classifier | version | methods | rho | p | our order (best first) |",
        "|---|---|---|---|---|---|",
    ]
    for classifier in classifiers:
        for grid in (False, True) if classifier in grid_classifiers else (False,):
            found = kovacs_agreement(scores, classifier, grid)
            order_text = ", ".join(found["ranks"].sort_values(kind="stable").index)
            lines.append(
                f"| {classifier} | {'+grid' if grid else 'defaults'} | {found['methods']} | "
                f"{found['rho']:.2f} | {found['p']:.2g} | {order_text} |"
            )
    lines.append("")
    shown = ("roc_auc", "average_precision")
    titles = [METRIC_TITLES[m] for m in shown]
    against_smote = paired_table(
        scores, classifiers, [(s, "SMOTE") for s in ["SMOTETomek", *variants]], shown
    )
    lines += [
        "### Against plain SMOTE",
        "",
        "Each cell: the median over datasets of the strategy's gain over SMOTE (fold means, "
        "positive is better), `*` when the Wilcoxon signed-rank test over datasets is "
        "significant after Holm's adjustment over this table, and (datasets where it is "
        "better / datasets).",
        "",
    ]
    lines += per_classifier(against_smote, classifiers, paired_cell, shown)
    best = across_datasets(scores, classifiers)
    best = best[best["strategy"].isin(["SMOTE", "SMOTETomek", *variants])]
    lines += [
        "### Against the best strategy that does not resample",
        "",
        "As in the main section: the median gain over the best of none, class_weight and "
        "threshold on each dataset, `*` when Wilcoxon over datasets is significant after "
        "Holm's adjustment over this section's table (all classifiers, strategies and "
        "metrics), and the datasets won / tied / lost on their own folds (corrected "
        "resampled t-test, Holm over the dataset's table).",
        "",
    ]
    lines += per_classifier(best, classifiers, cell, METRICS)
    if grid_classifiers:
        gain = paired_table(scores, grid_classifiers, [(v + GRID, v) for v in VARIANTS], shown)
        gain["method"] = gain["strategy"].str.removesuffix(GRID)
        lines += [
            "### What the nested grid gains over the defaults",
            "",
            "Median over datasets of `<Name>+grid` minus `<Name>` (fold means), `*` for "
            "Holm-adjusted Wilcoxon p < 0.05 over this table, (datasets better / datasets).",
            "",
        ]
        wide = pd.DataFrame(index=pd.Index(list(dict.fromkeys(gain["method"])), name="method"))
        for classifier in grid_classifiers:
            part = pivot_cells(
                gain[gain["classifier"] == classifier], "method", "metric", paired_cell
            )
            for metric, title in zip(shown, titles, strict=True):
                wide[f"{classifier} {title}"] = part.get(metric)
        lines += [markdown(wide), ""]
    lines += ["### Failures", ""]
    if failed_folds.empty:
        lines.append("No method failed on any fold.")
    else:
        lines += [
            "Folds whose resampling failed (scored there as no resampling, so every mean "
            "covers the same folds), per dataset, strategy and classifier:",
            "",
        ]
        lines += [f"- {d}, {s}, {c}: {n} folds" for (d, s, c), n in failed_folds.items()]
    lines.append("")
    return "\n".join(lines)
