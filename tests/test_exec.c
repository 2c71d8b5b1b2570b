/*
 * test_exec.c - governed operations on a real PostgreSQL 15 server.
 *
 * The throw-away cluster of tests/pg/cluster.sh (SG_PG_STATE) gets a database
 * of its own, sg_exec, with the seed tables created as a migration would, by a
 * superuser connection. From then on rows are only written and read through
 * governed operations: JSON text -> sg_check() -> sg_execute() with the libpq
 * executor, against corpus/examples/catalog.json. The superuser connection only
 * looks (and prepares the odd fixture row), to prove what the server really
 * holds. Covered: the seed tutorial end to end, pagination, structured server
 * errors, denied operations that never reach the server (server log and table
 * contents unchanged), statement timeouts, READ ONLY selects, parameter
 * binding of every JSON type, search_path pinning, a shared connection pool
 * and `sqlguard exec`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "sqlguard.h"

#define EXAMPLES SG_SOURCE_DIR "/corpus/examples"
#define CATALOG EXAMPLES "/catalog.json"
#define DB_NAME "sg_exec"
#define DS_A "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define UID_ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"
#define UID_LIMIT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02"
#define UID_VALUE "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b99"
#define NO_SERVER_DSN "host=/tmp/sqlguard-no-such-socket-dir dbname=postgres user=postgres"

#define T_ACCOUNT(access)                                                                          \
    "{\"meta_table_uid\":\"" UID_ACCOUNT "\",\"alias\":\"accounts\",\"access\":\"" access "\"}"
#define T_LIMIT(access)                                                                            \
    "{\"meta_table_uid\":\"" UID_LIMIT "\",\"alias\":\"limits\",\"access\":\"" access "\"}"
#define T_VALUE(access)                                                                            \
    "{\"meta_table_uid\":\"" UID_VALUE "\",\"alias\":\"values\",\"access\":\"" access "\"}"

static const char SEED_UPSERT_SQL[] =
    "INSERT INTO sdk_examples_account\n    (account_code, name, region)\nVALUES\n"
    "    (%(account_code)s, %(name)s, %(region)s)\nON CONFLICT (account_code) DO UPDATE SET\n"
    "    name = EXCLUDED.name,\n    region = EXCLUDED.region\nRETURNING uid, account_code, "
    "name, region\n";
static const char SEED_LIMIT_SQL[] =
    "INSERT INTO sdk_examples_account_limit (account_uid, limit_type, currency)\n"
    "SELECT a.uid, %(limit_type)s, %(currency)s\nFROM sdk_examples_account AS a\n"
    "WHERE a.account_code = %(account_code)s\nRETURNING uid, account_uid, limit_type, currency\n";
static const char SEED_SELECT_SQL[] =
    "SELECT uid, account_code, name, region\nFROM sdk_examples_account\n"
    "WHERE (%(region)s IS NULL OR region = %(region)s)\nORDER BY account_code\nLIMIT %(limit)s\n";

/* ---- fixture state ------------------------------------------------------------------------- */

static char *g_base_dsn;             /* the cluster's superuser DSN (database postgres) */
static char *g_dsn;                  /* the same, on database sg_exec */
static char *g_log;                  /* the server log (log_statement=all) */
static PGconn *g_admin;              /* superuser connection to sg_exec */
static sg_catalog *g_catalog;        /* corpus/examples/catalog.json */
static sg_catalog *g_values_catalog; /* the examples plus a table of every parameter type */
static sg_executor *g_ex;            /* libpq executor on g_dsn, pool of 2 */

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

static void admin_command(PGconn *pg, const char *sql)
{
    PGresult *res = PQexec(pg, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("admin: %s\n-> %s", sql, PQerrorMessage(pg));
    PQclear(res);
}

static void admin(const char *sql)
{
    admin_command(g_admin, sql);
}

/* First cell of a one-parameter (or parameterless) admin query; NULL for SQL NULL, freed by the
 * caller. */
static char *admin_value(const char *sql, const char *param)
{
    PGresult *res =
        PQexecParams(g_admin, sql, param ? 1 : 0, NULL, param ? &param : NULL, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("admin: %s\n-> %s", sql, PQerrorMessage(g_admin));
    if (PQntuples(res) < 1)
        fail_msg("admin: %s returned no row", sql);
    char *v = PQgetisnull(res, 0, 0) ? NULL : xstrdup(PQgetvalue(res, 0, 0));
    PQclear(res);
    return v;
}

static long admin_count(const char *sql, const char *param)
{
    char *v = admin_value(sql, param);
    assert_non_null(v);
    long n = strtol(v, NULL, 10);
    free(v);
    return n;
}

/* Every row of the account table, as one text; what a denied operation must not change. */
static char *account_snapshot(void)
{
    char *v = admin_value("SELECT coalesce(string_agg(concat_ws('|', uid, account_code, name, "
                          "region), E'\\n' ORDER BY uid), '') FROM public.sdk_examples_account",
                          NULL);
    assert_non_null(v);
    return v;
}

static long long file_size(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        fail_msg("cannot stat %s", path);
    return (long long)st.st_size;
}

/* What the server logged from byte `from` on. */
static char *log_since(long long from)
{
    char *all = sg_test_slurp(g_log, NULL);
    assert_non_null(all);
    size_t len = strlen(all);
    char *tail = xstrdup((size_t)from <= len ? all + from : "");
    free(all);
    return tail;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!haystack || !strstr(haystack, needle))
        fail_msg("expected to find\n  %s\nin\n%s", needle, haystack ? haystack : "(null)");
}

static void assert_lacks(const char *haystack, const char *needle)
{
    if (haystack && strstr(haystack, needle))
        fail_msg("did not expect\n  %s\nin\n%s", needle, haystack);
}

/* ---- operations ---------------------------------------------------------------------------- */

/* An operation as JSON text. `params` and `tables` are JSON text spliced verbatim, so numbers
 * keep every digit. */
static char *make_op(const char *kind, const char *sql, const char *params, const char *tables,
                     long long max_rows, long long timeout_ms)
{
    cJSON *s = cJSON_CreateString(sql);
    char *quoted = cJSON_PrintUnformatted(s);
    cJSON_Delete(s);
    assert_non_null(quoted);
    char *op = sg_test_printf("{\"operation\":\"%s\",\"sql\":%s,\"parameters\":%s,\"scope\":{"
                              "\"data_source_uid\":\"" DS_A "\",\"tables\":[%s]},\"limits\":{"
                              "\"max_rows\":%lld,\"statement_timeout_ms\":%lld}}",
                              kind, quoted, params, tables, max_rows, timeout_ms);
    cJSON_free(quoted);
    return op;
}

/* A JSON string literal for `s`. */
static char *jstr(const char *s)
{
    cJSON *j = cJSON_CreateString(s);
    char *t = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    assert_non_null(t);
    char *copy = xstrdup(t);
    cJSON_free(t);
    return copy;
}

static sg_verdict *check_on(const sg_catalog *catalog, const char *op, bool want_allowed)
{
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(catalog, op, strlen(op), NULL, &v), SG_OK);
    if (sg_verdict_allowed(v) != want_allowed) {
        for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
            const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
            print_message("  [%s] %s\n", d->rule, d->message);
        }
        fail_msg("operation is %s, expected %s:\n%s", sg_verdict_allowed(v) ? "allowed" : "denied",
                 want_allowed ? "allowed" : "denied", op);
    }
    return v;
}

/* Checks `op` (must be allowed) and runs it on `ex`; the result is the caller's. */
static sg_result *run_on(sg_executor *ex, const sg_catalog *catalog, const char *op)
{
    sg_verdict *v = check_on(catalog, op, true);
    sg_result *r = NULL;
    sg_error err = {0, ""};
    int rc = sg_execute(ex, v, &r, &err);
    if (rc != SG_OK)
        fail_msg("sg_execute: %s: %s\n%s", sg_err_name(rc), err.message, op);
    assert_non_null(r);
    sg_verdict_free(v);
    return r;
}

static sg_result *run(const char *op)
{
    return run_on(g_ex, g_catalog, op);
}

/* Runs `op` and asserts that it committed. */
static sg_result *run_ok(const char *op)
{
    sg_result *r = run(op);
    const sg_exec_outcome *o = sg_result_outcome(r);
    if (!o->ok)
        fail_msg("statement failed: %s %s (%s)\n%s", o->sqlstate, o->message, o->detail, op);
    assert_false(o->rolled_back);
    return r;
}

static cJSON *result_json(const sg_result *r)
{
    char *text = NULL;
    assert_int_equal(sg_result_to_json(r, &text), SG_OK);
    cJSON *j = cJSON_Parse(text);
    if (!j)
        fail_msg("result JSON does not parse: %s", text);
    sg_free(text);
    return j;
}

static const cJSON *member(const cJSON *o, const char *key)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!m)
        fail_msg("missing member \"%s\"", key);
    return m;
}

static int column_index(const sg_result *r, const char *name)
{
    for (size_t i = 0; i < sg_result_column_count(r); i++)
        if (strcmp(sg_result_column(r, i), name) == 0)
            return (int)i;
    fail_msg("no column %s in the result", name);
    return -1;
}

static const char *cell(const sg_result *r, size_t row, const char *column)
{
    return sg_result_value(r, row, (size_t)column_index(r, column));
}

static char *upsert_op(const char *code, const char *name, const char *region)
{
    char *c = jstr(code), *n = jstr(name), *g = jstr(region);
    char *params = sg_test_printf("{\"account_code\":%s,\"name\":%s,\"region\":%s}", c, n, g);
    char *op = make_op("insert", SEED_UPSERT_SQL, params, T_ACCOUNT("write"), 100, 15000);
    free(c);
    free(n);
    free(g);
    free(params);
    return op;
}

static char *limit_op(const char *code, const char *type, const char *currency)
{
    char *params =
        sg_test_printf("{\"limit_type\":\"%s\",\"currency\":\"%s\",\"account_code\":\"%s\"}", type,
                       currency, code);
    char *op = make_op("insert", SEED_LIMIT_SQL, params, T_LIMIT("write") "," T_ACCOUNT("read"),
                       100, 15000);
    free(params);
    return op;
}

static char *seed_select_op(const char *region_json, int limit)
{
    char *params = sg_test_printf("{\"region\":%s,\"limit\":%d}", region_json, limit);
    char *op = make_op("select", SEED_SELECT_SQL, params, T_ACCOUNT("read"), 50, 15000);
    free(params);
    return op;
}

/* ---- running the command line -------------------------------------------------------------- */

typedef struct run_result {
    int status;
    char *out;
    char *err;
} run_result;

static char *temp_path(const char *what)
{
    char *path = sg_test_temp_path(what);
    assert_non_null(path);
    return path;
}

/* Writes `data` to a fresh temporary file and returns its path; unlink and free it after. */
static char *temp_file(const char *data)
{
    char *path = sg_test_temp_file(data);
    assert_non_null(path);
    return path;
}

static void remove_temp(char *path)
{
    sg_test_remove_temp(path);
}

static run_result run_cli(const char *const *args)
{
    char *out_path = temp_path("out"), *err_path = temp_path("err");
    const char *argv[32];
    size_t argc = 0;
    argv[argc++] = "sqlguard";
    for (size_t i = 0; args[i]; i++) {
        assert_true(argc < 31);
        argv[argc++] = args[i];
    }
    argv[argc] = NULL;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(out_path, O_WRONLY | O_TRUNC);
        int err = open(err_path, O_WRONLY | O_TRUNC);
        if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(127);
        execv(SG_CLI_PATH, (char *const *)argv);
        _exit(127);
    }
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    run_result r;
    r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    r.out = sg_test_slurp(out_path, NULL);
    r.err = sg_test_slurp(err_path, NULL);
    remove_temp(out_path);
    remove_temp(err_path);
    return r;
}

