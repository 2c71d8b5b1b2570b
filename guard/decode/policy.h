/*
 * policy.h - what a loaded policy says: bounds, rule severities and options.
 */
#ifndef SG_DECODE_POLICY_H
#define SG_DECODE_POLICY_H

#include <stddef.h>

#include "sqlguard.h"

struct sg__rule;

/* Bounds a policy's "limits" may set (policy.c); each is named like the
 * sg_check_options field it replaces, and the catalog's two by themselves. */
enum {
    SG__LIMIT_OPERATION_BYTES,
    SG__LIMIT_JSON_DEPTH,
    SG__LIMIT_SQL_BYTES,
    SG__LIMIT_PARAMETERS,
    SG__LIMIT_SCOPE_TABLES,
    SG__LIMIT_AST_DEPTH,
    SG__LIMIT_DIAGNOSTICS,
    SG__LIMIT_ROWS,
    SG__LIMIT_TIMEOUT_MS,
    SG__LIMIT_CATALOG_BYTES,
    SG__LIMIT_CATALOG_TABLES,
    SG__LIMIT_COUNT
};
/* The policy's value of bound `which`, or `fallback` when it sets none (or
 * there is no policy). */
long long sg__policy_limit(const sg_policy *policy, int which, long long fallback);
/* Replaces the fields of *options that `policy` (may be NULL) sets. */
void sg__policy_apply_limits(const sg_policy *policy, sg_check_options *options);

/* The severity a rule reports at under `policy`; 0 when it is off. */
int sg__policy_severity(const sg_policy *policy, const struct sg__rule *rule);
/* Compiled patterns of a rule option: count, and whether `subject` matches
 * any of them (match data allocated per call, so safe across threads). */
size_t sg__policy_pattern_count(const sg_policy *policy, const char *rule, const char *option);
int sg__policy_match(const sg_policy *policy, const char *rule, const char *option,
                     const char *subject);
/* The value a policy set for an integer option: 1 with *value, 0 when unset. */
int sg__policy_integer(const sg_policy *policy, const char *rule, const char *option,
                       long long *value);
/* The value a policy chose for an enum option, or NULL (the rule's default). */
const char *sg__policy_choice(const sg_policy *policy, const char *rule, const char *option);

#endif
