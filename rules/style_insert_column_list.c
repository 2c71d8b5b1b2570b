/*
 * style_insert_column_list.c - an INSERT names the columns it fills.
 *
 * Without a column list, values bind to columns by position, and a migration
 * that adds or reorders columns silently shifts them.
 */
#include "rules.h"

int sg__rule_style_insert_column_list(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->inserts_without_columns.count; i++)
        if (sg__report(ctx->diags, "style.insert-column-list", SG_AT_COMPILED,
                       SG__VEC_AT(f->inserts_without_columns, int, i),
                       "INSERT without a column list binds values by position; name the "
                       "columns") < 0)
            return -1;
    return 0;
}
