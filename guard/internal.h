/*
 * internal.h - the records that flow between the stages of a check.
 *
 * decode operation -> resolve scope -> compile placeholders -> parse and walk
 * into facts -> rules over facts -> verdict. Each stage reads what the earlier
 * ones produced and writes its own record; none reaches back.
 */
#ifndef SG_INTERNAL_H
#define SG_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "facts.h"
#include "placeholders.h"
#include "sqlguard.h"

/* ---- catalog ---- */

typedef struct sg__data_source {
    const char *uid;
    const char *engine;
    const char *default_schema;
    const char *dsn; /* NULL when the catalog gives none */
} sg__data_source;

typedef struct sg__meta_table {
    const char *uid;
    const char *identifier;
    const char *data_source_uid;
    const char *schema;
    const char *name; /* physical_table_name */
    const char *const *primary_key; /* NULL-terminated, may be NULL */
    /* unique keys (the primary key first when there is one), each a
     * NULL-terminated column list; unique_count of them */
    const char *const *const *unique;
    size_t unique_count;
} sg__meta_table;

struct sg_catalog {
    sg__arena arena;
    sg__data_source *sources;
    size_t source_count;
    sg__meta_table *tables;
    size_t table_count;
    /* open-addressing hash of table uid -> index + 1 (0 = empty) */
    size_t *uid_index;
    size_t uid_index_size; /* a power of two */
};

const sg__meta_table *sg__catalog_table_by_uid(const sg_catalog *catalog, const char *uid);
const sg__data_source *sg__catalog_source(const sg_catalog *catalog, const char *uid);
/* The catalog table of a data source with this physical schema.name, or NULL. */
const sg__meta_table *sg__catalog_table_by_name(const sg_catalog *catalog, const char *source_uid,
                                                const char *schema, const char *name);

/* ---- operation ---- */

typedef enum {
    SG_OP_UNKNOWN = 0,
    SG_OP_SELECT,
    SG_OP_INSERT,
    SG_OP_UPDATE,
    SG_OP_DELETE,
    SG_OP_MERGE
} sg__op_kind;

typedef struct sg__scope_entry {
    const char *meta_table_uid;
    const char *alias;
    const char *access_text; /* as written */
    sg_access access;        /* NONE when access_text is not read/write */
} sg__scope_entry;

typedef struct sg__operation {
    cJSON *root;              /* owns every cJSON node below */
    bool root_in_arena;       /* the tree lives in the verdict's arena: no cJSON_Delete */
    sg__op_kind kind;
    const char *kind_text;    /* as written, "" when missing */
    const char *sql;
    size_t sql_len;
    const cJSON *parameters;  /* object or array, or NULL when unusable */
    const char *data_source_uid;
    sg__scope_entry *scope;
    size_t scope_count;
    bool has_limits;
    const cJSON *max_rows;    /* NULL when absent */
    const cJSON *statement_timeout_ms;
    bool lint;                /* SQL linted on its own: no operation, no values */
} sg__operation;

/* ---- scope ---- */

typedef struct sg__scoped_table {
    const sg__meta_table *table;
    const sg__scope_entry *entry;
    sg_access declared;
    sg_access required;       /* filled by the scope rules from facts */
} sg__scoped_table;

typedef enum {
    SG_SCOPE_DECLARED = 0, /* the operation's scope */
    SG_SCOPE_CATALOG,      /* lint with a catalog: every table of the data source */
    SG_SCOPE_NONE          /* lint without a catalog: nothing to resolve against */
} sg__scope_mode;

typedef struct sg__scope {
    sg__scope_mode mode;
    const sg__data_source *source; /* NULL when the data source is unknown */
    sg__scoped_table *tables;  /* the valid entries only */
    size_t count;
} sg__scope;

/* ---- parameters bound to $n (check.c, after the walk) ---- */

typedef struct sg__bind {
    sg__ph_style style;        /* as compiled; NONE with $n in the tree is native */
    bool native;               /* the caller wrote $n itself */
    bool shape_ok;             /* object for named, array for positional/native */
    const cJSON **values;      /* values[i] is bound to $(i+1); NULL when missing */
    size_t slots;              /* number of $n the statement uses */
    const cJSON **supplied;    /* every value the operation supplies, in order */
    const char **supplied_names; /* keys of an object, else NULL */
    bool *supplied_used;
    size_t supplied_count;
} sg__bind;

/* ---- diagnostics ---- */

typedef struct sg__diags {
    sg__arena *arena;
    sg__vec items;            /* sg_diagnostic */
    unsigned max;             /* kept at most; errors displace warnings when full */
    bool truncated;           /* some diagnostic was not kept */
    size_t errors;            /* errors reported, kept or not: the verdict denies when > 0 */
    /* for mapping compiled offsets to the caller's text */
    const char *original_sql;
    size_t original_len;
    const sg__ph_result *compiled; /* NULL until placeholders are compiled */
    const sg_policy *policy;       /* severities; NULL: defaults */
} sg__diags;

/* Where a diagnostic points. */
typedef enum {
    SG_AT_NONE = 0,   /* no place in the SQL */
    SG_AT_ORIGINAL,   /* a byte offset into the original SQL */
    SG_AT_COMPILED    /* a byte offset into the compiled SQL */
} sg__at_kind;

/* Adds a diagnostic of `rule` at its default severity; returns -1 when memory
 * ran out. Offsets < 0 mean "no place". */