#define CLI(...) run_cli((const char *const[]){__VA_ARGS__, NULL})

static void free_run(run_result *r)
{
    free(r->out);
    free(r->err);
}

static void assert_status(const run_result *r, int status)
{
    if (r->status != status)
        fail_msg("exit status %d, expected %d\nstdout: %s\nstderr: %s", r->status, status, r->out,
                 r->err);
}

/* ---- setup --------------------------------------------------------------------------------- */

static const char SCHEMA_SQL[] =
    "DROP TABLE IF EXISTS public.sdk_examples_account_limit;"
    "DROP TABLE IF EXISTS public.sdk_examples_account;"
    "DROP TABLE IF EXISTS public.sdk_examples_value;"
    "DROP SCHEMA IF EXISTS evil CASCADE;"
    "CREATE TABLE public.sdk_examples_account ("
    "  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
    "  account_code varchar(64) NOT NULL UNIQUE,"
    "  name varchar(255) NOT NULL,"
    "  region varchar(32) NOT NULL);"
    "CREATE TABLE public.sdk_examples_account_limit ("
    "  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
    "  account_uid uuid NOT NULL REFERENCES public.sdk_examples_account(uid) ON DELETE RESTRICT,"
    "  limit_type varchar(64) NOT NULL,"
    "  currency varchar(3) NOT NULL);"
    "CREATE TABLE public.sdk_examples_value ("
    "  id bigint PRIMARY KEY, n bigint, d numeric, doc jsonb, flag boolean, tags text[],"
    "  nums int[], grid int[], note text);";

/* The examples catalog plus sdk_examples_value, for the parameter tests. */
static sg_catalog *values_catalog(void)
{
    char *text = sg_test_slurp(CATALOG, NULL);
    assert_non_null(text);
    cJSON *root = cJSON_Parse(text);
    free(text);
    assert_non_null(root);
    cJSON *t = cJSON_Parse(
        "{\"uid\":\"" UID_VALUE "\",\"identifier\":\"sdk_examples.Value\",\"namespace\":"
        "\"sdk-examples\",\"data_source_uid\":\"" DS_A "\",\"schema\":\"public\","
        "\"physical_table_name\":\"sdk_examples_value\",\"columns\":["
        "{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false},"
        "{\"name\":\"n\",\"type\":\"bigint\"},{\"name\":\"d\",\"type\":\"numeric\"},"
        "{\"name\":\"doc\",\"type\":\"jsonb\"},{\"name\":\"flag\",\"type\":\"boolean\"},"
        "{\"name\":\"tags\",\"type\":\"text[]\"},{\"name\":\"nums\",\"type\":\"int[]\"},"
        "{\"name\":\"grid\",\"type\":\"int[]\"},{\"name\":\"note\",\"type\":\"text\"}],"
        "\"primary_key\":[\"id\"],\"unique\":[]}");
    assert_non_null(t);
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, "meta_tables"), t);
    char *json = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    sg_catalog *c = NULL;
    sg_error err;
    if (sg_catalog_load(json, strlen(json), &c, &err) != SG_OK)
        fail_msg("values catalog: %s", err.message);
    cJSON_free(json);
    return c;
}

static int setup(void **state)
{
    (void)state;
    char *env = sg_test_slurp(SG_PG_STATE, NULL);
    if (!env) {
        fprintf(stderr, "test_exec: no cluster state in %s (run tests/pg/cluster.sh start)\n",
                SG_PG_STATE);
        return -1;
    }
    g_base_dsn = sg_test_state_value(env, "SQLGUARD_TEST_DSN");
    g_log = sg_test_state_value(env, "SQLGUARD_TEST_LOG");
    free(env);
    if (!g_base_dsn || !g_log) {
        fprintf(stderr, "test_exec: %s lacks SQLGUARD_TEST_DSN or SQLGUARD_TEST_LOG\n",
                SG_PG_STATE);
        return -1;
    }
    PGconn *pg = PQconnectdb(g_base_dsn);
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "test_exec: %s", PQerrorMessage(pg));
        PQfinish(pg);
        return -1;
    }
    /* a database of its own, so the test is re-runnable and independent of the others */
    PGresult *res = PQexec(pg, "DROP DATABASE IF EXISTS " DB_NAME " WITH (FORCE)");
    PQclear(res);
    res = PQexec(pg, "CREATE DATABASE " DB_NAME);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "test_exec: %s", PQerrorMessage(pg));
        PQclear(res);
        PQfinish(pg);
        return -1;
    }
    PQclear(res);
    PQfinish(pg);
    g_dsn = sg_test_printf("%s dbname=%s", g_base_dsn, DB_NAME); /* the later dbname wins */
    g_admin = PQconnectdb(g_dsn);
    if (PQstatus(g_admin) != CONNECTION_OK) {
        fprintf(stderr, "test_exec: %s", PQerrorMessage(g_admin));
        return -1;
    }
    res = PQexec(g_admin, SCHEMA_SQL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "test_exec: schema: %s", PQerrorMessage(g_admin));
        PQclear(res);
        return -1;
    }
    PQclear(res);
    sg_error err;
    if (sg_catalog_load_file(CATALOG, &g_catalog, &err) != SG_OK) {
        fprintf(stderr, "test_exec: %s\n", err.message);
        return -1;
    }
    if (sg_executor_new_libpq(g_dsn, 2, &g_ex, &err) != SG_OK) {
        fprintf(stderr, "test_exec: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sg_executor_free(g_ex);
    sg_catalog_free(g_values_catalog);
    sg_catalog_free(g_catalog);
    PQfinish(g_admin);
    if (g_base_dsn) {
        PGconn *pg = PQconnectdb(g_base_dsn);
        PGresult *res = PQexec(pg, "DROP DATABASE IF EXISTS " DB_NAME " WITH (FORCE)");
        PQclear(res);
        PQfinish(pg);
    }
    free(g_base_dsn);
    free(g_dsn);
    free(g_log);
    return 0;
}

/* ---- the seed tutorial, end to end --------------------------------------------------------- */

static char *account_uid_of(const char *code)
{
    return admin_value("SELECT uid::text FROM public.sdk_examples_account WHERE account_code = $1",
                       code);
}

static void test_exec__tutorial_end_to_end(void **state)
{
    (void)state;
    admin("TRUNCATE public.sdk_examples_account, public.sdk_examples_account_limit");

    /* 1. the seed insert, verbatim from the examples */
    char *seed = sg_test_slurp(EXAMPLES "/ops/insert_account.json", NULL);
    assert_non_null(seed);
    sg_result *r = run_ok(seed);
    free(seed);
    assert_int_equal(sg_result_row_count(r), 1);
    assert_int_equal(sg_result_column_count(r), 4);
    assert_string_equal(sg_result_column(r, 0), "uid");
    assert_string_equal(sg_result_column(r, 3), "region");
    char *acme_uid = xstrdup(cell(r, 0, "uid"));
    assert_int_equal(strlen(acme_uid), 36);
    assert_string_equal(cell(r, 0, "account_code"), "ACME");
    assert_string_equal(cell(r, 0, "name"), "Acme Capital");
    assert_string_equal(cell(r, 0, "region"), "US");
    assert_int_equal(sg_result_outcome(r)->rows, 1);
    sg_result_free(r);

    /* 2. the same code again: the upsert updates the one row */
    char *op = upsert_op("ACME", "Acme Capital LLC", "US");
    r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 1);
    assert_string_equal(cell(r, 0, "uid"), acme_uid);
    assert_string_equal(cell(r, 0, "name"), "Acme Capital LLC");
    sg_result_free(r);
    assert_int_equal(
        admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE account_code = $1",
                    "ACME"),
        1);
    char *name =
        admin_value("SELECT name FROM public.sdk_examples_account WHERE uid = $1", acme_uid);
    assert_string_equal(name, "Acme Capital LLC");
    free(name);

    /* 3. twenty-five more accounts */
    static const char *const regions[] = {"US", "EU", "APAC"};
    for (int i = 1; i <= 25; i++) {
        char code[16], nm[32];
        snprintf(code, sizeof code, "ACC-%02d", i);
        snprintf(nm, sizeof nm, "Account %02d", i);
        op = upsert_op(code, nm, regions[i % 3]);
        r = run_ok(op);
        free(op);
        assert_int_equal(sg_result_row_count(r), 1);
        assert_string_equal(cell(r, 0, "account_code"), code);
        sg_result_free(r);
    }
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account", NULL), 26);

    /* 4. limits for some accounts, through INSERT ... SELECT uid ... WHERE account_code = */
    static const char *const with_limits[] = {"ACME", "ACC-01", "ACC-02", "ACC-03"};
    for (size_t i = 0; i < 4; i++) {
        char *uid = account_uid_of(with_limits[i]);
        op = limit_op(with_limits[i], "daily", "USD");
        r = run_ok(op);
        free(op);
        assert_int_equal(sg_result_row_count(r), 1);
        assert_string_equal(cell(r, 0, "account_uid"), uid);
        assert_string_equal(cell(r, 0, "limit_type"), "daily");
        assert_string_equal(cell(r, 0, "currency"), "USD");
        sg_result_free(r);
        free(uid);
    }
    op = limit_op("ACC-01", "monthly", "EUR");
    sg_result_free(run_ok(op));
    free(op);
    /* an unknown code inserts nothing, and that is no error */
    op = limit_op("NO-SUCH-CODE", "daily", "USD");
    r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 0);
    assert_int_equal(sg_result_column_count(r), 4);
    sg_result_free(r);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account_limit", NULL),
                     5);

    /* 5. paginated reads: max_rows 10, OFFSET %(offset)s for the next pages */
    static const char page_sql[] = "SELECT uid, account_code, name, region\n"
                                   "FROM sdk_examples_account\n"
                                   "ORDER BY account_code, uid\nOFFSET %(offset)s\n";
    char *seen[64];
    size_t nseen = 0;
    long long offset = 0;
    int pages = 0;
    for (;;) {
        char params[64];
        snprintf(params, sizeof params, "{\"offset\":%lld}", offset);
        op = make_op("select", page_sql, params, T_ACCOUNT("read"), 10, 15000);
        r = run_ok(op);
        const sg_exec_outcome *o = sg_result_outcome(r);
        cJSON *j = result_json(r);
        const cJSON *page = member(j, "pagination");
        assert_int_equal(member(page, "max_rows")->valueint, 10);
        assert_int_equal(member(page, "returned")->valueint, (int)sg_result_row_count(r));
        assert_int_equal(o->rows, (long long)sg_result_row_count(r));
        assert_true(cJSON_IsNull(member(j, "error")));
        pages++;
        if (pages == 1) {
            /* the first page */
            assert_int_equal(sg_result_row_count(r), 10);
            assert_true(cJSON_IsTrue(member(page, "has_more")));
            assert_int_equal(member(page, "next_offset")->valueint, 10);
        }
        /* a page is stable: reading it again gives the very same rows */
        sg_result *again = run_ok(op);
        assert_int_equal(sg_result_row_count(again), sg_result_row_count(r));
        for (size_t i = 0; i < sg_result_row_count(r); i++) {
            assert_string_equal(sg_result_value(again, i, 0), sg_result_value(r, i, 0));
            assert_string_equal(sg_result_value(again, i, 1), sg_result_value(r, i, 1));
        }
        sg_result_free(again);
        for (size_t i = 0; i < sg_result_row_count(r); i++) {
            assert_true(nseen < 64);
            seen[nseen++] = sg_test_printf("%s|%s", cell(r, i, "account_code"), cell(r, i, "uid"));
        }
        bool more = o->has_more;
        if (more) {
            assert_int_equal(sg_result_row_count(r), 10);
            /* next_offset counts the rows of this statement; the caller adds its own OFFSET */
            assert_int_equal(member(page, "next_offset")->valueint, 10);
            offset += member(page, "next_offset")->valueint;
        } else {
            assert_true(cJSON_IsNull(member(page, "next_offset")));
            assert_true(cJSON_IsFalse(member(page, "has_more")));
        }
        cJSON_Delete(j);
        sg_result_free(r);
        free(op);
        if (!more)
            break;
        assert_true(pages < 10);
    }
    assert_int_equal(pages, 3);
    assert_int_equal(nseen, 26);
    /* ordered, hence disjoint, and together exactly the table */
    for (size_t i = 1; i < nseen; i++)
        if (strcmp(seen[i - 1], seen[i]) >= 0)
            fail_msg("pages out of order or overlapping: %s then %s", seen[i - 1], seen[i]);
    char *all = admin_value("SELECT string_agg(account_code || '|' || uid, ',' ORDER BY "
                            "account_code, uid) FROM public.sdk_examples_account",
                            NULL);
    size_t pos = 0;
    for (size_t i = 0; i < nseen; i++) {
        size_t n = strlen(seen[i]);
        assert_int_equal(strncmp(all + pos, seen[i], n), 0);
        pos += n;
        if (all[pos] == ',')
            pos++;
        free(seen[i]);
    }
    assert_int_equal(all[pos], '\0');
    free(all);

    /* exactly max_rows rows: no more to come */
    static const char ten_sql[] = "SELECT account_code FROM sdk_examples_account\n"
                                  "WHERE account_code BETWEEN 'ACC-01' AND 'ACC-10'\n"
                                  "ORDER BY account_code";
    op = make_op("select", ten_sql, "{}", T_ACCOUNT("read"), 10, 15000);
    r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 10);
    assert_false(sg_result_outcome(r)->has_more);
    assert_string_equal(sg_result_value(r, 9, 0), "ACC-10");
    sg_result_free(r);

    /* 6. update ... returning */
    static const char update_sql[] =
        "UPDATE sdk_examples_account SET name = %(name)s, region = %(region)s\n"
        "WHERE account_code = %(code)s\nRETURNING uid, account_code, name, region";
    op = make_op("update", update_sql,
                 "{\"name\":\"Account Seven\",\"region\":\"LATAM\",\"code\":\"ACC-07\"}",
                 T_ACCOUNT("write"), 100, 15000);
    r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 1);
    assert_string_equal(cell(r, 0, "name"), "Account Seven");
    assert_string_equal(cell(r, 0, "region"), "LATAM");
    char *uid7 = account_uid_of("ACC-07");
    assert_string_equal(cell(r, 0, "uid"), uid7);
    free(uid7);
    sg_result_free(r);
    name = admin_value("SELECT name || '/' || region FROM public.sdk_examples_account WHERE "
                       "account_code = $1",
                       "ACC-07");
    assert_string_equal(name, "Account Seven/LATAM");
    free(name);
    /* without RETURNING: committed, no columns, no rows */
    op = make_op("update",
                 "UPDATE sdk_examples_account SET region = 'EU' WHERE account_code = "
                 "%(code)s",
                 "{\"code\":\"ACC-08\"}", T_ACCOUNT("write"), 100, 15000);
    r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_column_count(r), 0);
    assert_int_equal(sg_result_row_count(r), 0);
    sg_result_free(r);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE "
                                 "account_code = 'ACC-08' AND region = $1",
                                 "EU"),
                     1);

    /* 7. delete an account without limits */
    static const char delete_sql[] = "DELETE FROM sdk_examples_account WHERE account_code = "
                                     "%(code)s RETURNING uid, account_code";
    char *uid25 = account_uid_of("ACC-25");
    op = make_op("delete", delete_sql, "{\"code\":\"ACC-25\"}", T_ACCOUNT("write"), 100, 15000);
    r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 1);
    assert_string_equal(cell(r, 0, "uid"), uid25);
    sg_result_free(r);
    free(uid25);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE "
                                 "account_code = $1",
                                 "ACC-25"),
                     0);

    /* 8. delete an account that has limits: the foreign key restricts */
    op = make_op("delete", delete_sql, "{\"code\":\"ACC-01\"}", T_ACCOUNT("write"), 100, 15000);
    r = run(op);
    free(op);
    const sg_exec_outcome *o = sg_result_outcome(r);
    assert_false(o->ok);
    assert_string_equal(o->sqlstate, "23503");
    assert_contains(o->message, "violates foreign key constraint");
    assert_contains(o->message, "sdk_examples_account_limit");
    assert_contains(o->detail, "is still referenced from table \"sdk_examples_account_limit\"");
    assert_true(o->rolled_back);
    assert_int_equal(sg_result_row_count(r), 0);
    cJSON *j = result_json(r);
    const cJSON *e = member(j, "error");
    assert_true(cJSON_IsObject(e));
    assert_string_equal(member(e, "sqlstate")->valuestring, "23503");
    assert_string_equal(member(e, "message")->valuestring, o->message);
    assert_string_equal(member(e, "detail")->valuestring, o->detail);
    assert_true(cJSON_IsTrue(member(e, "rolled_back")));
    assert_int_equal(member(member(j, "pagination"), "returned")->valueint, 0);
    cJSON_Delete(j);
    sg_result_free(r);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE "
                                 "account_code = $1",
                                 "ACC-01"),
                     1);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account_limit l JOIN "
                                 "public.sdk_examples_account a ON a.uid = l.account_uid WHERE "
                                 "a.account_code = $1",
                                 "ACC-01"),
                     2);

    /* the connection that carried the error serves the next statement */
    op = make_op("select", "SELECT account_code FROM sdk_examples_account ORDER BY account_code",
                 "{}", T_ACCOUNT("read"), 50, 15000);
    r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 25);
    sg_result_free(r);
    free(acme_uid);
}

