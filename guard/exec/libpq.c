/*
 * libpq.c - the executor that runs checked statements on PostgreSQL.
 *
 * Every statement runs in a transaction of its own, opened by the session
 * setup of exec/session.c (which the dryrun executor shows), with the session
 * pinned to what the guard assumed when it resolved names: search_path is
 * pg_catalog, pg_temp, set explicitly. The compiled SQL names every relation
 * with its schema, so functions, operators and types resolve only in
 * pg_catalog, where the guard judged them, and an overload in the default
 * schema cannot replace a built-in; pg_temp last shadows nothing. The statement
 * timeout comes from the operation; selects run READ ONLY through a cursor
 * that stops after max_rows (plus one row, to know whether more remain).
 * Parameters are bound with PQexecParams, never interpolated. Connections are
 * pooled per DSN, shared by threads, and speak UTF-8 whatever the DSN asks.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "exec/session.h"
#include "util/error.h"
#include "verdict/verdict.h"

enum { MAX_POOL = 64, FETCH_PAGE = 1000 };

typedef struct pool pool;

typedef struct conn {
    pool *owner;
    PGconn *pg;
    char *dsn;
    bool busy;
} conn;

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t freed;
    char *default_dsn;
    unsigned size; /* connections per DSN at most */
    bool rollback_only;
    char *role;
    conn conns[MAX_POOL * 4];
    size_t count;
};

static void copy_field(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *d = sg__malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

/* A slot whose connection was dropped, for reuse; NULL when none. */
static conn *free_slot(pool *p)
{
    for (size_t i = 0; i < p->count; i++)
        if (!p->conns[i].pg && !p->conns[i].busy)
            return &p->conns[i];
    return NULL;
}

static int pq_open(void *self, const char *uid, const char *dsn, void **session, sg_error *err)
{
    pool *p = self;
    (void)uid;
    const char *want = dsn ? dsn : p->default_dsn ? p->default_dsn : "";
    *session = NULL;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        unsigned in_use = 0;
        for (size_t i = 0; i < p->count; i++) {
            conn *c = &p->conns[i];
            if (!c->dsn || strcmp(c->dsn, want) != 0)
                continue;
            if (!c->busy && c->pg) {
                c->busy = true;
                pthread_mutex_unlock(&p->mu);
                *session = c;
                return SG_OK;
            }
            in_use++; /* busy, or still connecting */
        }
        if (in_use < p->size && (free_slot(p) || p->count < sizeof p->conns / sizeof p->conns[0]))
            break;
        pthread_cond_wait(&p->freed, &p->mu);
    }
    /* Reserve a slot, then connect without holding the lock. */
    conn *c = free_slot(p);
    if (!c)
        c = &p->conns[p->count++];
    c->owner = p;
    c->busy = true;
    c->pg = NULL;
    c->dsn = dup_str(want);
    pthread_mutex_unlock(&p->mu);

    PGconn *pg = c->dsn ? PQconnectdb(c->dsn) : NULL;
    /* Statements and identifiers are UTF-8 (exec/session.c quotes without a
     * connection): a DSN asking for another client encoding must not make the
     * server read them as something else. */
    if (!pg || PQstatus(pg) != CONNECTION_OK || PQsetClientEncoding(pg, "UTF8") != 0) {
        if (err) {
            err->code = SG_ECONNECT;
            snprintf(err->message, sizeof err->message, "cannot connect to data source: %s",
                     pg ? PQerrorMessage(pg) : "out of memory");
            /* libpq messages end with a newline */
            size_t n = strlen(err->message);
            if (n && err->message[n - 1] == '\n')
                err->message[n - 1] = '\0';
        }
        PQfinish(pg);
        pthread_mutex_lock(&p->mu);
        sg__free(c->dsn);
        c->dsn = NULL;
        c->busy = false;
        pthread_cond_broadcast(&p->freed);
        pthread_mutex_unlock(&p->mu);
        return SG_ECONNECT;
    }
    c->pg = pg;
    *session = c;
    return SG_OK;
}

static void pq_close(void *self, void *session)
{
    pool *p = self;
    conn *c = session;
    if (!c)
        return;
    /* A connection that is broken or still inside a transaction is not
     * handed to the next statement. */
    if (c->pg && (PQstatus(c->pg) != CONNECTION_OK || PQtransactionStatus(c->pg) != PQTRANS_IDLE)) {
        PQfinish(c->pg);
        c->pg = NULL;
    }
    pthread_mutex_lock(&p->mu);
    if (!c->pg) {
        sg__free(c->dsn);
        c->dsn = NULL;
    }
    c->busy = false;
    pthread_cond_broadcast(&p->freed);
    pthread_mutex_unlock(&p->mu);
}

