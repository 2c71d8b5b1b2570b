/*
 * lint_files.h - the files `sqlguard lint` reports on: which ones a walk
 * finds (walk.c) and what linting each gave (lint_files.c).
 *
 * Every file is linted on its own, so files lint in parallel: a record is
 * touched by one worker only, while the catalog and policy are shared and
 * immutable. The library (sg_lint_text()) does the linting; a record adds
 * the command's own findings about files it could not hand over (unreadable,
 * too large, a link out of the tree, JSON that is not an operation).
 */
#ifndef SG_CLI_LINT_FILES_H
#define SG_CLI_LINT_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "sqlguard.h"

/* Files larger than this are reported (lint.file), never read. */
#define LINT_MAX_FILE_BYTES ((size_t)16 << 20)
/* Worker threads at most. */
#define LINT_MAX_JOBS 256

typedef struct lint_file {
    char *path;           /* as shown and reported: relative paths stay relative */
    sg_lint_input input;  /* by the name: .json is JSON, anything else SQL */
    bool named;           /* named on the command line rather than found by a walk */
    bool as_operation;    /* JSON that --operations says is an operation */
    bool from_stdin;      /* "-": read from standard input, shown as `path` */
    sg_lint_finding *own; /* the command's own findings, after the result's (strings owned here) */
    size_t own_count;
    size_t policy; /* its policy: an index in the run's lint_policies */
    bool linted;   /* handed to the library: status and statements are set */
    sg_lint_status status;
    size_t statements;
    sg_lint_result *result; /* the library's findings and their lines */
    bool ignored;           /* JSON that is not an operation, found by a walk */
    bool failed;            /* ran out of memory: the run cannot be trusted */
} lint_file;

/* A policy some files are linted under. */
typedef struct lint_policy {
    char *path;        /* as found or given; NULL for the defaults */
    char *real;        /* canonical, to load each file once */
    sg_policy *policy; /* NULL: the defaults */
    bool given;        /* --policy */
    size_t files;      /* reported files linted under it */
} lint_policy;

typedef struct lint_policies {
    lint_policy *items;
    size_t count;
    char *last_dir; /* the directory looked up last, and its policy */
    long last_index;
} lint_policies;

/* What every file is linted against; shared read-only by the workers. */
typedef struct lint_env {
    const sg_catalog *catalog; /* NULL: scope rules are skipped */
    const lint_policies *policies;
    const char *data_source_uid;
    sg_lint_profile profile;           /* --profile: DEFAULT leaves it to the policy */
    sg_lint_placeholders placeholders; /* --placeholders: likewise */
    bool without_lines;                /* the report shows no line of a file */
} lint_env;

/* ---- walk.c ---- */

struct lint_patterns;

typedef struct lint_walk_opts {
    const struct lint_patterns *excludes;   /* --exclude: left out of walks */
    const struct lint_patterns *operations; /* --operations: JSON that must be operations */
    const char *stdin_name;                 /* --stdin-filename, for "-" */
} lint_walk_opts;

/* The files under `paths` (files and directories; "-" for standard input),
 * sorted by path with duplicates removed. Returns 0, -1 when memory ran
 * out, -2 after telling the user that a path cannot be used (one that does
 * not exist, a directory that cannot be resolved, an ignore file that
 * cannot be read). */
int lint_collect(char *const *paths, size_t count, const lint_walk_opts *opts, lint_file **files,
                 size_t *nfiles);

/* ---- lint_policy.c ---- */

/* The policy for the file at `path`: `given` (--policy) when not NULL, else
 * the nearest .sqlguard.json upward from its directory to the repository
 * root, else the defaults. Returns its index in `p`, -1 without memory, -2
 * after telling the user that the policy does not load. */
long lint_policy_for(lint_policies *p, const char *given, const char *path);
/* Whether `dir` is a repository's root: it holds `.git` (a directory, or the
 * file a worktree has); policy and ignore files are looked for up to it. 1,
 * 0, or -1 without memory. */
int lint_repository_root(const char *dir);

/* Sets every file's policy as lint_policy_for() finds it; 0, -1 or -2. */
int lint_policies_assign(lint_policies *p, const char *given, lint_file *files, size_t count);
void lint_policies_free(lint_policies *p);

/* ---- pool.c ---- */

/* Writes one file's part of the report; -1 when it could not. */
typedef int (*lint_sink)(void *ctx, const lint_file *f);

/* Whether a .sql file's path says it is a migration, whatever it holds: a
 * migration tool's file naming (Flyway's `V1__x.sql`, golang-migrate's
 * `1_x.up.sql`, ...) or directory (`migrations/`, sqitch's `deploy/` beside a
 * `sqitch.plan`, ...). */
bool lint_migration_path(const char *path);
/* Whether a migration's path says it undoes one as a whole: a name a
 * migration tool gives such a file (sg_migration_name_of(): Flyway's
 * `U3__x.sql`, golang-migrate's `*.down.sql`, postgrator's `*.undo.sql`,
 * yoyo's `*.rollback.sql`, `down.sql`), or sqitch's `revert` directory
 * beside a `sqitch.plan`. */
bool lint_undo_path(const char *path);

/* Whether a path names seed data or test fixtures (a file or a directory
 * named seed, seeds, seeders, fixtures, `seed_users.sql`, ...): SQL that runs
 * once, for no caller, against the schema the catalog describes
 * (sg_lint_options.script). */
bool lint_script_path(const char *path);

/* Lints every file on `jobs` threads, at most `window` files ahead of the
 * report, and hands each to `sink` in path order on the calling thread, then
 * releases it. Returns 0, -1 when `sink` failed, -2 without memory. */
int lint_files_run(const lint_env *env, lint_file *files, size_t count, long jobs, size_t window,
                   lint_sink sink, void *ctx);

/* ---- lint_files.c ---- */

/* Fills *f for `path`; false when memory ran out. */
bool lint_file_init(lint_file *f, const char *path, sg_lint_input input);
void lint_file_release(lint_file *f);
/* The bytes of heap memory a linted file holds until it is released. */
size_t lint_file_memory(const lint_file *f);
void lint_files_free(lint_file *files, size_t count);

/* Adds one of the command's own findings, about the whole file; false (and
 * the file failed) when memory ran out. */
bool lint_file_report(lint_file *f, const char *rule, sg_severity severity, const char *message);

/* Reads and lints one file (unless a finding of its own already says why it
 * cannot be), keeping its findings and the lines they are on but not its
 * text. Safe to call from several threads on different files. */
void lint_file_lint(const lint_env *env, lint_file *f);

/* The file's findings in place order: the library's, then its own. A
 * library finding is copied to *buf; the pointer returned is valid until
 * *buf changes or the file is released. */
size_t lint_file_finding_count(const lint_file *f);
const sg_lint_finding *lint_file_finding(const lint_file *f, size_t index, sg_lint_finding *buf);

/* The text of line `line` (1-based), *len bytes; NULL when the file was not read. */
const char *lint_file_line(const lint_file *f, long line, size_t *len);

/* "sql", "json" or "operation". */
const char *lint_file_kind(const lint_file *f);
/* Whether the file is an operation that was checked / left unchecked. */
bool lint_file_checked(const lint_file *f);
bool lint_file_skipped(const lint_file *f);

#endif
