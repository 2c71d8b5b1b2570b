/*
 * test_cli.c - the sqlguard command line, run as a process.
 *
 * Each test runs the built binary (SG_CLI_PATH) with its standard streams
 * redirected to temporary files and checks the exit status (contract section
 * 5), what it prints and where: text verdicts with a caret under the spot,
 * one JSON verdict per line, the rule list, help and version.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support.h"

#include "sqlguard.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#define CATALOG SG_SOURCE_DIR "/corpus/catalog.json"
#define DS_A "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define UID_ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"

/* Denied: line 2 reads an undeclared table after a placeholder that compiles shorter and
 * after multi-byte characters. */
static const char DENIED_SQL_LINE1[] = "SELECT a.uid FROM sdk_examples_account a";
static const char DENIED_SQL_LINE2[] =
    "WHERE a.name = %(the_name)s AND length('ü€') = 2 AND a.uid IN (SELECT uid FROM "
    "sdk_examples_secret)";
static const char DENIED_SQL_LINE3[] = "ORDER BY a.uid";

/* The contract's rule ids (section 4) and the one the guard adds. */
static const char *const RULE_IDS[] = {
    "op.invalid",
    "op.kind-mismatch",
    "sql.syntax",
    "sql.multiple-statements",
    "sql.statement-not-allowed",
    "sql.unsupported",
    "scope.invalid",
    "scope.table-not-declared",
    "scope.access-denied",
    "scope.unused-table",
    "params.syntax",
    "params.missing",
    "params.unused",
    "params.in-literal",
    "paginate.order-by-required",
    "func.denied",
    "paginate.limit-without-order-by",
    "paginate.order-by-unique",
    "style.select-star",
    "style.insert-column-list",
    "style.literal-in-predicate",
    "naming.table-prefix",
    "limits.bounds",
    "limits.invalid",
    "type.denied",
    "func.resource-bound",
    "column.unknown",
    "conflict.target-not-unique",
    "insert.not-null-missing",
    "column.ambiguous",
    "column.denied",
    "column.unlisted",
    "params.type-mismatch",
    "dml.missing-where",
    "stmt.row-lock",
    "stmt.data-modifying-cte",
};
enum { RULE_COUNT = sizeof RULE_IDS / sizeof RULE_IDS[0] };

/* ---- running the binary -------------------------------------------------------------------- */

typedef struct run_result {
    int status; /* exit status, or -1 when the process did not exit normally */
    char *out;
    char *err;
} run_result;

static void free_result(run_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

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

/* Runs sqlguard with `args` (NULL-terminated, without argv[0]) and `input` on stdin; its
 * standard output goes to `stdout_path` when given (and is then not captured). */
/* The whole file; the test fails when it cannot be read. */
static char *slurp_ok(const char *path)
{
    char *text = sg_test_slurp(path, NULL);
    if (!text)
        fail_msg("cannot read %s", path);
    return text;
}

static run_result run_cli_to(const char *stdout_path, const char *input, const char *const *args)
{
    char *out_path = temp_path("out"), *err_path = temp_path("err");
    char *in_path = temp_file(input ? input : "");
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
        int in = open(in_path, O_RDONLY);
        int out = open(stdout_path ? stdout_path : out_path, O_WRONLY | O_TRUNC);
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
    r.out = slurp_ok(out_path);
    r.err = slurp_ok(err_path);
    remove_temp(out_path);
    remove_temp(err_path);
    remove_temp(in_path);
    return r;
}

static run_result run_cli(const char *input, const char *const *args)
{
    return run_cli_to(NULL, input, args);
}

#define RUN(input, ...) run_cli(input, (const char *const[]){__VA_ARGS__, NULL})

static void assert_contains(const char *haystack, const char *needle)
{
    assert_non_null(haystack);
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static void assert_status(const run_result *r, int status)
{
    if (r->status != status)
        fail_msg("exit status %d, expected %d\nstdout:\n%s\nstderr:\n%s", r->status, status, r->out,
                 r->err);
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

/* Line `i` (0-based) of `text`, copied; NULL when there are fewer lines. */
static char *line_at(const char *text, size_t i)
{
    const char *p = text;
    for (size_t k = 0; k < i; k++) {
        p = strchr(p, '\n');
        if (!p)
            return NULL;
        p++;
    }
    if (!*p)
        return NULL;
    size_t n = strcspn(p, "\n");
    char *line = malloc(n + 1);
    assert_non_null(line);
    memcpy(line, p, n);
    line[n] = '\0';
    return line;
}

static void assert_line(const char *text, size_t i, const char *expected)
{
    char *line = line_at(text, i);
    if (!line)
        fail_msg("no line %zu in:\n%s", i, text);
    if (strcmp(line, expected) != 0)
        fail_msg("line %zu is\n\"%s\"\nexpected\n\"%s\"\nin:\n%s", i, line, expected, text);
    free(line);
}

/* The denied operation as JSON text, built so the SQL needs no hand escaping. */
static char *denied_operation(void)
{
    char sql[512];
    snprintf(sql, sizeof sql, "%s\n%s\n%s", DENIED_SQL_LINE1, DENIED_SQL_LINE2, DENIED_SQL_LINE3);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "operation", "select");
    cJSON_AddStringToObject(root, "sql", sql);
    cJSON *params = cJSON_AddObjectToObject(root, "parameters");
    cJSON_AddStringToObject(params, "the_name", "x");
    cJSON *scope = cJSON_AddObjectToObject(root, "scope");
    cJSON_AddStringToObject(scope, "data_source_uid", DS_A);
    cJSON *tables = cJSON_AddArrayToObject(scope, "tables");
    cJSON *t = cJSON_CreateObject();
    cJSON_AddStringToObject(t, "meta_table_uid", UID_ACCOUNT);
    cJSON_AddStringToObject(t, "alias", "a");
    cJSON_AddStringToObject(t, "access", "read");
    cJSON_AddItemToArray(tables, t);
    cJSON *limits = cJSON_AddObjectToObject(root, "limits");
    cJSON_AddNumberToObject(limits, "max_rows", 10);
    cJSON_AddNumberToObject(limits, "statement_timeout_ms", 1000);
    char *text = cJSON_Print(root); /* formatted: the CLI reads any JSON layout */
    cJSON_Delete(root);
    assert_non_null(text);
    char *copy = strdup(text);
    cJSON_free(text);
    return copy;
}

/* Byte offset and character column (1-based) of `needle` in `line`. */
static long column_of(const char *line, const char *needle, long *offset)
{
    const char *at = strstr(line, needle);
    assert_non_null(at);
    long col = 1;
    for (const char *p = line; p < at; p++)
        col += ((unsigned char)*p & 0xC0) != 0x80;
    if (offset)
        *offset = (long)(at - line);
    return col;
}

/* ---- usage --------------------------------------------------------------------------------- */

static void test_cli__help(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "--help");
    assert_status(&r, 0);
    assert_contains(r.out, "usage: sqlguard");
    assert_contains(r.out, "check");
    assert_contains(r.out, "rules");
    assert_contains(r.out, "0 every operation allowed");
    assert_contains(r.out, "1 at least one denied");
    assert_contains(r.out, "2 the command could not do its job");
    assert_string_equal(r.err, "");
    free_result(&r);

    r = RUN(NULL, "-h");
    assert_status(&r, 0);
    assert_contains(r.out, "usage: sqlguard");
    free_result(&r);
}

static void test_cli__check_help(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "check", "--help");
    assert_status(&r, 0);
    assert_contains(r.out, "usage: sqlguard check --catalog FILE");
    assert_contains(r.out, "--catalog FILE");
    assert_contains(r.out, "--format text|json");
    assert_contains(r.out, "0 every operation allowed");
    assert_contains(r.out, "1 at least one denied");
    assert_contains(r.out, "2 the command could not do its job");
    assert_string_equal(r.err, "");
    free_result(&r);
}

