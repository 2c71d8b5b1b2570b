/*
 * notes.c - what the walker notes about expressions, as facts: the types a
 * statement names, columns compared with literals and parameters, the
 * constant arguments of calls (and the casts on them) and xml places. It
 * records; the rules judge. The WHERE's pins are pins.c's, text bounds
 * textbound.c's.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <string.h>

#include "nodes/nodeFuncs.h"
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

const char *sg__walk_cast_type(walk *w, const TypeName *t, bool modifier_ok)
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

const char *sg__walk_qualifier(walk *w, const ColumnRef *c)
{
    int parts = list_length(c->fields);
    if (parts < 2 || !IsA(list_nth(c->fields, parts - 2), String))
        return NULL;
    const char *table = strVal(list_nth(c->fields, parts - 2));
    if (parts == 2)
        return copy(w, table);
    /* `s.t.c` names relation t of schema s, which the rules know by its
     * name t alone: that is it only when one FROM item of the level has the
     * name (and its schema, when written, is s); otherwise a qualifier no
     * item has (FROM public.t, app.t: `app.t.c` is not public.t's c) */
    const char *schema =
        IsA(list_nth(c->fields, parts - 3), String) ? strVal(list_nth(c->fields, parts - 3)) : "";
    /* in a JOIN's ON, the items of the FROM clause after the join are not
     * walked yet: the join's own operands are looked at, and the qualifier
     * is settled once the FROM clause is (sg__walk_settle_qualifiers) */
    bool on = w->sight.end != SG__SIGHT_ALL.end;
    size_t named = 0;
    bool same = false;
    for (size_t i = on ? w->sight.first : 0; i < w->from_items.count; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != w->level || !fi->name || strcmp(fi->name, table) != 0)
            continue;
        named++;
        const sg__relref *r =
            fi->relref >= 0 ? &SG__VEC_AT(w->facts->relations, sg__relref, fi->relref) : NULL;
        /* an alias is no relation's name: `s.a.c` of `FROM t a` is none */
        same = r && strcmp(r->name, table) == 0 && (!r->schema || strcmp(r->schema, schema) == 0);
    }
    if (named != 1 || !same || parts != 3)
        return sg__arena_printf(w->arena, "\001%s.%s", schema, table);
    return on ? sg__arena_printf(w->arena, "\002%s", table) : copy(w, table);
}

/* A qualifier an ON wrote as schema.table (`\002table`) names its item when
 * no other item of the whole FROM clause has the name (the rules know items
 * by their names); otherwise none. */
static const char *settled(walk *w, const char *q)
{
    if (!q || q[0] != '\002')
        return q;
    size_t named = 0;
    for (size_t i = 0; i < w->facts->top.from.count; i++) {
        const sg__from_item *item = &SG__VEC_AT(w->facts->top.from, sg__from_item, i);
        named += item->name && !item->hidden && strcmp(item->name, q + 1) == 0;
    }
    return named == 1 ? q + 1 : sg__arena_printf(w->arena, "\001%s", q + 1);
}

void sg__walk_settle_qualifiers(walk *w)
{
    sg__top_select *t = &w->facts->top;
    for (size_t i = 0; i < t->pins.count; i++) {
        sg__column_pin *p = &SG__VEC_AT(t->pins, sg__column_pin, i);
        p->qualifier = settled(w, p->qualifier);
    }
    for (size_t i = 0; i < t->links.count; i++) {
        sg__column_link *l = &SG__VEC_AT(t->links, sg__column_link, i);
        l->qualifier[0] = settled(w, l->qualifier[0]);
        l->qualifier[1] = settled(w, l->qualifier[1]);
    }
}

/* What a value of type `t` (named schema.name) is padded to: n for
 * char(n) (bpchar) and bit(n), times SG_PAD_ELEMENTS for an array of
 * them; 0 for any other type, and for a length the text does not give. */
static unsigned long long type_pad(const TypeName *t, const char *schema, const char *name)
{
    if (!name || (schema && strcmp(schema, "pg_catalog") != 0) ||
        (strcmp(name, "bpchar") != 0 && strcmp(name, "bit") != 0) || list_length(t->typmods) != 1)
        return 0;
    const Node *mod = linitial(t->typmods);
    if (!mod || !IsA(mod, A_Const) || ((const A_Const *)mod)->isnull ||
        nodeTag(&((const A_Const *)mod)->val) != T_Integer ||
        ((const A_Const *)mod)->val.ival.ival <= 0)
        return 0;
    unsigned long long n = (unsigned long long)((const A_Const *)mod)->val.ival.ival;
    return t->arrayBounds != NIL ? n * SG_PAD_ELEMENTS : n;
}

/* Whether a column definition list's type parses its value's text in a
 * way the rules count: tsquery, path, polygon, a multirange or an array of
 * ranges (of pg_catalog, or unqualified). */
