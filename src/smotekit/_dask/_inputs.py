"""Check the dask collections X and y, and describe X's partitions for the tasks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _containers


@dataclass(frozen=True)
class Layout:
    """What tasks need to know about X's partitions (small: shipped with every task)."""

    x_frame: bool
    dtype: np.dtype  # what class rows are gathered and interpolated in
    rounded: np.ndarray
    columns: list | None
    feature_names: np.ndarray | None = None  # ``feature_names_in_``, as in-memory X gives it

    @property
    def n_features(self) -> int:
        return self.rounded.shape[0]


@dataclass
class Inputs:
    """The two collections, checked, and the layout of X."""

    X: object
    y: object
    y_series: bool
    layout: Layout

    @property
    def x_frame(self) -> bool:
        return self.layout.x_frame

    @property
    def n_features(self) -> int:
        return self.layout.n_features


def _kind(obj) -> str:
    module = type(obj).__module__.split(".")[0]
    return f"{module}.{type(obj).__name__}"


def check_inputs(X, y, numeric: bool = True) -> Inputs:
    """Check X and y are dask collections of supported kinds, split into the same row blocks.

    ``numeric=False`` is for samplers that only pick rows: X may then hold any dtypes.
    """
    import dask.array as da
    import dask.dataframe as dd

    if not (_containers.is_dask(X) and _containers.is_dask(y)):
        lazy, other = ("X", "y") if _containers.is_dask(X) else ("y", "X")
        raise TypeError(
            f"X and y must both be dask collections or neither: {lazy} is a dask collection "
            f"but {other} is {_kind(X if other == 'X' else y)}. Build both from one dask "
            "DataFrame (X = df.drop(columns=target), y = df[target]), or compute both."
        )
    if isinstance(X, dd.Series):
        raise ValueError(
            "X must be 2-D (rows x features); got a dask Series. Use X.to_frame() for one feature."
        )
    if isinstance(y, dd.DataFrame):
        raise ValueError(
            f"y must be 1-D; got a dask DataFrame with {len(y.columns)} columns. Pass one column "
            "(a Series)."
        )
    x_frame, y_series = isinstance(X, dd.DataFrame), isinstance(y, dd.Series)
    if not (x_frame or isinstance(X, da.Array)):
        raise TypeError(f"X must be a dask DataFrame or a 2-D dask Array; got {_kind(X)}.")
    if not (y_series or isinstance(y, da.Array)):
        raise TypeError(f"y must be a dask Series or a 1-D dask Array; got {_kind(y)}.")
    inputs = (_frame_inputs if x_frame else _array_inputs)(X, y, y_series, numeric)
    _check_aligned(inputs)
    return inputs


def _frame_inputs(X, y, y_series, numeric: bool) -> Inputs:
    from dask.dataframe.utils import meta_nonempty

    if len(X.columns) == 0:
        raise ValueError("X has 0 feature columns; SMOTE needs at least one.")
    # Dtypes are known without reading data: check them on a two-row stand-in.
    unpack = _containers.unpack_X if numeric else _containers.unpack_rows
    features = unpack(meta_nonempty(X._meta))
    layout = Layout(True, features.dtype, features.rounded, list(X.columns), features.feature_names)
    return Inputs(X, y, y_series, layout)


def _array_inputs(X, y, y_series, numeric: bool) -> Inputs:
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got a dask Array of shape {X.shape}. "
            "Use X.reshape(-1, 1) for a single feature."
        )
    if numeric and X.dtype.kind not in "biuf":
        raise ValueError(f"X has dtype {X.dtype}, which is not numeric. {_containers.SMOTENC_HINT}")
    if X.shape[1] == 0:
        raise ValueError("X has 0 feature columns; SMOTE needs at least one.")
    if X.numblocks[1] > 1:
        X = X.rechunk({1: -1})  # a partition is a block of whole rows
    if not y_series:
        if y.ndim != 1:
            raise ValueError(
                f"y must be a 1-D array of class labels; got a dask Array of shape {y.shape}."
            )
        known = not (np.isnan(X.shape[0]) or np.isnan(y.shape[0]))
        if known and X.chunks[0] != y.chunks[0] and X.shape[0] == y.shape[0]:
            y = y.rechunk({0: X.chunks[0]})
    rounded = np.full(X.shape[1], X.dtype.kind in "biu")
    return Inputs(X, y, y_series, Layout(False, np.dtype(X.dtype), rounded, None))


def _n_parts(collection) -> int:
    return collection.npartitions if hasattr(collection, "npartitions") else collection.numblocks[0]


def _check_aligned(inputs: Inputs) -> None:
    nx, ny = _n_parts(inputs.X), _n_parts(inputs.y)
    if nx != ny:
        raise ValueError(
            f"X and y must be split into the same row blocks (partitions): X has {nx}, y has "
            f"{ny}. Build both from one dask DataFrame (X = df.drop(columns=target), "
            "y = df[target]), or rechunk y to X's row chunks."
        )


def partitions(collection) -> list:
    parts = collection.to_delayed()
    return list(parts.ravel()) if isinstance(parts, np.ndarray) else list(parts)
