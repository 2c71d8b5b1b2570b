/*
 * columns.c - what a column reference names, resolved against the catalog as
 * parse analysis resolves it; shared by func.denied (is `t.f` a field, or a
 * call?), column.unknown, column.ambiguous, column.denied and
 * params.type-mismatch.
 *
 * The walker records the FROM items of every query level (sources), what
 * each level sees of the levels around it, and every unqualified name, `*`
 * and `t.*`. A name is looked up among the sources its own level sees, then
 * those of the levels around it, innermost first: the first level where some
 * source has a column of that name decides, and two sources there that both
 * have it make the name ambiguous, unless a join with USING or NATURAL
 * merges their columns into one. A name no level has may be a whole-row
 * reference to a source of that name. Whatever the walker or the catalog
 * cannot tell (a function's columns, a table whose columns the catalog does
 * not list, a relation outside the scope) makes the answer undecided, and
 * undecided is never reported.
 */
#include "resolve/typelist.h"
#include "rules.h"

static const char *const system_columns[] = {"tableoid", "ctid", "xmin", "xmax", "cmin", "cmax"};

static bool is_system_column(const char *name)
{
    for (size_t i = 0; i < sizeof system_columns / sizeof system_columns[0]; i++)
        if (name[0] == system_columns[i][0] && strcmp(name, system_columns[i]) == 0)
            return true;
    return false;
}

const sg__meta_table *sg__relation_scoped(const sg__rule_ctx *ctx, long relation)
{
    if (!ctx->scope || ctx->scope->mode == SG_SCOPE_NONE || relation < 0 || !ctx->bindings)
        return NULL;
    long k = ctx->bindings[relation].scoped;
    return k < 0 ? NULL : ctx->scope->tables[k].table;
}

const sg__meta_table *sg__relation_table(const sg__rule_ctx *ctx, long relation)
{
    const sg__meta_table *t = sg__relation_scoped(ctx, relation);
    return t && t->column_count ? t : NULL;
}

const sg__meta_table *sg__field_table(const sg__rule_ctx *ctx, const sg__field_ref *r)
{
    if (r->row != SG_ROW_RELATION)
        return NULL;
    const sg__meta_table *t = sg__relation_table(ctx, r->relation);
    if (t && r->schema && strcmp(r->schema, t->schema) != 0)
        return NULL;
    return t;
}

/* Whether field reference `r` surely names a field of its row: a column the
 * catalog lists for the scoped table it selects from (of the schema written,
 * if one was), a system column, or an output column the text names. Linting
 * without a catalog, a relation's columns cannot be known, and the name is
 * taken for the column the author meant. */
/* Whether the one-part name of `(a).f` is surely no column in sight (so
 * PostgreSQL reads it as the whole row it selects from): its column
 * reference resolves to a whole row. A column of that name anywhere in
 * sight, or maybe there, makes `.f` select from (or call f on) the column. */
static bool bare_row_is_row(const sg__rule_ctx *ctx, const sg__field_ref *r)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (ref->location != r->location || !ref->name || strcmp(ref->name, r->bare_row) != 0)
            continue;
        sg__resolved res;
        return sg__resolve_name(ctx, ref, &res) == SG_RES_WHOLE_ROW;
    }
    return false;
}

/* Whether the aliased join that source j names (`(...) AS j`) has a column
 * `name`: a column of one of its operands (a join has its operands' user
 * columns, no system ones); 1, 0, or -1 when some operand's columns are not
 * known (a table whose columns the catalog does not list, a function, a
 * sub-select with `*`, a join inside that renames its columns). */
