"""The ``smotekit`` command: parse, call the public API, map errors to exit codes.

Exit codes: 0 success, 1 the data cannot be resampled as asked, 2 a usage error (bad
option, missing input file, unsupported extension), 130 / 143 stopped by SIGINT / SIGTERM
(temporaries removed, previous outputs kept, one line printed). Heavy libraries are imported only by
the subcommand that needs them, so ``smotekit --help`` answers at once.

``_errors``, ``_parsing``, ``_printing`` and ``_tables`` are shared by the subcommands, one
module each: ``_resample``, ``_analyze``, ``_datasets``.
"""

from __future__ import annotations

import argparse
import sys

from . import _analyze, _datasets, _resample
from ._errors import DATA_EXIT, USAGE_EXIT, DataError, Interrupted, UsageError, signals_unwind

SUBCOMMANDS = {"analyze": _analyze, "datasets": _datasets, "resample": _resample}

__all__ = ["DataError", "UsageError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smotekit",
        description="SMOTE for imbalanced classification data.",
        epilog="Exit codes: 0 ok, 1 data error, 2 usage error, 130/143 interrupted by "
        "SIGINT/SIGTERM.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in SUBCOMMANDS.values():
        module.add_parser(commands)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    try:
        with signals_unwind():
            SUBCOMMANDS[args.command].run(args)
    except Interrupted as stop:
        # Unwinding removed every temporary and kept the previous outputs: one line.
        print(f"smotekit {args.command}: interrupted by {stop.name}", file=sys.stderr)
        return stop.exit_code
    except UsageError as error:
        print(f"smotekit {args.command}: error: {error}", file=sys.stderr)
        return USAGE_EXIT
    except (DataError, ValueError, TypeError, OSError) as error:
        print(f"smotekit {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return DATA_EXIT
    return 0


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _version() -> str:
    from .._version import __version__

    return __version__
