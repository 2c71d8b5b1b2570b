/*
 * refs.c - what a selected name selects from.
 *
 * PostgreSQL reads `t.f` (and `(expr).f`) as the field f of the row when the
 * row has one, and otherwise as the call f(row) of a one-argument function:
 * `(42::bigint).pg_advisory_lock` runs a function. The walker notes every
 * such name with the row it is selected from, as far as the text tells: a
 * relation reference (whose columns the catalog knows), a sub-select, CTE,
 * VALUES list or function with a column list (whose output names the text
 * tells, names.c), or an unknown row. The rules decide field or call.
 *
 * A qualifier resolves as parse analysis resolves it: among the FROM items in
 * sight at the reference's level, then at the levels around it, as far as
 * each inner level sees the outer one (a WITH query and a non-LATERAL
 * sub-select in FROM see none of their level's items, a LATERAL one only
 * those before it, an ON clause only its join's). Arguments of functions in
 * FROM are taken to see all the level's items, where PostgreSQL sees only
 * the earlier ones: a name there resolved to a later item could be a field
 * of it where PostgreSQL calls a function on some other row, and the only
 * pg_catalog functions a row can be passed to that are not allowed are the
 * record output and hash routines (record_out, record_send, hash_record),
 * which read nothing but the row.
 *
 * At the end of the walk the references are resolved into facts, with the
 * FROM items and levels they were resolved against.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <stdio.h>
#include <string.h>

#include "nodes/nodeFuncs.h"

#include "pg/walk.h"
#include "resolve/typelist.h"

/* A reference waiting for the FROM items of every level to be known. */
typedef enum {
    REF_QUALIFIED, /* a.f: a range variable a, or else a column a */
    REF_SCHEMA,    /* s.t.f: relation t of schema s, or else column t of a */
    REF_WHOLE_ROW, /* (a).f: a whole-row reference a */
    REF_UNKNOWN,   /* any other row */
    REF_COLUMN,    /* an unqualified name: a column of some item in sight, or a whole row */
    REF_STAR       /* `*`, `t.*` (a), `s.t.*` (a the schema, t) */
} ref_kind;

typedef struct pending_field {
    ref_kind kind;
    const char *name; /* f */
    const char *a;    /* the range variable's name (or the schema, for REF_SCHEMA) */
    const char *t;    /* REF_SCHEMA: the relation's name */
    int level;
    sight sight; /* of the level's own items */
    int location;
    unsigned flags;                /* REF_COLUMN, REF_STAR: SG_COLREF_*; any: SG_COLREF_ISOLATED */
    bool is_output, outputs_known; /* SG_COLREF_OUTPUT_NAME */
    int call;                      /* walk.h's current_call where it stands */
} pending_field;

/* ---- noting references ------------------------------------------------------------------- */

static void note(walk *w, ref_kind kind, const char *name, const char *a, const char *t,
                 int location)
{
    if (w->noting) {
        /* the comparisons with parameters this reference is the column of */
        for (size_t i = w->cmps.count; i-- > 0;) {
            pending_cmp *c = &SG__VEC_AT(w->cmps, pending_cmp, i);
            if (c->column != w->noting || c->pending >= 0)
                break;
            c->pending = (long)w->pending.count;
        }
    }
    pending_field *p = sg__vec_push(w->arena, &w->pending, sizeof *p);
    if (!p) {
        fail(w);
        return;
    }
    *p = (pending_field){kind,     name, a,     t,     w->level,       w->sight,
                         location, 0,    false, false, w->current_call};
    if (kind == REF_COLUMN || kind == REF_STAR)
        p->flags = (kind == REF_STAR ? SG_COLREF_STAR : 0) |
                   (w->sees_excluded ? SG_COLREF_SEES_EXCLUDED : 0) |
                   (kind == REF_STAR && w->targets_unread ? SG_COLREF_UNREAD : 0);
    if (w->in_returning)
        p->flags |= SG_COLREF_RETURNING;
    if (w->noting && (const Node *)w->noting == w->isolated)
        p->flags |= SG_COLREF_ISOLATED;
    if (w->noting && sg__walk_in_xml_place(w, (const Node *)w->noting))
        p->flags |= SG_COLREF_XML_PLACE;
    /* asked only in the places meets.c marks (most references stand elsewhere) */
    if (w->noting && (w->flow & (SG__FLOW_POLY | SG__FLOW_UNIFIES)) &&
        sg__walk_poly_ref(w, (const Node *)w->noting))
        p->flags |= SG_COLREF_POLY_PLACE;
    if (w->noting && (w->flow & SG__FLOW_READS) &&
        sg__walk_row_consumed(w, (const Node *)w->noting))
        p->flags |= SG_COLREF_ROW_CONSUMED;
    if (w->noting && (w->flow & SG__FLOW_MEETS) && sg__walk_meets_ref(w, (const Node *)w->noting))
        p->flags |= SG_COLREF_MEETS;
}

