/*
 * scope.h - the declared scope resolved against the catalog, and the binding
 * of each relation the statement names to a scoped table.
 */
#ifndef SG_RESOLVE_SCOPE_H
#define SG_RESOLVE_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag/diag.h"
#include "decode/catalog.h"
#include "decode/operation.h"
#include "facts/facts.h"

typedef struct sg__scoped_table {
    const sg__meta_table *table;
    const sg__scope_entry *entry;
    sg_access declared;
    sg_access required; /* filled by the scope rules from facts */
} sg__scoped_table;

typedef enum {
    SG_SCOPE_DECLARED = 0, /* the operation's scope */
    SG_SCOPE_CATALOG,      /* lint with a catalog: every table of the data source */
    SG_SCOPE_NONE          /* lint without a catalog: nothing to resolve against */
} sg__scope_mode;

typedef struct sg__scope {
    sg__scope_mode mode;
    const sg__data_source *source; /* NULL when the data source is unknown */
    sg__scoped_table *tables;      /* the valid entries only */
    size_t count;
    /* lint: the schemas an unqualified name is looked up in, in order (a
     * `SET search_path`; set but empty, an unqualified name names no table);
     * NULL: the source's default schema */
    const char *const *path;
    size_t path_count;
} sg__scope;

/* Reads a search path as `SET search_path` writes it ("app, public",
 * "\"My Schema\"": unquoted names fold to lower case, `$user` and pg_temp are
 * passed over) into scope->path. Returns 0, or -1 when memory ran out. */
int sg__scope_set_search_path(sg__arena *arena, sg__scope *scope, const char *text);

/* The binding of one relation reference (facts->relations[i]) to the scope. */
typedef struct sg__relation_binding {
    const char *schema; /* resolved schema, NULL when unresolvable */
    long scoped;        /* index into scope->tables, or -1 */
} sg__relation_binding;

/* Resolves the scope; problems become scope.invalid diagnostics. */
int sg__resolve_scope(sg__arena *arena, const sg_catalog *catalog, const sg__operation *op,
                      sg__scope *scope, sg__diags *d);

/* Binds each of facts->relations to a scoped table
 * and records the access each scoped table requires: write for a table
 * written or row-locked, and for a scoped table that a foreign key's action
 * writes (sg__fk_action_fires). */
int sg__bind_relations(sg__arena *arena, const sg__facts *facts, sg__scope *scope,
                       const sg__relation_binding **out);

/* The action of foreign key `a` that the statement sets off on relation
 * `relation` (facts->relations index) of table `t`, which `a` references:
 * "CASCADE", "SET NULL" or "SET DEFAULT" when it deletes from t and the key
 * has ON DELETE such an action (*on_delete set true), or when a SET list
 * (an UPDATE's, ON CONFLICT DO UPDATE's, a MERGE UPDATE's; not the columns
 * an INSERT fills) sets a column the key references (t's primary key when
 * the catalog names none) and the key has ON UPDATE such an action; NULL
 * when it sets off none, which writes the referencing table. */
const char *sg__fk_action_fires(const sg__facts *facts, long relation, const sg__meta_table *t,
                                const sg__fk_action *a, bool *on_delete);

/* Called for each foreign key action a write sets off: `a` and its
 * `action` ("CASCADE", "SET NULL", "SET DEFAULT"), ON DELETE or not, and
 * `via`, the action whose write set it off (NULL for the statement's own).
 * A non-zero return stops the walk and is returned. */
typedef int (*sg__fk_visit)(const sg__fk_action *a, bool on_delete, const char *action,
                            const sg__fk_action *via, void *ctx);
enum { SG_FK_ACTIONS_MAX = 256 };
/* Visits every foreign key action a write of relation `relation`
 * (facts->relations index) of table `t` sets off: those sg__fk_action_fires
 * finds, and in turn those the writes of each set off (a CASCADE delete
 * deletes the referencing rows, setting off their referrers' ON DELETE
 * actions; a CASCADE update, SET NULL or SET DEFAULT sets the referencing
 * columns, setting off the ON UPDATE actions of keys that reference them),
 * each once. 0 when all were visited, 1 when there were more than
 * SG_FK_ACTIONS_MAX, else what `visit` returned. */
int sg__fk_actions_each(const sg__facts *facts, long relation, const sg__meta_table *t,
                        sg__fk_visit visit, void *ctx);

#endif
