"""Folds that share the hard rows out evenly, so no fold's score hinges on where they fell."""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import BaseCrossValidator, LeaveOneGroupOut, cross_val_predict
from sklearn.utils.multiclass import type_of_target

from .._validation import describe


class InstanceHardnessCV(BaseCrossValidator):
    """Cross-validation splitter that spreads hard-to-classify rows evenly over the folds.

    A row's hardness is how unlikely ``estimator`` finds its positive class, estimated out of
    fold (``cross_val_predict`` with ``n_splits`` stratified folds). Rows are sorted by class,
    then by that probability, and dealt to the folds in turn, so every fold gets the same
    share of each class and of its hardest rows. Scores then vary less from fold to fold
    than with folds where the few hard minority rows cluster by chance. Binary targets only.
    A drop-in for ``imblearn.model_selection.InstanceHardnessCV``.

    Parameters
    ----------
    estimator : classifier with ``predict_proba``
        Estimates the hardness (cloned; the caller's is not fitted).
    n_splits : int, default=5
        Number of folds, at least 2.
    pos_label : label, default=None
        Class whose probability orders the rows; None means the second of the sorted labels.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from smotekit.model_selection import InstanceHardnessCV
    >>> X, y = make_classification(n_samples=200, weights=[0.9, 0.1], random_state=0)
    >>> cv = InstanceHardnessCV(LogisticRegression(), n_splits=4)
    >>> [int(y[test].sum()) for _, test in cv.split(X, y)]
    [5, 5, 5, 6]
    """

    def __init__(self, estimator, *, n_splits=5, pos_label=None):
        self.estimator = estimator
        self.n_splits = n_splits
        self.pos_label = pos_label

    def split(self, X, y, groups=None):
        """Yield ``(train, test)`` row positions for each fold.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Binary class labels.
        groups : ignored
            Warned about if given.

        Yields
        ------
        train, test : ndarray
        """
        if groups is not None:
            warnings.warn(
                f"The groups parameter is ignored by {type(self).__name__}.",
                UserWarning,
                stacklevel=2,
            )
        n_splits = self.n_splits
        if isinstance(n_splits, bool) or not isinstance(n_splits, numbers.Integral):
            raise ValueError(f"n_splits must be an int >= 2; got {describe(n_splits)}.")
        if n_splits < 2:
            raise ValueError(f"n_splits must be an int >= 2; got {n_splits}.")
        if not hasattr(self.estimator, "predict_proba"):
            raise ValueError(
                "estimator must have predict_proba (it estimates each row's hardness); got "
                f"{type(self.estimator).__name__}."
            )
        y = np.asarray(y)
        if type_of_target(y) != "binary":
            raise ValueError("InstanceHardnessCV only supports binary classification.")
        classes = np.unique(y)
        if self.pos_label is None:
            column = 1
        elif self.pos_label in classes.tolist():
            column = int(np.flatnonzero(classes == self.pos_label)[0])
        else:
            raise ValueError(
                f"pos_label={self.pos_label!r} is not a class of y; the classes are "
                f"{describe(classes.tolist())}."
            )
        proba = cross_val_predict(clone(self.estimator), X, y, cv=n_splits, method="predict_proba")[
            :, column
        ]
        # Class first, hardness second; then deal the sorted rows round-robin to the folds.
        order = np.lexsort((proba, y))
        fold = np.empty(y.shape[0], dtype=np.intp)
        fold[order] = np.arange(y.shape[0]) % n_splits
        yield from LeaveOneGroupOut().split(X, y, fold)

    def get_n_splits(self, X=None, y=None, groups=None):
        """Number of folds (``n_splits``)."""
        return self.n_splits
