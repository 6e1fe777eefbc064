"""InstanceHardnessThreshold: the rows kept are the easiest by cross-validated probability,
exactly as many as asked, within imbalanced-learn's (tie-inclusive) choice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from imblearn.under_sampling import InstanceHardnessThreshold as ImbIHT
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

from sampler_checks import shifted_classes
from smotekit import InstanceHardnessThreshold


def overlapping(seed=0, **kwargs):
    return shifted_classes(seed, **{"n": (150, 70, 30), "dims": 3, "shift": 0.9, **kwargs})


def test_keeps_the_rows_with_the_highest_cross_validated_probability_of_their_class():
    X, y = overlapping()
    sampler = InstanceHardnessThreshold(estimator=KNeighborsClassifier(7), random_state=4)
    _, y_res = sampler.fit_resample(X, y)
    folds = StratifiedKFold(5, shuffle=True, random_state=np.random.RandomState(4))
    proba = cross_val_predict(KNeighborsClassifier(7), X, y, cv=folds, method="predict_proba")
    own = proba[np.arange(y.size), y]
    np.testing.assert_allclose(sampler.hardness_, 1 - own)
    assert np.bincount(y_res).tolist() == [30, 30, 30]
    kept = np.zeros(y.size, bool)
    kept[sampler.sample_indices_] = True
    for label in (0, 1):
        here = y == label
        assert own[here & kept].min() >= own[here & ~kept].max()
        # Ties at the threshold go to the rows first in X.
        edge = own[here & kept].min()
        tied = np.flatnonzero(here & (own == edge))
        assert kept[tied].tolist() == sorted(kept[tied].tolist(), reverse=True)


@pytest.mark.parametrize(
    "params",
    [
        {"estimator": LogisticRegression()},
        {"estimator": DecisionTreeClassifier(max_depth=4)},
        {"estimator": DecisionTreeClassifier(max_depth=4), "sampling_strategy": {0: 80, 1: 50}},
        {"cv": 3},
    ],
)
def test_keeps_exactly_the_count_asked_for_within_the_rows_imblearn_keeps(params):
    X, y = overlapping(1)
    ours = InstanceHardnessThreshold(random_state=3, **params)
    theirs = ImbIHT(random_state=3, **params)
    _, y_ours = ours.fit_resample(X, y)
    theirs.fit_resample(X, y)
    target = params.get("sampling_strategy", {0: 30, 1: 30})
    assert {c: int((y_ours == c).sum()) for c in target} == target
    assert set(ours.sample_indices_) <= set(theirs.sample_indices_)
    # imbalanced-learn keeps every row tied at its threshold; with no ties, the same rows.
    if "LogisticRegression" in repr(params):
        np.testing.assert_array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))


def test_any_labels_a_cv_splitter_and_no_global_random_state():
    X, y = overlapping(2)
    names = np.array(["common", "rare", "scarce"])[y]
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (the global state is the point)
    sampler = InstanceHardnessThreshold(
        estimator=LogisticRegression(), cv=KFold(4, shuffle=True, random_state=0)
    )
    X_res, y_res = sampler.fit_resample(pd.DataFrame(X), pd.Series(names))
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002
    assert y_res.value_counts().to_dict() == {"common": 30, "rare": 30, "scarce": 30}
    assert X_res.index.equals(y_res.index)


def test_the_seed_reaches_the_classifier_and_fixes_the_output():
    X, y = overlapping(3)
    given = DecisionTreeClassifier(max_features=1)
    first = InstanceHardnessThreshold(estimator=given, random_state=np.random.default_rng(1))
    second = InstanceHardnessThreshold(estimator=given, random_state=np.random.default_rng(1))
    first.fit_resample(X, y)
    second.fit_resample(X, y)
    np.testing.assert_array_equal(first.sample_indices_, second.sample_indices_)
    assert given.random_state is None and isinstance(first.estimator_.random_state, int)


def test_errors_name_the_parameter_and_what_is_allowed():
    X, y = overlapping()
    with pytest.raises(ValueError, match=r"cv must be an int >= 2 or a cross-validation splitter"):
        InstanceHardnessThreshold(cv="five").fit_resample(X, y)
    with pytest.raises(ValueError, match=r"estimator must be a classifier with predict_proba"):
        InstanceHardnessThreshold(estimator=KFold()).fit_resample(X, y)
