/*
 * sql_multiple_statements.c - an operation runs exactly one statement.
 *
 * A stage rule: after parsing, text that holds no statement, or several
 * (pointing at the second, where the one statement ends), is reported and
 * no rule reads its facts.
 */
#include "rules.h"

const sg__rule sg__rule_sql_multiple_statements = {
    .id = "sql.multiple-statements",
    .summary = "the SQL holds more, or fewer, than one statement",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_STAGE,
    .locked = true,
};
