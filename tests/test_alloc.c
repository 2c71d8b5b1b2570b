/*
 * test_alloc.c - the allocation-failure torture loop, as curl's torture tests
 * do it: each scenario runs once as it should (the reference result), then
 * once for every k = 1, 2, ... with exactly allocation k failing, until a run
 * no longer reaches allocation k. Every run must end in exactly the reference
 * result or in SG_ENOMEM, and give back every block it took.
 *
 * cJSON allocates through the library (sg_json_allocator_install(), as the
 * command line does) and PCRE2 through the policy's general context, so their
 * allocations are counted and failed too. The hooks exist only in the testing
 * build of the library (sqlguard_testing).
 *
 * Scenarios: sg_check of the seed operations, their parameters' text read
 * after it (corpus/examples/ops against
 * corpus/examples/catalog.json; corpus/cases/seed__* against
 * corpus/catalog.json), without and with a policy of patterns;
 * sg_catalog_load of corpus/catalog.json; the catalog tools (a catalog read,
 * written back with hashes, loaded, compared; migrations applied and
 * written); sg_policy_load of a policy with
 * patterns; the lint tree: sg_lint_sql of every statement of corpus/lint's
 * queries and migrations, sg_check of its operations, and sg_lint_text and sg_lint_file of
 * each of its files as `sqlguard lint` lints them; and sg_lint_catalog.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sqlguard.h"

/* Finding `i` of the result, which must have it. */
static sg_lint_finding finding(const sg_lint_result *r, size_t i)
{
    sg_lint_finding f;
    assert_true(sg_lint_result_get_finding(r, i, &f));
    return f;
}
#include "sqlguard/catalog_tools.h"
#include "support.h"
#include "util/arena.h"

#define CORPUS SG_SOURCE_DIR "/corpus"

/* A policy of patterns for every option that takes them. It names more than
 * 16 rules (each at its default severity), so that the duplicate-key check
 * of "rules" sorts its keys on the heap. */
static const char pattern_policy[] =
    "{\"version\":1,\"rules\":{"
    "\"func.denied\":{\"options\":{\"allow\":[\"^app\\\\.\",\"^ext\\\\.(?:get|list)_\"],"
    "\"deny\":[\"^app\\\\.admin_\",\"(?i)^pg_catalog\\\\.pg_sleep\"]}},"
    "\"naming.table-prefix\":{\"options\":{\"prefix\":[\"^sdk_examples_\",\"^app_[a-z]+_\"]}},"
    "\"op.invalid\":\"error\",\"op.kind-mismatch\":\"error\",\"sql.syntax\":\"error\","
    "\"sql.multiple-statements\":\"error\",\"sql.statement-not-allowed\":\"error\","
    "\"sql.unsupported\":\"error\",\"scope.invalid\":\"error\","
    "\"scope.table-not-declared\":\"error\",\"scope.access-denied\":\"error\","
    "\"scope.unused-table\":\"warning\",\"params.syntax\":\"error\",\"params.missing\":\"error\","
    "\"params.unused\":\"error\",\"params.in-literal\":\"error\","
    "\"paginate.order-by-required\":{\"severity\":\"error\"},"
    "\"paginate.limit-without-order-by\":\"warning\",\"style.select-star\":\"warning\"}}";

/* What the scenarios share: loaded once, outside the loop, never failed. */
static sg_catalog *examples_catalog, *corpus_catalog, *lint_catalog;
static sg_policy *policy, *lint_policy;

/* ---- the loop ---------------------------------------------------------------------------- */

/*
 * One scenario: `run` does the call under test on `input` and then calls
 * stop_failing() before anything else allocates; it returns the call's code
 * and, in *result, a malloc'd text that describes the result completely: on
 * SG_OK what the call produced, on another code the error it reported
 * (left NULL for an SG_ENOMEM reported as such).
 */
typedef int (*run_fn)(const void *input, char **result);

static unsigned long attempts; /* allocations the call under test attempted */

static void stop_failing(void)
{
    attempts = sg__alloc_count();
    sg__alloc_fail_at(0);
}

/* The JSON of a verdict (malloc'd), or NULL. */
static char *verdict_text(const sg_verdict *v)
{
    char *json = NULL;
    if (sg_verdict_to_json(v, &json) != SG_OK)
        return NULL;
    char *copy = strdup(json);
    sg_free(json);
    return copy;
}

