/*
 * params_in_literal.c - a placeholder must become a parameter.
 *
 * psycopg substitutes placeholders everywhere, string literals and comments
 * included. A placeholder whose compiled $n is not a parameter in the parse
 * tree sits inside a literal, a dollar quote, a quoted identifier or a
 * comment (or is glued to an identifier), and the caller's value would be
 * spliced into that text instead of being bound.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__ph_result *ph = ctx->ph;
    for (size_t i = 0; i < ph->placeholder_count; i++) {
        const sg__placeholder *p = &ph->placeholders[i];
        if (sg__facts_param_at(ctx->facts, (int)p->out_offset))
            continue;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_ORIGINAL, (long)p->src_offset,
                       "placeholder %.*s is inside a string literal, quoted identifier or "
                       "comment (or glued to a name), so its value would be spliced into text "
                       "instead of bound",
                       (int)(p->src_len > 64 ? 64 : p->src_len), ctx->op->sql + p->src_offset) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_params_in_literal = {
    .id = "params.in-literal",
    .summary = "a placeholder inside a string literal, quoted identifier or comment",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .needs_complete_facts = true,
    .check = check,
};
