/*
 * session.h - the statements that open the transaction of a checked statement,
 * built once for both the libpq executor (which sends them) and the dryrun
 * executor (which shows them).
 */
#ifndef SG_EXEC_SESSION_H
#define SG_EXEC_SESSION_H

#include <stddef.h>

#include "sqlguard.h"
#include "util/arena.h"

enum { SG__SESSION_MAX_STATEMENTS = 9 };

/* The session setup of one statement. */
typedef struct sg__session_setup {
    /* BEGIN ISOLATION LEVEL READ COMMITTED [READ ONLY];
     * SET LOCAL search_path TO pg_catalog, pg_temp;
     * SET LOCAL statement_timeout = <ms>; [SET LOCAL ROLE <role>] */
    const char *statement[SG__SESSION_MAX_STATEMENTS];
    size_t count;
    const char *text; /* the statements joined by "; ": the one message libpq sends */
} sg__session_setup;

/*
 * Builds the setup of `stmt` (READ ONLY for a select) with `role` (NULL: none)
 * into `arena`. Returns SG_OK, SG_ENOMEM, or SG_EINVAL (with *err) when the
 * role cannot be written as an identifier.
 */
int sg__session_setup_build(sg__arena *arena, const sg_statement *stmt, const char *role,
                            sg__session_setup *out, sg_error *err);

/*
 * `name` as a quoted SQL identifier ("a""b" for a"b), written without a
 * connection: the executors pin the client encoding to UTF-8, so the only
 * character to escape is the double quote. Refused (SG_EINVAL with *err
 * naming `what`) when it is empty, not valid UTF-8, or longer than
 * PostgreSQL's 63-byte identifiers (which the server would cut short, and so
 * name something else). SG_ENOMEM when the arena is exhausted.
 */
int sg__quote_identifier(sg__arena *arena, const char *what, const char *name, const char **out,
                         sg_error *err);

/* The outcome of a statement whose setup could not be built (SG_EINVAL):
 * "cannot start the transaction: <why>". */
void sg__session_refused(sg_exec_outcome *out, const sg_error *err);

/* Whether `role` (NULL: none) can be quoted, for the executors' constructors. */
int sg__session_check_role(const char *role, sg_error *err);

#endif
