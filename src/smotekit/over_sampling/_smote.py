"""SMOTE: interpolate between a class row and one of its k nearest same-class rows."""

from __future__ import annotations

from .. import neighbors
from .._base import SegmentOverSampler
from .._validation import check_choice


class SMOTE(SegmentOverSampler):
    """Synthetic Minority Over-sampling Technique (Chawla et al., 2002).

    Each synthetic row takes a row of the class drawn uniformly, one of its ``k_neighbors``
    nearest rows of the same class drawn uniformly, and a point at a step ``t ~ U(0, 1)``
    along the segment between them. A drop-in for ``imblearn.over_sampling.SMOTE``: same
    parameters and ``fit_resample`` contract, with these differences:

    * integer and boolean columns are rounded to the nearest value, not truncated;
    * each class draws from its own random stream (two classes of the same size no longer
      get identical draws);
    * pandas input keeps its index, dtypes and names; polars input returns polars;
    * ``synthetic_parents_`` and ``synthetic_steps_`` record each synthetic row's origin.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size: a float ``minority / majority``
        after resampling (binary only); ``"minority"``, ``"not minority"``,
        ``"not majority"``, ``"all"`` or ``"auto"`` (= ``"not majority"``), which grow the
        chosen classes to the majority's count; a dict ``{label: final count}``; or a
        callable ``y -> dict``.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams. The same int gives the same output.
    k_neighbors : int or estimator, default=5
        Number of same-class neighbours to interpolate towards, or a fitted-or-not
        ``NearestNeighbors``-like object (asked for ``n_neighbors`` rows including the row
        itself, as in imbalanced-learn). The object is cloned, never modified.
    neighbors : {"exact", "approximate"}, default="exact"
        Neighbour search for an int ``k_neighbors`` (an estimator passed as
        ``k_neighbors`` is used as it is, whatever this says). ``"exact"`` finds the true
        k nearest rows (Euclidean): a k-d tree at low dimension, otherwise a float32
        search whose candidates are re-ranked in float64 and certified by an error bound,
        so the result is exact for float32 and float64 input (rows at equal distance may
        be ordered differently from scikit-learn). ``"approximate"`` uses an
        inverted-file index for classes of 15000 rows or more with 9 to 48 features: each
        row scans only the rows grouped around the centroids nearest to it, so a true
        neighbour can be missed and replaced by the next nearest row of the scanned
        groups (distances are still exact). Recall@5 against ``"exact"``, measured on
        ``make_classification`` data of 15k to 100k class rows and 20 features, is 0.95
        or more (see ``docs/performance.md``); other classes are searched exactly.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``, in sorted label order.
    nn_k_ : estimator
        The neighbour estimator (fitted on the last class over-sampled).
    classes_ : ndarray
        Sorted class labels seen in ``y``.
    synthetic_parents_ : ndarray of shape (n_new, 2)
        For each synthetic row, the positions in the input ``X`` of its base row and of
        the neighbour it moved towards.
    synthetic_steps_ : ndarray of shape (n_new,)
        The step ``t`` of each synthetic row: ``row = base + t * (neighbour - base)``.
    n_features_in_ : int
        Number of features seen in ``fit_resample``.
    feature_names_in_ : ndarray of str
        Column names, when ``X`` has string column names.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import SMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sorted(Counter(y.tolist()).items())
    [(0, 897), (1, 103)]
    >>> X_res, y_res = SMOTE(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> SMOTE(random_state=42).fit(X, y).sampling_strategy_
    {1: 794}
    """

    _dask_engine = "segments"
    #: PyTorch / CuPy / array-API arrays run on their own device (smotekit._array_api).
    _runs_on_array_api = True

    def __init__(
        self, *, sampling_strategy="auto", random_state=None, k_neighbors=5, neighbors="exact"
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.neighbors = neighbors

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"k_neighbors": 3}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [({"k_neighbors": 0}, "k_neighbors must be an int >= 1")]

    def _check_params(self) -> None:
        check_choice("neighbors", self.neighbors, neighbors.METHODS)
        neighbors.make_estimator(self.k_neighbors)

    def _neighbor_search(self, method=None):
        return neighbors.make_estimator(self.k_neighbors, method=method or self.neighbors)
