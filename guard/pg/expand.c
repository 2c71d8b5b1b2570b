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
    /* the characters of the constants it holds, each copy counted */
    unsigned long long chars;
    unsigned long long params; /* bit n - 1: $n (n <= 64) */
    bool params_more;          /* a $n above 64 */
    bool sized;                /* a call that sizes what it makes (made_by_call) */
    int location;              /* of the output, -1 when it has none */
} sg__weighed;

/* What a constant counts for besides its text: the node the planner copies
 * with it and the separator it prints with. */
enum { CONSTANT_NODE = 64 };

static const sg__weighed one = {1, 0, 0, false, false, -1};
static const sg__weighed none = {0, 0, 0, false, false, -1};

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
    into->sized = into->sized || x->sized;
}

/* Adds what `x` stands for to `into`, as a part of one expression: weights
 * and constants' characters summed, pieces joined. */
static void add_part(sg__weighed *into, const sg__weighed *x)
{
    unsigned long long weight = add(into->weight, x->weight);
    unsigned long long chars = add(into->chars, x->chars);
    join(into, x);
    into->weight = weight;
    into->chars = chars;
}

/* Whether `n` is a call of one of `names` (the last part of its name). */
static bool call_in(const Node *n, const char *const *names, size_t count)
{
    const List *name = IsA(n, FuncCall) ? ((const FuncCall *)n)->funcname : NIL;
    const Node *last = name ? llast(name) : NULL;
    return last && IsA(last, String) && sg__walk_name_in(strVal(last), names, count);
}

/* Whether call `f` makes a value its text does not show the size of, which
 * the rule reads from its arguments (sg__call_size). */
static bool made_by_call(const FuncCall *f)
{
    static const char *const sized[] = {"repeat", "lpad",    "rpad",           "array_fill",
                                        "format", "replace", "regexp_replace", "generate_series"};
    return call_in((const Node *)f, sized, sizeof sized / sizeof *sized);
}

/* The calls whose text may be twice their operands': escaping, quoting and
 * hex. */
static const char *const doubling_calls[] = {
    "encode",       "to_json",       "to_jsonb",    "array_to_json",  "row_to_json",
    "jsonb_pretty", "quote_literal", "quote_ident", "quote_nullable",
};

/* Whether `n` makes text that may be twice its operands': one of
 * doubling_calls, an XML element, or a cast of a row or an array (whose
 * text quotes and escapes its fields again: `x::text` of a whole row,
 * `ARRAY[...]::text`); `*row` is set instead for a cast of a bare name,
 * which doubles when the name is a FROM item's (the caller tells). */
bool sg__walk_doubles(const Node *n, const char **row)
{
    *row = NULL;
    if (IsA(n, XmlExpr))
        return true;
    if (IsA(n, FuncCall))
        return call_in(n, doubling_calls, sizeof doubling_calls / sizeof *doubling_calls);
    if (!IsA(n, TypeCast))
        return false;
    const Node *arg = ((const TypeCast *)n)->arg;
    if (!arg)
        return false;
    if (IsA(arg, A_ArrayExpr) || IsA(arg, RowExpr) ||
        (IsA(arg, SubLink) && ((const SubLink *)arg)->subLinkType == ARRAY_SUBLINK))
        return true;
    /* bytea printed as text is hex: of a bytea cast or a call that makes one */
    if (IsA(arg, TypeCast) && ((const TypeCast *)arg)->typeName) {
        const List *names = ((const TypeCast *)arg)->typeName->names;
        const Node *type = names ? llast(names) : NULL;
        return type && IsA(type, String) && strcmp(strVal(type), "bytea") == 0;
    }
    static const char *const bytea_calls[] = {"convert_to", "decode", "bytea"};
    if (IsA(arg, FuncCall))
        return call_in(arg, bytea_calls, sizeof bytea_calls / sizeof *bytea_calls);
    if (!IsA(arg, ColumnRef))
        return false;
    /* `x.*`, or a bare name, which may be a whole row */
    const ColumnRef *c = (const ColumnRef *)arg;
    const Node *last = c->fields ? llast(c->fields) : NULL;
    if (!last)
        return false;
    if (list_length(c->fields) == 1 && IsA(last, String))
        *row = strVal(last);
    return IsA(last, A_Star);
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
    found out = {none};
    if (level < 0 || !sg__walk_split_ref(c, &p) ||
        !sg__walk_reach_levels(w, level, &p, weigh_at, &out) || !out.what.weight)
        return one;
    return out.what;
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

static outputs weigh_select(walk *w, Node *node, List *aliases, int level);

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
        add_part(&g->total, &x);
        return false;
    }
    if (IsA(n, A_Const)) {
        const A_Const *k = (const A_Const *)n;
        const char *t = k->isnull                         ? NULL
                        : nodeTag(&k->val) == T_String    ? k->val.sval.sval
                        : nodeTag(&k->val) == T_Float     ? k->val.fval.fval
                        : nodeTag(&k->val) == T_BitString ? k->val.bsval.bsval
                                                          : NULL;
        /* its text (an integer's at most 11 characters), and the node the
         * planner copies, about as much as CONSTANT_NODE characters (50,000
         * array elements copied 16 times held 464 MB while planned) */
        g->total.chars = add(g->total.chars, (t ? strlen(t) : 11) + CONSTANT_NODE);
        return false;
    }
    if (IsA(n, ParamRef)) {
        add_param(&g->total, ((const ParamRef *)n)->number);
        return false;
    }
    if (IsA(n, FuncCall) && made_by_call((const FuncCall *)n))
        g->total.sized = true;
    const char *row = NULL;
    if (g->level >= 0 &&
        (sg__walk_doubles(n, &row) ||
         (row && sg__walk_has_item(g->w, g->level, (sight){0, g->w->from_items.count}, row)))) {
        /* escaping, quoting, hex: the text it makes of its operands may be
         * twice theirs, and a level over one that does the same doubles it
         * again with one reference */
        gather inner = {g->w, g->level, none};
        raw_expression_tree_walker(n, gather_walk, &inner);
        inner.total.weight = add(inner.total.weight, inner.total.weight);
        inner.total.chars = add(inner.total.chars, inner.total.chars);
        add_part(&g->total, &inner.total);
        return g->w->weigh_deferred;
    }
    if (IsA(n, SubLink) && g->level >= 0) {
        /* a sub-select's value stands where it is written, copied with
         * the expression like a column: what its outputs stand for, read
         * at its own level (one copy when the walk does not know it) */
        const SubLink *sub = (const SubLink *)n;
        sg__weighed x = one;
        const SelectStmt *select = sub->subselect && IsA(sub->subselect, SelectStmt)
                                       ? (const SelectStmt *)sub->subselect
                                       : NULL;
        int level = select ? level_of(g->w, select, -1) : -1;
        if (level >= 0 && g->w->weigh_depth >= WEIGH_DEPTH_MAX) {
            /* nested deeper than the stack is given for */
            x = (sg__weighed){SG_EXPANSION_CAP, 0, 0, false, false, -1};
            g->w->facts->expansion_too_deep = true;
        } else if (level >= 0) {
            g->w->weigh_depth++;
            outputs out = weigh_select(g->w, (Node *)sub->subselect, NIL, level);
            g->w->weigh_depth--;
            x = none;
            for (size_t k = 0; k < out.count; k++)
                join(&x, &out.weights[k]);
            if (!x.weight)
                x = one;
        }
        /* its pieces anywhere in it (`(SELECT $1)`, a constant in its WHERE) */
        gather pieces = {g->w, -1, none};
        raw_expression_tree_walker(sub->subselect, gather_walk, &pieces);
        pieces.total.weight = 0;
        pieces.total.chars = 0;
        join(&x, &pieces.total);
        add_part(&g->total, &x);
        return raw_expression_tree_walker(sub->testexpr, gather_walk, context);
    }
    return raw_expression_tree_walker(n, gather_walk, context);
}

