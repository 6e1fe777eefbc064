"""Random picks of a class's rows by their rank in the class, drawn in fixed blocks.

A class of ``n`` rows is cut into blocks of :data:`BLOCK_ROWS` consecutive class ranks (the
``i``-th row of the class, in X's order, has rank ``i``). How many picks fall in each block
is drawn once, on the client, from the class seed; which ranks of block ``b`` are picked is
drawn from a seed of its own (:func:`smotekit._random.child_seed` of ``b``). Any range of
ranks, and so any partition's rows, can therefore be resolved on its own, and the picks do
not depend on how the rows are split into partitions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._plan import PLAN_BLOCK_ROWS
from .._random import child_seed

#: Class ranks per block (the plan's block size, for the same reason: bounded draws).
BLOCK_ROWS = PLAN_BLOCK_ROWS
#: Rows per block of shrinkage noise, counted over a class's copies.
NOISE_BLOCK_ROWS = 4096

# Children of the class seed, one per use, so no two uses share draws.
_TOTALS, _BLOCKS, _NOISE = 0, 1, 2


def _block_sizes(n_rows: int) -> np.ndarray:
    sizes = np.full(-(-n_rows // BLOCK_ROWS), BLOCK_ROWS, dtype=np.int64)
    if sizes.size:
        sizes[-1] = n_rows - BLOCK_ROWS * (sizes.size - 1)
    return sizes


@dataclass(frozen=True)
class ClassPicks:
    """``n_picks`` draws among the ``n_rows`` ranks of one class.

    Without ``replace``, a uniform subset of ranks (each picked at most once); with it,
    ``n_picks`` independent uniform ranks (a rank may be picked several times).
    :meth:`multiplicity` says how many times each rank of a range was picked.
    """

    seed: np.random.SeedSequence
    n_rows: int
    n_picks: int
    replace: bool
    totals: np.ndarray  # picks per block

    @classmethod
    def draw(cls, seed, n_rows: int, n_picks: int, replace: bool) -> ClassPicks:
        """Draw how many picks fall in each block (the only draw made on the client)."""
        if n_picks < 0 or n_rows < 0 or (n_picks > n_rows and not replace):
            raise ValueError(f"cannot pick {n_picks} of {n_rows} rows (replace={replace}).")
        if n_picks and not n_rows:
            raise ValueError(f"cannot pick {n_picks} rows of a class with none.")
        sizes = _block_sizes(n_rows)
        rng = np.random.default_rng(child_seed(seed, _TOTALS))
        if sizes.size <= 1:
            totals = np.full(sizes.size, n_picks, dtype=np.int64)
        elif replace:
            totals = rng.multinomial(n_picks, sizes / n_rows)
        else:
            totals = rng.multivariate_hypergeometric(sizes, n_picks, method="marginals")
        return cls(seed, n_rows, n_picks, replace, np.asarray(totals, dtype=np.int64))

    def block(self, b: int) -> np.ndarray:
        """How many times each rank of block ``b`` is picked."""
        size = int(min(BLOCK_ROWS, self.n_rows - b * BLOCK_ROWS))
        k = int(self.totals[b])
        rng = np.random.default_rng(child_seed(child_seed(self.seed, _BLOCKS), b))
        if self.replace:
            picked = rng.integers(0, size, size=k)
        else:
            picked = rng.choice(size, size=k, replace=False)
        return np.bincount(picked, minlength=size)

    def multiplicity(self, lo: int, hi: int, cache: dict | None = None) -> np.ndarray:
        """How many times each rank ``lo..hi-1`` is picked (``cache``: blocks already drawn)."""
        if not 0 <= lo <= hi <= self.n_rows:
            raise ValueError(f"ranks {lo}:{hi} are outside the class's {self.n_rows} rows.")
        pieces = []
        for b in range(lo // BLOCK_ROWS, -(-hi // BLOCK_ROWS)):
            first = b * BLOCK_ROWS
            if cache is not None and b in cache:
                counts = cache[b]
            else:
                counts = self.block(b)
                if cache is not None:
                    cache[b] = counts
            pieces.append(counts[max(lo, first) - first : min(hi, first + counts.size) - first])
        return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)

    def picked_in(self, lo: int, hi: int, cache: dict | None = None) -> int:
        """How many picks fall in ranks ``lo..hi-1``: whole blocks from their totals, only
        the blocks cut by the range are drawn."""
        if lo >= hi:
            return 0
        first_whole = -(-lo // BLOCK_ROWS)
        end_whole = hi // BLOCK_ROWS if hi < self.n_rows else self.totals.size
        if first_whole >= end_whole:
            return int(self.multiplicity(lo, hi, cache).sum())
        head = (lo, first_whole * BLOCK_ROWS)
        tail = (end_whole * BLOCK_ROWS, hi)
        n = int(self.totals[first_whole:end_whole].sum())
        for a, c in (head, tail):
            if a < c:
                n += int(self.multiplicity(a, c, cache).sum())
        return n

    def noise(self, lo: int, hi: int, n_features: int, dtype) -> np.ndarray:
        """Standard normal noise for picks ``lo..hi-1`` (counted in rank order), drawn in
        blocks of :data:`NOISE_BLOCK_ROWS` picks, so any range gives the same values."""
        out = np.empty((hi - lo, n_features), dtype=dtype)
        seed = child_seed(self.seed, _NOISE)
        for b in range(lo // NOISE_BLOCK_ROWS, -(-hi // NOISE_BLOCK_ROWS)):
            first = b * NOISE_BLOCK_ROWS
            size = min(NOISE_BLOCK_ROWS, self.n_picks - first)
            z = np.random.default_rng(child_seed(seed, b)).standard_normal(
                (size, n_features), dtype=dtype
            )
            a, c = max(lo, first), min(hi, first + size)
            out[a - lo : c - lo] = z[a - first : c - first]
        return out
