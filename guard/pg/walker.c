/*
 * walker.c - one pass over a raw DML parse tree, recording facts.
 *
 * PostgreSQL's raw_expression_tree_walker knows every child of every node a
 * DML raw tree can hold; this file hands it every node it does not handle
 * itself, and handles the nodes where meaning depends on position:
 * statements and their WITH lists (CTE scoping), query levels and FROM
 * items (what a FOR UPDATE locks, what the top-level select reads, what is in
 * sight of a qualified name), relation references (CTE or physical) and
 * names of functions and operators. It holds everything that recurses; what
 * it records of levels, FROM items, relation references, CTE scopes, merged
 * join columns and locking is from.c's. What it notes about expressions (types,
 * literal comparisons, call arguments) is notes.c's, the WHERE's pins are
 * pins.c's, where values meet others is meets.c's, the top-level ORDER BY and what makes rows
 * distinct are ordering.c's, the names of rows and what a qualified name selects from are
 * names.c's, what a statement writes is writes.c's, and the class that decides
 * how each node type is visited is nodes.c's. The walker records; it never judges.
 * Depth is bounded before recursing, and hitting the bound is a fact that
 * denies, never a silent stop.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include <string.h>

#include "pg/walk.h"
#include "resolve/typelist.h"
#include "util/pgtype.h"

enum { MAX_CTES = 1000 };

/* SelectStmt.limitOption for FETCH FIRST ... WITH TIES as libpg_query 15
 * sets it: its LimitOption runs DEFAULT, COUNT, WITH_TIES (as its protobuf
 * does, one less), where the server's headers installed beside it list
 * COUNT, WITH_TIES, DEFAULT; the parser's own value is the one that counts
 * (test_walker holds it to the parser). */
enum { PG_QUERY_LIMIT_WITH_TIES = 2 };

static bool visit(Node *node, void *context);
static bool walk_select(SelectStmt *stmt, walk *w, bool top, int *level_out);
static bool visit_list(List *list, walk *w);
static bool visit_predicate(Node *n, walk *w);

static void record_func(walk *w, List *names, int location, sg__func_kind kind, bool has_over)
{
    sg__funcref *f = sg__vec_push(w->arena, &w->facts->funcs, sizeof *f);
    if (!f) {
        fail(w);
        return;
    }
    sg__walk_split_name(w, names, &f->catalog, &f->schema, &f->name);
    f->location = location;
    f->kind = kind;
    f->has_over = has_over;
    f->in_top_targetlist = w->in_top_targetlist;
    f->targetlist_level = w->targetlist_level;
    f->parent = w->current_call;
    f->parent_arg = -1;
}

/* Records a call of pg_catalog function `name` that SQL spells as
 * `keyword` (CURRENT_ROLE is current_user()). */
static void record_keyword_call(walk *w, const char *name, const char *keyword, int location)
{
    sg__funcref *f = sg__vec_push(w->arena, &w->facts->funcs, sizeof *f);
    if (!f) {
        fail(w);
        return;
    }
    f->name = name;
    f->keyword = keyword;
    f->location = location;
    f->kind = SG_FUNC_CALL;
    f->in_top_targetlist = w->in_top_targetlist;
    f->targetlist_level = w->targetlist_level;
    f->parent = w->current_call;
    f->parent_arg = -1;
}

static const char *const like_operators[] = {"~~", "!~~", "~~*", "!~~*"};

/* One LIKE of `text` against `pattern` as a call of pg_catalog's like():
 * PostgreSQL matches the pattern against the text in a loop that checks for
 * no cancel, its work up to the product of their lengths, which
 * func.resource-bound judges as it does strpos's. `unbounded`: the pattern
 * is one the walk cannot describe, and counts as long. */
static void record_like(walk *w, Node *text, Node *pattern, int location, const char *keyword,
                        bool unbounded)
{
    record_keyword_call(w, "like", keyword, location);
    sg__walk_record_operands(w, text, pattern, unbounded);
}

/* The calls just recorded from `first` on are the innermost of what the
 * operands hold. */
static void like_calls_enclose(walk *w, int first)
{
    if (!w->failed && (int)w->facts->funcs.count > first) {
        w->current_call = first;
        w->current_call_node = NULL;
    }
}

/* A LIKE or ILIKE (`~~`, `!~~`, `~~*`, `!~~*`, with ANY or ALL too) as
 * calls of like() (record_like). ANY or ALL over an ARRAY[...] matches
 * each element: one call each. */
static void record_pattern_match(walk *w, A_Expr *e)
{
    if (e->kind != AEXPR_LIKE && e->kind != AEXPR_ILIKE && e->kind != AEXPR_OP &&
        e->kind != AEXPR_OP_ANY && e->kind != AEXPR_OP_ALL)
        return;
    if (!e->lexpr || !e->rexpr || !sg__walk_operator_is(e->name, like_operators, 4))
        return;
    const char *keyword = e->kind == AEXPR_ILIKE ? "ILIKE" : e->kind == AEXPR_LIKE ? "LIKE" : NULL;
    Node *patterns = e->rexpr;
    bool each = (e->kind == AEXPR_OP_ANY || e->kind == AEXPR_OP_ALL) &&
                IsA(patterns, A_ArrayExpr) && ((A_ArrayExpr *)patterns)->elements;
    List *list = each ? ((A_ArrayExpr *)patterns)->elements : NULL;
    int first = (int)w->facts->funcs.count;
    for (int i = 0; i < (each ? list_length(list) : 1) && !w->failed; i++)
        record_like(w, e->lexpr, each ? list_nth(list, i) : patterns, e->location, keyword, false);
    like_calls_enclose(w, first);
}

/* Whether `n` is a cast to pg_catalog's `type`. */
static bool cast_to(const Node *n, const char *type)
{
    const TypeName *t = n && IsA(n, TypeCast) ? ((const TypeCast *)n)->typeName : NULL;
    const Node *last = t && t->names ? llast(t->names) : NULL;
    return last && IsA(last, String) && !t->arrayBounds && strcmp(strVal(last), type) == 0 &&
           !sg__names_outside_pg_catalog(t->names);
}

/* `jsonb @? jsonpath` and `jsonb @@ jsonpath` as calls of the functions
 * behind them, jsonb_path_exists and jsonb_path_match, whose `**` the rules
 * count: `@?` is only that; `@@` is when its left operand is cast to jsonb
 * or its right to jsonpath (else it is a text search's). */
static void record_path_operator(walk *w, A_Expr *e)
{
    static const char *const exists[] = {"@?"}, *const match[] = {"@@"};
    const Node *op = e->name ? llast(e->name) : NULL;
    if (e->kind != AEXPR_OP || !e->lexpr || !e->rexpr || !op || !IsA(op, String) ||
        strVal(op)[0] != '@')
        return;
    bool is_exists = sg__walk_operator_is(e->name, exists, 1);
    if (!is_exists && !(sg__walk_operator_is(e->name, match, 1) &&
                        (cast_to(e->lexpr, "jsonb") || cast_to(e->rexpr, "jsonpath"))))
        return;
    int first = (int)w->facts->funcs.count;
    record_keyword_call(w, is_exists ? "jsonb_path_exists" : "jsonb_path_match",
                        is_exists ? "@?" : "@@", e->location);
    sg__walk_record_operator_args(w, e->lexpr, e->rexpr);
    like_calls_enclose(w, first);
}

/* `x LIKE ANY (SELECT ...)`, `NOT LIKE ALL (VALUES ...)`: each pattern
 * the sub-select returns is matched (record_like): a plain select's one
 * output, each VALUES row's value; any other shape counts as long. */
static void record_pattern_sublink(walk *w, SubLink *s)
{
    if ((s->subLinkType != ANY_SUBLINK && s->subLinkType != ALL_SUBLINK) || !s->testexpr ||
        !sg__walk_operator_is(s->operName, like_operators, 4))
        return;
    SelectStmt *sub =
        s->subselect && IsA(s->subselect, SelectStmt) ? (SelectStmt *)s->subselect : NULL;
    int first = (int)w->facts->funcs.count;
    if (sub && sub->op == SETOP_NONE && sub->valuesLists) {
        ListCell *lc;
        foreach (lc, sub->valuesLists) {
            List *row = lfirst(lc);
            bool one = row && IsA(row, List) && list_length(row) == 1;
            record_like(w, s->testexpr, one ? linitial(row) : s->subselect, s->location, NULL,
                        !one);
        }
    } else {
        const ResTarget *rt =
            sub && sub->op == SETOP_NONE && !sub->withClause && list_length(sub->targetList) == 1
                ? linitial(sub->targetList)
                : NULL;
        bool plain = rt && IsA(rt, ResTarget) && rt->val && !sg__walk_expands(rt->val);
        record_like(w, s->testexpr, plain ? rt->val : s->subselect, s->location, NULL, !plain);
    }
    like_calls_enclose(w, first);
}

/* `text` parsed as a tsquery, recorded as a call of to_tsquery (below). */
static void record_query_parse(walk *w, Node *text, const char *keyword, int location,
                               unsigned depth)
{
    if (text && IsA(text, A_ArrayExpr) && depth < 8) {
        /* ARRAY[...]::tsquery[] casts each element: one call each */
        ListCell *lc;
        foreach (lc, ((A_ArrayExpr *)text)->elements)
            record_query_parse(w, lfirst(lc), keyword, location, depth + 1);
        return;
    }
    record_keyword_call(w, "to_tsquery", keyword, location);
    sg__walk_record_operand(w, text);
}

