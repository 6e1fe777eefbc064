"""Plots and reports: numbers in, figures and files out (kept apart from the samplers)."""

from ._scatter import before_after_scatter

__all__ = ["before_after_scatter"]
