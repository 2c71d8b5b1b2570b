/*
 * text.h - UTF-8 validation and places in text.
 */
#ifndef SG_UTIL_TEXT_H
#define SG_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* True when `s` (len bytes) is valid UTF-8 without NUL bytes; else false and
 * *bad_offset is the first offending byte. */
bool sg__utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* The length (2 to 4) of the well-formed UTF-8 sequence of a non-ASCII
 * character at p, with `avail` bytes there; 0 when it is not one. */
size_t sg__utf8_sequence(const unsigned char *p, size_t avail);
/* 1-based line and column (in characters) of byte `offset` in `s`. */
void sg__line_col(const char *s, size_t len, size_t offset, long *line, long *column);

/* Appends `name` as a quoted SQL identifier: in double quotes, a double
 * quote in it written twice. Checks nothing: the caller knows the name is
 * one PostgreSQL would take as it is. */
void sg__strbuf_put_identifier(sg__strbuf *b, const char *name);

#endif
