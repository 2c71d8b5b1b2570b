/*
 * column_unknown.c - a reference to a column its table, sub-select or CTE
 * does not have.
 *
 * `a.nmae` on a scoped table whose columns the catalog lists passes every
 * other check and fails at the server, after a round trip, with a message
 * the caller must translate. The walker resolves the qualifier as parse
 * analysis does (columns.c finds the table); a name the table does not
 * have, and that no pg_catalog function has either (then PostgreSQL would
 * call it on the row: func.denied's), is reported with the closest column
 * when one is close. Unqualified names resolve as parse analysis resolves them
 * (columns.c): one that no source in sight has, at any level, and that names
 * no source either (a whole-row reference), is reported. So are the columns
 * of INSERT lists and SET lists the target does not have, and names selected
 * from sub-selects and CTEs whose output columns the text names all.
 */
#include "funclist.h"
#include "resolve/typelist.h"
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

/* Names a "did you mean" chooses among. */
typedef struct names {
    const char *list[64];
    size_t count;
} names;

static void add_name(names *n, const char *name)
{
    for (size_t i = 0; i < n->count; i++)
        if (strcmp(n->list[i], name) == 0)
            return;
    if (n->count < sizeof n->list / sizeof n->list[0])
        n->list[n->count++] = name;
}

/* The columns of `t` as a row renamed by an alias sees them. */
static void add_table(names *n, const sg__meta_table *t, const char *const *renames, size_t k)
{
    for (size_t i = 0; i < t->column_count; i++)
        add_name(n, i < k ? renames[i] : t->columns[i]);
}

/* The one name closest to `name`, when it is close (at most a third of the
 * name's length in edits, and at least one) and no other is as close; else
 * the one name that holds `name` as a word between underscores; NULL
 * otherwise. */
static const char *closest(const names *n, const char *name)
{
    size_t limit = strlen(name) / 3 > 0 ? strlen(name) / 3 : 1;
    size_t best = (size_t)-1;
    const char *found = NULL;
    bool tie = false;
    for (size_t i = 0; i < n->count; i++) {
        size_t d = distance(name, n->list[i]);
        if (d < best) {
            best = d;
            found = n->list[i];
            tie = false;
        } else if (d == best) {
            tie = true;
        }
    }
    if (found && !tie && best <= limit)
        return found;
    /* a column renamed with a word added (`region` to `home_region`): the one
     * name that holds it as a word between underscores */
    found = NULL;
    size_t len = strlen(name);
    for (size_t i = 0; i < n->count; i++) {
        const char *c = n->list[i];
        for (const char *at = strstr(c, name); at; at = strstr(at + 1, name)) {
            bool starts = at == c || at[-1] == '_', ends = at[len] == '\0' || at[len] == '_';
            if (starts && ends && strlen(c) > len) {
                if (found)
                    return NULL;
                found = c;
                break;
            }
        }
    }
    return found;
}

/* Whether a placeholder was compiled into the name at `location` (`name%(x)s`,
 * `"%(x)s"`): params.in-literal reports that, and the name is no one's. */
static bool holds_placeholder(const sg__rule_ctx *ctx, int location, const char *name)
{
    if (!ctx->ph || location < 0)
        return false;
    size_t from = (size_t)location, to = from + strlen(name) + 2; /* quotes, if any */
    for (size_t i = 0; i < ctx->ph->placeholder_count; i++) {
        size_t at = ctx->ph->placeholders[i].out_offset;
        if (at >= from && at < to)
            return true;
    }
    return false;
}

/* "WHAT has no column NAME", or with `none_of` (WHAT names none of several
 * sources: "no FROM item in sight") "WHAT has a column NAME". */
static int report_as(const sg__rule_ctx *ctx, int location, const char *what, bool none_of,
                     const char *name, const names *n)
{
    if (holds_placeholder(ctx, location, name))
        return 0;
    const char *near = closest(n, name);
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "%s has %s column \"%s\"%s%s%s", what, none_of ? "a" : "no", name,
                      near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
}

