/*
 * params_unused.c - every bound value must be used.
 *
 * A value no placeholder uses usually means a typo in a name or a placeholder
 * that landed in a comment; either way the SQL is not the one the caller
 * meant to bind, so it is an error, not a warning.
 */
#include "rules.h"

int sg__rule_params_unused(const sg__rule_ctx *ctx)
{
    if (!sg__facts_complete(ctx->facts))
        return 0;
    const sg__param_binding *b = ctx->bind;
    if (!b->shape_ok)
        return 0;
    for (size_t i = 0; i < b->supplied_count; i++) {
        if (b->supplied_used[i])
            continue;
        int rc = b->supplied_names
                     ? sg__report(ctx->diags, "params.unused", SG_AT_NONE, -1,
                                  "parameter \"%s\" is bound but never used",
                                  b->supplied_names[i])
                     : sg__report(ctx->diags, "params.unused", SG_AT_NONE, -1,
                                  "parameter %zu (of %zu) is bound but never used", i + 1,
                                  b->supplied_count);
        if (rc < 0)
            return -1;
    }
    return 0;
}
