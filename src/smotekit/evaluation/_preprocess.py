"""The default preprocessing of tables with categorical columns or missing values.

Samplers and classifiers need complete rows and classifiers need numbers, so a table with
text / category columns or missing values is prepared inside every training fold (never on a
test row): missing numbers become the training fold's median and missing categories its most
frequent category; then categories are one-hot encoded. Where the encoding happens depends on
the sampler: SMOTENC and SMOTEN (and the samplers that only pick or copy rows) get the
categorical columns as they are, and the one-hot encoding is fitted after resampling, for the
classifier only; the other samplers interpolate numbers, so they get the encoded table.
"""

from __future__ import annotations

import sys

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, clone

# Samplers that take categorical columns as they are (they vote, copy or pick categories).
CATEGORICAL_SAMPLERS = (
    "SMOTENC",
    "SMOTEN",
    "RandomOverSampler",
    "RandomUnderSampler",
)


def needs_preprocessing(X) -> bool:
    """Whether ``X`` (a DataFrame) has non-numeric columns or missing values."""
    pd = sys.modules.get("pandas")
    if pd is None or not isinstance(X, pd.DataFrame):
        return False
    numeric = all(
        pd.api.types.is_numeric_dtype(X[c]) or pd.api.types.is_bool_dtype(X[c]) for c in X.columns
    )
    return not numeric or bool(X.isna().to_numpy().any())


def categorical_columns(X) -> list:
    import pandas as pd

    return [
        c
        for c in X.columns
        if not (pd.api.types.is_numeric_dtype(X[c]) or pd.api.types.is_bool_dtype(X[c]))
    ]


def imputer(X):
    """Missing numbers -> the fold's median, missing categories -> its most frequent; the
    output is a DataFrame with the same columns (categories stay text)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer

    categorical = categorical_columns(X)
    numeric = [c for c in X.columns if c not in categorical]
    steps = []
    if numeric:
        steps.append(("numbers", SimpleImputer(strategy="median"), numeric))
    if categorical:
        steps.append(("categories", SimpleImputer(strategy="most_frequent"), categorical))
    transformer = ColumnTransformer(steps, verbose_feature_names_out=False)
    return _Reorder(transformer, list(X.columns), categorical)


def encoder(X):
    """One-hot encoding of the categorical columns (unknown test categories: all zeros)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder

    categorical = categorical_columns(X)
    return ColumnTransformer(
        [
            (
                "one_hot",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                categorical,
            )
        ],
        remainder="passthrough",
        verbose_feature_names_out=False,
    )


def encoded_view(X, y, sampler):
    """The table and its resampling as numbers, for pictures: ``(names, values, X_res,
    y_res)`` with the default preprocessing fitted on all of ``X`` (the report shows what the
    sampler does to the rows it is given; the scores come from the folds)."""
    before, after = default_preprocessing(X, sampler)
    prepared = before.fit(X, y).transform(X)
    X_res, y_res = sampler.fit_resample(prepared, y)
    if after is None:
        return list(before.get_feature_names_out()), prepared, X_res, y_res
    fitted = after.fit(prepared, y)
    return (
        list(fitted.get_feature_names_out()),
        fitted.transform(prepared),
        fitted.transform(X_res),
        y_res,
    )


def default_preprocessing(X, sampler) -> tuple:
    """``(before, after)``: the transformer fitted on the training fold before resampling and
    the one fitted after it (None when the sampler gets the encoded table).

    Examples
    --------
    >>> import pandas as pd
    >>> from smotekit import SMOTE, SMOTENC
    >>> from smotekit.evaluation._preprocess import default_preprocessing
    >>> X = pd.DataFrame({"size": [1.0, None, 3.0], "colour": ["red", "blue", None]})
    >>> # missing: the median size (2.0), the most frequent colour (a tie: the first, blue)
    >>> before, after = default_preprocessing(X, SMOTE())
    >>> before.fit_transform(X).round(1).tolist()  # one-hot blue, red; then size
    [[0.0, 1.0, 1.0], [1.0, 0.0, 2.0], [1.0, 0.0, 3.0]]
    >>> before, after = default_preprocessing(X, SMOTENC("auto"))
    >>> before.fit_transform(X).values.tolist(), type(after).__name__
    ([[1.0, 'red'], [2.0, 'blue'], [3.0, 'blue']], 'ColumnTransformer')
    """
    from sklearn.pipeline import make_pipeline

    if takes_categories(sampler) and categorical_columns(X):
        return imputer(X), encoder(X)
    return make_pipeline(imputer(X), encoder(X)), None


def takes_categories(sampler) -> bool:
    return sampler is not None and type(sampler).__name__ in CATEGORICAL_SAMPLERS


class _Reorder(TransformerMixin, BaseEstimator):
    """A ColumnTransformer whose output is a DataFrame in the input's column order and dtypes
    (numbers float, categories object), so SMOTENC finds the categories by dtype."""

    def __init__(self, transformer=None, columns=(), categorical=()):
        self.transformer = transformer
        self.columns = columns
        self.categorical = categorical

    def fit(self, X, y=None):
        self.transformer_ = clone(self.transformer).set_output(transform="pandas").fit(X, y)
        return self

    def get_feature_names_out(self, input_features=None):
        return np.asarray([str(c) for c in self.columns], dtype=object)

    def transform(self, X):
        out = self.transformer_.transform(X)[list(self.columns)]
        numeric = [c for c in self.columns if c not in self.categorical]
        if numeric:
            out[numeric] = out[numeric].astype(np.float64)
        for column in self.categorical:
            out[column] = out[column].astype(object)
        return out
