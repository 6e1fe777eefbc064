"""SMOBD: SMOTE seeded by density, from OPTICS core distances and neighbour counts."""

from __future__ import annotations

import numbers
import warnings

import numpy as np
import scipy.sparse as sp

from .. import neighbors
from .._base import BaseOverSampler, class_graph
from .._plan import Plan
from .._validation import check_class_size, check_positive_int, describe
from ._common import apportion, classes_to_grow, seeded_plan, skip_class


def _check_number(name: str, value, low: int, high: int | None = None) -> None:
    ok = not isinstance(value, bool) and isinstance(value, numbers.Real)
    if not (ok and low <= value < np.inf and (high is None or value <= high)):
        allowed = f">= {low}" if high is None else f"in [{low}, {high}]"
        raise ValueError(f"{name} must be a finite number {allowed}; got {describe(value)}.")


def _scaled(values: np.ndarray) -> np.ndarray:
    """``values`` over their largest (all ones where the largest is not positive)."""
    top = values.max(initial=0.0)
    return values / top if top > 0 else np.ones_like(values)


def _capped(distances: np.ndarray) -> np.ndarray:
    """Infinite distances (nothing within ``max_eps``) as 1.1 times the largest finite one
    (1.0 when none is finite)."""
    finite = np.isfinite(distances)
    largest = distances[finite].max(initial=0.0)
    return np.where(finite, distances, 1.1 * largest if largest > 0 else 1.0)


def smobd_density(X_class, min_samples: int, max_eps: float, eta1: float, t: float):
    """(density of each class row, noise mask), as SMOBD computes them.

    OPTICS (``min_samples``, ``max_eps``) gives each row a core distance and a reachability
    distance, an infinite one (fewer than ``min_samples`` rows within ``max_eps``) taken as
    1.1 times the largest finite one; a row is noise when both exceed ``t`` times their
    class mean. The density is ``eta1 * core / max(core) + (1 - eta1) * count /
    max(count)``, with ``count`` the rows within ``max_eps`` (the row included); noise rows
    get density 0.
    """
    from sklearn.cluster import OPTICS
    from sklearn.neighbors import KDTree

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # OPTICS warns about unreachable points; expected here
        optics = OPTICS(min_samples=min_samples, max_eps=max_eps).fit(X_class)
    core = _capped(optics.core_distances_)
    reach = _capped(optics.reachability_)
    noise = (core > t * core.mean()) & (reach > t * reach.mean())
    counts = KDTree(X_class).query_radius(X_class, r=max_eps, count_only=True).astype(np.float64)
    density = eta1 * _scaled(core) + (1.0 - eta1) * _scaled(counts)
    density[noise] = 0.0
    return density, noise


