/*
 * cli.c - the sqlguard command line.
 *
 * `sqlguard check` loads a catalog once and judges operation files (or one
 * operation on standard input), printing verdicts as text with a caret under
 * each diagnostic's place, or as one JSON object per operation. Exit codes
 * follow the contract: 0 all allowed, 1 any denied, 2 could not do the job.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli_lint.h"
#include "sqlguard.h"

enum { EXIT_ALLOWED = 0, EXIT_DENIED = 1, EXIT_TROUBLE = 2 };

static const char main_usage[] =
    "usage: sqlguard <command> [options]\n"
    "\n"
    "sqlguard decides whether a governed SQL operation may run: it parses the\n"
    "operation's SQL with PostgreSQL's own parser and proves that it touches only\n"
    "the scoped tables, with the declared access, binds every placeholder, and\n"
    "calls only allowed functions.\n"
    "\n"
    "commands:\n"
    "  check    judge operation files against a catalog\n"
    "  exec     judge one operation and, if allowed, run it on PostgreSQL\n"
    "  lint     lint .sql files and operation files for CI\n"
    "  rules    list the rules and their default severities\n"
    "\n"
    "options:\n"
    "  -h, --help     show this help (also: sqlguard <command> --help)\n"
    "  --version      print the version\n"
    "\n"
    "exit codes: 0 every operation allowed, 1 at least one denied,\n"
    "            2 the command could not do its job (usage, unreadable file, bad catalog)\n";

static const char check_usage[] =
    "usage: sqlguard check --catalog FILE [--policy FILE] [--format text|json]\n"
    "                      OPERATION.json... | -\n"
    "       sqlguard check --catalog FILE --ndjson < OPERATIONS.ndjson\n"
    "\n"
    "Judges each operation (contract section 1) against the catalog and prints a\n"
    "verdict per operation. '-' reads one operation from standard input.\n"
    "\n"
    "options:\n"
    "  --catalog FILE       the catalog of MetaTables (required)\n"
    "  --policy FILE        rule severities and options (see the README's policy section)\n"
    "  --format text|json   text (default): one line per diagnostic,\n"
    "                         FILE:LINE:COL: SEVERITY [RULE] MESSAGE\n"
    "                       followed by the SQL line and a caret under the spot;\n"
    "                       LINE and COL are positions in the operation's SQL.\n"
    "                       json: one verdict object per operation, one per line,\n"
    "                       in the order the operations were given.\n"
    "  --ndjson             stream mode: read operations from standard input, one\n"
    "                       JSON object per line (empty lines are skipped), and\n"
    "                       write one verdict per line, as --format json does, in\n"
    "                       input order. The catalog is loaded once. Takes no\n"
    "                       operation arguments. Output is block-buffered unless\n"
    "                       standard output is a terminal; it is complete when\n"
    "                       standard input ends. If a check itself fails (out of\n"
    "                       memory) the stream stops there with exit code 2.\n"
    "  -h, --help           show this help\n"
    "\n"
    "exit codes: 0 every operation allowed, 1 at least one denied,\n"
    "            2 the command could not do its job (usage, unreadable file, bad catalog)\n";

static const char exec_usage[] =
    "usage: sqlguard exec --catalog FILE [--policy FILE] [--dsn DSN] [--dry-run]\n"
    "                     OPERATION.json | -\n"
    "\n"
    "Checks the operation and, only if it is allowed, runs exactly the checked\n"
    "statement in a transaction of its own (search_path pinned to the data\n"
    "source's default schema, then pg_catalog, then pg_temp; the operation's\n"
    "statement timeout; READ ONLY and a cursor bounded by max_rows for selects).\n"
    "A denied operation prints its verdict and never opens a connection.\n"
    "Prints {\"verdict\": ..., \"result\": {\"columns\", \"rows\", \"pagination\", \"error\"}}.\n"
    "\n"
    "options:\n"
    "  --catalog FILE   the catalog of MetaTables (required)\n"
    "  --policy FILE    rule severities and options\n"
    "  --dsn DSN        libpq connection string; a data source's own \"dsn\" in the\n"
    "                   catalog wins; default: $SQLGUARD_DSN, then libpq's defaults\n"
    "  --dry-run        run nothing: show the settings, statement and parameters\n"
    "  -h, --help       show this help\n"
    "\n"
    "exit codes: 0 allowed and committed, 1 denied, 2 could not do the job (usage,\n"
    "            unreadable file, bad catalog, no connection), 3 allowed but the\n"
    "            server refused the statement (the error is in the result; rolled back)\n";

static const char rules_usage[] =
    "usage: sqlguard rules [--format text|json|markdown]\n"
    "\n"
    "Lists every rule id with its default severity, whether a policy may weaken it\n"
    "(locked rules cannot be turned off or made warnings), its summary and options.\n"
    "markdown prints the table the README carries.\n";

/* Reads a whole file (or stdin for "-"), up to `limit` bytes. */
static char *read_all(const char *path, size_t limit, size_t *len, const char **why)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > limit) {
            *why = "file is larger than the operation size limit";
            free(buf);
            buf = NULL;
            break;
        }
        if (got == 0)
            break;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                *why = "out of memory";
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf && ferror(f)) {
        *why = strerror(errno);
        free(buf);
        buf = NULL;
    } else if (!buf && !*why) {
        *why = "out of memory";
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return buf;
}