static bool parsed_type(const sg__typeref *r)
{
    static const char *const types[] = {"tsquery", "path", "polygon"};
    if (!r->name || (r->schema && strcmp(r->schema, "pg_catalog") != 0))
        return false;
    return sg__walk_name_in(r->name, types, 3) || sg__walk_ranges_type(r->name, r->array);
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
    r->pad = type_pad(t, r->schema, r->name);
    if (r->pad) {
        unsigned long long before = w->facts->pads;
        w->facts->pads = r->pad > ~0ULL - before ? ~0ULL : before + r->pad;
        if (r->pad > w->pad_most) {
            w->pad_most = r->pad;
            w->facts->pad_location = t->location;
        }
    }
    r->param = 0;
    r->param_location = -1;
    const ParamRef *p = w->param_cast && w->param_cast->typeName == t
                            ? (const ParamRef *)w->param_cast->arg
                        : w->text_cast && w->text_cast->typeName == t ? w->text_cast_param
                        : w->coldef_param && parsed_type(r)           ? w->coldef_param
                                                                      : NULL;
    if (p && p == w->coldef_param && r->name && r->name[0] == 'p') {
        /* a path or polygon parsed from the parameter's text */
        sg__geometry *g = sg__vec_push(w->arena, &w->facts->geometries, sizeof *g);
        if (!g) {
            fail(w);
            return;
        }
        *g = (sg__geometry){p->number, 0, p->location, r->name[1] == 'a'};
    }
    if (p) {
        r->param = p->number;
        r->param_location = p->location;
        w->facts->range_casts = w->facts->range_casts || (r->name && strstr(r->name, "range"));
        w->facts->query_casts = w->facts->query_casts || (r->name && !strcmp(r->name, "tsquery"));
    }
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

/* Whether an operator compares (equality, order, pattern matching) rather
 * than computes (`||`, `+`, `->>`): only a comparison makes a literal a
 * predicate's value. */
static bool comparison_operator(List *name)
{
    static const char *const ops[] = {"=",   "<>",  "<",    ">", "<=", ">=", "~~",
                                      "!~~", "~~*", "!~~*", "~", "~*", "!~", "!~*"};
    Node *last = list_length(name) ? llast(name) : NULL;
    return last && IsA(last, String) &&
           sg__walk_name_in(strVal(last), ops, sizeof ops / sizeof ops[0]);
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
    c->is_integer = nodeTag(&lit->val) == T_Integer;
    c->integer = c->is_integer ? lit->val.ival.ival : 0;
    c->in_recursive_term = w->in_recursive_term;
    const char *op = e->kind == AEXPR_OP && list_length(e->name) && IsA(llast(e->name), String)
                         ? strVal(llast(e->name))
                         : "";
    if (op[0] == '!')
        op++;
    c->regex = strcmp(op, "~") == 0 || strcmp(op, "~*") == 0;
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
    a->location = exprLocation(n);
    bool negate;
    n = unary_operand(n, &negate);
    const char *cast = NULL;
    /* a collation changes no value: `'x' COLLATE "C"` is the string 'x' */
    while (n && IsA(n, CollateClause))
        n = ((CollateClause *)n)->arg;
    if (n && IsA(n, TypeCast)) {
        cast = sg__walk_cast_type(w, ((TypeCast *)n)->typeName, false);
        n = ((TypeCast *)n)->arg;
    }
    while (n && IsA(n, CollateClause))
        n = ((CollateClause *)n)->arg;
    a->param = !negate && n && IsA(n, ParamRef) ? ((ParamRef *)n)->number : 0;
    if (n && IsA(n, A_Expr) && ((A_Expr *)n)->kind == AEXPR_OP) {
        const Node *op = llast(((A_Expr *)n)->name);
        a->concatenation = IsA(op, String) &&
                           (strcmp(strVal(op), "||") == 0 || strcmp(strVal(op), "->>") == 0 ||
                            strcmp(strVal(op), "#>>") == 0) &&
                           !sg__names_outside_pg_catalog(((A_Expr *)n)->name);
    }
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

/* The argument of `f` that PostgreSQL reads as a time zone's name, or -1:
 * timezone(zone, t) (which AT TIME ZONE is), date_trunc(field, t, zone),
 * make_timestamptz(..., zone), also named (`timezone => z`, which may stand
 * anywhere after the positional ones). */
static int zone_argument(const FuncCall *f)
{
    ListCell *lc;
    int i = 0;
    foreach (lc, f->args) {
        const Node *arg = lfirst(lc);
        if (IsA(arg, NamedArgExpr) && ((const NamedArgExpr *)arg)->name &&
            strcmp(((const NamedArgExpr *)arg)->name, "timezone") == 0)
            return i;
        i++;
    }
    const char *name = sg__walk_call_name(f);
    int n = list_length(f->args);
    if (!name || f->agg_star || f->over)
        return -1;
    if (strcmp(name, "timezone") == 0 && n == 2)
        return 0;
    if (strcmp(name, "date_trunc") == 0 && n == 3)
        return 2;
    if (strcmp(name, "make_timestamptz") == 0 && n == 7)
        return 6;
    return -1;
}

enum { VALUE_COLUMNS_MAX = 16, VALUE_CALLS_MAX = 16, VALUE_DEPTH_MAX = 32 };

/* What values_of() gathers. */
typedef struct value_parts {
    walk *w;
    int columns[VALUE_COLUMNS_MAX];
    size_t count;
    const char *calls[VALUE_CALLS_MAX];
    size_t call_count;
    unsigned depth;
    bool whole; /* still read whole */
} value_parts;

/* The column a scalar sub-select's output reads as it is: a column
 * reference, or the one argument of max() or min() of pg_catalog, which
 * pick one of its values; NULL otherwise. */
static const ColumnRef *picked_column(const Node *n)
{
    static const char *const picks[] = {"max", "min"};
    if (n && IsA(n, FuncCall)) {
        const FuncCall *f = (const FuncCall *)n;
        const char *name = sg__walk_call_name(f);
        if (!name || !sg__walk_name_in(name, picks, 2) || list_length(f->args) != 1 ||
            f->agg_filter || f->over || f->agg_within_group || f->func_variadic)
            return NULL;
        n = linitial(f->args);
    }
    return n && IsA(n, ColumnRef) && !sg__walk_expands(n) ? (const ColumnRef *)n : NULL;
}

/* Whether scalar sub-select `sl` (its select `sel`) reads one column as it
 * is, from tables (`(SELECT tz FROM users WHERE id = %(u)s)`, `(SELECT
 * max(region) FROM accounts)`): FROM only relations, none a WITH query's
 * name, and its one output a column reference (picked_column), which may
 * still be an outer item's. */
static bool stored_lookup(walk *w, const SubLink *sl, const SelectStmt *sel)
{
    if (sl->subLinkType != EXPR_SUBLINK || !sel || sel->op != SETOP_NONE || sel->valuesLists ||
        !sel->fromClause || list_length(sel->targetList) != 1 || sel->withClause)
        return false;
    const ResTarget *rt = linitial(sel->targetList);
    if (!IsA(rt, ResTarget) || !picked_column(rt->val))
        return false;
    ListCell *lc;
    foreach (lc, sel->fromClause) {
        const RangeVar *rv = lfirst(lc);
        if (!IsA(rv, RangeVar) || (!rv->schemaname && sg__walk_find_cte(w, rv->relname) >= 0))
            return false;
    }
    return true;
}

/* The rows a value combines, as the column references it joins name
 * them: a qualifier (`a` of `a.x`: one row of item a), a bare name (`x`,
 * whose item the walk does not know: a row of its own), at most
 * ROWS_MAX of them, `overflow` past that. */
enum { ROWS_MAX = 8 };
typedef struct row_set {
    const char *keys[ROWS_MAX];
    size_t count;
    bool overflow;
} row_set;

static void row_add(row_set *r, const char *key)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->keys[i], key) == 0)
            return;
    if (r->count == ROWS_MAX)
        r->overflow = true;
    else
        r->keys[r->count++] = key;
}

