"""Bad input gets a clear error, and the caller's objects are left as they were."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import polars as pl
import pytest
import scipy.sparse as sp
from sklearn.neighbors import NearestNeighbors

from sampler_checks import assert_unchanged, snapshot
from smotekit import SMOTE

ROWS = 30


def data(seed: int = 0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(ROWS, 3)), np.array([0] * 20 + [1] * 10)


def raises_unchanged(X, y, error, pattern, **params):
    """fit_resample(X, y) raises ``error`` matching ``pattern``; X and y are not modified."""
    X_snap, y_snap = snapshot(X), snapshot(y)
    with pytest.raises(error, match=pattern) as info:
        SMOTE(random_state=0, **params).fit_resample(X, y)
    assert_unchanged(X, X_snap)
    assert_unchanged(y, y_snap)
    return str(info.value)


# --------------------------------------------------------------------------- non-finite X


def test_nan_in_x_names_row_and_column():
    X, y = data()
    X[7, 2] = np.nan
    raises_unchanged(X, y, ValueError, r"X contains NaN: row 7, column 2 is nan")


def test_nan_in_a_dataframe_names_the_column():
    X, y = data()
    X[4, 1] = np.nan
    frame = pd.DataFrame(X, columns=["alpha", "beta", "gamma"])
    raises_unchanged(frame, y, ValueError, r"X contains NaN: row 4, column 'beta' is nan")


def test_missing_value_in_nullable_and_polars_columns():
    X, y = data()
    frame = pd.DataFrame({"a": X[:, 0], "n": pd.array([1] * 12 + [None] + [2] * 17, "Int64")})
    raises_unchanged(frame, y, ValueError, r"X contains NaN: row 12, column 'n'")
    pframe = pl.DataFrame({"a": X[:, 0], "n": [1] * 5 + [None] + [2] * 24})
    raises_unchanged(pframe, y, ValueError, r"X contains NaN: row 5, column 'n'")


def test_several_non_finite_cells_are_counted():
    X, y = data()
    X[3, 0] = X[9, 1] = X[20, 2] = np.nan
    raises_unchanged(X, y, ValueError, r"row 3, column 0 is nan \(2 more non-finite cells\)")


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_inf_in_x(value):
    X, y = data()
    X[11, 0] = value
    message = raises_unchanged(X, y, ValueError, r"X contains infinite values: row 11, column 0")
    assert "finite" in message and "impute or drop" in message


def test_non_finite_float32():
    X, y = data()
    X = X.astype(np.float32)
    X[2, 1] = np.inf
    raises_unchanged(X, y, ValueError, r"infinite values: row 2, column 1 is inf")


@pytest.mark.parametrize("container", [sp.csr_matrix, sp.csc_matrix, sp.csr_array])
def test_nan_in_sparse_x(container):
    X, y = data()
    X[np.abs(X) < 0.5] = 0.0
    X[13, 2] = np.nan
    raises_unchanged(container(X), y, ValueError, r"X contains NaN: row 13, column 2 is nan")


# --------------------------------------------------------------------------- bad y


def test_single_class_y():
    X, _ = data()
    raises_unchanged(X, np.zeros(ROWS, dtype=int), ValueError, r"y has a single class.*2 classes")


def test_continuous_y():
    X, _ = data()
    y = np.linspace(0.0, 1.0, ROWS)
    raises_unchanged(X, y, ValueError, r"y looks continuous.*class labels.*bin them")


def test_nan_in_y():
    X, y = data()
    y = y.astype(float)
    y[6] = np.nan
    raises_unchanged(X, y, ValueError, r"y contains NaN at row 6")


def test_multilabel_indicator_y():
    X, y = data()
    Y = np.column_stack([y, 1 - y, y])
    raises_unchanged(X, Y, ValueError, r"more than one 1 in row \d+: multilabel")


def test_two_column_dataframe_y():
    X, y = data()
    Y = pd.DataFrame({"a": y, "b": y})
    raises_unchanged(X, Y, ValueError, r"y as a DataFrame must have one column.*got 2")


@pytest.mark.parametrize("n_labels", [ROWS - 1, ROWS + 5])
def test_x_and_y_of_different_lengths(n_labels):
    X, _ = data()
    y = np.arange(n_labels) % 2
    raises_unchanged(
        X, y, ValueError, rf"X and y have different lengths: X has 30 rows, y has {n_labels}"
    )


# --------------------------------------------------------------------------- bad X shape/type


def test_empty_x():
    raises_unchanged(np.empty((0, 3)), np.empty(0, dtype=int), ValueError, r"X is empty \(0 rows\)")
    raises_unchanged(
        pd.DataFrame({"a": [], "b": []}, dtype=float), np.empty(0, int), ValueError, r"0 rows"
    )


def test_x_with_zero_columns():
    _, y = data()
    raises_unchanged(np.empty((ROWS, 0)), y, ValueError, r"X has 0 feature columns \(30 rows\)")


def test_one_dimensional_x():
    X, y = data()
    raises_unchanged(X[:, 0], y, ValueError, r"X must be 2-D.*shape \(30,\).*reshape\(-1, 1\)")
    raises_unchanged(pd.Series(X[:, 0]), y, ValueError, r"X must be 2-D.*Series.*to_frame")


def test_numpy_strings():
    _, y = data()
    X = np.array([["a", "b"]] * ROWS)
    raises_unchanged(X, y, ValueError, r"X has dtype <U1, which is not numeric.*SMOTENC")
    objects = np.array([[1.0, "b"]] * ROWS, dtype=object)
    raises_unchanged(objects, y, ValueError, r"X has non-numeric values.*SMOTENC")


def test_pandas_non_numeric_columns_are_named():
    X, y = data()
    frame = pd.DataFrame(
        {
            "num": X[:, 0],
            "obj": pd.Series(["u", "v"] * 15, dtype=object),
            "txt": pd.Series(["u", "v"] * 15, dtype="string"),
            "cat": pd.Categorical(["u", "v"] * 15),
        }
    )
    message = raises_unchanged(frame, y, ValueError, r"X has non-numeric feature columns: ")
    assert "SMOTENC" in message
    for name in ("'obj' (object)", "'txt' (string)", "'cat' (category)"):
        assert name in message
    assert "'num'" not in message


def test_many_non_numeric_columns_are_summarised():
    _, y = data()
    frame = pd.DataFrame({f"c{i}": ["u"] * ROWS for i in range(8)})
    message = raises_unchanged(frame, y, ValueError, r"and 3 more.*SMOTENC")
    assert "'c4'" in message and "'c5'" not in message


def test_polars_utf8_column_is_named():
    X, y = data()
    frame = pl.DataFrame({"num": X[:, 0], "word": ["u", "v"] * 15})
    raises_unchanged(
        frame, y, ValueError, r"non-numeric feature columns: 'word' \(String\).*SMOTENC"
    )


def test_coo_sparse_is_rejected_with_a_conversion_hint():
    X, y = data()
    raises_unchanged(sp.coo_matrix(X), y, ValueError, r"CSR or CSC; got COO.*tocsr")


# --------------------------------------------------------------------------- class size and k


def test_class_smaller_than_k_plus_one():
    X, _ = data()
    y = np.array([0] * 27 + [1] * 3)
    message = raises_unchanged(X, y, ValueError, r"class 1 has 3 rows, but k_neighbors=5")
    assert "at least 6 rows" in message
    assert "Use k_neighbors=2 or smaller" in message


def test_class_with_one_row():
    X, _ = data()
    y = np.array([0] * 29 + [1])
    raises_unchanged(X, y, ValueError, r"class 1 has 1 row, too few.*at least 2 rows")


def test_too_small_class_with_string_label():
    X, _ = data()
    y = np.array(["big"] * 26 + ["tiny"] * 4)
    raises_unchanged(X, y, ValueError, r"class 'tiny' has 4 rows, but k_neighbors=4", k_neighbors=4)


def test_estimator_k_neighbors_too_big_for_a_class():
    X, _ = data()
    y = np.array([0] * 27 + [1] * 3)
    raises_unchanged(
        X,
        y,
        ValueError,
        r"class 1 has 3 rows.*k_neighbors=3",
        k_neighbors=NearestNeighbors(n_neighbors=4),
    )


def test_class_not_over_sampled_may_be_tiny():
    X, _ = data()
    y = np.array([0] * 20 + [1] * 9 + [2])
    sampler = SMOTE(random_state=0, sampling_strategy={1: 20})
    _, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [20, 20, 1]
    # also when the tiny class is named but gets no new rows
    sampler = SMOTE(random_state=0, sampling_strategy={1: 15, 2: 1})
    assert np.bincount(sampler.fit_resample(X, y)[1]).tolist() == [20, 15, 1]
    # while "auto" does over-sample it, which cannot work
    with pytest.raises(ValueError, match=r"class 2 has 1 row"):
        SMOTE(random_state=0).fit_resample(X, y)


def test_majority_class_is_never_checked_for_size():
    X, _ = data()
    y = np.array([0] * 3 + [1] * 3 + [2] * 24)
    _, y_res = SMOTE(random_state=0, k_neighbors=2).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [24, 24, 24]


@pytest.mark.parametrize(
    ("k", "shown"),
    [(0, "got 0"), (-1, "got -1"), (2.5, "got 2.5"), ("a", "got 'a'"), (True, "got True")],
)
def test_bad_k_neighbors(k, shown):
    X, y = data()
    message = raises_unchanged(X, y, ValueError, r"k_neighbors must be an int >= 1", k_neighbors=k)
    assert shown in message


def test_k_neighbors_object_without_kneighbors():
    X, y = data()

    class NotAnEstimator:
        n_neighbors = 4

        def fit(self, X):
            return self

    raises_unchanged(
        X, y, ValueError, r"k_neighbors must be .*fit and kneighbors", k_neighbors=NotAnEstimator()
    )


@pytest.mark.parametrize("n", [1, 0])
def test_estimator_with_too_few_neighbors(n):
    X, y = data()
    nn = NearestNeighbors(n_neighbors=n)
    message = raises_unchanged(
        X, y, ValueError, r"n_neighbors counts the row itself.*>= 2", k_neighbors=nn
    )
    assert re.search(rf"got {n}\.", message)


@pytest.mark.parametrize("method", ["fast", "Exact", None, 1])
def test_unknown_neighbors_method_lists_the_methods(method):
    X, y = data()
    raises_unchanged(
        X,
        y,
        ValueError,
        rf"neighbors must be one of 'exact', 'approximate'; got {re.escape(repr(method))}",
        neighbors=method,
    )


def test_bad_parameters_are_reported_by_fit_too():
    X, y = data()
    with pytest.raises(ValueError, match="k_neighbors"):
        SMOTE(k_neighbors=0).fit(X, y)
    with pytest.raises(ValueError, match="sampling_strategy"):
        SMOTE(sampling_strategy="bogus").fit(X, y)
