/*
 * test_lint.c - `sqlguard lint`, run as a process, and the library call
 * under it, sg_lint_text().
 *
 * The golden tests lint corpus/lint from the source directory (so paths are
 * relative and stable) in every format and compare the output byte for byte
 * with corpus/lint/expected.*; SG_LINT_UPDATE=1 rewrites those files instead,
 * for review. The other tests build small trees in a temporary directory:
 * suppression comments, exit codes, --max-warnings, colour, parallel runs,
 * files that cannot be linted, policy discovery and operation files. The
 * sg_lint_text() tests call the library directly: statements, suppression
 * comments, places in operation files, text that cannot be linted, and the
 * arguments it refuses.
 */
#define _XOPEN_SOURCE 700 /* posix_openpt(), ptsname() */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "lint/lint.h"
#include "sqlguard.h"
#include "util/text.h"

/* Finding `i` of the result, which must have it. */
static sg_lint_finding finding(const sg_lint_result *r, size_t i)
{
    sg_lint_finding f;
    assert_true(sg_lint_result_get_finding(r, i, &f));
    return f;
}

#define LINT_CATALOG SG_SOURCE_DIR "/corpus/lint/catalog.json"

#define CORPUS_ARGS                                                                                \
    "lint", "--catalog", "corpus/lint/catalog.json", "--policy", "corpus/lint/.sqlguard.json",     \
        "--no-timing"

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

static char *slurp_fd(int fd)
{
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        if (cap - len < 4096) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* EOF, or EIO from a pty whose other end closed */
        len += (size_t)n;
    }
    buf[len] = '\0';
    return buf;
}

static char *slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        fail_msg("cannot read %s: %s", path, strerror(errno));
    char *text = slurp_fd(fd);
    close(fd);
    return text;
}

static char *temp_name(const char *what)
{
    char *path = malloc(96);
    assert_non_null(path);
    snprintf(path, 96, "/tmp/sqlguard-lint-%s-XXXXXX", what);
    return path;
}

/*
 * Runs sqlguard with `args` (NULL-terminated, without argv[0]) in directory
 * `cwd`. `env` lists "NAME=VALUE" to set and "NAME" to unset. With `pty`,
 * standard output is a terminal (a pseudo-terminal read back here).
 */
static run_result run_full(const char *cwd, const char *const *env, bool pty,
                           const char *const *args)
{
    char *out_path = temp_name("out"), *err_path = temp_name("err");
    int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
    assert_true(out_fd >= 0 && err_fd >= 0);
    const char *argv[48];
    size_t argc = 0;
    argv[argc++] = "sqlguard";
    for (size_t i = 0; args[i]; i++) {
        assert_true(argc < 47);
        argv[argc++] = args[i];
    }
    argv[argc] = NULL;

    int master = -1;
    const char *slave = NULL;
    if (pty) {
        master = posix_openpt(O_RDWR | O_NOCTTY);
        assert_true(master >= 0);
        assert_int_equal(grantpt(master), 0);
        assert_int_equal(unlockpt(master), 0);
        slave = ptsname(master);
        assert_non_null(slave);
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int out = pty ? open(slave, O_WRONLY | O_NOCTTY) : out_fd;
        int in = open("/dev/null", O_RDONLY);
        if (out < 0 || in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err_fd, 2) < 0)
            _exit(127);
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        for (size_t i = 0; env && env[i]; i++) {
            const char *eq = strchr(env[i], '=');
            if (eq) {
                char name[64];
                snprintf(name, sizeof name, "%.*s", (int)(eq - env[i]), env[i]);
                setenv(name, eq + 1, 1);
            } else {
                unsetenv(env[i]);
            }
        }
        execv(SG_CLI_PATH, (char *const *)argv);
        _exit(127);
    }
    run_result r;
    char *pty_out = pty ? slurp_fd(master) : NULL;
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    r.out = pty ? pty_out : slurp(out_path);
    r.err = slurp(err_path);
    if (master >= 0)
        close(master);
    close(out_fd);
    close(err_fd);
    unlink(out_path);
    unlink(err_path);
    free(out_path);
    free(err_path);
    return r;
}

#define RUN_IN(cwd, ...) run_full(cwd, NULL, false, (const char *const[]){__VA_ARGS__, NULL})

static void assert_contains(const char *haystack, const char *needle)
{
    assert_non_null(haystack);
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static void assert_not_contains(const char *haystack, const char *needle)
{
    assert_non_null(haystack);
    if (strstr(haystack, needle))
        fail_msg("\"%s\" contains \"%s\"", haystack, needle);
}

static void assert_status(const run_result *r, int status)
{
    if (r->status != status)
        fail_msg("exit status %d, expected %d\nstdout:\n%s\nstderr:\n%s", r->status, status, r->out,
                 r->err);
}

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* ---- temporary trees ----------------------------------------------------------------------- */

static char *make_tree(void)
{
    char *dir = temp_name("tree");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_tree(char *dir)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

/* Writes `len` bytes (or strlen(data) for len SIZE_MAX) to dir/name, making
 * the directories on the way. */
static void put_bytes(const char *dir, const char *name, const char *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (char *slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0755);
        *slash = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (len == SIZE_MAX)
        len = strlen(data);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void put(const char *dir, const char *name, const char *text)
{
    put_bytes(dir, name, text, SIZE_MAX);
}

static cJSON *parse_json(const char *text)
{
    cJSON *root = cJSON_Parse(text);
    if (!root)
        fail_msg("not JSON:\n%s", text);
    return root;
}

/* The diagnostics (or, with `suppressed`, the suppressed findings) of the
 * only file of a --format json report. */
static const cJSON *file_items(const cJSON *root, size_t index, bool suppressed)
{
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
    const cJSON *f = cJSON_GetArrayItem(files, (int)index);
    assert_non_null(f);
    return cJSON_GetObjectItemCaseSensitive(f, suppressed ? "suppressed" : "diagnostics");
}

static const cJSON *find_rule(const cJSON *items, const char *rule)
{
    const cJSON *d;
    cJSON_ArrayForEach(d, items)
    {
        const cJSON *r = cJSON_GetObjectItemCaseSensitive(d, "rule");
        if (cJSON_IsString(r) && strcmp(r->valuestring, rule) == 0)
            return d;
    }
    return NULL;
}

static long num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v))
        fail_msg("%s is not a number", key);
    return (long)v->valuedouble;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v))
        fail_msg("%s is not a string", key);
    return v->valuestring;
}

/* A copy of corpus/lint's catalog in the tree, where no policy of the corpus
 * applies to it (each file is linted under its nearest .sqlguard.json) and
 * no walk finds it (a hidden directory). Returns its path in the tree. */
static const char *tree_catalog(const char *dir)
{
    char *text = slurp(SG_SOURCE_DIR "/corpus/lint/catalog.json");
    put(dir, ".cat/catalog.json", text);
    free(text);
    return ".cat/catalog.json";
}

/* ---- golden files -------------------------------------------------------------------------- */

/* Compares the output of a run with corpus/lint/`expected_name` (or
 * rewrites it under SG_LINT_UPDATE). */
static void compare_golden(run_result *r, const char *expected_name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/corpus/lint/%s", SG_SOURCE_DIR, expected_name);
    if (getenv("SG_LINT_UPDATE")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(r->out, f);
        assert_int_equal(fclose(f), 0);
    } else {
        char *expected = slurp(path);
        if (strcmp(expected, r->out) != 0)
            fail_msg("%s differs from the output (SG_LINT_UPDATE=1 rewrites it):\n%s", path,
                     r->out);
        free(expected);
    }
    free_result(r);
}

/* The application's tree (realworld/ has a golden run of its own, without
 * the application's catalog and policy). */
static void golden(const char *format, const char *expected_name)
{
    run_result r =
        run_full(SG_SOURCE_DIR, NULL, false,
                 (const char *const[]){CORPUS_ARGS, "--format", format, "corpus/lint/migrations",
                                       "corpus/lint/ops", "corpus/lint/queries", NULL});
    assert_status(&r, 1);
    assert_string_equal(r.err, "");
    compare_golden(&r, expected_name);
}

/* corpus/lint/realworld, linted as a new user lints a repository: no
 * catalog, no policy, the repository profile and the placeholder style each
 * file writes. Its errors are its real mistakes. */
static void golden_realworld(const char *format, const char *expected_name)
{
    run_result r = run_full(SG_SOURCE_DIR, NULL, false,
                            (const char *const[]){"lint", "--no-timing", "--format", format,
                                                  "corpus/lint/realworld", NULL});
    assert_status(&r, 1);
    compare_golden(&r, expected_name);
}

/* Its tree is as a repository has it: migrations with plpgsql bodies,
 * `$n` query files, a job queue, a psycopg file, generated JSON, a lock
 * file, JSON with comments, nested policies, an ignore file. */
static void test_lint__golden_realworld(void **state)
{
    (void)state;
    golden_realworld("text", "realworld/expected.text");
    golden_realworld("json", "realworld/expected.json");
    golden_realworld("sarif", "realworld/expected.sarif");
    golden_realworld("github", "realworld/expected.github");
    golden_realworld("gitlab", "realworld/expected.gitlab");
    golden_realworld("junit", "realworld/expected.junit");
}

static void test_lint__golden_text(void **state)
{
    (void)state;
    golden("text", "expected.text");
}

static void test_lint__golden_json(void **state)
{
    (void)state;
    golden("json", "expected.json");
}

static void test_lint__golden_sarif(void **state)
{
    (void)state;
    golden("sarif", "expected.sarif");
}

static void test_lint__golden_github(void **state)
{
    (void)state;
    golden("github", "expected.github");
}

static void test_lint__golden_gitlab(void **state)
{
    (void)state;
    golden("gitlab", "expected.gitlab");
    /* every issue has the fields GitLab reads, and fingerprints are unique */
    char *text = slurp(SG_SOURCE_DIR "/corpus/lint/expected.gitlab");
    cJSON *root = parse_json(text);
    assert_true(cJSON_IsArray(root));
    assert_true(cJSON_GetArraySize(root) > 0);
    const cJSON *issue;
    cJSON_ArrayForEach(issue, root)
    {
        str(issue, "description");
        str(issue, "check_name");
        const char *sev = str(issue, "severity");
        assert_true(strcmp(sev, "major") == 0 || strcmp(sev, "minor") == 0);
        const cJSON *loc = cJSON_GetObjectItemCaseSensitive(issue, "location");
        str(loc, "path");
        assert_true(num(cJSON_GetObjectItemCaseSensitive(loc, "lines"), "begin") >= 1);
        const char *fp = str(issue, "fingerprint");
        const cJSON *other;
        size_t same = 0;
        cJSON_ArrayForEach(other, root) same += strcmp(str(other, "fingerprint"), fp) == 0;
        assert_int_equal(same, 1);
    }
    cJSON_Delete(root);
    free(text);
}

static void test_lint__golden_junit(void **state)
{
    (void)state;
    golden("junit", "expected.junit");
    char *text = slurp(SG_SOURCE_DIR "/corpus/lint/expected.junit");
    /* one suite, one test case per file, one failure in each file with
     * errors, which lists them all and counts the others in its message */
    assert_int_equal(count_of(text, "<testsuite "), 1);
    assert_int_equal(count_of(text, "<testcase "), 13);
    assert_int_equal(count_of(text, "<failure "), 9);
    assert_contains(text, "tests=\"13\" failures=\"9\"");
    assert_contains(text, "(and 2 more errors)\">corpus/lint/queries/reports.sql:9:8: error "
                          "[column.unknown]");
    for (const char *p = strstr(text, "<testcase "); p; p = strstr(p + 1, "<testcase ")) {
        const char *end = strstr(p, "</testcase>");
        assert_non_null(end);
        const char *second = strstr(p, "<failure ");
        assert_true(!second || !(second = strstr(second + 1, "<failure ")) || second > end);
    }
    free(text);
}

/* JUnit XML escapes what it must, in names, attributes and text. */
static void test_lint__junit_escapes(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "a&<b>\"'.sql", "SELECT id FROM t WHERE ORDER BY id;\nSELECT * FROM t ORDER BY id;\n");
    run_result r = RUN_IN(dir, "lint", "--no-timing", "--format", "junit", ".");
    assert_status(&r, 1);
    assert_contains(r.out, "name=\"a&amp;&lt;b&gt;&quot;&apos;.sql\"");
    assert_contains(r.out, "<failure type=\"sql.syntax\" message=\"syntax error at or near "
                           "&quot;ORDER&quot;\">a&amp;&lt;b&gt;&quot;&apos;.sql:1:24: error");
    assert_contains(r.out, "<system-out>a&amp;&lt;b&gt;&quot;&apos;.sql:2:8: warning "
                           "[style.select-star]");
    assert_contains(r.out, "tests=\"1\" failures=\"1\"");
    assert_not_contains(r.out, "time=");
    free_result(&r);
    remove_tree(dir);
}

/* The same report whatever the number of workers. */
static void test_lint__jobs_do_not_change_the_report(void **state)
{
    (void)state;
    const char *formats[] = {"text", "json"};
    for (size_t i = 0; i < 2; i++) {
        run_result one = RUN_IN(SG_SOURCE_DIR, CORPUS_ARGS, "--format", formats[i], "--jobs", "1",
                                "corpus/lint");
        run_result four = RUN_IN(SG_SOURCE_DIR, CORPUS_ARGS, "--format", formats[i], "--jobs", "4",
                                 "corpus/lint");
        assert_status(&one, 1);
        assert_status(&four, 1);
        assert_string_equal(one.out, four.out);
        free_result(&one);
        free_result(&four);
    }
}

/* Files of very different sizes (workers may run ahead of the report only
 * within a budget of bytes, a file larger than the budget included): the
 * same report whatever the number of workers, and every file in it. */
static void test_lint__jobs_with_files_of_every_size(void **state)
{
    (void)state;
    char *dir = make_tree();
    static const char unit[] = "SELECT * FROM t WHERE kind = 'x' ORDER BY id;\n"
                               "UPDATE t SET a = 1; -- sqlguard-disable-line dml.missing-where\n";
    char *big = malloc(400 * 1024);
    assert_non_null(big);
    for (int k = 0; k < 24; k++) {
        /* 1 unit up to about 300 KB, large ones in the middle and at the end */
        size_t copies = k % 7 == 3 || k == 23 ? 3000 + (size_t)k * 10 : 1 + (size_t)(k * k);
        size_t len = 0;
        for (size_t c = 0; c < copies; c++) {
            memcpy(big + len, unit, sizeof unit - 1);
            len += sizeof unit - 1;
        }
        char name[32];
        snprintf(name, sizeof name, "f%02d.sql", k);
        put_bytes(dir, name, big, len);
    }
    put_bytes(dir, "empty.sql", "", 0);
    free(big);
    run_result one = RUN_IN(dir, "lint", "--no-timing", "--format", "json", "--jobs", "1", ".");
    assert_status(&one, 0); /* warnings only */
    assert_int_equal(count_of(one.out, "\"kind\": \"sql\""), 25);
    assert_int_equal(count_of(one.out, "\"rule\": \"dml.missing-where\""),
                     count_of(one.out, "\"rule\": \"style.select-star\""));
    const char *jobs[] = {"2", "3", "8"};
    for (size_t i = 0; i < 3; i++) {
        run_result r =
            RUN_IN(dir, "lint", "--no-timing", "--format", "json", "--jobs", jobs[i], ".");
        assert_status(&r, 0);
        assert_string_equal(one.out, r.out);
        free_result(&r);
    }
    free_result(&one);
    remove_tree(dir);
}

/* The text summary carries the elapsed time unless --no-timing. */
static void test_lint__timing(void **state)
{
    (void)state;
    run_result r = RUN_IN(SG_SOURCE_DIR, "lint", "corpus/lint/queries/accounts.sql");
    assert_contains(r.out, " ms\n");
    assert_contains(r.out, "1 file, 4 statements: ");
    free_result(&r);
}

/* ---- suppression comments ------------------------------------------------------------------ */

static void test_lint__disable_next_line(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "q.sql",
        "-- sqlguard-disable-next-line style.select-star -- the export mirrors the table\n"
        "SELECT * FROM t ORDER BY id;\n"
        "SELECT * FROM t ORDER BY id;\n");
    run_result r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", "q.sql");
    assert_status(&r, 0);
    cJSON *root = parse_json(r.out);
    const cJSON *d = find_rule(file_items(root, 0, false), "style.select-star");
    assert_non_null(d);
    assert_int_equal(num(d, "line"), 3); /* only the line after the comment */
    const cJSON *s = find_rule(file_items(root, 0, true), "style.select-star");
    assert_non_null(s);
    assert_int_equal(num(s, "line"), 2);
    assert_string_equal(str(s, "reason"), "the export mirrors the table");
    assert_int_equal(cJSON_GetArraySize(file_items(root, 0, false)), 1);
    cJSON_Delete(root);
    free_result(&r);

    /* comment-only lines between the comment and the SQL are skipped, and a
     * slash-star comment works the same */
    put(dir, "q.sql",
        "/* sqlguard-disable-next-line style.select-star */\n"
        "-- (the export mirrors the table)\n"
        "\n"
        "SELECT * FROM t ORDER BY id;\n");
    r = RUN_IN(dir, "lint", "--no-timing", "q.sql");
    assert_status(&r, 0);
    assert_string_equal(r.out, "policy: defaults (1 file, no .sqlguard.json)\n"
                               "1 file, 1 statement: 0 errors, 0 warnings, 1 suppressed\n");
    free_result(&r);

    /* above a statement written one keyword a line (sqlc's style), it covers
     * the statement: its findings stand on the lines after its first; the
     * statement after it is not covered, and one that covers nothing says
     * which lines it looked at */
    put(dir, "q.sql",
        "-- sqlguard-disable-next-line style.select-star, paginate.order-by-required\n"
        "SELECT\n"
        "\t*\n"
        "FROM\n"
        "\tt\n"
        "LIMIT\n"
        "\t1;\n"
        "SELECT\n"
        "\t*\n"
        "FROM t ORDER BY id;\n"
        "-- sqlguard-disable-next-line style.insert-column-list\n"
        "SELECT id\n"
        "FROM t ORDER BY id;\n"
        "-- sqlguard-disable-next-line style.select-star\n"
        "SELECT *\n"
        "FROM t ORDER BY id; SELECT * FROM t ORDER BY id;\n");
    r = RUN_IN(dir, "lint", "--no-timing", "q.sql");
    assert_status(&r, 0);
    assert_contains(r.out, "q.sql:9:2: warning [style.select-star]");
    assert_not_contains(r.out, "q.sql:3:");
    assert_not_contains(r.out, "q.sql:6:");
    assert_contains(r.out, "q.sql:11:31: warning [lint.unused-suppression] "
                           "sqlguard-disable-next-line style.insert-column-list suppresses "
                           "nothing: the statement on lines 12 to 13 has no "
                           "style.insert-column-list finding\n");
    /* a statement that starts on the covered one's last line is not covered */
    assert_contains(r.out, "q.sql:16:28: warning [style.select-star]");
    assert_contains(r.out, "0 errors, 3 warnings, 3 suppressed\n");
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__disable_span(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "q.sql",
        "SELECT * FROM t ORDER BY id;\n"
        "-- sqlguard-disable style.select-star, style.literal-in-predicate -- legacy views\n"
        "SELECT * FROM t WHERE kind = 'x' ORDER BY id;\n"
        "SELECT * FROM u ORDER BY id;\n"
        "-- sqlguard-enable style.select-star\n"
        "SELECT * FROM v WHERE kind = 'y' ORDER BY id;\n");
    run_result r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", "q.sql");
    assert_status(&r, 0);
    cJSON *root = parse_json(r.out);
    const cJSON *diags = file_items(root, 0, false), *sup = file_items(root, 0, true);
    /* select-star: reported on lines 1 and 6, suppressed on 3 and 4;
     * literal-in-predicate: never enabled again, suppressed on 3 and 6 */
    assert_int_equal(cJSON_GetArraySize(diags), 2);
    assert_int_equal(num(cJSON_GetArrayItem(diags, 0), "line"), 1);
    assert_int_equal(num(cJSON_GetArrayItem(diags, 1), "line"), 6);
    assert_int_equal(cJSON_GetArraySize(sup), 4);
    const cJSON *s;
    cJSON_ArrayForEach(s, sup) assert_string_equal(str(s, "reason"), "legacy views");
    cJSON_Delete(root);
    free_result(&r);
    remove_tree(dir);
}

/* A migration's suppression of a rule that does not run in migrations
 * (pagination, literals) suppresses nothing, and is not reported for it:
 * it was written when the rule ran there. Other rules' still are. */
static void test_lint__migration_suppressions_of_idle_rules(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "001_init.sql",
        "CREATE TABLE t (id int PRIMARY KEY, plan text);\n"
        "-- sqlguard-disable-next-line paginate.order-by-required\n"
        "SELECT id FROM t;\n"
        "UPDATE t SET plan = 'pro' WHERE plan = 'free'; -- sqlguard-disable-line "
        "style.literal-in-predicate\n"
        "-- sqlguard-disable-next-line style.select-star\n"
        "SELECT id FROM t;\n");
    run_result r = RUN_IN(dir, "lint", "--no-timing", "001_init.sql");
    assert_status(&r, 0);
    assert_not_contains(r.out, "paginate.order-by-required suppresses nothing");
    assert_not_contains(r.out, "style.literal-in-predicate suppresses nothing");
    assert_contains(r.out, "style.select-star suppresses nothing");
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__unused_suppression(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "q.sql",
        "SELECT id FROM t ORDER BY id;\n"
        "  -- sqlguard-disable-next-line style.select-star -- no longer needed\n"
        "SELECT id FROM t ORDER BY id;\n"
        "/* sqlguard-disable func.denied */\n"
        "SELECT id FROM t ORDER BY id;\n"
        "-- sqlguard-enable style.insert-column-list\n");
    run_result r = RUN_IN(dir, "lint", "--no-timing", "q.sql");
    assert_status(&r, 0); /* warnings only */
    assert_contains(r.out, "q.sql:2:33: warning [lint.unused-suppression] "
                           "sqlguard-disable-next-line style.select-star suppresses nothing: line "
                           "3 has no style.select-star finding\n");
    assert_contains(r.out, "q.sql:4:21: warning [lint.unused-suppression] sqlguard-disable "
                           "func.denied suppresses nothing");
    assert_contains(r.out, "q.sql:6:20: warning [lint.unused-suppression] sqlguard-enable "
                           "style.insert-column-list has no sqlguard-disable");
    assert_contains(r.out, "0 errors, 3 warnings\n");
    free_result(&r);

    r = RUN_IN(dir, "lint", "--max-warnings", "2", "q.sql");
    assert_status(&r, 1);
    assert_contains(r.err, "3 warnings, more than --max-warnings 2");
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__unknown_rule_and_bad_directive(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "q.sql",
        "-- sqlguard-disable-next-line style.select-stars, style.select-star\n"
        "SELECT * FROM t ORDER BY id;\n"
        "-- sqlguard-disable-nextline style.select-star\n"
        "SELECT id FROM t ORDER BY id;\n"
        "-- sqlguard-disable-next-line lint.unused-suppression\n"
        "SELECT id FROM t ORDER BY id;\n"
        "-- sqlguard-disable-next-line style.select-star func.denied\n"
        "SELECT id FROM t ORDER BY id;\n"
        "-- not a directive: sqlguard-disable style.select-star\n"
        "SELECT * FROM t ORDER BY id;\n");
    run_result r = RUN_IN(dir, "lint", "--no-timing", "q.sql");
    assert_status(&r, 1);
    assert_contains(r.out, "q.sql:1:31: error [lint.unknown-rule] unknown rule "
                           "'style.select-stars' in sqlguard-disable-next-line");
    assert_contains(r.out, "q.sql:3:4: error [lint.bad-suppression] unknown directive "
                           "'sqlguard-disable-nextline'");
    assert_contains(r.out, "q.sql:5:31: error [lint.bad-suppression] lint.unused-suppression is "
                           "about the lint run itself and cannot be suppressed");
    assert_contains(r.out, "q.sql:7:31: error [lint.bad-suppression] sqlguard-disable-next-line: "
                           "rule ids are separated by commas");
    /* line 2 is suppressed by the known rule of the list; line 10 is not */
    assert_not_contains(r.out, "q.sql:2:8");
    assert_contains(r.out, "q.sql:10:8: warning [style.select-star]");
    assert_contains(r.out, "4 errors, 1 warning, 1 suppressed\n");
    free_result(&r);
    remove_tree(dir);
}

/* A directive inside a string literal is text: libpg_query's scanner says so. */
static void test_lint__directive_in_a_literal_is_not_a_comment(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "q.sql",
        "SELECT id FROM t WHERE note <> '\n"
        "-- sqlguard-disable-next-line style.select-star' ORDER BY id;\n"
        "SELECT * FROM t ORDER BY id;\n");
    run_result r = RUN_IN(dir, "lint", "--no-timing", "q.sql");
    assert_contains(r.out, "q.sql:3:8: warning [style.select-star]");
    assert_not_contains(r.out, "lint.unused-suppression");
    free_result(&r);
    remove_tree(dir);
}

/* Comments never switch a rule off in `check`, nor in operation files. */
static void test_lint__check_ignores_suppression_comments(void **state)
{
    (void)state;
    char *dir = make_tree();
    const char op[] =
        "{\"operation\": \"select\",\n"
        " \"sql\": \"-- sqlguard-disable-next-line scope.table-not-declared\\nSELECT uid FROM "
        "sdk_examples_secret ORDER BY uid\",\n"
        " \"parameters\": {},\n"
        " \"scope\": {\"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\", \"tables\": "
        "[]},\n"
        " \"limits\": {\"max_rows\": 10, \"statement_timeout_ms\": 1000}}\n";
    put(dir, "op.json", op);
    const char *catalog = tree_catalog(dir);
    run_result r = RUN_IN(dir, "check", "--catalog", catalog, "op.json");
    assert_status(&r, 1);
    assert_contains(r.out, "[scope.table-not-declared]");
    free_result(&r);
    r = RUN_IN(dir, "lint", "--catalog", catalog, "--no-timing", "op.json");
    assert_status(&r, 1);
    assert_contains(r.out, "op.json:2:82: error [scope.table-not-declared]");
    assert_not_contains(r.out, "lint.unused-suppression");
    free_result(&r);
    remove_tree(dir);
}

/* ---- exit codes, options and output -------------------------------------------------------- */

