"""Parquet in, a Parquet directory out, on a Dask cluster (``smotekit resample --engine dask``).

Input files are checked against each other from their footers before any data is read; the
output is written partition by partition into a hidden temporary directory beside OUTPUT,
which is renamed to OUTPUT only once every partition is written (a failed run leaves none).
Library code: it returns the class counts and raises; the command line prints and maps errors
to exit codes.
"""

from __future__ import annotations

import contextlib
import glob
import re
import sys
from pathlib import Path

from .._atomic import atomic_directory, pause_before_commit
from . import _engine

PARQUET_SUFFIXES = (".parquet", ".pq")


class DataError(ValueError):
    """The input was read but cannot be resampled as asked."""


class PathError(ValueError):
    """INPUT or OUTPUT cannot be used as given (no such input, output already there, ...)."""


def _natural(path: str):
    """Sort key that puts part.2 before part.10."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path)]


def input_files(path: str) -> list[str]:
    """The Parquet files of INPUT: one file, a directory (searched recursively), or a glob."""
    source = Path(path)
    if source.is_dir():
        files = [
            str(f)
            for f in source.rglob("*")
            if f.is_file()
            and f.suffix.lower() in PARQUET_SUFFIXES
            and not any(p.startswith(("_", ".")) for p in f.relative_to(source).parts)
        ]
    elif source.is_file():
        files = [str(source)]
    elif glob.has_magic(path):
        files = [f for f in glob.glob(path, recursive=True) if Path(f).is_file()]
    else:
        raise PathError(
            f"INPUT {path!r} does not exist; give a Parquet file, a directory of Parquet files, "
            "or a glob such as 'data/*.parquet'."
        )
    if not files:
        raise PathError(f"INPUT {path!r} holds no .parquet or .pq files.")
    return sorted(files, key=_natural)


def check_schemas(files: list[str], target: str) -> list[str]:
    """Check every file has the first file's columns, with numbers where it has numbers.

    Reads only the files' footers. Returns the column names.
    """
    import pyarrow.parquet as pq
    import pyarrow.types as pat

    schemas = []
    for f in files:
        try:
            schemas.append(pq.read_schema(f))
        except Exception as error:
            raise DataError(f"{f} is not a readable Parquet file: {error}") from None
    first = schemas[0]
    names = [n for n in first.names if not n.startswith("__index_level_")]
    if target not in names:
        shown = ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20 else "")
        raise DataError(
            f"--target {target!r} is not a column of {files[0]}; its columns are {shown}."
        )

    def numeric(t) -> bool:
        return pat.is_integer(t) or pat.is_floating(t) or pat.is_boolean(t)

    for f, schema in zip(files[1:], schemas[1:], strict=True):
        missing = [n for n in names if n not in schema.names]
        if missing:
            raise DataError(
                f"column {missing[0]!r} is missing in {f} (it is in {files[0]}); every input "
                "file must have the same columns."
            )
        extra = [n for n in schema.names if n not in names and not n.startswith("__index_level_")]
        if extra:
            raise DataError(
                f"column {extra[0]!r} of {f} is not in {files[0]}; every input file must have "
                "the same columns."
            )
        for n in names:
            a, b = first.field(n).type, schema.field(n).type
            if a != b and not (numeric(a) and numeric(b)):
                raise DataError(
                    f"column {n!r} is {a} in {files[0]} but {b} in {f}; every input file must "
                    "have the same column types."
                )
    return names


def check_output(path: str, input_path: str) -> Path:
    target = Path(path)
    if target.suffix.lower() in (".csv", ".gz"):
        raise PathError(
            f"OUTPUT {path!r}: --engine dask writes a directory of Parquet files; name a "
            "directory (without a .csv extension)."
        )
    if not target.parent.is_dir():
        raise PathError(f"the folder of OUTPUT {path!r} does not exist.")
    if target.exists():
        raise PathError(
            f"OUTPUT {path!r} already exists; --engine dask writes a new directory, so remove "
            "it or choose another path."
        )
    source = Path(input_path)
    if source.exists() and target.resolve().is_relative_to(source.resolve()):
        raise PathError(f"OUTPUT {path!r} is inside INPUT {input_path!r}; write elsewhere.")
    return target


@contextlib.contextmanager
def connect(address: str | None):
    """A client of the scheduler at ``address``, or of a new local cluster (closed after)."""
    import logging

    from distributed import Client, LocalCluster

    if address:
        try:
            client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise DataError(
                f"--scheduler {address!r}: could not connect to a Dask scheduler there ({error})."
            ) from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            dashboard_address=None,
            # No dashboard, and the scheduler's other HTTP routes on a free port: the default
            # 8787 warns whenever another cluster (another run) holds it.
            scheduler_kwargs={"dashboard_address": ":0"},
            silence_logs=logging.ERROR,
            # Ctrl-C is for the command, which stops the workers (see the module).
            preload=["smotekit._dask._quiet_worker"],
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


class Progress:
    """Computes delayed tasks on ``client``, drawing ``what: done/total`` on ``stream``.

    On a terminal the line is redrawn in place; elsewhere a line is printed every 10%.
    """

    def __init__(self, client, stream=None):
        self.client = client
        self.stream = stream if stream is not None else sys.stderr

    def __call__(self, tasks: list, what: str) -> list:
        from distributed import as_completed

        futures = self.client.compute(tasks)
        total, done, shown = len(futures), 0, -1
        tty = self.stream.isatty()
        try:
            for future in as_completed(futures):
                if future.status == "error":
                    future.result()  # raises the task's error
                done += 1
                tenth = done * 10 // max(total, 1)
                if tty:
                    self.stream.write(f"\r{what}: {done}/{total} partitions")
                elif tenth != shown:
                    self.stream.write(f"{what}: {done}/{total} partitions\n")
                    shown = tenth
                self.stream.flush()
            if tty:
                self.stream.write("\n")
            return self.client.gather(futures)
        finally:
            self.client.cancel([f for f in futures if not f.done()])


def _write_part(frame, path: str) -> int:
    frame.to_parquet(path, index=False)
    return len(frame)


def write_directory(frame, target: Path, compute) -> int:
    """Write each partition of ``frame`` as one file of a new directory ``target``."""
    with atomic_directory(target) as tmp:
        return write_parts(frame, tmp, compute)


def write_parts(frame, folder: Path, compute) -> int:
    """Write each partition of ``frame`` as one file of the existing, empty ``folder``."""
    import dask

    parts = frame.to_delayed()
    width = max(5, len(str(len(parts) - 1)))
    write = dask.delayed(_write_part, pure=True)
    names = [str(folder / f"part.{i:0{width}d}.parquet") for i in range(len(parts))]
    rows = compute([write(p, n) for p, n in zip(parts, names, strict=True)], "writing")
    return int(sum(rows))


def resample_parquet(
    input_path: str,
    output: str,
    target: str,
    sampler,
    *,
    scheduler: str | None = None,
    memory_budget=None,
    progress: bool = False,
    make_sampler=None,
):
    """Resample a Parquet dataset into a new Parquet directory; return the class counts.

    ``make_sampler(labels)``, when given, builds the sampler once the labels are known (the
    command line needs them to read ``--sampling-strategy LABEL:COUNT``).
    """
    import dask.dataframe as dd

    files = input_files(input_path)
    out = check_output(output, input_path)
    check_schemas(files, target)
    # The directory is entered first so that it is left last: on a failure or a signal the
    # cluster is closed (no worker still writing into it) before it is removed.
    with atomic_directory(out) as tmp, connect(scheduler) as client:
        hook = Progress(client) if progress else None
        token = _engine.compute_hook.set(hook)
        try:
            table = dd.read_parquet(files)
            if make_sampler is not None:
                labels = table[target].drop_duplicates().compute().tolist()
                sampler = make_sampler(labels)
            X, y = table.drop(columns=[target]), table[target]
            job = _engine.plan_job(sampler, X, y, memory_budget)
            result = table
            if job.blocks:
                synthetic = _engine.synthetic_frame(job, meta=table._meta, target=target)
                result = dd.concat([table, synthetic])
            n_rows = write_parts(result, tmp, _engine.compute)
            pause_before_commit()
        finally:
            _engine.compute_hook.reset(token)
    before = job.found.counts
    after = {label: n + sampler.sampling_strategy_.get(label, 0) for label, n in before.items()}
    return before, after, n_rows
