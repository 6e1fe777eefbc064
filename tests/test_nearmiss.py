"""NearMiss 1-3: the rows kept, computed by brute force from the definitions, and
imbalanced-learn's choice of rows."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from imblearn.under_sampling import NearMiss as ImbNearMiss
from sklearn.neighbors import NearestNeighbors

from sampler_checks import shifted_classes, sq_dists
from smotekit import NearMiss, ResamplingWarning


def three_classes(seed=0, **kwargs):
    return shifted_classes(seed, **{"n": (90, 50, 20), "dims": 3, "shift": 0.7, **kwargs})


def score(X, y, rows, k, farthest=False) -> np.ndarray:
    """Sum of the distances of X[rows] to their k nearest (or farthest) minority rows."""
    minority = np.flatnonzero(y == 2)
    d = np.sort(np.sqrt(sq_dists(X[rows], X[minority])), axis=1)
    return (d[:, -k:] if farthest else d[:, :k]).sum(axis=1)


def expected_rows(X, y, version, k=3, k3=3, n_keep=20) -> set:
    kept = set(np.flatnonzero(y == 2))
    for label in (0, 1):
        rows = np.flatnonzero(y == label)
        if version == 1:
            chosen = rows[np.argsort(score(X, y, rows, k), kind="stable")[:n_keep]]
        elif version == 2:
            chosen = rows[np.argsort(score(X, y, rows, k, farthest=True), kind="stable")[:n_keep]]
        else:
            d = sq_dists(X[y == 2], X[rows])
            listed = rows[np.unique(np.argsort(d, axis=1, kind="stable")[:, :k3])]
            chosen = listed[np.argsort(-score(X, y, listed, k), kind="stable")[:n_keep]]
        kept |= set(chosen.tolist())
    return kept


@pytest.mark.parametrize(("version", "k3"), [(1, 3), (2, 3), (3, 6)])
def test_nearmiss_keeps_the_rows_its_rule_ranks_first(version, k3):
    X, y = three_classes()
    X_before = X.copy()
    sampler = NearMiss(version=version, n_neighbors_ver3=k3)
    X_res, y_res = sampler.fit_resample(X, y)
    assert set(sampler.sample_indices_.tolist()) == expected_rows(X, y, version, k3=k3)
    assert np.bincount(y_res).tolist() == [20, 20, 20]
    assert (np.diff(sampler.sample_indices_) > 0).all()  # input order
    np.testing.assert_array_equal(X_res, X[sampler.sample_indices_])
    np.testing.assert_array_equal(X, X_before)


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("strategy", ["auto", "all", {0: 40, 1: 30}, "majority"])
def test_nearmiss_keeps_the_rows_imblearn_keeps(version, strategy):
    X, y = three_classes(1)
    ours = NearMiss(version=version, sampling_strategy=strategy, n_neighbors_ver3=8)
    theirs = ImbNearMiss(version=version, sampling_strategy=strategy, n_neighbors_ver3=8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NearMiss-3's short lists, in both libraries
        ours.fit_resample(X, y)
        theirs.fit_resample(X, y)
    np.testing.assert_array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))


def test_nearmiss_3_says_when_its_short_list_is_short():
    X, y = three_classes(2)
    sampler = NearMiss(version=3, n_neighbors_ver3=1, sampling_strategy={0: 40})
    with pytest.warns(ResamplingWarning, match=r"class 0.*Raise n_neighbors_ver3") as caught:
        _, y_res = sampler.fit_resample(X, y)
    listed = np.unique(np.argmin(sq_dists(X[y == 2], X[y == 0]), axis=1)).size
    assert listed < 40 and (y_res == 0).sum() == listed
    assert f"kept {listed} rows of class 0, fewer than the 40 asked for" in str(caught[0].message)
    assert sampler.short_classes_ == {0: str(caught[0].message)}
    enough = NearMiss(version=3, n_neighbors_ver3=10, sampling_strategy={0: 40})
    enough.fit_resample(X, y)
    assert enough.short_classes_ == {} and (y[enough.sample_indices_] == 0).sum() == 40


def test_an_estimator_counts_neighbours_like_the_int_and_is_left_unfitted():
    X, y = three_classes(3)
    given = NearestNeighbors(n_neighbors=4)
    with_object = NearMiss(n_neighbors=given, version=3, n_neighbors_ver3=given)
    with_object.fit_resample(X, y)
    with_int = NearMiss(n_neighbors=4, version=3, n_neighbors_ver3=4)
    with_int.fit_resample(X, y)
    np.testing.assert_array_equal(with_object.sample_indices_, with_int.sample_indices_)
    assert not hasattr(given, "n_samples_fit_")
    assert with_object.nn_ is not given and hasattr(with_object, "nn_ver3_")


def test_nearmiss_errors_name_the_parameter_and_what_is_allowed():
    X, y = three_classes()
    with pytest.raises(ValueError, match=r"n_neighbors=25 needs at least 25 rows of the minority"):
        NearMiss(n_neighbors=25).fit_resample(X, y)
    with pytest.raises(ValueError, match=r"version must be one of 1, 2, 3; got '1'"):
        NearMiss(version="1").fit_resample(X, y)
    with pytest.raises(ValueError, match=r"n_neighbors must be an int >= 1 or an object with"):
        NearMiss(n_neighbors=2.5).fit_resample(X, y)
