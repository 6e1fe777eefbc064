"""SMOTE-NC: SMOTE for tables with continuous and categorical columns."""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import replace

import numpy as np

from .. import _containers, neighbors
from .._base import SegmentOverSampler
from .._plan import Plan

# A dense embedding of one class's rows up to this size; a sparse one beyond.
DENSE_BYTES = 256 * 2**20
VOTE_CELLS = 2**22


class CategoricalOverSampler(SegmentOverSampler):
    """An over-sampler that reads categories: X arrives in ``_plan`` as ``MixedFeatures``
    (``values``: the continuous columns, ``codes``: the categorical ones)."""

    @abstractmethod
    def _categorical_columns(self):
        """The ``categorical_features`` spec handed to ``_containers.unpack_mixed``."""

    @abstractmethod
    def _default_encoder(self):
        """imbalanced-learn's default ``categorical_encoder`` for this sampler (unfitted)."""

    def _check_params(self) -> None:
        encoder = self.categorical_encoder
        if encoder is not None and not (hasattr(encoder, "fit") and hasattr(encoder, "transform")):
            raise ValueError(
                "categorical_encoder must be None or an encoder with fit and transform (such "
                f"as sklearn.preprocessing.OneHotEncoder); got {type(encoder).__name__}."
            )
        neighbors.make_estimator(self.k_neighbors)

    def _accepts_sparse(self) -> bool:
        return False

    def _unpack_X(self, X):
        name = type(self).__name__
        features = _containers.unpack_mixed(X, self._categorical_columns(), name)
        self.categorical_features_ = features.categorical
        self.continuous_features_ = features.continuous
        self._fit_encoder(features)
        return features

    def _fit_encoder(self, features) -> None:
        """``categorical_encoder_``: the encoder (a clone of ``categorical_encoder``, or
        imbalanced-learn's default) fitted on the categorical columns, for imbalanced-learn
        compatibility. Neighbours compare the categories themselves, not its output."""
        from sklearn.base import clone

        given = self.categorical_encoder
        encoder = self._default_encoder() if given is None else clone(given)
        n_categorical = features.codes.shape[1]
        columns = [features.decoded(j, features.codes) for j in range(n_categorical)]
        try:
            self.categorical_encoder_ = encoder.fit(np.column_stack(columns))
        except TypeError:
            if given is not None:
                raise
            # scikit-learn's encoders sort the categories and cannot sort some kinds
            # (complex numbers, mixed types); the rows never depend on this encoder, so the
            # default one is fitted on the category codes instead.
            self.categorical_encoder_ = self._default_encoder().fit(features.codes)

    def _plan_input(self, features):
        return features

    def _join(self, plans, X, y):
        return concat_categorical(plans, y.dtype, X.codes.shape[1])


def mismatch_embedding(continuous: np.ndarray, codes: np.ndarray, scale: float):
    """Rows whose Euclidean distances are SMOTE-NC's: the continuous differences, plus
    ``scale`` for each categorical column whose values differ.

    Each categorical column becomes a one-hot block of the categories *present in these
    rows*, scaled by ``scale / sqrt(2)`` (two cells differ per mismatch). Dense while it
    fits in ``DENSE_BYTES``, CSR beyond.
    """
    n, d = continuous.shape
    local = [np.unique(codes[:, j], return_inverse=True)[1] for j in range(codes.shape[1])]
    widths = [int(code.max()) + 1 if n else 0 for code in local]
    offsets = d + np.concatenate([[0], np.cumsum(widths)[:-1]]).astype(np.intp)
    width = d + sum(widths)
    value = scale / np.sqrt(2.0)
    if n * width * 8 <= DENSE_BYTES:
        out = np.zeros((n, width))
        out[:, :d] = continuous
        for code, offset in zip(local, offsets, strict=True):
            out[np.arange(n), offset + code] = value
        return out
    import scipy.sparse as sp

    # Column of each row's category in each block, relative to the one-hot part.
    columns = np.column_stack(
        [offset - d + code for code, offset in zip(local, offsets, strict=True)]
    )
    indptr = np.arange(0, columns.size + 1, len(local))
    one_hot = sp.csr_matrix(
        (np.full(columns.size, value), columns.ravel(), indptr), shape=(n, width - d)
    )
    return sp.hstack([sp.csr_matrix(continuous), one_hot], format="csr")


def concat_categorical(plans: list[Plan], label_dtype, n_columns: int) -> Plan:
    """``Plan.concat``, with an empty categorical block when there are no plans."""
    if plans:
        return Plan.concat(plans, label_dtype)
    empty = Plan.concat([], label_dtype)
    return replace(empty, categorical=np.empty((0, n_columns), dtype=np.int64))


