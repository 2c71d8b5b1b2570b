/*
 * names.c - the names a row is known to have, and which of its columns may
 * hold long text.
 *
 * Output names follow PostgreSQL's FigureColname for the expressions whose
 * name is certain; any other output column is left out, so that the names
 * recorded are always names the row has (a name left out can only make a
 * field look like a call, which is denied: never the reverse). refs.c
 * resolves the names selected from rows against them.
 *
 * A row's names also say which of its columns may hold text the statement
 * itself made long (a sub-select's `repeat('a', 40000) AS s`, a function
 * over a parameter, an aggregate gathering rows, or a column of an inner
 * item that is such): func.resource-bound counts those as unbounded where a
 * quadratic text function reads them, as it does the expressions
 * themselves. A name binds to the CTE in scope first.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <stdio.h>
#include <string.h>

#include "nodes/nodeFuncs.h"

#include "pg/walk.h"
#include "resolve/typelist.h"

static const row_names unknown_row = {0};

/* Keeps the non-NULL names of `slots` (count of them) as the row's names,
 * which are all its columns when `complete`. */
static row_names keep_names(walk *w, const char **slots, size_t count, bool complete)
{
    const char **names = sg__arena_alloc(w->arena, (count + 1) * sizeof *names);
    if (!names) {
        fail(w);
        return unknown_row;
    }
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        if (slots[i] && !(names[n++] = copy(w, slots[i])))
            return unknown_row;
    }
    return (row_names){.known = true, .names = names, .count = n, .complete = complete};
}

/* What the growth of a column is: not long (0), long (GROWN), or a
 * parameter's value, $n itself (n > 0). */
enum { GROWN = -1 };

/* Joins the growth of two parts of one text: a parameter's value and
 * anything else is long. */
static int grown_with(int a, int b)
{
    return !a ? b : !b ? a : a == b ? a : GROWN;
}

/* The growth of column `name` (NULL: of any column) of the FROM items of
 * `level` in sight that are no relation (named `item` when not NULL), each
 * item's growth worked out first. */
static int item_grows(walk *w, int level, sight in_sight, const char *item, const char *name)
{
    int code = 0;
    for (size_t i = in_sight.first; i < w->from_items.count && i < in_sight.end; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != level || fi->relref >= 0 || fi->excluded ||
            (item && (!fi->name || strcmp(fi->name, item) != 0)))
            continue;
        sg__walk_item_growth(w, i);
        if (fi->row.grows_all)
            code = grown_with(code, fi->row.grows_all_param ? fi->row.grows_all_param : GROWN);
        for (size_t k = 0; k < fi->row.grown_count; k++)
            if (!name || strcmp(fi->row.grown[k], name) == 0)
                code = grown_with(code, fi->row.grown_params && fi->row.grown_params[k]
                                            ? fi->row.grown_params[k]
                                            : GROWN);
    }
    return code;
}

/* Whether column `name` (NULL: all of them) of FROM item i is stored data:
 * a relation's, or a derived item's that passes one on as it is. */
static bool item_stored(walk *w, size_t i, const char *name)
{
    from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
    if (fi->relref >= 0)
        return true;
    sg__walk_item_growth(w, i);
    fi = &SG__VEC_AT(w->from_items, from_item, i);
    if (fi->row.all_stored)
        return true;
    for (size_t k = 0; name && k < fi->row.stored_count; k++)
        if (strcmp(fi->row.stored[k], name) == 0)
            return true;
    return false;
}

/* Whether an item of `level` in sight that `p` may name holds it as a
 * column (or whole row) the statement made rather than stored. */
static int made_at(walk *w, int level, sight in_sight, const sg__ref_parts *p, void *ctx)
{
    (void)ctx;
    for (size_t i = in_sight.first; i < w->from_items.count && i < in_sight.end; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != level || fi->excluded ||
            (p->item && (!fi->name || strcmp(fi->name, p->item) != 0)))
            continue;
        bool row = !p->item && p->name && fi->name && strcmp(fi->name, p->name) == 0;
        if (!item_stored(w, i, row ? NULL : p->name))
            return 1;
    }
    return 0;
}

