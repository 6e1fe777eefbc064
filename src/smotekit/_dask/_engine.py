"""SMOTE on dask collections: class counts and minority rows eagerly, synthetic rows lazily.

1. labels pass (y only): rows and class counts per partition -> ``sampling_strategy_``;
2. gather pass (X and y): the finiteness check, and the rows of each class to over-sample,
   in row order, brought to the client (at most ``memory_budget`` bytes per class);
3. on the client: each gathered class's neighbour graph, with the sampler's own hooks
   (``_neighbor_search`` and :func:`smotekit._base.class_graph`);
4. lazily: synthetic partitions. Each draws its slice of the plan from the class seed
   (:func:`smotekit._random.class_seed`, :func:`smotekit._plan.segment_draws`) and
   interpolates it where it is computed; the input partitions pass through unchanged.

Samplers that declare ``_dask_engine = "random-under"`` or ``"random-over"`` go to
:mod:`smotekit._dask._random_rows` instead. The engine runs samplers that declare
``_dask_engine = "segments"``
(:class:`smotekit._base.SegmentOverSampler`). Step 4 draws exactly what the in-memory
sampler draws for the same ``random_state`` (the same seed function, the same draws), so
the output does not depend on the number of partitions or workers, and equals the in-memory
output.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from .. import _random, _validation, neighbors
from .._base import class_graph
from . import _random_rows
from ._inputs import Inputs, check_inputs
from ._passes import (
    Gathered,
    Labels,
    compute,
    compute_hook,
    gather_pass,
    labels_pass,
    learn,
    set_origin,
)
from ._rows import (
    ClassRows,
    frame_block,
    index_labels,
    label_block,
    provenance_block,
    synthetic_values,
)

__all__ = ["compute", "compute_hook", "fit", "fit_resample", "plan_job", "synthetic_frame"]

DEFAULT_MEMORY_BUDGET = "2GiB"
CONFIG_KEY = "smotekit.memory-budget"
#: Target size of one synthetic partition (it only changes how rows are split, never them).
PARTITION_BYTES = 64 * 2**20


def resolve_budget(memory_budget) -> int:
    """Bytes one class's gathered rows may take: the argument, dask config, or the default."""
    import dask
    from dask.utils import parse_bytes

    value = memory_budget
    if value is None:
        value = dask.config.get(CONFIG_KEY, DEFAULT_MEMORY_BUDGET)
    try:
        if isinstance(value, bool):
            raise TypeError
        n = parse_bytes(value) if isinstance(value, str) else int(value)
    except (TypeError, ValueError):
        n = -1
    if n <= 0:
        raise ValueError(
            f"memory_budget must be a positive number of bytes or a size such as '2GiB'; got "
            f"{_validation.describe(value)}."
        )
    return n


def check_supported(sampler) -> str:
    """The engine's way to run ``sampler``: ``"segments"`` (SMOTE's plan) or one of the
    random samplers' (:data:`smotekit._dask._random_rows.KINDS`), as the sampler declares
    with ``_dask_engine``."""
    capability = getattr(sampler, "_dask_capability", None)
    kind = capability() if capability is not None else None
    if kind == "segments" or kind in _random_rows.KINDS:
        return kind
    name = type(sampler).__name__
    raise TypeError(
        f"{name} cannot run on dask collections: the Dask engine runs SMOTE (whose plan "
        "needs only the rows of each class it over-samples), RandomUnderSampler and "
        f"RandomOverSampler. Compute X and y to use {name} in memory."
    )


