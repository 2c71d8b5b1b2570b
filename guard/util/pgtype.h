/*
 * pgtype.h - PostgreSQL type names in every spelling, read into one form.
 *
 * A catalog may write "varchar(64)", "character varying(64)", "int4",
 * "integer", "timestamptz", "timestamp with time zone", "decimal(18,2)",
 * "text[]", "_int4", "pg_catalog.int8" or "double precision"; a database
 * prints format_type()'s spelling. sg__pgtype_parse reads any of them and
 * sg__pgtype_format writes format_type()'s, so that two spellings of one type
 * compare equal.
 */
#ifndef SG_UTIL_PGTYPE_H
#define SG_UTIL_PGTYPE_H

#include <stdbool.h>
#include <stddef.h>

enum { SG_PGTYPE_NAME_MAX = 64 };

typedef struct sg__pgtype {
    /* The base type in format_type()'s spelling, without modifiers or array
     * brackets: "character varying", "character", "integer", "bigint",
     * "smallint", "numeric", "boolean", "uuid", "text", "json", "jsonb",
     * "date", "timestamp without time zone", "timestamp with time zone",
     * "time without time zone", "double precision", "real", "bytea", ...;
     * a type it does not know keeps its name as written, folded to lower
     * case unless quoted, schema included ("myschema.mood"). */
    char name[SG_PGTYPE_NAME_MAX * 2 + 2];
    int mod1, mod2; /* type modifiers: varchar(64) has 64, -1; numeric(18,2) has
                     * 18, 2; -1 when absent */
    int array_dims; /* 0 for a scalar; `text[]`, `_text` and `text ARRAY` have 1 */
} sg__pgtype;

/* Reads a type name; false when `text` is no type name (empty, unbalanced,
 * a modifier that is no integer, ...). */
bool sg__pgtype_parse(const char *text, sg__pgtype *out);

/* Writes format_type()'s spelling of `t` into buf (always terminated when n
 * > 0): "character varying(64)", "numeric(18,2)", "integer[]",
 * "timestamp(3) with time zone". Returns the length it needed. */
size_t sg__pgtype_format(const sg__pgtype *t, char *buf, size_t n);

#endif
