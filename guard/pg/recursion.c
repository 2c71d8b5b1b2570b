/*
 * recursion.c - whether a recursive WITH query's step doubles its text at
 * every step, for func.resource-bound: `r.s || r.s` holds a million copies
 * of the first row's text after twenty steps, so memory and time grow
 * exponentially with the steps, which a depth bound in the WHERE keeps few
 * only in number. It describes; the rule judges.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <string.h>

#include "pg/walk.h"

/*
 * A recursive WITH query's step: which of its columns the step makes of
 * which columns of the row before, where their text is carried whole into
 * the new value (`||`, concat, format, an ARRAY[...] or ROW(...), CASE's and
 * COALESCE's results, a cast), not read as a number or a length (`r.n + 1`,
 * `length(r.s)`, `mod(r.a, r.b)`). A column made of two or more copies of
 * columns that themselves grow at each step doubles at every step.
 */
enum { STEP_COLUMNS_MAX = 32, SELF_NAMES_MAX = 8, SIDE_ITEMS_MAX = 16 };

typedef struct step {
    const char *names[STEP_COLUMNS_MAX]; /* the WITH query's columns */
    size_t count;
    const char *cte;                    /* the WITH query's name */
    const char *selves[SELF_NAMES_MAX]; /* the names the step reads the query by */
    size_t self_count;
    /* the step's other FROM items that make their columns of expressions
     * (a LATERAL sub-select, VALUES or function), by name */
    const char *side_names[SIDE_ITEMS_MAX];
    const Node *sides[SIDE_ITEMS_MAX]; /* RangeSubselect or RangeFunction */
    size_t side_count;
    unsigned carries[STEP_COLUMNS_MAX]; /* per column, of the output being read */
    /* ... copies that reach it only as pieces of a set-returning function's
     * rows (jsonb_each, unnest), which make no column grow on their own */
    unsigned pieces[STEP_COLUMNS_MAX];
    bool as_piece;   /* carrying a piece function's arguments */
    bool rebuilding; /* within an aggregate, which joins pieces whole again */
} step;

/* Set-returning functions each of whose rows holds a piece of their
 * argument. */
static const char *const piece_calls[] = {
    "jsonb_each",          "jsonb_each_text",          "json_each",
    "json_each_text",      "jsonb_array_elements",     "jsonb_array_elements_text",
    "json_array_elements", "json_array_elements_text", "unnest",
    "jsonb_object_keys",   "json_object_keys",         "jsonb_path_query",
};

/* Aggregates, which join their rows' values into one. */
static const char *const joining_aggregates[] = {
    "string_agg", "array_agg",       "json_agg",         "jsonb_agg",
    "xmlagg",     "json_object_agg", "jsonb_object_agg",
};

/* Calls whose value carries their text arguments whole (or more). */
static const char *const carrying_calls[] = {
    "concat",
    "concat_ws",
    "format",
    "textcat",
    "array_cat",
    "array_append",
    "array_prepend",
    "array_to_string",
    "jsonb_build_array",
    "jsonb_build_object",
    "json_build_array",
    "json_build_object",
    "to_jsonb",
    "to_json",
    "row_to_json",
    "jsonb_set",
    "jsonb_insert",
    "jsonb_concat",
    "upper",
    "lower",
    "initcap",
    "translate",
    "btrim",
    "ltrim",
    "rtrim",
    "substr",
    "substring",
    "left",
    "right",
    "reverse",
    "nullif",
    "xmlconcat",
    "xmlelement",
    "xmlforest",
    "setweight",
    "string_to_array",
    "regexp_split_to_array",
    "array_fill",
    "repeat",
    "lpad",
    "rpad",
    "replace",
    "regexp_replace",
    "overlay",
    "encode",
    "quote_literal",
    "quote_ident",
    "quote_nullable",
    "unnest",
    "string_agg",
    "array_agg",
    "json_agg",
    "jsonb_agg",
    "xmlagg",
    "json_object_agg",
    "jsonb_object_agg",
    "array_to_json",
    "jsonb_pretty",
    "normalize",
    "split_part",
    "regexp_substr",
    "unistr",
    "convert_from",
    "convert_to",
    "jsonb_path_query_first",
    "jsonb_path_query_array",
    "jsonb_extract_path",
    "jsonb_extract_path_text",
    "json_extract_path",
    "json_extract_path_text",
};

/* ... of which one copy of an argument may make two or more: padding and
 * replacing, quoting, and the aggregates (a window's rows) */
