/*
 * sqlguard.h - decide whether a governed SQL operation may run.
 *
 * A catalog is loaded once into an immutable handle and shared by any number
 * of threads; each sg_check() call decodes one operation, proves what its SQL
 * touches and returns a verdict the caller owns. Catalogs, policies and
 * verdicts are never written after they are made, so concurrent checks
 * against one catalog and policy are safe. (A verdict prints its parameter
 * values as JSON text when first asked for them and publishes that text
 * atomically; threads may read one verdict at once.)
 *
 * State outside the handles, all of it safe for concurrent checks:
 *  - libpg_query, which parses the SQL, keeps parser memory per thread: a
 *    thread that has checked holds it until the thread exits (or calls
 *    libpg_query's pg_query_exit()).
 *  - Once sg_json_allocator_install() has put process-wide cJSON hooks in
 *    place, each thread has a thread-local "window" that serves cJSON's
 *    allocations from the check's arena while the check decodes.
 *  - cJSON itself records its last parse error in one process-wide variable,
 *    which every parse writes and sqlguard never reads.
 *  - The SQL-dialect hints are compiled once per process under pthread_once
 *    and only read afterwards.
 * The allocation-failure hooks that tests use exist only in the testing build
 * of the library, never in the installed one.
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

/*
 * The version of this header: MAJOR.MINOR.PATCH (the build reads it from
 * here). SG_ABI_VERSION is the shared library's ABI: its soname is
 * libsqlguard.so.SG_ABI_VERSION, and it changes exactly when a change breaks
 * programs built against an earlier header (a function removed or changed, a
 * struct field moved). Appending functions or versioned struct fields keeps it.
 */
#define SG_VERSION_MAJOR 0
#define SG_VERSION_MINOR 1
#define SG_VERSION_PATCH 0
#define SG_VERSION_STRING "0.1.0"
#define SG_ABI_VERSION 0

/*
 * SG_API marks the library's public functions. The shared library is built
 * with hidden visibility, so these are the only symbols it exports.
 */
#if defined(__GNUC__) || defined(__clang__)
#define SG_API __attribute__((visibility("default")))
#else
#define SG_API
#endif

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
    XX(ERANGE, -6, "index out of range")                                                           \
    XX(EDENIED, -7, "the verdict denies the operation")                                            \
    XX(ECONNECT, -8, "cannot connect to the data source")                                          \
    XX(EPOLICY, -9, "invalid policy")                                                              \
    XX(EBUSY, -10, "no pooled connection became free in time")

typedef enum {
    SG_OK = 0,
#define SG__ERR_ENUM(name, value, msg) SG_##name = value,
    SG_ERRNO_MAP(SG__ERR_ENUM)
#undef SG__ERR_ENUM
} sg_errcode;

/*
 * What the running library is, which may be newer than the header a program
 * was compiled with: its version (as SG_VERSION_STRING and its three numbers),
 * its ABI, and the PostgreSQL release whose grammar parses the SQL
 * (libpg_query's copy of PostgreSQL's parser: "15.1", 150001). The struct is
 * static and never freed; fields are only ever appended.
 */
typedef struct sg_version_info {
    const char *version; /* "0.1.0" */
    unsigned major, minor, patch;
    unsigned abi;           /* the N of libsqlguard.so.N */
    const char *pg_version; /* PostgreSQL grammar, "15.1" */
    long pg_version_num;    /* the same as a number, 150001 */
} sg_version_info;

SG_API const sg_version_info *sg_version(void);

/* Short symbolic name ("ENOMEM") and message of a code; never NULL. */
SG_API const char *sg_err_name(int code);
SG_API const char *sg_strerror(int code);

/* Detail of a failed call: the code and a message naming what and where. */
typedef struct sg_error {
    int code;
    char message[512];
} sg_error;

/* ------------------------------------------------------------------------ */
/* Files                                                                     */
/* ------------------------------------------------------------------------ */

/* sg_read_file() flags. */
#define SG_READ_REGULAR 1u /* refuse anything but a regular file ("-" included) */

/*
 * Reads the whole file at `path` ("-": standard input) into *out, a
 * NUL-terminated buffer of *len bytes the caller releases with sg_free(); the
 * same reader sg_catalog_load_file() and sg_policy_load_file() use. At most
 * `max_bytes` are accepted: a longer file is SG_ETOOBIG, found after reading
 * at most one byte past the bound. An unreadable path, a directory, or (with
 * SG_READ_REGULAR) anything but a regular file is SG_EIO. Every error fills
 * *err with "PATH: what went wrong". Opening never blocks on a FIFO.
 */
