/*
 * style_literal_in_predicate.c - user input belongs in bound parameters.
 *
 * A string or number literal compared with a column is where a value from the
 * caller usually ends up spliced into SQL text; a bound parameter keeps it
 * data. Fixed constants (`status = 'active'`) are legitimate, so this warns.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->literal_cmps.count; i++) {
        const sg__literal_cmp *c = &SG__VEC_AT(f->literal_cmps, sg__literal_cmp, i);
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, c->location,
                       "a %s literal is compared with a column: user input belongs in bound "
                       "parameters",
                       c->is_string ? "string" : "number") < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_style_literal_in_predicate = {
    .id = "style.literal-in-predicate",
    .summary = "a string or number literal compared with a column where a bound parameter belongs",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .check = check,
};
