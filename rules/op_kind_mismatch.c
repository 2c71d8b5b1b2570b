/*
 * op_kind_mismatch.c - the declared kind must be what the statement does.
 *
 * The top-level statement must be of the declared kind, and every
 * data-modifying CTE must be of that kind too: a `select` that deletes through
 * a CTE, or an `insert` that also updates, disagrees with its declaration.
 * A `select` runs read-only, so it cannot lock rows either (FOR UPDATE/SHARE
 * in a read-only transaction is refused by PostgreSQL, and a lock taken by a
 * single-statement transaction would end with it anyway).
 *
 * A statement of a .sql file declares no kind: lint judges it as the
 * statement it is, and leaves row locks and data-modifying WITH queries to
 * stmt.row-lock and stmt.data-modifying-cte.
 */
#include "rules.h"

static sg__stmt_kind expected(sg__op_kind k)
{
    switch (k) {
    case SG_OP_SELECT:
        return SG_STMT_SELECT;
    case SG_OP_INSERT:
        return SG_STMT_INSERT;
    case SG_OP_UPDATE:
        return SG_STMT_UPDATE;
    case SG_OP_DELETE:
        return SG_STMT_DELETE;
    case SG_OP_MERGE:
        return SG_STMT_MERGE;
    default:
        return SG_STMT_NONE;
    }
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    sg__stmt_kind want = expected(ctx->op->kind);
    if (ctx->op->lint || !sg__is_dml(f) || want == SG_STMT_NONE)
        return 0;
    if (f->kind != want && sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->statement_location,
                                      "the operation is declared '%s' but the statement is %s",
                                      ctx->op->kind_text, sg__stmt_kind_name(f->kind)) < 0)
        return -1;
    if (want == SG_STMT_SELECT) {
        for (size_t i = 0; i < f->relations.count; i++) {
            const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, i);
            if (!(r->use & SG_USE_LOCK))
                continue;
            if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                           "a select operation runs read-only and cannot lock rows of %s "
                           "(FOR UPDATE/SHARE)",
                           r->name) < 0)
                return -1;
            break; /* one report says it */
        }
    }
    for (size_t i = 0; i < f->ctes.count; i++) {
        const sg__cte *c = &SG__VEC_AT(f->ctes, sg__cte, i);
        if (c->kind == SG_STMT_SELECT || c->kind == want)
            continue;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, c->location,
                       "the operation is declared '%s' but WITH query \"%s\" is %s",
                       ctx->op->kind_text, c->name, sg__stmt_kind_name(c->kind)) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_op_kind_mismatch = {
    .id = "op.kind-mismatch",
    .summary = "the declared operation kind disagrees with what the statement does",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .check = check,
};
