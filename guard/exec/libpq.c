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
 * timeout comes from the operation and bounds the whole statement (a
 * select's pages share it); selects run READ ONLY through a cursor that
 * stops after max_rows (plus one row, to know whether more remain), and the
 * RETURNING rows of a write come one at a time.
 * Parameters are bound, never interpolated. Connections are pooled per DSN,
 * shared by threads, and speak UTF-8 whatever the DSN asks.
 *
 * Every answer is awaited with a bound (the statement timeout plus a margin,
 * and the caller's deadline, which cancels the statement), so a statement
 * never holds a pooled connection for long; each outcome says what became of
 * the transaction, unknown when the connection was lost after COMMIT was sent.
 * A connection that broke, was cancelled, or sat in the pool while its
 * backend went away is closed, never handed out; DISCARD ALL after each
 * statement leaves no session state behind for the next.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "exec/session.h"
#include "util/error.h"
#include "verdict/verdict.h"

enum { MAX_POOL = 64, FETCH_PAGE = 1000 };

/* The pool wait of version 1 options; how long past its statement_timeout (or past a
 * cancel) an answer may take before the connection is given up. */
#define DEFAULT_POOL_WAIT_MS 30000LL
#define ANSWER_MARGIN_MS 5000LL

typedef struct pool pool;

typedef struct conn {
    pool *owner;
    PGconn *pg;
    char *dsn;
    bool busy;
    bool doomed; /* broken, or its session state is unknown: closed when it comes back */
} conn;

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t freed; /* on CLOCK_MONOTONIC */
    char *default_dsn;
    unsigned size; /* connections per DSN at most */
    bool rollback_only;
    long long pool_wait_ms; /* 0: without bound */
    char *role;
    conn conns[MAX_POOL * 4];
    size_t count;
};

/* One statement on one connection: its limits, and how far it got. */
typedef struct run {
    conn *c;
    const sg_statement *stmt;
    sg_exec_outcome *out;
    long long bound_ms;  /* how long one answer may take */
    bool lost;           /* the connection broke, or an answer never came */
    bool gave_up;        /* an answer never came: the server may still be running it */
    bool delivered;      /* something reached the sink */
    bool statement_sent; /* the statement itself went to the server */
    bool commit_sent;    /* COMMIT went to the server */
} run;

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

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A slot whose connection was dropped, for reuse; NULL when none. */
static conn *free_slot(pool *p)
{
    for (size_t i = 0; i < p->count; i++)
        if (!p->conns[i].pg && !p->conns[i].busy)
            return &p->conns[i];
    return NULL;
}

/* Whether an idle pooled connection may be handed out. An idle connection is
 * sent nothing the executor asked for, so anything to read on it (the FATAL of
 * a terminated backend, the end of a server that restarted) means it is gone,
 * and it is closed before a statement could be lost on it. */
static bool still_usable(conn *c)
{
    if (!c->doomed && PQstatus(c->pg) == CONNECTION_OK &&
        PQtransactionStatus(c->pg) == PQTRANS_IDLE) {
        struct pollfd fd = {PQsocket(c->pg), POLLIN, 0};
        if (fd.fd >= 0 && poll(&fd, 1, 0) == 0)
            return true;
    }
    PQfinish(c->pg);
    c->pg = NULL;
    c->doomed = false;
    sg__free(c->dsn);
    c->dsn = NULL;
    return false;
}

/* Waits on the pool until `deadline` (0: without bound); false when it passed. */
static bool wait_freed(pool *p, long long deadline)
{
    if (!deadline) {
        pthread_cond_wait(&p->freed, &p->mu);
        return true;
    }
    long long now = now_ms();
    if (now >= deadline)
        return false;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long ns = ts.tv_nsec + (deadline - now) % 1000 * 1000000LL;
    ts.tv_sec += (time_t)((deadline - now) / 1000 + ns / 1000000000LL);
    ts.tv_nsec = (long)(ns % 1000000000LL);
    pthread_cond_timedwait(&p->freed, &p->mu, &ts);
    return true;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    if (n && s[n - 1] == '\n')
        s[n - 1] = '\0';
}

/* libpq prints the server's notices on standard error by default; a library
 * embedded in a gateway must not (the errors that matter reach the outcome). */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Whether the server runs the PostgreSQL major version whose grammar the guard
 * parsed with (its libpg_query's) and whose pg_catalog its lists describe. Another
 * major reads some statements otherwise: on 16, `system_user` is a function of the
 * session where 15 reads a column, and a newer server's functions and operators are
 * not the ones the guard judged. So the executor runs statements on that major only;
 * false with *err filled otherwise. */
static bool same_major(PGconn *pg, sg_error *err)
{
    int server = PQserverVersion(pg);
    int grammar = sg_version()->pg_version_num / 10000;
    if (server / 10000 == grammar)
        return true;
    const char *version = PQparameterStatus(pg, "server_version");
    if (err) {
        err->code = SG_ECONNECT;
        snprintf(err->message, sizeof err->message,
                 "the data source runs PostgreSQL %.40s, and the guard proves statements "
                 "with PostgreSQL %d's grammar and catalog: it runs them on PostgreSQL %d only",
                 version ? version : "of an unknown version", grammar, grammar);
    }
    return false;
}

/* Whether the database's encoding is UTF-8, as the guard's parser reads
 * names: PostgreSQL cuts an identifier longer than 63 bytes in the
 * database's encoding, so in LATIN1 (or SQL_ASCII, byte by byte) a name the
 * guard cut to a scoped table's could be cut to another table's. */
static bool utf8_database(PGconn *pg, sg_error *err)
{
    const char *encoding = PQparameterStatus(pg, "server_encoding");
    if (encoding && strcmp(encoding, "UTF8") == 0)
        return true;
    if (err) {
        err->code = SG_ECONNECT;
        snprintf(err->message, sizeof err->message,
                 "the data source's database is encoded in %.40s, and the guard reads names as "
                 "UTF-8 (an identifier over 63 bytes is cut in the database's encoding): it runs "
                 "statements on UTF8 databases only",
                 encoding ? encoding : "an unknown encoding");
    }
    return false;
}

/* A new connection for `dsn`, speaking UTF-8 whatever the DSN asks: statements and
 * identifiers are UTF-8 (exec/session.c quotes without a connection). The encoding is a
 * startup parameter, so DISCARD ALL between statements keeps it. NULL with *err filled. */
static PGconn *connect_dsn(const char *dsn, sg_error *err)
{
    static const char *const keys[] = {"dbname", "client_encoding", NULL};
    const char *values[] = {dsn, "UTF8", NULL};
    PGconn *pg = PQconnectdbParams(keys, values, 1);
    bool up = pg && PQstatus(pg) == CONNECTION_OK;
    if (up && (!same_major(pg, err) || !utf8_database(pg, err))) {
        PQfinish(pg);
        return NULL;
    }
    if (up && strcmp(pg_encoding_to_char(PQclientEncoding(pg)), "UTF8") == 0) {
        PQsetNoticeProcessor(pg, quiet, NULL);
        return pg;
    }
    if (err) {
        err->code = SG_ECONNECT;
        snprintf(err->message, sizeof err->message, "cannot connect to data source: %s",
                 !pg                             ? "out of memory"
                 : PQstatus(pg) == CONNECTION_OK ? "the server does not speak UTF-8"
                                                 : PQerrorMessage(pg));
        /* libpq messages end with a newline */
        chomp(err->message);
    }
    PQfinish(pg);
    return NULL;
}

static int pq_open(void *self, const char *uid, const char *dsn, void **session, sg_error *err)
{
    pool *p = self;
    (void)uid;
    const char *want = dsn ? dsn : p->default_dsn ? p->default_dsn : "";
    *session = NULL;
    long long deadline = p->pool_wait_ms ? now_ms() + p->pool_wait_ms : 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        unsigned in_use = 0;
        for (size_t i = 0; i < p->count; i++) {
            conn *c = &p->conns[i];
            if (!c->dsn || strcmp(c->dsn, want) != 0)
                continue;
            if (!c->busy && c->pg && still_usable(c)) {
                c->busy = true;
                pthread_mutex_unlock(&p->mu);
                *session = c;
                return SG_OK;
            }
            if (c->busy)
                in_use++; /* busy, or still connecting */
        }
        if (in_use < p->size && (free_slot(p) || p->count < sizeof p->conns / sizeof p->conns[0]))
            break;
        if (!wait_freed(p, deadline)) {
            pthread_mutex_unlock(&p->mu);
            return sg__set_error(err, SG_EBUSY,
                                 "every one of the %u pooled connections to the data source "
                                 "stayed busy for %lld ms (pool_wait_ms); nothing was run",
                                 p->size, p->pool_wait_ms);
        }
    }
    /* Reserve a slot, then connect without holding the lock. */
    conn *c = free_slot(p);
    if (!c)
        c = &p->conns[p->count++];
    c->owner = p;
    c->busy = true;
    c->doomed = false;
    c->pg = NULL;
    c->dsn = dup_str(want);
    pthread_mutex_unlock(&p->mu);

    int rc = c->dsn ? SG_ECONNECT : sg__set_error(err, SG_ENOMEM, "%s", "out of memory");
    PGconn *pg = c->dsn ? connect_dsn(c->dsn, err) : NULL;
    if (!pg) {
        pthread_mutex_lock(&p->mu);
        sg__free(c->dsn);
        c->dsn = NULL;
        c->busy = false;
        pthread_cond_broadcast(&p->freed);
        pthread_mutex_unlock(&p->mu);
        return rc;
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
    /* A connection that is broken, still inside a transaction, or whose
     * session state is in doubt is not handed to the next statement. */
    if (c->pg && (c->doomed || PQstatus(c->pg) != CONNECTION_OK ||
                  PQtransactionStatus(c->pg) != PQTRANS_IDLE)) {
        PQfinish(c->pg);
        c->pg = NULL;
    }
    pthread_mutex_lock(&p->mu);
    if (!c->pg) {
        sg__free(c->dsn);
        c->dsn = NULL;
    }
    c->doomed = false;
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
        chomp(out->message);
    }
}

/* Asks the server to cancel what the connection runs (PQcancel: PostgreSQL 15's libpq). */
static void cancel(PGconn *pg)
{
    PGcancel *cn = PQgetCancel(pg);
    char why[256];
    if (cn)
        PQcancel(cn, why, (int)sizeof why);
    PQfreeCancel(cn);
}

/* Whether a result says the connection cannot be trusted again: the server
 * ended it (SQLSTATE class 57P: terminated, shutting down), the link failed
 * (class 08), or the protocol went astray. */
static bool poisons(const PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_BAD_RESPONSE || st == PGRES_NONFATAL_ERROR)
        return true;
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    return state && (strncmp(state, "57P", 3) == 0 || strncmp(state, "08", 2) == 0);
}

