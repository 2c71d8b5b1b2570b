/*
 * pgsupport.c - helpers of the tests that talk to the throw-away cluster.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "pgsupport.h"
#include "support.h"

char *sg_test_pg_dsn(const char *state_path)
{
    char *env = sg_test_slurp(state_path, NULL);
    if (!env)
        fail_msg("no cluster state in %s (run tests/pg/cluster.sh start)", state_path);
    char *dsn = sg_test_state_value(env, "SQLGUARD_TEST_DSN");
    free(env);
    if (!dsn)
        fail_msg("%s names no SQLGUARD_TEST_DSN", state_path);
    return dsn;
}

PGconn *sg_test_pg_connect(const char *dsn, const char *extra)
{
    char conninfo[2048];
    if ((size_t)snprintf(conninfo, sizeof conninfo, "%s%s", dsn, extra) >= sizeof conninfo)
        fail_msg("conninfo too long");
    PGconn *pg = PQconnectdb(conninfo);
    if (PQstatus(pg) != CONNECTION_OK)
        fail_msg("%s", PQerrorMessage(pg));
    if (PQserverVersion(pg) < 150000 || PQserverVersion(pg) >= 160000)
        fail_msg("the cluster is PostgreSQL %d, not 15", PQserverVersion(pg));
    return pg;
}

void sg_test_pg_run(PGconn *pg, const char *sql)
{
    PGresult *res = PQexec(pg, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("%s\n-> %s", sql, PQerrorMessage(pg));
    PQclear(res);
}

PGconn *sg_test_pg_fresh_database(const char *dsn, const char *name)
{
    char sql[256], extra[128];
    PGconn *admin = sg_test_pg_connect(dsn, "");
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    sg_test_pg_run(admin, sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", name);
    sg_test_pg_run(admin, sql);
    PQfinish(admin);
    snprintf(extra, sizeof extra, " dbname=%s client_encoding=UTF8", name);
    PGconn *pg = sg_test_pg_connect(dsn, extra);
    sg_test_pg_run(pg, "SET client_min_messages = error");
    return pg;
}
