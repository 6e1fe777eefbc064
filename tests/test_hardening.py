"""Issue 10 regressions of the library API: the caller's input is never modified, every
column keeps its dtype, and bad input gets an error naming what is wrong."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.sparse as sp

from smotekit import SMOTE, SVMSMOTE, KMeansSMOTE


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


# ----------------------------------------------------- item 11: clear errors, or it works

X12 = np.random.default_rng(3).normal(size=(12, 2))


def bad_targets():
    import pandas as pd

    return [
        pytest.param(
            np.array(["2020-01-01"] * 8 + ["2020-01-02"] * 4, dtype="datetime64[D]"),
            r"y holds datetimes \(dtype datetime64\[D\], such as '2020-01-01'\); class labels "
            r"must be integers, strings, booleans or categories",
            id="datetime",  # was KeyError: datetime.date(2020, 1, 2)
        ),
        pytest.param(
            pd.Series(["a"] * 7 + [pd.NA] + ["b"] * 4, dtype="string"),
            r"y contains a missing label \(<NA>\) at row 7",
            id="string-NA",  # was "boolean value of NA is ambiguous"
        ),
        pytest.param(
            np.array(["a"] * 7 + [np.nan] + ["b"] * 4, dtype=object),
            r"y contains a missing label \(nan\) at row 7",
            id="object-NaN",  # was "'<' not supported between instances of 'float' and 'str'"
        ),
        pytest.param(
            np.array(["a"] * 8 + [1] * 4, dtype=object),
            r"y mixes label types that cannot be sorted \(int, str\)",
            id="object-mixed",
        ),
    ]


@pytest.mark.parametrize(("y", "message"), bad_targets())
def test_unusable_targets_get_a_clear_error(y, message):
    with pytest.raises(ValueError, match=message):
        SMOTE(k_neighbors=2, random_state=0).fit_resample(X12, y)


def test_a_pandas_string_target_without_missing_labels_works():
    import pandas as pd

    y = pd.Series(["a"] * 8 + ["b"] * 4, dtype="string")
    _, y_res = SMOTE(k_neighbors=2, random_state=0).fit_resample(X12, y)
    assert y_res.dtype == y.dtype
    assert y_res.tolist() == ["a"] * 8 + ["b"] * 8


@pytest.mark.parametrize("dtype", [np.int64, np.uint64])
def test_an_integer_index_at_its_dtype_maximum_gets_labels_below_its_minimum(dtype):
    import pandas as pd

    top = int(np.iinfo(dtype).max)  # int64: was OverflowError making labels after it
    labels = np.array([*range(10, 21), top], dtype=dtype)
    frame = pd.DataFrame(X12, index=labels)
    out, _ = SMOTE(k_neighbors=2, random_state=0).fit_resample(frame, Y12)
    assert out.index.dtype == dtype
    assert out.index[12:].tolist() == [6, 7, 8, 9]
    assert out.index.is_unique
    pd.testing.assert_frame_equal(out.iloc[:12], frame)


@pytest.mark.parametrize("cls", [SVMSMOTE, KMeansSMOTE])
def test_a_csr_with_64_bit_indices_works_with_scikit_learn_estimators(cls):
    """scikit-learn's SVC and KMeans refused it: "please report this bug"."""
    X = unsorted_csr()
    X.sort_indices()
    X.indices = X.indices.astype(np.int64)
    X.indptr = X.indptr.astype(np.int64)
    params = {"cluster_balance_threshold": 0.1} if cls is KMeansSMOTE else {}
    X_res, y_res = cls(random_state=0, **params).fit_resample(X, Y60)
    assert X.indices.dtype == np.int64  # the caller's matrix is not touched
    np.testing.assert_array_equal(X_res[:60].toarray(), X.toarray())
    assert (np.bincount(y_res) == [45, 45]).all()


# ---------------------------------------------------------------- item 13: small API items


def nan_rows() -> np.ndarray:
    X = np.random.default_rng(4).normal(size=(12, 3))
    X[3, 1] = np.nan
    return X


@pytest.mark.parametrize("name", ["ADASYN", "TomekLinks", "EditedNearestNeighbours", "SMOTE"])
def test_errors_name_the_sampler_that_is_running(name):
    import smotekit

    cls = getattr(smotekit, name)
    with pytest.raises(ValueError) as caught:
        cls().fit_resample(nan_rows(), Y12)
    message = str(caught.value)
    assert message.startswith(f"{name}: X contains NaN: row 3, column 1 is nan.")
    assert "SMOTE interpolates" not in message  # said so for TomekLinks too


def test_adasyn_names_itself_and_its_own_parameter():
    from smotekit import ADASYN

    X = np.random.default_rng(5).normal(size=(12, 3))
    with pytest.raises(ValueError, match=r"^ADASYN: class 1 has 4 rows, but n_neighbors=8"):
        ADASYN(n_neighbors=8).fit_resample(X, Y12)


def test_a_combination_names_itself_then_its_inner_sampler():
    from smotekit import SMOTETomek

    with pytest.raises(ValueError, match=r"^SMOTETomek: SMOTE: X contains NaN"):
        SMOTETomek().fit_resample(nan_rows(), Y12)


def test_smotenc_shows_numpy_integer_columns_as_plain_integers():
    import pandas as pd

    from smotekit import SMOTENC

    X = np.c_[np.random.default_rng(6).normal(size=(12, 3)), np.arange(12) % 3]
    with pytest.raises(ValueError, match=r"column indices \[7\] out of range"):
        SMOTENC(categorical_features=[np.int64(7)]).fit_resample(X, Y12)
    frame = pd.DataFrame(X)
    frame[2] = ["a"] * 12
    with pytest.raises(ValueError, match=r"column 2 \(\w+\) is not numeric"):
        SMOTENC(categorical_features=[np.int64(3)], k_neighbors=2).fit_resample(frame, Y12)


def test_numpy_matrix_is_refused_as_scikit_learn_refuses_it():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)  # numpy's own advice
        matrix = np.matrix(X12)
    with pytest.raises(TypeError, match=r"X is a numpy.matrix.*pass np.asarray\(X\)"):
        SMOTE(k_neighbors=2).fit_resample(matrix, Y12)


def test_masked_values_are_refused_and_an_empty_mask_is_read_as_data():
    masked = np.ma.masked_array(X12, mask=np.zeros(X12.shape, bool))
    X_res, _ = SMOTE(k_neighbors=2, random_state=0).fit_resample(masked, Y12)
    plain, _ = SMOTE(k_neighbors=2, random_state=0).fit_resample(X12, Y12)
    assert type(X_res) is np.ndarray
    np.testing.assert_array_equal(X_res, plain)
    masked.mask[2, 1] = True  # the hidden value would have been used
    with pytest.raises(ValueError, match=r"1 masked value\(s\) \(row 2, column 1 is masked\)"):
        SMOTE(k_neighbors=2).fit_resample(masked, Y12)
    y = np.ma.masked_array(Y12, mask=Y12 == 1)
    with pytest.raises(ValueError, match=r"y is a masked array with 4 masked value\(s\) \(row 8"):
        SMOTE(k_neighbors=2).fit_resample(X12, y)