static int join_has_column(const sg__rule_ctx *ctx, long j, const char *name)
{
    const sg__facts *f = ctx->facts;
    if (j < 0 || (size_t)j >= f->sources.count)
        return -1;
    const sg__source *js = &SG__VEC_AT(f->sources, sg__source, (size_t)j);
    if (!js->join_alias || js->renames)
        return -1;
    /* the operands: the sources of its level the alias hides, from the one
     * after it (after its USING alias, when it has one) to the join's end */
    size_t end = 0;
    for (size_t i = (size_t)j + 1; i < f->sources.count && i <= (size_t)j + 2 && !end; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->level == js->level && s->hidden_end && s->hidden_first <= i &&
            s->hidden_first >= (size_t)j + 1)
            end = s->hidden_end;
    }
    if (!end)
        return -1;
    bool any = false, unknown = false;
    for (size_t i = (size_t)j + 1; i < end && i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->level != js->level || s->excluded)
            continue; /* a sub-select's own items */
        if (s->join_alias) {
            if (s->renames)
                return -1; /* a column list (or USING names) of a join inside */
            continue;
        }
        if (s->row == SG_ROW_RELATION) {
            /* an alias's column list renames the first columns */
            const sg__meta_table *t = sg__relation_scoped(ctx, s->relation);
            if (!t || !t->column_count)
                unknown = true;
            else
                any |= sg__table_column(t, s->columns, s->column_count, name) >= 0;
        } else if (s->row == SG_ROW_COLUMNS) {
            for (size_t k = 0; k < s->column_count; k++)
                any |= strcmp(s->columns[k], name) == 0;
            unknown |= !s->complete;
        } else {
            unknown = true;
        }
    }
    /* a column of a known operand is the join's (another operand's of the
     * same name would make PostgreSQL refuse the reference as ambiguous) */
    return any ? 1 : unknown ? -1 : 0;
}

bool sg__field_names_column(const sg__rule_ctx *ctx, const sg__field_ref *r)
{
    if (r->bare_row && !bare_row_is_row(ctx, r))
        return false;
    switch (r->row) {
    case SG_ROW_RELATION: {
        if (ctx->scope->mode == SG_SCOPE_NONE)
            return true;
        /* not a column, a relation outside the scope (denied on its own), or
         * a table whose columns the catalog does not list: maybe a call */
        const sg__meta_table *t = sg__field_table(ctx, r);
        return t && sg__table_column(t, r->columns, r->column_count, r->name) != SG_NO_COLUMN;
    }
    case SG_ROW_COLUMNS:
        for (size_t i = 0; i < r->column_count; i++)
            if (strcmp(r->columns[i], r->name) == 0)
                return true;
        return false;
    case SG_ROW_UNKNOWN:
    default:
        /* an aliased join's column (`j.version`, a table's optimistic lock) */
        return join_has_column(ctx, r->source, r->name) == 1;
    }
}

bool sg__table_has_column(const sg__meta_table *t, const char *name)
{
    return sg__table_column(t, NULL, 0, name) != SG_NO_COLUMN;
}

long sg__table_column(const sg__meta_table *t, const char *const *renames, size_t renamed,
                      const char *name)
{
    /* the first byte first: most names differ there, without a call */
    for (size_t i = 0; i < renamed && i < t->column_count; i++)
        if (renames[i][0] == name[0] && strcmp(renames[i], name) == 0)
            return (long)i;
    long c = -1;
    if (t->column_slots)
        c = sg__catalog_column_hashed(t, name);
    /* a scan of a narrow table's names, or of a wide one's when its first
     * column of that name is renamed and a later one may not be */
    if (!t->column_slots || (c >= 0 && (size_t)c < renamed)) {
        c = -1;
        for (size_t i = renamed; i < t->column_count; i++)
            if (t->columns[i][0] == name[0] && strcmp(t->columns[i], name) == 0)
                return (long)i;
    }
    if (c >= 0)
        return c;
    return is_system_column(name) ? SG_SYSTEM_COLUMN : SG_NO_COLUMN;
}

/* ---- unqualified names --------------------------------------------------------------------- */

typedef enum { NO, MAYBE, YES, TWICE } provides;

/* Whether source s has a column `name` (*column: the table's index when it
 * is a catalog table's). */
