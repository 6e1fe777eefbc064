"""SVM-SMOTE: over-sample around the support vectors of an SVM."""

from __future__ import annotations

import numbers

import numpy as np

from .. import _random, neighbors
from .._base import BaseOverSampler
from .._plan import Plan
from .._validation import check_enough_rows, describe
from ._borderline import danger_split
from ._common import classes_to_grow, other_class_counts, seeded_plan, skip_class


class SVMSMOTE(BaseOverSampler):
    """SVM-SMOTE (Nguyen, Cooper and Kamei, 2011): seeds are the class's support vectors.

    An SVM is fitted on all rows; the class's support vectors whose ``m_neighbors`` nearest
    rows all belong to other classes are noise and dropped. A synthetic row starts from a
    remaining support vector drawn uniformly and one of its ``k_neighbors`` nearest rows of
    the same class: a support vector *in danger* (at least half of its neighbours of other
    classes) *interpolates* towards it (step ``t ~ U(0, 1)``); a safe one *extrapolates*
    away from it (step ``-out_step * U(0, 1)``), widening the class's region.

    A drop-in for ``imblearn.over_sampling.SVMSMOTE``. Every support vector is equally
    likely to seed a row (the paper's rule; imbalanced-learn splits the rows between the two
    kinds at a random fraction). When a class has no usable support vector it gets no rows,
    with a :class:`~smotekit.ResamplingWarning` and the reason in ``skipped_classes_``.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to over-sample and to what size, as for :class:`~smotekit.SMOTE`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the random streams and of the default SVM.
    k_neighbors : int or estimator, default=5
        Same-class neighbours to interpolate towards or extrapolate from.
    m_neighbors : int or estimator, default=10
        Neighbours (of any class) that decide whether a support vector is noise, in
        danger or safe.
    svm_estimator : estimator, default=None
        A classifier with ``fit`` and ``support_`` after fitting; by default
        ``sklearn.svm.SVC(gamma="scale")``. Cloned, never modified.
    out_step : float, default=0.5
        Largest step of an extrapolation, as a fraction of the distance to the neighbour.

    Attributes
    ----------
    svm_estimator_ : estimator
        The fitted SVM.
    nn_m_, nn_k_ : estimator
        The neighbour searches (fitted on the last class).
    skipped_classes_ : dict
        ``{label: reason}`` for each class that got no rows.
    sampling_strategy_, synthetic_parents_, synthetic_steps_, classes_, n_features_in_, \
feature_names_in_
        As for :class:`~smotekit.SMOTE`; a negative step is an extrapolation.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import SVMSMOTE
    >>> X, y = make_classification(n_samples=500, weights=[0.9, 0.1], random_state=0)
    >>> sampler = SVMSMOTE(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 449), (1, 449)]
    >>> set(sampler.synthetic_parents_[:, 0]) <= set(sampler.svm_estimator_.support_)
    True
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        m_neighbors=10,
        svm_estimator=None,
        out_step=0.5,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.m_neighbors = m_neighbors
        self.svm_estimator = svm_estimator
        self.out_step = out_step

    @classmethod
    def _test_params(cls) -> list[dict]:
        return [{}, {"m_neighbors": 6, "k_neighbors": 3, "out_step": 0.2}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [
            ({"out_step": -0.5}, "out_step must be a float >= 0"),
            ({"svm_estimator": "SVC"}, "svm_estimator must be None or a classifier"),
        ]

    def _check_params(self) -> None:
        neighbors.make_estimator(self.k_neighbors)
        neighbors.make_estimator(self.m_neighbors, "m_neighbors")
        step = self.out_step
        if isinstance(step, bool) or not isinstance(step, numbers.Real) or not step >= 0:
            raise ValueError(f"out_step must be a float >= 0; got {describe(step)}.")
        if self.svm_estimator is not None and not hasattr(self.svm_estimator, "fit"):
            raise ValueError(
                "svm_estimator must be None or a classifier with fit and, once fitted, "
                f"support_ (such as sklearn.svm.SVC); got {describe(self.svm_estimator)}."
            )

    def _svm(self, streams):
        from sklearn.base import clone
        from sklearn.svm import SVC

        if self.svm_estimator is not None:
            return clone(self.svm_estimator)
        seed = int(_random.shared_generator(streams).integers(2**31 - 1))
        return SVC(gamma="scale", random_state=seed)

    def _plan(self, X, y, targets, streams) -> Plan:
        self.nn_m_ = neighbors.make_estimator(self.m_neighbors, "m_neighbors")
        self.nn_k_ = neighbors.make_estimator(self.k_neighbors)
        m = neighbors.n_neighbors_of(self.nn_m_)
        k = neighbors.n_neighbors_of(self.nn_k_)
        self.skipped_classes_ = {}
        plans = []
        if any(targets.values()):
            check_enough_rows(X.shape[0], m, "m_neighbors")
            self.svm_estimator_ = self._svm(streams).fit(X, y)
            if not hasattr(self.svm_estimator_, "support_"):
                # imbalanced-learn raises RuntimeError here too.
                raise RuntimeError(
                    "svm_estimator must be a support vector machine: once fitted it must "
                    "have support_ (the row positions of its support vectors), such as "
                    f"sklearn.svm.SVC; {type(self.svm_estimator_).__name__} has none."
                )
            support = np.asarray(self.svm_estimator_.support_)
        for label, n_new, rows in classes_to_grow(y, targets, k):
            vectors = np.sort(support[y[support] == label])
            danger, noise = danger_split(other_class_counts(X, y, vectors, self.nn_m_), m)
            if not (~noise).any():
                reason = (
                    f"the SVM has {vectors.size} support vectors in it, and every one is noise "
                    f"(all its m_neighbors={m} nearest rows are of other classes)"
                    if vectors.size
                    else "the SVM has no support vector in it"
                )
                skip_class(self, label, reason + "; use SMOTE or another svm_estimator.")
                continue
            seeds_local = np.searchsorted(rows, vectors[~noise])
            nearest = neighbors.among(X[rows], seeds_local, self.nn_k_)
            rng = streams[label]
            seeds = rng.integers(0, seeds_local.size, size=n_new)
            plan = seeded_plan(vectors[~noise], nearest, seeds, rng, label, rows)
            # Safe support vectors extrapolate away from the neighbour, up to out_step.
            step = np.where(danger[~noise][seeds], plan.step, -self.out_step * plan.step)
            plans.append(Plan(plan.base, plan.neighbor, step, plan.label))
        return Plan.concat(plans, y.dtype)
