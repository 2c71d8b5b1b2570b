/*
 * lint_files.c - one file of `sqlguard lint`: lint it with sg_lint_file(),
 * which reads it in parts (standard input: read it with the library's
 * bounded reader and lint its text with sg_lint_text()).
 *
 * What cannot be handed to the library becomes a lint.file finding of the
 * command's own, in the same words the walk uses: a file that cannot be read
 * or is not a regular file, one over 16 MiB, and (when it was named on the
 * command line or matched by --operations) JSON that is not an operation.
 * Standard input is read the same way, as the file --stdin-filename names.
 * Each call touches only its own record, so files lint in parallel.
 */
#define _XOPEN_SOURCE 700 /* realpath(), strndup() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sqlguard/catalog_tools.h>

#include "lint_files.h"

bool lint_file_init(lint_file *f, const char *path, sg_lint_input input)
{
    memset(f, 0, sizeof *f);
    f->input = input;
    f->path = strdup(path);
    return f->path != NULL;
}

void lint_file_release(lint_file *f)
{
    for (size_t i = 0; i < f->own_count; i++) {
        free((char *)f->own[i].rule);
        free((char *)f->own[i].message);
        free((char *)f->own[i].reason);
    }
    free(f->own);
    sg_lint_result_free(f->result);
    free(f->path);
    memset(f, 0, sizeof *f);
}

size_t lint_file_memory(const lint_file *f)
{
    size_t n = sg_lint_result_memory(f->result) + f->own_count * sizeof *f->own;
    for (size_t i = 0; i < f->own_count; i++)
        n += strlen(f->own[i].rule) + strlen(f->own[i].message) +
             (f->own[i].reason ? strlen(f->own[i].reason) : 0) + 3;
    return n;
}

void lint_files_free(lint_file *files, size_t count)
{
    for (size_t i = 0; i < count; i++)
        lint_file_release(&files[i]);
    free(files);
}

/* Appends a copy of finding `d` (its strings copied); false (and the file
 * failed) when memory ran out. */
static bool keep_finding(lint_file *f, const sg_lint_finding *d)
{
    sg_lint_finding *grown = realloc(f->own, (f->own_count + 1) * sizeof *grown);
    char *rule = strdup(d->rule), *message = strdup(d->message);
    char *reason = d->reason ? strdup(d->reason) : NULL;
    if (grown)
        f->own = grown;
    if (!grown || !rule || !message || (d->reason && !reason)) {
        free(rule);
        free(message);
        free(reason);
        f->failed = true;
        return false;
    }
    sg_lint_finding *k = &f->own[f->own_count++];
    *k = *d;
    k->rule = rule;
    k->message = message;
    k->reason = reason;
    return true;
}

bool lint_file_report(lint_file *f, const char *rule, sg_severity severity, const char *message)
{
    sg_lint_finding d = {rule, severity, message, -1, -1, -1, false, NULL};
    return keep_finding(f, &d);
}

/* Keeps the result (its findings and the lines they are on; the text is
 * not in it) for the report. */
static void absorb(lint_file *f, sg_lint_result *r)
{
    f->linted = true;
    f->status = sg_lint_result_status(r);
    f->statements = sg_lint_result_statement_count(r);
    f->result = r;
}

/* Reports why the file could not be read: the reader's message without the
 * path it starts with, and the bound explained. */
static void report_unread(lint_file *f, int rc, const sg_error *err)
{
    if (rc == SG_ENOMEM) {
        f->failed = true;
        return;
    }
    const char *why = err->message, *read_as = f->from_stdin ? "-" : f->path;
    size_t n = strlen(read_as);
    if (strncmp(why, read_as, n) == 0 && strncmp(why + n, ": ", 2) == 0)
        why += n + 2;
    char message[sizeof err->message + 64];
    snprintf(message, sizeof message, "%s%s", why,
             rc == SG_ETOOBIG ? " (16 MiB) a linted file may have" : "");
    lint_file_report(f, SG_LINT_RULE_FILE, SG_SEVERITY_ERROR, message);
}

