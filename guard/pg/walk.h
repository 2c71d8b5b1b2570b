/*
 * walk.h - the state of one walk over a raw parse tree, shared by the files
 * of the walker: walker.c (the walk itself: the dispatch, statements, query
 * levels, FROM items and WITH lists, recursing as the tree does), from.c (what
 * the walk records of query levels, FROM items, relation references, CTE
 * scopes, merged join columns and locking), notes.c (what the walker notes
 * about expressions: types, literal comparisons, call arguments), pins.c (the
 * WHERE's pins and links, a surely false WHERE), meets.c (where a value
 * meets others and keeps its type), ordering.c (the top-level ORDER BY and what makes
 * rows distinct), names.c (the names of rows, what a qualified name selects
 * from), reach.c (how a reference is looked for through the levels),
 * expand.c (how many copies of the levels below it an output stands for),
 * recursion.c (a recursive step that doubles), writes.c (what a statement
 * writes) and nodes.c (the class of every node type, and where a node says it
 * is). Only walker.c calls back into the walk; the others
 * record and return. Seen only on the PostgreSQL side.
 */
#ifndef SG_PG_WALK_H
#define SG_PG_WALK_H

#include <stdbool.h>
#include <string.h>

#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include "pg/parse.h"

/* The output column names a row source is known to have (a subset of its
 * columns: a name the walker cannot work out as PostgreSQL would is left
 * out), or unknown altogether. */
typedef struct row_names {
    bool known;
    const char *const *names;
    size_t count;
    bool complete; /* names are all the row's columns */
    /* a function's one column of a base type: a whole-row reference to the
     * item is that value, whose `(u).f` is never a field */
    bool scalar;
    /* The columns whose text the statement itself may make long (from a
     * parameter, repeat, an aggregate gathering rows: notes.c's
     * sg__walk_text_may_grow), by name, and whether any column may be (one
     * such has no name the walker knows, the row's names are unknown, or it
     * is a function's over such arguments). Known or not, a relation's
     * columns are stored data. */
    const char *const *grown;
    const int *grown_params; /* per grown name: the $n whose value it is, or 0 */
    const bool *grown_alone; /* ... that value alone, not beside stored columns */
    size_t grown_count;
    bool grows_all;
    int grows_all_param; /* grows_all: the $n whose elements every column is, or 0 */
    /* the columns a table's column makes as it is (stored data, as the
     * table's own), by name, and whether all of them are */
    const char *const *stored;
    size_t stored_count;
    bool all_stored;
} row_names;

/* A FROM item (or a statement's target, or ON CONFLICT's EXCLUDED) of some
 * query level: what FOR UPDATE OF names and qualified column references
 * resolve to. */
typedef struct from_item {
    int level;         /* query level whose FROM clause holds it directly */
    const char *name;  /* alias, else relation name; NULL for unnamed items */
    long relref;       /* index into facts->relations, or -1 */
    int child_level;   /* for a subquery in FROM: its level, else -1 */
    row_names row;     /* columns, when it is no relation (relref -1); for a
                        * relation, the names its alias gives its first columns */
    bool join_alias;   /* the item of an aliased join (sg__source) */
    bool excluded;     /* INSERT's EXCLUDED */
    bool in_full_join; /* an operand (at any depth) of a FULL join */
    /* in an INSERT's or UPDATE's RETURNING list, or where ON CONFLICT DO
     * UPDATE sees EXCLUDED: it may read the row the statement writes */
    bool reads_written;
    bool in_join; /* an operand of a JOIN (sg__source) */
    /* an operand of an aliased join (or of one nested in it), which hides
     * it: in sight only of references made within the join (its ON, its
     * LATERAL operands: sg__walk_within_join), the join's items being
     * w->from_items [hidden_first, hidden_end); 0, 0 otherwise */
    size_t hidden_first, hidden_end;
    /* a join's alias (or USING alias): PostgreSQL names it only once the
     * join is read, so a reference sees it only when it sees every item up
     * to w->from_items index visible_from (not the join's own LATERAL
     * operands); 0: from the start */
    size_t visible_from;
    /* What makes its columns, for their growth (row.grown), worked out when
     * the walk is done and only where the statement calls a quadratic text
     * function: a select (a sub-select's, or the WITH query's it names) with
     * the column list renaming it and its query level, or a function
     * item's RangeFunction; `renamed`: a WITH query's columns renamed by the
     * reference's own alias list. */
    Node *grow_select;
    List *grow_aliases;
    int grow_level;
    const RangeFunction *grow_function;
    bool grow_renamed;
    size_t grow_first, grow_end; /* an aliased join's operands' items */
    unsigned char grow_state;    /* GROWTH_*: worked out yet? */
    /* expand.c: per output of what makes its columns, by name, how many
     * copies of the values below it the column stands for, and the most of
     * any (weight_most), worked out once (weight_state, GROWTH_*) */
    const char *const *weight_names;
    const struct sg__weighed *weights;
    size_t weight_count;
    const struct sg__weighed *weight_most;
    /* per output, a `*`'s level and qualifier, through which a name it
     * stands for is weighed; NULL when it has none */
    const int *weight_star_levels;
    const char *const *weight_star_items;
    unsigned char weight_state;
    /* notes.c: its select's outputs that are expressions, described as
     * time zone arguments (sg__source.zone_values) */
    const char *const *zone_names;
    sg__funcarg *zone_values;
    size_t zone_count;
} from_item;

