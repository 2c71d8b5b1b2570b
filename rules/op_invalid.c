/*
 * op_invalid.c - the operation breaks its contract.
 *
 * A stage rule: the decoder reports it for JSON that is not an object of the
 * contract's shape (unknown keys, wrong types, missing members, oversized or
 * malformed input, SQL that is not UTF-8), the parameter binding for a key an
 * object holds twice, and sg_lint_sql() for SQL over its bounds. Nothing after
 * the decoder runs on such an operation.
 */
#include "rules.h"

const sg__rule sg__rule_op_invalid = {
    .id = "op.invalid",
    .summary = "the operation is not valid JSON or breaks the operation contract",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_STAGE,
    .locked = true,
};
