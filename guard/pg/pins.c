/*
 * pins.c - the equalities with which a WHERE (or a join's ON) pins columns:
 * `col = value` pins of the top-level select and of a sub-select whose FROM
 * is one relation, `a.x = b.y` links between FROM items, pins to an outer
 * column, and whether a WHERE surely lets no row through. The rules judge
 * what they prove (paginate.*). walker.c calls these; nothing here walks a
 * tree.
 */
#include <string.h>

#include "pg/walk.h"

#include "nodes/nodeFuncs.h"

/* The type of a cast in a pin's value, as sg__walk_cast_type() says it, except that a
 * type of another schema than pg_catalog is "schema.name" (the rules compare
 * it with the pinned column's own type: `$1::public.citext`). */
static const char *pin_cast_type(walk *w, const TypeName *t)
{
    int parts = t ? list_length(t->names) : 0;
    if (parts != 2 || t->arrayBounds != NIL || t->setof || t->pct_type ||
        !IsA(linitial(t->names), String) || !IsA(llast(t->names), String) ||
        strcmp(strVal(linitial(t->names)), "pg_catalog") == 0)
        return sg__walk_cast_type(w, t, true);
    const char *name =
        sg__arena_printf(w->arena, "%s.%s", strVal(linitial(t->names)), strVal(llast(t->names)));
    if (!name)
        fail(w);
    return name ? name : "";
}

enum { PIN_VALUE_DEPTH = 16, PIN_VALUE_CALLS = 8 };

/* What a pin's value is made of beyond parameters, constants and operators,
 * gathered by pin_value(): the functions it calls (the SQL value keywords
 * by their names: "current_date", ...) and the types it casts to. */
typedef struct value_calls {
    const char *names[PIN_VALUE_CALLS];
    size_t count;
    const char *casts[PIN_VALUE_CALLS];
    size_t cast_count;
    bool subselect; /* it holds a scalar sub-select (scalar_uncorrelated()) */
} value_calls;

/* What scalar_uncorrelated() looks for in a sub-select. */
typedef struct own_names {
    const SelectStmt *select;
    const char *names[8];
    size_t count;
    unsigned depth;
} own_names;

/* Whether every column `n` names is qualified by a name of the sub-select's
 * own FROM clause, and it holds no sub-select of its own (whose names would
 * be out of sight). */
static bool foreign_reference(Node *n, void *context)
{
    own_names *own = context;
    if (!n)
        return false;
    if (own->depth >= 64 || IsA(n, SubLink) || (IsA(n, SelectStmt) && n != (Node *)own->select))
        return true;
    if (IsA(n, ColumnRef)) {
        const ColumnRef *c = (const ColumnRef *)n;
        int parts = list_length(c->fields);
        const Node *q = parts >= 2 ? list_nth(c->fields, parts - 2) : NULL;
        if (!q || !IsA(q, String))
            return true;
        for (size_t i = 0; i < own->count; i++)
            if (strcmp(own->names[i], strVal(q)) == 0)
                return false;
        return true;
    }
    own->depth++;
    bool found = raw_expression_tree_walker(n, foreign_reference, context);
    own->depth--;
    return found;
}

/* Whether `s` is a scalar sub-select that reads nothing of the statement
 * around it: one output, FROM tables only (no WITH), every column qualified
 * by one of them, no sub-select inside. It returns one value (or fails, with
 * more than one row) for the whole statement, as a parameter does. */
static bool scalar_uncorrelated(const SubLink *s)
{
    const SelectStmt *sub =
        s->subLinkType == EXPR_SUBLINK && s->subselect && IsA(s->subselect, SelectStmt)
            ? (const SelectStmt *)s->subselect
            : NULL;
    if (!sub || sub->op != SETOP_NONE || sub->valuesLists || sub->withClause ||
        list_length(sub->targetList) != 1 || !sub->fromClause || sub->intoClause)
        return false;
    own_names own = {sub, {0}, 0, 0};
    ListCell *lc;
    foreach (lc, sub->fromClause) {
        const RangeVar *rv = lfirst(lc);
        if (!IsA(rv, RangeVar) || own.count == sizeof own.names / sizeof own.names[0])
            return false;
        own.names[own.count++] = rv->alias ? rv->alias->aliasname : rv->relname;
    }
    return !raw_expression_tree_walker((Node *)sub, foreign_reference, &own);
}

