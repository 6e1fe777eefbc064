/* Per-call worker threads: created and joined inside each kernel call, so nothing of them
   survives the call (a forked child starts clean) and there is no process-wide state.
   Tasks are handed out by one atomic counter; which thread runs a task never changes a
   result, because tasks write disjoint outputs. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "native.h"

#define SK_MAX_THREADS 1024

typedef struct {
    sk_task_fn fn;
    sk_scratch_init init;
    void *ctx;
    int64_t n_tasks;
    size_t scratch_bytes;
    atomic_llong next;
} job_t;

static void *work(void *arg) {
    job_t *job = arg;
    void *scratch = NULL;
    if (job->scratch_bytes) {
        scratch = malloc(job->scratch_bytes);
        if (!scratch) return NULL; /* others take the tasks; the caller checks they all ran */
        if (job->init) job->init(job->ctx, scratch);
    }
    for (;;) {
        long long task = atomic_fetch_add(&job->next, 1);
        if (task >= job->n_tasks) break;
        job->fn(job->ctx, task, scratch);
    }
    free(scratch);
    return NULL;
}

int sk_parallel(sk_task_fn fn, void *ctx, int64_t n_tasks, int threads, size_t scratch_bytes,
                sk_scratch_init init) {
    if (n_tasks <= 0) return 0;
    job_t job = {fn, init, ctx, n_tasks, scratch_bytes, 0};
    atomic_init(&job.next, 0);
    int64_t extra = (int64_t)threads - 1;
    if (extra > n_tasks - 1) extra = n_tasks - 1;
    if (extra > SK_MAX_THREADS) extra = SK_MAX_THREADS;
    pthread_t ids[SK_MAX_THREADS];
    int started = 0;
    for (int64_t t = 0; t < extra; t++) {
        if (pthread_create(&ids[started], NULL, work, &job) != 0) break; /* run with fewer */
        started++;
    }
    work(&job);
    for (int t = 0; t < started; t++) pthread_join(ids[t], NULL);
    return atomic_load(&job.next) >= n_tasks ? 0 : -1;
}
