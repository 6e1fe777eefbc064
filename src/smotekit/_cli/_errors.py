"""The two failures the ``smotekit`` command reports, each with its exit code."""

from __future__ import annotations

USAGE_EXIT = 2
DATA_EXIT = 1


class UsageError(Exception):
    """The command line asks for something impossible (exit code 2)."""


class DataError(Exception):
    """The input was read but cannot be resampled as asked (exit code 1)."""