static void test_cli__no_arguments(void **state)
{
    (void)state;
    run_result r = run_cli(NULL, (const char *const[]){NULL});
    assert_status(&r, 2);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "usage: sqlguard");
    free_result(&r);
}

static void test_cli__unknown_command(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "frobnicate");
    assert_status(&r, 2);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "unknown command 'frobnicate'");
    free_result(&r);
}

static void test_cli__bad_check_usage(void **state)
{
    (void)state;
    char *op = temp_file(sg_test_seed_select);
    run_result r = RUN(NULL, "check", op);
    assert_status(&r, 2);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "--catalog FILE is required");
    free_result(&r);

    r = RUN(NULL, "check", "--catalog");
    assert_status(&r, 2);
    assert_contains(r.err, "--catalog needs a value");
    free_result(&r);

    r = RUN(NULL, "check", "--catalog", CATALOG);
    assert_status(&r, 2);
    assert_contains(r.err, "no operation given");
    free_result(&r);

    r = RUN(NULL, "check", "--catalog", CATALOG, "--format", "xml", op);
    assert_status(&r, 2);
    assert_contains(r.err, "--format must be text or json");
    free_result(&r);

    r = RUN(NULL, "check", "--catalog", CATALOG, "--verbose", op);
    assert_status(&r, 2);
    assert_contains(r.err, "unknown option --verbose");
    free_result(&r);
    remove_temp(op);
}

static void test_cli__missing_catalog_file(void **state)
{
    (void)state;
    static const char missing[] = "/tmp/sqlguard-test-no-such-dir/catalog.json";
    char *op = temp_file(sg_test_seed_select);
    run_result r = RUN(NULL, "check", "--catalog", missing, op);
    assert_status(&r, 2);
    assert_string_equal(r.out, "");
    assert_contains(r.err, missing);
    assert_contains(r.err, "No such file or directory");
    free_result(&r);
    remove_temp(op);
}

static void test_cli__bad_catalog(void **state)
{
    (void)state;
    char *catalog = temp_file("{\"data_sources\":[{\"uid\":\"d\",\"engine\":\"mysql\","
                              "\"default_schema\":\"public\"}],\"meta_tables\":[]}");
    char *op = temp_file(sg_test_seed_select);
    run_result r = RUN(NULL, "check", "--catalog", catalog, op);
    assert_status(&r, 2);
    assert_string_equal(r.out, "");
    assert_contains(r.err, catalog);
    assert_contains(r.err, "data_sources[0].engine");
    free_result(&r);
    remove_temp(catalog);

    catalog = temp_file("{\"data_sources\": [,]}");
    r = RUN(NULL, "check", "--catalog=", op);
    assert_status(&r, 2);
    free_result(&r);
    r = RUN(NULL, "check", "--catalog", catalog, "--format", "json", op);
    assert_status(&r, 2);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "invalid JSON at line 1, column 19");
    free_result(&r);
    remove_temp(catalog);
    remove_temp(op);
}

/* `sqlguard check` of the seed select under a policy: status, and a needle in
 * standard output (status 1) or standard error (status 2). */
static void check_under_policy(const char *policy_json, int status, const char *needle)
{
    char *op = temp_file(sg_test_seed_select), *policy = temp_file(policy_json);
    run_result r = RUN(NULL, "check", "--catalog", CATALOG, "--policy", policy, op);
    assert_status(&r, status);
    assert_contains(status == 2 ? r.err : r.out, needle);
    if (status == 2)
        assert_string_equal(r.out, "");
    free_result(&r);
    remove_temp(policy);
    remove_temp(op);
}

static void test_cli__policy_limits(void **state)
{
    (void)state;
    check_under_policy("{\"limits\":{\"max_sql_bytes\":30}}", 1,
                       "[op.invalid] sql is 153 bytes, over the limit of 30");
    check_under_policy("{\"limits\":{\"max_catalog_tables\":1}}", 2,
                       "meta_tables is over the limit of 1");
    check_under_policy("{\"limits\":{\"max_parameters\":70000}}", 2,
                       "limits.max_parameters must be an integer from 1 to 65535");
}

static void test_cli__unreadable_operation_file(void **state)
{
    (void)state;
    static const char missing[] = "/tmp/sqlguard-test-no-such-dir/op.json";
    run_result r = RUN(NULL, "check", "--catalog", CATALOG, missing);
    assert_status(&r, 2);
    assert_contains(r.err, missing);
    assert_contains(r.err, "No such file or directory");
    free_result(&r);

    /* a directory opens but does not read */
    r = RUN(NULL, "check", "--catalog", CATALOG, "/tmp");
    assert_status(&r, 2);
    assert_contains(r.err, "/tmp");
    free_result(&r);

    /* The readable operations are still judged, and 2 wins over 0 and 1. */
    char *ok = temp_file(sg_test_seed_select);
    char *denied_text = denied_operation();
    char *denied = temp_file(denied_text);
    free(denied_text);
    r = RUN(NULL, "check", "--catalog", CATALOG, "--format", "json", ok, missing, denied);
    assert_status(&r, 2);
    assert_int_equal(count_lines(r.out), 2);
    assert_contains(r.err, missing);
    free_result(&r);
    r = RUN(NULL, "check", "--catalog", CATALOG, denied, missing);
    assert_status(&r, 2);
    free_result(&r);
    remove_temp(ok);
    remove_temp(denied);
}

