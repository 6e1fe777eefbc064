"""Neighbourhood cleaning rule (Laurikkala, 2001): edit, then clear around the minority."""

from __future__ import annotations

import numbers

import numpy as np

from .. import neighbors
from .._base import BaseUnderSampler
from .._strategy import CLEAN
from .._validation import check_enough_rows, describe
from ._edited import EditedNearestNeighbours


def vote(own: np.ndarray, around: np.ndarray, classes) -> np.ndarray:
    """The k-NN vote of each row and its neighbours ``around`` (labels), a tie going to the
    smallest label, as scikit-learn's ``KNeighborsClassifier`` predicts on its own rows."""
    voters = np.column_stack([own, around])
    counts = np.stack([(voters == label).sum(axis=1) for label in classes], axis=1)
    return np.asarray(classes)[np.argmax(counts, axis=1)]


class NeighbourhoodCleaningRule(BaseUnderSampler):
    """Neighbourhood Cleaning Rule (Laurikkala, 2001): remove the rows edited nearest
    neighbours removes, and the rows near minority rows that their neighbourhood
    misclassifies.

    Two sets of rows of the classes named by ``sampling_strategy`` (by default every
    class but the minority) are removed:

    * A1: the rows ``edited_nearest_neighbours`` removes (by default
      :class:`~smotekit.EditedNearestNeighbours` with ``kind_sel="mode"`` and this
      ``n_neighbors``);
    * A2: the ``n_neighbors`` nearest neighbours of each minority row that a k-NN vote of
      the row and its ``n_neighbors - 1`` nearest neighbours misclassifies, among the
      classes with more than ``threshold_cleaning`` times as many rows as the minority
      (``classes_to_clean_``).

    A drop-in for ``imblearn.under_sampling.NeighbourhoodCleaningRule`` (the same rows are
    kept, but for ties of ENN's ``"mode"`` vote: see
    :class:`~smotekit.EditedNearestNeighbours`); kept rows stay in their input order.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        The classes rows may be removed from: ``"auto"`` (= ``"not minority"``),
        ``"majority"``, ``"not minority"``, ``"not majority"``, ``"all"``, or a list of
        labels.
    edited_nearest_neighbours : sampler or None, default=None
        The sampler that finds A1 (any object with ``fit_resample`` that sets
        ``sample_indices_``); cloned before use.
    n_neighbors : int or estimator, default=3
        Neighbours of each minority row, or a ``NearestNeighbors``-like object (its
        ``n_neighbors`` counts the row itself).
    threshold_cleaning : float, default=0.5
        A class is cleaned around the minority only when it has more than
        ``threshold_cleaning`` times as many rows as the minority class.
    n_jobs : None or int, default=None
        Kept for imbalanced-learn compatibility; smotekit's neighbour search picks its own
        threads.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows before cleaning}`` for each class that may be cleaned.
    sample_indices_ : ndarray
        Positions in X of the rows kept.
    edited_nearest_neighbours_ : sampler
        The fitted sampler that found A1.
    nn_ : estimator
        The neighbour search around the minority rows.
    classes_to_clean_ : list
        The classes A2 may hold rows of.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import NeighbourhoodCleaningRule
    >>> X, y = make_classification(n_samples=500, weights=[0.8, 0.2], flip_y=0.1,
    ...                            random_state=0)
    >>> X_res, y_res = NeighbourhoodCleaningRule().fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 299), (1, 112)]
    """

    _sampling_type = CLEAN

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        edited_nearest_neighbours=None,
        n_neighbors=3,
        threshold_cleaning=0.5,
        n_jobs=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.edited_nearest_neighbours = edited_nearest_neighbours
        self.n_neighbors = n_neighbors
        self.threshold_cleaning = threshold_cleaning
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [
            {},
            {
                "edited_nearest_neighbours": EditedNearestNeighbours(n_neighbors=2),
                "n_neighbors": 4,
                "threshold_cleaning": 1.5,
                "sampling_strategy": "all",
            },
        ]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"threshold_cleaning": 0}, "threshold_cleaning must be a number > 0; got 0"),
            ({"edited_nearest_neighbours": 3}, "edited_nearest_neighbours must be None or a"),
            ({"n_neighbors": 0}, "n_neighbors must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        threshold = self.threshold_cleaning
        if (
            isinstance(threshold, bool)
            or not isinstance(threshold, numbers.Real)
            or not threshold > 0
        ):
            raise ValueError(f"threshold_cleaning must be a number > 0; got {describe(threshold)}.")
        editor = self.edited_nearest_neighbours
        if editor is not None and not hasattr(editor, "fit_resample"):
            raise ValueError(
                "edited_nearest_neighbours must be None or a sampler with fit_resample (such "
                f"as EditedNearestNeighbours); got {describe(editor)}."
            )
        neighbors.make_estimator(self.n_neighbors, "n_neighbors")

    def _select(self, X, y, targets, streams) -> np.ndarray:
        from sklearn.base import clone

        if self.edited_nearest_neighbours is None:
            editor = EditedNearestNeighbours(
                sampling_strategy=self.sampling_strategy,
                n_neighbors=self.n_neighbors,
                kind_sel="mode",
                n_jobs=self.n_jobs,
            )
        else:
            editor = clone(self.edited_nearest_neighbours)
        editor.fit_resample(X, y)
        self.edited_nearest_neighbours_ = editor
        keep = np.zeros(y.shape[0], dtype=bool)
        keep[np.asarray(editor.sample_indices_)] = True

        labels, counts = np.unique(y, return_counts=True)
        minority = labels[np.argmin(counts)]
        self.classes_to_clean_ = [
            label
            for label, count in zip(labels.tolist(), counts.tolist(), strict=True)
            if label in targets and count > counts.min() * self.threshold_cleaning
        ]
        self.nn_ = neighbors.make_estimator(self.n_neighbors, "n_neighbors")
        k = neighbors.n_neighbors_of(self.nn_)
        check_enough_rows(y.shape[0], k, "n_neighbors")
        minority_rows = np.flatnonzero(y == minority)
        around = neighbors.among(X, minority_rows, self.nn_)
        wrong = vote(y[minority_rows], y[around[:, : k - 1]], labels) != minority
        near = np.unique(around[wrong])
        keep[near[np.isin(y[near], self.classes_to_clean_)]] = False
        return np.flatnonzero(keep)
