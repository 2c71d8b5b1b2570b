/*
 * pin.h - the compiled SQL with every name the guard resolved written out.
 *
 * The guard resolves an unqualified relation (and an unqualified type that is
 * not one of pg_catalog's) in the data source's default schema. An executor
 * runs the statement under search_path = pg_catalog, pg_temp, so that
 * functions, operators and types can resolve only in pg_catalog; for the
 * statement to mean what the guard proved there, those names must carry their
 * schema in the text. Pinning inserts it before each such name, by the
 * name's token location; nothing is deparsed, and diagnostics keep pointing
 * into the caller's SQL through the unpinned compiled text.
 */
#ifndef SG_RESOLVE_PIN_H
#define SG_RESOLVE_PIN_H

#include "facts/facts.h"
#include "resolve/scope.h"
#include "util/arena.h"

/* The search_path every pinned statement runs under, as SQL after SET. */
#define SG__PINNED_SEARCH_PATH "pg_catalog, pg_temp"

/* Writes `sql` (the compiled SQL the facts were walked from) with the schema
 * of every relation reference of `facts` that `bindings` resolved and the
 * text leaves unqualified, and of every unqualified type name outside
 * pg_catalog, inserted before the name. CTE references are not relations
 * and stay as written. *out is `sql` itself when nothing needed a schema.
 * Returns 0, or -1 when memory ran out. */
int sg__pin_sql(sg__arena *arena, const char *sql, const sg__facts *facts,
                const sg__relation_binding *bindings, const sg__scope *scope, const char **out);

#endif
