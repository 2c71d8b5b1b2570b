/*
 * test_hints.c - foreign-dialect hints on sql.syntax and func.denied.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sqlguard.h"

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

/* The message of the first diagnostic of `rule` when `sql` is linted under
 * the strict profile (the repository profile lets unknown functions pass). */
static char *message_of(const char *sql, const char *rule)
{
    sg_verdict *v = NULL;
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.profile = SG_LINT_PROFILE_STRICT;
    assert_int_equal(sg_lint_sql(catalog, sql, strlen(sql), &lo, &v), SG_OK);
    char *msg = NULL;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v) && !msg; i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        if (strcmp(d->rule, rule) == 0)
            msg = strdup(d->message);
    }
    assert_false(sg_verdict_allowed(v));
    sg_verdict_free(v);
    if (!msg)
        fail_msg("no %s for: %s", rule, sql);
    return msg;
}

static void expect_hint(const char *sql, const char *rule, const char *hint)
{
    char *msg = message_of(sql, rule);
    if (!strstr(msg, hint))
        fail_msg("message \"%s\" lacks hint \"%s\"", msg, hint);
    free(msg);
}

static void expect_no_hint(const char *sql, const char *rule)
{
    char *msg = message_of(sql, rule);
    if (strstr(msg, "(hint:"))
        fail_msg("unexpected hint in \"%s\"", msg);
    free(msg);
}

static void test_hints__syntax_of_other_dialects(void **state)
{
    (void)state;
    expect_hint("SELECT `name` FROM sdk_examples_account", "sql.syntax",
                "double quotes, not backticks");
    expect_hint("SELECT name FROM sdk_examples_account ORDER BY name LIMIT 10, 20", "sql.syntax",
                "LIMIT count OFFSET skip");
    expect_hint("SELECT TOP 5 name FROM sdk_examples_account", "sql.syntax", "not TOP n");
    expect_hint("SELECT DISTINCT TOP 5 name FROM sdk_examples_account", "sql.syntax", "not TOP n");
    expect_hint("CREATE TABLE sdk_examples_x (id int AUTO_INCREMENT PRIMARY KEY)", "sql.syntax",
                "GENERATED ALWAYS AS IDENTITY");
    expect_hint("SELECT [name] FROM [sdk_examples_account]", "sql.syntax", "not square brackets");
    expect_hint("INSERT INTO sdk_examples_account (name) VALUES (%(n)s) "
                "ON DUPLICATE KEY UPDATE name = %(n)s",
                "sql.syntax", "ON CONFLICT");
    /* templates' placeholders, which their tools fill in */
    expect_hint(
        "CREATE TABLE IF NOT EXISTS {{ index .Options \"Namespace\" }}.oauth_state (id uuid)",
        "sql.syntax", "({{ ... }} of Go templates, Jinja or dbt");
    expect_hint("SELECT name FROM {{ ref('accounts') }} ORDER BY 1", "sql.syntax", "Jinja");
    expect_hint("SELECT name FROM sdk_examples_account WHERE {% if x %} a {% endif %}",
                "sql.syntax", "template's placeholder");
    expect_hint("SELECT name FROM sdk_examples_account WHERE uid = $1 AND %query% ORDER BY 1",
                "sql.syntax", "%name% placeholder");
    /* JDBC's and yesql's ? */
    expect_hint("SELECT name FROM sdk_examples_account WHERE uid = ? ORDER BY name", "sql.syntax",
                "? placeholder (JDBC, ODBC, yesql)");
    expect_hint("SELECT name FROM sdk_examples_account WHERE uid IN (?, ?)", "sql.syntax",
                "? placeholder");
    expect_hint("SELECT name FROM sdk_examples_account WHERE name LIKE ?", "sql.syntax",
                "? placeholder");
    expect_hint("UPDATE sdk_examples_account SET name = ?, region = ? WHERE uid = ?", "sql.syntax",
                "? placeholder");
    /* HugSQL's parameter types and hyphenated names */
    expect_hint("INSERT INTO sdk_examples_account (uid, name) VALUES :tuple*:rows", "sql.syntax",
                "HugSQL parameter");
    expect_hint("SELECT name FROM sdk_examples_account WHERE uid IN (:v*:uids)", "sql.syntax",
                "HugSQL parameter");
    expect_hint("SELECT :i:col FROM sdk_examples_account WHERE name LIKE :name-like", "sql.syntax",
                "HugSQL parameter");
}