/* A cast to tsquery (or tsquery[]) parses its operand's text as
 * to_tsquery does its last argument, merging each term into the query built
 * so far without a cancel: judged as a call of it, so that the operand is
 * read as that argument is, whatever it is (`%(q)s::text`, a JSON field, a
 * WITH query's column, a constant). A parameter cast to tsquery itself is
 * the type's fact (sg__walk_record_type). */
static void record_query_cast(walk *w, TypeCast *tc)
{
    const TypeName *t = tc->typeName;
    const Node *last = t && t->names ? llast(t->names) : NULL;
    if (!tc->arg || !last || !IsA(last, String) || strcmp(strVal(last), "tsquery") != 0 ||
        sg__names_outside_pg_catalog(t->names) || (IsA(tc->arg, ParamRef) && !t->arrayBounds))
        return;
    int first = (int)w->facts->funcs.count;
    record_query_parse(w, tc->arg, t->arrayBounds ? "a cast to tsquery[]" : "a cast to tsquery",
                       tc->location, 0);
    like_calls_enclose(w, first);
}

/* A cast to pg_catalog's path or polygon (or an array of them) of a string
 * constant or a $n, through casts that keep its text: a geometric value
 * whose edges the polygon and path operators compare pairwise, counted by
 * func.resource-bound (facts->geometries). Another operand is a stored
 * value or one the statement makes of these. */
static void record_geometry(walk *w, const TypeCast *tc)
{
    static const char *const types[] = {"path", "polygon"};
    const TypeName *t = tc->typeName;
    const Node *last = t && t->names ? llast(t->names) : NULL;
    if (!tc->arg || !last || !IsA(last, String) || !sg__walk_name_in(strVal(last), types, 2) ||
        sg__names_outside_pg_catalog(t->names))
        return;
    const Node *operand = sg__walk_uncast_keeping(tc->arg);
    const A_Const *k = operand && IsA(operand, A_Const) ? (const A_Const *)operand : NULL;
    bool text = k && !k->isnull && nodeTag(&k->val) == T_String;
    if (!text && !(operand && IsA(operand, ParamRef)))
        return;
    sg__geometry *g = sg__vec_push(w->arena, &w->facts->geometries, sizeof *g);
    if (!g) {
        fail(w);
        return;
    }
    g->param = text ? 0 : ((const ParamRef *)operand)->number;
    g->points = text ? sg__pgtype_geometry_points(k->val.sval.sval) : 0;
    g->location = exprLocation(tc->arg);
    g->path = strVal(last)[0] == 'p' && strVal(last)[1] == 'a';
}

/* Whether `n` is surely no path or polygon: a value of a geometric type of
 * a few points (a call of point, box, circle, lseg or line), which an
 * operator compares with a path's or polygon's edges in one pass over them,
 * or a cast to any type but path and polygon (`%(tags)s::text[]`,
 * `%(p)s::point`). */
static bool few_points(const Node *n)
{
    static const char *const calls[] = {"point", "box", "circle", "lseg", "line"};
    static const char *const many[] = {"path", "polygon"};
    if (n && IsA(n, TypeCast) && ((const TypeCast *)n)->typeName) {
        const TypeName *t = ((const TypeCast *)n)->typeName;
        const Node *last = t->names ? llast(t->names) : NULL;
        return last && IsA(last, String) &&
               (t->arrayBounds || !sg__walk_name_in(strVal(last), many, 2));
    }
    const Node *last = n && IsA(n, FuncCall) ? llast(((const FuncCall *)n)->funcname) : NULL;
    return last && IsA(last, String) && sg__walk_name_in(strVal(last), calls, 5);
}

/* An operator that may compare two paths' or polygons' edges pairwise:
 * `<->`, `?#`, `&&`, `~=`, `@>` and `<@`, unless an operand is a value of a
 * few points (a point's distance or containment is one pass). The operands'
 * types are not known here; the rule counts only a statement with
 * geometric values. */
static void note_geometry_operator(walk *w, const A_Expr *e)
{
    static const char *const pairwise[] = {"<->", "?#", "&&", "~=", "@>", "<@"};
    const Node *op = e->name ? llast(e->name) : NULL;
    if (e->kind != AEXPR_OP || w->facts->geometry_ops || !op || !IsA(op, String) ||
        !strchr("<?&~@", strVal(op)[0]))
        return;
    w->facts->geometry_ops = sg__walk_operator_is(e->name, pairwise, 6) && !few_points(e->lexpr) &&
                             !few_points(e->rexpr);
}

/* The first $n the calls of function item `rf` take as an argument, as it
 * is or cast (`jsonb_to_record(%(j)s::jsonb)`), whose text its column
 * definition list's columns are parsed from; NULL for none. */
static const ParamRef *function_param(const RangeFunction *rf)
{
    const ListCell *lc, *ac;
    foreach (lc, rf->functions) {
        const List *pair = lfirst(lc);
        const Node *call = pair ? linitial(pair) : NULL;
        if (!call || !IsA(call, FuncCall))
            continue;
        foreach (ac, ((const FuncCall *)call)->args) {
            const Node *bare = sg__walk_uncast(lfirst(ac));
            if (bare && IsA(bare, ParamRef))
                return (const ParamRef *)bare;
        }
    }
    return NULL;
}

/* ---- xml values ---- */

/* A value PostgreSQL types by where it stands: a constant other than NULL,
 * or a parameter (looked at through COLLATE). */
static bool untyped_value(const Node *n)
{
    for (unsigned hops = 0; n && IsA(n, CollateClause) && hops < 64; hops++)
        n = ((const CollateClause *)n)->arg;
    if (n && IsA(n, A_Const))
        return !((const A_Const *)n)->isnull;
    return n && IsA(n, ParamRef);
}

/* An argument that `taker` reads as xml: an untyped value there becomes xml
 * through xml_in, which parses it in libxml2 as xml(text) does (judged as a
 * call of it, spelled `keyword`); anything else is an xml value in a place
 * of its own. */
static void xml_argument(walk *w, Node *arg, const char *keyword)
{
    if (untyped_value(arg))
        record_keyword_call(w, "xml", keyword, exprLocation(arg));
    else
        sg__walk_xml_place(w, arg);
}

/* `node`, an xml value an XML function makes, meets no other value when it
 * is isolated (walk.h) or in a place of its own; elsewhere (CASE, COALESCE,
 * ARRAY[...], IN, a set operation, a polymorphic function) an untyped value
 * beside it is read as xml too, parsed in libxml2: judged as a call of
 * xml(text). */
static void xml_value(walk *w, const Node *node, int location)
{
    if (node != w->isolated && !sg__walk_in_xml_place(w, node))
        record_keyword_call(w, "xml", "an xml value beside other values", location);
}

/* Whether a call's name is pg_catalog's `name`, qualified or not. */
static bool catalog_call_named(const FuncCall *f, const char *name)
{
    int n = list_length(f->funcname);
    if (n < 1 || n > 2 || !IsA(llast(f->funcname), String) ||
        strcmp(strVal(llast(f->funcname)), name) != 0)
        return false;
    return n == 1 || !sg__names_outside_pg_catalog(f->funcname);
}

/* Visits output items (ResTarget, SortBy or bare expressions), each one's
 * value `isolated` when asked (walk.h). */
/* Notes that one output of `level` (-1: none) holds the column references
 * and sub-selects walked since `before` (level_info.most_refs). */
static void count_refs(walk *w, int level, unsigned before)
{
    if (level < 0 || (size_t)level >= w->levels.count)
        return;
    level_info *info = &SG__VEC_AT(w->levels, level_info, (size_t)level);
    if (w->column_refs - before > info->most_refs)
        info->most_refs = w->column_refs - before;
}

/* Walks a target list (or RETURNING list) of `level` (-1: none) item by
 * item, each `isolated` when asked. */
static bool visit_items(List *items, walk *w, bool isolated, int level)
{
    /* the list is a level of depth, as when visit() walks it */
    if (!items || w->depth >= w->max_depth || w->failed)
        return visit((Node *)items, w);
    w->depth++;
    const Node *saved = w->isolated;
    bool stop = false;
    ListCell *lc;
    foreach (lc, items) {
        Node *item = lfirst(lc);
        if (isolated)
            w->isolated = item && IsA(item, ResTarget) ? ((ResTarget *)item)->val
                          : item && IsA(item, SortBy)  ? ((SortBy *)item)->node
                                                       : item;
        unsigned before = w->column_refs;
        if ((stop = visit(item, w)))
            break;
        count_refs(w, level, before);
    }
    w->isolated = saved;
    w->depth--;
    return stop;
}

/* Walks a query that sees nothing of the current level's FROM items (a
 * non-LATERAL sub-select in FROM, a WITH query), or, `lateral`, only those
 * before it. */
static bool visit_apart(Node *query, walk *w, bool lateral)
{
    w->child_sight = lateral ? (sight){0, w->from_items.count} : (sight){0, 0};
    bool stop = visit(query, w);
    w->child_sight = SG__SIGHT_ALL;
    return stop;
}