static void test_lint__exit_codes(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "clean/q.sql", "SELECT uid FROM sdk_examples_account ORDER BY uid;\n");
    put(dir, "warn/q.sql", "SELECT * FROM t ORDER BY id;\n");
    put(dir, "err/q.sql", "SELECT id FROM t ORDER BY id LIMIT 10 OFFSET;\n");
    put(dir, "bad-catalog.json", "{\"version\": 1, \"data_sources\": 3}");
    struct {
        const char *const *args;
        int status;
    } cases[] = {
        {(const char *const[]){"lint", "clean", NULL}, 0},
        {(const char *const[]){"lint", "warn", NULL}, 0},
        {(const char *const[]){"lint", "--max-warnings", "1", "warn", NULL}, 0},
        {(const char *const[]){"lint", "--max-warnings=0", "warn", NULL}, 1},
        {(const char *const[]){"lint", "err", NULL}, 1},
        {(const char *const[]){"lint", "clean", "--format", "sarif", NULL}, 0},
        {(const char *const[]){"lint", "--catalog", "bad-catalog.json", "clean", NULL}, 2},
        {(const char *const[]){"lint", "--catalog", "missing.json", "clean", NULL}, 2},
        {(const char *const[]){"lint", "--policy", "missing.json", "clean", NULL}, 2},
        {(const char *const[]){"lint", "--format", "xml", "clean", NULL}, 2},
        {(const char *const[]){"lint", "--jobs", "0", "clean", NULL}, 2},
        {(const char *const[]){"lint", "--max-warnings", "-1", "clean", NULL}, 2},
        {(const char *const[]){"lint", "--bogus", "clean", NULL}, 2},
        {(const char *const[]){"lint", "--catalog", NULL}, 2},
        {(const char *const[]){"lint", "--data-source", "x", "clean", NULL}, 2},
        {(const char *const[]){"lint", "--help", NULL}, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_result r = run_full(dir, NULL, false, cases[i].args);
        if (r.status != cases[i].status)
            fail_msg("case %zu: exit status %d, expected %d\n%s%s", i, r.status, cases[i].status,
                     r.out, r.err);
        free_result(&r);
    }
    /* an unknown data source of a good catalog */
    const char *catalog = tree_catalog(dir);
    run_result r = RUN_IN(dir, "lint", "--catalog", catalog, "--data-source", "nope", "clean");
    assert_status(&r, 2);
    assert_contains(r.err, "data source \"nope\" is not in the catalog");
    free_result(&r);
    r = RUN_IN(dir, "lint", "--catalog", catalog, "--data-source",
               "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01", "clean");
    assert_status(&r, 0);
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__colour_only_on_a_terminal(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "q.sql", "SELECT * FROM t ORDER BY id;\n");
    run_result r = run_full(dir, (const char *const[]){"NO_COLOR", NULL}, true,
                            (const char *const[]){"lint", "q.sql", NULL});
    assert_contains(r.out, "\033[1;33mwarning\033[0m");
    free_result(&r);
    r = run_full(dir, (const char *const[]){"NO_COLOR=1", NULL}, true,
                 (const char *const[]){"lint", "q.sql", NULL});
    assert_contains(r.out, "warning [style.select-star]");
    assert_not_contains(r.out, "\033");
    free_result(&r);
    r = run_full(dir, (const char *const[]){"NO_COLOR", NULL}, false,
                 (const char *const[]){"lint", "q.sql", NULL});
    assert_not_contains(r.out, "\033");
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__github_escapes(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "a,b:c.sql", "SELECT id FROM t WHERE name = '%(x)s' AND id = %(id)s ORDER BY id;\n");
    run_result r = RUN_IN(dir, "lint", "--format", "github", "a,b:c.sql");
    assert_status(&r, 1);
    assert_contains(r.out, "::notice title=sqlguard::scope rules skipped: no --catalog\n");
    assert_contains(r.out, "::error file=a%2Cb%3Ac.sql,line=1,col=32,title=params.in-literal::"
                           "placeholder %25(x)s is inside");
    free_result(&r);
    /* a control character of the file's text (an ESC) reaches no CI log raw */
    put(dir, "esc.sql", "SELECT \x1b[31m FROM t;\n");
    r = RUN_IN(dir, "lint", "--format", "github", "esc.sql");
    assert_status(&r, 1);
    assert_contains(r.out, "title=sql.syntax::syntax error at or near \"\xef\xbf\xbd\"");
    assert_null(strchr(r.out, 0x1b));
    free_result(&r);
    /* nor a terminal: the text report's message and source line show U+FFFD */
    r = RUN_IN(dir, "lint", "--no-timing", "esc.sql");
    assert_status(&r, 1);
    assert_contains(r.out, "at or near \"\xef\xbf\xbd\"\n    SELECT \xef\xbf\xbd[31m FROM t;\n"
                           "           ^\n");
    assert_null(strchr(r.out, 0x1b));
    free_result(&r);
    /* a wide character takes two cells of a terminal, a combining mark none:
     * the caret stays under the spot */
    put(dir, "wide.sql", "SELECT '\xe6\x97\xa5\xe6\x9c\xac' AS t, 'e\xcc\x81' AS c, * FROM t;\n");
    r = RUN_IN(dir, "lint", "--no-timing", "wide.sql");
    assert_contains(r.out, "wide.sql:1:30: warning [style.select-star]");
    assert_contains(r.out, "AS c, * FROM t;\n"
                           "                                  ^\n");
    free_result(&r);
    remove_tree(dir);
}

/* A finding on a long line (a generated file: thousands of statements on
 * one line) shows a window of the line around its spot, the cut ends marked,
 * the caret still under the spot: not the whole line again per finding. */
static void test_lint__long_line_window(void **state)
{
    (void)state;
    char *dir = make_tree();
    static const char head[] = "SELECT * FROM t WHERE x = 'caf\xc3\xa9';";
    size_t len = sizeof head - 1 + 3000 * 10 + 64;
    char *text = malloc(len + 1);
    assert_non_null(text);
    size_t at = (size_t)snprintf(text, len + 1, "%s", head);
    for (int i = 0; i < 3000; i++)
        at += (size_t)snprintf(text + at, len + 1 - at, "SELECT 1; ");
    snprintf(text + at, len + 1 - at, "DELETE FROM t;\n");
    put(dir, "long.sql", text);
    run_result r = RUN_IN(dir, "lint", "--no-timing", "long.sql");
    assert_status(&r, 0);
    /* the first findings: the head of the line, cut on the right */
    assert_contains(r.out, "\n    SELECT * FROM t WHERE x = 'caf\xc3\xa9';SELECT 1; SELECT 1;");
    assert_contains(r.out, "...\n           ^\n");
    /* the DELETE at the end: cut on the left, the caret under its table */
    const char *del = strstr(r.out, "dml.missing-where");
    assert_non_null(del);
    const char *shown = strstr(del, "\n    ...");
    assert_non_null(shown);
    const char *src = shown + 5, *eol = strchr(src, '\n');
    assert_non_null(eol);
    const char *word = strstr(src, "DELETE FROM t;");
    assert_true(word && word < eol);
    assert_true(eol - src < 200);
    const char *caret = strchr(eol + 1, '^');
    assert_non_null(caret);
    assert_int_equal(caret - (eol + 1), word + strlen("DELETE FROM ") - (shown + 1));
    assert_true(strlen(r.out) < 4000);
    free_result(&r);
    free(text);
    remove_tree(dir);
}

/* ---- what cannot be linted is reported ----------------------------------------------------- */

static void test_lint__files_that_cannot_be_linted(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "tree/ok.sql", "SELECT id FROM t ORDER BY id;\n");
    put_bytes(dir, "tree/latin1.sql", "SELECT id\nFROM t WHERE name = 'Jos\xE9' ORDER BY id;\n",
              SIZE_MAX);
    put_bytes(dir, "tree/nul.sql", "SELECT 1;\n\0\n", 12);
    /* UTF-16 as Windows editors save it, with a byte order mark and without */
    put_bytes(dir, "tree/u16le.sql",
              "\xFF\xFES\0E\0L\0E\0C\0T\0 \0"
              "1\0;\0",
              20);
    put_bytes(dir, "tree/u16be.sql",
              "\0S\0E\0L\0E\0C\0T\0 \0"
              "1\0;",
              18);
    char *big = malloc((16u << 20) + 2);
    assert_non_null(big);
    memset(big, ' ', (16u << 20) + 1);
    big[(16u << 20) + 1] = '\0';
    put(dir, "tree/big.sql", big);
    free(big);
    char path[512];
    snprintf(path, sizeof path, "%s/tree/pipe.sql", dir);
    assert_int_equal(mkfifo(path, 0644), 0);
    put(dir, "tree/locked.sql", "SELECT 1;\n");
    snprintf(path, sizeof path, "%s/tree/locked.sql", dir);
    assert_int_equal(chmod(path, 0), 0);

    run_result r = RUN_IN(dir, "lint", "--no-timing", "tree", "missing.sql");
    /* a path that is not there is a mistake in the command: exit 2, no report */
    assert_status(&r, 2);
    assert_string_equal(r.err, "sqlguard lint: missing.sql: no such file or directory\n");
    assert_string_equal(r.out, "");
    free_result(&r);
    r = RUN_IN(dir, "lint", "--no-timing", "tree");
    assert_status(&r, 1);
    assert_contains(r.out, "tree/big.sql: error [lint.file] is 16777217 bytes, over the limit of "
                           "16777216 bytes (16 MiB) a linted file may have");
    assert_contains(r.out, "tree/latin1.sql:2:25: error [lint.file] is not UTF-8 text (byte "
                           "0xE9 does not fit)");
    assert_contains(r.out, "tree/nul.sql:2:1: error [lint.file] holds a NUL byte");
    assert_contains(r.out, "tree/u16le.sql:1:1: error [lint.file] is UTF-16 text (LE), not UTF-8; "
                           "save it as UTF-8");
    assert_contains(r.out, "tree/u16be.sql:1:1: error [lint.file] is UTF-16 text (BE)");
    assert_contains(r.out, "tree/pipe.sql: error [lint.file] is not a regular file\n");
    if (geteuid() != 0) /* root reads a file whatever its mode */
        assert_contains(r.out, "tree/locked.sql: error [lint.file] cannot be read: Permission "
                               "denied\n");
    assert_contains(r.out, "8 files, ");
    free_result(&r);
    remove_tree(dir);
}

/* A walk takes .sql and .json files in any case of their extension. */
static void test_lint__walk_extensions_in_any_case(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "tree/UP.SQL", "SELECT * FROM t ORDER BY id;\n");
    put(dir, "tree/m.Sql", "SELECT * FROM t ORDER BY id;\n");
    put(dir, "tree/x.sqlx", "SELECT * FROM t ORDER BY id;\n");
    put(dir, "tree/OP.JSON", "{\"version\": 1}\n");
    run_result r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", "tree");
    assert_status(&r, 0);
    cJSON *root = parse_json(r.out);
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
    assert_int_equal(cJSON_GetArraySize(files), 2);
    assert_string_equal(str(cJSON_GetArrayItem(files, 0), "path"), "tree/UP.SQL");
    assert_string_equal(str(cJSON_GetArrayItem(files, 1), "path"), "tree/m.Sql");
    const cJSON *summary = cJSON_GetObjectItemCaseSensitive(root, "summary");
    assert_int_equal(num(summary, "files_skipped"), 1); /* OP.JSON: no operation */
    cJSON_Delete(root);
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__walk(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "outside/x.sql", "SELECT * FROM t ORDER BY id;\n");
    put(dir, "tree/.hidden/h.sql", "SELECT * FROM t ORDER BY id;\n");
    put(dir, "tree/.h.sql", "SELECT * FROM t ORDER BY id;\n");
    put(dir, "tree/notes.txt", "SELECT * FROM t;\n");
    put(dir, "tree/b/q.sql", "SELECT id FROM t ORDER BY id;\n");
    put(dir, "tree/a.sql", "SELECT id FROM t ORDER BY id;\n");
    put(dir, "tree/catalog.json", "{\"version\": 1, \"data_sources\": []}\n");
    put(dir, "tree/broken.json", "{\"operation\": \"select\", \"sql\": ");
    put(dir, "tree/list.json", "[{\"operation\": \"select\"}]\n");
    char target[512], link[512];
    snprintf(target, sizeof target, "%s/outside/x.sql", dir);
    snprintf(link, sizeof link, "%s/tree/out.sql", dir);
    assert_int_equal(symlink(target, link), 0);
    snprintf(target, sizeof target, "%s/outside", dir);
    snprintf(link, sizeof link, "%s/tree/outdir", dir);
    assert_int_equal(symlink(target, link), 0);
    snprintf(link, sizeof link, "%s/tree/in.sql", dir);
    assert_int_equal(symlink("a.sql", link), 0);

    run_result r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", "./tree/");
    assert_status(&r, 1);
    cJSON *root = parse_json(r.out);
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
    const char *want[] = {"tree/a.sql",  "tree/b/q.sql", "tree/broken.json",
                          "tree/in.sql", "tree/out.sql", "tree/outdir"};
    assert_int_equal(cJSON_GetArraySize(files), 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(str(cJSON_GetArrayItem(files, i), "path"), want[i]);
    /* catalog.json and list.json: JSON that is no operation, counted as skipped */
    const cJSON *summary = cJSON_GetObjectItemCaseSensitive(root, "summary");
    assert_int_equal(num(summary, "files_skipped"), 2);
    const cJSON *d = find_rule(file_items(root, 2, false), "lint.file");
    assert_non_null(d);
    assert_string_equal(str(d, "severity"), "error");
    d = find_rule(file_items(root, 4, false), "lint.file");
    assert_string_equal(str(d, "severity"), "warning");
    assert_contains(str(d, "message"), "outside the linted tree; not followed");
    d = find_rule(file_items(root, 5, false), "lint.file");
    assert_contains(str(d, "message"), "to a directory outside the linted tree");
    cJSON_Delete(root);
    free_result(&r);

    /* named on the command line: hidden files are read, and JSON that is not
     * an operation is said to be so */
    r = RUN_IN(dir, "lint", "--no-timing", "tree/.h.sql", "tree/catalog.json");
    assert_status(&r, 0);
    assert_contains(r.out, "tree/.h.sql:1:8: warning [style.select-star]");
    assert_contains(r.out, "tree/catalog.json: warning [lint.file] is not an operation");
    free_result(&r);
    remove_tree(dir);
}

/* ---- statements and places ----------------------------------------------------------------- */

/* The paths of a --format json report's files, one per line. */
static char *report_paths(const char *json)
{
    cJSON *root = parse_json(json);
    const cJSON *f;
    size_t cap = 4096, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(root, "files"))
    {
        len += (size_t)snprintf(out + len, cap - len, "%s\n", str(f, "path"));
        assert_true(len < cap);
    }
    cJSON_Delete(root);
    return out;
}

/* --exclude and .sqlguardignore in gitignore syntax: globs, **, negation,
 * directory-only and anchored patterns, comments; nested ignore files. */
static void test_lint__exclude_and_ignore_file(void **state)
{
    (void)state;
    char *dir = make_tree();
    static const char *const files[] = {
        "app/a.sql",       "app/gen/b.sql",   "app/gen/keep.sql",   "app/x.gen.sql",
        "build/c.sql",     "src/build/d.sql", "src/build.sql",      "vendor/deep/e/f.sql",
        "docs/g.sql",      "docs/sub/h.sql",  "node_modules/m.sql", "top.sql",
        "app/cache/i.sql", "#hash.sql",       "seeds/s.sql",        "seeds/keep/k.sql",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        put(dir, files[i], "SELECT id FROM t ORDER BY id;\n");
    put(dir, ".sqlguardignore",
        "# generated code\n"
        "*.gen.sql\n"
        "app/gen/\n"
        "!app/gen/keep.sql\n"
        "/build\n"
        "vendor/**/f.sql\n"
        "docs/**\n"
        "node_modules/\n"
        "\\#hash.sql\n"
        "seeds/**\n"
        "!seeds/keep/\n"
        "!seeds/keep/k.sql\n"
        "\n");
    run_result r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", ".");
    assert_status(&r, 0);
    char *paths = report_paths(r.out);
    /* app/gen/ is left out as a directory, so keep.sql cannot come back
     * (as in git); /build is anchored, src/build/ is not it; a trailing ** is
     * what is inside seeds, not seeds, so a later ! takes seeds/keep/k.sql back */
    assert_string_equal(paths, "app/a.sql\napp/cache/i.sql\nseeds/keep/k.sql\nsrc/build.sql\n"
                               "src/build/d.sql\ntop.sql\n");
    free(paths);
    free_result(&r);

    /* --exclude adds patterns, relative to the root or as the path is shown,
     * and a later ! takes a path back */
    r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", "--exclude", "cache",
               "--exclude=src/*.sql", "--exclude", "app", "--exclude", "!app", ".");
    assert_status(&r, 0);
    paths = report_paths(r.out);
    assert_string_equal(paths, "app/a.sql\nseeds/keep/k.sql\nsrc/build/d.sql\ntop.sql\n");
    free(paths);
    free_result(&r);

    /* the ignore file of the directory walked: src has none of its own */
    r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", "--exclude", "src/build", "src");
    assert_status(&r, 0);
    paths = report_paths(r.out);
    assert_string_equal(paths, "src/build.sql\n");
    free(paths);
    free_result(&r);

    /* the ignore files of directories below the walked one apply to what they
     * hold, as git's do, the deeper one last: from the root or from src alike */
    put(dir, "src/.sqlguardignore", "build/\n*.sql\n!keep*.sql\n");
    put(dir, "src/keep.sql", "SELECT id FROM t ORDER BY id;\n");
    put(dir, "src/sub/.sqlguardignore", "\xEF\xBB\xBF!build.sql\n"); /* a byte order mark first */
    put(dir, "src/sub/build.sql", "SELECT id FROM t ORDER BY id;\n");
    put(dir, "src/sub/other.sql", "SELECT id FROM t ORDER BY id;\n");
    r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", ".");
    assert_status(&r, 0);
    paths = report_paths(r.out);
    assert_string_equal(paths, "app/a.sql\napp/cache/i.sql\nseeds/keep/k.sql\nsrc/keep.sql\n"
                               "src/sub/build.sql\ntop.sql\n");
    free(paths);
    free_result(&r);
    r = RUN_IN(dir, "lint", "--format", "json", "--no-timing", "src");
    assert_status(&r, 0);
    paths = report_paths(r.out);
    assert_string_equal(paths, "src/keep.sql\nsrc/sub/build.sql\n");
    free(paths);
    free_result(&r);
    remove_tree(dir);
}

/* A subdirectory linted on its own keeps the ignore files of the
 * directories above it, up to the repository's root (the one holding .git)
 * and no further, each pattern relative to its own directory: the same files
 * as when the whole tree is linted. */
static void test_lint__ignore_files_above_the_walked_directory(void **state)
{
    (void)state;
    char *outer = make_tree();
    char repo[512];
    snprintf(repo, sizeof repo, "%s/repo", outer);
    /* above the repository: not read */
    put(outer, ".sqlguardignore", "*.sql\n");
    put(outer, "repo/.git/HEAD", "ref: refs/heads/main\n");
    put(outer, "repo/.sqlguardignore", "db/queries/legacy/\n*.gen.sql\n/db/queries/skip.sql\n");
    put(outer, "repo/db/.sqlguardignore", "gen/\n!keep.gen.sql\n");
    static const char *const files[] = {
        "repo/db/queries/a.sql",        "repo/db/queries/legacy/b.sql", "repo/db/queries/c.gen.sql",
        "repo/db/queries/keep.gen.sql", "repo/db/queries/skip.sql",     "repo/db/queries/gen/d.sql",
        "repo/db/queries/sub/skip.sql",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        put(outer, files[i], "SELECT id FROM t ORDER BY id;\n");
    run_result r = RUN_IN(repo, "lint", "--format", "json", "--no-timing", ".");
    assert_status(&r, 0);
    char *paths = report_paths(r.out);
    assert_string_equal(paths, "db/queries/a.sql\ndb/queries/keep.gen.sql\n"
                               "db/queries/sub/skip.sql\n");
    free(paths);
    free_result(&r);
    static const char *const walked[] = {"db", "db/queries", "db/queries/sub"};
    static const char *const want[] = {
        "db/queries/a.sql\ndb/queries/keep.gen.sql\ndb/queries/sub/skip.sql\n",
        "db/queries/a.sql\ndb/queries/keep.gen.sql\ndb/queries/sub/skip.sql\n",
        "db/queries/sub/skip.sql\n",
    };
    for (size_t i = 0; i < sizeof walked / sizeof walked[0]; i++) {
        r = RUN_IN(repo, "lint", "--format", "json", "--no-timing", walked[i]);
        assert_status(&r, 0);
        paths = report_paths(r.out);
        assert_string_equal(paths, want[i]);
        free(paths);
        free_result(&r);
    }
    /* from inside, as shown there */
    char queries[600];
    snprintf(queries, sizeof queries, "%s/db/queries", repo);
    r = RUN_IN(queries, "lint", "--format", "json", "--no-timing");
    assert_status(&r, 0);
    paths = report_paths(r.out);
    assert_string_equal(paths, "a.sql\nkeep.gen.sql\nsub/skip.sql\n");
    free(paths);
    free_result(&r);
    remove_tree(outer);
}

/* .json files are operations only with "operation" and "sql"; --operations
 * names JSON that must be one; the rest is counted as skipped. */
static void test_lint__json_files_and_operations_globs(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "ops/get.json", "{\"operation\": \"select\", \"sql\": \"SELECT 1\"}\n");
    put(dir, "ops/draft.json", "{\"operation\": \"select\"}\n");
    put(dir, "codegen.json", "{\"operation\": \"query\", \"fields\": [1, 2, 3]}\n");
    put(dir, "tsconfig.json", "{\n  // comments\n  \"compilerOptions\": {},\n}\n");
    put(dir, "package-lock.json", "{\"name\": \"x\", \"lockfileVersion\": 3}\n");
    /* strings that name no kind, and no other member of an operation: a
     * translation file; a kind in another case or a scope makes an operation */
    put(dir, "web/i18n.json",
        "{\"operation\": \"Operation\", \"sql\": \"SQL editor\", "
        "\"cancel\": \"Cancel\"}\n");
    put(dir, "web/nested.json",
        "{\"operation\": {\"title\": \"Operation\"}, \"sql\": {\"title\": "
        "\"SQL\"}}\n");
    put(dir, "web/labels.json",
        "{\"operation\": \"Op\", \"sql\": \"SQL\", \"limits\": \"Limits\"}\n");
    put(dir, "ops/upper.json", "{\"operation\": \"SELECT\", \"sql\": \"SELECT 1\"}\n");
    put(dir, "ops/typo.json", "{\"operation\": \"selct\", \"sql\": \"SELECT 1\", \"scope\": {}}\n");
    run_result r = RUN_IN(dir, "lint", "--no-timing", ".");
    assert_status(&r, 0);
    assert_contains(r.out, "3 files, 0 statements (7 .json files skipped: not operations): 0 "
                           "errors, 0 warnings\n");
    free_result(&r);
    r = RUN_IN(dir, "lint", "--no-timing", "--catalog", LINT_CATALOG, "ops/upper.json",
               "ops/typo.json", "web/i18n.json");
    assert_status(&r, 1);
    assert_contains(r.out, "ops/typo.json: error [op.invalid] operation \"selct\" is not one of");
    assert_contains(r.out, "ops/upper.json: error [op.invalid]");
    /* named on the command line, it is said not to be one */
    assert_contains(r.out, "web/i18n.json: warning [lint.file] is not an operation");
    free_result(&r);
    remove_tree(dir);
    dir = make_tree();
    put(dir, "ops/get.json", "{\"operation\": \"select\", \"sql\": \"SELECT 1\"}\n");
    put(dir, "ops/draft.json", "{\"operation\": \"select\"}\n");
    put(dir, "codegen.json", "{\"operation\": \"query\", \"fields\": [1, 2, 3]}\n");
    put(dir, "tsconfig.json", "{\n  // comments\n  \"compilerOptions\": {},\n}\n");
    put(dir, "package-lock.json", "{\"name\": \"x\", \"lockfileVersion\": 3}\n");
    r = RUN_IN(dir, "lint", "--no-timing", "--operations", "ops/*.json", ".");
    assert_status(&r, 1);
    assert_contains(r.out, "ops/draft.json: error [lint.file] is not an operation (a JSON object "
                           "with \"operation\" and \"sql\" members), yet --operations says it is "
                           "one\n");
    assert_contains(r.out, "(3 .json files skipped: not operations)");
    free_result(&r);
    remove_tree(dir);
}

/* The JSON report, written piece by piece, escapes what JSON must: a path
 * with a quote, a backslash and a control character reads back as it is. */
static void test_lint__json_report_escapes(void **state)
{
    (void)state;
    char *dir = make_tree();
    static const char name[] = "q\"\\\t\x01\xc3\xa9.sql";
    put(dir, name, "SELECT * FROM t ORDER BY id;\n");
    run_result r = RUN_IN(dir, "lint", "--no-timing", "--format", "json", name);
    assert_status(&r, 0);
    cJSON *root = parse_json(r.out);
    const cJSON *f = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "files"), 0);
    assert_string_equal(str(f, "path"), name);
    assert_non_null(find_rule(file_items(root, 0, false), "style.select-star"));
    assert_contains(r.out, "\"path\": \"q\\\"\\\\\\t\\u0001\xc3\xa9.sql\"");
    cJSON_Delete(root);
    free_result(&r);
    remove_tree(dir);
}

/* --profile and --placeholders win over the policy's "lint" choices, for
 * .sql files only; bad values are usage errors. */
/* A file name need not be UTF-8 (a Latin-1 name, a sequence cut short,
 * an overlong form, a surrogate): the structured reports stay valid UTF-8,
 * each such byte written as U+FFFD (SARIF's URIs percent-encode every byte
 * that is not ASCII, as before); UTF-8 names stay as they are, and the text
 * report shows the name's bytes as the file system has them. */
static void test_lint__file_names_that_are_not_utf8(void **state)
{
    (void)state;
    char *dir = make_tree();
    static const struct {
        const char *name, *shown;
    } names[] = {
        {"lat\xe9.sql", "lat\xef\xbf\xbd.sql"},
        {"cut\xe6\x97.sql", "cut\xef\xbf\xbd\xef\xbf\xbd.sql"},
        {"long\xc0\xaf.sql", "long\xef\xbf\xbd\xef\xbf\xbd.sql"},
        {"sur\xed\xa0\x80.sql", "sur\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd.sql"},
        {"ok\xe6\x97\xa5.sql", "ok\xe6\x97\xa5.sql"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        put(dir, names[i].name, "SELECT * FROM t ORDER BY id;\nSELEC 1;\n");
    static const char *const formats[] = {"json", "sarif", "gitlab", "junit", "github"};
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
        run_result r = RUN_IN(dir, "lint", "--no-timing", "--format", formats[k], ".");
        assert_status(&r, 1);
        size_t bad;
        if (!sg__utf8_valid(r.out, strlen(r.out), &bad))
            fail_msg("--format %s: byte %zu is not UTF-8: %.40s", formats[k], bad, r.out + bad);
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            if (strcmp(formats[k], "sarif") != 0)
                assert_contains(r.out, names[i].shown);
            else if (i == 0)
                assert_contains(r.out, "\"uri\": \"lat%E9.sql\"");
        }
        if (strcmp(formats[k], "junit") != 0 && strcmp(formats[k], "github") != 0)
            cJSON_Delete(parse_json(r.out));
        free_result(&r);
    }
    run_result r = RUN_IN(dir, "lint", "--no-timing", "--format", "text", ".");
    assert_status(&r, 1);
    assert_contains(r.out, "\nlat\xe9.sql:1:8: warning [style.select-star]");
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__profile_and_placeholder_flags(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, ".git/HEAD", "ref: refs/heads/main\n");
    put(dir, ".sqlguard.json", "{\"version\": 1, \"lint\": {\"placeholders\": \"psycopg\"}}");
    put(dir, "jobs.sql",
        "SELECT id FROM jobs WHERE name LIKE 'a%' ORDER BY id FOR UPDATE SKIP LOCKED;\n");

    /* the policy's psycopg: the '%' in the literal is a finding; repository:
     * the row lock is not */
    run_result r = RUN_IN(dir, "lint", "--no-timing", "--format", "json", "jobs.sql");
    assert_status(&r, 1);
    cJSON *root = parse_json(r.out);
    assert_non_null(find_rule(file_items(root, 0, false), "params.syntax"));
    assert_null(find_rule(file_items(root, 0, false), "stmt.row-lock"));
    cJSON_Delete(root);
    free_result(&r);

    /* the flags win: $n style, strict profile (the row lock is a warning) */
    r = RUN_IN(dir, "lint", "--no-timing", "--format", "json", "--placeholders", "dollar",
               "--profile", "strict", "jobs.sql");
    assert_status(&r, 0);
    root = parse_json(r.out);
    assert_null(find_rule(file_items(root, 0, false), "params.syntax"));
    const cJSON *lock = find_rule(file_items(root, 0, false), "stmt.row-lock");
    assert_non_null(lock);
    assert_string_equal(str(lock, "severity"), "warning");
    cJSON_Delete(root);
    free_result(&r);

    /* bad values: one line naming the flag, exit 2 */
    static const char *const bad[][2] = {{"--profile", "lax"}, {"--placeholders", "qmark"}};
    for (size_t i = 0; i < 2; i++) {
        r = RUN_IN(dir, "lint", bad[i][0], bad[i][1], "jobs.sql");
        assert_status(&r, 2);
        assert_contains(r.err, bad[i][0]);
        assert_contains(r.err, "(see 'sqlguard lint --help')");
        assert_int_equal(count_of(r.err, "\n"), 1);
        free_result(&r);
    }
    remove_tree(dir);
}