/* ---- what the server sees ------------------------------------------------------------------ */

/* The executor sends exactly the pinned settings and the compiled statement, with parameters
 * bound (the server log shows $n and the values apart), never interpolated. */
static void test_exec__server_sees_pinned_settings_and_bound_parameters(void **state)
{
    (void)state;
    long long from = file_size(g_log);
    char *op = seed_select_op("\"US\"", 50);
    sg_result *r = run_ok(op);
    free(op);
    sg_result_free(r);
    char *op2 = upsert_op("LOG-1", "it's; DROP TABLE x; --", "EU");
    r = run_ok(op2);
    free(op2);
    sg_result_free(r);
    char *log = log_since(from);
    /* the session setup of exec/session.c, as the dryrun executor shows it */
    assert_contains(log, "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY; SET LOCAL search_path "
                         "TO pg_catalog, pg_temp; SET LOCAL statement_timeout = 15000");
    /* the server log indents continuation lines with a tab */
    assert_contains(log, "DECLARE sqlguard_cursor NO SCROLL CURSOR FOR SELECT uid, account_code, "
                         "name, region\n\tFROM public.sdk_examples_account\n\tWHERE ($1 IS NULL OR "
                         "region = $1)\n\tORDER BY account_code\n\tLIMIT $2");
    assert_contains(log, "$1 = 'US', $2 = '50'");
    assert_contains(log,
                    "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL search_path TO pg_catalog, "
                    "pg_temp; SET LOCAL statement_timeout = 15000");
    assert_contains(log, "VALUES\n\t    ($1, $2, $3)");
    assert_contains(log, "$2 = 'it''s; DROP TABLE x; --'");
    assert_lacks(log, "'US' IS NULL");
    assert_lacks(log, "('LOG-1'");
    free(log);
    admin("DELETE FROM public.sdk_examples_account WHERE account_code = 'LOG-1'");
}

/* ---- the session setup: what --dry-run shows is what the server receives ----------------- */

#define ODD_SCHEMA_SQL "\"odd \"\"schema\"\"\""
#define ODD_ROLE_SQL "\"sg \"\"reader\"\"\""
#define ODD_CATALOG                                                                                \
    "{\"data_sources\":[{\"uid\":\"ds-odd\",\"engine\":\"postgresql\",\"default_schema\":"         \
    "\"odd \\\"schema\\\"\"}],\"meta_tables\":[{\"uid\":\"t-odd\",\"data_source_uid\":"            \
    "\"ds-odd\",\"schema\":\"odd \\\"schema\\\"\",\"physical_table_name\":\"sg_odd\","             \
    "\"columns\":[{\"name\":\"id\",\"type\":\"int\"},{\"name\":\"label\",\"type\":\"text\"}],"     \
    "\"primary_key\":[\"id\"]}]}"
#define ODD_OP(kind, sql, access)                                                                  \
    "{\"operation\":\"" kind "\",\"sql\":\"" sql "\",\"parameters\":{},\"scope\":{"                \
    "\"data_source_uid\":\"ds-odd\",\"tables\":[{\"meta_table_uid\":\"t-odd\",\"alias\":\"t\","    \
    "\"access\":\"" access "\"}]},\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":5000}}"

/* The dryrun executor's settings, for `op` under `options`. */
static char *dry_settings(const sg_libpq_options *options, const sg_catalog *catalog,
                          const char *op)
{
    sg_executor *dry = NULL;
    sg_error err = {0, ""};
    assert_int_equal(sg_executor_new_dryrun_opts(options, &dry, &err), SG_OK);
    sg_result *r = run_on(dry, catalog, op);
    char *settings = xstrdup(sg_result_value(r, 0, 0));
    sg_result_free(r);
    sg_executor_free(dry);
    return settings;
}

/* A schema and a role whose names need quoting: the server finds the table through the schema
 * the compiled SQL names (quoted, the double quotes doubled), runs under the role, and its log
 * holds the dryrun executor's settings verbatim. */
static void test_exec__dry_run_shows_what_libpq_sends(void **state)
{
    (void)state;
    admin("DROP SCHEMA IF EXISTS " ODD_SCHEMA_SQL " CASCADE;"
          "CREATE SCHEMA " ODD_SCHEMA_SQL ";"
          "CREATE TABLE " ODD_SCHEMA_SQL ".sg_odd (id int PRIMARY KEY, label text);"
          "INSERT INTO " ODD_SCHEMA_SQL ".sg_odd VALUES (1, 'one'), (2, 'two');"
          "DROP ROLE IF EXISTS " ODD_ROLE_SQL ";"
          "CREATE ROLE " ODD_ROLE_SQL " NOLOGIN;"
          "GRANT USAGE ON SCHEMA " ODD_SCHEMA_SQL " TO " ODD_ROLE_SQL ";"
          "GRANT SELECT ON " ODD_SCHEMA_SQL ".sg_odd TO " ODD_ROLE_SQL);
    sg_catalog *catalog = NULL;
    sg_error err = {0, ""};
    if (sg_catalog_load(ODD_CATALOG, strlen(ODD_CATALOG), &catalog, &err) != SG_OK)
        fail_msg("catalog: %s", err.message);
    sg_libpq_options o = SG_LIBPQ_OPTIONS_INIT;
    o.default_dsn = g_dsn;
    o.pool_size = 1;
    o.role = "sg \"reader\"";
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, &err), SG_OK);

    static const char select_op[] =
        ODD_OP("select", "SELECT id, label FROM sg_odd ORDER BY id", "read");
    char *settings = dry_settings(&o, catalog, select_op);
    assert_string_equal(settings,
                        "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY; SET LOCAL "
                        "search_path TO pg_catalog, pg_temp; SET "
                        "LOCAL statement_timeout = 5000; SET LOCAL standard_conforming_strings = "
                        "on; SET LOCAL DateStyle = ISO, MDY; SET LOCAL IntervalStyle = postgres; "
                        "SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = hex; SET "
                        "LOCAL ROLE " ODD_ROLE_SQL);
    long long from = file_size(g_log);
    sg_result *r = run_on(ex, catalog, select_op);
    assert_true(sg_result_outcome(r)->ok);
    assert_int_equal(sg_result_row_count(r), 2);
    assert_string_equal(sg_result_value(r, 1, 1), "two");
    sg_result_free(r);
    char *log = log_since(from);
    assert_contains(log, settings);
    assert_contains(log, "SELECT id, label FROM " ODD_SCHEMA_SQL ".sg_odd ORDER BY id");
    free(log);
    free(settings);

    /* the role is in force: it may read the table but not write it */
    static const char insert_op[] =
        ODD_OP("insert", "INSERT INTO sg_odd (id, label) VALUES (3, 'three')", "write");
    settings = dry_settings(&o, catalog, insert_op);
    from = file_size(g_log);
    r = run_on(ex, catalog, insert_op);
    assert_false(sg_result_outcome(r)->ok);
    assert_true(sg_result_outcome(r)->rolled_back);
    assert_string_equal(sg_result_outcome(r)->sqlstate, "42501");
    sg_result_free(r);
    log = log_since(from);
    assert_contains(log, settings);
    free(log);
    free(settings);
    assert_int_equal(
        admin_count("SELECT count(*) FROM " ODD_SCHEMA_SQL ".sg_odd WHERE id > $1", "0"), 2);
    sg_executor_free(ex);
    sg_catalog_free(catalog);
    admin("DROP SCHEMA " ODD_SCHEMA_SQL " CASCADE; DROP ROLE " ODD_ROLE_SQL);
}