/* What a load reported: NULL for SG_ENOMEM reported as such (code and
 * message), else a malloc'd description. */
static char *error_text(int rc, const sg_error *err)
{
    if (rc == SG_ENOMEM && err->code == SG_ENOMEM && err->message[0])
        return NULL;
    return sg_test_printf("%s: %s (err.code %d)", sg_err_name(rc), err->message, err->code);
}

/* Runs `run` once with allocation k failing (0: none); checks the blocks. */
static int run_once(run_fn run, const void *input, unsigned long k, char **result)
{
    long live = sg__alloc_live();
    *result = NULL;
    sg__alloc_fail_at(k);
    int rc = run(input, result);
    sg__alloc_fail_at(0); /* in case run() returned early */
    if (sg__alloc_live() != live)
        print_error("k=%lu: %ld block(s) not given back\n", k, sg__alloc_live() - live);
    assert_int_equal(sg__alloc_live(), live);
    return rc;
}

/* Runs the loop over one scenario; returns how many runs ended wrong. */
static unsigned long torture(const char *name, run_fn run, const void *input)
{
    char *reference;
    assert_int_equal(run_once(run, input, 0, &reference), SG_OK);
    assert_non_null(reference);
    unsigned long total = attempts, failed = 0, wrong = 0;
    for (unsigned long k = 1;; k++) {
        char *got;
        int rc = run_once(run, input, k, &got);
        bool reached = attempts >= k;
        if (rc == SG_ENOMEM && reached && !got) {
            failed++;
            continue;
        }
        if (rc != SG_OK || !got || strcmp(got, reference) != 0) {
            if (wrong++ == 0)
                print_error("%s: the reference result is\n  %.400s\n", name, reference);
            print_error("%s, allocation %lu of %lu failing: %s, result\n  %.400s\n", name, k, total,
                        sg_err_name(rc), got ? got : "(none)");
        }
        free(got);
        if (!reached)
            break;
    }
    /* the loop reached every allocation of the reference run */
    assert_true(failed > 0 || total == 0);
    free(reference);
    return wrong;
}

/* ---- scenarios --------------------------------------------------------------------------- */

typedef struct check_input {
    const sg_catalog *catalog;
    const char *json;
    const sg_policy *policy;
} check_input;

/* Ends a run whose call returned `rc` and `v`: its verdict's JSON. */
static int verdict_result(int rc, sg_verdict *v, char **result)
{
    stop_failing();
    if (rc == SG_OK)
        *result = verdict_text(v);
    else
        assert_null(v);
    sg_verdict_free(v);
    return rc;
}

/* Ends a run of a load that returned `rc`: on failure, what it reported. */
static int load_result(int rc, const void *loaded, const sg_error *err, char **result)
{
    stop_failing();
    if (rc != SG_OK) {
        assert_null(loaded);
        *result = error_text(rc, err);
    }
    return rc;
}

/* A check, and its parameters' JSON text read through the accessor, which
 * prints them on first use: its allocations may fail too (then the run ends
 * in SG_ENOMEM). */
static int run_check(const void *input, char **result)
{
    const check_input *in = input;
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = in->policy;
    sg_verdict *v = NULL;
    int rc = sg_check(in->catalog, in->json, strlen(in->json), &opts, &v);
    for (size_t i = 0; rc == SG_OK && i < sg_verdict_parameter_count(v); i++) {
        if (!sg_verdict_parameter_json(v, i)) {
            stop_failing();
            sg_verdict_free(v);
            return SG_ENOMEM;
        }
    }
    return verdict_result(rc, v, result);
}

/* `out` (malloc'd, freed here) with the JSON of `v` (freed here) appended. */
static char *append_verdict(char *out, sg_verdict *v)
{
    char *verdict = verdict_text(v);
    char *joined = sg_test_printf("%s%s\n", out, verdict ? verdict : "(no JSON)");
    free(verdict);
    free(out);
    sg_verdict_free(v);
    return joined;
}

