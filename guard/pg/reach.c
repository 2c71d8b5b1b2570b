/*
 * reach.c - the names PostgreSQL gives output columns, and how a column
 * reference made at a query level is looked for among the FROM items of
 * that level and the levels around it, as parse analysis does: for
 * names.c's rows and growth of columns and expand.c's copies.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <string.h>

#include "pg/walk.h"

/* ---- output names ------------------------------------------------------------------------ */

/* The name PostgreSQL gives an output column of expression `n`, when the
 * walker is sure of it; NULL otherwise. *strength is PostgreSQL's: 2 for a
 * name of the expression's own, 1 for a fallback that a cast replaces with
 * its type's name ("case"). */
static const char *figure(Node *n, unsigned depth, int *strength)
{
    *strength = 2;
    if (!n || depth > 64)
        return NULL;
    switch (nodeTag(n)) {
    case T_ColumnRef: {
        Node *last = llast(((ColumnRef *)n)->fields);
        return IsA(last, String) ? strVal(last) : NULL;
    }
    case T_A_Indirection: {
        A_Indirection *ind = (A_Indirection *)n;
        if (sg__walk_expands_fields(n))
            return NULL; /* `(x).*`: the fields, each under its own name */
        const char *field = NULL;
        ListCell *lc;
        foreach (lc, ind->indirection) {
            if (IsA(lfirst(lc), String))
                field = strVal(lfirst(lc));
        }
        return field ? field : figure(ind->arg, depth + 1, strength);
    }
    case T_FuncCall: {
        Node *last = llast(((FuncCall *)n)->funcname);
        return IsA(last, String) ? strVal(last) : NULL;
    }
    case T_TypeCast: {
        /* the operand's name, unless it has only a fallback: then the type's */
        TypeCast *tc = (TypeCast *)n;
        int inner_strength;
        const char *inner = figure(tc->arg, depth + 1, &inner_strength);
        if (inner && inner_strength > 1)
            return inner;
        Node *type = tc->typeName ? llast(tc->typeName->names) : NULL;
        *strength = 1;
        return type && IsA(type, String) ? strVal(type) : NULL;
    }
    case T_CollateClause:
        return figure(((CollateClause *)n)->arg, depth + 1, strength);
    case T_CaseExpr: {
        /* the ELSE result's name when it has one of its own, else "case" */
        int inner_strength;
        const char *inner = figure((Node *)((CaseExpr *)n)->defresult, depth + 1, &inner_strength);
        if (inner && inner_strength > 1)
            return inner;
        *strength = 1;
        return "case";
    }
    case T_A_Expr:
        return ((A_Expr *)n)->kind == AEXPR_NULLIF ? "nullif" : NULL;
    case T_CoalesceExpr:
        return "coalesce";
    case T_MinMaxExpr:
        return ((MinMaxExpr *)n)->op == IS_GREATEST ? "greatest" : "least";
    case T_GroupingFunc:
        return "grouping";
    case T_A_ArrayExpr:
        return "array";
    case T_RowExpr:
        return "row";
    case T_SubLink: {
        SubLink *s = (SubLink *)n;
        if (s->subLinkType == EXISTS_SUBLINK)
            return "exists";
        if (s->subLinkType == ARRAY_SUBLINK)
            return "array";
        if (s->subLinkType == EXPR_SUBLINK && s->subselect && IsA(s->subselect, SelectStmt)) {
            SelectStmt *sel = (SelectStmt *)s->subselect;
            ResTarget *rt = sel->targetList ? linitial(sel->targetList) : NULL;
            return rt && IsA(rt, ResTarget) ? rt->name : NULL;
        }
        return NULL;
    }
    default:
        return NULL;
    }
}

static const char *figure_name(Node *n)
{
    int strength;
    return figure(n, 0, &strength);
}

const char *sg__walk_figure_colname(Node *n)
{
    return figure_name(n);
}

/* Whether `level` has a FROM item named `item` in sight. */
bool sg__walk_has_item(const walk *w, int level, sight in_sight, const char *item)
{
    for (size_t i = in_sight.first; i < w->from_items.count && i < in_sight.end; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level == level && fi->name && strcmp(fi->name, item) == 0)
            return true;
    }
    return false;
}

/* Whether an item of `level` in sight surely has a column `name`: a
 * derived item whose names the walk knows. A relation's columns are the
 * catalog's, which the walk does not read: a bare name the level's tables
 * may lack is looked for at the levels around too, as parse analysis goes on
 * when they lack it (so that the long column of an outer item is not taken
 * for a table's). */
static bool level_has_column(const walk *w, int level, sight in_sight, const char *name)
{
    for (size_t i = in_sight.first; i < w->from_items.count && i < in_sight.end; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != level || fi->relref >= 0 || fi->excluded || !fi->row.known)
            continue;
        for (size_t k = 0; k < fi->row.count; k++)
            if (strcmp(fi->row.names[k], name) == 0)
                return true;
    }
    return false;
}

bool sg__walk_split_ref(const ColumnRef *c, sg__ref_parts *p)
{
    int n = list_length(c->fields);
    const Node *last = n ? llast(c->fields) : NULL;
    p->name = last && IsA(last, String) ? strVal(last) : NULL;
    p->item = n == 2 && IsA(linitial(c->fields), String) ? strVal(linitial(c->fields)) : NULL;
    return n == 1 || (n == 2 && p->item);
}

/* Looks for reference `p`, made at `level`, as parse analysis does: its own
 * level's items, then those the levels around it see (a LATERAL sub-select
 * the items before it, a WITH query or another sub-select none), as far as
 * the name is not found: a qualifier at the nearest level that has an item
 * of that name, a bare name at the nearest whose derived items surely have
 * it (level_has_column), `*` at its own. Returns
 * what `look` first finds, or 0. */
int sg__walk_reach_levels(walk *w, int level, const sg__ref_parts *p, sg__level_look look,
                          void *ctx)
{
    sight in_sight = {0, w->from_items.count};
    for (unsigned hops = 0; level >= 0 && (size_t)level < w->levels.count && hops < 100000;
         hops++) {
        int found = look(w, level, in_sight, p, ctx);
        if (found)
            return found;
        const level_info *l = &SG__VEC_AT(w->levels, level_info, (size_t)level);
        if (p->item   ? sg__walk_has_item(w, level, in_sight, p->item)
            : p->name ? level_has_column(w, level, in_sight, p->name)
                      : l->has_from) /* `*`: the level's own items */
            return 0;
        in_sight = l->parent_sight;
        level = l->parent;
    }
    return 0;
}
