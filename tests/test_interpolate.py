"""Generation kernels: rows on the right segment, in the input dtype, without big temporaries."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from smotekit import _interpolate
from smotekit._interpolate import _dense
from smotekit._plan import Plan


def random_plan(n_rows: int, n_new: int, seed: int) -> Plan:
    rng = np.random.default_rng(seed)
    return Plan(
        base=rng.integers(0, n_rows, n_new),
        neighbor=rng.integers(0, n_rows, n_new),
        step=rng.random(n_new),
        label=np.zeros(n_new, dtype=np.int64),
    )


def expected_rows(X, plan, dtype, rounded):
    """The definition, evaluated with numpy in ``dtype`` (same operation order)."""
    base = X[plan.base].astype(dtype)
    rows = base + plan.step.astype(dtype)[:, None] * (X[plan.neighbor].astype(dtype) - base)
    rows[:, rounded] = np.rint(rows[:, rounded])
    return rows


def force_kernel(monkeypatch, on: bool) -> None:
    """Send every float block through the compiled kernel (on) or through numpy (off)."""
    least = 0 if on else 10**15
    monkeypatch.setattr(_dense, "KERNEL_MIN_VALUES", least)


def fill_both_ways(X, plan, dtype, rounded, monkeypatch):
    """fill_dense through the compiled kernel and through the numpy chunks."""
    kernel = np.empty((len(plan), X.shape[1]), dtype=dtype)
    chunks = np.empty_like(kernel)
    force_kernel(monkeypatch, True)
    _interpolate.fill_dense(X, plan, kernel, rounded)
    force_kernel(monkeypatch, False)
    _interpolate.fill_dense(X, plan, chunks, rounded)
    return kernel, chunks


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("pattern", ["none", "some", "all"])
def test_kernel_and_numpy_paths_give_identical_rows(dtype, pattern, monkeypatch):
    rng = np.random.default_rng(7)
    X = (rng.standard_normal((300, 7)) * 10).astype(dtype)
    rounded = {"none": np.zeros(7, bool), "some": np.arange(7) % 3 == 0, "all": np.ones(7, bool)}
    mask = rounded[pattern]
    plan = random_plan(300, 1000, seed=1)
    kernel, chunks = fill_both_ways(X, plan, dtype, mask, monkeypatch)
    assert kernel.dtype == chunks.dtype == dtype
    np.testing.assert_array_equal(kernel, chunks)
    np.testing.assert_array_equal(kernel, expected_rows(X, plan, dtype, mask))


def test_rows_lie_on_their_segments():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((50, 4))
    plan = random_plan(50, 400, seed=4)
    plan.step[:3] = [0.0, 0.5, 1.0]  # the two ends and the middle, known exactly
    out = np.empty((400, 4))
    _interpolate.fill_dense(X, plan, out, np.zeros(4, bool))
    base, nb = X[plan.base], X[plan.neighbor]
    # Geometry of the output alone: a row on the segment is as far from both ends
    # together as the ends are from each other, and lies inside their bounding box.
    length = np.linalg.norm(nb - base, axis=1)
    via_row = np.linalg.norm(out - base, axis=1) + np.linalg.norm(nb - out, axis=1)
    np.testing.assert_allclose(via_row, length, rtol=0, atol=1e-12)
    assert (out >= np.minimum(base, nb) - 1e-12).all() and (
        out <= np.maximum(base, nb) + 1e-12
    ).all()
    # ... at the fraction step of the way from base to neighbour.
    np.testing.assert_allclose(out - base, plan.step[:, None] * (nb - base), atol=1e-12)
    np.testing.assert_array_equal(out[0], X[plan.base[0]])
    np.testing.assert_allclose(out[1], (X[plan.base[1]] + X[plan.neighbor[1]]) / 2, atol=1e-15)
    np.testing.assert_allclose(out[2], X[plan.neighbor[2]], atol=1e-15)


def test_integer_output_is_rounded_not_truncated(monkeypatch):
    X = np.array([[0], [1], [10]], dtype=np.int32)
    plan = Plan(
        base=np.array([0, 0, 1, 2]),
        neighbor=np.array([1, 1, 2, 1]),
        step=np.array([0.49, 0.51, 0.95, 0.5]),
        label=np.zeros(4),
    )
    for on in (True, False):  # integer output never takes the kernel, whatever the size
        force_kernel(monkeypatch, on)
        out = np.empty((4, 1), dtype=np.int32)
        _interpolate.fill_dense(X, plan, out, np.ones(1, bool))
        assert out.ravel().tolist() == [0, 1, 10, 6]  # 5.5 rounds to even


def test_float32_generation_makes_no_float64_temporaries():
    rng = np.random.default_rng(0)
    n_rows, d, n_new = 500, 512, 2560  # 1.3M output values: the compiled kernel's path
    X = rng.standard_normal((n_rows, d)).astype(np.float32)
    plan = random_plan(n_rows, n_new, seed=2)
    out = np.empty((n_new, d), dtype=np.float32)
    assert out.size >= _dense.KERNEL_MIN_VALUES
    _interpolate.fill_dense(X, plan, out, np.zeros(d, bool))  # compile / load outside the trace
    tracemalloc.start()
    try:
        _interpolate.fill_dense(X, plan, out, np.zeros(d, bool))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Only the float32 copy of the steps is allocated: nothing of the output's size.
    assert peak < out.nbytes / 20
    np.testing.assert_array_equal(out, expected_rows(X, plan, np.float32, np.zeros(d, bool)))


def test_chunked_numpy_path_keeps_temporaries_to_a_chunk(monkeypatch):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((200, 64)).astype(np.float32)
    plan = random_plan(200, 20_000, seed=5)
    out = np.empty((20_000, 64), dtype=np.float32)
    force_kernel(monkeypatch, False)
    monkeypatch.setattr(_dense, "CHUNK_BYTES", 2**16)
    tracemalloc.start()
    try:
        _interpolate.fill_dense(X, plan, out, np.zeros(64, bool))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    step_copy = 20_000 * 4
    assert peak < step_copy + 4 * 2**16
    np.testing.assert_array_equal(out, expected_rows(X, plan, np.float32, np.zeros(64, bool)))


def test_sparse_rows_match_dense_rows():
    import scipy.sparse as sp

    rng = np.random.default_rng(2)
    dense = rng.standard_normal((40, 6)) * (rng.random((40, 6)) < 0.4)
    plan = random_plan(40, 300, seed=6)
    rows = _interpolate.sparse_rows(sp.csr_matrix(dense), plan, np.dtype(np.float64), False)
    out = np.empty((300, 6))
    _interpolate.fill_dense(dense, plan, out, np.zeros(6, bool))
    np.testing.assert_allclose(rows.toarray(), out, atol=1e-12)


# ------------------------------------------------- issue 10, items 4 and 5: extreme values


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_rows_between_finite_rows_near_the_limit_are_finite(dtype, monkeypatch):
    """x + s (m - x) overflows when x and m are near the limit with opposite signs; both
    paths make such cells as x (1 - s) + s m, and leave every other cell as before."""
    big = np.finfo(dtype).max
    rng = np.random.default_rng(3)
    X = (rng.standard_normal((40, 5)) * 100).astype(dtype)
    X[::2, :2] = big * np.where(rng.random((20, 2)) < 0.5, -1, 1).astype(dtype)
    X[1::4, 2] = -big * np.float32(0.75)
    plan = random_plan(40, 3000, seed=4)
    kernel, chunks = fill_both_ways(X, plan, dtype, np.zeros(5, bool), monkeypatch)
    np.testing.assert_array_equal(kernel, chunks)
    assert np.isfinite(kernel).all()
    x, m = X[plan.base], X[plan.neighbor]
    assert (kernel >= np.minimum(x, m)).all() and (kernel <= np.maximum(x, m)).all()
    with np.errstate(over="ignore", invalid="ignore"):
        plain = expected_rows(X, plan, dtype, np.zeros(5, bool))
        ordinary = np.isfinite(m.astype(dtype) - x.astype(dtype))
    assert (~ordinary).any()  # the overflow happens in this data
    np.testing.assert_array_equal(kernel[ordinary], plain[ordinary])
    s = plan.step.astype(dtype)[:, None]
    safe = x * (1 - s) + s * m
    np.testing.assert_array_equal(kernel[~ordinary], safe[~ordinary])


def test_sparse_rows_near_the_limit_are_finite():
    import scipy.sparse as sp

    big = np.finfo(np.float64).max
    X = np.array([[big, 1.0], [-big, 0.0], [0.0, 2.0]])
    plan = Plan(np.array([0, 0, 2]), np.array([1, 2, 0]), np.array([0.5, 0.25, 0.5]), np.zeros(3))
    rows = _interpolate.sparse_rows(sp.csr_matrix(X), plan, np.dtype(np.float64), False)
    np.testing.assert_array_equal(
        rows.toarray(), [[0.0, 0.5], [big * 0.75, 1.25], [big * 0.5, 1.5]]
    )


@pytest.mark.parametrize(
    "dtype", [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64, np.uint64]
)
def test_integer_extremes_never_wrap(dtype):
    """Rows at the dtype's limits give rows between their parents, in range: the float64
    value of 2**64 - 1 is 2**64, which wrapped to 0 when cast back."""
    info = np.iinfo(dtype)
    X = np.array([[info.max], [info.max], [info.min], [info.max - 1]], dtype=dtype)
    plan = Plan(
        np.array([0, 0, 2, 3, 0]),
        np.array([1, 3, 0, 1, 2]),
        np.array([0.3, 0.9, 0.999999, 0.5, 0.0]),
        np.zeros(5),
    )
    out = np.empty((5, 1), dtype=dtype)
    _interpolate.fill_dense(X, plan, out, np.ones(1, bool))
    assert out[0, 0] == info.max  # between two rows at the maximum: the maximum
    assert out[1, 0] in (info.max - 1, info.max)
    assert out[3, 0] in (info.max - 1, info.max)
    assert out[4, 0] == info.max  # step 0: the base itself
    assert info.min <= out[2, 0] <= info.max


def test_uint64_maximum_class_keeps_its_value_through_smote():
    from smotekit import SMOTE

    top = np.iinfo(np.uint64).max
    X = np.array([[top, 5]] * 4 + [[0, 1]] * 8, dtype=np.uint64)
    y = np.array([1] * 4 + [0] * 8)
    X_res, _ = SMOTE(k_neighbors=2, random_state=0).fit_resample(X, y)
    assert X_res.dtype == np.uint64
    assert (X_res[12:] == [top, 5]).all()


@pytest.mark.parametrize("kind", ["pandas", "polars", "sparse"])
def test_uint64_maximum_in_a_float_computed_container_stays_in_range(kind):
    """Containers compute in float64 and cast back per column: clipped, never wrapped."""
    from smotekit import SMOTE

    top = np.iinfo(np.uint64).max
    column = np.array([top] * 4 + [0] * 8, dtype=np.uint64)
    y = np.array([1] * 4 + [0] * 8)
    if kind == "pandas":
        pd = pytest.importorskip("pandas")
        X = pd.DataFrame({"a": column, "b": np.arange(12.0)})
    elif kind == "polars":
        pl = pytest.importorskip("polars")
        X = pl.DataFrame({"a": column, "b": np.arange(12.0)})
    else:
        import scipy.sparse as sp

        X = sp.csr_matrix(column[:, None])
    X_res, _ = SMOTE(k_neighbors=2, random_state=0).fit_resample(X, y)
    values = X_res.toarray()[:, 0] if kind == "sparse" else np.asarray(X_res["a"])
    assert values.dtype == np.uint64
    # float64 holds no value between 2**64 - 2048 and 2**64: the largest that fits.
    assert (values[12:] >= np.uint64(2**64 - 2048)).all()


def test_smotenc_integer_columns_at_the_limit_never_wrap():
    """The categorical rebuild cast float64 2**63 into an int64 column: -2**63."""
    from smotekit import SMOTENC

    top = np.iinfo(np.int64).max
    X = np.array([[top, 0]] * 6 + [[0, 1]] * 10, dtype=np.int64)
    y = np.array([1] * 6 + [0] * 10)
    X_res, _ = SMOTENC(categorical_features=[1], k_neighbors=2, random_state=0).fit_resample(X, y)
    assert X_res.dtype == np.int64
    # float64 holds no value between 2**63 - 1024 and 2**63: the largest that fits.
    assert (X_res[16:, 0] >= top - 1024).all()
