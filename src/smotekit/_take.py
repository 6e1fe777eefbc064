"""Rows by position, in the caller's container (a leaf: numpy only, others if loaded).

``evaluate`` splits folds and ``make_imbalance`` keeps rows with these; they work on any
container a user may pass (numpy, scipy sparse, pandas, polars, lists) without importing a
library the caller did not load.
"""

from __future__ import annotations

import sys

import numpy as np


def take_rows(data, rows):
    """``data`` restricted to the positions ``rows``, in the same container.

    Examples
    --------
    >>> take_rows([[1, 2], [3, 4], [5, 6]], [2, 0])
    [[5, 6], [1, 2]]
    >>> take_rows(np.arange(5), [1, 3])
    array([1, 3])
    """
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


def as_labels(y) -> np.ndarray:
    """``y`` (array-like, pandas or polars Series) as a numpy array."""
    if hasattr(y, "to_numpy"):
        return y.to_numpy()
    return np.asarray(y)


def n_rows(X) -> int:
    """Rows of ``X``: its first dimension, or its length."""
    return int(X.shape[0]) if hasattr(X, "shape") else len(X)
