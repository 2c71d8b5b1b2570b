/*
 * ordering.c - what the top-level select's rows are ordered and made
 * distinct by, as facts for the ordering rules.
 *
 * The ORDER BY items that are plain columns (directly, or through the output
 * column a bare name or a position names), and what makes each output row
 * distinct on its own: the GROUP BY items, the DISTINCT ON items or a plain
 * DISTINCT's outputs, or a set operation without ALL whose ORDER BY names
 * every output. An expression counts where the same one is written again,
 * compared node by node (same_expr()), never with PostgreSQL's equal(). The
 * walker calls this for the statement's own select; it records, the rules
 * judge.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include <stdint.h>
#include <string.h>

#include "pg/walk.h"

/* The output column a bare ORDER BY item names, as PostgreSQL reads it: an
 * integer constant is a position; a bare name is the output of that name
 * (explicit, or the name a plain column gives itself) when there is one.
 * NULL when the item is no output's. */
static ResTarget *order_output(List *targets, Node *e)
{
    if (IsA(e, A_Const) && ((A_Const *)e)->val.node.type == T_Integer) {
        int pos = intVal(&((A_Const *)e)->val);
        ResTarget *rt = pos >= 1 && pos <= list_length(targets) ? list_nth(targets, pos - 1) : NULL;
        /* after a `*` or `(x).*` the position counts columns the text does not */
        for (int i = 0; rt && i < pos - 1; i++) {
            ResTarget *before = list_nth(targets, i);
            if (IsA(before, ResTarget) && sg__walk_expands(before->val))
                rt = NULL;
        }
        return rt && IsA(rt, ResTarget) ? rt : NULL;
    }
    ColumnRef *bare = sg__walk_plain_column(e);
    if (!bare || list_length(bare->fields) != 1)
        return NULL;
    const char *name = strVal(linitial(bare->fields));
    ResTarget *match = NULL;
    ListCell *lc;
    foreach (lc, targets) {
        ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget))
            continue;
        ColumnRef *c = sg__walk_plain_column(rt->val);
        /* an output without AS has the name PostgreSQL makes for it (`now`,
         * `lower`, `?column?`), when the walker is sure of it */
        const char *out = rt->name ? rt->name
                          : c      ? strVal(llast(c->fields))
                                   : sg__walk_figure_colname(rt->val);
        if (out && strcmp(out, name) == 0) {
            if (match)
                return NULL; /* two outputs of the name: the server judges */
            match = rt;
        }
    }
    return match;
}

/* The first branch of set operation `s` (`s` itself when it is none),
 * which names the outputs; NULL past a bounded depth. */
static const SelectStmt *first_branch(const SelectStmt *s)
{
    for (unsigned hops = 0; s && s->op != SETOP_NONE && hops < 1000; hops++)
        s = s->larg;
    return s && s->op == SETOP_NONE ? s : NULL;
}

/* A NULL-terminated array for `n` keys in the walk's arena; NULL (the walk
 * failed) when memory ran out. */
static const char **new_keys(walk *w, size_t n)
{
    const char **keys = sg__arena_alloc(w->arena, (n + 1) * sizeof *keys);
    if (!keys)
        fail(w);
    return keys;
}

/* Whether the rows of set operation `s` are distinct: no ALL at any node
 * (to a bounded depth; deeper, they are not taken to be). */
static bool set_distinct(const SelectStmt *s, unsigned depth)
{
    if (!s || s->op == SETOP_NONE)
        return true;
    return depth < 1000 && !s->all && set_distinct(s->larg, depth + 1) &&
           set_distinct(s->rarg, depth + 1);
}

/* Whether a set operation's rows are distinct and its ORDER BY names every
 * output column, by position or by the name the first branch gives it. */