/* Statements and identifiers are UTF-8 whatever client encoding the DSN asks for. */
static void test_exec__client_encoding_is_utf8(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('ENC-1', 'Caf\xc3\xa9', 'EU') ON CONFLICT DO NOTHING");
    sg_libpq_options o = SG_LIBPQ_OPTIONS_INIT;
    char *dsn = sg_test_printf("%s client_encoding=LATIN1", g_dsn);
    o.default_dsn = dsn;
    o.pool_size = 1;
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new_libpq_opts(&o, &ex, NULL), SG_OK);
    char *op = make_op("select",
                       "SELECT account_code, name FROM sdk_examples_account WHERE name = %(n)s "
                       "ORDER BY account_code",
                       "{\"n\":\"Caf\xc3\xa9\"}", T_ACCOUNT("read"), 10, 15000);
    sg_result *r = run_on(ex, g_catalog, op);
    free(op);
    assert_true(sg_result_outcome(r)->ok);
    assert_int_equal(sg_result_row_count(r), 1);
    assert_string_equal(sg_result_value(r, 0, 0), "ENC-1");
    assert_string_equal(sg_result_value(r, 0, 1), "Caf\xc3\xa9");
    sg_result_free(r);
    sg_executor_free(ex);
    free(dsn);
    admin("DELETE FROM public.sdk_examples_account WHERE account_code = 'ENC-1'");
}

/* A denied operation never reaches the server, through the library or the command line. */
static void test_exec__denied_never_reaches_the_server(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('DENY-1', 'Keep me', 'US') ON CONFLICT DO NOTHING");
    static const char *const denied_sql[][2] = {
        /* a write on a table scoped read */
        {"delete", "DELETE FROM sdk_examples_account"},
        {"update", "UPDATE sdk_examples_account SET name = 'gone' WHERE account_code = 'DENY-1'"},
        /* a second statement */
        {"select", "SELECT uid FROM sdk_examples_account ORDER BY uid; DELETE FROM "
                   "sdk_examples_account"},
        /* a table outside the scope */
        {"select", "SELECT uid FROM sdk_examples_account_limit ORDER BY uid"},
        /* a function outside the allow-list */
        {"select", "SELECT pg_sleep(5), uid FROM sdk_examples_account ORDER BY uid"},
    };
    enum { N = sizeof denied_sql / sizeof denied_sql[0] };
    sg_verdict *verdicts[N + 1];
    for (size_t i = 0; i < N; i++) {
        char *op = make_op(denied_sql[i][0], denied_sql[i][1], "{}", T_ACCOUNT("read"), 10, 1000);
        verdicts[i] = check_on(g_catalog, op, false);
        free(op);
    }
    char *seed_denied = sg_test_slurp(EXAMPLES "/ops/denied_join_secret.json", NULL);
    verdicts[N] = check_on(g_catalog, seed_denied, false);
    char *denied_path = temp_file(seed_denied);
    free(seed_denied);
    char *delete_op =
        make_op("delete", "DELETE FROM sdk_examples_account", "{}", T_ACCOUNT("read"), 10, 1000);
    char *delete_path = temp_file(delete_op);
    free(delete_op);

    char *before = account_snapshot();
    long long size_before = file_size(g_log);

    for (size_t i = 0; i <= N; i++) {
        sg_result *r = NULL;
        sg_error err = {0, ""};
        assert_int_equal(sg_execute(g_ex, verdicts[i], &r, &err), SG_EDENIED);
        assert_null(r);
        assert_int_equal(err.code, SG_EDENIED);
    }
    const char *paths[] = {denied_path, delete_path};
    for (size_t i = 0; i < 2; i++) {
        run_result cli = CLI("exec", "--dsn", g_dsn, "--catalog", CATALOG, paths[i]);
        assert_status(&cli, 1);
        cJSON *j = cJSON_Parse(cli.out);
        if (!j)
            fail_msg("exec output is not JSON: %s", cli.out);
        const cJSON *verdict = member(j, "verdict");
        assert_true(cJSON_IsFalse(member(verdict, "allowed")));
        assert_true(cJSON_GetArraySize(member(verdict, "diagnostics")) > 0);
        assert_true(cJSON_IsNull(member(j, "result")));
        assert_contains(cli.out, "\"result\":null");
        cJSON_Delete(j);
        free_run(&cli);
    }

    long long size_after = file_size(g_log);
    if (size_after != size_before) {
        /* the checkpointer logs on its own (log_checkpoints is on in PostgreSQL 15): only
         * such lines are forgiven */
        char *log = log_since(size_before);
        for (char *line = log; line && *line;) {
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = '\0';
            if (*line && !strstr(line, "checkpoint"))
                fail_msg("the server logged something for a denied operation:\n%s", line);
            line = nl ? nl + 1 : NULL;
        }
        free(log);
    }
    char *after = account_snapshot();
    assert_string_equal(after, before);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE "
                                 "account_code = $1",
                                 "DENY-1"),
                     1);
    free(before);
    free(after);
    for (size_t i = 0; i <= N; i++)
        sg_verdict_free(verdicts[i]);
    remove_temp(denied_path);
    remove_temp(delete_path);
}

/* ---- limits and the transaction ------------------------------------------------------------ */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_exec__statement_timeout_is_enforced(void **state)
{
    (void)state;
    /* one connection, so the statements after the timeout surely use the same session */
    sg_executor *ex = NULL;
    sg_error err;
    assert_int_equal(sg_executor_new_libpq(g_dsn, 1, &ex, &err), SG_OK);
    /* two series within func.resource-bound's default bound, whose cross
     * product is not */
    static const char slow_sql[] =
        "SELECT count(*) AS n\n"
        "FROM generate_series(1, 20000) AS a(g), generate_series(1, 20000) AS b(g)\n"
        "WHERE a.g + b.g > (SELECT count(*) FROM sdk_examples_account)";
    char *slow = make_op("select", slow_sql, "{}", T_ACCOUNT("read"), 10, 200);
    double t0 = now_seconds();
    sg_result *r = run_on(ex, g_catalog, slow);
    double elapsed = now_seconds() - t0;
    const sg_exec_outcome *o = sg_result_outcome(r);
    assert_false(o->ok);
    assert_string_equal(o->sqlstate, "57014");
    assert_contains(o->message, "statement timeout");
    assert_true(o->rolled_back);
    if (elapsed > 10.0)
        fail_msg("the 200 ms statement took %.1f s", elapsed);
    cJSON *j = result_json(r);
    assert_string_equal(member(member(j, "error"), "sqlstate")->valuestring, "57014");
    assert_true(cJSON_IsTrue(member(member(j, "error"), "rolled_back")));
    cJSON_Delete(j);
    sg_result_free(r);

    /* the connection is usable afterwards, and the timeout was local to that transaction: a
     * statement that needs longer than 200 ms, under its own 15 s, completes */
    char *op = seed_select_op("\"US\"", 50);
    for (int i = 0; i < 3; i++)
        sg_result_free(run_on(ex, g_catalog, op));
    free(op);
    static const char longer_sql[] =
        "SELECT count(*) AS n\nFROM (SELECT generate_series(1, 3000000) AS g) AS s\n"
        "WHERE s.g > (SELECT count(*) FROM sdk_examples_account)";
    op = make_op("select", longer_sql, "{}", T_ACCOUNT("read"), 10, 15000);
    t0 = now_seconds();
    r = run_on(ex, g_catalog, op);
    o = sg_result_outcome(r);
    if (!o->ok)
        fail_msg("%s %s", o->sqlstate, o->message);
    print_message("    (a 3M-row count took %.0f ms; the timeout that failed took %.0f ms)\n",
                  (now_seconds() - t0) * 1000, elapsed * 1000);
    assert_int_equal(sg_result_row_count(r), 1);
    sg_result_free(r);
    free(op);

    free(slow);
    sg_executor_free(ex);
}

/* statement_timeout times each command alone, and a select reads its rows a FETCH of 1000 at a
 * time: each page here takes a fraction of the timeout, twenty of them several times it. The
 * operation's timeout bounds the select as a whole, not each page. */
static void test_exec__statement_timeout_bounds_every_page_together(void **state)
{
    (void)state;
    sg_executor *ex = NULL;
    sg_error err;
    assert_int_equal(sg_executor_new_libpq(g_dsn, 1, &ex, &err), SG_OK);
    /* every output a constant: no ORDER BY, so rows stream page by page */
    static const char sql[] =
        "SELECT 1 AS one FROM generate_series(1, 20000) AS s(g)\n"
        "WHERE (SELECT count(*) FROM generate_series(1, 3000) AS t(h) WHERE h > mod(s.g, 1)) > 0\n"
        "AND (SELECT count(*) FROM sdk_examples_account) >= 0";
    char *op = make_op("select", sql, "{}", T_ACCOUNT("read"), 20000, 1000);
    double t0 = now_seconds();
    sg_result *r = run_on(ex, g_catalog, op);
    double elapsed = now_seconds() - t0;
    const sg_exec_outcome *o = sg_result_outcome(r);
    print_message("    (20 pages under a 1000 ms timeout: %s after %.0f ms, %lld rows read)\n",
                  o->ok ? "finished" : o->sqlstate, elapsed * 1000, (long long)o->rows);
    assert_false(o->ok);
    assert_string_equal(o->sqlstate, "57014");
    assert_true(o->rolled_back);
    if (elapsed > 3.0)
        fail_msg("the select ran %.1f s under a 1 s statement timeout", elapsed);
    sg_result_free(r);
    free(op);

    /* the same select, a page of it, finishes well within the timeout */
    op = make_op("select", sql, "{}", T_ACCOUNT("read"), 500, 1000);
    r = run_on(ex, g_catalog, op);
    o = sg_result_outcome(r);
    if (!o->ok)
        fail_msg("%s %s", o->sqlstate, o->message);
    assert_int_equal(sg_result_row_count(r), 500);
    assert_true(o->has_more);
    sg_result_free(r);
    free(op);
    sg_executor_free(ex);
}

/* Selects run READ ONLY. A row lock is a write in PostgreSQL's eyes: an allowed SELECT ... FOR
 * UPDATE on a write-scoped table cannot run there. */
