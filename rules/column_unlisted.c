/*
 * column_unlisted.c - a scoped table whose columns the catalog does not list,
 * named once per statement instead of guesses.
 *
 * The column rules (column.unknown, column.ambiguous, column.denied,
 * params.type-mismatch, insert.not-null-missing) judge a table's columns by
 * the catalog's list. Where the catalog gives none, they stay silent about
 * that table, and this warning says so, once per table the statement reads
 * or writes columns of, so that a catalog missing its columns does not pass
 * for one whose operations were checked. Lint leaves it out: it would repeat
 * on every statement of a tree.
 */
#include "rules.h"

/* Whether the statement names any column, `*` or whole row, or writes. */
static bool uses_columns(const sg__facts *f)
{
    return f->fields.count || f->columns.count || f->writes.count || f->inserts.count ||
           f->param_cmps.count;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    /* lint would say it again for every statement of a tree: checks only */
    if (ctx->in_lint || !ctx->catalog || !ctx->scope || ctx->scope->mode == SG_SCOPE_NONE ||
        !uses_columns(f))
        return 0;
    for (size_t i = 0; i < f->relations.count; i++) {
        long k = ctx->bindings[i].scoped;
        if (k < 0)
            continue;
        const sg__meta_table *t = ctx->scope->tables[k].table;
        if (t->column_count)
            continue;
        bool first = true; /* the first reference to this table reports it */
        for (size_t j = 0; j < i && first; j++)
            first = ctx->bindings[j].scoped != k;
        if (first && sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED,
                                SG__VEC_AT(f->relations, sg__relref, i).location,
                                "the catalog lists no columns for %s.%s, so its column references, "
                                "values and NOT NULL columns go unchecked",
                                t->schema, t->name) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_column_unlisted = {
    .id = "column.unlisted",
    .summary = "(warning) a table the statement uses whose columns the catalog does not list, "
               "so the column rules cannot judge it",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .check = check,
};
