/*
 * rule.h - what a rule sees and how it reports.
 *
 * A rule is one file with one check function over the facts of a statement,
 * the decoded operation, the resolved scope and the check options; it never
 * sees the parse tree. Rules are listed once, in rules.def.
 */
#ifndef SG_RULE_H
#define SG_RULE_H

#include <stdbool.h>
#include <string.h>

#include "internal.h"

/* The binding of one relation reference (facts->relations[i]) to the scope. */
typedef struct sg__binding {
    const char *schema; /* resolved schema, NULL when unresolvable */
    long scoped;        /* index into scope->tables, or -1 */
} sg__binding;

typedef struct sg__rule_ctx {
    const sg__facts *facts; /* NULL when the SQL was not parsed to one DML statement */
    const sg__operation *op;
    const sg__scope *scope;
    const sg__binding *bindings; /* one per facts->relations entry */
    const sg__ph_result *ph;     /* compiled placeholders */
    const sg__bind *bind;        /* parameters bound to $n */
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

/* Check functions and option schemas, one rule file each. */
#define SG_RULE(sym, id, sev, kind, lock, opts, summary)                                           \
    int sg__rule_##sym(const sg__rule_ctx *ctx);
#include "rules.def"
#undef SG_RULE
extern const sg__option sg__options_func_denied[];
extern const sg__option sg__options_limits_bounds[];
extern const sg__option sg__options_naming_table_prefix[];
/* The naming rule over a catalog's physical names (for `sqlguard lint --catalog`). */
int sg__naming_check_catalog(const sg_catalog *catalog, const sg_policy *policy, sg__diags *d);

/* ---- what a policy says (policy.c) ---- */

/* The severity a rule reports at under `policy`; 0 when it is off. */
int sg__policy_severity(const sg_policy *policy, const sg__rule *rule);
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