/* `lint -` reads standard input as the file --stdin-filename names. */
static void test_lint__stdin(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "in.sql", "SELECT 1;\nSELECT * FROM t ORDER BY id;\n");
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && '%s' lint --no-timing --stdin-filename queries/x.sql - < in.sql > out.txt "
             "2>err.txt; echo $? > status.txt",
             dir, SG_CLI_PATH);
    assert_int_equal(system(cmd), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    char *out = slurp(path);
    assert_contains(out, "queries/x.sql:2:8: warning [style.select-star]");
    assert_contains(out, "1 file, 2 statements: 0 errors, 1 warning\n");
    free(out);
    snprintf(path, sizeof path, "%s/status.txt", dir);
    out = slurp(path);
    assert_string_equal(out, "0\n");
    free(out);
    /* without a name it is SQL shown as <stdin> */
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' lint --no-timing - < in.sql > out.txt 2>/dev/null",
             dir, SG_CLI_PATH);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/out.txt", dir);
    out = slurp(path);
    assert_contains(out, "<stdin>:2:8: warning [style.select-star]");
    free(out);
    /* --stdin-filename without "-" is a usage error */
    run_result r = RUN_IN(dir, "lint", "--stdin-filename", "x.sql", "in.sql");
    assert_status(&r, 2);
    assert_contains(r.err, "--stdin-filename");
    free_result(&r);
    remove_tree(dir);
}

static size_t found_at(const sg_lint_result *r, const char *rule, long line);
static sg_lint_result *lint(const sg_catalog *catalog, const char *text, sg_lint_input input);

/* A directive in a block comment framed with stars, as comments in the
 * Javadoc style are written: the stars are the frame, not the text. */
static void test_lint__directive_in_framed_comment(void **state)
{
    (void)state;
    static const char text[] = "/*\n * sqlguard-disable style.select-star -- a mirror\n */\n"
                               "SELECT * FROM t ORDER BY id;\n"
                               "/*\n * sqlguard-enable style.select-star\n */\n"
                               "SELECT * FROM t ORDER BY id;\n"
                               "/**\n ** sqlguard-disable-next-line style.select-star\n **/\n"
                               "SELECT * FROM t ORDER BY id;\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_finding_count(r), 3);
    size_t suppressed = 0;
    for (size_t i = 0; i < 3; i++) {
        sg_lint_finding f = finding(r, i);
        assert_string_equal(f.rule, "style.select-star");
        suppressed += f.suppressed;
        assert_true(f.suppressed == (f.line != 8));
    }
    assert_int_equal(suppressed, 2);
    sg_lint_result_free(r);
}

/* -- sqlguard-disable-line RULE -- reason: the comment's own line. */
static void test_lint__disable_line(void **state)
{
    (void)state;
    static const char text[] =
        "SELECT * FROM t ORDER BY id; -- sqlguard-disable-line style.select-star -- a mirror\n"
        "SELECT * FROM t ORDER BY id;\n"
        "SELECT id FROM t ORDER BY id; /* sqlguard-disable-line style.select-star */\n"
        "-- sqlguard-disable-line dml.missing-where\n"
        "DELETE FROM t;\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    size_t stars = 0;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f_found = finding(r, i);
        const sg_lint_finding *f = &f_found;
        if (strcmp(f->rule, "style.select-star") != 0)
            continue;
        stars++;
        if (f->line == 1) {
            assert_true(f->suppressed);
            assert_string_equal(f->reason, "a mirror");
        } else {
            assert_int_equal(f->line, 2); /* the next line is not covered */
            assert_false(f->suppressed);
        }
    }
    assert_int_equal(stars, 2);
    /* nothing to suppress on line 3, nor on the comment-only line 4 */
    assert_int_equal(found_at(r, SG_LINT_RULE_UNUSED_SUPPRESSION, 3), 1);
    assert_int_equal(found_at(r, SG_LINT_RULE_UNUSED_SUPPRESSION, 4), 1);
    assert_int_equal(found_at(r, "dml.missing-where", 5), 1);
    sg_lint_result_free(r);
}

static void test_lint__syntax_errors_are_placed(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "q.sql",
        "SELECT id FROM t ORDER BY id;\n"
        "\n"
        "SELECT id FROM t WHERE ORDER BY id;\n"
        "SELECT * FROM t ORDER BY id;\n");
    put(dir, "lex.sql", "SELECT 1;\nSELECT 'unterminated\nFROM t;\n");
    put(dir, "bom.sql", "\xEF\xBB\xBFSELECT * FROM t ORDER BY id;\n");
    run_result r = RUN_IN(dir, "lint", "--no-timing", "q.sql", "lex.sql", "bom.sql");
    assert_status(&r, 1);
    /* the parser's splitter fails; the boundary scan finds the three
     * statements, and the one before the unterminated quote */
    assert_contains(r.out, "q.sql:3:24: error [sql.syntax] syntax error at or near \"ORDER\"\n");
    assert_contains(r.out, "q.sql:4:8: warning [style.select-star]");
    assert_contains(r.out, "lex.sql:2:8: error [sql.syntax] unterminated quoted string");
    assert_contains(r.out, "bom.sql:1:8: warning [style.select-star]");
    assert_contains(r.out, "3 files, 6 statements: 2 errors, 2 warnings\n");
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__operation_places_in_the_file(void **state)
{
    (void)state;
    char *dir = make_tree();
    /* escapes and a multi-byte character before the undeclared table */
    put(dir, "op.json",
        "{\n"
        "  \"operation\": \"select\",\n"
        "  \"sql\": \"SELECT a.uid\\n  FROM sdk_examples_account AS a  -- \\u00e9t\\u00e9 \\\"q\\\""
        "\\n  JOIN sdk_examples_secret AS s ON s.uid = a.uid\\nORDER BY a.uid\",\n"
        "  \"parameters\": {},\n"
        "  \"scope\": {\"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
        "            \"tables\": [{\"meta_table_uid\": \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\",\n"
        "                        \"alias\": \"accounts\", \"access\": \"read\"}]},\n"
        "  \"limits\": {\"max_rows\": 10, \"statement_timeout_ms\": 1000}\n"
        "}\n");
    put(dir, "skipped.json", "{\"operation\": \"select\", \"sql\": \"SELECT 1\"}");
    put(dir, "no_sql.json", "{\"operation\": \"select\"}");
    const char *catalog = tree_catalog(dir);
    run_result r = RUN_IN(dir, "lint", "--catalog", catalog, "--no-timing", "op.json");
    assert_status(&r, 1);
    /* column 90 of line 3 of the file is the s of sdk_examples_secret */
    assert_contains(r.out, "op.json:3:90: error [scope.table-not-declared] relation "
                           "public.sdk_examples_secret");
    /* the caret sits under it: 4 spaces of indent, 89 for the columns before */
    char caret[128];
    snprintf(caret, sizeof caret, "\n    %89s^\n", "");
    assert_contains(r.out, caret);
    assert_contains(r.out, "1 file, 0 statements, 1 operation: 1 error, 0 warnings\n");
    free_result(&r);

    /* without a catalog operation files are not checked, and that is said once */
    r = RUN_IN(dir, "lint", "--no-timing", ".");
    assert_status(&r, 0);
    assert_int_equal(count_of(r.err, "sqlguard lint: note: 2 operation files not checked: "
                                     "checking an operation needs --catalog\n"),
                     1);
    assert_int_equal(count_of(r.err, "scope rules skipped: no --catalog"), 1);
    free_result(&r);
    r = RUN_IN(dir, "lint", "--format", "json", ".");
    cJSON *root = parse_json(r.out);
    const cJSON *summary = cJSON_GetObjectItemCaseSensitive(root, "summary");
    assert_int_equal(num(summary, "operations_skipped"), 2);
    const cJSON *notes = cJSON_GetObjectItemCaseSensitive(summary, "notes");
    assert_int_equal(cJSON_GetArraySize(notes), 2);
    assert_string_equal(cJSON_GetArrayItem(notes, 0)->valuestring,
                        "scope rules skipped: no --catalog");
    cJSON_Delete(root);
    free_result(&r);
    remove_tree(dir);
}

/* ---- policy discovery ---------------------------------------------------------------------- */

/* Each file gets the nearest .sqlguard.json above it, up to the repository
 * root; the nearest wins whole; the report says which applied where. */
static void test_lint__policy_per_file(void **state)
{
    (void)state;
    char *dir = make_tree();
    static const char q[] =
        "SELECT app.fmt(id) FROM t ORDER BY id;\nSELECT * FROM t ORDER BY id;\n";
    /* above the repository root: never read */
    put(dir, ".sqlguard.json", "{\"version\": 1, \"rules\": {\"style.select-star\": \"off\"}}");
    put(dir, "repo/.git/HEAD", "ref: refs/heads/main\n");
    put(dir, "repo/top.sql", q);
    /* the strict profile: func.denied in allow-list mode denies app.fmt */
    put(dir, "repo/app/.sqlguard.json", "{\"version\": 1, \"lint\": {\"profile\": \"strict\"}}");
    put(dir, "repo/app/a.sql", q);
    put(dir, "repo/app/deep/b.sql", q);
    /* nearer: wins entirely, so under it the repository profile is back and
     * app.fmt is not denied */
    put(dir, "repo/app/legacy/.sqlguard.json",
        "{\"version\": 1, \"rules\": {\"style.select-star\": \"error\"}}");
    put(dir, "repo/app/legacy/c.sql", q);
    char repo[512];
    snprintf(repo, sizeof repo, "%s/repo", dir);
    run_result r = RUN_IN(repo, "lint", "--no-timing", "--format", "json", ".");
    assert_status(&r, 1);
    cJSON *root = parse_json(r.out);
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
    static const char *const want[][2] = {{"app/a.sql", "app/.sqlguard.json"},
                                          {"app/deep/b.sql", "app/.sqlguard.json"},
                                          {"app/legacy/c.sql", "app/legacy/.sqlguard.json"},
                                          {"top.sql", NULL}};
    assert_int_equal(cJSON_GetArraySize(files), 4);
    for (int i = 0; i < 4; i++) {
        const cJSON *f = cJSON_GetArrayItem(files, i);
        assert_string_equal(str(f, "path"), want[i][0]);
        const cJSON *policy = cJSON_GetObjectItemCaseSensitive(f, "policy");
        if (want[i][1])
            assert_string_equal(cJSON_GetStringValue(policy), want[i][1]);
        else
            assert_true(cJSON_IsNull(policy));
        const cJSON *denied = find_rule(file_items(root, (size_t)i, false), "func.denied");
        const cJSON *star = find_rule(file_items(root, (size_t)i, false), "style.select-star");
        assert_true(i < 2 ? denied != NULL : denied == NULL);
        assert_non_null(star);
        assert_string_equal(str(star, "severity"), i == 2 ? "error" : "warning");
    }
    const cJSON *policies = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(root, "summary"), "policies");
    assert_int_equal(cJSON_GetArraySize(policies), 3);
    cJSON_Delete(root);
    free_result(&r);

    /* the text report's footer names them, with their files */
    r = RUN_IN(repo, "lint", "--no-timing", ".");
    assert_contains(r.out, "\npolicy: app/.sqlguard.json (2 files), app/legacy/.sqlguard.json (1 "
                           "file), defaults (1 file, no .sqlguard.json)\n");
    free_result(&r);
    /* from another directory the paths are as shown */
    r = RUN_IN(dir, "lint", "--no-timing", "repo/app/deep");
    assert_contains(r.out, "\npolicy: repo/app/.sqlguard.json (1 file)\n");
    free_result(&r);
    snprintf(repo, sizeof repo, "%s/repo/app/deep", dir);
    r = RUN_IN(repo, "lint", "--no-timing", "b.sql");
    assert_contains(r.out, "\npolicy: ../.sqlguard.json (1 file)\n");
    free_result(&r);
    /* --policy overrides discovery for every file */
    r = RUN_IN(dir, "lint", "--no-timing", "--policy", "repo/app/legacy/.sqlguard.json", "repo");
    assert_contains(r.out, "\npolicy: repo/app/legacy/.sqlguard.json (4 files, --policy)\n");
    free_result(&r);
    remove_tree(dir);
}

static void test_lint__policy_discovery(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "repo/sql/q.sql", "SELECT pg_sleep(id) FROM t ORDER BY id;\n");
    char sub[512];
    snprintf(sub, sizeof sub, "%s/repo/sql", dir);
    run_result r = RUN_IN(sub, "lint", "--no-timing");
    assert_status(&r, 1);
    assert_contains(r.out, "q.sql:1:8: error [func.denied]");
    free_result(&r);

    /* found two directories up */
    put(dir, "repo/.sqlguard.json",
        "{\"version\": 1, \"rules\": {\"func.denied\": {\"options\": {\"allow\": "
        "[\"^pg_sleep$\"]}}}}");
    r = RUN_IN(sub, "lint", "--no-timing", "--format", "json");
    assert_status(&r, 0);
    assert_not_contains(r.out, "func.denied");
    free_result(&r);

    /* --policy wins over discovery */
    put(dir, "strict.json", "{\"version\": 1, \"rules\": {}}");
    r = RUN_IN(sub, "lint", "--policy", "../../strict.json", "q.sql");
    assert_status(&r, 1);
    free_result(&r);

    /* a bad policy is exit 2, naming the key */
    put(dir, "repo/.sqlguard.json",
        "{\"version\": 1, \"rules\": {\"style.no-such-rule\": \"off\"}}");
    r = RUN_IN(sub, "lint");
    assert_status(&r, 2);
    assert_contains(r.err, "../.sqlguard.json");
    assert_contains(r.err, "style.no-such-rule");
    assert_string_equal(r.out, "");
    free_result(&r);
    /* the message names the file once, and says what a JSON-with-comments
     * policy and another linter's severity word are */
    put(dir, "repo/.sqlguard.json", "{\n  // ours\n  \"version\": 1\n}\n");
    r = RUN_IN(sub, "lint");
    assert_status(&r, 2);
    assert_string_equal(r.err, "sqlguard lint: ../.sqlguard.json: policy: invalid JSON: a comment "
                               "(JSON has none) at line 2, column 3\n");
    free_result(&r);
    put(dir, "repo/.sqlguard.json",
        "{\"version\": 1, \"rules\": {\"style.select-star\": \"warn\"}}");
    r = RUN_IN(sub, "lint");
    assert_status(&r, 2);
    assert_string_equal(r.err, "sqlguard lint: ../.sqlguard.json: policy: rules.style.select-star "
                               "severity \"warn\" is not \"error\", \"warning\" or \"off\" (did "
                               "you mean \"warning\"?)\n");
    free_result(&r);

    /* the corpus's own policy, found from inside corpus/lint */
    r = RUN_IN(SG_SOURCE_DIR "/corpus/lint", "lint", "--catalog", "catalog.json", "--no-timing");
    assert_status(&r, 1);
    assert_contains(r.out, "migrations/002_counterparties.sql:16:13: error "
                           "[style.insert-column-list]");
    assert_not_contains(r.out, "app.mask_iban");
    free_result(&r);
    remove_tree(dir);
}

/* Whether a file is a migration by its directory follows where it is, not how its path is
 * spelled: linted from inside `migrations/`, a data-only migration is still one (no
 * column.unknown from a later rename). Only directories below the repository root count. */
static void test_lint__migration_directory_from_inside(void **state)
{
    (void)state;
    char *dir = make_tree();
    put(dir, "repo/.git/HEAD", "ref: refs/heads/main\n");
    put(dir, "repo/migrations/20240101_init.sql",
        "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
    put(dir, "repo/migrations/20240102_backfill.sql",
        "UPDATE users SET name = 'x' WHERE name IS NULL;\n");
    put(dir, "repo/migrations/20240103_rename.sql",
        "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
    put(dir, "repo/q.sql", "SELECT name FROM users ORDER BY id LIMIT 5;\n");
    char repo[600], inside[600];
    snprintf(repo, sizeof repo, "%s/repo", dir);
    snprintf(inside, sizeof inside, "%s/repo/migrations", dir);
    run_result r = RUN_IN(repo, "catalog", "from-sql", "--data-source",
                          "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01", "-o", "cat.json", "migrations");
    assert_status(&r, 0);
    free_result(&r);
    r = RUN_IN(inside, "lint", "--no-timing", "--catalog", "../cat.json", ".");
    assert_status(&r, 0);
    assert_contains(r.out, "3 files, 3 statements: 0 errors");
    free_result(&r);
    r = RUN_IN(inside, "lint", "--no-timing", "--catalog", "../cat.json", "20240102_backfill.sql");
    assert_status(&r, 0);
    free_result(&r);
    /* a query file beside them is judged against the catalog */
    r = RUN_IN(repo, "lint", "--no-timing", "--catalog", "cat.json", "q.sql");
    assert_status(&r, 1);
    assert_contains(r.out, "q.sql:1:8: error [column.unknown]");
    free_result(&r);
    /* above the repository root, a directory's name says nothing */
    put(dir, "migrate/app/.git/HEAD", "ref: refs/heads/main\n");
    put(dir, "migrate/app/q.sql", "SELECT name FROM users ORDER BY id LIMIT 5;\n");
    char app[600];
    snprintf(app, sizeof app, "%s/migrate/app", dir);
    r = RUN_IN(app, "lint", "--no-timing", "--catalog", "../../repo/cat.json", "q.sql");
    assert_status(&r, 1);
    assert_contains(r.out, "q.sql:1:8: error [column.unknown]");
    free_result(&r);
    /* ... nor when the path is given whole */
    char whole[700];
    snprintf(whole, sizeof whole, "%s/q.sql", app);
    r = RUN_IN(app, "lint", "--no-timing", "--catalog", "../../repo/cat.json", whole);
    assert_status(&r, 1);
    assert_contains(r.out, "q.sql:1:8: error [column.unknown]");
    free_result(&r);
    /* without a repository, the file's own directory (and the one above) counts */
    put(dir, "plain/migrations/20240102_backfill.sql",
        "UPDATE users SET name = 'x' WHERE name IS NULL;\n");
    char plain[600];
    snprintf(plain, sizeof plain, "%s/plain/migrations", dir);
    r = RUN_IN(plain, "lint", "--no-timing", "--catalog", "../../repo/cat.json", ".");
    assert_status(&r, 0);
    free_result(&r);
    remove_tree(dir);
}

/* Seed data and test fixtures run once, for no caller, against the schema the catalog
 * describes: a seed's setval passes and its selects need no pagination, while the catalog
 * still judges its columns; the same text elsewhere is a file of queries. */
static void test_lint__seed_files(void **state)
{
    (void)state;
    static const char seed[] = "INSERT INTO clients (id, name) VALUES (1, 'Ana');\n"
                               "SELECT setval(pg_get_serial_sequence('clients', 'id'), 1);\n"
                               "SELECT name FROM clients WHERE name = 'Ana';\n";
    char *dir = make_tree();
    put(dir, "repo/.git/HEAD", "ref: refs/heads/main\n");
    put(dir, "repo/schema/001_init.sql",
        "CREATE TABLE clients (id serial PRIMARY KEY, name text NOT NULL);\n");
    put(dir, "repo/supabase/seed.sql", seed);
    put(dir, "repo/db/seeds/dev/users.sql", seed);
    put(dir, "repo/db/Seed_Users.sql", seed);
    put(dir, "repo/tests/fixtures/accounts.sql", seed);
    put(dir, "repo/db/users-seed.sql", seed);
    put(dir, "repo/db/seeds/typo.sql", "INSERT INTO clients (id, nmae) VALUES (1, 'Ana');\n");
    put(dir, "repo/q/queries.sql", seed);
    put(dir, "repo/q/seedling.sql", seed);
    put(dir, "repo/q/reseed.sql", seed);
    char repo[600], inside[600];
    snprintf(repo, sizeof repo, "%s/repo", dir);
    snprintf(inside, sizeof inside, "%s/repo/db/seeds", dir);
    run_result r = RUN_IN(repo, "catalog", "from-sql", "--data-source",
                          "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01", "-o", "cat.json", "schema");
    assert_status(&r, 0);
    free_result(&r);
    r = RUN_IN(repo, "lint", "--no-timing", "--catalog", "cat.json", "supabase", "db/seeds/dev",
               "db/Seed_Users.sql", "tests", "db/users-seed.sql");
    assert_status(&r, 0);
    assert_contains(r.out, "5 files, 15 statements: 0 errors, 0 warnings");
    free_result(&r);
    r = RUN_IN(repo, "lint", "--no-timing", "--catalog", "cat.json", "db/seeds/typo.sql");
    assert_status(&r, 1);
    assert_contains(r.out, "typo.sql:1:26: error [column.unknown]");
    free_result(&r);
    r = RUN_IN(inside, "lint", "--no-timing", "--catalog", "../../cat.json", "dev/users.sql");
    assert_status(&r, 0);
    free_result(&r);
    /* names that only contain the word are no seeds */
    r = RUN_IN(repo, "lint", "--no-timing", "--catalog", "cat.json", "q");
    assert_status(&r, 1);
    assert_contains(r.out, "q/queries.sql:2:8: error [func.denied] function setval is denied");
    assert_contains(r.out, "q/reseed.sql:3:1: warning [paginate.order-by-required]");
    assert_contains(r.out, "q/seedling.sql:2:8: error [func.denied]");
    free_result(&r);
    remove_tree(dir);
}

/* ---- sg_lint_text(): the library call ---------------------------------------------------- */

static sg_catalog *lint_catalog(void)
{
    sg_catalog *catalog = NULL;
    sg_error err;
    if (sg_catalog_load_file(LINT_CATALOG, &catalog, &err) != SG_OK)
        fail_msg("%s", err.message);
    return catalog;
}

/* Writes len bytes of `text` to a new temporary file; returns its path. */
static char *temp_file(const char *text, size_t len)
{
    char *path = temp_name("file");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, text + done, len - done);
        assert_true(n > 0);
        done += (size_t)n;
    }
    close(fd);
    return path;
}

/* `text` linted from a file with sg_lint_file(), failing the test on
 * anything but SG_OK. */
static sg_lint_result *lint_via_file(const sg_catalog *catalog, const char *text, size_t len,
                                     sg_lint_input input, const sg_lint_options *opts)
{
    char *path = temp_file(text, len);
    sg_lint_result *r = NULL;
    sg_error err;
    int rc = sg_lint_file(catalog, path, (size_t)64 << 20, input, opts, &r, &err);
    unlink(path);
    free(path);
    if (rc != SG_OK)
        fail_msg("sg_lint_file: %d %s", rc, err.message);
    assert_non_null(r);
    return r;
}

static bool same_string(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Fails unless `b` says what `a` says: status, statements, every finding and,
 * with `lines`, the lines findings are on (without, `b` keeps none). */
static void assert_same_results(const sg_lint_result *a, const sg_lint_result *b, bool lines)
{
    assert_int_equal(sg_lint_result_status(a), sg_lint_result_status(b));
    assert_int_equal(sg_lint_result_statement_count(a), sg_lint_result_statement_count(b));
    assert_int_equal(sg_lint_result_finding_count(a), sg_lint_result_finding_count(b));
    for (size_t i = 0; i < sg_lint_result_finding_count(a); i++) {
        sg_lint_finding x = finding(a, i), y = finding(b, i);
        if (!same_string(x.rule, y.rule) || !same_string(x.message, y.message) ||
            !same_string(x.reason, y.reason) || x.severity != y.severity || x.offset != y.offset ||
            x.line != y.line || x.column != y.column || x.suppressed != y.suppressed)
            fail_msg("finding %zu: %s at %ld (%ld:%ld) '%s', but %s at %ld (%ld:%ld) '%s'", i,
                     x.rule, x.offset, x.line, x.column, x.message, y.rule, y.offset, y.line,
                     y.column, y.message);
        size_t na = 0, nb = 0;
        const char *la = sg_lint_result_line(a, x.line, &na);
        const char *lb = sg_lint_result_line(b, y.line, &nb);
        if (!lines) {
            assert_null(lb);
            continue;
        }
        assert_true((la == NULL) == (lb == NULL));
        assert_int_equal(na, nb);
        if (la && memcmp(la, lb, na) != 0)
            fail_msg("line %ld: '%.*s', but '%.*s'", x.line, (int)na, la, (int)nb, lb);
    }
}

/* Lints `text` (NUL-terminated) and returns the result, failing the test on
 * anything but SG_OK. */
static sg_lint_result *lint(const sg_catalog *catalog, const char *text, sg_lint_input input)
{
    sg_lint_result *r = NULL;
    assert_int_equal(sg_lint_text(catalog, text, strlen(text), input, NULL, &r), SG_OK);
    assert_non_null(r);
    /* every text linted here lints the same from a file, read in parts, and
     * without keeping lines */
    sg_lint_result *from_file = lint_via_file(catalog, text, strlen(text), input, NULL);
    assert_same_results(r, from_file, true);
    sg_lint_result_free(from_file);
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.without_lines = true;
    from_file = lint_via_file(catalog, text, strlen(text), input, &opts);
    assert_same_results(r, from_file, false);
    sg_lint_result_free(from_file);
    return r;
}

/* sg_lint_result_memory() counts what a result holds: its findings and, when
 * lines are kept, their lines; not the text it was given. */
static void test_lint__result_memory(void **state)
{
    (void)state;
    assert_int_equal(sg_lint_result_memory(NULL), 0);
    static const char unit[] = "SELECT * FROM t WHERE kind = 'x' ORDER BY id;\n";
    size_t len = 0, copies = 2000;
    char *text = malloc(copies * (sizeof unit - 1) + 1);
    assert_non_null(text);
    for (size_t c = 0; c < copies; c++, len += sizeof unit - 1)
        memcpy(text + len, unit, sizeof unit - 1);
    text[len] = '\0';
    sg_lint_result *one = NULL, *many = NULL, *bare = NULL;
    assert_int_equal(sg_lint_text(NULL, unit, sizeof unit - 1, SG_LINT_INPUT_SQL, NULL, &one),
                     SG_OK);
    assert_int_equal(sg_lint_text(NULL, text, len, SG_LINT_INPUT_SQL, NULL, &many), SG_OK);
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.without_lines = true;
    assert_int_equal(sg_lint_text(NULL, text, len, SG_LINT_INPUT_SQL, &opts, &bare), SG_OK);
    size_t findings = sg_lint_result_finding_count(many);
    assert_true(findings >= copies); /* style.select-star on every line */
    /* each finding costs its record at least, and the lines kept their text */
    assert_true(sg_lint_result_memory(many) > sg_lint_result_memory(one));
    assert_true(sg_lint_result_memory(bare) >= findings * 24);
    assert_true(sg_lint_result_memory(many) >= sg_lint_result_memory(bare) + len);
    /* without lines it holds less */
    assert_true(sg_lint_result_memory(bare) < sg_lint_result_memory(many));
    /* the public copies made on first request are counted once made */
    size_t before = sg_lint_result_memory(bare);
    assert_non_null(sg_lint_result_finding(bare, 0));
    assert_true(sg_lint_result_memory(bare) >= before + findings * sizeof(sg_lint_finding));
    sg_lint_result_free(one);
    sg_lint_result_free(many);
    sg_lint_result_free(bare);
    free(text);
}

/* The only finding of `rule` (suppressed or not); fails when there is not
 * exactly one. */
static const sg_lint_finding *only(const sg_lint_result *r, const char *rule)
{
    /* a few answers stay valid at once: a test compares two findings */
    static sg_lint_finding slots[8];
    static size_t next;
    const sg_lint_finding *hit = NULL;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f = finding(r, i);
        if (strcmp(f.rule, rule) != 0)
            continue;
        if (hit)
            fail_msg("%s is reported twice", rule);
        slots[next % 8] = f;
        hit = &slots[next++ % 8];
    }
    if (!hit)
        fail_msg("no %s finding", rule);
    return hit;
}

static void assert_place(const sg_lint_finding *f, long offset, long line, long column)
{
    if (f->offset != offset || f->line != line || f->column != column)
        fail_msg("%s at offset %ld, %ld:%ld; expected %ld, %ld:%ld", f->rule, f->offset, f->line,
                 f->column, offset, line, column);
}

/* In a repository's SQL no parameter has a value: func.resource-bound reports sizes and
 * work it counts from constants, not what it cannot bound (the gateway's to deny). */
