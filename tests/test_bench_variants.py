"""The variants benchmark's bookkeeping: which cases run, what each cell says, which
reference cases are skipped, and that a stopped run keeps the rows it measured."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def bench(load_benchmark):
    return load_benchmark("bench_variants")


def measured(seconds, counts, asked=900, peak=12.0):
    return {"seconds": seconds, "peak_mib": peak, "asked": asked, "counts_out": counts}


def test_select_takes_labels_and_class_names(bench):
    assert bench.select(["Lee", "CCR"]) == ["Lee", "CCR"]
    assert bench.select(["PolynomFitSMOTE"]) == [
        "polynom-fit-SMOTE star",
        "polynom-fit-SMOTE bus",
        "polynom-fit-SMOTE poly",
        "polynom-fit-SMOTE mesh",
    ]
    assert len(bench.select(None)) == 16  # SMOTE, 4 topologies, 10 more variants, Geometric
    with pytest.raises(SystemExit, match="unknown variants 'Nope'"):
        bench.select(["Lee", "Nope"])


def test_row_cells_ratios_and_exactness(bench):
    results = {
        (2000, "SMOTE", "smotekit"): measured(0.5, [900, 900]),
        (2000, "Lee", "smotekit"): measured(1.0, [900, 900], peak=7.4),
        (2000, "Lee", "smote-variants"): measured(3.0, [900, 990], peak=30.6),
    }
    cells = [c.strip() for c in bench.row(2000, "Lee", results, "today").strip("|").split("|")]
    assert cells == [
        "Lee",
        "2,000",
        "1.00",
        "3.00",
        "3.0",  # smote-variants / smotekit
        "2.0",  # smotekit / SMOTE
        "7",
        "31",
        "yes",
        "no (900 / 990, asked 900)",
        "today",
    ]


def test_row_says_why_a_cell_has_no_time(bench):
    results = {
        (100, "CCR", "smotekit"): {"error": "ValueError: bad | thing"},
        (100, "CCR", "smote-variants"): {"error": "600 s", "timed_out": True},
        (100, "Geometric SMOTE", "smotekit"): measured(0.2, [900, 900]),
        (100, "Geometric SMOTE", "smote-variants"): {"error": bench.NO_COUNTERPART},
    }
    ccr = bench.row(100, "CCR", results, "r")
    assert "| failed: ValueError: bad \\| thing | stopped: 600 s | - | - |" in ccr
    geometric = bench.row(100, "Geometric SMOTE", results, "r")
    assert "| 0.20 | no counterpart | - | - |" in geometric  # no SMOTE row: no ratio


def test_slow_reference_skips_only_above_a_slow_probe(bench, tmp_path):
    out = tmp_path / "none.md"
    slow = {(100_000, "Lee", "smote-variants"): measured(61.0, [1, 1])}
    fast = {(100_000, "Lee", "smote-variants"): measured(59.0, [1, 1])}
    stopped = {(100_000, "Lee", "smote-variants"): {"error": "600 s", "timed_out": True}}
    assert bench.slow_reference(slow, out, "Lee", 100_000, 60.0) is None  # the probe itself
    assert bench.slow_reference(fast, out, "Lee", 1_000_000, 60.0) is None
    assert bench.slow_reference(slow, out, "Lee", 1_000_000, 60.0) == {
        "error": "not run: 100k took 61 s",
        "skipped": True,
    }
    assert bench.slow_reference(stopped, out, "Lee", 1_000_000, 60.0)["error"] == (
        "not run: 100k was stopped"
    )
    assert bench.slow_reference({}, out, "Lee", 1_000_000, 60.0) is None  # nothing known


def test_slow_reference_reads_an_earlier_run_from_the_table(bench, tmp_path):
    out = tmp_path / "samplers.md"
    results = {
        (100_000, "Lee", "smotekit"): measured(1.0, [9, 9]),
        (100_000, "Lee", "smote-variants"): measured(125.0, [9, 9]),
        (100_000, "CCR", "smotekit"): measured(1.0, [9, 9]),
        (100_000, "CCR", "smote-variants"): {"error": "600 s", "timed_out": True},
    }
    new_rows = {
        (label, "100,000"): bench.row(100_000, label, results, "before") for label in ("Lee", "CCR")
    }
    order = [(c[0], f"{n:,}") for c in bench.CASES for n in bench.ROWS]
    args = (bench.MARKERS, bench.HEADING, bench.INTRO, bench.HEADER, new_rows, order)
    bench.write_rows(out, *args, bench.blank, bench.rank)
    assert bench.table_seconds(out, "Lee", 100_000) == 125.0
    assert bench.table_seconds(out, "CCR", 100_000) == float("inf")
    assert bench.table_seconds(out, "SMOBD", 100_000) is None  # "not run"
    assert bench.slow_reference({}, out, "Lee", 1_000_000, 60.0)["error"] == (
        "not run: 100k took 125 s"
    )


def test_a_stopped_run_keeps_the_rows_it_measured(bench, tmp_path, monkeypatch):
    out = tmp_path / "samplers.md"
    out.write_text("# Samplers\n\nText before the table.\n")
    calls = []

    def fake_measure(library, label, rows, timeout, script):
        calls.append((library, label))
        if label == "Lee":
            raise KeyboardInterrupt  # the run is stopped during its second row
        return measured(0.25, [900, 900])

    monkeypatch.setattr(bench, "measure", fake_measure)
    with pytest.raises(KeyboardInterrupt):
        bench.main(["--sizes", "2000", "--methods", "Lee", "--out", str(out)])
    assert calls == [("smotekit", "SMOTE"), ("smote-variants", "SMOTE"), ("smotekit", "Lee")]
    text = out.read_text()
    assert text.startswith("# Samplers\n\nText before the table.\n")
    smote = [line for line in text.splitlines() if line.startswith("| SMOTE | 2,000 |")]
    assert len(smote) == 1 and smote[0].startswith("| SMOTE | 2,000 | 0.25 | 0.25 | 1.0 | 1.0 |")
    lee = [line for line in text.splitlines() if line.startswith("| Lee | 2,000 |")]
    assert lee == [bench.blank(("Lee", "2,000"))]  # still "not run"
    assert not list(tmp_path.glob("*.tmp"))
