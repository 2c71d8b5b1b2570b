/*
 * test_faults.c - the libpq executor under the faults of a production server.
 *
 * Against the throw-away cluster of tests/pg/cluster.sh, in a database of its
 * own: backends terminated while idle in the pool and while a statement runs,
 * the cluster restarted between and during operations, the answer to COMMIT
 * cut by a proxy (both before and after the server committed), the server at
 * max_connections and refusing connections, a server announcing another major
 * version, a caller's deadline, a bounded pool wait, session state that must
 * not leak, and 16 threads on a pool of 4 while backends are killed. Each test asserts the outcome
 * the executor reports and what the table really holds afterwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support.h"
#include "pgsupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "sqlguard.h"

#define DB_NAME "sg_faults"
#define APP "sg_faults_exec"
#define ROLE "sg_faults_user"

static const char CATALOG_JSON[] =
    "{\"version\":1,\"data_sources\":[{\"uid\":\"ds-faults\",\"engine\":\"postgresql\","
    "\"default_schema\":\"public\"}],\"meta_tables\":[{\"uid\":\"mt-event\",\"identifier\":"
    "\"faults.Event\",\"namespace\":\"faults\",\"data_source_uid\":\"ds-faults\",\"schema\":"
    "\"public\",\"physical_table_name\":\"fault_event\",\"columns\":[{\"name\":\"id\",\"type\":"
    "\"bigint\",\"nullable\":false,\"default\":\"nextval('fault_event_id_seq'::regclass)\"},"
    "{\"name\":\"tag\",\"type\":\"text\",\"nullable\":false},{\"name\":\"n\",\"type\":"
    "\"integer\",\"nullable\":false}],\"primary_key\":[\"id\"],\"unique\":[[\"tag\"]]}]}";
static const char POLICY_JSON[] =
    "{\"version\":1,\"rules\":{\"func.denied\":{\"options\":{\"allow\":[\"^pg_sleep$\","
    "\"^set_config$\",\"^pg_advisory_lock$\"]}}}}";

static const char INSERT_SQL[] = "INSERT INTO fault_event (tag, n) VALUES (%(tag)s, 1)";
static const char SLOW_INSERT_SQL[] =
    "INSERT INTO fault_event (tag, n) SELECT %(tag)s, 1 FROM pg_sleep(%(s)s)";
static const char SLOW_SELECT_SQL[] =
    "SELECT e.id, e.tag FROM fault_event AS e, pg_sleep(%(s)s) WHERE e.tag = %(tag)s ORDER BY e.id";
static const char SELECT_SQL[] =
    "SELECT e.id, e.n FROM fault_event AS e WHERE e.tag = %(tag)s ORDER BY e.id";
static const char UPDATE_SQL[] = "UPDATE fault_event SET n = n + 1 WHERE tag = %(tag)s";

static char *g_base_dsn; /* superuser, database postgres */
static char *g_dir;      /* the cluster's directory */
static char *g_dsn;      /* superuser on sg_faults, as the executor's application */
static PGconn *g_admin;
static sg_catalog *g_catalog;
static sg_policy *g_policy;

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The admin connection, opened again when a restart ended it. */
static PGconn *admin(void)
{
    if (!g_admin || PQstatus(g_admin) != CONNECTION_OK) {
        PQfinish(g_admin);
        g_admin = NULL;
        for (int i = 0; i < 100 && !g_admin; i++) {
            char *dsn = sg_test_printf("%s dbname=" DB_NAME, g_base_dsn);
            PGconn *pg = PQconnectdb(dsn);
            free(dsn);
            if (PQstatus(pg) == CONNECTION_OK)
                g_admin = pg;
            else {
                PQfinish(pg);
                sleep_ms(100);
            }
        }
        assert_non_null(g_admin);
    }
    return g_admin;
}

static long admin_count(const char *sql, const char *param)
{
    PGresult *res =
        PQexecParams(admin(), sql, param ? 1 : 0, NULL, param ? &param : NULL, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("admin: %s -> %s", sql, PQerrorMessage(g_admin));
    long n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return n;
}

static long rows_tagged(const char *tag)
{
    return admin_count("SELECT count(*) FROM public.fault_event WHERE tag = $1", tag);
}

static char *make_op(const char *kind, const char *sql, const char *params, long long timeout_ms)
{
    cJSON *s = cJSON_CreateString(sql);
    char *quoted = cJSON_PrintUnformatted(s);
    cJSON_Delete(s);
    assert_non_null(quoted);
    char *op = sg_test_printf(
        "{\"operation\":\"%s\",\"sql\":%s,\"parameters\":%s,\"scope\":{\"data_source_uid\":"
        "\"ds-faults\",\"tables\":[{\"meta_table_uid\":\"mt-event\",\"alias\":\"e\",\"access\":"
        "\"%s\"}]},\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":%lld}}",
        kind, quoted, params, strcmp(kind, "select") == 0 ? "read" : "write", timeout_ms);
    cJSON_free(quoted);
    return op;
}

static sg_verdict *check(const char *op, bool want_allowed)
{
    sg_check_options o = SG_CHECK_OPTIONS_INIT;
    o.policy = g_policy;
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(g_catalog, op, strlen(op), &o, &v), SG_OK);
    if (sg_verdict_allowed(v) != want_allowed)
        fail_msg("expected %s: %s", want_allowed ? "allowed" : "denied", op);
    return v;
}

