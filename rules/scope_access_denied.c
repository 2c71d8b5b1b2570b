/*
 * scope_access_denied.c - writes and row locks need write access.
 *
 * INSERT/UPDATE/DELETE/MERGE targets and rows locked by FOR UPDATE/SHARE need
 * the table scoped `write`: PostgreSQL itself asks for UPDATE privilege to
 * lock rows, so a lock is a write as far as the scope is concerned. A
 * DELETE, or an UPDATE of a referenced key, of a table that a catalog
 * table's foreign key references with ON DELETE / ON UPDATE CASCADE, SET NULL
 * or SET DEFAULT writes that table too: it must be scoped write as well.
 */
#include "rules.h"

/* Whether the scope declares `t` write. */
static bool scoped_write(const sg__rule_ctx *ctx, const sg__meta_table *t)
{
    for (size_t k = 0; k < ctx->scope->count; k++)
        if (ctx->scope->tables[k].table == t && ctx->scope->tables[k].declared == SG_ACCESS_WRITE)
            return true;
    return false;
}

/* Deleting or updating rows of a table another table's foreign key
 * references with CASCADE, SET NULL or SET DEFAULT writes that table too (as
 * its owner, past any privilege of the caller): it must be scoped write. */
static int check_actions(const sg__rule_ctx *ctx, long relation, const sg__relref *r,
                         const sg__meta_table *t)
{
    for (size_t k = 0; k < t->referrer_count; k++) {
        const sg__fk_action *a = &t->referrers[k];
        bool on_delete;
        const char *action = sg__fk_action_fires(ctx->facts, relation, t, a, &on_delete);
        if (!action || scoped_write(ctx, a->table))
            continue;
        const char *verb = on_delete ? "deleting from" : "updating the key of";
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                       "%s %s.%s also writes %s.%s (its foreign key (%s%s) ON %s %s), which the "
                       "scope does not declare write",
                       verb, t->schema, t->name, a->table->schema, a->table->name, a->columns[0],
                       a->columns[0] && a->columns[1] ? ", ..." : "",
                       verb[0] == 'd' ? "DELETE" : "UPDATE", action) < 0)
            return -1;
    }
    return 0;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->relations.count; i++) {
        const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, i);
        const sg__relation_binding *b = &ctx->bindings[i];
        if (b->scoped < 0 || !(r->use & (SG_USE_WRITE | SG_USE_LOCK)))
            continue;
        const sg__scoped_table *t = &ctx->scope->tables[b->scoped];
        if ((r->use & (SG_USE_DELETE | SG_USE_UPDATE)) && t->table->referrer_count &&
            check_actions(ctx, (long)i, r, t->table) < 0)
            return -1;
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
    .summary = "the SQL writes or row-locks a table scoped read, or writes one the scope does not "
               "declare write through a foreign key's action",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .check = check,
};
