"""The only module that knows about pandas, polars, scipy.sparse and lists.

``unpack_X`` / ``unpack_y`` hand the core plain numpy (or CSR) arrays and remember the
caller's container; ``with_synthetic`` rebuilds that container with the original rows
first, unchanged, and the synthetic rows appended.

Dense output is filled in place: ``synthetic_buffer`` returns the array the interpolation
kernel writes into (for numpy input, a view of the final output), so no extra
``n_new x d`` copy is made on the way back.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np

SMOTENC_HINT = (
    "SMOTE interpolates numbers; encode categorical columns as numbers, or use SMOTENC, "
    "which handles categorical features."
)


def _module(name: str):
    """The module if the caller has imported it already (never imports it ourselves)."""
    return sys.modules.get(name)


def _is_pandas(obj, kind: str) -> bool:
    pd = _module("pandas")
    return pd is not None and isinstance(obj, getattr(pd, kind))


def _is_polars(obj, kind: str) -> bool:
    pl = _module("polars")
    return pl is not None and isinstance(obj, getattr(pl, kind))


def is_dask(obj) -> bool:
    """A dask collection (lazy DataFrame, Series, Array...): samplers hand it to the Dask engine."""
    dask = _module("dask")
    return dask is not None and dask.is_dask_collection(obj)


#: Libraries whose arrays run on their own device (``smotekit._array_api``), not NumPy's.
ARRAY_API_LIBRARIES = ("torch", "cupy", "array_api_strict", "jax")


def is_array_api(obj) -> bool:
    """An array of a non-NumPy array-API library (PyTorch, CuPy, ...) already imported.

    Looks only at the type and ``sys.modules``: asking never imports a library.
    """
    root = type(obj).__module__.partition(".")[0]
    return root in ARRAY_API_LIBRARIES and root in sys.modules and hasattr(obj, "shape")


def _compute_dtype(dtypes) -> np.dtype:
    """float32 when every column is float32 or narrower float, else float64."""
    narrow = all(np.dtype(d).kind == "f" and np.dtype(d).itemsize <= 4 for d in dtypes)
    return np.dtype(np.float32 if narrow else np.float64)


@dataclass
class Features:
    """X as the core sees it, plus what is needed to rebuild the caller's container.

    ``values`` is a 2-D numeric numpy array or a CSR matrix/array; it may be the caller's
    own array and must never be written to. ``rounded`` marks integer and boolean columns,
    whose synthetic values are rounded to the nearest integer.
    """

    values: object
    kind: str
    source: object
    dtype: np.dtype
    rounded: np.ndarray
    columns: list | None = None
    sparse_format: str | None = None
    _buffer: np.ndarray | None = field(default=None, repr=False)

    @property
    def n_rows(self) -> int:
        return self.values.shape[0]

    @property
    def is_sparse(self) -> bool:
        return self.sparse_format is not None

    @property
    def n_features(self) -> int:
        """Columns of the caller's X (``values`` may hold only some, see ``_mixed``)."""
        return self.values.shape[1]

    @property
    def feature_names(self) -> np.ndarray | None:
        """Column names when they are all strings (scikit-learn's rule for feature_names_in_)."""
        if self.columns is None or not all(isinstance(c, str) for c in self.columns):
            return None
        return np.asarray(self.columns, dtype=object)

    def synthetic_buffer(self, n_new: int) -> np.ndarray:
        """Dense array of shape (n_new, d) for the interpolation kernel to fill."""
        n, d = self.values.shape
        if self.kind in ("numpy", "list"):
            # The final output: originals copied once, synthetic rows written into the tail.
            out = np.empty((n + n_new, d), dtype=self.values.dtype)
            out[:n] = self.values
            self._buffer = out
            return out[n:]
        return np.empty((n_new, d), dtype=self.dtype)

    def with_synthetic(self, synthetic):
        """The caller's container: original rows first, then ``synthetic``."""
        if self.is_sparse:
            import scipy.sparse as sp

            stacked = sp.vstack([self.values, synthetic.astype(self.source.dtype)])
            return stacked.asformat(self.sparse_format)
        if self.kind == "numpy":
            return self._buffer
        if self.kind == "list":
            return self._buffer.tolist()
        if self.kind == "pandas":
            return _pandas_frame_with(self.source, synthetic)
        return _polars_frame_with(self.source, synthetic)

    def take(self, rows: np.ndarray, fresh_from: int | None = None):
        """The caller's container holding the input rows at positions ``rows``, in order.

        Rows from output position ``fresh_from`` on are new rows (copies): a pandas frame
        gives them new index labels, as for synthetic rows. Values are never converted.
        """
        source = self.values if self.is_sparse else self.source
        return _take_rows(source, self.kind, rows, fresh_from, self.sparse_format)


