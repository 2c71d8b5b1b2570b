/*
 * migrate.h - applying a migration file's DDL to a table model, as a database
 * would: CREATE TABLE, ALTER TABLE and DROP TABLE change the tables of a
 * sg__schema; every other statement is reported as not applied (or, for
 * statements that cannot change a table's columns or keys, such as CREATE
 * INDEX without UNIQUE, COMMENT, GRANT, CREATE FUNCTION, INSERT, as applied
 * with nothing to do).
 */
#ifndef SG_PG_MIGRATE_H
#define SG_PG_MIGRATE_H

#include "schema/schema.h"

/* A statement of the file that was not (fully) applied: `location` is the
 * byte offset in the file's text where it starts, `message` says what was
 * not applied and why (the caller copies it). */
typedef int (*sg__migrate_note_fn)(void *ctx, int location, const char *message);

/*
 * Applies the statements of `sql` (one migration file's text) in order to
 * `s`. Unqualified table names are in `default_schema`. Returns 0 (notes went
 * to `note`), -1 when memory ran out or `note` returned -1. A file that does
 * not parse is one note at the syntax error, and nothing of it is applied.
 */
int sg__migrate_apply(sg__schema *s, const char *sql, const char *default_schema,
                      sg__migrate_note_fn note, void *ctx);

#endif
