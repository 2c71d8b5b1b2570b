/*
 * column_unknown.c - a qualified reference to a column its table does not
 * have.
 *
 * `a.nmae` on a scoped table whose columns the catalog lists passes every
 * other check and fails at the server, after a round trip, with a message
 * the caller must translate. The walker resolves the qualifier as parse
 * analysis does (rowfields.c finds the table); a name the table does not
 * have, and that no pg_catalog function has either (then PostgreSQL would
 * call it on the row: func.denied's), is reported with the closest column
 * when one is close. Unqualified names and the output columns of sub-selects
 * and CTEs are not judged here yet.
 */
#include "funclist.h"
#include "rules.h"

enum { NAMEDATALEN = 64 };

/* The edit distance between a and b: insertions, deletions, substitutions
 * and transpositions of neighbours (`nmae` is one edit from `name`), or a
 * large number when either is longer than an identifier. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= NAMEDATALEN || lb >= NAMEDATALEN)
        return (size_t)-1;
    size_t rows[3][NAMEDATALEN + 1]; /* the rows i-2, i-1 and i, in turn */
    for (size_t j = 0; j <= lb; j++)
        rows[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t *cur = rows[i % 3], *prev = rows[(i - 1) % 3], *prev2 = rows[(i + 1) % 3];
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
    }
    return rows[la % 3][lb];
}

/* The one column of `t` closest to `name`, when it is close (at most a third
 * of the name's length in edits, and at least one) and no other is as close;
 * NULL otherwise. */
static const char *closest(const sg__meta_table *t, const char *name)
{
    size_t limit = strlen(name) / 3 > 0 ? strlen(name) / 3 : 1;
    size_t best = (size_t)-1;
    const char *found = NULL;
    bool tie = false;
    for (size_t i = 0; i < t->column_count; i++) {
        size_t d = distance(name, t->columns[i]);
        if (d < best) {
            best = d;
            found = t->columns[i];
            tie = false;
        } else if (d == best) {
            tie = true;
        }
    }
    return found && !tie && best <= limit ? found : NULL;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        const sg__meta_table *t = sg__field_table(ctx, r);
        if (!t || sg__table_has_column(t, r->name) || sg__func_find(r->name))
            continue;
        const char *near = closest(t, r->name);
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                       "table %s.%s has no column \"%s\"%s%s%s", t->schema, t->name, r->name,
                       near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "") < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_column_unknown = {
    .id = "column.unknown",
    .summary = "a qualified reference to a column the catalog does not list for its table",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .check = check,
};
