/*
 * paginate_limit_without_order_by.c - LIMIT picks rows only in an order.
 *
 * At any query level, LIMIT, OFFSET or FETCH without ORDER BY returns an
 * arbitrary subset that can change from one run to the next. One statement,
 * one finding: where paginate.order-by-required reports the top-level select
 * of a select operation (pointing at its LIMIT), this rule says nothing more
 * about that level; it warns about every other level, and about the top level
 * when that rule is off or does not apply. A top level that returns at most
 * one row (a key lookup, an aggregate) picks nothing arbitrary, nor does a
 * sub-select that is a key lookup of one table or whose outputs are columns
 * its WHERE pins to one value. The finding
 * points at the clause's LIMIT, OFFSET or FETCH keyword. A migration's
 * batches (`DELETE ... WHERE id IN (SELECT id ... LIMIT 1000)`) take any rows
 * by design: no pagination rule runs on a migration's statements.
 */
#include "rules.h"

/* Whether an OFFSET without LIMIT skips no row: the constant 0, or a
 * parameter bound to 0 (Prisma's aggregates send `OFFSET $n` with 0);
 * -1 when memory ran out. */
static int skips_nothing(const sg__rule_ctx *ctx, const sg__unordered_limit *u)
{
    if (!u->offset_only)
        return 0;
    if (u->offset_zero)
        return 1;
    const char *t;
    int bound = sg__param_bound_text(ctx, u->offset_param, &t);
    if (bound <= 0)
        return bound;
    if (!t)
        return 1; /* OFFSET NULL skips none */
    while (*t == ' ' || (*t >= '\t' && *t <= '\r'))
        t++;
    if (*t == '+' || *t == '-')
        t++;
    bool digits = false;
    for (; *t == '0'; t++)
        digits = true;
    while (*t == ' ' || (*t >= '\t' && *t <= '\r'))
        t++;
    return digits && !*t;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->unordered_limits.count; i++) {
        const sg__unordered_limit *u = &SG__VEC_AT(f->unordered_limits, sg__unordered_limit, i);
        if (u->top && (sg__paginate_top_reported(ctx) || sg__paginate_order_moot(ctx)))
            continue;
        /* a sub-select's key lookup (`(SELECT email FROM users u WHERE u.id =
         * p.user_id LIMIT 1)`, EF Core's FirstOrDefault) has one row to pick,
         * Sequelize's `(SELECT user_id ... WHERE user_id = u.id LIMIT 1)` rows
         * all alike */
        if (!u->top && sg__paginate_level_picks_nothing(ctx, u->level))
            continue;
        /* an OFFSET of 0 without LIMIT returns every row */
        int none = skips_nothing(ctx, u);
        if (none < 0)
            return -1;
        if (none)
            continue;
        int at = u->top && f->top.limit_location >= 0 ? f->top.limit_location : u->location;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, at,
                       "%s LIMIT/OFFSET/FETCH without ORDER BY picks arbitrary rows",
                       u->top ? "the statement's" : "a subquery's") < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_paginate_limit_without_order_by = {
    .id = "paginate.limit-without-order-by",
    .summary = "LIMIT, OFFSET or FETCH without ORDER BY at the same level",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .not_in_migrations = true,
    .needs = SG_FACT_UNORDERED_LIMITS,
    .check = check,
};
