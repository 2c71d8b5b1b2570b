/*
 * names.c - the names a row is known to have, and what a selected name
 * selects from.
 *
 * PostgreSQL reads `t.f` (and `(expr).f`) as the field f of the row when the
 * row has one, and otherwise as the call f(row) of a one-argument function:
 * `(42::bigint).pg_advisory_lock` runs a function. The walker notes every
 * such name with the row it is selected from, as far as the text tells: a
 * relation reference (whose columns the catalog knows), a sub-select, CTE,
 * VALUES list or function with a column list (whose output names the text
 * tells), or an unknown row. The rules decide field or call.
 *
 * A qualifier resolves as parse analysis resolves it: among the FROM items in
 * sight at the reference's level, then at the levels around it, as far as
 * each inner level sees the outer one (a WITH query and a non-LATERAL
 * sub-select in FROM see none of their level's items, a LATERAL one only
 * those before it, an ON clause only its join's). Arguments of functions in
 * FROM are taken to see all the level's items, where PostgreSQL sees only
 * the earlier ones: a name there resolved to a later item could be a field
 * of it where PostgreSQL calls a function on some other row, and the only
 * pg_catalog functions a row can be passed to that are not allowed are the
 * record output and hash routines (record_out, record_send, hash_record),
 * which read nothing but the row.
 *
 * Output names follow PostgreSQL's FigureColname for the expressions whose
 * name is certain; any other output column is left out, so that the names
 * recorded are always names the row has (a name left out can only make a
 * field look like a call, which is denied: never the reverse).
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

/* A reference waiting for the FROM items of every level to be known. */
typedef enum {
    REF_QUALIFIED, /* a.f: a range variable a, or else a column a */
    REF_SCHEMA,    /* s.t.f: relation t of schema s, or else column t of a */
    REF_WHOLE_ROW, /* (a).f: a whole-row reference a */
    REF_UNKNOWN,   /* any other row */
    REF_COLUMN,    /* an unqualified name: a column of some item in sight, or a whole row */
    REF_STAR       /* `*`, `t.*` (a), `s.t.*` (a the schema, t) */
} ref_kind;

typedef struct pending_field {
    ref_kind kind;
    const char *name; /* f */
    const char *a;    /* the range variable's name (or the schema, for REF_SCHEMA) */
    const char *t;    /* REF_SCHEMA: the relation's name */
    int level;
    sight sight; /* of the level's own items */
    int location;
    unsigned flags;                /* REF_COLUMN, REF_STAR: SG_COLREF_*; any: SG_COLREF_ISOLATED */
    bool is_output, outputs_known; /* SG_COLREF_OUTPUT_NAME */
    int call;                      /* walk.h's current_call where it stands */
} pending_field;

static const row_names unknown_row = {0};

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

/* Finds a CTE named `name` in lexical scope; returns its index or -1. */
long sg__walk_find_cte(const walk *w, const char *name)
{
    for (const cte_scope *s = w->scope; s; s = s->parent) {
        for (size_t i = 0; i < s->visible; i++) {
            sg__cte *c = &SG__VEC_AT(w->facts->ctes, sg__cte, s->first + i);
            if (strcmp(c->name, name) == 0)
                return (long)(s->first + i);
        }
    }
    return -1;
}

static void item_growth(walk *w, size_t i);

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
        item_growth(w, i);
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

/* Whether `level` has a FROM item named `item` in sight. */
static bool has_item(const walk *w, int level, sight in_sight, const char *item)
{
    for (size_t i = in_sight.first; i < w->from_items.count && i < in_sight.end; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level == level && fi->name && strcmp(fi->name, item) == 0)
            return true;
    }
    return false;
}

/* Whether column `name` (NULL: all of them) of FROM item i is stored data:
 * a relation's, or a derived item's that passes one on as it is. */
static bool item_stored(walk *w, size_t i, const char *name)
{
    from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
    if (fi->relref >= 0)
        return true;
    item_growth(w, i);
    fi = &SG__VEC_AT(w->from_items, from_item, i);
    if (fi->row.all_stored)
        return true;
    for (size_t k = 0; name && k < fi->row.stored_count; k++)
        if (strcmp(fi->row.stored[k], name) == 0)
            return true;
    return false;
}

