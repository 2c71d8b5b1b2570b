/*
 * ignore.h - paths `sqlguard lint` leaves out (--exclude, .sqlguardignore)
 * and operation files it is told about (--operations), as gitignore
 * patterns (ignore.c).
 */
#ifndef SG_CLI_IGNORE_H
#define SG_CLI_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

/* The name of the ignore file read at each directory given to lint. */
#define LINT_IGNORE_FILE ".sqlguardignore"

enum { LINT_INCLUDED = 0, LINT_EXCLUDED = 1 };

typedef struct lint_pattern {
    char *glob;    /* without its leading "!", leading "/" and trailing "/" */
    bool negate;   /* "!": a match re-includes */
    bool dir_only; /* a trailing "/": matches directories only */
    bool anchored; /* a slash at its start or in its middle: from the root only */
} lint_pattern;

typedef struct lint_patterns {
    lint_pattern *items;
    size_t count, cap;
} lint_patterns;

/* Adds one line of gitignore syntax (blank lines and # comments add
 * nothing). Returns 0, or -1 without memory. */
int lint_patterns_add(lint_patterns *p, const char *line, size_t len);

/* Adds the lines of the file at `path`; a missing file adds nothing.
 * Returns 0, -1 without memory, -2 after telling the user the file cannot
 * be read. */
int lint_patterns_load(lint_patterns *p, const char *path);

void lint_patterns_free(lint_patterns *p);

/* The state of path `rel` (relative to the patterns' root, slash-separated)
 * after the patterns, starting from `state` (LINT_INCLUDED or
 * LINT_EXCLUDED): the last pattern that matches decides. -1 without memory. */
int lint_patterns_match(const lint_patterns *p, const char *rel, bool is_dir, int state);

#endif
