"""SMOTE on dask collections: class counts and minority rows eagerly, synthetic rows lazily.

1. labels pass (y only): rows and class counts per partition -> ``sampling_strategy_``;
2. gather pass (X and y): the finiteness check, and the rows of each class to over-sample,
   in row order, brought to the client (at most ``memory_budget`` bytes per class);
3. on the client: each gathered class's neighbour graph, with SMOTE's own search;
4. lazily: synthetic partitions. Each draws its slice of the plan from spawned seeds
   (:func:`smotekit._plan.segment_draws`) and interpolates it where it is computed; the
   input partitions pass through unchanged.

Step 4 draws exactly what in-memory SMOTE draws for the same ``random_state``, so the output
does not depend on the number of partitions or workers, and equals in-memory SMOTE's.
"""

from __future__ import annotations

import contextvars
import re
import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .. import _containers, _random, _strategy, _validation, neighbors
from .._interpolate import fill_dense
from .._plan import Plan, child_seed, segment_draws

DEFAULT_MEMORY_BUDGET = "2GiB"
CONFIG_KEY = "smotekit.memory-budget"
#: Target size of one synthetic partition (it only changes how rows are split, never them).
PARTITION_BYTES = 64 * 2**20
_FINITE_BLOCK_ROWS = 1 << 16
_SYNTHETIC_LABEL = re.compile(r"(_*)synthetic-(0|[1-9][0-9]*)")

#: Set by the command line to show progress: ``hook(delayed_tasks, what) -> results``.
compute_hook: contextvars.ContextVar = contextvars.ContextVar("smotekit_dask_compute", default=None)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Layout:
    """What tasks need to know about X's partitions (small: shipped with every task)."""

    x_frame: bool
    dtype: np.dtype  # what class rows are gathered and interpolated in
    rounded: np.ndarray
    columns: list | None

    @property
    def n_features(self) -> int:
        return self.rounded.shape[0]


@dataclass
class Inputs:
    """The two collections, checked, and the layout of X."""

    X: object
    y: object
    y_series: bool
    layout: Layout

    @property
    def x_frame(self) -> bool:
        return self.layout.x_frame

    @property
    def n_features(self) -> int:
        return self.layout.n_features


def _kind(obj) -> str:
    module = type(obj).__module__.split(".")[0]
    return f"{module}.{type(obj).__name__}"


def check_inputs(X, y) -> Inputs:
    """Check X and y are dask collections of supported kinds, split into the same row blocks."""
    import dask.array as da
    import dask.dataframe as dd

    if not (_containers.is_dask(X) and _containers.is_dask(y)):
        lazy, other = ("X", "y") if _containers.is_dask(X) else ("y", "X")
        raise TypeError(
            f"X and y must both be dask collections or neither: {lazy} is a dask collection "
            f"but {other} is {_kind(X if other == 'X' else y)}. Build both from one dask "
            "DataFrame (X = df.drop(columns=target), y = df[target]), or compute both."
        )
    if isinstance(X, dd.Series):
        raise ValueError(
            "X must be 2-D (rows x features); got a dask Series. Use X.to_frame() for one feature."
        )
    if isinstance(y, dd.DataFrame):
        raise ValueError(
            f"y must be 1-D; got a dask DataFrame with {len(y.columns)} columns. Pass one column "
            "(a Series)."
        )
    x_frame, y_series = isinstance(X, dd.DataFrame), isinstance(y, dd.Series)
    if not (x_frame or isinstance(X, da.Array)):
        raise TypeError(f"X must be a dask DataFrame or a 2-D dask Array; got {_kind(X)}.")
    if not (y_series or isinstance(y, da.Array)):
        raise TypeError(f"y must be a dask Series or a 1-D dask Array; got {_kind(y)}.")
    inputs = (_frame_inputs if x_frame else _array_inputs)(X, y, y_series)
    _check_aligned(inputs)
    return inputs


def _frame_inputs(X, y, y_series) -> Inputs:
    from dask.dataframe.utils import meta_nonempty

    if len(X.columns) == 0:
        raise ValueError("X has 0 feature columns; SMOTE needs at least one.")
    # Dtypes are known without reading data: check them on a two-row stand-in.
    features = _containers.unpack_X(meta_nonempty(X._meta))
    layout = Layout(True, features.dtype, features.rounded, list(X.columns))
    return Inputs(X, y, y_series, layout)


