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
        values = X.tocsr()
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
