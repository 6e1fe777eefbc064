/* Shared declarations of smotekit's compiled kernels (see __init__.py for the contract). */
#ifndef SMOTEKIT_NATIVE_H
#define SMOTEKIT_NATIVE_H

#include <stddef.h>
#include <stdint.h>

#define SK_BLOCK 256 /* rows per block: neighbors._constants.BLOCK */
#define SK_CHUNK 16  /* winners are looked for chunk by chunk */
#define SK_GROUPS 16 /* self search: block groups scheduled as a tournament */

/* Code worth a version per instruction set (x86-64 only; elsewhere one plain build). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(SK_NO_CLONES)
#define SK_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SK_CLONES
#endif

/* Threads: run fn(ctx, task, scratch) for task = 0..n_tasks-1 on up to `threads` threads
   (the caller is one of them), each with its own zeroed-or-initialised scratch of
   `scratch_bytes`. Returns 0, or -1 when memory ran out before every task ran. */
typedef void (*sk_task_fn)(void *ctx, int64_t task, void *scratch);
typedef void (*sk_scratch_init)(void *ctx, void *scratch);
int sk_parallel(sk_task_fn fn, void *ctx, int64_t n_tasks, int threads, size_t scratch_bytes,
                sk_scratch_init init);

/* Distance tiles (tile.c): acc[t * ld + r] = |q_t|^2 + nr[r] - 2 q_t . x_r for the four
   query rows q0..q0+3 of Q (row length dp) and the m columns of xt (dp rows of `stride`
   floats, column r at xt[j * stride + r]). */
void sk_tile(const float *Q, int64_t dp, const float *NQ, int64_t q0, const float *xt,
             int64_t stride, const float *nr, int64_t m, float *acc, int64_t ld);
double sk_fma_peak(int64_t iterations); /* benchmark only: 2 * 8 * 12 flops per iteration */

/* Exact and approximate search (knn.c). */
int sk_self_knn(const float *Q, const float *NQ, const float *XT, const float *NR, int64_t m,
                int64_t dp, float *hd, int64_t *hi, int64_t K, int threads);
int sk_query_knn(const float *Q, const float *NQ, int64_t nq_blocks, const float *XT,
                 const float *NR, int64_t m, int64_t dp, float *hd, int64_t *hi, int64_t K,
                 int threads);
double sk_bench_tiles(const float *Q, const float *NQ, const float *XT, const float *NR,
                      int64_t m, int64_t dp);
int sk_probe_scan(const float *Q, const float *NQ, const float *XT, int64_t n, int64_t dp,
                  const int64_t *starts, int64_t n_lists, const int64_t *probes,
                  int64_t n_probe, float *hd, int64_t *hi, int64_t K, int threads);
int sk_nearest_lists(const float *Q, const float *NQ, int64_t n, int64_t dp, const float *CT,
                     const float *NC, int64_t nc, int64_t count, int64_t *home,
                     int64_t *probes, int64_t pc, int threads);

/* float64 work (exact64.c): `xq64` / `x64` say whether Xq / X are float64 (else float32). */
int sk_rerank(const void *Xq, int xq64, const void *X, int x64, int64_t n, int64_t N,
              int64_t d, const int64_t *cand, int64_t K, const int64_t *self_rows,
              int64_t *out_idx, double *out_dist, int64_t k, int threads);
int sk_brute64(const void *Xq, int xq64, const void *X, int x64, int64_t n, int64_t N,
               int64_t d, const int64_t *self_rows, int64_t *out_idx, double *out_dist,
               int64_t k, int threads);
int sk_pack(const void *X, int x64, int64_t n, int64_t d, const double *mu, double scale,
            float *Q, int64_t dp, float *NQ, double *norm64, int threads);
int sk_fill_rows(const void *X, int x64, int64_t N, int64_t d, const int64_t *base,
                 const int64_t *neighbor, const void *step, void *out, int64_t n,
                 const uint8_t *rounded, int threads);

#endif
