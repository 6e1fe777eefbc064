"""SMOTE on array-API arrays (PyTorch, CuPy, array-api-strict) on their own device.

``BaseSampler.fit_resample`` hands such input here. The neighbour search and the
interpolation run on the array's device with the array's own library
(:mod:`._search`, :mod:`._smote`); only the labels, the class counts and the random draws
are made on the host, with the same functions as the NumPy path, so the output equals
in-memory SMOTE's for the same ``random_state``. Nothing here imports an array library
itself: the caller's arrays bring it, through ``array-api-compat``. Which arrays come
here is decided by ``smotekit._containers.is_array_api``.
"""

from __future__ import annotations


def fit_resample(sampler, X, y):
    """Resample array-API ``X, y`` with ``sampler``; arrays of the same library and device."""
    from ._smote import fit_resample as run

    return run(sampler, X, y)
