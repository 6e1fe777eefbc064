/* Per-call worker threads: created inside each kernel call and never pooled, so there is no
   process-wide state (a forked child starts clean). Tasks are handed out by one atomic
   counter; which thread runs a task never changes a result, because tasks write disjoint
   outputs.

   The caller works too, and returns as soon as every task has finished: it does not wait
   for its helper threads to exit. A helper the OS has not yet scheduled when the work is
   done (common on a busy machine, where waiting for it to be scheduled only so that it
   can exit cost milliseconds per call) later finds no task and exits on its own. A helper
   touches the caller's context only while it holds a claimed task, and the caller cannot
   return before that task finishes, so a late helper never reads memory the call owned;
   the job record itself is on the heap and freed by whoever leaves it last. */
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
    atomic_llong next;     /* the next task to claim */
    atomic_llong finished; /* tasks run, or given up for want of scratch memory */
    atomic_int failed;     /* some task could not run (no scratch memory) */
    atomic_int users;      /* the caller and the helpers that have not left yet */
    pthread_mutex_t lock;
    pthread_cond_t all_finished;
} job_t;

static void leave(job_t *job) {
    if (atomic_fetch_sub(&job->users, 1) == 1) {
        pthread_cond_destroy(&job->all_finished);
        pthread_mutex_destroy(&job->lock);
        free(job);
    }
}

static void finish_task(job_t *job) {
    if (atomic_fetch_add(&job->finished, 1) + 1 == job->n_tasks) {
        pthread_mutex_lock(&job->lock);
        pthread_cond_signal(&job->all_finished);
        pthread_mutex_unlock(&job->lock);
    }
}

/* Claim and run tasks until none is left. The scratch is allocated (and initialised from
   the context) only after the first claim, while the claimed task keeps the caller, and
   so the context, alive. */
static void run_tasks(job_t *job) {
    void *scratch = NULL;
    for (;;) {
        long long task = atomic_fetch_add(&job->next, 1);
        if (task >= job->n_tasks) break;
        if (job->scratch_bytes && !scratch) {
            scratch = job->init ? malloc(job->scratch_bytes) : calloc(1, job->scratch_bytes);
            if (!scratch) {
                atomic_store(&job->failed, 1);
                finish_task(job);
                continue; /* give up the remaining tasks one by one, so the count completes */
            }
            if (job->init) job->init(job->ctx, scratch);
        }
        job->fn(job->ctx, task, scratch);
        finish_task(job);
    }
    free(scratch);
}

static void *helper(void *arg) {
    job_t *job = arg;
    run_tasks(job);
    leave(job);
    return NULL;
}

int sk_parallel(sk_task_fn fn, void *ctx, int64_t n_tasks, int threads, size_t scratch_bytes,
                sk_scratch_init init) {
    if (n_tasks <= 0) return 0;
    int64_t extra = (int64_t)threads - 1;
    if (extra > n_tasks - 1) extra = n_tasks - 1;
    if (extra > SK_MAX_THREADS) extra = SK_MAX_THREADS;
    job_t *job = NULL;
    pthread_attr_t detached;
    int have_attr = 0;
    if (extra > 0 && (job = malloc(sizeof *job)) != NULL) {
        if (pthread_mutex_init(&job->lock, NULL) != 0) {
            free(job);
            job = NULL;
        } else if (pthread_cond_init(&job->all_finished, NULL) != 0) {
            pthread_mutex_destroy(&job->lock);
            free(job);
            job = NULL;
        }
        have_attr = job && pthread_attr_init(&detached) == 0 &&
                    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED) == 0;
    }
    if (!job) { /* one thread, or no memory for the shared record: run everything here */
        job_t local = {.fn = fn, .init = init, .ctx = ctx, .n_tasks = n_tasks,
                       .scratch_bytes = scratch_bytes, .lock = PTHREAD_MUTEX_INITIALIZER,
                       .all_finished = PTHREAD_COND_INITIALIZER}; /* finish_task signals */
        atomic_init(&local.next, 0);
        atomic_init(&local.finished, 0);
        atomic_init(&local.failed, 0);
        run_tasks(&local);
        return atomic_load(&local.failed) ? -1 : 0;
    }
    job->fn = fn;
    job->init = init;
    job->ctx = ctx;
    job->n_tasks = n_tasks;
    job->scratch_bytes = scratch_bytes;
    atomic_init(&job->next, 0);
    atomic_init(&job->finished, 0);
    atomic_init(&job->failed, 0);
    atomic_init(&job->users, 1);
    for (int64_t t = 0; t < extra && have_attr; t++) {
        pthread_t id;
        atomic_fetch_add(&job->users, 1);
        if (pthread_create(&id, &detached, helper, job) != 0) {
            atomic_fetch_sub(&job->users, 1); /* run with fewer */
            break;
        }
    }
    if (have_attr) pthread_attr_destroy(&detached);
    run_tasks(job);
    pthread_mutex_lock(&job->lock);
    while (atomic_load(&job->finished) < n_tasks) pthread_cond_wait(&job->all_finished, &job->lock);
    pthread_mutex_unlock(&job->lock);
    int rc = atomic_load(&job->failed) ? -1 : 0;
    leave(job);
    return rc;
}
