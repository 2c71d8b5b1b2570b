/*
 * textbound.c - how long the text of an expression can be, for the calls
 * whose work grows faster than their input and that PostgreSQL cannot
 * interrupt (func.resource-bound): a bound made of constants' lengths,
 * parameters' values and stored columns, or whether the statement may make
 * it long (a parameter, a call that builds or gathers text). It describes;
 * the rule judges. names.c asks the same of the columns a statement makes.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <string.h>

#include "nodes/nodeFuncs.h"
#include "pg/walk.h"

enum { TEXT_PARAMS_MAX = 32, TEXT_COLUMNS_MAX = 16, TEXT_DEPTH_MAX = 32 };

/* What bounds the text an expression makes, gathered by text_bound(). */
typedef struct text_parts {
    size_t chars;
    int params[TEXT_PARAMS_MAX];
    bool numeric[TEXT_PARAMS_MAX]; /* params[i] is read as a number */
    size_t param_count;
    /* the column references counted as one character each (the first
     * TEXT_COLUMNS_MAX of them kept), a reference counted twice twice */
    const ColumnRef *columns[TEXT_COLUMNS_MAX];
    size_t column_count;
} text_parts;

/* How the text of a cast's value compares with its operand's (cast_effect). */
typedef enum {
    CAST_KEEPS,   /* the same: a string type without a length, json, their arrays */
    CAST_WIDTH,   /* at most `width` characters whatever the operand */
    CAST_DOUBLES, /* at most twice the operand's: numeric or jsonb of a number written out */
    CAST_LONG     /* no bound from the operand */
} cast_kind;

/* The text a type without a length prints in at most this many characters
 * (integers, floats, dates and times, intervals, uuid, network addresses);
 * a length or bit count of more makes a long value where it is made. */
enum { FIXED_WIDTH = 64, WIDE = 4096, NUMERIC_TEXT_MAX = 147460 };

/* Whether text `t` holds a number written with an exponent (a digit, then
 * e or E, a sign or not, and a digit: '9e130000'), which numeric and jsonb
 * print as that many digits. */
static bool has_exponent(const char *t)
{
    for (const char *p = t; (p = strpbrk(p, "eE")) != NULL; p++) {
        const char *q = p + 1;
        if (*q == '+' || *q == '-')
            q++;
        /* after a digit, or a point after one ('9.e130000') */
        const char *d = p > t && p[-1] == '.' ? p - 1 : p;
        if (d > t && d[-1] >= '0' && d[-1] <= '9' && *q >= '0' && *q <= '9')
            return true;
    }
    return false;
}

/* Whether string constant or number `c` is written without an exponent. */
static bool without_exponent(const Node *c)
{
    if (!c || !IsA(c, A_Const) || ((const A_Const *)c)->isnull)
        return false;
    const A_Const *k = (const A_Const *)c;
    if (nodeTag(&k->val) == T_Integer)
        return true;
    const char *t = nodeTag(&k->val) == T_String  ? k->val.sval.sval
                    : nodeTag(&k->val) == T_Float ? k->val.fval.fval
                                                  : NULL;
    return t && !has_exponent(t);
}

/* How the cast `tc` changes the length of its operand's text as the value
 * prints: a string type (text, varchar, bpchar without a length, citext,
 * json, unknown, and arrays of them) keeps it; a length or bit count n
 * (char(n), varchar(n), bit(n), varbit(n)) pads or cuts it to n; a type of
 * bounded text (integers, floats, dates, times, uuid, ...) prints at most
 * FIXED_WIDTH characters; numeric and jsonb print a number's exponent as
 * digits (`'9e130000'::numeric` is 130,001 characters), bytea as hex, and
 * other types with quotes and escapes: no bound, but for a constant written
 * without an exponent. A type outside pg_catalog is no known one. */
