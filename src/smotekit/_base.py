"""The seam every sampler plugs into.

``fit_resample`` = unpack the container -> validate once -> resolve ``sampling_strategy``
-> the sampler's own step -> rebuild the caller's container. An over-sampler's own step is
only :meth:`BaseOverSampler._plan`; making rows from the plan is shared. Samplers whose
rows are segments to same-class neighbours (:class:`SegmentOverSampler`) share the plan
too and only say in which space a class's neighbours are searched.

Dask input goes to the engine's entry points (:data:`DASK_FIT_RESAMPLE`), loaded by name:
the engine sits above the samplers (it calls their hooks), so importing it here, even
inside a function, would close an import cycle.
"""

from __future__ import annotations

import dataclasses
import importlib
from abc import ABCMeta, abstractmethod

import numpy as np
from sklearn.base import BaseEstimator

from . import _containers, _interpolate, _random, _strategy, _validation, neighbors
from ._plan import Plan, segment_plan

#: The Dask engine's entry points, ``"module:function"``, loaded by name when X or y is a
#: dask collection (the same plugin pattern as the sampler registry).
DASK_FIT = "smotekit._dask:fit"
DASK_FIT_RESAMPLE = "smotekit._dask:fit_resample"
#: The array-API engine's (PyTorch, CuPy... arrays resampled on their own device).
ARRAY_API_FIT_RESAMPLE = "smotekit._array_api:fit_resample"


def _load(entry_point: str):
    """The function named ``"module:function"``. The engines (Dask, array API) are found
    this way, not imported: they sit above the samplers (they call their hooks), so an
    import here, even inside a function, would close the cycle
    ``_base -> engine -> samplers -> _base``."""
    module, _, name = entry_point.partition(":")
    return getattr(importlib.import_module(module), name)


class ResamplingWarning(UserWarning):
    """A sampler could not do all it was asked; the message says why and what to change.

    The reason is also kept in a fitted attribute of the sampler, so code can check it.
    """


