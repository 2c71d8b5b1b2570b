/*
 * paginate_limit_without_order_by.c - LIMIT picks rows only in an order.
 *
 * At any query level, LIMIT, OFFSET or FETCH without ORDER BY returns an
 * arbitrary subset that can change from one run to the next. The top-level
 * select of a select operation is already an error under
 * paginate.order-by-required; this warns everywhere else too.
 */
#include "rules.h"

int sg__rule_paginate_limit_without_order_by(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->unordered_limits.count; i++) {
        const sg__unordered_limit *u = &SG__VEC_AT(f->unordered_limits, sg__unordered_limit, i);
        if (sg__report(ctx->diags, "paginate.limit-without-order-by", SG_AT_COMPILED, u->location,
                       "%s LIMIT/OFFSET/FETCH without ORDER BY picks arbitrary rows",
                       u->top ? "the statement's" : "a subquery's") < 0)
            return -1;
    }
    return 0;
}
