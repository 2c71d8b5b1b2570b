/*
 * style_select_star.c - name the columns a query returns.
 *
 * `SELECT *` returns whatever columns the table has today: a migration that
 * adds a column changes every caller's result. A warning. A `*` over items
 * whose columns the statement's own text fixes (a sub-select or CTE that
 * names every output, VALUES, a function with a column definition list)
 * returns exactly those, and is not one.
 */
#include <string.h>

#include "rules.h"

/* The `*` or `t.*` reference at `location` (the walker records both), or NULL. */
static const sg__column_ref *star_at(const sg__facts *f, int location)
{
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if ((r->flags & SG_COLREF_STAR) && r->location == location)
            return r;
    }
    return NULL;
}

/* What a star's columns come from. */
typedef enum { FIXED, TABLE, OTHER } star_source;

static star_source source_kind(const sg__source *s)
{
    if (s->row == SG_ROW_RELATION)
        return TABLE;
    return s->row == SG_ROW_COLUMNS && s->complete && !s->join_alias ? FIXED : OTHER;
}

/* Whether the items `*` (or `t.*`) expands to are all fixed by the text;
 * else, in *table, whether they are all tables. */
static bool fixed(const sg__facts *f, const sg__column_ref *r, bool *table)
{
    *table = true;
    if (!r)
        return *table = false;
    bool all_fixed = true, any = false;
    for (size_t i = r->first; i < r->end && i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->level != r->level || s->excluded ||
            (r->qualifier ? (long)i != r->source : s->join_alias))
            continue;
        any = true;
        star_source k = source_kind(s);
        all_fixed = all_fixed && k == FIXED;
        *table = *table && k == TABLE;
    }
    if (!any)
        *table = false;
    return any && all_fixed;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->stars.count; i++) {
        int at = SG__VEC_AT(f->stars, int, i);
        bool table;
        if (fixed(f, star_at(f, at), &table))
            continue;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, at,
                       table ? "SELECT * returns whatever columns the table has; name the columns"
                             : "SELECT * returns whatever columns what it reads from has (a "
                               "table, a function, a sub-select of *); name the columns") < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_style_select_star = {
    .id = "style.select-star",
    .summary = "SELECT * in the result instead of named columns",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_STARS,
    .check = check,
};
