"""Lee's SMOTE with rejection: candidates among too many rows of other classes are dropped."""

from __future__ import annotations

import numbers
import warnings

import numpy as np
import scipy.sparse as sp

from .. import neighbors
from .._base import BaseOverSampler, ResamplingWarning, class_graph
from .._plan import Plan
from .._validation import check_enough_rows, describe
from ._common import classes_to_grow, seeded_plan
from ._query import as_float

#: Candidates are checked in rounds of at most this many rows (bounds the temporaries).
MAX_ROUND_ROWS = 1 << 16
#: Rounds in a row in which under ``FRUITLESS_SHARE`` of the candidates pass before the
#: rejection level is raised (so a class almost no candidate passes cannot loop for long).
FRUITLESS_ROUNDS = 5
FRUITLESS_SHARE = 0.01
#: How much the rejection level is raised each time (as smote-variants does).
LEVEL_STEP = 0.1
#: Nearest other-class rows listed per class row for the screen (:class:`CandidateScreen`).
SCREEN_WIDTH = 16
#: Candidates screened at a time (bounds the (chunk, SCREEN_WIDTH, d) temporaries).
SCREEN_CHUNK = 4096
#: Relative margin (of the distances involved) a screened decision must clear; closer
#: calls go to the search over all rows, so float rounding never decides one.
SCREEN_MARGIN = 1e-9


def candidate_rows(X, plan: Plan):
    """The rows of ``plan`` (before rounding), dense or sparse like ``X``."""
    base, neighbor = X[plan.base], X[plan.neighbor]
    if sp.issparse(X):
        step = sp.diags(plan.step)
        return sp.csr_matrix(base + step @ (neighbor - base), dtype=np.float64)
    base = as_float(base)
    return base + plan.step[:, None] * (as_float(neighbor) - base)