/* ---- verdicts as text ---------------------------------------------------------------------- */

static void test_cli__seed_operations_are_allowed(void **state)
{
    (void)state;
    char *insert = temp_file(sg_test_seed_insert), *select = temp_file(sg_test_seed_select);
    run_result r = RUN(NULL, "check", "--catalog", CATALOG, insert, select);
    assert_status(&r, 0);
    char want[256];
    snprintf(want, sizeof want, "%s: allowed (insert, 0 warnings)", insert);
    assert_line(r.out, 0, want);
    snprintf(want, sizeof want, "%s: allowed (select, 0 warnings)", select);
    assert_line(r.out, 1, want);
    assert_int_equal(count_lines(r.out), 2);
    assert_string_equal(r.err, "");
    free_result(&r);

    r = RUN(NULL, "check", "--catalog=" CATALOG, "--format=text", insert);
    assert_status(&r, 0);
    assert_contains(r.out, "allowed");
    free_result(&r);
    remove_temp(insert);
    remove_temp(select);
}

static void test_cli__denied_operation_text(void **state)
{
    (void)state;
    char *text = denied_operation();
    char *op = temp_file(text);
    free(text);
    run_result r = RUN(NULL, "check", "--catalog", CATALOG, op);
    assert_status(&r, 1);
    assert_string_equal(r.err, "");

    long col = column_of(DENIED_SQL_LINE2, "sdk_examples_secret", NULL);
    assert_int_equal(col, 80); /* 82 bytes in: after a two- and a three-byte character */
    char want[512];
    snprintf(want, sizeof want,
             "%s:2:%ld: error [scope.table-not-declared] relation public.sdk_examples_secret is "
             "not in the declared scope",
             op, col);
    assert_line(r.out, 0, want);
    /* the SQL line, indented */
    snprintf(want, sizeof want, "    %s", DENIED_SQL_LINE2);
    assert_line(r.out, 1, want);
    /* the caret: one space per character before the spot */
    memset(want, ' ', sizeof want);
    snprintf(want + 4 + col - 1, sizeof want - (size_t)(4 + col - 1), "^");
    assert_line(r.out, 2, want);
    snprintf(want, sizeof want, "%s: denied (1 error, 0 warnings)", op);
    assert_line(r.out, 3, want);
    assert_int_equal(count_lines(r.out), 4);
    free_result(&r);
    remove_temp(op);
}

static void test_cli__caret_on_the_first_and_last_lines(void **state)
{
    (void)state;
    /* A syntax error at the very start of line 1, and a multi-byte one at the end of line 3. */
    char *op = temp_file("{\"operation\":\"select\",\"sql\":\"SELEKT 1\",\"parameters\":{},"
                         "\"scope\":{\"data_source_uid\":\"" DS_A "\",\"tables\":[]},"
                         "\"limits\":{\"max_rows\":1,\"statement_timeout_ms\":1}}");
    run_result r = RUN(NULL, "check", "--catalog", CATALOG, op);
    assert_status(&r, 1);
    char want[512];
    snprintf(want, sizeof want, "%s:1:1: error [sql.syntax] syntax error at or near \"SELEKT\"",
             op);
    assert_line(r.out, 0, want);
    assert_line(r.out, 1, "    SELEKT 1");
    assert_line(r.out, 2, "    ^");
    free_result(&r);
    remove_temp(op);

    op = temp_file("{\"operation\":\"select\",\"sql\":\"SELECT uid\\nFROM sdk_examples_account\\n"
                   "ORDER BY \xc3\xa9\xc3\xa9 uid\",\"parameters\":{},"
                   "\"scope\":{\"data_source_uid\":\"" DS_A "\",\"tables\":[{\"meta_table_uid\":"
                   "\"" UID_ACCOUNT "\",\"alias\":\"a\",\"access\":\"read\"}]},"
                   "\"limits\":{\"max_rows\":1,\"statement_timeout_ms\":1}}");
    r = RUN(NULL, "check", "--catalog", CATALOG, op);
    assert_status(&r, 1);
    snprintf(want, sizeof want, "%s:3:13: error [sql.syntax] syntax error at or near \"uid\"", op);
    assert_line(r.out, 0, want);
    assert_line(r.out, 1, "    ORDER BY \xc3\xa9\xc3\xa9 uid");
    assert_line(r.out, 2, "                ^");
    free_result(&r);
    remove_temp(op);
}

static void test_cli__diagnostics_without_a_place(void **state)
{
    (void)state;
    char *op = temp_file("{\"operation\":\"drop\"}");
    run_result r = RUN(NULL, "check", "--catalog", CATALOG, op);
    /* a malformed operation is a verdict that denies, not a failure of the command */
    assert_status(&r, 1);
    char want[256];
    snprintf(want, sizeof want,
             "%s: error [op.invalid] operation \"drop\" is not one of select, insert, update, "
             "delete, merge",
             op);
    assert_line(r.out, 0, want);
    free_result(&r);
    remove_temp(op);

    op = temp_file("this is not JSON");
    r = RUN(NULL, "check", "--catalog", CATALOG, op);
    assert_status(&r, 1);
    assert_contains(r.out, "error [op.invalid] the operation is not valid JSON");
    snprintf(want, sizeof want, "%s: denied (1 error, 0 warnings)", op);
    assert_line(r.out, 1, want);
    free_result(&r);
    remove_temp(op);
}

