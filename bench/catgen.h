/* catgen.h - a generated catalog of many tables (see catgen.c). */
#ifndef SG_BENCH_CATGEN_H
#define SG_BENCH_CATGEN_H

#include <stddef.h>

/* The uid of table i (printf, one size_t); its physical name is bench_t<i>,
 * in schema "sales" when (i / 2) is odd, else "public". */
#define BENCH_CATALOG_UID_FORMAT "00000000-0000-4000-8000-%012zu"

/* Compact JSON text of a catalog of `tables` tables (malloc'd, NUL-terminated,
 * *len bytes); exits the process when memory runs out. */
char *bench_catalog_json(size_t tables, size_t *len);
/* The data source table i is on. */
const char *bench_catalog_source_uid(size_t table);
/* An operation (JSON text, into out) that reads table i, scoped by `uid`
 * (NULL: the table's own); allowed against the generated catalog. */
void bench_catalog_select(char *out, size_t cap, size_t table, const char *uid);

#endif
