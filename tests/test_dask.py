"""The Dask engine: same rows as in-memory SMOTE, whatever the partitions; clear errors.

Most tests run on a LocalCluster of 2 in-process workers (one per test module); a few run on
dask's default threaded scheduler, and one runs the command line in a subprocess, where it
starts its own local cluster.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dask
import dask.array as da
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from distributed import Client, LocalCluster
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from smotekit import SMOTE
from smotekit._cli import main
from smotekit._dask import _engine, _parquet
from smotekit._interpolate import fill_dense
from smotekit._plan import PLAN_BLOCK_ROWS, Plan
from smotekit.dask import fit_resample, resample_parquet

# dask's own Parquet reader still calls reset_index(inplace=True), which pandas 3.1 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index")


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def make_table(n=240, seed=0, minority=(0.12, 0.06)) -> pd.DataFrame:
    """Three classes of very different sizes and mixed column dtypes (float64, int, bool)."""
    rng = np.random.default_rng(seed)
    u = rng.random(n)
    label = np.where(u < minority[0], "fraud", np.where(u < sum(minority), "abuse", "ok"))
    return pd.DataFrame(
        {
            "amount": rng.normal(size=n) * 100,
            "score": rng.normal(size=n),
            "visits": rng.integers(0, 50, n),
            "flag": rng.random(n) < 0.3,
            "label": label,
        }
    )


def split(table: pd.DataFrame, npartitions: int):
    frame = dd.from_pandas(table, npartitions=npartitions, sort=False)
    return frame.drop(columns=["label"]), frame["label"]


def in_memory(sampler, X, y):
    """In-memory SMOTE on the very values dask holds (dask may convert dtypes, e.g. strings)."""
    X_mem, y_mem = dask.compute(X, y)
    return sampler.fit_resample(X_mem, y_mem), (X_mem, y_mem)


# --------------------------------------------------------------------------- same rows


@pytest.mark.parametrize("npartitions", [1, 2, 4])
def test_frame_output_equals_in_memory_smote(client, npartitions):
    table = make_table()
    X, y = split(table, npartitions)
    sampler = SMOTE(random_state=7)
    X_res, y_res = sampler.fit_resample(X, y)
    assert isinstance(X_res, dd.DataFrame) and isinstance(y_res, dd.Series)

    reference = SMOTE(random_state=7)
    (X_ref, y_ref), _ = in_memory(reference, X, y)
    X_out, y_out = dask.compute(X_res, y_res)
    pd.testing.assert_frame_equal(X_out, X_ref, check_exact=True)
    pd.testing.assert_series_equal(y_out, y_ref, check_exact=True)
    assert sampler.sampling_strategy_ == reference.sampling_strategy_
    np.testing.assert_array_equal(
        sampler.synthetic_parents_.compute(), reference.synthetic_parents_
    )
    np.testing.assert_array_equal(sampler.synthetic_steps_.compute(), reference.synthetic_steps_)
    assert list(sampler.feature_names_in_) == ["amount", "score", "visits", "flag"]
    assert sampler.n_features_in_ == 4
    np.testing.assert_array_equal(sampler.classes_, reference.classes_)


@pytest.mark.parametrize("chunks", [300, 128, 37])
@pytest.mark.parametrize("dtype", [np.float32, np.int64])
def test_array_output_equals_in_memory_smote(client, chunks, dtype):
    rng = np.random.default_rng(1)
    X = (rng.normal(size=(300, 3)) * 20).astype(dtype)
    y = (rng.random(300) < 0.15).astype(np.int8)
    X_res, y_res = SMOTE(random_state=3).fit_resample(
        da.from_array(X, chunks=(chunks, 2)), da.from_array(y, chunks=chunks)
    )
    assert isinstance(X_res, da.Array) and isinstance(y_res, da.Array)
    X_ref, y_ref = SMOTE(random_state=3).fit_resample(X, y)
    X_out, y_out = dask.compute(X_res, y_res)
    assert X_out.dtype == X.dtype and y_out.dtype == y.dtype
    np.testing.assert_array_equal(X_out, X_ref)
    np.testing.assert_array_equal(y_out, y_ref)


def test_rows_equal_in_memory_interpolation_of_the_same_plan(client):
    """The synthetic rows are exactly what the in-memory kernel makes from the recorded plan."""
    table = make_table(seed=4)
    X, y = split(table, 3)
    sampler = SMOTE(random_state=11, k_neighbors=3)
    X_res, y_res = sampler.fit_resample(X, y)
    parents = sampler.synthetic_parents_.compute()
    steps = sampler.synthetic_steps_.compute()
    X_mem = X.compute()
    values = X_mem.to_numpy(dtype=np.float64)
    plan = Plan(parents[:, 0], parents[:, 1], steps, np.empty(len(steps)))
    expected = np.empty((len(steps), values.shape[1]))
    rounded = np.array([False, False, True, True])
    fill_dense(values, plan, expected, rounded)
    synthetic = X_res.compute().iloc[len(X_mem) :]
    np.testing.assert_array_equal(synthetic.to_numpy(dtype=np.float64), expected)
    # Every synthetic row's parents are two rows of the class it was made for.
    labels = y.compute().to_numpy()
    made_for = y_res.compute().to_numpy()[len(X_mem) :]
    assert (labels[parents[:, 0]] == made_for).all() and (labels[parents[:, 1]] == made_for).all()


def brute_force_segments(X_class: np.ndarray, k: int):
    """All (base, neighbour) local pairs with the neighbour among the base's k nearest
    (ties at the k-th distance included)."""
    d2 = ((X_class[:, None, :] - X_class[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(d2, np.inf)
    kth = np.sort(d2, axis=1)[:, k - 1]
    return np.nonzero(d2 <= kth[:, None] * (1 + 1e-9))


def test_segment_property_on_the_output(client):
    """Each synthetic row lies on a segment from a class row to one of its k nearest rows."""
    rng = np.random.default_rng(5)
    X = np.vstack([rng.normal(size=(150, 3)), rng.normal(loc=3, size=(25, 3))])
    y = np.array([0] * 150 + [1] * 25)
    order = rng.permutation(len(y))
    X, y = X[order], y[order]
    k = 4
    X_res, y_res = SMOTE(k_neighbors=k, random_state=0).fit_resample(
        da.from_array(X, chunks=50), da.from_array(y, chunks=50)
    )
    X_out, y_out = dask.compute(X_res, y_res)
    np.testing.assert_array_equal(X_out[: len(X)], X)  # originals first, unchanged
    new, new_labels = X_out[len(X) :], y_out[len(X) :]
    assert (new_labels == 1).all() and len(new) == 125
    X_class = X[y == 1]
    base, nb = brute_force_segments(X_class, k)
    a, b = X_class[base], X_class[nb]
    direction = b - a
    t = np.einsum("pjk,jk->pj", new[:, None, :] - a[None], direction) / np.einsum(
        "jk,jk->j", direction, direction
    )
    t = np.clip(t, 0, 1)
    closest = a[None] + t[:, :, None] * direction[None]
    distance = np.sqrt(((new[:, None, :] - closest) ** 2).sum(axis=2)).min(axis=1)
    assert distance.max() < 1e-9


def test_many_partitions_across_plan_blocks(client, monkeypatch):
    """Synthetic partitions that start and stop inside the plan's seed blocks."""
    rng = np.random.default_rng(9)
    X = rng.normal(size=(400, 2))
    y = np.array([0] * 370 + [1] * 30)
    n_new = PLAN_BLOCK_ROWS + 1000
    monkeypatch.setattr(_engine, "PARTITION_BYTES", 8 * 2 * 25_000)  # 25,000 rows each
    sampler = SMOTE(sampling_strategy={1: 30 + n_new}, random_state=2)
    X_res, _ = sampler.fit_resample(da.from_array(X, chunks=100), da.from_array(y, chunks=100))
    assert X_res.numblocks[0] == 4 + 3  # the input's blocks, then 3 synthetic partitions
    X_ref, _ = SMOTE(sampling_strategy={1: 30 + n_new}, random_state=2).fit_resample(X, y)
    np.testing.assert_array_equal(X_res.compute(), X_ref)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    npartitions=st.integers(1, 6),
    seed=st.integers(0, 10_000),
    strategy=st.sampled_from(["auto", "minority", "not majority", "all"]),
)
def test_output_does_not_depend_on_partitions(npartitions, seed, strategy):
    """On dask's threaded scheduler: any partitioning gives in-memory SMOTE's output."""
    table = make_table(n=90, seed=seed, minority=(0.3, 0.2))
    X, y = split(table, npartitions)
    assume(y.value_counts().compute().min() > 5)  # every class can be over-sampled
    X_res, y_res = SMOTE(random_state=seed, sampling_strategy=strategy).fit_resample(X, y)
    (X_ref, y_ref), _ = in_memory(SMOTE(random_state=seed, sampling_strategy=strategy), X, y)
    X_out, y_out = dask.compute(X_res, y_res)
    pd.testing.assert_frame_equal(X_out, X_ref, check_exact=True)
    pd.testing.assert_series_equal(y_out, y_ref, check_exact=True)


