/*
 * lint.h - the pieces of sg_lint_text() and sg_lint_file(): the text seen
 * through a window, with its line index (window.c), the result record every
 * stage writes findings to (result.c), the SQL statements (sql.c),
 * suppression comments (suppress.c), operation files (json.c) and lint's own
 * rules (lint_rules.c).
 */
#ifndef SG_LINT_LINT_H
#define SG_LINT_LINT_H

#include <assert.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlguard.h"
#include "util/arena.h"

/* A line a finding is on, kept when the text is let go: its text (without
 * its line break) is kept_chars[at, at + len) of the result. */
typedef struct sg__lint_kept_line {
    long line;
    size_t at, len;
} sg__lint_kept_line;

/* A finding as the result keeps it (sg_lint_result_get_finding() gives
 * the public form): places in 32 bits, since texts are under 4 GiB. */
typedef struct sg__lint_item {
    const char *rule, *message; /* kept once per text by the result */
    const char *reason;         /* the suppression's reason, NULL when none */
    uint32_t at;                /* byte offset + 1; 0: about the whole text */
    uint32_t line, column;      /* 1-based; 0: about the whole text */
    uint8_t severity;           /* sg_severity */
    bool suppressed;
} sg__lint_item;

/* Where the text comes from: the caller's memory, or a file read in parts. */
typedef struct sg__lint_source {
    const char *mem;  /* the whole text, or NULL: read from `fd` */
    int fd;           /* a regular file, read with pread() */
    const char *path; /* the file's name, for errors */
} sg__lint_source;

struct sg_lint_result {
    sg__arena arena; /* the kept texts and the suppressions' records live here */
    /* While the call runs, the text is seen through a window of whole lines:
     * `text` holds bytes [win_from, win_from + win_len) of it. From memory the
     * window is the whole text; from a file it is read where it is needed
     * (window.c), so that memory follows a part of the file and not the file. */
    const sg__lint_source *src;
    const char *text; /* the window; NULL after the call */
    size_t win_from, win_len;
    char *win_buf; /* a file's window (sg__malloc) */
    size_t win_cap;
    size_t len;            /* of the whole text */
    size_t bom;            /* 3 when the text starts with a UTF-8 byte order mark */
    bool clean;            /* the text is UTF-8 without NUL bytes */
    bool without_lines;    /* sg_lint_options.without_lines: no line is kept */
    uint32_t *line_starts; /* byte offset of each line's first byte (sg__malloc,
                            * freed when the call ends; texts are under 4 GiB) */
    size_t line_count, line_cap;
    /* The last place sg__lint_line_col() counted a column to: the next one
     * on the same line counts on from there, so that many findings on one
     * long line cost the distance between them, not the line's length each */
    size_t col_line, col_offset;
    long col_column;  /* 0: none yet */
    sg__vec findings; /* sg__lint_item (items from sg__lint_vec_reserve), in place order
                       * once finished */
    _Atomic(sg_lint_finding *) public_findings; /* sg_lint_result_finding()'s copies, made
                                                 * on its first call (sg__malloc) */
    const char **texts; /* the message texts and rule ids, each kept once: an
                         * open-addressing set (sg__malloc, freed when the call ends) */
    size_t text_slots, text_count;
    sg__vec kept;     /* sg__lint_kept_line (from sg__lint_vec_reserve): the lines
                       * findings are on, in line order once finished */
    char *kept_chars; /* their texts (sg__malloc) */
    size_t kept_bytes, kept_chars_cap;
    size_t statements; /* SQL statements linted */
    sg_lint_status status;
    bool failed;  /* memory ran out: the call returns SG_ENOMEM */
    int io_errno; /* the file could not be read again (0: it could; -1: it changed
                   * while it was linted): the call returns SG_EIO */
};

/* ---- window.c ---- */

/* Reads the whole text once: builds the line index, finds the byte order
 * mark and whether the text is clean; *bad is the first byte that is not
 * UTF-8 text (SIZE_MAX when clean). `len` is the text's length (a file's
 * size when it was opened). Returns 0, or -1 (r->failed or r->io_errno). */
int sg__lint_index(sg_lint_result *r, size_t *bad);

/* Makes the window hold the whole lines holding bytes [from, to) of the text
 * (the line holding `from` when to <= from). Returns 0, or -1 when memory ran
 * out (r->failed) or a file could not be read again as it was (r->io_errno). */
int sg__lint_window(sg_lint_result *r, size_t from, size_t to);

