/*
 * cli_lint.c - `sqlguard lint`: lint .sql files and operation files for CI.
 *
 * Reads the options, loads the catalog and the policy (given, or discovered
 * as .sqlguard.json from the working directory upward) once, collects the
 * files (lint_walk.c), lints them on a pool of worker threads (lint_file.c)
 * and writes one report in path order (lint_report.c, lint_sarif.c). Exit
 * codes: 0 no error (and warnings within --max-warnings), 1 any error or too
 * many warnings, 2 the command could not do its job.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_lint.h"
#include "lint.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2, MAX_JOBS = 256 };

static const char lint_usage[] =
    "usage: sqlguard lint [--catalog FILE] [--policy FILE] [--data-source UID]\n"
    "                     [--format text|json|sarif|github] [--max-warnings N]\n"
    "                     [--jobs N] [--no-timing] [PATH...]\n"
    "\n"
    "Lints SQL for CI. Directories are walked (default: the current directory)\n"
    "for .sql files, split into statements and linted one by one, and for\n"
    "operation .json files (JSON objects with an \"operation\" member), checked as\n"
    "`sqlguard check` does. Other .json files are left alone; hidden files and\n"
    "directories are not walked; a file named on the command line is always read.\n"
    "No .sql or .json file is skipped silently: one that cannot be read, is over\n"
    "1 MiB or is not UTF-8 text is a lint.file error.\n"
    "\n"
    "options:\n"
    "  --catalog FILE     resolve relations against this catalog; without one,\n"
    "                     scope rules are skipped and operation files are not checked\n"
    "  --policy FILE      rule severities and options; default: the first\n"
    "                     .sqlguard.json found from the working directory upward\n"
    "  --data-source UID  the catalog's data source .sql files run on (default: its first)\n"
    "  --format FORMAT    text (default): FILE:LINE:COL: SEVERITY [RULE] MESSAGE with\n"
    "                     the source line and a caret, then a summary line;\n"
    "                     json: one object {files, summary}; sarif: SARIF 2.1.0 for\n"
    "                     GitHub code scanning; github: workflow command annotations\n"
    "  --max-warnings N   exit 1 when there are more than N warnings\n"
    "  --jobs N           files linted in parallel (default: the online CPUs)\n"
    "  --no-timing        leave the elapsed time out of the report (stable output)\n"
    "  -h, --help         show this help\n"
    "\n"
    "In .sql files, comments suppress findings (lint only; check ignores them):\n"
    "  -- sqlguard-disable-next-line RULE[, RULE] [-- reason]\n"
    "  -- sqlguard-disable RULE[, RULE] [-- reason]  ...  -- sqlguard-enable RULE[, RULE]\n"
    "\n"
    "exit codes: 0 no error (and warnings within --max-warnings), 1 errors or too\n"
    "            many warnings, 2 the command could not do its job (usage, bad\n"
    "            catalog or policy)\n";

typedef struct options {
    const char *catalog, *policy, *data_source, *format;
    long max_warnings;
    long jobs;
    bool timing;
    char **paths;
    size_t path_count;
} options;

static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    return sg__cli_option_value(argc, argv, i, name, value, "lint", lint_usage);
}

static bool parse_count(const char *name, const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max) {
        fprintf(stderr, "sqlguard lint: %s must be a whole number from %ld to %ld, not '%s'\n",
                name, min, max, text);
        return false;
    }
    *out = v;
    return true;
}

/* Returns -1 to go on, or the exit status (help, usage error). Options may
 * come before or after the paths; "--" ends them. o->paths is allocated. */
static int parse_args(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->max_warnings = -1;
    o->timing = true;
    o->paths = sg__malloc((size_t)argc * sizeof *o->paths);
    if (!o->paths) {
        fputs("sqlguard lint: out of memory\n", stderr);
        return EXIT_TROUBLE;
    }
    const char *max_warnings = NULL, *jobs = NULL;
    bool options_end = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int got;
        if (options_end || a[0] != '-' || a[1] == '\0') {
            o->paths[o->path_count++] = argv[i];
        } else if (strcmp(a, "--") == 0) {
            options_end = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(lint_usage, stdout);
            return EXIT_CLEAN;
        } else if (strcmp(a, "--no-timing") == 0) {
            o->timing = false;
        } else if ((got = option_value(argc, argv, &i, "--catalog", &o->catalog)) != 0 ||
                   (got = option_value(argc, argv, &i, "--policy", &o->policy)) != 0 ||
                   (got = option_value(argc, argv, &i, "--data-source", &o->data_source)) != 0 ||
                   (got = option_value(argc, argv, &i, "--format", &o->format)) != 0 ||
                   (got = option_value(argc, argv, &i, "--max-warnings", &max_warnings)) != 0 ||
                   (got = option_value(argc, argv, &i, "--jobs", &jobs)) != 0) {
            if (got < 0)
                return EXIT_TROUBLE;
        } else {
            fprintf(stderr, "sqlguard lint: unknown option %s\n%s", a, lint_usage);
            return EXIT_TROUBLE;
        }
    }
    if (max_warnings && !parse_count("--max-warnings", max_warnings, 0, LONG_MAX, &o->max_warnings))
        return EXIT_TROUBLE;
    if (jobs && !parse_count("--jobs", jobs, 1, MAX_JOBS, &o->jobs))
        return EXIT_TROUBLE;
    if (o->data_source && !o->catalog) {
        fprintf(stderr, "sqlguard lint: --data-source names a data source of the catalog; it "
                        "needs --catalog\n");
        return EXIT_TROUBLE;
    }
    return -1;
}