def _array_inputs(X, y, y_series) -> Inputs:
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got a dask Array of shape {X.shape}. "
            "Use X.reshape(-1, 1) for a single feature."
        )
    if X.dtype.kind not in "biuf":
        raise ValueError(f"X has dtype {X.dtype}, which is not numeric. {_containers.SMOTENC_HINT}")
    if X.shape[1] == 0:
        raise ValueError("X has 0 feature columns; SMOTE needs at least one.")
    if X.numblocks[1] > 1:
        X = X.rechunk({1: -1})  # a partition is a block of whole rows
    if not y_series:
        if y.ndim != 1:
            raise ValueError(
                f"y must be a 1-D array of class labels; got a dask Array of shape {y.shape}."
            )
        known = not (np.isnan(X.shape[0]) or np.isnan(y.shape[0]))
        if known and X.chunks[0] != y.chunks[0] and X.shape[0] == y.shape[0]:
            y = y.rechunk({0: X.chunks[0]})
    rounded = np.full(X.shape[1], X.dtype.kind in "biu")
    return Inputs(X, y, y_series, Layout(False, np.dtype(X.dtype), rounded, None))


def _n_parts(collection) -> int:
    return collection.npartitions if hasattr(collection, "npartitions") else collection.numblocks[0]


def _check_aligned(inputs: Inputs) -> None:
    nx, ny = _n_parts(inputs.X), _n_parts(inputs.y)
    if nx != ny:
        raise ValueError(
            f"X and y must be split into the same row blocks (partitions): X has {nx}, y has "
            f"{ny}. Build both from one dask DataFrame (X = df.drop(columns=target), "
            "y = df[target]), or rechunk y to X's row chunks."
        )


def _parts(collection) -> list:
    parts = collection.to_delayed()
    return list(parts.ravel()) if isinstance(parts, np.ndarray) else list(parts)


# --------------------------------------------------------------------------- eager passes


def compute(tasks: list, what: str) -> list:
    """Compute delayed ``tasks`` together (through the progress hook when one is set)."""
    hook = compute_hook.get()
    if hook is not None:
        return hook(tasks, what)
    import dask

    return list(dask.compute(*tasks))


def _missing(values: np.ndarray) -> np.ndarray | None:
    if values.dtype.kind == "f":
        return np.isnan(values)
    if values.dtype.kind == "O":
        import pandas as pd

        return np.asarray(pd.isna(values), dtype=bool)
    return None


def _index_summary(index, integer: bool):
    """What new index labels depend on: the largest integer label, or the labels that
    look like synthetic ones (``_*synthetic-<i>``)."""
    if integer:
        return int(index.max()) if len(index) else None
    if index.dtype.kind not in "OSUT" and str(index.dtype) not in ("str", "string"):
        return []
    if index.inferred_type == "string":
        hits = index[index.str.fullmatch(_SYNTHETIC_LABEL.pattern)]
        return list(hits)
    return [v for v in index if isinstance(v, str) and _SYNTHETIC_LABEL.fullmatch(v)]


def _label_stats(part, index_integer):
    values = np.asarray(part)
    missing = _missing(values)
    n_missing, first_missing = 0, None
    if missing is not None and missing.any():
        n_missing = int(missing.sum())
        first_missing = int(np.flatnonzero(missing)[0])
        values = values[~missing]
    labels, counts = np.unique(values, return_counts=True)
    summary = None if index_integer is None else _index_summary(part.index, index_integer)
    return len(part), labels, counts, n_missing, first_missing, summary


def _is_integer_index(collection) -> bool | None:
    """None for arrays (no index); else whether the index has an integer dtype."""
    import pandas as pd

    meta = getattr(collection, "_meta", None)
    if meta is None or not hasattr(meta, "index"):
        return None
    return bool(pd.api.types.is_integer_dtype(meta.index.dtype))


@dataclass
class Labels:
    """What the labels pass found: rows per partition, class counts, index summary."""

    offsets: np.ndarray  # partition i holds rows offsets[i]:offsets[i + 1]
    labels: np.ndarray  # sorted
    counts: dict  # {label: rows}, sorted
    index: list | None = None

    @property
    def n_rows(self) -> int:
        return int(self.offsets[-1])