/* Waiting for the results of one command: the hard bound of its answer, and
 * whether the caller's deadline cancelled it here. */
typedef struct waiting {
    long long hard;
    bool cancelled_here;
    bool timed_out; /* no answer came in time: the run is lost */
} waiting;

static waiting start_waiting(const run *x)
{
    return (waiting){now_ms() + x->bound_ms, false, false};
}

/*
 * The next result of what was just sent, NULL once there is none, waiting at
 * most the run's bound for it. At the caller's deadline the statement is
 * cancelled (and the outcome says so); an answer that still does not come
 * within the margin (NULL, wt->timed_out), or a connection that breaks
 * (after its last result, the server's error when it sent one), marks the
 * run lost.
 */
static PGresult *next_result(run *x, waiting *wt)
{
    PGconn *pg = x->c->pg;
    long long deadline = x->stmt->deadline_ms;
    while (PQisBusy(pg) && PQstatus(pg) == CONNECTION_OK) {
        long long now = now_ms();
        bool caller = deadline && !x->out->cancelled && deadline < wt->hard;
        long long until = caller ? deadline : wt->hard;
        if (now >= until && !caller) {
            /* No answer in time: the connection is given up, and what it
             * ran is left to the server (which ends a transaction whose
             * session is gone). */
            x->lost = true;
            x->gave_up = true;
            x->c->doomed = true;
            wt->timed_out = true;
            copy_field(x->out->message, sizeof x->out->message,
                       "no answer from the server in time; the connection was closed");
            return NULL;
        }
        if (now >= until) {
            /* A cancel can land on a later command than the one meant:
             * the connection is not reused after one. */
            cancel(pg);
            wt->cancelled_here = true;
            x->out->cancelled = true;
            x->c->doomed = true;
            wt->hard = now + ANSWER_MARGIN_MS;
            continue;
        }
        struct pollfd fd = {PQsocket(pg), POLLIN, 0};
        long long wait = until - now;
        int n = poll(&fd, 1, wait > INT_MAX ? INT_MAX : (int)wait);
        if ((n < 0 && errno != EINTR) || (n > 0 && !PQconsumeInput(pg)))
            break;
    }
    PGresult *res = PQstatus(pg) == CONNECTION_OK || !PQisBusy(pg) ? PQgetResult(pg) : NULL;
    if (res && poisons(res))
        x->c->doomed = true;
    if (PQstatus(pg) != CONNECTION_OK) {
        x->lost = true;
        x->c->doomed = true;
    }
    return res;
}

