"""Sparse synthetic rows from a :class:`~smotekit._plan.Plan`, chunk by chunk, in CSR."""

from __future__ import annotations

import numpy as np

from .._plan import Plan
from ._dense import chunk_rows


def sparse_rows(X, plan: Plan, dtype: np.dtype, round_values: bool):
    """Synthetic rows of CSR ``X`` as a CSR block of ``dtype`` (same sparse flavour as X)."""
    import scipy.sparse as sp

    Xw = X.astype(dtype, copy=False)
    step_all = plan.step.astype(dtype, copy=False)
    size = chunk_rows(max(1, int(X.nnz / max(1, X.shape[0])) * 2), dtype.itemsize)
    blocks = []
    for start in range(0, len(plan), size):
        sl = slice(start, start + size)
        base = Xw[plan.base[sl]]
        delta = Xw[plan.neighbor[sl]] - base
        delta.data *= np.repeat(step_all[sl], np.diff(delta.indptr))
        rows = (base + delta).tocsr()
        if round_values:
            np.rint(rows.data, out=rows.data)
        rows.eliminate_zeros()
        blocks.append(rows)
    if not blocks:
        return Xw[:0]
    return sp.vstack(blocks, format="csr")
