/*
 * column_denied.c - columns no operation may read or write (personal data,
 * secrets), as a policy lists them.
 *
 * The option `columns` holds PCRE2 patterns matched against
 * "schema.table.column" of every column a statement reads or writes:
 * qualified and unqualified names (resolved as parse analysis resolves them,
 * columns.c), `*` and `t.*` (every column of the tables they expand to), a
 * whole-row reference (`SELECT t FROM t`, `row_to_json(t)`), RETURNING,
 * INSERT and SET lists, and an INSERT without a list (the columns its values
 * fill). A name in a WHERE clause reads its column too: a filter on a
 * secret tells what it holds. Where the name does not resolve for sure, every
 * scoped table in sight that could have it is taken to be read; where the
 * catalog lists no columns for a table a `*` or whole row reads, nothing
 * proves that no denied column is among them, and the statement is denied
 * with that reason. A name the catalog does not list for a table is judged
 * as written: the catalog may be behind the table.
 */
#include "rules.h"

enum { COLUMNS };

static const sg__option options[] = {
    [COLUMNS] = {"columns", SG_OPT_PATTERNS, NULL,
                 "patterns of \"schema.table.column\" no operation may read or write, e.g. "
                 "\"^public\\\\.users\\\\.(ssn|password_hash)$\""},
    {NULL, 0, NULL, NULL},
};

/* Reports `column` of `t` when a pattern denies it. */
static int judge(const sg__rule_ctx *ctx, const sg__meta_table *t, const char *column, int location,
                 const char *how)
{
    const char *subject =
        sg__arena_printf(ctx->diags->arena, "%s.%s.%s", t->schema, t->name, column);
    if (!subject)
        return -1;
    int m = sg__policy_match(ctx->policy, ctx->rule, COLUMNS, subject, 1);
    if (m <= 0)
        return m;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "column %s is denied by the policy, and this statement %s it", subject, how);
}

/* Every column of the source's table: a `*`, `t.*` or whole row. */
static int judge_all(const sg__rule_ctx *ctx, const sg__meta_table *t, int location,
                     const char *how)
{
    if (!t->column_count)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                          "this statement %s every column of %s.%s, and the catalog lists none "
                          "of them, so nothing proves that no column the policy denies is among "
                          "them; list the table's columns in the catalog",
                          how, t->schema, t->name);
    for (size_t i = 0; i < t->column_count; i++)
        if (judge(ctx, t, t->columns[i], location, how) < 0)
            return -1;
    return 0;
}

/* The column a source's name stands for (an alias may rename the first
 * columns), or NULL when its table has no such column. Without a column
 * list in the catalog, the name is taken as written. */
static const char *column_of(const sg__meta_table *t, const char *const *renames, size_t k,
                             const char *name)
{
    if (!t->column_count)
        return name;
    long c = sg__table_column(t, renames, k, name);
    return c >= 0 ? t->columns[c] : NULL;
}

/* A name read from a source bound to `t`: the catalog column it stands for,
 * and when the catalog lists none of that name (nor is it a system column),
 * the name as written: a catalog behind its database does not list every
 * column the table has, and a name the policy denies is denied whether the
 * catalog knows it or not. */
static int judge_name(const sg__rule_ctx *ctx, const sg__meta_table *t, const char *const *renames,
                      size_t k, const char *name, int location, const char *how)
{
    const char *column = column_of(t, renames, k, name);
    if (column)
        return judge(ctx, t, column, location, how);
    if (sg__table_column(t, renames, k, name) == SG_NO_COLUMN)
        return judge(ctx, t, name, location, how);
    return 0;
}

/* judge_name() where the name may stand for any of several sources: as
 * written only when no source in sight surely has it (a MERGE source's
 * `v(code, ssn)` gives `ssn` to its WHEN clauses). */
static int judge_unsure(const sg__rule_ctx *ctx, const sg__meta_table *t, const sg__source *s,
                        const char *name, int location, bool elsewhere)
{
    if (elsewhere && !column_of(t, s->columns, s->column_count, name))
        return 0;
    return judge_name(ctx, t, s->columns, s->column_count, name, location, "may read");
}

/* A name selected from an aliased join (`j.name`, `(j).name`; `name` may be
 * `j`'s own for `AS j(x, y)`), or its whole row (`name` NULL): the join's
 * columns are its operands', so every scoped table of its level may supply
 * it: the column of that name, or any column when the alias renames them
 * or the whole row is read. */
static int check_join_alias(const sg__rule_ctx *ctx, const sg__source *join, const char *name,
                            int location)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        const sg__meta_table *t = s->level == join->level && s->row == SG_ROW_RELATION
                                      ? sg__relation_scoped(ctx, s->relation)
                                      : NULL;
        if (!t)
            continue;
        if (!name || join->renames) {
            if (judge_all(ctx, t, location, "may read the whole row of") < 0)
                return -1;
            continue;
        }
        if (judge_name(ctx, t, s->columns, s->column_count, name, location, "may read") < 0)
            return -1;
    }
    return 0;
}