static void note_columnref(walk *w, ColumnRef *c);

void sg__walk_note_columnref(walk *w, ColumnRef *c)
{
    w->noting = c;
    note_columnref(w, c);
    w->noting = NULL;
}

static void note_columnref(walk *w, ColumnRef *c)
{
    int n = list_length(c->fields);
    for (int i = 0; i + 1 < n; i++) {
        if (!IsA(list_nth(c->fields, i), String))
            return;
    }
    if (n >= 1 && n <= 3 && IsA(llast(c->fields), A_Star)) {
        if (n == 1)
            note(w, REF_STAR, NULL, NULL, NULL, c->location);
        else if (n == 2)
            note(w, REF_STAR, NULL, strVal(linitial(c->fields)), NULL, c->location);
        else
            note(w, REF_STAR, NULL, strVal(linitial(c->fields)), strVal(lsecond(c->fields)),
                 c->location);
        return;
    }
    if (n < 1 || !IsA(llast(c->fields), String))
        return;
    const char *name = strVal(llast(c->fields));
    if (n == 1) {
        if (w->names_off)
            return;
        note(w, REF_COLUMN, name, NULL, NULL, c->location);
        if (w->failed)
            return;
        pending_field *p = &SG__VEC_AT(w->pending, pending_field, w->pending.count - 1);
        if (w->names_unplaced)
            p->flags |= SG_COLREF_UNPLACED;
        Node *select = w->output_ref == c ? w->output_select : w->grouping_select;
        if (select) {
            p->flags |= SG_COLREF_OUTPUT_NAME;
            if (w->output_ref != c || w->output_input_first)
                p->flags |= SG_COLREF_INPUT_FIRST;
            p->is_output = sg__walk_output_match(select, name, &p->outputs_known);
        }
        return;
    }
    if (n == 2)
        note(w, REF_QUALIFIED, name, strVal(linitial(c->fields)), NULL, c->location);
    else if (n == 3)
        note(w, REF_SCHEMA, name, strVal(linitial(c->fields)), strVal(lsecond(c->fields)),
             c->location);
    else
        note(w, REF_UNKNOWN, name, NULL, NULL, c->location);
}

void sg__walk_note_indirection(walk *w, A_Indirection *ind)
{
    /* `(a).f` selects from the whole row of range variable a; any other
     * name, and any name after the first, selects from some other row */
    const char *whole = NULL;
    if (ind->arg && IsA(ind->arg, ColumnRef)) {
        ColumnRef *c = (ColumnRef *)ind->arg;
        if (list_length(c->fields) == 1 && IsA(linitial(c->fields), String))
            whole = strVal(linitial(c->fields));
    }
    int location = exprLocation(ind->arg);
    bool first = true;
    ListCell *lc;
    foreach (lc, ind->indirection) {
        Node *item = lfirst(lc);
        if (IsA(item, String))
            note(w, first && whole ? REF_WHOLE_ROW : REF_UNKNOWN, strVal(item), whole, NULL,
                 location);
        first = false;
    }
}

