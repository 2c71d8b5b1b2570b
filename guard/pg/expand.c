/*
 * expand.c - how many copies of the values below it each column a query
 * level makes stands for, for func.resource-bound. PostgreSQL's planner puts
 * a sub-select's output expression (and a WITH query's, read once) in place
 * of every reference to its column, so a level that reads a column twice
 * (`x.s || x.s`, `x.n + x.n`) over a level that does the same doubles the
 * expression at each: twenty levels make a million copies, which the
 * planner builds, and from constants computes, for seconds past a cancel.
 * The text such a column makes is as many copies of its pieces (string
 * constants, parameters' values). It describes; the rule judges.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <string.h>

#include "nodes/nodeFuncs.h"
#include "pg/walk.h"

/* What an expression (or a column) stands for: how many copies of the
 * values below it, and its longest pieces. */
typedef struct sg__weighed {
    unsigned long long weight;
    size_t chars;              /* the longest string constant */
    unsigned long long params; /* bit n - 1: $n (n <= 64) */
    bool params_more;          /* a $n above 64 */
    int location;              /* of the output, -1 when it has none */
} sg__weighed;

static const sg__weighed one = {1, 0, 0, false, -1};

/* How many FROM items deep one descent follows references (each a few
 * hundred bytes of stack, within a gateway's 256 KiB); a longer chain is
 * weighed in stretches from its far end (weigh_item). */
enum { WEIGH_DEPTH_MAX = 32 };

/* weight_state of an item queued to be weighed from the top */
enum { WEIGHT_QUEUED = GROWTH_DONE + 1 };

static unsigned long long add(unsigned long long a, unsigned long long b)
{
    return a + b >= SG_EXPANSION_CAP ? SG_EXPANSION_CAP : a + b; /* both at most the cap */
}

/* Joins what `x` stands for into `into`: the larger weight, all pieces. */
static void join(sg__weighed *into, const sg__weighed *x)
{
    if (x->weight > into->weight) {
        into->weight = x->weight;
        into->location = x->location;
    }
    into->chars = x->chars > into->chars ? x->chars : into->chars;
    into->params |= x->params;
    into->params_more = into->params_more || x->params_more;
}

static void add_param(sg__weighed *into, int n)
{
    if (n > 0 && n <= 64)
        into->params |= 1ULL << (n - 1);
    else if (n > 64)
        into->params_more = true;
}

static sg__weighed item_weighed(walk *w, size_t i, const char *name);

/* What weigh_at() finds for a reference among one level's items. */
typedef struct found {
    sg__weighed what;
} found;

/* What the items of `level` in sight that reference `p` may name stand for:
 * a relation's column one copy, a derived item's column what its output
 * does, a whole row (`x`, `x.*`, `*`) the most of any of its columns. */
static int weigh_at(walk *w, int level, sight in_sight, const sg__ref_parts *p, void *ctx)
{
    found *out = ctx;
    int hits = 0;
    for (size_t i = in_sight.first; i < w->from_items.count && i < in_sight.end; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != level || fi->excluded ||
            (p->item && (!fi->name || strcmp(fi->name, p->item) != 0)))
            continue;
        bool row = !p->name || (!p->item && fi->name && strcmp(fi->name, p->name) == 0);
        if (!row && !p->item && fi->relref < 0 && fi->row.known && fi->row.complete &&
            !sg__walk_name_in(p->name, fi->row.names, fi->row.count))
            continue; /* a bare name this item surely lacks */
        sg__weighed x = item_weighed(w, i, row ? NULL : p->name);
        join(&out->what, &x);
        hits++;
    }
    return hits > 0;
}

/* What column reference `c`, made at `level`, stands for: one copy when it
 * names nothing the walk knows (an outer query's, `s.t.c`). */
static sg__weighed ref_weighed(walk *w, int level, const ColumnRef *c)
{
    sg__ref_parts p;
    found out = {{0, 0, 0, false, -1}};
    if (level < 0 || !sg__walk_split_ref(c, &p) ||
        !sg__walk_reach_levels(w, level, &p, weigh_at, &out) || !out.what.weight)
        return one;
    return out.what;
}

/* What an expression's walk gathers. */
typedef struct gather {
    walk *w;
    int level;         /* where its column references are made; -1: pieces only */
    sg__weighed total; /* weights summed, pieces joined */
} gather;