static int report(const sg__rule_ctx *ctx, int location, const char *what, const char *name,
                  const names *n)
{
    return report_as(ctx, location, what, false, name, n);
}

static const char *table_what(const sg__rule_ctx *ctx, const sg__meta_table *t)
{
    return sg__arena_printf(ctx->diags->arena, "table %s.%s", t->schema, t->name);
}

/* `t.f`, `s.t.f`, `(t).f`: a relation's row, or a sub-select's or CTE's whose
 * columns the text names all. A name pg_catalog has a function of is
 * func.denied's: PostgreSQL would call it on the row. */
static int check_field(const sg__rule_ctx *ctx, const sg__field_ref *r)
{
    names n;
    n.count = 0;
    const char *what;
    if (r->missing_item)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                          "no FROM item named %s is in sight of %s.%s (a table written with an "
                          "alias is named by the alias)",
                          r->missing_item, r->missing_item, r->name);
    if (r->row == SG_ROW_COLUMNS) {
        if (!r->complete)
            return 0;
        for (size_t i = 0; i < r->column_count; i++) {
            if (strcmp(r->columns[i], r->name) == 0)
                return 0;
            add_name(&n, r->columns[i]);
        }
        /* attribute notation: f(row), or a cast to type f (`(o).text`) */
        if (sg__func_find(r->name) || sg__type_builtin(r->name) ||
            (r->name[0] == '_' && sg__type_builtin(r->name + 1)))
            return 0;
        what = "the row it is selected from";
    } else {
        const sg__meta_table *t = sg__field_table(ctx, r);
        if (!t || sg__table_column(t, r->columns, r->column_count, r->name) != SG_NO_COLUMN ||
            sg__func_find(r->name) || sg__type_builtin(r->name) ||
            (r->name[0] == '_' && sg__type_builtin(r->name + 1)))
            return 0;
        add_table(&n, t, r->columns, r->column_count);
        if (!(what = table_what(ctx, t)))
            return -1;
    }
    return report(ctx, r->location, what, r->name, &n);
}

/* An unqualified name no source in sight has, at any level. */
static int check_name(const sg__rule_ctx *ctx, const sg__column_ref *ref)
{
    sg__resolved res;
    if (sg__resolve_name(ctx, ref, &res) != SG_RES_MISSING)
        return 0;
    const sg__facts *f = ctx->facts;
    names n;
    n.count = 0;
    size_t sources = 0;
    const sg__meta_table *only = NULL;
    const sg__source *last = NULL;
    for (size_t i = ref->first; i < ref->end && i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->level != ref->level || s->join_alias ||
            (s->excluded && !(ref->flags & SG_COLREF_SEES_EXCLUDED)))
            continue;
        sources++;
        last = s;
        const sg__meta_table *t =
            s->row == SG_ROW_RELATION ? sg__relation_table(ctx, s->relation) : NULL;
        if (t) {
            add_table(&n, t, s->columns, s->column_count);
            only = t;
        } else {
            for (size_t k = 0; k < s->column_count; k++)
                add_name(&n, s->columns[k]);
        }
    }
    /* the one FROM item by its name (a table, a WITH query's, a
     * sub-select's alias), or none of several */
    const char *what = "no FROM item in sight";
    bool none_of = true;
    if (sources == 1 && (only || last->name)) {
        none_of = false;
        what = only ? table_what(ctx, only)
                    : sg__arena_printf(ctx->diags->arena, "FROM item %s", last->name);
    } else if (sources == 0) {
        none_of = false;
        what = "this query has no FROM item, so it";
    }
    if (!what)
        return -1;
    return report_as(ctx, ref->location, what, none_of, ref->name, &n);
}

