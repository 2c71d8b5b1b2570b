/*
 * pgtype.h - PostgreSQL type names in every spelling, read into one form.
 *
 * A catalog may write "varchar(64)", "character varying(64)", "int4",
 * "integer", "timestamptz", "timestamp with time zone", "decimal(18,2)",
 * "text[]", "_int4", "pg_catalog.int8" or "double precision"; a database
 * prints format_type()'s spelling. sg__pgtype_parse reads any of them and
 * sg__pgtype_format writes format_type()'s, so that two spellings of one type
 * compare equal.
 *
 * The reading is PostgreSQL 15's grammar of a column's type: the SQL-standard
 * keyword types (CHARACTER VARYING(n), DOUBLE PRECISION, FLOAT(p),
 * TIMESTAMP(p) WITH TIME ZONE, INTERVAL DAY TO SECOND(p), BIT VARYING, ...),
 * generic names (int4, pg_catalog.varchar(10), "char", app."Mood") with
 * integer modifiers, array bounds ([], [3][4], ARRAY, ARRAY[3]) and array
 * type names (_int4), in any case, with white space and comments between
 * words. Modifiers are checked as PostgreSQL checks them: varchar(0),
 * numeric(1001), float(54), bit(0), uuid(3) are no types; timestamp(7) is
 * timestamp(6), as PostgreSQL reduces it with a warning.
 *
 * Not read (false): serial, bigserial and the other serial spellings, which
 * are no types (CREATE TABLE makes such a column an integer kind with a
 * sequence default and NOT NULL: the caller that reads CREATE TABLE says
 * so); modifiers that are no integers (PostGIS's geometry(Point,4326));
 * negative modifiers of a type this reading does not know; three-part names;
 * U&"..." identifiers; SETOF.
 *
 * What needs a database is not guessed: a name outside pg_catalog keeps its
 * schema as written (format_type() leaves out a schema the search path
 * makes visible), and the modifiers of a type this reading does not know are
 * kept (PostgreSQL refuses them for an enum or a domain). A name that starts
 * with an underscore is the array of the rest, as PostgreSQL names array
 * types; an application type whose own name starts with one would be read
 * as an array too.
 */
#ifndef SG_UTIL_PGTYPE_H
#define SG_UTIL_PGTYPE_H

#include <stdbool.h>
#include <stddef.h>

enum { SG_PGTYPE_NAME_MAX = 64 };

/* The base types a value's text is judged against (rules/pgvalue.c), as a
 * number read once with the name, so that a caller switches on it instead
 * of comparing names; every other type is SG__PGKIND_OTHER. */
typedef enum sg__pgkind {
    SG__PGKIND_OTHER,
    SG__PGKIND_UUID,
    SG__PGKIND_INT2,
    SG__PGKIND_INT4,
    SG__PGKIND_INT8,
    SG__PGKIND_NUMERIC,
    SG__PGKIND_FLOAT4,
    SG__PGKIND_FLOAT8,
    SG__PGKIND_BOOL,
    SG__PGKIND_DATE,
    SG__PGKIND_TIMESTAMP,
    SG__PGKIND_TIMESTAMPTZ,
    SG__PGKIND_BPCHAR,
    SG__PGKIND_VARCHAR,
    SG__PGKIND_TEXT,
    SG__PGKIND_JSON,
    SG__PGKIND_JSONB
} sg__pgkind;

typedef struct sg__pgtype {
    /* The base type in format_type()'s spelling, without modifiers or array
     * brackets: "character varying", "character", "integer", "bigint",
     * "smallint", "numeric", "boolean", "uuid", "text", "json", "jsonb",
     * "date", "timestamp without time zone", "timestamp with time zone",
     * "time without time zone", "double precision", "real", "bytea",
     * "\"char\"" (the one-byte type, quoted as format_type() quotes it), ...;
     * an interval's fields are part of its name ("interval day to second").
     * A type it does not know keeps its name as written, folded to lower
     * case unless quoted, schema included, each part quoted where
     * quote_ident() would quote it ("myschema.mood", "\"Mood\"",
     * "app.\"order\""). */
    char name[SG_PGTYPE_NAME_MAX * 2 + 2];
    /* Type modifiers, -1 when absent. character(n), character varying(n),
     * bit(n), bit varying(n): mod1 is n (plain CHARACTER and BIT have 1);
     * numeric(p,s): p and s, and numeric(p) has scale 0, so that whenever
     * mod1 is set mod2 is the scale, which may be negative (numeric(5,-1));
     * time and timestamp (either zone) and interval: mod1 is the precision;
     * a type it does not know: the modifiers as written. */
    int mod1, mod2;
    /* 0 for a scalar; `text[]`, `_text`, `text ARRAY` and `text ARRAY[4]`
     * have 1, `int[3][4]` 2. PostgreSQL keeps neither the number nor the
     * sizes: every array of the element type fits, and format_type() writes
     * one [] whatever the number. */
    int array_dims;
    /* `name` as a number (for an array, its element type's): uuid, the
     * integer, numeric, floating point, boolean, date and timestamp types,
     * character, character varying, text, json and jsonb each have their
     * own; any other name, a schema-qualified one outside pg_catalog
     * included, is SG__PGKIND_OTHER. */
    sg__pgkind kind;
} sg__pgtype;

/* Reads a type name; false when `text` is no type name (empty, unbalanced,
 * a modifier that is no integer or out of the type's range, a reserved word,
 * ...) or one of the spellings above that are not read. *out is written
 * only on success. */
bool sg__pgtype_parse(const char *text, sg__pgtype *out);

/* Writes format_type()'s spelling of `t` into buf (always terminated when n
 * > 0; buf may be NULL when n is 0): "character varying(64)",
 * "numeric(18,2)", "integer[]", "timestamp(3) with time zone", "bpchar" for
 * a character type without length, "\"bit\"" for a bit type without one.
 * Returns the length it needed, as snprintf does. */
size_t sg__pgtype_format(const sg__pgtype *t, char *buf, size_t n);

/* The points of a path's or polygon's text (`[(0,0),(1,1)]`, `((0,0),(1,1))`,
 * `0,0,1,1`): its `(`s (a polygon's list has one more), or for the bare
 * form its numbers' pairs; text that is no such value makes PostgreSQL
 * fail, whatever this says of it. */
unsigned long long sg__pgtype_geometry_points(const char *text);

#endif