def labels_pass(inputs: Inputs) -> Labels:
    import dask

    integer = _is_integer_index(inputs.y) if inputs.y_series else None
    stat = dask.delayed(_label_stats, pure=True)
    stats = compute([stat(p, integer) for p in _parts(inputs.y)], "counting classes")
    offsets = np.concatenate([[0], np.cumsum([s[0] for s in stats])]).astype(np.int64)
    n_missing = sum(s[3] for s in stats)
    if n_missing:
        i = next(i for i, s in enumerate(stats) if s[3])
        raise ValueError(
            f"y contains {n_missing} missing labels (NaN or None), the first at row "
            f"{offsets[i] + stats[i][4]}; drop those rows first."
        )
    if offsets[-1] == 0:
        raise ValueError("X is empty (0 rows); there is nothing to resample.")
    found = np.concatenate([s[1] for s in stats])
    labels, inverse = np.unique(found, return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=np.concatenate([s[2] for s in stats]))
    counts = {
        (label.item() if hasattr(label, "item") else label): int(c)
        for label, c in zip(labels, totals, strict=True)
    }
    index = None
    if integer is not None:
        index = [v for s in stats for v in ([s[5]] if integer else s[5]) if v is not None]
    return Labels(offsets, labels, counts, index)


def _values(part, layout: Layout) -> np.ndarray:
    if layout.x_frame:
        if list(part.columns) != layout.columns:
            raise _PartError(f"has columns {list(part.columns)!r}, not X's {layout.columns!r}")
        try:
            return part.to_numpy(dtype=layout.dtype, na_value=np.nan)
        except (TypeError, ValueError) as error:
            raise _PartError(f"has values that are not numbers ({error})") from None
    values = np.asarray(part)
    if values.ndim != 2 or values.shape[1] != layout.n_features:
        raise _PartError(f"has shape {values.shape}, not (rows, {layout.n_features})")
    return values


class _PartError(Exception):
    """A partition does not match the collection's metadata (reported with its number)."""


def _first_non_finite(values: np.ndarray):
    """(row, column, value, count) of the first non-finite cell, or None; in row blocks."""
    if values.dtype.kind != "f":
        return None
    first, count = None, 0
    for start in range(0, values.shape[0], _FINITE_BLOCK_ROWS):
        bad = ~np.isfinite(values[start : start + _FINITE_BLOCK_ROWS])
        n_bad = int(bad.sum())
        if n_bad and first is None:
            row, col = (int(i) for i in np.argwhere(bad)[0])
            first = (start + row, col, values[start + row, col].item())
        count += n_bad
    return None if first is None else (*first, count)


def _gather_part(x_part, y_part, layout: Layout, wanted: list, index_integer, y_column=None):
    """Check one partition; return its length, first non-finite cell and wanted class rows.

    With ``y_column``, ``x_part`` holds X's columns and y's (then ``y_part`` is None).
    """
    if y_column is not None:
        y_part = x_part[y_column]
        x_part = x_part.drop(columns=[y_column])
    try:
        values = _values(x_part, layout)
    except _PartError as error:
        return {"error": str(error)}
    y_values = np.asarray(y_part)
    if values.shape[0] != y_values.shape[0]:
        return {"lengths": (values.shape[0], y_values.shape[0])}
    rows = {}
    for label in wanted:
        positions = np.flatnonzero(y_values == label)
        rows[label] = (positions, values.take(positions, axis=0))
    summary = None if index_integer is None else _index_summary(x_part.index, index_integer)
    return {"n": values.shape[0], "bad": _first_non_finite(values), "rows": rows, "index": summary}


def _paired_parts(inputs: Inputs):
    """[(X partition, y partition)], y_column: partitions that hold the same rows.

    A DataFrame and a Series are joined into one frame first: dask may split a
    one-column read differently from the whole table's, so their own partitions need not
    line up, while the joined frame's partitions hold both.
    """
    if inputs.x_frame and inputs.y_series:
        column = "__smotekit_y__"
        while column in inputs.layout.columns:
            column = "_" + column
        joined = inputs.X.assign(**{column: inputs.y})
        return [(part, None) for part in _parts(joined)], column
    return list(zip(_parts(inputs.X), _parts(inputs.y), strict=True)), None


@dataclass
class Gathered:
    rows: dict  # {label: (positions in X, rows)}
    index: list | None


