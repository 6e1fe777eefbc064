"""Over-samplers: each one plans synthetic rows on the shared seam."""

from ._adasyn import ADASYN
from ._assembled import AssembledSMOTE
from ._borderline import BorderlineSMOTE
from ._ccr import CCR
from ._geometric import GeometricSMOTE
from ._kmeans import KMeansSMOTE
from ._lvq import LVQSMOTE
from ._mwmote import MWMOTE
from ._random_over import RandomOverSampler
from ._safe_level import SafeLevelSMOTE
from ._smote import SMOTE
from ._smoten import SMOTEN
from ._smotenc import SMOTENC
from ._svm import SVMSMOTE

__all__ = [
    "ADASYN",
    "CCR",
    "LVQSMOTE",
    "MWMOTE",
    "SMOTE",
    "SMOTEN",
    "SMOTENC",
    "SVMSMOTE",
    "AssembledSMOTE",
    "BorderlineSMOTE",
    "GeometricSMOTE",
    "KMeansSMOTE",
    "RandomOverSampler",
    "SafeLevelSMOTE",
]