/* Visits a function or XMLTABLE in FROM, whose arguments see the `before`
 * FROM items ahead of it, as LATERAL does (a function in FROM always may):
 * `f(s)` passes s's whole row. */
static bool visit_seeing(Node *node, walk *w, size_t before)
{
    sight outer = w->sight;
    w->sight = (sight){0, before};
    bool stop = visit(node, w);
    w->sight = outer;
    return stop;
}

/* A sub-select in FROM with LIMIT or OFFSET and no ORDER BY, whose column
 * references are pending[refs_first, refs_end): when no reference outside
 * it is left at the end of the walk, nothing reads which rows it picked
 * (`SELECT count(*) FROM (SELECT uid FROM t WHERE ... OFFSET $2) sub`, an
 * ORM's count of a page): the limit picks nothing arbitrary. */
typedef struct counted_limit {
    long limit; /* index in facts->unordered_limits */
    size_t refs_first, refs_end;
} counted_limit;

static void count_limit(walk *w, long limit, size_t refs_first)
{
    counted_limit *c = sg__vec_push(w->arena, &w->counted_limits, sizeof *c);
    if (!c) {
        fail(w);
        return;
    }
    *c = (counted_limit){limit, refs_first, w->pending.count};
}

/* Drops the limits of counted_limits whose rows nobody reads (every pending
 * reference of the statement lies inside their sub-select). */
static void drop_unread_limits(walk *w)
{
    sg__vec *limits = &w->facts->unordered_limits;
    size_t kept = 0;
    for (size_t i = 0; i < limits->count; i++) {
        bool unread = false;
        for (size_t k = 0; k < w->counted_limits.count && !unread; k++) {
            const counted_limit *c = &SG__VEC_AT(w->counted_limits, counted_limit, k);
            unread = c->limit == (long)i && c->refs_end - c->refs_first == w->pending.count;
        }
        if (!unread)
            SG__VEC_AT(*limits, sg__unordered_limit, kept++) =
                SG__VEC_AT(*limits, sg__unordered_limit, i);
    }
    limits->count = kept;
}

/* Walks one FROM item of query level `level`, remembering which relations
 * and subqueries sit directly in that level's FROM clause. */
static bool walk_from_item(Node *node, walk *w, int level)
{
    if (!node || w->failed)
        return w->failed;
    if (w->depth >= w->max_depth)
        return visit(node, w); /* let visit() record the depth fact */
    w->depth++;
    bool stop = false;
    switch (nodeTag(node)) {
    case T_RangeVar: {
        RangeVar *rv = (RangeVar *)node;
        long idx = sg__walk_record_relation(w, rv, SG_USE_READ, true);
        const char *name = copy(w, rv->alias ? rv->alias->aliasname : rv->relname);
        row_names row = sg__walk_alias_names(w, rv->alias);
        long cte =
            idx < 0 && !w->failed && !rv->schemaname ? sg__walk_find_cte(w, rv->relname) : -1;
        /* a CTE reference: the CTE's columns */
        bool renamed = row.known;
        if (cte >= 0 && !row.known)
            row = SG__VEC_AT(w->cte_rows, row_names, cte);
        sg__walk_add_from_item(w, level, name, idx, -1, row);
        if (cte >= 0 && !w->failed) {
            from_item *fi = &SG__VEC_AT(w->from_items, from_item, w->from_items.count - 1);
            const CommonTableExpr *c =
                SG__VEC_AT(w->cte_queries, const CommonTableExpr *, (size_t)cte);
            fi->grow_select = c->ctequery;
            fi->grow_aliases = c->aliascolnames;
            fi->grow_level = SG__VEC_AT(w->facts->ctes, sg__cte, (size_t)cte).level;
            fi->grow_renamed = renamed;
        }
        /* the top level sees a WITH query's select as a sub-select of its own
         * (the rules ask whether it holds one row) */
        sg__walk_add_top_from(w, level, idx, name, rv->alias,
                              cte >= 0 ? SG__VEC_AT(w->facts->ctes, sg__cte, cte).level : -1);
        break;
    }
    case T_JoinExpr: {
        /* An aliased join hides the names of its operands: it is one item
         * of its own besides them. */
        JoinExpr *j = (JoinExpr *)node;
        size_t alias_at = w->from_items.count;
        if (j->alias) {
            const char *name = copy(w, j->alias->aliasname);
            sg__walk_add_from_item(w, level, name, -1, -1, sg__walk_alias_names(w, j->alias));
            if (!w->failed)
                SG__VEC_AT(w->from_items, from_item, w->from_items.count - 1).join_alias = true;
            sg__walk_add_top_from(w, level, -1, name, j->alias, -1);
        }
        if (j->join_using_alias) {
            /* `USING (c) AS u` (PostgreSQL 14): u names the merged columns,
             * and the operands keep their names */
            sg__walk_add_from_item(w, level, copy(w, j->join_using_alias->aliasname), -1, -1,
                                   sg__walk_list_names(w, j->usingClause));
            if (!w->failed)
                SG__VEC_AT(w->from_items, from_item, w->from_items.count - 1).join_alias = true;
        }
        size_t first = w->from_items.count, top_first = w->facts->top.from.count;
        /* the USING alias an alias hides with the operands */
        size_t hide_from = j->join_using_alias && j->alias ? alias_at + 1 : first;
        /* the nullable side of an outer join: NULL-extended rows join it */
        bool left_nullable = j->jointype == JOIN_RIGHT || j->jointype == JOIN_FULL;
        bool right_nullable = j->jointype == JOIN_LEFT || j->jointype == JOIN_FULL;
        bool full = j->jointype == JOIN_FULL;
        w->nullable_side += left_nullable;
        w->full_join += full;
        stop = walk_from_item(j->larg, w, level);
        w->nullable_side -= left_nullable;
        size_t mid = w->from_items.count;
        w->nullable_side += right_nullable;
        stop = stop || walk_from_item(j->rarg, w, level);
        w->nullable_side -= right_nullable;
        w->full_join -= full;
        if (!stop && (j->usingClause || j->isNatural))
            sg__walk_add_merge(w, level, first, mid,
                               sg__node_location(j->rarg) >= 0 ? sg__node_location(j->rarg)
                                                               : sg__node_location(j->larg),
                               j->isNatural ? NIL : j->usingClause);
        if (!stop && level == w->top_level && j->usingClause && !j->isNatural)
            sg__walk_record_using_links(w, j->usingClause, first, mid, w->from_items.count,
                                        left_nullable, right_nullable);
        for (size_t i = first; !stop && i < w->from_items.count; i++)
            SG__VEC_AT(w->from_items, from_item, i).in_join = true;
        /* the join's aliases name its operands' columns */
        for (size_t i = alias_at; !stop && i < first; i++) {
            SG__VEC_AT(w->from_items, from_item, i).grow_first = first;
            SG__VEC_AT(w->from_items, from_item, i).grow_end = w->from_items.count;
        }
        if (!stop && level == w->top_level && j->quals) {
            /* an inner join's ON filters as the WHERE does; an outer one's
             * matches rows of its nullable side only (a FULL join: none) */
            pin_scope scope = {j->jointype != JOIN_INNER, mid, w->from_items.count};
            if (j->jointype == JOIN_RIGHT)
                scope = (pin_scope){true, first, mid};
            if (j->jointype != JOIN_FULL) {
                /* as the ON sees: the items after the join are not walked */
                sight outer = w->sight;
                w->sight = (sight){first, w->from_items.count};
                sg__walk_record_pins(w, j->quals, 0, &scope);
                w->sight = outer;
            }
        }
        /* the join's aliases are names once the join is read: not in sight
         * of its own operands (a LATERAL one, a function's arguments) */
        for (size_t i = alias_at; !stop && i < first; i++)
            SG__VEC_AT(w->from_items, from_item, i).visible_from = w->from_items.count;
        if (!stop) {
            /* ON sees the join's operands only */
            sight outer = w->sight;
            w->sight = (sight){first, w->from_items.count};
            stop = visit_predicate(j->quals, w);
            w->sight = outer;
        }
        /* an alias hides the operands' names (and a USING alias) from
         * every reference made outside the join, seen from within it (its ON,
         * its LATERAL operands) still (PostgreSQL: `(a x JOIN b y ON ...) AS
         * j, c x` leaves only c to be x; sg__walk_within_join); an operand an
         * inner aliased join hides stays so; the items of the operands' own
         * sub-selects are theirs, and not hidden from them */
        for (size_t i = hide_from; j->alias && !stop && i < w->from_items.count; i++) {
            from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
            if (fi->level == level && !fi->hidden_end) {
                fi->hidden_first = hide_from;
                fi->hidden_end = w->from_items.count;
            }
        }
        for (size_t i = top_first; j->alias && !stop && i < w->facts->top.from.count; i++)
            SG__VEC_AT(w->facts->top.from, sg__from_item, i).hidden = true;
        break;
    }
    case T_RangeSubselect: {
        RangeSubselect *rs = (RangeSubselect *)node;
        int child = -1;
        if (rs->subquery && IsA(rs->subquery, SelectStmt)) {
            /* this frame and walk_select's are stacked for each sub-select
             * in FROM within another: it counts as deep as the nodes of a
             * sub-select in an expression do, so that max_ast_depth fits a
             * gateway's 256 KiB stack in every build (400 of them overflowed
             * it; an unoptimised build stacks about 1.5 KiB a level) */
            enum { FROM_SELECT_DEPTH = 8 };
            if (w->depth + FROM_SELECT_DEPTH >= w->max_depth) {
                if (!w->facts->depth_exceeded) {
                    w->facts->depth_exceeded = true;
                    w->facts->depth_location = w->located;
                }
                stop = true;
                break;
            }
            w->child_sight = rs->lateral ? (sight){0, w->from_items.count} : (sight){0, 0};
            size_t refs_before = w->pending.count;
            w->depth += FROM_SELECT_DEPTH;
            stop = walk_select((SelectStmt *)rs->subquery, w, false, &child);
            w->depth -= FROM_SELECT_DEPTH;
            if (!stop && w->own_limit >= 0)
                count_limit(w, w->own_limit, refs_before);
            List *aliases = rs->alias ? rs->alias->colnames : NIL;
            if (!stop)
                sg__walk_rename_level_keys(w, child, rs->subquery, aliases);
            sg__walk_add_from_item(w, level, rs->alias ? copy(w, rs->alias->aliasname) : NULL, -1,
                                   child, sg__walk_select_names(w, rs->subquery, aliases));
            if (!w->failed) {
                from_item *fi = &SG__VEC_AT(w->from_items, from_item, w->from_items.count - 1);
                fi->grow_select = rs->subquery;
                fi->grow_aliases = aliases;
                fi->grow_level = child;
            }
        } else {
            stop = visit_apart(rs->subquery, w, rs->lateral);
        }
        sg__walk_add_top_from(w, level, -1, rs->alias ? copy(w, rs->alias->aliasname) : NULL,
                              rs->alias, child);
        break;
    }
    case T_RangeTableSample: {
        RangeTableSample *ts = (RangeTableSample *)node;
        record_func(w, ts->method, ts->location, SG_FUNC_TABLESAMPLE, false);
        stop = walk_from_item(ts->relation, w, level) || visit((Node *)ts->args, w) ||
               visit(ts->repeatable, w);
        break;
    }
    case T_RangeFunction: {
        /* a function's columns are known when pg_catalog fixes them, else by
         * a column list only: the alias's, else the column definition list's */
        RangeFunction *rf = (RangeFunction *)node;
        row_names row = sg__walk_function_row(w, rf);
        row_names own_row = row;
        if (!row.known)
            row = sg__walk_alias_names(w, rf->alias);
        if (!row.known) {
            /* a column definition list names every column, unless WITH
             * ORDINALITY or ROWS FROM adds more */
            row = sg__walk_list_names(w, rf->coldeflist);
            row.complete = row.known && !rf->ordinality && list_length(rf->functions) == 1;
        }
        size_t before = w->from_items.count;
        sg__walk_add_from_item(w, level, rf->alias ? copy(w, rf->alias->aliasname) : NULL, -1, -1,
                               row);
        if (!w->failed) /* its values are long text when a call of it may make them so */
            SG__VEC_AT(w->from_items, from_item, w->from_items.count - 1).grow_function = rf;
        sg__walk_add_top_from(w, level, -1, NULL, NULL, -1);
        if (!w->failed)
            sg__walk_top_from_function(w, level, rf, &own_row);
        /* a function in FROM: its value is rows, which meet nothing there */
        unsigned flow = w->flow;
        w->flow &= ~(unsigned)(SG__FLOW_POLY | SG__FLOW_MEETS);
        unsigned refs_before = w->column_refs;
        const ParamRef *coldef_param = w->coldef_param;
        w->coldef_param = rf->coldeflist ? function_param(rf) : NULL;
        stop = visit_seeing(node, w, before);
        w->coldef_param = coldef_param;
        count_refs(w, level, refs_before); /* the function's values are made of them */
        w->flow = flow;
        break;
    }
    default: {
        /* XMLTABLE, ... */
        size_t before = w->from_items.count;
        if (IsA(node, RangeTableFunc))
            sg__walk_add_from_item(w, level,
                                   ((RangeTableFunc *)node)->alias
                                       ? copy(w, ((RangeTableFunc *)node)->alias->aliasname)
                                       : NULL,
                                   -1, -1, sg__walk_alias_names(w, NULL));
        sg__walk_add_top_from(w, level, -1, NULL, NULL, -1);
        stop = visit_seeing(node, w, before);
        break;
    }
    }
    w->depth--;
    return stop || w->failed;
}

