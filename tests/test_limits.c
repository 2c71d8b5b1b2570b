/*
 * test_limits.c - hostile input: deep nesting, huge literals, pathological
 * placeholders, bad encodings. Every case must end in a clear verdict (never a
 * crash or a hang), also on a thread with a gateway's small stack, and the
 * worst of them within a bound on time and peak memory.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "sqlguard.h"

#define DS "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"

static sg_catalog *catalog;

static int setup(void **state)
{
    (void)state;
    sg_error err;
    return sg_catalog_load_file(SG_SOURCE_DIR "/corpus/catalog.json", &catalog, &err) == SG_OK ? 0
                                                                                               : -1;
}

static int teardown(void **state)
{
    (void)state;
    sg_catalog_free(catalog);
    return 0;
}

/* An operation around `sql` (any bytes: cJSON escapes them). */
static char *operation(const char *sql)
{
    cJSON *op = cJSON_CreateObject();
    cJSON_AddStringToObject(op, "operation", "select");
    cJSON_AddStringToObject(op, "sql", sql);
    cJSON_AddObjectToObject(op, "parameters");
    cJSON *scope = cJSON_AddObjectToObject(op, "scope");
    cJSON_AddStringToObject(scope, "data_source_uid", DS);
    cJSON *tables = cJSON_AddArrayToObject(scope, "tables");
    cJSON *t = cJSON_CreateObject();
    cJSON_AddStringToObject(t, "meta_table_uid", ACCOUNT);
    cJSON_AddStringToObject(t, "alias", "a");
    cJSON_AddStringToObject(t, "access", "read");
    cJSON_AddItemToArray(tables, t);
    cJSON *limits = cJSON_AddObjectToObject(op, "limits");
    cJSON_AddNumberToObject(limits, "max_rows", 10);
    cJSON_AddNumberToObject(limits, "statement_timeout_ms", 1000);
    char *text = cJSON_PrintUnformatted(op);
    cJSON_Delete(op);
    assert_non_null(text);
    return text;
}

/* `count` copies of `unit` between `head` and `tail`, then `close` `count` times. */
static char *repeat(const char *head, const char *unit, size_t count, const char *middle,
                    const char *close)
{
    size_t len = strlen(head) + count * (strlen(unit) + strlen(close)) + strlen(middle) + 1;
    char *s = malloc(len);
    assert_non_null(s);
    char *p = s;
    p += sprintf(p, "%s", head);
    for (size_t i = 0; i < count; i++)
        p += sprintf(p, "%s", unit);
    p += sprintf(p, "%s", middle);
    for (size_t i = 0; i < count; i++)
        p += sprintf(p, "%s", close);
    return s;
}

typedef struct job {
    const char *op;
    int rc;
    bool allowed;
    char rule[64];   /* the first diagnostic's */
    char rules[512]; /* every diagnostic's, each followed by a space */
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    sg_verdict *v = NULL;
    j->rc = sg_check(catalog, j->op, strlen(j->op), NULL, &v);
    if (j->rc == SG_OK) {
        j->allowed = sg_verdict_allowed(v);
        const sg_diagnostic *d = sg_verdict_diagnostic(v, 0);
        snprintf(j->rule, sizeof j->rule, "%s", d ? d->rule : "");
        size_t used = 0;
        for (size_t i = 0; (d = sg_verdict_diagnostic(v, i)) != NULL; i++) {
            int n = snprintf(j->rules + used, sizeof j->rules - used, "%s ", d->rule);
            if (n < 0 || (size_t)n >= sizeof j->rules - used)
                break;
            used += (size_t)n;
        }
    }
    sg_verdict_free(v);
    return NULL;
}

/* A gateway's worker stack. Sanitizer builds give every frame red zones several
 * times its size, so there the same depth bound needs a larger stack; the
 * 256 KiB claim is about a production build (the plain and valgrind runs). */
#if defined(__SANITIZE_ADDRESS__)
enum { SMALL_STACK = 2048 * 1024 };
#else
enum { SMALL_STACK = 256 * 1024 };
#endif

/* Checks `sql` on a thread with a small stack; returns the first rule. */
static job check_on_small_stack(const char *sql)
{
    char *op = operation(sql);
    job j = {op, 0, false, "", ""};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    assert_int_equal(pthread_attr_setstacksize(&attr, SMALL_STACK), 0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, &attr, run_job, &j), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    pthread_attr_destroy(&attr);
    free(op);
    assert_int_equal(j.rc, SG_OK);
    return j;
}

