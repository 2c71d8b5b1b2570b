/*
 * rule.h - what a rule sees and how it reports.
 *
 * A rule is one file with one check function over the facts of a statement,
 * the decoded operation, the resolved scope and the check options; it never
 * sees the parse tree. The rule table is rules/registry.c.
 */
#ifndef SG_CHECK_RULE_H
#define SG_CHECK_RULE_H

#include <stdbool.h>
#include <string.h>

#include "diag/diag.h"
#include "decode/operation.h"
#include "decode/policy.h"
#include "facts/facts.h"
#include "resolve/params.h"
#include "resolve/placeholders.h"
#include "resolve/scope.h"

typedef struct sg__rule_ctx {
    const sg__facts *facts; /* NULL when the SQL was not parsed to one DML statement */
    const sg__operation *op;
    const sg__scope *scope;
    const sg__relation_binding *bindings; /* one per facts->relations entry */
    const sg__ph_result *ph;     /* compiled placeholders */
    const sg__param_binding *bind;        /* parameters bound to $n */
    const sg_check_options *opts;
    sg__diags *diags;
    const sg_policy *policy; /* NULL: defaults */
} sg__rule_ctx;

/* Returns 0, or -1 when reporting ran out of memory. */
typedef int (*sg__rule_fn)(const sg__rule_ctx *ctx);

typedef enum {
    SG_RULE_STAGE,     /* emitted by a pipeline stage, no check function */
    SG_RULE_OPERATION, /* runs whenever the operation decoded */
    SG_RULE_FACTS      /* runs when the SQL is exactly one parsed statement */
} sg__rule_kind;

/* A rule option, as a policy may set it. */
typedef enum {
    SG_OPT_PATTERNS = 1, /* an array of PCRE2 patterns */
    SG_OPT_ENUM,         /* one string of `choices` ("a|b|c") */
    SG_OPT_INTEGER       /* an integer > 0 */
} sg__option_type;

typedef struct sg__option {
    const char *name;
    sg__option_type type;
    const char *choices; /* SG_OPT_ENUM: "a|b", the first is the default */
    const char *help;
} sg__option;

typedef struct sg__rule {
    const char *id;
    const char *summary;
    sg_severity severity;
    sg__rule_kind kind;
    bool locked;               /* a policy may not turn it off or make it a warning */
    const sg__option *options; /* NULL-name terminated, or NULL */
    sg__rule_fn check;
} sg__rule;

/* The rule table, in rules.def order. */
extern const sg__rule sg__rules[];
extern const size_t sg__rule_total;
const sg__rule *sg__rule_find(const char *id);

/* The naming rule over a catalog's physical names (for `sqlguard lint --catalog`). */
int sg__naming_check_catalog(const sg_catalog *catalog, const sg_policy *policy, sg__diags *d);

/* Helpers shared by rules. */
static inline bool sg__is_dml(const sg__facts *f)
{
    return f && f->kind >= SG_STMT_SELECT && f->kind <= SG_STMT_MERGE;
}

/* True when the walker saw the whole statement. Rules that conclude from the
 * absence of something (an unused value, a placeholder that never became a
 * parameter, an untouched table, a missing ORDER BY) stay silent otherwise:
 * sql.unsupported already denies, and their conclusions would be guesses. */
static inline bool sg__facts_complete(const sg__facts *f)
{
    return f && !f->depth_exceeded && !f->incomplete;
}

#endif
