/*
 * style_literal_in_predicate.c - user input belongs in bound parameters.
 *
 * A string or number literal compared with a column in a WHERE, HAVING or
 * JOIN ... ON clause is where a value from the caller usually ends up
 * spliced into SQL text; a bound parameter keeps it data. A comparison
 * elsewhere (a flag computed in the select list, a value a SET or VALUES
 * list assigns, an ORDER BY expression) filters nothing and is not
 * reported; the walker tells where each comparison stands. Fixed constants
 * (`status = 'active'`) are legitimate, so this warns. Constants that are
 * the query's own logic rather than a caller's value are not reported: a
 * regular expression (`code ~ '^ACC[0-9]+$'`), the numbers 0 and 1 (`rn =
 * 1` of a dedupe, `n >= 0`, a 0/1 flag), and a number in the recursive term
 * of a WITH RECURSIVE query, where it bounds the depth (`WHERE i < 10`).
 *
 * In lint of a .sql file, a statement that writes (UPDATE, DELETE, INSERT,
 * MERGE, SELECT ... INTO) and binds no parameter at all is a data backfill, as migrations
 * hold them: its constants are the migration's own, not a caller's, and it
 * is not reported. An operation that writes with constants alone is
 * reported all the same: there the text comes from the caller. A
 * migration's statements (and a dump's: `... WHERE oid = '17292'`) have no
 * caller at all: the rule does not run on them.
 */
#include "rules.h"

/* A .sql statement that writes without a single parameter. */
static bool backfill(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    return ctx->op->lint && (f->kind != SG_STMT_SELECT || f->has_into) && f->params.count == 0;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    if (backfill(ctx))
        return 0;
    for (size_t i = 0; i < f->literal_cmps.count; i++) {
        const sg__literal_cmp *c = &SG__VEC_AT(f->literal_cmps, sg__literal_cmp, i);
        if (!c->in_predicate || c->regex ||
            (c->is_integer && (c->integer == 0 || c->integer == 1)) ||
            (!c->is_string && c->in_recursive_term))
            continue;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, c->location,
                       "a %s literal is compared with a column: user input belongs in bound "
                       "parameters",
                       c->is_string ? "string" : "number") < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_style_literal_in_predicate = {
    .id = "style.literal-in-predicate",
    .summary = "a string or number literal compared with a column in WHERE, ON or HAVING, where a "
               "bound parameter belongs",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .not_in_migrations = true,
    .needs = SG_FACT_LITERAL_CMPS,
    .check = check,
};
