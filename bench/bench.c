/*
 * bench.c - sqlguard's benchmark: what a full check costs next to parsing.
 *
 * For each operation of a fixed set (bench/ops), against one catalog loaded
 * once (bench/catalog.json), it measures:
 *
 *   - a full check: sg_check() on the operation's JSON text plus
 *     sg_verdict_free(), and the parsing floor: pg_query_raw_parse() alone on
 *     the same compiled SQL, bracketed by libpg_query's memory-context calls
 *     as guard/pg/parse.c does. Batches of 1000 checks and 1000 parses alternate,
 *     so both run under the same conditions; the medians over batches and
 *     their ratio (full check / parse) are reported;
 *   - the p50/p99 of single checks, each timed with clock_gettime, next to
 *     the p99 of a busy loop of the same length (the machine's own tail);
 *   - heap allocations per check and the peak of live heap bytes during one
 *     check (all libraries included; see alloc.c);
 *
 * then the denied operation against its allowed twin (same SQL, interleaved),
 * throughput: checks per second on one thread and on two threads sharing
 * the catalog, over the whole set and over the seed's two operations, and
 * the load of a generated catalog of 100,000 tables (catload.c).
 * Nothing is pinned. It prints a table and one JSON object (--json: only the
 * JSON). It is never run as a test.
 *
 * usage: sqlguard_bench [--json] [--seconds S] [--catalog FILE] [--ops DIR]
 *                       [--catalog-tables N] [--catalog-rounds R]
 *        sqlguard_bench --catalog-only [--catalog-tables N] [--catalog-rounds R]
 *        sqlguard_bench --profile NAME [--iterations N]   (for callgrind; prints
 *                       the heap allocations per check, counted after the N checks)
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "alloc.h"
#include "catload.h"
#include "pgparse.h"
#include "sqlguard.h"

#ifndef SG_BENCH_DIR
#define SG_BENCH_DIR "bench"
#endif

/* The benchmark set, in the order it is reported. */
static const struct {
    const char *name;
    bool allowed;
} set[] = {
    {"insert_account", true},       /* the seed's insert */
    {"select_accounts", true},      /* the seed's select */
    {"analytical_select", true},    /* two CTEs, LATERAL, window, GROUP BY/HAVING */
    {"insert_select_upsert", true}, /* INSERT ... SELECT ... ON CONFLICT DO UPDATE */
    {"merge_limit", true},          /* MERGE */
    {"allowed_join_secret", true},  /* the denied operation's SQL, all of it in scope */
    {"denied_join_secret", false},  /* one relation out of scope */
};
/* The denied operation and its allowed twin: the same SQL, one scope apart. */
enum { DENIED = 6, DENIED_TWIN = 5 };
enum { SET_SIZE = sizeof set / sizeof set[0], BATCH = 1000, WARMUP = 500, THROUGHPUT_ROUNDS = 6 };

typedef struct op {
    const char *name;
    bool expect_allowed;
    char *json;
    size_t json_len;
    char *sql; /* compiled, as the parser sees it */
    size_t sql_len, original_sql_len;
    /* results */
    double check_median_us, check_p50_us, check_p99_us, check_max_us;
    double ratio_paired;   /* median over rounds of check batch / parse batch */
    size_t rounds;         /* interleaved rounds of BATCH checks and BATCH parses */
    double control_p99_us; /* p99 of a busy loop as long as the median check */
    size_t check_samples;
    double parse_median_us;
    double cjson_median_us; /* cJSON_ParseWithLengthOpts + cJSON_Delete of the operation, heap */
    double ratio;
    double allocs, frees;
    long long peak_bytes, verdict_bytes, retained_bytes;
} op;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile (0..1) of n sorted values, nearest rank. */
static double quantile(const double *sorted, size_t n, double q)
{
    if (n == 0)
        return NAN;
    size_t rank = (size_t)ceil(q * (double)n);
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return sorted[rank - 1];
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    if (n == 0)
        return NAN;
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf)
            break;
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* One full check, as a gateway does it. Not inlined, so that callgrind can
 * collect exactly this (--toggle-collect=bench_full_check). */
