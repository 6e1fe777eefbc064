"""SMOTE's steps for array-API input: validate, search, draw, interpolate on the device.

What stays on the host is small and shared with the NumPy path: the labels (to count
classes and resolve ``sampling_strategy``) and the random choices, drawn by
:func:`smotekit._plan.segment_choices` from the same class seeds. The neighbour graph,
the chosen neighbours, and every synthetic value are computed on the array's device.
"""

from __future__ import annotations

import numpy as np

from .. import _random, _strategy, _validation
from .._plan import segment_choices
from ._search import nearest_within

#: Synthetic rows interpolated per device step (bounds the gathered temporaries).
ROWS_PER_STEP = 1 << 20


def fit_resample(sampler, X, y):
    """Run ``sampler`` (a SMOTE) on ``X, y`` of one array-API library; see the package."""
    from array_api_compat import array_namespace

    library = type(X).__module__.partition(".")[0]
    if not getattr(sampler, "_runs_on_array_api", False):
        raise TypeError(
            f"{type(sampler).__name__} cannot resample {library} arrays on their device; "
            "SMOTE can. Convert X and y to NumPy arrays first (for PyTorch: "
            "X.cpu().numpy())."
        )
    try:
        xp = array_namespace(X, y)
    except TypeError as error:
        raise TypeError(
            f"X and y must be arrays of the same library; got {type(X).__module__}."
            f"{type(X).__name__} and {type(y).__module__}.{type(y).__name__}."
        ) from error
    sampler._check_params()
    k = _check_arrays_params(sampler, library)
    y_host = to_numpy(y)
    n_rows = _check_X(xp, X)
    sampler.classes_ = _validation.check_target(y_host, n_rows)
    sampler.sampling_strategy_ = _strategy.resolve_sampling_strategy(
        sampler.sampling_strategy, y_host, _strategy.OVER
    )
    sampler.n_features_in_ = int(X.shape[1])
    if hasattr(sampler, "feature_names_in_"):
        del sampler.feature_names_in_

    base, neighbor, step, labels = _plan(xp, X, y_host, sampler, k)
    sampler.synthetic_parents_ = xp.stack([base, neighbor], axis=1)
    sampler.synthetic_steps_ = step
    _set_origin(xp, sampler, n_rows, base.shape[0], X)
    X_out = _interpolate(xp, X, base, neighbor, step)
    from array_api_compat import device

    y_new = xp.asarray(labels.astype(y_host.dtype, copy=False), device=device(y))
    y_out = xp.concat([y, xp.astype(y_new, y.dtype)], axis=0)
    return X_out, y_out


def _set_origin(xp, sampler, n_rows: int, n_new: int, X) -> None:
    """``sample_origin_`` (each output row's input position, -1 for a synthetic row) and
    ``synthetic_mask_``: arrays of X's library on its device, like the other fitted
    arrays of this path (int64, as ``synthetic_parents_``)."""
    from array_api_compat import device

    dev = device(X)
    origin = xp.concat(
        [
            xp.arange(n_rows, dtype=xp.int64, device=dev),
            xp.full((n_new,), -1, dtype=xp.int64, device=dev),
        ]
    )
    sampler.sample_origin_ = origin
    sampler.synthetic_mask_ = origin < 0


def to_numpy(x) -> np.ndarray:
    """A host NumPy copy (or view) of an array-API array on any device."""
    from array_api_compat import is_cupy_array, is_torch_array

    if is_torch_array(x):
        return x.detach().cpu().numpy()
    if is_cupy_array(x):
        return x.get()
    return np.from_dlpack(x)


def _check_arrays_params(sampler, library: str) -> int:
    k = sampler.k_neighbors
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(
            f"k_neighbors must be an int for {library} arrays (the search runs on their "
            f"device); got {_validation.describe(k)}."
        )
    if sampler.neighbors != "exact":
        raise ValueError(
            f"neighbors={sampler.neighbors!r} is not available for {library} arrays; their "
            "search is exact. Use neighbors='exact'."
        )
    return int(k)


