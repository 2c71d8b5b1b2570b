/*
 * lint.c - `sqlguard lint`: lint .sql files and operation files for CI.
 *
 * Reads the options, loads the catalog and the policy (given, or discovered
 * as .sqlguard.json from the working directory upward) once, collects the
 * files (walk.c), lints them on a pool of worker threads (pool.c,
 * lint_files.c: each file's text goes to sg_lint_text()) and writes one
 * report in path order (report.c, sarif.c). Exit codes: 0 no error (and
 * warnings within --max-warnings), 1 any error or too many warnings, 2 the
 * command could not do its job.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "exit.h"
#include "ignore.h"
#include "options.h"
#include "report.h"

static const char lint_usage[] =
    "usage: sqlguard lint [--catalog FILE] [--policy FILE] [--data-source UID]\n"
    "                     [--format text|json|sarif|github|gitlab|junit]\n"
    "                     [--profile repository|strict]\n"
    "                     [--placeholders auto|psycopg|dollar|none] [--max-warnings N]\n"
    "                     [--jobs N] [--no-timing] [--exclude GLOB]... [--operations GLOB]...\n"
    "                     [--stdin-filename NAME] [PATH... | -]\n"
    "\n"
    "Lints SQL for CI. Directories are walked (default: the current directory)\n"
    "for .sql files, split into statements and linted one by one, and for\n"
    "operation .json files (JSON objects with \"operation\" and \"sql\" members),\n"
    "checked as `sqlguard check` does. Other .json files are counted as skipped;\n"
    "hidden files and directories are not walked, nor paths a .sqlguardignore file\n"
    "(in a walked directory, below it, or above it up to the repository root) or\n"
    "--exclude leaves out; a file named on the command\n"
    "line is always read, and a path that does not exist is exit 2.\n"
    "No .sql or .json file is skipped silently: one that cannot be read, is over\n"
    "16 MiB or is not UTF-8 text is a lint.file error.\n"
    "\n"
    "options:\n"
    "  --catalog FILE     resolve relations against this catalog; without one,\n"
    "                     scope rules are skipped and operation files are not checked\n"
    "  --policy FILE      rule severities and options for every file; default: for\n"
    "                     each file the nearest .sqlguard.json above it, up to the\n"
    "                     repository root (the directory holding .git)\n"
    "  --data-source UID  the catalog's data source .sql files run on (default: its first)\n"
    "  --format FORMAT    text (default): FILE:LINE:COL: SEVERITY [RULE] MESSAGE with\n"
    "                     the source line and a caret, then a summary line;\n"
    "                     json: one object {files, summary}; sarif: SARIF 2.1.0 for\n"
    "                     GitHub code scanning; github: workflow command annotations;\n"
    "                     gitlab: GitLab Code Quality JSON; junit: JUnit XML\n"
    "  --profile NAME     severities of .sql statements where the policy sets none:\n"
    "                     repository (default) or strict (as `sqlguard check`); wins\n"
    "                     over the policy's \"lint\": {\"profile\"}\n"
    "  --placeholders STYLE  how .sql files write parameters: auto (default: psycopg\n"
    "                     when a file writes %s or %(name)s in code, else $n),\n"
    "                     psycopg, dollar or none; wins over the policy's\n"
    "                     \"lint\": {\"placeholders\"}\n"
    "  --max-warnings N   exit 1 when there are more than N warnings\n"
    "  --jobs N           files linted in parallel (default: the online CPUs)\n"
    "  --no-timing        leave the elapsed time out of the report (stable output)\n"
    "  --exclude GLOB     leave out paths that match (gitignore syntax, as in\n"
    "                     .sqlguardignore; relative to the walked directory or as\n"
    "                     shown); repeatable, a later !GLOB takes paths back\n"
    "  --operations GLOB  .json files that match must be operations (one that is\n"
    "                     not is a lint.file error); repeatable\n"
    "  --stdin-filename NAME  lint standard input (\"-\") as the file NAME: its\n"
    "                     kind, its place in the report\n"
    "  -h, --help         show this help\n"
    "\n"
    "In .sql files, comments suppress findings (lint only; check ignores them):\n"
    "  -- sqlguard-disable-next-line RULE[, RULE] [-- reason]\n"
    "  SELECT ...  -- sqlguard-disable-line RULE[, RULE] [-- reason]\n"
    "  -- sqlguard-disable RULE[, RULE] [-- reason]  ...  -- sqlguard-enable RULE[, RULE]\n"
    "\n"
    "exit codes: 0 no error (and warnings within --max-warnings), 1 errors or too\n"
    "            many warnings, 2 the command could not do its job (usage, bad\n"
    "            catalog or policy)\n";

static const cli_command lint_cmd = {"lint", lint_usage};

typedef struct lint_args {
    const char *catalog, *policy, *data_source, *format, *stdin_name, *profile, *placeholders;
    lint_patterns excludes, operations;
    long max_warnings;                       /* -1: not given */
    long jobs;                               /* 0: the online CPUs */
    sg_lint_profile profile_value;           /* --profile, DEFAULT when not given */
    sg_lint_placeholders placeholders_value; /* --placeholders, DEFAULT when not given */
    bool timing;
    char **paths;
    size_t path_count;
} lint_args;

