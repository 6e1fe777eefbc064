"""The scripts under examples/ run and say what they promise."""

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_quickstart_runs():
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "before: {0: 897, 1: 103}" in result.stdout
    assert "after:  {0: 897, 1: 897}" in result.stdout
    assert "rebuilt from provenance: True" in result.stdout
