"""benchmarks/bench_versions.py: its refusals, the order it times the trees in, and one
small end-to-end run (no timing is checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench(load_benchmark):
    return load_benchmark("bench_versions")


class ScriptedTree:
    """Answers with the next of ``times`` and records who was asked, in order."""

    def __init__(self, name, times, log):
        self.name, self.times, self.log = name, list(times), log

    def ask(self, case, method, warm=False):
        self.log.append((self.name, "warm" if warm else "timed"))
        return 0.0 if warm else self.times.pop(0)


def test_trees_alternate_who_goes_first_and_each_gets_its_median(bench):
    log = []
    a = ScriptedTree("A", [0.5, 0.1, 0.3, 0.9, 0.2], log)
    b = ScriptedTree("B", [0.4, 0.6, 0.2, 0.8, 0.1], log)
    medians = bench.compare([a, b], (1000, 5, "float64", 0.1), "exact", 3, 5)
    # Both warm up, then A B, B A, A B, B A, A B: five timed runs each (fast cell).
    assert log[:2] == [("A", "warm"), ("B", "warm")]
    assert [name for name, kind in log[2:]] == list("ABBAABBAAB")
    assert medians == [0.3, 0.4]  # median of A's and B's five answers


def test_a_cell_whose_first_run_takes_a_second_gets_the_slow_repeats(bench):
    log = []
    a = ScriptedTree("A", [1.5, 1.0, 2.0], log)
    b = ScriptedTree("B", [0.2, 0.3, 0.1], log)
    assert bench.compare([a, b], (1000, 5, "float64", 0.1), "exact", 3, 9) == [1.5, 0.2]
    assert sum(kind == "timed" for _, kind in log) == 6


def test_refusals(bench, tmp_path, capsys):
    with pytest.raises(SystemExit):
        bench.main([])
    assert "give two source trees" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        bench.main([str(ROOT), str(ROOT), "--repeats", "0"])
    assert "--repeats must be >= 1; got 0" in capsys.readouterr().err
    with pytest.raises(SystemExit, match=f"{tmp_path} has no src/smotekit"):
        bench.main([str(tmp_path), str(ROOT)])


def test_a_small_run_of_one_tree_against_itself_writes_both_searches(bench, tmp_path):
    out = tmp_path / "versions.md"
    argv = [str(ROOT), str(ROOT), "--rows", "2000", "--features", "5", "--dtypes", "float64"]
    argv += ["--extra", "none", "--repeats", "1", "--small-repeats", "1", "--output", str(out)]
    assert bench.main(argv) == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 4 and lines[0].startswith("| cell | search |")
    assert [line.split("|")[1:3] for line in lines[2:]] == [
        [" 2,000 x 5, float64, 10% ", " exact "],
        [" 2,000 x 5, float64, 10% ", " approximate "],
    ]
    assert not list(tmp_path.glob("*.tmp"))