static void test_hints__no_hint_where_nothing_foreign(void **state)
{
    (void)state;
    /* a plain typo, and a syntax error near an array subscript */
    expect_no_hint("SELEC name FROM sdk_examples_account", "sql.syntax");
    expect_no_hint("SELECT a.arr[i] FROM sdk_examples_account a WHERE FROM", "sql.syntax");
    /* LIKE patterns and modulo are no templates */
    expect_no_hint("SELECT name FROM sdk_examples_account WHERE name LIKE '%abc%' AND WHERE",
                   "sql.syntax");
    expect_no_hint("SELECT 7 %2% 3 FROM WHERE", "sql.syntax");
    /* jsonb's ?, ?| and ?&, a cast's ::, and a minus are no placeholders */
    expect_no_hint("SELECT doc ? 'k' FROM t WHERE FROM", "sql.syntax");
    expect_no_hint("SELECT doc ?| array['a'] FROM t WHERE FROM", "sql.syntax");
    expect_no_hint("SELECT x::int-1 FROM t WHERE FROM", "sql.syntax");
    /* a valid statement draws no sql.syntax at all */
    sg_verdict *v = NULL;
    const char *ok = "SELECT uid FROM sdk_examples_account ORDER BY uid LIMIT 10 OFFSET 20";
    assert_int_equal(sg_lint_sql(catalog, ok, strlen(ok), NULL, &v), SG_OK);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
}

/* SQL that PostgreSQL 16 and later accept and the grammar (PostgreSQL 15's)
 * refuses says so; what no PostgreSQL accepts draws no such hint. */
static void test_hints__syntax_of_later_postgresql(void **state)
{
    (void)state;
    static const char pg15[] = "sqlguard's grammar is PostgreSQL 15's";
    static const char *const later[] = {
        "SELECT uid FROM (SELECT uid FROM sdk_examples_account) ORDER BY uid",
        "SELECT x FROM (VALUES (1), (2)) ORDER BY x",
        "SELECT uid FROM sdk_examples_account ORDER BY uid LIMIT 1_000",
        "SELECT 1.5e3_0",
        "SELECT uid FROM sdk_examples_account WHERE 0x1F > 0 ORDER BY uid",
        "SELECT 0b101",
        "SELECT JSON_OBJECT('uid' VALUE uid) FROM sdk_examples_account ORDER BY uid",
        "SELECT JSON_OBJECTAGG(uid VALUE name) FROM sdk_examples_account",
        "SELECT uid FROM sdk_examples_account WHERE name IS NOT JSON ORDER BY uid",
    };
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
        expect_hint(later[i], "sql.syntax", pg15);
        expect_hint(later[i], "sql.syntax", "PostgreSQL 16 and later");
    }
    expect_hint(later[0], "sql.syntax", "give it one (AS s)");
    expect_hint(later[2], "sql.syntax", "underscores in numbers");
    expect_hint(later[4], "sql.syntax", "hexadecimal, octal and binary");
    expect_hint(later[6], "sql.syntax", "json_build_object");
    /* junk after a number is refused by every PostgreSQL */
    expect_no_hint("SELECT 123abc", "sql.syntax");
    expect_no_hint("SELECT 1__000", "sql.syntax");
    expect_no_hint("SELECT 5_", "sql.syntax");
    expect_no_hint("SELECT 0xZZ", "sql.syntax");
    expect_no_hint("SELECT 0b102", "sql.syntax");
    expect_no_hint("SELECT 0o9", "sql.syntax");
    expect_hint("SELECT 1_000.5", "sql.syntax", "underscores in numbers");
    expect_hint("SELECT 0o17", "sql.syntax", "hexadecimal, octal and binary");
    expect_hint("SELECT 0x1F_FF", "sql.syntax", "hexadecimal, octal and binary");
    expect_no_hint("SELECT 1e10x", "sql.syntax");
    /* PostgreSQL 16, 17 and 18 */
    static const char *const newer[][2] = {
        {"GRANT app_rw TO alice WITH INHERIT TRUE, SET FALSE GRANTED BY postgres",
         "PostgreSQL 16 and later accept GRANT"},
        {"GRANT app_rw TO alice WITH ADMIN TRUE", "PostgreSQL 16 and later accept GRANT"},
        {"GRANT app_rw TO alice WITH ADMIN OPTION, INHERIT TRUE GRANTED BY postgres",
         "PostgreSQL 16 and later accept GRANT"},
        {"MERGE INTO sdk_examples_account a USING sdk_examples_account s ON a.uid = s.uid "
         "WHEN NOT MATCHED BY SOURCE THEN DELETE",
         "WHEN NOT MATCHED BY SOURCE"},
        {"MERGE INTO sdk_examples_account a USING sdk_examples_account s ON a.uid = s.uid "
         "WHEN MATCHED THEN DELETE RETURNING a.uid",
         "MERGE ... RETURNING"},
        {"SELECT jt.* FROM sdk_examples_metric m, JSON_TABLE(m.js, '$[*]' COLUMNS (a int PATH "
         "'$.a')) jt",
         "JSON_TABLE"},
        {"ALTER TABLE t ALTER COLUMN total SET EXPRESSION AS (a + b)", "SET EXPRESSION"},
        {"CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL)",
         "PostgreSQL 18 accepts"},
        {"ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED", "PostgreSQL 18 accepts"},
    };
    for (size_t i = 0; i < sizeof newer / sizeof newer[0]; i++) {
        expect_hint(newer[i][0], "sql.syntax", newer[i][1]);
        expect_hint(newer[i][0], "sql.syntax", pg15);
    }
    /* an older dialect's hint comes first; a function named json_value is no JSON_TABLE */
    expect_hint("SELECT uid FROM sdk_examples_account WHERE json_value(x) = 1 ORDER BY uid LIMIT "
                "10, 20",
                "sql.syntax", "LIMIT count OFFSET skip");
    /* what PostgreSQL 15 reads draws no hint; what no version reads gets none either */
    expect_no_hint("GRANT app_rw TO alice WITH ADMIN OPTION FOR", "sql.syntax");
}

