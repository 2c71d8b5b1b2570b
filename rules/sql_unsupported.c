/*
 * sql_unsupported.c - fail closed on whatever the walker could not see into.
 *
 * The walker records node types it does not know and stops at the depth
 * bound; either way part of the statement went unexamined, so it is denied.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->unsupported.count; i++) {
        const sg__unsupported *u = &SG__VEC_AT(f->unsupported, sg__unsupported, i);
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, u->location,
                       "the guard does not understand %s in this statement, so it is denied",
                       u->what ? u->what : "a construct") < 0)
            return -1;
    }
    /* the walker stops at the bound without a node that has a place */
    if (f->depth_exceeded &&
        sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                   "the statement nests deeper than %u levels (max_ast_depth: a set operation's "
                   "branches and a chain of operators count a level each), deeper than sqlguard "
                   "looks into, so it is denied; PostgreSQL may run it (split the UNION into "
                   "fewer branches, or pass the values as one array parameter)",
                   ctx->opts->max_ast_depth) < 0)
        return -1;
    return 0;
}

const sg__rule sg__rule_sql_unsupported = {
    .id = "sql.unsupported",
    .summary = "the statement holds a construct the guard does not understand, or nests too deep",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_UNSUPPORTED,
    .locked = true,
    .check = check,
};
