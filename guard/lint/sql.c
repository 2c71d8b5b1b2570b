/*
 * sql.c - SQL text linted statement by statement.
 *
 * Statements are cut by PostgreSQL's parser (pg/split.h) or, when the text
 * does not parse, by a boundary scan that isolates each statement, so that
 * one bad statement reports sql.syntax at its place and the others are still
 * linted. They are trimmed to their first and last token, so the comments
 * between statements belong to no statement. Each is linted with
 * sg_lint_sql(), in the placeholder style of the whole file (the caller's,
 * the policy's, or what the file writes: placeholders.c), and its findings
 * are placed in the text. The scanner's comment tokens (the boundary scan's,
 * where the scanner rejects the text) then feed the suppression comments
 * (suppress.c).
 */
#include <stdint.h>
#include <string.h>

#include "decode/policy.h"
#include "lint/lint.h"
#include "lint/placeholders.h"
#include "pg/split.h"

/* Lints the statement at [start, end) of the text and places its findings. */
static int lint_statement(const sg_catalog *catalog, const sg_lint_options *options,
                          sg_lint_result *r, size_t start, size_t end)
{
    sg_verdict *v = NULL;
    int rc = sg_lint_sql(catalog, r->text + start, end - start, options, &v);
    if (rc != SG_OK) {
        r->failed = true;
        return -1;
    }
    r->statements++;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        size_t at = start + (d->offset >= 0 ? (size_t)d->offset : 0);
        if (!sg__lint_add(r, d->rule, d->severity, (long)(at < end ? at : end), "%s", d->message))
            break;
    }
    sg_verdict_free(v);
    return r->failed ? -1 : 0;
}

/* Trims [*start, *end) to its first and last token that is not a comment;
 * false when there is none (a span of only comments and blanks). */
