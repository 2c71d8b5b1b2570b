/*
 * ignore.c - paths `sqlguard lint` leaves out: `--exclude GLOB` and the
 * lines of a `.sqlguardignore` file, both in gitignore's syntax.
 *
 * A pattern is matched with fnmatch(3), one path segment at a time, so that
 * `*` never crosses a slash and `**` stands for any number of directories.
 * As in gitignore: blank lines and `#` comments are skipped, `!` re-includes,
 * a trailing `/` matches directories only, a pattern with a slash at its
 * start or in its middle is anchored at the root it belongs to, and one
 * without matches a name at any depth; the last pattern that matches wins.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ignore.h"

void lint_patterns_free(lint_patterns *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i].glob);
    free(p->items);
    memset(p, 0, sizeof *p);
}

int lint_patterns_add(lint_patterns *p, const char *line, size_t len)
{
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n'))
        len--;
    /* trailing blanks do not count unless escaped */
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t') &&
           !(len > 1 && line[len - 2] == '\\'))
        len--;
    if (len == 0 || line[0] == '#')
        return 0;
    lint_pattern pat = {NULL, false, false, false};
    if (line[0] == '!') {
        pat.negate = true;
        line++, len--;
    } else if (line[0] == '\\' && len > 1 && (line[1] == '!' || line[1] == '#')) {
        line++, len--; /* an escaped ! or # is the character itself */
    }
    if (len > 0 && line[len - 1] == '/') {
        pat.dir_only = true;
        len--;
    }
    if (len > 0 && line[0] == '/') {
        pat.anchored = true;
        line++, len--;
    }
    if (len == 0)
        return 0;
    if (memchr(line, '/', len))
        pat.anchored = true;
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        lint_pattern *items = realloc(p->items, cap * sizeof *items);
        if (!items)
            return -1;
        p->items = items;
        p->cap = cap;
    }
    if (!(pat.glob = strndup(line, len)))
        return -1;
    p->items[p->count++] = pat;
    return 0;
}

int lint_patterns_load(lint_patterns *p, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        fprintf(stderr, "sqlguard lint: %s: %s\n", path, strerror(errno));
        return -2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    for (bool first = true; rc == 0 && (n = getline(&line, &cap, f)) >= 0; first = false) {
        /* a UTF-8 byte order mark before the first line is no part of it */
        size_t skip = first && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        rc = lint_patterns_add(p, line + skip, (size_t)n - skip);
    }
    if (rc == 0 && ferror(f)) {
        fprintf(stderr, "sqlguard lint: %s: cannot be read to the end\n", path);
        rc = -2;
    }
    free(line);
    fclose(f);
    return rc;
}

/* Whether segments pat[0..np) match path segments seg[0..ns); a "**"
 * segment matches any number of them, but a trailing one at least one, as
 * git reads it: "dir" then "**" is what is inside dir, not dir itself, so
 * that a later "!dir/keep.sql" takes that file back. */
static bool match_segments(char *const *pat, size_t np, char *const *seg, size_t ns)
{
    if (np == 0)
        return ns == 0;
    if (strcmp(pat[0], "**") == 0) {
        for (size_t k = np == 1 ? 1 : 0; k <= ns; k++)
            if (match_segments(pat + 1, np - 1, seg + k, ns - k))
                return true;
        return false;
    }
    return ns > 0 && fnmatch(pat[0], seg[0], 0) == 0 &&
           match_segments(pat + 1, np - 1, seg + 1, ns - 1);
}

/* Splits a copy of `s` at slashes: the segments in *out (the caller frees
 * both the array and *copy). Returns the count, or -1 without memory. */
static long split(const char *s, char **copy, char ***out)
{
    *out = NULL;
    if (!(*copy = strdup(s)))
        return -1;
    size_t n = 1;
    for (const char *c = s; *c; c++)
        n += *c == '/';
    char **segs = malloc(n * sizeof *segs);
    if (!segs) {
        free(*copy);
        return -1;
    }
    size_t k = 0;
    for (char *c = *copy, *start = *copy;; c++) {
        if (*c == '/' || *c == '\0') {
            bool end = *c == '\0';
            *c = '\0';
            if (*start) /* "a//b" has no empty segment */
                segs[k++] = start;
            if (end)
                break;
            start = c + 1;
        }
    }
    *out = segs;
    return (long)k;
}

static int match_one(const lint_pattern *pat, char *const *segs, size_t ns, bool is_dir)
{
    if (pat->dir_only && !is_dir)
        return 0;
    if (!pat->anchored)
        return ns > 0 && fnmatch(pat->glob, segs[ns - 1], 0) == 0;
    char *copy;
    char **psegs;
    long np = split(pat->glob, &copy, &psegs);
    if (np < 0)
        return -1;
    int hit = match_segments(psegs, (size_t)np, segs, ns);
    free(psegs);
    free(copy);
    return hit;
}

int lint_patterns_match(const lint_patterns *p, const char *rel, bool is_dir, int state)
{
    if (!p || p->count == 0 || !*rel)
        return state;
    char *copy;
    char **segs;
    long ns = split(rel, &copy, &segs);
    if (ns < 0)
        return -1;
    for (size_t i = 0; i < p->count && state >= 0; i++) {
        int hit = match_one(&p->items[i], segs, (size_t)ns, is_dir);
        if (hit < 0)
            state = -1;
        else if (hit)
            state = p->items[i].negate ? LINT_INCLUDED : LINT_EXCLUDED;
    }
    free(segs);
    free(copy);
    return state;
}
