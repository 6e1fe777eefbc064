"""smotekit.ensemble: scikit-learn's estimator checks, imbalanced-learn's interface, and the
balance of what every member learns from, seen through the members' own samplers."""

from __future__ import annotations

import inspect

import imblearn.ensemble as imb
import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.ensemble import AdaBoostClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils.estimator_checks import parametrize_with_checks

from smotekit import SMOTE
from smotekit.ensemble import (
    BalancedBaggingClassifier,
    BalancedRandomForestClassifier,
    EasyEnsembleClassifier,
    RUSBoostClassifier,
)

# Under-sampling draws rows at random, so a row of weight 2 and two copies of a row are
# kept with different probabilities: the ensembles cannot be weight/repeat equivalent.
# scikit-learn marks its own RandomForestClassifier and AdaBoostClassifier the same way.
_WEIGHT_REASON = "random under-sampling treats a weight of 2 and a repeated row differently"
EXPECTED_FAILURES = {
    "BalancedRandomForestClassifier": {
        "check_sample_weight_equivalence_on_dense_data": _WEIGHT_REASON,
        "check_sample_weight_equivalence_on_sparse_data": _WEIGHT_REASON,
    },
    "RUSBoostClassifier": {
        "check_sample_weight_equivalence_on_dense_data": _WEIGHT_REASON,
        "check_sample_weight_equivalence_on_sparse_data": _WEIGHT_REASON,
    },
}


@parametrize_with_checks(
    [
        BalancedRandomForestClassifier(n_estimators=5, random_state=0),
        BalancedBaggingClassifier(n_estimators=3, random_state=0),
        EasyEnsembleClassifier(
            n_estimators=2, estimator=AdaBoostClassifier(n_estimators=5), random_state=0
        ),
        # Seeded: on the checks' random 4-class data an unlucky first stump is no better
        # than chance, which RUSBoost (like AdaBoost) refuses.
        RUSBoostClassifier(n_estimators=5, random_state=0),
    ],
    expected_failed_checks=lambda est: EXPECTED_FAILURES.get(type(est).__name__, {}),
)
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)


PAIRS = [
    (BalancedRandomForestClassifier, imb.BalancedRandomForestClassifier),
    (BalancedBaggingClassifier, imb.BalancedBaggingClassifier),
    (EasyEnsembleClassifier, imb.EasyEnsembleClassifier),
    (RUSBoostClassifier, imb.RUSBoostClassifier),
]


@pytest.mark.parametrize(("ours", "theirs"), PAIRS, ids=lambda c: c.__name__)
def test_parameters_and_defaults_are_imbalanced_learns(ours, theirs):
    def described(cls):
        return [(p.name, p.kind, p.default) for p in inspect.signature(cls).parameters.values()]

    assert described(ours) == described(theirs)


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=500,
        n_classes=3,
        n_informative=4,
        weights=[0.75, 0.17, 0.08],
        class_sep=0.8,
        random_state=3,
    )
    return X, y


def balanced_accuracy(model, X, y, seed):
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.4, stratify=y, random_state=seed
    )
    return balanced_accuracy_score(y_test, model.fit(X_train, y_train).predict(X_test))


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (BalancedRandomForestClassifier(n_estimators=30), imb.BalancedRandomForestClassifier),
        (BalancedBaggingClassifier(n_estimators=10), imb.BalancedBaggingClassifier),
        (EasyEnsembleClassifier(n_estimators=5), imb.EasyEnsembleClassifier),
        (
            RUSBoostClassifier(DecisionTreeClassifier(max_depth=3), n_estimators=20),
            imb.RUSBoostClassifier,
        ),
    ],
    ids=lambda x: type(x).__name__ if not isinstance(x, type) else "",
)
def test_held_out_balanced_accuracy_matches_imbalanced_learn(data, ours, theirs):
    X, y = data
    reference = theirs(**ours.get_params(deep=False))
    gaps = [
        balanced_accuracy(ours.set_params(random_state=s), X, y, s)
        - balanced_accuracy(reference.set_params(random_state=s), X, y, s)
        for s in range(3)
    ]
    # Same algorithm, other random draws: the mean over three splits agrees within noise.
    assert abs(np.mean(gaps)) < 0.06, gaps


# --------------------------------------------------------------------------- balanced forest


