"""numpy arrays and Python lists of rows (lists are read as arrays and given back as lists)."""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import describe
from ._common import (
    SMOTENC_HINT,
    check_2d,
    check_shape,
    compute_dtype,
    factorize,
    fit_column,
    is_number,
    not_numeric,
)
from ._container import DenseContainer
from ._features import Features, Labels


def as_table(X) -> np.ndarray:
    """X as a 2-D array for the categorical unpacking: strings become Python objects."""
    values = np.asarray(X)
    return values.astype(object) if values.dtype.kind in "US" else values


class NumpyArray(DenseContainer):
    """A numpy array: synthetic rows are written straight into the final output."""

    def finish(self, out: np.ndarray):
        """The output in the caller's kind (an array: as it is)."""
        return out

    def rows_array(self, X) -> np.ndarray:
        """X as ``unpack_rows`` hands it on (the caller's own array: no copy)."""
        return X

    def categorical_source(self, X) -> np.ndarray:
        """The caller's X as the categorical rebuild copies it."""
        return np.asarray(X)

    def unpack(self, X) -> Features:
        values = np.asarray(X)
        check_2d(values)
        if values.dtype.kind == "O":
            try:
                values = values.astype(np.float64)
            except (TypeError, ValueError):
                raise ValueError(f"X has non-numeric values. {SMOTENC_HINT}") from None
        if values.dtype.kind not in "biuf":
            raise ValueError(f"X has dtype {values.dtype}, which is not numeric. {SMOTENC_HINT}")
        check_shape(values.shape)
        rounded = np.full(values.shape[1], values.dtype.kind in "biu")
        return Features(values, self, X, compute_dtype([values.dtype]), rounded)

    def unpack_rows(self, X) -> Features:
        values = self.rows_array(X)
        check_2d(values)
        check_shape(values.shape)
        return Features(values, self, X, values.dtype, np.zeros(values.shape[1], bool))

    def synthetic_buffer(self, features: Features, n_new: int) -> np.ndarray:
        # The final output: originals copied once, synthetic rows written into the tail.
        n, d = features.values.shape
        out = np.empty((n + n_new, d), dtype=features.values.dtype)
        out[:n] = features.values
        features._buffer = out
        return out[n:]

    def with_synthetic(self, features: Features, synthetic):
        return self.finish(features._buffer)

    def take(self, features: Features, rows, fresh_from):
        return features.source.take(rows, axis=0)

    def table(self, X, sampler: str):
        table = as_table(X)
        check_2d(table)
        return table, None

    def auto_categorical(self, table) -> np.ndarray:
        if table.dtype.kind == "b":
            return np.ones(table.shape[1], dtype=bool)
        if table.dtype.kind != "O":
            return np.zeros(table.shape[1], dtype=bool)
        return np.array([not all(map(is_number, column)) for column in table.T])

    def continuous(self, table, columns, positions):
        part = table[:, positions]
        if table.dtype.kind in "biuf":
            dtype = compute_dtype([table.dtype])
            rounded = np.full(positions.size, table.dtype.kind in "biu")
            return part.astype(dtype), rounded, dtype
        rounded = np.zeros(positions.size, dtype=bool)
        if positions.size == 0:  # every column is categorical (SMOTEN): nothing to convert
            return np.empty((table.shape[0], 0)), rounded, np.dtype(np.float64)
        for i, j in enumerate(positions):
            if not all(map(is_number, part[:, i])):
                raise not_numeric(int(j), "values such as " + describe(part[0, i]))
            rounded[i] = all(isinstance(v, numbers.Integral) for v in part[:, i])
        return part.astype(np.float64), rounded, np.dtype(np.float64)

    def categorical_column(self, table, column):
        return factorize(table[:, column])

    def with_categorical(self, features, synthetic, codes):
        source = self.categorical_source(features.source)
        n, m = source.shape[0], synthetic.shape[0]
        numeric = source.dtype.kind in "biuf"
        out = np.empty((n + m, source.shape[1]), dtype=source.dtype if numeric else object)
        out[:n] = source
        for i, column in enumerate(features.continuous):
            values = synthetic[:, i]
            if not numeric:  # object arrays hold Python numbers, ints where the column had
                values = (values.astype(np.int64) if features.rounded[i] else values).tolist()
            out[n:, column] = fit_column(values, out.dtype) if numeric else values
        for j, column in enumerate(features.categorical):
            out[n:, column] = features.decoded(j, codes)
        return self.finish_categorical(out, source)

    def finish_categorical(self, out: np.ndarray, source: np.ndarray):
        """The rebuilt table in the caller's exact dtype (object output back to strings,
        complex numbers, datetimes in their own unit...). The decoded values come from the
        column itself, so the cast loses nothing (a string is never longer than the
        column's width)."""
        if out.dtype == source.dtype or source.dtype == object:
            return out
        return out.astype(source.dtype)

    def unpack_y(self, y) -> Labels:
        return Labels(np.asarray(y), self, y)

    def labels_with(self, labels, new):
        out = np.concatenate([labels.values, np.asarray(new, dtype=labels.values.dtype)])
        return self.finish(out)

    def labels_take(self, labels, rows, fresh_from):
        return self.finish(labels.values[rows])


class PythonList(NumpyArray):
    """A list of rows (or of labels): read as an array, given back as a list."""

    def finish(self, out: np.ndarray):
        return out.tolist()

    def rows_array(self, X) -> np.ndarray:
        return np.asarray(X, dtype=object)

    def categorical_source(self, X) -> np.ndarray:
        return as_table(X)

    def finish_categorical(self, out: np.ndarray, source: np.ndarray):
        return out.tolist()

    def take(self, features: Features, rows, fresh_from):
        return [list(features.source[i]) for i in rows]
