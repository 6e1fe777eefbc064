"""Safe-Level-SMOTE: steps along each segment limited to the safer end."""

from __future__ import annotations

import numpy as np

from .. import neighbors
from .._base import BaseOverSampler
from .._plan import Plan
from .._validation import check_enough_rows
from ._common import (
    as_float,
    classes_to_grow,
    finish_offsets,
    offset_plan,
    refuse_sparse,
    skip_class,
)


def gap_range(slp: np.ndarray, sln: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(low, high)`` of the gap drawn for a pair of safe levels (the paper's cases).

    ``sln = 0``: the gap is 0 (a copy of the base); equal levels: [0, 1]; a safer base
    (``slp > sln``): [0, sln / slp], near the base; a safer neighbour: [1 - slp / sln, 1],
    near the neighbour.

    Examples
    --------
    >>> low, high = gap_range(np.array([4, 2, 1, 3]), np.array([0, 2, 4, 1]))
    >>> low.tolist(), [round(h, 4) for h in high.tolist()]
    ([0.0, 0.0, 0.75, 0.0], [0.0, 1.0, 1.0, 0.3333])
    """
    slp = np.asarray(slp, dtype=np.float64)
    sln = np.asarray(sln, dtype=np.float64)
    low = np.zeros(slp.shape)
    high = np.ones(slp.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        safer_base = slp > sln
        high[safer_base] = sln[safer_base] / slp[safer_base]
        safer_neighbor = slp < sln
        low[safer_neighbor] = 1.0 - slp[safer_neighbor] / sln[safer_neighbor]
    return low, high


class SafeLevelSMOTE(BaseOverSampler):
    """Safe-Level-SMOTE (Bunkhumpornpat, Sinapiromsaran and Lursinsap, 2009).

    The *safe level* of a row is the number of rows of the class being grown among its
    ``k_neighbors`` nearest rows of all X. A synthetic row takes a class row ``p`` and one
    of its ``k_neighbors`` nearest rows ``n`` (of any class, as in the paper: the safe
    level and the neighbour come from the same neighbourhood), with safe levels ``slp``
    and ``sln``, and moves from ``p`` towards ``n`` by a gap drawn per feature:

    * ``sln = 0`` (and ``slp > 0``): gap 0, a copy of ``p``;
    * ``slp = sln``: gap ~ U(0, 1);
    * ``slp > sln``: gap ~ U(0, sln / slp), so it stays near the safer ``p``;
    * ``slp < sln``: gap ~ U(1 - slp / sln, 1), so it lands near the safer ``n``;
    * ``slp = sln = 0``: the pair makes nothing.

    The paper visits each class row, picks one neighbour at random and skips the pairs
    that make nothing; drawing pairs uniformly among the pairs that do make a row is the
    same distribution, and gives exactly the number of rows asked for. Classes are grown
    one against the rest.

    Because the gap is drawn per feature (as in the paper and in smote-variants), a row lies
    in the box spanned by ``p`` and ``n``, not on the segment. Its provenance says so:
    ``synthetic_parents_`` holds ``(p, n)``, ``synthetic_steps_`` the mean gap, and
    ``synthetic_offsets_`` the rest, so ``row = p + step * (n - p) + offset``.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k_neighbors : int or estimator, default=5
        Neighbours (of all X) that define the safe levels and that a row moves towards.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    safe_levels_ : dict
        ``{label: safe level of each class row}``, in the order of the class's rows in X.
    skipped_classes_ : dict
        ``{label: reason}`` for a class none of whose pairs can make a row.
    synthetic_parents_, synthetic_steps_ : ndarray
        ``(p, n)`` and the mean gap of each synthetic row.
    synthetic_offsets_ : ndarray of shape (n_new, n_features)
        What the per-feature gaps add to ``p + step * (n - p)``.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    References
    ----------
    C. Bunkhumpornpat, K. Sinapiromsaran and C. Lursinsap, "Safe-Level-SMOTE:
    Safe-Level-Synthetic Minority Over-Sampling TEchnique for Handling the Class Imbalanced
    Problem", PAKDD 2009, LNCS 5476, pp. 475-482.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import SafeLevelSMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> X_res, y_res = SafeLevelSMOTE(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    """

    def __init__(self, *, sampling_strategy="auto", random_state=None, k_neighbors=5):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"k_neighbors": 3}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [({"k_neighbors": 0}, "k_neighbors must be an int >= 1")]

    def _check_params(self) -> None:
        neighbors.make_estimator(self.k_neighbors)

    def _accepts_sparse(self) -> bool:
        return False  # dense rows only (refuse_sparse)

    def _plan(self, X, y, targets, streams) -> Plan:
        refuse_sparse(self, X)
        self.nn_k_ = neighbors.make_estimator(self.k_neighbors)
        k = neighbors.n_neighbors_of(self.nn_k_)
        self.safe_levels_ = {}
        self.skipped_classes_ = {}
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets):
            check_enough_rows(X.shape[0], k, "k_neighbors")
            nearest = neighbors.among(X, rows, self.nn_k_)
            # Safe levels of the class rows, then of the other rows that are some class row's
            # neighbour (only those need a second search).
            slp = (y[nearest] == label).sum(axis=1)
            level = np.zeros(X.shape[0], dtype=np.int64)
            level[rows] = slp
            needed = np.setdiff1d(np.unique(nearest), rows)
            if needed.size:
                level[needed] = (y[neighbors.among(X, needed, self.nn_k_)] == label).sum(axis=1)
            self.safe_levels_[label] = slp
            sln = level[nearest]
            makes_a_row = (slp[:, None] > 0) | (sln > 0)
            pairs = np.flatnonzero(makes_a_row)
            if pairs.size == 0:
                skip_class(
                    self,
                    label,
                    f"every one of its {rows.size} rows and each of their k_neighbors={k} "
                    "nearest rows has safe level 0 (no row of the class among its neighbours); "
                    "try a larger k_neighbors.",
                )
                continue
            rng = streams[label]
            pick = pairs[rng.integers(0, pairs.size, size=n_new)]
            seed, column = np.divmod(pick, k)
            low, high = gap_range(slp[seed], sln[seed, column])
            gap = low[:, None] + (high - low)[:, None] * rng.random((n_new, X.shape[1]))
            base, toward = rows[seed], nearest[seed, column]
            step = gap.mean(axis=1)
            difference = as_float(X[toward]) - as_float(X[base])
            offsets = (gap - step[:, None]) * difference
            plans.append(offset_plan(base, toward, step, offsets, label))
        return finish_offsets(self, Plan.concat(plans, y.dtype), X.shape[1])
