/*
 * params_syntax.c - placeholder styles must agree with each other and with
 * the shape of the parameters.
 *
 * The compiler reports malformed psycopg tokens before parsing; this rule
 * reads the tree's $n references to catch what only the parse shows: native
 * $n mixed into psycopg text, a placeholder glued to following digits (which
 * PostgreSQL reads as a different parameter number), and parameters whose
 * JSON shape does not fit the style. Lint of a .sql statement written with
 * placeholder style "none" (plain SQL, run as it is) has no parameter at all.
 */
#include "rules.h"

/* The placeholder whose "$n" starts at compiled offset `at`, or NULL. */
static const sg__placeholder *placeholder_at(const sg__ph_result *ph, long at)
{
    size_t lo = 0, hi = ph->placeholder_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const sg__placeholder *p = &ph->placeholders[mid];
        if ((long)p->out_offset == at)
            return p;
        if ((long)p->out_offset < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__ph_result *ph = ctx->ph;
    sg__params_shape shape = ctx->op->params_shape;
    /* SQL linted on its own has no values: only the styles are judged */
    if (shape != SG_PARAMS_NONE && ph->style == SG_PH_NAMED && shape != SG_PARAMS_OBJECT) {
        if (sg__report(ctx->diags, ctx->rule, SG_AT_ORIGINAL, (long)ph->placeholders[0].src_offset,
                       "named placeholders %%(name)s need an object of parameters") < 0)
            return -1;
    }
    if (shape != SG_PARAMS_NONE && ph->style == SG_PH_POSITIONAL && shape != SG_PARAMS_ARRAY) {
        if (sg__report(ctx->diags, ctx->rule, SG_AT_ORIGINAL, (long)ph->placeholders[0].src_offset,
                       "positional placeholders %%s need an array of parameters") < 0)
            return -1;
    }
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->params.count; i++) {
        const sg__paramref *r = &SG__VEC_AT(f->params, sg__paramref, i);
        const sg__placeholder *p = placeholder_at(ph, r->location);
        int rc = 0;
        if (ctx->placeholders == SG_LINT_PLACEHOLDERS_NONE) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "$%d is a parameter, but the placeholder style is \"none\": this SQL "
                            "runs as it is, where PostgreSQL has no value for it",
                            r->number);
        } else if (!p && ph->style != SG_PH_NONE) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "native $%d cannot be mixed with psycopg placeholders", r->number);
        } else if (!p && shape == SG_PARAMS_OBJECT) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "native $%d needs an array of parameters, not an object", r->number);
        } else if (p && (unsigned)r->number != p->number) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_ORIGINAL, (long)p->src_offset,
                            "a placeholder directly followed by digits becomes $%d, not $%u; "
                            "separate them",
                            r->number, p->number);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_params_syntax = {
    .id = "params.syntax",
    .summary = "a malformed placeholder, or placeholder styles that mix",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .check = check,
};