/* A cast of a column named tableoid to regclass, to resolve at the end. */
typedef struct tableoid_cast {
    size_t func;           /* the cast's facts->funcs index */
    const char *qualifier; /* `t` of t.tableoid, NULL when unqualified */
    int level;
    sight sight;
    bool isolated; /* the cast's value meets no other value (walk.h) */
} tableoid_cast;

bool sg__walk_ts_object_type(const TypeName *t)
{
    if (!t || !t->names || sg__names_outside_pg_catalog(t->names) || !IsA(llast(t->names), String))
        return false;
    const char *name = strVal(llast(t->names));
    name += *name == '_';
    return strcmp(name, "regconfig") == 0 || strcmp(name, "regdictionary") == 0;
}

/* Whether `t` may be a multirange or an array of ranges of pg_catalog (the
 * rules tell which exactly). */
static bool ranges_cast(const TypeName *t)
{
    const Node *last = t && t->names ? llast(t->names) : NULL;
    if (!last || !IsA(last, String) || sg__names_outside_pg_catalog(t->names))
        return false;
    return sg__walk_ranges_type(strVal(last), t->arrayBounds != NIL);
}

void sg__walk_note_cast(walk *w, TypeCast *tc)
{
    w->tableoid_cast = NULL;
    TypeName *t = tc->typeName;
    if (tc->arg && IsA(tc->arg, ParamRef)) {
        w->param_cast = tc;
    } else if (ranges_cast(t)) {
        /* ranges parsed from a parameter's text, cast to text on the way
         * (`%(r)s::text::int4multirange`): the parameter's; its own casts
         * are walked before this one's type */
        const Node *text = sg__walk_uncast_keeping(tc->arg);
        if (text && IsA(text, ParamRef)) {
            w->text_cast = tc;
            w->text_cast_param = (const ParamRef *)text;
        }
    }
    /* as IS NULL's operand, or an XML function's argument, it meets no
     * other value either */
    bool isolated = (const Node *)tc == w->isolated || sg__walk_in_xml_place(w, (const Node *)tc);
    /* its operand is visited first, and may hold casts of its own */
    if (sg__walk_ts_object_type(t)) {
        w->ts_cast = t;
        w->ts_operand = tc->arg;
        w->ts_isolated = isolated;
        w->ts_first_arg = (const Node *)tc == w->call_first_arg;
    }
    /* a cast to a type that resolves no names isolates its operand's value */
    Node *type = t && t->names ? llast(t->names) : NULL;
    if (type && IsA(type, String) && !sg__type_resolves_names(strVal(type)) && tc->arg &&
        (IsA(tc->arg, TypeCast) || IsA(tc->arg, FuncCall) || IsA(tc->arg, ColumnRef) ||
         IsA(tc->arg, XmlExpr)))
        w->isolated = tc->arg;
    if (!t || t->arrayBounds != NIL || !tc->arg || !IsA(tc->arg, ColumnRef))
        return;
    int n = list_length(t->names);
    if (!IsA(type, String) || strcmp(strVal(type), "regclass") != 0 || n > 2 ||
        (n == 2 && (!IsA(linitial(t->names), String) ||
                    strcmp(strVal(linitial(t->names)), "pg_catalog") != 0)))
        return;
    ColumnRef *c = (ColumnRef *)tc->arg;
    int fields = list_length(c->fields);
    Node *last = llast(c->fields);
    if (fields > 2 || !IsA(last, String) || strcmp(strVal(last), "tableoid") != 0 ||
        (fields == 2 && !IsA(linitial(c->fields), String)))
        return;
    w->tableoid_cast = t;
    w->tableoid_column = c;
    w->tableoid_isolated = isolated;
}

void sg__walk_note_tableoid_cast(walk *w, const TypeName *t, size_t func)
{
    if (!w->tableoid_cast || w->tableoid_cast != t)
        return;
    const ColumnRef *c = w->tableoid_column;
    w->tableoid_cast = NULL;
    tableoid_cast *p = sg__vec_push(w->arena, &w->tableoid_casts, sizeof *p);
    if (!p) {
        fail(w);
        return;
    }
    p->func = func;
    p->qualifier = list_length(c->fields) == 2 ? strVal(linitial(c->fields)) : NULL;
    p->level = w->level;
    p->sight = w->sight;
    p->isolated = w->tableoid_isolated;
}

