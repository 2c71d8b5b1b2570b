/*
 * notes.c - what the walker notes about expressions, as facts: the types a
 * statement names, columns compared with literals, the constant arguments of
 * calls (and the casts on them), and the equalities with which the top-level
 * WHERE pins columns. It records; the rules judge.
 */
#include <string.h>

#include "pg/walk.h"
#include "resolve/typelist.h"

/* Splits a qualified name (a List of String) into catalog/schema/name. More
 * than three parts cannot name anything PostgreSQL resolves; the leading parts
 * are joined into `catalog` so that the name never matches anything. */
void sg__walk_split_name(walk *w, List *names, const char **catalog, const char **schema,
                         const char **name)
{
    int n = list_length(names);
    *catalog = *schema = *name = NULL;
    for (int i = 0; i < n; i++) {
        Node *part = list_nth(names, i);
        const char *s = IsA(part, String) ? strVal(part) : "*";
        if (i == n - 1)
            *name = copy(w, s);
        else if (i == n - 2)
            *schema = copy(w, s);
        else if (!*catalog)
            *catalog = copy(w, s);
        else if (!(*catalog = sg__arena_printf(w->arena, "%s.%s", *catalog, s)))
            fail(w);
    }
    if (!*name)
        *name = copy(w, "");
}

/* The type of a cast on a constant or a parameter, as sg__funcarg.cast
 * describes it: the type's own name, or "" for one the walker does not
 * describe (a schema other than pg_catalog, an array, and unless
 * `modifier_ok` a type modifier). */
static const char *cast_type(walk *w, const TypeName *t, bool modifier_ok)
{
    int parts = t ? list_length(t->names) : 0;
    if (parts < 1 || parts > 2 || t->arrayBounds != NIL || t->setof || t->pct_type ||
        !IsA(llast(t->names), String))
        return "";
    if (!modifier_ok && (t->typmods != NIL || t->typemod != -1))
        return "";
    Node *schema = parts == 2 ? linitial(t->names) : NULL;
    if (schema && (!IsA(schema, String) || strcmp(strVal(schema), "pg_catalog") != 0))
        return "";
    return copy(w, strVal(llast(t->names)));
}

/* The type of a cast in a pin's value, as cast_type() says it, except that a
 * type of another schema than pg_catalog is "schema.name" (the rules compare
 * it with the pinned column's own type: `$1::public.citext`). */
static const char *pin_cast_type(walk *w, const TypeName *t)
{
    int parts = t ? list_length(t->names) : 0;
    if (parts != 2 || t->arrayBounds != NIL || t->setof || t->pct_type ||
        !IsA(linitial(t->names), String) || !IsA(llast(t->names), String) ||
        strcmp(strVal(linitial(t->names)), "pg_catalog") == 0)
        return cast_type(w, t, true);
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
} value_calls;

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

ColumnRef *sg__walk_plain_column(Node *n)
{
    if (!n || !IsA(n, ColumnRef))
        return NULL;
    ColumnRef *c = (ColumnRef *)n;
    int parts = list_length(c->fields);
    if (parts < 1 || parts > 3)
        return NULL;
    ListCell *lc;
    foreach (lc, c->fields) {
        if (!IsA(lfirst(lc), String))
            return NULL;
    }
    return c;
}

bool sg__walk_expands_fields(const Node *n)
{
    return n && IsA(n, A_Indirection) && ((const A_Indirection *)n)->indirection &&
           IsA(llast(((const A_Indirection *)n)->indirection), A_Star);
}

bool sg__walk_expands(const Node *n)
{
    if (n && IsA(n, ColumnRef))
        return ((const ColumnRef *)n)->fields && IsA(llast(((const ColumnRef *)n)->fields), A_Star);
    return sg__walk_expands_fields(n);
}