def test_every_tree_learns_from_its_own_balanced_sample(data):
    X, y = data
    forest = BalancedRandomForestClassifier(n_estimators=8, random_state=0).fit(X, y)
    minority = np.bincount(y).min()
    for sampler, tree in zip(forest.samplers_, forest.estimators_, strict=True):
        rows = sampler.sample_indices_
        assert np.bincount(y[rows]).tolist() == [minority] * 3
        assert tree.tree_.n_node_samples[0] == 3 * minority  # the tree saw exactly these rows
    for sampler, rows in zip(forest.samplers_, forest.estimators_samples_, strict=True):
        np.testing.assert_array_equal(rows, sampler.sample_indices_)  # no bootstrap
    firsts = {tuple(s.sample_indices_) for s in forest.samplers_}
    assert len(firsts) == 8  # each tree draws its own sample
    assert len(forest.pipelines_) == 8 and forest.pipelines_[0][-1] is forest.estimators_[0]


def test_a_dict_strategy_names_classes_by_label(data):
    X, y = data
    labels = np.array(["low", "mid", "high"])[y]
    wanted = {"low": 60, "mid": 30}
    forest = BalancedRandomForestClassifier(
        n_estimators=3, sampling_strategy=wanted, replacement=False, random_state=0
    ).fit(X, labels)
    for sampler in forest.samplers_:
        kept = labels[sampler.sample_indices_]
        assert (kept == "low").sum() == 60 and (kept == "mid").sum() == 30
        assert (kept == "high").sum() == (labels == "high").sum()
    assert set(forest.predict(X)) <= {"low", "mid", "high"}


def test_bootstrap_draws_max_samples_from_the_balanced_sample(data):
    X, y = data
    forest = BalancedRandomForestClassifier(
        n_estimators=4, bootstrap=True, max_samples=0.1, random_state=0
    ).fit(X, y)
    for sampler, tree, rows in zip(
        forest.samplers_, forest.estimators_, forest.estimators_samples_, strict=True
    ):
        # A bootstrap is applied as row counts: the weights sum to the rows drawn.
        assert tree.tree_.weighted_n_node_samples[0] == pytest.approx(round(0.1 * len(y)))
        assert len(rows) == round(0.1 * len(y)) and np.isin(rows, sampler.sample_indices_).all()


def test_forest_is_reproducible_parallel_and_warm_startable(data):
    X, y = data
    reference = BalancedRandomForestClassifier(n_estimators=10, random_state=5).fit(X, y)
    again = BalancedRandomForestClassifier(n_estimators=10, random_state=5, n_jobs=2).fit(X, y)
    np.testing.assert_array_equal(reference.predict_proba(X), again.predict_proba(X))
    grown = BalancedRandomForestClassifier(n_estimators=4, random_state=5, warm_start=True)
    grown.fit(X, y).set_params(n_estimators=10).fit(X, y)
    np.testing.assert_array_equal(reference.predict_proba(X), grown.predict_proba(X))
    other = BalancedRandomForestClassifier(n_estimators=10, random_state=6).fit(X, y)
    assert not np.array_equal(reference.predict_proba(X), other.predict_proba(X))


def test_oob_score_is_close_to_imbalanced_learns(data):
    X, y = data
    params = {"n_estimators": 40, "bootstrap": True, "oob_score": True, "random_state": 0}
    ours = BalancedRandomForestClassifier(**params).fit(X, y)
    theirs = imb.BalancedRandomForestClassifier(**params).fit(X, y)
    assert abs(ours.oob_score_ - theirs.oob_score_) < 0.05
    assert ours.oob_decision_function_.shape == (len(y), 3)
    assert ours.feature_importances_.sum() == pytest.approx(1.0)


def test_oob_without_bootstrap_is_refused(data):
    X, y = data
    with pytest.raises(ValueError, match="oob_score needs bootstrap=True"):
        BalancedRandomForestClassifier(oob_score=True).fit(X, y)


# --------------------------------------------------------------------------- bagging


def test_every_bagging_member_learns_from_its_balanced_bootstrap(data):
    X, y = data
    model = BalancedBaggingClassifier(n_estimators=5, random_state=0).fit(X, y)
    for drawn, member in zip(model.estimators_samples_, model.estimators_, strict=True):
        kept = y[drawn][member[0].sample_indices_]  # the sampler saw the bootstrap sample
        smallest = np.bincount(y[drawn]).min()
        assert np.bincount(kept).tolist() == [smallest] * 3


def test_bagging_takes_any_sampler(data):
    X, y = data
    model = BalancedBaggingClassifier(
        n_estimators=3, sampler=SMOTE(k_neighbors=3), random_state=0
    ).fit(X, y)
    for drawn, member in zip(model.estimators_samples_, model.estimators_, strict=True):
        largest = np.bincount(y[drawn]).max()
        assert isinstance(member[0], SMOTE)
        # SMOTE over-samples every class to the largest: the tree's root holds them all.
        assert member[-1].tree_.n_node_samples[0] == 3 * largest


