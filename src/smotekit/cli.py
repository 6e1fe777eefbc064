"""The ``smotekit`` command: parse, call the public API, map errors to exit codes.

Exit codes: 0 success, 1 the data cannot be resampled as asked, 2 a usage error (bad
option, missing input file, unsupported extension). Heavy libraries are imported only by
the subcommand that needs them, so ``smotekit --help`` answers at once.
"""

from __future__ import annotations

import argparse
import sys

NAMED_STRATEGIES = ("auto", "minority", "majority", "not minority", "not majority", "all")


class DataError(Exception):
    """The input was read but cannot be resampled as asked (exit code 1)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smotekit",
        description="SMOTE for imbalanced classification data.",
        epilog="Exit codes: 0 ok, 1 data error, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    from ._cli_analysis import add_commands

    add_commands(commands, _add_sampler_options)  # analyze, datasets

    resample = commands.add_parser(
        "resample",
        help="resample a CSV or Parquet table",
        description="Read a table, over-sample it with SMOTE, write the result (original rows "
        "first, then the synthetic rows) and print the class counts before and after.",
    )
    resample.add_argument(
        "input",
        metavar="INPUT",
        help="a .csv, .csv.gz, .parquet or .pq file (--engine dask: a Parquet file, directory "
        "or glob)",
    )
    resample.add_argument("--target", required=True, metavar="COL", help="the class label column")
    resample.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="where to write the result (.csv, .csv.gz, .parquet or .pq; --engine dask: a new "
        "directory)",
    )
    _add_sampler_options(resample, default_seed=None)
    _add_sampler_choice(resample)
    _add_engine_options(resample)
    return parser


def _sampler_name(text: str) -> str:
    """``--sampler`` value -> its registered name (case-insensitive), else a usage error."""
    from ._registry import sampler_names

    by_lower = {name.lower(): name for name in sampler_names()}
    if text.lower() not in by_lower:
        raise argparse.ArgumentTypeError(
            f"unknown sampler {text!r}; choose one of {', '.join(sampler_names())}"
        )
    return by_lower[text.lower()]


def _add_sampler_choice(parser: argparse.ArgumentParser) -> None:
    from ._registry import sampler_names

    parser.add_argument(
        "--sampler",
        type=_sampler_name,
        default="SMOTE",
        metavar="NAME",
        help="the sampler, by class name (any case): " + ", ".join(sampler_names()) + ". "
        "SMOTENC finds categorical columns by dtype; without --k-neighbors a sampler keeps "
        "its own default (default: SMOTE)",
    )
    # None = the sampler's own default; SMOTE's is 5.
    parser.set_defaults(k_neighbors=None)


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("memory", "dask"),
        default="memory",
        help="memory: read the whole table into this process (default); dask: work partition "
        "by partition on a Dask cluster, reading a Parquet file, directory or glob and "
        "writing a new directory of Parquet files",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a running Dask scheduler, e.g. tcp://host:8786 (default: "
        "start a local cluster for the run)",
    )
    parser.add_argument(
        "--memory-budget",
        metavar="SIZE",
        help="with --engine dask: most memory one over-sampled class's rows may take on this "
        "machine, e.g. 4GiB (default: 2GiB)",
    )


def _add_sampler_options(parser: argparse.ArgumentParser, default_seed) -> None:
    parser.add_argument(
        "--k-neighbors",
        type=int,
        default=5,
        metavar="K",
        help="same-class neighbours to interpolate towards (default: 5)",
    )
    parser.add_argument(
        "--random-state",
        type=int,
        default=default_seed,
        metavar="N",
        help="seed for reproducible output (default: %(default)s)",
    )
    parser.add_argument(
        "--sampling-strategy",
        default="auto",
        metavar="S",
        help="auto, minority, 'not minority', 'not majority', all, a float "
        "ratio (binary), or final counts as LABEL:COUNT[,LABEL:COUNT]",
    )


def parse_strategy(text: str, labels):
    """The ``--sampling-strategy`` value as SMOTE takes it; dict labels typed like ``labels``."""
    if text in NAMED_STRATEGIES:
        return text
    if ":" not in text:
        try:
            return float(text)
        except ValueError:
            raise DataError(
                f"--sampling-strategy {text!r} is not one of {', '.join(NAMED_STRATEGIES)}, a "
                "float, or LABEL:COUNT[,LABEL:COUNT]."
            ) from None
    by_text = {str(label): label for label in labels}
    result = {}
    for part in text.split(","):
        label_text, _, count_text = part.rpartition(":")
        label_text = label_text.strip()
        if label_text not in by_text:
            raise DataError(
                f"--sampling-strategy names class {label_text!r}, which is not in the target "
                f"column; its classes are {', '.join(sorted(by_text))}."
            )
        try:
            result[by_text[label_text]] = int(count_text)
        except ValueError:
            raise DataError(
                f"--sampling-strategy: the count for class {label_text!r} must be an integer; "
                f"got {count_text!r}."
            ) from None
    return result


def print_counts(y_before, y_after) -> None:
    import numpy as np

    labels, before = np.unique(np.asarray(y_before), return_counts=True)
    after = {label: int((np.asarray(y_after) == label).sum()) for label in labels}
    width = max(5, *(len(str(label)) for label in labels))
    print(f"{'class':<{width}}  {'before':>8}  {'after':>8}  {'added':>8}")
    for label, n in zip(labels, before, strict=True):
        print(f"{label!s:<{width}}  {n:>8}  {after[label]:>8}  {after[label] - n:>8}")
    print(
        f"{'total':<{width}}  {len(y_before):>8}  {len(y_after):>8}  "
        f"{len(y_after) - len(y_before):>8}"
    )


def run_resample(args) -> None:
    from ._io import UsageError, check_output, read_table, write_table
    from ._registry import make_sampler

    if args.engine == "dask" and args.sampler != "SMOTE":
        raise UsageError(f"--engine dask runs SMOTE only; got --sampler {args.sampler}.")
    if args.engine == "dask":
        from ._dask._parquet import run_cli

        if args.k_neighbors is None:
            args.k_neighbors = 5  # SMOTE's default

        return run_cli(args)
    if args.scheduler or args.memory_budget:
        raise UsageError("--scheduler and --memory-budget need --engine dask.")
    check_output(args.output, args.input)
    table = read_table(args.input)
    if args.target not in table.columns:
        raise DataError(
            f"--target {args.target!r} is not a column of {args.input}; its columns are "
            f"{', '.join(map(str, table.columns[:20]))}"
            + (f" and {len(table.columns) - 20} more." if len(table.columns) > 20 else ".")
        )
    y = table[args.target]
    missing = y.isna()
    if missing.any():
        raise DataError(
            f"target column {args.target!r} has {int(missing.sum())} missing values (first at "
            f"row {int(missing.to_numpy().argmax())}); drop or fill them first."
        )
    X = table.drop(columns=[args.target])
    params = {
        "random_state": args.random_state,
        "sampling_strategy": parse_strategy(args.sampling_strategy, y.unique().tolist()),
    }
    if args.k_neighbors is not None:
        params["k_neighbors"] = args.k_neighbors
    sampler = make_sampler(args.sampler, **params)
    X_res, y_res = sampler.fit_resample(X, y)
    result = X_res.assign(**{args.target: y_res})[list(table.columns)]
    write_table(result, args.output)
    print_counts(y, y_res)
    change = len(result) - len(table)
    what = f"{change} synthetic" if change >= 0 else f"{-change} removed"
    print(f"wrote {args.output}: {len(result)} rows ({what})")


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    from ._cli_analysis import run_analyze, run_datasets
    from ._io import UsageError

    commands = {"analyze": run_analyze, "datasets": run_datasets, "resample": run_resample}
    try:
        commands[args.command](args)
    except UsageError as error:
        print(f"smotekit {args.command}: error: {error}", file=sys.stderr)
        return 2
    except (DataError, ValueError, TypeError, OSError) as error:
        print(f"smotekit {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return 1
    return 0


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _version() -> str:
    from . import __version__

    return __version__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
