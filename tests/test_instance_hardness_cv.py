"""InstanceHardnessCV: folds equal imbalanced-learn's, and the hardest rows of each class are
spread one per fold (hardness estimated here independently)."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.model_selection import InstanceHardnessCV as ImbInstanceHardnessCV
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

from smotekit.model_selection import InstanceHardnessCV


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=240, weights=[0.85, 0.15], flip_y=0.05, class_sep=1.0, random_state=4
    )


def folds(cv, X, y):
    return [test for _, test in cv.split(X, y)]


@pytest.mark.parametrize(("n_splits", "pos_label"), [(5, None), (3, 0), (4, 1)])
def test_folds_equal_imbalanced_learns(data, n_splits, pos_label):
    X, y = data
    ours = InstanceHardnessCV(LogisticRegression(), n_splits=n_splits, pos_label=pos_label)
    theirs = ImbInstanceHardnessCV(LogisticRegression(), n_splits=n_splits, pos_label=pos_label)
    for a, b in zip(folds(ours, X, y), folds(theirs, X, y), strict=True):
        np.testing.assert_array_equal(a, b)
    assert ours.get_n_splits() == n_splits


def test_hardest_rows_of_each_class_are_one_per_fold(data):
    X, y = data
    n_splits = 4
    test_folds = folds(InstanceHardnessCV(LogisticRegression(), n_splits=n_splits), X, y)
    fold_of = np.empty(len(y), dtype=int)
    for i, test in enumerate(test_folds):
        fold_of[test] = i
    assert np.array_equal(np.sort(np.concatenate(test_folds)), np.arange(len(y)))
    proba = cross_val_predict(LogisticRegression(), X, y, cv=n_splits, method="predict_proba")
    for label in (0, 1):
        rows = np.flatnonzero(y == label)
        counts = np.bincount(fold_of[rows], minlength=n_splits)
        assert counts.max() - counts.min() <= 1
        # Sorted by P(class 1): the n_splits least (or most) typical rows land in distinct folds.
        ranked = rows[np.argsort(proba[rows, 1], kind="stable")]
        for block in (ranked[:n_splits], ranked[-n_splits:]):
            assert sorted(fold_of[block]) == list(range(n_splits))


def test_bad_use_is_refused_clearly(data):
    X, y = data
    with pytest.raises(ValueError, match="only supports binary"):
        next(InstanceHardnessCV(LogisticRegression()).split(X, np.arange(len(y)) % 3))
    with pytest.raises(ValueError, match="pos_label=7 is not a class"):
        next(InstanceHardnessCV(LogisticRegression(), pos_label=7).split(X, y))
    with pytest.raises(ValueError, match="n_splits must be an int >= 2"):
        next(InstanceHardnessCV(LogisticRegression(), n_splits=1).split(X, y))
    with pytest.warns(UserWarning, match="groups parameter is ignored"):
        next(InstanceHardnessCV(LogisticRegression()).split(X, y, groups=y))