/* Whether column reference `c`, made at `level`, may name a column (or the
 * whole row) of a FROM item that the statement made rather than stored: a
 * sub-select's, WITH query's or function's constant or expression (a bare
 * name: of any item of the level; `t.c`: of the item t, at the nearest level
 * that has one in sight). A column passed on from a table is stored data. */
static bool made_ref(walk *w, int level, const ColumnRef *c)
{
    sg__ref_parts p;
    return sg__walk_split_ref(c, &p) && sg__walk_reach_levels(w, level, &p, made_at, NULL);
}

/* What find_made() counts. */
typedef struct made_search {
    walk *w;
    int level;
    size_t count;
} made_search;

static bool find_made(Node *n, void *context)
{
    made_search *m = context;
    if (!n)
        return false;
    if (IsA(n, ColumnRef)) {
        m->count += made_ref(m->w, m->level, (const ColumnRef *)n);
        return false;
    }
    if (IsA(n, SubLink) || IsA(n, SelectStmt))
        return false; /* sg__walk_text_may_grow() takes it as long already */
    return raw_expression_tree_walker(n, find_made, context);
}

/* What expr_grows() looks for among an expression's column references. */
typedef struct growth_search {
    walk *w;
    int level;
    int grows; /* GROWN, or 0 */
} growth_search;

/* The growth of the column (or whole row) reference `p` names among the
 * items of `level` in sight: a bare name may be any item's column or an
 * item's row. */
static int grows_at(walk *w, int level, sight in_sight, const sg__ref_parts *p, void *ctx)
{
    (void)ctx;
    if (p->item)
        return item_grows(w, level, in_sight, p->item, p->name);
    return grown_with(item_grows(w, level, in_sight, NULL, p->name),
                      item_grows(w, level, in_sight, p->name, NULL) ? GROWN : 0);
}

/* The growth of the FROM item's column (or whole row) column reference `c`,
 * made at `level`, may name. A bare name may be any item's column or an
 * item's row; `s.t.c` is a relation's. */
static int ref_grows(walk *w, int level, const ColumnRef *c)
{
    sg__ref_parts p;
    if (!sg__walk_split_ref(c, &p))
        return 0;
    if (!p.name) /* `*`, `t.*`: the level's own items */
        return item_grows(w, level, (sight){0, w->from_items.count}, p.item, NULL) ? GROWN : 0;
    return sg__walk_reach_levels(w, level, &p, grows_at, NULL);
}

static bool find_grown_ref(Node *n, void *context)
{
    growth_search *g = context;
    if (!n || g->grows)
        return g->grows;
    if (IsA(n, ColumnRef)) {
        g->grows = ref_grows(g->w, g->level, (const ColumnRef *)n) ? GROWN : 0;
        return g->grows;
    }
    if (IsA(n, SubLink) || IsA(n, SelectStmt))
        return false; /* sg__walk_text_may_grow() takes it as long already */
    return raw_expression_tree_walker(n, find_grown_ref, context);
}

/* The $n expression `n` is, cast or not; 0 when it is no parameter. */
static int bare_param(const Node *n)
{
    n = sg__walk_uncast_keeping(n);
    return n && IsA(n, ParamRef) ? ((const ParamRef *)n)->number : 0;
}

/* The $n whose value an output expression is, cast or not, or makes up
 * once beside a few constant characters (sg__walk_text_param); 0 for any
 * other. The rules bound such a column by that value's length. */
static int param_output(const Node *n)
{
    int p = bare_param(n);
    return p ? p : sg__walk_text_param(n);
}

/* The $n whose value `n`, at `level`, makes up beside stored columns and a
 * few constant characters (`account_code || $1 || name`, `coalesce(name,
 * $1)`): stored data counts as nothing, so the column is as long as the
 * value; 0 when a column there may be made, or for any other expression. */