/* What expression `n`, at `level`, stands for: the sum of its column
 * references' weights, at least one copy. */
static sg__weighed expr_weighed(walk *w, int level, Node *n, int location)
{
    gather g = {w, level, none};
    if (!w->failed)
        gather_walk(n, &g);
    if (!g.total.weight)
        g.total.weight = 1;
    g.total.location = location;
    return g.total;
}

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
        out.weights[i] = (sg__weighed)none;
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
    sg__weighed most = one;
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
        sg__weighed all = none;
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
    sg__weighed named = none;
    for (size_t k = 0; name && k < fi->weight_count; k++)
        if (fi->weight_names[k] && strcmp(fi->weight_names[k], name) == 0)
            join(&named, &fi->weights[k]);
    /* a name a `*` stands for: what it names where the `*` is read */
    for (size_t k = 0; name && !named.weight && fi->weight_star_levels && k < fi->weight_count;
         k++) {
        if (fi->weight_star_levels[k] < 0)
            continue;
        sg__ref_parts p = {fi->weight_star_items[k], name};
        found out = {none};
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
        *e = (sg__expansion){x->weight, x->chars, x->params, x->params_more, x->sized, x->location};
    }
}

bool sg__walk_output_short(walk *w, int level, Node *n)
{
    enum { SHORT_COPIES = 256, SHORT_CHARS = 8192 };
    if (w->failed || level < 0)
        return false;
    unsigned depth = w->weigh_depth;
    bool deferred = w->weigh_deferred;
    size_t queued = w->weigh_queue.count;
    w->weigh_depth = 0;
    w->weigh_deferred = false;
    sg__weighed x = expr_weighed(w, level, n, -1);
    bool known = !w->weigh_deferred;
    /* an item queued where this descent stopped is left to be weighed from
     * the top as any other (sg__walk_expansions), not as one a chain there
     * waits for */
    for (size_t k = queued; k < w->weigh_queue.count; k++) {
        from_item *fi =
            &SG__VEC_AT(w->from_items, from_item, SG__VEC_AT(w->weigh_queue, size_t, k));
        if (fi->weight_state == WEIGHT_QUEUED)
            fi->weight_state = GROWTH_NONE;
    }
    w->weigh_queue.count = queued;
    w->weigh_depth = depth;
    w->weigh_deferred = deferred;
    return known && x.weight <= SHORT_COPIES && x.chars <= SHORT_CHARS && !x.sized && !x.params &&
           !x.params_more;
}

void sg__walk_expansions(walk *w)
{
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
            *e = (sg__expansion){2, 0, ~0ULL, true, false, -1};
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
                outputs nothing = {NULL, NULL, 0, NULL, NULL};
                sg__weighed all = {SG_EXPANSION_CAP, SG_EXPANSION_CAP, ~0ULL, true, true, -1};
                store_weights(w, t, &nothing, &all);
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