static void rows_union(row_set *into, const row_set *from)
{
    for (size_t i = 0; i < from->count; i++)
        row_add(into, from->keys[i]);
    into->overflow = into->overflow || from->overflow;
}

static size_t rows_size(const row_set *r)
{
    return r->overflow ? ROWS_MAX + 1 : r->count;
}

/* How rows_combined() reads an expression: the walk (for the FROM items a
 * qualifier names) and whether the value stands alone, not joined with
 * others (then the alternatives of COALESCE and the like stand alone too). */
typedef struct rows_read {
    walk *w;
    int level; /* the query level the argument is in */
    unsigned depth;
    bool alone;
} rows_read;

static void rows_combined(const Node *n, rows_read r, row_set *out);

/* What union_rows() joins. */
typedef struct rows_walk {
    rows_read r;
    row_set *out;
    size_t holding; /* parts that hold rows */
} rows_walk;

static bool union_rows(Node *n, void *context)
{
    rows_walk *u = context;
    row_set part = {{0}, 0, false};
    rows_combined(n, u->r, &part);
    u->holding += rows_size(&part) > 0;
    rows_union(u->out, &part);
    return false;
}

/* Takes alternative `alt` into `most`: the larger of the two when the value
 * stands alone (one alternative is picked), both when it is joined with
 * others (any may be picked beside them). */
static void rows_alternative(row_set *most, const row_set *alt, bool alone)
{
    if (!alone)
        rows_union(most, alt);
    else if (rows_size(alt) > rows_size(most))
        *most = *alt;
}

/* Whether every FROM item named `name` the walk has seen is a relation: a
 * qualifier of it is one row of a table (a derived item's columns may each
 * come from another row). */
static bool names_relation(const walk *w, const char *name)
{
    bool any = false;
    for (size_t i = 0; i < w->from_items.count; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (!fi->name || strcmp(fi->name, name) != 0)
            continue;
        if (fi->relref < 0)
            return false;
        any = true;
    }
    return any;
}

/* The one FROM item of the statement's level, when the level is the top
 * one (nothing around it) and has exactly one item, a relation: every bare
 * name there is its column (or an error). */
static const char *sole_relation(const walk *w, int level)
{
    const from_item *only = NULL;
    if (level < 0 || level != w->top_level)
        return NULL;
    for (size_t i = 0; i < w->from_items.count; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != level || fi->excluded)
            continue;
        if (only)
            return NULL;
        only = fi;
    }
    return only && only->relref >= 0 ? (only->name ? only->name : "") : NULL;
}

