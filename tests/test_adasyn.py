"""ADASYN: exact counts, harder seeds get more rows, same-class neighbours."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from imblearn.over_sampling import ADASYN as ImbADASYN

from sampler_checks import class_pairs, nearest_others
from smotekit import ADASYN


def overlapping(seed=0, n=(150, 37), shift=1.0):
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], n)
    X = rng.normal(size=(y.size, 3)) + shift * y[:, None]
    return X, y


def brute_hardness(X, y, label, k):
    nearest = nearest_others(X, k)
    rows = np.flatnonzero(y == label)
    return rows, (y[nearest[rows]] != label).mean(axis=1)


@pytest.mark.parametrize("seed", range(4))
def test_counts_are_exact_where_imblearn_rounds_per_row(seed):
    X, y = overlapping(seed)
    _, y_res = ADASYN(random_state=seed).fit_resample(X, y)
    assert Counter(y_res.tolist()) == {0: 150, 1: 150}


def test_imblearn_count_differs_on_this_data_ours_does_not():
    X, y = overlapping(4)
    _, y_theirs = ImbADASYN(random_state=0).fit_resample(X, y)
    _, y_ours = ADASYN(random_state=0).fit_resample(X, y)
    assert Counter(y_ours.tolist())[1] == 150
    assert Counter(y_theirs.tolist())[1] != 150  # the defect this sampler fixes


@pytest.mark.parametrize("k", [3, 5])
def test_harder_seeds_get_more_rows_in_proportion(k):
    X, y = overlapping(1)
    sampler = ADASYN(n_neighbors=k, random_state=0)
    sampler.fit_resample(X, y)
    rows, hardness = brute_hardness(X, y, 1, k)
    np.testing.assert_allclose(sampler.hardness_[1], hardness)
    per_seed = np.array([(sampler.synthetic_parents_[:, 0] == r).sum() for r in rows])
    assert per_seed.sum() == 113
    share = 113 * hardness / hardness.sum()
    assert (np.abs(per_seed - share) < 1).all()
    harder = hardness[:, None] > hardness[None, :]
    assert (per_seed[:, None] >= per_seed[None, :])[harder].all()
    assert (per_seed[hardness == 0] == 0).all()


def test_neighbours_are_the_seeds_k_nearest_same_class_rows():
    X, y = overlapping(2)
    k = 4
    sampler = ADASYN(n_neighbors=k, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert set(map(tuple, sampler.synthetic_parents_.tolist())) <= class_pairs(X, y, 1, k)
    base, nb = sampler.synthetic_parents_.T
    t = sampler.synthetic_steps_
    np.testing.assert_allclose(X_res[len(X) :], X[base] + t[:, None] * (X[nb] - X[base]))


def test_no_other_class_nearby_is_a_clear_error():
    X, y = overlapping(3, shift=100.0)
    with pytest.raises(ValueError, match=r"no row of class 1 has a row of another class"):
        ADASYN(random_state=0).fit_resample(X, y)
