/*
 * pull.h - reading the tables of a live PostgreSQL into the table model,
 * through libpq, in one read-only transaction.
 */
#ifndef SG_SCHEMA_PULL_H
#define SG_SCHEMA_PULL_H

#include "schema/schema.h"
#include "sqlguard.h"

/* Which tables of a schema to read: every ordinary and partitioned table
 * (`all`), or those whose name starts with `prefix`, plus the `names` (a
 * partition is read only when named). */
typedef struct sg__pull_filter {
    bool all;
    const char *prefix;       /* NULL: none */
    const char *const *names; /* name_count of them */
    size_t name_count;
    bool names_required; /* a name that is no table of the schema is an error */
} sg__pull_filter;

typedef struct sg__pull sg__pull;

/*
 * Connects to `dsn` (a libpq connection string; "" for libpq's defaults) and
 * opens a REPEATABLE READ READ ONLY transaction, so that every table is read
 * from one snapshot. Errors name what was wrong with the DSN or the
 * connection, never the password: SG_EINVAL for a DSN libpq cannot read,
 * SG_ECONNECT when the server cannot be reached or refuses, SG_ENOMEM.
 */
int sg__pull_open(const char *dsn, sg__pull **out, sg_error *err);

/*
 * Adds the tables of `schema` the filter selects, in name order, to `s`:
 * columns in attribute order (format_type() of the type, NOT NULL,
 * pg_get_expr() of the default or of a generated column's expression, an
 * identity column's GENERATED clause, as the migration reader has them),
 * primary key, unique keys (UNIQUE constraints, and valid
 * unique indexes without predicate or expression), foreign keys. Types and
 * defaults are printed with search_path set to the schema alone, so that its
 * own types and sequences are named as a migration names them. SG_EIO when
 * a query failed, SG_EINVAL for a required name that is no table.
 */
int sg__pull_schema(sg__pull *p, sg__schema *s, const char *schema, const sg__pull_filter *f,
                    sg_error *err);

/* Ends the transaction and the connection; NULL is a no-op. */
void sg__pull_close(sg__pull *p);

#endif