static int run_catalog_load(const void *input, char **result)
{
    const char *json = input;
    sg_catalog *c = NULL;
    sg_error err;
    int rc = sg_catalog_load(json, strlen(json), &c, &err);
    if (load_result(rc, c, &err, result) != SG_OK)
        return rc;
    /* the loaded catalog, seen through what a check resolves against it */
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(c, sg_test_seed_insert, strlen(sg_test_seed_insert), NULL, &v),
                     SG_OK);
    *result = append_verdict(sg_test_printf("%zu tables; ", sg_catalog_table_count(c)), v);
    sg_catalog_free(c);
    return rc;
}

/* The catalog tools without a database: a catalog's tables read, written
 * back with contract hashes, the written catalog loaded (hashes checked),
 * and the drift between the two readings. */
static int run_catalog_tools(const void *input, char **result)
{
    const char *json = input;
    sg_schema *s = NULL, *again = NULL;
    sg_diff *d = NULL;
    sg_catalog *c = NULL;
    char *written = NULL;
    sg_error err;
    sg_catalog_write_options o = SG_CATALOG_WRITE_OPTIONS_INIT;
    o.existing = json;
    o.existing_len = strlen(json);
    int rc = sg_schema_from_catalog(json, strlen(json), NULL, &s, &err);
    if (rc == SG_OK)
        rc = sg_schema_write_catalog(s, &o, &written, &err);
    if (rc == SG_OK)
        rc = sg_catalog_load(written, strlen(written), &c, &err);
    if (rc == SG_OK)
        rc = sg_schema_from_catalog(written, strlen(written), NULL, &again, &err);
    if (rc == SG_OK)
        rc = sg_schema_diff(s, again, &d, &err);
    stop_failing();
    if (rc == SG_OK)
        *result = sg_test_printf("%s%zu tables, %zu drift", written, sg_catalog_table_count(c),
                                 sg_diff_count(d));
    else
        *result = error_text(rc, &err);
    sg_diff_free(d);
    sg_catalog_free(c);
    sg_free(written);
    sg_schema_free(again);
    sg_schema_free(s);
    return rc;
}

/* Migration files applied, then written as a catalog. */
static int run_from_migrations(const void *input, char **result)
{
    (void)input;
    static const char *const files[] = {CORPUS "/tutorial/migration.sql",
                                        CORPUS "/migrations/02_members.sql"};
    sg_schema *s = NULL;
    char *written = NULL;
    sg_error err;
    sg_catalog_write_options o = SG_CATALOG_WRITE_OPTIONS_INIT;
    o.data_source_uid = "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01";
    int rc = sg_schema_from_migrations(files, 2, NULL, &s, &err);
    if (rc == SG_OK)
        rc = sg_schema_write_catalog(s, &o, &written, &err);
    stop_failing();
    if (rc == SG_OK)
        *result = sg_test_printf("%s%zu notes", written, sg_schema_note_count(s));
    else
        *result = error_text(rc, &err);
    sg_free(written);
    sg_schema_free(s);
    return rc;
}

/* What a policy decides: lint verdicts that reach every pattern. */
static char *policy_decisions(const sg_policy *p)
{
    static const char *const sql[] = {
        "SELECT app.f(a), ext.get_x(), ext.put_x(), app.admin_reset() FROM sdk_examples_account "
        "ORDER BY a",
        "SELECT pg_sleep(1), PG_CATALOG.PG_SLEEP(2) FROM app_core_t ORDER BY 1",
        "DELETE FROM account WHERE uid = $1",
    };
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = p;
    char *out = strdup("");
    sg_verdict *v;
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        assert_int_equal(sg_lint_sql(corpus_catalog, sql[i], strlen(sql[i]), &lo, &v), SG_OK);
        out = append_verdict(out, v);
    }
    assert_int_equal(sg_lint_catalog(corpus_catalog, p, &v), SG_OK);
    return append_verdict(out, v);
}

static int run_policy_load(const void *input, char **result)
{
    const char *json = input;
    sg_policy *p = NULL;
    sg_error err;
    int rc = sg_policy_load(json, strlen(json), &p, &err);
    if (load_result(rc, p, &err, result) != SG_OK)
        return rc;
    *result = policy_decisions(p);
    sg_policy_free(p);
    return rc;
}

static int run_lint_sql(const void *input, char **result)
{
    const char *sql = input;
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = lint_policy;
    sg_verdict *v = NULL;
    int rc = sg_lint_sql(lint_catalog, sql, strlen(sql), &lo, &v);
    return verdict_result(rc, v, result);
}

