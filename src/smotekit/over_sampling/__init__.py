"""Over-samplers: each one plans synthetic rows on the shared seam."""

from ._adasyn import ADASYN
from ._borderline import BorderlineSMOTE
from ._gsmote import GSMOTE
from ._kmeans import KMeansSMOTE
from ._lee import LeeSMOTE
from ._polynom_fit import PolynomFitSMOTE
from ._prowsyn import ProWSyn
from ._random_over import RandomOverSampler
from ._smobd import SMOBD
from ._smote import SMOTE
from ._smote_ipf import SMOTEIPF
from ._smoten import SMOTEN
from ._smotenc import SMOTENC
from ._svm import SVMSMOTE

__all__ = [
    "ADASYN",
    "GSMOTE",
    "SMOBD",
    "SMOTE",
    "SMOTEIPF",
    "SMOTEN",
    "SMOTENC",
    "SVMSMOTE",
    "BorderlineSMOTE",
    "KMeansSMOTE",
    "LeeSMOTE",
    "PolynomFitSMOTE",
    "ProWSyn",
    "RandomOverSampler",
]
