/* The float32 neighbour searches: candidate lists ("heaps": hd distances, hi indices,
   ascending, K per row) filled from distance tiles. The order in which a row is offered
   its candidates is fixed by the loops below and never by the threads, so ties (kept:
   the first offered) resolve the same way every run and with any thread count.

   Every index read here comes from the loop bounds, which the caller derived from the
   buffers' lengths (checked in module.c), or from `starts` / `probes`, which are checked
   against those lengths before any row is scanned. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"

/* Insert (value, index) into one sorted list of K if it beats the last. */
static inline __attribute__((always_inline)) void insert(float *hd, int64_t *hi, int64_t K, float value, int64_t index) {
    if (!(value < hd[K - 1])) return;
    int64_t pos = K - 1;
    while (pos > 0 && hd[pos - 1] > value) {
        hd[pos] = hd[pos - 1];
        hi[pos] = hi[pos - 1];
        pos--;
    }
    hd[pos] = value;
    hi[pos] = index;
}

/* Offer a BLOCK-wide tile to the lists of its four query rows; on a diagonal tile (queries
   and block are the same rows) a row never gets itself. Counts first: most offers lose. */
static inline __attribute__((always_inline)) void offer_rows(const float *acc, float *hd, int64_t *hi, int64_t K, int64_t q0,
                       int64_t base, int diagonal) {
    for (int t = 0; t < 4; t++) {
        int64_t row = q0 + t;
        const float *a = acc + t * SK_BLOCK;
        float *rd = hd + row * K;
        int64_t *ri = hi + row * K;
        float thr = rd[K - 1];
        int count = 0;
        for (int r = 0; r < SK_BLOCK; r++) count += a[r] < thr;
        if (!count) continue;
        for (int c0 = 0; c0 < SK_BLOCK; c0 += SK_CHUNK) {
            thr = rd[K - 1];
            count = 0;
            for (int r = c0; r < c0 + SK_CHUNK; r++) count += a[r] < thr;
            if (!count) continue;
            for (int r = c0; r < c0 + SK_CHUNK; r++) {
                int64_t idx = base + r;
                if (a[r] < rd[K - 1] && !(diagonal && idx == row)) insert(rd, ri, K, a[r], idx);
            }
        }
    }
}

/* Offer the tile to the lists of the block's rows (symmetric search); col_thr mirrors
   their current K-th distances, contiguous for the count. */
static inline __attribute__((always_inline)) void offer_cols(const float *acc, float *hd, int64_t *hi, int64_t K, int64_t q0,
                       int64_t base, float *col_thr) {
    const float *A = acc, *B = acc + SK_BLOCK, *C = acc + 2 * SK_BLOCK, *D = acc + 3 * SK_BLOCK;
    int count = 0;
    for (int r = 0; r < SK_BLOCK; r++) {
        float c = col_thr[r];
        count += (A[r] < c) | (B[r] < c) | (C[r] < c) | (D[r] < c);
    }
    if (!count) return;
    for (int c0 = 0; c0 < SK_BLOCK; c0 += SK_CHUNK) {
        count = 0;
        for (int r = c0; r < c0 + SK_CHUNK; r++) {
            float c = col_thr[r];
            count += (A[r] < c) | (B[r] < c) | (C[r] < c) | (D[r] < c);
        }
        if (!count) continue;
        for (int r = c0; r < c0 + SK_CHUNK; r++) {
            int64_t row = base + r;
            float *rd = hd + row * K;
            int64_t *ri = hi + row * K;
            for (int t = 0; t < 4; t++) {
                float v = acc[t * SK_BLOCK + r];
                if (v < rd[K - 1]) insert(rd, ri, K, v, q0 + t);
            }
            col_thr[r] = rd[K - 1];
        }
    }
}

typedef struct {
    const float *Q, *NQ, *XT, *NR;
    int64_t m, dp, K;
    float *hd;
    int64_t *hi;
    const int64_t *bounds; /* self search: block range of each group */
    int64_t groups, teams, round;
} search_t;

