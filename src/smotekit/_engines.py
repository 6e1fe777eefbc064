"""Engines for input the in-memory NumPy core does not run: found by name, imported late.

``_base`` sits below the engines in the layers (an engine calls the samplers' own steps),
so it cannot import them. It names them instead, as the sampler registry names samplers:
a table of ``"module:function"`` entry points, imported on first use. This keeps the
import graph one-directional and the engines' heavy dependencies (dask, an array library)
out of every process that does not use them.
"""

from __future__ import annotations

import importlib

ENGINES = {
    "array_api": "smotekit._array_api:fit_resample",
}


def run(name: str, sampler, X, y):
    """Call engine ``name``'s ``fit_resample(sampler, X, y)``."""
    module, _, function = ENGINES[name].partition(":")
    return getattr(importlib.import_module(module), function)(sampler, X, y)