/* Runs one operation under its statement timeout; the return code of
 * sg_execute_opts, the result in *out. */
static int exec_op_timed(sg_executor *ex, const char *kind, const char *sql, const char *params,
                         long long deadline_ms, long long timeout_ms, sg_result **out,
                         sg_error *err)
{
    char *op = make_op(kind, sql, params, timeout_ms);
    sg_verdict *v = check(op, true);
    free(op);
    sg_execute_options eo = SG_EXECUTE_OPTIONS_INIT;
    eo.deadline_ms = deadline_ms;
    int rc = sg_execute_opts(ex, v, &eo, out, err);
    sg_verdict_free(v);
    return rc;
}

/* Runs one operation; the return code of sg_execute_opts, the result in *out. */
static int exec_op(sg_executor *ex, const char *kind, const char *sql, const char *params,
                   long long deadline_ms, sg_result **out, sg_error *err)
{
    return exec_op_timed(ex, kind, sql, params, deadline_ms, 15000, out, err);
}

/* Runs one operation that must return a result; its status. */
static sg_exec_status exec_status(sg_executor *ex, const char *kind, const char *sql,
                                  const char *params, sg_result **keep)
{
    sg_result *r = NULL;
    sg_error err = {0, ""};
    int rc = exec_op(ex, kind, sql, params, 0, &r, &err);
    if (rc != SG_OK)
        fail_msg("sg_execute: %s: %s", sg_err_name(rc), err.message);
    sg_exec_status st = sg_result_outcome(r)->status;
    if (keep)
        *keep = r;
    else
        sg_result_free(r);
    return st;
}

static void insert_committed(sg_executor *ex, const char *tag)
{
    char *params = sg_test_printf("{\"tag\":\"%s\"}", tag);
    sg_result *r = NULL;
    sg_exec_status st = exec_status(ex, "insert", INSERT_SQL, params, &r);
    if (st != SG_EXEC_COMMITTED)
        fail_msg("insert %s: %s: %s", tag, sg_exec_status_name(st), sg_result_outcome(r)->message);
    assert_true(sg_result_outcome(r)->ok);
    sg_result_free(r);
    free(params);
}

static sg_executor *executor(const char *dsn, unsigned pool, long long wait_ms)
{
    sg_libpq_options o = SG_LIBPQ_OPTIONS_INIT;
    o.default_dsn = dsn;
    o.pool_size = pool;
    o.pool_wait_ms = wait_ms;
    sg_executor *ex = NULL;
    sg_error err;
    if (sg_executor_new_libpq_opts(&o, &ex, &err) != SG_OK)
        fail_msg("executor: %s", err.message);
    return ex;
}

/* The pids of the executor's backends. */
static int executor_pids(int *pids, int cap)
{
    PGresult *res =
        PQexec(admin(),
               "SELECT pid FROM pg_stat_activity WHERE application_name = '" APP "' ORDER BY pid");
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    int n = PQntuples(res) < cap ? PQntuples(res) : cap;
    for (int i = 0; i < n; i++)
        pids[i] = atoi(PQgetvalue(res, i, 0)); /* test code: the server's digits */
    PQclear(res);
    return n;
}

/* Waits until the executor has `n` backends (those of executors freed before
 * may take a moment to end); their count. */
static int settle_pids(int n)
{
    int pids[16], got = executor_pids(pids, 16);
    for (int i = 0; i < 100 && got != n; i++) {
        sleep_ms(20);
        got = executor_pids(pids, 16);
    }
    return got;
}

/* Terminates every backend of the executor and waits until they are gone. */
static int terminate_executor_backends(const char *state_filter)
{
    char *sql = sg_test_printf("SELECT count(pg_terminate_backend(pid, 5000)) FROM "
                               "pg_stat_activity WHERE application_name = '" APP "'%s",
                               state_filter);
    /* a statement just seen running may not show as active for a moment: look again */
    long n = admin_count(sql, NULL);
    for (int i = 0; i < 40 && n == 0 && state_filter[0]; i++) {
        sleep_ms(50);
        n = admin_count(sql, NULL);
    }
    free(sql);
    return (int)n;
}

/* Waits until a statement of the executor containing `text` runs. */
static void wait_active(const char *text)
{
    for (int i = 0; i < 200; i++) {
        if (admin_count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" APP
                        "' AND state = 'active' AND query LIKE '%' || $1 || '%'",
                        text) > 0)
            return;
        sleep_ms(25);
    }
    fail_msg("no statement with %s became active", text);
}

/* ---- operations on a thread -------------------------------------------------------------- */

typedef struct bg_op {
    pthread_t thread;
    sg_executor *ex;
    const char *kind, *sql;
    char *params;
    long long deadline_ms;
    int rc;
    sg_result *result;
    sg_error err;
    long long took_ms;
    long long timeout_ms; /* the operation's statement timeout; 0: 15 s */
} bg_op;

static void *bg_main(void *arg)
{
    bg_op *b = arg;
    long long start = now_ms();
    b->rc = exec_op_timed(b->ex, b->kind, b->sql, b->params, b->deadline_ms,
                          b->timeout_ms ? b->timeout_ms : 15000, &b->result, &b->err);
    b->took_ms = now_ms() - start;
    return NULL;
}