SG_API int sg_read_file(const char *path, size_t max_bytes, unsigned flags, char **out, size_t *len,
                        sg_error *err);

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
SG_API int sg_catalog_load(const char *json, size_t len, sg_catalog **out, sg_error *err);

/* As sg_catalog_load(), reading the file at `path` (SG_EIO when unreadable). */
SG_API int sg_catalog_load_file(const char *path, sg_catalog **out, sg_error *err);

SG_API void sg_catalog_free(sg_catalog *catalog);

SG_API size_t sg_catalog_table_count(const sg_catalog *catalog);

/* ------------------------------------------------------------------------ */
/* Policy                                                                    */
/* ------------------------------------------------------------------------ */

/*
 * A policy tunes the rules: severities ("error", "warning", "off") and rule
 * options, with patterns compiled once (PCRE2, JIT where available). Like a
 * catalog it is immutable once loaded and shared by threads. Rules that guard
 * the proof itself (see `sqlguard rules`) cannot be turned off or made
 * warnings; asking for it is a load error.
 *
 *   {"version": 1,
 *    "rules": {"scope.unused-table": "off",
 *              "paginate.order-by-required": {"severity": "warning"},
 *              "func.denied": {"options": {"allow": ["^app\\."], "deny": ["^app\\.admin_"]}}},
 *    "limits": {"max_sql_bytes": 65536, "max_parameters": 1000}}
 *
 * "limits" replaces the bounds of sg_check_options of the same name (and
 * max_rows / max_statement_timeout_ms for max_rows_bound / max_timeout_ms),
 * plus the catalog's max_catalog_bytes / max_catalog_tables, for every check
 * given the policy; each value is an integer from 1 to a ceiling the guard
 * can hold safely (e.g. 65535 parameters, parse-tree depth 1000).
 *
 * "lint": {"profile": ..., "placeholders": ...} chooses the lint profile and
 * the placeholder style of .sql text (sg_lint_profile, sg_lint_placeholders);
 * checks ignore it.
 *
 * func.denied's "mode": "deny-only" is for lint (sg_lint_sql, sg_lint_text):
 * sg_check() refuses it, every verdict under such a policy denying with a
 * func.denied finding that says so. A pattern PCRE2 cannot decide (a match
 * limit) fails closed: a deny pattern denies, an allow pattern does not allow.
 */
typedef struct sg_policy sg_policy;

/* As sg_catalog_load(): SG_EPOLICY with a message naming the key on error. */
SG_API int sg_policy_load(const char *json, size_t len, sg_policy **out, sg_error *err);
SG_API int sg_policy_load_file(const char *path, sg_policy **out, sg_error *err);
SG_API void sg_policy_free(sg_policy *policy);

/*
 * As sg_catalog_load() and sg_catalog_load_file(), with the catalog bounds
 * (max_catalog_bytes, max_catalog_tables) of `policy`'s "limits" where it
 * sets them; NULL means the defaults (64 MiB, 100000 tables).
 */
SG_API int sg_catalog_load_policy(const char *json, size_t len, const sg_policy *policy,
                                  sg_catalog **out, sg_error *err);
SG_API int sg_catalog_load_file_policy(const char *path, const sg_policy *policy, sg_catalog **out,
                                       sg_error *err);

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
    size_t max_operation_bytes; /* operation JSON text */
    unsigned max_json_depth;    /* nesting of arrays/objects in the operation */
    size_t max_sql_bytes;       /* the operation's SQL */
    unsigned max_parameters;    /* bound values; PostgreSQL's own limit is 65535 */
    unsigned max_scope_tables;  /* entries in scope.tables */
    unsigned max_ast_depth;     /* nesting of the parse tree the walker accepts */
    unsigned max_diagnostics;   /* diagnostics kept per verdict (errors first) */
    long long max_rows_bound;   /* limits.max_rows may not exceed this */
    long long max_timeout_ms;   /* limits.statement_timeout_ms may not exceed this */
    /* version 2 */
    const sg_policy *policy; /* NULL: every rule at its default; must outlive the check */
} sg_check_options;

#define SG_CHECK_OPTIONS_VERSION 2
#define SG_CHECK_OPTIONS_INIT                                                                      \
    {                                                                                              \
        SG_CHECK_OPTIONS_VERSION, 4u << 20, 64, 1u << 20, 65535, 256, 1000, 100, 100000, 600000,   \
            NULL                                                                                   \
    }