/* The rows whose columns expression `n` combines into one value, keyed by
 * what the walk can tell of them: the columns of one table's item one row
 * (`a.x || a.y`), each column of a derived item, each bare name (of the
 * level's only table: that table's row), each scalar sub-select with a FROM
 * its own. The alternatives of COALESCE, CASE's results, NULLIF's first
 * operand, GREATEST and LEAST stand alone when the value does (the largest
 * counts); joined with others, any of them may be picked (all count). A
 * sub-select without a FROM is its output expressions'; too deep counts as
 * many. */
static void rows_combined(const Node *n, rows_read r, row_set *out)
{
    if (!n)
        return;
    if (r.depth > VALUE_DEPTH_MAX) {
        out->overflow = true;
        return;
    }
    ListCell *lc;
    row_set alt;
    rows_read inner = {r.w, r.level, r.depth + 1, r.alone};
    rows_read joined = {r.w, r.level, r.depth + 1, false};
    switch (nodeTag(n)) {
    case T_ColumnRef: {
        const ColumnRef *c = (const ColumnRef *)n;
        int k = list_length(c->fields);
        const Node *first = linitial(c->fields), *last = llast(c->fields);
        if (!IsA(first, String) || !IsA(last, String) || k > 3) {
            out->overflow = true;
        } else if (k == 1) {
            const char *sole = sole_relation(r.w, r.level);
            const char *key = sole ? sg__arena_printf(r.w->arena, ".%s", sole) : strVal(first);
            if (!key)
                fail(r.w);
            row_add(out, key ? key : "");
        } else {
            /* the item: `a` of `a.x`, `t` of `s.t.x` */
            const char *item = strVal(list_nth(c->fields, k - 2));
            const char *key = names_relation(r.w, item)
                                  ? sg__arena_printf(r.w->arena, ".%s", item)
                                  : sg__arena_printf(r.w->arena, ".%s.%s", item, strVal(last));
            if (!key)
                fail(r.w);
            row_add(out, key ? key : "");
        }
        return;
    }
    case T_A_Const:
        return;
    case T_ParamRef:
        /* a value of the caller's choosing, new at every call: alone it is
         * one name a statement; joined with a row's column (`'<Z' || (m.n +
         * %(k)s) || '>1'`) a name of each row for each value the caller
         * sends, which the session's cache keeps */
        row_add(out, "$");
        return;
    case T_SubLink: {
        const SubLink *sl = (const SubLink *)n;
        const SelectStmt *sel = sl->subselect && IsA(sl->subselect, SelectStmt)
                                    ? (const SelectStmt *)sl->subselect
                                    : NULL;
        if (sel && !sel->fromClause && sel->op == SETOP_NONE && !sel->valuesLists) {
            foreach (lc, sel->targetList)
                if (IsA(lfirst(lc), ResTarget))
                    rows_combined(((const ResTarget *)lfirst(lc))->val, joined, out);
            return;
        }
        const char *key = sg__arena_printf(r.w->arena, "(%d)", sl->location);
        if (!key)
            fail(r.w);
        row_add(out, key ? key : "");
        return;
    }
    case T_TypeCast:
        rows_combined(((const TypeCast *)n)->arg, inner, out);
        return;
    case T_CollateClause:
        rows_combined(((const CollateClause *)n)->arg, inner, out);
        return;
    case T_NamedArgExpr:
        rows_combined((const Node *)((const NamedArgExpr *)n)->arg, inner, out);
        return;
    case T_CoalesceExpr:
    case T_MinMaxExpr: {
        const List *args =
            IsA(n, CoalesceExpr) ? ((const CoalesceExpr *)n)->args : ((const MinMaxExpr *)n)->args;
        row_set most = {{0}, 0, false};
        foreach (lc, args) {
            alt = (row_set){{0}, 0, false};
            rows_combined(lfirst(lc), inner, &alt);
            rows_alternative(&most, &alt, r.alone);
        }
        rows_union(out, &most);
        return;
    }
    case T_CaseExpr: {
        const CaseExpr *c = (const CaseExpr *)n;
        row_set most = {{0}, 0, false};
        foreach (lc, c->args) {
            alt = (row_set){{0}, 0, false};
            if (IsA(lfirst(lc), CaseWhen))
                rows_combined((const Node *)((const CaseWhen *)lfirst(lc))->result, inner, &alt);
            else
                alt.overflow = true;
            rows_alternative(&most, &alt, r.alone);
        }
        alt = (row_set){{0}, 0, false};
        rows_combined((const Node *)c->defresult, inner, &alt);
        rows_alternative(&most, &alt, r.alone);
        rows_union(out, &most);
        return;
    }
    case T_A_Expr:
        if (((const A_Expr *)n)->kind == AEXPR_NULLIF) {
            rows_combined(((const A_Expr *)n)->lexpr, inner, out);
            return;
        }
        break;
    case T_FuncCall:
        /* a call of one argument keeps its value alone (`lower(...)`) */
        if (list_length(((const FuncCall *)n)->args) == 1) {
            rows_combined(linitial(((const FuncCall *)n)->args), inner, out);
            return;
        }
        break;
    default:
        break;
    }
    /* parts joined: read alone first; when no two parts hold rows, each
     * part's alternatives still stand alone (`'Europe/' || COALESCE(a.x,
     * b.y)`), else every alternative is joined with the others */
    row_set parts = {{0}, 0, false};
    rows_walk u = {inner, &parts, 0};
    raw_expression_tree_walker((Node *)n, union_rows, &u);
    if (u.holding > 1 && r.alone) {
        parts = (row_set){{0}, 0, false};
        u = (rows_walk){joined, &parts, 0};
        raw_expression_tree_walker((Node *)n, union_rows, &u);
    }
    rows_union(out, &parts);
}

