"""MWMOTE: weight the informative borderline class rows, interpolate within clusters."""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .. import neighbors
from .._base import BaseOverSampler, class_graph
from .._plan import Plan
from .._validation import check_enough_rows, check_positive_int
from ._common import (
    as_float,
    check_number,
    classes_to_grow,
    nearest_other_rows,
    other_class_counts,
    refuse_sparse,
    skip_class,
)


def closeness(distances: np.ndarray, n_features: int, cf_th: float, cmax: float) -> np.ndarray:
    """The closeness factor ``C_f(y, x)`` of eq. (6): ``min(1 / d_n, cf_th) / cf_th * cmax``
    with ``d_n`` the Euclidean distance divided by the number of features.

    Examples
    --------
    >>> closeness(np.array([0.0, 1.0, 4.0]), 2, cf_th=5.0, cmax=2.0).tolist()
    [2.0, 0.8, 0.2]
    """
    normalised = distances / n_features
    with np.errstate(divide="ignore"):
        inverse = np.where(normalised > 0, 1.0 / np.where(normalised > 0, normalised, 1), np.inf)
    return np.minimum(inverse, cf_th) / cf_th * cmax


def selection_weights(distances: np.ndarray, nearest: np.ndarray, n_rows: int, **factors):
    """``S_w(x)`` for the class rows: the sum over borderline rows ``y`` of the information
    weight ``I_w(y, x) = C_f(y, x) * D_f(y, x)``, ``D_f`` being ``C_f`` normalised over
    ``y``'s ``k3`` nearest class rows (the only ``x`` with ``C_f(y, x) > 0``).

    ``distances`` / ``nearest`` (n_borderline x k3): each borderline row's nearest class rows
    (local indices) and their distances.
    """
    cf = closeness(distances, **factors)
    total = cf.sum(axis=1, keepdims=True)
    information = cf * np.divide(cf, total, out=np.zeros_like(cf), where=total > 0)
    return np.bincount(nearest.ravel(), weights=information.ravel(), minlength=n_rows)


