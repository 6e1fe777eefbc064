"""Run numba's parallel kernels safely from any thread, and in forked processes.

Fork safety: on Linux numba would pick GNU OpenMP, after which a forked child (the default
``multiprocessing`` start method) that runs a kernel is terminated. Unless the user chose
a layer (``NUMBA_THREADING_LAYER``, or numba's config), the first kernel call asks numba
for a fork-safe layer instead: TBB when installed, else ``workqueue`` on Linux.

Thread safety: the ``workqueue`` layer aborts the process when two parallel kernels run
at once, as they do when a Dask threaded scheduler or a thread pool calls samplers
concurrently. There the kernels are serialised by one lock; with the ``omp`` or ``tbb``
layers they run freely.

Interrupts: a Ctrl-C that lands while scipy's k-d tree searches on several threads makes
scipy raise KeyboardInterrupt while its threads still run, and the process crashes
(SIGSEGV) soon after. :func:`interrupt_after` holds SIGINT for the length of one bounded
piece of work and delivers it afterwards, so the interrupt surfaces as a clean
KeyboardInterrupt between pieces.

Debugging: with the environment variable ``SMOTEKIT_BOUNDSCHECK=1`` set when smotekit's
kernels are compiled, :func:`jit` turns on numba's bounds checking for those kernels only
(an out-of-range index raises ``IndexError`` instead of reading stray memory) and does not
use numba's on-disk cache, whose entries do not record that option. Nothing is changed for
numba as a whole.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager

import numpy as np

_lock = threading.RLock()
_layer_chosen = False

#: Read once, when the kernel modules are compiled (see :func:`jit`).
BOUNDSCHECK = os.environ.get("SMOTEKIT_BOUNDSCHECK", "").strip() not in ("", "0")


def jit(**options):
    """numba's ``njit`` for smotekit's own kernels: cached on disk, and bounds-checked
    (uncached) when ``SMOTEKIT_BOUNDSCHECK`` is set. Imported by the kernel modules only,
    so numba is loaded only when a kernel is needed."""
    from numba import njit

    return njit(cache=not BOUNDSCHECK, boundscheck=BOUNDSCHECK, **options)


@contextmanager
def interrupt_after():
    """Hold SIGINT while the block runs, then deliver it to the handler that was in place.

    Only in the main thread (the only one Python delivers signals to) and only when the
    handler was set from Python; otherwise the block just runs. The previous handler is
    back in place when the block ends, whatever happens.
    """
    caught = []
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.getsignal(signal.SIGINT)
    if previous is None:
        yield
        return
    signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        signal.raise_signal(signal.SIGINT)


def check_positions(name: str, positions, size: int, lowest: int = 0) -> None:
    """Refuse index arrays a kernel would read out of bounds: every value of ``positions``
    must lie in ``lowest..size-1`` (``lowest=-1`` where -1 means "none"). Kernels run
    without bounds checks, so an index from a buggy estimator or a bad plan would otherwise
    read stray memory (or crash) instead of failing.
    """
    positions = np.asarray(positions)
    if positions.size == 0:
        return
    low, high = int(positions.min()), int(positions.max())
    if low < lowest or high >= size:
        bad = low if low < lowest else high
        raise ValueError(
            f"{name} holds the row position {bad}, outside 0..{size - 1}; every position "
            "must name one of the rows."
        )


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
