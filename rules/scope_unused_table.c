/*
 * scope_unused_table.c - a scope should declare only what the SQL touches.
 *
 * A warning: the operation still runs, but its scope claims more than it needs.
 */
#include <string.h>

#include "rules.h"

/* Whether the statement names `table`'s row type (NULL::t in
 * jsonb_populate_record, a cast): type.denied admits it because the table
 * is scoped, so the table is used. */
static bool row_type_named(const sg__rule_ctx *ctx, const sg__meta_table *table)
{
    const sg__facts *f = ctx->facts;
    const char *fallback = ctx->scope->source ? ctx->scope->source->default_schema : NULL;
    for (size_t i = 0; i < f->types.count; i++) {
        const sg__typeref *t = &SG__VEC_AT(f->types, sg__typeref, i);
        const char *schema = t->schema ? t->schema : fallback;
        if (!t->catalog && t->name && schema && strcmp(t->name, table->name) == 0 &&
            strcmp(schema, table->schema) == 0)
            return true;
    }
    return false;
}

static int check(const sg__rule_ctx *ctx)
{
    if (!sg__is_dml(ctx->facts) || ctx->scope->mode != SG_SCOPE_DECLARED)
        return 0;
    for (size_t i = 0; i < ctx->scope->count; i++) {
        const sg__scoped_table *t = &ctx->scope->tables[i];
        if (t->required != SG_ACCESS_NONE || row_type_named(ctx, t->table))
            continue;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                       "scoped table %s.%s (alias %s) is never touched by the SQL",
                       t->table->schema, t->table->name, t->entry->alias) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_scope_unused_table = {
    .id = "scope.unused-table",
    .summary = "a scoped table the SQL never touches",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .needs_complete_facts = true,
    .check = check,
};
