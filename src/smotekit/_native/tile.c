/* The distance tile: the only code compiled with contraction (fused multiply-add) and, on
   x86-64, in several versions picked at load time for the CPU at hand (function
   multiversioning), so one portable build runs everywhere and still uses AVX2 / AVX-512
   where present. Its float32 values only rank candidates, which are re-ranked in float64
   (exact64.c), so the rounding of the tile never reaches a result.

   Register blocking: four query rows x 24 columns stay in twelve 8-lane accumulators over
   the feature loop (then 16, 8, 4 and single columns for what is left of a list). */
#pragma GCC optimize("fp-contract=fast")

#include <string.h>

#include "native.h"

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

#define SK_MAX_DP 256 /* features per slice: -2 q of four rows stays on the stack */

/* NV vectors of 8 columns for the four query rows: 4 * NV accumulators in registers over
   the slice's feature loop. qs holds -2 q (exact: a power of two) feature by feature, so
   each feature costs NV column loads, four broadcasts and 4 * NV multiply-adds. The first
   slice starts from the norms, later ones from what the earlier slices stored. */
#define SK_COLUMNS(VEC, W, LOAD, STORE, NV)                                                 \
    for (; r + W * NV <= m; r += W * NV) {                                                   \
        VEC acc[4][NV];                                                                      \
        _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) {                               \
            if (n) {                                                                         \
                VEC base = LOAD(nr + r + W * v);                                             \
                for (int t = 0; t < 4; t++) acc[t][v] = base + n[t];                         \
            } else {                                                                         \
                for (int t = 0; t < 4; t++) acc[t][v] = LOAD(rows[t] + r + W * v);           \
            }                                                                                \
        }                                                                                    \
        const float *x = xt + r;                                                             \
        for (int64_t j = 0; j < width; j++, x += stride) {                                   \
            VEC u[NV];                                                                       \
            _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) u[v] = LOAD(x + W * v);     \
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {                            \
                float c = qs[4 * j + t];                                                     \
                _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) acc[t][v] += c * u[v];  \
            }                                                                                \
        }                                                                                    \
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++)                                  \
            _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++)                             \
                STORE(rows[t] + r + W * v, acc[t][v]);                                       \
    }

static inline __attribute__((always_inline)) float load1(const float *p) { return *p; }
static inline __attribute__((always_inline)) void store1(float *p, float v) { *p = v; }

static inline __attribute__((always_inline)) void tile_slice(
    const float *qs, int64_t width, const float *n, const float *xt, int64_t stride,
    const float *nr, int64_t m, float *const *rows) {
    int64_t r = 0;
    SK_COLUMNS(v8, 8, load8, store8, 3) /* 24 columns: 12 accumulators hide FMA latency */
    SK_COLUMNS(v8, 8, load8, store8, 2)
    SK_COLUMNS(v8, 8, load8, store8, 1)
    SK_COLUMNS(v4, 4, load4, store4, 1) /* lists of the inverted file: multiples of 4 */
    SK_COLUMNS(float, 1, load1, store1, 1)
}

SK_CLONES
void sk_tile(const float *Q, int64_t dp, const float *NQ, int64_t q0, const float *xt,
             int64_t stride, const float *nr, int64_t m, float *acc, int64_t ld) {
    float qs[4 * SK_MAX_DP];
    const float n[4] = {NQ[q0], NQ[q0 + 1], NQ[q0 + 2], NQ[q0 + 3]};
    float *const rows[4] = {acc, acc + ld, acc + 2 * ld, acc + 3 * ld};
    for (int64_t j0 = 0; j0 < dp; j0 += SK_MAX_DP) {
        int64_t width = dp - j0 < SK_MAX_DP ? dp - j0 : SK_MAX_DP;
        for (int64_t j = 0; j < width; j++)
            for (int t = 0; t < 4; t++) qs[4 * j + t] = -2.0f * Q[(q0 + t) * dp + j0 + j];
        tile_slice(qs, width, j0 == 0 ? n : NULL, xt + j0 * stride, stride, nr, m, rows);
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
