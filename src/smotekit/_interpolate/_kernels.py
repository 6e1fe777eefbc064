"""Compiled dense generation (imported only for large float blocks; see ``_dense``)."""

from __future__ import annotations

import numpy as np
from numba import prange

from .._parallel import jit


# No fastmath: ``base + step * (neighbour - base)`` must round exactly as numpy does.
@jit(parallel=True, nogil=True)
def fill_rows(X, base, neighbor, step, out, rounded):
    """``out[i] = X[base[i]] + step[i] * (X[neighbor[i]] - X[base[i]])``, rounded where asked.

    ``step`` and ``out`` have X's float dtype, so float32 stays float32 throughout. Where
    the difference overflows, ``x * (1 - s) + s * m`` instead, as ``_dense._segments``.
    """
    n, d = out.shape
    any_rounded = False
    for f in range(d):
        any_rounded = any_rounded or rounded[f]
    for i in prange(n):
        b = base[i]
        m = neighbor[i]
        s = step[i]
        for f in range(d):
            x = X[b, f]
            y = X[m, f]
            diff = y - x
            # Finite rows near the limit overflow the difference: the form without one.
            v = x * (np.float32(1.0) - s) + s * y if np.isinf(diff) else x + s * diff
            if any_rounded and rounded[f]:
                v = np.rint(v)
            out[i, f] = v
