"""summarize against the best alternative, Holm's adjustment, and the plain-words verdict."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from smotekit.evaluation import format_p, holm, summarize

N_FOLDS = 10
RATIO = 0.25


def results_frame(scores: dict, resampling: dict) -> pd.DataFrame:
    """A tidy results table from ``{(strategy, metric): fold scores}`` for one classifier."""
    rows = [
        (strategy, "logreg", metric, fold, value)
        for (strategy, metric), values in scores.items()
        for fold, value in enumerate(values)
    ]
    frame = pd.DataFrame(rows, columns=["sampler", "classifier", "metric", "fold", "score"])
    frame.attrs.update(test_train_ratio=RATIO, resampling=resampling, skipped=[])
    return frame


rng = np.random.default_rng(0)
BASE_AP = 0.6 + rng.normal(0, 0.03, N_FOLDS)
BASE_BRIER = 0.05 + rng.normal(0, 0.002, N_FOLDS)
SCORES = {
    ("none", "average_precision"): BASE_AP,
    ("threshold", "average_precision"): BASE_AP,  # a threshold does not move a ranking
    ("class_weight", "average_precision"): BASE_AP + 0.02 + rng.normal(0, 0.002, N_FOLDS),
    ("SMOTE", "average_precision"): BASE_AP + 0.05 + rng.normal(0, 0.002, N_FOLDS),
    ("none", "brier"): BASE_BRIER,
    ("threshold", "brier"): BASE_BRIER,
    ("class_weight", "brier"): BASE_BRIER + 0.01,
    ("SMOTE", "brier"): BASE_BRIER + 0.03 + rng.normal(0, 0.001, N_FOLDS),
}
RESAMPLING = {"none": False, "threshold": False, "class_weight": False, "SMOTE": True}


def corrected(diffs):
    """Nadeau and Bengio's corrected t statistic, p-value and 95% half-width, by hand."""
    n = len(diffs)
    se = math.sqrt((1 / n + RATIO) * np.var(diffs, ddof=1))
    t = np.mean(diffs) / se
    return 2 * stats.t.sf(abs(t), n - 1), stats.t.ppf(0.975, n - 1) * se


def test_holm_matches_the_step_down_rule():
    # sorted 0.01, 0.02, 0.04 -> 3 x 0.01, max(0.03, 2 x 0.02), max(0.04, 1 x 0.04)
    assert holm([0.04, 0.01, 0.02]).tolist() == pytest.approx([0.04, 0.03, 0.04])
    assert holm([0.5, 0.6]).tolist() == pytest.approx([1.0, 1.0])


def test_summarize_compares_with_none_and_with_the_best_alternative():
    table = summarize(results_frame(SCORES, RESAMPLING))
    row = table[(table["sampler"] == "SMOTE") & (table["metric"] == "average_precision")].iloc[0]
    assert row["best_alternative"] == "class_weight"  # the best mean AP without resampling
    diffs = SCORES[("SMOTE", "average_precision")] - SCORES[("class_weight", "average_precision")]
    p, half = corrected(diffs)
    assert row["diff_best"] == pytest.approx(diffs.mean())
    assert row["p_value_best"] == pytest.approx(p)
    assert row["ci_low_best"] == pytest.approx(diffs.mean() - half)
    assert row["ci_high_best"] == pytest.approx(diffs.mean() + half)
    assert row["outcome_best"] == "win"
    # Brier: lower is better, so the best alternative is none (tied with threshold) and
    # SMOTE's higher Brier score is a loss.
    brier = table[(table["sampler"] == "SMOTE") & (table["metric"] == "brier")].iloc[0]
    assert brier["best_alternative"] == "none"
    assert brier["diff"] == pytest.approx(0.03, abs=0.002)
    assert brier["outcome"] == "loss" and brier["outcome_best"] == "loss"
    # Holm over every distinct comparison of the table: the adjusted p is the raw one
    # times at most the family size, and never smaller.
    family = (
        table["p_value"].notna().sum()
        + (table["p_value_best"].notna() & (table["best_alternative"] != "none")).sum()
    )
    assert row["p_value_best"] <= row["p_holm_best"] <= row["p_value_best"] * family + 1e-12


def test_verdict_states_the_outcome_in_plain_words():
    from smotekit import verdict

    text = verdict(results_frame(SCORES, RESAMPLING))
    diffs = SCORES[("SMOTE", "average_precision")] - SCORES[("class_weight", "average_precision")]
    _, half = corrected(diffs)
    brier = np.mean(SCORES[("SMOTE", "brier")] - SCORES[("none", "brier")])
    assert text.startswith(
        f"For logreg, SMOTE beat balanced class weights (AP +{diffs.mean():.3f} ± {half:.3f}, "
        f"Holm-adjusted p < 0.001) and raised the Brier score by {brier:.3f}"
    )
    assert "p 0.000" not in text and "p = 0.000" not in text

    tied = dict(SCORES)
    noise = np.random.default_rng(1).normal(0, 0.01, N_FOLDS)
    tied[("SMOTE", "average_precision")] = SCORES[("class_weight", "average_precision")] + noise
    text = verdict(results_frame(tied, RESAMPLING))
    assert text.startswith("For logreg, SMOTE did not beat balanced class weights (AP ")


def test_format_p_never_prints_zero():
    assert format_p(0.0) == "p < 0.001"
    assert format_p(0.0009) == "p < 0.001"
    assert format_p(0.001) == "p = 0.001"
    assert format_p(0.25) == "p = 0.250"
