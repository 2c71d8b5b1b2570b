/*
 * scope_unused_table.c - a scope should declare only what the SQL touches.
 *
 * A warning: the operation still runs, but its scope claims more than it needs.
 */
#include "rules.h"

int sg__rule_scope_unused_table(const sg__rule_ctx *ctx)
{
    if (!sg__facts_complete(ctx->facts))
        return 0;
    if (!sg__is_dml(ctx->facts) || ctx->scope->mode != SG_SCOPE_DECLARED)
        return 0;
    for (size_t i = 0; i < ctx->scope->count; i++) {
        const sg__scoped_table *t = &ctx->scope->tables[i];
        if (t->required != SG_ACCESS_NONE)
            continue;
        if (sg__report(ctx->diags, "scope.unused-table", SG_AT_NONE, -1,
                       "scoped table %s.%s (alias %s) is never touched by the SQL",
                       t->table->schema, t->table->name, t->entry->alias) < 0)
            return -1;
    }
    return 0;
}