static void test_cli__warnings_do_not_deny(void **state)
{
    (void)state;
    char *op = temp_file(
        "{\"operation\":\"select\",\"sql\":\"SELECT uid FROM sdk_examples_account ORDER BY uid\","
        "\"parameters\":{},\"scope\":{\"data_source_uid\":\"" DS_A "\",\"tables\":["
        "{\"meta_table_uid\":\"" UID_ACCOUNT "\",\"alias\":\"a\",\"access\":\"read\"},"
        "{\"meta_table_uid\":\"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b03\",\"alias\":\"c\","
        "\"access\":\"read\"}]},\"limits\":{\"max_rows\":1,\"statement_timeout_ms\":1}}");
    run_result r = RUN(NULL, "check", "--catalog", CATALOG, op);
    assert_status(&r, 0);
    char want[256];
    snprintf(want, sizeof want,
             "%s: warning [scope.unused-table] scoped table public.sdk_examples_counterparty "
             "(alias c) is never touched by the SQL",
             op);
    assert_line(r.out, 0, want);
    snprintf(want, sizeof want, "%s: allowed (select, 1 warning)", op);
    assert_line(r.out, 1, want);
    free_result(&r);
    remove_temp(op);
}

/* ---- verdicts as JSON ---------------------------------------------------------------------- */

static cJSON *get(const cJSON *object, const char *key)
{
    cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    if (!item)
        fail_msg("no key \"%s\"", key);
    return item;
}

/* Checks the shape of one verdict line and returns it parsed. */
static cJSON *parse_verdict(const char *line)
{
    cJSON *v = cJSON_Parse(line);
    if (!v)
        fail_msg("verdict line does not parse: %s", line);
    assert_true(cJSON_IsObject(v));
    assert_true(cJSON_IsBool(get(v, "allowed")));
    assert_true(cJSON_IsString(get(v, "operation")));
    assert_true(cJSON_IsArray(get(v, "diagnostics")));
    assert_true(cJSON_IsArray(get(v, "tables")));
    cJSON *compiled = get(v, "compiled_sql");
    assert_true(cJSON_IsString(compiled) || cJSON_IsNull(compiled));
    assert_true(cJSON_IsArray(get(v, "parameters")));
    const cJSON *d;
    bool any_error = false;
    cJSON_ArrayForEach(d, get(v, "diagnostics"))
    {
        assert_true(cJSON_IsString(get(d, "rule")));
        const char *sev = get(d, "severity")->valuestring;
        assert_true(strcmp(sev, "error") == 0 || strcmp(sev, "warning") == 0);
        any_error |= strcmp(sev, "error") == 0;
        assert_true(cJSON_IsString(get(d, "message")));
        const cJSON *loc = cJSON_GetObjectItemCaseSensitive(d, "location");
        if (loc) {
            assert_true(cJSON_IsNumber(get(loc, "offset")));
            assert_true(cJSON_IsNumber(get(loc, "line")));
            assert_true(cJSON_IsNumber(get(loc, "column")));
        }
    }
    /* allowed is true exactly when no diagnostic is an error */
    assert_int_equal(cJSON_IsTrue(get(v, "allowed")), !any_error);
    return v;
}

static void test_cli__json_format(void **state)
{
    (void)state;
    char *insert = temp_file(sg_test_seed_insert), *select = temp_file(sg_test_seed_select);
    char *denied_text = denied_operation();
    char *denied = temp_file(denied_text);
    free(denied_text);
    run_result r =
        RUN(NULL, "check", "--catalog", CATALOG, "--format", "json", insert, denied, select);
    assert_status(&r, 1);
    assert_string_equal(r.err, "");
    assert_int_equal(count_lines(r.out), 3);

    /* one verdict per operation, in the order given */
    char *line = line_at(r.out, 0);
    cJSON *v = parse_verdict(line);
    free(line);
    assert_true(cJSON_IsTrue(get(v, "allowed")));
    assert_string_equal(get(v, "operation")->valuestring, "insert");
    assert_int_equal(cJSON_GetArraySize(get(v, "diagnostics")), 0);
    assert_string_equal(
        get(v, "compiled_sql")->valuestring,
        "INSERT INTO public.sdk_examples_account\n    (account_code, name, region)\n"
        "VALUES\n    ($1, $2, $3)\nON CONFLICT (account_code) DO UPDATE SET\n"
        "    name = EXCLUDED.name,\n    region = EXCLUDED.region\nRETURNING uid, "
        "account_code, name, region\n");
    cJSON *params = get(v, "parameters");
    assert_int_equal(cJSON_GetArraySize(params), 3);
    assert_string_equal(cJSON_GetArrayItem(params, 0)->valuestring, "ACME");
    assert_string_equal(cJSON_GetArrayItem(params, 1)->valuestring, "Acme Capital");
    assert_string_equal(cJSON_GetArrayItem(params, 2)->valuestring, "US");
    cJSON *t = cJSON_GetArrayItem(get(v, "tables"), 0);
    assert_non_null(t);
    assert_string_equal(get(t, "meta_table_uid")->valuestring, UID_ACCOUNT);
    assert_string_equal(get(t, "declared")->valuestring, "write");
    assert_string_equal(get(t, "required")->valuestring, "write");
    cJSON_Delete(v);

    line = line_at(r.out, 1);
    v = parse_verdict(line);
    free(line);
    assert_false(cJSON_IsTrue(get(v, "allowed")));
    assert_string_equal(get(v, "operation")->valuestring, "select");
    cJSON *diags = get(v, "diagnostics");
    assert_int_equal(cJSON_GetArraySize(diags), 1);
    cJSON *d = cJSON_GetArrayItem(diags, 0);
    assert_string_equal(get(d, "rule")->valuestring, "scope.table-not-declared");
    assert_string_equal(get(d, "severity")->valuestring, "error");
    assert_string_equal(get(d, "message")->valuestring,
                        "relation public.sdk_examples_secret is not in the declared scope");
    long in_line;
    long col = column_of(DENIED_SQL_LINE2, "sdk_examples_secret", &in_line);
    cJSON *loc = get(d, "location");
    assert_int_equal((long)get(loc, "offset")->valuedouble,
                     (long)strlen(DENIED_SQL_LINE1) + 1 + in_line);
    assert_int_equal((long)get(loc, "line")->valuedouble, 2);
    assert_int_equal((long)get(loc, "column")->valuedouble, col);
    params = get(v, "parameters");
    assert_int_equal(cJSON_GetArraySize(params), 1);
    assert_string_equal(cJSON_GetArrayItem(params, 0)->valuestring, "x");
    assert_contains(get(v, "compiled_sql")->valuestring, "a.name = $1 AND");
    cJSON_Delete(v);

    line = line_at(r.out, 2);
    v = parse_verdict(line);
    free(line);
    assert_true(cJSON_IsTrue(get(v, "allowed")));
    assert_string_equal(get(v, "operation")->valuestring, "select");
    params = get(v, "parameters");
    assert_int_equal(cJSON_GetArraySize(params), 2);
    assert_string_equal(cJSON_GetArrayItem(params, 0)->valuestring, "US");
    assert_true(cJSON_GetArrayItem(params, 1)->valuedouble == 50);
    cJSON_Delete(v);
    free_result(&r);

    /* a malformed operation still gets a verdict line */
    char *bad = temp_file("[]");
    r = RUN(NULL, "check", "--catalog", CATALOG, "--format=json", bad);
    assert_status(&r, 1);
    assert_int_equal(count_lines(r.out), 1);
    v = parse_verdict(r.out);
    assert_string_equal(get(v, "operation")->valuestring, "");
    assert_true(cJSON_IsNull(get(v, "compiled_sql")));
    d = cJSON_GetArrayItem(get(v, "diagnostics"), 0);
    assert_string_equal(get(d, "rule")->valuestring, "op.invalid");
    assert_null(cJSON_GetObjectItemCaseSensitive(d, "location"));
    cJSON_Delete(v);
    free_result(&r);

    remove_temp(bad);
    remove_temp(insert);
    remove_temp(select);
    remove_temp(denied);
}

