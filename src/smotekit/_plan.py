"""The plan: what every synthetic row is made of, before any row is made.

A SMOTE-family sampler only decides, per synthetic row, a base row, a neighbour row and a
step; :mod:`smotekit._interpolate` turns plans into rows. The plan is also the provenance
record exposed as ``synthetic_parents_`` / ``synthetic_steps_``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._random import child_seed


@dataclass(frozen=True)
class Plan:
    """Synthetic row ``i`` is ``X[base[i]] + step[i] * (X[neighbor[i]] - X[base[i]])``.

    ``base`` and ``neighbor`` are row positions in the sampler's input X, ``label`` is the
    class each synthetic row gets. Three optional blocks serve the wider family:

    * ``categorical``: (n_new, n_categorical) category codes of each synthetic row, for
      samplers of categorical columns (SMOTENC, SMOTEN); the other columns interpolate;
    * ``noise``: an object whose ``add_to(rows, rounded)`` adds random noise to the made
      rows (RandomOverSampler's smoothed bootstrap);
    * ``copy``: the rows are exact copies of ``base`` (no arithmetic, so any dtype works).
    """

    base: np.ndarray
    neighbor: np.ndarray
    step: np.ndarray
    label: np.ndarray
    categorical: np.ndarray | None = None
    noise: object | None = None
    copy: bool = False

    def __len__(self) -> int:
        return self.base.shape[0]

    @classmethod
    def concat(cls, plans: list[Plan], label_dtype) -> Plan:
        if not plans:
            empty = np.empty(0, dtype=np.intp)
            return cls(empty, empty, np.empty(0), np.empty(0, dtype=label_dtype))
        if len(plans) == 1 and plans[0].label.dtype == label_dtype:
            return plans[0]  # already whole: copying n_new-long arrays again buys nothing
        categorical = None
        if plans[0].categorical is not None:
            categorical = np.concatenate([p.categorical for p in plans])
        # A noise model joins the others' (None for plans without noise) by row counts.
        noise = next((p.noise for p in plans if p.noise is not None), None)
        if noise is not None:
            noise = type(noise).concat([p.noise for p in plans], [len(p) for p in plans])
        return cls(
            np.concatenate([p.base for p in plans]),
            np.concatenate([p.neighbor for p in plans]),
            np.concatenate([p.step for p in plans]),
            np.concatenate([p.label for p in plans]).astype(label_dtype, copy=False),
            categorical=categorical,
            noise=noise,
            copy=all(p.copy for p in plans),
        )


#: Synthetic rows are drawn in blocks of this many rows, each from its own spawned seed, so
#: any range of rows can be drawn on its own (the Dask engine draws each output partition on
#: the worker that writes it) and the rows never depend on how the work is split.
PLAN_BLOCK_ROWS = 1 << 16


def segment_plan(rows, neighbors, n_new: int, seed: np.random.SeedSequence, label, part=0) -> Plan:
    """Plan ``n_new`` rows on segments from a class row to one of its neighbours, uniformly.

    ``rows`` maps the class's local positions to positions in X; ``neighbors[i]`` holds the
    local positions of local row ``i``'s neighbours. The base is drawn uniformly from the
    class, a neighbour uniformly among the base's neighbours, and the step from U(0, 1),
    with :func:`segment_draws` from the class seed ``seed``
    (:func:`smotekit._random.class_seed`); ``part`` numbers the plans drawn for one class
    (KMeansSMOTE draws one per cluster).
    """
    local, neighbor, step = segment_draws(neighbors, n_new, seed, part=part)
    return Plan(base=rows[local], neighbor=rows[neighbor], step=step, label=np.full(n_new, label))


def segment_draws(neighbors, n_new: int, seed: np.random.SeedSequence, start=0, stop=None, part=0):
    """(local base, local neighbour, step) of rows ``start:stop`` of ``n_new`` segment draws.

    The draws are :func:`segment_choices` over ``neighbors``' shape; the neighbour is the
    chosen column of the base's row of ``neighbors``.
    """
    local, column, step = segment_choices(neighbors.shape, n_new, seed, start, stop, part)
    return local, neighbors[local, column], step


def segment_choices(shape, n_new: int, seed: np.random.SeedSequence, start=0, stop=None, part=0):
    """(local base, neighbour column, step) of rows ``start:stop`` of ``n_new`` draws.

    ``shape`` is the class's neighbour graph's (rows, k) and ``seed`` the class seed; the
    draws of plan ``part`` come from its child ``part`` (a child, so they never repeat what
    the class's own Generator draws). Block ``b`` (rows ``b * PLAN_BLOCK_ROWS`` onwards) is
    drawn from that child's child ``b``: base uniform over the rows, then a uniform column,
    then a U(0, 1) step. Any slice of the rows is therefore the same slice of the full
    draw, and a graph held elsewhere (on a Dask worker, on a GPU) is indexed with the same
    choices.
    """
    n_rows, k = shape
    stop = n_new if stop is None else stop
    seed = child_seed(seed, part)
    size = PLAN_BLOCK_ROWS
    parts = []
    for block in range(start // size, -(-stop // size)):
        first = block * size
        rng = np.random.default_rng(child_seed(seed, block))
        n = min(size, n_new - first)
        local = rng.integers(0, n_rows, size=n)
        column = rng.integers(0, k, size=n)
        step = rng.random(n)
        keep = slice(max(start - first, 0), min(stop - first, n))
        parts.append((local[keep], column[keep], step[keep]))
    if not parts:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty, np.empty(0)
    return tuple(np.concatenate(arrays) for arrays in zip(*parts, strict=True))
