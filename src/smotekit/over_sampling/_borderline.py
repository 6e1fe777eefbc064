"""Borderline-SMOTE: over-sample only the class rows near the border with other classes."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .. import neighbors
from .._base import BaseOverSampler
from .._plan import Plan
from .._validation import check_choice, check_class_size, check_enough_rows
from ._common import classes_to_grow, other_class_counts, seeded_plan, skip_class

KINDS = ("borderline-1", "borderline-2")


def danger_split(other: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """(in danger, noise) masks from each row's count of other-class rows among its ``m``.

    A row is noise when all ``m`` nearest rows have another class, in danger when at least
    half but not all of them do, and safe otherwise (Han et al., 2005).
    """
    noise = other == m
    return (other * 2 >= m) & ~noise, noise


def danger_reason(n_rows: int, noise: np.ndarray, m: int) -> str:
    n_noise = int(noise.sum())
    return (
        f"none of its {n_rows} rows is in danger (at least half, but not all, of its "
        f"m_neighbors={m} nearest rows of another class): {n_rows - n_noise} are safe and "
        f"{n_noise} are noise. The classes do not overlap at this scale; use SMOTE, or try "
        "another m_neighbors."
    )


class BorderlineSMOTE(BaseOverSampler):
    """Borderline-SMOTE (Han, Wang and Mao, 2005): SMOTE seeded only by rows in danger.

    A class row is *in danger* when at least half, but not all, of its ``m_neighbors``
    nearest rows (of any class) belong to other classes; rows whose neighbours are all of
    other classes are noise and are not used. Synthetic rows start from rows in danger:

    * ``"borderline-1"``: towards one of the seed's ``k_neighbors`` nearest rows of its
      own class, step ``t ~ U(0, 1)``;
    * ``"borderline-2"``: towards one of its ``k_neighbors`` nearest rows of any class,
      with ``t ~ U(0, 1)`` for a row of the same class and ``t ~ U(0, 0.5)`` for a row of
      another class (so the new row stays nearer the seed), as in the paper.

    A drop-in for ``imblearn.over_sampling.BorderlineSMOTE``. Where imbalanced-learn
    silently returns the class unchanged when none of its rows is in danger, this sampler
    warns (:class:`~smotekit.ResamplingWarning`) with the reason and records it in
    ``skipped_classes_``. Borderline-2 follows the paper (one neighbour search among all
    rows) rather than imbalanced-learn's random split between two searches.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams.
    k_neighbors : int or estimator, default=5
        Neighbours a synthetic row may move towards, or a ``NearestNeighbors``-like object
        (asked for ``n_neighbors`` rows including the row itself).
    m_neighbors : int or estimator, default=10
        Neighbours (of any class) that decide whether a row is in danger.
    kind : {"borderline-1", "borderline-2"}, default="borderline-1"
        Which rows a synthetic row may move towards (see above).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: number of synthetic rows asked for}``.
    in_danger_indices_ : dict
        ``{label: positions in X of the class rows in danger}``.
    skipped_classes_ : dict
        ``{label: reason}`` for each class that got no rows because none is in danger.
    nn_m_, nn_k_ : estimator
        The neighbour searches used (fitted on the last class).
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of each synthetic row, as for :class:`~smotekit.SMOTE`.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import BorderlineSMOTE
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> sampler = BorderlineSMOTE(random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 897), (1, 897)]
    >>> set(sampler.synthetic_parents_[:, 0]) <= set(sampler.in_danger_indices_[1])
    True
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        m_neighbors=10,
        kind="borderline-1",
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.m_neighbors = m_neighbors
        self.kind = kind

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"kind": "borderline-2", "m_neighbors": 6, "k_neighbors": 3}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"kind": "borderline-3"}, "kind must be one of 'borderline-1', 'borderline-2'"),
            ({"m_neighbors": 0}, "m_neighbors must be an int >= 1"),
            ({"k_neighbors": "five"}, "k_neighbors must be an int >= 1"),
        ]

    def _check_params(self) -> None:
        check_choice("kind", self.kind, KINDS)
        neighbors.make_estimator(self.k_neighbors)
        neighbors.make_estimator(self.m_neighbors, "m_neighbors")

    def _plan(self, X, y, targets, streams) -> Plan:
        self.nn_m_ = neighbors.make_estimator(self.m_neighbors, "m_neighbors")
        self.nn_k_ = neighbors.make_estimator(self.k_neighbors)
        m = neighbors.n_neighbors_of(self.nn_m_)
        k = neighbors.n_neighbors_of(self.nn_k_)
        self.in_danger_indices_ = {}
        self.skipped_classes_ = {}
        plans = []
        for label, n_new, rows in classes_to_grow(y, targets):
            check_enough_rows(X.shape[0], m, "m_neighbors")
            danger, noise = danger_split(other_class_counts(X, y, rows, self.nn_m_), m)
            self.in_danger_indices_[label] = rows[danger]
            if not danger.any():
                skip_class(self, label, danger_reason(rows.size, noise, m))
                continue
            rng = streams[label]
            seeds = rng.integers(0, int(danger.sum()), size=n_new)
            if self.kind == "borderline-1":
                check_class_size(label, rows.size, k)
                X_class = X[rows]
                nearest = neighbors.among(X_class, np.flatnonzero(danger), self.nn_k_)
                plans.append(seeded_plan(rows[danger], nearest, seeds, rng, label, rows))
            else:
                check_enough_rows(X.shape[0], k, "k_neighbors")
                nearest = neighbors.among(X, rows[danger], self.nn_k_)
                everyone = np.arange(X.shape[0])
                plan = seeded_plan(rows[danger], nearest, seeds, rng, label, everyone)
                # Towards another class, stop before the middle of the segment.
                half = np.where(y[plan.neighbor] == label, 1.0, 0.5)
                plans.append(replace(plan, step=plan.step * half))
        return Plan.concat(plans, y.dtype)
