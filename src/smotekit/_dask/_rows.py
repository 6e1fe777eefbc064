"""What workers run to make synthetic rows: a class's shared rows -> any slice of its rows.

Also the new index labels of synthetic rows, made in the task from a small description.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _containers
from .._interpolate import fill_dense
from .._plan import Plan, segment_draws
from ._passes import SYNTHETIC_LABEL, is_integer_index


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


def index_labels(collection, summary: list, n_new: int) -> IndexLabels:
    """Ask ``new_index_labels`` on a stand-in index holding only the labels that matter
    (the largest integer, or the ones shaped like synthetic labels), so both paths agree."""
    import pandas as pd

    meta = collection._meta.index
    if is_integer_index(collection):
        stand_in = pd.Index([max(summary)] if summary else [], dtype=meta.dtype, name=meta.name)
        first = _containers.new_index_labels(stand_in, 1)
        return IndexLabels(int(first[0]), None, first.name)
    # Only labels prefix + str(i) with i < n_new can clash, so m such labels decide it.
    numbers = [int(SYNTHETIC_LABEL.fullmatch(label).group(2)) for label in summary]
    m = min(n_new, 1 + max(numbers, default=0))
    first = _containers.new_index_labels(pd.Index(summary, dtype=object, name=meta.name), m)
    return IndexLabels(None, first[0][: -len("0")], first.name)


def synthetic_values(rows: ClassRows, lo: int, hi: int, dtype, rounded) -> np.ndarray:
    """Synthetic rows ``lo:hi`` of a class, as in-memory SMOTE makes them."""
    local, neighbor, step = segment_draws(rows.nearest, rows.n_new, rows.seed, lo, hi)
    plan = Plan(local, neighbor, step, np.broadcast_to(np.asarray(rows.label), local.shape))
    out = np.empty((hi - lo, rows.values.shape[1]), dtype=dtype)
    fill_dense(rows.values, plan, out, rounded)
    return out


def provenance_block(rows: ClassRows, lo: int, hi: int):
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


def frame_block(rows, label, lo, hi, offset, layout, meta, index, target=None):
    values = synthetic_values(rows, lo, hi, layout.dtype, layout.rounded)
    labels = index.slice(offset, offset + hi - lo)
    features = meta if target is None else meta.drop(columns=[target])
    frame = features_frame(values, features, labels)
    if target is None:
        return frame
    frame[target] = label_series(label, hi - lo, meta[target], labels)
    return frame[list(meta.columns)]


def label_block(label, n, offset, meta, index):
    return label_series(label, n, meta, index.slice(offset, offset + n))