static void record_error(sg_exec_outcome *out, const PGresult *res, PGconn *pg)
{
    if (res) {
        copy_field(out->sqlstate, sizeof out->sqlstate, PQresultErrorField(res, PG_DIAG_SQLSTATE));
        copy_field(out->message, sizeof out->message,
                   PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
        copy_field(out->detail, sizeof out->detail,
                   PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL));
    }
    if (!out->message[0]) {
        copy_field(out->message, sizeof out->message, PQerrorMessage(pg));
        size_t n = strlen(out->message);
        if (n && out->message[n - 1] == '\n')
            out->message[n - 1] = '\0';
    }
}

/* Runs a command that returns no rows; false (with *out filled) on error. */
static bool command(PGconn *pg, const char *sql, sg_exec_outcome *out)
{
    PGresult *res = PQexec(pg, sql);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        record_error(out, res, pg);
    PQclear(res);
    return ok;
}

/* How a step of a statement ended: it went on, it failed at the server (or
 * the sink stopped it; *out says which), or memory ran out. */
enum { STEP_OK = 0, STEP_FAILED = -1, STEP_NOMEM = -2 };

/* Hands rows of `res` to the sink, up to the remaining budget. Returns the
 * number of rows the result held, or a STEP_* failure. */
static long deliver(const PGresult *res, const sg_row_sink *sink, bool *columns_sent,
                    sg_exec_outcome *out, long long max_rows)
{
    int ncols = PQnfields(res);
    const char *stack_cells[32];
    const char **cells = ncols <= 32 ? stack_cells : sg__malloc((size_t)ncols * sizeof *cells);
    if (!cells)
        return STEP_NOMEM;
    bool stop = false;
    if (!*columns_sent) {
        for (int c = 0; c < ncols; c++)
            cells[c] = PQfname(res, c);
        stop = sink->columns && sink->columns(sink->ctx, (size_t)ncols, cells) != 0;
        *columns_sent = true;
    }
    int n = PQntuples(res);
    for (int r = 0; r < n && !stop; r++) {
        if (out->rows >= max_rows) {
            out->has_more = true;
            break;
        }
        for (int c = 0; c < ncols; c++)
            cells[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
        if (sink->row && sink->row(sink->ctx, (size_t)ncols, cells) != 0)
            stop = true;
        else
            out->rows++;
    }
    if (cells != stack_cells)
        sg__free(cells);
    if (stop)
        copy_field(out->message, sizeof out->message, "the row sink stopped the statement");
    return stop ? STEP_FAILED : n;
}

static bool is_sqlstate(const PGresult *res, const char *state)
{
    const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    return s && strcmp(s, state) == 0;
}

/* The parameter types of the prepared unnamed statement (*types, NULL without
 * parameters); a STEP_* value. */
static int described_types(PGconn *pg, int n, Oid **types, sg_exec_outcome *out)
{
    *types = NULL;
    if (n == 0)
        return STEP_OK;
    PGresult *res = PQdescribePrepared(pg, "");
    if (PQresultStatus(res) != PGRES_COMMAND_OK || PQnparams(res) != n) {
        record_error(out, res, pg);
        PQclear(res);
        return STEP_FAILED;
    }
    *types = sg__malloc((size_t)n * sizeof **types);
    for (int i = 0; *types && i < n; i++)
        (*types)[i] = PQparamtype(res, i);
    PQclear(res);
    return *types ? STEP_OK : STEP_NOMEM;
}

/* Prepares stmt->sql as the unnamed statement and returns the parameter types
 * PostgreSQL settled on (*types, NULL without parameters). Parameters are
 * first left untyped, so that PostgreSQL infers each from its use, as it does
 * for psycopg. A parameter no use can type ("$1 IS NULL OR col = $1") makes
 * PostgreSQL give up; then the values that are JSON strings or nulls are typed
 * text and the statement prepared once more. A savepoint keeps the first failure
 * from aborting the transaction. Returns a STEP_* value. */
static int prepare(PGconn *pg, const sg_statement *stmt, Oid **types, sg_exec_outcome *out)
{
    int n = (int)stmt->param_count;
    *types = NULL;
    if (!command(pg, "SAVEPOINT sqlguard_prepare", out))
        return STEP_FAILED;
    PGresult *res = PQprepare(pg, "", stmt->sql, n, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK &&
        (is_sqlstate(res, "42P18") || is_sqlstate(res, "42P08"))) {
        PQclear(res);
        Oid *hint = sg__malloc((size_t)(n ? n : 1) * sizeof *hint);
        if (!hint)
            return STEP_NOMEM;
        if (!command(pg, "ROLLBACK TO SAVEPOINT sqlguard_prepare", out)) {
            sg__free(hint);
            return STEP_FAILED;
        }
        /* strings and nulls: text; numbers, booleans, arrays, objects keep
         * their inferred types */
        for (int i = 0; i < n; i++)
            hint[i] = stmt->params_json[i][0] == '"' || strcmp(stmt->params_json[i], "null") == 0
                          ? 25 /* text */
                          : 0 /* unknown */;
        res = PQprepare(pg, "", stmt->sql, n, hint);
        sg__free(hint);
    }
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        record_error(out, res, pg);
        PQclear(res);
        return STEP_FAILED;
    }
    PQclear(res);
    /* The savepoint is left to the commit: any simple-protocol command here
     * would drop the unnamed statement that the caller is about to use. */
    return described_types(pg, n, types, out);
}