class SMOBD(BaseOverSampler):
    """Synthetic Minority Over-sampling Based on sample Density (Cao and Wang, 2011).

    Each class row gets a density from OPTICS: its core distance and the number of class
    rows within ``max_eps`` of it, mixed as ``eta1 * core / max(core) + (1 - eta1) *
    count / max(count)``. Rows whose core distance and reachability distance both exceed
    ``t`` times their class means are noise and get density 0. The class's synthetic rows
    are shared between its rows in proportion to their densities (exactly, by largest
    remainders), and each moves from its row towards one of the row's ``min_samples``
    nearest class rows at a step ``t ~ U(0, 1)``. Several classes may grow.

    Cao, Q. and Wang, S., "Applying over-sampling technique based on data density and
    cost-sensitive SVM to imbalanced learning", International Conference on Information
    Management, Innovation Management and Industrial Engineering (ICIII), 2011, vol. 2,
    pp. 543-548.

    Differences from smote-variants 1.0.1: it returns the data unchanged, without a
    warning, when every core distance is infinite (no row has ``min_samples`` rows within
    ``max_eps``, common when features are not scaled to about unit range); here the
    density then rests on the neighbour counts, and a class whose rows are all noise is
    skipped with a :class:`~smotekit.ResamplingWarning`. It caps infinite core distances
    for the density only, so its noise test compares with infinite means (and finds no
    noise) as soon as one row has nothing within ``max_eps``; here the noise test uses the
    capped distances too. It draws each synthetic row's seed at random with the
    density as probability; here the shares are exact. Scaling: OPTICS orders the rows one
    by one, so this sampler is superlinear in the class size.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    eta1 : float, default=0.5
        Weight of the core distance in the density (in [0, 1]); the neighbour count gets
        ``1 - eta1``.
    t : float, default=1.8
        Noise threshold, in multiples of the mean core and reachability distances.
    min_samples : int, default=5
        OPTICS's ``min_samples``, and the class neighbours a synthetic row may move
        towards; a class needs more rows than this.
    max_eps : float, default=1.0
        OPTICS's ``max_eps``, and the radius of the neighbour count.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    densities_ : dict
        ``{label: density of each class row}``, in the order of the class's rows in X.
    noise_indices_ : dict
        ``{label: positions in X of the class rows found to be noise}``.
    skipped_classes_ : dict
        ``{label: reason}`` for each class that got no rows (all of its rows are noise).
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of each synthetic row, as for :class:`~smotekit.SMOTE`.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import SMOBD
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = SMOBD(random_state=42, max_eps=3.0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> noise = set(sampler.noise_indices_[1].tolist())
    >>> noise.isdisjoint(sampler.synthetic_parents_[:, 0].tolist())
    True
    """

    _k_neighbors_alias = "min_samples"  # what the CLI's --k-neighbors sets

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        eta1=0.5,
        t=1.8,
        min_samples=5,
        max_eps=1.0,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.eta1 = eta1
        self.t = t
        self.min_samples = min_samples
        self.max_eps = max_eps

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"eta1": 0.2, "t": 1.2, "min_samples": 3, "max_eps": 2.0}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"eta1": 1.5}, r"eta1 must be a finite number in \[0, 1\]"),
            ({"t": -1}, "t must be a finite number >= 0"),
            ({"max_eps": 0.0}, "max_eps must be a finite number > 0"),
            ({"min_samples": 1}, "min_samples must be an int >= 2"),
        ]

    def _check_params(self) -> None:
        _check_number("eta1", self.eta1, 0, 1)
        _check_number("t", self.t, 0)
        max_eps = self.max_eps
        if isinstance(max_eps, bool) or not isinstance(max_eps, numbers.Real):
            max_eps = np.nan
        if not 0 < max_eps < np.inf:
            raise ValueError(f"max_eps must be a finite number > 0; got {describe(self.max_eps)}.")
        check_positive_int("min_samples", self.min_samples, minimum=2)

    def _accepts_sparse(self) -> bool:
        return False  # dense rows only

    def _plan(self, X, y, targets, streams) -> Plan:
        if sp.issparse(X):
            raise ValueError(
                "SMOBD: OPTICS and its radius counts run on dense rows, so X must be dense; "
                "got a sparse matrix. Use X.toarray()."
            )
        m = self.min_samples
        self.densities_, self.noise_indices_, self.skipped_classes_ = {}, {}, {}
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets):
            check_class_size(label, rows.size, m, "min_samples")
            X_class = np.asarray(X[rows], dtype=np.float64)
            density, noise = smobd_density(
                X_class, m, float(self.max_eps), float(self.eta1), float(self.t)
            )
            self.densities_[label] = density
            self.noise_indices_[label] = rows[noise]
            if not density.any():
                skip_class(
                    self,
                    label,
                    f"all of its {rows.size} rows are noise by SMOBD's test (core and "
                    f"reachability distances above t={self.t} times their means), so no row "
                    "has a density to seed from. Use a larger t, or another max_eps.",
                )
                continue
            seeds = np.repeat(np.arange(rows.size), apportion(n_new, density))
            nearest = class_graph(X[rows], neighbors.make_estimator(m, "min_samples"))
            plans.append(seeded_plan(rows, nearest, seeds, streams[label], label))
        return Plan.concat(plans, y.dtype)