static void test_limits__deep_expressions_on_a_small_stack(void **state)
{
    (void)state;
    /* 1+1+...+1: a left-deep tree as deep as the terms are many */
    char *sql = repeat("SELECT ", "1+", 100000, "1", "");
    job j = check_on_small_stack(sql);
    assert_false(j.allowed);
    assert_string_equal(j.rule, "sql.unsupported"); /* the walker's depth bound */
    free(sql);

    /* shallow enough to walk, and allowed */
    sql = repeat("SELECT ", "1+", 200, "1", "");
    j = check_on_small_stack(sql);
    assert_true(j.allowed);
    free(sql);
}

static void test_limits__deep_subqueries_on_a_small_stack(void **state)
{
    (void)state;
    char *sql = repeat("SELECT ", "(SELECT ", 1000, "1", ")");
    job j = check_on_small_stack(sql);
    assert_false(j.allowed);
    assert_string_equal(j.rule, "sql.unsupported");
    free(sql);
    /* deeper than PostgreSQL's grammar accepts: its own "memory exhausted" */
    sql = repeat("SELECT ", "(SELECT ", 20000, "1", ")");
    j = check_on_small_stack(sql);
    assert_false(j.allowed);
    assert_string_equal(j.rule, "sql.syntax");
    free(sql);
}

/* Sub-selects in FROM, one within another: each stacks the walker's frames
 * as deep as a sub-select in an expression does (400 overflowed 256 KiB). */
static void test_limits__nested_from_subselects_on_a_small_stack(void **state)
{
    (void)state;
    char *sql = repeat("SELECT x.s AS s FROM ", "(SELECT x.s AS s FROM ", 400,
                       "(SELECT 'x' AS s) x", ") x");
    job j = check_on_small_stack(sql);
    assert_false(j.allowed);
    assert_non_null(strstr(j.rules, "sql.unsupported "));
    /* where the walk stopped, the names around are not known: no guess */
    assert_null(strstr(j.rules, "column.unknown "));
    free(sql);
    sql =
        repeat("SELECT x.s AS s FROM ", "(SELECT x.s AS s FROM ", 80, "(SELECT 'x' AS s) x", ") x");
    j = check_on_small_stack(sql);
    assert_null(strstr(j.rules, "sql.unsupported "));
    free(sql);
}

/* `WITH [RECURSIVE] l998 AS (... FROM l997 x), ...`: 998 WITH queries in
 * a chain, listed so that each reads the next (a weighing that followed the
 * chain down at once would stack 998 levels), the one before, or in between;
 * what each output stands for is still worked out. */
static char *with_chain(size_t n, const char *expr, const char *order, const char *top)
{
    size_t cap = n * 80 + 256;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t used = (size_t)snprintf(s, cap, "WITH RECURSIVE ");
    for (size_t k = 0; k < n; k++) {
        size_t i = strcmp(order, "down") == 0 ? n - k
                   : strcmp(order, "up") == 0 ? k + 1
                   : k % 2                    ? n - k / 2
                                              : k / 2 + 1;
        used += (size_t)snprintf(s + used, cap - used, "l%zu AS (SELECT %s AS s FROM l%zu x), ", i,
                                 expr, i - 1);
    }
    snprintf(s + used, cap - used, "l0 AS (SELECT 'x'::text AS s) SELECT %s FROM l%zu", top, n);
    return s;
}

static void test_limits__long_with_chains_on_a_small_stack(void **state)
{
    (void)state;
    static const char *const orders[] = {"down", "up", "between"};
    for (size_t o = 0; o < 3; o++) {
        /* one copy a level, three at the top: allowed by the resource rule */
        char *sql = with_chain(998, "x.s", orders[o], "s || s || s");
        job j = check_on_small_stack(sql);
        assert_null(strstr(j.rules, "func.resource-bound "));
        free(sql);
        /* doubling at every level: 2^998 copies, denied */
        sql = with_chain(998, "x.s || x.s", orders[o], "s");
        j = check_on_small_stack(sql);
        assert_false(j.allowed);
        assert_non_null(strstr(j.rules, "func.resource-bound "));
        free(sql);
    }
}

/* Scalar sub-selects one within another over a derived FROM item: each is
 * weighed where it stands, as deep as the walker went (about 240). */
