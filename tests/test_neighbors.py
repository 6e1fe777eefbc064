"""The neighbour service: exact results against an independent brute force, determinism.

The brute force here sums squared differences in float64 with numpy (no norm expansion,
no float32, no blocks), so it shares nothing with the backends it checks. Sizes are
chosen to run every backend: plain float64 brute force (small), the k-d tree (few
features), and the blocked float32 search with certification (several blocks of rows,
an odd and an even number of them, feature counts that are not a multiple of 4).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.neighbors import NearestNeighbors

from smotekit import SMOTE, _native, neighbors
from smotekit.neighbors import NeighborSearch, _approximate, _exact


def sq_dists(A, B) -> np.ndarray:
    """Exact squared distances between rows of A and rows of B, in float64."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    out = np.empty((A.shape[0], B.shape[0]))
    for start in range(0, A.shape[0], 64):
        diff = A[start : start + 64, None, :] - B[None, :, :]
        out[start : start + 64] = np.einsum("ijk,ijk->ij", diff, diff)
    return out


def assert_true_knn(X, found, k, queries=None, selves=None) -> None:
    """``found`` holds, per query, k distinct rows of X at the k smallest distances.

    With ties the k nearest are not unique: the check is that the multiset of returned
    distances equals the k smallest (up to float64 rounding).
    """
    queries = X if queries is None else queries
    found = np.asarray(found)
    assert found.shape == (len(queries), k)
    d2 = sq_dists(queries, X)
    if selves is not None:
        d2[np.arange(len(queries)), selves] = np.inf
        assert not (found == np.asarray(selves)[:, None]).any()
    assert all(len(set(row)) == k for row in found.tolist())
    got = np.sort(np.take_along_axis(d2, found, axis=1), axis=1)
    best = np.sort(d2, axis=1)[:, :k]
    np.testing.assert_allclose(got, best, rtol=1e-12, atol=1e-300)


def self_knn(X, k, method="exact"):
    return neighbors.within(X, neighbors.make_estimator(k, method=method))


def data(n, d, dtype, seed, duplicates=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)).astype(dtype)
    if duplicates:
        X[n - duplicates :] = X[:duplicates]
    return X