/* Runs the operation on a thread of its own, under a statement timeout of
 * timeout_ms (0: 15 s). */
static void bg_start_timed(bg_op *b, sg_executor *ex, const char *kind, const char *sql,
                           char *params, long long timeout_ms)
{
    memset(b, 0, sizeof *b);
    b->timeout_ms = timeout_ms;
    b->ex = ex;
    b->kind = kind;
    b->sql = sql;
    b->params = params;
    assert_int_equal(pthread_create(&b->thread, NULL, bg_main, b), 0);
}

static void bg_start(bg_op *b, sg_executor *ex, const char *kind, const char *sql, char *params)
{
    bg_start_timed(b, ex, kind, sql, params, 0);
}

static const sg_exec_outcome *bg_join(bg_op *b)
{
    pthread_join(b->thread, NULL);
    free(b->params);
    if (b->rc != SG_OK)
        fail_msg("sg_execute: %s: %s", sg_err_name(b->rc), b->err.message);
    return sg_result_outcome(b->result);
}

/* ---- the cluster ------------------------------------------------------------------------- */

/* pg_ctl restart -m fast, as the cluster's owner, logging where the fixture logs. */
static void restart_cluster(void)
{
    char *cmd = sg_test_printf(
        "bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); "
        "run() { if [ \"$(id -u)\" -eq 0 ]; then runuser -u postgres -- \"$@\"; else \"$@\"; fi; "
        "}; "
        "run \"$bindir/pg_ctl\" -D '%s/data' -l '%s/server.log' -m fast -w -t 60 restart "
        ">/dev/null",
        g_dir, g_dir);
    int rc = system(cmd);
    free(cmd);
    assert_int_equal(rc, 0);
    PQfinish(g_admin);
    g_admin = NULL;
    admin();
}

/* ---- the COMMIT cut: a proxy between the executor and the server ------------------------- */

enum { CUT_NONE, CUT_BEFORE_SERVER, CUT_AFTER_SERVER };

typedef struct proxy {
    pthread_t thread;
    int listen_fd;
    int port;
    char upstream[108];
    atomic_int cut;  /* CUT_*, armed for the next COMMIT */
    atomic_int cuts; /* how many were done */
    atomic_bool stop;
    char version[3]; /* when set, the server's major version as the client sees it */
} proxy;

/* The Query message of "COMMIT" as libpq sends it. */
static const char COMMIT_MSG[] = {'Q', 0, 0, 0, 11, 'C', 'O', 'M', 'M', 'I', 'T', 0};

static bool has_commit(const char *buf, ssize_t n)
{
    for (ssize_t i = 0; i + (ssize_t)sizeof COMMIT_MSG <= n; i++)
        if (memcmp(buf + i, COMMIT_MSG, sizeof COMMIT_MSG) == 0)
            return true;
    return false;
}

static bool write_all(int fd, const char *buf, ssize_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, (size_t)n);
        if (w <= 0)
            return false;
        buf += w;
        n -= w;
    }
    return true;
}

/* Rewrites the major version the server announces at start-up (the ParameterStatus
 * "server_version", "15.x ...") to p->version, two digits for two, so that no length
 * changes. */
static void fake_version(const proxy *p, char *buf, ssize_t n)
{
    static const char key[] = "server_version"; /* with its NUL */
    for (ssize_t i = 0; p->version[0] && i + (ssize_t)sizeof key + 2 <= n; i++)
        if (memcmp(buf + i, key, sizeof key) == 0)
            memcpy(buf + i + sizeof key, p->version, 2);
}

/* Relays one client until either side closes, or the armed cut happens. */
static void relay(proxy *p, int client)
{
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un su = {.sun_family = AF_UNIX};
    snprintf(su.sun_path, sizeof su.sun_path, "%s", p->upstream);
    if (connect(server, (struct sockaddr *)&su, sizeof su) != 0) {
        close(server);
        return;
    }
    char buf[65536];
    for (;;) {
        struct pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        if (poll(fds, 2, 200) < 0 || atomic_load(&p->stop))
            break;
        if (fds[0].revents) {
            ssize_t n = read(client, buf, sizeof buf);
            if (n <= 0)
                break;
            int cut = atomic_load(&p->cut);
            if (cut != CUT_NONE && has_commit(buf, n)) {
                atomic_store(&p->cut, CUT_NONE);
                if (cut == CUT_AFTER_SERVER) {
                    /* the server commits and answers; the answer is dropped */
                    write_all(server, buf, n);
                    struct pollfd s = {server, POLLIN, 0};
                    if (poll(&s, 1, 10000) > 0)
                        (void)read(server, buf, sizeof buf);
                }
                atomic_fetch_add(&p->cuts, 1);
                break;
            }
            if (!write_all(server, buf, n))
                break;
        }
        if (fds[1].revents) {
            ssize_t n = read(server, buf, sizeof buf);
            if (n > 0)
                fake_version(p, buf, n);
            if (n <= 0 || !write_all(client, buf, n))
                break;
        }
    }
    close(server);
}

static void *proxy_main(void *arg)
{
    proxy *p = arg;
    while (!atomic_load(&p->stop)) {
        struct pollfd fd = {p->listen_fd, POLLIN, 0};
        if (poll(&fd, 1, 100) <= 0)
            continue;
        int client = accept(p->listen_fd, NULL, NULL);
        if (client < 0)
            continue;
        relay(p, client);
        close(client);
    }
    return NULL;
}

