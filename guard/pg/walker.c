/*
 * walker.c - one pass over a raw DML parse tree, recording facts.
 *
 * PostgreSQL's raw_expression_tree_walker knows every child of every node a
 * DML raw tree can hold; this file hands it every node it does not handle
 * itself, and handles the nodes where meaning depends on position: statements
 * and their WITH lists (CTE scoping), FROM items (what a FOR UPDATE locks,
 * and what the top-level select reads), relation references (CTE or
 * physical), names of functions, casts, types and operators, and the equalities the
 * top-level WHERE pins columns with. The walker records; it never judges. Every node type has one
 * class (sg__walker_tag_class()) that decides how it is visited: a type
 * outside the set PostgreSQL's walker is known to cover is recorded as
 * unsupported rather than passed on, because that walker ends the process on
 * a type it does not know (test_walker tries a node of every type). Depth is
 * bounded before recursing, and hitting the bound is a fact that denies,
 * never a silent stop.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include <string.h>

#include "pg/parse.h"

enum { MAX_CTES = 1000 };

/* A WITH list in lexical scope. In a plain WITH, entry i sees entries before
 * it; in WITH RECURSIVE every entry sees all of them; the statement body sees
 * all of them. `visible` is advanced as the list is walked. */
typedef struct cte_scope {
    const struct cte_scope *parent;
    size_t first; /* index of the list's first entry in facts->ctes */
    size_t count;
    size_t visible;
} cte_scope;

/* A FROM item of some query level, kept to resolve FOR UPDATE OF names. */
typedef struct from_item {
    int level;        /* query level whose FROM clause holds it directly */
    const char *name; /* alias, else relation name; NULL for unnamed items */
    long relref;      /* index into facts->relations, or -1 */
    int child_level;  /* for a subquery in FROM: its level, else -1 */
} from_item;

typedef struct walk {
    sg__arena *arena;
    sg__facts *facts;
    unsigned depth;
    unsigned max_depth;
    cte_scope *scope;
    int cte_index; /* innermost enclosing CTE, or -1 */
    int next_level;
    int top_level;    /* level of the statement's top-level SELECT, or -1 */
    int current_call; /* innermost FuncCall being walked, or -1 */
    bool in_top_targetlist;
    int located;        /* location of the innermost node that has one */
    bool failed;        /* allocation failure: stop and report */
    sg__vec from_items; /* from_item */
} walk;

static bool visit(Node *node, void *context);
static bool walk_select(SelectStmt *stmt, walk *w, bool top, int *level_out);

/* The node lists below were written for PostgreSQL 15's node types and its
 * raw_expression_tree_walker (nodeFuncs.c). Another major version renumbers
 * and adds node types: read that walker again before changing these. */
_Static_assert(PG_VERSION_NUM >= 150000 && PG_VERSION_NUM < 160000,
               "the walker's node lists are written for PostgreSQL 15");
_Static_assert(T_SupportRequestWFuncMonotonic == 437,
               "PostgreSQL 15's NodeTag list changed: review the walker's node lists");

/* Node types PostgreSQL 15's raw_expression_tree_walker descends into (or
 * knows to have no children). Anything else is never passed to it. */
