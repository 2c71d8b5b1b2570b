/*
 * tools.h - the public handle of the catalog tools (sg_schema) as the files
 * behind sqlguard/catalog_tools.h share it.
 */
#ifndef SG_SCHEMA_TOOLS_H
#define SG_SCHEMA_TOOLS_H

#include "schema/schema.h"
#include "sqlguard/catalog_tools.h"

struct sg_schema {
    sg__schema model;
    const char **hashes; /* per table, NULL for a table that lists no columns */
    sg__vec notes;       /* sg_schema_note, from migrations */
};

/* A new empty handle, or NULL when memory ran out. */
sg_schema *sg__tools_new(void);
/* Makes the model what every reader expects: references resolved, types in
 * format_type()'s spelling, hashes computed. SG_OK or SG_ENOMEM (with *err). */
int sg__tools_finish(sg_schema *s, sg_error *err);

#endif
