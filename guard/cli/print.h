/*
 * print.h - findings as text: the FILE:LINE:COL line and the source line
 * with a caret under the spot, shared by `check` and `lint`.
 */
#ifndef SG_CLI_PRINT_H
#define SG_CLI_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sqlguard.h"

/* "error" or "warning". */
const char *cli_severity_name(sg_severity severity);

/* "s" unless n is 1. */
const char *cli_plural(size_t n);

/* FILE:LINE:COL: SEVERITY [RULE] MESSAGE (FILE: ... when line < 1), in
 * colour when asked. */
void cli_print_finding(FILE *out, const char *path, long line, long column, sg_severity severity,
                       const char *rule, const char *message, bool color);

/* Where cli_print_caret() last cut a long line for its window: the next
 * caret on the same line looks on from there, so that the many findings of
 * one long line (in column order) cost its length once, not once each. */
typedef struct cli_caret_cursor {
    const char *line;
    size_t len;
    long column;
    size_t byte;
} cli_caret_cursor;

#define CLI_CARET_CURSOR_INIT                                                                      \
    {                                                                                              \
        NULL, 0, 1, 0                                                                              \
    }

/* The `n` bytes of a source line, indented, and a caret under character
 * `column` (1-based) on the next line; a line longer than the screen is
 * shown as a window around the spot. `cursor` (NULL: none) carries the
 * place of the last window from one call to the next on the same line. */
void cli_print_caret(FILE *out, const char *line, size_t n, long column, bool color,
                     cli_caret_cursor *cursor);

/* The length (2 to 4) of the well-formed UTF-8 sequence of a non-ASCII
 * character at `s` (a NUL-terminated string), or 0 when the byte there
 * begins none: a file name need not be UTF-8, and the structured reports
 * (JSON, SARIF, GitLab, JUnit, GitHub) write U+FFFD for each such byte, so
 * that one odd name does not make the whole report unreadable. */
size_t cli_utf8_char(const char *s);

/* U+FFFD, the replacement character, as UTF-8. */
#define CLI_REPLACEMENT_CHAR "\xEF\xBF\xBD"

/* Line `line` (1-based) of the NUL-terminated `text`, *n bytes without its
 * line break; NULL when the text is shorter. */
const char *cli_line_of(const char *text, long line, size_t *n);

#endif
