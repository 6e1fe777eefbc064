"""Tables with categorical columns, for SMOTENC and SMOTEN.

``unpack_mixed`` hands the core the continuous columns as numbers and each categorical
column as integer codes, and :meth:`MixedFeatures.with_synthetic` rebuilds the caller's
container with every column in its own dtype (categories, strings, booleans, integers).
Missing values in a categorical column are a category of their own; nothing is one-hot
encoded here. What depends on the kind of container is asked of its adapter.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_finite, describe
from ._common import CATEGORICAL_PARAMETER as PARAMETER
from ._common import check_shape
from ._dispatch import array_like, container_of_X
from ._features import MixedFeatures

FORMS = "'auto', a list of column indices or names, or a boolean mask"


def unpack_mixed(X, categorical_features, sampler: str) -> MixedFeatures:
    """Split X into continuous numbers and categorical codes; raise a clear error otherwise.

    ``categorical_features`` is ``"auto"`` (pandas category, object, string and bool
    columns; polars categorical, enum, string and boolean columns; columns of an object
    array holding anything but numbers), column indices, column names, or a boolean mask.
    ``"all"`` takes every column (SMOTEN).
    """
    X = array_like(X)
    container = container_of_X(X)
    table, columns = container.table(X, sampler)
    check_shape(table.shape)
    n_columns = table.shape[1]
    if isinstance(categorical_features, str) and categorical_features == "all":
        categorical = np.arange(n_columns)
    else:
        auto = container.auto_categorical
        categorical = _resolve(categorical_features, auto, table, columns, sampler)
    continuous = np.setdiff1d(np.arange(n_columns), categorical).astype(np.intp)
    values, rounded, dtype = container.continuous(table, columns, continuous)
    names = [columns[j] for j in continuous] if columns is not None else list(continuous)
    check_finite(values, names)
    codes = np.empty((table.shape[0], categorical.size), dtype=np.int64)
    categories = []
    for j, column in enumerate(categorical):
        codes[:, j], uniques = container.categorical_column(table, column)
        categories.append(uniques)
    return MixedFeatures(
        values,
        container,
        X,
        dtype,
        rounded,
        columns=columns,
        categorical=categorical,
        continuous=continuous,
        codes=codes,
        categories=categories,
    )


def _resolve(spec, auto_categorical, table, columns, sampler: str) -> np.ndarray:
    n_columns = table.shape[1]
    if isinstance(spec, str):
        if spec != "auto":
            raise ValueError(f"{PARAMETER} must be {FORMS}; got {spec!r}.")
        found = np.flatnonzero(auto_categorical(table))
        if found.size == 0:
            raise ValueError(
                f"{PARAMETER}='auto' found no categorical column in X: it takes pandas "
                "category, object, string and bool columns, polars categorical, enum, string "
                "and boolean columns, and object-array columns holding non-numbers. Pass the "
                "categorical columns' indices or names instead."
            )
        return found
    if isinstance(spec, numbers.Number) or not hasattr(spec, "__iter__"):
        raise ValueError(f"{PARAMETER} must be {FORMS}; got {describe(spec)}.")
    items = list(spec)
    if items and all(isinstance(v, bool | np.bool_) for v in items):
        if len(items) != n_columns:
            raise ValueError(
                f"{PARAMETER} as a boolean mask must have one entry per column of X "
                f"({n_columns}); got {len(items)}."
            )
        found = np.flatnonzero(items)
    elif all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in items):
        bad = [v for v in items if not -n_columns <= v < n_columns]
        if bad:
            raise ValueError(
                f"{PARAMETER} has column indices {describe(bad)} out of range for X's "
                f"{n_columns} columns (allowed: 0 to {n_columns - 1}, or negative from the end)."
            )
        found = np.asarray([v % n_columns for v in items], dtype=np.intp)
    elif all(isinstance(v, str) for v in items):
        if columns is None:
            raise ValueError(
                f"{PARAMETER} names columns ({describe(items)}), but X has no column names; "
                "use column indices, or pass a DataFrame."
            )
        unknown = [v for v in items if v not in columns]
        if unknown:
            raise ValueError(
                f"{PARAMETER} names columns {describe(unknown)} that are not in X; its columns "
                f"are {describe(columns)}."
            )
        found = np.asarray([columns.index(v) for v in items], dtype=np.intp)
    else:
        raise ValueError(f"{PARAMETER} must be {FORMS}; got {describe(spec)}.")
    found = np.unique(found)
    if found.size == 0:
        raise ValueError(
            f"{PARAMETER} selects no column; {sampler} needs at least one categorical column "
            "(use SMOTE for all-numeric data)."
        )
    if found.size == n_columns:
        raise ValueError(
            f"{PARAMETER} selects all {n_columns} columns; {sampler} needs at least one "
            "continuous column. Use SMOTEN for all-categorical data."
        )
    return found
