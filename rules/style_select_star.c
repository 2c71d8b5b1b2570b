/*
 * style_select_star.c - name the columns a query returns.
 *
 * `SELECT *` returns whatever columns the table has today: a migration that
 * adds a column changes every caller's result. A warning.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->stars.count; i++)
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, SG__VEC_AT(f->stars, int, i),
                       "SELECT * returns whatever columns the table has; name the columns") < 0)
            return -1;
    return 0;
}

const sg__rule sg__rule_style_select_star = {
    .id = "style.select-star",
    .summary = "SELECT * in the result instead of named columns",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_STARS,
    .check = check,
};
