/*
 * walk.h - the state of one walk over a raw parse tree, shared by the files
 * of the walker: walker.c (statements, FROM items, CTE scopes, the dispatch),
 * notes.c (what the walker notes about expressions: types, literal
 * comparisons, call arguments, the top-level WHERE's pins) and nodes.c (the
 * class of every node type, and where a node says it is). Seen only on the
 * PostgreSQL side.
 */
#ifndef SG_PG_WALK_H
#define SG_PG_WALK_H

#include <stdbool.h>

#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include "pg/parse.h"

typedef struct walk {
    sg__arena *arena;
    sg__facts *facts;
    unsigned depth;
    unsigned max_depth;
    struct cte_scope *scope;
    int cte_index; /* innermost enclosing CTE, or -1 */
    int next_level;
    int top_level;    /* level of the statement's top-level SELECT, or -1 */
    int current_call; /* innermost FuncCall being walked, or -1 */
    bool in_top_targetlist;
    int located;        /* location of the innermost node that has one */
    bool failed;        /* allocation failure: stop and report */
    sg__vec from_items; /* from_item */
} walk;

/* Marks the walk failed (memory ran out): it stops, and the facts say so. */
static inline void fail(walk *w)
{
    w->failed = true;
    w->facts->incomplete = true;
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

/* ---- notes.c ---- */

/* Splits a qualified name (a List of String) into catalog/schema/name. */
void sg__walk_split_name(walk *w, List *names, const char **catalog, const char **schema,
                         const char **name);
/* Whether a type's input function resolves object names from strings (reg*). */
bool sg__type_resolves_names(const char *name);
/* Whether a qualified operator or type name lies outside pg_catalog. */
bool sg__names_outside_pg_catalog(List *names);
/* A type name, as a fact. */
void sg__walk_record_type(walk *w, const TypeName *t);
/* A column compared with a literal where a parameter belongs, as a fact. */
void sg__walk_record_literal_cmp(walk *w, A_Expr *e);
/* The constant arguments of the call just recorded. */
void sg__walk_record_args(walk *w, FuncCall *f);
/* The pins among the AND-ed conjuncts of the top-level WHERE `n`. */
void sg__walk_record_pins(walk *w, Node *n, unsigned depth);

/* ---- nodes.c ---- */

/* Something the walker does not understand, as a fact that denies. */
void sg__walk_unsupported(walk *w, const char *what, int location);

/* The location a node carries itself, or -1; never recurses. */
int sg__node_location(const Node *n);

#endif