/*
 * Replaces the fields of *options that options->policy's "limits" set, as
 * sg_check() does internally; for a caller that sizes its own reads by the
 * bounds (the command line reads at most max_operation_bytes a line).
 */
SG_API void sg_check_options_apply_policy(sg_check_options *options);

typedef struct sg_verdict sg_verdict;

/*
 * Optional, for speed: makes cJSON (the JSON library sqlguard decodes
 * operations with) build each operation's parse tree in the check's own arena
 * instead of one heap allocation per node, which saves about 12 % of the
 * instructions of a small check. It does so with cJSON_InitHooks(), which is
 * process-wide: call it once at start-up, and only in a program where nothing
 * else installs cJSON hooks of its own (other cJSON users keep getting
 * malloc/free through the hooks). Idempotent and thread-safe; returns SG_OK.
 * The sqlguard command line calls it.
 */
SG_API int sg_json_allocator_install(void);

/*
 * Checks one operation (JSON text of `len` bytes) against `catalog`.
 * Returns SG_OK and a verdict in *out whenever the operation could be judged,
 * including when it is malformed (that is an op.invalid diagnostic). Returns
 * a negative code, with *out NULL, only when the call itself failed
 * (SG_EINVAL for NULL arguments or options past a bound's ceiling, which a
 * policy's "limits" has too: max_operation_bytes and max_sql_bytes 64 MiB,
 * max_json_depth 512, max_parameters and max_scope_tables 65535,
 * max_ast_depth 1000, max_diagnostics 10000, max_rows_bound 10^15,
 * max_timeout_ms 2147483647; SG_ENOMEM).
 */
SG_API int sg_check(const sg_catalog *catalog, const char *operation_json, size_t len,
                    const sg_check_options *options, sg_verdict **out);

/*
 * How the placeholders of linted .sql text are written. A policy chooses
 * with "lint": {"placeholders": "auto" | "psycopg" | "dollar" | "none"};
 * sg_lint_options.placeholders, when not DEFAULT, wins over the policy.
 *  - PSYCOPG: %(name)s and %s, compiled as psycopg does, which reads the whole
 *    query text: a lone '%' in a string literal, comment or dollar-quoted body
 *    breaks cursor.execute(query, params) and is reported in those words.
 *  - DOLLAR: PostgreSQL's own $1..$n; a '%' is plain SQL wherever it stands.
 *  - NONE: plain SQL run as it is, without parameters: a $n is reported.
 *  - AUTO (the default): PSYCOPG when the text (a whole file for
 *    sg_lint_text(), the statement for sg_lint_sql()) writes %s or %(name)s
 *    outside string literals, quoted identifiers, comments and dollar-quoted
 *    bodies; DOLLAR otherwise.
 * Operations (sg_check(), and operation files in lint) always use psycopg's.
 */
typedef enum {
    SG_LINT_PLACEHOLDERS_DEFAULT = 0, /* the policy's choice, else AUTO */
    SG_LINT_PLACEHOLDERS_AUTO,
    SG_LINT_PLACEHOLDERS_PSYCOPG,
    SG_LINT_PLACEHOLDERS_DOLLAR,
    SG_LINT_PLACEHOLDERS_NONE
} sg_lint_placeholders;

/*
 * The severities and options lint gives .sql statements where the policy
 * sets none. A policy chooses with "lint": {"profile": "repository" |
 * "strict"}; sg_lint_options.profile, when not DEFAULT, wins over the policy.
 *  - REPOSITORY (the default): sane for a repository's SQL. func.denied runs
 *    in deny-only mode (a function pg_catalog does not have passes; the
 *    built-ins classified denied stay denied), paginate.order-by-required is
 *    a warning, and the rules that only mean something for a governed
 *    operation are off: stmt.row-lock, stmt.data-modifying-cte,
 *    scope.unused-table, column.unlisted, params.unused, limits.bounds,
 *    limits.invalid.
 *  - STRICT: every rule at its default, as `sqlguard check` judges; the
 *    stmt.* rules are warnings.
 * Neither applies to sg_check(), `sqlguard exec`, or operation files in lint.
 */
typedef enum {
    SG_LINT_PROFILE_DEFAULT = 0, /* the policy's choice, else REPOSITORY */
    SG_LINT_PROFILE_REPOSITORY,
    SG_LINT_PROFILE_STRICT
} sg_lint_profile;

