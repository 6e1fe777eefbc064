"""Run numba's parallel kernels safely from any thread, and in forked processes.

Fork safety: on Linux numba would pick GNU OpenMP, after which a forked child (the default
``multiprocessing`` start method) that runs a kernel is terminated. Unless the user chose
a layer (``NUMBA_THREADING_LAYER``, or numba's config), the first kernel call asks numba
for a fork-safe layer instead: TBB when installed, else ``workqueue`` on Linux.

Thread safety: the ``workqueue`` layer aborts the process when two parallel kernels run
at once, as they do when a Dask threaded scheduler or a thread pool calls samplers
concurrently. There the kernels are serialised by one lock; with the ``omp`` or ``tbb``
layers they run freely.
"""

from __future__ import annotations

import os
import threading

_lock = threading.RLock()
_layer_chosen = False


def call(kernel, *args, small: bool = False):
    """``kernel(*args)``, holding the lock when the threading layer cannot run two.

    ``small`` work runs on the calling thread alone: waking the pool costs more than it
    saves (and much more on a busy machine).
    """
    if not _layer_chosen:
        _prefer_fork_safe_layer()
    if _serialised():
        with _lock:
            return _run(kernel, args, small)
    return _run(kernel, args, small)


def _run(kernel, args, small: bool):
    if not small:
        return kernel(*args)
    import numba

    threads = numba.get_num_threads()  # thread-local in numba: other threads unaffected
    numba.set_num_threads(1)
    try:
        return kernel(*args)
    finally:
        numba.set_num_threads(threads)


def _serialised() -> bool:
    import numba

    try:
        return numba.threading_layer() == "workqueue"
    except ValueError:  # no parallel kernel has run yet: the layer is picked on first use
        return True


def _prefer_fork_safe_layer() -> None:
    """Ask for a fork-safe layer, unless the user chose one (only the first launch counts)."""
    global _layer_chosen
    import numba

    _layer_chosen = True
    if "NUMBA_THREADING_LAYER" not in os.environ and numba.config.THREADING_LAYER == "default":
        numba.config.THREADING_LAYER = "forksafe"