def gather_pass(inputs: Inputs, found: Labels, wanted: list) -> Gathered:
    import dask

    integer = _is_integer_index(inputs.X) if inputs.x_frame else None
    task = dask.delayed(_gather_part, pure=True)
    parts, y_column = _paired_parts(inputs)
    what = "gathering the rows to over-sample" if wanted else "checking X"
    layout = inputs.layout
    results = compute([task(x, y, layout, wanted, integer, y_column) for x, y in parts], what)
    for i, result in enumerate(results):
        if "error" in result:
            raise ValueError(f"X: partition {i} {result['error']}.")
        if "lengths" in result:
            nx, ny = result["lengths"]
            raise ValueError(
                f"X and y have different lengths in partition {i}: X has {nx} rows there, y "
                f"has {ny} labels. Build both from one dask DataFrame "
                "(X = df.drop(columns=target), y = df[target])."
            )
    offsets = np.concatenate([[0], np.cumsum([r["n"] for r in results])]).astype(np.int64)
    _check_lined_up(
        found, offsets[-1], {k: sum(len(r["rows"][k][0]) for r in results) for k in wanted}
    )
    bad = [(i, r["bad"]) for i, r in enumerate(results) if r["bad"] is not None]
    if bad:
        i, (row, col, value, _) = bad[0]
        n_bad = sum(b[3] for _, b in bad)
        what = "NaN" if np.isnan(value) else "infinite values"
        more = f" ({n_bad - 1} more non-finite cells)" if n_bad > 1 else ""
        raise ValueError(
            f"X contains {what}: row {offsets[i] + row}, column "
            f"{_validation.column_name(layout.columns, col)} is {value}{more}. SMOTE "
            "interpolates between rows and needs finite numbers; impute or drop them first."
        )
    gathered = {}
    for label in wanted:
        positions = [offsets[i] + r["rows"][label][0] for i, r in enumerate(results)]
        values = [r["rows"][label][1] for r in results]
        gathered[label] = (np.concatenate(positions), np.concatenate(values))
        for r in results:  # free each partition's copy as soon as it is joined
            del r["rows"][label]
    index = None
    if integer is not None:
        index = [v for r in results for v in ([r["index"]] if integer else r["index"])]
        index = [v for v in index if v is not None]
    return Gathered(gathered, index)


def _check_lined_up(found: Labels, n_rows: int, class_rows: dict) -> None:
    """The gather pass saw the rows and labels the labels pass counted."""
    if n_rows != found.n_rows:
        raise ValueError(
            f"X and y have different lengths: X has {n_rows} rows, y has {found.n_rows} labels."
        )
    for label, n in class_rows.items():
        if n != found.counts[label]:
            raise ValueError(
                f"X and y do not line up: y has {found.counts[label]} rows of class "
                f"{label!r}, but only {n} of them were found beside X's rows. Build both from "
                "one dask DataFrame (X = df.drop(columns=target), y = df[target])."
            )


# --------------------------------------------------------------------------- planning


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


