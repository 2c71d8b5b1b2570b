/*
 * diag.h - collecting a check's diagnostics: severities from the policy,
 * places mapped back to the caller's SQL, a bounded list.
 */
#ifndef SG_DIAG_DIAG_H
#define SG_DIAG_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct sg__ph_result;
struct sg__rule;
#include "sqlguard.h"
#include "util/arena.h"

typedef struct sg__diags {
    sg__arena *arena;
    sg__vec items;  /* sg_diagnostic */
    unsigned max;   /* kept at most; errors displace warnings when full */
    bool truncated; /* some diagnostic was not kept */
    size_t errors;  /* errors reported, kept or not: the verdict denies when > 0 */
    /* for mapping compiled offsets to the caller's text */
    const char *original_sql;
    size_t original_len;
    const struct sg__ph_result *compiled; /* NULL until placeholders are compiled */
    const sg_policy *policy;              /* severities; NULL: defaults */
    int profile;                          /* lint of a .sql statement: its lint profile (under
                                           * the policy); DEFAULT otherwise */
} sg__diags;

/* Where a diagnostic points. */
typedef enum {
    SG_AT_NONE = 0, /* no place in the SQL */
    SG_AT_ORIGINAL, /* a byte offset into the original SQL */
    SG_AT_COMPILED  /* a byte offset into the compiled SQL */
} sg__at_kind;

/* Adds a diagnostic of `rule` (a descriptor of the registry) at the severity
 * the policy gives it, nothing when the policy turned it off; returns -1 when
 * memory ran out. Offsets < 0 mean "no place". */
int sg__report(sg__diags *d, const struct sg__rule *rule, sg__at_kind at, long offset,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int sg__vreport(sg__diags *d, const struct sg__rule *rule, sg__at_kind at, long offset,
                const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* The rules pipeline stages report under (each defined by its file in rules/):
 * the decoder, the scope resolver, the placeholder compiler and the parser. */
extern const struct sg__rule sg__rule_op_invalid;
extern const struct sg__rule sg__rule_scope_invalid;
extern const struct sg__rule sg__rule_params_syntax;
extern const struct sg__rule sg__rule_sql_syntax;
extern const struct sg__rule sg__rule_sql_multiple_statements;

#endif
