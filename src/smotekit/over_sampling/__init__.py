"""Over-samplers: each one plans synthetic rows on the shared seam."""

from ._smote import SMOTE

__all__ = ["SMOTE"]
