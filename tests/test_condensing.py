"""CondensedNearestNeighbour and OneSidedSelection: the rows kept, re-derived by brute force
from the definitions (for the seed row drawn), and agreement with imbalanced-learn."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.under_sampling import CondensedNearestNeighbour as ImbCNN
from imblearn.under_sampling import OneSidedSelection as ImbOSS
from sklearn.neighbors import KNeighborsClassifier

from sampler_checks import sq_dists
from smotekit import CondensedNearestNeighbour, OneSidedSelection


def overlapping(seed=0, n=(150, 40), dims=2):
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(n)), n)
    X = rng.normal(size=(y.size, dims)) + 1.2 * (y[:, None] == 1)
    order = rng.permutation(y.size)
    return X[order], y[order]


def hart(X, y, label, minority, seed_row) -> set:
    """Hart's pass, written directly: visit the class rows in order; one the 1-NN rule of
    the set (minority rows + rows joined so far) gets wrong joins the set."""
    members = [*np.flatnonzero(y == minority), seed_row]
    for row in np.flatnonzero(y == label):
        if row == seed_row:
            continue
        nearest = members[int(np.argmin(sq_dists(X[[row]], X[members])[0]))]
        if y[nearest] != label:
            members.append(row)
    return {m for m in members if y[m] == label}


def one_sided(X, y, label, minority, seed_row) -> set:
    """OSS for one class, directly: seed + rows the 1-NN of minority + seed gets wrong, then
    drop the class's rows in Tomek links among all rows kept."""
    voters = [*np.flatnonzero(y == minority), seed_row]
    rows = np.flatnonzero(y == label)
    nearest = np.asarray(voters)[np.argmin(sq_dists(X[rows], X[voters]), axis=1)]
    kept = set(rows[(y[nearest] != label) | (rows == seed_row)].tolist())
    kept |= set(np.flatnonzero(y != label).tolist())
    kept = np.array(sorted(kept))
    d = sq_dists(X[kept])
    np.fill_diagonal(d, np.inf)
    near = np.argmin(d, axis=1)
    linked = (near[near] == np.arange(kept.size)) & (y[kept][near] != y[kept])
    return set(kept[~(linked & (y[kept] == label))].tolist())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cnn_keeps_what_harts_pass_keeps_from_its_seed_row(seed):
    X, y = overlapping(seed)
    sampler = CondensedNearestNeighbour(random_state=seed)
    sampler.fit_resample(X, y)
    kept = set(sampler.sample_indices_.tolist())
    assert set(np.flatnonzero(y == 1)) <= kept
    # The seed is one of the kept rows; exactly the pass from some kept row gives this set.
    ours = {r for r in kept if y[r] == 0}
    assert any(hart(X, y, 0, 1, s) == ours for s in sorted(ours))
    assert 5 < len(ours) < 100


@pytest.mark.parametrize("k", [1, 3])
def test_cnn_kept_rows_classify_every_removed_row_right(k):
    X, y = overlapping(3, n=(200, 50, 30), dims=3)
    y[y == 2] = 0  # two classes share a label: back to binary, more overlap
    sampler = CondensedNearestNeighbour(n_neighbors=k, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    removed = np.setdiff1d(np.arange(y.size), sampler.sample_indices_)
    assert removed.size > 100
    knn = KNeighborsClassifier(n_neighbors=k).fit(X_res, y_res)
    np.testing.assert_array_equal(knn.predict(X[removed]), y[removed])
    assert len(sampler.estimators_) == 1
    np.testing.assert_array_equal(sampler.estimators_[0].predict(X[removed]), y[removed])


def test_cnn_with_a_classifier_object_keeps_the_same_rows_as_the_int():
    X, y = overlapping(4, n=(120, 50, 30))
    fast = CondensedNearestNeighbour(n_neighbors=3, random_state=5, sampling_strategy="all")
    given = KNeighborsClassifier(n_neighbors=3)
    slow = CondensedNearestNeighbour(n_neighbors=given, random_state=5, sampling_strategy="all")
    fast.fit_resample(X, y)
    slow.fit_resample(X, y)
    np.testing.assert_array_equal(fast.sample_indices_, slow.sample_indices_)
    assert not hasattr(given, "classes_")
    # The minority class itself, when cleaned, keeps only its seeds (nothing votes against).
    assert (y[fast.sample_indices_] == 2).sum() == 1


def test_cnn_agrees_with_imblearn_and_fixes_its_skipped_rows():
    X, y = overlapping(5)
    ours = [CondensedNearestNeighbour(random_state=s).fit_resample(X, y)[1] for s in range(6)]
    theirs_samplers = [ImbCNN(random_state=s) for s in range(6)]
    theirs = [t.fit_resample(X, y)[1] for t in theirs_samplers]
    kept_ours = np.mean([(v == 0).sum() for v in ours])
    kept_theirs = np.mean([(v == 0).sum() for v in theirs])
    # imbalanced-learn's pass skips some rows its set misclassifies (it mixes positions in
    # the class with positions in X), so it keeps a few rows fewer; the law is the same.
    assert kept_theirs <= kept_ours <= 1.25 * kept_theirs
    left_wrong = 0
    for sampler in theirs_samplers:
        removed = np.setdiff1d(np.arange(y.size), sampler.sample_indices_)
        knn = KNeighborsClassifier(1).fit(X[sampler.sample_indices_], y[sampler.sample_indices_])
        left_wrong += int((knn.predict(X[removed]) != y[removed]).sum())
    assert left_wrong > 0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_oss_keeps_the_misclassified_rows_then_drops_tomek_links(seed):
    X, y = overlapping(seed)
    sampler = OneSidedSelection(random_state=seed)
    sampler.fit_resample(X, y)
    kept = set(sampler.sample_indices_.tolist())
    candidates = sorted(r for r in np.flatnonzero(y == 0))
    assert any(one_sided(X, y, 0, 1, s) == kept for s in candidates)
    assert set(np.flatnonzero(y == 1)) <= kept


def test_oss_counts_agree_with_imblearn():
    X, y = overlapping(6, n=(300, 60))
    ours = [(OneSidedSelection(random_state=s).fit_resample(X, y)[1] == 0).sum() for s in range(8)]
    theirs = [(ImbOSS(random_state=s).fit_resample(X, y)[1] == 0).sum() for s in range(8)]
    assert abs(np.mean(ours) - np.mean(theirs)) < 3 * (np.std(ours) + np.std(theirs)) / 8**0.5 + 5


def test_seeds_are_distinct_rows_and_the_seed_fixes_the_output():
    X, y = overlapping(7)
    many = OneSidedSelection(n_seeds_S=40, random_state=0)
    many.fit_resample(X, y)
    assert np.unique(many.sample_indices_).size == many.sample_indices_.size
    again = OneSidedSelection(n_seeds_S=40, random_state=0)
    again.fit_resample(X, y)
    np.testing.assert_array_equal(many.sample_indices_, again.sample_indices_)
    too_many = CondensedNearestNeighbour(n_seeds_S=1000, random_state=0)
    too_many.fit_resample(X, y)  # every row of the class is a seed: all are kept
    assert too_many.sample_indices_.size == y.size


def test_condensing_errors_name_the_parameter():
    X, y = overlapping()
    with pytest.raises(ValueError, match=r"n_seeds_S must be an int >= 1; got 0"):
        CondensedNearestNeighbour(n_seeds_S=0).fit_resample(X, y)
    with pytest.raises(ValueError, match=r"n_neighbors must be None, an int >= 1 or a classifier"):
        OneSidedSelection(n_neighbors=1.5).fit_resample(X, y)
