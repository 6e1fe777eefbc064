"""Reading and writing the command's tables (CSV and Parquet), and the target-column checks.

Every write goes through :func:`smotekit._atomic.write_atomically`, so a failed command leaves
no partial file and keeps the previous output.
"""

from __future__ import annotations

from pathlib import Path

from .._atomic import write_atomically
from ._errors import DataError, UsageError

FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".zip": "zip", ".xz": "xz", ".zst": "zstd"}


def table_format(path: Path, role: str) -> str:
    """``"csv"`` or ``"parquet"`` from the extension of ``path``; ``role`` names it in errors."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] in COMPRESSION:
        suffixes = suffixes[:-1]
    fmt = FORMATS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise UsageError(
            f"{role} {str(path)!r} has an unsupported extension; use .csv (optionally .csv.gz) "
            "or .parquet / .pq."
        )
    return fmt


def read_table(path: str, encoding: str | None = None):
    """Read a CSV (in ``encoding``, default UTF-8) or Parquet file into a pandas DataFrame."""
    import pandas as pd

    source = Path(path)
    fmt = table_format(source, "INPUT")
    if not source.is_file():
        raise UsageError(f"INPUT {path!r} does not exist or is not a file.")
    if fmt == "parquet":
        if encoding is not None:
            raise UsageError("--encoding applies to CSV input; Parquet files carry their own.")
        return pd.read_parquet(source)
    import codecs

    try:
        codecs.lookup(encoding or "utf-8")
    except LookupError:
        raise UsageError(
            f"--encoding {encoding!r} is not an encoding Python knows (e.g. utf-8, latin-1, "
            "cp1252)."
        ) from None
    try:
        return pd.read_csv(source, encoding=encoding or "utf-8")
    except UnicodeDecodeError as error:
        raise DataError(_decode_error(source, encoding or "utf-8", error)) from None


def _decode_error(source: Path, encoding: str, error: UnicodeDecodeError) -> str:
    """Say where in the file the first undecodable byte is (the codec's own position is
    an offset into whatever buffer the CSV reader was decoding), and how to fix it."""
    import codecs

    where = ""
    suffix = source.suffix.lower()
    if suffix in _DECOMPRESSORS or suffix not in COMPRESSION:  # else: no position to give
        decoder = codecs.getincrementaldecoder(encoding)()
        offset, line = 0, 1
        with _open_bytes(source) as stream:
            while chunk := stream.read(1 << 20):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as bad:
                    # The decoder may hold back up to 3 bytes of an unfinished character.
                    start = offset + bad.start - len(decoder.getstate()[0])
                    line += chunk[: max(0, start - offset)].count(b"\n")
                    byte = bad.object[bad.start : bad.start + 1].hex()
                    where = f" byte 0x{byte} at line {line} (byte {start} of the file)"
                    break
                offset += len(chunk)
                line += chunk.count(b"\n")
    where = where or f" {error.reason} (byte 0x{error.object[error.start : error.start + 1].hex()})"
    return (
        f"INPUT {str(source)!r} is not valid {encoding}:{where} cannot be decoded. If the "
        "file uses another encoding, name it with --encoding (e.g. --encoding latin-1 or "
        "--encoding cp1252)."
    )


_DECOMPRESSORS = {".gz": "gzip", ".bz2": "bz2", ".xz": "lzma"}


def _open_bytes(source: Path):
    """The file's bytes, decompressed when its extension says gzip, bz2 or xz."""
    import importlib

    module = _DECOMPRESSORS.get(source.suffix.lower())
    if module is None:
        return open(source, "rb")
    return importlib.import_module(module).open(source, "rb")


def read_labelled_table(path: str, target: str, encoding: str | None = None):
    """``table, X, y``: the table at ``path`` split into features and its ``target`` column.

    The table must have rows; the target must be a column and have no missing value (a
    class is needed for every row).
    """
    table = read_table(path, encoding)
    if len(table) == 0:
        raise DataError(
            f"INPUT {path!r} has no rows (only a header with {len(table.columns)} columns); "
            "there is nothing to resample."
        )
    if target not in table.columns:
        shown = ", ".join(map(str, table.columns[:20]))
        more = f" and {len(table.columns) - 20} more" if len(table.columns) > 20 else ""
        raise DataError(
            f"--target {target!r} is not a column of {path}; its columns are {shown}{more}."
        )
    y = table[target]
    missing = y.isna()
    if missing.any():
        raise DataError(
            f"target column {target!r} has {int(missing.sum())} missing values (first at row "
            f"{int(missing.to_numpy().argmax())}); drop or fill them first."
        )
    return table, table.drop(columns=[target]), y


def check_output(path: str, input_path: str | None = None) -> Path:
    """OUTPUT as a path: a known extension, an existing folder, not the INPUT file."""
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
            compression = COMPRESSION.get(target.suffix.lower())
            df.to_csv(tmp, index=False, compression=compression)
        else:
            df.to_parquet(tmp, index=False)

    write_atomically(target, write)
