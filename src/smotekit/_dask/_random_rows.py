"""RandomUnderSampler and RandomOverSampler on dask collections: picks of rows, lazily.

1. count pass (one small task per partition): rows and class counts of each partition,
   and what new index labels depend on. It reads the very partitions the output is built
   from (a DataFrame X and a Series y joined into one frame, as for SMOTE), so each task
   later finds the rows it was counted with;
2. on the client: ``sampling_strategy_`` (the sampler's own ``_check_params`` and
   ``_learn``), then, for each class it resamples, how many picks fall in each block of
   class ranks (:class:`~smotekit._dask._picks.ClassPicks`, from the class seed of
   :func:`smotekit._random.class_seed`), and from that how many rows each partition gives;
3. lazily, partition by partition: the under-sampler keeps each partition's picked rows
   (in order, a row picked twice appears twice); the over-sampler appends, class by class
   in sorted label order, the picked rows of each partition in row order, each as many
   times as it was picked, jittered with noise drawn per block of picks for ``shrinkage``
   (the noise scale from exact class moments, :mod:`~smotekit._dask._moments`, in one
   more pass over X).

Every random choice is a function of the class seed and of class ranks (global row
positions), never of partition boundaries, so the computed output is the same for any
partitioning. It is not the in-memory sampler's output: that draws rows in another order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .. import _random, _validation
from ._inputs import Inputs, check_inputs
from ._moments import ExactSums
from ._passes import (
    Labels,
    _first_non_finite,
    _index_summary,
    _label_stats,
    _paired_parts,
    _PartError,
    _values,
    check_part_results,
    compute,
    is_integer_index,
    learn,
    set_origin,
    summarize_labels,
)
from ._picks import ClassPicks
from ._rows import features_frame, index_labels, label_block

#: The ``_dask_engine`` capabilities this module runs.
UNDER, OVER = "random-under", "random-over"
KINDS = (UNDER, OVER)


# --------------------------------------------------------------------------- worker tasks


def _split(x_part, y_part, column):
    """(X part, y part) of a pair; with ``column``, ``x_part`` is the joined frame."""
    if column is None:
        return x_part, y_part
    return x_part.drop(columns=[column]), x_part[column]


def _count_part(x_part, y_part, column, integer_x, integer_y):
    x_part, y_part = _split(x_part, y_part, column)
    nx, ny = len(x_part), len(y_part)
    if nx != ny:
        return {"lengths": (nx, ny)}
    x_index = None if integer_x is None else _index_summary(x_part.index, integer_x)
    return {"stats": _label_stats(y_part, integer_y), "x_index": x_index}


def _moments_part(x_part, y_part, column, layout, labels):
    """The finiteness check of one partition and the exact sums of ``labels``' rows."""
    x_part, y_part = _split(x_part, y_part, column)
    try:
        values = _values(x_part, layout)
    except _PartError as error:
        return {"error": str(error)}
    y_values = np.asarray(y_part)
    sums = {label: ExactSums.of(values[y_values == label]) for label in labels}
    return {"bad": _first_non_finite(values), "sums": sums, "n": values.shape[0]}


def _picked(y_part, column, spec: dict, keep_others: bool, expected: int) -> np.ndarray:
    """Local positions of the rows a partition gives, in row order, a row repeated as many
    times as it was picked. ``spec`` = {label: (picks, first class rank in the partition)};
    rows of other classes are kept once (``keep_others``) or dropped."""
    y_values = np.asarray(y_part[column] if column is not None else y_part)
    repeats = np.full(y_values.shape[0], int(keep_others), dtype=np.int64)
    for label, (picks, lo) in spec.items():
        rows = np.flatnonzero(y_values == label)
        repeats[rows] = picks.multiplicity(lo, lo + rows.size)
    take = np.repeat(np.arange(y_values.shape[0]), repeats)
    if take.shape[0] != expected:
        raise RuntimeError(
            f"a partition gave {take.shape[0]} rows where its count promised {expected}: the "
            "input changed between the count pass and the computation (a non-deterministic "
            "source?); persist X and y first."
        )
    return take