static int check_fields(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        const sg__source *from = r->source >= 0 && (size_t)r->source < f->sources.count
                                     ? &SG__VEC_AT(f->sources, sg__source, r->source)
                                     : NULL;
        if (from && from->join_alias) {
            /* a name no operand surely has calls a function on the join's
             * whole row (`j.row_to_json`): every column of it is read */
            const char *name = sg__field_names_column(ctx, r) ? r->name : NULL;
            if (check_join_alias(ctx, from, name, r->location) < 0)
                return -1;
            continue;
        }
        const sg__meta_table *t =
            r->row == SG_ROW_RELATION ? sg__relation_scoped(ctx, r->relation) : NULL;
        if (!t || (r->schema && strcmp(r->schema, t->schema) != 0))
            continue;
        if (judge_name(ctx, t, r->columns, r->column_count, r->name, r->location, "reads") < 0)
            return -1;
        /* `s.row_to_json` is no column (nor a system column such as
         * xmin): it calls row_to_json(s), which reads the whole row
         * (func.denied judges the call) */
        if (!column_of(t, r->columns, r->column_count, r->name) &&
            sg__table_column(t, r->columns, r->column_count, r->name) == SG_NO_COLUMN &&
            judge_all(ctx, t, r->location, "reads the whole row of") < 0)
            return -1;
    }
    return 0;
}

/* The tables a `*` expands to (its level's sources in sight), or `t.*` (the
 * source t, all of its level's for an aliased join's). EXISTS reads none. */
static int check_star(const sg__rule_ctx *ctx, const sg__column_ref *ref)
{
    const sg__facts *f = ctx->facts;
    if (ref->flags & SG_COLREF_UNREAD)
        return 0;
    int level = ref->level;
    size_t first = ref->first, end = ref->end;
    if (ref->qualifier) {
        if (ref->source < 0)
            return 0; /* a name PostgreSQL will not find */
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, ref->source);
        level = s->level;
        first = s->join_alias ? 0 : (size_t)ref->source;
        end = s->join_alias ? f->sources.count : (size_t)ref->source + 1;
    }
    for (size_t i = first; i < end && i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->row != SG_ROW_RELATION || s->level != level ||
            (s->excluded && !(ref->flags & SG_COLREF_SEES_EXCLUDED)))
            continue;
        const sg__meta_table *t = sg__relation_scoped(ctx, s->relation);
        if (t && judge_all(ctx, t, ref->location, "reads") < 0)
            return -1;
    }
    return 0;
}

/* Whether an aliased join's column list (`AS j(x, y)`) gives `name`. */
static bool renamed_by(const sg__source *s, const char *name)
{
    for (size_t i = 0; i < s->column_count; i++)
        if (s->columns[i] && strcmp(s->columns[i], name) == 0)
            return true;
    return false;
}

/* A name that does not resolve for sure: every scoped table in sight that
 * could have it, and the whole row of a scoped table of that name (which
 * PostgreSQL reads when no column has the name: beside a function whose
 * columns are not known, `a` may be the row of `sdk_examples_account a`). */
static int check_unsure(const sg__rule_ctx *ctx, const sg__column_ref *ref)
{
    const sg__facts *f = ctx->facts;
    if (ref->name) {
        long row = sg__find_source(ctx, ref->level, ref->first, ref->end, ref->name);
        const sg__source *s = row >= 0 ? &SG__VEC_AT(f->sources, sg__source, row) : NULL;
        const sg__meta_table *t =
            s && s->row == SG_ROW_RELATION ? sg__relation_scoped(ctx, s->relation) : NULL;
        if (t && judge_all(ctx, t, ref->location, "may read the whole row of") < 0)
            return -1;
        if (s && s->join_alias && check_join_alias(ctx, s, NULL, ref->location) < 0)
            return -1;
    }
    /* a source in sight that surely has the name (not a catalog table's
     * unlisted column): then a table whose catalog lacks it is not read */
    bool elsewhere = false;
    int level = ref->level;
    size_t first = ref->first, end = ref->end;
    for (unsigned hops = 0;
         ref->name && !elsewhere && level >= 0 && (size_t)level < f->levels.count && hops < 100000;
         hops++) {
        for (size_t i = first; i < end && i < f->sources.count && !elsewhere; i++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
            elsewhere = s->level == level && sg__source_provides(ctx, s, ref->name) > 0;
        }
        const sg__level *l = &SG__VEC_AT(f->levels, sg__level, level);
        first = l->first;
        end = l->end;
        level = l->parent;
    }
    level = ref->level;
    first = ref->first;
    end = ref->end;
    for (unsigned hops = 0; level >= 0 && (size_t)level < f->levels.count && hops < 100000;
         hops++) {
        for (size_t i = first; i < end && i < f->sources.count; i++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
            const sg__meta_table *t = s->row == SG_ROW_RELATION && s->level == level
                                          ? sg__relation_scoped(ctx, s->relation)
                                          : NULL;
            if (t && ref->name && judge_unsure(ctx, t, s, ref->name, ref->location, elsewhere) < 0)
                return -1;
            /* a name an aliased join's column list gives: any operand column */
            if (s->level == level && s->join_alias && s->renames && ref->name &&
                renamed_by(s, ref->name) && check_join_alias(ctx, s, NULL, ref->location) < 0)
                return -1;
        }
        const sg__level *l = &SG__VEC_AT(f->levels, sg__level, level);
        first = l->first;
        end = l->end;
        level = l->parent;
    }
    return 0;
}

