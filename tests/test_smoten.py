"""SMOTEN: VDM neighbours, values from the two parents, rows that vary."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import polars as pl
from imblearn.over_sampling import SMOTEN as ImbSMOTEN

from smotekit import SMOTEN
from smotekit.over_sampling._smoten import vdm_embedding


def nominal(n=(120, 30), seed=0):
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], n)
    cols = [
        np.where(rng.random(y.size) < 0.3 + 0.4 * y, "a", rng.choice(["b", "c"], y.size)),
        rng.choice(["x", "y", "z", "w"], y.size),
        np.where(rng.random(y.size) < 0.5 + 0.3 * y, "p", "q"),
    ]
    return np.column_stack(cols).astype(object), y


def vdm(X, y, i, j):
    """The value difference metric by its definition (exponent 1), for rows i and j."""
    total = 0.0
    for column in range(X.shape[1]):
        a, b = X[i, column], X[j, column]
        for label in np.unique(y):
            p_a = np.mean(y[X[:, column] == a] == label)
            p_b = np.mean(y[X[:, column] == b] == label)
            total += abs(p_a - p_b)
    return total


def test_embedding_distances_are_the_value_difference_metric():
    X, y = nominal(n=(30, 10))
    codes = np.column_stack([pd.factorize(X[:, j])[0] for j in range(X.shape[1])])
    rows = np.flatnonzero(y == 1)
    emb = vdm_embedding(codes, y, rows, np.array([0, 1]))
    assert emb.shape == (rows.size, 3 * 2)
    for a in range(0, rows.size, 3):
        for b in range(rows.size):
            got = np.abs(emb[a] - emb[b]).sum()
            np.testing.assert_allclose(got, vdm(X, y, rows[a], rows[b]), atol=1e-12)


def test_neighbours_are_vdm_nearest_and_values_come_from_the_two_parents():
    X, y = nominal()
    k = 5
    sampler = SMOTEN(k_neighbors=k, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert Counter(y_res.tolist()) == {0: 120, 1: 120}
    rows = np.flatnonzero(y == 1)
    dist = np.array([[vdm(X, y, i, j) for j in rows] for i in rows])
    np.fill_diagonal(dist, np.inf)
    kth = np.sort(dist, axis=1)[:, k - 1]
    local = {r: i for i, r in enumerate(rows)}
    base, nb = sampler.synthetic_parents_.T
    for b, n in zip(base, nb, strict=True):
        assert dist[local[b], local[n]] <= kth[local[b]] + 1e-12  # ties allowed
    synthetic = X_res[len(X) :]
    from_base = synthetic == X[base]
    from_nb = synthetic == X[nb]
    assert (from_base | from_nb).all()
    # Where the parents differ, the neighbour's value is taken with probability t.
    differ = X[base] != X[nb]
    t = np.broadcast_to(sampler.synthetic_steps_[:, None], differ.shape)[differ]
    taken = from_nb[differ]
    expected, spread = t.sum(), np.sqrt((t * (1 - t)).sum())
    assert abs(taken.sum() - expected) < 4 * spread


def test_synthetic_rows_vary_where_imblearn_repeats_one_vote_per_base():
    rng = np.random.default_rng(1)
    y = np.repeat([0, 1], [200, 12])
    X = rng.choice(["a", "b", "c", "d"], size=(y.size, 6)).astype(object)
    ours = SMOTEN(random_state=0).fit_resample(X, y)[0][len(X) :]
    theirs = ImbSMOTEN(random_state=0).fit_resample(X, y)[0][len(X) :]
    distinct = {tuple(r) for r in ours}
    assert len({tuple(r) for r in theirs}) <= 12
    assert len(distinct) > 12


def test_dataframe_dtypes_are_kept():
    X, y = nominal()
    frame = pd.DataFrame(
        {
            "first": pd.Categorical(X[:, 0], categories=["a", "b", "c", "d"]),
            "second": pd.array(X[:, 1], dtype="string"),
            "third": X[:, 2] == "p",
        }
    )
    X_res, _ = SMOTEN(random_state=0).fit_resample(frame, y)
    assert list(X_res.dtypes) == list(frame.dtypes)
    assert list(X_res["first"].cat.categories) == ["a", "b", "c", "d"]
    polars_frame = pl.from_pandas(frame.astype({"first": str}))
    X_pl, _ = SMOTEN(random_state=0).fit_resample(polars_frame, pl.Series("y", y))
    assert X_pl.schema == polars_frame.schema
