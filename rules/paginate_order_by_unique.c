/*
 * paginate_order_by_unique.c - pages are stable only under a total order.
 *
 * With the catalog's keys known, a paginated select whose top-level ORDER BY
 * does not include every column of some unique key (the primary key or a
 * unique constraint) of a table it reads can order ties differently from one
 * page to the next, so rows overlap or go missing. A select that returns at
 * most one row (a key lookup, an aggregate) has no ties. A warning: the guard
 * matches columns by name and cannot see expressions that are unique.
 */
#include "rules.h"

static bool has_column(const sg__top_select *t, const char *name)
{
    for (size_t i = 0; i < t->order_by_column_count; i++)
        if (strcmp(t->order_by_columns[i], name) == 0)
            return true;
    return false;
}

static bool covers(const sg__top_select *t, const char *const *key)
{
    for (; *key; key++)
        if (!has_column(t, *key))
            return false;
    return true;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    const sg__top_select *t = &f->top;
    if (ctx->op->kind != SG_OP_SELECT || f->kind != SG_STMT_SELECT || !t->has_order_by ||
        sg__paginate_one_row(ctx))
        return 0;
    const char *example = NULL;
    for (size_t i = 0; i < ctx->scope->count; i++) {
        const sg__scoped_table *st = &ctx->scope->tables[i];
        if (st->required == SG_ACCESS_NONE)
            continue;
        for (size_t k = 0; k < st->table->unique_count; k++) {
            if (covers(t, st->table->unique[k]))
                return 0;
            if (!example)
                example = st->table->unique[k][0];
        }
    }
    if (!example)
        return 0; /* no keys known: nothing to judge */
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->statement_location,
                      "the ORDER BY does not include a unique key (such as %s), so rows that tie "
                      "can move between pages",
                      example);
}

const sg__rule sg__rule_paginate_order_by_unique = {
    .id = "paginate.order-by-unique",
    .summary = "the ORDER BY of a paginated select does not include a unique key",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .needs_complete_facts = true,
    .check = check,
};