static bool gather_walk(Node *n, void *context)
{
    gather *g = context;
    if (!n || g->w->weigh_deferred)
        return g->w->weigh_deferred; /* given up: its sum is not kept */
    if (IsA(n, ColumnRef)) {
        if (g->level < 0)
            return false;
        sg__weighed x = ref_weighed(g->w, g->level, (const ColumnRef *)n);
        g->total.weight = add(g->total.weight, x.weight);
        unsigned long long keep = g->total.weight;
        join(&g->total, &x);
        g->total.weight = keep;
        return false;
    }
    if (IsA(n, A_Const)) {
        const A_Const *k = (const A_Const *)n;
        if (!k->isnull && nodeTag(&k->val) == T_String) {
            size_t len = strlen(k->val.sval.sval);
            g->total.chars = len > g->total.chars ? len : g->total.chars;
        }
        return false;
    }
    if (IsA(n, ParamRef)) {
        add_param(&g->total, ((const ParamRef *)n)->number);
        return false;
    }
    if (IsA(n, SubLink) && g->level >= 0) {
        /* a sub-select's value, computed apart: one copy, but its pieces
         * (`(SELECT $1)`) may be the value */
        g->total.weight = add(g->total.weight, 1);
        gather pieces = {g->w, -1, {0, 0, 0, false, -1}};
        raw_expression_tree_walker(((SubLink *)n)->subselect, gather_walk, &pieces);
        unsigned long long keep = g->total.weight;
        join(&g->total, &pieces.total);
        g->total.weight = keep;
        return false;
    }
    return raw_expression_tree_walker(n, gather_walk, context);
}

/* What expression `n`, at `level`, stands for: the sum of its column
 * references' weights, at least one copy. */
static sg__weighed expr_weighed(walk *w, int level, Node *n, int location)
{
    gather g = {w, level, {0, 0, 0, false, location}};
    if (!w->failed)
        gather_walk(n, &g);
    if (!g.total.weight)
        g.total.weight = 1;
    g.total.location = location;
    return g.total;
}

/* The level select `s` is, else `fallback`. */
static int level_of(const walk *w, const SelectStmt *s, int fallback)
{
    for (size_t l = 0; l < w->levels.count; l++)
        if (SG__VEC_AT(w->levels, level_info, l).select == s)
            return (int)l;
    return fallback;
}

/* The outputs of one select, weighed. */
typedef struct outputs {
    const char **names;
    sg__weighed *weights;
    size_t count;
    /* per output, for a `*` or `t.*` of a select without a column list:
     * the level it is read at (-1 for any other output) and `t` (NULL for
     * `*`), where a name it stands for is looked up; NULL when none */
    int *star_levels;
    const char **star_items;
} outputs;

/* Notes that output i of `out` is star `c`, read at `level`. */
static void note_star(walk *w, outputs *out, size_t i, int level, const ColumnRef *c)
{
    sg__ref_parts p;
    if (!sg__walk_split_ref(c, &p) || p.name)
        return;
    if (!out->star_levels) {
        out->star_levels = sg__arena_alloc(w->arena, (out->count + 1) * sizeof *out->star_levels);
        out->star_items = sg__arena_alloc(w->arena, (out->count + 1) * sizeof *out->star_items);
        if (!out->star_levels || !out->star_items) {
            out->star_levels = NULL;
            fail(w);
            return;
        }
        for (size_t k = 0; k < out->count; k++)
            out->star_levels[k] = -1;
    }
    out->star_levels[i] = level;
    out->star_items[i] = p.item;
}

/* Weighs the outputs of leaf select `s` (no set operation) into `out`,
 * joining each into the position's weight (a set operation's branches
 * share positions); names them when `name_them`, renamed by `aliases`. */
