/*
 * catalog_json.h - the table model and catalog JSON, both ways: a table of a
 * catalog read into the model (fromjson.c), and a catalog written from the
 * model (tojson.c), keeping what an existing catalog says about its tables.
 */
#ifndef SG_SCHEMA_CATALOG_JSON_H
#define SG_SCHEMA_CATALOG_JSON_H

#include <cjson/cJSON.h>

#include "schema/schema.h"
#include "sqlguard.h"

/*
 * Adds the table of `t`, an element of a catalog's meta_tables that the
 * loader accepted, to `s`: types as written, a "default"
 * string or null as the default, "references": "table" (in the table's own
 * schema) or "schema.table", and the contract_hash it states. A table
 * without columns (or with an empty list) is columns_unknown. *out (when
 * given) is the new table. Returns 0, or -1 when memory ran out.
 */
int sg__schema_add_catalog_table(sg__schema *s, const cJSON *t, sg__sc_table **out);

/* What the catalog written from a model holds besides the model's tables. */
typedef struct sg__catalog_writer {
    const cJSON *existing;       /* an existing catalog the loader accepted, or NULL */
    const char *data_source_uid; /* the data source of the model's tables */
    const char *default_schema;  /* a new data source's default_schema */
} sg__catalog_writer;

/*
 * The catalog JSON text (two-space indent, a final newline) of the
 * existing catalog with the model's tables in it: a table the existing
 * catalog has (same data source, schema and physical name) keeps its place,
 * uid, identifier, namespace, description, labels and its columns'
 * descriptions, and gets the model's columns, keys and contract_hash; a new
 * one is appended with a uid derived from data source, schema and name
 * (sg__schema_table_uid) and the identifier "<schema>.<name>"; the existing
 * catalog's other tables stay as they are. The data source is added when the
 * existing catalog lacks it. Returns the text in the arena, or NULL with *err
 * filled (SG_ENOMEM).
 */
char *sg__schema_write_catalog(sg__arena *arena, const sg__schema *s, const sg__catalog_writer *w,
                               sg_error *err);

/* The uid of a new table: the first 16 bytes of SHA-256 over
 * "sqlguard-meta-table" NUL data-source-uid NUL schema NUL name, as an
 * RFC 9562 version 8 UUID ("xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx"). */
void sg__schema_table_uid(const char *data_source_uid, const char *schema, const char *name,
                          char out[37]);

#endif