static int param_among_stored(walk *w, int level, const Node *n)
{
    enum { COLUMNS_MAX = 16 };
    const ColumnRef *refs[COLUMNS_MAX];
    size_t count;
    int param = sg__walk_text_param_among_columns(n, refs, COLUMNS_MAX, &count);
    if (!param || level < 0 || sg__walk_recast_columns(n, refs + count, 0))
        return 0;
    for (size_t i = 0; i < count; i++)
        if (ref_grows(w, level, refs[i]) || made_ref(w, level, refs[i]))
            return 0;
    return param;
}

/* The growth of an output expression of a select of `level`: a parameter's
 * value (cast or not, or beside stored columns: param_among_stored), or the
 * column of a FROM item it names as it is; long when the statement may make
 * it so (sg__walk_text_may_grow), or it holds a column of one of the level's
 * FROM items that may be long (-1: none known yet), or it joins two columns
 * of items that are no relations. */
static int expr_growth(walk *w, int level, Node *n)
{
    int param = param_output(n);
    if (!param)
        param = param_among_stored(w, level, n);
    if (param)
        return param;
    const Node *bare = sg__walk_uncast_keeping(n);
    if (level >= 0 && bare && IsA(bare, ColumnRef))
        return ref_grows(w, level, (const ColumnRef *)bare);
    if (sg__walk_text_may_grow(n))
        return GROWN;
    if (level < 0)
        return 0;
    growth_search g = {w, level, 0};
    find_grown_ref(n, &g);
    if (g.grows)
        return GROWN;
    /* Text made of two or more columns the statement made (constants or
     * expressions of sub-selects, WITH queries or functions: `x.s || x.s`,
     * also inside a call the bound does not follow, `normalize(x.s ||
     * x.s)`): each counts as one character, but it is no stored datum, and a
     * chain of such levels doubles (or more) at each */
    enum { SEEN_MAX = 16 };
    const ColumnRef *refs[SEEN_MAX];
    /* a column the statement made, printed anew by a cast that lengthens
     * (bytea's hex doubles it at each level) */
    size_t recast = sg__walk_recast_columns(n, refs, SEEN_MAX);
    for (size_t i = 0; i < recast && i < SEEN_MAX; i++)
        if (made_ref(w, level, refs[i]))
            return GROWN;
    size_t count = sg__walk_text_columns(n, refs, SEEN_MAX), made = 0;
    for (size_t i = 0; i < count && i < SEEN_MAX; i++)
        made += made_ref(w, level, refs[i]);
    if (count > SEEN_MAX && made) /* the bound counts a reference as often as it repeats */
        return GROWN;
    made_search m = {w, level, 0};
    find_made(n, &m);
    /* two made columns together are long only when what they stand for
     * may be: many copies, long constants, a parameter or a sized call
     * among their pieces (a label of `upper(name) || lower(region)` or of
     * CASE constants is as short as its parts) */
    return (made >= 2 || m.count >= 2) && !sg__walk_output_short(w, level, n) ? GROWN : 0;
}

static bool expr_grows(walk *w, int level, Node *n)
{
    return expr_growth(w, level, n) != 0;
}

/* Whether a FROM list holds an item that is no relation: a sub-select, a
 * function, a WITH query's name, or a join of one. */
static bool from_derived(const walk *w, const Node *n, unsigned depth)
{
    if (!n || depth > 1000)
        return false;
    if (IsA(n, List)) {
        const ListCell *lc;
        foreach (lc, (const List *)n)
            if (from_derived(w, lfirst(lc), depth + 1))
                return true;
        return false;
    }
    if (IsA(n, RangeVar)) {
        const RangeVar *rv = (const RangeVar *)n;
        return !rv->schemaname && rv->relname && sg__walk_find_cte(w, rv->relname) >= 0;
    }
    if (IsA(n, JoinExpr))
        return from_derived(w, ((const JoinExpr *)n)->larg, depth + 1) ||
               from_derived(w, ((const JoinExpr *)n)->rarg, depth + 1);
    if (IsA(n, RangeTableSample))
        return from_derived(w, ((const RangeTableSample *)n)->relation, depth + 1);
    return true;
}