static void weigh_leaf(walk *w, const SelectStmt *s, int fallback, List *aliases, bool name_them,
                       outputs *out)
{
    int level = level_of(w, s, fallback);
    size_t count = s->valuesLists ? (size_t)list_length(linitial(s->valuesLists))
                                  : (size_t)list_length(s->targetList);
    if (count > out->count)
        count = out->count;
    size_t stars = 0, k = (size_t)list_length(aliases);
    for (size_t i = 0; i < count && !w->failed; i++) {
        const char *name = NULL;
        if (s->valuesLists) {
            ListCell *lc;
            foreach (lc, s->valuesLists) {
                List *row = lfirst(lc);
                if ((size_t)list_length(row) > i) {
                    Node *v = list_nth(row, (int)i);
                    sg__weighed x = expr_weighed(w, level, v, -1);
                    join(&out->weights[i], &x);
                }
            }
        } else {
            ResTarget *rt = list_nth(s->targetList, (int)i);
            if (!IsA(rt, ResTarget))
                continue;
            sg__weighed x = expr_weighed(w, level, rt->val, rt->location);
            join(&out->weights[i], &x);
            if (rt->val && sg__walk_expands(rt->val)) {
                stars++;
                if (name_them && !k && IsA(rt->val, ColumnRef))
                    note_star(w, out, i, level, (const ColumnRef *)rt->val);
                continue;
            }
            name = rt->name ? rt->name : sg__walk_figure_colname(rt->val);
        }
        if (i - stars < k)
            name = stars ? NULL : strVal(list_nth(aliases, (int)i));
        if (name_them)
            out->names[i] = name;
    }
}

/* Weighs the outputs of select `node` at `level`: a set operation's
 * position by the most of its branches', named by its leftmost. */
static outputs weigh_select(walk *w, Node *node, List *aliases, int level)
{
    outputs out = {NULL, NULL, 0, NULL, NULL};
    if (!node || !IsA(node, SelectStmt))
        return out;
    const SelectStmt *s = (const SelectStmt *)node;
    const SelectStmt *left = s;
    for (unsigned hops = 0; left->op != SETOP_NONE && left->larg && hops < 1000; hops++)
        left = left->larg;
    if (left->op != SETOP_NONE)
        return out;
    size_t count = left->valuesLists ? (size_t)list_length(linitial(left->valuesLists))
                                     : (size_t)list_length(left->targetList);
    out.names = sg__arena_alloc(w->arena, (count + 1) * sizeof *out.names);
    out.weights = sg__arena_alloc(w->arena, (count + 1) * sizeof *out.weights);
    if (!out.names || !out.weights) {
        fail(w);
        return (outputs){NULL, NULL, 0, NULL, NULL};
    }
    out.count = count;
    for (size_t i = 0; i < count; i++) {
        out.names[i] = NULL;
        out.weights[i] = (sg__weighed){0, 0, 0, false, -1};
    }
    if (s->op == SETOP_NONE) {
        weigh_leaf(w, s, level, aliases, true, &out);
        return out;
    }
    /* the branches, leftmost first, by an explicit stack (in the arena: this
     * frame is stacked once for every level a reference leads down) */
    enum { BRANCHES_MAX = 256 };
    const SelectStmt **stack = sg__arena_alloc(w->arena, BRANCHES_MAX * sizeof *stack);
    if (!stack) {
        fail(w);
        return (outputs){NULL, NULL, 0, NULL, NULL};
    }
    size_t depth = 0;
    stack[depth++] = s;
    bool first = true;
    while (depth && !w->failed) {
        const SelectStmt *b = stack[--depth];
        if (!b)
            continue;
        if (b->op != SETOP_NONE) {
            if (depth + 2 > BRANCHES_MAX) {
                /* too many to follow: every position as long as can be */
                for (size_t i = 0; i < count; i++)
                    out.weights[i].weight = SG_EXPANSION_CAP;
                break;
            }
            stack[depth++] = b->rarg;
            stack[depth++] = b->larg;
            continue;
        }
        weigh_leaf(w, b, level, aliases, first, &out);
        first = false;
    }
    return out;
}

/* Keeps what FROM item i's outputs stand for. */
static void store_weights(walk *w, size_t i, const outputs *out, const sg__weighed *most)
{
    sg__weighed *kept = sg__arena_alloc(w->arena, sizeof *kept);
    if (!kept) {
        fail(w);
        return;
    }
    *kept = *most;
    from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
    fi->weight_names = out->names;
    fi->weights = out->weights;
    fi->weight_count = out->count;
    fi->weight_star_levels = out->star_levels;
    fi->weight_star_items = out->star_items;
    fi->weight_most = kept;
    fi->weight_state = GROWTH_DONE;
}

/* Works out what the columns of FROM item i stand for, once; an item that
 * reads itself (a recursive WITH query's reference) one copy there. An item
 * WEIGH_DEPTH_MAX items down is queued (w->weigh_queue) and the items that
 * led to it are left to be weighed again once it is. */
