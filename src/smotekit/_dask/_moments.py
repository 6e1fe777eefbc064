"""Exact column sums, so a standard deviation does not depend on how rows are split.

A float sum depends on the order of its terms, so per-partition sums added on the client
would change in the last bits with the partitioning, and so would every value computed
from them. Here each float ``x = m * 2**(e - 53)`` (``numpy.frexp``, ``m`` a 53-bit
integer) is summed exactly: integer mantissas per (column, exponent), ``x**2`` from the
mantissa split in two halves so every partial sum fits in int64. Sums of different
partitions are merged as Python integers, so the result is the same whatever the order.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

_MANTISSA_BITS = 53
_HALF_BITS = 27
_CHUNK = 256  # terms per int64 partial sum: 256 * 2**54 < 2**63
_EXPONENT_OFFSET = 1100  # frexp exponents of float64 lie in [-1073, 1024]
_KEY_STRIDE = 2 * _EXPONENT_OFFSET


class ExactSums:
    """Exact sums of the values and of their squares, column by column, over some rows."""

    def __init__(self, n_features: int):
        self.n_features = n_features
        self.n_rows = 0
        self.linear: dict = {}  # key (column, exponent) -> sum of mantissas
        self.square: dict = {}  # key -> sum of squared mantissas

    @classmethod
    def of(cls, values: np.ndarray) -> ExactSums:
        """The sums over the rows of ``values`` (2-D, any real dtype, finite)."""
        values = np.asarray(values, dtype=np.float64)
        sums = cls(values.shape[1])
        sums.n_rows = values.shape[0]
        if values.size == 0:
            return sums
        fraction, exponent = np.frexp(values)
        mantissa = np.ldexp(fraction, _MANTISSA_BITS).astype(np.int64).ravel()
        column = np.broadcast_to(np.arange(values.shape[1]), values.shape).ravel()
        key = column * _KEY_STRIDE + (exponent.ravel() + _EXPONENT_OFFSET)
        order = np.argsort(key, kind="stable")
        key, mantissa = key[order], mantissa[order]
        magnitude = np.abs(mantissa)
        high, low = magnitude >> _HALF_BITS, magnitude & ((1 << _HALF_BITS) - 1)
        terms = np.stack([mantissa, high * high, 2 * high * low, low * low])
        # Chunks never cross a key and hold at most _CHUNK terms, so no partial sum overflows.
        starts = np.union1d(np.flatnonzero(np.diff(key)) + 1, np.arange(0, key.size, _CHUNK))
        partial = np.add.reduceat(terms, starts, axis=1)
        for k, s, hh, hl, ll in zip(key[starts].tolist(), *partial.tolist(), strict=True):
            square = (hh << (2 * _HALF_BITS)) + (hl << _HALF_BITS) + ll
            sums.linear[k] = sums.linear.get(k, 0) + s
            sums.square[k] = sums.square.get(k, 0) + square
        return sums

    def add(self, other: ExactSums) -> ExactSums:
        """Merge ``other``'s sums into these (exact, so the order of merges does not matter)."""
        self.n_rows += other.n_rows
        for k, v in other.linear.items():
            self.linear[k] = self.linear.get(k, 0) + v
        for k, v in other.square.items():
            self.square[k] = self.square.get(k, 0) + v
        return self

    def _column_totals(self):
        first = [Fraction(0)] * self.n_features
        second = [Fraction(0)] * self.n_features
        for k, v in self.linear.items():
            column, e = divmod(k, _KEY_STRIDE)
            e -= _EXPONENT_OFFSET + _MANTISSA_BITS
            first[column] += v * Fraction(2) ** e
            second[column] += self.square[k] * Fraction(2) ** (2 * e)
        return first, second

    def std(self) -> np.ndarray:
        """Population standard deviation of each column (as ``numpy.std``, ddof=0): the
        variance exactly, rounded once to float64, then its square root."""
        if self.n_rows == 0:
            return np.full(self.n_features, np.nan)
        first, second = self._column_totals()
        n = self.n_rows
        variance = [s2 / n - (s1 / n) ** 2 for s1, s2 in zip(first, second, strict=True)]
        return np.array([math.sqrt(float(v)) for v in variance])