/* Gathers the column references and calls of a time zone argument
 * (sg__funcarg.values_only); a sub-select with a FROM, too many of either
 * or too deep an expression is not read whole. */
static bool values_of(Node *n, void *context)
{
    value_parts *v = context;
    if (!n || !v->whole)
        return !v->whole;
    if (IsA(n, ColumnRef)) {
        if (v->count == VALUE_COLUMNS_MAX || sg__walk_expands(n))
            v->whole = false;
        else
            v->columns[v->count++] = ((const ColumnRef *)n)->location;
        return !v->whole;
    }
    if (IsA(n, SubLink)) {
        const SubLink *sl = (const SubLink *)n;
        const SelectStmt *sel = sl->subselect && IsA(sl->subselect, SelectStmt)
                                    ? (const SelectStmt *)sl->subselect
                                    : NULL;
        if (stored_lookup(v->w, sl, sel)) {
            /* a column looked up from tables: its output column, which the
             * rules resolve (a table's, or an outer item's) */
            const ResTarget *rt = linitial(sel->targetList);
            if (v->count == VALUE_COLUMNS_MAX)
                v->whole = false;
            else
                v->columns[v->count++] = picked_column(rt->val)->location;
            return !v->whole;
        }
        if (!sel || sel->fromClause || sel->op != SETOP_NONE || sel->valuesLists)
            v->whole = false;
    }
    if (IsA(n, FuncCall)) {
        const FuncCall *f = (const FuncCall *)n;
        const Node *last = list_length(f->funcname) ? llast(f->funcname) : NULL;
        /* a window call numbers or counts rows: a value of each */
        if (!last || !IsA(last, String) || v->call_count == VALUE_CALLS_MAX ||
            sg__names_outside_pg_catalog(f->funcname) || f->over)
            v->whole = false;
        else
            v->calls[v->call_count++] = strVal(last);
    }
    if (!v->whole || v->depth >= VALUE_DEPTH_MAX) {
        v->whole = false;
        return true;
    }
    v->depth++;
    bool stop = raw_expression_tree_walker(n, values_of, context);
    v->depth--;
    return stop;
}

/* Describes time zone argument `n` into `a` (values_only, value_columns,
 * value_calls). */
static void describe_zone(walk *w, Node *n, sg__funcarg *a)
{
    value_parts parts = {.w = w, .whole = true};
    a->zone = true;
    values_of(n, &parts);
    a->values_only = a->values_whole = parts.whole;
    pending_zone *z = a->values_only ? sg__vec_push(w->arena, &w->zones, sizeof *z) : NULL;
    if (a->values_only && !z) {
        fail(w);
        return;
    }
    if (z)
        *z = (pending_zone){a, n, w->level};
    if (!a->values_only)
        return;
    int *columns = parts.count ? sg__arena_alloc(w->arena, parts.count * sizeof *columns) : NULL;
    const char **calls =
        parts.call_count ? sg__arena_alloc(w->arena, parts.call_count * sizeof *calls) : NULL;
    if ((parts.count && !columns) || (parts.call_count && !calls)) {
        fail(w);
        return;
    }
    for (size_t i = 0; i < parts.call_count; i++)
        if (!(calls[i] = copy(w, parts.calls[i])))
            return;
    if (parts.count)
        memcpy(columns, parts.columns, parts.count * sizeof *columns);
    a->value_columns = columns;
    a->value_column_count = parts.count;
    a->value_calls = calls;
    a->value_call_count = parts.call_count;
    /* the columns of derived items are judged by whether they pass a
     * table's column on: that is worked out after the walk */
    w->work_call = w->work_call || parts.count;
}

/* The outputs of derived item `fi`'s plain select that are expressions,
 * each described as a time zone argument at the select's own level: a zone
 * argument may read such a column, which holds one row's stored names when
 * the expression would as a zone argument itself (`lower(a.region)`, a CASE
 * of constants over one column). Outputs after a `*` have names the walk
 * does not tell, and none is described then. */