static bool set_ordered_whole(const SelectStmt *s)
{
    if (!set_distinct(s, 0))
        return false;
    const SelectStmt *first = first_branch(s);
    if (!first)
        return false;
    int n = 0;
    ListCell *lc, *oc;
    foreach (lc, first->targetList) {
        ResTarget *rt = lfirst(lc);
        n++;
        ColumnRef *c = IsA(rt, ResTarget) ? sg__walk_plain_column(rt->val) : NULL;
        const char *name = IsA(rt, ResTarget) && rt->name ? rt->name
                           : c                            ? strVal(llast(c->fields))
                                                          : NULL;
        bool named = false;
        foreach (oc, s->sortClause) {
            SortBy *sb = lfirst(oc);
            Node *e = IsA(sb, SortBy) ? sb->node : NULL;
            if (e && IsA(e, A_Const) && ((A_Const *)e)->val.node.type == T_Integer)
                named |= ((A_Const *)e)->val.ival.ival == n;
            else if (name && e && IsA(e, ColumnRef) && list_length(((ColumnRef *)e)->fields) == 1 &&
                     IsA(linitial(((ColumnRef *)e)->fields), String))
                named |= strcmp(strVal(linitial(((ColumnRef *)e)->fields)), name) == 0;
        }
        if (!named)
            return false;
    }
    return n > 0;
}

/* Appends a key of `column` (qualified, or NULL) at `location`; false when
 * memory ran out. */
static bool push_named_key(walk *w, sg__vec *keys, const char *qualifier, const char *column,
                           int location)
{
    sg__order_key *k = sg__vec_push(w->arena, keys, sizeof *k);
    if (!k) {
        fail(w);
        return false;
    }
    k->qualifier = qualifier;
    k->column = column;
    k->location = location;
    k->alt_qualifier = k->alt_column = NULL;
    k->alt_location = -1;
    return !w->failed;
}

/* Appends plain column `c` to `keys`; false when memory ran out. */
static bool push_key(walk *w, sg__vec *keys, const ColumnRef *c)
{
    return push_named_key(w, keys, sg__walk_qualifier(w, c), copy(w, strVal(llast(c->fields))),
                          c->location);
}

/* A key of output name `name` alone (a set operation's output). */
static bool push_name_key(walk *w, sg__vec *keys, const char *name, int location)
{
    return push_named_key(w, keys, NULL, copy(w, name), location);
}

/* The name of output `pos` (an integer constant) of set operation `s`: its
 * first branch's item's, named or a plain column's own; NULL for an
 * expression, or a position past a `*`. */
static const char *set_output_name(const SelectStmt *s, const Node *pos)
{
    s = first_branch(s);
    if (!s)
        return NULL;
    ResTarget *rt = order_output(s->targetList, (Node *)pos);
    if (!rt)
        return NULL;
    if (rt->name)
        return rt->name;
    ColumnRef *c = sg__walk_plain_column(rt->val);
    return c ? strVal(llast(c->fields)) : NULL;
}

/* Gives the key just pushed the output's column `c` as its alternative
 * (sg__order_key.alt_column). */
static void set_alt(walk *w, sg__vec *keys, const ColumnRef *c)
{
    sg__order_key *k = &SG__VEC_AT(*keys, sg__order_key, keys->count - 1);
    k->alt_qualifier = sg__walk_qualifier(w, c);
    k->alt_column = copy(w, strVal(llast(c->fields)));
    k->alt_location = c->location;
}

/* Appends output id `id` (a position, or expression_id()) to `outputs`;
 * false when memory ran out. */
static bool push_output(walk *w, sg__vec *outputs, size_t id)
{
    size_t *k = sg__vec_push(w->arena, outputs, sizeof *k);
    if (!k) {
        fail(w);
        return false;
    }
    *k = id;
    return true;
}

/* Whether raw expressions a and b are written the same (places aside), for
 * the common shapes only: columns, constants, parameters, calls, operators
 * and casts;
 * anything else is not the same (PostgreSQL's equal() would end the process
 * on a node type it does not know, so it is not called). */