static void test_exec__select_runs_read_only(void **state)
{
    (void)state;
    /* A select that locks rows is op.kind-mismatch: it would run READ ONLY, where PostgreSQL
     * refuses row locks (25006), so the guard denies it and nothing reaches the server. */
    static const char lock_sql[] = "SELECT uid, name FROM sdk_examples_account\n"
                                   "WHERE account_code = %(code)s\nORDER BY uid\nFOR UPDATE";
    char *op = make_op("select", lock_sql, "{\"code\":\"LOCK-1\"}", T_ACCOUNT("write"), 10, 15000);
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(g_catalog, op, strlen(op), NULL, &v), SG_OK);
    assert_false(sg_verdict_allowed(v));
    assert_string_equal(sg_verdict_diagnostic(v, 0)->rule, "op.kind-mismatch");
    sg_result *r = NULL;
    sg_error err;
    assert_int_equal(sg_execute(g_ex, v, &r, &err), SG_EDENIED);
    assert_null(r);
    sg_verdict_free(v);
    free(op);

    /* An allowed select does run in a read-only transaction: ask the server, with a policy
     * that admits current_setting for this test only. */
    sg_policy *policy = NULL;
    static const char pol[] =
        "{\"rules\":{\"func.denied\":{\"options\":{\"allow\":[\"^current_setting$\"]}}}}";
    assert_int_equal(sg_policy_load(pol, strlen(pol), &policy, &err), SG_OK);
    /* (a function the allow-list does not know could return a set: hence the ORDER BY) */
    op = make_op("select", "SELECT current_setting('transaction_read_only') AS ro ORDER BY 1", "{}",
                 T_ACCOUNT("write"), 10, 15000);
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = policy;
    assert_int_equal(sg_check(g_catalog, op, strlen(op), &opts, &v), SG_OK);
    assert_true(sg_verdict_allowed(v));
    assert_int_equal(sg_execute(g_ex, v, &r, &err), SG_OK);
    assert_true(sg_result_outcome(r)->ok);
    assert_string_equal(sg_result_value(r, 0, 0), "on");
    sg_result_free(r);
    sg_verdict_free(v);
    sg_policy_free(policy);
    free(op);

    /* the session is fine afterwards */
    op = seed_select_op("\"US\"", 50);
    sg_result_free(run_ok(op));
    free(op);
}

/* max_rows bounds what comes back, not what a write touches: a write returning more rows than
 * max_rows delivers max_rows of them, says has_more, and commits the whole statement; the
 * result says how many rows it changed, and gives no next_offset (a write is no page). */
static void test_exec__write_returning_more_than_max_rows(void **state)
{
    (void)state;
    admin(
        "INSERT INTO public.sdk_examples_account (account_code, name, region) "
        "SELECT 'CAP-' || lpad(i::text, 2, '0'), 'Cap ' || i, 'CAP' FROM generate_series(1, 12) i "
        "ON CONFLICT DO NOTHING");
    char *op = make_op("update",
                       "UPDATE sdk_examples_account SET name = name || '!'\n"
                       "WHERE region = %(region)s\nRETURNING account_code",
                       "{\"region\":\"CAP\"}", T_ACCOUNT("write"), 5, 15000);
    sg_result *r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 5);
    assert_int_equal(sg_result_outcome(r)->rows, 5);
    assert_true(sg_result_outcome(r)->has_more);
    assert_true(sg_result_outcome(r)->affected_known);
    assert_int_equal(sg_result_outcome(r)->affected, 12);
    cJSON *j = result_json(r);
    assert_true(cJSON_IsNull(member(member(j, "pagination"), "next_offset")));
    assert_true(cJSON_IsTrue(member(member(j, "pagination"), "has_more")));
    assert_int_equal(member(j, "affected")->valueint, 12);
    cJSON_Delete(j);
    sg_result_free(r);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE region = "
                                 "$1 AND name LIKE '%!'",
                                 "CAP"),
                     12);
}

/* RETURNING rows come one at a time and only max_rows of them are kept: 500 rows of some 18 KB
 * each with max_rows 2 deliver two, and the statement commits whole; a write that returns no row
 * still names its columns. */
static void test_exec__write_returning_many_large_rows(void **state)
{
    (void)state;
    admin(
        "INSERT INTO public.sdk_examples_account (account_code, name, region) "
        "SELECT 'BIG-' || lpad(i::text, 4, '0'), 'Big ' || i, 'BIG' FROM generate_series(1, 500) i "
        "ON CONFLICT DO NOTHING");
    char *op = make_op(
        "update",
        "UPDATE sdk_examples_account SET name = name || '!'\n"
        "WHERE region = %(region)s\nRETURNING account_code, name, repeat(name, 2000) AS pad",
        "{\"region\":\"BIG\"}", T_ACCOUNT("write"), 2, 60000);
    sg_result *r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 2);
    assert_true(sg_result_outcome(r)->has_more);
    assert_int_equal(strlen(sg_result_value(r, 1, 2)), 2000 * strlen(sg_result_value(r, 1, 1)));
    sg_result_free(r);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE region = "
                                 "$1 AND name LIKE '%!'",
                                 "BIG"),
                     500);
    op = make_op("delete",
                 "DELETE FROM sdk_examples_account WHERE region = %(region)s\n"
                 "RETURNING account_code, name",
                 "{\"region\":\"NONE\"}", T_ACCOUNT("write"), 2, 15000);
    r = run_ok(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 0);
    assert_false(sg_result_outcome(r)->has_more);
    assert_int_equal(sg_result_column_count(r), 2);
    assert_string_equal(sg_result_column(r, 1), "name");
    sg_result_free(r);
    admin("DELETE FROM public.sdk_examples_account WHERE region = 'BIG'");
}

/* A constraint's error details the row it refused ("Failing row contains (...)": every column,
 * those the statement never named too). Under a policy that denies columns, a write made to fail
 * on purpose would read them a row at a time: the detail is withheld; without such a policy it is
 * kept, as the server wrote it. */
static void test_exec__constraint_detail_withheld_under_a_column_policy(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) "
          "VALUES ('DET-1', 'SECRET-NAME', 'EU') ON CONFLICT DO NOTHING");
    char *op = make_op("update",
                       "UPDATE sdk_examples_account SET region = %(r)s WHERE account_code = %(c)s",
                       "{\"r\":null,\"c\":\"DET-1\"}", T_ACCOUNT("write"), 5, 15000);
    static const char pol[] = "{\"rules\":{\"column.denied\":{\"options\":{\"columns\":["
                              "\"^public\\\\.sdk_examples_account\\\\.name$\"]}}}}";
    sg_policy *policy = NULL;
    sg_error err;
    assert_int_equal(sg_policy_load(pol, strlen(pol), &policy, &err), SG_OK);
    for (int with_policy = 0; with_policy < 2; with_policy++) {
        sg_check_options opts = SG_CHECK_OPTIONS_INIT;
        opts.policy = with_policy ? policy : NULL;
        sg_verdict *v = NULL;
        assert_int_equal(sg_check(g_catalog, op, strlen(op), &opts, &v), SG_OK);
        assert_true(sg_verdict_allowed(v));
        sg_result *r = NULL;
        assert_int_equal(sg_execute(g_ex, v, &r, &err), SG_OK);
        const sg_exec_outcome *o = sg_result_outcome(r);
        assert_false(o->ok);
        assert_string_equal(o->sqlstate, "23502");
        if (with_policy) {
            assert_null(strstr(o->detail, "SECRET-NAME"));
            assert_non_null(strstr(o->detail, "withheld"));
        } else {
            assert_non_null(strstr(o->detail, "SECRET-NAME"));
        }
        sg_result_free(r);
        sg_verdict_free(v);
    }
    sg_policy_free(policy);
    free(op);
    admin("DELETE FROM public.sdk_examples_account WHERE account_code = 'DET-1'");
}

/* ---- parameters ---------------------------------------------------------------------------- */

static sg_result *run_values(const char *op)
{
    sg_result *r = run_on(g_ex, g_values_catalog, op);
    const sg_exec_outcome *o = sg_result_outcome(r);
    if (!o->ok)
        fail_msg("statement failed: %s %s (%s)\n%s", o->sqlstate, o->message, o->detail, op);
    return r;
}