static cast_kind cast_effect(const TypeCast *tc, size_t *width)
{
    static const char *const keeps[] = {"text", "varchar", "bpchar", "citext", "json", "unknown"};
    static const char *const sized[] = {"bpchar", "varchar", "bit", "varbit"};
    static const char *const fixed[] = {
        "int2",  "int4", "int8",   "oid",       "float4",      "float8",   "bool",
        "date",  "time", "timetz", "timestamp", "timestamptz", "interval", "uuid",
        "money", "inet", "cidr",   "macaddr",   "macaddr8",    "pg_lsn",   "name",
        "char",  "xid",  "xid8",   "cid",       "tid"};
    const TypeName *t = tc->typeName;
    *width = 0;
    if (!t || !t->names || t->setof || t->pct_type || !IsA(llast(t->names), String) ||
        sg__names_outside_pg_catalog(t->names))
        return CAST_LONG;
    const char *name = strVal(llast(t->names));
    const Node *mod = list_length(t->typmods) == 1 ? linitial(t->typmods) : NULL;
    bool array = t->arrayBounds != NIL;
    if (t->typmods) {
        for (size_t i = 0; !array && mod && i < sizeof sized / sizeof sized[0]; i++)
            if (strcmp(name, sized[i]) == 0 && IsA(mod, A_Const) &&
                nodeTag(&((const A_Const *)mod)->val) == T_Integer &&
                ((const A_Const *)mod)->val.ival.ival >= 0) {
                *width = (size_t)((const A_Const *)mod)->val.ival.ival;
                return CAST_WIDTH;
            }
        /* numeric(p, s) prints p digits, and a scale past them (or below
         * zero) as zeros, a sign and a point at most */
        const Node *p0 = linitial(t->typmods);
        const Node *s0 = list_length(t->typmods) == 2 ? lsecond(t->typmods) : NULL;
        if (!array && strcmp(name, "numeric") == 0 && IsA(p0, A_Const) &&
            nodeTag(&((const A_Const *)p0)->val) == T_Integer &&
            (!s0 || (IsA(s0, A_Const) && nodeTag(&((const A_Const *)s0)->val) == T_Integer))) {
            long scale = s0 ? ((const A_Const *)s0)->val.ival.ival : 0;
            long precision = ((const A_Const *)p0)->val.ival.ival;
            *width =
                (size_t)(precision < 0 ? 0 : precision) + (size_t)(scale < 0 ? -scale : scale) + 3;
            return CAST_WIDTH;
        }
    }
    for (size_t i = 0; i < sizeof keeps / sizeof keeps[0]; i++)
        if (strcmp(name, keeps[i]) == 0)
            return t->typmods ? CAST_LONG : CAST_KEEPS;
    for (size_t i = 0; !array && i < sizeof fixed / sizeof fixed[0]; i++)
        if (strcmp(name, fixed[i]) == 0) {
            *width = FIXED_WIDTH;
            return CAST_WIDTH;
        }
    if (!array && (strcmp(name, "numeric") == 0 || strcmp(name, "jsonb") == 0) &&
        without_exponent(tc->arg))
        return CAST_DOUBLES;
    return CAST_LONG;
}

/* Whether cast `tc` is to numeric or jsonb (not an array): a number there
 * prints as many digits as the operand's value has, which only a string
 * with an exponent (may_grow's) or a power makes long. */
static bool numeric_target(const TypeCast *tc)
{
    const TypeName *t = tc->typeName;
    if (!t || !t->names || t->arrayBounds || !IsA(llast(t->names), String) ||
        sg__names_outside_pg_catalog(t->names))
        return false;
    const char *name = strVal(llast(t->names));
    return strcmp(name, "numeric") == 0 || strcmp(name, "jsonb") == 0;
}

/* Whether `f` is an aggregate (or its window form) whose value is a number
 * of its argument's digits and a few more: count, sum, avg, min, max and
 * the numbered window calls. */
static bool numeric_aggregate(const FuncCall *f)
{
    static const char *const names[] = {"count",      "sum",          "avg",        "min",
                                        "max",        "rank",         "dense_rank", "ntile",
                                        "row_number", "percent_rank", "cume_dist"};
    return sg__walk_name_in(sg__walk_call_name(f), names, sizeof names / sizeof names[0]);
}