static void proxy_start(proxy *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->upstream, sizeof p->upstream, "%s/sock/.s.PGSQL.5432", g_dir);
    p->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(p->listen_fd >= 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(p->listen_fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(p->listen_fd, 8), 0);
    socklen_t len = sizeof sa;
    assert_int_equal(getsockname(p->listen_fd, (struct sockaddr *)&sa, &len), 0);
    p->port = ntohs(sa.sin_port);
    assert_int_equal(pthread_create(&p->thread, NULL, proxy_main, p), 0);
}

static void proxy_stop(proxy *p)
{
    atomic_store(&p->stop, true);
    pthread_join(p->thread, NULL);
    close(p->listen_fd);
}

/* ---- tests ------------------------------------------------------------------------------- */

/* A backend terminated while its connection sits idle in the pool: the next
 * operation gets a fresh connection, and the write commits once. */
static void test_faults__terminated_while_idle(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, 1, 5000);
    insert_committed(ex, "idle-1");
    assert_int_equal(settle_pids(1), 1);
    assert_int_equal(terminate_executor_backends(""), 1);
    insert_committed(ex, "idle-2");
    assert_int_equal(rows_tagged("idle-1"), 1);
    assert_int_equal(rows_tagged("idle-2"), 1);
    int pids[4];
    assert_int_equal(executor_pids(pids, 4), 1);
    sg_executor_free(ex);
}

/* A backend terminated mid-statement: a write is rolled back (and not run
 * again); a select that delivered nothing runs once more and says so. */
static void test_faults__terminated_mid_statement(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, 1, 5000);
    bg_op b;
    bg_start(&b, ex, "insert", SLOW_INSERT_SQL, sg_test_printf("{\"tag\":\"mid-w\",\"s\":3}"));
    wait_active("pg_sleep");
    assert_int_equal(terminate_executor_backends(" AND state = 'active'"), 1);
    const sg_exec_outcome *o = bg_join(&b);
    assert_int_equal(o->status, SG_EXEC_ROLLED_BACK);
    assert_false(o->ok);
    assert_true(o->rolled_back);
    assert_false(o->retried);
    assert_string_equal(o->sqlstate, "57P01");
    assert_non_null(strstr(o->message, "did not commit"));
    sg_result_free(b.result);
    assert_int_equal(rows_tagged("mid-w"), 0);

    insert_committed(ex, "mid-r");
    bg_start(&b, ex, "select", SLOW_SELECT_SQL, sg_test_printf("{\"tag\":\"mid-r\",\"s\":3}"));
    wait_active("FETCH"); /* a select runs through a cursor */
    assert_int_equal(terminate_executor_backends(" AND state = 'active'"), 1);
    o = bg_join(&b);
    assert_int_equal(o->status, SG_EXEC_COMMITTED);
    assert_true(o->retried);
    assert_int_equal(sg_result_row_count(b.result), 1);
    assert_string_equal(sg_result_value(b.result, 0, 1), "mid-r");
    sg_result_free(b.result);
    sg_executor_free(ex);
}

/* The cluster restarted between operations: pooled connections from before
 * are discarded, the next write commits exactly once. */
static void test_faults__restart_between_operations(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, 2, 5000);
    insert_committed(ex, "rs-1");
    restart_cluster();
    insert_committed(ex, "rs-2");
    sg_result *r = NULL;
    assert_int_equal(exec_status(ex, "select", SELECT_SQL, "{\"tag\":\"rs-1\"}", &r),
                     SG_EXEC_COMMITTED);
    assert_false(sg_result_outcome(r)->retried);
    assert_int_equal(sg_result_row_count(r), 1);
    sg_result_free(r);
    assert_int_equal(rows_tagged("rs-1"), 1);
    assert_int_equal(rows_tagged("rs-2"), 1);
    sg_executor_free(ex);
}

/* The cluster restarted while a write runs: rolled back, the row is not
 * there, and the executor works once the server is back. */
static void test_faults__restart_during_operation(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, 1, 5000);
    bg_op b;
    bg_start(&b, ex, "insert", SLOW_INSERT_SQL, sg_test_printf("{\"tag\":\"rd-w\",\"s\":5}"));
    wait_active("pg_sleep");
    restart_cluster();
    const sg_exec_outcome *o = bg_join(&b);
    assert_int_equal(o->status, SG_EXEC_ROLLED_BACK);
    assert_false(o->ok);
    assert_false(o->retried);
    sg_result_free(b.result);
    assert_int_equal(rows_tagged("rd-w"), 0);
    insert_committed(ex, "rd-after");
    assert_int_equal(rows_tagged("rd-after"), 1);
    sg_executor_free(ex);
}

/* The connection cut between COMMIT and its answer: the outcome is unknown,
 * whichever way it went, and the table tells which. */