static void test_exec__parameters_of_every_json_type(void **state)
{
    (void)state;
    if (!g_values_catalog)
        g_values_catalog = values_catalog();
    admin("TRUNCATE public.sdk_examples_value");
    static const char insert_sql[] =
        "INSERT INTO sdk_examples_value (id, n, d, doc, flag, tags, nums, grid, note)\n"
        "VALUES (%(id)s, %(n)s, %(d)s, %(doc)s, %(flag)s, %(tags)s, %(nums)s, %(grid)s, "
        "%(note)s)\nRETURNING id, n, d, doc, flag, tags, nums, grid, note";
    /* raw JSON text: the numbers must arrive with every digit */
    static const char params1[] =
        "{\"id\":1,\"n\":9007199254740993,\"d\":0.1000000000000000055,"
        "\"doc\":{\"name\":\"Hooli\",\"tags\":[\"tech\"],\"q\":\"a \\\"b\\\" \\\\ c\",\"n\":null,"
        "\"big\":12345678901234567890,\"u\":\"\\u00fc\\u20ac\"},"
        "\"flag\":true,\"tags\":[\"a\",\"b \\\"q\\\" \\\\ c\",null,\"NULL\",\"\",\",{}\"],"
        "\"nums\":[1,-2,3],\"grid\":[[1,2],[3,4]],\"note\":null}";
    char *op = make_op("insert", insert_sql, params1, T_VALUE("write"), 10, 15000);
    sg_result *r = run_values(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 1);
    assert_string_equal(cell(r, 0, "n"), "9007199254740993");
    assert_string_equal(cell(r, 0, "d"), "0.1000000000000000055");
    assert_string_equal(cell(r, 0, "flag"), "t");
    assert_null(cell(r, 0, "note"));
    assert_string_equal(cell(r, 0, "nums"), "{1,-2,3}");
    assert_string_equal(cell(r, 0, "grid"), "{{1,2},{3,4}}");
    assert_string_equal(cell(r, 0, "tags"),
                        "{a,\"b \\\"q\\\" \\\\ c\",NULL,\"NULL\",\"\",\",{}\"}");
    cJSON *doc = cJSON_Parse(cell(r, 0, "doc"));
    assert_non_null(doc);
    assert_string_equal(member(doc, "q")->valuestring, "a \"b\" \\ c");
    assert_string_equal(member(doc, "u")->valuestring, "\xc3\xbc\xe2\x82\xac");
    assert_true(cJSON_IsNull(member(doc, "n")));
    cJSON_Delete(doc);
    sg_result_free(r);

    /* what the server holds, judged by the server */
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_value WHERE id = 1 AND "
                                 "n = 9007199254740993 AND d = 0.1000000000000000055 AND flag AND "
                                 "note IS NULL AND tags[2] = 'b \"q\" \\ c' AND tags[3] IS NULL "
                                 "AND tags[4] = 'NULL' AND tags[5] = '' AND tags[6] = ',{}' AND "
                                 "array_length(tags, 1) = 6 AND nums = ARRAY[1,-2,3] AND "
                                 "grid = ARRAY[[1,2],[3,4]] AND doc->>'big' = "
                                 "'12345678901234567890' AND doc->'n' = 'null'::jsonb AND "
                                 "doc @> $1::jsonb",
                                 "{\"name\":\"Hooli\",\"tags\":[\"tech\"]}"),
                     1);

    static const char params2[] =
        "{\"id\":2,\"n\":-9007199254740993,\"d\":-1e-7,\"doc\":{\"list\":[1,\"two\"]},"
        "\"flag\":false,\"tags\":[],\"nums\":[],\"grid\":[[5]],\"note\":\"plain\"}";
    op = make_op("insert", insert_sql, params2, T_VALUE("write"), 10, 15000);
    r = run_values(op);
    free(op);
    assert_string_equal(cell(r, 0, "n"), "-9007199254740993");
    assert_string_equal(cell(r, 0, "d"), "-0.0000001");
    assert_string_equal(cell(r, 0, "flag"), "f");
    assert_string_equal(cell(r, 0, "tags"), "{}");
    assert_string_equal(cell(r, 0, "nums"), "{}");
    assert_string_equal(cell(r, 0, "grid"), "{{5}}");
    assert_string_equal(cell(r, 0, "doc"), "{\"list\": [1, \"two\"]}");
    assert_string_equal(cell(r, 0, "note"), "plain");
    sg_result_free(r);

    /* NOTE: a JSON array always becomes an array literal, whatever the parameter's type (as
     * psycopg adapts a list): a top-level JSON array is no jsonb document. The server would
     * refuse it (22P02); params.type-mismatch says so before anything runs. */
    static const char params3[] =
        "{\"id\":3,\"n\":0,\"d\":0,\"doc\":[1,\"two\",{\"three\":3}],"
        "\"flag\":null,\"tags\":null,\"nums\":null,\"grid\":null,\"note\":null}";
    op = make_op("insert", insert_sql, params3, T_VALUE("write"), 10, 15000);
    sg_verdict *denied = NULL;
    assert_int_equal(sg_check(g_values_catalog, op, strlen(op), NULL, &denied), SG_OK);
    free(op);
    assert_false(sg_verdict_allowed(denied));
    assert_int_equal(sg_verdict_diagnostic_count(denied), 1);
    assert_string_equal(sg_verdict_diagnostic(denied, 0)->rule, "params.type-mismatch");
    assert_non_null(strstr(sg_verdict_diagnostic(denied, 0)->message, "%(doc)s"));
    sg_verdict_free(denied);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_value", NULL), 2);

    /* = ANY(%(ids)s) with a JSON array; booleans; NULL */
    op = make_op("select", "SELECT id FROM sdk_examples_value WHERE id = ANY(%(ids)s) ORDER BY id",
                 "{\"ids\":[2,1,99]}", T_VALUE("read"), 10, 15000);
    r = run_values(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 2);
    assert_string_equal(sg_result_value(r, 0, 0), "1");
    assert_string_equal(sg_result_value(r, 1, 0), "2");
    sg_result_free(r);
    for (int b = 0; b < 2; b++) {
        op = make_op("select",
                     "SELECT id, flag FROM sdk_examples_value WHERE flag = %(flag)s "
                     "ORDER BY id",
                     b ? "{\"flag\":true}" : "{\"flag\":false}", T_VALUE("read"), 10, 15000);
        r = run_values(op);
        free(op);
        assert_int_equal(sg_result_row_count(r), 1);
        assert_string_equal(cell(r, 0, "id"), b ? "1" : "2");
        sg_result_free(r);
    }
    op = make_op("select",
                 "SELECT id FROM sdk_examples_value\nWHERE (%(note)s::text IS NULL OR "
                 "note = %(note)s)\nORDER BY id",
                 "{\"note\":null}", T_VALUE("read"), 10, 15000);
    r = run_values(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 2);
    sg_result_free(r);
    /* a string parameter no use can type is bound as text */
    op = make_op("select",
                 "SELECT id, %(s)s AS s FROM sdk_examples_value WHERE %(s)s IS NOT NULL "
                 "ORDER BY id",
                 "{\"s\":\"x\"}", T_VALUE("read"), 10, 15000);
    r = run_values(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 2);
    assert_string_equal(cell(r, 0, "s"), "x");
    sg_result_free(r);

    /* big integers compare exactly on the server; a double would round to ...992 */
    op = make_op("select", "SELECT id FROM sdk_examples_value WHERE n = %(n)s ORDER BY id",
                 "{\"n\":9007199254740993}", T_VALUE("read"), 10, 15000);
    r = run_values(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 1);
    sg_result_free(r);
    op = make_op("select", "SELECT id FROM sdk_examples_value WHERE n = %(n)s ORDER BY id",
                 "{\"n\":9007199254740992}", T_VALUE("read"), 10, 15000);
    r = run_values(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 0);
    sg_result_free(r);

    /* an object parameter into jsonb_build_object and a containment filter */
    op = make_op("select",
                 "SELECT id, jsonb_build_object('doc', %(doc)s::jsonb, 'id', id) AS j\n"
                 "FROM sdk_examples_value WHERE doc @> %(probe)s::jsonb ORDER BY id",
                 "{\"doc\":{\"k\":[1,2.50],\"s\":\"x \\\"y\\\"\"},\"probe\":{\"tags\":[\"tech\"]}}",
                 T_VALUE("read"), 10, 15000);
    r = run_values(op);
    free(op);
    assert_int_equal(sg_result_row_count(r), 1);
    cJSON *j = cJSON_Parse(cell(r, 0, "j"));
    assert_non_null(j);
    assert_int_equal(member(j, "id")->valueint, 1);
    const cJSON *d = member(j, "doc");
    assert_string_equal(member(d, "s")->valuestring, "x \"y\"");
    assert_int_equal(cJSON_GetArraySize(member(d, "k")), 2);
    assert_true(cJSON_GetArrayItem(member(d, "k"), 1)->valuedouble == 2.5);
    cJSON_Delete(j);
    sg_result_free(r);

    /* uuids: = ANY(%(uids)s) against the account table, with and without a cast */
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('PRM-1', 'P1', 'US'), ('PRM-2', 'P2', 'US'), ('PRM-3', 'P3', 'US') "
          "ON CONFLICT DO NOTHING");
    char *u1 = account_uid_of("PRM-1"), *u3 = account_uid_of("PRM-3");
    char *params = sg_test_printf(
        "{\"uids\":[\"%s\",\"%s\",\"00000000-0000-4000-8000-000000000000\"]}", u3, u1);
    static const char *const any_sql[] = {
        "SELECT account_code FROM sdk_examples_account WHERE uid = ANY(%(uids)s) "
        "ORDER BY account_code",
        "SELECT account_code FROM sdk_examples_account WHERE uid = ANY(%(uids)s::uuid[]) "
        "ORDER BY account_code",
    };
    for (size_t i = 0; i < 2; i++) {
        op = make_op("select", any_sql[i], params, T_ACCOUNT("read"), 10, 15000);
        r = run_ok(op);
        free(op);
        assert_int_equal(sg_result_row_count(r), 2);
        assert_string_equal(sg_result_value(r, 0, 0), "PRM-1");
        assert_string_equal(sg_result_value(r, 1, 0), "PRM-3");
        sg_result_free(r);
    }
    free(params);
    free(u1);
    free(u3);

    /* an injection payload is data */
    op = upsert_op("PRM-X", "x'); DELETE FROM sdk_examples_account; --", "US");
    r = run_ok(op);
    free(op);
    assert_string_equal(cell(r, 0, "name"), "x'); DELETE FROM sdk_examples_account; --");
    sg_result_free(r);
    assert_true(admin_count("SELECT count(*) FROM public.sdk_examples_account", NULL) >= 4);
}

/* The seed's select with a null region (corpus case seed__select_accounts_null_region): the
 * filter is off and every account comes back. */
static void test_exec__seed_select_with_null_region(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('NULL-1', 'N1', 'US'), ('NULL-2', 'N2', 'EU') ON CONFLICT DO NOTHING");
    long all = admin_count("SELECT count(*) FROM public.sdk_examples_account", NULL);
    char *op = seed_select_op("null", 50);
    sg_result *r = run(op);
    free(op);
    const sg_exec_outcome *o = sg_result_outcome(r);
    char state_text[600];
    snprintf(state_text, sizeof state_text, "%s %s", o->sqlstate, o->message);
    bool ok = o->ok;
    size_t rows = sg_result_row_count(r);
    sg_result_free(r);
    /* "$1 IS NULL OR region = $1" gives $1 no type from its first use; with a JSON null the
     * executor must still type it (text) rather than fail with 42P08. */
    if (!ok)
        fail_msg("the seed select with region null failed: %s", state_text);
    assert_int_equal((long)rows, all < 50 ? all : 50);
}

/* ---- search_path --------------------------------------------------------------------------- */

static void test_exec__search_path_is_pinned(void **state)
{
    (void)state;
    admin("DROP SCHEMA IF EXISTS evil CASCADE;"
          "CREATE SCHEMA evil;"
          "CREATE TABLE evil.sdk_examples_account (uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
          "  account_code varchar(64) NOT NULL UNIQUE, name varchar(255) NOT NULL,"
          "  region varchar(32) NOT NULL);"
          "INSERT INTO evil.sdk_examples_account (account_code, name, region) VALUES "
          "('EVIL-1', 'Evil twin', 'US');"
          "INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('PATH-1', 'Public one', 'US') ON CONFLICT DO NOTHING");
    char *evil_dsn = sg_test_printf("%s options=-csearch_path=evil", g_dsn);

    /* the trap is real: a session on that DSN resolves the name to evil's table */
    PGconn *pg = PQconnectdb(evil_dsn);
    assert_int_equal(PQstatus(pg), CONNECTION_OK);
    PGresult *res = PQexec(pg, "SELECT account_code FROM sdk_examples_account");
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    assert_int_equal(PQntuples(res), 1);
    assert_string_equal(PQgetvalue(res, 0, 0), "EVIL-1");
    PQclear(res);
    PQfinish(pg);

    sg_executor *ex = NULL;
    sg_error err;
    assert_int_equal(sg_executor_new_libpq(evil_dsn, 1, &ex, &err), SG_OK);
    char *op = seed_select_op("\"US\"", 50);
    sg_result *r = run_on(ex, g_catalog, op);
    free(op);
    assert_true(sg_result_outcome(r)->ok);
    long public_count = admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE "
                                    "region = $1",
                                    "US");
    assert_int_equal((long)sg_result_row_count(r), public_count < 50 ? public_count : 50);
    bool saw_path = false;
    for (size_t i = 0; i < sg_result_row_count(r); i++) {
        assert_string_not_equal(cell(r, i, "account_code"), "EVIL-1");
        saw_path |= strcmp(cell(r, i, "account_code"), "PATH-1") == 0;
    }
    assert_true(saw_path);
    sg_result_free(r);

    /* writes land in public too */
    op = upsert_op("PATH-2", "Written through the evil DSN", "EU");
    r = run_on(ex, g_catalog, op);
    free(op);
    assert_true(sg_result_outcome(r)->ok);
    sg_result_free(r);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE "
                                 "account_code = $1",
                                 "PATH-2"),
                     1);
    assert_int_equal(admin_count("SELECT count(*) FROM evil.sdk_examples_account", NULL), 1);

    sg_executor_free(ex);
    free(evil_dsn);
    admin("DROP SCHEMA evil CASCADE");
}

/* The guard reads '...' with backslashes as plain characters. A database or role with
 * standard_conforming_strings off would read the first literal below as ending at the second
 * quote, and run the UNION that the guard took for a string; the executor pins it on. */
