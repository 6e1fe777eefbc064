"""Assembled-SMOTE: SMOTE within clusters of border rows that share a direction."""

from __future__ import annotations

import numpy as np

from .. import neighbors
from .._base import BaseOverSampler, class_graph
from .._numeric import scale_exponent
from .._plan import Plan
from .._validation import check_enough_rows, check_positive_int
from ._common import (
    apportion,
    as_float,
    check_number,
    classes_to_grow,
    other_class_counts,
    refuse_sparse,
    seeded_plan,
    skip_class,
)


def moments(rows: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """``(count, sum, sum of outer products)`` of some rows: what two clusters add up to."""
    return rows.shape[0], rows.sum(axis=0), rows.T @ rows


def principal_direction(count: int, total: np.ndarray, outer: np.ndarray) -> np.ndarray:
    """The first principal axis of rows with these moments (unit vector)."""
    mean = total / count
    scatter = outer - count * np.outer(mean, mean)
    return np.linalg.eigh(scatter)[1][:, -1]


def direction_clusters(X_border: np.ndarray, nearest: np.ndarray, pop: int, thres: float):
    """Cluster label of each border row: agglomerative merging in order of the shortest
    link, where a cluster under ``pop`` rows always merges and two larger clusters merge
    only when the |cosine| of their principal directions exceeds ``thres``.

    The links are the rows' k-nearest-neighbour edges (Kruskal order), so no n x n distance
    matrix is built. A cluster's moments are kept once asked for and summed on each merge,
    so a large cluster's direction never needs its rows again."""
    # Moments square the rows, which overflows near the dtype's limit (eigh then fails to
    # converge on inf/nan): work on the rows scaled by a power of two. That is exact, and
    # neither the order of the link lengths nor a direction changes with the scale.
    e = scale_exponent(X_border)
    X_border = np.ldexp(X_border, -e) if e else X_border
    n, k = nearest.shape
    source = np.repeat(np.arange(n), k)
    target = nearest.ravel()
    length = np.linalg.norm(X_border[source] - X_border[target], axis=1)
    parent = np.arange(n)
    members = {i: [i] for i in range(n)}
    stats: dict[int, tuple] = {}
    direction: dict[int, np.ndarray] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def moments_of(r: int) -> tuple:
        if r not in stats:
            stats[r] = moments(X_border[members[r]])
        return stats[r]

    def axis(r: int) -> np.ndarray:
        if r not in direction:
            direction[r] = principal_direction(*moments_of(r))
        return direction[r]

    for e in np.argsort(length, kind="stable"):
        a, b = root(int(source[e])), root(int(target[e]))
        if a == b:
            continue
        both_large = len(members[a]) >= pop and len(members[b]) >= pop
        if both_large and abs(float(axis(a) @ axis(b))) <= thres:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        if a in stats or b in stats:
            sa, sb = moments_of(a), moments_of(b)
            stats[a] = (sa[0] + sb[0], sa[1] + sb[1], sa[2] + sb[2])
        stats.pop(b, None)
        parent[b] = a
        members[a].extend(members.pop(b))
        direction.pop(a, None)
        direction.pop(b, None)
    return np.unique([root(i) for i in range(n)], return_inverse=True)[1]


class AssembledSMOTE(BaseOverSampler):
    """Assembled-SMOTE (Zhou, Yang, Guo and Hu, 2013).

    For each class grown (one against the rest): a class row is a *border* row when some of
    its ``k_neighbors`` nearest rows (of all X) belong to other classes. Border rows are
    clustered agglomeratively, nearest links first: a cluster of fewer than ``pop`` rows
    always merges; two clusters of ``pop`` rows or more merge only when their principal
    directions are aligned (|cosine| above ``thres``), so a cluster follows one direction
    of the border. The non-border rows form one more cluster. Synthetic rows are shared
    among the clusters in proportion to their sizes (exactly, by largest remainders) and
    made by SMOTE within each cluster (segments to one of the seed's ``k_neighbors``
    nearest rows of its cluster, capped at the cluster's size; clusters of one row take no
    share).

    For memory O(n k), the clustering considers the border rows' k-nearest-neighbour links
    rather than all pairs (the paper and smote-variants use a full distance matrix): border
    rows with no link between them stay apart. smote-variants draws the cluster of each
    row at random (so the counts per cluster vary); here they are apportioned.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k_neighbors : int, default=5
        Neighbours that find the border rows, link them, and that SMOTE moves towards.
    pop : int, default=2
        Clusters smaller than this always merge.
    thres : float in [0, 1], default=0.3
        Smallest |cosine| between principal directions for two larger clusters to merge.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    clusters_ : dict
        ``{label: cluster of each class row}`` (the non-border rows share the last one).
    skipped_classes_ : dict
        ``{label: reason}`` for a class with no border row.
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of each synthetic row, as for :class:`~smotekit.SMOTE`.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    References
    ----------
    B. Zhou, C. Yang, H. Guo and J. Hu, "A quasi-linear SVM combined with assembled SMOTE
    for imbalanced data classification", IJCNN 2013, pp. 1-7.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import AssembledSMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> X_res, y_res = AssembledSMOTE(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    """

    def __init__(
        self, *, sampling_strategy="auto", random_state=None, k_neighbors=5, pop=2, thres=0.3
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.pop = pop
        self.thres = thres

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"k_neighbors": 3, "pop": 4, "thres": 0.8}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"pop": 0}, "pop must be an int >= 1"),
            ({"thres": 1.5}, r"thres must be a number in \[0.0, 1.0\]"),
            ({"k_neighbors": 0}, "k_neighbors must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        check_positive_int("k_neighbors", self.k_neighbors)
        check_positive_int("pop", self.pop)
        check_number("thres", self.thres, 0.0, 1.0)

    def _accepts_sparse(self) -> bool:
        return False  # dense rows only (refuse_sparse)

    def _plan(self, X, y, targets, streams) -> Plan:
        refuse_sparse(self, X)
        k = int(self.k_neighbors)
        search = neighbors.make_estimator(k)
        self.clusters_ = {}
        self.skipped_classes_ = {}
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets):
            check_enough_rows(X.shape[0], k, "k_neighbors")
            border = other_class_counts(X, y, rows, search) > 0
            if not border.any():
                skip_class(
                    self,
                    label,
                    f"none of its {rows.size} rows has a row of another class among its "
                    f"k_neighbors={k} nearest rows (no border); use SMOTE, or a larger "
                    "k_neighbors.",
                )
                continue
            clusters = np.full(rows.size, -1, dtype=np.intp)
            inner = np.flatnonzero(border)
            if inner.size > 1:
                link_k = min(k, inner.size - 1)
                nearest = class_graph(X[rows[inner]], neighbors.make_estimator(link_k))
                X_border = as_float(X[rows[inner]])
                clusters[inner] = direction_clusters(
                    X_border, nearest, int(self.pop), float(self.thres)
                )
            else:
                clusters[inner] = 0
            clusters[~border] = clusters.max() + 1
            self.clusters_[label] = clusters
            sizes = np.bincount(clusters)
            usable = np.where(sizes > 1, sizes, 0)
            if not usable.any():
                skip_class(
                    self,
                    label,
                    "every cluster of its rows has a single row, so there is nothing to "
                    "interpolate between.",
                )
                continue
            rng = streams[label]
            for cluster, count in enumerate(apportion(n_new, usable)):
                if count == 0:
                    continue
                members = rows[clusters == cluster]
                within = class_graph(X[members], neighbors.make_estimator(min(k, members.size - 1)))
                seeds = rng.integers(0, members.size, size=count)
                plans.append(seeded_plan(members, within, seeds, rng, label))
        return Plan.concat(plans, y.dtype)