def vote(codes: np.ndarray, nearest: np.ndarray, seeds: np.ndarray, rng) -> np.ndarray:
    """Per synthetic row and categorical column, the value most frequent among the seed's
    neighbours; ties are broken uniformly at random by ``rng``.

    ``codes`` (m x c) and ``nearest`` (m x k, local indices) are the class's; ``seeds`` the
    local index of each synthetic row's base.
    """
    k, c = nearest.shape[1], codes.shape[1]
    out = np.empty((seeds.size, c), dtype=codes.dtype)
    size = max(1, VOTE_CELLS // max(1, k * k * c))
    for start in range(0, seeds.size, size):
        near = codes[nearest[seeds[start : start + size]]]  # (rows, k, c)
        count = (near[:, :, None, :] == near[:, None, :, :]).sum(axis=2)
        # A random fraction below 1 only reorders neighbours whose values are equally common;
        # a value held by several neighbours is as likely as any other tied value.
        score = count + rng.random(count.shape)
        pick = score.argmax(axis=1)
        out[start : start + size] = np.take_along_axis(near, pick[:, None, :], axis=1)[:, 0]
    return out


class SMOTENC(CategoricalOverSampler):
    """SMOTE for Nominal and Continuous features (Chawla et al., 2002).

    Neighbours are found with SMOTE-NC's distance: Euclidean on the continuous columns,
    plus the median of the class's continuous standard deviations for every categorical
    column whose values differ. Each synthetic row interpolates the continuous columns
    between a class row and one of its ``k_neighbors`` nearest class rows (step
    ``t ~ U(0, 1)``), and takes for each categorical column the value most frequent among
    the base row's ``k_neighbors`` neighbours (ties broken at random).

    A drop-in for ``imblearn.over_sampling.SMOTENC``. Unlike it, nothing is one-hot
    encoded over the whole table: categories are compared as integer codes, and the
    neighbour search sees a one-hot block of only the over-sampled class's categories
    (sparse when large), so memory stays near the size of the input. The output keeps
    every column's dtype (pandas categories with their categories, strings, booleans,
    integers); a missing categorical value is a category of its own. The median standard
    deviation is the over-sampled class's (imbalanced-learn uses the minority class's for
    every class); when it is 0 a mismatch counts 1.

    Parameters
    ----------
    categorical_features : "auto", list of int or str, or boolean mask
        The categorical columns: indices, names (DataFrame), a boolean mask, or ``"auto"``
        (pandas category, object, string and bool columns; polars categorical, enum,
        string and boolean columns; object-array columns holding non-numbers).
    categorical_encoder : None or encoder, default=None
        Fitted on the categorical columns as ``categorical_encoder_`` (None:
        imbalanced-learn's default), for imbalanced-learn compatibility; neighbours compare
        the categories themselves, so its options do not change the rows made.
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k_neighbors : int or estimator, default=5
        Neighbours to interpolate towards and to vote on categories, or a
        ``NearestNeighbors``-like object (asked for ``n_neighbors`` rows including the row).

    Attributes
    ----------
    categorical_features_ : ndarray
        Positions of the categorical columns.
    continuous_features_ : ndarray
        Positions of the continuous columns.
    median_std_ : dict
        ``{label: scale of a categorical mismatch}`` for each over-sampled class.
    nn_k_ : estimator
        The neighbour search (fitted on the last class).
    sampling_strategy_, synthetic_parents_, synthetic_steps_, classes_, n_features_in_, \
feature_names_in_
        As for :class:`~smotekit.SMOTE`; the provenance describes the continuous columns.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from smotekit import SMOTENC
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame({
    ...     "size": rng.normal(size=100),
    ...     "colour": pd.Categorical(rng.choice(["red", "blue"], size=100)),
    ... })
    >>> y = np.array([0] * 80 + [1] * 20)
    >>> X_res, y_res = SMOTENC(categorical_features="auto", random_state=0).fit_resample(X, y)
    >>> X_res.shape, X_res["colour"].dtype == X["colour"].dtype
    ((160, 2), True)
    >>> bool(X_res["colour"].isin(["red", "blue"]).all())
    True
    """

    def __init__(
        self,
        categorical_features,
        *,
        categorical_encoder=None,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
    ):
        self.categorical_features = categorical_features
        self.categorical_encoder = categorical_encoder
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [
            {"categorical_features": [3]},
            {"categorical_features": [False, False, True, True], "k_neighbors": 3},
        ]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"categorical_features": [9]}, r"categorical_features has column indices \[9\]"),
            ({"categorical_features": "some"}, "categorical_features must be 'auto'"),
            ({"categorical_features": [0, 1, 2, 3]}, "needs at least one continuous column"),
            ({"categorical_features": [3], "categorical_encoder": 1}, "categorical_encoder"),
        ]

    def _categorical_columns(self):
        return self.categorical_features

    def _default_encoder(self):
        from sklearn.preprocessing import OneHotEncoder

        return OneHotEncoder(handle_unknown="ignore")

    def _unpack_X(self, X):
        features = super()._unpack_X(X)
        self.n_features_ = features.n_features
        return features

    def _plan(self, X, y, targets, streams) -> Plan:
        self.median_std_ = {}
        return super()._plan(X, y, targets, streams)

    def _class_space(self, X, y, rows, label):
        continuous = X.values[rows].astype(np.float64)
        scale = float(np.median(continuous.std(axis=0)))
        self.median_std_[label] = scale = scale if scale > 0 else 1.0
        return mismatch_embedding(continuous, X.codes[rows], scale)

    def _finish_class_plan(self, plan, X, rows, nearest, rng):
        seeds = np.searchsorted(rows, plan.base)
        return replace(plan, categorical=vote(X.codes[rows], nearest, seeds, rng))