static inline __attribute__((always_inline)) void tile_block(const search_t *s, int64_t q0, int64_t b, float *acc) {
    sk_tile(s->Q, s->dp, s->NQ, q0, s->XT + b * s->dp * SK_BLOCK, SK_BLOCK, s->NR + b * SK_BLOCK,
            SK_BLOCK, acc, SK_BLOCK);
}

/* All distances between blocks a and b, offered to both sides (a != b) or once (a == b).
   Versioned per instruction set: the offers' counts are wide compares. */
SK_CLONES static void pair(const search_t *s, int64_t a, int64_t b, float *acc, float *col_thr) {
    int64_t K = s->K;
    if (a != b)
        for (int r = 0; r < SK_BLOCK; r++) col_thr[r] = s->hd[(b * SK_BLOCK + r) * K + K - 1];
    for (int64_t q0 = a * SK_BLOCK; q0 < (a + 1) * SK_BLOCK; q0 += 4) {
        tile_block(s, q0, b, acc);
        if (a == b) {
            offer_rows(acc, s->hd, s->hi, K, q0, b * SK_BLOCK, 1);
        } else {
            offer_rows(acc, s->hd, s->hi, K, q0, b * SK_BLOCK, 0);
            offer_cols(acc, s->hd, s->hi, K, q0, b * SK_BLOCK, col_thr);
        }
    }
}

/* All block pairs between block ranges [lo_a, hi_a) and [lo_b, hi_b), each once. */
static void group_pair(const search_t *s, int64_t lo_a, int64_t hi_a, int64_t lo_b,
                       int64_t hi_b, float *scratch) {
    for (int64_t a = lo_a; a < hi_a; a++)
        for (int64_t b = (lo_a == lo_b ? a : lo_b); b < hi_b; b++)
            pair(s, a, b, scratch, scratch + 4 * SK_BLOCK);
}

static void within_group(void *ctx, int64_t g, void *scratch) {
    const search_t *s = ctx;
    group_pair(s, s->bounds[g], s->bounds[g + 1], s->bounds[g], s->bounds[g + 1], scratch);
}

static void tournament_match(void *ctx, int64_t p, void *scratch) {
    const search_t *s = ctx;
    int64_t teams = s->teams, rnd = s->round, a, b;
    if (p == 0) {
        a = rnd;
        b = teams - 1;
    } else {
        a = (rnd + p) % (teams - 1);
        b = (rnd - p + teams - 1) % (teams - 1);
    }
    if (a >= s->groups || b >= s->groups) return; /* the "bye" team of an odd count */
    group_pair(s, s->bounds[a], s->bounds[a + 1], s->bounds[b], s->bounds[b + 1], scratch);
}

/* Every unordered pair of blocks once, offered to both blocks' rows. Blocks form up to
   SK_GROUPS groups; pairs of groups meet in a round-robin tournament, so within a round no
   two tasks share a group (no two threads touch one list) and the offers each row gets
   come in the same order whatever the thread count. */
int sk_self_knn(const float *Q, const float *NQ, const float *XT, const float *NR, int64_t m,
                int64_t dp, float *hd, int64_t *hi, int64_t K, int threads) {
    if (m <= 0) return 0;
    int64_t groups = m < SK_GROUPS ? m : SK_GROUPS;
    int64_t bounds[SK_GROUPS + 1];
    for (int64_t g = 0; g <= groups; g++) bounds[g] = (g * m) / groups;
    search_t s = {Q, NQ, XT, NR, m, dp, K, hd, hi, bounds, groups, 0, 0};
    size_t scratch = 5 * SK_BLOCK * sizeof(float);
    if (sk_parallel(within_group, &s, groups, threads, scratch, NULL)) return -1;
    s.teams = groups + (groups % 2);
    for (s.round = 0; s.round < s.teams - 1; s.round++)
        if (sk_parallel(tournament_match, &s, s.teams / 2, threads, scratch, NULL)) return -1;
    return 0;
}

