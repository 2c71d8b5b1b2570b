/*
 * insert_not_null_missing.c - an INSERT must give every NOT NULL column
 * without a default a value.
 *
 * The catalog says which columns are NOT NULL ("nullable": false) and which
 * have a default. An INSERT that leaves such a column out of its column list
 * (or, without a list, gives fewer values per row than the table has columns
 * up to it) fails at the server with a not-null violation, after a round
 * trip; so does one that gives it DEFAULT in some VALUES row, and an
 * UPDATE (or ON CONFLICT DO UPDATE, or MERGE's) SET of it to DEFAULT. A source
 * whose width the text does not tell (`SELECT *`) is not
 * judged, nor a table whose columns the catalog does not list. Identity and
 * generated columns are filled by PostgreSQL: a catalog lists a default for
 * them.
 */
#include "rules.h"

/* Whether the value at position i of some VALUES row is DEFAULT. */
static bool defaulted(const sg__insert *in, size_t i)
{
    return in->defaulted && i < in->defaulted_count && in->defaulted[i];
}

/* Whether the list names `name` and gives it a value other than DEFAULT. */
static bool listed(const sg__insert *in, const char *name)
{
    for (size_t i = 0; i < in->count; i++)
        if (strcmp(in->columns[i], name) == 0)
            return !defaulted(in, i);
    return false;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->inserts.count; i++) {
        const sg__insert *in = &SG__VEC_AT(f->inserts, sg__insert, i);
        if (ctx->scope->mode == SG_SCOPE_NONE || (!in->listed && in->width < 0))
            continue;
        long k = ctx->bindings[in->relation].scoped;
        if (k < 0)
            continue; /* a target outside the scope: denied on its own */
        const sg__meta_table *t = ctx->scope->tables[k].table;
        if (!t->column_required)
            continue;
        sg__strbuf missing = SG__STRBUF_INIT(ctx->diags->arena);
        size_t count = 0;
        for (size_t c = 0; c < t->column_count; c++) {
            if (!t->column_required[c])
                continue;
            bool given =
                in->listed ? listed(in, t->columns[c]) : (long)c < in->width && !defaulted(in, c);
            if (given)
                continue;
            if (count++)
                sg__strbuf_put(&missing, ", ", 2);
            sg__strbuf_puts(&missing, t->columns[c]);
        }
        if (count == 0)
            continue;
        if (missing.failed)
            return -1;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, in->location,
                       "this INSERT into %s.%s gives no value to NOT NULL column%s %s, which "
                       "%s no default",
                       t->schema, t->name, count > 1 ? "s" : "", missing.data,
                       count > 1 ? "have" : "has") < 0)
            return -1;
    }
    /* UPDATE SET c = DEFAULT (ON CONFLICT DO UPDATE's, MERGE's) alike */
    for (size_t i = 0; i < f->writes.count && ctx->scope->mode != SG_SCOPE_NONE; i++) {
        const sg__column_write *w = &SG__VEC_AT(f->writes, sg__column_write, i);
        if (!w->set || !w->to_default || !w->name)
            continue;
        long k = ctx->bindings[w->relation].scoped;
        const sg__meta_table *t = k >= 0 ? ctx->scope->tables[k].table : NULL;
        long c = t && t->column_required ? sg__table_column(t, NULL, 0, w->name) : SG_NO_COLUMN;
        if (c >= 0 && t->column_required[c] &&
            sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, w->location,
                       "this statement sets NOT NULL column %s of %s.%s to DEFAULT, which is "
                       "NULL: the column has no default",
                       w->name, t->schema, t->name) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_insert_not_null_missing = {
    .id = "insert.not-null-missing",
    .summary = "an INSERT that gives no value to a NOT NULL column without a default",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_INSERTS | SG_FACT_WRITES,
    .check = check,
};
