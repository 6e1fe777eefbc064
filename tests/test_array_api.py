"""SMOTE on PyTorch and array-api-strict arrays: the same rows as the NumPy path, exact
neighbours from the tiled device search, arrays of the caller's library back.

CI has no GPU: these run on PyTorch's CPU build and on array-api-strict, which exercise
the same code the GPU runs (only the device differs).
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from sklearn.datasets import make_classification

from smotekit import SMOTE, RandomOverSampler
from smotekit._array_api._search import nearest_within

torch = pytest.importorskip("torch")
xps = pytest.importorskip("array_api_strict")
compat = pytest.importorskip("array_api_compat")


def search(array, k, tiles):
    """``nearest_within`` through the array's array-API namespace, back as NumPy."""
    return np.from_dlpack(nearest_within(compat.array_namespace(array), array, k, tiles=tiles))


def brute_force_neighbors(X, k):
    """Each row's k nearest other rows in float64, ties to the lower row position."""
    X = np.asarray(X, dtype=np.float64)
    diff = X[:, None, :] - X[None, :, :]
    d2 = np.einsum("ijk,ijk->ij", diff, diff)
    np.fill_diagonal(d2, np.inf)
    return np.argsort(d2, axis=1, kind="stable")[:, :k]


def data(n=1500, d=10, dtype=np.float64, classes=2, seed=0):
    weights = [0.8] if classes == 2 else [0.6, 0.3]
    X, y = make_classification(
        n_samples=n,
        n_features=d,
        n_informative=min(d, 5) - 1,
        n_redundant=1,
        n_classes=classes,
        weights=weights,
        random_state=seed,
    )
    return X.astype(dtype), y


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("classes", [2, 3])
def test_torch_output_equals_the_numpy_path(dtype, classes):
    X, y = data(dtype=dtype, classes=classes)
    cpu = SMOTE(random_state=7)
    X_np, y_np = cpu.fit_resample(X, y)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)
    dev = SMOTE(random_state=7)
    X_res, y_res = dev.fit_resample(X_t, y_t)
    assert isinstance(X_res, torch.Tensor) and isinstance(y_res, torch.Tensor)
    assert X_res.dtype == X_t.dtype and y_res.dtype == y_t.dtype
    assert X_res.device == X_t.device
    np.testing.assert_array_equal(X_res.numpy(), X_np)
    np.testing.assert_array_equal(y_res.numpy(), y_np)
    np.testing.assert_array_equal(dev.synthetic_parents_.numpy(), cpu.synthetic_parents_)
    np.testing.assert_array_equal(dev.synthetic_steps_.numpy(), cpu.synthetic_steps_)
    assert dev.sampling_strategy_ == cpu.sampling_strategy_
    np.testing.assert_array_equal(dev.classes_, cpu.classes_)
    # The caller's tensors are untouched.
    np.testing.assert_array_equal(X_t.numpy(), X)
    np.testing.assert_array_equal(y_t.numpy(), y)


def test_array_api_strict_output_equals_the_numpy_path():
    X, y = data(n=800, d=6)
    X_np, y_np = SMOTE(random_state=1, k_neighbors=3).fit_resample(X, y)
    X_res, y_res = SMOTE(random_state=1, k_neighbors=3).fit_resample(xps.asarray(X), xps.asarray(y))
    assert type(X_res).__module__.startswith("array_api_strict")
    np.testing.assert_array_equal(np.from_dlpack(X_res), X_np)
    np.testing.assert_array_equal(np.from_dlpack(y_res), y_np)


def test_integer_columns_are_rounded_like_the_numpy_path():
    rng = np.random.default_rng(0)
    X = rng.integers(-50, 50, size=(400, 4))
    y = (rng.random(400) < 0.2).astype(np.int64)
    X_np, _ = SMOTE(random_state=0).fit_resample(X, y)
    X_res, _ = SMOTE(random_state=0).fit_resample(torch.from_numpy(X), torch.from_numpy(y))
    assert X_res.dtype == torch.int64
    np.testing.assert_array_equal(X_res.numpy(), X_np)


@pytest.mark.parametrize("tiles", [(7, 13), (64, 50), (1000, 1000)])
def test_tiled_search_finds_the_true_nearest(tiles):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(300, 5)) * np.array([1e-3, 1, 10, 100, 1e4]) + 1e6
    expected = brute_force_neighbors(X, 6)
    for array in (torch.from_numpy(X), xps.asarray(X)):
        np.testing.assert_array_equal(search(array, 6, tiles), expected, err_msg=str(type(array)))


def test_float32_ties_beyond_resolution_are_repaired_in_float64():
    # Rows on a shell whose distances from the centre row differ by ~1e-10 relative:
    # float32 cannot order them, so the certificate fails and the float64 search decides.
    rng = np.random.default_rng(5)
    directions = rng.normal(size=(200, 8))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    radius = 1.0 + rng.random(200) * 1e-10
    X = np.vstack([np.zeros((1, 8)), directions * radius[:, None]])
    found = search(torch.from_numpy(X), 5, (16, 32))
    expected = brute_force_neighbors(X, 5)
    np.testing.assert_array_equal(found[0], expected[0])
    # Every row's set is a set of true k nearest (ties within float64 resolution aside).
    np.testing.assert_array_equal(found, expected)


def test_duplicate_rows_are_neighbours_but_a_row_is_never_its_own():
    X = np.repeat(np.arange(40, dtype=np.float64)[:, None], 3, axis=0)  # each row 3 times
    found = search(torch.from_numpy(X), 2, (11, 17))
    own = np.arange(len(X))[:, None]
    assert not (found == own).any()
    # Its two copies are the only rows at distance 0.
    np.testing.assert_array_equal(X[found][:, :, 0], np.repeat(X, 2, axis=1))


def test_refusals_name_the_problem():
    X, y = data(n=200, d=4)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)
    with pytest.raises(TypeError, match="RandomOverSampler cannot resample torch arrays"):
        RandomOverSampler().fit_resample(X_t, y_t)
    from sklearn.neighbors import NearestNeighbors

    with pytest.raises(ValueError, match="k_neighbors must be an int for torch arrays"):
        SMOTE(k_neighbors=NearestNeighbors(n_neighbors=6)).fit_resample(X_t, y_t)
    with pytest.raises(ValueError, match="neighbors='approximate' is not available"):
        SMOTE(neighbors="approximate").fit_resample(X_t, y_t)
    X_nan = X.copy()
    X_nan[17, 2] = np.nan
    with pytest.raises(ValueError, match="row 17, column 2 is nan"):
        SMOTE().fit_resample(torch.from_numpy(X_nan), y_t)
    with pytest.raises(TypeError, match="same library"):
        SMOTE().fit_resample(X_t, xps.asarray(y))
    with pytest.raises(ValueError, match="class 1 has 3 rows, but k_neighbors=5"):
        SMOTE().fit_resample(X_t[:40], torch.tensor([0] * 37 + [1] * 3))


def test_numpy_input_never_imports_an_array_library():
    code = (
        "import sys, numpy as np\n"
        "from smotekit import SMOTE\n"
        "X = np.random.default_rng(0).normal(size=(60, 3)); y = np.r_[[0] * 50, [1] * 10]\n"
        "SMOTE(random_state=0).fit_resample(X, y)\n"
        "bad = [m for m in ('torch', 'array_api_strict', 'array_api_compat', 'cupy')"
        " if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
