"""RandomUnderSampler and RandomOverSampler on dask collections.

The computed output must not depend on the partitioning (the same table split into 1, 3
and 7 partitions, and random row-chunkings of dask arrays), kept rows must be exactly
``sampling_strategy_``'s counts, and every new row must be a (jittered) copy of a row of its
class. Most tests use dask's threaded scheduler; one runs on an in-process LocalCluster.
"""

from __future__ import annotations

import itertools

import dask
import dask.array as da
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from distributed import Client, LocalCluster

from smotekit import RandomOverSampler, RandomUnderSampler
from smotekit._dask._moments import ExactSums
from smotekit._dask._picks import BLOCK_ROWS, ClassPicks

PARTITIONS = (1, 3, 7)


def make_table(n=300, seed=0) -> pd.DataFrame:
    """Three classes of different sizes; float, int, string columns; a shuffled int index."""
    rng = np.random.default_rng(seed)
    u = rng.random(n)
    label = np.where(u < 0.15, "fraud", np.where(u < 0.4, "abuse", "ok"))
    table = pd.DataFrame(
        {
            "amount": rng.normal(size=n) * 100,
            "visits": rng.integers(0, 50, n),
            "note": [f"row {i}" for i in range(n)],
            "label": label,
        },
        index=rng.permutation(np.arange(1000, 1000 + n)),
    )
    table.index.name = "id"
    return table


def split(table: pd.DataFrame, npartitions: int):
    frame = dd.from_pandas(table, npartitions=npartitions, sort=False)
    return frame.drop(columns=["label"]), frame["label"]


def as_dask_holds(table: pd.DataFrame):
    """(X, y) of ``table`` with the dtypes dask gives them (it may convert strings)."""
    return dask.compute(*split(table, 1))


def computed(sampler, X, y, *attributes):
    X_res, y_res = sampler.fit_resample(X, y)
    X_res, y_res = dask.compute(X_res, y_res)
    return (X_res, y_res, *(np.asarray(getattr(sampler, a).compute()) for a in attributes))


def assert_same_runs(runs):
    first = runs[0]
    for run in runs[1:]:
        for a, b in zip(first, run, strict=True):
            if isinstance(a, pd.DataFrame | pd.Series):
                pd.testing.assert_frame_equal(pd.DataFrame(a), pd.DataFrame(b))
            else:
                np.testing.assert_array_equal(a, b)


# --------------------------------------------------------------------------- under-sampling


@pytest.mark.parametrize("replacement", [False, True])
def test_under_sampler_frame_same_output_for_any_partitioning(replacement):
    table = make_table()
    runs = []
    for k in PARTITIONS:
        sampler = RandomUnderSampler(random_state=3, replacement=replacement)
        runs.append(computed(sampler, *split(table, k), "sample_indices_"))
    assert_same_runs(runs)
    X_res, y_res, indices = runs[0]
    counts = table["label"].value_counts()
    # "auto" shrinks every class but the minority to the minority's count.
    assert y_res.value_counts().to_dict() == dict.fromkeys(counts.index, counts.min())
    assert sampler.sampling_strategy_ == {"abuse": counts.min(), "ok": counts.min()}
    # The rows returned are the input rows at sample_indices_, index labels included, in
    # input order; without replacement none twice.
    X_in, y_in = as_dask_holds(table)
    pd.testing.assert_frame_equal(X_res, X_in.iloc[indices])
    pd.testing.assert_series_equal(y_res, y_in.iloc[indices])
    assert np.all(np.diff(indices) >= (0 if replacement else 1))
    minority = np.flatnonzero(table["label"].to_numpy() == "fraud")
    assert np.isin(minority, indices).all()  # the minority is kept whole


def test_under_sampler_dict_strategy_on_arrays_with_random_chunks():
    rng = np.random.default_rng(1)
    n = 500
    X = rng.normal(size=(n, 3)).astype(np.float32)
    y = rng.integers(0, 3, n)
    strategy = {0: 40, 2: 7}
    runs = []
    for chunking in [(n,), (1, 499), (200, 50, 1, 249), tuple(np.diff([0, 17, 90, 300, n]))]:
        Xd = da.from_array(X, chunks=(chunking, 3))
        yd = da.from_array(y, chunks=(chunking,))
        sampler = RandomUnderSampler(sampling_strategy=strategy, random_state=0)
        runs.append(computed(sampler, Xd, yd, "sample_indices_"))
    assert_same_runs(runs)
    X_res, y_res, indices = runs[0]
    expected = {0: 40, 1: int((y == 1).sum()), 2: 7}
    assert dict(zip(*np.unique(y_res, return_counts=True), strict=True)) == expected
    np.testing.assert_array_equal(X_res, X[indices])
    np.testing.assert_array_equal(y_res, y[indices])