static void test_faults__commit_answer_lost_is_unknown(void **state)
{
    (void)state;
    proxy p;
    proxy_start(&p);
    char *dsn = sg_test_printf("host=127.0.0.1 port=%d dbname=" DB_NAME " user=postgres "
                               "sslmode=disable gssencmode=disable application_name=" APP,
                               p.port);
    sg_executor *ex = executor(dsn, 1, 5000);
    insert_committed(ex, "cut-warmup");
    static const struct {
        int cut;
        const char *tag;
        long rows;
    } cases[] = {{CUT_BEFORE_SERVER, "cut-before", 0}, {CUT_AFTER_SERVER, "cut-after", 1}};
    for (size_t i = 0; i < 2; i++) {
        atomic_store(&p.cut, cases[i].cut);
        char *params = sg_test_printf("{\"tag\":\"%s\"}", cases[i].tag);
        sg_result *r = NULL;
        assert_int_equal(exec_status(ex, "insert", INSERT_SQL, params, &r), SG_EXEC_UNKNOWN);
        free(params);
        const sg_exec_outcome *o = sg_result_outcome(r);
        assert_false(o->ok);
        assert_false(o->rolled_back);
        assert_false(o->retried);
        assert_non_null(strstr(o->message, "unknown"));
        char *json = NULL;
        assert_int_equal(sg_result_to_json(r, &json), SG_OK);
        assert_non_null(strstr(json, "\"outcome\":\"unknown\""));
        sg_free(json);
        sg_result_free(r);
        assert_int_equal(atomic_load(&p.cuts), (int)i + 1);
        /* the server ends the session of the cut connection; only then is a
         * transaction that never got its COMMIT surely gone */
        for (int t = 0; t < 100 && admin_count("SELECT count(*) FROM pg_stat_activity WHERE "
                                               "application_name = '" APP "'",
                                               NULL) > 0;
             t++)
            sleep_ms(20);
        assert_int_equal(rows_tagged(cases[i].tag), cases[i].rows);
    }
    /* and the next operation runs on a fresh connection */
    insert_committed(ex, "cut-next");
    assert_int_equal(rows_tagged("cut-next"), 1);
    sg_executor_free(ex);
    proxy_stop(&p);
    free(dsn);
}

/* A server of another major version than the guard's grammar runs nothing: the
 * guard proved the statement for PostgreSQL 15 alone (on 16, `system_user` is a
 * function of the session where 15 reads a column). The same server announcing
 * its own version runs the same statement. */
static void test_faults__other_major_version_runs_nothing(void **state)
{
    (void)state;
    proxy p;
    proxy_start(&p);
    memcpy(p.version, "16", 2);
    char *dsn = sg_test_printf("host=127.0.0.1 port=%d dbname=" DB_NAME " user=postgres "
                               "sslmode=disable gssencmode=disable application_name=" APP,
                               p.port);
    sg_executor *ex = executor(dsn, 1, 5000);
    sg_result *r = NULL;
    sg_error err = {0, ""};
    /* nothing is kept from a refused connection: asking again refuses again */
    for (int i = 0; i < 2; i++) {
        assert_int_equal(exec_op(ex, "insert", INSERT_SQL, "{\"tag\":\"v16\"}", 0, &r, &err),
                         SG_ECONNECT);
        assert_null(r);
        assert_non_null(strstr(err.message, "runs PostgreSQL 16."));
        assert_non_null(strstr(err.message, "on PostgreSQL 15 only"));
    }
    assert_int_equal(rows_tagged("v16"), 0);
    sg_executor_free(ex);
    memset(p.version, 0, sizeof p.version);
    ex = executor(dsn, 1, 5000);
    insert_committed(ex, "v15");
    assert_int_equal(rows_tagged("v15"), 1);
    assert_int_equal(rows_tagged("v16"), 0);
    sg_executor_free(ex);
    proxy_stop(&p);
    free(dsn);
}

/* Whether a connection failure says the server has no slot left (53300). */
static bool full(const char *message)
{
    return strstr(message, "too many clients") || strstr(message, "connection slots are reserved");
}

/* Waits until the server has `hogs` backends of the test's role (a closed
 * one has ended), then a moment more: the backend leaves pg_stat_activity
 * just before it gives its slot back. */
static void wait_slot_freed(int hogs)
{
    long left = -1;
    for (int i = 0; i < 250; i++) {
        left =
            admin_count("SELECT count(*) FROM pg_stat_activity WHERE usename = '" ROLE "'", NULL);
        if (left <= hogs)
            break;
        sleep_ms(20);
    }
    assert_true(left <= hogs);
    sleep_ms(100);
}

/* The server at max_connections, then refusing connections to the database:
 * nothing runs (SG_ECONNECT with the server's reason), no pool slot is lost,
 * and the executor works again when the server takes connections. */
