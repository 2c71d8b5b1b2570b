/*
 * style_insert_column_list.c - an INSERT names the columns it fills.
 *
 * Without a column list, values bind to columns by position, and a migration
 * that adds or reorders columns silently shifts them. That holds for a
 * migration's seed as well (a reader cannot tell which value fills which
 * column, nor can a squash that reorders them); only pg_dump --inserts
 * writes them so by design, in the order of the dump's own CREATE TABLE,
 * and lint leaves its findings out of a file pg_dump marks as its own.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->inserts_without_columns.count; i++)
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED,
                       SG__VEC_AT(f->inserts_without_columns, int, i),
                       "INSERT without a column list binds values by position; name the "
                       "columns") < 0)
            return -1;
    return 0;
}

const sg__rule sg__rule_style_insert_column_list = {
    .id = "style.insert-column-list",
    .summary = "INSERT without an explicit column list",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_INSERTS_BARE,
    .check = check,
};