SK_CLONES static void query_block(void *ctx, int64_t a, void *scratch) {
    const search_t *s = ctx;
    for (int64_t b = 0; b < s->m; b++)
        for (int64_t q0 = a * SK_BLOCK; q0 < (a + 1) * SK_BLOCK; q0 += 4) {
            tile_block(s, q0, b, scratch);
            offer_rows(scratch, s->hd, s->hi, s->K, q0, b * SK_BLOCK, 0);
        }
}

int sk_query_knn(const float *Q, const float *NQ, int64_t nq_blocks, const float *XT,
                 const float *NR, int64_t m, int64_t dp, float *hd, int64_t *hi, int64_t K,
                 int threads) {
    search_t s = {Q, NQ, XT, NR, m, dp, K, hd, hi, NULL, 0, 0, 0};
    return sk_parallel(query_block, &s, nq_blocks, threads, 4 * SK_BLOCK * sizeof(float), NULL);
}

/* Benchmark only: the tiles of the self search (every block pair once) on the calling
   thread, without offering them; returns a checksum so nothing is optimised away. */
double sk_bench_tiles(const float *Q, const float *NQ, const float *XT, const float *NR,
                      int64_t m, int64_t dp) {
    float *acc = malloc(4 * SK_BLOCK * sizeof(float));
    if (!acc) return NAN;
    search_t s = {Q, NQ, XT, NR, m, dp, 0, NULL, NULL, NULL, 0, 0, 0};
    double total = 0;
    for (int64_t a = 0; a < m; a++)
        for (int64_t b = a; b < m; b++)
            for (int64_t q0 = a * SK_BLOCK; q0 < (a + 1) * SK_BLOCK; q0 += 4) {
                tile_block(&s, q0, b, acc);
                total += acc[q0 % SK_BLOCK];
            }
    free(acc);
    return total;
}

/* ------------------------------------------------------------------ inverted-file index */

typedef struct {
    const float *Q, *NQ, *XT;
    int64_t n, dp;
    const int64_t *starts, *probes;
    int64_t n_lists, n_probe, longest, K;
    float *hd;
    int64_t *hi;
} probe_t;

#define PROBE_GROUPS_PER_TASK 16

static void probe_init(void *ctx, void *scratch) {
    const probe_t *p = ctx;
    int64_t *seen = (int64_t *)((float *)scratch + 4 * p->longest + (4 * p->longest) % 2);
    for (int64_t c = 0; c < p->n_lists; c++) seen[c] = -1;
}

/* Groups of four positions (one list each, as lists are padded to multiples of four) scan
   the union of their rows' probe lists; every row of the group is offered every scanned
   position, which only adds candidates. */
SK_CLONES static void probe_task(void *ctx, int64_t task, void *scratch) {
    const probe_t *p = ctx;
    float *acc = scratch;
    int64_t *seen = (int64_t *)((float *)scratch + 4 * p->longest + (4 * p->longest) % 2);
    int64_t K = p->K, n_groups = p->n / 4;
    int64_t g_end = (task + 1) * PROBE_GROUPS_PER_TASK;
    if (g_end > n_groups) g_end = n_groups;
    for (int64_t g = task * PROBE_GROUPS_PER_TASK; g < g_end; g++) {
        int64_t q0 = 4 * g;
        for (int t = 0; t < 4; t++) {
            if (p->NQ[q0 + t] == INFINITY) continue;
            for (int64_t pr = 0; pr < p->n_probe; pr++) {
                int64_t c = p->probes[(q0 + t) * p->n_probe + pr];
                if (seen[c] == g) continue;
                seen[c] = g;
                int64_t s = p->starts[c], m = p->starts[c + 1] - s;
                sk_tile(p->Q, p->dp, p->NQ, q0, p->XT + s, p->n, p->NQ + s, m, acc, p->longest);
                for (int u = 0; u < 4; u++) {
                    int64_t row = q0 + u;
                    if (p->NQ[row] == INFINITY) continue;
                    const float *a = acc + u * p->longest;
                    float *rd = p->hd + row * K;
                    int64_t *ri = p->hi + row * K;
                    float thr = rd[K - 1];
                    int64_t count = 0;
                    for (int64_t r = 0; r < m; r++) count += a[r] < thr;
                    if (!count) continue;
                    for (int64_t r = 0; r < m; r++)
                        if (a[r] < rd[K - 1] && s + r != row) insert(rd, ri, K, a[r], s + r);
                }
            }
        }
    }
}

