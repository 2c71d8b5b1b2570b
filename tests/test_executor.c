/*
 * test_executor.c - sg_execute() and the executor interface, without a server.
 *
 * The dryrun executor shows what the libpq executor would send: the session
 * settings, the compiled statement and every parameter in PostgreSQL's text
 * form. A counting custom executor proves that a denied verdict never reaches
 * an executor, that an allowed one hands over exactly what was checked, and
 * how outcomes (stopped sinks, server errors, unreachable servers) come back
 * through sg_result and its JSON form.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sqlguard/executor.h" /* before anything else of sqlguard: it stands on its own */

#include "exec/session.h"
#include "sqlguard.h"
#include "util/arena.h"

#define EXAMPLES SG_SOURCE_DIR "/corpus/examples"
#define DS_A "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define UID_ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"

/* What the libpq executor sends before the statement (exec/session.c). */
#define STYLES                                                                                     \
    "; SET LOCAL DateStyle = ISO, MDY; SET LOCAL IntervalStyle = postgres; SET LOCAL "             \
    "extra_float_digits = 1; SET LOCAL bytea_output = hex"
static const char SEED_SETTINGS[] =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL search_path TO pg_catalog, "
    "pg_temp; SET LOCAL statement_timeout = 15000; SET LOCAL standard_conforming_strings = "
    "on" STYLES;
static const char SEED_SELECT_SETTINGS[] =
    "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY; SET LOCAL search_path TO pg_catalog, "
    "pg_temp; SET LOCAL statement_timeout = 15000; SET LOCAL standard_conforming_strings = "
    "on" STYLES;
static const char SEED_INSERT_SQL[] =
    "INSERT INTO public.sdk_examples_account\n    (account_code, name, region)\nVALUES\n"
    "    ($1, $2, $3)\nON CONFLICT (account_code) DO UPDATE SET\n    name = EXCLUDED.name,\n"
    "    region = EXCLUDED.region\nRETURNING uid, account_code, name, region\n";
static const char SEED_SELECT_SQL[] =
    "SELECT uid, account_code, name, region\nFROM "
    "public.sdk_examples_account\nWHERE ($1 IS NULL OR region = $1)\n"
    "ORDER BY account_code\nLIMIT $2\n";

/* ---- helpers ------------------------------------------------------------------------------- */

static sg_catalog *load_catalog_file(const char *path)
{
    sg_catalog *c = NULL;
    sg_error err;
    int rc = sg_catalog_load_file(path, &c, &err);
    if (rc != SG_OK)
        fail_msg("cannot load %s: %s", path, err.message);
    return c;
}

static sg_catalog *load_catalog_text(const char *json)
{
    sg_catalog *c = NULL;
    sg_error err;
    int rc = sg_catalog_load(json, strlen(json), &c, &err);
    if (rc != SG_OK)
        fail_msg("cannot load catalog: %s", err.message);
    return c;
}

static sg_verdict *check_text(const sg_catalog *c, const char *op)
{
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(c, op, strlen(op), NULL, &v), SG_OK);
    assert_non_null(v);
    return v;
}

static sg_verdict *check_allowed(const sg_catalog *c, const char *op)
{
    sg_verdict *v = check_text(c, op);
    if (!sg_verdict_allowed(v)) {
        for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
            const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
            print_message("  [%s] %s\n", d->rule, d->message);
        }
        fail_msg("operation unexpectedly denied: %s", op);
    }
    return v;
}

/* The whole file; the test fails when it cannot be read. */
static char *slurp_ok(const char *path)
{
    char *text = sg_test_slurp(path, NULL);
    if (!text)
        fail_msg("cannot read %s", path);
    return text;
}

static sg_verdict *check_file(const sg_catalog *c, const char *path)
{
    char *text = slurp_ok(path);
    sg_verdict *v = check_text(c, text);
    free(text);
    return v;
}

/* A select on the account table, read scope, with the given SQL tail, parameters and limits. */
static char *account_select(const char *sql, const char *params, long long max_rows,
                            long long timeout_ms)
{
    cJSON *op = cJSON_CreateObject();
    cJSON_AddStringToObject(op, "operation", "select");
    cJSON_AddStringToObject(op, "sql", sql);
    cJSON *p = cJSON_Parse(params);
    assert_non_null(p);
    cJSON_AddItemToObject(op, "parameters", p);
    cJSON *scope = cJSON_AddObjectToObject(op, "scope");
    cJSON_AddStringToObject(scope, "data_source_uid", DS_A);
    cJSON *tables = cJSON_AddArrayToObject(scope, "tables");
    cJSON *t = cJSON_CreateObject();
    cJSON_AddStringToObject(t, "meta_table_uid", UID_ACCOUNT);
    cJSON_AddStringToObject(t, "alias", "accounts");
    cJSON_AddStringToObject(t, "access", "read");
    cJSON_AddItemToArray(tables, t);
    cJSON *limits = cJSON_AddObjectToObject(op, "limits");
    cJSON_AddNumberToObject(limits, "max_rows", (double)max_rows);
    cJSON_AddNumberToObject(limits, "statement_timeout_ms", (double)timeout_ms);
    char *text = cJSON_PrintUnformatted(op);
    cJSON_Delete(op);
    assert_non_null(text);
    return text;
}

/* Parameters as JSON text keep the caller's digits, so they are spliced in as raw text. */
static char *account_select_raw_params(const char *sql, const char *params_json)
{
    char *tmpl = account_select(sql, "{}", 10, 15000);
    const char *hole = strstr(tmpl, "\"parameters\":{}");
    assert_non_null(hole);
    size_t need = strlen(tmpl) + strlen(params_json) + 32;
    char *out = malloc(need);
    assert_non_null(out);
    snprintf(out, need, "%.*s\"parameters\":%s%s", (int)(hole - tmpl), tmpl, params_json,
             hole + strlen("\"parameters\":{}"));
    cJSON_free(tmpl);
    return out;
}

static sg_result *run_dryrun(const sg_verdict *v)
{
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new_dryrun(&ex), SG_OK);
    assert_non_null(ex);
    sg_result *r = NULL;
    sg_error err = {0, ""};
    int rc = sg_execute(ex, v, &r, &err);
    if (rc != SG_OK)
        fail_msg("sg_execute: %s (%s)", sg_err_name(rc), err.message);
    assert_non_null(r);
    sg_executor_free(ex);
    return r;
}

static cJSON *result_json(const sg_result *r)
{
    char *text = NULL;
    assert_int_equal(sg_result_to_json(r, &text), SG_OK);
    assert_non_null(text);
    cJSON *root = cJSON_Parse(text);
    if (!root)
        fail_msg("result JSON does not parse: %s", text);
    sg_free(text);
    return root;
}

static const cJSON *member(const cJSON *o, const char *key)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!m)
        fail_msg("missing member \"%s\"", key);
    return m;
}

static void assert_member_count(const cJSON *o, int n)
{
    assert_int_equal(cJSON_GetArraySize(o), n);
}

/* ---- the dryrun executor ------------------------------------------------------------------- */

