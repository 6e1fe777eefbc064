"""RUSBoost: AdaBoost (SAMME) whose every round learns from a randomly under-sampled sample.

scikit-learn's ``AdaBoostClassifier`` offers no public hook to resample between rounds, so
the SAMME rounds are written here (Zhu et al. 2009, "Multi-class AdaBoost"): each round
under-samples, fits a weak learner on the kept rows with their boosting weights, and
re-weights *all* rows by the learner's errors on them.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from scipy.special import softmax
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, column_or_1d, has_fit_parameter, validate_data

from .._validation import describe
from ..pipeline import Pipeline
from ..under_sampling import RandomUnderSampler
from ._common import check_bool, check_n_estimators, check_two_classes, member_seeds

_SPARSE = ["csr", "csc"]


class RUSBoostClassifier(ClassifierMixin, BaseEstimator):
    """AdaBoost (SAMME) with random under-sampling before every boosting round.

    Seiffert et al. (2010): round ``m`` under-samples the rows with
    :class:`~smotekit.RandomUnderSampler`, fits a clone of ``estimator`` on the kept rows
    weighted by their current boosting weights, then updates the weights of all rows from
    that learner's mistakes, as SAMME does. Predictions are the learners' weighted votes,
    as scikit-learn's ``AdaBoostClassifier`` gives them. A drop-in for
    ``imblearn.ensemble.RUSBoostClassifier``.

    Parameters
    ----------
    estimator : estimator, default=None
        Weak learner; it must accept ``sample_weight``. None means
        ``DecisionTreeClassifier(max_depth=1)``.
    n_estimators : int, default=50
        Most boosting rounds (fewer when a learner is perfect or weights collapse).
    learning_rate : float, default=1.0
        Shrinks each learner's weight.
    algorithm : "deprecated", default="deprecated"
        Kept for imbalanced-learn compatibility; SAMME is always used (``"SAMME"`` is accepted
        with a FutureWarning).
    sampling_strategy : float, str, dict or callable, default="auto"
        Each round's under-sampling (see :class:`~smotekit.RandomUnderSampler`).
    replacement : bool, default=False
        Under-sample with replacement.
    random_state : int, RandomState or None, default=None
        Seeds every round's sampler and learner.

    Attributes
    ----------
    estimator_ : estimator
        The unfitted learner template.
    base_sampler_ : RandomUnderSampler
        The unfitted sampler template.
    estimators_ : list of estimators
        The fitted learners.
    samplers_ : list of RandomUnderSampler
        Each round's fitted sampler (``sample_indices_``: the rows its learner saw).
    pipelines_ : list of Pipeline
        ``Pipeline([sampler, learner])`` per round.
    estimator_weights_ : ndarray of shape (n_estimators,)
        Vote weight of each learner (0 for rounds not run).
    estimator_errors_ : ndarray of shape (n_estimators,)
        Weighted training error of each learner on all rows (1 for rounds not run).
    classes_, n_classes_ : ndarray, int
        The class labels.
    feature_importances_ : ndarray
        Learners' importances averaged with their vote weights.
    n_features_in_, feature_names_in_
        Columns seen in ``fit``.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit.ensemble import RUSBoostClassifier
    >>> X, y = make_classification(n_samples=300, weights=[0.9, 0.1], random_state=0)
    >>> model = RUSBoostClassifier(n_estimators=10, random_state=0).fit(X, y)
    >>> sorted(Counter(y[model.samplers_[0].sample_indices_].tolist()).values())
    [32, 32]
    >>> model.predict_proba(X[:2]).shape
    (2, 2)
    """

    def __init__(
        self,
        estimator=None,
        *,
        n_estimators=50,
        learning_rate=1.0,
        algorithm="deprecated",
        sampling_strategy="auto",
        replacement=False,
        random_state=None,
    ):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.algorithm = algorithm
        self.sampling_strategy = sampling_strategy
        self.replacement = replacement
        self.random_state = random_state

    def _check_params(self) -> None:
        check_n_estimators(self.n_estimators)
        check_bool("replacement", self.replacement)
        rate = self.learning_rate
        if isinstance(rate, bool) or not isinstance(rate, numbers.Real) or not rate > 0:
            raise ValueError(f"learning_rate must be a float > 0; got {describe(rate)}.")
        if self.algorithm == "SAMME":
            warnings.warn(
                "algorithm is deprecated in imbalanced-learn and ignored here: SAMME is always "
                "used. Leave it at its default.",
                FutureWarning,
                stacklevel=3,
            )
        elif self.algorithm != "deprecated":
            raise ValueError(
                f"algorithm must be 'deprecated' (SAMME is always used); got "
                f"{describe(self.algorithm)}."
            )

    def fit(self, X, y, sample_weight=None):
        """Boost on ``X, y``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels.
        sample_weight : array-like of shape (n_samples,), default=None
            Initial row weights (uniform when None).

        Returns
        -------
        self
        """
        self._check_params()
        X, y = validate_data(
            self, X, y, accept_sparse=_SPARSE, dtype=None, ensure_2d=True, y_numeric=False
        )
        y = column_or_1d(y)
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        check_two_classes(self.classes_)
        self.n_classes_ = self.classes_.size
        weight = self._initial_weights(sample_weight, y.size)
        self.estimator_ = (
            clone(self.estimator)
            if self.estimator is not None
            else DecisionTreeClassifier(max_depth=1)
        )
        if not has_fit_parameter(self.estimator_, "sample_weight"):
            raise ValueError(
                f"estimator {type(self.estimator_).__name__} does not take sample_weight in "
                "fit; boosting needs it."
            )
        self.base_sampler_ = RandomUnderSampler(
            sampling_strategy=self.sampling_strategy, replacement=self.replacement
        )
        self.estimators_, self.samplers_ = [], []
        self.estimator_weights_ = np.zeros(self.n_estimators)
        self.estimator_errors_ = np.ones(self.n_estimators)
        for round_, seed in enumerate(member_seeds(self.random_state, 0, self.n_estimators)):
            weight, vote, error = self._boost(round_, X, y, weight, int(seed))
            if weight is None:
                break
            self.estimator_weights_[round_] = vote
            self.estimator_errors_[round_] = error
            if error == 0:
                break
            total = weight.sum()
            if not np.isfinite(total):
                warnings.warn(
                    f"Sample weights overflowed at round {round_}; boosting stops there "
                    f"({round_ + 1} learners). Use a smaller learning_rate.",
                    UserWarning,
                    stacklevel=2,
                )
                break
            if total <= 0:
                break
            weight = weight / total
        self.pipelines_ = [
            Pipeline([("randomundersampler", s), ("classifier", e)])
            for s, e in zip(self.samplers_, self.estimators_, strict=True)
        ]
        return self

    @staticmethod
    def _initial_weights(sample_weight, n_rows: int) -> np.ndarray:
        if sample_weight is None:
            return np.full(n_rows, 1.0 / n_rows)
        weight = np.asarray(sample_weight, dtype=np.float64).reshape(-1)
        if weight.shape[0] != n_rows:
            raise ValueError(f"sample_weight has {weight.shape[0]} values; X has {n_rows} rows.")
        if (weight < 0).any() or not np.isfinite(weight).all():
            raise ValueError("sample_weight must be finite and non-negative.")
        if weight.sum() <= 0:
            raise ValueError(
                "sample_weight values are all zero; at least one row needs a positive weight."
            )
        return weight / weight.sum()

    def _boost(self, round_: int, X, y, weight, seed: int):
        """One SAMME round: returns the new weights, the learner's vote and its error."""
        sampler = clone(self.base_sampler_).set_params(random_state=seed)
        X_kept, y_kept = sampler.fit_resample(X, y)
        learner = clone(self.estimator_)
        if "random_state" in learner.get_params():
            learner.set_params(random_state=seed)
        learner.fit(X_kept, y_kept, sample_weight=weight[sampler.sample_indices_])
        self.samplers_.append(sampler)
        self.estimators_.append(learner)

        wrong = learner.predict(X) != y
        error = float(np.average(wrong, weights=weight))
        if error <= 0:
            return weight, 1.0, 0.0
        k = self.n_classes_
        if error >= 1.0 - 1.0 / k:
            # No better than chance: this learner would get a non-positive vote.
            self.samplers_.pop()
            self.estimators_.pop()
            if not self.estimators_:
                raise ValueError(
                    "The first learner of RUSBoostClassifier is no better than chance "
                    f"(weighted error {error:.3f} >= {1 - 1 / k:.3f}); the ensemble cannot be "
                    "fitted. Use a stronger estimator."
                )
            return None, None, None
        vote = self.learning_rate * (np.log((1.0 - error) / error) + np.log(k - 1.0))
        if round_ < self.n_estimators - 1:
            # Misclassified rows gain weight; rows of weight 0 stay at 0.
            weight = np.where(weight > 0, weight * np.exp(vote * wrong), 0.0)
        return weight, vote, error

    def _checked(self, X):
        check_is_fitted(self)
        return validate_data(self, X, accept_sparse=_SPARSE, dtype=None, reset=False)

    def _votes(self, X):
        """Each learner's SAMME votes: ``w`` for its class, ``-w / (K - 1)`` for the others."""
        against = -1.0 / (self.n_classes_ - 1)
        for learner, vote in zip(self.estimators_, self.estimator_weights_, strict=False):
            chosen = (learner.predict(X) == self.classes_[:, None]).T
            yield np.where(chosen, vote, against * vote)

    def _to_decision(self, summed: np.ndarray, norm: float) -> np.ndarray:
        summed = summed / norm
        if self.n_classes_ == 2:
            return summed[:, 1] - summed[:, 0]
        return summed

    def decision_function(self, X):
        """Weighted votes per class (binary: one score, > 0 for ``classes_[1]``)."""
        X = self._checked(X)
        norm = self.estimator_weights_.sum()
        return self._to_decision(sum(self._votes(X)), norm)

    def staged_decision_function(self, X):
        """:meth:`decision_function` after each round."""
        X = self._checked(X)
        summed, norm = None, 0.0
        for votes, weight in zip(self._votes(X), self.estimator_weights_, strict=False):
            summed = votes if summed is None else summed + votes
            norm += weight
            yield self._to_decision(summed, norm)

    def _proba(self, decision: np.ndarray) -> np.ndarray:
        if self.n_classes_ == 2:
            decision = np.column_stack([-decision, decision]) / 2
        else:
            decision = decision / (self.n_classes_ - 1)
        return softmax(decision, axis=1)

    def _label(self, decision: np.ndarray) -> np.ndarray:
        if self.n_classes_ == 2:
            return self.classes_.take((decision > 0).astype(np.intp))
        return self.classes_.take(np.argmax(decision, axis=1))

    def predict(self, X):
        """The class with the largest weighted vote."""
        return self._label(self.decision_function(X))

    def staged_predict(self, X):
        """:meth:`predict` after each round."""
        for decision in self.staged_decision_function(X):
            yield self._label(decision)

    def predict_proba(self, X):
        """Class probabilities: the softmax of the votes, as scikit-learn's SAMME gives them."""
        return self._proba(self.decision_function(X))

    def staged_predict_proba(self, X):
        """:meth:`predict_proba` after each round."""
        for decision in self.staged_decision_function(X):
            yield self._proba(decision)

    def predict_log_proba(self, X):
        """Log of :meth:`predict_proba`."""
        return np.log(self.predict_proba(X))

    def staged_score(self, X, y, sample_weight=None):
        """Accuracy after each round."""
        from sklearn.metrics import accuracy_score

        for predicted in self.staged_predict(X):
            yield accuracy_score(y, predicted, sample_weight=sample_weight)

    @property
    def feature_importances_(self) -> np.ndarray:
        """Learners' ``feature_importances_`` averaged with their vote weights."""
        check_is_fitted(self)
        norm = self.estimator_weights_.sum()
        return (
            sum(
                w * learner.feature_importances_
                for learner, w in zip(self.estimators_, self.estimator_weights_, strict=False)
            )
            / norm
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags
