"""A plan's finishing step for rows that are not on a segment between two input rows.

Some variants place synthetic rows relative to points that are not rows of X: the class
mean (polynom-fit-SMOTE's star) or a polynomial fitted through the class (its poly
topology). Their plans start each row on a segment of input rows (the provenance a user
can read back), and :class:`TowardCurve` then moves it, through the plan's finishing hook
(``Plan.noise``, applied once after interpolation), to where the method puts it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._interpolate import chunk_rows


def curve_points(coefficients: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``c(t)`` for each ``t`` in ``positions``: ``coefficients`` is (degree + 1, d), the
    highest power first (as :func:`numpy.polyfit` returns it).

    Examples
    --------
    >>> import numpy as np
    >>> line = np.array([[2.0, 0.0], [1.0, 5.0]])  # c(t) = (2t + 1, 5)
    >>> curve_points(line, np.array([0.0, 1.0])).tolist()
    [[1.0, 5.0], [3.0, 5.0]]
    """
    positions = positions[:, None]
    points = np.broadcast_to(coefficients[0], (positions.shape[0], coefficients.shape[1]))
    points = points.copy()
    for coefficient in coefficients[1:]:  # Horner's rule
        points *= positions
        points += coefficient
    return points


@dataclass(frozen=True)
class TowardCurve:
    """Row ``i`` of group ``g`` moves ``fractions[i]`` of the way to ``c_g(positions[i])``.

    ``c_g`` is a polynomial curve in feature space (one (degree + 1, d) coefficient array
    per group, highest power first); degree 0 is a fixed point such as a class mean.
    ``fraction = 1`` puts the row on the curve. Groups follow each other in the plan's row
    order; a group without a curve (``None``) is left as interpolated. Columns marked
    ``rounded`` are rounded to nearest afterwards, as interpolated ones are.
    """

    curves: list
    positions: list
    fractions: list
    sizes: list

    @classmethod
    def concat(cls, parts: list, sizes: list[int]) -> TowardCurve:
        curves, positions, fractions, out_sizes = [], [], [], []
        for part, size in zip(parts, sizes, strict=True):
            if part is None:
                curves.append(None)
                positions.append(None)
                fractions.append(None)
                out_sizes.append(size)
            else:
                curves += part.curves
                positions += part.positions
                fractions += part.fractions
                out_sizes += part.sizes
        return cls(curves, positions, fractions, out_sizes)

    def add_to(self, rows: np.ndarray, rounded: np.ndarray) -> None:
        """Move ``rows`` (the interpolated plan rows) in place, chunk by chunk."""
        work = np.dtype(np.float32 if rows.dtype.itemsize <= 4 else np.float64)
        if rows.dtype.kind != "f":
            work = np.dtype(np.float64)
            rounded = np.ones(rows.shape[1], dtype=bool)
        block = chunk_rows(rows.shape[1], 8)
        start = 0
        groups = zip(self.curves, self.positions, self.fractions, self.sizes, strict=True)
        for curve, position, fraction, size in groups:
            if curve is not None:
                for first in range(0, size, block):
                    part = slice(start + first, start + min(first + block, size))
                    local = slice(first, min(first + block, size))
                    moved = rows[part].astype(work)
                    target = curve_points(curve, position[local]).astype(work, copy=False)
                    moved += fraction[local, None].astype(work) * (target - moved)
                    if rounded.any():
                        moved[:, rounded] = np.rint(moved[:, rounded])
                    rows[part] = moved
            start += size