static void test_executor__dryrun_seed_insert(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/insert_account.json");
    assert_true(sg_verdict_allowed(v));
    assert_string_equal(sg_verdict_compiled_sql(v), SEED_INSERT_SQL);
    sg_result *r = run_dryrun(v);

    const sg_exec_outcome *o = sg_result_outcome(r);
    assert_true(o->ok);
    assert_false(o->rolled_back);
    assert_int_equal(o->rows, 1);
    assert_false(o->has_more);
    assert_string_equal(o->sqlstate, "");

    assert_int_equal(sg_result_column_count(r), 4);
    assert_string_equal(sg_result_column(r, 0), "settings");
    assert_string_equal(sg_result_column(r, 1), "statement");
    assert_string_equal(sg_result_column(r, 2), "parameters");
    assert_string_equal(sg_result_column(r, 3), "max_rows");
    assert_null(sg_result_column(r, 4));
    assert_int_equal(sg_result_row_count(r), 1);
    assert_string_equal(sg_result_value(r, 0, 0), SEED_SETTINGS);
    assert_string_equal(sg_result_value(r, 0, 1), SEED_INSERT_SQL);
    assert_string_equal(sg_result_value(r, 0, 1), sg_verdict_compiled_sql(v));
    assert_string_equal(sg_result_value(r, 0, 2), "[\"ACME\",\"Acme Capital\",\"US\"]");
    assert_string_equal(sg_result_value(r, 0, 3), "100");
    assert_null(sg_result_value(r, 0, 4));
    assert_null(sg_result_value(r, 1, 0));

    sg_result_free(r);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

static void test_executor__dryrun_select_is_read_only(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/select_accounts.json");
    assert_true(sg_verdict_allowed(v));
    sg_result *r = run_dryrun(v);
    assert_true(sg_result_outcome(r)->ok);
    assert_string_equal(sg_result_value(r, 0, 0), SEED_SELECT_SETTINGS);
    assert_string_equal(sg_result_value(r, 0, 1), SEED_SELECT_SQL);
    /* the limit is a JSON number: its text form is its digits */
    assert_string_equal(sg_result_value(r, 0, 2), "[\"US\",\"50\"]");
    assert_string_equal(sg_result_value(r, 0, 3), "50");
    sg_result_free(r);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

/* The settings carry the operation's own timeout, and only selects are READ ONLY. */
static void test_executor__dryrun_settings_follow_the_operation(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    char *op = account_select("SELECT uid FROM sdk_examples_account ORDER BY uid", "{}", 7, 250);
    sg_verdict *v = check_allowed(c, op);
    sg_result *r = run_dryrun(v);
    assert_string_equal(sg_result_value(r, 0, 0),
                        "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY; SET LOCAL search_path "
                        "TO pg_catalog, pg_temp; SET LOCAL statement_timeout = 250; SET LOCAL "
                        "standard_conforming_strings = on" STYLES);
    assert_string_equal(sg_result_value(r, 0, 2), "[]");
    assert_string_equal(sg_result_value(r, 0, 3), "7");
    sg_result_free(r);
    sg_verdict_free(v);
    cJSON_free(op);

    static const char update[] =
        "{\"operation\":\"update\",\"sql\":\"UPDATE sdk_examples_account SET name = %(n)s WHERE "
        "account_code = %(c)s\",\"parameters\":{\"n\":\"x\",\"c\":\"ACME\"},\"scope\":{"
        "\"data_source_uid\":\"" DS_A "\",\"tables\":[{\"meta_table_uid\":\"" UID_ACCOUNT
        "\",\"alias\":\"a\",\"access\":\"write\"}]},\"limits\":{\"max_rows\":3,"
        "\"statement_timeout_ms\":600000}}";
    v = check_allowed(c, update);
    r = run_dryrun(v);
    assert_string_equal(sg_result_value(r, 0, 0),
                        "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL search_path TO "
                        "pg_catalog, pg_temp; SET LOCAL statement_timeout = 600000; SET LOCAL "
                        "standard_conforming_strings = on" STYLES);
    assert_string_equal(sg_result_value(r, 0, 1),
                        "UPDATE public.sdk_examples_account SET name = $1 WHERE account_code = $2");
    assert_string_equal(sg_result_value(r, 0, 2), "[\"x\",\"ACME\"]");
    sg_result_free(r);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

/* ---- the session setup (exec/session.c), shared by the dryrun and libpq executors ---------- */

static sg_statement statement_of(const char *operation, const char *schema, long long timeout)
{
    sg_statement st;
    memset(&st, 0, sizeof st);
    st.operation = operation;
    st.sql = "SELECT 1";
    st.data_source_uid = DS_A;
    st.default_schema = schema;
    st.max_rows = 1;
    st.statement_timeout_ms = timeout;
    return st;
}

/* Builds the setup; the test fails unless it is built. */
static sg__session_setup setup_of(sg__arena *arena, const char *operation, const char *schema,
                                  const char *role)
{
    sg_statement st = statement_of(operation, schema, 1500);
    sg__session_setup setup;
    sg_error err = {0, ""};
    int rc = sg__session_setup_build(arena, &st, role, &setup, &err);
    if (rc != SG_OK)
        fail_msg("session setup refused (%s): %s", sg_err_name(rc), err.message);
    return setup;
}

static void test_executor__session_setup_statements(void **state)
{
    (void)state;
    sg__arena a;
    sg__arena_init(&a);
    sg__session_setup s = setup_of(&a, "select", "public", NULL);
    assert_int_equal(s.count, 8);
    assert_string_equal(s.statement[0], "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY");
    assert_string_equal(s.statement[1], "SET LOCAL search_path TO pg_catalog, pg_temp");
    assert_string_equal(s.statement[2], "SET LOCAL statement_timeout = 1500");
    assert_string_equal(s.text, "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY; SET LOCAL "
                                "search_path TO pg_catalog, pg_temp; SET LOCAL "
                                "statement_timeout = 1500; SET LOCAL "
                                "standard_conforming_strings = on" STYLES);
    /* only a select is read only; a role comes last */
    static const char *const writes[] = {"insert", "update", "delete", "merge"};
    for (size_t i = 0; i < 4; i++) {
        s = setup_of(&a, writes[i], "public", "app_writer");
        assert_int_equal(s.count, 9);
        assert_string_equal(s.statement[0], "BEGIN ISOLATION LEVEL READ COMMITTED");
        assert_string_equal(s.statement[3], "SET LOCAL standard_conforming_strings = on");
        assert_string_equal(s.statement[4], "SET LOCAL DateStyle = ISO, MDY");
        assert_string_equal(s.statement[7], "SET LOCAL bytea_output = hex");
        assert_string_equal(s.statement[8], "SET LOCAL ROLE \"app_writer\"");
        assert_string_equal(s.text, "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL search_path "
                                    "TO pg_catalog, pg_temp; SET LOCAL "
                                    "statement_timeout = 1500; SET LOCAL "
                                    "standard_conforming_strings = on" STYLES "; SET LOCAL ROLE "
                                    "\"app_writer\"");
    }
    sg__arena_release(&a);
}

/* Identifiers are quoted without a connection: double quotes doubled, nothing else changed. */
static void test_executor__session_setup_quotes_identifiers(void **state)
{
    (void)state;
    sg__arena a;
    sg__arena_init(&a);
    static const struct {
        const char *name, *quoted;
    } cases[] = {
        {"public", "\"public\""},
        {"Sales", "\"Sales\""},
        {"we\"ird", "\"we\"\"ird\""},
        {"\"", "\"\"\"\""},
        {"\"\"x\"", "\"\"\"\"\"x\"\"\""},
        {"two words; DROP", "\"two words; DROP\""},
        {"back\\slash'quote", "\"back\\slash'quote\""},
        {"\xc3\xa9t\xc3\xa9", "\"\xc3\xa9t\xc3\xa9\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *q = NULL;
        assert_int_equal(sg__quote_identifier(&a, "test", cases[i].name, &q, NULL), SG_OK);
        assert_string_equal(q, cases[i].quoted);
        sg__session_setup s = setup_of(&a, "update", cases[i].name, cases[i].name);
        char want[256];
        /* whatever the default schema is called, the path names only pg_catalog and pg_temp */
        assert_string_equal(s.statement[1], "SET LOCAL search_path TO pg_catalog, pg_temp");
        snprintf(want, sizeof want, "SET LOCAL ROLE %s", cases[i].quoted);
        assert_string_equal(s.statement[8], want);
    }
    /* 63 bytes is PostgreSQL's longest identifier */
    char longest[64];
    memset(longest, 'r', 63);
    longest[63] = '\0';
    const char *q = NULL;
    assert_int_equal(sg__quote_identifier(&a, "role", longest, &q, NULL), SG_OK);
    assert_int_equal(strlen(q), 65);
    sg__arena_release(&a);
}

/* A name the server would read differently, or not at all, is refused, never sent. */
static void test_executor__session_setup_refuses_unusable_names(void **state)
{
    (void)state;
    sg__arena a;
    sg__arena_init(&a);
    char too_long[65];
    memset(too_long, 'r', 64);
    too_long[64] = '\0';
    static const char *const bad[] = {"", "\xff", "caf\xc3", "\xed\xa0\x80"};
    const char *names[] = {bad[0], bad[1], bad[2], bad[3], too_long, NULL};
    for (size_t i = 0; names[i]; i++) {
        const char *q = "unchanged";
        sg_error err = {0, ""};
        assert_int_equal(sg__quote_identifier(&a, "role", names[i], &q, &err), SG_EINVAL);
        assert_null(q);
        assert_int_equal(err.code, SG_EINVAL);
        assert_non_null(strstr(err.message, "role"));
        /* the default schema is no longer sent (the SQL is qualified with it): any
         * name builds, and the search path stays pinned */
        sg_statement st = statement_of("select", names[i], 1000);
        sg__session_setup s;
        assert_int_equal(sg__session_setup_build(&a, &st, NULL, &s, &err), SG_OK);
        assert_string_equal(s.statement[1], "SET LOCAL search_path TO pg_catalog, pg_temp");
        st = statement_of("select", "public", 1000);
        assert_int_equal(sg__session_setup_build(&a, &st, names[i], &s, &err), SG_EINVAL);
        assert_int_equal(sg__session_check_role(names[i], NULL), SG_EINVAL);
        /* neither executor is made with such a role */
        sg_libpq_options o = SG_LIBPQ_OPTIONS_INIT;
        o.role = names[i];
        sg_executor *ex = NULL;
        assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, &err), SG_EINVAL);
        assert_null(ex);
        assert_int_equal(sg_executor_new_dryrun_opts(&o, &ex, &err), SG_EINVAL);
        assert_null(ex);
        assert_non_null(strstr(err.message, "role"));
    }
    assert_int_equal(sg__session_check_role(NULL, NULL), SG_OK);
    sg__arena_release(&a);
}

/* Running out of memory while building is SG_ENOMEM, never a partial setup. */
static void test_executor__session_setup_allocation_failure(void **state)
{
    (void)state;
    bool built = false;
    for (long n = 0; n < 100 && !built; n++) {
        sg__arena a;
        sg__arena_init(&a);
        sg_statement st = statement_of("select", "we\"ird", 1000);
        sg__session_setup s;
        sg__alloc_fail_at(n + 1);
        int rc = sg__session_setup_build(&a, &st, "app", &s, NULL);
        sg__alloc_fail_at(0);
        if (rc == SG_OK) {
            assert_int_equal(s.count, 9);
            assert_string_equal(s.statement[8], "SET LOCAL ROLE \"app\"");
            built = true;
        } else {
            assert_int_equal(rc, SG_ENOMEM);
        }
        sg__arena_release(&a);
    }
    assert_true(built);
}

/* The dryrun executor made with the libpq options shows the role libpq would set. */
static void test_executor__dryrun_shows_the_role(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/select_accounts.json");
    sg_libpq_options o = SG_LIBPQ_OPTIONS_INIT;
    o.role = "app \"reader\"";
    sg_executor *ex = NULL;
    sg_error err = {0, ""};
    assert_int_equal(sg_executor_new_dryrun_opts(&o, &ex, &err), SG_OK);
    sg_result *r = NULL;
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_OK);
    char want[512];
    snprintf(want, sizeof want, "%s; SET LOCAL ROLE \"app \"\"reader\"\"\"", SEED_SELECT_SETTINGS);
    assert_string_equal(sg_result_value(r, 0, 0), want);
    sg_result_free(r);
    sg_executor_free(ex);
    /* without options: no role, as sg_executor_new_dryrun() */
    assert_int_equal(sg_executor_new_dryrun_opts(NULL, &ex, NULL), SG_OK);
    assert_int_equal(sg_execute(ex, v, &r, NULL), SG_OK);
    assert_string_equal(sg_result_value(r, 0, 0), SEED_SELECT_SETTINGS);
    sg_result_free(r);
    sg_executor_free(ex);
    o.version = SG_LIBPQ_OPTIONS_VERSION + 1;
    assert_int_equal(sg_executor_new_dryrun_opts(&o, &ex, NULL), SG_EINVAL);
    assert_int_equal(sg_executor_new_dryrun_opts(NULL, NULL, NULL), SG_EINVAL);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

/* Every refused argument writes the caller's sg_error, naming the argument: a message left
 * from an earlier call would name the wrong fault. */
static void stale(sg_error *err)
{
    err->code = 12345;
    snprintf(err->message, sizeof err->message, "%s", "STALE");
}

static void expect_named(const sg_error *err, const char *text)
{
    assert_int_equal(err->code, SG_EINVAL);
    if (!strstr(err->message, text))
        fail_msg("\"%s\" does not name \"%s\"", err->message, text);
}

static void test_executor__refused_arguments_are_named(void **state)
{
    (void)state;
    sg_error err;
    sg_executor *ex = NULL;
    sg_libpq_options o = SG_LIBPQ_OPTIONS_INIT;
    stale(&err);
    assert_int_equal(sg_executor_new_libpq_opts(NULL, &ex, &err), SG_EINVAL);
    expect_named(&err, "options are required");
    stale(&err);
    assert_int_equal(sg_executor_new_libpq_opts(&o, NULL, &err), SG_EINVAL);
    expect_named(&err, "out is required");
    stale(&err);
    assert_int_equal(sg_executor_new_libpq("", 4, NULL, &err), SG_EINVAL);
    expect_named(&err, "out is required");
    o.version = 99;
    stale(&err);
    assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, &err), SG_EINVAL);
    expect_named(&err, "unknown options version 99");
    o.version = SG_LIBPQ_OPTIONS_VERSION;
    o.pool_size = 0;
    stale(&err);
    assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, &err), SG_EINVAL);
    expect_named(&err, "pool_size must be 1..64, not 0");
    assert_null(ex);

    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/select_accounts.json");
    assert_int_equal(sg_executor_new_dryrun(&ex), SG_OK);
    stale(&err);
    assert_int_equal(sg_execute(ex, v, NULL, &err), SG_EINVAL);
    expect_named(&err, "out is required");
    sg_executor_free(ex);
    sg_verdict_free(v);

    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    sg_lint_result *lr = NULL;
    stale(&err);
    assert_int_equal(sg_lint_file(c, NULL, 1024, SG_LINT_INPUT_SQL, &lo, &lr, &err), SG_EINVAL);
    expect_named(&err, "path is required");
    stale(&err);
    assert_int_equal(sg_lint_file(c, "x.sql", 1024, SG_LINT_INPUT_SQL, &lo, NULL, &err), SG_EINVAL);
    expect_named(&err, "out is required");
    stale(&err);
    assert_int_equal(sg_lint_file(c, "x.sql", 1024, (sg_lint_input)7, &lo, &lr, &err), SG_EINVAL);
    expect_named(&err, "input is neither");
    sg_catalog_free(c);
}

