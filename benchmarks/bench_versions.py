"""Two smotekit source trees side by side: did a change make any SMOTE cell slower?

Each tree runs in its own long-lived worker process (``PYTHONPATH=<tree>/src``, so the
trees must be built: ``python setup.py build_ext --inplace`` in each); the driver asks
them in turn for the same timed ``SMOTE(random_state=0, neighbors=...).fit_resample`` on
the same data as ``bench_smote.py`` (its ``make_data``, ``timed`` and warm-up), A then B,
then B then A, and so on, so drift on the machine hits both alike. It prints, per cell
and search mode, the median time of each tree and the ratio B / A (above 1: B is slower),
and writes the same as a Markdown table to ``--output`` when given. Run it on a quiet
machine, from the project root, for example the current tree against an older commit
checked out with ``git worktree add /tmp/old <commit>``::

    .venv/bin/python benchmarks/bench_versions.py /tmp/old .

The cells default to ``bench_smote.py``'s grid; ``--rows``, ``--features``, ``--dtypes``
and ``--extra`` narrow it as there. A cell whose first run takes under a second gets
``--small-repeats`` timed runs per tree, others ``--repeats``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # bench_smote, a sibling script

import bench_smote  # noqa: E402

METHODS = ("exact", "approximate")


def worker() -> None:
    """Answer timing requests (one JSON line each) on stdin until it closes."""
    import smotekit

    print(json.dumps({"smotekit": str(Path(smotekit.__file__).parent)}), flush=True)
    data_key, X, y = None, None, None
    for line in sys.stdin:
        ask = json.loads(line)
        key = (ask["rows"], ask["features"], ask["dtype"], ask["minority"])
        if key != data_key:
            X = y = None
            X, y = bench_smote.make_data(*key)
            data_key = key
        if ask["warm"]:
            rows = bench_smote.warm_up_rows(len(y))
            seconds = bench_smote.timed("smotekit", ask["method"], X[:rows], y[:rows])
        else:
            seconds = bench_smote.timed("smotekit", ask["method"], X, y)
        print(json.dumps({"seconds": seconds}), flush=True)


class Tree:
    """A worker process importing smotekit from ``path/src``."""

    def __init__(self, path: Path):
        src = (path / "src").resolve()
        if not (src / "smotekit").is_dir():
            raise SystemExit(f"tree: {path} has no src/smotekit")
        env = dict(os.environ, PYTHONPATH=str(src))
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        loaded = json.loads(self.process.stdout.readline())["smotekit"]
        if Path(loaded).resolve() != (src / "smotekit"):
            raise SystemExit(f"tree: {path} imported smotekit from {loaded}, not {src}")
        self.path = path

    def ask(self, case, method: str, warm: bool = False) -> float:
        rows, features, dtype, minority = case
        request = {"rows": rows, "features": features, "dtype": dtype, "minority": minority}
        request.update(method=method, warm=warm)
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["seconds"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def compare(trees, case, method: str, repeats: int, small_repeats: int) -> list[float]:
    """Median seconds of each tree for one cell, alternating which goes first."""
    for tree in trees:
        tree.ask(case, method, warm=True)
    runs = [[] for _ in trees]
    first = [tree.ask(case, method) for tree in trees]
    for i, seconds in enumerate(first):
        runs[i].append(seconds)
    wanted = small_repeats if max(first) < 1.0 else repeats
    for repeat in range(1, wanted):
        order = range(len(trees)) if repeat % 2 == 0 else reversed(range(len(trees)))
        for i in order:
            runs[i].append(trees[i].ask(case, method))
    return [statistics.median(r) for r in runs]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", nargs="?", type=Path, help="the reference tree (A)")
    parser.add_argument("b", nargs="?", type=Path, help="the tree under test (B)")
    grid = bench_smote.parse_args([])  # the same cells as bench_smote.py by default
    parser.add_argument("--rows", default=grid.rows)
    parser.add_argument("--features", default=grid.features)
    parser.add_argument("--dtypes", default=grid.dtypes)
    parser.add_argument("--minority", type=float, default=grid.minority)
    parser.add_argument("--extra", default=grid.extra)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of a slow cell")
    parser.add_argument("--small-repeats", type=int, default=7, help="timed runs of a fast cell")
    parser.add_argument("--output", type=Path, help="also write the table here (Markdown)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker()
        return 0
    if args.a is None or args.b is None:
        parser.error("give two source trees: A (reference) and B (under test)")
    for name in ("repeats", "small_repeats"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be >= 1; got {getattr(args, name)}")
    trees = [Tree(args.a), Tree(args.b)]
    header = f"| cell | search | A s ({args.a}) | B s ({args.b}) | B / A |\n|---|---|---|---|---|"
    lines = [header]
    print(header, flush=True)
    try:
        for case in bench_smote.cases(args):
            rows, features, dtype, minority = case
            for method in METHODS:
                a, b = compare(trees, case, method, args.repeats, args.small_repeats)
                line = (
                    f"| {rows:,} x {features}, {dtype}, {minority:.0%} | {method} | "
                    f"{a:.4f} | {b:.4f} | {b / a:.3f} |"
                )
                lines.append(line)
                print(line, flush=True)
    finally:
        for tree in trees:
            tree.close()
    if args.output:
        tmp = args.output.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n")
        tmp.replace(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