/* What a command ended with after a cancel of the caller's deadline: a
 * command that finished before the cancel reached it counts as cancelled
 * all the same. Takes `res`; returns it or NULL. */
static PGresult *after_cancel(run *x, const waiting *wt, PGresult *res)
{
    if (!wt->cancelled_here || PQresultStatus(res) == PGRES_FATAL_ERROR)
        return res;
    PQclear(res);
    copy_field(x->out->message, sizeof x->out->message,
               "the caller's deadline passed: the statement was cancelled");
    return NULL;
}

/*
 * The answer to what was just sent: the first error, or else the last result
 * (as PQexec gives it), waiting at most the run's bound for it (next_result).
 * NULL only when there is no result at all, or no answer came in time.
 */
static PGresult *await(run *x)
{
    waiting wt = start_waiting(x);
    PGresult *keep = NULL, *res;
    while ((res = next_result(x, &wt)) != NULL) {
        ExecStatusType st = PQresultStatus(res);
        bool kept_error = keep && PQresultStatus(keep) == PGRES_FATAL_ERROR;
        if (kept_error || st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH) {
            /* never expected here: the connection is not reused */
            x->c->doomed = x->c->doomed || !kept_error;
            PQclear(res);
        } else {
            PQclear(keep);
            keep = res;
        }
        if (x->lost)
            break;
    }
    if (wt.timed_out) {
        PQclear(keep);
        return NULL;
    }
    return after_cancel(x, &wt, keep);
}

