/*
 * pgsupport.h - what the tests that talk to the throw-away cluster share:
 * its DSN, connections that fail the test when they do not open, commands
 * that fail it with the server's message, and a database of a test's own.
 */
#ifndef SG_TEST_PGSUPPORT_H
#define SG_TEST_PGSUPPORT_H

#include <libpq-fe.h>

/* The cluster's DSN from tests/pg/cluster.sh's state file (malloc'd); fails
 * the test when there is no cluster. */
char *sg_test_pg_dsn(const char *state_path);

/* A connection to `dsn` with `extra` conninfo appended (" dbname=x", or
 * ""); fails the test when it does not open or the server is not
 * PostgreSQL 15. */
PGconn *sg_test_pg_connect(const char *dsn, const char *extra);

/* Runs `sql` (one or more commands); fails the test with the statement and
 * the server's message on an error. */
void sg_test_pg_run(PGconn *pg, const char *sql);

/* Database `name` dropped (its connections forced off) and created anew
 * from template0 in UTF-8, and a connection to it with client messages from
 * `error` up; fails the test on any error. */
PGconn *sg_test_pg_fresh_database(const char *dsn, const char *name);

#endif
