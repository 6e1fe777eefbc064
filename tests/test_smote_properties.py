"""Property tests of SMOTE over random inputs, checked against an independent brute-force kNN."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sampler_checks import (
    class_segments,
    distance_tol,
    global_acceptable,
    match_segments,
    value_atol,
)
from smotekit import SMOTE

FORMS = ("auto", "minority", "not minority", "not majority", "all", "float", "dict", "callable")
SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]


@st.composite
def labelled_data(draw, n_classes=None, max_size=25):
    """X (n x d, float64 or float32) and y with 2-4 classes of varied sizes, shuffled.

    Values come from one of three generators: a small integer grid (many exact distance
    ties and duplicate rows), hypothesis floats in [-10, 10] (repeated values, zeros,
    extremes), or continuous normal draws (no ties).
    """
    c = draw(n_classes if n_classes is not None else st.integers(2, 4))
    sizes = draw(st.lists(st.integers(2, max_size), min_size=c, max_size=c))
    labels = sorted(draw(st.sets(st.integers(-5, 40), min_size=c, max_size=c)))
    d = draw(st.integers(1, 6))
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    n = sum(sizes)
    mode = draw(st.sampled_from(["grid", "floats", "normal"]))
    if mode == "grid":
        X = draw(arrays(dtype, (n, d), elements=st.integers(-3, 3).map(float)))
    elif mode == "floats":
        X = draw(arrays(dtype, (n, d), elements=st.floats(-10, 10, width=32)))
    else:
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        X = (rng.normal(size=(n, d)) * draw(st.sampled_from([0.1, 1.0, 5.0]))).astype(dtype)
    y = np.repeat(np.array(labels), sizes)
    y = y[np.array(draw(st.permutations(list(range(n)))))]
    return X, y


def expected_new_rows(form, counts: dict, choice) -> tuple[object, dict]:
    """(sampling_strategy to pass, {label: rows SMOTE must add}) computed from the definition.

    ``counts`` is in sorted label order; ties for majority/minority go to the smallest label
    (imbalanced-learn's rule). ``choice`` is a hypothesis ``data`` object for extra draws.
    """
    labels = list(counts)
    big = max(counts.values())
    majority = next(c for c in labels if counts[c] == big)
    minority = next(c for c in labels if counts[c] == min(counts.values()))
    chosen = {
        "auto": [c for c in labels if c != majority],
        "not majority": [c for c in labels if c != majority],
        "minority": [minority],
        "not minority": [c for c in labels if c != minority],
        "all": labels,
    }
    if form in chosen:
        return form, {c: big - counts[c] for c in chosen[form]}
    if form == "float":
        low = counts[minority] / big
        ratio = choice.draw(st.floats(low, 1.0), label="ratio")
        final = int(big * ratio)
        if final < counts[minority]:  # float rounding at the lower bound
            ratio, final = 1.0, big
        return ratio, {minority: final - counts[minority]}
    picked = choice.draw(st.lists(st.sampled_from(labels), min_size=1, unique=True), label="keys")
    wanted = {c: counts[c] + choice.draw(st.integers(0, 30), label=f"extra {c}") for c in picked}
    new = {c: wanted[c] - counts[c] for c in sorted(wanted)}
    if form == "dict":
        return wanted, new
    return (lambda y: dict(wanted)), new


@st.composite
def smote_cases(draw, forms=FORMS):
    """Data, a sampling_strategy of a drawn form, the rows it must add, and a valid k."""
    form = draw(st.sampled_from(forms), label="form")
    if form == "float":
        X, y = draw(labelled_data(n_classes=st.just(2)))
    else:
        X, y = draw(labelled_data())
    counts = dict(sorted(Counter(y.tolist()).items()))
    strategy, new = expected_new_rows(form, counts, draw(st.data()))
    grown = [counts[c] for c, n in new.items() if n > 0]
    k_max = min([*grown, 6]) - 1
    k = max(1, k_max - draw(st.integers(0, max(0, k_max - 1)), label="k below max"))
    seed = draw(st.integers(0, 2**32 - 1), label="seed")
    return X, y, strategy, new, k, seed


def run(X, y, strategy, k, seed):
    sampler = SMOTE(sampling_strategy=strategy, k_neighbors=k, random_state=seed)
    X_res, y_res = sampler.fit_resample(X, y)
    return sampler, X_res, y_res


@settings(max_examples=120, deadline=None, suppress_health_check=SLOW_DATA)
@given(smote_cases())
def test_synthetic_rows_follow_provenance_on_brute_force_knn_segments(case):
    X, y, strategy, _, k, seed = case
    sampler, X_res, y_res = run(X, y, strategy, k, seed)
    n = y.size
    synthetic, labels = X_res[n:], y_res[n:]
    parents, steps = sampler.synthetic_parents_, sampler.synthetic_steps_
    assert parents.shape == (synthetic.shape[0], 2)
    assert steps.shape == (synthetic.shape[0],)
    if synthetic.shape[0] == 0:
        return
    base, nb = parents[:, 0], parents[:, 1]
    assert ((parents >= 0) & (parents < n)).all()
    # Both parents are rows of the synthetic row's class, and distinct rows.
    np.testing.assert_array_equal(y[base], labels)
    np.testing.assert_array_equal(y[nb], labels)
    assert (base != nb).all()
    assert ((steps >= 0) & (steps < 1)).all()
    # The neighbour is one of the base's k nearest same-class rows (brute force, ties allowed).
    acceptable = global_acceptable(X, y, k, distance_tol(X, X.dtype))
    assert acceptable[base, nb].all(), "a neighbour is not among its base's k nearest"
    # The row is exactly base + t * (neighbour - base).
    Xf = X.astype(np.float64)
    expected = Xf[base] + steps[:, None] * (Xf[nb] - Xf[base])
    np.testing.assert_allclose(synthetic, expected, rtol=0, atol=value_atol(X, X.dtype))


@settings(max_examples=120, deadline=None, suppress_health_check=SLOW_DATA)
@given(smote_cases())
def test_synthetic_rows_lie_on_knn_segments_without_trusting_provenance(case):
    X, y, strategy, _, k, seed = case
    _, X_res, y_res = run(X, y, strategy, k, seed)
    n = y.size
    synthetic, labels = X_res[n:], y_res[n:]
    atol = value_atol(X, X.dtype)
    tol = distance_tol(X, X.dtype)
    for label in np.unique(labels):
        base, nb = class_segments(X, y, label, k, tol)
        match = match_segments(synthetic[labels == label], X, base, nb, atol)
        assert (match.n_candidates >= 1).all()


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW_DATA)
@given(smote_cases())
def test_counts_match_every_strategy_form(case):
    X, y, strategy, new, k, seed = case
    sampler, X_res, y_res = run(X, y, strategy, k, seed)
    before = Counter(y.tolist())
    after = Counter(np.asarray(y_res).tolist())
    expected = {c: before[c] + new.get(c, 0) for c in before}
    assert dict(after) == expected
    assert len(X_res) == len(y_res) == y.size + sum(new.values())
    assert sampler.sampling_strategy_ == new
    assert list(sampler.sampling_strategy_) == sorted(new)


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW_DATA)
@given(smote_cases(), st.integers(0, 2**32 - 1))
def test_same_seed_same_output_other_seed_differs(case, other_seed):
    X, y, strategy, new, k, seed = case
    first, X1, y1 = run(X, y, strategy, k, seed)
    second, X2, y2 = run(X, y, strategy, k, seed)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    np.testing.assert_array_equal(first.synthetic_parents_, second.synthetic_parents_)
    np.testing.assert_array_equal(first.synthetic_steps_, second.synthetic_steps_)
    if other_seed != seed and sum(new.values()) > 0:
        third, _, _ = run(X, y, strategy, k, other_seed)
        # Steps are U(0, 1) floats: two independent streams never agree on all of them.
        assert not np.array_equal(first.synthetic_steps_, third.synthetic_steps_)


@settings(max_examples=80, deadline=None, suppress_health_check=SLOW_DATA)
@given(smote_cases())
def test_originals_first_unchanged_then_synthetic_grouped_by_sorted_label(case):
    X, y, strategy, new, k, seed = case
    X_before, y_before = X.copy(), y.copy()
    _, X_res, y_res = run(X, y, strategy, k, seed)
    n = y.size
    assert X_res.dtype == X.dtype
    assert y_res.dtype == y.dtype
    np.testing.assert_array_equal(X_res[:n], X_before)
    np.testing.assert_array_equal(y_res[:n], y_before)
    np.testing.assert_array_equal(X, X_before)  # the input itself is untouched
    np.testing.assert_array_equal(y, y_before)
    grown = [c for c in sorted(new) if new[c] > 0]
    expected_labels = np.repeat(np.array(grown, dtype=y.dtype), [new[c] for c in grown])
    np.testing.assert_array_equal(y_res[n:], expected_labels)