/* Whether a send succeeded; when not, the connection is marked lost and the
 * outcome says why. */
static bool sent(run *x, int ok)
{
    if (ok)
        return true;
    x->lost = PQstatus(x->c->pg) != CONNECTION_OK;
    x->c->doomed = true;
    record_error(x->out, NULL, x->c->pg);
    return false;
}

/* Runs a command that returns no rows; false (with *out filled) on error. */
static bool command(run *x, const char *sql)
{
    if (!sent(x, PQsendQuery(x->c->pg, sql)))
        return false;
    PGresult *res = await(x);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        record_error(x->out, res, x->c->pg);
    PQclear(res);
    return ok;
}

/* How a step of a statement ended: it went on, it failed at the server (or
 * the sink stopped it; *out says which), or memory ran out. */
enum { STEP_OK = 0, STEP_FAILED = -1, STEP_NOMEM = -2 };

/* Hands rows of `res` to the sink, up to the remaining budget. Returns the
 * number of rows the result held, or a STEP_* failure. */
static long deliver(run *x, const PGresult *res, const sg_row_sink *sink, bool *columns_sent)
{
    sg_exec_outcome *out = x->out;
    long long max_rows = x->stmt->max_rows;
    int ncols = PQnfields(res);
    const char *stack_cells[32];
    const char **cells = ncols <= 32 ? stack_cells : sg__malloc((size_t)ncols * sizeof *cells);
    if (!cells)
        return STEP_NOMEM;
    bool stop = false;
    if (!*columns_sent) {
        for (int c = 0; c < ncols; c++)
            cells[c] = PQfname(res, c);
        x->delivered = true;
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
        x->delivered = true;
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

/* Prepares the unnamed statement with parameter types `hint` (NULL: all
 * inferred); the server's answer, or NULL when the connection failed. */
static PGresult *prepare_unnamed(run *x, const Oid *hint)
{
    const sg_statement *stmt = x->stmt;
    if (!sent(x, PQsendPrepare(x->c->pg, "", stmt->sql, (int)stmt->param_count, hint)))
        return NULL;
    return await(x);
}

/* The parameter types of the prepared unnamed statement (*types, NULL without
 * parameters); a STEP_* value. */
static int described_types(run *x, int n, Oid **types)
{
    *types = NULL;
    if (n == 0)
        return STEP_OK;
    PGresult *res = sent(x, PQsendDescribePrepared(x->c->pg, "")) ? await(x) : NULL;
    if (PQresultStatus(res) != PGRES_COMMAND_OK || PQnparams(res) != n) {
        record_error(x->out, res, x->c->pg);
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
static int prepare(run *x, Oid **types)
{
    const sg_statement *stmt = x->stmt;
    int n = (int)stmt->param_count;
    *types = NULL;
    if (!command(x, "SAVEPOINT sqlguard_prepare"))
        return STEP_FAILED;
    x->statement_sent = true;
    PGresult *res = prepare_unnamed(x, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK &&
        (is_sqlstate(res, "42P18") || is_sqlstate(res, "42P08"))) {
        PQclear(res);
        Oid *hint = sg__malloc((size_t)(n ? n : 1) * sizeof *hint);
        if (!hint)
            return STEP_NOMEM;
        if (!command(x, "ROLLBACK TO SAVEPOINT sqlguard_prepare")) {
            sg__free(hint);
            return STEP_FAILED;
        }
        /* strings and nulls: text; numbers, booleans, arrays, objects keep
         * their inferred types */
        for (int i = 0; i < n; i++)
            hint[i] = stmt->params_json[i][0] == '"' || strcmp(stmt->params_json[i], "null") == 0
                          ? 25 /* text */
                          : 0 /* unknown */;
        res = prepare_unnamed(x, hint);
        sg__free(hint);
    }
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        record_error(x->out, res, x->c->pg);
        PQclear(res);
        return STEP_FAILED;
    }
    PQclear(res);
    /* The savepoint is left to the commit: any simple-protocol command here
     * would drop the unnamed statement that the caller is about to use. */
    return described_types(x, n, types);
}

/* Opens the statement's transaction with the session setup the dryrun
 * executor shows (exec/session.c), sent as one message. */
static int begin(run *x)
{
    sg__arena arena;
    sg__arena_init(&arena);
    sg__session_setup setup;
    sg_error err = {SG_OK, ""};
    int rc = sg__session_setup_build(&arena, x->stmt, x->c->owner->role, &setup, &err);
    int step = rc == SG_ENOMEM ? STEP_NOMEM : rc != SG_OK ? STEP_FAILED : STEP_OK;
    if (rc == SG_EINVAL)
        sg__session_refused(x->out, &err);
    else if (rc == SG_OK && !command(x, setup.text))
        step = STEP_FAILED;
    sg__arena_release(&arena);
    return step;
}

/* A select, through a cursor that stops the server after max_rows + 1 rows,
 * however many the query could return. */
static int run_select(run *x, const sg_row_sink *sink)
{
    const sg_statement *stmt = x->stmt;
    PGconn *pg = x->c->pg;
    /* the operation's time runs from here: DECLARE plans the query, and
     * planning folds constants and bound values, which can take long too */
    long long started = now_ms(), timeout = stmt->statement_timeout_ms;
    Oid *types = NULL;
    int step = prepare(x, &types);
    size_t len = strlen(stmt->sql) + 64;
    char *declare = step == STEP_OK ? sg__malloc(len) : NULL;
    if (step == STEP_OK && !declare)
        step = STEP_NOMEM;
    if (step == STEP_OK) {
        snprintf(declare, len, "DECLARE sqlguard_cursor NO SCROLL CURSOR FOR %s", stmt->sql);
        /* The cursor gets the types the prepared statement settled on: left
         * untyped, DECLARE can plan a parameter differently from the way its
         * later uses fix it. */
        PGresult *res = sent(x, PQsendQueryParams(pg, declare, (int)stmt->param_count, types,
                                                  stmt->params, NULL, NULL, 0))
                            ? await(x)
                            : NULL;
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            record_error(x->out, res, pg);
            step = STEP_FAILED;
        }
        PQclear(res);
    }
    sg__free(types);
    sg__free(declare);
    bool columns_sent = false;
    /* statement_timeout times each command on its own, and a select reads
     * its rows with a FETCH per page: each FETCH gets only what is left of
     * the operation's time, so that the select as a whole keeps to it (at
     * least a millisecond: the server then refuses in its own words, 57014) */
    for (; step == STEP_OK;) {
        long long want = stmt->max_rows + 1 - x->out->rows;
        if (want > FETCH_PAGE)
            want = FETCH_PAGE;
        char fetch[160];
        long long left = timeout - (now_ms() - started);
        if (timeout <= 0)
            snprintf(fetch, sizeof fetch, "FETCH FORWARD %lld FROM sqlguard_cursor", want);
        else
            snprintf(fetch, sizeof fetch,
                     "SET LOCAL statement_timeout = %lld; FETCH FORWARD %lld FROM sqlguard_cursor",
                     left > 1 ? left : 1, want);
        PGresult *res = sent(x, PQsendQuery(pg, fetch)) ? await(x) : NULL;
        long got = STEP_FAILED;
        if (PQresultStatus(res) == PGRES_TUPLES_OK)
            got = deliver(x, res, sink, &columns_sent);
        else
            record_error(x->out, res, pg);
        PQclear(res);
        if (got < 0)
            return (int)got;
        if (got < want || x->out->has_more)
            break;
    }
    if (step == STEP_OK && !command(x, "CLOSE sqlguard_cursor"))
        step = STEP_FAILED;
    return step;
}

/* Any other statement: prepared, then executed once. RETURNING rows come
 * one at a time (libpq's single-row mode), so that a write returning many
 * large rows never holds more than one of them in memory: max_rows of them
 * reach the sink, and the rest are read and dropped. */
static int run_other(run *x, const sg_row_sink *sink)
{
    const sg_statement *stmt = x->stmt;
    Oid *types = NULL;
    int step = prepare(x, &types);
    sg__free(types);
    if (step != STEP_OK)
        return step;
    PGconn *pg = x->c->pg;
    if (!sent(x, PQsendQueryPrepared(pg, "", (int)stmt->param_count, stmt->params, NULL, NULL, 0)))
        return STEP_FAILED;
    /* where it cannot be set, the rows come in one result, as without it */
    (void)PQsetSingleRowMode(pg);
    waiting wt = start_waiting(x);
    PGresult *res, *error = NULL;
    bool columns_sent = false, ended = false;
    while ((res = next_result(x, &wt)) != NULL) {
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_FATAL_ERROR && !error) {
            error = res; /* the first error is the answer */
            continue;
        }
        if (!error && (st == PGRES_SINGLE_TUPLE || st == PGRES_TUPLES_OK)) {
            long got = deliver(x, res, sink, &columns_sent);
            if (got < 0 && step == STEP_OK)
                step = (int)got; /* the rest is still read, so the connection stays usable */
        } else if (!error && st != PGRES_COMMAND_OK) {
            x->c->doomed = true; /* never expected here */
        }
        if (!error && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)) {
            /* the command tag's count: "UPDATE 12" */
            const char *count = PQcmdTuples(res);
            if (count && *count) {
                x->out->affected = strtoll(count, NULL, 10);
                x->out->affected_known = true;
            }
        }
        ended = ended || st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
        PQclear(res);
        if (x->lost)
            break;
    }
    if (x->lost || error) {
        record_error(x->out, wt.timed_out ? NULL : error, pg);
        PQclear(error);
        return STEP_FAILED;
    }
    if (wt.cancelled_here) {
        copy_field(x->out->message, sizeof x->out->message,
                   "the caller's deadline passed: the statement was cancelled");
        return STEP_FAILED;
    }
    if (!ended && step == STEP_OK) {
        record_error(x->out, NULL, pg);
        return STEP_FAILED;
    }
    return step;
}

