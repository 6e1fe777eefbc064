"""Instance hardness threshold (Smith, Martinez & Giraud-Carrier, 2014): keep the rows a
classifier finds easiest."""

from __future__ import annotations

import numbers

import numpy as np

from .._base import BaseUnderSampler
from .._validation import describe
from ._seeds import MAX_SEED, sklearn_random_state


def _is_classifier(model) -> bool:
    from sklearn.base import is_classifier

    try:
        return is_classifier(model)
    except AttributeError:  # not a scikit-learn estimator: no tags to read
        return False


class InstanceHardnessThreshold(BaseUnderSampler):
    """Instance Hardness Threshold (Smith et al., 2014): keep, in each class to shrink, the
    rows a cross-validated classifier gives the highest probability of their own class.

    ``estimator`` (by default a 100-tree random forest) predicts each row's class
    probabilities by ``cv``-fold stratified cross-validation; the rows with the lowest
    probability of their own class (the hardest) go. A drop-in for
    ``imblearn.under_sampling.InstanceHardnessThreshold`` (the same folds and, for a given
    int ``random_state``, the same probabilities): it keeps exactly the count
    ``sampling_strategy`` asks for, the first rows in X winning ties of probability
    (imbalanced-learn keeps every row tied at the threshold, so often more); kept rows stay
    in their input order; any class labels work.

    Parameters
    ----------
    estimator : classifier or None, default=None
        A classifier with ``predict_proba``; cloned, and its ``random_state`` parameters
        set from ``random_state`` (as imbalanced-learn does). None: a
        ``RandomForestClassifier(n_estimators=100)``.
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to shrink and to what size, as for
        :class:`~smotekit.RandomUnderSampler`.
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the folds and of the classifier.
    cv : int or cross-validation splitter, default=5
        Folds of the stratified cross-validation, or a splitter object (``split`` and
        ``get_n_splits``).
    n_jobs : None or int, default=None
        Jobs of the default forest and of the cross-validation.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{label: rows kept}`` for each class shrunk.
    sample_indices_ : ndarray
        Positions in X of the rows kept, in input order.
    estimator_ : classifier
        The classifier cross-validated (not fitted on all rows).
    hardness_ : ndarray
        Each row's instance hardness: 1 - its cross-validated probability of its own class.
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from smotekit import InstanceHardnessThreshold
    >>> X, y = make_classification(n_samples=500, weights=[0.8, 0.2], random_state=0)
    >>> iht = InstanceHardnessThreshold(estimator=LogisticRegression(), random_state=0)
    >>> X_res, y_res = iht.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 100), (1, 100)]
    """

    def __init__(
        self, *, estimator=None, sampling_strategy="auto", random_state=None, cv=5, n_jobs=None
    ):
        self.estimator = estimator
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.cv = cv
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        from sklearn.neighbors import KNeighborsClassifier
        from sklearn.tree import DecisionTreeClassifier

        return [
            {"estimator": KNeighborsClassifier(5)},
            {"estimator": DecisionTreeClassifier(max_depth=3), "cv": 3},
        ]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        from sklearn.linear_model import LinearRegression
        from sklearn.svm import SVC

        return [
            ({"cv": 1}, "cv must be an int >= 2 or a cross-validation splitter; got 1"),
            ({"estimator": SVC()}, r"estimator must be a classifier with predict_proba.*SVC\(\)"),
            ({"estimator": LinearRegression()}, "estimator must be a classifier"),
        ]

    def _check_params(self) -> None:
        cv = self.cv
        if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
            if cv < 2:
                raise ValueError(
                    f"cv must be an int >= 2 or a cross-validation splitter; got {cv}."
                )
        elif not (hasattr(cv, "split") and hasattr(cv, "get_n_splits")):
            raise ValueError(
                f"cv must be an int >= 2 or a cross-validation splitter; got {describe(cv)}."
            )
        model = self.estimator
        if model is not None and not (hasattr(model, "predict_proba") and _is_classifier(model)):
            raise ValueError(
                "estimator must be a classifier with predict_proba (for SVC, set "
                f"probability=True), or None; got {describe(model)}."
            )

    def _make_estimator(self, seed):
        from sklearn.base import clone
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.utils import check_random_state

        if self.estimator is None:
            return RandomForestClassifier(
                n_estimators=100, random_state=seed, n_jobs=self.n_jobs
            ), check_random_state(seed)
        model = clone(self.estimator)
        draws = check_random_state(seed)
        # Every random_state of the classifier (and of its parts) from the one seed, in the
        # order of their names, so the same seed gives the same classifier.
        names = sorted(
            name
            for name in model.get_params(deep=True)
            if name == "random_state" or name.endswith("__random_state")
        )
        model.set_params(**{name: int(draws.randint(MAX_SEED)) for name in names})
        return model, draws

    def _select(self, X, y, targets, streams) -> np.ndarray:
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        seed = sklearn_random_state(self.random_state, streams)
        self.estimator_, draws = self._make_estimator(seed)
        folds = self.cv
        if not hasattr(folds, "get_n_splits"):
            folds = StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=draws)
        probabilities = cross_val_predict(
            self.estimator_, X, y, cv=folds, n_jobs=self.n_jobs, method="predict_proba"
        )
        column = np.searchsorted(self.classes_, y)
        own = probabilities[np.arange(y.shape[0]), column]
        self.hardness_ = 1.0 - own
        keep = np.ones(y.shape[0], dtype=bool)
        for label, n_keep in targets.items():
            rows = np.flatnonzero(y == label)
            easiest = np.argsort(-own[rows], kind="stable")[:n_keep]
            keep[rows] = False
            keep[rows[easiest]] = True
        return np.flatnonzero(keep)