static void test_executor__dryrun_parameter_text_forms(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    static const char sql[] =
        "SELECT uid FROM sdk_examples_account WHERE %(n)s IS NULL AND %(t)s AND NOT %(f)s "
        "AND %(big)s > 0 AND %(dec)s > 0 AND %(e)s < 0 AND %(s)s <> '' AND %(arr)s IS NOT NULL "
        "AND %(nest)s IS NOT NULL AND %(empty)s IS NOT NULL AND %(obj)s IS NOT NULL "
        "AND %(strs)s IS NOT NULL AND %(nested_obj)s IS NOT NULL AND %(zero)s = 0 "
        "ORDER BY uid";
    /* the caller's exact text; cJSON would round the numbers */
    static const char params[] = "{\"n\":null,\"t\":true,\"f\":false,\"big\":9007199254740993,"
                                 "\"dec\":0.1000000000000000055,\"e\":-1e-7,"
                                 "\"s\":\"it's \\\"q\\\" \\\\ {a,b} NULL \\u00fc\","
                                 "\"arr\":[\"a\",\"b \\\"q\\\" \\\\ c\",null,1,true],"
                                 "\"nest\":[[1,2],[3,4]],\"empty\":[],"
                                 "\"obj\":{\"k\": [1, 2.50], \"s\": \"x \\\"y\\\"\", \"n\": null},"
                                 "\"strs\":[\"NULL\",\"\",\"{}\",\" sp \",\"a,b\"],"
                                 "\"nested_obj\":[{\"a\":1},[\"x\"]],\"zero\":-0}";
    char *op = account_select_raw_params(sql, params);
    sg_verdict *v = check_allowed(c, op);
    assert_int_equal(sg_verdict_parameter_count(v), 14);
    /* the verdict keeps the exact JSON text of every value */
    assert_string_equal(sg_verdict_parameter_json(v, 3), "9007199254740993");
    assert_string_equal(sg_verdict_parameter_json(v, 4), "0.1000000000000000055");
    assert_string_equal(sg_verdict_parameter_json(v, 5), "-1e-7");
    assert_string_equal(sg_verdict_parameter_json(v, 13), "-0");

    sg_result *r = run_dryrun(v);
    cJSON *p = cJSON_Parse(sg_result_value(r, 0, 2));
    assert_non_null(p);
    assert_true(cJSON_IsArray(p));
    assert_int_equal(cJSON_GetArraySize(p), 14);
    /* SQL NULL is JSON null in the parameters array, never the text "null" */
    assert_true(cJSON_IsNull(cJSON_GetArrayItem(p, 0)));
    static const char *const want[] = {
        NULL,
        "true",
        "false",
        "9007199254740993",
        "0.1000000000000000055",
        "-1e-7",
        "it's \"q\" \\ {a,b} NULL \xc3\xbc", /* strings verbatim */
        /* array_in: every string element quoted, with " and \ escaped, NULL bare. Non-string
         * scalars are quoted as well ("1", "true"), which array_in reads exactly as the bare
         * 1 and true; test_exec proves the round trip on the server. */
        "{\"a\",\"b \\\"q\\\" \\\\ c\",NULL,\"1\",\"true\"}",
        "{{\"1\",\"2\"},{\"3\",\"4\"}}",
        "{}",
        "{\"k\":[1,2.50],\"s\":\"x \\\"y\\\"\",\"n\":null}", /* objects: compact json text */
        "{\"NULL\",\"\",\"{}\",\" sp \",\"a,b\"}",
        "{\"{\\\"a\\\":1}\",{\"x\"}}",
        "-0",
    };
    for (int i = 1; i < 14; i++) {
        const cJSON *item = cJSON_GetArrayItem(p, i);
        if (!cJSON_IsString(item))
            fail_msg("parameter %d is not a string", i + 1);
        if (strcmp(item->valuestring, want[i]) != 0)
            fail_msg("parameter %d: got <%s>, want <%s>", i + 1, item->valuestring, want[i]);
    }
    cJSON_Delete(p);
    sg_result_free(r);
    sg_verdict_free(v);
    free(op);
    sg_catalog_free(c);
}

