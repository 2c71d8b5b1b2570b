/*
 * test_rules.c - the rule registry, and the advisory rules and the
 * policy-only limits rule end to end through the public API:
 * style.select-star, style.insert-column-list, style.literal-in-predicate,
 * paginate.limit-without-order-by (and its one finding with
 * paginate.order-by-required), paginate.order-by-unique, the key lookups
 * both paginate rules take for one row (with a small catalog of its own for
 * keys the corpus catalog has none of), limits.bounds, and where type.denied
 * points and what it admits when linting.
 *
 * The registry tests read the descriptors (check/rule.h): ids unique and well
 * formed, every rule file registered, the public sg_rule_* table the same
 * descriptors, the runner's needs_complete_facts and catalog kinds.
 *
 * For each rule: it fires where it should (severity, location in the caller's
 * original SQL, message), stays silent on legitimate SQL, a policy can turn it
 * off, and raising it to "error" makes the verdict deny. Warnings alone never
 * deny.
 *
 * Locations are asserted against the caller's text: the expected line and
 * column are computed from the original SQL (where `needle` starts), so
 * placeholders (`%(name)s` -> `$1`) and psycopg's `%%` escape, which shift the
 * compiled SQL, must be mapped back by the guard.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>

#include "check/rule.h"
#include "sqlguard.h"
#include "support.h"

#define DS "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"
#define ACCOUNT_LIMIT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02"
#define COUNTERPARTY "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b03"
#define ENTRY "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b05"

#define TABLE(uid, alias, access)                                                                  \
    "{\"meta_table_uid\":\"" uid "\",\"alias\":\"" alias "\",\"access\":\"" access "\"}"
#define ACCOUNT_READ TABLE(ACCOUNT, "a", "read")
#define ACCOUNT_WRITE TABLE(ACCOUNT, "a", "write")
#define COUNTERPARTY_READ TABLE(COUNTERPARTY, "c", "read")
#define ENTRY_READ TABLE(ENTRY, "e", "read")
#define LIMIT_WRITE TABLE(ACCOUNT_LIMIT, "l", "write")

#define NO_PARAMS "{}"

/* Keys the corpus catalog has no example of, on its data source: a
 * composite unique key (pairs), a number as primary key (numbers), a table
 * without any key (heap) and one with a unique key but no primary key
 * (settings). */
#define PAIRS "6b2f0d1a-0000-4000-8000-0000000000a1"
#define NUMBERS "6b2f0d1a-0000-4000-8000-0000000000a2"
#define HEAP "6b2f0d1a-0000-4000-8000-0000000000a3"
#define REGS "6b2f0d1a-0000-4000-8000-0000000000a4"
#define DOCS "6b2f0d1a-0000-4000-8000-0000000000a5"
#define SETTINGS "6b2f0d1a-0000-4000-8000-0000000000a6"
#define PARENTS "6b2f0d1a-0000-4000-8000-0000000000a8"
#define KIDS "6b2f0d1a-0000-4000-8000-0000000000a9"
#define PEOPLE "6b2f0d1a-0000-4000-8000-0000000000aa"
static const char KEYS_CATALOG[] =
    "{\"data_sources\":[{\"uid\":\"" DS "\",\"engine\":\"postgresql\","
    "\"default_schema\":\"public\"}],\"meta_tables\":["
    "{\"uid\":\"" PAIRS "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"pairs\",\"primary_key\":[\"uid\"],"
    "\"unique\":[[\"tenant\",\"code\"]]},"
    "{\"uid\":\"" NUMBERS "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"numbers\",\"primary_key\":[\"id\"]},"
    "{\"uid\":\"" HEAP "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"heap\"},"
    "{\"uid\":\"" SETTINGS "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"settings\",\"unique\":[[\"tenant\",\"key\"]]},"
    "{\"uid\":\"" REGS "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"regs\",\"primary_key\":[\"uid\"],\"columns\":["
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false},"
    "{\"name\":\"rel\",\"type\":\"regclass\",\"nullable\":true},"
    "{\"name\":\"fn\",\"type\":\"pg_catalog.regproc\",\"nullable\":true},"
    "{\"name\":\"cfg\",\"type\":\"regconfig\",\"nullable\":true},"
    "{\"name\":\"acl\",\"type\":\"aclitem[]\",\"nullable\":true},"
    "{\"name\":\"o\",\"type\":\"oid\",\"nullable\":true},"
    "{\"name\":\"note\",\"type\":\"text\",\"nullable\":true}]},"
    "{\"uid\":\"" DOCS "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"docs\",\"primary_key\":[\"uid\"],\"columns\":["
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false},"
    "{\"name\":\"note\",\"type\":\"text\",\"nullable\":true},"
    "{\"name\":\"body\",\"type\":\"xml\",\"nullable\":true},"
    "{\"name\":\"pages\",\"type\":\"pg_catalog.xml[]\",\"nullable\":true}]},"
    "{\"uid\":\"" PARENTS "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"parents\",\"primary_key\":[\"uid\"],"
    "\"unique\":[[\"code\"],[\"n\"],[\"at\"],[\"uid\",\"n\"]],\"columns\":["
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false},"
    "{\"name\":\"code\",\"type\":\"text\",\"nullable\":false},"
    "{\"name\":\"n\",\"type\":\"bigint\",\"nullable\":false},"
    "{\"name\":\"at\",\"type\":\"numeric\",\"nullable\":false}]},"
    "{\"uid\":\"" KIDS "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"kids\",\"primary_key\":[\"uid\"],\"columns\":["
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false},"
    "{\"name\":\"parent_uid\",\"type\":\"uuid\",\"nullable\":true},"
    "{\"name\":\"parent_code\",\"type\":\"text\",\"nullable\":true},"
    "{\"name\":\"parent_n\",\"type\":\"bigint\",\"nullable\":true},"
    "{\"name\":\"parent_at\",\"type\":\"numeric\",\"nullable\":true}],"
    "\"foreign_keys\":["
    "{\"columns\":[\"parent_uid\"],\"references\":\"parents\",\"referenced_columns\":[\"uid\"],"
    "\"on_update\":\"CASCADE\"},"
    "{\"columns\":[\"parent_code\"],\"references\":\"parents\",\"referenced_columns\":[\"code\"],"
    "\"on_update\":\"CASCADE\"},"
    "{\"columns\":[\"parent_n\"],\"references\":\"parents\",\"referenced_columns\":[\"n\"],"
    "\"on_update\":\"CASCADE\"},"
    "{\"columns\":[\"parent_at\"],\"references\":\"parents\",\"referenced_columns\":[\"at\"],"
    "\"on_update\":\"CASCADE\"}]},"
    "{\"uid\":\"" PEOPLE "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","
    "\"physical_table_name\":\"people\",\"primary_key\":[\"uid\"],"
    "\"unique\":[[\"email\"],[\"mood\"],[\"handle\"],[\"tag\"]],\"columns\":["
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false},"
    "{\"name\":\"email\",\"type\":\"citext\",\"nullable\":true},"
    "{\"name\":\"mood\",\"type\":\"public.mood\",\"nullable\":true},"
    "{\"name\":\"handle\",\"type\":\"app.handle\",\"nullable\":true},"
    "{\"name\":\"tag\",\"type\":\"citext[]\",\"nullable\":true},"
    "{\"name\":\"region\",\"type\":\"citext\",\"nullable\":true}]}]}";

static sg_catalog *catalog;
static sg_catalog *keys_catalog;

static int setup(void **state)
{
    (void)state;
    sg_error err;
    if (sg_catalog_load_file(SG_SOURCE_DIR "/corpus/catalog.json", &catalog, &err) != SG_OK) {
        fprintf(stderr, "catalog: %s\n", err.message);
        return -1;
    }
    if (sg_catalog_load(KEYS_CATALOG, strlen(KEYS_CATALOG), &keys_catalog, &err) != SG_OK) {
        fprintf(stderr, "keys catalog: %s\n", err.message);
        sg_catalog_free(catalog);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sg_catalog_free(keys_catalog);
    sg_catalog_free(catalog);
    return 0;
}

/* ---- building and checking operations ------------------------------------------------------ */

/* `sql` as the body of a JSON string. The caller frees the result. */
static char *json_escape(const char *sql)
{
    char *out = malloc(strlen(sql) * 6 + 1);
    assert_non_null(out);
    char *o = out;
    for (const unsigned char *s = (const unsigned char *)sql; *s; s++) {
        switch (*s) {
        case '"':
            *o++ = '\\';
            *o++ = '"';
            break;
        case '\\':
            *o++ = '\\';
            *o++ = '\\';
            break;
        case '\n':
            *o++ = '\\';
            *o++ = 'n';
            break;
        case '\t':
            *o++ = '\\';
            *o++ = 't';
            break;
        default:
            if (*s < 0x20)
                o += sprintf(o, "\\u%04x", *s);
            else
                *o++ = (char)*s;
        }
    }
    *o = '\0';
    return out;
}

/* Checks one operation against `cat` under `opts`: `tables` is the inside of
 * scope.tables, `params` the parameters' JSON. */
static sg_verdict *check_in(const sg_catalog *cat, const char *kind, const char *sql,
                            const char *params, const char *tables, long max_rows, long timeout_ms,
                            const sg_check_options *opts)
{
    char *esc = json_escape(sql);
    size_t cap = strlen(esc) + strlen(params) + strlen(tables) + 512;
    char *op = malloc(cap);
    assert_non_null(op);
    int n = snprintf(op, cap,
                     "{\"operation\":\"%s\",\"sql\":\"%s\",\"parameters\":%s,"
                     "\"scope\":{\"data_source_uid\":\"" DS "\",\"tables\":[%s]},"
                     "\"limits\":{\"max_rows\":%ld,\"statement_timeout_ms\":%ld}}",
                     kind, esc, params, tables, max_rows, timeout_ms);
    assert_true(n > 0 && (size_t)n < cap);
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(cat, op, (size_t)n, opts, &v), SG_OK);
    assert_non_null(v);
    free(op);
    free(esc);
    return v;
}

/* As check_in(), against the corpus catalog. */
static sg_verdict *check_with(const char *kind, const char *sql, const char *params,
                              const char *tables, long max_rows, long timeout_ms,
                              const sg_check_options *opts)
{
    return check_in(catalog, kind, sql, params, tables, max_rows, timeout_ms, opts);
}

static sg_verdict *check_full(const char *kind, const char *sql, const char *params,
                              const char *tables, long max_rows, long timeout_ms,
                              const sg_policy *policy)
{
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = policy;
    return check_with(kind, sql, params, tables, max_rows, timeout_ms, &opts);
}

static sg_verdict *check_op(const char *kind, const char *sql, const char *params,
                            const char *tables, const sg_policy *policy)
{
    return check_full(kind, sql, params, tables, 50, 1000, policy);
}

/* A select reading sdk_examples_account (alias a) and nothing else. */
static sg_verdict *select_account(const char *sql, const char *params, const sg_policy *policy)
{
    return check_op("select", sql, params, ACCOUNT_READ, policy);
}

static sg_policy *load_policy(const char *json)
{
    sg_policy *p = NULL;
    sg_error err;
    if (sg_policy_load(json, strlen(json), &p, &err) != SG_OK)
        fail_msg("policy %s did not load: %s", json, err.message);
    return p;
}

static void policy_fails(const char *json, const char *needle)
{
    sg_policy *p = (sg_policy *)1;
    sg_error err;
    assert_int_equal(sg_policy_load(json, strlen(json), &p, &err), SG_EPOLICY);
    assert_null(p);
    assert_int_equal(err.code, SG_EPOLICY);
    if (!strstr(err.message, needle))
        fail_msg("policy %s: message \"%s\" does not name \"%s\"", json, err.message, needle);
}

/* ---- looking at verdicts -------------------------------------------------------------------- */

static void dump(const sg_verdict *v)
{
    char *json = NULL;
    if (sg_verdict_to_json(v, &json) == SG_OK)
        fprintf(stderr, "verdict: %s\n", json);
    sg_free(json);
}

static size_t count_rule(const sg_verdict *v, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++)
        n += strcmp(sg_verdict_diagnostic(v, i)->rule, rule) == 0;
    return n;
}

/* The nth (0-based) diagnostic of `rule`, or NULL. */
static const sg_diagnostic *find_rule(const sg_verdict *v, const char *rule, size_t nth)
{
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        if (strcmp(d->rule, rule) == 0 && nth-- == 0)
            return d;
    }
    return NULL;
}

static void expect_count(const sg_verdict *v, const char *rule, size_t n)
{
    size_t got = count_rule(v, rule);
    if (got != n) {
        dump(v);
        fail_msg("%s reported %zu times, expected %zu", rule, got, n);
    }
}

static void expect_none(const sg_verdict *v, const char *rule)
{
    expect_count(v, rule, 0);
}

/* No diagnostic at all, and allowed. */
static void expect_clean(const sg_verdict *v)
{
    if (sg_verdict_diagnostic_count(v) != 0 || !sg_verdict_allowed(v)) {
        dump(v);
        fail_msg("expected an allowed verdict without diagnostics");
    }
}

static void expect_allowed(const sg_verdict *v, bool allowed)
{
    if (sg_verdict_allowed(v) != allowed) {
        dump(v);
        fail_msg("expected %s", allowed ? "allowed" : "denied");
    }
}

/* Offset, line and column (1-based, in characters: the SQL here is ASCII) of
 * the one occurrence of `needle` in `sql`. */
static void locate(const char *sql, const char *needle, long *offset, long *line, long *column)
{
    const char *at = strstr(sql, needle);
    if (!at) {
        fail_msg("\"%s\" is not in the SQL", needle);
        return;
    }
    if (strstr(at + 1, needle))
        fail_msg("\"%s\" occurs twice in the SQL: make the needle unique", needle);
    *offset = (long)(at - sql);
    *line = 1;
    const char *line_start = sql;
    for (const char *p = sql; p < at; p++)
        if (*p == '\n') {
            (*line)++;
            line_start = p + 1;
        }
    *column = (long)(at - line_start) + 1;
}

/* The nth diagnostic of `rule` has `severity`, a message containing `msg`, and
 * points at `needle` in the original `sql` (NULL needle: no location). */
static void expect_nth_at(const sg_verdict *v, const char *rule, size_t nth, sg_severity severity,
                          const char *sql, const char *needle, const char *msg)
{
    const sg_diagnostic *d = find_rule(v, rule, nth);
    if (!d) {
        dump(v);
        fail_msg("%s #%zu not reported", rule, nth);
    }
    if ((int)d->severity != (int)severity) {
        dump(v);
        fail_msg("%s: severity %d, expected %d", rule, (int)d->severity, (int)severity);
    }
    if (!strstr(d->message, msg)) {
        dump(v);
        fail_msg("%s: message \"%s\" lacks \"%s\"", rule, d->message, msg);
    }
    long offset = -1, line = -1, column = -1;
    if (needle)
        locate(sql, needle, &offset, &line, &column);
    if (d->offset != offset || d->line != line || d->column != column) {
        dump(v);
        fail_msg("%s at offset %ld (%ld:%ld), expected offset %ld (%ld:%ld), at \"%s\"", rule,
                 d->offset, d->line, d->column, offset, line, column, needle ? needle : "-");
    }
}

/* Exactly one diagnostic of `rule`, as expect_nth_at() describes. */
static void expect_at(const sg_verdict *v, const char *rule, sg_severity severity, const char *sql,
                      const char *needle, const char *msg)
{
    expect_count(v, rule, 1);
    expect_nth_at(v, rule, 0, severity, sql, needle, msg);
}

/*
 * The policy effect on one warning rule, for an operation that is otherwise
 * valid and draws `rule` exactly once: by default a warning that does not
 * deny; "off" removes it (and nothing else changes); "error" denies.
 */
static void expect_policy_effect(const char *rule, const char *kind, const char *sql,
                                 const char *params, const char *tables)
{
    sg_verdict *v = check_op(kind, sql, params, tables, NULL);
    expect_count(v, rule, 1);
    assert_int_equal(find_rule(v, rule, 0)->severity, SG_SEVERITY_WARNING);
    expect_allowed(v, true);
    size_t total = sg_verdict_diagnostic_count(v);
    sg_verdict_free(v);

    char json[256];
    snprintf(json, sizeof json, "{\"version\":1,\"rules\":{\"%s\":\"off\"}}", rule);
    sg_policy *p = load_policy(json);
    v = check_op(kind, sql, params, tables, p);
    expect_none(v, rule);
    assert_int_equal(sg_verdict_diagnostic_count(v), total - 1);
    expect_allowed(v, true);
    sg_verdict_free(v);
    sg_policy_free(p);

    snprintf(json, sizeof json, "{\"rules\":{\"%s\":{\"severity\":\"error\"}}}", rule);
    p = load_policy(json);
    v = check_op(kind, sql, params, tables, p);
    expect_count(v, rule, 1);
    assert_int_equal(find_rule(v, rule, 0)->severity, SG_SEVERITY_ERROR);
    expect_allowed(v, false);
    sg_verdict_free(v);
    sg_policy_free(p);

    snprintf(json, sizeof json, "{\"rules\":{\"%s\":\"error\"}}", rule);
    p = load_policy(json);
    v = check_op(kind, sql, params, tables, p);
    assert_int_equal(find_rule(v, rule, 0)->severity, SG_SEVERITY_ERROR);
    expect_allowed(v, false);
    sg_verdict_free(v);
    sg_policy_free(p);
}

/* ---- style.select-star ---------------------------------------------------------------------- */

#define STAR_MSG "SELECT * returns whatever columns the table has; name the columns"

static void test_rules__select_star_top_level(void **state)
{
    (void)state;
    const char *sql = "SELECT *\nFROM sdk_examples_account\nORDER BY uid";
    sg_verdict *v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "style.select-star", SG_SEVERITY_WARNING, sql, "*", STAR_MSG);
    const sg_diagnostic *d = find_rule(v, "style.select-star", 0);
    assert_int_equal(d->line, 1);
    assert_int_equal(d->column, 8);
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* every branch of a top-level set operation is the result */
    sql = "SELECT * FROM sdk_examples_account\nUNION ALL\nSELECT * FROM sdk_examples_account\n"
          "ORDER BY uid";
    v = select_account(sql, NO_PARAMS, NULL);
    assert_non_null(find_rule(v, "style.select-star", 0));
    d = find_rule(v, "style.select-star", 1);
    assert_non_null(d);
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 8);
    assert_null(find_rule(v, "style.select-star", 2));
    sg_verdict_free(v);

    /* t.* on a later line, after a named column */
    sql = "SELECT acc.uid,\n       acc.*\nFROM sdk_examples_account AS acc\nORDER BY acc.uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "style.select-star", SG_SEVERITY_WARNING, sql, "acc.*", STAR_MSG);
    d = find_rule(v, "style.select-star", 0);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 8);
    sg_verdict_free(v);

    /* both forms in one list: one warning each; a placeholder before them
     * (`%(tag)s` is `$1` in the compiled SQL) does not shift the location */
    sql = "SELECT %(tag)s AS tag, *, acc.* FROM sdk_examples_account acc "
          "WHERE region = %(region)s ORDER BY uid";
    v = select_account(sql, "{\"tag\":\"t\",\"region\":\"US\"}", NULL);
    expect_count(v, "style.select-star", 2);
    expect_nth_at(v, "style.select-star", 0, SG_SEVERITY_WARNING, sql, "*,", STAR_MSG);
    expect_nth_at(v, "style.select-star", 1, SG_SEVERITY_WARNING, sql, "acc.*", STAR_MSG);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* the top level of a statement with a WITH list, DISTINCT, parentheses */
    sql = "WITH regions AS (SELECT DISTINCT region FROM sdk_examples_account)\n"
          "SELECT DISTINCT * FROM sdk_examples_account WHERE region IN (SELECT region FROM "
          "regions) ORDER BY uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "style.select-star", SG_SEVERITY_WARNING, sql, "*", STAR_MSG);
    sg_verdict_free(v);
    sql = "(SELECT * FROM sdk_examples_account ORDER BY uid)";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "style.select-star", SG_SEVERITY_WARNING, sql, "*", STAR_MSG);
    sg_verdict_free(v);
}