def test_string_index_gets_the_same_new_labels_as_in_memory(client):
    table = make_table(n=60, minority=(0.3, 0.0))
    labels = [f"row{i}" for i in range(len(table))]
    labels[3], labels[7] = "synthetic-0", "_synthetic-1"
    table.index = pd.Index(labels, name="id")
    X, y = split(table, 3)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    (X_ref, y_ref), _ = in_memory(SMOTE(random_state=0), X, y)
    X_out, y_out = dask.compute(X_res, y_res)
    pd.testing.assert_frame_equal(X_out, X_ref)
    pd.testing.assert_series_equal(y_out, y_ref)
    assert X_out.index[len(table)] == "__synthetic-0"


def test_only_the_plan_inputs_are_computed_eagerly(client):
    """fit_resample returns lazy collections: the input partitions, then synthetic ones."""
    X, y = split(make_table(), 3)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    assert dask.is_dask_collection(X_res) and dask.is_dask_collection(y_res)
    assert X_res.npartitions > X.npartitions
    assert isinstance(SMOTE().fit_resample(X, y)[0], dd.DataFrame)


def test_callable_strategy_sees_the_class_counts(client):
    X, y = split(make_table(), 3)

    def double_the_smallest(labels):
        values, counts = np.unique(labels, return_counts=True)
        return {values[counts.argmin()]: 2 * int(counts.min())}

    X_res, y_res = SMOTE(random_state=1, sampling_strategy=double_the_smallest).fit_resample(X, y)
    (X_ref, y_ref), _ = in_memory(
        SMOTE(random_state=1, sampling_strategy=double_the_smallest), X, y
    )
    pd.testing.assert_frame_equal(X_res.compute(), X_ref)
    pd.testing.assert_series_equal(y_res.compute(), y_ref)


