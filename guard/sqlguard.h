/*
 * sqlguard.h - decide whether a governed SQL operation may run.
 *
 * A catalog is loaded once into an immutable handle and shared by any number
 * of threads; each sg_check() call decodes one operation, proves what its SQL
 * touches and returns a verdict the caller owns. Nothing here keeps global or
 * thread-local mutable state, so concurrent checks against one catalog are safe.
 *
 * Ownership: anything returned through an `**out` parameter belongs to the
 * caller and is released with the matching sg_*_free(); every getter returns a
 * pointer borrowed from its handle, valid until that handle is freed. Every
 * sg_*_free() accepts NULL.
 *
 * Failure comes in two kinds that never mix. A call that could not do its job
 * (out of memory, unreadable file, malformed catalog, bad argument) returns a
 * negative SG_E* code and, if the caller passed an sg_error, a message naming
 * what was wrong and where. Everything wrong with an operation or its SQL is a
 * diagnostic inside a verdict that denies; the call itself returns SG_OK.
 */
#ifndef SQLGUARD_H
#define SQLGUARD_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SG_VERSION_STRING "0.1.0"

/*
 * Error codes. Values are stable and never renumbered; new codes are appended.
 * XX(name, value, message)
 */
#define SG_ERRNO_MAP(XX)                                                                           \
    XX(ENOMEM, -1, "out of memory")                                                                \
    XX(EINVAL, -2, "invalid argument")                                                             \
    XX(EIO, -3, "input/output error")                                                              \
    XX(ECATALOG, -4, "invalid catalog")                                                            \
    XX(ETOOBIG, -5, "input exceeds a size limit")                                                  \
    XX(ERANGE, -6, "index out of range")

typedef enum {
    SG_OK = 0,
#define SG__ERR_ENUM(name, value, msg) SG_##name = value,
    SG_ERRNO_MAP(SG__ERR_ENUM)
#undef SG__ERR_ENUM
} sg_errcode;

/* Short symbolic name ("ENOMEM") and message of a code; never NULL. */
const char *sg_err_name(int code);
const char *sg_strerror(int code);

/* Detail of a failed call: the code and a message naming what and where. */
typedef struct sg_error {
    int code;
    char message[512];
} sg_error;

/* ------------------------------------------------------------------------ */
/* Catalog                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct sg_catalog sg_catalog;

/*
 * Loads a catalog from JSON text of `len` bytes (the text need not be
 * NUL-terminated). On success *out owns a new immutable catalog that any
 * number of threads may use at once. On failure returns SG_ECATALOG (or
 * SG_ENOMEM, SG_ETOOBIG), leaves *out NULL and fills *err when given.
 */
int sg_catalog_load(const char *json, size_t len, sg_catalog **out, sg_error *err);

/* As sg_catalog_load(), reading the file at `path` (SG_EIO when unreadable). */
int sg_catalog_load_file(const char *path, sg_catalog **out, sg_error *err);

void sg_catalog_free(sg_catalog *catalog);

size_t sg_catalog_table_count(const sg_catalog *catalog);

/* ------------------------------------------------------------------------ */
/* Checking                                                                  */
/* ------------------------------------------------------------------------ */

/*
 * Bounds and policy of a check. Initialise with SG_CHECK_OPTIONS_INIT, then
 * change fields; fields are only ever appended and `version` tells which a
 * caller knows. Passing NULL to sg_check() means the defaults below.
 */
typedef struct sg_check_options {
    unsigned version;
    size_t max_operation_bytes;  /* operation JSON text */
    unsigned max_json_depth;     /* nesting of arrays/objects in the operation */
    size_t max_sql_bytes;        /* the operation's SQL */
    unsigned max_parameters;     /* bound values; PostgreSQL's own limit is 65535 */
    unsigned max_scope_tables;   /* entries in scope.tables */
    unsigned max_ast_depth;      /* nesting of the parse tree the walker accepts */
    unsigned max_diagnostics;    /* diagnostics kept per verdict */
    long long max_rows_bound;    /* limits.max_rows may not exceed this */
    long long max_timeout_ms;    /* limits.statement_timeout_ms may not exceed this */
} sg_check_options;