/* Lines of standard input for stream mode, read in 64 KiB blocks (a pipe
 * gives 4 KiB by default) and safe for NUL bytes. */
typedef struct line_reader {
    FILE *in;
    size_t pos, end;
    bool eof;
    char buf[1 << 16];
} line_reader;

/*
 * The next line, without its '\n', in *line (grown as needed, never past
 * `keep` bytes): *len bytes kept, *total the line's full length; the rest of
 * a longer line is read and dropped, so memory stays bounded whatever comes
 * in. Returns 1 for a line, 0 at the end of the input, -1 on a read error or
 * when memory runs out.
 */
static int next_line(line_reader *r, char **line, size_t *cap, size_t keep, size_t *len,
                     size_t *total)
{
    *len = *total = 0;
    bool any = false;
    for (;;) {
        if (r->pos == r->end) {
            if (r->eof)
                break;
            r->pos = 0;
            r->end = fread(r->buf, 1, sizeof r->buf, r->in);
            if (r->end == 0) {
                r->eof = true;
                if (ferror(r->in))
                    return -1;
                break;
            }
        }
        any = true;
        const char *start = r->buf + r->pos;
        size_t avail = r->end - r->pos;
        const char *nl = memchr(start, '\n', avail);
        size_t n = nl ? (size_t)(nl - start) : avail;
        size_t take = keep - *len < n ? keep - *len : n;
        if (take > 0) {
            if (*len + take + 1 > *cap) {
                size_t want = (*len + take + 1) * 2;
                if (want > keep + 1)
                    want = keep + 1;
                char *bigger = realloc(*line, want);
                if (!bigger)
                    return -1;
                *line = bigger;
                *cap = want;
            }
            memcpy(*line + *len, start, take);
            *len += take;
        }
        *total += n;
        r->pos += n + (nl ? 1 : 0);
        if (nl)
            return 1;
    }
    return any ? 1 : 0;
}

/* The SQL of an operation, for showing source lines; NULL when unreadable. */
static char *extract_sql(const char *json, size_t len)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    const cJSON *sql = cJSON_GetObjectItemCaseSensitive(root, "sql");
    char *copy = cJSON_IsString(sql) ? strdup(sql->valuestring) : NULL;
    cJSON_Delete(root);
    return copy;
}

static void print_caret(FILE *out, const char *sql, long line, long column)
{
    const char *p = sql;
    for (long l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return;
    size_t n = strcspn(p, "\n");
    fprintf(out, "    %.*s\n    ", (int)n, p);
    /* One space per character before the spot; tabs stay tabs so the caret
     * lines up in a terminal. */
    long col = 1;
    for (size_t i = 0; i < n && col < column; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c & 0xC0) == 0x80)
            continue;
        fputc(c == '\t' ? '\t' : ' ', out);
        col++;
    }
    fputs("^\n", out);
}

