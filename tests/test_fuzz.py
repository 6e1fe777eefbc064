"""Fuzzing every registered sampler with adversarial numbers (issue 10).

Numbers are drawn from pools that break naive arithmetic: subnormals, values near the
dtype's limits with both signs, huge offsets with tiny differences, duplicated rows and
ties, and the extremes of every integer dtype. For each sampler (discovered from the
registry, as tests/test_common.py does) and each example the checks are:

* no crash: the only exception allowed is a ValueError a sampler declares below
  (``REFUSALS``), with its message;
* the caller's X and y are unchanged;
* over-samplers: the original rows come first, unchanged (same dtype, same values), and
  each class ends with exactly its count plus ``sampling_strategy_``;
* row pickers: the output is exactly the rows named by ``sample_indices_``;
* finite in, finite out;
* rows made from a plan lie on their segments: ``synthetic_parents_`` /
  ``synthetic_steps_``, checked against ``x + s (m - x)`` evaluated in extended precision
  (``np.longdouble``), within a few units in the last place of the output dtype.

The budget is fixed and derandomised (``EXAMPLES`` per sampler and dtype, see
tests/conftest.py's profile), about a minute on two cores.
"""

from __future__ import annotations

import inspect
import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sampler_checks import assert_unchanged, snapshot
from smotekit._base import BaseOverSampler, BaseUnderSampler
from smotekit._registry import SAMPLERS, sampler_class

EXAMPLES = 10
N_MAJORITY, N_MINORITY, N_NUMERIC = 10, 6, 3
Y = np.array([0] * N_MAJORITY + [1] * N_MINORITY)

#: Refusals a sampler may answer adversarial data with (a clear ValueError), by name.
REFUSALS = {
    # The clusters of K-Means SMOTE may hold too few minority rows to interpolate in.
    "KMeansSMOTE": r"^KMeansSMOTE: no cluster qualifies for class",
    # scikit-learn's SVC cannot fit values near float64's limit (its dual problem overflows).
    "SVMSMOTE": r"^SVMSMOTE: The dual coefficients or intercepts are not finite",
    # Methods whose rows leave the segment (a point in a sphere, a row translated by a
    # codebook difference, a gap drawn per feature) can need values beyond the dtype when
    # a class spans nearly its whole range: the row, or its recorded offset, does not exist.
    **{
        name: rf"^{name}: synthetic row \d+ \(class .*(lies beyond the range of float|"
        r"is off its segment by an offset beyond float64).*Rescale X"
        for name in ("CCR", "GeometricSMOTE", "LVQSMOTE", "PolynomFitSMOTE", "SafeLevelSMOTE")
    },
}

DTYPES = ["float64", "float32", "int64", "uint64", "int8", "uint8"]


def float_pool(dtype) -> list:
    info = np.finfo(dtype)
    big, tiny = float(info.max), float(info.tiny)
    smallest = float(np.nextafter(dtype(0), dtype(1)))  # the smallest subnormal
    return [
        0.0,
        -0.0,
        smallest,
        -smallest,
        tiny,
        tiny / 64,  # subnormal
        big,
        -big,
        big / 2,
        -big / 3,
        float(np.nextafter(dtype(big), dtype(0))),
        1e15 if dtype == np.float64 else 1e7,  # a huge offset ...
        (1e15 + 0.5) if dtype == np.float64 else (1e7 + 1.0),  # ... and a tiny step from it
        1.0,
        -1.0,
        3.0,
    ]


def int_pool(dtype) -> list:
    info = np.iinfo(dtype)
    pool = [int(info.min), int(info.min) + 1, int(info.max), int(info.max) - 1, 0, 1, 2]
    return pool + ([-1] if info.min < 0 else [])


@st.composite
def adversarial(draw, dtype_name: str):
    """(X, y): N_MAJORITY + N_MINORITY rows of N_NUMERIC adversarial columns and a last
    column of small codes (0-2, so samplers of categorical columns have one)."""
    dtype = np.dtype(dtype_name)
    n = N_MAJORITY + N_MINORITY
    if dtype.kind == "f":
        width = dtype.itemsize * 8
        anything = st.floats(allow_nan=False, allow_infinity=False, width=width)
        cell = st.one_of(st.sampled_from(float_pool(dtype.type)), anything)
    else:
        info = np.iinfo(dtype)
        anything = st.integers(int(info.min), int(info.max))
        cell = st.one_of(st.sampled_from(int_pool(dtype)), anything)
    cells = draw(st.lists(cell, min_size=n * N_NUMERIC, max_size=n * N_NUMERIC))
    X = np.array(cells, dtype=object).reshape(n, N_NUMERIC).astype(dtype)
    # Duplicated rows and tied values: copy some rows onto others.
    copies = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=6))
    for target, source in copies:
        X[target] = X[source]
    codes = np.array(draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)), dtype=dtype)
    return np.column_stack([X, codes]), Y.copy()


