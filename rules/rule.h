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
    const char *schema;  /* resolved schema, NULL when unresolvable */
    long scoped;         /* index into scope->tables, or -1 */
} sg__binding;

typedef struct sg__rule_ctx {
    const sg__facts *facts;        /* NULL when the SQL was not parsed to one DML statement */
    const sg__operation *op;
    const sg__scope *scope;
    const sg__binding *bindings;   /* one per facts->relations entry */
    const sg__ph_result *ph;       /* compiled placeholders */
    const sg__bind *bind;          /* parameters bound to $n */
    const sg_check_options *opts;
    sg__diags *diags;
} sg__rule_ctx;

/* Returns 0, or -1 when reporting ran out of memory. */
typedef int (*sg__rule_fn)(const sg__rule_ctx *ctx);

typedef enum {
    SG_RULE_STAGE,   /* emitted by a pipeline stage, no check function */
    SG_RULE_OPERATION, /* runs whenever the operation decoded */
    SG_RULE_FACTS    /* runs when the SQL is exactly one parsed statement */
} sg__rule_kind;

typedef struct sg__rule {
    const char *id;
    const char *summary;
    sg_severity severity;
    sg__rule_kind kind;
    sg__rule_fn check;
} sg__rule;

/* The rule table, in rules.def order. */
extern const sg__rule sg__rules[];
extern const size_t sg__rule_total;
const sg__rule *sg__rule_find(const char *id);

/* Check functions, one per rule file. */
#define SG_RULE(sym, id, sev, kind, summary) int sg__rule_##sym(const sg__rule_ctx *ctx);
#include "rules.def"
#undef SG_RULE

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