def check_supported(sampler) -> None:
    from ..over_sampling._smote import SMOTE

    if isinstance(sampler, SMOTE) and type(sampler)._plan is SMOTE._plan:
        return
    name = type(sampler).__name__
    raise TypeError(
        f"{name} cannot run on dask collections: the Dask engine runs SMOTE, whose plan needs "
        f"only the rows of each class it over-samples. Compute X and y to use {name} in memory."
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


def class_neighbors(sampler, X_class: np.ndarray, method: str):
    """Each gathered row's k nearest other rows, found as SMOTE's own ``_plan`` finds them."""
    estimator = neighbors.make_estimator(sampler.k_neighbors, method=method)
    if X_class.dtype.kind != "f":
        X_class = X_class.astype(np.float64)
    return neighbors.within(X_class, estimator), estimator


@dataclass
class ClassRows:
    """Everything a worker needs to make any slice of one class's synthetic rows."""

    label: object
    values: np.ndarray  # the class's rows, in X's order
    positions: np.ndarray  # their row positions in X
    nearest: np.ndarray  # local positions of each row's k neighbours
    seed: np.random.SeedSequence
    n_new: int


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


def prepare(sampler, X, y, memory_budget=None, gather: bool = True) -> Job:
    """Check X, y and ``sampler``, set its fitted attributes and plan the synthetic blocks."""
    check_supported(sampler)
    sampler._check_params()
    budget = resolve_budget(memory_budget)
    inputs = check_inputs(X, y)
    found = labels_pass(inputs)
    sampler.classes_ = _validation.check_target(found.labels, found.labels.shape[0])
    strategy = sampler.sampling_strategy
    callable_strategy = callable(strategy) and not isinstance(strategy, (str, Mapping))
    # A callable gets a y with the true class counts (rows sorted by class, not in X's order).
    y_for_callable = np.repeat(found.labels, list(found.counts.values()))
    sampler.sampling_strategy_ = _strategy.resolve_sampling_strategy(
        strategy,
        y_for_callable if callable_strategy else found.labels,
        sampler._sampling_type,
        counts=found.counts,
    )
    _set_feature_attributes(sampler, inputs)
    targets = {label: n for label, n in sampler.sampling_strategy_.items() if n > 0}
    estimator = neighbors.make_estimator(sampler.k_neighbors, method=sampler.neighbors)
    k = neighbors.n_neighbors_of(estimator)
    from ..over_sampling._smote import check_class_size

    methods = {}
    for label in targets:
        check_class_size(label, found.counts[label], k)
        methods[label] = _method_for(sampler, label, found.counts[label], inputs, budget)
    sampler.nn_k_ = estimator
    wanted = list(targets) if gather else []
    gathered = gather_pass(inputs, found, wanted)
    job = Job(inputs, found)
    if gather:
        _plan_blocks(sampler, job, gathered, targets, methods)
    total = job.n_new
    if inputs.x_frame and total:
        job.x_index = _index_labels(inputs.X, gathered.index, total)
    if inputs.y_series and total:
        job.y_index = _index_labels(inputs.y, found.index, total)
    return job


def _set_feature_attributes(sampler, inputs: Inputs) -> None:
    sampler.n_features_in_ = inputs.n_features
    columns = inputs.layout.columns
    if columns is not None and all(isinstance(c, str) for c in columns):
        sampler.feature_names_in_ = np.asarray(columns, dtype=object)
    elif hasattr(sampler, "feature_names_in_"):
        del sampler.feature_names_in_


def _plan_blocks(sampler, job: Job, gathered: Gathered, targets: dict, methods: dict) -> None:
    streams = _random.class_generators(sampler.random_state, sampler.classes_)
    d = job.inputs.n_features
    rows_per_block = max(1, PARTITION_BYTES // (d * max(8, job.inputs.layout.dtype.itemsize)))
    offset = 0
    for label, n_new in targets.items():
        positions, values = gathered.rows.pop(label)
        nearest, estimator = class_neighbors(sampler, values, methods[label])
        sampler.nn_k_ = estimator
        # segment_plan takes the first spawned child of the class stream; so do we.
        seed = child_seed(streams[label].bit_generator.seed_seq, 0)
        shared = _share(ClassRows(label, values, positions, nearest, seed, n_new))
        for lo in range(0, n_new, rows_per_block):
            hi = min(n_new, lo + rows_per_block)
            job.blocks.append(Block(shared, label, lo, hi, offset + lo))
        offset += n_new


def _current_client():
    """The distributed client ``compute`` would use now (respects dask's scheduler config)."""
    if "distributed" not in sys.modules:
        return None
    import dask.base
    from distributed import Client

    client = getattr(dask.base.get_scheduler(), "__self__", None)
    return client if isinstance(client, Client) else None


def _share(rows: ClassRows):
    """Put a class's rows where tasks can use them: scattered once to a cluster, or one
    graph key, so every synthetic partition refers to the same copy."""
    client = _current_client()
    if client is not None:
        return client.scatter(rows, hash=False)
    import dask

    return dask.delayed(rows, pure=True, traverse=False)


# --------------------------------------------------------------------------- index labels


@dataclass
class IndexLabels:
    """New pandas index labels, as :func:`smotekit._containers.new_index_labels` makes them.

    Integer labels are ``start + i``; any other index gets ``prefix + str(i)``.
    """

    start: int | None
    prefix: str | None
    name: object

    def slice(self, lo: int, hi: int):
        """Labels of synthetic rows ``lo:hi`` (counted over all classes)."""
        import pandas as pd

        if self.start is not None:
            return pd.RangeIndex(self.start + lo, self.start + hi, name=self.name)
        return pd.Index([f"{self.prefix}{i}" for i in range(lo, hi)], name=self.name)


def _index_labels(collection, summary: list, n_new: int) -> IndexLabels:
    """Ask ``new_index_labels`` on a stand-in index holding only the labels that matter
    (the largest integer, or the ones shaped like synthetic labels), so both paths agree."""
    import pandas as pd

    meta = collection._meta.index
    if _is_integer_index(collection):
        stand_in = pd.Index([max(summary)] if summary else [], dtype=meta.dtype, name=meta.name)
        first = _containers.new_index_labels(stand_in, 1)
        return IndexLabels(int(first[0]), None, first.name)
    # Only labels prefix + str(i) with i < n_new can clash, so m such labels decide it.
    numbers = [int(_SYNTHETIC_LABEL.fullmatch(label).group(2)) for label in summary]
    m = min(n_new, 1 + max(numbers, default=0))
    first = _containers.new_index_labels(pd.Index(summary, dtype=object, name=meta.name), m)
    return IndexLabels(None, first[0][: -len("0")], first.name)


# --------------------------------------------------------------------------- making rows


def synthetic_values(rows: ClassRows, lo: int, hi: int, dtype, rounded) -> np.ndarray:
    """Synthetic rows ``lo:hi`` of a class, as in-memory SMOTE makes them."""
    local, neighbor, step = segment_draws(rows.nearest, rows.n_new, rows.seed, lo, hi)
    plan = Plan(local, neighbor, step, np.broadcast_to(np.asarray(rows.label), local.shape))
    out = np.empty((hi - lo, rows.values.shape[1]), dtype=dtype)
    fill_dense(rows.values, plan, out, rounded)
    return out


def _provenance(rows: ClassRows, lo: int, hi: int):
    local, neighbor, step = segment_draws(rows.nearest, rows.n_new, rows.seed, lo, hi)
    parents = np.column_stack([rows.positions[local], rows.positions[neighbor]])
    return parents.astype(np.intp), step


def features_frame(values: np.ndarray, meta, index):
    """Synthetic rows as a DataFrame like ``meta``: each column cast to its dtype."""
    import pandas as pd

    dtypes = list(meta.dtypes)
    if all(dt == dtypes[0] for dt in dtypes):
        return pd.DataFrame(values, index=index, columns=meta.columns).astype(dtypes[0])
    parts = [pd.Series(values[:, j], index=index).astype(dt) for j, dt in enumerate(dtypes)]
    frame = pd.concat(parts, axis=1)
    frame.columns = meta.columns
    return frame


def label_series(label, n: int, meta, index):
    import pandas as pd

    return pd.Series(np.full(n, label), index=index, dtype=meta.dtype, name=meta.name)


def _frame_block(rows, label, lo, hi, offset, layout, meta, index, target=None):
    values = synthetic_values(rows, lo, hi, layout.dtype, layout.rounded)
    labels = index.slice(offset, offset + hi - lo)
    features = meta if target is None else meta.drop(columns=[target])
    frame = features_frame(values, features, labels)
    if target is None:
        return frame
    frame[target] = label_series(label, hi - lo, meta[target], labels)
    return frame[list(meta.columns)]


def _label_block(label, n, offset, meta, index):
    return label_series(label, n, meta, index.slice(offset, offset + n))


def synthetic_frame(job: Job, meta=None, target=None):
    """The synthetic rows of X (a dask DataFrame) as a dask DataFrame like ``meta``.

    With ``target``, ``meta`` is the whole table's and the label column is filled in too.
    """
    import dask
    import dask.dataframe as dd

    meta = job.inputs.X._meta if meta is None else meta
    make = dask.delayed(_frame_block, pure=True)
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
        make = dask.delayed(_label_block, pure=True)
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
    make = dask.delayed(_provenance, pure=True, nout=2)
    parents, steps = [], []
    for b in job.blocks:
        p, s = make(b.rows, b.lo, b.hi)
        parents.append(da.from_delayed(p, (b.n, 2), np.intp))
        steps.append(da.from_delayed(s, (b.n,), np.float64))
    return da.concatenate(parents), da.concatenate(steps)


# --------------------------------------------------------------------------- entry points


def fit_resample(sampler, X, y, memory_budget=None):
    """``sampler.fit_resample`` for dask X and y (see :func:`smotekit.dask.fit_resample`)."""
    job = prepare(sampler, X, y, memory_budget)
    sampler.synthetic_parents_, sampler.synthetic_steps_ = provenance(job)
    return outputs(job)


def fit(sampler, X, y, memory_budget=None):
    """``sampler.fit`` for dask X and y: the checks and ``sampling_strategy_``, no rows."""
    prepare(sampler, X, y, memory_budget, gather=False)
    return sampler
