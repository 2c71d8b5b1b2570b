/*
 * params_unused.c - every bound value must be used.
 *
 * A value no placeholder uses usually means a typo in a name or a placeholder
 * that landed in a comment; either way the SQL is not the one the caller
 * meant to bind, so it is an error, not a warning.
 */
#include "rules.h"
#include "util/text.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__param_binding *b = ctx->bind;
    if (!b->shape_ok)
        return 0;
    const sg__operation *op = ctx->op;
    for (size_t i = 0; i < op->param_count; i++) {
        if (b->supplied_used[i])
            continue;
        const char *name =
            op->param_names ? sg__quoted(ctx->diags->arena, op->param_names[i]) : NULL;
        if (op->param_names && !name)
            return -1;
        int rc = name ? sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                                   "parameter %s is bound but never used", name)
                      : sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                                   "parameter %zu (of %zu) is bound but never used", i + 1,
                                   op->param_count);
        if (rc < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_params_unused = {
    .id = "params.unused",
    .summary = "a bound value that no placeholder uses",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs_complete_facts = true,
    .check = check,
};