def threshold_clusters(X_class: np.ndarray, nearest: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster label of each class row: rows joined by a neighbour link shorter than
    ``threshold`` share a cluster (single linkage on the k-nearest-neighbour graph)."""
    n, k = nearest.shape
    source = np.repeat(np.arange(n), k)
    length = np.linalg.norm(X_class[source] - X_class[nearest.ravel()], axis=1)
    keep = length < threshold
    graph = coo_matrix(
        (np.ones(int(keep.sum())), (source[keep], nearest.ravel()[keep])), shape=(n, n)
    )
    return connected_components(graph, directed=False)[1]


class MWMOTE(BaseOverSampler):
    """Majority Weighted Minority Over-sampling TEchnique (Barua, Islam, Yao and Murase, 2014).

    For each class grown (one against the rest):

    1. class rows all of whose ``k1`` nearest rows (of all X) are of other classes are noise
       and are dropped (the filtered set ``S_minf``);
    2. the ``k2`` nearest other-class rows of each ``S_minf`` row form the borderline set
       ``S_bmaj``;
    3. the ``k3`` nearest class rows of each ``S_bmaj`` row form the informative set ``S_imin``;
    4. each informative row ``x`` gets the selection weight ``S_w(x) = sum_y C_f(y, x) *
       D_f(y, x)`` over the borderline rows ``y`` that have it among their ``k3``: the
       closeness ``C_f`` grows as ``x`` gets nearer to ``y`` (capped by ``cf_th``, scaled to
       ``cmax``), and ``D_f`` shares ``y``'s closeness among its informative rows, so rows
       near the border, and near sparse parts of it, weigh most;
    5. the class rows are clustered with a distance threshold ``T_h = C_p * d_avg``
       (``d_avg``: mean distance of an ``S_minf`` row to its nearest ``S_minf`` row);
    6. each synthetic row takes a seed ``x`` drawn with probability ``S_w(x) / sum S_w``, a
       row ``y`` drawn uniformly from ``x``'s cluster, and ``x + a * (y - x)``, ``a ~ U(0, 1)``.

    Deviations, both for memory O(n k) (the paper's steps need every pair of rows):

    * the paper clusters with average linkage; here rows linked in their
      ``k1``-nearest-neighbour graph by an edge shorter than ``T_h`` share a cluster
      (single linkage on that graph, which may join more rows than average linkage);
    * the paper's default ``k3 = |S_min| / 2`` makes the weights quadratic; the default
      here is 5 (pass a larger ``k3`` to approach the paper).

    Where smote-variants differs from the paper, this follows the paper: smote-variants
    computes ``C_f(y, x)`` for every informative ``x`` (not only ``y``'s ``k3`` nearest)
    and squares it once more; its default ``cmax`` is 10 (paper: 2).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k1, k2, k3 : int, default=5, 3, 5
        Neighbours of the noise filter, of the borderline set and of the informative set.
    cp : float, default=3.0
        Cluster threshold ``T_h = cp * d_avg``.
    cf_th : float, default=5.0
        Cap of the closeness factor.
    cmax : float, default=2.0
        Largest closeness factor.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    selection_weights_ : dict
        ``{label: S_w of each class row}`` (0 for rows that are not informative), in the
        order of the class's rows in X.
    clusters_ : dict
        ``{label: cluster of each class row}``.
    skipped_classes_ : dict
        ``{label: reason}`` for a class all of whose rows are noise.
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of each synthetic row, as for :class:`~smotekit.SMOTE`.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    References
    ----------
    S. Barua, M. M. Islam, X. Yao and K. Murase, "MWMOTE--Majority Weighted Minority
    Oversampling Technique for Imbalanced Data Set Learning", IEEE Transactions on
    Knowledge and Data Engineering 26(2) (2014), pp. 405-425.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import MWMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = MWMOTE(random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> import numpy as np
    >>> seeds = np.searchsorted(np.flatnonzero(y == 1), sampler.synthetic_parents_[:, 0])
    >>> bool(np.all(sampler.selection_weights_[1][seeds] > 0))
    True
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k1=5,
        k2=3,
        k3=5,
        cp=3.0,
        cf_th=5.0,
        cmax=2.0,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k1 = k1
        self.k2 = k2
        self.k3 = k3
        self.cp = cp
        self.cf_th = cf_th
        self.cmax = cmax

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"k1": 3, "k2": 2, "k3": 3, "cp": 1.0}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"k1": 0}, "k1 must be an int >= 1"),
            ({"k3": 2.5}, "k3 must be an int >= 1"),
            ({"cp": 0}, "cp must be a number > 0"),
            ({"cmax": "big"}, "cmax must be a number > 0"),
        ]

    def _check_params(self) -> None:
        for name in ("k1", "k2", "k3"):
            check_positive_int(name, getattr(self, name))
        for name in ("cp", "cf_th", "cmax"):
            check_number(name, getattr(self, name), 0.0, open_low=True)

    def _accepts_sparse(self) -> bool:
        return False  # dense rows only (refuse_sparse)

    def _plan(self, X, y, targets, streams) -> Plan:
        refuse_sparse(self, X)
        self.selection_weights_ = {}
        self.clusters_ = {}
        self.skipped_classes_ = {}
        plans = []
        search_k1 = neighbors.make_estimator(self.k1, "k1")
        # Any class of 2 rows or more can grow; its cluster graph links each row to at
        # most k1 others of the class.
        for label, n_new, rows in classes_to_grow(y, targets, 1, "k1"):
            check_enough_rows(X.shape[0], self.k1, "k1")
            noise = other_class_counts(X, y, rows, search_k1) == self.k1
            if noise.all():
                skip_class(
                    self,
                    label,
                    f"all its {rows.size} rows are noise (their k1={self.k1} nearest rows are "
                    "all of other classes); try a larger k1.",
                )
                continue
            filtered = rows[~noise]
            others = np.flatnonzero(y != label)
            _, borderline = nearest_other_rows(X, filtered, others, self.k2)
            borderline = np.unique(borderline)
            local = np.full(X.shape[0], -1, dtype=np.intp)
            local[rows] = np.arange(rows.size)
            dist, informative = nearest_other_rows(X, borderline, rows, self.k3)
            weights = selection_weights(
                dist,
                local[informative],
                rows.size,
                n_features=X.shape[1],
                cf_th=float(self.cf_th),
                cmax=float(self.cmax),
            )
            self.selection_weights_[label] = weights
            X_class = as_float(X[rows])
            link = neighbors.make_estimator(min(self.k1, rows.size - 1), "k1")
            nearest = class_graph(X[rows], link)
            d_avg = self._mean_nearest_distance(X, filtered)
            clusters = threshold_clusters(X_class, nearest, float(self.cp) * d_avg)
            self.clusters_[label] = clusters
            plans.append(self._cluster_plan(rows, weights, clusters, n_new, streams[label], label))
        return Plan.concat(plans, y.dtype)

    @staticmethod
    def _mean_nearest_distance(X, filtered: np.ndarray) -> float:
        if filtered.size < 2:
            return 0.0
        dist, _ = nearest_other_rows(X, filtered, filtered, 2)
        return float(dist[:, 1].mean())

    @staticmethod
    def _cluster_plan(rows, weights, clusters, n_new, rng, label) -> Plan:
        seeds = rng.choice(rows.size, size=n_new, p=weights / weights.sum())
        order = np.argsort(clusters, kind="stable")
        sizes = np.bincount(clusters)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        cluster = clusters[seeds]
        mate = order[starts[cluster] + (rng.random(n_new) * sizes[cluster]).astype(np.intp)]
        step = rng.random(n_new)
        return Plan(base=rows[seeds], neighbor=rows[mate], step=step, label=np.full(n_new, label))
