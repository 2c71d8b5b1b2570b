/*
 * sqlguard/catalog_tools.h - catalogs taken from reality: the tables of a
 * live PostgreSQL, of migration files or of a catalog, as one model
 * (sg_schema); a catalog written from it; the drift between two; and each
 * table's contract hash.
 *
 * An sg_schema is a set of tables with their columns (name, type as
 * PostgreSQL's format_type() prints it, nullability, default), primary key,
 * unique keys and foreign keys. It is immutable once made, and its contract
 * hashes are computed when it is made: "sha256:<64 hex digits>" over the
 * canonical form the README documents ("Catalogs taken from reality"), equal
 * for two spellings of one type ("varchar(64)", "character varying(64)").
 *
 * Conventions are those of sqlguard.h: anything returned through `**out`
 * belongs to the caller and has its sg_*_free() (which accepts NULL);
 * getters return pointers borrowed from their handle; a call that could not
 * do its job returns a negative SG_E* code and fills the sg_error when one is
 * given. Option structs carry a version and are initialised with their
 * _INIT macro; fields are only ever appended.
 */
#ifndef SQLGUARD_CATALOG_TOOLS_H
#define SQLGUARD_CATALOG_TOOLS_H

#include "sqlguard.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sg_schema sg_schema;

/* ---- the tables of a live PostgreSQL ---- */

typedef struct sg_pull_options {
    unsigned version;
    const char *schema;        /* NULL: "public" */
    const char *prefix;        /* only tables whose name starts with it; NULL: every table */
    const char *const *tables; /* NULL-terminated: exactly these tables, each of which must
                                * exist (prefix is then ignored); NULL: by prefix */
} sg_pull_options;

#define SG_PULL_OPTIONS_VERSION 1
#define SG_PULL_OPTIONS_INIT                                                                       \
    {                                                                                              \
        SG_PULL_OPTIONS_VERSION, NULL, NULL, NULL                                                  \
    }

/*
 * Reads the ordinary and partitioned tables of a schema (partitions only
 * when named) through libpq, in one REPEATABLE READ READ ONLY transaction
 * with parameterised queries, in name order. `dsn` is a libpq connection
 * string (NULL or "": libpq's defaults). SG_EINVAL for a DSN libpq cannot
 * read or a named table the schema lacks, SG_ECONNECT when the server cannot
 * be reached or refuses, SG_EIO when a query failed, SG_ENOMEM. Messages
 * name the host, port, database and user, never the password.
 */
SG_API int sg_schema_pull(const char *dsn, const sg_pull_options *options, sg_schema **out,
                          sg_error *err);

/* ---- the tables of a catalog ---- */

/*
 * The tables of a catalog (JSON text of `len` bytes; loaded as
 * sg_catalog_load() does, except that a stale contract_hash is not an error,
 * see sg_schema_table_stated_hash()) on data source `data_source_uid` (NULL:
 * every table). A table that lists no columns has no contract hash.
 * SG_ECATALOG (or SG_ETOOBIG, SG_ENOMEM) when the catalog does not load,
 * SG_EINVAL for a data source it lacks.
 */
SG_API int sg_schema_from_catalog(const char *json, size_t len, const char *data_source_uid,
                                  sg_schema **out, sg_error *err);

/* ---- the tables of migration files ---- */

typedef struct sg_migration_options {
    unsigned version;
    const char *default_schema; /* the schema of unqualified names; NULL: "public" */
} sg_migration_options;

#define SG_MIGRATION_OPTIONS_VERSION 1
#define SG_MIGRATION_OPTIONS_INIT                                                                  \
    {                                                                                              \
        SG_MIGRATION_OPTIONS_VERSION, NULL                                                         \
    }

/*
 * Applies migration files to an empty set of tables, as a database would:
 * CREATE TABLE, ALTER TABLE (columns, types, NOT NULL, defaults,
 * constraints) and DROP TABLE. `paths` are applied in the order given; a
 * directory stands for its *.sql files (any case; not its subdirectories,
 * except Prisma's `<version>_<name>/migration.sql`) in the order
 * migration tools apply them: by the version a name starts with, compared as
 * numbers part by part (`001_x`, `10_x`, a timestamp, Flyway's `V1_2__x`:
 * 1 < 1.1 < 2 < 10), then names without one in byte order, Flyway's
 * repeatable `R__*.sql` last. Files that undo a migration are left out
 * (golang-migrate's `*.down.sql`, Flyway's `U<version>__*.sql`). In a file with a migration tool's
 * sections (goose's `-- +goose Up` and `Down`, sql-migrate's `-- +migrate Up` and `Down`, dbmate's
 * `-- migrate:up` and `-- migrate:down`) only the up sections are applied.
 * A statement that could not be applied is never
 * skipped silently: it is a note (sg_schema_note_count()) with its file,
 * line and column, and the rest goes on. SG_EIO for a path that cannot be
 * read, SG_ENOMEM.
 */
