"""``smotekit datasets``: list the bundled real datasets, or describe one."""

from __future__ import annotations

import sys

from ._errors import DataError


def add_parser(commands) -> None:
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


def run(args) -> None:
    from ..datasets import list_datasets

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
    from ..datasets import load_dataset

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