/* ---- resolving them ---------------------------------------------------------------------- */

/* The FROM item named `name` in sight from `level` (whose own items in
 * sight are `own`): its own level's, then those of the levels around it,
 * innermost first, each as far as the level inside it sees; an aliased
 * join's operands only from within its ON. */
static const from_item *find_item(const walk *w, int level, sight own, const char *name,
                                  const char *schema)
{
    sight in_sight = own;
    for (unsigned hops = 0; level >= 0 && hops < 100000; hops++) {
        for (size_t i = in_sight.first; i < w->from_items.count && i < in_sight.end; i++) {
            const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
            if (fi->level != level || !fi->name || strcmp(fi->name, name) != 0)
                continue;
            /* an aliased join's operand, seen from outside its ON; a join's
             * alias, seen from inside the join */
            if ((fi->hidden_end && !sg__walk_within_join(in_sight, fi)) ||
                (fi->visible_from && in_sight.end < fi->visible_from))
                continue;
            if (!schema)
                return fi;
            /* `s.t.f`: only a relation, of schema s (or unqualified, which
             * the rules compare with the schema it resolved to) */
            if (fi->relref >= 0) {
                const sg__relref *r = &SG__VEC_AT(w->facts->relations, sg__relref, fi->relref);
                if (!r->catalog && (!r->schema || strcmp(r->schema, schema) == 0))
                    return fi;
            }
        }
        const level_info *info = &SG__VEC_AT(w->levels, level_info, level);
        in_sight = info->parent_sight;
        level = info->parent;
    }
    return NULL;
}

/* Whether the tableoid a cast reads is a relation's system column: the
 * qualifier names a relation reference (not renamed by a column list), or,
 * unqualified, every FROM item of the level is one, so that no sub-select,
 * CTE or function can offer a column of that name. */
static bool relation_tableoid(const walk *w, const tableoid_cast *c)
{
    if (c->qualifier) {
        const from_item *fi = find_item(w, c->level, c->sight, c->qualifier, NULL);
        return fi && fi->relref >= 0 && !fi->row.known;
    }
    size_t items = 0;
    for (size_t i = c->sight.first; i < w->from_items.count && i < c->sight.end; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != c->level)
            continue;
        if (fi->relref < 0 || fi->row.known)
            return false;
        items++;
    }
    return items > 0;
}

/* Whether some FROM item of the statement has no name the walker knows. */
static bool unnamed_item(const walk *w)
{
    for (size_t i = 0; i < w->from_items.count; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (!fi->name && !fi->join_alias)
            return true;
    }
    return false;
}

/* An unqualified name, `*` or `t.*`, for the rules to resolve. */
static void record_column(walk *w, const pending_field *p)
{
    sg__column_ref *c = sg__vec_push(w->arena, &w->facts->columns, sizeof *c);
    if (!c) {
        fail(w);
        return;
    }
    c->name = p->name ? copy(w, p->name) : NULL;
    c->location = p->location;
    c->flags = p->flags;
    c->level = p->level;
    c->first = p->sight.first;
    c->end = p->sight.end < w->from_items.count ? p->sight.end : w->from_items.count;
    c->source = -1;
    c->call = p->call;
    if (p->kind == REF_STAR && p->a) {
        const from_item *fi = p->t ? find_item(w, p->level, p->sight, p->t, p->a)
                                   : find_item(w, p->level, p->sight, p->a, NULL);
        c->qualifier = copy(w, p->t ? p->t : p->a);
        if (fi)
            c->source = fi - &SG__VEC_AT(w->from_items, from_item, 0);
        else if (!p->t && !unnamed_item(w))
            c->missing_item = c->qualifier;
    }
    if (p->flags & SG_COLREF_OUTPUT_NAME) {
        c->is_output = p->is_output;
        c->outputs_known = p->outputs_known;
    }
}

