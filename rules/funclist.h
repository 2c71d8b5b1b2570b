/*
 * funclist.h - every function name of PostgreSQL 15's pg_catalog, classified,
 * kept as data.
 *
 * The guard sees a call's name, not the overload PostgreSQL will pick, so a
 * name is classified once: allowed when every overload of it is
 * side-effect-free and reads nothing but its arguments, otherwise denied with
 * one reason (the class). A call may run only when its name is allowed and it
 * is written unqualified or qualified with pg_catalog; names PostgreSQL 15
 * does not have in pg_catalog are not on the list at all.
 */
#ifndef SG_FUNCLIST_H
#define SG_FUNCLIST_H

#include <stddef.h>

enum {
    SG_FN_SCALAR = 0,          /* ordinary function */
    SG_FN_AGGREGATE = 1u << 0, /* an aggregate: one row per group */
    SG_FN_SETOF = 1u << 1,     /* set-returning: may return many rows */
    SG_FN_WINDOW = 1u << 2     /* window-only function (row_number, lag, ...) */
};

/* Why a name is allowed or denied: one class per name, the first that fits
 * its most dangerous overload. */
typedef enum sg__func_class {
    SG_FC_ALLOWED = 0,     /* side-effect-free, reads only its arguments */
    SG_FC_SIDE_EFFECT,     /* writes, locks, sequences, notifications, large objects, xids */
    SG_FC_OUTSIDE_SCOPE,   /* catalog, statistics, size or privilege lookups of other objects */
    SG_FC_RUNS_QUERY,      /* runs SQL given as text, or fetches from a cursor */
    SG_FC_STATE,           /* reads or changes server or session state */
    SG_FC_RESOURCE_HOG,    /* spends time on purpose (sleeps) */
    SG_FC_ADMIN,           /* server files, configuration, replication, backup, WAL, signals */
    SG_FC_INTERNAL,        /* a support routine of types, indexes, operators or aggregates */
    SG_FC_UNINTERRUPTIBLE, /* works where PostgreSQL cannot interrupt it (XML parsing and
                            * XPath in libxml2, printing range_agg's multirange), past the
                            * statement timeout */
    SG_FC_COUNT
} sg__func_class;

typedef struct sg__func_info {
    const char *name;   /* as pg_proc spells it; the parser folds unquoted names to lower case */
    unsigned flags;     /* SG_FN_*, from the prokind and proretset of its overloads */
    sg__func_class cls; /* SG_FC_ALLOWED, or why it is denied */
} sg__func_info;

/* The entry for `name` (exact, case-sensitive) when it is allowed, else NULL. */
const sg__func_info *sg__func_lookup(const char *name);

/* The entry for `name` whatever its class, or NULL when PostgreSQL 15 has no
 * function of that name in pg_catalog. */
const sg__func_info *sg__func_find(const char *name);

/* Every entry, allowed and denied, sorted by name in strcmp order, for tests,
 * tools and `sqlguard rules`. */
const sg__func_info *sg__func_list(size_t *count);

/* A class's short name for tools: "allowed", "side-effect", "outside-scope",
 * "runs-query", "state", "resource-hog", "administration" or "internal". */
const char *sg__func_class_name(sg__func_class cls);

/* A class's reason as a message gives it: "resource hog (it waits on
 * purpose, holding the connection)"; "allowed" for SG_FC_ALLOWED. */
const char *sg__func_class_reason(sg__func_class cls);

/* TABLESAMPLE methods that are allowed (built-in SYSTEM and BERNOULLI). */
int sg__tablesample_method_allowed(const char *name);

#endif