class BaseSampler(BaseEstimator, metaclass=ABCMeta):
    """Validation and container handling shared by all samplers."""

    _sampling_type: str = _strategy.OVER

    def fit(self, X, y):
        """Check the input and resolve ``sampling_strategy_`` without resampling.

        Returns
        -------
        self
        """
        if _containers.is_dask(X) or _containers.is_dask(y):
            return _load(DASK_FIT)(self, X, y)
        self._prepare(X, y)
        return self

    def fit_resample(self, X, y):
        """Resample ``X, y``; the output uses the same container types as the input.

        Parameters
        ----------
        X : array-like, sparse matrix, pandas, polars or dask DataFrame, or dask Array
        y : array-like, pandas, polars or dask Series, or dask Array

        Returns
        -------
        X_resampled, y_resampled
            Original rows first, in their order and unchanged, then new rows class by class
            in sorted label order. Dask input gives lazy dask output (see
            :mod:`smotekit.dask`).
        """
        if _containers.is_dask(X) or _containers.is_dask(y):
            return _load(DASK_FIT_RESAMPLE)(self, X, y)
        if _containers.is_array_api(X):
            return _load(ARRAY_API_FIT_RESAMPLE)(self, X, y)
        features, labels = self._prepare(X, y)
        return self._resample(features, labels)

    def _prepare(self, X, y):
        """Check the parameters and the input, set the fitted attributes; return the
        unpacked ``(features, labels)``."""
        self._check_params()
        features = self._unpack_X(X)
        labels = _containers.unpack_y(y)
        self._learn(labels.values, features.n_rows, features.n_features, features.feature_names)
        return features, labels

    def _learn(self, y, n_rows: int, n_features: int, feature_names, counts=None) -> None:
        """Set ``classes_``, ``sampling_strategy_``, ``n_features_in_`` and
        ``feature_names_in_`` from the target and a description of X.

        The Dask engine, which never holds X or y, calls this with what its passes found:
        the labels and their ``counts`` (``{label: rows}``, sorted).
        """
        self.classes_ = _validation.check_target(y, n_rows)
        self.sampling_strategy_ = _strategy.resolve_sampling_strategy(
            self.sampling_strategy, y, self._sampling_type, counts=counts
        )
        self.n_features_in_ = n_features
        if feature_names is not None:
            self.feature_names_in_ = feature_names
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    @classmethod
    def _test_params(cls) -> list[dict]:
        """Constructor arguments the common tests (tests/test_common.py) try; river-style."""
        return [{}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        """(arguments, expected error message regex) pairs that must be refused."""
        return []

    def _check_params(self) -> None:
        """Check constructor parameters; subclasses extend it."""

    def _unpack_X(self, X):
        """X as the core sees it: finite numbers. Samplers that only pick rows, or that read
        categorical columns, unpack it their own way."""
        features = _containers.unpack_X(X)
        _validation.check_finite(features.values, features.columns)
        return features

    @abstractmethod
    def _resample(self, features, labels):
        """The sampler's own step: return the caller's containers, resampled."""


class BaseOverSampler(BaseSampler):
    """An over-sampler writes a :class:`~smotekit._plan.Plan`; rows are made here.

    After ``fit_resample``: ``synthetic_parents_`` (n_new x 2 row positions in the input X:
    base, neighbour) and ``synthetic_steps_`` record where every synthetic row came from.
    A plan of copies is taken row by row from the caller's container (any dtype); a plan
    with categorical codes or noise is finished by the container and the noise model.
    """

    _sampling_type = _strategy.OVER

    @abstractmethod
    def _plan(self, X, y: np.ndarray, targets: dict, streams: dict) -> Plan:
        """Decide the synthetic rows: ``targets`` is {label: rows to add}."""

    def _plan_input(self, features):
        """What ``_plan`` reads as X: the numbers, or all of ``features`` for samplers of
        categorical columns (they need the category codes too)."""
        return features.values

    def _resample(self, features, labels):
        streams = _random.class_generators(self.random_state, self.classes_)
        X = self._plan_input(features)
        plan = self._plan(X, labels.values, self.sampling_strategy_, streams)
        plan = Plan.concat([plan], labels.values.dtype)
        parents = np.column_stack([plan.base, plan.neighbor]).astype(np.intp, copy=False)
        # Parents are stored once: the plan reads them back as views of the provenance array.
        plan = dataclasses.replace(plan, base=parents[:, 0], neighbor=parents[:, 1])
        self.synthetic_parents_ = parents
        self.synthetic_steps_ = plan.step
        y_out = labels.with_synthetic(plan.label)
        if plan.copy:
            rows = np.concatenate([np.arange(features.n_rows), plan.base])
            return features.take(rows, fresh_from=features.n_rows), y_out
        if features.is_sparse:
            synthetic = _interpolate.sparse_rows(
                features.values, plan, features.dtype, bool(features.rounded.all())
            )
        else:
            synthetic = features.synthetic_buffer(len(plan))
            _interpolate.fill_dense(features.values, plan, synthetic, features.rounded)
            if plan.noise is not None:
                plan.noise.add_to(synthetic, features.rounded)
        if plan.categorical is not None:
            return features.with_synthetic(synthetic, codes=plan.categorical), y_out
        return features.with_synthetic(synthetic), y_out


def classes_to_grow(y: np.ndarray, targets: dict, k: int | None = None, parameter="k_neighbors"):
    """``(label, rows to add, positions of the class's rows in X)`` for each class that
    grows; with ``k``, each must have more than ``k`` rows (see ``check_class_size``)."""
    for label, n_new in targets.items():
        if n_new == 0:
            continue
        rows = np.flatnonzero(y == label)
        if k is not None:
            _validation.check_class_size(label, rows.size, k, parameter)
        yield label, n_new, rows


def class_graph(X_class: np.ndarray, estimator) -> np.ndarray:
    """The neighbour step: local indices (n, k) of each row's k nearest other rows of
    ``X_class`` (one class's rows, or the space they are searched in), searched in float."""
    if X_class.dtype.kind != "f":
        X_class = X_class.astype(np.float64)
    return neighbors.within(X_class, estimator)


class SegmentOverSampler(BaseOverSampler):
    """An over-sampler whose rows are segments from a class row to a same-class neighbour.

    For each class to grow: :meth:`_class_space` gives the rows the neighbours are searched
    in, :func:`class_graph` finds each row's ``k`` nearest (with :meth:`_neighbor_search`),
    and :func:`~smotekit._plan.segment_plan` draws the segments from the class seed
    (:func:`smotekit._random.class_seed`); :meth:`_finish_class_plan` may add to the plan.

    ``_dask_engine = "segments"`` says that the Dask engine can run the sampler: its plan
    needs only the rows of each class it grows (the default ``_class_space``), and
    ``_finish_class_plan`` adds nothing.
    """

    #: What the Dask engine can run of this sampler: ``"segments"``, or None for nothing.
    _dask_engine: str | None = None

    #: The hooks the Dask engine replaces with its own steps (it builds the plan itself).
    _PLAN_HOOKS = ("_plan", "_class_space", "_finish_class_plan", "_join", "_plan_input")

    @classmethod
    def _dask_capability(cls) -> str | None:
        """``_dask_engine``, unless a subclass changed how the plan is made (then None:
        the engine would not make the rows the sampler makes in memory)."""
        for hook in cls._PLAN_HOOKS:
            if getattr(cls, hook) is not getattr(SegmentOverSampler, hook, None):
                return None
        return cls._dask_engine

    def _neighbor_search(self, method=None):
        """The unfitted neighbour estimator. ``method`` overrides a ``neighbors=`` parameter
        (the Dask engine's choice for a class over its memory budget); samplers without one
        ignore it."""
        return neighbors.make_estimator(self.k_neighbors)

    def _class_space(self, X, y: np.ndarray, rows: np.ndarray, label) -> np.ndarray:
        """The rows of the class in the space its neighbours are searched in."""
        return X[rows]

    def _finish_class_plan(self, plan: Plan, X, rows, nearest, rng) -> Plan:
        """Add to a class's segment plan (category codes, for example); ``rng`` is the
        class's stream."""
        return plan

    def _join(self, plans: list, X, y: np.ndarray) -> Plan:
        """The classes' plans as one."""
        return Plan.concat(plans, y.dtype)

    def _plan(self, X, y, targets, streams) -> Plan:
        self.nn_k_ = self._neighbor_search()
        k = neighbors.n_neighbors_of(self.nn_k_)
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets, k):
            nearest = class_graph(self._class_space(X, y, rows, label), self.nn_k_)
            plan = segment_plan(rows, nearest, n_new, streams.seed(label), label)
            plans.append(self._finish_class_plan(plan, X, rows, nearest, streams[label]))
        return self._join(plans, X, y)


class BaseUnderSampler(BaseSampler):
    """A sampler that keeps some of the input rows: :meth:`_select` says which.

    After ``fit_resample``, ``sample_indices_`` holds the positions in the input of the
    rows returned, in output order (the input order: rows are never shuffled).
    """

    _sampling_type = _strategy.UNDER

    @abstractmethod
    def _select(self, X, y: np.ndarray, targets: dict, streams: dict) -> np.ndarray:
        """Positions in X of the rows to return; ``targets`` is ``sampling_strategy_``."""

    def _resample(self, features, labels):
        streams = _random.class_generators(getattr(self, "random_state", None), self.classes_)
        rows = self._select(features.values, labels.values, self.sampling_strategy_, streams)
        self.sample_indices_ = np.asarray(rows, dtype=np.intp)
        return features.take(self.sample_indices_), labels.take(self.sample_indices_)