/* Whether a directory of the path is where migration tools keep their
 * files: `migrations` (Prisma, Supabase, Django, dbmate, ...), `migration`
 * (Flyway's `db/migration`), `migrate`, and sqitch's `deploy`, `revert` and
 * `verify` beside a `sqitch.plan`. */
/* Whether the directory of `path` that starts at `p` (`len` bytes) is
 * sqitch's `deploy`, `revert` or `verify` (`only`, when not NULL) beside a
 * `sqitch.plan`. */
static bool sqitch_dir(const char *path, const char *p, size_t len, const char *only)
{
    static const char *const sqitch[] = {"deploy", "revert", "verify"};
    for (size_t k = 0; k < sizeof sqitch / sizeof sqitch[0]; k++) {
        if (strlen(sqitch[k]) != len || strncmp(p, sqitch[k], len) != 0 ||
            (only && strcmp(only, sqitch[k]) != 0))
            continue;
        char plan[4096];
        int n = snprintf(plan, sizeof plan, "%.*ssqitch.plan", (int)(p - path), path);
        return n > 0 && (size_t)n < sizeof plan && access(plan, F_OK) == 0;
    }
    return false;
}

static bool migration_dir(const char *path, size_t from)
{
    static const char *const dirs[] = {"migrations", "migration", "migrate"};
    for (const char *p = path + from; *p;) {
        size_t len = strcspn(p, "/");
        if (p[len] == '/') { /* a directory, not the file's own name */
            for (size_t k = 0; k < sizeof dirs / sizeof dirs[0]; k++)
                if (strlen(dirs[k]) == len && strncasecmp(p, dirs[k], len) == 0)
                    return true;
            if (sqitch_dir(path, p, len, NULL))
                return true;
        }
        p += len + (p[len] == '/');
    }
    return false;
}

/* Whether a file name is one of Flyway's callbacks (`afterMigrate.sql`,
 * `beforeEachMigrate__grants.sql`: an event, then `.sql` or `__` and a
 * description) or baseline migrations (`B5__init.sql`, named as a versioned
 * one with a B): SQL Flyway runs around migrations, for no caller. */
static bool flyway_callback(const char *name)
{
    static const char *const prefixes[] = {"before", "after"};
    static const char *const events[] = {"Migrate",
                                         "EachMigrate",
                                         "EachMigrateStatement",
                                         "Undo",
                                         "EachUndo",
                                         "EachUndoStatement",
                                         "Clean",
                                         "Info",
                                         "Validate",
                                         "Baseline",
                                         "Repair",
                                         "Connect",
                                         "EachMigrateError",
                                         "MigrateError",
                                         "UndoError",
                                         "EachUndoError",
                                         "CleanError",
                                         "InfoError",
                                         "ValidateError",
                                         "BaselineError",
                                         "RepairError",
                                         "EachMigrateStatementError",
                                         "EachUndoStatementError",
                                         "MigrateApplied",
                                         "MigrateOperationFinish",
                                         "CreateSchema"};
    if (name[0] == 'B') {
        char as_versioned[256];
        int n = snprintf(as_versioned, sizeof as_versioned, "V%s", name + 1);
        return n > 0 && (size_t)n < sizeof as_versioned &&
               sg_migration_name_of(as_versioned) == SG_MIGRATION_NAME_APPLY;
    }
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
        size_t lp = strlen(prefixes[p]);
        if (strncmp(name, prefixes[p], lp) != 0)
            continue;
        for (size_t e = 0; e < sizeof events / sizeof events[0]; e++) {
            size_t le = strlen(events[e]);
            const char *rest = name + lp + le;
            if (strncmp(name + lp, events[e], le) == 0 &&
                (strcasecmp(rest, ".sql") == 0 || strncmp(rest, "__", 2) == 0))
                return true;
        }
    }
    return false;
}

