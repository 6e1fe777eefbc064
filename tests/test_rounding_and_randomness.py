"""Integer columns are rounded (not truncated); each class draws from its own random stream."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from imblearn.over_sampling import SMOTE as ImbSMOTE

from sampler_checks import class_segments, exact_interpolation, match_segments, value_atol
from smotekit import SMOTE

# --------------------------------------------------------------------------- rounding


@pytest.fixture(scope="module")
def integer_data():
    """3000 majority and 60 minority rows of integers in [0, 100): 2940 synthetic rows."""
    rng = np.random.default_rng(99)
    X = np.vstack([rng.integers(0, 100, size=(3000, 4)), rng.integers(0, 100, size=(60, 4))])
    y = np.array([0] * 3000 + [1] * 60)
    return X.astype(np.int64), y


def rounding_errors(X, synthetic, sampler):
    exact = exact_interpolation(X, sampler.synthetic_parents_, sampler.synthetic_steps_)
    return np.asarray(synthetic, dtype=np.float64) - exact, exact


@pytest.mark.parametrize("container", ["numpy", "csr", "pandas"])
def test_integer_values_are_rounded_to_nearest_not_truncated(integer_data, container):
    X, y = integer_data
    X_in = {"numpy": X, "csr": sp.csr_matrix(X), "pandas": pd.DataFrame(X)}[container]
    sampler = SMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(X_in, y)
    out = X_res.toarray() if sp.issparse(X_res) else np.asarray(X_res)
    synthetic = out[len(y) :]
    errors, exact = rounding_errors(X, synthetic, sampler)
    assert errors.size > 10_000
    # every value is the nearest integer to the exact interpolation...
    np.testing.assert_array_equal(synthetic, np.rint(exact))
    assert np.abs(errors).max() <= 0.5
    # ... so the errors average out, while truncation would be biased by about -0.5
    assert abs(errors.mean()) < 0.02
    moving = exact != np.rint(exact)
    assert moving.mean() > 0.9  # the test data really has fractional interpolations
    assert (np.trunc(exact) - exact).mean() < -0.4


def test_only_integer_and_bool_columns_of_a_frame_are_rounded(integer_data):
    X, y = integer_data
    frame = pd.DataFrame(
        {
            "i": X[:, 0],
            "f": X[:, 1].astype(np.float64),
            "b": X[:, 2] >= 50,
            "I": pd.array(X[:, 3], dtype="Int64"),
        }
    )
    sampler = SMOTE(random_state=1)
    X_res, _ = sampler.fit_resample(frame, y)
    synthetic = X_res.iloc[len(y) :].to_numpy(np.float64)
    exact = exact_interpolation(frame.to_numpy(np.float64), *provenance(sampler))
    rounded = np.array([True, False, True, True])
    np.testing.assert_array_equal(synthetic[:, rounded], np.rint(exact[:, rounded]))
    np.testing.assert_allclose(synthetic[:, ~rounded], exact[:, ~rounded], rtol=1e-12)
    # the float column really keeps fractions
    assert (synthetic[:, 1] != np.rint(synthetic[:, 1])).mean() > 0.9


def provenance(sampler):
    return sampler.synthetic_parents_, sampler.synthetic_steps_


def test_bool_values_are_rounded_to_nearest():
    rng = np.random.default_rng(3)
    X = rng.random((400, 12)) > 0.5
    y = np.array([0] * 300 + [1] * 100)
    sampler = SMOTE(random_state=2)
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res.dtype == bool
    synthetic = X_res[len(y) :]
    exact = exact_interpolation(X, *provenance(sampler))
    np.testing.assert_array_equal(synthetic, np.rint(exact).astype(bool))
    # where the parents differ, the cell takes the neighbour's value exactly when t > 1/2
    base, nb = X[sampler.synthetic_parents_[:, 0]], X[sampler.synthetic_parents_[:, 1]]
    differ = base != nb
    assert differ.sum() > 100
    nearer_nb = np.broadcast_to(sampler.synthetic_steps_[:, None] > 0.5, differ.shape)
    np.testing.assert_array_equal(synthetic[differ], np.where(nearer_nb, nb, base)[differ])


# --------------------------------------------------------------------------- independent classes


@pytest.fixture(scope="module")
def twin_classes():
    """A majority of 2100 rows and two minority classes of 100 rows, the second a shifted
    copy of the first: ~2000 synthetic rows each."""
    rng = np.random.default_rng(7)
    A = rng.normal(size=(100, 2))
    X = np.vstack([rng.normal(size=(2100, 2)) + 20.0, A, A + 10.0])
    y = np.array([0] * 2100 + [1] * 100 + [2] * 100)
    return X, y


def test_classes_draw_independent_steps(twin_classes):
    X, y = twin_classes
    sampler = SMOTE(random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    labels = y_res[len(y) :]
    steps = sampler.synthetic_steps_
    s1, s2 = steps[labels == 1], steps[labels == 2]
    assert s1.size == s2.size == 2000
    assert not np.allclose(s1, s2)
    r = np.corrcoef(s1, s2)[0, 1]
    assert abs(r) < 0.1
    # the base rows are not the same choices in the twin class either
    base1 = sampler.synthetic_parents_[labels == 1, 0]
    base2 = sampler.synthetic_parents_[labels == 2, 0] - 100
    assert (base1 == base2).mean() < 0.1
    assert abs(np.corrcoef(base1, base2)[0, 1]) < 0.1


def test_imblearn_repeats_the_same_draws_in_equal_size_classes(twin_classes):
    """Documents the imbalanced-learn defect smotekit fixes: identical steps per class."""
    X, y = twin_classes
    X_res, y_res = ImbSMOTE(random_state=0).fit_resample(X, y)
    n = len(y)
    new1, new2 = X_res[n:][y_res[n:] == 1], X_res[n:][y_res[n:] == 2]
    assert len(new1) == len(new2) == 2000
    # the second class's rows are exactly the first class's rows, shifted
    np.testing.assert_allclose(new2 - 10.0, new1, atol=1e-9)
    atol = value_atol(X, X.dtype)
    m1 = match_segments(new1, X, *class_segments(X, y, 1, 5), atol=atol)
    m2 = match_segments(new2, X, *class_segments(X, y, 2, 5), atol=atol)
    np.testing.assert_allclose(m1.step, m2.step, atol=1e-6)
    np.testing.assert_array_equal(m1.base, m2.base - 100)


def test_a_class_draws_the_same_whichever_other_classes_are_resampled(twin_classes):
    X, y = twin_classes
    both = SMOTE(random_state=5)
    X_both, y_both = both.fit_resample(X, y)
    alone = SMOTE(random_state=5, sampling_strategy={2: 2100})
    X_alone, _ = alone.fit_resample(X, y)
    n = len(y)
    np.testing.assert_array_equal(X_alone[n:], X_both[n:][y_both[n:] == 2])
    np.testing.assert_array_equal(alone.synthetic_steps_, both.synthetic_steps_[y_both[n:] == 2])


# --------------------------------------------------------------------------- random_state


@pytest.fixture
def small_data(binary_data):
    return binary_data


def steps_with(random_state, X, y):
    sampler = SMOTE(random_state=random_state)
    _, y_res = sampler.fit_resample(X, y)
    assert len(y_res) == 120
    return sampler.synthetic_steps_


def test_int_random_state(small_data):
    np.testing.assert_array_equal(steps_with(3, *small_data), steps_with(3, *small_data))
    np.testing.assert_array_equal(steps_with(np.int64(3), *small_data), steps_with(3, *small_data))
    assert not np.array_equal(steps_with(3, *small_data), steps_with(4, *small_data))
    assert steps_with(2**40, *small_data).size == 40  # ints beyond 32 bits are fine


def test_none_random_state_draws_fresh_entropy(small_data):
    assert not np.array_equal(steps_with(None, *small_data), steps_with(None, *small_data))


@pytest.mark.parametrize(
    "make", [np.random.RandomState, np.random.default_rng], ids=["RandomState", "Generator"]
)
def test_random_state_and_generator_objects(small_data, make):
    # a fresh object in the same state gives the same output
    np.testing.assert_array_equal(
        steps_with(make(11), *small_data), steps_with(make(11), *small_data)
    )
    assert not np.array_equal(steps_with(make(11), *small_data), steps_with(make(12), *small_data))
    # one object reused is consumed, as in scikit-learn: the next call differs
    shared = make(11)
    first = steps_with(shared, *small_data)
    second = steps_with(shared, *small_data)
    assert not np.array_equal(first, second)


@pytest.mark.parametrize("bad", [-1, -(2**40)])
def test_negative_random_state_is_rejected(small_data, bad):
    X, y = small_data
    with pytest.raises(ValueError, match=rf"random_state must be None or an int >= 0; got {bad}"):
        SMOTE(random_state=bad).fit_resample(X, y)


@pytest.mark.parametrize("bad", ["0", "seed", 1.5, True, [1, 2]])
def test_other_random_state_types_are_rejected(small_data, bad):
    X, y = small_data
    X_snap = X.copy()
    pattern = r"random_state must be None, an int >= 0, a numpy\.random\.RandomState or a "
    with pytest.raises(TypeError, match=pattern + r"numpy\.random\.Generator; got "):
        SMOTE(random_state=bad).fit_resample(X, y)
    np.testing.assert_array_equal(X, X_snap)
