"""imbalanced-learn's public helpers, with its signatures and return values.

:func:`check_sampling_strategy`, :func:`check_target_type` and
:func:`check_neighbors_object` are what custom samplers written against
``imblearn.utils`` call; they run on smotekit's own strategy resolution, target checks and
neighbour search.
"""

from ._checks import check_neighbors_object, check_sampling_strategy, check_target_type

__all__ = ["check_neighbors_object", "check_sampling_strategy", "check_target_type"]
