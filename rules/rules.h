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

/* The scoped table a name selected from a relation's row (`t.f`,
 * `s.t.f`, `(t).f`) reads, when the catalog lists its columns; NULL for any
 * other row, a relation outside the scope, a schema that is not the table's
 * own, or a table whose columns the catalog does not list (rowfields.c). */
const sg__meta_table *sg__field_table(const sg__rule_ctx *ctx, const sg__field_ref *r);

/* Whether `name` is a column of `t` as the catalog lists it, or one of the
 * system columns every table has (tableoid, ctid, xmin, xmax, cmin, cmax). */
bool sg__table_has_column(const sg__meta_table *t, const char *name);

#endif