typedef struct lint_catalog_input {
    const sg_catalog *catalog;
    const sg_policy *policy;
} lint_catalog_input;

static int run_lint_catalog(const void *input, char **result)
{
    const lint_catalog_input *in = input;
    sg_verdict *v = NULL;
    int rc = sg_lint_catalog(in->catalog, in->policy, &v);
    return verdict_result(rc, v, result);
}

typedef struct lint_text_input {
    const char *text;
    sg_lint_input kind;
    const char *path; /* the file the text was read from */
} lint_text_input;

/* A lint result as text: status, statements, then every finding. */
static char *lint_result_text(const sg_lint_result *r)
{
    size_t cap = 256, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    len = (size_t)snprintf(out, cap, "status %d, %zu statements\n", (int)sg_lint_result_status(r),
                           sg_lint_result_statement_count(r));
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f_found = finding(r, i);
        const sg_lint_finding *f = &f_found;
        char *line = sg_test_printf(
            "%s %d %ld:%ld@%ld %s%s %s\n", f->rule, (int)f->severity, f->line, f->column, f->offset,
            f->suppressed ? "suppressed " : "", f->reason ? f->reason : "", f->message);
        size_t n = strlen(line);
        if (len + n + 1 > cap) {
            cap = 2 * (len + n + 1);
            assert_non_null(out = realloc(out, cap));
        }
        memcpy(out + len, line, n + 1);
        len += n;
        free(line);
    }
    return out;
}

static int run_lint_text(const void *input, char **result)
{
    const lint_text_input *in = input;
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = lint_policy;
    sg_lint_result *r = NULL;
    int rc = sg_lint_text(lint_catalog, in->text, strlen(in->text), in->kind, &lo, &r);
    stop_failing();
    if (rc == SG_OK) {
        *result = lint_result_text(r);
        sg_lint_result_free(r);
    }
    return rc;
}

/* The same file read in parts by the library (sg_lint_file). */
static int run_lint_file(const void *input, char **result)
{
    const lint_text_input *in = input;
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = lint_policy;
    sg_lint_result *r = NULL;
    int rc = sg_lint_file(lint_catalog, in->path, (size_t)1 << 20, in->kind, &lo, &r, NULL);
    stop_failing();
    if (rc == SG_OK) {
        *result = lint_result_text(r);
        sg_lint_result_free(r);
    }
    return rc;
}

/* ---- inputs ------------------------------------------------------------------------------ */

static char *slurp(const char *path)
{
    char *s = sg_test_slurp(path, NULL);
    if (!s)
        print_error("cannot read %s\n", path);
    assert_non_null(s);
    return s;
}

/* The sorted names in `dir` that start with `prefix` and end with `suffix`. */
static size_t list_dir(const char *dir, const char *prefix, const char *suffix, char ***out)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name), sl = strlen(suffix);
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || len < sl ||
            strcmp(e->d_name + len - sl, suffix) != 0)
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        assert_non_null(names);
        names[n++] = sg_test_printf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < n; i++) /* insertion sort: a handful of names */
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    *out = names;
    return n;
}

static void free_list(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static sg_catalog *load_catalog(const char *path)
{
    sg_catalog *c = NULL;
    sg_error err;
    assert_int_equal(sg_catalog_load_file(path, &c, &err), SG_OK);
    return c;
}

static int setup(void **state)
{
    (void)state;
    if (sg_json_allocator_install() != SG_OK)
        return -1;
    sg_error err;
    examples_catalog = load_catalog(CORPUS "/examples/catalog.json");
    corpus_catalog = load_catalog(CORPUS "/catalog.json");
    lint_catalog = load_catalog(CORPUS "/lint/catalog.json");
    if (sg_policy_load(pattern_policy, strlen(pattern_policy), &policy, &err) != SG_OK ||
        sg_policy_load_file(CORPUS "/lint/.sqlguard.json", &lint_policy, &err) != SG_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sg__alloc_fail_at(0);
    sg_policy_free(policy);
    sg_policy_free(lint_policy);
    sg_catalog_free(examples_catalog);
    sg_catalog_free(corpus_catalog);
    sg_catalog_free(lint_catalog);
    return 0;
}

/* ---- tests ------------------------------------------------------------------------------- */

/* Every operation in `dir` whose name starts with `prefix`, against `catalog`,
 * without a policy and with `with`; `in_case` when the files are corpus cases
 * holding the operation. */
static unsigned long check_all(const char *dir, const char *prefix, const sg_catalog *catalog,
                               const sg_policy *with, bool in_case)
{
    unsigned long wrong = 0;
    char **paths;
    size_t n = list_dir(dir, prefix, ".json", &paths);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        char *file = slurp(paths[i]), *json = file;
        cJSON *root = NULL;
        if (in_case) {
            root = cJSON_Parse(file);
            json = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(root, "operation"));
            assert_non_null(json);
        }
        for (int with_policy = 0; with_policy <= 1; with_policy++) {
            check_input in = {catalog, json, with_policy ? with : NULL};
            char *name = sg_test_printf("sg_check %s%s", strrchr(paths[i], '/') + 1,
                                        with_policy ? " (with a policy)" : "");
            wrong += torture(name, run_check, &in);
            free(name);
        }
        if (in_case) {
            cJSON_free(json);
            cJSON_Delete(root);
        }
        free(file);
    }
    free_list(paths, n);
    return wrong;
}

