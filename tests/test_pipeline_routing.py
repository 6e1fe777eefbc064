"""Pipeline metadata routing (scikit-learn's API), pinned against imbalanced-learn's Pipeline.

Each step records the metadata it received; the same steps in smotekit's and in
imbalanced-learn 0.14's Pipeline must receive the same, with routing on and off. Where
smotekit deliberately differs (a ``sample_weight`` reaching a step after a sampler is the
resampled one), the expectation is computed from the sampler alone.
"""

from __future__ import annotations

import numpy as np
import pytest
import sklearn
from imblearn.pipeline import Pipeline as ImbPipeline
from imblearn.under_sampling import RandomUnderSampler as ImbRandomUnderSampler
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.exceptions import UnsetMetadataPassedError

from smotekit import SMOTE, RandomUnderSampler
from smotekit.pipeline import Pipeline

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")


@pytest.fixture(autouse=True)
def routing(request):
    """Metadata routing on for each test (off where the test's name says so), then reset."""
    with sklearn.config_context(enable_metadata_routing="routing_off" not in request.node.name):
        yield


def _record(step, method, **metadata):
    """Keep what ``method`` received (array metadata by value)."""
    step.seen_.setdefault(method, []).append(
        {
            k: (np.asarray(v).copy() if v is not None and np.ndim(v) else v)
            for k, v in metadata.items()
        }
    )


class Recorder(TransformerMixin, BaseEstimator):
    """A transformer (adds 0) that records its metadata."""

    def __init__(self):
        self.seen_ = {}

    def fit(self, X, y=None, sample_weight=None, groups=None):
        _record(self, "fit", sample_weight=sample_weight, groups=groups)
        self.n_features_in_ = np.asarray(X).shape[1]
        return self

    def transform(self, X, scale=None):
        _record(self, "transform", scale=scale)
        return np.asarray(X, dtype=float)

    def inverse_transform(self, X, scale=None):
        _record(self, "inverse_transform", scale=scale)
        return np.asarray(X, dtype=float)


class RecordingClassifier(ClassifierMixin, BaseEstimator):
    """Predicts the first class; records its metadata."""

    def __init__(self):
        self.seen_ = {}

    def fit(self, X, y, sample_weight=None, groups=None):
        _record(self, "fit", sample_weight=sample_weight, groups=groups)
        self.classes_ = np.unique(y)
        self.n_rows_ = len(y)
        return self

    def predict(self, X, scale=None):
        _record(self, "predict", scale=scale)
        return np.full(len(X), self.classes_[0])

    def predict_proba(self, X, scale=None):
        _record(self, "predict_proba", scale=scale)
        return np.tile([1.0] + [0.0] * (len(self.classes_) - 1), (len(X), 1))

    def decision_function(self, X, scale=None):
        _record(self, "decision_function", scale=scale)
        return np.zeros(len(X))

    def score(self, X, y, sample_weight=None):
        _record(self, "score", sample_weight=sample_weight)
        return 0.5


def _data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    y = np.array([0] * 45 + [1] * 15)
    return X, y, rng.uniform(0.5, 2.0, 60), np.arange(60) % 4


def _both(steps):
    """The same (requested) steps in smotekit's and imbalanced-learn's Pipeline."""
    return Pipeline([(n, clone(s)) for n, s in steps]), ImbPipeline(
        [(n, clone(s)) for n, s in steps]
    )


def _seen(model):
    return {name: step.seen_ for name, step in model.steps if hasattr(step, "seen_")}


def _same(a, b):
    assert a.keys() == b.keys()
    for name in a:
        assert a[name].keys() == b[name].keys(), name
        for method in a[name]:
            for got, want in zip(a[name][method], b[name][method], strict=True):
                assert got.keys() == want.keys()
                for k in got:
                    np.testing.assert_array_equal(got[k], want[k], err_msg=f"{name}.{method}.{k}")


def _requested():
    recorder = Recorder().set_fit_request(groups=True, sample_weight=True)
    recorder = recorder.set_transform_request(scale=True).set_inverse_transform_request(scale=True)
    final = RecordingClassifier().set_fit_request(groups=True, sample_weight=True)
    final = final.set_predict_request(scale=True).set_predict_proba_request(scale=True)
    final = final.set_decision_function_request(scale=True).set_score_request(sample_weight=True)
    return recorder, final


def test_routing_on_every_method_gives_each_step_what_imbalanced_learn_gives():
    X, y, w, groups = _data()
    recorder, final = _requested()
    ours, theirs = _both([("rec", recorder), ("clf", final)])
    for model in (ours, theirs):
        model.fit(X, y, sample_weight=w, groups=groups)
        model.predict(X[:5], scale=2.0)
        model.predict_proba(X[:5], scale=3.0)
        model.decision_function(X[:5], scale=4.0)
        model.score(X[:7], y[:7], sample_weight=w[:7])
    _same(_seen(ours), _seen(theirs))
    assert set(_seen(ours)["clf"]) == {
        "fit",
        "predict",
        "predict_proba",
        "decision_function",
        "score",
    }
    np.testing.assert_array_equal(_seen(ours)["clf"]["fit"][0]["groups"], groups)


def test_routing_on_a_sampler_step_passes_other_metadata_unchanged_like_imbalanced_learn():
    """Metadata that is not sample_weight reaches the steps as given, samplers or not."""
    X, y, _, _ = _data()
    recorder = Recorder().set_transform_request(scale=True)
    final = RecordingClassifier().set_predict_request(scale=True)
    ours = Pipeline(
        [("rec", recorder), ("rus", RandomUnderSampler(random_state=0)), ("clf", final)]
    )
    theirs = ImbPipeline(
        [
            ("rec", clone(recorder)),
            ("rus", ImbRandomUnderSampler(random_state=0)),
            ("clf", clone(final)),
        ]
    )
    for model in (ours, theirs):
        model.fit(X, y)
        model.predict(X[:4], scale=0.5)
    _same(_seen(ours), _seen(theirs))
    assert ours.steps[-1][1].n_rows_ == theirs.steps[-1][1].n_rows_ == 30


