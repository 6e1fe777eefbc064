"""polars DataFrames (X) and Series (y): dtypes and column names kept.

Only used once the caller has imported polars (see ``_dispatch``).
"""

from __future__ import annotations

import numpy as np

from ._common import (
    check_shape,
    factorize,
    fit_column,
    module,
    non_numeric_columns_error,
    not_numeric,
)
from ._container import FrameContainer
from ._features import Features, Labels


class PolarsFrame(FrameContainer):
    """A polars DataFrame X or Series y."""

    def unpack(self, X) -> Features:
        import polars as pl

        schema = X.schema
        bad = [c for c, dt in schema.items() if not (dt.is_numeric() or dt == pl.Boolean)]
        if bad:
            raise non_numeric_columns_error(bad, schema)
        check_shape(X.shape)
        narrow = all(dt in (pl.Float32,) for dt in schema.values())
        dtype = np.dtype(np.float32 if narrow else np.float64)
        target = pl.Float32 if narrow else pl.Float64
        values = X.select(pl.all().cast(target)).to_numpy()
        if values.dtype != dtype:
            values = values.astype(dtype)
        rounded = np.array([dt.is_integer() or dt == pl.Boolean for dt in schema.values()])
        return Features(values, self, X, dtype, rounded, columns=list(X.columns))

    def with_synthetic(self, features: Features, synthetic):
        pl = module("polars")
        df = features.source
        schema = dict(df.schema)
        extra = pl.DataFrame(
            {name: fit_column(synthetic[:, j], schema[name]) for j, name in enumerate(df.columns)}
        ).cast(schema)
        return pl.concat([df, extra])

    def take(self, features: Features, rows, fresh_from):
        return features.source[rows]

    def auto_categorical(self, table) -> np.ndarray:
        pl = module("polars")
        return np.array(
            [
                isinstance(dt, pl.Categorical | pl.Enum) or dt in (pl.String, pl.Boolean)
                for dt in table.schema.values()
            ]
        )

    def continuous(self, table, columns, positions):
        pl = module("polars")
        dtypes = [table.schema[columns[j]] for j in positions]
        for j, dt in zip(positions, dtypes, strict=True):
            if not (dt.is_numeric() or dt == pl.Boolean):
                raise not_numeric(columns[j], dt)
        narrow = bool(dtypes) and all(dt == pl.Float32 for dt in dtypes)
        dtype = np.dtype(np.float32 if narrow else np.float64)
        names = [columns[j] for j in positions]
        values = table.select(names).cast(pl.Float32 if narrow else pl.Float64).to_numpy()
        values = values.astype(dtype, copy=False).reshape(table.shape[0], len(names))
        rounded = np.array([dt.is_integer() or dt == pl.Boolean for dt in dtypes], dtype=bool)
        return values, rounded, dtype

    def categorical_column(self, table, column):
        return factorize(table.to_series(int(column)).to_numpy().astype(object))

    def with_categorical(self, features, synthetic, codes):
        pl = module("polars")
        df = features.source
        schema = list(df.schema.items())
        parts = [None] * df.shape[1]
        for i, column in enumerate(features.continuous):
            name, dtype = schema[column]
            parts[column] = pl.Series(name, fit_column(synthetic[:, i], dtype)).cast(dtype)
        for j, column in enumerate(features.categorical):
            name, dtype = schema[column]
            parts[column] = pl.Series(name, features.decoded(j, codes).tolist(), dtype=dtype)
        return pl.concat([df, pl.DataFrame(parts)])

    def unpack_y(self, y) -> Labels:
        return Labels(y.to_numpy(), self, y)

    def labels_with(self, labels, new):
        pl = module("polars")
        y = labels.source
        return pl.concat([y, pl.Series(y.name, new, dtype=y.dtype)])

    def labels_take(self, labels, rows, fresh_from):
        return labels.source[rows]
