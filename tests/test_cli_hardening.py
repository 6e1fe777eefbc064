"""The command line under bad input, failures and signals (issue 10): exit codes, messages
that name the problem, all-or-nothing outputs, no temporary left behind.

In-process ``main`` calls where the outcome is a message and an exit code; subprocesses
where a signal or a resource limit must hit a real process.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smotekit._cli import main
from smotekit.datasets import make_demo


@pytest.fixture
def table(tmp_path) -> Path:
    X, y = make_demo()
    df = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    df["label"] = np.where(y == 1, "fraud", "ok")
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    return path


def names_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# ------------------------------------------------ item 13: one exit-code convention, umask


@pytest.mark.parametrize(
    "options",
    [
        ["--samplers", "NoSuchSampler"],
        ["--classifiers", "nosuchclassifier"],
        ["--samplers", "none"],
        ["--sampling-strategy", "most"],
    ],
)
def test_analyze_usage_errors_exit_2(table, tmp_path, capsys, options):
    output = str(tmp_path / "r.html")
    code = main(["analyze", str(table), "--target", "label", "-o", output, *options])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("smotekit analyze: error: ") and err.count("\n") == 1
    assert names_in(tmp_path) == {"data.csv"}


def test_resample_and_analyze_agree_on_usage_errors(table, tmp_path, capsys):
    """The same bad option value is a usage error (2) in both subcommands."""
    resample = ["resample", str(table), "--target", "label", "-o", str(tmp_path / "o.csv")]
    analyze = ["analyze", str(table), "--target", "label", "-o", str(tmp_path / "r.html")]
    for command in (resample, analyze):
        assert main([*command, "--sampling-strategy", "most"]) == 2
        assert "--sampling-strategy 'most' is not one of" in capsys.readouterr().err
        assert main([*command, "--sampling-strategy", "fraud:many"]) == 2
        assert "the count for class 'fraud' must be an integer" in capsys.readouterr().err
        with pytest.raises(SystemExit) as exit_:
            main([*command, "--k-neighbors", "0"])
        assert exit_.value.code == 2
        assert "--k-neighbors: must be an integer >= 1; got '0'" in capsys.readouterr().err
    assert names_in(tmp_path) == {"data.csv"}


def test_outputs_follow_the_umask(tmp_path):
    """The Dask output directory and every output file get the permissions the umask gives
    a new directory / file (mkdtemp and mkstemp alone would make them private)."""
    import dask
    import dask.dataframe as dd

    from smotekit._atomic import write_atomically
    from smotekit._dask import _parquet

    frame = dd.from_pandas(pd.DataFrame({"a": np.arange(6.0)}), npartitions=2)
    old = os.umask(0o027)
    try:
        compute = lambda tasks, what: dask.compute(*tasks)  # noqa: E731 (no cluster needed)
        _parquet.write_directory(frame, tmp_path / "parts", compute)
        write_atomically(tmp_path / "one.txt", lambda tmp: Path(tmp).write_text("x"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "parts").stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "one.txt").stat().st_mode) == 0o640
    assert len(list((tmp_path / "parts").iterdir())) == 2


# ------------------------------------------------ item 11: errors that name the real problem


def test_header_only_csv_says_it_has_no_rows(tmp_path, capsys):
    source = tmp_path / "empty.csv"
    source.write_text("f0,f1,label\n")
    assert main(["resample", str(source), "--target", "label", "-o", str(tmp_path / "o.csv")]) == 1
    err = capsys.readouterr().err
    assert f"INPUT {str(source)!r} has no rows (only a header with 3 columns)" in err
    assert "non-numeric" not in err


@pytest.mark.parametrize("name", ["latin.csv", "latin.csv.gz"])
def test_undecodable_csv_names_file_line_and_byte_and_hints_at_encoding(tmp_path, capsys, name):
    rows = ["f0,city,label"] + [f"{i},Paris,{i % 2}" for i in range(40)] + ["7,Orléans,1"]
    source = tmp_path / name
    data = ("\n".join(rows) + "\n").encode("latin-1")
    if name.endswith(".gz"):
        import gzip

        data = gzip.compress(data)
    source.write_bytes(data)
    byte = len("\n".join(rows[:-1])) + 1 + len("7,Orl")  # the file offset of the 0xe9 byte
    args = ["resample", str(source), "--target", "label", "-o", str(tmp_path / "o.csv")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"INPUT {str(source)!r} is not valid utf-8: byte 0xe9 at line 42 (byte {byte}" in err
    assert "--encoding latin-1" in err
    capsys.readouterr()
    assert main([*args, "--encoding", "latin-1", "--sampler", "RandomOverSampler"]) == 0
    written = pd.read_csv(tmp_path / "o.csv")  # written as UTF-8
    assert "Orléans" in set(written["city"])


def test_unknown_encoding_is_a_usage_error(table, tmp_path, capsys):
    args = ["resample", str(table), "--target", "label", "-o", str(tmp_path / "o.csv")]
    assert main([*args, "--encoding", "klingon"]) == 2
    assert "--encoding 'klingon' is not an encoding" in capsys.readouterr().err


def _limit_file_size():
    """In the child: files may not grow past 4 KB, and going past fails with EFBIG (the
    way a full disk fails a write) instead of killing the process with SIGXFSZ."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_failed_write_names_the_output_not_the_temporary(table, tmp_path, suffix):
    import subprocess
    import sys

    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"previous")
    command = ["resample", str(table), "--target", "label", "-o", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "smotekit", *command],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1
    assert "File too large" in result.stderr and f"{str(out)!r}" in result.stderr
    assert ".tmp" not in result.stderr
    assert out.read_bytes() == b"previous"
    assert names_in(tmp_path) == {"data.csv", out.name}


