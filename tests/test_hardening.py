"""Issue 10 regressions of the library API: the caller's input is never modified, every
column keeps its dtype, and bad input gets an error naming what is wrong."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from smotekit import SMOTE, SVMSMOTE


def unsorted_csr() -> sp.csr_matrix:
    """A CSR whose rows list their columns in descending order (valid, not canonical)."""
    dense = np.random.default_rng(0).normal(size=(60, 5))
    dense[np.random.default_rng(1).random((60, 5)) < 0.3] = 0.0
    dense[45:] += 2.0  # the minority class sits apart, so SVM-SMOTE finds support vectors
    X = sp.csr_matrix(dense)
    for i in range(X.shape[0]):
        a, b = X.indptr[i], X.indptr[i + 1]
        X.indices[a:b] = X.indices[a:b][::-1].copy()
        X.data[a:b] = X.data[a:b][::-1].copy()
    X.has_sorted_indices = False
    return X


Y60 = np.array([0] * 45 + [1] * 15)


# ------------------------------------------------------------------- item 7: input unchanged


@pytest.mark.parametrize("cls", [SVMSMOTE, SMOTE])
def test_a_csr_with_unsorted_indices_is_left_as_it_was(cls):
    X = unsorted_csr()
    indices, data, indptr = X.indices.copy(), X.data.copy(), X.indptr.copy()
    dense = X.toarray()
    X_res, _ = cls(random_state=0).fit_resample(X, Y60)
    np.testing.assert_array_equal(X.indices, indices)  # SVC sorted them in place
    np.testing.assert_array_equal(X.data, data)
    np.testing.assert_array_equal(X.indptr, indptr)
    np.testing.assert_array_equal(X_res[:60].toarray(), dense)
    assert X_res.shape[0] == 90


# ------------------------------------------------------- item 6: SMOTEN keeps every dtype

Y12 = np.array([0] * 8 + [1] * 4)


@pytest.mark.parametrize(
    "column",
    [
        np.arange(12) % 3 + 1j * (np.arange(12) % 2),  # came back as |S1: b'('
        np.datetime64("2020-01-01", "s") + np.arange(12) % 3,  # came back as datetime64[us]
        np.timedelta64(1, "ms") * (np.arange(12) % 3),
        np.array(["a", "bb", "ccc"] * 4),
        np.array([b"a", b"bb", b"c"] * 4),
        (np.arange(12) % 3).astype(np.float16),
    ],
    ids=["complex", "datetime64[s]", "timedelta64[ms]", "str", "bytes", "float16"],
)
def test_smoten_returns_each_numpy_dtype_exactly(column):
    from smotekit import SMOTEN

    X = np.column_stack([column, column[::-1]])
    X_res, _ = SMOTEN(k_neighbors=2, random_state=0).fit_resample(X, Y12)
    assert X_res.dtype == X.dtype
    np.testing.assert_array_equal(X_res[:12], X)
    for j in range(2):  # every synthetic value is one of its column's own values
        assert set(X_res[12:, j].tolist()) <= set(X[:, j].tolist())


def test_smoten_keeps_pandas_and_polars_column_dtypes():
    import pandas as pd
    import polars as pl

    from smotekit import SMOTEN

    seconds = pd.to_datetime(np.arange(12) % 3, unit="s").astype("datetime64[s]")
    frame = pd.DataFrame(
        {"c": np.arange(12) % 3 + 1j, "t": seconds, "u": (np.arange(12) % 2).astype(np.uint16)}
    )
    out, _ = SMOTEN(k_neighbors=2, random_state=0).fit_resample(frame, Y12)
    assert out.dtypes.tolist() == frame.dtypes.tolist()
    pd.testing.assert_frame_equal(out.iloc[:12], frame)
    polars_frame = pl.DataFrame(
        {
            "t": pl.Series(seconds.to_numpy().astype("datetime64[ms]")),
            "d": pl.Series(np.timedelta64(1, "ms") * (np.arange(12) % 3)),
        }
    )
    out, _ = SMOTEN(k_neighbors=2, random_state=0).fit_resample(polars_frame, Y12)
    assert out.schema == polars_frame.schema
    assert out[:12].equals(polars_frame)
