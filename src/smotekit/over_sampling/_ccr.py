"""CCR: grow a sphere around each class row on an energy budget, clean it, fill it."""

from __future__ import annotations

import numpy as np

from .. import _containers
from .._base import BaseOverSampler
from .._plan import Plan
from ._common import (
    Offsets,
    apportion,
    as_float,
    check_number,
    classes_to_grow,
    finish_offsets,
    nearest_other_rows,
    offset_plan,
    refuse_sparse,
)

#: Other-class rows fetched per class row at first; rows whose sphere reaches further ask
#: again with twice as many.
FIRST_CANDIDATES = 16


def l1_to(X, query: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Taxicab distances (len(query), m) from rows ``query`` to their ``candidates``."""
    Xq = as_float(X[query])
    out = np.empty(candidates.shape)
    for j in range(candidates.shape[1]):
        out[:, j] = np.abs(as_float(X[candidates[:, j]]) - Xq).sum(axis=1)
    return out


def sphere_radii(distances: np.ndarray, energy: float, bound: np.ndarray, complete: bool):
    """Radius and rows inside, per class row, from its sorted other-class distances.

    Growing a sphere by ``dr`` costs ``dr * (rows inside + 1)`` energy; it grows until the
    budget ``energy`` is spent (Koziarski and Wozniak, 2017). ``distances`` (n x m, sorted)
    are exact up to ``bound`` (the true distance of a row not listed is at least ``bound``);
    ``complete`` says the list holds every other-class row. Returns ``(radius, inside,
    resolved)``; an unresolved row needs a longer list.

    Examples
    --------
    >>> d = np.array([[0.1, 0.2, 5.0]])
    >>> r, inside, ok = sphere_radii(d, 0.25, np.array([np.inf]), True)
    >>> round(float(r[0]), 3), inside.tolist(), ok.tolist()
    (0.175, [1], [True])
    """
    n, m = distances.shape
    radius = np.zeros(n)
    left = np.full(n, float(energy))
    inside = np.zeros(n, dtype=np.int64)
    done = np.zeros(n, dtype=bool)
    resolved = np.ones(n, dtype=bool)
    for j in range(m):
        active = ~done
        if not active.any():
            break
        change = left / (j + 1)
        nxt = distances[:, j]
        known = nxt <= bound
        reach = radius + change
        stop = active & np.where(known, nxt >= reach, bound >= reach)
        radius[stop] = reach[stop]
        lost = active & ~stop & ~known
        resolved[lost] = False
        grow = active & ~stop & known
        left[grow] -= (nxt[grow] - radius[grow]) * (j + 1)
        radius[grow] = nxt[grow]
        inside[grow] = j + 1
        done |= stop | lost
    rest = ~done
    if complete:
        radius[rest] += left[rest] / np.maximum(inside[rest], 1)
    else:
        resolved[rest] = False
    return radius, inside, resolved


def taxicab_points(radius: np.ndarray, n_features: int, rng) -> np.ndarray:
    """Points within the taxicab (L1) ball of each ``radius``, as the authors draw them:
    coordinate ``j`` is uniform in +-(radius - |earlier coordinates|), then the coordinates
    are shuffled."""
    n = radius.size
    u = rng.random((n, n_features))
    points = np.empty((n, n_features))
    used = np.zeros(n)
    for j in range(n_features):
        points[:, j] = (radius - used) * (2.0 * u[:, j] - 1.0)
        used += np.abs(points[:, j])
    order = np.argsort(rng.random((n, n_features)), axis=1)
    return np.take_along_axis(points, order, axis=1)


class CCR(BaseOverSampler):
    """Combined Cleaning and Resampling (Koziarski and Wozniak, 2017).

    Around each row of the class grown, a sphere (in the taxicab, L1, distance, as in the
    authors' code) grows on an energy budget ``energy * n_features ** scaling``: growing the
    radius by ``dr`` costs ``dr`` times one plus the number of other-class rows already
    inside, so spheres stay small where the other classes are dense. Then:

    * **cleaning**: every other-class row inside a sphere is pushed out along the line from
      the sphere's center to the row, onto its surface (by ``(r - d) / d * (row - center)``);
      a row inside several spheres gets the sum of the pushes;
    * **resampling**: the synthetic rows are shared among the class rows in proportion to
      ``1 / r`` (exactly, by largest remainders) and drawn inside each row's sphere, with
      the authors' taxicab draw.

    Output: the input rows in their order, where the pushed rows have their new values
    (``moved_indices_`` and ``translations_`` say which and by how much; for pandas input
    a pushed row gets a new index label, like a synthetic row), then the synthetic rows.
    Classes are grown one against the rest, every push computed on the input and summed,
    so with several classes grown a row of one may be pushed by another's spheres (the
    paper is binary). Provenance of a synthetic row: parents ``(row, row)``, step 0 and
    ``synthetic_offsets_`` its position in the sphere. An other-class row at distance 0
    from a center is pushed a distance ``r`` in a random diagonal direction (the authors
    add a tiny random offset first).

    Deviations of smote-variants' CCR from the paper, not followed here: it computes the
    pushes but returns the majority rows unmoved (no cleaning); it shares the rows with a
    "hacked" ratio and rounds each row's count, so the total misses the request; its
    taxicab draw bounds each coordinate by the previous one only, so points can leave the
    sphere; its default energy is 1.0 (the authors' is 0.25).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    energy : float > 0, default=0.25
        Energy budget of each sphere.
    scaling : float >= 0, default=0.0
        The budget is ``energy * n_features ** scaling``.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    radii_ : dict
        ``{label: sphere radius of each class row}``, in the order of the class's rows.
    moved_indices_ : ndarray
        Positions of the rows the cleaning moved.
    translations_ : ndarray of shape (len(moved_indices_), n_features)
        How far each was moved.
    synthetic_parents_, synthetic_steps_, synthetic_offsets_ : ndarray
        Provenance of each synthetic row, as above.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    References
    ----------
    M. Koziarski and M. Wozniak, "CCR: A combined cleaning and resampling algorithm for
    imbalanced data classification", International Journal of Applied Mathematics and
    Computer Science 27(4) (2017), pp. 727-736.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit import CCR
    >>> X = np.array([[0.0], [0.1], [0.2], [5.0], [5.1], [9.0]])
    >>> y = np.array([1, 0, 0, 0, 0, 0])
    >>> sampler = CCR(sampling_strategy={1: 3}, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> round(float(sampler.radii_[1][0]), 3), sampler.moved_indices_.tolist()
    (0.175, [1])
    >>> round(float(X_res[1, 0]), 3)
    0.175
    >>> bool(np.all(np.abs(X_res[6:, 0]) <= 0.175))
    True
    """

    def __init__(self, *, sampling_strategy="auto", random_state=None, energy=0.25, scaling=0.0):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.energy = energy
        self.scaling = scaling

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"energy": 2.0, "scaling": 0.5}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"energy": 0}, "energy must be a number > 0"),
            ({"scaling": -1}, "scaling must be a number >= 0"),
        ]

    def _check_params(self) -> None:
        check_number("energy", self.energy, 0.0, open_low=True)
        check_number("scaling", self.scaling, 0.0)

    def _accepts_sparse(self) -> bool:
        return False  # dense rows only (refuse_sparse)

    def _plan(self, X, y, targets, streams) -> Plan:
        refuse_sparse(self, X)
        budget = float(self.energy) * X.shape[1] ** float(self.scaling)
        self.radii_ = {}
        plans, pushed, pushes = [], [], []
        for label, n_new, rows in classes_to_grow(y, targets):
            others = np.flatnonzero(y != label)
            radius, where, push = self._spheres(X, rows, others, budget, streams[label])
            self.radii_[label] = radius
            pushed.append(where)
            pushes.append(push)
            rng = streams[label]
            centers = np.repeat(np.arange(rows.size), apportion(n_new, 1.0 / radius))
            offsets = taxicab_points(radius[centers], X.shape[1], rng)
            base = rows[centers]
            plans.append(offset_plan(base, base, np.zeros(base.size), offsets, label))
        plan = finish_offsets(self, Plan.concat(plans, y.dtype), X.shape[1])
        moved = np.concatenate(pushed) if pushed else np.empty(0, dtype=np.intp)
        push = np.concatenate(pushes) if pushes else np.empty((0, X.shape[1]))
        self.moved_indices_, at = np.unique(moved, return_inverse=True)
        self.translations_ = np.zeros((self.moved_indices_.size, X.shape[1]))
        np.add.at(self.translations_, at, push)
        if self.moved_indices_.size == 0:
            return plan
        # The moved rows travel as extra plan rows (a copy of the row plus its push); the
        # output puts each back in its row's place (see _resample).
        moves = Plan(
            base=self.moved_indices_,
            neighbor=self.moved_indices_,
            step=np.zeros(self.moved_indices_.size),
            label=y[self.moved_indices_],
            noise=Offsets(self.translations_),
        )
        return Plan.concat([plan, moves], y.dtype)

    def _spheres(self, X, rows, others, budget, rng):
        """Radius of each class row's sphere, and the other-class rows it pushes (positions
        in X, with their pushes)."""
        radius = np.empty(rows.size)
        inside_rows, inside_push = [], []
        pending = np.arange(rows.size)
        m = min(FIRST_CANDIDATES, others.size)
        while pending.size:
            euclid, candidates = nearest_other_rows(X, rows[pending], others, m)
            complete = m >= others.size
            # A row not among the Euclidean candidates is at L1 distance >= its L2 distance
            # >= the farthest candidate's, so the L1 order is exact up to that bound.
            bound = np.full(pending.size, np.inf) if complete else euclid[:, -1]
            taxicab = l1_to(X, rows[pending], candidates)
            order = np.argsort(taxicab, axis=1, kind="stable")
            taxicab = np.take_along_axis(taxicab, order, axis=1)
            candidates = np.take_along_axis(candidates, order, axis=1)
            r, inside, resolved = sphere_radii(taxicab, budget, bound, complete)
            done = pending[resolved]
            radius[done] = r[resolved]
            owner, slot = np.nonzero(np.arange(m)[None, :] < inside[resolved][:, None])
            center = rows[done][owner]
            row = candidates[resolved][owner, slot]
            d = taxicab[resolved][owner, slot]
            r_row = r[resolved][owner]
            away = as_float(X[row]) - as_float(X[center])
            push = np.empty_like(away)
            far = d > 0
            push[far] = ((r_row[far] - d[far]) / d[far])[:, None] * away[far]
            if not far.all():
                signs = rng.choice([-1.0, 1.0], size=(int((~far).sum()), X.shape[1]))
                push[~far] = r_row[~far, None] * signs / X.shape[1]
            inside_rows.append(row)
            inside_push.append(push)
            pending = pending[~resolved]
            m = min(2 * m, others.size)
        return (
            radius,
            np.concatenate(inside_rows) if inside_rows else np.empty(0, dtype=np.intp),
            np.concatenate(inside_push) if inside_push else np.empty((0, X.shape[1])),
        )

    def _resample(self, features, labels):
        X_out, y_out = super()._resample(features, labels)
        moved = self.moved_indices_
        if moved.size == 0:
            return X_out, y_out
        n, n_syn = features.n_rows, len(self.synthetic_steps_) - moved.size
        order = np.arange(n + n_syn)
        order[moved] = n + n_syn + np.arange(moved.size)
        self.synthetic_parents_ = self.synthetic_parents_[:n_syn]
        self.synthetic_steps_ = self.synthetic_steps_[:n_syn]
        self.synthetic_offsets_ = self.synthetic_offsets_[:n_syn]
        X_out = _containers.unpack_rows(X_out).take(order)
        y_out = _containers.unpack_y(y_out).take(order)
        # A moved row is no longer the input row: origin -1, like a synthetic row.
        origin = np.r_[np.arange(n), np.full(n_syn, -1)]
        origin[moved] = -1
        self._set_origin(origin)
        return X_out, y_out

    def _new_row_weights(self, weights, y, y_new):
        """A moved row keeps its own weight (it comes first, moved rows in input order);
        a synthetic row's interpolates its parents'."""
        return np.r_[weights[self.moved_indices_], super()._new_row_weights(weights, y, y_new)]