/* Opens the statement's transaction with the session setup the dryrun
 * executor shows (exec/session.c), sent as one message. */
static int begin(conn *c, const sg_statement *stmt, sg_exec_outcome *out)
{
    sg__arena arena;
    sg__arena_init(&arena);
    sg__session_setup setup;
    sg_error err = {SG_OK, ""};
    int rc = sg__session_setup_build(&arena, stmt, c->owner->role, &setup, &err);
    int step = rc == SG_ENOMEM ? STEP_NOMEM : rc != SG_OK ? STEP_FAILED : STEP_OK;
    if (rc == SG_EINVAL)
        sg__session_refused(out, &err);
    else if (rc == SG_OK && !command(c->pg, setup.text, out))
        step = STEP_FAILED;
    sg__arena_release(&arena);
    return step;
}

/* A select, through a cursor that stops the server after max_rows + 1 rows,
 * however many the query could return. */
static int run_select(PGconn *pg, const sg_statement *stmt, const sg_row_sink *sink,
                      sg_exec_outcome *out)
{
    Oid *types = NULL;
    int step = prepare(pg, stmt, &types, out);
    size_t len = strlen(stmt->sql) + 64;
    char *declare = step == STEP_OK ? sg__malloc(len) : NULL;
    if (step == STEP_OK && !declare)
        step = STEP_NOMEM;
    if (step == STEP_OK) {
        snprintf(declare, len, "DECLARE sqlguard_cursor NO SCROLL CURSOR FOR %s", stmt->sql);
        /* The cursor gets the types the prepared statement settled on: left
         * untyped, DECLARE can plan a parameter differently from the way its
         * later uses fix it. */
        PGresult *res =
            PQexecParams(pg, declare, (int)stmt->param_count, types, stmt->params, NULL, NULL, 0);
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            record_error(out, res, pg);
            step = STEP_FAILED;
        }
        PQclear(res);
    }
    sg__free(types);
    sg__free(declare);
    bool columns_sent = false;
    while (step == STEP_OK) {
        long long want = stmt->max_rows + 1 - out->rows;
        if (want > FETCH_PAGE)
            want = FETCH_PAGE;
        char fetch[96];
        snprintf(fetch, sizeof fetch, "FETCH FORWARD %lld FROM sqlguard_cursor", want);
        PGresult *res = PQexec(pg, fetch);
        long got = STEP_FAILED;
        if (PQresultStatus(res) == PGRES_TUPLES_OK)
            got = deliver(res, sink, &columns_sent, out, stmt->max_rows);
        else
            record_error(out, res, pg);
        PQclear(res);
        if (got < 0)
            return (int)got;
        if (got < want || out->has_more)
            break;
    }
    if (step == STEP_OK && !command(pg, "CLOSE sqlguard_cursor", out))
        step = STEP_FAILED;
    return step;
}