static bool raw_walker_knows(NodeTag tag)
{
    switch (tag) {
    case T_SetToDefault:
    case T_CurrentOfExpr:
    case T_SQLValueFunction:
    case T_Integer:
    case T_Float:
    case T_Boolean:
    case T_String:
    case T_BitString:
    case T_ParamRef:
    case T_A_Const:
    case T_A_Star:
    case T_Alias:
    case T_RangeVar:
    case T_GroupingFunc:
    case T_SubLink:
    case T_CaseExpr:
    case T_RowExpr:
    case T_CoalesceExpr:
    case T_MinMaxExpr:
    case T_XmlExpr:
    case T_NullTest:
    case T_BooleanTest:
    case T_JoinExpr:
    case T_IntoClause:
    case T_List:
    case T_InsertStmt:
    case T_DeleteStmt:
    case T_UpdateStmt:
    case T_MergeStmt:
    case T_MergeWhenClause:
    case T_SelectStmt:
    case T_A_Expr:
    case T_BoolExpr:
    case T_ColumnRef:
    case T_FuncCall:
    case T_NamedArgExpr:
    case T_A_Indices:
    case T_A_Indirection:
    case T_A_ArrayExpr:
    case T_ResTarget:
    case T_MultiAssignRef:
    case T_TypeCast:
    case T_CollateClause:
    case T_SortBy:
    case T_WindowDef:
    case T_RangeSubselect:
    case T_RangeFunction:
    case T_RangeTableSample:
    case T_RangeTableFunc:
    case T_RangeTableFuncCol:
    case T_TypeName:
    case T_ColumnDef:
    case T_IndexElem:
    case T_GroupingSet:
    case T_LockingClause:
    case T_XmlSerialize:
    case T_WithClause:
    case T_InferClause:
    case T_OnConflictClause:
    case T_CommonTableExpr:
        return true;
    default:
        return false;
    }
}

sg__tag_class sg__walker_tag_class(int tag)
{
    switch ((NodeTag)tag) {
    case T_List:
    case T_SelectStmt:
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_MergeStmt:
    case T_RangeVar:
    case T_JoinExpr:
    case T_RangeSubselect:
    case T_RangeTableSample:
    case T_ParamRef:
    case T_IntoClause:
    case T_CurrentOfExpr:
    case T_LockingClause:
    case T_WithClause:
    case T_CommonTableExpr:
        return SG__TAG_OWN;
    case T_FuncCall:
    case T_TypeName:
    case T_A_Expr:
    case T_SubLink:
    case T_SortBy:
    case T_RangeTableFuncCol:
        return SG__TAG_NOTE;
    default:
        return raw_walker_knows((NodeTag)tag) ? SG__TAG_RAW : SG__TAG_UNSUPPORTED;
    }
}

sg__stmt_kind sg__statement_kind(const void *raw_stmt)
{
    if (!raw_stmt)
        return SG_STMT_NONE;
    switch (nodeTag(raw_stmt)) {
    case T_SelectStmt:
        return SG_STMT_SELECT;
    case T_InsertStmt:
        return SG_STMT_INSERT;
    case T_UpdateStmt:
        return SG_STMT_UPDATE;
    case T_DeleteStmt:
        return SG_STMT_DELETE;
    case T_MergeStmt:
        return SG_STMT_MERGE;
    default:
        return SG_STMT_OTHER;
    }
}

/* The location a node carries itself, or -1. Never recurses: below the depth
 * bound a subtree may be arbitrarily deep. */
static int own_location(const Node *n)
{
#define OWN_LOCATION(type)                                                                         \
    case T_##type:                                                                                 \
        return ((const type *)n)->location
    switch (nodeTag(n)) {
        OWN_LOCATION(A_Expr);
        OWN_LOCATION(A_Const);
        OWN_LOCATION(A_ArrayExpr);
        OWN_LOCATION(BoolExpr);
        OWN_LOCATION(BooleanTest);
        OWN_LOCATION(CaseExpr);
        OWN_LOCATION(CaseWhen);
        OWN_LOCATION(CoalesceExpr);
        OWN_LOCATION(CollateClause);
        OWN_LOCATION(ColumnRef);
        OWN_LOCATION(CommonTableExpr);
        OWN_LOCATION(FuncCall);
        OWN_LOCATION(GroupingFunc);
        OWN_LOCATION(GroupingSet);
        OWN_LOCATION(MinMaxExpr);
        OWN_LOCATION(NamedArgExpr);
        OWN_LOCATION(NullTest);
        OWN_LOCATION(ParamRef);
        OWN_LOCATION(RangeTableFunc);
        OWN_LOCATION(RangeTableFuncCol);
        OWN_LOCATION(RangeTableSample);
        OWN_LOCATION(RangeVar);
        OWN_LOCATION(ResTarget);
        OWN_LOCATION(RowExpr);
        OWN_LOCATION(SQLValueFunction);
        OWN_LOCATION(SetToDefault);
        OWN_LOCATION(SortBy);
        OWN_LOCATION(SubLink);
        OWN_LOCATION(TypeCast);
        OWN_LOCATION(TypeName);
        OWN_LOCATION(WindowDef);
        OWN_LOCATION(WithClause);
        OWN_LOCATION(XmlExpr);
        OWN_LOCATION(XmlSerialize);
    default:
        return -1;
    }
#undef OWN_LOCATION
}

