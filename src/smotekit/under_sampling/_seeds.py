"""Seeds for the scikit-learn parts (classifiers, clusterings) some under-samplers run."""

from __future__ import annotations

import numpy as np

from .. import _random

MAX_SEED = np.iinfo(np.int32).max


def sklearn_random_state(random_state, streams: dict):
    """``random_state`` as scikit-learn takes it: None or a Generator becomes an int drawn
    from the stream no class uses (numpy's global generator is left alone); ints and
    RandomStates pass as they are, so an int seed gives imbalanced-learn's results."""
    if random_state is None or isinstance(random_state, np.random.Generator):
        return int(_random.shared_generator(streams).integers(MAX_SEED))
    return random_state
