"""The Dask engine survives the loss of a worker (issue 10, item 3).

A LocalCluster of 2 worker processes (each restarted by its nanny). A scheduler plugin,
running in this process, kills a worker with SIGKILL the moment the first synthetic
partition is handed to a worker (the tasks before it, the input partitions and the class
rows, are finished): once the worker holding the class rows, once the other one. What the
dead worker held is lost with it and must be recomputed, including the class rows every
synthetic partition is made from; the output must still equal in-memory SMOTE's.
"""

from __future__ import annotations

import os
import signal

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import SchedulerPlugin

from smotekit import SMOTE
from smotekit._dask import _engine

ROWS_KEY = "ClassRows-"  # the key prefix of a class's shared rows (type name + token)


class KillOnFirstSynthetic(SchedulerPlugin):
    """Kill one worker process when the first synthetic partition is sent to a worker.

    Its input, the class rows, is then in memory (scattered, or computed by a finished
    task) on exactly one worker, and no other task has fetched a copy yet: the scheduler
    calls this hook before it tells any worker to start.
    """

    def __init__(self, scheduler, pids: dict, victim: str):
        self.scheduler, self.pids, self.victim = scheduler, pids, victim
        self.killed = None
        self.holders = None

    def transition(self, key, start, finish, *args, **kwargs):
        if self.killed or finish != "processing" or not str(key).startswith("frame_block"):
            return
        rows = [k for k in self.scheduler.tasks if str(k).startswith(ROWS_KEY)]
        holders = {w.address for k in rows for w in self.scheduler.tasks[k].who_has or ()}
        self.holders = holders
        if self.victim == "holder":
            candidates = sorted(holders)
        else:
            candidates = sorted(set(self.pids) - holders) or sorted(self.pids)
        self.killed = candidates[0]
        os.kill(self.pids[self.killed], signal.SIGKILL)


@pytest.fixture(scope="module")
def cluster():
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},
        ) as cluster,
        Client(cluster) as client,
    ):
        yield cluster, client


def table(n=600, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    label = np.where(rng.random(n) < 0.15, "fraud", "ok")
    return pd.DataFrame({"a": rng.normal(size=n), "b": rng.normal(size=n) * 10, "label": label})


@pytest.mark.parametrize("victim", ["holder", "other"])
def test_output_survives_a_killed_worker(cluster, monkeypatch, victim):
    cluster, client = cluster
    client.wait_for_workers(2)
    # Many small synthetic partitions, so most are still to come when the worker dies.
    monkeypatch.setattr(_engine, "PARTITION_BYTES", 16 * 8 * 2)
    data = table()
    frame = dd.from_pandas(data, npartitions=3, sort=False)
    X, y = frame.drop(columns=["label"]), frame["label"]
    X_res, y_res = SMOTE(random_state=7).fit_resample(X, y)
    assert X_res.npartitions > 20

    pids = client.run(os.getpid)
    plugin = KillOnFirstSynthetic(cluster.scheduler, pids, victim)
    cluster.scheduler.add_plugin(plugin, name=f"kill-{victim}")
    try:
        X_out, y_out = client.compute([X_res, y_res], sync=True)
    finally:
        cluster.scheduler.remove_plugin(name=f"kill-{victim}")
    assert plugin.killed is not None  # a worker did die mid-computation
    assert (plugin.killed in plugin.holders) == (victim == "holder")

    # In-memory SMOTE on the very values dask holds (dask may convert the label's dtype).
    X_in, y_in = client.compute([X, y], sync=True)
    X_mem, y_mem = SMOTE(random_state=7).fit_resample(X_in, y_in)
    pd.testing.assert_frame_equal(X_out, X_mem, check_exact=True)
    pd.testing.assert_series_equal(y_out, y_mem, check_exact=True)