def _method_for(sampler, label, n_rows: int, inputs: Inputs, budget: int) -> str:
    """The neighbour search for a class: exact within the budget, else approximate or stop."""
    from dask.utils import format_bytes

    method = getattr(sampler, "neighbors", "exact")
    dtype = inputs.layout.dtype
    nbytes = n_rows * inputs.n_features * dtype.itemsize
    if nbytes <= budget or method != "exact":
        return method
    size = (
        f"class {label!r} has {n_rows} rows x {inputs.n_features} features "
        f"({format_bytes(nbytes)} as {dtype}), more than the Dask engine's memory "
        f"budget of {format_bytes(budget)} for one class's rows"
    )
    if "approximate" in neighbors.METHODS and isinstance(sampler.k_neighbors, (int, np.integer)):
        warnings.warn(
            f"{size}; its neighbours are searched with neighbors='approximate'.",
            UserWarning,
            stacklevel=5,
        )
        return "approximate"
    raise ValueError(
        f"{size}, which are gathered on the client to build its neighbour index. Raise the "
        "budget if the client has the memory: memory_budget= in smotekit.dask.fit_resample, "
        "--memory-budget on the command line, or dask.config.set({'smotekit.memory-budget': "
        "'8GiB'})."
    )


@dataclass
class Block:
    """Synthetic rows ``lo:hi`` of one class; ``offset`` = their position among all synthetic."""

    rows: object  # a ClassRows, or a delayed / future of one
    label: object
    lo: int
    hi: int
    offset: int

    @property
    def n(self) -> int:
        return self.hi - self.lo


@dataclass
class Job:
    """A planned resampling: the checked inputs and the synthetic blocks to make."""

    inputs: Inputs
    found: Labels
    blocks: list = field(default_factory=list)
    x_index: object = None  # new index labels of X / y (frames and series only)
    y_index: object = None

    @property
    def n_new(self) -> int:
        return sum(b.n for b in self.blocks)


def plan_job(sampler, X, y, memory_budget=None, gather: bool = True) -> Job:
    """Check X, y and ``sampler``, set its fitted attributes and plan the synthetic blocks."""
    check_supported(sampler)
    sampler._check_params()
    budget = resolve_budget(memory_budget)
    inputs = check_inputs(X, y)
    found = labels_pass(inputs)
    learn(sampler, inputs, found)
    targets = {label: n for label, n in sampler.sampling_strategy_.items() if n > 0}
    estimator = sampler._neighbor_search()
    k = neighbors.n_neighbors_of(estimator)
    methods = {}
    for label in targets:
        _validation.check_class_size(label, found.counts[label], k)
        methods[label] = _method_for(sampler, label, found.counts[label], inputs, budget)
    sampler.nn_k_ = estimator
    wanted = list(targets) if gather else []
    gathered = gather_pass(inputs, found, wanted)
    job = Job(inputs, found)
    if gather:
        _plan_blocks(sampler, job, gathered, targets, methods)
    total = job.n_new
    if inputs.x_frame and total:
        job.x_index = index_labels(inputs.X, gathered.index, total)
    if inputs.y_series and total:
        job.y_index = index_labels(inputs.y, found.index, total)
    return job


