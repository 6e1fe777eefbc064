"""Edited nearest neighbours: remove rows their neighbourhood disagrees with."""

from __future__ import annotations

import numpy as np

from .. import neighbors
from .._base import BaseUnderSampler
from .._strategy import CLEAN
from .._validation import check_choice, check_enough_rows

KINDS = ("all", "mode")


class EditedNearestNeighbours(BaseUnderSampler):
    """Edited Nearest Neighbours (Wilson, 1972): remove rows misclassified by their
    ``n_neighbors`` nearest rows.

    Only rows of the classes named by ``sampling_strategy`` (by default every class but the
    minority) can go. With ``kind_sel="all"`` a row stays only when all its neighbours share
    its class; with ``"mode"`` when no other class is more common among them than its own
    (a tie keeps the row; imbalanced-learn removes it unless its label sorts first). A
    drop-in for ``imblearn.under_sampling.EditedNearestNeighbours``; kept rows stay in
    their input order.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        The classes rows may be removed from: ``"auto"`` (= ``"not minority"``),
        ``"majority"``, ``"not minority"``, ``"not majority"``, ``"all"``, or a list of
        labels.
    n_neighbors : int or estimator, default=3
        Neighbours that judge each row, or a ``NearestNeighbors``-like object (asked for
        ``n_neighbors`` rows including the row itself).
    kind_sel : {"all", "mode"}, default="all"
        How many neighbours must agree with a row for it to stay (see above).
    n_jobs : None or int, default=None
        Kept for imbalanced-learn compatibility; smotekit's neighbour search picks its own
        threads.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows before cleaning}`` for each class that may be cleaned.
    sample_indices_ : ndarray
        Positions in X of the rows kept.
    nn_ : estimator
        The neighbour search.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import EditedNearestNeighbours
    >>> X = np.array([[0.0], [0.1], [0.2], [5.0], [5.1], [5.2], [5.15]])
    >>> y = np.array([0, 0, 0, 1, 1, 1, 0])
    >>> enn = EditedNearestNeighbours(n_neighbors=2)
    >>> X_res, y_res = enn.fit_resample(X, y)
    >>> enn.sample_indices_.tolist(), y_res.tolist()
    ([0, 1, 2, 3, 4, 5], [0, 0, 0, 1, 1, 1])
    """

    _sampling_type = CLEAN

    def __init__(self, *, sampling_strategy="auto", n_neighbors=3, kind_sel="all", n_jobs=None):
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"kind_sel": "mode", "n_neighbors": 4, "sampling_strategy": "all"}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"kind_sel": "most"}, "kind_sel must be one of 'all', 'mode'"),
            ({"n_neighbors": 0}, "n_neighbors must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        check_choice("kind_sel", self.kind_sel, KINDS)
        neighbors.make_estimator(self.n_neighbors, "n_neighbors")

    def _select(self, X, y, targets, streams) -> np.ndarray:
        self.nn_ = neighbors.make_estimator(self.n_neighbors, "n_neighbors")
        return np.flatnonzero(edit(X, y, targets, self.nn_, self.kind_sel, self.classes_))


def edit(X, y: np.ndarray, cleaned, estimator, kind_sel: str, classes) -> np.ndarray:
    """Mask of the rows to keep after one editing pass (Wilson, 1972).

    Rows of the classes in ``cleaned`` are judged by their ``n_neighbors_of(estimator)``
    nearest other rows of X (see :class:`EditedNearestNeighbours` for ``kind_sel``); rows
    of other classes are always kept. ``classes`` lists every label of y.
    """
    k = neighbors.n_neighbors_of(estimator)
    check_enough_rows(y.shape[0], k, "n_neighbors")
    judged = np.flatnonzero(np.isin(y, list(cleaned)))
    around = y[neighbors.among(X, judged, estimator)]
    own = y[judged]
    agree = (around == own[:, None]).sum(axis=1)
    if kind_sel == "all":
        kept = agree == k
    else:
        most = np.max([(around == label).sum(axis=1) for label in classes], axis=0)
        kept = agree >= most
    keep = np.ones(y.shape[0], dtype=bool)
    keep[judged[~kept]] = False
    return keep
