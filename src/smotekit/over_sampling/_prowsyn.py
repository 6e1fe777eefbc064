"""ProWSyn: more synthetic rows from the class rows closest to the other classes."""

from __future__ import annotations

import numbers

import numpy as np

from .. import neighbors
from .._base import BaseOverSampler
from .._plan import Plan
from .._validation import check_positive_int, describe
from ._common import apportion, classes_to_grow, skip_class
from ._query import nearest


def proximity_levels(X, y, rows, label, estimator, k: int, n_levels: int) -> np.ndarray:
    """Proximity level (1..n_levels) of each class row (ProWSyn's partitioning).

    Level 1 holds the ``k`` class rows nearest to each row of the other classes; they are
    set aside and level 2 is found the same way among the class rows left, and so on for
    levels ``1..n_levels - 1``; the rows never reached get level ``n_levels``.
    """
    others = X[y != label]
    level = np.full(rows.size, n_levels, dtype=np.int64)
    left = np.arange(rows.size)
    for current in range(1, n_levels):
        if left.size == 0:
            break
        if left.size <= k and others.shape[0]:  # each other-class row reaches all the rest
            level[left] = current
            break
        found = nearest(estimator, X[rows[left]], others, k)
        reached = np.unique(found)
        level[left[reached]] = current
        left = np.delete(left, reached)
    return level


class ProWSyn(BaseOverSampler):
    """Proximity Weighted Synthetic over-sampling (Barua, Islam and Murase, 2013).

    The class rows are split into proximity levels by their distance to the other classes:
    level 1 holds the ``n_neighbors`` class rows nearest to each row of the other classes;
    those are set aside and level 2 is found the same way among the rest, up to level
    ``levels - 1``; the rows left get level ``levels``. Level ``i`` gets the weight
    ``exp(-theta * (i - 1))``, and the class's synthetic rows are shared between the levels
    in proportion to their weights (exactly, by largest remainders). A synthetic row of a
    level lies on the segment between two distinct rows of that level, drawn uniformly,
    at a step ``t ~ U(0, 1)``. Several classes may grow: the rows of all other classes play
    the majority's part.

    Barua, S., Islam, M. M. and Murase, K., "ProWSyn: Proximity Weighted Synthetic
    Oversampling Technique for Imbalanced Data Set Learning", Advances in Knowledge
    Discovery and Data Mining (PAKDD), LNCS 7819, 2013, pp. 317-328.

    Differences from smote-variants 1.0.1, following the paper: it runs ``L`` partitioning
    rounds and then gives the rows left the same level ``L`` as the last round's (two
    partitions share a level); here rounds ``1..L-1`` and the rest at level ``L``. It draws
    each synthetic row's level at random (counts that vary from run to run); here the
    shares are exact. A level of a single row cannot make a segment: it gets no rows (its
    share goes to the other levels), where smote-variants copies the row.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    n_neighbors : int or estimator, default=5
        ``K``: class rows taken per other-class row in each partitioning round, or a
        ``NearestNeighbors``-like object (its ``n_neighbors`` minus one is used).
    levels : int, default=5
        ``L``: the number of proximity levels.
    theta : float, default=1.0
        How fast the weight falls from one level to the next (``theta >= 0``; 0 weighs all
        levels alike).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    proximity_levels_ : dict
        ``{label: level of each class row}``, in the order of the class's rows in X.
    level_counts_ : dict
        ``{label: {level: synthetic rows made from it}}``.
    skipped_classes_ : dict
        ``{label: reason}`` for each class that got no rows (no level with two rows).
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of each synthetic row, as for :class:`~smotekit.SMOTE`.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import ProWSyn
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = ProWSyn(random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> counts = sampler.level_counts_[1]
    >>> counts[1] > counts[2] > counts[3]
    True
    """

    _k_neighbors_alias = "n_neighbors"

    def __init__(
        self, *, sampling_strategy="auto", random_state=None, n_neighbors=5, levels=5, theta=1.0
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.levels = levels
        self.theta = theta

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"n_neighbors": 3, "levels": 3, "theta": 0.5}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"levels": 0}, "levels must be an int >= 1"),
            ({"theta": -1.0}, "theta must be a finite number >= 0"),
            ({"n_neighbors": 0}, "n_neighbors must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        neighbors.make_estimator(self.n_neighbors, "n_neighbors")
        check_positive_int("levels", self.levels)
        theta = self.theta
        if (
            isinstance(theta, bool)
            or not isinstance(theta, numbers.Real)
            or not 0 <= theta < np.inf
        ):
            raise ValueError(f"theta must be a finite number >= 0; got {describe(theta)}.")

    def _plan(self, X, y, targets, streams) -> Plan:
        self.nn_ = neighbors.make_estimator(self.n_neighbors, "n_neighbors")
        k = neighbors.n_neighbors_of(self.nn_)
        self.proximity_levels_, self.level_counts_, self.skipped_classes_ = {}, {}, {}
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets):
            level = proximity_levels(X, y, rows, label, self.nn_, k, self.levels)
            self.proximity_levels_[label] = level
            sizes = np.bincount(level, minlength=self.levels + 1)[1:]
            weight = np.exp(-float(self.theta) * np.arange(self.levels)) * (sizes >= 2)
            if not weight.any():
                skip_class(
                    self,
                    label,
                    f"no proximity level holds two of its {rows.size} rows, so no segment "
                    "lies within a level. Use fewer levels or a larger n_neighbors.",
                )
                continue
            counts = apportion(n_new, weight)
            self.level_counts_[label] = {i + 1: int(c) for i, c in enumerate(counts)}
            plans.append(self._level_segments(rows, level, counts, streams[label], label))
        return Plan.concat(plans, y.dtype)

    @staticmethod
    def _level_segments(rows, level, counts, rng, label) -> Plan:
        """``counts[i]`` segments between two distinct rows of level ``i + 1`` each."""
        order = np.argsort(level, kind="stable")  # class rows grouped by level
        sizes = np.bincount(level, minlength=counts.size + 1)[1:]
        first = np.cumsum(sizes) - sizes
        of_row = np.repeat(np.arange(counts.size), counts)  # level index per synthetic row
        size = sizes[of_row]
        base = rng.integers(0, np.maximum(size, 1))
        partner = (base + 1 + rng.integers(0, np.maximum(size - 1, 1))) % np.maximum(size, 1)
        step = rng.random(of_row.size)
        start = first[of_row]
        return Plan(
            rows[order[start + base]],
            rows[order[start + partner]],
            step,
            np.full(of_row.size, label),
        )
