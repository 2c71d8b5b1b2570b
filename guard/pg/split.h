/*
 * split.h - statements and comments of a SQL text, as byte spans.
 *
 * The parser-free face of libpg_query's statement splitter and scanner, and
 * the boundary scan that stands in for them where they fail: lint cuts a
 * file into statements and finds its comments through these calls and never
 * sees a libpg_query or protobuf type.
 */
#ifndef SG_PG_SPLIT_H
#define SG_PG_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* Bytes [start, end) of the text. */
typedef struct sg__span {
    size_t start, end;
} sg__span;

/* A token of the text as PostgreSQL's scanner reads it. */
typedef struct sg__sql_token {
    size_t start, end; /* bytes [start, end) of the text */
    bool comment;      /* a double-dash or slash-star comment */
} sg__sql_token;

/*
 * The tokens of the NUL-terminated `sql` (`len` bytes), in text order, in
 * *tokens (allocated in `arena`, *count of them). Returns 0, 1 when the
 * scanner rejects the text (an unterminated quote or comment; *tokens NULL),
 * or -1 when memory ran out.
 */
int sg__sql_scan(sg__arena *arena, const char *sql, size_t len, sg__sql_token **tokens,
                 size_t *count);

/*
 * Where the statements of the NUL-terminated `sql` (`len` bytes) lie, as
 * the parser finds them, in *stmts (allocated in `arena`, *count of them). A
 * span runs from the statement's first byte to its end (the semicolon not
 * included) and may include comments and blanks. Returns 0, 1 when the text
 * does not parse (*stmts NULL: see sg__sql_split_fallback()), or -1 when
 * memory ran out.
 */
int sg__sql_split(sg__arena *arena, const char *sql, size_t len, sg__span **stmts, size_t *count);

/*
 * The statements of `sql` (`len` bytes) cut without libpg_query, for text
 * the parser does not read (boundary.c): a scan that knows quotes, E''
 * escapes, dollar quotes, comments, parentheses and psql's backslash
 * commands finds the semicolons that end statements, so that one bad
 * statement does not take the others with it. Spans as sg__sql_split(), in
 * *stmts; coarse tokens (comments, and lexemes of the rest) in *tokens, or
 * none when `tokens` is NULL (they take several times the text's size); both
 * allocated in `arena`. Returns 0, or -1 when memory ran out.
 */
int sg__sql_split_fallback(sg__arena *arena, const char *sql, size_t len, sg__span **stmts,
                           size_t *nstmts, sg__sql_token **tokens, size_t *ntokens);

#endif
