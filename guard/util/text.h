/*
 * text.h - UTF-8 validation, places in text, and the hash of text.
 */
#ifndef SG_UTIL_TEXT_H
#define SG_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/arena.h"

/* True when `s` (len bytes) is valid UTF-8 without NUL bytes; else false and
 * *bad_offset is the first offending byte. */
bool sg__utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* The length (2 to 4) of the well-formed UTF-8 sequence of a non-ASCII
 * character at p, with `avail` bytes there; 0 when it is not one. */
size_t sg__utf8_sequence(const unsigned char *p, size_t avail);
/* 1-based line and column (in characters) of byte `offset` in `s`. */
void sg__line_col(const char *s, size_t len, size_t offset, long *line, long *column);
/* The same from byte `from` on, where *line and *column are those of `from`:
 * moves them to byte `offset` (not before `from`). */
void sg__line_col_advance(const char *s, size_t from, size_t offset, long *line, long *column);

/* Appends `name` as a quoted SQL identifier: in double quotes, a double
 * quote in it written twice. Checks nothing: the caller knows the name is
 * one PostgreSQL would take as it is. */
void sg__strbuf_put_identifier(sg__strbuf *b, const char *name);

/* A value the caller gave (an unknown key, a uid, a kind), to quote in a
 * message: in double quotes, `"`, `\` and control characters escaped as in
 * JSON, cut after SG__QUOTED_MAX characters with how many there were. In
 * `arena`; NULL when memory ran out. */
enum { SG__QUOTED_MAX = 80 };
const char *sg__quoted(sg__arena *arena, const char *value);

/* The bytes PostgreSQL's scanner lets start an unquoted identifier (letters,
 * `_`, and every byte of a multibyte character), and those that may go on
 * in one (digits and `$` too). */
static inline bool sg__ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static inline bool sg__ident_char(unsigned char c)
{
    return sg__ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

/* The index of `name` in a table of `count` entries sorted by name (strcmp
 * order), `stride` bytes apart, each starting with its name (a `const char
 * *`); -1 when it is not there. A binary search that compares first bytes
 * inline, where most steps part, before a call (bsearch() called a
 * comparison function and strcmp() at every step). */
static inline long sg__sorted_find(const char *name, const void *table, size_t count, size_t stride)
{
    unsigned char first = (unsigned char)name[0];
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *other = *(const char *const *)((const char *)table + mid * stride);
        unsigned char o = (unsigned char)other[0];
        int cmp = first != o ? (first < o ? -1 : 1) : strcmp(name, other);
        if (cmp == 0)
            return (long)mid;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

/* FNV-1a (64 bits) of `n` bytes at `s`, going on from `h`: SG__FNV1A_INIT to
 * start, an earlier result to hash several pieces as one. For the in-memory
 * hash tables (nothing stores these values). */
#define SG__FNV1A_INIT UINT64_C(1469598103934665603)
static inline uint64_t sg__fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    return h;
}

/* The same over the NUL-terminated `s`. */
static inline uint64_t sg__fnv1a_str(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return h;
}

#endif