static void test_cli__mixed_allowed_and_denied(void **state)
{
    (void)state;
    char *select = temp_file(sg_test_seed_select);
    char *denied_text = denied_operation();
    char *denied = temp_file(denied_text);
    free(denied_text);
    run_result r = RUN(NULL, "check", "--catalog", CATALOG, select, denied);
    assert_status(&r, 1);
    free_result(&r);
    r = RUN(NULL, "check", "--catalog", CATALOG, denied, select);
    assert_status(&r, 1);
    char want[256];
    snprintf(want, sizeof want, "%s: allowed (select, 0 warnings)", select);
    assert_contains(r.out, want);
    free_result(&r);
    remove_temp(select);
    remove_temp(denied);
}

/* An operation's JSON on one line (the seed texts break lines only between tokens). */
static char *one_line(const char *json)
{
    char *s = strdup(json);
    assert_non_null(s);
    for (char *p = s; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return s;
}

static void test_cli__ndjson_stream(void **state)
{
    (void)state;
    char *ins = one_line(sg_test_seed_insert), *sel = one_line(sg_test_seed_select);
    char *denied = one_line("{\"operation\":\"select\",\"sql\":\"SELECT 1\"}");
    size_t size = strlen(ins) + strlen(sel) + strlen(denied) + 64;
    char *input = malloc(size);
    assert_non_null(input);
    /* a blank line (spaces and tabs too) is skipped; CRLF is fine; the last line has no
     * newline */
    snprintf(input, size, "%s\n\n  \t \n%s\r\n \r\n%s", ins, denied, sel);
    run_result r = RUN(input, "check", "--catalog", CATALOG, "--ndjson");
    assert_status(&r, 1);
    assert_int_equal(count_lines(r.out), 3);
    char *l0 = line_at(r.out, 0), *l1 = line_at(r.out, 1), *l2 = line_at(r.out, 2);
    assert_contains(l0, "{\"allowed\":true,\"operation\":\"insert\"");
    assert_contains(l1, "{\"allowed\":false,");
    assert_contains(l1, "op.invalid");
    assert_contains(l2, "{\"allowed\":true,\"operation\":\"select\"");
    free(l0);
    free(l1);
    free(l2);
    assert_string_equal(r.err, "");
    free_result(&r);

    /* a line over the operation limit is denied without being held in memory whole, and
     * the verdicts stay paired with their lines */
    char *policy = temp_file("{\"limits\":{\"max_operation_bytes\":600}}");
    size_t big = 3u << 20;
    char *long_input = malloc(big + size);
    assert_non_null(long_input);
    memset(long_input, ' ', big);
    long_input[0] = '{';
    snprintf(long_input + big, size, "}\n%s\n", sel);
    r = RUN(long_input, "check", "--catalog", CATALOG, "--policy", policy, "--ndjson");
    assert_status(&r, 1);
    assert_int_equal(count_lines(r.out), 2);
    l0 = line_at(r.out, 0);
    l1 = line_at(r.out, 1);
    assert_contains(l0, "the operation is 601 bytes, over the limit of 600");
    assert_contains(l1, "{\"allowed\":true,\"operation\":\"select\"");
    free(l0);
    free(l1);
    char want[160];
    snprintf(want, sizeof want,
             "sqlguard: <stdin>:1: the line is %zu bytes; only the first 601 were read (the "
             "operation limit is 600)",
             big + 1);
    assert_contains(r.err, want);
    free_result(&r);
    remove_temp(policy);
    free(long_input);

    /* lines read in blocks: hundreds of them, some across the reader's block
     * boundaries, each verdict on its own line in order */
    size_t lines = 600, each = strlen(ins) + strlen(denied) + 4;
    char *many = malloc(lines * each + 1);
    assert_non_null(many);
    size_t n = 0;
    for (size_t i = 0; i < lines; i++)
        n += (size_t)sprintf(many + n, "%s%s\n", i % 3 == 1 ? denied : ins, i % 5 == 4 ? "\r" : "");
    assert_true(n > 4 * 65536);
    r = RUN(many, "check", "--catalog", CATALOG, "--ndjson");
    assert_status(&r, 1);
    assert_int_equal(count_lines(r.out), lines);
    const char *at = r.out;
    for (size_t i = 0; i < lines; i++, at = strchr(at, '\n') + 1) {
        const char *head =
            i % 3 == 1 ? "{\"allowed\":false," : "{\"allowed\":true,\"operation\":\"insert\"";
        assert_memory_equal(at, head, strlen(head));
    }
    assert_string_equal(r.err, "");
    free_result(&r);
    free(many);
    free(input);
    free(ins);
    free(sel);
    free(denied);
}

/* Stream mode as a gateway runs it beside itself: one operation written, its
 * verdict read back while the input stays open, then the next. */
/* Options may follow the operations, as in lint; standard input is read once, so a second
 * reader of it (which would find it empty: a stream of no operations, all allowed) is a usage
 * error. */
static void test_cli__check_arguments_anywhere_stdin_once(void **state)
{
    (void)state;
    char *op = temp_file(sg_test_seed_select);
    run_result r = RUN(NULL, "check", op, "--catalog", CATALOG, "--format", "json");
    assert_status(&r, 0);
    assert_contains(r.out, "{\"allowed\":true,\"operation\":\"select\"");
    assert_string_equal(r.err, "");
    free_result(&r);
    /* after --, everything is an operation */
    r = RUN(NULL, "check", "--catalog", CATALOG, "--", "--format");
    assert_status(&r, 2);
    assert_contains(r.err, "--format");
    free_result(&r);
    char *catalog = slurp_ok(CATALOG);
    static const char *const twice[][6] = {
        {"check", "--catalog", "-", "--ndjson", NULL},
        {"check", "--catalog", "-", "-", NULL},
        {"check", "--catalog", CATALOG, "--policy", "-", "--ndjson"},
        {"check", "--catalog", CATALOG, "-", "-", NULL},
        {"check", "--catalog", "/dev/stdin", "--ndjson", NULL},
    };
    for (size_t i = 0; i < sizeof twice / sizeof twice[0]; i++) {
        const char *args[8] = {0};
        for (size_t k = 0; k < 6 && twice[i][k]; k++)
            args[k] = twice[i][k];
        r = run_cli(catalog, args);
        assert_status(&r, 2);
        assert_contains(r.err, "standard input can be read once");
        assert_string_equal(r.out, "");
        free_result(&r);
    }
    free(catalog);
    remove_temp(op);
}

static void test_cli__ndjson_answers_each_line(void **state)
{
    (void)state;
    int to[2], from[2];
    assert_int_equal(pipe(to), 0);
    assert_int_equal(pipe(from), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (dup2(to[0], 0) < 0 || dup2(from[1], 1) < 0)
            _exit(127);
        close(to[0]);
        close(to[1]);
        close(from[0]);
        close(from[1]);
        execl(SG_CLI_PATH, "sqlguard", "check", "--catalog", CATALOG, "--ndjson", (char *)NULL);
        _exit(127);
    }
    close(to[0]);
    close(from[1]);
    char *sel = one_line(sg_test_seed_select);
    size_t len = strlen(sel);
    for (int round = 1; round <= 3; round++) {
        assert_true(write(to[1], sel, len) == (ssize_t)len && write(to[1], "\n", 1) == 1);
        char buf[8192];
        size_t n = 0;
        while (n == 0 || buf[n - 1] != '\n') {
            struct pollfd p = {from[0], POLLIN, 0};
            if (poll(&p, 1, 30000) <= 0) {
                kill(pid, SIGKILL);
                waitpid(pid, NULL, 0);
                fail_msg("no verdict for line %d while the input stays open", round);
            }
            ssize_t got = read(from[0], buf + n, sizeof buf - 1 - n);
            assert_true(got > 0);
            n += (size_t)got;
            assert_true(n < sizeof buf - 1);
        }
        buf[n] = '\0';
        assert_non_null(strstr(buf, "{\"allowed\":true,\"operation\":\"select\""));
        assert_int_equal(count_lines(buf), 1);
    }
    close(to[1]);
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    assert_true(WIFEXITED(wstatus));
    assert_int_equal(WEXITSTATUS(wstatus), 0);
    close(from[0]);
    free(sel);
}

static void test_cli__stdin(void **state)
{
    (void)state;
    run_result r = RUN(sg_test_seed_insert, "check", "--catalog", CATALOG, "-");
    assert_status(&r, 0);
    assert_string_equal(r.out, "<stdin>: allowed (insert, 0 warnings)\n");
    free_result(&r);

    char *denied_text = denied_operation();
    r = RUN(denied_text, "check", "--catalog", CATALOG, "--format", "json", "-");
    free(denied_text);
    assert_status(&r, 1);
    assert_int_equal(count_lines(r.out), 1);
    cJSON *v = parse_verdict(r.out);
    assert_false(cJSON_IsTrue(get(v, "allowed")));
    cJSON_Delete(v);
    free_result(&r);

    r = RUN("", "check", "--catalog", CATALOG, "-");
    assert_status(&r, 1);
    assert_contains(r.out, "<stdin>: error [op.invalid]");
    free_result(&r);
}

/* ---- rules, version ------------------------------------------------------------------------ */

/* The line of `text` that lists rule `id`, copied; fails when there is none. */
static char *rule_line(const char *text, const char *id)
{
    for (size_t i = 0;; i++) {
        char *line = line_at(text, i);
        if (!line)
            fail_msg("rule %s is not listed in:\n%s", id, text);
        if (strncmp(line, id, strlen(id)) == 0 && line[strlen(id)] == ' ')
            return line;
        free(line);
    }
}

static const char *default_severity(const char *id)
{
    static const char *const warnings[] = {"scope.unused-table",
                                           "paginate.limit-without-order-by",
                                           "paginate.order-by-unique",
                                           "style.select-star",
                                           "style.insert-column-list",
                                           "style.literal-in-predicate",
                                           "column.unlisted",
                                           "dml.missing-where",
                                           "stmt.row-lock",
                                           "stmt.data-modifying-cte"};
    for (size_t i = 0; i < sizeof warnings / sizeof warnings[0]; i++)
        if (strcmp(id, warnings[i]) == 0)
            return "warning";
    return "error";
}

static void test_cli__rules(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "rules");
    assert_status(&r, 0);
    /* a line per rule, and an indented line per option (func.denied has 3,
     * naming.table-prefix 1, limits.bounds 2, type.denied 1, func.resource-bound 3,
     * column.denied 1) */
    assert_int_equal(count_lines(r.out), RULE_COUNT + 11);
    assert_non_null(strstr(r.out, "option max_work:"));
    assert_non_null(strstr(r.out, "option allow:"));
    assert_non_null(strstr(r.out, "option max_rows:"));
    for (size_t i = 0; i < RULE_COUNT; i++) {
        /* the id, then its default severity, then a summary */
        char *line = rule_line(r.out, RULE_IDS[i]);
        char *rest = line + strlen(RULE_IDS[i]);
        rest += strspn(rest, " ");
        assert_true(strncmp(rest, default_severity(RULE_IDS[i]),
                            strlen(default_severity(RULE_IDS[i]))) == 0);
        rest += strlen(default_severity(RULE_IDS[i]));
        rest += strspn(rest, " ");
        assert_true(strlen(rest) > 10);
        free(line);
    }
    free_result(&r);
}