def test_under_sampler_picks_are_uniform():
    """Each row of a class is kept with the same chance: over many seeds, the rows kept
    spread evenly (a picked-per-row count far from its binomial mean would be a bias)."""
    y = np.repeat([0, 1], [60, 20])
    kept = np.zeros(60)
    frame = dd.from_pandas(pd.DataFrame({"x": np.arange(80.0), "y": y}), npartitions=4)
    runs = 40
    for seed in range(runs):
        sampler = RandomUnderSampler(random_state=seed)
        X_res, y_res = dask.compute(*sampler.fit_resample(frame[["x"]], frame["y"]))
        kept[X_res["x"].to_numpy()[y_res.to_numpy() == 0].astype(int)] += 1
    # Each row is kept in Binomial(runs, 1/3) runs: all 60 rows within 5 sd of the mean.
    assert np.abs(kept - runs / 3).max() < 5 * np.sqrt(runs * (1 / 3) * (2 / 3))
    assert kept.sum() == runs * 20


# --------------------------------------------------------------------------- over-sampling


def test_over_sampler_frame_copies_rows_of_their_class_whatever_the_partitioning():
    table = make_table()
    runs = []
    for k in PARTITIONS:
        sampler = RandomOverSampler(random_state=5)
        runs.append(computed(sampler, *split(table, k), "synthetic_parents_", "sample_indices_"))
    assert_same_runs(runs)
    X_res, y_res, parents, indices = runs[0]
    n = len(table)
    counts = table["label"].value_counts()
    assert y_res.value_counts().to_dict() == dict.fromkeys(counts.index, counts.max())
    X_in, _ = as_dask_holds(table)
    pd.testing.assert_frame_equal(X_res.iloc[:n], X_in)
    copies, parent = X_res.iloc[n:], parents[:, 0]
    np.testing.assert_array_equal(parents[:, 0], parents[:, 1])
    np.testing.assert_array_equal(indices, np.concatenate([np.arange(n), parent]))
    # Each copy equals its parent row, and the parent is of the copy's class.
    source = table.drop(columns="label").iloc[parent]
    np.testing.assert_array_equal(copies.to_numpy(), source.to_numpy())
    np.testing.assert_array_equal(y_res.iloc[n:].to_numpy(), table["label"].to_numpy()[parent])
    # Copies come class by class in sorted label order, parents in row order within a class.
    labels = y_res.iloc[n:].to_numpy()
    assert list(pd.unique(labels)) == sorted(set(labels))
    for label in set(labels):
        assert np.all(np.diff(parent[labels == label]) >= 0)
    # New index labels follow the largest input label, never repeat one.
    assert list(copies.index) == list(range(1000 + n, 1000 + n + len(copies)))
    assert y_res.index.equals(X_res.index)


def test_over_sampler_picks_follow_a_multinomial():
    """Copies per row of a class: total exact, and a row's count over many rows has the
    mean and variance of Binomial(n_new, 1/n) (checked on one large draw)."""
    n_rows, n_new = 150_000, 300_000  # three blocks of class ranks
    picks = ClassPicks.draw(np.random.SeedSequence(11), n_rows, n_new, replace=True)
    m = picks.multiplicity(0, n_rows)
    assert m.sum() == n_new and picks.totals.sum() == n_new
    assert abs(m.mean() - 2.0) < 1e-12
    assert abs(m.var() - n_new * (1 / n_rows) * (1 - 1 / n_rows)) < 0.05