/* Every allocation failure inside sg_execute() is reported as SG_ENOMEM, without a result
 * and without a leak (the ASan build checks the latter). */
static void test_executor__dryrun_allocation_failures(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/insert_account.json");
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new_dryrun(&ex), SG_OK);
    bool succeeded = false;
    for (long n = 0; n < 200 && !succeeded; n++) {
        sg_result *r = NULL;
        sg_error err = {0, ""};
        sg__alloc_fail_at(n + 1);
        int rc = sg_execute(ex, v, &r, &err);
        sg__alloc_fail_at(0);
        if (rc == SG_OK) {
            assert_non_null(r);
            assert_true(sg_result_outcome(r)->ok);
            assert_string_equal(sg_result_value(r, 0, 1), SEED_INSERT_SQL);
            succeeded = true;
        } else {
            assert_int_equal(rc, SG_ENOMEM);
            assert_null(r);
        }
        sg_result_free(r);
    }
    assert_true(succeeded);
    sg_executor_free(ex);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

/* ---- a counting custom executor ------------------------------------------------------------ */

typedef struct fake {
    int opens, executes, closes, destroys;
    /* what open() received */
    void *open_self;
    char uid[128];
    char dsn[256];
    bool dsn_null;
    /* what execute() received, copied */
    void *exec_session;
    char operation[32];
    char *sql;
    size_t param_count;
    char *params[16];
    bool param_null[16];
    char *params_json[16];
    char default_schema[64];
    char data_source_uid[128];
    long long max_rows, timeout_ms;
    /* what execute() does */
    enum { DELIVER, STOP_SINK, SERVER_ERROR, LOST, SINK_FAILS } mode;
    int open_rc;
    void *closed_session;
    int sink_rc_columns, sink_rc_row;
} fake;

