"""Thread counts for smotekit's compiled kernels, and safe interrupts.

Threads: each kernel call of :mod:`smotekit._native` creates its worker threads and returns
once every task has finished (a helper the OS schedules only later finds no task and exits
on its own), so there is no pool to keep, nothing process-wide to configure, and a forked
child (the default ``multiprocessing`` start method on Linux) starts clean.
A call uses :func:`n_threads` threads: the CPUs this process may run on, or fewer inside
:func:`limit_threads` (per calling thread, so other threads and processes are unaffected).
Small work runs on the calling thread alone. Calls from several Python threads run
concurrently (the kernels release the GIL and share no state).

Interrupts: a Ctrl-C that lands while scipy's k-d tree searches on several threads makes
scipy raise KeyboardInterrupt while its threads still run, and the process crashes
(SIGSEGV) soon after. :func:`interrupt_after` holds SIGINT for the length of one bounded
piece of work and delivers it afterwards, so the interrupt surfaces as a clean
KeyboardInterrupt between pieces.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager

import numpy as np

_local = threading.local()


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def n_threads() -> int:
    """Threads a kernel call made now from this thread uses."""
    limit = getattr(_local, "limit", None)
    cpus = available_cpus()
    return cpus if limit is None else min(limit, cpus)


@contextmanager
def limit_threads(threads: int):
    """Run smotekit's kernels called from this thread on at most ``threads`` threads.

    Examples
    --------
    >>> from smotekit._parallel import limit_threads, n_threads
    >>> with limit_threads(1):
    ...     n_threads()
    1
    """
    if not isinstance(threads, (int, np.integer)) or isinstance(threads, bool) or threads < 1:
        raise ValueError(f"threads must be an int >= 1; got {threads!r}.")
    previous = getattr(_local, "limit", None)
    _local.limit = int(threads)
    try:
        yield
    finally:
        _local.limit = previous


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
    must lie in ``lowest..size-1`` (``lowest=-1`` where -1 means "none"). The kernels
    refuse such arrays too, but only here does the error name where the positions came
    from (a buggy estimator, a bad plan).
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
    """``kernel(*args, threads=...)``: on :func:`n_threads` threads, or on the calling thread
    alone for ``small`` work (starting threads would cost more than it saves)."""
    return kernel(*args, threads=1 if small else n_threads())
