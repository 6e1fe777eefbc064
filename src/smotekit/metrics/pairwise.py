"""Distances between rows: the value difference metric for categorical features."""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.multiclass import unique_labels
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from .._validation import describe

__all__ = ["ValueDifferenceMetric"]


class ValueDifferenceMetric(BaseEstimator):
    """Value difference metric (VDM) between rows of ordinal-encoded categorical features.

    Two categories of a feature are close when they predict the classes alike (Stanfill and
    Waltz 1986): with ``P(c | v)`` the share of rows of category ``v`` that belong to class
    ``c``, the distance between rows ``x`` and ``y`` is
    ``sum_f (sum_c |P(c | x_f) - P(c | y_f)|**k)**(r/k)``, i.e. for each feature the
    ``k``-norm between the two class-probability vectors, raised to ``r``. SMOTEN searches
    neighbours with this metric. A drop-in for ``imblearn.metrics.pairwise.ValueDifferenceMetric``.

    Parameters
    ----------
    n_categories : "auto" or array-like of shape (n_features,), default="auto"
        Categories per feature; "auto" takes ``max + 1`` of each column seen in ``fit``.
    k : int, default=1
        Norm between the class-probability vectors of two categories.
    r : int, default=2
        Power each feature's distance is raised to.

    Attributes
    ----------
    n_categories_ : ndarray of shape (n_features,)
        Categories per feature.
    proba_per_class_ : list of ndarray of shape (n_categories, n_classes)
        ``P(class | category)`` per feature (rows of unseen categories are 0).
    n_features_in_, feature_names_in_
        Columns seen in ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit.metrics.pairwise import ValueDifferenceMetric
    >>> X = np.array([[0], [0], [1], [1], [2], [2]])
    >>> y = np.array([0, 0, 0, 1, 1, 1])
    >>> vdm = ValueDifferenceMetric().fit(X, y)
    >>> vdm.pairwise(np.array([[0], [1], [2]])).tolist()
    [[0.0, 1.0, 4.0], [1.0, 0.0, 1.0], [4.0, 1.0, 0.0]]
    """

    def __init__(self, *, n_categories="auto", k=1, r=2):
        self.n_categories = n_categories
        self.k = k
        self.r = r

    def _check_params(self) -> None:
        for name in ("k", "r"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise ValueError(f"{name} must be an int; got {describe(value)}.")
        if isinstance(self.n_categories, str) and self.n_categories != "auto":
            raise ValueError(
                "n_categories must be 'auto' or an array of categories per feature; got "
                f"{self.n_categories!r}."
            )

    def fit(self, X, y):
        """Learn ``P(class | category)`` for every feature from ``X`` (ordinal codes) and ``y``.

        Returns
        -------
        self
        """
        self._check_params()
        X, y = validate_data(self, X, y, reset=True, dtype=np.int32)
        X = check_array(X, ensure_non_negative=True, estimator=self)
        if isinstance(self.n_categories, str):
            self.n_categories_ = X.max(axis=0) + 1
        else:
            n_categories = np.asarray(self.n_categories)
            if n_categories.shape != (self.n_features_in_,):
                raise ValueError(
                    f"n_categories has {n_categories.size} entries; X has "
                    f"{self.n_features_in_} features."
                )
            if (n_categories <= X).any():
                raise ValueError("X holds a code >= the n_categories given for its feature.")
            self.n_categories_ = n_categories
        classes = unique_labels(y)
        self.proba_per_class_ = []
        for j, n_cat in enumerate(self.n_categories_):
            counts = np.column_stack(
                [np.bincount(X[y == c, j], minlength=int(n_cat)) for c in classes]
            ).astype(np.float64)
            totals = counts.sum(axis=1, keepdims=True)
            # A category never seen gets zeros, as in imbalanced-learn.
            np.divide(counts, totals, out=counts, where=totals > 0)
            self.proba_per_class_.append(counts)
        return self

    def pairwise(self, X, Y=None):
        """Distance matrix between the rows of ``X`` and those of ``Y`` (default ``X``).

        Returns
        -------
        ndarray of shape (n_rows_X, n_rows_Y)
        """
        check_is_fitted(self)
        X = check_array(X, dtype=np.int32, ensure_non_negative=True, estimator=self)
        Y = (
            X
            if Y is None
            else check_array(Y, dtype=np.int32, ensure_non_negative=True, estimator=self)
        )
        for name, A in (("X", X), ("Y", Y)):
            if A.shape[1] != self.n_features_in_:
                raise ValueError(
                    f"{name} has {A.shape[1]} features; the metric was fitted on "
                    f"{self.n_features_in_}."
                )
        distance = np.zeros((X.shape[0], Y.shape[0]))
        for j, proba in enumerate(self.proba_per_class_):
            px, py = proba[X[:, j]], proba[Y[:, j]]
            gap = np.abs(px[:, None, :] - py[None, :, :]) ** self.k
            distance += gap.sum(axis=2) ** (self.r / self.k)
        return distance

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        return tags