static int fake_open(void *self, const char *uid, const char *dsn, void **session, sg_error *err)
{
    fake *f = self;
    f->opens++;
    f->open_self = self;
    snprintf(f->uid, sizeof f->uid, "%s", uid ? uid : "(null)");
    f->dsn_null = dsn == NULL;
    snprintf(f->dsn, sizeof f->dsn, "%s", dsn ? dsn : "");
    if (f->open_rc != SG_OK) {
        if (err) {
            err->code = f->open_rc;
            snprintf(err->message, sizeof err->message, "fake: cannot open");
        }
        *session = NULL;
        return f->open_rc;
    }
    *session = &f->exec_session; /* any stable pointer */
    return SG_OK;
}

static int fake_execute(void *session, const sg_statement *stmt, const sg_row_sink *sink,
                        sg_exec_outcome *out)
{
    fake *f = (fake *)((char *)session - offsetof(fake, exec_session));
    f->executes++;
    f->exec_session = session;
    snprintf(f->operation, sizeof f->operation, "%s", stmt->operation);
    f->sql = strdup(stmt->sql);
    f->param_count = stmt->param_count;
    for (size_t i = 0; i < stmt->param_count && i < 16; i++) {
        f->param_null[i] = stmt->params[i] == NULL;
        f->params[i] = stmt->params[i] ? strdup(stmt->params[i]) : NULL;
        f->params_json[i] = strdup(stmt->params_json[i]);
    }
    snprintf(f->default_schema, sizeof f->default_schema, "%s", stmt->default_schema);
    snprintf(f->data_source_uid, sizeof f->data_source_uid, "%s", stmt->data_source_uid);
    f->max_rows = stmt->max_rows;
    f->timeout_ms = stmt->statement_timeout_ms;

    memset(out, 0, sizeof *out);
    static const char *const names[] = {"id", "label"};
    const char *row1[] = {"1", "one"};
    const char *row2[] = {"2", NULL};
    switch (f->mode) {
    case DELIVER:
        f->sink_rc_columns = sink->columns(sink->ctx, 2, names);
        f->sink_rc_row = sink->row(sink->ctx, 2, row1);
        f->sink_rc_row |= sink->row(sink->ctx, 2, row2);
        out->ok = true;
        out->rows = 2;
        out->has_more = true;
        return SG_OK;
    case STOP_SINK:
        /* what an executor reports when its sink stopped the statement */
        f->sink_rc_columns = sink->columns(sink->ctx, 2, names);
        f->sink_rc_row = sink->row(sink->ctx, 2, row1);
        out->ok = false;
        out->rolled_back = true;
        out->rows = 1;
        snprintf(out->message, sizeof out->message, "the row sink stopped the statement");
        return SG_OK;
    case SINK_FAILS: {
        /* the result's sink cannot store a row (out of memory) and says so */
        f->sink_rc_columns = sink->columns(sink->ctx, 2, names);
        sg__alloc_fail_at(1);
        static char big[100000];
        memset(big, 'x', sizeof big - 1);
        const char *row[] = {"1", big};
        f->sink_rc_row = sink->row(sink->ctx, 2, row);
        sg__alloc_fail_at(0);
        out->ok = false;
        out->rolled_back = true;
        snprintf(out->message, sizeof out->message, "the row sink stopped the statement");
        return SG_OK;
    }
    case SERVER_ERROR:
        out->ok = false;
        out->rolled_back = true;
        snprintf(out->sqlstate, sizeof out->sqlstate, "23503");
        snprintf(out->message, sizeof out->message, "update or delete violates a foreign key");
        snprintf(out->detail, sizeof out->detail, "Key (uid)=(x) is still referenced.");
        return SG_OK;
    case LOST:
        out->ok = false;
        snprintf(out->message, sizeof out->message, "server closed the connection");
        return SG_ECONNECT;
    }
    return SG_OK;
}

static void fake_close(void *self, void *session)
{
    fake *f = self;
    f->closes++;
    f->closed_session = session;
}

static void fake_destroy(void *self)
{
    fake *f = self;
    f->destroys++;
}

static const sg_executor_vtable FAKE_VT =
    SG_EXECUTOR_INIT("fake", fake_open, fake_execute, fake_close, fake_destroy);

static void fake_reset(fake *f)
{
    free(f->sql);
    for (size_t i = 0; i < 16; i++) {
        free(f->params[i]);
        free(f->params_json[i]);
    }
    memset(f, 0, sizeof *f);
}

static void test_executor__denied_verdict_never_reaches_the_executor(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(SG_SOURCE_DIR "/corpus/catalog.json");
    fake f;
    memset(&f, 0, sizeof f);
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, &ex), SG_OK);

    char *missing_param = account_select(
        "SELECT uid FROM sdk_examples_account WHERE name = %(name)s ORDER BY uid", "{}", 10, 1000);
    const char *denied[] = {
        NULL, /* the seed's denied join, read from a file below */
        missing_param,
        "{\"operation\":\"select\"", /* not even JSON */
        "{\"operation\":\"delete\",\"sql\":\"DELETE FROM sdk_examples_account\",\"parameters\":{},"
        "\"scope\":{\"data_source_uid\":\"" DS_A "\",\"tables\":[{\"meta_table_uid\":\"" UID_ACCOUNT
        "\",\"alias\":\"a\",\"access\":\"read\"}]},\"limits\":{\"max_rows\":1,"
        "\"statement_timeout_ms\":1}}",
    };
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        sg_verdict *v = denied[i] ? check_text(c, denied[i])
                                  : check_file(c, EXAMPLES "/ops/denied_join_secret.json");
        assert_false(sg_verdict_allowed(v));
        sg_result *r = (sg_result *)&f; /* must be reset to NULL */
        sg_error err = {0, ""};
        assert_int_equal(sg_execute(ex, v, &r, &err), SG_EDENIED);
        assert_null(r);
        assert_int_equal(err.code, SG_EDENIED);
        assert_true(strlen(err.message) > 0);
        /* without an sg_error as well */
        r = (sg_result *)&f;
        assert_int_equal(sg_execute(ex, v, &r, NULL), SG_EDENIED);
        assert_null(r);
        sg_verdict_free(v);
    }
    assert_int_equal(f.opens, 0);
    assert_int_equal(f.executes, 0);
    assert_int_equal(f.closes, 0);

    /* bad arguments never reach it either */
    sg_verdict *v = check_file(c, EXAMPLES "/ops/denied_join_secret.json");
    sg_result *r = NULL;
    assert_int_equal(sg_execute(ex, NULL, &r, NULL), SG_EINVAL);
    assert_null(r);
    assert_int_equal(sg_execute(NULL, v, &r, NULL), SG_EINVAL);
    assert_int_equal(sg_execute(ex, v, NULL, NULL), SG_EINVAL);
    assert_int_equal(f.opens + f.executes + f.closes, 0);
    sg_verdict_free(v);

    sg_executor_free(ex);
    assert_int_equal(f.destroys, 1);
    assert_int_equal(f.opens + f.executes + f.closes, 0);
    cJSON_free(missing_param);
    fake_reset(&f);
    sg_catalog_free(c);
}

