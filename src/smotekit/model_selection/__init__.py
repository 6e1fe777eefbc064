"""Cross-validation for imbalanced data: :class:`InstanceHardnessCV`."""

from ._instance_hardness import InstanceHardnessCV

__all__ = ["InstanceHardnessCV"]
