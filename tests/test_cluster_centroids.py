"""ClusterCentroids: soft voting puts cluster centres in place of a class's rows, hard
voting the real rows nearest them; imbalanced-learn's centres for the same seed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
import scipy.sparse as sp
from imblearn.under_sampling import ClusterCentroids as ImbClusterCentroids
from sklearn.cluster import MiniBatchKMeans

from sampler_checks import sq_dists
from smotekit import ClusterCentroids


def blobs(seed=0, n_major=200, n_minor=30):
    """A majority class in 5 tight, well-separated blobs, and a minority class."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 0], [10, 0], [0, 10], [10, 10], [20, 20]], dtype=float)
    X0 = centres[rng.integers(0, 5, n_major)] + 0.3 * rng.normal(size=(n_major, 2))
    X1 = rng.normal(size=(n_minor, 2)) + np.array([5.0, 5.0])
    X = np.vstack([X0, X1])
    y = np.repeat([0, 1], [n_major, n_minor])
    order = rng.permutation(y.size)
    return X[order], y[order]


def rows_as_set(X, y) -> list:
    return sorted(map(tuple, np.column_stack([y, X]).round(8).tolist()))


def test_soft_voting_replaces_the_class_by_the_means_of_its_clusters():
    X, y = blobs()
    sampler = ClusterCentroids(sampling_strategy={0: 5}, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert sampler.voting_ == "soft" and not hasattr(sampler, "sample_indices_")
    np.testing.assert_array_equal(X_res[:30], X[y == 1])  # untouched rows first, in order
    assert y_res.tolist() == [1] * 30 + [0] * 5
    centres = X_res[30:]
    # Each centre is the mean of the class rows nearest to it (k-means' fixed point), and
    # the 5 blobs get one centre each.
    owner = np.argmin(sq_dists(X[y == 0], centres), axis=1)
    for j in range(5):
        np.testing.assert_allclose(centres[j], X[y == 0][owner == j].mean(axis=0), atol=1e-6)
    assert np.unique(owner).size == 5


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"voting": "hard"},
        {"sampling_strategy": {0: 12}},
        {"estimator": MiniBatchKMeans(n_init=1, random_state=2)},
    ],
)
def test_same_rows_as_imblearn_for_the_same_seed(params):
    X, y = blobs(1)
    X_ours, y_ours = ClusterCentroids(random_state=7, **params).fit_resample(X, y)
    X_theirs, y_theirs = ImbClusterCentroids(random_state=7, **params).fit_resample(X, y)
    assert rows_as_set(X_ours, y_ours) == rows_as_set(X_theirs, y_theirs)


def test_hard_voting_keeps_the_real_row_nearest_each_centre():
    X, y = blobs(2)
    sampler = ClusterCentroids(voting="hard", sampling_strategy={0: 8}, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X[sampler.sample_indices_])
    soft = ClusterCentroids(sampling_strategy={0: 8}, random_state=0)
    X_soft, _ = soft.fit_resample(X, y)
    rows = np.flatnonzero(y == 0)
    nearest = rows[np.argmin(sq_dists(X_soft[30:], X[rows]), axis=1)]
    assert sorted(sampler.sample_indices_[y_res == 0].tolist()) == sorted(nearest.tolist())


def test_sparse_input_votes_hard_and_stays_sparse():
    X, y = blobs(3)
    X_sparse = sp.csr_matrix(X)
    sampler = ClusterCentroids(random_state=0)
    X_res, _ = sampler.fit_resample(X_sparse, y)
    assert sampler.voting_ == "hard" and sp.issparse(X_res) and X_res.format == "csr"
    np.testing.assert_array_equal(X_res.toarray(), X[sampler.sample_indices_])
    soft = ClusterCentroids(voting="soft", random_state=0)
    X_soft, _ = soft.fit_resample(X_sparse, y)
    assert sp.issparse(X_soft) and X_soft.shape == (60, 2)


def test_frames_keep_row_labels_dtypes_and_round_integer_centres():
    X, y = blobs(4)
    frame = pd.DataFrame({"a": X[:, 0], "n": np.rint(X[:, 1] * 10).astype(np.int64)})
    frame.index = frame.index * 2 + 1  # odd labels; the largest is 2 * 229 + 1 = 459
    series = pd.Series(y, index=frame.index, name="t")
    before = frame.copy()
    X_res, y_res = ClusterCentroids(random_state=0).fit_resample(frame, series)
    pd.testing.assert_frame_equal(frame, before)
    assert list(X_res.dtypes) == list(frame.dtypes) and X_res.index.equals(y_res.index)
    kept = X_res.iloc[:30]
    pd.testing.assert_frame_equal(kept, frame[series == 1])
    assert X_res.index[30:].tolist() == list(range(460, 490))  # new, after every input label
    polars_res, polars_y = ClusterCentroids(random_state=0).fit_resample(
        pl.from_pandas(frame), pl.Series("t", y)
    )
    assert polars_res.schema == pl.from_pandas(frame).schema and polars_y.len() == 60
    np.testing.assert_array_equal(polars_res.to_numpy(), X_res.to_numpy())


def test_a_class_asked_to_keep_nothing_and_bad_parameters():
    X, y = blobs(5)
    X_res, y_res = ClusterCentroids(sampling_strategy={0: 0}, random_state=0).fit_resample(X, y)
    assert y_res.tolist() == [1] * 30 and X_res.shape == (30, 2)
    with pytest.raises(ValueError, match=r"voting must be one of 'auto', 'hard', 'soft'; got 2"):
        ClusterCentroids(voting=2).fit_resample(X, y)
    with pytest.raises(ValueError, match=r"estimator must be a clustering estimator .*n_clusters"):
        ClusterCentroids(estimator=MiniBatchKMeans).fit_resample(X, y)