const char *sg__walk_qualifier(walk *w, const ColumnRef *c)
{
    int parts = list_length(c->fields);
    return parts >= 2 ? copy(w, strVal(list_nth(c->fields, parts - 2))) : NULL;
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
        p->column_cast = cast_type(w, column_cast->typeName, false);
}

/* A conjunct with the plain `=` operator: `a = b`; a row comparison
 * `(a, b) = (x, y)`, pair by pair; `a IN (x)` of one value. */
static void record_pin(walk *w, A_Expr *e, const pin_scope *scope)
{
    /* `=`, or OPERATOR(pg_catalog.=) */
    Node *op = e->name && !sg__names_outside_pg_catalog(e->name) ? llast(e->name) : NULL;
    if (!op || !IsA(op, String) || strcmp(strVal(op), "=") != 0)
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
    while (n && IsA(n, TypeCast))
        n = ((const TypeCast *)n)->arg;
    return n && IsA(n, A_Const) && ((const A_Const *)n)->isnull;
}

/* The empty array literal '{}', cast or not. */
static bool empty_array(const Node *n)
{
    while (n && IsA(n, TypeCast))
        n = ((const TypeCast *)n)->arg;
    const A_Const *c = n && IsA(n, A_Const) ? (const A_Const *)n : NULL;
    return c && !c->isnull && c->val.node.type == T_String && strcmp(strVal(&c->val), "{}") == 0;
}

/* Whether operator `names` is pg_catalog's `op` (unqualified or qualified). */
static bool operator_named(List *names, const char *op)
{
    Node *last = list_length(names) ? llast(names) : NULL;
    return last && IsA(last, String) && !sg__names_outside_pg_catalog(names) &&
           strcmp(strVal(last), op) == 0;
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
            const Node *v = IsA(rt, ResTarget) ? rt->val : NULL;
            while (v && IsA(v, TypeCast))
                v = ((const TypeCast *)v)->arg;
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
        return (operator_named(e->name, "=") && a != b) ||
               (operator_named(e->name, "<>") && a == b);
    case AEXPR_IN: {
        /* `x IN (NULL, ...)` of NULLs only: NULL, never true */
        if (!operator_named(e->name, "=") || !e->rexpr || !IsA(e->rexpr, List))
            return false;
        const ListCell *lc;
        foreach (lc, (const List *)e->rexpr) {
            if (!null_constant(lfirst(lc)))
                return false;
        }
        return true;
    }
    case AEXPR_OP_ANY:
        return operator_named(e->name, "=") && empty_array(e->rexpr);
    default:
        return false;
    }
}

bool sg__names_outside_pg_catalog(List *names)
{
    if (list_length(names) < 2)
        return false;
    Node *schema = list_nth(names, list_length(names) - 2);
    return !IsA(schema, String) || strcmp(strVal(schema), "pg_catalog") != 0 ||
           list_length(names) > 2;
}

/* Records a type name as a fact. The raw grammar always names a type (the
 * SQL-standard spellings as pg_catalog.x); a TypeName given by OID alone is
 * built only inside PostgreSQL, and would be recorded with an empty name,
 * which no type has. */
void sg__walk_record_type(walk *w, const TypeName *t)
{
    sg__typeref *r = sg__vec_push(w->arena, &w->facts->types, sizeof *r);
    if (!r) {
        fail(w);
        return;
    }
    sg__walk_split_name(w, t->names, &r->catalog, &r->schema, &r->name);
    r->location = t->location;
    if (t->location < 0 && !r->schema && t->names != NIL)
        /* the compiled SQL may need to qualify the name at its place */
        sg__walk_unsupported(w, "a type name without a place in the text", -1);
    r->array = t->arrayBounds != NIL;
    r->resolves_names = r->name && sg__type_resolves_names(r->name);
}