def _x_rows(x_part, column, take):
    if column is not None:
        x_part = x_part.drop(columns=[column])
    if hasattr(x_part, "iloc"):
        return x_part.iloc[take]
    return np.asarray(x_part)[take]


def _y_rows(y_part, column, take, name):
    if column is not None:
        return y_part[column].iloc[take].rename(name)
    if hasattr(y_part, "iloc"):
        return y_part.iloc[take]
    return np.asarray(y_part)[take]


@dataclass(frozen=True)
class Copies:
    """What a task needs to turn a partition's picked rows into copies."""

    label: object
    offset: int  # position of the first copy among all new rows
    first_pick: int  # position of the first copy among its class's picks
    index: object  # IndexLabels of new rows (frames), or None
    layout: object  # the inputs' Layout
    scale: np.ndarray | None  # shrinkage noise scale per feature, or None
    picks: ClassPicks


def _copy_rows(x_part, column, take, copies: Copies, meta):
    rows = _x_rows(x_part, column, take)
    n = len(take)
    if copies.scale is None:
        if copies.index is None:
            return rows
        rows = rows.copy()
        rows.index = copies.index.slice(copies.offset, copies.offset + n)
        return rows
    from ..over_sampling._random_over import jittered, noise_dtype

    layout = copies.layout
    values = _values(rows, layout) if layout.x_frame else rows
    work, rounded = noise_dtype(values.dtype, layout.rounded)
    z = copies.picks.noise(copies.first_pick, copies.first_pick + n, values.shape[1], work)
    values = jittered(values, z, copies.scale, rounded)
    if not layout.x_frame:
        return values.astype(rows.dtype, copy=False)
    return features_frame(values, meta, copies.index.slice(copies.offset, copies.offset + n))


def _positions(take, start):
    return (take + start).astype(np.intp)


# --------------------------------------------------------------------------- the client


@dataclass
class Counted:
    inputs: Inputs
    found: Labels
    parts: list  # [(X part, y part)] as delayed objects
    column: object  # the label column of joined parts, or None
    x_index: list | None  # what new X index labels depend on

    def ranks(self, label) -> np.ndarray:
        """First class rank of ``label`` in each partition."""
        n = [c.get(label, 0) for c in self.found.part_counts]
        return np.concatenate([[0], np.cumsum(n)]).astype(np.int64)


def _count(sampler, X, y, numeric: bool) -> Counted:
    import dask

    sampler._check_params()
    inputs = check_inputs(X, y, numeric=numeric)
    parts, column = _paired_parts(inputs)
    integer_x = is_integer_index(inputs.X) if inputs.x_frame else None
    integer_y = is_integer_index(inputs.y) if inputs.y_series else None
    task = dask.delayed(_count_part, pure=True)
    results = compute(
        [task(x, yp, column, integer_x, integer_y) for x, yp in parts], "counting classes"
    )
    check_part_results(results)
    found = summarize_labels([r["stats"] for r in results], integer_y)
    x_index = None
    if integer_x is not None:
        summaries = [r["x_index"] for r in results]
        x_index = [v for s in summaries for v in ([s] if integer_x else s) if v is not None]
    learn(sampler, inputs, found)
    return Counted(inputs, found, parts, column, x_index)


def _class_std(counted: Counted, labels: list) -> dict:
    """{label: per-feature std} of the classes in ``labels``, exact (one pass over X), after
    checking that X is finite everywhere, as in-memory shrinkage does."""
    import dask

    inputs = counted.inputs
    layout = inputs.layout
    task = dask.delayed(_moments_part, pure=True)
    results = compute(
        [task(x, yp, counted.column, layout, labels) for x, yp in counted.parts],
        "measuring the classes to over-sample",
    )
    check_part_results(results)
    bad = [(i, r["bad"]) for i, r in enumerate(results) if r["bad"] is not None]
    if bad:
        offsets = counted.found.offsets
        i, (row, col, value, _) = bad[0]
        raise ValueError(
            f"X contains {'NaN' if np.isnan(value) else 'infinite values'}: row "
            f"{offsets[i] + row}, column {_validation.column_name(layout.columns, col)} is "
            f"{value}. RandomOverSampler with shrinkage adds noise to numbers and needs them "
            "finite; impute or drop those rows, or use shrinkage=None."
        )
    out = {}
    for label in labels:
        total = ExactSums(inputs.n_features)
        for r in results:
            total.add(r["sums"][label])
        out[label] = total.std()
    return out