/* A column reference's parts as the levels' items are searched for it:
 * `t.c` (item t, name c), `c`, `*` and `t.*` (name NULL). False for `s.t.c`,
 * a relation's column, and any other shape. */
typedef struct ref_parts {
    const char *item, *name;
} ref_parts;

static bool split_ref(const ColumnRef *c, ref_parts *p)
{
    int n = list_length(c->fields);
    const Node *last = n ? llast(c->fields) : NULL;
    p->name = last && IsA(last, String) ? strVal(last) : NULL;
    p->item = n == 2 && IsA(linitial(c->fields), String) ? strVal(linitial(c->fields)) : NULL;
    return n == 1 || (n == 2 && p->item);
}

/* What a search of one level's items in sight finds for a reference: 0 for
 * nothing, so that the search goes on to the levels around. */
typedef int (*level_look)(walk *w, int level, sight in_sight, const ref_parts *p);

/* Looks for reference `p`, made at `level`, as parse analysis does: its own
 * level's items, then those the levels around it see (a LATERAL sub-select
 * the items before it, a WITH query or another sub-select none), as far as
 * the name is not found: a qualifier at the nearest level that has an item
 * of that name, a bare name where the level has no item at all. Returns
 * what `look` first finds, or 0. */
static int reach_levels(walk *w, int level, const ref_parts *p, level_look look)
{
    sight in_sight = {0, w->from_items.count};
    for (unsigned hops = 0; level >= 0 && (size_t)level < w->levels.count && hops < 100000;
         hops++) {
        int found = look(w, level, in_sight, p);
        if (found)
            return found;
        const level_info *l = &SG__VEC_AT(w->levels, level_info, (size_t)level);
        if (p->item ? has_item(w, level, in_sight, p->item) : l->has_from)
            return 0;
        in_sight = l->parent_sight;
        level = l->parent;
    }
    return 0;
}

/* Whether an item of `level` in sight that `p` may name holds it as a
 * column (or whole row) the statement made rather than stored. */