static void test_exec__standard_conforming_strings_are_pinned(void **state)
{
    (void)state;
    admin("DROP TABLE IF EXISTS public.sg_scs_secret;"
          "CREATE TABLE public.sg_scs_secret (payload text);"
          "INSERT INTO public.sg_scs_secret VALUES ('TOPSECRET')");
    static const char sql[] =
        "SELECT '\\' AS a, ' UNION ALL SELECT payload FROM public.sg_scs_secret --' AS b";
    char *off_dsn = sg_test_printf("%s options=-cstandard_conforming_strings=off", g_dsn);

    /* the trap is real: on that DSN the text runs the UNION and reads the secret */
    PGconn *pg = PQconnectdb(off_dsn);
    assert_int_equal(PQstatus(pg), CONNECTION_OK);
    PGresult *res = PQexec(pg, sql);
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    assert_int_equal(PQnfields(res), 1);
    assert_int_equal(PQntuples(res), 2);
    assert_string_equal(PQgetvalue(res, 1, 0), "TOPSECRET");
    PQclear(res);
    PQfinish(pg);

    /* the guard sees two string literals and no table: allowed */
    char *op = make_op("select", sql, "{}", "", 10, 15000);
    sg_verdict *v = check_on(g_catalog, op, true);
    sg_verdict_free(v);
    sg_executor *ex = NULL;
    sg_error err;
    assert_int_equal(sg_executor_new_libpq(off_dsn, 1, &ex, &err), SG_OK);
    sg_result *r = run_on(ex, g_catalog, op);
    free(op);
    assert_true(sg_result_outcome(r)->ok);
    assert_int_equal(sg_result_row_count(r), 1);
    assert_int_equal(sg_result_column_count(r), 2);
    assert_string_equal(cell(r, 0, "a"), "\\");
    assert_string_equal(cell(r, 0, "b"), " UNION ALL SELECT payload FROM public.sg_scs_secret --");
    sg_result_free(r);
    sg_executor_free(ex);
    free(off_dsn);
    admin("DROP TABLE public.sg_scs_secret");
}

/* A role or database may set the styles values are read and printed in. The executor pins
 * PostgreSQL's defaults, so that a result (and a date the caller sends) means one thing: on a
 * DSN that sets every one of them otherwise, the values come back as on a plain one. */
static void test_exec__value_styles_are_pinned(void **state)
{
    (void)state;
    static const char sql[] =
        "SELECT 9007199254740992::float8 AS f, '\\x00ff'::bytea AS b, "
        "'1 year 2 mons 3 days 04:05:06'::interval AS i, '1/2/2024'::date AS d, "
        "'2024-01-02 03:04:05'::timestamp AS ts";
    char *odd_dsn = sg_test_printf("%s options='-cextra_float_digits=-15 -cbytea_output=escape "
                                   "-cDateStyle=SQL,DMY -cIntervalStyle=sql_standard'",
                                   g_dsn);

    /* the trap is real: on that DSN the same text reads and prints otherwise */
    PGconn *pg = PQconnectdb(odd_dsn);
    assert_int_equal(PQstatus(pg), CONNECTION_OK);
    PGresult *res = PQexec(pg, sql);
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    assert_string_equal(PQgetvalue(res, 0, 0), "9e+15");
    assert_string_equal(PQgetvalue(res, 0, 1), "\\000\\377");
    assert_string_equal(PQgetvalue(res, 0, 2), "+1-2 +3 +4:05:06");
    assert_string_equal(PQgetvalue(res, 0, 3), "01/02/2024");
    PQclear(res);
    PQfinish(pg);

    char *op = make_op("select", sql, "{}", "", 10, 15000);
    sg_executor *ex = NULL;
    sg_error err;
    assert_int_equal(sg_executor_new_libpq(odd_dsn, 1, &ex, &err), SG_OK);
    sg_result *r = run_on(ex, g_catalog, op);
    free(op);
    assert_true(sg_result_outcome(r)->ok);
    assert_int_equal(sg_result_row_count(r), 1);
    assert_string_equal(cell(r, 0, "f"), "9.007199254740992e+15");
    assert_string_equal(cell(r, 0, "b"), "\\x00ff");
    assert_string_equal(cell(r, 0, "i"), "1 year 2 mons 3 days 04:05:06");
    assert_string_equal(cell(r, 0, "d"), "2024-01-02"); /* month first, as by default */
    assert_string_equal(cell(r, 0, "ts"), "2024-01-02 03:04:05");
    sg_result_free(r);
    sg_executor_free(ex);
    free(odd_dsn);
}

/* PostgreSQL cuts an identifier over 63 bytes in the database's encoding, the guard's
 * parser in UTF-8: on a database of another encoding the executor runs nothing. */
static void test_exec__only_utf8_databases(void **state)
{
    (void)state;
    admin("DROP DATABASE IF EXISTS sg_latin1");
    admin("CREATE DATABASE sg_latin1 ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' "
          "LC_CTYPE 'C'");
    char *latin1 = sg_test_printf("%s dbname=sg_latin1", g_dsn);
    char *op = make_op("select", "SELECT 1 AS one", "{}", "", 10, 15000);
    sg_verdict *v = check_on(g_catalog, op, true);
    sg_executor *ex = NULL;
    sg_error err;
    assert_int_equal(sg_executor_new_libpq(latin1, 1, &ex, &err), SG_OK);
    sg_result *r = NULL;
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_ECONNECT);
    assert_null(r);
    assert_non_null(strstr(err.message, "encoded in LATIN1"));
    sg_executor_free(ex);
    sg_verdict_free(v);
    free(op);
    free(latin1);
    admin("DROP DATABASE sg_latin1");
}

/* The guard allows unqualified functions and operators as the built-ins of pg_catalog. The
 * executor's search path puts the default schema first, so an object of the same signature in
 * that schema wins over the built-in. */
static void test_exec__default_schema_cannot_shadow_builtins(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('SHADOW-1', 'MiXeD Name', 'US'), ('SHADOW-2', 'Other', 'US') ON CONFLICT DO NOTHING");
    admin("CREATE OR REPLACE FUNCTION public.lower(text) RETURNS text LANGUAGE sql "
          "AS $$ SELECT 'HIJACKED'::text $$;"
          "CREATE OR REPLACE FUNCTION public.sg_always_equal(text, text) RETURNS boolean "
          "LANGUAGE sql AS $$ SELECT true $$;"
          "CREATE OPERATOR public.= (FUNCTION = public.sg_always_equal, LEFTARG = text, "
          "RIGHTARG = text)");
    char *op1 = make_op("select",
                        "SELECT lower(name) AS n FROM sdk_examples_account\n"
                        "WHERE account_code = 'SHADOW-1' ORDER BY uid",
                        "{}", T_ACCOUNT("read"), 10, 15000);
    sg_result *r1 = run(op1);
    char *op2 = make_op("select",
                        "SELECT account_code FROM sdk_examples_account\n"
                        "WHERE name::text = 'MiXeD Name'::text ORDER BY account_code",
                        "{}", T_ACCOUNT("read"), 100, 15000);
    sg_result *r2 = run(op2);
    /* clean up before asserting, so that a failure leaves no trap behind */
    admin("DROP OPERATOR public.= (text, text);"
          "DROP FUNCTION public.sg_always_equal(text, text);"
          "DROP FUNCTION public.lower(text)");
    char n[64], count[32];
    snprintf(n, sizeof n, "%s",
             sg_result_outcome(r1)->ok && sg_result_value(r1, 0, 0) ? sg_result_value(r1, 0, 0)
                                                                    : "(failed)");
    snprintf(count, sizeof count, "%zu", sg_result_row_count(r2));
    sg_result_free(r1);
    sg_result_free(r2);
    free(op1);
    free(op2);
    /* The built-ins func.denied allowed must be what runs: with pg_catalog first in the pinned
     * search_path, public.lower(text) and public.=(text, text) cannot shadow them. */
    assert_string_equal(n, "mixed name");
    assert_string_equal(count, "1");
}

/* Overloads that fit better than the built-in, and operators pg_catalog does not have, in the
 * default schema: with the default schema on the search path PostgreSQL would pick them (an
 * exact argument-type match beats pg_catalog's); with the relations qualified and the path pinned
 * to pg_catalog, pg_temp, every statement below resolves to the built-in or fails with 42883
 * (undefined function), and no hazard runs. The control at the end runs one of them with the
 * default schema on the path through plain libpq, so the hazards are known to be reachable. */
static void test_exec__overloads_in_the_default_schema_are_unreachable(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('OVER-1', 'MiXeD', 'US') ON CONFLICT DO NOTHING");
    /* every hazard raises, so that running one can never pass unseen */
    admin("CREATE OR REPLACE FUNCTION public.sg_hazard() RETURNS text LANGUAGE plpgsql "
          "AS $$ BEGIN RAISE EXCEPTION 'hazard reached'; END $$;"
          "CREATE OR REPLACE FUNCTION public.lower(varchar) RETURNS text LANGUAGE sql "
          "AS $$ SELECT public.sg_hazard() $$;"
          "CREATE OR REPLACE FUNCTION public.length(integer) RETURNS int LANGUAGE sql "
          "AS $$ SELECT length(public.sg_hazard()) $$;"
          "CREATE OR REPLACE FUNCTION public.abs(text) RETURNS text LANGUAGE sql "
          "AS $$ SELECT public.sg_hazard() $$;"
          "CREATE OR REPLACE FUNCTION public.upper(integer) RETURNS text LANGUAGE sql "
          "AS $$ SELECT public.sg_hazard() $$;"
          "CREATE OR REPLACE FUNCTION public.sg_text_plus(text, text) RETURNS text LANGUAGE sql "
          "AS $$ SELECT public.sg_hazard() $$;"
          "CREATE OR REPLACE FUNCTION public.sg_text_eq3(text, text) RETURNS boolean "
          "LANGUAGE sql AS $$ SELECT public.sg_hazard() IS NULL $$;"
          "CREATE OR REPLACE FUNCTION public.sg_text_bang(text) RETURNS text LANGUAGE sql "
          "AS $$ SELECT public.sg_hazard() $$;"
          "DROP OPERATOR IF EXISTS public.+ (text, text);"
          "CREATE OPERATOR public.+ (FUNCTION = public.sg_text_plus, LEFTARG = text, "
          "RIGHTARG = text);"
          "DROP OPERATOR IF EXISTS public.=== (text, text);"
          "CREATE OPERATOR public.=== (FUNCTION = public.sg_text_eq3, LEFTARG = text, "
          "RIGHTARG = text);"
          "DROP OPERATOR IF EXISTS public.!!! (NONE, text);"
          "CREATE OPERATOR public.!!! (FUNCTION = public.sg_text_bang, RIGHTARG = text);"
          "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC");
    static const struct {
        const char *sql;
        const char *sqlstate; /* NULL: runs, with `value` */
        const char *value;
    } cases[] = {
        {"SELECT lower(name::varchar) AS v FROM sdk_examples_account WHERE account_code = "
         "'OVER-1' ORDER BY uid",
         NULL, "mixed"},
        {"SELECT length(5) AS v FROM sdk_examples_account ORDER BY uid", "42883", NULL},
        {"SELECT abs(name) AS v FROM sdk_examples_account ORDER BY uid", "42883", NULL},
        {"SELECT upper(42) AS v FROM sdk_examples_account ORDER BY uid", "42883", NULL},
        {"SELECT name + region AS v FROM sdk_examples_account ORDER BY uid", "42883", NULL},
        {"SELECT uid FROM sdk_examples_account WHERE name === region ORDER BY uid", "42883", NULL},
        {"SELECT !!! name AS v FROM sdk_examples_account ORDER BY uid", "42883", NULL},
    };
    char got[sizeof cases / sizeof cases[0]][160];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *op = make_op("select", cases[i].sql, "{}", T_ACCOUNT("read"), 10, 15000);
        sg_result *r = run(op);
        const sg_exec_outcome *o = sg_result_outcome(r);
        snprintf(got[i], sizeof got[i], "%s|%s|%.100s", o->ok ? "ok" : o->sqlstate,
                 o->ok && sg_result_row_count(r) ? sg_result_value(r, 0, 0) : "",
                 o->ok ? "" : o->message);
        sg_result_free(r);
        free(op);
    }
    /* the control: the default schema first, as an unpinned session might have it */
    PGresult *ctl = PQexec(g_admin, "BEGIN; SET LOCAL search_path TO public, pg_catalog; "
                                    "SELECT lower('A'::varchar)");
    char control[160];
    snprintf(control, sizeof control, "%s", PQresultErrorMessage(ctl));
    PQclear(ctl);
    admin("ROLLBACK");
    /* clean up before asserting, so that a failure leaves no trap behind */
    admin("DROP OPERATOR public.+ (text, text); DROP OPERATOR public.=== (text, text);"
          "DROP OPERATOR public.!!! (NONE, text);"
          "DROP FUNCTION public.lower(varchar), public.length(integer), public.abs(text),"
          " public.upper(integer), public.sg_text_plus(text, text),"
          " public.sg_text_eq3(text, text), public.sg_text_bang(text), public.sg_hazard()");
    assert_non_null(strstr(control, "hazard reached"));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char want[160];
        if (cases[i].sqlstate)
            snprintf(want, sizeof want, "%s|", cases[i].sqlstate);
        else
            snprintf(want, sizeof want, "ok|%s|", cases[i].value);
        if (strncmp(got[i], want, strlen(want)) != 0 || strstr(got[i], "hazard"))
            fail_msg("%s\n  got %s, want %s...", cases[i].sql, got[i], want);
    }
}