/* What one run holds. */
typedef struct lint_run {
    lint_policies policies;
    size_t catalog_policy; /* the catalog's, an index in policies */
    sg_catalog *catalog;
    lint_file *files;
    size_t count;
} lint_run;

/* Files a worker may be ahead of the report, per worker. */
#define LINT_WINDOW_PER_JOB 16

/* Reads one argument; returns -1 to go on, or the exit status. */
static int parse_one(int argc, char **argv, int *i, lint_args *a, const char **max_warnings,
                     const char **jobs)
{
    const char *arg = argv[*i];
    int got;
    if (cli_is_help(arg)) {
        fputs(lint_usage, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(arg, "--no-timing") == 0) {
        a->timing = false;
        return -1;
    }
    const char *glob = NULL;
    bool exclude = false;
    if ((got = cli_option_value(&lint_cmd, argc, argv, i, "--exclude", &glob)) != 0)
        exclude = true;
    else
        got = cli_option_value(&lint_cmd, argc, argv, i, "--operations", &glob);
    if (got < 0)
        return EXIT_TROUBLE;
    if (got > 0) {
        if (lint_patterns_add(exclude ? &a->excludes : &a->operations, glob, strlen(glob)) < 0) {
            fputs("sqlguard lint: out of memory\n", stderr);
            return EXIT_TROUBLE;
        }
        return -1;
    }
    if ((got = cli_option_value(&lint_cmd, argc, argv, i, "--catalog", &a->catalog)) ||
        (got = cli_option_value(&lint_cmd, argc, argv, i, "--policy", &a->policy)) ||
        (got = cli_option_value(&lint_cmd, argc, argv, i, "--data-source", &a->data_source)) ||
        (got = cli_option_value(&lint_cmd, argc, argv, i, "--format", &a->format)) ||
        (got = cli_option_value(&lint_cmd, argc, argv, i, "--stdin-filename", &a->stdin_name)) ||
        (got = cli_option_value(&lint_cmd, argc, argv, i, "--profile", &a->profile)) ||
        (got = cli_option_value(&lint_cmd, argc, argv, i, "--placeholders", &a->placeholders)) ||
        (got = cli_option_value(&lint_cmd, argc, argv, i, "--max-warnings", max_warnings)) ||
        (got = cli_option_value(&lint_cmd, argc, argv, i, "--jobs", jobs)))
        return got < 0 ? EXIT_TROUBLE : -1;
    return cli_usage_error(&lint_cmd, "unknown option %s", arg);
}

/* Returns -1 to go on, or the exit status (help, usage error). Options may
 * come before or after the paths; "--" ends them. a->paths is allocated. */
static int parse_args(int argc, char **argv, lint_args *a)
{
    memset(a, 0, sizeof *a);
    a->max_warnings = -1;
    a->timing = true;
    a->paths = malloc((size_t)argc * sizeof *a->paths);
    if (!a->paths) {
        fputs("sqlguard lint: out of memory\n", stderr);
        return EXIT_TROUBLE;
    }
    const char *max_warnings = NULL, *jobs = NULL;
    bool options_end = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int status;
        if (options_end || arg[0] != '-' || arg[1] == '\0')
            a->paths[a->path_count++] = argv[i];
        else if (strcmp(arg, "--") == 0)
            options_end = true;
        else if ((status = parse_one(argc, argv, &i, a, &max_warnings, &jobs)) >= 0)
            return status;
    }
    if (max_warnings &&
        !cli_parse_count(&lint_cmd, "--max-warnings", max_warnings, 0, LONG_MAX, &a->max_warnings))
        return EXIT_TROUBLE;
    if (jobs && !cli_parse_count(&lint_cmd, "--jobs", jobs, 1, LINT_MAX_JOBS, &a->jobs))
        return EXIT_TROUBLE;
    if (a->stdin_name) {
        bool reads_stdin = false;
        for (size_t k = 0; k < a->path_count; k++)
            reads_stdin |= strcmp(a->paths[k], "-") == 0;
        if (!reads_stdin) {
            fputs("sqlguard lint: --stdin-filename names what \"-\" (standard input) holds; "
                  "give \"-\" among the paths\n",
                  stderr);
            return EXIT_TROUBLE;
        }
    }
    if (a->data_source && !a->catalog) {
        fputs("sqlguard lint: --data-source names a data source of the catalog; it needs "
              "--catalog\n",
              stderr);
        return EXIT_TROUBLE;
    }
    return -1;
}

