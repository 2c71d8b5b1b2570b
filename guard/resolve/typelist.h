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

/* Types whose input function resolves object names from strings, naming
 * relations, functions, operators, types, roles, schemas or collations
 * (aclitem names roles: 'r=r/owner'), and their arrays by the names
 * PostgreSQL gives them (_regclass). The text search configurations and
 * dictionaries (regconfig, regdictionary) are not among them: full-text
 * search names them in every call (`to_tsvector('english', x)` casts
 * 'english' to regconfig itself). */
bool sg__type_resolves_names(const char *name);

/* The same of a type as a catalog writes a column's (`regclass`,
 * `pg_catalog.regproc`, `aclitem[]`): its base name, pg_catalog's or
 * unqualified, without modifiers or array brackets. A column's type counts
 * regconfig and regdictionary too: a value written to such a column, or
 * meeting it, is read as a name (or an integer as an OID) like any reg*
 * type's, where no text search call names the object in the open. */
bool sg__type_text_resolves_names(const char *type);

/* Whether a catalog's type text is regconfig or regdictionary (or an array
 * of one), pg_catalog's or unqualified. */
bool sg__type_text_is_ts_object(const char *type);

/* Whether a type so written (or a type name, `_xml` included) is xml or an
 * array of it, whose input parses text with libxml2. */
bool sg__type_text_is_xml(const char *type);

/* Whether a type as a catalog writes it (or sg__pgtype's name of it) is not
 * one of pg_catalog's: another schema's, a quoted name, or a name pg_catalog
 * has no type of (citext, an enum, a domain, a composite type). Its input is
 * the application's code (a domain's CHECK calls any function). */
bool sg__type_text_is_application(const char *type);

/* True when `name` is the row type of one of pg_catalog's tables or views
 * (pg_class, pg_proc, pg_roles, ...) or an array of one: a composite whose
 * input reads its fields' input, regproc, regtype and aclitem among them,
 * which look names up in the catalogs. Every such type is named pg_*, as are
 * nine base types (pg_lsn, pg_snapshot, ...), which are not rows. */
bool sg__type_catalog_row(const char *name);

/* The whole list, sorted in strcmp order, for tests. */
const char *const *sg__type_list(size_t *count);

#endif
