"""Parity with imbalanced-learn's SMOTE: counts, the law of the draws, sklearn integration."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE as ImbSMOTE
from imblearn.pipeline import Pipeline
from scipy import stats
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.validation import check_is_fitted

from sampler_checks import match_segments, ranked_class_segments, value_atol
from smotekit import SMOTE

K = 5
P_MIN = 0.01


def counts(y) -> dict:
    return dict(sorted(Counter(np.asarray(y).tolist()).items()))


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    "strategy",
    [
        "auto",
        "minority",
        "not minority",
        "not majority",
        "all",
        {1: 40, 2: 33},
        {0: 60, 2: 25},
        lambda y: {label: 50 for label in np.unique(y)},
    ],
    ids=["auto", "minority", "not-minority", "not-majority", "all", "dict", "dict2", "callable"],
)
def test_counts_match_imblearn(three_class_data, strategy):
    X, y = three_class_data
    ours = SMOTE(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
    theirs = ImbSMOTE(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
    assert counts(ours[1]) == counts(theirs[1])
    assert ours[0].shape == theirs[0].shape
    np.testing.assert_array_equal(ours[0][: len(y)], theirs[0][: len(y)])


@pytest.mark.parametrize("ratio", [0.5, 0.61, 0.999, 1.0])
def test_float_counts_match_imblearn(binary_data, ratio):
    X, y = binary_data
    ours = SMOTE(sampling_strategy=ratio, random_state=0).fit_resample(X, y)
    theirs = ImbSMOTE(sampling_strategy=ratio, random_state=0).fit_resample(X, y)
    assert counts(ours[1]) == counts(theirs[1])


# --------------------------------------------------------------------------- law of the draws


@pytest.fixture(scope="module")
def draws():
    """Both libraries on the same data (60 minority rows -> 1500 synthetic rows), with every
    synthetic row's base, neighbour rank and step recovered by segment matching."""
    rng = np.random.default_rng(20240601)
    m, n_maj = 60, 1560
    X = np.vstack([rng.normal(size=(n_maj, 3)) * 2.0, rng.normal(size=(m, 3)) + 1.0])
    y = np.array([0] * n_maj + [1] * m)
    base, nb, rank = ranked_class_segments(X, y, 1, K)
    atol = value_atol(X, X.dtype)
    result = {"X": X, "y": y, "rows": np.flatnonzero(y == 1), "segments": (base, nb, rank)}
    ours = SMOTE(random_state=0)
    X_ours, _ = ours.fit_resample(X, y)
    X_theirs, _ = ImbSMOTE(random_state=0).fit_resample(X, y)
    for name, X_res in (("ours", X_ours), ("theirs", X_theirs)):
        synthetic = X_res[len(y) :]
        assert synthetic.shape == (n_maj - m, 3)
        # several segments contain a row only for mutual neighbours (a->b is b->a); a fair
        # coin between them keeps the laws of base, rank and step unchanged
        match = match_segments(synthetic, X, base, nb, atol, rng=np.random.default_rng(1))
        result[name] = {"match": match, "rank": rank[match.segment]}
    result["sampler"] = ours
    return result


def test_segment_matching_recovers_our_provenance(draws):
    """The recovery used on imbalanced-learn's output is right where we know the truth."""
    base, nb, _ = draws["segments"]
    match = draws["ours"]["match"]
    parents = draws["sampler"].synthetic_parents_
    steps = draws["sampler"].synthetic_steps_
    pair_index = {(b, n): i for i, (b, n) in enumerate(zip(base, nb, strict=True))}
    true_segment = np.array([pair_index[(b, n)] for b, n in parents])
    assert all(t in c for t, c in zip(true_segment, match.candidates, strict=True))
    single = match.n_candidates == 1
    assert single.mean() > 0.2  # about a third of the rows lie on one segment only
    np.testing.assert_array_equal(match.base[single], parents[single, 0])
    np.testing.assert_array_equal(match.neighbor[single], parents[single, 1])
    np.testing.assert_allclose(match.step[single], steps[single], atol=1e-9)
    # an ambiguous row is on the reversed segment, at the mirrored step
    flipped = ~single & (match.base != parents[:, 0])
    np.testing.assert_allclose(match.step[flipped], 1 - steps[flipped], atol=1e-9)


def test_step_distribution_matches_imblearn(draws):
    ours, theirs = draws["ours"]["match"].step, draws["theirs"]["match"].step
    assert ours.size == theirs.size == 1500
    assert stats.ks_2samp(ours, theirs).pvalue > P_MIN
    for steps in (ours, theirs):
        assert stats.kstest(steps, "uniform").pvalue > P_MIN
    # the sample is large enough to see a wrong law: sqrt(U) is rejected outright
    assert stats.ks_2samp(ours, np.sqrt(theirs)).pvalue < 1e-6


