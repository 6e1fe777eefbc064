"""Names the neighbour modules share, defined once: the search methods and the block size."""

METHODS = ("exact", "approximate")
BLOCK = 256  # rows per block of the compiled kernels, and of the exact search's packing
