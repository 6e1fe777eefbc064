"""SMOTENC: categories come from the base row's neighbours; every column keeps its dtype."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import polars as pl
import pytest
import scipy.sparse as sp
from imblearn.over_sampling import SMOTENC as ImbSMOTENC

from smotekit import SMOTENC
from smotekit.over_sampling import _smotenc


def mixed_frame(n=(90, 30), seed=0):
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], n)
    total = y.size
    X = pd.DataFrame(
        {
            "x1": rng.normal(size=total) + y,
            "colour": pd.Categorical(
                rng.choice(["red", "green", "blue"], size=total),
                categories=["red", "green", "blue", "never"],
            ),
            "x2": rng.normal(size=total),
            "shape": rng.choice(["round", "square"], size=total).astype(object),
            "flag": rng.random(total) < 0.3,
            "count": rng.integers(0, 10, size=total),
            "label": pd.array(rng.choice(["a", "b", "c"], size=total), dtype="string"),
        }
    )
    return X, y


def smotenc_neighbours(X_cont, X_cat, rows, k):
    """Each class row's k nearest class rows under SMOTE-NC's distance, by brute force."""
    cont = X_cont[rows].astype(float)
    cat = X_cat[rows]
    med = np.median(cont.std(axis=0))
    d2 = ((cont[:, None, :] - cont[None, :, :]) ** 2).sum(axis=2)
    d2 += med**2 * (cat[:, None, :] != cat[None, :, :]).sum(axis=2)
    np.fill_diagonal(d2, np.inf)
    return np.argsort(d2, axis=1, kind="stable")[:, :k]


def test_categories_are_the_neighbours_most_frequent_values_and_numbers_interpolate():
    X, y = mixed_frame()
    k = 5
    sampler = SMOTENC(categorical_features="auto", k_neighbors=k, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    cat_cols = ["colour", "shape", "flag", "label"]
    cont_cols = ["x1", "x2", "count"]
    assert [X.columns[j] for j in sampler.categorical_features_] == cat_cols
    rows = np.flatnonzero(y == 1)
    cat = X[cat_cols].astype(object).to_numpy()
    cont = X[cont_cols].to_numpy(dtype=float)
    nearest = smotenc_neighbours(cont, cat, rows, k)
    local = {r: i for i, r in enumerate(rows)}
    synthetic = X_res.iloc[len(X) :]
    tied = 0
    for (base, nb), (_, row) in zip(sampler.synthetic_parents_, synthetic.iterrows(), strict=True):
        around = rows[nearest[local[base]]]
        assert nb in around
        for column in cat_cols:
            counts = Counter(X[column].iloc[around].tolist())
            top = max(counts.values())
            assert counts[row[column]] == top, column
            tied += sum(c == top for c in counts.values()) > 1
    assert tied > 0  # ties happened and were resolved among the most frequent values
    base, nb = sampler.synthetic_parents_.T
    t = sampler.synthetic_steps_[:, None]
    expected = cont[base] + t * (cont[nb] - cont[base])
    np.testing.assert_allclose(synthetic[["x1", "x2"]].to_numpy(), expected[:, :2])
    np.testing.assert_array_equal(synthetic["count"], np.rint(expected[:, 2]).astype(int))
    assert Counter(y_res.tolist()) == {0: 90, 1: 90}


def test_pandas_dtypes_and_categories_are_kept():
    X, y = mixed_frame()
    X_res, _ = SMOTENC(categorical_features="auto", random_state=0).fit_resample(X, y)
    assert list(X_res.dtypes) == list(X.dtypes)
    assert list(X_res["colour"].cat.categories) == ["red", "green", "blue", "never"]
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)
    assert set(X_res["shape"]) == {"round", "square"}
    assert X_res.index.is_unique


def test_polars_dtypes_are_kept():
    X, y = mixed_frame()
    frame = pl.DataFrame(
        {
            "x1": X["x1"].to_numpy(),
            "colour": pl.Series(X["colour"].astype(str).tolist(), dtype=pl.Categorical),
            "size": pl.Series(X["shape"].tolist(), dtype=pl.Enum(["round", "square", "oval"])),
            "name": X["label"].astype(str).tolist(),
            "flag": X["flag"].to_numpy(),
            "count": X["count"].to_numpy(),
        }
    )
    sampler = SMOTENC(categorical_features="auto", random_state=0)
    X_res, _ = sampler.fit_resample(frame, pl.Series("y", y))
    assert X_res.schema == frame.schema
    assert list(sampler.continuous_features_) == [0, 5]
    assert set(X_res["name"].to_list()) <= {"a", "b", "c"}
    assert X_res.head(len(frame)).equals(frame)


def test_numpy_object_and_numeric_arrays_by_index_or_mask():
    X, y = mixed_frame()
    values = X[["x1", "shape", "x2"]].to_numpy(dtype=object)
    X_res, _ = SMOTENC(categorical_features=[1], random_state=0).fit_resample(values, y)
    assert X_res.dtype == object and set(X_res[:, 1]) == {"round", "square"}
    assert all(isinstance(v, float) for v in X_res[len(y) :, 0])
    numeric = np.column_stack([X["x1"], X["count"], X["x2"]])
    X_num, _ = SMOTENC(categorical_features=[False, True, False], random_state=0).fit_resample(
        numeric, y
    )
    assert X_num.dtype == np.float64
    assert set(X_num[:, 1]) <= set(X["count"].astype(float))


def test_missing_categories_are_a_category_of_their_own():
    X, y = mixed_frame()
    X.loc[X.index[y == 1][:20], "shape"] = None
    X_res, _ = SMOTENC(categorical_features=["shape"], random_state=0).fit_resample(
        X[["x1", "x2", "shape"]], y
    )
    synthetic = X_res["shape"].iloc[len(X) :]
    assert synthetic.isna().any() and set(synthetic.dropna()) <= {"round", "square"}


def test_sparse_embedding_gives_the_same_rows_as_dense(monkeypatch):
    X, y = mixed_frame()
    dense = SMOTENC(categorical_features="auto", random_state=3).fit_resample(X, y)[0]
    monkeypatch.setattr(_smotenc, "DENSE_BYTES", 0)
    cont = np.random.default_rng(0).normal(size=(6, 2))
    codes = np.array([[0, 5], [1, 5], [0, 7], [2, 5], [1, 7], [0, 5]])
    assert sp.issparse(_smotenc.mismatch_embedding(cont, codes, 2.0))
    sparse = SMOTENC(categorical_features="auto", random_state=3).fit_resample(X, y)[0]
    pd.testing.assert_frame_equal(dense, sparse)


def test_embedding_distances_add_the_scale_per_mismatch():
    cont = np.array([[0.0, 0.0], [3.0, 4.0], [0.0, 0.0]])
    codes = np.array([[0, 1], [0, 2], [1, 2]])
    emb = _smotenc.mismatch_embedding(cont, codes, 1.5)
    d2 = ((emb[:, None, :] - emb[None, :, :]) ** 2).sum(axis=2)
    np.testing.assert_allclose(d2[0, 1], 25 + 1.5**2)
    np.testing.assert_allclose(d2[0, 2], 2 * 1.5**2)
    np.testing.assert_allclose(d2[1, 2], 25 + 1.5**2)


def test_clear_errors_for_categorical_features():
    X, y = mixed_frame()
    numeric = X[["x1", "x2"]]
    with pytest.raises(ValueError, match=r"'auto' found no categorical column"):
        SMOTENC(categorical_features="auto").fit_resample(numeric, y)
    with pytest.raises(ValueError, match=r"names columns \['size'\] that are not in X"):
        SMOTENC(categorical_features=["size"]).fit_resample(X, y)
    with pytest.raises(ValueError, match=r"column 'shape' \((object|str)\) is not numeric"):
        SMOTENC(categorical_features=["colour"]).fit_resample(X, y)
    with pytest.raises(ValueError, match="Use SMOTEN for all-categorical data"):
        SMOTENC(categorical_features=[True, True]).fit_resample(X[["colour", "shape"]], y)
    with pytest.raises(ValueError, match="dense"):
        SMOTENC(categorical_features=[0]).fit_resample(sp.csr_matrix(numeric.to_numpy()), y)
    with pytest.raises(ValueError, match="no column names"):
        SMOTENC(categorical_features=["x1"]).fit_resample(numeric.to_numpy(), y)


def test_counts_and_category_sets_match_imblearn():
    X, y = mixed_frame()
    X = X.drop(columns=["label"]).assign(flag=lambda f: f["flag"].astype(str))
    categorical = ["colour", "shape", "flag"]
    ours = SMOTENC(categorical_features=categorical, random_state=0).fit_resample(X, y)
    theirs = ImbSMOTENC(categorical_features=categorical, random_state=0).fit_resample(X, y)
    assert Counter(ours[1].tolist()) == Counter(theirs[1].tolist())
    for column in categorical:
        assert set(ours[0][column]) <= set(X[column])
