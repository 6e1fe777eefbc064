"""``smotekit analyze``: the full analysis of a table (or the demo data) as one HTML report.

Parsing only at import time; the analysis libraries are imported when the command runs.
"""

from __future__ import annotations

from .._random import DEFAULT_SEED
from ._errors import DataError, UsageError
from ._parsing import add_encoding_option, add_sampler_options, parse_strategy, split_names
from ._printing import print_counts
from ._tables import read_labelled_table

DEFAULT_REPORT = "smotekit-report.html"
DEFAULT_CLASSIFIERS = ("logreg", "hgb")
DEFAULT_STRATEGIES = ("class_weight", "threshold", "SMOTE")  # beside "none", always there


def add_parser(commands) -> None:
    analyze = commands.add_parser(
        "analyze",
        help="the full SMOTE analysis of a table (or the demo data) as one HTML report",
        description="Does resampling help YOUR model on YOUR data, compared with what you "
        "would otherwise do? Cross-validates classifiers with no resampling, balanced class "
        "weights, a tuned decision threshold and a sampler (everything fitted inside the "
        "training folds only), states a verdict, shows what resampling does to the predicted "
        "probabilities (reliability diagram, Brier score, calibration gap, also after a "
        "prior-shift correction), the scores with paired differences and intervals, what the "
        "sampler did to the data (class counts, a 2-D projection, real vs synthetic minority "
        "rows per feature) and PR/ROC curves. Writes one self-contained HTML page and a JSON "
        "file with every number. Without INPUT it analyses the built-in demo data (1000 "
        "rows, 897 vs 103).",
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
        help="strategies to compare with no resampling: sampler names, class_weight, "
        "threshold or SAMPLER+threshold; the first sampler is the one whose resampling is "
        f"shown (default: {' '.join(DEFAULT_STRATEGIES)})",
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
    add_encoding_option(analyze)
    add_sampler_options(analyze, default_seed=DEFAULT_SEED)


def _check_outputs(args):
    from pathlib import Path

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
    if args.encoding and not args.input:
        raise UsageError("--encoding goes with INPUT (a CSV table to read).")
    return html, json_path


def _load(args):
    """X (DataFrame or array), y, a description of the source, the target's name."""
    if args.input:
        table, X, y = read_labelled_table(args.input, args.target, args.encoding)
        return X, y, f"{args.input}: {len(table):,} rows x {X.shape[1]} features", args.target
    if args.dataset:
        from ..datasets import load_dataset

        try:
            X, y, info = load_dataset(args.dataset)
        except ModuleNotFoundError as error:
            raise DataError(str(error)) from None
        source = (
            f"dataset {info.name} ({info.source}): {info.n_rows:,} rows x {info.n_features} "
            f"features"
        )
        return X, y, source, y.name
    from ..datasets import make_demo

    X, y = make_demo()
    return X, y, "Demo data: make_classification, 1000 rows x 5 features", "y"


def run(args) -> None:
    from pathlib import Path

    import numpy as np

    from .._atomic import write_all_atomically
    from ..evaluation import resolve_classifiers, resolve_strategies
    from ..report import analyze, before_after_png, report_files

    html, json_path = _check_outputs(args)
    names = split_names(args.samplers) or list(DEFAULT_STRATEGIES)
    names = [n for n in names if n.lower() != "none"]  # always compared
    classifier_names = split_names(args.classifiers) or list(DEFAULT_CLASSIFIERS)
    # Unknown names are usage errors (exit 2, as `resample --sampler` gives), found before
    # the data is read.
    try:
        resolve_classifiers(classifier_names, args.random_state)
        strategies = resolve_strategies(names, args.random_state)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if not any(s.resamples for s in strategies.values()):
        raise UsageError(
            f"--samplers {' '.join(names) or 'none'} names no sampler; add one (e.g. SMOTE) "
            "to see what resampling does."
        )

    X, y, source, target = _load(args)
    labels = np.asarray(y)
    options = {
        "random_state": args.random_state,
        "k_neighbors": args.k_neighbors,
        "sampling_strategy": parse_strategy(args.sampling_strategy, np.unique(labels).tolist()),
    }
    given = {name: _strategy(strategy, options) for name, strategy in strategies.items()}
    from sklearn.model_selection import RepeatedStratifiedKFold

    cv = RepeatedStratifiedKFold(
        n_splits=args.folds, n_repeats=args.repeats, random_state=args.random_state
    )
    first_name, first = next((n, g) for n, g in given.items() if hasattr(g, "fit_resample"))
    shown = ", ".join(f"{k}={v!r}" for k, v in sorted(first.get_params(deep=False).items()))
    print(f"{source}; {first_name}({shown})")
    print(
        f"seed {args.random_state} (--random-state); strategies "
        f"{', '.join(given)}; classifiers {', '.join(classifier_names)}"
    )
    analysis = analyze(
        X,
        y,
        samplers={n: g for n, g in given.items() if n != "none"},
        classifiers=classifier_names,
        source=source,
        target=str(target),
        cv=cv,
        random_state=args.random_state,
        n_jobs=args.n_jobs,
    )
    print_counts(analysis.counts_before, analysis.counts_after)
    print()
    for line in analysis.verdict:
        print(f"Verdict: {line}")
    print()
    _print_scores(analysis)
    print()
    for line in analysis.summary:
        print(f"- {line}")
    # Everything is made before anything is written, and the files are replaced together:
    # a failure (or a signal) leaves every previous output as it was.
    files = report_files(analysis, html, json_path, command=_command(args))
    if args.plot:
        from ..evaluation._preprocess import encoded_view, needs_preprocessing

        if needs_preprocessing(X):  # the numbers the sampler saw, as in the report
            _, shown_X, X_res, y_res = encoded_view(X, labels, first)
        else:
            shown_X, (X_res, y_res) = X, first.fit_resample(X, y)
        files[Path(args.plot)] = before_after_png(shown_X, y, X_res, y_res, first_name)
    write_all_atomically(files)
    print(f"wrote {', '.join(str(p) for p in files)}")


def _strategy(strategy, options):
    """What ``analyze`` is given for a strategy: a sampler made with the command's options
    (under a ``+threshold`` name when its threshold is tuned), or the strategy's name."""
    from .._registry import make_sampler

    if strategy.sampler is None:
        return strategy.name
    name = type(strategy.sampler).__name__
    params = make_sampler(name).get_params()
    return make_sampler(name, **{k: v for k, v in options.items() if k in params})


def _print_scores(analysis) -> None:
    from ..evaluation import metric_info

    table = analysis.comparison.set_index(["classifier", "sampler", "metric"])
    metrics = analysis.evaluation["metrics"]
    names = [metric_info(m).short for m in metrics]
    widths = [max(7, len(name)) for name in names]
    print(
        f"Mean over {analysis.evaluation['folds']} cross-validation folds (resampling inside "
        "the training folds only):"
    )
    width = max(17, *(len(s) for s in analysis.evaluation["samplers"]))
    print(
        f"{'classifier':<10}  {'strategy':<{width}}"
        + "".join(f"  {n:>{w}}" for n, w in zip(names, widths, strict=True))
    )
    for classifier in analysis.evaluation["classifiers"]:
        for sampler in analysis.evaluation["samplers"]:
            cells = "".join(
                f"  {table.loc[(classifier, sampler, m), 'mean']:>{w}.3f}"
                for m, w in zip(metrics, widths, strict=True)
            )
            print(f"{classifier:<10}  {sampler:<{width}}{cells}")


def _command(args) -> str:
    import shlex

    argv = getattr(args, "argv", None)
    return "smotekit " + shlex.join(argv) if argv is not None else ""
