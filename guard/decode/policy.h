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
/* The highest value bound `which` may take (what the guard can still hold
 * safely), for a policy and for sg_check_options alike. */
long long sg__limit_ceiling(int which);
/* Replaces the fields of *options that `policy` (may be NULL) sets. */
void sg__policy_apply_limits(const sg_policy *policy, sg_check_options *options);

/* The severity `rule` (a registry descriptor) reports at under `policy`; 0
 * when it is off. */
int sg__policy_severity(const sg_policy *policy, const struct sg__rule *rule);
/* The same when lint judges a .sql statement under `profile` (an
 * sg_lint_profile, resolved: REPOSITORY or STRICT; DEFAULT, as checks pass
 * it, means no profile): what the policy sets wins, then the profile's
 * severity, then the rule's default. */
int sg__policy_severity_in(const sg_policy *policy, int profile, const struct sg__rule *rule);
/* Every rule's severity under `policy` (may be NULL) and `profile`, as
 * sg__policy_severity_in() gives it, by position in sg__rule_table (0 when
 * off): worked out when the policy loaded, or once in the process without
 * one. NULL when `profile` is none of sg_lint_profile's (or, without a
 * policy, the defaults could not be worked out): ask sg__policy_severity_in()
 * then. Borrowed: it lives as long as the policy. */
const signed char *sg__policy_severities(const sg_policy *policy, int profile);
/* The lint section of a policy: its "profile" and "placeholders", DEFAULT
 * when it sets none (or there is no policy). */
sg_lint_profile sg__policy_lint_profile(const sg_policy *policy);
sg_lint_placeholders sg__policy_lint_placeholders(const sg_policy *policy);
/* A rule's options as the policy set them, each named by its index in the
 * rule's option list (rule->options). Patterns: how many, and whether
 * `subject` matches any of them (1, 0, or -1 when memory ran out; match data
 * is allocated per call, so this is safe across threads). When PCRE2 cannot
 * tell (a match limit, say) the answer is `undecided`: the caller passes the
 * one that fails closed. */
size_t sg__policy_pattern_count(const sg_policy *policy, const struct sg__rule *rule,
                                size_t option);
int sg__policy_match(const sg_policy *policy, const struct sg__rule *rule, size_t option,
                     const char *subject, int undecided);
/* Whether `policy` denies columns under `profile`: column.denied is on and
 * lists patterns (a verdict then withholds the row values of constraint
 * errors). Looks nothing up by name. */
bool sg__policy_denies_columns(const sg_policy *policy, int profile);
/* An integer option: 1 with *value, 0 when unset. */
int sg__policy_integer(const sg_policy *policy, const struct sg__rule *rule, size_t option,
                       long long *value);
/* An enum option's chosen value, or NULL (the rule's default). */
const char *sg__policy_choice(const sg_policy *policy, const struct sg__rule *rule, size_t option);
/* The same under lint profile `profile` (see sg__policy_severity_in): the
 * policy's choice, else the profile's, else NULL. */
const char *sg__policy_choice_in(const sg_policy *policy, int profile, const struct sg__rule *rule,
                                 size_t option);

#endif