static bool same_expr(const Node *a, const Node *b, unsigned depth, const char *sole)
{
    if (!a || !b)
        return a == b;
    if (nodeTag(a) != nodeTag(b) || depth > 64)
        return false;
    switch (nodeTag(a)) {
    case T_List: {
        const List *x = (const List *)a, *y = (const List *)b;
        if (list_length(x) != list_length(y))
            return false;
        for (int i = 0; i < list_length(x); i++)
            if (!same_expr(list_nth(x, i), list_nth(y, i), depth + 1, sole))
                return false;
        return true;
    }
    case T_String:
        return strcmp(strVal(a), strVal(b)) == 0;
    case T_Integer:
        return intVal(a) == intVal(b);
    case T_A_Star:
        return true;
    case T_ParamRef: /* one placeholder's name is one $n, one value */
        return ((const ParamRef *)a)->number > 0 &&
               ((const ParamRef *)a)->number == ((const ParamRef *)b)->number;
    case T_ColumnRef: {
        const List *x = ((const ColumnRef *)a)->fields, *y = ((const ColumnRef *)b)->fields;
        if (same_expr((const Node *)x, (const Node *)y, depth + 1, sole))
            return true;
        /* `col` and `t.col` where t is the level's only FROM item */
        if (!sole || abs(list_length(x) - list_length(y)) != 1 ||
            list_length(x) + list_length(y) != 3)
            return false;
        const List *q = list_length(x) == 2 ? x : y, *u = q == x ? y : x;
        return IsA(linitial(q), String) && strcmp(strVal(linitial(q)), sole) == 0 &&
               same_expr(lsecond(q), linitial(u), depth + 1, sole);
    }
    case T_A_Const: {
        const A_Const *x = (const A_Const *)a, *y = (const A_Const *)b;
        if (x->isnull || y->isnull)
            return x->isnull == y->isnull;
        if (x->val.node.type != y->val.node.type)
            return false;
        switch (x->val.node.type) {
        case T_Integer:
            return x->val.ival.ival == y->val.ival.ival;
        case T_Float:
            return strcmp(x->val.fval.fval, y->val.fval.fval) == 0;
        case T_Boolean:
            return x->val.boolval.boolval == y->val.boolval.boolval;
        case T_String:
            return strcmp(x->val.sval.sval, y->val.sval.sval) == 0;
        case T_BitString:
            return strcmp(x->val.bsval.bsval, y->val.bsval.bsval) == 0;
        default:
            return false;
        }
    }
    case T_FuncCall: {
        const FuncCall *x = (const FuncCall *)a, *y = (const FuncCall *)b;
        return !x->agg_order && !y->agg_order && !x->agg_filter && !y->agg_filter && !x->over &&
               !y->over && x->agg_star == y->agg_star && x->agg_distinct == y->agg_distinct &&
               x->func_variadic == y->func_variadic &&
               same_expr((const Node *)x->funcname, (const Node *)y->funcname, depth + 1, sole) &&
               same_expr((const Node *)x->args, (const Node *)y->args, depth + 1, sole);
    }
    case T_A_Expr: {
        const A_Expr *x = (const A_Expr *)a, *y = (const A_Expr *)b;
        return x->kind == y->kind &&
               same_expr((const Node *)x->name, (const Node *)y->name, depth + 1, sole) &&
               same_expr(x->lexpr, y->lexpr, depth + 1, sole) &&
               same_expr(x->rexpr, y->rexpr, depth + 1, sole);
    }
    case T_TypeCast: {
        const TypeCast *x = (const TypeCast *)a, *y = (const TypeCast *)b;
        const TypeName *tx = x->typeName, *ty = y->typeName;
        return tx && ty && tx->setof == ty->setof && tx->pct_type == ty->pct_type &&
               list_length(tx->arrayBounds) == list_length(ty->arrayBounds) &&
               same_expr((const Node *)tx->names, (const Node *)ty->names, depth + 1, sole) &&
               same_expr((const Node *)tx->typmods, (const Node *)ty->typmods, depth + 1, sole) &&
               same_expr(x->arg, y->arg, depth + 1, sole);
    }
    default:
        return false;
    }
}

/* The ORDER BY item (SortBy) whose expression is the same as `e`, written
 * out again, or -1. */
static long same_order_item(List *order, const Node *e, const char *sole)
{
    long j = 0;
    ListCell *lc;
    foreach (lc, order) {
        SortBy *sb = lfirst(lc);
        if (IsA(sb, SortBy) && sb->node && same_expr(sb->node, e, 0, sole))
            return j;
        j++;
    }
    return -1;
}

