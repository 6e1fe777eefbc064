"""ADASYN: more synthetic rows from the class rows surrounded by other classes."""

from __future__ import annotations

import numpy as np

from .. import neighbors
from .._base import BaseOverSampler, class_graph
from .._plan import Plan
from .._validation import check_enough_rows
from ._common import (
    apportion,
    classes_to_grow,
    other_class_counts,
    seeded_plan,
)


class ADASYN(BaseOverSampler):
    """Adaptive Synthetic sampling (He, Bai, Garcia and Li, 2008).

    Each class row gets a share of the class's synthetic rows proportional to its
    *hardness*: the fraction of its ``n_neighbors`` nearest rows (of any class) that belong
    to another class. Each synthetic row then moves from its seed towards one of the seed's
    ``n_neighbors`` nearest rows of the same class, at a step ``t ~ U(0, 1)``.

    A drop-in for ``imblearn.over_sampling.ADASYN``, with two fixes: the counts are exactly
    the ones asked for (the shares are apportioned by largest remainders instead of being
    rounded one by one), and a class none of whose rows has another class among its
    neighbours raises an error that says so.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    n_neighbors : int or estimator, default=5
        Neighbours that measure hardness and that synthetic rows move towards, or a
        ``NearestNeighbors``-like object (asked for ``n_neighbors`` rows including the row
        itself).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    hardness_ : dict
        ``{label: fraction of other-class rows among each class row's neighbours}``, in
        the order of the class's rows in X.
    nn_ : estimator
        The neighbour search (fitted on the last class).
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of each synthetic row, as for :class:`~smotekit.SMOTE`.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import ADASYN
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> X_res, y_res = ADASYN(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    """

    _k_neighbors_alias = "n_neighbors"  # what the CLI's --k-neighbors sets

    def __init__(self, *, sampling_strategy="auto", random_state=None, n_neighbors=5):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"n_neighbors": 3}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [({"n_neighbors": -1}, "n_neighbors must be an int >= 1")]

    def _check_params(self) -> None:
        neighbors.make_estimator(self.n_neighbors, "n_neighbors")

    def _plan(self, X, y, targets, streams) -> Plan:
        self.nn_ = neighbors.make_estimator(self.n_neighbors, "n_neighbors")
        k = neighbors.n_neighbors_of(self.nn_)
        self.hardness_ = {}
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets, k, "n_neighbors"):
            check_enough_rows(X.shape[0], k, "n_neighbors")
            hardness = other_class_counts(X, y, rows, self.nn_) / k
            self.hardness_[label] = hardness
            if not hardness.any():
                raise ValueError(
                    f"ADASYN: no row of class {label!r} has a row of another class among its "
                    f"n_neighbors={k} nearest rows, so there is no hard region to favour. Use "
                    "SMOTE, or a larger n_neighbors."
                )
            seeds = np.repeat(np.arange(rows.size), apportion(n_new, hardness))
            nearest = class_graph(X[rows], self.nn_)
            plans.append(seeded_plan(rows, nearest, seeds, streams[label], label))
        return Plan.concat(plans, y.dtype)
