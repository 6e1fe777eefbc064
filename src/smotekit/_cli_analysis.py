"""The ``analyze`` and ``datasets`` subcommands of ``smotekit`` (see ``cli.py``).

Parsing only at import time; the analysis libraries are imported when a command runs.
"""

from __future__ import annotations

import sys

DEFAULT_REPORT = "smotekit-report.html"
DEFAULT_CLASSIFIERS = ("logreg", "knn", "tree")


def _names(values) -> list[str]:
    """``--samplers SMOTE,ADASYN`` and ``--samplers SMOTE ADASYN`` both work."""
    names = [part.strip() for value in values or [] for part in value.split(",")]
    return list(dict.fromkeys(name for name in names if name))


def add_commands(commands, add_sampler_options) -> None:
    """Add ``analyze`` and ``datasets`` to the subcommands of ``smotekit``."""
    analyze = commands.add_parser(
        "analyze",
        help="the full SMOTE analysis of a table (or the demo data) as one HTML report",
        description="Resample a table with a sampler and show what it did (class counts, a "
        "2-D projection with the synthetic rows, real vs synthetic minority rows per "
        "feature), then cross-validate classifiers with and without resampling (resampling "
        "inside the training folds only) and show the scores, paired differences and PR/ROC "
        "curves. Writes one self-contained HTML page and a JSON file with every number. "
        "Without INPUT it analyses the built-in demo data (1000 rows, 897 vs 103).",
    )
    analyze.add_argument(
        "input",
        nargs="?",
        metavar="INPUT",
        help="a .csv, .csv.gz, .parquet or .pq file (default: the built-in demo data)",
    )
    analyze.add_argument(
        "--target", metavar="COL", help="the class label column of INPUT (required with INPUT)"
    )
    analyze.add_argument(
        "--dataset",
        metavar="NAME",
        help="analyse a bundled real dataset instead (see `smotekit datasets`)",
    )
    analyze.add_argument(
        "--samplers",
        nargs="+",
        action="extend",
        metavar="NAME",
        help="samplers to compare with no resampling; the first is the one shown (default: SMOTE)",
    )
    analyze.add_argument(
        "--classifiers",
        nargs="+",
        action="extend",
        metavar="NAME",
        help=f"classifiers to cross-validate (default: {' '.join(DEFAULT_CLASSIFIERS)})",
    )
    analyze.add_argument(
        "-o",
        "--output",
        default=DEFAULT_REPORT,
        metavar="HTML",
        help="where to write the report (default: %(default)s)",
    )
    analyze.add_argument(
        "--json",
        metavar="PATH",
        help="where to write every number of the report (default: the report's name with .json)",
    )
    analyze.add_argument(
        "--plot", metavar="PNG", help="also write the before/after scatter plot as a PNG"
    )
    analyze.add_argument(
        "--folds", type=int, default=5, metavar="K", help="cross-validation folds (default: 5)"
    )
    analyze.add_argument(
        "--repeats",
        type=int,
        default=2,
        metavar="R",
        help="repetitions of the K folds with new shuffles (default: 2)",
    )
    analyze.add_argument(
        "--n-jobs",
        type=int,
        default=None,
        metavar="N",
        help="folds evaluated in parallel (default: 1; -1: all cores)",
    )
    add_sampler_options(analyze, default_seed=42)

    datasets = commands.add_parser(
        "datasets",
        help="list the bundled real imbalanced datasets",
        description="List the 110 real imbalanced datasets (KEEL, UCI, PROMISE, ...) that "
        "smotekit.datasets.load_dataset loads offline, or describe one.",
    )
    datasets.add_argument("name", nargs="?", metavar="NAME", help="describe this dataset")
    datasets.add_argument(
        "--subset",
        choices=("all", "study"),
        default="all",
        help="all 110, or the 104 of the Kovacs (2019) study (default: all)",
    )
    datasets.add_argument(
        "--sort",
        choices=("name", "rows", "features", "minority", "ratio"),
        default="name",
        help="order of the list (default: name)",
    )
    datasets.add_argument("--csv", action="store_true", help="print CSV instead of a table")


# --------------------------------------------------------------------------- analyze


