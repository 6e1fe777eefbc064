"""Built-in data for demos and tests."""

from __future__ import annotations


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