#define SG_CHECK_OPTIONS_VERSION 1
#define SG_CHECK_OPTIONS_INIT                                                                      \
    {                                                                                              \
        SG_CHECK_OPTIONS_VERSION, 4u << 20, 64, 1u << 20, 65535, 256, 1000, 100, 100000, 600000     \
    }

typedef struct sg_verdict sg_verdict;

/*
 * Checks one operation (JSON text of `len` bytes) against `catalog`.
 * Returns SG_OK and a verdict in *out whenever the operation could be judged,
 * including when it is malformed (that is an op.invalid diagnostic). Returns
 * a negative code, with *out NULL, only when the call itself failed
 * (SG_EINVAL for NULL arguments, SG_ENOMEM).
 */
int sg_check(const sg_catalog *catalog, const char *operation_json, size_t len,
             const sg_check_options *options, sg_verdict **out);

void sg_verdict_free(sg_verdict *verdict);

/* True exactly when no diagnostic has severity error. */
bool sg_verdict_allowed(const sg_verdict *verdict);

/* The operation kind as declared ("select", ...), or "" when it was unreadable. */
const char *sg_verdict_operation(const sg_verdict *verdict);

typedef enum { SG_SEVERITY_WARNING = 1, SG_SEVERITY_ERROR = 2 } sg_severity;

/*
 * A diagnostic. offset is a byte offset into the caller's original SQL, line
 * and column are 1-based (column counts characters); all three are -1 when
 * the diagnostic has no place in the SQL (a bad key in the operation, say).
 */
typedef struct sg_diagnostic {
    const char *rule;
    sg_severity severity;
    const char *message;
    long offset;
    long line;
    long column;
} sg_diagnostic;

size_t sg_verdict_diagnostic_count(const sg_verdict *verdict);
const sg_diagnostic *sg_verdict_diagnostic(const sg_verdict *verdict, size_t index);

/* Access levels, as declared by the scope and as required by the SQL. */
typedef enum { SG_ACCESS_NONE = 0, SG_ACCESS_READ = 1, SG_ACCESS_WRITE = 2 } sg_access;

/* A scoped table as resolved against the catalog. */
typedef struct sg_resolved_table {
    const char *meta_table_uid;
    const char *alias;
    const char *schema;
    const char *name;     /* physical table name */
    sg_access declared;   /* what the scope grants */
    sg_access required;   /* what the SQL needs (NONE when unused) */
} sg_resolved_table;

size_t sg_verdict_table_count(const sg_verdict *verdict);
const sg_resolved_table *sg_verdict_table(const sg_verdict *verdict, size_t index);

/* The SQL with placeholders compiled to $1..$n, or NULL when it was not reached. */
const char *sg_verdict_compiled_sql(const sg_verdict *verdict);

/* Ordered parameters: parameter i (0-based) is bound to $(i+1). The value is
 * returned as compact JSON text, borrowed from the verdict. */
size_t sg_verdict_parameter_count(const sg_verdict *verdict);
const char *sg_verdict_parameter_json(const sg_verdict *verdict, size_t index);

/*
 * Serialises the verdict as one line of JSON (the contract's verdict object).
 * *out receives a NUL-terminated string the caller releases with sg_free().
 */
int sg_verdict_to_json(const sg_verdict *verdict, char **out);

/* Releases memory that the library handed to the caller as a plain buffer. */
void sg_free(void *ptr);

/* ------------------------------------------------------------------------ */
/* Rules                                                                     */
/* ------------------------------------------------------------------------ */

/* The rule table: stable ids, one-line summaries, default severities. */
size_t sg_rule_count(void);
const char *sg_rule_id(size_t index);
const char *sg_rule_summary(size_t index);
sg_severity sg_rule_default_severity(size_t index);

#ifdef __cplusplus
}
#endif

#endif /* SQLGUARD_H */
