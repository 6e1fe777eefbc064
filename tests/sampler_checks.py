"""Helpers for the sampler-family tests: a brute-force neighbour search written from the
definition, and input snapshots. Independent of smotekit's own neighbour search."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import polars as pl
import scipy.sparse as sp


def sq_dists(A, B=None) -> np.ndarray:
    """Exact squared Euclidean distances between rows (float64, no expansion trick)."""
    A = np.asarray(A, dtype=np.float64)
    B = A if B is None else np.asarray(B, dtype=np.float64)
    diff = A[:, None, :] - B[None, :, :]
    return np.einsum("ijk,ijk->ij", diff, diff)


def nearest_others(X, k: int) -> np.ndarray:
    """(n, k) positions of each row's k nearest other rows, nearest first (stable on ties)."""
    d2 = sq_dists(X)
    np.fill_diagonal(d2, np.inf)
    return np.argsort(d2, axis=1, kind="stable")[:, :k]


def class_pairs(X, y, label, k: int) -> set:
    """Every (row, neighbour) pair of ``label``'s rows and their k nearest same-class rows."""
    rows = np.flatnonzero(np.asarray(y) == label)
    order = nearest_others(np.asarray(X)[rows], k)
    return {(rows[i], rows[j]) for i in range(rows.size) for j in order[i]}


def same_data(a, b) -> bool:
    """``a`` equals ``b`` in type, dtype(s), values and index."""
    if type(a) is not type(b):
        return False
    if sp.issparse(a):
        return a.format == b.format and a.dtype == b.dtype and (a != b).nnz == 0
    if isinstance(a, pd.DataFrame | pd.Series):
        return (
            a.equals(b)
            and a.index.equals(b.index)
            and (
                list(a.dtypes) == list(b.dtypes)
                if isinstance(a, pd.DataFrame)
                else a.dtype == b.dtype
            )
        )
    if isinstance(a, pl.DataFrame | pl.Series):
        return a.equals(b)
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    return a == b


snapshot = copy.deepcopy


def shifted_classes(seed=0, n=(80, 40, 20), dims=2, shift=0.8):
    """Rows of standard normal noise, class ``c`` (``n[c]`` rows) shifted by ``c * shift``
    in every feature, shuffled: overlapping classes for the under-sampler tests."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(n)), n)
    X = rng.normal(size=(y.size, dims)) + shift * y[:, None]
    order = rng.permutation(y.size)
    return X[order], y[order]
