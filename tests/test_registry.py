import pytest

from smotekit import SMOTE
from smotekit._registry import make_sampler, sampler_class, sampler_names


def test_every_name_resolves_to_a_sampler():
    for name in sampler_names():
        assert hasattr(sampler_class(name), "fit_resample")


def test_lookup_is_case_insensitive_and_params_are_filtered():
    sampler = make_sampler("smote", k_neighbors=3, random_state=1, not_a_param=2)
    assert isinstance(sampler, SMOTE)
    assert sampler.get_params()["k_neighbors"] == 3


def test_unknown_name_lists_known_ones():
    with pytest.raises(ValueError, match=r"unknown sampler 'smoot'.*SMOTE"):
        sampler_class("smoot")


@pytest.mark.parametrize("name", ["SMOTETomek", "SMOTEENN"])
def test_k_neighbors_reaches_the_inner_smote_of_a_combination(name):
    sampler = make_sampler(name, k_neighbors=2, random_state=4)
    assert sampler.smote.get_params()["k_neighbors"] == 2
    assert sampler.smote.get_params()["random_state"] == 4
    assert make_sampler(name).smote is None