static const char *const multiplying_calls[] = {
    "array_fill",      "repeat",           "lpad",           "rpad",
    "replace",         "regexp_replace",   "overlay",        "encode",
    "quote_literal",   "quote_ident",      "quote_nullable", "string_agg",
    "array_agg",       "json_agg",         "jsonb_agg",      "xmlagg",
    "json_object_agg", "jsonb_object_agg", "to_json",        "to_jsonb",
    "row_to_json",     "array_to_json",    "jsonb_pretty",
};

/* Which column of the WITH query reference `c` reads in the step: its
 * index, STEP_COLUMNS_MAX for the whole row, -1 for none. */
static int self_column(const step *st, const sg__ref_parts *p)
{
    bool self = false;
    for (size_t k = 0; k < st->self_count; k++)
        if ((p->item && strcmp(p->item, st->selves[k]) == 0) ||
            (!p->item && p->name && strcmp(p->name, st->selves[k]) == 0))
            self = true;
    if (!p->name || (self && !p->item)) /* `*`, `r.*`, `r` */
        return !p->name && !p->item ? (int)STEP_COLUMNS_MAX : self ? (int)STEP_COLUMNS_MAX : -1;
    if (p->item && !self)
        return -1;
    for (size_t j = 0; j < st->count; j++)
        if (st->names[j] && strcmp(st->names[j], p->name) == 0)
            return (int)j;
    return -1;
}

static void carry(step *st, const Node *n, unsigned times, unsigned depth);

/* Copies are counted up to COPIES_CAP: only whether they reach two tells. */
enum { COPIES_CAP = 1u << 20 };

static unsigned copies(unsigned times, unsigned factor)
{
    unsigned long long n = (unsigned long long)times * factor;
    return n > COPIES_CAP ? COPIES_CAP : (unsigned)n;
}

/* carry() of each expression of `list`, one level down. */
static void carry_list(step *st, const List *list, unsigned times, unsigned depth)
{
    const ListCell *lc;
    foreach (lc, list)
        carry(st, lfirst(lc), times, depth + 1);
}

/* carry() of one of the alternatives `n` (CASE's results, COALESCE's,
 * GREATEST's arguments), of which one makes the value: st->carries keeps
 * per column the most of any (in `most`, from `before`). */
static void carry_alternative(step *st, const Node *n, unsigned times, unsigned depth,
                              const unsigned *before, unsigned *most)
{
    memcpy(st->carries, before, sizeof st->carries);
    carry(st, n, times, depth + 1);
    for (size_t k = 0; k < st->count; k++)
        most[k] = st->carries[k] > most[k] ? st->carries[k] : most[k];
    memcpy(st->carries, most, sizeof st->carries);
}

static void carry_one_of(step *st, const List *alternatives, const Node *last, unsigned times,
                         unsigned depth)
{
    unsigned before[STEP_COLUMNS_MAX], most[STEP_COLUMNS_MAX];
    memcpy(before, st->carries, sizeof before);
    memcpy(most, st->carries, sizeof most);
    const ListCell *lc;
    foreach (lc, alternatives) {
        const Node *alt = lfirst(lc);
        if (alt && IsA(alt, CaseWhen))
            alt = (const Node *)((const CaseWhen *)alt)->result;
        carry_alternative(st, alt, times, depth, before, most);
    }
    if (last)
        carry_alternative(st, last, times, depth, before, most);
}

/* A positive integer constant. */
static bool positive_constant(const Node *n)
{
    n = n && IsA(n, TypeCast) ? ((const TypeCast *)n)->arg : n;
    return n && IsA(n, A_Const) && !((const A_Const *)n)->isnull &&
           nodeTag(&((const A_Const *)n)->val) == T_Integer &&
           ((const A_Const *)n)->val.ival.ival > 0;
}

enum { FORMAT_ARGS_MAX = 64 };

/* How many times format string `t` prints each argument (uses[k] for the
 * k-th after it): false for a width (`%*s`, `%10s`, which pads), or an
 * argument past FORMAT_ARGS_MAX. */
static bool format_uses(const char *t, unsigned *uses)
{
    memset(uses, 0, FORMAT_ARGS_MAX * sizeof *uses);
    unsigned next = 1;
    for (const char *p = strchr(t, '%'); p; p = strchr(p, '%')) {
        p++;
        if (*p == '%') {
            p++;
            continue;
        }
        unsigned n = 0;
        const char *q = p;
        while (*q >= '0' && *q <= '9' && n < FORMAT_ARGS_MAX)
            n = n * 10 + (unsigned)(*q++ - '0');
        if (*q == '$' && n > 0)
            p = q + 1;
        else
            n = next++;
        while (*p == '-')
            p++;
        if (*p == '*' || (*p >= '0' && *p <= '9') || n >= FORMAT_ARGS_MAX)
            return false;
        uses[n]++;
        if (*p)
            p++;
    }
    return true;
}

