"""A sampler made from any function ``(X, y) -> (X_resampled, y_resampled)``."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.preprocessing import label_binarize
from sklearn.utils.validation import validate_data

from . import _validation
from ._validation import describe
from .utils import check_target_type


def _identity(X, y):
    return X, y


class FunctionSampler(BaseEstimator):
    """Turn a function into a sampler that a :class:`~smotekit.pipeline.Pipeline` runs.

    ``fit_resample(X, y)`` returns ``func(X, y, **kw_args)``: use it to drop outliers,
    resample with your own rule, or wrap any other library's resampler, and still get the
    pipeline's guarantee that resampling touches the training folds only. A drop-in for
    ``imblearn.FunctionSampler``.

    Parameters
    ----------
    func : callable, default=None
        ``func(X, y, **kw_args)`` returning ``(X_resampled, y_resampled)`` (or a third item,
        passed through). None returns ``X, y`` unchanged.
    accept_sparse : bool, default=True
        With ``validate=True``, let sparse X through (else it is refused).
    kw_args : dict, default=None
        Keyword arguments for ``func``.
    validate : bool, default=True
        Check ``X`` (2-D, numeric, finite) and ``y`` (class labels, at least two classes;
        a one-hot y is given to ``func`` as labels and returned one-hot) before calling
        ``func``, and give the result back in the caller's containers (a pandas or polars
        frame keeps its column names and dtypes, a Series its name, lists stay lists).
        Without ``func``, the input comes back as it was passed. With False, ``func`` gets
        ``X, y`` as passed and its result is returned as it is.

    Attributes
    ----------
    sampling_strategy_ : str
        ``"auto"``: the function decides (imbalanced-learn's "bypass" sampler).
    classes_ : ndarray
        The class labels, with ``validate=True``.
    n_features_in_, feature_names_in_
        Columns seen, with ``validate=True``.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import FunctionSampler
    >>> X = np.array([[0.0], [1.0], [2.0], [50.0]])
    >>> y = np.array([0, 0, 1, 1])
    >>> def drop_outliers(X, y, limit):
    ...     keep = np.abs(X[:, 0]) < limit
    ...     return X[keep], y[keep]
    >>> sampler = FunctionSampler(func=drop_outliers, kw_args={"limit": 10})
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> X_res.ravel().tolist(), y_res.tolist()
    ([0.0, 1.0, 2.0], [0, 0, 1])
    """

    _sampling_type = "bypass"

    def __init__(self, *, func=None, accept_sparse=True, kw_args=None, validate=True):
        self.func = func
        self.accept_sparse = accept_sparse
        self.kw_args = kw_args
        self.validate = validate

    def _check_params(self) -> None:
        if self.func is not None and not callable(self.func):
            raise ValueError(f"func must be None or a callable; got {describe(self.func)}.")
        if self.kw_args is not None and not isinstance(self.kw_args, dict):
            raise ValueError(f"kw_args must be None or a dict; got {describe(self.kw_args)}.")
        for name in ("accept_sparse", "validate"):
            if not isinstance(getattr(self, name), bool | np.bool_):
                raise ValueError(f"{name} must be True or False; got {getattr(self, name)!r}.")

    def _checked(self, X, y):
        if not hasattr(X, "shape") and not hasattr(X, "__array__"):
            X = np.asarray(X)  # lists of rows
        y, one_hot = check_target_type(y, indicate_one_vs_all=True)
        labels = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y)
        self.classes_ = _validation.check_target(labels, _n_rows(X))
        X, y = validate_data(
            self, X, y, reset=True, accept_sparse=self.accept_sparse, ensure_all_finite=False
        )
        _validation.check_finite(X.tocsr() if sp.issparse(X) else X, _column_names(self))
        return X, y, one_hot

    def fit(self, X, y):
        """Check the input (with ``validate=True``); nothing is learnt.

        Returns
        -------
        self
        """
        self._check_params()
        if self.validate:
            self._checked(X, y)
        self.sampling_strategy_ = "auto"
        return self

    def fit_resample(self, X, y):
        """``func(X, y, **kw_args)``, in the caller's containers when ``validate=True``.

        Returns
        -------
        X_resampled, y_resampled
            And a third item if ``func`` returns one.
        """
        self._check_params()
        func = _identity if self.func is None else self.func
        if not self.validate:
            self.sampling_strategy_ = "auto"
            return func(X, y, **(self.kw_args or {}))
        X_in, y_in = X, y
        X, y, one_hot = self._checked(X, y)
        self.sampling_strategy_ = "auto"
        if self.func is None:
            return X_in, y_in  # checked, and returned as they came (index and all)
        output = func(X, y, **(self.kw_args or {}))
        X_res, y_res = output[0], output[1]
        if one_hot:
            y_res = label_binarize(y_res, classes=np.unique(y))
        X_res, y_res = _like(X_in, X_res), _like_y(y_in, y_res)
        return (X_res, y_res) if len(output) == 2 else (X_res, y_res, *output[2:])


def _n_rows(X) -> int:
    return X.shape[0] if hasattr(X, "shape") and len(X.shape) else len(X)


def _column_names(sampler):
    names = getattr(sampler, "feature_names_in_", None)
    return None if names is None else list(names)


def _kind(obj) -> str:
    """``"pandas.DataFrame"``, ``"polars.Series"``, ... for frames and series, else ``""``."""
    cls = type(obj)
    root = cls.__module__.split(".")[0]
    return f"{root}.{cls.__name__}" if root in ("pandas", "polars") else ""


def _like(template, values):
    """``values`` in the container kind of ``template`` (frames keep names and dtypes)."""
    if _kind(template) == "pandas.DataFrame":
        import pandas as pd

        frame = pd.DataFrame(values, columns=template.columns)
        return frame.astype(template.dtypes.to_dict())
    if _kind(template) == "polars.DataFrame":
        import polars as pl

        return pl.DataFrame(np.asarray(values), schema=template.schema, orient="row")
    if isinstance(template, list):
        return np.asarray(values).tolist()
    return values


def _like_y(template, values):
    if _kind(template) == "pandas.Series":
        import pandas as pd

        return pd.Series(values, name=template.name, dtype=template.dtype)
    if _kind(template) == "pandas.DataFrame":
        import pandas as pd

        return pd.DataFrame(values, columns=template.columns).astype(template.dtypes.to_dict())
    if _kind(template) == "polars.Series":
        import polars as pl

        return pl.Series(template.name, np.asarray(values), dtype=template.dtype)
    if isinstance(template, list):
        return np.asarray(values).tolist()
    return values
