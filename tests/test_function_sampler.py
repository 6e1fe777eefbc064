"""FunctionSampler: imbalanced-learn's contract (func, kw_args, validate, accept_sparse), and
the caller's containers back when validating."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
import scipy.sparse as sp
from imblearn import FunctionSampler as ImbFunctionSampler
from sklearn.linear_model import LogisticRegression

from smotekit import FunctionSampler, RandomUnderSampler
from smotekit.pipeline import make_pipeline


def keep_first(X, y, n):
    return X[:n], y[:n]


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(12, 3))
    y = np.array([0] * 8 + [1] * 4)
    return X, y


def test_without_func_the_input_comes_back_as_it_was(data):
    X, y = data
    frame = pd.DataFrame(X, columns=["a", "b", "c"], index=np.arange(100, 112))
    X_res, y_res = FunctionSampler().fit_resample(frame, pd.Series(y, index=frame.index))
    pd.testing.assert_frame_equal(X_res, frame)
    assert y_res.index.equals(frame.index)


def test_func_gets_kw_args_and_its_output_matches_imbalanced_learns(data):
    X, y = data
    ours = FunctionSampler(func=keep_first, kw_args={"n": 5}).fit_resample(X, y)
    theirs = ImbFunctionSampler(func=keep_first, kw_args={"n": 5}).fit_resample(X, y)
    np.testing.assert_array_equal(ours[0], theirs[0])
    np.testing.assert_array_equal(ours[1], theirs[1])


def test_a_func_wrapping_another_sampler_resamples(data):
    X, y = data

    def under(X, y):
        return RandomUnderSampler(random_state=0).fit_resample(X, y)

    _, y_res = FunctionSampler(func=under).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [4, 4]


def test_frames_keep_names_and_dtypes_and_series_their_name(data):
    X, y = data
    frame = pd.DataFrame({"a": X[:, 0], "n": np.arange(12, dtype=np.int32)})
    X_res, y_res = FunctionSampler(func=keep_first, kw_args={"n": 4}).fit_resample(
        frame, pd.Series(y, name="label")
    )
    assert list(X_res.columns) == ["a", "n"] and X_res["n"].dtype == np.int32
    assert y_res.name == "label" and len(y_res) == 4
    polars_res, _ = FunctionSampler(func=keep_first, kw_args={"n": 4}).fit_resample(
        pl.from_pandas(frame), y
    )
    assert isinstance(polars_res, pl.DataFrame) and polars_res.columns == ["a", "n"]
    lists = FunctionSampler(func=keep_first, kw_args={"n": 3}).fit_resample(X.tolist(), y.tolist())
    assert lists[0] == X[:3].tolist() and lists[1] == [0, 0, 0]


def test_one_hot_y_goes_in_as_labels_and_comes_back_one_hot():
    X = np.arange(12.0).reshape(6, 2)
    y = np.eye(3)[[0, 1, 2, 0, 1, 2]]
    seen = {}

    def record(X, y):
        seen["y"] = y
        return X[:3], y[:3]

    _, y_res = FunctionSampler(func=record).fit_resample(X, y)
    assert seen["y"].tolist() == [0, 1, 2, 0, 1, 2]
    np.testing.assert_array_equal(y_res, np.eye(3))


def test_validate_false_passes_anything_through():
    X = [["a", None], ["b", 2]]
    out = FunctionSampler(func=lambda X, y: (X, y, "extra"), validate=False).fit_resample(
        X, ["x", "y"]
    )
    assert out == (X, ["x", "y"], "extra")


def test_validation_errors_name_the_problem(data):
    X, y = data
    X_nan = X.copy()
    X_nan[3, 1] = np.nan
    with pytest.raises(ValueError, match="row 3"):
        FunctionSampler().fit_resample(X_nan, y)
    with pytest.raises(ValueError, match="different lengths"):
        FunctionSampler().fit_resample(X, y[:-1])
    with pytest.raises(ValueError, match="single class"):
        FunctionSampler().fit_resample(X, np.zeros(12, dtype=int))
    with pytest.raises(TypeError, match=r"[Ss]parse"):
        FunctionSampler(accept_sparse=False).fit_resample(sp.csr_matrix(X), y)
    with pytest.raises(ValueError, match="func must be None or a callable"):
        FunctionSampler(func=3).fit_resample(X, y)


def test_sparse_input_reaches_func_as_sparse(data):
    X, y = data
    X_res, _ = FunctionSampler(func=keep_first, kw_args={"n": 2}).fit_resample(sp.csr_matrix(X), y)
    assert sp.issparse(X_res) and X_res.shape == (2, 3)


def test_in_a_pipeline_it_acts_while_fitting_only(data):
    X, y = data
    calls = []

    def count(X, y):
        calls.append(len(y))
        return X, y

    model = make_pipeline(FunctionSampler(func=count), LogisticRegression()).fit(X, y)
    model.predict(X)
    assert calls == [12]
