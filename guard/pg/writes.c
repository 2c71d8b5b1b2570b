/*
 * writes.c - what an INSERT writes, as facts: the columns it gives values
 * to (insert.not-null-missing) and the arbiter its ON CONFLICT names by
 * columns (conflict.target-not-unique).
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <string.h>

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
    if (s->valuesLists)
        return list_length(linitial(s->valuesLists));
    ListCell *lc;
    foreach (lc, s->targetList) {
        ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->val ||
            (IsA(rt->val, ColumnRef) && IsA(llast(((ColumnRef *)rt->val)->fields), A_Star)))
            return -1;
    }
    return list_length(s->targetList);
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
}