def test_nothing_to_add_gives_back_the_input_collections(client):
    X, y = split(make_table(), 2)
    counts = y.value_counts().compute().to_dict()
    sampler = SMOTE(sampling_strategy=counts)
    X_res, y_res = sampler.fit_resample(X, y)
    assert X_res is X and y_res is y
    assert sampler.synthetic_parents_.shape == (0, 2)


def test_fit_sets_the_strategy_without_making_rows(client):
    X, y = split(make_table(), 2)
    sampler = SMOTE(random_state=0).fit(X, y)
    (_, _), (_, y_mem) = in_memory(SMOTE(random_state=0), X, y)
    counts = y_mem.value_counts()
    assert sampler.sampling_strategy_ == {
        "abuse": counts["ok"] - counts["abuse"],
        "fraud": counts["ok"] - counts["fraud"],
    }
    assert not hasattr(sampler, "synthetic_parents_")


def test_public_function_takes_a_budget(client):
    X, y = split(make_table(), 2)
    X_res, _ = fit_resample(SMOTE(random_state=0), X, y, memory_budget="1MiB")
    X_ref, _ = SMOTE(random_state=0).fit_resample(X, y)
    pd.testing.assert_frame_equal(X_res.compute(), X_ref.compute())


def test_works_without_a_cluster():
    """Dask's threaded scheduler (no distributed client) gives the same rows."""
    X, y = split(make_table(), 3)
    with dask.config.set(scheduler="threads"):
        X_res, _ = SMOTE(random_state=4).fit_resample(X, y)
        (X_ref, _), _ = in_memory(SMOTE(random_state=4), X, y)
        pd.testing.assert_frame_equal(X_res.compute(), X_ref)