/*
 * Lints one SQL statement on its own, as `sqlguard lint` does for .sql files:
 * there is no operation, so placeholders (in the style options->placeholders
 * resolves to) are compiled but have no values, the statement is judged as
 * the statement it is (no operation kind is declared: row locks and
 * data-modifying WITH queries are the stmt.* rules' business), limits are
 * not checked, and statements other than DML (migrations) are not reported.
 * Severities and options come from the policy over the lint profile.
 * With a catalog, relations must be tables of the data source (the first one
 * unless named); without one (NULL) scope rules are skipped. Returns a
 * verdict like sg_check().
 */
typedef struct sg_lint_options {
    unsigned version;
    const sg_policy *policy;     /* NULL: defaults */
    const char *data_source_uid; /* NULL: the catalog's first data source */
    /* version 2 */
    sg_lint_profile profile;           /* DEFAULT: the policy's, else REPOSITORY */
    sg_lint_placeholders placeholders; /* DEFAULT: the policy's, else AUTO */
    /* version 3 */
    bool without_lines; /* sg_lint_text()/sg_lint_file() keep no lines of the text
                         * (sg_lint_result_line() is NULL for every line): for a
                         * caller that shows none, a result costs its findings only */
    /* version 4 */
    /* The text is a migration's, whatever it holds (the command line says so
     * of a path that follows a migration tool's naming): its DML is judged
     * without the catalog, as that of a text with DDL is, and the repository
     * profile lets pg_catalog's built-ins of the side-effect and session-state
     * classes pass (a migration sets sequences, settings and locks). */
    bool migration;
    /* version 5 */
    /* The schemas unqualified table names are looked up in, in order, as
     * `SET search_path` writes them ("app, public", names quoted or not,
     * `$user` and pg_temp passed over); NULL: the data source's default
     * schema. sg_lint_text() and sg_lint_file() follow the text's own `SET
     * search_path` statements from this start. */
    const char *search_path;
    /* version 6 */
    /* The text is a script that runs once, for no caller, against the schema
     * the catalog describes (the command line says so of a seed's or a
     * fixture's path): the catalog judges its statements, the rules about a
     * caller's pages and values stay quiet, and the repository profile lets
     * the built-ins pass that it lets pass in a migration (a seed sets its
     * sequences with setval). */
    bool script;
    /* version 7 */
    /* The text undoes a migration as a whole (the command line says so of
     * a path a migration tool names so: Flyway's `U3__x.sql`,
     * golang-migrate's `*.down.sql`, sqitch's `revert/`, ...): a down
     * section from its first line, where an UPDATE or DELETE of every row is
     * what it means to do (dml.missing-where stays quiet). */
    bool undo;
} sg_lint_options;

#define SG_LINT_OPTIONS_VERSION 7
#define SG_LINT_OPTIONS_INIT                                                                       \
    {                                                                                              \
        SG_LINT_OPTIONS_VERSION, NULL, NULL, SG_LINT_PROFILE_DEFAULT,                              \
            SG_LINT_PLACEHOLDERS_DEFAULT, false, false, NULL, false, false                         \
    }

SG_API int sg_lint_sql(const sg_catalog *catalog, const char *sql, size_t len,
                       const sg_lint_options *options, sg_verdict **out);

/* Lints the catalog itself: naming.table-prefix over its physical table names
 * (diagnostics without a place in SQL). Returns a verdict like sg_check(). */
SG_API int sg_lint_catalog(const sg_catalog *catalog, const sg_policy *policy, sg_verdict **out);

SG_API void sg_verdict_free(sg_verdict *verdict);

/* True exactly when no diagnostic has severity error. */
SG_API bool sg_verdict_allowed(const sg_verdict *verdict);

/* The operation kind as declared ("select", ...), or "" when it was unreadable. */
SG_API const char *sg_verdict_operation(const sg_verdict *verdict);

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

SG_API size_t sg_verdict_diagnostic_count(const sg_verdict *verdict);
/* True when more diagnostics were found than the verdict keeps
 * (max_diagnostics): warnings are dropped first, so an error that denies is
 * always among those kept. */
SG_API bool sg_verdict_diagnostics_truncated(const sg_verdict *verdict);
SG_API const sg_diagnostic *sg_verdict_diagnostic(const sg_verdict *verdict, size_t index);