static void fail(walk *w)
{
    w->failed = true;
    w->facts->incomplete = true;
}

static const char *copy(walk *w, const char *s)
{
    if (!s)
        return NULL;
    const char *c = sg__arena_strdup(w->arena, s);
    if (!c)
        fail(w);
    return c;
}

static void unsupported(walk *w, const char *what, int location)
{
    sg__unsupported *u = sg__vec_push(w->arena, &w->facts->unsupported, sizeof *u);
    if (!u) {
        fail(w);
        return;
    }
    u->what = what;
    u->location = location;
}

/* Splits a qualified name (a List of String) into catalog/schema/name. More
 * than three parts cannot name anything PostgreSQL resolves; the leading parts
 * are joined into `catalog` so that the name never matches anything. */
static void split_name(walk *w, List *names, const char **catalog, const char **schema,
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

static void record_func(walk *w, List *names, int location, sg__func_kind kind, bool has_over)
{
    sg__funcref *f = sg__vec_push(w->arena, &w->facts->funcs, sizeof *f);
    if (!f) {
        fail(w);
        return;
    }
    split_name(w, names, &f->catalog, &f->schema, &f->name);
    f->location = location;
    f->kind = kind;
    f->has_over = has_over;
    f->in_top_targetlist = w->in_top_targetlist;
    f->parent = w->current_call;
}

/* Finds a CTE named `name` in lexical scope; returns its index or -1. */
static long find_cte(const walk *w, const char *name)
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

/* Records a relation reference. Unqualified names first bind to a CTE in
 * scope, exactly as PostgreSQL's parse analysis does; targets of writes never
 * do. Returns the relref index, or -1 for a CTE reference. */
static long record_relation(walk *w, RangeVar *rv, unsigned use, bool may_be_cte)
{
    if (may_be_cte && !rv->schemaname && !rv->catalogname) {
        long cte = find_cte(w, rv->relname);
        if (cte >= 0) {
            SG__VEC_AT(w->facts->ctes, sg__cte, cte).references++;
            return -1;
        }
    }
    sg__relref *r = sg__vec_push(w->arena, &w->facts->relations, sizeof *r);
    if (!r) {
        fail(w);
        return -1;
    }
    r->catalog = copy(w, rv->catalogname);
    r->schema = copy(w, rv->schemaname);
    r->name = copy(w, rv->relname);
    r->location = rv->location;
    r->use = use;
    r->in_cte = w->cte_index;
    return (long)w->facts->relations.count - 1;
}

static void add_from_item(walk *w, int level, const char *name, long relref, int child_level)
{
    from_item *fi = sg__vec_push(w->arena, &w->from_items, sizeof *fi);
    if (!fi) {
        fail(w);
        return;
    }
    fi->level = level;
    fi->name = name;
    fi->relref = relref;
    fi->child_level = child_level;
}

/* An item of the top-level SELECT's FROM clause (relation -1: not a
 * relation) with its alias, if any; items of other levels are not recorded. */
static void add_top_from(walk *w, int level, long relation, const char *name, Alias *alias)
{
    if (level < 0 || level != w->top_level)
        return;
    sg__from_item *fi = sg__vec_push(w->arena, &w->facts->top.from, sizeof *fi);
    if (!fi) {
        fail(w);
        return;
    }
    fi->relation = relation;
    fi->name = name;
    fi->renames_columns = alias && alias->colnames != NIL;
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
        long idx = record_relation(w, rv, SG_USE_READ, true);
        const char *name = copy(w, rv->alias ? rv->alias->aliasname : rv->relname);
        if (idx >= 0)
            add_from_item(w, level, name, idx, -1);
        add_top_from(w, level, idx, name, rv->alias);
        break;
    }
    case T_JoinExpr: {
        /* An aliased join hides the names of its operands: it is one item
         * of its own besides them. */
        JoinExpr *j = (JoinExpr *)node;
        if (j->alias)
            add_top_from(w, level, -1, copy(w, j->alias->aliasname), j->alias);
        stop = walk_from_item(j->larg, w, level) || walk_from_item(j->rarg, w, level) ||
               visit(j->quals, w);
        break;
    }
    case T_RangeSubselect: {
        RangeSubselect *rs = (RangeSubselect *)node;
        if (rs->subquery && IsA(rs->subquery, SelectStmt)) {
            int child = -1;
            stop = walk_select((SelectStmt *)rs->subquery, w, false, &child);
            add_from_item(w, level, rs->alias ? copy(w, rs->alias->aliasname) : NULL, -1, child);
        } else {
            stop = visit(rs->subquery, w);
        }
        add_top_from(w, level, -1, rs->alias ? copy(w, rs->alias->aliasname) : NULL, rs->alias);
        break;
    }
    case T_RangeTableSample: {
        RangeTableSample *ts = (RangeTableSample *)node;
        record_func(w, ts->method, ts->location, SG_FUNC_TABLESAMPLE, false);
        stop = walk_from_item(ts->relation, w, level) || visit((Node *)ts->args, w) ||
               visit(ts->repeatable, w);
        break;
    }
    default:
        /* functions, ROWS FROM, XMLTABLE, ... */
        add_top_from(w, level, -1, NULL, NULL);
        stop = visit(node, w);
        break;
    }
    w->depth--;
    return stop || w->failed;
}

