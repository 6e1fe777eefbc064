"""Cluster centroids: shrink a class to the centres of as many clusters of its rows."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .. import _containers, _random, neighbors
from .._base import BaseUnderSampler
from .._numeric import scale_exponent, to_integer
from .._validation import check_choice, describe
from ._seeds import sklearn_random_state

VOTING = ("auto", "hard", "soft")


def scaled(X, e: int):
    """``X * 2**e``, exactly (dense or sparse); ``X`` itself when ``e`` is 0."""
    if not e:
        return X
    if sp.issparse(X):
        X = X.astype(np.float64) if X.dtype.kind != "f" else X.copy()
        X.data = np.ldexp(X.data, e)
        return X
    return np.ldexp(X, e)


class ClusterCentroids(BaseUnderSampler):
    """Replace the rows of each class to shrink by the centres of as many clusters of them.

    For each class named by ``sampling_strategy``, ``estimator`` (by default k-means) is
    fitted on its rows with ``n_clusters`` set to the count asked for. With
    ``voting="soft"`` the cluster centres become the class's rows (new rows); with
    ``"hard"`` each centre's nearest row of the class is kept instead (two centres may
    share one, which then appears twice); ``"auto"`` is hard for sparse X, else soft.

    A drop-in for ``imblearn.under_sampling.ClusterCentroids`` (with an int
    ``random_state``, the same centres). The output holds the rows of the classes left
    alone in their input order, then the centres class by class (soft), or the kept rows
    in input order (hard); centres in integer columns are rounded.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to shrink and to what size, as for
        :class:`~smotekit.RandomUnderSampler`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the default k-means.
    estimator : clustering estimator or None, default=None
        An estimator with an ``n_clusters`` parameter and a ``cluster_centers_`` fitted
        attribute, such as ``MiniBatchKMeans``; cloned before use. None:
        ``KMeans(random_state=random_state)``.
    voting : {"auto", "hard", "soft"}, default="auto"
        New rows at the centres (soft) or the real rows nearest them (hard).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows kept}`` for each class shrunk.
    voting_ : str
        The voting used, ``"hard"`` or ``"soft"``.
    estimator_ : estimator
        The clustering, as fitted on the last class shrunk.
    sample_indices_ : ndarray
        Hard voting only: positions in X of the rows returned, in output order.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import ClusterCentroids
    >>> X = np.array([[0.0], [0.2], [0.4], [10.0], [10.2], [10.4], [5.0], [6.0]])
    >>> y = np.array([0, 0, 0, 0, 0, 0, 1, 1])
    >>> X_res, y_res = ClusterCentroids(random_state=0).fit_resample(X, y)
    >>> X_res.ravel().round(2).tolist(), y_res.tolist()
    ([5.0, 6.0, 10.2, 0.2], [1, 1, 0, 0])
    >>> hard = ClusterCentroids(voting="hard", random_state=0)
    >>> X_res, y_res = hard.fit_resample(X, y)
    >>> hard.sample_indices_.tolist()
    [1, 4, 6, 7]
    """

    def __init__(
        self, *, sampling_strategy="auto", random_state=None, estimator=None, voting="auto"
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.estimator = estimator
        self.voting = voting

    @classmethod
    def _test_params(cls) -> list[dict]:
        from sklearn.cluster import MiniBatchKMeans

        return [
            {},
            {"voting": "hard"},
            {"estimator": MiniBatchKMeans(n_init=1, random_state=0), "voting": "soft"},
        ]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        from sklearn.cluster import DBSCAN

        return [
            ({"voting": "mean"}, "voting must be one of 'auto', 'hard', 'soft'; got 'mean'"),
            ({"estimator": DBSCAN()}, "estimator must be a clustering estimator with an"),
        ]

    def _check_params(self) -> None:
        check_choice("voting", self.voting, VOTING)
        model = self.estimator
        if model is not None and (
            isinstance(model, type)  # the class, not an instance of it
            or not hasattr(model, "get_params")
            or "n_clusters" not in model.get_params()
        ):
            raise ValueError(
                "estimator must be a clustering estimator with an n_clusters parameter and "
                f"a cluster_centers_ fitted attribute (such as KMeans); got {describe(model)}."
            )

    def _centres(self, X, y, targets, streams) -> dict:
        """``{label: (centres, rows of the class)}`` for each class to shrink."""
        from sklearn.base import clone
        from sklearn.cluster import KMeans

        seed = sklearn_random_state(self.random_state, streams)
        if self.estimator is None:
            self.estimator_ = KMeans(random_state=seed)
        else:
            self.estimator_ = clone(self.estimator)
        found = {}
        for label, n_keep in targets.items():
            rows = np.flatnonzero(y == label)
            if n_keep == 0:
                found[label] = (np.empty((0, X.shape[1]), dtype=X.dtype), rows)
                continue
            self.estimator_.set_params(n_clusters=n_keep)
            # Rows near the dtype's limit overflow the squared distances and means of the
            # clustering: it runs on the rows scaled by a power of two (exact, see
            # scale_exponent), and the centres are scaled back.
            X_class = X[rows]
            e = scale_exponent(X_class.data if sp.issparse(X_class) else X_class)
            self.estimator_.fit(scaled(X_class, -e))
            centres = getattr(self.estimator_, "cluster_centers_", None)
            if centres is None:
                raise RuntimeError(
                    f"estimator {type(self.estimator_).__name__} has no cluster_centers_ "
                    "after fitting; ClusterCentroids needs a clustering that finds centres "
                    "(such as KMeans or MiniBatchKMeans)."
                )
            centres = np.asarray(centres)
            if e:
                # A centre is a mean of class rows, so it lies in their range; rounding in the
                # clustering may push one an ulp past it, which past the dtype's largest value
                # would scale back to infinity.
                Z = scaled(X_class, -e)
                low, high = (
                    np.asarray(v.todense() if sp.issparse(v) else v).ravel()
                    for v in (Z.min(axis=0), Z.max(axis=0))
                )
                centres = scaled(np.clip(centres, low, high), e)
            found[label] = (centres, rows)
        return found

    def _resample(self, features, labels):
        if self.voting == "auto":
            self.voting_ = "hard" if features.is_sparse else "soft"
        else:
            self.voting_ = self.voting
        if self.voting_ == "hard":
            return super()._resample(features, labels)
        if hasattr(self, "sample_indices_"):
            del self.sample_indices_
        streams = _random.class_generators(self.random_state, self.classes_)
        X, y = features.values, labels.values
        found = self._centres(X, y, self.sampling_strategy_, streams)
        centres = np.concatenate([c for c, _ in found.values()]).astype(features.dtype)
        centres[:, features.rounded] = np.rint(centres[:, features.rounded])
        new_labels = np.repeat(list(found), [len(c) for c, _ in found.values()])
        if features.is_sparse:
            X_all = features.with_synthetic(sp.csr_matrix(centres))
        else:
            buffer = features.synthetic_buffer(len(centres))
            # Clipped into an integer dtype, never wrapped: a centre of 64-bit integers near
            # the limit is a float that may round just past it (2**63).
            buffer[:] = to_integer(centres, buffer.dtype) if buffer.dtype.kind in "iu" else centres
            X_all = features.with_synthetic(buffer)
        y_all = labels.with_synthetic(new_labels.astype(y.dtype))
        n = y.shape[0]
        kept = np.flatnonzero(~np.isin(y, list(found)))
        rows = np.concatenate([kept, np.arange(n, n + len(centres))])
        self._set_origin(np.r_[kept, np.full(len(centres), -1)])
        return _containers.unpack_rows(X_all).take(rows), _containers.unpack_y(y_all).take(rows)

    @property
    def _records_sample_indices(self) -> bool:
        # Soft voting returns centres, not input rows (imbalanced-learn's tag is False).
        return self.voting == "hard"

    def _new_row_weights(self, weights, y, y_new):
        """A centre stands for its class's rows: it gets their mean weight."""
        means = {label: weights[y == label].mean() for label in np.unique(y_new)}
        return np.array([means[label] for label in y_new], dtype=np.float64)

    def _select(self, X, y, targets, streams) -> np.ndarray:
        """Hard voting: the class rows nearest the centres, and the other classes' rows."""
        keep = np.ones(y.shape[0], dtype=bool)
        chosen = []
        for centres, rows in self._centres(X, y, targets, streams).values():
            keep[rows] = False
            if len(centres):
                X_class = X[rows]
                work = X.dtype if X.dtype.kind == "f" else np.float64
                # Distances in the space the clustering ran in (see _centres).
                e = scale_exponent(X_class.data if sp.issparse(X_class) else X_class)
                X_class, centres = scaled(X_class, -e), scaled(centres.astype(work), -e)
                search = neighbors.make_estimator(1).fit(X_class)
                nearest = search.kneighbors(centres, 1, return_distance=False)
                chosen.append(rows[np.asarray(nearest)[:, 0]])
        return np.sort(np.concatenate([np.flatnonzero(keep), *chosen]), kind="stable")
