"""Fixtures and hypothesis profiles shared by the tests.

Helper functions live in ``sampler_checks.py`` and are imported by name from there; a test
module never imports this file.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import settings

# Deterministic property tests: the same examples on every run and machine. Set
# HYPOTHESIS_PROFILE=explore to search new examples instead.
settings.register_profile("smotekit", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "smotekit"))


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def load_benchmark():
    """``load_benchmark("bench_x")``: the script ``benchmarks/bench_x.py`` as a module (the
    benchmarks are scripts, not a package, so their tests load them by path)."""
    import importlib.util
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "benchmarks"

    def load(name: str):
        spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture
def binary_data():
    """60 majority rows and 20 minority rows, 3 continuous features."""
    rng = np.random.default_rng(12345)
    X = np.vstack([rng.normal(size=(60, 3)), rng.normal(loc=2.0, size=(20, 3))])
    y = np.array([0] * 60 + [1] * 20)
    return X, y


@pytest.fixture
def three_class_data():
    """Classes 0/1/2 of 50/20/12 rows, interleaved, 4 continuous features."""
    rng = np.random.default_rng(2024)
    y = np.array([0] * 50 + [1] * 20 + [2] * 12)
    X = rng.normal(size=(y.size, 4)) + y[:, None]
    order = rng.permutation(y.size)
    return X[order], y[order]