/* Ends a statement that failed (or ran out of memory), and says what became
 * of its transaction. A lost connection cannot commit what was not yet
 * committed: the server ends the transaction with the session, so only a
 * COMMIT already sent leaves the outcome unknown. */
static int abandon(run *x, int step)
{
    sg_exec_outcome *out = x->out;
    out->ok = false;
    if (x->lost) {
        out->rolled_back = !x->commit_sent && x->statement_sent;
        out->status = x->commit_sent      ? SG_EXEC_UNKNOWN
                      : x->statement_sent ? SG_EXEC_ROLLED_BACK
                                          : SG_EXEC_NOT_STARTED;
        char why[sizeof out->message];
        copy_field(why, sizeof why, out->message[0] ? out->message : "the connection was lost");
        snprintf(out->message, sizeof out->message, "%s: %.400s",
                 x->commit_sent ? "the connection was lost after COMMIT was sent; whether the "
                                  "transaction committed is unknown"
                                : "the connection was lost; the transaction did not commit",
                 why);
    } else {
        /* a COMMIT the server refused ended the transaction already */
        out->rolled_back = x->commit_sent || command(x, "ROLLBACK");
        out->status = x->statement_sent ? SG_EXEC_ROLLED_BACK : SG_EXEC_NOT_STARTED;
    }
    if (step == STEP_NOMEM) {
        copy_field(out->message, sizeof out->message, "out of memory");
        return SG_ENOMEM;
    }
    if (!out->message[0])
        copy_field(out->message, sizeof out->message, "cannot start the transaction");
    if (out->cancelled && !x->lost)
        copy_field(out->message, sizeof out->message,
                   "the caller's deadline passed: the statement was cancelled");
    return SG_OK;
}