/* The name of a SQL value keyword's function. */
static const char *value_keyword(const SQLValueFunction *f)
{
    switch (f->op) {
    case SVFOP_CURRENT_DATE:
        return "current_date";
    case SVFOP_CURRENT_TIME:
    case SVFOP_CURRENT_TIME_N:
        return "current_time";
    case SVFOP_CURRENT_TIMESTAMP:
    case SVFOP_CURRENT_TIMESTAMP_N:
        return "current_timestamp";
    case SVFOP_LOCALTIME:
    case SVFOP_LOCALTIME_N:
        return "localtime";
    case SVFOP_LOCALTIMESTAMP:
    case SVFOP_LOCALTIMESTAMP_N:
        return "localtimestamp";
    default:
        return "current_user"; /* the session's names: never one the rule admits */
    }
}

/* Whether `n` is one value for the whole statement as far as the text goes
 * (sg__column_pin says which): a parameter, a constant other than NULL, and
 * operators, casts, SQL value keywords and calls of pg_catalog's functions
 * over them; the calls' names and the casts' types go to `calls` (the rule
 * judges whether each keeps the comparison exact and the value the same in
 * every row). */
static bool one_value(walk *w, const Node *n, unsigned depth, value_calls *calls)
{
    if (!n || depth > PIN_VALUE_DEPTH)
        return false;
    switch (nodeTag(n)) {
    case T_ParamRef:
        return true;
    case T_SQLValueFunction:
        if (calls->count == PIN_VALUE_CALLS)
            return false;
        calls->names[calls->count++] = value_keyword((const SQLValueFunction *)n);
        return true;
    case T_A_Const:
        return !((const A_Const *)n)->isnull;
    case T_SubLink:
        if (depth > 0 || !scalar_uncorrelated((const SubLink *)n))
            return false;
        calls->subselect = true;
        return true;
    case T_TypeCast: {
        const TypeCast *tc = (const TypeCast *)n;
        if (calls->cast_count == PIN_VALUE_CALLS)
            return false;
        calls->casts[calls->cast_count++] = pin_cast_type(w, tc->typeName);
        return one_value(w, tc->arg, depth + 1, calls);
    }
    case T_A_Expr: {
        const A_Expr *e = (const A_Expr *)n;
        if (e->kind != AEXPR_OP || sg__names_outside_pg_catalog(e->name))
            return false;
        /* the operators whose value is a float for integer and unknown
         * operands (power, square and cube root): counted as a call of a
         * function no key's equality keeps */
        const char *op = strVal(llast(e->name));
        if (strcmp(op, "^") == 0 || strcmp(op, "|/") == 0 || strcmp(op, "||/") == 0) {
            if (calls->count == PIN_VALUE_CALLS)
                return false;
            calls->names[calls->count++] = "float8";
        }
        return (!e->lexpr || one_value(w, e->lexpr, depth + 1, calls)) &&
               one_value(w, e->rexpr, depth + 1, calls);
    }
    case T_FuncCall: {
        const FuncCall *f = (const FuncCall *)n;
        if (f->agg_star || f->agg_distinct || f->agg_order || f->agg_filter || f->over ||
            f->func_variadic || sg__names_outside_pg_catalog(f->funcname) ||
            !IsA(llast(f->funcname), String) || calls->count == PIN_VALUE_CALLS)
            return false;
        calls->names[calls->count++] = strVal(llast(f->funcname));
        const ListCell *lc;
        foreach (lc, f->args) {
            if (!one_value(w, lfirst(lc), depth + 1, calls))
                return false;
        }
        return true;
    }
    default:
        return false;
    }
}

/* A value for the other side of a pin (one_value). */
static bool pin_value(walk *w, const Node *n, value_calls *calls)
{
    calls->count = calls->cast_count = 0;
    calls->subselect = false;
    return one_value(w, n, 0, calls);
}

