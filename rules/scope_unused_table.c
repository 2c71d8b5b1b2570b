/*
 * scope_unused_table.c - a scope should declare only what the SQL touches.
 *
 * A warning: the operation still runs, but its scope claims more than it needs.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    if (!sg__is_dml(ctx->facts) || ctx->scope->mode != SG_SCOPE_DECLARED)
        return 0;
    for (size_t i = 0; i < ctx->scope->count; i++) {
        const sg__scoped_table *t = &ctx->scope->tables[i];
        if (t->required != SG_ACCESS_NONE)
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