enum { GROWTH_NONE = 0, GROWTH_WORKING, GROWTH_DONE };

/* Which FROM items of a level are in sight: those of w->from_items with an
 * index in [first, end). A non-LATERAL sub-select in FROM and a WITH query
 * see none of the level around them, a LATERAL one only the items before
 * it, a JOIN's ON clause only the join's own. */
typedef struct sight {
    size_t first, end;
} sight;

#define SG__SIGHT_ALL ((sight){0, (size_t)-1})

/* Whether a reference that sees `s` of its level was made within the aliased
 * join that hides `fi`: inside one of its operands (a LATERAL one, which
 * sees only items before the join's end), or in its own ON (which sees the
 * join's operands, up to its end). A LATERAL item right after the join, or
 * the ON of a join around it, also ends its sight there, but starts it
 * before the join. */
static inline bool sg__walk_within_join(sight s, const from_item *fi)
{
    return s.end < fi->hidden_end || (s.end == fi->hidden_end && s.first >= fi->hidden_first);
}

/* A query level: the level around it, and what it sees of that level. */
typedef struct level_info {
    int parent;
    sight parent_sight;
    bool plain, has_from, limit_one; /* sg__level's */
    int limit_param;                 /* sg__level's */
    const char **keys;               /* sg__level's */
    size_t key_count;
    long only_source;         /* sg__level's */
    const char **out_columns; /* sg__level's */
    const char **out_names;   /* sg__level's */
    size_t out_count;
    unsigned long long keys_input_first; /* sg__level's */
    bool keys_rownum;                    /* sg__level's */
    const SelectStmt *select;            /* the select the level is */
    /* the most column references and sub-selects one output (or function
     * in FROM, or all of VALUES) of the level holds, those of sub-selects
     * in it too (expand.c) */
    unsigned most_refs;
} level_info;

/* A parameter compared with a column, waiting for the column's reference
 * to be recorded (pending: its index in walk.pending, -1 until then). */
typedef struct pending_cmp {
    int param;
    int location;
    sg__param_cmp_kind kind;
    const ColumnRef *column;
    long pending;
} pending_cmp;

/* A WITH list in lexical scope. In a plain WITH, entry i sees entries before
 * it; in WITH RECURSIVE every entry sees all of them; the statement body sees
 * all of them. `visible` is advanced as the list is walked. */
typedef struct cte_scope {
    const struct cte_scope *parent;
    size_t first; /* index of the list's first entry in facts->ctes */
    size_t count;
    size_t visible;
} cte_scope;

