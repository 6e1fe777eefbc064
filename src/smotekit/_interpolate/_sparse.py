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
        neighbor = Xw[plan.neighbor[sl]]
        with np.errstate(over="ignore"):
            delta = neighbor - base
        delta.data *= np.repeat(step_all[sl], np.diff(delta.indptr))
        rows = (base + delta).tocsr()
        if np.isinf(delta.data).any():
            rows = _without_overflow(rows, delta, base, neighbor, step_all[sl])
        if round_values:
            np.rint(rows.data, out=rows.data)
        rows.eliminate_zeros()
        blocks.append(rows)
    if not blocks:
        return Xw[:0]
    return sp.vstack(blocks, format="csr")


def _without_overflow(rows, delta, base, neighbor, step):
    """Rows whose difference overflowed (finite values near the dtype's limit with
    opposite signs), made as ``x * (1 - s) + s * m`` instead, which cannot overflow."""
    import scipy.sparse as sp

    owner = np.repeat(np.arange(delta.shape[0]), np.diff(delta.indptr))
    bad = np.unique(owner[np.isinf(delta.data)])
    s = step[bad]
    safe = sp.diags(1 - s) @ base[bad] + sp.diags(s) @ neighbor[bad]
    good = np.setdiff1d(np.arange(rows.shape[0]), bad)
    order = np.argsort(np.concatenate([good, bad]), kind="stable")
    return sp.vstack([rows[good], safe.tocsr()], format="csr")[order]
