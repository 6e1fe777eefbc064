"""Random over-sampling: copies of class rows, optionally jittered (a smoothed bootstrap)."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .. import _containers
from .._base import BaseOverSampler
from .._interpolate import chunk_rows
from .._plan import Plan
from .._random import child_seed
from .._validation import describe
from ._common import classes_to_grow


@dataclass(frozen=True)
class GaussianNoise:
    """Noise for a plan's rows: group ``g`` of ``sizes[g]`` consecutive rows gets
    ``scales[g] * z`` with ``z ~ N(0, I)``.

    ``z`` is drawn in row blocks of a size fixed by the number of columns, block ``b`` of a
    group from ``child_seed(seeds[g], b)``, so the noise does not depend on how rows are
    later split into chunks or partitions.
    """

    scales: list  # one (d,) array per group, None for rows without noise
    seeds: list
    sizes: list

    @classmethod
    def concat(cls, noises: list, sizes: list[int]) -> GaussianNoise:
        scales, seeds, out_sizes = [], [], []
        for noise, size in zip(noises, sizes, strict=True):
            if noise is None:
                scales.append(None)
                seeds.append(None)
                out_sizes.append(size)
            else:
                scales += noise.scales
                seeds += noise.seeds
                out_sizes += noise.sizes
        return cls(scales, seeds, out_sizes)

    def add_to(self, rows: np.ndarray, rounded: np.ndarray) -> None:
        """Add the noise to ``rows`` in place; ``rounded`` columns are rounded afterwards."""
        work, rounded = noise_dtype(rows.dtype, rounded)
        block = chunk_rows(rows.shape[1], 8)
        start = 0
        for scale, seed, size in zip(self.scales, self.seeds, self.sizes, strict=True):
            if scale is not None:
                for b, first in enumerate(range(0, size, block)):
                    n = min(block, size - first)
                    rng = np.random.default_rng(child_seed(seed, b))
                    z = rng.standard_normal((n, rows.shape[1]), dtype=work)
                    part = slice(start + first, start + first + n)
                    rows[part] = jittered(rows[part], z, scale, rounded)
            start += size


def noise_dtype(dtype, rounded: np.ndarray):
    """(dtype the noise is drawn and added in, columns rounded afterwards) for rows of
    ``dtype``: float32 stays float32; integer rows get float64 noise and are all rounded."""
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        return np.dtype(np.float64), np.ones(rounded.shape[0], dtype=bool)
    return np.dtype(np.float32 if dtype.itemsize <= 4 else np.float64), rounded


def jittered(rows: np.ndarray, z: np.ndarray, scale, rounded: np.ndarray) -> np.ndarray:
    """``rows + scale * z`` in ``z``'s dtype, ``rounded`` columns rounded to integers."""
    out = rows.astype(z.dtype)
    out += z * np.asarray(scale, dtype=z.dtype)
    if rounded.any():
        out[:, rounded] = np.rint(out[:, rounded])
    return out


def smoothing_scale(shrinkage: float, n_rows: int, std: np.ndarray) -> np.ndarray:
    """Per-feature noise scale ``shrinkage * h * std`` of the smoothed bootstrap, with
    ``h = (4 / ((d + 2) n)) ** (1 / (d + 4))`` for ``n`` rows of ``d`` features."""
    d = std.shape[0]
    bandwidth = (4 / ((d + 2) * n_rows)) ** (1 / (d + 4))
    return shrinkage * bandwidth * std