static void test_cli__rules_json(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "rules", "--format", "json");
    assert_status(&r, 0);
    cJSON *rules = cJSON_Parse(r.out);
    assert_non_null(rules);
    assert_true(cJSON_IsArray(rules));
    assert_int_equal(cJSON_GetArraySize(rules), RULE_COUNT);
    /* every id once, with its default severity and a summary */
    for (size_t k = 0; k < RULE_COUNT; k++) {
        size_t seen = 0;
        const cJSON *rule;
        cJSON_ArrayForEach(rule, rules)
        {
            if (strcmp(get(rule, "id")->valuestring, RULE_IDS[k]) != 0)
                continue;
            seen++;
            assert_string_equal(get(rule, "severity")->valuestring, default_severity(RULE_IDS[k]));
            assert_true(cJSON_IsString(get(rule, "summary")));
            assert_true(strlen(get(rule, "summary")->valuestring) > 10);
        }
        if (seen != 1)
            fail_msg("rule %s is listed %zu times", RULE_IDS[k], seen);
    }
    /* the library lists the same table, in the same order */
    assert_int_equal(sg_rule_count(), RULE_COUNT);
    size_t i = 0;
    const cJSON *rule;
    cJSON_ArrayForEach(rule, rules)
    {
        assert_string_equal(sg_rule_id(i), get(rule, "id")->valuestring);
        assert_string_equal(sg_rule_summary(i), get(rule, "summary")->valuestring);
        assert_int_equal(sg_rule_default_severity(i),
                         strcmp(get(rule, "severity")->valuestring, "warning") == 0
                             ? SG_SEVERITY_WARNING
                             : SG_SEVERITY_ERROR);
        i++;
    }
    cJSON_Delete(rules);
    free_result(&r);

    r = RUN(NULL, "rules", "--format=json");
    assert_status(&r, 0);
    rules = cJSON_Parse(r.out);
    assert_int_equal(cJSON_GetArraySize(rules), RULE_COUNT);
    cJSON_Delete(rules);
    free_result(&r);

    r = RUN(NULL, "rules", "--format", "yaml");
    assert_status(&r, 2);
    free_result(&r);
}

