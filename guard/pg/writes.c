/*
 * writes.c - what a statement writes, as facts: the columns an INSERT gives
 * values to (insert.not-null-missing), the columns SET lists and MERGE
 * actions write, the arbiter an ON CONFLICT names by columns
 * (conflict.target-not-unique), and an UPDATE or DELETE of every row
 * (dml.missing-where).
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <stdint.h>
#include <string.h>

#include "nodes/nodeFuncs.h"

#include "pg/walk.h"

/* The columns ON CONFLICT (...) infers its arbiter from, as a fact. */
void sg__walk_record_conflict(walk *w, OnConflictClause *oc, long target)
{
    if (!oc || !oc->infer || target < 0)
        return; /* ON CONFLICT DO NOTHING without a target */
    InferClause *in = oc->infer;
    sg__conflict_target *c = sg__vec_push(w->arena, &w->facts->conflicts, sizeof *c);
    if (!c) {
        fail(w);
        return;
    }
    memset(c, 0, sizeof *c);
    c->relation = target;
    c->location = in->location;
    c->judgeable = !in->conname && !in->whereClause && in->indexElems != NIL;
    size_t n = (size_t)list_length(in->indexElems);
    c->columns = c->judgeable ? sg__arena_alloc(w->arena, (n + 1) * sizeof *c->columns) : NULL;
    if (c->judgeable && !c->columns) {
        fail(w);
        return;
    }
    ListCell *lc;
    foreach (lc, in->indexElems) {
        IndexElem *e = lfirst(lc);
        if (!c->judgeable)
            break;
        if (!IsA(e, IndexElem) || !e->name || e->expr) {
            c->judgeable = false; /* an expression: a unique index on it, maybe */
            break;
        }
        c->columns[c->count++] = copy(w, e->name);
    }
}

/* How many values each row of an INSERT's source gives, or -1 when a `*`
 * (or anything else the text does not count) hides it. */
static long source_width(Node *select)
{
    if (!select)
        return 0; /* DEFAULT VALUES */
    if (!IsA(select, SelectStmt))
        return -1;
    SelectStmt *s = (SelectStmt *)select;
    for (unsigned hops = 0; s->op != SETOP_NONE && s->larg && hops < 1000; hops++)
        s = s->larg;
    if (s->op != SETOP_NONE)
        return -1;
    ListCell *lc;
    if (s->valuesLists) {
        ListCell *row;
        foreach (row, s->valuesLists) {
            foreach (lc, (List *)lfirst(row)) {
                if (sg__walk_expands(lfirst(lc)))
                    return -1;
            }
        }
        return list_length(linitial(s->valuesLists));
    }
    foreach (lc, s->targetList) {
        ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->val || sg__walk_expands(rt->val))
            return -1;
    }
    return list_length(s->targetList);
}

/* Which positions of VALUES rows `rows` (a List of Lists; or the one row
 * `single`) some row gives DEFAULT: into in->defaulted. */
static void record_defaulted(walk *w, sg__insert *in, const List *rows, const List *single)
{
    const List *first = single ? single : rows ? linitial(rows) : NIL;
    size_t n = (size_t)list_length(first);
    bool *all = n ? sg__arena_alloc(w->arena, n * sizeof *all) : NULL;
    if (n && !all) {
        fail(w);
        return;
    }
    for (size_t i = 0; i < n; i++)
        all[i] = false;
    for (int r = 0; r < (single ? 1 : list_length(rows)); r++) {
        const List *values = single ? single : list_nth(rows, r);
        for (size_t i = 0; i < n; i++)
            all[i] = all[i] || ((size_t)list_length(values) > i &&
                                IsA(list_nth(values, (int)i), SetToDefault));
    }
    in->defaulted = all;
    in->defaulted_count = n;
}