/* The walk's own copy of `count` names; NULL when memory ran out. */
static const char **copy_names(walk *w, const char *const *names, size_t count)
{
    const char **out = sg__arena_alloc(w->arena, (count ? count : 1) * sizeof *out);
    if (!out) {
        fail(w);
        return NULL;
    }
    for (size_t i = 0; i < count; i++)
        if (!(out[i] = copy(w, names[i])))
            return NULL;
    return out;
}

/* Whether a conjunct may pin column `c` under `scope`: always, but in an
 * outer join's ON only a column qualified with an item of its nullable
 * side. */
static bool may_pin(const walk *w, const ColumnRef *c, const pin_scope *scope)
{
    if (!scope || !scope->outer)
        return true;
    int parts = list_length(c->fields);
    if (parts < 2)
        return false;
    const char *q = strVal(list_nth(c->fields, parts - 2));
    for (size_t i = scope->first; i < scope->end && i < w->from_items.count; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level == w->top_level && fi->name && strcmp(fi->name, q) == 0)
            return true;
    }
    return false;
}

/* `a.x = b.y` of two plain columns: a link (sg__column_link). */
/* In a sub-select's WHERE, `own = o.c` of a column of its one FROM item (by
 * its name, or unqualified) and a column qualified with another item's name
 * (the level's item cannot be named so: an outer one): a pin to that outer
 * column. */
static void record_outer_pin(walk *w, ColumnRef *a, ColumnRef *b)
{
    ColumnRef *c[2] = {a, b};
    for (int side = 0; side < 2; side++) {
        ColumnRef *own = c[side], *other = c[1 - side];
        int own_parts = list_length(own->fields), other_parts = list_length(other->fields);
        const char *own_q = own_parts >= 2 ? strVal(list_nth(own->fields, own_parts - 2)) : NULL;
        const char *other_q =
            other_parts >= 2 ? strVal(list_nth(other->fields, other_parts - 2)) : NULL;
        if ((own_q && strcmp(own_q, w->pin_item) != 0) || !other_q || other_parts != 2 ||
            strcmp(other_q, w->pin_item) == 0)
            continue;
        sg__column_pin *p = sg__vec_push(w->arena, &w->facts->level_pins, sizeof *p);
        if (!p) {
            fail(w);
            return;
        }
        *p = (sg__column_pin){0};
        p->qualifier = sg__walk_qualifier(w, own);
        p->column = copy(w, strVal(llast(own->fields)));
        p->location = own->location;
        p->level = w->pin_level;
        p->outer_qualifier = copy(w, other_q);
        p->outer_column = copy(w, strVal(llast(other->fields)));
        return;
    }
}

static void record_link(walk *w, ColumnRef *a, ColumnRef *b, const pin_scope *scope)
{
    if (w->pin_level >= 0) {
        record_outer_pin(w, a, b);
        return;
    }
    bool pin_a = may_pin(w, a, scope), pin_b = may_pin(w, b, scope);
    if (!pin_a && !pin_b)
        return;
    sg__column_link *l = sg__vec_push(w->arena, &w->facts->top.links, sizeof *l);
    if (!l) {
        fail(w);
        return;
    }
    ColumnRef *c[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        l->qualifier[i] = sg__walk_qualifier(w, c[i]);
        l->column[i] = copy(w, strVal(llast(c[i]->fields)));
        l->location[i] = c[i]->location;
    }
    l->may_pin[0] = pin_a;
    l->may_pin[1] = pin_b;
    l->outer = (scope && scope->outer) || w->nullable_side > 0;
}

/* The one named FROM item of the top level among w->from_items [first,
 * end), or NULL. */
static const from_item *only_item(const walk *w, size_t first, size_t end)
{
    const from_item *found = NULL;
    for (size_t i = first; i < end && i < w->from_items.count; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != w->top_level)
            continue;
        /* a relation's alias list renames its columns: c is not the table's c */
        if (found || !fi->name || fi->join_alias || (fi->relref >= 0 && fi->row.count))
            return NULL;
        found = fi;
    }
    return found;
}

