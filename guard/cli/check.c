/*
 * check.c - `sqlguard check`: judge operation files against a catalog.
 *
 * The catalog (and policy) are loaded once; each operation file is read
 * through the library's bounded reader and checked, and its verdict printed
 * as text, with a caret under each diagnostic's place in the operation's own
 * SQL (sg_verdict_sql()), or as one JSON object per operation. --ndjson
 * hands over to stream mode (stream.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "exit.h"
#include "inputs.h"
#include "options.h"
#include "print.h"
#include "stream.h"

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

static const cli_command check_cmd = {"check", check_usage};

typedef struct check_args {
    const char *catalog, *policy, *format;
    bool ndjson;
    bool json;        /* --format json */
    const char **ops; /* the operations, in order (argv's strings) */
    int op_count;
} check_args;

/* Reads the options, before and after the operations (as lint does), up to
 * `--`, after which every argument is an operation. Returns -1 to go on, or
 * the exit status (help, usage error). */
static int parse_options(int argc, char **argv, check_args *a)
{
    memset(a, 0, sizeof *a);
    a->ops = malloc((size_t)argc * sizeof *a->ops);
    if (!a->ops) {
        fprintf(stderr, "sqlguard check: out of memory\n");
        return EXIT_TROUBLE;
    }
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int got;
        if (cli_is_help(arg)) {
            fputs(check_usage, stdout);
            return EXIT_CLEAN;
        } else if (strcmp(arg, "--ndjson") == 0) {
            a->ndjson = true;
        } else if ((got = cli_option_value(&check_cmd, argc, argv, &i, "--catalog", &a->catalog)) ||
                   (got = cli_option_value(&check_cmd, argc, argv, &i, "--format", &a->format)) ||
                   (got = cli_option_value(&check_cmd, argc, argv, &i, "--policy", &a->policy))) {
            if (got < 0)
                return EXIT_TROUBLE;
        } else if (strcmp(arg, "--") == 0) {
            while (++i < argc)
                a->ops[a->op_count++] = argv[i];
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return cli_usage_error(&check_cmd, "unknown option %s", arg);
        } else {
            a->ops[a->op_count++] = arg;
        }
    }
    return -1;
}

/* Whether `path` reads standard input: `-`, or a name of file descriptor 0. */
static bool reads_stdin(const char *path)
{
    return path && (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdin") == 0 ||
                    strcmp(path, "/dev/fd/0") == 0 || strcmp(path, "/proc/self/fd/0") == 0);
}

/* Whether the options fit together; false after telling the user. */
static bool usable(const check_args *a)
{
    if (a->ndjson && a->format && strcmp(a->format, "json") != 0) {
        cli_usage_error(&check_cmd, "--ndjson writes JSON verdicts; --format %s does not apply",
                        a->format);
        return false;
    }
    if (!a->json && a->format && strcmp(a->format, "text") != 0) {
        cli_usage_error(&check_cmd, "--format must be text or json, not '%s'", a->format);
        return false;
    }
    if (!a->catalog) {
        cli_usage_error(&check_cmd, "--catalog FILE is required");
        return false;
    }
    if (a->ndjson && a->op_count) {
        cli_usage_error(&check_cmd, "--ndjson reads operations from standard input and takes "
                                    "no operation arguments");
        return false;
    }
    if (!a->ndjson && !a->op_count) {
        cli_usage_error(&check_cmd, "no operation given (a file, or - for stdin)");
        return false;
    }
    /* standard input can be read once: what reads it second would find it
     * empty (a stream of no operations, "all allowed") */
    int stdin_uses = a->ndjson + reads_stdin(a->catalog) + reads_stdin(a->policy);
    for (int i = 0; i < a->op_count; i++)
        stdin_uses += reads_stdin(a->ops[i]);
    if (stdin_uses > 1) {
        cli_usage_error(&check_cmd, "standard input can be read once, and --catalog -, "
                                    "--policy -, an operation - and --ndjson each read it");
        return false;
    }
    return true;
}

static void print_text(FILE *out, const char *name, const sg_verdict *v)
{
    const char *sql = sg_verdict_sql(v);
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        if (d->severity == SG_SEVERITY_ERROR)
            errors++;
        else
            warnings++;
        cli_print_finding(out, name, d->line, d->column, d->severity, d->rule, d->message, false);
        size_t n;
        const char *line = d->line > 0 && sql ? cli_line_of(sql, d->line, &n) : NULL;
        if (line)
            cli_print_caret(out, line, n, d->column, false, NULL);
    }
    /* the policy's max_diagnostics kept fewer than were found */
    const char *more = sg_verdict_diagnostics_truncated(v) ? " shown; more were found" : "";
    if (sg_verdict_allowed(v))
        fprintf(out, "%s: allowed (%s%s%zu warning%s%s)\n", name, sg_verdict_operation(v),
                *sg_verdict_operation(v) ? ", " : "", warnings, cli_plural(warnings), more);
    else
        fprintf(out, "%s: denied (%zu error%s, %zu warning%s%s)\n", name, errors,
                cli_plural(errors), warnings, cli_plural(warnings), more);
}

/* Checks one operation file and prints its verdict; returns its status. */
static int check_file(const cli_inputs *in, const char *path, bool json)
{
    sg_verdict *v = cli_check_file(in, path);
    if (!v)
        return EXIT_TROUBLE;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    int status = sg_verdict_allowed(v) ? EXIT_CLEAN : EXIT_FINDINGS;
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
        print_text(stdout, name, v);
    }
    sg_verdict_free(v);
    return status;
}

/* Loads the catalog and policy, and judges the operations (or the stream). */
static int check_all(const check_args *a)
{
    cli_inputs in;
    if (!cli_inputs_load(&in, a->policy, a->catalog))
        return EXIT_TROUBLE;
    int status;
    if (a->ndjson) {
        status = cli_check_stream(in.catalog, &in.opts);
    } else {
        /* every readable operation is judged; 2 wins over 1, 1 over 0 */
        status = EXIT_CLEAN;
        for (int i = 0; i < a->op_count; i++) {
            int one = check_file(&in, a->ops[i], a->json);
            if (one > status)
                status = one;
        }
    }
    cli_inputs_free(&in);
    return status;
}

int cli_check(int argc, char **argv)
{
    check_args a;
    int status = parse_options(argc, argv, &a);
    if (status < 0) {
        a.json = a.format && strcmp(a.format, "json") == 0;
        status = usable(&a) ? check_all(&a) : EXIT_TROUBLE;
    }
    free(a.ops);
    return status;
}