static void describe_zone_outputs(walk *w, from_item *fi)
{
    const SelectStmt *s = fi->grow_select && IsA(fi->grow_select, SelectStmt)
                              ? (const SelectStmt *)fi->grow_select
                              : NULL;
    if (!s || s->op != SETOP_NONE || s->valuesLists || fi->grow_level < 0 ||
        (size_t)fi->grow_level >= w->levels.count)
        return;
    size_t count = (size_t)list_length(s->targetList), renamed = 0;
    const ListCell *lc;
    foreach (lc, s->targetList) {
        const ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->val || sg__walk_expands(rt->val))
            return;
    }
    const char **names = sg__arena_alloc(w->arena, (count + 1) * sizeof *names);
    sg__funcarg *values = sg__arena_alloc(w->arena, (count + 1) * sizeof *values);
    if (!names || !values) {
        fail(w);
        return;
    }
    int level = w->level;
    w->level = fi->grow_level;
    size_t n = 0;
    foreach (lc, s->targetList) {
        const ResTarget *rt = lfirst(lc);
        const char *name = renamed < (size_t)list_length(fi->grow_aliases)
                               ? strVal(list_nth(fi->grow_aliases, (int)renamed))
                           : rt->name ? rt->name
                                      : sg__walk_figure_colname(rt->val);
        renamed++;
        const Node *bare = sg__walk_uncast_keeping(rt->val);
        if (!name || (bare && IsA(bare, ColumnRef)))
            continue; /* a column passed on: row.stored says */
        memset(&values[n], 0, sizeof values[n]);
        values[n].location = -1;
        values[n].stored_column = -1;
        describe_zone(w, rt->val, &values[n]);
        /* the name outlives the parse tree it points into */
        const char *kept = copy(w, name);
        if (!kept || w->failed)
            break;
        names[n++] = kept;
    }
    w->level = level;
    fi->zone_names = names;
    fi->zone_values = values;
    fi->zone_count = n;
}

void sg__walk_finish_zones(walk *w)
{
    /* the expressions a derived item's columns are, where a zone argument
     * may read them: described at their levels, finished with the others */
    for (size_t i = 0; w->zones.count && i < w->from_items.count && !w->failed; i++) {
        from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->relref < 0 && !fi->excluded && !fi->join_alias)
            describe_zone_outputs(w, fi);
    }
    for (size_t i = 0; i < w->zones.count && !w->failed; i++) {
        const pending_zone *z = &SG__VEC_AT(w->zones, pending_zone, i);
        row_set rows = {{0}, 0, false};
        rows_combined(z->expr, (rows_read){w, z->level, 0, true}, &rows);
        z->arg->values_only = z->arg->values_only && rows_size(&rows) <= 1;
    }
}

void sg__walk_describe_value(walk *w, Node *n, sg__funcarg *a)
{
    describe_arg(w, n, a);
    /* a column looked up from tables (`(SELECT name FROM users WHERE id =
     * $1)`) is that column's value: its growth is its reference's */
    const Node *bare = sg__walk_uncast(n);
    const SubLink *sl = bare && IsA(bare, SubLink) ? (const SubLink *)bare : NULL;
    if (sl && sl->subselect && IsA(sl->subselect, SelectStmt) &&
        stored_lookup(w, sl, (const SelectStmt *)sl->subselect)) {
        a->kind = SG_ARG_COLUMN;
        describe_zone(w, n, a);
        a->zone = false;
        return;
    }
    /* a constant under a cast that changes its text's length, and a
     * number, are judged by what they print, as a call's arguments are */
    bare = sg__walk_uncast_keeping(n);
    if (bare && (IsA(bare, TypeCast) || a->kind == SG_ARG_NUMBER)) {
        a->kind = SG_ARG_OTHER;
        a->param = 0;
    }
    if (a->kind == SG_ARG_OTHER && a->param == 0)
        sg__walk_describe_text_bound(w, n, a);
    describe_zone(w, n, a);
    a->zone = false; /* a value written, not a call's argument */
}

/* Whether a cast is to pg_catalog's bytea (not an array of it). */
static bool cast_to_bytea(const TypeCast *tc)
{
    const TypeName *t = tc->typeName;
    return t && t->names && !t->arrayBounds && !t->setof && !t->pct_type &&
           IsA(llast(t->names), String) && strcmp(strVal(llast(t->names)), "bytea") == 0 &&
           !sg__names_outside_pg_catalog(t->names);
}

/* Describes argument `arg` of a call into *a; for a call whose work its
 * arguments' lengths bound (`work`), by what the argument prints. */
static void describe_call_arg(walk *w, Node *arg, sg__funcarg *a, bool work)
{
    /* a bytea's work is in its bytes, which its text input (hex or
     * escapes) has at least as many characters as */
    if (work && arg && IsA(arg, TypeCast) && cast_to_bytea((const TypeCast *)arg))
        arg = ((TypeCast *)arg)->arg;
    describe_arg(w, arg, a);
    /* a constant, parameter or column under a cast that changes its
     * text's length (`%(p)s::char(100000)`, `x::numeric`), and a number
     * (`1e131071` prints its digits), is judged as an expression, by
     * what it prints */
    const Node *bare = work ? sg__walk_uncast_keeping(arg) : NULL;
    if (bare && (IsA(bare, TypeCast) || a->kind == SG_ARG_NUMBER)) {
        a->kind = SG_ARG_OTHER;
        a->param = 0;
    } else if (bare && IsA(bare, ParamRef) && a->param > 0) {
        a->cast = NULL; /* casts that keep its text (`::text[]`, `::json`): its own length */
    }
    if (work && a->kind == SG_ARG_OTHER && a->param == 0)
        sg__walk_describe_text_bound(w, arg, a);
}

/* A JSON document given as a parameter, cast or not (`%(j)s::jsonb`), is
 * read as that parameter's text, whatever its cast prints. */
