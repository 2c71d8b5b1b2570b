/*
 * limits_bounds.c - a policy's own maxima for the operation's limits.
 *
 * limits.invalid enforces the check options' hard bounds; a gateway operator
 * sets tighter ones here (options max_rows, statement_timeout_ms). Without
 * options the rule has nothing to enforce.
 */
#include "rules.h"

const sg__option sg__options_limits_bounds[] = {
    {"max_rows", SG_OPT_INTEGER, NULL, "largest limits.max_rows an operation may ask for"},
    {"statement_timeout_ms", SG_OPT_INTEGER, NULL,
     "largest limits.statement_timeout_ms an operation may ask for"},
    {NULL, 0, NULL, NULL},
};

static int bound(const sg__rule_ctx *ctx, const char *key, const cJSON *v)
{
    long long max;
    if (!sg__policy_integer(ctx->policy, "limits.bounds", key, &max) || !cJSON_IsNumber(v) ||
        v->valuedouble <= (double)max)
        return 0;
    return sg__report(ctx->diags, "limits.bounds", SG_AT_NONE, -1,
                      "limits.%s is %.0f, over the policy's maximum of %lld", key, v->valuedouble,
                      max);
}

int sg__rule_limits_bounds(const sg__rule_ctx *ctx)
{
    if (bound(ctx, "max_rows", ctx->op->max_rows) < 0 ||
        bound(ctx, "statement_timeout_ms", ctx->op->statement_timeout_ms) < 0)
        return -1;
    return 0;
}
