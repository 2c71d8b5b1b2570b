/*
 * sql_unsupported.c - fail closed on whatever the walker could not see into.
 *
 * The walker records node types it does not know and stops at the depth
 * bound; either way part of the statement went unexamined, so it is denied.
 */
#include "rules.h"

int sg__rule_sql_unsupported(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->unsupported.count; i++) {
        const sg__unsupported *u = &SG__VEC_AT(f->unsupported, sg__unsupported, i);
        if (sg__report(ctx->diags, "sql.unsupported", SG_AT_COMPILED, u->location,
                       "the guard does not understand %s in this statement, so it is denied",
                       u->what ? u->what : "a construct") < 0)
            return -1;
    }
    if (f->depth_exceeded &&
        sg__report(ctx->diags, "sql.unsupported", SG_AT_COMPILED, f->depth_location,
                   "the statement nests deeper than %u levels (max_ast_depth) and is denied",
                   ctx->opts->max_ast_depth) < 0)
        return -1;
    return 0;
}
