/*
 * rowfields.c - the catalog's columns of the scoped table a qualified name
 * selects from, shared by func.denied (is the name a field, or a call?) and
 * column.unknown (is it a column at all?).
 */
#include "rules.h"

const sg__meta_table *sg__field_table(const sg__rule_ctx *ctx, const sg__field_ref *r)
{
    if (r->row != SG_ROW_RELATION || ctx->scope->mode == SG_SCOPE_NONE || r->relation < 0)
        return NULL;
    long k = ctx->bindings[r->relation].scoped;
    if (k < 0)
        return NULL;
    const sg__meta_table *t = ctx->scope->tables[k].table;
    if (r->schema && strcmp(r->schema, t->schema) != 0)
        return NULL;
    return t->column_count ? t : NULL;
}

bool sg__table_has_column(const sg__meta_table *t, const char *name)
{
    static const char *const system[] = {"tableoid", "ctid", "xmin", "xmax", "cmin", "cmax"};
    for (size_t i = 0; i < sizeof system / sizeof system[0]; i++)
        if (strcmp(name, system[i]) == 0)
            return true;
    for (size_t i = 0; i < t->column_count; i++)
        if (strcmp(t->columns[i], name) == 0)
            return true;
    return false;
}
