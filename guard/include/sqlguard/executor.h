/*
 * sqlguard/executor.h - for authors of executors: what sqlguard hands an
 * executor, and the vtable an executor fills.
 *
 * An executor runs statements the guard has proven; it never sees anything
 * else, because sg_execute() builds an sg_statement only from an allowed
 * verdict. The built-in executors (libpq, dryrun) are declared in sqlguard.h,
 * which includes this header; an application plugs in its own with
 * sg_executor_new() and an sg_executor_vtable initialised by SG_EXECUTOR_INIT.
 * The vtable is versioned and only ever extended at the end.
 */
#ifndef SQLGUARD_EXECUTOR_H
#define SQLGUARD_EXECUTOR_H

#include "sqlguard.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A statement the guard has checked, as an executor receives it. Every
 * pointer is borrowed for the duration of the execute() call.
 */
typedef struct sg_statement {
    const char *operation; /* "select", "insert", ... */
    const char *sql;       /* compiled SQL with $1..$n */
    size_t param_count;
    const char *const *params;      /* PostgreSQL text form of $i+1, NULL for SQL NULL */
    const char *const *params_json; /* the same values as JSON text */
    const char *data_source_uid;
    const char *default_schema; /* the data source's default schema (for reference: stmt->sql
                                 * is already qualified with it) */
    long long max_rows;         /* rows to return at most */
    long long statement_timeout_ms;
    /* The caller's deadline on CLOCK_MONOTONIC, in milliseconds; 0: none. An
     * executor that can MUST cancel a statement still running at the deadline
     * (and then say so in sg_exec_outcome.cancelled). */
    long long deadline_ms;
} sg_statement;

/* Receives the column names, once, before any row. */
typedef int (*sg_row_sink_columns_fn)(void *ctx, size_t count, const char *const *names);
/* Receives one row; a NULL value is SQL NULL. */
typedef int (*sg_row_sink_row_fn)(void *ctx, size_t count, const char *const *values);

/* Where an executor delivers rows. Either callback may be NULL. A callback
 * returning non-zero stops the statement (it is then rolled back). */
typedef struct sg_row_sink {
    sg_row_sink_columns_fn columns;
    sg_row_sink_row_fn row;
    void *ctx;
} sg_row_sink;

/*
 * What became of a statement's transaction. An executor MUST NOT say
 * committed or rolled back when it cannot know: a connection lost after
 * COMMIT was sent and before its answer is SG_EXEC_UNKNOWN, and only the
 * data can tell (a caller that must know looks, it never simply retries).
 */
typedef enum sg_exec_status {
    SG_EXEC_UNSET = 0,       /* left to sg_execute(), which derives it from ok and rolled_back */
    SG_EXEC_COMMITTED = 1,   /* the server answered COMMIT with success */
    SG_EXEC_ROLLED_BACK = 2, /* the statement ran or was sent; its transaction did not commit */
    SG_EXEC_NOT_STARTED = 3, /* refused before the statement was sent: nothing ran */
    SG_EXEC_UNKNOWN = 4      /* the connection was lost after COMMIT was sent */
} sg_exec_status;

/* How a statement ended (declared in sqlguard.h). */
struct sg_exec_outcome {
    bool ok;           /* committed (or, when the executor only rolls back, ran) */
    long long rows;    /* rows delivered to the sink (at most max_rows) */
    bool has_more;     /* the statement had rows beyond max_rows */
    bool rolled_back;  /* the transaction was rolled back */
    char sqlstate[6];  /* on error: PostgreSQL's SQLSTATE, "" when none */
    char message[512]; /* on error: the primary message */
    char detail[512];  /* on error: the detail, "" when none */
    /* Appended later: an executor that leaves them zero gets its status derived. */
    sg_exec_status status; /* never SG_EXEC_UNSET in a result of sg_execute() */
    bool retried;          /* a select ran a second time on a fresh connection (the first was lost
                            * before any row reached the sink; READ ONLY, so nothing ran twice) */
    bool cancelled;        /* the caller's deadline (or the executor's own bound) cancelled it */
    /* Appended later: how many rows a write inserted, updated, deleted or merged (its command
     * tag's count), when affected_known; a select's, and an executor's that cannot tell, are
     * not known. */
    long long affected;
    bool affected_known;
};

/* "committed", "rolled_back", "not_started", "unknown" ("unset" for 0); never NULL. */
SG_API const char *sg_exec_status_name(sg_exec_status status);

/* Options of one sg_execute_opts() call; initialise with SG_EXECUTE_OPTIONS_INIT. */
typedef struct sg_execute_options {
    unsigned version;
    long long deadline_ms; /* the statement is cancelled this many ms after the call; 0: none */
} sg_execute_options;

