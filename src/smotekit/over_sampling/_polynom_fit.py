"""polynom-fit-SMOTE: synthetic rows on the links of a topology over the class rows."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .._base import BaseOverSampler
from .._numeric import scale_exponent
from .._plan import Plan
from .._validation import check_choice, check_positive_int
from ._common import classes_to_grow, finish_offsets, offset_plan

TOPOLOGIES = ("star", "bus", "poly", "mesh")


def spread_evenly(n_new: int, n_links: int, rng: np.random.Generator) -> np.ndarray:
    """Rows per link: ``n_new // n_links`` each, one more for ``n_new % n_links`` links
    drawn at random (so the counts are exact and no link is favoured)."""
    counts = np.full(n_links, n_new // n_links, dtype=np.int64)
    counts[rng.choice(n_links, n_new % n_links, replace=False)] += 1
    return counts


def evenly_spaced(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(link of each row, step) for ``counts[l]`` rows at ``j / (counts[l] + 1)``,
    ``j = 1..counts[l]``, on each link ``l``: the paper's evenly spaced points.

    Examples
    --------
    >>> link, step = evenly_spaced(np.array([1, 0, 3]))
    >>> link.tolist(), step.tolist()
    ([0, 2, 2, 2], [0.5, 0.25, 0.5, 0.75])
    """
    link = np.repeat(np.arange(counts.size), counts)
    first = np.cumsum(counts) - counts
    j = np.arange(link.size) - first[link] + 1
    return link, j / (counts[link] + 1)


