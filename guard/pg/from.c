/*
 * from.c - the query levels and FROM items of a walk, as the walker records
 * them: the levels it enters and what each sees of the level around it, the
 * FROM items of every level (and the top-level select's, as facts), relation
 * references (the CTE in scope a name binds to is names.c's), the target of a
 * write as an item of its own, the columns a USING or NATURAL join merges,
 * and what a FOR UPDATE/SHARE locks. walker.c walks the clauses and calls these as it
 * goes; nothing here walks a tree, so nothing here calls back into the walk.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include <string.h>

#include "pg/walk.h"

/* Records a relation reference. Unqualified names first bind to a CTE in
 * scope, exactly as PostgreSQL's parse analysis does; targets of writes never
 * do. Returns the relref index, or -1 for a CTE reference. */
long sg__walk_record_relation(walk *w, RangeVar *rv, unsigned use, bool may_be_cte)
{
    if (may_be_cte && !rv->schemaname && !rv->catalogname) {
        long cte = sg__walk_find_cte(w, rv->relname);
        if (cte >= 0) {
            SG__VEC_AT(w->facts->ctes, sg__cte, cte).references++;
            return -1;
        }
    }
    if (rv->location < 0 && !rv->schemaname)
        /* the compiled SQL qualifies the name at its place: without one it cannot */
        sg__walk_unsupported(w, "a relation name without a place in the text", -1);
    sg__relref *r = sg__vec_push(w->arena, &w->facts->relations, sizeof *r);
    if (!r) {
        fail(w);
        return -1;
    }
    r->catalog = copy(w, rv->catalogname);
    r->schema = copy(w, rv->schemaname);
    r->name = copy(w, rv->relname);
    r->location = rv->location;
    r->use = use;
    r->in_cte = w->cte_index;
    return (long)w->facts->relations.count - 1;
}

void sg__walk_add_from_item(walk *w, int level, const char *name, long relref, int child_level,
                            row_names row)
{
    from_item *fi = sg__vec_push(w->arena, &w->from_items, sizeof *fi);
    if (!fi) {
        fail(w);
        return;
    }
    fi->level = level;
    fi->name = name;
    fi->relref = relref;
    fi->child_level = child_level;
    fi->row = row;
    fi->reads_written = w->in_returning || w->sees_excluded;
    fi->in_full_join = w->full_join > 0;
}

/* The columns an alias's column list names (`AS t(a, b)`), else unknown:
 * a relation's then are the catalog's. */
row_names sg__walk_alias_names(walk *w, Alias *alias)
{
    return sg__walk_list_names(w, alias ? alias->colnames : NIL);
}

/* Enters a new query level inside the current one, which sees of the
 * current level what both w->sight and w->child_sight say (the latter then
 * reset to everything); returns it. Its own items are all in sight of its
 * expressions. */
int sg__walk_enter_level(walk *w)
{
    int level = w->next_level++;
    level_info *info = sg__vec_push(w->arena, &w->levels, sizeof *info);
    if (!info)
        fail(w);
    else
        /* a sub-select in an expression sees what the expression sees */
        *info = (level_info){
            w->level,
            {w->sight.first > w->child_sight.first ? w->sight.first : w->child_sight.first,
             w->sight.end < w->child_sight.end ? w->sight.end : w->child_sight.end},
            false,
            false,
            false,
            0,
            NULL,
            0,
            -1,
            NULL,
            NULL,
            0,
            0,
            false,
            NULL,
            0};
    w->child_sight = SG__SIGHT_ALL;
    w->sight = SG__SIGHT_ALL;
    return level;
}

