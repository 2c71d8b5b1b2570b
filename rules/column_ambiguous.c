/*
 * column_ambiguous.c - an unqualified name that more than one source in
 * sight provides.
 *
 * `SELECT uid FROM account a JOIN account_limit l ON ...` fails at the server
 * ("column reference is ambiguous") after a round trip. The name resolves as
 * parse analysis resolves it (columns.c): the innermost level where some
 * source has the column decides, and a join with USING or NATURAL merges
 * its operands' columns of the same name into one. In ON CONFLICT DO UPDATE,
 * the target and EXCLUDED both provide every column: an unqualified name
 * there is ambiguous too, as PostgreSQL says.
 */
#include "rules.h"

/* How a source is named in a message. */
static const char *source_name(const sg__rule_ctx *ctx, long i)
{
    const sg__source *s = &SG__VEC_AT(ctx->facts->sources, sg__source, i);
    if (s->name)
        return s->name;
    return s->row == SG_ROW_RELATION
               ? SG__VEC_AT(ctx->facts->relations, sg__relref, s->relation).name
               : "an unnamed FROM item";
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        sg__resolved res;
        if (!ref->name || sg__resolve_name(ctx, ref, &res) != SG_RES_AMBIGUOUS)
            continue;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, ref->location,
                       "column reference \"%s\" is ambiguous: both %s and %s have it; qualify it "
                       "(%s.%s)",
                       ref->name, source_name(ctx, res.source), source_name(ctx, res.other),
                       source_name(ctx, res.source), ref->name) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_column_ambiguous = {
    .id = "column.ambiguous",
    .summary = "an unqualified column name that more than one table or sub-select in sight has",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_COLUMNS,
    .check = check,
};
