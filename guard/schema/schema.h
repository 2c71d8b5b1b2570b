/*
 * schema.h - tables as a database or a migration history describes them:
 * columns, primary key, unique keys and foreign keys, free of any source's
 * types. The catalog tools fill one from a live PostgreSQL (pull.c), from
 * migration files (fromsql.c) or from a catalog (model.c), compare two
 * (diff.c), hash a table's contract (model.c) and write a catalog from one.
 *
 * Names are as PostgreSQL stores them (folded unless quoted). Types are as
 * PostgreSQL's format_type() prints them: "character varying(64)", "uuid",
 * "timestamp with time zone", "numeric(18,2)", "text[]", "integer". Every
 * string and array lives in the schema's arena.
 */
#ifndef SG_SCHEMA_SCHEMA_H
#define SG_SCHEMA_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

typedef struct sg__sc_column {
    const char *name;
    const char *type;         /* format_type() spelling; NULL when unknown */
    bool nullable;            /* false: NOT NULL (a primary key's columns are NOT NULL) */
    const char *default_expr; /* the default as pg_get_expr() prints it, or NULL */
    char identity;            /* pg_attribute.attidentity: 'a' (GENERATED ALWAYS AS IDENTITY),
                               * 'd' (BY DEFAULT), 0: none */
    char generated;           /* pg_attribute.attgenerated: 's' (GENERATED ALWAYS AS (...)
                               * STORED), 0: none */
    /* from-sql: the domain the column's type is, 1 + its index in the
     * schema's domains, or 0; its default counts where the column has none
     * (sg__migrate_finish) */
    size_t domain;
} sg__sc_column;

/* A list of column names; for a key or another constraint or index, also its
 * name. */
typedef struct sg__sc_names {
    const char **names;
    size_t count;
    const char *name; /* the constraint's (or, for index_only, the index's) name, or NULL */
    bool index_only;  /* a unique key made by CREATE UNIQUE INDEX: an index, no constraint */
    /* in other_indexes: a unique index that is no key of `=` (a key column's
     * own collation or operator class), which a foreign key may reference */
    bool unique_index;
} sg__sc_names;

typedef struct sg__sc_fkey {
    const char *name; /* the constraint's name, or NULL */
    sg__sc_names columns;
    const char *ref_schema; /* NULL: the table's own schema */
    const char *ref_table;
    sg__sc_names ref_columns; /* count 0: the referenced table's primary key */
    const char *on_delete;    /* "NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT" */
    const char *on_update;
} sg__sc_fkey;

typedef struct sg__sc_table {
    const char *schema;
    const char *name;
    sg__vec columns;          /* sg__sc_column, in attribute order */
    sg__sc_names primary_key; /* count 0: none */
    sg__vec unique;           /* sg__sc_names: unique constraints and unique indexes
                               * without predicate or expression, not the primary key */
    sg__vec fkeys;            /* sg__sc_fkey */
    /* What makes no key but shares the names of keys: CHECK and EXCLUDE
     * constraints, and indexes that are not unique or have a predicate or
     * expressions. Each with its name and the columns it names; the contract
     * leaves them out, but PostgreSQL chooses a new constraint's or index's
     * name so that it is unlike theirs, and dropping a column drops them. */
    sg__vec other_constraints; /* sg__sc_names */
    sg__vec other_indexes;     /* sg__sc_names */
    /* A catalog table that lists no columns: its contract is unknown. */
    bool columns_unknown;
    /* The contract hash a catalog states for the table, or NULL. */
    const char *contract_hash;
} sg__sc_table;

/* A domain the migrations created with a default, which a column of that
 * type takes when it has none of its own. */
typedef struct sg__sc_domain {
    const char *schema;
    const char *name;
    const char *default_expr; /* NULL: none (or dropped) */
    size_t base;              /* the domain it is over: 1 + its index, or 0 */
    bool dropped;             /* DROP DOMAIN: no name finds it */
} sg__sc_domain;

typedef struct sg__schema {
    sg__arena arena;
    sg__vec tables;  /* sg__sc_table */
    sg__vec domains; /* sg__sc_domain, as the migrations define them */
} sg__schema;

void sg__schema_init(sg__schema *s);
void sg__schema_release(sg__schema *s);

/* The table schema.name, or NULL. */
sg__sc_table *sg__schema_table(sg__schema *s, const char *schema, const char *name);
/* A new empty table schema.name (copied), or NULL when memory ran out. */
sg__sc_table *sg__schema_add_table(sg__schema *s, const char *schema, const char *name);
/* The column `name` of t, or NULL. */
sg__sc_column *sg__schema_column(sg__sc_table *t, const char *name);

/* ---- the contract hash (hash.c) ---- */

enum { SG__CONTRACT_HASH_LEN = 71 }; /* "sha256:" and 64 hex digits */

/*
 * The canonical form of t's contract (README, "Catalogs taken from
 * reality"), one line per part, every string written as its byte length, a
 * colon and its bytes:
 *
 *   sqlguard-contract 1
 *   table <schema> <name>
 *   column <name> <type> null|not-null default|no-default     (attribute order)
 *   primary-key (<name> ...)
 *   unique (<name> ...)                                       (sorted, distinct)
 *   foreign-key (<name> ...) <schema> <table> (<name> ...) <on delete> <on update>
 *
 * Types are read into format_type()'s spelling (a type it cannot read stays
 * as written); a column of the primary key is not-null. Unique keys equal
 * to the primary key, and repeated unique keys or foreign keys, are left
 * out; unique keys and foreign keys are sorted by their lines' bytes. Into
 * the arena; NULL when memory ran out.
 */
char *sg__schema_canonical(sg__arena *arena, const sg__sc_table *t);
/* "sha256:<hex>" of the canonical form, into the arena; NULL when memory ran out. */
char *sg__schema_hash(sg__arena *arena, const sg__sc_table *t);
/* `type` in format_type()'s spelling when sg__pgtype_parse() reads it, else
 * as written; into the arena (NULL when memory ran out). NULL stays NULL. */
const char *sg__schema_canonical_type(sg__arena *arena, const char *type);

/* ---- the model as a whole (model.c) ---- */

/* Whether the column has a default: an expression, or an identity or
 * generated column, which PostgreSQL fills. */
bool sg__schema_has_default(const sg__sc_column *c);
/* Whether two column lists are equal, name by name in order. */
bool sg__schema_names_equal(const sg__sc_names *a, const sg__sc_names *b);
/* Appends a copy of a unique key to t unless t has one of its columns
 * already or it is t's primary key; -1 when memory ran out. */
int sg__schema_add_unique(sg__schema *s, sg__sc_table *t, const sg__sc_names *key);
/* Fills what a foreign key leaves implicit: the referenced schema (the
 * table's own) and the referenced columns (the referenced table's primary
 * key, when s has that table). */
void sg__schema_resolve_references(sg__schema *s);

#endif
