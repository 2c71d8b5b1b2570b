/*
 * paginate_order_by_required.c - paginated selects need a stable order.
 *
 * Selects are paginated up to max_rows, and without a top-level ORDER BY the
 * rows of one page may reappear, or never appear, on the next. A select that
 * provably returns at most one row needs none: a plain aggregate (or HAVING)
 * without GROUP BY, a single VALUES row, or a select without FROM and without
 * set-returning functions. LIMIT 1 still needs one, or the row is arbitrary.
 * The finding points at the top-level LIMIT/OFFSET/FETCH when there is one
 * (paginate.limit-without-order-by then says nothing more about that level),
 * else at the statement.
 */
#include "funclist.h"
#include "rules.h"

extern const sg__rule sg__rule_paginate_order_by_required;

static const sg__func_info *builtin_info(const sg__funcref *fn)
{
    bool builtin = !fn->catalog && (!fn->schema || strcmp(fn->schema, "pg_catalog") == 0);
    return builtin ? sg__func_lookup(fn->name) : NULL;
}

/* Inside the arguments of an aggregate or window call, where PostgreSQL
 * allows no set-returning function. */
static bool inside_aggregate(const sg__facts *f, const sg__funcref *fn)
{
    for (int p = fn->parent; p >= 0;) {
        const sg__funcref *up = &SG__VEC_AT(f->funcs, sg__funcref, p);
        const sg__func_info *info = builtin_info(up);
        if (up->has_over || (info && (info->flags & (SG_FN_AGGREGATE | SG_FN_WINDOW))))
            return true;
        p = up->parent;
    }
    return false;
}

/* How the top-level target list's calls shape the row count. */
static void scan_target_calls(const sg__facts *f, bool *aggregate, bool *maybe_many)
{
    *aggregate = *maybe_many = false;
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (!fn->in_top_targetlist || fn->kind != SG_FUNC_CALL)
            continue;
        const sg__func_info *info = builtin_info(fn);
        if (inside_aggregate(f, fn))
            continue;
        if (!info) {
            *maybe_many = true; /* unknown: it could return a set */
            continue;
        }
        if (info->flags & SG_FN_SETOF)
            *maybe_many = true;
        if ((info->flags & SG_FN_AGGREGATE) && !fn->has_over)
            *aggregate = true;
    }
}

static bool at_most_one_row(const sg__facts *f)
{
    const sg__top_select *t = &f->top;
    if (t->is_set_operation)
        return false;
    if (t->values_rows)
        return t->values_rows == 1;
    bool aggregate, maybe_many;
    scan_target_calls(f, &aggregate, &maybe_many);
    if (maybe_many || t->has_group_by)
        return false;
    return aggregate || t->has_having || !t->has_from;
}

/* The statement is a select operation's select that needs an ORDER BY it
 * does not have. */
static bool unordered(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    return ctx->op->kind == SG_OP_SELECT && f->kind == SG_STMT_SELECT && !f->top.has_order_by &&
           !at_most_one_row(f);
}

bool sg__paginate_top_reported(const sg__rule_ctx *ctx)
{
    return sg__rule_active(&sg__rule_paginate_order_by_required, ctx->policy, ctx->facts) &&
           unordered(ctx);
}

static int check(const sg__rule_ctx *ctx)
{
    if (!unordered(ctx))
        return 0;
    const sg__facts *f = ctx->facts;
    const sg__top_select *t = &f->top;
    bool limited = (t->has_limit || t->has_offset) && t->limit_location >= 0;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED,
                      limited ? t->limit_location : f->statement_location,
                      "this select can return more than one row but has no top-level ORDER BY, "
                      "so its pages are not stable%s",
                      t->has_limit ? " (LIMIT without ORDER BY picks arbitrary rows)" : "");
}

const sg__rule sg__rule_paginate_order_by_required = {
    .id = "paginate.order-by-required",
    .summary = "a select that can return more than one row has no top-level ORDER BY",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs_complete_facts = true,
    .check = check,
};
