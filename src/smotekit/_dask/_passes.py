"""The two eager passes: class counts from y, then X's check and the rows to over-sample.

Each pass is one ``compute`` of a small task per partition; what comes back is small (counts,
the first bad cell, and only the rows of the classes being over-sampled).
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .. import _validation
from ._inputs import Inputs, Layout, partitions

_FINITE_BLOCK_ROWS = 1 << 16
SYNTHETIC_LABEL = re.compile(r"(_*)synthetic-(0|[1-9][0-9]*)")

#: Set by the command line to show progress: ``hook(delayed_tasks, what) -> results``.
compute_hook: contextvars.ContextVar = contextvars.ContextVar("smotekit_dask_compute", default=None)


def compute(tasks: list, what: str) -> list:
    """Compute delayed ``tasks`` together (through the progress hook when one is set)."""
    hook = compute_hook.get()
    if hook is not None:
        return hook(tasks, what)
    import dask

    return list(dask.compute(*tasks))


def set_origin(sampler, offsets: np.ndarray, new=None) -> None:
    """Lazy ``sample_origin_`` and ``synthetic_mask_`` for an output that is the input
    partitions (rows ``offsets[i]:offsets[i + 1]``) then ``new``: a dask array of the new
    rows' origins (a copied row's input position, -1 for a synthetic row), chunked like
    their output partitions. Built from counts known on the client; nothing is computed.
    """
    import dask.array as da

    sizes = tuple(int(n) for n in np.diff(offsets)) or (0,)
    origin = da.arange(int(offsets[-1]), dtype=np.intp, chunks=(sizes,))
    if new is not None and new.shape[0]:
        origin = da.concatenate([origin, new.astype(np.intp)])
    sampler.sample_origin_ = origin
    sampler.synthetic_mask_ = origin < 0


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
        hits = index[index.str.fullmatch(SYNTHETIC_LABEL.pattern)]
        return list(hits)
    return [v for v in index if isinstance(v, str) and SYNTHETIC_LABEL.fullmatch(v)]


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


def is_integer_index(collection) -> bool | None:
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
    part_counts: list | None = None  # [{label: rows}] of each partition

    @property
    def n_rows(self) -> int:
        return int(self.offsets[-1])


def labels_pass(inputs: Inputs) -> Labels:
    import dask

    integer = is_integer_index(inputs.y) if inputs.y_series else None
    stat = dask.delayed(_label_stats, pure=True)
    stats = compute([stat(p, integer) for p in partitions(inputs.y)], "counting classes")
    return summarize_labels(stats, integer)


def _plain(label):
    return label.item() if hasattr(label, "item") else label


def summarize_labels(stats: list, integer) -> Labels:
    """The :class:`Labels` of all partitions from each one's ``_label_stats``; checks that
    no label is missing and that there are rows."""
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
    counts = {_plain(label): int(c) for label, c in zip(labels, totals, strict=True)}
    index = None
    if integer is not None:
        index = [v for s in stats for v in ([s[5]] if integer else s[5]) if v is not None]
    part_counts = [
        {_plain(label): int(c) for label, c in zip(s[1], s[2], strict=True)} for s in stats
    ]
    return Labels(offsets, labels, counts, index, part_counts)


def learn(sampler, inputs: Inputs, found: Labels) -> None:
    """The sampler's own ``_learn`` from what the labels pass found (no y is gathered)."""
    strategy = sampler.sampling_strategy
    callable_strategy = callable(strategy) and not isinstance(strategy, (str, Mapping))
    # Only a callable sees y: one with the true class counts, sorted by class (the real y is
    # never gathered). The others need the counts alone.
    y_seen = found.labels
    if callable_strategy:
        y_seen = np.repeat(found.labels, list(found.counts.values()))
    sampler._learn(
        y_seen,
        y_seen.shape[0],
        inputs.n_features,
        inputs.layout.feature_names,
        counts=found.counts,
    )


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
        return [(part, None) for part in partitions(joined)], column
    return list(zip(partitions(inputs.X), partitions(inputs.y), strict=True)), None


def check_part_results(results: list) -> None:
    """Raise for the first partition whose task found X unlike its metadata (``error``) or
    X and y of different lengths (``lengths``)."""
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


@dataclass
class Gathered:
    rows: dict  # {label: (positions in X, rows)}
    index: list | None


def gather_pass(inputs: Inputs, found: Labels, wanted: list) -> Gathered:
    import dask

    integer = is_integer_index(inputs.X) if inputs.x_frame else None
    task = dask.delayed(_gather_part, pure=True)
    parts, y_column = _paired_parts(inputs)
    what = "gathering the rows to over-sample" if wanted else "checking X"
    layout = inputs.layout
    results = compute([task(x, y, layout, wanted, integer, y_column) for x, y in parts], what)
    check_part_results(results)
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
