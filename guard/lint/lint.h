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
#include <stdint.h>

#include "sqlguard.h"
#include "util/arena.h"

/* A line a finding is on, kept when the caller's text is let go. */
typedef struct sg__lint_kept_line {
    long line;
    const char *text; /* without its line break, in the same block */
    size_t len;
} sg__lint_kept_line;

struct sg_lint_result {
    sg__arena arena;  /* the kept texts and the suppressions' records live here */
    const char *text; /* the caller's text while sg_lint_text() runs; NULL after */
    size_t len;
    size_t bom;            /* 3 when the text starts with a UTF-8 byte order mark */
    uint32_t *line_starts; /* byte offset of each line's first byte (sg__malloc,
                            * freed when the call ends; texts are under 4 GiB) */
    size_t line_count;
    sg__vec findings;   /* sg_lint_finding (items from sg__lint_vec_reserve), in place order
                         * once finished */
    const char **texts; /* the message texts and rule ids, each kept once: an
                         * open-addressing set (sg__malloc, freed when the call ends) */
    size_t text_slots, text_count;
    sg__lint_kept_line *kept; /* the lines findings are on, once finished, in line
                               * order, their texts after them (one sg__malloc) */
    size_t kept_count;
    size_t statements; /* SQL statements linted */
    sg_lint_status status;
    bool failed; /* memory ran out: the call returns SG_ENOMEM */
};

/* ---- result.c ---- */

/* A result over the caller's `text` (borrowed until sg__lint_finish()) with
 * its line index; NULL without memory. */
sg_lint_result *sg__lint_result_new(const char *text, size_t len);

/* Puts the findings in place order, keeps the lines they are on and lets go
 * of the caller's text and the line index. Returns -1 when memory ran out. */
int sg__lint_finish(sg_lint_result *r);

/* Adds a finding at byte `offset` of the text (-1: about the whole text).
 * Returns it, or NULL (and marks the result failed) when memory ran out. */
sg_lint_finding *sg__lint_add(sg_lint_result *r, const char *rule, sg_severity severity,
                              long offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Room for `more` items of `size` bytes in `v`, whose items come from
 * sg__realloc (freed with sg__free): it grows in place where it can, by half
 * again, instead of leaving each smaller copy behind in an arena. False when
 * memory ran out (or the size does not fit); `v` is then as it was. */
bool sg__lint_vec_reserve(sg__vec *v, size_t size, size_t more);

/* 1-based line and character column of byte `offset` of the text (the byte
 * order mark is not a character an editor shows). */
void sg__lint_line_col(const sg_lint_result *r, size_t offset, long *line, long *column);

/* The 1-based line of byte `offset`, found quickly from line `hint` (an
 * earlier answer for an offset before this one, or 0). */
long sg__lint_line_from(const sg_lint_result *r, size_t offset, long hint);

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

/* Whether comment `c` of `text` is a suppression comment (its words start
 * with "sqlguard-"): the only comments sg__lint_suppress() needs. */
bool sg__lint_directive_comment(const char *text, const sg__lint_comment *c);

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