void sg__walk_record_using_links(walk *w, List *names, size_t first, size_t mid, size_t end,
                                 bool left_nullable, bool right_nullable)
{
    const from_item *l = only_item(w, first, mid), *r = only_item(w, mid, end);
    if (!l || !r || (left_nullable && right_nullable))
        return; /* a FULL join pins neither side through the other */
    bool outer = left_nullable || right_nullable;
    ListCell *lc;
    foreach (lc, names) {
        if (!IsA(lfirst(lc), String))
            continue;
        sg__column_link *link = sg__vec_push(w->arena, &w->facts->top.links, sizeof *link);
        if (!link) {
            fail(w);
            return;
        }
        const char *column = copy(w, strVal(lfirst(lc)));
        link->qualifier[0] = l->name;
        link->qualifier[1] = r->name;
        link->column[0] = link->column[1] = column;
        link->location[0] = link->location[1] = w->located;
        link->may_pin[0] = !outer || left_nullable;
        link->may_pin[1] = !outer || right_nullable;
        link->outer = outer || w->nullable_side > 0;
    }
}

/* Where pins go: the top-level SELECT's, or those of the sub-select whose
 * WHERE is being read. */
static sg__vec *pins_of(walk *w)
{
    return w->pin_level < 0 ? &w->facts->top.pins : &w->facts->level_pins;
}

/* `n` without a COLLATE of one of pg_catalog's deterministic collations
 * around it: under "C", "POSIX", ucs_basic or the database's default (never
 * nondeterministic in PostgreSQL 15) equal means the same bytes, which is
 * never looser than the unique index's own equality (`email COLLATE "C" =
 * $1`). Another collation is left in place, and the pair is then no pin. */
static Node *without_byte_collation(Node *n)
{
    static const char *const bytewise[] = {"C", "POSIX", "ucs_basic", "default"};
    while (n && IsA(n, CollateClause)) {
        List *name = ((CollateClause *)n)->collname;
        if (!list_length(name) || sg__names_outside_pg_catalog(name) || !IsA(llast(name), String))
            return n;
        size_t k = 0;
        while (k < sizeof bytewise / sizeof bytewise[0] && strcmp(strVal(llast(name)), bytewise[k]))
            k++;
        if (k == sizeof bytewise / sizeof bytewise[0])
            return n;
        n = ((CollateClause *)n)->arg;
    }
    return n;
}

/* `column = value` or `value = column`: a pin; `column = column`: a link. */
static void record_pair(walk *w, Node *lexpr, Node *rexpr, const pin_scope *scope)
{
    lexpr = without_byte_collation(lexpr);
    rexpr = without_byte_collation(rexpr);
    value_calls calls;
    Node *value = pin_value(w, rexpr, &calls) ? rexpr : pin_value(w, lexpr, &calls) ? lexpr : NULL;
    if (!value) {
        ColumnRef *a = sg__walk_plain_column(lexpr), *b = sg__walk_plain_column(rexpr);
        if (a && b)
            record_link(w, a, b, scope);
        return;
    }
    Node *side = value == rexpr ? lexpr : rexpr;
    /* `col::text = $1`: the column cast once (the rules judge whether the
     * cast keeps distinct values distinct) */
    const TypeCast *column_cast = side && IsA(side, TypeCast) ? (const TypeCast *)side : NULL;
    ColumnRef *c = sg__walk_plain_column(column_cast ? column_cast->arg : side);
    if (!c || (column_cast && !IsA(column_cast->arg, ColumnRef)) || !may_pin(w, c, scope))
        return;
    sg__column_pin *p = sg__vec_push(w->arena, pins_of(w), sizeof *p);
    if (!p) {
        fail(w);
        return;
    }
    /* `s.t.col` is t's column: PostgreSQL finds the FROM item by t */
    p->qualifier = sg__walk_qualifier(w, c);
    p->column = copy(w, strVal(llast(c->fields)));
    p->location = c->location;
    p->outer = w->pin_level < 0 && ((scope && scope->outer) || w->nullable_side > 0);
    p->level = w->pin_level < 0 ? w->top_level : w->pin_level;
    if (calls.count && (p->calls = copy_names(w, calls.names, calls.count)))
        p->call_count = calls.count;
    if (calls.cast_count && (p->casts = copy_names(w, calls.casts, calls.cast_count)))
        p->cast_count = calls.cast_count;
    if (IsA(value, TypeCast))
        p->cast = pin_cast_type(w, ((TypeCast *)value)->typeName);
    if (column_cast)
        p->column_cast = sg__walk_cast_type(w, column_cast->typeName, false);
    p->subselect = calls.subselect;
}