typedef struct walk {
    sg__arena *arena;
    sg__facts *facts;
    unsigned depth;
    unsigned max_depth;
    struct cte_scope *scope;
    int cte_index; /* innermost enclosing CTE, or -1 */
    int next_level;
    int top_level;                     /* level of the statement's top-level SELECT, or -1 */
    int current_call;                  /* innermost FuncCall being walked, or -1 */
    const FuncCall *current_call_node; /* ... and its node, or NULL */
    /* What meets.c knows of the expression being walked, SG__FLOW_* bits:
     * POLY, it is an element of an array that meets other values, or an
     * argument of a function that unifies its polymorphic arguments
     * (SG_COLREF_POLY_PLACE); MEETS, its own value meets other values (false
     * in the arguments of other calls and under casts); UNIFIES and READS,
     * current_call_node unifies its direct arguments' types, or reads whole
     * rows unified with nothing. One word, restored after each noted node. */
    unsigned flow;
    /* (const Node *) array operands of `x op ANY/ALL (array)`, whose elements
     * are compared one by one as scalars */
    sg__vec elementwise;
    bool in_top_targetlist;
    int targetlist_level; /* the level whose plain SELECT's target list is walked, or -1 */
    int located;          /* location of the innermost node that has one */
    bool failed;          /* allocation failure: stop and report */
    sg__vec from_items;   /* from_item */
    int level;            /* the query level expressions are walked in, or -1 */
    sg__vec levels;       /* level_info, by level */
    sight sight;          /* of the current level's items, for its expressions */
    sight child_sight;    /* what the next level entered sees of the current one */
    sg__vec pending;      /* struct pending_field: field references resolved at the end */
    sg__vec cte_rows;     /* row_names, one per facts->ctes entry */
    sg__vec cte_queries;  /* CommonTableExpr *, one per facts->ctes entry */
    bool work_call;       /* the statement calls a quadratic text function
                           * (func.resource-bound's max_work) or one that
                           * sizes what it makes (repeat, lpad, rpad, format) */
    /* the type of a cast of a column named tableoid to regclass, met before
     * the type name itself (PostgreSQL's walker visits the operand first) */
    /* the type of a cast to regconfig or regdictionary being noted, and its
     * operand (sg__walk_record_ts_object) */
    const TypeName *ts_cast;
    Node *ts_operand;
    bool ts_isolated, ts_first_arg; /* ... and where its value goes */
    const Node *call_first_arg;     /* the first argument of the call noted last */
    const TypeName *tableoid_cast;
    const ColumnRef *tableoid_column;
    bool tableoid_isolated; /* ... and the cast is `isolated` */
    /* The expression whose value meets no other value in type resolution: a
     * whole output item of the statement's own SELECT (not a set operation's
     * branch), ORDER BY or GROUP BY item of it, or RETURNING item; or the
     * operand of a cast to a type that resolves no names. A value of a reg*
     * type anywhere else may be unified with a string or a parameter, which
     * PostgreSQL then reads as a name (CASE, COALESCE, IN, UNION, ...). */
    const Node *isolated;
    const TypeCast *param_cast; /* the last cast seen whose operand is a $n */
    /* the last cast seen of ranges parsed from a $n's text, cast to text on
     * the way (`$1::text::int4multirange`), and that $n */
    const TypeCast *text_cast;
    const ParamRef *text_cast_param;
    /* the $n a function in FROM reads, while its column definition list is
     * walked: a column of a type parsed from text (tsquery, a path or
     * polygon, ranges) is that $n's text parsed so (`jsonb_to_record($1)
     * AS r(q tsquery)`) */
    const ParamRef *coldef_param;
    const Node *root;       /* the statement */
    sg__vec tableoid_casts; /* struct tableoid_cast: resolved at the end */
    sg__vec merges;         /* sg__merge: joins with USING or NATURAL */
    /* Expressions (const Node *) an XML function reads as xml in their own
     * place, where an xml value meets no other value (walker.c's xml_place) */
    sg__vec xml_places;
    /* The index in facts->unordered_limits of the limit the select walked
     * last recorded for its own level, or -1 (walk_select sets it). */
    long own_limit;
    /* Limits of sub-selects in FROM whose rows no reference outside them
     * may read (struct counted_limit in walker.c) */
    sg__vec counted_limits;
    /* unqualified names are not recorded (an ON CONFLICT arbiter's
     * expressions, which read no row) */
    unsigned column_refs;        /* column references and sub-selects walked so far */
    unsigned long long pad_most; /* the largest sg__typeref.pad recorded so far */
    /* expand.c: FROM items being weighed, one within another; whether a
     * descent stopped at the depth bound; the items queued there */
    unsigned weigh_depth;
    bool weigh_deferred;
    sg__vec weigh_queue; /* size_t, indexes into from_items */
    bool names_off;
    bool names_unplaced; /* names are recorded SG_COLREF_UNPLACED (MERGE's WHEN) */
    /* outer joins whose nullable side is being walked: a pin in an ON there
     * holds only for the rows the outer join does not add */
    unsigned nullable_side;
    unsigned full_join; /* ... of which FULL joins, whose both sides add rows */
    /* pins are being recorded for this sub-select level (facts->level_pins;
     * a link is a pin to an outer column), whose one FROM item is named
     * pin_item; -1: for the top-level SELECT (facts->top) */
    int pin_level;
    const char *pin_item;
    bool sees_excluded; /* in ON CONFLICT DO UPDATE */
    bool in_returning;  /* in an INSERT's or UPDATE's RETURNING list */
    /* the statement whose written values are recorded (sg__walk_record_written) */
    const Node *written_stmt;
    /* the bare name of an ORDER BY / GROUP BY / DISTINCT ON item being
     * walked, which may name one of `outputs` */
    const ColumnRef *output_ref;
    Node *output_select;     /* the select whose output names it may mean */
    bool output_input_first; /* ... a GROUP BY item: input columns first */
    /* in a grouping set (ROLLUP, CUBE, GROUPING SETS) of this select: every
     * bare name may be an output's, input columns first */
    Node *grouping_select;
    sg__vec cmps;                    /* pending_cmp */
    sg__vec zones;                   /* pending_zone: time zone arguments, judged at the end */
    const ColumnRef *noting;         /* the column reference being noted */
    const SelectStmt *exists_select; /* the sub-select of the EXISTS being walked into */
    bool targets_unread;             /* walking the target list of that sub-select */
    /* walking a WHERE, HAVING or JOIN ... ON clause of the current query
     * level (a comparison there filters rows); a level entered starts
     * without */
    bool in_predicate;
    /* the recursive term of the WITH RECURSIVE query being walked (the
     * right operand of its UNION), and whether the walk is inside it */
    const Node *recursive_term;
    bool in_recursive_term;
} walk;