static void test_faults__max_connections_and_refusal(void **state)
{
    (void)state;
    char *dsn =
        sg_test_printf("%s dbname=" DB_NAME " user=" ROLE " application_name=" APP, g_base_dsn);
    sg_executor *ex = executor(dsn, 2, 5000);
    char *hog_dsn = sg_test_printf("%s dbname=" DB_NAME " user=" ROLE, g_base_dsn);
    PGconn *hogs[64];
    int n = 0;
    for (; n < 64; n++) {
        hogs[n] = PQconnectdb(hog_dsn);
        if (PQstatus(hogs[n]) != CONNECTION_OK) {
            assert_true(full(PQerrorMessage(hogs[n])));
            PQfinish(hogs[n]);
            break;
        }
    }
    assert_true(n > 0 && n < 64);
    sg_result *r = NULL;
    sg_error err = {0, ""};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(exec_op(ex, "insert", INSERT_SQL, "{\"tag\":\"maxc\"}", 0, &r, &err),
                         SG_ECONNECT);
        assert_null(r);
        assert_true(full(err.message));
    }
    /* a closed connection's backend ends a moment after the client goes, and
     * its slot is free only then: the executor connects once it is */
    PQfinish(hogs[--n]);
    wait_slot_freed(n);
    insert_committed(ex, "maxc");
    while (n > 0)
        PQfinish(hogs[--n]);
    assert_int_equal(rows_tagged("maxc"), 1);

    /* from another database: the current one cannot be closed to connections */
    PGconn *other = sg_test_pg_connect(g_base_dsn, "");
    sg_test_pg_run(other, "ALTER DATABASE " DB_NAME " ALLOW_CONNECTIONS false");
    assert_int_equal(settle_pids(1), 1);
    assert_int_equal(terminate_executor_backends(""), 1);
    assert_int_equal(exec_op(ex, "insert", INSERT_SQL, "{\"tag\":\"refused\"}", 0, &r, &err),
                     SG_ECONNECT);
    assert_null(r);
    assert_non_null(strstr(err.message, "not currently accepting connections"));
    sg_test_pg_run(other, "ALTER DATABASE " DB_NAME " ALLOW_CONNECTIONS true");
    PQfinish(other);
    insert_committed(ex, "refused-after");
    assert_int_equal(rows_tagged("refused"), 0);
    assert_int_equal(rows_tagged("refused-after"), 1);
    sg_executor_free(ex);
    free(dsn);
    free(hog_dsn);
}

/* A backend that stops answering (stopped here with SIGSTOP, as a statement
 * the timeout cannot interrupt would keep it): after the statement timeout and
 * the margin the executor gives the connection up, and a select is not run a
 * second time beside the one that may still be running. */
static void test_faults__no_answer_is_not_run_twice(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, 1, 5000);
    insert_committed(ex, "stall-r");
    bg_op b;
    bg_start_timed(&b, ex, "select", SLOW_SELECT_SQL,
                   sg_test_printf("{\"tag\":\"stall-r\",\"s\":5}"), 1500);
    wait_active("FETCH");
    int pids[4];
    assert_int_equal(executor_pids(pids, 4), 1);
    char *stop = sg_test_printf("kill -STOP %d", pids[0]);
    assert_int_equal(system(stop), 0);
    free(stop);
    const sg_exec_outcome *o = bg_join(&b);
    char *cont = sg_test_printf("kill -CONT %d", pids[0]);
    assert_int_equal(system(cont), 0);
    free(cont);
    assert_false(o->ok);
    assert_false(o->retried);
    assert_non_null(strstr(o->message, "no answer from the server in time"));
    print_message("    (gave up after %lld ms)\n", b.took_ms);
    sg_result_free(b.result);
    /* only the stopped backend ever ran it */
    char *pid = sg_test_printf("%d", pids[0]);
    assert_int_equal(
        admin_count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" APP
                    "' AND pid <> $1::int",
                    pid),
        0);
    free(pid);
    terminate_executor_backends("");
    sg_executor_free(ex);
}

/* A caller's deadline cancels the running statement: rolled back, cancelled,
 * 57014, long before the statement would have ended. */
static void test_faults__deadline_cancels_the_statement(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, 1, 5000);
    sg_result *r = NULL;
    sg_error err = {0, ""};
    long long start = now_ms();
    assert_int_equal(
        exec_op(ex, "insert", SLOW_INSERT_SQL, "{\"tag\":\"dl\",\"s\":10}", 300, &r, &err), SG_OK);
    long long took = now_ms() - start;
    const sg_exec_outcome *o = sg_result_outcome(r);
    assert_int_equal(o->status, SG_EXEC_ROLLED_BACK);
    assert_true(o->cancelled);
    assert_true(o->rolled_back);
    assert_string_equal(o->sqlstate, "57014");
    assert_non_null(strstr(o->message, "deadline"));
    assert_true(took >= 300 && took < 5000);
    sg_result_free(r);
    assert_int_equal(rows_tagged("dl"), 0);
    insert_committed(ex, "dl-after");
    sg_executor_free(ex);
}

/* Every pooled connection busy: a caller waits at most pool_wait_ms, then
 * SG_EBUSY says so, and nothing ran. */
static void test_faults__pool_wait_is_bounded(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, 1, 200);
    insert_committed(ex, "pw-row");
    bg_op b;
    bg_start(&b, ex, "select", SLOW_SELECT_SQL, sg_test_printf("{\"tag\":\"pw-row\",\"s\":2}"));
    wait_active("FETCH");
    sg_result *r = NULL;
    sg_error err = {0, ""};
    long long start = now_ms();
    assert_int_equal(exec_op(ex, "insert", INSERT_SQL, "{\"tag\":\"pw\"}", 0, &r, &err), SG_EBUSY);
    long long took = now_ms() - start;
    assert_null(r);
    assert_int_equal(err.code, SG_EBUSY);
    assert_non_null(strstr(err.message, "pool_wait_ms"));
    assert_true(took >= 150 && took < 1500);
    assert_int_equal(bg_join(&b)->status, SG_EXEC_COMMITTED);
    sg_result_free(b.result);
    assert_int_equal(rows_tagged("pw"), 0);
    insert_committed(ex, "pw");
    sg_executor_free(ex);
}