@dataclass
class Labels:
    """y as a 1-D numpy array, plus what is needed to rebuild the caller's container."""

    values: np.ndarray
    kind: str
    source: object

    def with_synthetic(self, labels: np.ndarray):
        if self.kind == "pandas":
            pd = _module("pandas")
            y = self.source
            index = new_index_labels(y.index, len(labels))
            extra = pd.Series(labels, index=index, dtype=y.dtype, name=y.name)
            return pd.concat([y, extra]) if len(labels) else y.copy()
        if self.kind == "polars":
            pl = _module("polars")
            y = self.source
            return pl.concat([y, pl.Series(y.name, labels, dtype=y.dtype)])
        out = np.concatenate([self.values, np.asarray(labels, dtype=self.values.dtype)])
        return out.tolist() if self.kind == "list" else out

    def take(self, rows: np.ndarray, fresh_from: int | None = None):
        """The caller's y holding the labels at positions ``rows`` (see ``Features.take``)."""
        if self.kind in ("numpy", "list"):
            out = self.values[rows]
            return out.tolist() if self.kind == "list" else out
        return _take_rows(self.source, self.kind, rows, fresh_from)


def unpack_X(X) -> Features:
    """Turn any supported X into :class:`Features`; raise a clear error otherwise."""
    if _is_pandas(X, "DataFrame"):
        return _unpack_pandas(X)
    if _is_polars(X, "DataFrame"):
        return _unpack_polars(X)
    import scipy.sparse as sp

    if sp.issparse(X):
        return _unpack_sparse(X)
    kind = "numpy" if isinstance(X, np.ndarray) else "list"
    if _is_pandas(X, "Series") or _is_polars(X, "Series"):
        raise ValueError(
            "X must be 2-D (rows x features); got a Series. Use X.to_frame() for one feature."
        )
    values = np.asarray(X)
    if values.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got an array of shape {values.shape}. "
            "Use X.reshape(-1, 1) for a single feature."
        )
    if values.dtype.kind == "O":
        try:
            values = values.astype(np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"X has non-numeric values. {SMOTENC_HINT}") from None
    if values.dtype.kind not in "biuf":
        raise ValueError(f"X has dtype {values.dtype}, which is not numeric. {SMOTENC_HINT}")
    _check_shape(values.shape)
    rounded = np.full(values.shape[1], values.dtype.kind in "biu")
    return Features(values, kind, X, _compute_dtype([values.dtype]), rounded)


def unpack_rows(X) -> Features:
    """X for samplers that only pick rows: any dtypes, missing values allowed, no copy.

    ``values`` is the caller's own array or frame (or a CSR view of sparse input); such a
    sampler reads nothing but its shape.
    """
    if _is_pandas(X, "DataFrame") or _is_polars(X, "DataFrame"):
        _check_shape(X.shape)
        kind = "pandas" if _is_pandas(X, "DataFrame") else "polars"
        return Features(X, kind, X, np.dtype(object), np.zeros(X.shape[1], bool), list(X.columns))
    import scipy.sparse as sp

    if sp.issparse(X):
        return _unpack_sparse(X)
    if _is_pandas(X, "Series") or _is_polars(X, "Series"):
        raise ValueError(
            "X must be 2-D (rows x features); got a Series. Use X.to_frame() for one feature."
        )
    kind = "numpy" if isinstance(X, np.ndarray) else "list"
    values = X if kind == "numpy" else np.asarray(X, dtype=object)
    if values.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got an array of shape {values.shape}. "
            "Use X.reshape(-1, 1) for a single feature."
        )
    _check_shape(values.shape)
    return Features(values, kind, X, values.dtype, np.zeros(values.shape[1], bool))


def _take_rows(source, kind: str, rows: np.ndarray, fresh_from, sparse_format=None):
    """``source`` (numpy, list, sparse, pandas or polars) at row positions ``rows``."""
    if kind == "pandas":
        picked = source.iloc[rows]
        if fresh_from is None or fresh_from >= len(rows):
            return picked
        fresh = picked.iloc[fresh_from:]
        fresh = fresh.set_axis(new_index_labels(source.index, len(fresh)), axis=0)
        return _module("pandas").concat([picked.iloc[:fresh_from], fresh])
    if kind == "polars":
        return source[rows]
    if kind == "list":
        return [list(source[i]) for i in rows]
    if kind == "sparse":
        return source[rows].asformat(sparse_format)
    return source.take(rows, axis=0)