__attribute__((noinline)) int bench_full_check(const sg_catalog *catalog, const op *o);
__attribute__((noinline)) int bench_full_check(const sg_catalog *catalog, const op *o)
{
    sg_verdict *v = NULL;
    int rc = sg_check(catalog, o->json, o->json_len, NULL, &v);
    int allowed = rc == SG_OK ? sg_verdict_allowed(v) : -1;
    sg_verdict_free(v);
    return allowed;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "sqlguard_bench: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void load_op(const sg_catalog *catalog, const char *dir, op *o)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.json", dir, o->name);
    o->json = read_file(path, &o->json_len);
    if (!o->json)
        die("cannot read %s: %s", path, strerror(errno));
    sg_verdict *v = NULL;
    if (sg_check(catalog, o->json, o->json_len, NULL, &v) != SG_OK)
        die("%s: the check itself failed", o->name);
    if (sg_verdict_allowed(v) != o->expect_allowed) {
        for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++)
            fprintf(stderr, "  %s: %s\n", sg_verdict_diagnostic(v, i)->rule,
                    sg_verdict_diagnostic(v, i)->message);
        die("%s: expected the verdict to be %s", o->name, o->expect_allowed ? "allowed" : "denied");
    }
    const char *sql = sg_verdict_compiled_sql(v);
    if (!sql)
        die("%s: no compiled SQL", o->name);
    o->sql = strdup(sql);
    o->sql_len = strlen(sql);
    sg_verdict_free(v);
    if (!o->sql || !bench_pg_raw_parse(o->sql))
        die("%s: the compiled SQL does not parse", o->name);
}

/* A job timed in batches: a full check of an operation, or its parse alone. */
typedef void (*job_fn)(const sg_catalog *catalog, const op *o);

static void job_check(const sg_catalog *catalog, const op *o)
{
    bench_full_check(catalog, o);
}

static void job_parse(const sg_catalog *catalog, const op *o)
{
    (void)catalog;
    bench_pg_raw_parse(o->sql);
}

/* What it costs cJSON alone to read the operation's JSON into its tree (heap
 * allocated, as cJSON does by default) and free it: the envelope's share of
 * the floor for a decoder built on cJSON. */
static void job_cjson(const sg_catalog *catalog, const op *o)
{
    (void)catalog;
    cJSON *root = cJSON_ParseWithLengthOpts(o->json, o->json_len, NULL, false);
    if (!root)
        die("%s: cJSON cannot parse the operation", o->name);
    cJSON_Delete(root);
}

static double batch_us(job_fn fn, const sg_catalog *catalog, const op *o)
{
    double t0 = now_s();
    for (int i = 0; i < BATCH; i++)
        fn(catalog, o);
    return (now_s() - t0) / BATCH * 1e6;
}

typedef struct paired_result {
    double a_us, b_us, c_us; /* medians of the per-call time over batches */
    double ratio;            /* median over rounds of (batch of a) / (batch of b) */
    size_t rounds;
} paired_result;

/*
 * Runs a batch of job a, then a batch of job b (then of job c, when given),
 * round after round, for `seconds` (at least 5 rounds). Interleaving puts them
 * under the same conditions, so their ratio holds even while the machine does
 * other work.
 */
