"""AllKNN, RepeatedEditedNearestNeighbours and NeighbourhoodCleaningRule: the rows removed,
re-derived by brute force from the definitions, and imbalanced-learn's choice of rows."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.under_sampling import AllKNN as ImbAllKNN
from imblearn.under_sampling import EditedNearestNeighbours as ImbENN
from imblearn.under_sampling import NeighbourhoodCleaningRule as ImbNCR
from imblearn.under_sampling import RepeatedEditedNearestNeighbours as ImbRENN
from sklearn.neighbors import NearestNeighbors

from sampler_checks import nearest_others, shifted_classes
from smotekit import (
    AllKNN,
    EditedNearestNeighbours,
    NeighbourhoodCleaningRule,
    RepeatedEditedNearestNeighbours,
)


def noisy(seed=0, **kwargs):
    return shifted_classes(seed, **{"n": (120, 60, 25), **kwargs})


def edit_pass(X, y, rows, k) -> np.ndarray:
    """Rows (of ``rows``) a pass of ENN (kind_sel="all") keeps, by brute force. As the
    strategy ("auto": all but the minority) is read again on the rows left, the minority
    is that of ``rows`` (a tie goes to the smallest label)."""
    labels, counts = np.unique(y[rows], return_counts=True)
    cleaned = labels[labels != labels[np.argmin(counts)]]
    around = y[rows][nearest_others(X[rows], k)]
    disagree = (around != y[rows][:, None]).any(axis=1) & np.isin(y[rows], cleaned)
    return rows[~disagree]


def below_minority(y, rows, minority_count) -> bool:
    labels, counts = np.unique(y[rows], return_counts=True)
    return len(labels) < 3 or bool((counts[labels != 2] < minority_count).any())


# --------------------------------------------------------------------------- RENN / AllKNN


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_renn_repeats_editing_until_nothing_changes_or_a_class_runs_short(seed):
    X, y = noisy(seed, shift=2.0)
    sampler = RepeatedEditedNearestNeighbours()
    sampler.fit_resample(X, y)
    rows, passes = np.arange(y.size), 0
    while passes < 100:
        passes += 1
        before = rows.size
        rows = edit_pass(X, y, rows, 3)
        if rows.size == before or below_minority(y, rows, 25):
            break
    np.testing.assert_array_equal(sampler.sample_indices_, rows)
    assert sampler.n_iter_ == passes and passes > 1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_allknn_edits_with_one_then_two_then_three_neighbours(seed):
    X, y = noisy(seed)
    sampler = AllKNN()
    sampler.fit_resample(X, y)
    rows = np.arange(y.size)
    for k in (1, 2, 3):
        rows = edit_pass(X, y, rows, k)
        if below_minority(y, rows, 25):
            break
    np.testing.assert_array_equal(sampler.sample_indices_, rows)


def test_allknn_stops_before_a_class_falls_below_the_minority_unless_allowed():
    X, y = noisy(3, n=(60, 40, 30), shift=0.3)
    stopped = AllKNN(n_neighbors=6)
    _, y_res = stopped.fit_resample(X, y)
    assert stopped.n_iter_ < 6 and (np.bincount(y_res)[:2] < 30).any()
    free = AllKNN(n_neighbors=6, allow_minority=True)
    free.fit_resample(X, y)
    assert free.n_iter_ > stopped.n_iter_
    assert free.sample_indices_.size < stopped.sample_indices_.size


CASES = [
    (AllKNN, ImbAllKNN, {}),
    (AllKNN, ImbAllKNN, {"n_neighbors": 5, "allow_minority": True}),
    (AllKNN, ImbAllKNN, {"n_neighbors": NearestNeighbors(n_neighbors=4)}),
    (AllKNN, ImbAllKNN, {"n_neighbors": NearestNeighbors(n_neighbors=9)}),
    (AllKNN, ImbAllKNN, {"sampling_strategy": "all"}),
    (RepeatedEditedNearestNeighbours, ImbRENN, {}),
    (RepeatedEditedNearestNeighbours, ImbRENN, {"max_iter": 2}),
    (RepeatedEditedNearestNeighbours, ImbRENN, {"sampling_strategy": "majority"}),
]


@pytest.mark.parametrize(("ours", "theirs", "params"), CASES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_repeated_editing_keeps_the_rows_imblearn_keeps(ours, theirs, params, seed):
    X, y = noisy(seed)
    mine, reference = ours(**params), theirs(**params)
    mine.fit_resample(X, y)
    reference.fit_resample(X, y)
    np.testing.assert_array_equal(mine.sample_indices_, np.sort(reference.sample_indices_))
    if ours is RepeatedEditedNearestNeighbours:
        assert mine.n_iter_ == reference.n_iter_
    if not isinstance(params.get("n_neighbors", 3), int):
        assert mine.nn_.n_neighbors == params["n_neighbors"].n_neighbors


# --------------------------------------------------------------------------- NCR


def test_ncr_removes_enn_rows_and_the_neighbours_of_misclassified_minority_rows():
    X, y = noisy(4)
    sampler = NeighbourhoodCleaningRule()
    sampler.fit_resample(X, y)
    near = nearest_others(X, 3)
    # A1: ENN with kind_sel="mode" (no tie can keep a row its neighbours outvote).
    around = y[near]
    own = (around == y[:, None]).sum(axis=1)
    most = np.max([(around == c).sum(axis=1) for c in range(3)], axis=0)
    a1 = set(np.flatnonzero((own < most) & (y != 2)).tolist())
    # A2: neighbours of minority rows that they and their 2 nearest neighbours outvote.
    a2 = set()
    for i in np.flatnonzero(y == 2):
        votes = np.bincount(np.concatenate([[2], y[near[i, :2]]]), minlength=3)
        if np.argmax(votes) != 2:
            a2 |= {j for j in near[i].tolist() if y[j] != 2}  # both classes > 0.5 x minority
    removed = set(range(y.size)) - set(sampler.sample_indices_.tolist())
    assert a1 and a2 - a1 and removed == a1 | a2
    assert sampler.classes_to_clean_ == [0, 1]


def test_ncr_threshold_leaves_small_classes_out_of_the_second_step():
    X, y = noisy(4)
    sampler = NeighbourhoodCleaningRule(threshold_cleaning=3.0)  # 60 < 3 x 25 < 120
    sampler.fit_resample(X, y)
    assert sampler.classes_to_clean_ == [0]


@pytest.mark.parametrize(
    "params",
    [{}, {"n_neighbors": 5}, {"sampling_strategy": "all"}, {"threshold_cleaning": 3.0}],
)
def test_ncr_keeps_the_rows_imblearn_keeps_on_binary_data(params):
    X, y = noisy(5, n=(150, 40))
    ours, theirs = NeighbourhoodCleaningRule(**params), ImbNCR(**params)
    ours.fit_resample(X, y)
    theirs.fit_resample(X, y)
    np.testing.assert_array_equal(ours.sample_indices_, theirs.sample_indices_)


def test_ncr_on_three_classes_agrees_with_imblearn_but_for_enn_mode_ties():
    X, y = noisy(6)
    ours = NeighbourhoodCleaningRule(edited_nearest_neighbours=EditedNearestNeighbours())
    theirs = ImbNCR(edited_nearest_neighbours=ImbENN())
    ours.fit_resample(X, y)
    theirs.fit_resample(X, y)
    np.testing.assert_array_equal(ours.sample_indices_, theirs.sample_indices_)
    # kind_sel="mode": a 1-1-1 tie keeps the row here; imbalanced-learn removes it.
    ours, theirs = NeighbourhoodCleaningRule(), ImbNCR()
    ours.fit_resample(X, y)
    theirs.fit_resample(X, y)
    extra = set(ours.sample_indices_.tolist()) - set(theirs.sample_indices_.tolist())
    assert set(theirs.sample_indices_.tolist()) <= set(ours.sample_indices_.tolist())
    around = y[nearest_others(X, 3)]
    for i in extra:
        assert sorted(np.bincount(around[i], minlength=3).tolist()) == [1, 1, 1]


def test_ncr_clones_the_editor_it_is_given():
    X, y = noisy(4)
    editor = EditedNearestNeighbours(n_neighbors=5)
    sampler = NeighbourhoodCleaningRule(edited_nearest_neighbours=editor)
    sampler.fit_resample(X, y)
    assert not hasattr(editor, "sample_indices_")
    assert sampler.edited_nearest_neighbours_.n_neighbors == 5
    assert hasattr(sampler.edited_nearest_neighbours_, "sample_indices_")


def test_renn_sample_indices_match_the_rows_returned_when_the_first_pass_settles():
    X = np.array([[0.0], [10.0], [0.1], [10.1], [0.2], [10.2], [0.3]])
    y = np.array([0, 1, 0, 1, 0, 1, 0])
    sampler = RepeatedEditedNearestNeighbours()
    X_res, _ = sampler.fit_resample(X, y)
    assert sampler.n_iter_ == 1
    np.testing.assert_array_equal(X_res, X[sampler.sample_indices_])
    np.testing.assert_array_equal(sampler.sample_indices_, np.arange(7))
    # imbalanced-learn 0.14 applies its last pass's indices twice here: they then name
    # other rows than those it returns.
    theirs = ImbRENN()
    X_theirs, _ = theirs.fit_resample(X, y)
    assert not np.array_equal(X_theirs, X[theirs.sample_indices_])
