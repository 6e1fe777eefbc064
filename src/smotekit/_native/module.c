/* smotekit._native._core: the Python entry points of the kernels. Each takes its arrays as
   C-contiguous buffers plus their shapes; before any kernel runs, every buffer's length is
   checked against the shapes it is read or written with (so no loop bound can leave a
   buffer), and the kernels check the index arrays they read rows by. The GIL is released
   while a kernel runs. The Python module smotekit._native checks dtypes and shapes first and
   gives the errors users see; these checks are the last line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "native.h"

static int need(Py_buffer *b, Py_ssize_t count, Py_ssize_t item, const char *name) {
    if (count < 0 || b->len != count * item) {
        PyErr_Format(PyExc_ValueError, "%s: the buffer holds %zd bytes; its shape needs %zd",
                     name, b->len, count < 0 ? (Py_ssize_t)-1 : count * item);
        return 0;
    }
    return 1;
}

static int positive(long long v, const char *name) {
    if (v < 1) {
        PyErr_Format(PyExc_ValueError, "%s must be >= 1; got %lld", name, v);
        return 0;
    }
    return 1;
}

static void release(Py_buffer *views, int n) {
    for (int i = 0; i < n; i++)
        if (views[i].obj) PyBuffer_Release(&views[i]);
}

static PyObject *finish(int rc, Py_buffer *views, int n, const char *what) {
    release(views, n);
    if (rc == -1) return PyErr_NoMemory();
    if (rc == -2) {
        PyErr_Format(PyExc_ValueError, "%s", what);
        return NULL;
    }
    Py_RETURN_NONE;
}

#define F4 ((Py_ssize_t)sizeof(float))
#define F8 ((Py_ssize_t)sizeof(double))
#define I8 ((Py_ssize_t)sizeof(int64_t))

static PyObject *py_self_knn(PyObject *self, PyObject *args) {
    Py_buffer v[6] = {{0}};
    long long m, dp, K;
    int threads, rc = 0;
    if (!PyArg_ParseTuple(args, "y*y*y*y*w*w*LLLi", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &m,
                          &dp, &K, &threads))
        return NULL;
    Py_ssize_t rows = (Py_ssize_t)m * SK_BLOCK;
    if (!(m >= 0 && positive(dp, "dp") && positive(K, "K") && positive(threads, "threads") &&
          need(&v[0], rows * dp, F4, "Q") && need(&v[1], rows, F4, "NQ") &&
          need(&v[2], rows * dp, F4, "XT") && need(&v[3], rows, F4, "NR") &&
          need(&v[4], rows * K, F4, "hd") && need(&v[5], rows * K, I8, "hi"))) {
        release(v, 6);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = sk_self_knn(v[0].buf, v[1].buf, v[2].buf, v[3].buf, m, dp, v[4].buf, v[5].buf, K,
                     threads);
    Py_END_ALLOW_THREADS
    return finish(rc, v, 6, "");
}

static PyObject *py_query_knn(PyObject *self, PyObject *args) {
    Py_buffer v[6] = {{0}};
    long long nqb, m, dp, K;
    int threads, rc = 0;
    if (!PyArg_ParseTuple(args, "y*y*y*y*w*w*LLLLi", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                          &nqb, &m, &dp, &K, &threads))
        return NULL;
    Py_ssize_t q = (Py_ssize_t)nqb * SK_BLOCK, rows = (Py_ssize_t)m * SK_BLOCK;
    if (!(nqb >= 0 && m >= 0 && positive(dp, "dp") && positive(K, "K") &&
          positive(threads, "threads") && need(&v[0], q * dp, F4, "Q") &&
          need(&v[1], q, F4, "NQ") && need(&v[2], rows * dp, F4, "XT") &&
          need(&v[3], rows, F4, "NR") && need(&v[4], q * K, F4, "hd") &&
          need(&v[5], q * K, I8, "hi"))) {
        release(v, 6);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = sk_query_knn(v[0].buf, v[1].buf, nqb, v[2].buf, v[3].buf, m, dp, v[4].buf, v[5].buf, K,
                      threads);
    Py_END_ALLOW_THREADS
    return finish(rc, v, 6, "");
}

static PyObject *py_rerank(PyObject *self, PyObject *args) {
    Py_buffer v[6] = {{0}};
    int q64, x64, threads, rc = 0;
    long long n, N, d, K, k;
    if (!PyArg_ParseTuple(args, "y*py*py*y*w*w*LLLLLi", &v[0], &q64, &v[1], &x64, &v[2], &v[3],
                          &v[4], &v[5], &n, &N, &d, &K, &k, &threads))
        return NULL;
    if (!(n >= 0 && N >= 0 && d >= 0 && positive(K, "K") && positive(k, "k") &&
          positive(threads, "threads") && need(&v[0], n * d, q64 ? F8 : F4, "Xq") &&
          need(&v[1], N * d, x64 ? F8 : F4, "X") && need(&v[2], n * K, I8, "cand") &&
          need(&v[3], n, I8, "self_rows") && need(&v[4], n * k, I8, "out_idx") &&
          need(&v[5], n * k, F8, "out_dist"))) {
        release(v, 6);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = sk_rerank(v[0].buf, q64, v[1].buf, x64, n, N, d, v[2].buf, K, v[3].buf, v[4].buf,
                   v[5].buf, k, threads);
    Py_END_ALLOW_THREADS
    return finish(rc, v, 6, "cand holds a row outside -1..N-1");
}

static PyObject *py_brute64(PyObject *self, PyObject *args) {
    Py_buffer v[5] = {{0}};
    int q64, x64, threads, rc = 0;
    long long n, N, d, k;
    if (!PyArg_ParseTuple(args, "y*py*py*w*w*LLLLi", &v[0], &q64, &v[1], &x64, &v[2], &v[3],
                          &v[4], &n, &N, &d, &k, &threads))
        return NULL;
    if (!(n >= 0 && N >= 0 && d >= 0 && positive(k, "k") && positive(threads, "threads") &&
          need(&v[0], n * d, q64 ? F8 : F4, "Xq") && need(&v[1], N * d, x64 ? F8 : F4, "X") &&
          need(&v[2], n, I8, "self_rows") && need(&v[3], n * k, I8, "out_idx") &&
          need(&v[4], n * k, F8, "out_dist"))) {
        release(v, 5);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = sk_brute64(v[0].buf, q64, v[1].buf, x64, n, N, d, v[2].buf, v[3].buf, v[4].buf, k,
                    threads);
    Py_END_ALLOW_THREADS
    return finish(rc, v, 5, "");
}

static PyObject *py_pack(PyObject *self, PyObject *args) {
    Py_buffer v[5] = {{0}};
    int x64, threads, rc = 0;
    double scale;
    long long n, n_pad, d, dp;
    if (!PyArg_ParseTuple(args, "y*py*dw*w*w*LLLLi", &v[0], &x64, &v[1], &scale, &v[2], &v[3],
                          &v[4], &n, &n_pad, &d, &dp, &threads))
        return NULL;
    if (!(n >= 0 && n_pad >= n && d >= 0 && dp >= d && positive(threads, "threads") &&
          need(&v[0], n * d, x64 ? F8 : F4, "X") && need(&v[1], d, F8, "mu") &&
          need(&v[2], n_pad * dp, F4, "Q") && need(&v[3], n_pad, F4, "NQ") &&
          need(&v[4], n, F8, "norm64"))) {
        release(v, 5);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = sk_pack(v[0].buf, x64, n, d, v[1].buf, scale, v[2].buf, dp, v[3].buf, v[4].buf,
                 threads);
    Py_END_ALLOW_THREADS
    return finish(rc, v, 5, "");
}

static PyObject *py_fill_rows(PyObject *self, PyObject *args) {
    Py_buffer v[6] = {{0}};
    int x64, threads, rc = 0;
    long long N, d, n;
    if (!PyArg_ParseTuple(args, "y*py*y*y*w*y*LLLi", &v[0], &x64, &v[1], &v[2], &v[3], &v[4],
                          &v[5], &N, &d, &n, &threads))
        return NULL;
    Py_ssize_t item = x64 ? F8 : F4;
    if (!(N >= 0 && d >= 0 && n >= 0 && positive(threads, "threads") &&
          need(&v[0], N * d, item, "X") && need(&v[1], n, I8, "base") &&
          need(&v[2], n, I8, "neighbor") && need(&v[3], n, item, "step") &&
          need(&v[4], n * d, item, "out") && need(&v[5], d, 1, "rounded"))) {
        release(v, 6);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = sk_fill_rows(v[0].buf, x64, N, d, v[1].buf, v[2].buf, v[3].buf, v[4].buf, n, v[5].buf,
                      threads);
    Py_END_ALLOW_THREADS
    return finish(rc, v, 6, "base or neighbor holds a row outside 0..N-1");
}

static PyObject *py_probe_scan(PyObject *self, PyObject *args) {
    Py_buffer v[7] = {{0}};
    long long n, dp, n_lists, n_probe, K;
    int threads, rc = 0;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*w*w*LLLLLi", &v[0], &v[1], &v[2], &v[3], &v[4],
                          &v[5], &v[6], &n, &dp, &n_lists, &n_probe, &K, &threads))
        return NULL;
    if (!(n >= 0 && n % 4 == 0 && positive(dp, "dp") && positive(n_lists, "n_lists") &&
          positive(n_probe, "n_probe") && positive(K, "K") && positive(threads, "threads") &&
          need(&v[0], n * dp, F4, "Q") && need(&v[1], n, F4, "NQ") &&
          need(&v[2], dp * n, F4, "XT") && need(&v[3], n_lists + 1, I8, "starts") &&
          need(&v[4], n * n_probe, I8, "probes") && need(&v[5], n * K, F4, "hd") &&
          need(&v[6], n * K, I8, "hi"))) {
        release(v, 7);
        return NULL;
    }
    const int64_t *starts = v[3].buf, *probes = v[4].buf;
    int bad = starts[0] < 0 || starts[n_lists] > n;
    for (long long c = 0; c < n_lists && !bad; c++)
        bad = starts[c + 1] < starts[c] || (starts[c] % 4) != 0;
    Py_BEGIN_ALLOW_THREADS
    for (long long i = 0; i < n * n_probe && !bad; i++) bad = probes[i] < 0 || probes[i] >= n_lists;
    if (!bad)
        rc = sk_probe_scan(v[0].buf, v[1].buf, v[2].buf, n, dp, starts, n_lists, probes, n_probe,
                           v[5].buf, v[6].buf, K, threads);
    Py_END_ALLOW_THREADS
    return finish(bad ? -2 : rc, v, 7,
                  "starts must rise in multiples of 4 within 0..n, and probes name lists "
                  "0..n_lists-1");
}

static PyObject *py_nearest_lists(PyObject *self, PyObject *args) {
    Py_buffer v[6] = {{0}};
    long long n, dp, nc, count, pc;
    int threads, rc = 0;
    if (!PyArg_ParseTuple(args, "y*y*y*y*w*w*LLLLLi", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                          &n, &dp, &nc, &count, &pc, &threads))
        return NULL;
    long long n4 = (n + 3) / 4 * 4;
    if (!(n >= 0 && positive(dp, "dp") && positive(nc, "nc") && positive(count, "count") &&
          positive(threads, "threads") && need(&v[0], n4 * dp, F4, "Q") &&
          need(&v[1], n4, F4, "NQ") && need(&v[2], dp * nc, F4, "CT") &&
          need(&v[3], nc, F4, "NC") && need(&v[4], n, I8, "home") &&
          need(&v[5], n * (count < nc ? count : nc), I8, "probes"))) {
        release(v, 6);
        return NULL;
    }
    (void)pc;
    Py_BEGIN_ALLOW_THREADS
    rc = sk_nearest_lists(v[0].buf, v[1].buf, n, dp, v[2].buf, v[3].buf, nc, count, v[4].buf,
                          v[5].buf, count < nc ? count : nc, threads);
    Py_END_ALLOW_THREADS
    return finish(rc, v, 6, "");
}

static PyObject *py_bench_tiles(PyObject *self, PyObject *args) {
    Py_buffer v[4] = {{0}};
    long long m, dp;
    double total;
    if (!PyArg_ParseTuple(args, "y*y*y*y*LL", &v[0], &v[1], &v[2], &v[3], &m, &dp)) return NULL;
    Py_ssize_t rows = (Py_ssize_t)m * SK_BLOCK;
    if (!(m >= 0 && positive(dp, "dp") && need(&v[0], rows * dp, F4, "Q") &&
          need(&v[1], rows, F4, "NQ") && need(&v[2], rows * dp, F4, "XT") &&
          need(&v[3], rows, F4, "NR"))) {
        release(v, 4);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    total = sk_bench_tiles(v[0].buf, v[1].buf, v[2].buf, v[3].buf, m, dp);
    Py_END_ALLOW_THREADS
    release(v, 4);
    return PyFloat_FromDouble(total);
}

static PyObject *py_fma_peak(PyObject *self, PyObject *args) {
    long long iterations;
    double total;
    if (!PyArg_ParseTuple(args, "L", &iterations)) return NULL;
    Py_BEGIN_ALLOW_THREADS
    total = sk_fma_peak(iterations);
    Py_END_ALLOW_THREADS
    return PyFloat_FromDouble(total);
}

static PyMethodDef methods[] = {
    {"self_knn", py_self_knn, METH_VARARGS, NULL},
    {"query_knn", py_query_knn, METH_VARARGS, NULL},
    {"rerank", py_rerank, METH_VARARGS, NULL},
    {"brute64", py_brute64, METH_VARARGS, NULL},
    {"pack", py_pack, METH_VARARGS, NULL},
    {"fill_rows", py_fill_rows, METH_VARARGS, NULL},
    {"probe_scan", py_probe_scan, METH_VARARGS, NULL},
    {"nearest_lists", py_nearest_lists, METH_VARARGS, NULL},
    {"bench_tiles", py_bench_tiles, METH_VARARGS, NULL},
    {"fma_peak", py_fma_peak, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_core",
    "smotekit's compiled kernels; call them through smotekit._native, which checks arguments.",
    -1, methods,
};

PyMODINIT_FUNC PyInit__core(void) {
    PyObject *mod = PyModule_Create(&module);
    if (mod && PyModule_AddIntConstant(mod, "BLOCK", SK_BLOCK) < 0) {
        Py_DECREF(mod);
        return NULL;
    }
    return mod;
}