/* Access levels, as declared by the scope and as required by the SQL. */
typedef enum { SG_ACCESS_NONE = 0, SG_ACCESS_READ = 1, SG_ACCESS_WRITE = 2 } sg_access;

/* A scoped table as resolved against the catalog. */
typedef struct sg_resolved_table {
    const char *meta_table_uid;
    const char *alias;
    const char *schema;
    const char *name;   /* physical table name */
    sg_access declared; /* what the scope grants */
    sg_access required; /* what the SQL needs (NONE when unused) */
} sg_resolved_table;

SG_API size_t sg_verdict_table_count(const sg_verdict *verdict);
SG_API const sg_resolved_table *sg_verdict_table(const sg_verdict *verdict, size_t index);

/*
 * The SQL with placeholders compiled to $1..$n, or NULL when it was not
 * reached. In a check (not in lint) every relation the statement names, and
 * every type outside pg_catalog, carries the schema the guard resolved it to:
 * the text is meant to run under sg_verdict_search_path().
 */
SG_API const char *sg_verdict_compiled_sql(const sg_verdict *verdict);

/*
 * The search_path the compiled SQL must run under, "pg_catalog, pg_temp", so
 * that functions, operators and types resolve only in pg_catalog, where the
 * guard judged them (an overload or operator in any other schema is
 * unreachable; PostgreSQL never searches pg_temp for functions or
 * operators). NULL when there is no compiled SQL to run (lint, or the SQL was
 * not reached). Every executor MUST set it (sqlguard/executor.h).
 */
SG_API const char *sg_verdict_search_path(const sg_verdict *verdict);

/* Ordered parameters: parameter i (0-based) is bound to $(i+1). The value is
 * returned as compact JSON text, borrowed from the verdict; the texts are
 * printed on the first call, so that a check whose caller never asks pays
 * nothing for them. NULL for an index out of range, and when memory ran out
 * printing them. */
SG_API size_t sg_verdict_parameter_count(const sg_verdict *verdict);
SG_API const char *sg_verdict_parameter_json(const sg_verdict *verdict, size_t index);
/* The name parameter i was bound by when the operation's parameters are an
 * object (%(name)s): borrowed from the verdict. NULL for positional
 * parameters (an array) and for an index out of range. */
SG_API const char *sg_verdict_parameter_name(const sg_verdict *verdict, size_t index);

/*
 * Serialises the verdict as one line of JSON (the contract's verdict object).
 * *out receives a NUL-terminated string the caller releases with sg_free().
 */
SG_API int sg_verdict_to_json(const sg_verdict *verdict, char **out);
/*
 * The same text written into a buffer the caller keeps from one verdict to
 * the next (a stream of verdicts then allocates nothing once the buffer is
 * large enough): *buf is NULL or memory an earlier call gave, *cap its size;
 * both are updated when the buffer grows, and the caller releases it with
 * sg_free() in the end. On SG_OK the text is NUL-terminated and *len bytes
 * long; on SG_ENOMEM the buffer stays the caller's (with its old contents
 * lost) and *len is 0. SG_EINVAL for a NULL argument.
 */
SG_API int sg_verdict_to_json_buf(const sg_verdict *verdict, char **buf, size_t *cap, size_t *len);

/* A verdict borrows names from its catalog: free the verdict first. */

/* Releases memory that the library handed to the caller as a plain buffer. */
SG_API void sg_free(void *ptr);

/* ------------------------------------------------------------------------ */
/* Executors                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * Executors run the statement of an allowed verdict. Two are built in (libpq,
 * and dryrun, which runs nothing); an application can bring its own through
 * the vtable of sqlguard/executor.h (included at the end of this header),
 * which also says what every executor MUST do: among it, the search path is
 * pg_catalog, then the data source's default schema, then pg_temp.
 */
typedef struct sg_executor sg_executor;

/* How a statement ended: fields in sqlguard/executor.h. */
typedef struct sg_exec_outcome sg_exec_outcome;

/* The built-in dryrun executor: runs nothing, and returns one row describing
 * what the libpq executor would send: "settings" (the session setup, the very
 * text libpq sends before the statement), "statement", "parameters" (a JSON
 * array of their PostgreSQL text forms) and "max_rows". */
SG_API int sg_executor_new_dryrun(sg_executor **out);

/* The built-in libpq executor. A data source's own `dsn` in the catalog wins;
 * otherwise `default_dsn` (may be NULL: libpq's environment defaults). Up to
 * `pool_size` connections per DSN are kept and shared by threads. */