static void test_lint__resource_bound_counts_constants_only(void **state)
{
    (void)state;
    static const char text[] =
        "SELECT lpad(code, length(name) + 2, '.') FROM t ORDER BY 1;\n"
        "SELECT format('%*s', w, x) FROM t ORDER BY 1;\n"
        "SELECT repeat($1, $2);\n"
        "SELECT id FROM t WHERE name ILIKE ANY (SELECT a FROM x UNION SELECT b FROM y) "
        "ORDER BY id;\n"
        "SELECT repeat('x', 20000000);\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 5);
    size_t bound = 0;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f = finding(r, i);
        if (strcmp(f.rule, "func.resource-bound") == 0) {
            bound++;
            assert_int_equal(f.line, 5);
        }
    }
    assert_int_equal(bound, 1);
    sg_lint_result_free(r);
}

/* Query files name each query in a comment and may end none with `;` (aiosql, yesql,
 * HugSQL, PugSQL): each name header that follows a query's code starts the next one. A
 * header inside a line, or a name comment at a statement's start, splits nothing. */
static void test_lint__query_name_headers_split(void **state)
{
    (void)state;
    static const char text[] = "-- name: get-blog^\n"
                               "select blogid, title from blogs where blogid = :blogid\n"
                               "\n"
                               "-- name: purge!\n"
                               "delete from blogs\n"
                               "\n"
                               "-- :name blogs-by-title :? :*\n"
                               "-- :doc every blog\n"
                               "select blogid from blogs order by blogid\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 3);
    bool missing_where = false, syntax = false;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f = finding(r, i);
        missing_where |= strcmp(f.rule, "dml.missing-where") == 0 && f.line == 5;
        syntax |= strcmp(f.rule, "sql.syntax") == 0;
    }
    assert_true(missing_where);
    assert_false(syntax);
    sg_lint_result_free(r);
    /* sqlc's headers follow a `;`: the statements are the same */
    static const char sqlc[] = "-- name: GetBlog :one\n"
                               "SELECT blogid FROM blogs WHERE blogid = $1 ORDER BY blogid;\n"
                               "-- name: ListBlogs :many\n"
                               "SELECT blogid FROM blogs ORDER BY blogid;\n";
    r = lint(NULL, sqlc, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 2);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);
    /* a comment that only mentions a name, inside a statement, is no header */
    static const char inside[] = "SELECT blogid, -- name: the title\n"
                                 "  title FROM blogs ORDER BY blogid;\n"
                                 "SELECT blogid\n"
                                 "  -- the name: as written\n"
                                 "  FROM blogs ORDER BY blogid;\n";
    r = lint(NULL, inside, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 2);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);
}

/* A syntax error at a placeholder names it as the file wrote it: sqlc's `@name`, which the
 * parser read as `$1`, and a psycopg `%(name)s` or `%s`. */
static void test_lint__syntax_error_names_placeholder_as_written(void **state)
{
    (void)state;
    static const char at[] = "-- name: X :one\nSELECT id FROM t WHERE id = @id @other;\n";
    sg_lint_result *r = lint(NULL, at, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_finding_count(r), 1);
    sg_lint_finding f = finding(r, 0);
    assert_string_equal(f.rule, "sql.syntax");
    assert_string_equal(f.message, "syntax error at or near \"@other\"");
    sg_lint_result_free(r);
    static const char named[] = "SELECT id FROM t WHERE id = %(a)s %(b)s;\n";
    r = lint(NULL, named, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_finding_count(r), 1);
    f = finding(r, 0);
    assert_string_equal(f.message, "syntax error at or near \"%(b)s\"");
    sg_lint_result_free(r);
    static const char positional[] = "SELECT id FROM t WHERE id = %s %s;\n";
    r = lint(NULL, positional, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_finding_count(r), 1);
    f = finding(r, 0);
    assert_string_equal(f.message, "syntax error at or near \"%s\"");
    sg_lint_result_free(r);
}

/* Statements are cut by the scanner, linted one by one and placed in the
 * text; comments between statements belong to none. */
static void test_lint__text_splits_statements(void **state)
{
    (void)state;
    static const char text[] = "-- accounts\n"
                               "SELECT id FROM t ORDER BY id;\n"
                               "\n"
                               "/* all */ SELECT * FROM t ORDER BY id; SELECT id\n"
                               "  FROM t WHERE kind = 'x' ORDER BY id";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 3);
    assert_int_equal(sg_lint_result_finding_count(r), 2);
    /* in place order */
    sg_lint_finding star_found = finding(r, 0);
    const sg_lint_finding *star = &star_found;
    assert_string_equal(star->rule, "style.select-star");
    assert_place(star, (long)(strstr(text, "* FROM") - text), 4, 18);
    assert_false(star->suppressed);
    sg_lint_finding lit_found = finding(r, 1);
    const sg_lint_finding *lit = &lit_found;
    assert_string_equal(lit->rule, "style.literal-in-predicate");
    assert_place(lit, (long)(strstr(text, "'x'") - text), 5, 23);
    size_t n;
    const char *line = sg_lint_result_line(r, 5, &n);
    assert_int_equal(n, strlen("  FROM t WHERE kind = 'x' ORDER BY id"));
    assert_memory_equal(line, "  FROM t WHERE", 14);
    line = sg_lint_result_line(r, 4, &n);
    assert_int_equal(n, strlen("/* all */ SELECT * FROM t ORDER BY id; SELECT id"));
    assert_memory_equal(line, "/* all */", 9);
    /* the result keeps the lines its findings are on, not the text */
    for (long other = 1; other <= 3; other++) {
        n = 7;
        assert_null(sg_lint_result_line(r, other, &n));
        assert_int_equal(n, 0);
    }
    assert_null(sg_lint_result_line(r, 0, &n));
    assert_null(sg_lint_result_line(r, -1, &n));
    assert_null(sg_lint_result_line(r, 6, &n));
    assert_int_equal(n, 0);
    sg_lint_finding none;
    assert_false(sg_lint_result_get_finding(r, 2, &none));
    sg_lint_result_free(r);
}

/* A text of many statements is scanned part by part: every statement is
 * still linted once and its findings placed on its own line, with semicolons
 * in comments and literals never taken for the end of a part, whether the
 * text parses or one statement does not. */
static void test_lint__text_long_in_parts(void **state)
{
    (void)state;
    static const char stmt[] = "SELECT id FROM t ORDER BY id; -- one; two\n";
    static const char tail[] = "SELECT * FROM t ORDER BY id;\n"
                               "SELECT id FROM t WHERE kind = 'a;b' ORDER BY id;\n";
    enum { COPIES = 5000 };
    for (int bad = 0; bad <= 1; bad++) {
        size_t cap = COPIES * sizeof stmt + sizeof tail + 64;
        char *text = malloc(cap);
        assert_non_null(text);
        size_t len = 0;
        for (int i = 0; i < COPIES; i++) {
            const char *s = bad && i == COPIES / 2 ? "SELECT FROM FROM t; -- no; parse\n" : stmt;
            memcpy(text + len, s, strlen(s));
            len += strlen(s);
        }
        memcpy(text + len, tail, sizeof tail);
        sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
        assert_int_equal(sg_lint_result_statement_count(r), COPIES + 2);
        const sg_lint_finding *star = only(r, "style.select-star");
        assert_int_equal(star->line, COPIES + 1);
        assert_int_equal(star->column, 8);
        const sg_lint_finding *lit = only(r, "style.literal-in-predicate");
        assert_int_equal(lit->line, COPIES + 2);
        if (bad)
            assert_int_equal(only(r, "sql.syntax")->line, COPIES / 2 + 1);
        assert_int_equal(sg_lint_result_finding_count(r), 2 + (size_t)bad);
        sg_lint_result_free(r);
        free(text);
    }
}

/* A finding as a place and a rule, to compare runs. */
typedef struct placed {
    char rule[64];
    long line, column;
    bool suppressed;
} placed;

/* Whether the units linted alone belong to a migration (the whole text is
 * one: a unit of it holds DDL), and are linted as its statements are. */
static bool units_of_migration;

/* Appends the findings of `text` linted (`alone`: as a unit of a longer
 * text, else as the whole text), `lines` lines down, to `out` (n held, at
 * most `cap`), and adds its statements; returns how many it holds. */
static size_t lint_unit(const char *text, long lines, bool alone, placed *out, size_t n, size_t cap,
                        size_t *statements)
{
    /* a unit alone is linted from memory only; the whole text, also from a
     * file (lint()) */
    sg_lint_result *r = NULL;
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.migration = units_of_migration;
    if (alone)
        assert_int_equal(sg_lint_text(NULL, text, strlen(text), SG_LINT_INPUT_SQL, &opts, &r),
                         SG_OK);
    else
        r = lint(NULL, text, SG_LINT_INPUT_SQL);
    *statements += sg_lint_result_statement_count(r);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f_found = finding(r, i);
        const sg_lint_finding *f = &f_found;
        assert_true(n < cap);
        snprintf(out[n].rule, sizeof out[n].rule, "%s", f->rule);
        out[n].line = f->line + lines;
        out[n].column = f->column;
        out[n].suppressed = f->suppressed;
        n++;
    }
    sg_lint_result_free(r);
    return n;
}

static long count_lines(const char *s)
{
    long n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static int by_placed(const void *a, const void *b)
{
    const placed *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    int c = strcmp(x->rule, y->rule);
    return c ? c : (int)x->suppressed - (int)y->suppressed;
}

/* Appends unit `u` to the text and its findings, alone, to `want`. */
static void append_unit(char *text, size_t *len, long *lines, const char *u, placed *want,
                        size_t *nwant, size_t cap, size_t *statements)
{
    size_t n = strlen(u);
    memcpy(text + *len, u, n + 1);
    *nwant = lint_unit(u, *lines, true, want, *nwant, cap, statements);
    *lines += count_lines(u);
    *len += n;
}

/*
 * Text is cut and scanned in parts (of SG__LINT_PART_BYTES) that end where a
 * statement ends, and a file is read in parts: a long text lints exactly as its statements do one
 * by one, whatever statement stands at a part's end: one the parser or the scanner rejects at the
 * part's very end, a BEGIN ATOMIC body or a dollar-quoted body with semicolons, one the boundary
 * scan cuts inside (so the part is read again longer), an unclosed parenthesis, quoted semicolons,
 * suppression comments.
 */
static void test_lint__parts_lint_as_whole(void **state)
{
    (void)state;
    static const char *const fillers[] = {
        "SELECT * FROM t WHERE kind = 'x' ORDER BY id;\n",
        "-- a comment; with a semicolon in it\nUPDATE t SET a = 1;\n",
        "SELECT id FROM t WHERE id = $1 LIMIT 1;\n",
    };
    static const char *const specials[] = {
        "SELECT 1 +;\n",
        "SELECT 1 AS \"\";\n",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n"
        "  SELECT * FROM t;\nEND;\n",
        "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n"
        "  RAISE NOTICE 'a; %', 1;\n  RETURN 1;\nEND $$;\n",
        "SELECT * FROM t ORDER BY id; -- sqlguard-disable-line style.select-star -- fine\n",
        "/* sqlguard-disable dml.missing-where */\nDELETE FROM t;\n"
        "/* sqlguard-enable dml.missing-where */\n",
        "SELECT E'it\\'s; here' AS a, 'b;' AS \"c;\" ORDER BY 1;\n",
        "SELECT (1;\n",
        /* a parameter named begin: the boundary scan never sees this BEGIN
         * ATOMIC body close, reads the statement again without counting
         * blocks and cuts inside the body; the parser does not */
        "CREATE FUNCTION h(begin int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n"
        "  SELECT * FROM t;\n  SELECT 2;\nEND;\n",
    };
    enum { PART = SG__LINT_PART_BYTES, CAP = 8192 };
    placed *want = malloc(CAP * sizeof *want), *got = malloc(CAP * sizeof *got);
    char *text = malloc(3 * PART);
    assert_non_null(want);
    assert_non_null(got);
    assert_non_null(text);
    for (size_t s = 0; s < sizeof specials / sizeof *specials; s++) {
        const char *special = specials[s];
        long special_len = (long)strlen(special);
        /* a CREATE FUNCTION makes the whole text a migration's */
        units_of_migration = strstr(special, "CREATE ") != NULL;
        /* the special statement ends before, at and after the first place a
         * part may end, and straddles it */
        const long shifts[] = {-special_len / 2, -2, -1, 0, 1, 2, 7};
        for (size_t k = 0; k < sizeof shifts / sizeof *shifts; k++) {
            size_t len = 0, nwant = 0, want_statements = 0;
            long lines = 0;
            long target = PART - special_len + shifts[k];
            for (size_t i = 0; (long)(len + strlen(fillers[i % 3])) + 16 <= target; i++)
                append_unit(text, &len, &lines, fillers[i % 3], want, &nwant, CAP,
                            &want_statements);
            /* a comment line pads the text to the target */
            long pad = target - (long)len - 4;
            assert_true(pad >= 0);
            text[len++] = '-';
            text[len++] = '-';
            memset(text + len, ' ', (size_t)pad + 1);
            len += (size_t)pad + 1;
            text[len++] = '\n';
            lines++;
            append_unit(text, &len, &lines, special, want, &nwant, CAP, &want_statements);
            for (size_t i = 0; i < 40; i++)
                append_unit(text, &len, &lines, fillers[i % 3], want, &nwant, CAP,
                            &want_statements);
            size_t got_statements = 0;
            size_t ngot = lint_unit(text, 0, false, got, 0, CAP, &got_statements);
            qsort(want, nwant, sizeof *want, by_placed);
            qsort(got, ngot, sizeof *got, by_placed);
            if (ngot != nwant || got_statements != want_statements)
                print_message("special %zu shift %ld: %zu findings, %zu statements; want %zu, "
                              "%zu\n",
                              s, shifts[k], ngot, got_statements, nwant, want_statements);
            assert_int_equal(got_statements, want_statements);
            assert_int_equal(ngot, nwant);
            for (size_t i = 0; i < ngot; i++) {
                if (by_placed(&got[i], &want[i]) != 0)
                    print_message("special %zu shift %ld: got %s at %ld:%ld, want %s at %ld:%ld\n",
                                  s, shifts[k], got[i].rule, got[i].line, got[i].column,
                                  want[i].rule, want[i].line, want[i].column);
                assert_int_equal(by_placed(&got[i], &want[i]), 0);
            }
        }
    }
    units_of_migration = false;
    free(want);
    free(got);
    free(text);
}

/* A growing text (at most `cap` bytes). */
typedef struct text_buf {
    char *s;
    size_t len, cap;
} text_buf;

static void add_text(text_buf *t, const char *piece)
{
    size_t n = strlen(piece);
    assert_true(t->len + n < t->cap);
    memcpy(t->s + t->len, piece, n + 1);
    t->len += n;
}

/* Adds `piece` until the text is `until` bytes long. */
static void add_until(text_buf *t, const char *piece, size_t until)
{
    while (t->len + strlen(piece) < until)
        add_text(t, piece);
}

/* `text` linted with the placeholder style `style` (sg_lint_text()). */
static sg_lint_result *lint_styled(const char *text, sg_lint_placeholders style)
{
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.placeholders = style;
    sg_lint_result *r = NULL;
    assert_int_equal(sg_lint_text(NULL, text, strlen(text), SG_LINT_INPUT_SQL, &opts, &r), SG_OK);
    return r;
}

static size_t count_rule(const sg_lint_result *r, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++)
        n += strcmp(finding(r, i).rule, rule) == 0;
    return n;
}

/* A sql.syntax message is one line: PostgreSQL quotes the rest of the text
 * after an unterminated quote or comment, and it is cut to the token's first
 * line (and 60 bytes of it, whole characters); a short token is quoted whole. */
static void test_lint__syntax_message_one_line(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "SELECT 'abc\ndef\nghi AS x;\nDELETE FROM t;\n",
        "SELECT 1 AS x; /* never closed\nSELECT 2;\n",
        "SELECT $$x\ny AS z;\n",
        "SELECT 'ééééééééééééééééééééééééééééééééééééééééééééééééééé AS x;\n",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        sg_lint_result *r = lint(NULL, texts[k], SG_LINT_INPUT_SQL);
        size_t seen = 0;
        for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
            sg_lint_finding f = finding(r, i);
            if (strcmp(f.rule, "sql.syntax") != 0)
                continue;
            seen++;
            assert_null(strchr(f.message, '\n'));
            assert_non_null(strstr(f.message, "...\""));
            const char *near = strstr(f.message, "at or near \"");
            assert_non_null(near);
            assert_true(strlen(near) <= strlen("at or near \"") + 60 + 4);
        }
        assert_int_equal(seen, 1);
        sg_lint_result_free(r);
    }
    sg_lint_result *r = lint(NULL, "SELECT 1 AS \"\";\n", SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_finding_count(r), 1);
    assert_string_equal(finding(r, 0).message,
                        "zero-length delimited identifier at or near \"\"\"\"");
    sg_lint_result_free(r);
}

/* pg_dump's COPY data many parts long, with quotes, semicolons and psycopg
 * look-alikes in it: no part ends inside it, none of it is SQL, and the
 * statements around it are linted in $n style (lint() also reads it from a
 * file, part by part). */
static void test_lint__copy_data_across_parts(void **state)
{
    (void)state;
    enum { PART = SG__LINT_PART_BYTES };
    text_buf t = {malloc(8 * PART), 0, 8 * PART};
    assert_non_null(t.s);
    t.s[0] = '\0';
    add_text(&t, "SELECT pg_sleep(1);\nCOPY public.t (a, b) FROM stdin;\n");
    long lines = 2;
    while (t.len < 5 * PART) {
        add_text(&t, "42\tit's; %(x)s $$ /* -- \\N\n");
        lines++;
    }
    add_text(&t, "\\.\nDELETE FROM t;\n");
    sg_lint_result *r = lint(NULL, t.s, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 3);
    assert_int_equal(found_at(r, "func.denied", 1), 1);
    assert_int_equal(found_at(r, "dml.missing-where", lines + 2), 1);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++)
        assert_true(finding(r, i).severity != SG_SEVERITY_ERROR ||
                    strcmp(finding(r, i).rule, "func.denied") == 0);
    sg_lint_result_free(r);

    /* the COPY statement ends just before, at or just after a part's length:
     * no part ends between it and its data */
    for (long shift = -40; shift <= 40; shift += 3) {
        t.len = 0;
        t.s[0] = '\0';
        size_t statements = 0;
        while ((long)t.len < (long)PART - 30 + shift) {
            add_text(&t, "SELECT 1 AS a;\n");
            statements++;
        }
        add_text(&t, "COPY t FROM stdin;\n1\tit's; %(x)s\n2\t$$\n\\.\nDELETE FROM t;\n");
        r = lint(NULL, t.s, SG_LINT_INPUT_SQL);
        assert_int_equal(sg_lint_result_statement_count(r), statements + 2);
        assert_int_equal(sg_lint_result_finding_count(r), 1);
        assert_string_equal(finding(r, 0).rule, "dml.missing-where");
        sg_lint_result_free(r);
    }
    free(t.s);
}

/*
 * Files many parts long, read through windows of whole lines: a statement
 * longer than the window first read, a line holding hundreds of statements
 * (a part ends inside it), a disable/enable span and suppressions across
 * parts, an unused suppression far from its part, lines ending in CR LF, a
 * byte order mark and multi-byte characters. lint() checks that each lints
 * from a file exactly as from memory, with and without lines.
 */
static void test_lint__long_files_in_windows(void **state)
{
    (void)state;
    enum { PART = SG__LINT_PART_BYTES };
    text_buf t = {malloc(16 * PART), 0, 16 * PART};
    assert_non_null(t.s);
    for (int variant = 0; variant < 4; variant += 3) { /* plain; a BOM and CR LF */
        t.len = 0;
        t.s[0] = '\0';
        if (variant & 1)
            add_text(&t, "\xEF\xBB\xBF");
        const char *nl = variant & 2 ? "\r\n" : "\n";
        char piece[256];
        snprintf(piece, sizeof piece,
                 "SELECT * FROM t WHERE kind = '\xC3\xA9t\xC3\xA9' ORDER BY id;%s", nl);
        add_text(&t, "-- sqlguard-disable-next-line dml.missing-where\nSELECT 1;\n"); /* unused */
        add_text(&t, "/* sqlguard-disable style.select-star -- a span over parts */\n");
        add_until(&t, piece, PART / 2);
        add_until(&t, "UPDATE t SET a = 1; DELETE FROM t; ", 3 * PART / 2); /* one long line */
        add_text(&t, nl);
        add_text(&t, "/* sqlguard-enable style.select-star */\n");
        /* a statement three parts long, on one line */
        add_text(&t, "SELECT 1");
        add_until(&t, " + 1", 5 * PART);
        add_text(&t, " AS total FROM t WHERE a = 'x' ORDER BY 1;");
        add_text(&t, nl);
        add_until(&t, piece, 6 * PART);
        add_text(&t, "-- sqlguard-disable-next-line dml.missing-where -- a backfill\n");
        add_text(&t, "DELETE FROM t;\n");
        add_until(&t, "SELECT id FROM t WHERE id = $1 LIMIT 1;\n", 9 * PART);
        add_text(&t, "SELECT id FROM t ORDER BY id; -- sqlguard-disable-line style.select-star\n");
        add_until(&t, piece, 11 * PART);
        add_text(&t, "SELECT (1;\nSELECT 1 AS \"\";\n");
        add_until(&t, piece, 12 * PART);
        sg_lint_result *r = lint(NULL, t.s, SG_LINT_INPUT_SQL);
        /* the span and the line suppressions hold across parts */
        size_t statements = sg_lint_result_statement_count(r);
        assert_true(statements > 1000);
        size_t stars = count_rule(r, "style.select-star"), suppressed = 0;
        for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
            sg_lint_finding f = finding(r, i);
            if (f.suppressed)
                suppressed++;
            if (f.suppressed && strcmp(f.rule, "style.select-star") == 0)
                assert_true(f.line < 400); /* within the span, not after it */
        }
        assert_true(stars > suppressed);
        assert_true(suppressed > 100);
        /* the first disable-next-line and the disable-line, parts apart */
        assert_int_equal(count_rule(r, "lint.unused-suppression"), 2);
        assert_int_equal(count_rule(r, "sql.syntax"), 2);
        sg_lint_result_free(r);
    }
    free(t.s);
}

/*
 * The text decides its placeholder style: it is read as $n text until a
 * psycopg placeholder shows, in its first part or many parts on (then it is
 * read again from the start), and lints as the style it writes, from memory
 * and from a file.
 */
static void test_lint__placeholder_style_decided_by_the_file(void **state)
{
    (void)state;
    enum { PART = SG__LINT_PART_BYTES };
    text_buf t = {malloc(8 * PART), 0, 8 * PART};
    assert_non_null(t.s);
    const char *like = "SELECT a FROM t WHERE a LIKE 'x%' ORDER BY a;\n";
    const size_t at[] = {0, 1, PART - 30, PART + 30, 3 * PART};
    for (size_t k = 0; k <= sizeof at / sizeof *at; k++) {
        t.len = 0;
        t.s[0] = '\0';
        bool psycopg = k < sizeof at / sizeof *at;
        if (psycopg)
            add_until(&t, like, at[k]);
        if (psycopg)
            add_text(&t, "SELECT a FROM t WHERE id = %(id)s ORDER BY a;\n");
        add_until(&t, like, 4 * PART);
        sg_lint_result *decided = lint(NULL, t.s, SG_LINT_INPUT_SQL);
        sg_lint_result *set =
            lint_styled(t.s, psycopg ? SG_LINT_PLACEHOLDERS_PSYCOPG : SG_LINT_PLACEHOLDERS_DOLLAR);
        assert_same_results(set, decided, true);
        /* psycopg chokes on every '%' of a literal; $n text does not mind */
        size_t likes = sg_lint_result_statement_count(decided) - (psycopg ? 1 : 0);
        assert_int_equal(count_rule(decided, "params.syntax"), psycopg ? likes : 0);
        assert_int_equal(count_rule(decided, "sql.syntax"), 0);
        sg_lint_result_free(decided);
        sg_lint_result_free(set);
    }
    free(t.s);
}

static void *first_copy(void *arg)
{
    const sg_lint_result *r = arg;
    return (void *)sg_lint_result_finding(r, sg_lint_result_finding_count(r) - 1);
}

/* sg_lint_result_finding(), kept for programs built against it, gives what
 * sg_lint_result_get_finding() copies out, the same copy to every thread. */
static void test_lint__finding_pointers(void **state)
{
    (void)state;
    sg_lint_result *r = lint(NULL,
                             "SELECT * FROM t;\nDELETE FROM t;\n"
                             "SELECT a FROM t WHERE a = 'x' ORDER BY a; -- sqlguard-disable-line "
                             "style.literal-in-predicate -- known\n",
                             SG_LINT_INPUT_SQL);
    size_t n = sg_lint_result_finding_count(r);
    assert_true(n >= 3);
    pthread_t threads[4];
    void *got[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, first_copy, r), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(threads[i], &got[i]), 0);
        assert_ptr_equal(got[i], got[0]);
    }
    for (size_t i = 0; i < n; i++) {
        sg_lint_finding f = finding(r, i);
        const sg_lint_finding *p = sg_lint_result_finding(r, i);
        assert_non_null(p);
        assert_string_equal(p->rule, f.rule);
        assert_string_equal(p->message, f.message);
        assert_true(same_string(p->reason, f.reason));
        assert_int_equal(p->offset, f.offset);
        assert_int_equal(p->line, f.line);
        assert_int_equal(p->column, f.column);
        assert_int_equal(p->severity, f.severity);
        assert_int_equal(p->suppressed, f.suppressed);
    }
    assert_ptr_equal(sg_lint_result_finding(r, n - 1), got[0]);
    assert_null(sg_lint_result_finding(r, n));
    assert_null(sg_lint_result_finding(NULL, 0));
    sg_lint_result_free(r);
}

/* What sg_lint_file() refuses, each with the path and the reason. */
static void test_lint__file_errors(void **state)
{
    (void)state;
    sg_lint_result *r = (sg_lint_result *)&r;
    sg_error err;
    assert_int_equal(sg_lint_file(NULL, "x.sql", 100, SG_LINT_INPUT_SQL, NULL, NULL, &err),
                     SG_EINVAL);
    assert_int_equal(sg_lint_file(NULL, NULL, 100, SG_LINT_INPUT_SQL, NULL, &r, &err), SG_EINVAL);
    assert_null(r);
    assert_int_equal(sg_lint_file(NULL, "x.sql", 100, (sg_lint_input)3, NULL, &r, NULL), SG_EINVAL);

    assert_int_equal(
        sg_lint_file(NULL, "/nonexistent/a.sql", 100, SG_LINT_INPUT_SQL, NULL, &r, &err), SG_EIO);
    assert_null(r);
    assert_string_equal(err.message,
                        "/nonexistent/a.sql: cannot be read: No such file or directory");
    assert_int_equal(sg_lint_file(NULL, "/tmp", 100, SG_LINT_INPUT_SQL, NULL, &r, &err), SG_EIO);
    assert_string_equal(err.message, "/tmp: is a directory");

    /* a FIFO is refused, not waited on */
    char *fifo = temp_name("fifo");
    int fd = mkstemp(fifo);
    assert_true(fd >= 0);
    close(fd);
    unlink(fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(sg_lint_file(NULL, fifo, 100, SG_LINT_INPUT_SQL, NULL, &r, &err), SG_EIO);
    assert_non_null(strstr(err.message, ": is not a regular file"));
    unlink(fifo);
    free(fifo);

    /* the bound: at it, and one byte over */
    char *path = temp_file("SELECT 1;\n", 10);
    assert_int_equal(sg_lint_file(NULL, path, 9, SG_LINT_INPUT_SQL, NULL, &r, &err), SG_ETOOBIG);
    assert_null(r);
    assert_non_null(strstr(err.message, "is 10 bytes, over the limit of 9 bytes"));
    assert_int_equal(sg_lint_file(NULL, path, 10, SG_LINT_INPUT_SQL, NULL, &r, &err), SG_OK);
    assert_int_equal(sg_lint_result_statement_count(r), 1);
    sg_lint_result_free(r);
    unlink(path);
    free(path);

    /* an empty file, text that is not UTF-8 (a lint.file finding at its
     * place, past a part's worth of text), and JSON */
    path = temp_file("", 0);
    assert_int_equal(sg_lint_file(NULL, path, 10, SG_LINT_INPUT_SQL, NULL, &r, &err), SG_OK);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);
    unlink(path);
    free(path);
    enum { N = 3 * SG__LINT_PART_BYTES / 10 * 10 }; /* whole lines */
    char *bad = malloc(N + 32);
    assert_non_null(bad);
    for (size_t i = 0; i < N; i += 10)
        memcpy(bad + i, "SELECT 1;\n", 10);
    memcpy(bad + N, "SELECT '\xFF';\n", 12);
    path = temp_file(bad, N + 12);
    assert_int_equal(sg_lint_file(NULL, path, N + 12, SG_LINT_INPUT_SQL, NULL, &r, &err), SG_OK);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_UNREADABLE);
    assert_int_equal(sg_lint_result_finding_count(r), 1);
    sg_lint_finding f = finding(r, 0);
    assert_string_equal(f.rule, SG_LINT_RULE_FILE);
    assert_int_equal(f.offset, N + 8);
    assert_int_equal(f.line, N / 10 + 1);
    assert_int_equal(f.column, 9);
    size_t n;
    const char *line = sg_lint_result_line(r, f.line, &n);
    assert_int_equal(n, 11);
    assert_memory_equal(line, "SELECT '\xFF';", 11);
    sg_lint_result_free(r);
    unlink(path);
    free(path);
    free(bad);
    static const char op[] = "{\"operation\": \"select\", \"sql\": \"SELECT * FROM t\"}";
    path = temp_file(op, strlen(op));
    assert_int_equal(sg_lint_file(NULL, path, 100, SG_LINT_INPUT_JSON, NULL, &r, &err), SG_OK);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_SKIPPED);
    sg_lint_result_free(r);
    unlink(path);
    free(path);
}

