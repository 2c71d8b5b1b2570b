/*
 * pool.c - the files of `sqlguard lint` linted on a pool of threads, and
 * handed to the report in path order as they are done.
 *
 * Workers take the next file in path order, but never more than `window`
 * files ahead of the one the report waits for, nor (except that one) while
 * what the files taken and not yet written hold would come to more than twice
 * the largest file: a file being linted counts its size (it holds a part of
 * its text and the findings so far; the library reads it in parts), one that
 * is done what its result holds (its findings, each message once, and for
 * the reports that show them the lines they are on), which can be more than
 * its text where findings are dense. So a large file does not hold up the
 * others while memory stays bounded; the report frees each file once
 * written. The calling thread writes the report; the output does not depend
 * on the number of workers.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "lint_files.h"

typedef struct pool {
    const lint_env *env;
    lint_file *files;
    size_t count, window;
    pthread_mutex_t lock;
    pthread_cond_t room; /* a file is done or written: workers may take more */
    pthread_cond_t done; /* a file is done */
    size_t next;         /* the next file to take */
    size_t written;      /* files handed to the report */
    bool *finished;
    size_t *size;   /* each file's size when it was listed (0: not known) */
    size_t *held;   /* what each file taken counts: its size, then its result's memory */
    size_t holding; /* the sum of `held` over the files taken and not yet written */
    size_t budget;  /* twice the largest file's bytes (at least BUDGET_FLOOR) */
} pool;

/* Files of unknown or tiny sizes still go two at a time and more. */
#define BUDGET_FLOOR ((size_t)256 << 10)

/* Whether a worker may take the next file now: the one the report waits
 * for always, another within the window while what the files taken and not
 * yet written hold stays within the budget. */
static bool may_take(const pool *p)
{
    if (p->next >= p->count || p->next == p->written)
        return true;
    return p->next < p->written + p->window && p->holding + p->size[p->next] <= p->budget;
}

static void work(pool *p)
{
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!may_take(p))
            pthread_cond_wait(&p->room, &p->lock);
        size_t i = p->next < p->count ? p->next++ : p->count;
        if (i < p->count) {
            p->held[i] = p->size[i];
            p->holding += p->held[i];
        }
        pthread_mutex_unlock(&p->lock);
        if (i >= p->count)
            break;
        lint_file_lint(p->env, &p->files[i]);
        size_t memory = lint_file_memory(&p->files[i]);
        pthread_mutex_lock(&p->lock);
        p->finished[i] = true;
        p->holding = p->holding - p->held[i] + memory;
        p->held[i] = memory;
        pthread_cond_broadcast(&p->room);
        pthread_cond_signal(&p->done);
        pthread_mutex_unlock(&p->lock);
    }
}

static void *worker(void *arg)
{
    work(arg);
    /* The parser's per-thread memory is released when the thread exits. */
    return NULL;
}

/* Hands the files to `sink` in order as they are done; -1 when it fails. */
static int write_in_order(pool *p, lint_sink sink, void *ctx)
{
    int rc = 0;
    for (size_t i = 0; i < p->count; i++) {
        pthread_mutex_lock(&p->lock);
        while (!p->finished[i])
            pthread_cond_wait(&p->done, &p->lock);
        pthread_mutex_unlock(&p->lock);
        if (rc == 0 && sink(ctx, &p->files[i]) < 0)
            rc = -1;
        lint_file_release(&p->files[i]);
        pthread_mutex_lock(&p->lock);
        p->written = i + 1;
        p->holding -= p->held[i];
        pthread_cond_broadcast(&p->room);
        pthread_mutex_unlock(&p->lock);
    }
    return rc;
}

int lint_files_run(const lint_env *env, lint_file *files, size_t count, long jobs, size_t window,
                   lint_sink sink, void *ctx)
{
    pool p = {.env = env, .files = files, .count = count, .window = window ? window : 1};
    pthread_t threads[LINT_MAX_JOBS];
    size_t started = 0;
    if (count == 0)
        return 0;
    p.finished = calloc(count, sizeof *p.finished);
    p.size = calloc(count, sizeof *p.size);
    p.held = calloc(count, sizeof *p.held);
    if (!p.finished || !p.size || !p.held) {
        free(p.finished);
        free(p.size);
        free(p.held);
        return -2;
    }
    size_t largest = 0;
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (!files[i].from_stdin && stat(files[i].path, &st) == 0 && st.st_size > 0)
            p.size[i] = (size_t)st.st_size;
        if (p.size[i] > largest)
            largest = p.size[i];
    }
    p.budget = largest > BUDGET_FLOOR / 2 ? 2 * largest : BUDGET_FLOOR;
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.room, NULL);
    pthread_cond_init(&p.done, NULL);
    if (jobs > LINT_MAX_JOBS)
        jobs = LINT_MAX_JOBS;
    if ((size_t)jobs > count)
        jobs = (long)count;
    pthread_attr_t attr;
    bool attr_ok = pthread_attr_init(&attr) == 0;
    /* deep statements need stack (the walker bounds its depth; sanitizers
     * make frames larger) */
    if (attr_ok)
        pthread_attr_setstacksize(&attr, (size_t)16 << 20);
    for (long i = 0; i < jobs; i++) {
        if (pthread_create(&threads[started], attr_ok ? &attr : NULL, worker, &p) != 0)
            break;
        started++;
    }
    if (attr_ok)
        pthread_attr_destroy(&attr);
    int rc;
    if (started == 0) {
        /* no thread could start: lint each file here, then write it */
        rc = 0;
        for (size_t i = 0; i < count; i++) {
            lint_file_lint(env, &files[i]);
            if (rc == 0 && sink(ctx, &files[i]) < 0)
                rc = -1;
            lint_file_release(&files[i]);
        }
    } else {
        rc = write_in_order(&p, sink, ctx);
    }
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.room);
    pthread_mutex_destroy(&p.lock);
    free(p.finished);
    free(p.size);
    free(p.held);
    return rc;
}
