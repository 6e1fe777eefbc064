"""Defining properties of CCR, LVQ-SMOTE, Assembled-SMOTE, Safe-Level-SMOTE, MWMOTE and
Geometric SMOTE, each checked against an expectation computed here, independently (brute
force with scikit-learn's NearestNeighbors, or by hand), plus a ROC-AUC comparison with
smote-variants 1.0.1."""

from __future__ import annotations

import logging
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

from smotekit import (
    CCR,
    LVQSMOTE,
    MWMOTE,
    AssembledSMOTE,
    GeometricSMOTE,
    ResamplingWarning,
    SafeLevelSMOTE,
)
from smotekit.over_sampling._assembled import direction_clusters
from smotekit.over_sampling._lvq import lvq1, winning_codes


def imbalanced(n=300, d=2, seed=0, weights=(0.8,)):
    X, y = make_classification(
        n_samples=n,
        n_features=d,
        n_informative=d,
        n_redundant=0,
        n_clusters_per_class=1,
        weights=list(weights),
        class_sep=0.7,
        random_state=seed,
    )
    return X, y


def knn_all(X, k):
    """Each row's k nearest other rows of X (brute force, scikit-learn)."""
    found = NearestNeighbors(n_neighbors=k + 1, algorithm="brute").fit(X).kneighbors(X)[1]
    return np.array([[j for j in row if j != i][:k] for i, row in enumerate(found)])


# --------------------------------------------------------------------------- Safe-Level