static int made_at(walk *w, int level, sight in_sight, const ref_parts *p)
{
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
    ref_parts p;
    return split_ref(c, &p) && reach_levels(w, level, &p, made_at);
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
static int grows_at(walk *w, int level, sight in_sight, const ref_parts *p)
{
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
    ref_parts p;
    if (!split_ref(c, &p))
        return 0;
    if (!p.name) /* `*`, `t.*`: the level's own items */
        return item_grows(w, level, (sight){0, w->from_items.count}, p.item, NULL) ? GROWN : 0;
    return reach_levels(w, level, &p, grows_at);
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
    n = sg__walk_uncast(n);
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

/* The growth of an output expression of a select of `level`: a parameter's
 * value (cast or not), or the column of a FROM item it names as it is; long
 * when the statement may make it so (sg__walk_text_may_grow), or it holds a
 * column of one of the level's FROM items that may be long (-1: none known
 * yet), or it joins two columns of items that are no relations. */
static int expr_growth(walk *w, int level, Node *n)
{
    int param = param_output(n);
    if (param)
        return param;
    const Node *bare = sg__walk_uncast(n);
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
    size_t count = sg__walk_text_columns(n, refs, SEEN_MAX), made = 0;
    for (size_t i = 0; i < count && i < SEEN_MAX; i++)
        made += made_ref(w, level, refs[i]);
    if (count > SEEN_MAX && made) /* the bound counts a reference as often as it repeats */
        return GROWN;
    made_search m = {w, level, 0};
    find_made(n, &m);
    return made >= 2 || m.count >= 2 ? GROWN : 0;
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
        if (!IsA(rt, ResTarget) || sg__walk_text_may_grow(rt->val) ||
            (derived && !IsA(rt->val, A_Const)))
            return true;
    }
    foreach (lc, s->valuesLists) {
        ListCell *v;
        foreach (v, (List *)lfirst(lc))
            if (sg__walk_text_may_grow(lfirst(v)))
                return true;
    }
    return false;
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
    bool all_stored = growth && !set_op && !s->valuesLists;
    if (!grows || !stored) {
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
            name = rt->name ? rt->name : figure_name(rt->val);
            grows[i] = growth ? expr_growth(w, level, rt->val) : 0;
            /* a table's column passed on as it is (cast or not) is stored data */
            const Node *bare = sg__walk_uncast(rt->val);
            stored[i] = growth && bare && IsA(bare, ColumnRef) && !grows[i] &&
                        !made_ref(w, level, (const ColumnRef *)bare);
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
    if (!grown || !grown_params) {
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
        if (!(grown[grown_count++] = copy(w, slots[i])))
            return unknown_row;
    }
    size_t n = count;
    for (size_t i = 0; i < k; i++) /* the alias names are columns whatever the positions */
        slots[n++] = strVal(list_nth(aliases, (int)i));
    row_names row = keep_names(w, slots, n, named && stars == 0);
    row.grown = grown;
    row.grown_params = grown_params;
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
        const char *out = rt->name ? rt->name : figure_name(rt->val);
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

/* ---- noting references ------------------------------------------------------------------- */

static void note(walk *w, ref_kind kind, const char *name, const char *a, const char *t,
                 int location)
{
    if (w->noting) {
        /* the comparisons with parameters this reference is the column of */
        for (size_t i = w->cmps.count; i-- > 0;) {
            pending_cmp *c = &SG__VEC_AT(w->cmps, pending_cmp, i);
            if (c->column != w->noting || c->pending >= 0)
                break;
            c->pending = (long)w->pending.count;
        }
    }
    pending_field *p = sg__vec_push(w->arena, &w->pending, sizeof *p);
    if (!p) {
        fail(w);
        return;
    }
    *p = (pending_field){kind,     name, a,     t,     w->level,       w->sight,
                         location, 0,    false, false, w->current_call};
    if (kind == REF_COLUMN || kind == REF_STAR)
        p->flags = (kind == REF_STAR ? SG_COLREF_STAR : 0) |
                   (w->sees_excluded ? SG_COLREF_SEES_EXCLUDED : 0) |
                   (kind == REF_STAR && w->targets_unread ? SG_COLREF_UNREAD : 0);
    if (w->noting && (const Node *)w->noting == w->isolated)
        p->flags |= SG_COLREF_ISOLATED;
    if (w->noting && sg__walk_in_xml_place(w, (const Node *)w->noting))
        p->flags |= SG_COLREF_XML_PLACE;
    /* asked only in the places meets.c marks (most references stand elsewhere) */
    if (w->noting && (w->flow & (SG__FLOW_POLY | SG__FLOW_UNIFIES)) &&
        sg__walk_poly_ref(w, (const Node *)w->noting))
        p->flags |= SG_COLREF_POLY_PLACE;
    if (w->noting && (w->flow & SG__FLOW_READS) &&
        sg__walk_row_consumed(w, (const Node *)w->noting))
        p->flags |= SG_COLREF_ROW_CONSUMED;
    if (w->noting && (w->flow & SG__FLOW_MEETS) && sg__walk_meets_ref(w, (const Node *)w->noting))
        p->flags |= SG_COLREF_MEETS;
}

static void note_columnref(walk *w, ColumnRef *c);

void sg__walk_note_columnref(walk *w, ColumnRef *c)
{
    w->noting = c;
    note_columnref(w, c);
    w->noting = NULL;
}

static void note_columnref(walk *w, ColumnRef *c)
{
    int n = list_length(c->fields);
    for (int i = 0; i + 1 < n; i++) {
        if (!IsA(list_nth(c->fields, i), String))
            return;
    }
    if (n >= 1 && n <= 3 && IsA(llast(c->fields), A_Star)) {
        if (n == 1)
            note(w, REF_STAR, NULL, NULL, NULL, c->location);
        else if (n == 2)
            note(w, REF_STAR, NULL, strVal(linitial(c->fields)), NULL, c->location);
        else
            note(w, REF_STAR, NULL, strVal(linitial(c->fields)), strVal(lsecond(c->fields)),
                 c->location);
        return;
    }
    if (n < 1 || !IsA(llast(c->fields), String))
        return;
    const char *name = strVal(llast(c->fields));
    if (n == 1) {
        if (w->names_off)
            return;
        note(w, REF_COLUMN, name, NULL, NULL, c->location);
        if (w->failed)
            return;
        pending_field *p = &SG__VEC_AT(w->pending, pending_field, w->pending.count - 1);
        if (w->names_unplaced)
            p->flags |= SG_COLREF_UNPLACED;
        Node *select = w->output_ref == c ? w->output_select : w->grouping_select;
        if (select) {
            p->flags |= SG_COLREF_OUTPUT_NAME;
            if (w->output_ref != c || w->output_input_first)
                p->flags |= SG_COLREF_INPUT_FIRST;
            p->is_output = sg__walk_output_match(select, name, &p->outputs_known);
        }
        return;
    }
    if (n == 2)
        note(w, REF_QUALIFIED, name, strVal(linitial(c->fields)), NULL, c->location);
    else if (n == 3)
        note(w, REF_SCHEMA, name, strVal(linitial(c->fields)), strVal(lsecond(c->fields)),
             c->location);
    else
        note(w, REF_UNKNOWN, name, NULL, NULL, c->location);
}

void sg__walk_note_indirection(walk *w, A_Indirection *ind)
{
    /* `(a).f` selects from the whole row of range variable a; any other
     * name, and any name after the first, selects from some other row */
    const char *whole = NULL;
    if (ind->arg && IsA(ind->arg, ColumnRef)) {
        ColumnRef *c = (ColumnRef *)ind->arg;
        if (list_length(c->fields) == 1 && IsA(linitial(c->fields), String))
            whole = strVal(linitial(c->fields));
    }
    int location = exprLocation(ind->arg);
    bool first = true;
    ListCell *lc;
    foreach (lc, ind->indirection) {
        Node *item = lfirst(lc);
        if (IsA(item, String))
            note(w, first && whole ? REF_WHOLE_ROW : REF_UNKNOWN, strVal(item), whole, NULL,
                 location);
        first = false;
    }
}

/* A cast of a column named tableoid to regclass, to resolve at the end. */
typedef struct tableoid_cast {
    size_t func;           /* the cast's facts->funcs index */
    const char *qualifier; /* `t` of t.tableoid, NULL when unqualified */
    int level;
    sight sight;
    bool isolated; /* the cast's value meets no other value (walk.h) */
} tableoid_cast;

bool sg__walk_ts_object_type(const TypeName *t)
{
    if (!t || !t->names || sg__names_outside_pg_catalog(t->names) || !IsA(llast(t->names), String))
        return false;
    const char *name = strVal(llast(t->names));
    name += *name == '_';
    return strcmp(name, "regconfig") == 0 || strcmp(name, "regdictionary") == 0;
}

void sg__walk_note_cast(walk *w, TypeCast *tc)
{
    w->tableoid_cast = NULL;
    TypeName *t = tc->typeName;
    if (tc->arg && IsA(tc->arg, ParamRef))
        w->param_cast = tc;
    /* as IS NULL's operand, or an XML function's argument, it meets no
     * other value either */
    bool isolated = (const Node *)tc == w->isolated || sg__walk_in_xml_place(w, (const Node *)tc);
    /* its operand is visited first, and may hold casts of its own */
    if (sg__walk_ts_object_type(t)) {
        w->ts_cast = t;
        w->ts_operand = tc->arg;
        w->ts_isolated = isolated;
        w->ts_first_arg = (const Node *)tc == w->call_first_arg;
    }
    /* a cast to a type that resolves no names isolates its operand's value */
    Node *type = t && t->names ? llast(t->names) : NULL;
    if (type && IsA(type, String) && !sg__type_resolves_names(strVal(type)) && tc->arg &&
        (IsA(tc->arg, TypeCast) || IsA(tc->arg, FuncCall) || IsA(tc->arg, ColumnRef) ||
         IsA(tc->arg, XmlExpr)))
        w->isolated = tc->arg;
    if (!t || t->arrayBounds != NIL || !tc->arg || !IsA(tc->arg, ColumnRef))
        return;
    int n = list_length(t->names);
    if (!IsA(type, String) || strcmp(strVal(type), "regclass") != 0 || n > 2 ||
        (n == 2 && (!IsA(linitial(t->names), String) ||
                    strcmp(strVal(linitial(t->names)), "pg_catalog") != 0)))
        return;
    ColumnRef *c = (ColumnRef *)tc->arg;
    int fields = list_length(c->fields);
    Node *last = llast(c->fields);
    if (fields > 2 || !IsA(last, String) || strcmp(strVal(last), "tableoid") != 0 ||
        (fields == 2 && !IsA(linitial(c->fields), String)))
        return;
    w->tableoid_cast = t;
    w->tableoid_column = c;
    w->tableoid_isolated = isolated;
}

void sg__walk_note_tableoid_cast(walk *w, const TypeName *t, size_t func)
{
    if (!w->tableoid_cast || w->tableoid_cast != t)
        return;
    const ColumnRef *c = w->tableoid_column;
    w->tableoid_cast = NULL;
    tableoid_cast *p = sg__vec_push(w->arena, &w->tableoid_casts, sizeof *p);
    if (!p) {
        fail(w);
        return;
    }
    p->func = func;
    p->qualifier = list_length(c->fields) == 2 ? strVal(linitial(c->fields)) : NULL;
    p->level = w->level;
    p->sight = w->sight;
    p->isolated = w->tableoid_isolated;
}

/* ---- resolving them ---------------------------------------------------------------------- */

/* The FROM item named `name` in sight from `level` (whose own items in
 * sight are `own`): its own level's, then those of the levels around it,
 * innermost first, each as far as the level inside it sees; an aliased
 * join's operands only from within its ON. */
static const from_item *find_item(const walk *w, int level, sight own, const char *name,
                                  const char *schema)
{
    sight in_sight = own;
    for (unsigned hops = 0; level >= 0 && hops < 100000; hops++) {
        for (size_t i = in_sight.first; i < w->from_items.count && i < in_sight.end; i++) {
            const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
            if (fi->level != level || !fi->name || strcmp(fi->name, name) != 0)
                continue;
            /* an aliased join's operand, seen from outside its ON; a join's
             * alias, seen from inside the join */
            if ((fi->hidden_end && !sg__walk_within_join(in_sight, fi)) ||
                (fi->visible_from && in_sight.end < fi->visible_from))
                continue;
            if (!schema)
                return fi;
            /* `s.t.f`: only a relation, of schema s (or unqualified, which
             * the rules compare with the schema it resolved to) */
            if (fi->relref >= 0) {
                const sg__relref *r = &SG__VEC_AT(w->facts->relations, sg__relref, fi->relref);
                if (!r->catalog && (!r->schema || strcmp(r->schema, schema) == 0))
                    return fi;
            }
        }
        const level_info *info = &SG__VEC_AT(w->levels, level_info, level);
        in_sight = info->parent_sight;
        level = info->parent;
    }
    return NULL;
}

/* Whether the tableoid a cast reads is a relation's system column: the
 * qualifier names a relation reference (not renamed by a column list), or,
 * unqualified, every FROM item of the level is one, so that no sub-select,
 * CTE or function can offer a column of that name. */
static bool relation_tableoid(const walk *w, const tableoid_cast *c)
{
    if (c->qualifier) {
        const from_item *fi = find_item(w, c->level, c->sight, c->qualifier, NULL);
        return fi && fi->relref >= 0 && !fi->row.known;
    }
    size_t items = 0;
    for (size_t i = c->sight.first; i < w->from_items.count && i < c->sight.end; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != c->level)
            continue;
        if (fi->relref < 0 || fi->row.known)
            return false;
        items++;
    }
    return items > 0;
}

/* An unqualified name, `*` or `t.*`, for the rules to resolve. */
static void record_column(walk *w, const pending_field *p)
{
    sg__column_ref *c = sg__vec_push(w->arena, &w->facts->columns, sizeof *c);
    if (!c) {
        fail(w);
        return;
    }
    c->name = p->name ? copy(w, p->name) : NULL;
    c->location = p->location;
    c->flags = p->flags;
    c->level = p->level;
    c->first = p->sight.first;
    c->end = p->sight.end < w->from_items.count ? p->sight.end : w->from_items.count;
    c->source = -1;
    c->call = p->call;
    if (p->kind == REF_STAR && p->a) {
        const from_item *fi = p->t ? find_item(w, p->level, p->sight, p->t, p->a)
                                   : find_item(w, p->level, p->sight, p->a, NULL);
        c->qualifier = copy(w, p->t ? p->t : p->a);
        if (fi)
            c->source = fi - &SG__VEC_AT(w->from_items, from_item, 0);
    }
    if (p->flags & SG_COLREF_OUTPUT_NAME) {
        c->is_output = p->is_output;
        c->outputs_known = p->outputs_known;
    }
}

/* Works out which columns of FROM item i may be long text (row.grown) from
 * what makes them, once: the items it reads are worked out first, and one
 * that reads itself (a recursive WITH query's reference) counts as wholly
 * long. */
static void item_growth(walk *w, size_t i)
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
        /* unnest of one array parameter: each value is an element of it */
        const List *pair = list_length(fi->grow_function->functions) == 1
                               ? linitial(fi->grow_function->functions)
                               : NIL;
        const FuncCall *call = pair && IsA(linitial(pair), FuncCall) ? linitial(pair) : NULL;
        const Node *last = call && call->funcname ? llast(call->funcname) : NULL;
        if (call && list_length(call->args) == 1 && list_length(call->funcname) <= 2 &&
            !sg__names_outside_pg_catalog(call->funcname) && last && IsA(last, String) &&
            strcmp(strVal(last), "unnest") == 0)
            fi->row.grows_all_param = bare_param(linitial(call->args));
    } else if (fi->join_alias) {
        /* an aliased join's columns are its operands' */
        for (size_t k = fi->grow_first; k < fi->grow_end && k < w->from_items.count; k++) {
            item_growth(w, k);
            const from_item *op = &SG__VEC_AT(w->from_items, from_item, k);
            if (op->relref < 0 && (op->row.grows_all || op->row.grown_count))
                fi->row.grows_all = true;
        }
    } else if (fi->grow_select) {
        row_names row = select_row(w, fi->grow_select, fi->grow_aliases, fi->grow_level, true);
        /* a WITH query's columns renamed by the reference: any may be the
         * long one */
        fi = &SG__VEC_AT(w->from_items, from_item, i);
        fi->row.grows_all =
            fi->row.grows_all || row.grows_all || (fi->grow_renamed && row.grown_count);
        fi->row.grown = fi->grow_renamed ? NULL : row.grown;
        fi->row.grown_params = fi->grow_renamed ? NULL : row.grown_params;
        fi->row.grown_count = fi->grow_renamed ? 0 : row.grown_count;
        fi->row.stored = fi->grow_renamed ? NULL : row.stored;
        fi->row.stored_count = fi->grow_renamed ? 0 : row.stored_count;
        fi->row.all_stored = row.all_stored;
    }
    fi->grow_state = GROWTH_DONE;
}