def test_over_sampler_shrinkage_jitters_copies_by_the_smoothed_bootstrap_scale():
    rng = np.random.default_rng(2)
    n = 400
    y = np.where(rng.random(n) < 0.25, 1, 0)
    table = pd.DataFrame(
        {
            "a": rng.normal(size=n) * 3,
            "b": rng.normal(size=n).astype(np.float32),
            "k": rng.integers(0, 1000, n),
            "y": y,
        }
    )
    runs = []
    for k in PARTITIONS:
        frame = dd.from_pandas(table, npartitions=k, sort=False)
        sampler = RandomOverSampler(random_state=0, shrinkage=0.8)
        runs.append(computed(sampler, frame.drop(columns="y"), frame["y"], "synthetic_parents_"))
    assert_same_runs(runs)
    X_res, y_res, parents = runs[0]
    assert sampler.shrinkage_ == {1: 0.8}
    assert list(X_res.dtypes) == list(table.drop(columns="y").dtypes)
    copies = X_res.iloc[n:]
    parent = parents[:, 0]
    assert (table["y"].to_numpy()[parent] == 1).all() and (y_res.iloc[n:] == 1).all()
    # Independent of the code: the smoothed bootstrap's scale from numpy's std.
    rows = table.loc[y == 1, ["a", "b", "k"]].to_numpy(np.float64)
    d = 3
    h = (4 / ((d + 2) * rows.shape[0])) ** (1 / (d + 4))
    scale = 0.8 * h * rows.std(axis=0)
    residual = copies[["a", "b"]].to_numpy(np.float64) - table[["a", "b"]].to_numpy()[parent]
    z = residual / scale[:2]
    assert copies.shape[0] == (y == 0).sum() - (y == 1).sum()
    assert np.all(np.abs(z.mean(axis=0)) < 0.15) and np.all(np.abs(z.std(axis=0) - 1) < 0.1)
    # The integer column is jittered and rounded.
    k_residual = copies["k"].to_numpy() - table["k"].to_numpy()[parent]
    assert (k_residual != 0).any()
    assert np.abs(k_residual.std() - scale[2]) < 0.15 * scale[2]


def test_over_sampler_on_arrays_with_random_chunks_and_shrinkage_dict():
    rng = np.random.default_rng(4)
    n = 300
    X = rng.normal(size=(n, 2)).astype(np.float32)
    y = rng.choice([0, 1, 2], n, p=[0.6, 0.3, 0.1])
    runs = []
    for chunking in [(n,), (150, 150), (1, 2, 3, 294), (100, 0, 77, 123)]:
        Xd = da.from_array(X, chunks=(chunking, 2))
        yd = da.from_array(y, chunks=(chunking,))
        sampler = RandomOverSampler(random_state=9, shrinkage={1: 0.0, 2: 1.0})
        runs.append(computed(sampler, Xd, yd, "synthetic_parents_"))
    assert_same_runs(runs)
    X_res, y_res, parents = runs[0]
    assert X_res.dtype == np.float32 and y_res.dtype == y.dtype
    parent = parents[:, 0]
    new_labels = y_res[n:]
    np.testing.assert_array_equal(new_labels, y[parent])
    zero = new_labels == 1  # shrinkage 0: exact copies
    np.testing.assert_array_equal(X_res[n:][zero], X[parent[zero]])
    assert (X_res[n:][~zero] != X[parent[~zero]]).all()


def test_over_sampler_on_a_cluster_equals_the_threaded_scheduler():
    table = make_table(n=120).drop(columns="note")
    X, y = split(table, 3)
    sampler = RandomOverSampler(random_state=1, shrinkage=0.5)
    with dask.config.set(scheduler="threads"):
        expected = computed(sampler, X, y)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        got = computed(RandomOverSampler(random_state=1, shrinkage=0.5), X, y)
    assert_same_runs([expected, got])


# --------------------------------------------------------------------------- fit, errors


def test_fit_on_dask_resolves_the_strategy_without_rows():
    table = make_table()
    X, y = split(table, 3)
    counts = table["label"].value_counts()
    over = RandomOverSampler().fit(X, y)
    assert over.sampling_strategy_ == {
        "abuse": counts.max() - counts["abuse"],
        "fraud": counts.max() - counts["fraud"],
    }
    assert list(over.classes_) == ["abuse", "fraud", "ok"]
    assert list(over.feature_names_in_) == ["amount", "visits", "note"]
    under = RandomUnderSampler(sampling_strategy="majority").fit(X, y)
    assert under.sampling_strategy_ == {"ok": counts.min()}


def test_shrinkage_on_dask_refuses_non_finite_and_non_numeric_columns():
    table = make_table(n=60)
    X, y = split(table, 2)
    with pytest.raises(ValueError, match="non-numeric feature columns: 'note'"):
        RandomOverSampler(shrinkage=1.0).fit_resample(X, y)
    numbers = table.drop(columns="note")
    numbers.iloc[37, 0] = np.nan
    X, y = split(numbers, 3)
    with pytest.raises(ValueError, match=r"X contains NaN: row 37, column 'amount'"):
        RandomOverSampler(shrinkage=1.0).fit_resample(X, y)
    with pytest.raises(ValueError, match="shrinkage has no value for class"):
        RandomOverSampler(shrinkage={"fraud": 1.0}).fit_resample(X, y)