/* A literal string or number that is not NULL, or NULL. */
static A_Const *value_literal(Node *n)
{
    if (n && IsA(n, TypeCast))
        n = ((TypeCast *)n)->arg; /* '2024-01-01'::date is still a literal */
    if (!n || !IsA(n, A_Const) || ((A_Const *)n)->isnull)
        return NULL;
    A_Const *c = (A_Const *)n;
    NodeTag t = nodeTag(&c->val);
    return t == T_String || t == T_Integer || t == T_Float ? c : NULL;
}

/* A comparison of a column with a literal where a parameter belongs. */
/* Whether an operator compares (equality, order, pattern matching) rather
 * than computes (`||`, `+`, `->>`): only a comparison makes a literal a
 * predicate's value. */
static bool comparison_operator(List *name)
{
    static const char *const ops[] = {"=",   "<>",  "<",    ">", "<=", ">=", "~~",
                                      "!~~", "~~*", "!~~*", "~", "~*", "!~", "!~*"};
    Node *last = list_length(name) ? llast(name) : NULL;
    if (!last || !IsA(last, String))
        return false;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(strVal(last), ops[i]) == 0)
            return true;
    return false;
}

void sg__walk_record_literal_cmp(walk *w, A_Expr *e)
{
    if (e->kind != AEXPR_OP && e->kind != AEXPR_LIKE && e->kind != AEXPR_ILIKE &&
        e->kind != AEXPR_DISTINCT && e->kind != AEXPR_NOT_DISTINCT)
        return;
    if (e->kind == AEXPR_OP && !comparison_operator(e->name))
        return;
    A_Const *lit = NULL;
    if (e->lexpr && IsA(e->lexpr, ColumnRef))
        lit = value_literal(e->rexpr);
    else if (e->rexpr && IsA(e->rexpr, ColumnRef))
        lit = value_literal(e->lexpr);
    if (!lit)
        return;
    sg__literal_cmp *c = sg__vec_push(w->arena, &w->facts->literal_cmps, sizeof *c);
    if (!c) {
        fail(w);
        return;
    }
    c->location = lit->location;
    c->is_string = nodeTag(&lit->val) == T_String;
    c->in_predicate = w->in_predicate;
}

/* The operand of a unary `-x` or `+x`, with *negate set for the minus; any
 * other node is its own operand. The grammar folds a minus into a bare
 * number already; it stays an operator in front of a cast (`-5::int`). */
static Node *unary_operand(Node *n, bool *negate)
{
    *negate = false;
    if (!n || !IsA(n, A_Expr))
        return n;
    A_Expr *e = (A_Expr *)n;
    Node *op = list_length(e->name) == 1 ? linitial(e->name) : NULL;
    if (e->kind != AEXPR_OP || e->lexpr || !op || !IsA(op, String))
        return n;
    if (strcmp(strVal(op), "-") == 0)
        *negate = true;
    else if (strcmp(strVal(op), "+") != 0)
        return n;
    return e->rexpr;
}

/* Reads a number or string constant into *a; false for anything else. */
static bool arg_constant(walk *w, Node *n, sg__funcarg *a)
{
    if (!n || !IsA(n, A_Const) || ((A_Const *)n)->isnull)
        return false;
    A_Const *c = (A_Const *)n;
    switch (nodeTag(&c->val)) {
    case T_Integer:
        a->kind = SG_ARG_NUMBER;
        a->text = sg__arena_printf(w->arena, "%d", c->val.ival.ival);
        break;
    case T_Float:
        a->kind = SG_ARG_NUMBER;
        a->text = sg__arena_strdup(w->arena, c->val.fval.fval);
        break;
    case T_String:
        a->kind = SG_ARG_STRING;
        a->text = sg__arena_strdup(w->arena, c->val.sval.sval);
        break;
    default:
        return false;
    }
    if (!a->text)
        fail(w);
    return a->text != NULL;
}

/* ARRAY[...] of integer constants as SG_ARG_ARRAY (array_fill's
 * dimensions); false for anything else. */