static bool parse_format(const char *name, lint_format *out)
{
    static const struct {
        const char *name;
        lint_format format;
    } formats[] = {{"text", LINT_FORMAT_TEXT},     {"json", LINT_FORMAT_JSON},
                   {"sarif", LINT_FORMAT_SARIF},   {"github", LINT_FORMAT_GITHUB},
                   {"gitlab", LINT_FORMAT_GITLAB}, {"junit", LINT_FORMAT_JUNIT}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *out = formats[i].format;
            return true;
        }
    }
    fprintf(stderr,
            "sqlguard lint: --format must be text, json, sarif, github, gitlab or junit, not "
            "'%s'\n",
            name);
    return false;
}

/* --profile and --placeholders: their values, DEFAULT when not given. */
static bool parse_lint_styles(const lint_args *a, sg_lint_profile *profile,
                              sg_lint_placeholders *placeholders)
{
    static const char *const profiles[] = {"repository", "strict"};
    static const char *const styles[] = {"auto", "psycopg", "dollar", "none"};
    *profile = SG_LINT_PROFILE_DEFAULT;
    *placeholders = SG_LINT_PLACEHOLDERS_DEFAULT;
    for (size_t i = 0; a->profile && i < sizeof profiles / sizeof profiles[0]; i++)
        if (strcmp(a->profile, profiles[i]) == 0)
            *profile = (sg_lint_profile)(SG_LINT_PROFILE_REPOSITORY + i);
    for (size_t i = 0; a->placeholders && i < sizeof styles / sizeof styles[0]; i++)
        if (strcmp(a->placeholders, styles[i]) == 0)
            *placeholders = (sg_lint_placeholders)(SG_LINT_PLACEHOLDERS_AUTO + i);
    if (a->profile && *profile == SG_LINT_PROFILE_DEFAULT) {
        cli_usage_error(&lint_cmd, "--profile must be repository or strict, not '%s'", a->profile);
        return false;
    }
    if (a->placeholders && *placeholders == SG_LINT_PLACEHOLDERS_DEFAULT) {
        cli_usage_error(&lint_cmd, "--placeholders must be auto, psycopg, dollar or none, not '%s'",
                        a->placeholders);
        return false;
    }
    return true;
}