/* Indexes the file at `path` as sg_lint_file() first reads it; the caller
 * frees the result and closes *fd. */
static sg_lint_result *indexed(const char *path, sg__lint_source *src, int *fd)
{
    *fd = open(path, O_RDONLY);
    assert_true(*fd >= 0);
    struct stat st;
    assert_int_equal(fstat(*fd, &st), 0);
    *src = (sg__lint_source){.mem = NULL, .fd = *fd, .path = path};
    sg_lint_result *r = sg__lint_result_new(src, (size_t)st.st_size);
    assert_non_null(r);
    size_t bad;
    assert_int_equal(sg__lint_index(r, &bad), 0);
    assert_int_equal(bad, SIZE_MAX);
    return r;
}

/*
 * A file that changes while it is linted is not trusted: a part read again
 * must hold its line breaks where the first read found them, and no NUL
 * byte or broken UTF-8; a shorter or longer file is noticed. sg_lint_file() then
 * fails with SG_EIO (the window says why).
 */
static void test_lint__file_changed_while_linted(void **state)
{
    (void)state;
    static const char text[] = "SELECT 1;\nSELECT 2;\nSELECT 3;\n";
    static const char *const changed[] = {
        "SELECT 1;\nSELECT 2; SELECT 3\n",      /* a line break moved */
        "SELECT 1;\nSELECT\n2;SELECT 3;\n",     /* one more */
        "SELECT 1;\nSELECT 2;\0SELECT 3\n",     /* a NUL byte */
        "SELECT 1;\nSELECT '\xC3';SELECT 3;\n", /* broken UTF-8 */
        "SELECT 1;\nSELECT 2;\n",               /* shorter */
    };
    const size_t lengths[] = {30, 30, 30, 30, 20};
    for (size_t k = 0; k < sizeof changed / sizeof *changed; k++) {
        char *path = temp_file(text, strlen(text));
        sg__lint_source src;
        int fd;
        sg_lint_result *r = indexed(path, &src, &fd);
        /* unchanged, any window reads */
        assert_int_equal(sg__lint_window(r, 12, 14), 0);
        assert_int_equal(r->win_from, 10);
        assert_int_equal(r->win_len, 10);
        assert_memory_equal(sg__lint_at(r, 10), "SELECT 2;\n", 10);
        /* rewritten in place (the same file, as an editor saving over it) */
        int w = open(path, O_WRONLY | O_TRUNC);
        assert_true(w >= 0);
        assert_int_equal(write(w, changed[k], lengths[k]), (ssize_t)lengths[k]);
        close(w);
        r->text = NULL; /* forget the window held */
        assert_int_equal(sg__lint_window(r, 0, 30), -1);
        assert_int_equal(r->io_errno, -1);
        sg_lint_result_free(r);
        close(fd);
        unlink(path);
        free(path);
    }
    /* a file that grows between its opening and the end of its first read */
    char *path = temp_file(text, strlen(text));
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    sg__lint_source src = {.mem = NULL, .fd = fd, .path = path};
    sg_lint_result *r = sg__lint_result_new(&src, strlen(text));
    assert_non_null(r);
    int w = open(path, O_WRONLY | O_APPEND);
    assert_true(w >= 0);
    assert_int_equal(write(w, "SELECT 4;\n", 10), 10);
    close(w);
    size_t bad;
    assert_int_equal(sg__lint_index(r, &bad), -1);
    assert_int_equal(r->io_errno, -1);
    sg_lint_result_free(r);
    close(fd);
    unlink(path);
    free(path);
}

/* A statement that does not parse is one sql.syntax finding; the statements
 * around it are linted all the same. */
static void test_lint__text_bad_statement_among_good_ones(void **state)
{
    (void)state;
    static const char text[] = "SELECT id FROM t ORDER BY id;\n"
                               "SELECT id FROM t WHERE ORDER BY id;\n"
                               "SELECT * FROM t ORDER BY id;\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 3);
    assert_int_equal(sg_lint_result_finding_count(r), 2);
    assert_place(only(r, "sql.syntax"), (long)(strstr(text, "ORDER BY id;\nSELECT *") - text), 2,
                 24);
    assert_place(only(r, "style.select-star"), (long)(strrchr(text, '*') - text), 3, 8);
    sg_lint_result_free(r);

    /* an unterminated literal: the scanner rejects the text, the boundary
     * scan still cuts the statement before it off */
    static const char lexical[] = "\n  SELECT 1;\nSELECT 'open\n";
    r = lint(NULL, lexical, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 2);
    assert_place(only(r, "sql.syntax"), (long)(strchr(lexical, '\'') - lexical), 3, 8);
    sg_lint_result_free(r);
}

/* How many findings of `rule` (not suppressed) are on line `line`. */
static size_t found_at(const sg_lint_result *r, const char *rule, long line)
{
    size_t n = 0;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f_found = finding(r, i);
        const sg_lint_finding *f = &f_found;
        n += strcmp(f->rule, rule) == 0 && f->line == line && !f->suppressed;
    }
    return n;
}

/* The statements around one that the scanner rejects (a zero-length quoted
 * identifier) still report their own findings, each at its own line. */
static void test_lint__recover_the_four_statements(void **state)
{
    (void)state;
    static const char text[] = "SELECT pg_sleep(1);\n"
                               "SELECT 1 AS \"\";\n"
                               "DELETE FROM t;\n"
                               "SELECT pg_read_file('/etc/passwd');\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 4);
    assert_int_equal(found_at(r, "func.denied", 1), 1);
    assert_place(only(r, "sql.syntax"), (long)(strstr(text, "\"\"") - text), 2, 13);
    assert_int_equal(found_at(r, "dml.missing-where", 3), 1);
    assert_int_equal(found_at(r, "func.denied", 4), 1);
    sg_lint_result_free(r);

    /* the same on one line: places are columns of that line */
    static const char one_line[] =
        "SELECT pg_sleep(1); SELECT 1 AS \"\"; DELETE FROM t; SELECT pg_read_file('/etc/passwd');";
    r = lint(NULL, one_line, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 4);
    assert_place(only(r, "sql.syntax"), (long)(strstr(one_line, "\"\"") - one_line), 1,
                 (long)(strstr(one_line, "\"\"") - one_line) + 1);
    assert_place(only(r, "dml.missing-where"), (long)(strstr(one_line, "t;") - one_line), 1,
                 (long)(strstr(one_line, "t;") - one_line) + 1);
    assert_int_equal(found_at(r, "func.denied", 1), 2);
    sg_lint_result_free(r);
}

typedef struct recover_case {
    const char *name;
    const char *text;
    size_t statements;
    long syntax_lines[3]; /* lines with one sql.syntax each, 0-terminated */
    long denied_lines[3]; /* lines with one func.denied each */
    long delete_line;     /* the line of the DELETE without WHERE, 0 for none */
} recover_case;

/* A family of texts the scanner or the parser rejects, each with the lines
 * where the bad statements and the good ones report. */
static void test_lint__recover_variants(void **state)
{
    (void)state;
    static const recover_case cases[] = {
        {"bad escape", "SELECT pg_sleep(1);\nSELECT E'\\u00zz';\nDELETE FROM t;\n", 3, {2}, {1}, 3},
        {"unterminated literal at the end",
         "SELECT pg_sleep(1);\nDELETE FROM t;\nSELECT 'open\n",
         3,
         {3},
         {1},
         2},
        {"unterminated quoted identifier at the end",
         "DELETE FROM t;\nSELECT \"open;\n",
         2,
         {2},
         {0},
         1},
        {"odd token in the middle",
         "SELECT pg_sleep(1);\nSELECT 1 +* FROM t;\nDELETE FROM t;\n",
         3,
         {2},
         {1},
         3},
        {"parenthesis never closed",
         "SELECT pg_sleep(1);\nSELECT (1;\nDELETE FROM t;\nSELECT pg_read_file('x');\n",
         4,
         {2},
         {1, 4},
         3},
        {"several bad statements",
         "SELECT 1 AS \"\";\nSELECT pg_sleep(1);\nSELECT U&'\\00zz';\nDELETE FROM t;\n"
         "SELECT E'\\xzz' FROM;\n",
         5,
         {1, 3, 5},
         {2},
         4},
        {"semicolons in quotes, comments and dollar quotes",
         "SELECT 'a;b' AS \"x;y\", E'it\\'s;' FROM t ORDER BY 1; /* c; /* nested; */ ; */\n"
         "SELECT $f$;$f$, $$;$$, pg_sleep(1) -- ;\n  FROM t ORDER BY 1;\nSELECT 1 AS \"\";\n"
         "DELETE FROM t",
         4,
         {4},
         {2},
         5},
        /* psql's commands are psql's: skipped, and \\gset sends the query before it */
        {"psql commands",
         "\\set ON_ERROR_STOP 1\nSELECT pg_sleep(1) \\gset\nSELECT 1 AS \"\";\n"
         "DELETE FROM t;\n",
         3,
         {3},
         {2},
         4},
        {"psql commands that send the query",
         "SELECT pg_sleep(1)\n\\g\nSELECT pg_sleep(2) \\gx\nSELECT 'x' AS q \\gexec\n"
         "\\connect other\n\\i setup.sql\nSELECT pg_sleep(3) \\watch 5\nDELETE FROM t;\n",
         5,
         {0},
         {1, 3, 7},
         8},
        /* a command's arguments end at the next backslash outside quotes;
         * \; separates two statements psql sends together */
        {"psql's \\; between statements",
         "SELECT pg_sleep(1) \\; DELETE FROM t;\nSELECT pg_sleep(2);\n",
         3,
         {0},
         {1, 2},
         1},
        {"psql's \\bind and \\g on one line",
         "SELECT $1::int AS a \\bind 42 \\g\nSELECT pg_sleep(1);\nDELETE FROM t;\n",
         3,
         {0},
         {2},
         3},
        {"psql's separator \\\\ and quoted backslashes in arguments",
         "\\echo 'a\\\\b \\g' \"c\\d\" \\\\ SELECT pg_sleep(1);\n\\x on \\\\ \\pset format "
         "aligned\nDELETE FROM t;\n\\! echo 'x' \\ SELECT 1 AS \"\";\nSELECT pg_sleep(2);\n",
         3,
         {0},
         {1, 5},
         3},
        /* psql's variables stand for their values: a name, a literal, an
         * identifier; a ':' in a slice, a cast or := is SQL's */
        {"psql variables",
         "\\set tbl widgets\nSELECT pg_sleep(1) FROM :tbl WHERE id = :id AND n = :'label';\n"
         "DELETE FROM :\"tbl\";\nSELECT a[lo:hi], b[1:2], c[:n], x::int FROM t WHERE f(a := 1) "
         "ORDER BY 1;\n",
         3,
         {0},
         {2},
         3},
        /* Liquibase ends a changeset at the next `--changeset author:id` line, whether or
         * not its last statement has a semicolon; one inside a string is no such line */
        {"Liquibase changesets without semicolons",
         "--liquibase formatted sql\n--changeset a:1\nSELECT pg_sleep(1)\n--rollback x\n"
         "--changeset a:2 runOnChange:true\nDELETE FROM t\n--changeset b:3\n"
         "SELECT 'x\n--changeset c:4\n' AS q, pg_sleep(2)\n",
         3,
         {0},
         {3, 10},
         6},
        /* the spellings Liquibase matches (blanks, case, a quoted author, a blank after the
         * colon); a parenthesis left open before a changeset line ends at it */
        {"Liquibase changeset spellings and an open parenthesis",
         "--liquibase formatted sql\n-- changeset a:1\nSELECT pg_sleep(1)\n"
         "  --ChangeSet \"J D\":2\nSELECT nope(\n--changeset b: 3\nDELETE FROM t\n",
         3,
         {5},
         {3},
         7},
        /* without the changelog's first line, such a comment is a comment */
        {"a changeset line in a file that is no changelog",
         "SELECT id,\n--changeset old:1 (commented out)\n  name FROM users WHERE id = 1;\n"
         "DELETE FROM t;\n",
         2,
         {0},
         {0},
         4},
        /* a statement that is a psql variable (`:q;`) is what the variable holds */
        {"psql variables that hold the statement",
         "\\set q 'SELECT 1 AS one'\n:q;\n:q \\gx\n:'q';\nSELECT pg_sleep(1);\nDELETE FROM t;\n",
         2,
         {0},
         {5},
         6},
        {"psql variables in a file without a backslash",
         "SELECT pg_sleep(1) WHERE :'v' <> '' AND :n > 0;\nDELETE FROM t;\n",
         2,
         {0},
         {1},
         2},
        /* COPY ... FROM STDIN data is psql's too, whatever it holds */
        {"COPY data of pg_dump",
         "COPY t (a, b) FROM stdin;\n1\tit's; DROP\n2\t\\N\n\\.\nDELETE FROM t;\n"
         "SELECT pg_sleep(1);\n",
         3,
         {0},
         {6},
         5},
        {"COPY data in CSV, with CR LF, and a quote left open",
         "COPY public.t FROM STDIN WITH (FORMAT csv);\r\n\"a;b\",$$x\r\n\\.\r\n"
         "SELECT pg_sleep(1);\r\nDELETE FROM t;\r\n",
         3,
         {0},
         {4},
         5},
        {"COPY data to the end of the file",
         "SELECT pg_sleep(1);\nDELETE FROM t;\ncopy t from stdin;\n1\t2\nnot SQL at all\n",
         3,
         {0},
         {1},
         2},
        {"COPY data, then a statement the scanner rejects",
         "COPY t FROM stdin;\n1\n\\.\nSELECT 1 AS \"\" \\gset\nSELECT pg_sleep(1);\nDELETE FROM "
         "t;\n",
         4,
         {4},
         {5},
         6},
        {"psql's \\copy from stdin reads the lines after it",
         "SELECT pg_sleep(1);\n\\copy t (a, b) from stdin with csv\n1,it's; DROP\n\\.\n"
         "DELETE FROM t;\n\\copy t to stdout\nSELECT 1 AS x;\n",
         3,
         {0},
         {1},
         5},
        {"COPY TO STDOUT has no data",
         "COPY t TO STDOUT;\nSELECT pg_sleep(1);\nDELETE FROM t;\n",
         3,
         {0},
         {2},
         3},
        /* an unterminated comment hides nothing */
        {"a comment never closed",
         "SELECT pg_sleep(1); /* never closed\nDELETE FROM t;\n",
         2,
         {1},
         {1},
         0},
        {"a function body in SQL",
         "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
         "SELECT 1 AS \"\";\nDELETE FROM t;\n",
         3,
         {3},
         {0},
         4},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const recover_case *k = &cases[c];
        sg_lint_result *r = lint(NULL, k->text, SG_LINT_INPUT_SQL);
        size_t syntax = 0, denied = 0;
        if (sg_lint_result_statement_count(r) != k->statements)
            fail_msg("%s: %zu statements, expected %zu", k->name, sg_lint_result_statement_count(r),
                     k->statements);
        for (size_t i = 0; i < 3 && k->syntax_lines[i]; i++, syntax++)
            if (found_at(r, "sql.syntax", k->syntax_lines[i]) != 1)
                fail_msg("%s: no sql.syntax on line %ld", k->name, k->syntax_lines[i]);
        for (size_t i = 0; i < 3 && k->denied_lines[i]; i++, denied++)
            if (found_at(r, "func.denied", k->denied_lines[i]) != 1)
                fail_msg("%s: no func.denied on line %ld", k->name, k->denied_lines[i]);
        if (k->delete_line && found_at(r, "dml.missing-where", k->delete_line) != 1)
            fail_msg("%s: no dml.missing-where on line %ld", k->name, k->delete_line);
        /* nothing more of these than expected */
        size_t all_syntax = 0, all_denied = 0;
        for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
            all_syntax += strcmp(finding(r, i).rule, "sql.syntax") == 0;
            all_denied += strcmp(finding(r, i).rule, "func.denied") == 0;
        }
        if (all_syntax != syntax || all_denied != denied)
            fail_msg("%s: %zu sql.syntax and %zu func.denied, expected %zu and %zu", k->name,
                     all_syntax, all_denied, syntax, denied);
        sg_lint_result_free(r);
    }
}

/* Where the scanner rejects the text, the boundary scan's comments still
 * carry suppressions, and a directive in a literal is still text. */
static void test_lint__recover_keeps_suppressions(void **state)
{
    (void)state;
    static const char text[] = "SELECT 1 AS \"\";\n"
                               "-- sqlguard-disable-next-line func.denied -- a test of the wait\n"
                               "SELECT pg_sleep(1) WHERE '-- sqlguard-disable-next-line x' <> '';\n"
                               "/* sqlguard-disable-next-line dml.missing-where */\n"
                               "SELECT 1;\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 3);
    const sg_lint_finding *denied = only(r, "func.denied");
    assert_true(denied->suppressed);
    assert_string_equal(denied->reason, "a test of the wait");
    assert_int_equal(denied->line, 3);
    assert_int_equal(only(r, SG_LINT_RULE_UNUSED_SUPPRESSION)->line, 4);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++)
        assert_string_not_equal(finding(r, i).rule, SG_LINT_RULE_UNKNOWN_RULE);
    sg_lint_result_free(r);
}

/* Suppression comments: the reason is kept, a directive that suppresses
 * nothing or names an unknown rule is reported, a directive in a literal is
 * text. */
static void test_lint__text_suppression(void **state)
{
    (void)state;
    static const char text[] =
        "-- sqlguard-disable-next-line style.select-star -- mirrors the table\n"
        "SELECT * FROM t ORDER BY id;\n"
        "/* sqlguard-disable-next-line func.denied */\n"
        "SELECT id FROM t WHERE note <> '-- sqlguard-disable-next-line nope' ORDER BY id;\n"
        "-- sqlguard-enable style.select-stars\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    const sg_lint_finding *star = only(r, "style.select-star");
    assert_true(star->suppressed);
    assert_string_equal(star->reason, "mirrors the table");
    assert_place(star, (long)(strchr(text, '*') - text), 2, 8);
    const sg_lint_finding *unused = only(r, SG_LINT_RULE_UNUSED_SUPPRESSION);
    assert_false(unused->suppressed);
    assert_int_equal(unused->severity, SG_SEVERITY_WARNING);
    assert_int_equal(unused->line, 3);
    const sg_lint_finding *unknown = only(r, SG_LINT_RULE_UNKNOWN_RULE);
    assert_int_equal(unknown->severity, SG_SEVERITY_ERROR);
    assert_int_equal(unknown->line, 5);
    assert_non_null(strstr(unknown->message, "'style.select-stars'"));
    /* the literal holds no directive: line 4 has only its SQL's own finding */
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++)
        if (finding(r, i).line == 4)
            assert_string_equal(finding(r, i).rule, "style.literal-in-predicate");
    sg_lint_result_free(r);
}

/* An operation file is checked as sg_check() does, and places in its SQL
 * string are mapped through the escapes to bytes of the file. */
static void test_lint__text_operation_places(void **state)
{
    (void)state;
    static const char op[] =
        "{\"operation\": \"select\",\n"
        " \"sql\": \"SELECT a.uid -- \\u00e9\\t\\\"x\\\"\\n"
        "FROM sdk_examples_secret AS a ORDER BY a.uid\",\n"
        " \"parameters\": {},\n"
        " \"scope\": {\"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
        "           \"tables\": []},\n"
        " \"limits\": {\"max_rows\": 10, \"statement_timeout_ms\": 1000}}\n";
    sg_catalog *catalog = lint_catalog();
    sg_lint_result *r = lint(catalog, op, SG_LINT_INPUT_JSON);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_CHECKED);
    assert_int_equal(sg_lint_result_statement_count(r), 0);
    const sg_lint_finding *f = only(r, "scope.table-not-declared");
    long at = (long)(strstr(op, "sdk_examples_secret") - op);
    assert_place(f, at, 2, (long)(strstr(op, "sdk_examples_secret") - strchr(op, '\n')));
    sg_lint_result_free(r);

    /* without a catalog the operation is not checked */
    r = lint(NULL, op, SG_LINT_INPUT_JSON);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_SKIPPED);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);

    /* JSON that is not an operation: nothing to say */
    r = lint(catalog, "{\"version\": 1, \"rules\": {}}", SG_LINT_INPUT_JSON);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_NOT_OPERATION);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);

    /* an "operation" without "sql" (a GraphQL manifest, a log line) is no operation */
    r = lint(catalog, "{\"operation\": \"query\", \"name\": \"x\"}", SG_LINT_INPUT_JSON);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_NOT_OPERATION);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);
    r = lint(catalog, "{\"operation\": \"query\", ]", SG_LINT_INPUT_JSON);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_NOT_OPERATION);
    sg_lint_result_free(r);

    /* not JSON, but naming an operation and its SQL: one lint.file finding
     * where parsing stopped */
    static const char broken[] = "{\"operation\": \"select\", \"sql\": \"\",\n  ]";
    r = lint(catalog, broken, SG_LINT_INPUT_JSON);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_UNREADABLE);
    assert_int_equal(sg_lint_result_finding_count(r), 1);
    assert_int_equal(only(r, SG_LINT_RULE_FILE)->line, 2);
    sg_lint_result_free(r);

    /* not JSON and naming no operation (a tsconfig.json with comments): none of
     * lint's business, no finding */
    static const char commented[] = "{\n  // the compiler's options\n  \"strict\": true\n}\n";
    r = lint(catalog, commented, SG_LINT_INPUT_JSON);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_NOT_OPERATION);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);

    /* not JSON: only an object whose own keys are "operation" and "sql" is a
     * broken operation; the keys nested in a value, in a comment, in a string
     * or in an array are no operation's, as they are not in valid JSON */
    static const struct {
        const char *text;
        bool broken;
    } jsonc[] = {
        {"{\n  // c\n  \"steps\": [{\"operation\": \"rename\", \"sql\": \"ALTER TABLE a\"}],\n}\n",
         false},
        {"[{\"operation\": \"select\", \"sql\": \"SELECT 1\"},]", false},
        {"{\"a\": \"\\\"operation\\\": \\\"sql\\\": x\", }", false},
        {"{ /* \"operation\": 1, \"sql\": 2 */ \"x\": 1, }", false},
        {"{\"operation\": {\"sql\": 1},}", false},
        {"{\n  // an operation with a trailing comma\n  \"operation\": \"select\",\n"
         "  \"sql\": \"SELECT 1\",\n}\n",
         true},
        {"{ \"meta\": {\"x\": [1, {\"y\": 2}]}, \"sql\" /* c */ : \"SELECT 1\", "
         "\"operation\": \"select\", }",
         true},
    };
    for (size_t i = 0; i < sizeof jsonc / sizeof jsonc[0]; i++) {
        r = lint(catalog, jsonc[i].text, SG_LINT_INPUT_JSON);
        if (sg_lint_result_status(r) !=
            (jsonc[i].broken ? SG_LINT_STATUS_UNREADABLE : SG_LINT_STATUS_NOT_OPERATION))
            fail_msg("case %zu: status %d", i, (int)sg_lint_result_status(r));
        assert_int_equal(sg_lint_result_finding_count(r), jsonc[i].broken ? 1 : 0);
        sg_lint_result_free(r);
    }
    sg_catalog_free(catalog);
}

/* Text that is not UTF-8 is one lint.file finding at the first bad byte; a
 * byte order mark is no column. */
static void test_lint__text_that_is_not_text(void **state)
{
    (void)state;
    sg_lint_result *r = NULL;
    static const char nul[] = "SELECT 1;\n\0SELECT 2;\n";
    assert_int_equal(sg_lint_text(NULL, nul, sizeof nul - 1, SG_LINT_INPUT_SQL, NULL, &r), SG_OK);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_UNREADABLE);
    assert_int_equal(sg_lint_result_statement_count(r), 0);
    const sg_lint_finding *f = only(r, SG_LINT_RULE_FILE);
    assert_place(f, 10, 2, 1);
    assert_non_null(strstr(f->message, "NUL"));
    sg_lint_result_free(r);

    r = lint(NULL, "SELECT id\nFROM t WHERE name = 'Jos\xE9' ORDER BY id;\n", SG_LINT_INPUT_JSON);
    f = only(r, SG_LINT_RULE_FILE);
    assert_int_equal(f->line, 2);
    assert_int_equal(f->column, 25);
    assert_non_null(strstr(f->message, "0xE9"));
    sg_lint_result_free(r);

    r = lint(NULL, "\xEF\xBB\xBFSELECT * FROM t ORDER BY id;\r\n", SG_LINT_INPUT_SQL);
    assert_place(only(r, "style.select-star"), 10, 1, 8);
    size_t n;
    const char *line = sg_lint_result_line(r, 1, &n);
    assert_int_equal(n, strlen("SELECT * FROM t ORDER BY id;"));
    assert_memory_equal(line, "SELECT", 6);
    sg_lint_result_free(r);

    /* nothing at all */
    assert_int_equal(sg_lint_text(NULL, NULL, 0, SG_LINT_INPUT_SQL, NULL, &r), SG_OK);
    assert_int_equal(sg_lint_result_statement_count(r), 0);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);
}