static void test_alloc__check_example_operations(void **state)
{
    (void)state;
    assert_int_equal(check_all(CORPUS "/examples/ops", "", examples_catalog, policy, false), 0);
}

static void test_alloc__check_seed_cases(void **state)
{
    (void)state;
    assert_int_equal(check_all(CORPUS "/cases", "seed__", corpus_catalog, policy, true), 0);
}

/* Operations whose SQL does not parse: the sql.syntax message and its
 * dialect hint (PCRE2 match data from the library's allocator). */
static void test_alloc__check_syntax_cases(void **state)
{
    (void)state;
    assert_int_equal(check_all(CORPUS "/cases", "syntax__", corpus_catalog, policy, true), 0);
}

static void test_alloc__catalog_load(void **state)
{
    (void)state;
    char *json = slurp(CORPUS "/catalog.json");
    unsigned long wrong = torture("sg_catalog_load corpus/catalog.json", run_catalog_load, json);
    free(json);
    assert_int_equal(wrong, 0);
}

static void test_alloc__catalog_tools(void **state)
{
    (void)state;
    char *json = slurp(CORPUS "/examples/catalog.json");
    unsigned long wrong =
        torture("catalog tools on corpus/examples/catalog.json", run_catalog_tools, json);
    free(json);
    assert_int_equal(wrong, 0);
    assert_int_equal(torture("sg_schema_from_migrations", run_from_migrations, NULL), 0);
}

static void test_alloc__policy_load(void **state)
{
    (void)state;
    unsigned long wrong = torture("sg_policy_load (patterns)", run_policy_load, pattern_policy);
    char *json = slurp(CORPUS "/lint/.sqlguard.json");
    wrong += torture("sg_policy_load corpus/lint/.sqlguard.json", run_policy_load, json);
    free(json);
    assert_int_equal(wrong, 0);
}

/* Each statement of a .sql file: the text up to and including a ';' that
 * ends a line (a ';' inside a comment does not). */
static unsigned long lint_statements(const char *path)
{
    unsigned long wrong = 0;
    char *sql = slurp(path);
    size_t statements = 0;
    for (char *at = sql; *at;) {
        char *end = strstr(at, ";\n");
        end = end ? end + 1 : at + strlen(at);
        char saved = *end;
        *end = '\0';
        if (strspn(at, " \t\n") != (size_t)(end - at)) {
            char *name = sg_test_printf("sg_lint_sql %s, statement %zu", strrchr(path, '/') + 1,
                                        ++statements);
            wrong += torture(name, run_lint_sql, at);
            free(name);
        }
        *end = saved;
        at = end;
    }
    assert_true(statements > 0);
    free(sql);
    return wrong;
}

/* The lint tree: every statement of its .sql files, and its operations. */
static void test_alloc__lint_tree(void **state)
{
    (void)state;
    static const char *const dirs[] = {CORPUS "/lint/queries", CORPUS "/lint/migrations"};
    unsigned long wrong = 0;
    for (size_t d = 0; d < 2; d++) {
        char **paths;
        size_t n = list_dir(dirs[d], "", ".sql", &paths);
        assert_true(n > 0);
        for (size_t i = 0; i < n; i++)
            wrong += lint_statements(paths[i]);
        free_list(paths, n);
    }
    wrong += check_all(CORPUS "/lint/ops", "", lint_catalog, lint_policy, false);
    assert_int_equal(wrong, 0);
}

