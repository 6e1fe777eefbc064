"""Under-samplers and cleaners: each one picks rows of the input on the shared seam."""

from ._edited import EditedNearestNeighbours
from ._random_under import RandomUnderSampler
from ._tomek import TomekLinks

__all__ = ["EditedNearestNeighbours", "RandomUnderSampler", "TomekLinks"]
