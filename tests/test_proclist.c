/*
 * test_proclist.c - func.denied's classification of pg_catalog's functions
 * against the throw-away cluster of tests/pg/cluster.sh: the list holds every
 * function name of the server's pg_proc and no other, each with the flags its
 * overloads' prokind and proretset give, and no allowed name has an overload
 * that is a support routine (takes or returns `internal`, is a trigger or
 * handler), runs as its owner, or is volatile beyond the clock and random
 * numbers. A PostgreSQL that adds, drops or renames a function fails here,
 * naming it, instead of leaving the list behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "funclist.h"
#include "support.h"

/* One row per name: its flags as the server sees them, and whether any
 * overload is a support routine, security definer, or volatile. */
static const char query[] =
    "SELECT proname, "
    "       bool_or(prokind = 'a'), bool_or(prokind = 'w'), bool_or(proretset), "
    "       bool_or('internal'::regtype = ANY (proargtypes) "
    "               OR prorettype IN ('internal'::regtype, 'trigger'::regtype, "
    "                                 'event_trigger'::regtype, 'language_handler'::regtype, "
    "                                 'fdw_handler'::regtype, 'index_am_handler'::regtype, "
    "                                 'table_am_handler'::regtype, 'tsm_handler'::regtype)), "
    "       bool_or(prosecdef), bool_or(provolatile = 'v') "
    "FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace "
    "GROUP BY proname ORDER BY proname COLLATE \"C\"";

static PGconn *connect_to_cluster(void)
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
    assert_true(PQserverVersion(pg) >= 150000 && PQserverVersion(pg) < 160000);
    return pg;
}

static bool yes(const PGresult *res, int row, int col)
{
    return strcmp(PQgetvalue(res, row, col), "t") == 0;
}

/* The only allowed names with a volatile overload: the clock and random numbers. */
static bool volatile_allowed(const char *name)
{
    static const char *const names[] = {"clock_timestamp", "gen_random_uuid", "random",
                                        "timeofday"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* What the server says of one name, against its entry; the problems found. */
static size_t check_entry(const sg__func_info *info, const PGresult *res, int row)
{
    size_t problems = 0;
    unsigned flags = (yes(res, row, 1) ? SG_FN_AGGREGATE : 0) |
                     (yes(res, row, 2) ? SG_FN_WINDOW : 0) | (yes(res, row, 3) ? SG_FN_SETOF : 0);
    if (info->flags != flags) {
        print_error("%s has flags 0x%x, the server's prokind and proretset say 0x%x\n", info->name,
                    info->flags, flags);
        problems++;
    }
    if (info->cls != SG_FC_ALLOWED)
        return problems;
    if (yes(res, row, 4)) {
        print_error("%s is allowed, but an overload is a support routine\n", info->name);
        problems++;
    }
    if (yes(res, row, 5)) {
        print_error("%s is allowed, but an overload runs as its owner\n", info->name);
        problems++;
    }
    if (yes(res, row, 6) && !volatile_allowed(info->name)) {
        print_error("%s is allowed, but an overload is volatile\n", info->name);
        problems++;
    }
    return problems;
}

/* The list is the server's answer, name for name, flag for flag. */
static void test_proclist__matches_the_server(void **state)
{
    (void)state;
    PGconn *pg = connect_to_cluster();
    PGresult *res = PQexec(pg, query);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s", PQerrorMessage(pg));

    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    size_t rows = (size_t)PQntuples(res), i = 0, r = 0, problems = 0;
    while (i < n || r < rows) {
        const char *server = r < rows ? PQgetvalue(res, (int)r, 0) : NULL;
        int cmp = !server ? -1 : i == n ? 1 : strcmp(list[i].name, server);
        if (cmp < 0)
            print_error("the list has %s, which the server's pg_catalog lacks\n", list[i].name);
        else if (cmp > 0)
            print_error("the server's pg_catalog has %s, which the list does not classify\n",
                        server);
        else
            problems += check_entry(&list[i], res, (int)r);
        problems += cmp != 0;
        i += cmp <= 0;
        r += cmp >= 0;
    }
    PQclear(res);
    PQfinish(pg);
    assert_int_equal(problems, 0);
    assert_int_equal(rows, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proclist__matches_the_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
