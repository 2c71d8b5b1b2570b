/*
 * scope_invalid.c - the declared scope must resolve against the catalog.
 *
 * A stage rule: the scope resolver reports an unknown data source or table,
 * a table on another data source, an access other than read or write, and an
 * alias or table scoped twice; sg_lint_sql() reports a data source the
 * catalog does not have.
 */
#include "rules.h"

const sg__rule sg__rule_scope_invalid = {
    .id = "scope.invalid",
    .summary = "the declared scope does not resolve against the catalog",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_STAGE,
    .locked = true,
};