/* The id of ORDER BY item j as an expression written out (no output): ids
 * from the top of size_t down, apart from output positions. */
static size_t expression_id(long j)
{
    return SIZE_MAX - (size_t)j;
}

/* The output whose expression is `e` written out again, or NULL. */
static ResTarget *output_holding(List *targets, const Node *e, const char *sole)
{
    ListCell *lc;
    foreach (lc, targets) {
        ResTarget *rt = lfirst(lc);
        if (IsA(rt, ResTarget) && rt->val && same_expr(rt->val, e, 0, sole))
            return rt;
    }
    return NULL;
}

/* The 1-based position of output `out` in `targets`. */
static size_t output_position(List *targets, const ResTarget *out)
{
    size_t at = 1;
    ListCell *lc;
    foreach (lc, targets) {
        if (lfirst(lc) == out)
            break;
        at++;
    }
    return at;
}

/* `x COLLATE c` of a collation whose equality is the bytes' ("C", "POSIX",
 * "ucs_basic", "default": deterministic, so distinct values never tie):
 * x; any other node as it is. */
static Node *deterministic_collate(Node *e)
{
    static const char *const names[] = {"C", "POSIX", "ucs_basic", "default"};
    if (!e || !IsA(e, CollateClause))
        return e;
    const CollateClause *c = (const CollateClause *)e;
    if (!c->collname || sg__names_outside_pg_catalog(c->collname) ||
        !IsA(llast(c->collname), String))
        return e;
    const char *name = strVal(llast(c->collname));
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return c->arg;
    return e;
}

/* Items of ORDER BY, DISTINCT ON or GROUP BY that are plain columns,
 * directly or through the output column they name (`by_output`: a bare name
 * may name an output, as in ORDER BY; else only a position does, as in
 * GROUP BY), into `keys`; outputs that are expressions, and expressions the
 * ORDER BY writes out again, into `outputs`; false when some item is none. */
/* The name of the statement's own level's only FROM item, when it has one
 * and a name: there an unqualified column can be only that item's. */
static const char *sole_item(const walk *w)
{
    const char *name = NULL;
    size_t count = 0;
    for (size_t i = 0; i < w->from_items.count; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level == w->top_level && !fi->excluded) {
            name = fi->name;
            count++;
        }
    }
    return count == 1 ? name : NULL;
}

static bool record_keys(walk *w, SelectStmt *s, List *items, bool by_output, sg__vec *keys,
                        sg__vec *outputs)
{
    const char *sole = sole_item(w);
    bool plain = true;
    bool ordering = items == s->sortClause;
    long index = -1;
    ListCell *lc;
    foreach (lc, items) {
        Node *e = lfirst(lc);
        index++;
        if (e && IsA(e, SortBy))
            e = ((SortBy *)e)->node;
        /* the order of a column under a byte-wise collation is still one
         * that ties no distinct values */
        if (ordering)
            e = deterministic_collate(e);
        bool position = e && IsA(e, A_Const) && ((A_Const *)e)->val.node.type == T_Integer;
        ResTarget *out = e && s->op == SETOP_NONE ? order_output(s->targetList, e) : NULL;
        /* GROUP BY reads a bare name as an input column first: as an output's
         * only when that output is an expression (else the output's column is
         * the key's alternative, for when no input column has the name) */
        ColumnRef *alt = NULL;
        if (out && !by_output && !position && sg__walk_plain_column(out->val)) {
            alt = sg__walk_plain_column(out->val);
            out = NULL;
        }
        /* an expression written out again is the output that holds it */
        if (!out && e && !sg__walk_plain_column(e) && s->op == SETOP_NONE)
            out = output_holding(s->targetList, e, sole);
        /* a set operation's ORDER BY position names the output of its first
         * branch's item: by that output's name, as a name would */
        const char *set_output = position && s->op != SETOP_NONE ? set_output_name(s, e) : NULL;
        if (set_output) {
            if (!push_name_key(w, keys, set_output, ((A_Const *)e)->location))
                return false;
            continue;
        }
        ColumnRef *c = sg__walk_plain_column(out ? out->val : e);
        /* an expression the ORDER BY writes out again: that item's id */
        long j = c || out || !e || !outputs ? -1
                 : ordering                 ? index
                                            : same_order_item(s->sortClause, e, sole);
        if (c) {
            if (!push_key(w, keys, c))
                return false;
            if (alt && alt != c)
                set_alt(w, keys, alt);
        } else if (out && outputs && !by_output && !position && e && IsA(e, ColumnRef)) {
            /* GROUP BY's bare name of an expression output: an input column
             * of the name first, that output when none has it */
            if (!push_key(w, keys, (ColumnRef *)e))
                return false;
            SG__VEC_AT(*keys, sg__order_key, keys->count - 1).alt_output =
                output_position(s->targetList, out);
        } else if (out && outputs) {
            if (!push_output(w, outputs, output_position(s->targetList, out)))
                return false;
        } else if (j >= 0) {
            if (!push_output(w, outputs, expression_id(j)))
                return false;
        } else {
            plain = false;
        }
    }
    return plain;
}