static paired_result interleaved(const sg_catalog *catalog, job_fn a, const op *oa, job_fn b,
                                 const op *ob, job_fn c, double seconds)
{
    paired_result r = {NAN, NAN, NAN, NAN, 0};
    for (int i = 0; i < WARMUP; i++) {
        a(catalog, oa);
        b(catalog, ob);
        if (c)
            c(catalog, oa);
    }
    size_t cap = 4096, n = 0;
    double *ta = malloc(cap * sizeof *ta), *tb = malloc(cap * sizeof *tb),
           *tc = malloc(cap * sizeof *tc), *ratio = malloc(cap * sizeof *ratio);
    if (!ta || !tb || !tc || !ratio)
        die("out of memory");
    double start = now_s();
    while (n < cap && (now_s() - start < seconds || n < 5)) {
        ta[n] = batch_us(a, catalog, oa);
        tb[n] = batch_us(b, catalog, ob);
        tc[n] = c ? batch_us(c, catalog, oa) : NAN;
        ratio[n] = ta[n] / tb[n];
        n++;
    }
    r.a_us = median(ta, n);
    r.b_us = median(tb, n);
    r.c_us = c ? median(tc, n) : NAN;
    r.ratio = median(ratio, n);
    r.rounds = n;
    free(ta);
    free(tb);
    free(tc);
    free(ratio);
    return r;
}

static paired_result paired(const sg_catalog *catalog, job_fn a, const op *oa, job_fn b,
                            const op *ob, double seconds)
{
    return interleaved(catalog, a, oa, b, ob, NULL, seconds);
}

/* Full check against parse alone, interleaved; then single calls for the tail. */
static void measure_check(const sg_catalog *catalog, op *o, double seconds, double *samples,
                          size_t max_samples)
{
    paired_result r = interleaved(catalog, job_check, o, job_parse, o, job_cjson, seconds);
    o->check_median_us = r.a_us;
    o->parse_median_us = r.b_us;
    o->cjson_median_us = r.c_us;
    o->ratio = o->check_median_us / o->parse_median_us;
    o->ratio_paired = r.ratio;
    o->rounds = r.rounds;

    /* Single calls: each timed on its own, for the tail. */
    size_t s = 0;
    double start = now_s();
    double budget = seconds / 4;
    while (s < max_samples && (now_s() - start < budget || s < 1000)) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        bench_full_check(catalog, o);
        clock_gettime(CLOCK_MONOTONIC, &b);
        samples[s++] = (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) * 1e-3;
    }
    qsort(samples, s, sizeof *samples, cmp_double);
    o->check_samples = s;
    o->check_p50_us = quantile(samples, s, 0.50);
    o->check_p99_us = quantile(samples, s, 0.99);
    o->check_max_us = samples[s - 1];
}

/* The machine's own tail: a busy loop that takes as long as the median check,
 * timed the same way. On a VM, timer ticks and host interrupts stretch a few
 * calls in every thousand by tens of microseconds whatever the code does; a
 * check p99 close to this one is the machine, not sqlguard. */
static volatile unsigned long spin_sink;

static void spin(unsigned long n)
{
    unsigned long x = 0;
    for (unsigned long i = 0; i < n; i++)
        x += i ^ (x >> 3);
    spin_sink = x;
}

static double spin_ns_per_iteration(void)
{
    double best = INFINITY;
    for (int r = 0; r < 5; r++) {
        double t0 = now_s();
        spin(2000000);
        double t = (now_s() - t0) / 2000000 * 1e9;
        if (t < best)
            best = t;
    }
    return best;
}

static void measure_control(op *o, double ns_per_iteration, double *samples, size_t n)
{
    unsigned long iterations = (unsigned long)(o->check_median_us * 1e3 / ns_per_iteration);
    for (size_t s = 0; s < n; s++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        spin(iterations);
        clock_gettime(CLOCK_MONOTONIC, &b);
        samples[s] = (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) * 1e-3;
    }
    qsort(samples, n, sizeof *samples, cmp_double);
    o->control_p99_us = quantile(samples, n, 0.99);
}

/* Allocations and memory of one check, averaged over `rounds` checks after
 * the warm-up (the first check of a thread also sets up libpg_query's
 * thread-local state, which is not per-check cost). */