SG_API int sg_schema_from_migrations(const char *const *paths, size_t count,
                                     const sg_migration_options *options, sg_schema **out,
                                     sg_error *err);

/* What a migration tool's file naming says a file is, by its name (the last
 * component of a path): Flyway's `V1__x.sql` and `V1_2__x.sql` (whatever
 * follows), golang-migrate's `1_x.up.sql`, postgrator's `1.do.sql` and
 * `1.do.x.sql`, and Hasura's and Diesel's `up.sql` apply a migration;
 * Flyway's `U3__x.sql`, golang-migrate's `1_x.down.sql`, postgrator's
 * `1.undo.sql`, yoyo's `1.x.rollback.sql` and `down.sql` undo one; Flyway's
 * `R__x.sql` applies after every versioned one; any other name says nothing
 * (NONE). db-migrate's `<ts>-x-down.sql` undoes one only beside its
 * `-up.sql`, which sg_schema_from_migrations() looks at. */
typedef enum {
    SG_MIGRATION_NAME_NONE = 0,
    SG_MIGRATION_NAME_APPLY,
    SG_MIGRATION_NAME_UNDO,
    SG_MIGRATION_NAME_REPEATABLE
} sg_migration_name;

SG_API sg_migration_name sg_migration_name_of(const char *name);

/* A statement of a migration that was not (fully) applied. */
typedef struct sg_schema_note {
    const char *file;  /* the path as given, or the directory's path joined with the name */
    long line, column; /* 1-based, the column in characters */
    const char *message;
    /* the statement applied all the same: the note says only what could not
     * be checked (a foreign key to a table no migration creates) */
    bool applied;
} sg_schema_note;

SG_API size_t sg_schema_note_count(const sg_schema *schema);
SG_API const sg_schema_note *sg_schema_note_at(const sg_schema *schema, size_t index);

/* ---- reading a set of tables ---- */

SG_API void sg_schema_free(sg_schema *schema);

SG_API size_t sg_schema_table_count(const sg_schema *schema);
/* The schema and name of table `index`; NULL out of range. */
SG_API const char *sg_schema_table_schema(const sg_schema *schema, size_t index);
SG_API const char *sg_schema_table_name(const sg_schema *schema, size_t index);
/* The table's contract hash, "sha256:<hex>"; NULL out of range, or for a
 * catalog table that lists no columns. */
SG_API const char *sg_schema_table_hash(const sg_schema *schema, size_t index);
/* The contract_hash a catalog states for the table, or NULL (none stated,
 * or not from a catalog). It differs from sg_schema_table_hash() when the
 * table changed without its hash. */
SG_API const char *sg_schema_table_stated_hash(const sg_schema *schema, size_t index);

/* ---- writing a catalog ---- */

typedef struct sg_catalog_write_options {
    unsigned version;
    const char *existing; /* catalog JSON whose tables keep what it decided, or NULL */
    size_t existing_len;
    const char *data_source_uid; /* the tables' data source; NULL: the existing catalog's only
                                  * one */
    const char *default_schema;  /* a new data source's default_schema; NULL: "public" */
} sg_catalog_write_options;

#define SG_CATALOG_WRITE_OPTIONS_VERSION 1
#define SG_CATALOG_WRITE_OPTIONS_INIT                                                              \
    {                                                                                              \
        SG_CATALOG_WRITE_OPTIONS_VERSION, NULL, 0, NULL, NULL                                      \
    }