static void test_rules__select_star_not_in_count_or_nested_queries(void **state)
{
    (void)state;
    static const char *const account_only[] = {
        /* a named column list */
        "SELECT uid, account_code, name, region FROM sdk_examples_account ORDER BY uid",
        /* count(*) is not a star in the target list */
        "SELECT count(*) FROM sdk_examples_account",
        "SELECT uid, count(*) OVER () AS n FROM sdk_examples_account ORDER BY uid",
        /* a subquery in FROM */
        "SELECT s.uid FROM (SELECT * FROM sdk_examples_account) AS s ORDER BY s.uid",
        /* a CTE body */
        "WITH c AS (SELECT * FROM sdk_examples_account)\nSELECT uid FROM c ORDER BY uid",
        /* a scalar subquery and IN (...) */
        "SELECT uid, (SELECT count(*) FROM (SELECT * FROM sdk_examples_account) AS x) AS n\n"
        "FROM sdk_examples_account WHERE uid IN (SELECT uid FROM (SELECT * FROM "
        "sdk_examples_account) AS y) ORDER BY uid",
    };
    for (size_t i = 0; i < sizeof account_only / sizeof account_only[0]; i++) {
        sg_verdict *v = select_account(account_only[i], NO_PARAMS, NULL);
        expect_clean(v);
        sg_verdict_free(v);
    }

    /* inside EXISTS (...) */
    sg_verdict *v = check_op("select",
                             "SELECT a.uid FROM sdk_examples_account AS a\n"
                             "WHERE EXISTS (SELECT * FROM sdk_examples_counterparty AS c "
                             "WHERE c.uid = a.uid)\nORDER BY a.uid",
                             NO_PARAMS, ACCOUNT_READ "," COUNTERPARTY_READ, NULL);
    expect_clean(v);
    sg_verdict_free(v);

    /* the SELECT of an INSERT ... SELECT is not a result */
    v = check_op("insert",
                 "INSERT INTO sdk_examples_account (uid, account_code, name, region)\n"
                 "SELECT * FROM (SELECT uid, name, name, %(region)s FROM "
                 "sdk_examples_counterparty) AS src",
                 "{\"region\":\"US\"}", ACCOUNT_WRITE "," COUNTERPARTY_READ, NULL);
    expect_clean(v);
    sg_verdict_free(v);
}

static void test_rules__select_star_policy(void **state)
{
    (void)state;
    expect_policy_effect("style.select-star", "select",
                         "SELECT * FROM sdk_examples_account ORDER BY uid", NO_PARAMS,
                         ACCOUNT_READ);
}

/* ---- style.insert-column-list --------------------------------------------------------------- */

#define INSERT_MSG "INSERT without a column list binds values by position; name the columns"
#define INSERT_PARAMS                                                                              \
    "{\"uid\":\"7d2b6a0e-1111-4c8e-9f61-2a7d4e9b1c99\",\"code\":\"ACC-9\",\"name\":\"Nine\","      \
    "\"region\":\"US\"}"

static void test_rules__insert_column_list_values(void **state)
{
    (void)state;
    const char *sql = "INSERT INTO sdk_examples_account\n"
                      "VALUES (%(uid)s, %(code)s, %(name)s, %(region)s)";
    sg_verdict *v = check_op("insert", sql, INSERT_PARAMS, ACCOUNT_WRITE, NULL);
    expect_at(v, "style.insert-column-list", SG_SEVERITY_WARNING, sql, "sdk_examples_account",
              INSERT_MSG);
    const sg_diagnostic *d = find_rule(v, "style.insert-column-list", 0);
    assert_int_equal(d->line, 1);
    assert_int_equal(d->column, 13);
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* the target on its own line, behind a CTE with a placeholder */
    sql = "WITH src AS (SELECT %(uid)s AS uid)\n"
          "INSERT INTO\n"
          "    public.sdk_examples_account\n"
          "SELECT uid, %(code)s, %(name)s, %(region)s FROM src";
    v = check_op("insert", sql, INSERT_PARAMS, ACCOUNT_WRITE, NULL);
    expect_at(v, "style.insert-column-list", SG_SEVERITY_WARNING, sql,
              "public.sdk_examples_account", INSERT_MSG);
    d = find_rule(v, "style.insert-column-list", 0);
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 5);
    expect_allowed(v, true);
    sg_verdict_free(v);
}

static void test_rules__insert_column_list_select(void **state)
{
    (void)state;
    const char *sql = "INSERT INTO sdk_examples_account SELECT c.uid, c.name, c.name, %(region)s\n"
                      "FROM sdk_examples_counterparty AS c";
    sg_verdict *v =
        check_op("insert", sql, "{\"region\":\"US\"}", ACCOUNT_WRITE "," COUNTERPARTY_READ, NULL);
    expect_at(v, "style.insert-column-list", SG_SEVERITY_WARNING, sql, "sdk_examples_account",
              INSERT_MSG);
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* an INSERT in a data-modifying CTE is judged too; the outer one names
     * its columns */
    sql = "WITH added AS (\n"
          "  INSERT INTO sdk_examples_account VALUES (%(uid)s, %(code)s, %(name)s, %(region)s)\n"
          "  RETURNING uid\n"
          ")\n"
          "INSERT INTO sdk_examples_account_limit (uid, account_uid, limit_type, currency)\n"
          "SELECT %(limit_uid)s, uid, %(type)s, %(currency)s FROM added";
    v = check_op("insert", sql,
                 "{\"uid\":\"7d2b6a0e-1111-4c8e-9f61-2a7d4e9b1c99\",\"code\":\"ACC-9\","
                 "\"name\":\"Nine\",\"region\":\"US\","
                 "\"limit_uid\":\"7d2b6a0e-2222-4c8e-9f61-2a7d4e9b1c99\",\"type\":\"daily\","
                 "\"currency\":\"USD\"}",
                 ACCOUNT_WRITE "," LIMIT_WRITE, NULL);
    expect_at(v, "style.insert-column-list", SG_SEVERITY_WARNING, sql,
              "sdk_examples_account VALUES", INSERT_MSG);
    const sg_diagnostic *d = find_rule(v, "style.insert-column-list", 0);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 15);
    expect_allowed(v, true);
    sg_verdict_free(v);
}

static void test_rules__insert_column_list_silent_with_columns_or_defaults(void **state)
{
    (void)state;
    sg_verdict *v = check_op("insert",
                             "INSERT INTO sdk_examples_account (uid, account_code, name, region)\n"
                             "VALUES (%(uid)s, %(code)s, %(name)s, %(region)s)",
                             INSERT_PARAMS, ACCOUNT_WRITE, NULL);
    expect_clean(v);
    sg_verdict_free(v);

    /* DEFAULT VALUES names no column: no style finding (the table's NOT NULL
     * columns without defaults are insert.not-null-missing's) */
    v = check_op("insert", "INSERT INTO sdk_examples_account DEFAULT VALUES", NO_PARAMS,
                 ACCOUNT_WRITE, NULL);
    expect_none(v, "style.insert-column-list");
    expect_count(v, "insert.not-null-missing", 1);
    sg_verdict_free(v);

    v = check_op("insert",
                 "INSERT INTO sdk_examples_account (uid, account_code, name, region)\n"
                 "SELECT uid, name, name, %(region)s FROM sdk_examples_counterparty\n"
                 "ON CONFLICT (uid) DO NOTHING RETURNING uid",
                 "{\"region\":\"US\"}", ACCOUNT_WRITE "," COUNTERPARTY_READ, NULL);
    expect_clean(v);
    sg_verdict_free(v);
}

static void test_rules__insert_column_list_policy(void **state)
{
    (void)state;
    expect_policy_effect("style.insert-column-list", "insert",
                         "INSERT INTO sdk_examples_account VALUES (%(uid)s, %(code)s, %(name)s, "
                         "%(region)s)",
                         INSERT_PARAMS, ACCOUNT_WRITE);
}

/* ---- style.literal-in-predicate ------------------------------------------------------------- */

#define STRING_MSG                                                                                 \
    "a string literal is compared with a column: user input belongs in bound parameters"
#define NUMBER_MSG                                                                                 \
    "a number literal is compared with a column: user input belongs in bound parameters"

static void test_rules__literal_in_predicate_column_and_literal(void **state)
{
    (void)state;
    const char *sql = "SELECT uid FROM sdk_examples_account\nWHERE region = 'US'\nORDER BY uid";
    sg_verdict *v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "style.literal-in-predicate", SG_SEVERITY_WARNING, sql, "'US'", STRING_MSG);
    const sg_diagnostic *d = find_rule(v, "style.literal-in-predicate", 0);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 16);
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* the literal on the left */
    sql = "SELECT uid FROM sdk_examples_account\nWHERE 'US' = a.region\nORDER BY uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "style.literal-in-predicate", SG_SEVERITY_WARNING, sql, "'US'", STRING_MSG);
    sg_verdict_free(v);

    /* numbers, after a placeholder that shortens the compiled SQL */
    sql = "SELECT uid FROM ledger.sdk_examples_entry\n"
          "WHERE account_uid = %(account)s AND amount > 42 AND 1.5 <= amount\nORDER BY uid";
    v = check_op("select", sql, "{\"account\":\"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b99\"}",
                 ENTRY_READ, NULL);
    expect_count(v, "style.literal-in-predicate", 2);
    expect_nth_at(v, "style.literal-in-predicate", 0, SG_SEVERITY_WARNING, sql, "42", NUMBER_MSG);
    expect_nth_at(v, "style.literal-in-predicate", 1, SG_SEVERITY_WARNING, sql, "1.5", NUMBER_MSG);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* IS DISTINCT FROM a literal, in a subquery, and in an UPDATE's WHERE */
    sql = "SELECT uid FROM sdk_examples_account AS a\n"
          "WHERE EXISTS (SELECT 1 FROM sdk_examples_counterparty AS c WHERE c.name = 'Acme')\n"
          "  AND a.region IS DISTINCT FROM 'EU'\n"
          "ORDER BY uid";
    v = check_op("select", sql, NO_PARAMS, ACCOUNT_READ "," COUNTERPARTY_READ, NULL);
    expect_count(v, "style.literal-in-predicate", 2);
    expect_nth_at(v, "style.literal-in-predicate", 0, SG_SEVERITY_WARNING, sql, "'Acme'",
                  STRING_MSG);
    expect_nth_at(v, "style.literal-in-predicate", 1, SG_SEVERITY_WARNING, sql, "'EU'", STRING_MSG);
    sg_verdict_free(v);

    /* columns count characters, offsets bytes: 'e-acute euro' is 2 characters
     * in 5 bytes before 'US' */
    sql = "SELECT uid FROM sdk_examples_account WHERE name = '\xc3\xa9\xe2\x82\xac' AND "
          "region = 'US' ORDER BY uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_count(v, "style.literal-in-predicate", 2);
    d = find_rule(v, "style.literal-in-predicate", 0);
    assert_int_equal(d->offset, 50);
    assert_int_equal(d->column, 51);
    d = find_rule(v, "style.literal-in-predicate", 1);
    assert_int_equal(d->offset, 71);
    assert_int_equal(d->line, 1);
    assert_int_equal(d->column, 69);
    sg_verdict_free(v);

    sql = "UPDATE sdk_examples_account SET name = %(name)s WHERE region = 'US'";
    v = check_op("update", sql, "{\"name\":\"n\"}", ACCOUNT_WRITE, NULL);
    expect_at(v, "style.literal-in-predicate", SG_SEVERITY_WARNING, sql, "'US'", STRING_MSG);
    expect_allowed(v, true);
    sg_verdict_free(v);
}

static void test_rules__literal_in_predicate_like_and_cast(void **state)
{
    (void)state;
    /* `%%` is psycopg's escape for `%`: the compiled SQL holds 'a%', one byte
     * shorter, so 'US' after it must still be placed in the original text */
    const char *sql = "SELECT uid FROM sdk_examples_account\n"
                      "WHERE name LIKE 'a%%' AND region = 'US' AND name ILIKE '%%b%%'\n"
                      "ORDER BY uid";
    sg_verdict *v = select_account(sql, NO_PARAMS, NULL);
    expect_count(v, "style.literal-in-predicate", 3);
    expect_nth_at(v, "style.literal-in-predicate", 0, SG_SEVERITY_WARNING, sql, "'a%%'",
                  STRING_MSG);
    expect_nth_at(v, "style.literal-in-predicate", 1, SG_SEVERITY_WARNING, sql, "'US'", STRING_MSG);
    expect_nth_at(v, "style.literal-in-predicate", 2, SG_SEVERITY_WARNING, sql, "'%%b%%'",
                  STRING_MSG);
    const sg_diagnostic *d = find_rule(v, "style.literal-in-predicate", 1);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 36);
    assert_string_equal(sg_verdict_compiled_sql(v),
                        "SELECT uid FROM public.sdk_examples_account\n"
                        "WHERE name LIKE 'a%' AND region = 'US' AND name ILIKE '%b%'\n"
                        "ORDER BY uid");
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* a cast literal is still a literal (the guard does not type columns) */
    sql = "SELECT uid FROM sdk_examples_account WHERE region = '2024-01-01'::date ORDER BY uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "style.literal-in-predicate", SG_SEVERITY_WARNING, sql, "'2024-01-01'",
              STRING_MSG);
    sg_verdict_free(v);

    sql = "SELECT uid FROM sdk_examples_account WHERE CAST('7' AS int) < uid ORDER BY uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "style.literal-in-predicate", SG_SEVERITY_WARNING, sql, "'7'", STRING_MSG);
    sg_verdict_free(v);
}

static void test_rules__literal_in_predicate_silent(void **state)
{
    (void)state;
    static const char *const where[] = {
        "region = %(region)s",
        "%(region)s = region",
        "region = %(region)s::text",
        "region IS NULL",
        "region IS NOT NULL",
        "name = true", /* a boolean constant is no user input */
        "name <> false",
        "name = region", /* two columns */
        "a.name = a.region",
        "length('x') = 2", /* no column */
        "length(%(region)s) = 2",
        "'a' = 'a'",
        "region = NULL", /* NULL comparisons */
        "NULL = region",
        "region IS DISTINCT FROM NULL",
        "NULL IS NOT DISTINCT FROM region",
    };
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT uid FROM sdk_examples_account AS a WHERE %s ORDER BY uid",
                 where[i]);
        const char *params = strstr(sql, "%(region)s") ? "{\"region\":\"US\"}" : NO_PARAMS;
        sg_verdict *v = select_account(sql, params, NULL);
        if (count_rule(v, "style.literal-in-predicate") != 0 || !sg_verdict_allowed(v)) {
            dump(v);
            fail_msg("WHERE %s: expected no style.literal-in-predicate", where[i]);
        }
        expect_clean(v);
        sg_verdict_free(v);
    }

    /* SET name = 'x' is an assignment, not a predicate */
    sg_verdict *v = check_op("update",
                             "UPDATE sdk_examples_account SET name = 'x', region = 'US' "
                             "WHERE account_code = %(code)s",
                             "{\"code\":\"ACC-1\"}", ACCOUNT_WRITE, NULL);
    expect_clean(v);
    sg_verdict_free(v);
}

static void test_rules__literal_in_predicate_policy(void **state)
{
    (void)state;
    expect_policy_effect("style.literal-in-predicate", "select",
                         "SELECT uid FROM sdk_examples_account WHERE name LIKE 'a%%' ORDER BY uid",
                         NO_PARAMS, ACCOUNT_READ);
}

/* ---- paginate.limit-without-order-by -------------------------------------------------------- */

#define SUBQUERY_LIMIT_MSG "a subquery's LIMIT/OFFSET/FETCH without ORDER BY picks arbitrary rows"
#define TOP_LIMIT_MSG "the statement's LIMIT/OFFSET/FETCH without ORDER BY picks arbitrary rows"

/* The location is that of the query level's SELECT; a SelectStmt carries
 * none in PostgreSQL's raw tree, so the walker points at the first item of
 * its target list (its first located node). */
static void test_rules__limit_without_order_by_in_subquery(void **state)
{
    (void)state;
    const char *sql = "SELECT s.uid\n"
                      "FROM (SELECT a.uid FROM sdk_examples_account AS a LIMIT 5) AS s\n"
                      "ORDER BY s.uid";
    sg_verdict *v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT 5",
              SUBQUERY_LIMIT_MSG);
    const sg_diagnostic *d = find_rule(v, "paginate.limit-without-order-by", 0);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 51);
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* OFFSET alone */
    sql = "SELECT s.uid FROM (SELECT uid FROM sdk_examples_account OFFSET 5) AS s ORDER BY s.uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "OFFSET 5",
              SUBQUERY_LIMIT_MSG);
    sg_verdict_free(v);

    /* both, the count after the offset: the keyword before the count; a
     * comment that says limit is no keyword */
    sql = "SELECT s.uid FROM (SELECT uid FROM sdk_examples_account /* limit */ OFFSET 5 LIMIT 2)"
          " AS s ORDER BY s.uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT 2",
              SUBQUERY_LIMIT_MSG);
    sg_verdict_free(v);

    /* FETCH FIRST ROW ONLY has no value of its own: the select's first output */
    sql = "SELECT s.uid FROM (SELECT uid FROM sdk_examples_account FETCH FIRST ROW ONLY) AS s "
          "ORDER BY s.uid";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "uid FROM sdk",
              SUBQUERY_LIMIT_MSG);
    sg_verdict_free(v);

    /* FETCH FIRST, in an IN (...) subquery after a placeholder */
    sql = "SELECT uid FROM sdk_examples_account\n"
          "WHERE region = %(region)s AND uid IN (\n"
          "  SELECT account_uid FROM ledger.sdk_examples_entry FETCH FIRST 5 ROWS ONLY)\n"
          "ORDER BY uid";
    v = check_op("select", sql, "{\"region\":\"US\"}", ACCOUNT_READ "," ENTRY_READ, NULL);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "FETCH FIRST 5",
              SUBQUERY_LIMIT_MSG);
    d = find_rule(v, "paginate.limit-without-order-by", 0);
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 53);
    expect_allowed(v, true);
    sg_verdict_free(v);
}

static void test_rules__limit_without_order_by_in_cte(void **state)
{
    (void)state;
    const char *sql = "WITH firsts AS (\n"
                      "  SELECT uid FROM sdk_examples_account LIMIT %(n)s\n"
                      ")\n"
                      "SELECT uid FROM firsts ORDER BY uid";
    sg_verdict *v = select_account(sql, "{\"n\":5}", NULL);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT %(n)s",
              SUBQUERY_LIMIT_MSG);
    const sg_diagnostic *d = find_rule(v, "paginate.limit-without-order-by", 0);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 40);
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* the SELECT of an INSERT ... SELECT is a query level of its own */
    sql = "INSERT INTO sdk_examples_account (uid, account_code, name, region)\n"
          "SELECT uid, name, name, %(region)s FROM sdk_examples_counterparty LIMIT 5";
    v = check_op("insert", sql, "{\"region\":\"US\"}", ACCOUNT_WRITE "," COUNTERPARTY_READ, NULL);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT 5",
              SUBQUERY_LIMIT_MSG);
    expect_none(v, "paginate.order-by-required");
    expect_allowed(v, true);
    sg_verdict_free(v);
}

static void test_rules__limit_without_order_by_silent_with_order_by(void **state)
{
    (void)state;
    static const char *const sqls[] = {
        "SELECT uid FROM sdk_examples_account ORDER BY uid LIMIT 5 OFFSET 10",
        "SELECT uid FROM sdk_examples_account ORDER BY uid FETCH FIRST 5 ROWS ONLY",
        "SELECT s.uid FROM (SELECT uid FROM sdk_examples_account ORDER BY uid LIMIT 5) AS s "
        "ORDER BY s.uid",
        "WITH firsts AS (SELECT uid FROM sdk_examples_account ORDER BY uid OFFSET 5)\n"
        "SELECT uid FROM firsts ORDER BY uid",
        /* no LIMIT anywhere */
        "SELECT s.uid FROM (SELECT uid FROM sdk_examples_account) AS s ORDER BY s.uid",
        /* the outer ORDER BY belongs to another level; here the set operation
         * level has both */
        "(SELECT uid FROM sdk_examples_account ORDER BY uid LIMIT 2)\n"
        "UNION ALL\n"
        "(SELECT uid FROM sdk_examples_account ORDER BY uid DESC LIMIT 2)\n"
        "ORDER BY uid LIMIT 3",
    };
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
        sg_verdict *v = select_account(sqls[i], NO_PARAMS, NULL);
        expect_clean(v);
        sg_verdict_free(v);
    }
}

/* ---- pagination: one statement, one finding ----------------------------------------------- */

#define ORDER_MSG "has no top-level ORDER BY, so its pages are not stable"
#define LIMIT_SUFFIX "(LIMIT without ORDER BY picks arbitrary rows)"

/* A select whose top level is limited but unordered draws exactly one
 * finding, paginate.order-by-required, on the clause's first keyword. */
static void expect_one_finding_at(const sg_verdict *v, const char *sql, const char *needle,
                                  const char *msg)
{
    expect_at(v, "paginate.order-by-required", SG_SEVERITY_ERROR, sql, needle, msg);
    expect_none(v, "paginate.limit-without-order-by");
    if (sg_verdict_diagnostic_count(v) != 1) {
        dump(v);
        fail_msg("expected one finding for \"%s\"", sql);
    }
    expect_allowed(v, false);
}

