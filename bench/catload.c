/*
 * catload.c - how long a large catalog takes to load.
 *
 * A gateway loads its catalog once at start-up, so what matters is one load
 * of a large one in a fresh process: the first load is reported apart from
 * the median of the rounds after it (which reuse memory the allocator already
 * has). The default is the largest catalog the default bounds accept:
 * 100,000 tables. Each loaded catalog is used once (a check that scopes its
 * last table) before it is freed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "catgen.h"
#include "catload.h"
#include "sqlguard.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A select of the last table, which must be allowed: the catalog is whole. */
static void use(const sg_catalog *catalog, size_t tables)
{
    char op[1024];
    bench_catalog_select(op, sizeof op, tables - 1, NULL);
    sg_verdict *v = NULL;
    if (sg_check(catalog, op, strlen(op), NULL, &v) != SG_OK || !sg_verdict_allowed(v)) {
        fprintf(stderr, "sqlguard_bench: the loaded catalog does not know its last table\n");
        exit(2);
    }
    sg_verdict_free(v);
}

static double load_once(const char *json, size_t len, size_t tables, bool count,
                        catalog_load_result *r)
{
    sg_catalog *catalog = NULL;
    sg_error err;
    if (count)
        bench_alloc_start();
    double t0 = now_ms();
    int rc = sg_catalog_load(json, len, &catalog, &err);
    double ms = now_ms() - t0;
    if (count) {
        bench_alloc_stats s = bench_alloc_stop();
        r->allocs = s.calls;
        r->peak_bytes = s.peak;
        r->kept_bytes = s.live;
    }
    if (rc != SG_OK) {
        fprintf(stderr, "sqlguard_bench: the generated catalog does not load: %s\n", err.message);
        exit(2);
    }
    if (sg_catalog_table_count(catalog) != tables) {
        fprintf(stderr, "sqlguard_bench: %zu tables loaded, %zu generated\n",
                sg_catalog_table_count(catalog), tables);
        exit(2);
    }
    use(catalog, tables);
    sg_catalog_free(catalog);
    return ms;
}

catalog_load_result bench_catalog_load(size_t tables, int rounds)
{
    catalog_load_result r = {tables, 0, rounds, NAN, NAN, NAN, NAN, -1, -1, -1};
    char *json = bench_catalog_json(tables, &r.bytes);
    r.first_ms = load_once(json, r.bytes, tables, false, &r);
    double *ms = malloc((size_t)rounds * sizeof *ms);
    if (!ms) {
        fprintf(stderr, "sqlguard_bench: out of memory\n");
        exit(2);
    }
    for (int i = 0; i < rounds; i++)
        ms[i] = load_once(json, r.bytes, tables, false, &r);
    qsort(ms, (size_t)rounds, sizeof *ms, by_value);
    r.min_ms = ms[0];
    r.max_ms = ms[rounds - 1];
    r.median_ms = rounds % 2 ? ms[rounds / 2] : (ms[rounds / 2 - 1] + ms[rounds / 2]) / 2;
    free(ms);
    /* one more load with the allocations counted (counting slows it a little) */
    if (bench_alloc_available())
        load_once(json, r.bytes, tables, true, &r);
    free(json);
    return r;
}
