"""``smotekit resample``: over-sample a table in memory, or a Parquet dataset with Dask."""

from __future__ import annotations

import argparse

from .._random import DEFAULT_SEED
from ._errors import UsageError
from ._parsing import add_encoding_option, add_sampler_options, parse_strategy
from ._printing import class_counts, print_counts
from ._tables import check_output, read_labelled_table, write_table


def add_parser(commands) -> None:
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
    add_encoding_option(resample)
    resample.add_argument(
        "--indicator-column",
        metavar="NAME",
        help="add a boolean column NAME to the output: true for synthetic rows, false for "
        "rows of the input (kept or copied); --engine memory only",
    )
    add_sampler_options(resample, default_seed=DEFAULT_SEED)
    _add_sampler_choice(resample)
    _add_engine_options(resample)


def _sampler_name(text: str) -> str:
    """``--sampler`` value -> its registered name (case-insensitive), else a usage error."""
    from .._registry import sampler_names

    by_lower = {name.lower(): name for name in sampler_names()}
    if text.lower() not in by_lower:
        raise argparse.ArgumentTypeError(
            f"unknown sampler {text!r}; choose one of {', '.join(sampler_names())}"
        )
    return by_lower[text.lower()]


def _add_sampler_choice(parser: argparse.ArgumentParser) -> None:
    from .._registry import sampler_names

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


def run(args) -> None:
    if args.engine == "dask":
        if args.indicator_column is not None:
            raise UsageError("--indicator-column needs --engine memory.")
        if args.sampler != "SMOTE":
            raise UsageError(f"--engine dask runs SMOTE only; got --sampler {args.sampler}.")
        if args.encoding is not None:
            raise UsageError("--encoding applies to CSV input; --engine dask reads Parquet.")
        return _run_dask(args)
    if args.scheduler or args.memory_budget:
        raise UsageError("--scheduler and --memory-budget need --engine dask.")
    from .._registry import make_sampler

    check_output(args.output, args.input)
    table, X, y = read_labelled_table(args.input, args.target, args.encoding)
    indicator = args.indicator_column
    if indicator is not None and indicator in table.columns:
        raise UsageError(
            f"--indicator-column {indicator!r} is already a column of {args.input}; choose "
            "another name."
        )
    params = {
        "random_state": args.random_state,
        "sampling_strategy": parse_strategy(args.sampling_strategy, y.unique().tolist()),
    }
    if args.k_neighbors is not None:
        params["k_neighbors"] = args.k_neighbors
    sampler = make_sampler(args.sampler, **params)
    X_res, y_res = sampler.fit_resample(X, y)
    result = X_res.assign(**{args.target: y_res})[list(table.columns)]
    if indicator is not None:
        result = result.assign(**{indicator: sampler.synthetic_mask_})
    write_table(result, args.output)
    before = class_counts(y)
    print_counts(before, class_counts(y_res, before))
    change = len(result) - len(table)
    what = f"{change} synthetic" if change >= 0 else f"{-change} removed"
    print(f"wrote {args.output}: {len(result)} rows ({what}); seed {args.random_state}")


def _run_dask(args) -> None:
    """``--engine dask``: resample a Parquet dataset into a new directory of Parquet files."""
    from .. import _registry
    from .._dask import _parquet

    k_neighbors = 5 if args.k_neighbors is None else args.k_neighbors  # SMOTE's default

    def make_sampler(labels):
        return _registry.make_sampler(
            args.sampler,
            random_state=args.random_state,
            k_neighbors=k_neighbors,
            sampling_strategy=parse_strategy(args.sampling_strategy, labels),
        )

    # Only LABEL:COUNT needs the labels (to type them); the others are parsed without.
    needs_labels = ":" in args.sampling_strategy
    try:
        before, after, n_rows = _parquet.resample_parquet(
            args.input,
            args.output,
            args.target,
            None if needs_labels else make_sampler(()),
            scheduler=args.scheduler,
            memory_budget=args.memory_budget,
            progress=True,
            make_sampler=make_sampler if needs_labels else None,
        )
    except _parquet.PathError as error:
        raise UsageError(str(error)) from None
    print_counts(before, after)
    n_before = sum(before.values())
    print(f"wrote {args.output}: {n_rows} rows ({n_rows - n_before} synthetic), Parquet files")