def _check_outputs(args):
    from pathlib import Path

    from ._io import UsageError

    html = Path(args.output)
    if html.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"-o {args.output!r} must end in .html.")
    json_path = Path(args.json) if args.json else html.with_suffix(".json")
    if json_path.suffix.lower() != ".json":
        raise UsageError(f"--json {args.json!r} must end in .json.")
    if args.plot and not args.plot.lower().endswith(".png"):
        raise UsageError(f"--plot {args.plot!r} must end in .png.")
    for path in (html, json_path, *([Path(args.plot)] if args.plot else [])):
        if not path.parent.is_dir():
            raise UsageError(f"the folder of {str(path)!r} does not exist.")
    if args.folds < 2:
        raise UsageError(f"--folds must be at least 2; got {args.folds}.")
    if args.repeats < 1:
        raise UsageError(f"--repeats must be at least 1; got {args.repeats}.")
    if args.input and args.dataset:
        raise UsageError("give INPUT or --dataset, not both.")
    if args.input and not args.target:
        raise UsageError("INPUT needs --target COL, the class label column.")
    if args.target and not args.input:
        raise UsageError("--target goes with INPUT (a table to read).")
    return html, json_path


def _load(args):
    """X (DataFrame or array), y, a description of the source, the target's name."""
    from .cli import DataError

    if args.input:
        from ._io import read_table

        table = read_table(args.input)
        if args.target not in table.columns:
            shown = ", ".join(map(str, table.columns[:20]))
            more = f" and {len(table.columns) - 20} more" if len(table.columns) > 20 else ""
            raise DataError(
                f"--target {args.target!r} is not a column of {args.input}; its columns are "
                f"{shown}{more}."
            )
        y = table[args.target]
        missing = y.isna()
        if missing.any():
            raise DataError(
                f"target column {args.target!r} has {int(missing.sum())} missing values (first "
                f"at row {int(missing.to_numpy().argmax())}); drop or fill them first."
            )
        X = table.drop(columns=[args.target])
        return X, y, f"{args.input}: {len(table):,} rows x {X.shape[1]} features", args.target
    if args.dataset:
        from .datasets import load_dataset

        try:
            X, y, info = load_dataset(args.dataset)
        except ModuleNotFoundError as error:
            raise DataError(str(error)) from None
        source = (
            f"dataset {info.name} ({info.source}): {info.n_rows:,} rows x {info.n_features} "
            f"features"
        )
        return X, y, source, y.name
    from .datasets import make_demo

    X, y = make_demo()
    return X, y, "Demo data: make_classification, 1000 rows x 5 features", "y"


def run_analyze(args) -> None:
    import numpy as np

    from ._registry import make_sampler
    from .cli import parse_strategy, print_counts
    from .evaluation import _resolve_classifiers
    from .report import analyze, before_after_scatter, write_report

    html, json_path = _check_outputs(args)
    sampler_names = _names(args.samplers) or ["SMOTE"]
    classifier_names = _names(args.classifiers) or list(DEFAULT_CLASSIFIERS)
    if any(name.lower() == "none" for name in sampler_names):
        sampler_names = [n for n in sampler_names if n.lower() != "none"]
        if not sampler_names:
            raise ValueError("--samplers needs a sampler besides 'none' (always compared).")
    _resolve_classifiers(classifier_names, args.random_state)  # unknown names fail now
    for name in sampler_names:
        make_sampler(name)  # unknown names fail before the data is read

    X, y, source, target = _load(args)
    _check_table(X, sampler_names[0])
    labels = np.asarray(y)
    strategy = parse_strategy(args.sampling_strategy, np.unique(labels).tolist())
    samplers = {
        name: make_sampler(
            name,
            random_state=args.random_state,
            k_neighbors=args.k_neighbors,
            sampling_strategy=strategy,
        )
        for name in sampler_names
    }
    from sklearn.model_selection import RepeatedStratifiedKFold

    cv = RepeatedStratifiedKFold(
        n_splits=args.folds, n_repeats=args.repeats, random_state=args.random_state
    )
    first = samplers[sampler_names[0]]
    shown = ", ".join(f"{k}={v!r}" for k, v in sorted(first.get_params(deep=False).items()))
    print(f"{source}; {sampler_names[0]}({shown})")
    analysis = analyze(
        X,
        y,
        samplers=samplers,
        classifiers=classifier_names,
        source=source,
        target=str(target),
        cv=cv,
        random_state=args.random_state,
        n_jobs=args.n_jobs,
    )
    before = np.repeat(list(analysis.counts_before), list(analysis.counts_before.values()))
    after = np.repeat(list(analysis.counts_after), list(analysis.counts_after.values()))
    print_counts(before, after)
    print()
    _print_scores(analysis)
    print()
    for line in analysis.summary:
        print(f"- {line}")
    written = write_report(analysis, html, json_path, command=_command(args))
    if args.plot:
        X_res, y_res = first.fit_resample(X, y)
        written.append(before_after_scatter(X, y, X_res, y_res, args.plot, sampler_names[0]))
    print(f"wrote {', '.join(str(p) for p in written)}")


