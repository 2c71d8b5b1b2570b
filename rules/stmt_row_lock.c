/*
 * stmt_row_lock.c - a statement of a .sql file that locks the rows it reads.
 *
 * SELECT ... FOR UPDATE / FOR SHARE (with SKIP LOCKED or NOWAIT, the job
 * queue's pattern) is ordinary PostgreSQL, so lint does not call it an
 * error: nothing in a .sql file declares the statement read-only. A team
 * that wants every lock looked at raises this rule; the repository profile
 * turns it off and the strict one makes it a warning. An operation declared
 * `select` runs read-only and cannot lock: op.kind-mismatch says so, and
 * this rule stays out of operations.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    if (!ctx->op->lint)
        return 0;
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->relations.count; i++) {
        const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, i);
        if (!(r->use & SG_USE_LOCK))
            continue;
        /* one finding says it: the first table locked */
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                          "this statement locks the rows it reads of %s (FOR UPDATE/SHARE): "
                          "they stay locked until its transaction ends",
                          r->name) < 0
                   ? -1
                   : 0;
    }
    return 0;
}

const sg__rule sg__rule_stmt_row_lock = {
    .id = "stmt.row-lock",
    .summary = "(lint, .sql files) a statement that row-locks what it reads: FOR UPDATE/SHARE, "
               "SKIP LOCKED, NOWAIT",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .check = check,
};
