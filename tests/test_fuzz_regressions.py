"""Regression tests for the defects tests/test_fuzz.py found (issue 13's variants and
ClusterCentroids), each pinned to the shrunk example with an outcome worked out by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from smotekit import CCR, GSMOTE, ClusterCentroids, GeometricSMOTE, PolynomFitSMOTE, SafeLevelSMOTE

BIG = float(np.finfo(np.float64).max)


@pytest.mark.parametrize("voting", ["soft", "hard"])
def test_cluster_centroids_of_values_near_float64_max_are_finite(voting):
    # Class 0: seven zero rows and the values BIG, BIG/2, BIG in one column. Three
    # distinct points for six clusters: every centre is one of them, and each is one.
    X = np.zeros((16, 2))
    X[[0, 8], 1], X[6, 1] = BIG, BIG / 2
    X[10:] = 1.0
    y = np.r_[[0] * 10, [1] * 6]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # k-means: fewer distinct points than clusters
        X_res, y_res = ClusterCentroids(voting=voting, random_state=0).fit_resample(X, y)
    centres = X_res[y_res == 0]
    assert len(centres) == 6 and np.isfinite(centres).all()
    assert set(centres[:, 1].tolist()) == {0.0, BIG / 2, BIG}
    assert (centres[:, 0] == 0).all()


def test_cluster_centroids_of_int64_extremes_do_not_wrap():
    # Ten identical rows at int64's limits: every centre is that row. k-means computes in
    # float64, where 2**63 - 1 rounds up to 2**63; cast back unclipped it wrapped to -2**63.
    info = np.iinfo(np.int64)
    X = np.array([[info.min, info.max, 0]] * 10 + [[0, 0, 0]] * 6, dtype=np.int64)
    y = np.r_[[0] * 10, [1] * 6]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X_res, y_res = ClusterCentroids(random_state=0).fit_resample(X, y)
    centres = X_res[y_res == 0]
    assert (centres[:, 0] == info.min).all()
    # 2**63 clipped to the largest float64 below it that int64 holds: within 1024 of max.
    assert (info.max - centres[:, 1] <= 1024).all() and (centres[:, 1] > 0).all()


def test_int64_segment_to_the_dtype_maximum_does_not_wrap():
    # From 0 to 2**63 - 1 with step 1 the row is the far parent, 2**63 - 1. The float offset
    # rounds to 2**63, and the integer sum wrapped to -2**63 (then clipped to 0, the wrong end).
    from smotekit._interpolate._dense import _integer_rows

    top = np.iinfo(np.int64).max
    X = np.array([[0], [top]], dtype=np.int64)
    rows = _integer_rows(
        X,
        np.array([0, 1, 0]),
        np.array([1, 0, 1]),
        np.array([1.0, 1.0, 0.5]),
        np.zeros((3, 1)),
        np.dtype(np.int64),
    )
    assert rows[:, 0].tolist() == [top, 0, 2**62]


def test_safe_level_row_at_an_int64_neighbour_on_the_limit_stays_there():
    # The shrunk fuzz example: every minority row but one at int64's minimum; the other is
    # 0 in column 0, and its neighbour (a majority row) is 2**63 - 1 there. Its rows are
    # on that segment (plus offsets): never past either end.
    low, top = np.iinfo(np.int64).min, np.iinfo(np.int64).max
    X = np.full((16, 3), low, dtype=np.int64)
    X[3, 0], X[13, 0] = top, 0
    y = np.r_[[0] * 10, [1] * 6]
    sampler = SafeLevelSMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    new = X_res[16:]
    assert (new >= low).all()
    from_zero = sampler.synthetic_parents_[:, 0] == 13
    assert from_zero.any()
    # On the segment 0 -> 2**63 - 1 at its step, plus its offset, up to float64 rounding
    # at 2**63 (2**10); wrapping put such rows at 0.
    exact = sampler.synthetic_steps_[from_zero] * 2.0**63 + sampler.synthetic_offsets_[from_zero, 0]
    assert np.abs(new[from_zero, 0].astype(float) - exact).max() <= 2**11


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_assembled_direction_clusters_of_values_near_the_dtype_max(dtype):
    # Two perpendicular lines of border rows meeting near the origin, scaled near the
    # dtype's largest value: still two clusters (a strict threshold: |cos| of the lines'
    # directions is 0) and one with thres=0, as for the same rows at unit scale. The
    # moments (sums of squares) overflowed there and eigh failed to converge.
    from sklearn.neighbors import NearestNeighbors

    from smotekit.over_sampling._assembled import direction_clusters

    t = np.linspace(0.2, 4, 20)
    X = np.r_[np.c_[t, np.zeros(20)], np.c_[np.zeros(20), t]]
    X += np.random.default_rng(0).normal(scale=0.01, size=X.shape)
    X = (X * (float(np.finfo(dtype).max) / 8)).astype(dtype)
    nearest = NearestNeighbors(n_neighbors=4).fit(X / X.max()).kneighbors(X / X.max())[1][:, 1:]
    strict = direction_clusters(X, nearest, pop=2, thres=0.5)
    assert len(set(strict[:20])) == 1 and len(set(strict[20:])) == 1
    assert strict[0] != strict[20]
    assert len(set(direction_clusters(X, nearest, pop=2, thres=0.0))) == 1


def test_gsmote_principal_direction_of_rows_near_float64_max():
    # Minority rows on the line x1 = x2 around 1e300: the principal axis is (1, 1) / sqrt 2.
    # Its covariance overflowed and eigh raised "Eigenvalues did not converge".
    t = np.linspace(-1.0, 1.0, 6) * 1e300
    X = np.r_[np.c_[np.linspace(-1, 1, 10), -np.linspace(-1, 1, 10)], np.c_[t, t]]
    y = np.r_[[0] * 10, [1] * 6]
    sampler = GSMOTE(k_neighbors=2, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    np.testing.assert_allclose(np.abs(sampler.directions_[1]), [2**-0.5, 2**-0.5])
    assert np.isfinite(X_res).all()
    np.testing.assert_array_equal(X_res[16:, 0], X_res[16:, 1])  # on the line


def test_polynom_fit_star_center_of_rows_at_float64_max():
    # The shrunk fuzz example: minority rows 0, 0, 0, 0, BIG, BIG in one column. Their mean
    # is BIG / 3 (the sum BIG + BIG overflowed to inf, and with it every synthetic row).
    X = np.zeros((16, 2))
    X[14:, 1] = BIG
    y = np.r_[[0] * 10, [1] * 6]
    sampler = PolynomFitSMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert sampler.centers_[1][1] == pytest.approx(BIG / 3, rel=1e-15)
    new, start = X_res[16:, 1], X[sampler.synthetic_parents_[:, 0], 1]
    t = sampler.synthetic_steps_
    # Each row t of the way from its row to the centre (t = 1/2: one row per link).
    np.testing.assert_allclose(new, start + t * (BIG / 3 - start), rtol=1e-15)
    assert np.isfinite(new).all() and (t == 0.5).all()


def test_geometric_sphere_of_radius_float64_max_is_finite():
    # The shrunk fuzz example: five minority rows at 0 and one at BIG in column 1. Each
    # sphere has radius BIG (a 0 row to the BIG row, or back): its norm overflowed to inf
    # and so did the rows. Each row lies in its sphere: |row - center| <= radius.
    X = np.zeros((16, 2))
    X[14, 1] = BIG
    y = np.r_[[0] * 10, [1] * 6]
    sampler = GeometricSMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    new = X_res[16:]
    assert np.isfinite(new).all()
    center, surface = (X[sampler.synthetic_parents_[:, i]] for i in (0, 1))
    unit = 2.0**-1024  # norms of the halved-and-scaled rows cannot overflow
    radius = np.linalg.norm((surface - center) * unit, axis=1)
    distance = np.linalg.norm(new * unit - center * unit, axis=1)
    assert (distance <= radius * (1 + 1e-12)).all() and (radius > 0).any()


def test_smote_ipf_filter_of_values_beyond_float32_decides_as_at_unit_scale():
    # Columns of contiguous integers: their ranks are the values less the minimum, so trees
    # on the ranks split and predict exactly as trees on the values. The same grid scaled
    # by 2**1000 (beyond float32, which scikit-learn's trees refused) must drop the same
    # rows as the grid itself, and the grid has label noise, so some rows are dropped.
    from smotekit.over_sampling._smote_ipf import _IterativePartitioningFilter

    rng = np.random.default_rng(0)
    X = rng.integers(0, 10, size=(200, 3)).astype(np.float64)
    y = (X[:, 0] + X[:, 1] > 9).astype(int)
    y[rng.choice(200, 20, replace=False)] ^= 1  # injected label noise

    def kept(values):
        ipf = _IterativePartitioningFilter(random_state=0)
        ipf.fit_resample(values, y)
        return ipf.sample_indices_

    unit = kept(X)
    assert 0 < unit.size < 200
    np.testing.assert_array_equal(kept(np.ldexp(X, 1000)), unit)


def test_offsets_added_to_integer_rows_clip_at_the_dtype_edge():
    # -128 - 0.6 rounds to -129, 127 + 0.6 to 128: outside int8, clipped there (the unsafe
    # cast wrapped them to 127 and -128); 0 + 2.4 rounds to 2.
    from smotekit.over_sampling._common import Offsets

    rows = np.array([[-128], [127], [0]], dtype=np.int8)
    Offsets(np.array([[-0.6], [0.6], [2.4]])).add_to(rows, np.ones(1, bool))
    assert rows[:, 0].tolist() == [-128, 127, 2]


def test_ccr_moves_int64_rows_at_the_limit_without_wrapping():
    # The shrunk fuzz example: every row at int64's minimum but one majority value one
    # above it. CCR pushes majority rows out of the minority spheres by translations of
    # a fraction of one unit, so every row stays within one unit of where it was (the
    # float64 arithmetic cannot tell -2**63 + 1 from -2**63), never wrapped to the far end.
    low = np.iinfo(np.int64).min
    X = np.full((16, 3), low, dtype=np.int64)
    X[9, 2] = low + 1
    y = np.r_[[0] * 10, [1] * 6]
    sampler = CCR(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert (np.abs(sampler.translations_) < 0.5).all()
    moved_by = X_res[:16].astype(object) - X.astype(object)  # exact, no int64 wrap
    assert all(abs(v) <= 1 for v in moved_by.ravel())


def test_geometric_rows_beyond_float64_are_refused_by_name():
    # Six minority rows at (0, BIG), the majority at the origin: with the "majority"
    # selection each sphere reaches the origin (radius BIG), and truncation -1 keeps its
    # far half, where column 1 runs from BIG to 2 BIG. Such rows have no float64 value.
    X = np.zeros((40, 2))
    X[34:, 1] = BIG
    y = np.r_[[0] * 34, [1] * 6]
    sampler = GeometricSMOTE(selection_strategy="majority", truncation_factor=-1.0, random_state=0)
    with pytest.raises(
        ValueError,
        match=r"^GeometricSMOTE: synthetic row \d+ \(class 1, built from rows 3[4-9] and "
        r"([0-9]|[12][0-9]|3[0-3])\) lies beyond the range of float64: .*StandardScaler",
    ):
        sampler.fit_resample(X, y)
    assert X[34:, 1].tolist() == [BIG] * 6 and not X[:34].any()  # the caller's X untouched


def test_offsets_beyond_float64_are_refused_by_name():
    # An offset is computed from finite rows, so a non-finite one overflowed; provenance
    # (row = interpolation + offset) could not hold it.
    from smotekit.over_sampling._common import finish_offsets, offset_plan

    plan = offset_plan([3], [5], [0.5], [[np.inf, 0.0]], label=1)
    with pytest.raises(
        ValueError,
        match=r"^SafeLevelSMOTE: synthetic row 0 \(class 1, built from rows 3 and 5\) is off "
        r"its segment by an offset beyond float64: .*StandardScaler",
    ):
        finish_offsets(SafeLevelSMOTE(), plan, 2)
