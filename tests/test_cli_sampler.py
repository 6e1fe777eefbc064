"""``smotekit resample --sampler NAME``: every registered sampler from the command line."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from smotekit._cli import main
from smotekit._registry import sampler_names


@pytest.fixture
def table(tmp_path):
    rng = np.random.default_rng(0)
    y = np.repeat(["ok", "fraud"], [90, 30])
    frame = pd.DataFrame(
        {
            "amount": rng.normal(size=120) + (y == "fraud") * 1.2,
            "hour": rng.integers(0, 24, size=120),
            "label": y,
        }
    )
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    return path


def run(*args) -> int:
    return main([str(a) for a in args])


# SMOTENC needs a categorical column: see test_smotenc_finds_text_columns_itself.
@pytest.mark.parametrize("name", [n for n in sampler_names() if n != "SMOTENC"])
def test_every_sampler_runs_by_name(name, table, tmp_path, capsys):
    out = tmp_path / "out.csv"
    extra = ["--k-neighbors", "3"] if name not in ("TomekLinks", "RandomUnderSampler") else []
    code = run("resample", table, "--target", "label", "-o", out, "--sampler", name.lower(), *extra)
    assert code == 0, capsys.readouterr().err
    result = pd.read_csv(out)
    counts = Counter(result["label"])
    assert list(result.columns) == ["amount", "hour", "label"]
    assert set(counts) == {"ok", "fraud"}
    printed = capsys.readouterr().out
    assert f"wrote {out}: {len(result)} rows" in printed
    if name in ("RandomUnderSampler",):
        assert counts == {"ok": 30, "fraud": 30} and "(60 removed)" in printed


def test_smotenc_finds_text_columns_itself(tmp_path, capsys):
    rng = np.random.default_rng(1)
    y = np.repeat(["a", "b"], [60, 20])
    frame = pd.DataFrame(
        {"x": rng.normal(size=80), "colour": rng.choice(["red", "blue"], 80), "label": y}
    )
    path = tmp_path / "mixed.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "out.csv"
    assert run("resample", path, "--target", "label", "-o", out, "--sampler", "SMOTENC") == 0
    result = pd.read_csv(out)
    assert set(result["colour"]) == {"red", "blue"} and len(result) == 120
    assert run("resample", path, "--target", "label", "-o", tmp_path / "o2.csv") == 1
    assert "SMOTENC" in capsys.readouterr().err  # SMOTE's error points to SMOTENC


def test_unknown_sampler_is_a_usage_error_listing_the_names(table, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run("resample", table, "--target", "label", "-o", tmp_path / "o.csv", "--sampler", "smot")
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown sampler 'smot'" in err and "BorderlineSMOTE" in err
    assert not (tmp_path / "o.csv").exists()


def test_dask_engine_runs_smote_only(table, tmp_path, capsys):
    code = run(
        "resample",
        table,
        "--target",
        "label",
        "-o",
        tmp_path / "o",
        "--sampler",
        "ADASYN",
        "--engine",
        "dask",
    )
    assert code == 2 and "--engine dask runs SMOTE only" in capsys.readouterr().err