/* Marks the walk failed (memory ran out): it stops, and the facts say so. */
static inline void fail(walk *w)
{
    w->failed = true;
    w->facts->incomplete = true;
}

/* The CTE named `name` in lexical scope: its index in facts->ctes, or -1. */
static inline long sg__walk_find_cte(const walk *w, const char *name)
{
    for (const cte_scope *s = w->scope; s; s = s->parent) {
        for (size_t i = 0; i < s->visible; i++) {
            const sg__cte *c = &SG__VEC_AT(w->facts->ctes, sg__cte, s->first + i);
            if (strcmp(c->name, name) == 0)
                return (long)(s->first + i);
        }
    }
    return -1;
}

/* `n` without the casts around it (`$1::text::varchar` is $1). */
static inline const Node *sg__walk_uncast(const Node *n)
{
    while (n && IsA(n, TypeCast))
        n = ((const TypeCast *)n)->arg;
    return n;
}

static inline const char *copy(walk *w, const char *s)
{
    if (!s)
        return NULL;
    const char *c = sg__arena_strdup(w->arena, s);
    if (!c)
        fail(w);
    return c;
}

/* ---- from.c ---- */

/* A relation reference, as a fact, unless an unqualified name binds to a CTE
 * in scope (`may_be_cte`): the relref index, or -1 for a CTE reference. */
long sg__walk_record_relation(walk *w, RangeVar *rv, unsigned use, bool may_be_cte);
/* A FROM item of query level `level` (w->from_items). */
void sg__walk_add_from_item(walk *w, int level, const char *name, long relref, int child_level,
                            row_names row);
/* The columns an alias's column list names, else unknown. */
row_names sg__walk_alias_names(walk *w, Alias *alias);
/* Enters a new query level inside the current one; returns it. */
int sg__walk_enter_level(walk *w);
/* Whether sub-select `s` (level `level`, plain) has one relation, named as
 * itself, for its FROM: the one FROM item recorded since `before`; then it
 * is the level's only_source. */
bool sg__walk_only_relation(walk *w, const SelectStmt *s, int level, size_t before);
/* An item of the top-level SELECT's FROM clause, as a fact; items of other
 * levels are not recorded. */
void sg__walk_add_top_from(walk *w, int level, long relation, const char *name, Alias *alias,
                           int child_level);
/* Describes the top-level FROM item just added for function `rf` (at
 * `level`, with the columns `row`): the function it calls
 * (sg__from_item.function), and whether it numbers its rows, WITH
 * ORDINALITY over arguments that read no row (sg__from_item.ordinality). */
void sg__walk_top_from_function(walk *w, int level, const RangeFunction *rf, const row_names *row);
/* FOR UPDATE/SHARE of one query level: the relations it locks. */
void sg__walk_apply_locking(walk *w, List *locking, int level);
/* A join with USING or NATURAL (sg__merge), over w->from_items from `first`
 * on, its right operand's from `mid`. */
void sg__walk_add_merge(walk *w, int level, size_t first, size_t mid, int location, List *names);
/* The target of a write at `level`: its relation reference and a FROM item
 * of its own (and EXCLUDED's, `excluded`); returns whether the walk failed. */
bool sg__walk_target(RangeVar *rel, walk *w, int level, bool excluded, unsigned changes);

/* Whether a qualified name (of an operator, type, function, collation)
 * lies outside pg_catalog. */
