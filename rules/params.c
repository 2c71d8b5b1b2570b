/*
 * params.c - a parameter as the caller wrote it, for the rules' messages,
 * and the text of the value bound to it.
 */
#include "rules.h"

const char *sg__param_display_name(const sg__rule_ctx *ctx, int n)
{
    const sg__ph_result *ph = ctx->ph;
    if (ph && ph->style == SG_PH_NAMED && n >= 1 && (size_t)n <= ph->name_count)
        return sg__arena_printf(ctx->diags->arena, "%%(%s)s", ph->names[n - 1]);
    if (ph && ph->style == SG_PH_POSITIONAL)
        return sg__arena_printf(ctx->diags->arena, "%%s number %d", n);
    return sg__arena_printf(ctx->diags->arena, "$%d", n);
}

int sg__param_bound_text(const sg__rule_ctx *ctx, int n, const char **t)
{
    *t = NULL;
    if (n <= 0 || !ctx->bind || !sg__param_slot_bound(ctx->bind, (size_t)n - 1))
        return 0;
    bool is_null;
    *t = sg__param_slot_text(ctx->diags->arena, ctx->bind, (size_t)n - 1, &is_null);
    return *t || is_null ? 1 : -1;
}