/* Whether `f` prints no more digits than its arguments: abs, ceil, floor,
 * sign, trim_scale. */
static bool keeps_digits(const FuncCall *f)
{
    static const char *const names[] = {"abs", "ceil", "ceiling", "floor", "sign", "trim_scale"};
    return !f->over &&
           sg__walk_name_in(sg__walk_call_name(f), names, sizeof names / sizeof names[0]);
}

/* Whether `f` is a number of fixed width whatever its arguments: a length,
 * a position, a field of a date. */
static bool fixed_number(const FuncCall *f)
{
    static const char *const names[] = {"length",       "char_length",  "character_length",
                                        "octet_length", "bit_length",   "strpos",
                                        "position",     "ascii",        "extract",
                                        "date_part",    "array_length", "cardinality",
                                        "scale"};
    return !f->over && !f->agg_star &&
           sg__walk_name_in(sg__walk_call_name(f), names, sizeof names / sizeof names[0]);
}

/* Whether `f` takes its text from its first argument only, the others
 * being positions or counts (substr, left, right). */
static bool first_is_text(const FuncCall *f)
{
    static const char *const names[] = {"substr", "substring", "left", "right"};
    return list_length(f->args) >= 1 && !f->func_variadic &&
           sg__walk_name_in(sg__walk_call_name(f), names, sizeof names / sizeof names[0]);
}

/* Whether expression `n` builds text that a cast to numeric then reads
 * ('9e' || %(e)s makes an exponent of two harmless parts): a string
 * constant or `||` anywhere in it, or a call that is no number's. */
static bool builds_text(const Node *n, unsigned depth)
{
    if (!n)
        return false;
    if (depth > TEXT_DEPTH_MAX)
        return true;
    switch (nodeTag(n)) {
    case T_A_Const:
        return nodeTag(&((const A_Const *)n)->val) == T_String;
    case T_ColumnRef:
    case T_ParamRef:
        return false;
    case T_TypeCast:
        return builds_text(((const TypeCast *)n)->arg, depth + 1);
    case T_A_Expr: {
        const A_Expr *e = (const A_Expr *)n;
        const Node *op = list_length(e->name) ? llast(e->name) : NULL;
        if (!op || !IsA(op, String) || strcmp(strVal(op), "||") == 0)
            return true;
        return builds_text(e->lexpr, depth + 1) || builds_text(e->rexpr, depth + 1);
    }
    case T_FuncCall: {
        const FuncCall *f = (const FuncCall *)n;
        const char *own = sg__walk_call_name(f);
        bool rounds = own && (strcmp(own, "round") == 0 || strcmp(own, "trunc") == 0);
        if (!numeric_aggregate(f) && !keeps_digits(f) && !fixed_number(f) && !rounds)
            return true;
        ListCell *lc;
        foreach (lc, f->args)
            if (builds_text(lfirst(lc), depth + 1))
                return true;
        return false;
    }
    default:
        return true;
    }
}

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
    return f->agg_star || f->over || f->agg_order || f->agg_filter ? NULL : sg__walk_call_name(f);
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
        for (size_t i = 0; i < one.param_count; i++) {
            parts->numeric[parts->param_count] = one.numeric[i];
            parts->params[parts->param_count++] = one.params[i];
        }
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
 * unistr and the like no more than |s|, like_escape(p, e) 2 * |p|, lpad and
 * rpad a constant length. False for any other call, or arguments it cannot
 * read. */