/* migration_dir of where the file really is, looking at the directories
 * below its repository's root (the nearest directory above it holding .git)
 * only: a file linted from inside `migrations/` is named `x.sql`, and one
 * given to --stdin-filename may be named so too. Without a repository root,
 * the file's own directory and the one above it (`migrations/x.sql`,
 * Prisma's `migrations/<version>/migration.sql`): a directory far above,
 * `/srv/migrate/app/q.sql`, says nothing of the file. */
static bool migration_dir_resolved(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    if (!real)
        return false;
    size_t n = strlen(real);
    char *probe = malloc(n + 3);
    bool found = false, rooted = false;
    for (size_t end = n; probe && end > 0;) {
        memcpy(probe, real, end);
        probe[end] = '\0';
        int root = lint_repository_root(end == 1 && real[0] == '/' ? "/" : probe);
        if (root != 0) {
            rooted = root > 0;
            if (root > 0 && end < n) {
                /* the directories below the root, each followed by '/' */
                memcpy(probe, real, n);
                memcpy(probe + n, "/x", 3);
                found = migration_dir(probe, end + 1);
            }
            break;
        }
        while (end > 1 && real[end - 1] != '/')
            end--;
        end = end > 1 ? end - 1 : 0;
    }
    if (probe && !rooted) {
        /* the last two directories */
        size_t from = n, seen = 0;
        while (from > 0 && seen < 2)
            if (real[--from] == '/')
                seen++;
        memcpy(probe, real, n);
        memcpy(probe + n, "/x", 3);
        found = migration_dir(probe, from + (real[from] == '/'));
    }
    free(probe);
    free(real);
    return found;
}

bool lint_migration_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    /* the path as given counts when it is relative and stays below where
     * lint runs; an absolute one, or one through `..`, may pass directories
     * above the repository, which say nothing of the file */
    bool below = path[0] != '/' && strncmp(path, "../", 3) != 0 && !strstr(path, "/../");
    return sg_migration_name_of(base) != SG_MIGRATION_NAME_NONE || flyway_callback(base) ||
           (below && migration_dir(path, 0)) || migration_dir_resolved(path);
}

bool lint_undo_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (sg_migration_name_of(base) == SG_MIGRATION_NAME_UNDO)
        return true;
    for (const char *p = path; p < base;) {
        size_t len = strcspn(p, "/");
        if (sqitch_dir(path, p, len, "revert"))
            return true;
        p += len + (p[len] == '/');
    }
    return false;
}

static bool name_separator(char c)
{
    return c == '_' || c == '-' || c == '.';
}

/* Whether a name (of the file, or of a directory: `len` bytes) says seed
 * data: `seed`, `seeds`, `seeders`, `seeding`, `seed_data`, `seed-users`,
 * `users_seed`, `users.seed`, any case, with `.sql` after a file's; and
 * `fixtures` (test data: sqlx's `fixtures/`). */
static bool seed_name(const char *name, size_t len)
{
    if (len > 4 && strncasecmp(name + len - 4, ".sql", 4) == 0)
        len -= 4;
    static const char *const words[] = {"seed", "seeds", "seeders", "seeding", "fixtures"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k]);
        if (len < n)
            continue;
        /* the word alone, first and then a separator, or last after one */
        if (strncasecmp(name, words[k], n) == 0 && (len == n || name_separator(name[n])))
            return true;
        if (len > n && name_separator(name[len - n - 1]) &&
            strncasecmp(name + len - n, words[k], n) == 0)
            return true;
    }
    return false;
}

/* Whether the last `count` names of `path` (a file's, then its
 * directories') include one seed_name() takes. */
static bool ends_in_seed_names(const char *path, int count)
{
    const char *end = path + strlen(path);
    for (int k = 0; k < count && end > path; k++) {
        const char *start = end;
        while (start > path && start[-1] != '/')
            start--;
        if (end > start && seed_name(start, (size_t)(end - start)))
            return true;
        end = start > path ? start - 1 : path;
    }
    return false;
}

