/*
 * scope_access_denied.c - writes and row locks need write access.
 *
 * INSERT/UPDATE/DELETE/MERGE targets and rows locked by FOR UPDATE/SHARE need
 * the table scoped `write`: PostgreSQL itself asks for UPDATE privilege to
 * lock rows, so a lock is a write as far as the scope is concerned.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->relations.count; i++) {
        const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, i);
        const sg__relation_binding *b = &ctx->bindings[i];
        if (b->scoped < 0 || !(r->use & (SG_USE_WRITE | SG_USE_LOCK)))
            continue;
        const sg__scoped_table *t = &ctx->scope->tables[b->scoped];
        if (t->declared == SG_ACCESS_WRITE)
            continue;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                       "the statement %s %s.%s, but the scope declares it read (alias %s)",
                       (r->use & SG_USE_WRITE) ? "writes" : "row-locks", t->table->schema,
                       t->table->name, t->entry->alias) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_scope_access_denied = {
    .id = "scope.access-denied",
    .summary = "the SQL writes or row-locks a table scoped read",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .check = check,
};