/*
 * Writes a catalog (JSON text, two-space indent, a final newline, into *out,
 * released with sg_free()) holding the tables of `schema` with their
 * columns, keys and "contract_hash". A table the existing catalog has (same
 * data source, schema and physical name) keeps its place, uid, identifier,
 * namespace, description, labels and column descriptions; a new table gets
 * the uid derived from data source uid, schema and name (a version 8 UUID
 * of their SHA-256) and the identifier "<schema>.<name>". The existing
 * catalog's other tables are kept as they are, and a data source it lacks is
 * added. SG_EINVAL when there is no data source to use (none given and the
 * existing catalog has none or several), SG_ECATALOG when the existing
 * catalog does not load, SG_ENOMEM.
 */
SG_API int sg_schema_write_catalog(const sg_schema *schema, const sg_catalog_write_options *options,
                                   char **out, sg_error *err);

/* ---- drift ---- */

/*
 * One difference between what a catalog says (old) and what a database has
 * (new). kind is a stable id:
 *   drift.table-missing        the catalog's table is not in the database
 *   drift.table-added          a database table the catalog lacks
 *   drift.column-added         a column the catalog lacks (new: its type)
 *   drift.column-dropped       a column the database lacks (old: its type)
 *   drift.column-retyped       old and new type
 *   drift.column-nullability   "NULL" or "NOT NULL"
 *   drift.column-default-added / drift.column-default-removed
 *   drift.column-order         the shared columns in another order
 *   drift.primary-key-changed  old and new key, "(a, b)" (NULL: none)
 *   drift.unique-added / drift.unique-dropped
 *   drift.foreign-key-added / drift.foreign-key-dropped
 *   drift.contract-hash-stale  the catalog's contract_hash is not the hash
 *                              of its own columns and keys
 * Strings are borrowed from the sg_diff.
 */
typedef struct sg_drift {
    const char *kind;
    const char *schema;
    const char *table;
    const char *column;    /* NULL for a finding about the table or a key */
    const char *old_value; /* NULL when the catalog side has nothing */
    const char *new_value; /* NULL when the database side has nothing */
    const char *message;   /* one sentence saying all of the above */
} sg_drift;

/* A compared table: its contract hash on either side (NULL: not there, or no
 * columns listed). */
typedef struct sg_diff_table {
    const char *schema;
    const char *table;
    const char *old_hash;
    const char *new_hash;
} sg_diff_table;

typedef struct sg_diff sg_diff;

/*
 * The drift from `old_side` (a catalog) to `new_side` (a database): every
 * table of either side, matched by schema and name. Types are compared in
 * format_type()'s spelling; a catalog table that lists no columns is only
 * looked for. Findings come table by table in old_side's order, then the
 * tables only new_side has; within a table: columns in old_side's order,
 * added columns, column order, primary key, unique keys, foreign keys.
 * A table has findings exactly when its two hashes differ (a stale stated
 * contract_hash aside, which is a finding of its own).
 */
SG_API int sg_schema_diff(const sg_schema *old_side, const sg_schema *new_side, sg_diff **out,
                          sg_error *err);

typedef struct sg_catalog_diff_options {
    unsigned version;
    const char *data_source_uid; /* NULL: the catalog's only data source */
    const char *schema;          /* NULL: every schema the data source's tables are in (its default
                                  * schema when it has none) */
    const char *prefix; /* database tables the catalog lacks are reported when their name starts
                         * with it; NULL: every table of the schema */
} sg_catalog_diff_options;

#define SG_CATALOG_DIFF_OPTIONS_VERSION 1
#define SG_CATALOG_DIFF_OPTIONS_INIT                                                               \
    {                                                                                              \
        SG_CATALOG_DIFF_OPTIONS_VERSION, NULL, NULL, NULL                                          \
    }

/*
 * The drift between a catalog (JSON text) and the database at `dsn`: the
 * catalog's tables of the data source in the schema(s), and the database's
 * tables there that the options select. Errors as sg_schema_from_catalog()
 * and sg_schema_pull().
 */
SG_API int sg_catalog_diff(const char *catalog_json, size_t len, const char *dsn,
                           const sg_catalog_diff_options *options, sg_diff **out, sg_error *err);

SG_API void sg_diff_free(sg_diff *diff);
SG_API size_t sg_diff_count(const sg_diff *diff);
SG_API const sg_drift *sg_diff_at(const sg_diff *diff, size_t index);
SG_API size_t sg_diff_table_count(const sg_diff *diff);
SG_API const sg_diff_table *sg_diff_table_at(const sg_diff *diff, size_t index);

#ifdef __cplusplus
}
#endif

#endif /* SQLGUARD_CATALOG_TOOLS_H */
