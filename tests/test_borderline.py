"""BorderlineSMOTE: seeds are the rows in danger, found by brute force here."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from imblearn.over_sampling import BorderlineSMOTE as ImbBorderlineSMOTE

from sampler_checks import class_pairs, nearest_others
from smotekit import BorderlineSMOTE, ResamplingWarning


def overlapping(seed=0, n=(120, 40)):
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], n)
    X = rng.normal(size=(y.size, 2)) + 1.2 * y[:, None]
    return X, y


def brute_danger(X, y, label, m):
    """Positions of class rows with at least half, not all, other-class rows in their m."""
    nearest = nearest_others(X, m)
    other = (y[nearest] != y[:, None]).sum(axis=1)
    return np.flatnonzero((y == label) & (other * 2 >= m) & (other < m))


@pytest.mark.parametrize("m", [4, 10])
def test_danger_rows_match_the_definition_and_are_the_only_seeds(m):
    X, y = overlapping()
    sampler = BorderlineSMOTE(m_neighbors=m, random_state=0)
    sampler.fit_resample(X, y)
    danger = brute_danger(X, y, 1, m)
    assert danger.size > 0
    np.testing.assert_array_equal(sampler.in_danger_indices_[1], danger)
    assert set(sampler.synthetic_parents_[:, 0]) <= set(danger)
    # With enough rows, every row in danger is used as a seed.
    assert set(sampler.synthetic_parents_[:, 0]) == set(danger)


def test_borderline1_moves_towards_k_nearest_same_class_rows():
    X, y = overlapping(seed=1)
    k = 4
    sampler = BorderlineSMOTE(k_neighbors=k, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    pairs = set(map(tuple, sampler.synthetic_parents_.tolist()))
    assert pairs <= class_pairs(X, y, 1, k)
    base, nb = sampler.synthetic_parents_.T
    t = sampler.synthetic_steps_
    assert ((t >= 0) & (t < 1)).all()
    np.testing.assert_allclose(X_res[len(X) :], X[base] + t[:, None] * (X[nb] - X[base]))


def test_borderline2_may_move_towards_other_classes_but_only_half_way():
    X, y = overlapping(seed=2)
    k = 5
    sampler = BorderlineSMOTE(kind="borderline-2", k_neighbors=k, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    base, nb = sampler.synthetic_parents_.T
    t = sampler.synthetic_steps_
    nearest = nearest_others(X, k)
    assert all(j in nearest[i] for i, j in zip(base, nb, strict=True))
    other = y[nb] != 1
    assert other.any() and (~other).any()
    assert (t[other] < 0.5).all() and (t[~other] < 1).all() and (t >= 0).all()
    assert t[~other].max() > 0.5  # same-class neighbours use the whole segment
    np.testing.assert_allclose(X_res[len(X) :], X[base] + t[:, None] * (X[nb] - X[base]))


def test_no_row_in_danger_warns_records_the_reason_and_adds_nothing():
    rng = np.random.default_rng(3)
    y = np.repeat([0, 1, 2], [60, 20, 20])
    X = rng.normal(size=(100, 2)) * 0.3
    X[y == 1] += 0.3  # overlaps class 0: rows in danger
    X[y == 2] += 50.0  # far away: every row safe
    sampler = BorderlineSMOTE(random_state=0)
    with pytest.warns(ResamplingWarning, match=r"class 2.*none of its 20 rows is in danger"):
        _, y_res = sampler.fit_resample(X, y)
    assert list(sampler.skipped_classes_) == [2]
    assert "20 are safe and 0 are noise" in sampler.skipped_classes_[2]
    assert Counter(y_res.tolist()) == {0: 60, 1: 60, 2: 20}
    assert sampler.in_danger_indices_[2].size == 0


def test_noise_rows_are_not_seeds():
    X, y = overlapping(seed=4, n=(150, 30))
    m = 6
    sampler = BorderlineSMOTE(m_neighbors=m, random_state=0).fit(X, y)
    sampler.fit_resample(X, y)
    nearest = nearest_others(X, m)
    noise = np.flatnonzero((y == 1) & (y[nearest] != 1).all(axis=1))
    assert noise.size > 0
    assert not set(noise) & set(sampler.synthetic_parents_[:, 0])


@pytest.mark.parametrize("kind", ["borderline-1", "borderline-2"])
def test_counts_and_danger_rows_match_imblearn(kind):
    X, y = overlapping(seed=5)
    ours = BorderlineSMOTE(kind=kind, random_state=0)
    theirs = ImbBorderlineSMOTE(kind=kind, random_state=0)
    _, y_ours = ours.fit_resample(X, y)
    _, y_theirs = theirs.fit_resample(X, y)
    np.testing.assert_array_equal(ours.in_danger_indices_[1], theirs.in_danger_indices[1])
    assert Counter(y_ours.tolist()) == {0: 120, 1: 120}
    assert Counter(y_theirs.tolist())[1] <= 120


def test_too_few_rows_for_m_neighbors_is_a_clear_error():
    X, y = overlapping(n=(6, 4))
    with pytest.raises(ValueError, match=r"m_neighbors=10 needs at least 11 rows in X.*X has 10"):
        BorderlineSMOTE(random_state=0).fit_resample(X, y)
