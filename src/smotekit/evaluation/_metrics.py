"""The metric table: every metric smotekit computes itself, in one place.

Each :class:`Metric` holds its name, how it is scored, its direction and the words used for it
in tables and sentences. :func:`smotekit.evaluate` scores with it, the report and the command
line label their tables with it. The classification metrics score the minority class (or
``pos_label``) as the positive class; scikit-learn's scorers of the same names assume the
positive label is 1, so they are computed here. Any other scikit-learn scorer name is passed to
``sklearn.metrics.get_scorer``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Metric:
    """One metric: its name, scorer, direction and labels.

    ``score(y_true, y_pred, y_score, positive)`` returns a float. Ranking metrics read
    ``y_score``, the positive class's score (probability or decision value); probability
    metrics (``probability=True``) are given the positive class's predicted probability in
    its place. Both are NaN when the model has none (and ranking metrics when a fold lacks a
    class). ``target`` is what the metric should be: ``"high"``, ``"low"`` or ``"zero"``
    (a signed error, best at 0).
    """

    name: str
    score: Callable | None  # None: a scikit-learn scorer, called on the fitted model
    short: str  # column heading
    long: str  # words in a sentence
    higher_is_better: bool = True
    ranking: bool = False  # reads the scores, not the predicted labels
    default: bool = False  # in the default scoring of evaluate
    probability: bool = False  # reads the predicted probability of the positive class
    target: str = ""  # "high", "low" or "zero"; default from higher_is_better

    @property
    def kind(self) -> str:
        """``"ranking"``, ``"probability"`` (calibration) or ``"label"``."""
        return "ranking" if self.ranking else "probability" if self.probability else "label"

    @property
    def best(self) -> str:
        return self.target or ("high" if self.higher_is_better else "low")

    def gain(self, before: float, after: float) -> float:
        """How much better ``after`` is than ``before`` (positive: better) on this metric."""
        if self.best == "zero":
            return abs(before) - abs(after)
        return after - before if self.best == "high" else before - after


def _ranking(function_name: str):
    def score(y_true, y_pred, y_score, positive) -> float:
        from sklearn import metrics as skm

        truth = y_true == positive
        if y_score is None or truth.all() or not truth.any():
            return math.nan  # undefined without both classes in the fold, or without scores
        return float(getattr(skm, function_name)(truth, y_score))

    return score


def _positive_class(function_name: str, negative: bool = False):
    """A scikit-learn label metric of the positive class (of the rest, when ``negative``)."""

    def score(y_true, y_pred, y_score, positive) -> float:
        from sklearn import metrics as skm

        truth, guess = y_true == positive, y_pred == positive
        if negative:
            truth, guess = ~truth, ~guess
        return float(getattr(skm, function_name)(truth, guess, zero_division=0))

    return score


def _geometric_mean(y_true, y_pred, y_score, positive) -> float:
    from ..metrics import geometric_mean_score

    # Recalls of the classes present in the fold (a class predicted but absent from the fold
    # has no recall and is not a reason to score 0).
    return float(geometric_mean_score(y_true, y_pred, labels=np.unique(y_true)))


def _balanced_accuracy(y_true, y_pred, y_score, positive) -> float:
    from sklearn.metrics import balanced_accuracy_score

    return float(balanced_accuracy_score(y_true, y_pred))


def _probability(function):
    """A calibration metric of the positive class's predicted probability."""

    def score(y_true, y_pred, y_score, positive) -> float:
        if y_score is None:
            return math.nan  # the model gives no probabilities
        truth = (np.asarray(y_true) == positive).astype(float)
        proba = np.clip(np.asarray(y_score, dtype=float), 0.0, 1.0)
        return float(function(truth, proba))

    return score


def _brier(truth, proba) -> float:
    return np.mean((proba - truth) ** 2)


def _log_loss(truth, proba) -> float:
    eps = np.finfo(float).eps  # a probability of exactly 0 or 1 would cost infinity
    proba = np.clip(proba, eps, 1 - eps)
    return -np.mean(truth * np.log(proba) + (1 - truth) * np.log1p(-proba))


def _calibration_gap(truth, proba) -> float:
    return proba.mean() - truth.mean()


ECE_BINS = 10


