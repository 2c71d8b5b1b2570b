/*
 * placeholders.h - psycopg placeholder compiler.
 *
 * Turns psycopg-style SQL (%(name)s with an object of parameters, %s with an
 * array, %% for a literal %) into PostgreSQL's native $1..$n in one pass,
 * recording where each placeholder came from so that diagnostics on the
 * compiled SQL can point back into the caller's text.
 *
 * The rules are psycopg 3's (psycopg/_queries.py), applied to the bytes of the
 * query: a '%' followed by '(' NAME ')' and one character, or by any one
 * character other than a newline, is a placeholder token; a '%' at the very end
 * of the text or followed by a newline is left as it is (psycopg's pattern does
 * not match there). Of the tokens, "%%" becomes "%", "%s" and "%(NAME)s" become
 * parameters, and every other token ("%(" without a closing parenthesis,
 * "% ", "%d", "%(x)d", and psycopg's binary/text formats "%b"/"%t", which the
 * guard does not support) is a syntax error. NAME is one or more bytes other
 * than ')', newlines included. Named and positional placeholders never mix.
 */
#ifndef SG_PLACEHOLDERS_H
#define SG_PLACEHOLDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

typedef enum {
    SG_PH_NONE = 0,  /* no placeholder in the text */
    SG_PH_NAMED,     /* %(name)s */
    SG_PH_POSITIONAL /* %s */
} sg__ph_style;

/* One placeholder occurrence in the original text. */
typedef struct sg__placeholder {
    size_t src_offset;   /* byte offset of '%' in the original SQL */
    size_t src_len;      /* bytes of the token in the original ("%(name)s" = 8) */
    size_t out_offset;   /* byte offset of '$' in the compiled SQL */
    size_t out_len;      /* bytes of "$n" in the compiled SQL */
    unsigned number;     /* n of $n, 1-based */
    const char *name;    /* NAMED: the name (arena copy, NUL-terminated); else NULL */
} sg__placeholder;

/*
 * A mapping segment: compiled bytes [out_offset, out_offset + out_len) came
 * from original bytes [src_offset, src_offset + src_len). Segments exist for
 * every rewritten token ("%%" and placeholders), in order; text between them
 * is copied unchanged.
 */
typedef struct sg__ph_segment {
    size_t src_offset, src_len, out_offset, out_len;
} sg__ph_segment;

typedef struct sg__ph_result {
    char *sql;                 /* compiled SQL, NUL-terminated, in the arena */
    size_t sql_len;
    sg__ph_style style;
    sg__placeholder *placeholders; /* in text order */
    size_t placeholder_count;
    sg__ph_segment *segments;  /* in text order */
    size_t segment_count;
    /* NAMED: distinct names in order of first use; names[i] is bound to $(i+1). */
    const char **names;
    size_t name_count;
    /* POSITIONAL: number of %s (each is its own $n). */
    size_t positional_count;
    /* On a syntax error: a message and the byte offset of the offending '%'. */
    const char *error;
    size_t error_offset;
} sg__ph_result;

/*
 * Compiles `sql` (`len` bytes). Returns 0 and fills *out (error NULL) on
 * success; returns 0 with out->error set (a message such as "incomplete
 * placeholder: '%('") when the text breaks psycopg's rules or mixes named and
 * positional placeholders; returns -1 only on allocation failure. All memory
 * comes from `arena`.
 */
int sg__ph_compile(sg__arena *arena, const char *sql, size_t len, sg__ph_result *out);

/*
 * Maps a byte offset in the compiled SQL back to the original SQL: inside a
 * rewritten token it maps to the token's start, elsewhere it shifts by the
 * preceding segments' length difference.
 */
size_t sg__ph_map_offset(const sg__ph_result *r, size_t compiled_offset);

#endif