def test_a_class_absent_from_some_partitions_is_fine(client):
    table = make_table(n=120, minority=(0.0, 0.0))
    table.loc[100:, "label"] = "fraud"  # only the last partition has fraud rows
    X, y = split(table, 4)
    X_res, _ = SMOTE(random_state=0).fit_resample(X, y)
    (X_ref, _), _ = in_memory(SMOTE(random_state=0), X, y)
    pd.testing.assert_frame_equal(X_res.compute(), X_ref)


# --------------------------------------------------------------------------- errors


def test_non_numeric_column_is_named_before_any_computation(client):
    table = make_table()
    table["city"] = "Paris"
    X, y = split(table, 2)
    with pytest.raises(ValueError, match=r"non-numeric feature columns: 'city'"):
        SMOTE().fit_resample(X, y)


def test_a_class_absent_from_y_is_named(client):
    X, y = split(make_table(), 2)
    with pytest.raises(ValueError, match=r"class\(es\) \['chargeback'\] that are not in y"):
        SMOTE(sampling_strategy={"chargeback": 500}).fit_resample(X, y)


def test_a_single_class_is_refused(client):
    table = make_table(minority=(0.0, 0.0))
    X, y = split(table, 2)
    with pytest.raises(ValueError, match="single class"):
        SMOTE().fit_resample(X, y)


def test_a_class_too_small_for_k_is_refused_before_gathering(client):
    table = make_table(n=40, minority=(0.0, 0.0))
    table.loc[:2, "label"] = "fraud"
    X, y = split(table, 2)
    with pytest.raises(ValueError, match=r"class 'fraud' has 3 rows, but k_neighbors=5"):
        SMOTE().fit_resample(X, y)


def test_non_finite_cell_is_located_by_global_row_and_column(client):
    table = make_table()
    table.loc[200, "score"] = np.inf
    X, y = split(table, 4)
    with pytest.raises(ValueError, match=r"infinite values: row 200, column 'score' is inf"):
        SMOTE().fit_resample(X, y)


def test_missing_label_is_located(client):
    rng = np.random.default_rng(0)
    y = (rng.random(100) < 0.2).astype(float)
    y[77] = np.nan
    X = rng.normal(size=(100, 2))
    with pytest.raises(ValueError, match=r"missing labels .* first at row 77"):
        SMOTE().fit_resample(da.from_array(X, chunks=30), da.from_array(y, chunks=30))


def test_mixed_dask_and_in_memory_inputs_are_refused():
    X, _ = split(make_table(), 2)
    with pytest.raises(TypeError, match="both be dask collections or neither"):
        SMOTE().fit_resample(X, make_table()["label"].to_numpy())


def test_misaligned_partitions_are_refused():
    table = make_table()
    X = dd.from_pandas(table.drop(columns=["label"]), npartitions=3)
    y = dd.from_pandas(table["label"], npartitions=2)
    with pytest.raises(ValueError, match=r"same row blocks .* X has 3, y has 2"):
        SMOTE().fit_resample(X, y)


def test_wrong_shapes_are_refused():
    X, y = split(make_table(), 2)
    with pytest.raises(ValueError, match="X must be 2-D"):
        SMOTE().fit_resample(X["score"], y)
    with pytest.raises(ValueError, match="y must be 1-D"):
        SMOTE().fit_resample(X, X)


def test_other_samplers_are_refused_with_a_reason():
    class Custom(SMOTE):
        def _plan(self, X, y, targets, streams):  # pragma: no cover - never called
            raise AssertionError

    X, y = split(make_table(), 2)
    with pytest.raises(TypeError, match="Custom cannot run on dask collections"):
        Custom().fit_resample(X, y)