class RandomOverSampler(BaseOverSampler):
    """Over-sample by drawing class rows uniformly with replacement and copying them.

    Any data works (strings, categories, missing values, any container): rows are copied,
    not computed, and returned in the input's container. With ``shrinkage`` set, it makes a
    smoothed bootstrap instead (Menardi and Torelli, 2014): each copy is moved by Gaussian
    noise of standard deviation ``shrinkage * h * std`` per feature, with
    ``h = (4 / ((d + 2) n)) ** (1 / (d + 4))`` for a class of ``n`` rows and ``d`` features.
    That needs finite numbers; float32 stays float32 and integer columns are rounded.

    A drop-in for ``imblearn.over_sampling.RandomOverSampler``: same parameters. Output is
    the input rows, unchanged and in order, then the copies class by class; in a pandas
    frame the copies get new index labels (as synthetic rows do), never duplicated ones.
    On dask collections it runs lazily, partition by partition, with the same output for
    any partitioning (``docs/distributed.md``).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    shrinkage : None, float or dict, default=None
        ``None``: plain copies. A float ``>= 0`` (all classes) or a dict
        ``{label: float}`` (one for each over-sampled class): smoothed bootstrap.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of rows added}``.
    sample_indices_ : ndarray
        Position in X of every output row: ``0..n-1``, then the row each copy comes from.
    shrinkage_ : dict or None
        ``{label: shrinkage}`` used for each over-sampled class.
    synthetic_parents_ : ndarray of shape (n_new, 2)
        Both columns are the row each new row copies.
    synthetic_steps_ : ndarray of shape (n_new,)
        All zero.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import RandomOverSampler
    >>> X = np.array([["a", 1], ["b", 2], ["c", 3], ["d", 4]], dtype=object)
    >>> y = np.array([0, 0, 0, 1])
    >>> X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    >>> X_res[4:].tolist()
    [['d', 4], ['d', 4]]
    >>> y_res.tolist()
    [0, 0, 0, 1, 1, 1]
    """

    #: The Dask engine appends picked rows partition by partition (see docs/distributed.md).
    _dask_engine = "random-over"

    def __init__(self, *, sampling_strategy="auto", random_state=None, shrinkage=None):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.shrinkage = shrinkage

    @classmethod
    def _dask_capability(cls) -> str | None:
        """``_dask_engine``, unless a subclass plans its rows its own way."""
        return cls._dask_engine if cls._plan is RandomOverSampler._plan else None

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"shrinkage": 0.5}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"shrinkage": -1.0}, r"shrinkage must be None, a float >= 0"),
            ({"shrinkage": "big"}, r"shrinkage must be None, a float >= 0"),
        ]

    _records_sample_indices = True

    def _accepts_sparse(self) -> bool:
        return self.shrinkage is None

    def _accepts_nan(self) -> bool:
        return self.shrinkage is None

    def _accepts_strings(self) -> bool:
        return self.shrinkage is None

    def _check_params(self) -> None:
        if self.shrinkage is None:
            return
        mapping = isinstance(self.shrinkage, Mapping)
        values = list(self.shrinkage.values()) if mapping else [self.shrinkage]
        if any(isinstance(v, bool) or not isinstance(v, numbers.Real) or v < 0 for v in values):
            raise ValueError(
                "shrinkage must be None, a float >= 0, or a dict {class label: float >= 0}; "
                f"got {describe(self.shrinkage)}."
            )

    def _unpack_X(self, X):
        if self.shrinkage is None:
            return _containers.unpack_rows(X)
        features = super()._unpack_X(X)
        if features.is_sparse:
            raise ValueError(
                "RandomOverSampler: shrinkage adds dense noise, so X must be dense; got a "
                "sparse matrix. Use shrinkage=None (plain copies) or X.toarray()."
            )
        return features

    def _shrinkage_by_class(self, targets: dict) -> dict | None:
        if self.shrinkage is None:
            return None
        if not isinstance(self.shrinkage, Mapping):
            return dict.fromkeys(targets, float(self.shrinkage))
        missing = [label for label in targets if label not in self.shrinkage]
        if missing:
            raise ValueError(
                f"shrinkage has no value for class(es) {describe(missing)}, which are "
                f"over-sampled; give one for each of {describe(list(targets))}."
            )
        return {label: float(self.shrinkage[label]) for label in targets}

    def _plan(self, X, y, targets, streams) -> Plan:
        self.shrinkage_ = self._shrinkage_by_class(targets)
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets):
            rng = streams[label]
            base = rows[rng.integers(0, rows.size, size=n_new)]
            labels = np.full(n_new, label)
            if self.shrinkage_ is None:
                plans.append(Plan(base, base, np.zeros(n_new), labels, copy=True))
                continue
            scale = smoothing_scale(self.shrinkage_[label], rows.size, np.std(X[rows], axis=0))
            seed = child_seed(streams.seed(label), 0)
            noise = GaussianNoise([scale], [seed], [n_new])
            plans.append(Plan(base, base, np.zeros(n_new), labels, noise=noise))
        plan = Plan.concat(plans, y.dtype)
        if not plans:
            plan = Plan(plan.base, plan.neighbor, plan.step, plan.label, copy=True)
        self.sample_indices_ = np.concatenate([np.arange(y.shape[0]), plan.base])
        return plan