/*
 * Leaves the session as a fresh one: DISCARD ALL drops what a statement could
 * leave behind outside its transaction (session-level SET through
 * set_config(), advisory locks, temporary objects, prepared statements,
 * cursors, LISTEN). Checking for each would cost a query too, so it is said
 * rather than checked; the client encoding, a startup parameter, survives it.
 * A connection where it fails is not reused.
 */
static void reset_session(run *x)
{
    sg_exec_outcome scratch;
    memset(&scratch, 0, sizeof scratch);
    sg_exec_outcome *out = x->out;
    bool cancelled = out->cancelled;
    x->out = &scratch;
    if (!command(x, "DISCARD ALL"))
        x->c->doomed = true;
    x->out = out;
    out->cancelled = cancelled;
}

/* One attempt at the statement on the run's connection; a STEP_* value. */
static int attempt(run *x, const sg_row_sink *sink)
{
    int step = begin(x);
    if (step == STEP_OK)
        step = strcmp(x->stmt->operation, "select") == 0 ? run_select(x, sink) : run_other(x, sink);
    if (step == STEP_OK) {
        bool rollback = x->c->owner->rollback_only;
        x->commit_sent = !rollback;
        if (!command(x, rollback ? "ROLLBACK" : "COMMIT"))
            step = STEP_FAILED;
        x->commit_sent = x->commit_sent && step != STEP_OK;
    }
    return step;
}

