/*
 * typelist.h - the types of PostgreSQL 15's pg_catalog, kept as data.
 *
 * A type name written unqualified or as pg_catalog.name is admitted by
 * type.denied only when it is on this list: every other type is an
 * application's (a domain runs its CHECK expression, an enum or a composite
 * type is application code) or the row type of some table.
 */
#ifndef SG_TYPELIST_H
#define SG_TYPELIST_H

#include <stdbool.h>
#include <stddef.h>

/* True when `name` (exact, case-sensitive) is a type of pg_catalog. */
bool sg__type_builtin(const char *name);

/* The whole list, sorted in strcmp order, for tests. */
const char *const *sg__type_list(size_t *count);

#endif
