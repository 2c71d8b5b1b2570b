/*
 * rules.h - what the rule files share with each other.
 *
 * Each rule file defines its descriptor (`const sg__rule sg__rule_<name>`);
 * registry.c lists them. Everything a rule needs from the core comes through
 * check/rule.h.
 */
#ifndef SG_RULES_RULES_H
#define SG_RULES_RULES_H

#include "check/rule.h"

/* True when paginate.order-by-required reports this statement's top-level
 * select (it runs under the policy and the select needs an ORDER BY it does
 * not have): paginate.limit-without-order-by then stays silent about that
 * level. */
bool sg__paginate_top_reported(const sg__rule_ctx *ctx);

/* True when the statement's top-level select provably returns at most one
 * row (paginate_order_by_required.c says when): it needs no ORDER BY, and no
 * unique one. */
bool sg__paginate_one_row(const sg__rule_ctx *ctx);

#endif
