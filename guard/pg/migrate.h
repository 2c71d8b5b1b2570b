/*
 * migrate.h - applying a migration file's DDL to a table model, as a database
 * would: CREATE TABLE, ALTER TABLE, CREATE/DROP INDEX, DROP TABLE, the
 * renames and SET SCHEMA change the tables of a sg__schema; statements that
 * cannot change a table's columns or keys (CREATE INDEX without UNIQUE,
 * COMMENT, GRANT, CREATE FUNCTION, INSERT, ...) apply as nothing, and every
 * other statement is reported as not applied.
 *
 * Unnamed constraints and indexes get the names PostgreSQL 15 gives them.
 * A column's default is kept as the file writes it (serial columns: the
 * nextval() default the server makes; identity columns: the words of their
 * GENERATED clause; generated columns: their expression).
 */
#ifndef SG_PG_MIGRATE_H
#define SG_PG_MIGRATE_H

#include "schema/schema.h"

/* A statement of the file that was not (fully) applied: `location` is the
 * byte offset in the file's text where it, or the part of it at fault,
 * starts; `message` says what was not applied and why (the caller copies
 * it). Returning -1 stops the application. A statement the server would
 * refuse (a table that exists already, a column that does not, a key a
 * foreign key needs, ...) is one note and changes nothing. With `applied`,
 * the statement applied whole and the note only says what the model could
 * not check (a foreign key to a table the migrations do not create). */
typedef int (*sg__migrate_note_fn)(void *ctx, int location, const char *message, bool applied);

/*
 * Applies the statements of `sql` (one migration file's NUL-terminated text)
 * in order to `s`; files of a history are applied one after another to the
 * same model. Unqualified table names are in `default_schema`. Returns 0
 * (notes went to `note`), -1 when memory ran out or `note` returned -1 (the
 * statements before the one being applied stay applied). A file that does
 * not parse is one note at the syntax error, and nothing of it is applied.
 * Everything added to `s` lives in its arena.
 */
int sg__migrate_apply(sg__schema *s, const char *sql, const char *default_schema,
                      sg__migrate_note_fn note, void *ctx);

/* After the last migration: a column without a default of its own whose
 * type is a domain takes the domain's default as the history leaves it (or
 * its base domain's), as PostgreSQL fills it at each INSERT. */
void sg__migrate_finish(sg__schema *s);

#endif
