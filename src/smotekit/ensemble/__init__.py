"""Ensembles that balance the data each member learns from.

The drop-ins for ``imblearn.ensemble``: :class:`BalancedRandomForestClassifier`,
:class:`BalancedBaggingClassifier`, :class:`EasyEnsembleClassifier` and
:class:`RUSBoostClassifier`. Members under-sample with smotekit's
:class:`~smotekit.RandomUnderSampler`; everything else is scikit-learn's.
"""

from ._bagging import BalancedBaggingClassifier, EasyEnsembleClassifier
from ._boost import RUSBoostClassifier
from ._forest import BalancedRandomForestClassifier

__all__ = [
    "BalancedBaggingClassifier",
    "BalancedRandomForestClassifier",
    "EasyEnsembleClassifier",
    "RUSBoostClassifier",
]
