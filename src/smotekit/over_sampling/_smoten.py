"""SMOTE-N: SMOTE for tables whose columns are all categorical."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .. import neighbors
from ._smotenc import CategoricalOverSampler


def vdm_embedding(codes: np.ndarray, y: np.ndarray, rows: np.ndarray, classes) -> np.ndarray:
    """Rows of ``rows`` whose Manhattan distances are the value difference metric.

    Category ``v`` of column ``j`` becomes the vector ``P(class | x_j = v)`` estimated on
    all rows, so ``sum_j sum_c |P(c | a_j) - P(c | b_j)|`` (Stanfill and Waltz's VDM with
    exponent 1) is the L1 distance between the embedded rows. Memory: len(rows) x
    (columns x classes), never a matrix of pairwise distances.
    """
    label_index = np.searchsorted(classes, y)
    blocks = []
    for j in range(codes.shape[1]):
        column = codes[:, j]
        counts = np.zeros((int(column.max()) + 1, len(classes)))
        np.add.at(counts, (column, label_index), 1)
        blocks.append((counts / counts.sum(axis=1, keepdims=True))[column[rows]])
    return np.hstack(blocks)


class SMOTEN(CategoricalOverSampler):
    """SMOTE for Nominal features (Chawla et al., 2002).

    Neighbours are found with the value difference metric (VDM): two categories of a column
    are close when the classes are distributed alike among the rows holding them. Each
    synthetic row then draws a class row, one of its ``k_neighbors`` nearest class rows and
    a step ``t ~ U(0, 1)``, and takes in each column the neighbour's value with probability
    ``t``, the base row's otherwise: a categorical analogue of SMOTE's segment, so
    ``synthetic_parents_`` and ``synthetic_steps_`` describe every row.

    A drop-in for ``imblearn.over_sampling.SMOTEN`` (all columns are categorical), without
    its two defects: imbalanced-learn computes the pairwise distances of each class (memory
    quadratic in the class size), and gives every synthetic row of a base the same majority
    vote of its neighbours, so a base yields at most one distinct row. Here the search uses
    an embedding of size rows x (columns x classes), and synthetic rows vary.

    Parameters
    ----------
    categorical_encoder : None or encoder, default=None
        Fitted on the categorical columns as ``categorical_encoder_`` (None:
        imbalanced-learn's default), for imbalanced-learn compatibility; neighbours compare
        the categories themselves, so its options do not change the rows made.
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k_neighbors : int or estimator, default=5
        Neighbours a synthetic row may take values from. An estimator is used as given
        (an int gives a Manhattan-distance ``NearestNeighbors``).

    Attributes
    ----------
    categorical_features_ : ndarray
        All column positions (``continuous_features_`` is empty).
    nn_k_ : estimator
        The neighbour search (fitted on the last class).
    sampling_strategy_, synthetic_parents_, synthetic_steps_, classes_, n_features_in_, \
feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import SMOTEN
    >>> rng = np.random.default_rng(0)
    >>> X = rng.choice(["a", "b", "c"], size=(100, 3)).astype(object)
    >>> y = np.array([0] * 80 + [1] * 20)
    >>> X_res, y_res = SMOTEN(random_state=0).fit_resample(X, y)
    >>> X_res.shape, set(X_res[80:].ravel()) <= {"a", "b", "c"}
    ((160, 3), True)
    """

    def __init__(
        self,
        categorical_encoder=None,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
    ):
        self.categorical_encoder = categorical_encoder
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"k_neighbors": 3}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [({"categorical_encoder": "onehot"}, "categorical_encoder must be None or an")]

    def _accepts_nan(self) -> bool:
        return True  # a missing value is one more category

    def _accepts_strings(self) -> bool:
        return True

    def _default_encoder(self):
        from sklearn.preprocessing import OrdinalEncoder

        # imbalanced-learn's, with a code for missing values (a category here).
        return OrdinalEncoder(dtype=np.int32, encoded_missing_value=-1)

    def _categorical_columns(self):
        return "all"

    def _neighbor_search(self, method=None):
        estimator = neighbors.make_estimator(self.k_neighbors)
        if isinstance(self.k_neighbors, int | np.integer):
            from sklearn.neighbors import NearestNeighbors

            # The VDM is an L1 distance on the embedding; the default search is Euclidean.
            k = neighbors.n_neighbors_of(estimator)
            estimator = NearestNeighbors(n_neighbors=k + 1, metric="manhattan")
        return estimator

    def _class_space(self, X, y, rows, label):
        return vdm_embedding(X.codes, y, rows, self.classes_)

    def _finish_class_plan(self, plan, X, rows, nearest, rng):
        from_neighbor = rng.random((len(plan), X.codes.shape[1])) < plan.step[:, None]
        codes = np.where(from_neighbor, X.codes[plan.neighbor], X.codes[plan.base])
        return replace(plan, categorical=codes)