static void measure_memory(const sg_catalog *catalog, op *o, int rounds)
{
    o->allocs = o->frees = NAN;
    o->peak_bytes = o->verdict_bytes = o->retained_bytes = -1;
    if (!bench_alloc_available())
        return;
    long long calls = 0, frees = 0, peak = 0, verdict = 0, retained = 0;
    for (int r = 0; r < rounds; r++) {
        bench_alloc_start();
        sg_verdict *v = NULL;
        if (sg_check(catalog, o->json, o->json_len, NULL, &v) != SG_OK)
            die("%s: the check failed", o->name);
        bench_alloc_stats mid = bench_alloc_peek();
        sg_verdict_free(v);
        bench_alloc_stats end = bench_alloc_stop();
        calls += end.calls;
        frees += end.frees;
        if (end.peak > peak)
            peak = end.peak;
        if (mid.live > verdict)
            verdict = mid.live;
        if (end.live > retained)
            retained = end.live;
    }
    o->allocs = (double)calls / rounds;
    o->frees = (double)frees / rounds;
    o->peak_bytes = peak;
    o->verdict_bytes = verdict;
    o->retained_bytes = retained;
}

/* The first check on a new thread also sets up libpg_query's thread-local
 * state (its top memory context and the context free list it reuses for
 * every later parse); that memory stays with the thread, not with a check. */
typedef struct first_check {
    const sg_catalog *catalog;
    const op *o;
    bench_alloc_stats stats;
} first_check;

static void *first_check_thread(void *arg)
{
    first_check *fc = arg;
    bench_alloc_start();
    bench_full_check(fc->catalog, fc->o);
    fc->stats = bench_alloc_stop();
    return NULL;
}

static bench_alloc_stats measure_first_check(const sg_catalog *catalog, const op *o)
{
    first_check fc = {catalog, o, {-1, -1, -1, -1}};
    pthread_t t;
    if (bench_alloc_available() && pthread_create(&t, NULL, first_check_thread, &fc) == 0)
        pthread_join(t, NULL);
    return fc.stats;
}

/* ---- throughput ---- */

typedef struct shared {
    const sg_catalog *catalog;
    const op *ops;
    size_t first, count; /* the operations to cycle through */
    atomic_int go, stop;
} shared;

typedef struct worker {
    shared *sh;
    pthread_t thread;
    unsigned long long checks;
    int failures;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    shared *sh = w->sh;
    /* warm this thread's libpg_query state before the clock starts */
    for (size_t i = 0; i < sh->count * 50; i++)
        bench_full_check(sh->catalog, &sh->ops[sh->first + i % sh->count]);
    atomic_fetch_add(&sh->go, 1);
    while (atomic_load(&sh->go) >= 0)
        ; /* wait until every thread is warm and the main thread starts the clock */
    unsigned long long n = 0;
    size_t k = 0;
    while (!atomic_load_explicit(&sh->stop, memory_order_relaxed)) {
        if (bench_full_check(sh->catalog, &sh->ops[sh->first + k]) < 0)
            w->failures++;
        if (++k == sh->count)
            k = 0;
        n++;
    }
    w->checks = n;
    return NULL;
}

static double throughput(const sg_catalog *catalog, const op *ops, size_t first, size_t count,
                         int threads, double seconds)
{
    shared sh = {catalog, ops, first, count, 0, 0};
    worker w[8];
    for (int i = 0; i < threads; i++) {
        w[i] = (worker){&sh, 0, 0, 0};
        if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
            die("cannot start a thread");
    }
    while (atomic_load(&sh.go) < threads)
        usleep(1000);
    double t0 = now_s();
    atomic_store(&sh.go, -1);
    struct timespec nap = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    while (nanosleep(&nap, &nap) != 0 && errno == EINTR)
        ;
    atomic_store(&sh.stop, 1);
    double t1 = now_s();
    unsigned long long total = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(w[i].thread, NULL);
        if (w[i].failures)
            die("a check failed in a throughput thread");
        total += w[i].checks;
    }
    return (double)total / (t1 - t0);
}

/* ---- machine ---- */