/* The FROM items, levels and merging joins, as facts for the rules. */
static void export_sources(walk *w)
{
    sg__facts *f = w->facts;
    /* the growth of their columns only matters to a quadratic text call */
    for (size_t i = 0; w->work_call && i < w->from_items.count && !w->failed; i++)
        item_growth(w, i);
    for (size_t i = 0; i < w->from_items.count && !w->failed; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        sg__source *s = sg__vec_push(w->arena, &f->sources, sizeof *s);
        if (!s) {
            fail(w);
            return;
        }
        s->level = fi->level;
        s->name = fi->name;
        s->relation = fi->relref;
        s->row = fi->relref >= 0 ? SG_ROW_RELATION
                 : fi->row.known ? SG_ROW_COLUMNS
                                 : SG_ROW_UNKNOWN;
        if (fi->row.known) {
            s->columns = fi->row.names;
            s->column_count = fi->row.count;
        }
        s->complete = fi->relref < 0 && fi->row.known && fi->row.complete;
        s->join_alias = fi->join_alias;
        s->renames = fi->join_alias && fi->row.known;
        s->excluded = fi->excluded;
        s->in_join = fi->in_join;
        s->hidden_first = fi->hidden_first;
        s->hidden_end = fi->hidden_end;
        s->visible_from = fi->visible_from;
        s->grown = fi->relref < 0 ? fi->row.grown : NULL;
        s->grown_params = fi->relref < 0 ? fi->row.grown_params : NULL;
        s->grown_count = fi->relref < 0 ? fi->row.grown_count : 0;
        s->grows_all_param = fi->relref < 0 && fi->row.grows_all ? fi->row.grows_all_param : 0;
        s->grows_all = fi->relref < 0 && fi->row.grows_all;
    }
    for (size_t i = 0; i < w->levels.count && !w->failed; i++) {
        const level_info *info = &SG__VEC_AT(w->levels, level_info, i);
        sg__level *l = sg__vec_push(w->arena, &f->levels, sizeof *l);
        if (!l) {
            fail(w);
            return;
        }
        l->parent = info->parent;
        l->plain = info->plain;
        l->has_from = info->has_from;
        l->limit_one = info->limit_one;
        l->limit_param = info->limit_param;
        l->keys = info->keys;
        l->key_count = info->key_count;
        l->only_source = info->only_source;
        l->out_columns = info->out_columns;
        l->out_count = info->out_count;
        l->first = info->parent_sight.first;
        l->end = info->parent_sight.end < w->from_items.count ? info->parent_sight.end
                                                              : w->from_items.count;
    }
    f->merges = w->merges;
}