static void keep_document_param(const Node *arg, sg__funcarg *a)
{
    const Node *bare = sg__walk_uncast(arg);
    if (a->param == 0 && bare && IsA(bare, ParamRef))
        a->param = ((const ParamRef *)bare)->number;
}

/* The `n` operands of the operator (or cast) just recorded as a call, as
 * its arguments, operand i described as a text-bounded call's where bit i
 * of `work` is set; NULL when the walk failed. */
static sg__funcarg *record_operands(walk *w, Node *const *operands, int n, unsigned work)
{
    if (w->failed)
        return NULL;
    sg__funcref *fn = &SG__VEC_AT(w->facts->funcs, sg__funcref, w->facts->funcs.count - 1);
    sg__funcarg *args = sg__arena_alloc(w->arena, (size_t)n * sizeof *args);
    if (!args) {
        fail(w);
        return NULL;
    }
    w->work_call = w->work_call || work;
    for (int i = 0; i < n; i++)
        describe_call_arg(w, operands[i], &args[i], (work >> i & 1) != 0);
    fn->args = args;
    fn->arg_count = (size_t)n;
    return args;
}

void sg__walk_record_operands(walk *w, Node *left, Node *right, bool right_unbounded)
{
    Node *const operands[] = {left, right};
    sg__funcarg *args = record_operands(w, operands, 2, 3);
    if (args && right_unbounded) {
        args[1].kind = SG_ARG_OTHER;
        args[1].param = 0;
        args[1].text_grows = true;
    }
}

void sg__walk_record_operator_args(walk *w, Node *left, Node *right)
{
    Node *const operands[] = {left, right};
    sg__funcarg *args = record_operands(w, operands, 2, 1); /* the document by its text */
    if (args)
        keep_document_param(left, &args[0]);
}

void sg__walk_record_operand(walk *w, Node *arg)
{
    record_operands(w, &arg, 1, 1);
}

/* Whether `n` is an integer constant of at most 1000 either way. */
static bool small_integer(const Node *n)
{
    const A_Const *k = n && IsA(n, A_Const) ? (const A_Const *)n : NULL;
    return k && !k->isnull && nodeTag(&k->val) == T_Integer && k->val.ival.ival <= 1000 &&
           k->val.ival.ival >= -1000;
}

/* Whether an argument that sizes what a call makes (not a constant, nor a
 * parameter) is a stored length: `length(col)` (char_length, octet_length)
 * of a plain column, plus or minus an integer constant of at most 1000, or
 * GREATEST or LEAST of one such and such constants (`greatest(length(name)
 * - 4, 0)` of a mask); the column's place in *column, the rules tell
 * whether it is a table's. Any other expression (`greatest(length(c), $1)`,
 * `$1 * 2`) is the caller's to size. */
static bool stored_length(const Node *n, int *column)
{
    static const char *const lengths[] = {"length", "char_length", "character_length",
                                          "octet_length"};
    if (n && IsA(n, MinMaxExpr)) {
        const Node *length = NULL;
        const ListCell *lc;
        foreach (lc, ((const MinMaxExpr *)n)->args) {
            const Node *arg = lfirst(lc);
            if (small_integer(arg))
                continue;
            if (length || IsA(arg, MinMaxExpr))
                return false; /* one stored length, and no nesting */
            length = arg;
        }
        return length && stored_length(length, column);
    }
    if (n && IsA(n, A_Expr)) {
        const A_Expr *e = (const A_Expr *)n;
        static const char *const ops[] = {"+", "-"};
        if (e->kind != AEXPR_OP || !e->lexpr || !small_integer(e->rexpr) ||
            !sg__walk_operator_is(e->name, ops, 2))
            return false;
        n = e->lexpr;
    }
    const FuncCall *f = n && IsA(n, FuncCall) ? (const FuncCall *)n : NULL;
    const char *name = f && !f->over && !f->agg_star && !f->func_variadic &&
                               list_length(f->args) == 1 &&
                               !sg__names_outside_pg_catalog(f->funcname)
                           ? sg__walk_call_name(f)
                           : NULL;
    const ColumnRef *c = name && sg__walk_name_in(name, lengths, sizeof lengths / sizeof lengths[0])
                             ? sg__walk_plain_column(linitial(f->args))
                             : NULL;
    if (c)
        *column = c->location;
    return c != NULL;
}

/* Whether call `f`'s arguments size what it makes: repeat's and lpad's and
 * rpad's length, format's widths and format string. */
static bool sizing_call(const FuncCall *f)
{
    static const char *const names[] = {"repeat", "lpad", "rpad", "format"};
    const char *name = sg__walk_call_name(f);
    return name && sg__walk_name_in(name, names, sizeof names / sizeof names[0]);
}

/* Whether call `f` gathers rows into one value (string_agg, array_agg, the
 * json aggregates, xmlagg): a value the statement may make long, which the
 * places that read it read whole. */