@pytest.mark.parametrize("name", ["ours", "theirs"])
def test_base_rows_are_uniform_over_the_class(draws, name):
    rows = draws["rows"]
    base = draws[name]["match"].base
    assert np.isin(base, rows).all()
    observed = np.array([(base == r).sum() for r in rows])
    assert stats.chisquare(observed).pvalue > P_MIN
    # power check: the same counts with a third of the rows never drawn are rejected
    skewed = observed.copy()
    skewed[: len(rows) // 3] = 0
    assert stats.chisquare(skewed).pvalue < 1e-6


@pytest.mark.parametrize("name", ["ours", "theirs"])
def test_neighbour_ranks_are_uniform(draws, name):
    observed = np.bincount(draws[name]["rank"], minlength=K + 1)[1:]
    assert observed.sum() == 1500
    assert stats.chisquare(observed).pvalue > P_MIN


def test_rank_distributions_agree(draws):
    ours = np.bincount(draws["ours"]["rank"], minlength=K + 1)[1:]
    theirs = np.bincount(draws["theirs"]["rank"], minlength=K + 1)[1:]
    assert stats.chi2_contingency(np.vstack([ours, theirs])).pvalue > P_MIN


# --------------------------------------------------------------------------- sklearn integration


def test_get_params_set_params_and_clone(binary_data):
    X, y = binary_data
    nn = NearestNeighbors(n_neighbors=4)
    sampler = SMOTE(sampling_strategy={1: 50}, random_state=3, k_neighbors=nn)
    params = sampler.get_params(deep=False)
    assert params == {
        "sampling_strategy": {1: 50},
        "random_state": 3,
        "k_neighbors": nn,
        "neighbors": "exact",
    }
    assert sampler.get_params(deep=True)["k_neighbors__n_neighbors"] == 4
    twin = clone(sampler)
    assert twin is not sampler and twin.k_neighbors is not nn
    assert twin.get_params(deep=True)["k_neighbors__n_neighbors"] == 4
    X1, y1 = sampler.fit_resample(X, y)
    X2, y2 = twin.fit_resample(X, y)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    # a clone of a fitted sampler is unfitted
    assert not hasattr(clone(sampler), "synthetic_parents_")
    assert sampler.set_params(k_neighbors=2, random_state=4) is sampler
    assert sampler.get_params()["k_neighbors"] == 2 and sampler.random_state == 4
    assert len(sampler.fit_resample(X, y)[1]) == 110
    sampler.set_params(k_neighbors=nn, k_neighbors__n_neighbors=7)
    assert nn.n_neighbors == 7
    with pytest.raises(ValueError, match="Invalid parameter"):
        sampler.set_params(n_neighbours=3)


def test_repr_shows_non_default_params():
    assert repr(SMOTE(k_neighbors=3)) == "SMOTE(k_neighbors=3)"


def test_inside_an_imblearn_pipeline_with_cross_validation():
    rng = np.random.default_rng(5)
    X = np.vstack([rng.normal(size=(240, 4)), rng.normal(loc=1.5, size=(40, 4))])
    y = np.array([0] * 240 + [1] * 40)
    pipe = Pipeline([("smote", SMOTE(random_state=0)), ("model", LogisticRegression())])
    scores = cross_val_score(pipe, X, y, cv=4, scoring="roc_auc", error_score="raise")
    assert scores.shape == (4,)
    assert np.isfinite(scores).all() and scores.mean() > 0.8
    # the sampler only acts in fit: the fitted pipeline predicts one label per input row
    pipe.fit(X, y)
    assert pipe.named_steps["smote"].sampling_strategy_ == {1: 200}
    assert pipe.predict(X).shape == (280,)


def test_estimator_k_neighbors_is_like_the_int_and_left_unfitted(binary_data):
    X, y = binary_data
    nn = NearestNeighbors(n_neighbors=4)
    params_before = nn.get_params()
    with_estimator = SMOTE(k_neighbors=nn, random_state=8)
    X_a, y_a = with_estimator.fit_resample(X, y)
    with_int = SMOTE(k_neighbors=3, random_state=8)
    X_b, y_b = with_int.fit_resample(X, y)
    np.testing.assert_array_equal(X_a, X_b)
    np.testing.assert_array_equal(y_a, y_b)
    np.testing.assert_array_equal(with_estimator.synthetic_parents_, with_int.synthetic_parents_)
    np.testing.assert_array_equal(with_estimator.synthetic_steps_, with_int.synthetic_steps_)
    with pytest.raises(NotFittedError):
        check_is_fitted(nn)
    assert not [name for name in vars(nn) if name.endswith("_") and not name.startswith("_")]
    assert nn.get_params() == params_before
    assert with_estimator.nn_k_ is not nn
    check_is_fitted(with_estimator.nn_k_)


def test_already_fitted_estimator_is_not_refitted(binary_data):
    X, y = binary_data
    other = np.random.default_rng(0).normal(size=(10, 3))
    nn = NearestNeighbors(n_neighbors=3).fit(other)
    fitted_on = nn._fit_X.copy()
    X_a, _ = SMOTE(k_neighbors=nn, random_state=1).fit_resample(X, y)
    X_b, _ = SMOTE(k_neighbors=2, random_state=1).fit_resample(X, y)
    np.testing.assert_array_equal(X_a, X_b)
    np.testing.assert_array_equal(nn._fit_X, fitted_on)