# ------------------------------------------------ item 12: no analysis on folds without a class


@pytest.fixture
def few_minority(tmp_path) -> Path:
    """300 majority rows and 27 minority rows (label 1), as in the issue's report."""
    X, y = make_demo()
    df = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    df["label"] = y
    path = tmp_path / "few.csv"
    pd.concat([df[df.label == 0].iloc[:300], df[df.label == 1].iloc[:27]]).to_csv(path, index=False)
    return path


def test_more_folds_than_minority_rows_is_refused_before_any_fold(few_minority, tmp_path, capsys):
    out = tmp_path / "r.html"
    args = ["analyze", str(few_minority), "--target", "label", "-o", str(out), "--folds", "50"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err == (
        "smotekit analyze: error: cv has 50 folds, but class 1 has only 27 rows, so some test "
        "folds would hold none of it and its scores there are undefined; use at most 27 folds.\n"
    )
    assert names_in(tmp_path) == {"few.csv"}


def test_the_fold_check_comes_before_any_sampler_runs():
    from sklearn.model_selection import RepeatedStratifiedKFold

    from smotekit.evaluation import evaluate

    class MustNotRun:
        def fit_resample(self, X, y):
            raise AssertionError("a fold ran")

    X, y = make_demo()
    keep = np.r_[np.flatnonzero(y == 0)[:300], np.flatnonzero(y == 1)[:27]]
    cv = RepeatedStratifiedKFold(n_splits=28, n_repeats=1, random_state=0)
    with pytest.raises(ValueError, match="cv has 28 folds, but class 1 has only 27 rows"):
        evaluate(X[keep], y[keep], samplers={"x": MustNotRun()}, classifiers=["tree"], cv=cv)


def test_as_many_folds_as_minority_rows_runs_without_warnings(few_minority, tmp_path, recwarn):
    out = tmp_path / "r.html"
    args = ["analyze", str(few_minority), "--target", "label", "-o", str(out), "--folds", "27"]
    assert main([*args, "--repeats", "1", "--classifiers", "tree"]) == 0
    assert [str(w.message) for w in recwarn] == []
    assert names_in(tmp_path) == {"few.csv", "r.html", "r.json"}


# ------------------------------------------------ item 10: analyze writes all its files or none


@pytest.fixture
def previous_outputs(tmp_path) -> dict:
    """A report, its JSON and a plot from an earlier run, each with recognisable content."""
    folder = tmp_path / "reports"
    folder.mkdir()
    files = {name: f"previous {name}" for name in ("r.html", "r.json", "p.png")}
    for name, text in files.items():
        (folder / name).write_text(text)
    return files


def _analyze_into(folder: Path, table: Path, *extra) -> int:
    quick = ["--folds", "2", "--repeats", "1", "--classifiers", "tree"]
    return main(
        ["analyze", str(table), "--target", "label", "-o", str(folder / "r.html"), *quick, *extra]
    )


def assert_kept(folder: Path, previous: dict, also=()) -> None:
    assert names_in(folder) == set(previous) | set(also)  # no temporary, no backup
    for name, text in previous.items():
        assert (folder / name).read_text() == text, name


def test_analyze_replaces_all_outputs_together(table, tmp_path, previous_outputs):
    folder = tmp_path / "reports"
    assert _analyze_into(folder, table, "--plot", str(folder / "p.png")) == 0
    assert names_in(folder) == set(previous_outputs)
    assert (folder / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (folder / "p.png").read_bytes()[:4] == b"\x89PNG"


def test_a_failed_json_keeps_the_previous_report(table, tmp_path, previous_outputs, capsys):
    folder = tmp_path / "reports"
    (folder / "blocked.json").mkdir()  # the JSON cannot be put in place
    assert _analyze_into(folder, table, "--json", str(folder / "blocked.json")) == 1
    assert "blocked.json" in capsys.readouterr().err
    assert_kept(folder, previous_outputs, also={"blocked.json"})


def test_a_failed_plot_keeps_the_previous_report_and_json(
    table, tmp_path, previous_outputs, capsys
):
    folder = tmp_path / "reports"
    (folder / "blocked.png").mkdir()  # the plot cannot be put in place
    assert _analyze_into(folder, table, "--plot", str(folder / "blocked.png")) == 1
    assert "blocked.png" in capsys.readouterr().err
    assert_kept(folder, previous_outputs, also={"blocked.png"})


# ------------------------------------------------ item 9: SIGINT / SIGTERM leave nothing behind


def _stop_before_commit(command: list, folder: Path, signum: int):
    """Run ``smotekit COMMAND`` in a subprocess, paused by the test hook once every output
    is complete in its temporary (the moment a signal leaves the most behind), send
    ``signum`` to its whole process group (as a terminal's Ctrl-C, or a service manager's
    stop, reaches every process, Dask workers included) and return the finished process."""
    import subprocess
    import sys
    import time

    from smotekit._atomic import PAUSE_ENV

    flag = folder.parent / f"paused-{os.getpid()}-{signum}"
    env = {**os.environ, "MPLBACKEND": "Agg", PAUSE_ENV: str(flag)}
    process = subprocess.Popen(
        [sys.executable, "-m", "smotekit", *map(str, command)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240  # a bound on the wait, not a timing assertion
        while not flag.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the command never reached its commit"
            time.sleep(0.05)
        leftovers = {p.name for p in folder.iterdir()}
        os.killpg(process.pid, signum)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    flag.unlink()
    return process.returncode, out, err, leftovers


SIGNALS = pytest.mark.parametrize(
    ("signame", "code"), [("SIGINT", 130), ("SIGTERM", 143)], ids=["SIGINT", "SIGTERM"]
)


@SIGNALS
def test_signal_during_resample_keeps_the_previous_output(table, tmp_path, signame, code):
    import signal

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "res.csv").write_text("previous")
    command = ["resample", table, "--target", "label", "-o", folder / "res.csv"]
    rc, _, err, paused = _stop_before_commit(command, folder, getattr(signal, signame))
    assert len(paused) == 2  # the hook saw the finished temporary beside the old file
    assert rc == code, err
    assert err == f"smotekit resample: interrupted by {signame}\n"
    assert names_in(folder) == {"res.csv"}
    assert (folder / "res.csv").read_text() == "previous"


@SIGNALS
def test_signal_during_analyze_keeps_the_previous_outputs(
    table, tmp_path, previous_outputs, signame, code
):
    import signal

    folder = tmp_path / "reports"
    quick = ["--folds", "2", "--repeats", "1", "--classifiers", "tree"]
    command = ["analyze", table, "--target", "label", "-o", folder / "r.html", *quick]
    command += ["--plot", folder / "p.png"]
    rc, _, err, paused = _stop_before_commit(command, folder, getattr(signal, signame))
    assert len(paused) == 6  # three finished temporaries beside the three old files
    assert rc == code, err
    assert err == f"smotekit analyze: interrupted by {signame}\n"
    assert_kept(folder, previous_outputs)


@SIGNALS
def test_signal_during_dask_resample_leaves_no_directory(tmp_path, signame, code):
    """The local cluster is running and every partition is written in the hidden directory
    when the signal comes: the cluster is closed, the directory removed, one line printed."""
    import signal

    X, y = make_demo()
    df = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])]).assign(label=y)
    source = tmp_path / "in.parquet"
    df.to_parquet(source)
    folder = tmp_path / "out"
    folder.mkdir()
    command = ["resample", source, "--target", "label", "-o", folder / "res", "--engine", "dask"]
    rc, _, err, paused = _stop_before_commit(command, folder, getattr(signal, signame))
    assert len(paused) == 1 and next(iter(paused)).startswith(".res.")
    assert rc == code, err
    assert err.splitlines()[-1] == f"smotekit resample: interrupted by {signame}"
    assert [line for line in err.splitlines() if "partitions" not in line] == [
        f"smotekit resample: interrupted by {signame}"
    ], err
    assert names_in(folder) == set()


def test_write_all_atomically_keeps_every_previous_file_when_one_write_fails(tmp_path):
    import errno

    from smotekit._atomic import write_all_atomically

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"previous {name}")

    def full_disk(tmp):
        Path(tmp).write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))

    writes = {
        tmp_path / "a.txt": lambda tmp: Path(tmp).write_text("new"),
        tmp_path / "b.txt": full_disk,
    }
    with pytest.raises(OSError, match=r"No space left on device: '.*b\.txt'$") as raised:
        write_all_atomically(writes)
    assert raised.value.errno == errno.ENOSPC
    assert_kept(tmp_path, {name: f"previous {name}" for name in ("a.txt", "b.txt")})