/* A WHERE, HAVING or JOIN ... ON clause (MERGE's join condition, ON
 * CONFLICT DO UPDATE's WHERE): the comparisons in it filter rows. */
static bool visit_predicate(Node *n, walk *w)
{
    bool saved = w->in_predicate;
    w->in_predicate = true;
    bool stop = visit(n, w);
    w->in_predicate = saved;
    return stop;
}

static bool walk_from_list(List *from, walk *w, int level)
{
    ListCell *lc;
    foreach (lc, from) {
        if (walk_from_item(lfirst(lc), w, level))
            return true;
    }
    if (level == w->top_level)
        sg__walk_settle_qualifiers(w);
    return w->failed;
}

/* Walks a WITH list, defining its entries in `scope` (which the caller links
 * into the chain and keeps alive while the statement body is walked). */
static bool walk_with(WithClause *with, walk *w, cte_scope *scope)
{
    scope->parent = w->scope;
    scope->first = w->facts->ctes.count;
    scope->count = 0;
    scope->visible = 0;
    if (!with)
        return false;
    int depth = 0;
    for (const cte_scope *s = w->scope; s; s = s->parent)
        depth++;

    ListCell *lc;
    foreach (lc, with->ctes) {
        CommonTableExpr *cte = lfirst(lc);
        if (!IsA(cte, CommonTableExpr)) {
            sg__walk_unsupported(w, "WITH entry", with->location);
            continue;
        }
        if (w->facts->ctes.count >= MAX_CTES) {
            /* name binding is linear in the names in scope: bound it */
            sg__walk_unsupported(w, "more than 1000 WITH queries", cte->location);
            w->facts->incomplete = true; /* the rest is not walked */
            return true;
        }
        sg__cte *c = sg__vec_push(w->arena, &w->facts->ctes, sizeof *c);
        if (!c) {
            fail(w);
            return true;
        }
        row_names *row = sg__vec_push(w->arena, &w->cte_rows, sizeof *row);
        if (!row) {
            fail(w);
            return true;
        }
        *row = sg__walk_select_names(w, cte->ctequery, cte->aliascolnames);
        const CommonTableExpr **query = sg__vec_push(w->arena, &w->cte_queries, sizeof *query);
        if (!query) {
            fail(w);
            return true;
        }
        *query = cte;
        if (cte->search_clause || cte->cycle_clause)
            row->complete = false; /* SEARCH and CYCLE add columns */
        c->name = copy(w, cte->ctename);
        c->location = cte->location;
        c->recursive = with->recursive;
        c->kind = sg__statement_kind(cte->ctequery);
        c->depth = depth;
        c->level = -1;
        scope->count++;
    }
    w->scope = scope;

    size_t i = 0;
    int outer_cte = w->cte_index;
    foreach (lc, with->ctes) {
        CommonTableExpr *cte = lfirst(lc);
        if (!IsA(cte, CommonTableExpr))
            continue;
        scope->visible = with->recursive ? scope->count : i;
        w->cte_index = (int)(scope->first + i);
        /* a SELECT's level is the first one its walk enters */
        if (cte->ctequery && IsA(cte->ctequery, SelectStmt))
            SG__VEC_AT(w->facts->ctes, sg__cte, scope->first + i).level = (int)w->levels.count;
        /* CYCLE ... SET col TO v DEFAULT d: both constants are evaluated at
         * parse analysis (a reg* constant resolves names), and PostgreSQL's
         * walker does not descend into them. */
        size_t refs_before = w->pending.count;
        w->own_limit = -1;
        const Node *outer_term = w->recursive_term;
        if (with->recursive && cte->ctequery && IsA(cte->ctequery, SelectStmt) &&
            ((SelectStmt *)cte->ctequery)->op == SETOP_UNION)
            w->recursive_term = (const Node *)((SelectStmt *)cte->ctequery)->rarg;
        bool stop = visit_apart(cte->ctequery, w, false);
        w->recursive_term = outer_term;
        /* a WITH query's LIMIT whose rows nothing outside it names (a count
         * of a page), as a sub-select's in FROM (count_limit) */
        if (!stop && cte->ctequery && IsA(cte->ctequery, SelectStmt) && w->own_limit >= 0)
            count_limit(w, w->own_limit, refs_before);
        if (!stop)
            sg__walk_rename_level_keys(w,
                                       SG__VEC_AT(w->facts->ctes, sg__cte, scope->first + i).level,
                                       cte->ctequery, cte->aliascolnames);
        stop = stop || (cte->cycle_clause && (visit(cte->cycle_clause->cycle_mark_value, w) ||
                                              visit(cte->cycle_clause->cycle_mark_default, w)));
        w->cte_index = outer_cte;
        if (stop)
            return true;
        i++;
    }
    scope->visible = scope->count;
    return false;
}

static void push_int(walk *w, sg__vec *vec, int value)
{
    int *slot = sg__vec_push(w->arena, vec, sizeof *slot);
    if (!slot)
        fail(w);
    else
        *slot = value;
}

