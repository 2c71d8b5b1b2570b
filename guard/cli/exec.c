/*
 * exec.c - `sqlguard exec`: judge one operation and, only when it is allowed,
 * run exactly the checked statement through an executor (libpq, or the
 * dry-run executor that shows what libpq would send).
 *
 * A denied operation prints its verdict and never opens a connection. The
 * answer is one JSON object: {"verdict": ..., "result": ...}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "exit.h"
#include "inputs.h"
#include "options.h"

static const char exec_usage[] =
    "usage: sqlguard exec --catalog FILE [--policy FILE] [--dsn DSN] [--dry-run]\n"
    "                     OPERATION.json | -\n"
    "\n"
    "Checks the operation and, only if it is allowed, runs exactly the checked\n"
    "statement in a transaction of its own (relations qualified with their schema\n"
    "and search_path pinned to pg_catalog, pg_temp; the operation's statement\n"
    "timeout; READ ONLY and a cursor bounded by max_rows for selects).\n"
    "A denied operation prints its verdict and never opens a connection.\n"
    "Prints {\"verdict\": ..., \"result\": {\"outcome\", \"retried\", \"cancelled\",\n"
    "\"columns\", \"rows\", \"pagination\", \"error\"}}; outcome is committed, rolled_back,\n"
    "not_started or unknown.\n"
    "\n"
    "options:\n"
    "  --catalog FILE   the catalog of MetaTables (required)\n"
    "  --policy FILE    rule severities and options\n"
    "  --dsn DSN        libpq connection string; a data source's own \"dsn\" in the\n"
    "                   catalog wins; default: $SQLGUARD_DSN, then libpq's defaults\n"
    "  --dry-run        run nothing: show the settings, statement and parameters\n"
    "  -h, --help       show this help\n"
    "\n"
    "exit codes: 0 allowed and committed (or shown, with --dry-run), 1 denied,\n"
    "            2 could not do the job (usage, unreadable file, bad catalog, no\n"
    "            connection: nothing ran), 3 allowed but not committed (the server\n"
    "            refused the statement or the connection was lost before COMMIT; the\n"
    "            error is in the result; rolled back), 4 the connection was lost after\n"
    "            COMMIT was sent: whether it committed is unknown (outcome \"unknown\")\n";

static const cli_command exec_cmd = {"exec", exec_usage};

typedef struct exec_args {
    const char *catalog, *policy, *dsn, *operation;
    bool dry_run;
} exec_args;

/* Returns -1 to go on, or the exit status (help, usage error). */
static int parse_args(int argc, char **argv, exec_args *a)
{
    memset(a, 0, sizeof *a);
    a->dsn = getenv("SQLGUARD_DSN");
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int got;
        if (cli_is_help(arg)) {
            fputs(exec_usage, stdout);
            return EXIT_CLEAN;
        } else if ((got = cli_option_value(&exec_cmd, argc, argv, &i, "--catalog", &a->catalog)) ||
                   (got = cli_option_value(&exec_cmd, argc, argv, &i, "--dsn", &a->dsn)) ||
                   (got = cli_option_value(&exec_cmd, argc, argv, &i, "--policy", &a->policy))) {
            if (got < 0)
                return EXIT_TROUBLE;
        } else if (strcmp(arg, "--dry-run") == 0) {
            a->dry_run = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return cli_usage_error(&exec_cmd, "unknown option %s", arg);
        } else if (a->operation) {
            return cli_usage_error(&exec_cmd, "one operation at a time");
        } else {
            a->operation = arg;
        }
    }
    if (!a->catalog || !a->operation) {
        return cli_usage_error(&exec_cmd, "--catalog FILE and an operation are required");
    }
    return -1;
}

/* Runs an allowed verdict and prints it with its result; returns the status. */
static int run(const exec_args *a, const sg_verdict *v, const char *verdict_json)
{
    sg_error err;
    sg_executor *ex = NULL;
    sg_result *result = NULL;
    char *result_json = NULL;
    int status = EXIT_TROUBLE;
    int rc = a->dry_run ? sg_executor_new_dryrun(&ex) : sg_executor_new_libpq(a->dsn, 1, &ex, &err);
    if (rc != SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", a->dry_run ? sg_strerror(rc) : err.message);
    } else if (sg_execute(ex, v, &result, &err) != SG_OK) {
        fprintf(stderr, "sqlguard: %s: %s\n", a->operation, err.message);
    } else if (sg_result_to_json(result, &result_json) != SG_OK) {
        fprintf(stderr, "sqlguard: %s: cannot serialise the result\n", a->operation);
    } else {
        printf("{\"verdict\":%s,\"result\":%s}\n", verdict_json, result_json);
        const sg_exec_outcome *o = sg_result_outcome(result);
        status = o->status == SG_EXEC_UNKNOWN ? EXIT_UNKNOWN : o->ok ? EXIT_CLEAN : EXIT_REFUSED;
    }
    sg_free(result_json);
    sg_result_free(result);
    sg_executor_free(ex);
    return status;
}

int cli_exec(int argc, char **argv)
{
    exec_args a;
    int status = parse_args(argc, argv, &a);
    if (status >= 0)
        return status;
    cli_inputs in;
    if (!cli_inputs_load(&in, a.policy, a.catalog))
        return EXIT_TROUBLE;
    sg_verdict *v = cli_check_file(&in, a.operation);
    char *verdict_json = NULL;
    status = EXIT_TROUBLE;
    if (v && sg_verdict_to_json(v, &verdict_json) != SG_OK) {
        fprintf(stderr, "sqlguard: %s: cannot serialise the verdict\n", a.operation);
    } else if (v && !sg_verdict_allowed(v)) {
        /* never open a connection for a denied operation */
        printf("{\"verdict\":%s,\"result\":null}\n", verdict_json);
        status = EXIT_FINDINGS;
    } else if (v) {
        status = run(&a, v, verdict_json);
    }
    sg_free(verdict_json);
    sg_verdict_free(v);
    cli_inputs_free(&in);
    return status;
}