def curve_points(coefficients: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``c(t)`` for each ``t`` in ``positions``: ``coefficients`` is (degree + 1, d), the
    highest power first (as :func:`numpy.polyfit` returns it).

    Examples
    --------
    >>> line = np.array([[2.0, 0.0], [1.0, 5.0]])  # c(t) = (2t + 1, 5)
    >>> curve_points(line, np.array([0.0, 1.0])).tolist()
    [[1.0, 5.0], [3.0, 5.0]]
    """
    points = np.tile(coefficients[0], (positions.shape[0], 1))
    for coefficient in coefficients[1:]:  # Horner's rule
        points *= positions[:, None]
        points += coefficient
    return points


def pair_of(index: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The pair ``(i, j)``, ``i < j < n``, at position ``index`` of the row-major list of
    all pairs, found without listing them.

    Examples
    --------
    >>> [tuple(int(v) for v in p) for p in zip(*pair_of(np.arange(6), 4))]
    [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    """
    index = np.asarray(index, dtype=np.int64)

    def start(i):  # position of the pair (i, i + 1)
        return i * n - i * (i + 1) // 2

    b = 2.0 * n - 1.0
    i = np.floor((b - np.sqrt(np.maximum(b * b - 8.0 * index, 0.0))) / 2.0).astype(np.int64)
    i = np.clip(i, 0, n - 2)
    for _ in range(2):  # float rounding can miss by one either way
        i -= start(i) > index
        i += (i < n - 2) & (start(i + 1) <= index)
    return i, index - start(i) + i + 1


class PolynomFitSMOTE(BaseOverSampler):
    """polynom-fit-SMOTE (Gazzah and Amara, 2008): synthetic rows on a topology of the class.

    The class rows are linked by a *topology* and synthetic rows are placed on the links,
    evenly spaced (the ``c`` rows of a link sit at ``1/(c+1), ..., c/(c+1)`` of it):

    * ``"star"``: each row is linked to the class mean;
    * ``"bus"``: each row to the next class row, in the order of X;
    * ``"mesh"``: every row to every other (pairs are drawn without listing them when
      there are more pairs than rows to make, one row at the middle of each drawn pair);
    * ``"poly"``: a polynomial of degree ``degree`` is fitted to each feature along the
      class rows (sorted by their mean feature value), and synthetic rows are drawn on
      that curve at uniform positions.

    The rows to make are spread evenly over the links; where they do not divide evenly
    the extra rows go to links drawn at random, so the counts are exactly the ones asked
    for. Gazzah, S. and Amara, N. E. B., "New oversampling approaches based on polynomial
    fitting for imbalanced data sets", The Eighth IAPR International Workshop on Document
    Analysis Systems (DAS), 2008, pp. 677-684.

    Star and poly rows are not on a segment between two input rows; as for the other
    variants whose rows leave their segments, ``row = base + step * (neighbor - base) +
    offset`` with the offsets in ``synthetic_offsets_``. For ``"star"``,
    ``synthetic_parents_`` is ``(i, i)``, ``synthetic_steps_`` the fraction ``t`` of the way
    from row ``i`` to ``centers_[label]`` and the offset ``t * (center - row i)``; for
    ``"poly"``, the parents are the two consecutive class rows (in the curve's order) whose
    positions bracket the row's position on the curve, the step the fraction between them,
    and the offset the curve's point there less that interpolation. Such rows need dense
    input (a sparse X is refused).

    Differences from smote-variants 1.0.1 (toward the paper or toward exact counts):
    its star and bus make ``max(1, round(n_new / n))`` rows per link, so the count misses
    the one asked for (by up to ``n`` rows); its poly positions run over ``[0, n)`` of a
    fit over ``0..n-1`` (extrapolating past the last row), here over ``[0, n-1]``, and the
    fit uses positions scaled to ``[-1, 1]`` so high degrees stay well conditioned; its
    mesh draws random pairs with replacement, here distinct pairs, evenly spaced as the
    paper's links.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
        Each class is linked on its own, so several classes may grow.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    topology : {"star", "bus", "poly", "mesh"}, default="star"
        How the class rows are linked (see above).
    degree : int, default=2
        Degree of the polynomial of the ``"poly"`` topology; a class needs more rows than
        ``degree``.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows generated}``.
    centers_ : dict
        ``{label: class mean}`` (``"star"``).
    curves_ : dict
        ``{label: (degree + 1, n_features) coefficients}``, highest power first, of the
        curve over positions in ``[-1, 1]`` (``"poly"``).
    synthetic_parents_, synthetic_steps_, synthetic_offsets_ : ndarray
        Provenance of each synthetic row (see above; the offsets are zero for bus and mesh
        rows, which lie on their segments).
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> import numpy as np
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import PolynomFitSMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = PolynomFitSMOTE(topology="star", random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> start = X[sampler.synthetic_parents_[:, 0]]
    >>> t = sampler.synthetic_steps_[:, None]
    >>> bool(np.allclose(X_res[len(X):], start + t * (sampler.centers_[1] - start)))
    True
    """

    def __init__(self, *, sampling_strategy="auto", random_state=None, topology="star", degree=2):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.topology = topology
        self.degree = degree

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"topology": "bus"}, {"topology": "poly", "degree": 3}, {"topology": "mesh"}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"topology": "ring"}, "topology must be one of 'star', 'bus', 'poly', 'mesh'"),
            ({"topology": "poly", "degree": 0}, "degree must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        check_choice("topology", self.topology, TOPOLOGIES)
        check_positive_int("degree", self.degree)

    def _accepts_sparse(self) -> bool:
        return self.topology not in ("star", "poly")  # rows off the segments: dense only

    def _plan(self, X, y, targets, streams) -> Plan:
        if self.topology in ("star", "poly") and sp.issparse(X):
            raise ValueError(
                f"PolynomFitSMOTE: topology={self.topology!r} places rows off the segments "
                "between input rows, so X must be dense; got a sparse matrix. Use "
                "topology='bus' or 'mesh', or X.toarray()."
            )
        n_features = X.shape[1]
        self.centers_, self.curves_ = {}, {}
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets):
            need = self.degree + 1 if self.topology == "poly" else 2
            if rows.size < need:
                reason = f"degree={self.degree} needs" if self.topology == "poly" else "needs"
                raise ValueError(
                    f"PolynomFitSMOTE: class {label!r} has {rows.size} rows; topology="
                    f"{self.topology!r} {reason} at least {need} rows of each class it "
                    "over-samples. Leave that class out of sampling_strategy"
                    + (", or use a smaller degree." if self.topology == "poly" else ".")
                )
            rng = streams[label]
            plan = getattr(self, f"_{self.topology}")(X, rows, n_new, rng, label)
            plans.append(plan)
        plan = Plan.concat(plans, y.dtype)
        if self.topology in ("star", "poly"):
            return finish_offsets(self, plan, n_features)
        self.synthetic_offsets_ = np.zeros((len(plan), n_features))
        return plan

    def _star(self, X, rows, n_new, rng, label) -> Plan:
        X_class = np.asarray(X[rows], dtype=np.float64)
        # A sum of rows near float64's limit overflows: the mean is taken of the rows
        # scaled by a power of two (exact; only for such rows) and scaled back. It lies
        # among the rows, so it is finite.
        e = scale_exponent(X_class)
        center = np.ldexp(np.ldexp(X_class, -e).mean(axis=0), e) if e else X_class.mean(axis=0)
        self.centers_[label] = center
        local, step = evenly_spaced(spread_evenly(n_new, rows.size, rng))
        start = X_class[local]
        with np.errstate(over="ignore", invalid="ignore"):
            offsets = step[:, None] * (center - start)
            # Between rows near +max and -max, center - start overflows although
            # t (center - start) may not: such cells are computed from the halves.
            wide = ~np.isfinite(offsets)
            if wide.any():
                offsets[wide] = (2 * (step[:, None] * (center / 2 - start / 2)))[wide]
        return offset_plan(rows[local], rows[local], step, offsets, label)

    def _bus(self, X, rows, n_new, rng, label) -> Plan:
        link, step = evenly_spaced(spread_evenly(n_new, rows.size - 1, rng))
        return Plan(rows[link], rows[link + 1], step, np.full(n_new, label))

    def _mesh(self, X, rows, n_new, rng, label) -> Plan:
        n = rows.size
        n_pairs = n * (n - 1) // 2
        if n_new < n_pairs:  # distinct pairs, one row at the middle of each
            first, second = pair_of(np.sort(rng.choice(n_pairs, n_new, replace=False)), n)
            step = np.full(n_new, 0.5)
        else:
            link, step = evenly_spaced(spread_evenly(n_new, n_pairs, rng))
            first, second = pair_of(link, n)
        return Plan(rows[first], rows[second], step, np.full(n_new, label))

    def _poly(self, X, rows, n_new, rng, label) -> Plan:
        X_class = np.asarray(X[rows], dtype=np.float64)
        order = np.argsort(X_class.mean(axis=1), kind="stable")
        n = rows.size
        scaled = np.linspace(-1.0, 1.0, n)
        curve = np.polyfit(scaled, X_class[order], self.degree)
        self.curves_[label] = curve
        position = rng.random(n_new) * (n - 1)
        left = np.minimum(position.astype(np.int64), n - 2)
        step = position - left
        base, neighbor = rows[order[left]], rows[order[left + 1]]
        points = curve_points(curve, 2.0 * position / (n - 1) - 1.0)
        X_base = X_class[order[left]]
        interpolated = X_base + step[:, None] * (X_class[order[left + 1]] - X_base)
        return offset_plan(base, neighbor, step, points - interpolated, label)