/* The columns an INSERT gives values to, as a fact. */
void sg__walk_record_insert(walk *w, InsertStmt *s, long target)
{
    sg__insert *in = sg__vec_push(w->arena, &w->facts->inserts, sizeof *in);
    if (!in) {
        fail(w);
        return;
    }
    memset(in, 0, sizeof *in);
    in->relation = target;
    in->location = s->relation->location;
    in->listed = s->cols != NIL;
    in->width = in->listed ? -1 : source_width(s->selectStmt);
    size_t n = (size_t)list_length(s->cols);
    in->columns = sg__arena_alloc(w->arena, (n + 1) * sizeof *in->columns);
    if (!in->columns) {
        fail(w);
        return;
    }
    ListCell *lc;
    foreach (lc, s->cols) {
        ResTarget *rt = lfirst(lc);
        if (IsA(rt, ResTarget) && rt->name)
            in->columns[in->count++] = copy(w, rt->name);
    }
    const SelectStmt *sel =
        s->selectStmt && IsA(s->selectStmt, SelectStmt) ? (SelectStmt *)s->selectStmt : NULL;
    if (sel && sel->op == SETOP_NONE && sel->valuesLists && (!in->listed || in->count == n))
        record_defaulted(w, in, sel->valuesLists, NIL);
    in->one_row =
        !s->selectStmt || (sel && sel->op == SETOP_NONE && list_length(sel->valuesLists) == 1);
}

/* ---- the columns a statement writes ------------------------------------------------------ */

/* A write of `name` (already the walk's own copy, or NULL). */
static const char *add_write(walk *w, long relation, const char *name, size_t position,
                             int location, int param)
{
    sg__column_write *c = sg__vec_push(w->arena, &w->facts->writes, sizeof *c);
    if (!c) {
        fail(w);
        return NULL;
    }
    c->relation = relation;
    c->name = name;
    c->position = position;
    c->location = location;
    c->value = param > 0;
    c->param = param;
    c->set = false;
    c->from_excluded = false;
    c->keeps_value = false;
    c->only_params = false;
    c->to_default = false;
    return name;
}

/* `<name>` or `<item>.<name>`, the target's own column, where `item` is the
 * name the target is seen by (its alias, else its name). */
static bool own_column(const walk *w, long target, const Node *v, const char *name)
{
    if (!v || !IsA(v, ColumnRef))
        return false;
    const List *fields = ((const ColumnRef *)v)->fields;
    const Node *last = list_length(fields) ? llast(fields) : NULL;
    if (!last || !IsA(last, String) || strcmp(strVal(last), name) != 0)
        return false;
    if (list_length(fields) == 1)
        return true;
    if (list_length(fields) != 2 || !IsA(linitial(fields), String))
        return false;
    const char *qualifier = strVal(linitial(fields));
    for (size_t i = w->from_items.count; i-- > 0;) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->relref == target && !fi->excluded)
            return fi->name && strcmp(fi->name, qualifier) == 0;
    }
    return false;
}

/* `EXCLUDED.<name>`, as ON CONFLICT DO UPDATE's SET reads it. */
static bool excluded_column(const Node *v, const char *name)
{
    if (!v || !IsA(v, ColumnRef) || list_length(((const ColumnRef *)v)->fields) != 2)
        return false;
    const Node *a = linitial(((const ColumnRef *)v)->fields),
               *b = lsecond(((const ColumnRef *)v)->fields);
    return IsA(a, String) && IsA(b, String) && strcmp(strVal(a), "excluded") == 0 &&
           strcmp(strVal(b), name) == 0;
}

/* The $n a value is, uncast; 0 for anything else. */
static int param_number(const Node *v)
{
    return v && IsA(v, ParamRef) ? ((const ParamRef *)v)->number : 0;
}

/* Whether `n` is jsonb_array_length (or json_array_length) of a column or
 * of a field of one: the append idiom's index (`doc['items'][
 * jsonb_array_length(doc['items'])]`), the end of a stored array, which
 * pads nothing past it. */
