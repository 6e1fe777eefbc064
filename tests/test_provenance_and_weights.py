"""Which output rows are synthetic (``sample_origin_``, ``synthetic_mask_``) and
``fit_resample(X, y, sample_weight=w)`` (issue 11, item 4), checked from the rows
themselves: an output row with origin ``i`` equals input row ``i``; a synthetic row lies
where its provenance says, and its weight is interpolated with the same step."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from smotekit import (
    ADASYN,
    SMOTE,
    SMOTEENN,
    SVMSMOTE,
    RandomOverSampler,
    RandomUnderSampler,
    SMOTETomek,
    TomekLinks,
)


def data(n=(40, 14, 9), seed=3):
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(n)), n)
    X = rng.normal(size=(y.size, 2)) + 1.5 * y[:, None]
    order = rng.permutation(y.size)
    return X[order], y[order]


SAMPLERS = [
    SMOTE(random_state=0),
    ADASYN(random_state=0),
    SVMSMOTE(random_state=0),
    RandomOverSampler(random_state=0),
    RandomOverSampler(random_state=0, shrinkage=0.5),
    RandomUnderSampler(random_state=0),
    TomekLinks(),
    SMOTEENN(random_state=0),
    SMOTETomek(random_state=0),
]


def resample(sampler, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sampler.fit_resample(*args, **kwargs)


@pytest.mark.parametrize("sampler", SAMPLERS, ids=repr)
def test_sample_origin_points_at_the_input_row_each_output_row_is(sampler):
    X, y = data()
    X_res, y_res = resample(sampler, X, y)
    origin, mask = sampler.sample_origin_, sampler.synthetic_mask_
    assert origin.shape == mask.shape == (len(y_res),)
    np.testing.assert_array_equal(mask, origin == -1)
    taken = origin >= 0
    np.testing.assert_array_equal(X_res[taken], X[origin[taken]])
    np.testing.assert_array_equal(y_res[taken], y[origin[taken]])
    # A synthetic row is no input row.
    for row in X_res[mask]:
        assert not (row == X).all(axis=1).any()
    if hasattr(sampler, "sample_indices_"):
        # imbalanced-learn's sample_indices_ names the base row of a jittered copy too.
        np.testing.assert_array_equal(origin[taken], sampler.sample_indices_[taken])


def test_over_sampler_origin_is_the_input_then_minus_one_for_each_new_row():
    X, y = data()
    sampler = SMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    expected = np.r_[np.arange(len(y)), np.full(len(X_res) - len(y), -1)]
    np.testing.assert_array_equal(sampler.sample_origin_, expected)


@pytest.mark.parametrize("sampler", SAMPLERS, ids=repr)
def test_weights_follow_their_rows(sampler):
    X, y = data()
    w = np.random.default_rng(1).uniform(0.5, 3.0, size=len(y))
    X_res, y_res, w_res = resample(sampler, X, y, sample_weight=w)
    X_plain, _ = resample(sampler, X, y)
    np.testing.assert_array_equal(X_res, X_plain)  # weights change nothing else
    assert w_res.shape == (len(y_res),) and w_res.dtype == np.float64
    origin = sampler.sample_origin_
    taken = origin >= 0
    np.testing.assert_array_equal(w_res[taken], w[origin[taken]])
    synthetic = ~taken
    if synthetic.any():
        base, neighbor = sampler.synthetic_parents_.T
        t = sampler.synthetic_steps_
        # The same step rebuilds the row's features and its weight.
        if type(sampler).__name__ != "RandomOverSampler":  # (a jittered copy: t = 0)
            rebuilt = X[base] + t[:, None] * (X[neighbor] - X[base])
            np.testing.assert_allclose(X_res[synthetic], rebuilt, atol=1e-9)
        expected = np.maximum(w[base] + t * (w[neighbor] - w[base]), 0)
        np.testing.assert_allclose(w_res[synthetic], expected)
        lo, hi = np.minimum(w[base], w[neighbor]), np.maximum(w[base], w[neighbor])
        inside = t >= 0
        assert (w_res[synthetic][inside] >= lo[inside] - 1e-12).all()
        assert (w_res[synthetic][inside] <= hi[inside] + 1e-12).all()


def test_weights_with_pandas_input_and_a_series_of_weights():
    X, y = data()
    frame = pd.DataFrame(X, columns=["a", "b"])
    w = pd.Series(np.arange(len(y), dtype=float) + 1)
    X_res, _, w_res = SMOTE(random_state=0).fit_resample(frame, pd.Series(y), sample_weight=w)
    assert isinstance(X_res, pd.DataFrame) and len(w_res) == len(X_res)
    np.testing.assert_array_equal(w_res[: len(y)], w.to_numpy())


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (np.ones(5), r"one weight per row of X \(63\); got shape \(5,\)"),
        (np.r_[np.ones(62), -1.0], r"finite and >= 0; row 62 is -1\.0"),
        (np.r_[np.ones(62), np.nan], r"finite and >= 0; row 62 is nan"),
        (np.array(["a"] * 63), "must hold numbers"),
    ],
)
def test_bad_weights_are_refused_by_name(weights, message):
    X, y = data()
    with pytest.raises(ValueError, match=message):
        SMOTE(random_state=0).fit_resample(X, y, sample_weight=weights)


def test_ccr_moved_rows_are_not_input_rows_but_keep_their_weight():
    from smotekit import CCR

    X, y = data((40, 14, 9))
    w = np.random.default_rng(2).uniform(1, 2, size=len(y))
    found = False
    for params in CCR._test_params():
        sampler = CCR(random_state=0, **params)
        X_res, _, w_res = resample(sampler, X, y, sample_weight=w)
        moved = sampler.moved_indices_
        found = found or moved.size > 0
        assert (sampler.sample_origin_[moved] == -1).all()
        np.testing.assert_array_equal(w_res[moved], w[moved])
        assert not np.array_equal(X_res[moved], X[moved]) or moved.size == 0
    assert found, "no CCR test case moves a row"


def test_cluster_centroids_centres_get_their_class_mean_weight():
    from smotekit import ClusterCentroids

    X, y = data()
    w = np.arange(1, len(y) + 1, dtype=float)
    sampler = ClusterCentroids(voting="soft", random_state=0)
    _, y_res, w_res = resample(sampler, X, y, sample_weight=w)
    mask = sampler.synthetic_mask_
    assert mask.sum() == 2 * 9  # the two larger classes shrink to 9 centres each
    for label in (0, 1):
        np.testing.assert_allclose(w_res[mask & (y_res == label)], w[y == label].mean())
    np.testing.assert_array_equal(w_res[~mask], w[y == 2])
