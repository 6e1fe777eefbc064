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


def scale_exponent(values) -> int:
    """``e`` such that ``np.ldexp(values, -e)`` has its largest magnitude in [0.25, 0.5), when
    ``max |values|`` is too large for sums of squares (distances, variances, moment
    matrices) to stay finite in the dtype the values are computed in (beyond 2**256 for
    float64 and integers, 2**32 for float32: a quarter of the dtype's exponent range); else
    0 (no scaling).

    Scaling by a power of two is exact (only exponents change), so distances, means and
    eigenvectors of the scaled values are those of ``values``, scaled, and results map
    back exactly with ``np.ldexp(result, e)``; the factor 2 of headroom below 1 keeps a
    result that rounding pushed a little past the largest value (a mean, a centred sum)
    finite once scaled back. Data below the limit is left as it is, so ordinary results do
    not change at all.

    Examples
    --------
    >>> scale_exponent(np.array([1.0, -3.0]))
    0
    >>> e = scale_exponent(np.array([1e300, -1.7e308]))
    >>> e, float(np.ldexp(-1.7e308, -e))
    (1025, -0.4728281949327803)
    >>> scale_exponent(np.array([1e10], dtype=np.float32))
    35
    """
    values = np.asarray(values)
    if values.size == 0:
        return 0
    top = float(np.max(np.abs(values)))
    work = values.dtype if values.dtype.kind == "f" else np.dtype(np.float64)
    if not math.isfinite(top) or top <= 2.0 ** (np.finfo(work).maxexp // 4):
        return 0
    return math.frexp(top)[1] + 1
