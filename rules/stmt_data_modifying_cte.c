/*
 * stmt_data_modifying_cte.c - a WITH query of a .sql file's statement that
 * writes.
 *
 * `WITH d AS (DELETE ... RETURNING id) SELECT ... FROM d` is ordinary
 * PostgreSQL: the WITH query runs once, to completion, whatever the rest of
 * the statement reads of it. Lint does not call it an error, since a .sql
 * file declares no operation kind for it to disagree with; a team that wants
 * writes hidden in a WITH list looked at raises this rule (off in the
 * repository profile, a warning in the strict one). In an operation,
 * op.kind-mismatch judges a WITH query against the declared kind, and this
 * rule stays out.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    if (!ctx->op->lint)
        return 0;
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->ctes.count; i++) {
        const sg__cte *c = &SG__VEC_AT(f->ctes, sg__cte, i);
        if (c->kind == SG_STMT_SELECT)
            continue;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, c->location,
                       "WITH query \"%s\" is %s: it runs once and in full, whatever the "
                       "statement reads of it",
                       c->name, sg__stmt_kind_name(c->kind)) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_stmt_data_modifying_cte = {
    .id = "stmt.data-modifying-cte",
    .summary = "(lint, .sql files) a WITH query that inserts, updates, deletes or merges",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_CTES,
    .check = check,
};
