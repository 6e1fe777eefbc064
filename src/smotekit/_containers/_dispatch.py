"""Which adapter a caller's X or y gets: decided here once, by type.

pandas and polars are recognised only when the caller has imported them already
(``sys.modules``): they are never imported just to find out.
"""

from __future__ import annotations

import numpy as np

from ._common import is_instance, series_error
from ._container import Container, DenseContainer
from ._numpy import NumpyArray, PythonList
from ._pandas import PandasFrame
from ._polars import PolarsFrame
from ._sparse import SparseMatrix

NUMPY = NumpyArray()
LIST = PythonList()
SPARSE = SparseMatrix()
PANDAS = PandasFrame()
POLARS = PolarsFrame()


def array_like(data):
    """``data``, or the numpy array it gives when it is an object smotekit does not know
    that implements ``__array__`` (read and given back as numpy, as imbalanced-learn does)."""
    if isinstance(data, np.ndarray | list | tuple) or not hasattr(data, "__array__"):
        return data
    frames = [("pandas", "DataFrame"), ("pandas", "Series"), ("polars", "DataFrame")]
    if any(is_instance(data, library, kind) for library, kind in [*frames, ("polars", "Series")]):
        return data
    return np.asarray(data)


def container_of_X(X) -> Container:
    """The adapter for X; a clear error for a Series (X must be 2-D)."""
    if is_instance(X, "pandas", "DataFrame"):
        return PANDAS
    if is_instance(X, "polars", "DataFrame"):
        return POLARS
    import scipy.sparse as sp

    if sp.issparse(X):
        return SPARSE
    if is_instance(X, "pandas", "Series") or is_instance(X, "polars", "Series"):
        raise series_error()
    return NUMPY if isinstance(X, np.ndarray) else LIST


def container_of_y(y) -> DenseContainer:
    """The adapter for y; a clear error for a DataFrame or a sparse matrix."""
    if is_instance(y, "pandas", "Series"):
        return PANDAS
    if is_instance(y, "polars", "Series"):
        return POLARS
    if is_instance(y, "pandas", "DataFrame") or is_instance(y, "polars", "DataFrame"):
        raise ValueError(f"y must be 1-D; got a DataFrame with {y.shape[1]} columns.")
    import scipy.sparse as sp

    if sp.issparse(y):
        raise ValueError("y must be a dense 1-D array of class labels; got a sparse matrix.")
    return NUMPY if isinstance(y, np.ndarray) else LIST