/* What an operation tries to leave behind does not reach the next one on the
 * same connection: a session-level setting, a session advisory lock, and
 * (which the guard refuses outright) temporary objects and prepared statements. */
static void test_faults__session_state_does_not_leak(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, 1, 5000);
    insert_committed(ex, "ss");
    assert_int_equal(settle_pids(1), 1);
    int before[2], after[2];
    assert_int_equal(executor_pids(before, 2), 1);
    sg_result *r = NULL;
    assert_int_equal(exec_status(ex, "select",
                                 "SELECT set_config('application_name', 'leaked', false) AS v "
                                 "FROM fault_event AS e WHERE e.tag = %(tag)s ORDER BY e.id",
                                 "{\"tag\":\"ss\"}", &r),
                     SG_EXEC_COMMITTED);
    assert_string_equal(sg_result_value(r, 0, 0), "leaked");
    sg_result_free(r);
    assert_int_equal(exec_status(ex, "select",
                                 "SELECT pg_advisory_lock(%(k)s) AS v FROM fault_event AS e "
                                 "WHERE e.tag = 'ss' ORDER BY e.id",
                                 "{\"k\":4242}", NULL),
                     SG_EXEC_COMMITTED);
    /* the same connection, and nothing of it is left */
    assert_int_equal(executor_pids(after, 2), 1);
    assert_int_equal(after[0], before[0]);
    assert_int_equal(admin_count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'", NULL),
                     0);
    assert_int_equal(exec_status(ex, "select",
                                 "SELECT set_config('search_path', 'public', true) AS v FROM "
                                 "fault_event AS e WHERE e.tag = %(tag)s ORDER BY e.id",
                                 "{\"tag\":\"ss\"}", NULL),
                     SG_EXEC_COMMITTED);
    assert_int_equal(admin_count("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                 "'" APP "' AND state = 'idle'",
                                 NULL),
                     1); /* not idle in transaction, and not renamed "leaked" */
    static const char *const refused[] = {
        "CREATE TEMP TABLE leak (x int)",
        "PREPARE leak AS SELECT 1",
        "SET application_name = 'leaked'",
        "LISTEN leak",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        char *op = make_op("select", refused[i], "{}", 1000);
        sg_verdict_free(check(op, false));
        free(op);
    }
    sg_executor_free(ex);
}

/* ---- load -------------------------------------------------------------------------------- */

enum { LOAD_THREADS = 16, LOAD_POOL = 4, LOAD_MAX_OPS = 1500 };

typedef struct worker {
    pthread_t thread;
    sg_executor *ex;
    int id;
    long long until;
    long ops, by_status[5], errors, inserts;
    unsigned char insert_status[LOAD_MAX_OPS]; /* status of insert i, 0 when none */
} worker;

static atomic_bool g_load_done;

static void *worker_main(void *arg)
{
    worker *w = arg;
    for (int i = 0; i < LOAD_MAX_OPS && now_ms() < w->until; i++) {
        char params[96];
        int kind = i % 4;
        snprintf(params, sizeof params, "{\"tag\":\"L%d-%d\"}", w->id, kind == 0 ? i : i - kind);
        const char *k = kind == 0 ? "insert" : kind == 2 ? "update" : "select";
        const char *sql = kind == 0 ? INSERT_SQL : kind == 2 ? UPDATE_SQL : SELECT_SQL;
        sg_result *r = NULL;
        sg_error err = {0, ""};
        int rc = exec_op(w->ex, k, sql, params, 0, &r, &err);
        w->ops++;
        if (rc != SG_OK) {
            w->errors++; /* no connection: nothing ran */
            if (kind == 0)
                w->insert_status[i] = SG_EXEC_NOT_STARTED;
            continue;
        }
        sg_exec_status st = sg_result_outcome(r)->status;
        w->by_status[st]++;
        if (kind == 0)
            w->insert_status[i] = (unsigned char)st;
        sg_result_free(r);
    }
    return NULL;
}

static void *killer_main(void *arg)
{
    long *kills = arg;
    char *dsn = sg_test_printf("%s dbname=" DB_NAME, g_base_dsn);
    PGconn *pg = PQconnectdb(dsn);
    free(dsn);
    while (!atomic_load(&g_load_done)) {
        sleep_ms(150);
        PGresult *res = PQexec(pg, "SELECT count(pg_terminate_backend(pid)) FROM (SELECT pid FROM "
                                   "pg_stat_activity WHERE application_name = '" APP
                                   "' ORDER BY random() LIMIT 1) s");
        if (PQresultStatus(res) == PGRES_TUPLES_OK)
            *kills += strtol(PQgetvalue(res, 0, 0), NULL, 10);
        PQclear(res);
    }
    PQfinish(pg);
    return NULL;
}

/* 16 threads of mixed operations on a pool of 4 while backends are killed:
 * no deadlock (it ends in time), every outcome accounted for, and the rows
 * are exactly the inserts that committed (plus, at most, unknown ones). */