/* ORDER BY, GROUP BY or DISTINCT ON items of `s`: a bare name among them may
 * name an output column of the level rather than an input column. */
static bool walk_output_items(SelectStmt *s, List *items, walk *w)
{
    ListCell *lc;
    foreach (lc, items) {
        Node *item = lfirst(lc);
        Node *e = item && IsA(item, SortBy) ? ((SortBy *)item)->node : item;
        const ColumnRef *saved = w->output_ref;
        Node *saved_select = w->output_select, *saved_grouping = w->grouping_select;
        bool saved_first = w->output_input_first;
        if (e && IsA(e, ColumnRef) && list_length(((ColumnRef *)e)->fields) == 1) {
            w->output_ref = (ColumnRef *)e;
            w->output_select = (Node *)s;
        }
        /* GROUP BY reads a bare name as an input column first */
        w->output_input_first = items == s->groupClause;
        /* ROLLUP, CUBE, GROUPING SETS: their names may be outputs' too */
        if (e && IsA(e, GroupingSet))
            w->grouping_select = (Node *)s;
        /* the statement's own select's items are isolated values (walk.h) */
        const Node *saved_isolated = w->isolated;
        if (w->level == w->top_level && s->op == SETOP_NONE)
            w->isolated = e;
        bool stop = visit(item, w);
        w->isolated = saved_isolated;
        w->grouping_select = saved_grouping;
        w->output_input_first = saved_first;
        w->output_ref = saved;
        w->output_select = saved_select;
        if (stop)
            return true;
    }
    return w->failed;
}

/* ON CONFLICT: the arbiter sees the target only; DO UPDATE sees EXCLUDED too. */
/* What judged_since() compares with: whether the walk had met a call the
 * rules bound by its arguments' text, and its pending time zones, before. */
typedef struct judged_mark {
    bool work_call;
    size_t zones;
} judged_mark;

/* Starts looking for such calls in what is walked next. */
static judged_mark judged_from(walk *w)
{
    judged_mark m = {w->work_call, w->zones.count};
    w->work_call = false;
    return m;
}

/* Whether what was walked since `m` called a function the rules bound by
 * its arguments' text or time zone; the walk's own record is kept. */
static bool judged_since(walk *w, judged_mark m)
{
    bool judged = w->work_call || w->zones.count > m.zones;
    w->work_call = w->work_call || m.work_call;
    return judged;
}

static bool walk_on_conflict(Node *stmt, OnConflictClause *oc, walk *w, long target)
{
    if (!oc)
        return false;
    sg__walk_record_set(w, oc->targetList, target, true);
    bool saved_off = w->names_off, saved_excluded = w->sees_excluded;
    w->names_off = true; /* index expressions and predicates: rarely names, never judged */
    bool stop = visit((Node *)oc->infer, w);
    w->names_off = saved_off;
    w->sees_excluded = true;
    /* EXCLUDED is the row the INSERT proposes: a call the rules bound by its
     * arguments' text or time zone reads the values it writes */
    judged_mark mark = judged_from(w);
    stop = stop || visit_list(oc->targetList, w) || visit_predicate(oc->whereClause, w);
    w->sees_excluded = saved_excluded;
    if (judged_since(w, mark) && !stop)
        sg__walk_record_written(w, stmt, target);
    return stop || w->failed;
}

/* A constant or a parameter, cast or not. */
static bool constant_value(const Node *n)
{
    for (unsigned hops = 0; n && IsA(n, TypeCast) && hops < 64; hops++)
        n = ((const TypeCast *)n)->arg;
    return n && (IsA(n, A_Const) || IsA(n, ParamRef));
}

/* The rows of plain select `s` are all alike: every item of its target
 * list is constant_value(). */
static bool rows_alike(const SelectStmt *s)
{
    if (s->op != SETOP_NONE || !s->targetList || s->valuesLists)
        return false;
    ListCell *lc;
    foreach (lc, s->targetList) {
        const ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !constant_value(rt->val))
            return false;
    }
    return true;
}

/* `*` and `t.*` in a target list. */
static void record_stars(walk *w, List *targets)
{
    ListCell *lc;
    foreach (lc, targets) {
        ResTarget *rt = lfirst(lc);
        if (!IsA(rt, ResTarget) || !rt->val || !IsA(rt->val, ColumnRef))
            continue;
        ColumnRef *cr = (ColumnRef *)rt->val;
        if (list_length(cr->fields) && IsA(llast(cr->fields), A_Star))
            push_int(w, &w->facts->stars, cr->location);
    }
}

/* Stars of every branch of a top-level set operation, or of a plain select. */
static void record_result_stars(walk *w, SelectStmt *s)
{
    if (s->op == SETOP_NONE) {
        record_stars(w, s->targetList);
        return;
    }
    if (s->larg)
        record_result_stars(w, s->larg);
    if (s->rarg)
        record_result_stars(w, s->rarg);
}

static bool visit_list(List *list, walk *w)
{
    return visit((Node *)list, w);
}

/*
 * What walk_select() records of a select besides walking it, each out of
 * line: walk_select's frame is stacked by every nested sub-select, and the
 * depth bound (max_ast_depth) must fit a gateway's 256 KiB thread stack in
 * every build (an unoptimised one keeps a slot for each local).
 */

/* The level's shape: plain, with FROM, its LIMIT of 0 or 1 or a parameter. */
static __attribute__((noinline)) void record_level_info(walk *w, const SelectStmt *s, int level)
{
    level_info *info = &SG__VEC_AT(w->levels, level_info, (size_t)level);
    const A_Const *limit =
        s->limitCount && IsA(s->limitCount, A_Const) ? (const A_Const *)s->limitCount : NULL;
    info->select = s;
    info->plain = s->op == SETOP_NONE && s->groupClause == NIL && s->valuesLists == NIL;
    info->has_from = s->fromClause != NIL;
    const Node *count = s->limitCount;
    for (unsigned hops = 0; count && IsA(count, TypeCast) && hops < 64; hops++)
        count = ((const TypeCast *)count)->arg;
    info->limit_param =
        count && IsA(count, ParamRef) && (int)s->limitOption != PG_QUERY_LIMIT_WITH_TIES
            ? ((const ParamRef *)count)->number
            : 0;
    info->limit_one = limit && !limit->isnull && limit->val.node.type == T_Integer &&
                      intVal(&limit->val) >= 0 && intVal(&limit->val) <= 1 &&
                      (int)s->limitOption != PG_QUERY_LIMIT_WITH_TIES;
}

/* SELECT ... INTO `into`: the table it creates. */
static __attribute__((noinline)) void record_into(walk *w, const RangeVar *into)
{
    w->facts->has_into = true;
    w->facts->into_location = into ? into->location : -1;
    /* the table it creates, for the naming rule, as CREATE TABLE AS's
     * (a temporary one collides with no project's) */
    if (into && into->relpersistence == 't' /* RELPERSISTENCE_TEMP */) {
        w->facts->temp_created = into->relname ? sg__arena_strdup(w->arena, into->relname) : NULL;
        if (into->relname && !w->facts->temp_created)
            fail(w);
        into = NULL;
    }
    sg__relref *r = into ? sg__vec_push(w->arena, &w->facts->ddl_relations, sizeof *r) : NULL;
    if (into && !r)
        fail(w);
    if (r) {
        /* the tree's strings go with the parse: copies in the arena */
        r->schema = into->schemaname ? sg__arena_strdup(w->arena, into->schemaname) : NULL;
        r->name = sg__arena_strdup(w->arena, into->relname ? into->relname : "");
        r->location = into->location;
        r->in_cte = -1;
        if (!r->name || (into->schemaname && !r->schema))
            fail(w);
    }
}

/* A LIMIT or OFFSET without ORDER BY at `level`. */
static __attribute__((noinline)) void record_unordered_limit(walk *w, const SelectStmt *s, bool top,
                                                             int level)
{
    w->own_limit = (long)w->facts->unordered_limits.count;
    sg__unordered_limit *u = sg__vec_push(w->arena, &w->facts->unordered_limits, sizeof *u);
    if (!u) {
        fail(w);
        return;
    }
    /* the value's place, moved to its keyword after the walk; FETCH
     * FIRST ROW ONLY has none: then the select's first output */
    int at = exprLocation(s->limitCount);
    u->location = at >= 0 ? at : exprLocation(s->limitOffset);
    u->top = top;
    u->level = level;
    u->placed = u->location < 0;
    const Node *count = s->limitCount, *offset = s->limitOffset;
    u->offset_only =
        offset && (!count || (IsA(count, A_Const) && ((const A_Const *)count)->isnull));
    if (offset && IsA(offset, TypeCast))
        offset = ((const TypeCast *)offset)->arg;
    u->offset_zero = offset && IsA(offset, A_Const) && !((const A_Const *)offset)->isnull &&
                     nodeTag(&((const A_Const *)offset)->val) == T_Integer &&
                     ((const A_Const *)offset)->val.ival.ival == 0;
    u->offset_param = offset && IsA(offset, ParamRef) ? ((const ParamRef *)offset)->number : 0;
    if (u->placed)
        u->location = exprLocation((Node *)s->targetList);
}

/* Whether GROUP BY list `group` is only empty grouping sets (`()`, `(), ()`):
 * one group. */
