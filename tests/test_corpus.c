/*
 * test_corpus.c - every case in corpus/cases/ gets its expected verdict.
 *
 * A case is a JSON file: {"description", "operation" (or "operation_text" for
 * input that is not a JSON object), "expect": {"allowed", "errors", "warnings"}},
 * and optionally a "policy" the case is checked under.
 * The runner checks the case against corpus/catalog.json and compares the
 * exact sets of error and warning rule ids. Each case is its own cmocka test.
 * Beyond the expectation it asserts properties every verdict must have: the
 * JSON form parses back and agrees with the accessors, allowed holds exactly
 * when no error was reported, every rule id is in the rule table, and an
 * allowed verdict's compiled SQL parses.
 *
 * `test_corpus --update` rewrites each case's "expect" from the guard's
 * current verdicts, for review in a diff; it never runs as a test.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <pg_query.h>

#include "sqlguard.h"
#include "support.h"

#define CASES_DIR SG_SOURCE_DIR "/corpus/cases"
#define CATALOG SG_SOURCE_DIR "/corpus/catalog.json"

static sg_catalog *catalog;

/* The operation text of a case; the caller frees it. */
static char *operation_text(const cJSON *c)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(c, "operation_text");
    if (cJSON_IsString(text))
        return strdup(text->valuestring);
    const cJSON *op = cJSON_GetObjectItemCaseSensitive(c, "operation");
    return op ? cJSON_PrintUnformatted(op) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, de-duplicated, comma-joined ids from a JSON array of strings. */
static void join_expected(const cJSON *arr, char *out, size_t cap)
{
    const char *ids[64];
    size_t n = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        if (cJSON_IsString(item) && n < 64)
            ids[n++] = item->valuestring;
    }
    qsort(ids, n, sizeof *ids, cmp_str);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(ids[i], ids[i - 1]) == 0)
            continue;
        if (out[0])
            strncat(out, ",", cap - strlen(out) - 1);
        strncat(out, ids[i], cap - strlen(out) - 1);
    }
}

static void join_actual(const sg_verdict *v, sg_severity sev, char *out, size_t cap)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        if (d->severity == sev)
            cJSON_AddItemToArray(arr, cJSON_CreateString(d->rule));
    }
    join_expected(arr, out, cap);
    cJSON_Delete(arr);
}

/* True when `id` is in the public rule table. */
static bool listed(const char *id)
{
    for (size_t i = 0; i < sg_rule_count(); i++)
        if (strcmp(sg_rule_id(i), id) == 0)
            return true;
    return false;
}

/* Properties every verdict must have, whatever the case expects. */
static void check_invariants(const sg_verdict *v)
{
    bool any_error = false;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        any_error |= d->severity == SG_SEVERITY_ERROR;
        if (!listed(d->rule))
            fail_msg("rule id %s is not in the rule table", d->rule);
    }
    assert_int_equal(sg_verdict_allowed(v), !any_error);

    char *json = NULL;
    assert_int_equal(sg_verdict_to_json(v, &json), SG_OK);
    cJSON *root = cJSON_Parse(json);
    assert_non_null(root);
    assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(root, "allowed")));
    assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "allowed")),
                     sg_verdict_allowed(v));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "diagnostics")),
                     (int)sg_verdict_diagnostic_count(v));
    cJSON_Delete(root);
    sg_free(json);

    if (sg_verdict_allowed(v)) {
        const char *sql = sg_verdict_compiled_sql(v);
        assert_non_null(sql);
        PgQueryParseResult r = pg_query_parse(sql);
        if (r.error)
            fail_msg("allowed verdict's compiled SQL does not parse: %s", r.error->message);
        pg_query_free_parse_result(r);
    }
}

/* Checks a case's operation under the case's own policy, if it carries one
 * ("policy": column.denied's columns, ...). */
static int check_case(const cJSON *c, const char *op, sg_verdict **v)
{
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    sg_policy *policy = NULL;
    const cJSON *pol = cJSON_GetObjectItemCaseSensitive(c, "policy");
    if (pol) {
        char *text = cJSON_PrintUnformatted(pol);
        int rc = text ? sg_policy_load(text, strlen(text), &policy, NULL) : SG_ENOMEM;
        free(text);
        if (rc != SG_OK)
            return rc;
        opts.policy = policy;
    }
    int rc = sg_check(catalog, op, strlen(op), &opts, v);
    sg_policy_free(policy); /* the verdict keeps nothing of it */
    return rc;
}