/* 1-based line and character column of byte `offset` of the text (the byte
 * order mark is not a character an editor shows); the window holds its line.
 * Counted on from the place asked for last when it is on the same line. */
void sg__lint_line_col(sg_lint_result *r, size_t offset, long *line, long *column);

/* The 1-based line of byte `offset`, found quickly from line `hint` (an
 * earlier answer for an offset before this one, or 0). */
long sg__lint_line_from(const sg_lint_result *r, size_t offset, long hint);

/* The window's bytes from text offset `offset` (which it holds). */
static inline const char *sg__lint_at(const sg_lint_result *r, size_t offset)
{
    assert(r->text && offset >= r->win_from && offset <= r->win_from + r->win_len);
    return r->text + (offset - r->win_from);
}

/* The window's end, as a text offset. */
static inline size_t sg__lint_window_end(const sg_lint_result *r)
{
    return r->win_from + r->win_len;
}

/* ---- result.c ---- */

/* A result over the text of `src` (`len` bytes; a file is read from
 * sg__lint_index() on); NULL without memory. */
sg_lint_result *sg__lint_result_new(const sg__lint_source *src, size_t len);

/* Keeps the lines findings [first, count) are on while the window holds
 * them, so that a file need not be read again for them. Returns -1 without
 * memory. */
int sg__lint_keep_lines(sg_lint_result *r, size_t first);

/* Puts the findings in place order, keeps the lines they are on (those not
 * kept yet are read again) and lets go of the text and the line index.
 * Returns -1 when memory ran out or the text could not be read again. */
int sg__lint_finish(sg_lint_result *r);

/* Adds a finding at byte `offset` of the text (-1: about the whole text).
 * Returns it, or NULL (and marks the result failed) when memory ran out. */
sg__lint_item *sg__lint_add(sg_lint_result *r, const char *rule, sg_severity severity, long offset,
                            const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Room for `more` items of `size` bytes in `v`, whose items come from
 * sg__realloc (freed with sg__free): it grows in place where it can, by half
 * again, instead of leaving each smaller copy behind in an arena. False when
 * memory ran out (or the size does not fit); `v` is then as it was. */
bool sg__lint_vec_reserve(sg__vec *v, size_t size, size_t more);

/* ---- sql.c ---- */

/* SQL text is cut in parts of at least about this many bytes, each ending
 * with a statement's semicolon, and linted part by part: the parser's and
 * the scanner's memory for a part is many times its size, so smaller parts
 * hold less (16 KB measured as cheap in instructions as 32 KB). */
#define SG__LINT_PART_BYTES ((size_t)16 << 10)

/* Lints the text's statements one by one with sg_lint_sql() and applies its
 * suppression comments. Returns -1 when memory ran out. */
int sg__lint_sql_text(const sg_catalog *catalog, const sg_lint_options *options, sg_lint_result *r);

/* ---- suppress.c ---- */

/* A comment of the text, as the scanner found it. */
typedef struct sg__lint_comment {
    size_t start, end; /* byte offsets in the text; end is exclusive */
    bool c_style;      /* slash-star rather than double-dash */
} sg__lint_comment;

/* A statement's place in the text: bytes [start, end). */
typedef struct sg__lint_span {
    size_t start, end;
} sg__lint_span;

/* Whether the comment `s` (n bytes, slash-star when `c_style`) is a
 * suppression comment (its words start with "sqlguard-"): the only comments
 * sg__lint_suppress() needs. */
bool sg__lint_directive_comment(const char *s, size_t n, bool c_style);

/*
 * Applies the suppression comments among `comments` to the findings and
 * reports unknown rules, malformed and unused suppressions. `code_line`
 * (index 1..line_count) tells which lines hold SQL other than comments;
 * `stmts` are the statements' places (`nstmts`, in text order).
 * In a `migration`, a suppression of a rule that does not run in
 * migrations is not reported as unused. Returns -1 when memory ran out.
 */
int sg__lint_suppress(sg_lint_result *r, const sg__lint_comment *comments, size_t ncomments,
                      const bool *code_line, const sg__lint_span *stmts, size_t nstmts,
                      bool migration);

/* ---- json.c ---- */

/* Lints a JSON text: an operation is checked as sg_check() does (with a
 * catalog) and its findings placed in the text. Returns -1 when memory ran out. */
int sg__lint_json_text(const sg_catalog *catalog, const sg_lint_options *options,
                       sg_lint_result *r);

/* ---- lint_rules.c ---- */

/* Whether `id` (n bytes) is one of lint's own rule ids. */
bool sg__lint_rule_known(const char *id, size_t n);

#endif
