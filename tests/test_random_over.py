"""RandomOverSampler: exact copies of any data, or a smoothed bootstrap."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import RandomOverSampler as ImbRandomOverSampler

from smotekit import RandomOverSampler


def test_copies_strings_categories_and_missing_values_exactly():
    X = pd.DataFrame(
        {
            "colour": pd.Categorical(["red", "blue", None, "red", "green"]),
            "name": ["a", "b", "c", None, "e"],
            "size": [1.5, np.nan, 3.0, 4.0, 5.0],
            "count": pd.array([1, 2, None, 4, 5], dtype="Int64"),
        },
        index=["r0", "r1", "r2", "r3", "r4"],
    )
    y = pd.Series([0, 0, 0, 1, 1], index=X.index)
    sampler = RandomOverSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert list(X_res.dtypes) == list(X.dtypes)
    pd.testing.assert_frame_equal(X_res.iloc[:5], X)
    copied = sampler.sample_indices_[5:]
    assert set(copied) <= {3, 4} and len(copied) == 1
    pd.testing.assert_frame_equal(
        X_res.iloc[5:].reset_index(drop=True), X.iloc[copied].reset_index(drop=True)
    )
    assert X_res.index.is_unique and list(X_res.index[5:]) == ["synthetic-0"]
    assert y_res.index.equals(X_res.index)
    assert Counter(y_res.tolist()) == {0: 3, 1: 3}


def test_object_arrays_and_sample_indices():
    X = np.array([["a", None], ["b", 2.0], ["c", 3], ["d", 4]], dtype=object)
    y = np.array(["x", "x", "x", "y"])
    sampler = RandomOverSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(sampler.sample_indices_, [0, 1, 2, 3, 3, 3])
    assert X_res.dtype == object and X_res[4:].tolist() == [["d", 4], ["d", 4]]
    assert y_res.tolist() == ["x", "x", "x", "y", "y", "y"]
    np.testing.assert_array_equal(sampler.synthetic_parents_, [[3, 3], [3, 3]])


def test_copies_are_drawn_uniformly_from_the_class():
    y = np.repeat([0, 1], [4000, 4])
    X = np.arange(y.size, dtype=float)[:, None]
    sampler = RandomOverSampler(random_state=1)
    sampler.fit_resample(X, y)
    drawn = Counter(sampler.sample_indices_[y.size :].tolist())
    assert set(drawn) == {4000, 4001, 4002, 4003}
    assert all(abs(c - 999) < 120 for c in drawn.values())  # ~ 6 standard deviations


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_smoothed_bootstrap_noise_has_the_rose_scale_and_keeps_the_dtype(dtype):
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1], [20000, 500])
    X = (rng.normal(size=(y.size, 2)) * [1.0, 4.0]).astype(dtype)
    shrinkage = 0.7
    sampler = RandomOverSampler(shrinkage=shrinkage, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res.dtype == dtype
    np.testing.assert_array_equal(X_res[: y.size], X)
    base = sampler.synthetic_parents_[:, 0]
    assert (y[base] == 1).all()
    noise = X_res[y.size :].astype(np.float64) - X[base].astype(np.float64)
    n, d = 500, 2
    h = (4 / ((d + 2) * n)) ** (1 / (d + 4))
    expected = shrinkage * h * X[y == 1].astype(np.float64).std(axis=0)
    np.testing.assert_allclose(noise.std(axis=0), expected, rtol=0.03)
    np.testing.assert_allclose(noise.mean(axis=0), 0, atol=0.03 * expected.max())
    assert sampler.shrinkage_ == {1: shrinkage}


def test_smoothed_bootstrap_rounds_integer_columns():
    rng = np.random.default_rng(1)
    y = np.repeat([0, 1], [300, 30])
    X = pd.DataFrame({"f": rng.normal(size=330), "i": rng.integers(0, 100, size=330)})
    X_res, _ = RandomOverSampler(shrinkage=3.0, random_state=0).fit_resample(X, y)
    assert X_res["i"].dtype == np.int64
    assert (X_res["i"].iloc[330:] != X["i"].iloc[0]).any()


def test_shrinkage_zero_gives_exact_copies_and_a_dict_needs_every_class():
    y = np.repeat([0, 1, 2], [30, 10, 10])
    X = np.random.default_rng(2).normal(size=(50, 2))
    sampler = RandomOverSampler(shrinkage={1: 0.0, 2: 0.0}, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(X_res[50:], X[sampler.synthetic_parents_[:, 0]])
    with pytest.raises(ValueError, match=r"shrinkage has no value for class\(es\) \[2\]"):
        RandomOverSampler(shrinkage={1: 0.5}).fit_resample(X, y)


def test_shrinkage_refuses_sparse_input_by_name():
    import scipy.sparse as sp

    X = sp.random(20, 3, density=0.5, format="csr", random_state=0)
    y = np.repeat([0, 1], [15, 5])
    with pytest.raises(ValueError, match="sparse"):
        RandomOverSampler(shrinkage=1.0).fit_resample(X, y)
    X_res, _ = RandomOverSampler(random_state=0).fit_resample(X, y)
    assert X_res.shape == (30, 3) and X_res.format == "csr"


def test_counts_match_imblearn():
    y = np.repeat([0, 1, 2], [30, 10, 4])
    X = np.arange(44.0)[:, None]
    for strategy in ["auto", "minority", {1: 12, 2: 20}]:
        _, ours = RandomOverSampler(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
        _, theirs = ImbRandomOverSampler(sampling_strategy=strategy, random_state=0).fit_resample(
            X, y
        )
        assert Counter(ours.tolist()) == Counter(theirs.tolist())