/* Whether some output of a branch of set operation `s` may be long text. */
static bool branches_grow(walk *w, int level, const SelectStmt *s, unsigned depth)
{
    if (!s || depth > 1000)
        return true;
    if (s->op != SETOP_NONE)
        return branches_grow(w, level, s->larg, depth + 1) ||
               branches_grow(w, level, s->rarg, depth + 1);
    /* a branch is a level of its own, whose number the walk does not keep
     * here: a column of it may be long when its FROM holds anything but
     * relations */
    bool derived = from_derived(w, (const Node *)s->fromClause, 0);
    ListCell *lc;
    foreach (lc, s->targetList) {
        const ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || (derived && !IsA(rt->val, A_Const)) ||
            expr_grows(w, level, rt->val))
            return true;
    }
    foreach (lc, s->valuesLists) {
        ListCell *v;
        foreach (v, (List *)lfirst(lc))
            if (expr_grows(w, level, lfirst(v)))
                return true;
    }
    return false;
}

/* Whether output i of every branch of set operation `s` is a table's
 * column passed on as it is (stored data); a branch's own FROM items are
 * searched as its set operation's level (the branch's level is not kept),
 * which may take a table's column for an outer item's: never stored then. */
static bool branches_stored(walk *w, int level, const SelectStmt *s, size_t i, unsigned depth)
{
    if (!s || depth > 1000)
        return false;
    if (s->op != SETOP_NONE)
        return branches_stored(w, level, s->larg, i, depth + 1) &&
               branches_stored(w, level, s->rarg, i, depth + 1);
    /* a branch over a sub-select, function, VALUES or WITH query makes its
     * columns: only a branch over tables (or none, whose columns are outer
     * references) may pass a table's on */
    if (s->valuesLists || (size_t)list_length(s->targetList) <= i ||
        from_derived(w, (const Node *)s->fromClause, 0))
        return false;
    for (size_t k = 0; k < i; k++)
        if (sg__walk_expands(((const ResTarget *)list_nth(s->targetList, (int)k))->val))
            return false;
    const ResTarget *rt = list_nth(s->targetList, (int)i);
    const Node *bare = IsA(rt, ResTarget) ? sg__walk_uncast_keeping(rt->val) : NULL;
    return bare && IsA(bare, ColumnRef) && !sg__walk_expands(bare) &&
           !made_ref(w, level, (const ColumnRef *)bare);
}

/* The names of select `node` (sg__walk_select_names), and with `growth`
 * which of them may be long text, at query level `level`. */
