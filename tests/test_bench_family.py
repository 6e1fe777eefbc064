"""benchmarks/bench_family.py: its cases cover the family, and its cells (no timing here)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def bench(load_benchmark):
    return load_benchmark("bench_family")


def test_every_sampler_and_ensemble_both_libraries_have_is_a_case(bench):
    pytest.importorskip("imblearn")
    assert bench.uncovered() == []
    names = {c[1] for c in bench.CASES}
    assert (
        len(
            names
            - {
                "BalancedRandomForestClassifier",
                "BalancedBaggingClassifier",
                "EasyEnsembleClassifier",
                "RUSBoostClassifier",
            }
        )
        == 21
    )
    assert {"BalancedRandomForestClassifier", "RUSBoostClassifier"} <= names


def test_cells_of_a_stopped_a_failed_and_an_ensemble_case(bench):
    run = "2,000 rows, today"
    stopped = bench.row(
        "CondensedNearestNeighbour", "imblearn", {"error": "over 420 s", "timed_out": True}, run
    )
    assert "stopped at the --timeout (over 420 s)" in stopped
    failed = bench.row("SMOTE", "smotekit", {"error": "ValueError: a | b"}, run)
    assert "failed: ValueError: a \\| b" in failed  # a pipe would split the cell
    fitted = bench.row(
        "RUSBoostClassifier",
        "smotekit",
        {
            "seconds": 1.234,
            "peak_mib": 12.4,
            "predict_seconds": 0.5,
            "members": 3,
            "counts_in": {"0": 9, "1": 1},
            "warnings": [],
        },
        run,
    )
    assert fitted == (
        "| RUSBoostClassifier | smotekit | - | - | 1.23 | 12 | 3 members; predict_proba 0.50 s "
        "| 2,000 rows, today |"
    )


def test_unknown_case_labels_are_refused(bench, capsys):
    with pytest.raises(SystemExit):
        bench.main(["--cases", "NoSuchCase", "--out", "/nonexistent/x.md"])
    assert "NoSuchCase" in capsys.readouterr().err


def test_error_line_keeps_the_message_of_a_long_exception(bench):
    stderr = (
        'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n'
        "numpy._core._exceptions._ArrayMemoryError: Unable to allocate 2.19 TiB for an array "
        "with shape (90000, 10000, 20) and data type float64\n"
    )
    assert bench.error_line(stderr) == (
        "_ArrayMemoryError: Unable to allocate 2.19 TiB for an array with shape (90000, 10000,…"
    )
    assert bench.error_line("ValueError: k must be >= 1\n") == "ValueError: k must be >= 1"
    assert bench.error_line("something went wrong: badly\n") == "something went wrong: badly"
    assert bench.error_line("") == "failed"