static void weigh_item(walk *w, size_t i)
{
    from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
    unsigned char state = fi->weight_state;
    if (state == GROWTH_DONE || state == GROWTH_WORKING || w->weigh_deferred)
        return; /* done, being done, or the descent is given up */
    if (w->weigh_depth >= WEIGH_DEPTH_MAX) {
        /* deeper than the stack is given for: weighed later from here, and
         * the items that led here after it */
        w->weigh_deferred = true;
        if (state != WEIGHT_QUEUED) {
            size_t *slot = sg__vec_push(w->arena, &w->weigh_queue, sizeof *slot);
            if (!slot) {
                fail(w);
                return;
            }
            *slot = i;
            fi->weight_state = WEIGHT_QUEUED;
        }
        return;
    }
    fi->weight_state = GROWTH_WORKING;
    sg__weighed most = {1, 0, 0, false, -1};
    outputs out = {NULL, NULL, 0, NULL, NULL};
    w->weigh_depth++;
    if (fi->grow_function) {
        /* a function's values are made of its arguments, row by row */
        ListCell *lc;
        foreach (lc, fi->grow_function->functions) {
            const List *pair = lfirst(lc);
            if (pair) {
                sg__weighed x = expr_weighed(w, fi->level, linitial(pair), -1);
                join(&most, &x);
            }
        }
    } else if (fi->grow_select) {
        out = weigh_select(w, fi->grow_select, fi->grow_aliases, fi->grow_level);
        for (size_t k = 0; k < out.count; k++)
            join(&most, &out.weights[k]);
    }
    w->weigh_depth--;
    fi = &SG__VEC_AT(w->from_items, from_item, i);
    if (w->weigh_deferred) {
        fi->weight_state = state; /* what it reads is not weighed yet */
        return;
    }
    store_weights(w, i, &out, &most);
}

/* What column `name` (NULL: the most of any) of FROM item i stands for. */
static sg__weighed item_weighed(walk *w, size_t i, const char *name)
{
    const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
    if (fi->relref >= 0 || fi->excluded)
        return one;
    if (fi->join_alias) {
        /* an aliased join's columns are its operands' */
        sg__weighed all = {0, 0, 0, false, -1};
        size_t first = fi->grow_first, end = fi->grow_end;
        for (size_t k = first; k < end && k < w->from_items.count && k != i; k++) {
            sg__weighed x = item_weighed(w, k, name);
            join(&all, &x);
        }
        return all.weight ? all : one;
    }
    weigh_item(w, i);
    fi = &SG__VEC_AT(w->from_items, from_item, i);
    if (fi->weight_state != GROWTH_DONE || !fi->weight_most)
        return one; /* read within itself, or out of memory */
    sg__weighed named = {0, 0, 0, false, -1};
    for (size_t k = 0; name && k < fi->weight_count; k++)
        if (fi->weight_names[k] && strcmp(fi->weight_names[k], name) == 0)
            join(&named, &fi->weights[k]);
    /* a name a `*` stands for: what it names where the `*` is read */
    for (size_t k = 0; name && !named.weight && fi->weight_star_levels && k < fi->weight_count;
         k++) {
        if (fi->weight_star_levels[k] < 0)
            continue;
        sg__ref_parts p = {fi->weight_star_items[k], name};
        found out = {{0, 0, 0, false, -1}};
        if (sg__walk_reach_levels(w, fi->weight_star_levels[k], &p, weigh_at, &out))
            join(&named, &out.what);
        fi = &SG__VEC_AT(w->from_items, from_item, i);
    }
    return named.weight ? named : *fi->weight_most;
}

/* Records those of `count` outputs' weights that are 2 or more. */
static void record(walk *w, const sg__weighed *weights, size_t count)
{
    for (size_t k = 0; k < count && !w->failed; k++) {
        const sg__weighed *x = &weights[k];
        if (x->weight < 2)
            continue;
        sg__expansion *e = sg__vec_push(w->arena, &w->facts->expansions, sizeof *e);
        if (!e) {
            fail(w);
            return;
        }
        *e = (sg__expansion){x->weight, x->chars, x->params, x->params_more, x->location};
    }
}

/*
 * A recursive WITH query's step: which of its columns the step makes of
 * which columns of the row before, where their text is carried whole into
 * the new value (`||`, concat, format, an ARRAY[...] or ROW(...), CASE's and
 * COALESCE's results, a cast), not read as a number or a length (`r.n + 1`,
 * `length(r.s)`, `mod(r.a, r.b)`). A column made of two or more copies of
 * columns that themselves grow at each step doubles at every step.
 */