static provides source_has(const sg__rule_ctx *ctx, const sg__source *s, const char *name,
                           const sg__meta_table **table, long *column)
{
    *table = NULL;
    *column = SG_NO_COLUMN;
    switch (s->row) {
    case SG_ROW_RELATION: {
        const sg__meta_table *t = sg__relation_table(ctx, s->relation);
        if (!t)
            return MAYBE;
        long c = sg__table_column(t, s->columns, s->column_count, name);
        if (c == SG_NO_COLUMN || (c == SG_SYSTEM_COLUMN && s->in_join))
            return NO; /* a join's columns are its operands' user columns */
        *table = t;
        *column = c;
        /* an alias that renames a column to the name of a later one: the
         * row has two columns of that name */
        for (size_t i = s->column_count;
             c >= 0 && (size_t)c < s->column_count && i < t->column_count; i++)
            if (strcmp(t->columns[i], name) == 0)
                return TWICE;
        return YES;
    }
    case SG_ROW_COLUMNS:
        for (size_t i = 0; i < s->column_count; i++)
            if (strcmp(s->columns[i], name) == 0)
                return YES;
        return s->complete ? NO : MAYBE;
    default:
        return MAYBE;
    }
}

int sg__source_provides(const sg__rule_ctx *ctx, const sg__source *s, const char *name)
{
    const sg__meta_table *t;
    long c;
    if (s->join_alias)
        return 0;
    provides p = source_has(ctx, s, name, &t, &c);
    return p == NO ? -1 : p == MAYBE ? 0 : 1;
}

const sg__meta_table *sg__source_table_column(const sg__rule_ctx *ctx, const sg__source *s,
                                              const char *name, long *column)
{
    const sg__meta_table *t;
    if (s->join_alias || source_has(ctx, s, name, &t, column) != YES || *column < 0)
        return NULL;
    return t;
}

/* Whether source `i` takes part in unqualified lookups from `ref`. */
static bool visible(const sg__column_ref *ref, const sg__source *s)
{
    if (s->excluded)
        return (ref->flags & SG_COLREF_SEES_EXCLUDED) != 0;
    return !s->join_alias || s->renames;
}

/* Whether sources a and b of `level` are merged for `name` by a join with
 * USING (name) or NATURAL over both. */
static bool merged(const sg__facts *f, int level, size_t a, size_t b, const char *name)
{
    for (size_t i = 0; i < f->merges.count; i++) {
        const sg__merge *m = &SG__VEC_AT(f->merges, sg__merge, i);
        if (m->level != level || a < m->first || a >= m->end || b < m->first || b >= m->end)
            continue;
        if (!m->names)
            return true;
        for (size_t k = 0; k < m->count; k++)
            if (strcmp(m->names[k], name) == 0)
                return true;
    }
    return false;
}

/* Resolves without the memo. */
static int resolve(const sg__rule_ctx *ctx, const sg__column_ref *ref, sg__resolved *out);

/* The memo's entry for `ref`: a resolution, and whether it is filled. */
typedef struct memo_entry {
    bool done;
    sg__resolved res;
} memo_entry;

int sg__resolve_name(const sg__rule_ctx *ctx, const sg__column_ref *ref, sg__resolved *out)
{
    const sg__vec *refs = &ctx->facts->columns;
    const sg__column_ref *base = refs->count ? &SG__VEC_AT(*refs, sg__column_ref, 0) : NULL;
    if (!ctx->memo || !base || ref < base || ref >= base + refs->count)
        return resolve(ctx, ref, out);
    memo_entry *memo = ctx->memo->resolved;
    if (!memo) {
        memo = sg__arena_alloc(ctx->diags->arena, refs->count * sizeof *memo);
        if (!memo)
            return resolve(ctx, ref, out); /* the memo is only a saving */
        ctx->memo->resolved = memo;
    }
    memo_entry *e = &memo[ref - base];
    if (!e->done) {
        resolve(ctx, ref, &e->res);
        e->done = true;
    }
    *out = e->res;
    return out->status;
}

