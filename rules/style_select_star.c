/*
 * style_select_star.c - name the columns a query returns.
 *
 * `SELECT *` returns whatever columns the table has today: a migration that
 * adds a column changes every caller's result. A warning.
 */
#include "rules.h"

int sg__rule_style_select_star(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->stars.count; i++)
        if (sg__report(ctx->diags, "style.select-star", SG_AT_COMPILED,
                       SG__VEC_AT(f->stars, int, i),
                       "SELECT * returns whatever columns the table has; name the columns") < 0)
            return -1;
    return 0;
}
