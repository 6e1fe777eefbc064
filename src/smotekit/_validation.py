"""Input checks shared by every sampler, with messages that say what is wrong and where.

Containers are already unpacked (see ``_containers``) when these run, so the checks see
plain numpy / scipy CSR arrays plus the column names, if any.
"""

from __future__ import annotations

import numbers
import sys

import numpy as np


class InvalidParameterError(ValueError, TypeError):
    """A constructor parameter of the wrong type or value.

    Both a ValueError and a TypeError, like scikit-learn's exception of the same name
    (which is not public API), so ``except ValueError`` and ``except TypeError`` catch it.
    """


def check_sample_weight(sample_weight, n_rows: int) -> np.ndarray:
    """``sample_weight`` as a 1-D float array of ``n_rows`` finite values >= 0."""
    weights = np.asarray(sample_weight)
    if weights.ndim != 1 or weights.shape[0] != n_rows:
        raise ValueError(
            f"sample_weight must be 1-D with one weight per row of X ({n_rows}); got shape "
            f"{weights.shape}."
        )
    if weights.dtype.kind not in "biuf":
        raise ValueError(f"sample_weight must hold numbers; got dtype {weights.dtype}.")
    weights = weights.astype(np.float64)
    bad = np.flatnonzero(~np.isfinite(weights) | (weights < 0))
    if bad.size:
        raise ValueError(
            f"sample_weight must be finite and >= 0; row {int(bad[0])} is "
            f"{describe(weights[bad[0]])}."
        )
    return weights


def describe(value: object, limit: int = 80) -> str:
    """Short ``repr`` for error messages (long values are cut, numpy scalars shown plainly)."""
    if isinstance(value, np.generic):
        value = value.item()
    elif isinstance(value, list | tuple):  # [2], not [np.int64(2)]
        value = type(value)(v.item() if isinstance(v, np.generic) else v for v in value)
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def column_name(columns, j: int) -> str:
    if columns is None:
        return str(j)
    name = columns[j]
    # A numpy scalar (a position kept in an integer array) reads as 1, not np.int64(1).
    return repr(name.item() if isinstance(name, np.generic) else name)


def check_finite(X, columns=None) -> None:
    """Raise ValueError naming the first non-finite cell of X (dense or CSR)."""
    import scipy.sparse as sp

    if sp.issparse(X):
        values = X.data
        bad = ~np.isfinite(values)
        if not bad.any():
            return
        first = int(np.flatnonzero(bad)[0])
        row = int(np.searchsorted(X.indptr, first, side="right") - 1)
        col = int(X.indices[first])
        value, n_bad = values[first], int(bad.sum())
    else:
        if not np.issubdtype(X.dtype, np.floating):
            return
        # Row blocks keep the boolean temporary small for large X.
        block = max(1, 2**22 // max(1, X.shape[1]))
        starts = [s for s in range(0, X.shape[0], block) if not np.isfinite(X[s : s + block]).all()]
        if not starts:
            return
        bad = ~np.isfinite(X[starts[0] : starts[0] + block])
        row, col = (int(i) for i in np.argwhere(bad)[0])
        row += starts[0]
        value = X[row, col]
        n_bad = sum(int((~np.isfinite(X[s : s + block])).sum()) for s in starts)
    what = "NaN" if np.isnan(value) else "infinite values"
    more = f" ({n_bad - 1} more non-finite cells)" if n_bad > 1 else ""
    raise ValueError(
        f"X contains {what}: row {row}, column {column_name(columns, col)} is {value}{more}. "
        "Resampling computes with the values of X, so they must be finite numbers; impute "
        "or drop them first."
    )


def check_target(y: np.ndarray, n_rows: int) -> np.ndarray:
    """Check y is a 1-D classification target as long as X; return its sorted classes."""
    from sklearn.utils.multiclass import type_of_target

    if y.ndim != 1:
        if y.ndim == 2 and y.shape[1] == 1:
            raise ValueError(
                f"y must be 1-D; got shape {y.shape}. Pass y.ravel() (a single column of labels)."
            )
        raise ValueError(
            f"y must be a 1-D array of class labels; got shape {y.shape}. "
            "Multilabel and multi-output targets are not supported."
        )
    if y.shape[0] != n_rows:
        raise ValueError(
            f"X and y have different lengths: X has {n_rows} rows, y has {y.shape[0]} labels."
        )
    if y.dtype.kind == "M":
        raise ValueError(
            f"y holds datetimes (dtype {y.dtype}, such as {str(y[0])!r}); class labels must "
            "be integers, strings, booleans or categories. Convert them first, e.g. "
            "y.astype(str)."
        )
    if y.dtype.kind == "O":
        missing = next((i for i, v in enumerate(y) if _is_missing(v)), None)
        if missing is not None:
            raise ValueError(
                f"y contains a missing label ({describe(y[missing])}) at row {missing}; every "
                "row needs a class label. Drop those rows first."
            )
        kinds = sorted({type(v).__name__ for v in y})
        try:
            np.unique(y)
        except TypeError:
            raise ValueError(
                f"y mixes label types that cannot be sorted ({', '.join(kinds)}); use one "
                "type for every label, e.g. y.astype(str)."
            ) from None
    if y.dtype.kind == "f" and np.isnan(y).any():
        raise ValueError(f"y contains NaN at row {int(np.flatnonzero(np.isnan(y))[0])}.")
    kind = type_of_target(y)
    if kind == "continuous":
        raise ValueError(
            "y looks continuous (non-integer float values such as "
            f"{describe(y[np.flatnonzero(y != np.round(y))[0]])}); resampling needs class labels. "
            "For regression targets, bin them into classes first."
        )
    if kind not in ("binary", "multiclass"):
        raise ValueError(
            f"y has target type {kind!r}; only binary and multiclass labels are supported."
        )
    classes = np.unique(y)
    if classes.size < 2:
        raise ValueError(
            f"y has a single class ({describe(classes[0])}); resampling needs at least 2 classes."
        )
    return classes


def _is_missing(value) -> bool:
    """None, NaN, or pandas' NA / NaT (checked only when pandas is loaded)."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    pd = sys.modules.get("pandas")
    return pd is not None and (value is pd.NA or value is pd.NaT)


def check_positive_int(name: str, value: object, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}; got {describe(value)}.")
    return int(value)


def check_choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {options}; got {describe(value)}.")
    return value


def check_enough_rows(n_rows: int, k: int, parameter: str) -> None:
    """A search for ``k`` neighbours among all rows needs more than ``k`` rows."""
    if n_rows <= k:
        raise ValueError(
            f"{parameter}={k} needs at least {k + 1} rows in X (each row plus its {k} "
            f"neighbours); X has {n_rows}. Use {parameter}={n_rows - 1} or smaller."
        )


def check_class_size(label, n_rows: int, k: int, parameter: str = "k_neighbors") -> None:
    """A class can be over-sampled only if each of its rows has ``k`` other rows."""
    if n_rows > k:
        return
    if n_rows < 2:
        raise ValueError(
            f"class {label!r} has {n_rows} row, too few to interpolate: at least 2 rows "
            "of a class are needed to over-sample it. Leave that class out of sampling_strategy."
        )
    raise ValueError(
        f"class {label!r} has {n_rows} rows, but {parameter}={k} needs at least {k + 1} rows "
        f"of each class it over-samples (each row plus its {k} neighbours). Use "
        f"{parameter}={n_rows - 1} or smaller, or leave class {label!r} out of "
        "sampling_strategy."
    )
