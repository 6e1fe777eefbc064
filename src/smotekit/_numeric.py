"""Float to integer without wrapping: synthetic values are computed in float and must land
in the integer dtype they are stored in.

Casting a float outside an integer dtype's range wraps or is undefined (``2.0**64`` as
uint64 is 0), and the largest 64-bit integers are not floats at all (``float(2**64 - 1)``
rounds up to ``2**64``). :func:`to_integer` clips to the floats that do fit first.
"""

from __future__ import annotations

import math

import numpy as np


def float_range(dtype) -> tuple[float, float]:
    """The lowest and highest floats that convert to integer ``dtype`` without wrapping."""
    info = np.iinfo(dtype)
    low, high = float(info.min), float(info.max)
    if high > info.max:  # 64-bit: the dtype's largest value rounds up to a power of two
        high = math.nextafter(high, -math.inf)
    return low, high


def to_integer(values: np.ndarray, dtype) -> np.ndarray:
    """Rounded float ``values`` as integer ``dtype``, clipped into its range."""
    low, high = float_range(dtype)
    return np.clip(values, low, high).astype(dtype)
