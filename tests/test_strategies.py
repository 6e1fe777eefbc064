"""evaluate's strategies: class weights, a tuned threshold, samplers with a tuned threshold."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    StratifiedKFold,
    TunedThresholdClassifierCV,
    cross_val_score,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from smotekit import evaluate

FOLDS = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)


def imbalanced(seed=0, n=300):
    return make_classification(
        n_samples=n,
        n_features=5,
        n_informative=3,
        weights=[0.9],
        class_sep=0.8,
        flip_y=0,
        random_state=seed,
    )


FITTED: list = []  # the row ids every SpyClassifier was fitted on, across clones


class SpyClassifier(ClassifierMixin, BaseEstimator):
    """Logistic regression on columns 1: that records the row ids (column 0) it is fitted on."""

    def fit(self, X, y):
        X = np.asarray(X)
        FITTED.append(set(X[:, 0].astype(int)))
        self.model_ = LogisticRegression().fit(X[:, 1:], y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X):
        return self.model_.predict_proba(np.asarray(X)[:, 1:])

    def predict(self, X):
        return self.model_.predict(np.asarray(X)[:, 1:])


def test_threshold_is_tuned_on_the_training_fold_only():
    X, y = imbalanced()
    X = np.column_stack([np.arange(len(y)), X])  # column 0: the row id
    train, test = next(FOLDS.split(X, y))
    FITTED.clear()
    results = evaluate(
        X,
        y,
        samplers=["threshold"],
        classifiers={"spy": SpyClassifier()},
        cv=[(train, test)],
        scoring=["balanced_accuracy"],
        random_state=0,
    )
    assert len(results) == 2  # none and threshold, one fold
    # none: one fit on the training fold; threshold: 5 inner fits + the refit on all of it
    assert len(FITTED) == 1 + 5 + 1
    assert all(rows.isdisjoint(test) for rows in FITTED)
    assert set().union(*FITTED) == set(train)
    inner = [rows for rows in FITTED if rows != set(train)]
    assert len(inner) == 5  # the tuner's inner cross-validation ran on parts of the fold
    assert all(len(rows) < len(train) for rows in inner)


def test_threshold_scores_match_scikit_learns_tuner_cross_validated():
    X, y = imbalanced()
    results = evaluate(
        X,
        y,
        samplers=["threshold"],
        classifiers={"logreg": make_pipeline(StandardScaler(), LogisticRegression())},
        cv=FOLDS,
        scoring=["balanced_accuracy"],
        random_state=0,
    )
    tuner = TunedThresholdClassifierCV(
        make_pipeline(StandardScaler(), LogisticRegression()),
        scoring="balanced_accuracy",
        cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0),
    )
    expected = cross_val_score(tuner, X, y, cv=FOLDS, scoring="balanced_accuracy")
    got = results[results["sampler"] == "threshold"]["score"].to_numpy()
    np.testing.assert_allclose(got, expected)


def test_class_weight_is_balanced_weights_and_skipped_with_a_reason_where_it_cannot_apply():
    X, y = imbalanced()
    results = evaluate(
        X,
        y,
        samplers=["class_weight"],
        classifiers=["logreg", "knn"],
        cv=FOLDS,
        scoring=["recall"],
        random_state=0,
    )
    weighted = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced"))
    # recall of the minority class 1, scored by scikit-learn itself
    expected = cross_val_score(weighted, X, y, cv=FOLDS, scoring="recall")
    rows = results[(results["sampler"] == "class_weight")]
    np.testing.assert_allclose(rows[rows["classifier"] == "logreg"]["score"], expected)
    knn = rows[rows["classifier"] == "knn"]
    assert len(knn) == 4 and knn["score"].isna().all()  # recorded, not dropped
    assert results.attrs["skipped"] == [
        {
            "sampler": "class_weight",
            "classifier": "knn",
            "reason": "KNeighborsClassifier takes no class_weight",
        }
    ]


def test_sampler_plus_threshold_resamples_inside_the_tuners_inner_folds():
    from smotekit import SMOTE
    from smotekit.pipeline import Pipeline

    X, y = imbalanced()
    results = evaluate(
        X,
        y,
        samplers=["SMOTE+threshold"],
        classifiers={"logreg": LogisticRegression()},
        cv=FOLDS,
        scoring=["f1"],
        random_state=0,
    )
    tuner = TunedThresholdClassifierCV(
        Pipeline([("smote", SMOTE(random_state=0)), ("logreg", LogisticRegression())]),
        cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0),
    )
    expected = cross_val_score(tuner, X, y, cv=FOLDS, scoring="f1")
    got = results[results["sampler"] == "SMOTE+threshold"]["score"].to_numpy()
    np.testing.assert_allclose(got, expected)


def test_unknown_strategy_fails_before_any_fold_runs_and_lists_the_known_names():
    X, y = imbalanced()
    FITTED.clear()
    with pytest.raises(ValueError, match="unknown strategy 'SMOOTE'") as error:
        evaluate(X, y, samplers=["threshold", "SMOOTE"], classifiers={"spy": SpyClassifier()})
    assert "class_weight" in str(error.value) and "threshold" in str(error.value)
    assert "SMOTE" in str(error.value) and "<sampler>+threshold" in str(error.value)
    assert FITTED == []
    with pytest.raises(ValueError, match="unknown strategy 'SMOOTE\\+threshold'"):
        evaluate(X, y, samplers=["SMOOTE+threshold"], classifiers=["logreg"])


def test_threshold_metric_must_depend_on_the_threshold():
    X, y = imbalanced()
    with pytest.raises(ValueError, match="threshold_metric='roc_auc' does not depend"):
        evaluate(X, y, samplers=["threshold"], classifiers=["logreg"], threshold_metric="roc_auc")


def test_resampled_logreg_overestimates_the_minority_and_recalibration_shrinks_the_gap():
    from smotekit import SMOTE
    from smotekit.evaluation import cross_validate_samplers

    X, y = imbalanced(seed=3, n=400)
    run = cross_validate_samplers(
        X,
        y,
        samplers=["SMOTE"],
        classifiers={"logreg": LogisticRegression()},
        cv=FOLDS,
        scoring=["calibration_gap", "brier"],
        recalibrate=True,
        random_state=0,
        keep_predictions=True,
    )
    scores = run.scores.set_index(["sampler", "metric", "fold"])["score"]
    by_hand = {}
    for p in run.predictions:
        truth = y[p.test_index] == 1
        gap = p.y_proba.mean() - truth.mean()
        by_hand.setdefault(p.sampler, []).append(gap)
        assert scores[(p.sampler, "calibration_gap", p.fold)] == pytest.approx(gap)
        brier = np.mean((p.y_proba - truth) ** 2)
        assert scores[(p.sampler, "brier", p.fold)] == pytest.approx(brier)
    gaps = {name: np.mean(values) for name, values in by_hand.items()}
    assert gaps["SMOTE"] > 0.1  # trained on 50:50 rows, it predicts far more than 10% minority
    assert abs(gaps["SMOTE+recalibrated"]) < gaps["SMOTE"] / 3
    assert abs(gaps["none"]) < 0.03

    # The correction by hand on fold 0: odds times (pi / (1 - pi)) / (pi' / (1 - pi')).
    train, test = next(FOLDS.split(X, y))
    X_res, y_res = SMOTE(random_state=0).fit_resample(X[train], y[train])
    proba = LogisticRegression().fit(X_res, y_res).predict_proba(X[test])[:, 1]
    pi, pi_res = np.mean(y[train] == 1), np.mean(y_res == 1)
    odds = proba / (1 - proba) * (pi / (1 - pi)) / (pi_res / (1 - pi_res))
    fold0 = next(p for p in run.predictions if p.sampler == "SMOTE+recalibrated" and p.fold == 0)
    np.testing.assert_allclose(fold0.y_proba, odds / (1 + odds))


def test_tables_with_categories_and_missing_values_are_prepared_inside_the_folds():
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.preprocessing import OneHotEncoder

    from smotekit import SMOTENC

    X, y = imbalanced(seed=1)
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(X[:, :3], columns=["a", "b", "c"])
    frame.loc[rng.random(len(frame)) < 0.1, "a"] = np.nan
    frame["colour"] = np.where(X[:, 3] > 0, "red", np.where(X[:, 4] > 0, "blue", "green"))
    frame.loc[rng.random(len(frame)) < 0.05, "colour"] = None
    results = evaluate(
        frame,
        y,
        samplers={"SMOTENC": SMOTENC("auto", random_state=0), "SMOTE": "SMOTE"},
        classifiers={"logreg": LogisticRegression()},
        cv=FOLDS,
        scoring=["roc_auc"],
    )
    assert results["score"].notna().all()
    # "none" is what scikit-learn scores with the same preparation fitted in its folds
    prepare = ColumnTransformer(
        [
            (
                "colour",
                make_pipeline(
                    SimpleImputer(strategy="most_frequent"),
                    OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                ),
                ["colour"],
            ),
            ("numbers", SimpleImputer(strategy="median"), ["a", "b", "c"]),
        ]
    )
    expected = cross_val_score(
        make_pipeline(prepare, LogisticRegression()), frame, y, cv=FOLDS, scoring="roc_auc"
    )
    none = results[results["sampler"] == "none"]["score"].to_numpy()
    np.testing.assert_allclose(none, expected, rtol=1e-4)