static void print_text(FILE *out, const char *name, const sg_verdict *v, const char *sql)
{
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        const char *sev = d->severity == SG_SEVERITY_ERROR ? "error" : "warning";
        if (d->severity == SG_SEVERITY_ERROR)
            errors++;
        else
            warnings++;
        if (d->line > 0) {
            fprintf(out, "%s:%ld:%ld: %s [%s] %s\n", name, d->line, d->column, sev, d->rule,
                    d->message);
            if (sql)
                print_caret(out, sql, d->line, d->column);
        } else {
            fprintf(out, "%s: %s [%s] %s\n", name, sev, d->rule, d->message);
        }
    }
    if (sg_verdict_allowed(v))
        fprintf(out, "%s: allowed (%s%s%zu warning%s)\n", name, sg_verdict_operation(v),
                *sg_verdict_operation(v) ? ", " : "", warnings, warnings == 1 ? "" : "s");
    else
        fprintf(out, "%s: denied (%zu error%s, %zu warning%s)\n", name, errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

/* Matches `NAME VALUE` or `NAME=VALUE` at argv[*i]: 1 with *value set (and *i
 * past the value), 0 when argv[*i] is something else, -1 after telling the
 * user that the value is missing. */
int sg__cli_option_value(int argc, char **argv, int *i, const char *name, const char **value,
                         const char *cmd, const char *usage)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "sqlguard %s: %s needs a value\n%s", cmd, name, usage);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

static sg_catalog *load_catalog(const char *path, const sg_policy *policy)
{
    sg_error err;
    sg_catalog *catalog = NULL;
    if (sg_catalog_load_file_policy(path, policy, &catalog, &err) != SG_OK)
        fprintf(stderr, "sqlguard: %s\n", err.message);
    return catalog;
}

/* Loads the policy at `path` (NULL: none) into *out; false after an error. */
static bool load_policy(const char *path, sg_policy **out)
{
    *out = NULL;
    if (!path)
        return true;
    sg_error err;
    if (sg_policy_load_file(path, out, &err) != SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", err.message);
        return false;
    }
    return true;
}

/* The policy (optional) and the catalog of a command; false after an error. */
static bool load_inputs(const char *policy_path, const char *catalog_path, sg_policy **policy,
                        sg_catalog **catalog)
{
    if (!load_policy(policy_path, policy))
        return false;
    *catalog = load_catalog(catalog_path, *policy);
    if (*catalog)
        return true;
    sg_policy_free(*policy);
    *policy = NULL;
    return false;
}