static void test_cli__version(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "--version");
    assert_status(&r, 0);
    assert_string_equal(r.out, "sqlguard 0.1.0 (library 0.1.0, ABI 0; PostgreSQL 15.1 grammar)\n");
    const sg_version_info *v = sg_version();
    char *want = sg_test_printf("sqlguard %s (library %s, ABI %u; PostgreSQL %s grammar)\n",
                                SG_VERSION_STRING, v->version, v->abi, v->pg_version);
    assert_string_equal(r.out, want);
    assert_int_equal(v->major * 10000 + v->minor * 100 + v->patch, 100);
    assert_int_equal(v->pg_version_num / 10000, 15);
    assert_string_equal(r.err, "");
    free_result(&r);
    /* every command and subcommand answers --version alike, wherever it stands */
    const char *const *asks[] = {
        (const char *const[]){"check", "--version", NULL},
        (const char *const[]){"exec", "--version", NULL},
        (const char *const[]){"lint", "--version", NULL},
        (const char *const[]){"rules", "--version", NULL},
        (const char *const[]){"catalog", "--version", NULL},
        (const char *const[]){"catalog", "pull", "--version", NULL},
        (const char *const[]){"catalog", "diff", "--version", NULL},
        (const char *const[]){"catalog", "from-sql", "--version", NULL},
        (const char *const[]){"catalog", "hash", "--catalog", "x.json", "--version", NULL},
    };
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
        r = run_cli(NULL, asks[i]);
        assert_status(&r, 0);
        assert_string_equal(r.out, want);
        free_result(&r);
    }
    free(want);
}

/* A usage error is one line that says what is wrong and where the help is,
 * never the whole help text. */
