/*
 * lint.h - the pieces of sg_lint_text(): the result record every stage writes
 * findings to (result.c), the SQL statements (sql.c), suppression comments
 * (suppress.c), operation files (json.c) and lint's own rules
 * (lint_rules.c).
 */
#ifndef SG_LINT_LINT_H
#define SG_LINT_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "sqlguard.h"
#include "util/arena.h"

struct sg_lint_result {
    sg__arena arena; /* everything below lives here */
    char *text;      /* a copy of the caller's text, NUL-terminated */
    size_t len;
    size_t bom;          /* 3 when the text starts with a UTF-8 byte order mark */
    size_t *line_starts; /* byte offset of each line's first byte */
    size_t line_count;
    sg__vec findings;  /* sg_lint_finding, in place order once finished */
    size_t statements; /* SQL statements linted */
    sg_lint_status status;
    bool failed; /* memory ran out: the call returns SG_ENOMEM */
};

/* ---- result.c ---- */

/* A result holding a copy of the text and its line index; NULL without memory. */
sg_lint_result *sg__lint_result_new(const char *text, size_t len);

/* Adds a finding at byte `offset` of the text (-1: about the whole text).
 * Returns it, or NULL (and marks the result failed) when memory ran out. */
sg_lint_finding *sg__lint_add(sg_lint_result *r, const char *rule, sg_severity severity,
                              long offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* 1-based line and character column of byte `offset` of the text (the byte
 * order mark is not a character an editor shows). */
void sg__lint_line_col(const sg_lint_result *r, size_t offset, long *line, long *column);

/* Puts the findings in place order (line, column, rule, message). */
void sg__lint_sort(sg_lint_result *r);

/* ---- sql.c ---- */

/* Lints the text's statements one by one with sg_lint_sql() and applies its
 * suppression comments. Returns -1 when memory ran out. */
int sg__lint_sql_text(const sg_catalog *catalog, const sg_lint_options *options, sg_lint_result *r);

/* ---- suppress.c ---- */

/* A comment of the text, as the scanner found it. */
typedef struct sg__lint_comment {
    size_t start, end; /* byte offsets in the text; end is exclusive */
    bool c_style;      /* slash-star rather than double-dash */
} sg__lint_comment;

/*
 * Applies the suppression comments among `comments` to the findings and
 * reports unknown rules, malformed and unused suppressions. `code_line`
 * (index 1..line_count) tells which lines hold SQL other than comments.
 * Returns -1 when memory ran out.
 */
int sg__lint_suppress(sg_lint_result *r, const sg__lint_comment *comments, size_t ncomments,
                      const bool *code_line);

/* ---- operation.c ---- */

/* Lints a JSON text: an operation is checked as sg_check() does (with a
 * catalog) and its findings placed in the text. Returns -1 when memory ran out. */
int sg__lint_json_text(const sg_catalog *catalog, const sg_lint_options *options,
                       sg_lint_result *r);

/* ---- lint_rules.c ---- */

/* Whether `id` (n bytes) is one of lint's own rule ids. */
bool sg__lint_rule_known(const char *id, size_t n);

#endif
