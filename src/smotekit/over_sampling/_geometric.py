"""Geometric SMOTE: rows drawn in a (truncated, deformed) hyper-sphere around a class row."""

from __future__ import annotations

import numpy as np

from .. import neighbors
from .._base import BaseOverSampler, class_graph
from .._numeric import scale_exponent
from .._plan import Plan
from .._validation import check_choice
from ._common import (
    as_float,
    check_number,
    classes_to_grow,
    finish_offsets,
    nearest_other_rows,
    offset_plan,
    refuse_sparse,
)

SELECTIONS = ("combined", "majority", "minority")


def geometric_points(n: int, d: int, truncation: float, deformation: float, rng):
    """``(along, across)``: ``n`` points of the unit ball in coordinates relative to the
    direction ``e`` of the surface point, truncated and deformed as in Douzas and Bacao.

    ``along`` is each point's coordinate on ``e``; ``across`` (n x d, orthogonal to ``e``
    once rotated) is drawn in a frame where ``e`` is the first axis, so the caller rotates
    it. A point uniform in the ball is reflected through the plane orthogonal to ``e`` when
    it falls beyond the truncation, and its orthogonal part is shrunk by
    ``1 - deformation``.
    """
    z = rng.standard_normal((n, d))
    norm = np.linalg.norm(z, axis=1)
    norm[norm == 0] = 1.0
    point = z / norm[:, None] * (rng.random(n) ** (1.0 / d))[:, None]
    along = point[:, 0].copy()
    # Reflection (the paper's truncation): keep the side the truncation factor allows.
    flip = (truncation > 0) & (along < truncation - 1) | (truncation < 0) & (along > truncation + 1)
    along[flip] = -along[flip]
    across = point[:, 1:] * (1.0 - deformation)
    return along, across


def scaled_span(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, int]:
    """``(end - start) / 2**e`` and ``e``: the differences of rows near the dtype's limit
    overflow, and so do their norms; scaled by a power of two (exact, and only for such
    rows: ``e`` is 0 otherwise) they do not, and a direction does not change."""
    e = scale_exponent(np.r_[start, end])
    if not e:
        return end - start, 0
    return np.ldexp(end, -e) - np.ldexp(start, -e), e


