"""Containers are recognised without importing the libraries that define them."""

from __future__ import annotations

import subprocess
import sys


def test_numpy_list_and_sparse_input_never_import_polars_or_dask():
    # A user without polars or dask pays nothing for their support: detection reads
    # sys.modules only. pandas is left out of the check (scikit-learn imports it).
    code = (
        "import sys, numpy as np, scipy.sparse as sp\n"
        "from smotekit import SMOTE, SMOTENC, RandomOverSampler, RandomUnderSampler\n"
        "rng = np.random.default_rng(0)\n"
        "X = rng.normal(size=(30, 3)); y = np.array([0] * 20 + [1] * 10)\n"
        "SMOTE(random_state=0).fit_resample(X, y)\n"
        "SMOTE(random_state=0).fit_resample(X.tolist(), y.tolist())\n"
        "SMOTE(random_state=0).fit_resample(sp.csr_matrix(X), y)\n"
        "RandomOverSampler(random_state=0).fit_resample(X.tolist(), y)\n"
        "RandomUnderSampler(random_state=0).fit_resample(sp.csc_matrix(X), y)\n"
        "mixed = np.column_stack([X[:, :2], rng.choice(['a', 'b'], 30)]).astype(object)\n"
        "mixed[:, :2] = X[:, :2]\n"
        "SMOTENC(categorical_features=[2], random_state=0).fit_resample(mixed, y)\n"
        "print(sorted(m for m in ('polars', 'dask') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
