/*
 * sql.c - SQL text linted statement by statement.
 *
 * Statements are cut by PostgreSQL's parser or, where the text does not
 * parse, by a boundary scan that isolates each statement, so that one bad
 * statement reports sql.syntax at its place and the others are still linted.
 * The text is read in parts of about 32 KB, each ending where the boundary
 * scan ends a statement, so that memory follows a part and not the file.
 * Statements are trimmed to their first and last token, so the comments
 * between statements belong to no statement. Each is linted with
 * sg_lint_sql(), in the placeholder style of the whole file (the caller's,
 * the policy's, or what the file writes: placeholders.c), and its findings
 * are placed in the text. The scanner's comment tokens (the boundary scan's,
 * where the scanner rejects a part) then feed the suppression comments
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

/* Shifts tokens of a part of the text to the whole text. */
static void shift_tokens(sg__sql_token *tokens, size_t count, size_t by)
{
    for (size_t i = 0; i < count; i++) {
        tokens[i].start += by;
        tokens[i].end += by;
    }
}

static void shift_spans(sg__span *spans, size_t count, size_t by)
{
    for (size_t i = 0; i < count; i++) {
        spans[i].start += by;
        spans[i].end += by;
    }
}

/*
 * What the statements and tokens of the text tell lint, gathered part by
 * part so that neither the parse of the whole text nor its tokens are ever
 * held at once (they take many times the text's size): each statement
 * trimmed to its tokens, the comments, the lines that hold SQL, and whether
 * a psycopg placeholder stands in code. All of it lives in `scratch`, which
 * the caller releases when the statements are linted.
 */
typedef struct digest {
    sg_lint_result *r;
    sg__arena *scratch;
    sg__vec trimmed;  /* sg__span per statement, start SIZE_MAX when it holds no token
                       * (items from sg__lint_vec_reserve: no smaller copies left behind) */
    sg__vec comments; /* sg__lint_comment */
    bool *code_line;  /* index 1..line_count */
    bool psycopg;
} digest;

/* Gathers a part's statements and tokens (offsets in the whole text); the
 * part is text[from, to). */
static int digest_tokens(digest *d, const sg__span *stmts, size_t nstmts,
                         const sg__sql_token *tokens, size_t ntokens, size_t from, size_t to)
{
    sg_lint_result *r = d->r;
    if (!sg__lint_vec_reserve(&d->trimmed, sizeof(sg__span), nstmts))
        return -1;
    for (size_t i = 0; i < nstmts; i++) {
        sg__span *t = &((sg__span *)d->trimmed.items)[d->trimmed.count++];
        size_t start = stmts[i].start, end = stmts[i].end;
        if (!trim_to_tokens(tokens, ntokens, &start, &end))
            start = SIZE_MAX;
        *t = (sg__span){start, end};
    }
    long line = 0;
    for (size_t i = 0; i < ntokens; i++) {
        const sg__sql_token *t = &tokens[i];
        if (t->comment) {
            /* only a suppression comment is kept: a file may hold many others */
            sg__lint_comment c = {t->start, t->end, r->text[t->start] == '/'};
            if (!sg__lint_directive_comment(r->text, &c))
                continue;
            sg__lint_comment *kept = sg__vec_push(d->scratch, &d->comments, sizeof *kept);
            if (!kept)
                return -1;
            *kept = c;
            continue;
        }
        /* tokens come in text order: each line is found from the last */
        long l1 = sg__lint_line_from(r, t->start, line);
        line = sg__lint_line_from(r, t->end > t->start ? t->end - 1 : t->start, l1);
        for (long l = l1; l <= line; l++)
            d->code_line[l] = true;
    }
    if (!d->psycopg)
        d->psycopg = sg__lint_psycopg_between(r->text, r->len, from, to, tokens, ntokens);
    return 0;
}

/* Text cut in parts of at least about this many bytes, each ending with a
 * statement's semicolon. */
#define PART_BYTES ((size_t)32 << 10)

/*
 * Cuts and scans the part sql[from, to) on its own, and gathers it; `last`
 * when it runs to the end of the text. A part that ends with a semicolon
 * token, in text the scanner reads to its end without error, lexes as the
 * same tokens as in the whole text (a semicolon is never part of a longer
 * token outside quotes and comments, and after it the scanner is in its
 * initial state), and where it parses, the parser cuts it as it cuts the
 * whole text. A part that does not prove that, or that the parser or the
 * scanner rejects at its very end, may be a cut through a longer statement
 * (a BEGIN ATOMIC body the boundary scan misread): *extend asks for a longer
 * part, and nothing is gathered. Where the text is wrong inside the part, the
 * boundary scan cuts it (and, where the scanner rejects it, gives its
 * tokens), so that the bad statement reports sql.syntax at its place and the
 * others are linted. Returns 0, or -1 without memory.
 */