static bool groups_nothing(const List *group)
{
    const ListCell *lc;
    foreach (lc, group) {
        const GroupingSet *gs = lfirst(lc);
        if (!IsA(gs, GroupingSet) || gs->kind != GROUPING_SET_EMPTY)
            return false;
    }
    return group != NIL;
}

/* The statement's own select, walked (`stop`: cut short): its shape for the
 * pagination rules; `alike`: its rows are all alike. */
static __attribute__((noinline)) void record_top_select(walk *w, SelectStmt *s, bool stop,
                                                        bool alike)
{
    sg__walk_record_order_by(w, s);
    if (!stop)
        sg__walk_record_pins(w, s->whereClause, 0, NULL);
    sg__top_select *t = &w->facts->top;
    t->is_set_operation = s->op != SETOP_NONE;
    t->has_from = s->fromClause != NIL;
    t->has_group_by = s->groupClause != NIL;
    t->group_empty = groups_nothing(s->groupClause);
    t->has_having = s->havingClause != NULL;
    t->has_distinct = s->distinctClause != NIL;
    t->has_order_by = s->sortClause != NIL;
    t->has_limit = s->limitCount != NULL;
    t->with_ties = (int)s->limitOption == PG_QUERY_LIMIT_WITH_TIES;
    t->has_offset = s->limitOffset != NULL;
    const Node *offset = sg__walk_uncast(s->limitOffset);
    const A_Const *oc = offset && IsA(offset, A_Const) ? (const A_Const *)offset : NULL;
    t->offset_skips =
        offset &&
        !(oc && (oc->isnull || (oc->val.node.type == T_Integer && intVal(&oc->val) == 0)));
    t->has_locking = s->lockingClause != NIL;
    t->outputs_constant = alike;
    t->where_false = sg__walk_surely_false(s->whereClause, 0);
    /* the clause's first value; parse.c moves it to the keyword before it */
    int count_at = exprLocation(s->limitCount), offset_at = exprLocation(s->limitOffset);
    t->limit_location =
        count_at < 0 || (offset_at >= 0 && offset_at < count_at) ? offset_at : count_at;
    t->values_rows = (size_t)list_length(s->valuesLists);
}

static bool walk_select(SelectStmt *s, walk *w, bool top, int *level_out)
{
    int outer_level = w->level;
    sight outer_sight = w->sight;
    int level = sg__walk_enter_level(w);
    w->level = level;
    if (level_out)
        *level_out = level;
    if (top)
        w->top_level = level;
    cte_scope *saved_scope = w->scope;
    bool saved_top_tl = w->in_top_targetlist, saved_predicate = w->in_predicate;
    int saved_tl_level = w->targetlist_level;
    w->in_top_targetlist = false;
    w->targetlist_level = -1;
    w->in_predicate = false;
    if (!w->failed)
        record_level_info(w, s, level);
    cte_scope scope;
    bool stop = walk_with(s->withClause, w, &scope);
    if (!stop && s->intoClause)
        record_into(w, s->intoClause->rel);
    if (!stop && s->op != SETOP_NONE) {
        stop = visit((Node *)s->larg, w);
        bool saved_recursive = w->in_recursive_term;
        if ((const Node *)s->rarg == w->recursive_term)
            w->in_recursive_term = true;
        stop = stop || visit((Node *)s->rarg, w);
        w->in_recursive_term = saved_recursive;
    }
    /* the outputs stand where the select's value stands (a scalar
     * sub-select's, an ARRAY sub-select's); its other clauses compare */
    unsigned entry_flow = w->flow;
    if (!stop) {
        w->in_top_targetlist = top;
        w->targetlist_level = s->op == SETOP_NONE ? level : -1;
        bool saved_unread = w->targets_unread;
        /* under EXISTS nobody reads the values, unless DISTINCT or GROUP BY
         * (by position too: `DISTINCT ON (3)`) compares them to count rows */
        w->targets_unread =
            s == w->exists_select && s->distinctClause == NIL && s->groupClause == NIL;
        stop = walk_output_items(s, s->distinctClause, w) ||
               visit_items(s->targetList, w, top && s->op == SETOP_NONE, level);
        w->targets_unread = saved_unread;
        w->in_top_targetlist = false;
        w->targetlist_level = -1;
    }
    sg__walk_flow(w, SG__FLOW_POLY, false);
    sg__walk_flow(w, SG__FLOW_MEETS, true);
    size_t items_before = w->from_items.count;
    stop = stop || walk_from_list(s->fromClause, w, level);
    if (!stop && !top && sg__walk_only_relation(w, s, level, items_before))
        sg__walk_record_level_pins(w, s->whereClause, level,
                                   SG__VEC_AT(w->from_items, from_item, items_before).name);
    stop = stop || visit_predicate(s->whereClause, w) || walk_output_items(s, s->groupClause, w) ||
           visit_predicate(s->havingClause, w) || visit_list(s->windowClause, w);
    unsigned values_before = w->column_refs;
    stop = stop || visit_list(s->valuesLists, w);
    count_refs(w, level, values_before); /* all of VALUES as one output */
    /* a set-returning call in ORDER BY adds rows as one in the target list
     * does (PostgreSQL computes it there): its calls count as the list's */
    w->targetlist_level = s->op == SETOP_NONE ? level : -1;
    stop = stop || walk_output_items(s, s->sortClause, w);
    w->targetlist_level = -1;
    stop = stop || visit(s->limitOffset, w) || visit(s->limitCount, w);
    if (!stop)
        sg__walk_apply_locking(w, s->lockingClause, level);
    if (!stop && top)
        record_result_stars(w, s);
    /* under EXISTS only whether a row is there counts, not which; rows that
     * are all alike (every output a constant or a parameter: `SELECT 1 FROM t
     * ... LIMIT 10 OFFSET 20` that an ORM counts) are the same whichever */
    bool alike = rows_alike(s);
    w->own_limit = -1;
    if (!stop && (s->limitCount || s->limitOffset) && s->sortClause == NIL &&
        s != w->exists_select && !alike)
        record_unordered_limit(w, s, top, level);

    if (!top && !stop)
        sg__walk_record_level_keys(w, s, level);
    if (top)
        record_top_select(w, s, stop, alike);
    w->scope = saved_scope;
    w->in_top_targetlist = saved_top_tl;
    w->targetlist_level = saved_tl_level;
    w->in_predicate = saved_predicate;
    w->flow = entry_flow;
    w->level = outer_level;
    w->sight = outer_sight;
    return stop || w->failed;
}

/* An INSERT's source: a query of its own, where the target is not visible. */
static bool walk_insert_source(Node *select, walk *w, int outer_level)
{
    int level = w->level;
    w->level = outer_level;
    bool stop = visit(select, w);
    w->level = level;
    return stop;
}

/* The RETURNING list of INSERT or UPDATE `stmt` into relation `target`,
 * whose columns there read the row written: when a call in it is one the
 * rules bound by its arguments' text or time zone, the values the
 * statement writes are described for them. */
static bool walk_returning(Node *stmt, List *returning, walk *w, long target)
{
    if (!returning)
        return false;
    bool saved_returning = w->in_returning;
    judged_mark mark = judged_from(w);
    w->in_returning = true;
    bool stop = visit_items(returning, w, stmt == w->root, -1);
    w->in_returning = saved_returning;
    if (judged_since(w, mark) && !stop)
        sg__walk_record_written(w, stmt, target);
    return stop || w->failed;
}

