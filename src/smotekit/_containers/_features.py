"""X and y as the core sees them, each holding the container that can rebuild the caller's."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Features:
    """X as the core sees it, plus what is needed to rebuild the caller's container.

    ``values`` is a 2-D numeric numpy array or a CSR matrix/array; it may be the caller's
    own array and must never be written to. ``rounded`` marks integer and boolean columns,
    whose synthetic values are rounded to the nearest integer. ``container`` is the
    adapter of the caller's kind of container (chosen once, when X is unpacked).
    """

    values: object
    container: object  # the adapter of the caller's kind (a _container.Container)
    source: object
    dtype: np.dtype
    rounded: np.ndarray
    columns: list | None = None
    _buffer: np.ndarray | None = field(default=None, repr=False)

    @property
    def n_rows(self) -> int:
        return self.values.shape[0]

    @property
    def is_sparse(self) -> bool:
        return self.container.is_sparse

    @property
    def n_features(self) -> int:
        """Columns of the caller's X (``values`` may hold only some, see ``MixedFeatures``)."""
        return self.values.shape[1]

    @property
    def feature_names(self) -> np.ndarray | None:
        """Column names when they are all strings (scikit-learn's rule for feature_names_in_)."""
        if self.columns is None or not all(isinstance(c, str) for c in self.columns):
            return None
        return np.asarray(self.columns, dtype=object)

    def synthetic_buffer(self, n_new: int) -> np.ndarray:
        """Dense array of shape (n_new, d) for the interpolation kernel to fill.

        For numpy input it is a view of the final output (originals copied once), so no
        extra ``n_new x d`` copy is made on the way back.
        """
        return self.container.synthetic_buffer(self, n_new)

    def with_synthetic(self, synthetic):
        """The caller's container: original rows first, then ``synthetic``."""
        return self.container.with_synthetic(self, synthetic)

    def take(self, rows: np.ndarray, fresh_from: int | None = None):
        """The caller's container holding the input rows at positions ``rows``, in order.

        Rows from output position ``fresh_from`` on are new rows (copies): a pandas frame
        gives them new index labels, as for synthetic rows. Values are never converted.
        """
        return self.container.take(self, rows, fresh_from)


def _unchanged(y):
    return y


@dataclass
class Labels:
    """y as a 1-D numpy array, plus what is needed to rebuild the caller's container.

    ``source`` is the caller's 1-D y (for a 2-D y, its column, or its 1-D labels);
    ``rebuild`` turns a 1-D result in ``source``'s container back into the caller's shape
    (a one-column frame or array, a one-hot matrix; ``_target``).
    """

    values: np.ndarray
    container: object  # as for Features
    source: object
    rebuild: object = field(default=_unchanged, repr=False)

    def with_synthetic(self, labels: np.ndarray):
        """The caller's y: the original labels, then ``labels``."""
        return self.rebuild(self.container.labels_with(self, labels))

    def take(self, rows: np.ndarray, fresh_from: int | None = None):
        """The caller's y holding the labels at positions ``rows`` (see ``Features.take``)."""
        return self.rebuild(self.container.labels_take(self, rows, fresh_from))


@dataclass
class MixedFeatures(Features):
    """X with categorical columns (SMOTENC, SMOTEN).

    ``values``: the continuous columns (n x d_cont numbers); ``codes``: the categorical
    columns (n x d_cat int64); ``categories[j]``: what code ``c`` of categorical column ``j``
    stands for (object array; a category dtype's own categories come first).
    """

    categorical: np.ndarray | None = None
    continuous: np.ndarray | None = None
    codes: np.ndarray | None = None
    categories: list | None = None

    @property
    def n_features(self) -> int:
        return len(self.categorical) + len(self.continuous)

    def synthetic_buffer(self, n_new: int) -> np.ndarray:
        return np.empty((n_new, len(self.continuous)), dtype=self.dtype)

    def with_synthetic(self, synthetic, codes=None):
        """The caller's container: original rows, then rows of ``synthetic`` numbers and
        ``codes`` (n_new x d_cat) decoded to categories."""
        return self.container.with_categorical(self, synthetic, codes)

    def decoded(self, j: int, codes) -> np.ndarray:
        """Categorical column ``j`` of ``codes`` as the values they stand for."""
        return self.categories[j][codes[:, j]]