/* What without_columns() looks for in an ORDER BY item. */
typedef struct column_search {
    walk *w;
    bool found;     /* a column, aggregate or window syntax, or grouping */
    sg__vec *calls; /* the names of the calls met, for the rules */
} column_search;

static bool find_column(Node *n, void *context)
{
    column_search *c = context;
    if (!n || c->found)
        return c->found;
    if (IsA(n, ColumnRef) || IsA(n, GroupingFunc) || IsA(n, SetToDefault)) {
        c->found = true;
        return true;
    }
    if (IsA(n, FuncCall)) {
        const FuncCall *f = (const FuncCall *)n;
        const Node *last = f->funcname ? llast(f->funcname) : NULL;
        if (f->agg_star || f->agg_order || f->agg_filter || f->agg_distinct || f->over || !last ||
            !IsA(last, String)) {
            c->found = true;
            return true;
        }
        const char **slot = sg__vec_push(c->w->arena, c->calls, sizeof *slot);
        if (!slot || !(*slot = copy(c->w, strVal(last)))) {
            c->found = true;
            fail(c->w);
            return true;
        }
    }
    return raw_expression_tree_walker(n, find_column, context);
}

/* Whether ORDER BY item `n` of `s` holds no column (find_column): itself,
 * or, when it names an output column by position or by name (the output's
 * name wins over an input column's, as in PostgreSQL), that output's
 * expression (`SELECT 1 AS k ... ORDER BY k`). A position the text cannot
 * count (after a `*`) or of a set operation is taken to hold one. */
static bool without_columns(walk *w, SelectStmt *s, Node *n)
{
    if (!n)
        return false;
    ResTarget *out = s->op == SETOP_NONE ? order_output(s->targetList, n) : NULL;
    if (out)
        n = out->val;
    else if (IsA(n, A_Const) && nodeTag(&((const A_Const *)n)->val) == T_Integer)
        return false;
    column_search c = {w, false, &w->facts->top.order_calls};
    find_column(n, &c);
    return !c.found;
}

/* Whether every output of plain select `s` holds no column (find_column),
 * the calls they make into top.output_calls. */
static bool outputs_without_columns(walk *w, const SelectStmt *s)
{
    /* raw_expression_tree_walker knows the raw parse tree's nodes only, and
     * recurses without a bound: a node the walker found unsupported, or an
     * expression deeper than its bound, is not searched (the statement is
     * denied for it) */
    if (s->op != SETOP_NONE || !s->targetList || s->valuesLists || w->facts->unsupported.count ||
        w->facts->depth_exceeded)
        return false;
    column_search c = {w, false, &w->facts->top.output_calls};
    ListCell *lc;
    foreach (lc, s->targetList) {
        const ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->val)
            return false;
        find_column(rt->val, &c);
    }
    return !c.found;
}

static size_t row_number_output(const SelectStmt *s, List **partition);

/* The top-level ORDER BY's plain columns, and what makes each output row
 * distinct: GROUP BY, DISTINCT (ON), a set operation without ALL, or a row
 * number. */
