/*
 * test_typelist.c - the list of pg_catalog's types type.denied admits: its
 * shape (sorted and unique, so bsearch is valid), exact lookups, and, on the
 * throw-away cluster of tests/pg/cluster.sh, the very answer of the server's
 * pg_type: a PostgreSQL that adds, drops or renames a type of pg_catalog
 * fails this test instead of leaving the list behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "support.h"
#include "resolve/typelist.h"

static void test_typelist__sorted_and_unique(void **state)
{
    (void)state;
    size_t n = 0;
    const char *const *list = sg__type_list(&n);
    assert_non_null(list);
    assert_true(n > 400);
    assert_ptr_equal(sg__type_list(NULL), list);
    for (size_t i = 1; i < n; i++)
        if (strcmp(list[i - 1], list[i]) >= 0)
            fail_msg("not strictly sorted at %zu: \"%s\" then \"%s\"", i, list[i - 1], list[i]);
}

/* Names exactly as PostgreSQL stores them: the grammar's targets of the
 * SQL-standard spellings, array types, "char"; nothing folded or guessed. */
static void test_typelist__lookups_are_exact(void **state)
{
    (void)state;
    static const char *const present[] = {"int4",   "_int4", "int8",        "float8", "numeric",
                                          "text",   "_text", "varchar",     "bpchar", "char",
                                          "varbit", "bool",  "timestamptz", "date",   "interval",
                                          "uuid",   "jsonb", "_uuid",       "record", "regclass"};
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        if (!sg__type_builtin(present[i]))
            fail_msg("%s is a type of pg_catalog", present[i]);
    static const char *const absent[] = {
        "",       "UUID",         "Int4",        "integer", "citext", "int4 ", "pg_catalog.int4",
        "hstore", "unknown_type", "money_amount"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        if (sg__type_builtin(absent[i]))
            fail_msg("\"%s\" is not a type of pg_catalog", absent[i]);
    assert_false(sg__type_builtin(NULL));
}

/* The list is the server's answer, name for name. */
/* A connection to the test cluster (tests/pg/cluster.sh). */
static PGconn *connect_server(void)
{
    char *env = sg_test_slurp(SG_PG_STATE, NULL);
    if (!env)
        fail_msg("no cluster state in %s (run tests/pg/cluster.sh start)", SG_PG_STATE);
    char *dsn = sg_test_state_value(env, "SQLGUARD_TEST_DSN");
    free(env);
    assert_non_null(dsn);
    PGconn *pg = PQconnectdb(dsn);
    free(dsn);
    if (PQstatus(pg) != CONNECTION_OK)
        fail_msg("%s", PQerrorMessage(pg));
    return pg;
}

static void test_typelist__matches_the_server(void **state)
{
    (void)state;
    PGconn *pg = connect_server();
    assert_true(PQserverVersion(pg) >= 150000 && PQserverVersion(pg) < 160000);
    PGresult *res = PQexec(pg, "SELECT typname FROM pg_type "
                               "WHERE typnamespace = 'pg_catalog'::regnamespace "
                               "ORDER BY typname COLLATE \"C\"");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s", PQerrorMessage(pg));

    size_t n = 0;
    const char *const *list = sg__type_list(&n);
    size_t rows = (size_t)PQntuples(res), i = 0, r = 0, problems = 0;
    while (i < n || r < rows) {
        const char *server = r < rows ? PQgetvalue(res, (int)r, 0) : NULL;
        int cmp = !server ? -1 : i == n ? 1 : strcmp(list[i], server);
        if (cmp < 0)
            print_error("the list has %s, which the server's pg_catalog lacks\n", list[i]);
        else if (cmp > 0)
            print_error("the server's pg_catalog has %s, which the list lacks\n", server);
        problems += cmp != 0;
        i += cmp <= 0;
        r += cmp >= 0;
    }
    PQclear(res);
    PQfinish(pg);
    assert_int_equal(problems, 0);
    assert_int_equal(rows, n);
}

/* sg__type_catalog_row() holds exactly the server's composite types of
 * pg_catalog and their arrays. */
static void test_typelist__catalog_rows_match_the_server(void **state)
{
    (void)state;
    PGconn *pg = connect_server();
    PGresult *res = PQexec(pg, "SELECT t.typname, t.typtype = 'c' OR e.typtype IS NOT DISTINCT "
                               "FROM 'c' FROM pg_type t LEFT JOIN pg_type e ON e.oid = t.typelem "
                               "AND t.typlen = -1 WHERE t.typnamespace = "
                               "'pg_catalog'::regnamespace");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s", PQerrorMessage(pg));
    size_t problems = 0, rows = 0;
    for (int r = 0; r < PQntuples(res); r++) {
        const char *name = PQgetvalue(res, r, 0);
        bool row = strcmp(PQgetvalue(res, r, 1), "t") == 0;
        rows += row;
        if (sg__type_catalog_row(name) != row) {
            print_error("%s: the server says %s a catalog row type\n", name, row ? "is" : "is not");
            problems++;
        }
    }
    PQclear(res);
    PQfinish(pg);
    assert_int_equal(problems, 0);
    assert_true(rows > 200); /* 139 row types and their arrays in PostgreSQL 15 */
    assert_true(sg__type_catalog_row("pg_class") && sg__type_catalog_row("_pg_proc"));
    assert_false(sg__type_catalog_row("pg_lsn") || sg__type_catalog_row("_pg_lsn") ||
                 sg__type_catalog_row("pg_nosuch") || sg__type_catalog_row("int4"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typelist__sorted_and_unique),
        cmocka_unit_test(test_typelist__lookups_are_exact),
        cmocka_unit_test(test_typelist__matches_the_server),
        cmocka_unit_test(test_typelist__catalog_rows_match_the_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