bool sg__walk_only_relation(walk *w, const SelectStmt *s, int level, size_t before)
{
    if (w->failed)
        return false;
    level_info *info = &SG__VEC_AT(w->levels, level_info, (size_t)level);
    if (!info->plain || list_length(s->fromClause) != 1 ||
        !IsA(linitial(s->fromClause), RangeVar) || w->from_items.count != before + 1)
        return false;
    const from_item *fi = &SG__VEC_AT(w->from_items, from_item, before);
    /* a CTE is no relation; an alias column list renames the key's columns */
    if (fi->level != level || fi->relref < 0 || !fi->name || fi->join_alias || fi->row.count)
        return false;
    info->only_source = (long)before;
    /* which outputs are plain columns of the relation, by position */
    size_t n = (size_t)list_length(s->targetList), k = 0;
    const char **cols = n ? sg__arena_alloc(w->arena, n * sizeof *cols) : NULL;
    const char **names = n ? sg__arena_alloc(w->arena, n * sizeof *names) : NULL;
    if (n && (!cols || !names)) {
        fail(w);
        return true;
    }
    ListCell *lc;
    foreach (lc, s->targetList) {
        const ResTarget *rt = lfirst(lc);
        names[k] = IsA(rt, ResTarget) && rt->name ? copy(w, rt->name) : NULL;
        const ColumnRef *c = IsA(rt, ResTarget) && rt->val && IsA(rt->val, ColumnRef)
                                 ? (const ColumnRef *)rt->val
                                 : NULL;
        int parts = c ? list_length(c->fields) : 0;
        bool plain = parts >= 1 && parts <= 3;
        for (int i = 0; plain && i < parts; i++)
            plain = IsA(list_nth(c->fields, i), String);
        if (c && IsA(llast(c->fields), A_Star))
            return true; /* `*`: the outputs' places are the catalog's to tell */
        const char *q = plain && parts >= 2 ? strVal(list_nth(c->fields, parts - 2)) : NULL;
        cols[k] =
            plain && (!q || strcmp(q, fi->name) == 0) ? copy(w, strVal(llast(c->fields))) : NULL;
        if (!names[k] && cols[k])
            names[k] = cols[k]; /* a plain column's output is named as it */
        k++;
    }
    info->out_columns = cols;
    info->out_names = names;
    info->out_count = n;
    return true;
}

/* An item of the top-level SELECT's FROM clause (relation -1: not a
 * relation) with its alias, if any; items of other levels are not recorded. */
void sg__walk_add_top_from(walk *w, int level, long relation, const char *name, Alias *alias,
                           int child_level)
{
    if (level < 0 || level != w->top_level)
        return;
    sg__from_item *fi = sg__vec_push(w->arena, &w->facts->top.from, sizeof *fi);
    if (!fi) {
        fail(w);
        return;
    }
    fi->relation = relation;
    fi->name = name;
    fi->renames_columns = alias && alias->colnames != NIL;
    fi->child_level = child_level;
    fi->nullable = w->nullable_side > 0;
    fi->in_full_join = w->full_join > 0;
    fi->ordinality = fi->ordinality_qualifier = NULL;
    fi->function = NULL;
}

/* Whether `n` reads no row: a constant, a parameter, and casts, arrays,
 * operators and plain calls over them. */
static bool reads_no_row(const Node *n, unsigned depth)
{
    if (!n)
        return true;
    if (depth > 16)
        return false;
    const ListCell *lc;
    switch (nodeTag(n)) {
    case T_ParamRef:
    case T_A_Const:
        return true;
    case T_TypeCast:
        return reads_no_row(((const TypeCast *)n)->arg, depth + 1);
    case T_A_Expr: {
        const A_Expr *e = (const A_Expr *)n;
        return e->kind == AEXPR_OP && reads_no_row(e->lexpr, depth + 1) &&
               reads_no_row(e->rexpr, depth + 1);
    }
    case T_A_ArrayExpr:
        foreach (lc, ((const A_ArrayExpr *)n)->elements) {
            if (!reads_no_row(lfirst(lc), depth + 1))
                return false;
        }
        return true;
    case T_FuncCall: {
        const FuncCall *f = (const FuncCall *)n;
        if (f->agg_star || f->agg_distinct || f->agg_order || f->agg_filter || f->over)
            return false;
        foreach (lc, f->args) {
            if (!reads_no_row(lfirst(lc), depth + 1))
                return false;
        }
        return true;
    }
    default:
        return false;
    }
}