class GeometricSMOTE(BaseOverSampler):
    """Geometric SMOTE (Douzas and Bacao, 2019).

    Not the G-SMOTE of Sandhan and Choi (2014, :class:`~smotekit.GSMOTE`): a different
    method with a similar name. Instead of a point on a segment, each synthetic row is a
    point of a hyper-sphere around a class row (the *center*), whose radius reaches a
    *surface* row chosen by ``selection_strategy``:

    * ``"minority"``: one of the center's ``k_neighbors`` nearest rows of its class;
    * ``"majority"``: the center's nearest row of another class;
    * ``"combined"``: whichever of those two is nearer.

    A point drawn uniformly in the unit ball is *truncated*: with ``truncation_factor``
    ``a > 0`` a point whose coordinate towards the surface row is below ``a - 1`` is
    reflected to the surface's side (``a = 1`` keeps the half-sphere facing the surface
    row); ``a < 0`` keeps the opposite side the same way; ``a = 0`` keeps the whole sphere.
    It is then *deformed*: its part orthogonal to the center-surface line is shrunk by
    ``1 - deformation_factor`` (``1`` puts every row on that line, as SMOTE, but on both
    sides of the center unless truncated). Finally it is scaled by the radius and moved to
    the center. Centers are drawn uniformly from the class (the paper walks the shuffled
    class; the counts per center differ, the distribution does not); classes are grown one
    against the rest. smote-variants has no Geometric SMOTE; the reference is the paper and
    its authors' ``geometric-smote`` package.

    Provenance: ``synthetic_parents_`` holds ``(center, surface)``; ``synthetic_steps_`` the
    point's coordinate along that line (in [-1, 1]); ``synthetic_offsets_`` the part
    orthogonal to it, so ``row = center + step * (surface - center) + offset``, and every row
    lies within the sphere of radius ``|surface - center|``.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k_neighbors : int or estimator, default=5
        Same-class neighbours a ``"minority"`` or ``"combined"`` surface row is drawn from.
    truncation_factor : float in [-1, 1], default=1.0
    deformation_factor : float in [0, 1], default=0.0
    selection_strategy : {"combined", "majority", "minority"}, default="combined"

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    synthetic_parents_, synthetic_steps_, synthetic_offsets_ : ndarray
        Provenance, as above.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    References
    ----------
    G. Douzas and F. Bacao, "Geometric SMOTE a geometrically enhanced drop-in replacement
    for SMOTE", Information Sciences 501 (2019), pp. 118-135.

    Examples
    --------
    >>> from collections import Counter
    >>> import numpy as np
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import GeometricSMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = GeometricSMOTE(random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> center, surface = X[sampler.synthetic_parents_[:, 0]], X[sampler.synthetic_parents_[:, 1]]
    >>> radius = np.linalg.norm(surface - center, axis=1)
    >>> bool(np.all(np.linalg.norm(X_res[1000:] - center, axis=1) <= radius + 1e-9))
    True
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        truncation_factor=1.0,
        deformation_factor=0.0,
        selection_strategy="combined",
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.truncation_factor = truncation_factor
        self.deformation_factor = deformation_factor
        self.selection_strategy = selection_strategy

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [
            {},
            {"selection_strategy": "minority", "truncation_factor": -0.5, "k_neighbors": 3},
            {"selection_strategy": "majority", "deformation_factor": 0.7},
        ]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"truncation_factor": 2.0}, r"truncation_factor must be a number in \[-1"),
            ({"deformation_factor": -0.1}, r"deformation_factor must be a number in \[0"),
            ({"selection_strategy": "both"}, "selection_strategy must be one of"),
            ({"k_neighbors": 0}, "k_neighbors must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        check_number("truncation_factor", self.truncation_factor, -1.0, 1.0)
        check_number("deformation_factor", self.deformation_factor, 0.0, 1.0)
        check_choice("selection_strategy", self.selection_strategy, SELECTIONS)
        neighbors.make_estimator(self.k_neighbors)

    def _accepts_sparse(self) -> bool:
        return False  # dense rows only (refuse_sparse)

    def _plan(self, X, y, targets, streams) -> Plan:
        refuse_sparse(self, X)
        self.nn_k_ = neighbors.make_estimator(self.k_neighbors)
        k = neighbors.n_neighbors_of(self.nn_k_)
        strategy = self.selection_strategy
        plans = []
        needs_own = strategy != "majority"
        for label, n_new, rows in classes_to_grow(y, targets, k if needs_own else None):
            rng = streams[label]
            center = rng.integers(0, rows.size, size=n_new)
            if needs_own:
                own = class_graph(X[rows], self.nn_k_)
                surface = rows[own[center, rng.integers(0, k, size=n_new)]]
            if strategy != "minority":
                others = np.flatnonzero(y != label)
                _, nearest_other = nearest_other_rows(X, rows, others, 1)
                other = nearest_other[center, 0]
                if strategy == "majority":
                    surface = other
                else:
                    own_span, e_own = scaled_span(as_float(X[rows[center]]), as_float(X[surface]))
                    other_span, e_other = scaled_span(as_float(X[rows[center]]), as_float(X[other]))
                    to_own = np.ldexp(np.linalg.norm(own_span, axis=1), e_own - e_other)
                    to_other = np.linalg.norm(other_span, axis=1)
                    surface = np.where(to_other < to_own, other, surface)
            base = rows[center]
            plans.append(self._sphere_plan(X, base, surface, rng, label))
        return finish_offsets(self, Plan.concat(plans, y.dtype), X.shape[1])

    def _sphere_plan(self, X, base, surface, rng, label) -> Plan:
        n, d = base.size, X.shape[1]
        # In units of 2**scale: rows near the dtype's limit overflow span and radius.
        span, scale = scaled_span(as_float(X[base]), as_float(X[surface]))
        radius = np.linalg.norm(span, axis=1)
        along, across = geometric_points(n, d, self.truncation_factor, self.deformation_factor, rng)
        # Rotate the orthogonal part into the space orthogonal to e = span / radius: a
        # Householder reflection maps the first axis onto e, so `across` (the other axes)
        # lands orthogonal to e.
        flat = radius == 0
        e = np.zeros_like(span)
        e[~flat] = span[~flat] / radius[~flat, None]
        e[flat, 0] = 1.0
        across_full = np.zeros((n, d))
        across_full[:, 1:] = across
        v = e.copy()
        v[:, 0] -= 1.0
        vv = np.einsum("ij,ij->i", v, v)
        proj = np.einsum("ij,ij->i", v, across_full)
        with np.errstate(invalid="ignore", divide="ignore"):
            factor = np.where(vv > 1e-300, 2.0 * proj / vv, 0.0)
        across_full -= factor[:, None] * v
        offsets = radius[:, None] * across_full
        if scale:  # back to X's units (beyond float64 only if the sphere itself is)
            with np.errstate(over="ignore"):
                offsets = np.ldexp(offsets, scale)
        step = np.where(flat, 0.0, along)
        offsets[flat] = 0.0
        return offset_plan(base, surface, step, offsets, label)
