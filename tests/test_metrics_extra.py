"""make_index_balanced_accuracy, macro_averaged_mean_absolute_error and ValueDifferenceMetric
equal imbalanced-learn's on fixed inputs, and their definitions on hand-checked ones."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn import metrics as imb
from imblearn.metrics.pairwise import ValueDifferenceMetric as ImbVDM
from sklearn.metrics import accuracy_score, f1_score, precision_score, roc_auc_score

from smotekit.metrics import (
    geometric_mean_score,
    macro_averaged_mean_absolute_error,
    make_index_balanced_accuracy,
    sensitivity_score,
)
from smotekit.metrics.pairwise import ValueDifferenceMetric

rng = np.random.default_rng(0)
Y_TRUE = rng.integers(0, 3, 80)
Y_PRED = np.where(rng.random(80) < 0.6, Y_TRUE, rng.integers(0, 3, 80))


@pytest.mark.parametrize("average", [None, "macro", "weighted", "micro"])
@pytest.mark.parametrize(("alpha", "squared"), [(0.1, True), (0.5, False)])
def test_iba_matches_imbalanced_learn(average, alpha, squared):
    pairs = [
        (geometric_mean_score, imb.geometric_mean_score),
        (sensitivity_score, imb.sensitivity_score),
        (precision_score, precision_score),
    ]
    for ours, theirs in pairs:
        if ours is precision_score and average is None:
            continue
        mine = make_index_balanced_accuracy(alpha=alpha, squared=squared)(ours)
        reference = imb.make_index_balanced_accuracy(alpha=alpha, squared=squared)(theirs)
        np.testing.assert_allclose(
            mine(Y_TRUE, Y_PRED, average=average), reference(Y_TRUE, Y_PRED, average=average)
        )


def test_iba_of_binary_scores_by_hand():
    y_true, y_pred = [1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 0, 1]
    # sensitivity 3/4, specificity 1/2: dominance 1/4; accuracy 4/6.
    iba = make_index_balanced_accuracy(alpha=0.2, squared=False)(accuracy_score)
    assert iba(y_true, y_pred) == pytest.approx((1 + 0.2 * 0.25) * 4 / 6)
    reference = imb.make_index_balanced_accuracy(alpha=0.2, squared=True)(f1_score)
    mine = make_index_balanced_accuracy(alpha=0.2, squared=True)(f1_score)
    assert mine(y_true, y_pred) == pytest.approx(reference(y_true, y_pred))
    assert mine.__name__ == "f1_score"
    with pytest.raises(AttributeError, match="y_score"):
        make_index_balanced_accuracy()(roc_auc_score)([0, 1], [0.2, 0.8])


def test_macro_averaged_mae_matches_imbalanced_learn_and_its_definition():
    y_true = np.array([1, 1, 1, 1, 1, 2, 3, 3])
    y_pred = np.array([1, 2, 1, 1, 1, 2, 1, 3])
    weight = np.array([1, 2, 1, 1, 1, 1, 3, 1])
    # class 1: |1-2| on 1 of 5 rows -> 0.2; class 2: 0; class 3: |3-1| on 1 of 2 -> 1.0
    assert macro_averaged_mean_absolute_error(y_true, y_pred) == pytest.approx(1.2 / 3)
    for sample_weight in (None, weight):
        assert macro_averaged_mean_absolute_error(
            y_true, y_pred, sample_weight=sample_weight
        ) == pytest.approx(
            imb.macro_averaged_mean_absolute_error(y_true, y_pred, sample_weight=sample_weight)
        )
    with pytest.raises(ValueError, match="label 4 is in y_pred but not in y_true"):
        macro_averaged_mean_absolute_error([1, 2], [1, 4])


@pytest.mark.parametrize(("k", "r"), [(1, 2), (2, 2), (1, 1), (3, 1)])
def test_vdm_matches_imbalanced_learn(k, r):
    X = rng.integers(0, 4, size=(40, 3))
    y = rng.integers(0, 3, size=40)
    ours = ValueDifferenceMetric(k=k, r=r).fit(X, y)
    theirs = ImbVDM(k=k, r=r).fit(X, y)
    np.testing.assert_allclose(ours.pairwise(X), theirs.pairwise(X), atol=1e-12)
    np.testing.assert_allclose(ours.pairwise(X[:5], X[5:]), theirs.pairwise(X[:5], X[5:]))
    for a, b in zip(ours.proba_per_class_, theirs.proba_per_class_, strict=True):
        np.testing.assert_allclose(a, b)
    np.testing.assert_array_equal(ours.n_categories_, theirs.n_categories_)


def test_vdm_by_hand_and_its_errors():
    X = np.array([[0], [0], [1], [1]])
    y = np.array([0, 0, 0, 1])
    vdm = ValueDifferenceMetric(n_categories=[3]).fit(X, y)
    # P(.|0) = (1, 0), P(.|1) = (.5, .5), P(.|2) = (0, 0) (never seen): k=1 -> L1, r=2
    np.testing.assert_allclose(vdm.proba_per_class_[0], [[1, 0], [0.5, 0.5], [0, 0]])
    np.testing.assert_allclose(
        vdm.pairwise(np.array([[0], [1], [2]])), [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    )
    with pytest.raises(ValueError, match="n_categories has 2 entries"):
        ValueDifferenceMetric(n_categories=[3, 3]).fit(X, y)
    with pytest.raises(
        ValueError, match=r"Negative values in data passed to.*ValueDifferenceMetric"
    ):
        ValueDifferenceMetric().fit(-X, y)
    with pytest.raises(ValueError, match="2 features"):
        ValueDifferenceMetric().fit(X, y).pairwise(np.zeros((1, 2), dtype=int))