bool lint_script_path(const char *path)
{
    /* the file's name, its directory's and the one above (`seeds/x.sql`,
     * `seeds/dev/x.sql`), as given or where the file really is (linted
     * from inside `seeds/`): directories further up say nothing of it */
    if (ends_in_seed_names(path, 3))
        return true;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    bool found = real && ends_in_seed_names(real, 2);
    free(dir);
    free(real);
    return found;
}

void lint_file_lint(const lint_env *env, lint_file *f)
{
    if (f->own_count)
        return; /* the walk already said why the file cannot be linted */
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.policy = env->policies->items[f->policy].policy;
    opts.data_source_uid = env->data_source_uid;
    opts.profile = env->profile;
    opts.placeholders = env->placeholders;
    opts.without_lines = env->without_lines;
    opts.migration = f->input == SG_LINT_INPUT_SQL && lint_migration_path(f->path);
    opts.script = f->input == SG_LINT_INPUT_SQL && !opts.migration && lint_script_path(f->path);
    opts.undo = opts.migration && lint_undo_path(f->path);
    sg_lint_result *result = NULL;
    sg_error err;
    int rc;
    if (f->from_stdin) {
        char *text = NULL;
        size_t len = 0;
        rc = sg_read_file("-", LINT_MAX_FILE_BYTES, 0, &text, &len, &err);
        if (rc == SG_OK) {
            rc = sg_lint_text(env->catalog, text, len, f->input, &opts, &result);
            sg_free(text);
            if (rc != SG_OK) {
                f->failed = true;
                return;
            }
        }
    } else {
        /* read in parts as it is linted: a file costs a part, not its size */
        rc = sg_lint_file(env->catalog, f->path, LINT_MAX_FILE_BYTES, f->input, &opts, &result,
                          &err);
    }
    if (rc != SG_OK) {
        report_unread(f, rc, &err);
        return;
    }
    absorb(f, result);
    if (f->status != SG_LINT_STATUS_NOT_OPERATION)
        return;
    /* A catalog, a policy, a package manifest: not lint's business when a
     * walk finds it; named on the command line, or matched by --operations,
     * it was meant to be one. */
    if (f->as_operation)
        lint_file_report(f, SG_LINT_RULE_FILE, SG_SEVERITY_ERROR,
                         "is not an operation (a JSON object with \"operation\" and \"sql\" "
                         "members), yet --operations says it is one");
    else if (f->named)
        lint_file_report(f, SG_LINT_RULE_FILE, SG_SEVERITY_WARNING,
                         "is not an operation (a JSON object with \"operation\" and \"sql\" "
                         "members); not checked");
    else
        f->ignored = true;
}

size_t lint_file_finding_count(const lint_file *f)
{
    return sg_lint_result_finding_count(f->result) + f->own_count;
}

const sg_lint_finding *lint_file_finding(const lint_file *f, size_t index, sg_lint_finding *buf)
{
    size_t from_result = sg_lint_result_finding_count(f->result);
    if (index < from_result)
        return sg_lint_result_get_finding(f->result, index, buf) ? buf : NULL;
    index -= from_result;
    return index < f->own_count ? &f->own[index] : NULL;
}

const char *lint_file_line(const lint_file *f, long line, size_t *len)
{
    return sg_lint_result_line(f->result, line, len);
}

const char *lint_file_kind(const lint_file *f)
{
    if (lint_file_checked(f) || lint_file_skipped(f))
        return "operation";
    return f->input == SG_LINT_INPUT_SQL ? "sql" : "json";
}

bool lint_file_checked(const lint_file *f)
{
    return f->linted && f->status == SG_LINT_STATUS_CHECKED;
}

bool lint_file_skipped(const lint_file *f)
{
    return f->linted && f->status == SG_LINT_STATUS_SKIPPED;
}