/* carry() of call `f` named `name`, a carrying one. */
static void carry_call(step *st, const FuncCall *f, const char *name, unsigned times,
                       unsigned depth)
{
    int nargs = list_length(f->args);
    /* a piece of a length the text gives: left(s, 10), right(s, 10),
     * substr(s, 1, 20) */
    if (((strcmp(name, "left") == 0 || strcmp(name, "right") == 0) && nargs == 2 &&
         positive_constant(lsecond(f->args))) ||
        ((strcmp(name, "substr") == 0 || strcmp(name, "substring") == 0) && nargs == 3 &&
         positive_constant(lthird(f->args))))
        return;
    bool multiplies = sg__walk_name_in(name, multiplying_calls,
                                       sizeof multiplying_calls / sizeof *multiplying_calls);
    unsigned uses[FORMAT_ARGS_MAX];
    bool counted = false;
    if (strcmp(name, "format") == 0) {
        /* a format string the text gives prints each argument as often as
         * it names it; any other may print one many times */
        const Node *fmt = nargs ? linitial(f->args) : NULL;
        const char *t = fmt && IsA(fmt, A_Const) && !((const A_Const *)fmt)->isnull &&
                                nodeTag(&((const A_Const *)fmt)->val) == T_String
                            ? ((const A_Const *)fmt)->val.sval.sval
                            : NULL;
        counted = t && format_uses(t, uses);
        multiplies = !counted;
    }
    bool rebuilding = st->rebuilding;
    st->rebuilding =
        rebuilding || sg__walk_name_in(name, joining_aggregates,
                                       sizeof joining_aggregates / sizeof *joining_aggregates);
    int k = 0;
    const ListCell *lc;
    foreach (lc, f->args) {
        unsigned each = multiplies ? copies(times, 2) : times;
        if (counted && k > 0)
            each = k < FORMAT_ARGS_MAX ? copies(times, uses[k]) : 0;
        /* concat_ws's separator stands between every two others, and
         * array_to_string's between every two elements */
        if (k == 0 && strcmp(name, "concat_ws") == 0 && nargs > 3)
            each = copies(times, (unsigned)(nargs - 2));
        if (k >= 1 && strcmp(name, "array_to_string") == 0)
            each = copies(times, 2);
        carry(st, lfirst(lc), each, depth + 1);
        k++;
    }
    st->rebuilding = rebuilding;
}

static void find_selves(step *st, const Node *n, const char *name, unsigned depth);

/* carry() of a sub-select's value: its outputs, one row's (a set
 * operation's branches' together; every row's of ARRAY(...), `rows`,
 * which a FROM of two items or a join may make more than it reads). Its
 * own FROM's items that make columns of expressions are followed too. */
static void carry_select(step *st, const Node *n, unsigned times, unsigned depth, bool rows)
{
    if (!n || !IsA(n, SelectStmt) || depth > 200)
        return;
    const SelectStmt *s = (const SelectStmt *)n;
    if (s->op != SETOP_NONE) {
        carry_select(st, (const Node *)s->larg, times, depth + 1, rows);
        carry_select(st, (const Node *)s->rarg, times, depth + 1, rows);
        return;
    }
    bool joins =
        list_length(s->fromClause) > 1 || (s->fromClause && IsA(linitial(s->fromClause), JoinExpr));
    unsigned each = rows && joins ? copies(times, 2) : times;
    bool rebuilding = st->rebuilding;
    st->rebuilding = rebuilding || rows; /* ARRAY(...) joins its rows' pieces again */
    size_t sides = st->side_count, selves = st->self_count;
    find_selves(st, (const Node *)s->fromClause, st->cte, 0);
    const ListCell *lc;
    foreach (lc, s->targetList)
        if (IsA(lfirst(lc), ResTarget))
            carry(st, ((const ResTarget *)lfirst(lc))->val, each, depth + 1);
    foreach (lc, s->valuesLists)
        carry_list(st, lfirst(lc), each, depth);
    st->side_count = sides;
    st->self_count = selves;
    st->rebuilding = rebuilding;
}

