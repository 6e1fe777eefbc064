"""The seam every sampler plugs into.

``fit_resample`` = unpack the container -> validate once -> resolve ``sampling_strategy``
-> the sampler's own step -> rebuild the caller's container. An over-sampler's own step is
only :meth:`BaseOverSampler._plan`; making rows from the plan is shared.
"""

from __future__ import annotations

import dataclasses
from abc import ABCMeta, abstractmethod

import numpy as np
from sklearn.base import BaseEstimator

from . import _containers, _engines, _interpolate, _random, _strategy, _validation
from ._plan import Plan


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
            from ._dask import _engine

            return _engine.fit(self, X, y)
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
            from ._dask import _engine

            return _engine.fit_resample(self, X, y)
        if _containers.is_array_api(X):
            return _engines.run("array_api", self, X, y)
        features, labels = self._prepare(X, y)
        return self._resample(features, labels)

    def _prepare(self, X, y):
        self._check_params()
        features = self._unpack_X(X)
        labels = _containers.unpack_y(y)
        self.classes_ = _validation.check_target(labels.values, features.n_rows)
        self.sampling_strategy_ = _strategy.resolve_sampling_strategy(
            self.sampling_strategy, labels.values, self._sampling_type
        )
        self.n_features_in_ = features.n_features
        names = features.feature_names
        if names is not None:
            self.feature_names_in_ = names
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        return features, labels

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