static inline bool sg__names_outside_pg_catalog(List *names)
{
    if (list_length(names) < 2)
        return false;
    Node *schema = list_nth(names, list_length(names) - 2);
    return !IsA(schema, String) || strcmp(strVal(schema), "pg_catalog") != 0 ||
           list_length(names) > 2;
}

/* A time zone argument whose rows are counted once the FROM items of
 * every level are known (sg__walk_finish_zones). */
typedef struct pending_zone {
    sg__funcarg *arg;
    const Node *expr;
    int level;
} pending_zone;

/* The last name of call `f` when it can only be pg_catalog's function
 * (unqualified or pg_catalog.f), else NULL. */
static inline const char *sg__walk_call_name(const FuncCall *f)
{
    const Node *last = f->funcname ? llast(f->funcname) : NULL;
    return last && IsA(last, String) && list_length(f->funcname) <= 2 &&
                   !sg__names_outside_pg_catalog(f->funcname)
               ? strVal(last)
               : NULL;
}

/* Whether a type named `name` (its last name; `array`: an array of it)
 * may hold ranges PostgreSQL parses one by one: a multirange, or an array of
 * ranges (the rules tell which of pg_catalog's exactly). */
static inline bool sg__walk_ranges_type(const char *name, bool array)
{
    size_t n = strlen(name);
    return strstr(name, "multirange") || (array && n >= 5 && strcmp(name + n - 5, "range") == 0);
}

/* Whether `name` (may be NULL) is one of the n `names`; the first bytes are
 * compared inline, where most names part, before a call. */
