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