static bool arg_int_array(walk *w, Node *n, sg__funcarg *a)
{
    if (!n || !IsA(n, A_ArrayExpr) || !((A_ArrayExpr *)n)->elements)
        return false;
    sg__strbuf b = SG__STRBUF_INIT(w->arena);
    sg__strbuf_puts(&b, "");
    ListCell *lc;
    foreach (lc, ((A_ArrayExpr *)n)->elements) {
        const A_Const *c = lfirst(lc);
        if (!IsA(c, A_Const) || c->isnull || nodeTag(&c->val) != T_Integer)
            return false;
        if (b.len)
            sg__strbuf_puts(&b, ",");
        char digits[24];
        snprintf(digits, sizeof digits, "%d", c->val.ival.ival);
        sg__strbuf_puts(&b, digits);
    }
    if (b.failed) {
        fail(w);
        return false;
    }
    a->kind = SG_ARG_ARRAY;
    a->text = b.data;
    return true;
}

/* A number's text with its sign flipped; NULL when memory ran out. */
static const char *negated(walk *w, const char *text)
{
    const char *t = text[0] == '-' ? copy(w, text + 1) : sg__arena_printf(w->arena, "-%s", text);
    if (!t)
        fail(w);
    return t;
}

/* One argument of a call: a constant, cast once or not, a unary sign in
 * front of either folded into a number's text; a plain column; anything
 * else is "other" (with the type of a cast at its top). */
static void describe_arg(walk *w, Node *n, sg__funcarg *a)
{
    bool negate;
    n = unary_operand(n, &negate);
    const char *cast = NULL;
    /* a collation changes no value: `'x' COLLATE "C"` is the string 'x' */
    while (n && IsA(n, CollateClause))
        n = ((CollateClause *)n)->arg;
    if (n && IsA(n, TypeCast)) {
        cast = cast_type(w, ((TypeCast *)n)->typeName, false);
        n = ((TypeCast *)n)->arg;
    }
    while (n && IsA(n, CollateClause))
        n = ((CollateClause *)n)->arg;
    a->param = !negate && n && IsA(n, ParamRef) ? ((ParamRef *)n)->number : 0;
    if (!negate && arg_int_array(w, n, a)) {
        a->cast = cast;
        return;
    }
    if (!arg_constant(w, n, a) || (negate && a->kind != SG_ARG_NUMBER)) {
        ColumnRef *c = negate ? NULL : sg__walk_plain_column(n);
        a->kind = c ? SG_ARG_COLUMN : SG_ARG_OTHER;
        a->text = c ? copy(w, strVal(llast(c->fields))) : NULL;
        a->cast = cast;
        return;
    }
    if (negate)
        a->text = negated(w, a->text);
    a->cast = cast;
}

void sg__walk_record_ts_object(walk *w, const TypeName *t)
{
    sg__funcref *f = sg__vec_push(w->arena, &w->facts->funcs, sizeof *f);
    if (!f) {
        fail(w);
        return;
    }
    sg__walk_split_name(w, t->names, &f->catalog, &f->schema, &f->name);
    f->location = t->location;
    f->kind = SG_FUNC_TS_OBJECT;
    f->parent = w->current_call;
    Node *operand = w->ts_cast == t ? w->ts_operand : NULL;
    f->isolated = operand && w->ts_isolated;
    f->first_arg = operand && w->ts_first_arg;
    w->ts_cast = NULL;
    if (!operand)
        return; /* a column definition list's type, ...: the value is not in the text */
    sg__funcarg *a = sg__arena_alloc(w->arena, sizeof *a);
    if (!a) {
        fail(w);
        return;
    }
    describe_arg(w, operand, a);
    f->args = a;
    f->arg_count = 1;
}

enum { TEXT_PARAMS_MAX = 16, TEXT_DEPTH_MAX = 32 };

/* What bounds the text an expression makes, gathered by text_bound(). */
typedef struct text_parts {
    size_t chars;
    int params[TEXT_PARAMS_MAX];
    size_t param_count;
} text_parts;

