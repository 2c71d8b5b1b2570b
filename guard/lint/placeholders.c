/*
 * placeholders.c - the placeholder style of linted SQL, told from the
 * scanner's tokens.
 *
 * psycopg reads placeholders in the whole query text, but a file run through
 * psycopg is recognisable only by the placeholders it writes where SQL is:
 * a '%' in a string literal (`LIKE 'a%'`), a comment or a plpgsql body
 * (`RAISE NOTICE 'value %'`) says nothing about the style. So a '%' counts
 * only inside an operator token of the scanner (`%`, `=%`), never inside a
 * literal, quoted identifier, comment or dollar-quoted body; those are told
 * apart by the first bytes of the token that holds it.
 */
#include <string.h>

#include "lint/placeholders.h"
#include "util/text.h"

/* The token holding byte `offset`, or NULL when it falls between tokens. */
static const sg__sql_token *token_at(const sg__sql_token *tokens, size_t count, size_t offset)
{
    size_t lo = 0, hi = count;
    while (lo < hi) { /* the first token ending after offset */
        size_t mid = lo + (hi - lo) / 2;
        if (tokens[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < count && tokens[lo].start <= offset ? &tokens[lo] : NULL;
}

/* What kind of token starts at `s` (n bytes). */
static sg__text_place token_place(const sg__sql_token *t, const char *s, size_t n)
{
    if (t->comment)
        return SG__PLACE_COMMENT;
    if (n >= 1 && s[0] == '\'')
        return SG__PLACE_LITERAL;
    if (n >= 1 && s[0] == '"')
        return SG__PLACE_IDENTIFIER;
    if (n >= 2 && s[0] == '$' && !(s[1] >= '0' && s[1] <= '9'))
        return SG__PLACE_BODY;
    if (n >= 2 && strchr("EeBbXxNn", s[0]) && s[1] == '\'')
        return SG__PLACE_LITERAL;
    if (n >= 3 && (s[0] == 'U' || s[0] == 'u') && s[1] == '&')
        return s[2] == '"' ? SG__PLACE_IDENTIFIER : SG__PLACE_LITERAL;
    return SG__PLACE_CODE;
}

static sg__text_place place_in(const char *text, const sg__sql_token *tokens, size_t count,
                               size_t offset)
{
    const sg__sql_token *t = token_at(tokens, count, offset);
    return t ? token_place(t, text + t->start, t->end - t->start) : SG__PLACE_CODE;
}

/* Whether the '%' at text[at] starts %s or %(name)s, as psycopg matches them
 * (the name runs to the first ')' and holds no line break), in code that
 * uses them: a %s followed by more of a name is taken for a modulo. */
static bool starts_placeholder(const char *text, size_t len, size_t at)
{
    if (at + 1 < len && text[at + 1] == 's')
        /* `n%step` is n modulo step: a %s glued to the rest of a name is
         * no placeholder anyone writes */
        return at + 2 >= len || !sg__ident_char((unsigned char)text[at + 2]);
    if (at + 1 >= len || text[at + 1] != '(')
        return false;
    for (size_t i = at + 2; i < len && text[i] != '\n'; i++)
        if (text[i] == ')')
            return i > at + 2 && i + 1 < len && text[i + 1] == 's';
    return false;
}

bool sg__lint_psycopg_between(const char *text, size_t len, size_t from, size_t to,
                              const sg__sql_token *tokens, size_t count)
{
    for (size_t i = from; i < to;) {
        const char *pct = memchr(text + i, '%', to - i);
        if (!pct)
            break;
        size_t at = (size_t)(pct - text);
        if (place_in(text, tokens, count, at) != SG__PLACE_CODE) {
            i = at + 1;
            continue;
        }
        if (at + 1 < len && text[at + 1] == '%') { /* psycopg's escaped '%' */
            i = at + 2;
            continue;
        }
        if (starts_placeholder(text, len, at))
            return true;
        i = at + 1;
    }
    return false;
}

sg_lint_placeholders sg__lint_detect_placeholders(const char *text, size_t len,
                                                  const sg__sql_token *tokens, size_t count)
{
    if (!tokens)
        return SG_LINT_PLACEHOLDERS_DOLLAR; /* the text reports sql.syntax anyway */
    return sg__lint_psycopg_between(text, len, 0, len, tokens, count) ? SG_LINT_PLACEHOLDERS_PSYCOPG
                                                                      : SG_LINT_PLACEHOLDERS_DOLLAR;
}

int sg__lint_detect_placeholders_in(sg__arena *arena, const char *sql, size_t len,
                                    sg_lint_placeholders *style)
{
    *style = SG_LINT_PLACEHOLDERS_DOLLAR;
    if (!memchr(sql, '%', len))
        return 0; /* no '%' at all: no scan needed */
    sg__sql_token *tokens;
    size_t count;
    int rc = sg__sql_scan(arena, sql, len, &tokens, &count);
    if (rc < 0)
        return -1;
    *style = sg__lint_detect_placeholders(sql, len, rc == 0 ? tokens : NULL, count);
    return 0;
}

int sg__lint_place_of(sg__arena *arena, const char *sql, size_t len, size_t offset,
                      sg__text_place *place)
{
    *place = SG__PLACE_CODE;
    sg__sql_token *tokens;
    size_t count;
    int rc = sg__sql_scan(arena, sql, len, &tokens, &count);
    if (rc < 0)
        return -1;
    if (rc == 0)
        *place = place_in(sql, tokens, count, offset);
    return 0;
}

const char *sg__lint_place_name(sg__text_place place)
{
    switch (place) {
    case SG__PLACE_LITERAL:
        return "a string literal";
    case SG__PLACE_IDENTIFIER:
        return "a quoted identifier";
    case SG__PLACE_COMMENT:
        return "a comment";
    case SG__PLACE_BODY:
        return "a dollar-quoted body";
    case SG__PLACE_CODE:
    default:
        return "the SQL";
    }
}