static row_names select_row(walk *w, Node *node, List *aliases, int level, bool growth)
{
    if (!node || !IsA(node, SelectStmt)) {
        row_names row = aliases ? sg__walk_list_names(w, aliases) : unknown_row;
        row.grows_all = growth; /* a data-modifying statement's RETURNING: anything */
        return row;
    }
    SelectStmt *s = (SelectStmt *)node;
    const SelectStmt *whole = s;
    bool set_grows = growth && s->op != SETOP_NONE && branches_grow(w, level, s, 0);
    bool set_op = s->op != SETOP_NONE; /* its other branches' columns are no output's */
    for (unsigned hops = 0; s->op != SETOP_NONE && s->larg && hops < 1000; hops++)
        s = s->larg; /* a set operation's columns are named by its leftmost branch */
    if (s->op != SETOP_NONE) {
        row_names row = unknown_row;
        row.grows_all = growth;
        return row;
    }
    size_t k = (size_t)list_length(aliases);
    size_t count = s->valuesLists ? (size_t)list_length(linitial(s->valuesLists))
                                  : (size_t)list_length(s->targetList);
    const char **slots = sg__arena_alloc(w->arena, (count + k + 1) * sizeof *slots);
    if (!slots) {
        fail(w);
        return unknown_row;
    }
    int *grows = sg__arena_alloc(w->arena, (count + 1) * sizeof *grows);
    bool *stored = sg__arena_alloc(w->arena, (count + 1) * sizeof *stored);
    /* per output: the parameter's value alone (one value for the statement),
     * not beside stored columns (a value of each row) */
    bool *alone = sg__arena_alloc(w->arena, (count + 1) * sizeof *alone);
    bool all_stored = growth && !set_op && !s->valuesLists;
    if (!grows || !stored || !alone) {
        fail(w);
        return unknown_row;
    }
    bool grows_all = set_grows;
    size_t stars = 0;  /* `*`s so far: each stands for any number of columns, even none */
    bool named = true; /* every output but the `*`s has its name in slots */
    for (size_t i = 0; i < count; i++) {
        slots[i] = NULL;
        grows[i] = 0;
        stored[i] = false;
        alone[i] = true;
        const char *name = NULL;
        if (s->valuesLists) {
            ListCell *lc;
            foreach (lc, s->valuesLists) {
                const List *row = lfirst(lc);
                if (growth)
                    grows[i] =
                        (size_t)list_length(row) <= i
                            ? GROWN
                            : grown_with(grows[i], expr_growth(w, level, list_nth(row, (int)i)));
                alone[i] = alone[i] && (size_t)list_length(row) > i &&
                           param_output(list_nth(row, (int)i)) > 0;
            }
            if (sg__walk_expands(list_nth(linitial(s->valuesLists), (int)i))) {
                grows_all = growth;
                stars++;
                continue;
            }
            /* columnN counts columns, which an expansion before made more */
            char buf[32];
            snprintf(buf, sizeof buf, "column%zu", i + 1);
            name = stars ? NULL : sg__arena_strdup(w->arena, buf);
            if (!name && !stars) {
                fail(w);
                return unknown_row;
            }
        } else {
            ResTarget *rt = list_nth(s->targetList, (int)i);
            if (!IsA(rt, ResTarget)) {
                named = false;
                grows_all = growth;
                all_stored = false;
                continue;
            }
            if (rt->val && sg__walk_expands(rt->val)) {
                /* `*` or `t.*`: the columns of the items it expands, which
                 * the walk has seen once the select is walked */
                grows_all = growth && (grows_all || expr_grows(w, level, rt->val));
                all_stored = all_stored && IsA(rt->val, ColumnRef) &&
                             !made_ref(w, level, (const ColumnRef *)rt->val);
                stars++;
                continue;
            }
            name = rt->name ? rt->name : sg__walk_figure_colname(rt->val);
            grows[i] = growth ? expr_growth(w, level, rt->val) : 0;
            alone[i] = grows[i] > 0 && param_output(rt->val) == grows[i];
            /* a table's column passed on as it is (cast or not) is stored data */
            const Node *bare = sg__walk_uncast_keeping(rt->val);
            stored[i] = growth && bare && IsA(bare, ColumnRef) && !grows[i] &&
                        (set_op ? branches_stored(w, level, whole, i, 0)
                                : !made_ref(w, level, (const ColumnRef *)bare));
            all_stored = all_stored && stored[i];
        }
        /* an alias list renames the first k columns. The column written at i
         * is at least at position i - stars: renamed for sure when that is
         * below k without a `*` before it, maybe when a `*` is, never else */
        if (i - stars < k)
            name = stars ? NULL : strVal(list_nth(aliases, (int)i));
        slots[i] = name;
        named = named && name;
        grows_all = grows_all || (grows[i] && !name);
    }
    /* the grown outputs' names, before the alias names are added, and the
     * parameters whose values some of them are */
    const char **grown = sg__arena_alloc(w->arena, (count + 1) * sizeof *grown);
    int *grown_params = sg__arena_alloc(w->arena, (count + 1) * sizeof *grown_params);
    bool *grown_alone = sg__arena_alloc(w->arena, (count + 1) * sizeof *grown_alone);
    if (!grown || !grown_params || !grown_alone) {
        fail(w);
        return unknown_row;
    }
    const char **stored_names = sg__arena_alloc(w->arena, (count + 1) * sizeof *stored_names);
    if (!stored_names) {
        fail(w);
        return unknown_row;
    }
    size_t grown_count = 0, stored_count = 0;
    for (size_t i = 0; i < count; i++) {
        if (stored[i] && slots[i] && !(stored_names[stored_count++] = copy(w, slots[i])))
            return unknown_row;
        if (!grows[i] || !slots[i])
            continue;
        grown_params[grown_count] = grows[i] > 0 ? grows[i] : 0;
        grown_alone[grown_count] = grows[i] > 0 && alone[i];
        if (!(grown[grown_count++] = copy(w, slots[i])))
            return unknown_row;
    }
    size_t n = count;
    for (size_t i = 0; i < k; i++) /* the alias names are columns whatever the positions */
        slots[n++] = strVal(list_nth(aliases, (int)i));
    row_names row = keep_names(w, slots, n, named && stars == 0);
    row.grown = grown;
    row.grown_params = grown_params;
    row.grown_alone = grown_alone;
    row.grown_count = grown_count;
    row.grows_all = grows_all;
    row.stored = stored_names;
    row.stored_count = stored_count;
    row.all_stored = all_stored && count > 0;
    return row;
}

