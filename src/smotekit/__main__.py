"""``python -m smotekit``: the same as the ``smotekit`` command."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
