/*
 * sql_syntax.c - the SQL does not parse.
 *
 * A stage rule: the parser reports PostgreSQL's own message at the offending
 * place, with a hint when the text looks like another dialect's SQL.
 */
#include "rules.h"

const sg__rule sg__rule_sql_syntax = {
    .id = "sql.syntax",
    .summary = "the SQL does not parse as PostgreSQL",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_STAGE,
    .locked = true,
};