static void test_faults__load_with_kills(void **state)
{
    (void)state;
    sg_executor *ex = executor(g_dsn, LOAD_POOL, 30000);
    static worker w[LOAD_THREADS];
    long long start = now_ms();
    atomic_store(&g_load_done, false);
    long kills = 0;
    pthread_t killer;
    assert_int_equal(pthread_create(&killer, NULL, killer_main, &kills), 0);
    for (int t = 0; t < LOAD_THREADS; t++) {
        memset(&w[t], 0, sizeof w[t]);
        w[t].ex = ex;
        w[t].id = t;
        w[t].until = start + 8000;
        assert_int_equal(pthread_create(&w[t].thread, NULL, worker_main, &w[t]), 0);
    }
    for (int t = 0; t < LOAD_THREADS; t++)
        pthread_join(w[t].thread, NULL);
    atomic_store(&g_load_done, true);
    pthread_join(killer, NULL);
    long long took = now_ms() - start;

    long ops = 0, counted = 0, by[5] = {0}, committed = 0, unknown = 0;
    for (int t = 0; t < LOAD_THREADS; t++) {
        ops += w[t].ops;
        counted += w[t].errors;
        for (int s = 0; s < 5; s++) {
            by[s] += w[t].by_status[s];
            counted += w[t].by_status[s];
        }
        for (int i = 0; i < LOAD_MAX_OPS; i++) {
            char tag[32];
            snprintf(tag, sizeof tag, "L%d-%d", t, i);
            int st = w[t].insert_status[i];
            if (i % 4 != 0 || st == 0)
                continue;
            long rows = rows_tagged(tag);
            if (st == SG_EXEC_COMMITTED) {
                committed++;
                if (rows != 1)
                    fail_msg("%s committed but %ld rows", tag, rows);
            } else if (st == SG_EXEC_UNKNOWN) {
                unknown++;
                assert_true(rows <= 1);
            } else if (rows != 0) {
                fail_msg("%s %s but the row is there", tag, sg_exec_status_name(st));
            }
        }
    }
    print_message("load: %ld operations in %lld ms, %ld backends killed; committed %ld, rolled "
                  "back %ld, not started %ld (+%ld without connection), unknown %ld\n",
                  ops, took, kills, by[SG_EXEC_COMMITTED], by[SG_EXEC_ROLLED_BACK],
                  by[SG_EXEC_NOT_STARTED], counted - by[1] - by[2] - by[3] - by[4], by[4]);
    assert_int_equal(counted, ops);
    assert_int_equal(by[SG_EXEC_UNSET], 0);
    assert_true(ops >= 1000);
    assert_true(took < 40000);
    assert_true(by[SG_EXEC_COMMITTED] > ops / 2);
    long all = admin_count("SELECT count(*) FROM public.fault_event WHERE tag LIKE 'L%'", NULL);
    assert_true(all >= committed && all <= committed + unknown);
    /* the pool never opened more than its size, and keeps nothing in a transaction */
    int pids[16];
    assert_true(executor_pids(pids, 16) <= LOAD_POOL);
    assert_int_equal(
        admin_count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" APP
                    "' AND state <> 'idle'",
                    NULL),
        0);
    /* freeing the executor closes every connection it opened */
    sg_executor_free(ex);
    long left = 1;
    for (int i = 0; i < 100 && left > 0; i++) {
        left = admin_count(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" APP "'", NULL);
        if (left > 0)
            sleep_ms(20);
    }
    assert_int_equal(left, 0);
}

static int setup(void **state)
{
    (void)state;
    char *env = sg_test_slurp(SG_PG_STATE, NULL);
    if (!env) {
        fprintf(stderr, "test_faults: no cluster state in %s\n", SG_PG_STATE);
        return -1;
    }
    g_base_dsn = sg_test_state_value(env, "SQLGUARD_TEST_DSN");
    g_dir = sg_test_state_value(env, "SQLGUARD_TEST_DIR");
    free(env);
    if (!g_base_dsn || !g_dir)
        return -1;
    g_admin = sg_test_pg_fresh_database(g_base_dsn, DB_NAME);
    sg_test_pg_run(g_admin, "CREATE TABLE public.fault_event (id bigserial PRIMARY KEY, tag text "
                            "NOT NULL UNIQUE, n integer NOT NULL)");
    sg_test_pg_run(g_admin, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" ROLE
                            "') THEN CREATE ROLE " ROLE " LOGIN; END IF; END $$");
    sg_test_pg_run(g_admin, "GRANT SELECT, INSERT, UPDATE ON public.fault_event TO " ROLE "; "
                            "GRANT USAGE ON SEQUENCE public.fault_event_id_seq TO " ROLE);
    g_dsn = sg_test_printf("%s dbname=" DB_NAME " application_name=" APP, g_base_dsn);
    sg_error err;
    if (sg_catalog_load(CATALOG_JSON, strlen(CATALOG_JSON), &g_catalog, &err) != SG_OK ||
        sg_policy_load(POLICY_JSON, strlen(POLICY_JSON), &g_policy, &err) != SG_OK) {
        fprintf(stderr, "test_faults: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    PQfinish(g_admin);
    g_admin = NULL;
    sg_catalog_free(g_catalog);
    sg_policy_free(g_policy);
    free(g_base_dsn);
    free(g_dir);
    free(g_dsn);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test(test_faults__##name)
        T(terminated_while_idle),          T(terminated_mid_statement),
        T(restart_between_operations),     T(restart_during_operation),
        T(commit_answer_lost_is_unknown),  T(max_connections_and_refusal),
        T(deadline_cancels_the_statement), T(pool_wait_is_bounded),
        T(session_state_does_not_leak),    T(load_with_kills),
        T(no_answer_is_not_run_twice),     T(other_major_version_runs_nothing),
#undef T
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
