"""Random streams: one root per ``fit_resample``, one independent child per class.

imbalanced-learn re-seeds the same RandomState for every class, so two classes of equal
size get identical draws. Here each class gets its own child of the root seed, chosen by
the class's position among all sorted labels (:func:`class_seed`), so a class's draws
depend only on ``random_state`` and that position, not on which other classes are
resampled, nor on anything drawn or spawned before. The in-memory samplers and the Dask
engine both derive class seeds with :func:`class_seed`, so they draw the same rows.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import InvalidParameterError, describe


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
    raise InvalidParameterError(
        "random_state must be None, an int >= 0, a numpy.random.RandomState or a "
        f"numpy.random.Generator; got {describe(random_state)}."
    )


def child_seed(seed: np.random.SeedSequence, i: int) -> np.random.SeedSequence:
    """The ``i``-th ``seed.spawn`` child, built directly.

    ``SeedSequence.spawn`` counts up on every call, so what it returns depends on what was
    spawned before; this depends on ``seed`` and ``i`` only.

    Examples
    --------
    >>> root = np.random.SeedSequence(7)
    >>> _ = root.spawn(3)  # spawning first changes nothing
    >>> child_seed(root, 1).generate_state(2).tolist() == (
    ...     np.random.SeedSequence(7).spawn(2)[1].generate_state(2).tolist())
    True
    """
    return np.random.SeedSequence(
        seed.entropy, spawn_key=(*seed.spawn_key, i), pool_size=seed.pool_size
    )


def class_seed(root: np.random.SeedSequence, position: int) -> np.random.SeedSequence:
    """The seed of the class at ``position`` among the sorted labels: ``root``'s child.

    The one place a class's seed is derived; a pure function of the root and the position.
    """
    return child_seed(root, position)


class ClassStreams(dict):
    """``{label: Generator}``, one independent stream per class, from one root seed.

    ``seed(label)`` gives the class's seed itself, for draws that must not depend on what
    the class's Generator drew before.
    """

    def __init__(self, root: np.random.SeedSequence, classes):
        self.root = root
        self.positions = {label: i for i, label in enumerate(classes)}
        streams = {}
        for label, i in self.positions.items():
            streams[label] = np.random.default_rng(class_seed(root, i))
        super().__init__(streams)

    def seed(self, label) -> np.random.SeedSequence:
        """The class seed of ``label`` (:func:`class_seed` of its position)."""
        return class_seed(self.root, self.positions[label])


def class_generators(random_state, classes) -> ClassStreams:
    """One independent stream per class in ``classes`` (sorted), from ``random_state``.

    Examples
    --------
    >>> streams = class_generators(0, [0, 1])
    >>> streams.seed(1).spawn_key
    (1,)
    >>> float(streams[1].random()) == float(np.random.default_rng(streams.seed(1)).random())
    True
    """
    return ClassStreams(seed_sequence(random_state), classes)


def shared_generator(class_streams: ClassStreams) -> np.random.Generator:
    """A stream for draws that belong to no one class (a clustering or SVM seed).

    It is the root's child after the classes' children, so it changes none of their draws.
    """
    root = class_streams.root
    return np.random.default_rng(child_seed(root, len(class_streams.positions)))


# The one default seed of smotekit's analyses (evaluate, the report, the command line's analyze
# and resample), so a run gives the same numbers twice unless the user asks otherwise. Samplers
# keep imbalanced-learn's random_state=None.
DEFAULT_SEED = 42
