"""evaluate: leak-free cross-validation of samplers, tidy output, paired comparison."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.datasets import make_classification
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold, cross_val_score

from sampler_checks import assert_unchanged, snapshot
from smotekit import SMOTE, evaluate
from smotekit._progress import Progress
from smotekit.evaluation import (
    classifier_names,
    cross_validate_samplers,
    make_classifier,
    summarize,
)


def imbalanced(seed=0, n=400, weight=0.95):
    """A fixed 95:5 problem (380 vs 20 rows by default) with overlapping classes."""
    return make_classification(
        n_samples=n,
        n_features=6,
        n_informative=3,
        weights=[weight],
        class_sep=0.8,
        flip_y=0,
        random_state=seed,
    )


FOLDS = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0)


def test_resampling_before_splitting_inflates_scores_and_evaluate_does_not():
    from imblearn.pipeline import Pipeline

    X, y = imbalanced()
    # The common mistake: SMOTE on all rows, then cross-validation of the classifier.
    X_all, y_all = SMOTE(random_state=0).fit_resample(X, y)
    leaky = cross_val_score(
        make_classifier("knn"), X_all, y_all, cv=FOLDS, scoring="balanced_accuracy"
    )
    results = evaluate(
        X,
        y,
        samplers={"SMOTE": SMOTE(random_state=0)},
        classifiers=["knn"],
        cv=FOLDS,
        scoring=["balanced_accuracy"],
    )
    inside = results[results["sampler"] == "SMOTE"]["score"].to_numpy()
    assert leaky.mean() > inside.mean() + 0.05  # synthetic copies of test rows inflate it
    # evaluate resamples inside each training fold only: exactly what a sampler-aware
    # pipeline cross-validated on the original rows scores, fold by fold.
    pipeline = Pipeline([("smote", SMOTE(random_state=0)), ("knn", make_classifier("knn"))])
    in_fold = cross_val_score(pipeline, X, y, cv=FOLDS, scoring="balanced_accuracy")
    np.testing.assert_allclose(inside, in_fold)


SEEN: list = []


class SpySampler(BaseEstimator):
    """Records the row ids (column 0) it is asked to resample; resamples with SMOTE."""

    def fit_resample(self, X, y):
        SEEN.append(("sampler", set(np.asarray(X)[:, 0].astype(int))))
        return SMOTE(random_state=0, k_neighbors=3).fit_resample(X, y)


class SpyScaler(TransformerMixin, BaseEstimator):
    """Records the rows it is fitted on (synthetic rows get non-integer ids)."""

    def fit(self, X, y=None):
        SEEN.append(("scaler", np.asarray(X)[:, 0].copy()))
        return self

    def transform(self, X):
        return np.asarray(X)


def test_nothing_fitted_sees_a_test_row():
    from sklearn.pipeline import make_pipeline
    from sklearn.tree import DecisionTreeClassifier

    X, y = imbalanced(n=200)
    ids = np.arange(len(y), dtype=float)
    X = np.column_stack([ids, X])
    splits = list(StratifiedKFold(n_splits=4, shuffle=True, random_state=1).split(X, y))
    SEEN.clear()
    evaluate(
        X,
        y,
        samplers={"spy": SpySampler()},
        classifiers={"tree": make_pipeline(SpyScaler(), DecisionTreeClassifier())},
        cv=splits,
        scoring=["recall"],
        preprocessor=SpyScaler(),
    )
    # per fold, in order: preprocessor (none), classifier's scaler (none),
    # preprocessor (spy), sampler, classifier's scaler (spy)
    assert len(SEEN) == 5 * len(splits)
    for fold, (train, test) in enumerate(splits):
        records = SEEN[5 * fold : 5 * fold + 5]
        train_ids, test_ids = set(train), set(test)
        for kind, seen in records:
            seen_ids = set(np.asarray(list(seen)).astype(int)) if kind == "sampler" else None
            if kind == "sampler":
                assert seen_ids == train_ids
            else:
                real = seen[seen == np.round(seen)].astype(int)
                assert set(real) <= train_ids and not set(real) & test_ids
        # the classifier after SMOTE was fitted on more rows than the training fold
        assert len(records[4][1]) > len(train)


def test_tidy_output_with_none_first_and_the_same_folds_for_everyone():
    X, y = imbalanced(n=150, weight=0.8)
    results = evaluate(
        X,
        y,
        samplers=["SMOTE", "none"],
        classifiers=["tree", "logreg"],
        scoring=["roc_auc", "f1"],
        random_state=3,
    )
    assert list(results.columns) == ["sampler", "classifier", "metric", "fold", "score"]
    assert len(results) == 2 * 2 * 2 * 10
    assert list(dict.fromkeys(results["sampler"])) == ["none", "SMOTE"]
    assert list(dict.fromkeys(results["classifier"])) == ["tree", "logreg"]
    assert sorted(set(results["fold"])) == list(range(10))
    assert results["score"].between(0, 1).all()
    assert results.attrs["pos_label"] == 1
    assert results.attrs["test_train_ratio"] == pytest.approx(0.25, abs=0.01)
    again = evaluate(
        X,
        y,
        samplers=["SMOTE"],
        classifiers=["tree", "logreg"],
        scoring=["roc_auc", "f1"],
        random_state=3,
    )
    pd.testing.assert_frame_equal(results, again)


def test_parallel_folds_give_the_same_scores():
    X, y = imbalanced(n=120, weight=0.8)
    kwargs = dict(samplers=["SMOTE"], classifiers=["tree"], scoring=["f1"], random_state=0)
    serial = evaluate(X, y, **kwargs)
    parallel = evaluate(X, y, n_jobs=2, **kwargs)
    pd.testing.assert_frame_equal(serial, parallel)


def test_string_labels_score_the_minority_and_inputs_are_untouched():
    from sklearn.metrics import recall_score

    X, y = imbalanced(n=200, weight=0.8)
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    labels = pd.Series(np.where(y == 1, "fraud", "ok"), name="label")
    before = snapshot(frame), snapshot(labels)
    cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    results = evaluate(
        frame, labels, samplers=["SMOTE"], classifiers=["logreg"], cv=cv, scoring=["recall"]
    )
    assert_unchanged(frame, before[0])
    assert_unchanged(labels, before[1])
    assert results.attrs["pos_label"] == "fraud"
    none = results[results["sampler"] == "none"]["score"].to_numpy()
    expected = []
    for train, test in cv.split(frame, labels):
        model = make_classifier("logreg").fit(frame.iloc[train], labels.iloc[train])
        expected.append(
            recall_score(labels.iloc[test], model.predict(frame.iloc[test]), pos_label="fraud")
        )
    np.testing.assert_allclose(none, expected)


def test_other_scikit_learn_scorers_and_explicit_pos_label():
    X, y = imbalanced(n=150, weight=0.8)
    results = evaluate(
        X,
        y,
        samplers=[],
        classifiers=["logreg"],
        scoring=["accuracy", "recall"],
        pos_label=0,
        cv=3,
    )
    recall = results[results["metric"] == "recall"]["score"]
    assert (recall > 0.9).all()  # the majority class is easy to recall
    assert set(results["metric"]) == {"accuracy", "recall"}


def test_preprocessor_lets_missing_values_and_categories_in():
    from sklearn.compose import make_column_transformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder

    X, y = imbalanced(n=200, weight=0.8)
    frame = pd.DataFrame(X[:, :3], columns=["a", "b", "c"])
    frame.loc[::7, "a"] = np.nan
    frame["colour"] = pd.Categorical(np.where(X[:, 3] > 0, "red", "blue"))
    # Without a preprocessor, the default one (imputation, one-hot) is fitted in the folds.
    default = evaluate(frame, y, samplers=["SMOTE"], classifiers=["tree"], cv=3)
    assert default["score"].notna().all()
    preprocessor = make_column_transformer(
        (SimpleImputer(), ["a", "b", "c"]),
        (OneHotEncoder(), ["colour"]),
    )
    results = evaluate(
        frame,
        y,
        samplers=["SMOTE"],
        classifiers=["tree"],
        preprocessor=make_pipeline(preprocessor),
        random_state=0,
    )
    assert results["score"].notna().all()


def test_bad_input_is_named():
    X, y = imbalanced(n=100)
    with pytest.raises(ValueError, match="single class"):
        evaluate(X, np.zeros(len(y)), samplers=["SMOTE"], classifiers=["tree"])
    with pytest.raises(ValueError, match=r"unknown strategy 'smoot'.*SMOTE"):
        evaluate(X, y, samplers=["smoot"], classifiers=["tree"])
    with pytest.raises(ValueError, match=r"unknown classifier 'svm'.*logreg"):
        evaluate(X, y, samplers=["SMOTE"], classifiers=["svm"])
    with pytest.raises(ValueError, match=r"unknown metric 'auc'"):
        evaluate(X, y, samplers=["SMOTE"], classifiers=["tree"], scoring=["auc"])
    with pytest.raises(ValueError, match=r"pos_label=7 is not a class"):
        evaluate(X, y, samplers=["SMOTE"], classifiers=["tree"], pos_label=7)
    with pytest.raises(
        ValueError, match=r"samplers\['x'\] must be a sampler \(with fit_resample\)"
    ):
        evaluate(X, y, samplers={"x": object()}, classifiers=["tree"])
    with pytest.raises(ValueError, match="classifiers is empty"):
        evaluate(X, y, samplers=["SMOTE"], classifiers=[])


def test_a_class_too_small_for_k_fails_clearly_or_scores_nan():
    X, y = imbalanced(n=100)  # 5 minority rows: 4 per training fold, SMOTE's k is 5
    with pytest.raises(ValueError, match=r"strategy 'SMOTE' on fold 0: .*k_neighbors=5"):
        evaluate(X, y, samplers=["SMOTE"], classifiers=["tree"])
    with pytest.warns(UserWarning, match="strategy 'SMOTE' on fold"):
        results = evaluate(X, y, samplers=["SMOTE"], classifiers=["tree"], error_score=np.nan, cv=2)
    assert results[results["sampler"] == "SMOTE"]["score"].isna().all()
    assert results[results["sampler"] == "none"]["score"].notna().all()


def test_predictions_are_kept_for_curves():
    X, y = imbalanced(n=150, weight=0.8)
    run = cross_validate_samplers(
        X,
        y,
        samplers=["SMOTE"],
        classifiers=["logreg"],
        cv=3,
        scoring=["roc_auc"],
        keep_predictions=True,
        random_state=0,
    )
    assert [(p.sampler, p.fold) for p in run.predictions] == [
        ("none", 0),
        ("none", 1),
        ("none", 2),
        ("SMOTE", 0),
        ("SMOTE", 1),
        ("SMOTE", 2),
    ]
    covered = np.concatenate([p.test_index for p in run.predictions if p.sampler == "none"])
    assert sorted(covered) == list(range(len(y)))
    assert all(
        p.y_score is not None and p.y_score.shape == p.test_index.shape for p in run.predictions
    )


def test_classifier_names():
    assert classifier_names() == ["logreg", "knn", "tree", "forest", "hgb", "brf"]
    for name in classifier_names():
        assert hasattr(make_classifier(name, random_state=0), "predict_proba")


def test_brf_is_smotekits_balanced_random_forest():
    from smotekit.ensemble import BalancedRandomForestClassifier

    X, y = imbalanced(n=200)
    cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    results = evaluate(
        X, y, samplers=[], classifiers=["brf"], cv=cv, scoring=["roc_auc"], random_state=0
    )
    expected = cross_val_score(
        BalancedRandomForestClassifier(n_estimators=100, random_state=0),
        X,
        y,
        cv=cv,
        scoring="roc_auc",
    )
    np.testing.assert_allclose(results["score"], expected)


def test_hgb_is_scikit_learns_gradient_boosting_and_the_tree_scores_are_graded():
    from sklearn.ensemble import HistGradientBoostingClassifier

    X, y = imbalanced(n=200)
    cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    results = evaluate(
        X,
        y,
        samplers=[],
        classifiers=["hgb", "tree"],
        cv=cv,
        scoring=["roc_auc", "balanced_accuracy"],
        random_state=0,
    )
    expected = cross_val_score(
        HistGradientBoostingClassifier(random_state=0), X, y, cv=cv, scoring="roc_auc"
    )
    hgb = results[(results["classifier"] == "hgb") & (results["metric"] == "roc_auc")]
    np.testing.assert_allclose(hgb["score"], expected)
    # leaves of 5+ rows give graded scores (an unpruned tree's are all 0 or 1)
    run = cross_validate_samplers(
        X, y, samplers=[], classifiers=["tree"], cv=cv, random_state=0, keep_predictions=True
    )
    assert all(len(np.unique(p.y_score)) > 2 for p in run.predictions)


# --------------------------------------------------------------------------- summarize


def fake_results(none_scores, smote_scores, ratio):
    rows = [("none", "c", "m", f, s) for f, s in enumerate(none_scores)]
    rows += [("SMOTE", "c", "m", f, s) for f, s in enumerate(smote_scores)]
    frame = pd.DataFrame(rows, columns=["sampler", "classifier", "metric", "fold", "score"])
    frame.attrs["test_train_ratio"] = ratio
    return frame


def test_summarize_uses_the_corrected_resampled_t_test():
    from scipy import stats

    rng = np.random.default_rng(0)
    none = rng.uniform(0.6, 0.7, size=10)
    smote = none + rng.normal(0.02, 0.02, size=10)
    table = summarize(fake_results(none, smote, ratio=0.25)).set_index("sampler")
    diffs = smote - none
    assert table.loc["SMOTE", "diff"] == pytest.approx(diffs.mean())
    assert table.loc["SMOTE", "mean"] == pytest.approx(smote.mean())
    assert table.loc["SMOTE", "std"] == pytest.approx(smote.std(ddof=1))
    t = diffs.mean() / np.sqrt((1 / 10 + 0.25) * diffs.var(ddof=1))
    assert table.loc["SMOTE", "p_value"] == pytest.approx(2 * stats.t.sf(abs(t), 9))
    assert np.isnan(table.loc["none", "p_value"]) and table.loc["none", "diff"] == 0
    # without the correction it is the ordinary paired t-test, which is more confident
    plain = summarize(fake_results(none, smote, ratio=0.25), test_train_ratio=0.0)
    p_plain = plain.set_index("sampler").loc["SMOTE", "p_value"]
    assert p_plain == pytest.approx(stats.ttest_rel(smote, none).pvalue)
    assert p_plain < table.loc["SMOTE", "p_value"]


def test_summarize_pairs_by_fold_and_handles_ties_and_bad_baseline():
    none = [0.5, 0.6, 0.7]
    shifted = summarize(fake_results(none, [v + 0.1 for v in none], 0.5))
    assert shifted.iloc[1]["p_value"] == 0.0  # a constant gain is certain
    same = summarize(fake_results(none, none, 0.5))
    assert same.iloc[1]["p_value"] == 1.0
    with pytest.raises(ValueError, match="baseline 'nothing' is not a sampler"):
        summarize(fake_results(none, none, 0.5), baseline="nothing")


# --------------------------------------------------------------------------- progress


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_draws_on_a_terminal_only(capsys):
    stream = FakeTerminal()
    with Progress(4, "evaluate", stream=stream) as bar:
        for _ in range(4):
            bar.update()
    assert stream.getvalue().endswith("evaluate: 4/4 [########################] 100% 00:00\n")
    quiet = io.StringIO()
    with Progress(4, "evaluate", stream=quiet) as bar:
        bar.update()
    assert quiet.getvalue() == ""
    X, y = imbalanced(n=100)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        evaluate(X, y, samplers=[], classifiers=["tree"], cv=2, progress=False)
    assert capsys.readouterr().err == ""


def test_progress_bar_draws_in_a_jupyter_kernel(monkeypatch):
    import sys
    import types

    stream = io.StringIO()  # a kernel's stderr is no terminal
    monkeypatch.setattr(sys, "stderr", stream)
    assert not Progress(2, "quiet", stream=stream).enabled  # no kernel: nothing drawn
    shell = types.SimpleNamespace(kernel=object())
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: shell
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    with Progress(2, "evaluate", stream=stream) as bar:
        bar.update(2)
    assert stream.getvalue().endswith("evaluate: 2/2 [########################] 100% 00:00\n")