/* Whether `f` is a pg_catalog function whose text is no longer than its
 * arguments' together (case, trimming, cutting, joining). */
static bool joins_its_arguments(const FuncCall *f)
{
    static const char *const names[] = {"lower",  "upper",     "initcap",   "btrim", "ltrim",
                                        "rtrim",  "substr",    "substring", "left",  "right",
                                        "concat", "concat_ws", "translate", "text",  "varchar"};
    if (f->agg_star || f->over || f->agg_order || list_length(f->funcname) > 2 ||
        sg__names_outside_pg_catalog(f->funcname) || !IsA(llast(f->funcname), String))
        return false;
    const char *name = strVal(llast(f->funcname));
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* format('...', ...) whose format string is a constant with no width or
 * argument position (`%10s`, `%*s`, `%1$s`): its text is the string's and
 * the arguments' together. */
static bool format_without_widths(const FuncCall *f)
{
    const Node *last = list_length(f->funcname) ? llast(f->funcname) : NULL;
    const A_Const *fmt = f->args ? linitial(f->args) : NULL;
    if (!last || !IsA(last, String) || strcmp(strVal(last), "format") != 0 ||
        list_length(f->funcname) > 2 || sg__names_outside_pg_catalog(f->funcname) || !fmt ||
        !IsA(fmt, A_Const) || fmt->isnull || nodeTag(&fmt->val) != T_String)
        return false;
    for (const char *p = strchr(fmt->val.sval.sval, '%'); p; p = strchr(p + 2, '%')) {
        if (!p[1])
            break;
        if (p[1] != 's' && p[1] != 'I' && p[1] != 'L' && p[1] != '%')
            return false;
    }
    return true;
}

/* Adds to `parts` what bounds the text of `n`: constants' characters,
 * parameters, a column as one character, joined by ||, casts, COLLATE,
 * COALESCE and the functions of joins_its_arguments(); false for anything
 * else (a call that may make text longer, such as repeat or format). */
static bool text_bound(const Node *n, text_parts *parts, unsigned depth)
{
    if (!n || depth > TEXT_DEPTH_MAX)
        return false;
    switch (nodeTag(n)) {
    case T_A_Const: {
        const A_Const *c = (const A_Const *)n;
        if (c->isnull)
            return true;
        if (nodeTag(&c->val) == T_String)
            parts->chars += strlen(c->val.sval.sval);
        else
            parts->chars += 24; /* a number's digits */
        return true;
    }
    case T_ParamRef:
        if (parts->param_count == TEXT_PARAMS_MAX)
            return false;
        parts->params[parts->param_count++] = ((const ParamRef *)n)->number;
        return true;
    case T_ColumnRef:
        parts->chars += 1;
        return true;
    case T_TypeCast:
        return text_bound(((const TypeCast *)n)->arg, parts, depth + 1);
    case T_CollateClause:
        return text_bound(((const CollateClause *)n)->arg, parts, depth + 1);
    case T_A_Expr: {
        const A_Expr *e = (const A_Expr *)n;
        const Node *op = list_length(e->name) == 1 ? linitial(e->name) : NULL;
        return e->kind == AEXPR_OP && op && IsA(op, String) && strcmp(strVal(op), "||") == 0 &&
               text_bound(e->lexpr, parts, depth + 1) && text_bound(e->rexpr, parts, depth + 1);
    }
    case T_CoalesceExpr: {
        ListCell *lc;
        foreach (lc, ((const CoalesceExpr *)n)->args)
            if (!text_bound(lfirst(lc), parts, depth + 1))
                return false;
        return true;
    }
    case T_FuncCall: {
        const FuncCall *f = (const FuncCall *)n;
        if (!joins_its_arguments(f) && !format_without_widths(f))
            return false;
        ListCell *lc;
        foreach (lc, f->args)
            if (!text_bound(lfirst(lc), parts, depth + 1))
                return false;
        return true;
    }
    default:
        return false;
    }
}

/* Whether the call's work is bounded by its arguments' lengths (the rules'
 * func.resource-bound max_work). */
static bool work_bounded_call(const FuncCall *f)
{
    static const char *const names[] = {"normalize", "translate", "btrim",    "ltrim",
                                        "rtrim",     "strpos",    "position", "replace"};
    const Node *last = list_length(f->funcname) ? llast(f->funcname) : NULL;
    if (!last || !IsA(last, String))
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(strVal(last), names[i]) == 0)
            return true;
    return false;
}

