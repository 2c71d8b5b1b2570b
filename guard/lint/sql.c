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

/* Shifts spans of the text after the byte order mark to the whole text. */
static void shift_tokens(sg__sql_token *tokens, size_t count, size_t by)
{
    for (size_t i = 0; i < count; i++) {
        tokens[i].start += by;
        tokens[i].end += by;
    }
}

/* The placeholder style of the whole text, for each of its statements: the
 * caller's, else the policy's, else what the text writes (AUTO). */
static sg_lint_placeholders text_placeholders(const sg_lint_options *options,
                                              const sg_lint_result *r, const sg__sql_token *tokens,
                                              size_t ntokens)
{
    sg_lint_placeholders style = options->placeholders;
    if (style == SG_LINT_PLACEHOLDERS_DEFAULT)
        style = sg__policy_lint_placeholders(options->policy);
    if (style == SG_LINT_PLACEHOLDERS_DEFAULT || style == SG_LINT_PLACEHOLDERS_AUTO)
        style = sg__lint_detect_placeholders(r->text, r->len, tokens, ntokens);
    return style;
}

/* The statements, linted one by one. *tokens is NULL when the scanner
 * rejected the text; the boundary scan's tokens then stand in for its. */
static int lint_statements(const sg_catalog *catalog, const sg_lint_options *options,
                           sg_lint_result *r, sg__sql_token **tokens, size_t *ntokens)
{
    const char *sql = r->text + r->bom;
    size_t sql_len = r->len - r->bom;
    sg__span *stmts = NULL;
    size_t count = 0;
    int rc = *tokens ? sg__sql_split(&r->arena, sql, sql_len, &stmts, &count) : 1;
    if (rc < 0)
        return -1;
    if (rc > 0) {
        /* The text does not parse: cut it where statements surely end, so
         * that the statement that does not parse reports sql.syntax at its
         * place and the others are linted all the same. */
        sg__sql_token *cut_tokens = NULL;
        size_t ncut = 0;
        if (sg__sql_split_fallback(&r->arena, sql, sql_len, &stmts, &count, &cut_tokens, &ncut) < 0)
            return -1;
        if (!*tokens) {
            shift_tokens(cut_tokens, ncut, r->bom);
            *tokens = cut_tokens;
            *ntokens = ncut;
        }
    }
    sg_lint_options opts = *options;
    opts.placeholders = text_placeholders(options, r, *tokens, *ntokens);
    for (size_t i = 0; i < count; i++) {
        size_t start = r->bom + stmts[i].start, end = r->bom + stmts[i].end;
        if (trim_to_tokens(*tokens, *ntokens, &start, &end) &&
            lint_statement(catalog, &opts, r, start, end) < 0)
            return -1;
    }
    return 0;
}

/* The comments, and the lines that hold SQL, for the suppression comments. */
static int apply_suppressions(sg_lint_result *r, const sg__sql_token *tokens, size_t ntokens)
{
    sg__lint_comment *comments = sg__arena_alloc(&r->arena, (ntokens + 1) * sizeof *comments);
    bool *code_line = sg__arena_alloc(&r->arena, r->line_count + 2);
    if (!comments || !code_line)
        return -1;
    size_t ncomments = 0;
    for (size_t i = 0; i < ntokens; i++) {
        const sg__sql_token *t = &tokens[i];
        if (t->comment) {
            comments[ncomments].start = t->start;
            comments[ncomments].end = t->end;
            comments[ncomments].c_style = r->text[t->start] == '/';
            ncomments++;
            continue;
        }
        long l1, l2, col;
        sg__lint_line_col(r, t->start, &l1, &col);
        sg__lint_line_col(r, t->end > t->start ? t->end - 1 : t->start, &l2, &col);
        for (long l = l1; l <= l2; l++)
            code_line[l] = true;
    }
    return sg__lint_suppress(r, comments, ncomments, code_line);
}

int sg__lint_sql_text(const sg_catalog *catalog, const sg_lint_options *options, sg_lint_result *r)
{
    r->status = SG_LINT_STATUS_SQL;
    sg__sql_token *tokens = NULL;
    size_t ntokens = 0;
    int rc = sg__sql_scan(&r->arena, r->text + r->bom, r->len - r->bom, &tokens, &ntokens);
    if (rc < 0)
        return -1;
    shift_tokens(tokens, ntokens, r->bom);
    if (lint_statements(catalog, options, r, &tokens, &ntokens) < 0)
        return -1;
    return apply_suppressions(r, tokens, ntokens);
}
