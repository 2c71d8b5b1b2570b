/*
 * limits_invalid.c - every operation carries sane limits.
 *
 * Both max_rows and statement_timeout_ms are required, must be integers
 * greater than zero, and may not exceed the bounds of the check options.
 */
#include <math.h>

#include "rules.h"

static int check_limit(const sg__rule_ctx *ctx, const char *key, const cJSON *v, long long bound)
{
    if (!v)
        return sg__report(ctx->diags, "limits.invalid", SG_AT_NONE, -1,
                          "limits.%s is required", key);
    if (!cJSON_IsNumber(v))
        return sg__report(ctx->diags, "limits.invalid", SG_AT_NONE, -1,
                          "limits.%s must be an integer", key);
    double d = v->valuedouble;
    if (!isfinite(d) || floor(d) != d)
        return sg__report(ctx->diags, "limits.invalid", SG_AT_NONE, -1,
                          "limits.%s must be an integer, got %g", key, d);
    if (d <= 0)
        return sg__report(ctx->diags, "limits.invalid", SG_AT_NONE, -1,
                          "limits.%s must be greater than 0, got %.0f", key, d);
    if (d > (double)bound)
        return sg__report(ctx->diags, "limits.invalid", SG_AT_NONE, -1,
                          "limits.%s is %.0f, over the bound of %lld", key, d, bound);
    return 0;
}

int sg__rule_limits_invalid(const sg__rule_ctx *ctx)
{
    const sg__operation *op = ctx->op;
    if (!op->has_limits)
        return sg__report(ctx->diags, "limits.invalid", SG_AT_NONE, -1,
                          "limits is required, with max_rows and statement_timeout_ms");
    if (check_limit(ctx, "max_rows", op->max_rows, ctx->opts->max_rows_bound) < 0 ||
        check_limit(ctx, "statement_timeout_ms", op->statement_timeout_ms,
                    ctx->opts->max_timeout_ms) < 0)
        return -1;
    return 0;
}
