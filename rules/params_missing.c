/*
 * params_missing.c - every placeholder needs a bound value.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__param_binding *b = ctx->bind;
    size_t supplied = ctx->op->param_count;
    if (!b->shape_ok)
        return 0;
    if (b->native) {
        const sg__facts *f = ctx->facts;
        for (size_t i = 0; i < f->params.count; i++) {
            const sg__paramref *r = &SG__VEC_AT(f->params, sg__paramref, i);
            if (r->number >= 1 && (size_t)r->number <= supplied)
                continue;
            if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                           "$%d has no bound value (%zu parameter%s supplied)", r->number, supplied,
                           supplied == 1 ? "" : "s") < 0)
                return -1;
        }
        return 0;
    }
    const sg__ph_result *ph = ctx->ph;
    /* report each missing value once, at its first placeholder */
    size_t numbers = ph->name_count + ph->positional_count + 1;
    bool *reported = sg__arena_alloc(ctx->diags->arena, numbers);
    if (!reported)
        return -1;
    for (size_t i = 0; i < ph->placeholder_count; i++) {
        const sg__placeholder *p = &ph->placeholders[i];
        if (sg__param_slot_bound(b, p->number - 1))
            continue;
        if (p->number >= numbers || reported[p->number])
            continue;
        reported[p->number] = true;
        int rc = p->name ? sg__report(ctx->diags, ctx->rule, SG_AT_ORIGINAL, (long)p->src_offset,
                                      "placeholder %%(%s)s has no bound value", p->name)
                         : sg__report(ctx->diags, ctx->rule, SG_AT_ORIGINAL, (long)p->src_offset,
                                      "placeholder %%s number %u has no bound value (%zu "
                                      "supplied)",
                                      p->number, supplied);
        if (rc < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_params_missing = {
    .id = "params.missing",
    .summary = "a placeholder with no bound value",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .check = check,
};
