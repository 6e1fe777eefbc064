"""The only package that knows about pandas, polars, scipy.sparse and lists.

``unpack_X`` / ``unpack_y`` hand the core plain numpy (or CSR) arrays and remember the
caller's container as its adapter (``_numpy``, ``_sparse``, ``_pandas``, ``_polars``,
chosen once in ``_dispatch``); ``with_synthetic`` rebuilds that container with the
original rows first, unchanged, and the synthetic rows appended. ``unpack_rows`` serves
samplers that only pick rows, ``unpack_mixed`` (``_mixed``) those that read categorical
columns (SMOTENC, SMOTEN).

Dense output is filled in place: ``synthetic_buffer`` returns the array the interpolation
kernel writes into (for numpy input, a view of the final output), so no extra
``n_new x d`` copy is made on the way back.
"""

from __future__ import annotations

from ._common import SMOTENC_HINT, is_array_api, is_dask
from ._dispatch import container_of_X, container_of_y
from ._features import Features, Labels, MixedFeatures
from ._mixed import unpack_mixed
from ._pandas import new_index_labels

__all__ = [
    "SMOTENC_HINT",
    "Features",
    "Labels",
    "MixedFeatures",
    "is_array_api",
    "is_dask",
    "new_index_labels",
    "unpack_X",
    "unpack_mixed",
    "unpack_rows",
    "unpack_y",
]


def unpack_X(X) -> Features:
    """Turn any supported X into :class:`Features` of numbers; raise a clear error otherwise."""
    return container_of_X(X).unpack(X)


def unpack_rows(X) -> Features:
    """X for samplers that only pick rows: any dtypes, missing values allowed, no copy.

    ``values`` is the caller's own array or frame (or a CSR view of sparse input); such a
    sampler reads nothing but its shape.
    """
    return container_of_X(X).unpack_rows(X)


def unpack_y(y) -> Labels:
    """Turn any supported y into :class:`Labels`; raise a clear error otherwise."""
    return container_of_y(y).unpack_y(y)