static void test_rules__pagination_one_finding_at_the_limit(void **state)
{
    (void)state;
    static const struct {
        const char *sql, *needle, *msg;
    } cases[] = {
        {"SELECT uid FROM sdk_examples_account LIMIT 5", "LIMIT", LIMIT_SUFFIX},
        {"SELECT uid\nFROM sdk_examples_account\nLIMIT 10", "LIMIT", LIMIT_SUFFIX},
        {"SELECT uid FROM sdk_examples_account LIMIT ALL", "LIMIT", LIMIT_SUFFIX},
        {"SELECT uid FROM sdk_examples_account OFFSET 5", "OFFSET", ORDER_MSG},
        {"SELECT uid FROM sdk_examples_account FETCH FIRST 5 ROWS ONLY", "FETCH", LIMIT_SUFFIX},
        /* FETCH without a count: PostgreSQL gives its value no place */
        {"SELECT uid FROM sdk_examples_account FETCH NEXT ROW ONLY", "FETCH", LIMIT_SUFFIX},
        {"SELECT uid FROM sdk_examples_account OFFSET 5 ROWS FETCH FIRST 5 ROWS ONLY", "OFFSET",
         LIMIT_SUFFIX},
        /* the clause's first keyword, whichever it is */
        {"SELECT uid FROM sdk_examples_account LIMIT 5 OFFSET 10", "LIMIT", LIMIT_SUFFIX},
        {"SELECT uid FROM sdk_examples_account OFFSET 10 LIMIT 5", "OFFSET", LIMIT_SUFFIX},
        /* lower case, a comment and parentheses between keyword and value */
        {"select uid from sdk_examples_account limit /* page */ (5)", "limit", LIMIT_SUFFIX},
        /* row locks may follow the clause */
        {"SELECT uid FROM sdk_examples_account LIMIT 5 FOR UPDATE", "LIMIT", LIMIT_SUFFIX},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_verdict *v = check_op("select", cases[i].sql, NO_PARAMS, ACCOUNT_WRITE, NULL);
        /* FOR UPDATE in a select operation is also op.kind-mismatch */
        if (strstr(cases[i].sql, "FOR UPDATE")) {
            expect_at(v, "paginate.order-by-required", SG_SEVERITY_ERROR, cases[i].sql,
                      cases[i].needle, cases[i].msg);
            expect_none(v, "paginate.limit-without-order-by");
        } else {
            expect_one_finding_at(v, cases[i].sql, cases[i].needle, cases[i].msg);
        }
        sg_verdict_free(v);
    }
}

static void test_rules__pagination_placeholders_and_nesting(void **state)
{
    (void)state;
    /* the caret maps back through placeholders to the caller's LIMIT */
    const char *sql = "SELECT uid FROM sdk_examples_account WHERE region = %(region)s\n"
                      "LIMIT %(limit)s OFFSET %(offset)s";
    sg_verdict *v = select_account(sql, "{\"region\":\"US\",\"limit\":5,\"offset\":0}", NULL);
    expect_one_finding_at(v, sql, "LIMIT", LIMIT_SUFFIX);
    sg_verdict_free(v);

    /* a LIMIT inside the top level's value or FROM is not the top level's */
    sql = "SELECT s.uid FROM (SELECT uid FROM sdk_examples_account LIMIT 5) AS s LIMIT 3";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "paginate.order-by-required", SG_SEVERITY_ERROR, sql, "LIMIT 3", LIMIT_SUFFIX);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT 5",
              SUBQUERY_LIMIT_MSG);
    assert_int_equal(sg_verdict_diagnostic_count(v), 2);
    sg_verdict_free(v);

    sql = "SELECT uid FROM sdk_examples_account\n"
          "LIMIT (SELECT count(*) FROM sdk_examples_account LIMIT 1)";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "paginate.order-by-required", SG_SEVERITY_ERROR, sql, "LIMIT (", LIMIT_SUFFIX);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT 1)",
              SUBQUERY_LIMIT_MSG);
    sg_verdict_free(v);

    /* a limited set operation without ORDER BY at its own level */
    sql = "SELECT uid FROM sdk_examples_account UNION SELECT uid FROM sdk_examples_counterparty "
          "OFFSET 5";
    v = check_op("select", sql, NO_PARAMS, ACCOUNT_READ "," COUNTERPARTY_READ, NULL);
    expect_one_finding_at(v, sql, "OFFSET", ORDER_MSG);
    sg_verdict_free(v);

    /* an ordered top level keeps the nested level's warning, and draws no error */
    sql = "SELECT s.uid FROM (SELECT uid FROM sdk_examples_account LIMIT 5) AS s "
          "ORDER BY s.uid LIMIT 3";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_none(v, "paginate.order-by-required");
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT 5",
              SUBQUERY_LIMIT_MSG);
    expect_allowed(v, true);
    sg_verdict_free(v);

    /* without a LIMIT the finding stays on the statement */
    sql = "\n  SELECT uid FROM sdk_examples_account";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_one_finding_at(v, sql, "SELECT", ORDER_MSG);
    sg_verdict_free(v);
}

static void test_rules__pagination_top_warning_when_order_by_required_is_silent(void **state)
{
    (void)state;
    /* turned off by the policy: the warning says it, and does not deny */
    sg_policy *p = load_policy("{\"rules\":{\"paginate.order-by-required\":\"off\"}}");
    const char *sql = "SELECT uid\nFROM sdk_examples_account\nLIMIT 10";
    sg_verdict *v = select_account(sql, NO_PARAMS, p);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT 10",
              TOP_LIMIT_MSG);
    expect_none(v, "paginate.order-by-required");
    expect_allowed(v, true);
    sg_verdict_free(v);
    sg_policy_free(p);

    /* made a warning, it still reports, so the LIMIT is said once */
    p = load_policy("{\"rules\":{\"paginate.order-by-required\":\"warning\"}}");
    v = select_account(sql, NO_PARAMS, p);
    expect_at(v, "paginate.order-by-required", SG_SEVERITY_WARNING, sql, "LIMIT", LIMIT_SUFFIX);
    expect_none(v, "paginate.limit-without-order-by");
    sg_verdict_free(v);
    sg_policy_free(p);

    /* one row at most: no ORDER BY needed, and the LIMIT picks nothing */
    static const char *const one_row[] = {
        "SELECT max(uid) FROM sdk_examples_account LIMIT 1",
        "SELECT uid, name FROM sdk_examples_account WHERE uid = %(uid)s LIMIT 1",
        "SELECT a.name FROM sdk_examples_account AS a WHERE a.account_code = 'x' FETCH FIRST 1 "
        "ROW ONLY",
    };
    for (size_t i = 0; i < sizeof one_row / sizeof one_row[0]; i++) {
        v = select_account(one_row[i], "{\"uid\":\"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\"}", NULL);
        expect_none(v, "paginate.order-by-required");
        expect_none(v, "paginate.limit-without-order-by");
        sg_verdict_free(v);
    }
    /* a limited subquery of a key lookup still picks arbitrary rows */
    sql = "SELECT name FROM sdk_examples_account WHERE uid = (SELECT uid FROM "
          "sdk_examples_account LIMIT 1)";
    v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "paginate.limit-without-order-by", SG_SEVERITY_WARNING, sql, "LIMIT 1",
              SUBQUERY_LIMIT_MSG);
    sg_verdict_free(v);
}

static void test_rules__pagination_lint_one_finding(void **state)
{
    (void)state;
    const char *sql = "SELECT uid FROM sdk_examples_account\nWHERE region = %(r)s\nLIMIT 5";
    sg_verdict *v = NULL;
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.profile = SG_LINT_PROFILE_STRICT;
    assert_int_equal(sg_lint_sql(catalog, sql, strlen(sql), &lo, &v), SG_OK);
    expect_one_finding_at(v, sql, "LIMIT", LIMIT_SUFFIX);
    assert_int_equal(sg_verdict_diagnostic(v, 0)->line, 3);
    assert_int_equal(sg_verdict_diagnostic(v, 0)->column, 1);
    sg_verdict_free(v);

    /* the repository profile, lint's default, makes it a warning */
    assert_int_equal(sg_lint_sql(catalog, sql, strlen(sql), NULL, &v), SG_OK);
    expect_at(v, "paginate.order-by-required", SG_SEVERITY_WARNING, sql, "LIMIT", LIMIT_SUFFIX);
    expect_none(v, "paginate.limit-without-order-by");
    expect_allowed(v, true);
    sg_verdict_free(v);
}

static void test_rules__limit_without_order_by_policy(void **state)
{
    (void)state;
    expect_policy_effect("paginate.limit-without-order-by", "select",
                         "SELECT s.uid FROM (SELECT uid FROM sdk_examples_account LIMIT 5) AS s "
                         "ORDER BY s.uid",
                         NO_PARAMS, ACCOUNT_READ);
}

/* ---- paginate.order-by-unique --------------------------------------------------------------- */

#define UNIQUE_MSG                                                                                 \
    "the ORDER BY does not include a unique key (such as uid), so rows that tie can move "         \
    "between pages"

static void test_rules__order_by_unique_not_unique(void **state)
{
    (void)state;
    /* reported at the statement, after leading whitespace */
    const char *sql = "\n  SELECT uid, name\n  FROM sdk_examples_account\n  ORDER BY name";
    sg_verdict *v = select_account(sql, NO_PARAMS, NULL);
    expect_at(v, "paginate.order-by-unique", SG_SEVERITY_WARNING, sql, "SELECT", UNIQUE_MSG);
    const sg_diagnostic *d = find_rule(v, "paginate.order-by-unique", 0);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 3);
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    expect_allowed(v, true);
    sg_verdict_free(v);

    static const char *const sqls[] = {
        "SELECT uid, name FROM sdk_examples_account ORDER BY name DESC, region",
        "SELECT uid FROM sdk_examples_account AS a ORDER BY a.region, a.name",
        /* a position or an output name whose expression is not a key column */
        "SELECT name, uid FROM sdk_examples_account ORDER BY 1",
        "SELECT name AS uid FROM sdk_examples_account ORDER BY uid",
        "SELECT lower(account_code) AS account_code FROM sdk_examples_account ORDER BY "
        "account_code",
        "SELECT uid, name FROM sdk_examples_account ORDER BY region || ''",
        /* an expression over a key is not the key */
        "SELECT uid FROM sdk_examples_account ORDER BY lower(account_code)",
        /* only part of what would be needed */
        "SELECT uid FROM sdk_examples_account ORDER BY region LIMIT 10",
    };
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
        v = select_account(sqls[i], NO_PARAMS, NULL);
        expect_at(v, "paginate.order-by-unique", SG_SEVERITY_WARNING, sqls[i], "SELECT",
                  UNIQUE_MSG);
        expect_allowed(v, true);
        sg_verdict_free(v);
    }
}

static void test_rules__order_by_unique_silent_with_a_key(void **state)
{
    (void)state;
    static const char *const sqls[] = {
        "SELECT uid, name FROM sdk_examples_account ORDER BY account_code", /* unique */
        "SELECT uid, name FROM sdk_examples_account ORDER BY region, uid",  /* primary key */
        "SELECT name FROM sdk_examples_account AS a ORDER BY a.name DESC, a.account_code",
        "SELECT name FROM sdk_examples_account ORDER BY uid LIMIT 10 OFFSET 20",
        /* by position, by output name, through an alias */
        "SELECT uid FROM sdk_examples_account ORDER BY 1",
        "SELECT name, account_code FROM sdk_examples_account ORDER BY 1, 2",
        "SELECT uid AS id, name FROM sdk_examples_account ORDER BY id",
        "SELECT a.account_code AS code FROM sdk_examples_account AS a ORDER BY code DESC",
        "SELECT name FROM sdk_examples_account AS a ORDER BY name, a.uid",
    };
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
        sg_verdict *v = select_account(sqls[i], NO_PARAMS, NULL);
        expect_clean(v);
        sg_verdict_free(v);
    }
}

static void test_rules__order_by_unique_only_top_level_order_by_of_selects(void **state)
{
    (void)state;
    /* no top-level ORDER BY: order-by-required is the rule that speaks */
    sg_verdict *v = select_account("SELECT name FROM sdk_examples_account", NO_PARAMS, NULL);
    expect_none(v, "paginate.order-by-unique");
    expect_count(v, "paginate.order-by-required", 1);
    sg_verdict_free(v);

    /* an ORDER BY in a subquery only */
    v = select_account("SELECT count(*) FROM (SELECT name FROM sdk_examples_account ORDER BY name)"
                       " AS s",
                       NO_PARAMS, NULL);
    expect_clean(v);
    sg_verdict_free(v);

    /* a subquery's ORDER BY is not judged; the top level's is */
    v = select_account("SELECT s.uid FROM (SELECT uid FROM sdk_examples_account ORDER BY name "
                       "LIMIT 5) AS s ORDER BY s.uid",
                       NO_PARAMS, NULL);
    expect_clean(v);
    sg_verdict_free(v);

    /* not a select operation */
    v = check_op("insert",
                 "INSERT INTO sdk_examples_account (uid, account_code, name, region)\n"
                 "SELECT uid, name, name, %(region)s FROM sdk_examples_counterparty ORDER BY name",
                 "{\"region\":\"US\"}", ACCOUNT_WRITE "," COUNTERPARTY_READ, NULL);
    expect_clean(v);
    sg_verdict_free(v);

    /* Every table of the corpus catalog has a primary key (Sdk_Examples_Audit
     * included), so the "no keys known: no warning" case has no table to
     * show it with and is not tested here. */
}

static void test_rules__order_by_unique_policy(void **state)
{
    (void)state;
    expect_policy_effect("paginate.order-by-unique", "select",
                         "SELECT uid, name FROM sdk_examples_account ORDER BY name", NO_PARAMS,
                         ACCOUNT_READ);
}

/* ---- key lookups: one row, no ORDER BY ------------------------------------------------------ */

#define PAIRS_READ TABLE(PAIRS, "p", "read")
#define NUMBERS_READ TABLE(NUMBERS, "n", "read")
#define HEAP_READ TABLE(HEAP, "h", "read")

/* A select on the keys catalog. */
static sg_verdict *select_keys(const char *sql, const char *params, const char *tables)
{
    return check_in(keys_catalog, "select", sql, params, tables, 50, 1000, NULL);
}

/* Whether paginate.order-by-required reports `sql` on the keys catalog
 * (`one_row`: it must not), and nothing else denies it. */
static void expect_key_lookup(const char *sql, const char *params, const char *tables, bool one_row)
{
    sg_verdict *v = select_keys(sql, params, tables);
    if (count_rule(v, "paginate.order-by-required") != (one_row ? 0u : 1u)) {
        dump(v);
        fail_msg("\"%s\": %s", sql, one_row ? "a key lookup needs no ORDER BY" : "needs one");
    }
    expect_allowed(v, one_row);
    sg_verdict_free(v);
}

static void test_rules__key_lookup_corpus_keys(void **state)
{
    (void)state;
    static const char *const sqls[] = {
        "SELECT uid, name FROM sdk_examples_account WHERE uid = %(k)s",
        "SELECT uid, name FROM sdk_examples_account WHERE account_code = %(k)s",
        "SELECT a.uid FROM sdk_examples_account AS a WHERE %(k)s = a.uid AND a.region <> %(k)s",
        /* ordered by a column that is no key: one row has no ties */
        "SELECT uid, name FROM sdk_examples_account WHERE account_code = %(k)s ORDER BY name",
    };
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
        /* a uuid, which a uid must be and the other columns may hold */
        sg_verdict *v =
            select_account(sqls[i], "{\"k\":\"00000000-0000-0000-0000-0000000000a1\"}", NULL);
        expect_clean(v);
        sg_verdict_free(v);
    }
    /* the same ORDER BY on a select of many rows still draws the warning */
    sg_verdict *v = select_account("SELECT uid, name FROM sdk_examples_account "
                                   "WHERE region = %(k)s ORDER BY name",
                                   "{\"k\":\"EU\"}", NULL);
    expect_count(v, "paginate.order-by-unique", 1);
    sg_verdict_free(v);
}

/* A key column the WHERE pins to one value needs no place in the ORDER BY
 * (a tenant's rows ordered by the rest of the key); a key pinned whole says
 * nothing of the rows it is joined with. */
