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

import contextlib
import dataclasses
import importlib
from abc import ABCMeta, abstractmethod

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin

from . import (
    _containers,
    _interpolate,
    _random,
    _resources,
    _strategy,
    _tags,
    _validation,
    neighbors,
)
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


def _itemsize(values) -> int:
    """Bytes per value of an array, or 8 for a frame (a number or an object pointer)."""
    try:
        return np.dtype(values.dtype).itemsize
    except (AttributeError, TypeError):
        return 8


def describe_strategy(sampler) -> str:
    """``sampling_strategy_`` as a short text for messages."""
    return "sampling_strategy_ = " + _validation.describe(sampler.sampling_strategy_)


class ResamplingWarning(UserWarning):
    """A sampler could not do all it was asked; the message says why and what to change.

    The reason is also kept in a fitted attribute of the sampler, so code can check it.
    """


class BaseSampler(OneToOneFeatureMixin, BaseEstimator, metaclass=ABCMeta):
    """Validation and container handling shared by all samplers.

    Samplers keep their columns, so ``get_feature_names_out`` (scikit-learn's one-to-one
    rule) returns the input feature names, as imbalanced-learn's samplers do.
    """

    _sampling_type: str = _strategy.OVER
    #: Whether ``fit_resample`` sets ``sample_indices_`` (every output row is an input row).
    _records_sample_indices: bool = False

    def _accepts_sparse(self) -> bool:
        """Whether X may be a sparse matrix (the ``sparse`` input tag)."""
        return True

    def _accepts_nan(self) -> bool:
        """Whether a missing value in X is carried rather than refused (``allow_nan``)."""
        return False

    def _accepts_strings(self) -> bool:
        """Whether X may hold strings (``string``): samplers that only copy rows."""
        return False

    def __sklearn_tags__(self):
        return _tags.sampler_tags(
            super().__sklearn_tags__(),
            sparse=self._accepts_sparse(),
            allow_nan=self._accepts_nan(),
            string=self._accepts_strings(),
            sample_indices=self._records_sample_indices,
        )

    def fit(self, X, y):
        """Check the input and resolve ``sampling_strategy_`` without resampling.

        Returns
        -------
        self
        """
        if _containers.is_dask(X) or _containers.is_dask(y):
            return _load(DASK_FIT)(self, X, y)
        with self._named_errors():
            self._prepare(X, y)
        return self

    def fit_resample(self, X, y, sample_weight=None):
        """Resample ``X, y``; the output uses the same container types as the input.

        Parameters
        ----------
        X : array-like, sparse matrix, pandas, polars or dask DataFrame, or dask Array
        y : array-like, pandas, polars or dask Series, or dask Array
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the input rows, resampled with them (see Returns).

        Returns
        -------
        X_resampled, y_resampled
            Original rows first, in their order and unchanged, then new rows class by class
            in sorted label order. Dask input gives lazy dask output (see
            :mod:`smotekit.dask`).
        sample_weight_resampled : ndarray of float, shape (n_samples_new,)
            Only when ``sample_weight`` is given: the weight of each output row. A row taken
            from the input (kept or copied) keeps its weight; a synthetic row made at step
            ``t`` from ``base`` towards ``neighbour`` gets ``w[base] + t * (w[neighbour] -
            w[base])``, the same interpolation as its features (clipped at 0 for SVMSMOTE's
            extrapolated rows).

        After the call, ``sample_origin_`` holds, for each output row, the position in the
        input of the row it is (kept or copied unchanged), or -1 for a synthetic row;
        ``synthetic_mask_`` is ``sample_origin_ == -1``.
        """
        dask = _containers.is_dask(X) or _containers.is_dask(y)
        if dask or _containers.is_array_api(X):
            if sample_weight is not None:
                raise ValueError(
                    "sample_weight is supported for in-memory input only (numpy, sparse, "
                    "pandas, polars, lists); got dask or array-API input."
                )
            return _load(DASK_FIT_RESAMPLE if dask else ARRAY_API_FIT_RESAMPLE)(self, X, y)
        with self._named_errors():
            features, labels = self._prepare(X, y)
            weights = None
            if sample_weight is not None:
                weights = _validation.check_sample_weight(sample_weight, features.n_rows)
            self._check_output_size(features, labels)
            X_res, y_res = self._resample(features, labels)
        if weights is None:
            return X_res, y_res
        return X_res, y_res, self._resampled_weights(weights, labels.values, y_res)

    @contextlib.contextmanager
    def _named_errors(self):
        """Prefix the running sampler's name to a ValueError or TypeError message that does
        not name it yet, so "ADASYN: X contains NaN..." says which sampler refused (inside
        a combination, its own name comes before its inner sampler's)."""
        try:
            yield
        except (ValueError, TypeError) as error:
            name = type(self).__name__
            first = error.args[0] if error.args else None
            if isinstance(first, str) and not first.startswith(f"{name}:"):
                error.args = (f"{name}: {error.args[0]}", *error.args[1:])
            raise

    def _check_output_size(self, features, labels) -> None:
        """Refuse at once, before anything of the output's size is allocated, when the
        output (rows, labels and the plan of the synthetic rows) would not fit in the memory
        available (see :mod:`smotekit._resources`). Samplers that only keep rows never
        grow their input."""
        if self._sampling_type != _strategy.OVER:
            return
        n_new = sum(int(v) for v in self.sampling_strategy_.values())
        if n_new == 0:
            return
        if features.is_sparse:
            nnz_per_row = features.values.nnz / max(1, features.n_rows)
            # a synthetic row holds at most the union of its two parents' entries
            row_bytes = 2 * nnz_per_row * (features.values.dtype.itemsize + 4) + 8
        else:
            row_bytes = features.n_features * max(
                _itemsize(features.values), features.dtype.itemsize
            )
        label_bytes = labels.values.dtype.itemsize
        rows = features.n_rows + n_new
        needed = rows * (row_bytes + label_bytes) + n_new * (_resources.PLAN_BYTES + label_bytes)
        _resources.check_fits(
            int(needed),
            f"{type(self).__name__}: {n_new} new rows ({describe_strategy(self)}) make an "
            f"output of {rows} rows x {features.n_features} features",
        )

    def _resampled_weights(self, weights, y, y_res) -> np.ndarray:
        """The weights of the output rows, from the input rows' (``y``: input labels,
        ``y_res``: the output y in the caller's container).

        Rows taken from the input keep their weight; the others get
        :meth:`_new_row_weights`.
        """
        origin = getattr(self, "sample_origin_", None)
        if origin is None:
            raise ValueError(
                f"{type(self).__name__} cannot resample sample_weight: its samplers record "
                "no sample_origin_ (use smotekit samplers inside a combination)."
            )
        out = np.empty(origin.shape[0], dtype=np.float64)
        taken = origin >= 0
        out[taken] = weights[origin[taken]]
        if not taken.all():
            y_new = _containers.unpack_y(y_res).values[~taken]
            out[~taken] = self._new_row_weights(weights, y, y_new)
        return out

    def _new_row_weights(self, weights, y, y_new) -> np.ndarray:
        """Weights of the rows that are not input rows, in output order: a synthetic row's
        interpolates its parents' with the row's own step (``synthetic_parents_``,
        ``synthetic_steps_``), never below 0."""
        parents, steps = self.synthetic_parents_, self.synthetic_steps_
        base, neighbor = weights[parents[:, 0]], weights[parents[:, 1]]
        return np.maximum(base + steps * (neighbor - base), 0.0)

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

    def _set_origin(self, origin: np.ndarray) -> None:
        """Record ``sample_origin_`` (input position of each output row, -1: synthetic)
        and ``synthetic_mask_``."""
        self.sample_origin_ = np.asarray(origin, dtype=np.intp)
        self.synthetic_mask_ = self.sample_origin_ < 0

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
        inputs = np.arange(features.n_rows, dtype=np.intp)
        if plan.copy:
            rows = np.concatenate([inputs, plan.base])
            self._set_origin(rows)
            return features.take(rows, fresh_from=features.n_rows), y_out
        self._set_origin(np.concatenate([inputs, np.full(len(plan), -1, dtype=np.intp)]))
        if features.is_sparse:
            synthetic = _interpolate.sparse_rows(
                features.values, plan, features.dtype, bool(features.rounded.all())
            )
        else:
            synthetic = features.synthetic_buffer(len(plan))
            _interpolate.fill_dense(features.values, plan, synthetic, features.rounded)
            if plan.noise is not None:
                plan.noise.add_to(synthetic, features.rounded)
                refuse_unrepresentable(self, features.values, plan, synthetic)
        if plan.categorical is not None:
            return features.with_synthetic(synthetic, codes=plan.categorical), y_out
        return features.with_synthetic(synthetic), y_out


