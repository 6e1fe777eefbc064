"""Synthetic data: the demo problem of ``smotekit analyze`` and ``make_imbalance``."""

from __future__ import annotations

import numbers

from .._take import as_labels, take_rows
from .._take import n_rows as count_rows


def make_demo(random_state: int = 42):
    """The demo problem of ``smotekit analyze``: 1000 rows, 5 features, 897 vs 103.

    Returns
    -------
    X : ndarray of shape (1000, 5)
    y : ndarray of shape (1000,), labels 0 (897 rows) and 1 (103 rows)

    Examples
    --------
    >>> from collections import Counter
    >>> X, y = make_demo()
    >>> X.shape, sorted(Counter(y.tolist()).items())
    ((1000, 5), [(0, 897), (1, 103)])
    """
    from sklearn.datasets import make_classification

    return make_classification(
        n_classes=2,
        class_sep=2,
        weights=[0.9, 0.1],
        n_informative=3,
        n_redundant=1,
        n_features=5,
        n_clusters_per_class=1,
        n_samples=1000,
        random_state=random_state,
    )


def make_imbalance(X, y, *, sampling_strategy, random_state=None, verbose=False, **kwargs):
    """Make a dataset imbalanced by keeping a random subset of some classes' rows.

    Same contract as ``imblearn.datasets.make_imbalance``: ``sampling_strategy`` gives the
    number of rows to *keep* per class; classes it does not name keep all their rows.

    Parameters
    ----------
    X : array-like, sparse matrix, pandas or polars DataFrame of shape (n_samples, n_features)
    y : array-like, pandas or polars Series of shape (n_samples,)
    sampling_strategy : dict or callable
        ``{label: rows to keep}``, or a callable ``y -> dict``. Each count must be between
        0 and the class's size.
    random_state : None, int or numpy Generator, default=None
        Seed for choosing the rows kept.
    verbose : bool, default=False
        Print the class counts before and after.
    **kwargs
        Passed to ``sampling_strategy`` when it is a callable.

    Returns
    -------
    X_res, y_res
        The kept rows, in their original order and in the input's container (a pandas
        input keeps its index labels).

    Examples
    --------
    >>> from collections import Counter
    >>> from smotekit.datasets import make_demo, make_imbalance
    >>> X, y = make_demo()
    >>> X_res, y_res = make_imbalance(X, y, sampling_strategy={1: 20}, random_state=0)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 20)]
    """
    import numpy as np

    labels = as_labels(y)
    n_rows = count_rows(X)
    if labels.shape[0] != n_rows:
        raise ValueError(
            f"X and y have different lengths: X has {n_rows} rows, y has {labels.shape[0]}."
        )
    classes, counts = np.unique(labels, return_counts=True)
    if classes.size < 2:
        raise ValueError(
            "y must have more than one class to make it imbalanced; got "
            f"{classes.size} class ({classes.tolist()!r})."
        )
    wanted = sampling_strategy
    if callable(sampling_strategy):
        wanted = sampling_strategy(labels, **kwargs)
    if not isinstance(wanted, dict):
        raise ValueError(
            "sampling_strategy must be a dict {label: rows to keep} or a callable returning "
            f"one; got {type(wanted).__name__}."
        )
    sizes = dict(zip(classes.tolist(), counts.tolist(), strict=True))
    rng = np.random.default_rng(random_state)
    keep = np.ones(n_rows, dtype=bool)
    for label, n_keep in wanted.items():
        if label not in sizes:
            raise ValueError(
                f"sampling_strategy names class {label!r}, which is not in y; y has classes "
                f"{sorted(sizes, key=str)}."
            )
        if isinstance(n_keep, bool) or not isinstance(n_keep, numbers.Integral):
            raise ValueError(f"sampling_strategy[{label!r}] must be an int; got {n_keep!r}.")
        if not 0 <= n_keep <= sizes[label]:
            raise ValueError(
                f"sampling_strategy[{label!r}] = {n_keep}, but class {label!r} has "
                f"{sizes[label]} rows; make_imbalance can only keep between 0 and "
                f"{sizes[label]} of them."
            )
        rows = np.flatnonzero(labels == label)
        dropped = rng.choice(rows, size=rows.size - int(n_keep), replace=False)
        keep[dropped] = False
    kept = np.flatnonzero(keep)
    if verbose:
        print(f"The original target distribution in the dataset is: {sizes}")
        after = {label: int((labels[kept] == label).sum()) for label in sizes}
        print(f"Make the dataset imbalanced: {after}")
    return take_rows(X, kept), take_rows(y, kept)