/* The FROM items, levels and merging joins, as facts for the rules. */
static void export_sources(walk *w)
{
    sg__facts *f = w->facts;
    /* the growth of their columns only matters to a quadratic text call or
     * a time zone read from a column */
    /* (and, like every search of an expression with raw_expression_tree_walker,
     * only when no expression is deeper than the walker's bound) */
    for (size_t i = 0; w->work_call && !f->depth_exceeded && i < w->from_items.count && !w->failed;
         i++)
        sg__walk_item_growth(w, i);
    for (size_t i = 0; i < w->from_items.count && !w->failed; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        sg__source *s = sg__vec_push(w->arena, &f->sources, sizeof *s);
        if (!s) {
            fail(w);
            return;
        }
        s->level = fi->level;
        s->name = fi->name;
        s->relation = fi->relref;
        s->row = fi->relref >= 0 ? SG_ROW_RELATION
                 : fi->row.known ? SG_ROW_COLUMNS
                                 : SG_ROW_UNKNOWN;
        if (fi->row.known) {
            s->columns = fi->row.names;
            s->column_count = fi->row.count;
        }
        s->complete = fi->relref < 0 && fi->row.known && fi->row.complete;
        s->join_alias = fi->join_alias;
        s->renames = fi->join_alias && fi->row.known;
        s->excluded = fi->excluded;
        s->in_join = fi->in_join;
        s->hidden_first = fi->hidden_first;
        s->hidden_end = fi->hidden_end;
        s->visible_from = fi->visible_from;
        s->grown = fi->relref < 0 ? fi->row.grown : NULL;
        s->grown_params = fi->relref < 0 ? fi->row.grown_params : NULL;
        s->grown_alone = fi->relref < 0 ? fi->row.grown_alone : NULL;
        s->grown_count = fi->relref < 0 ? fi->row.grown_count : 0;
        s->grows_all_param = fi->relref < 0 && fi->row.grows_all ? fi->row.grows_all_param : 0;
        s->grows_all = fi->relref < 0 && fi->row.grows_all;
        s->stored = fi->relref < 0 ? fi->row.stored : NULL;
        s->stored_count = fi->relref < 0 ? fi->row.stored_count : 0;
        s->all_stored = fi->relref < 0 && fi->row.all_stored;
        s->zone_names = fi->zone_names;
        s->zone_values = fi->zone_values;
        s->zone_count = fi->zone_count;
        if (fi->relref < 0 && fi->reads_written) {
            /* in RETURNING or beside EXCLUDED, a derived item may pass on
             * the row written, which the statement made: its columns
             * count as made */
            s->grows_all = true;
            s->grows_all_param = 0;
            s->all_stored = false;
            s->stored_count = 0;
        }
        /* a WITH query's reference: the WITH query's level */
        s->in_full_join = fi->in_full_join;
        s->child_level = fi->child_level >= 0                ? fi->child_level
                         : fi->relref < 0 && fi->grow_select ? fi->grow_level
                                                             : -1;
    }
    for (size_t i = 0; i < w->levels.count && !w->failed; i++) {
        const level_info *info = &SG__VEC_AT(w->levels, level_info, i);
        sg__level *l = sg__vec_push(w->arena, &f->levels, sizeof *l);
        if (!l) {
            fail(w);
            return;
        }
        l->parent = info->parent;
        l->plain = info->plain;
        l->has_from = info->has_from;
        l->limit_one = info->limit_one;
        l->limit_param = info->limit_param;
        l->keys = info->keys;
        l->key_count = info->key_count;
        l->keys_input_first = info->keys_input_first;
        l->keys_rownum = info->keys_rownum;
        l->only_source = info->only_source;
        l->out_columns = info->out_columns;
        l->out_names = info->out_names;
        l->out_count = info->out_count;
        l->first = info->parent_sight.first;
        l->end = info->parent_sight.end < w->from_items.count ? info->parent_sight.end
                                                              : w->from_items.count;
    }
    f->merges = w->merges;
}