/* Whether an expression whose text text_bound() cannot bound may still be
 * long by the statement's own doing: it holds a parameter, a long constant,
 * or a call that makes text (repeat, lpad, format, ...); made of columns
 * and short constants through known functions, it is stored data, which
 * counts as a column does. Unknown node types count as long. */
static bool may_grow(const Node *n, unsigned depth)
{
    if (!n)
        return false;
    if (depth > TEXT_DEPTH_MAX)
        return true;
    ListCell *lc;
    switch (nodeTag(n)) {
    case T_ColumnRef:
        return false;
    case T_ParamRef:
        return true;
    case T_A_Const: {
        const A_Const *c = (const A_Const *)n;
        return !c->isnull && nodeTag(&c->val) == T_String && strlen(c->val.sval.sval) > 64;
    }
    case T_TypeCast:
        return may_grow(((const TypeCast *)n)->arg, depth + 1);
    case T_CollateClause:
        return may_grow(((const CollateClause *)n)->arg, depth + 1);
    case T_A_Expr:
        return may_grow(((const A_Expr *)n)->lexpr, depth + 1) ||
               may_grow(((const A_Expr *)n)->rexpr, depth + 1);
    case T_FuncCall: {
        static const char *const makers[] = {
            "repeat",          "lpad",       "rpad",    "format",  "string_agg",
            "array_to_string", "array_fill", "overlay", "replace", "regexp_replace"};
        const FuncCall *f = (const FuncCall *)n;
        const Node *last = list_length(f->funcname) ? llast(f->funcname) : NULL;
        if (!last || !IsA(last, String))
            return true;
        for (size_t i = 0; i < sizeof makers / sizeof makers[0]; i++)
            if (strcmp(strVal(last), makers[i]) == 0)
                return true;
        foreach (lc, f->args)
            if (may_grow(lfirst(lc), depth + 1))
                return true;
        return false;
    }
    case T_CoalesceExpr:
        foreach (lc, ((const CoalesceExpr *)n)->args)
            if (may_grow(lfirst(lc), depth + 1))
                return true;
        return false;
    default:
        return true;
    }
}

/* The bound of an expression argument's text, for work_bounded_call()s. */
static void describe_text_bound(walk *w, const Node *n, sg__funcarg *a)
{
    text_parts parts = {0, {0}, 0};
    a->text_bounded = text_bound(n, &parts, 0);
    a->text_grows = !a->text_bounded && may_grow(n, 0);
    if (!a->text_bounded)
        return;
    a->text_chars = parts.chars;
    if (!parts.param_count)
        return;
    int *params = sg__arena_alloc(w->arena, parts.param_count * sizeof *params);
    if (!params) {
        fail(w);
        return;
    }
    memcpy(params, parts.params, parts.param_count * sizeof *params);
    a->text_params = params;
    a->text_param_count = parts.param_count;
}

/* The arguments of the call just recorded, as far as they are constants:
 * the rules judge what they mean (func.resource-bound). */