def expected_calibration_error(truth, proba, n_bins: int = ECE_BINS) -> float:
    """Expected calibration error over ``n_bins`` equal-mass bins of the predicted
    probability: the row-weighted mean of |mean prediction - observed share| per bin.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit.evaluation._metrics import expected_calibration_error
    >>> truth = np.array([0, 0, 1, 1.0])
    >>> float(expected_calibration_error(truth, np.array([0.0, 0.0, 1.0, 1.0]), n_bins=2))
    0.0
    >>> float(expected_calibration_error(truth, np.array([0.5, 0.5, 0.5, 0.5]), n_bins=2))
    0.5
    """
    order = np.argsort(proba, kind="stable")
    bins = np.array_split(order, min(n_bins, len(order)))
    return sum(len(b) * abs(proba[b].mean() - truth[b].mean()) for b in bins if len(b)) / len(order)


_TABLE = (
    Metric("roc_auc", _ranking("roc_auc_score"), "ROC-AUC", "ROC-AUC", ranking=True, default=True),
    Metric(
        "average_precision",
        _ranking("average_precision_score"),
        "PR-AUC (AP)",
        "average precision (PR-AUC)",
        ranking=True,
        default=True,
    ),
    Metric("f1", _positive_class("f1_score"), "F1 (min.)", "minority F1", default=True),
    Metric(
        "recall", _positive_class("recall_score"), "recall (min.)", "minority recall", default=True
    ),
    Metric(
        "precision", _positive_class("precision_score"), "precision (min.)", "minority precision"
    ),
    Metric(
        "specificity",
        _positive_class("recall_score", negative=True),
        "specificity",
        "majority recall (specificity)",
    ),
    Metric("geometric_mean", _geometric_mean, "G-mean", "G-mean", default=True),
    Metric(
        "balanced_accuracy",
        _balanced_accuracy,
        "bal. accuracy",
        "balanced accuracy",
        default=True,
    ),
    Metric(
        "brier",
        _probability(_brier),
        "Brier",
        "Brier score",
        higher_is_better=False,
        probability=True,
        default=True,
    ),
    Metric(
        "log_loss",
        _probability(_log_loss),
        "log loss",
        "log loss",
        higher_is_better=False,
        probability=True,
    ),
    Metric(
        "calibration_gap",
        _probability(_calibration_gap),
        "calib. gap",
        "calibration gap (mean predicted minority probability minus observed share)",
        higher_is_better=False,
        probability=True,
        default=True,
        target="zero",
    ),
    Metric(
        "ece",
        _probability(expected_calibration_error),
        "ECE",
        "expected calibration error (10 equal-mass bins)",
        higher_is_better=False,
        probability=True,
    ),
)

METRICS: dict[str, Metric] = {m.name: m for m in _TABLE}
"""smotekit's own metrics by name, in the order of the tables."""

DEFAULT_SCORING: tuple[str, ...] = tuple(m.name for m in _TABLE if m.default)
RANKING_METRICS: tuple[str, ...] = tuple(m.name for m in _TABLE if m.ranking)
CALIBRATION_METRICS: tuple[str, ...] = tuple(m.name for m in _TABLE if m.probability)


def metric_info(name: str) -> Metric:
    """The table's entry for ``name``; a scikit-learn scorer name gets a plain entry.

    Examples
    --------
    >>> from smotekit.evaluation import metric_info
    >>> metric_info("average_precision").short, metric_info("accuracy").short
    ('PR-AUC (AP)', 'accuracy')
    """
    found = METRICS.get(name)
    if found is not None:
        return found
    # scikit-learn's error and loss scorers are negated, so higher is better for every one
    return Metric(name, None, name, name)


def resolve_scoring(scoring) -> tuple[str, ...]:
    """The metric names of ``scoring`` (default :data:`DEFAULT_SCORING`), checked."""
    from sklearn.metrics import get_scorer_names

    if scoring is None:
        return DEFAULT_SCORING
    names = (scoring,) if isinstance(scoring, str) else tuple(scoring)
    if not names:
        raise ValueError("scoring is empty; name at least one metric.")
    known = set(get_scorer_names())
    for name in names:
        if not isinstance(name, str) or (name not in METRICS and name not in known):
            raise ValueError(
                f"unknown metric {name!r} in scoring; use {', '.join(METRICS)} or a "
                "scikit-learn scorer name (sklearn.metrics.get_scorer_names())."
            )
    if len(set(names)) != len(names):
        raise ValueError(f"scoring names a metric twice: {list(names)}.")
    return names


def score(name, y_true, y_pred, y_score, positive, model, X_test, y_proba=None) -> float:
    """The value of metric ``name`` on one test fold (``y_proba``: the positive class's
    predicted probability, read by the calibration metrics)."""
    entry = METRICS.get(name)
    if entry is not None:
        return entry.score(y_true, y_pred, y_proba if entry.probability else y_score, positive)
    from sklearn.metrics import get_scorer

    return float(get_scorer(name)(model, X_test, y_true))