static bool gathering_call(const FuncCall *f)
{
    static const char *const names[] = {"array_agg", "json_agg",   "json_object_agg",
                                        "jsonb_agg", "string_agg", "jsonb_object_agg",
                                        "xmlagg"};
    const char *name = sg__walk_call_name(f);
    return name && sg__walk_name_in(name, names, sizeof names / sizeof names[0]);
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
    bool work = sg__walk_work_bounded_call(f);
    bool sizing = sizing_call(f);
    /* array_fill's value is copied into every element: its text's bound
     * counts (`repeat('a', 999)`, `''::char(999)`, `1e-1000`); so does the
     * document jsonb_pretty prints or a jsonpath function reads */
    static const char *const fill[] = {"array_fill",
                                       "jsonb_pretty",
                                       "jsonb_path_query",
                                       "jsonb_path_query_array",
                                       "jsonb_path_query_first",
                                       "jsonb_path_exists",
                                       "jsonb_path_match",
                                       "jsonb_path_query_tz",
                                       "jsonb_path_query_array_tz",
                                       "jsonb_path_query_first_tz",
                                       "jsonb_path_exists_tz",
                                       "jsonb_path_match_tz"};
    const char *own = sg__walk_call_name(f);
    bool fills = own && sg__walk_name_in(own, fill, sizeof fill / sizeof fill[0]);
    /* what a FROM item's columns may hold is worked out for these calls
     * (repeat's text may be such a column, an aggregate's value read in
     * many places, a document a WITH query passes on) */
    w->work_call = w->work_call || work || sizing || fills || gathering_call(f);
    for (int i = 0; i < n; i++) {
        describe_call_arg(w, list_nth(f->args, i), &args[i], work || (fills && i == 0));
        if (fills && i == 0 && own[0] == 'j')
            keep_document_param(list_nth(f->args, i), &args[i]);
        args[i].stored_column = -1;
        if (sizing && args[i].kind == SG_ARG_OTHER && args[i].param == 0)
            args[i].caller_value = !stored_length(list_nth(f->args, i), &args[i].stored_column);
    }
    int zone = zone_argument(f);
    if (zone >= 0)
        describe_zone(w, list_nth(f->args, zone), &args[zone]);
    w->call_first_arg = linitial(f->args);
    fn->args = args;
    fn->arg_count = (size_t)n;
}

/* ---- parameters compared with columns ---------------------------------------------------- */

bool sg__walk_operator_is(List *name, const char *const *ops, size_t n)
{
    Node *last = list_length(name) ? llast(name) : NULL;
    return last && IsA(last, String) && sg__walk_name_in(strVal(last), ops, n) &&
           !sg__names_outside_pg_catalog(name);
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

void sg__walk_record_query_param(walk *w, const A_Expr *e)
{
    static const char *const match[] = {"@@", "@@@"};
    if (e->kind != AEXPR_OP || !sg__walk_operator_is(e->name, match, 2))
        return;
    const Node *sides[2] = {e->lexpr, e->rexpr};
    for (size_t i = 0; i < 2; i++) {
        const Node *n = sides[i];
        if (n && IsA(n, TypeCast)) {
            /* text @@ text builds plainto_tsquery of it; a tsquery cast is
             * the type's fact, and a tsvector no query */
            const TypeName *t = ((const TypeCast *)n)->typeName;
            const Node *last = t && t->names ? llast(t->names) : NULL;
            const char *type = last && IsA(last, String) ? strVal(last) : "";
            if (strcmp(type, "text") != 0 && strcmp(type, "varchar") != 0)
                continue;
            n = ((const TypeCast *)n)->arg;
        }
        if (!n || !IsA(n, ParamRef))
            continue;
        sg__paramref *p = sg__vec_push(w->arena, &w->facts->query_params, sizeof *p);
        if (!p) {
            fail(w);
            return;
        }
        *p = (sg__paramref){((const ParamRef *)n)->number, ((const ParamRef *)n)->location, false};
    }
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
        bool eq = e->kind == AEXPR_OP && sg__walk_operator_is(e->name, equal, 1);
        if (!eq && e->kind == AEXPR_OP && !sg__walk_operator_is(e->name, order, 6))
            return;
        sg__param_cmp_kind kind = eq ? SG_PCMP_EQUAL : SG_PCMP_ORDER;
        if (l && IsA(l, ColumnRef))
            push_cmp(w, (ColumnRef *)l, r, kind);
        else if (r && IsA(r, ColumnRef))
            push_cmp(w, (ColumnRef *)r, l, kind);
        return;
    }
    case AEXPR_OP_ANY:
        if (l && IsA(l, ColumnRef) && sg__walk_operator_is(e->name, equal, 1))
            push_cmp(w, (ColumnRef *)l, r, SG_PCMP_ANY);
        return;
    case AEXPR_IN:
    case AEXPR_BETWEEN:
    case AEXPR_NOT_BETWEEN: {
        if (!l || !IsA(l, ColumnRef) || !r || !IsA(r, List))
            return;
        bool in = e->kind == AEXPR_IN;
        if (in && !sg__walk_operator_is(e->name, equal, 1) &&
            !sg__walk_operator_is(e->name, order, 1))
            return; /* IN is "=", NOT IN "<>" */
        ListCell *lc;
        foreach (lc, (List *)r)
            push_cmp(w, (ColumnRef *)l, lfirst(lc),
                     in && sg__walk_operator_is(e->name, equal, 1) ? SG_PCMP_EQUAL : SG_PCMP_ORDER);
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