/* What sg_lint_text() refuses, and the accessors on no result. */
static void test_lint__text_arguments(void **state)
{
    (void)state;
    sg_lint_result *r = (sg_lint_result *)&r;
    assert_int_equal(sg_lint_text(NULL, "x", 1, SG_LINT_INPUT_SQL, NULL, NULL), SG_EINVAL);
    assert_int_equal(sg_lint_text(NULL, NULL, 1, SG_LINT_INPUT_SQL, NULL, &r), SG_EINVAL);
    assert_null(r);
    assert_int_equal(sg_lint_text(NULL, "x", 1, (sg_lint_input)0, NULL, &r), SG_EINVAL);
    assert_int_equal(sg_lint_text(NULL, "x", 1, (sg_lint_input)3, NULL, &r), SG_EINVAL);
    /* places are kept in 32 bits: refused before the text is read */
    assert_int_equal(sg_lint_text(NULL, "x", UINT32_MAX, SG_LINT_INPUT_SQL, NULL, &r), SG_ETOOBIG);
    assert_null(r);
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.version = 0;
    assert_int_equal(sg_lint_text(NULL, "x", 1, SG_LINT_INPUT_SQL, &opts, &r), SG_EINVAL);
    opts.version = SG_LINT_OPTIONS_VERSION + 1;
    assert_int_equal(sg_lint_text(NULL, "x", 1, SG_LINT_INPUT_SQL, &opts, &r), SG_EINVAL);
    assert_null(r);
    sg_lint_result_free(NULL);
    assert_int_equal(sg_lint_result_finding_count(NULL), 0);
    assert_int_equal(sg_lint_result_statement_count(NULL), 0);
    sg_lint_finding none;
    assert_false(sg_lint_result_get_finding(NULL, 0, &none));
    assert_false(sg_lint_result_get_finding(r, 0, NULL));
    size_t n = 7;
    assert_null(sg_lint_result_line(NULL, 1, &n));
    assert_int_equal(n, 0);

    /* the options reach every statement: an unknown data source */
    opts = (sg_lint_options)SG_LINT_OPTIONS_INIT;
    opts.data_source_uid = "nope";
    sg_catalog *catalog = lint_catalog();
    assert_int_equal(sg_lint_text(catalog, "SELECT 1; SELECT 2", 18, SG_LINT_INPUT_SQL, &opts, &r),
                     SG_OK);
    assert_int_equal(sg_lint_result_finding_count(r), 2);
    assert_string_equal(finding(r, 0).rule, "scope.invalid");
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* ---- placeholder styles and statements ------------------------------------------------- */

/* How many findings of rules starting with `prefix` (all findings: ""),
 * and of them how many are errors. */
static size_t count_prefix(const sg_lint_result *r, const char *prefix, size_t *errors)
{
    size_t n = 0;
    *errors = 0;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f_found = finding(r, i);
        const sg_lint_finding *f = &f_found;
        if (strncmp(f->rule, prefix, strlen(prefix)) != 0)
            continue;
        n++;
        *errors += f->severity == SG_SEVERITY_ERROR;
    }
    return n;
}

/* The lines of the findings of rules starting with `prefix`, in order, at
 * most `cap` of them into lines[]; how many there are. */
static size_t prefix_lines(const sg_lint_result *r, const char *prefix, long *lines, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f = finding(r, i);
        if (strncmp(f.rule, prefix, strlen(prefix)) != 0)
            continue;
        if (n < cap)
            lines[n] = f.line;
        n++;
    }
    return n;
}

/* Lints SQL `text` in placeholder style `style` under `policy`. */
static sg_lint_result *lint_sql_as(const char *text, sg_lint_placeholders style,
                                   sg_lint_profile profile, const sg_policy *policy)
{
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.placeholders = style;
    opts.profile = profile;
    opts.policy = policy;
    sg_lint_result *r = NULL;
    assert_int_equal(sg_lint_text(NULL, text, strlen(text), SG_LINT_INPUT_SQL, &opts, &r), SG_OK);
    return r;
}

/* A file of $n queries and a migration with a plpgsql body: every '%' is
 * in a literal, a comment, a body or an operator, so the file is not
 * psycopg's and none of them is a params finding. */
static const char dollar_file[] =
    "-- 50% of the rows are archived\n"
    "SELECT id FROM t WHERE name LIKE 'a%' AND id = $1 ORDER BY id;\n"
    "SELECT id FROM t WHERE name LIKE '%' || $1 || '%' ORDER BY id;\n"
    "SELECT format('Hello %s', name), concat('%', name) FROM t ORDER BY 1;\n"
    "CREATE FUNCTION f(x int) RETURNS void LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  -- 100% sure\n"
    "  RAISE NOTICE 'value %', x;\n"
    "END $$;\n"
    "SELECT id /* 10%s, 10% */ FROM t WHERE id % 2 = 0 AND E'100%' <> '' ORDER BY id;\n"
    "SELECT id FROM t WHERE id%size = 0 AND n%step = 1 AND U&'50%s' <> '' ORDER BY id;\n"
    "SELECT 1 AS U&\"50%s\", u&'d\\0061t%s' AS b;\n";

static void test_lint__placeholders_auto_dollar(void **state)
{
    (void)state;
    size_t errors;
    sg_lint_result *r = lint(NULL, dollar_file, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 7);
    assert_int_equal(count_prefix(r, "params.", &errors), 0);
    count_prefix(r, "", &errors);
    assert_int_equal(errors, 0);
    sg_lint_result_free(r);

    /* the same, said by the caller and by a policy */
    r = lint_sql_as(dollar_file, SG_LINT_PLACEHOLDERS_DOLLAR, SG_LINT_PROFILE_DEFAULT, NULL);
    assert_int_equal(count_prefix(r, "params.", &errors), 0);
    sg_lint_result_free(r);
    sg_policy *policy = NULL;
    const char *json = "{\"lint\": {\"placeholders\": \"psycopg\"}}";
    assert_int_equal(sg_policy_load(json, strlen(json), &policy, NULL), SG_OK);
    r = lint_sql_as(dollar_file, SG_LINT_PLACEHOLDERS_DEFAULT, SG_LINT_PROFILE_DEFAULT, policy);
    assert_true(count_prefix(r, "params.", &errors) > 0);
    sg_lint_result_free(r);
    /* the caller's style wins over the policy's */
    r = lint_sql_as(dollar_file, SG_LINT_PLACEHOLDERS_AUTO, SG_LINT_PROFILE_DEFAULT, policy);
    assert_int_equal(count_prefix(r, "params.", &errors), 0);
    sg_lint_result_free(r);
    sg_policy_free(policy);
}

/* Under psycopg's style a '%' psycopg chokes on is reported in its words,
 * at its place, and a %s in a literal would be spliced. */
static void test_lint__placeholders_psycopg(void **state)
{
    (void)state;
    static const char text[] =
        "SELECT id FROM t WHERE id=%(id)s ORDER BY id;\n"
        "SELECT id FROM t WHERE name LIKE 'a%' ORDER BY id;\n"
        "SELECT id FROM t WHERE name LIKE 'a%%' AND id = %(id)s ORDER BY id;\n"
        "SELECT format('Hello %s', name) FROM t ORDER BY 1;\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL); /* auto: %(id)s in code */
    const sg_lint_finding *f = only(r, "params.syntax");
    assert_int_equal(f->severity, SG_SEVERITY_ERROR);
    assert_place(f, (long)(strstr(text, "a%'") - text + 1), 2, 36);
    assert_non_null(strstr(f->message, "this '%' is in a string literal, but psycopg reads "
                                       "placeholders in the whole query text"));
    assert_non_null(strstr(f->message, "cursor.execute(query, params) fails on it"));
    f = only(r, "params.in-literal");
    assert_int_equal(f->line, 4);
    sg_lint_result_free(r);

    /* a dollar file read as psycopg's: the body's '%' too, in those words */
    r = lint_sql_as(dollar_file, SG_LINT_PLACEHOLDERS_PSYCOPG, SG_LINT_PROFILE_DEFAULT, NULL);
    bool body = false, comment = false;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding g_found = finding(r, i);
        const sg_lint_finding *g = &g_found;
        if (strcmp(g->rule, "params.syntax") != 0)
            continue;
        body = body || strstr(g->message, "is in a dollar-quoted body") != NULL;
        comment = comment || strstr(g->message, "is in a comment") != NULL;
    }
    assert_true(body && comment);
    sg_lint_result_free(r);
}

