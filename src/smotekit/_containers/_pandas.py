"""pandas DataFrames (X) and Series (y): dtypes, column names and index labels kept.

Only used once the caller has imported pandas (see ``_dispatch``); appended rows get new
index labels from :func:`new_index_labels`.
"""

from __future__ import annotations

import numpy as np

from ._common import (
    check_shape,
    compute_dtype,
    factorize,
    fit_column,
    is_number,
    module,
    non_numeric_columns_error,
    not_numeric,
)
from ._container import FrameContainer
from ._features import Features, Labels


def new_index_labels(index, n_new: int):
    """Unique labels for ``n_new`` appended rows: integers after the largest (or before the
    smallest, when the index's dtype has no room after it), else strings."""
    import pandas as pd

    if n_new == 0:
        return index[:0]
    if not isinstance(index, pd.MultiIndex) and pd.api.types.is_integer_dtype(index.dtype):
        top = np.iinfo(np.dtype(getattr(index.dtype, "numpy_dtype", index.dtype))).max
        bottom = np.iinfo(np.dtype(getattr(index.dtype, "numpy_dtype", index.dtype))).min
        start = int(index.max()) + 1 if len(index) else 0
        if start + n_new - 1 <= top:
            return pd.RangeIndex(start, start + n_new, name=index.name)
        # No room after the largest label (it is near the dtype's maximum): before the
        # smallest, if there is room there; otherwise string labels, as for other indexes.
        end = int(index.min())
        if end - n_new >= bottom:
            return pd.Index(np.arange(end - n_new, end), dtype=index.dtype, name=index.name)
    # Synthetic labels go in the first level of a MultiIndex, so only that level can collide.
    taken = set(index.get_level_values(0) if isinstance(index, pd.MultiIndex) else index)
    prefix = "synthetic-"
    while any(f"{prefix}{i}" in taken for i in range(n_new)):
        prefix = "_" + prefix
    labels = [f"{prefix}{i}" for i in range(n_new)]
    if isinstance(index, pd.MultiIndex):
        padding = ("",) * (index.nlevels - 1)
        return pd.MultiIndex.from_tuples([(label, *padding) for label in labels], names=index.names)
    return pd.Index(labels, name=index.name)


def _take(source, rows: np.ndarray, fresh_from):
    """A frame or series at row positions ``rows``; rows from ``fresh_from`` on get new
    index labels."""
    picked = source.iloc[rows]
    if fresh_from is None or fresh_from >= len(rows):
        return picked
    fresh = picked.iloc[fresh_from:]
    fresh = fresh.set_axis(new_index_labels(source.index, len(fresh)), axis=0)
    return module("pandas").concat([picked.iloc[:fresh_from], fresh])


def _numpy_dtype(dt) -> np.dtype:
    """The numpy dtype a column computes in: a nullable dtype's ``numpy_dtype``, a sparse
    column's ``subtype``."""
    if isinstance(dt, module("pandas").SparseDtype):
        return np.dtype(dt.subtype)
    return np.dtype(getattr(dt, "numpy_dtype", dt))


def _numeric_columns(frame):
    """``frame`` with object columns that hold only numbers converted to numbers (as
    imbalanced-learn reads them), and the positions of the columns that are not numeric."""
    pd = module("pandas")
    api = pd.api.types
    bad, converted = [], {}
    for position, dt in enumerate(frame.dtypes):
        if api.is_object_dtype(dt):
            column = frame.iloc[:, position]
            if column.map(is_number).all():
                converted[position] = pd.to_numeric(column)
                continue
        if not (api.is_bool_dtype(dt) or api.is_numeric_dtype(dt)) or api.is_complex_dtype(dt):
            bad.append(position)
    if converted:
        frame = frame.copy(deep=False)
        for position, column in converted.items():
            frame.isetitem(position, column)
    return frame, bad