static int cmd_check(int argc, char **argv)
{
    const char *catalog_path = NULL, *policy_path = NULL, *format = NULL;
    bool ndjson = false;
    int first_op = argc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int got;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(check_usage, stdout);
            return EXIT_ALLOWED;
        } else if (strcmp(a, "--ndjson") == 0) {
            ndjson = true;
        } else if ((got = sg__cli_option_value(argc, argv, &i, "--catalog", &catalog_path, "check",
                                               check_usage)) != 0 ||
                   (got = sg__cli_option_value(argc, argv, &i, "--format", &format, "check",
                                               check_usage)) != 0 ||
                   (got = sg__cli_option_value(argc, argv, &i, "--policy", &policy_path, "check",
                                               check_usage)) != 0) {
            if (got < 0)
                return EXIT_TROUBLE;
        } else if (strcmp(a, "--") == 0) {
            first_op = i + 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "sqlguard check: unknown option %s\n%s", a, check_usage);
            return EXIT_TROUBLE;
        } else {
            first_op = i;
            break;
        }
    }
    if (ndjson && format && strcmp(format, "json") != 0) {
        fprintf(stderr,
                "sqlguard check: --ndjson writes JSON verdicts; --format %s does not "
                "apply\n",
                format);
        return EXIT_TROUBLE;
    }
    if (!format)
        format = "text";
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0) {
        fprintf(stderr, "sqlguard check: --format must be text or json, not '%s'\n", format);
        return EXIT_TROUBLE;
    }
    if (!catalog_path) {
        fprintf(stderr, "sqlguard check: --catalog FILE is required\n%s", check_usage);
        return EXIT_TROUBLE;
    }
    if (ndjson && first_op < argc) {
        fprintf(stderr,
                "sqlguard check: --ndjson reads operations from standard input and "
                "takes no operation arguments\n%s",
                check_usage);
        return EXIT_TROUBLE;
    }
    if (!ndjson && first_op >= argc) {
        fprintf(stderr, "sqlguard check: no operation given (a file, or - for stdin)\n%s",
                check_usage);
        return EXIT_TROUBLE;
    }
    sg_policy *policy;
    sg_catalog *catalog;
    if (!load_inputs(policy_path, catalog_path, &policy, &catalog))
        return EXIT_TROUBLE;
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = policy;
    sg_check_options_apply_policy(&opts);
    if (ndjson) {
        /* Stream mode: one operation per line in, one verdict per line out. The
         * line buffer is reused for every line; the only allocations per line
         * are the verdict and its JSON text. */
        int status = EXIT_ALLOWED;
        static line_reader in; /* 64 KiB: not on the stack */
        in.in = stdin;
        char *line = NULL;
        size_t cap = 0;
        unsigned long lineno = 0;
        size_t len, total;
        int got;
        while ((got = next_line(&in, &line, &cap, opts.max_operation_bytes + 1, &len, &total)) >
               0) {
            lineno++;
            if (len > 0 && len == total && line[len - 1] == '\r')
                total = --len;
            if (len == 0)
                continue;
            if (total > len)
                fprintf(stderr,
                        "sqlguard: <stdin>:%lu: the line is %zu bytes; only the first %zu were "
                        "read (the operation limit is %zu)\n",
                        lineno, total, len, opts.max_operation_bytes);
            sg_verdict *v = NULL;
            int rc = sg_check(catalog, line, len, &opts, &v);
            char *out = NULL;
            if (rc != SG_OK || sg_verdict_to_json(v, &out) != SG_OK) {
                /* Stop: a verdict missing from the middle of the stream would
                 * pair every later verdict with the wrong operation. */
                fprintf(stderr, "sqlguard: <stdin>:%lu: %s\n", lineno,
                        rc != SG_OK ? sg_strerror(rc) : "cannot serialise the verdict");
                sg_verdict_free(v);
                status = EXIT_TROUBLE;
                break;
            }
            size_t n = strlen(out);
            out[n] = '\n'; /* overwrite the terminator: one write per verdict */
            size_t wrote = fwrite(out, 1, n + 1, stdout);
            sg_free(out);
            if (wrote != n + 1) {
                sg_verdict_free(v);
                status = EXIT_TROUBLE; /* main() reports the write error */
                break;
            }
            if (!sg_verdict_allowed(v) && status == EXIT_ALLOWED)
                status = EXIT_DENIED;
            sg_verdict_free(v);
        }
        if (status != EXIT_TROUBLE && got < 0) {
            fprintf(stderr, "sqlguard: <stdin>:%lu: %s\n", lineno + 1,
                    ferror(stdin) ? strerror(errno) : "out of memory");
            status = EXIT_TROUBLE;
        }
        free(line);
        sg_catalog_free(catalog);
        sg_policy_free(policy);
        return status;
    }

    int status = EXIT_ALLOWED;
    for (int i = first_op; i < argc; i++) {
        const char *name = strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i];
        size_t len = 0;
        const char *why = NULL;
        char *text = read_all(argv[i], opts.max_operation_bytes, &len, &why);
        if (!text) {
            fprintf(stderr, "sqlguard: %s: %s\n", name, why ? why : "cannot read");
            status = EXIT_TROUBLE;
            continue;
        }
        sg_verdict *v = NULL;
        int rc = sg_check(catalog, text, len, &opts, &v);
        if (rc != SG_OK) {
            fprintf(stderr, "sqlguard: %s: %s\n", name, sg_strerror(rc));
            free(text);
            status = EXIT_TROUBLE;
            continue;
        }
        if (json) {
            char *out = NULL;
            if (sg_verdict_to_json(v, &out) == SG_OK) {
                fputs(out, stdout);
                fputc('\n', stdout);
            } else {
                fprintf(stderr, "sqlguard: %s: cannot serialise the verdict\n", name);
                status = EXIT_TROUBLE;
            }
            sg_free(out);
        } else {
            char *sql = extract_sql(text, len);
            print_text(stdout, name, v, sql);
            free(sql);
        }
        if (!sg_verdict_allowed(v) && status == EXIT_ALLOWED)
            status = EXIT_DENIED;
        sg_verdict_free(v);
        free(text);
    }
    sg_catalog_free(catalog);
    sg_policy_free(policy);
    return status;
}