static int digest_part(digest *d, const char *sql, size_t from, size_t to, bool last, bool *extend)
{
    size_t n = to - from;
    sg__arena part;
    sg__arena_init(&part);
    char *buf = sg__arena_alloc_raw(&part, n + 1);
    if (!buf) {
        sg__arena_release(&part);
        return -1;
    }
    memcpy(buf, sql + from, n);
    buf[n] = '\0'; /* bad_text() turned away text holding a NUL byte */
    sg__span *stmts = NULL;
    sg__sql_token *tokens = NULL;
    size_t nstmts = 0, ntokens = 0;
    bool split_end = false, scan_end = false;
    int split = sg__sql_split_part(&part, buf, n, &stmts, &nstmts, &split_end);
    int scan = split < 0 ? -1 : sg__sql_scan_part(&part, buf, n, &tokens, &ntokens, &scan_end);
    int rc = scan < 0 ? -1 : 0;
    *extend = false;
    if (rc == 0 && !last) {
        bool ends_with_semicolon = scan == 0 && ntokens > 0 && !tokens[ntokens - 1].comment &&
                                   tokens[ntokens - 1].start + 1 == n &&
                                   tokens[ntokens - 1].end == n && buf[n - 1] == ';';
        *extend = (scan == 0 && !ends_with_semicolon) || (scan == 1 && scan_end) ||
                  (split == 1 && split_end);
    }
    if (rc == 0 && !*extend) {
        if (scan == 1)
            rc = sg__sql_split_fallback(&part, buf, n, &stmts, &nstmts, &tokens, &ntokens);
        else if (split == 1)
            rc = sg__sql_split_fallback(&part, buf, n, &stmts, &nstmts, NULL, NULL);
    }
    if (rc == 0 && !*extend) {
        size_t by = d->r->bom + from;
        shift_spans(stmts, nstmts, by);
        shift_tokens(tokens, ntokens, by);
        rc = digest_tokens(d, stmts, nstmts, tokens, ntokens, by, by + n);
    }
    sg__arena_release(&part);
    return rc;
}

/*
 * The statements and tokens of the text, part by part. The parts end where
 * the boundary scan ends a statement, once at least PART_BYTES long, so the
 * parser and the scanner only ever hold one part; a part that asks to be
 * longer is read again twice as long.
 */
static int gather(sg_lint_result *r, digest *d)
{
    const char *sql = r->text + r->bom;
    size_t len = r->len - r->bom;
    d->code_line = sg__arena_alloc(d->scratch, r->line_count + 2);
    if (!d->code_line)
        return -1;
    for (size_t from = 0, to; from < len; from = to) {
        size_t want = PART_BYTES;
        for (;;) {
            to = from + sg__sql_next_cut(sql + from, len - from, want);
            bool extend;
            if (digest_part(d, sql, from, to, to == len, &extend) < 0)
                return -1;
            if (!extend)
                break;
            want = 2 * (to - from);
        }
    }
    return 0;
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

int sg__lint_sql_text(const sg_catalog *catalog, const sg_lint_options *options, sg_lint_result *r)
{
    r->status = SG_LINT_STATUS_SQL;
    sg__arena scratch;
    sg__arena_init(&scratch);
    digest d = {.r = r, .scratch = &scratch};
    int rc = gather(r, &d);
    sg_lint_options opts = *options;
    opts.placeholders = text_placeholders(options, &d);
    const sg__span *trimmed = d.trimmed.items;
    for (size_t i = 0; rc == 0 && i < d.trimmed.count; i++)
        if (trimmed[i].start != SIZE_MAX)
            rc = lint_statement(catalog, &opts, r, trimmed[i].start, trimmed[i].end);
    if (rc == 0) {
        const sg__lint_comment *comments = d.comments.items;
        sg__lint_comment none;
        rc = sg__lint_suppress(r, comments ? comments : &none, d.comments.count, d.code_line);
    }
    sg__free(d.trimmed.items);
    sg__arena_release(&scratch);
    return rc;
}