/* carry() of a reference to a column of one of the step's other FROM items
 * that makes it of expressions: the expression (a function item's, all of
 * its calls). */
static void carry_side(step *st, const sg__ref_parts *p, unsigned times, unsigned depth)
{
    for (size_t i = 0; i < st->side_count; i++) {
        if (p->item && strcmp(p->item, st->side_names[i]) != 0)
            continue;
        const Node *item = st->sides[i];
        if (IsA(item, RangeFunction)) {
            const ListCell *lc;
            const Alias *alias = ((const RangeFunction *)item)->alias;
            bool listed = false;
            foreach (lc, alias->colnames)
                listed = listed || (p->name && strcmp(strVal(lfirst(lc)), p->name) == 0);
            if (p->item || listed || (p->name && strcmp(p->name, st->side_names[i]) == 0))
                foreach (lc, ((const RangeFunction *)item)->functions) {
                    /* its columns are made of its arguments, whatever it is;
                     * a piece function's rows of pieces of them */
                    const Node *call = lfirst(lc) ? linitial((const List *)lfirst(lc)) : NULL;
                    if (call && IsA(call, FuncCall)) {
                        const FuncCall *fc = (const FuncCall *)call;
                        const Node *last = fc->funcname ? llast(fc->funcname) : NULL;
                        bool piece = last && IsA(last, String) &&
                                     sg__walk_name_in(strVal(last), piece_calls,
                                                      sizeof piece_calls / sizeof *piece_calls);
                        bool was = st->as_piece;
                        const ListCell *arg;
                        foreach (arg, fc->args) {
                            /* the elements of an ARRAY[...] written there are
                             * whole values */
                            st->as_piece =
                                was || (piece && !IsA((const Node *)lfirst(arg), A_ArrayExpr));
                            carry(st, lfirst(arg), times, depth + 1);
                        }
                        st->as_piece = was;
                    } else {
                        carry(st, call, times, depth + 1);
                    }
                }
            continue;
        }
        const RangeSubselect *rs = (const RangeSubselect *)item;
        const SelectStmt *s =
            rs->subquery && IsA(rs->subquery, SelectStmt) ? (const SelectStmt *)rs->subquery : NULL;
        if (!s || s->op != SETOP_NONE)
            continue;
        /* its own FROM's items are read through too, and the WITH query
         * read there (`FROM (SELECT r.s FROM r) z`) */
        size_t sides = st->side_count, selves = st->self_count;
        find_selves(st, (const Node *)s->fromClause, st->cte, 0);
        const List *aliases = rs->alias ? rs->alias->colnames : NIL;
        int count =
            s->valuesLists ? list_length(linitial(s->valuesLists)) : list_length(s->targetList);
        for (int k = 0; k < count; k++) {
            const char *name = k < list_length(aliases) ? strVal(list_nth(aliases, k)) : NULL;
            const Node *expr = NULL;
            if (s->valuesLists)
                expr = list_nth(linitial(s->valuesLists), k);
            else if (IsA(list_nth(s->targetList, k), ResTarget)) {
                const ResTarget *rt = list_nth(s->targetList, k);
                expr = rt->val;
                if (!name)
                    name = rt->name ? rt->name : sg__walk_figure_colname(rt->val);
            }
            if (expr && (!p->name || (name && strcmp(name, p->name) == 0)))
                carry(st, expr, times, depth + 1);
        }
        st->side_count = sides;
        st->self_count = selves;
    }
}

/* Counts into st->carries the columns of the row before whose text `n`
 * carries into its value, `times` copies each. */
