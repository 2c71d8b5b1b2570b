/*
 * lint.h - the pieces of `sqlguard lint`, shared by guard/cli_lint.c and the
 * guard/lint_*.c files of the command line.
 *
 * The command walks paths into a sorted list of files, lints each file on its
 * own (in parallel: every file owns an arena for its findings, the catalog and
 * policy are shared and immutable), then writes every file's findings in path
 * order in one of four formats. Nothing here is part of the library's API.
 */
#ifndef SG_LINT_H
#define SG_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/arena.h"
#include "sqlguard.h"

/* Files larger than this are reported (lint.file), never read. */
#define SG_LINT_MAX_FILE_BYTES ((size_t)1 << 20)

/*
 * Findings about the lint run itself rather than the SQL. They are not in the
 * library's rule table (no policy can tune them, no comment can suppress
 * them), but they are listed with it in the SARIF driver and the README.
 */
typedef struct sg__lint_rule {
    const char *id;
    sg_severity severity;
    const char *summary;
    const char *help;
} sg__lint_rule;

extern const sg__lint_rule sg__lint_rules[];
extern const size_t sg__lint_rule_count;

#define SG_LINT_FILE "lint.file"
#define SG_LINT_UNUSED "lint.unused-suppression"
#define SG_LINT_UNKNOWN_RULE "lint.unknown-rule"
#define SG_LINT_BAD_SUPPRESSION "lint.bad-suppression"

/* One finding, placed in the file: offset in bytes, line and column 1-based
 * (column in characters). All three are -1 for a finding about the whole
 * file. Strings live in the file's arena. */
typedef struct sg__lint_diag {
    const char *rule;
    sg_severity severity;
    const char *message;
    long offset, line, column;
    bool suppressed;
    const char *reason; /* the suppression's reason, NULL when it gave none */
} sg__lint_diag;

typedef enum {
    SG_LINT_KIND_SQL,       /* linted as SQL statements */
    SG_LINT_KIND_JSON,      /* a .json file not (yet) known to be an operation */
    SG_LINT_KIND_OPERATION, /* a .json file holding an operation */
} sg__lint_kind;

typedef struct sg__lint_file {
    char *path;          /* as shown and reported: relative paths stay relative */
    sg__lint_kind kind;  /* from the name; JSON becomes OPERATION when it is one */
    const char *problem; /* set by the walk: why the file is reported, not read */
    sg_severity problem_severity;
    bool named; /* named on the command line rather than found by a walk */

    sg__arena arena; /* everything below lives here */
    char *text;      /* the contents, NUL-terminated; NULL when unread */
    size_t len;
    size_t bom;          /* 3 when the text starts with a UTF-8 byte order mark */
    size_t *line_starts; /* byte offset of each line's first byte */
    size_t line_count;
    sg__vec diags;     /* sg__lint_diag */
    size_t statements; /* SQL statements linted */
    bool checked;      /* an operation that was checked */
    bool skipped;      /* an operation not checked: no catalog */
    bool ignored;      /* a .json file that is not an operation: not reported */
    bool failed;       /* ran out of memory: the run cannot be trusted */
} sg__lint_file;

/* What every file is linted against; shared read-only by the workers. */
typedef struct sg__lint_env {
    const sg_catalog *catalog; /* NULL: scope rules are skipped */
    const sg_policy *policy;
    const char *data_source_uid;
} sg__lint_env;

/* ---- lint_walk.c ---- */

/* The files under `paths` (files and directories), sorted by path with
 * duplicates removed. Returns 0, or -1 when memory ran out. */
int sg__lint_collect(char *const *paths, size_t count, sg__lint_file **files, size_t *nfiles);
void sg__lint_files_free(sg__lint_file *files, size_t count);

/* ---- lint_file.c ---- */

/* Lints one file into its own record. Safe to call from several threads on
 * different files. */
void sg__lint_one(const sg__lint_env *env, sg__lint_file *file);

/* Adds a finding at byte `offset` of the file (-1: the whole file). Returns
 * the finding, or NULL (and marks the file failed) when memory ran out. */
sg__lint_diag *sg__lint_add(sg__lint_file *file, const char *rule, sg_severity severity,
                            long offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* 1-based line and character column of byte `offset` in the file. */
void sg__lint_line_col(const sg__lint_file *file, size_t offset, long *line, long *column);

/* The text of line `line` (1-based) without its line break; *len its length. */
const char *sg__lint_line_text(const sg__lint_file *file, long line, size_t *len);

/* ---- lint_suppress.c ---- */

/* The comments of the file, as libpg_query's scanner found them. */
typedef struct sg__lint_comment {
    size_t start, end; /* byte offsets in the file; end is exclusive */
    bool c_style;      /* slash-star rather than double-dash */
} sg__lint_comment;

/*
 * Applies the suppression comments among `comments` to the file's findings
 * and reports unknown rules, malformed and unused suppressions. `code_line`
 * (index 1..line_count) tells which lines hold SQL other than comments.
 */
int sg__lint_suppress(sg__lint_file *file, const sg__lint_comment *comments, size_t ncomments,
                      const bool *code_line);

/* ---- lint_json.c ---- */

/* Where the members that matter sit in an operation file's text. */
typedef struct sg__lint_json_top {
    bool is_json;        /* the text is one JSON value, as far as lint can tell */
    bool is_object;      /* ... an object */
    bool has_operation;  /* ... with an "operation" member */
    bool has_sql;        /* ... and a string "sql" member, quotes at: */
    size_t sql_start;    /* offset of the opening quote */
    size_t sql_end;      /* offset of the closing quote */
    size_t error_offset; /* when !is_json: where scanning stopped */
} sg__lint_json_top;

void sg__lint_json_scan(const char *text, size_t len, sg__lint_json_top *out);

/* Maps byte `offset` of the decoded "sql" string to the byte of the file
 * that produced it. Returns false when the string cannot be decoded (a bad
 * escape), so that no place is claimed that is not known. */
bool sg__lint_json_map(const char *text, const sg__lint_json_top *top, size_t offset,
                       size_t *file_offset);

/* ---- lint_report.c ---- */

typedef enum { SG_LINT_TEXT, SG_LINT_JSON, SG_LINT_SARIF, SG_LINT_GITHUB } sg__lint_format;

typedef struct sg__lint_totals {
    size_t files, statements, operations, skipped_operations;
    size_t errors, warnings, suppressed;
} sg__lint_totals;

typedef struct sg__lint_report {
    sg__lint_format format;
    bool color;
    bool timing; /* false: --no-timing, for golden files */
    double elapsed_ms;
    long max_warnings;        /* -1: not given */
    const char *const *notes; /* run-level notes (scope skipped, ...) */
    size_t note_count;
} sg__lint_report;

void sg__lint_totals_count(const sg__lint_file *files, size_t count, sg__lint_totals *t);

/* Writes the report to `out`; returns 0, or -1 when it could not be built. */
int sg__lint_write(FILE *out, const sg__lint_report *r, const sg__lint_file *files, size_t count,
                   const sg__lint_totals *t);

/* Writes a JSON document indented by two spaces, with a final newline. */
struct cJSON;
int sg__lint_print_json(FILE *out, const struct cJSON *root);

/* ---- lint_sarif.c ---- */

int sg__lint_write_sarif(FILE *out, const sg__lint_report *r, const sg__lint_file *files,
                         size_t count);

#endif