static bool stored_array_length(const Node *n)
{
    const FuncCall *f = n && IsA(n, FuncCall) ? (const FuncCall *)n : NULL;
    const char *name = f && list_length(f->args) == 1 && !f->over && !f->agg_star &&
                               !sg__names_outside_pg_catalog(f->funcname)
                           ? sg__walk_call_name(f)
                           : NULL;
    if (!name ||
        (strcmp(name, "jsonb_array_length") != 0 && strcmp(name, "json_array_length") != 0))
        return false;
    const Node *a = linitial(f->args);
    for (unsigned depth = 0; a && depth < 32; depth++) {
        if (IsA(a, ColumnRef))
            return true;
        if (IsA(a, A_Indirection))
            a = ((const A_Indirection *)a)->arg;
        else if (IsA(a, A_Expr) && ((const A_Expr *)a)->kind == AEXPR_OP &&
                 ((const A_Expr *)a)->lexpr &&
                 (IsA(((const A_Expr *)a)->rexpr, A_Const) ||
                  IsA(((const A_Expr *)a)->rexpr, ParamRef)))
            a = ((const A_Expr *)a)->lexpr; /* doc -> 'items', doc #> '{a,b}' */
        else
            return false;
    }
    return false;
}

/* The subscripts of a written column (`doc['k'][12]`), as facts: the rules
 * judge how far each may pad. */
static void record_subscripts(walk *w, long target, const char *name, List *indirection)
{
    ListCell *lc;
    foreach (lc, indirection) {
        const Node *n = lfirst(lc);
        if (!IsA(n, A_Indices))
            continue;
        const A_Indices *ix = (const A_Indices *)n;
        sg__subscript_write *s = sg__vec_push(w->arena, &w->facts->subscripts, sizeof *s);
        if (!s) {
            fail(w);
            return;
        }
        *s = (sg__subscript_write){target, name, exprLocation(ix->uidx), NULL, 0};
        const Node *v = ix->is_slice ? NULL : ix->uidx;
        bool negative = false;
        if (v && IsA(v, A_Expr) && ((const A_Expr *)v)->kind == AEXPR_OP &&
            !((const A_Expr *)v)->lexpr && list_length(((const A_Expr *)v)->name) == 1 &&
            strcmp(strVal(linitial(((const A_Expr *)v)->name)), "-") == 0) {
            negative = true;
            v = ((const A_Expr *)v)->rexpr;
        }
        if (v && IsA(v, TypeCast))
            v = ((const TypeCast *)v)->arg;
        if (v && IsA(v, A_Const) && !((const A_Const *)v)->isnull &&
            nodeTag(&((const A_Const *)v)->val) == T_Integer) {
            long k = ((const A_Const *)v)->val.ival.ival;
            s->index = sg__arena_printf(w->arena, "%ld", negative ? -k : k);
            if (!s->index)
                fail(w);
        } else if (v && IsA(v, A_Const) && !((const A_Const *)v)->isnull &&
                   nodeTag(&((const A_Const *)v)->val) == T_String && !negative) {
            /* a key (`doc['k']`), or an index written as text, which an
             * array reads as its integer (`doc['k']['12000000']`) */
            s->index = copy(w, ((const A_Const *)v)->val.sval.sval);
        } else if (!negative && stored_array_length(v)) {
            s->index = "0";
        } else if (!negative) {
            s->param = param_number(v);
        }
    }
}

/* The value a SET target takes: its expression, or for a column of a row
 * assignment from a row constructor (`SET (a, b) = (a, $1)`, `= ROW(a, b)`)
 * that column's element; NULL for a column set from a sub-select's row. */
static const Node *set_value(const ResTarget *rt)
{
    if (!rt->val || !IsA(rt->val, MultiAssignRef))
        return rt->val;
    const MultiAssignRef *m = (const MultiAssignRef *)rt->val;
    const RowExpr *row = m->source && IsA(m->source, RowExpr) ? (const RowExpr *)m->source : NULL;
    if (!row || list_length(row->args) != m->ncolumns || m->colno < 1 || m->colno > m->ncolumns)
        return NULL;
    /* `ROW(y.*, code)`: PostgreSQL expands the `*` first, which moves the
     * elements after it; their places are not the text's */
    const ListCell *lc;
    foreach (lc, row->args) {
        if (sg__walk_expands(lfirst(lc)))
            return NULL;
    }
    return list_nth(row->args, m->colno - 1);
}

