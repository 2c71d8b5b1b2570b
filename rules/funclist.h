/*
 * funclist.h - the default function allow-list, kept as data.
 *
 * The guard allows a function call only when its name is on this list and it
 * is either unqualified or qualified with pg_catalog. The list holds
 * side-effect-free PostgreSQL built-ins; everything else (file and
 * large-object access, SQL from strings, sleeps, locks, settings, sequences,
 * administration, ...) is denied by being absent.
 */
#ifndef SG_FUNCLIST_H
#define SG_FUNCLIST_H

#include <stddef.h>

enum {
    SG_FN_SCALAR = 0,      /* ordinary function */
    SG_FN_AGGREGATE = 1u << 0, /* an aggregate: one row per group */
    SG_FN_SETOF = 1u << 1,     /* set-returning: may return many rows */
    SG_FN_WINDOW = 1u << 2     /* window-only function (row_number, lag, ...) */
};

typedef struct sg__func_info {
    const char *name;   /* lower case, as the parser folds it */
    unsigned flags;     /* SG_FN_* */
} sg__func_info;

/* The entry for `name` (exact, case-sensitive), or NULL when not allowed. */
const sg__func_info *sg__func_lookup(const char *name);

/* The whole list, sorted by name, for tests and `sqlguard rules`. */
const sg__func_info *sg__func_list(size_t *count);

/* TABLESAMPLE methods that are allowed (built-in SYSTEM and BERNOULLI). */
int sg__tablesample_method_allowed(const char *name);

#endif
