/*
 * dml_missing_where.c - an UPDATE or DELETE without WHERE changes every row
 * of its table.
 *
 * Sometimes that is meant (a small settings table, a purge), far more often
 * it is a filter lost in an edit. A warning by default, in checks and lint
 * alike (a data-modifying CTE's too); a policy may make it an error or turn
 * it off. `WHERE true` says it is meant.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->unfiltered_writes.count; i++) {
        const sg__unfiltered *u = &SG__VEC_AT(f->unfiltered_writes, sg__unfiltered, i);
        const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, u->relation);
        const sg__meta_table *t = sg__relation_scoped(ctx, u->relation);
        const char *name =
            t ? sg__arena_printf(ctx->diags->arena, "%s.%s", t->schema, t->name) : r->name;
        if (!name)
            return -1;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, u->location,
                       "this %s has no WHERE, so it %s every row of %s; add the filter, or "
                       "write WHERE true if every row is meant",
                       u->is_delete ? "DELETE" : "UPDATE", u->is_delete ? "deletes" : "updates",
                       name) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_dml_missing_where = {
    .id = "dml.missing-where",
    .summary = "(warning) an UPDATE or DELETE without WHERE, which changes every row of its table",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_UNFILTERED,
    .check = check,
};