static bool multiple_of_first(const FuncCall *f, text_parts *parts, unsigned depth)
{
    enum { COPIES_MAX = 8 };
    const char *name = plain_call(f);
    int n = list_length(f->args);
    if (!name || n < 1)
        return false;
    const Node *s = linitial(f->args);
    if ((strcmp(name, "round") == 0 || strcmp(name, "trunc") == 0) && n <= 2) {
        /* its argument's digits, and the scale it asks for */
        const Node *scale = n == 2 ? lsecond(f->args) : NULL;
        long digits = !scale ? 0
                      : IsA(scale, A_Const) && nodeTag(&((const A_Const *)scale)->val) == T_Integer
                          ? ((const A_Const *)scale)->val.ival.ival
                          : -1;
        size_t params = parts->param_count;
        if (digits < 0 || digits > 64 || !text_bound_times(s, 1, parts, depth))
            return false;
        for (size_t i = params; i < parts->param_count; i++)
            parts->numeric[i] = true; /* read as a number */
        parts->chars += (size_t)digits + 2;
        return true;
    }
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
    /* `s LIKE p ESCAPE e`: the pattern with its escapes rewritten, a
     * backslash doubled at worst */
    if (strcmp(name, "like_escape") == 0 && n == 2)
        return text_bound_times(s, 2, parts, depth);
    /* the pieces of s as an array's text: each quoted and escaped at
     * worst, as many as one more than s has characters */
    if ((strcmp(name, "string_to_array") == 0 && (n == 2 || n == 3)) ||
        (strcmp(name, "regexp_split_to_array") == 0 && (n == 2 || n == 3))) {
        parts->chars += 4;
        return text_bound_times(s, 4, parts, depth);
    }
    /* a normal form decomposes a character into at most 18 (U+FDFA) */
    if (strcmp(name, "normalize") == 0 && (n == 1 || n == 2))
        return text_bound_times(s, 18, parts, depth);
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
        /* a number written with an exponent (as a number, or as a string
         * that an operator or call may read as one: `'9e130000' + 0`)
         * prints all its digits */
        if (nodeTag(&c->val) == T_String && has_exponent(c->val.sval.sval))
            return false;
        if (nodeTag(&c->val) == T_String)
            parts->chars += strlen(c->val.sval.sval);
        else if (nodeTag(&c->val) == T_BitString)
            parts->chars += strlen(c->val.bsval.bsval);
        else if (nodeTag(&c->val) == T_Float && !without_exponent(n))
            return false;
        else if (nodeTag(&c->val) == T_Float)
            parts->chars += strlen(c->val.fval.fval) + 2;
        else
            parts->chars += 24; /* an integer's digits */
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
        /* an element, slice or field of a column: stored data too; of
         * another value, at most as long as the value's text (an element's
         * quotes and escapes gone) */
        const A_Indirection *ind = (const A_Indirection *)n;
        if (!ind->arg)
            return false;
        ListCell *lc;
        foreach (lc, ind->indirection) {
            const A_Indices *ix = lfirst(lc);
            if (!IsA(ix, A_Indices) || (ix->lidx && !IsA(ix->lidx, A_Const)) ||
                (ix->uidx && !IsA(ix->uidx, A_Const)))
                return false;
        }
        if (!IsA(ind->arg, ColumnRef))
            return text_bound(ind->arg, parts, depth + 1);
        /* the column is noted: a column the statement made (an array built
         * of long text in a WITH query) is long, not stored */
        add_column(parts, (const ColumnRef *)ind->arg);
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
    case T_TypeCast: {
        size_t width;
        switch (cast_effect((const TypeCast *)n, &width)) {
        case CAST_KEEPS:
            return text_bound(((const TypeCast *)n)->arg, parts, depth + 1);
        case CAST_WIDTH:
            parts->chars += width;
            return true;
        case CAST_DOUBLES:
            return text_bound_times(((const TypeCast *)n)->arg, 2, parts, depth);
        default: {
            /* a number the statement computes, cast to numeric, prints its
             * digits (a string with an exponent bounds nothing, a parameter
             * is read as a number) */
            const Node *arg = ((const TypeCast *)n)->arg;
            size_t params = parts->param_count;
            const TypeName *t = ((const TypeCast *)n)->typeName;
            const Node *bare = arg ? sg__walk_uncast_keeping(arg) : NULL;
            if (numeric_target((const TypeCast *)n) && bare && IsA(bare, ParamRef) &&
                strcmp(strVal(llast(t->names)), "jsonb") == 0) {
                /* jsonb prints a parameter's JSON again, with a blank after
                 * each separator, and a number written with an exponent as
                 * its digits, which the rules read its value for; anything
                 * else may make an exponent of pieces ('1e' || $1) */
                size_t from = parts->param_count;
                if (!text_bound_times(bare, 2, parts, depth))
                    return false;
                for (size_t i = from; i < parts->param_count; i++)
                    parts->numeric[i] = true;
                return true;
            }
            if (!numeric_target((const TypeCast *)n) ||
                strcmp(strVal(llast(t->names)), "numeric") != 0 || !arg)
                return false;
            text_parts one = {0};
            if (IsA(arg, A_Const) || builds_text(arg, depth) || !text_bound(arg, &one, depth + 1)) {
                /* whatever it reads, a numeric prints at most its format's
                 * digits: 131,072 before the point and 16,383 after */
                parts->chars += NUMERIC_TEXT_MAX;
                return true;
            }
            parts->chars += one.chars;
            for (size_t i = 0; i < one.param_count && parts->param_count < TEXT_PARAMS_MAX; i++) {
                parts->numeric[parts->param_count] = true;
                parts->params[parts->param_count++] = one.params[i];
            }
            for (size_t i = 0; i < one.column_count && i < TEXT_COLUMNS_MAX; i++)
                add_column(parts, one.columns[i]);
            (void)params;
            return one.param_count <= TEXT_PARAMS_MAX - params;
        }
        }
    }
    case T_CollateClause:
        return text_bound(((const CollateClause *)n)->arg, parts, depth + 1);
    case T_A_Expr: {
        const A_Expr *e = (const A_Expr *)n;
        const Node *op = list_length(e->name) == 1 ? linitial(e->name) : NULL;
        if (e->kind == AEXPR_NULLIF) /* its first operand, or NULL */
            return text_bound(e->lexpr, parts, depth + 1);
        if (e->kind != AEXPR_OP || !op || !IsA(op, String))
            return false;
        /* a field or element of a stored json value is stored data; of
         * another json value, at most its text (quotes and escapes gone),
         * whatever the key or path that picks it (`#>> ARRAY['a', $1]`,
         * `#>> $1::text[]`): it picks a part, and makes nothing longer */
        bool field = strcmp(strVal(op), "->>") == 0 || strcmp(strVal(op), "->") == 0 ||
                     strcmp(strVal(op), "#>>") == 0 || strcmp(strVal(op), "#>") == 0;
        if (field && e->lexpr && IsA(e->lexpr, ColumnRef) && e->rexpr) {
            add_column(parts, (const ColumnRef *)e->lexpr);
            parts->chars += 1;
            return true;
        }
        if (field && e->lexpr && e->rexpr)
            return text_bound(e->lexpr, parts, depth + 1);
        /* a sum, difference or product prints no more digits than its
         * operands together (a product's scale is theirs added), a quotient
         * at most a display scale more */
        const char *o = strVal(op);
        bool arithmetic = strcmp(o, "+") == 0 || strcmp(o, "-") == 0 || strcmp(o, "*") == 0;
        bool division = strcmp(o, "/") == 0 || strcmp(o, "%") == 0;
        if (!arithmetic && !division && strcmp(o, "||") != 0)
            return false;
        parts->chars += arithmetic ? 2 : division ? 1024 : 0;
        size_t params = parts->param_count;
        if (strcmp(o, "||") != 0 && builds_text(n, depth)) {
            /* a number whose operands the bound cannot follow: at most
             * what a numeric prints */
            parts->chars += NUMERIC_TEXT_MAX;
            return true;
        }
        if (!(!e->lexpr || text_bound(e->lexpr, parts, depth + 1)) ||
            !text_bound(e->rexpr, parts, depth + 1))
            return false;
        /* a parameter read as a number may be written with an exponent
         * ('1e100000'), which its text's length does not bound: the rules
         * read its value */
        for (size_t i = params; strcmp(o, "||") != 0 && i < parts->param_count; i++)
            parts->numeric[i] = true;
        return true;
    }
    case T_CoalesceExpr:
        return list_bound(((const CoalesceExpr *)n)->args, parts, depth);
    case T_FuncCall: {
        const FuncCall *f = (const FuncCall *)n;
        /* a count or a window's number of rows (count(*), row_number()),
         * and the numeric aggregates of a bounded value: its digits and as
         * many more as a sum over rows adds */
        if ((f->agg_star || f->over) && !f->args) {
            parts->chars += 24;
            return true;
        }
        if (numeric_aggregate(f) || keeps_digits(f)) {
            /* the digits of its argument (a number: a parameter there is
             * read as one), and as many more as a sum over rows adds */
            size_t params = parts->param_count;
            parts->chars += 48;
            if (!list_bound(f->args, parts, depth))
                return false;
            for (size_t i = params; i < parts->param_count; i++)
                parts->numeric[i] = true;
            return true;
        }
        if (fixed_number(f)) {
            parts->chars += 24;
            return true;
        }
        /* to_char with a constant pattern: as wide as the pattern makes it
         * (a number too wide for it prints #s) */
        const char *own = sg__walk_call_name(f);
        if (own && strcmp(own, "to_char") == 0 && list_length(f->args) == 2 &&
            IsA(lsecond(f->args), A_Const) &&
            nodeTag(&((const A_Const *)lsecond(f->args))->val) == T_String) {
            parts->chars += 8 * strlen(((const A_Const *)lsecond(f->args))->val.sval.sval) + 16;
            return true;
        }
        if (first_is_text(f))
            return text_bound(linitial(f->args), parts, depth + 1);
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
bool sg__walk_work_bounded_call(const FuncCall *f)
{
    static const char *const names[] = {"normalize",
                                        "is_normalized",
                                        "translate",
                                        "btrim",
                                        "ltrim",
                                        "rtrim",
                                        "strpos",
                                        "position",
                                        "replace",
                                        "split_part",
                                        "like",
                                        "notlike",
                                        "string_to_array",
                                        "string_to_table",
                                        "regexp_replace",
                                        "plainto_tsquery",
                                        "phraseto_tsquery",
                                        "to_tsquery",
                                        "websearch_to_tsquery"};
    const Node *last = list_length(f->funcname) ? llast(f->funcname) : NULL;
    return last && IsA(last, String) &&
           sg__walk_name_in(strVal(last), names, sizeof names / sizeof names[0]);
}

/* Whether pg_catalog's function `name` makes text a multiple of its
 * argument's: hex and escapes, JSON and SQL quoting, pretty printing. */
static bool expands(const char *name)
{
    static const char *const names[] = {"encode",
                                        "to_json",
                                        "to_jsonb",
                                        "array_to_json",
                                        "row_to_json",
                                        "json_build_array",
                                        "jsonb_build_array",
                                        "json_build_object",
                                        "jsonb_build_object",
                                        "jsonb_pretty",
                                        "quote_literal",
                                        "quote_ident",
                                        "quote_nullable",
                                        "to_hex"};
    return sg__walk_name_in(name, names, sizeof names / sizeof names[0]);
}

static bool node_expands(const Node *n, unsigned depth);

/* Whether an expression of `list` holds a call that expands() or a cast to
 * a type that prints longer than its operand (bytea's hex), at any depth. */
static bool list_expands(const List *list, unsigned depth)
{
    ListCell *lc;
    foreach (lc, list)
        if (node_expands(lfirst(lc), depth + 1))
            return true;
    return false;
}

static bool node_expands(const Node *n, unsigned depth)
{
    size_t width;
    if (!n || depth > TEXT_DEPTH_MAX)
        return n != NULL;
    switch (nodeTag(n)) {
    case T_TypeCast: {
        /* a value printed as text by a type that prints it longer
         * (`x::bytea::text`); inside a call (`encode(x::bytea, 'hex')`)
         * the bytes are only bytes */
        const Node *arg = ((const TypeCast *)n)->arg;
        if (cast_effect((const TypeCast *)n, &width) != CAST_LONG && arg && IsA(arg, TypeCast) &&
            cast_effect((const TypeCast *)arg, &width) == CAST_LONG &&
            !numeric_target((const TypeCast *)arg))
            return true;
        return node_expands(arg, depth + 1);
    }
    case T_FuncCall: {
        /* a digest has its size whatever it digests */
        static const char *const fixed[] = {"md5",    "sha224", "sha256",      "sha384",
                                            "sha512", "length", "octet_length"};
        const FuncCall *f = (const FuncCall *)n;
        const Node *last = f->funcname ? llast(f->funcname) : NULL;
        const char *name = last && IsA(last, String) ? strVal(last) : NULL;
        if (sg__walk_name_in(name, fixed, sizeof fixed / sizeof fixed[0]))
            return false;
        return (name && expands(name)) || list_expands(f->args, depth);
    }
    case T_A_Expr:
        return node_expands(((const A_Expr *)n)->lexpr, depth + 1) ||
               node_expands(((const A_Expr *)n)->rexpr, depth + 1);
    default:
        return false;
    }
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
    if (strcmp(name, "format") == 0) { /* a width or a position: as long as it says */
        text_parts scratch = {0};
        return !format_without_widths(f) || !format_bound(f, &scratch, depth);
    }
    if (strcmp(name, "power") == 0 || strcmp(name, "pow") == 0 || strcmp(name, "exp") == 0 ||
        strcmp(name, "factorial") == 0)
        return true; /* a number of as many digits as it likes (10 ^ 130000) */
    /* round and trunc to a scale print that many digits (round(x, 2000)) */
    if ((strcmp(name, "round") == 0 || strcmp(name, "trunc") == 0) && list_length(f->args) == 2) {
        const Node *scale = lsecond(f->args);
        return !(IsA(scale, A_Const) && nodeTag(&((const A_Const *)scale)->val) == T_Integer &&
                 ((const A_Const *)scale)->val.ival.ival <= 64);
    }
    /* the call forms of a length: "bit"(0, n) and bpchar('y', n, true) pad */
    int nargs = list_length(f->args);
    if (nargs >= 2 && (strcmp(name, "bit") == 0 || strcmp(name, "bpchar") == 0 ||
                       strcmp(name, "varbit") == 0 || strcmp(name, "numeric") == 0))
        return true;
    /* a call whose text is a multiple of its argument's (hex, quoting,
     * escaping) over another such: each level multiplies */
    if (expands(name) && list_expands(f->args, depth))
        return true;
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

/* Whether `n` is a column or an element or field of one, as it is stored. */
static bool stored_value(const Node *n)
{
    if (n && IsA(n, A_Indirection))
        n = ((const A_Indirection *)n)->arg;
    return n && IsA(n, ColumnRef);
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
        if (!c->isnull && nodeTag(&c->val) == T_Float)
            return !without_exponent(n) || strlen(c->val.fval.fval) > 64;
        return !c->isnull && nodeTag(&c->val) == T_String &&
               (strlen(c->val.sval.sval) > 64 || has_exponent(c->val.sval.sval));
    }
    case T_TypeCast: {
        size_t width;
        const Node *arg = ((const TypeCast *)n)->arg;
        switch (cast_effect((const TypeCast *)n, &width)) {
        case CAST_KEEPS:
        case CAST_DOUBLES:
            return may_grow(arg, depth + 1);
        case CAST_WIDTH:
            return width > WIDE;
        default:
            /* stored data, printed another way, is stored data still; a
             * number the statement computes (`avg(n)::numeric`) prints as
             * long as its operands make it */
            return numeric_target((const TypeCast *)n) ? may_grow(arg, depth + 1)
                                                       : !stored_value(arg);
        }
    }
    case T_CollateClause:
        return may_grow(((const CollateClause *)n)->arg, depth + 1);
    case T_A_Expr: {
        /* text joined of many constants is long; a power of a number prints
         * as many digits as it likes; arithmetic the bound cannot follow (a
         * product of square roots) is a number as long as it likes */
        const A_Expr *e = (const A_Expr *)n;
        text_parts bound = {0};
        bool bounded = text_bound(n, &bound, depth);
        if (bounded && !bound.param_count && bound.chars > WIDE)
            return true;
        const Node *op = list_length(e->name) ? llast(e->name) : NULL;
        const char *o = e->kind == AEXPR_OP && op && IsA(op, String) ? strVal(op) : "";
        if (strcmp(o, "^") == 0)
            return true;
        if (!bounded && o[0] && !o[1] && strchr("+-*/%", o[0]))
            return true;
        return may_grow(e->lexpr, depth + 1) || may_grow(e->rexpr, depth + 1);
    }
    case T_FuncCall: {
        static const char *const makers[] = {"repeat",
                                             "lpad",
                                             "rpad",
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
        /* a call the bound follows is long as its bound says: a maker of
         * constants and stored columns (`lpad(n::text, 6, '0')`) is short,
         * many constants joined are long */
        text_parts bound = {0};
        if (text_bound(n, &bound, depth))
            return bound.param_count || bound.chars > WIDE;
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

const Node *sg__walk_uncast_keeping(const Node *n)
{
    size_t width;
    for (;;) {
        if (n && IsA(n, CollateClause))
            n = ((const CollateClause *)n)->arg;
        else if (n && IsA(n, TypeCast) && cast_effect((const TypeCast *)n, &width) == CAST_KEEPS)
            n = ((const TypeCast *)n)->arg;
        else
            return n;
    }
}

/* What sg__walk_recast_columns() gathers. */
typedef struct recast_search {
    const ColumnRef **out;
    size_t max, count;
} recast_search;

static bool find_recast(Node *n, void *context)
{
    recast_search *r = context;
    if (!n || IsA(n, SubLink) || IsA(n, SelectStmt))
        return false;
    size_t width;
    if (IsA(n, TypeCast)) {
        cast_kind k = cast_effect((const TypeCast *)n, &width);
        const Node *bare = sg__walk_uncast_keeping(((const TypeCast *)n)->arg);
        if (bare && IsA(bare, A_Indirection))
            bare = ((const A_Indirection *)bare)->arg;
        if ((k == CAST_LONG || (k == CAST_WIDTH && width > WIDE)) && bare && IsA(bare, ColumnRef)) {
            if (r->count < r->max)
                r->out[r->count] = (const ColumnRef *)bare;
            r->count++;
        }
    }
    return raw_expression_tree_walker(n, find_recast, context);
}

size_t sg__walk_recast_columns(const Node *n, const ColumnRef **out, size_t max)
{
    recast_search r = {out, max, 0};
    find_recast((Node *)n, &r);
    return r.count;
}

bool sg__walk_text_may_grow(const Node *n)
{
    return may_grow(n, 0);
}

int sg__walk_text_param(const Node *n)
{
    text_parts parts = {0};
    return text_bound(n, &parts, 0) && parts.param_count == 1 && !parts.numeric[0] &&
                   !parts.column_count && parts.chars <= 64
               ? parts.params[0]
               : 0;
}

int sg__walk_text_param_among_columns(const Node *n, const ColumnRef **out, size_t max,
                                      size_t *count)
{
    text_parts parts = {0};
    *count = 0;
    if (!text_bound(n, &parts, 0) || parts.param_count != 1 || parts.numeric[0] ||
        parts.chars > 64 || parts.column_count > max || parts.column_count > TEXT_COLUMNS_MAX)
        return 0;
    for (size_t i = 0; i < parts.column_count; i++)
        out[i] = parts.columns[i];
    *count = parts.column_count;
    return parts.params[0];
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

/* The bound of an expression argument's text, for sg__walk_work_bounded_call()s. */
void sg__walk_describe_text_bound(walk *w, const Node *n, sg__funcarg *a)
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
    bool *numeric = sg__arena_alloc(w->arena, parts.param_count * sizeof *numeric);
    if (!numeric) {
        fail(w);
        return;
    }
    memcpy(numeric, parts.numeric, parts.param_count * sizeof *numeric);
    a->text_param_numeric = numeric;
}