/* A select whose connection was lost before anything reached the sink runs
 * once more on a fresh connection: it is READ ONLY, so nothing ran twice.
 * Writes never run twice, nor does a select whose answer never came: its
 * backend may still be at work (a statement the timeout cannot stop), and a
 * second run would double what it costs. */
static bool may_retry(const run *x)
{
    return x->lost && !x->gave_up && !x->delivered && !x->out->cancelled && !x->commit_sent &&
           strcmp(x->stmt->operation, "select") == 0;
}

static int pq_execute(void *session, const sg_statement *stmt, const sg_row_sink *sink,
                      sg_exec_outcome *out)
{
    conn *c = session;
    memset(out, 0, sizeof *out);
    run x = {.c = c,
             .stmt = stmt,
             .out = out,
             .bound_ms = stmt->statement_timeout_ms + ANSWER_MARGIN_MS};
    int step = attempt(&x, sink);
    if (step == STEP_FAILED && may_retry(&x)) {
        PGconn *fresh = connect_dsn(c->dsn, NULL);
        if (fresh) {
            PQfinish(c->pg);
            c->pg = fresh;
            c->doomed = false;
            memset(out, 0, sizeof *out);
            x = (run){.c = c,
                      .stmt = stmt,
                      .out = out,
                      .bound_ms = stmt->statement_timeout_ms + ANSWER_MARGIN_MS};
            out->retried = true;
            step = attempt(&x, sink);
            out->retried = true;
        }
    }
    int rc = SG_OK;
    if (step != STEP_OK) {
        bool retried = out->retried;
        rc = abandon(&x, step);
        out->retried = retried;
    } else {
        bool rollback = c->owner->rollback_only;
        out->rolled_back = rollback;
        out->ok = true;
        out->status = rollback ? SG_EXEC_ROLLED_BACK : SG_EXEC_COMMITTED;
    }
    if (!x.lost && PQstatus(c->pg) == CONNECTION_OK)
        reset_session(&x);
    return rc;
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
        return sg__set_error(err, SG_EINVAL, "%s", "sg_executor_new_libpq_opts: out is required");
    *out = NULL;
    if (!o)
        return sg__set_error(err, SG_EINVAL, "%s",
                             "sg_executor_new_libpq_opts: options are required");
    if (o->version < 1 || o->version > SG_LIBPQ_OPTIONS_VERSION)
        return sg__set_error(err, SG_EINVAL,
                             "sg_executor_new_libpq_opts: unknown options version %u (1..%d)",
                             o->version, SG_LIBPQ_OPTIONS_VERSION);
    const char *default_dsn = o->default_dsn;
    unsigned pool_size = o->pool_size;
    if (pool_size == 0 || pool_size > MAX_POOL)
        return sg__set_error(err, SG_EINVAL, "pool_size must be 1..%d, not %u", MAX_POOL,
                             pool_size);
    if (o->version >= 2 && o->pool_wait_ms < 0)
        return sg__set_error(err, SG_EINVAL, "%s", "pool_wait_ms must not be negative");
    int rc = sg__session_check_role(o->role, err);
    if (rc != SG_OK)
        return rc;
    pool *p = sg__malloc(sizeof *p);
    if (!p)
        return SG_ENOMEM;
    memset(p, 0, sizeof *p);
    p->size = pool_size;
    p->rollback_only = o->rollback_only;
    p->pool_wait_ms = o->version >= 2 ? o->pool_wait_ms : DEFAULT_POOL_WAIT_MS;
    if ((default_dsn && !(p->default_dsn = dup_str(default_dsn))) ||
        (o->role && !(p->role = dup_str(o->role)))) {
        sg__free(p->default_dsn);
        sg__free(p);
        return SG_ENOMEM;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&p->freed, &attr);
    pthread_condattr_destroy(&attr);
    rc = sg_executor_new(&libpq_vtable, p, out);
    if (rc != SG_OK)
        pq_destroy(p);
    return rc;
}