SG_API int sg_executor_new_libpq(const char *default_dsn, unsigned pool_size, sg_executor **out,
                                 sg_error *err);

/* Options of the libpq executor; initialise with SG_LIBPQ_OPTIONS_INIT. */
typedef struct sg_libpq_options {
    unsigned version;
    const char *default_dsn; /* see sg_executor_new_libpq() */
    unsigned pool_size;      /* connections per DSN, 1..64 */
    bool rollback_only;      /* run each statement, then roll back instead of committing */
    const char *role;        /* SET LOCAL ROLE to this role in every transaction, or NULL */
    /* version 2: how long sg_execute() waits for a pooled connection while all are busy before
     * failing with SG_EBUSY; 0: without bound. Version 1 options get the default, 30000. */
    long long pool_wait_ms;
} sg_libpq_options;

#define SG_LIBPQ_OPTIONS_VERSION 2
#define SG_LIBPQ_OPTIONS_INIT                                                                      \
    {                                                                                              \
        SG_LIBPQ_OPTIONS_VERSION, NULL, 4, false, NULL, 30000                                      \
    }

/* SG_EINVAL (with *err) for a pool size out of range, a negative pool wait, or a role that
 * cannot be written as an identifier (empty, not UTF-8, longer than 63 bytes). */
SG_API int sg_executor_new_libpq_opts(const sg_libpq_options *options, sg_executor **out,
                                      sg_error *err);

/* The dryrun executor showing what a libpq executor made with `options`
 * (NULL: the defaults) would send, its role included; the DSN and pool size
 * are not used. */
SG_API int sg_executor_new_dryrun_opts(const sg_libpq_options *options, sg_executor **out,
                                       sg_error *err);

SG_API void sg_executor_free(sg_executor *executor);

typedef struct sg_result sg_result;

/*
 * Runs the statement of an allowed verdict. Returns SG_EDENIED (without any
 * call into the executor) when the verdict denies; otherwise SG_OK with a
 * result in *out whose outcome says whether the server ran the statement,
 * or a negative code (with *err): SG_ENOMEM when memory ran out, another
 * when the executor could not reach the server.
 * The verdict and its catalog must outlive the call.
 */
SG_API int sg_execute(sg_executor *executor, const sg_verdict *verdict, sg_result **out,
                      sg_error *err);

SG_API void sg_result_free(sg_result *result);
SG_API const sg_exec_outcome *sg_result_outcome(const sg_result *result);
SG_API size_t sg_result_column_count(const sg_result *result);
SG_API const char *sg_result_column(const sg_result *result, size_t index);
SG_API size_t sg_result_row_count(const sg_result *result);
/* Borrowed text of a cell; NULL for SQL NULL or out of range. */
SG_API const char *sg_result_value(const sg_result *result, size_t row, size_t column);

/*
 * The result as JSON: {"columns": [...], "rows": [[...], ...], "pagination":
 * {"max_rows", "returned", "has_more", "next_offset"}, "error": {...} | null}.
 * *out is released with sg_free().
 */
SG_API int sg_result_to_json(const sg_result *result, char **out);

/* ------------------------------------------------------------------------ */
/* Rules                                                                     */
/* ------------------------------------------------------------------------ */

/* The rule table: stable ids, one-line summaries, default severities. */
SG_API size_t sg_rule_count(void);
SG_API const char *sg_rule_id(size_t index);
SG_API const char *sg_rule_summary(size_t index);
SG_API sg_severity sg_rule_default_severity(size_t index);
/* A locked rule cannot be turned off or made a warning by a policy. */
SG_API bool sg_rule_locked(size_t index);
/* The severity the rule reports at when lint judges a .sql statement under
 * `profile` (DEFAULT: REPOSITORY) and a policy that does not name the rule:
 * an sg_severity, or 0 when the profile turns the rule off. */
SG_API int sg_rule_lint_severity(size_t index, sg_lint_profile profile);
/* The options a policy may set for the rule, with one line of help each. */
SG_API size_t sg_rule_option_count(size_t index);
SG_API const char *sg_rule_option_name(size_t index, size_t option);
SG_API const char *sg_rule_option_help(size_t index, size_t option);

/* ------------------------------------------------------------------------ */
/* Catalog queries                                                           */
/* ------------------------------------------------------------------------ */

/*
 * The data sources and tables of a loaded catalog, by index from 0 to the
 * count less one. Strings are borrowed from the catalog; an index out of
 * range (or a NULL catalog) gives NULL.
 */