def unpack_y(y) -> Labels:
    if _is_pandas(y, "Series"):
        return Labels(np.asarray(y), "pandas", y)
    if _is_polars(y, "Series"):
        return Labels(y.to_numpy(), "polars", y)
    if _is_pandas(y, "DataFrame") or _is_polars(y, "DataFrame"):
        if y.shape[1] != 1:
            raise ValueError(f"y must be 1-D; got a DataFrame with {y.shape[1]} columns.")
        raise ValueError("y must be 1-D; got a one-column DataFrame. Pass that column (a Series).")
    import scipy.sparse as sp

    if sp.issparse(y):
        raise ValueError("y must be a dense 1-D array of class labels; got a sparse matrix.")
    kind = "numpy" if isinstance(y, np.ndarray) else "list"
    return Labels(np.asarray(y), kind, y)


def _check_shape(shape) -> None:
    if shape[0] == 0:
        raise ValueError("X is empty (0 rows); there is nothing to resample.")
    if shape[1] == 0:
        raise ValueError(f"X has 0 feature columns ({shape[0]} rows); SMOTE needs at least one.")


def _unpack_sparse(X) -> Features:
    if X.format not in ("csr", "csc"):
        raise ValueError(
            f"sparse X must be CSR or CSC; got {X.format.upper()}. Convert with X.tocsr()."
        )
    if X.dtype.kind not in "biuf":
        raise ValueError(f"X has dtype {X.dtype}, which is not numeric. {SMOTENC_HINT}")
    _check_shape(X.shape)
    values = X.tocsr()
    rounded = np.full(X.shape[1], X.dtype.kind in "biu")
    return Features(values, "sparse", X, _compute_dtype([X.dtype]), rounded, sparse_format=X.format)


def _unpack_pandas(df) -> Features:
    import pandas as pd

    api = pd.api.types
    bad = [
        c
        for c, dt in df.dtypes.items()
        if not (api.is_bool_dtype(dt) or api.is_numeric_dtype(dt)) or api.is_complex_dtype(dt)
    ]
    if bad:
        shown = ", ".join(f"{c!r} ({df.dtypes[c]})" for c in bad[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise ValueError(f"X has non-numeric feature columns: {shown}{more}. {SMOTENC_HINT}")
    _check_shape(df.shape)
    dtypes = list(df.dtypes)
    numpy_dtypes = [getattr(dt, "numpy_dtype", dt) for dt in dtypes]
    dtype = _compute_dtype(numpy_dtypes)
    values = df.to_numpy(dtype=dtype, na_value=np.nan)
    rounded = np.array([np.dtype(d).kind in "biu" for d in numpy_dtypes], dtype=bool)
    return Features(values, "pandas", df, dtype, rounded, columns=list(df.columns))


def _unpack_polars(df) -> Features:
    import polars as pl

    schema = df.schema
    bad = [c for c, dt in schema.items() if not (dt.is_numeric() or dt == pl.Boolean)]
    if bad:
        shown = ", ".join(f"{c!r} ({schema[c]})" for c in bad[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise ValueError(f"X has non-numeric feature columns: {shown}{more}. {SMOTENC_HINT}")
    _check_shape(df.shape)
    narrow = all(dt in (pl.Float32,) for dt in schema.values())
    dtype = np.dtype(np.float32 if narrow else np.float64)
    target = pl.Float32 if narrow else pl.Float64
    values = df.select(pl.all().cast(target)).to_numpy()
    if values.dtype != dtype:
        values = values.astype(dtype)
    rounded = np.array([dt.is_integer() or dt == pl.Boolean for dt in schema.values()])
    return Features(values, "polars", df, dtype, rounded, columns=list(df.columns))


def new_index_labels(index, n_new: int):
    """Unique labels for ``n_new`` appended rows: integers after the largest, else strings."""
    import pandas as pd

    if n_new == 0:
        return index[:0]
    if not isinstance(index, pd.MultiIndex) and pd.api.types.is_integer_dtype(index.dtype):
        start = int(index.max()) + 1 if len(index) else 0
        return pd.RangeIndex(start, start + n_new, name=index.name)
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


def _pandas_frame_with(df, synthetic: np.ndarray):
    import pandas as pd

    index = new_index_labels(df.index, synthetic.shape[0])
    dtypes = list(df.dtypes)
    if all(dt == dtypes[0] for dt in dtypes):
        extra = pd.DataFrame(synthetic, index=index, columns=df.columns).astype(dtypes[0])
    else:
        parts = [pd.Series(synthetic[:, j], index=index).astype(dt) for j, dt in enumerate(dtypes)]
        extra = pd.concat(parts, axis=1)
        extra.columns = df.columns
    return pd.concat([df, extra])


def _polars_frame_with(df, synthetic: np.ndarray):
    import polars as pl

    extra = pl.DataFrame({name: synthetic[:, j] for j, name in enumerate(df.columns)}).cast(
        dict(df.schema)
    )
    return pl.concat([df, extra])