static void test_executor__allowed_verdict_hands_over_exactly_what_was_checked(void **state)
{
    (void)state;
    /* a data source in another default schema, with no dsn of its own */
    static const char catalog[] =
        "{\"version\":1,\"data_sources\":[{\"uid\":\"ds-x\",\"engine\":\"postgresql\","
        "\"default_schema\":\"ledger\"}],\"meta_tables\":[{\"uid\":\"t-entry\",\"identifier\":"
        "\"ledger.Entry\",\"data_source_uid\":\"ds-x\",\"schema\":\"ledger\","
        "\"physical_table_name\":\"sdk_examples_entry\",\"primary_key\":[\"uid\"]}]}";
    sg_catalog *c = load_catalog_text(catalog);
    static const char op[] =
        "{\"operation\":\"select\",\"sql\":\"SELECT uid, amount FROM sdk_examples_entry WHERE "
        "amount > %(min)s AND account_uid = ANY(%(uids)s::uuid[]) AND %(flag)s AND "
        "(%(none)s::text IS NULL) ORDER BY uid\",\"parameters\":{\"min\":12345678901234567890,"
        "\"uids\":[\"8f14e45f-ceea-467a-9af0-3b1c2d4e5f60\"],\"flag\":true,\"none\":null},"
        "\"scope\":{\"data_source_uid\":\"ds-x\",\"tables\":[{\"meta_table_uid\":\"t-entry\","
        "\"alias\":\"e\",\"access\":\"read\"}]},\"limits\":{\"max_rows\":42,"
        "\"statement_timeout_ms\":4321}}";
    sg_verdict *v = check_allowed(c, op);

    fake f;
    memset(&f, 0, sizeof f);
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, &ex), SG_OK);
    sg_result *r = NULL;
    sg_error err = {0, ""};
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_OK);
    assert_non_null(r);
    assert_int_equal(f.opens, 1);
    assert_int_equal(f.executes, 1);
    assert_int_equal(f.closes, 1);
    assert_ptr_equal(f.open_self, &f);
    assert_ptr_equal(f.closed_session, f.exec_session);
    assert_string_equal(f.uid, "ds-x");
    assert_true(f.dsn_null);

    assert_string_equal(f.operation, "select");
    assert_string_equal(f.sql, sg_verdict_compiled_sql(v));
    assert_string_equal(
        f.sql, "SELECT uid, amount FROM \"ledger\".sdk_examples_entry WHERE amount > $1 AND "
               "account_uid = ANY($2::uuid[]) AND $3 AND ($4::text IS NULL) "
               "ORDER BY uid");
    assert_int_equal(f.param_count, 4);
    assert_int_equal(f.param_count, sg_verdict_parameter_count(v));
    for (size_t i = 0; i < f.param_count; i++)
        assert_string_equal(f.params_json[i], sg_verdict_parameter_json(v, i));
    assert_string_equal(f.params[0], "12345678901234567890");
    assert_string_equal(f.params[1], "{\"8f14e45f-ceea-467a-9af0-3b1c2d4e5f60\"}");
    assert_string_equal(f.params[2], "true");
    assert_true(f.param_null[3]);
    assert_string_equal(f.params_json[3], "null");
    assert_int_equal(f.max_rows, 42);
    assert_int_equal(f.timeout_ms, 4321);
    assert_string_equal(f.default_schema, "ledger");
    assert_string_equal(f.data_source_uid, "ds-x");

    /* what the executor delivered */
    assert_int_equal(f.sink_rc_columns, 0);
    assert_int_equal(f.sink_rc_row, 0);
    const sg_exec_outcome *o = sg_result_outcome(r);
    assert_true(o->ok);
    assert_true(o->has_more);
    assert_int_equal(o->rows, 2);
    assert_int_equal(sg_result_column_count(r), 2);
    assert_string_equal(sg_result_column(r, 1), "label");
    assert_int_equal(sg_result_row_count(r), 2);
    assert_string_equal(sg_result_value(r, 0, 1), "one");
    assert_null(sg_result_value(r, 1, 1)); /* SQL NULL */
    assert_string_equal(sg_result_value(r, 1, 0), "2");

    sg_result_free(r);
    sg_executor_free(ex);
    assert_int_equal(f.destroys, 1);
    fake_reset(&f);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

/* A data source's own dsn reaches open(); the same executor serves several data sources. */
static void test_executor__data_source_dsn_reaches_open(void **state)
{
    (void)state;
    static const char catalog[] =
        "{\"version\":1,\"data_sources\":[{\"uid\":\"ds-own\",\"engine\":\"postgresql\","
        "\"default_schema\":\"public\",\"dsn\":\"host=/nonexistent dbname=own\"}],"
        "\"meta_tables\":[{\"uid\":\"t1\",\"identifier\":\"x.T\",\"data_source_uid\":\"ds-own\","
        "\"schema\":\"public\",\"physical_table_name\":\"t\",\"primary_key\":[\"id\"]}]}";
    sg_catalog *c = load_catalog_text(catalog);
    static const char op[] =
        "{\"operation\":\"delete\",\"sql\":\"DELETE FROM t WHERE id = %s RETURNING id\","
        "\"parameters\":[7],\"scope\":{\"data_source_uid\":\"ds-own\",\"tables\":[{"
        "\"meta_table_uid\":\"t1\",\"alias\":\"t\",\"access\":\"write\"}]},\"limits\":{"
        "\"max_rows\":1,\"statement_timeout_ms\":10}}";
    sg_verdict *v = check_allowed(c, op);
    fake f;
    memset(&f, 0, sizeof f);
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, &ex), SG_OK);
    sg_result *r = NULL;
    assert_int_equal(sg_execute(ex, v, &r, NULL), SG_OK);
    assert_false(f.dsn_null);
    assert_string_equal(f.dsn, "host=/nonexistent dbname=own");
    assert_string_equal(f.operation, "delete");
    assert_string_equal(f.sql, "DELETE FROM public.t WHERE id = $1 RETURNING id");
    assert_string_equal(f.params[0], "7");
    assert_int_equal(f.max_rows, 1);
    assert_int_equal(f.timeout_ms, 10);
    sg_result_free(r);
    sg_executor_free(ex);
    fake_reset(&f);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

static void test_executor__open_failure_is_returned(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/select_accounts.json");
    fake f;
    memset(&f, 0, sizeof f);
    f.open_rc = SG_ECONNECT;
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, &ex), SG_OK);
    sg_result *r = NULL;
    sg_error err = {0, ""};
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_ECONNECT);
    assert_null(r);
    assert_int_equal(err.code, SG_ECONNECT);
    assert_string_equal(err.message, "fake: cannot open");
    assert_int_equal(f.opens, 1);
    assert_int_equal(f.executes, 0);
    assert_int_equal(f.closes, 0); /* no session to close */

    /* a positive, non-standard code from open() is still a failure */
    f.open_rc = 5;
    assert_int_equal(sg_execute(ex, v, &r, NULL), SG_ECONNECT);
    assert_null(r);
    assert_int_equal(f.executes, 0);
    sg_executor_free(ex);
    fake_reset(&f);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

static void test_executor__lost_server_is_returned(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/select_accounts.json");
    fake f;
    memset(&f, 0, sizeof f);
    f.mode = LOST;
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, &ex), SG_OK);
    sg_result *r = NULL;
    sg_error err = {0, ""};
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_ECONNECT);
    assert_null(r);
    assert_int_equal(err.code, SG_ECONNECT);
    assert_string_equal(err.message, "server closed the connection");
    assert_int_equal(f.closes, 1); /* a session whose execute() failed is closed too */
    sg_executor_free(ex);
    fake_reset(&f);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

/* An executor whose row sink stopped the statement: the outcome says rolled back, without a
 * SQLSTATE, and the rows before the stop are dropped (a failed statement returns none). */