static void test_rules__order_by_unique_with_pinned_key_columns(void **state)
{
    (void)state;
    static const struct {
        const char *sql;
        unsigned warnings;
    } cases[] = {
        {"SELECT uid FROM pairs WHERE tenant = %(t)s ORDER BY code", 0},
        {"SELECT uid FROM pairs p WHERE p.tenant = %(t)s AND p.code > %(c)s ORDER BY p.code", 0},
        {"SELECT uid FROM pairs WHERE %(t)s = tenant ORDER BY code DESC LIMIT 10", 0},
        {"SELECT uid FROM pairs WHERE tenant > %(t)s ORDER BY code", 1},
        {"SELECT uid FROM pairs WHERE tenant = %(t)s OR code = %(c)s ORDER BY code", 1},
        {"SELECT uid FROM pairs WHERE tenant = %(t)s ORDER BY code::text", 1},
        {"SELECT p.uid FROM pairs p, numbers n WHERE p.uid = %(t)s ORDER BY p.tenant", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_verdict *v =
            select_keys(cases[i].sql, "{\"t\":1,\"c\":\"x\"}", PAIRS_READ "," NUMBERS_READ);
        if (count_rule(v, "paginate.order-by-unique") != cases[i].warnings) {
            dump(v);
            fail_msg("\"%s\": expected %u paginate.order-by-unique", cases[i].sql,
                     cases[i].warnings);
        }
        sg_verdict_free(v);
    }
}

/* column.unlisted: a table the catalog lists no columns for is named once per statement that
 * uses columns, however often the statement names it; the column rules say nothing of it. */
static void test_rules__column_unlisted_once_per_table(void **state)
{
    (void)state;
    sg_verdict *v = select_keys("SELECT p.uid FROM pairs p JOIN pairs q ON q.uid = p.uid "
                                "WHERE p.nosuch = %(t)s ORDER BY p.uid",
                                "{\"t\":1}", PAIRS_READ);
    assert_int_equal(count_rule(v, "column.unlisted"), 1);
    assert_int_equal(count_rule(v, "column.unknown"), 0); /* nothing to judge p.nosuch by */
    assert_true(sg_verdict_allowed(v));                   /* a warning */
    sg_verdict_free(v);

    v = select_keys("SELECT p.uid, n.id FROM pairs p, numbers n WHERE n.id = p.tenant "
                    "ORDER BY p.uid, n.id",
                    "{}", PAIRS_READ "," NUMBERS_READ);
    assert_int_equal(count_rule(v, "column.unlisted"), 2);
    sg_verdict_free(v);

    /* no column named: nothing to say */
    v = select_keys("SELECT count(*) FROM pairs", "{}", PAIRS_READ);
    assert_int_equal(count_rule(v, "column.unlisted"), 0);
    sg_verdict_free(v);

    /* a table that lists its columns is judged, and not named */
    v = check_in(catalog, "select", "SELECT uid FROM sdk_examples_account ORDER BY uid", "{}",
                 ACCOUNT_READ, 50, 1000, NULL);
    assert_true(sg_verdict_allowed(v));
    assert_int_equal(count_rule(v, "column.unlisted"), 0);
    sg_verdict_free(v);
}

static void test_rules__key_lookup_composite_key(void **state)
{
    (void)state;
    const char *params = "{\"t\":1,\"c\":\"x\"}";
    expect_key_lookup("SELECT uid FROM pairs WHERE tenant = %(t)s AND code = %(c)s", params,
                      PAIRS_READ, true);
    expect_key_lookup("SELECT p.uid FROM pairs AS p WHERE p.code = %(c)s AND %(t)s = p.tenant",
                      params, PAIRS_READ, true);
    /* part of the key */
    expect_key_lookup("SELECT uid FROM pairs WHERE tenant = %(t)s", "{\"t\":1}", PAIRS_READ, false);
    expect_key_lookup("SELECT uid FROM pairs WHERE tenant = %(t)s AND code <> %(c)s", params,
                      PAIRS_READ, false);
    /* one column under OR */
    expect_key_lookup("SELECT uid FROM pairs WHERE tenant = %(t)s AND (code = %(c)s OR "
                      "code = %(d)s)",
                      "{\"t\":1,\"c\":\"x\",\"d\":\"y\"}", PAIRS_READ, false);
    /* the key split across two references to the table */
    expect_key_lookup("SELECT p.uid FROM pairs p JOIN pairs q ON q.uid = p.uid "
                      "WHERE p.tenant = %(t)s AND q.code = %(c)s",
                      params, PAIRS_READ, false);
}

/* A key of a type outside pg_catalog (citext, an enum, a domain) pinned to a
 * value cast to that very type compares as the uncast value would: a key
 * lookup. A cast to another type, or of the column, is none. */
static void test_rules__key_lookup_own_type_casts(void **state)
{
    (void)state;
    sg_policy *p = load_policy("{\"rules\":{\"type.denied\":{\"options\":{\"allow\":"
                               "[\"^citext$\",\"^mood$\",\"^handle$\",\"^other$\"]}}}}");
    static const struct {
        const char *sql;
        bool one_row;
    } cases[] = {
        {"SELECT uid FROM people WHERE email = %(v)s", true},
        {"SELECT uid FROM people WHERE email = %(v)s::citext", true},
        {"SELECT uid FROM people WHERE email = CAST(%(v)s AS citext)", true},
        {"SELECT uid FROM people WHERE email = %(v)s::public.citext", true},
        {"SELECT uid FROM people WHERE email = lower(%(v)s)::citext", true},
        {"SELECT uid FROM people WHERE email IN (%(v)s::citext)", true},
        {"SELECT p.uid FROM people AS p WHERE %(v)s::citext = p.email", true},
        {"SELECT uid FROM people WHERE mood = %(v)s::mood", true},
        {"SELECT uid FROM people WHERE mood = %(v)s::public.mood", true},
        {"SELECT uid FROM people WHERE handle = %(v)s::app.handle", true},
        {"WITH x AS (SELECT uid FROM people WHERE email = %(v)s::citext) SELECT uid FROM x", true},
        /* another type than the column's, or in another schema */
        {"SELECT uid FROM people WHERE email = %(v)s::other", false},
        {"SELECT uid FROM people WHERE mood = %(v)s::app.mood", false},
        {"SELECT uid FROM people WHERE handle = %(v)s::handle", false},
        {"SELECT uid FROM people WHERE email = %(v)s::float8", false},
        /* the column cast: text's equality, not the key's */
        {"SELECT uid FROM people WHERE email::text = %(v)s", false},
        /* an array key's element type, and a column that is no key */
        {"SELECT uid FROM people WHERE tag = %(v)s::citext", false},
        {"SELECT uid FROM people WHERE region = %(v)s::citext", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_check_options opts = SG_CHECK_OPTIONS_INIT;
        opts.policy = p;
        sg_verdict *v = check_in(keys_catalog, "select", cases[i].sql, "{\"v\":\"a\"}",
                                 TABLE(PEOPLE, "p", "read"), 50, 1000, &opts);
        if (count_rule(v, "paginate.order-by-required") != (cases[i].one_row ? 0u : 1u)) {
            dump(v);
            fail_msg("\"%s\": %s", cases[i].sql,
                     cases[i].one_row ? "a key lookup needs no ORDER BY" : "needs one");
        }
        sg_verdict_free(v);
    }
    sg_policy_free(p);
}

/* A column of an application's type that no type.denied pattern admits gives its type to a
 * string or parameter in the table's row type, its whole row meeting a value, an array of it
 * and a unifying function's argument: each is type.denied, pointing at the place; the same
 * with the type admitted, and the column's comparisons, are not. */
/* A nested key lookup pinned to an outer column picks from one row, so its LIMIT warns nothing,
 * when the outer item is a top-level table; two levels down, the name may be a level's
 * between (here a numeric `n`, which meets the bigint key inexactly): the warning stays. */
static void test_rules__nested_key_lookup_limit(void **state)
{
    (void)state;
    static const char one_level[] =
        "SELECT k.uid, (SELECT p.code FROM parents AS p WHERE p.n = k.parent_n LIMIT 1) AS c "
        "FROM kids AS k ORDER BY k.uid";
    static const char two_levels[] =
        "SELECT p.uid, (SELECT (SELECT q.uid FROM parents AS q WHERE q.n = p.n LIMIT 1) "
        "FROM (SELECT at AS n FROM parents WHERE code = %(c)s) AS p) AS k "
        "FROM parents AS p ORDER BY p.uid";
    const char *tables = TABLE(PARENTS, "p", "read") "," TABLE(KIDS, "k", "read");
    sg_verdict *v = check_in(keys_catalog, "select", one_level, "{}", tables, 50, 1000, NULL);
    expect_count(v, "paginate.limit-without-order-by", 0);
    sg_verdict_free(v);
    v = check_in(keys_catalog, "select", two_levels, "{\"c\":\"x\"}", tables, 50, 1000, NULL);
    expect_count(v, "paginate.limit-without-order-by", 1);
    sg_verdict_free(v);
}

/* A key cast to itself or to an integer type of another width (or numeric) keeps distinct
 * values distinct, as COLLATE "C" on a text key does: key lookups. A float cast, another
 * collation, or a cast that changes text are not. */
static void test_rules__key_lookup_column_casts_and_collations(void **state)
{
    (void)state;
    static const struct {
        const char *sql;
        bool one_row;
    } cases[] = {
        {"SELECT uid FROM parents WHERE n::bigint = %(v)s", true},
        {"SELECT uid FROM parents WHERE n::int4 = %(v)s", true},
        {"SELECT uid FROM parents WHERE CAST(n AS numeric) = %(v)s", true},
        {"SELECT uid FROM parents WHERE n::text = %(v)s", true},
        {"SELECT uid FROM parents WHERE at::numeric = %(v)s", true},
        {"SELECT uid FROM parents WHERE uid::uuid = %(u)s", true},
        {"SELECT uid FROM parents WHERE code COLLATE \"C\" = %(c)s", true},
        {"SELECT uid FROM parents WHERE code = %(c)s COLLATE pg_catalog.\"POSIX\"", true},
        {"SELECT uid FROM parents WHERE code COLLATE ucs_basic = %(c)s", true},
        {"SELECT uid FROM parents WHERE n::float8 = %(v)s", false},
        {"SELECT uid FROM parents WHERE at::int8 = %(v)s", false},
        {"SELECT uid FROM parents WHERE code::varchar(3) = %(c)s", false},
        {"SELECT uid FROM parents WHERE code COLLATE \"en-x-icu\" = %(c)s", false},
        {"SELECT uid FROM parents WHERE code COLLATE app.nocase = %(c)s", false},
        {"SELECT uid FROM parents WHERE uid::text::uuid = %(u)s", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_verdict *v =
            check_in(keys_catalog, "select", cases[i].sql,
                     "{\"v\":1,\"c\":\"x\",\"u\":\"00000000-0000-0000-0000-000000000001\"}",
                     TABLE(PARENTS, "p", "read"), 50, 1000, NULL);
        if (count_rule(v, "paginate.order-by-required") != (cases[i].one_row ? 0u : 1u)) {
            dump(v);
            fail_msg("\"%s\": %s", cases[i].sql,
                     cases[i].one_row ? "a key lookup needs no ORDER BY" : "needs one");
        }
        sg_verdict_free(v);
    }
}

static void test_rules__app_typed_columns(void **state)
{
    (void)state;
    static const struct {
        const char *sql, *needle, *msg;
    } denied[] = {
        {"SELECT (%(v)s::people).uid AS u", "people",
         "row type of table public.people, whose column email is of type citext"},
        {"SELECT array_append(ARRAY[email], %(v)s) AS x FROM people ORDER BY uid", "email",
         "column public.people.email is of type citext"},
        {"SELECT uid FROM people WHERE ARRAY[email] && %(v)s ORDER BY uid", "email",
         "column public.people.email is of type citext"},
        {"SELECT lag(p.mood, 1, %(v)s) OVER (ORDER BY p.uid) AS x FROM people AS p ORDER BY p.uid",
         "p.mood", "column public.people.mood is of type public.mood"},
        {"SELECT uid FROM people GROUP BY uid HAVING array_agg(handle) = %(v)s ORDER BY uid",
         "handle", "column public.people.handle is of type app.handle"},
        {"SELECT COALESCE(p, %(v)s) IS NULL AS x FROM people AS p ORDER BY p.uid", "p, ",
         "the row of public.people holds column email of type citext"},
        {"SELECT (jsonb_populate_record(p, %(v)s)).uid AS u FROM people AS p ORDER BY 1", "p, ",
         "the row of public.people holds column email"},
        /* a column of an array of the type, wherever it meets a value */
        {"SELECT uid FROM people WHERE tag @> %(v)s ORDER BY uid", "tag",
         "column public.people.tag is of type citext[]"},
        {"SELECT uid, COALESCE(tag, %(v)s) AS t FROM people ORDER BY uid", "tag",
         "an array of it meeting another value"},
        /* through functions that keep the type, a scalar sub-select, a derived table */
        {"SELECT trim_array(array_agg(email), 0) = %(v)s AS x FROM people", "email",
         "column public.people.email"},
        {"SELECT uid, ARRAY[lag(mood) OVER (ORDER BY uid)] @> %(v)s AS x FROM people ORDER BY uid",
         "mood", "column public.people.mood"},
        {"SELECT uid FROM people WHERE ARRAY[(SELECT email)] @> %(v)s ORDER BY uid", "email",
         "column public.people.email"},
        /* an element of an array column has the type */
        {"SELECT uid FROM people WHERE ARRAY[tag[1]] @> %(v)s ORDER BY uid", "tag",
         "column public.people.tag"},
        {"SELECT array_append(ARRAY[x.e], %(v)s) AS a FROM (SELECT uid, email AS e FROM people) AS "
         "x "
         "ORDER BY x.uid",
         "x.e", "column public.people.email"},
    };
    static const char *const allowed[] = {
        "SELECT uid, email FROM people WHERE email = %(v)s ORDER BY uid",
        "SELECT uid, COALESCE(mood, %(v)s) AS m FROM people ORDER BY uid",
        "SELECT uid FROM people WHERE handle IN (%(v)s, 'x') ORDER BY uid",
        "SELECT row_to_json(p) AS j FROM people AS p ORDER BY p.uid",
        "SELECT p FROM people AS p ORDER BY p.uid",
        "SELECT array_agg(email) AS e FROM people",
        "SELECT uid, lag(mood) OVER (ORDER BY uid) AS m FROM people ORDER BY uid",
        "SELECT array_to_string(array_agg(email), %(v)s) AS e FROM people",
        "SELECT uid FROM people WHERE %(v)s = ANY(tag) ORDER BY uid",
        "SELECT uid, tag FROM people ORDER BY uid",
        "SELECT p.uid, (SELECT array_agg(o.email ORDER BY o.uid) FROM people AS o WHERE o.uid = "
        "p.uid) AS es FROM people AS p ORDER BY p.uid",
        "SELECT (array_agg(email ORDER BY uid))[1] AS first_email FROM people",
        "SELECT array_agg(p) AS rows FROM people AS p",
        "SELECT uid FROM people WHERE cardinality(tag) > 1 ORDER BY uid",
        "SELECT x FROM people AS p, unnest(p.tag) AS x WHERE x = %(v)s ORDER BY x",
        "SELECT uid FROM people WHERE tag[1] = %(v)s ORDER BY uid",
    };
    sg_policy *all = load_policy("{\"rules\":{\"type.denied\":{\"options\":{\"allow\":"
                                 "[\"^citext$\",\"^mood$\",\"^app\\\\.handle$\"]}}}}");
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        sg_verdict *v = check_in(keys_catalog, "select", denied[i].sql, "{\"v\":\"a\"}",
                                 TABLE(PEOPLE, "p", "read"), 50, 1000, NULL);
        expect_at(v, "type.denied", SG_SEVERITY_ERROR, denied[i].sql, denied[i].needle,
                  denied[i].msg);
        expect_allowed(v, false);
        sg_verdict_free(v);
        sg_check_options opts = SG_CHECK_OPTIONS_INIT;
        opts.policy = all;
        v = check_in(keys_catalog, "select", denied[i].sql, "{\"v\":\"a\"}",
                     TABLE(PEOPLE, "p", "read"), 50, 1000, &opts);
        if (count_rule(v, "type.denied") != 0) {
            dump(v);
            fail_msg("\"%s\": every type admitted, yet type.denied", denied[i].sql);
        }
        sg_verdict_free(v);
    }
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        sg_verdict *v = check_in(keys_catalog, "select", allowed[i], "{\"v\":\"a\"}",
                                 TABLE(PEOPLE, "p", "read"), 50, 1000, NULL);
        if (count_rule(v, "type.denied") != 0) {
            dump(v);
            fail_msg("\"%s\": type.denied", allowed[i]);
        }
        sg_verdict_free(v);
    }
    sg_policy_free(all);
}

static void test_rules__key_lookup_constants_and_joins(void **state)
{
    (void)state;
    const char *none = NO_PARAMS;
    expect_key_lookup("SELECT id FROM numbers WHERE id = 42", none, NUMBERS_READ, true);
    expect_key_lookup("SELECT id FROM numbers WHERE -7 = id", none, NUMBERS_READ, true);
    expect_key_lookup("SELECT id FROM numbers WHERE numbers.id = $1", "[7]", NUMBERS_READ, true);
    /* NULL pins nothing (the select returns no row, but it is not a lookup) */
    expect_key_lookup("SELECT id FROM numbers WHERE id = NULL", none, NUMBERS_READ, false);
    /* every reference pinned, whatever the join */
    expect_key_lookup("SELECT a.id FROM numbers a JOIN numbers b ON b.id > a.id "
                      "WHERE a.id = 1 AND b.id = 2",
                      none, NUMBERS_READ, true);
    expect_key_lookup("SELECT a.id FROM numbers a FULL JOIN pairs p ON p.tenant = a.id "
                      "WHERE a.id = 1 AND p.uid = $1",
                      "[\"u\"]", NUMBERS_READ "," PAIRS_READ, true);
    expect_key_lookup("SELECT a.id FROM numbers a, numbers b WHERE a.id = 1", none, NUMBERS_READ,
                      false);
    /* an unqualified column pins nothing beside a second relation */
    expect_key_lookup("SELECT a.id FROM numbers a, pairs p WHERE id = 1 AND p.uid = $1", "[\"u\"]",
                      NUMBERS_READ "," PAIRS_READ, false);
    /* an aliased join hides the names its pins would need */
    expect_key_lookup("SELECT j.id FROM (numbers CROSS JOIN pairs) AS j WHERE j.id = 1 AND "
                      "j.uid = $1",
                      "[\"u\"]", NUMBERS_READ "," PAIRS_READ, false);
    /* a column list in the alias: the `id` pinned here is the catalog's `x` */
    expect_key_lookup("SELECT n.id FROM numbers AS n(x, id) WHERE n.id = 1", none, NUMBERS_READ,
                      false);
    /* a link pins only between columns whose types the catalog gives */
    expect_key_lookup("SELECT a.id FROM pairs p JOIN numbers a ON a.id = p.tenant "
                      "WHERE p.uid = $1",
                      "[\"u\"]", NUMBERS_READ "," PAIRS_READ, false);
    /* a table without keys, and a call that may return a set */
    expect_key_lookup("SELECT x FROM heap WHERE x = 1", none, HEAP_READ, false);
    expect_key_lookup("SELECT id, unnest(ARRAY[1, 2]) FROM numbers WHERE id = 1", none,
                      NUMBERS_READ, false);
}

static void test_rules__key_lookup_lint_needs_a_catalog(void **state)
{
    (void)state;
    const char *sql = "SELECT uid FROM sdk_examples_account WHERE uid = $1";
    sg_verdict *v = NULL;
    assert_int_equal(sg_lint_sql(catalog, sql, strlen(sql), NULL, &v), SG_OK);
    expect_none(v, "paginate.order-by-required");
    sg_verdict_free(v);
    /* without a catalog no key is known */
    assert_int_equal(sg_lint_sql(NULL, sql, strlen(sql), NULL, &v), SG_OK);
    expect_count(v, "paginate.order-by-required", 1);
    sg_verdict_free(v);
}

/* ---- type.denied ---------------------------------------------------------------------------- */

/* The caret is on the type name in the caller's text, past placeholders. */
static void test_rules__type_denied_location(void **state)
{
    (void)state;
    const char *sql = "SELECT uid, 100 %% 7 AS r\nFROM sdk_examples_account\n"
                      "WHERE region = %(region)s::app.region_code ORDER BY uid";
    sg_verdict *v = check_op("select", sql, "{\"region\":\"US\"}", ACCOUNT_READ, NULL);
    expect_at(v, "type.denied", SG_SEVERITY_ERROR, sql, "app.region_code",
              "type app.region_code is not a pg_catalog type nor a scoped table's row type");
    expect_allowed(v, false);
    sg_verdict_free(v);
}

/* Linting: with a catalog every table of the data source has its row type
 * admitted; without one, a name outside pg_catalog may be any table's, so
 * only pg_catalog names that are not its types are reported. */
static void test_rules__type_denied_lint_with_and_without_catalog(void **state)
{
    (void)state;
    const char *sql = "SELECT NULL::sdk_examples_counterparty, NULL::ledger.sdk_examples_entry, "
                      "name::citext AS c, name::pg_catalog.citext, NULL::no_such_table "
                      "FROM sdk_examples_account ORDER BY uid";
    sg_verdict *v = NULL;
    assert_int_equal(sg_lint_sql(catalog, sql, strlen(sql), NULL, &v), SG_OK);
    expect_count(v, "type.denied", 3);
    expect_nth_at(v, "type.denied", 0, SG_SEVERITY_ERROR, sql, "citext AS c",
                  "type citext is not a pg_catalog type nor a catalog table's row type");
    expect_nth_at(v, "type.denied", 1, SG_SEVERITY_ERROR, sql, "pg_catalog.citext",
                  "type pg_catalog.citext is not a type of PostgreSQL's pg_catalog");
    expect_nth_at(v, "type.denied", 2, SG_SEVERITY_ERROR, sql, "no_such_table",
                  "type no_such_table is not a pg_catalog type nor a catalog table's row type");
    sg_verdict_free(v);

    assert_int_equal(sg_lint_sql(NULL, sql, strlen(sql), NULL, &v), SG_OK);
    expect_at(v, "type.denied", SG_SEVERITY_ERROR, sql, "pg_catalog.citext",
              "type pg_catalog.citext is not a type of PostgreSQL's pg_catalog");
    sg_verdict_free(v);
}

/* ---- limits.bounds -------------------------------------------------------------------------- */

#define BOUNDS_POLICY                                                                              \
    "{\"rules\":{\"limits.bounds\":{\"options\":{\"max_rows\":100,"                                \
    "\"statement_timeout_ms\":5000}}}}"
#define BOUNDS_SQL "SELECT uid FROM sdk_examples_account ORDER BY uid"

static sg_verdict *bounded(long max_rows, long timeout_ms, const sg_policy *p)
{
    return check_full("select", BOUNDS_SQL, NO_PARAMS, ACCOUNT_READ, max_rows, timeout_ms, p);
}

static void test_rules__limits_bounds_over_the_policy_maxima(void **state)
{
    (void)state;
    sg_policy *p = load_policy(BOUNDS_POLICY);
    sg_verdict *v = bounded(101, 5001, p);
    expect_count(v, "limits.bounds", 2);
    expect_nth_at(v, "limits.bounds", 0, SG_SEVERITY_ERROR, BOUNDS_SQL, NULL,
                  "limits.max_rows is 101, over the policy's maximum of 100");
    expect_nth_at(v, "limits.bounds", 1, SG_SEVERITY_ERROR, BOUNDS_SQL, NULL,
                  "limits.statement_timeout_ms is 5001, over the policy's maximum of 5000");
    assert_int_equal(sg_verdict_diagnostic_count(v), 2);
    expect_allowed(v, false);
    sg_verdict_free(v);

    v = bounded(101, 5000, p);
    expect_at(v, "limits.bounds", SG_SEVERITY_ERROR, BOUNDS_SQL, NULL,
              "limits.max_rows is 101, over the policy's maximum of 100");
    expect_allowed(v, false);
    sg_verdict_free(v);

    v = bounded(100, 5001, p);
    expect_at(v, "limits.bounds", SG_SEVERITY_ERROR, BOUNDS_SQL, NULL,
              "limits.statement_timeout_ms is 5001, over the policy's maximum of 5000");
    expect_allowed(v, false);
    sg_verdict_free(v);

    /* any kind of operation */
    const char *insert = "INSERT INTO sdk_examples_account (uid, account_code, name, region) "
                         "VALUES (%(uid)s, %(code)s, %(name)s, %(region)s)";
    v = check_full("insert", insert, INSERT_PARAMS, ACCOUNT_WRITE, 1000, 100, p);
    expect_at(v, "limits.bounds", SG_SEVERITY_ERROR, insert, NULL,
              "limits.max_rows is 1000, over the policy's maximum of 100");
    expect_allowed(v, false);
    sg_verdict_free(v);
    sg_policy_free(p);

    /* one option bounds only its own key */
    p = load_policy("{\"rules\":{\"limits.bounds\":{\"options\":{\"statement_timeout_ms\":10}}}}");
    v = bounded(100000, 11, p);
    expect_at(v, "limits.bounds", SG_SEVERITY_ERROR, BOUNDS_SQL, NULL,
              "limits.statement_timeout_ms is 11, over the policy's maximum of 10");
    sg_verdict_free(v);
    sg_policy_free(p);
}

static void test_rules__limits_bounds_at_the_maxima_allowed(void **state)
{
    (void)state;
    sg_policy *p = load_policy(BOUNDS_POLICY);
    sg_verdict *v = bounded(100, 5000, p);
    expect_clean(v);
    sg_verdict_free(v);
    v = bounded(1, 1, p);
    expect_clean(v);
    sg_verdict_free(v);
    sg_policy_free(p);
}

static void test_rules__limits_bounds_needs_policy_options(void **state)
{
    (void)state;
    sg_verdict *v = bounded(101, 5001, NULL);
    expect_clean(v);
    sg_verdict_free(v);
    v = bounded(100000, 600000, NULL); /* the check options' own bounds */
    expect_clean(v);
    sg_verdict_free(v);

    static const char *const no_options[] = {
        "{}",
        "{\"rules\":{\"limits.bounds\":\"error\"}}",
        "{\"rules\":{\"limits.bounds\":{\"severity\":\"error\"}}}",
        "{\"rules\":{\"limits.bounds\":{\"options\":{}}}}",
    };
    for (size_t i = 0; i < sizeof no_options / sizeof no_options[0]; i++) {
        sg_policy *p = load_policy(no_options[i]);
        v = bounded(101, 5001, p);
        expect_clean(v);
        sg_verdict_free(v);
        sg_policy_free(p);
    }
}

static void test_rules__limits_bounds_policy(void **state)
{
    (void)state;
    sg_policy *p = load_policy("{\"rules\":{\"limits.bounds\":{\"severity\":\"off\",\"options\":"
                               "{\"max_rows\":100,\"statement_timeout_ms\":5000}}}}");
    sg_verdict *v = bounded(101, 5001, p);
    expect_clean(v);
    sg_verdict_free(v);
    sg_policy_free(p);

    p = load_policy("{\"rules\":{\"limits.bounds\":{\"severity\":\"error\",\"options\":"
                    "{\"max_rows\":100,\"statement_timeout_ms\":5000}}}}");
    v = bounded(101, 5000, p);
    expect_count(v, "limits.bounds", 1);
    assert_int_equal(find_rule(v, "limits.bounds", 0)->severity, SG_SEVERITY_ERROR);
    expect_allowed(v, false);
    sg_verdict_free(v);
    sg_policy_free(p);

    p = load_policy("{\"rules\":{\"limits.bounds\":{\"severity\":\"warning\",\"options\":"
                    "{\"max_rows\":100}}}}");
    v = bounded(101, 5000, p);
    expect_count(v, "limits.bounds", 1);
    assert_int_equal(find_rule(v, "limits.bounds", 0)->severity, SG_SEVERITY_WARNING);
    expect_allowed(v, true);
    sg_verdict_free(v);
    sg_policy_free(p);
}

static void test_rules__limits_bounds_bad_options_fail_to_load(void **state)
{
    (void)state;
    static const char *const bad_max_rows[] = {"0", "1.5", "\"x\"", "-1", "null", "[100]", "true"};
    for (size_t i = 0; i < sizeof bad_max_rows / sizeof bad_max_rows[0]; i++) {
        char json[256];
        snprintf(json, sizeof json,
                 "{\"rules\":{\"limits.bounds\":{\"options\":{\"max_rows\":%s}}}}",
                 bad_max_rows[i]);
        policy_fails(json, "rules.limits.bounds.options.max_rows must be an integer greater "
                           "than 0");
    }
    policy_fails("{\"rules\":{\"limits.bounds\":{\"options\":{\"max_rows\":100,"
                 "\"statement_timeout_ms\":0}}}}",
                 "rules.limits.bounds.options.statement_timeout_ms must be an integer greater "
                 "than 0");
    policy_fails("{\"rules\":{\"limits.bounds\":{\"options\":{\"statement_timeout_ms\":2.5}}}}",
                 "statement_timeout_ms");
    policy_fails("{\"rules\":{\"limits.bounds\":{\"options\":{\"max_row\":100}}}}",
                 "no option \"max_row\"");
}

/* ---- warnings never deny -------------------------------------------------------------------- */

/* A text search call's configuration given as a column: a scoped table's
 * regconfig column (its data) or a text column (which PostgreSQL does not
 * cast to regconfig) passes; an oid or integer column, or a column of a
 * sub-select, VALUES list or WITH query the statement makes, names a
 * configuration by OID in any schema. */
static void test_rules__ts_configuration_columns(void **state)
{
    (void)state;
    const char *regs = TABLE(REGS, "r", "read");
    static const struct {
        const char *sql;
        bool allowed;
    } cases[] = {
        {"SELECT uid, to_tsvector(cfg, note) AS v FROM regs ORDER BY uid", true},
        {"SELECT uid, to_tsvector(r.cfg, note) AS v FROM regs r ORDER BY uid", true},
        {"SELECT uid, ts_headline(note, to_tsquery(cfg, 'a'), 'MaxWords=9') AS v FROM regs "
         "ORDER BY uid",
         true},
        {"SELECT uid, to_tsvector(o, note) AS v FROM regs ORDER BY uid", false},
        {"SELECT r.uid, to_tsvector(x.cfg, r.note) AS v FROM regs r, (SELECT 16502 AS cfg) x "
         "ORDER BY r.uid",
         false},
        {"SELECT r.uid, to_tsvector(x.cfg, r.note) AS v FROM regs r, (VALUES (16502)) x(cfg) "
         "ORDER BY r.uid",
         false},
        {"WITH x(cfg) AS (SELECT 16502) SELECT r.uid, to_tsvector(x.cfg, r.note) AS v FROM regs r, "
         "x ORDER BY r.uid",
         false},
        {"SELECT r.uid, to_tsvector(g, r.note) AS v FROM regs r, generate_series(16500, 16510) g "
         "ORDER BY r.uid",
         false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_verdict *v =
            check_in(keys_catalog, "select", cases[i].sql, NO_PARAMS, regs, 50, 1000, NULL);
        if (sg_verdict_allowed(v) != cases[i].allowed) {
            dump(v);
            fail_msg("case %zu (%s): allowed %d, expected %d", i, cases[i].sql,
                     sg_verdict_allowed(v), cases[i].allowed);
        }
        sg_verdict_free(v);
    }
}

/* A scoped table's column of a type whose input looks names up (regclass,
 * regproc, aclitem[]) may be selected on its own, never met by a string or a
 * parameter: COALESCE, CASE, IN, ANY, a UNION branch, a value written. */
static void test_rules__name_typed_columns(void **state)
{
    (void)state;
    const char *regs = TABLE(REGS, "r", "write");
    static const struct {
        const char *kind, *sql, *params;
        size_t denied;
    } cases[] = {
        {"select", "SELECT uid FROM regs WHERE %(a)s = ANY(acl) ORDER BY uid", "{\"a\":\"x=r/y\"}",
         1},
        {"select", "SELECT COALESCE(rel, %(r)s)::oid AS o FROM regs ORDER BY 1",
         "{\"r\":\"pg_class\"}", 1},
        {"select", "SELECT CASE WHEN o > 0 THEN r.rel ELSE %(r)s END AS x FROM regs r ORDER BY 1",
         "{\"r\":\"pg_class\"}", 1},
        {"select", "SELECT r.uid FROM regs r WHERE r.fn IN (%(a)s, %(b)s) ORDER BY 1",
         "{\"a\":\"now\",\"b\":\"abs\"}", 1},
        {"select", "SELECT rel FROM regs UNION ALL SELECT 'nosuch' ORDER BY 1", NO_PARAMS, 1},
        {"insert", "INSERT INTO regs (uid, rel) VALUES (gen_random_uuid(), %(r)s)",
         "{\"r\":\"pg_class\"}", 1},
        {"insert", "INSERT INTO regs VALUES (gen_random_uuid(), %(r)s)", "{\"r\":\"pg_class\"}", 1},
        {"insert", "INSERT INTO regs VALUES (gen_random_uuid(), %(r)s, %(f)s)",
         "{\"r\":\"pg_class\",\"f\":\"now\"}", 2},
        {"update", "UPDATE regs SET fn = %(f)s WHERE uid = %(u)s",
         "{\"f\":\"now\",\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\"}", 1},
        /* selected on its own, cast at once to a type that resolves no names,
         * ordered, returned: no string meets it */
        {"select", "SELECT uid, rel, fn, acl FROM regs ORDER BY uid", NO_PARAMS, 0},
        {"select", "SELECT rel::oid AS o, r.fn::text AS t FROM regs r ORDER BY r.rel, 1", NO_PARAMS,
         0},
        {"select",
         "SELECT uid FROM regs WHERE o = %(o)s AND note = %(n)s AND cfg IS NOT NULL "
         "ORDER BY uid",
         "{\"o\":1,\"n\":\"x\"}", 0},
        {"update", "UPDATE regs SET note = %(n)s WHERE uid = %(u)s RETURNING rel, acl",
         "{\"n\":\"x\",\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\"}", 0},
        /* the whole row or its * carries the column: where a string or a parameter meets
         * it, that string is read as names */
        {"select", "SELECT COALESCE(r, %(t)s) AS x FROM regs r ORDER BY 1", "{\"t\":\"(,x,,,,,)\"}",
         1},
        {"select", "SELECT uid FROM regs r WHERE r IN (%(t)s) ORDER BY 1", "{\"t\":\"(,x,,,,,)\"}",
         1},
        {"select",
         "SELECT * FROM regs UNION ALL SELECT NULL, %(x)s, NULL, NULL, NULL, NULL, NULL ORDER BY 1",
         "{\"x\":\"pg_class\"}", 1},
        {"select", "SELECT r.* FROM regs r UNION ALL SELECT r.* FROM regs r ORDER BY 1", NO_PARAMS,
         2},
        /* on its own, or where no string meets it */
        {"select", "SELECT * FROM regs ORDER BY uid", NO_PARAMS, 0},
        {"select", "SELECT r, r.* FROM regs r ORDER BY uid", NO_PARAMS, 0},
        {"select", "SELECT uid FROM regs WHERE EXISTS (SELECT * FROM regs) ORDER BY uid", NO_PARAMS,
         0},
        /* a text search configuration column: a value written or met is read
         * as a name (a qualified one reaches any schema) or a number as an
         * OID; a parameter bound to a plain name only writes what the search
         * path finds, and a text search call's configuration written as the
         * bare column meets no string */
        {"update", "UPDATE regs SET cfg = %(c)s WHERE uid = %(u)s",
         "{\"c\":\"english\",\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\"}", 0},
        {"insert",
         "INSERT INTO regs (uid, cfg) VALUES (gen_random_uuid(), %(c)s), "
         "(gen_random_uuid(), %(d)s)",
         "{\"c\":\"english\",\"d\":\"simple\"}", 0},
        {"update", "UPDATE regs SET cfg = %(c)s WHERE uid = %(u)s",
         "{\"c\":\"secret.cfg\",\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\"}", 1},
        {"update", "UPDATE regs SET cfg = %(c)s WHERE uid = %(u)s",
         "{\"c\":\"16410\",\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\"}", 1},
        {"update", "UPDATE regs SET cfg = 16410 WHERE uid = %(u)s RETURNING cfg",
         "{\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\"}", 1},
        {"insert",
         "INSERT INTO regs (uid, cfg) VALUES (gen_random_uuid(), %(c)s), "
         "(gen_random_uuid(), o)",
         "{\"c\":\"english\"}", 1},
        {"insert", "INSERT INTO regs (uid, cfg) SELECT gen_random_uuid(), %(c)s",
         "{\"c\":\"english\"}", 1},
        {"select", "SELECT COALESCE(cfg, %(c)s) AS c FROM regs ORDER BY 1",
         "{\"c\":\"nosuch.cfg\"}", 1},
        {"select",
         "SELECT to_tsvector(cfg, note) AS v, ts_headline(r.cfg, note, "
         "plainto_tsquery(cfg, %(q)s)) AS h FROM regs r ORDER BY uid",
         "{\"q\":\"x\"}", 0},
        {"select", "SELECT uid FROM regs r WHERE rel IS NULL AND r.cfg IS NOT NULL ORDER BY uid",
         NO_PARAMS, 0},
        /* an upsert writing back the value its INSERT wrote */
        {"insert",
         "INSERT INTO regs (uid, cfg) VALUES (gen_random_uuid(), %(c)s) "
         "ON CONFLICT (uid) DO UPDATE SET cfg = EXCLUDED.cfg",
         "{\"c\":\"english\"}", 0},
        {"insert",
         "INSERT INTO regs (uid, cfg) VALUES (gen_random_uuid(), %(c)s) "
         "ON CONFLICT (uid) DO UPDATE SET cfg = COALESCE(EXCLUDED.cfg, %(d)s)",
         "{\"c\":\"english\",\"d\":\"x.y\"}", 2},
        /* the table's row type, which reads the column's input too */
        {"select", "SELECT (%(t)s::regs).uid AS u", "{\"t\":\"(,x,,,,,)\"}", 1},
        {"select", "SELECT (jsonb_populate_record(NULL::public.regs, %(j)s)).uid AS u",
         "{\"j\":{}}", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_verdict *v = check_in(keys_catalog, cases[i].kind, cases[i].sql, cases[i].params, regs,
                                 50, 1000, NULL);
        size_t got = 0;
        for (size_t k = 0; k < sg_verdict_diagnostic_count(v); k++) {
            const sg_diagnostic *d = sg_verdict_diagnostic(v, k);
            got += strcmp(d->rule, "func.denied") == 0 &&
                   strstr(d->message, "whose input looks names up") != NULL;
            got += strcmp(d->rule, "type.denied") == 0;
        }
        if (got != cases[i].denied) {
            dump(v);
            fail_msg("case %zu (%s): %zu findings, expected %zu", i, cases[i].sql, got,
                     cases[i].denied);
        }
        sg_verdict_free(v);
    }
}

/* A value written to an xml column is parsed by libxml2, which PostgreSQL
 * cannot interrupt: every write of one is denied, whatever the value; the
 * column may be read. */
static void test_rules__xml_columns(void **state)
{
    (void)state;
    const char *docs = TABLE(DOCS, "d", "write");
    static const char U[] = "{\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\",\"b\":\"<a/>\"}";
    static const struct {
        const char *kind, *sql;
        size_t denied;
    } cases[] = {
        {"insert", "INSERT INTO docs (uid, body) VALUES (%(u)s, %(b)s)", 1},
        {"insert", "INSERT INTO docs (uid, pages) VALUES (%(u)s, ARRAY[%(b)s])", 1},
        {"insert", "INSERT INTO docs VALUES (%(u)s, %(b)s, %(b)s)", 1},
        {"insert", "INSERT INTO docs SELECT %(u)s::uuid, %(b)s, (ROW(%(b)s)).*", 2},
        {"update", "UPDATE docs SET body = %(b)s WHERE uid = %(u)s", 1},
        {"update", "UPDATE docs SET (note, body) = (%(b)s, NULL) WHERE uid = %(u)s", 1},
        {"insert",
         "INSERT INTO docs (uid, note) VALUES (%(u)s, %(b)s) ON CONFLICT (uid) DO UPDATE SET "
         "body = NULL",
         1},
        /* columns before the xml ones, or not xml at all */
        {"insert", "INSERT INTO docs VALUES (%(u)s, %(b)s)", 0},
        {"insert", "INSERT INTO docs (uid, note) VALUES (%(u)s, %(b)s)", 0},
        {"update", "UPDATE docs SET note = %(b)s WHERE uid = %(u)s RETURNING body, pages", 0},
        /* read where the value meets another, which PostgreSQL may then read as xml */
        {"select", "SELECT COALESCE(body, %(b)s) AS b FROM docs WHERE uid = %(u)s", 1},
        {"select", "SELECT CASE WHEN uid = %(u)s THEN d.body ELSE %(b)s END AS b FROM docs d", 1},
        {"select", "SELECT array_append(pages, %(b)s) AS p FROM docs WHERE uid = %(u)s", 1},
        {"select", "SELECT uid FROM docs WHERE %(b)s IN (body, body) AND uid = %(u)s", 2},
        {"select",
         "SELECT body FROM docs WHERE uid = %(u)s UNION ALL SELECT %(b)s ORDER BY 1 LIMIT 1", 1},
        /* renamed by a column list, or the whole row */
        {"select", "SELECT COALESCE(d.z, %(b)s) AS b FROM docs AS d(i, n, z) WHERE d.i = %(u)s", 1},
        {"select", "SELECT COALESCE(d, %(b)s) AS b FROM docs d WHERE d.uid = %(u)s", 1},
        /* read on its own, cast, tested for NULL or handed to an XML function */
        {"select", "SELECT body, d.pages FROM docs d WHERE uid = %(u)s", 0},
        {"select", "SELECT body::text AS b FROM docs WHERE body IS NOT NULL AND uid = %(u)s", 0},
        {"select", "SELECT xmlagg(body) AS x, xmlconcat(body, d.body) AS y FROM docs d", 0},
        {"select",
         "SELECT XMLSERIALIZE(CONTENT body AS text) AS s, xmlelement(name a, body) AS e "
         "FROM docs WHERE uid = %(u)s",
         0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_verdict *v =
            check_in(keys_catalog, cases[i].kind, cases[i].sql, U, docs, 50, 1000, NULL);
        size_t got = 0;
        for (size_t k = 0; k < sg_verdict_diagnostic_count(v); k++) {
            const sg_diagnostic *d = sg_verdict_diagnostic(v, k);
            got += strcmp(d->rule, "func.denied") == 0 && (strstr(d->message, "is of type xml") ||
                                                           strstr(d->message, "has an xml column"));
        }
        if (got != cases[i].denied) {
            dump(v);
            fail_msg("case %zu (%s): %zu findings, expected %zu", i, cases[i].sql, got,
                     cases[i].denied);
        }
        sg_verdict_free(v);
    }
    /* read, and compared as text */
    sg_verdict *v =
        check_in(keys_catalog, "select",
                 "SELECT uid, body, pages FROM docs WHERE body::text = %(b)s ORDER BY uid",
                 "{\"b\":\"<a/>\"}", TABLE(DOCS, "d", "read"), 50, 1000, NULL);
    if (!sg_verdict_allowed(v))
        dump(v);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
}

/* An upsert that sets an arbiter column to EXCLUDED's value writes back the
 * bytes the row has when equal values of the type are the same bytes (uuid,
 * integers): no ON UPDATE CASCADE fires, and the child table needs no write
 * scope. Text (a nondeterministic collation equates 'abc' and 'ABC'),
 * numeric (1.0 = 1.00), another column, another value or an arbiter named
 * by its constraint still cascade. */
static void test_rules__upsert_keeping_the_arbiter_key(void **state)
{
    (void)state;
    const char *parents = TABLE(PARENTS, "p", "write");
    static const char V[] = "{\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\",\"c\":\"A\","
                            "\"n\":1,\"a\":1.5}";
    static const char INS[] = "INSERT INTO parents (uid, code, n, at) VALUES (%(u)s, %(c)s, %(n)s, "
                              "%(a)s) ";
    static const struct {
        const char *tail;
        bool cascades;
    } cases[] = {
        {"ON CONFLICT (uid) DO UPDATE SET uid = EXCLUDED.uid", false},
        {"ON CONFLICT (n) DO UPDATE SET n = excluded.n", false},
        {"ON CONFLICT (uid, n) DO UPDATE SET uid = EXCLUDED.uid, n = EXCLUDED.n", false},
        /* a column set to itself keeps the row's own datum, whatever its type */
        {"ON CONFLICT (uid) DO UPDATE SET uid = EXCLUDED.uid, code = parents.code", false},
        {"ON CONFLICT (code) DO UPDATE SET code = parents.code, at = parents.at", false},
        {"ON CONFLICT (code) DO UPDATE SET code = lower(parents.code)", true},
        {"ON CONFLICT (uid) DO UPDATE SET uid = EXCLUDED.uid, n = parents.n", false},
        {"ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code", true},
        {"ON CONFLICT (at) DO UPDATE SET at = EXCLUDED.at", true},
        {"ON CONFLICT (uid) DO UPDATE SET n = EXCLUDED.n", true},
        {"ON CONFLICT ON CONSTRAINT parents_pkey DO UPDATE SET uid = EXCLUDED.uid", true},
        {"ON CONFLICT (uid) DO UPDATE SET uid = %(u)s", true},
        {"ON CONFLICT (n) DO UPDATE SET n = EXCLUDED.n + 0", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *sql = sg_test_printf("%s%s", INS, cases[i].tail);
        sg_verdict *v = check_in(keys_catalog, "insert", sql, V, parents, 50, 1000, NULL);
        bool cascades = false;
        for (size_t k = 0; k < sg_verdict_diagnostic_count(v); k++)
            cascades |= strstr(sg_verdict_diagnostic(v, k)->message, "foreign key") != NULL;
        if (cascades != cases[i].cascades || sg_verdict_allowed(v) == cases[i].cascades) {
            dump(v);
            fail_msg("case %zu (%s): cascade %d, expected %d", i, sql, cascades, cases[i].cascades);
        }
        sg_verdict_free(v);
        free(sql);
    }
    /* an UPDATE that sets the key to the value it looks the row up by is
     * still a key update as far as the guard can tell */
    sg_verdict *v =
        check_in(keys_catalog, "update", "UPDATE parents SET uid = %(u)s WHERE uid = %(u)s", V,
                 parents, 50, 1000, NULL);
    assert_false(sg_verdict_allowed(v));
    sg_verdict_free(v);
}

/* Checks `sql` (a select over `tables`, with `params`) and that
 * func.resource-bound says `message` (a part of one of its messages), or
 * nothing when `message` is NULL; `i` names the case. */
static void expect_bound(size_t i, const char *sql, const char *params, const char *tables,
                         const char *message)
{
    sg_verdict *v = check_in(catalog, "select", sql, params, tables, 50, 1000, NULL);
    const char *found = NULL; /* the message that says it, else any of the rule's */
    for (size_t k = 0; k < sg_verdict_diagnostic_count(v); k++)
        if (strcmp(sg_verdict_diagnostic(v, k)->rule, "func.resource-bound") == 0 &&
            (!found || !message || !strstr(found, message)))
            found = sg_verdict_diagnostic(v, k)->message;
    if (message ? !found || !strstr(found, message) : found != NULL) {
        dump(v);
        fail_msg("case %zu (%s): message %s, expected %s", i, sql, found ? found : "(none)",
                 message ? message : "(none)");
    }
    sg_verdict_free(v);
}

/* jsonb_pretty of a constant or bound document prints each line indented
 * by its depth, and a jsonpath's `**` copies every value's subtree: both
 * are counted against max from the document's text (a `**` inside a
 * path's string is none), a stored document's not at all. */
static void test_rules__json_growth(void **state)
{
    (void)state;
    const char *accounts = TABLE(ACCOUNT, "a", "read");
    char deep[6002];
    memset(deep, '[', 3000);
    memset(deep + 3000, ']', 3000);
    deep[6000] = '\0';
    char *params = sg_test_printf("{\"j\":\"%s\"}", deep);
    static const struct {
        const char *sql;
        const char *message; /* a part of func.resource-bound's message, NULL: allowed */
    } cases[] = {
        /* the text's 6,000 characters, 6,000 lines, the opening brackets
         * indented 4 * (1 + ... + 3,000), the closing 4 * (0 + ... + 2,999) */
        {"SELECT length(jsonb_pretty(%(j)s::jsonb)) AS n", "makes a string of 36012000 characters"},
        /* 6,000 values, 16 characters each, times the depth */
        {"SELECT jsonb_path_query_array(%(j)s::jsonb, '$.**') AS x",
         "makes a string of 288000000 characters"},
        /* the same document passed on by a WITH query, or cast through text */
        {"WITH c AS (SELECT %(j)s::jsonb AS d) SELECT jsonb_path_query_array(c.d, '$.**') AS x "
         "FROM c",
         "jsonb_path_query_array(..., '$.**') makes a string"},
        {"SELECT jsonb_path_query_array(%(j)s::text::jsonb, '$.**') AS x",
         "makes a string of 288000000 characters"},
        {"SELECT jsonb_pretty((%(j)s::jsonb -> 0)) AS x", "jsonb_pretty(...) makes a string"},
        {"SELECT %(j)s::jsonb @? '$.** ? (@ == 1)' AS x", "(jsonb_path_exists("},
        {"SELECT jsonb_path_query_array(%(j)s::jsonb, '$.\"**\"') AS x", NULL},
        {"SELECT jsonb_path_query_array(%(j)s::jsonb, '$[0]') AS x", NULL},
        {"SELECT jsonb_pretty(a.name::jsonb) AS x FROM sdk_examples_account a ORDER BY a.uid",
         NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_bound(i, cases[i].sql, params, accounts, cases[i].message);
    free(params);
}

/* Foreign key actions are followed past the first table: deleting an
 * author cascades to its books, whose deletion cascades to their notes and
 * sets their reviews' book to NULL, which in turn sets off the ON UPDATE
 * action of the key that references the review's column. Every table so
 * written must be scoped write; one the chain does not reach need not be. */
#define AUTHORS "6b2f0d1a-0000-4000-8000-0000000000b1"
#define BOOKS "6b2f0d1a-0000-4000-8000-0000000000b2"
#define NOTES "6b2f0d1a-0000-4000-8000-0000000000b3"
#define REVIEWS "6b2f0d1a-0000-4000-8000-0000000000b4"
#define REPLIES "6b2f0d1a-0000-4000-8000-0000000000b5"
#define CHAIN_TABLE(uid, name, fks)                                                                \
    "{\"uid\":\"" uid "\",\"data_source_uid\":\"" DS "\",\"schema\":\"public\","                   \
    "\"physical_table_name\":\"" name "\",\"primary_key\":[\"uid\"],\"columns\":["                 \
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false},"                                     \
    "{\"name\":\"up\",\"type\":\"uuid\",\"nullable\":true},"                                       \
    "{\"name\":\"code\",\"type\":\"text\",\"nullable\":true}]" fks "}"
static void test_rules__foreign_key_chains(void **state)
{
    (void)state;
    static const char CHAIN[] =
        "{\"data_sources\":[{\"uid\":\"" DS "\",\"engine\":\"postgresql\","
        "\"default_schema\":\"public\"}],\"meta_tables\":[" CHAIN_TABLE(AUTHORS, "authors", "") "," CHAIN_TABLE(
            BOOKS, "books",
            ",\"foreign_keys\":[{\"columns\":[\"up\"],"
            "\"references\":\"authors\","
            "\"on_delete\":\"CASCADE\",\"on_update\":"
            "\"CASCADE\"}]") "," CHAIN_TABLE(NOTES, "notes",
                                             ",\"foreign_"
                                             "keys\":[{"
                                             "\"columns\":["
                                             "\"up\"],"
                                             "\"references"
                                             "\":\"books\","
                                             "\"on_"
                                             "delete\":"
                                             "\"CASCADE\"}"
                                             "]") "," CHAIN_TABLE(REVIEWS, "reviews",
                                                                  ",\"foreign_keys\":[{"
                                                                  "\"columns\":[\"up\"],"
                                                                  "\"references\":\"books\","
                                                                  "\"on_delete\":\"SET "
                                                                  "NULL\"}]") "," CHAIN_TABLE(REPLIES,
                                                                                              "repl"
                                                                                              "ies",
                                                                                              ",\"f"
                                                                                              "orei"
                                                                                              "gn_"
                                                                                              "keys"
                                                                                              "\":["
                                                                                              "{\"c"
                                                                                              "olum"
                                                                                              "ns\""
                                                                                              ":["
                                                                                              "\"co"
                                                                                              "de\""
                                                                                              "],"
                                                                                              "\"re"
                                                                                              "fere"
                                                                                              "nces"
                                                                                              "\":"
                                                                                              "\"re"
                                                                                              "view"
                                                                                              "s\","
                                                                                              "\"re"
                                                                                              "fere"
                                                                                              "nced"
                                                                                              "_col"
                                                                                              "umns"
                                                                                              "\":["
                                                                                              "\"up"
                                                                                              "\"],"
                                                                                              "\"on"
                                                                                              "_upd"
                                                                                              "ate"
                                                                                              "\":"
                                                                                              "\"CA"
                                                                                              "SCAD"
                                                                                              "E\"}"
                                                                                              "]") "]}";
    sg_catalog *cat = NULL;
    sg_error err;
    assert_int_equal(sg_catalog_load(CHAIN, strlen(CHAIN), &cat, &err), SG_OK);
    static const char U[] = "{\"u\":\"7d2f7a4e-2b1c-4a7e-9c3d-1e2f3a4b5c6d\"}";
    static const struct {
        const char *kind, *sql;
        const char *books, *notes, *reviews, *replies; /* access, NULL: not scoped */
        const char *denied;                            /* the table a denial names, or NULL */
    } cases[] = {
        {"delete", "DELETE FROM authors WHERE uid = %(u)s", "write", "write", "write", "write",
         NULL},
        {"delete", "DELETE FROM authors WHERE uid = %(u)s", "write", "read", "write", "write",
         "public.notes"},
        {"delete", "DELETE FROM authors WHERE uid = %(u)s", "write", NULL, "write", "write",
         "public.notes"},
        {"delete", "DELETE FROM authors WHERE uid = %(u)s", "write", "write", "read", "write",
         "public.reviews"},
        /* the review's SET NULL changes the column replies' key references */
        {"delete", "DELETE FROM authors WHERE uid = %(u)s", "write", "write", "write", "read",
         "public.replies"},
        {"delete", "DELETE FROM books WHERE uid = %(u)s", "write", "write", "write", NULL,
         "public.replies"},
        /* the author's key updated: books' ON UPDATE CASCADE sets books.up,
         * which no key references: nothing further */
        {"update", "UPDATE authors SET uid = %(u)s WHERE uid = %(u)s", "write", NULL, NULL, NULL,
         NULL},
        {"update", "UPDATE authors SET code = 'x' WHERE uid = %(u)s", NULL, NULL, NULL, NULL, NULL},
        {"merge",
         "MERGE INTO authors a USING (SELECT %(u)s::uuid AS uid) s ON a.uid = s.uid WHEN "
         "MATCHED THEN DELETE",
         "write", "write", "write", "read", "public.replies"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *uids[] = {BOOKS, NOTES, REVIEWS, REPLIES};
        const char *access[] = {cases[i].books, cases[i].notes, cases[i].reviews, cases[i].replies};
        char tables[1024];
        int n = snprintf(tables, sizeof tables, "%s", TABLE(AUTHORS, "a", "write"));
        for (size_t t = 0; t < 4; t++)
            if (access[t])
                n += snprintf(tables + n, sizeof tables - (size_t)n,
                              ",{\"meta_table_uid\":\"%s\",\"alias\":\"t%zu\","
                              "\"access\":\"%s\"}",
                              uids[t], t, access[t]);
        assert_true(n > 0 && (size_t)n < sizeof tables);
        sg_verdict *v = check_in(cat, cases[i].kind, cases[i].sql, U, tables, 50, 1000, NULL);
        const char *named = NULL;
        for (size_t k = 0; k < sg_verdict_diagnostic_count(v); k++)
            if (strcmp(sg_verdict_diagnostic(v, k)->rule, "scope.access-denied") == 0)
                named = sg_verdict_diagnostic(v, k)->message;
        bool ok = cases[i].denied
                      ? named && strstr(named, cases[i].denied) && !sg_verdict_allowed(v)
                      : !named;
        if (!ok) {
            dump(v);
            fail_msg("case %zu (%s): %s, expected %s", i, cases[i].sql, named ? named : "(none)",
                     cases[i].denied ? cases[i].denied : "(none)");
        }
        sg_verdict_free(v);
    }
    sg_catalog_free(cat);
}

/* A JSON string of `n` copies of `unit` (an ASCII run, or a \\u escape). */
static char *json_run(const char *unit, size_t n)
{
    size_t u = strlen(unit);
    char *s = malloc(n * u + 3);
    assert_non_null(s);
    s[0] = '"';
    for (size_t i = 0; i < n; i++)
        memcpy(s + 1 + i * u, unit, u);
    memcpy(s + 1 + n * u, "\"", 2);
    return s;
}

/* polygon(n, circle) makes n points, which the polygon operators compare
 * edge by edge with another's in loops PostgreSQL never interrupts (16 x n²
 * against max_work, n against max); bit(integer, n) makes n bits (against
 * max). Both from constants and from bound values. */
static void test_rules__polygons_and_bits(void **state)
{
    (void)state;
    const char *accounts = TABLE(ACCOUNT, "a", "read");
    static const struct {
        const char *sql, *params;
        const char *message; /* a part of func.resource-bound's message, NULL: allowed */
    } cases[] = {
        {"SELECT polygon(8000, circle '((0,0),1)') && polygon(12, circle '((0,0),2)') AS y", "{}",
         "compares up to 1024000000 pairs of characters' work (its polygon's edges"},
        {"SELECT polygon(%(n)s, circle '((0,0),1)') AS p", "{\"n\": 2600}",
         "compares up to 108160000 pairs"},
        {"SELECT polygon(%(n)s, circle '((0,0),1)') AS p", "{\"n\": 2500}", NULL},
        {"SELECT polygon(64, circle '((0,0),1)') && polygon(box '((0,0),(1,1))') AS y", "{}", NULL},
        {"SELECT polygon(circle '((0,0),1)') AS p", "{}", NULL},
        {"SELECT npoints(polygon(30000000, circle '((0,0),1)')) AS n", "{}",
         "makes 30000000 points, over the bound of 10000000"},
        {"SELECT pg_catalog.bit(-1, 1000000000) AS b", "{}",
         "bit(-1, 1000000000) makes a string of 1000000000 characters"},
        {"SELECT pg_catalog.bit(-1::bigint, %(n)s) AS b", "{\"n\": 20000000}",
         "makes a string of 20000000 characters"},
        {"SELECT pg_catalog.bit(5, 8) AS b, pg_catalog.bit(%(v)s::int, 32) AS c", "{\"v\": 7}",
         NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_bound(i, cases[i].sql, cases[i].params, accounts, cases[i].message);
}

/* Text functions whose loops PostgreSQL never interrupts compare a pair of
 * characters per step of their two inputs: from the lengths of constants and
 * bound values, func.resource-bound denies more than max_work (1e8) pairs,
 * and lets ordinary sizes, columns and the one-argument forms through. */
static void test_rules__quadratic_text_functions(void **state)
{
    (void)state;
    const char *accounts = TABLE(ACCOUNT, "a", "read");
    char *s12k = json_run("a", 12000), *b12k = json_run("b", 12000),
         *c12k = json_run("\\u0301", 12000), *s300k = json_run("a", 300000),
         *n400 = json_run("a", 400), *s9k = json_run("a", 9000);
    static const struct {
        const char *sql;
        int params; /* 0: %(s)s and %(f)s long; 1: %(s)s combining marks; 2: a long haystack and a
                     * needle of 400; 3: a 300k haystack, a short needle; 4: both 9000 */
        bool denied;
    } cases[] = {
        {"SELECT translate(%(s)s, %(f)s, 'x') AS t", 0, true},
        {"SELECT btrim(%(s)s, %(f)s) AS t", 0, true},
        {"SELECT ltrim(%(s)s, %(f)s) AS t", 0, true},
        {"SELECT rtrim(%(s)s, %(f)s) AS t", 0, true},
        {"SELECT trim(both %(f)s from %(s)s) AS t", 0, true},
        {"SELECT trim(leading %(f)s from %(s)s) AS t", 0, true},
        {"SELECT strpos(%(s)s, %(f)s) AS t", 0, true},
        {"SELECT position(%(f)s in %(s)s) AS t", 0, true},
        {"SELECT replace(%(s)s, %(f)s, '') AS t", 0, true},
        {"SELECT normalize(%(s)s) AS t", 1, true},
        {"SELECT normalize(%(s)s, NFKD) AS t", 1, true},
        /* 12,000 ASCII characters: nothing to reorder */
        {"SELECT normalize(%(s)s) AS t", 0, false},
        /* inside an expression, normalize counts a value's characters outside ASCII */
        {"SELECT normalize(lower(%(s)s)) AS t", 0, false},
        {"SELECT normalize(lower(%(s)s)) AS t", 1, true},
        /* the values inside expressions count: joined, trimmed, cast */
        {"SELECT translate(%(s)s || '', %(f)s || '', 'x') AS t", 0, true},
        {"SELECT translate(lower(%(s)s), upper(%(f)s), 'x') AS t", 0, true},
        {"SELECT btrim(%(s)s::bpchar::text, %(f)s::varchar::text) AS t", 0, true},
        /* a cast prints the value anew: name cuts it to 63 bytes, a length
         * pads it, numeric prints an exponent's digits */
        {"SELECT btrim(%(s)s::text, %(f)s::name::text) AS t", 0, false},
        {"SELECT translate('9e130000'::numeric::text, '1e20000'::numeric::text, '') AS t", 3, true},
        /* a value read as a number is judged by its value: "ab" has no
         * exponent (the corpus denies '9e130000' so read) */
        {"SELECT strpos(%(f)s::numeric::text, 'x') AS t", 3, false},
        /* jsonb prints a parameter's text again, longer only for a number with an
         * exponent, which its value shows ("ab" has none); a constant's exponent too */
        {"SELECT strpos(%(f)s::jsonb::text, 'x') AS t", 3, false},
        {"SELECT strpos('[9e130000]'::jsonb::text, 'x') AS t", 3, true},
        {"SELECT strpos((%(f)s::jsonb ->> 'a') || %(s)s, %(s)s) AS t", 3, true},
        {"SELECT strpos(B'0'::bit(80000000)::text, '0000000001') AS t", 3, true},
        {"SELECT position(B'1' IN B'0'::bit(80000000)) AS t", 3, true},
        {"SELECT strpos(%(f)s::char(20000), %(f)s::char(20000)) AS t", 3, true},
        {"SELECT strpos(%(f)s::int::text, '5') AS t", 3, false},
        {"SELECT strpos('12.5'::numeric::text, '5') AS t", 3, false},
        {"SELECT a.uid FROM sdk_examples_account a WHERE strpos(a.name::char(40), %(f)s) > 0 "
         "ORDER BY a.uid",
         3, false},
        {"SELECT strpos(coalesce(%(s)s, ''), concat(%(f)s, 'x')) AS t", 0, true},
        {"SELECT strpos(repeat('a', 5000000), repeat('a', 2000) || 'b') AS t", 0, true},
        {"SELECT strpos(format('%%1000000s', %(s)s), %(f)s) AS t", 0, true},
        {"SELECT a.uid FROM sdk_examples_account a WHERE strpos(lower(a.name), lower(%(f)s)) > 0 "
         "ORDER BY a.uid",
         3, false},
        {"SELECT a.uid FROM sdk_examples_account a WHERE strpos(format('%%s %%s', a.name, "
         "a.region), %(f)s) > 0 ORDER BY a.uid",
         3, false},
        {"SELECT %(s)s IS NFC NORMALIZED AS t", 1, false}, /* a quick check first */
        {"SELECT %(s)s IS NORMALIZED AS t", 1, false},
        {"SELECT is_normalized(%(s)s, 'NFKC') AS t", 1, false},
        /* the decomposed forms have none: they sort */
        {"SELECT %(s)s IS NFD NORMALIZED AS t", 1, true},
        {"SELECT %(s)s IS NOT NFKD NORMALIZED AS t", 1, true},
        {"SELECT pg_catalog.is_normalized(%(s)s, 'nfd') AS t", 1, true},
        {"SELECT is_normalized(%(s)s, %(f)s) AS t", 1, true},
        /* the searches of strpos under other names */
        {"SELECT split_part(%(s)s, %(f)s, 1) AS t", 0, true},
        {"SELECT split_part(%(s)s, %(f)s, -1) AS t", 0, true},
        {"SELECT string_to_array(%(s)s, %(f)s) AS t", 0, true},
        {"SELECT string_to_array(%(s)s, %(f)s, 'x') AS t", 0, true},
        {"SELECT x FROM string_to_table(%(s)s, %(f)s) x ORDER BY 1", 0, true},
        {"SELECT a.uid, split_part(a.name, %(f)s, 2) AS t FROM sdk_examples_account a "
         "ORDER BY a.uid",
         0, false},
        /* LIKE matches its pattern against the text in a loop without a cancel */
        {"SELECT %(s)s LIKE %(f)s AS t", 0, true},
        {"SELECT %(s)s ILIKE %(f)s AS t", 0, true},
        {"SELECT %(s)s NOT LIKE %(f)s AS t", 0, true},
        {"SELECT %(s)s NOT ILIKE %(f)s AS t", 0, true},
        {"SELECT %(s)s ~~ %(f)s AS t", 0, true},
        {"SELECT %(s)s !~~* %(f)s AS t", 0, true},
        {"SELECT %(s)s OPERATOR(pg_catalog.~~) %(f)s AS t", 0, true},
        {"SELECT %(s)s LIKE ANY (ARRAY['x', %(f)s]) AS t", 0, true},
        {"SELECT %(s)s NOT LIKE ALL (%(f)s::text[]) AS t", 0, true},
        {"SELECT %(s)s LIKE %(f)s ESCAPE '!' AS t", 0, true},
        {"SELECT %(s)s::bytea LIKE %(f)s::bytea AS t", 0, true},
        {"SELECT like(%(s)s, %(f)s) AS t", 0, true},
        {"SELECT notlike(%(s)s, %(f)s) AS t", 0, true},
        {"SELECT %(s)s LIKE %(f)s AS t", 4, false},
        {"SELECT a.uid FROM sdk_examples_account a WHERE a.name ILIKE %(f)s ORDER BY a.uid", 0,
         false},
        {"SELECT a.uid FROM sdk_examples_account a WHERE a.name ILIKE '%%' || %(f)s || '%%' "
         "ORDER BY a.uid",
         0, false},
        /* calls under the bound one by one add up */
        {"SELECT translate(%(s)s, %(f)s, 'x') AS t, strpos(%(s)s, %(f)s) AS u", 4, true},
        {"SELECT length(translate(%(s)s, %(f)s, '') || translate(%(s)s, %(f)s, '')) AS t", 4, true},
        {"SELECT %(s)s LIKE %(f)s OR %(s)s ILIKE %(f)s AS t", 4, true},
        {"SELECT strpos(%(s)s, %(f)s) AS t", 2, true},
        {"SELECT strpos(%(s)s, %(f)s) AS t", 3, false},
        {"SELECT translate(%(s)s, %(f)s, 'x') AS t", 4, false},
        {"SELECT normalize(%(s)s) AS t", 4, false},
        {"SELECT a.uid, translate(a.name, %(f)s, 'x') AS t FROM sdk_examples_account a "
         "ORDER BY a.uid",
         3, false},
        {"SELECT a.uid, normalize(a.name) AS n, btrim(a.name) AS b FROM sdk_examples_account a "
         "ORDER BY a.uid",
         3, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *sv = cases[i].params == 0   ? s12k
                         : cases[i].params == 1 ? c12k
                         : cases[i].params == 2 ? s300k
                         : cases[i].params == 3 ? s300k
                                                : s9k;
        const char *fv = cases[i].params == 0   ? b12k
                         : cases[i].params == 2 ? n400
                         : cases[i].params == 4 ? s9k
                                                : "\"ab\"";
        bool uses_s = strstr(cases[i].sql, "%(s)s") != NULL,
             uses_f = strstr(cases[i].sql, "%(f)s") != NULL;
        char *params = sg_test_printf("{%s%s%s%s%s%s}", uses_s ? "\"s\":" : "", uses_s ? sv : "",
                                      uses_s && uses_f ? "," : "", uses_f ? "\"f\":" : "",
                                      uses_f ? fv : "", "");
        sg_verdict *v = check_in(catalog, "select", cases[i].sql, params, accounts, 50, 1000, NULL);
        bool denied = false;
        for (size_t k = 0; k < sg_verdict_diagnostic_count(v); k++)
            denied |= strcmp(sg_verdict_diagnostic(v, k)->rule, "func.resource-bound") == 0 &&
                      strstr(sg_verdict_diagnostic(v, k)->message, "max_work") != NULL;
        if (denied != cases[i].denied) {
            dump(v);
            fail_msg("case %zu (%s): denied %d, expected %d", i, cases[i].sql, denied,
                     cases[i].denied);
        }
        sg_verdict_free(v);
        free(params);
    }
    free(s12k);
    free(b12k);
    free(c12k);
    free(s300k);
    free(n400);
    free(s9k);
}

static void test_rules__warnings_never_deny(void **state)
{
    (void)state;
    static const char *const all_off =
        "{\"rules\":{\"style.select-star\":\"off\",\"style.insert-column-list\":\"off\","
        "\"style.literal-in-predicate\":\"off\",\"paginate.limit-without-order-by\":\"off\","
        "\"paginate.order-by-unique\":\"off\"}}";
    sg_policy *off = load_policy(all_off);

    /* select-star, literal-in-predicate, limit-without-order-by (subquery) and
     * order-by-unique in one otherwise valid select */
    const char *sql = "SELECT * FROM sdk_examples_account\n"
                      "WHERE region = 'US'\n"
                      "  AND uid IN (SELECT uid FROM sdk_examples_account LIMIT 5)\n"
                      "ORDER BY name";
    sg_verdict *v = select_account(sql, NO_PARAMS, NULL);
    expect_count(v, "style.select-star", 1);
    expect_count(v, "style.literal-in-predicate", 1);
    expect_count(v, "paginate.limit-without-order-by", 1);
    expect_count(v, "paginate.order-by-unique", 1);
    assert_int_equal(sg_verdict_diagnostic_count(v), 4);
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++)
        assert_int_equal(sg_verdict_diagnostic(v, i)->severity, SG_SEVERITY_WARNING);
    expect_allowed(v, true);
    sg_verdict *quiet = select_account(sql, NO_PARAMS, off);
    expect_clean(quiet);
    assert_string_equal(sg_verdict_compiled_sql(v), sg_verdict_compiled_sql(quiet));
    sg_verdict_free(quiet);
    sg_verdict_free(v);

    /* insert-column-list, literal-in-predicate and limit-without-order-by in
     * one otherwise valid insert */
    sql = "INSERT INTO sdk_examples_account\n"
          "SELECT uid, name, name, %(region)s FROM sdk_examples_counterparty\n"
          "WHERE name LIKE 'A%%' LIMIT 5";
    v = check_op("insert", sql, "{\"region\":\"US\"}", ACCOUNT_WRITE "," COUNTERPARTY_READ, NULL);
    expect_count(v, "style.insert-column-list", 1);
    expect_count(v, "style.literal-in-predicate", 1);
    expect_count(v, "paginate.limit-without-order-by", 1);
    assert_int_equal(sg_verdict_diagnostic_count(v), 3);
    expect_allowed(v, true);
    quiet =
        check_op("insert", sql, "{\"region\":\"US\"}", ACCOUNT_WRITE "," COUNTERPARTY_READ, off);
    expect_clean(quiet);
    sg_verdict_free(quiet);
    sg_verdict_free(v);

    /* and the warnings do not rescue a denied operation either: the error
     * still denies next to them */
    v = select_account("SELECT * FROM sdk_examples_account WHERE region = 'US' LIMIT 5", NO_PARAMS,
                       NULL);
    expect_count(v, "paginate.order-by-required", 1);
    expect_allowed(v, false);
    sg_verdict_free(v);
    sg_policy_free(off);
}

/* ---- naming.table-prefix ------------------------------------------------------------------ */

#define PREFIX_POLICY                                                                              \
    "{\"rules\":{\"naming.table-prefix\":{\"options\":{\"prefix\":[\"^sdk_examples_\"]}}}}"

static size_t lint_count(const char *sql, const sg_policy *policy, const char *rule)
{
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = policy;
    sg_verdict *v = NULL;
    assert_int_equal(sg_lint_sql(catalog, sql, strlen(sql), &lo, &v), SG_OK);
    size_t n = count_rule(v, rule);
    sg_verdict_free(v);
    return n;
}

static void test_rules__naming_table_prefix(void **state)
{
    (void)state;
    sg_policy *p = load_policy(PREFIX_POLICY);
    /* statements: every physical relation named */
    assert_int_equal(lint_count("SELECT a.uid FROM sdk_examples_account a JOIN account b "
                                "ON a.uid = b.uid ORDER BY a.uid",
                                p, "naming.table-prefix"),
                     1);
    assert_int_equal(
        lint_count("SELECT uid FROM sdk_examples_account ORDER BY uid", p, "naming.table-prefix"),
        0);
    /* CTE names and system catalogs are not physical tables of the project */
    assert_int_equal(lint_count("WITH recent AS (SELECT uid FROM sdk_examples_account) "
                                "SELECT uid FROM recent ORDER BY uid",
                                p, "naming.table-prefix"),
                     0);
    /* migrations: the tables and views DDL creates, and the new name of one it
     * renames; what it only alters, drops or renames away from is history,
     * indexes and sequences are no tables, a temporary table collides with none */
    static const struct {
        const char *sql;
        size_t findings;
    } ddl[] = {
        {"CREATE TABLE account_audit (uid uuid PRIMARY KEY)", 1},
        {"CREATE TABLE sdk_examples_audit (uid uuid PRIMARY KEY)", 0},
        {"CREATE TABLE public.audit AS SELECT 1 AS a", 1},
        {"SELECT 1 AS a INTO audit_copy", 1},
        {"SELECT 1 AS a INTO TEMP scratch", 0},
        {"CREATE TEMP TABLE scratch (a int)", 0},
        {"CREATE VIEW audit_view AS SELECT 1 AS a", 1},
        {"CREATE MATERIALIZED VIEW sdk_examples_mv AS SELECT 1 AS a", 0},
        {"ALTER TABLE sdk_examples_audit RENAME TO audit", 1},
        {"ALTER TABLE account_audit RENAME TO sdk_examples_account_audit", 0},
        {"ALTER VIEW legacy_view RENAME TO legacy_view2", 1},
        {"ALTER TABLE legacy ADD COLUMN x int", 0},
        {"ALTER TABLE legacy RENAME COLUMN a TO b", 0},
        {"DROP TABLE IF EXISTS legacy_accounts, sdk_examples_old", 0},
        {"TRUNCATE legacy", 0},
        {"CREATE INDEX sdk_examples_x_idx ON accounts (uid)", 0},
        {"ALTER INDEX old_idx RENAME TO new_idx", 0},
        {"CREATE SEQUENCE my_seq", 0},
    };
    for (size_t i = 0; i < sizeof ddl / sizeof ddl[0]; i++)
        if (lint_count(ddl[i].sql, p, "naming.table-prefix") != ddl[i].findings)
            fail_msg("%s: expected %zu naming.table-prefix", ddl[i].sql, ddl[i].findings);
    /* a rename's finding stands on the new name */
    static const char rename[] = "ALTER TABLE sdk_examples_a RENAME TO \"Bad_Name\"";
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = p;
    sg_verdict *rv = NULL;
    assert_int_equal(sg_lint_sql(catalog, rename, strlen(rename), &lo, &rv), SG_OK);
    assert_int_equal(sg_verdict_diagnostic_count(rv), 1);
    assert_int_equal(sg_verdict_diagnostic(rv, 0)->offset,
                     (long)(strstr(rename, "Bad_Name") - rename));
    sg_verdict_free(rv);
    /* without the option the rule has nothing to enforce */
    assert_int_equal(lint_count("CREATE TABLE account_audit (uid uuid PRIMARY KEY)", NULL,
                                "naming.table-prefix"),
                     0);
    /* the catalog itself: every physical name of the corpus catalog carries the prefix
     * except the mixed-case audit table */
    sg_verdict *v = NULL;
    assert_int_equal(sg_lint_catalog(catalog, p, &v), SG_OK);
    assert_int_equal(count_rule(v, "naming.table-prefix"), 1);
    assert_non_null(strstr(sg_verdict_diagnostic(v, 0)->message, "Sdk_Examples_Audit"));
    sg_verdict_free(v);
    assert_int_equal(sg_lint_catalog(catalog, NULL, &v), SG_OK);
    assert_int_equal(sg_verdict_diagnostic_count(v), 0);
    sg_verdict_free(v);
    sg_policy_free(p);
}

/* ---- the registry -------------------------------------------------------------------------- */

/* "area.name" or "area.name-more": lower-case words, one dot. */
static bool well_formed_id(const char *id)
{
    const char *dot = strchr(id, '.');
    if (!dot || dot == id || strchr(dot + 1, '.') || !dot[1])
        return false;
    for (const char *p = id; *p; p++) {
        bool letter = *p >= 'a' && *p <= 'z';
        bool joint = (*p == '.' || *p == '-') && p > id && p[-1] != '.' && p[-1] != '-' && p[1];
        if (!letter && !joint)
            return false;
    }
    return true;
}

static void test_rules__registry_ids_unique_and_well_formed(void **state)
{
    (void)state;
    assert_true(sg__rule_total > 0);
    for (size_t i = 0; i < sg__rule_total; i++) {
        const sg__rule *r = sg__rule_table[i];
        assert_non_null(r);
        if (!well_formed_id(r->id))
            fail_msg("rule id \"%s\" is not area.name", r->id);
        assert_true(r->summary && r->summary[0]);
        assert_true(r->severity == SG_SEVERITY_ERROR || r->severity == SG_SEVERITY_WARNING);
        for (size_t k = 0; k < i; k++)
            if (strcmp(sg__rule_table[k]->id, r->id) == 0 || sg__rule_table[k] == r)
                fail_msg("rule %s is listed twice", r->id);
        assert_ptr_equal(sg__rule_find(r->id), r);
        assert_int_equal(sg__rule_index(r), i);
    }
    assert_null(sg__rule_find("no.such-rule"));
    assert_int_equal(sg__rule_index(NULL), sg__rule_total);
    assert_false(well_formed_id("op"));
    assert_false(well_formed_id("Op.invalid"));
    assert_false(well_formed_id("op..invalid"));
    assert_false(well_formed_id("op.invalid-"));
}

/* A descriptor's checks agree with its kinds; its options are well formed. */
static void test_rules__registry_descriptors_agree_with_their_kinds(void **state)
{
    (void)state;
    const unsigned known = SG_RULE_OPERATION | SG_RULE_FACTS | SG_RULE_CATALOG;
    size_t catalog_rules = 0;
    for (size_t i = 0; i < sg__rule_total; i++) {
        const sg__rule *r = sg__rule_table[i];
        assert_int_equal(r->kinds & ~known, 0);
        assert_false((r->kinds & SG_RULE_OPERATION) && (r->kinds & SG_RULE_FACTS));
        assert_int_equal(r->check != NULL, (r->kinds & (SG_RULE_OPERATION | SG_RULE_FACTS)) != 0);
        assert_int_equal(r->check_catalog != NULL, (r->kinds & SG_RULE_CATALOG) != 0);
        catalog_rules += (r->kinds & SG_RULE_CATALOG) != 0;
        /* only a check over facts can want them complete */
        if (r->needs_complete_facts)
            assert_true(r->kinds & SG_RULE_FACTS);
        /* a stage rule guards the pipeline itself */
        if (r->kinds == SG_RULE_STAGE)
            assert_true(r->locked);
        for (const sg__option *o = r->options; o && o->name; o++) {
            assert_true(o->type == SG_OPT_PATTERNS || o->type == SG_OPT_ENUM ||
                        o->type == SG_OPT_INTEGER);
            assert_true(o->help && o->help[0]);
            assert_int_equal(o->type == SG_OPT_ENUM, o->choices != NULL);
            for (const sg__option *p = r->options; p < o; p++)
                assert_string_not_equal(p->name, o->name);
        }
    }
    assert_true(catalog_rules > 0);
    /* the stages report under these */
    assert_ptr_equal(sg__rule_find("op.invalid"), &sg__rule_op_invalid);
    assert_ptr_equal(sg__rule_find("scope.invalid"), &sg__rule_scope_invalid);
    assert_ptr_equal(sg__rule_find("params.syntax"), &sg__rule_params_syntax);
    assert_ptr_equal(sg__rule_find("sql.syntax"), &sg__rule_sql_syntax);
    assert_ptr_equal(sg__rule_find("sql.multiple-statements"), &sg__rule_sql_multiple_statements);
}

/* The runner's lists by kind hold exactly the rules of each kind, in table
 * order; `needs` is declared by facts rules only, with known bits. */
static void test_rules__registry_lists_by_kind(void **state)
{
    (void)state;
    static const sg__rule_kind kinds[] = {SG_RULE_OPERATION, SG_RULE_FACTS, SG_RULE_CATALOG};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t count, at = 0;
        const sg__rule *const *list = sg__rules_of_kind(kinds[k], &count);
        for (size_t i = 0; i < sg__rule_total; i++) {
            if (!(sg__rule_table[i]->kinds & kinds[k]))
                continue;
            assert_true(at < count);
            assert_ptr_equal(list[at++], sg__rule_table[i]);
        }
        assert_int_equal(at, count);
        assert_true(count > 0);
    }
    const unsigned known = (SG_FACT_PARAM_CMPS << 1) - 1;
    for (size_t i = 0; i < sg__rule_total; i++) {
        const sg__rule *r = sg__rule_table[i];
        assert_int_equal(r->needs & ~known, 0);
        if (r->needs)
            assert_true(r->kinds & SG_RULE_FACTS);
    }
}

/* A rule that declares the facts it needs reports nothing on a statement
 * with none of them, whatever else the check knows: the runner may skip it. */
static void test_rules__rules_without_their_facts_report_nothing(void **state)
{
    (void)state;
    sg__arena arena;
    sg__arena_init(&arena);
    sg__facts facts;
    memset(&facts, 0, sizeof facts);
    facts.kind = SG_STMT_SELECT;
    facts.statement_count = 1;
    facts.top.limit_location = -1;
    sg__operation op;
    memset(&op, 0, sizeof op);
    op.kind = SG_OP_SELECT;
    op.kind_text = "select";
    sg__scope scope;
    memset(&scope, 0, sizeof scope);
    scope.mode = SG_SCOPE_DECLARED;
    sg__ph_result ph;
    memset(&ph, 0, sizeof ph);
    sg__param_binding bind;
    memset(&bind, 0, sizeof bind);
    bind.shape_ok = true;
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    sg__diags diags;
    memset(&diags, 0, sizeof diags);
    diags.arena = &arena;
    diags.max = 100;
    assert_int_equal(sg__facts_present(&facts), 0);
    size_t declared = 0;
    for (size_t i = 0; i < sg__rule_total; i++) {
        const sg__rule *r = sg__rule_table[i];
        if (!r->needs)
            continue;
        sg__rule_memo memo = {NULL};
        sg__rule_ctx ctx = {.rule = r,
                            .facts = &facts,
                            .op = &op,
                            .scope = &scope,
                            .ph = &ph,
                            .bind = &bind,
                            .opts = &opts,
                            .diags = &diags,
                            .memo = &memo};
        assert_int_equal(r->check(&ctx), 0);
        if (diags.items.count)
            fail_msg("%s reported without the facts it says it needs", r->id);
        declared++;
    }
    assert_true(declared >= 10);
    sg__arena_release(&arena);
}

static void test_rules__registry_is_the_public_table(void **state)
{
    (void)state;
    assert_int_equal(sg_rule_count(), sg__rule_total);
    for (size_t i = 0; i < sg__rule_total; i++) {
        const sg__rule *r = sg__rule_table[i];
        assert_ptr_equal(sg_rule_id(i), r->id);
        assert_ptr_equal(sg_rule_summary(i), r->summary);
        assert_int_equal(sg_rule_default_severity(i), r->severity);
        assert_int_equal(sg_rule_locked(i), r->locked);
        size_t n = 0;
        while (r->options && r->options[n].name)
            n++;
        assert_int_equal(sg_rule_option_count(i), n);
        for (size_t k = 0; k < n; k++) {
            assert_ptr_equal(sg_rule_option_name(i, k), r->options[k].name);
            assert_ptr_equal(sg_rule_option_help(i, k), r->options[k].help);
        }
        assert_null(sg_rule_option_name(i, n));
    }
    assert_null(sg_rule_id(sg__rule_total));
    assert_null(sg_rule_summary(sg__rule_total));
    assert_false(sg_rule_locked(sg__rule_total));
    assert_int_equal(sg_rule_option_count(sg__rule_total), 0);
}

/* The id of the descriptor rules/<file> defines (`.id = "..."`), or NULL. */
static char *descriptor_id(const char *file)
{
    size_t len;
    char *text = sg_test_slurp(file, &len);
    assert_non_null(text);
    char *id = NULL;
    const char *at = strstr(text, "const sg__rule sg__rule_");
    const char *key = at ? strstr(at, ".id = \"") : NULL;
    if (key) {
        key += strlen(".id = \"");
        id = strndup(key, strcspn(key, "\""));
    }
    free(text);
    return id;
}

/* Every rule file's descriptor is in the registry, and nothing else is. */
static void test_rules__registry_lists_every_rule_file(void **state)
{
    (void)state;
    DIR *dir = opendir(SG_SOURCE_DIR "/rules");
    assert_non_null(dir);
    size_t files = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/rules/%s", SG_SOURCE_DIR, e->d_name);
        char *id = descriptor_id(path);
        if (!id)
            continue; /* the registry, the function list */
        files++;
        if (!sg__rule_find(id))
            fail_msg("%s defines rule %s, which the registry does not list", e->d_name, id);
        /* one file per rule, named for it */
        char expected[128];
        snprintf(expected, sizeof expected, "%s.c", id);
        for (char *p = expected; *p; p++)
            if (*p == '.' && strcmp(p, ".c") != 0)
                *p = '_';
            else if (*p == '-')
                *p = '_';
        assert_string_equal(e->d_name, expected);
        free(id);
    }
    closedir(dir);
    assert_int_equal(files, sg__rule_total);
}

/* ---- needs_complete_facts ------------------------------------------------------------------ */

/* A select checked under a parse-tree depth bound (0: the default). */
static sg_verdict *check_depth(const char *sql, const char *params, const char *tables,
                               unsigned depth)
{
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    if (depth)
        opts.max_ast_depth = depth;
    return check_with("select", sql, params, tables, 10, 1000, &opts);
}

/* Every rule that needs complete facts draws a finding on these operations
 * when the walker sees them whole, and none when it is cut short: only
 * sql.unsupported speaks then. */
static void test_rules__needs_complete_facts_silent_on_incomplete_facts(void **state)
{
    (void)state;
    /* deeper than the bound of 12, beyond what the other findings need */
    static const char deep[] = "uid = upper(lower(upper(lower(upper(lower(upper(lower(upper("
                               "lower(upper(lower(upper(name)))))))))))))";
    char unordered[512], ordered[512];
    snprintf(unordered, sizeof unordered,
             "SELECT uid FROM sdk_examples_account\n"
             "WHERE %s AND name <> '%%(quoted)s' AND region = %%(region)s",
             deep);
    snprintf(ordered, sizeof ordered,
             "SELECT uid, name, no_such_column FROM sdk_examples_account WHERE %s ORDER BY name",
             deep);
    static const char params[] = "{\"region\":\"US\",\"quoted\":1,\"spare\":2}";
    static const char *const expected[] = {"params.unused",
                                           "params.in-literal",
                                           "scope.unused-table",
                                           "paginate.order-by-required",
                                           "paginate.order-by-unique",
                                           "column.unknown"};
    size_t covered = 0;
    for (int pass = 0; pass < 2; pass++) {
        unsigned depth = pass ? 12 : 0;
        sg_verdict *a = check_depth(unordered, params, ACCOUNT_READ "," COUNTERPARTY_READ, depth);
        sg_verdict *b = check_depth(ordered, NO_PARAMS, ACCOUNT_READ, depth);
        expect_count(a, "sql.unsupported", pass);
        expect_count(b, "sql.unsupported", pass);
        for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
            size_t n = count_rule(a, expected[i]) + count_rule(b, expected[i]);
            if (pass == 0 && n == 0) {
                dump(a), dump(b);
                fail_msg("%s: no finding on the whole statement", expected[i]);
            }
            if (pass == 1 && n != 0) {
                dump(a), dump(b);
                fail_msg("%s: reported on a statement the walker did not finish", expected[i]);
            }
        }
        sg_verdict_free(a);
        sg_verdict_free(b);
    }
    /* the list above is every rule that declares it needs complete facts */
    for (size_t i = 0; i < sg__rule_total; i++) {
        if (!sg__rule_table[i]->needs_complete_facts)
            continue;
        bool listed = false;
        for (size_t k = 0; k < sizeof expected / sizeof expected[0]; k++)
            listed |= strcmp(expected[k], sg__rule_table[i]->id) == 0;
        if (!listed)
            fail_msg("%s needs complete facts but is not exercised here", sg__rule_table[i]->id);
        covered++;
    }
    assert_int_equal(covered, sizeof expected / sizeof expected[0]);
}

/* ---- catalog rules ------------------------------------------------------------------------- */

/* sg_lint_catalog runs the catalog rules through the registry: under the
 * policy's severity, and not at all when the policy turns them off. */
static void test_rules__catalog_rules_run_through_the_registry(void **state)
{
    (void)state;
    static const char *const policies[] = {
        PREFIX_POLICY,
        "{\"rules\":{\"naming.table-prefix\":{\"severity\":\"warning\",\"options\":"
        "{\"prefix\":[\"^sdk_examples_\"]}}}}",
        "{\"rules\":{\"naming.table-prefix\":{\"severity\":\"off\",\"options\":"
        "{\"prefix\":[\"^sdk_examples_\"]}}}}",
    };
    for (size_t i = 0; i < 3; i++) {
        sg_policy *p = load_policy(policies[i]);
        sg_verdict *v = NULL;
        assert_int_equal(sg_lint_catalog(catalog, p, &v), SG_OK);
        if (i == 2) {
            expect_clean(v);
        } else {
            expect_count(v, "naming.table-prefix", 1);
            const sg_diagnostic *d = sg_verdict_diagnostic(v, 0);
            assert_int_equal(d->severity, i == 0 ? SG_SEVERITY_ERROR : SG_SEVERITY_WARNING);
            assert_int_equal(d->offset, -1);
            expect_allowed(v, i == 1);
        }
        sg_verdict_free(v);
        sg_policy_free(p);
    }
    /* a pattern every name matches: nothing to say */
    sg_policy *p = load_policy(
        "{\"rules\":{\"naming.table-prefix\":{\"options\":{\"prefix\":[\"^[Ss]dk_\"]}}}}");
    sg_verdict *v = NULL;
    assert_int_equal(sg_lint_catalog(catalog, p, &v), SG_OK);
    expect_clean(v);
    sg_verdict_free(v);
    sg_policy_free(p);
}

/* Attribute notation: a selected name that is no column is a call f(row). */
static void test_rules__attribute_notation_calls(void **state)
{
    (void)state;
    /* a catalog that lists no columns: a name that is a denied built-in is
     * taken for the call; any other name may be a column */
    sg_verdict *v =
        check_in(keys_catalog, "select", "SELECT h.version, h.tenant, h.name, (h).ctid FROM heap h",
                 NO_PARAMS, TABLE(HEAP, "h", "read"), 50, 1000, NULL);
    expect_count(v, "func.denied", 1);
    assert_non_null(strstr(find_rule(v, "func.denied", 0)->message, "version is denied"));
    sg_verdict_free(v);
    /* the corpus catalog lists the columns: a column is a field whatever its name */
    v = select_account("SELECT a.uid, a.name, (a).region, a.xmin FROM sdk_examples_account a "
                       "ORDER BY a.uid",
                       NO_PARAMS, NULL);
    expect_none(v, "func.denied");
    sg_verdict_free(v);
    /* a schema-qualified row must be the table's own schema */
    v = select_account("SELECT ledger.sdk_examples_account.version FROM sdk_examples_account "
                       "ORDER BY uid",
                       NO_PARAMS, NULL);
    expect_count(v, "func.denied", 1);
    sg_verdict_free(v);
    /* the policy's patterns judge the name as they judge a call */
    sg_policy *deny =
        load_policy("{\"rules\":{\"func.denied\":{\"options\":{\"deny\":[\"^upper$\"]}}}}");
    v = select_account("SELECT a.upper FROM sdk_examples_account a ORDER BY a.uid", NO_PARAMS,
                       deny);
    expect_count(v, "func.denied", 1);
    assert_non_null(strstr(find_rule(v, "func.denied", 0)->message, "the policy denies"));
    sg_verdict_free(v);
    v = select_account("SELECT a.name FROM sdk_examples_account a ORDER BY a.uid", NO_PARAMS, deny);
    expect_none(v, "func.denied");
    sg_verdict_free(v);
    sg_policy_free(deny);
    sg_policy *allow =
        load_policy("{\"rules\":{\"func.denied\":{\"options\":{\"allow\":[\"^version$\"]}}}}");
    v = select_account("SELECT a.version FROM sdk_examples_account a ORDER BY a.uid", NO_PARAMS,
                       allow);
    expect_none(v, "func.denied");
    sg_verdict_free(v);
    sg_policy_free(allow);
    /* linted without a catalog, a relation's columns are unknown and taken as
     * written; an expression's row is still judged */
    const char *sql = "SELECT t.version, (42::bigint).pg_advisory_lock FROM t";
    assert_int_equal(sg_lint_sql(NULL, sql, strlen(sql), NULL, &v), SG_OK);
    expect_count(v, "func.denied", 1);
    assert_non_null(strstr(find_rule(v, "func.denied", 0)->message, "pg_advisory_lock"));
    sg_verdict_free(v);
}

/* column.unknown: a qualified name its scoped table does not have. */
static void test_rules__column_unknown(void **state)
{
    (void)state;
    const char *sql = "SELECT a.uid, a.nmae, a.zzz, a.region FROM sdk_examples_account a "
                      "ORDER BY a.uid";
    sg_verdict *v = select_account(sql, NO_PARAMS, NULL);
    expect_count(v, "column.unknown", 2);
    expect_nth_at(v, "column.unknown", 0, SG_SEVERITY_ERROR, sql, "a.nmae", "nmae");
    assert_string_equal(find_rule(v, "column.unknown", 0)->message,
                        "table public.sdk_examples_account has no column \"nmae\" (did you mean "
                        "\"name\"?)");
    assert_string_equal(find_rule(v, "column.unknown", 1)->message,
                        "table public.sdk_examples_account has no column \"zzz\"");
    sg_verdict_free(v);
    /* an unqualified name says which FROM item lacks it: the one there is
     * by its name, or none of several (never "no ... has no column") */
    static const struct {
        const char *sql, *message;
    } unqualified[] = {
        {"WITH x(a, b) AS (SELECT 1, 2) SELECT a, c FROM x", "FROM item x has no column \"c\""},
        {"SELECT q, zz FROM (SELECT 1 AS q) AS s", "FROM item s has no column \"zz\""},
        {"WITH x(a, b) AS (SELECT 1, 2), y(d) AS (SELECT 3) SELECT a, dd FROM x, y",
         "no FROM item in sight has a column \"dd\" (did you mean \"d\"?)"},
        {"SELECT nope", "this query has no FROM item, so it has no column \"nope\""},
        {"SELECT nmae FROM sdk_examples_account ORDER BY uid",
         "table public.sdk_examples_account has no column \"nmae\" (did you mean \"name\"?)"},
    };
    for (size_t i = 0; i < sizeof unqualified / sizeof *unqualified; i++) {
        v = select_account(unqualified[i].sql, NO_PARAMS, NULL);
        expect_count(v, "column.unknown", 1);
        assert_string_equal(find_rule(v, "column.unknown", 0)->message, unqualified[i].message);
        sg_verdict_free(v);
    }
    /* one edit away (a substitution) is close enough to suggest */
    v = select_account("SELECT a.rid FROM sdk_examples_account a ORDER BY a.uid", NO_PARAMS, NULL);
    expect_count(v, "column.unknown", 1);
    assert_non_null(strstr(find_rule(v, "column.unknown", 0)->message, "did you mean \"uid\"?"));
    sg_verdict_free(v);
    /* a function's name is a call, func.denied's or allowed; a system column is a column */
    v = select_account("SELECT a.xmin, a.ctid FROM sdk_examples_account a ORDER BY a.uid",
                       NO_PARAMS, NULL);
    expect_none(v, "column.unknown");
    sg_verdict_free(v);
    /* a catalog without columns, and lint without a catalog, know no columns */
    v = check_in(keys_catalog, "select", "SELECT h.nope FROM heap h", NO_PARAMS,
                 TABLE(HEAP, "h", "read"), 50, 1000, NULL);
    expect_none(v, "column.unknown");
    sg_verdict_free(v);
    sql = "SELECT t.nope FROM t";
    assert_int_equal(sg_lint_sql(NULL, sql, strlen(sql), NULL, &v), SG_OK);
    expect_none(v, "column.unknown");
    sg_verdict_free(v);
    /* not locked: a policy may turn it off */
    sg_policy *off = load_policy("{\"rules\":{\"column.unknown\":\"off\"}}");
    v = select_account("SELECT a.nmae FROM sdk_examples_account a ORDER BY a.uid", NO_PARAMS, off);
    expect_none(v, "column.unknown");
    sg_verdict_free(v);
    sg_policy_free(off);
}

/* conflict.target-not-unique: a column list that is no key of the catalog's. */
static void test_rules__conflict_target_not_unique(void **state)
{
    (void)state;
    static const struct {
        const char *target;
        size_t findings;
    } cases[] = {
        {"(name)", 1},
        {"(account_code, region)", 1},
        {"(uid)", 0},
        {"(account_code)", 0},
        {"(account_code, account_code)", 0},
        {"(lower(account_code))", 0},            /* an expression: not judged */
        {"(account_code) WHERE region = $1", 0}, /* a partial index: not judged */
        {"ON CONSTRAINT any_name", 0},           /* a constraint: not judged */
        {"", 0},                                 /* no arbiter */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "INSERT INTO sdk_examples_account (account_code, name, region) VALUES "
                 "('a', 'b', 'EU') ON CONFLICT %s DO NOTHING",
                 cases[i].target);
        sg_verdict *v = check_op("insert", sql, "[\"EU\"]", ACCOUNT_WRITE, NULL);
        if (count_rule(v, "conflict.target-not-unique") != cases[i].findings) {
            dump(v);
            fail_msg("ON CONFLICT %s: %zu findings, want %zu", cases[i].target,
                     count_rule(v, "conflict.target-not-unique"), cases[i].findings);
        }
        sg_verdict_free(v);
    }
    /* a table the catalog lists no key for is not judged */
    sg_verdict *v = check_in(keys_catalog, "insert",
                             "INSERT INTO heap (a) VALUES (1) ON CONFLICT (a) DO NOTHING",
                             NO_PARAMS, TABLE(HEAP, "h", "write"), 50, 1000, NULL);
    expect_none(v, "conflict.target-not-unique");
    sg_verdict_free(v);
    v = check_in(keys_catalog, "insert",
                 "INSERT INTO pairs (code, tenant) VALUES (1, 2) ON CONFLICT (code, tenant) "
                 "DO NOTHING",
                 NO_PARAMS, TABLE(PAIRS, "p", "write"), 50, 1000, NULL);
    expect_none(v, "conflict.target-not-unique");
    sg_verdict_free(v);
    v = check_in(keys_catalog, "insert",
                 "INSERT INTO pairs (code, tenant) VALUES (1, 2) ON CONFLICT (code) DO NOTHING",
                 NO_PARAMS, TABLE(PAIRS, "p", "write"), 50, 1000, NULL);
    expect_count(v, "conflict.target-not-unique", 1);
    assert_non_null(strstr(find_rule(v, "conflict.target-not-unique", 0)->message,
                           "ON CONFLICT (code) matches neither the primary key (uid) nor a "
                           "unique key of public.pairs (1 listed in the catalog)"));
    sg_verdict_free(v);
    /* the message says what the catalog lists: a primary key alone, or
     * unique keys without one */
    v = check_in(keys_catalog, "insert",
                 "INSERT INTO numbers (id, n) VALUES (1, 2) ON CONFLICT (n) DO NOTHING", NO_PARAMS,
                 TABLE(NUMBERS, "n", "write"), 50, 1000, NULL);
    expect_count(v, "conflict.target-not-unique", 1);
    assert_string_equal(find_rule(v, "conflict.target-not-unique", 0)->message,
                        "ON CONFLICT (n) is not the primary key (id) of public.numbers, the only "
                        "key the catalog lists, so PostgreSQL will refuse it");
    sg_verdict_free(v);
    v = check_in(keys_catalog, "insert",
                 "INSERT INTO settings (tenant, key) VALUES (1, 'k') ON CONFLICT (key) DO NOTHING",
                 NO_PARAMS, TABLE(SETTINGS, "s", "write"), 50, 1000, NULL);
    expect_count(v, "conflict.target-not-unique", 1);
    assert_string_equal(find_rule(v, "conflict.target-not-unique", 0)->message,
                        "ON CONFLICT (key) matches no unique key of public.settings (1 listed in "
                        "the catalog, and no primary key), so PostgreSQL will refuse it");
    sg_verdict_free(v);
    v = check_in(keys_catalog, "insert",
                 "INSERT INTO settings (tenant, key) VALUES (1, 'k') ON CONFLICT (key, tenant) DO "
                 "NOTHING",
                 NO_PARAMS, TABLE(SETTINGS, "s", "write"), 50, 1000, NULL);
    expect_none(v, "conflict.target-not-unique");
    sg_verdict_free(v);
}

/* insert.not-null-missing: every NOT NULL column without a default gets a value. */
static void test_rules__insert_not_null_missing(void **state)
{
    (void)state;
    static const struct {
        const char *sql;
        const char *missing; /* NULL: no finding */
    } cases[] = {
        {"INSERT INTO sdk_examples_account (account_code, name, region) VALUES ('a', 'b', 'c')",
         NULL},
        {"INSERT INTO sdk_examples_account (account_code, name) VALUES ('a', 'b')",
         "NOT NULL column region, which has"},
        {"INSERT INTO sdk_examples_account (uid) VALUES (gen_random_uuid())",
         "NOT NULL columns account_code, name, region, which have"},
        {"INSERT INTO sdk_examples_account AS a (ACCOUNT_CODE, \"name\", region) "
         "SELECT 'a', 'b', 'c'",
         NULL},
        /* without a list, the first columns in order: uid (defaulted) is given too */
        {"INSERT INTO sdk_examples_account VALUES (gen_random_uuid(), 'a', 'b', 'c')", NULL},
        {"INSERT INTO sdk_examples_account VALUES (gen_random_uuid(), 'a', 'b')",
         "NOT NULL column region"},
        {"INSERT INTO sdk_examples_account SELECT * FROM sdk_examples_account", NULL},
        {"WITH x AS (INSERT INTO sdk_examples_account (name) VALUES ('n') RETURNING uid) "
         "SELECT uid FROM x",
         "NOT NULL columns account_code, region"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_verdict *v = check_op("insert", cases[i].sql, NO_PARAMS, ACCOUNT_WRITE, NULL);
        const sg_diagnostic *d = find_rule(v, "insert.not-null-missing", 0);
        if (cases[i].missing ? !d || !strstr(d->message, cases[i].missing) : d != NULL) {
            dump(v);
            fail_msg("%s: want %s", cases[i].sql, cases[i].missing ? cases[i].missing : "none");
        }
        sg_verdict_free(v);
    }
    /* a catalog without columns knows no NOT NULL */
    sg_verdict *v = check_in(keys_catalog, "insert", "INSERT INTO heap DEFAULT VALUES", NO_PARAMS,
                             TABLE(HEAP, "h", "write"), 50, 1000, NULL);
    expect_none(v, "insert.not-null-missing");
    sg_verdict_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules__registry_ids_unique_and_well_formed),
        cmocka_unit_test(test_rules__registry_descriptors_agree_with_their_kinds),
        cmocka_unit_test(test_rules__registry_is_the_public_table),
        cmocka_unit_test(test_rules__registry_lists_by_kind),
        cmocka_unit_test(test_rules__rules_without_their_facts_report_nothing),
        cmocka_unit_test(test_rules__registry_lists_every_rule_file),
        cmocka_unit_test(test_rules__needs_complete_facts_silent_on_incomplete_facts),
        cmocka_unit_test(test_rules__catalog_rules_run_through_the_registry),
        cmocka_unit_test(test_rules__naming_table_prefix),
        cmocka_unit_test(test_rules__select_star_top_level),
        cmocka_unit_test(test_rules__select_star_not_in_count_or_nested_queries),
        cmocka_unit_test(test_rules__select_star_policy),
        cmocka_unit_test(test_rules__insert_column_list_values),
        cmocka_unit_test(test_rules__insert_column_list_select),
        cmocka_unit_test(test_rules__insert_column_list_silent_with_columns_or_defaults),
        cmocka_unit_test(test_rules__insert_column_list_policy),
        cmocka_unit_test(test_rules__literal_in_predicate_column_and_literal),
        cmocka_unit_test(test_rules__literal_in_predicate_like_and_cast),
        cmocka_unit_test(test_rules__attribute_notation_calls),
        cmocka_unit_test(test_rules__column_unknown),
        cmocka_unit_test(test_rules__conflict_target_not_unique),
        cmocka_unit_test(test_rules__insert_not_null_missing),
        cmocka_unit_test(test_rules__literal_in_predicate_silent),
        cmocka_unit_test(test_rules__literal_in_predicate_policy),
        cmocka_unit_test(test_rules__limit_without_order_by_in_subquery),
        cmocka_unit_test(test_rules__limit_without_order_by_in_cte),
        cmocka_unit_test(test_rules__limit_without_order_by_silent_with_order_by),
        cmocka_unit_test(test_rules__pagination_one_finding_at_the_limit),
        cmocka_unit_test(test_rules__pagination_placeholders_and_nesting),
        cmocka_unit_test(test_rules__pagination_top_warning_when_order_by_required_is_silent),
        cmocka_unit_test(test_rules__pagination_lint_one_finding),
        cmocka_unit_test(test_rules__limit_without_order_by_policy),
        cmocka_unit_test(test_rules__order_by_unique_not_unique),
        cmocka_unit_test(test_rules__order_by_unique_silent_with_a_key),
        cmocka_unit_test(test_rules__order_by_unique_only_top_level_order_by_of_selects),
        cmocka_unit_test(test_rules__order_by_unique_policy),
        cmocka_unit_test(test_rules__key_lookup_corpus_keys),
        cmocka_unit_test(test_rules__order_by_unique_with_pinned_key_columns),
        cmocka_unit_test(test_rules__key_lookup_composite_key),
        cmocka_unit_test(test_rules__column_unlisted_once_per_table),
        cmocka_unit_test(test_rules__key_lookup_own_type_casts),
        cmocka_unit_test(test_rules__app_typed_columns),
        cmocka_unit_test(test_rules__nested_key_lookup_limit),
        cmocka_unit_test(test_rules__key_lookup_column_casts_and_collations),
        cmocka_unit_test(test_rules__key_lookup_constants_and_joins),
        cmocka_unit_test(test_rules__key_lookup_lint_needs_a_catalog),
        cmocka_unit_test(test_rules__type_denied_location),
        cmocka_unit_test(test_rules__type_denied_lint_with_and_without_catalog),
        cmocka_unit_test(test_rules__limits_bounds_over_the_policy_maxima),
        cmocka_unit_test(test_rules__limits_bounds_at_the_maxima_allowed),
        cmocka_unit_test(test_rules__limits_bounds_needs_policy_options),
        cmocka_unit_test(test_rules__limits_bounds_policy),
        cmocka_unit_test(test_rules__limits_bounds_bad_options_fail_to_load),
        cmocka_unit_test(test_rules__name_typed_columns),
        cmocka_unit_test(test_rules__ts_configuration_columns),
        cmocka_unit_test(test_rules__xml_columns),
        cmocka_unit_test(test_rules__upsert_keeping_the_arbiter_key),
        cmocka_unit_test(test_rules__quadratic_text_functions),
        cmocka_unit_test(test_rules__polygons_and_bits),
        cmocka_unit_test(test_rules__foreign_key_chains),
        cmocka_unit_test(test_rules__json_growth),
        cmocka_unit_test(test_rules__warnings_never_deny),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