void sg__walk_resolve_fields(walk *w)
{
    for (size_t i = 0; i < w->tableoid_casts.count; i++) {
        const tableoid_cast *c = &SG__VEC_AT(w->tableoid_casts, tableoid_cast, i);
        if (c->isolated && relation_tableoid(w, c))
            SG__VEC_AT(w->facts->funcs, sg__funcref, c->func).of_tableoid = true;
    }
    /* where each pending reference went: facts->fields index i as i, facts->columns
     * index i as -(i + 2) */
    long *went = sg__arena_alloc(w->arena, (w->pending.count + 1) * sizeof *went);
    if (!went) {
        fail(w);
        return;
    }
    for (size_t i = 0; i < w->pending.count && !w->failed; i++) {
        const pending_field *p = &SG__VEC_AT(w->pending, pending_field, i);
        if (p->kind == REF_COLUMN || p->kind == REF_STAR) {
            went[i] = -(long)w->facts->columns.count - 2;
            record_column(w, p);
            continue;
        }
        went[i] = (long)w->facts->fields.count;
        sg__field_ref *f = sg__vec_push(w->arena, &w->facts->fields, sizeof *f);
        if (!f) {
            fail(w);
            return;
        }
        memset(f, 0, sizeof *f);
        f->name = copy(w, p->name);
        f->location = p->location;
        f->call = p->call;
        f->row = SG_ROW_UNKNOWN;
        f->relation = -1;
        f->isolated = (p->flags & SG_COLREF_ISOLATED) != 0;
        f->xml_place = (p->flags & SG_COLREF_XML_PLACE) != 0;
        f->poly_place = (p->flags & SG_COLREF_POLY_PLACE) != 0;
        f->meets = (p->flags & SG_COLREF_MEETS) != 0;
        f->returning = (p->flags & SG_COLREF_RETURNING) != 0;
        const from_item *fi = NULL;
        if (p->kind == REF_WHOLE_ROW)
            f->bare_row = copy(w, p->a);
        if (p->kind == REF_QUALIFIED || p->kind == REF_WHOLE_ROW)
            fi = find_item(w, p->level, p->sight, p->a, NULL);
        else if (p->kind == REF_SCHEMA)
            fi = find_item(w, p->level, p->sight, p->t, p->a);
        f->source = -1;
        /* `a.f` is a range variable's or nothing; a function in FROM
         * without an alias has its own name, which the walker does not give */
        if (!fi && p->kind == REF_QUALIFIED && !unnamed_item(w))
            f->missing_item = copy(w, p->a);
        if (!fi)
            continue; /* a column's field, or a name PostgreSQL will not find */
        f->source = fi - &SG__VEC_AT(w->from_items, from_item, 0);
        if (fi->relref >= 0) {
            f->row = SG_ROW_RELATION;
            f->relation = fi->relref;
            f->schema = p->kind == REF_SCHEMA ? copy(w, p->a) : NULL;
        } else if (fi->row.scalar && p->kind == REF_WHOLE_ROW) {
            continue; /* `(u).f` of a value: a call or a cast, judged as of any row */
        } else if (fi->row.known) {
            f->row = SG_ROW_COLUMNS;
            f->complete = fi->row.complete;
        }
        if (fi->row.known) {
            f->columns = fi->row.names;
            f->column_count = fi->row.count;
        }
    }
    export_sources(w);
    for (size_t i = 0; i < w->cmps.count && !w->failed; i++) {
        const pending_cmp *c = &SG__VEC_AT(w->cmps, pending_cmp, i);
        if (c->pending < 0 || (size_t)c->pending >= w->pending.count)
            continue;
        sg__param_cmp *out = sg__vec_push(w->arena, &w->facts->param_cmps, sizeof *out);
        if (!out) {
            fail(w);
            return;
        }
        long to = went[c->pending];
        *out = (sg__param_cmp){c->param, c->location, c->kind, to >= 0,
                               (size_t)(to >= 0 ? to : -to - 2)};
    }
}
