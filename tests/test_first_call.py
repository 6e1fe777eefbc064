"""The first resampling in a fresh environment compiles nothing (issue 14, item 1).

The package as installed (with its built extension) is copied into a temporary directory
and made read-only; a fresh interpreter with empty HOME and cache directories and no
bytecode writing imports it from there and runs the first ``SMOTE().fit_resample`` at
20k x 20, float64 and float32, exact and approximate (the index is forced on for this
small class). It must succeed, write nothing into the copy or the caches, never load
numba or llvmlite, and give the rows the ordinary import gives. The seconds are printed,
never asserted (a shared machine's timings vary); the 100k figures are in
docs/performance.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import smotekit
from smotekit import SMOTE
from smotekit.neighbors import _approximate

CHILD = """
import hashlib, json, sys, time
import numpy as np
from sklearn.datasets import make_classification
from smotekit import SMOTE
from smotekit.neighbors import _approximate

_approximate.EXACT_BELOW = {exact_below}
X, y = make_classification(n_samples=20_000, n_features=20, weights=[0.6], random_state=0)
out = {{}}
for dtype in ("float64", "float32"):
    for method in ("exact", "approximate"):
        start = time.perf_counter()
        Xr, yr = SMOTE(random_state=0, neighbors=method).fit_resample(X.astype(dtype), y)
        seconds = time.perf_counter() - start
        digest = hashlib.sha256(Xr.tobytes() + yr.tobytes()).hexdigest()
        out[dtype + " " + method] = [seconds, digest]
import smotekit, smotekit._native._core as core
out["package"] = smotekit.__file__
out["extension"] = core.__file__
out["loaded"] = sorted(m for m in ("numba", "llvmlite") if m in sys.modules)
print(json.dumps(out))
"""
EXACT_BELOW = 5000  # the class has about 8000 rows: the inverted-file index runs


def snapshot(root: Path) -> dict:
    """Every path under ``root`` with its size, mode and modification time."""
    found = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        found[str(path.relative_to(root))] = (info.st_size, info.st_mode, info.st_mtime_ns)
    return found


def expected_digests() -> dict:
    from sklearn.datasets import make_classification

    X, y = make_classification(n_samples=20_000, n_features=20, weights=[0.6], random_state=0)
    digests = {}
    saved = _approximate.EXACT_BELOW
    _approximate.EXACT_BELOW = EXACT_BELOW
    try:
        for dtype in ("float64", "float32"):
            for method in ("exact", "approximate"):
                sampler = SMOTE(random_state=0, neighbors=method)
                Xr, yr = sampler.fit_resample(X.astype(dtype), y)
                digests[f"{dtype} {method}"] = hashlib.sha256(Xr.tobytes() + yr.tobytes())
    finally:
        _approximate.EXACT_BELOW = saved
    return {key: value.hexdigest() for key, value in digests.items()}


def test_first_call_on_a_read_only_copy_compiles_and_writes_nothing(tmp_path):
    installed = Path(smotekit.__file__).parent
    site = tmp_path / "site"
    shutil.copytree(installed, site / "smotekit", ignore=shutil.ignore_patterns("__pycache__"))
    assert list((site / "smotekit" / "_native").glob("_core*")), "the built extension"
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    cache.mkdir()
    for path in [site, *site.rglob("*")]:
        mode = path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        path.chmod(mode)
    before = snapshot(site)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NUMBA_", "PYTHON", "XDG_", "MPL"))
    }
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(cache),
        MPLCONFIGDIR=str(cache / "matplotlib"),
        PYTHONPATH=str(site),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONNOUSERSITE="1",
    )
    try:
        run = subprocess.run(
            [sys.executable, "-c", CHILD.format(exact_below=EXACT_BELOW)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        after = snapshot(site)
    finally:
        for path in [site, *site.rglob("*")]:  # let pytest remove the copy
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(result["package"]).parent == site / "smotekit"
    assert Path(result["extension"]).parent == site / "smotekit" / "_native"
    assert result["loaded"] == []  # neither numba nor llvmlite
    assert after == before  # nothing written into the read-only copy
    assert not any(home.iterdir())
    assert not any(cache.iterdir())
    expected = expected_digests()
    for key, digest in expected.items():
        assert result[key][1] == digest, key  # the same rows as the ordinary import
    seconds = ", ".join(f"{key} {result[key][0]:.2f} s" for key in expected)
    print(f"first calls at 20k x 20 in a fresh process: {seconds}")