def _draws(sampler, counted: Counted, targets: dict, replace: bool) -> dict:
    streams = _random.class_generators(sampler.random_state, sampler.classes_)
    return {
        label: ClassPicks.draw(streams.seed(label), counted.found.counts[label], n, replace)
        for label, n in targets.items()
    }


def _part_totals(picks: ClassPicks, ranks: np.ndarray) -> np.ndarray:
    """Picks in each partition (only blocks cut by a partition boundary are drawn)."""
    cache: dict = {}
    return np.array(
        [picks.picked_in(int(a), int(b), cache) for a, b in itertools.pairwise(ranks)],
        dtype=np.int64,
    )


def _lazy_frame(parts: list, meta):
    import dask.dataframe as dd

    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def _lazy_array(parts: list, lengths, tail_shape, dtype):
    import dask.array as da

    blocks = [
        da.from_delayed(p, (int(n), *tail_shape), dtype)
        for p, n in zip(parts, lengths, strict=True)
    ]
    return da.concatenate(blocks) if blocks else da.empty((0, *tail_shape), dtype=dtype)


def under_sample(sampler, X, y, resample: bool = True):
    """``RandomUnderSampler.fit_resample`` (``fit`` when not ``resample``) on dask input."""
    import dask

    counted = _count(sampler, X, y, numeric=False)
    if not resample:
        return sampler
    inputs, found = counted.inputs, counted.found
    targets = dict(sampler.sampling_strategy_)
    picks = _draws(sampler, counted, targets, bool(sampler.replacement))
    ranks = {label: counted.ranks(label) for label in targets}
    totals = {label: _part_totals(picks[label], ranks[label]) for label in targets}
    pick = dask.delayed(_picked, pure=True)
    x_rows = dask.delayed(_x_rows, pure=True)
    y_rows = dask.delayed(_y_rows, pure=True)
    positions = dask.delayed(_positions, pure=True)
    X_parts, y_parts, index_parts, lengths = [], [], [], []
    for p, (x_part, y_part) in enumerate(counted.parts):
        counts = found.part_counts[p]
        spec = {
            label: (picks[label], int(ranks[label][p])) for label in targets if counts.get(label, 0)
        }
        n = sum(c for label, c in counts.items() if label not in targets)
        n += sum(int(totals[label][p]) for label in targets)
        source = x_part if counted.column is not None else y_part
        take = pick(source, counted.column, spec, True, n)
        X_parts.append(x_rows(x_part, counted.column, take))
        y_name = inputs.y.name if inputs.y_series else None
        y_parts.append(y_rows(source, counted.column, take, y_name))
        index_parts.append(positions(take, int(found.offsets[p])))
        lengths.append(n)
    d = inputs.n_features
    if inputs.x_frame:
        X_out = _lazy_frame(X_parts, inputs.X._meta)
    else:
        X_out = _lazy_array(X_parts, lengths, (d,), inputs.X.dtype)
    if inputs.y_series:
        y_out = _lazy_frame(y_parts, inputs.y._meta)
    else:
        y_out = _lazy_array(y_parts, lengths, (), inputs.y.dtype)
    sampler.sample_indices_ = _lazy_array(index_parts, lengths, (), np.intp)
    sampler.sample_origin_ = sampler.sample_indices_  # every row kept is an input row
    sampler.synthetic_mask_ = sampler.sample_origin_ < 0
    return X_out, y_out


