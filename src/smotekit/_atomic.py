"""Writing a file or a directory atomically: all of it appears, or nothing does.

Data goes to a hidden temporary file (or directory) beside the target, which replaces the
target only once it is complete; on any failure the temporary is removed and a previous
target is left as it was. Several files written together (a report's HTML, JSON and plot)
are replaced together or not at all. The command line, the reports and the Dask Parquet
writer share these helpers.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

#: Test hook (see :func:`pause_before_commit`); never set in normal use.
PAUSE_ENV = "SMOTEKIT_TEST_PAUSE_BEFORE_COMMIT"


def pause_before_commit() -> None:
    """With ``SMOTEKIT_TEST_PAUSE_BEFORE_COMMIT=PATH`` set, create PATH once every temporary
    is complete and wait (at most a minute) before renaming them: the moment a signal or a
    crash would leave the most behind, made long and deterministic for the signal tests."""
    flag = os.environ.get(PAUSE_ENV)
    if not flag:
        return
    Path(flag).touch()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.02)


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
    write_all_atomically({target: write})


def write_all_atomically(writes: Mapping[Path, Callable[[Path], object]]) -> None:
    """Write several files as one: every target is replaced, or none is.

    Each ``write(tmp_path)`` fills a hidden temporary beside its target; only once all of
    them succeeded are the targets replaced. If a replacement fails, the ones already made
    are undone (the previous files were kept as hard links until the end), so every target
    is left as it was before the call.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_all_atomically({folder / "a.txt": lambda tmp: tmp.write_text("a"),
    ...                       folder / "b.txt": lambda tmp: tmp.write_text("b")})
    >>> sorted(p.name for p in folder.iterdir())
    ['a.txt', 'b.txt']
    """
    temporaries: dict[Path, Path] = {}
    previous: dict[Path, Path | None] = {}
    try:
        for target, write in writes.items():
            target = Path(target)
            tmp = temporaries[target] = _temporary_file(target)
            try:
                write(tmp)
            except OSError as error:
                raise naming_target(error, tmp, target) from None
        pause_before_commit()
        if len(temporaries) > 1:
            for target in temporaries:
                previous[target] = _keep_previous(target)
        for target in list(temporaries):
            os.replace(temporaries[target], target)
            del temporaries[target]  # committed: no temporary left to remove
    except BaseException:
        for target in previous:
            if target not in temporaries:  # replaced already: put the previous file back
                with contextlib.suppress(OSError):  # (and go on cleaning up if that fails)
                    _restore(target, previous[target])
        for tmp in temporaries.values():
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        raise
    finally:
        for kept in previous.values():
            if kept is not None:
                with contextlib.suppress(FileNotFoundError):
                    kept.unlink()


def _temporary_file(target: Path) -> Path:
    """A new, empty hidden file beside ``target`` with the permissions open() would give."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        # mkstemp makes the file private (0600); give it the permissions open() would.
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        tmp.unlink()
        raise
    return tmp


def _keep_previous(target: Path) -> Path | None:
    """A hard link to ``target``'s current file (a copy where links are not supported), so
    it can be put back; None when there is none."""
    if not target.is_file():
        return None
    kept = _temporary_file(target)
    kept.unlink()
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)
    return kept


def _restore(target: Path, kept: Path | None) -> None:
    if kept is None:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
    else:
        os.replace(kept, target)


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