SG_API size_t sg_catalog_data_source_count(const sg_catalog *catalog);
SG_API const char *sg_catalog_data_source_uid(const sg_catalog *catalog, size_t index);
SG_API const char *sg_catalog_data_source_default_schema(const sg_catalog *catalog, size_t index);
/* True when the catalog has a data source with this uid; its index goes to
 * *index when index is not NULL. */
SG_API bool sg_catalog_find_data_source(const sg_catalog *catalog, const char *uid, size_t *index);

/* Table `index` of sg_catalog_table_count(): its uid, data source, schema and
 * physical table name. */
SG_API const char *sg_catalog_table_uid(const sg_catalog *catalog, size_t index);
SG_API const char *sg_catalog_table_data_source_uid(const sg_catalog *catalog, size_t index);
SG_API const char *sg_catalog_table_schema(const sg_catalog *catalog, size_t index);
SG_API const char *sg_catalog_table_name(const sg_catalog *catalog, size_t index);

/* ------------------------------------------------------------------------ */
/* The checked SQL                                                           */
/* ------------------------------------------------------------------------ */

/*
 * The operation's SQL as the caller wrote it (the SQL sg_lint_sql() was
 * given), NUL-terminated, borrowed from the verdict; diagnostic places (line,
 * column, offset) point into it. NULL when the operation had none that could
 * be read (not JSON, no "sql" string, SQL that is not UTF-8 text).
 */
SG_API const char *sg_verdict_sql(const sg_verdict *verdict);

/* ------------------------------------------------------------------------ */
/* Linting whole texts                                                       */
/* ------------------------------------------------------------------------ */

/*
 * sg_lint_text() lints a whole file's text as `sqlguard lint` does. SQL text
 * (SG_LINT_INPUT_SQL) is cut into statements by PostgreSQL's own scanner and
 * splitter and each statement is linted as sg_lint_sql() does; its
 * suppression comments are honoured:
 *
 *   -- sqlguard-disable-next-line RULE[, RULE] [-- reason]
 *   -- sqlguard-disable RULE[, RULE] [-- reason]  ...  -- sqlguard-enable RULE[, RULE]
 *
 * (or the same in slash-star comments). JSON text (SG_LINT_INPUT_JSON) that
 * is an object with "operation" and "sql" members is checked as sg_check() does,
 * against `catalog` and options->policy, and the findings are placed in the
 * text (an operation is not checked without a catalog). Either way findings
 * are placed in the text: offset in bytes, line and column 1-based, the
 * column counted in characters and a leading UTF-8 byte order mark not
 * counted; all three are -1 for a finding about the whole text. Text that is
 * not UTF-8, holds a NUL byte or (for JSON) is not valid JSON is one
 * lint.file finding. lint's own findings (see sg_lint_rule_*) are never
 * suppressed.
 */
typedef enum { SG_LINT_INPUT_SQL = 1, SG_LINT_INPUT_JSON = 2 } sg_lint_input;

/* What sg_lint_text() made of the text. */
typedef enum {
    SG_LINT_STATUS_SQL = 1,       /* SQL: its statements were linted */
    SG_LINT_STATUS_CHECKED,       /* JSON holding an operation, which was checked */
    SG_LINT_STATUS_SKIPPED,       /* JSON holding an operation, not checked: no catalog */
    SG_LINT_STATUS_NOT_OPERATION, /* valid JSON that is not an operation: nothing reported */
    SG_LINT_STATUS_UNREADABLE     /* not UTF-8 text, or not valid JSON: one lint.file finding */
} sg_lint_status;

typedef struct sg_lint_finding {
    const char *rule;
    sg_severity severity;
    const char *message;
    long offset, line, column; /* in the text, see above; -1 for the whole text */
    bool suppressed;           /* by a suppression comment */
    const char *reason;        /* the suppression's reason, NULL when it gave none */
} sg_lint_finding;

typedef struct sg_lint_result sg_lint_result;

/*
 * Lints `len` bytes of `text` (need not be NUL-terminated) as `input` says,
 * under `options` (NULL: SG_LINT_OPTIONS_INIT; its data source applies to SQL
 * text). `catalog` may be NULL: scope rules are then skipped and operations
 * not checked. On SG_OK *out owns a result, released with
 * sg_lint_result_free(), that does not refer to `text` (it keeps copies of
 * the lines its findings are on). Returns
 * SG_EINVAL for a NULL `out`, a NULL `text` with a length, an unknown `input`
 * or options version, SG_ETOOBIG for text of 4 GiB or more, and SG_ENOMEM
 * when memory ran out anywhere (never a finding); *out is then NULL.
 */