/* A conjunct with the plain `=` operator: `a = b`; a row comparison
 * `(a, b) = (x, y)`, pair by pair; `a IN (x)` of one value. */
static void record_pin(walk *w, A_Expr *e, const pin_scope *scope)
{
    /* `=`, or OPERATOR(pg_catalog.=) */
    if (!sg__walk_operator_is(e->name, (const char *const[]){"="}, 1))
        return;
    if (e->kind == AEXPR_IN && e->rexpr && IsA(e->rexpr, List) &&
        list_length((List *)e->rexpr) == 1) {
        Node *one = linitial((List *)e->rexpr);
        /* `(a, b) IN ((x, y))` of one row (Django's composite keys) is
         * `(a, b) = (x, y)`, pair by pair */
        if (e->lexpr && one && IsA(e->lexpr, RowExpr) && IsA(one, RowExpr)) {
            List *l = ((RowExpr *)e->lexpr)->args, *r = ((RowExpr *)one)->args;
            for (int i = 0; list_length(l) == list_length(r) && i < list_length(l); i++)
                record_pair(w, list_nth(l, i), list_nth(r, i), scope);
            return;
        }
        record_pair(w, e->lexpr, one, scope);
        return;
    }
    /* `col = ANY(ARRAY[x]::t[])` of one parameter or constant is `col = x::t`
     * (without the cast, ARRAY[$1] is text[], which a column of another
     * type does not compare with) */
    if (e->kind == AEXPR_OP_ANY && e->rexpr && IsA(e->rexpr, TypeCast)) {
        TypeCast *tc = (TypeCast *)e->rexpr;
        A_ArrayExpr *a = tc->arg && IsA(tc->arg, A_ArrayExpr) ? (A_ArrayExpr *)tc->arg : NULL;
        Node *x = a && list_length(a->elements) == 1 ? linitial(a->elements) : NULL;
        if (!x || !(IsA(x, ParamRef) || IsA(x, A_Const)) || !tc->typeName ||
            list_length(tc->typeName->arrayBounds) != 1)
            return;
        sg__vec *pins = pins_of(w);
        size_t before = pins->count;
        record_pair(w, e->lexpr, x, scope);
        if (pins->count == before + 1) {
            TypeName element = *tc->typeName;
            element.arrayBounds = NIL;
            SG__VEC_AT(*pins, sg__column_pin, before).cast = pin_cast_type(w, &element);
        }
        return;
    }
    if (e->kind != AEXPR_OP)
        return;
    if (e->lexpr && e->rexpr && IsA(e->lexpr, RowExpr) && IsA(e->rexpr, RowExpr)) {
        List *l = ((RowExpr *)e->lexpr)->args, *r = ((RowExpr *)e->rexpr)->args;
        if (list_length(l) != list_length(r))
            return;
        for (int i = 0; i < list_length(l); i++)
            record_pair(w, list_nth(l, i), list_nth(r, i), scope);
        return;
    }
    record_pair(w, e->lexpr, e->rexpr, scope);
}

/* The pins and links among the conjuncts of the top-level WHERE or of the
 * ON of a top-level join: only AND is looked through (never OR, NOT or a
 * sub-select), to the walk's depth bound. */
void sg__walk_record_pins(walk *w, Node *n, unsigned depth, const pin_scope *scope)
{
    if (!n || w->failed || depth >= w->max_depth)
        return;
    if (IsA(n, BoolExpr) && ((BoolExpr *)n)->boolop == AND_EXPR) {
        ListCell *lc;
        foreach (lc, ((BoolExpr *)n)->args)
            sg__walk_record_pins(w, lfirst(lc), depth + 1, scope);
    } else if (IsA(n, A_Expr)) {
        record_pin(w, (A_Expr *)n, scope);
    }
}

