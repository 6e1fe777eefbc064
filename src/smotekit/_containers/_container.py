"""What the adapter of one kind of container answers: the bases of each kind's adapter
(``Container``: X; ``DenseContainer``: also categories and y; ``FrameContainer``: frames).

Each kind (numpy arrays, Python lists, scipy sparse, pandas, polars) has one adapter,
chosen once when X or y is unpacked (see ``_dispatch``); from then on :class:`Features`
and :class:`Labels` ask it to rebuild, take rows and so on, so nothing branches on the
kind again.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from ._common import check_shape
from ._features import Features, Labels, MixedFeatures


class Container(ABC):
    """One kind of container holding X: unpack it, rebuild it with synthetic rows, take rows."""

    is_sparse = False

    @abstractmethod
    def unpack(self, X) -> Features:
        """X as numbers for interpolation; a clear error for anything else."""

    @abstractmethod
    def unpack_rows(self, X) -> Features:
        """X for samplers that only pick rows: any dtypes, missing values allowed, no copy."""

    def synthetic_buffer(self, features: Features, n_new: int) -> np.ndarray:
        """The array the interpolation writes ``n_new`` synthetic rows into."""
        return np.empty((n_new, features.values.shape[1]), dtype=features.dtype)

    @abstractmethod
    def with_synthetic(self, features: Features, synthetic):
        """The caller's container: the original rows, then ``synthetic``."""

    @abstractmethod
    def take(self, features: Features, rows: np.ndarray, fresh_from: int | None):
        """The caller's container holding the input rows at ``rows`` (see ``Features.take``)."""

    @abstractmethod
    def table(self, X, sampler: str):
        """(table, column names or None): X as ``unpack_mixed`` reads it, or a clear error
        where this kind cannot hold categories."""


class DenseContainer(Container):
    """A kind that also holds categorical columns (SMOTENC, SMOTEN) and y."""

    @abstractmethod
    def auto_categorical(self, table) -> np.ndarray:
        """Boolean mask of the columns ``categorical_features="auto"`` takes."""

    @abstractmethod
    def continuous(self, table, columns, positions: np.ndarray):
        """(values, rounded, compute dtype) of the continuous columns at ``positions``."""

    @abstractmethod
    def categorical_column(self, table, column: int):
        """(int64 codes, object array of what each code stands for) of one column."""

    @abstractmethod
    def with_categorical(self, features: MixedFeatures, synthetic, codes):
        """The caller's container: original rows, then ``synthetic`` numbers and ``codes``."""

    @abstractmethod
    def unpack_y(self, y) -> Labels:
        """y as a 1-D numpy array."""

    @abstractmethod
    def labels_with(self, labels: Labels, new: np.ndarray):
        """The caller's y: the original labels, then ``new``."""

    @abstractmethod
    def labels_take(self, labels: Labels, rows: np.ndarray, fresh_from: int | None):
        """The caller's y holding the labels at ``rows``."""


class FrameContainer(DenseContainer):
    """A kind of data frame (pandas, polars): named columns of their own dtypes."""

    def unpack_rows(self, X) -> Features:
        check_shape(X.shape)
        rounded = np.zeros(X.shape[1], bool)
        return Features(X, self, X, np.dtype(object), rounded, list(X.columns))

    def table(self, X, sampler: str):
        return X, list(X.columns)