def _distances(points: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Euclidean distances (m, w) from each of ``points`` (m, d) to its rows (m, w, d)."""
    diff = rows - points[:, None, :]
    return np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))


class CandidateScreen:
    """Decides most of a class's candidates without searching all rows for them.

    With ``q`` the fewest other-class rows among a candidate's ``k`` nearest that reject it
    and ``s = k - q + 1``, the candidate is rejected exactly when its ``q``-th nearest
    other-class row comes before its ``s``-th nearest class row. A candidate ``c`` lies on
    the segment from class row ``b`` to class row ``n``. Each class row's ``SCREEN_WIDTH``
    nearest other-class rows are searched once; by the triangle inequality an other-class
    row missing from ``b``'s list is at least ``rho_b - |c - b|`` from ``c`` (``rho_b``:
    the list's farthest), and a class row missing from ``b``'s class neighbours at least
    their farthest minus ``|c - b|``. These bound the two distances from both sides; a
    candidate whose bounds do not settle it with a margin goes to the exact search over all
    rows. The decisions are those of that search: only the work changes (about a fifth of
    the candidates still need it on a 90 / 10 split in 20 dimensions).
    """

    def __init__(self, X, y, rows, label, nearest: np.ndarray, k: int):
        others = np.flatnonzero(y != label)
        self.X, self.rows, self.k = X, rows, k
        self.local = np.full(X.shape[0], -1, dtype=np.intp)
        self.local[rows] = np.arange(rows.size)
        # Class rows near each class row: itself and its k nearest (exact) class rows.
        self.class_list = np.column_stack([np.arange(rows.size), nearest])
        class_reach = _distances(X[rows], X[rows[self.class_list]]).max(axis=1)
        self.class_reach = class_reach if rows.size > k + 1 else np.full(rows.size, np.inf)
        width = min(SCREEN_WIDTH, others.size)
        if width == 0:
            self.other_list = np.empty((rows.size, 0), dtype=np.intp)
            self.other_reach = np.full(rows.size, np.inf)
            return
        search = neighbors.NeighborSearch(n_neighbors=width).fit(X[others])
        dist, found = search.kneighbors(X[rows], n_neighbors=width)
        self.other_list = others[found]
        self.other_reach = dist[:, -1] if width < others.size else np.full(rows.size, np.inf)

    def decide(self, candidates: np.ndarray, plan: Plan, level: float):
        """``(decided, accepted)`` masks of the candidates (rows of ``plan``)."""
        k = self.k
        q = next((o for o in range(1, k + 1) if not o / k < level), None)
        n = candidates.shape[0]
        if q is None:  # the level is above 1: no candidate can be rejected
            return np.ones(n, dtype=bool), np.ones(n, dtype=bool)
        decided, accepted = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
        for start in range(0, n, SCREEN_CHUNK):
            part = slice(start, start + SCREEN_CHUNK)
            decided[part], accepted[part] = self._decide(
                candidates[part], self.local[plan.base[part]], self.local[plan.neighbor[part]], q
            )
        return decided, accepted

    def _decide(self, c, b, n, q: int):
        X, rows, s = self.X, self.rows, self.k - q + 1
        # Each end of the segment with the candidate's distance to it.
        ends = [(end, np.linalg.norm(c - X[rows[end]], axis=1)) for end in (b, n)]
        # The s-th nearest class row: from above, the s-th nearest listed one; from below,
        # that or the nearest any unlisted one can be.
        listed = np.concatenate([self.class_list[b], self.class_list[n]], axis=1)
        order = np.argsort(listed, axis=1, kind="stable")
        listed = np.take_along_axis(listed, order, axis=1)
        dist = _distances(c, X[rows[listed]])
        dist[:, 1:][listed[:, 1:] == listed[:, :-1]] = np.inf  # each class row once
        upper = np.partition(dist, s - 1, axis=1)[:, s - 1]
        unlisted = np.maximum(*(self.class_reach[end] - gap for end, gap in ends))
        lower = np.minimum(upper, unlisted)
        scale = upper + sum(gap + self.other_reach[end] for end, gap in ends)
        tol = SCREEN_MARGIN * np.where(np.isfinite(scale), scale, upper)
        decided, accepted = np.zeros(c.shape[0], dtype=bool), np.zeros(c.shape[0], dtype=bool)
        for end, gap in ends:
            near = _distances(c, X[self.other_list[end]])
            # q other-class rows surely nearer than the s-th class row: rejected.
            reject = (near < (lower - tol)[:, None]).sum(axis=1) >= q
            # Other-class rows off the list all farther than the s-th class row, and
            # fewer than q listed ones as near: accepted.
            beyond = self.other_reach[end] - gap > upper + tol
            accept = beyond & ((near <= (upper + tol)[:, None]).sum(axis=1) < q)
            new = ~decided & (reject | accept)
            accepted[new] = accept[new] & ~reject[new]
            decided |= new
        return decided, accepted


class LeeSMOTE(BaseOverSampler):
    """SMOTE with rejection (Lee, Kim and Lee, 2015).

    Candidates are drawn as SMOTE draws them (a class row, one of its ``k_neighbors``
    nearest class rows, a step ``t ~ U(0, 1)``); a candidate is rejected when the fraction
    of its ``k_neighbors`` nearest input rows (of any class) that belong to another class
    is at least ``rejection_level``. Candidates are drawn until the class has as many
    accepted rows as asked for, so the counts are exact. Where under 1% of a class's
    candidates pass in five rounds in a row, the level for that class is raised by 0.1
    (as smote-variants does when none passes; the paper does not say what to do), with a
    :class:`~smotekit.ResamplingWarning`; ``rejection_levels_`` records the level used.
    Several classes may grow; the rows of all other classes count against a candidate.

    Lee, J., Kim, N. and Lee, J.-H., "An over-sampling technique with rejection for
    imbalanced class learning", Proceedings of the 9th International Conference on
    Ubiquitous Information Management and Communication (IMCOM), 2015, article 102.

    Differences from smote-variants 1.0.1: its neighbourhood search on all rows asks for
    ``min(n_min, n_neighbors)`` rows but divides by ``n_neighbors``; here both are
    ``k_neighbors``. It raises the level after five rounds without a passing candidate
    counted over the whole run, here after five rounds in a row with under 1% passing.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k_neighbors : int or estimator, default=5
        Neighbours a synthetic row may move towards, and rows around a candidate that
        decide its rejection; or a ``NearestNeighbors``-like object (asked for
        ``n_neighbors`` rows including the row itself).
    rejection_level : float, default=0.5
        A candidate is rejected when at least this fraction of its neighbours have another
        class (in ``(0, 1]``).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    rejection_levels_ : dict
        ``{label: rejection level finally used}``.
    n_rejected_ : dict
        ``{label: candidates rejected}``.
    nn_k_ : estimator
        The neighbour search.
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of each synthetic row, as for :class:`~smotekit.SMOTE`.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import LeeSMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = LeeSMOTE(random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> sampler.n_rejected_[1] > 0
    True
    """

    def __init__(
        self, *, sampling_strategy="auto", random_state=None, k_neighbors=5, rejection_level=0.5
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.rejection_level = rejection_level

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"k_neighbors": 3, "rejection_level": 0.34}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"rejection_level": 0.0}, r"rejection_level must be a number in \(0, 1\]"),
            ({"rejection_level": "half"}, r"rejection_level must be a number in \(0, 1\]"),
            ({"k_neighbors": 0}, "k_neighbors must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        neighbors.make_estimator(self.k_neighbors)
        level = self.rejection_level
        if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level <= 1:
            raise ValueError(f"rejection_level must be a number in (0, 1]; got {describe(level)}.")

    def _plan(self, X, y, targets, streams) -> Plan:
        self.nn_k_ = neighbors.make_estimator(self.k_neighbors)
        k = neighbors.n_neighbors_of(self.nn_k_)
        self.rejection_levels_, self.n_rejected_ = {}, {}
        checker = None
        # The screen needs exact class neighbours and dense rows.
        screened = not sp.issparse(X) and isinstance(self.k_neighbors, (int, np.integer))
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets, k):
            check_enough_rows(X.shape[0], k, "k_neighbors")
            nearest = class_graph(X[rows], self.nn_k_)
            if checker is None:  # one search over all rows serves every class
                checker = neighbors.make_estimator(self.k_neighbors).fit(as_float(X))
            screen = None
            if screened:
                screen = CandidateScreen(as_float(X), y, rows, label, nearest, k)
            plans.append(
                self._accepted(X, y, rows, nearest, checker, screen, k, n_new, streams, label)
            )
        return Plan.concat(plans, y.dtype)

    def _accepted(self, X, y, rows, nearest, checker, screen, k, n_new, streams, label) -> Plan:
        """Draw candidates in rounds until ``n_new`` pass; raise the level when stuck.

        ``screen`` (a :class:`CandidateScreen`, or None) decides what it can; the rest are
        searched among all rows with ``checker``.
        """
        rng = streams[label]
        level = float(self.rejection_level)
        kept, n_kept, rejected, fruitless, rate = [], 0, 0, 0, 1.0  # rate: passing share
        while n_kept < n_new:
            missing = n_new - n_kept
            size = int(min(MAX_ROUND_ROWS, max(64, np.ceil(1.2 * missing / max(rate, 0.02)))))
            plan = seeded_plan(rows, nearest, rng.integers(0, rows.size, size), rng, label)
            candidates = candidate_rows(X, plan)
            if screen is None:
                decided, accept = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
            else:
                decided, accept = screen.decide(candidates, plan, level)
            rest = np.flatnonzero(~decided)
            if rest.size:
                found = checker.kneighbors(candidates[rest], n_neighbors=k, return_distance=False)
                accept[rest] = (y[np.asarray(found)] != label).sum(axis=1) / k < level
            passed = np.flatnonzero(accept)[:missing]
            rejected += int(np.count_nonzero(~accept))
            rate = 0.5 * rate + 0.5 * float(accept.mean())
            fruitless = 0 if accept.mean() >= FRUITLESS_SHARE else fruitless + 1
            if fruitless == FRUITLESS_ROUNDS:
                level, fruitless = level + LEVEL_STEP, 0
                warnings.warn(
                    f"LeeSMOTE: under {FRUITLESS_SHARE:.0%} of the candidates of class "
                    f"{label!r} passed in {FRUITLESS_ROUNDS} rounds in a row; its rejection "
                    f"level was raised to "
                    f"{level:.2f} (see rejection_levels_). The class lies among other "
                    "classes; consider a larger k_neighbors or another sampler.",
                    ResamplingWarning,
                    stacklevel=5,
                )
            if passed.size:
                kept.append(
                    Plan(
                        plan.base[passed],
                        plan.neighbor[passed],
                        plan.step[passed],
                        plan.label[passed],
                    )
                )
                n_kept += passed.size
        self.rejection_levels_[label] = level
        self.n_rejected_[label] = rejected
        return Plan.concat(kept, plan.label.dtype)
