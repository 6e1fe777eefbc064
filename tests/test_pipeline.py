"""smotekit.pipeline: samplers act during fit only; otherwise scikit-learn's Pipeline."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from imblearn.pipeline import Pipeline as ImbPipeline
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler

from smotekit import SMOTE, RandomUnderSampler
from smotekit.pipeline import Pipeline, make_pipeline


class Recorder(ClassifierMixin, BaseEstimator):
    """A classifier that remembers the class counts it was fitted on."""

    def fit(self, X, y, sample_weight=None):
        self.fit_counts_ = Counter(np.asarray(y).tolist())
        self.weights_ = sample_weight
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


class Spy(SMOTE):
    calls = 0

    def fit_resample(self, X, y):
        type(self).calls += 1
        return super().fit_resample(X, y)


def data():
    return make_classification(n_samples=300, weights=[0.85, 0.15], random_state=0)


def test_samplers_resample_during_fit_and_are_skipped_afterwards():
    X, y = data()
    Spy.calls = 0
    model = Pipeline(
        [("scale", StandardScaler()), ("smote", Spy(random_state=0)), ("clf", Recorder())]
    )
    model.fit(X, y)
    assert model.named_steps["clf"].fit_counts_ == {0: 253, 1: 253}
    assert Spy.calls == 1
    assert model.predict(X).shape == (300,)
    assert model.score(X, y) == pytest.approx(253 / 300)
    assert Spy.calls == 1  # never resampled outside fit


def test_cross_val_score_resamples_training_folds_only():
    X, y = data()
    model = Pipeline([("smote", SMOTE(random_state=0)), ("clf", LogisticRegression())])
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    scores = cross_val_score(model, X, y, cv=cv, scoring="balanced_accuracy")
    manual = []
    for train, test in cv.split(X, y):
        X_res, y_res = SMOTE(random_state=0).fit_resample(X[train], y[train])
        clf = LogisticRegression().fit(X_res, y_res)
        from sklearn.metrics import balanced_accuracy_score

        manual.append(balanced_accuracy_score(y[test], clf.predict(X[test])))
    np.testing.assert_allclose(scores, manual)


def test_grid_search_sets_sampler_and_estimator_parameters():
    X, y = data()
    model = make_pipeline(SMOTE(random_state=0), LogisticRegression())
    grid = GridSearchCV(
        model, {"smote__k_neighbors": [3, 5], "logisticregression__C": [0.1, 1.0]}, cv=3
    )
    grid.fit(X, y)
    assert set(grid.best_params_) == {"smote__k_neighbors", "logisticregression__C"}
    assert isinstance(grid.best_estimator_, Pipeline)
    assert clone(model).get_params()["smote__k_neighbors"] == 5


def test_same_predictions_as_imblearns_pipeline():
    X, y = data()
    steps = [
        ("scale", StandardScaler()),
        ("smote", SMOTE(random_state=1)),
        ("clf", LogisticRegression()),
    ]
    ours = Pipeline([(n, clone(s)) for n, s in steps]).fit(X, y)
    theirs = ImbPipeline([(n, clone(s)) for n, s in steps]).fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X))


def test_fit_params_transform_fit_transform_and_fit_resample():
    X, y = data()
    weights = np.ones(len(y))
    model = Pipeline([("rus", RandomUnderSampler(random_state=0)), ("clf", Recorder())])
    model.fit(X, y, clf__sample_weight=weights[:94])
    assert model.named_steps["clf"].fit_counts_ == {0: 47, 1: 47}
    with pytest.raises(ValueError, match=r"fit parameter 'scale'.*stepname__parameter"):
        model.fit(X, y, scale=weights)
    scaled = Pipeline([("smote", SMOTE(random_state=0)), ("scale", StandardScaler())])
    Xt = scaled.fit_transform(X, y)
    assert Xt.shape == (506, 20)  # resampled while fitting
    assert scaled.transform(X).shape == (300, 20)  # not when transforming
    chained = Pipeline([("scale", StandardScaler()), ("rus", RandomUnderSampler(random_state=0))])
    _, y_res = chained.fit_resample(X, y)
    assert Counter(y_res.tolist()) == {0: 47, 1: 47}
    assert not hasattr(model, "transform")


def test_memory_caches_fitted_steps(tmp_path):
    X, y = data()
    model = Pipeline(
        [("scale", StandardScaler()), ("smote", SMOTE(random_state=0)), ("clf", Recorder())],
        memory=str(tmp_path),
    )
    first = model.fit(X, y).named_steps["clf"].fit_counts_
    second = model.fit(X, y).named_steps["clf"].fit_counts_
    assert first == second == {0: 253, 1: 253}


class Both(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return X

    def fit_resample(self, X, y):
        return X, y


def test_bad_steps_are_refused_by_name():
    X, y = data()
    with pytest.raises(TypeError, match=r"step 'both' has both fit_resample and transform"):
        Pipeline([("both", Both()), ("clf", Recorder())]).fit(X, y)
    with pytest.raises(TypeError, match=r"step 'clf' \(Recorder\) must be a transformer"):
        Pipeline([("clf", Recorder()), ("last", Recorder())]).fit(X, y)
    with pytest.raises(ValueError, match="transform_input is not supported"):
        Pipeline([("clf", Recorder())], transform_input=["groups"]).fit(X, y)


# --------------------------------------------------------------------------- issue 11 gaps


class FitTransformOnly(BaseEstimator):
    """A last step with fit and transform but no fit_transform."""

    def fit(self, X, y=None):
        self.n_ = len(X)
        return self

    def transform(self, X):
        return np.asarray(X) * 2


def test_fit_transform_when_the_last_step_has_only_fit_and_transform():
    X, y = data()
    ours = Pipeline([("smote", SMOTE(random_state=0)), ("double", FitTransformOnly())])
    theirs = ImbPipeline([("smote", SMOTE(random_state=0)), ("double", FitTransformOnly())])
    np.testing.assert_array_equal(ours.fit_transform(X, y), theirs.fit_transform(X, y))
    assert ours.named_steps["double"].n_ == 506


def test_inverse_transform_only_when_every_transformer_has_it():
    from sklearn.feature_selection import SelectKBest

    with_all = Pipeline([("scale", StandardScaler()), ("smote", SMOTE()), ("s2", StandardScaler())])
    assert hasattr(with_all, "inverse_transform")
    model = Pipeline([("pick", SelectKBest(k=3)), ("smote", SMOTE()), ("scale", StandardScaler())])
    model_no_inverse = Pipeline([("f", FitTransformOnly()), ("scale", StandardScaler())])
    assert hasattr(model, "inverse_transform")  # SelectKBest can invert
    assert not hasattr(model_no_inverse, "inverse_transform")


def test_a_sampler_inside_a_nested_pipeline_is_refused_at_fit():
    from sklearn.pipeline import Pipeline as SklearnPipeline

    X, y = data()
    for inner in (
        Pipeline([("scale", StandardScaler()), ("smote", SMOTE())]),
        SklearnPipeline([("scale", StandardScaler()), ("deeper", Pipeline([("s", SMOTE())]))]),
    ):
        model = Pipeline([("inner", inner), ("clf", Recorder())])
        with pytest.raises(TypeError, match="step 'inner' is a pipeline that contains a sampler"):
            model.fit(X, y)
    plain = Pipeline([("inner", SklearnPipeline([("s", StandardScaler())])), ("clf", Recorder())])
    assert plain.fit(X, y).named_steps["clf"].fit_counts_ == {0: 253, 1: 47}


def test_verbose_prints_every_step_as_imblearn_does(capsys):
    X, y = data()
    steps = [("scale", "passthrough"), ("smote", SMOTE(random_state=0)), ("clf", Recorder())]
    Pipeline(steps, verbose=True).fit(X, y)
    ours = capsys.readouterr().out.splitlines()
    ImbPipeline(steps, verbose=True).fit(X, y)
    theirs = capsys.readouterr().out.splitlines()
    assert len(ours) == len(theirs) == 3
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine.split(", total=")[0] == reference.split(", total=")[0]
        assert len(mine) == len(reference)
    assert "(step 1 of 3) Processing scale" in ours[0]


def test_unfitted_pipeline_says_so():
    from sklearn.exceptions import NotFittedError

    X, _ = data()
    with pytest.raises(NotFittedError, match="Pipeline is not fitted yet"):
        Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression())]).predict(X)
    fitted_scaler = StandardScaler().fit(X)
    model = Pipeline([("scale", fitted_scaler), ("double", FitTransformOnly())])
    with pytest.warns(FutureWarning, match="This Pipeline instance is not fitted yet"):
        model.transform(X)


def test_sample_weight_is_resampled_by_the_samplers_and_reaches_the_final_fit():
    X, y = data()
    weights = np.arange(1, len(y) + 1, dtype=float)
    model = Pipeline([("rus", RandomUnderSampler(random_state=0)), ("clf", Recorder())])
    model.fit(X, y, sample_weight=weights)
    kept = model.named_steps["rus"].sample_origin_
    np.testing.assert_array_equal(model.named_steps["clf"].weights_, weights[kept])
    over = Pipeline(
        [("scale", StandardScaler()), ("smote", SMOTE(random_state=0)), ("clf", Recorder())]
    )
    over.fit(X, y, sample_weight=weights)
    received = over.named_steps["clf"].weights_
    assert received.shape == (506,)
    np.testing.assert_array_equal(received[:300], weights)
    with pytest.raises(ValueError, match="sample_weight was given twice"):
        model.fit(X, y, sample_weight=weights, clf__sample_weight=weights)
    with pytest.raises(TypeError, match="Spy cannot resample sample_weight"):
        Pipeline([("spy", Spy()), ("clf", Recorder())]).fit(X, y, sample_weight=weights)