static int resolve(const sg__rule_ctx *ctx, const sg__column_ref *ref, sg__resolved *out)
{
    const sg__facts *f = ctx->facts;
    memset(out, 0, sizeof *out);
    out->source = out->other = -1;
    out->column = SG_NO_COLUMN;
    if (!ref->name || (ref->flags & SG_COLREF_UNPLACED))
        return out->status = SG_RES_UNDECIDED;
    bool output_first =
        (ref->flags & SG_COLREF_OUTPUT_NAME) && !(ref->flags & SG_COLREF_INPUT_FIRST);
    if (output_first) {
        if (ref->is_output)
            return out->status = SG_RES_OUTPUT;
        if (!ref->outputs_known)
            return out->status = SG_RES_UNDECIDED;
    }
    int level = ref->level;
    size_t first = ref->first, end = ref->end;
    for (unsigned hops = 0; level >= 0 && (size_t)level < f->levels.count && hops < 100000;
         hops++) {
        bool maybe = false;
        long found = -1;
        for (size_t i = first; i < end && i < f->sources.count; i++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
            if (s->level != level || !visible(ref, s))
                continue;
            const sg__meta_table *t;
            long c;
            provides p = s->join_alias ? MAYBE : source_has(ctx, s, ref->name, &t, &c);
            if (p == TWICE) {
                out->source = out->other = (long)i;
                out->level = level;
                return out->status = SG_RES_AMBIGUOUS;
            }
            if (p == MAYBE) {
                maybe = true;
            } else if (p == YES) {
                if (found < 0) {
                    found = (long)i;
                    out->table = t;
                    out->column = c;
                } else if (!merged(f, level, (size_t)found, i, ref->name)) {
                    out->source = found;
                    out->other = (long)i;
                    out->level = level;
                    return out->status = SG_RES_AMBIGUOUS;
                }
            }
        }
        if (found >= 0) {
            out->source = found;
            out->level = level;
            return out->status = maybe ? SG_RES_UNDECIDED : SG_RES_FOUND;
        }
        if (maybe)
            return out->status = SG_RES_UNDECIDED;
        /* GROUP BY prefers an input column of its own level only; failing
         * one, an output of that name comes before the outer levels'
         * columns (PostgreSQL's findTargetlistEntrySQL92) */
        if (hops == 0 && (ref->flags & SG_COLREF_OUTPUT_NAME)) {
            if (ref->is_output)
                return out->status = SG_RES_OUTPUT;
            if (!ref->outputs_known)
                return out->status = SG_RES_UNDECIDED;
        }
        const sg__level *l = &SG__VEC_AT(f->levels, sg__level, level);
        first = l->first;
        end = l->end;
        level = l->parent;
    }
    /* no column anywhere: a whole-row reference (taken before a GROUP BY
     * output of the same name, which only a nonsense query has: the row is
     * the reading that reads more), an output, or no name at all */
    long row = sg__find_source(ctx, ref->level, ref->first, ref->end, ref->name);
    /* ON CONFLICT DO UPDATE's EXCLUDED, a row there too */
    for (size_t i = 0; row < 0 && (ref->flags & SG_COLREF_SEES_EXCLUDED) && i < f->sources.count;
         i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->excluded && s->name && strcmp(s->name, ref->name) == 0)
            row = (long)i;
    }
    if (row >= 0) {
        out->source = row;
        return out->status = SG_RES_WHOLE_ROW;
    }
    if (ref->flags & SG_COLREF_OUTPUT_NAME) {
        if (ref->is_output)
            return out->status = SG_RES_OUTPUT;
        if (!ref->outputs_known)
            return out->status = SG_RES_UNDECIDED;
    }
    return out->status = SG_RES_MISSING;
}

long sg__find_source(const sg__rule_ctx *ctx, int level, size_t first, size_t end, const char *name)
{
    const sg__facts *f = ctx->facts;
    for (unsigned hops = 0; level >= 0 && (size_t)level < f->levels.count && hops < 100000;
         hops++) {
        for (size_t i = first; i < end && i < f->sources.count; i++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
            if (s->level == level && s->name && !s->excluded && strcmp(s->name, name) == 0 &&
                sg__source_in_sight(s, first, end))
                return (long)i;
        }
        const sg__level *l = &SG__VEC_AT(f->levels, sg__level, level);
        first = l->first;
        end = l->end;
        level = l->parent;
    }
    return -1;
}

