/*
 * conflict_target_not_unique.c - ON CONFLICT (cols) must name a key.
 *
 * PostgreSQL infers the arbiter of `INSERT ... ON CONFLICT (a, b)` from a
 * unique index or constraint on exactly those columns; without one the
 * statement fails at the server ("there is no unique or exclusion constraint
 * matching the ON CONFLICT specification"). The catalog lists each table's
 * primary key and unique keys: a column list that is neither, in any order,
 * is reported. A target naming a constraint, an expression or a partial
 * index's predicate is not judged, nor a table the catalog lists no key for.
 */
#include "rules.h"

/* Whether the column set `cols` (count of them) is exactly `key`. */
static bool same_set(const char *const *key, const char **cols, size_t count)
{
    size_t n = 0;
    for (; key[n]; n++) {
        bool found = false;
        for (size_t i = 0; i < count && !found; i++)
            found = strcmp(key[n], cols[i]) == 0;
        if (!found)
            return false;
    }
    /* every column of the list is in the key (duplicates count once) */
    for (size_t i = 0; i < count; i++) {
        bool found = false;
        for (size_t k = 0; k < n && !found; k++)
            found = strcmp(key[k], cols[i]) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* "(a, b)", the key as SQL writes it; NULL when memory ran out. */
static const char *key_text(const sg__rule_ctx *ctx, const char *const *cols, size_t count)
{
    sg__strbuf b = SG__STRBUF_INIT(ctx->diags->arena);
    sg__strbuf_put(&b, "(", 1);
    for (size_t i = 0; i < count; i++) {
        if (i)
            sg__strbuf_put(&b, ", ", 2);
        sg__strbuf_puts(&b, cols[i]);
    }
    sg__strbuf_put(&b, ")", 1);
    return b.failed ? NULL : b.data;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->conflicts.count; i++) {
        const sg__conflict_target *c = &SG__VEC_AT(f->conflicts, sg__conflict_target, i);
        if (!c->judgeable || ctx->scope->mode == SG_SCOPE_NONE)
            continue;
        long k = ctx->bindings[c->relation].scoped;
        if (k < 0)
            continue; /* a target outside the scope: denied on its own */
        const sg__meta_table *t = ctx->scope->tables[k].table;
        if (t->unique_count == 0)
            continue;         /* the catalog lists no key: nothing to compare with */
        bool unknown = false; /* a column the table does not have: column.unknown's */
        for (size_t n = 0; n < c->count && !unknown && t->column_count; n++)
            unknown = sg__table_column(t, NULL, 0, c->columns[n]) == SG_NO_COLUMN;
        if (unknown)
            continue;
        bool matched = false;
        for (size_t u = 0; u < t->unique_count && !matched; u++)
            matched = same_set(t->unique[u], c->columns, c->count);
        if (matched)
            continue;
        const char *target = key_text(ctx, (const char *const *)c->columns, c->count);
        if (!target)
            return -1;
        size_t others = t->unique_count - (t->primary_key ? 1 : 0);
        int rc;
        if (!t->primary_key) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, c->location,
                            "ON CONFLICT %s matches no unique key of %s.%s (%zu listed in the "
                            "catalog, and no primary key), so PostgreSQL will refuse it",
                            target, t->schema, t->name, others);
        } else {
            size_t pk = 0;
            while (t->primary_key[pk])
                pk++;
            const char *primary = key_text(ctx, t->primary_key, pk);
            if (!primary)
                return -1;
            rc = others == 0
                     ? sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, c->location,
                                  "ON CONFLICT %s is not the primary key %s of %s.%s, the only "
                                  "key the catalog lists, so PostgreSQL will refuse it",
                                  target, primary, t->schema, t->name)
                     : sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, c->location,
                                  "ON CONFLICT %s matches neither the primary key %s nor a "
                                  "unique key of %s.%s (%zu listed in the catalog), so "
                                  "PostgreSQL will refuse it",
                                  target, primary, t->schema, t->name, others);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_conflict_target_not_unique = {
    .id = "conflict.target-not-unique",
    .summary = "an ON CONFLICT column list that is neither the primary key nor a unique key of "
               "the target table",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_CONFLICTS,
    .check = check,
};
