"""SMOTETomek and SMOTEENN: an over-sampler, then a cleaner, with any smotekit over-sampler."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from smotekit import (
    ADASYN,
    SMOTE,
    SMOTEENN,
    SMOTENC,
    EditedNearestNeighbours,
    RandomOverSampler,
    ResamplingWarning,
    SMOTETomek,
    TomekLinks,
)


def overlapping(seed=0, n=(150, 40), shift=1.5):
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], n)
    X = rng.normal(size=(y.size, 2)) + shift * y[:, None]
    return X, y


@pytest.mark.parametrize(
    ("combined", "cleaner"),
    [
        (SMOTEENN, EditedNearestNeighbours(sampling_strategy="all")),
        (SMOTETomek, TomekLinks(sampling_strategy="all")),
    ],
)
def test_default_is_smote_then_the_cleaner(combined, cleaner):
    X, y = overlapping()
    X_res, y_res = combined(sampling_strategy={1: 100}, random_state=4).fit_resample(X, y)
    X_over, y_over = SMOTE(sampling_strategy={1: 100}, random_state=4).fit_resample(X, y)
    X_ref, y_ref = cleaner.fit_resample(X_over, y_over)
    np.testing.assert_array_equal(X_res, X_ref)
    np.testing.assert_array_equal(y_res, y_ref)


@pytest.mark.parametrize("over", [ADASYN(random_state=0), RandomOverSampler(random_state=0)])
def test_any_over_sampler_and_the_provenance_of_surviving_rows(over):
    X, y = overlapping(1)
    sampler = SMOTEENN(smote=over)
    X_res, y_res = sampler.fit_resample(X, y)
    assert type(sampler.smote_) is type(over) and sampler.smote_ is not over
    n_synthetic = len(y_res) - sum(sampler.enn_.sample_indices_ < len(y))
    base, nb = sampler.synthetic_parents_.T
    assert base.size == n_synthetic
    t = sampler.synthetic_steps_[:, None]
    np.testing.assert_allclose(X_res[len(y_res) - n_synthetic :], X[base] + t * (X[nb] - X[base]))
    added = Counter(y_res.tolist())
    assert {c: added[c] + sampler.n_removed_[c] for c in added} == {0: 150, 1: 150}


def test_smotenc_on_coded_categories_then_tomek():
    rng = np.random.default_rng(2)
    X, y = overlapping(2)
    frame = pd.DataFrame({"a": X[:, 0], "b": X[:, 1], "code": rng.integers(0, 3, len(y))})
    sampler = SMOTETomek(smote=SMOTENC(categorical_features=["code"], random_state=0))
    X_res, _ = sampler.fit_resample(frame, y)
    assert list(X_res.dtypes) == list(frame.dtypes)
    assert set(X_res["code"]) <= {0, 1, 2}


def test_cleaning_more_than_half_of_a_class_warns_and_is_recorded():
    X, y = overlapping(3, n=(200, 20), shift=0.0)  # same distribution: ENN removes most
    sampler = SMOTEENN(random_state=0)
    with pytest.warns(ResamplingWarning, match=r"cleaning removed \d+ of the 200 rows of class"):
        sampler.fit_resample(X, y)
    assert max(sampler.n_removed_.values()) > 100


def test_a_cleaner_that_is_not_a_sampler_is_refused_by_name():
    X, y = overlapping()
    with pytest.raises(ValueError, match=r"tomek must be None or a sampler"):
        SMOTETomek(tomek=object()).fit_resample(X, y)
