"""Regression tests for the defects tests/test_fuzz.py found (issue 13's variants and
ClusterCentroids), each pinned to the shrunk example with an outcome worked out by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from smotekit import ClusterCentroids

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
