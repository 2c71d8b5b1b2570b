/*
 * sql_statement_not_allowed.c - only the five DML statements may run.
 *
 * DDL, utility commands, COPY, DO, CALL, SET, transaction control and EXPLAIN
 * are refused by kind; SELECT ... INTO creates a table and WHERE CURRENT OF
 * reaches a cursor outside the statement, so both are refused too.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    /* Linted on its own, a .sql file may be a migration: its DDL is not an
     * operation, so only DML is judged. */
    if (f->kind == SG_STMT_OTHER && !ctx->op->lint &&
        sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->statement_location,
                   "%s is not allowed: only SELECT, INSERT, UPDATE, DELETE and MERGE may run",
                   f->other_name ? f->other_name : "this statement") < 0)
        return -1;
    /* SELECT ... INTO is CREATE TABLE AS spelled as a query: DDL, which lint
     * does not judge either */
    if (f->has_into && !ctx->op->lint &&
        sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->into_location,
                   "SELECT ... INTO creates a table and is not allowed") < 0)
        return -1;
    /* PostgreSQL's raw tree gives CURRENT OF no place */
    if (f->has_current_of &&
        sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                   "WHERE CURRENT OF refers to a cursor outside the statement and is not "
                   "allowed") < 0)
        return -1;
    return 0;
}

const sg__rule sg__rule_sql_statement_not_allowed = {
    .id = "sql.statement-not-allowed",
    .summary = "only SELECT, INSERT, UPDATE, DELETE and MERGE may run",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .check = check,
};
