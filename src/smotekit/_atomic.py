"""Writing a file or a directory atomically: all of it appears, or nothing does.

Data goes to a hidden temporary file (or directory) beside the target, which replaces the
target only once it is complete; on any failure the temporary is removed and a previous
target is left as it was. The command line, the reports and the Dask Parquet writer share
these two helpers.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    """The process's umask (reading it means setting it; it is put back at once)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def write_atomically(target: Path, write) -> None:
    """Call ``write(tmp_path)`` and move the result to ``target``; on failure remove it.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> write_atomically(target, lambda tmp: tmp.write_text("done"))
    >>> target.read_text()
    'done'
    """
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); give it the permissions open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        try:
            write(tmp)
        except OSError as error:
            raise naming_target(error, tmp, target) from None
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def naming_target(error: OSError, tmp: Path, target: Path) -> OSError:
    """``error`` (a full disk, a size limit, ...) about the file the user asked for, not
    about the hidden temporary it happened in; the same subclass for the same errno.

    Examples
    --------
    >>> import errno
    >>> full = OSError(errno.ENOSPC, "No space left on device", "/d/.out.csv.x1.tmp")
    >>> str(naming_target(full, Path("/d/.out.csv.x1.tmp"), Path("/d/out.csv")))
    "[Errno 28] No space left on device: '/d/out.csv'"
    """
    reason = (error.strerror or str(error)).replace(str(tmp), str(target))
    if error.errno is not None:
        return OSError(error.errno, reason, str(target))
    return type(error)(f"{reason}: {str(target)!r}")


@contextlib.contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """A new, hidden temporary directory beside ``target``, renamed to ``target`` on success.

    Fill the yielded directory inside the ``with`` block; if the block raises, the directory
    and everything in it are removed and ``target`` is not created.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "parts"
    >>> with atomic_directory(target) as tmp:
    ...     _ = (tmp / "part.0").write_text("rows")
    >>> sorted(p.name for p in target.iterdir())
    ['part.0']
    """
    target = Path(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        # mkdtemp makes the directory private (0700); give it the permissions mkdir() would.
        os.chmod(tmp, 0o777 & ~_umask())
        yield tmp
        os.rename(tmp, target)
    except OSError as error:
        shutil.rmtree(tmp, ignore_errors=True)
        raise naming_target(error, tmp, target) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