# Defects this module found in samplers that landed after it (issue 13's variants and
# ClusterCentroids) on its first run over them. What was seen on the float64 and uint8 cases
# is named; the other dtypes of the same sampler fail too and were not analysed yet. Open
# work, listed so the rest of the fuzz guards what it can: remove an entry once fixed. All
# found so far are fixed (tests/test_fuzz_regressions.py) or refused by name (REFUSALS).
KNOWN_DEFECTS: dict = {}


def cases():
    for name in SAMPLERS:
        cls = sampler_class(name)
        if getattr(cls, "_sampling_type", None) == "bypass":
            continue  # FunctionSampler returns what its function returns: nothing to fuzz
        for dtype in DTYPES:
            defect = KNOWN_DEFECTS.get((name, dtype)) or KNOWN_DEFECTS.get((name, None))
            marks = [pytest.mark.xfail(reason=f"known defect: {defect}")] if defect else []
            yield pytest.param(
                name, cls, cls._test_params()[0], dtype, id=f"{name}-{dtype}", marks=marks
            )


def make(cls, params):
    seeded = "random_state" in inspect.signature(cls).parameters
    return cls(**({"random_state": 0} if seeded else {}), **params)


def categorical_columns(sampler, n_columns: int) -> np.ndarray:
    """Columns a sampler treats as categories (not interpolated)."""
    spec = getattr(sampler, "categorical_features", None)
    mask = np.zeros(n_columns, bool)
    if type(sampler).__name__ == "SMOTEN":
        mask[:] = True
    elif spec is not None and not isinstance(spec, str):
        items = list(spec)
        if items and all(isinstance(v, bool | np.bool_) for v in items):
            mask[np.flatnonzero(items)] = True
        else:
            mask[[int(v) for v in items]] = True
    return mask


def assert_originals_first(X, head, sampler) -> None:
    """The original rows come first, unchanged, except the rows a sampler declares it moved
    (CCR: ``moved_indices_``), which are their row plus ``translations_`` up to rounding
    (clipped into an integer dtype)."""
    moved = getattr(sampler, "moved_indices_", np.empty(0, dtype=np.intp))
    still = np.ones(len(X), bool)
    still[moved] = False
    np.testing.assert_array_equal(head[still], X[still])
    if moved.size == 0:
        return
    assert np.isfinite(sampler.translations_).all(), "non-finite translations_"
    start = X[moved].astype(np.longdouble)
    exact = start + sampler.translations_.astype(np.longdouble)
    if X.dtype.kind in "iu":
        info = np.iinfo(X.dtype)
        exact = np.clip(exact, info.min, info.max)
        tol = 1 + 4 * np.finfo(np.float64).eps * np.maximum(np.abs(start), np.abs(exact))
    else:
        scale = np.maximum(np.abs(start), np.abs(exact))
        tol = 8 * np.finfo(X.dtype).eps * scale + float(np.finfo(X.dtype).smallest_subnormal) * 4
    bad = np.abs(head[moved].astype(np.longdouble) - exact) > tol
    assert not bad.any(), f"{int(bad.sum())} moved rows off their translations"


def assert_on_segments(X, X_res, sampler, n: int) -> None:
    """Synthetic rows equal ``x + s (m - x)`` of their recorded parents, plus their
    ``synthetic_offsets_`` for the variants whose rows leave the segment, up to rounding."""
    parents = getattr(sampler, "synthetic_parents_", None)
    steps = getattr(sampler, "synthetic_steps_", None)
    if parents is None or len(parents) == 0:
        return
    numeric = ~categorical_columns(sampler, X.shape[1])
    x = X[parents[:, 0]][:, numeric].astype(np.longdouble)
    m = X[parents[:, 1]][:, numeric].astype(np.longdouble)
    offsets = getattr(sampler, "synthetic_offsets_", None)
    offsets = 0 if offsets is None else offsets[:, numeric].astype(np.longdouble)
    assert np.isfinite(offsets).all(), "non-finite synthetic_offsets_"
    exact = x + steps.astype(np.longdouble)[:, None] * (m - x) + offsets
    if X.dtype.kind in "iu":  # an offset may carry a row past the dtype: clipped there
        info = np.iinfo(X.dtype)
        exact = np.clip(exact, info.min, info.max)
    got = X_res[n:][:, numeric].astype(np.longdouble)
    # An offset is computed in float64 from values of the row's size: its rounding scales
    # with the offset's size too.
    scale = np.maximum(np.maximum(np.abs(x), np.abs(m)), np.abs(offsets))
    if X.dtype.kind == "f":
        tol = 8 * np.finfo(X.dtype).eps * scale + float(np.finfo(X.dtype).smallest_subnormal) * 4
    else:  # rounded to an integer, computed in float64 (exact below 2**53)
        tol = 1 + 4 * np.finfo(np.float64).eps * scale
    bad = np.abs(got - exact) > tol
    assert not bad.any(), (
        f"{int(bad.sum())} synthetic values off their segments; first at "
        f"{np.argwhere(bad)[0].tolist()}: got {got[bad][0]}, expected {exact[bad][0]}"
    )