int sg__report(sg__diags *d, const char *rule, sg__at_kind at, long offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int sg__vreport(sg__diags *d, const char *rule, sg__at_kind at, long offset, const char *fmt,
                va_list ap) __attribute__((format(printf, 5, 0)));

/* ---- the stages ---- */

/* Decodes the operation JSON strictly; problems become op.invalid / limits
 * diagnostics. Returns -1 on allocation failure. */
int sg__decode_operation(sg__arena *arena, const char *json, size_t len,
                         const sg_check_options *opts, sg__operation *op, sg__diags *d);

/* Resolves the scope; problems become scope.invalid diagnostics. */
int sg__resolve_scope(sg__arena *arena, const sg_catalog *catalog, const sg__operation *op,
                      sg__scope *scope, sg__diags *d);

/* Binds each of facts->relations to a scoped table (rule.h's sg__binding)
 * and records the access each scoped table requires. */
struct sg__binding;
int sg__bind_relations(sg__arena *arena, const sg__facts *facts, sg__scope *scope,
                       const struct sg__binding **out);

/* ---- verdict ---- */

struct sg_verdict {
    sg__arena arena;
    sg__operation op;         /* op.root owned here */
    bool allowed;
    const char *operation;    /* kind as declared */
    const char *statement;    /* kind of the parsed statement, or NULL */
    sg_diagnostic *diags;
    size_t diag_count;
    bool diags_truncated;
    sg_resolved_table *tables;
    size_t table_count;
    const char *compiled_sql; /* NULL when not reached */
    const char **params_json; /* ordered, compact JSON */
    const cJSON **param_values; /* the same values, nodes of op.root */
    size_t param_count;
    /* named style: names[i] bound to $(i+1); NULL otherwise */
    const char **param_names;
    /* what an executor needs (borrowed from the catalog) */
    const sg__data_source *source;
    long long max_rows;
    long long statement_timeout_ms;
};

/* ---- text helpers (text.c) ---- */

/* True when `s` (len bytes) is valid UTF-8 without NUL bytes; else false and
 * *bad_offset is the first offending byte. */
bool sg__utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* 1-based line and column (in characters) of byte `offset` in `s`. */
void sg__line_col(const char *s, size_t len, size_t offset, long *line, long *column);

/* A token's place in JSON text. */
typedef struct sg__json_span {
    size_t offset, len;
} sg__json_span;

/* Lexical check of JSON text before cJSON sees it (jsonscan.c): bounds the
 * nesting depth, rejects invalid UTF-8, raw control characters and \u0000
 * escapes in strings, and numbers RFC 8259 does not allow. When `numbers` is
 * given, the span of every number token is appended to it in document order.
 * Returns NULL when fine, else a message with *offset set. */
const char *sg__json_prescan(const char *json, size_t len, unsigned max_depth, size_t *offset,
                             sg__arena *arena, sg__vec *numbers);
/* NULL when only whitespace follows `end` (where cJSON stopped), else a message. */
const char *sg__json_trailing(const char *json, size_t len, const char *end, size_t *offset);
/* Gives every number node of `root` its token text as valuestring (allocated
 * with cJSON's allocator, so cJSON_Delete frees it). -1 on allocation failure. */
int sg__json_attach_numbers(cJSON *root, const char *json, const sg__vec *numbers);
/* Compact JSON of a value, numbers exactly as written (valuestring), into the
 * arena; NULL on allocation failure. */
char *sg__json_print_value(sg__arena *arena, const cJSON *value);

/* Hints for SQL of another dialect (hints.c): a sentence naming the
 * PostgreSQL form, or NULL. Thread-safe. */
const char *sg__dialect_hint(const char *sql, size_t len);
const char *sg__function_hint(const char *name);

/* Fills *err (when given) with `code` and a message; returns `code`. */
int sg__set_error(sg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The first key of `object` not in the NULL-terminated `allowed`, or NULL. */
const char *sg__json_unknown_key(const cJSON *object, const char *const *allowed);
/* A key that occurs twice in `object` (small objects only), or NULL. */
const char *sg__json_duplicate_key(const cJSON *object);

/* cJSON allocations of the calling thread served from `arena` between open
 * and close, once sg_json_allocator_install() put the hooks in place
 * (jsonalloc.c); otherwise (active false) nothing changes. `failed` tells an
 * allocation that failed inside the window. */
typedef struct sg__json_window {
    sg__arena *arena;
    bool active;
    bool failed;
    struct sg__json_window *outer; /* the window this one is nested in, if any */
} sg__json_window;
void sg__json_window_open(sg__json_window *w, sg__arena *arena);
void sg__json_window_close(sg__json_window *w);
/* Whether the tree at `root` lives in the window's arena (no cJSON_Delete). */
bool sg__json_window_holds(const sg__json_window *w, const cJSON *root);

/* Bounds a policy's "limits" may set (policy.c); each is named like the
 * sg_check_options field it replaces, and the catalog's two by themselves. */
enum {
    SG__LIMIT_OPERATION_BYTES,
    SG__LIMIT_JSON_DEPTH,
    SG__LIMIT_SQL_BYTES,
    SG__LIMIT_PARAMETERS,
    SG__LIMIT_SCOPE_TABLES,
    SG__LIMIT_AST_DEPTH,
    SG__LIMIT_DIAGNOSTICS,
    SG__LIMIT_ROWS,
    SG__LIMIT_TIMEOUT_MS,
    SG__LIMIT_CATALOG_BYTES,
    SG__LIMIT_CATALOG_TABLES,
    SG__LIMIT_COUNT
};
/* The policy's value of bound `which`, or `fallback` when it sets none (or
 * there is no policy). */
long long sg__policy_limit(const sg_policy *policy, int which, long long fallback);
/* Replaces the fields of *options that `policy` (may be NULL) sets. */
void sg__policy_apply_limits(const sg_policy *policy, sg_check_options *options);

#endif