void sg__walk_record_order_by(walk *w, SelectStmt *s)
{
    sg__top_select *t = &w->facts->top;
    size_t before = t->order_keys.count;
    record_keys(w, s, s->sortClause, true, &t->order_keys, &t->order_outputs);
    t->order_by_exprs = (size_t)list_length(s->sortClause) - (t->order_keys.count - before);
    ListCell *item;
    t->order_without_columns =
        s->sortClause != NIL && !w->facts->unsupported.count && !w->facts->depth_exceeded;
    foreach (item, s->sortClause) {
        const SortBy *sb = lfirst(item);
        t->order_without_columns =
            t->order_without_columns && IsA(sb, SortBy) && without_columns(w, s, sb->node);
        const FuncCall *f = IsA(sb, SortBy) && sb->node && IsA(sb->node, FuncCall)
                                ? (const FuncCall *)sb->node
                                : NULL;
        t->order_random |= f && f->args == NIL && !f->over && IsA(llast(f->funcname), String) &&
                           strcmp(strVal(llast(f->funcname)), "random") == 0 &&
                           !sg__names_outside_pg_catalog(f->funcname);
    }
    t->outputs_without_columns = outputs_without_columns(w, s);
    if (s->op != SETOP_NONE) {
        t->set_ordered_whole = set_ordered_whole(s);
        return;
    }
    List *partition;
    t->rownum_output = row_number_output(s, &partition);
    ListCell *lc;
    foreach (lc, partition) {
        if (!push_key(w, &t->rownum_keys, sg__walk_plain_column(lfirst(lc))))
            return;
    }
    bool sets = false;
    foreach (lc, s->groupClause)
        sets |= lfirst(lc) && IsA(lfirst(lc), GroupingSet);
    t->group_plain = s->groupClause != NIL && !sets &&
                     record_keys(w, s, s->groupClause, false, &t->group_keys, &t->group_outputs);
    if (s->distinctClause == NIL)
        return;
    if (linitial(s->distinctClause) != NULL) { /* DISTINCT ON (...) */
        t->distinct_plain =
            record_keys(w, s, s->distinctClause, true, &t->distinct_keys, &t->distinct_outputs);
        return;
    }
    /* DISTINCT (a list of one NULL): the output columns together */
    bool plain = true;
    size_t position = 0;
    foreach (lc, s->targetList) {
        ResTarget *rt = lfirst(lc);
        position++;
        ColumnRef *c = IsA(rt, ResTarget) ? sg__walk_plain_column(rt->val) : NULL;
        if (c) {
            if (!push_key(w, &t->distinct_keys, c))
                return;
        } else if (IsA(rt, ResTarget) && !(rt->val && sg__walk_expands(rt->val))) {
            if (!push_output(w, &t->distinct_outputs, position))
                return; /* an expression: the output itself */
        } else {
            plain = false; /* `*`: the outputs are not known here */
        }
    }
    t->distinct_plain = plain;
}

/* The name of output `rt`: its alias, or a plain column's own name; NULL
 * for an expression PostgreSQL names itself. */
static const char *output_name(const ResTarget *rt)
{
    if (rt->name)
        return rt->name;
    ColumnRef *c = sg__walk_plain_column(rt->val);
    return c ? strVal(llast(c->fields)) : NULL;
}

/* The output a GROUP BY or DISTINCT ON item of `s` is: by position, by an
 * output's name, or as the same column or expression written out; NULL
 * when none. */
static const ResTarget *item_output(SelectStmt *s, Node *e)
{
    if (e && IsA(e, SortBy))
        e = ((SortBy *)e)->node;
    if (!e)
        return NULL;
    ResTarget *out = order_output(s->targetList, e);
    if (out)
        return out;
    ColumnRef *c = sg__walk_plain_column(e);
    ListCell *lc;
    foreach (lc, s->targetList) {
        ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->val)
            continue;
        ColumnRef *oc = sg__walk_plain_column(rt->val);
        if (c ? oc && strcmp(strVal(llast(oc->fields)), strVal(llast(c->fields))) == 0 &&
                    (list_length(oc->fields) == 1 || list_length(c->fields) == 1 ||
                     same_expr((const Node *)oc->fields, (const Node *)c->fields, 0, NULL))
              : same_expr(rt->val, e, 0, NULL))
            return rt;
    }
    return NULL;
}

