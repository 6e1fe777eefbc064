"""Over-samplers: each one plans synthetic rows on the shared seam."""

from ._adasyn import ADASYN
from ._assembled import AssembledSMOTE
from ._borderline import BorderlineSMOTE
from ._ccr import CCR
from ._geometric import GeometricSMOTE
from ._gsmote import GSMOTE
from ._kmeans import KMeansSMOTE
from ._lee import LeeSMOTE
from ._lvq import LVQSMOTE
from ._mwmote import MWMOTE
from ._polynom_fit import PolynomFitSMOTE
from ._prowsyn import ProWSyn
from ._random_over import RandomOverSampler
from ._safe_level import SafeLevelSMOTE
from ._smobd import SMOBD
from ._smote import SMOTE
from ._smote_ipf import SMOTEIPF
from ._smoten import SMOTEN
from ._smotenc import SMOTENC
from ._svm import SVMSMOTE

__all__ = [
    "ADASYN",
    "CCR",
    "GSMOTE",
    "LVQSMOTE",
    "MWMOTE",
    "SMOBD",
    "SMOTE",
    "SMOTEIPF",
    "SMOTEN",
    "SMOTENC",
    "SVMSMOTE",
    "AssembledSMOTE",
    "BorderlineSMOTE",
    "GeometricSMOTE",
    "KMeansSMOTE",
    "LeeSMOTE",
    "PolynomFitSMOTE",
    "ProWSyn",
    "RandomOverSampler",
    "SafeLevelSMOTE",
]