/* Whether some FROM item of the statement has no name the walker knows. */
static bool unnamed_item(const walk *w)
{
    for (size_t i = 0; i < w->from_items.count; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (!fi->name && !fi->join_alias)
            return true;
    }
    return false;
}

void sg__walk_resolve_fields(walk *w)
{
    for (size_t i = 0; i < w->tableoid_casts.count; i++) {
        const tableoid_cast *c = &SG__VEC_AT(w->tableoid_casts, tableoid_cast, i);
        if (c->isolated && relation_tableoid(w, c))
            SG__VEC_AT(w->facts->funcs, sg__funcref, c->func).of_tableoid = true;
    }
    /* where each pending reference went: facts->fields index i as i, facts->columns
     * index i as -(i + 2) */
    long *went = sg__arena_alloc(w->arena, (w->pending.count + 1) * sizeof *went);
    if (!went) {
        fail(w);
        return;
    }
    for (size_t i = 0; i < w->pending.count && !w->failed; i++) {
        const pending_field *p = &SG__VEC_AT(w->pending, pending_field, i);
        if (p->kind == REF_COLUMN || p->kind == REF_STAR) {
            went[i] = -(long)w->facts->columns.count - 2;
            record_column(w, p);
            continue;
        }
        went[i] = (long)w->facts->fields.count;
        sg__field_ref *f = sg__vec_push(w->arena, &w->facts->fields, sizeof *f);
        if (!f) {
            fail(w);
            return;
        }
        memset(f, 0, sizeof *f);
        f->name = copy(w, p->name);
        f->location = p->location;
        f->call = p->call;
        f->row = SG_ROW_UNKNOWN;
        f->relation = -1;
        f->isolated = (p->flags & SG_COLREF_ISOLATED) != 0;
        f->xml_place = (p->flags & SG_COLREF_XML_PLACE) != 0;
        f->poly_place = (p->flags & SG_COLREF_POLY_PLACE) != 0;
        f->meets = (p->flags & SG_COLREF_MEETS) != 0;
        const from_item *fi = NULL;
        if (p->kind == REF_WHOLE_ROW)
            f->bare_row = copy(w, p->a);
        if (p->kind == REF_QUALIFIED || p->kind == REF_WHOLE_ROW)
            fi = find_item(w, p->level, p->sight, p->a, NULL);
        else if (p->kind == REF_SCHEMA)
            fi = find_item(w, p->level, p->sight, p->t, p->a);
        f->source = -1;
        /* `a.f` is a range variable's or nothing; a function in FROM
         * without an alias has its own name, which the walker does not give */
        if (!fi && p->kind == REF_QUALIFIED && !unnamed_item(w))
            f->missing_item = copy(w, p->a);
        if (!fi)
            continue; /* a column's field, or a name PostgreSQL will not find */
        f->source = fi - &SG__VEC_AT(w->from_items, from_item, 0);
        if (fi->relref >= 0) {
            f->row = SG_ROW_RELATION;
            f->relation = fi->relref;
            f->schema = p->kind == REF_SCHEMA ? copy(w, p->a) : NULL;
        } else if (fi->row.known) {
            f->row = SG_ROW_COLUMNS;
            f->complete = fi->row.complete;
        }
        if (fi->row.known) {
            f->columns = fi->row.names;
            f->column_count = fi->row.count;
        }
    }
    export_sources(w);
    for (size_t i = 0; i < w->cmps.count && !w->failed; i++) {
        const pending_cmp *c = &SG__VEC_AT(w->cmps, pending_cmp, i);
        if (c->pending < 0 || (size_t)c->pending >= w->pending.count)
            continue;
        sg__param_cmp *out = sg__vec_push(w->arena, &w->facts->param_cmps, sizeof *out);
        if (!out) {
            fail(w);
            return;
        }
        long to = went[c->pending];
        *out = (sg__param_cmp){c->param, c->location, c->kind, to >= 0,
                               (size_t)(to >= 0 ? to : -to - 2)};
    }
}