static int cmd_exec(int argc, char **argv)
{
    const char *catalog_path = NULL, *policy_path = NULL, *dsn = getenv("SQLGUARD_DSN");
    const char *op_path = NULL;
    bool dry_run = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int got;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(exec_usage, stdout);
            return EXIT_ALLOWED;
        } else if ((got = sg__cli_option_value(argc, argv, &i, "--catalog", &catalog_path, "exec",
                                               exec_usage)) != 0 ||
                   (got = sg__cli_option_value(argc, argv, &i, "--dsn", &dsn, "exec",
                                               exec_usage)) != 0 ||
                   (got = sg__cli_option_value(argc, argv, &i, "--policy", &policy_path, "exec",
                                               exec_usage)) != 0) {
            if (got < 0)
                return EXIT_TROUBLE;
        } else if (strcmp(a, "--dry-run") == 0) {
            dry_run = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "sqlguard exec: unknown option %s\n%s", a, exec_usage);
            return EXIT_TROUBLE;
        } else if (op_path) {
            fprintf(stderr, "sqlguard exec: one operation at a time\n%s", exec_usage);
            return EXIT_TROUBLE;
        } else {
            op_path = a;
        }
    }
    if (!catalog_path || !op_path) {
        fprintf(stderr, "sqlguard exec: --catalog FILE and an operation are required\n%s",
                exec_usage);
        return EXIT_TROUBLE;
    }
    sg_policy *policy;
    sg_catalog *catalog;
    if (!load_inputs(policy_path, catalog_path, &policy, &catalog))
        return EXIT_TROUBLE;
    sg_error err;
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = policy;
    sg_check_options_apply_policy(&opts);
    size_t len = 0;
    const char *why = NULL;
    char *text = read_all(op_path, opts.max_operation_bytes, &len, &why);
    sg_verdict *v = NULL;
    sg_executor *ex = NULL;
    sg_result *result = NULL;
    char *vjson = NULL, *rjson = NULL;
    int status = EXIT_TROUBLE;
    if (!text) {
        fprintf(stderr, "sqlguard: %s: %s\n", op_path, why ? why : "cannot read");
        goto done;
    }
    int rc = sg_check(catalog, text, len, &opts, &v);
    if (rc != SG_OK || sg_verdict_to_json(v, &vjson) != SG_OK) {
        fprintf(stderr, "sqlguard: %s: %s\n", op_path, sg_strerror(rc));
        goto done;
    }
    if (!sg_verdict_allowed(v)) {
        /* never open a connection for a denied operation */
        printf("{\"verdict\":%s,\"result\":null}\n", vjson);
        status = EXIT_DENIED;
        goto done;
    }
    rc = dry_run ? sg_executor_new_dryrun(&ex) : sg_executor_new_libpq(dsn, 1, &ex, &err);
    if (rc != SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", dry_run ? sg_strerror(rc) : err.message);
        goto done;
    }
    rc = sg_execute(ex, v, &result, &err);
    if (rc != SG_OK) {
        fprintf(stderr, "sqlguard: %s: %s\n", op_path, err.message);
        goto done;
    }
    if (sg_result_to_json(result, &rjson) != SG_OK) {
        fprintf(stderr, "sqlguard: %s: cannot serialise the result\n", op_path);
        goto done;
    }
    printf("{\"verdict\":%s,\"result\":%s}\n", vjson, rjson);
    status = sg_result_outcome(result)->ok ? EXIT_ALLOWED : 3;
done:
    sg_free(vjson);
    sg_free(rjson);
    sg_result_free(result);
    sg_executor_free(ex);
    sg_verdict_free(v);
    free(text);
    sg_catalog_free(catalog);
    sg_policy_free(policy);
    return status;
}