@pytest.mark.parametrize(("name", "cls", "params", "dtype"), list(cases()))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fuzz_sampler_with_adversarial_numbers(name, cls, params, dtype, data):
    X, y = data.draw(adversarial(dtype))
    X_snap, y_snap = snapshot(X), snapshot(y)
    sampler = make(cls, params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # skipped classes, convergence: warnings, not errors
        try:
            X_res, y_res = sampler.fit_resample(X, y)
        except ValueError as error:
            allowed = REFUSALS.get(name)
            if allowed is None or not re.search(allowed, str(error)):
                raise
            assert_unchanged(X, X_snap)
            return
    assert_unchanged(X, X_snap)
    assert_unchanged(y, y_snap)
    X_res, y_res = np.asarray(X_res), np.asarray(y_res)
    assert X_res.dtype == X.dtype
    assert len(X_res) == len(y_res)
    if X.dtype.kind == "f":
        assert np.isfinite(X_res).all(), "finite input gave non-finite output"
    n = len(X)
    if isinstance(sampler, BaseOverSampler):
        assert_originals_first(X, X_res[:n], sampler)
        np.testing.assert_array_equal(y_res[:n], y)
        before = np.bincount(y, minlength=2)
        # A class the sampler declares skipped (ResamplingWarning, skipped_classes_) gets
        # no rows; every other class gets exactly its count.
        skipped = getattr(sampler, "skipped_classes_", {})
        added = [0 if c in skipped else sampler.sampling_strategy_.get(c, 0) for c in (0, 1)]
        np.testing.assert_array_equal(np.bincount(y_res, minlength=2), before + added)
        assert_on_segments(X, X_res, sampler, n)
    elif isinstance(sampler, BaseUnderSampler) and sampler._records_sample_indices:
        np.testing.assert_array_equal(X_res, X[sampler.sample_indices_])
        np.testing.assert_array_equal(y_res, y[sampler.sample_indices_])
    elif isinstance(sampler, BaseUnderSampler):  # new rows: ClusterCentroids' soft voting
        assert_centres_among_their_rows(X, y, X_res, y_res, sampler)


def assert_centres_among_their_rows(X, y, X_res, y_res, sampler) -> None:
    """Classes left alone come first, unchanged; each shrunk class ends with exactly its
    count of rows, each a mean of some of its rows, so inside the class's per-column range
    up to rounding (rounded to the nearest integer in integer columns)."""
    shrunk = sampler.sampling_strategy_
    alone = ~np.isin(y, list(shrunk))
    n_alone = int(alone.sum())
    np.testing.assert_array_equal(X_res[:n_alone], X[alone])
    np.testing.assert_array_equal(y_res[:n_alone], y[alone])
    for label, count in shrunk.items():
        rows, centres = X[y == label], X_res[n_alone:][y_res[n_alone:] == label]
        assert len(centres) == count
        low, high = rows.min(axis=0), rows.max(axis=0)
        # k-means centres the data before it clusters, so a centre carries rounding errors
        # of the size of the column's largest value
        # (in float64 for integer columns, then rounded).
        top = np.maximum(np.abs(low.astype(float)), np.abs(high.astype(float)))
        if X.dtype.kind == "f":
            slack = 8 * np.finfo(X.dtype).eps * top
        else:
            slack = 1 + 8 * np.finfo(np.float64).eps * top
        low, high = low.astype(np.longdouble), high.astype(np.longdouble)
        centres = centres.astype(np.longdouble)
        outside = ~((centres >= low - slack) & (centres <= high + slack))
        assert not outside.any(), (
            f"a centre outside the range of class {label}: {centres[outside.any(axis=1)][0]!r} "
            f"not in [{low!r}, {high!r}]"
        )