row_names sg__walk_select_names(walk *w, Node *node, List *aliases)
{
    return select_row(w, node, aliases, -1, false);
}

bool sg__walk_output_match(Node *node, const char *name, bool *known)
{
    *known = false;
    if (!node || !IsA(node, SelectStmt))
        return false;
    SelectStmt *s = (SelectStmt *)node;
    for (unsigned hops = 0; s->op != SETOP_NONE && s->larg && hops < 1000; hops++)
        s = s->larg; /* a set operation's columns are named by its leftmost branch */
    if (s->op != SETOP_NONE)
        return false;
    if (s->valuesLists) {
        /* column1, column2, ...: a name of that form within the row's width */
        size_t width = (size_t)list_length(linitial(s->valuesLists));
        char buf[32];
        ListCell *item;
        foreach (item, (List *)linitial(s->valuesLists)) {
            if (sg__walk_expands(lfirst(item)))
                return false; /* a width the text does not tell: not known */
        }
        *known = true;
        for (size_t i = 0; i < width; i++) {
            snprintf(buf, sizeof buf, "column%zu", i + 1);
            if (strcmp(buf, name) == 0)
                return true;
        }
        return false;
    }
    bool named = true;
    ListCell *lc;
    foreach (lc, s->targetList) {
        ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget)) {
            named = false;
            continue;
        }
        if (rt->val && sg__walk_expands(rt->val)) {
            /* a `*` gives only input columns; `(x).*` names the text does not tell */
            named = named && !sg__walk_expands_fields(rt->val);
            continue;
        }
        const char *out = rt->name ? rt->name : sg__walk_figure_colname(rt->val);
        if (!out)
            named = false;
        else if (strcmp(out, name) == 0)
            return *known = true;
    }
    *known = named;
    return false;
}

row_names sg__walk_list_names(walk *w, List *list)
{
    size_t count = (size_t)list_length(list);
    if (count == 0)
        return unknown_row;
    const char **slots = sg__arena_alloc(w->arena, (count + 1) * sizeof *slots);
    if (!slots) {
        fail(w);
        return unknown_row;
    }
    size_t i = 0;
    ListCell *lc;
    foreach (lc, list) {
        Node *item = lfirst(lc);
        slots[i++] = IsA(item, String)      ? strVal(item)
                     : IsA(item, ColumnDef) ? ((ColumnDef *)item)->colname
                                            : NULL;
    }
    /* an alias's list renames the first columns of a row that may have more */
    return keep_names(w, slots, count, false);
}

/* The output columns of pg_catalog's set-returning function `f` when they
 * are fixed whatever its arguments: one column of a base type (NULL in
 * cols[0]: named after the alias, else the function; "value" for the one
 * OUT parameter of jsonb_array_elements and its kin) or named ones
 * (jsonb_each's key and value); 0 for any other call. unnest counts only
 * with one array whose elements are surely no rows (a parameter's, a
 * constructor's or a column's; a composite column's array would spread
 * into its fields). */