/* Placeholder style "none": plain SQL; a $n has no value. */
static void test_lint__placeholders_none(void **state)
{
    (void)state;
    static const char text[] = "UPDATE t SET note = 'done: 100%' WHERE id = 7;\n"
                               "DELETE FROM t WHERE id = $1;\n";
    sg_lint_result *r = lint_sql_as(text, SG_LINT_PLACEHOLDERS_NONE, SG_LINT_PROFILE_DEFAULT, NULL);
    const sg_lint_finding *f = only(r, "params.syntax");
    assert_int_equal(f->line, 2);
    assert_non_null(strstr(f->message, "$1 is a parameter, but the placeholder style is \"none\""));
    sg_lint_result_free(r);
    r = lint(NULL, text, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(count_prefix(r, "params.", &errors), 0);
    sg_lint_result_free(r);
}

/* A .sql statement is judged as the statement it is: row locks and
 * data-modifying WITH queries are no operation-kind errors, and findings of
 * their own only when the profile or the policy asks. An operation file
 * keeps the gateway's judgement. */
static void test_lint__statements_not_operations(void **state)
{
    (void)state;
    static const char text[] =
        "SELECT id FROM jobs WHERE state = $1 ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED;\n"
        "WITH d AS (DELETE FROM q WHERE id = $1 RETURNING id) SELECT id FROM d ORDER BY id;\n"
        "WITH u AS (UPDATE q SET n = n + 1 WHERE id = $1 RETURNING id) DELETE FROM r "
        "WHERE id IN (SELECT id FROM u);\n";
    size_t errors;
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    count_prefix(r, "", &errors);
    assert_int_equal(errors, 0);
    assert_int_equal(count_prefix(r, "op.", &errors), 0);
    assert_int_equal(count_prefix(r, "stmt.", &errors), 0);
    sg_lint_result_free(r);

    r = lint_sql_as(text, SG_LINT_PLACEHOLDERS_DEFAULT, SG_LINT_PROFILE_STRICT, NULL);
    assert_int_equal(count_prefix(r, "op.", &errors), 0);
    const sg_lint_finding *f = only(r, "stmt.row-lock");
    assert_int_equal(f->severity, SG_SEVERITY_WARNING);
    assert_place(f, (long)(strstr(text, "jobs") - text), 1, 16);
    assert_int_equal(count_prefix(r, "stmt.data-modifying-cte", &errors), 2);
    assert_int_equal(errors, 0);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding g_found = finding(r, i);
        const sg_lint_finding *g = &g_found;
        if (strcmp(g->rule, "stmt.data-modifying-cte") == 0)
            assert_non_null(strstr(g->message, g->line == 2 ? "WITH query \"d\" is a DELETE"
                                                            : "WITH query \"u\" is an UPDATE"));
    }
    sg_lint_result_free(r);

    /* an operation declared select that locks rows: op.kind-mismatch, as
     * sg_check() says, whatever the profile */
    static const char op[] =
        "{\"operation\": \"select\",\n"
        " \"sql\": \"SELECT uid FROM sdk_examples_account WHERE uid = %(uid)s FOR UPDATE\",\n"
        " \"parameters\": {\"uid\": \"x\"},\n"
        " \"scope\": {\"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
        "           \"tables\": [{\"meta_table_uid\": \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\",\n"
        "                       \"alias\": \"a\", \"access\": \"write\"}]},\n"
        " \"limits\": {\"max_rows\": 10, \"statement_timeout_ms\": 1000}}\n";
    sg_catalog *catalog = lint_catalog();
    r = lint(catalog, op, SG_LINT_INPUT_JSON);
    f = only(r, "op.kind-mismatch");
    assert_int_equal(f->severity, SG_SEVERITY_ERROR);
    assert_non_null(strstr(f->message, "a select operation runs read-only"));
    assert_int_equal(count_prefix(r, "stmt.", &errors), 0);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);

    /* SELECT ... INTO is CREATE TABLE AS spelled as a query: DDL, no error
     * and no pages; an operation that says it is still refused */
    static const char into[] = "CREATE TABLE c AS SELECT id, email FROM users;\n"
                               "SELECT id, email INTO TEMP users_tmp FROM users;\n"
                               "SELECT id, email INTO UNLOGGED users_2 FROM users WHERE id > 2;\n";
    r = lint(NULL, into, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 3);
    assert_int_equal(sg_lint_result_finding_count(r), 0);
    sg_lint_result_free(r);
    static const char into_op[] =
        "{\"operation\": \"select\", \"sql\": \"SELECT uid INTO TEMP x FROM "
        "sdk_examples_account\",\n"
        " \"parameters\": {},\n"
        " \"scope\": {\"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
        "           \"tables\": [{\"meta_table_uid\": \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\",\n"
        "                       \"alias\": \"a\", \"access\": \"read\"}]},\n"
        " \"limits\": {\"max_rows\": 10, \"statement_timeout_ms\": 1000}}\n";
    catalog = lint_catalog();
    r = lint(catalog, into_op, SG_LINT_INPUT_JSON);
    f = only(r, "sql.statement-not-allowed");
    assert_int_equal(f->severity, SG_SEVERITY_ERROR);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* A file with DDL of any object is a migration: its DML ran against the
 * schema of its own time, so it is linted without the catalog (the catalog
 * is the history's end), from the start when the DDL comes after DML; a
 * file of queries keeps the catalog's judgement, a transaction, session
 * settings and maintenance around it included. */
static void test_lint__migrations_judged_without_the_catalog(void **state)
{
    (void)state;
    sg_catalog *catalog = lint_catalog();
    static const struct {
        const char *text;
        size_t statements, unknown;
    } cases[] = {
        /* DDL first: the rest is judged without the catalog */
        {"CREATE TABLE sdk_examples_x (id int);\nINSERT INTO sdk_examples_x (id) VALUES (1);\n"
         "UPDATE sdk_examples_account SET region = 'EU' WHERE region = 'eu';\n",
         3, 0},
        /* DML first, then the rename: read again from the start */
        {"UPDATE sdk_examples_account SET region = 'EU' WHERE region = 'eu';\n"
         "ALTER TABLE sdk_examples_account RENAME COLUMN region TO home_region;\n",
         2, 0},
        {"UPDATE sdk_examples_account SET region = 'EU' WHERE uid = $1;\n"
         "DROP TABLE IF EXISTS sdk_examples_old;\n",
         2, 0},
        /* a migration tool's marker says so, before or after the DML */
        {"-- +goose Up\nUPDATE sdk_examples_account SET nmae = 'EU' WHERE nmae = 'eu';\n", 1, 0},
        {"UPDATE sdk_examples_account SET nmae = 'EU' WHERE uid = $1;\n-- migrate:up\n"
         "UPDATE sdk_examples_account SET nmae = 'x' WHERE uid = $1;\n",
         2, 0},
        {"--liquibase formatted sql\n--changeset dev:1\nSELECT nmae FROM sdk_examples_account "
         "ORDER BY 1;\n",
         1, 0},
        {"-- +migrate Up\nSELECT nmae FROM sdk_examples_account ORDER BY 1;\n", 1, 0},
        /* the same words elsewhere make no migration */
        {"-- we migrate:up the data later\nSELECT nmae FROM sdk_examples_account ORDER BY 1;\n"
         "SELECT '-- +goose Up' AS x, nmae FROM sdk_examples_account ORDER BY 1;\n",
         2, 2},
        /* DDL of any object is a migration's: a function, an index, a type, a grant */
        {"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
         "SELECT nmae FROM sdk_examples_account ORDER BY 1;\n",
         2, 0},
        {"UPDATE sdk_examples_account SET nmae = 'x' WHERE uid = $1;\n"
         "CREATE INDEX CONCURRENTLY ON sdk_examples_account (region);\n",
         2, 0},
        {"ALTER TYPE mood ADD VALUE 'ok';\nUPDATE sdk_examples_account SET nmae = 'x' WHERE uid = "
         "$1;\n",
         2, 0},
        {"GRANT SELECT ON sdk_examples_account TO app;\nSELECT nmae FROM sdk_examples_account "
         "ORDER BY 1;\n",
         2, 0},
        /* queries and seeds, in a transaction or not, with session and maintenance
         * statements: the catalog judges */
        {"UPDATE sdk_examples_account SET region = 'EU' WHERE region = 'eu';\n", 1, 2},
        {"BEGIN;\nSELECT nmae FROM sdk_examples_account ORDER BY 1;\nCOMMIT;\n", 3, 1},
        {"SET search_path TO public;\nSET LOCAL statement_timeout = '5s';\nTRUNCATE "
         "sdk_examples_account;\nVACUUM ANALYZE sdk_examples_account;\n"
         "LOCK TABLE sdk_examples_account;\nSELECT nmae FROM sdk_examples_account ORDER BY 1;\n",
         6, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_lint_result *r = lint(catalog, cases[i].text, SG_LINT_INPUT_SQL);
        size_t errors;
        if (sg_lint_result_statement_count(r) != cases[i].statements ||
            count_prefix(r, "column.unknown", &errors) != cases[i].unknown)
            fail_msg("case %zu: %zu statements, %zu column.unknown", i,
                     sg_lint_result_statement_count(r), count_prefix(r, "column.unknown", &errors));
        sg_lint_result_free(r);
    }
    /* the DDL many parts into the file: every finding of the first reading is gone */
    enum { PART = SG__LINT_PART_BYTES };
    text_buf t = {malloc(8 * PART), 0, 8 * PART};
    assert_non_null(t.s);
    t.s[0] = '\0';
    size_t n = 0;
    while (t.len < 4 * PART) {
        add_text(&t, "SELECT nmae FROM sdk_examples_account ORDER BY 1;\n");
        n++;
    }
    sg_lint_result *r = lint(catalog, t.s, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(count_prefix(r, "column.unknown", &errors), n);
    sg_lint_result_free(r);
    add_text(&t, "ALTER TABLE sdk_examples_account ADD COLUMN nmae text;\n");
    r = lint(catalog, t.s, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), n + 1);
    assert_int_equal(count_prefix(r, "column.unknown", &errors), 0);
    sg_lint_result_free(r);
    free(t.s);
    sg_catalog_free(catalog);
}

/* style.literal-in-predicate judges filters only, and in a .sql file a
 * write without a single parameter is a backfill whose constants are the
 * migration's own. */
static void test_lint__literals_in_backfills(void **state)
{
    (void)state;
    static const char text[] = "UPDATE t SET status = 'archived' WHERE status = 'closed';\n"
                               "DELETE FROM t WHERE kind = 'legacy';\n"
                               "INSERT INTO t (a, b) SELECT a, b = 'x' FROM u WHERE u.k = 'p';\n"
                               "UPDATE t SET status = $1 WHERE status = 'closed';\n"
                               "SELECT a + 1, b = 2 AS two FROM t WHERE c = $1 ORDER BY a;\n"
                               "SELECT a FROM t WHERE c = 3 ORDER BY a;\n";
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    size_t errors, lines = 0;
    assert_int_equal(count_prefix(r, "style.literal-in-predicate", &errors), 2);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f_found = finding(r, i);
        const sg_lint_finding *f = &f_found;
        if (strcmp(f->rule, "style.literal-in-predicate") == 0)
            lines = lines * 10 + (size_t)f->line;
    }
    assert_int_equal(lines, 46); /* lines 4 and 6 */
    sg_lint_result_free(r);
}

/* A migration's statements (a pg_dump among them) run once, for no caller:
 * no pagination rule and no style.literal-in-predicate speaks there (pg_dump
 * --clean's large-object cleanup, a scheduled job, a batched backfill), and
 * in a file pg_dump marks as its own, its INSERTs without a column list
 * (--inserts, OVERRIDING SYSTEM VALUE too) are no style.insert-column-list.
 * The same statements in a file of queries, and a hand-written migration's
 * seed INSERT, are reported as before. */
static void test_lint__migrations_and_dumps_are_not_paged(void **state)
{
    (void)state;
    static const char cleanup[] =
        "SELECT pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata "
        "WHERE oid = '17292';\n";
    static const char job[] = "SELECT cron.schedule('nightly', '0 3 * * *', 'VACUUM');\n"
                              "SELECT id FROM jobs WHERE kind = 'stale';\n"
                              "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs LIMIT 100);\n";
    static const char inserts[] = "INSERT INTO billing.invoice OVERRIDING SYSTEM VALUE VALUES\n"
                                  "\t(1, 2, 'it''s ok', DEFAULT),\n\t(2, 3, 'none', DEFAULT);\n"
                                  "INSERT INTO billing.m_2024 VALUES\n\t(1, '2024-05-01');\n";
    static const char dump_head[] = "--\n-- PostgreSQL database dump\n--\n\n"
                                    "SET statement_timeout = 0;\n";
    static const char ddl[] = "CREATE TABLE jobs (id bigint PRIMARY KEY, kind text);\n";
    static const struct {
        const char *head, *body;
        size_t paginate, literal, insert; /* findings of each */
    } cases[] = {
        /* a dump (pg_dump --clean, --inserts) */
        {dump_head, cleanup, 0, 0, 0},
        {dump_head, inserts, 0, 0, 0},
        /* a migration by its DDL: no pages, no caller; its seeds still name
         * their columns */
        {ddl, cleanup, 0, 0, 0},
        {ddl, job, 0, 0, 0},
        {ddl, inserts, 0, 0, 2},
        {"-- +goose Up\n", inserts, 0, 0, 2},
        /* the same as a file of queries */
        {"", cleanup, 1, 1, 0},
        {"", job, 3, 1, 0},
        {"", inserts, 0, 0, 2},
        /* a dump that is not pg_dump's marker ("cluster dump" heads
         * pg_dumpall's globals, which hold no INSERT) */
        {"-- PostgreSQL database cluster dump\n", inserts, 0, 0, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s", cases[i].head, cases[i].body);
        sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
        size_t errors, paginate = count_prefix(r, "paginate.", &errors),
                       literal = count_prefix(r, "style.literal-in-predicate", &errors),
                       insert = count_prefix(r, "style.insert-column-list", &errors);
        if (paginate != cases[i].paginate || literal != cases[i].literal ||
            insert != cases[i].insert)
            fail_msg("case %zu: %zu paginate, %zu literal, %zu insert findings; want %zu, %zu, %zu",
                     i, paginate, literal, insert, cases[i].paginate, cases[i].literal,
                     cases[i].insert);
        sg_lint_result_free(r);
    }
}

/* Profiles and styles outside their enums are refused; a version 1 options
 * struct still works (the defaults apply). */
/* A migration's statements (a file with DDL, a tool's marker, or one the
 * caller says is a migration) may set sequences, settings and locks and
 * look the catalogs up, as pg_dump and migration tools write them: the
 * repository profile lets those classes and the reg* casts pass there, even
 * before the DDL that makes the file a migration; never file, admin,
 * sleeping or query-running calls, never in a file of queries, and never
 * under the strict profile. */
static void test_lint__migrations_call_what_migrations_call(void **state)
{
    (void)state;
    static const char dump[] =
        "SET statement_timeout = 0;\n"
        "SELECT pg_catalog.set_config('search_path', '', false);\n"
        "CREATE TABLE public.authors (id bigint NOT NULL);\n"
        "SELECT pg_catalog.setval('public.authors_id_seq', 2, true);\n"
        "SELECT pg_advisory_xact_lock(hashtext('migrate')) FROM (SELECT 1) AS once;\n"
        "SELECT has_schema_privilege('app', 'usage'), 'authors'::regclass, current_user;\n"
        "SELECT pg_read_file('/etc/passwd'), pg_sleep(1);\n"
        "SELECT lo_import('/etc/passwd'), lo_export(16400, '/tmp/x'), lo_create(0);\n";
    sg_lint_result *r = lint(NULL, dump, SG_LINT_INPUT_SQL);
    size_t errors;
    /* pg_read_file is admin, pg_sleep a resource hog, lo_import and lo_export read and
     * write the server's files: still denied; hashtext and lo_create pass */
    assert_int_equal(count_prefix(r, "func.denied", &errors), 4);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f = finding(r, i);
        if (strcmp(f.rule, "func.denied") == 0 && !strstr(f.message, "lo_import") &&
            !strstr(f.message, "lo_export") && !strstr(f.message, "pg_read_file") &&
            !strstr(f.message, "pg_sleep"))
            fail_msg("unexpected: %s", f.message);
    }
    sg_lint_result_free(r);

    /* a data-only dump says what it is in pg_dump's header */
    static const char data_only[] = "--\n-- PostgreSQL database dump\n--\n\n"
                                    "SELECT pg_catalog.set_config('search_path', '', false);\n"
                                    "COPY public.users (id, email) FROM stdin;\n"
                                    "1\ta@example.com\n\\.\n\n"
                                    "SELECT pg_catalog.setval('public.users_id_seq', 1, true);\n";
    r = lint(NULL, data_only, SG_LINT_INPUT_SQL);
    assert_int_equal(count_prefix(r, "func.denied", &errors), 0);
    assert_int_equal(sg_lint_result_statement_count(r), 3);
    sg_lint_result_free(r);

    /* the same calls in a file of queries: each denied */
    static const char queries[] = "SELECT pg_catalog.set_config('search_path', '', false);\n"
                                  "SELECT nextval('invoice_no');\n"
                                  "SELECT 'authors'::regclass;\n";
    r = lint(NULL, queries, SG_LINT_INPUT_SQL);
    assert_int_equal(count_prefix(r, "func.denied", &errors), 3);
    sg_lint_result_free(r);
    /* ... unless the caller says the text is a migration's (its path) */
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.migration = true;
    assert_int_equal(sg_lint_text(NULL, queries, strlen(queries), SG_LINT_INPUT_SQL, &opts, &r),
                     SG_OK);
    assert_int_equal(count_prefix(r, "func.denied", &errors), 0);
    assert_int_equal(sg_lint_result_statement_count(r), 3);
    sg_lint_result_free(r);
    /* the strict profile judges a migration as a check does */
    opts.profile = SG_LINT_PROFILE_STRICT;
    assert_int_equal(sg_lint_text(NULL, dump, strlen(dump), SG_LINT_INPUT_SQL, &opts, &r), SG_OK);
    assert_true(count_prefix(r, "func.denied", &errors) >= 7);
    sg_lint_result_free(r);

    /* a migration by the caller's word is judged without the catalog */
    sg_catalog *catalog = lint_catalog();
    static const char backfill[] = "UPDATE sdk_examples_account SET nmae = 'x' WHERE uid = $1;\n";
    opts = (sg_lint_options)SG_LINT_OPTIONS_INIT;
    r = NULL;
    assert_int_equal(
        sg_lint_text(catalog, backfill, strlen(backfill), SG_LINT_INPUT_SQL, &opts, &r), SG_OK);
    assert_int_equal(count_prefix(r, "column.unknown", &errors), 1);
    sg_lint_result_free(r);
    opts.migration = true;
    assert_int_equal(
        sg_lint_text(catalog, backfill, strlen(backfill), SG_LINT_INPUT_SQL, &opts, &r), SG_OK);
    assert_int_equal(count_prefix(r, "column.unknown", &errors), 0);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* A migration tool's placeholder or a psql variable where the grammar takes
 * only a number (`RESTART WITH ${start}`, `varchar(${len})`, `SET STATISTICS
 * :n`) reads as a number there; a real syntax error is still one. */
static void test_lint__placeholders_where_numbers_stand(void **state)
{
    (void)state;
    static const char text[] =
        "ALTER SEQUENCE orders_id_seq RESTART WITH ${start};\n"           /* 1 */
        "CREATE TABLE t (code varchar(${len}), n int);\n"                 /* 2 */
        "ALTER TABLE t ALTER COLUMN n SET STATISTICS :stats;\n"           /* 3 */
        "CREATE SEQUENCE s START WITH ${a} INCREMENT BY ${b} CACHE :c;\n" /* 4 */
        "SELEC ${x};\n"                                                   /* 5 */
        "ALTER SEQUENCE s RESTART WITH ${n} ${m};\n";                     /* 6 */
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    long lines[4];
    assert_int_equal(prefix_lines(r, "sql.syntax", lines, 4), 2);
    assert_int_equal(lines[0], 5);
    assert_int_equal(lines[1], 6);
    sg_lint_result_free(r);
}

/* A migration's down section undoes its up section: a DELETE without WHERE there deletes
 * every row on purpose, and dml.missing-where keeps quiet; in the up section it speaks. */
static void test_lint__down_section_deletes_every_row(void **state)
{
    (void)state;
    static const char text[] = "-- +goose Up\n"                              /* 1 */
                               "CREATE TABLE owners (id int PRIMARY KEY);\n" /* 2 */
                               "DELETE FROM owners;\n"                       /* 3 */
                               "-- +goose Down\n"                            /* 4 */
                               "DELETE FROM owners;\n"                       /* 5 */
                               "DROP TABLE owners;\n"                        /* 6 */
                               "-- +goose Up\n"                              /* 7 */
                               "UPDATE owners SET id = 2;\n";                /* 8 */
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    long lines[4];
    assert_int_equal(prefix_lines(r, "dml.missing-where", lines, 4), 2);
    assert_int_equal(lines[0], 3);
    assert_int_equal(lines[1], 8);
    sg_lint_result_free(r);
    /* a file that undoes a migration as a whole (`U2__x.sql`, `*.down.sql`)
     * is a down section from its first line, up to an up marker */
    static const char undo[] = "DELETE FROM owners;\n"       /* 1 */
                               "UPDATE owners SET id = 2;\n" /* 2 */
                               "-- +goose Up\n"              /* 3 */
                               "DELETE FROM owners;\n";      /* 4 */
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.migration = opts.undo = true;
    assert_int_equal(sg_lint_text(NULL, undo, strlen(undo), SG_LINT_INPUT_SQL, &opts, &r), SG_OK);
    assert_int_equal(prefix_lines(r, "dml.missing-where", lines, 4), 1);
    assert_int_equal(lines[0], 4);
    sg_lint_result_free(r);
    opts.undo = false;
    assert_int_equal(sg_lint_text(NULL, undo, strlen(undo), SG_LINT_INPUT_SQL, &opts, &r), SG_OK);
    assert_int_equal(prefix_lines(r, "dml.missing-where", lines, 4), 3);
    sg_lint_result_free(r);
}

/* A query file's header says how many rows its tool reads: none of a query run for its
 * effect (sqlc's :exec, HugSQL's :!, aiosql's `!`), one of a :one, :1 or `^` query. Neither
 * has pages, so the pagination rules keep quiet there, but for a LIMIT without ORDER BY,
 * which picks an arbitrary row even for one. */
static void test_lint__declared_rows_quiet_pagination(void **state)
{
    (void)state;
    static const char text[] = "-- name: GetAuthor :one\n"                     /* 1 */
                               "SELECT id FROM authors WHERE name = $1;\n"     /* 2 */
                               "-- name: ListAuthors :many\n"                  /* 3 */
                               "SELECT id FROM authors;\n"                     /* 4 */
                               "-- name: Touch :exec\n"                        /* 5 */
                               "SELECT id FROM authors FOR UPDATE;\n"          /* 6 */
                               "-- name: Latest :one\n"                        /* 7 */
                               "SELECT id FROM authors LIMIT 1;\n"             /* 8 */
                               "-- :name get-user :? :1\n"                     /* 9 */
                               "select id from users where email = :email\n"   /* 10 */
                               "-- :name all-users :? :*\n"                    /* 11 */
                               "select id from users\n"                        /* 12 */
                               "-- name: get-user^\n"                          /* 13 */
                               "select id from users where email = :email\n"   /* 14 */
                               "-- name: drop-all!\n"                          /* 15 */
                               "select id from users limit 5\n"                /* 16 */
                               "-- name: owners<!\n"                           /* 17 */
                               "update users set seen = now() returning id\n"; /* 18 */
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 9);
    long lines[8];
    assert_int_equal(prefix_lines(r, "paginate.", lines, 8), 3);
    assert_int_equal(lines[0], 4);  /* :many */
    assert_int_equal(lines[1], 8);  /* :one with LIMIT and no ORDER BY */
    assert_int_equal(lines[2], 12); /* :* */
    sg_lint_result_free(r);
}

/* A file that names its queries (sqlc, aiosql, HugSQL, PugSQL) holds an application's
 * queries: DDL among them (a staging table for COPY, a comment, a table sqlc reads its
 * schema from) does not make it a migration, so the catalog still judges the queries and
 * their pages. Without the headers the same text is a migration. */
static void test_lint__named_query_file_with_ddl_is_no_migration(void **state)
{
    (void)state;
    sg_catalog *catalog = lint_catalog();
    static const char text[] = "-- name: CreateStaging :exec\n"
                               "CREATE TEMP TABLE staging (uid uuid) ON COMMIT DROP;\n"
                               "-- name: Describe :exec\n"
                               "COMMENT ON TABLE sdk_examples_account IS 'accounts';\n"
                               "-- name: GetAccount :one\n"
                               "SELECT uid, nmae FROM sdk_examples_account WHERE uid = $1;\n"
                               "-- name: ListAccounts :many\n"
                               "SELECT uid FROM sdk_examples_account;\n";
    sg_lint_result *r = lint(catalog, text, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 4);
    const sg_lint_finding *f = only(r, "column.unknown");
    assert_int_equal(f->line, 6);
    f = only(r, "paginate.order-by-required");
    assert_int_equal(f->line, 8);
    sg_lint_result_free(r);
    /* the same statements without their names: DDL makes a migration, linted without the
     * catalog and without the pagination rules */
    static const char bare[] = "CREATE TEMP TABLE staging (uid uuid) ON COMMIT DROP;\n"
                               "COMMENT ON TABLE sdk_examples_account IS 'accounts';\n"
                               "SELECT uid, nmae FROM sdk_examples_account WHERE uid = $1;\n"
                               "SELECT uid FROM sdk_examples_account;\n";
    r = lint(catalog, bare, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(count_prefix(r, "column.", &errors), 0);
    assert_int_equal(count_prefix(r, "paginate.", &errors), 0);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* A psql variable's value is psql's to put in at run time: no finding about
 * names or literals stands on `:name`, `:'name'` or `:"name"` (never one
 * about `_name`, the identifier the parser reads there); the rest of the
 * statement is judged as ever. */
static void test_lint__psql_variables_are_no_names(void **state)
{
    (void)state;
    sg_catalog *catalog = lint_catalog();
    /* variables set on psql's command line (`psql -v acct=42 -f`) */
    static const char text[] =
        "-- psql -v acct=42\n"
        "SELECT uid, name FROM sdk_examples_account WHERE account_code = :acct ORDER BY uid;\n"
        "SELECT uid FROM sdk_examples_account WHERE name = :'who' ORDER BY uid LIMIT :lim;\n"
        "SELECT uid FROM :\"tbl\" ORDER BY uid;\n"
        "SELECT uid FROM sdk_examples_account WHERE :col = 5 AND nmae = :'x' ORDER BY uid;\n";
    sg_lint_result *r = lint(catalog, text, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(sg_lint_result_statement_count(r), 4);
    /* only the misspelt column of the last statement */
    const sg_lint_finding *f = only(r, "column.unknown");
    assert_non_null(strstr(f->message, "\"nmae\""));
    assert_int_equal(f->line, 5);
    assert_int_equal(count_prefix(r, "scope.", &errors), 0);
    /* the 5 compared with `:col` is the statement's own literal; `:'who'` and `:'x'` are not */
    f = only(r, "style.literal-in-predicate");
    assert_int_equal(f->line, 5);
    assert_int_equal(f->column, 51);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++)
        if (strstr(finding(r, i).message, "\"_"))
            fail_msg("a finding names psql's variable: %s", finding(r, i).message);
    sg_lint_result_free(r);
    /* with a backslash command the text is a psql script, run once for no caller as a seed
     * is: the catalog still judges its names, no literal or page is reported */
    static const char script[] =
        "\\set acct 42\n"
        "SELECT uid, name FROM sdk_examples_account WHERE account_code = :acct;\n"
        "SELECT uid FROM sdk_examples_account WHERE :col = 5 AND nmae = :'x' \\gset\n"
        "\\if :{?acct}\n"
        "\\echo done\n"
        "\\endif\n";
    r = lint(catalog, script, SG_LINT_INPUT_SQL);
    assert_int_equal(sg_lint_result_statement_count(r), 2);
    f = only(r, "column.unknown");
    assert_int_equal(f->line, 3);
    assert_int_equal(count_prefix(r, "style.", &errors), 0);
    assert_int_equal(count_prefix(r, "paginate.", &errors), 0);
    sg_lint_result_free(r);
    /* the same names written as SQL are judged */
    static const char plain[] =
        "SELECT uid FROM sdk_examples_account WHERE _col = 5 AND name = 'x' "
        "ORDER BY uid;\n";
    r = lint(catalog, plain, SG_LINT_INPUT_SQL);
    assert_int_equal(count_prefix(r, "column.unknown", &errors), 1);
    assert_int_equal(count_prefix(r, "style.literal-in-predicate", &errors), 2);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* In the repository profile, with a catalog, a cast to a type one of the
 * catalog's columns has is the application's own enum or domain, which the
 * migrations made: admitted, qualified or not (a type the catalog writes
 * unqualified is of its table's schema), as an array too. Any other
 * type outside pg_catalog stays denied, and the strict profile admits none
 * of them (a check needs a policy pattern). */
static void test_lint__application_types_of_the_catalog(void **state)
{
    (void)state;
    static const char json[] =
        "{\"data_sources\":[{\"uid\":\"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\","
        "\"engine\":\"postgresql\",\"default_schema\":\"public\"}],\"meta_tables\":["
        "{\"uid\":\"6b2f0d1a-0000-4000-8000-0000000000b1\","
        "\"data_source_uid\":\"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\"schema\":\"public\","
        "\"physical_table_name\":\"orders\",\"primary_key\":[\"id\"],\"columns\":["
        "{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false},"
        "{\"name\":\"status\",\"type\":\"order_status\",\"nullable\":false},"
        "{\"name\":\"email\",\"type\":\"app.email\",\"nullable\":true},"
        "{\"name\":\"role\",\"type\":\"\\\"Role\\\"\",\"nullable\":true},"
        "{\"name\":\"tier\",\"type\":\"\\\"Billing\\\".\\\"Tier\\\"[]\",\"nullable\":true}]},"
        /* a table of another schema: its unqualified type is of that schema */
        "{\"uid\":\"6b2f0d1a-0000-4000-8000-0000000000b2\","
        "\"data_source_uid\":\"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\"schema\":\"app\","
        "\"physical_table_name\":\"shipments\",\"primary_key\":[\"id\"],\"columns\":["
        "{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false},"
        "{\"name\":\"kind\",\"type\":\"ship_kind\",\"nullable\":false}]}]}";
    sg_catalog *catalog = NULL;
    sg_error err;
    assert_int_equal(sg_catalog_load(json, strlen(json), &catalog, &err), SG_OK);
    static const char text[] =
        "SELECT id FROM orders WHERE status = $1::order_status ORDER BY id;\n"
        "SELECT id FROM orders WHERE status = ANY($1::public.order_status[]) ORDER BY id;\n"
        "SELECT id FROM orders WHERE email = CAST($1 AS app.email) ORDER BY id;\n"
        "SELECT id FROM orders WHERE status::text = $1::mood ORDER BY id;\n"
        "SELECT id FROM orders WHERE email = $1::public.email ORDER BY id;\n"
        /* names the catalog writes in quotes, as pull and from-sql do */
        "SELECT id FROM orders WHERE role = $1::\"Role\" ORDER BY id;\n"
        "SELECT id FROM orders WHERE $1::\"Billing\".\"Tier\" = ANY(tier) ORDER BY id;\n"
        "SELECT id FROM orders WHERE role = $1::role ORDER BY id;\n"
        "SELECT id FROM orders WHERE $1::\"Billing\".tier = ANY(tier) ORDER BY id;\n"
        "SELECT id FROM app.shipments WHERE kind = ANY($1::app.ship_kind[]) ORDER BY id;\n"
        "SELECT id FROM app.shipments WHERE kind = $1::ship_kind ORDER BY id;\n";
    sg_lint_result *r = lint(catalog, text, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(count_prefix(r, "type.denied", &errors), 5);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f = finding(r, i);
        if (strcmp(f.rule, "type.denied") == 0 && f.line != 4 && f.line != 5 && f.line != 8 &&
            f.line != 9 && f.line != 11)
            fail_msg("line %ld: %s", f.line, f.message);
    }
    sg_lint_result_free(r);
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.profile = SG_LINT_PROFILE_STRICT;
    assert_int_equal(sg_lint_text(catalog, text, strlen(text), SG_LINT_INPUT_SQL, &opts, &r),
                     SG_OK);
    assert_int_equal(count_prefix(r, "type.denied", &errors), 11);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* `SET search_path` in a file moves where the names of the statements
 * after it resolve: the first schema on the path with a catalog table of
 * that name (quoted names as written, unquoted folded), until RESET or SET
 * ... TO DEFAULT; SET LOCAL until the transaction ends (none outside one),
 * a SET undone by ROLLBACK; sg_lint_options.search_path sets the start. */
static void test_lint__set_search_path_is_followed(void **state)
{
    (void)state;
    sg_catalog *catalog = NULL;
    sg_error err;
    if (sg_catalog_load_file(SG_SOURCE_DIR "/corpus/catalog.json", &catalog, &err) != SG_OK)
        fail_msg("%s", err.message);
    static const char text[] =
        "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"         /* 1: public */
        "SET search_path = ledger, public;\n"                        /* 2 */
        "SELECT uid, amount FROM sdk_examples_entry ORDER BY uid;\n" /* 3: ledger */
        "SELECT uid, name FROM sdk_examples_account ORDER BY uid;\n" /* 4: public */
        "SELECT uid, amonut FROM sdk_examples_entry ORDER BY uid;\n" /* 5: column */
        "SET SESSION search_path TO \"LEDGER\", public;\n"           /* 6: no such */
        "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"         /* 7: public */
        "BEGIN; SET LOCAL search_path TO LEDGER;\n"                  /* 8: folded */
        "SELECT uid FROM sdk_examples_entry ORDER BY uid; COMMIT;\n" /* 9: ledger */
        "RESET search_path;\n"                                       /* 10 */
        "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"         /* 11: public */
        "SET search_path TO ledger;\nSET search_path TO DEFAULT;\n"  /* 12, 13 */
        "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"         /* 14: public */
        "SET LOCAL search_path = ledger;\n"                          /* 15: no tx */
        "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"         /* 16: public */
        "BEGIN; SET search_path = ledger; ROLLBACK;\n"               /* 17 */
        "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"         /* 18: public */
        "START TRANSACTION; SET search_path = ledger; END;\n"        /* 19 */
        "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"         /* 20: ledger */
        "SET search_path = '';\n"                                    /* 21: empty */
        "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"         /* 22: none */
        "SELECT uid FROM ledger.sdk_examples_entry ORDER BY uid;\n"  /* 23 */
        "SET search_path TO \"$user\";\n"                            /* 24: no schema */
        "SELECT uid FROM sdk_examples_account ORDER BY uid;\n";      /* 25: none */
    sg_lint_result *r = lint(catalog, text, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(count_prefix(r, "scope.table-not-declared", &errors), 8);
    static const size_t lines[] = {1, 7, 11, 14, 16, 18, 22, 25};
    size_t k = 0;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        const sg_lint_finding f = finding(r, i);
        if (strcmp(f.rule, "scope.table-not-declared") != 0)
            continue;
        if (f.line == 7)
            assert_non_null(strstr(f.message, "LEDGER.sdk_examples_entry"));
        if (f.line == 22 || f.line == 25)
            assert_non_null(strstr(f.message, "the search path names no schema"));
        if (k < 8 && (size_t)f.line == lines[k])
            k++;
    }
    assert_int_equal(k, 8);
    const sg_lint_finding *c = only(r, "column.unknown");
    assert_int_equal(c->line, 5);
    assert_non_null(strstr(c->message, "ledger.sdk_examples_entry"));
    sg_lint_result_free(r);
    /* the caller's start */
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.search_path = "\"$user\", ledger, public";
    static const char plain[] = "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n";
    assert_int_equal(sg_lint_text(catalog, plain, strlen(plain), SG_LINT_INPUT_SQL, &opts, &r),
                     SG_OK);
    assert_int_equal(count_prefix(r, "scope.", &errors), 0);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* A disable-next-line directive written in front of the statement it
 * meant, on the same line, covers the line after it as ever; when that
 * suppresses nothing, the warning says so and names disable-line for the
 * SQL after it. Without SQL after it on its line, the words are as before. */
static void test_lint__disable_next_line_in_front_of_sql(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *says; /* NULL: nothing unused */
    } cases[] = {
        {"/* sqlguard-disable-next-line style.select-star */ SELECT * FROM t ORDER BY id;\n",
         "sqlguard-disable-next-line style.select-star suppresses nothing: it covers the line "
         "after it, where no SQL follows; for the SQL after it on line 1, write "
         "sqlguard-disable-line style.select-star"},
        {"/* sqlguard-disable-next-line style.select-star */ SELECT * FROM t ORDER BY id;\n"
         "SELECT id FROM t ORDER BY id;\n",
         "sqlguard-disable-next-line style.select-star suppresses nothing: it covers the line "
         "after it, line 2, which has no style.select-star finding; for the SQL after it on "
         "line 1, write sqlguard-disable-line style.select-star"},
        {"SELECT 1 AS one;\n/*\n sqlguard-disable-next-line style.select-star\n*/ SELECT *\n"
         "FROM t ORDER BY id;\n",
         "it covers the line after it, line 5, which has no style.select-star finding; for the "
         "SQL after it on line 4, write sqlguard-disable-line style.select-star"},
        /* no SQL after it on its line */
        {"SELECT id FROM t ORDER BY id;\n-- sqlguard-disable-next-line style.select-star\n",
         "sqlguard-disable-next-line style.select-star suppresses nothing: no SQL follows it"},
        {"SELECT id FROM t ORDER BY id; /* sqlguard-disable-next-line style.select-star */\n",
         "sqlguard-disable-next-line style.select-star suppresses nothing: no SQL follows it"},
        {"/* sqlguard-disable-next-line style.select-star */ -- why\n",
         "sqlguard-disable-next-line style.select-star suppresses nothing: no SQL follows it"},
        {"/* sqlguard-disable-next-line style.select-star */\nSELECT id FROM t ORDER BY id;\n",
         "sqlguard-disable-next-line style.select-star suppresses nothing: line 2 has no "
         "style.select-star finding"},
        /* the line after it has the finding: it is suppressed */
        {"/* sqlguard-disable-next-line style.select-star */ SELECT id FROM t ORDER BY id;\n"
         "SELECT * FROM t ORDER BY id;\n",
         NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sg_lint_result *r = lint(NULL, cases[i].text, SG_LINT_INPUT_SQL);
        size_t errors, n = count_prefix(r, "lint.unused-suppression", &errors);
        if (!cases[i].says) {
            assert_int_equal(n, 0);
        } else {
            const sg_lint_finding *f = only(r, "lint.unused-suppression");
            if (!strstr(f->message, cases[i].says))
                fail_msg("case %zu: %s", i, f->message);
        }
        sg_lint_result_free(r);
    }
}

/* The column of every finding on one long line (of several rules, each
 * statement's findings not in column order, characters of one to four
 * bytes, after a byte order mark) is the count of characters before it on
 * its line, however the findings before it were placed. */
static void test_lint__columns_on_one_long_line(void **state)
{
    (void)state;
    static const char unit[] = "SELECT 'é—😀' AS x, * FROM t WHERE a = 3; DELETE FROM t; "
                               "SELEC 2; UPDATE t SET a = 'ü' WHERE b = 2;\t";
    enum { COPIES = 300 };
    size_t len = 3 + COPIES * (sizeof unit - 1) + 32;
    char *text = malloc(len + 1);
    assert_non_null(text);
    size_t at = (size_t)snprintf(text, len + 1, "\xef\xbb\xbf");
    for (int i = 0; i < COPIES; i++)
        at += (size_t)snprintf(text + at, len + 1 - at, "%s", unit);
    at += (size_t)snprintf(text + at, len + 1 - at, "\nSELECT 'ß', * FROM t;\n");
    sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL); /* from memory and from a file */
    size_t n = sg_lint_result_finding_count(r);
    assert_true(n >= 5 * COPIES);
    const char *second = strchr(text, '\n') + 1;
    for (size_t i = 0; i < n; i++) {
        sg_lint_finding f = finding(r, i);
        assert_true(f.offset >= 0);
        const char *start = f.line == 1 ? text + 3 : second;
        long col = 1;
        for (const char *p = start; p < text + f.offset; p++)
            col += ((unsigned char)*p & 0xC0) != 0x80;
        if (f.column != col)
            fail_msg("%s at byte %ld: column %ld, not %ld", f.rule, f.offset, f.column, col);
    }
    sg_lint_result_free(r);
    free(text);
}

/* What PostgreSQL undoes of a `SET search_path`, lint undoes: ROLLBACK TO
 * [SAVEPOINT] a SET (or SET LOCAL, RESET) made after the savepoint, in the
 * same transaction; RESET ALL and DISCARD ALL go back to the default, RESET
 * ALL inside a transaction rolled back not at all, DISCARD ALL inside one
 * not at all (PostgreSQL refuses it there); COMMIT or ROLLBACK AND CHAIN
 * begin the next transaction, where a SET LOCAL holds again. Statements that
 * leave the path alone (SET SESSION AUTHORIZATION DEFAULT, SET ROLE, other
 * DISCARDs, a savepoint statement outside a transaction or naming no
 * savepoint, SET ... FROM CURRENT) stay neutral. Each case ends with the
 * probe, whose table is in ledger only: on the default path (public) it is
 * scope.table-not-declared. */
static void test_lint__search_path_follows_savepoints_and_resets(void **state)
{
    (void)state;
    sg_catalog *catalog = NULL;
    sg_error err;
    if (sg_catalog_load_file(SG_SOURCE_DIR "/corpus/catalog.json", &catalog, &err) != SG_OK)
        fail_msg("%s", err.message);
#define PROBE "SELECT uid FROM sdk_examples_entry ORDER BY uid;\n"
    static const struct {
        const char *text;
        bool ledger; /* the probe resolves in ledger */
    } cases[] = {
        /* ROLLBACK TO undoes what came after the savepoint */
        {"BEGIN;\nSAVEPOINT s1;\nSET search_path = ledger;\nROLLBACK TO SAVEPOINT s1;\n" PROBE
         "COMMIT;\n",
         false},
        {"BEGIN;\nSAVEPOINT s1;\nSET search_path = ledger;\nROLLBACK TO s1;\n" PROBE, false},
        {"BEGIN; SAVEPOINT s1; SET search_path = ledger; ROLLBACK TRANSACTION TO s1; "
         "COMMIT;\n" PROBE,
         false},
        {"SET search_path = ledger;\nBEGIN;\nSAVEPOINT a;\nRESET search_path;\nROLLBACK TO a;\n"
         "COMMIT;\n" PROBE,
         true},
        {"BEGIN;\nSAVEPOINT a;\nSET LOCAL search_path = ledger;\nROLLBACK TO a;\n" PROBE, false},
        /* ... and not what came before it */
        {"BEGIN;\nSET search_path = ledger;\nSAVEPOINT a;\nROLLBACK TO a;\nCOMMIT;\n" PROBE, true},
        {"BEGIN;\nSET LOCAL search_path = ledger;\nSAVEPOINT a;\nRESET search_path;\n"
         "ROLLBACK TO a;\n" PROBE,
         true},
        /* the most recent savepoint of the name, which stays after ROLLBACK
         * TO; those after it go; names fold as identifiers do */
        {"BEGIN;\nSAVEPOINT a;\nSET search_path = ledger;\nSAVEPOINT a;\nRESET search_path;\n"
         "ROLLBACK TO a;\n" PROBE,
         true},
        {"BEGIN;\nSAVEPOINT a;\nSET search_path = ledger;\nROLLBACK TO a;\n"
         "SET search_path = ledger;\nROLLBACK TO a;\n" PROBE,
         false},
        {"BEGIN;\nSAVEPOINT a;\nSAVEPOINT b;\nSET search_path = ledger;\nROLLBACK TO a;\n"
         "SET search_path = ledger;\nROLLBACK TO b;\n" PROBE,
         true},
        {"BEGIN;\nSAVEPOINT Outer_Step;\nSET search_path = ledger;\nROLLBACK TO "
         "OUTER_STEP;\n" PROBE,
         false},
        {"BEGIN;\nSAVEPOINT \"A\";\nSET search_path = ledger;\nROLLBACK TO a;\n" PROBE, true},
        /* RELEASE keeps what was set; ROLLBACK still undoes it */
        {"BEGIN;\nSAVEPOINT a;\nSET search_path = ledger;\nRELEASE SAVEPOINT a;\n" PROBE, true},
        {"BEGIN;\nSAVEPOINT a;\nSET search_path = ledger;\nRELEASE a;\nROLLBACK;\n" PROBE, false},
        {"BEGIN;\nSAVEPOINT a;\nSET search_path = ledger;\nRELEASE a;\nROLLBACK TO a;\n" PROBE,
         true},
        /* a savepoint statement outside a transaction does nothing */
        {"SET search_path = ledger;\nSAVEPOINT a;\nRESET search_path;\nROLLBACK TO a;\n" PROBE,
         false},
        {"BEGIN;\nSAVEPOINT a;\nCOMMIT;\nSET search_path = ledger;\nBEGIN;\nROLLBACK TO a;\n" PROBE,
         true},
        /* the ends of a transaction, as before */
        {"BEGIN;\nSET search_path = ledger;\nABORT;\n" PROBE, false},
        {"BEGIN;\nSET search_path = ledger;\nCOMMIT;\n" PROBE, true},
        {"BEGIN;\nSET LOCAL search_path = ledger;\nCOMMIT AND CHAIN;\n" PROBE, false},
        {"BEGIN;\nSET search_path = ledger;\nPREPARE TRANSACTION 'x';\n" PROBE, true},
        /* AND CHAIN begins the next transaction */
        {"BEGIN;\nCOMMIT AND CHAIN;\nSET LOCAL search_path = ledger;\n" PROBE, true},
        {"BEGIN;\nCOMMIT AND CHAIN;\nSET search_path = ledger;\nROLLBACK;\n" PROBE, false},
        {"BEGIN;\nSET search_path = ledger;\nROLLBACK AND CHAIN;\n" PROBE, false},
        {"BEGIN;\nROLLBACK AND CHAIN;\nSET search_path = ledger;\nEND;\n" PROBE, true},
        {"BEGIN;\nCOMMIT AND NO CHAIN;\nSET LOCAL search_path = ledger;\n" PROBE, false},
        /* RESET ALL and DISCARD ALL go back to the default */
        {"SET search_path = ledger;\nRESET ALL;\n" PROBE, false},
        {"SET search_path = ledger;\nDISCARD ALL;\n" PROBE, false},
        {"BEGIN;\nSET LOCAL search_path = ledger;\nRESET ALL;\n" PROBE, false},
        {"SET search_path = ledger;\nBEGIN;\nRESET ALL;\nROLLBACK;\n" PROBE, true},
        {"SET search_path = ledger;\nBEGIN;\nDISCARD ALL;\nROLLBACK;\n" PROBE, true},
        {"SET search_path = ledger;\nBEGIN;\nSAVEPOINT a;\nRESET ALL;\nROLLBACK TO a;\n" PROBE,
         true},
        /* neutral statements */
        {"SET search_path = ledger;\nSET SESSION AUTHORIZATION DEFAULT;\n" PROBE, true},
        {"SET search_path = ledger;\nRESET SESSION AUTHORIZATION;\nSET ROLE NONE;\nRESET ROLE;\n"
         "DISCARD PLANS;\nDISCARD TEMP;\nDISCARD SEQUENCES;\n" PROBE,
         true},
        {"SET search_path = ledger;\nSET search_path FROM CURRENT;\n" PROBE, true},
        {"SET search_path = ledger;\nRESET statement_timeout;\nSET work_mem TO DEFAULT;\n" PROBE,
         true},
    };
#undef PROBE
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sg_lint_result *r = lint(catalog, cases[i].text, SG_LINT_INPUT_SQL);
        size_t errors, n = count_prefix(r, "scope.table-not-declared", &errors);
        if (n != (cases[i].ledger ? 0u : 1u))
            fail_msg("case %zu (%s): %zu scope.table-not-declared", i, cases[i].text, n);
        sg_lint_result_free(r);
    }
    sg_catalog_free(catalog);
}

/* A psql or aiosql variable that stands where only a value can (after a
 * comparison operator, LIMIT or OFFSET) is a parameter, so that a key lookup
 * is one; elsewhere (FROM :tbl, :col = 1) it is still a name. */
static void test_lint__variables_in_value_positions_are_parameters(void **state)
{
    (void)state;
    sg_catalog *catalog = lint_catalog();
    static const char text[] =
        "-- name: get-account^\n"
        "SELECT name FROM sdk_examples_account WHERE uid = :uid LIMIT 1;\n"
        "-- name: page\n"
        "SELECT uid FROM sdk_examples_account WHERE uid>=:lo ORDER BY uid LIMIT :lim OFFSET "
        ":off;\n"
        "SELECT uid FROM :tbl WHERE :col = 1 ORDER BY uid;\n"
        "SELECT name FROM sdk_examples_account WHERE account_code = :code LIMIT 1;\n";
    sg_lint_result *r = lint(catalog, text, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(sg_lint_result_statement_count(r), 4);
    /* both key lookups need no ORDER BY; nothing names a variable */
    assert_int_equal(count_prefix(r, "paginate.", &errors), 0);
    assert_int_equal(count_prefix(r, "scope.", &errors), 0);
    assert_int_equal(count_prefix(r, "column.", &errors), 0);
    assert_int_equal(count_prefix(r, "sql.", &errors), 0);
    sg_lint_result_free(r);
    /* the same lookup by a column that is no key still needs one */
    static const char plain[] = "SELECT uid FROM sdk_examples_account WHERE name = :n LIMIT 1;\n";
    r = lint(catalog, plain, SG_LINT_INPUT_SQL);
    assert_int_equal(count_prefix(r, "paginate.order-by-required", &errors), 1);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* A pgTAP test script (it plans its tests: `SELECT plan(n)`, `SELECT * FROM no_plan()`) runs
 * its assertions once, for no caller, as a migration runs: no pagination warning on each
 * `SELECT ok(...)`. Without the plan, the same selects are queries, paged by a caller. */
static void test_lint__pgtap_scripts_are_not_queries(void **state)
{
    (void)state;
    static const char *const plans[] = {"SELECT plan(3);", "select  PLAN (3) ;",
                                        "SELECT no_plan();", "SELECT * FROM no_plan();"};
    for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "BEGIN;\n%s\nSELECT has_table('public', 'users', 'users exists');\n"
                 "SELECT ok(true, 'fine');\nSELECT results_eq($$ SELECT 1 $$, $$ VALUES (1) $$);\n"
                 "SELECT finish();\nROLLBACK;\n",
                 plans[i]);
        sg_lint_result *r = lint(NULL, text, SG_LINT_INPUT_SQL);
        size_t errors;
        if (count_prefix(r, "paginate.", &errors) != 0)
            fail_msg("%s: a pgTAP script's assertions warned", plans[i]);
        sg_lint_result_free(r);
    }
    sg_lint_result *r = lint(NULL,
                             "SELECT has_table('public', 'users', 'users exists');\n"
                             "SELECT ok(true, 'fine');\nSELECT plan_b(3);\n",
                             SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(count_prefix(r, "paginate.order-by-required", &errors), 3);
    sg_lint_result_free(r);
    /* the catalog still judges the tests' queries, and pgTAP's own `*` is no finding; a
     * user's plan(x) of a column plans no tests */
    sg_catalog *catalog = lint_catalog();
    r = lint(catalog,
             "BEGIN;\nSELECT tap.plan(1);\nSELECT nmae FROM sdk_examples_account;\n"
             "SELECT * FROM finish();\nROLLBACK;\n",
             SG_LINT_INPUT_SQL);
    const sg_lint_finding *f = only(r, "column.unknown");
    assert_int_equal(f->line, 3);
    assert_int_equal(count_prefix(r, "style.", &errors), 0);
    sg_lint_result_free(r);
    r = lint(catalog, "SELECT plan(a.uid) AS p FROM sdk_examples_account AS a;\n",
             SG_LINT_INPUT_SQL);
    assert_int_equal(count_prefix(r, "paginate.order-by-required", &errors), 1);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* A migration tool's placeholder (`${schema}`, `${flyway:user}`) is the
 * tool's to replace before the server reads the file: no syntax error, and
 * no finding about a name it is part of; the rest of each statement is
 * judged as ever, and `$` that is SQL's (dollar quotes, `$1`) stays SQL. */
static void test_lint__tool_placeholders_are_no_names(void **state)
{
    (void)state;
    sg_catalog *catalog = lint_catalog();
    static const char text[] =
        "SELECT uid FROM ${schema}.sdk_examples_account WHERE uid = $1;\n"
        "SELECT a.${col}, ${col} FROM sdk_examples_account AS a WHERE a.uid = $1;\n"
        "SELECT uid FROM sdk_examples_account WHERE uid = ${id} AND nmae = 'x' ORDER BY uid;\n"
        "SELECT $${not} a placeholder$$ AS t FROM sdk_examples_account WHERE uid = $1;\n"
        "SELECT uid FROM public.${table} WHERE uid = $1;\n"
        /* glued to a name, and inside quotes, where the tools replace it too */
        "SELECT uid FROM sdk_examples_${suffix} WHERE uid = $1;\n"
        "SELECT uid FROM pre_${x}_suf WHERE uid = $1;\n"
        "SELECT uid FROM \"${schema}\".sdk_examples_account WHERE uid = $1;\n"
        "SELECT uid FROM \"public\".\"${table}\" WHERE uid = $1;\n"
        /* goose's ENVSUB: a default or a message after its operator */
        "SELECT uid FROM ${SCHEMA:-public}.sdk_examples_account WHERE uid = $1;\n"
        "SELECT uid FROM ${SCHEMA:?set the schema}.sdk_examples_account WHERE uid = $1;\n"
        "SELECT uid FROM ${SCHEMA?}.sdk_examples_account WHERE uid = ${ID-no id};\n";
    sg_lint_result *r = lint(catalog, text, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(sg_lint_result_statement_count(r), 12);
    assert_int_equal(count_prefix(r, "sql.", &errors), 0);
    assert_int_equal(count_prefix(r, "scope.", &errors), 0);
    /* only the misspelt column of the third statement */
    const sg_lint_finding *f = only(r, "column.unknown");
    assert_non_null(strstr(f->message, "\"nmae\""));
    assert_int_equal(f->line, 3);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++)
        if (strstr(finding(r, i).message, "\"__"))
            fail_msg("a finding names a placeholder: %s", finding(r, i).message);
    sg_lint_result_free(r);
    /* not a placeholder: `${` without a closing brace on the line, or with
     * a character no placeholder name has, is SQL's (a syntax error) */
    static const char broken[] = "SELECT uid FROM ${schema\n.t;\nSELECT ${a b} FROM t;\n";
    r = lint(catalog, broken, SG_LINT_INPUT_SQL);
    assert_int_equal(count_prefix(r, "sql.syntax", &errors), 2);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

/* A finding's line and a part of its message. */
typedef struct named_finding {
    long line;
    const char *name;
} named_finding;

/* Asserts that the findings of `rule` are `named`, `count` of them, in
 * order: each on its line, its message holding its part. */
static void assert_named(const sg_lint_result *r, const char *rule, const named_finding *named,
                         size_t count)
{
    size_t k = 0;
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding f = finding(r, i);
        if (strcmp(f.rule, rule) != 0)
            continue;
        assert_true(k < count);
        assert_int_equal(f.line, named[k].line);
        assert_non_null(strstr(f.message, named[k].name));
        k++;
    }
    assert_int_equal(k, count);
}

/* Temporary tables are the session's, not the project's: no naming finding
 * about one a migration creates, nor about the statements after it that use
 * it by its bare name or in pg_temp; a permanent table of the same name in a
 * text that creates no temporary one is judged, and so are the tables and
 * views a CREATE SCHEMA's elements create. */
static void test_lint__naming_temporary_tables_and_schema_elements(void **state)
{
    (void)state;
    sg_policy *policy = NULL;
    const char *json = "{\"version\": 1, \"rules\": {\"naming.table-prefix\": "
                       "{\"options\": {\"prefix\": [\"^sdk_\"]}}}}";
    assert_int_equal(sg_policy_load(json, strlen(json), &policy, NULL), SG_OK);
    static const char migration[] =
        "BEGIN;\n"                                                    /* 1 */
        "CREATE TEMP TABLE tmp_a (id int) ON COMMIT DROP;\n"          /* 2 */
        "INSERT INTO pg_temp.tmp_a (id) SELECT id FROM sdk_rooms;\n"  /* 3 */
        "SELECT id INTO TEMP tmp_b FROM sdk_rooms;\n"                 /* 4 */
        "CREATE TEMPORARY TABLE tmp_c AS SELECT id FROM sdk_rooms;\n" /* 5 */
        "DELETE FROM sdk_rooms WHERE id IN (SELECT id FROM tmp_b) OR id IN "
        "(SELECT id FROM tmp_c) OR id IN (SELECT id FROM tmp_a);\n"                  /* 6 */
        "UPDATE sdk_rooms r SET name = t.id::text FROM tmp_a t WHERE t.id = r.id;\n" /* 7 */
        "INSERT INTO pg_temp_3.other (id) VALUES (1);\n"                             /* 8 */
        "INSERT INTO rooms_log (id) SELECT id FROM tmp_a;\n" /* 9: rooms_log */
        "CREATE SCHEMA sdk_s CREATE TABLE kids (id int) CREATE VIEW kids_v AS "
        "SELECT id FROM kids;\n" /* 10: kids, kids_v */
        "COMMIT;\n";
    sg_lint_result *r =
        lint_sql_as(migration, SG_LINT_PLACEHOLDERS_DEFAULT, SG_LINT_PROFILE_DEFAULT, policy);
    size_t errors;
    assert_int_equal(sg_lint_result_statement_count(r), 11);
    assert_int_equal(count_prefix(r, "naming.table-prefix", &errors), 3);
    static const named_finding named[] = {
        {9, "relation rooms_log "}, {10, "relation kids "}, {10, "relation kids_v "}};
    assert_named(r, "naming.table-prefix", named, sizeof named / sizeof named[0]);
    sg_lint_result_free(r);
    /* a temporary table ends with its DROP, its transaction (ON COMMIT DROP),
     * DISCARD TEMP and the ROLLBACK of the transaction that made it; the
     * permanent table of that name after it is judged; pg_temp's counts */
    static const char ended[] = "CREATE TEMP TABLE staging (id int);\n"           /* 1 */
                                "DROP TABLE staging;\n"                           /* 2 */
                                "CREATE TABLE staging (id int);\n"                /* 3: staging */
                                "BEGIN;\n"                                        /* 4 */
                                "CREATE TEMP TABLE t1 (id int) ON COMMIT DROP;\n" /* 5 */
                                "INSERT INTO t1 (id) VALUES (1);\n"               /* 6 */
                                "COMMIT;\n"                                       /* 7 */
                                "INSERT INTO t1 (id) VALUES (2);\n"               /* 8: t1 */
                                "CREATE TEMP TABLE t2 (id int);\n"                /* 9 */
                                "DISCARD TEMP;\n"                                 /* 10 */
                                "INSERT INTO t2 (id) VALUES (3);\n"               /* 11: t2 */
                                "BEGIN;\n"                                        /* 12 */
                                "CREATE TEMP TABLE t3 (id int);\n"                /* 13 */
                                "ROLLBACK;\n"                                     /* 14 */
                                "INSERT INTO t3 (id) VALUES (4);\n"               /* 15: t3 */
                                "CREATE TABLE pg_temp.scratch (id int);\n"        /* 16 */
                                "INSERT INTO scratch (id) VALUES (5);\n"          /* 17 */
                                "BEGIN;\n"                                        /* 18 */
                                "CREATE TEMP TABLE t5 (id int);\n"                /* 19 */
                                "SAVEPOINT s1;\n"                                 /* 20 */
                                "CREATE TEMP TABLE t4 (id int);\n"                /* 21 */
                                "ROLLBACK TO SAVEPOINT s1;\n"                     /* 22 */
                                "INSERT INTO t4 (id) VALUES (6);\n"               /* 23: t4 */
                                "INSERT INTO t5 (id) VALUES (7);\n"               /* 24 */
                                "COMMIT;\n";
    r = lint_sql_as(ended, SG_LINT_PLACEHOLDERS_DEFAULT, SG_LINT_PROFILE_DEFAULT, policy);
    static const named_finding after[] = {{3, "relation staging "},
                                          {8, "relation t1 "},
                                          {11, "relation t2 "},
                                          {15, "relation t3 "},
                                          {23, "relation t4 "}};
    assert_named(r, "naming.table-prefix", after, sizeof after / sizeof after[0]);
    sg_lint_result_free(r);
    /* without the temporary table, the same use is the project's table */
    static const char queries[] = "DELETE FROM sdk_rooms WHERE id IN (SELECT id FROM tmp_a);\n";
    r = lint_sql_as(queries, SG_LINT_PLACEHOLDERS_DEFAULT, SG_LINT_PROFILE_DEFAULT, policy);
    const sg_lint_finding *f = only(r, "naming.table-prefix");
    assert_non_null(strstr(f->message, "relation tmp_a "));
    sg_lint_result_free(r);
    sg_policy_free(policy);
}

/* A placeholder or a psql variable that is part of a relation's own name
 * (`${TABLE_PREFIX}credit_lots`, `:tbl`, `:"tbl"`) leaves the name to the
 * tool or psql: no naming finding about it, whatever the prefix; one in the
 * schema only (`${schema}.audit`) leaves the relation's name as written, and
 * the naming rule judges it. Every other finding spells such a name as the
 * file wrote it, never as the parser read it (`__table_prefix_credit_lots`,
 * `_tbl`). */
static void test_lint__placeholders_in_relation_names(void **state)
{
    (void)state;
    sg_policy *policy = NULL;
    const char *json = "{\"version\": 1, \"rules\": {\"naming.table-prefix\": "
                       "{\"options\": {\"prefix\": [\"^app_\"]}}}}";
    assert_int_equal(sg_policy_load(json, strlen(json), &policy, NULL), SG_OK);
    static const char migration[] = "CREATE TABLE ${TABLE_PREFIX}credit_lots (id int);\n" /* 1 */
                                    "CREATE TABLE :tbl2 (id int);\n"                      /* 2 */
                                    "CREATE TABLE :\"tbl\" (id int);\n"                   /* 3 */
                                    "CREATE TABLE \"${TABLE_PREFIX}orders\" (id int);\n"  /* 4 */
                                    "CREATE TABLE ${a}_${b} (id int);\n"                  /* 5 */
                                    "CREATE VIEW ${TABLE_PREFIX}v AS SELECT 1 AS one;\n"  /* 6 */
                                    "ALTER TABLE app_x RENAME TO ${TABLE_PREFIX}y;\n"     /* 7 */
                                    "CREATE TABLE app_${suffix} (id int);\n"        /* 8: passes */
                                    "CREATE TABLE ${schema}.app_audit (id int);\n"  /* 9: passes */
                                    "CREATE TABLE app_:sfx (id int);\n"             /* 10: passes */
                                    "CREATE TABLE ${schema}.audit (id int);\n"      /* 11 */
                                    "CREATE TABLE :schema.audit2 (id int);\n"       /* 12 */
                                    "CREATE TABLE \"${schema}\".audit3 (id int);\n" /* 13 */
                                    "CREATE TABLE :\"schema\".audit4 (id int);\n"   /* 14 */
                                    "CREATE TABLE plain (id int);\n"                /* 15 */
                                    "CREATE TABLE :\"s\".:\"t\" (id int);\n"        /* 16 */
                                    "CREATE TABLE app.:\"tbl\" (id int);\n";        /* 17 */
    sg_lint_result *r =
        lint_sql_as(migration, SG_LINT_PLACEHOLDERS_DEFAULT, SG_LINT_PROFILE_DEFAULT, policy);
    size_t errors;
    assert_int_equal(sg_lint_result_statement_count(r), 17);
    assert_int_equal(count_prefix(r, "naming.table-prefix", &errors), 5);
    static const named_finding named[] = {{11, "relation audit "},
                                          {12, "relation audit2 "},
                                          {13, "relation audit3 "},
                                          {14, "relation audit4 "},
                                          {15, "relation plain "}};
    assert_named(r, "naming.table-prefix", named, sizeof named / sizeof named[0]);
    sg_lint_result_free(r);
    /* queries: the same names in FROM, INTO and a DELETE, and a function */
    static const char queries[] =
        "SELECT id FROM ${TABLE_PREFIX}credit_lots WHERE id = $1;\n" /* 1 */
        "SELECT id FROM :tbl WHERE id = $1;\n"                       /* 2 */
        "INSERT INTO ${TABLE_PREFIX}credit_lots (id) VALUES ($1);\n" /* 3 */
        "DELETE FROM ${TABLE_PREFIX}credit_lots;\n"                  /* 4 */
        "DELETE FROM :tbl;\n"                                        /* 5 */
        "UPDATE ${schema}.app_lots SET id = $1;\n"                   /* 6 */
        "SELECT ${TABLE_PREFIX}fn($1) AS f;\n"                       /* 7 */
        "SELECT id FROM ${schema}.audit WHERE id = $1;\n"            /* 8 */
        "SELECT id FROM app_lots WHERE id IN :ids;\n";               /* 9 */
    r = lint_sql_as(queries, SG_LINT_PLACEHOLDERS_DEFAULT, SG_LINT_PROFILE_STRICT, policy);
    assert_int_equal(sg_lint_result_statement_count(r), 9);
    const sg_lint_finding *f = only(r, "naming.table-prefix");
    assert_int_equal(f->line, 8);
    static const struct {
        const char *rule;
        long line;
        const char *says;
    } spelt[] = {
        {"dml.missing-where", 4, "every row of ${TABLE_PREFIX}credit_lots;"},
        {"dml.missing-where", 5, "every row of :tbl;"},
        {"dml.missing-where", 6, "every row of app_lots;"},
        {"func.denied", 7, "function ${TABLE_PREFIX}fn "},
        {"sql.syntax", 9, "at or near \":ids\""},
    };
    for (size_t k = 0; k < sizeof spelt / sizeof *spelt; k++) {
        bool seen = false;
        for (size_t i = 0; i < sg_lint_result_finding_count(r) && !seen; i++) {
            sg_lint_finding g = finding(r, i);
            seen = strcmp(g.rule, spelt[k].rule) == 0 && g.line == spelt[k].line &&
                   strstr(g.message, spelt[k].says);
        }
        if (!seen)
            fail_msg("no %s on line %ld saying %s", spelt[k].rule, spelt[k].line, spelt[k].says);
    }
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++) {
        sg_lint_finding g = finding(r, i);
        if (strstr(g.message, "__") || strstr(g.message, "_tbl") || strstr(g.message, "_ids"))
            fail_msg("a finding names what the parser read: %s", g.message);
    }
    sg_lint_result_free(r);
    sg_policy_free(policy);
}

/* In a file of sqlc's queries (`-- name: Name :one`, or in a block comment,
 * ...), `@name` and the
 * macros sqlc.arg(name), sqlc.narg(name) and sqlc.slice(name) are
 * parameters: a key lookup, no column of that name; sqlc.embed(t) is t's
 * columns, no `SELECT *` to warn about;
 * SQL's own `@` operators stay operators. Elsewhere `@x` is PostgreSQL's
 * absolute value of column x. */
static void test_lint__sqlc_named_parameters(void **state)
{
    (void)state;
    sg_catalog *catalog = lint_catalog();
    static const char sqlc[] =
        "-- name: GetAccount :one\n"
        "SELECT uid, name FROM sdk_examples_account WHERE uid = @uid;\n"
        "-- name: ListByCode :many\n"
        "SELECT uid FROM sdk_examples_account WHERE account_code = @account_code AND name <> "
        "@other_name ORDER BY uid LIMIT @page_size;\n"
        "-- name: Tagged :many\n"
        "SELECT uid FROM sdk_examples_account WHERE ARRAY[name] <@ ARRAY[@name]::text[] AND "
        "to_tsvector(name)@@plainto_tsquery(@q) ORDER BY uid;\n"
        "-- name: Rename :exec\n"
        "UPDATE sdk_examples_account SET name = @new_name WHERE uid = @uid;\n"
        "-- name: Macros :exec\n"
        "UPDATE sdk_examples_account SET name = sqlc.arg(new_name), account_code = "
        "sqlc.narg('code') WHERE uid = ANY(sqlc.slice( ids )) AND home_region = sqlc.arg(\"r\");\n"
        "-- name: MacroKey :one\n"
        "SELECT uid, name FROM sdk_examples_account WHERE uid = sqlc.arg(uid);\n"
        "-- name: Embedded :one\n"
        "SELECT sqlc.embed(sdk_examples_account) FROM sdk_examples_account WHERE uid = @uid;\n"
        "-- name: EmbeddedAlias :one\n"
        "select sqlc.embed( a ), count(*) over () as total from sdk_examples_account a where "
        "a.uid = sqlc.arg(uid);\n"
        /* sqlc matches its macros by the names the parser folds: any case */
        "-- name: UpperMacros :one\n"
        "SELECT SQLC.EMBED(a) FROM sdk_examples_account a WHERE a.uid = SQLC.ARG(account_uid) "
        "AND a.home_region = Sqlc.Narg('wanted_region') AND a.name <> ALL(SQLC.SLICE(names));\n";
    sg_lint_result *r = lint(catalog, sqlc, SG_LINT_INPUT_SQL);
    size_t errors;
    assert_int_equal(sg_lint_result_statement_count(r), 9);
    if (sg_lint_result_finding_count(r) != 0)
        fail_msg("unexpected: %s", finding(r, 0).message);
    sg_lint_result_free(r);
    static const char plain[] = "SELECT uid FROM sdk_examples_account WHERE uid = @nmae ORDER BY "
                                "uid;\n";
    r = lint(catalog, plain, SG_LINT_INPUT_SQL);
    const sg_lint_finding *f = only(r, "column.unknown");
    assert_non_null(strstr(f->message, "\"nmae\""));
    assert_int_equal(count_prefix(r, "column.", &errors), 1);
    sg_lint_result_free(r);
    /* sqlc.embed(t) is t's columns: t must be a FROM item */
    static const char embed_typo[] = "-- name: GetAccount :one\n"
                                     "SELECT sqlc.embed(acount) FROM sdk_examples_account WHERE "
                                     "uid = @uid;\n";
    r = lint(catalog, embed_typo, SG_LINT_INPUT_SQL);
    f = only(r, "column.unknown");
    assert_non_null(strstr(f->message, "no FROM item named acount"));
    assert_int_equal(f->column, 8);
    sg_lint_result_free(r);
    /* sqlc takes the annotation in a block comment too */
    static const char block[] = "/* name: GetAccount :one */\n"
                                "SELECT uid, name FROM sdk_examples_account WHERE uid = @nmae;\n";
    r = lint(catalog, block, SG_LINT_INPUT_SQL);
    if (sg_lint_result_finding_count(r) != 0)
        fail_msg("unexpected: %s", finding(r, 0).message);
    sg_lint_result_free(r);
    sg_catalog_free(catalog);
}

static void test_lint__options_versions(void **state)
{
    (void)state;
    sg_lint_result *r = (sg_lint_result *)&r;
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.profile = (sg_lint_profile)3;
    assert_int_equal(sg_lint_text(NULL, "SELECT 1", 8, SG_LINT_INPUT_SQL, &opts, &r), SG_EINVAL);
    assert_null(r);
    sg_verdict *v = (sg_verdict *)&v;
    assert_int_equal(sg_lint_sql(NULL, "SELECT 1", 8, &opts, &v), SG_EINVAL);
    assert_null(v);
    opts = (sg_lint_options)SG_LINT_OPTIONS_INIT;
    opts.placeholders = (sg_lint_placeholders)5;
    assert_int_equal(sg_lint_text(NULL, "SELECT 1", 8, SG_LINT_INPUT_SQL, &opts, &r), SG_EINVAL);
    assert_int_equal(sg_lint_sql(NULL, "SELECT 1", 8, &opts, &v), SG_EINVAL);

    /* version 1 knows no profile: its struct ends before it */
    struct {
        unsigned version;
        const sg_policy *policy;
        const char *data_source_uid;
    } v1 = {1, NULL, NULL};
    static const char text[] = "SELECT id FROM t WHERE name LIKE 'a%' AND id = $1 ORDER BY id";
    assert_int_equal(
        sg_lint_text(NULL, text, strlen(text), SG_LINT_INPUT_SQL, (const sg_lint_options *)&v1, &r),
        SG_OK);
    size_t errors;
    assert_int_equal(count_prefix(r, "params.", &errors), 0);
    sg_lint_result_free(r);
    assert_int_equal(sg_lint_sql(NULL, text, strlen(text), (const sg_lint_options *)&v1, &v),
                     SG_OK);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
}

/* lint's own rules, for reports that list every rule. */
static void test_lint__rule_table(void **state)
{
    (void)state;
    static const char *const ids[] = {SG_LINT_RULE_FILE, SG_LINT_RULE_UNUSED_SUPPRESSION,
                                      SG_LINT_RULE_UNKNOWN_RULE, SG_LINT_RULE_BAD_SUPPRESSION};
    assert_int_equal(sg_lint_rule_count(), 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(sg_lint_rule_id(i), ids[i]);
        assert_non_null(sg_lint_rule_summary(i));
        assert_true(strlen(sg_lint_rule_help(i)) > strlen(sg_lint_rule_summary(i)));
        for (size_t k = 0; k < sg_rule_count(); k++)
            assert_string_not_equal(sg_rule_id(k), ids[i]);
    }
    assert_int_equal(sg_lint_rule_default_severity(1), SG_SEVERITY_WARNING);
    assert_int_equal(sg_lint_rule_default_severity(0), SG_SEVERITY_ERROR);
    assert_null(sg_lint_rule_id(4));
    assert_null(sg_lint_rule_summary(4));
    assert_null(sg_lint_rule_help(4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test(test_lint__##name)
        T(golden_text),
        T(golden_json),
        T(golden_sarif),
        T(golden_github),
        T(golden_realworld),
        T(golden_gitlab),
        T(golden_junit),
        T(junit_escapes),
        T(jobs_do_not_change_the_report),
        T(jobs_with_files_of_every_size),
        T(result_memory),
        T(timing),
        T(disable_next_line),
        T(disable_span),
        T(unused_suppression),
        T(migration_suppressions_of_idle_rules),
        T(disable_next_line_in_front_of_sql),
        T(unknown_rule_and_bad_directive),
        T(directive_in_a_literal_is_not_a_comment),
        T(check_ignores_suppression_comments),
        T(exit_codes),
        T(colour_only_on_a_terminal),
        T(github_escapes),
        T(long_line_window),
        T(columns_on_one_long_line),
        T(files_that_cannot_be_linted),
        T(walk),
        T(walk_extensions_in_any_case),
        T(exclude_and_ignore_file),
        T(ignore_files_above_the_walked_directory),
        T(json_files_and_operations_globs),
        T(stdin),
        T(profile_and_placeholder_flags),
        T(json_report_escapes),
        T(file_names_that_are_not_utf8),
        T(disable_line),
        T(syntax_errors_are_placed),
        T(operation_places_in_the_file),
        T(policy_discovery),
        T(migration_directory_from_inside),
        T(seed_files),
        T(policy_per_file),
        T(text_splits_statements),
        T(query_name_headers_split),
        T(named_query_file_with_ddl_is_no_migration),
        T(declared_rows_quiet_pagination),
        T(down_section_deletes_every_row),
        T(placeholders_where_numbers_stand),
        T(resource_bound_counts_constants_only),
        T(syntax_error_names_placeholder_as_written),
        T(text_long_in_parts),
        T(parts_lint_as_whole),
        T(long_files_in_windows),
        T(copy_data_across_parts),
        T(syntax_message_one_line),
        T(placeholder_style_decided_by_the_file),
        T(file_errors),
        T(finding_pointers),
        T(file_changed_while_linted),
        T(text_bad_statement_among_good_ones),
        T(recover_the_four_statements),
        T(recover_variants),
        T(recover_keeps_suppressions),
        T(text_suppression),
        T(text_operation_places),
        T(text_that_is_not_text),
        T(text_arguments),
        T(rule_table),
        T(placeholders_auto_dollar),
        T(placeholders_psycopg),
        T(placeholders_none),
        T(statements_not_operations),
        T(directive_in_framed_comment),
        T(migrations_judged_without_the_catalog),
        T(migrations_call_what_migrations_call),
        T(psql_variables_are_no_names),
        T(pgtap_scripts_are_not_queries),
        T(tool_placeholders_are_no_names),
        T(placeholders_in_relation_names),
        T(naming_temporary_tables_and_schema_elements),
        T(variables_in_value_positions_are_parameters),
        T(set_search_path_is_followed),
        T(search_path_follows_savepoints_and_resets),
        T(application_types_of_the_catalog),
        T(sqlc_named_parameters),
        T(options_versions),
        T(literals_in_backfills),
        T(migrations_and_dumps_are_not_paged),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