static void carry(step *st, const Node *n, unsigned times, unsigned depth)
{
    if (!n || depth > 200)
        return;
    switch (nodeTag(n)) {
    case T_ColumnRef: {
        sg__ref_parts p;
        if (!sg__walk_split_ref((const ColumnRef *)n, &p))
            return;
        int j = self_column(st, &p);
        unsigned *into = st->as_piece && !st->rebuilding ? st->pieces : st->carries;
        for (size_t k = 0; k < st->count; k++)
            if (j == (int)k || j == (int)STEP_COLUMNS_MAX)
                into[k] = into[k] + times > COPIES_CAP ? COPIES_CAP : into[k] + times;
        if (j < 0)
            carry_side(st, &p, times, depth);
        return;
    }
    case T_TypeCast: {
        /* a row's or an array's text quotes and escapes it again */
        const char *row = NULL;
        bool twice = sg__walk_doubles(n, &row);
        for (size_t k = 0; row && k < st->self_count; k++)
            twice = twice || strcmp(row, st->selves[k]) == 0;
        for (size_t k = 0; row && k < st->side_count; k++)
            twice = twice || strcmp(row, st->side_names[k]) == 0;
        carry(st, ((const TypeCast *)n)->arg, twice ? copies(times, 2) : times, depth + 1);
        return;
    }
    case T_XmlExpr:
        carry_list(st, ((const XmlExpr *)n)->args, copies(times, 2), depth);
        carry_list(st, ((const XmlExpr *)n)->named_args, copies(times, 2), depth);
        return;
    case T_ResTarget: /* XML's named arguments */
        carry(st, ((const ResTarget *)n)->val, times, depth + 1);
        return;
    case T_CollateClause:
        carry(st, ((const CollateClause *)n)->arg, times, depth + 1);
        return;
    case T_A_Indirection:
        carry(st, ((const A_Indirection *)n)->arg, times, depth + 1);
        return;
    case T_A_Expr: {
        const A_Expr *e = (const A_Expr *)n;
        const Node *last = e->name ? llast(e->name) : NULL;
        const char *op = last && IsA(last, String) ? strVal(last) : "";
        if (e->kind == AEXPR_OP && strcmp(op, "||") == 0) {
            carry(st, e->lexpr, times, depth + 1);
            carry(st, e->rexpr, times, depth + 1);
        } else if ((e->kind == AEXPR_OP && (strcmp(op, "->") == 0 || strcmp(op, "->>") == 0 ||
                                            strcmp(op, "#>") == 0 || strcmp(op, "#>>") == 0)) ||
                   e->kind == AEXPR_NULLIF) {
            carry(st, e->lexpr, times, depth + 1);
        }
        return;
    }
    case T_FuncCall: {
        const FuncCall *f = (const FuncCall *)n;
        const Node *last = f->funcname ? llast(f->funcname) : NULL;
        const char *name = last && IsA(last, String) ? strVal(last) : "";
        if (sg__walk_name_in(name, carrying_calls, sizeof carrying_calls / sizeof *carrying_calls))
            carry_call(st, f, name, times, depth);
        return;
    }
    case T_SubLink: {
        const SubLink *sub = (const SubLink *)n;
        if (sub->subLinkType == EXPR_SUBLINK || sub->subLinkType == ARRAY_SUBLINK)
            carry_select(st, sub->subselect, times, depth, sub->subLinkType == ARRAY_SUBLINK);
        return;
    }
    case T_CoalesceExpr:
        carry_one_of(st, ((const CoalesceExpr *)n)->args, NULL, times, depth);
        return;
    case T_MinMaxExpr:
        carry_one_of(st, ((const MinMaxExpr *)n)->args, NULL, times, depth);
        return;
    case T_CaseExpr:
        carry_one_of(st, ((const CaseExpr *)n)->args,
                     (const Node *)((const CaseExpr *)n)->defresult, times, depth);
        return;
    case T_A_ArrayExpr:
        carry_list(st, ((const A_ArrayExpr *)n)->elements, times, depth);
        return;
    case T_RowExpr:
        carry_list(st, ((const RowExpr *)n)->args, times, depth);
        return;
    default:
        return;
    }
}

/* The names the step reads WITH query `name` by, in its FROM (`r`, or the
 * alias of `r AS prev`), and its items that make columns of expressions,
 * joins searched. */
static void find_selves(step *st, const Node *n, const char *name, unsigned depth)
{
    if (!n || depth > 100)
        return;
    if (IsA(n, List)) {
        const ListCell *lc;
        foreach (lc, (const List *)n)
            find_selves(st, lfirst(lc), name, depth + 1);
    } else if (IsA(n, RangeVar)) {
        const RangeVar *rv = (const RangeVar *)n;
        if (!rv->schemaname && rv->relname && strcmp(rv->relname, name) == 0 &&
            st->self_count < SELF_NAMES_MAX)
            st->selves[st->self_count++] = rv->alias ? rv->alias->aliasname : rv->relname;
    } else if (IsA(n, JoinExpr)) {
        find_selves(st, ((const JoinExpr *)n)->larg, name, depth + 1);
        find_selves(st, ((const JoinExpr *)n)->rarg, name, depth + 1);
    } else if ((IsA(n, RangeSubselect) && ((const RangeSubselect *)n)->alias) ||
               (IsA(n, RangeFunction) && ((const RangeFunction *)n)->alias)) {
        const Alias *alias = IsA(n, RangeSubselect) ? ((const RangeSubselect *)n)->alias
                                                    : ((const RangeFunction *)n)->alias;
        if (st->side_count < SIDE_ITEMS_MAX) {
            st->side_names[st->side_count] = alias->aliasname;
            st->sides[st->side_count++] = n;
        }
    }
}