/* The lint tree file by file, as `sqlguard lint` lints it (sg_lint_file; and
 * sg_lint_text, as it lints standard input):
 * statements split, suppression comments applied, operations placed. */
static void test_alloc__lint_text(void **state)
{
    (void)state;
    static const struct {
        const char *dir, *suffix;
        sg_lint_input kind;
    } trees[] = {{CORPUS "/lint/queries", ".sql", SG_LINT_INPUT_SQL},
                 {CORPUS "/lint/migrations", ".sql", SG_LINT_INPUT_SQL},
                 {CORPUS "/lint/ops", ".json", SG_LINT_INPUT_JSON}};
    unsigned long wrong = 0;
    for (size_t d = 0; d < sizeof trees / sizeof trees[0]; d++) {
        char **paths;
        size_t n = list_dir(trees[d].dir, "", trees[d].suffix, &paths);
        assert_true(n > 0);
        for (size_t i = 0; i < n; i++) {
            lint_text_input in = {slurp(paths[i]), trees[d].kind, paths[i]};
            char *name = sg_test_printf("sg_lint_text %s", strrchr(paths[i], '/') + 1);
            wrong += torture(name, run_lint_text, &in);
            free(name);
            name = sg_test_printf("sg_lint_file %s", strrchr(paths[i], '/') + 1);
            wrong += torture(name, run_lint_file, &in);
            free(name);
            free((char *)in.text);
        }
        free_list(paths, n);
    }
    assert_int_equal(wrong, 0);
}

static void test_alloc__lint_catalog(void **state)
{
    (void)state;
    lint_catalog_input in = {lint_catalog, lint_policy};
    unsigned long wrong =
        torture("sg_lint_catalog corpus/lint/catalog.json", run_lint_catalog, &in);
    in = (lint_catalog_input){corpus_catalog, policy};
    wrong +=
        torture("sg_lint_catalog corpus/catalog.json (policy of patterns)", run_lint_catalog, &in);
    assert_int_equal(wrong, 0);
}

/* Allocations the calling thread attempts while linting `sql` under a
 * policy loaded from `json`. */
static unsigned long count_lint(const char *json, const char *sql)
{
    sg_policy *p = NULL;
    sg_error err;
    assert_int_equal(sg_policy_load(json, strlen(json), &p, &err), SG_OK);
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = p;
    sg_verdict *v = NULL;
    sg__alloc_fail_at(0);
    assert_int_equal(sg_lint_sql(corpus_catalog, sql, strlen(sql), &lo, &v), SG_OK);
    unsigned long n = sg__alloc_count();
    sg_verdict_free(v);
    sg_policy_free(p);
    return n;
}

/* PCRE2 allocates through the library: a match's match data comes from the
 * allocator its pattern was compiled with, and that is the library's. Both
 * calls below are tried against the deny pattern, which matches neither, so
 * the verdicts are the same and the difference is the match data. */
static void test_alloc__pcre2_allocates_through_the_library(void **state)
{
    (void)state;
    static const char sql[] = "SELECT app.f(1), app.g(2) FROM sdk_examples_account ORDER BY uid";
    unsigned long without =
        count_lint("{\"rules\":{\"func.denied\":{\"options\":{\"allow\":[\"^app\\\\.\"]}}}}", sql);
    unsigned long with = count_lint("{\"rules\":{\"func.denied\":{\"options\":{\"allow\":"
                                    "[\"^app\\\\.\"],\"deny\":[\"^zzz\"]}}}}",
                                    sql);
    assert_int_equal(with, without + 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc__check_example_operations),
        cmocka_unit_test(test_alloc__check_seed_cases),
        cmocka_unit_test(test_alloc__check_syntax_cases),
        cmocka_unit_test(test_alloc__catalog_load),
        cmocka_unit_test(test_alloc__catalog_tools),
        cmocka_unit_test(test_alloc__policy_load),
        cmocka_unit_test(test_alloc__lint_tree),
        cmocka_unit_test(test_alloc__lint_text),
        cmocka_unit_test(test_alloc__lint_catalog),
        cmocka_unit_test(test_alloc__pcre2_allocates_through_the_library),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
