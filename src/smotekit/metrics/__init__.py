"""Metrics for imbalanced classification, with imbalanced-learn's names and semantics.

Sensitivity, specificity, the geometric mean and the imbalanced classification report
(:mod:`._classification`); the index balanced accuracy (:mod:`._iba`); the macro-averaged
mean absolute error for ordinal classes (:mod:`._ordinal`); and, in
:mod:`smotekit.metrics.pairwise`, the value difference metric between categorical rows.
"""

from ._classification import (
    classification_report_imbalanced,
    geometric_mean_score,
    sensitivity_score,
    sensitivity_specificity_support,
    specificity_score,
)
from ._iba import make_index_balanced_accuracy
from ._ordinal import macro_averaged_mean_absolute_error

__all__ = [
    "classification_report_imbalanced",
    "geometric_mean_score",
    "macro_averaged_mean_absolute_error",
    "make_index_balanced_accuracy",
    "sensitivity_score",
    "sensitivity_specificity_support",
    "specificity_score",
]