#define SG_EXECUTE_OPTIONS_VERSION 1
#define SG_EXECUTE_OPTIONS_INIT                                                                    \
    {                                                                                              \
        SG_EXECUTE_OPTIONS_VERSION, 0                                                              \
    }

/*
 * sg_execute() with options (NULL: the defaults). With a deadline, the
 * executor gets it in sg_statement.deadline_ms and cancels a statement still
 * running then: the result says rolled back, cancelled, SQLSTATE 57014.
 * SG_EINVAL for an unknown options version or a negative deadline.
 */
SG_API int sg_execute_opts(sg_executor *executor, const sg_verdict *verdict,
                           const sg_execute_options *options, sg_result **out, sg_error *err);

/*
 * open() MUST return SG_OK and a session in *session for the data source
 * `data_source_uid` (with the catalog's `dsn`, NULL when it gives none),
 * reusing a pooled connection where it can, or a negative SG_E* code with a
 * message in *err (err may be NULL). It MAY block while every pooled
 * connection is busy. It MUST be safe to call from several threads at once.
 */
typedef int (*sg_executor_open_fn)(void *self, const char *data_source_uid, const char *dsn,
                                   void **session, sg_error *err);

/*
 * execute() MUST run exactly stmt->sql with stmt's parameters bound, never
 * interpolated into the text, in a transaction of its own that it opens with
 * the session pinned to what the guard assumed when it resolved names:
 *
 *   BEGIN ISOLATION LEVEL READ COMMITTED [READ ONLY, for a select];
 *   SET LOCAL search_path TO pg_catalog, pg_temp;
 *   SET LOCAL statement_timeout = <statement_timeout_ms>;
 *   SET LOCAL standard_conforming_strings = on;
 *
 * stmt->sql names every relation (and every type outside pg_catalog) with the
 * schema the guard resolved it to, so under this search_path the functions,
 * operators and types it names resolve only in pg_catalog, where the guard
 * judged them: an overload or an operator of the same name in the default
 * schema, or any other, is unreachable, and PostgreSQL never searches pg_temp
 * for functions or operators (sg_verdict_search_path() gives the same text).
 * It MAY add statements of its own configuration after these (the libpq
 * executor's SET LOCAL ROLE), never one that changes search_path or
 * standard_conforming_strings (the guard parsed '...' with backslashes as
 * plain characters; with it off the server would end such a literal
 * elsewhere and run what the guard took for a string). Identifiers
 * MUST be quoted and the server MUST read the text as UTF-8. It MUST deliver
 * at most max_rows rows to the sink (and set has_more when there were more),
 * commit on success and roll back on any error or when the sink stops it. It fills *out in every
 * case, status included (an executor of version 1 leaves it unset), and returns SG_OK when the
 * statement ran, failed at the server, or lost its connection (the status says what became of
 * the transaction: unknown when COMMIT was sent and not answered); SG_ENOMEM when memory ran out
 * (after rolling back); another negative code only when it could not talk to the server at all.
 * It MUST NOT run a write a second time on its own.
 */
typedef int (*sg_executor_execute_fn)(void *session, const sg_statement *stmt,
                                      const sg_row_sink *sink, sg_exec_outcome *out);

/* close() returns the session to the pool (or ends it); it MUST accept a
 * session whose execute() failed, and MUST NOT hand a connection that is
 * still inside a transaction to the next statement. */
typedef void (*sg_executor_close_fn)(void *self, void *session);

/* destroy() releases the executor's state when the executor is freed; may be
 * NULL when there is nothing to release. */
typedef void (*sg_executor_destroy_fn)(void *self);

/* The executor interface, a versioned vtable extended only at the end. */
typedef struct sg_executor_vtable {
    unsigned version; /* SG_EXECUTOR_VERSION */
    const char *name;
    sg_executor_open_fn open;
    sg_executor_execute_fn execute;
    sg_executor_close_fn close;
    sg_executor_destroy_fn destroy;
} sg_executor_vtable;

#define SG_EXECUTOR_VERSION 1

/* A vtable of the current version:
 *   static const sg_executor_vtable mine =
 *       SG_EXECUTOR_INIT("mine", my_open, my_execute, my_close, my_destroy); */
#define SG_EXECUTOR_INIT(name, open, execute, close, destroy)                                      \
    {                                                                                              \
        SG_EXECUTOR_VERSION, (name), (open), (execute), (close), (destroy)                         \
    }

/*
 * Wraps an application's executor: `self` is passed to open(), close() and
 * destroy(). The vtable MUST outlive the executor; open, execute and close
 * are required (SG_EINVAL otherwise). *out is released with
 * sg_executor_free(), which calls destroy(self).
 */
SG_API int sg_executor_new(const sg_executor_vtable *vtable, void *self, sg_executor **out);

#ifdef __cplusplus
}
#endif

#endif /* SQLGUARD_EXECUTOR_H */