def test_bagging_dict_strategy_by_label_and_reproducibility(data):
    X, y = data
    labels = np.array(["a", "b", "c"])[y]
    model = BalancedBaggingClassifier(
        n_estimators=4, sampling_strategy={"a": 40}, bootstrap=False, random_state=1
    ).fit(X, labels)
    for drawn, member in zip(model.estimators_samples_, model.estimators_, strict=True):
        assert (labels[drawn][member[0].sample_indices_] == "a").sum() == 40
    parallel = BalancedBaggingClassifier(
        n_estimators=4, sampling_strategy={"a": 40}, bootstrap=False, random_state=1, n_jobs=2
    ).fit(X, labels)
    np.testing.assert_array_equal(model.predict_proba(X), parallel.predict_proba(X))


def test_easy_ensemble_members_are_balanced_subsets_of_all_rows(data):
    X, y = data
    model = EasyEnsembleClassifier(n_estimators=3, random_state=0).fit(X, y)
    minority = np.bincount(y).min()
    for drawn, member in zip(model.estimators_samples_, model.estimators_, strict=True):
        assert np.array_equal(np.sort(drawn), np.arange(len(y)))  # no bootstrap
        assert np.bincount(y[drawn][member[0].sample_indices_]).tolist() == [minority] * 3
        assert isinstance(member[-1], AdaBoostClassifier)
    again = EasyEnsembleClassifier(n_estimators=3, random_state=0).fit(X, y)
    np.testing.assert_array_equal(model.predict_proba(X), again.predict_proba(X))


def test_bagging_warm_start_adds_the_same_members(data):
    X, y = data
    whole = BalancedBaggingClassifier(n_estimators=6, random_state=2).fit(X, y)
    grown = BalancedBaggingClassifier(n_estimators=3, random_state=2, warm_start=True).fit(X, y)
    grown.set_params(n_estimators=6).fit(X, y)
    assert len(grown.estimators_) == 6
    np.testing.assert_array_equal(whole.predict_proba(X), grown.predict_proba(X))


# --------------------------------------------------------------------------- RUSBoost


@pytest.mark.parametrize("n_classes", [2, 3])
def test_rusboost_that_keeps_every_row_is_adaboost(n_classes):
    X, y = make_classification(
        n_samples=300,
        n_classes=n_classes,
        n_informative=4,
        weights=[0.6, 0.3, 0.1][:n_classes],
        random_state=0,
    )
    keep_all = dict(enumerate(np.bincount(y).tolist()))
    ours = RUSBoostClassifier(n_estimators=15, sampling_strategy=keep_all, random_state=0)
    ours.fit(X, y)
    ada = AdaBoostClassifier(DecisionTreeClassifier(max_depth=1), n_estimators=15, random_state=0)
    ada.fit(X, y)
    np.testing.assert_allclose(ours.estimator_weights_, ada.estimator_weights_, atol=1e-12)
    np.testing.assert_allclose(ours.estimator_errors_, ada.estimator_errors_, atol=1e-12)
    np.testing.assert_allclose(ours.decision_function(X), ada.decision_function(X), atol=1e-12)
    np.testing.assert_allclose(ours.predict_proba(X), ada.predict_proba(X), atol=1e-12)
    for a, b in zip(ours.staged_predict_proba(X), ada.staged_predict_proba(X), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-12)
    assert list(ours.staged_score(X, y)) == pytest.approx(list(ada.staged_score(X, y)))
    np.testing.assert_allclose(ours.feature_importances_, ada.feature_importances_, atol=1e-12)


def test_every_rusboost_round_learns_from_a_balanced_sample(data):
    X, y = data
    model = RUSBoostClassifier(n_estimators=10, random_state=0).fit(X, y)
    minority = np.bincount(y).min()
    assert len(model.samplers_) == len(model.estimators_) >= 1
    for sampler in model.samplers_:
        assert np.bincount(y[sampler.sample_indices_]).tolist() == [minority] * 3
    again = RUSBoostClassifier(n_estimators=10, random_state=0).fit(X, y)
    np.testing.assert_array_equal(model.predict_proba(X), again.predict_proba(X))


def test_rusboost_needs_a_learner_that_takes_weights(data):
    X, y = data
    with pytest.raises(ValueError, match="KNeighborsClassifier does not take sample_weight"):
        RUSBoostClassifier(KNeighborsClassifier()).fit(X, y)
