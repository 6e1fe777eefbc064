"""Checks every registered sampler must pass, whatever its algorithm.

Each sampler declares its own test parameters next to its code (``_test_params``: a list
of constructor arguments; ``_test_bad_params``: arguments that must be refused, with the
message expected). New samplers get these checks by being registered.
"""

from __future__ import annotations

import inspect
import pickle
import re
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import polars as pl
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.base import clone

from sampler_checks import same_data, snapshot
from smotekit._base import BaseOverSampler, BaseUnderSampler
from smotekit._registry import SAMPLERS, sampler_class
from smotekit._strategy import CLEAN


def cases():
    for name in SAMPLERS:
        cls = sampler_class(name)
        if getattr(cls, "_sampling_type", None) == "bypass":
            continue  # FunctionSampler returns what its function does: test_function_sampler.py
        for i, params in enumerate(cls._test_params()):
            yield pytest.param(cls, params, id=f"{name}-{i}")


def bad_cases():
    for name in SAMPLERS:
        cls = sampler_class(name)
        for i, (params, message) in enumerate(getattr(cls, "_test_bad_params", list)()):
            yield pytest.param(cls, params, message, id=f"{name}-{i}")


CASES = list(cases())
SEEDED = [c for c in CASES if "random_state" in inspect.signature(c.values[0]).parameters]


def make(cls, params, **extra):
    with_seed = "random_state" in inspect.signature(cls).parameters
    kwargs = {"random_state": 0} if with_seed else {}
    return cls(**{**kwargs, **params, **extra})


def kind(sampler) -> str:
    if isinstance(sampler, BaseOverSampler):
        return "over"
    if isinstance(sampler, BaseUnderSampler):
        return "clean" if sampler._sampling_type == CLEAN else "under"
    return "combine"


def data(n_per_class=(40, 24, 14), dtype=np.float64):
    """Three overlapping classes; the last column holds small integers (0-2), so samplers
    of categorical columns can treat it as one."""
    rng = np.random.default_rng(7)
    y = np.repeat(np.arange(3), n_per_class)
    X = rng.normal(size=(y.size, 3)) + 0.9 * y[:, None]
    codes = (y + rng.integers(0, 2, size=y.size)) % 3
    X = np.column_stack([X, codes]).astype(dtype)
    order = rng.permutation(y.size)
    return X[order], y[order]