def over_sample(sampler, X, y, resample: bool = True):
    """``RandomOverSampler.fit_resample`` (``fit`` when not ``resample``) on dask input."""
    import dask
    import dask.array as da
    import dask.dataframe as dd

    counted = _count(sampler, X, y, numeric=sampler.shrinkage is not None)
    targets = {label: n for label, n in sampler.sampling_strategy_.items() if n > 0}
    sampler.shrinkage_ = sampler._shrinkage_by_class(targets)
    if not resample:
        return sampler
    inputs, found = counted.inputs, counted.found
    n_rows, total = found.n_rows, sum(targets.values())
    if not total:
        sampler.synthetic_parents_ = np.empty((0, 2), dtype=np.intp)
        sampler.synthetic_steps_ = np.zeros(0)
        sampler.sample_indices_ = da.arange(n_rows, dtype=np.intp)
        set_origin(sampler, found.offsets)
        return inputs.X, inputs.y
    stds = {}
    if sampler.shrinkage_ is not None:
        stds = _class_std(counted, list(targets))
    picks = _draws(sampler, counted, targets, True)
    x_index = y_index = None
    if inputs.x_frame:
        x_index = index_labels(inputs.X, counted.x_index, total)
    if inputs.y_series:
        y_index = index_labels(inputs.y, found.index, total)
    pick = dask.delayed(_picked, pure=True)
    copy = dask.delayed(_copy_rows, pure=True)
    positions = dask.delayed(_positions, pure=True)
    make_labels = dask.delayed(label_block, pure=True)
    X_parts, y_parts, parent_parts, lengths = [], [], [], []
    offset = 0
    for label in targets:
        ranks = counted.ranks(label)
        totals = _part_totals(picks[label], ranks)
        scale = None
        if sampler.shrinkage_ is not None:
            from ..over_sampling._random_over import smoothing_scale

            scale = smoothing_scale(sampler.shrinkage_[label], found.counts[label], stds[label])
        first_pick = 0
        for p, (x_part, y_part) in enumerate(counted.parts):
            n = int(totals[p])
            if not n:
                continue
            spec = {label: (picks[label], int(ranks[p]))}
            source = x_part if counted.column is not None else y_part
            take = pick(source, counted.column, spec, False, n)
            copies = Copies(label, offset, first_pick, x_index, inputs.layout, scale, picks[label])
            meta = inputs.X._meta if inputs.x_frame else None
            X_parts.append(copy(x_part, counted.column, take, copies, meta))
            if inputs.y_series:
                y_parts.append(make_labels(label, n, offset, inputs.y._meta, y_index))
            else:
                y_parts.append(da.full(n, label, dtype=inputs.y.dtype))
            parent_parts.append(positions(take, int(found.offsets[p])))
            lengths.append(n)
            offset += n
            first_pick += n
    d = inputs.n_features
    if inputs.x_frame:
        X_out = dd.concat([inputs.X, _lazy_frame(X_parts, inputs.X._meta)])
    else:
        X_out = da.concatenate([inputs.X, _lazy_array(X_parts, lengths, (d,), inputs.X.dtype)])
    if inputs.y_series:
        y_out = dd.concat([inputs.y, _lazy_frame(y_parts, inputs.y._meta)])
    else:
        y_out = da.concatenate([inputs.y, *y_parts])
    parents = _lazy_array(parent_parts, lengths, (), np.intp)
    sampler.synthetic_parents_ = da.stack([parents, parents], axis=1)
    sampler.synthetic_steps_ = da.zeros(total, dtype=np.float64)
    sampler.sample_indices_ = da.concatenate([da.arange(n_rows, dtype=np.intp), parents])
    # A copy is its input row; a copy moved by shrinkage's noise is a new row (-1).
    jittered = [da.full(n, -1, dtype=np.intp) for n in lengths]
    set_origin(
        sampler, found.offsets, parents if sampler.shrinkage_ is None else da.concatenate(jittered)
    )
    return X_out, y_out


def run(kind: str, sampler, X, y, resample: bool):
    """The entry point for the capabilities in :data:`KINDS`."""
    if kind == UNDER:
        return under_sample(sampler, X, y, resample)
    return over_sample(sampler, X, y, resample)