SG_API int sg_lint_text(const sg_catalog *catalog, const char *text, size_t len,
                        sg_lint_input input, const sg_lint_options *options, sg_lint_result **out);

/*
 * As sg_lint_text(), the text of the regular file at `path`, read in parts as
 * lint goes rather than whole: linting it costs about a part of it (tens of
 * kilobytes) plus its findings and the lines they are on, not its size. The
 * file is opened as sg_read_file() with SG_READ_REGULAR opens it: a path that
 * cannot be read, a directory or anything but a regular file is SG_EIO, a
 * file over `max_bytes` SG_ETOOBIG. A file that changes while it is linted
 * (it gets shorter, or a part read again differs from the first read in its
 * line breaks, NUL bytes or UTF-8) is SG_EIO rather than a result about text
 * that never was. Every error but SG_ENOMEM fills *err with "PATH: what went
 * wrong"; SG_EINVAL as sg_lint_text() (and for a NULL `path`).
 */
SG_API int sg_lint_file(const sg_catalog *catalog, const char *path, size_t max_bytes,
                        sg_lint_input input, const sg_lint_options *options, sg_lint_result **out,
                        sg_error *err);

SG_API void sg_lint_result_free(sg_lint_result *result);

SG_API sg_lint_status sg_lint_result_status(const sg_lint_result *result);
/* SQL statements linted (0 for JSON text). */
SG_API size_t sg_lint_result_statement_count(const sg_lint_result *result);
/* The bytes of heap memory `result` holds (its findings, their texts and the
 * lines kept), for a caller that bounds how many results it keeps waiting. */
SG_API size_t sg_lint_result_memory(const sg_lint_result *result);
/* The findings in place order: line, column, rule, message (the whole-text
 * ones first); suppressed ones included. Borrowed from the result. */
SG_API size_t sg_lint_result_finding_count(const sg_lint_result *result);
/* Copies finding `index` to *out (its strings are borrowed from the result:
 * the result keeps its findings in a smaller form than this one); false for
 * an index out of range or a NULL argument. */
SG_API bool sg_lint_result_get_finding(const sg_lint_result *result, size_t index,
                                       sg_lint_finding *out);
/* Finding `index`, borrowed from the result; NULL for an index out of range
 * or when memory ran out. Kept for programs built against it: the result
 * keeps its findings in a smaller form, and the first call makes a copy of
 * them all in this one (safe from any number of threads); prefer
 * sg_lint_result_get_finding(), which allocates nothing. */
SG_API const sg_lint_finding *sg_lint_result_finding(const sg_lint_result *result, size_t index);
/* The text of line `line` (1-based) when a finding is on it, without its
 * line break (nor a carriage return before it, nor the byte order mark of
 * line 1), *len bytes, borrowed from the result; NULL with *len 0 for any
 * other line (the result keeps only the lines its findings are on, not the
 * text). */
SG_API const char *sg_lint_result_line(const sg_lint_result *result, long line, size_t *len);

/*
 * lint's own rules: findings about the text or its suppression comments
 * rather than the SQL (lint.file, lint.unused-suppression, lint.unknown-rule,
 * lint.bad-suppression). They are not in the rule table above: no policy
 * tunes them and no comment suppresses them. Summary is one line, help a
 * paragraph; NULL for an index out of range.
 */
#define SG_LINT_RULE_FILE "lint.file"
#define SG_LINT_RULE_UNUSED_SUPPRESSION "lint.unused-suppression"
#define SG_LINT_RULE_UNKNOWN_RULE "lint.unknown-rule"
#define SG_LINT_RULE_BAD_SUPPRESSION "lint.bad-suppression"

SG_API size_t sg_lint_rule_count(void);
SG_API const char *sg_lint_rule_id(size_t index);
SG_API sg_severity sg_lint_rule_default_severity(size_t index);
SG_API const char *sg_lint_rule_summary(size_t index);
SG_API const char *sg_lint_rule_help(size_t index);

#ifdef __cplusplus
}
#endif

/* The executor interface: sg_statement, sg_row_sink, sg_exec_outcome, the vtable. */
#include "sqlguard/executor.h"

#endif /* SQLGUARD_H */