static double now_ms(void);

/* The catalog (under its own policy's bounds) and its data source; false
 * after telling the user what is wrong. */
static bool load_catalog(const lint_args *a, lint_run *run)
{
    sg_error err;
    if (!a->catalog)
        return true;
    long index = lint_policy_for(&run->policies, a->policy, a->catalog);
    if (index < 0) {
        if (index == -1)
            fputs("sqlguard lint: out of memory\n", stderr);
        return false;
    }
    run->catalog_policy = (size_t)index;
    const sg_policy *policy = run->policies.items[index].policy;
    if (sg_catalog_load_file_policy(a->catalog, policy, &run->catalog, &err) != SG_OK) {
        fprintf(stderr, "sqlguard lint: %s\n", err.message);
        return false;
    }
    if (a->data_source && !sg_catalog_find_data_source(run->catalog, a->data_source, NULL)) {
        fprintf(stderr, "sqlguard lint: data source \"%s\" is not in the catalog %s\n",
                a->data_source, a->catalog);
        return false;
    }
    return true;
}

/* The files, each with its policy, and the catalog; false after telling the
 * user what failed. */
static bool prepare(const lint_args *a, lint_run *run)
{
    char *default_path[] = {"."};
    lint_walk_opts opts = {&a->excludes, &a->operations, a->stdin_name};
    int rc = lint_collect(a->path_count ? a->paths : default_path,
                          a->path_count ? a->path_count : 1, &opts, &run->files, &run->count);
    if (rc == 0)
        rc = lint_policies_assign(&run->policies, a->policy, run->files, run->count);
    if (rc == -1)
        fputs("sqlguard lint: out of memory\n", stderr);
    return rc == 0 && load_catalog(a, run);
}

/* The catalog's own names (naming.table-prefix), reported against the catalog
 * file after the files that were walked. Returns -1 without memory. */
static int lint_catalog_names(const char *path, lint_run *run, lint_report *rep)
{
    sg_verdict *v = NULL;
    const sg_policy *policy = run->policies.items[run->catalog_policy].policy;
    if (sg_lint_catalog(run->catalog, policy, &v) != SG_OK)
        return -1;
    int rc = 0;
    if (sg_verdict_diagnostic_count(v) > 0) {
        lint_file f;
        if (!lint_file_init(&f, path, SG_LINT_INPUT_JSON)) {
            rc = -1;
        } else {
            f.named = true;
            f.policy = run->catalog_policy;
            for (size_t i = 0; rc == 0 && i < sg_verdict_diagnostic_count(v); i++) {
                const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
                rc = lint_file_report(&f, d->rule, d->severity, d->message) ? 0 : -1;
            }
            if (rc == 0)
                rc = lint_report_file(rep, &f);
        }
        lint_file_release(&f);
    }
    sg_verdict_free(v);
    return rc;
}

/* Takes one file from the pool: a file that ran out of memory ends the run
 * (its report cannot be trusted), the others are written. */
static int take_file(void *ctx, const lint_file *f)
{
    lint_report *rep = ctx;
    if (f->failed) {
        fprintf(stderr, "sqlguard lint: %s: out of memory\n", f->path);
        return -1;
    }
    return lint_report_file(rep, f);
}

/* Lints the files and writes the report as they are done; returns the exit
 * status. */