/* SET targets (`SET a = $1, b[1] = 2, (c, d) = (...)`) of `target`; in ON
 * CONFLICT DO UPDATE when `on_conflict`. */
void sg__walk_record_set(walk *w, List *targets, long target, bool on_conflict)
{
    if (target < 0)
        return;
    ListCell *lc;
    foreach (lc, targets) {
        ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->name)
            continue;
        const char *name = add_write(w, target, copy(w, rt->name), 0, rt->location, 0);
        if (name && rt->indirection)
            record_subscripts(w, target, name, rt->indirection);
        if (name) {
            sg__column_write *c =
                &SG__VEC_AT(w->facts->writes, sg__column_write, w->facts->writes.count - 1);
            c->set = true;
            const Node *value = set_value(rt);
            c->from_excluded =
                on_conflict && rt->indirection == NIL && excluded_column(value, rt->name);
            c->excluded_location = c->from_excluded ? exprLocation(value) : -1;
            c->keeps_value = rt->indirection == NIL && own_column(w, target, value, rt->name);
            c->to_default = rt->indirection == NIL && value && IsA(value, SetToDefault);
            c->only_params = rt->indirection == NIL && param_number(rt->val) > 0;
        }
        /* a subscript or field of the column takes a value of another type; a
         * row assignment's parameter stays with the row (params.type-mismatch
         * judges `SET a = $1` alone) */
        int param = rt->indirection == NIL ? param_number(rt->val) : 0;
        if (param > 0 && name)
            add_write(w, target, name, 0, exprLocation(rt->val), param);
    }
}

/* The list's columns as writes of `target`, each name copied once: into
 * written[] (when not NULL) every column given a value, into typed[] those
 * that take a value of the column's type (NULL where a subscript or field is
 * written). False when memory ran out. */
static bool list_writes(walk *w, List *cols, long target, const char **typed, const char **written,
                        size_t *count)
{
    size_t k = 0, n = 0;
    ListCell *lc;
    foreach (lc, cols) {
        ResTarget *rt = lfirst(lc);
        typed[k] = NULL;
        if (IsA(rt, ResTarget) && rt->name) {
            const char *name = add_write(w, target, copy(w, rt->name), 0, rt->location, 0);
            typed[k] = rt->indirection ? NULL : name;
            if (name && rt->indirection)
                record_subscripts(w, target, name, rt->indirection);
            if (written && name)
                written[n++] = name;
        }
        k++;
    }
    if (count)
        *count = n;
    return !w->failed;
}

/* The name's write of `name` among the writes from `first` on. */
static sg__column_write *name_write(walk *w, size_t first, const char *name)
{
    for (size_t k = first; name && k < w->facts->writes.count; k++) {
        sg__column_write *c = &SG__VEC_AT(w->facts->writes, sg__column_write, k);
        if (!c->value && c->name == name)
            return c;
    }
    return NULL;
}

/* The parameters one row of values gives the listed columns (`listed` of
 * them), or, without a list, the table's columns by position; a listed
 * column given something else is no longer written parameters only (its
 * name's write is among the writes from `first` on). */
static void row_writes(walk *w, List *row, long target, const char *const *names, size_t listed,
                       size_t first)
{
    size_t i = 0;
    ListCell *v;
    foreach (v, row) {
        if (sg__walk_expands(lfirst(v)))
            break; /* the values after it are at positions the text does not tell */
        int param = param_number(lfirst(v));
        const char *name = NULL;
        if (i < listed) {
            name = names[i];
            if (!name)
                param = 0;
        } else if (listed) {
            param = 0; /* more values than columns: the server says so */
        }
        if (param > 0) {
            add_write(w, target, name, i, exprLocation(lfirst(v)), param);
        } else if (i < listed) {
            sg__column_write *c = name_write(w, first, names[i]);
            if (c)
                c->only_params = false;
        }
        i++;
    }
    for (; i < listed; i++) {
        sg__column_write *c = name_write(w, first, names[i]);
        if (c)
            c->only_params = false;
    }
}

/* The columns of an INSERT's list, and the parameters its VALUES rows give
 * them (by position when there is no list). */