enum { STEP_COLUMNS_MAX = 32, SELF_NAMES_MAX = 8 };

typedef struct step {
    const char *names[STEP_COLUMNS_MAX]; /* the WITH query's columns */
    size_t count;
    const char *selves[SELF_NAMES_MAX]; /* the names the step reads the query by */
    size_t self_count;
    unsigned carries[STEP_COLUMNS_MAX]; /* per column, of the output being read */
} step;

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
};

/* ... of which one copy of an argument may make two or more */
static const char *const multiplying_calls[] = {
    "format",         "array_fill", "repeat", "lpad",          "rpad",        "replace",
    "regexp_replace", "overlay",    "encode", "quote_literal", "quote_ident", "quote_nullable",
};

static bool name_listed(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

/* Which column of the WITH query reference `c` reads in the step: its
 * index, STEP_COLUMNS_MAX for the whole row, -1 for none. */
static int self_column(const step *st, const ColumnRef *c)
{
    sg__ref_parts p;
    if (!sg__walk_split_ref(c, &p))
        return -1;
    bool self = false;
    for (size_t k = 0; k < st->self_count; k++)
        if ((p.item && strcmp(p.item, st->selves[k]) == 0) ||
            (!p.item && p.name && strcmp(p.name, st->selves[k]) == 0))
            self = true;
    if (!p.name || (self && !p.item)) /* `*`, `r.*`, `r` */
        return !p.name && !p.item ? (int)STEP_COLUMNS_MAX : self ? (int)STEP_COLUMNS_MAX : -1;
    if (p.item && !self)
        return -1;
    for (size_t j = 0; j < st->count; j++)
        if (st->names[j] && strcmp(st->names[j], p.name) == 0)
            return (int)j;
    return -1;
}

static void carry(step *st, const Node *n, unsigned times, unsigned depth);

/* carry() of each expression of `list`, one level down. */
static void carry_list(step *st, const List *list, unsigned times, unsigned depth)
{
    const ListCell *lc;
    foreach (lc, list)
        carry(st, lfirst(lc), times, depth + 1);
}

/* Counts into st->carries the columns of the row before whose text `n`
 * carries into its value, `times` copies each. */
static void carry(step *st, const Node *n, unsigned times, unsigned depth)
{
    if (!n || depth > 200)
        return;
    switch (nodeTag(n)) {
    case T_ColumnRef: {
        int j = self_column(st, (const ColumnRef *)n);
        for (size_t k = 0; k < st->count; k++)
            if (j == (int)k || j == (int)STEP_COLUMNS_MAX)
                st->carries[k] += times;
        return;
    }
    case T_TypeCast:
        carry(st, ((const TypeCast *)n)->arg, times, depth + 1);
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
        if (!name_listed(name, carrying_calls, sizeof carrying_calls / sizeof *carrying_calls))
            return;
        unsigned each = name_listed(name, multiplying_calls,
                                    sizeof multiplying_calls / sizeof *multiplying_calls)
                            ? 2 * times
                            : times;
        carry_list(st, f->args, each, depth);
        return;
    }
    case T_CoalesceExpr:
        carry_list(st, ((const CoalesceExpr *)n)->args, times, depth);
        return;
    case T_MinMaxExpr:
        carry_list(st, ((const MinMaxExpr *)n)->args, times, depth);
        return;
    case T_A_ArrayExpr:
        carry_list(st, ((const A_ArrayExpr *)n)->elements, times, depth);
        return;
    case T_RowExpr:
        carry_list(st, ((const RowExpr *)n)->args, times, depth);
        return;
    case T_CaseExpr: {
        const CaseExpr *c = (const CaseExpr *)n;
        const ListCell *lc;
        foreach (lc, c->args)
            if (IsA(lfirst(lc), CaseWhen))
                carry(st, (const Node *)((const CaseWhen *)lfirst(lc))->result, times, depth + 1);
        carry(st, (const Node *)c->defresult, times, depth + 1);
        return;
    }
    default:
        return;
    }
}

