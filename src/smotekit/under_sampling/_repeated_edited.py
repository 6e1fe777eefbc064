"""Editing repeated: ENN's pass run again until it settles (RENN) or with a growing
neighbourhood (AllKNN), stopping before a cleaned class falls below the minority."""

from __future__ import annotations

import numpy as np

from .. import neighbors
from .._base import BaseUnderSampler
from .._strategy import CLEAN, resolve_sampling_strategy
from .._validation import check_choice, check_positive_int
from ._edited import KINDS, edit


class _RepeatedEditing(BaseUnderSampler):
    """Shared loop: each pass edits the rows still kept; ``_passes`` yields each pass's search.

    Each pass re-reads ``sampling_strategy`` on the rows still kept (a named strategy such
    as ``"majority"`` may then name another class), as imbalanced-learn does. The loop stops
    after a pass that leaves a cleaned class smaller than the minority was at the start, or
    that removes a class altogether.
    """

    _sampling_type = CLEAN
    _may_shrink_below_minority = False

    def _check_params(self) -> None:
        check_choice("kind_sel", self.kind_sel, KINDS)
        neighbors.make_estimator(self.n_neighbors, "n_neighbors")

    def _select(self, X, y, targets, streams) -> np.ndarray:
        self.nn_ = neighbors.make_estimator(self.n_neighbors, "n_neighbors")
        labels, counts = np.unique(y, return_counts=True)
        minority = labels[np.argmin(counts)]
        kept = np.arange(y.shape[0])
        passes = 0
        for estimator in self._passes():
            passes += 1
            y_kept = y[kept]
            cleaned = resolve_sampling_strategy(self.sampling_strategy, y_kept, CLEAN)
            before = kept.size
            kept = kept[edit(X[kept], y_kept, cleaned, estimator, self.kind_sel, self.classes_)]
            left, left_counts = np.unique(y[kept], return_counts=True)
            vanished = left.size < labels.size
            shrunk = not self._may_shrink_below_minority and bool(
                (left_counts[left != minority] < counts.min()).any()
            )
            if vanished or shrunk or self._settled(before, kept.size):
                break
        self.n_iter_ = passes
        return kept

    def _settled(self, before: int, after: int) -> bool:
        return False


class RepeatedEditedNearestNeighbours(_RepeatedEditing):
    """Repeated Edited Nearest Neighbours (Tomek, 1976): run
    :class:`~smotekit.EditedNearestNeighbours` again on the rows it kept, until a pass
    removes nothing or ``max_iter`` passes have run.

    The loop also stops after a pass that leaves a cleaned class with fewer rows than the
    minority class had, or that removes a class. A drop-in for
    ``imblearn.under_sampling.RepeatedEditedNearestNeighbours`` (the same rows are kept);
    kept rows stay in their input order.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        The classes rows may be removed from, as for
        :class:`~smotekit.EditedNearestNeighbours`; read again before every pass.
    n_neighbors : int or estimator, default=3
        Neighbours that judge each row, or a ``NearestNeighbors``-like object (asked for
        ``n_neighbors`` rows including the row itself).
    max_iter : int, default=100
        Most editing passes.
    kind_sel : {"all", "mode"}, default="all"
        How many neighbours must agree with a row for it to stay, as for
        :class:`~smotekit.EditedNearestNeighbours`.
    n_jobs : None or int, default=None
        Kept for imbalanced-learn compatibility; smotekit's neighbour search picks its own
        threads.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows before cleaning}`` for each class that may be cleaned.
    sample_indices_ : ndarray
        Positions in X of the rows kept.
    n_iter_ : int
        Editing passes run.
    nn_ : estimator
        The neighbour search.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import RepeatedEditedNearestNeighbours
    >>> X, y = make_classification(n_samples=500, weights=[0.8, 0.2], flip_y=0.1,
    ...                            random_state=0)
    >>> renn = RepeatedEditedNearestNeighbours()
    >>> X_res, y_res = renn.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items()), renn.n_iter_
    ([(0, 282), (1, 112)], 4)
    """

    def __init__(
        self, *, sampling_strategy="auto", n_neighbors=3, max_iter=100, kind_sel="all", n_jobs=None
    ):
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.max_iter = max_iter
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"kind_sel": "mode", "max_iter": 2, "sampling_strategy": "all"}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"max_iter": 0}, "max_iter must be an int >= 1; got 0"),
            ({"kind_sel": "any"}, "kind_sel must be one of 'all', 'mode'"),
            ({"n_neighbors": -1}, "n_neighbors must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        super()._check_params()
        check_positive_int("max_iter", self.max_iter)

    def _passes(self):
        for _ in range(self.max_iter):
            yield self.nn_

    def _settled(self, before: int, after: int) -> bool:
        return before == after


class AllKNN(_RepeatedEditing):
    """All k-NN (Tomek, 1976): editing passes with 1, 2, ..., ``n_neighbors`` neighbours,
    each on the rows the previous pass kept.

    The passes stop early when one leaves a cleaned class with fewer rows than the
    minority class had (unless ``allow_minority=True``), or removes a class. A drop-in for
    ``imblearn.under_sampling.AllKNN`` (the same rows are kept); kept rows stay in their
    input order.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        The classes rows may be removed from, as for
        :class:`~smotekit.EditedNearestNeighbours`; read again before every pass.
    n_neighbors : int or estimator, default=3
        Largest neighbourhood, or a ``NearestNeighbors``-like object (its ``n_neighbors``
        counts the row itself); each pass uses that object with ``n_neighbors`` set.
    kind_sel : {"all", "mode"}, default="all"
        How many neighbours must agree with a row for it to stay, as for
        :class:`~smotekit.EditedNearestNeighbours`.
    allow_minority : bool, default=False
        Keep editing when a cleaned class falls below the minority class's size.
    n_jobs : None or int, default=None
        Kept for imbalanced-learn compatibility; smotekit's neighbour search picks its own
        threads.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows before cleaning}`` for each class that may be cleaned.
    sample_indices_ : ndarray
        Positions in X of the rows kept.
    n_iter_ : int
        Editing passes run.
    nn_ : estimator
        The neighbour search of the largest neighbourhood.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import AllKNN
    >>> X, y = make_classification(n_samples=500, weights=[0.8, 0.2], flip_y=0.1,
    ...                            random_state=0)
    >>> X_res, y_res = AllKNN().fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 287), (1, 112)]
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_neighbors=3,
        kind_sel="all",
        allow_minority=False,
        n_jobs=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.allow_minority = allow_minority
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"kind_sel": "mode", "n_neighbors": 4, "allow_minority": True}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"allow_minority": "yes"}, "allow_minority must be True or False; got 'yes'"),
            ({"kind_sel": "most"}, "kind_sel must be one of 'all', 'mode'"),
        ]

    def _check_params(self) -> None:
        super()._check_params()
        if not isinstance(self.allow_minority, bool | np.bool_):
            raise ValueError(f"allow_minority must be True or False; got {self.allow_minority!r}.")

    @property
    def _may_shrink_below_minority(self) -> bool:
        return bool(self.allow_minority)

    def _passes(self):
        from sklearn.base import clone

        for k in range(1, neighbors.n_neighbors_of(self.nn_) + 1):
            if isinstance(self.n_neighbors, (int, np.integer)):
                yield neighbors.make_estimator(k, "n_neighbors")
            else:
                yield neighbors.make_estimator(clone(self.nn_).set_params(n_neighbors=k + 1))
