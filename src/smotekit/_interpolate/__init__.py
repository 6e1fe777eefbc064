"""Turn a :class:`~smotekit._plan.Plan` into rows: ``fill_dense`` writes dense (float,
integer, boolean) rows into a given array, ``sparse_rows`` builds a CSR block; both work in
bounded chunks (``chunk_rows``)."""

from ._dense import chunk_rows, fill_dense
from ._sparse import sparse_rows

__all__ = ["chunk_rows", "fill_dense", "sparse_rows"]