static size_t function_columns(const FuncCall *f, const char **cols)
{
    static const char *const scalar[] = {
        "generate_series",  "generate_subscripts",   "jsonb_object_keys",
        "json_object_keys", "regexp_split_to_table", "regexp_matches",
        "string_to_table",  "jsonb_path_query",      "to_tsquery",
        "plainto_tsquery",  "phraseto_tsquery",      "websearch_to_tsquery"};
    /* one OUT parameter, which names the column */
    static const char *const values[] = {"jsonb_array_elements", "jsonb_array_elements_text",
                                         "json_array_elements", "json_array_elements_text"};
    static const char *const pairs[] = {"jsonb_each", "jsonb_each_text", "json_each",
                                        "json_each_text"};
    const char *name = sg__walk_call_name(f);
    if (!name || f->agg_star || f->over || f->func_variadic)
        return 0;
    cols[0] = NULL;
    if (sg__walk_name_in(name, scalar, sizeof scalar / sizeof scalar[0]))
        return 1;
    if (sg__walk_name_in(name, values, sizeof values / sizeof values[0])) {
        cols[0] = "value";
        return 1;
    }
    if (sg__walk_name_in(name, pairs, sizeof pairs / sizeof pairs[0])) {
        cols[0] = "key";
        cols[1] = "value";
        return 2;
    }
    if (strcmp(name, "unnest") != 0 || list_length(f->args) != 1)
        return 0;
    const Node *arg = linitial(f->args);
    while (arg && IsA(arg, TypeCast))
        arg = ((const TypeCast *)arg)->arg;
    return arg && (IsA(arg, ParamRef) || IsA(arg, A_ArrayExpr) ||
                   (IsA(arg, ColumnRef) && !sg__walk_expands(arg)))
               ? 1
               : 0;
}

row_names sg__walk_function_row(walk *w, const RangeFunction *rf)
{
    const char *cols[2];
    const List *pair = list_length(rf->functions) == 1 ? linitial(rf->functions) : NIL;
    const Node *call = pair ? linitial(pair) : NULL;
    size_t n = call && IsA(call, FuncCall) && !rf->coldeflist && !rf->is_rowsfrom
                   ? function_columns((const FuncCall *)call, cols)
                   : 0;
    if (!n)
        return unknown_row;
    /* the alias's column names rename the first columns, then ordinality */
    const List *renames = rf->alias ? rf->alias->colnames : NIL;
    size_t count = n + (rf->ordinality ? 1 : 0);
    if ((size_t)list_length(renames) > count)
        return unknown_row; /* PostgreSQL refuses more names than columns */
    const char **slots = sg__arena_alloc(w->arena, (count + 1) * sizeof *slots);
    if (!slots) {
        fail(w);
        return unknown_row;
    }
    const char *own =
        rf->alias ? rf->alias->aliasname : strVal(llast(((const FuncCall *)call)->funcname));
    for (size_t i = 0; i < count; i++) {
        const Node *rename = i < (size_t)list_length(renames) ? list_nth(renames, (int)i) : NULL;
        slots[i] = rename && IsA(rename, String) ? strVal(rename)
                   : i == n                      ? "ordinality"
                   : cols[0]                     ? cols[i]
                                                 : own;
    }
    row_names row = keep_names(w, slots, count, true);
    /* one column: the item's whole-row reference is that value, no row, so
     * `(u).f` is a call f(u) (or a cast) whatever the column is named */
    row.scalar = n == 1;
    return row;
}

/* The $n whose elements or pieces the values of set-returning call `f`
 * are, each no longer than its value: unnest of the parameter (an array),
 * string_to_table and regexp_split_to_table of it, unnest of its
 * string_to_array or regexp_split_to_array; 0 for any other. */