static bool walk_from_list(List *from, walk *w, int level)
{
    ListCell *lc;
    foreach (lc, from) {
        if (walk_from_item(lfirst(lc), w, level))
            return true;
    }
    return false;
}

static void lock_level(walk *w, int level)
{
    for (size_t i = 0; i < w->from_items.count; i++) {
        from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
        if (fi->level != level)
            continue;
        if (fi->relref >= 0)
            SG__VEC_AT(w->facts->relations, sg__relref, fi->relref).use |= SG_USE_LOCK;
        if (fi->child_level >= 0)
            lock_level(w, fi->child_level);
    }
}

/* Applies FOR UPDATE/SHARE of one query level the way PostgreSQL's
 * transformLockingClause does: without OF, every relation of the level's FROM
 * clause and, recursively, of its subqueries in FROM; with OF, the items so
 * named. CTE references and functions are not locked. */
static void apply_locking(walk *w, List *locking, int level)
{
    ListCell *lc;
    foreach (lc, locking) {
        LockingClause *lcl = lfirst(lc);
        if (!IsA(lcl, LockingClause)) {
            unsupported(w, "locking clause", -1);
            continue;
        }
        if (lcl->lockedRels == NIL) {
            lock_level(w, level);
            continue;
        }
        ListCell *rc;
        foreach (rc, lcl->lockedRels) {
            RangeVar *named = lfirst(rc);
            if (!IsA(named, RangeVar))
                continue;
            for (size_t i = 0; i < w->from_items.count; i++) {
                from_item *fi = &SG__VEC_AT(w->from_items, from_item, i);
                if (fi->level != level || !fi->name || strcmp(fi->name, named->relname) != 0)
                    continue;
                if (fi->relref >= 0)
                    SG__VEC_AT(w->facts->relations, sg__relref, fi->relref).use |= SG_USE_LOCK;
                if (fi->child_level >= 0)
                    lock_level(w, fi->child_level);
            }
        }
    }
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
            unsupported(w, "WITH entry", with->location);
            continue;
        }
        if (w->facts->ctes.count >= MAX_CTES) {
            /* name binding is linear in the names in scope: bound it */
            unsupported(w, "more than 1000 WITH queries", cte->location);
            w->facts->incomplete = true; /* the rest is not walked */
            return true;
        }
        sg__cte *c = sg__vec_push(w->arena, &w->facts->ctes, sizeof *c);
        if (!c) {
            fail(w);
            return true;
        }
        c->name = copy(w, cte->ctename);
        c->location = cte->location;
        c->recursive = with->recursive;
        c->kind = sg__statement_kind(cte->ctequery);
        c->depth = depth;
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
        /* CYCLE ... SET col TO v DEFAULT d: both constants are evaluated at
         * parse analysis (a reg* constant resolves names), and PostgreSQL's
         * walker does not descend into them. */
        bool stop = visit(cte->ctequery, w) ||
                    (cte->cycle_clause && (visit(cte->cycle_clause->cycle_mark_value, w) ||
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

/* The top-level ORDER BY, by column name where an item is a plain column. */
static void record_order_by(walk *w, List *sort)
{
    sg__top_select *t = &w->facts->top;
    size_t n = (size_t)list_length(sort);
    t->order_by_columns = sg__arena_alloc(w->arena, (n + 1) * sizeof *t->order_by_columns);
    if (!t->order_by_columns) {
        fail(w);
        return;
    }
    ListCell *lc;
    foreach (lc, sort) {
        SortBy *sb = lfirst(lc);
        Node *e = IsA(sb, SortBy) ? sb->node : NULL;
        if (e && IsA(e, ColumnRef) && IsA(llast(((ColumnRef *)e)->fields), String))
            t->order_by_columns[t->order_by_column_count++] =
                copy(w, strVal(llast(((ColumnRef *)e)->fields)));
        else
            t->order_by_exprs++;
    }
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

/* A parameter or a constant other than NULL, as the other side of a pin, or
 * such a value cast once (`$1::uuid`): the rule judges whether the cast's
 * type keeps the comparison in the column's own equality. */
static bool pin_value(const Node *n)
{
    if (n && IsA(n, TypeCast))
        n = ((const TypeCast *)n)->arg;
    return n && (IsA(n, ParamRef) || (IsA(n, A_Const) && !((const A_Const *)n)->isnull));
}

/* A column reference `col` or `t.col`, else NULL. */
static ColumnRef *pin_column(Node *n)
{
    if (!n || !IsA(n, ColumnRef))
        return NULL;
    ColumnRef *c = (ColumnRef *)n;
    int parts = list_length(c->fields);
    if (parts < 1 || parts > 2)
        return NULL;
    ListCell *lc;
    foreach (lc, c->fields) {
        if (!IsA(lfirst(lc), String))
            return NULL;
    }
    return c;
}

/* `column = value` or `value = column`, with the plain `=` operator. */
static void record_pin(walk *w, A_Expr *e)
{
    Node *op = list_length(e->name) == 1 ? linitial(e->name) : NULL;
    if (e->kind != AEXPR_OP || !op || !IsA(op, String) || strcmp(strVal(op), "=") != 0)
        return;
    Node *value = pin_value(e->rexpr) ? e->rexpr : pin_value(e->lexpr) ? e->lexpr : NULL;
    ColumnRef *c = value ? pin_column(value == e->rexpr ? e->lexpr : e->rexpr) : NULL;
    if (!c)
        return;
    sg__column_pin *p = sg__vec_push(w->arena, &w->facts->top.pins, sizeof *p);
    if (!p) {
        fail(w);
        return;
    }
    bool qualified = list_length(c->fields) == 2;
    p->qualifier = qualified ? copy(w, strVal(linitial(c->fields))) : NULL;
    p->column = copy(w, strVal(llast(c->fields)));
    if (IsA(value, TypeCast))
        p->cast = cast_type(w, ((TypeCast *)value)->typeName, true);
}

/* The pins among the conjuncts of the top-level WHERE: only AND is looked
 * through (never OR, NOT or a sub-select), to the walk's depth bound. */
static void record_pins(walk *w, Node *n, unsigned depth)
{
    if (!n || w->failed || depth >= w->max_depth)
        return;
    if (IsA(n, BoolExpr) && ((BoolExpr *)n)->boolop == AND_EXPR) {
        ListCell *lc;
        foreach (lc, ((BoolExpr *)n)->args)
            record_pins(w, lfirst(lc), depth + 1);
    } else if (IsA(n, A_Expr)) {
        record_pin(w, (A_Expr *)n);
    }
}

static bool visit_list(List *list, walk *w)
{
    return visit((Node *)list, w);
}

/* A SelectStmt has no location of its own: use the first located node in it. */
static int select_location(SelectStmt *s)
{
    if (s->op != SETOP_NONE && s->larg)
        return select_location(s->larg);
    int loc = exprLocation((Node *)s->targetList);
    if (loc < 0)
        loc = exprLocation((Node *)s->fromClause);
    if (loc < 0)
        loc = exprLocation((Node *)s->valuesLists);
    return loc;
}

static bool walk_select(SelectStmt *s, walk *w, bool top, int *level_out)
{
    int level = w->next_level++;
    if (level_out)
        *level_out = level;
    if (top)
        w->top_level = level;
    cte_scope *saved_scope = w->scope;
    bool saved_top_tl = w->in_top_targetlist;
    w->in_top_targetlist = false;
    cte_scope scope;
    bool stop = walk_with(s->withClause, w, &scope);

    if (!stop && s->intoClause) {
        w->facts->has_into = true;
        w->facts->into_location = s->intoClause->rel ? s->intoClause->rel->location : -1;
    }
    if (!stop && s->op != SETOP_NONE) {
        stop = visit((Node *)s->larg, w) || visit((Node *)s->rarg, w);
    }
    if (!stop) {
        w->in_top_targetlist = top;
        stop = visit_list(s->distinctClause, w) || visit_list(s->targetList, w);
        w->in_top_targetlist = false;
    }
    stop = stop || walk_from_list(s->fromClause, w, level) || visit(s->whereClause, w) ||
           visit_list(s->groupClause, w) || visit(s->havingClause, w) ||
           visit_list(s->windowClause, w) || visit_list(s->valuesLists, w) ||
           visit_list(s->sortClause, w) || visit(s->limitOffset, w) || visit(s->limitCount, w);
    if (!stop)
        apply_locking(w, s->lockingClause, level);
    if (!stop && top)
        record_result_stars(w, s);
    if (!stop && (s->limitCount || s->limitOffset) && s->sortClause == NIL) {
        sg__unordered_limit *u = sg__vec_push(w->arena, &w->facts->unordered_limits, sizeof *u);
        if (!u) {
            fail(w);
        } else {
            u->location = select_location(s);
            u->top = top;
        }
    }

    if (top) {
        record_order_by(w, s->sortClause);
        if (!stop)
            record_pins(w, s->whereClause, 0);
        sg__top_select *t = &w->facts->top;
        t->is_set_operation = s->op != SETOP_NONE;
        t->has_from = s->fromClause != NIL;
        t->has_group_by = s->groupClause != NIL;
        t->has_having = s->havingClause != NULL;
        t->has_distinct = s->distinctClause != NIL;
        t->has_order_by = s->sortClause != NIL;
        t->has_limit = s->limitCount != NULL;
        t->has_offset = s->limitOffset != NULL;
        t->has_locking = s->lockingClause != NIL;
        /* the clause's first value; parse.c moves it to the keyword before it */
        int count_at = exprLocation(s->limitCount), offset_at = exprLocation(s->limitOffset);
        t->limit_location =
            count_at < 0 || (offset_at >= 0 && offset_at < count_at) ? offset_at : count_at;
        t->values_rows = (size_t)list_length(s->valuesLists);
    }
    w->scope = saved_scope;
    w->in_top_targetlist = saved_top_tl;
    return stop || w->failed;
}

static bool walk_target(RangeVar *rel, walk *w)
{
    if (!rel)
        return false;
    record_relation(w, rel, SG_USE_WRITE, false);
    return w->failed;
}

static bool walk_modify(Node *node, walk *w)
{
    cte_scope *saved_scope = w->scope;
    bool saved_top_tl = w->in_top_targetlist;
    w->in_top_targetlist = false;
    cte_scope scope;
    bool stop = false;
    switch (nodeTag(node)) {
    case T_InsertStmt: {
        InsertStmt *s = (InsertStmt *)node;
        if (s->cols == NIL && s->selectStmt && s->relation)
            push_int(w, &w->facts->inserts_without_columns, s->relation->location);
        stop = walk_with(s->withClause, w, &scope) || walk_target(s->relation, w) ||
               visit_list(s->cols, w) || visit(s->selectStmt, w) ||
               visit((Node *)s->onConflictClause, w) || visit_list(s->returningList, w);
        break;
    }
    case T_UpdateStmt: {
        UpdateStmt *s = (UpdateStmt *)node;
        stop = walk_with(s->withClause, w, &scope) || walk_target(s->relation, w) ||
               visit_list(s->targetList, w) || visit_list(s->fromClause, w) ||
               visit(s->whereClause, w) || visit_list(s->returningList, w);
        break;
    }
    case T_DeleteStmt: {
        DeleteStmt *s = (DeleteStmt *)node;
        stop = walk_with(s->withClause, w, &scope) || walk_target(s->relation, w) ||
               visit_list(s->usingClause, w) || visit(s->whereClause, w) ||
               visit_list(s->returningList, w);
        break;
    }
    case T_MergeStmt: {
        MergeStmt *s = (MergeStmt *)node;
        stop = walk_with(s->withClause, w, &scope) || walk_target(s->relation, w) ||
               visit(s->sourceRelation, w) || visit(s->joinCondition, w) ||
               visit_list(s->mergeWhenClauses, w);
        break;
    }
    default:
        unsupported(w, "statement", -1);
        break;
    }
    w->scope = saved_scope;
    w->in_top_targetlist = saved_top_tl;
    return stop || w->failed;
}

/* Types whose input function resolves object names from strings. */
static bool is_name_resolving_type(const char *name)
{
    static const char *const reg_types[] = {
        "regclass",    "regcollation", "regconfig",    "regdictionary", "regnamespace", "regoper",
        "regoperator", "regproc",      "regprocedure", "regrole",       "regtype",
    };
    for (size_t i = 0; i < sizeof reg_types / sizeof reg_types[0]; i++)
        if (strcmp(name, reg_types[i]) == 0)
            return true;
    return false;
}

static bool names_outside_pg_catalog(List *names)
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
static void record_type(walk *w, const TypeName *t)
{
    sg__typeref *r = sg__vec_push(w->arena, &w->facts->types, sizeof *r);
    if (!r) {
        fail(w);
        return;
    }
    split_name(w, t->names, &r->catalog, &r->schema, &r->name);
    r->location = t->location;
    r->array = t->arrayBounds != NIL;
    r->resolves_names = r->name && is_name_resolving_type(r->name);
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
static void record_literal_cmp(walk *w, A_Expr *e)
{
    if (e->kind != AEXPR_OP && e->kind != AEXPR_LIKE && e->kind != AEXPR_ILIKE &&
        e->kind != AEXPR_DISTINCT && e->kind != AEXPR_NOT_DISTINCT)
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

/* A number's text with its sign flipped; NULL when memory ran out. */
static const char *negated(walk *w, const char *text)
{
    const char *t = text[0] == '-' ? copy(w, text + 1) : sg__arena_printf(w->arena, "-%s", text);
    if (!t)
        fail(w);
    return t;
}

/* One argument of a call: a constant, cast once or not, a unary sign in
 * front of either folded into a number's text; anything else is "other". */
static void describe_arg(walk *w, Node *n, sg__funcarg *a)
{
    bool negate;
    n = unary_operand(n, &negate);
    const char *cast = NULL;
    if (n && IsA(n, TypeCast)) {
        cast = cast_type(w, ((TypeCast *)n)->typeName, false);
        n = ((TypeCast *)n)->arg;
    }
    if (!arg_constant(w, n, a) || (negate && a->kind != SG_ARG_NUMBER)) {
        a->kind = SG_ARG_OTHER;
        a->text = NULL;
        return;
    }
    if (negate)
        a->text = negated(w, a->text);
    a->cast = cast;
}

/* The arguments of the call just recorded, as far as they are constants:
 * the rules judge what they mean (func.resource-bound). */
static void record_args(walk *w, FuncCall *f)
{
    int n = list_length(f->args);
    if (n == 0 || w->failed)
        return;
    sg__funcref *fn = &SG__VEC_AT(w->facts->funcs, sg__funcref, w->facts->funcs.count - 1);
    sg__funcarg *args = sg__arena_alloc(w->arena, (size_t)n * sizeof *args);
    if (!args) {
        fail(w);
        return;
    }
    for (int i = 0; i < n; i++)
        describe_arg(w, list_nth(f->args, i), &args[i]);
    fn->args = args;
    fn->arg_count = (size_t)n;
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
        record_relation(w, (RangeVar *)node, SG_USE_READ, true);
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
        return false;
    }
    case T_IntoClause:
        w->facts->has_into = true;
        w->facts->into_location =
            ((IntoClause *)node)->rel ? ((IntoClause *)node)->rel->location : -1;
        return false;
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
        unsupported(w, "WITH clause outside a statement", -1);
        return w->failed;
    default:
        /* a type sg__walker_tag_class() calls OWN without a case above */
        unsupported(w, "a node the walker does not handle", -1);
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
        record_args(w, f);
        w->current_call = (int)w->facts->funcs.count - 1;
        break;
    }
    case T_TypeName: {
        TypeName *t = (TypeName *)node;
        Node *last = list_length(t->names) ? llast(t->names) : NULL;
        if (last && IsA(last, String) && is_name_resolving_type(strVal(last)))
            record_func(w, t->names, t->location, SG_FUNC_CAST, false);
        record_type(w, t);
        break;
    }
    case T_A_Expr: {
        A_Expr *e = (A_Expr *)node;
        if (names_outside_pg_catalog(e->name))
            record_func(w, e->name, e->location, SG_FUNC_OPERATOR, false);
        record_literal_cmp(w, e);
        break;
    }
    case T_SubLink: {
        SubLink *s = (SubLink *)node;
        if (names_outside_pg_catalog(s->operName))
            record_func(w, s->operName, s->location, SG_FUNC_OPERATOR, false);
        break;
    }
    case T_SortBy: {
        /* ORDER BY x USING OPERATOR(s.op): PostgreSQL's walker skips the name */
        SortBy *s = (SortBy *)node;
        if (names_outside_pg_catalog(s->useOp))
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

static bool visit_node(Node *node, walk *w)
{
    NodeTag tag = nodeTag(node);
    switch (sg__walker_tag_class((int)tag)) {
    case SG__TAG_OWN:
        return visit_own(node, w);
    case SG__TAG_NOTE: {
        int saved_call = w->current_call;
        bool stop = note(node, w) || raw_expression_tree_walker(node, visit, w) || w->failed;
        w->current_call = saved_call;
        return stop;
    }
    case SG__TAG_RAW:
        return raw_expression_tree_walker(node, visit, w) || w->failed;
    default: {
        const char *what = sg__arena_printf(w->arena, "node type %d", (int)tag);
        if (!what)
            fail(w);
        else
            unsupported(w, what, -1);
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
    int at = own_location(node);
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
    w.top_level = -1;
    w.located = facts->statement_location;
    Node *stmt = raw_stmt;
    if (IsA(stmt, SelectStmt))
        walk_select((SelectStmt *)stmt, &w, true, NULL);
    else
        walk_modify(stmt, &w);
    return w.failed ? -1 : 0;
}