static bool walk_modify(Node *node, walk *w)
{
    cte_scope *saved_scope = w->scope;
    bool saved_top_tl = w->in_top_targetlist, saved_predicate = w->in_predicate;
    int saved_tl_level = w->targetlist_level;
    w->in_top_targetlist = false;
    w->targetlist_level = -1;
    w->in_predicate = false;
    int outer_level = w->level;
    sight outer_sight = w->sight;
    int level = sg__walk_enter_level(w);
    w->level = level;
    cte_scope scope;
    bool stop = false;
    switch (nodeTag(node)) {
    case T_InsertStmt: {
        InsertStmt *s = (InsertStmt *)node;
        if (s->cols == NIL && s->selectStmt && s->relation)
            push_int(w, &w->facts->inserts_without_columns, s->relation->location);
        OnConflictClause *oc = s->onConflictClause;
        stop = walk_with(s->withClause, w, &scope) ||
               sg__walk_target(s->relation, w, level, true,
                               oc && oc->action == ONCONFLICT_UPDATE ? SG_USE_UPDATE : 0);
        long target = -1;
        if (!stop && s->relation) {
            target = (long)w->facts->relations.count - 1;
            sg__walk_record_conflict(w, s->onConflictClause, target);
            sg__walk_record_insert(w, s, target);
            sg__walk_record_insert_writes(w, s, target);
        }
        stop = stop || visit_list(s->cols, w) ||
               walk_insert_source(s->selectStmt, w, outer_level) ||
               walk_on_conflict(node, s->onConflictClause, w, target) ||
               walk_returning(node, s->returningList, w, target);
        break;
    }
    case T_UpdateStmt: {
        UpdateStmt *s = (UpdateStmt *)node;
        stop = walk_with(s->withClause, w, &scope) ||
               sg__walk_target(s->relation, w, level, false, SG_USE_UPDATE);
        long target = -1;
        if (!stop && s->relation) {
            target = (long)w->facts->relations.count - 1;
            sg__walk_record_set(w, s->targetList, target, false);
            if (!s->whereClause)
                sg__walk_record_unfiltered(w, s->relation, false);
        }
        stop = stop || visit_list(s->targetList, w) || walk_from_list(s->fromClause, w, level) ||
               visit_predicate(s->whereClause, w) ||
               walk_returning(node, s->returningList, w, target);
        break;
    }
    case T_DeleteStmt: {
        DeleteStmt *s = (DeleteStmt *)node;
        stop = walk_with(s->withClause, w, &scope) ||
               sg__walk_target(s->relation, w, level, false, SG_USE_DELETE);
        if (!stop && s->relation && !s->whereClause)
            sg__walk_record_unfiltered(w, s->relation, true);
        stop = stop || walk_from_list(s->usingClause, w, level) ||
               visit_predicate(s->whereClause, w) ||
               visit_items(s->returningList, w, node == w->root, -1);
        break;
    }
    case T_MergeStmt: {
        MergeStmt *s = (MergeStmt *)node;
        unsigned changes = 0;
        ListCell *lc;
        foreach (lc, s->mergeWhenClauses) {
            MergeWhenClause *c = lfirst(lc);
            changes |= !IsA(c, MergeWhenClause)       ? SG_USE_UPDATE | SG_USE_DELETE
                       : c->commandType == CMD_UPDATE ? SG_USE_UPDATE
                       : c->commandType == CMD_DELETE ? SG_USE_DELETE
                                                      : 0;
        }
        stop = walk_with(s->withClause, w, &scope) ||
               sg__walk_target(s->relation, w, level, false, changes);
        if (!stop && s->relation)
            sg__walk_record_merge_writes(w, s, (long)w->facts->relations.count - 1);
        stop = stop || walk_from_item(s->sourceRelation, w, level) ||
               visit_predicate(s->joinCondition, w);
        /* a WHEN clause sees the source only, or both: names are judged by
         * every table in sight that could have them, never placed */
        bool saved_unplaced = w->names_unplaced;
        w->names_unplaced = true;
        stop = stop || visit_list(s->mergeWhenClauses, w);
        w->names_unplaced = saved_unplaced;
        break;
    }
    default:
        sg__walk_unsupported(w, "statement", -1);
        break;
    }
    w->scope = saved_scope;
    w->in_top_targetlist = saved_top_tl;
    w->targetlist_level = saved_tl_level;
    w->in_predicate = saved_predicate;
    w->level = outer_level;
    w->sight = outer_sight;
    return stop || w->failed;
}

/* The nodes of class SG__TAG_OWN: the walker visits their children itself. */
static bool visit_own(Node *node, walk *w)
{
    switch (nodeTag(node)) {
    case T_List: {
        ListCell *lc;
        foreach (lc, (List *)node) {
            if (visit(lfirst(lc), w))
                return true;
        }
        return false;
    }
    case T_SelectStmt:
        return walk_select((SelectStmt *)node, w, false, NULL);
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_MergeStmt:
        return walk_modify(node, w);
    case T_RangeVar:
        /* A relation outside any FROM list we track (MERGE USING, UPDATE
         * FROM, DELETE USING, TABLESAMPLE in those): a read. */
        sg__walk_record_relation(w, (RangeVar *)node, SG_USE_READ, true);
        return w->failed;
    case T_JoinExpr:
    case T_RangeSubselect:
    case T_RangeTableSample:
        /* FROM items of UPDATE/DELETE/MERGE: no locking applies there. */
        return walk_from_item(node, w, -1);
    case T_ParamRef: {
        ParamRef *p = (ParamRef *)node;
        sg__paramref *r = sg__vec_push(w->arena, &w->facts->params, sizeof *r);
        if (!r) {
            fail(w);
            return true;
        }
        r->number = p->number;
        r->location = p->location;
        /* as the operand of IS NULL or an XML function's argument, it meets
         * no other value either */
        r->isolated = node == w->isolated || sg__walk_in_xml_place(w, node);
        return false;
    }
    case T_IntoClause:
        w->facts->has_into = true;
        w->facts->into_location =
            ((IntoClause *)node)->rel ? ((IntoClause *)node)->rel->location : -1;
        return false;
    case T_MultiAssignRef: {
        /* SET (a, b) = (SELECT ...): every column's target holds the same
         * source; it is walked once, with the first column */
        MultiAssignRef *m = (MultiAssignRef *)node;
        return m->colno == 1 ? visit(m->source, w) : false;
    }
    case T_CurrentOfExpr:
        /* the node has no location: sg__parse_walk() finds the clause's */
        w->facts->has_current_of = true;
        return false;
    case T_LockingClause:
        /* Only reached outside a SELECT level, which the grammar does not
         * produce; the names it holds are FROM items, not relations. */
        return false;
    case T_WithClause:
    case T_CommonTableExpr:
        /* WITH lists are walked with their statement, never on their own. */
        sg__walk_unsupported(w, "WITH clause outside a statement", -1);
        return w->failed;
    default:
        /* a type sg__walker_tag_class() calls OWN without a case above */
        sg__walk_unsupported(w, "a node the walker does not handle", -1);
        return w->failed;
    }
}

/* The nodes of class SG__TAG_NOTE: what the walker records before PostgreSQL's
 * walker visits their children. A function call becomes the parent of the
 * calls in its arguments (the caller restores current_call). */