def test_class_over_the_memory_budget_switches_to_approximate_search(client):
    X, y = split(make_table(), 2)
    with pytest.warns(UserWarning, match=r"memory budget of 100 B .*approximate"):
        X_res, y_res = fit_resample(SMOTE(random_state=0), X, y, memory_budget=100)
    # The result is what in-memory SMOTE gives with the approximate search.
    (X_ref, y_ref), _ = in_memory(SMOTE(random_state=0, neighbors="approximate"), X, y)
    X_out, y_out = dask.compute(X_res, y_res)
    pd.testing.assert_frame_equal(X_out, X_ref, check_exact=True)
    pd.testing.assert_series_equal(y_out, y_ref, check_exact=True)


def test_class_over_the_memory_budget_with_an_estimator_stops(client):
    # A user's own neighbour estimator has no approximate counterpart: stop, naming the budget.
    from sklearn.neighbors import NearestNeighbors

    X, y = split(make_table(), 2)
    with pytest.raises(ValueError, match=r"class 'abuse' .*memory budget of 100 B"):
        fit_resample(SMOTE(k_neighbors=NearestNeighbors(n_neighbors=6)), X, y, memory_budget=100)


def test_memory_budget_from_dask_config(client):
    X, y = split(make_table(), 2)
    with (
        dask.config.set({"smotekit.memory-budget": "100B"}),
        pytest.warns(UserWarning, match=r"memory budget of 100 B .*approximate"),
    ):
        SMOTE(random_state=0).fit_resample(X, y)


@pytest.mark.parametrize("budget", ["lots", -5, 0, True])
def test_bad_memory_budget(budget):
    X, y = split(make_table(), 2)
    with pytest.raises(ValueError, match="memory_budget must be a positive number of bytes"):
        fit_resample(SMOTE(), X, y, memory_budget=budget)


# --------------------------------------------------------------------------- Parquet and CLI


def write_files(folder: Path, tables: list[pd.DataFrame]) -> Path:
    folder.mkdir()
    for i, table in enumerate(tables):
        table.to_parquet(folder / f"part-{i}.parquet", index=False)
    return folder


def in_memory_cli_result(tables, seed) -> pd.DataFrame:
    """What the in-memory command writes for the same rows."""
    whole = pd.concat(tables, ignore_index=True)
    X, y = whole.drop(columns=["label"]), whole["label"]
    X_res, y_res = SMOTE(random_state=seed).fit_resample(X, y)
    return X_res.assign(label=y_res)[list(whole.columns)].reset_index(drop=True)


def read_output(path: Path) -> pd.DataFrame:
    files = sorted(path.glob("*.parquet"))
    frame = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    frame["label"] = frame["label"].astype(object)
    return frame