def quiet_resample(sampler, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sampler.fit_resample(X, y)


def to_numpy(X) -> np.ndarray:
    if sp.issparse(X):
        return X.toarray()
    if isinstance(X, pd.DataFrame | pl.DataFrame):
        return X.to_numpy()
    return np.asarray(X)


# --------------------------------------------------------------------------- estimator API


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_init_stores_params_only_and_clone_round_trips(cls, params):
    sampler = make(cls, params)
    assert set(vars(sampler)) == set(sampler.get_params(deep=False))
    twin = clone(sampler)
    assert twin.get_params(deep=False).keys() == sampler.get_params(deep=False).keys()
    assert type(twin) is cls
    for key, value in sampler.get_params(deep=False).items():
        assert repr(twin.get_params(deep=False)[key]) == repr(value), key
    # set_params stores exactly what it is given (checked later, at fit) and returns self.
    given = {key: object() for key in sampler.get_params(deep=False)}
    assert twin.set_params(**given) is twin
    assert all(twin.get_params(deep=False)[key] is given[key] for key in given)


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_fit_resample_keeps_params_and_names_fitted_attributes_with_underscore(cls, params):
    X, y = data()
    sampler = make(cls, params)
    before = {k: snapshot(v) for k, v in sampler.get_params(deep=False).items()}
    quiet_resample(sampler, X, y)
    for key, value in before.items():
        after = sampler.get_params(deep=False)[key]
        assert type(after) is type(value) and repr(after) == repr(value), key
    fitted = set(vars(sampler)) - set(before)
    assert fitted, "fit_resample set no fitted attribute"
    assert all(name.endswith("_") for name in fitted), fitted
    assert {"sampling_strategy_", "classes_", "n_features_in_"} <= fitted


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_fit_returns_self_and_resolves_the_strategy(cls, params):
    X, y = data()
    sampler = make(cls, params)
    assert sampler.fit(X, y) is sampler
    assert isinstance(sampler.sampling_strategy_, dict)


# --------------------------------------------------------------------------- counts


# Class counts after resampling data() (classes 0/1/2 of 40/24/14 rows), worked out by hand
# from imbalanced-learn's definitions of each sampling_strategy form: over-sampling raises
# the chosen classes to the majority's count (a dict or callable gives the counts wanted,
# a float r raises the minority to int(r * n_majority)); under-sampling lowers them to the
# minority's count (a dict gives the counts wanted, a float r lowers the majority to
# int(n_minority / r)). Float forms are binary only, so they use classes 0 and 2.
EXPECTED_COUNTS = {
    "over": [
        ("auto", {0: 40, 1: 40, 2: 40}),
        ("minority", {0: 40, 1: 24, 2: 40}),
        ("not minority", {0: 40, 1: 40, 2: 14}),
        ("not majority", {0: 40, 1: 40, 2: 40}),
        ("all", {0: 40, 1: 40, 2: 40}),
        ({1: 30, 2: 31}, {0: 40, 1: 30, 2: 31}),
        (lambda y: {1: 30, 2: 31}, {0: 40, 1: 30, 2: 31}),
        (0.8, {0: 40, 2: 32}),
    ],
    "under": [
        ("auto", {0: 14, 1: 14, 2: 14}),
        ("majority", {0: 14, 1: 24, 2: 14}),
        ("not minority", {0: 14, 1: 14, 2: 14}),
        ("not majority", {0: 40, 1: 14, 2: 14}),
        ("all", {0: 14, 1: 14, 2: 14}),
        ({0: 20, 1: 15}, {0: 20, 1: 15, 2: 14}),
        (lambda y: {0: 20, 1: 15}, {0: 20, 1: 15, 2: 14}),
        (0.8, {0: 17, 2: 14}),
    ],
}


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_counts_are_exactly_those_asked_for(cls, params):
    X, y = data()
    assert Counter(y.tolist()) == {0: 40, 1: 24, 2: 14}
    sampler = make(cls, params)
    family = kind(sampler)
    if family not in EXPECTED_COUNTS:
        # Cleaners and combinations decide their own counts: only removal, never growth,
        # of the classes they were allowed to clean.
        X_res, y_res = quiet_resample(sampler, X, y)
        assert len(X_res) == len(y_res)
        assert set(np.unique(y_res)) <= set(np.unique(y))
        return
    for form, expected in EXPECTED_COUNTS[family]:
        X_f, y_f = (X[y != 1], y[y != 1]) if isinstance(form, float) else (X, y)
        sampler = make(cls, params, sampling_strategy=form)
        X_res, y_res = quiet_resample(sampler, X_f, y_f)
        assert dict(Counter(np.asarray(y_res).tolist())) == expected, form
        assert len(X_res) == len(y_res)
        assert getattr(sampler, "skipped_classes_", {}) == {}


@pytest.mark.parametrize(("cls", "params"), SEEDED)
def test_same_seed_same_output(cls, params):
    X, y = data()
    first = quiet_resample(make(cls, params, random_state=3), X, y)
    second = quiet_resample(make(cls, params, random_state=3), X, y)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


# --------------------------------------------------------------------------- pickling


def same_value(a, b, depth: int = 0) -> bool:
    """``a`` equals ``b``, looking inside arrays, containers and fitted estimators."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return (
            a.dtype == b.dtype
            and a.shape == b.shape
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k], depth) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same_value(x, z, depth) for x, z in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b or (np.isnan(a) and np.isnan(b))
    if hasattr(a, "__dict__") and not isinstance(a, type):
        return depth < 4 and same_value(vars(a), vars(b), depth + 1)
    return bool(a == b)


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_pickle_round_trip_unfitted_and_fitted(cls, params):
    X, y = data()
    sampler = make(cls, params)
    twin = pickle.loads(pickle.dumps(sampler))
    assert type(twin) is cls
    assert repr(twin.get_params(deep=False)) == repr(sampler.get_params(deep=False))
    assert vars(twin).keys() == vars(sampler).keys()  # nothing fitted on the way

    X_res, y_res = quiet_resample(sampler, X, y)
    restored = pickle.loads(pickle.dumps(sampler))
    assert vars(restored).keys() == vars(sampler).keys()
    for name in vars(sampler):
        if name.endswith("_"):
            assert same_value(getattr(restored, name), getattr(sampler, name)), name
    # The restored sampler resamples as the original did: same random_state, same rows.
    X_again, y_again = quiet_resample(restored, X, y)
    np.testing.assert_array_equal(X_again, X_res)
    np.testing.assert_array_equal(y_again, y_res)


# --------------------------------------------------------------------------- containers


def check_rows(sampler, X_in, X_res, y, y_res, n: int):
    """Output rows relate to the input as the sampler's family promises."""
    X_in, X_out = to_numpy(X_in), to_numpy(X_res)
    y_out = np.asarray(y_res)
    # A smoothed bootstrap (shrinkage_) jitters its copies; its own tests check the noise.
    if hasattr(sampler, "sample_indices_") and not getattr(sampler, "shrinkage_", None):
        np.testing.assert_array_equal(X_out, X_in[sampler.sample_indices_])
        np.testing.assert_array_equal(y_out, np.asarray(y)[sampler.sample_indices_])
    if kind(sampler) == "over":
        np.testing.assert_array_equal(X_out[:n], X_in)
        np.testing.assert_array_equal(y_out[:n], np.asarray(y))
        base = sampler.synthetic_parents_[:, 0]
        np.testing.assert_array_equal(y_out[n:], np.asarray(y)[base])


@pytest.mark.parametrize(("cls", "params"), CASES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_numpy_in_numpy_out_with_its_dtype(cls, params, dtype):
    X, y = data(dtype=dtype)
    X_before, y_before = X.copy(), y.copy()
    sampler = make(cls, params)
    X_res, y_res = quiet_resample(sampler, X, y)
    assert isinstance(X_res, np.ndarray) and X_res.dtype == dtype
    assert isinstance(y_res, np.ndarray) and y_res.dtype == y.dtype
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    check_rows(sampler, X, X_res, y, y_res, y.size)


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_lists_in_lists_out(cls, params):
    X, y = data()
    X_res, y_res = quiet_resample(make(cls, params), X.tolist(), y.tolist())
    assert isinstance(X_res, list) and isinstance(y_res, list)
    assert len(X_res) == len(y_res)


# --- What each sampler does with a sparse X or a missing value: one expected outcome each.
# The default is imbalanced-learn 0.14's behaviour for the sampler of the same name (checked
# by hand: every sampler there keeps CSR/CSC; only RandomOverSampler and RandomUnderSampler
# accept NaN). The exceptions are smotekit's documented ones. A new sampler that does
# otherwise fails these tests until it is declared here.


def needs_dense(sampler) -> bool:
    """docs/samplers.md: "SMOTENC, SMOTEN and a smoothed bootstrap need dense data and say so"."""
    name = type(sampler).__name__
    return name in {"SMOTENC", "SMOTEN"} or (
        name == "RandomOverSampler" and sampler.shrinkage is not None
    )


def carries_missing_values(sampler) -> bool:
    """Whether a NaN in X is accepted rather than refused.

    Random pickers copy rows without arithmetic (RandomOverSampler's docstring: "any data
    works (... missing values ...)"; imbalanced-learn's two random samplers accept NaN too,
    and refuse it under shrinkage). SMOTEN treats a missing value as one more category
    (docs/architecture.md; imbalanced-learn refuses it). Every other sampler computes with X.
    """
    name = type(sampler).__name__
    if name == "RandomOverSampler":
        return sampler.shrinkage is None
    return name in {"RandomUnderSampler", "SMOTEN"}


@pytest.mark.parametrize(("cls", "params"), CASES)
@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_sparse_in_same_format_out_or_refused_where_documented(cls, params, fmt):
    X, y = data()
    X_sparse = sp.csr_matrix(X).asformat(fmt)
    snap = snapshot(X_sparse)
    sampler = make(cls, params)
    if needs_dense(sampler):
        message = f"{cls.__name__}.* so X must be dense; got a sparse matrix"
        with pytest.raises(ValueError, match=message):
            quiet_resample(sampler, X_sparse, y)
        assert same_data(X_sparse, snap)
        return
    X_res, y_res = quiet_resample(sampler, X_sparse, y)
    assert same_data(X_sparse, snap)
    assert sp.issparse(X_res) and X_res.format == fmt and X_res.dtype == X.dtype
    check_rows(sampler, X, X_res, y, y_res, y.size)


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_pandas_in_pandas_out_keeping_names_dtypes_and_index(cls, params):
    X, y = data()
    frame = pd.DataFrame(X[:, :3], columns=["a", "b", "c"], index=np.arange(y.size) * 10 + 5)
    frame["d"] = X[:, 3].astype(np.int64)
    series = pd.Series(y, index=frame.index, name="target")
    snaps = snapshot(frame), snapshot(series)
    sampler = make(cls, params)
    X_res, y_res = quiet_resample(sampler, frame, series)
    assert same_data(frame, snaps[0])
    assert same_data(series, snaps[1])
    assert isinstance(X_res, pd.DataFrame) and isinstance(y_res, pd.Series)
    assert list(X_res.columns) == ["a", "b", "c", "d"] and y_res.name == "target"
    assert list(X_res.dtypes) == list(frame.dtypes)
    assert X_res.index.equals(y_res.index)
    if kind(sampler) == "over":
        assert X_res.index.is_unique
        pd.testing.assert_frame_equal(X_res.iloc[: len(frame)], frame)
    else:
        # Rows picked from the input keep their labels; synthetic rows get new ones.
        originals = X_res.loc[X_res.index.isin(frame.index)]
        pd.testing.assert_frame_equal(originals, frame.loc[originals.index])
        assert kind(sampler) == "combine" or len(originals) == len(X_res)
    assert list(getattr(sampler, "feature_names_in_", [])) == ["a", "b", "c", "d"]


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_polars_in_polars_out_keeping_names_and_dtypes(cls, params):
    X, y = data()
    frame = pl.DataFrame({"a": X[:, 0], "b": X[:, 1], "c": X[:, 2], "d": X[:, 3].astype(int)})
    series = pl.Series("target", y)
    snaps = snapshot(frame), snapshot(series)
    X_res, y_res = quiet_resample(make(cls, params), frame, series)
    assert same_data(frame, snaps[0])
    assert same_data(series, snaps[1])
    assert isinstance(X_res, pl.DataFrame) and isinstance(y_res, pl.Series)
    assert X_res.schema == frame.schema and y_res.name == "target"
    assert len(X_res) == len(y_res)


# --------------------------------------------------------------------------- provenance


@pytest.mark.parametrize(
    ("cls", "params"),
    [c for c in CASES if issubclass(c.values[0], BaseOverSampler)],
)
def test_synthetic_rows_are_explained_by_their_provenance(cls, params):
    X, y = data()
    sampler = make(cls, params)
    X_res, _ = quiet_resample(sampler, X, y)
    parents, steps = sampler.synthetic_parents_, sampler.synthetic_steps_
    assert parents.shape == (len(X_res) - len(X), 2) and steps.shape == (parents.shape[0],)
    base, nb = parents[:, 0], parents[:, 1]
    expected = X[base] + steps[:, None] * (X[nb] - X[base])
    # Columns a sampler treats as categorical are not interpolated; compare the others.
    categorical = getattr(sampler, "categorical_features_", [])
    numeric = [j for j in range(X.shape[1]) if j not in categorical]
    if getattr(sampler, "shrinkage_", None):
        return  # a smoothed bootstrap adds noise; its own tests check the noise
    np.testing.assert_allclose(X_res[len(X) :, numeric], expected[:, numeric], atol=1e-9)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("cls", "params", "message"), list(bad_cases()))
def test_bad_parameters_are_refused_by_name(cls, params, message):
    X, y = data()
    with pytest.raises((ValueError, TypeError), match=message):
        make(cls, params).fit_resample(X, y)


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_bad_input_gets_a_clear_error(cls, params):
    X, y = data()
    sampler = make(cls, params)
    with pytest.raises(ValueError, match="different lengths"):
        sampler.fit_resample(X, y[:-1])
    with pytest.raises(ValueError, match="single class"):
        sampler.fit_resample(X, np.zeros(len(y), dtype=int))
    with pytest.raises(ValueError, match="not in y"):
        make(cls, params, sampling_strategy=[7] if kind(sampler) == "clean" else {7: 50}).fit(X, y)
    with pytest.raises(ValueError, match="sampling_strategy"):
        make(cls, params, sampling_strategy="most").fit(X, y)
    with pytest.raises(ValueError, match="2-D"):
        sampler.fit_resample(X[:, 0], y)


@pytest.mark.parametrize(("cls", "params"), CASES)
def test_missing_values_are_carried_or_refused_as_declared(cls, params):
    X, y = data()
    X[5, 1] = np.nan
    sampler = make(cls, params)
    if not carries_missing_values(sampler):
        with pytest.raises(ValueError, match=r"X contains NaN: row 5, column 1 is nan\b"):
            quiet_resample(sampler, X, y)
        return
    X_res, y_res = quiet_resample(sampler, X, y)
    missing = np.isnan(X_res)
    assert not missing[:, [0, 2, 3]].any(), "a missing value appeared in another column"
    if kind(sampler) == "over":
        np.testing.assert_array_equal(X_res[: len(X)], X)  # NaN compares equal here
    # Each NaN in column 1 is a copy of row 5's: the class of row 5, and (for a row
    # picker) the rest of row 5 with it. SMOTEN draws each column from the base or the
    # neighbour, so its NaNs carry only the class.
    assert (np.asarray(y_res)[missing[:, 1]] == y[5]).all()
    if type(sampler).__name__ != "SMOTEN":
        like_row_5 = (X_res[:, [0, 2, 3]] == X[5, [0, 2, 3]]).all(axis=1)
        np.testing.assert_array_equal(missing[:, 1], like_row_5)


# --------------------------------------------------------------------------- property


OVER_CASES = [c for c in CASES if issubclass(c.values[0], BaseOverSampler)]


@pytest.mark.parametrize(("cls", "params"), OVER_CASES)
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    sizes=st.lists(st.integers(6, 30), min_size=2, max_size=3),
    extra=st.lists(st.integers(0, 25), min_size=3, max_size=3),
    spread=st.sampled_from([0.3, 1.0, 3.0]),
    seed=st.integers(0, 2**16),
)
def test_over_samplers_add_exactly_what_is_asked_or_say_why(
    cls, params, sizes, extra, spread, seed
):
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(sizes)), sizes)
    X = rng.normal(size=(y.size, 3)) * spread + y[:, None]
    X = np.column_stack([X, rng.integers(0, 3, size=y.size)])  # a small-integer column
    wanted = {c: sizes[c] + extra[c] for c in range(len(sizes))}
    sampler = make(cls, params, sampling_strategy=wanted)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            X_res, y_res = sampler.fit_resample(X, y)
    except ValueError as error:
        # A refusal must say what to change: name a parameter or the class concerned.
        assert re.search(
            r"k_neighbors|n_neighbors|m_neighbors|cluster_balance|class \d", str(error)
        )
        return
    skipped = getattr(sampler, "skipped_classes_", {})
    # Each class left short is named in a warning and in skipped_classes_, and only those.
    warned = [re.search(r"no rows generated for class (\d+)", str(w.message)) for w in caught]
    assert {int(m.group(1)) for m in warned if m} == set(skipped)
    got = Counter(y_res.tolist())
    for c in range(len(sizes)):
        assert got[c] == (sizes[c] if c in skipped else wanted[c])
    np.testing.assert_array_equal(X_res[: y.size], X)
