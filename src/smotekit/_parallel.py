"""Run numba's parallel kernels safely from any thread.

numba's ``workqueue`` threading layer (the fallback where neither OpenMP nor TBB can be
loaded) aborts the process when two parallel kernels run at once, as they do when a Dask
threaded scheduler or a thread pool calls samplers concurrently. There the kernels are
serialised by one lock; with the ``omp`` or ``tbb`` layers they run freely.
"""

from __future__ import annotations

import threading

_lock = threading.RLock()


def call(kernel, *args):
    """``kernel(*args)``, holding the lock when the threading layer cannot run two."""
    if _serialised():
        with _lock:
            return kernel(*args)
    return kernel(*args)


def _serialised() -> bool:
    import numba

    try:
        return numba.threading_layer() == "workqueue"
    except ValueError:  # no parallel kernel has run yet: the layer is picked on first use
        return True
