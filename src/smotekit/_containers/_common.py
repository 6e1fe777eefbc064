"""Rules every container shares: detection without importing, checks, messages, dtypes."""

from __future__ import annotations

import numbers
import sys

import numpy as np

SMOTENC_HINT = (
    "SMOTE interpolates numbers; encode categorical columns as numbers, or use SMOTENC, "
    "which handles categorical features."
)
CATEGORICAL_PARAMETER = "categorical_features"


def module(name: str):
    """The module if the caller has imported it already (never imports it ourselves)."""
    return sys.modules.get(name)


def is_instance(obj, library: str, kind: str) -> bool:
    """``obj`` is a ``library.kind`` (pandas / polars DataFrame or Series), when loaded."""
    lib = module(library)
    return lib is not None and isinstance(obj, getattr(lib, kind))


def is_dask(obj) -> bool:
    """A dask collection (lazy DataFrame, Series, Array...): samplers hand it to the Dask engine."""
    dask = module("dask")
    return dask is not None and dask.is_dask_collection(obj)


#: Libraries whose arrays run on their own device (``smotekit._array_api``), not NumPy's.
ARRAY_API_LIBRARIES = ("torch", "cupy", "array_api_strict", "jax")


def is_array_api(obj) -> bool:
    """An array of a non-NumPy array-API library (PyTorch, CuPy, ...) already imported.

    Looks only at the type and ``sys.modules``: asking never imports a library.
    """
    root = type(obj).__module__.partition(".")[0]
    return root in ARRAY_API_LIBRARIES and module(root) is not None and hasattr(obj, "shape")


def series_error() -> ValueError:
    return ValueError(
        "X must be 2-D (rows x features); got a Series. Use X.to_frame() for one feature."
    )


def check_2d(values: np.ndarray) -> None:
    if values.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got an array of shape {values.shape}. "
            "Use X.reshape(-1, 1) for a single feature."
        )


def check_shape(shape) -> None:
    if shape[0] == 0:
        raise ValueError("X is empty (0 rows); there is nothing to resample.")
    if shape[1] == 0:
        raise ValueError(f"X has 0 feature columns ({shape[0]} rows); SMOTE needs at least one.")


def non_numeric_columns_error(bad: list, dtypes) -> ValueError:
    """X's columns ``bad`` (of a frame whose dtypes are ``dtypes[c]``) cannot be interpolated."""
    shown = ", ".join(f"{c!r} ({dtypes[c]})" for c in bad[:5])
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    return ValueError(f"X has non-numeric feature columns: {shown}{more}. {SMOTENC_HINT}")


def not_numeric(name, dtype) -> ValueError:
    """A continuous column of SMOTENC's X that holds no numbers."""
    return ValueError(
        f"column {name!r} ({dtype}) is not numeric, so it cannot be interpolated; add it to "
        f"{CATEGORICAL_PARAMETER}."
    )


def compute_dtype(dtypes) -> np.dtype:
    """float32 when every column is float32 or narrower float, else float64."""
    narrow = all(np.dtype(d).kind == "f" and np.dtype(d).itemsize <= 4 for d in dtypes)
    return np.dtype(np.float32 if narrow else np.float64)


def is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def factorize(values: np.ndarray):
    """(int64 codes, object array of what each code stands for); a missing value is a
    category of its own."""
    import pandas as pd

    code, uniques = pd.factorize(values, use_na_sentinel=False)
    return code, np.asarray(uniques, dtype=object)
