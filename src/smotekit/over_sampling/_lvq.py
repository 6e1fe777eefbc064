"""LVQ-SMOTE: copy class rows across similar pairs of learned codebook vectors."""

from __future__ import annotations

import warnings

import numpy as np

from .. import neighbors
from .._base import BaseOverSampler, ResamplingWarning
from .._numeric import scale_exponent
from .._plan import Plan
from .._validation import check_positive_int
from ._common import (
    as_float,
    check_number,
    classes_to_grow,
    finish_offsets,
    offset_plan,
    refuse_sparse,
)

#: Rows of the other classes the codebook of the other side is learned from, at most.
OTHER_SAMPLE_ROWS = 20_000


def nearest_codes(codebook: np.ndarray, X: np.ndarray, k: int = 1) -> np.ndarray:
    """Indices (len(X), k) of the ``k`` codebook vectors nearest to each row of ``X``."""
    search = neighbors.make_estimator(k)
    search.fit(codebook)
    return np.asarray(search.kneighbors(X, n_neighbors=k, return_distance=False))


def winning_codes(codes: np.ndarray, X: np.ndarray, X_norms: np.ndarray) -> np.ndarray:
    """Index of the codebook vector nearest to each row of ``X`` (centred rows, with their
    squared norms ``X_norms``): ``|x|^2 - 2 x.w + |w|^2`` as one matrix product.

    A codebook has a few dozen vectors, so this costs an epoch a product of the rows with
    them rather than a difference per (row, vector, feature). On centred rows the rounding
    of the expansion only matters between two vectors at nearly the same distance, where
    LVQ1's update is nearly the same whichever wins.
    """
    d2 = X_norms[:, None] - 2.0 * (X @ codes.T) + np.einsum("ij,ij->i", codes, codes)[None, :]
    return d2.argmin(axis=1)


def lvq1(codes, code_is_class, X, is_class, epochs: int, rate: float) -> np.ndarray:
    """Batch LVQ1: each codebook vector moves towards the mean of the rows it wins of its
    own side and away from those of the other side, at a learning rate decaying to 0."""
    centre = X.mean(axis=0)
    X = X - centre  # distances and moves are the same; the expansion rounds less
    X_norms = np.einsum("ij,ij->i", X, X)
    codes = codes - centre
    for epoch in range(epochs):
        winner = winning_codes(codes, X, X_norms)
        sign = np.where(code_is_class[winner] == is_class, 1.0, -1.0)
        counts = np.bincount(winner, minlength=codes.shape[0]).astype(np.float64)
        moves = sign[:, None] * (X - codes[winner])
        pull = np.zeros_like(codes)
        for f in range(codes.shape[1]):  # adds the rows in order, as np.add.at does, faster
            pull[:, f] = np.bincount(winner, weights=moves[:, f], minlength=codes.shape[0])
        won = counts > 0
        alpha = rate * (1.0 - epoch / epochs)
        codes[won] += alpha * pull[won] / counts[won, None]
    return codes + centre


def matching_pairs(codebook: np.ndarray) -> np.ndarray:
    """For each ordered pair ``(a, b)`` of codebook vectors, the ordered pair ``(i, j)`` of
    two other vectors whose difference ``w_i - w_j`` is nearest to ``w_a - w_b``.

    Returns an array (c, c, 2); entries with ``a == b`` are unused.
    """
    c = codebook.shape[0]
    diff = codebook[:, None, :] - codebook[None, :, :]  # (c, c, d)
    flat = diff.reshape(c * c, -1)
    i_of, j_of = np.divmod(np.arange(c * c), c)
    best = np.zeros((c, c, 2), dtype=np.intp)
    for a in range(c):
        gap = np.linalg.norm(flat[None, :, :] - diff[a][:, None, :], axis=2)  # (c, c*c)
        bad = (i_of == j_of)[None, :] | (i_of == a)[None, :] | (j_of == a)[None, :]
        bad = (
            bad
            | (i_of[None, :] == np.arange(c)[:, None])
            | (j_of[None, :] == np.arange(c)[:, None])
        )
        gap[bad] = np.inf
        pick = gap.argmin(axis=1)
        best[a, :, 0], best[a, :, 1] = i_of[pick], j_of[pick]
    return best


