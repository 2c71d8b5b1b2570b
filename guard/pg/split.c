/*
 * split.c - statements and comments of a SQL text, from libpg_query.
 *
 * libpg_query answers the scanner in protobuf and the splitter in its own
 * structs; both are turned into plain byte spans in the caller's arena here,
 * with every offset checked against the text, so that nothing outside this
 * file sees libpg_query's or protobuf-c's types. The protobuf message is
 * unpacked with the library's allocator, so running out of memory there is
 * the caller's SG_ENOMEM like everywhere else.
 */
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "pg/split.h"

static void *pb_alloc(void *data, size_t size)
{
    (void)data;
    return sg__malloc(size);
}

static void pb_free(void *data, void *ptr)
{
    (void)data;
    sg__free(ptr);
}

/* Whether libpg_query's error cursor (1-based, in characters) stands at the
 * last character of the text or past it. */
static bool error_at_end(const char *sql, size_t len, int cursorpos)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)sql[i] & 0xC0) != 0x80;
    return cursorpos > 0 && (size_t)cursorpos >= chars;
}

/* The end of a U&'...' string or U&"..." identifier starting at sql[start],
 * or 0 when none starts there. The scanner reports such a token with a length
 * of 0 or 1, so the bytes inside it would read as code; quotes inside are
 * doubled, and there is no backslash escape of a quote. */
static size_t unicode_quoted_end(const char *sql, size_t len, size_t start)
{
    if (start + 2 >= len || (sql[start] != 'U' && sql[start] != 'u') || sql[start + 1] != '&' ||
        (sql[start + 2] != '\'' && sql[start + 2] != '"'))
        return 0;
    char quote = sql[start + 2];
    for (size_t i = start + 3; i < len; i++) {
        if (sql[i] != quote)
            continue;
        if (i + 1 < len && sql[i + 1] == quote) {
            i++;
            continue;
        }
        return i + 1;
    }
    return len; /* unterminated: the scanner reported an error already */
}

int sg__sql_scan_part(sg__arena *arena, const char *sql, size_t len, sg__sql_token **tokens,
                      size_t *count, bool *at_end)
{
    *tokens = NULL;
    *count = 0;
    *at_end = false;
    PgQueryScanResult r = pg_query_scan(sql);
    if (r.error) {
        *at_end = error_at_end(sql, len, r.error->cursorpos);
        pg_query_free_scan_result(r);
        return 1;
    }
    ProtobufCAllocator allocator = {pb_alloc, pb_free, NULL};
    PgQuery__ScanResult *res =
        pg_query__scan_result__unpack(&allocator, r.pbuf.len, (const uint8_t *)r.pbuf.data);
    sg__sql_token *out = res ? sg__arena_alloc(arena, (res->n_tokens + 1) * sizeof *out) : NULL;
    if (out) {
        size_t n = 0;
        for (size_t i = 0; i < res->n_tokens; i++) {
            const PgQuery__ScanToken *t = res->tokens[i];
            if (t->start < 0 || t->end < t->start || (size_t)t->end > len)
                continue; /* never trust an offset outside the text */
            out[n].start = (size_t)t->start;
            out[n].end = (size_t)t->end;
            if (t->token == PG_QUERY__TOKEN__USCONST || t->token == PG_QUERY__TOKEN__UIDENT) {
                size_t end = unicode_quoted_end(sql, len, out[n].start);
                if (end > out[n].end)
                    out[n].end = end;
            }
            out[n].comment =
                t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT;
            n++;
        }
        *tokens = out;
        *count = n;
    }
    pg_query__scan_result__free_unpacked(res, &allocator);
    pg_query_free_scan_result(r);
    return out ? 0 : -1;
}

int sg__sql_scan(sg__arena *arena, const char *sql, size_t len, sg__sql_token **tokens,
                 size_t *count)
{
    bool at_end;
    return sg__sql_scan_part(arena, sql, len, tokens, count, &at_end);
}

/* Copies the splitter's statements that lie in the text into *stmts. */
static int copy_split(sg__arena *arena, const PgQuerySplitResult *split, size_t len,
                      sg__span **stmts, size_t *count)
{
    size_t total = split->n_stmts > 0 ? (size_t)split->n_stmts : 0;
    sg__span *out = sg__arena_alloc(arena, (total + 1) * sizeof *out);
    if (!out)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < total; i++) {
        const PgQuerySplitStmt *st = split->stmts[i];
        if (st->stmt_location < 0 || (size_t)st->stmt_location > len || st->stmt_len < 0)
            continue;
        size_t start = (size_t)st->stmt_location;
        /* the last statement of a text without a final semicolon has length 0 */
        size_t end = st->stmt_len > 0 ? start + (size_t)st->stmt_len : len;
        out[n++] = (sg__span){start, end < len ? end : len};
    }
    *stmts = out;
    *count = n;
    return 0;
}

int sg__sql_split_part(sg__arena *arena, const char *sql, size_t len, sg__span **stmts,
                       size_t *count, bool *at_end)
{
    *stmts = NULL;
    *count = 0;
    *at_end = false;
    /* Where the text does not parse, libpg_query's scanner splitter would
     * cut at every semicolon token, inside parentheses too, and gives up on
     * the whole text at one bad token: the caller cuts it with
     * sg__sql_split_fallback() instead. */
    PgQuerySplitResult split = pg_query_split_with_parser(sql);
    if (split.error)
        *at_end = error_at_end(sql, len, split.error->cursorpos);
    int rc = split.error ? 1 : copy_split(arena, &split, len, stmts, count);
    pg_query_free_split_result(split);
    return rc;
}
