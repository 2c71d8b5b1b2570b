/*
 * pool.c - the files of `sqlguard lint` linted on a pool of threads.
 *
 * Workers take the next file from one atomic counter, so a large file does
 * not hold up the rest; each touches only its own file record, and the
 * report is written afterwards in path order, so the output does not depend
 * on the number of workers.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "lint_files.h"

typedef struct pool {
    const lint_env *env;
    lint_file *files;
    size_t count;
    atomic_size_t next;
} pool;

static void work(pool *p)
{
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->count)
            break;
        lint_file_lint(p->env, &p->files[i]);
    }
}

static void *worker(void *arg)
{
    work(arg);
    /* The parser's per-thread memory is released when the thread exits. */
    return NULL;
}

void lint_files_run(const lint_env *env, lint_file *files, size_t count, long jobs)
{
    pool p = {env, files, count, 0};
    pthread_t threads[LINT_MAX_JOBS];
    size_t started = 0;
    if (jobs > LINT_MAX_JOBS)
        jobs = LINT_MAX_JOBS;
    if ((size_t)jobs > count)
        jobs = (long)(count ? count : 1);
    pthread_attr_t attr;
    bool attr_ok = pthread_attr_init(&attr) == 0;
    /* deep statements need stack (the walker bounds its depth; sanitizers
     * make frames larger) */
    if (attr_ok)
        pthread_attr_setstacksize(&attr, (size_t)16 << 20);
    for (long i = 1; i < jobs; i++) {
        if (pthread_create(&threads[started], attr_ok ? &attr : NULL, worker, &p) != 0)
            break; /* fewer workers: the files still all get linted */
        started++;
    }
    if (attr_ok)
        pthread_attr_destroy(&attr);
    work(&p); /* the calling thread works too */
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
}