static inline bool sg__walk_name_in(const char *name, const char *const *names, size_t n)
{
    for (size_t i = 0; name && i < n; i++)
        if (name[0] == names[i][0] && strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* ---- notes.c ---- */

/* Splits a qualified name (a List of String) into catalog/schema/name. */
void sg__walk_split_name(walk *w, List *names, const char **catalog, const char **schema,
                         const char **name);
/* The type of a cast on a constant or a parameter, as sg__funcarg.cast
 * describes it: the type's own name, or "" for one the walker does not
 * describe (a schema other than pg_catalog, an array, and unless
 * `modifier_ok` a type modifier). */
const char *sg__walk_cast_type(walk *w, const TypeName *t, bool modifier_ok);
/* Whether operator `name` is pg_catalog's (unqualified or qualified so) and
 * one of the `n` names `ops`. */
bool sg__walk_operator_is(List *name, const char *const *ops, size_t n);
/* A type name, as a fact. */
void sg__walk_record_type(walk *w, const TypeName *t);
/* A column compared with a literal where a parameter belongs, as a fact. */
void sg__walk_record_literal_cmp(walk *w, A_Expr *e);
/* A parameter compared with a column (sg__param_cmp). */
void sg__walk_record_param_cmp(walk *w, A_Expr *e);
/* A parameter an @@ or @@@ reads as a text search query (facts->query_params). */
void sg__walk_record_query_param(walk *w, const A_Expr *e);
/* The constant arguments of the call just recorded. */
void sg__walk_record_args(walk *w, FuncCall *f);
/* The two operands of the operator just recorded as a call (a LIKE), as
 * arguments whose lengths bound its work; with `right_unbounded`, the right
 * one is one the walk cannot describe, and counts as long. */
void sg__walk_record_operands(walk *w, Node *left, Node *right, bool right_unbounded);
/* The operands of the operator just recorded as a call (`@?` as
 * jsonb_path_exists), as its two arguments. */
void sg__walk_record_operator_args(walk *w, Node *left, Node *right);
/* The one argument, `arg`, of the call just recorded, described as a
 * text-bounded call's (a cast judged as the call that parses its text). */
void sg__walk_record_operand(walk *w, Node *arg);
/* Counts the rows each time zone argument combines, now that the FROM items
 * of every level are known: more than one and it is no longer values only. */
void sg__walk_finish_zones(walk *w);
/* Describes value `n` that a statement writes into `a`, as a call's
 * argument is: its kind, its text bound, and its values as a time zone's. */
void sg__walk_describe_value(walk *w, Node *n, sg__funcarg *a);
/* A column reference of plain names (`col`, `t.col` or `s.t.col`), else
 * NULL. */
ColumnRef *sg__walk_plain_column(Node *n);
/* Whether a target list or VALUES item is `(expr).*`: the fields of a
 * composite value, under names the text does not tell. */
static inline bool sg__walk_expands_fields(const Node *n)
{
    return n && IsA(n, A_Indirection) && ((const A_Indirection *)n)->indirection &&
           IsA(llast(((const A_Indirection *)n)->indirection), A_Star);
}

/* Whether it stands for a number of columns the text does not tell: `*`
 * and `t.*` (input columns), and `(expr).*`. */
static inline bool sg__walk_expands(const Node *n)
{
    if (n && IsA(n, ColumnRef))
        return ((const ColumnRef *)n)->fields && IsA(llast(((const ColumnRef *)n)->fields), A_Star);
    return sg__walk_expands_fields(n);
}
/* The top-level select's ORDER BY and what makes its rows distinct, as
 * facts (ordering.c). */
void sg__walk_record_order_by(walk *w, SelectStmt *s);
/* What makes each row of a select below the top level distinct on its own,
 * as names of its outputs (ordering.c): its GROUP BY's, DISTINCT ON's or
 * plain DISTINCT's columns, when each is an output (level_info.keys). */
void sg__walk_record_level_keys(walk *w, SelectStmt *s, int level);
/* The keys of a sub-select or WITH query (`query`, query level `level`) as
 * an alias column list renames its outputs (`AS s(a, b)`, `WITH t(a, b)`);
 * none when a key's output cannot be told (ordering.c). */
void sg__walk_rename_level_keys(walk *w, int level, const Node *query, const List *aliases);
/* The qualifier of a plain column reference (`t` of `t.col` and of `s.t.col`:
 * PostgreSQL finds the FROM item by t), or NULL; the walk's own copy. */
const char *sg__walk_qualifier(walk *w, const ColumnRef *c);
/* After the top level's FROM clause: the schema.table qualifiers its ONs
 * wrote name their items, or none (see sg__walk_qualifier). */
void sg__walk_settle_qualifiers(walk *w);
/* ---- pins.c ---- */

/* Where a conjunct's pins and links may pin: `outer` false for the WHERE
 * and an inner join's ON (either side); true for an outer join's ON, which
 * pins only columns qualified with the name of an item of w->from_items in
 * [first, end), its nullable side. */
typedef struct pin_scope {
    bool outer;
    size_t first, end;
} pin_scope;
void sg__walk_record_pins(walk *w, Node *n, unsigned depth, const pin_scope *scope);
/* Whether a WHERE clause surely lets no row pass, by its text: FALSE, or a
 * conjunct that is (`1 = 0`, `0 <> 0`, `x IN (NULL)`, `x = ANY('{}')`, `x IN
 * (SELECT ... WHERE 1 != 1)`, as ORMs write an empty list). */
bool sg__walk_surely_false(const Node *where, unsigned depth);
/* The pins of the WHERE `where` of sub-select level `level`, whose FROM is
 * one relation named `item`, into facts->level_pins. */
void sg__walk_record_level_pins(walk *w, Node *where, int level, const char *item);
/* `JOIN ... USING (c, ...)` of a top-level join whose operands are one
 * named FROM item each (w->from_items [first, mid) and [mid, end)): a link
 * of the two items' c for each name, as `l.c = r.c` in its ON would be;
 * `left_nullable` / `right_nullable` say which side an outer join
 * NULL-extends (only that side is pinned through the other). */
void sg__walk_record_using_links(walk *w, List *names, size_t first, size_t mid, size_t end,
                                 bool left_nullable, bool right_nullable);

/* ---- writes.c ---- */

/* The arbiter of an INSERT's ON CONFLICT (`oc`, may be NULL) into relation
 * `target`, and the columns the INSERT `s` gives values to, as facts. */
void sg__walk_record_conflict(walk *w, OnConflictClause *oc, long target);
void sg__walk_record_insert(walk *w, InsertStmt *s, long target);
/* The columns an INSERT's list or a SET list writes (sg__column_write). */
void sg__walk_record_insert_writes(walk *w, InsertStmt *s, long target);
void sg__walk_record_set(walk *w, List *targets, long target, bool on_conflict);
void sg__walk_record_merge_writes(walk *w, MergeStmt *s, long target);
/* The values INSERT or UPDATE `stmt` writes into relation `target`
 * (sg__written_value), for a RETURNING list that reads them. */
void sg__walk_record_written(walk *w, Node *stmt, long target);
/* An UPDATE or DELETE without WHERE, of every row of `rel` (the last
 * relation recorded), as a fact. */
void sg__walk_record_unfiltered(walk *w, const RangeVar *rel, bool is_delete);

/* ---- textbound.c ---- */

/* Whether call `f` is one whose work grows faster than its text and that
 * PostgreSQL cannot interrupt: its arguments' text bounds are described. */
bool sg__walk_work_bounded_call(const FuncCall *f);
/* Describes the bound of argument `n`'s text into `a` (text_bounded,
 * text_chars, text_params, text_grows); fails the walk when memory ran out. */
void sg__walk_describe_text_bound(walk *w, const Node *n, sg__funcarg *a);
/* `n` without the collations and the casts around it that keep its text's
 * length (to text, varchar, bpchar, citext, json, and arrays of them); a
 * cast that pads, prints numbers' exponents as digits or escapes stays. */
const Node *sg__walk_uncast_keeping(const Node *n);
/* The column references of expression `n` that a cast prints anew at a
 * length of its own (`x.s::bytea::text`, `c::char(100000)`): how many, the
 * first `max` into out[]. A stored column so printed is stored data; a
 * column the statement made may double at each level. */
size_t sg__walk_recast_columns(const Node *n, const ColumnRef **out, size_t max);
/* Whether the text of expression `n` may be long by the statement's own
 * doing: a parameter, a long constant, a call that makes text or
 * gathers rows, or a node it does not know. Columns are stored data. */
bool sg__walk_text_may_grow(const Node *n);
/* The column references whose text makes up that of expression `n`, as
 * the bound of its text counts them (a reference counted twice twice): how
 * many, the first `max` into out[]; 0 when its text has no such bound. */
size_t sg__walk_text_columns(const Node *n, const ColumnRef **out, size_t max);
/* The $n whose value makes up the text of expression `n`, once, beside at
 * most 64 characters of constants and no column (`%(q)s`, `lower(%(q)s)`,
 * `'%' || %(q)s || '%'`); 0 for any other. */
int sg__walk_text_param(const Node *n);
/* The $n whose value expression `n` is made of beside column references
 * (their `count` in out[], at most `max`) and a few constant characters
 * (`code || $1 || name`): a derived column of it is that value's length when
 * the columns are stored data; 0 for any other expression. */
int sg__walk_text_param_among_columns(const Node *n, const ColumnRef **out, size_t max,
                                      size_t *count);

/* ---- names.c ---- */

/* The columns of a function in FROM without a column list whose columns
 * pg_catalog fixes (generate_series, unnest of one array, jsonb_each, ...),
 * renamed by the alias's list and with WITH ORDINALITY's; unknown for any
 * other. */
row_names sg__walk_function_row(walk *w, const RangeFunction *rf);
/* Works out which columns of FROM item i may be long text, once (its
 * row's grown, grows_all, stored): for the quadratic text calls. */
void sg__walk_item_growth(walk *w, size_t i);

/* ---- reach.c ---- */

/* The name PostgreSQL's FigureColname gives expression `n` (an output column,
 * an index column), when the walker is sure of it; NULL otherwise. */
const char *sg__walk_figure_colname(Node *n);

/* A column reference's parts as the levels' items are searched for it:
 * `t.c` (item t, name c), `c`, `*` and `t.*` (name NULL). False for `s.t.c`,
 * a relation's column, and any other shape. */
typedef struct sg__ref_parts {
    const char *item, *name;
} sg__ref_parts;
bool sg__walk_split_ref(const ColumnRef *c, sg__ref_parts *p);
/* Whether `level` has a FROM item named `item` in sight. */
bool sg__walk_has_item(const walk *w, int level, sight in_sight, const char *item);
/* What a search of one level's items in sight finds for a reference: 0 for
 * nothing, so that the search goes on to the levels around. */
typedef int (*sg__level_look)(walk *w, int level, sight in_sight, const sg__ref_parts *p,
                              void *ctx);
/* Looks for reference `p`, made at `level`, as parse analysis does, level
 * by level outwards while the name is not found there; returns what `look`
 * (given `ctx`) first finds, or 0. */
int sg__walk_reach_levels(walk *w, int level, const sg__ref_parts *p, sg__level_look look,
                          void *ctx);

/* The output column names of a SELECT (VALUES, set operation), renamed by
 * `aliases` (a List of String, may be NIL) as an alias's column list does. */
row_names sg__walk_select_names(walk *w, Node *select, List *aliases);

/* The names of a column list: an alias's (String) or a column definition
 * list's (ColumnDef); unknown when empty. */
row_names sg__walk_list_names(walk *w, List *list);
/* Whether an output column of `select` is named `name` (*known: whether
 * every output but the `*`s has a name the walker can tell). */
bool sg__walk_output_match(Node *select, const char *name, bool *known);

/* ---- expand.c ---- */

/* The outputs of the statement's query levels that stand for two or more
 * copies of the values below them, as facts (facts->expansions). */
void sg__walk_expansions(walk *w);
/* Whether expression `n`, at `level`, stands for few copies of short pieces
 * only: at most 256 copies (a CASE's conditions count), constants of at
 * most 8,192 characters with their nodes, each copy counted, no parameter
 * and no call that sizes what it makes; false when it cannot be told within
 * the depth the weighing follows at once. */
bool sg__walk_output_short(walk *w, int level, Node *n);
/* Whether `n` makes text that may be twice its operands' (escaping,
 * quoting, hex, XML, a cast of a row or an array); `*row` is set instead to
 * the bare name a cast reads, which doubles when it names a FROM item. */
bool sg__walk_doubles(const Node *n, const char **row);

/* ---- recursion.c ---- */

/* Whether a recursive WITH query's step makes a column of two or more
 * copies of columns that grow at every step; records the first such as
 * facts (doubling_cte, doubling_column, doubling_location). */
void sg__walk_recursions(walk *w);

/* ---- refs.c ---- */

/* A qualified column reference or a field selection, resolved at the end. */
void sg__walk_note_columnref(walk *w, ColumnRef *c);
void sg__walk_note_indirection(walk *w, A_Indirection *ind);
/* A cast `x::regclass` to note if x is a column named tableoid; and the
 * cast's funcref (facts->funcs[func]) once its type name recorded it. */
void sg__walk_note_cast(walk *w, TypeCast *tc);
/* An expression in a place of its own, where its value meets no other in
 * type resolution: an argument of XMLCONCAT, XMLROOT, XMLSERIALIZE or
 * xmlagg, a content of XMLELEMENT or XMLFOREST, the operand of IS [NOT]
 * NULL, the output of a scalar sub-select that stands in such a place.
 * Recorded before the expression is visited (notes.c); an xml value, a
 * parameter and a cast there count as isolated. */
void sg__walk_xml_place(walk *w, const Node *n);
/* meets.c: where a value meets others. A call's, an array's and a scalar
 * place's effect on the flow (note() calls them, visit()
 * restores both), and whether the column reference `ref` being noted stands
 * in a place of SG_COLREF_POLY_PLACE or SG_COLREF_ROW_CONSUMED. */
void sg__walk_meets_call(walk *w, const FuncCall *f, const Node *node);
void sg__walk_meets_array(walk *w, const Node *node);
void sg__walk_meets_scalar(walk *w, bool meets);
/* COALESCE, CASE, GREATEST and LEAST: their values meet one another */
void sg__walk_meets_unified(walk *w);
/* `x op ANY/ALL (array)`: the array's elements are compared one by one */
void sg__walk_meets_elementwise(walk *w, const Node *array);
enum { SG__FLOW_POLY = 1, SG__FLOW_MEETS = 2, SG__FLOW_UNIFIES = 4, SG__FLOW_READS = 8 };

/* Sets or clears flow bit `bit`. */
static inline void sg__walk_flow(walk *w, unsigned bit, bool on)
{
    w->flow = on ? w->flow | bit : w->flow & ~bit;
}
/* a value that passes through with its type (a scalar sub-select's output),
 * and a subscript: a slice passes, an element or a field meets nothing */
void sg__walk_meets_passing(walk *w, const Node *node);
void sg__walk_meets_subscript(walk *w, const A_Indirection *ind);
bool sg__walk_meets_ref(const walk *w, const Node *ref);
bool sg__walk_poly_ref(const walk *w, const Node *ref);
bool sg__walk_row_consumed(const walk *w, const Node *ref);
bool sg__walk_in_xml_place(const walk *w, const Node *n);
void sg__walk_note_tableoid_cast(walk *w, const TypeName *t, size_t func);
/* Whether a type name is regconfig or regdictionary (unqualified or
 * pg_catalog's, arrays too): text search objects named by strings. */
bool sg__walk_ts_object_type(const TypeName *t);
/* The type name `t` of regconfig or regdictionary as a fact
 * (SG_FUNC_TS_OBJECT), with the operand when `t` is the type of the cast
 * being noted. */
void sg__walk_record_ts_object(walk *w, const TypeName *t);
/* Resolves every noted reference against the FROM items of its level and
 * the levels around it, into facts->fields. */
void sg__walk_resolve_fields(walk *w);

/* ---- nodes.c ---- */

/* Something the walker does not understand, as a fact that denies. */
void sg__walk_unsupported(walk *w, const char *what, int location);

/* The location a node carries itself, or -1; never recurses. */
int sg__node_location(const Node *n);

#endif