def _check_X(xp, X) -> int:
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (rows x features); got shape {tuple(X.shape)}.")
    if X.shape[0] == 0:
        raise ValueError("X is empty (0 rows); there is nothing to resample.")
    if not any(xp.isdtype(X.dtype, kind) for kind in ("real floating", "integral", "bool")):
        raise ValueError(
            f"X must hold real numbers (float, int or bool); got dtype {X.dtype}. SMOTE "
            "interpolates between rows."
        )
    if xp.isdtype(X.dtype, "real floating") and not bool(xp.all(xp.isfinite(X))):
        _validation.check_finite(to_numpy(X))  # raises, naming the first bad cell
    return int(X.shape[0])


def _plan(xp, X, y_host, sampler, k):
    """(base, neighbour, step) on the device and the labels on the host, class by class."""
    from array_api_compat import device

    from .._validation import check_class_size

    dev = device(X)
    streams = _random.class_generators(sampler.random_state, sampler.classes_)
    bases, neighbors, steps, labels = [], [], [], []
    for label, n_new in sampler.sampling_strategy_.items():
        if n_new == 0:
            continue
        rows_host = np.flatnonzero(y_host == label)
        check_class_size(label, rows_host.size, k)
        rows = xp.asarray(rows_host.astype(np.int64), device=dev)
        X_class = xp.take(X, rows, axis=0)
        if not xp.isdtype(X_class.dtype, "real floating"):
            X_class = xp.astype(X_class, xp.float64)
        graph = nearest_within(xp, X_class, k)
        # The class seed and plan part the NumPy path uses (see SegmentOverSampler._plan).
        local, column, step = segment_choices(graph.shape, n_new, streams.seed(label))
        local = xp.asarray(local.astype(np.int64), device=dev)
        flat = local * k + xp.asarray(column.astype(np.int64), device=dev)
        chosen = xp.take(xp.reshape(graph, (-1,)), flat, axis=0)
        bases.append(xp.take(rows, local, axis=0))
        neighbors.append(xp.take(rows, chosen, axis=0))
        steps.append(step)
        labels.append(np.full(n_new, label, dtype=y_host.dtype))
    if not bases:
        empty = xp.zeros((0,), dtype=xp.int64, device=dev)
        return empty, empty, xp.zeros((0,), dtype=xp.float64, device=dev), y_host[:0]
    step = xp.asarray(np.concatenate(steps), device=dev)
    return xp.concat(bases), xp.concat(neighbors), step, np.concatenate(labels)


def _interpolate(xp, X, base, neighbor, step):
    """Original rows, then ``X[base] + step * (X[neighbor] - X[base])`` row by row.

    The arithmetic is the NumPy path's, in the same order and dtype (float64 for integer
    and boolean X, whose values are then rounded to nearest), so the rows are identical.
    """
    from array_api_compat import device

    n, d = X.shape
    n_new = base.shape[0]
    floating = xp.isdtype(X.dtype, "real floating")
    work = X.dtype if floating else xp.float64
    step = xp.astype(step, work)
    out = xp.empty((n + n_new, d), dtype=X.dtype, device=device(X))
    out[:n, :] = X
    for start in range(0, n_new, ROWS_PER_STEP):
        stop = min(start + ROWS_PER_STEP, n_new)
        origin = xp.astype(xp.take(X, base[start:stop], axis=0), work)
        delta = xp.astype(xp.take(X, neighbor[start:stop], axis=0), work) - origin
        delta = delta * step[start:stop, None]
        delta = delta + origin
        if not floating:
            delta = xp.round(delta)
            if xp.isdtype(X.dtype, "bool"):
                delta = delta != 0
        out[n + start : n + stop, :] = xp.astype(delta, X.dtype)
    return out