static bool parse_format(const char *name, sg__lint_format *out)
{
    static const struct {
        const char *name;
        sg__lint_format format;
    } formats[] = {{"text", SG_LINT_TEXT},
                   {"json", SG_LINT_JSON},
                   {"sarif", SG_LINT_SARIF},
                   {"github", SG_LINT_GITHUB}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *out = formats[i].format;
            return true;
        }
    }
    fprintf(stderr, "sqlguard lint: --format must be text, json, sarif or github, not '%s'\n",
            name);
    return false;
}

/* The first .sqlguard.json from the working directory up to the root, as a
 * path relative to the working directory ("../.sqlguard.json"); NULL when
 * there is none. *out is set to NULL or a path the caller frees. */
static int discover_policy(char **out)
{
    *out = NULL;
    char *dir = getcwd(NULL, 0);
    if (!dir)
        return 0; /* no working directory to start from: nothing to find */
    int rc = 0;
    for (unsigned up = 0;; up++) {
        size_t n = strlen(dir);
        char *candidate = sg__malloc(n + sizeof "/.sqlguard.json");
        if (!candidate) {
            rc = -1;
            break;
        }
        snprintf(candidate, n + sizeof "/.sqlguard.json", "%s/.sqlguard.json",
                 n == 1 && dir[0] == '/' ? "" : dir);
        struct stat st;
        bool found = stat(candidate, &st) == 0 && S_ISREG(st.st_mode);
        sg__free(candidate);
        if (found) {
            size_t len = (size_t)up * 3 + sizeof ".sqlguard.json";
            char *rel = sg__malloc(len);
            if (!rel) {
                rc = -1;
                break;
            }
            rel[0] = '\0';
            for (unsigned k = 0; k < up; k++)
                memcpy(rel + k * 3, "../", 4);
            memcpy(rel + (size_t)up * 3, ".sqlguard.json", sizeof ".sqlguard.json");
            *out = rel;
            break;
        }
        char *slash = strrchr(dir, '/');
        if (!slash || (slash == dir && dir[1] == '\0'))
            break; /* the root has been looked at */
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(dir);
    return rc;
}

/* Whether the catalog has the data source: a workaround, since the public API
 * has no lookup for data sources. Linting a trivial statement with it tells. */
static bool data_source_known(const sg_catalog *catalog, const char *uid)
{
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.data_source_uid = uid;
    sg_verdict *v = NULL;
    if (sg_lint_sql(catalog, "SELECT 1", 8, &opts, &v) != SG_OK)
        return false;
    bool known = true;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++)
        if (strcmp(sg_verdict_diagnostic(v, i)->rule, "scope.invalid") == 0)
            known = false;
    sg_verdict_free(v);
    return known;
}

typedef struct pool {
    const sg__lint_env *env;
    sg__lint_file *files;
    size_t count;
    atomic_size_t next;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->count)
            break;
        sg__lint_one(p->env, &p->files[i]);
    }
    /* libpg_query frees its per-thread memory when the thread exits; calling
     * pg_query_exit() here as well would free it twice. */
    return NULL;
}

/* Lints every file on `jobs` threads (the calling one included). */
static void run_pool(pool *p, long jobs)
{
    pthread_t threads[MAX_JOBS];
    size_t started = 0;
    if ((size_t)jobs > p->count)
        jobs = (long)(p->count ? p->count : 1);
    pthread_attr_t attr;
    bool attr_ok = pthread_attr_init(&attr) == 0;
    /* deep statements need stack (the walker bounds its depth; sanitizers
     * make frames larger) */
    if (attr_ok)
        pthread_attr_setstacksize(&attr, (size_t)16 << 20);
    for (long i = 1; i < jobs; i++) {
        if (pthread_create(&threads[started], attr_ok ? &attr : NULL, worker, p) != 0)
            break; /* fewer workers: the files still all get linted */
        started++;
    }
    if (attr_ok)
        pthread_attr_destroy(&attr);
    for (;;) { /* the calling thread works too */
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->count)
            break;
        sg__lint_one(p->env, &p->files[i]);
    }
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
}

/* The catalog's own names (naming.table-prefix), reported against the catalog
 * file after the files that were walked. */
