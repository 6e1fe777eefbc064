"""How the ``smotekit`` command stops: its two failures, and signals, each with its exit code."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

USAGE_EXIT = 2
DATA_EXIT = 1
#: The signals that stop a command cleanly; it exits with 128 + the signal's number.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class UsageError(Exception):
    """The command line asks for something impossible (exit code 2)."""


class DataError(Exception):
    """The input was read but cannot be resampled as asked (exit code 1)."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived (exit code 130 or 143).

    A ``BaseException``, like ``KeyboardInterrupt``, so no ``except Exception`` on the way
    swallows it, while every ``finally`` and context manager still runs: temporaries are
    removed, a local Dask cluster is closed, previous outputs stay as they were.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _quiet_dask_logs() -> None:
    """The signal may have reached a local cluster's workers too (a terminal's Ctrl-C, a
    service manager's stop reach the whole process group): while the command closes the
    cluster, what Dask logs about workers already gone, or restarting, is not news."""
    import logging

    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"]
    for name in ["distributed", *names]:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


@contextlib.contextmanager
def signals_unwind() -> Iterator[None]:
    """Inside the block, SIGINT and SIGTERM raise :class:`Interrupted` (SIGTERM would
    otherwise end the process at once, leaving its temporaries behind).

    After the first one both are ignored, so a second Ctrl-C cannot cut the cleanup short;
    a signal the process was started ignoring (``nohup``, ``&``) stays ignored. The previous
    handlers are put back on the way out. Only the main thread can set handlers; elsewhere
    (a command run from a thread) the block runs unchanged.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}

    def stop(signum, frame):
        for s in STOP_SIGNALS:
            signal.signal(s, signal.SIG_IGN)
        _quiet_dask_logs()
        raise Interrupted(signum)

    for s, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(s, stop)
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
