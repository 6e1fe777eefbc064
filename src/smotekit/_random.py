"""Random streams: one root per ``fit_resample``, one independent child per class.

imbalanced-learn re-seeds the same RandomState for every class, so two classes of equal
size get identical draws. Here each class gets its own ``SeedSequence.spawn`` child,
chosen by the class's position among all sorted labels, so a class's draws depend only on
``random_state`` and that position, not on which other classes are resampled.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import describe


def seed_sequence(random_state) -> np.random.SeedSequence:
    """The root seed for ``random_state`` (None, int, RandomState or Generator)."""
    if random_state is None:
        return np.random.SeedSequence()
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state must be None or an int >= 0; got {random_state}.")
        return np.random.SeedSequence(int(random_state))
    # Generators and RandomStates passed in advance like scikit-learn's: draw entropy from them.
    if isinstance(random_state, np.random.Generator):
        return np.random.SeedSequence(random_state.integers(0, 2**63, size=2).tolist())
    if isinstance(random_state, np.random.RandomState):
        return np.random.SeedSequence(random_state.randint(0, 2**31, size=4).tolist())
    raise TypeError(
        "random_state must be None, an int >= 0, a numpy.random.RandomState or a "
        f"numpy.random.Generator; got {describe(random_state)}."
    )


def class_generators(random_state, classes) -> dict:
    """``{label: Generator}``, one independent stream per class in ``classes`` (sorted)."""
    children = seed_sequence(random_state).spawn(len(classes))
    return {
        label: np.random.default_rng(child) for label, child in zip(classes, children, strict=True)
    }


def shared_generator(class_streams: dict) -> np.random.Generator:
    """A stream for draws that belong to no one class (a clustering or SVM seed).

    It is the root's child after the classes' children, so it changes none of their draws.
    """
    seed = next(iter(class_streams.values())).bit_generator.seed_seq
    key = (*seed.spawn_key[:-1], len(class_streams))
    return np.random.default_rng(np.random.SeedSequence(seed.entropy, spawn_key=key))
