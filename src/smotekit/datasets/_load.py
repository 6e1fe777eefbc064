"""Loading a bundled real dataset: its file read, its target binarised, its info computed."""

from __future__ import annotations

from ._info import STUDY_MAX_ENCODED, STUDY_MAX_ROWS, Dataset, DatasetInfo


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
    from . import _files

    canonical = _resolve_name(name)
    raw = _files.read(canonical)
    return _build(canonical, raw)


def _key(name: str) -> str:
    # Separators vary between sources (abalone9-18, load_abalone9_18): ignore them.
    return "".join(ch for ch in str(name).lower() if ch not in "-_ ")


def _resolve_name(name) -> str:
    from ._files import NAMES

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
