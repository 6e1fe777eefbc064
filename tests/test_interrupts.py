"""Ctrl-C during the k-d tree search (issue 10, item 2): a KeyboardInterrupt, not a crash.

scipy's threaded ``cKDTree.query`` raised KeyboardInterrupt while its threads still ran,
and the process died with SIGSEGV (exit -11); in Jupyter the kernel died.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from smotekit.neighbors import _exact

SRC = str(Path(__file__).resolve().parents[1] / "src")

SEARCH_FOREVER = textwrap.dedent(
    """
    import sys
    import numpy as np
    from smotekit.neighbors import _exact

    X = np.random.default_rng(0).standard_normal((200_000, 3))
    index = _exact.TreeIndex(X)
    print("ready", flush=True)
    try:
        while True:  # the interrupt always lands inside a search
            index.query(X, 20, np.arange(len(X)))
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(7)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT cannot be sent to a child there")
def test_sigint_during_the_tree_search_raises_keyboard_interrupt():
    env = {**os.environ, "PYTHONPATH": SRC}
    child = subprocess.Popen(
        [sys.executable, "-c", SEARCH_FOREVER], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(1.0)
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate(timeout=300)
    finally:
        if child.poll() is None:
            child.kill()
    assert (child.returncode, out.strip()) == (7, "interrupted")


def test_the_search_leaves_the_sigint_handler_as_it_was():
    before = signal.getsignal(signal.SIGINT)
    X = np.random.default_rng(1).standard_normal((2000, 3))
    idx, _ = _exact.TreeIndex(X).query(X, 3, np.arange(len(X)))
    assert signal.getsignal(signal.SIGINT) is before
    assert idx.shape == (2000, 3)
