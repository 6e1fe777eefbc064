"""The ``smotekit`` command end to end, through a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smotekit.datasets import make_demo


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "smotekit", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )


@pytest.fixture
def table(tmp_path) -> Path:
    X, y = make_demo()
    df = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    df["count"] = np.round(np.abs(X[:, 0]) * 10).astype(np.int64)
    df["label"] = np.where(y == 1, "fraud", "ok")
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    return path


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_help_lists_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "analyze" in result.stdout and "resample" in result.stdout


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from smotekit._cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('sklearn', 'pandas', 'matplotlib', 'scipy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_analyze_prints_counts_and_writes_the_report(tmp_path):
    # What `make run` does (with one fast classifier): the demo data, the default strategies,
    # the verdict under the counts, the HTML report and its JSON.
    result = run("analyze", "--classifiers", "logreg", "--repeats", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "seed 42 (--random-state); strategies none, class_weight, threshold, SMOTE; "
        "classifiers logreg"
    )
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:6]}
    assert rows["0"] == ["897", "897", "0"]
    assert rows["1"] == ["103", "897", "794"]
    assert lines[7].startswith("Verdict: For logreg, SMOTE ")
    assert "Brier score" in lines[7] and "p 0.000" not in result.stdout
    assert files_in(tmp_path) == {"smotekit-report.html", "smotekit-report.json"}
    page = (tmp_path / "smotekit-report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page
    assert lines[-1] == "wrote smotekit-report.html, smotekit-report.json"


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".csv.gz"])
def test_resample_round_trip(table, tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    result = run("resample", table, "--target", "label", "-o", out, "--random-state", "3")
    assert result.returncode == 0, result.stderr
    assert "fraud" in result.stdout and "794" in result.stdout
    original = pd.read_csv(table)
    written = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
    assert list(written.columns) == list(original.columns)
    assert written["label"].value_counts().to_dict() == {"ok": 897, "fraud": 897}
    pd.testing.assert_frame_equal(written.iloc[: len(original)], original, check_dtype=False)
    assert written["count"].dtype.kind == "i"
    assert (written.iloc[len(original) :]["label"] == "fraud").all()


def test_resample_is_reproducible_and_leaves_input_alone(table, tmp_path):
    before = table.read_bytes()
    outs = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for out in outs:
        assert (
            run("resample", table, "--target", "label", "-o", out, "--random-state", "7").returncode
            == 0
        )
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert table.read_bytes() == before


def test_resample_dict_strategy(table, tmp_path):
    out = tmp_path / "out.csv"
    result = run(
        "resample", table, "--target", "label", "-o", out, "--sampling-strategy", "fraud:500"
    )
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(out)["label"].value_counts().to_dict() == {"ok": 897, "fraud": 500}


def expect_error(result, code: int, *words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_missing_input_file(tmp_path):
    result = run("resample", tmp_path / "nope.csv", "--target", "y", "-o", tmp_path / "o.csv")
    expect_error(result, 2, "nope.csv", "does not exist")
    assert files_in(tmp_path) == set()


def test_unsupported_extension(table, tmp_path):
    expect_error(
        run("resample", table, "--target", "label", "-o", tmp_path / "o.xlsx"), 2, "o.xlsx", ".csv"
    )
    assert files_in(tmp_path) == {"data.csv"}


def test_output_same_as_input_is_refused(table):
    before = table.read_bytes()
    expect_error(run("resample", table, "--target", "label", "-o", table), 2, "INPUT")
    assert table.read_bytes() == before


def test_unknown_column(table, tmp_path):
    result = run("resample", table, "--target", "klass", "-o", tmp_path / "o.csv")
    expect_error(result, 1, "'klass'", "label")
    assert files_in(tmp_path) == {"data.csv"}


def test_non_numeric_feature(table, tmp_path):
    df = pd.read_csv(table)
    df["colour"] = np.where(df["f0"] > 0, "red", "blue")
    df.to_csv(table, index=False)
    result = run("resample", table, "--target", "label", "-o", tmp_path / "o.csv")
    expect_error(result, 1, "'colour'", "SMOTENC")
    assert files_in(tmp_path) == {"data.csv"}


def test_sampler_error_leaves_no_file(table, tmp_path):
    result = run(
        "resample", table, "--target", "label", "-o", tmp_path / "o.parquet", "--k-neighbors", "200"
    )
    expect_error(result, 1, "'fraud'", "103 rows", "k_neighbors=200")
    assert files_in(tmp_path) == {"data.csv"}


def test_missing_feature_values(table, tmp_path):
    df = pd.read_csv(table)
    df.loc[5, "f2"] = np.nan
    df.to_csv(table, index=False)
    result = run("resample", table, "--target", "label", "-o", tmp_path / "o.csv")
    expect_error(result, 1, "NaN", "row 5", "'f2'")


def test_bad_strategy_text(table, tmp_path):
    result = run(
        "resample",
        table,
        "--target",
        "label",
        "-o",
        tmp_path / "o.csv",
        "--sampling-strategy",
        "most",
    )
    expect_error(result, 2, "--sampling-strategy", "'most'")  # a usage error
    result = run(
        "resample",
        table,
        "--target",
        "label",
        "-o",
        tmp_path / "o.csv",
        "--sampling-strategy",
        "cat:5",
    )
    expect_error(result, 1, "'cat'", "fraud")


def test_bad_option_is_a_usage_error(table, tmp_path):
    result = run(
        "resample", table, "--target", "label", "-o", tmp_path / "o.csv", "--k-neighbors", "five"
    )
    assert result.returncode == 2
    assert "--k-neighbors" in result.stderr


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from smotekit import _atomic

    target = tmp_path / "out.csv"

    def broken(tmp):
        Path(tmp).write_text("half a table")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        _atomic.write_atomically(target, broken)
    assert files_in(tmp_path) == set()


def test_resample_indicator_column_marks_the_synthetic_rows(table, tmp_path):
    out = tmp_path / "out.csv"
    args = ["resample", table, "--target", "label", "-o", out, "--random-state", "3"]
    result = run(*args, "--indicator-column", "is_synthetic")
    assert result.returncode == 0, result.stderr
    original = pd.read_csv(table)
    written = pd.read_csv(out)
    assert list(written.columns) == [*original.columns, "is_synthetic"]
    assert written["is_synthetic"].tolist() == [False] * 1000 + [True] * 794
    cleaned = run(
        "resample",
        table,
        "--target",
        "label",
        "-o",
        tmp_path / "t.csv",
        "--sampler",
        "TomekLinks",
        "--indicator-column",
        "new",
    )
    assert cleaned.returncode == 0, cleaned.stderr
    assert not pd.read_csv(tmp_path / "t.csv")["new"].any()
    before = out.read_bytes()
    taken = run(*args, "--indicator-column", "f0")
    assert taken.returncode == 2 and "'f0' is already a column" in taken.stderr
    assert out.read_bytes() == before  # the previous output is kept