def test_a_subclass_that_picks_its_own_rows_is_refused_on_dask():
    class Custom(RandomUnderSampler):
        def _select(self, X, y, targets, streams):
            return np.arange(y.shape[0])

    X, y = split(make_table(n=40), 2)
    with pytest.raises(TypeError, match="Custom cannot run on dask collections"):
        Custom().fit_resample(X, y)


# --------------------------------------------------------------------------- the pieces


def test_picks_of_any_range_agree_with_the_whole_draw():
    n_rows = 2 * BLOCK_ROWS + 1234
    for replace, n_picks in [(False, 50_000), (True, 7)]:
        picks = ClassPicks.draw(np.random.SeedSequence(3), n_rows, n_picks, replace)
        whole = picks.multiplicity(0, n_rows)
        assert whole.sum() == n_picks
        if not replace:
            assert whole.max() == 1
            # A uniform subset: each tenth of the ranks holds about a tenth of the picks
            # (hypergeometric sd ~ 60 here).
            tenths = np.add.reduceat(whole, np.linspace(0, n_rows, 11).astype(int)[:-1])
            assert np.abs(tenths - n_picks / 10).max() < 300
        cuts = [0, 1, 999, BLOCK_ROWS, BLOCK_ROWS + 5, 2 * BLOCK_ROWS + 1000, n_rows]
        cache: dict = {}
        pieces = [picks.multiplicity(a, b, cache) for a, b in itertools.pairwise(cuts)]
        np.testing.assert_array_equal(np.concatenate(pieces), whole)
        for a, b in zip(cuts, cuts[2:], strict=False):
            assert picks.picked_in(a, b) == whole[a:b].sum()


def test_exact_sums_match_numpy_and_ignore_how_rows_are_split():
    rng = np.random.default_rng(8)
    values = np.column_stack(
        [
            rng.normal(size=3000) * 1e-6,
            rng.normal(size=3000) * 1e8 + 5e8,
            rng.integers(-5, 5, 3000),
            np.full(3000, 0.1),
        ]
    )
    whole = ExactSums.of(values)
    np.testing.assert_allclose(whole.std()[:3], values[:, :3].std(axis=0), rtol=1e-9)
    # A constant column: exactly 0 (numpy's float sums leave ~1e-17 there).
    assert whole.std()[3] == 0.0 and values[:, 3].std() < 1e-15
    for cuts in ([0, 1, 2999, 3000], [0, 1500, 3000], [0, 7, 700, 2222, 3000]):
        parts = [ExactSums.of(values[a:b]) for a, b in itertools.pairwise(cuts)]
        merged = parts[-1]
        for part in parts[-2::-1]:  # merged in another order than the rows
            merged.add(part)
        np.testing.assert_array_equal(merged.std(), whole.std())


def test_classes_larger_than_one_block_of_picks_end_to_end():
    """Classes of several blocks of class ranks (and copies over several noise blocks):
    the same output for a whole array and an irregular chunking that cuts blocks."""
    n_big, n_small = BLOCK_ROWS + 30_000, 70_000
    y = np.repeat([0, 1], [n_big, n_small])
    np.random.default_rng(6).shuffle(y)
    X = np.arange(y.size, dtype=np.float64).reshape(-1, 1)  # each row shows its position
    chunkings = [(y.size,), (1, 40_000, 70_001, y.size - 110_002)]

    def both(sampler, *attributes):
        runs = []
        for chunking in chunkings:
            Xd, yd = da.from_array(X, chunks=(chunking, 1)), da.from_array(y, chunks=(chunking,))
            runs.append(computed(sampler(), Xd, yd, *attributes))
        assert_same_runs(runs)
        return runs[0]

    X_res, y_res = both(lambda: RandomUnderSampler(sampling_strategy={0: 50_000}, random_state=2))
    assert np.bincount(y_res).tolist() == [50_000, n_small]
    assert np.unique(X_res).size == X_res.shape[0]  # no row twice
    assert (y[X_res[:, 0].astype(int)] == y_res).all()

    over = lambda: RandomOverSampler(random_state=2, shrinkage=0.1)  # noqa: E731
    X_res, y_res, parents = both(over, "synthetic_parents_")
    assert np.bincount(y_res).tolist() == [n_big, n_big]
    parent = parents[:, 0]
    assert (y[parent] == 1).all() and np.bincount(parent, minlength=y.size)[y == 0].sum() == 0
    h = (4 / (3 * n_small)) ** (1 / 5)
    scale = 0.1 * h * X[y == 1, 0].std()
    z = (X_res[y.size :, 0] - X[parent, 0]) / scale
    assert abs(z.mean()) < 0.05 and abs(z.std() - 1) < 0.05