void sg__walk_top_from_function(walk *w, int level, const RangeFunction *rf, const row_names *row)
{
    if (level < 0 || level != w->top_level || !w->facts->top.from.count ||
        list_length(rf->functions) != 1)
        return;
    const List *pair = linitial(rf->functions);
    const Node *call = pair ? linitial(pair) : NULL;
    if (!call || !IsA(call, FuncCall))
        return;
    const FuncCall *f = (const FuncCall *)call;
    sg__from_item *fi =
        &SG__VEC_AT(w->facts->top.from, sg__from_item, w->facts->top.from.count - 1);
    const char *name = sg__walk_call_name(f);
    if (name && !(fi->function = copy(w, name)))
        return;
    if (!rf->ordinality || !row->known || !row->count || !reads_no_row(call, 0))
        return;
    const Node *own = f->funcname ? llast(f->funcname) : NULL;
    const char *qualifier = rf->alias                 ? rf->alias->aliasname
                            : own && IsA(own, String) ? strVal(own)
                                                      : NULL;
    fi->ordinality = copy(w, row->names[row->count - 1]);
    fi->ordinality_qualifier = qualifier ? copy(w, qualifier) : NULL;
}

static void lock_level(walk *w, int level)
{
    for (size_t i = 0; i < w->from_items.count; i++) {
        from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != level)
            continue;
        if (fi->relref >= 0)
            SG__VEC_AT(w->facts->relations, sg__relref, fi->relref).use |= SG_USE_LOCK;
        if (fi->child_level >= 0)
            lock_level(w, fi->child_level);
    }
}

/* Applies FOR UPDATE/SHARE of one query level the way PostgreSQL's
 * transformLockingClause does: without OF, every relation of the level's FROM
 * clause and, recursively, of its subqueries in FROM; with OF, the items so
 * named. CTE references and functions are not locked. */
void sg__walk_apply_locking(walk *w, List *locking, int level)
{
    ListCell *lc;
    foreach (lc, locking) {
        LockingClause *lcl = lfirst(lc);
        if (!IsA(lcl, LockingClause)) {
            sg__walk_unsupported(w, "locking clause", -1);
            continue;
        }
        if (lcl->lockedRels == NIL) {
            lock_level(w, level);
            continue;
        }
        ListCell *rc;
        foreach (rc, lcl->lockedRels) {
            RangeVar *named = lfirst(rc);
            if (!IsA(named, RangeVar))
                continue;
            for (size_t i = 0; i < w->from_items.count; i++) {
                from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
                if (fi->level != level || !fi->name || strcmp(fi->name, named->relname) != 0)
                    continue;
                if (fi->relref >= 0)
                    SG__VEC_AT(w->facts->relations, sg__relref, fi->relref).use |= SG_USE_LOCK;
                if (fi->child_level >= 0)
                    lock_level(w, fi->child_level);
            }
        }
    }
}

/* A join with USING or NATURAL at `level`, over the items from `first` on
 * (its right operand's from `mid`, written at `location`): the names it
 * merges (NIL for NATURAL: every common name). */
void sg__walk_add_merge(walk *w, int level, size_t first, size_t mid, int location, List *names)
{
    sg__merge *m = sg__vec_push(w->arena, &w->merges, sizeof *m);
    const char **list = sg__arena_alloc(w->arena, ((size_t)list_length(names) + 1) * sizeof *list);
    if (!m || !list) {
        fail(w);
        return;
    }
    m->level = level;
    m->first = first;
    m->mid = mid;
    m->location = location;
    m->end = w->from_items.count;
    ListCell *lc;
    foreach (lc, names) {
        /* the facts outlive the parse tree: the walk's own copies */
        if (IsA(lfirst(lc), String) && !(list[m->count++] = copy(w, strVal(lfirst(lc)))))
            return;
    }
    m->names = names ? list : NULL;
}

/* The target of a write at `level`: a FROM item of its own for the names
 * that qualify its columns (and, for INSERT, for EXCLUDED). */
bool sg__walk_target(RangeVar *rel, walk *w, int level, bool excluded, unsigned changes)
{
    if (!rel)
        return false;
    long idx = sg__walk_record_relation(w, rel, SG_USE_WRITE | changes, false);
    sg__walk_add_from_item(w, level, copy(w, rel->alias ? rel->alias->aliasname : rel->relname),
                           idx, -1, sg__walk_alias_names(w, NULL));
    if (excluded) {
        sg__walk_add_from_item(w, level, "excluded", idx, -1, sg__walk_alias_names(w, NULL));
        if (!w->failed)
            SG__VEC_AT(w->from_items, from_item, w->from_items.count - 1).excluded = true;
    }
    return w->failed;
}