static void test_executor__stopped_statement(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/select_accounts.json");
    fake f;
    memset(&f, 0, sizeof f);
    f.mode = STOP_SINK;
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, &ex), SG_OK);
    sg_result *r = NULL;
    assert_int_equal(sg_execute(ex, v, &r, NULL), SG_OK);
    const sg_exec_outcome *o = sg_result_outcome(r);
    assert_false(o->ok);
    assert_true(o->rolled_back);
    assert_int_equal(sg_result_row_count(r), 0);
    assert_int_equal(o->rows, 0);
    cJSON *j = result_json(r);
    assert_int_equal(member(member(j, "pagination"), "returned")->valueint, 0);
    assert_true(cJSON_IsFalse(member(member(j, "pagination"), "has_more")));
    assert_int_equal(cJSON_GetArraySize(member(j, "rows")), 0);
    const cJSON *e = member(j, "error");
    assert_true(cJSON_IsObject(e));
    assert_string_equal(member(e, "sqlstate")->valuestring, "");
    assert_string_equal(member(e, "message")->valuestring, "the row sink stopped the statement");
    assert_string_equal(member(e, "detail")->valuestring, "");
    assert_true(cJSON_IsTrue(member(e, "rolled_back")));
    assert_string_equal(member(j, "outcome")->valuestring, "rolled_back");
    cJSON_Delete(j);
    sg_result_free(r);
    sg_executor_free(ex);
    fake_reset(&f);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

/* The result's own sink returns non-zero (it cannot store a row): the executor sees the stop,
 * and sg_execute() reports SG_ENOMEM without a partial result. */
static void test_executor__sink_returns_nonzero(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/select_accounts.json");
    fake f;
    memset(&f, 0, sizeof f);
    f.mode = SINK_FAILS;
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, &ex), SG_OK);
    sg_result *r = (sg_result *)&f;
    sg_error err = {0, ""};
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_ENOMEM);
    assert_null(r);
    assert_int_equal(err.code, SG_ENOMEM);
    assert_int_equal(f.sink_rc_columns, 0);
    assert_int_not_equal(f.sink_rc_row, 0);
    assert_int_equal(f.closes, 1);
    sg_executor_free(ex);
    fake_reset(&f);
    sg_verdict_free(v);
    sg_catalog_free(c);
}

/* SG_EXECUTOR_INIT fills a vtable of the current version with methods of the named types. */
static void test_executor__executor_init(void **state)
{
    (void)state;
    sg_executor_open_fn open_fn = fake_open;
    sg_executor_execute_fn execute_fn = fake_execute;
    sg_executor_close_fn close_fn = fake_close;
    sg_executor_destroy_fn destroy_fn = fake_destroy;
    const sg_executor_vtable vt =
        SG_EXECUTOR_INIT("typed", open_fn, execute_fn, close_fn, destroy_fn);
    assert_int_equal(vt.version, SG_EXECUTOR_VERSION);
    assert_string_equal(vt.name, "typed");
    assert_ptr_equal(vt.open, fake_open);
    assert_ptr_equal(vt.execute, fake_execute);
    assert_ptr_equal(vt.close, fake_close);
    assert_ptr_equal(vt.destroy, fake_destroy);
    const sg_executor_vtable no_destroy =
        SG_EXECUTOR_INIT("x", fake_open, fake_execute, fake_close, NULL);
    assert_null(no_destroy.destroy);
    sg_row_sink_columns_fn columns = NULL;
    sg_row_sink_row_fn row = NULL;
    sg_row_sink sink = {columns, row, NULL};
    assert_null(sink.columns);
    fake f;
    memset(&f, 0, sizeof f);
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&vt, &f, &ex), SG_OK);
    sg_executor_free(ex);
    assert_int_equal(f.destroys, 1);
}

static void test_executor__new_rejects_bad_vtables(void **state)
{
    (void)state;
    fake f;
    memset(&f, 0, sizeof f);
    sg_executor *ex = (sg_executor *)&f;
    assert_int_equal(sg_executor_new(NULL, &f, &ex), SG_EINVAL);
    assert_null(ex);
    sg_executor_vtable vt = FAKE_VT;
    vt.version = 0;
    ex = (sg_executor *)&f;
    assert_int_equal(sg_executor_new(&vt, &f, &ex), SG_EINVAL);
    assert_null(ex);
    vt = FAKE_VT;
    vt.open = NULL;
    assert_int_equal(sg_executor_new(&vt, &f, &ex), SG_EINVAL);
    vt = FAKE_VT;
    vt.execute = NULL;
    assert_int_equal(sg_executor_new(&vt, &f, &ex), SG_EINVAL);
    vt = FAKE_VT;
    vt.close = NULL;
    assert_int_equal(sg_executor_new(&vt, &f, &ex), SG_EINVAL);
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, NULL), SG_EINVAL);
    assert_int_equal(sg_executor_new_dryrun(NULL), SG_EINVAL);

    /* destroy is optional; a later version is accepted (the vtable only grows) */
    vt = FAKE_VT;
    vt.destroy = NULL;
    vt.version = SG_EXECUTOR_VERSION + 1;
    assert_int_equal(sg_executor_new(&vt, &f, &ex), SG_OK);
    sg_executor_free(ex);
    assert_int_equal(f.destroys, 0);
    sg_executor_free(NULL);
    assert_int_equal(f.opens + f.executes + f.closes, 0);
}

static void test_executor__libpq_options_are_validated(void **state)
{
    (void)state;
    sg_executor *ex = NULL;
    sg_error err = {0, ""};
    assert_int_equal(sg_executor_new_libpq("host=/nonexistent", 0, &ex, &err), SG_EINVAL);
    assert_null(ex);
    assert_int_equal(err.code, SG_EINVAL);
    assert_non_null(strstr(err.message, "pool_size"));
    assert_int_equal(sg_executor_new_libpq("host=/nonexistent", 65, &ex, NULL), SG_EINVAL);
    assert_null(ex);
    assert_int_equal(sg_executor_new_libpq_opts(NULL, &ex, NULL), SG_EINVAL);
    sg_libpq_options o = SG_LIBPQ_OPTIONS_INIT;
    assert_int_equal(sg_executor_new_libpq_opts(&o, NULL, NULL), SG_EINVAL);
    o.version = 0;
    assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, NULL), SG_EINVAL);
    o.version = SG_LIBPQ_OPTIONS_VERSION + 1; /* from the future: fields it cannot know */
    assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, NULL), SG_EINVAL);
    assert_null(ex);
    o = (sg_libpq_options)SG_LIBPQ_OPTIONS_INIT;
    assert_int_equal(o.pool_wait_ms, 30000);
    o.pool_wait_ms = -1;
    assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, &err), SG_EINVAL);
    assert_non_null(strstr(err.message, "pool_wait_ms"));
    assert_null(ex);

    /* creating an executor does not connect */
    o = (sg_libpq_options)SG_LIBPQ_OPTIONS_INIT;
    o.default_dsn = "host=/nonexistent-sqlguard-socket-dir dbname=x connect_timeout=1";
    o.pool_size = 64;
    o.rollback_only = true;
    o.role = "nobody";
    assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, &err), SG_OK);
    assert_non_null(ex);
    /* ... but running does, and an unreachable server is SG_ECONNECT with libpq's reason */
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/select_accounts.json");
    sg_result *r = NULL;
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_ECONNECT);
    assert_null(r);
    assert_int_equal(err.code, SG_ECONNECT);
    assert_non_null(strstr(err.message, "cannot connect"));
    assert_non_null(strstr(err.message, "/nonexistent-sqlguard-socket-dir"));
    assert_int_not_equal(err.message[strlen(err.message) - 1], '\n');
    sg_verdict_free(v);
    sg_catalog_free(c);
    sg_executor_free(ex);
}