static int lint_catalog_names(const char *path, const sg_catalog *catalog,
                              const sg_policy *policy, sg__lint_file **files, size_t *count)
{
    sg_verdict *v = NULL;
    if (sg_lint_catalog(catalog, policy, &v) != SG_OK)
        return -1;
    int rc = 0;
    if (sg_verdict_diagnostic_count(v) > 0) {
        sg__lint_file *grown = sg__realloc(*files, (*count + 1) * sizeof **files);
        if (!grown) {
            rc = -1;
        } else {
            *files = grown;
            sg__lint_file *f = &grown[(*count)++];
            memset(f, 0, sizeof *f);
            sg__arena_init(&f->arena);
            f->kind = SG_LINT_KIND_JSON;
            f->named = true;
            f->path = sg__arena_strdup(&f->arena, path);
            if (!f->path)
                f->failed = true;
            for (size_t i = 0; i < sg_verdict_diagnostic_count(v) && !f->failed; i++) {
                const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
                sg__lint_add(f, d->rule, d->severity, -1, "%s", d->message);
            }
            rc = f->failed ? -1 : 0;
        }
    }
    sg_verdict_free(v);
    return rc;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int sg__cli_lint(int argc, char **argv)
{
    double started = now_ms();
    options o;
    int status = parse_args(argc, argv, &o);
    if (status >= 0) {
        sg__free(o.paths);
        return status;
    }
    sg__lint_report rep;
    memset(&rep, 0, sizeof rep);
    if (!parse_format(o.format ? o.format : "text", &rep.format)) {
        sg__free(o.paths);
        return EXIT_TROUBLE;
    }
    rep.timing = o.timing;
    rep.max_warnings = o.max_warnings;
    const char *no_color = getenv("NO_COLOR");
    rep.color = rep.format == SG_LINT_TEXT && isatty(STDOUT_FILENO) && !(no_color && *no_color);

    status = EXIT_TROUBLE;
    sg_policy *policy = NULL;
    sg_catalog *catalog = NULL;
    sg__lint_file *files = NULL;
    size_t count = 0;
    char *found_policy = NULL;
    sg_error err;
    const char *policy_path = o.policy;
    if (!policy_path) {
        if (discover_policy(&found_policy) < 0) {
            fputs("sqlguard lint: out of memory\n", stderr);
            goto done;
        }
        policy_path = found_policy;
    }
    if (policy_path && sg_policy_load_file(policy_path, &policy, &err) != SG_OK) {
        fprintf(stderr, "sqlguard lint: policy %s: %s\n", policy_path, err.message);
        goto done;
    }
    if (o.catalog && sg_catalog_load_file_policy(o.catalog, policy, &catalog, &err) != SG_OK) {
        fprintf(stderr, "sqlguard lint: %s\n", err.message);
        goto done;
    }
    if (o.data_source && !data_source_known(catalog, o.data_source)) {
        fprintf(stderr, "sqlguard lint: data source \"%s\" is not in the catalog %s\n",
                o.data_source, o.catalog);
        goto done;
    }

    char *default_path[] = {"."};
    if (sg__lint_collect(o.path_count ? o.paths : default_path, o.path_count ? o.path_count : 1,
                         &files, &count) < 0) {
        fputs("sqlguard lint: out of memory\n", stderr);
        goto done;
    }
    long jobs = o.jobs;
    if (jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : cpus;
    }
    sg__lint_env env = {catalog, policy, o.data_source};
    pool p = {&env, files, count, 0};
    run_pool(&p, jobs);
    if (catalog && lint_catalog_names(o.catalog, catalog, policy, &files, &count) < 0) {
        fputs("sqlguard lint: out of memory while linting the catalog\n", stderr);
        goto done;
    }
    for (size_t i = 0; i < count; i++) {
        if (files[i].failed) {
            fprintf(stderr, "sqlguard lint: %s: out of memory\n", files[i].path);
            goto done;
        }
    }

    sg__lint_totals t;
    sg__lint_totals_count(files, count, &t);
    char skipped_note[200];
    const char *notes[2];
    if (!catalog)
        notes[rep.note_count++] = "scope rules skipped: no --catalog";
    if (t.skipped_operations) {
        snprintf(skipped_note, sizeof skipped_note,
                 "%zu operation file%s not checked: checking an operation needs --catalog",
                 t.skipped_operations, t.skipped_operations == 1 ? "" : "s");
        notes[rep.note_count++] = skipped_note;
    }
    rep.notes = notes;
    rep.elapsed_ms = now_ms() - started;
    if (rep.format == SG_LINT_TEXT)
        for (size_t i = 0; i < rep.note_count; i++)
            fprintf(stderr, "sqlguard lint: note: %s\n", notes[i]);
    if (sg__lint_write(stdout, &rep, files, count, &t) < 0) {
        fputs("sqlguard lint: out of memory while writing the report\n", stderr);
        goto done;
    }
    status = t.errors ? EXIT_FINDINGS : EXIT_CLEAN;
    if (o.max_warnings >= 0 && t.warnings > (size_t)o.max_warnings) {
        fprintf(stderr, "sqlguard lint: %zu warnings, more than --max-warnings %ld\n", t.warnings,
                o.max_warnings);
        status = EXIT_FINDINGS;
    }
done:
    sg__lint_files_free(files, count);
    sg_catalog_free(catalog);
    sg_policy_free(policy);
    sg__free(found_policy);
    sg__free(o.paths);
    return status;
}