static int check_names(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (ref->flags & SG_COLREF_STAR) {
            if (check_star(ctx, ref) < 0)
                return -1;
            continue;
        }
        sg__resolved res;
        int rc = 0;
        switch (sg__resolve_name(ctx, ref, &res)) {
        case SG_RES_FOUND:
            if (res.table && res.column >= 0)
                rc = judge(ctx, res.table, res.table->columns[res.column], ref->location, "reads");
            break;
        case SG_RES_WHOLE_ROW: {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, res.source);
            const sg__meta_table *t =
                s->row == SG_ROW_RELATION ? sg__relation_scoped(ctx, s->relation) : NULL;
            if (t)
                rc = judge_all(ctx, t, ref->location, "reads the whole row of");
            else if (s->join_alias)
                rc = check_join_alias(ctx, s, NULL, ref->location);
            break;
        }
        case SG_RES_UNDECIDED:
        case SG_RES_AMBIGUOUS:
        case SG_RES_MISSING: /* the catalog may not list a column the table has */
            rc = check_unsure(ctx, ref);
            break;
        default:
            break;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int check_writes(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->writes.count; i++) {
        const sg__column_write *w = &SG__VEC_AT(f->writes, sg__column_write, i);
        const sg__meta_table *t = sg__relation_scoped(ctx, w->relation);
        if (!t || w->value || !w->name)
            continue;
        if (judge_name(ctx, t, NULL, 0, w->name, w->location, "writes") < 0)
            return -1;
    }
    for (size_t i = 0; i < f->inserts.count; i++) {
        const sg__insert *in = &SG__VEC_AT(f->inserts, sg__insert, i);
        const sg__meta_table *t = sg__relation_scoped(ctx, in->relation);
        if (!t || in->listed)
            continue;
        if (in->width < 0 || !t->column_count) {
            if (judge_all(ctx, t, in->location, "writes") < 0)
                return -1;
            continue;
        }
        for (size_t c = 0; c < t->column_count && (long)c < in->width; c++)
            if (judge(ctx, t, t->columns[c], in->location, "writes") < 0)
                return -1;
    }
    return 0;
}

/* Whether a source of `level` in [from, to) has or may have a column `name`. */
static bool may_have(const sg__rule_ctx *ctx, int level, size_t from, size_t to, const char *name)
{
    const sg__facts *f = ctx->facts;
    for (size_t o = from; o < to && o < f->sources.count; o++) {
        const sg__source *other = &SG__VEC_AT(f->sources, sg__source, o);
        if (other->level == level && !other->join_alias &&
            sg__source_provides(ctx, other, name) >= 0)
            return true;
    }
    return false;
}

/* A join with USING (c) or NATURAL compares the columns it merges, which
 * reads them as a filter does: with USING, each name in every scoped table of
 * the join's operands that has it; with NATURAL, each column of a scoped
 * table of one operand that a source of the other has or may have. */
static int check_merges(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->merges.count; i++) {
        const sg__merge *m = &SG__VEC_AT(f->merges, sg__merge, i);
        for (size_t k = m->first; k < m->end && k < f->sources.count; k++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, k);
            const sg__meta_table *t =
                s->level == m->level && s->row == SG_ROW_RELATION && !s->join_alias
                    ? sg__relation_scoped(ctx, s->relation)
                    : NULL;
            if (!t)
                continue;
            for (size_t n = 0; m->names && n < m->count; n++)
                if (judge_name(ctx, t, s->columns, s->column_count, m->names[n], m->location,
                               "joins on") < 0)
                    return -1;
            if (m->names)
                continue;
            if (!t->column_count) {
                if (judge_all(ctx, t, m->location, "joins on") < 0)
                    return -1;
                continue;
            }
            size_t from = k < m->mid ? m->mid : m->first, to = k < m->mid ? m->end : m->mid;
            for (size_t c = 0; c < t->column_count; c++) {
                const char *name = c < s->column_count ? s->columns[c] : t->columns[c];
                if (may_have(ctx, m->level, from, to, name) &&
                    judge(ctx, t, t->columns[c], m->location, "joins on") < 0)
                    return -1;
            }
        }
    }
    return 0;
}

static int check(const sg__rule_ctx *ctx)
{
    if (!sg__policy_pattern_count(ctx->policy, ctx->rule, COLUMNS))
        return 0;
    if (check_fields(ctx) < 0 || check_names(ctx) < 0 || check_writes(ctx) < 0 ||
        check_merges(ctx) < 0)
        return -1;
    return 0;
}

const sg__rule sg__rule_column_denied = {
    .id = "column.denied",
    .summary = "a column the policy lists as one no operation may read or write (also through "
               "*, whole rows, RETURNING)",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .options = options,
    .check = check,
};