def _check_table(X, sampler: str) -> None:
    """The analysis needs numeric, complete features: say which columns are not."""
    import pandas as pd

    from .cli import DataError

    if not isinstance(X, pd.DataFrame):
        return
    numeric = [pd.api.types.is_numeric_dtype(X[c]) or pd.api.types.is_bool_dtype(X[c]) for c in X]
    text = [c for c, ok in zip(X.columns, numeric, strict=True) if not ok]
    if text:
        shown = ", ".join(repr(c) for c in text[:10]) + (" ..." if len(text) > 10 else "")
        raise DataError(
            f"non-numeric feature columns: {shown}. {sampler} interpolates numbers and the "
            "classifiers need numbers too: encode them as numbers first (e.g. one-hot), or "
            "resample categorical data with SMOTENC, which handles categorical features."
        )
    missing = X.isna().sum()
    missing = missing[missing > 0]
    if len(missing):
        shown = ", ".join(f"{c!r} ({n} rows)" for c, n in missing.head(10).items())
        raise DataError(
            f"missing values in feature columns {shown}. Resampling interpolates between "
            "complete rows: drop or impute them first."
        )


def _print_scores(analysis) -> None:
    from .report._html import SHORT_METRIC

    table = analysis.comparison.set_index(["classifier", "sampler", "metric"])
    metrics = analysis.evaluation["metrics"]
    names = [SHORT_METRIC.get(m, m) for m in metrics]
    widths = [max(7, len(name)) for name in names]
    print(
        f"Mean over {analysis.evaluation['folds']} cross-validation folds (resampling inside "
        "the training folds only):"
    )
    print(
        f"{'classifier':<10}  {'sampler':<17}"
        + "".join(f"  {n:>{w}}" for n, w in zip(names, widths, strict=True))
    )
    for classifier in analysis.evaluation["classifiers"]:
        for sampler in analysis.evaluation["samplers"]:
            cells = "".join(
                f"  {table.loc[(classifier, sampler, m), 'mean']:>{w}.3f}"
                for m, w in zip(metrics, widths, strict=True)
            )
            print(f"{classifier:<10}  {sampler:<17}{cells}")


def _command(args) -> str:
    import shlex

    argv = getattr(args, "argv", None)
    return "smotekit " + shlex.join(argv) if argv is not None else ""


# --------------------------------------------------------------------------- datasets


def run_datasets(args) -> None:
    from .datasets import list_datasets

    table = list_datasets(args.subset)
    if args.name:
        _describe_dataset(args.name)
        return
    order = {
        "name": None,
        "rows": "n_rows",
        "features": "n_features",
        "minority": "n_minority",
        "ratio": "imbalance_ratio",
    }[args.sort]
    if order:
        table = table.sort_values(order, kind="stable")
    if args.csv:
        table.to_csv(sys.stdout)
        return
    print(
        f"{'name':<32} {'rows':>6} {'feat':>5} {'nom':>4} {'minority':>8} {'ratio':>7} "
        f"{'missing':>7}  study  source"
    )
    for name, r in table.iterrows():
        print(
            f"{name:<32} {r.n_rows:>6} {r.n_features:>5} {r.n_nominal:>4} {r.n_minority:>8} "
            f"{r.imbalance_ratio:>7.2f} {r.n_missing:>7}  {'yes' if r.in_study else 'no':<5}  "
            f"{r.source}"
        )
    print(
        f"{len(table)} datasets ({int(table['in_study'].sum())} in the Kovacs 2019 study). "
        "Load one with smotekit.datasets.load_dataset(NAME); analyse it with "
        "`smotekit analyze --dataset NAME`."
    )


def _describe_dataset(name: str) -> None:
    from .cli import DataError
    from .datasets import load_dataset

    try:
        X, _, info = load_dataset(name)
    except ModuleNotFoundError as error:
        raise DataError(str(error)) from None
    for key, value in info.as_dict(feature_types=False).items():
        print(f"{key:<16} {value}")
    print("features:")
    for column, kind in info.feature_types.items():
        extra = ""
        if kind == "nominal":
            categories = list(X[column].cat.categories)
            extra = f" {{{', '.join(map(str, categories[:8]))}{', ...' * (len(categories) > 8)}}}"
        print(f"  {column:<28} {kind}{extra}")