def _plan_blocks(sampler, job: Job, gathered: Gathered, targets: dict, methods: dict) -> None:
    streams = _random.class_generators(sampler.random_state, sampler.classes_)
    d = job.inputs.n_features
    rows_per_block = max(1, PARTITION_BYTES // (d * max(8, job.inputs.layout.dtype.itemsize)))
    offset = 0
    for label, n_new in targets.items():
        positions, values = gathered.rows.pop(label)
        estimator = sampler._neighbor_search(methods[label])
        nearest = class_graph(values, estimator)
        sampler.nn_k_ = estimator
        seed = streams.seed(label)  # the class seed in-memory segment_plan draws from
        shared = _share(ClassRows(label, values, positions, nearest, seed, n_new))
        for lo in range(0, n_new, rows_per_block):
            hi = min(n_new, lo + rows_per_block)
            job.blocks.append(Block(shared, label, lo, hi, offset + lo))
        offset += n_new


def _share(rows: ClassRows):
    """A class's rows as one graph key that every synthetic partition refers to.

    The rows travel inside the graph (not ``client.scatter``, which keeps them only on the
    worker that received them): when a worker dies, the scheduler recomputes the key from
    the graph like any other lost result, so the job survives the loss of any worker.
    """
    import dask

    return dask.delayed(rows, pure=True, traverse=False)


def synthetic_frame(job: Job, meta=None, target=None):
    """The synthetic rows of X (a dask DataFrame) as a dask DataFrame like ``meta``.

    With ``target``, ``meta`` is the whole table's and the label column is filled in too.
    """
    import dask
    import dask.dataframe as dd

    meta = job.inputs.X._meta if meta is None else meta
    make = dask.delayed(frame_block, pure=True)
    layout, index = job.inputs.layout, job.x_index
    parts = [
        make(b.rows, b.label, b.lo, b.hi, b.offset, layout, meta, index, target) for b in job.blocks
    ]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def outputs(job: Job):
    """(X_resampled, y_resampled): the inputs' partitions, then the synthetic ones."""
    import dask
    import dask.array as da
    import dask.dataframe as dd

    inputs = job.inputs
    if not job.blocks:
        return inputs.X, inputs.y
    if inputs.x_frame:
        X_out = dd.concat([inputs.X, synthetic_frame(job)])
    else:
        make = dask.delayed(synthetic_values, pure=True)
        d, dtype, rounded = inputs.n_features, inputs.X.dtype, inputs.layout.rounded
        X_out = da.concatenate(
            [inputs.X]
            + [
                da.from_delayed(make(b.rows, b.lo, b.hi, dtype, rounded), (b.n, d), dtype)
                for b in job.blocks
            ]
        )
    y = inputs.y
    if inputs.y_series:
        make = dask.delayed(label_block, pure=True)
        labels = [make(b.label, b.n, b.offset, y._meta, job.y_index) for b in job.blocks]
        y_out = dd.concat([y, dd.from_delayed(labels, meta=y._meta, verify_meta=False)])
    else:
        y_out = da.concatenate([y] + [da.full(b.n, b.label, dtype=y.dtype) for b in job.blocks])
    return X_out, y_out


def provenance(job: Job):
    """Lazy ``synthetic_parents_`` (n_new x 2) and ``synthetic_steps_`` as dask arrays."""
    import dask
    import dask.array as da

    if not job.blocks:
        return np.empty((0, 2), dtype=np.intp), np.empty(0)
    make = dask.delayed(provenance_block, pure=True, nout=2)
    parents, steps = [], []
    for b in job.blocks:
        p, s = make(b.rows, b.lo, b.hi)
        parents.append(da.from_delayed(p, (b.n, 2), np.intp))
        steps.append(da.from_delayed(s, (b.n,), np.float64))
    return da.concatenate(parents), da.concatenate(steps)


def fit_resample(sampler, X, y, memory_budget=None):
    """``sampler.fit_resample`` for dask X and y (see :func:`smotekit.dask.fit_resample`)."""
    kind = check_supported(sampler)
    if kind in _random_rows.KINDS:
        return _random_rows.run(kind, sampler, X, y, resample=True)
    job = plan_job(sampler, X, y, memory_budget)
    sampler.synthetic_parents_, sampler.synthetic_steps_ = provenance(job)
    if job.blocks:
        import dask.array as da

        synthetic = [da.full(b.n, -1, dtype=np.intp) for b in job.blocks]
        set_origin(sampler, job.found.offsets, da.concatenate(synthetic))
    else:
        set_origin(sampler, job.found.offsets)
    return outputs(job)


def fit(sampler, X, y, memory_budget=None):
    """``sampler.fit`` for dask X and y: the checks and ``sampling_strategy_``, no rows."""
    kind = check_supported(sampler)
    if kind in _random_rows.KINDS:
        return _random_rows.run(kind, sampler, X, y, resample=False)
    plan_job(sampler, X, y, memory_budget, gather=False)
    return sampler