/* A keyword that calls a function is named as written, beside the function. */
static void test_hints__keywords_named_as_written(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"SELECT CURRENT_ROLE AS r", "CURRENT_ROLE (function current_user) is denied"},
        {"SELECT user AS r", "USER (function current_user) is denied"},
        {"SELECT current_catalog AS r", "CURRENT_CATALOG (function current_database) is denied"},
        {"SELECT SESSION_USER AS r", "SESSION_USER (function session_user) is denied"},
        {"SELECT current_user AS r", "CURRENT_USER (function current_user) is denied"},
        {"SELECT pg_catalog.current_user() AS r", "function pg_catalog.current_user is denied"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *msg = message_of(cases[i][0], "func.denied");
        if (!strstr(msg, cases[i][1]))
            fail_msg("\"%s\": message \"%s\" lacks \"%s\"", cases[i][0], msg, cases[i][1]);
        free(msg);
    }
}

static void test_hints__functions_of_other_dialects(void **state)
{
    (void)state;
    expect_hint("SELECT ifnull(name, 'x') AS n FROM sdk_examples_account ORDER BY uid",
                "func.denied", "coalesce(a, b)");
    expect_hint("SELECT nvl(name, 'x') AS n FROM sdk_examples_account ORDER BY uid", "func.denied",
                "coalesce(a, b)");
    expect_hint("SELECT group_concat(name) FROM sdk_examples_account", "func.denied", "string_agg");
    expect_hint("SELECT getdate()", "func.denied", "now()");
    /* a qualified function is judged by its schema, with no hint */
    expect_no_hint("SELECT app.ifnull(name, 'x') AS n FROM sdk_examples_account ORDER BY uid",
                   "func.denied");
    expect_no_hint("SELECT pg_sleep(1)", "func.denied");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hints__syntax_of_other_dialects),
        cmocka_unit_test(test_hints__no_hint_where_nothing_foreign),
        cmocka_unit_test(test_hints__syntax_of_later_postgresql),
        cmocka_unit_test(test_hints__functions_of_other_dialects),
        cmocka_unit_test(test_hints__keywords_named_as_written),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