/* The names the step reads WITH query `name` by, in its FROM (`r`, or the
 * alias of `r AS prev`), joins searched. */
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
    find_selves(&st, (const Node *)rec->fromClause, cte->ctename, 0);
    if (!st.self_count)
        return;
    /* carried[i][j]: copies of column j of the row before in column i */
    unsigned carried[STEP_COLUMNS_MAX][STEP_COLUMNS_MAX];
    for (size_t i = 0; i < st.count; i++) {
        const ResTarget *rt = list_nth(rec->targetList, (int)i);
        memset(st.carries, 0, sizeof st.carries);
        if (IsA(rt, ResTarget))
            carry(&st, rt->val, 1, 0);
        memcpy(carried[i], st.carries, sizeof st.carries);
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
                copies += carried[i][j];
        if (copies < 2)
            continue;
        const ResTarget *rt = list_nth(rec->targetList, (int)i);
        w->facts->doubling_cte = cte->ctename;
        w->facts->doubling_column = st.names[i];
        w->facts->doubling_location = IsA(rt, ResTarget) ? rt->location : cte->location;
        return;
    }
}

void sg__walk_expansions(walk *w)
{
    for (size_t i = 0; i < w->facts->ctes.count && !w->facts->doubling_cte; i++)
        if (SG__VEC_AT(w->facts->ctes, sg__cte, i).recursive && i < w->cte_queries.count)
            judge_recursion(w, SG__VEC_AT(w->cte_queries, const CommonTableExpr *, i));
    bool derived = false;
    for (size_t i = 0; i < w->from_items.count && !derived; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        derived = fi->relref < 0 && !fi->excluded && !fi->join_alias;
    }
    if (!derived || w->facts->depth_exceeded)
        return;
    /* An output stands for at most as many copies as the product, over the
     * levels, of the most references one output of each holds: at most
     * two, the text is at most twice the longest piece, whichever it is */
    unsigned long long bound = 1;
    for (size_t l = 0; l < w->levels.count && bound <= 2; l++) {
        unsigned refs = SG__VEC_AT(w->levels, level_info, l).most_refs;
        bound *= refs > 1 ? refs : 1;
    }
    if (bound <= 2) {
        sg__expansion *e =
            bound == 2 ? sg__vec_push(w->arena, &w->facts->expansions, sizeof *e) : NULL;
        if (bound == 2 && !e)
            fail(w);
        else if (e)
            *e = (sg__expansion){2, 0, ~0ULL, true, -1};
        return;
    }
    /* every item, each chain of references from its far end in stretches
     * of WEIGH_DEPTH_MAX (the queue is a stack: the latest queued is the
     * deepest) */
    size_t n = w->from_items.count, attempts = 0;
    for (size_t i = 0; i < n && !w->failed; i++) {
        from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->relref >= 0 || fi->excluded || fi->join_alias || fi->weight_state == GROWTH_DONE)
            continue;
        size_t *slot = sg__vec_push(w->arena, &w->weigh_queue, sizeof *slot);
        if (!slot) {
            fail(w);
            return;
        }
        *slot = i;
        fi->weight_state = WEIGHT_QUEUED;
        while (w->weigh_queue.count && !w->failed) {
            size_t queued = w->weigh_queue.count;
            size_t t = SG__VEC_AT(w->weigh_queue, size_t, queued - 1);
            w->weigh_depth = 0;
            w->weigh_deferred = false;
            weigh_item(w, t);
            from_item *ft = &SG__VEC_AT(w->from_items, from_item, t);
            if (ft->weight_state == GROWTH_DONE) {
                w->weigh_queue.count--;
                continue;
            }
            if (w->weigh_queue.count == queued || ++attempts > 4 * n + 64) {
                /* it leads back to an item queued before it, or on and on:
                 * as many copies as can be */
                outputs none = {NULL, NULL, 0, NULL, NULL};
                sg__weighed all = {SG_EXPANSION_CAP, 0, ~0ULL, true, -1};
                store_weights(w, t, &none, &all);
                w->facts->expansion_too_deep = true;
                w->weigh_queue.count = queued - 1;
            }
        }
    }
    w->weigh_depth = 0;
    w->weigh_deferred = false;
    for (size_t i = 0; i < n && !w->failed; i++) {
        const from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->relref >= 0 || fi->excluded || fi->join_alias || !fi->weight_most)
            continue;
        if (fi->weight_count)
            record(w, fi->weights, fi->weight_count);
        else
            record(w, fi->weight_most, 1); /* a function's: its one weight */
    }
    /* the statement's own outputs read the items too */
    if (w->root && IsA(w->root, SelectStmt) && w->top_level >= 0) {
        outputs out = weigh_select(w, (Node *)w->root, NIL, w->top_level);
        record(w, out.weights, out.count);
    }
}