class LVQSMOTE(BaseOverSampler):
    """LVQ-SMOTE (Nakamura, Kajiwara, Otsuka and Kimura, 2013).

    A codebook of ``n_codebook`` vectors of the class grown is learned by learning vector
    quantization (LVQ1: initialised by k-means on the class and, for the other side, on
    the other classes' rows; then ``n_epochs`` batch epochs that pull each vector towards
    the rows of its side it is nearest to and push it away from the others'). A synthetic
    row then copies a *relationship* between codebook vectors: draw two distinct vectors
    ``w_a, w_b``, find among the others the pair ``(w_i, w_j)`` whose difference is most
    like ``w_a - w_b``, take ``w_o`` = one of ``w_i, w_j`` at random and a class row ``x``
    among the ``k_neighbors`` nearest to ``w_o``, and return ``x + (w_a - w_o)``: the row
    placed around ``w_a`` as it lies around ``w_o``. Classes are grown one against the rest.

    smote-variants' LVQ_SMOTE takes the codebook from plain k-means on the class (no LVQ);
    this follows the paper and learns it. The pair search is done once per codebook
    (``O(n_codebook^4)`` distances), so ``n_codebook`` should stay small.

    Provenance: parents ``(x, x)``, step 0, and ``synthetic_offsets_ = w_a - w_o``.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams (the k-means seeds come from the class's stream).
    k_neighbors : int, default=5
        Class rows nearest to a codebook vector that a synthetic row may copy.
    n_codebook : int >= 4, default=10
        Codebook vectors per side. A class grown with fewer rows (but at least 4) gets one
        vector per row, with a ``ResamplingWarning``; a class of fewer than 4 rows is
        refused.
    n_epochs : int, default=20
        Batch LVQ1 epochs.
    learning_rate : float, default=0.1
        LVQ1's initial learning rate (decays linearly to 0).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    codebooks_ : dict
        ``{label: the learned class codebook, (min(n_codebook, class rows), n_features)}``.
    synthetic_parents_, synthetic_steps_, synthetic_offsets_ : ndarray
        Provenance, as above.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    References
    ----------
    M. Nakamura, Y. Kajiwara, A. Otsuka and H. Kimura, "LVQ-SMOTE - Learning Vector
    Quantization based Synthetic Minority Over-sampling Technique for biomedical data",
    BioData Mining 6 (2013), 16.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import LVQSMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = LVQSMOTE(random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> sampler.codebooks_[1].shape
    (10, 20)
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        n_codebook=10,
        n_epochs=20,
        learning_rate=0.1,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.n_codebook = n_codebook
        self.n_epochs = n_epochs
        self.learning_rate = learning_rate

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"n_codebook": 4, "k_neighbors": 2, "n_epochs": 0}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"n_codebook": 3}, "n_codebook must be an int >= 4"),
            ({"k_neighbors": 0}, "k_neighbors must be an int >= 1"),
            ({"n_epochs": -1}, "n_epochs must be an int >= 0"),
            ({"learning_rate": 0}, "learning_rate must be a number in"),
        ]

    def _check_params(self) -> None:
        check_positive_int("k_neighbors", self.k_neighbors)
        check_positive_int("n_codebook", self.n_codebook, 4)
        check_positive_int("n_epochs", self.n_epochs, 0)
        check_number("learning_rate", self.learning_rate, 0.0, 1.0, open_low=True)

    def _accepts_sparse(self) -> bool:
        return False  # dense rows only (refuse_sparse)

    def _plan(self, X, y, targets, streams) -> Plan:
        from sklearn.cluster import KMeans

        refuse_sparse(self, X)
        self.codebooks_ = {}
        plans = []
        # Values near the dtype's limit overflow k-means' and LVQ's squared distances: the
        # codebook is learned on X scaled by a power of two (exact; ordinary data untouched).
        e = scale_exponent(as_float(X))
        for label, n_new, rows in classes_to_grow(y, targets):
            if rows.size < 4:
                raise ValueError(
                    f"LVQSMOTE: class {label!r} has {rows.size} rows, but a codebook needs at "
                    f"least 4 vectors, one per row at most (the pair search draws two and "
                    f"matches them against two others). Leave class {label!r} out of "
                    "sampling_strategy."
                )
            c = min(int(self.n_codebook), rows.size)
            if c < self.n_codebook:
                # k-means cannot find more centres than rows: the class gets one vector per
                # row, as with n_codebook equal to its count.
                warnings.warn(
                    f"LVQSMOTE: class {label!r} has {rows.size} rows, fewer than "
                    f"n_codebook={self.n_codebook}; its codebook has {c} vectors. Set "
                    f"n_codebook={c} or smaller to silence this warning.",
                    ResamplingWarning,
                    stacklevel=4,
                )
            rng = streams[label]
            X_class = np.ldexp(as_float(X[rows]), -e) if e else as_float(X[rows])
            seed = int(rng.integers(2**31 - 1))
            own = KMeans(c, n_init=1, random_state=seed).fit(X_class).cluster_centers_
            others = np.flatnonzero(y != label)
            if others.size > OTHER_SAMPLE_ROWS:
                others = np.sort(rng.choice(others, OTHER_SAMPLE_ROWS, replace=False))
            X_other = np.ldexp(as_float(X[others]), -e) if e else as_float(X[others])
            theirs = KMeans(min(c, others.size), n_init=1, random_state=seed)
            theirs = theirs.fit(X_other).cluster_centers_
            train = np.concatenate([X_class, X_other])
            is_class = np.r_[np.ones(rows.size, bool), np.zeros(others.size, bool)]
            code_is_class = np.r_[np.ones(c, bool), np.zeros(theirs.shape[0], bool)]
            codes = lvq1(
                np.concatenate([own, theirs]),
                code_is_class,
                train,
                is_class,
                int(self.n_epochs),
                float(self.learning_rate),
            )[:c]
            self.codebooks_[label] = np.ldexp(codes, e) if e else codes
            k = min(int(self.k_neighbors), rows.size)
            near = nearest_codes(X_class, codes, k)  # class rows nearest to each vector
            pairs = matching_pairs(codes)
            a = rng.integers(0, c, size=n_new)
            b = (a + 1 + rng.integers(0, c - 1, size=n_new)) % c
            match = pairs[a, b, rng.integers(0, 2, size=n_new)]
            copied = rows[near[match, rng.integers(0, k, size=n_new)]]
            offsets = codes[a] - codes[match]
            offsets = np.ldexp(offsets, e) if e else offsets
            plans.append(offset_plan(copied, copied, np.zeros(n_new), offsets, label))
        return finish_offsets(self, Plan.concat(plans, y.dtype), X.shape[1])
