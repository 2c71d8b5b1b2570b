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

/* What check_actions() reports against. */
typedef struct action_report {
    const sg__rule_ctx *ctx;
    const sg__relref *r;
    const sg__meta_table *t;
} action_report;

/* One action the write sets off (sg__fk_actions_each): the table it writes
 * must be scoped write. */
static int report_action(const sg__fk_action *a, bool on_delete, const char *action,
                         const sg__fk_action *via, void *context)
{
    const action_report *rep = context;
    if (scoped_write(rep->ctx, a->table))
        return 0;
    const sg__meta_table *t = rep->t;
    const char *verb = via ? "writing" : on_delete ? "deleting from" : "updating the key of";
    const char *through = "";
    if (via) {
        through = sg__arena_printf(
            rep->ctx->diags->arena, ", set off by %s.%s's foreign key (%s%s)", via->table->schema,
            via->table->name, via->columns[0], via->columns[0] && via->columns[1] ? ", ..." : "");
        if (!through)
            return -1;
    }
    return sg__report(rep->ctx->diags, rep->ctx->rule, SG_AT_COMPILED, rep->r->location,
                      "%s %s.%s also writes %s.%s (its foreign key (%s%s) ON %s %s%s), which the "
                      "scope does not declare write",
                      verb, t->schema, t->name, a->table->schema, a->table->name, a->columns[0],
                      a->columns[0] && a->columns[1] ? ", ..." : "",
                      on_delete ? "DELETE" : "UPDATE", action, through) < 0
               ? -1
               : 0;
}

/* Deleting or updating rows of a table another table's foreign key
 * references with CASCADE, SET NULL or SET DEFAULT writes that table too (as
 * its owner, past any privilege of the caller), and what that write sets off
 * in turn: each must be scoped write. */
static int check_actions(const sg__rule_ctx *ctx, long relation, const sg__relref *r,
                         const sg__meta_table *t)
{
    action_report rep = {ctx, r, t};
    int rc = sg__fk_actions_each(ctx->facts, relation, t, report_action, &rep);
    if (rc != 1)
        return rc;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                      "writing %s.%s sets off more than %d foreign key actions, which the guard "
                      "does not follow to the tables they write",
                      t->schema, t->name, SG_FK_ACTIONS_MAX) < 0
               ? -1
               : 0;
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
