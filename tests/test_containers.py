"""Round trips: the output uses the caller's container, dtypes, names and index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import polars.testing
import pytest
import scipy.sparse as sp

from sampler_checks import assert_unchanged, exact_interpolation, snapshot
from smotekit import SMOTE

N_MAJ, N_MIN = 20, 10
N = N_MAJ + N_MIN
N_NEW = N_MAJ - N_MIN
K = 3


def labels() -> np.ndarray:
    return np.array([0, 1] * N_MIN + [0] * (N_MAJ - N_MIN))


def values(seed: int = 0, d: int = 3) -> np.ndarray:
    """Continuous values, no distance ties; scaled so integer casts keep many values."""
    return np.random.default_rng(seed).normal(scale=10.0, size=(N, d))


def resample(X, y, seed: int = 7, **kwargs):
    sampler = SMOTE(k_neighbors=K, random_state=seed, **kwargs)
    X_res, y_res = sampler.fit_resample(X, y)
    return sampler, X_res, y_res


def check_synthetic_values(synthetic, X, sampler, rounded) -> None:
    """Float columns equal the interpolation; ``rounded`` columns equal its nearest integer."""
    exact = exact_interpolation(X, sampler.synthetic_parents_, sampler.synthetic_steps_)
    rounded = np.broadcast_to(np.asarray(rounded, dtype=bool), (exact.shape[1],))
    synthetic = np.asarray(synthetic, dtype=np.float64)
    np.testing.assert_array_equal(synthetic[:, rounded], np.rint(exact[:, rounded]))
    np.testing.assert_allclose(synthetic[:, ~rounded], exact[:, ~rounded], rtol=1e-6, atol=1e-5)


# --------------------------------------------------------------------------- numpy and lists


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64, np.int32, np.bool_])
def test_numpy_round_trip_keeps_dtype(dtype):
    raw = values()
    X = (raw > 0) if dtype is np.bool_ else raw.astype(dtype)
    y = labels()
    X_snap, y_snap = snapshot(X), snapshot(y)
    sampler, X_res, y_res = resample(X, y)
    assert type(X_res) is np.ndarray and type(y_res) is np.ndarray
    assert X_res.dtype == X.dtype and y_res.dtype == y.dtype
    assert X_res.shape == (N + N_NEW, X.shape[1])
    np.testing.assert_array_equal(X_res[:N], X)
    np.testing.assert_array_equal(y_res[:N], y)
    check_synthetic_values(X_res[N:], X, sampler, rounded=X.dtype.kind != "f")
    assert_unchanged(X, X_snap)
    assert_unchanged(y, y_snap)


def test_read_only_numpy_input_is_accepted():
    X, y = values(), labels()
    X.flags.writeable = False
    y.flags.writeable = False
    _, X_res, _ = resample(X, y)
    np.testing.assert_array_equal(X_res[:N], X)


@pytest.mark.parametrize("kind", ["float", "int"])
def test_lists_in_lists_out(kind):
    raw = values()
    X = raw.tolist() if kind == "float" else np.rint(raw).astype(int).tolist()
    y = labels().tolist()
    X_snap, y_snap = snapshot(X), snapshot(y)
    sampler, X_res, y_res = resample(X, y)
    assert type(X_res) is list and type(y_res) is list
    assert all(type(row) is list for row in X_res)
    scalar = float if kind == "float" else int
    assert all(type(v) is scalar for row in X_res for v in row)
    assert all(type(v) is int for v in y_res)
    assert X_res[:N] == X and y_res[:N] == y
    assert len(X_res) == len(y_res) == N + N_NEW
    check_synthetic_values(X_res[N:], np.array(X), sampler, rounded=kind == "int")
    assert_unchanged(X, X_snap)
    assert_unchanged(y, y_snap)


def test_list_of_string_labels():
    y = ["yes" if v else "no" for v in labels()]
    _, _, y_res = resample(values(), y)
    assert type(y_res) is list
    assert y_res[:N] == y
    assert y_res[N:] == ["yes"] * N_NEW


# --------------------------------------------------------------------------- sparse


SPARSE = [sp.csr_matrix, sp.csc_matrix, sp.csr_array, sp.csc_array]


def sparse_values() -> np.ndarray:
    raw = values(seed=3, d=6)
    raw[np.abs(raw) < 8] = 0.0  # about 40 % non-zeros
    return raw


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64, np.int32])
@pytest.mark.parametrize("container", SPARSE, ids=lambda c: c.__name__)
def test_sparse_round_trip_keeps_format_flavour_and_dtype(container, dtype):
    X = container(sparse_values().astype(dtype))
    y = labels()
    X_snap = snapshot(X)
    sampler, X_res, y_res = resample(X, y)
    assert type(X_res) is type(X)  # csr_matrix stays csr_matrix, csc_array stays csc_array...
    assert X_res.format == X.format
    assert X_res.dtype == X.dtype
    assert X_res.shape == (N + N_NEW, X.shape[1])
    dense = X_res.toarray()
    np.testing.assert_array_equal(dense[:N], X.toarray())
    check_synthetic_values(dense[N:], X, sampler, rounded=np.dtype(dtype).kind != "f")
    np.testing.assert_array_equal(y_res, np.concatenate([y, np.ones(N_NEW, dtype=y.dtype)]))
    assert_unchanged(X, X_snap)


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64])
def test_sparse_and_dense_give_the_same_rows(dtype):
    dense_in = sparse_values().astype(dtype)
    dense_sampler, dense_res, _ = resample(dense_in, labels())
    sparse_sampler, sparse_res, _ = resample(sp.csr_matrix(dense_in), labels())
    np.testing.assert_array_equal(
        sparse_sampler.synthetic_parents_, dense_sampler.synthetic_parents_
    )
    np.testing.assert_array_equal(sparse_sampler.synthetic_steps_, dense_sampler.synthetic_steps_)
    np.testing.assert_allclose(sparse_res.toarray(), dense_res, rtol=1e-6, atol=1e-5)


def test_sparse_output_stores_no_explicit_zeros():
    X = sp.csr_matrix(np.rint(sparse_values() / 10).astype(np.int64))
    _, X_res, _ = resample(X, labels())
    assert not (X_res.data == 0).any()


# --------------------------------------------------------------------------- pandas


def mixed_frame(index=None) -> pd.DataFrame:
    raw = values(seed=5, d=9)
    return pd.DataFrame(
        {
            "f64": raw[:, 0],
            "f32": raw[:, 1].astype(np.float32),
            "i64": np.rint(raw[:, 2]).astype(np.int64),
            "i32": np.rint(raw[:, 3]).astype(np.int32),
            "u8": np.rint(np.abs(raw[:, 4])).astype(np.uint8),
            "b": raw[:, 5] > 0,
            "I64": pd.array(np.rint(raw[:, 6]).astype(np.int64), dtype="Int64"),
            "F64": pd.array(raw[:, 7], dtype="Float64"),
            "B": pd.array(raw[:, 8] > 0, dtype="boolean"),
        },
        index=index,
    )


ROUNDED = np.array([False, False, True, True, True, True, True, False, True])


def test_dataframe_keeps_columns_and_every_dtype():
    X = mixed_frame(index=np.arange(100, 100 + 3 * N, 3))
    y = pd.Series(labels(), index=X.index, name="target")
    X_snap, y_snap = snapshot(X), snapshot(y)
    sampler, X_res, _ = resample(X, y)
    assert type(X_res) is pd.DataFrame
    assert list(X_res.columns) == list(X.columns)
    assert X_res.dtypes.to_dict() == X.dtypes.to_dict()
    pd.testing.assert_frame_equal(X_res.iloc[:N], X, check_exact=True)
    check_synthetic_values(X_res.iloc[N:].to_numpy(np.float64), X, sampler, ROUNDED)
    assert_unchanged(X, X_snap)
    assert_unchanged(y, y_snap)


def test_single_dtype_frames_keep_their_dtype():
    for dtype in (np.float32, np.int32, "Int64", bool):
        raw = values(seed=6) > 0 if dtype is bool else np.rint(values(seed=6))
        X = pd.DataFrame(raw, columns=["a", "b", "c"]).astype(dtype)
        _, X_res, _ = resample(X, labels())
        assert (X_res.dtypes == X.dtypes.iloc[0]).all(), dtype
        pd.testing.assert_frame_equal(X_res.iloc[:N], X)


def assert_index_round_trip(X_res, y_res, original) -> None:
    """Original labels first and in order; synthetic labels new and unique; X and y agree."""
    assert X_res.index[:N].equals(original)
    assert X_res.index.is_unique
    new = X_res.index[N:]
    assert len(new) == N_NEW
    assert not new.isin(original).any()
    assert y_res.index.equals(X_res.index)
    assert X_res.index.nlevels == original.nlevels
    assert list(X_res.index.names) == list(original.names)


@pytest.mark.parametrize(
    "index",
    [
        pd.Index([5, 1, 3, 50, 7, 8, 2, 90, 11, 12, *range(200, 220)], name="id"),
        pd.Index([f"row-{i}" for i in range(N)], name="key"),
        pd.Index(["b", "synthetic-0", "synthetic-4", "a"] + [f"r{i}" for i in range(N - 4)]),
        pd.MultiIndex.from_arrays([np.repeat(["x", "y"], N // 2), np.arange(N)], names=["g", "i"]),
    ],
    ids=["int-with-gaps", "string", "string-colliding", "multi"],
)
def test_index_labels_kept_and_new_ones_unique(index):
    X = pd.DataFrame(values(), index=index, columns=["p", "q", "r"])
    y = pd.Series(labels(), index=index, name="t")
    _, X_res, y_res = resample(X, y)
    assert_index_round_trip(X_res, y_res, index)
    if not isinstance(index, pd.MultiIndex) and index.dtype.kind == "i":
        assert X_res.index.dtype.kind == "i"
        assert X_res.index[N:].min() > index.max()


def test_multiindex_synthetic_labels_do_not_collide():
    tuples = [("synthetic-0", ""), ("synthetic-3", "")] + [(f"r{i}", "a") for i in range(N - 2)]
    index = pd.MultiIndex.from_tuples(tuples)
    _, X_res, y_res = resample(pd.DataFrame(values(), index=index), pd.Series(labels(), index))
    assert_index_round_trip(X_res, y_res, index)


def test_default_range_index_continues():
    _, X_res, y_res = resample(pd.DataFrame(values()), pd.Series(labels()))
    np.testing.assert_array_equal(X_res.index, np.arange(N + N_NEW))
    np.testing.assert_array_equal(y_res.index, np.arange(N + N_NEW))


@pytest.mark.parametrize(
    "make_y",
    [
        lambda y: pd.Series(y, name="target"),
        lambda y: pd.Series(y.astype(np.int8), name=("multi", "name")),
        lambda y: pd.Series(y, dtype="Int64", name="nullable"),
        lambda y: pd.Series(y.astype(bool), name="flag"),
        lambda y: pd.Series(np.where(y == 1, "yes", "no"), name="words"),
        lambda y: pd.Series(np.where(y == 1, "yes", "no"), dtype=object, name="objects"),
        lambda y: pd.Series(
            pd.Categorical(np.where(y == 1, "yes", "no"), categories=["no", "yes"])
        ),
        lambda y: pd.Series(pd.Categorical(y, categories=[1, 0], ordered=True), name="ordered"),
    ],
    ids=["int", "int8", "Int64", "bool", "str", "object", "category", "ordered-category"],
)
def test_y_series_keeps_name_dtype_and_labels(make_y):
    y = make_y(labels())
    X = pd.DataFrame(values())
    y_snap = snapshot(y)
    _, _, y_res = resample(X, y)
    assert type(y_res) is pd.Series
    assert y_res.name == y.name
    assert y_res.dtype == y.dtype
    pd.testing.assert_series_equal(y_res.iloc[:N], y)
    minority = y.iloc[1]
    assert (y_res.iloc[N:] == minority).all()
    assert y_res.value_counts().to_dict() == {y.iloc[0]: N_MAJ, minority: N_MAJ}
    assert_unchanged(y, y_snap)


def test_numpy_x_with_series_y_and_frame_x_with_numpy_y():
    y = pd.Series(labels(), index=np.arange(N) * 2, name="t")
    _, X_res, y_res = resample(values(), y)
    assert type(X_res) is np.ndarray and type(y_res) is pd.Series
    assert y_res.index[:N].equals(y.index) and y_res.index.is_unique
    _, X_res, y_res = resample(pd.DataFrame(values()), labels())
    assert type(X_res) is pd.DataFrame and type(y_res) is np.ndarray


# --------------------------------------------------------------------------- polars


def polars_frame() -> pl.DataFrame:
    raw = values(seed=8, d=6)
    return pl.DataFrame(
        {
            "f64": raw[:, 0],
            "f32": raw[:, 1].astype(np.float32),
            "i64": np.rint(raw[:, 2]).astype(np.int64),
            "i32": np.rint(raw[:, 3]).astype(np.int32),
            "u8": np.rint(np.abs(raw[:, 4])).astype(np.uint8),
            "b": raw[:, 5] > 0,
        }
    )


@pytest.mark.parametrize(
    "make_y",
    [
        lambda y: pl.Series("target", y),
        lambda y: pl.Series("t32", y, dtype=pl.Int32),
        lambda y: pl.Series("words", np.where(y == 1, "yes", "no")),
        lambda y: pl.Series("cat", np.where(y == 1, "yes", "no"), dtype=pl.Categorical),
        lambda y: pl.Series("flag", y.astype(bool)),
    ],
    ids=["int64", "int32", "string", "categorical", "bool"],
)
def test_polars_in_polars_out_with_the_same_schema(make_y):
    X = polars_frame()
    y = make_y(labels())
    X_snap, y_snap = snapshot(X), snapshot(y)
    sampler, X_res, y_res = resample(X, y)
    assert type(X_res) is pl.DataFrame and type(y_res) is pl.Series
    assert X_res.schema == X.schema
    assert y_res.dtype == y.dtype and y_res.name == y.name
    assert X_res.height == y_res.len() == N + N_NEW
    polars.testing.assert_frame_equal(X_res.head(N), X)
    polars.testing.assert_series_equal(y_res.head(N), y)
    assert (y_res.tail(N_NEW) == y[1]).all()
    rounded = [False, False, True, True, True, True]
    check_synthetic_values(X_res.tail(N_NEW).to_numpy().astype(np.float64), X, sampler, rounded)
    assert_unchanged(X, X_snap)
    assert_unchanged(y, y_snap)


def test_polars_float32_frame_stays_float32():
    X = pl.DataFrame({"a": values()[:, 0], "b": values()[:, 1]}).cast(pl.Float32)
    _, X_res, _ = resample(X, pl.Series("y", labels()))
    assert X_res.schema == X.schema


# --------------------------------------------------------------------------- float32 end to end


@pytest.mark.parametrize(
    "make_X",
    [
        lambda a: a,
        sp.csr_matrix,
        sp.csc_array,
        lambda a: pd.DataFrame(a, columns=["a", "b", "c"]),
        lambda a: pl.DataFrame(a, schema=["a", "b", "c"]),
    ],
    ids=["numpy", "csr_matrix", "csc_array", "pandas", "polars"],
)
def test_float32_stays_float32(make_X):
    X = make_X(values().astype(np.float32))
    sampler, X_res, _ = resample(X, labels())
    if isinstance(X, pl.DataFrame):
        assert set(X_res.schema.values()) == {pl.Float32}
    elif isinstance(X, pd.DataFrame):
        assert (X_res.dtypes == np.float32).all()
    else:
        assert X_res.dtype == np.float32
    assert sampler.synthetic_steps_.shape == (N_NEW,)


# --------------------------------------------------------------------------- feature names


def test_feature_names_in_for_string_columns_only():
    sampler = SMOTE(k_neighbors=K, random_state=0)
    sampler.fit_resample(mixed_frame(), labels())
    np.testing.assert_array_equal(sampler.feature_names_in_, list(mixed_frame().columns))
    assert sampler.feature_names_in_.dtype == object
    assert sampler.n_features_in_ == 9
    sampler.fit_resample(polars_frame(), labels())
    np.testing.assert_array_equal(sampler.feature_names_in_, polars_frame().columns)
    # integer column names are not feature names (scikit-learn's rule), nor is numpy input
    sampler.fit_resample(pd.DataFrame(values()), labels())
    assert not hasattr(sampler, "feature_names_in_")
    sampler.fit_resample(pd.DataFrame(values(), columns=["a", 1, "c"]), labels())
    assert not hasattr(sampler, "feature_names_in_")
    sampler.fit_resample(mixed_frame(), labels())
    sampler.fit_resample(values(), labels())
    assert not hasattr(sampler, "feature_names_in_")
    assert sampler.n_features_in_ == 3


def test_fit_sets_attributes_without_resampling():
    sampler = SMOTE(k_neighbors=K, random_state=0).fit(mixed_frame(), labels())
    assert sampler.sampling_strategy_ == {1: N_NEW}
    np.testing.assert_array_equal(sampler.classes_, [0, 1])
    assert sampler.n_features_in_ == 9
    assert not hasattr(sampler, "synthetic_parents_")
