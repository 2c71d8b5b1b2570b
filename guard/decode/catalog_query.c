/*
 * catalog_query.c - what a caller may ask a loaded catalog: its data sources
 * and tables by index, and whether a data source exists.
 *
 * Read-only views of the loaded records; every string is borrowed from the
 * catalog and an index out of range answers NULL rather than failing.
 */
#include "decode/catalog.h"

size_t sg_catalog_data_source_count(const sg_catalog *catalog)
{
    return catalog ? catalog->source_count : 0;
}

static const sg__data_source *source_at(const sg_catalog *catalog, size_t index)
{
    return catalog && index < catalog->source_count ? &catalog->sources[index] : NULL;
}

const char *sg_catalog_data_source_uid(const sg_catalog *catalog, size_t index)
{
    const sg__data_source *d = source_at(catalog, index);
    return d ? d->uid : NULL;
}

const char *sg_catalog_data_source_default_schema(const sg_catalog *catalog, size_t index)
{
    const sg__data_source *d = source_at(catalog, index);
    return d ? d->default_schema : NULL;
}

bool sg_catalog_find_data_source(const sg_catalog *catalog, const char *uid, size_t *index)
{
    const sg__data_source *d = catalog && uid ? sg__catalog_source(catalog, uid) : NULL;
    if (d && index)
        *index = (size_t)(d - catalog->sources);
    return d != NULL;
}

static const sg__meta_table *table_at(const sg_catalog *catalog, size_t index)
{
    return catalog && index < catalog->table_count ? &catalog->tables[index] : NULL;
}

const char *sg_catalog_table_uid(const sg_catalog *catalog, size_t index)
{
    const sg__meta_table *t = table_at(catalog, index);
    return t ? t->uid : NULL;
}

const char *sg_catalog_table_data_source_uid(const sg_catalog *catalog, size_t index)
{
    const sg__meta_table *t = table_at(catalog, index);
    return t ? t->data_source_uid : NULL;
}

const char *sg_catalog_table_schema(const sg_catalog *catalog, size_t index)
{
    const sg__meta_table *t = table_at(catalog, index);
    return t ? t->schema : NULL;
}

const char *sg_catalog_table_name(const sg_catalog *catalog, size_t index)
{
    const sg__meta_table *t = table_at(catalog, index);
    return t ? t->name : NULL;
}