/* Any other statement: prepared, then executed once (RETURNING rows delivered). */
static int run_other(PGconn *pg, const sg_statement *stmt, const sg_row_sink *sink,
                     sg_exec_outcome *out)
{
    Oid *types = NULL;
    int step = prepare(pg, stmt, &types, out);
    sg__free(types);
    if (step != STEP_OK)
        return step;
    PGresult *res = PQexecPrepared(pg, "", (int)stmt->param_count, stmt->params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    long got = 0;
    bool columns_sent = false;
    if (st == PGRES_TUPLES_OK) {
        got = deliver(res, sink, &columns_sent, out, stmt->max_rows);
    } else if (st != PGRES_COMMAND_OK) {
        record_error(out, res, pg);
        got = STEP_FAILED;
    }
    PQclear(res);
    return got < 0 ? (int)got : STEP_OK;
}

/* Ends a statement that failed (or ran out of memory): rolled back when the
 * connection still stands. */
static int abandon(PGconn *pg, int step, sg_exec_outcome *out)
{
    out->ok = false;
    if (PQstatus(pg) != CONNECTION_OK)
        return SG_ECONNECT;
    PGresult *res = PQexec(pg, "ROLLBACK");
    out->rolled_back = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (step == STEP_NOMEM) {
        copy_field(out->message, sizeof out->message, "out of memory");
        return SG_ENOMEM;
    }
    if (!out->message[0])
        copy_field(out->message, sizeof out->message, "cannot start the transaction");
    return SG_OK;
}

static int pq_execute(void *session, const sg_statement *stmt, const sg_row_sink *sink,
                      sg_exec_outcome *out)
{
    conn *c = session;
    PGconn *pg = c->pg;
    memset(out, 0, sizeof *out);
    int step = begin(c, stmt, out);
    if (step == STEP_OK)
        step = strcmp(stmt->operation, "select") == 0 ? run_select(pg, stmt, sink, out)
                                                      : run_other(pg, stmt, sink, out);
    if (step == STEP_OK && !command(pg, c->owner->rollback_only ? "ROLLBACK" : "COMMIT", out))
        step = STEP_FAILED;
    if (step != STEP_OK)
        return abandon(pg, step, out);
    out->rolled_back = c->owner->rollback_only;
    out->ok = true;
    return SG_OK;
}

static void pq_destroy(void *self)
{
    pool *p = self;
    for (size_t i = 0; i < p->count; i++) {
        PQfinish(p->conns[i].pg);
        sg__free(p->conns[i].dsn);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->freed);
    sg__free(p->default_dsn);
    sg__free(p->role);
    sg__free(p);
}

static const sg_executor_vtable libpq_vtable =
    SG_EXECUTOR_INIT("libpq", pq_open, pq_execute, pq_close, pq_destroy);

int sg_executor_new_libpq(const char *default_dsn, unsigned pool_size, sg_executor **out,
                          sg_error *err)
{
    sg_libpq_options o = SG_LIBPQ_OPTIONS_INIT;
    o.default_dsn = default_dsn;
    o.pool_size = pool_size;
    return sg_executor_new_libpq_opts(&o, out, err);
}

int sg_executor_new_libpq_opts(const sg_libpq_options *o, sg_executor **out, sg_error *err)
{
    if (!out)
        return SG_EINVAL;
    *out = NULL;
    if (!o || o->version < 1 || o->version > SG_LIBPQ_OPTIONS_VERSION)
        return SG_EINVAL;
    const char *default_dsn = o->default_dsn;
    unsigned pool_size = o->pool_size;
    if (pool_size == 0 || pool_size > MAX_POOL) {
        if (err) {
            err->code = SG_EINVAL;
            snprintf(err->message, sizeof err->message, "pool_size must be 1..%d", MAX_POOL);
        }
        return SG_EINVAL;
    }
    int rc = sg__session_check_role(o->role, err);
    if (rc != SG_OK)
        return rc;
    pool *p = sg__malloc(sizeof *p);
    if (!p)
        return SG_ENOMEM;
    memset(p, 0, sizeof *p);
    p->size = pool_size;
    p->rollback_only = o->rollback_only;
    if ((default_dsn && !(p->default_dsn = dup_str(default_dsn))) ||
        (o->role && !(p->role = dup_str(o->role)))) {
        sg__free(p->default_dsn);
        sg__free(p);
        return SG_ENOMEM;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->freed, NULL);
    rc = sg_executor_new(&libpq_vtable, p, out);
    if (rc != SG_OK)
        pq_destroy(p);
    return rc;
}
