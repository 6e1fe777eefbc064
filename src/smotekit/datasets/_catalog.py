"""The catalogue of the bundled real datasets: ``catalog.csv``, shipped with the package.

One row per dataset with the fields of :class:`DatasetInfo` (but ``feature_types``), so listing
the datasets reads no data file. :func:`write_catalog` regenerates it from the data files and
tests/test_datasets.py checks it against them.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

from ._info import DatasetInfo

CATALOG_FILE = "catalog.csv"
FIELDS = [f for f in DatasetInfo.__dataclass_fields__ if f != "feature_types"]


@functools.lru_cache(maxsize=1)
def _catalog_text() -> str:
    return resources.files(__package__).joinpath(CATALOG_FILE).read_text(encoding="utf-8")


def read_catalog() -> dict[str, dict]:
    """``{name: {field: value}}`` from ``catalog.csv``, values typed as in DatasetInfo."""
    types = {name: DatasetInfo.__dataclass_fields__[name].type for name in FIELDS}
    parse = {"int": int, "float": float, "str": str, "bool": lambda text: text == "True"}
    out = {}
    for row in csv.DictReader(io.StringIO(_catalog_text())):
        name = row.pop("name")
        out[name] = {key: parse[types[key]](value) for key, value in row.items()}
    return out


def dataset_names(subset: str = "all") -> list[str]:
    """Names of the bundled real datasets, sorted.

    Parameters
    ----------
    subset : {"all", "study"}, default="all"
        ``"all"``: the 110 datasets; ``"study"``: the 104 that Kovacs (2019) used to compare
        SMOTE variants (see :class:`DatasetInfo`).

    Examples
    --------
    >>> from smotekit.datasets import dataset_names
    >>> len(dataset_names()), len(dataset_names("study"))
    (110, 104)
    """
    catalog = read_catalog()
    if subset == "all":
        return sorted(catalog)
    if subset == "study":
        return sorted(name for name, row in catalog.items() if row["in_study"])
    raise ValueError(f"subset must be 'all' or 'study'; got {subset!r}.")


def list_datasets(subset: str = "all"):
    """A table of the bundled real datasets: one row per dataset, the fields of
    :class:`DatasetInfo` as columns (without ``feature_types``).

    Instant: it reads a catalogue, not the data files.

    Examples
    --------
    >>> from smotekit.datasets import list_datasets
    >>> table = list_datasets()
    >>> table.loc["ecoli1", ["n_rows", "n_minority"]].tolist()
    [336, 77]
    """
    import pandas as pd

    catalog = read_catalog()
    rows = [{"name": name, **catalog[name]} for name in dataset_names(subset)]
    return pd.DataFrame(rows, columns=FIELDS).set_index("name")


def write_catalog(path) -> None:
    """Write the catalogue of every bundled dataset, computed from its data file, to ``path``.

    ``path`` is ``src/smotekit/datasets/catalog.csv`` when the data files change.
    """
    from ._files import NAMES
    from ._load import load_dataset

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for name in NAMES:
        entry = load_dataset(name).info.as_dict(feature_types=False)
        writer.writerow([entry[key] for key in FIELDS])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())
