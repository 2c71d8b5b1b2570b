/*
 * catalog_query.c - what a caller may ask a loaded catalog: its data sources
 * and tables by index, and whether a data source exists.
 *
 * Read-only views of the loaded records; every string is borrowed from the
 * catalog and an index out of range answers NULL rather than failing.
 */
#include "decode/catalog.h"

static const sg__data_source *source_at(const sg_catalog *catalog, size_t index)
{
    return catalog && index < catalog->source_count ? &catalog->sources[index] : NULL;
}

static const sg__meta_table *table_at(const sg_catalog *catalog, size_t index)
{
    return catalog && index < catalog->table_count ? &catalog->tables[index] : NULL;
}

/* One getter per field: the record at `index`, or NULL. */
#define SG__CATALOG_GETTER(name, at, field)                                                        \
    const char *name(const sg_catalog *catalog, size_t index)                                      \
    {                                                                                              \
        return at(catalog, index) ? at(catalog, index)->field : NULL;                              \
    }

SG__CATALOG_GETTER(sg_catalog_data_source_uid, source_at, uid)
SG__CATALOG_GETTER(sg_catalog_data_source_default_schema, source_at, default_schema)
SG__CATALOG_GETTER(sg_catalog_table_uid, table_at, uid)
SG__CATALOG_GETTER(sg_catalog_table_data_source_uid, table_at, data_source_uid)
SG__CATALOG_GETTER(sg_catalog_table_schema, table_at, schema)
SG__CATALOG_GETTER(sg_catalog_table_name, table_at, name)

size_t sg_catalog_data_source_count(const sg_catalog *catalog)
{
    return catalog ? catalog->source_count : 0;
}

bool sg_catalog_find_data_source(const sg_catalog *catalog, const char *uid, size_t *index)
{
    const sg__data_source *d = catalog && uid ? sg__catalog_source(catalog, uid) : NULL;
    if (d && index)
        *index = (size_t)(d - catalog->sources);
    return d != NULL;
}