/* ---- sg_result_to_json --------------------------------------------------------------------- */

static void test_executor__result_json_shape(void **state)
{
    (void)state;
    sg_catalog *c = load_catalog_file(EXAMPLES "/catalog.json");
    sg_verdict *v = check_file(c, EXAMPLES "/ops/insert_account.json");

    /* committed, everything returned */
    sg_result *r = run_dryrun(v);
    cJSON *j = result_json(r);
    assert_member_count(j, 8);
    /* the dry run ran nothing, so it committed nothing, and changed no row it could count */
    assert_true(cJSON_IsNull(member(j, "affected")));
    assert_string_equal(member(j, "outcome")->valuestring, "not_started");
    assert_true(cJSON_IsFalse(member(j, "retried")));
    assert_true(cJSON_IsFalse(member(j, "cancelled")));
    const cJSON *cols = member(j, "columns");
    assert_true(cJSON_IsArray(cols));
    assert_int_equal(cJSON_GetArraySize(cols), 4);
    assert_string_equal(cJSON_GetArrayItem(cols, 0)->valuestring, "settings");
    const cJSON *rows = member(j, "rows");
    assert_int_equal(cJSON_GetArraySize(rows), 1);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetArrayItem(rows, 0)), 4);
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 0), 0)->valuestring,
                        SEED_SETTINGS);
    const cJSON *page = member(j, "pagination");
    assert_member_count(page, 4);
    assert_int_equal(member(page, "max_rows")->valueint, 100);
    assert_int_equal(member(page, "returned")->valueint, 1);
    assert_true(cJSON_IsFalse(member(page, "has_more")));
    assert_true(cJSON_IsNull(member(page, "next_offset")));
    assert_true(cJSON_IsNull(member(j, "error")));
    cJSON_Delete(j);
    sg_result_free(r);

    /* more rows than returned: a write's capped RETURNING is no page (no next_offset) */
    fake f;
    memset(&f, 0, sizeof f);
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new(&FAKE_VT, &f, &ex), SG_OK);
    assert_int_equal(sg_execute(ex, v, &r, NULL), SG_OK);
    j = result_json(r);
    rows = member(j, "rows");
    assert_int_equal(cJSON_GetArraySize(rows), 2);
    assert_true(cJSON_IsNull(cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 1), 1)));
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 1), 0)->valuestring, "2");
    page = member(j, "pagination");
    assert_int_equal(member(page, "max_rows")->valueint, 100);
    assert_int_equal(member(page, "returned")->valueint, 2);
    assert_true(cJSON_IsTrue(member(page, "has_more")));
    assert_true(cJSON_IsNull(member(page, "next_offset")));
    assert_true(cJSON_IsNull(member(j, "error")));
    /* an executor that leaves the status unset: derived from ok */
    assert_string_equal(member(j, "outcome")->valuestring, "committed");
    assert_int_equal(sg_result_outcome(r)->status, SG_EXEC_COMMITTED);
    cJSON_Delete(j);
    sg_result_free(r);
    /* a select's page: next_offset says where the next one starts */
    fake_reset(&f);
    sg_verdict *sv = check_file(c, EXAMPLES "/ops/select_accounts.json");
    assert_int_equal(sg_execute(ex, sv, &r, NULL), SG_OK);
    j = result_json(r);
    page = member(j, "pagination");
    assert_true(cJSON_IsTrue(member(page, "has_more")));
    assert_int_equal(member(page, "next_offset")->valueint, 2);
    cJSON_Delete(j);
    sg_result_free(r);
    sg_verdict_free(sv);

    /* the server refused: a structured error */
    fake_reset(&f);
    f.mode = SERVER_ERROR;
    assert_int_equal(sg_execute(ex, v, &r, NULL), SG_OK);
    j = result_json(r);
    assert_int_equal(cJSON_GetArraySize(member(j, "columns")), 0);
    assert_int_equal(cJSON_GetArraySize(member(j, "rows")), 0);
    page = member(j, "pagination");
    assert_int_equal(member(page, "returned")->valueint, 0);
    assert_true(cJSON_IsFalse(member(page, "has_more")));
    assert_true(cJSON_IsNull(member(page, "next_offset")));
    const cJSON *e = member(j, "error");
    assert_member_count(e, 4);
    assert_string_equal(member(e, "sqlstate")->valuestring, "23503");
    assert_string_equal(member(e, "message")->valuestring,
                        "update or delete violates a foreign key");
    assert_string_equal(member(e, "detail")->valuestring, "Key (uid)=(x) is still referenced.");
    assert_true(cJSON_IsTrue(member(e, "rolled_back")));
    assert_string_equal(member(j, "outcome")->valuestring, "rolled_back");
    cJSON_Delete(j);
    sg_result_free(r);
    assert_string_equal(sg_exec_status_name(SG_EXEC_UNKNOWN), "unknown");
    assert_string_equal(sg_exec_status_name(SG_EXEC_NOT_STARTED), "not_started");
    assert_string_equal(sg_exec_status_name(SG_EXEC_UNSET), "unset");
    /* options are checked before anything runs */
    sg_execute_options eo = SG_EXECUTE_OPTIONS_INIT;
    eo.deadline_ms = -1;
    assert_int_equal(sg_execute_opts(ex, v, &eo, &r, NULL), SG_EINVAL);
    assert_null(r);
    sg_executor_free(ex);
    fake_reset(&f);

    char *out = (char *)&f;
    assert_int_equal(sg_result_to_json(NULL, &out), SG_EINVAL);
    sg_result_free(NULL);
    assert_null(sg_result_outcome(NULL));
    assert_int_equal(sg_result_row_count(NULL), 0);
    assert_int_equal(sg_result_column_count(NULL), 0);
    assert_null(sg_result_value(NULL, 0, 0));
    sg_verdict_free(v);
    sg_catalog_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test(test_executor__##name)
        T(dryrun_seed_insert),
        T(dryrun_select_is_read_only),
        T(dryrun_settings_follow_the_operation),
        T(session_setup_statements),
        T(session_setup_quotes_identifiers),
        T(session_setup_refuses_unusable_names),
        T(session_setup_allocation_failure),
        T(dryrun_shows_the_role),
        T(refused_arguments_are_named),
        T(dryrun_parameter_text_forms),
        T(dryrun_allocation_failures),
        T(denied_verdict_never_reaches_the_executor),
        T(allowed_verdict_hands_over_exactly_what_was_checked),
        T(data_source_dsn_reaches_open),
        T(open_failure_is_returned),
        T(lost_server_is_returned),
        T(stopped_statement),
        T(sink_returns_nonzero),
        T(executor_init),
        T(new_rejects_bad_vtables),
        T(libpq_options_are_validated),
        T(result_json_shape),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
