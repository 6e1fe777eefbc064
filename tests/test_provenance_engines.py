"""``sample_origin_`` / ``synthetic_mask_`` on the array-API and Dask paths.

The meaning is the in-memory one: output row ``i`` is input row ``sample_origin_[i]``
unchanged, or a new row (-1). The array-API path keeps them on the input's device as arrays
of its library; the Dask path as lazy dask arrays chunked like the output's partitions.
Expectations come from the in-memory sampler (same rows for SMOTE) or from the output rows
themselves (Dask's random samplers draw other rows than in memory).
"""

from __future__ import annotations

import numpy as np
import pytest

from smotekit import SMOTE, RandomOverSampler, RandomUnderSampler


def _data(n=240, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    y = np.where(rng.random(n) < 0.2, 1, 0).astype(np.int64)
    y[:6] = 1  # enough minority rows for the neighbour search
    return X, y


@pytest.mark.parametrize("library", ["torch", "array_api_strict"])
def test_array_api_smote_origin_is_an_array_of_the_input_library_with_the_numpy_meaning(library):
    xp_module = pytest.importorskip(library)
    pytest.importorskip("array_api_compat")
    X, y = _data()
    on_host = SMOTE(random_state=4)
    on_host.fit_resample(X, y)
    sampler = SMOTE(random_state=4)
    X_res, _ = sampler.fit_resample(xp_module.asarray(X), xp_module.asarray(y))
    origin, mask = sampler.sample_origin_, sampler.synthetic_mask_
    assert type(origin) is type(X_res) and type(mask) is type(X_res)
    origin, mask = np.from_dlpack(origin), np.from_dlpack(mask)
    n_new = int(sum(on_host.sampling_strategy_.values()))
    np.testing.assert_array_equal(origin[: len(y)], np.arange(len(y)))  # originals, in order
    assert (origin[len(y) :] == -1).all() and origin.shape == (len(y) + n_new,)
    np.testing.assert_array_equal(mask, origin == -1)
    np.testing.assert_array_equal(origin, on_host.sample_origin_)


def test_array_api_smote_on_torch_keeps_origin_on_the_input_device():
    torch = pytest.importorskip("torch")
    X, y = _data()
    sampler = SMOTE(random_state=0)
    X_res, _ = sampler.fit_resample(torch.from_numpy(X), torch.from_numpy(y))
    assert sampler.sample_origin_.device == X_res.device
    assert sampler.sample_origin_.dtype == torch.int64
    assert sampler.synthetic_mask_.dtype == torch.bool


def _dask_case(sampler, chunks=(70, 70, 50, 50)):
    da = pytest.importorskip("dask.array")
    X, y = _data()
    X_res, y_res = sampler.fit_resample(
        da.from_array(X, chunks=(chunks, (4,))), da.from_array(y, chunks=(chunks,))
    )
    return X, y, X_res, y_res


@pytest.mark.parametrize(
    "sampler",
    [
        SMOTE(random_state=1),
        RandomOverSampler(random_state=1),
        RandomOverSampler(random_state=1, shrinkage=0.5),
        RandomUnderSampler(random_state=1),
    ],
    ids=["SMOTE", "RandomOverSampler", "RandomOverSampler-shrinkage", "RandomUnderSampler"],
)
def test_dask_origin_is_lazy_aligned_with_the_output_and_names_each_rows_source(sampler):
    da = pytest.importorskip("dask.array")
    X, y, X_res, y_res = _dask_case(sampler)
    origin, mask = sampler.sample_origin_, sampler.synthetic_mask_
    assert isinstance(origin, da.Array) and isinstance(mask, da.Array)
    assert origin.chunks[0] == X_res.chunks[0]  # one block per output partition
    origin, mask, X_out, y_out = (a.compute() for a in (origin, mask, X_res, y_res))
    np.testing.assert_array_equal(mask, origin == -1)
    kept = origin >= 0
    np.testing.assert_array_equal(X_out[kept], X[origin[kept]])  # a kept or copied row
    np.testing.assert_array_equal(y_out[kept], y[origin[kept]])
    # a synthetic row is no input row (a copy moved by shrinkage's noise, an interpolation)
    assert not (X_out[~kept][:, None, :] == X[None, :, :]).all(axis=2).any()
    if isinstance(sampler, RandomUnderSampler):
        assert kept.all()
        np.testing.assert_array_equal(origin, sampler.sample_indices_.compute())
    else:
        np.testing.assert_array_equal(origin[: len(y)], np.arange(len(y)))
        expect_new = isinstance(sampler, SMOTE) or sampler.shrinkage is not None
        assert (~kept[len(y) :]).all() == expect_new
        assert kept[len(y) :].all() == (not expect_new)


def test_dask_smote_origin_equals_in_memory_smote():
    lazy = SMOTE(random_state=5)
    X, y, _, _ = _dask_case(lazy)
    in_memory = SMOTE(random_state=5)
    in_memory.fit_resample(X, y)
    np.testing.assert_array_equal(lazy.sample_origin_.compute(), in_memory.sample_origin_)
    np.testing.assert_array_equal(lazy.synthetic_mask_.compute(), in_memory.synthetic_mask_)
