"""Resolve ``sampling_strategy`` into ``{class label: number of rows to add or keep}``.

The semantics follow imbalanced-learn so users can switch by import:

* over-sampling: the result is the number of rows to *generate* per class;
* under-sampling: the result is the number of rows to *keep* per class;
* cleaning (Tomek links, edited nearest neighbours): the classes the cleaner may remove
  rows from, each with its current number of rows; a named strategy or a list of labels.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np

from ._validation import InvalidParameterError, describe

OVER = "over-sampling"
UNDER = "under-sampling"
CLEAN = "clean-sampling"
NAMED = ("auto", "minority", "not minority", "not majority", "all")
# Over-samplers cannot shrink the majority, under-samplers cannot grow the minority (as in
# imbalanced-learn): each kind accepts the names that make sense for it.
NAMED_UNDER = ("auto", "majority", "not minority", "not majority", "all")


def named_for(sampling_type: str) -> tuple[str, ...]:
    return NAMED if sampling_type == OVER else NAMED_UNDER


def allowed(sampling_type: str) -> str:
    return (
        "a float in (0, 1] (binary y only), one of "
        + ", ".join(repr(n) for n in named_for(sampling_type))
        + ", a dict {class label: number of rows}, or a callable y -> such a dict"
    )


def class_counts(y: np.ndarray) -> dict:
    """Rows per class, in sorted label order."""
    labels, counts = np.unique(y, return_counts=True)
    return {
        label.item() if hasattr(label, "item") else label: int(c)
        for label, c in zip(labels, counts, strict=True)
    }


def resolve_sampling_strategy(
    sampling_strategy, y: np.ndarray, sampling_type: str = OVER, counts: dict | None = None
) -> dict:
    """Return ``{label: n}`` in sorted label order; see the module docstring for ``n``.

    ``counts`` (``{label: rows}``, sorted) may be given when ``y`` is too large to hold;
    ``y`` is then only passed to a callable ``sampling_strategy``.

    Examples
    --------
    >>> import numpy as np
    >>> resolve_sampling_strategy("auto", np.array([0, 0, 0, 1]))
    {1: 2}
    >>> resolve_sampling_strategy({1: 5}, np.array([0, 0, 0, 1]))
    {1: 4}
    """
    counts = class_counts(y) if counts is None else counts
    if sampling_type == CLEAN:
        return _cleaned_classes(sampling_strategy, counts)
    if isinstance(sampling_strategy, str):
        return _named(sampling_strategy, counts, sampling_type)
    if isinstance(sampling_strategy, Mapping):
        return _from_dict(sampling_strategy, counts, sampling_type)
    if callable(sampling_strategy):
        wanted = sampling_strategy(y)
        if not isinstance(wanted, Mapping):
            raise InvalidParameterError(
                "sampling_strategy: the callable must return a dict {class label: number of "
                f"rows}}; it returned {describe(wanted)}."
            )
        return _from_dict(wanted, counts, sampling_type)
    if isinstance(sampling_strategy, numbers.Real) and not isinstance(sampling_strategy, bool):
        return _from_float(float(sampling_strategy), counts, sampling_type)
    raise InvalidParameterError(
        f"sampling_strategy must be {allowed(sampling_type)}; got {describe(sampling_strategy)}."
    )


def _cleaned_classes(sampling_strategy, counts: dict) -> dict:
    """A cleaner decides how many rows go, so it takes only which classes it may clean."""
    options = "one of " + ", ".join(repr(n) for n in NAMED_UNDER) + ", or a list of class labels"
    if isinstance(sampling_strategy, str):
        if sampling_strategy not in NAMED_UNDER:
            raise ValueError(f"sampling_strategy must be {options}; got {sampling_strategy!r}.")
        chosen = _named(sampling_strategy, counts, UNDER)
    elif isinstance(sampling_strategy, (list, tuple, set, np.ndarray)):
        unknown = [label for label in sampling_strategy if label not in counts]
        if unknown:
            raise ValueError(
                f"sampling_strategy names class(es) {describe(unknown)} that are not in y; "
                f"the classes are {describe(list(counts))}."
            )
        chosen = set(sampling_strategy)
    else:
        raise ValueError(
            f"sampling_strategy of a cleaning sampler must be {options} (it decides itself how "
            f"many rows to remove); got {describe(sampling_strategy)}."
        )
    return {label: n for label, n in counts.items() if label in chosen}


def _named(name: str, counts: dict, sampling_type: str) -> dict:
    if name not in named_for(sampling_type):
        raise ValueError(f"sampling_strategy must be {allowed(sampling_type)}; got {name!r}.")
    if name == "auto":
        name = "not majority" if sampling_type == OVER else "not minority"
    majority = max(counts, key=counts.get)
    minority = min(counts, key=counts.get)
    if name == "minority":
        chosen = [minority]
    elif name == "majority":
        chosen = [majority]
    elif name == "not minority":
        chosen = [c for c in counts if c != minority]
    elif name == "not majority":
        chosen = [c for c in counts if c != majority]
    else:
        chosen = list(counts)
    if sampling_type == OVER:
        target = counts[majority]
        return {c: target - counts[c] for c in chosen}
    target = counts[minority]
    return {c: target for c in chosen}


def _from_dict(wanted: Mapping, counts: dict, sampling_type: str) -> dict:
    unknown = [label for label in wanted if label not in counts]
    if unknown:
        raise ValueError(
            f"sampling_strategy names class(es) {describe(unknown)} that are not in y; "
            f"the classes are {describe(list(counts))}."
        )
    result = {}
    for label in sorted(wanted, key=list(counts).index):
        n = wanted[label]
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
            raise ValueError(
                f"sampling_strategy[{label!r}] must be a non-negative int (the final number of "
                f"rows of that class); got {describe(n)}."
            )
        have = counts[label]
        if sampling_type == OVER:
            if n < have:
                raise ValueError(
                    f"sampling_strategy[{label!r}] = {n} is below the {have} rows class {label!r} "
                    "already has; an over-sampler can only add rows, so ask for at least "
                    f"{have}."
                )
            result[label] = int(n) - have
        else:
            if n > have:
                raise ValueError(
                    f"sampling_strategy[{label!r}] = {n} is above the {have} rows class {label!r} "
                    f"has; an under-sampler can only remove rows, so ask for at most {have}."
                )
            result[label] = int(n)
    return result


def _from_float(ratio: float, counts: dict, sampling_type: str) -> dict:
    if len(counts) != 2:
        raise ValueError(
            f"sampling_strategy as a float ({ratio}) is only defined for binary y; y has "
            f"{len(counts)} classes. Use a dict {{class label: number of rows}} instead."
        )
    if not 0 < ratio <= 1:
        raise ValueError(
            f"sampling_strategy as a float must be in (0, 1] (minority / majority after "
            f"resampling); got {ratio}."
        )
    majority = max(counts, key=counts.get)
    minority = min(counts, key=counts.get)
    if sampling_type == OVER:
        n_new = int(counts[majority] * ratio) - counts[minority]
        if n_new < 0:
            raise ValueError(
                f"sampling_strategy={ratio} asks for {int(counts[majority] * ratio)} rows of "
                f"class {minority!r}, fewer than the {counts[minority]} it has; an over-sampler "
                f"cannot remove rows. Use a ratio >= {counts[minority] / counts[majority]:.4g}."
            )
        return {minority: n_new}
    n_keep = int(counts[minority] / ratio)
    if n_keep > counts[majority]:
        raise ValueError(
            f"sampling_strategy={ratio} asks to keep {n_keep} rows of class {majority!r}, more "
            f"than the {counts[majority]} it has; an under-sampler cannot add rows. Use a ratio "
            f">= {counts[minority] / counts[majority]:.4g}."
        )
    return {majority: n_keep}
