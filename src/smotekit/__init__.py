"""smotekit: SMOTE and its family for imbalanced classification.

Public names are loaded on first use, so ``import smotekit`` (and ``smotekit --help``)
stays fast: scikit-learn is imported only when a sampler is.
"""

from __future__ import annotations

import importlib

from ._version import __version__ as __version__

_PUBLIC = {
    "ADASYN": "smotekit.over_sampling",
    "AllKNN": "smotekit.under_sampling",
    "BorderlineSMOTE": "smotekit.over_sampling",
    "ClusterCentroids": "smotekit.under_sampling",
    "CondensedNearestNeighbour": "smotekit.under_sampling",
    "EditedNearestNeighbours": "smotekit.under_sampling",
    "FunctionSampler": "smotekit._function_sampler",
    "InstanceHardnessThreshold": "smotekit.under_sampling",
    "InvalidParameterError": "smotekit._validation",
    "KMeansSMOTE": "smotekit.over_sampling",
    "PolynomFitSMOTE": "smotekit.over_sampling",
    "ProWSyn": "smotekit.over_sampling",
    "LeeSMOTE": "smotekit.over_sampling",
    "SMOBD": "smotekit.over_sampling",
    "GSMOTE": "smotekit.over_sampling",
    "SMOTEIPF": "smotekit.over_sampling",
    "NearMiss": "smotekit.under_sampling",
    "NeighbourhoodCleaningRule": "smotekit.under_sampling",
    "OneSidedSelection": "smotekit.under_sampling",
    "RandomOverSampler": "smotekit.over_sampling",
    "RandomUnderSampler": "smotekit.under_sampling",
    "RepeatedEditedNearestNeighbours": "smotekit.under_sampling",
    "ResamplingWarning": "smotekit._base",
    "SMOTE": "smotekit.over_sampling",
    "SMOTEENN": "smotekit.combine",
    "SMOTEN": "smotekit.over_sampling",
    "SMOTENC": "smotekit.over_sampling",
    "SMOTETomek": "smotekit.combine",
    "SVMSMOTE": "smotekit.over_sampling",
    "TomekLinks": "smotekit.under_sampling",
    "CCR": "smotekit.over_sampling",
    "LVQSMOTE": "smotekit.over_sampling",
    "AssembledSMOTE": "smotekit.over_sampling",
    "SafeLevelSMOTE": "smotekit.over_sampling",
    "MWMOTE": "smotekit.over_sampling",
    "GeometricSMOTE": "smotekit.over_sampling",
    "evaluate": "smotekit.evaluation",
    "verdict": "smotekit.evaluation",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'smotekit' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
