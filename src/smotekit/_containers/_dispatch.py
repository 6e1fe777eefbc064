"""Which adapter a caller's X or y gets: decided here once, by type.

pandas and polars are recognised only when the caller has imported them already
(``sys.modules``): they are never imported just to find out.

``numpy.matrix`` is refused (as scikit-learn refuses it): its operators differ from an
array's and numpy advises against it; ``np.asarray(X)`` converts it. A masked array is read
as its data only when nothing is masked (and comes back as a plain array); a masked value
is refused, since smotekit does not read masks and would otherwise use the hidden value.
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


def check_numpy_subclass(values, name: str) -> None:
    """Refuse ``numpy.matrix`` and masked arrays with masked values (see module doc)."""
    if isinstance(values, np.matrix):
        raise TypeError(
            f"{name} is a numpy.matrix, which smotekit does not take (scikit-learn does not "
            f"either); pass np.asarray({name}) instead."
        )
    if isinstance(values, np.ma.MaskedArray):
        masked = np.ma.getmaskarray(values)
        if masked.any():
            where = np.argwhere(masked)[0]
            cell = f"row {where[0]}" + (f", column {where[1]}" if len(where) > 1 else "")
            raise ValueError(
                f"{name} is a masked array with {int(masked.sum())} masked value(s) "
                f"({cell} is masked); smotekit does not read masks. Fill them "
                f"({name}.filled(value)) or drop those rows first."
            )


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
    check_numpy_subclass(X, "X")
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
    check_numpy_subclass(y, "y")
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
