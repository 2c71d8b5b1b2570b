/*
 * rule.h - the rule contract: what a rule is, what it sees, how it reports.
 *
 * A rule is one file in rules/ that defines one const descriptor (sg__rule):
 * its id, summary, default severity, kinds, whether a policy may relax it,
 * its options, whether it needs the whole statement seen, and its check
 * functions. The registry (rules/registry.c) lists the descriptors; the core
 * reaches it only through the declarations here and reports every finding
 * through a descriptor, so a rule id is written once, in its descriptor.
 * Rules read facts and plain operation records, never the parse tree or JSON.
 */
#ifndef SG_CHECK_RULE_H
#define SG_CHECK_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "decode/catalog.h"
#include "decode/operation.h"
#include "decode/policy.h"
#include "diag/diag.h"
#include "facts/facts.h"
#include "resolve/params.h"
#include "resolve/placeholders.h"
#include "resolve/scope.h"

typedef struct sg__rule sg__rule;

/*
 * What a check function sees. A facts check sees every member (catalog is
 * NULL when SQL is linted without one); an operation check runs before the
 * SQL is parsed and has no facts, placeholders or bindings yet; a catalog
 * check may read only rule, catalog, opts, policy and diags.
 */
typedef struct sg__rule_ctx {
    const sg__rule *rule;   /* the descriptor being run: report through it */
    const sg__facts *facts; /* NULL before the SQL is parsed to one statement */
    const sg__operation *op;
    const sg__scope *scope;
    const sg__relation_binding *bindings; /* one per facts->relations entry */
    const sg__ph_result *ph;              /* compiled placeholders */
    const sg__param_binding *bind;        /* parameters bound to $n */
    const sg_check_options *opts;
    const sg_catalog *catalog;
    sg__diags *diags;
    const sg_policy *policy; /* NULL: defaults */
    bool in_lint;            /* part of a lint run, where lint-only options apply */
    bool in_migration;       /* ... of a migration's statement (sg_lint_options.migration) */
    /* ... whose text created these temporary tables before it */
    const char *const *temp_tables;
    size_t temp_table_count;
    /* Lint of a .sql statement: the lint profile severities and options
     * come from under the policy's (sg__policy_severity_in), and the
     * placeholder style the statement is written in; both DEFAULT in a check
     * and for an operation file. */
    int profile;
    sg_lint_placeholders placeholders;
    /* What one rule works out for others to reuse within one check (the
     * resolution of column names, rules/columns.c); zeroed by the runner,
     * filled in the diagnostics' arena. NULL: nothing is kept. */
    struct sg__rule_memo *memo;
} sg__rule_ctx;

typedef struct sg__rule_memo {
    void *resolved; /* rules/columns.c: one resolution per facts->columns entry */
} sg__rule_memo;

/* Returns 0, or -1 when reporting ran out of memory. MUST report only through
 * ctx->rule (sg__report(ctx->diags, ctx->rule, ...)). */
typedef int (*sg__rule_fn)(const sg__rule_ctx *ctx);

/* When a rule's checks run; a rule may be of several kinds (bits). */
typedef enum {
    SG_RULE_STAGE = 0,           /* reported by a pipeline stage, no check function */
    SG_RULE_OPERATION = 1u << 0, /* check runs once the operation decoded */
    SG_RULE_FACTS = 1u << 1,     /* check runs on the facts of exactly one parsed statement */
    SG_RULE_CATALOG = 1u << 2    /* check_catalog runs on a whole catalog (sg_lint_catalog) */
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
    /* SG_OPT_PATTERNS that admit what the rule would refuse: a pattern that
     * matches the empty string matches every name, and is a load error */
    bool admits;
} sg__option;

struct sg__rule {
    const char *id;       /* stable: never renamed */
    const char *summary;  /* one line, as `sqlguard rules` prints it */
    sg_severity severity; /* default */
    unsigned kinds;       /* sg__rule_kind bits; SG_RULE_STAGE alone for stage rules */
    bool locked;          /* a policy may not turn it off or make it a warning */
    /* locked for operations (sg_check, exec, operation files in lint): a
     * policy's severity applies to lint's .sql statements only */
    bool locked_for_operations;
    /* The rule concludes from the absence of something (an unused value, a
     * placeholder that never became a parameter, an untouched table, a
     * missing ORDER BY): the runner skips it unless the walker saw the whole
     * statement. sql.unsupported denies such statements anyway, and the
     * rule's conclusions would be guesses. */
    bool needs_complete_facts;
    /* The rule speaks of what a statement does for a caller: the pages of
     * rows it returns, values a caller would splice into it, columns that
     * code relying on it expects. A migration's statements (a pg_dump's
     * among them: sg_lint_options.migration) run once, at their point of the
     * schema's history, for no caller: the runner does not run it there. */
    bool not_in_migrations;
    /* SG_FACT_* bits: a facts check that reads only these kinds of facts, and
     * reports nothing when the statement has none of them, says so here and
     * the runner does not call it then. 0: it always runs. */
    unsigned needs;
    const sg__option *options; /* NULL-name terminated, or NULL; a policy names
                                * an option by its index in this list */
    sg__rule_fn check;         /* SG_RULE_OPERATION / SG_RULE_FACTS */
    sg__rule_fn check_catalog; /* SG_RULE_CATALOG */
};

/* The registry (rules/registry.c): every descriptor once, in the order of the
 * public sg_rule_* table. */
extern const sg__rule *const sg__rule_table[];
extern const size_t sg__rule_total;
/* The descriptors of the rules whose kinds include `kind` (one bit), in
 * table order; *count of them. A caller still checks each one's kinds (the
 * list may be the whole table). */
const sg__rule *const *sg__rules_of_kind(sg__rule_kind kind, size_t *count);
/* The same, with *at: each listed rule's position in sg__rule_table, or
 * NULL when the list is the whole table. */
const sg__rule *const *sg__rules_of_kind_at(sg__rule_kind kind, size_t *count,
                                            const unsigned char **at);
/* The descriptor of `id`, or NULL. */
const sg__rule *sg__rule_find(const char *id);
/* The position of `rule` in sg__rule_table; sg__rule_total when not listed. */
size_t sg__rule_index(const sg__rule *rule);

/* Helpers shared by rules. */
static inline bool sg__is_dml(const sg__facts *f)
{
    return f && f->kind >= SG_STMT_SELECT && f->kind <= SG_STMT_MERGE;
}

/* True when the walker saw the whole statement (see needs_complete_facts). */
static inline bool sg__facts_complete(const sg__facts *f)
{
    return f && !f->depth_exceeded && !f->incomplete;
}

/* Whether the runner runs facts rule `r` on `facts` under `policy`: the
 * policy has not turned it off, and it needs no more facts than there are.
 * A rule that defers to another one asks this of the other. */
static inline bool sg__rule_active_in(const sg__rule *r, const sg_policy *policy, int profile,
                                      const sg__facts *facts)
{
    return sg__policy_severity_in(policy, profile, r) != 0 &&
           (!r->needs_complete_facts || sg__facts_complete(facts));
}

static inline bool sg__rule_active(const sg__rule *r, const sg_policy *policy,
                                   const sg__facts *facts)
{
    return sg__rule_active_in(r, policy, SG_LINT_PROFILE_DEFAULT, facts);
}

#endif
