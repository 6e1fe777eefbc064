"""SMOTE on Dask: data larger than one process's memory, or on a cluster.

``SMOTE(...).fit_resample(X, y)`` with X a dask DataFrame or 2-D dask Array and y a dask
Series or 1-D dask Array returns lazy collections of the same kinds: the input partitions,
unchanged, then partitions of synthetic rows. Only the plan's inputs are computed eagerly:

1. the class counts (one pass over y), which resolve ``sampling_strategy``;
2. the rows of each class to over-sample (one pass over X, which also checks that X is
   finite), gathered on the client, where SMOTE's neighbour search runs once per class.

Each synthetic partition draws its part of the plan from seeds spawned per block of rows
(``numpy.random.SeedSequence.spawn``) and makes its rows on the worker that computes it. The
output is the same for any number of partitions or workers, and equals in-memory SMOTE's
for the same ``random_state``. Majority rows never move.

A class's gathered rows may take at most a memory budget on the client: ``memory_budget``
here, else the dask config key ``smotekit.memory-budget``, else ``"2GiB"``. Above it the
approximate neighbour search is used when smotekit has one, otherwise the call stops with
an error that names the budget. See ``docs/distributed.md`` for the design and for pointing
the command line at an existing cluster.

``RandomUnderSampler`` and ``RandomOverSampler`` run on dask collections too: one pass
counts the classes per partition, then each output partition keeps (or copies) its own
picked rows; their output is the same for any partitioning, though not the in-memory
samplers' (see ``docs/distributed.md``).

Requires the ``dask`` extra: ``pip install 'smotekit[dask]'``.
"""

from __future__ import annotations

from ._dask._engine import CONFIG_KEY, DEFAULT_MEMORY_BUDGET

__all__ = ["CONFIG_KEY", "DEFAULT_MEMORY_BUDGET", "fit_resample", "resample_parquet"]


def fit_resample(sampler, X, y, *, memory_budget=None):
    """``sampler.fit_resample(X, y)`` for dask collections, with an explicit memory budget.

    Parameters
    ----------
    sampler : SMOTE, RandomUnderSampler or RandomOverSampler
        The sampler (its ``fit_resample`` on dask input calls this with no budget). The
        random samplers gather nothing, so the budget does not apply to them.
    X : dask DataFrame or dask Array of shape (n_samples, n_features)
    y : dask Series or dask Array of shape (n_samples,)
        Split into the same row blocks as X (build both from one dask DataFrame).
    memory_budget : int, str or None, default=None
        Bytes (or a size such as ``"4GiB"``) one class's gathered rows may take on the client.
        None reads the dask config key ``smotekit.memory-budget``, else uses ``"2GiB"``.

    Returns
    -------
    X_resampled, y_resampled : lazy dask collections of the input kinds
        The input partitions, then the synthetic rows class by class in sorted label order.
        ``sampler.synthetic_parents_`` and ``sampler.synthetic_steps_`` are lazy dask arrays.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import SMOTE
    >>> from smotekit.dask import fit_resample
    >>> X, y = make_classification(n_samples=1000, weights=[0.9, 0.1], random_state=42)
    >>> table = dd.from_pandas(pd.DataFrame(X).assign(label=y), npartitions=4)
    >>> X_res, y_res = fit_resample(
    ...     SMOTE(random_state=42), table.drop(columns="label"), table["label"],
    ...     memory_budget="1GiB",
    ... )
    >>> y_res.value_counts().compute().sort_index().to_dict()
    {0: 897, 1: 897}
    """
    from ._dask import _engine

    return _engine.fit_resample(sampler, X, y, memory_budget)


def resample_parquet(
    input_path,
    output,
    target,
    sampler,
    *,
    scheduler=None,
    memory_budget=None,
    progress=False,
):
    """Resample a Parquet dataset into a new directory of Parquet files.

    What ``smotekit resample INPUT --target COL -o OUTPUT --engine dask`` runs. The input
    files are checked against each other (same columns, same kinds of types) from their
    footers first; the output is written to a temporary directory beside ``output`` and
    renamed to it only once complete, so a failed run leaves no output.

    Parameters
    ----------
    input_path : str
        A Parquet file, a directory of Parquet files (searched recursively, in natural order)
        or a glob such as ``"data/*.parquet"``.
    output : str
        The directory to create; it must not exist yet. Workers write into it, so on a
        remote cluster it must be on storage every worker and the client can reach.
    target : str
        The class label column.
    sampler : SMOTE
    scheduler : str or None, default=None
        Address of a running Dask scheduler (``tcp://host:8786``); None starts a local
        cluster for the run.
    memory_budget : int, str or None, default=None
        See :func:`fit_resample`.
    progress : bool, default=False
        Print ``step: done/total partitions`` to stderr.

    Returns
    -------
    before, after : dict
        Rows per class in the input and in the output.
    n_rows : int
        Rows written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from smotekit import SMOTE
    >>> from smotekit.dask import resample_parquet
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> table = pd.DataFrame({"x": [0.0, 1, 2, 3, 4, 5, 9, 9.5, 10], "y": [0] * 6 + [1] * 3})
    >>> table.to_parquet(folder / "in.parquet")
    >>> from distributed import LocalCluster
    >>> with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
    ...     before, after, n = resample_parquet(
    ...         str(folder / "in.parquet"), str(folder / "out"), "y",
    ...         SMOTE(k_neighbors=2, random_state=0), scheduler=cluster.scheduler_address,
    ...     )
    >>> before, after, n
    ({0: 6, 1: 3}, {0: 6, 1: 6}, 12)
    >>> len(pd.read_parquet(folder / "out"))
    12
    """
    from ._dask import _parquet

    return _parquet.resample_parquet(
        input_path,
        output,
        target,
        sampler,
        scheduler=scheduler,
        memory_budget=memory_budget,
        progress=progress,
    )