void sg__walk_record_insert_writes(walk *w, InsertStmt *s, long target)
{
    if (target < 0)
        return;
    size_t listed = (size_t)list_length(s->cols);
    const char **names = sg__arena_alloc(w->arena, (listed + 1) * sizeof *names);
    if (!names) {
        fail(w);
        return;
    }
    size_t first = w->facts->writes.count;
    if (!list_writes(w, s->cols, target, names, NULL, NULL))
        return;
    SelectStmt *sel =
        s->selectStmt && IsA(s->selectStmt, SelectStmt) ? (SelectStmt *)s->selectStmt : NULL;
    if (!sel || sel->op != SETOP_NONE || !sel->valuesLists)
        return;
    for (size_t k = first; k < w->facts->writes.count; k++)
        SG__VEC_AT(w->facts->writes, sg__column_write, k).only_params = true;
    ListCell *row;
    foreach (row, sel->valuesLists)
        row_writes(w, lfirst(row), target, names, listed, first);
}

/* What a MERGE's WHEN clauses write: UPDATE SET lists, and INSERT column
 * lists and values (an INSERT is also an sg__insert, at the target's name). */
void sg__walk_record_merge_writes(walk *w, MergeStmt *s, long target)
{
    if (target < 0)
        return;
    ListCell *lc;
    foreach (lc, s->mergeWhenClauses) {
        MergeWhenClause *mw = lfirst(lc);
        if (!IsA(mw, MergeWhenClause))
            continue;
        if (mw->commandType == CMD_UPDATE) {
            sg__walk_record_set(w, mw->targetList, target, false);
            continue;
        }
        if (mw->commandType != CMD_INSERT)
            continue;
        size_t listed = (size_t)list_length(mw->targetList);
        const char **names = sg__arena_alloc(w->arena, (listed + 1) * sizeof *names);
        const char **given = sg__arena_alloc(w->arena, (listed + 1) * sizeof *given);
        sg__insert *in =
            names && given ? sg__vec_push(w->arena, &w->facts->inserts, sizeof *in) : NULL;
        if (!in) {
            fail(w);
            return;
        }
        memset(in, 0, sizeof *in);
        in->relation = target;
        in->location = s->relation->location;
        in->listed = listed > 0;
        in->width = in->listed ? -1 : list_length(mw->values);
        ListCell *v;
        foreach (v, mw->values) {
            if (sg__walk_expands(lfirst(v)))
                in->width = -1; /* `(x).*`: fields the text does not count */
        }
        in->columns = given;
        size_t first = w->facts->writes.count;
        if (!list_writes(w, mw->targetList, target, names, given, &in->count))
            return;
        if (mw->values && (!in->listed || in->count == listed))
            record_defaulted(w, in, NIL, mw->values);
        for (size_t k = first; k < w->facts->writes.count; k++)
            SG__VEC_AT(w->facts->writes, sg__column_write, k).only_params = true;
        row_writes(w, mw->values, target, names, listed, first);
    }
}

/* An UPDATE or DELETE of every row of `rel` (the last relation recorded). */
void sg__walk_record_unfiltered(walk *w, const RangeVar *rel, bool is_delete)
{
    sg__unfiltered *u = sg__vec_push(w->arena, &w->facts->unfiltered_writes, sizeof *u);
    if (!u) {
        fail(w);
        return;
    }
    u->location = rel->location;
    u->relation = (long)w->facts->relations.count - 1;
    u->is_delete = is_delete;
}

/* ---- the values a RETURNING list reads ----------------------------------------------------- */

/* Rows of an INSERT's VALUES list whose values are described one by one;
 * past that, any column's value is one the rules do not see. */
enum { WRITTEN_ROWS_MAX = 16 };

/* A value written to `target`'s column `name` (or, NULL, the column at
 * `position`), described when `value` is not NULL. */
