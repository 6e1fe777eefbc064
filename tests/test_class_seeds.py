"""Class seeds are a pure function, and the in-memory and Dask paths draw from the same ones.

The expectations come from numpy's own ``SeedSequence.spawn`` and scikit-learn's exact
neighbour search, not from the code under test.
"""

from __future__ import annotations

import dask.array as da
import numpy as np
from sklearn.neighbors import NearestNeighbors

from smotekit import SMOTE
from smotekit._dask import _engine
from smotekit._plan import segment_draws
from smotekit._random import class_generators, class_seed


def state(seed: np.random.SeedSequence) -> list:
    return seed.generate_state(4).tolist()


def test_class_seed_is_the_spawned_child_whatever_was_spawned_before():
    root = np.random.SeedSequence(11)
    root.spawn(5)  # call history a stateful spawn would count
    expected = np.random.SeedSequence(11).spawn(3)
    assert [state(class_seed(root, i)) for i in range(3)] == [state(s) for s in expected]


def test_class_streams_start_from_the_class_seeds():
    streams = class_generators(4, ["a", "b", "c"])
    streams["a"].random(10)  # drawing from one stream changes no seed
    for position, label in enumerate(["a", "b", "c"]):
        expected = np.random.SeedSequence(4).spawn(3)[position]
        assert state(streams.seed(label)) == state(expected)


def three_classes():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(150, 3))
    y = np.repeat([0, 1, 2], [100, 30, 20])
    return X, y


def test_in_memory_smote_draws_from_the_class_seed():
    X, y = three_classes()
    sampler = SMOTE(random_state=7, k_neighbors=4)
    sampler.fit_resample(X, y)
    start = 0
    for position, label in enumerate([0, 1, 2]):
        n_new = sampler.sampling_strategy_.get(label, 0)
        if not n_new:
            continue
        rows = np.flatnonzero(y == label)
        search = NearestNeighbors(n_neighbors=5).fit(X[rows])
        nearest = search.kneighbors(X[rows], return_distance=False)[:, 1:]
        seed = np.random.SeedSequence(7).spawn(3)[position]
        local, neighbor, step = segment_draws(nearest, n_new, seed)
        stop = start + n_new
        np.testing.assert_array_equal(sampler.synthetic_parents_[start:stop, 0], rows[local])
        np.testing.assert_array_equal(sampler.synthetic_parents_[start:stop, 1], rows[neighbor])
        np.testing.assert_array_equal(sampler.synthetic_steps_[start:stop], step)
        start = stop
    assert start == len(sampler.synthetic_steps_) == 70 + 80


def test_dask_uses_the_same_class_seeds_and_draws_the_same_rows():
    X, y = three_classes()
    order = np.random.default_rng(1).permutation(len(y))  # classes spread over partitions
    X, y = X[order], y[order]
    X_lazy, y_lazy = da.from_array(X, chunks=40), da.from_array(y, chunks=40)
    lazy = SMOTE(random_state=7, k_neighbors=4)
    job = _engine.plan_job(lazy, X_lazy, y_lazy)
    seeds = {}
    for block in job.blocks:
        rows = block.rows.compute()
        seeds[rows.label] = state(rows.seed)
    expected = np.random.SeedSequence(7).spawn(3)
    assert seeds == {1: state(expected[1]), 2: state(expected[2])}

    X_res, y_res = lazy.fit_resample(X_lazy, y_lazy)
    eager = SMOTE(random_state=7, k_neighbors=4)
    X_ref, y_ref = eager.fit_resample(X, y)
    np.testing.assert_array_equal(X_res.compute(), X_ref)
    np.testing.assert_array_equal(y_res.compute(), y_ref)
    np.testing.assert_array_equal(lazy.synthetic_parents_.compute(), eager.synthetic_parents_)
    np.testing.assert_array_equal(lazy.synthetic_steps_.compute(), eager.synthetic_steps_)
