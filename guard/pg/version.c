/*
 * version.c - sg_version(): what the running library is.
 *
 * The library's numbers come from the public header it was built with, so a
 * program that loads a newer shared library than it was compiled against can
 * tell the two apart. The grammar's version is libpg_query's: the PostgreSQL
 * release whose parser it carries, known only to code that sees its header,
 * which is why this file lives on the PostgreSQL side.
 */
#include <pg_query.h>

#include "sqlguard.h"

static const sg_version_info info = {
    .version = SG_VERSION_STRING,
    .major = SG_VERSION_MAJOR,
    .minor = SG_VERSION_MINOR,
    .patch = SG_VERSION_PATCH,
    .abi = SG_ABI_VERSION,
    .pg_version = PG_VERSION,
    .pg_version_num = PG_VERSION_NUM,
};

const sg_version_info *sg_version(void)
{
    return &info;
}