static void run_case(void **state)
{
    const char *path = *state;
    size_t len;
    char *text = sg_test_slurp(path, &len);
    assert_non_null(text);
    cJSON *c = cJSON_Parse(text);
    if (!c)
        fail_msg("%s is not valid JSON", path);
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(c, "expect");
    assert_non_null(expect);
    char *op = operation_text(c);
    assert_non_null(op);

    sg_verdict *v = NULL;
    assert_int_equal(check_case(c, op, &v), SG_OK);
    check_invariants(v);

    char want_err[1024], got_err[1024], want_warn[1024], got_warn[1024];
    join_expected(cJSON_GetObjectItemCaseSensitive(expect, "errors"), want_err, sizeof want_err);
    join_expected(cJSON_GetObjectItemCaseSensitive(expect, "warnings"), want_warn,
                  sizeof want_warn);
    join_actual(v, SG_SEVERITY_ERROR, got_err, sizeof got_err);
    join_actual(v, SG_SEVERITY_WARNING, got_warn, sizeof got_warn);
    bool want_allowed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(expect, "allowed"));
    bool ok =
        want_allowed == sg_verdict_allowed(v) && strcmp(want_err, got_err) == 0 &&
        (!cJSON_GetObjectItemCaseSensitive(expect, "warnings") || strcmp(want_warn, got_warn) == 0);
    if (!ok) {
        for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
            const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
            print_message("  %s [%s] %s\n", d->severity == SG_SEVERITY_ERROR ? "error" : "warning",
                          d->rule, d->message);
        }
        fail_msg("%s: expected allowed=%d errors={%s} warnings={%s}, got allowed=%d errors={%s} "
                 "warnings={%s}",
                 path, want_allowed, want_err, want_warn, sg_verdict_allowed(v), got_err, got_warn);
    }
    sg_verdict_free(v);
    free(op);
    cJSON_Delete(c);
    free(text);
}

static int load_catalog(void **state)
{
    (void)state;
    sg_error err;
    if (sg_catalog_load_file(CATALOG, &catalog, &err) != SG_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int free_catalog(void **state)
{
    (void)state;
    sg_catalog_free(catalog);
    return 0;
}

static size_t list_cases(char ***out)
{
    DIR *dir = opendir(CASES_DIR);
    if (!dir)
        return 0;
    size_t n = 0, cap = 256;
    char **paths = malloc(cap * sizeof *paths);
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        if (n == cap)
            paths = realloc(paths, (cap *= 2) * sizeof *paths);
        size_t need = strlen(CASES_DIR) + l + 2;
        paths[n] = malloc(need);
        snprintf(paths[n], need, "%s/%s", CASES_DIR, e->d_name);
        n++;
    }
    closedir(dir);
    qsort(paths, n, sizeof *paths, cmp_str);
    *out = paths;
    return n;
}

static cJSON *ids_array(const sg_verdict *v, sg_severity sev)
{
    char joined[1024];
    join_actual(v, sev, joined, sizeof joined);
    cJSON *arr = cJSON_CreateArray();
    for (char *tok = strtok(joined, ","); tok; tok = strtok(NULL, ","))
        cJSON_AddItemToArray(arr, cJSON_CreateString(tok));
    return arr;
}

/* Rewrites every case's expectation from the current verdicts. */
static int update(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len;
        char *text = sg_test_slurp(paths[i], &len);
        cJSON *c = text ? cJSON_Parse(text) : NULL;
        char *op = c ? operation_text(c) : NULL;
        sg_verdict *v = NULL;
        if (!op || check_case(c, op, &v) != SG_OK) {
            fprintf(stderr, "%s: cannot check\n", paths[i]);
            return 1;
        }
        cJSON *expect = cJSON_CreateObject();
        cJSON_AddBoolToObject(expect, "allowed", sg_verdict_allowed(v));
        cJSON_AddItemToObject(expect, "errors", ids_array(v, SG_SEVERITY_ERROR));
        cJSON_AddItemToObject(expect, "warnings", ids_array(v, SG_SEVERITY_WARNING));
        cJSON_ReplaceItemInObjectCaseSensitive(c, "expect", expect);
        char *out = cJSON_Print(c);
        FILE *f = fopen(paths[i], "wb");
        if (!f || fprintf(f, "%s\n", out) < 0 || fclose(f) != 0) {
            fprintf(stderr, "%s: cannot write\n", paths[i]);
            return 1;
        }
        cJSON_free(out);
        sg_verdict_free(v);
        free(op);
        cJSON_Delete(c);
        free(text);
    }
    fprintf(stderr, "updated %zu cases; review the diff\n", n);
    return 0;
}

int main(int argc, char **argv)
{
    char **paths = NULL;
    size_t n = list_cases(&paths);
    if (n == 0) {
        fprintf(stderr, "no cases in %s\n", CASES_DIR);
        return 1;
    }
    if (argc > 1 && strcmp(argv[1], "--update") == 0) {
        if (load_catalog(NULL) != 0)
            return 1;
        int rc = update(paths, n);
        free_catalog(NULL);
        return rc;
    }
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    for (size_t i = 0; i < n; i++) {
        tests[i].name = strrchr(paths[i], '/') + 1;
        tests[i].test_func = run_case;
        tests[i].initial_state = paths[i];
    }
    int failed = _cmocka_run_group_tests("corpus", tests, n, load_catalog, free_catalog);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(tests);
    return failed;
}
