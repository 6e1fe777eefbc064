"""Tomek links: remove rows whose nearest neighbour is of another class, and vice versa."""

from __future__ import annotations

import numpy as np

from .. import neighbors
from .._base import BaseUnderSampler
from .._strategy import CLEAN


def tomek_links(X, y: np.ndarray, estimator) -> np.ndarray:
    """Mask of rows in a Tomek link: their nearest other row has another class and has them
    as its own nearest other row (Tomek, 1976)."""
    return _linked(y, neighbors.within(X, estimator)[:, 0])


def _linked(y: np.ndarray, nearest: np.ndarray) -> np.ndarray:
    """Rows whose nearest other row (``nearest``) has another class and has them as its
    own nearest."""
    mutual = nearest[nearest] == np.arange(y.shape[0])
    return mutual & (y[nearest] != y)


class TomekLinks(BaseUnderSampler):
    """Remove the rows of Tomek links: pairs of rows of different classes that are each
    other's nearest neighbour (Tomek, 1976).

    Such pairs sit on the class border or are noise; removing the member of the classes
    named by ``sampling_strategy`` (by default every class but the minority) cleans the
    border. A drop-in for ``imblearn.under_sampling.TomekLinks``; kept rows stay in their
    input order.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        The classes rows may be removed from: ``"auto"`` (= ``"not minority"``),
        ``"majority"``, ``"not minority"``, ``"not majority"``, ``"all"``, or a list of
        labels.
    n_jobs : None or int, default=None
        Kept for imbalanced-learn compatibility; smotekit's neighbour search picks its own
        threads.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows before cleaning}`` for each class that may be cleaned.
    sample_indices_ : ndarray
        Positions in X of the rows kept.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import TomekLinks
    >>> X = np.array([[0.0], [1.0], [1.1], [5.0], [6.0]])
    >>> y = np.array([0, 0, 1, 1, 1])
    >>> X_res, y_res = TomekLinks(sampling_strategy="all").fit_resample(X, y)
    >>> X_res.ravel().tolist(), y_res.tolist()
    ([0.0, 5.0, 6.0], [0, 1, 1])
    """

    _sampling_type = CLEAN

    def __init__(self, *, sampling_strategy="auto", n_jobs=None):
        self.sampling_strategy = sampling_strategy
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"sampling_strategy": "all"}]

    @staticmethod
    def is_tomek(y, nn_index, class_type):
        """Which rows are in a Tomek link and of a class in ``class_type``.

        imbalanced-learn's helper, with its signature.

        Parameters
        ----------
        y : array-like of shape (n_samples,)
            The class labels.
        nn_index : array-like of shape (n_samples,)
            Position of each row's nearest other row.
        class_type : list of labels
            The classes whose rows may be flagged (the ones a Tomek cleaning removes from).

        Returns
        -------
        ndarray of bool, shape (n_samples,)

        Examples
        --------
        >>> import numpy as np
        >>> from smotekit import TomekLinks
        >>> y = np.array([0, 1, 1, 0])
        >>> TomekLinks.is_tomek(y, np.array([1, 0, 3, 2]), [0]).tolist()
        [True, False, False, True]
        """
        y = np.asarray(y)
        nearest = np.asarray(nn_index, dtype=np.intp).reshape(-1)
        return _linked(y, nearest) & np.isin(y, np.atleast_1d(np.asarray(class_type)))

    def _select(self, X, y, targets, streams) -> np.ndarray:
        if y.shape[0] < 2:
            return np.arange(y.shape[0])
        linked = tomek_links(X, y, neighbors.make_estimator(1))
        return np.flatnonzero(~(linked & np.isin(y, list(targets))))