# --------------------------------------------------------------------------- exact


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(
    ("n", "d"),
    [
        (40, 3),  # tiny: plain float64 brute force
        (900, 3),  # k-d tree
        (700, 13),  # blocked search: 3 blocks (odd: one sits out each round)
        (1024, 21),  # 4 blocks (even), features padded to a multiple of 4
        (600, 64),
        (4700, 9),  # 19 blocks in 16 groups: the tournament runs over groups of blocks
    ],
)
def test_exact_self_search_matches_brute_force(n, d, dtype):
    X = data(n, d, dtype, seed=n + d, duplicates=n // 10)
    for k in (1, 5):
        assert_true_knn(X, self_knn(X, k), k, selves=np.arange(n))


@pytest.mark.parametrize("d", [2, 12])
def test_exact_handles_heavy_ties_on_integer_data(d):
    # Few distinct values: most rows have many others at exactly the k-th distance.
    rng = np.random.default_rng(d)
    for dtype in (np.float32, np.float64, np.int64):
        X = rng.integers(0, 3, size=(800, d)).astype(dtype)
        assert_true_knn(X, self_knn(X, 5), 5, selves=np.arange(800))


def test_exact_certification_falls_back_when_float32_cannot_separate(monkeypatch):
    # A lattice far from the origin with 1e-9 jitter: float32 cannot order the neighbours,
    # so the bound fails for many rows and they are searched again in float64.
    rng = np.random.default_rng(0)
    corners = np.stack(np.meshgrid(*[np.arange(2.0)] * 10), -1).reshape(-1, 10)  # 1024 rows
    X = corners + 1e3 + rng.uniform(-1e-9, 1e-9, corners.shape)
    redone = []
    original = _native.brute64

    def counting(Xq, *args, **kwargs):
        redone.append(len(Xq))
        return original(Xq, *args, **kwargs)

    monkeypatch.setattr(_native, "brute64", counting)
    found = self_knn(X, 5)
    assert sum(redone) > 0
    assert_true_knn(X, found, 5, selves=np.arange(len(X)))


def test_exact_survives_values_beyond_float32_range():
    X = data(700, 10, np.float64, seed=3) * 1e150
    assert_true_knn(X, self_knn(X, 4), 4, selves=np.arange(700))
    tiny = data(700, 10, np.float64, seed=4) * 1e-150
    assert_true_knn(tiny, self_knn(tiny, 4), 4, selves=np.arange(700))


@given(
    n=st.integers(2, 700),
    d=st.integers(1, 12),
    k=st.integers(1, 6),
    seed=st.integers(0, 2**16),
    ties=st.booleans(),
    single=st.booleans(),
)
def test_exact_self_search_property(n, d, k, seed, ties, single):
    k = min(k, n - 1)
    rng = np.random.default_rng(seed)
    X = rng.integers(-2, 3, (n, d)).astype(float) if ties else rng.standard_normal((n, d))
    X = X.astype(np.float32 if single else np.float64)
    assert_true_knn(X, self_knn(X, k), k, selves=np.arange(n))


@pytest.mark.parametrize(("n", "d"), [(30, 5), (900, 4), (800, 17)])
def test_exact_queries_from_another_array(n, d):
    X = data(n, d, np.float64, seed=1, duplicates=n // 8)
    Xq = np.vstack([data(300, d, np.float64, seed=2), X[:50]])
    search = NeighborSearch(n_neighbors=5).fit(X)
    dist, idx = search.kneighbors(Xq)
    assert_true_knn(X, idx, 5, queries=Xq)
    np.testing.assert_allclose(
        dist**2, np.take_along_axis(sq_dists(Xq, X), idx, axis=1), rtol=1e-12
    )


@pytest.mark.parametrize(("n", "d"), [(60, 3), (900, 4), (800, 17)])
def test_among_leaves_each_query_row_out(n, d):
    X = data(n, d, np.float32, seed=5, duplicates=n // 5)
    rows = np.arange(0, n, 3)
    found = neighbors.among(X, rows, neighbors.make_estimator(4))
    assert_true_knn(X, found, 4, queries=X[rows], selves=rows)


def test_exact_is_deterministic_and_independent_of_thread_count():
    from smotekit._parallel import limit_threads

    X = data(1100, 20, np.float32, seed=9, duplicates=200)
    first = self_knn(X, 5)
    with limit_threads(1):
        single = self_knn(X, 5)
    np.testing.assert_array_equal(first, self_knn(X, 5))
    np.testing.assert_array_equal(first, single)


def test_kneighbors_without_X_matches_scikit_learn_on_untied_data():
    X = data(900, 24, np.float64, seed=11)
    ours = NeighborSearch(n_neighbors=4).fit(X).kneighbors()
    theirs = NearestNeighbors(n_neighbors=4).fit(X).kneighbors()
    np.testing.assert_array_equal(ours[1], theirs[1])
    np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-9)


def test_input_is_not_modified():
    X = data(800, 12, np.float32, seed=2)
    before = X.copy()
    self_knn(X, 5)
    NeighborSearch(n_neighbors=3).fit(X).kneighbors(X[:10] + 1)
    np.testing.assert_array_equal(X, before)


def test_backend_choice_follows_dimension():
    assert _exact.use_tree(_exact.TREE_MAX_DIM)
    assert not _exact.use_tree(_exact.TREE_MAX_DIM + 1)


# --------------------------------------------------------------------------- approximate


def class_rows(n_rows, d, dtype, seed=0):
    """The minority class of a make_classification problem (the benchmark's data)."""
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=n_rows, n_features=d, weights=[0.9], random_state=seed, flip_y=0
    )
    return np.ascontiguousarray(X[y == 1].astype(dtype))


def recall(found, truth) -> float:
    return float(
        np.mean([len(set(a) & set(b)) / len(a) for a, b in zip(found, truth, strict=True)])
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_approximate_recall_at_a_moderate_size(dtype):
    X = class_rows(200_000, 20, dtype)  # about 20k rows of the class
    assert len(X) > _approximate.EXACT_BELOW
    approx = self_knn(X, 5, "approximate")
    exact = self_knn(X, 5)
    assert recall(approx.tolist(), exact.tolist()) >= 0.95
    # Whatever it misses, it returns k distinct other rows, nearest first, with exact
    # distances: never the row itself, never worse than the exact k-th by construction.
    assert not (approx == np.arange(len(X))[:, None]).any()
    assert all(len(set(row)) == 5 for row in approx.tolist())
    Xf = X.astype(np.float64)
    got = ((Xf[approx] - Xf[:, None, :]) ** 2).sum(-1)
    assert (np.diff(got, axis=1) >= 0).all()
    best = ((Xf[exact] - Xf[:, None, :]) ** 2).sum(-1)
    assert (got >= best * (1 - 1e-12)).all()


def test_approximate_is_deterministic_and_independent_of_thread_count():
    from smotekit._parallel import limit_threads

    X = class_rows(170_000, 12, np.float32, seed=3)  # about 17k rows
    assert len(X) > _approximate.EXACT_BELOW  # the index, not the exact fallback
    first = self_knn(X, 5, "approximate")
    with limit_threads(1):
        single = self_knn(X, 5, "approximate")
    np.testing.assert_array_equal(first, self_knn(X, 5, "approximate"))
    np.testing.assert_array_equal(first, single)


@pytest.mark.parametrize(("n", "d"), [(900, 20), (1100, 4), (1100, 60)])
def test_approximate_answers_exactly_where_the_index_cannot_win(n, d, monkeypatch):
    # Too few rows (under EXACT_BELOW), too few features (the tree), or too many.
    monkeypatch.setattr(_approximate, "EXACT_BELOW", 1000)
    X = data(n, d, np.float32, seed=d)
    found = self_knn(X, 3, "approximate")
    assert_true_knn(X, found, 3, selves=np.arange(n))


def test_approximate_handles_duplicates_and_ties():
    rng = np.random.default_rng(4)
    X = rng.integers(0, 3, size=(_approximate.EXACT_BELOW + 500, 10)).astype(np.float64)
    found = self_knn(X, 5, "approximate")
    assert not (found == np.arange(len(X))[:, None]).any()
    assert all(len(set(row)) == 5 for row in found.tolist())
    # On a lattice of 3^10 points with this many rows, most neighbours are duplicates or
    # at distance 1: an approximate answer is still within the true k nearest most often.
    d2 = ((X[found] - X[:, None, :]) ** 2).sum(-1)
    exact = self_knn(X, 5)
    kth = ((X[exact] - X[:, None, :]) ** 2).sum(-1)[:, -1]
    assert np.mean(d2 <= kth[:, None]) >= 0.95


def test_smote_with_approximate_neighbours_stays_on_class_segments():
    X = class_rows(170_000, 16, np.float32, seed=5)  # about 17k rows
    assert len(X) > _approximate.EXACT_BELOW
    n_min = len(X)
    rng = np.random.default_rng(6)
    X_all = np.vstack([rng.standard_normal((n_min * 2, 16)).astype(np.float32), X])
    y = np.array([0] * (2 * n_min) + [1] * n_min)
    sampler = SMOTE(random_state=0, neighbors="approximate")
    X_res, y_res = sampler.fit_resample(X_all, y)
    assert X_res.dtype == np.float32
    assert (y_res[len(y) :] == 1).all()
    assert sampler.nn_k_.method == "approximate"
    base, nb = sampler.synthetic_parents_.T
    assert (y[base] == 1).all() and (y[nb] == 1).all() and (base != nb).all()
    t = sampler.synthetic_steps_[:, None]
    Xf = X_all.astype(np.float64)
    np.testing.assert_allclose(
        X_res[len(X_all) :], Xf[base] + t * (Xf[nb] - Xf[base]), rtol=0, atol=1e-5
    )
    exact = SMOTE(random_state=0).fit(X_all, y)
    assert exact.sampling_strategy_ == sampler.sampling_strategy_


def test_an_estimator_passed_as_k_neighbors_wins_over_approximate():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((200, 4))
    y = np.array([0] * 150 + [1] * 50)
    sampler = SMOTE(random_state=1, k_neighbors=NearestNeighbors(n_neighbors=3))
    sampler.set_params(neighbors="approximate").fit_resample(X, y)
    assert isinstance(sampler.nn_k_, NearestNeighbors)


# --------------------------------------------------------------------------- SMOTE


@pytest.mark.parametrize(("d", "dtype"), [(3, np.float64), (20, np.float32), (20, np.float64)])
def test_smote_segments_end_at_true_nearest_neighbours(d, dtype):
    """Every synthetic row is on the segment from its base to one of the base's k nearest."""
    rng = np.random.default_rng(d)
    n_min, k = 700, 5
    X = np.vstack([rng.standard_normal((1500, d)), rng.standard_normal((n_min, d)) + 1])
    X = X.astype(dtype)
    X[-50:] = X[-100:-50]  # duplicate minority rows
    y = np.array([0] * 1500 + [1] * n_min)
    sampler = SMOTE(random_state=0, k_neighbors=k)
    X_res, y_res = sampler.fit_resample(X, y)
    assert X_res.dtype == dtype
    base, nb = sampler.synthetic_parents_.T
    t = sampler.synthetic_steps_
    synthetic = X_res[len(X) :].astype(np.float64)
    Xf = X.astype(np.float64)
    tol = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(synthetic, Xf[base] + t[:, None] * (Xf[nb] - Xf[base]), atol=tol)
    minority = np.flatnonzero(y == 1)
    d2 = sq_dists(X[minority], X[minority])
    np.fill_diagonal(d2, np.inf)
    kth = np.sort(d2, axis=1)[:, k - 1]
    local = {row: i for i, row in enumerate(minority)}
    lb = np.array([local[b] for b in base])
    ln = np.array([local[j] for j in nb])
    assert (lb != ln).all()
    assert (d2[lb, ln] <= kth[lb] * (1 + 1e-12)).all()
    assert (y_res[len(X) :] == 1).all()


def test_an_estimator_passed_as_k_neighbors_wins():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((200, 4))
    y = np.array([0] * 150 + [1] * 50)
    nn = NearestNeighbors(n_neighbors=4)
    sampler = SMOTE(random_state=1, k_neighbors=nn).fit(X, y)
    sampler.fit_resample(X, y)
    assert isinstance(sampler.nn_k_, NearestNeighbors)
    assert sampler.nn_k_ is not nn


def test_int_k_neighbors_becomes_smotekits_search():
    estimator = neighbors.make_estimator(5)
    assert isinstance(estimator, NeighborSearch)
    assert estimator.n_neighbors == 6
    assert neighbors.n_neighbors_of(estimator) == 5


def test_unknown_method_is_refused_with_the_allowed_values():
    with pytest.raises(ValueError, match=r"neighbors must be one of .*got 'fast'"):
        neighbors.make_estimator(5, method="fast")
    with pytest.raises(ValueError, match="neighbors"):
        SMOTE(neighbors="fast").fit_resample([[0.0], [1.0], [2.0]], [0, 0, 1])


def test_a_samplers_search_keeps_no_copy_of_the_class_rows():
    X = data(800, 12, np.float64, seed=8)
    estimator = neighbors.make_estimator(3)
    first = neighbors.within(X[:700].copy(), estimator)
    assert estimator._fit_X is None  # the class copy can be freed before rows are made
    with pytest.raises(ValueError, match=r"call fit\(X\) before kneighbors"):
        estimator.kneighbors()
    again = estimator.fit(X[:700]).kneighbors(n_neighbors=3, return_distance=False)
    np.testing.assert_array_equal(first, again)


def test_concurrent_searches_from_threads_agree_with_sequential_ones():
    # The kernels release the GIL and share nothing between calls: no lock, no pool.
    from concurrent.futures import ThreadPoolExecutor

    from smotekit._parallel import limit_threads

    arrays = [data(900, 16, np.float32, seed=s) for s in range(4)]
    expected = [self_knn(X, 5) for X in arrays]

    def search(i):
        with limit_threads(1 + i % 2):  # per calling thread: both counts at once
            return self_knn(arrays[i], 5)

    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(search, range(4)))
    for got, want in zip(found, expected, strict=True):
        np.testing.assert_array_equal(got, want)


def test_thread_limits_are_per_calling_thread_and_nest():
    import threading

    from smotekit._parallel import available_cpus, limit_threads, n_threads

    assert n_threads() == available_cpus() >= 1
    seen = []
    with limit_threads(1):
        assert n_threads() == 1
        with limit_threads(10**6):  # never more than the CPUs this process may use
            assert n_threads() == available_cpus()
        assert n_threads() == 1
        other = threading.Thread(target=lambda: seen.append(n_threads()))
        other.start()
        other.join()
    assert seen == [available_cpus()]  # another thread keeps the default
    assert n_threads() == available_cpus()
    with pytest.raises(ValueError, match=r"threads must be an int >= 1; got 0"), limit_threads(0):
        pass


def test_distances_beyond_float64_still_give_k_distinct_other_rows():
    # Squared distances overflow to inf: every row is "equally far", any k others will do.
    for d in (3, 10):  # k-d tree and blocked search
        X = data(700, d, np.float64, seed=12) * 1e160
        for method in ("exact", "approximate"):
            found = self_knn(X, 4, method)
            assert ((found >= 0) & (found < 700)).all()
            assert not (found == np.arange(700)[:, None]).any()
            assert all(len(set(row)) == 4 for row in found.tolist())


def test_neighbor_search_refuses_bad_input_clearly():
    X = data(50, 3, np.float64, seed=0)
    with pytest.raises(ValueError, match=r"method must be one of .*got 'fast'"):
        NeighborSearch(method="fast").fit(X)
    with pytest.raises(ValueError, match=r"n_neighbors must be an int >= 1; got 0"):
        NeighborSearch(n_neighbors=0).fit(X)
    search = NeighborSearch(n_neighbors=3).fit(X)
    with pytest.raises(ValueError, match=r"3 features, as the rows fitted; got shape \(4, 2\)"):
        search.kneighbors(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"n_neighbors must be an int >= 1; got -1"):
        search.kneighbors(n_neighbors=-1)
    with pytest.raises(ValueError, match=r"n_neighbors <= n_samples_fit - 1 = 49; got 50"):
        search.kneighbors(n_neighbors=50)
    with pytest.raises(ValueError, match="2-D"):
        NeighborSearch().fit(np.zeros(5))


def test_a_forked_child_can_resample_after_its_parent_did():
    # The default multiprocessing start method on Linux forks; a thread pool kept by the
    # parent (GNU OpenMP's) hangs or kills such a child. smotekit's kernels start and join
    # their threads within each call, so the child starts clean.
    import os
    import subprocess
    import sys

    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    code = (
        "import os, numpy as np\n"
        "from smotekit import SMOTE\n"
        "rng = np.random.default_rng(0)\n"
        "X = rng.normal(size=(6000, 20)); y = (np.arange(6000) % 5 == 0).astype(int)\n"
        "SMOTE(random_state=0).fit_resample(X, y)\n"  # parallel kernels in the parent
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    try:\n"
        "        SMOTE(random_state=1, neighbors='approximate').fit_resample(X, y)\n"
        "        os._exit(0)\n"
        "    except BaseException:\n"
        "        os._exit(3)\n"
        "print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "0", run.stderr


def test_small_brute_single_nearest_takes_the_lowest_of_tied_rows_and_ranks_nan_last():
    # Rows 1 and 3 are the same point, both at distance 1 from the query: the lower index
    # wins, as with k=2 (which sorts). Row 0 is nearer than 2 but farther than 1 and 3.
    X = np.array([[3.0, 0.0], [1.0, 0.0], [9.0, 0.0], [1.0, 0.0]])
    Xq = np.array([[0.0, 0.0]])
    none = np.array([-1])
    idx, dist = _exact.small_brute(Xq, X, none, 1)
    assert idx.tolist() == [[1]] and dist.tolist() == [[1.0]]
    assert _exact.small_brute(Xq, X, none, 2)[0].tolist() == [[1, 3]]
    # A query at +inf: inf - inf is nan for row 0 and inf for the others; nan ranks last.
    X = np.array([[np.inf], [0.0], [1.0]])
    idx, dist = _exact.small_brute(np.array([[np.inf]]), X, none, 1)
    assert idx.tolist() == [[1]] and dist.tolist() == [[np.inf]]