/* The window a call's OVER names or copies (`OVER w`, `OVER (w ORDER BY
 * x)`: a PARTITION BY comes from the window it names), through at most a
 * few names; NULL when `s` defines none of the name. */
static const WindowDef *window_of(const SelectStmt *s, const WindowDef *over)
{
    for (unsigned hops = 0; over && hops < 8; hops++) {
        const char *ref = over->name ? over->name : over->refname;
        if (!ref)
            return over;
        const WindowDef *found = NULL;
        ListCell *lc;
        foreach (lc, s->windowClause) {
            const WindowDef *d = lfirst(lc);
            if (IsA(d, WindowDef) && d->name && strcmp(d->name, ref) == 0)
                found = d;
        }
        if (!found)
            return NULL;
        if (!found->refname)
            return found;
        over = &(WindowDef){.refname = found->refname};
    }
    return NULL;
}

/* The output of plain select `s` that is row_number() over no PARTITION BY,
 * or over one of plain columns (*partition): its 1-based position, 0 when
 * there is none. */
static size_t row_number_output(const SelectStmt *s, List **partition)
{
    *partition = NIL;
    if (s->op != SETOP_NONE || s->valuesLists)
        return 0;
    size_t position = 0;
    ListCell *lc;
    foreach (lc, s->targetList) {
        const ResTarget *rt = lfirst(lc);
        position++;
        const FuncCall *f = IsA(rt, ResTarget) && rt->val && IsA(rt->val, FuncCall)
                                ? (const FuncCall *)rt->val
                                : NULL;
        if (!f || !f->over || f->args || f->agg_star || f->agg_filter ||
            !IsA(llast(f->funcname), String) ||
            strcmp(strVal(llast(f->funcname)), "row_number") != 0 ||
            sg__names_outside_pg_catalog(f->funcname))
            continue;
        const WindowDef *def = window_of(s, f->over);
        bool plain = def != NULL;
        ListCell *pc;
        if (def)
            foreach (pc, def->partitionClause)
                plain = plain && sg__walk_plain_column(lfirst(pc)) != NULL;
        if (!plain)
            continue;
        *partition = def->partitionClause;
        return position;
    }
    return 0;
}

/* The keys of a level without GROUP BY or DISTINCT that a row_number()
 * output makes: its partition's columns, each an output, and it. */
static void record_rownum_level_keys(walk *w, SelectStmt *s, level_info *info)
{
    List *partition;
    size_t position = row_number_output(s, &partition);
    if (!position)
        return;
    const char **keys = new_keys(w, (size_t)list_length(partition) + 1);
    if (!keys)
        return;
    size_t count = 0;
    ListCell *lc;
    foreach (lc, partition) {
        const ResTarget *out = item_output(s, lfirst(lc));
        const char *name = out ? output_name(out) : NULL;
        if (!name || !(keys[count++] = copy(w, name)))
            return;
    }
    const ResTarget *rn = list_nth(s->targetList, (int)position - 1);
    if (!(keys[count++] = copy(w, rn->name ? rn->name : "row_number")))
        return;
    keys[count] = NULL;
    info->keys = keys;
    info->key_count = count;
    info->keys_rownum = true;
}