static void cpu_model(char *out, size_t n)
{
    snprintf(out, n, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) == 0) {
            char *colon = strchr(line, ':');
            if (colon) {
                colon++;
                while (*colon == ' ' || *colon == '\t')
                    colon++;
                colon[strcspn(colon, "\n")] = '\0';
                snprintf(out, n, "%s", colon);
            }
            break;
        }
    }
    fclose(f);
}

/* The 1-minute load average when the run started: other work on the machine
 * shows up in every number, and this says whether there was any. */
static double loadavg(void)
{
    double l = NAN;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1)
            l = NAN;
        fclose(f);
    }
    return l;
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void json_number(FILE *out, double x)
{
    if (isnan(x))
        fputs("null", out);
    else
        fprintf(out, "%.4g", x);
}

static void print_catalog_load(const catalog_load_result *cl)
{
    printf("\ncatalog load (sg_catalog_load of a generated catalog, %zu tables, %.1f MB):\n"
           "  first load %.0f ms; median of %d more %.0f ms (min %.0f, max %.0f)\n",
           cl->tables, (double)cl->bytes / 1e6, cl->first_ms, cl->rounds, cl->median_ms, cl->min_ms,
           cl->max_ms);
    if (cl->allocs >= 0)
        printf("  %lld allocations, peak %.1f MB besides the text, %.1f MB kept by the catalog\n",
               cl->allocs, (double)cl->peak_bytes / 1e6, (double)cl->kept_bytes / 1e6);
}

static void json_catalog_load(FILE *out, const catalog_load_result *cl)
{
    static const char *const names[] = {"first_ms", "median_ms", "min_ms", "max_ms"};
    const double times[] = {cl->first_ms, cl->median_ms, cl->min_ms, cl->max_ms};
    fprintf(out, "{\"tables\":%zu,\"bytes\":%zu,\"rounds\":%d", cl->tables, cl->bytes, cl->rounds);
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        fprintf(out, ",\"%s\":", names[i]);
        json_number(out, times[i]);
    }
    fprintf(out, ",\"allocs\":%lld,\"peak_bytes\":%lld,\"kept_bytes\":%lld}", cl->allocs,
            cl->peak_bytes, cl->kept_bytes);
}

static void usage(FILE *out)
{
    fputs(
        "usage: sqlguard_bench [--json] [--seconds S] [--catalog FILE] [--ops DIR]\n"
        "                      [--catalog-tables N] [--catalog-rounds R]\n"
        "       sqlguard_bench --catalog-only [--json] [--catalog-tables N] [--catalog-rounds R]\n"
        "       sqlguard_bench [--catalog FILE] [--ops DIR] --profile NAME [--iterations N]\n"
        "\n"
        "  --json          print only the JSON object\n"
        "  --seconds S     time per operation for the interleaved full-check and parse\n"
        "                  batches (default 2); single calls take S/4, the denied/allowed\n"
        "                  pair S, and throughput 6 rounds of S/4 per configuration\n"
        "  --heap-json     leave cJSON on the heap (do not call sg_json_allocator_install)\n"
        "  --catalog-tables N  tables of the generated catalog whose load is timed\n"
        "                  (default 100000; 0 leaves the measurement out)\n"
        "  --catalog-rounds R  loads timed after the first one (default 5)\n"
        "  --catalog-only  time the catalog load and nothing else\n"
        "  --profile NAME  run N full checks of one operation and nothing else (for\n"
        "                  valgrind --tool=callgrind --toggle-collect=bench_full_check),\n"
        "                  then print the heap allocations per check\n",
        out);
}