int sg__top_column(const sg__rule_ctx *ctx, const char *qualifier, const char *column, int location,
                   long *relation)
{
    const sg__facts *f = ctx->facts;
    *relation = -1;
    if (qualifier) {
        for (size_t i = 0; i < f->top.from.count; i++) {
            const sg__from_item *item = &SG__VEC_AT(f->top.from, sg__from_item, i);
            if (!item->name || item->hidden || strcmp(item->name, qualifier) != 0)
                continue;
            if (item->relation < 0 || item->renames_columns)
                return item->relation < 0 ? -1 : 0;
            *relation = item->relation;
            return 1;
        }
        return 0;
    }
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (ref->location != location || !ref->name || strcmp(ref->name, column) != 0)
            continue;
        sg__resolved res;
        if (sg__resolve_name(ctx, ref, &res) != SG_RES_FOUND)
            return res.status == SG_RES_UNDECIDED ? 0 : -1;
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, res.source);
        if (s->row != SG_ROW_RELATION || s->renames || (s->columns && s->column_count))
            return s->row == SG_ROW_RELATION ? 0 : -1;
        *relation = s->relation;
        return 1;
    }
    return 0;
}

sg__order_key sg__group_key(const sg__rule_ctx *ctx, const sg__order_key *k)
{
    if ((!k->alt_column && !k->alt_output) || k->qualifier)
        return *k;
    /* the input's column when any FROM item has or may have the name (a
     * sub-select's, a function's, a CTE's as much as a table's) */
    const sg__facts *f = ctx->facts;
    bool missing = false;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (ref->location != k->location || !ref->name || strcmp(ref->name, k->column) != 0)
            continue;
        sg__resolved res;
        int status = sg__resolve_name(ctx, ref, &res);
        missing = status == SG_RES_MISSING || status == SG_RES_OUTPUT;
        break;
    }
    if (!missing) {
        sg__order_key input = *k;
        input.alt_output = 0;
        return input;
    }
    sg__order_key alt = {k->alt_qualifier,
                         k->alt_column,
                         k->alt_location,
                         NULL,
                         NULL,
                         -1,
                         k->alt_column ? 0 : k->alt_output};
    return alt;
}

const sg__pgtype *sg__relation_column_type(const sg__rule_ctx *ctx, long relation, const char *name)
{
    const sg__meta_table *t = sg__relation_scoped(ctx, relation);
    long c = t ? sg__table_column(t, NULL, 0, name) : SG_NO_COLUMN;
    if (c < 0 || (size_t)c >= t->column_count || !t->column_type_read || !t->column_type_read[c])
        return NULL;
    return &t->column_pgtypes[c];
}

const char *sg__column_names_type(const sg__meta_table *t, long c)
{
    if (!t || !t->has_names_column || c < 0 || (size_t)c >= t->column_count || !t->column_types ||
        !t->column_types[c])
        return NULL;
    const char *name = t->column_type_read && t->column_type_read[c] ? t->column_pgtypes[c].name
                                                                     : t->column_types[c];
    return sg__type_text_resolves_names(name) ? t->column_types[c] : NULL;
}

long sg__table_names_column(const sg__meta_table *t)
{
    for (size_t c = 0; t && t->has_names_column && c < t->column_count; c++)
        if (sg__column_names_type(t, (long)c))
            return (long)c;
    return -1;
}

const sg__meta_table *sg__column_at(const sg__rule_ctx *ctx, int location, long *column)
{
    const sg__facts *f = ctx->facts;
    *column = SG_NO_COLUMN;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        sg__resolved res;
        if (r->location != location || !r->name)
            continue;
        if (sg__resolve_name(ctx, r, &res) != SG_RES_FOUND)
            return NULL;
        *column = res.column;
        return res.table;
    }
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (r->location != location || r->row != SG_ROW_RELATION)
            continue;
        const sg__meta_table *t = sg__field_table(ctx, r);
        if (t)
            *column = sg__table_column(t, r->columns, r->column_count, r->name);
        return t;
    }
    return NULL;
}