void sg__walk_record_level_pins(walk *w, Node *where, int level, const char *item)
{
    int saved = w->pin_level;
    const char *saved_item = w->pin_item;
    w->pin_level = level;
    w->pin_item = item;
    sg__walk_record_pins(w, where, 0, NULL);
    w->pin_level = saved;
    w->pin_item = saved_item;
}

/* The integer a constant is, when it is one. */
static bool integer_constant(const Node *n, long *value)
{
    if (!n || !IsA(n, A_Const) || ((const A_Const *)n)->isnull ||
        ((const A_Const *)n)->val.node.type != T_Integer)
        return false;
    *value = intVal(&((const A_Const *)n)->val);
    return true;
}

/* A NULL constant, cast or not. */
static bool null_constant(const Node *n)
{
    n = sg__walk_uncast(n);
    return n && IsA(n, A_Const) && ((const A_Const *)n)->isnull;
}

/* The empty array literal '{}', cast or not. */
static bool empty_array(const Node *n)
{
    n = sg__walk_uncast(n);
    const A_Const *c = n && IsA(n, A_Const) ? (const A_Const *)n : NULL;
    return c && !c->isnull && c->val.node.type == T_String && strcmp(strVal(&c->val), "{}") == 0;
}

bool sg__walk_surely_false(const Node *n, unsigned depth)
{
    if (!n || depth > 64)
        return false;
    if (IsA(n, A_Const)) {
        const A_Const *c = (const A_Const *)n;
        return !c->isnull && c->val.node.type == T_Boolean && !c->val.boolval.boolval;
    }
    if (IsA(n, BoolExpr) && ((const BoolExpr *)n)->boolop == AND_EXPR) {
        const ListCell *lc;
        foreach (lc, ((const BoolExpr *)n)->args) {
            if (sg__walk_surely_false(lfirst(lc), depth + 1))
                return true;
        }
        return false;
    }
    if (IsA(n, SubLink)) {
        /* `x IN (SELECT ... WHERE 1 != 1)`: SQLAlchemy's empty expanding IN.
         * Its outputs must be constants or columns: an aggregate (`SELECT
         * count(*) ... WHERE 1 = 0`) makes a row of none */
        const SubLink *s = (const SubLink *)n;
        const SelectStmt *sub =
            s->subselect && IsA(s->subselect, SelectStmt) ? (const SelectStmt *)s->subselect : NULL;
        if (!(s->subLinkType == ANY_SUBLINK || s->subLinkType == EXISTS_SUBLINK) || !sub ||
            sub->op != SETOP_NONE || sub->valuesLists != NIL || sub->groupClause != NIL ||
            sub->havingClause != NULL)
            return false;
        const ListCell *lc;
        foreach (lc, sub->targetList) {
            const ResTarget *rt = lfirst(lc);
            const Node *v = sg__walk_uncast(IsA(rt, ResTarget) ? rt->val : NULL);
            if (!v || !(IsA(v, A_Const) || IsA(v, ColumnRef)))
                return false;
        }
        return sg__walk_surely_false(sub->whereClause, depth + 1);
    }
    if (!IsA(n, A_Expr))
        return false;
    const A_Expr *e = (const A_Expr *)n;
    long a, b;
    switch (e->kind) {
    case AEXPR_OP:
        if (!integer_constant(e->lexpr, &a) || !integer_constant(e->rexpr, &b))
            return false;
        return (sg__walk_operator_is(e->name, (const char *const[]){"="}, 1) && a != b) ||
               (sg__walk_operator_is(e->name, (const char *const[]){"<>"}, 1) && a == b);
    case AEXPR_IN: {
        /* `x IN (NULL, ...)` of NULLs only: NULL, never true */
        if (!sg__walk_operator_is(e->name, (const char *const[]){"="}, 1) || !e->rexpr ||
            !IsA(e->rexpr, List))
            return false;
        const ListCell *lc;
        foreach (lc, (const List *)e->rexpr) {
            if (!null_constant(lfirst(lc)))
                return false;
        }
        return true;
    }
    case AEXPR_OP_ANY:
        return sg__walk_operator_is(e->name, (const char *const[]){"="}, 1) &&
               empty_array(e->rexpr);
    default:
        return false;
    }
}
