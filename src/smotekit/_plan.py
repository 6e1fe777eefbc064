"""The plan: what every synthetic row is made of, before any row is made.

A SMOTE-family sampler only decides, per synthetic row, a base row, a neighbour row and a
step; :mod:`smotekit._interpolate` turns plans into rows. The plan is also the provenance
record exposed as ``synthetic_parents_`` / ``synthetic_steps_``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Plan:
    """Synthetic row ``i`` is ``X[base[i]] + step[i] * (X[neighbor[i]] - X[base[i]])``.

    ``base`` and ``neighbor`` are row positions in the sampler's input X, ``label`` is the
    class each synthetic row gets.
    """

    base: np.ndarray
    neighbor: np.ndarray
    step: np.ndarray
    label: np.ndarray

    def __len__(self) -> int:
        return self.base.shape[0]

    @classmethod
    def concat(cls, plans: list[Plan], label_dtype) -> Plan:
        if not plans:
            empty = np.empty(0, dtype=np.intp)
            return cls(empty, empty, np.empty(0), np.empty(0, dtype=label_dtype))
        return cls(
            np.concatenate([p.base for p in plans]),
            np.concatenate([p.neighbor for p in plans]),
            np.concatenate([p.step for p in plans]),
            np.concatenate([p.label for p in plans]).astype(label_dtype, copy=False),
        )


def segment_plan(rows, neighbors, n_new: int, rng: np.random.Generator, label) -> Plan:
    """Plan ``n_new`` rows on segments from a class row to one of its neighbours, uniformly.

    ``rows`` maps the class's local positions to positions in X; ``neighbors[i]`` holds the
    local positions of local row ``i``'s neighbours. The base is drawn uniformly from the
    class, a neighbour uniformly among the base's
    neighbours, and the step from U(0, 1).
    """
    local = rng.integers(0, neighbors.shape[0], size=n_new)
    column = rng.integers(0, neighbors.shape[1], size=n_new)
    step = rng.random(n_new)
    return Plan(
        base=rows[local],
        neighbor=rows[neighbors[local, column]],
        step=step,
        label=np.full(n_new, label),
    )
