"""RandomUnderSampler, TomekLinks, EditedNearestNeighbours: which rows go, by definition."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from imblearn.under_sampling import EditedNearestNeighbours as ImbENN
from imblearn.under_sampling import RandomUnderSampler as ImbRUS
from imblearn.under_sampling import TomekLinks as ImbTomekLinks

from sampler_checks import nearest_others
from smotekit import EditedNearestNeighbours, RandomUnderSampler, TomekLinks


def overlapping(seed=0, n=(80, 40, 20)):
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(n)), n)
    X = rng.normal(size=(y.size, 2)) + 0.8 * y[:, None]
    order = rng.permutation(y.size)
    return X[order], y[order]


# --------------------------------------------------------------------------- random


def test_random_under_sampler_keeps_order_counts_and_any_data():
    X, y = overlapping()
    frame = pd.DataFrame({"x": X[:, 0], "name": [f"r{i}" for i in range(len(y))]})
    frame.index = frame.index * 3
    sampler = RandomUnderSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(frame, pd.Series(y, index=frame.index))
    assert Counter(y_res.tolist()) == {0: 20, 1: 20, 2: 20}
    kept = sampler.sample_indices_
    assert (np.diff(kept) > 0).all()  # input order, no repeats
    pd.testing.assert_frame_equal(X_res, frame.iloc[kept])
    assert (y[kept][y[kept] == 2].size == 20) and set(np.flatnonzero(y == 2)) <= set(kept)


def test_random_under_sampler_draws_uniformly_and_with_replacement_on_request():
    y = np.repeat([0, 1], [10, 5])
    X = np.arange(15.0)[:, None]
    seen = Counter()
    for seed in range(400):
        sampler = RandomUnderSampler(random_state=seed).fit(X, y)
        sampler.fit_resample(X, y)
        seen.update(sampler.sample_indices_[y[sampler.sample_indices_] == 0].tolist())
    assert all(abs(c - 200) < 60 for c in seen.values()) and len(seen) == 10
    repeats = RandomUnderSampler(replacement=True, random_state=1)
    repeats.fit_resample(X, y)
    assert np.diff(repeats.sample_indices_).min() == 0  # a row drawn twice


def test_random_under_sampler_counts_match_imblearn():
    X, y = overlapping()
    for strategy in ["auto", "majority", "not majority", {0: 30, 1: 11}]:
        _, ours = RandomUnderSampler(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
        _, theirs = ImbRUS(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
        assert Counter(ours.tolist()) == Counter(theirs.tolist())


# --------------------------------------------------------------------------- Tomek links


def brute_links(X, y):
    nearest = nearest_others(X, 1)[:, 0]
    return {
        (i, int(j)) for i, j in enumerate(nearest) if nearest[j] == i and y[i] != y[j] and i < j
    }


@pytest.mark.parametrize("strategy", ["auto", "all", [1]])
def test_tomek_removes_exactly_the_targeted_members_of_mutual_nearest_pairs(strategy):
    X, y = overlapping(1)
    links = brute_links(X, y)
    assert links
    sampler = TomekLinks(sampling_strategy=strategy)
    X_res, _ = sampler.fit_resample(X, y)
    targets = set(sampler.sampling_strategy_)
    removed = set(range(len(y))) - set(sampler.sample_indices_)
    in_links = {i for pair in links for i in pair}
    assert removed == {i for i in in_links if y[i] in targets}
    np.testing.assert_array_equal(X_res, X[sampler.sample_indices_])


def test_tomek_matches_imblearn():
    X, y = overlapping(2)
    ours = TomekLinks().fit(X, y)
    ours.fit_resample(X, y)
    theirs = ImbTomekLinks()
    theirs.fit_resample(X, y)
    np.testing.assert_array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))


# --------------------------------------------------------------------------- ENN


@pytest.mark.parametrize("kind_sel", ["all", "mode"])
@pytest.mark.parametrize("k", [3, 5])
def test_enn_removes_rows_their_neighbours_disagree_with(kind_sel, k):
    X, y = overlapping(3)
    sampler = EditedNearestNeighbours(n_neighbors=k, kind_sel=kind_sel)
    sampler.fit_resample(X, y)
    around = y[nearest_others(X, k)]
    agree = (around == y[:, None]).sum(axis=1)
    most = np.max([(around == c).sum(axis=1) for c in range(3)], axis=0)
    bad = agree < k if kind_sel == "all" else agree < most
    expected_removed = {i for i in range(len(y)) if bad[i] and y[i] != 2}  # auto: not minority
    assert set(range(len(y))) - set(sampler.sample_indices_) == expected_removed
    assert expected_removed


def test_enn_matches_imblearn():
    X, y = overlapping(4)
    ours = EditedNearestNeighbours()
    ours.fit_resample(X, y)
    theirs = ImbENN()
    theirs.fit_resample(X, y)
    np.testing.assert_array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))


def test_cleaning_strategy_errors_name_the_parameter():
    X, y = overlapping()
    with pytest.raises(ValueError, match=r"sampling_strategy of a cleaning sampler must be"):
        TomekLinks(sampling_strategy={0: 10}).fit_resample(X, y)
    with pytest.raises(ValueError, match=r"n_neighbors=200 needs at least 201 rows"):
        EditedNearestNeighbours(n_neighbors=200).fit_resample(X, y)
