"""scipy sparse matrices and arrays: CSR or CSC in, the same format out."""

from __future__ import annotations

import numpy as np

from ._common import SMOTENC_HINT, check_shape, compute_dtype, fit_column
from ._container import Container
from ._features import Features


class SparseMatrix(Container):
    """CSR or CSC X, handed to the core as CSR; the output keeps the caller's format."""

    is_sparse = True

    def unpack(self, X) -> Features:
        if X.format not in ("csr", "csc"):
            raise ValueError(
                f"sparse X must be CSR or CSC; got {X.format.upper()}. Convert with X.tocsr()."
            )
        if X.dtype.kind not in "biuf":
            raise ValueError(f"X has dtype {X.dtype}, which is not numeric. {SMOTENC_HINT}")
        check_shape(X.shape)
        values = _private_csr(X)
        rounded = np.full(X.shape[1], X.dtype.kind in "biu")
        return Features(values, self, X, compute_dtype([X.dtype]), rounded)

    def unpack_rows(self, X) -> Features:
        return self.unpack(X)

    def with_synthetic(self, features: Features, synthetic):
        import scipy.sparse as sp

        synthetic = synthetic.copy()
        synthetic.data = fit_column(synthetic.data, features.source.dtype)
        stacked = sp.vstack([features.values, synthetic.astype(features.source.dtype)])
        return stacked.asformat(features.source.format)

    def take(self, features: Features, rows, fresh_from):
        return features.values[rows].asformat(features.source.format)

    def table(self, X, sampler: str):
        raise ValueError(
            f"{sampler} reads categories, so X must be dense; got a sparse matrix. Use a "
            "DataFrame or X.toarray()."
        )


def _private_csr(X):
    """X as a canonical CSR with 32-bit indices where they fit.

    ``tocsr()`` of a CSR is the caller's own matrix, and scikit-learn sorts the indices of
    a matrix it is given in place (SVC does): a matrix with unsorted or duplicate entries
    is copied and put in canonical order here, so nothing downstream rewrites the caller's
    arrays. 64-bit indices, which scikit-learn's SVC and k-means refuse, become 32-bit
    ones whenever the matrix is small enough for them.
    """
    values = X.tocsr()
    small = max(values.nnz, *values.shape) < np.iinfo(np.int32).max
    wide = values.indices.dtype != np.int32 or values.indptr.dtype != np.int32
    if values is X and values.has_canonical_format and not (wide and small):
        return values
    if values is X:
        values = values.copy()
    values.sum_duplicates()  # sorts the indices too
    if wide and small:
        values.indices = values.indices.astype(np.int32)
        values.indptr = values.indptr.astype(np.int32)
    return values