void sg__walk_rename_level_keys(walk *w, int level, const Node *query, const List *aliases)
{
    if (!aliases || !query || !IsA(query, SelectStmt) || level < 0 ||
        (size_t)level >= w->levels.count)
        return;
    /* a set operation's outputs are named by its first branch */
    const SelectStmt *s = first_branch((const SelectStmt *)query);
    level_info *info = &SG__VEC_AT(w->levels, level_info, (size_t)level);
    if (!info->key_count || !s)
        return;
    const char **keys = new_keys(w, info->key_count);
    if (!keys)
        return;
    for (size_t k = 0; k < info->key_count; k++) {
        /* the key's output, by its name: the first output of the name, as
         * the outer ORDER BY would find it before the renaming */
        int position = 0, found = -1;
        ListCell *lc;
        foreach (lc, s->targetList) {
            const ResTarget *rt = lfirst(lc);
            const char *name = IsA(rt, ResTarget) ? output_name(rt) : NULL;
            if (found < 0 && name && strcmp(name, info->keys[k]) == 0)
                found = position;
            if (!IsA(rt, ResTarget) || !rt->val || sg__walk_expands(rt->val))
                found = found < 0 ? -2 : found; /* a `*` before it: positions unknown */
            if (found == -2)
                break;
            position++;
        }
        if (found < 0) {
            info->key_count = 0; /* a key the renamed rows do not show as it was */
            return;
        }
        keys[k] = found < list_length(aliases) ? strVal(list_nth(aliases, found)) : info->keys[k];
    }
    keys[info->key_count] = NULL;
    info->keys = keys;
}

/* The keys of a set operation without ALL at its top (UNION, INTERSECT,
 * EXCEPT remove duplicates): every output, named as its first branch names
 * it; none when one is an expression PostgreSQL names itself, or a `*`. */
static void record_set_level_keys(walk *w, const SelectStmt *s, level_info *info)
{
    const SelectStmt *first = first_branch(s);
    if (!first || first->valuesLists)
        return;
    const char **keys = new_keys(w, (size_t)list_length(first->targetList));
    if (!keys)
        return;
    size_t count = 0;
    ListCell *lc;
    foreach (lc, first->targetList) {
        const ResTarget *rt = lfirst(lc);
        const char *name =
            IsA(rt, ResTarget) && rt->val && !sg__walk_expands(rt->val) ? output_name(rt) : NULL;
        if (!name || !(keys[count++] = copy(w, name)))
            return;
    }
    keys[count] = NULL;
    info->keys = keys;
    info->key_count = count;
}

void sg__walk_record_level_keys(walk *w, SelectStmt *s, int level)
{
    if (level < 0 || (size_t)level >= w->levels.count)
        return;
    if (s->op != SETOP_NONE) {
        if (!s->all)
            record_set_level_keys(w, s, &SG__VEC_AT(w->levels, level_info, (size_t)level));
        return;
    }
    List *items = NIL;
    bool every_output = false;
    if (s->groupClause != NIL) {
        items = s->groupClause;
    } else if (s->distinctClause != NIL) {
        every_output = linitial(s->distinctClause) == NULL; /* plain DISTINCT */
        items = every_output ? s->targetList : s->distinctClause;
    } else {
        record_rownum_level_keys(w, s, &SG__VEC_AT(w->levels, level_info, (size_t)level));
        return;
    }
    const char **keys = new_keys(w, (size_t)list_length(items));
    if (!keys)
        return;
    size_t count = 0;
    unsigned long long input_first = 0;
    ListCell *lc;
    foreach (lc, items) {
        Node *item = lfirst(lc);
        if (item && IsA(item, GroupingSet))
            return; /* a row per grouping set */
        const ResTarget *out =
            every_output ? (IsA(item, ResTarget) ? (ResTarget *)item : NULL) : item_output(s, item);
        /* GROUP BY's bare name reads an input column first: an expression
         * output of the name (`left(region, 0) AS region`) is the key only
         * where no input column has it, which the catalog tells the rules */
        ColumnRef *bare = s->groupClause != NIL ? sg__walk_plain_column(item) : NULL;
        if (bare && list_length(bare->fields) == 1 && out && !sg__walk_plain_column(out->val) &&
            s->fromClause != NIL) {
            if (count >= 64)
                return;
            input_first |= 1ULL << count;
        }
        const char *name = out && !sg__walk_expands(out->val) ? output_name(out) : NULL;
        if (!name)
            return; /* a key column the rows do not show */
        if (!(keys[count++] = copy(w, name)))
            return;
    }
    keys[count] = NULL;
    level_info *info = &SG__VEC_AT(w->levels, level_info, (size_t)level);
    info->keys = keys;
    info->key_count = count;
    info->keys_input_first = input_first;
}