int sk_probe_scan(const float *Q, const float *NQ, const float *XT, int64_t n, int64_t dp,
                  const int64_t *starts, int64_t n_lists, const int64_t *probes,
                  int64_t n_probe, float *hd, int64_t *hi, int64_t K, int threads) {
    int64_t longest = 0;
    for (int64_t c = 0; c < n_lists; c++)
        if (starts[c + 1] - starts[c] > longest) longest = starts[c + 1] - starts[c];
    probe_t p = {Q, NQ, XT, n, dp, starts, probes, n_lists, n_probe, longest, K, hd, hi};
    size_t floats = 4 * longest + (4 * longest) % 2; /* keeps `seen` 8-byte aligned */
    size_t scratch = floats * sizeof(float) + n_lists * sizeof(int64_t);
    int64_t tasks = (n / 4 + PROBE_GROUPS_PER_TASK - 1) / PROBE_GROUPS_PER_TASK;
    return sk_parallel(probe_task, &p, tasks, threads, scratch, probe_init);
}

typedef struct {
    const float *Q, *NQ, *CT, *NC;
    int64_t n, dp, nc, count, pc;
    int64_t *home, *probes;
} lists_t;

/* Each row's nearest centroid and its `count` nearest, four rows at a time (ties: the lower
   centroid). The probe list starts as the first centroids, so every entry is a valid list
   even where no distance compares (NaN rows). */
static void lists_task(void *ctx, int64_t g, void *scratch) {
    const lists_t *L = ctx;
    int64_t nc = L->nc, count = L->count;
    float *acc = scratch, *bd = acc + 4 * nc;
    int64_t q0 = 4 * g;
    sk_tile(L->Q, L->dp, L->NQ, q0, L->CT, nc, L->NC, nc, acc, nc);
    for (int t = 0; t < 4; t++) {
        int64_t p = q0 + t;
        if (p >= L->n) break;
        const float *dist = acc + t * nc;
        int64_t best = 0;
        for (int64_t c = 0; c < nc; c++)
            if (dist[c] < dist[best]) best = c;
        L->home[p] = best;
        int64_t *pr = L->probes + p * L->pc;
        if (count == 1) {
            pr[0] = best;
            continue;
        }
        if (count >= nc) {
            for (int64_t c = 0; c < nc; c++) pr[c] = c;
            continue;
        }
        for (int64_t c = 0; c < count; c++) {
            bd[c] = INFINITY;
            pr[c] = c;
        }
        for (int64_t c = 0; c < nc; c++) insert(bd, pr, count, dist[c], c);
    }
}

int sk_nearest_lists(const float *Q, const float *NQ, int64_t n, int64_t dp, const float *CT,
                     const float *NC, int64_t nc, int64_t count, int64_t *home,
                     int64_t *probes, int64_t pc, int threads) {
    lists_t L = {Q, NQ, CT, NC, n, dp, nc, count, pc, home, probes};
    size_t scratch = (4 * nc + (count < nc ? count : nc)) * sizeof(float);
    return sk_parallel(lists_task, &L, (n + 3) / 4, threads, scratch, NULL);
}
