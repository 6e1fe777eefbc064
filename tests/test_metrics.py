"""smotekit.metrics agrees with imbalanced-learn's metrics and with their definitions."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn import metrics as imb

from smotekit import metrics

# Pairs (y_true, y_pred) over a few labels, with optional positive sample weights.
labels_strategy = st.sampled_from([[0, 1], [0, 1, 2], ["a", "b", "c", "d"]])


@st.composite
def predictions(draw, weighted=False):
    labels = draw(labels_strategy)
    n = draw(st.integers(2, 30))
    y_true = draw(st.lists(st.sampled_from(labels), min_size=n, max_size=n))
    y_pred = draw(st.lists(st.sampled_from(labels), min_size=n, max_size=n))
    weights = None
    if weighted:
        weights = draw(st.lists(st.integers(1, 4), min_size=n, max_size=n))
    return np.array(y_true), np.array(y_pred), weights


def quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def repeated(y_true, y_pred, weights):
    """Integer sample weights mean repeated rows: the definition weights must agree with."""
    return np.repeat(y_true, weights), np.repeat(y_pred, weights)


AVERAGED = [None, "micro", "macro", "weighted"]


@settings(max_examples=150, deadline=None)
@given(predictions(), st.sampled_from(AVERAGED))
def test_sensitivity_specificity_support_matches_imblearn(data, average):
    y_true, y_pred, _ = data
    ours = quiet(metrics.sensitivity_specificity_support, y_true, y_pred, average=average)
    theirs = quiet(imb.sensitivity_specificity_support, y_true, y_pred, average=average)
    for a, b in zip(ours[:2], theirs[:2], strict=True):
        np.testing.assert_allclose(a, b, atol=1e-12)
    if average is None:
        np.testing.assert_allclose(ours[2], theirs[2])
    else:
        assert ours[2] is None


@settings(max_examples=100, deadline=None)
@given(predictions(weighted=True), st.sampled_from(AVERAGED))
def test_integer_sample_weights_equal_repeated_rows(data, average):
    # imbalanced-learn 0.14 gets this wrong for specificity: it counts true negatives as
    # n_samples minus weighted counts, so weighted and repeated rows disagree there.
    y_true, y_pred, weights = data
    weighted = quiet(
        metrics.sensitivity_specificity_support,
        y_true,
        y_pred,
        average=average,
        sample_weight=weights,
    )
    expanded = quiet(
        metrics.sensitivity_specificity_support, *repeated(y_true, y_pred, weights), average=average
    )
    for a, b in zip(weighted[:2], expanded[:2], strict=True):
        np.testing.assert_allclose(a, b, atol=1e-12)
    gmean = quiet(metrics.geometric_mean_score, y_true, y_pred, sample_weight=weights)
    assert gmean == pytest.approx(
        quiet(metrics.geometric_mean_score, *repeated(y_true, y_pred, weights))
    )


@settings(max_examples=150, deadline=None)
@given(
    predictions(),
    st.sampled_from(["multiclass", *AVERAGED]),
    st.sampled_from([0.0, 0.001]),
)
def test_geometric_mean_matches_imblearn(data, average, correction):
    y_true, y_pred, _ = data
    kwargs = {"average": average, "correction": correction}
    ours = quiet(metrics.geometric_mean_score, y_true, y_pred, **kwargs)
    theirs = quiet(imb.geometric_mean_score, y_true, y_pred, **kwargs)
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(predictions())
def test_binary_scores_match_imblearn(data):
    y_true, y_pred, _ = data
    labels = np.unique(np.concatenate([y_true, y_pred]))
    if labels.size > 2:
        y_true, y_pred = y_true == labels[0], y_pred == labels[0]
        pos = True
    else:
        pos = labels[-1]
    for ours, theirs in (
        (metrics.sensitivity_score, imb.sensitivity_score),
        (metrics.specificity_score, imb.specificity_score),
    ):
        assert quiet(ours, y_true, y_pred, pos_label=pos) == pytest.approx(
            quiet(theirs, y_true, y_pred, pos_label=pos)
        )
    assert quiet(
        metrics.geometric_mean_score, y_true, y_pred, average="binary", pos_label=pos
    ) == pytest.approx(
        quiet(imb.geometric_mean_score, y_true, y_pred, average="binary", pos_label=pos)
    )


@settings(max_examples=100, deadline=None)
@given(predictions(), st.sampled_from([2, 3]))
def test_classification_report_matches_imblearn(data, digits):
    y_true, y_pred, _ = data
    ours = quiet(metrics.classification_report_imbalanced, y_true, y_pred, digits=digits)
    theirs = quiet(imb.classification_report_imbalanced, y_true, y_pred, digits=digits)
    # Same layout; numbers may differ in the last digit where float rounding ties.
    assert [len(line) for line in ours.splitlines()] == [len(x) for x in theirs.splitlines()]
    for a, b in zip(ours.split(), theirs.split(), strict=True):
        if a.replace(".", "").isdigit():
            assert float(a) == pytest.approx(float(b), abs=1.01 * 10**-digits)
        else:
            assert a == b
    ours = quiet(metrics.classification_report_imbalanced, y_true, y_pred, output_dict=True)
    theirs = quiet(imb.classification_report_imbalanced, y_true, y_pred, output_dict=True)
    assert ours.keys() == theirs.keys()
    for key, value in theirs.items():
        if isinstance(value, dict):
            assert ours[key].keys() == value.keys()
            for inner, number in value.items():
                assert ours[key][inner] == pytest.approx(number)
        else:
            assert ours[key] == pytest.approx(value)


def test_definitions_on_a_hand_computed_case():
    # 4 negatives (one predicted positive), 2 positives (one found).
    y_true = [0, 0, 0, 0, 1, 1]
    y_pred = [0, 0, 0, 1, 1, 0]
    assert metrics.sensitivity_score(y_true, y_pred) == 0.5
    assert metrics.specificity_score(y_true, y_pred) == 0.75
    assert metrics.geometric_mean_score(y_true, y_pred) == pytest.approx(np.sqrt(0.5 * 0.75))
    report = metrics.classification_report_imbalanced(y_true, y_pred, output_dict=True)
    assert report["1"]["iba"] == pytest.approx((1 + 0.1 * (0.5 - 0.75)) * 0.5 * 0.75)
    assert report["total_support"] == 6


def test_gmean_is_zero_when_a_class_is_never_found_unless_corrected():
    y_true = [0, 1, 2, 2]
    y_pred = [0, 1, 1, 1]
    assert metrics.geometric_mean_score(y_true, y_pred) == 0.0
    assert metrics.geometric_mean_score(y_true, y_pred, correction=0.001) == pytest.approx(0.1)


def test_string_labels_and_target_names():
    text = metrics.classification_report_imbalanced(
        ["ok", "ok", "fraud"], ["ok", "fraud", "fraud"], target_names=["Fraud", "OK"]
    )
    assert text.splitlines()[2].split()[0] == "Fraud"
    with pytest.raises(ValueError, match="target_names has 1 names but there are 2 labels"):
        metrics.classification_report_imbalanced([0, 1], [0, 1], target_names=["a"])


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"average must be one of .*'samples'"):
        metrics.sensitivity_specificity_support([0, 1], [0, 1], average="samples")
    with pytest.raises(ValueError, match="3 classes but average='binary'"):
        metrics.sensitivity_score([0, 1, 2], [0, 1, 2])
    with pytest.raises(ValueError, match=r"pos_label=1 is not a label of y.*\[2, 3\]"):
        metrics.specificity_score([2, 3], [2, 3])
    with pytest.raises(ValueError, match="class labels"):
        metrics.geometric_mean_score([0.5, 1.5], [0.5, 1.5])


def test_ill_defined_values_warn_and_are_zero():
    from sklearn.exceptions import UndefinedMetricWarning

    with pytest.warns(UndefinedMetricWarning, match="Specificity"):
        _, specificity, _ = metrics.sensitivity_specificity_support([0, 0], [0, 0])
    assert specificity.tolist() == [0.0]
