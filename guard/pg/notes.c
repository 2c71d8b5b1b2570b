/*
 * notes.c - what the walker notes about expressions, as facts: the types a
 * statement names, columns compared with literals and parameters, the
 * constant arguments of calls (and the casts on them), text bounds and xml
 * places. It records; the rules judge. The WHERE's pins are pins.c's.
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
    r->param = 0;
    r->param_location = -1;
    if (w->param_cast && w->param_cast->typeName == t) {
        const ParamRef *p = (const ParamRef *)w->param_cast->arg;
        r->param = p->number;
        r->param_location = p->location;
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

enum { TEXT_PARAMS_MAX = 16, TEXT_COLUMNS_MAX = 16, TEXT_DEPTH_MAX = 32 };

/* What bounds the text an expression makes, gathered by text_bound(). */
typedef struct text_parts {
    size_t chars;
    int params[TEXT_PARAMS_MAX];
    size_t param_count;
    /* the column references counted as one character each (the first
     * TEXT_COLUMNS_MAX of them kept), a reference counted twice twice */
    const ColumnRef *columns[TEXT_COLUMNS_MAX];
    size_t column_count;
} text_parts;

/* Notes a column reference among `parts`' columns. */
static void add_column(text_parts *parts, const ColumnRef *c)
{
    if (parts->column_count < TEXT_COLUMNS_MAX)
        parts->columns[parts->column_count] = c;
    parts->column_count++;
}

/* Whether `f` is a pg_catalog function whose text is no longer than its
 * arguments' together (case, trimming, cutting, joining). */
