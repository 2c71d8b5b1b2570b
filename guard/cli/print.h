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

/* The `n` bytes of a source line, indented, and a caret under character
 * `column` (1-based) on the next line. */
void cli_print_caret(FILE *out, const char *line, size_t n, long column, bool color);

/* Line `line` (1-based) of the NUL-terminated `text`, *n bytes without its
 * line break; NULL when the text is shorter. */
const char *cli_line_of(const char *text, long line, size_t *n);

#endif
