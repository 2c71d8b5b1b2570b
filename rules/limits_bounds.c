/*
 * limits_bounds.c - a policy's own maxima for the operation's limits.
 *
 * limits.invalid enforces the check options' hard bounds; a gateway operator
 * sets tighter ones here (options max_rows, statement_timeout_ms). Without
 * options the rule has nothing to enforce.
 */
#include "rules.h"

enum { MAX_ROWS, STATEMENT_TIMEOUT_MS };

static const sg__option options[] = {
    [MAX_ROWS] = {"max_rows", SG_OPT_INTEGER, NULL,
                  "largest limits.max_rows an operation may ask for"},
    [STATEMENT_TIMEOUT_MS] = {"statement_timeout_ms", SG_OPT_INTEGER, NULL,
                              "largest limits.statement_timeout_ms an operation may ask for"},
    {NULL, 0, NULL, NULL},
};

static int bound(const sg__rule_ctx *ctx, const sg__op_limit *limit, size_t option)
{
    long long max;
    if (!sg__policy_integer(ctx->policy, ctx->rule, option, &max) || !limit->is_number ||
        limit->value <= (double)max)
        return 0;
    return sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                      "limits.%s is %.0f, over the policy's maximum of %lld", limit->key,
                      limit->value, max);
}

static int check(const sg__rule_ctx *ctx)
{
    if (bound(ctx, &ctx->op->max_rows, MAX_ROWS) < 0 ||
        bound(ctx, &ctx->op->statement_timeout_ms, STATEMENT_TIMEOUT_MS) < 0)
        return -1;
    return 0;
}

const sg__rule sg__rule_limits_bounds = {
    .id = "limits.bounds",
    .summary = "max_rows or statement_timeout_ms over the policy's maxima",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_OPERATION,
    .options = options,
    .check = check,
};
