/*
 * limits_invalid.c - every operation carries sane limits.
 *
 * Both max_rows and statement_timeout_ms are required, must be integers
 * greater than zero, and may not exceed the bounds of the check options. A
 * policy cannot turn it off for an operation (the executor runs under these
 * limits, and a gateway reads them): only lint's .sql statements, which have
 * none, may.
 */
#include "rules.h"

static int check_limit(const sg__rule_ctx *ctx, const sg__op_limit *limit, long long bound)
{
    const char *key = limit->key;
    double d = limit->value;
    if (!limit->present)
        return sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1, "limits.%s is required", key);
    if (!limit->is_number)
        return sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1, "limits.%s must be an integer",
                          key);
    if (!limit->is_integer)
        return sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                          "limits.%s must be an integer, got %g", key, d);
    if (d <= 0)
        return sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                          "limits.%s must be greater than 0, got %.0f", key, d);
    if (d > (double)bound)
        return sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                          "limits.%s is %.0f, over the bound of %lld", key, d, bound);
    return 0;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__operation *op = ctx->op;
    if (!op->has_limits)
        return sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                          "limits is required, with max_rows and statement_timeout_ms");
    if (check_limit(ctx, &op->max_rows, ctx->opts->max_rows_bound) < 0 ||
        check_limit(ctx, &op->statement_timeout_ms, ctx->opts->max_timeout_ms) < 0)
        return -1;
    return 0;
}

const sg__rule sg__rule_limits_invalid = {
    .id = "limits.invalid",
    .summary =
        "max_rows or statement_timeout_ms missing, not a positive integer, or over the bound",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_OPERATION,
    .locked_for_operations = true,
    .check = check,
};
