"""smotekit.utils: the same results and exception classes as imblearn.utils on fixed inputs."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn import utils as imb
from sklearn.neighbors import NearestNeighbors

from smotekit.utils import check_neighbors_object, check_sampling_strategy, check_target_type

MULTI = np.array([0] * 10 + [1] * 5 + [2] * 3)
TEXT = np.array(["a"] * 10 + ["b"] * 4)
STRATEGIES = [
    "auto",
    "all",
    "minority",
    "majority",
    "not minority",
    "not majority",
    "bad",
    0.5,
    1.5,
    {0: 10, 1: 6, 2: 3},
    {2: 3},
    {0: 20},
    {"a": 10, "b": 2},
    [0, 1],
    ["a"],
    lambda y: {1: 4},
    lambda y: {"b": 2},
]
KINDS = ["over-sampling", "under-sampling", "clean-sampling", "ensemble", "bypass"]


def outcome(function, *args, **kwargs):
    try:
        return {k: int(v) for k, v in function(*args, **kwargs).items()}
    except AttributeError:  # "ensemble" and "bypass" hand the strategy back
        return function(*args, **kwargs)
    except Exception as error:
        return type(error)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("y", [MULTI, TEXT], ids=["multiclass", "text"])
def test_check_sampling_strategy_matches_imbalanced_learn(y, kind):
    for strategy in STRATEGIES:
        ours = outcome(check_sampling_strategy, strategy, y, kind)
        theirs = outcome(imb.check_sampling_strategy, strategy, y, kind)
        if callable(strategy):
            assert ours == theirs or (isinstance(ours, type) and isinstance(theirs, type))
        else:
            assert ours == theirs, (strategy, kind)


def test_check_sampling_strategy_is_sorted_and_passes_kwargs_to_a_callable():
    result = check_sampling_strategy(lambda y, n: {2: n, 1: n}, MULTI, "under-sampling", n=3)
    assert list(result.items()) == [(1, 3), (2, 3)]
    with pytest.raises(ValueError, match="more than 1 class"):
        check_sampling_strategy("auto", np.zeros(5), "over-sampling")
    with pytest.raises(ValueError, match="sampling_type"):
        check_sampling_strategy("auto", MULTI, "upsampling")


def test_check_target_type_matches_imbalanced_learn():
    one_hot = np.eye(3, dtype=int)[[0, 2, 1, 2]]
    for y in (one_hot, MULTI, TEXT):
        ours, ours_flag = check_target_type(y, indicate_one_vs_all=True)
        theirs, theirs_flag = imb.check_target_type(y, indicate_one_vs_all=True)
        np.testing.assert_array_equal(ours, theirs)
        assert ours_flag == theirs_flag
    assert check_target_type(MULTI) is MULTI
    with pytest.raises(ValueError, match="exactly one 1"):
        check_target_type(np.array([[1, 1, 0], [0, 1, 0]]))


def test_check_neighbors_object_gives_the_neighbours_imbalanced_learn_does():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    ours = check_neighbors_object("n_neighbors", 3, additional_neighbor=1)
    theirs = imb.check_neighbors_object("n_neighbors", 3, additional_neighbor=1)
    assert ours.n_neighbors == theirs.n_neighbors == 4
    np.testing.assert_array_equal(
        ours.fit(X).kneighbors(X, return_distance=False),
        theirs.fit(X).kneighbors(X, return_distance=False),
    )
    given = NearestNeighbors(n_neighbors=5)
    cloned = check_neighbors_object("k_neighbors", given)
    assert cloned is not given and cloned.get_params() == given.get_params()
    with pytest.raises(ValueError, match="k_neighbors"):
        check_neighbors_object("k_neighbors", "five")