/* Whether recursive WITH query `cte`'s step doubles a column; records it. */
static void judge_recursion(walk *w, const CommonTableExpr *cte)
{
    const SelectStmt *q = (const SelectStmt *)cte->ctequery;
    if (!q || !IsA(q, SelectStmt) || q->op != SETOP_UNION || !q->larg || !q->rarg ||
        q->rarg->op != SETOP_NONE || q->rarg->valuesLists)
        return;
    const SelectStmt *rec = q->rarg, *left = q->larg;
    for (unsigned hops = 0; left->op != SETOP_NONE && left->larg && hops < 1000; hops++)
        left = left->larg;
    step st;
    memset(&st, 0, sizeof st);
    st.count = (size_t)list_length(rec->targetList);
    if (st.count > STEP_COLUMNS_MAX)
        st.count = STEP_COLUMNS_MAX;
    for (size_t j = 0; j < st.count; j++) {
        if (cte->aliascolnames)
            st.names[j] = j < (size_t)list_length(cte->aliascolnames)
                              ? strVal(list_nth(cte->aliascolnames, (int)j))
                              : NULL;
        else if (left->op == SETOP_NONE && j < (size_t)list_length(left->targetList)) {
            const ResTarget *rt = list_nth(left->targetList, (int)j);
            st.names[j] = !IsA(rt, ResTarget) ? NULL
                          : rt->name          ? rt->name
                                              : sg__walk_figure_colname(rt->val);
        }
    }
    st.cte = cte->ctename;
    find_selves(&st, (const Node *)rec->fromClause, cte->ctename, 0);
    if (!st.self_count && !st.side_count)
        return;
    /* carried[i][j]: copies of column j of the row before in column i */
    unsigned carried[STEP_COLUMNS_MAX][STEP_COLUMNS_MAX];
    unsigned pieced[STEP_COLUMNS_MAX][STEP_COLUMNS_MAX];
    for (size_t i = 0; i < st.count; i++) {
        const ResTarget *rt = list_nth(rec->targetList, (int)i);
        memset(st.carries, 0, sizeof st.carries);
        memset(st.pieces, 0, sizeof st.pieces);
        if (IsA(rt, ResTarget))
            carry(&st, rt->val, 1, 0);
        memcpy(carried[i], st.carries, sizeof st.carries);
        memcpy(pieced[i], st.pieces, sizeof st.pieces);
    }
    /* reach[i][j]: column i is made, step after step, of column j */
    bool reach[STEP_COLUMNS_MAX][STEP_COLUMNS_MAX];
    for (size_t i = 0; i < st.count; i++)
        for (size_t j = 0; j < st.count; j++)
            reach[i][j] = carried[i][j] > 0;
    for (size_t k = 0; k < st.count; k++)
        for (size_t i = 0; i < st.count; i++)
            for (size_t j = 0; j < st.count && reach[i][k]; j++)
                reach[i][j] = reach[i][j] || reach[k][j];
    /* a column grows when it is made of a column that is made of itself */
    bool grows[STEP_COLUMNS_MAX];
    for (size_t i = 0; i < st.count; i++) {
        grows[i] = false;
        for (size_t j = 0; j < st.count && !grows[i]; j++)
            grows[i] = reach[i][j] && reach[j][j];
    }
    for (size_t i = 0; i < st.count; i++) {
        if (!reach[i][i])
            continue;
        unsigned copies = 0;
        for (size_t j = 0; j < st.count; j++)
            if (grows[j])
                copies += carried[i][j] + pieced[i][j];
        if (copies < 2)
            continue;
        const ResTarget *rt = list_nth(rec->targetList, (int)i);
        w->facts->doubling_cte = cte->ctename;
        w->facts->doubling_column = st.names[i];
        w->facts->doubling_location = IsA(rt, ResTarget) ? rt->location : cte->location;
        return;
    }
}

void sg__walk_recursions(walk *w)
{
    for (size_t i = 0; i < w->facts->ctes.count && !w->facts->doubling_cte; i++)
        if (SG__VEC_AT(w->facts->ctes, sg__cte, i).recursive && i < w->cte_queries.count)
            judge_recursion(w, SG__VEC_AT(w->cte_queries, const CommonTableExpr *, i));
}