static int lint_and_report(const lint_args *a, lint_run *run, lint_report *rep, double started)
{
    long jobs = a->jobs;
    if (jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus < 1 ? 1 : cpus > LINT_MAX_JOBS ? LINT_MAX_JOBS : cpus;
    }
    /* the text report shows a finding's line, SARIF and GitLab hash it into
     * their fingerprints; the other formats need no line of the files */
    bool lines = rep->format == LINT_FORMAT_TEXT || rep->format == LINT_FORMAT_SARIF ||
                 rep->format == LINT_FORMAT_GITLAB;
    lint_env env = {run->catalog,     &run->policies,        a->data_source,
                    a->profile_value, a->placeholders_value, !lines};
    rep->out = stdout;
    rep->policies = &run->policies;
    /* A file that is done keeps only its findings and the lines they are on,
     * so workers may run ahead of the report, within the window and a budget
     * of bytes (pool.c); the files being read and linted (one per worker) are
     * what the memory holds. */
    size_t window = (size_t)jobs * LINT_WINDOW_PER_JOB;
    int rc = lint_report_begin(rep);
    if (rc == 0)
        rc = lint_files_run(&env, run->files, run->count, jobs, window, take_file, rep);
    if (rc == 0 && run->catalog)
        rc = lint_catalog_names(a->catalog, run, rep);
    if (rc < 0) {
        fputs("sqlguard lint: the report could not be written (out of memory, or output "
              "failed)\n",
              stderr);
        return EXIT_TROUBLE;
    }
    const lint_totals *t = &rep->totals;
    char skipped_note[200];
    const char *notes[2];
    if (!run->catalog)
        notes[rep->note_count++] = "scope rules skipped: no --catalog";
    if (t->skipped_operations) {
        snprintf(skipped_note, sizeof skipped_note,
                 "%zu operation file%s not checked: checking an operation needs --catalog",
                 t->skipped_operations, t->skipped_operations == 1 ? "" : "s");
        notes[rep->note_count++] = skipped_note;
    }
    rep->notes = notes;
    /* the findings written so far go first, so that a log that merges the
     * two streams never shows a note inside a finding's line */
    if (rep->format == LINT_FORMAT_TEXT && rep->note_count)
        (void)fflush(stdout);
    if (rep->format == LINT_FORMAT_TEXT)
        for (size_t i = 0; i < rep->note_count; i++)
            fprintf(stderr, "sqlguard lint: note: %s\n", notes[i]);
    rep->elapsed_ms = now_ms() - started;
    if (lint_report_end(rep) < 0 || fflush(stdout) != 0) {
        fputs("sqlguard lint: the report could not be written\n", stderr);
        return EXIT_TROUBLE;
    }
    int status = t->errors ? EXIT_FINDINGS : EXIT_CLEAN;
    if (a->max_warnings >= 0 && t->warnings > (size_t)a->max_warnings) {
        fprintf(stderr, "sqlguard lint: %zu warning%s, more than --max-warnings %ld\n", t->warnings,
                t->warnings == 1 ? "" : "s", a->max_warnings);
        status = EXIT_FINDINGS;
    }
    return status;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int cli_lint(int argc, char **argv)
{
    double started = now_ms();
    lint_args a;
    lint_report rep;
    memset(&rep, 0, sizeof rep);
    int status = parse_args(argc, argv, &a);
    if (status < 0 && (!parse_format(a.format ? a.format : "text", &rep.format) ||
                       !parse_lint_styles(&a, &a.profile_value, &a.placeholders_value)))
        status = EXIT_TROUBLE;
    if (status >= 0) {
        free(a.paths);
        lint_patterns_free(&a.excludes);
        lint_patterns_free(&a.operations);
        return status;
    }
    rep.timing = a.timing;
    rep.max_warnings = a.max_warnings;
    const char *no_color = getenv("NO_COLOR");
    rep.color = rep.format == LINT_FORMAT_TEXT && isatty(STDOUT_FILENO) && !(no_color && *no_color);

    lint_run run;
    memset(&run, 0, sizeof run);
    status = EXIT_TROUBLE;
    if (prepare(&a, &run))
        status = lint_and_report(&a, &run, &rep, started);
    if (rep.body)
        fclose(rep.body);
    lint_files_free(run.files, run.count);
    sg_catalog_free(run.catalog);
    lint_policies_free(&run.policies);
    free(a.paths);
    lint_patterns_free(&a.excludes);
    lint_patterns_free(&a.operations);
    return status;
}
