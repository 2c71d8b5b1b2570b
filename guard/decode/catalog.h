/*
 * catalog.h - the loaded catalog: data sources and MetaTables, with lookups.
 */
#ifndef SG_DECODE_CATALOG_H
#define SG_DECODE_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "sqlguard.h"
#include "util/arena.h"
#include "util/pgtype.h"

typedef struct sg__data_source {
    const char *uid;
    const char *engine;
    const char *default_schema;
    const char *dsn; /* NULL when the catalog gives none */
} sg__data_source;

struct sg__meta_table;

/* A catalog table's foreign key whose action writes it when the rows it
 * references change: ON DELETE or ON UPDATE CASCADE, SET NULL or SET
 * DEFAULT. Kept on the referenced table (sg__meta_table.referrers). */
typedef struct sg__fk_action {
    const struct sg__meta_table *table; /* the referencing table, which the action writes */
    const char *name;                   /* the constraint's name, or NULL */
    const char *const *columns;         /* the referencing columns, NULL-terminated */
    /* the referenced columns, NULL-terminated; NULL when the catalog names
     * none (then the referenced table's primary key) */
    const char *const *referenced;
    const char *on_delete; /* "CASCADE", "SET NULL", "SET DEFAULT", or NULL: writes nothing */
    const char *on_update;
} sg__fk_action;

typedef struct sg__meta_table {
    const char *uid;
    const char *identifier;
    const char *data_source_uid;
    const char *schema;
    const char *name;               /* physical_table_name */
    const char *const *primary_key; /* NULL-terminated, may be NULL */
    /* unique keys (the primary key first when there is one), each a
     * NULL-terminated column list; unique_count of them */
    const char *const *const *unique;
    size_t unique_count;
    /* the column names in catalog order, NULL-terminated; NULL (and
     * column_count 0) when the catalog lists none */
    const char *const *columns;
    size_t column_count;
    /* per column: NOT NULL ("nullable": false) without a default, so that an
     * INSERT must give it a value; NULL when the catalog lists no columns */
    const bool *column_required;
    /* per column: the type as the catalog writes it ("varchar(64)", "uuid",
     * "timestamp with time zone", "text[]"), or NULL when it gives none;
     * NULL when the catalog lists no columns */
    const char *const *column_types;
    /* per column: column_types[i] read by sg__pgtype_parse at load, valid
     * where column_type_read[i]; both NULL when the catalog lists no columns */
    const sg__pgtype *column_pgtypes;
    const bool *column_type_read;
    /* some column's type looks names up (regclass, aclitem[], ...) */
    bool has_names_column;
    /* some column's type is xml (or an array of it) */
    bool has_xml_column;
    /* some column's type is not pg_catalog's (sg__type_text_is_application) */
    bool has_app_column;
    /* a table of more than SG__COLUMN_SCAN_MAX columns: its column names
     * hashed, an open-addressing table of index + 1 (0: an empty slot) at
     * most half full, each name at its first column; NULL otherwise */
    const uint32_t *column_slots;
    size_t column_mask; /* the slot count (a power of two) minus one */
    /* the foreign keys of catalog tables (of its data source) that reference
     * this one with an action that writes them */
    const sg__fk_action *referrers;
    size_t referrer_count;
} sg__meta_table;

/* Up to this many columns a scan of the names finds one faster than a hash
 * of it would (mostly on the first byte). */
enum { SG__COLUMN_SCAN_MAX = 16 };

/* An open-addressing hash of entry index + 1 (0: an empty slot), at most
 * half full, so that loading and every lookup take constant time. */
typedef struct sg__catalog_index {
    uint32_t *slots;
    size_t mask; /* the slot count (a power of two) minus one */
} sg__catalog_index;

struct sg_catalog {
    sg__arena arena;
    sg__data_source *sources;
    size_t source_count;
    sg__meta_table *tables;
    size_t table_count;
    sg__catalog_index source_by_uid; /* sources by uid */
    sg__catalog_index table_by_uid;  /* tables by uid */
    sg__catalog_index table_by_name; /* tables by data source uid, schema and physical name */
};

/* sg_catalog_load() without the contract_hash check: for the catalog tools,
 * which rewrite stale hashes or report them. */
int sg__catalog_load_unhashed(const char *json, size_t len, sg_catalog **out, sg_error *err);

const sg__meta_table *sg__catalog_table_by_uid(const sg_catalog *catalog, const char *uid);
const sg__data_source *sg__catalog_source(const sg_catalog *catalog, const char *uid);
/* The catalog table of a data source with this physical schema.name, or NULL. */
const sg__meta_table *sg__catalog_table_by_name(const sg_catalog *catalog, const char *source_uid,
                                                const char *schema, const char *name);

/* The first column of `t` named `name` (its index), or -1, for a table with
 * a column hash (column_slots). */
long sg__catalog_column_hashed(const sg__meta_table *t, const char *name);

#endif