static void test_limits__nested_scalar_subselects_weighed_on_a_small_stack(void **state)
{
    (void)state;
    char *sql = repeat("SELECT ", "(SELECT ", 240, "x.s || x.s", ")");
    size_t len = strlen(sql);
    char *full = malloc(len + 64);
    assert_non_null(full);
    snprintf(full, len + 64, "%s AS v FROM (SELECT 'x' AS s) x", sql);
    job j = check_on_small_stack(full);
    assert_int_equal(j.rc, SG_OK);
    assert_false(j.allowed); /* deeper than the weighing follows */
    assert_non_null(strstr(j.rules, "func.resource-bound "));
    free(full);
    free(sql);
    /* a few levels are weighed and allowed */
    sql = repeat("SELECT ", "(SELECT ", 10, "x.s || x.s", ")");
    len = strlen(sql);
    full = malloc(len + 64);
    assert_non_null(full);
    snprintf(full, len + 64, "%s AS v FROM (SELECT 'x' AS s) x", sql);
    j = check_on_small_stack(full);
    assert_null(strstr(j.rules, "func.resource-bound "));
    free(full);
    free(sql);
}

static void test_limits__deep_parentheses(void **state)
{
    (void)state;
    /* parentheses make no nodes; PostgreSQL's parser stops them on its own */
    char *sql = repeat("SELECT ", "(", 30000, "1", ")");
    job j = check_on_small_stack(sql);
    assert_false(j.allowed);
    assert_string_equal(j.rule, "sql.syntax");
    free(sql);
}

static void test_limits__huge_literal_and_sql_bound(void **state)
{
    (void)state;
    /* a 900 KB literal is under the 1 MiB SQL bound: parsed and judged */
    char *sql = repeat("SELECT uid FROM sdk_examples_account WHERE name = '", "x", 900000,
                       "' ORDER BY uid", "");
    job j = check_on_small_stack(sql);
    assert_true(j.allowed); /* one style warning, no error */
    free(sql);
    /* over the bound: refused before parsing */
    sql = repeat("SELECT '", "x", 1100000, "'", "");
    j = check_on_small_stack(sql);
    assert_false(j.allowed);
    assert_string_equal(j.rule, "op.invalid");
    free(sql);
}

static void test_limits__pathological_placeholders(void **state)
{
    (void)state;
    /* 65535 distinct positional placeholders compile; the 65536th is refused */
    char *sql = repeat("SELECT ", "%s,", 65536, "1", "");
    job j = check_on_small_stack(sql);
    assert_false(j.allowed);
    assert_string_equal(j.rule, "params.syntax");
    free(sql);
    /* a name used 100000 times is one parameter, and it has no value */
    sql = repeat("SELECT ", "%(x)s+", 100000, "1", "");
    j = check_on_small_stack(sql);
    assert_false(j.allowed);
    free(sql);
    /* unclosed names, percent runs */
    sql = repeat("SELECT ", "%(", 50000, "", "");
    j = check_on_small_stack(sql);
    assert_string_equal(j.rule, "params.syntax");
    free(sql);
    sql = repeat("SELECT 1 ", "%%", 200000, "", "");
    j = check_on_small_stack(sql);
    assert_false(j.allowed); /* "%" as an operator with no operand: sql.syntax */
    free(sql);
}

static void test_limits__bad_encodings(void **state)
{
    (void)state;
    static const char *const bad[] = {"SELECT '\xff'", "SELECT '\xc0\xaf'", "SELECT '\xed\xa0\x80'",
                                      "SELECT '\xf4\x90\x80\x80'", "SELECT '\xe2\x82'"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        /* raw bytes in the JSON text: the decoder refuses them */
        char op[256];
        snprintf(op, sizeof op,
                 "{\"operation\":\"select\",\"sql\":\"%s\",\"parameters\":{},\"scope\":"
                 "{\"data_source_uid\":\"" DS "\",\"tables\":[]},\"limits\":{\"max_rows\":1,"
                 "\"statement_timeout_ms\":1}}",
                 bad[i]);
        sg_verdict *v = NULL;
        assert_int_equal(sg_check(catalog, op, strlen(op), NULL, &v), SG_OK);
        assert_false(sg_verdict_allowed(v));
        assert_string_equal(sg_verdict_diagnostic(v, 0)->rule, "op.invalid");
        sg_verdict_free(v);
    }
}

/* Options past a bound's ceiling (what a thread's stack, PostgreSQL and the
 * verdict can hold) are refused, as a policy past one is: a depth bound of
 * 2000 let 2000 nested sub-selects overflow a 256 KiB stack. */