def test_safe_level_gaps_stay_on_the_safe_side():
    X, y = imbalanced(seed=1)
    k = 5
    sampler = SafeLevelSMOTE(k_neighbors=k, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    near = knn_all(X, k)
    level = (y[near] == 1).sum(axis=1)  # safe level of every row, for class 1
    np.testing.assert_array_equal(sampler.safe_levels_[1], level[y == 1])
    p, n = sampler.synthetic_parents_.T
    assert all(n[i] in near[p[i]] for i in range(p.size))  # n is one of p's k neighbours
    slp, sln = level[p], level[n]
    assert not np.any((slp == 0) & (sln == 0))  # such pairs make nothing (the paper)
    synthetic = X_res[len(X) :]
    span = X[n] - X[p]
    gap = np.divide(synthetic - X[p], span, out=np.zeros_like(span), where=span != 0)
    ratio = np.divide(slp, sln, out=np.full(slp.shape, np.inf), where=sln > 0)
    eps = 1e-9
    copy = sln == 0
    assert np.allclose(synthetic[copy], X[p][copy])
    equal = ratio == 1
    assert np.all((gap[equal] >= -eps) & (gap[equal] <= 1 + eps))
    safer_base = (ratio > 1) & ~copy
    assert np.all(gap[safer_base] <= (1 / ratio[safer_base])[:, None] + eps)
    assert np.all(gap[safer_base] >= -eps)
    safer_neighbor = ratio < 1
    assert np.all(gap[safer_neighbor] >= (1 - ratio[safer_neighbor])[:, None] - eps)
    assert np.all(gap[safer_neighbor] <= 1 + eps)
    # Every case occurs on this data, so the checks above are not vacuous.
    assert copy.any() and equal.any() and safer_base.any() and safer_neighbor.any()
    assert Counter(y_res.tolist())[1] == Counter(y.tolist())[0]


def test_safe_level_warns_when_no_pair_can_make_a_row():
    # Class 0 in tight pairs (0, 0.1), (10, 10.1), ...; class 1 half-way between pairs: the
    # nearest row of a class-1 row is of class 0, whose own nearest is its pair.
    pairs = np.arange(0.0, 60.0, 10.0)
    X = np.r_[pairs, pairs + 0.1, [5.0, 25.0, 45.0]][:, None]
    y = np.r_[np.zeros(12, int), np.ones(3, int)]
    sampler = SafeLevelSMOTE(k_neighbors=1, random_state=0)
    with pytest.warns(ResamplingWarning, match="safe level 0"):
        X_res, _ = sampler.fit_resample(X, y)
    assert len(X_res) == len(X) and 1 in sampler.skipped_classes_


# --------------------------------------------------------------------------- Geometric


@pytest.mark.parametrize("selection", ["combined", "majority", "minority"])
def test_geometric_rows_lie_in_the_truncated_deformed_sphere(selection):
    X, y = imbalanced(d=3, seed=2)
    k = 4
    sampler = GeometricSMOTE(
        selection_strategy=selection,
        truncation_factor=1.0,
        deformation_factor=0.4,
        k_neighbors=k,
        random_state=0,
    )
    X_res, _ = sampler.fit_resample(X, y)
    center, surface = X[sampler.synthetic_parents_[:, 0]], X[sampler.synthetic_parents_[:, 1]]
    row = X_res[len(X) :]
    radius = np.linalg.norm(surface - center, axis=1)
    unit = (surface - center) / radius[:, None]
    along = np.einsum("ij,ij->i", row - center, unit)
    across = np.linalg.norm(row - center - along[:, None] * unit, axis=1)
    # Inside the sphere, on the surface's side (truncation 1), and the orthogonal part at
    # most (1 - 0.4) of what the sphere allows at that height.
    assert np.all(along >= -1e-9) and np.all(along <= radius + 1e-9)
    allowed = 0.6 * np.sqrt(np.maximum(radius**2 - along**2, 0))
    assert np.all(across <= allowed + 1e-9)
    minority = np.flatnonzero(y == 1)
    own = minority[knn_all(X[minority], k)]
    nearest_other = np.flatnonzero(y == 0)[
        NearestNeighbors(n_neighbors=1).fit(X[y == 0]).kneighbors(X[y == 1])[1][:, 0]
    ]
    local = np.searchsorted(minority, sampler.synthetic_parents_[:, 0])
    s = sampler.synthetic_parents_[:, 1]
    is_own = np.array([s[i] in own[local[i]] for i in range(s.size)])
    is_other = s == nearest_other[local]
    if selection == "minority":
        assert is_own.all()
    elif selection == "majority":
        assert is_other.all()
    else:
        assert (is_own | is_other).all() and is_own.any() and is_other.any()
        # "combined" takes the nearer of the two candidates.
        d_other = np.linalg.norm(X[nearest_other[local]] - center, axis=1)
        assert np.all(radius <= d_other + 1e-9)


def test_geometric_without_truncation_or_deformation_fills_the_ball_uniformly():
    X, y = imbalanced(n=400, d=2, seed=3)
    sampler = GeometricSMOTE(
        truncation_factor=0.0,
        deformation_factor=0.0,
        selection_strategy="minority",
        sampling_strategy={1: 20000},
        random_state=1,
    )
    X_res, _ = sampler.fit_resample(X, y)
    center, surface = X[sampler.synthetic_parents_[:, 0]], X[sampler.synthetic_parents_[:, 1]]
    radius = np.linalg.norm(surface - center, axis=1)
    keep = radius > 0
    rel = (X_res[len(X) :] - center)[keep] / radius[keep, None]
    r = np.linalg.norm(rel, axis=1)
    # Uniform in the unit disc: P(r < 1/2) = 1/4, mean 0, both half-planes alike.
    assert abs(np.mean(r < 0.5) - 0.25) < 0.015
    unit = ((surface - center)[keep]) / radius[keep, None]
    assert abs(np.mean(np.einsum("ij,ij->i", rel, unit) > 0) - 0.5) < 0.015


def test_geometric_full_deformation_puts_rows_on_the_line_and_negative_truncation_flips():
    X, y = imbalanced(d=3, seed=4)
    sampler = GeometricSMOTE(truncation_factor=-1.0, deformation_factor=1.0, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    steps = sampler.synthetic_steps_
    center, surface = X[sampler.synthetic_parents_[:, 0]], X[sampler.synthetic_parents_[:, 1]]
    np.testing.assert_allclose(X_res[len(X) :], center + steps[:, None] * (surface - center))
    assert np.all(steps <= 1e-12) and np.all(steps >= -1)


# --------------------------------------------------------------------------- MWMOTE


def mwmote_weights_by_hand(X, y, k1, k2, k3, cf_th, cmax):
    """S_w of every class-1 row, straight from the paper's equations (brute force)."""
    minority, majority = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    near = knn_all(X, k1)
    filtered = [i for i in minority if np.any(y[near[i]] == 1)]
    bmaj = set()
    for i in filtered:
        d = np.linalg.norm(X[majority] - X[i], axis=1)
        bmaj.update(majority[np.argsort(d, kind="stable")[:k2]].tolist())
    weights = dict.fromkeys(minority.tolist(), 0.0)
    for j in sorted(bmaj):
        d = np.linalg.norm(X[minority] - X[j], axis=1)
        nearest = np.argsort(d, kind="stable")[:k3]
        dn = d[nearest] / X.shape[1]
        cf = np.minimum(np.where(dn > 0, 1 / np.maximum(dn, 1e-300), np.inf), cf_th) / cf_th * cmax
        for x, c in zip(minority[nearest], cf, strict=True):
            weights[x] += c * c / cf.sum()
    return np.array([weights[i] for i in minority])


def test_mwmote_weights_follow_the_paper_and_favour_informative_border_rows():
    X, y = imbalanced(n=250, d=2, seed=5)
    sampler = MWMOTE(k1=5, k2=3, k3=4, random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    expected = mwmote_weights_by_hand(X, y, 5, 3, 4, 5.0, 2.0)
    np.testing.assert_allclose(sampler.selection_weights_[1], expected, rtol=1e-9)
    # Rows no borderline majority row reaches weigh nothing and seed nothing; border rows do.
    minority = np.flatnonzero(y == 1)
    seeds = np.searchsorted(minority, sampler.synthetic_parents_[:, 0])
    assert np.all(expected[seeds] > 0) and np.any(expected == 0)
    # A row's share of seeds follows its weight.
    counts = np.bincount(seeds, minlength=minority.size)
    heavy = np.argmax(expected)
    assert counts[heavy] >= counts[expected > 0].mean()
    # The row moved towards is in the seed's cluster.
    clusters = sampler.clusters_[1]
    mates = np.searchsorted(minority, sampler.synthetic_parents_[:, 1])
    np.testing.assert_array_equal(clusters[seeds], clusters[mates])
    assert Counter(y_res.tolist())[1] == Counter(y.tolist())[0]


def test_mwmote_skips_a_class_that_is_all_noise():
    X = np.r_[np.arange(30.0)[:, None], [[5.5], [15.5], [25.5]]]
    y = np.r_[np.zeros(30, int), np.ones(3, int)]
    with pytest.warns(ResamplingWarning, match="noise"):
        MWMOTE(k1=2, random_state=0).fit_resample(X, y)


# --------------------------------------------------------------------------- CCR


def test_ccr_radius_follows_the_energy_budget_and_cleans_the_sphere():
    # One class-1 row at 0; class 0 at 0.1, 0.2, 5, 5.1, 9. Energy 0.25: the sphere reaches
    # 0.1 for 0.1 (one row inside), then 0.15 / 2 more: r = 0.175 < 0.2 (worked by hand).
    X = np.array([[0.0], [0.1], [0.2], [5.0], [5.1], [9.0]])
    y = np.array([1, 0, 0, 0, 0, 0])
    sampler = CCR(sampling_strategy={1: 50}, energy=0.25, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert sampler.radii_[1][0] == pytest.approx(0.175)
    assert X_res[1, 0] == pytest.approx(0.175)  # pushed onto the surface
    np.testing.assert_array_equal(X_res[2:6], X[2:6])  # outside rows untouched
    np.testing.assert_array_equal(y_res[:6], y)
    assert np.all(np.abs(X_res[6:, 0]) <= 0.175 + 1e-12) and len(X_res) == 55


def test_ccr_shares_rows_by_inverse_radius_and_leaves_no_other_row_inside_a_sphere():
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(size=(200, 2)), [[0.0, 0.0], [3.0, 3.0]]]
    y = np.r_[np.zeros(200, int), [1, 1]]
    sampler = CCR(sampling_strategy={1: 102}, energy=0.5, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    r = sampler.radii_[1]
    # Exactly 100 rows shared in proportion to 1 / r (largest remainders).
    share = 100 * (1 / r) / (1 / r).sum()
    counts = np.bincount(np.searchsorted([200, 201], sampler.synthetic_parents_[:, 0]))
    assert counts.sum() == 100 and np.all(np.abs(counts - share) < 1)
    # The row in the crowded center gets the smaller sphere and more rows.
    assert r[0] < r[1] and counts[0] > counts[1]
    for i, center in enumerate(X[200:]):
        taxicab = np.abs(X_res[:200] - center).sum(axis=1)
        inside_before = np.abs(X[:200] - center).sum(axis=1) < r[i]
        assert inside_before.any() == (i == 0)  # the crowded center's sphere holds rows
        # Only one sphere reaches these rows, so each moved row lands on its surface.
        np.testing.assert_allclose(taxicab[inside_before], r[i])
        synthetic = X_res[202:][sampler.synthetic_parents_[:, 0] == 200 + i]
        assert np.all(np.abs(synthetic - center).sum(axis=1) <= r[i] + 1e-12)
    np.testing.assert_array_equal(
        sampler.moved_indices_, np.flatnonzero(np.any(X_res[:200] != X[:200], axis=1))
    )


def test_ccr_pandas_output_keeps_rows_in_place():
    X = pd.DataFrame({"a": [0.0, 0.1, 0.2, 5.0, 5.1, 9.0]}, index=list("uvwxyz"))
    y = pd.Series([1, 0, 0, 0, 0, 0], index=X.index)
    X_res, y_res = CCR(sampling_strategy={1: 3}, random_state=0).fit_resample(X, y)
    assert X_res["a"].iloc[1] == pytest.approx(0.175)
    assert list(X_res.index[[0, 2, 3, 4, 5]]) == list("uwxyz")
    assert X_res.index.equals(y_res.index) and X_res.index.is_unique
    assert y_res.tolist() == [1, 0, 0, 0, 0, 0, 1, 1]


# --------------------------------------------------------------------------- LVQ-SMOTE


def test_lvq1_pulls_towards_own_rows_and_pushes_from_others():
    # Worked by hand: code 0 wins 1.0 (own: +1) and -1.0 (other: pushed, +1), mean step 1,
    # rate 0.5 -> 0.5; code 1 (other side) wins 9.0 (its own side): pulled to 9.5.
    codes = lvq1(
        np.array([[0.0], [10.0]]),
        np.array([True, False]),
        np.array([[1.0], [-1.0], [9.0]]),
        np.array([True, False, False]),
        epochs=1,
        rate=0.5,
    )
    np.testing.assert_allclose(codes, [[0.5], [9.5]])


def test_lvq_winner_is_the_codebook_vector_at_the_smallest_summed_squared_difference():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(2000, 7)) * 50 + 1000  # far from the origin, as raw features are
    codes = X[rng.choice(2000, 12, replace=False)] + rng.normal(size=(12, 7))
    centre = X.mean(axis=0)
    Xc, cc = X - centre, codes - centre
    found = winning_codes(cc, Xc, np.einsum("ij,ij->i", Xc, Xc))
    by_differences = ((X[:, None, :] - codes[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    np.testing.assert_array_equal(found, by_differences)


def test_lvq_smote_rows_are_class_rows_moved_between_matching_codebook_vectors():
    X, y = imbalanced(n=400, d=3, seed=6)
    k = 3
    sampler = LVQSMOTE(k_neighbors=k, n_codebook=6, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    codes = sampler.codebooks_[1]
    minority = np.flatnonzero(y == 1)
    near = minority[NearestNeighbors(n_neighbors=k).fit(X[minority]).kneighbors(codes)[1]]
    base = sampler.synthetic_parents_[:, 0]
    moved = X_res[len(X) :] - X[base]
    differences = codes[:, None, :] - codes[None, :, :]  # w_a - w_o
    c = codes.shape[0]
    for row in range(0, moved.shape[0], 7):
        gap = np.linalg.norm(differences - moved[row], axis=2)
        a, o = np.unravel_index(np.argmin(gap), gap.shape)
        assert gap[a, o] < 1e-9 and a != o
        assert base[row] in near[o]  # a class row near w_o, copied to sit around w_a
        # w_o belongs to the pair most like (w_a - w_b) for some b (brute force).
        found = False
        for b in set(range(c)) - {a}:
            pairs = [
                (i, j) for i in range(c) for j in range(c) if i != j and {i, j}.isdisjoint({a, b})
            ]
            best = min(
                pairs, key=lambda p: np.linalg.norm(codes[a] - codes[b] - codes[p[0]] + codes[p[1]])
            )
            found |= o in best
        assert found


def test_lvq_smote_names_the_class_and_parameter_when_the_class_is_small():
    X, y = imbalanced(n=100, seed=7, weights=(0.95,))
    small = np.flatnonzero(y == 1)[:5]
    keep = np.r_[np.flatnonzero(y == 0), small]
    sampler = LVQSMOTE(random_state=0)
    # 5 rows for n_codebook=10: one vector per row, said with the class, count and parameter.
    with pytest.warns(ResamplingWarning, match=r"class 1 has 5 rows, fewer than n_codebook=10"):
        _, y_res = sampler.fit_resample(X[keep], y[keep])
    assert sampler.codebooks_[1].shape == (5, X.shape[1])
    n_majority = int((y == 0).sum())
    assert np.bincount(y_res).tolist() == [n_majority, n_majority]
    # 3 rows cannot make the 4 vectors the pair search needs: refused, naming the class.
    keep = np.r_[np.flatnonzero(y == 0), small[:3]]
    with pytest.raises(ValueError, match=r"class 1 has 3 rows, but a codebook needs at least 4"):
        sampler.fit_resample(X[keep], y[keep])


# --------------------------------------------------------------------------- Assembled


def test_assembled_clusters_split_border_rows_by_direction():
    # Two perpendicular lines of rows meeting near the origin: with a strict direction
    # threshold they stay two clusters; with thres=0 they merge into one.
    t = np.linspace(0.2, 4, 20)
    X = np.r_[np.c_[t, np.zeros(20)], np.c_[np.zeros(20), t]]
    X += np.random.default_rng(0).normal(scale=0.01, size=X.shape)
    nearest = knn_all(X, 3)
    strict = direction_clusters(X, nearest, pop=2, thres=0.5)
    assert len(set(strict[:20])) == 1 and len(set(strict[20:])) == 1
    assert strict[0] != strict[20]
    assert len(set(direction_clusters(X, nearest, pop=2, thres=0.0))) == 1


def test_assembled_smote_interpolates_within_border_clusters():
    X, y = imbalanced(n=300, d=2, seed=8)
    k = 5
    sampler = AssembledSMOTE(k_neighbors=k, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    minority = np.flatnonzero(y == 1)
    border = (y[knn_all(X, k)[minority]] == 0).any(axis=1)
    clusters = sampler.clusters_[1]
    # Non-border rows share one cluster of their own.
    assert len(set(clusters[~border])) == 1
    assert set(clusters[~border]).isdisjoint(clusters[border])
    base, toward = (np.searchsorted(minority, p) for p in sampler.synthetic_parents_.T)
    np.testing.assert_array_equal(clusters[base], clusters[toward])
    # Each cluster's share is proportional to its size.
    sizes = np.bincount(clusters)
    usable = np.where(sizes > 1, sizes, 0)
    got = np.bincount(clusters[base], minlength=sizes.size)
    n_new = len(X_res) - len(X)
    assert np.all(np.abs(got - n_new * usable / usable.sum()) < 1)


# --------------------------------------------------------------------------- reference


def test_same_random_state_same_rows_for_a_multiclass_strategy():
    X, y = make_classification(
        n_samples=300, n_classes=3, n_informative=3, weights=[0.6, 0.25], random_state=0
    )
    for cls in (CCR, LVQSMOTE, AssembledSMOTE, SafeLevelSMOTE, MWMOTE, GeometricSMOTE):
        first = cls(random_state=5).fit_resample(X, y)
        second = cls(random_state=5).fit_resample(X, y)
        np.testing.assert_array_equal(first[0], second[0])
        counts = Counter(first[1].tolist())
        assert len(set(counts.values())) == 1, cls.__name__


def test_roc_auc_matches_smote_variants():
    sv = pytest.importorskip("smote_variants")
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import RepeatedStratifiedKFold
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import StandardScaler

    logging.getLogger("smote_variants").setLevel(logging.ERROR)
    X, y = make_classification(
        n_samples=400,
        n_features=6,
        n_informative=4,
        weights=[0.85],
        flip_y=0.03,
        class_sep=0.8,
        random_state=2,
    )
    X = StandardScaler().fit_transform(X)
    pairs = {
        "SafeLevel": (SafeLevelSMOTE, sv.Safe_Level_SMOTE, {}, {}),
        "MWMOTE": (MWMOTE, sv.MWMOTE, {}, {"k1": 5, "k2": 3, "k3": 5, "cmax": 2.0}),
        "CCR": (CCR, sv.CCR, {}, {"energy": 0.25}),
        "LVQ": (LVQSMOTE, sv.LVQ_SMOTE, {}, {}),
        "Assembled": (AssembledSMOTE, sv.Assembled_SMOTE, {}, {}),
    }
    folds = list(RepeatedStratifiedKFold(n_splits=2, n_repeats=2, random_state=0).split(X, y))
    for name, (ours, theirs, ours_kw, theirs_kw) in pairs.items():
        scores = {}
        for who in ("ours", "theirs"):
            aucs = []
            for i, (train, test) in enumerate(folds):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    if who == "ours":
                        Xr, yr = ours(random_state=i, **ours_kw).fit_resample(X[train], y[train])
                    else:
                        Xr, yr = theirs(random_state=i, **theirs_kw).sample(X[train], y[train])
                for clf in (KNeighborsClassifier(5), LogisticRegression()):
                    proba = clf.fit(Xr, yr).predict_proba(X[test])[:, 1]
                    aucs.append(roc_auc_score(y[test], proba))
            scores[who] = np.mean(aucs)
        assert abs(scores["ours"] - scores["theirs"]) < 0.02, (name, scores)