def refuse_unrepresentable(sampler, X, plan: Plan, synthetic: np.ndarray) -> None:
    """Rows moved off their segments (a point in a sphere, a translated row) can leave the
    float dtype's range although both parents are finite; say so rather than return inf."""
    if synthetic.dtype.kind != "f":
        return  # integer rows are clipped into their dtype (Offsets.add_to)
    finite = np.isfinite(synthetic).all(axis=1)
    if finite.all():
        return
    bad = np.flatnonzero(~finite)
    from_finite = np.isfinite(X[plan.base[bad]]).all(axis=1)
    from_finite &= np.isfinite(X[plan.neighbor[bad]]).all(axis=1)
    if from_finite.any():
        i = int(bad[np.argmax(from_finite)])
        base, neighbor = int(plan.base[i]), int(plan.neighbor[i])
        label = _validation.describe(plan.label[i])
        raise ValueError(
            f"{type(sampler).__name__}: synthetic row {i} (class {label}, built "
            f"from rows {base} and {neighbor}) lies beyond the range of {synthetic.dtype}: "
            "the method places rows off the segment between two rows, and the class's "
            f"values come too close to {synthetic.dtype}'s limit to leave room for that. "
            "Rescale X (for example with sklearn.preprocessing.StandardScaler) and resample."
        )


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
    _records_sample_indices = True

    @abstractmethod
    def _select(self, X, y: np.ndarray, targets: dict, streams: dict) -> np.ndarray:
        """Positions in X of the rows to return; ``targets`` is ``sampling_strategy_``."""

    def _resample(self, features, labels):
        streams = _random.class_generators(getattr(self, "random_state", None), self.classes_)
        rows = self._select(features.values, labels.values, self.sampling_strategy_, streams)
        self.sample_indices_ = np.asarray(rows, dtype=np.intp)
        self._set_origin(self.sample_indices_)
        return features.take(self.sample_indices_), labels.take(self.sample_indices_)