static void test_limits__options_past_their_ceilings(void **state)
{
    (void)state;
    static const char op[] =
        "{\"operation\":\"select\",\"sql\":\"SELECT 1\",\"parameters\":{},\"scope\":"
        "{\"data_source_uid\":\"" DS "\",\"tables\":[]},\"limits\":{\"max_rows\":1,"
        "\"statement_timeout_ms\":1}}";
    sg_verdict *v = NULL;
    sg_check_options o = SG_CHECK_OPTIONS_INIT;
    o.max_ast_depth = 1000;
    o.max_json_depth = 512;
    o.max_parameters = 65535;
    o.max_scope_tables = 65535;
    o.max_diagnostics = 10000;
    assert_int_equal(sg_check(catalog, op, strlen(op), &o, &v), SG_OK);
    assert_non_null(v);
    sg_verdict_free(v);
    o.max_operation_bytes = 64u << 20;
    o.max_sql_bytes = 64u << 20;
    o.max_rows_bound = 1000000000000000ll;
    o.max_timeout_ms = 2147483647;
    assert_int_equal(sg_check(catalog, op, strlen(op), &o, &v), SG_OK);
    sg_verdict_free(v);
    for (int field = 0; field < 9; field++) {
        sg_check_options bad = o;
        if (field == 0)
            bad.max_ast_depth = 1001;
        else if (field == 1)
            bad.max_json_depth = 513;
        else if (field == 2)
            bad.max_parameters = 65536;
        else if (field == 3)
            bad.max_scope_tables = 65536;
        else if (field == 4)
            bad.max_diagnostics = 10001;
        else if (field == 5)
            bad.max_operation_bytes = (64u << 20) + 1;
        else if (field == 6)
            bad.max_sql_bytes = (64u << 20) + 1;
        else if (field == 7)
            bad.max_rows_bound = 1000000000000001ll;
        else
            bad.max_timeout_ms = 2147483648ll;
        v = (sg_verdict *)&bad; /* overwritten with NULL */
        assert_int_equal(sg_check(catalog, op, strlen(op), &bad, &v), SG_EINVAL);
        assert_null(v);
    }
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The worst inputs above, each within a bound on time and peak memory. The
 * bounds are loose (a shared, noisy machine, sanitizers, valgrind) but still
 * far below a hang or a blow-up. */
static void test_limits__worst_cases_are_bounded(void **state)
{
    (void)state;
    const char *const names[] = {"deep expression", "deep subqueries", "65536 placeholders",
                                 "huge literal"};
    char *sqls[] = {
        repeat("SELECT ", "1+", 100000, "1", ""), repeat("SELECT ", "(SELECT ", 2500, "1", ")"),
        repeat("SELECT ", "%s,", 65536, "1", ""), repeat("SELECT '", "x", 1000000, "'", "")};
    for (size_t i = 0; i < 4; i++) {
        /* each case in a child of its own, so that its peak memory is its own */
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            struct rusage before, after;
            getrusage(RUSAGE_SELF, &before);
            struct timespec t0;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            job j = check_on_small_stack(sqls[i]);
            double secs = seconds_since(&t0);
            getrusage(RUSAGE_SELF, &after);
            char line[160];
            int n = snprintf(line, sizeof line, "%f %ld %s", secs,
                             after.ru_maxrss - before.ru_maxrss, j.rule);
            _exit(write(fds[1], line, (size_t)n) == n ? 0 : 1);
        }
        close(fds[1]);
        char line[160] = {0};
        ssize_t got = read(fds[0], line, sizeof line - 1);
        close(fds[0]);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        assert_true(got > 0);
        double secs;
        long grown_kb;
        char rule[64];
        assert_int_equal(sscanf(line, "%lf %ld %63s", &secs, &grown_kb, rule), 3);
        print_message("  %-20s %.3f s, peak RSS grew %ld KiB, first rule %s\n", names[i], secs,
                      grown_kb, rule);
        assert_true(secs < 20.0);
        assert_true(grown_kb < 256 * 1024);
        free(sqls[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limits__deep_expressions_on_a_small_stack),
        cmocka_unit_test(test_limits__deep_subqueries_on_a_small_stack),
        cmocka_unit_test(test_limits__nested_from_subselects_on_a_small_stack),
        cmocka_unit_test(test_limits__long_with_chains_on_a_small_stack),
        cmocka_unit_test(test_limits__nested_scalar_subselects_weighed_on_a_small_stack),
        cmocka_unit_test(test_limits__deep_parentheses),
        cmocka_unit_test(test_limits__huge_literal_and_sql_bound),
        cmocka_unit_test(test_limits__pathological_placeholders),
        cmocka_unit_test(test_limits__bad_encodings),
        cmocka_unit_test(test_limits__options_past_their_ceilings),
        cmocka_unit_test(test_limits__worst_cases_are_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
