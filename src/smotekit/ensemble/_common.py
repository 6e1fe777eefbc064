"""Pieces every balanced ensemble shares: parameter checks, label codes, seeds and tags."""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.utils import check_random_state

from .._validation import describe

# scikit-learn draws its per-member seeds below this bound; so do we, so seeds look alike.
MAX_INT = np.iinfo(np.int32).max


def check_n_estimators(value) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"n_estimators must be an int >= 1; got {describe(value)}.")
    return int(value)


def check_bool(name: str, value) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} must be True or False; got {describe(value)}.")
    return bool(value)


def member_seeds(random_state, n_done: int, n_new: int) -> np.ndarray:
    """Seeds of members ``n_done .. n_done + n_new - 1``.

    The stream is consumed for the members already built first, so a warm start adds the
    same members a single fit of the larger ensemble would have built.
    """
    rng = check_random_state(random_state)
    if n_done:
        rng.randint(MAX_INT, size=n_done)
    return rng.randint(MAX_INT, size=n_new)


def encoded_strategy(sampling_strategy, classes: np.ndarray):
    """A dict strategy keyed by class label, re-keyed by label position.

    Members are trained on label codes ``0..n_classes-1`` (as scikit-learn's ensembles do), so
    their samplers must name classes by code; other strategies are unchanged.
    """
    if not isinstance(sampling_strategy, dict):
        return sampling_strategy
    unknown = [label for label in sampling_strategy if label not in set(classes.tolist())]
    if unknown:
        raise ValueError(
            f"sampling_strategy names class(es) {describe(unknown)} that are not in y; "
            f"the classes are {describe(classes.tolist())}."
        )
    position = {label: i for i, label in enumerate(classes.tolist())}
    return {position[label]: n for label, n in sampling_strategy.items()}


def check_two_classes(classes: np.ndarray) -> None:
    if classes.size < 2:
        raise ValueError(
            f"y has one class ({describe(classes[0] if classes.size else None)}); a classifier "
            "needs at least 2 classes to learn from."
        )
