"""What the command prints: the one table of rows per class before and after."""

from __future__ import annotations


def class_counts(y, labels=None) -> dict:
    """``{label: rows}`` of ``y``, over ``labels`` (default: its sorted distinct labels)."""
    import numpy as np

    values = np.asarray(y)
    if labels is None:
        labels = np.unique(values)
    return {label: int((values == label).sum()) for label in labels}


def print_counts(before: dict, after: dict) -> None:
    """Rows per class before and after resampling, with the rows added, and the totals.

    Examples
    --------
    >>> print_counts({"a": 90, "b": 10}, {"a": 90, "b": 90})
    class    before     after     added
    a            90        90         0
    b            10        90        80
    total       100       180        80
    """
    width = max(5, *(len(str(label)) for label in before))
    print(f"{'class':<{width}}  {'before':>8}  {'after':>8}  {'added':>8}")
    for label, n in before.items():
        print(f"{label!s:<{width}}  {n:>8}  {after[label]:>8}  {after[label] - n:>8}")
    total_before, total_after = sum(before.values()), sum(after.values())
    print(
        f"{'total':<{width}}  {total_before:>8}  {total_after:>8}  {total_after - total_before:>8}"
    )