void sg__walk_record_args(walk *w, FuncCall *f)
{
    int n = list_length(f->args);
    w->call_first_arg = NULL;
    if (n == 0 || w->failed)
        return;
    sg__funcref *fn = &SG__VEC_AT(w->facts->funcs, sg__funcref, w->facts->funcs.count - 1);
    sg__funcarg *args = sg__arena_alloc(w->arena, (size_t)n * sizeof *args);
    if (!args) {
        fail(w);
        return;
    }
    bool work = work_bounded_call(f);
    for (int i = 0; i < n; i++) {
        describe_arg(w, list_nth(f->args, i), &args[i]);
        if (work && args[i].kind == SG_ARG_OTHER && args[i].param == 0)
            describe_text_bound(w, list_nth(f->args, i), &args[i]);
    }
    w->call_first_arg = linitial(f->args);
    fn->args = args;
    fn->arg_count = (size_t)n;
}

/* ---- parameters compared with columns ---------------------------------------------------- */

static bool operator_is(List *name, const char *const *ops, size_t n)
{
    Node *last = list_length(name) ? llast(name) : NULL;
    if (!last || !IsA(last, String) || sg__names_outside_pg_catalog(name))
        return false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(strVal(last), ops[i]) == 0)
            return true;
    return false;
}

static void push_cmp(walk *w, const ColumnRef *col, Node *param, sg__param_cmp_kind kind)
{
    if (!param || !IsA(param, ParamRef))
        return;
    pending_cmp *c = sg__vec_push(w->arena, &w->cmps, sizeof *c);
    if (!c) {
        fail(w);
        return;
    }
    c->param = ((ParamRef *)param)->number;
    c->location = ((ParamRef *)param)->location;
    c->kind = kind;
    c->column = col;
    c->pending = -1;
}

void sg__walk_record_param_cmp(walk *w, A_Expr *e)
{
    static const char *const equal[] = {"="};
    static const char *const order[] = {"<>", "!=", "<", ">", "<=", ">="};
    Node *l = e->lexpr, *r = e->rexpr;
    switch (e->kind) {
    case AEXPR_OP:
    case AEXPR_DISTINCT:
    case AEXPR_NOT_DISTINCT: {
        bool eq = e->kind == AEXPR_OP && operator_is(e->name, equal, 1);
        if (!eq && e->kind == AEXPR_OP && !operator_is(e->name, order, 6))
            return;
        sg__param_cmp_kind kind = eq ? SG_PCMP_EQUAL : SG_PCMP_ORDER;
        if (l && IsA(l, ColumnRef))
            push_cmp(w, (ColumnRef *)l, r, kind);
        else if (r && IsA(r, ColumnRef))
            push_cmp(w, (ColumnRef *)r, l, kind);
        return;
    }
    case AEXPR_OP_ANY:
        if (l && IsA(l, ColumnRef) && operator_is(e->name, equal, 1))
            push_cmp(w, (ColumnRef *)l, r, SG_PCMP_ANY);
        return;
    case AEXPR_IN:
    case AEXPR_BETWEEN:
    case AEXPR_NOT_BETWEEN: {
        if (!l || !IsA(l, ColumnRef) || !r || !IsA(r, List))
            return;
        bool in = e->kind == AEXPR_IN;
        if (in && !operator_is(e->name, equal, 1) && !operator_is(e->name, order, 1))
            return; /* IN is "=", NOT IN "<>" */
        ListCell *lc;
        foreach (lc, (List *)r)
            push_cmp(w, (ColumnRef *)l, lfirst(lc),
                     in && operator_is(e->name, equal, 1) ? SG_PCMP_EQUAL : SG_PCMP_ORDER);
        return;
    }
    default:
        return;
    }
}

/* ---- xml values ---------------------------------------------------------------------------- */

void sg__walk_xml_place(walk *w, const Node *n)
{
    if (!n)
        return;
    const Node **slot = sg__vec_push(w->arena, &w->xml_places, sizeof *slot);
    if (!slot) {
        fail(w);
        return;
    }
    *slot = n;
}

bool sg__walk_in_xml_place(const walk *w, const Node *n)
{
    for (size_t i = 0; n && i < w->xml_places.count; i++)
        if (SG__VEC_AT(w->xml_places, const Node *, i) == n)
            return true;
    return false;
}