/* ---- the pool ------------------------------------------------------------------------------ */

typedef struct worker {
    sg_executor *ex;
    pthread_barrier_t *start;
    int ok, failed;
    char first_error[1100];
} worker;

static void *pool_worker(void *arg)
{
    worker *w = arg;
    char *op = seed_select_op("\"US\"", 50);
    pthread_barrier_wait(w->start);
    for (int i = 0; i < 50; i++) {
        sg_verdict *v = NULL;
        sg_result *r = NULL;
        sg_error err = {0, ""};
        int rc = sg_check(g_catalog, op, strlen(op), NULL, &v);
        if (rc == SG_OK && sg_verdict_allowed(v))
            rc = sg_execute(w->ex, v, &r, &err);
        if (rc == SG_OK && r && sg_result_outcome(r)->ok && sg_result_row_count(r) > 0) {
            w->ok++;
        } else {
            if (!w->failed)
                snprintf(w->first_error, sizeof w->first_error, "rc=%d %s %s", rc, err.message,
                         r ? sg_result_outcome(r)->message : "");
            w->failed++;
        }
        sg_result_free(r);
        sg_verdict_free(v);
    }
    free(op);
    return NULL;
}

static void test_exec__pool_shared_by_threads(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('POOL-1', 'Pool', 'US') ON CONFLICT DO NOTHING");
    char *dsn = sg_test_printf("%s application_name=sg_pool_test", g_dsn);
    sg_executor *ex = NULL;
    sg_error err;
    assert_int_equal(sg_executor_new_libpq(dsn, 2, &ex, &err), SG_OK);
    enum { THREADS = 4 };
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREADS);
    worker w[THREADS];
    pthread_t tid[THREADS];
    memset(w, 0, sizeof w);
    for (int i = 0; i < THREADS; i++) {
        w[i].ex = ex;
        w[i].start = &start;
        assert_int_equal(pthread_create(&tid[i], NULL, pool_worker, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(tid[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < THREADS; i++) {
        if (w[i].failed)
            fail_msg("thread %d: %d failed, first: %s", i, w[i].failed, w[i].first_error);
        assert_int_equal(w[i].ok, 50);
    }
    /* the pool kept at most pool_size connections to the DSN */
    long conns = admin_count("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
                             "sg_pool_test");
    sg_executor_free(ex);
    /* freeing the executor closes them */
    long left = -1;
    for (int i = 0; i < 100 && left != 0; i++) {
        left = admin_count("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
                           "sg_pool_test");
        if (left) {
            struct timespec ts = {0, 20000000};
            nanosleep(&ts, NULL);
        }
    }
    free(dsn);
    assert_int_equal(left, 0);
    assert_true(conns >= 1);
    /* Slots still connecting count against pool_size too, or threads that arrive together
     * would each open a connection of their own. */
    if (conns > 2)
        fail_msg("%ld connections for a pool of 2", conns);
}

/* ---- sqlguard exec ------------------------------------------------------------------------- */

static void test_exec__cli_end_to_end(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('CLI-1', 'Cli One', 'US') ON CONFLICT DO NOTHING");
    run_result cli =
        CLI("exec", "--dsn", g_dsn, "--catalog", CATALOG, EXAMPLES "/ops/select_accounts.json");
    assert_status(&cli, 0);
    assert_string_equal(cli.err, "");
    cJSON *j = cJSON_Parse(cli.out);
    if (!j)
        fail_msg("not JSON: %s", cli.out);
    assert_int_equal(cJSON_GetArraySize(j), 2);
    const cJSON *verdict = member(j, "verdict");
    assert_true(cJSON_IsTrue(member(verdict, "allowed")));
    assert_string_equal(member(verdict, "compiled_sql")->valuestring,
                        "SELECT uid, account_code, name, region\nFROM public.sdk_examples_account\n"
                        "WHERE ($1 IS NULL OR region = $1)\nORDER BY account_code\nLIMIT $2\n");
    const cJSON *result = member(j, "result");
    assert_int_equal(cJSON_GetArraySize(result), 8);
    assert_string_equal(member(result, "outcome")->valuestring, "committed");
    assert_true(cJSON_IsNull(member(result, "affected"))); /* a select changes no row */
    assert_true(cJSON_IsFalse(member(result, "retried")));
    assert_true(cJSON_IsFalse(member(result, "cancelled")));
    const cJSON *cols = member(result, "columns");
    assert_int_equal(cJSON_GetArraySize(cols), 4);
    assert_string_equal(cJSON_GetArrayItem(cols, 1)->valuestring, "account_code");
    const cJSON *rows = member(result, "rows");
    long us =
        admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE region = $1", "US");
    assert_int_equal(cJSON_GetArraySize(rows), us < 50 ? us : 50);
    bool saw = false;
    const cJSON *row;
    cJSON_ArrayForEach(row, rows)
    {
        assert_int_equal(cJSON_GetArraySize(row), 4);
        assert_string_equal(cJSON_GetArrayItem(row, 3)->valuestring, "US");
        saw |= strcmp(cJSON_GetArrayItem(row, 1)->valuestring, "CLI-1") == 0;
    }
    assert_true(saw);
    const cJSON *page = member(result, "pagination");
    assert_int_equal(member(page, "max_rows")->valueint, 50);
    assert_int_equal(member(page, "returned")->valueint, cJSON_GetArraySize(rows));
    assert_true(cJSON_IsBool(member(page, "has_more")));
    assert_true(cJSON_IsNull(member(result, "error")));
    cJSON_Delete(j);
    free_run(&cli);

    /* the seed upsert commits */
    cli = CLI("exec", "--dsn", g_dsn, "--catalog", CATALOG, EXAMPLES "/ops/insert_account.json");
    assert_status(&cli, 0);
    j = cJSON_Parse(cli.out);
    assert_non_null(j);
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetArrayItem(member(member(j, "result"), "rows"), 0), 1)
            ->valuestring,
        "ACME");
    cJSON_Delete(j);
    free_run(&cli);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE "
                                 "account_code = $1 AND name = 'Acme Capital'",
                                 "ACME"),
                     1);

    /* $SQLGUARD_DSN when there is no --dsn */
    setenv("SQLGUARD_DSN", g_dsn, 1);
    cli = CLI("exec", "--catalog", CATALOG, EXAMPLES "/ops/select_accounts.json");
    unsetenv("SQLGUARD_DSN");
    assert_status(&cli, 0);
    free_run(&cli);

    /* --dry-run never talks to the server */
    long long size = file_size(g_log);
    cli = CLI("exec", "--dry-run", "--dsn", NO_SERVER_DSN, "--catalog", CATALOG,
              EXAMPLES "/ops/insert_account.json");
    assert_status(&cli, 0);
    assert_contains(cli.out, "\"settings\"");
    assert_contains(cli.out, "SET LOCAL statement_timeout = 15000");
    free_run(&cli);
    assert_int_equal(file_size(g_log), size);
}

static void test_exec__cli_foreign_key_violation(void **state)
{
    (void)state;
    admin("INSERT INTO public.sdk_examples_account (account_code, name, region) VALUES "
          "('CLI-FK', 'Has limits', 'EU') ON CONFLICT DO NOTHING;"
          "INSERT INTO public.sdk_examples_account_limit (account_uid, limit_type, currency) "
          "SELECT uid, 'daily', 'EUR' FROM public.sdk_examples_account WHERE account_code = "
          "'CLI-FK'");
    char *op = make_op("delete", "DELETE FROM sdk_examples_account WHERE account_code = %(code)s",
                       "{\"code\":\"CLI-FK\"}", T_ACCOUNT("write"), 10, 15000);
    char *path = temp_file(op);
    free(op);
    run_result cli = CLI("exec", "--dsn", g_dsn, "--catalog", CATALOG, path);
    assert_status(&cli, 3);
    cJSON *j = cJSON_Parse(cli.out);
    if (!j)
        fail_msg("not JSON: %s", cli.out);
    assert_true(cJSON_IsTrue(member(member(j, "verdict"), "allowed")));
    const cJSON *e = member(member(j, "result"), "error");
    assert_string_equal(member(e, "sqlstate")->valuestring, "23503");
    assert_contains(member(e, "message")->valuestring, "foreign key");
    assert_contains(member(e, "detail")->valuestring, "is still referenced");
    assert_true(cJSON_IsTrue(member(e, "rolled_back")));
    assert_string_equal(member(member(j, "result"), "outcome")->valuestring, "rolled_back");
    cJSON_Delete(j);
    free_run(&cli);
    remove_temp(path);
    assert_int_equal(admin_count("SELECT count(*) FROM public.sdk_examples_account WHERE "
                                 "account_code = $1",
                                 "CLI-FK"),
                     1);
}

static void test_exec__cli_connection_refused(void **state)
{
    (void)state;
    run_result cli = CLI("exec", "--dsn", NO_SERVER_DSN, "--catalog", CATALOG,
                         EXAMPLES "/ops/select_accounts.json");
    assert_status(&cli, 2);
    assert_string_equal(cli.out, "");
    assert_contains(cli.err, "cannot connect to data source");
    assert_contains(cli.err, "/tmp/sqlguard-no-such-socket-dir");
    free_run(&cli);

    /* and through the library: SG_ECONNECT, no result */
    sg_executor *ex = NULL;
    sg_error err;
    assert_int_equal(sg_executor_new_libpq(NO_SERVER_DSN, 1, &ex, &err), SG_OK);
    sg_verdict *v = NULL;
    char *op = seed_select_op("null", 50);
    v = check_on(g_catalog, op, true);
    free(op);
    sg_result *r = NULL;
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_ECONNECT);
    assert_null(r);
    assert_contains(err.message, "cannot connect");
    /* a failed connection does not use up the pool */
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_ECONNECT);
    assert_int_equal(sg_execute(ex, v, &r, &err), SG_ECONNECT);
    sg_verdict_free(v);
    sg_executor_free(ex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test(test_exec__##name)
        T(tutorial_end_to_end),
        T(server_sees_pinned_settings_and_bound_parameters),
        T(dry_run_shows_what_libpq_sends),
        T(client_encoding_is_utf8),
        T(denied_never_reaches_the_server),
        T(statement_timeout_is_enforced),
        T(statement_timeout_bounds_every_page_together),
        T(select_runs_read_only),
        T(write_returning_more_than_max_rows),
        T(write_returning_many_large_rows),
        T(constraint_detail_withheld_under_a_column_policy),
        T(parameters_of_every_json_type),
        T(seed_select_with_null_region),
        T(search_path_is_pinned),
        T(standard_conforming_strings_are_pinned),
        T(value_styles_are_pinned),
        T(only_utf8_databases),
        T(default_schema_cannot_shadow_builtins),
        T(overloads_in_the_default_schema_are_unreachable),
        T(pool_shared_by_threads),
        T(cli_end_to_end),
        T(cli_foreign_key_violation),
        T(cli_connection_refused),
#undef T
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