static bool trim_to_tokens(const sg__sql_token *tokens, size_t count, size_t *start, size_t *end)
{
    size_t lo = 0, hi = count;
    while (lo < hi) { /* first token starting at or after *start */
        size_t mid = lo + (hi - lo) / 2;
        if (tokens[mid].start < *start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t first = SIZE_MAX, last = SIZE_MAX;
    for (size_t i = lo; i < count && tokens[i].start < *end; i++) {
        if (tokens[i].comment)
            continue;
        if (first == SIZE_MAX)
            first = i;
        last = i;
    }
    if (first == SIZE_MAX)
        return false;
    *start = tokens[first].start;
    if (tokens[last].end < *end)
        *end = tokens[last].end;
    return true;
}

/* Shifts spans of a part of the text to the whole text. */
static void shift_tokens(sg__sql_token *tokens, size_t count, size_t by)
{
    for (size_t i = 0; i < count; i++) {
        tokens[i].start += by;
        tokens[i].end += by;
    }
}

/*
 * What the tokens of the text tell lint, gathered part by part so that the
 * tokens of the whole text are never held at once (they take many times the
 * text's size): each statement trimmed to its tokens, the comments, the
 * lines that hold SQL, and whether a psycopg placeholder stands in code.
 */
typedef struct digest {
    sg_lint_result *r;
    const sg__span *stmts; /* the statements, in the text after the byte order mark */
    size_t count;
    sg__span *trimmed; /* each statement trimmed; start SIZE_MAX when it holds no token */
    size_t next;       /* the first statement not trimmed yet */
    sg__vec comments;  /* sg__lint_comment */
    bool *code_line;   /* index 1..line_count */
    bool psycopg;
} digest;

static int digest_init(digest *d, sg_lint_result *r, const sg__span *stmts, size_t count)
{
    memset(d, 0, sizeof *d);
    d->r = r;
    d->stmts = stmts;
    d->count = count;
    d->trimmed = sg__arena_alloc(&r->arena, (count + 1) * sizeof *d->trimmed);
    d->code_line = sg__arena_alloc(&r->arena, r->line_count + 2);
    return d->trimmed && d->code_line ? 0 : -1;
}

/* Forgets what was gathered, to gather it again from other tokens. */
static void digest_reset(digest *d)
{
    d->next = 0;
    d->comments.count = 0;
    d->psycopg = false;
    memset(d->code_line, 0, d->r->line_count + 2);
}

/* Gathers the tokens of text[from, to) (offsets in the whole text), which
 * hold every statement starting there. */
static int digest_tokens(digest *d, const sg__sql_token *tokens, size_t ntokens, size_t from,
                         size_t to)
{
    sg_lint_result *r = d->r;
    for (; d->next < d->count && r->bom + d->stmts[d->next].start < to; d->next++) {
        size_t start = r->bom + d->stmts[d->next].start, end = r->bom + d->stmts[d->next].end;
        if (!trim_to_tokens(tokens, ntokens, &start, &end))
            start = SIZE_MAX;
        d->trimmed[d->next] = (sg__span){start, end};
    }
    for (size_t i = 0; i < ntokens; i++) {
        const sg__sql_token *t = &tokens[i];
        if (t->comment) {
            sg__lint_comment *c = sg__vec_push(&r->arena, &d->comments, sizeof *c);
            if (!c)
                return -1;
            *c = (sg__lint_comment){t->start, t->end, r->text[t->start] == '/'};
            continue;
        }
        long l1, l2, col;
        sg__lint_line_col(r, t->start, &l1, &col);
        sg__lint_line_col(r, t->end > t->start ? t->end - 1 : t->start, &l2, &col);
        for (long l = l1; l <= l2; l++)
            d->code_line[l] = true;
    }
    if (!d->psycopg)
        d->psycopg = sg__lint_psycopg_between(r->text, r->len, from, to, tokens, ntokens);
    return 0;
}

/* Text scanned in parts of about this many bytes, each ending with a
 * statement's semicolon. */
#define SCAN_PART_BYTES ((size_t)32 << 10)

/*
 * Scans text[from, to) on its own and gathers its tokens. A part that ends
 * with a semicolon token, in text the scanner reads to its end without
 * error, lexes as the same tokens as in the whole text (a semicolon is
 * never part of a longer token outside quotes and comments, and after it
 * the scanner is in its initial state). Returns 0, 1 when the part does not
 * prove that (the whole text must be scanned at once), -1 without memory.
 */
static int digest_part(digest *d, size_t from, size_t to, bool last)
{
    sg_lint_result *r = d->r;
    sg__arena scratch;
    sg__arena_init(&scratch);
    sg__sql_token *tokens = NULL;
    size_t n = 0;
    char saved = r->text[to];
    r->text[to] = '\0';
    int rc = sg__sql_scan(&scratch, r->text + from, to - from, &tokens, &n);
    r->text[to] = saved;
    if (rc == 0 && !last &&
        (n == 0 || tokens[n - 1].comment || tokens[n - 1].end != to - from ||
         tokens[n - 1].start + 1 != to - from || r->text[to - 1] != ';'))
        rc = 1;
    if (rc == 0) {
        shift_tokens(tokens, n, from);
        rc = digest_tokens(d, tokens, n, from, to);
    }
    sg__arena_release(&scratch);
    return rc;
}

/* The tokens gathered part by part, cut after the semicolons that end
 * statements. Returns 0, 1 when the whole text must be scanned at once, or
 * -1 without memory. */
static int digest_parts(digest *d)
{
    sg_lint_result *r = d->r;
    size_t from = r->bom;
    for (size_t i = 0; i < d->count; i++) {
        size_t semi = r->bom + d->stmts[i].end;
        if (semi >= r->len || r->text[semi] != ';' || semi + 1 - from < SCAN_PART_BYTES)
            continue;
        int rc = digest_part(d, from, semi + 1, false);
        if (rc != 0)
            return rc;
        from = semi + 1;
    }
    return digest_part(d, from, r->len, true);
}

/* The tokens of the whole text at once (where its parts do not scan on their
 * own); *rejected when the scanner rejects the text. */
static int digest_whole(digest *d, bool *rejected)
{
    sg_lint_result *r = d->r;
    sg__arena scratch;
    sg__arena_init(&scratch);
    sg__sql_token *tokens = NULL;
    size_t n = 0;
    int rc = sg__sql_scan(&scratch, r->text + r->bom, r->len - r->bom, &tokens, &n);
    *rejected = rc == 1;
    if (rc == 0) {
        shift_tokens(tokens, n, r->bom);
        rc = digest_tokens(d, tokens, n, 0, r->len);
    }
    sg__arena_release(&scratch);
    return rc < 0 ? -1 : 0;
}

/* The boundary scan's coarse tokens stand in for the scanner's, and its
 * statements for the parser's, where the scanner rejects the text. */
static int digest_boundary(digest *d)
{
    sg_lint_result *r = d->r;
    sg__span *stmts = NULL;
    sg__sql_token *tokens = NULL;
    size_t count = 0, ntokens = 0;
    if (sg__sql_split_fallback(&r->arena, r->text + r->bom, r->len - r->bom, &stmts, &count,
                               &tokens, &ntokens) < 0)
        return -1;
    shift_tokens(tokens, ntokens, r->bom);
    if (digest_init(d, r, stmts, count) < 0)
        return -1;
    return digest_tokens(d, tokens, ntokens, 0, r->len);
}

/* The placeholder style of the whole text, for each of its statements: the
 * caller's, else the policy's, else what the text writes (AUTO). */
static sg_lint_placeholders text_placeholders(const sg_lint_options *options, const digest *d)
{
    sg_lint_placeholders style = options->placeholders;
    if (style == SG_LINT_PLACEHOLDERS_DEFAULT)
        style = sg__policy_lint_placeholders(options->policy);
    if (style == SG_LINT_PLACEHOLDERS_DEFAULT || style == SG_LINT_PLACEHOLDERS_AUTO)
        style = d->psycopg ? SG_LINT_PLACEHOLDERS_PSYCOPG : SG_LINT_PLACEHOLDERS_DOLLAR;
    return style;
}

/* The statements as the parser cuts them, or where the text does not parse,
 * as the boundary scan does: the statement that does not parse then reports
 * sql.syntax at its place and the others are linted all the same. Then
 * their tokens, part by part where the parts scan on their own. */
static int gather(sg_lint_result *r, digest *d)
{
    const char *sql = r->text + r->bom;
    size_t sql_len = r->len - r->bom;
    sg__span *stmts = NULL;
    size_t count = 0;
    int rc = sg__sql_split(&r->arena, sql, sql_len, &stmts, &count);
    if (rc > 0)
        rc = sg__sql_split_fallback(&r->arena, sql, sql_len, &stmts, &count, NULL, NULL);
    if (rc < 0 || digest_init(d, r, stmts, count) < 0)
        return -1;
    rc = digest_parts(d);
    if (rc <= 0)
        return rc;
    digest_reset(d);
    bool rejected = false;
    if (digest_whole(d, &rejected) < 0)
        return -1;
    if (!rejected)
        return 0;
    return digest_boundary(d);
}

int sg__lint_sql_text(const sg_catalog *catalog, const sg_lint_options *options, sg_lint_result *r)
{
    r->status = SG_LINT_STATUS_SQL;
    digest d;
    if (gather(r, &d) < 0)
        return -1;
    sg_lint_options opts = *options;
    opts.placeholders = text_placeholders(options, &d);
    for (size_t i = 0; i < d.count; i++) {
        if (d.trimmed[i].start != SIZE_MAX &&
            lint_statement(catalog, &opts, r, d.trimmed[i].start, d.trimmed[i].end) < 0)
            return -1;
    }
    const sg__lint_comment *comments = d.comments.items;
    sg__lint_comment none;
    return sg__lint_suppress(r, comments ? comments : &none, d.comments.count, d.code_line);
}