/* The rule table as the Markdown the README carries between its rules markers. */
static void print_rules_markdown(void)
{
    puts("| rule | default | locked | when |");
    puts("|---|---|---|---|");
    for (size_t i = 0; i < sg_rule_count(); i++) {
        printf("| `%s` | %s | %s | %s", sg_rule_id(i),
               sg_rule_default_severity(i) == SG_SEVERITY_ERROR ? "error" : "warning",
               sg_rule_locked(i) ? "yes" : "", sg_rule_summary(i));
        for (size_t k = 0; k < sg_rule_option_count(i); k++)
            printf("%s`%s`: %s", k ? "; " : ". Options: ", sg_rule_option_name(i, k),
                   sg_rule_option_help(i, k));
        puts(" |");
    }
}

static int cmd_rules(int argc, char **argv)
{
    const char *format = "text";
    for (int i = 1; i < argc; i++) {
        int got;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(rules_usage, stdout);
            return EXIT_ALLOWED;
        } else if ((got = sg__cli_option_value(argc, argv, &i, "--format", &format, "rules",
                                               rules_usage)) != 0) {
            if (got < 0)
                return EXIT_TROUBLE;
        } else {
            fprintf(stderr, "sqlguard rules: unknown argument %s\n%s", argv[i], rules_usage);
            return EXIT_TROUBLE;
        }
    }
    bool json = strcmp(format, "json") == 0;
    if (strcmp(format, "markdown") == 0) {
        print_rules_markdown();
        return EXIT_ALLOWED;
    }
    if (!json && strcmp(format, "text") != 0) {
        fprintf(stderr, "sqlguard rules: --format must be text, json or markdown\n%s", rules_usage);
        return EXIT_TROUBLE;
    }
    if (json) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; arr && i < sg_rule_count(); i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddItemToArray(arr, o);
            cJSON_AddStringToObject(o, "id", sg_rule_id(i));
            cJSON_AddStringToObject(o, "severity",
                                    sg_rule_default_severity(i) == SG_SEVERITY_ERROR ? "error"
                                                                                     : "warning");
            cJSON_AddBoolToObject(o, "locked", sg_rule_locked(i));
            cJSON_AddStringToObject(o, "summary", sg_rule_summary(i));
            cJSON *opts = cJSON_AddObjectToObject(o, "options");
            for (size_t k = 0; opts && k < sg_rule_option_count(i); k++)
                cJSON_AddStringToObject(opts, sg_rule_option_name(i, k), sg_rule_option_help(i, k));
        }
        char *s = cJSON_PrintUnformatted(arr);
        if (!s) {
            cJSON_Delete(arr);
            return EXIT_TROUBLE;
        }
        puts(s);
        cJSON_free(s);
        cJSON_Delete(arr);
    } else {
        for (size_t i = 0; i < sg_rule_count(); i++) {
            printf("%-32s %-8s %s%s\n", sg_rule_id(i),
                   sg_rule_default_severity(i) == SG_SEVERITY_ERROR ? "error" : "warning",
                   sg_rule_summary(i), sg_rule_locked(i) ? " (locked)" : "");
            for (size_t k = 0; k < sg_rule_option_count(i); k++)
                printf("%-32s   option %s: %s\n", "", sg_rule_option_name(i, k),
                       sg_rule_option_help(i, k));
        }
    }
    return EXIT_ALLOWED;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        fputs(main_usage, stderr);
        return EXIT_TROUBLE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(main_usage, stdout);
        return EXIT_ALLOWED;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("sqlguard %s\n", SG_VERSION_STRING);
        return EXIT_ALLOWED;
    }
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "rules") == 0)
        return cmd_rules(argc - 1, argv + 1);
    if (strcmp(cmd, "exec") == 0)
        return cmd_exec(argc - 1, argv + 1);
    if (strcmp(cmd, "lint") == 0)
        return sg__cli_lint(argc - 1, argv + 1);
    fprintf(stderr, "sqlguard: unknown command '%s'\n%s", cmd, main_usage);
    return EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
    /* this process is ours: nothing else here installs cJSON hooks */
    sg_json_allocator_install();
    int status = dispatch(argc, argv);
    /* Output that never reached its destination is a job not done. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "sqlguard: cannot write standard output: %s\n", strerror(errno));
        return EXIT_TROUBLE;
    }
    return status;
}