def test_routing_on_sample_weight_is_resampled_for_the_steps_after_a_sampler():
    X, y, w, _ = _data()
    recorder, final = _requested()
    recorder.set_fit_request(groups=False)
    final.set_fit_request(groups=False)
    model = Pipeline([("rec", recorder), ("smote", SMOTE(random_state=3)), ("clf", final)])
    model.fit(X, y, sample_weight=w)
    # what SMOTE alone makes of the weights, on the recorder's output (X as float)
    _, y_res, w_res = SMOTE(random_state=3).fit_resample(X, y, sample_weight=w)
    seen = _seen(model)
    np.testing.assert_array_equal(seen["rec"]["fit"][0]["sample_weight"], w)  # before: as given
    np.testing.assert_array_equal(seen["clf"]["fit"][0]["sample_weight"], w_res)
    assert len(w_res) == len(y_res) == 90


def test_routing_on_resampled_weights_follow_an_alias_and_skip_steps_that_did_not_ask():
    X, y, w, _ = _data()
    recorder = Recorder().set_fit_request(sample_weight=False)
    final = RecordingClassifier().set_fit_request(sample_weight="row_weight")
    model = Pipeline(
        [("rus", RandomUnderSampler(random_state=1)), ("rec", recorder), ("clf", final)]
    )
    model.fit(X, y, row_weight=w)
    kept = model.named_steps["rus"].sample_indices_
    seen = _seen(model)
    assert seen["rec"]["fit"][0]["sample_weight"] is None
    np.testing.assert_array_equal(seen["clf"]["fit"][0]["sample_weight"], w[kept])


def test_routing_on_metadata_nobody_asked_for_is_refused_like_imbalanced_learn():
    X, y, _, groups = _data()
    ours, theirs = _both([("rec", Recorder()), ("clf", RecordingClassifier())])
    for model in (ours, theirs):  # requested by no one: unset requests
        with pytest.raises(UnsetMetadataPassedError, match="groups"):
            model.fit(X, y, groups=groups)
    ours, theirs = _both(
        [
            ("rec", Recorder().set_fit_request(groups=False)),
            ("clf", RecordingClassifier().set_fit_request(groups=False)),
        ]
    )
    for model in (ours, theirs):  # explicitly not requested: not routed anywhere
        with pytest.raises(TypeError, match="groups"):
            model.fit(X, y, groups=groups)


def test_routing_on_fit_resample_returns_weights_the_last_sampler_resampled():
    X, y, w, _ = _data()
    model = Pipeline([("rec", Recorder()), ("rus", RandomUnderSampler(random_state=2))])
    X_res, y_res, w_res = model.fit_resample(X, y, sample_weight=w)
    kept = model.named_steps["rus"].sample_indices_
    np.testing.assert_array_equal(w_res, w[kept])
    np.testing.assert_array_equal(y_res, y[kept])
    np.testing.assert_array_equal(X_res, X[kept])


def test_routing_on_transform_and_inverse_transform_route_to_every_transformer():
    X, y, _, _ = _data()
    step = Recorder().set_transform_request(scale=True).set_inverse_transform_request(scale=True)
    ours, theirs = _both([("a", step), ("b", step)])
    for model in (ours, theirs):
        model.fit(X, y)
        model.transform(X[:3], scale=1.5)
        model.inverse_transform(X[:3], scale=2.5)
    _same(_seen(ours), _seen(theirs))
    assert _seen(ours)["a"]["inverse_transform"][0]["scale"] == 2.5


def test_routing_off_keeps_stepname_parameters_and_refuses_what_cannot_be_routed():
    X, y, w, groups = _data()
    ours, theirs = _both([("rec", Recorder()), ("clf", RecordingClassifier())])
    for model in (ours, theirs):
        model.fit(X, y, rec__groups=groups, clf__sample_weight=w)
        model.predict(X[:3], scale=7.0)  # without routing, predict passes them to the final
        with pytest.raises(ValueError):
            model.fit(X, y, groups=groups)
        with pytest.raises(ValueError):
            model.decision_function(X[:3], scale=1.0)
    _same(_seen(ours), _seen(theirs))
    ours, theirs = _both([("a", Recorder()), ("b", Recorder())])
    for model in (ours, theirs):
        model.fit(X, y)
        with pytest.raises(ValueError):
            model.transform(X[:3], scale=1.0)
        with pytest.raises(ValueError):
            model.inverse_transform(X[:3], scale=1.0)


def test_routing_on_a_sampler_that_cannot_resample_weights_needed_later_is_named():
    X, y, w, _ = _data()
    final = RecordingClassifier().set_fit_request(sample_weight=True)
    model = Pipeline([("imb", ImbRandomUnderSampler(random_state=0)), ("clf", final)])
    with pytest.raises(TypeError, match="RandomUnderSampler cannot resample sample_weight"):
        model.fit(X, y, sample_weight=w)


def test_get_metadata_routing_says_what_each_step_consumes_as_imbalanced_learn_does():
    recorder, final = _requested()
    ours, theirs = _both([("rec", recorder), ("rus", RandomUnderSampler()), ("clf", final)])
    names = ["sample_weight", "groups", "scale"]
    for method in (
        "fit",
        "predict",
        "predict_proba",
        "decision_function",
        "score",
        "transform",
    ):
        assert ours.get_metadata_routing().consumes(
            method, names
        ) == theirs.get_metadata_routing().consumes(method, names), method
