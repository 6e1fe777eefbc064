"""Scale benchmark of the Dask engine; writes docs/distributed_benchmark.md.

The full run (about 4 GB of Parquet on disk, 50 million rows x 20 float32 features, 1%
minority, so about 49 million synthetic rows are written), on a quiet machine:

    .venv/bin/python benchmarks/bench_dask.py

It runs ``smotekit resample --engine dask``'s code path on a local cluster of 2 worker
processes capped at 4 GiB each (1 thread each), watching every worker's memory, and then
in-memory smotekit on the first 5 million rows of the same data (in a subprocess, so its
peak memory is its own). Then it writes the table to docs/distributed_benchmark.md.

Smoke test (seconds; writes its report under the data folder, not docs/):

    .venv/bin/python benchmarks/bench_dask.py --rows 200000 --in-memory-rows 100000 \\
        --data-dir /tmp/smotekit-bench --report /tmp/smotekit-bench/report.md

Options: --rows, --features, --minority, --rows-per-file, --workers, --memory-limit,
--in-memory-rows (0 skips that run), --data-dir (default: smotekit-bench-dask in the temp
folder; the data is made once and reused, delete it afterwards), --report.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
LABEL = "label"


def make_data(folder: Path, rows: int, features: int, minority: float, per_file: int) -> None:
    """Parquet files of ``per_file`` rows: float32 features, int8 label, ``minority`` ones.

    Made file by file from per-file seeds, so memory stays at one file; reused when the
    folder already holds data of the same shape.
    """
    import pandas as pd

    manifest = folder / "manifest.json"
    wanted = {"rows": rows, "features": features, "minority": minority, "per_file": per_file}
    if manifest.exists() and json.loads(manifest.read_text()) == wanted:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    columns = [f"f{j:02d}" for j in range(features)]
    n_files = -(-rows // per_file)
    for i in range(n_files):
        n = min(per_file, rows - i * per_file)
        rng = np.random.default_rng([2024, i])
        label = (rng.random(n) < minority).astype(np.int8)
        values = rng.standard_normal((n, features), dtype=np.float32)
        values[label == 1] += np.float32(1.5)  # the minority sits off-centre
        frame = pd.DataFrame(values, columns=columns)
        frame[LABEL] = label
        frame.to_parquet(folder / f"part-{i:05d}.parquet", index=False)
        print(f"made {folder.name}/part-{i:05d}.parquet ({n} rows)", file=sys.stderr)
    manifest.write_text(json.dumps(wanted))


class MemoryWatch:
    """Polls the resident memory of some processes in a thread; keeps each one's peak."""

    def __init__(self, pids: dict, interval: float = 0.2):
        import psutil

        self.processes = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.peak = dict.fromkeys(pids, 0)
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for name, process in self.processes.items():
                with contextlib.suppress(psutil.NoSuchProcess):
                    self.peak[name] = max(self.peak[name], process.memory_info().rss)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_dask(data: Path, out: Path, workers: int, memory_limit: str) -> dict:
    import logging

    from distributed import Client, LocalCluster

    from smotekit import SMOTE
    from smotekit._dask._parquet import resample_parquet

    shutil.rmtree(out, ignore_errors=True)
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            memory_limit=memory_limit,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = client.run(os.getpid)
        start = time.perf_counter()
        with MemoryWatch(pids) as watch:
            before, after, n_rows = resample_parquet(
                str(data),
                str(out),
                LABEL,
                SMOTE(random_state=0),
                scheduler=cluster.scheduler_address,
                progress=True,
            )
        seconds = time.perf_counter() - start
        survived = client.run(os.getpid) == pids  # a killed worker comes back with a new pid
    return {
        "seconds": seconds,
        "rows_written": n_rows,
        "synthetic": n_rows - sum(before.values()),
        "before": before,
        "after": after,
        "worker_peak": watch.peak,
        "client_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "workers_survived": survived,
    }


