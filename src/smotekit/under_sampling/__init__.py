"""Under-samplers and cleaners: each one picks rows of the input on the shared seam
(ClusterCentroids may instead put cluster centres in place of a class's rows)."""

from ._cleaning_rule import NeighbourhoodCleaningRule
from ._cluster_centroids import ClusterCentroids
from ._condensed import CondensedNearestNeighbour, OneSidedSelection
from ._edited import EditedNearestNeighbours
from ._instance_hardness import InstanceHardnessThreshold
from ._nearmiss import NearMiss
from ._random_under import RandomUnderSampler
from ._repeated_edited import AllKNN, RepeatedEditedNearestNeighbours
from ._tomek import TomekLinks

__all__ = [
    "AllKNN",
    "ClusterCentroids",
    "CondensedNearestNeighbour",
    "EditedNearestNeighbours",
    "InstanceHardnessThreshold",
    "NearMiss",
    "NeighbourhoodCleaningRule",
    "OneSidedSelection",
    "RandomUnderSampler",
    "RepeatedEditedNearestNeighbours",
    "TomekLinks",
]