int main(int argc, char **argv)
{
    bool json_only = false;
    double seconds = 2.0;
    const char *catalog_path = SG_BENCH_DIR "/catalog.json", *ops_dir = SG_BENCH_DIR "/ops";
    const char *profile = NULL;
    long iterations = 2000;
    bool heap_json = false, catalog_only = false;
    long catalog_tables = 100000, catalog_rounds = 5;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool more = i + 1 < argc;
        if (strcmp(a, "--json") == 0) {
            json_only = true;
        } else if (strcmp(a, "--heap-json") == 0) {
            heap_json = true;
        } else if (strcmp(a, "--seconds") == 0 && more) {
            seconds = strtod(argv[++i], NULL);
        } else if (strcmp(a, "--catalog") == 0 && more) {
            catalog_path = argv[++i];
        } else if (strcmp(a, "--ops") == 0 && more) {
            ops_dir = argv[++i];
        } else if (strcmp(a, "--profile") == 0 && more) {
            profile = argv[++i];
        } else if (strcmp(a, "--iterations") == 0 && more) {
            iterations = strtol(argv[++i], NULL, 10);
        } else if (strcmp(a, "--catalog-tables") == 0 && more) {
            catalog_tables = strtol(argv[++i], NULL, 10);
        } else if (strcmp(a, "--catalog-rounds") == 0 && more) {
            catalog_rounds = strtol(argv[++i], NULL, 10);
        } else if (strcmp(a, "--catalog-only") == 0) {
            catalog_only = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!(seconds > 0) || iterations < 1 || catalog_tables < 0 || catalog_rounds < 1 ||
        (catalog_only && catalog_tables == 0)) {
        usage(stderr);
        return 2;
    }

    /* as the command line does, and a gateway may (sqlguard.h) */
    if (!heap_json)
        sg_json_allocator_install();
    if (catalog_only) {
        catalog_load_result cl = bench_catalog_load((size_t)catalog_tables, (int)catalog_rounds);
        if (!json_only)
            print_catalog_load(&cl);
        fputs("{\"catalog_load\":", stdout);
        json_catalog_load(stdout, &cl);
        fputs("}\n", stdout);
        return 0;
    }
    double load_at_start = loadavg();
    sg_error err;
    sg_catalog *catalog = NULL;
    if (sg_catalog_load_file(catalog_path, &catalog, &err) != SG_OK)
        die("%s", err.message);

    op ops[SET_SIZE];
    memset(ops, 0, sizeof ops);
    for (size_t i = 0; i < SET_SIZE; i++) {
        ops[i].name = set[i].name;
        ops[i].expect_allowed = set[i].allowed;
        load_op(catalog, ops_dir, &ops[i]);
    }

    if (profile) {
        const op *o = NULL;
        for (size_t i = 0; i < SET_SIZE; i++)
            if (strcmp(ops[i].name, profile) == 0)
                o = &ops[i];
        if (!o)
            die("no operation named %s in the set", profile);
        for (long i = 0; i < iterations; i++)
            bench_full_check(catalog, o);
        /* heap allocations per check, counted apart from the checks above so
         * that the counting is not in their instructions */
        op counted = *o;
        measure_memory(catalog, &counted, 200);
        printf("%s: %ld checks; %.2f heap allocations per check (every library)\n", o->name,
               iterations, counted.allocs);
        sg_catalog_free(catalog);
        return 0;
    }

    size_t max_samples = 1u << 20;
    double *samples = malloc(max_samples * sizeof *samples);
    if (!samples)
        die("out of memory");
    bench_alloc_stats first = measure_first_check(catalog, &ops[0]);
    double spin_ns = spin_ns_per_iteration();
    for (size_t i = 0; i < SET_SIZE; i++) {
        op *o = &ops[i];
        if (!json_only) {
            fprintf(stderr, "measuring %s...\n", o->name);
        }
        measure_check(catalog, o, seconds, samples, max_samples);
        measure_control(o, spin_ns, samples, o->check_samples);
        measure_memory(catalog, o, 200);
    }
    free(samples);

    if (!json_only)
        fprintf(stderr, "measuring throughput...\n");
    /* Rounds of one thread then two, each for seconds/4; the best of each.
     * Interleaving gives both the same conditions, and on a machine that
     * also runs other work the best round is the one least disturbed. */
    double set1 = 0, set2 = 0, seed1 = 0, seed2 = 0;
    for (int round = 0; round < THROUGHPUT_ROUNDS; round++) {
        set1 = fmax(set1, throughput(catalog, ops, 0, SET_SIZE, 1, seconds / 4));
        set2 = fmax(set2, throughput(catalog, ops, 0, SET_SIZE, 2, seconds / 4));
        seed1 = fmax(seed1, throughput(catalog, ops, 0, 2, 1, seconds / 4));
        seed2 = fmax(seed2, throughput(catalog, ops, 0, 2, 2, seconds / 4));
    }

    char cpu[256];
    cpu_model(cpu, sizeof cpu);
    long nproc = sysconf(_SC_NPROCESSORS_ONLN);

    /* the denied operation next to its allowed twin (same SQL), interleaved */
    if (!json_only)
        fprintf(stderr, "measuring denied vs allowed...\n");
    paired_result twins =
        paired(catalog, job_check, &ops[DENIED], job_check, &ops[DENIED_TWIN], seconds);
    double denied_vs_allowed = twins.ratio;

    catalog_load_result cl = {0, 0, 0, NAN, NAN, NAN, NAN, -1, -1, -1};
    if (catalog_tables > 0) {
        if (!json_only)
            fprintf(stderr, "measuring the load of a catalog of %ld tables...\n", catalog_tables);
        cl = bench_catalog_load((size_t)catalog_tables, (int)catalog_rounds);
    }

    if (!json_only) {
        printf("sqlguard %s benchmark: %ld CPUs (%s), load %.2f at start, %.1f s per operation,\n"
               "nothing pinned\n\n",
               SG_VERSION_STRING, nproc, cpu, load_at_start, seconds);
        printf("%-21s %6s %9s %9s %9s %9s %9s %7s %8s %9s %8s\n", "operation", "SQL B", "check",
               "check", "check", "spin", "parse", "check/", "allocs/", "peak B/", "verdict");
        printf("%-21s %6s %9s %9s %9s %9s %9s %7s %8s %9s %8s\n", "", "", "median", "p50 1x",
               "p99 1x", "p99 1x", "median", "parse", "check", "check", "");
        for (size_t i = 0; i < SET_SIZE; i++) {
            const op *o = &ops[i];
            printf("%-21s %6zu %7.2fus %7.2fus %7.2fus %7.2fus %7.2fus %6.2fx %8.1f %9lld %8s\n",
                   o->name, o->sql_len, o->check_median_us, o->check_p50_us, o->check_p99_us,
                   o->control_p99_us, o->parse_median_us, o->ratio, o->allocs, o->peak_bytes,
                   o->expect_allowed ? "allowed" : "denied");
        }
        printf("\n(check and parse medians: rounds of %d full checks then %d parses of the same\n"
               " compiled SQL (pg_query_raw_parse with its memory context), interleaved;\n"
               " p50/p99 1x: single calls, each timed; spin p99 1x: a busy loop as long as the\n"
               " median check, timed the same way: the machine's own tail; allocs and peak:\n"
               " every library's heap calls during sg_check + sg_verdict_free)\n",
               BATCH, BATCH);
        printf("\ndenied vs allowed (same SQL, one table out of scope; interleaved): %.2fx\n",
               denied_vs_allowed);
        if (first.calls >= 0)
            printf(
                "first check on a new thread (%s): %lld allocations, %lld bytes kept by the\n"
                "thread afterwards (libpg_query's per-thread contexts, reused by later checks)\n",
                ops[0].name, first.calls, first.live);
        printf("\nthroughput (checks/s, best of %d rounds)  1 thread   2 threads   2T/1T\n",
               THROUGHPUT_ROUNDS);
        printf("  whole set, round robin                %9.0f   %9.0f   %5.2fx\n", set1, set2,
               set2 / set1);
        printf("  seed insert + select                  %9.0f   %9.0f   %5.2fx\n", seed1, seed2,
               seed2 / seed1);
        if (cl.tables)
            print_catalog_load(&cl);
        printf("\n");
    }

    FILE *out = stdout;
    fprintf(out, "{\"sqlguard\":\"%s\",\"machine\":{\"nproc\":%ld,\"cpu\":", SG_VERSION_STRING,
            nproc);
    json_string(out, cpu);
    fprintf(out, ",\"loadavg_at_start\":");
    json_number(out, load_at_start);
    fprintf(out, "},\"seconds_per_operation\":");
    json_number(out, seconds);
    fprintf(out,
            ",\"batch\":%d,\"allocations_counted\":%s,\"json_allocator\":%s,"
            "\"operations\":[",
            BATCH, bench_alloc_available() ? "true" : "false", heap_json ? "false" : "true");
    for (size_t i = 0; i < SET_SIZE; i++) {
        const op *o = &ops[i];
        fprintf(out, "%s{\"name\":", i ? "," : "");
        json_string(out, o->name);
        fprintf(out, ",\"allowed\":%s,\"json_bytes\":%zu,\"sql_bytes\":%zu",
                o->expect_allowed ? "true" : "false", o->json_len, o->sql_len);
        fprintf(out, ",\"check_median_us\":");
        json_number(out, o->check_median_us);
        fprintf(out, ",\"rounds\":%zu,\"check_single_p50_us\":", o->rounds);
        json_number(out, o->check_p50_us);
        fprintf(out, ",\"check_single_p99_us\":");
        json_number(out, o->check_p99_us);
        fprintf(out, ",\"check_single_max_us\":");
        json_number(out, o->check_max_us);
        fprintf(out, ",\"check_single_samples\":%zu,\"spin_control_p99_us\":", o->check_samples);
        json_number(out, o->control_p99_us);
        fprintf(out, ",\"parse_median_us\":");
        json_number(out, o->parse_median_us);
        fprintf(out, ",\"cjson_median_us\":");
        json_number(out, o->cjson_median_us);
        fprintf(out, ",\"ratio\":");
        json_number(out, o->ratio);
        fprintf(out, ",\"ratio_paired\":");
        json_number(out, o->ratio_paired);
        fprintf(out, ",\"allocs_per_check\":");
        json_number(out, o->allocs);
        fprintf(out, ",\"frees_per_check\":");
        json_number(out, o->frees);
        fprintf(out, ",\"peak_bytes\":%lld,\"verdict_bytes\":%lld,\"retained_bytes\":%lld}",
                o->peak_bytes, o->verdict_bytes, o->retained_bytes);
    }
    fprintf(out,
            "],\"first_check_on_thread\":{\"operation\":\"%s\",\"allocs\":%lld,"
            "\"kept_bytes\":%lld}",
            ops[0].name, first.calls, first.live);
    fprintf(out, ",\"denied_vs_allowed\":");
    json_number(out, denied_vs_allowed);
    fprintf(out, ",\"loadavg_at_end\":");
    json_number(out, loadavg());
    fprintf(out, ",\"throughput\":{\"rounds\":%d,\"set\":", THROUGHPUT_ROUNDS);
    fprintf(out, "{\"one_thread\":%.0f,\"two_threads\":%.0f,\"ratio\":", set1, set2);
    json_number(out, set2 / set1);
    fprintf(out, "},\"seed\":{\"one_thread\":%.0f,\"two_threads\":%.0f,\"ratio\":", seed1, seed2);
    json_number(out, seed2 / seed1);
    fprintf(out, "}}");
    if (cl.tables) {
        fprintf(out, ",\"catalog_load\":");
        json_catalog_load(out, &cl);
    }
    fprintf(out, "}\n");

    for (size_t i = 0; i < SET_SIZE; i++) {
        free(ops[i].json);
        free(ops[i].sql);
    }
    sg_catalog_free(catalog);
    return 0;
}