static void test_cli__usage_errors_are_one_line(void **state)
{
    (void)state;
    const struct {
        const char *const *args;
        const char *line;
    } cases[] = {
        {(const char *const[]){NULL},
         "usage: sqlguard <command> [options] (see 'sqlguard --help')\n"},
        {(const char *const[]){"frobnicate", NULL},
         "sqlguard: unknown command 'frobnicate' (see 'sqlguard --help')\n"},
        {(const char *const[]){"check", "--bogus", NULL},
         "sqlguard check: unknown option --bogus (see 'sqlguard check --help')\n"},
        {(const char *const[]){"check", "--catalog", NULL},
         "sqlguard check: --catalog needs a value (see 'sqlguard check --help')\n"},
        {(const char *const[]){"exec", "a.json", "b.json", NULL},
         "sqlguard exec: one operation at a time (see 'sqlguard exec --help')\n"},
        {(const char *const[]){"rules", "--format", "xml", NULL},
         "sqlguard rules: --format must be text, json or markdown (see 'sqlguard rules "
         "--help')\n"},
        {(const char *const[]){"catalog", NULL},
         "sqlguard catalog: name a subcommand: pull, diff, from-sql or hash (see 'sqlguard "
         "catalog --help')\n"},
        {(const char *const[]){"catalog", "hash", NULL},
         "sqlguard catalog hash: --catalog FILE is required (see 'sqlguard catalog hash "
         "--help')\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_result r = run_cli(NULL, cases[i].args);
        assert_status(&r, 2);
        assert_string_equal(r.out, "");
        assert_string_equal(r.err, cases[i].line);
        free_result(&r);
    }
}

/* ---- output that cannot be written --------------------------------------------------------- */

static void test_cli__check_output_that_cannot_be_written(void **state)
{
    (void)state;
    char *op = temp_file(sg_test_seed_select);
    run_result r = run_cli_to("/dev/full", NULL,
                              (const char *const[]){"check", "--catalog", CATALOG, op, NULL});
    /* the verdict was lost: the command did not do its job */
    assert_status(&r, 2);
    free_result(&r);
    r = run_cli_to(
        "/dev/full", NULL,
        (const char *const[]){"check", "--catalog", CATALOG, "--format", "json", op, NULL});
    assert_status(&r, 2);
    free_result(&r);
    remove_temp(op);
}

static void test_cli__rules_output_that_cannot_be_written(void **state)
{
    (void)state;
    // Output that cannot be written (stdout on a full device) is a job not done: exit 2
    // (contract section 5), for every command.
    run_result r = run_cli_to("/dev/full", NULL, (const char *const[]){"rules", NULL});
    int text_status = r.status;
    free_result(&r);
    r = run_cli_to("/dev/full", NULL, (const char *const[]){"rules", "--format", "json", NULL});
    int json_status = r.status;
    free_result(&r);
    assert_int_equal(text_status, 2);
    assert_int_equal(json_status, 2);
}

/* ---- the public API the command line stands on --------------------------------------------- */

static sg_catalog *load_corpus_catalog(void)
{
    sg_catalog *catalog = NULL;
    sg_error err;
    if (sg_catalog_load_file(CATALOG, &catalog, &err) != SG_OK)
        fail_msg("cannot load %s: %s", CATALOG, err.message);
    return catalog;
}

/* Data sources and tables by index, and a data source found by its uid: what
 * `lint --data-source` asks instead of linting "SELECT 1". */
static void test_cli__catalog_queries(void **state)
{
    (void)state;
    sg_catalog *c = load_corpus_catalog();
    assert_int_equal(sg_catalog_data_source_count(c), 2);
    size_t index = 99;
    assert_true(sg_catalog_find_data_source(c, DS_A, &index));
    assert_string_equal(sg_catalog_data_source_uid(c, index), DS_A);
    assert_string_equal(sg_catalog_data_source_default_schema(c, index), "public");
    assert_true(sg_catalog_find_data_source(c, "9c1d2e3f-0000-4000-8000-00000000ds02", NULL));
    assert_false(sg_catalog_find_data_source(c, "nope", &index));
    assert_false(sg_catalog_find_data_source(c, NULL, NULL));
    assert_null(sg_catalog_data_source_uid(c, 2));
    assert_null(sg_catalog_data_source_default_schema(c, 2));

    /* every table once, with its data source, schema and physical name */
    size_t n = sg_catalog_table_count(c), found = 0;
    assert_int_equal(n, 11);
    for (size_t i = 0; i < n; i++) {
        assert_true(sg_catalog_find_data_source(c, sg_catalog_table_data_source_uid(c, i), NULL));
        if (strcmp(sg_catalog_table_uid(c, i), "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b05") == 0) {
            found++;
            assert_string_equal(sg_catalog_table_data_source_uid(c, i), DS_A);
            assert_string_equal(sg_catalog_table_schema(c, i), "ledger");
            assert_string_equal(sg_catalog_table_name(c, i), "sdk_examples_entry");
        }
    }
    assert_int_equal(found, 1);
    assert_null(sg_catalog_table_uid(c, n));
    assert_null(sg_catalog_table_schema(c, n));
    assert_null(sg_catalog_table_name(c, n));
    assert_null(sg_catalog_table_data_source_uid(c, n));
    sg_catalog_free(c);

    /* a NULL catalog has nothing */
    assert_int_equal(sg_catalog_data_source_count(NULL), 0);
    assert_null(sg_catalog_data_source_uid(NULL, 0));
    assert_null(sg_catalog_table_uid(NULL, 0));
    assert_false(sg_catalog_find_data_source(NULL, DS_A, NULL));
}

/* The verdict hands back the operation's own SQL, which diagnostic places
 * point into: `check` prints its lines without parsing the operation again. */
static void test_cli__verdict_sql(void **state)
{
    (void)state;
    sg_catalog *c = load_corpus_catalog();
    char *op = denied_operation();
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(c, op, strlen(op), NULL, &v), SG_OK);
    const char *sql = sg_verdict_sql(v);
    assert_non_null(sql);
    char want[512];
    snprintf(want, sizeof want, "%s\n%s\n%s", DENIED_SQL_LINE1, DENIED_SQL_LINE2, DENIED_SQL_LINE3);
    assert_string_equal(sql, want);
    /* the placeholder is compiled in compiled_sql, never in the original */
    assert_non_null(strstr(sql, "%(the_name)s"));
    assert_null(strstr(sg_verdict_compiled_sql(v), "%(the_name)s"));
    sg_verdict_free(v);
    free(op);

    /* none where the operation had none that could be read */
    static const char *const no_sql[] = {"not JSON", "{\"operation\": \"select\"}",
                                         "{\"operation\": \"select\", \"sql\": 42}"};
    for (size_t i = 0; i < sizeof no_sql / sizeof no_sql[0]; i++) {
        assert_int_equal(sg_check(c, no_sql[i], strlen(no_sql[i]), NULL, &v), SG_OK);
        assert_null(sg_verdict_sql(v));
        sg_verdict_free(v);
    }
    /* linted SQL is its own original */
    assert_int_equal(sg_lint_sql(c, "SELECT 1", 8, NULL, &v), SG_OK);
    assert_string_equal(sg_verdict_sql(v), "SELECT 1");
    sg_verdict_free(v);
    assert_null(sg_verdict_sql(NULL));
    sg_catalog_free(c);
}

/* exec's help states the search path the executor pins: pg_catalog, pg_temp. */
static void test_cli__exec_help_search_path(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "exec", "--help");
    assert_status(&r, 0);
    assert_contains(r.out, "and search_path pinned to pg_catalog, pg_temp;");
    free_result(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test(test_cli__##name)
        T(help),
        T(check_help),
        T(no_arguments),
        T(unknown_command),
        T(usage_errors_are_one_line),
        T(bad_check_usage),
        T(missing_catalog_file),
        T(bad_catalog),
        T(policy_limits),
        T(unreadable_operation_file),
        T(seed_operations_are_allowed),
        T(denied_operation_text),
        T(caret_on_the_first_and_last_lines),
        T(diagnostics_without_a_place),
        T(warnings_do_not_deny),
        T(json_format),
        T(mixed_allowed_and_denied),
        T(stdin),
        T(ndjson_stream),
        T(ndjson_answers_each_line),
        T(check_arguments_anywhere_stdin_once),
        T(rules),
        T(rules_json),
        T(version),
        T(check_output_that_cannot_be_written),
        T(rules_output_that_cannot_be_written),
        T(catalog_queries),
        T(verdict_sql),
        T(exec_help_search_path),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