static void add_written(walk *w, long target, const char *name, size_t position, int row,
                        Node *value)
{
    sg__written_value *v = sg__vec_push(w->arena, &w->facts->written_values, sizeof *v);
    sg__funcarg *a = value ? sg__arena_alloc(w->arena, sizeof *a) : NULL;
    if (!v || (value && !a)) {
        fail(w);
        return;
    }
    v->relation = target;
    v->name = name;
    v->position = position;
    v->row = row;
    v->value = a;
    if (a)
        sg__walk_describe_value(w, value, a);
}

/* The values SET targets `targets` write, as row `row` (a column set from a
 * sub-select's row is not shown; DEFAULT writes the default, which is not
 * judged). */
static void set_written(walk *w, List *targets, long target, int row)
{
    ListCell *lc;
    foreach (lc, targets) {
        ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->name)
            continue;
        const Node *value = set_value(rt);
        if (value && IsA(value, SetToDefault))
            continue;
        const char *name = copy(w, rt->name);
        if (!name)
            return;
        add_written(w, target, name, 0, row, (Node *)value);
    }
}

/* The name of the column an INSERT's list gives position `i` (the walk's
 * copy); NULL without a list or past it, with *failed when memory ran out. */
static const char *listed_column(walk *w, const InsertStmt *s, size_t i, bool *failed)
{
    const ResTarget *col = i < (size_t)list_length(s->cols) ? list_nth(s->cols, (int)i) : NULL;
    const char *name = col && IsA(col, ResTarget) ? copy(w, col->name) : NULL;
    *failed = col && !name;
    return name;
}

/* The values an INSERT's SELECT `sel` gives the listed columns (or, without
 * a list, the table's by position), one row's for every row: its outputs,
 * until a `*` moves the positions. */
static void select_written(walk *w, const InsertStmt *s, const SelectStmt *sel, long target)
{
    size_t i = 0;
    const ListCell *lc;
    foreach (lc, sel->targetList) {
        const ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->val || sg__walk_expands(rt->val)) {
            add_written(w, target, NULL, SIZE_MAX, 1, NULL);
            return;
        }
        bool failed;
        const char *name = listed_column(w, s, i, &failed);
        if (failed)
            return;
        add_written(w, target, name, i, 1, rt->val);
        i++;
    }
}

void sg__walk_record_written(walk *w, Node *stmt, long target)
{
    if (target < 0 || w->failed || w->written_stmt == stmt)
        return;
    w->written_stmt = stmt; /* once, for RETURNING and ON CONFLICT alike */
    if (IsA(stmt, UpdateStmt)) {
        set_written(w, ((UpdateStmt *)stmt)->targetList, target, SG_WRITTEN_SET);
        return;
    }
    if (!IsA(stmt, InsertStmt))
        return;
    InsertStmt *s = (InsertStmt *)stmt;
    if (s->onConflictClause && s->onConflictClause->action == ONCONFLICT_UPDATE)
        set_written(w, s->onConflictClause->targetList, target, SG_WRITTEN_CONFLICT_SET);
    if (!s->selectStmt)
        return; /* DEFAULT VALUES */
    SelectStmt *sel = IsA(s->selectStmt, SelectStmt) ? (SelectStmt *)s->selectStmt : NULL;
    if (sel && sel->op == SETOP_NONE && !sel->valuesLists) {
        /* a SELECT: each row's values are its outputs, row 1 for them all */
        select_written(w, s, sel, target);
        return;
    }
    if (!sel || sel->op != SETOP_NONE || list_length(sel->valuesLists) > WRITTEN_ROWS_MAX) {
        add_written(w, target, NULL, SIZE_MAX, 1, NULL);
        return;
    }
    ListCell *row, *v;
    int r = 0;
    foreach (row, sel->valuesLists) {
        size_t i = 0;
        r++; /* VALUES rows are rows 1, 2, ... */
        foreach (v, (List *)lfirst(row)) {
            if (sg__walk_expands(lfirst(v))) {
                add_written(w, target, NULL, SIZE_MAX, r, NULL);
                break;
            }
            bool failed;
            const char *name = listed_column(w, s, i, &failed);
            if (failed)
                return;
            if (!IsA(lfirst(v), SetToDefault))
                add_written(w, target, name, i, r, lfirst(v));
            i++;
        }
    }
}
