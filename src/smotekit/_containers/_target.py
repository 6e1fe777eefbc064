"""y given as a 2-D table: one column of labels, or a one-hot (label-binarized) matrix.

imbalanced-learn accepts both and gives back the same shape; so do we. The core always
sees 1-D labels: a column is read as its only column, a one-hot matrix as the position of
each row's 1 (its class). :class:`Labels`'s ``rebuild`` turns the 1-D result back into
the caller's shape and container.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from ._common import is_instance
from ._features import Labels

MULTILABEL = (
    "y has more than one 1 in row {row}: multilabel and multioutput targets are not "
    "supported. A 2-D y must be one column of labels or a one-hot (label-binarized) "
    "matrix with exactly one 1 per row."
)


def _to_frame(series, name):
    return series.to_frame(name)


def _as_column(out, as_list: bool):
    column = np.asarray(out).reshape(-1, 1)
    return column.tolist() if as_list else column


def _one_hot(out, n_columns: int, dtype, as_list: bool):
    codes = np.asarray(out, dtype=np.intp)
    table = np.zeros((codes.size, n_columns), dtype=dtype)
    table[np.arange(codes.size), codes] = 1
    return table.tolist() if as_list else table


def unpack_table_y(y, adapter_of):
    """Labels for a 2-D y (DataFrame, array or list of rows); None when y is not 2-D.

    ``adapter_of(y)`` picks the adapter of a 1-D y (``_dispatch.container_of_y``).
    """
    if is_instance(y, "pandas", "DataFrame") or is_instance(y, "polars", "DataFrame"):
        if y.shape[1] != 1:
            raise ValueError(
                f"y as a DataFrame must have one column of labels; got {y.shape[1]} columns."
            )
        column = y.iloc[:, 0] if is_instance(y, "pandas", "DataFrame") else y.to_series(0)
        labels = adapter_of(column).unpack_y(column)
        labels.rebuild = partial(_to_frame, name=y.columns[0])
        return labels
    if not isinstance(y, np.ndarray | list | tuple):
        return None
    table = np.asarray(y)
    if table.ndim != 2:
        return None
    as_list = not isinstance(y, np.ndarray)
    if table.shape[1] == 1:
        labels = Labels(table[:, 0], adapter_of(table[:, 0]), table[:, 0])
        labels.rebuild = partial(_as_column, as_list=as_list)
        return labels
    if table.dtype.kind in "biuf" and np.isin(table, (0, 1)).all():
        ones = table.sum(axis=1)
        if (ones != 1).any():
            raise ValueError(MULTILABEL.format(row=int(np.flatnonzero(ones != 1)[0])))
        codes = table.argmax(axis=1)
        labels = Labels(codes, adapter_of(codes), codes)
        labels.rebuild = partial(
            _one_hot, n_columns=table.shape[1], dtype=table.dtype, as_list=as_list
        )
        return labels
    return None
