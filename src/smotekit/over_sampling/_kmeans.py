"""K-Means SMOTE: cluster, then over-sample inside the clusters where the class is common."""

from __future__ import annotations

import numbers

import numpy as np

from .. import _random, neighbors
from .._base import BaseOverSampler, class_graph
from .._plan import Plan, segment_plan
from .._validation import describe
from ._common import apportion, classes_to_grow

# Mean distances of larger clusters are estimated on a random sample of this many rows.
DISTANCE_SAMPLE = 2000


class NoClusterError(RuntimeError, ValueError):
    """No cluster holds enough rows of a class to over-sample it. A RuntimeError, as
    imbalanced-learn raises here, and a ValueError (what smotekit raised before)."""


def mean_distance(X, rng: np.random.Generator, n_jobs=None) -> float:
    """Mean Euclidean distance between distinct rows of ``X`` (estimated on a sample of
    ``DISTANCE_SAMPLE`` rows when larger, so memory stays bounded)."""
    from sklearn.metrics import pairwise_distances

    m = X.shape[0]
    if m > DISTANCE_SAMPLE:
        X = X[np.sort(rng.choice(m, size=DISTANCE_SAMPLE, replace=False))]
        m = DISTANCE_SAMPLE
    total = pairwise_distances(X, n_jobs=n_jobs).sum()
    return float(total / (m * (m - 1)))


def cluster_weights(mean_distances, counts, exponent: float) -> np.ndarray:
    """Shares of the synthetic rows per cluster: proportional to its sparsity,
    ``mean_distance ** exponent / count`` (Douzas, Bacao and Last, 2018).

    Computed in logs (large exponents do not overflow); a cluster of identical rows has
    sparsity 0. When every cluster has sparsity 0 the shares follow the counts, so no
    weight is ever NaN.
    """
    distances = np.asarray(mean_distances, dtype=np.float64)
    counts = np.asarray(counts, dtype=np.float64)
    with np.errstate(divide="ignore"):
        logs = exponent * np.log(distances) - np.log(counts)
    if not np.isfinite(logs).any():
        return counts / counts.sum()
    weights = np.exp(logs - logs[np.isfinite(logs)].max())
    return weights / weights.sum()


