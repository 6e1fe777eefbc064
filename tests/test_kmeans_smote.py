"""KMeansSMOTE: exact counts, rows made inside qualifying clusters, weights without NaN."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from imblearn.over_sampling import KMeansSMOTE as ImbKMeansSMOTE
from sklearn.cluster import KMeans

from sampler_checks import nearest_others
from smotekit import KMeansSMOTE
from smotekit.over_sampling._kmeans import cluster_weights


def blobs(seed=0):
    """Class 1 lives in two blobs; class 0 in three."""
    rng = np.random.default_rng(seed)
    parts = [
        (rng.normal((0, 0), 0.5, (150, 2)), 0),
        (rng.normal((5, 0), 0.5, (150, 2)), 0),
        (rng.normal((0, 5), 0.5, (100, 2)), 0),
        (rng.normal((5, 5), 0.4, (25, 2)), 1),
        (rng.normal((0, 5), 0.5, (20, 2)), 1),
    ]
    X = np.vstack([p for p, _ in parts])
    y = np.concatenate([np.full(len(p), label) for p, label in parts])
    return X, y


@pytest.mark.parametrize("seed", range(3))
def test_counts_are_exact(seed):
    X, y = blobs(seed)
    _, y_res = KMeansSMOTE(kmeans_estimator=4, random_state=seed).fit_resample(X, y)
    assert Counter(y_res.tolist()) == {0: 400, 1: 400}


def test_imblearn_count_is_off_on_this_data_ours_is_not():
    X, y = blobs(0)
    params = {
        "kmeans_estimator": KMeans(n_clusters=8, n_init=1, random_state=0),
        "cluster_balance_threshold": 0.05,
        "random_state": 0,
    }
    _, theirs = ImbKMeansSMOTE(**params).fit_resample(X, y)
    _, ours = KMeansSMOTE(**params).fit_resample(X, y)
    assert Counter(ours.tolist())[1] == 400
    assert Counter(theirs.tolist())[1] != 400


def test_rows_are_made_between_class_rows_of_one_qualifying_cluster():
    X, y = blobs(1)
    k = 2
    sampler = KMeansSMOTE(kmeans_estimator=4, k_neighbors=k, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    labels = sampler.kmeans_estimator_.labels_
    base, nb = sampler.synthetic_parents_.T
    assert (labels[base] == labels[nb]).all() and (y[base] == 1).all() and (y[nb] == 1).all()
    used = sampler.cluster_weights_[1]
    assert set(labels[base]) <= set(used)
    for cluster, weight in used.items():
        got = (labels[base] == cluster).sum()
        assert abs(got - 355 * weight) < 1
        rows = np.flatnonzero((labels == cluster) & (y == 1))
        near = nearest_others(X[rows], k)
        pairs = {(rows[i], rows[j]) for i in range(rows.size) for j in near[i]}
        mine = labels[base] == cluster
        assert set(zip(base[mine], nb[mine], strict=True)) <= pairs
    t = sampler.synthetic_steps_[:, None]
    np.testing.assert_allclose(X_res[len(y) :], X[base] + t * (X[nb] - X[base]))


def test_weights_follow_sparsity_and_never_become_nan():
    w = cluster_weights([2.0, 1.0], [10, 10], exponent=2.0)
    np.testing.assert_allclose(w, [0.8, 0.2])  # 4/10 and 1/10, normalised
    np.testing.assert_allclose(cluster_weights([0.0, 1.0], [5, 5], 2.0), [0.0, 1.0])
    np.testing.assert_allclose(cluster_weights([0.0, 0.0], [3, 1], 2.0), [0.75, 0.25])
    assert np.isfinite(cluster_weights([1e3, 1.0], [4, 4], 200.0)).all()


def test_duplicate_points_make_no_nan_weights():
    X, y = blobs(2)
    X[y == 1] = np.round(X[y == 1])  # many exact duplicates in the class
    sampler = KMeansSMOTE(kmeans_estimator=4, random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    assert Counter(y_res.tolist())[1] == 400
    assert all(np.isfinite(list(w.values())).all() for w in sampler.cluster_weights_.values())


def test_no_qualifying_cluster_names_the_threshold():
    X, y = blobs(0)
    with pytest.raises(ValueError, match=r"cluster_balance_threshold=0.9.*best had a share of"):
        KMeansSMOTE(kmeans_estimator=3, cluster_balance_threshold=0.9, random_state=0).fit_resample(
            X, y
        )
