"""Leak-free evaluation of samplers: cross-validation, paired comparison and the metric table.

``_metrics`` is the one table of metrics (name, scorer, direction, labels) that evaluation,
the report and the command line read; ``_classifiers`` the classifiers known by name;
``_inputs`` the checks of ``evaluate``'s inputs; ``_strategies`` what is compared (no
resampling, class weights, a tuned threshold, samplers, samplers with a tuned threshold);
``_cross_validate`` runs the folds and ``_summarize`` compares them with no resampling and
with the best alternative that does not resample; ``_verdict`` says in words what that
comparison found.
"""

from __future__ import annotations

from ._classifiers import CLASSIFIERS, classifier_names, make_classifier, resolve_classifiers
from ._cross_validate import (
    CrossValidation,
    FoldPrediction,
    FoldTask,
    cross_validate_samplers,
    evaluate,
    run_fold,
)
from ._inputs import NONE, check_features, resolve_samplers
from ._metrics import (
    CALIBRATION_METRICS,
    DEFAULT_SCORING,
    METRICS,
    RANKING_METRICS,
    Metric,
    metric_info,
    resolve_scoring,
)
from ._strategies import (
    BASELINES,
    CLASS_WEIGHT,
    DEFAULT_THRESHOLD_METRIC,
    RECALIBRATED_SUFFIX,
    THRESHOLD,
    Strategy,
    resolve_strategies,
    strategy_names,
)
from ._summarize import format_p, holm, summarize
from ._verdict import verdict, verdict_lines

__all__ = [
    "BASELINES",
    "CALIBRATION_METRICS",
    "CLASSIFIERS",
    "CLASS_WEIGHT",
    "DEFAULT_SCORING",
    "DEFAULT_THRESHOLD_METRIC",
    "METRICS",
    "NONE",
    "RANKING_METRICS",
    "RECALIBRATED_SUFFIX",
    "THRESHOLD",
    "CrossValidation",
    "FoldPrediction",
    "FoldTask",
    "Metric",
    "Strategy",
    "check_features",
    "classifier_names",
    "cross_validate_samplers",
    "evaluate",
    "format_p",
    "holm",
    "make_classifier",
    "metric_info",
    "resolve_classifiers",
    "resolve_samplers",
    "resolve_scoring",
    "resolve_strategies",
    "run_fold",
    "strategy_names",
    "summarize",
    "verdict",
    "verdict_lines",
]
