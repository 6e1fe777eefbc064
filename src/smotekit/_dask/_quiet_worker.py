"""Preloaded into the worker processes of the local cluster that ``smotekit resample --engine
dask`` starts: they ignore SIGINT.

Ctrl-C reaches every process of the terminal's foreground group, workers included. The
command itself handles it (it closes the cluster and removes its temporary directory);
workers that also handled it would each print a KeyboardInterrupt traceback on the way.
Only these worker processes, which smotekit started, are changed.
"""

from __future__ import annotations

import signal
import threading


def dask_setup(worker) -> None:
    """Dask's preload hook, run in the worker process when its worker starts."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