static int pieces_of_param(const FuncCall *f, unsigned depth)
{
    const char *name = sg__walk_call_name(f);
    int n = list_length(f->args);
    if (!name || depth > 1 || f->func_variadic || f->agg_star || n < 1)
        return 0;
    const Node *first = linitial(f->args);
    if (strcmp(name, "unnest") == 0 && n == 1) {
        const Node *arg = sg__walk_uncast_keeping(first);
        if (arg && IsA(arg, FuncCall)) {
            const FuncCall *inner = (const FuncCall *)arg;
            const Node *in = inner->funcname ? llast(inner->funcname) : NULL;
            return in && IsA(in, String) && list_length(inner->args) >= 2 &&
                           (strcmp(strVal(in), "string_to_array") == 0 ||
                            strcmp(strVal(in), "regexp_split_to_array") == 0)
                       ? pieces_of_param(inner, depth + 1)
                       : 0;
        }
        return bare_param(first);
    }
    bool splits =
        strcmp(name, "string_to_table") == 0 || strcmp(name, "regexp_split_to_table") == 0 ||
        (depth == 1 &&
         (strcmp(name, "string_to_array") == 0 || strcmp(name, "regexp_split_to_array") == 0));
    return splits && n >= 2 ? bare_param(first) : 0;
}

/* Works out which columns of FROM item i may be long text (row.grown) from
 * what makes them, once: the items it reads are worked out first, and one
 * that reads itself (a recursive WITH query's reference) counts as wholly
 * long. */
void sg__walk_item_growth(walk *w, size_t i)
{
    from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
    if (fi->grow_state == GROWTH_DONE)
        return;
    if (fi->grow_state == GROWTH_WORKING) {
        fi->row.grows_all = true;
        return;
    }
    fi->grow_state = GROWTH_WORKING;
    if (fi->grow_function) {
        /* a function's values are long text when a call of it may make
         * them so: over a long column of an item before it too */
        ListCell *lc;
        foreach (lc, fi->grow_function->functions) {
            const List *pair = lfirst(lc);
            if (!pair || expr_grows(w, fi->level, linitial(pair)))
                fi->row.grows_all = true;
        }
        /* unnest of one array parameter, or of a parameter split into
         * pieces: each value is an element or a piece of it */
        const List *pair = list_length(fi->grow_function->functions) == 1
                               ? linitial(fi->grow_function->functions)
                               : NIL;
        const FuncCall *call = pair && IsA(linitial(pair), FuncCall) ? linitial(pair) : NULL;
        fi->row.grows_all_param = call ? pieces_of_param(call, 0) : 0;
    } else if (fi->join_alias) {
        /* an aliased join's columns are its operands' */
        bool all_stored = true;
        for (size_t k = fi->grow_first; k < fi->grow_end && k < w->from_items.count; k++) {
            sg__walk_item_growth(w, k);
            const from_item *op = &SG__VEC_AT(w->from_items, from_item, k);
            if (op->relref < 0 && (op->row.grows_all || op->row.grown_count))
                fi->row.grows_all = true;
            all_stored = all_stored && (op->relref >= 0 || op->row.all_stored);
        }
        fi = &SG__VEC_AT(w->from_items, from_item, i);
        fi->row.all_stored = all_stored && fi->grow_end > fi->grow_first;
    } else if (fi->grow_select) {
        row_names row = select_row(w, fi->grow_select, fi->grow_aliases, fi->grow_level, true);
        /* a WITH query's columns renamed by the reference: any may be the
         * long one */
        fi = &SG__VEC_AT(w->from_items, from_item, i);
        fi->row.grows_all =
            fi->row.grows_all || row.grows_all || (fi->grow_renamed && row.grown_count);
        fi->row.grown = fi->grow_renamed ? NULL : row.grown;
        fi->row.grown_params = fi->grow_renamed ? NULL : row.grown_params;
        fi->row.grown_alone = fi->grow_renamed ? NULL : row.grown_alone;
        fi->row.grown_count = fi->grow_renamed ? 0 : row.grown_count;
        fi->row.stored = fi->grow_renamed ? NULL : row.stored;
        fi->row.stored_count = fi->grow_renamed ? 0 : row.stored_count;
        fi->row.all_stored = row.all_stored;
    }
    fi->grow_state = GROWTH_DONE;
}