class PandasFrame(FrameContainer):
    """A pandas DataFrame X or Series y."""

    def unpack(self, X) -> Features:
        numeric, bad = _numeric_columns(X)
        if bad:
            raise non_numeric_columns_error([X.columns[j] for j in bad], X.dtypes)
        check_shape(X.shape)
        numpy_dtypes = [_numpy_dtype(dt) for dt in numeric.dtypes]
        dtype = compute_dtype(numpy_dtypes)
        values = numeric.to_numpy(dtype=dtype, na_value=np.nan)
        rounded = np.array([np.dtype(d).kind in "biu" for d in numpy_dtypes], dtype=bool)
        return Features(values, self, X, dtype, rounded, columns=list(X.columns))

    def with_synthetic(self, features: Features, synthetic):
        import pandas as pd

        df = features.source
        index = new_index_labels(df.index, synthetic.shape[0])
        dtypes = list(df.dtypes)
        if all(dt == dtypes[0] for dt in dtypes):
            values = fit_column(synthetic, dtypes[0])
            extra = pd.DataFrame(values, index=index, columns=df.columns).astype(dtypes[0])
        else:
            parts = [
                pd.Series(fit_column(synthetic[:, j], dt), index=index).astype(dt)
                for j, dt in enumerate(dtypes)
            ]
            extra = pd.concat(parts, axis=1)
            extra.columns = df.columns
        return pd.concat([df, extra])

    def take(self, features: Features, rows, fresh_from):
        return _take(features.source, rows, fresh_from)

    def auto_categorical(self, table) -> np.ndarray:
        pd = module("pandas")
        api = pd.api.types
        return np.array(
            [
                isinstance(dt, pd.CategoricalDtype)
                or api.is_object_dtype(dt)
                or api.is_bool_dtype(dt)
                or api.is_string_dtype(dt)
                for dt in table.dtypes
            ]
        )

    def continuous(self, table, columns, positions):
        numeric, bad = _numeric_columns(table.iloc[:, positions])
        if bad:
            j = positions[bad[0]]
            raise not_numeric(columns[j], table.dtypes.iloc[j])
        numpy_dtypes = [_numpy_dtype(dt) for dt in numeric.dtypes]
        dtype = compute_dtype(numpy_dtypes) if numpy_dtypes else np.dtype(np.float64)
        values = numeric.to_numpy(dtype=dtype, na_value=np.nan)
        return values, np.array([d.kind in "biu" for d in numpy_dtypes], dtype=bool), dtype

    def categorical_column(self, table, column):
        series = table.iloc[:, column]
        if isinstance(series.dtype, module("pandas").CategoricalDtype):
            own = np.asarray(series.dtype.categories, dtype=object)
            code = series.cat.codes.to_numpy().astype(np.int64)
            code[code < 0] = own.size  # a missing value is one more category
            return code, np.append(own, np.array([np.nan], dtype=object))
        return factorize(series.to_numpy(dtype=object))

    def with_categorical(self, features, synthetic, codes):
        pd = module("pandas")
        df = features.source
        index = new_index_labels(df.index, synthetic.shape[0])
        parts = [None] * df.shape[1]
        for i, column in enumerate(features.continuous):
            dtype = df.dtypes.iloc[column]
            parts[column] = pd.Series(fit_column(synthetic[:, i], dtype), index=index).astype(dtype)
        for j, column in enumerate(features.categorical):
            dtype = df.dtypes.iloc[column]
            if isinstance(dtype, pd.CategoricalDtype):
                own = np.where(codes[:, j] < len(dtype.categories), codes[:, j], -1)
                values = pd.Categorical.from_codes(own, dtype=dtype)
                parts[column] = pd.Series(values, index=index)
            else:
                parts[column] = pd.Series(features.decoded(j, codes), index=index).astype(dtype)
        extra = pd.concat(parts, axis=1, ignore_index=True)
        extra.columns = df.columns
        return pd.concat([df, extra])

    def unpack_y(self, y) -> Labels:
        return Labels(np.asarray(y), self, y)

    def labels_with(self, labels, new):
        pd = module("pandas")
        y = labels.source
        index = new_index_labels(y.index, len(new))
        extra = pd.Series(new, index=index, dtype=y.dtype, name=y.name)
        return pd.concat([y, extra]) if len(new) else y.copy()

    def labels_take(self, labels, rows, fresh_from):
        return _take(labels.source, rows, fresh_from)