static bool note(Node *node, walk *w)
{
    switch (nodeTag(node)) {
    case T_FuncCall: {
        FuncCall *f = (FuncCall *)node;
        record_func(w, f->funcname, f->location, SG_FUNC_CALL, f->over != NULL);
        int call = (int)w->facts->funcs.count - 1;
        if (!w->failed) {
            sg__funcref *fn = &SG__VEC_AT(w->facts->funcs, sg__funcref, call);
            fn->isolated = node == w->isolated;
            /* the argument of the enclosing call it is, when it is one itself */
            fn->parent_arg = -1;
            int k = 0;
            ListCell *lc;
            if (w->current_call_node)
                foreach (lc, w->current_call_node->args) {
                    if (lfirst(lc) == (void *)node)
                        fn->parent_arg = k;
                    k++;
                }
        }
        sg__walk_record_args(w, f);
        /* xmlagg reads its argument as xml; it and xmlcomment make xml values */
        const Node *last = f->funcname ? llast(f->funcname) : NULL;
        bool xml_named = last && IsA(last, String) && strVal(last)[0] == 'x';
        bool xmlagg = xml_named && catalog_call_named(f, "xmlagg");
        if (xmlagg || (xml_named && catalog_call_named(f, "xmlcomment")))
            xml_value(w, node, f->location);
        w->current_call = call;
        w->current_call_node = f;
        sg__walk_meets_call(w, f, node);
        if (xmlagg && f->args)
            xml_argument(w, linitial(f->args), "xmlagg of a constant or parameter");
        break;
    }
    case T_TypeName: {
        TypeName *t = (TypeName *)node;
        Node *last = list_length(t->names) ? llast(t->names) : NULL;
        if (last && IsA(last, String) && sg__type_resolves_names(strVal(last))) {
            record_func(w, t->names, t->location, SG_FUNC_CAST, false);
            sg__walk_note_tableoid_cast(w, t, w->facts->funcs.count - 1);
        } else if (sg__walk_ts_object_type(t)) {
            sg__walk_record_ts_object(w, t);
        }
        sg__walk_record_type(w, t);
        break;
    }
    case T_A_ArrayExpr:
        sg__walk_meets_array(w, node);
        break;
    case T_CoalesceExpr:
    case T_CaseExpr:
    case T_MinMaxExpr:
        /* their values meet one another, whatever meets theirs */
        sg__walk_meets_unified(w);
        break;
    case T_A_Expr: {
        A_Expr *e = (A_Expr *)node;
        sg__walk_meets_scalar(w, true);
        if (e->kind == AEXPR_OP_ANY || e->kind == AEXPR_OP_ALL)
            sg__walk_meets_elementwise(w, e->rexpr);
        if (sg__names_outside_pg_catalog(e->name))
            record_func(w, e->name, e->location, SG_FUNC_OPERATOR, false);
        sg__walk_record_literal_cmp(w, e);
        sg__walk_record_param_cmp(w, e);
        sg__walk_record_query_param(w, e);
        record_pattern_match(w, e);
        record_path_operator(w, e);
        note_geometry_operator(w, e);
        break;
    }
    case T_SubLink: {
        SubLink *s = (SubLink *)node;
        w->column_refs++; /* its value stands in the expression as a column's */
        if (s->subLinkType == ARRAY_SUBLINK)
            sg__walk_meets_array(w, node);
        else if (s->subLinkType == EXPR_SUBLINK)
            sg__walk_meets_passing(w, node); /* its output stands where it stands */
        else /* even unread outputs (EXISTS) type the parameters they meet */
            sg__walk_meets_scalar(w, true);
        if (s->subLinkType == EXISTS_SUBLINK && s->subselect && IsA(s->subselect, SelectStmt))
            w->exists_select = (SelectStmt *)s->subselect;
        /* a scalar sub-select that meets no other value: its one output
         * meets none either (`xmlelement(name b, (SELECT xmlagg(...)))`) */
        SelectStmt *sub =
            s->subselect && IsA(s->subselect, SelectStmt) ? (SelectStmt *)s->subselect : NULL;
        if (s->subLinkType == EXPR_SUBLINK && sub && sub->op == SETOP_NONE &&
            list_length(sub->targetList) == 1 && IsA(linitial(sub->targetList), ResTarget) &&
            (node == w->isolated || sg__walk_in_xml_place(w, node)))
            sg__walk_xml_place(w, ((ResTarget *)linitial(sub->targetList))->val);
        if (sg__names_outside_pg_catalog(s->operName))
            record_func(w, s->operName, s->location, SG_FUNC_OPERATOR, false);
        record_pattern_sublink(w, s);
        break;
    }
    case T_ColumnRef:
        w->column_refs++;
        sg__walk_note_columnref(w, (ColumnRef *)node);
        break;
    case T_TypeCast:
        sg__walk_meets_scalar(w, false);
        sg__walk_note_cast(w, (TypeCast *)node);
        record_query_cast(w, (TypeCast *)node);
        record_geometry(w, (TypeCast *)node);
        break;
    case T_CollateClause: {
        /* a collation outside pg_catalog is an object the proof never saw */
        CollateClause *c = (CollateClause *)node;
        if (sg__names_outside_pg_catalog(c->collname))
            record_func(w, c->collname, c->location, SG_FUNC_CATALOG_OBJECT, false);
        break;
    }
    case T_IndexElem: {
        /* ON CONFLICT (col collate opclass): the same for both names */
        IndexElem *e = (IndexElem *)node;
        if (sg__names_outside_pg_catalog(e->collation))
            record_func(w, e->collation, w->located, SG_FUNC_CATALOG_OBJECT, false);
        if (sg__names_outside_pg_catalog(e->opclass))
            record_func(w, e->opclass, w->located, SG_FUNC_CATALOG_OBJECT, false);
        break;
    }
    case T_SQLValueFunction: {
        /* CURRENT_USER and its kin are pg_catalog's functions spelled as
         * keywords: judged as calls of them */
        SQLValueFunction *f = (SQLValueFunction *)node;
        static const char *const names[][2] = {
            [SVFOP_CURRENT_ROLE] = {"current_user", "CURRENT_ROLE"},
            [SVFOP_CURRENT_USER] = {"current_user", "CURRENT_USER"},
            [SVFOP_USER] = {"current_user", "USER"},
            [SVFOP_SESSION_USER] = {"session_user", "SESSION_USER"},
            [SVFOP_CURRENT_CATALOG] = {"current_database", "CURRENT_CATALOG"},
            [SVFOP_CURRENT_SCHEMA] = {"current_schema", "CURRENT_SCHEMA"},
        };
        if ((size_t)f->op < sizeof names / sizeof names[0] && names[f->op][0])
            record_keyword_call(w, names[f->op][0], names[f->op][1], f->location);
        break;
    }
    case T_A_Indirection:
        sg__walk_meets_subscript(w, (A_Indirection *)node);
        sg__walk_note_indirection(w, (A_Indirection *)node);
        break;
    case T_XmlExpr: {
        /* XMLPARSE and IS DOCUMENT parse text with libxml2 as xml(text) does:
         * judged as calls of it */
        XmlExpr *x = (XmlExpr *)node;
        if (x->op == IS_XMLPARSE || x->op == IS_DOCUMENT) {
            record_keyword_call(w, "xml", x->op == IS_XMLPARSE ? "XMLPARSE" : "IS DOCUMENT",
                                x->location);
            break;
        }
        xml_value(w, node, x->location);
        ListCell *lc;
        if (x->op == IS_XMLCONCAT)
            foreach (lc, x->args)
                xml_argument(w, lfirst(lc), "XMLCONCAT of a constant or parameter");
        else if (x->op == IS_XMLROOT && x->args)
            xml_argument(w, linitial(x->args), "XMLROOT of a constant or parameter");
        else if (x->op == IS_XMLELEMENT || x->op == IS_XMLFOREST) {
            /* contents (and attribute values) of any type: text is escaped,
             * an xml value taken as it is */
            foreach (lc, x->args)
                sg__walk_xml_place(w, lfirst(lc));
            foreach (lc, x->named_args)
                if (IsA(lfirst(lc), ResTarget))
                    sg__walk_xml_place(w, ((ResTarget *)lfirst(lc))->val);
        }
        break;
    }
    case T_NullTest:
        /* IS [NOT] NULL meets its operand with no other value */
        sg__walk_xml_place(w, (const Node *)((NullTest *)node)->arg);
        break;
    case T_XmlSerialize: {
        XmlSerialize *x = (XmlSerialize *)node;
        /* XMLSERIALIZE(DOCUMENT x ...) parses x to see that it is a document */
        if (x->xmloption == XMLOPTION_DOCUMENT)
            record_keyword_call(w, "xml", "XMLSERIALIZE(DOCUMENT ...)", x->location);
        else
            xml_argument(w, x->expr, "XMLSERIALIZE of a constant or parameter");
        break;
    }
    case T_RangeTableFunc:
        /* XMLTABLE parses its document and evaluates XPath, as xpath() does */
        record_keyword_call(w, "xpath", "XMLTABLE", ((RangeTableFunc *)node)->location);
        break;
    case T_SortBy: {
        /* ORDER BY x USING OPERATOR(s.op): PostgreSQL's walker skips the name */
        SortBy *s = (SortBy *)node;
        if (sg__names_outside_pg_catalog(s->useOp))
            record_func(w, s->useOp, s->location, SG_FUNC_OPERATOR, false);
        break;
    }
    case T_RangeTableFuncCol:
        /* An XMLTABLE column's type converts document text with the type's
         * input function (a reg* type resolves names); PostgreSQL's walker
         * skips it. */
        return visit((Node *)((RangeTableFuncCol *)node)->typeName, w);
    default:
        break;
    }
    return w->failed;
}

/* What a noted node's walk changed, as it was before it. */
static void restore_noted(walk *w, int call, const FuncCall *node, unsigned flow)
{
    w->current_call = call;
    w->current_call_node = node;
    w->flow = flow;
}

static bool visit_node(Node *node, walk *w)
{
    const char *row;
    if ((IsA(node, FuncCall) || IsA(node, XmlExpr) || IsA(node, TypeCast)) &&
        (sg__walk_doubles(node, &row) || row))
        w->column_refs++; /* it may double its operands' text, as a second copy would */
    NodeTag tag = nodeTag(node);
    switch (sg__walker_tag_class((int)tag)) {
    case SG__TAG_OWN:
        return visit_own(node, w);
    case SG__TAG_NOTE: {
        /* this frame is on every level of the recursion, which a gateway's
         * small stack bounds: no more locals than these */
        int saved_call = w->current_call;
        unsigned saved_flow = w->flow;
        const FuncCall *saved_node = w->current_call_node;
        if (note(node, w) || raw_expression_tree_walker(node, visit, w) || w->failed) {
            restore_noted(w, saved_call, saved_node, saved_flow);
            return true;
        }
        restore_noted(w, saved_call, saved_node, saved_flow);
        return false;
    }
    case SG__TAG_RAW:
        return raw_expression_tree_walker(node, visit, w) || w->failed;
    default: {
        const char *what = sg__arena_printf(w->arena, "node type %d", (int)tag);
        if (!what)
            fail(w);
        else
            sg__walk_unsupported(w, what, -1);
        return w->failed;
    }
    }
}

static bool visit(Node *node, void *context)
{
    walk *w = context;
    if (!node)
        return false;
    if (w->failed)
        return true;
    int outer = w->located;
    int at = sg__node_location(node);
    if (at >= 0)
        w->located = at;
    bool stop = true;
    if (w->depth < w->max_depth) {
        w->depth++;
        stop = visit_node(node, w);
        w->depth--;
    } else if (!w->facts->depth_exceeded) {
        /* the bound is a fact that denies, placed where it was crossed */
        w->facts->depth_exceeded = true;
        w->facts->depth_location = w->located;
    }
    w->located = outer;
    return stop;
}

int sg__walk_statement(sg__arena *arena, void *raw_stmt, unsigned max_depth, sg__facts *facts)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.arena = arena;
    w.facts = facts;
    w.max_depth = max_depth;
    w.cte_index = -1;
    w.current_call = -1;
    w.targetlist_level = -1;
    w.top_level = -1;
    w.flow = SG__FLOW_MEETS;
    w.pin_level = -1;
    w.level = -1;
    w.sight = SG__SIGHT_ALL;
    w.child_sight = SG__SIGHT_ALL;
    w.located = facts->statement_location;
    Node *stmt = raw_stmt;
    w.root = stmt;
    if (IsA(stmt, SelectStmt))
        walk_select((SelectStmt *)stmt, &w, true, NULL);
    else
        walk_modify(stmt, &w);
    if (!w.failed && w.counted_limits.count)
        drop_unread_limits(&w);
    if (!w.failed)
        sg__walk_finish_zones(&w);
    if (!w.failed)
        sg__walk_resolve_fields(&w);
    if (!w.failed)
        sg__walk_recursions(&w);
    if (!w.failed)
        sg__walk_expansions(&w);
    return w.failed ? -1 : 0;
}
