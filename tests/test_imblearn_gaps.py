"""The gaps imbalanced-learn's own tests found (issue 11), each pinned against imbalanced-learn
0.14 run on the same input, or against a property stated in docs/samplers.md."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import SMOTE as ImbSMOTE
from sklearn.preprocessing import label_binarize

from smotekit import SMOTE, SMOTEENN, RandomUnderSampler, TomekLinks


def data(n=(30, 12), seed=0, shift=4.0):
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(n)), n)
    X = rng.normal(size=(y.size, 3)) + shift * y[:, None]
    return X, y


# --------------------------------------------------------------------------- 2-D y


@pytest.mark.parametrize("sampler", [SMOTE(random_state=0), SMOTEENN(random_state=0)])
def test_column_y_comes_back_as_a_column(sampler):
    X, y = data()
    X_1d, y_1d = sampler.fit_resample(X, y)
    X_res, y_res = sampler.fit_resample(X, y.reshape(-1, 1))
    # imbalanced-learn accepts the column but returns 1-D labels; we keep the caller's
    # shape (docs/samplers.md, "Differences from imbalanced-learn").
    assert ImbSMOTE(random_state=0).fit_resample(X, y.reshape(-1, 1))[1].ndim == 1
    assert y_res.shape == (len(y_1d), 1)
    np.testing.assert_array_equal(y_res[:, 0], y_1d)
    np.testing.assert_array_equal(X_res, X_1d)


def test_one_column_dataframe_y_comes_back_as_that_frame():
    X, y = data()
    frame = pd.DataFrame({"target": y}, index=np.arange(y.size) + 100)
    _, y_res = SMOTE(random_state=0).fit_resample(X, frame)
    assert isinstance(y_res, pd.DataFrame) and list(y_res.columns) == ["target"]
    assert y_res.shape == (2 * 30, 1)
    pd.testing.assert_frame_equal(y_res.iloc[: y.size], frame)
    np.testing.assert_array_equal(y_res["target"].to_numpy()[y.size :], 1)


def test_one_hot_y_is_resampled_and_returned_one_hot():
    X, y = data((30, 12, 8))
    Y = label_binarize(y, classes=[0, 1, 2])
    X_labels, y_labels = RandomUnderSampler(random_state=0).fit_resample(X, y)
    X_res, Y_res = RandomUnderSampler(random_state=0).fit_resample(X, Y)
    assert Y_res.dtype == Y.dtype and Y_res.shape == (len(y_labels), 3)
    np.testing.assert_array_equal(Y_res, label_binarize(y_labels, classes=[0, 1, 2]))
    np.testing.assert_array_equal(X_res, X_labels)


def test_multilabel_y_is_refused_as_imbalanced_learn_does():
    X, y = data()
    Y = np.column_stack([y, np.ones_like(y)])
    with pytest.raises(ValueError, match="multilabel"):
        TomekLinks().fit_resample(X, Y)
    with pytest.raises(ValueError, match="Multilabel"):
        ImbSMOTE().fit_resample(X, Y)


# --------------------------------------------------------------------------- feature names


@pytest.mark.parametrize("sampler", [SMOTE(random_state=0), TomekLinks(), SMOTEENN()])
def test_get_feature_names_out_names_the_input_columns(sampler):
    X, y = data()
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    sampler.fit_resample(frame, y)
    np.testing.assert_array_equal(sampler.get_feature_names_out(), ["a", "b", "c"])
    with pytest.raises(ValueError, match="input_features is not equal"):
        sampler.get_feature_names_out(["x", "y", "z"])
    sampler.fit_resample(X, y)
    assert sampler.get_feature_names_out().tolist() == ["x0", "x1", "x2"]


# --------------------------------------------------------------------------- KMeansSMOTE


def test_kmeans_smote_without_a_usable_cluster_raises_runtime_error_like_imblearn():
    from imblearn.over_sampling import KMeansSMOTE as ImbKMeansSMOTE

    from smotekit import KMeansSMOTE

    X, y = data((40, 10), shift=0.0)
    params = {"kmeans_estimator": 2, "cluster_balance_threshold": 0.99, "random_state": 0}
    with pytest.raises(RuntimeError, match="No clusters found"):
        ImbKMeansSMOTE(**params).fit_resample(X, y)
    with pytest.raises(RuntimeError, match="no cluster qualifies for class 1"):
        KMeansSMOTE(**params).fit_resample(X, y)


# --------------------------------------------------------------------------- pandas columns


@pytest.mark.parametrize("sampler", [SMOTE(random_state=0), SMOTEENN(random_state=0)])
def test_sparse_dtype_columns_come_back_sparse_with_the_dense_values(sampler):
    X, y = data()
    frame = pd.DataFrame(X, columns=["a", "b", "c"]).astype(pd.SparseDtype(float, 0))
    X_res, y_res = sampler.fit_resample(frame, y)
    X_dense, y_dense = sampler.fit_resample(X, y)
    assert all(isinstance(dt, pd.SparseDtype) for dt in X_res.dtypes)
    np.testing.assert_allclose(X_res.to_numpy(), X_dense)
    np.testing.assert_array_equal(y_res, y_dense)


def test_smotenc_reads_a_numeric_object_column_as_imblearn_does():
    from imblearn.over_sampling import SMOTENC as ImbSMOTENC

    from smotekit import SMOTENC

    X, y = data()
    frame = pd.DataFrame({"num": X[:, 0].astype(object), "cat": np.where(X[:, 1] > 0, "p", "n")})
    assert frame["num"].dtype == object
    X_res, _ = SMOTENC(categorical_features=["cat"], random_state=0).fit_resample(frame, y)
    imb_res, _ = ImbSMOTENC(categorical_features=[1], random_state=0).fit_resample(frame, y)
    assert len(X_res) == len(imb_res) == 60
    pd.testing.assert_frame_equal(X_res.iloc[: len(y)], frame)
    # A synthetic value lies between the class's smallest and largest.
    minority = X[y == 1, 0]
    new = X_res["num"].iloc[len(y) :].astype(float)
    assert new.between(minority.min(), minority.max()).all()


# --------------------------------------------------------------------------- __array__ only


class OnlyArray:
    """An object that implements nothing but ``__array__``."""

    def __init__(self, values):
        self.values = values

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.values, dtype=dtype)


def seeded(name):
    import inspect

    import smotekit

    cls = getattr(smotekit, name)
    seeded = "random_state" in inspect.signature(cls).parameters
    return cls(random_state=0) if seeded else cls()


@pytest.mark.parametrize(
    "name", ["SMOTE", "RandomUnderSampler", "RandomOverSampler", "TomekLinks", "SMOTETomek"]
)
def test_objects_with_only_array_are_read_and_returned_as_numpy(name):
    X, y = data()
    X_res, y_res = seeded(name).fit_resample(OnlyArray(X), OnlyArray(y))
    assert isinstance(X_res, np.ndarray) and isinstance(y_res, np.ndarray)
    X_np, y_np = seeded(name).fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X_np)
    np.testing.assert_array_equal(y_res, y_np)


# --------------------------------------------------------------------------- SVMSMOTE


def test_svm_smote_with_a_non_svm_estimator_raises_runtime_error_like_imblearn():
    from imblearn.over_sampling import SVMSMOTE as ImbSVMSMOTE
    from sklearn.linear_model import LogisticRegression

    from smotekit import SVMSMOTE

    X, y = data()
    with pytest.raises(RuntimeError, match="support_"):
        ImbSVMSMOTE(svm_estimator=LogisticRegression()).fit_resample(X, y)
    with pytest.raises(RuntimeError, match=r"support_.*LogisticRegression has none"):
        SVMSMOTE(svm_estimator=LogisticRegression()).fit_resample(X, y)


# --------------------------------------------------------------------------- TomekLinks


def test_is_tomek_agrees_with_imblearn_on_a_nearest_neighbour_graph():
    from imblearn.under_sampling import TomekLinks as ImbTomekLinks
    from sklearn.neighbors import NearestNeighbors

    X, y = data((40, 25), shift=0.5)
    nearest = NearestNeighbors(n_neighbors=2).fit(X).kneighbors(X, return_distance=False)[:, 1]
    for classes in ([0], [1], [0, 1]):
        expected = ImbTomekLinks.is_tomek(y, nearest, classes)
        assert expected.any()
        np.testing.assert_array_equal(TomekLinks.is_tomek(y, nearest, classes), expected)


# --------------------------------------------------------------------------- combinations


@pytest.mark.parametrize("name", ["SMOTEENN", "SMOTETomek"])
def test_combination_fit_refuses_what_fit_resample_refuses(name):
    import imblearn.combine

    X, y = data()
    X[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        getattr(imblearn.combine, name)().fit(X, y)
    with pytest.raises(ValueError, match=r"X contains NaN: row 3, column 1"):
        seeded(name).fit(X, y)
    with pytest.raises(ValueError, match=r"X contains NaN: row 3, column 1"):
        seeded(name).fit_resample(X, y)
    X[3, 1] = 0.0
    sampler = seeded(name).fit(X, y)
    assert sampler.sampling_strategy_ == {1: 18}


# --------------------------------------------------------------------------- parameter types


@pytest.mark.parametrize(
    "params", [{"sampling_strategy": object()}, {"random_state": "x"}, {"random_state": 1.5}]
)
@pytest.mark.parametrize("name", ["SMOTE", "RandomUnderSampler"])
def test_wrongly_typed_parameters_raise_an_error_that_is_both_value_and_type_error(name, params):
    import imblearn.over_sampling
    import imblearn.under_sampling

    from smotekit import InvalidParameterError

    X, y = data()
    imb = getattr(imblearn.over_sampling, name, None) or getattr(imblearn.under_sampling, name)
    for cls in (imb, type(seeded(name))):
        with pytest.raises(ValueError) as caught:
            cls(**params).fit_resample(X, y)
        assert isinstance(caught.value, TypeError)
    assert issubclass(InvalidParameterError, ValueError)
    with pytest.raises(InvalidParameterError, match=next(iter(params))):
        seeded(name).set_params(**params).fit_resample(X, y)


# --------------------------------------------------------------------------- make_imbalance


def test_make_imbalance_refuses_one_class_like_imblearn():
    from imblearn.datasets import make_imbalance as imb_make_imbalance

    from smotekit.datasets import make_imbalance

    X, y = data()
    one = np.zeros_like(y)
    with pytest.raises(ValueError, match="more than 1 class"):
        imb_make_imbalance(X, one, sampling_strategy={0: 5})
    with pytest.raises(ValueError, match=r"more than one class.*got 1 class \(\[0\]\)"):
        make_imbalance(X, one, sampling_strategy={0: 5})


def test_make_imbalance_passes_kwargs_to_the_callable_and_prints_when_verbose(capsys):
    from smotekit.datasets import make_imbalance

    X, y = data()

    def halve(y, share):
        return {1: int(share * (y == 1).sum())}

    _, y_res = make_imbalance(X, y, sampling_strategy=halve, share=0.5, verbose=True)
    assert (y_res == 1).sum() == 6 and (y_res == 0).sum() == 30
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "The original target distribution in the dataset is: {0: 30, 1: 12}",
        "Make the dataset imbalanced: {0: 30, 1: 6}",
    ]


# --------------------------------------------------------------------------- specificity


def test_specificity_with_pos_label_absent_counts_the_true_negatives():
    from imblearn.metrics import specificity_score as imb_specificity

    from smotekit.metrics import specificity_score

    y_true = [0, 0, 0, 0]
    # Every row is a negative for pos_label=1: 4 true negatives, then 3 and 1 false positive.
    assert specificity_score(y_true, [0, 0, 0, 0]) == 1.0
    assert specificity_score(y_true, [0, 1, 0, 0]) == 0.75
    # imbalanced-learn reports 0.0 here (documented in docs/samplers.md).
    assert imb_specificity(y_true, [0, 0, 0, 0]) == 0.0


# --------------------------------------------------------------------------- SMOTENC / SMOTEN


def mixed_frame():
    rng = np.random.default_rng(5)
    y = np.repeat([0, 1], [30, 12])
    frame = pd.DataFrame(
        {
            "size": rng.normal(size=y.size) + y,
            "colour": rng.choice(["red", "blue", "green"], size=y.size),
            "shape": rng.choice(["round", "square"], size=y.size),
        }
    )
    return frame, y


def test_smotenc_fitted_encoder_and_n_features_are_imblearns():
    from imblearn.over_sampling import SMOTENC as ImbSMOTENC
    from sklearn.preprocessing import OneHotEncoder

    from smotekit import SMOTENC

    frame, y = mixed_frame()
    ours = SMOTENC(categorical_features=[1, 2], random_state=0).fit(frame, y)
    ours.fit_resample(frame, y)
    theirs = ImbSMOTENC(categorical_features=[1, 2], random_state=0)
    theirs.fit_resample(frame, y)
    assert ours.n_features_ == theirs.n_features_ == 3
    assert isinstance(ours.categorical_encoder_, OneHotEncoder)
    for mine, reference in zip(
        ours.categorical_encoder_.categories_, theirs.categorical_encoder_.categories_, strict=True
    ):
        assert mine.tolist() == reference.tolist()
    given = OneHotEncoder(sparse_output=False)
    sampler = SMOTENC(categorical_features=[1, 2], categorical_encoder=given, random_state=0)
    sampler.fit_resample(frame, y)
    assert sampler.categorical_encoder_ is not given and not hasattr(given, "categories_")
    assert sampler.categorical_encoder_.sparse_output is False


def test_smoten_fitted_encoder_is_imblearns_ordinal_encoder():
    from imblearn.over_sampling import SMOTEN as ImbSMOTEN

    from smotekit import SMOTEN

    frame, y = mixed_frame()
    categorical = frame[["colour", "shape"]]
    ours = SMOTEN(random_state=0)
    ours.fit_resample(categorical, y)
    theirs = ImbSMOTEN(random_state=0)
    theirs.fit_resample(categorical, y)
    assert type(ours.categorical_encoder_) is type(theirs.categorical_encoder_)
    assert ours.categorical_encoder_.dtype == theirs.categorical_encoder_.dtype
    for mine, reference in zip(
        ours.categorical_encoder_.categories_, theirs.categorical_encoder_.categories_, strict=True
    ):
        assert mine.tolist() == reference.tolist()
