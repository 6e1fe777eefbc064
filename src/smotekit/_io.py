"""Reading and writing tables for the CLI (CSV and Parquet), atomically.

A failed write leaves nothing behind: data goes to a temporary file in the target's folder,
which replaces the target only once it is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
COMPRESSED = (".gz", ".bz2", ".zip", ".xz", ".zst")


class UsageError(Exception):
    """The command line asks for something impossible (exit code 2)."""


def table_format(path: Path, role: str) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes = suffixes[:-1]
    fmt = FORMATS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise UsageError(
            f"{role} {str(path)!r} has an unsupported extension; use .csv (optionally .csv.gz) "
            "or .parquet / .pq."
        )
    return fmt


def read_table(path: str):
    """Read a CSV or Parquet file into a pandas DataFrame."""
    import pandas as pd

    source = Path(path)
    fmt = table_format(source, "INPUT")
    if not source.is_file():
        raise UsageError(f"INPUT {path!r} does not exist or is not a file.")
    if fmt == "csv":
        return pd.read_csv(source)
    return pd.read_parquet(source)


def check_output(path: str, input_path: str | None = None) -> Path:
    target = Path(path)
    table_format(target, "OUTPUT")
    if not target.parent.is_dir():
        raise UsageError(f"the folder of OUTPUT {path!r} does not exist.")
    if input_path is not None and target.exists() and target.samefile(input_path):
        raise UsageError(f"OUTPUT {path!r} is the INPUT file; write to another path.")
    return target


def write_table(df, path: str) -> None:
    """Write ``df`` to ``path`` (format from its extension) via a temporary file and rename."""
    target = Path(path)
    fmt = table_format(target, "OUTPUT")

    def write(tmp: Path) -> None:
        if fmt == "csv":
            # The temporary name hides the real extension, so name the compression here.
            df.to_csv(tmp, index=False, compression=_compression(target))
        else:
            df.to_parquet(tmp, index=False)

    write_atomically(target, write)


def write_atomically(target: Path, write) -> None:
    """Call ``write(tmp_path)`` and move the result to ``target``; on failure remove it."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); give it the permissions open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _compression(path: Path):
    suffix = path.suffix.lower()
    return {".gz": "gzip", ".bz2": "bz2", ".zip": "zip", ".xz": "xz", ".zst": "zstd"}.get(suffix)
