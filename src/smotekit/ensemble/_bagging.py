"""Bagging of (under-sampler -> classifier) pipelines: BalancedBagging and EasyEnsemble.

Each member is a smotekit :class:`~smotekit.pipeline.Pipeline` of a sampler and a clone of
the classifier, bagged by scikit-learn's public :class:`~sklearn.ensemble.BaggingClassifier`.
The sampler acts on the member's bootstrap sample while fitting and is skipped when
predicting, so every member learns from balanced data and predicts on all rows.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import AdaBoostClassifier, BaggingClassifier
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils import get_tags
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from ..pipeline import Pipeline
from ..under_sampling import RandomUnderSampler
from ._common import check_bool, check_n_estimators, check_two_classes, encoded_strategy

_SPARSE = ["csr", "csc"]


def _members_have(method: str):
    def check(self) -> bool:
        getattr(self._template(), method)
        return True

    return check


class _BaggedPipelines(ClassifierMixin, BaseEstimator, metaclass=ABCMeta):
    """Bagging of sampler -> classifier pipelines; subclasses say which sampler and bagging."""

    def _default_estimator(self):
        return DecisionTreeClassifier()

    def _make_sampler(self):
        return RandomUnderSampler(replacement=self.replacement)

    @abstractmethod
    def _bagging_params(self) -> dict:
        """The ``BaggingClassifier`` parameters of the subclass."""

    def fit(self, X, y):
        """Build the ensemble from the training set ``X, y``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        self
        """
        check_n_estimators(self.n_estimators)
        check_bool("warm_start", self.warm_start)
        X, y = validate_data(
            self, X, y, accept_sparse=_SPARSE, dtype=self._dtype(), ensure_all_finite=False
        )
        check_classification_targets(y)
        classes = np.unique(y)
        check_two_classes(classes)
        sampler = self._make_sampler()
        if getattr(sampler, "_sampling_type", None) != "bypass":
            strategy = encoded_strategy(self.sampling_strategy, classes)
            sampler.set_params(sampling_strategy=strategy)
        estimator = clone(self.estimator) if self.estimator is not None else None
        estimator = estimator if estimator is not None else self._default_estimator()
        pipeline = Pipeline([("sampler", sampler), ("classifier", estimator)])
        params = {
            **self._bagging_params(),
            "estimator": pipeline,
            "n_estimators": self.n_estimators,
            "warm_start": self.warm_start,
            "n_jobs": self.n_jobs,
            "random_state": self.random_state,
            "verbose": self.verbose,
        }
        previous = getattr(self, "_bagging", None)
        if self.warm_start and previous is not None:
            if not np.array_equal(previous.classes_, classes):
                raise ValueError(
                    "warm_start=True needs the same classes as the previous fit; got "
                    f"{classes.tolist()}, before {previous.classes_.tolist()}."
                )
            bagging = previous.set_params(**params)
        else:
            bagging = BaggingClassifier(**params)
        bagging.fit(X, y)
        self._bagging = bagging
        self.sampler_ = sampler
        self.estimator_ = bagging.estimator_
        self.estimators_ = bagging.estimators_
        self.estimators_features_ = bagging.estimators_features_
        self.classes_ = bagging.classes_
        self.n_classes_ = bagging.n_classes_
        for name in ("oob_score_", "oob_decision_function_"):
            if hasattr(bagging, name):
                setattr(self, name, getattr(bagging, name))
            elif hasattr(self, name):
                delattr(self, name)
        return self

    @property
    def estimators_samples_(self):
        """Rows (positions in X) drawn for each member before its sampler ran."""
        check_is_fitted(self)
        return self._bagging.estimators_samples_

    def _template(self):
        return self.estimator if self.estimator is not None else self._default_estimator()

    def _dtype(self):
        # Text columns reach the members only when their classifier takes text; otherwise
        # they fail here, not in whichever member happens to draw them.
        return None if get_tags(self._template()).input_tags.string else "numeric"

    def _checked(self, X):
        check_is_fitted(self)
        return validate_data(
            self,
            X,
            accept_sparse=_SPARSE,
            dtype=self._dtype(),
            ensure_all_finite=False,
            reset=False,
        )

    def predict(self, X):
        """Class with the highest mean probability over the members (or most votes)."""
        X = self._checked(X)
        return self._bagging.predict(X)

    def predict_proba(self, X):
        """Members' class probabilities (or vote shares), averaged."""
        X = self._checked(X)
        return self._bagging.predict_proba(X)

    def predict_log_proba(self, X):
        """Log of :meth:`predict_proba`."""
        X = self._checked(X)
        return self._bagging.predict_log_proba(X)

    @available_if(_members_have("decision_function"))
    def decision_function(self, X):
        """Members' decision functions, averaged."""
        X = self._checked(X)
        return self._bagging.decision_function(X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = get_tags(self._template()).input_tags
        tags.input_tags.sparse = inner.sparse
        tags.input_tags.allow_nan = inner.allow_nan
        return tags


class BalancedBaggingClassifier(_BaggedPipelines):
    """Bagging classifier whose members each learn from a re-balanced bootstrap sample.

    Each member is ``Pipeline([("sampler", sampler), ("classifier", estimator)])``: the
    bootstrap sample drawn by bagging is under-sampled (by default with
    :class:`~smotekit.RandomUnderSampler`) before the classifier is fitted. Prediction
    averages the members' probabilities, as scikit-learn's ``BaggingClassifier`` does. A
    drop-in for ``imblearn.ensemble.BalancedBaggingClassifier`` (Hido et al. 2009,
    "Roughly balanced bagging").

    Parameters
    ----------
    estimator : estimator, default=None
        Classifier fitted in each member; None means ``DecisionTreeClassifier()``.
    n_estimators : int, default=10
        Number of members.
    max_samples : int or float, default=1.0
        Rows drawn for each member (a float: that share of the rows).
    max_features : int or float, default=1.0
        Columns drawn for each member.
    bootstrap : bool, default=True
        Draw rows with replacement.
    bootstrap_features : bool, default=False
        Draw columns with replacement.
    oob_score : bool, default=False
        Estimate accuracy on the rows each member did not draw.
    warm_start : bool, default=False
        Keep the members of the previous fit and add members up to ``n_estimators``.
    sampling_strategy : float, str, dict or callable, default="auto"
        The default sampler's ``sampling_strategy`` (see
        :class:`~smotekit.RandomUnderSampler`); a dict is keyed by class label. Also set on a
        given ``sampler`` unless its ``_sampling_type`` is ``"bypass"``.
    replacement : bool, default=False
        The default sampler draws with replacement.
    n_jobs : int, default=None
        Members fitted in parallel (joblib).
    random_state : int, RandomState or None, default=None
        Seeds the rows drawn, the samplers and the classifiers.
    verbose : int, default=0
        joblib's verbosity.
    sampler : sampler, default=None
        Sampler run on each bootstrap sample; None means a ``RandomUnderSampler``.

    Attributes
    ----------
    estimator_ : Pipeline
        The (unfitted) member template: sampler then classifier.
    estimators_ : list of Pipeline
        The fitted members.
    sampler_ : sampler
        The sampler template.
    estimators_samples_ : list of ndarray
        Rows drawn for each member (before under-sampling).
    estimators_features_ : list of ndarray
        Columns drawn for each member.
    classes_, n_classes_ : ndarray, int
        The class labels.
    oob_score_, oob_decision_function_ : float, ndarray
        Out-of-bag accuracy and probabilities (with ``oob_score=True``).
    n_features_in_, feature_names_in_
        Columns seen in ``fit``.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smotekit.ensemble import BalancedBaggingClassifier
    >>> X, y = make_classification(n_samples=300, weights=[0.9, 0.1], random_state=0)
    >>> model = BalancedBaggingClassifier(n_estimators=5, random_state=0).fit(X, y)
    >>> [sorted(set(m[-1].classes_.tolist())) for m in model.estimators_][:2]
    [[0, 1], [0, 1]]
    >>> model.predict(X[:3]).shape
    (3,)
    """

    def __init__(
        self,
        estimator=None,
        n_estimators=10,
        *,
        max_samples=1.0,
        max_features=1.0,
        bootstrap=True,
        bootstrap_features=False,
        oob_score=False,
        warm_start=False,
        sampling_strategy="auto",
        replacement=False,
        n_jobs=None,
        random_state=None,
        verbose=0,
        sampler=None,
    ):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.bootstrap_features = bootstrap_features
        self.oob_score = oob_score
        self.warm_start = warm_start
        self.sampling_strategy = sampling_strategy
        self.replacement = replacement
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.verbose = verbose
        self.sampler = sampler

    def _make_sampler(self):
        if self.sampler is None:
            return RandomUnderSampler(replacement=self.replacement)
        if not hasattr(self.sampler, "fit_resample"):
            raise ValueError(
                f"sampler must have a fit_resample method (a smotekit or imbalanced-learn "
                f"sampler); got {self.sampler!r}."
            )
        return clone(self.sampler)

    def _bagging_params(self) -> dict:
        return {
            "max_samples": self.max_samples,
            "max_features": self.max_features,
            "bootstrap": self.bootstrap,
            "bootstrap_features": self.bootstrap_features,
            "oob_score": self.oob_score,
        }


class EasyEnsembleClassifier(_BaggedPipelines):
    """Bag of AdaBoost classifiers, each trained on a random balanced subset of all rows.

    EasyEnsemble (Liu, Wu and Zhou 2009): every member under-samples the whole training set
    with :class:`~smotekit.RandomUnderSampler` (no bootstrap) and fits a clone of
    ``estimator`` (AdaBoost by default) on it; prediction averages the members'
    probabilities. A drop-in for ``imblearn.ensemble.EasyEnsembleClassifier``.

    Parameters
    ----------
    n_estimators : int, default=10
        Number of members.
    estimator : estimator, default=None
        Classifier of each member; None means ``AdaBoostClassifier()``.
    warm_start : bool, default=False
        Keep the members of the previous fit and add members up to ``n_estimators``.
    sampling_strategy : float, str, dict or callable, default="auto"
        Each member's under-sampling (see :class:`~smotekit.RandomUnderSampler`).
    replacement : bool, default=False
        Under-sample with replacement.
    n_jobs : int, default=None
        Members fitted in parallel (joblib).
    random_state : int, RandomState or None, default=None
        Seeds the samplers and the classifiers.
    verbose : int, default=0
        joblib's verbosity.

    Attributes
    ----------
    estimator_ : Pipeline
        The (unfitted) member template: sampler then classifier.
    estimators_ : list of Pipeline
        The fitted members.
    estimators_samples_, estimators_features_ : list of ndarray
        Rows and columns given to each member (all of them: the sampler then picks rows).
    classes_, n_classes_ : ndarray, int
        The class labels.
    n_features_in_, feature_names_in_
        Columns seen in ``fit``.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit.ensemble import EasyEnsembleClassifier
    >>> X, y = make_classification(n_samples=300, weights=[0.9, 0.1], random_state=0)
    >>> model = EasyEnsembleClassifier(n_estimators=3, random_state=0).fit(X, y)
    >>> rows = model.estimators_samples_[0][model.estimators_[0][0].sample_indices_]
    >>> sorted(Counter(y[rows].tolist()).values())
    [32, 32]
    """

    def __init__(
        self,
        n_estimators=10,
        estimator=None,
        *,
        warm_start=False,
        sampling_strategy="auto",
        replacement=False,
        n_jobs=None,
        random_state=None,
        verbose=0,
    ):
        self.n_estimators = n_estimators
        self.estimator = estimator
        self.warm_start = warm_start
        self.sampling_strategy = sampling_strategy
        self.replacement = replacement
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.verbose = verbose

    def _default_estimator(self):
        return AdaBoostClassifier()

    def _bagging_params(self) -> dict:
        return {
            "max_samples": 1.0,
            "max_features": 1.0,
            "bootstrap": False,
            "bootstrap_features": False,
            "oob_score": False,
        }
