/*
 * placeholders.h - which placeholder style linted SQL text is written in,
 * and where a '%' of it stands (placeholders.c).
 */
#ifndef SG_LINT_PLACEHOLDERS_H
#define SG_LINT_PLACEHOLDERS_H

#include <stddef.h>

#include "pg/split.h"
#include "sqlguard.h"
#include "util/arena.h"

/* What holds a byte of SQL text, as PostgreSQL's scanner reads it. */
typedef enum {
    SG__PLACE_CODE = 0,   /* an operator, a name, punctuation: SQL itself */
    SG__PLACE_LITERAL,    /* a string literal ('...', E'...', B'...', U&'...') */
    SG__PLACE_IDENTIFIER, /* a quoted identifier */
    SG__PLACE_COMMENT,    /* a double-dash or slash-star comment */
    SG__PLACE_BODY        /* a dollar-quoted string: a function body, mostly */
} sg__text_place;

/* The style AUTO stands for in `text` with scanner tokens `tokens` (`count`
 * of them; NULL when the scanner rejected the text): PSYCOPG when a %s or
 * %(name)s stands in code, DOLLAR otherwise. */
sg_lint_placeholders sg__lint_detect_placeholders(const char *text, size_t len,
                                                  const sg__sql_token *tokens, size_t count);

/* Whether a %s or %(name)s stands in code among the '%' of text[from, to),
 * `tokens` (`count` of them) being the scanner's tokens of that part (a
 * placeholder's name may run on past `to`, up to `len`). */
bool sg__lint_psycopg_between(const char *text, size_t len, size_t from, size_t to,
                              const sg__sql_token *tokens, size_t count);

/* The same for the NUL-terminated `sql` (`len` bytes), scanned here; the
 * tokens come from `arena`. Returns 0, or -1 when memory ran out. */
int sg__lint_detect_placeholders_in(sg__arena *arena, const char *sql, size_t len,
                                    sg_lint_placeholders *style);

/* What holds byte `offset` of the NUL-terminated `sql` (`len` bytes), into
 * *place (CODE when the scanner rejects the text). Returns 0, or -1 when
 * memory ran out. */
int sg__lint_place_of(sg__arena *arena, const char *sql, size_t len, size_t offset,
                      sg__text_place *place);

/* How a place is named in a message: "a string literal", ... */
const char *sg__lint_place_name(sg__text_place place);

#endif
