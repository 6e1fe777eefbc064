"""Tables with categorical columns, for SMOTENC and SMOTEN.

An extension of :mod:`smotekit._containers` (the two are the only modules that know
pandas, polars and object arrays): ``unpack_mixed`` hands the core the continuous columns
as numbers and each categorical column as integer codes, and
:meth:`MixedFeatures.with_synthetic` rebuilds the caller's container with every column in
its own dtype (categories, strings, booleans, integers). Missing values in a categorical
column are a category of their own; nothing is one-hot encoded here.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ._containers import (
    Features,
    _check_shape,
    _compute_dtype,
    _is_pandas,
    _is_polars,
    _module,
    new_index_labels,
)
from ._validation import check_finite, describe

PARAMETER = "categorical_features"
FORMS = "'auto', a list of column indices or names, or a boolean mask"


@dataclass
class MixedFeatures(Features):
    """``values``: the continuous columns (n x d_cont numbers); ``codes``: the categorical
    columns (n x d_cat int64); ``categories[j]``: what code ``c`` of categorical column ``j``
    stands for (object array; a category dtype's own categories come first)."""

    categorical: np.ndarray | None = None
    continuous: np.ndarray | None = None
    codes: np.ndarray | None = None
    categories: list | None = None

    @property
    def n_features(self) -> int:
        return len(self.categorical) + len(self.continuous)

    def synthetic_buffer(self, n_new: int) -> np.ndarray:
        return np.empty((n_new, len(self.continuous)), dtype=self.dtype)

    def with_synthetic(self, synthetic, codes=None):
        """The caller's container: original rows, then rows of ``synthetic`` numbers and
        ``codes`` (n_new x d_cat) decoded to categories."""
        if self.kind == "pandas":
            return self._pandas_with(synthetic, codes)
        if self.kind == "polars":
            return self._polars_with(synthetic, codes)
        return self._numpy_with(synthetic, codes)

    def _decoded(self, j: int, codes) -> np.ndarray:
        return self.categories[j][codes[:, j]]

    def _numpy_with(self, synthetic, codes):
        source = np.asarray(self.source) if self.kind == "numpy" else self._array
        n, m = source.shape[0], synthetic.shape[0]
        numeric = source.dtype.kind in "biuf"
        out = np.empty((n + m, source.shape[1]), dtype=source.dtype if numeric else object)
        out[:n] = source
        for i, column in enumerate(self.continuous):
            values = synthetic[:, i]
            if not numeric:  # object arrays hold Python numbers, ints where the column had
                values = (values.astype(np.int64) if self.rounded[i] else values).tolist()
            out[n:, column] = values
        for j, column in enumerate(self.categorical):
            out[n:, column] = self._decoded(j, codes)
        if self.kind == "list":
            return out.tolist()
        return out if numeric or source.dtype == object else out.astype(source.dtype.kind)

    def _pandas_with(self, synthetic, codes):
        pd = _module("pandas")
        df = self.source
        index = new_index_labels(df.index, synthetic.shape[0])
        parts = [None] * df.shape[1]
        for i, column in enumerate(self.continuous):
            dtype = df.dtypes.iloc[column]
            parts[column] = pd.Series(synthetic[:, i], index=index).astype(dtype)
        for j, column in enumerate(self.categorical):
            dtype = df.dtypes.iloc[column]
            if isinstance(dtype, pd.CategoricalDtype):
                own = np.where(codes[:, j] < len(dtype.categories), codes[:, j], -1)
                values = pd.Categorical.from_codes(own, dtype=dtype)
                parts[column] = pd.Series(values, index=index)
            else:
                parts[column] = pd.Series(self._decoded(j, codes), index=index).astype(dtype)
        extra = pd.concat(parts, axis=1, ignore_index=True)
        extra.columns = df.columns
        return pd.concat([df, extra])

    def _polars_with(self, synthetic, codes):
        pl = _module("polars")
        df = self.source
        schema = list(df.schema.items())
        parts = [None] * df.shape[1]
        for i, column in enumerate(self.continuous):
            name, dtype = schema[column]
            parts[column] = pl.Series(name, synthetic[:, i]).cast(dtype)
        for j, column in enumerate(self.categorical):
            name, dtype = schema[column]
            parts[column] = pl.Series(name, self._decoded(j, codes).tolist(), dtype=dtype)
        return pl.concat([df, pl.DataFrame(parts)])

    @property
    def _array(self) -> np.ndarray:
        return _as_array(self.source)


def _as_array(X) -> np.ndarray:
    values = np.asarray(X)
    return values.astype(object) if values.dtype.kind in "US" else values


def unpack_mixed(X, categorical_features, sampler: str) -> MixedFeatures:
    """Split X into continuous numbers and categorical codes; raise a clear error otherwise.

    ``categorical_features`` is ``"auto"`` (pandas category, object, string and bool
    columns; polars categorical, enum, string and boolean columns; columns of an object
    array holding anything but numbers), column indices, column names, or a boolean mask.
    ``"all"`` takes every column (SMOTEN).
    """
    import scipy.sparse as sp

    if sp.issparse(X):
        raise ValueError(
            f"{sampler} reads categories, so X must be dense; got a sparse matrix. Use a "
            "DataFrame or X.toarray()."
        )
    if _is_pandas(X, "Series") or _is_polars(X, "Series"):
        raise ValueError(
            "X must be 2-D (rows x features); got a Series. Use X.to_frame() for one feature."
        )
    if _is_pandas(X, "DataFrame"):
        kind, table, columns = "pandas", X, list(X.columns)
    elif _is_polars(X, "DataFrame"):
        kind, table, columns = "polars", X, list(X.columns)
    else:
        kind, columns = ("numpy" if isinstance(X, np.ndarray) else "list"), None
        table = _as_array(X)
        if table.ndim != 2:
            raise ValueError(
                f"X must be 2-D (rows x features); got an array of shape {table.shape}. "
                "Use X.reshape(-1, 1) for a single feature."
            )
    _check_shape(table.shape)
    n_columns = table.shape[1]
    if isinstance(categorical_features, str) and categorical_features == "all":
        categorical = np.arange(n_columns)
    else:
        categorical = _resolve(categorical_features, kind, table, columns, sampler)
    continuous = np.setdiff1d(np.arange(n_columns), categorical).astype(np.intp)
    values, rounded, dtype = _continuous(kind, table, columns, continuous)
    names = [columns[j] for j in continuous] if columns is not None else list(continuous)
    check_finite(values, names)
    codes, categories = _codes(kind, table, categorical)
    return MixedFeatures(
        values,
        kind,
        X,
        dtype,
        rounded,
        columns=columns,
        categorical=categorical,
        continuous=continuous,
        codes=codes,
        categories=categories,
    )


def _resolve(spec, kind: str, table, columns, sampler: str) -> np.ndarray:
    n_columns = table.shape[1]
    if isinstance(spec, str):
        if spec != "auto":
            raise ValueError(f"{PARAMETER} must be {FORMS}; got {spec!r}.")
        found = np.flatnonzero(_auto_mask(kind, table))
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


def _auto_mask(kind: str, table) -> np.ndarray:
    if kind == "pandas":
        api = _module("pandas").api.types
        return np.array(
            [
                isinstance(dt, _module("pandas").CategoricalDtype)
                or api.is_object_dtype(dt)
                or api.is_bool_dtype(dt)
                or api.is_string_dtype(dt)
                for dt in table.dtypes
            ]
        )
    if kind == "polars":
        pl = _module("polars")
        return np.array(
            [
                isinstance(dt, pl.Categorical | pl.Enum) or dt in (pl.String, pl.Boolean)
                for dt in table.schema.values()
            ]
        )
    if table.dtype.kind == "b":
        return np.ones(table.shape[1], dtype=bool)
    if table.dtype.kind != "O":
        return np.zeros(table.shape[1], dtype=bool)
    return np.array([not all(map(_is_number, column)) for column in table.T])


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _not_numeric(name, dtype) -> ValueError:
    return ValueError(
        f"column {name!r} ({dtype}) is not numeric, so it cannot be interpolated; add it to "
        f"{PARAMETER}."
    )


def _continuous(kind: str, table, columns, continuous: np.ndarray):
    """(values, rounded, compute dtype) of the continuous columns."""
    if kind == "pandas":
        api = _module("pandas").api.types
        dtypes = [table.dtypes.iloc[j] for j in continuous]
        for j, dt in zip(continuous, dtypes, strict=True):
            if not (api.is_numeric_dtype(dt) or api.is_bool_dtype(dt)) or api.is_complex_dtype(dt):
                raise _not_numeric(columns[j], dt)
        numpy_dtypes = [np.dtype(getattr(dt, "numpy_dtype", dt)) for dt in dtypes]
        dtype = _compute_dtype(numpy_dtypes) if dtypes else np.dtype(np.float64)
        values = table.iloc[:, continuous].to_numpy(dtype=dtype, na_value=np.nan)
        return values, np.array([d.kind in "biu" for d in numpy_dtypes], dtype=bool), dtype
    if kind == "polars":
        pl = _module("polars")
        dtypes = [table.schema[columns[j]] for j in continuous]
        for j, dt in zip(continuous, dtypes, strict=True):
            if not (dt.is_numeric() or dt == pl.Boolean):
                raise _not_numeric(columns[j], dt)
        narrow = bool(dtypes) and all(dt == pl.Float32 for dt in dtypes)
        dtype = np.dtype(np.float32 if narrow else np.float64)
        names = [columns[j] for j in continuous]
        values = table.select(names).cast(pl.Float32 if narrow else pl.Float64).to_numpy()
        values = values.astype(dtype, copy=False).reshape(table.shape[0], len(names))
        rounded = np.array([dt.is_integer() or dt == pl.Boolean for dt in dtypes], dtype=bool)
        return values, rounded, dtype
    part = table[:, continuous]
    if table.dtype.kind in "biuf":
        dtype = _compute_dtype([table.dtype])
        rounded = np.full(continuous.size, table.dtype.kind in "biu")
        return part.astype(dtype), rounded, dtype
    rounded = np.zeros(continuous.size, dtype=bool)
    for i, j in enumerate(continuous):
        if not all(map(_is_number, part[:, i])):
            raise _not_numeric(int(j), "values such as " + describe(part[0, i]))
        rounded[i] = all(isinstance(v, numbers.Integral) for v in part[:, i])
    return part.astype(np.float64), rounded, np.dtype(np.float64)


def _codes(kind: str, table, categorical: np.ndarray):
    """(n x d_cat int64 codes, per column the object array of what each code stands for)."""
    import pandas as pd

    codes = np.empty((table.shape[0], categorical.size), dtype=np.int64)
    categories = []
    for j, column in enumerate(categorical):
        if kind == "pandas":
            series = table.iloc[:, column]
            if isinstance(series.dtype, pd.CategoricalDtype):
                own = np.asarray(series.dtype.categories, dtype=object)
                code = series.cat.codes.to_numpy().astype(np.int64)
                code[code < 0] = own.size  # a missing value is one more category
                codes[:, j] = code
                categories.append(np.append(own, np.array([np.nan], dtype=object)))
                continue
            values = series.to_numpy(dtype=object)
        elif kind == "polars":
            values = table.to_series(int(column)).to_numpy().astype(object)
        else:
            values = table[:, column]
        code, uniques = pd.factorize(values, use_na_sentinel=False)
        codes[:, j] = code
        categories.append(np.asarray(uniques, dtype=object))
    return codes, categories
