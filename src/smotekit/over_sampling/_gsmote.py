"""G-SMOTE (Sandhan and Choi): SMOTE toward the neighbour along the class's principal axis."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .. import neighbors
from .._base import BaseOverSampler, class_graph
from .._numeric import scale_exponent
from .._plan import Plan
from ._common import classes_to_grow, seeded_plan


def principal_direction(X_class: np.ndarray) -> np.ndarray:
    """Unit eigenvector of the class covariance with the largest eigenvalue."""
    if X_class.shape[1] == 1:
        return np.ones(1)
    covariance = np.atleast_2d(np.cov(X_class, rowvar=False))
    _, vectors = np.linalg.eigh(covariance)
    return vectors[:, -1]


def guided_neighbors(X_class: np.ndarray, nearest: np.ndarray, direction: np.ndarray):
    """For each row, the one of its ``nearest`` rows whose difference vector makes the
    smallest angle with ``±direction`` (the nearest wins a tie), and the cosines.

    A neighbour equal to the row has no direction; it counts as perpendicular.
    """
    projection = X_class @ direction
    cosine = np.empty(nearest.shape)
    for column in range(nearest.shape[1]):  # one (n, d) temporary at a time
        other = nearest[:, column]
        length = np.linalg.norm(X_class[other] - X_class, axis=1)
        along = np.abs(projection[other] - projection)
        cosine[:, column] = np.divide(along, length, out=np.zeros_like(along), where=length > 0)
    best = np.argmax(cosine, axis=1)
    return nearest[np.arange(nearest.shape[0]), best], cosine


class GSMOTE(BaseOverSampler):
    """G-SMOTE, guided SMOTE (Sandhan and Choi, 2014), as smote-variants' ``G_SMOTE``.

    Not Geometric SMOTE (Douzas and Bacao, 2019; :class:`~smotekit.GeometricSMOTE`), a
    different method that draws rows in truncated, deformed hyper-spheres.

    The principal direction ``H`` of the class is the leading eigenvector of its
    covariance (the linear variant of the paper). Each class row's guide is the one of
    its ``k_neighbors`` nearest class rows whose difference vector makes the smallest
    angle with ``H`` (``arccos |(x_j - x_i) . H| / ||x_j - x_i||``); a synthetic row starts
    at a class row drawn uniformly and moves towards that row's guide at a step
    ``t ~ U(0, 1)``. So synthetic rows follow the main axis along which the class spreads.
    Several classes may grow, each with its own direction.

    Sandhan, T. and Choi, J. Y., "Handling imbalanced datasets by partially guided hybrid
    sampling for pattern recognition", 22nd International Conference on Pattern
    Recognition (ICPR), 2014, pp. 1449-1453.

    Differences from smote-variants 1.0.1 and from the paper: smote-variants takes a *row*
    of numpy's eigenvector matrix as ``H`` (numpy returns eigenvectors as columns), so its
    "principal direction" is not one in general; here it is the leading eigenvector. The
    paper's non-linear variant (kernel PCA with a Gaussian kernel) needs the class's
    n x n kernel matrix and is not offered, and, as in smote-variants, the paper's
    under-sampling half of the hybrid is left to a separate under-sampler (chain one in a
    :class:`~smotekit.pipeline.Pipeline`). X must be dense.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k_neighbors : int or estimator, default=5
        Class neighbours among which each row's guide is chosen, or a
        ``NearestNeighbors``-like object (asked for ``n_neighbors`` rows including the
        row itself).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    directions_ : dict
        ``{label: principal direction of the class}`` (unit vectors).
    guides_ : dict
        ``{label: position in X of each class row's guide}``, in the order of the class's
        rows in X.
    nn_k_ : estimator
        The neighbour search (fitted on the last class).
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of each synthetic row, as for :class:`~smotekit.SMOTE`.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import GSMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = GSMOTE(random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> base, guide = sampler.synthetic_parents_.T
    >>> rows = (y == 1).nonzero()[0].tolist()
    >>> bool((sampler.guides_[1][[rows.index(b) for b in base]] == guide).all())
    True
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
        return False  # dense rows only

    def _plan(self, X, y, targets, streams) -> Plan:
        if sp.issparse(X):
            raise ValueError(
                "GSMOTE: the principal direction is computed from dense rows, so X must be "
                "dense; got a sparse matrix. Use X.toarray()."
            )
        self.nn_k_ = neighbors.make_estimator(self.k_neighbors)
        k = neighbors.n_neighbors_of(self.nn_k_)
        self.directions_, self.guides_ = {}, {}
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets, k):
            X_class = np.asarray(X[rows], dtype=np.float64)
            nearest = class_graph(X[rows], self.nn_k_)
            # The covariance and the norms square the rows, which overflows near float64's
            # limit (eigh then fails to converge): both run on the rows scaled by a power of
            # two, exact, and neither a direction nor a cosine changes with the scale.
            e = scale_exponent(X_class)
            X_unit = np.ldexp(X_class, -e) if e else X_class
            direction = principal_direction(X_unit)
            guide, _ = guided_neighbors(X_unit, nearest, direction)
            self.directions_[label] = direction
            self.guides_[label] = rows[guide]
            rng = streams[label]
            seeds = rng.integers(0, rows.size, size=n_new)
            plans.append(seeded_plan(rows, guide[:, None], seeds, rng, label))
        return Plan.concat(plans, y.dtype)
