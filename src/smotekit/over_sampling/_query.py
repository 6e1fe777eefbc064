"""Nearest rows of one set of points to the points of another (not the rows themselves).

:func:`smotekit.neighbors.within` and :func:`~smotekit.neighbors.among` answer for rows of
the searched array; ProWSyn asks which class rows are nearest to each row of the other
classes, and Lee which input rows are nearest to a candidate synthetic row.
"""

from __future__ import annotations

import numpy as np


def as_float(X):
    """Rows as floats for a neighbour search (integer arrays are converted)."""
    return X if X.dtype.kind == "f" else X.astype(np.float64)


def nearest(estimator, searched, queries, k: int) -> np.ndarray:
    """Positions (len(queries), k) in ``searched`` of each query's ``k`` nearest rows.

    ``estimator`` comes from :func:`smotekit.neighbors.make_estimator` (fitted here on
    ``searched``); queries are new points, so no row is left out of its own search.
    """
    if queries.shape[0] == 0:
        return np.empty((0, k), dtype=np.intp)
    estimator.fit(as_float(searched))
    found = estimator.kneighbors(as_float(queries), n_neighbors=k, return_distance=False)
    return np.asarray(found, dtype=np.intp)
