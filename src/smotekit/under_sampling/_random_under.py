"""Random under-sampling: keep a random subset of some classes' rows."""

from __future__ import annotations

import numpy as np

from .. import _containers
from .._base import BaseUnderSampler


class RandomUnderSampler(BaseUnderSampler):
    """Keep, for each class named by ``sampling_strategy``, a uniform random subset of its rows.

    Any data works (strings, categories, missing values, any container): rows are picked,
    never computed. A drop-in for ``imblearn.under_sampling.RandomUnderSampler``; the rows
    kept stay in their input order (imbalanced-learn groups them by class), and a pandas
    frame keeps their index labels. On dask collections it runs lazily, partition by
    partition, with the same output for any partitioning (``docs/distributed.md``).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to shrink and to what size: a float ``minority / majority`` after
        resampling (binary only); ``"majority"``, ``"not minority"``, ``"not majority"``,
        ``"all"`` or ``"auto"`` (= ``"not minority"``), which shrink the chosen classes to
        the minority's count; a dict ``{label: rows to keep}``; or a callable ``y -> dict``.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams (one per class).
    replacement : bool, default=False
        Draw the kept rows with replacement (a row may then appear more than once).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows kept}`` for each class shrunk.
    sample_indices_ : ndarray
        Positions in X of the rows returned, in output order.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import RandomUnderSampler
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> X_res, y_res = RandomUnderSampler(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 103), (1, 103)]
    """

    #: The Dask engine keeps a uniform pick of rows per class, partition by partition.
    _dask_engine = "random-under"

    def __init__(self, *, sampling_strategy="auto", random_state=None, replacement=False):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.replacement = replacement

    @classmethod
    def _dask_capability(cls) -> str | None:
        """``_dask_engine``, unless a subclass picks rows its own way (the engine would not
        make its rows)."""
        return cls._dask_engine if cls._select is RandomUnderSampler._select else None

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"replacement": True}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [({"replacement": "yes"}, "replacement must be True or False")]

    def _check_params(self) -> None:
        if not isinstance(self.replacement, bool | np.bool_):
            raise ValueError(f"replacement must be True or False; got {self.replacement!r}.")

    def _accepts_nan(self) -> bool:
        return True

    def _accepts_strings(self) -> bool:
        return True

    def _unpack_X(self, X):
        return _containers.unpack_rows(X)

    def _select(self, X, y, targets, streams) -> np.ndarray:
        keep = np.ones(y.shape[0], dtype=bool)
        picked = []
        for label, n_keep in targets.items():
            rows = np.flatnonzero(y == label)
            keep[rows] = False
            picked.append(streams[label].choice(rows, size=n_keep, replace=self.replacement))
        return np.sort(np.concatenate([np.flatnonzero(keep), *picked]), kind="stable")