static bool joins_its_arguments(const FuncCall *f)
{
    static const char *const names[] = {"lower",  "upper",     "initcap",   "btrim",  "ltrim",
                                        "rtrim",  "substr",    "substring", "left",   "right",
                                        "concat", "translate", "text",      "varchar"};
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

static bool text_bound(const Node *n, text_parts *parts, unsigned depth);

static bool text_bound_times(const Node *n, size_t copies, text_parts *parts, unsigned depth);

/* format()'s text, format_without_widths() holding: the format string, each
 * argument once for a %s and twice for a %I or %L (quoting doubles a quote)
 * with the two quotes and an E besides; an argument no specifier takes
 * counts once. */
static bool format_bound(const FuncCall *f, text_parts *parts, unsigned depth)
{
    if (f->func_variadic)
        return false;
    const char *fmt = ((const A_Const *)linitial(f->args))->val.sval.sval;
    parts->chars += strlen(fmt);
    const char *p = strchr(fmt, '%');
    for (int i = 1; i < list_length(f->args); i++) {
        while (p && p[1] == '%')
            p = strchr(p + 2, '%');
        bool quoted = p && (p[1] == 'I' || p[1] == 'L');
        if (p)
            p = strchr(p + 2, '%');
        if (!text_bound_times(list_nth(f->args, i), quoted ? 2 : 1, parts, depth))
            return false;
        parts->chars += quoted ? 3 : 0;
    }
    return true;
}

/* concat_ws(sep, a, b, ...)'s text: each argument once and the separator
 * between each two, as many times as that (a separator of a parameter more
 * than a few times has no bound kept). False for any other call. */
static bool concat_ws_bound(const FuncCall *f, text_parts *parts, unsigned depth)
{
    const Node *last = list_length(f->funcname) ? llast(f->funcname) : NULL;
    int n = list_length(f->args);
    if (!last || !IsA(last, String) || strcmp(strVal(last), "concat_ws") != 0 ||
        list_length(f->funcname) > 2 || sg__names_outside_pg_catalog(f->funcname) ||
        f->func_variadic || f->agg_star || f->over || f->agg_order || n < 1)
        return false;
    if (!text_bound_times(linitial(f->args), n > 2 ? (size_t)(n - 2) : 0, parts, depth))
        return false;
    for (int i = 1; i < n; i++)
        if (!text_bound(list_nth(f->args, i), parts, depth + 1))
            return false;
    return true;
}

/* The last name of a call of pg_catalog's (qualified so or not) that is no
 * aggregate or window call, or NULL. */
static const char *plain_call(const FuncCall *f)
{
    if (f->agg_star || f->over || f->agg_order || f->agg_filter || list_length(f->funcname) > 2 ||
        sg__names_outside_pg_catalog(f->funcname) || !IsA(llast(f->funcname), String))
        return NULL;
    return strVal(llast(f->funcname));
}

/* A string constant's characters, or -1 when `n` is none. */
static long string_constant(const Node *n)
{
    if (n && IsA(n, TypeCast))
        n = ((const TypeCast *)n)->arg;
    if (!n || !IsA(n, A_Const) || ((const A_Const *)n)->isnull ||
        nodeTag(&((const A_Const *)n)->val) != T_String)
        return -1;
    long count = 0;
    for (const unsigned char *s = (const unsigned char *)((const A_Const *)n)->val.sval.sval; *s;
         s++)
        count += (*s & 0xC0) != 0x80;
    return count;
}

/* Adds `copies` times the bound of `n`'s text to `parts`; false when it has
 * none, or its parameters would be too many to list. */
static bool text_bound_times(const Node *n, size_t copies, text_parts *parts, unsigned depth)
{
    text_parts one = {0};
    if (!text_bound(n, &one, depth + 1) ||
        parts->param_count + copies * one.param_count > TEXT_PARAMS_MAX)
        return false;
    for (size_t k = 0; k < copies; k++) {
        parts->chars += one.chars;
        for (size_t i = 0; i < one.param_count; i++)
            parts->params[parts->param_count++] = one.params[i];
        for (size_t i = 0; i < one.column_count; i++)
            add_column(parts, one.columns[i < TEXT_COLUMNS_MAX ? i : 0]);
    }
    return true;
}

/* The text of a call whose result a constant multiple of its first
 * argument bounds: replace(s, 'from', 'to') at most |s| * ceil(|to| /
 * |from|) (each match of a non-empty `from` becomes `to`), regexp_replace(s,
 * 're', 'rep'[, flags]) at most |s| + (|s| + 1) * |rep| (a match, even an
 * empty one, becomes `rep`, which holds no back-reference), and split_part,
 * unistr and the like no more than |s|, lpad and rpad a constant length.
 * False for any other call, or arguments it cannot read. */
static bool multiple_of_first(const FuncCall *f, text_parts *parts, unsigned depth)
{
    enum { COPIES_MAX = 8 };
    const char *name = plain_call(f);
    int n = list_length(f->args);
    if (!name || n < 1)
        return false;
    const Node *s = linitial(f->args);
    if (strcmp(name, "replace") == 0 && n == 3) {
        long from = string_constant(lsecond(f->args)), to = string_constant(lthird(f->args));
        if (from < 1 || to < 0)
            return false;
        size_t copies = to <= from ? 1 : (size_t)((to + from - 1) / from);
        return copies <= COPIES_MAX && text_bound_times(s, copies, parts, depth);
    }
    if (strcmp(name, "regexp_replace") == 0 && (n == 3 || n == 4)) {
        const Node *r = lthird(f->args);
        if (r && IsA(r, TypeCast))
            r = ((const TypeCast *)r)->arg;
        long rep = string_constant(r);
        if (string_constant(lsecond(f->args)) < 0 || rep < 0 || rep + 1 > COPIES_MAX ||
            strchr(((const A_Const *)r)->val.sval.sval, '\\') ||
            (n == 4 && string_constant(lfourth(f->args)) < 0))
            return false;
        if (!text_bound_times(s, (size_t)rep + 1, parts, depth))
            return false;
        parts->chars += (size_t)rep;
        return true;
    }
    /* lpad and rpad make exactly as many characters as a constant length
     * says (func.resource-bound's `max` bounds the constant itself) */
    if ((strcmp(name, "lpad") == 0 || strcmp(name, "rpad") == 0) && (n == 2 || n == 3)) {
        const A_Const *len = lsecond(f->args);
        if (!IsA(len, A_Const) || len->isnull || nodeTag(&len->val) != T_Integer)
            return false;
        parts->chars += intVal(&len->val) > 0 ? (size_t)intVal(&len->val) : 0;
        return true;
    }
    static const char *const shorter[] = {
        "split_part", "unistr", "quote_ident", "quote_literal", "quote_nullable", "md5", "reverse"};
    for (size_t i = 0; i < sizeof shorter / sizeof shorter[0]; i++) {
        if (strcmp(name, shorter[i]) != 0)
            continue;
        if (strcmp(name, "md5") == 0) {
            parts->chars += 32;
            return true;
        }
        /* quoting doubles each quote at worst, and adds two */
        bool quotes = strncmp(name, "quote_", 6) == 0;
        parts->chars += quotes ? 6 : 0;
        return text_bound_times(s, quotes ? 2 : 1, parts, depth);
    }
    return false;
}

/* text_bound() of every expression of `list`, together. */
static bool list_bound(const List *list, text_parts *parts, unsigned depth)
{
    const ListCell *lc;
    foreach (lc, list)
        if (!text_bound(lfirst(lc), parts, depth + 1))
            return false;
    return true;
}

/* Adds to `parts` what bounds the text of `n`: constants' characters,
 * parameters, a column (or an element or field of one) as one character,
 * joined by ||, casts, COLLATE, COALESCE, CASE, GREATEST, LEAST and NULLIF
 * (every branch counted), the functions of joins_its_arguments() and those
 * multiple_of_first() bounds; false for anything else (a call that may make
 * text longer, such as repeat or format). */
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
        add_column(parts, (const ColumnRef *)n);
        return true;
    case T_A_Indirection: {
        /* an element, slice or field of a column: stored data too */
        const A_Indirection *ind = (const A_Indirection *)n;
        if (!ind->arg || !IsA(ind->arg, ColumnRef))
            return false;
        ListCell *lc;
        foreach (lc, ind->indirection) {
            const A_Indices *ix = lfirst(lc);
            if (!IsA(ix, A_Indices) || (ix->lidx && !IsA(ix->lidx, A_Const)) ||
                (ix->uidx && !IsA(ix->uidx, A_Const)))
                return false;
        }
        parts->chars += 1;
        return true;
    }
    case T_CaseExpr: {
        const CaseExpr *c = (const CaseExpr *)n;
        ListCell *lc;
        foreach (lc, c->args)
            if (!IsA(lfirst(lc), CaseWhen) ||
                !text_bound((const Node *)((const CaseWhen *)lfirst(lc))->result, parts, depth + 1))
                return false;
        return !c->defresult || text_bound((const Node *)c->defresult, parts, depth + 1);
    }
    case T_MinMaxExpr:
        return list_bound(((const MinMaxExpr *)n)->args, parts, depth);
    case T_TypeCast:
        return text_bound(((const TypeCast *)n)->arg, parts, depth + 1);
    case T_CollateClause:
        return text_bound(((const CollateClause *)n)->arg, parts, depth + 1);
    case T_A_Expr: {
        const A_Expr *e = (const A_Expr *)n;
        const Node *op = list_length(e->name) == 1 ? linitial(e->name) : NULL;
        if (e->kind == AEXPR_NULLIF) /* its first operand, or NULL */
            return text_bound(e->lexpr, parts, depth + 1);
        return e->kind == AEXPR_OP && op && IsA(op, String) && strcmp(strVal(op), "||") == 0 &&
               text_bound(e->lexpr, parts, depth + 1) && text_bound(e->rexpr, parts, depth + 1);
    }
    case T_CoalesceExpr:
        return list_bound(((const CoalesceExpr *)n)->args, parts, depth);
    case T_FuncCall: {
        const FuncCall *f = (const FuncCall *)n;
        if (multiple_of_first(f, parts, depth))
            return true;
        if (format_without_widths(f))
            return format_bound(f, parts, depth);
        if (concat_ws_bound(f, parts, depth))
            return true;
        return joins_its_arguments(f) && !f->func_variadic && list_bound(f->args, parts, depth);
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

/* Whether call `f` may make its text a multiple of its arguments' that
 * text_bound() does not bound: a replace or regexp_replace whose
 * replacement is no constant, or too long, or holds a back-reference (each
 * nesting multiplies, even of short constants: `replace(replace(x, 'a', x),
 * 'a', x)`), a concat_ws whose text has no bound kept (the separator goes
 * between every two arguments), and an array_to_string of anything but a
 * column with a short constant delimiter. */
static bool multiplies(const FuncCall *f, unsigned depth)
{
    const char *name = plain_call(f);
    if (!name)
        return false;
    if (strcmp(name, "replace") == 0 || strcmp(name, "regexp_replace") == 0) {
        text_parts scratch = {0};
        return !multiple_of_first(f, &scratch, depth);
    }
    if (strcmp(name, "concat_ws") == 0) { /* its separator as many times as it separates */
        text_parts scratch = {0};
        return !concat_ws_bound(f, &scratch, depth);
    }
    if (strcmp(name, "array_to_string") != 0)
        return false;
    int n = list_length(f->args);
    if (n < 2 || n > 3 || !IsA(linitial(f->args), ColumnRef))
        return true;
    long delimiter = string_constant(lsecond(f->args));
    long null_text = n == 3 ? string_constant(lthird(f->args)) : 0;
    return delimiter < 0 || delimiter > 8 || null_text < 0 || null_text > 8;
}

/* Whether an expression whose text text_bound() cannot bound may still be
 * long by the statement's own doing: it holds a parameter, a long constant,
 * a call that makes text (repeat, lpad, format, ...) or an aggregate that
 * gathers many rows' values into one (array_agg, json_agg, string_agg,
 * ...); made of columns and short constants through known functions, it is
 * stored data, which counts as a column does. Unknown node types count as
 * long. */
static bool may_grow(const Node *n, unsigned depth);

/* may_grow() of any expression of `list`. */
static bool list_may_grow(const List *list, unsigned depth)
{
    const ListCell *lc;
    foreach (lc, list)
        if (may_grow(lfirst(lc), depth + 1))
            return true;
    return false;
}

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
        static const char *const makers[] = {"repeat",
                                             "lpad",
                                             "rpad",
                                             "format",
                                             "array_fill",
                                             "overlay",
                                             "string_agg",
                                             "array_agg",
                                             "json_agg",
                                             "jsonb_agg",
                                             "json_agg_strict",
                                             "jsonb_agg_strict",
                                             "json_object_agg",
                                             "jsonb_object_agg",
                                             "json_object_agg_strict",
                                             "jsonb_object_agg_strict",
                                             "json_object_agg_unique",
                                             "jsonb_object_agg_unique",
                                             "json_object_agg_unique_strict",
                                             "jsonb_object_agg_unique_strict",
                                             "xmlagg",
                                             "range_agg",
                                             "json_objectagg",
                                             "json_arrayagg"};
        const FuncCall *f = (const FuncCall *)n;
        const Node *last = list_length(f->funcname) ? llast(f->funcname) : NULL;
        if (!last || !IsA(last, String))
            return true;
        for (size_t i = 0; i < sizeof makers / sizeof makers[0]; i++)
            if (strcmp(strVal(last), makers[i]) == 0)
                return true;
        return multiplies(f, depth) || list_may_grow(f->args, depth);
    }
    case T_CoalesceExpr:
        return list_may_grow(((const CoalesceExpr *)n)->args, depth);
    case T_MinMaxExpr:
        return list_may_grow(((const MinMaxExpr *)n)->args, depth);
    case T_CaseExpr: {
        const CaseExpr *c = (const CaseExpr *)n;
        foreach (lc, c->args)
            if (!IsA(lfirst(lc), CaseWhen) ||
                may_grow((const Node *)((const CaseWhen *)lfirst(lc))->result, depth + 1))
                return true;
        return may_grow((const Node *)c->defresult, depth + 1);
    }
    case T_A_Indirection: {
        /* an element or field of stored data is stored data */
        const A_Indirection *ind = (const A_Indirection *)n;
        foreach (lc, ind->indirection)
            if (!IsA(lfirst(lc), A_Indices) && !IsA(lfirst(lc), String))
                return true;
        return may_grow(ind->arg, depth + 1);
    }
    default:
        return true;
    }
}

bool sg__walk_text_may_grow(const Node *n)
{
    return may_grow(n, 0);
}

int sg__walk_text_param(const Node *n)
{
    text_parts parts = {0};
    return text_bound(n, &parts, 0) && parts.param_count == 1 && !parts.column_count &&
                   parts.chars <= 64
               ? parts.params[0]
               : 0;
}

size_t sg__walk_text_columns(const Node *n, const ColumnRef **out, size_t max)
{
    text_parts parts = {0};
    if (!text_bound(n, &parts, 0))
        return 0;
    for (size_t i = 0; i < parts.column_count && i < max && i < TEXT_COLUMNS_MAX; i++)
        out[i] = parts.columns[i];
    return parts.column_count;
}

/* The bound of an expression argument's text, for work_bounded_call()s. */
static void describe_text_bound(walk *w, const Node *n, sg__funcarg *a)
{
    text_parts parts = {0};
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
    w->work_call = w->work_call || work;
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

bool sg__walk_operator_is(List *name, const char *const *ops, size_t n)
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
