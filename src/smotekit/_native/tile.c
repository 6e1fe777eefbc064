/* The distance tile: the only code compiled with contraction (fused multiply-add) and, on
   x86-64, in several versions picked at load time for the CPU at hand (function
   multiversioning), so one portable build runs everywhere and still uses AVX2 / AVX-512
   where present. Its float32 values only rank candidates, which are re-ranked in float64
   (exact64.c), so the rounding of the tile never reaches a result.

   Register blocking: four query rows x 16 columns stay in eight 8-lane accumulators over
   the whole feature loop; each feature costs two column loads, four broadcasts and eight
   multiply-adds. */
#pragma GCC optimize("fp-contract=fast")

#include <string.h>

#include "native.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SK_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SK_CLONES
#endif

typedef float v8 __attribute__((vector_size(32)));
typedef float v4 __attribute__((vector_size(16)));

static inline __attribute__((always_inline)) v8 load8(const float *p) {
    v8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store8(float *p, v8 v) { memcpy(p, &v, sizeof v); }

static inline __attribute__((always_inline)) v4 load4(const float *p) {
    v4 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store4(float *p, v4 v) { memcpy(p, &v, sizeof v); }

/* The columns of a list that is not a multiple of 16 long: 8, then 4 at a time (lists of
   the inverted file are multiples of 4), then one by one. */
#define SK_TAIL(VEC, W, LOAD, STORE)                                                        \
    for (; r + W <= m; r += W) {                                                             \
        VEC v = LOAD(nr + r);                                                                \
        VEC a = v + n0, b = v + n1, c = v + n2, d = v + n3;                                  \
        const float *x = xt + r;                                                             \
        for (int64_t j = 0; j < dp; j++, x += stride) {                                      \
            VEC u = LOAD(x);                                                                 \
            a += (-2.0f * q0p[j]) * u;                                                       \
            b += (-2.0f * q1p[j]) * u;                                                       \
            c += (-2.0f * q2p[j]) * u;                                                       \
            d += (-2.0f * q3p[j]) * u;                                                       \
        }                                                                                    \
        STORE(A + r, a);                                                                     \
        STORE(B + r, b);                                                                     \
        STORE(C + r, c);                                                                     \
        STORE(D + r, d);                                                                     \
    }

SK_CLONES
void sk_tile(const float *Q, int64_t dp, const float *NQ, int64_t q0, const float *xt,
             int64_t stride, const float *nr, int64_t m, float *acc, int64_t ld) {
    const float *q0p = Q + q0 * dp, *q1p = q0p + dp, *q2p = q1p + dp, *q3p = q2p + dp;
    const float n0 = NQ[q0], n1 = NQ[q0 + 1], n2 = NQ[q0 + 2], n3 = NQ[q0 + 3];
    float *A = acc, *B = acc + ld, *C = acc + 2 * ld, *D = acc + 3 * ld;
    int64_t r = 0;
    for (; r + 16 <= m; r += 16) {
        v8 v0 = load8(nr + r), v1 = load8(nr + r + 8);
        v8 a0 = v0 + n0, a1 = v1 + n0, b0 = v0 + n1, b1 = v1 + n1;
        v8 c0 = v0 + n2, c1 = v1 + n2, d0 = v0 + n3, d1 = v1 + n3;
        const float *x = xt + r;
        for (int64_t j = 0; j < dp; j++, x += stride) {
            v8 x0 = load8(x), x1 = load8(x + 8);
            float qa = -2.0f * q0p[j], qb = -2.0f * q1p[j];
            float qc = -2.0f * q2p[j], qd = -2.0f * q3p[j];
            a0 += qa * x0;
            a1 += qa * x1;
            b0 += qb * x0;
            b1 += qb * x1;
            c0 += qc * x0;
            c1 += qc * x1;
            d0 += qd * x0;
            d1 += qd * x1;
        }
        store8(A + r, a0);
        store8(A + r + 8, a1);
        store8(B + r, b0);
        store8(B + r + 8, b1);
        store8(C + r, c0);
        store8(C + r + 8, c1);
        store8(D + r, d0);
        store8(D + r + 8, d1);
    }
    SK_TAIL(v8, 8, load8, store8)
    SK_TAIL(v4, 4, load4, store4)
    for (; r < m; r++) {
        float a = nr[r] + n0, b = nr[r] + n1, c = nr[r] + n2, d = nr[r] + n3;
        for (int64_t j = 0; j < dp; j++) {
            float u = xt[j * stride + r];
            a += -2.0f * q0p[j] * u;
            b += -2.0f * q1p[j] * u;
            c += -2.0f * q2p[j] * u;
            d += -2.0f * q3p[j] * u;
        }
        A[r] = a;
        B[r] = b;
        C[r] = c;
        D[r] = d;
    }
}

/* The machine's float32 multiply-add peak on one core, as far as a program reaches it:
   twelve independent accumulators (enough to hide the latency of two FMA pipes), no
   memory traffic. Benchmark only (benchmarks/bench_peak.py). */
SK_CLONES
double sk_fma_peak(int64_t iterations) {
    v8 acc[12];
    for (int i = 0; i < 12; i++) acc[i] = (v8){0} + (float)i * 1e-3f;
    const v8 a = (v8){0} + 0.999999f, b = (v8){0} + 1e-7f;
    for (int64_t it = 0; it < iterations; it++) {
        for (int i = 0; i < 12; i++) acc[i] = acc[i] * a + b;
    }
    double s = 0;
    for (int i = 0; i < 12; i++)
        for (int l = 0; l < 8; l++) s += acc[i][l];
    return s;
}