IN_MEMORY = """
import json, resource, sys, time
from pathlib import Path
import pandas as pd
from smotekit import SMOTE
files, out, label = sys.argv[1].split(","), sys.argv[2], sys.argv[3]
start = time.perf_counter()
table = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
X, y = table.drop(columns=[label]), table[label]
t0 = time.perf_counter()
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
resample = time.perf_counter() - t0
X_res.assign(**{label: y_res}).to_parquet(out, index=False)
print(json.dumps({
    "seconds": time.perf_counter() - start, "resample_seconds": resample,
    "rows_written": len(X_res), "synthetic": len(X_res) - len(table),
    "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
}))
"""


def run_in_memory(data: Path, rows: int, out: Path) -> dict:
    files, n = [], 0
    for f in sorted(data.glob("part-*.parquet")):
        if n >= rows:
            break
        import pyarrow.parquet as pq

        files.append(str(f))
        n += pq.ParquetFile(f).metadata.num_rows
    result = subprocess.run(
        [sys.executable, "-c", IN_MEMORY, ",".join(files), str(out), LABEL],
        capture_output=True,
        text=True,
        check=True,
    )
    out.unlink(missing_ok=True)
    return {**json.loads(result.stdout.strip().splitlines()[-1]), "rows_in": n}


def gib(n: float) -> str:
    return f"{n / 2**30:.2f} GiB"


def report(args, dask_result: dict, memory_result: dict | None) -> str:
    command = "python benchmarks/bench_dask.py " + " ".join(sys.argv[1:])
    w = dask_result["worker_peak"]
    lines = [
        "# Dask engine at scale",
        "",
        f"Written by `{command.strip()}` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}).",
        "",
        f"Data: {args.rows:,} rows x {args.features} float32 features as Parquet "
        f"({args.rows_per_file:,} rows per file), {args.minority:.0%} minority. "
        f"`SMOTE(random_state=0)` to balance the classes.",
        "",
        "| run | rows in | rows written | synthetic | time | rows written / s | peak memory |",
        "|---|---|---|---|---|---|---|",
        f"| Dask, {args.workers} workers x {args.memory_limit}, 1 thread each "
        f"| {sum(dask_result['before'].values()):,} | {dask_result['rows_written']:,} "
        f"| {dask_result['synthetic']:,} | {dask_result['seconds']:.1f} s "
        f"| {dask_result['rows_written'] / dask_result['seconds']:,.0f} "
        f"| per worker: {', '.join(gib(v) for v in w.values())}; "
        f"client: {gib(dask_result['client_peak'])} |",
    ]
    if memory_result is not None:
        m = memory_result
        lines.append(
            f"| in-memory smotekit (read, resample, write one file) | {m['rows_in']:,} "
            f"| {m['rows_written']:,} | {m['synthetic']:,} | {m['seconds']:.1f} s "
            f"(resample {m['resample_seconds']:.1f} s) | {m['rows_written'] / m['seconds']:,.0f} "
            f"| {gib(m['peak'])} |"
        )
    survived = "yes" if dask_result["workers_survived"] else "NO: a worker was restarted"
    lines += [
        "",
        f"Every worker finished without being killed or restarted: {survived}.",
        "Peak memory is the largest resident set size seen (polled every 0.2 s) of each worker",
        "process; the client's and the in-memory run's are their own processes' maxima.",
        "",
    ]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--minority", type=float, default=0.01)
    parser.add_argument("--rows-per-file", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="4GiB")
    parser.add_argument("--in-memory-rows", type=int, default=5_000_000)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "smotekit-bench-dask"
    )
    parser.add_argument("--report", type=Path, default=REPO / "docs" / "distributed_benchmark.md")
    args = parser.parse_args(argv)

    data = args.data_dir / "input"
    make_data(data, args.rows, args.features, args.minority, min(args.rows_per_file, args.rows))
    dask_result = run_dask(data, args.data_dir / "output", args.workers, args.memory_limit)
    shutil.rmtree(args.data_dir / "output", ignore_errors=True)
    memory_result = None
    if args.in_memory_rows:
        memory_result = run_in_memory(data, args.in_memory_rows, args.data_dir / "memory.parquet")
    text = report(args, dask_result, memory_result)
    args.report.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