/* A column ON CONFLICT (...) infers its arbiter from. */
static int check_conflict(const sg__rule_ctx *ctx, const sg__conflict_target *c)
{
    const sg__meta_table *t = c->judgeable ? sg__relation_table(ctx, c->relation) : NULL;
    for (size_t i = 0; t && i < c->count; i++) {
        if (sg__table_column(t, NULL, 0, c->columns[i]) != SG_NO_COLUMN)
            continue;
        names n;
        n.count = 0;
        add_table(&n, t, NULL, 0);
        const char *what = table_what(ctx, t);
        if (!what || report(ctx, c->location, what, c->columns[i], &n) < 0)
            return -1;
    }
    return 0;
}

/* A name of JOIN ... USING (...) that one side surely lacks (PostgreSQL:
 * "column specified in USING clause does not exist"). */
static int check_using(const sg__rule_ctx *ctx, const sg__merge *m)
{
    const sg__facts *f = ctx->facts;
    for (size_t k = 0; k < m->count; k++) {
        for (int side = 0; side < 2; side++) {
            size_t from = side ? m->mid : m->first, to = side ? m->end : m->mid;
            int best = -1; /* the most any source of the side says */
            size_t seen = 0;
            names n;
            n.count = 0;
            for (size_t i = from; i < to && i < f->sources.count && best < 1; i++) {
                const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
                if (s->level != m->level || s->join_alias)
                    continue;
                seen++;
                int p = sg__source_provides(ctx, s, m->names[k]);
                best = p > best ? p : best;
                const sg__meta_table *t =
                    s->row == SG_ROW_RELATION ? sg__relation_table(ctx, s->relation) : NULL;
                if (t)
                    add_table(&n, t, s->columns, s->column_count);
                for (size_t c = 0; !t && c < s->column_count; c++)
                    add_name(&n, s->columns[c]);
            }
            if (seen && best < 0 &&
                report(ctx, m->location,
                       side ? "the right side of this JOIN ... USING"
                            : "the left side of this JOIN ... USING",
                       m->names[k], &n) < 0)
                return -1;
        }
    }
    return 0;
}

/* A column an INSERT's list or a SET list names. */
static int check_write(const sg__rule_ctx *ctx, const sg__column_write *w)
{
    if (w->value || !w->name)
        return 0;
    const sg__meta_table *t = sg__relation_table(ctx, w->relation);
    if (!t || sg__table_column(t, NULL, 0, w->name) != SG_NO_COLUMN)
        return 0;
    names n;
    n.count = 0;
    add_table(&n, t, NULL, 0);
    const char *what = table_what(ctx, t);
    return what ? report(ctx, w->location, what, w->name, &n) : -1;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->fields.count; i++)
        if (check_field(ctx, &SG__VEC_AT(f->fields, sg__field_ref, i)) < 0)
            return -1;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (ref->name && check_name(ctx, ref) < 0)
            return -1;
        if (!ref->name && ref->missing_item &&
            sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, ref->location,
                       "no FROM item named %s is in sight of %s.* (a table written with an "
                       "alias is named by the alias)",
                       ref->missing_item, ref->missing_item) < 0)
            return -1;
    }
    for (size_t i = 0; i < f->writes.count; i++)
        if (check_write(ctx, &SG__VEC_AT(f->writes, sg__column_write, i)) < 0)
            return -1;
    for (size_t i = 0; i < f->conflicts.count; i++)
        if (check_conflict(ctx, &SG__VEC_AT(f->conflicts, sg__conflict_target, i)) < 0)
            return -1;
    for (size_t i = 0; i < f->merges.count; i++)
        if (check_using(ctx, &SG__VEC_AT(f->merges, sg__merge, i)) < 0)
            return -1;
    return 0;
}

const sg__rule sg__rule_column_unknown = {
    .id = "column.unknown",
    .summary = "a reference to a column its table, sub-select or CTE does not have",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_FIELDS | SG_FACT_COLUMNS | SG_FACT_WRITES | SG_FACT_CONFLICTS | SG_FACT_MERGES,
    /* a walk stopped at the depth bound has not recorded the FROM items
     * around the place it stopped, whose names would be unknown */
    .needs_complete_facts = true,
    .check = check,
};