def test_cli_directory_in_directory_out(client, tmp_path, capsys):
    tables = [make_table(n=80, seed=s) for s in range(3)]
    source = write_files(tmp_path / "in", tables)
    out = tmp_path / "out"
    code = main(
        [
            "resample",
            str(source),
            "--target",
            "label",
            "-o",
            str(out),
            "--engine",
            "dask",
            "--scheduler",
            client.scheduler.address,
            "--random-state",
            "5",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    expected = in_memory_cli_result(tables, 5)
    written = read_output(out)
    expected["label"] = expected["label"].astype(object)
    pd.testing.assert_frame_equal(written, expected, check_exact=True)
    assert "gathering the rows to over-sample" in captured.err
    assert "writing:" in captured.err
    counts = expected["label"].value_counts()
    assert f"wrote {out}: {len(expected)} rows" in captured.out
    assert {p.name for p in tmp_path.iterdir()} == {"in", "out"}
    assert counts.nunique() == 1


def test_cli_glob_input_and_label_count_strategy(client, tmp_path, capsys):
    tables = [make_table(n=80, seed=s) for s in range(2)]
    write_files(tmp_path / "in", tables)
    out = tmp_path / "out"
    code = main(
        [
            "resample",
            str(tmp_path / "in" / "*.parquet"),
            "--target",
            "label",
            "-o",
            str(out),
            "--engine",
            "dask",
            "--scheduler",
            client.scheduler.address,
            "--sampling-strategy",
            "fraud:100",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    counts = read_output(out)["label"].value_counts()
    assert counts["fraud"] == 100
    whole = pd.concat(tables)["label"].value_counts()
    assert counts["abuse"] == whole["abuse"] and counts["ok"] == whole["ok"]


def test_cli_feature_column_missing_in_one_file(client, tmp_path, capsys):
    tables = [make_table(n=50, seed=s) for s in range(3)]
    tables[1] = tables[1].drop(columns=["visits"])
    source = write_files(tmp_path / "in", tables)
    out = tmp_path / "out"
    code = main(
        [
            *("resample", str(source), "--target", "label", "-o", str(out)),
            *("--engine", "dask", "--scheduler", client.scheduler.address),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "column 'visits' is missing in" in err and "part-1.parquet" in err
    assert {p.name for p in tmp_path.iterdir()} == {"in"}


def test_cli_non_numeric_column_and_bad_target(client, tmp_path, capsys):
    table = make_table(n=60)
    table["city"] = "Lyon"
    source = write_files(tmp_path / "in", [table])
    args = ["resample", str(source), "-o", str(tmp_path / "out"), "--engine", "dask"]
    args += ["--scheduler", client.scheduler.address]
    assert main([*args, "--target", "label"]) == 1
    assert "non-numeric feature columns: 'city'" in capsys.readouterr().err
    assert main([*args, "--target", "nope"]) == 1
    assert "--target 'nope' is not a column" in capsys.readouterr().err
    assert {p.name for p in tmp_path.iterdir()} == {"in"}


def test_cli_usage_errors(tmp_path, capsys):
    source = write_files(tmp_path / "in", [make_table(n=30)])
    (tmp_path / "taken").mkdir()
    base = ["resample", str(source), "--target", "label"]
    assert main([*base, "-o", str(tmp_path / "taken"), "--engine", "dask"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main([*base, "-o", str(tmp_path / "x.csv"), "--scheduler", "tcp://h:1"]) == 2
    assert "need --engine dask" in capsys.readouterr().err
    missing = ["resample", str(tmp_path / "nothing"), "--target", "label"]
    assert main([*missing, "-o", str(tmp_path / "o"), "--engine", "dask"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_failed_write_leaves_no_directory(client, tmp_path):
    def broken(i):
        if i == 2:
            raise RuntimeError("disk full")
        return pd.DataFrame({"a": [float(i)]})

    frame = dd.from_delayed(
        [dask.delayed(broken)(i) for i in range(4)], meta=pd.DataFrame({"a": [0.0]})
    )
    target = tmp_path / "out"
    with pytest.raises(RuntimeError, match="disk full"):
        _parquet.write_directory(frame, target, _engine.compute)
    assert list(tmp_path.iterdir()) == []


def test_resample_parquet_function(client, tmp_path):
    tables = [make_table(n=70, seed=s) for s in (3, 4)]
    source = write_files(tmp_path / "in", tables)
    before, after, n_rows = resample_parquet(
        str(source),
        str(tmp_path / "out"),
        "label",
        SMOTE(random_state=1),
        scheduler=client.scheduler.address,
    )
    whole = pd.concat(tables)["label"].value_counts().to_dict()
    assert before == dict(sorted(whole.items()))
    assert set(after.values()) == {max(whole.values())}
    assert n_rows == sum(after.values()) == len(read_output(tmp_path / "out"))


def test_cli_starts_its_own_local_cluster(tmp_path):
    """The real command, in a subprocess, with no --scheduler: it starts a local cluster."""
    tables = [make_table(n=60, seed=s) for s in range(2)]
    source = write_files(tmp_path / "in", tables)
    out = tmp_path / "out"
    result = subprocess.run(
        [
            *(sys.executable, "-m", "smotekit", "resample", str(source), "--target", "label"),
            *("-o", str(out), "--engine", "dask", "--random-state", "3"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    expected = in_memory_cli_result(tables, 3)
    expected["label"] = expected["label"].astype(object)
    pd.testing.assert_frame_equal(read_output(out), expected, check_exact=True)