class KMeansSMOTE(BaseOverSampler):
    """K-Means SMOTE (Douzas, Bacao and Last, 2018).

    All rows are clustered with k-means. For each over-sampled class, a cluster qualifies
    when at least ``cluster_balance_threshold`` of its rows are of the class and more than
    ``k_neighbors`` of them; the class's synthetic rows are shared among the qualifying
    clusters in proportion to their sparsity (mean distance between the class's rows there,
    raised to ``density_exponent``, divided by their number), and made by SMOTE inside each
    cluster. Sparse clusters get more rows; so rows fill the class's regions, not the space
    between them.

    A drop-in for ``imblearn.over_sampling.KMeansSMOTE``, without its defects: the counts
    are exactly those asked for (shares are apportioned by largest remainders),
    clusters of duplicate rows do not make NaN weights, the k-means is fitted once, and
    when no cluster qualifies the error (a ``RuntimeError``, as in imbalanced-learn, and a
    ``ValueError``) names the threshold and what was found. ``"auto"``
    threshold: the class's share of all rows (a cluster must hold the class at least as
    densely as the data does); ``"auto"`` exponent: the number of features, as in the
    paper.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams and of the default k-means.
    k_neighbors : int or estimator, default=2
        Same-class neighbours inside a cluster to interpolate towards.
    n_jobs : None or int, default=None
        Workers for the distance computations.
    kmeans_estimator : None, int or estimator, default=None
        The clustering: an estimator with ``fit_predict`` (cloned), a number of clusters,
        or None for ``MiniBatchKMeans(n_clusters=8)``.
    cluster_balance_threshold : "auto" or float, default="auto"
        Smallest share of the class among a cluster's rows for the cluster to be used.
    density_exponent : "auto" or float, default="auto"
        Exponent of the mean distance in a cluster's sparsity.

    Attributes
    ----------
    kmeans_estimator_ : estimator
        The fitted clustering.
    cluster_balance_threshold_ : dict
        ``{label: threshold used}``.
    density_exponent_ : float
        The exponent used.
    cluster_weights_ : dict
        ``{label: {cluster: share of the class's synthetic rows}}``.
    nn_k_ : estimator
        The neighbour search (fitted on the last cluster).
    sampling_strategy_, synthetic_parents_, synthetic_steps_, classes_, n_features_in_, \
feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_blobs
    >>> from smotekit import KMeansSMOTE
    >>> X, y = make_blobs(n_samples=[400, 60], centers=[[0, 0], [3, 3]], random_state=0)
    >>> sampler = KMeansSMOTE(kmeans_estimator=4, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 400), (1, 400)]
    >>> round(sum(sampler.cluster_weights_[1].values()), 6)
    1.0
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=2,
        n_jobs=None,
        kmeans_estimator=None,
        cluster_balance_threshold="auto",
        density_exponent="auto",
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.n_jobs = n_jobs
        self.kmeans_estimator = kmeans_estimator
        self.cluster_balance_threshold = cluster_balance_threshold
        self.density_exponent = density_exponent

    @classmethod
    def _test_params(cls) -> list[dict]:
        # Full-batch KMeans: MiniBatchKMeans is slow on tiny data (the int path has its
        # own tests).
        from sklearn.cluster import KMeans

        return [
            {"kmeans_estimator": KMeans(3, n_init=1, random_state=0)},
            {
                "kmeans_estimator": KMeans(2, n_init=1, random_state=0),
                "cluster_balance_threshold": 0.1,
                "density_exponent": 1.5,
            },
        ]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"kmeans_estimator": 0}, "kmeans_estimator must be None, an int >= 1"),
            ({"cluster_balance_threshold": 2.0}, r"cluster_balance_threshold must be 'auto'"),
            ({"density_exponent": "high"}, "density_exponent must be 'auto' or a float"),
            ({"cluster_balance_threshold": 0.99, "kmeans_estimator": 2}, "no cluster qualifies"),
        ]

    def _check_params(self) -> None:
        neighbors.make_estimator(self.k_neighbors)
        estimator = self.kmeans_estimator
        count = _real(estimator) and isinstance(estimator, numbers.Integral) and estimator >= 1
        if not (estimator is None or count or hasattr(estimator, "fit_predict")):
            raise ValueError(
                "kmeans_estimator must be None, an int >= 1 (clusters) or a clustering "
                f"estimator with fit_predict; got {describe(estimator)}."
            )
        threshold = self.cluster_balance_threshold
        if not (threshold == "auto" or (_real(threshold) and 0 <= threshold <= 1)):
            raise ValueError(
                "cluster_balance_threshold must be 'auto' or a float in [0, 1] (the smallest "
                f"share of the class in a cluster); got {describe(threshold)}."
            )
        exponent = self.density_exponent
        if not (exponent == "auto" or (_real(exponent) and exponent >= 0)):
            raise ValueError(
                f"density_exponent must be 'auto' or a float >= 0; got {describe(exponent)}."
            )

    def _kmeans(self, streams):
        from sklearn.base import clone
        from sklearn.cluster import MiniBatchKMeans

        if hasattr(self.kmeans_estimator, "fit_predict"):
            return clone(self.kmeans_estimator)
        n_clusters = 8 if self.kmeans_estimator is None else int(self.kmeans_estimator)
        seed = int(_random.shared_generator(streams).integers(2**31 - 1))
        return MiniBatchKMeans(n_clusters=n_clusters, n_init=1, random_state=seed)

    def _plan(self, X, y, targets, streams) -> Plan:
        self.nn_k_ = neighbors.make_estimator(self.k_neighbors)
        k = neighbors.n_neighbors_of(self.nn_k_)
        exponent = self.density_exponent
        self.density_exponent_ = float(X.shape[1] if exponent == "auto" else exponent)
        self.cluster_balance_threshold_ = {}
        self.cluster_weights_ = {}
        plans = []
        if not any(targets.values()):
            return Plan.concat(plans, y.dtype)
        self.kmeans_estimator_ = self._kmeans(streams)
        clusters = np.asarray(self.kmeans_estimator_.fit_predict(X))
        for label, n_new, _ in classes_to_grow(y, targets):
            rng = streams[label]
            chosen, members = self._qualifying(clusters, y, label, k)
            distances = [mean_distance(X[rows], rng, self.n_jobs) for rows in members]
            counts = [rows.size for rows in members]
            weights = cluster_weights(distances, counts, self.density_exponent_)
            self.cluster_weights_[label] = dict(zip(chosen, weights.tolist(), strict=True))
            shares = zip(members, apportion(n_new, weights), strict=True)
            grown = [(rows, int(n)) for rows, n in shares if n]
            # Each cluster's draws are their own part of the class seed's draws.
            for part, (rows, n_cluster) in enumerate(grown):
                nearest = class_graph(X[rows], self.nn_k_)
                seed = streams.seed(label)
                plans.append(segment_plan(rows, nearest, n_cluster, seed, label, part=part))
        return Plan.concat(plans, y.dtype)

    def _qualifying(self, clusters, y, label, k: int):
        """(cluster ids, class rows of each) of the clusters the class may grow in."""
        in_class = y == label
        threshold = self.cluster_balance_threshold
        if threshold == "auto":
            threshold = float(in_class.mean())
        self.cluster_balance_threshold_[label] = threshold
        chosen, members, best = [], [], (0.0, 0)
        for cluster in np.unique(clusters):
            inside = clusters == cluster
            share, n_class = float(in_class[inside].mean()), int(in_class[inside].sum())
            best = max(best, (share, n_class))
            if share >= threshold and n_class > k:
                chosen.append(cluster.item())
                members.append(np.flatnonzero(inside & in_class))
        if not chosen:
            raise NoClusterError(
                f"KMeansSMOTE: no cluster qualifies for class {label!r}: a cluster needs a "
                f"share of at least {threshold:.3g} of its rows in the class "
                f"(cluster_balance_threshold={self.cluster_balance_threshold!r}) and more than "
                f"k_neighbors={k} of them; the best had a share of {best[0]:.3g} with "
                f"{best[1]} rows. Lower cluster_balance_threshold, or change the number of "
                "clusters (kmeans_estimator)."
            )
        return chosen, members


def _real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
