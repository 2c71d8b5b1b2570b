/*
 * result.c - the record sg_lint_text() fills: a copy of the text, its line
 * index, and the findings placed in it.
 *
 * Every stage of lint reports through sg__lint_add(), which turns a byte
 * offset into the line and character column an editor shows, so places are
 * computed once, the same way, for SQL statements, suppression comments and
 * operation files alike. The record owns everything in one arena.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"

sg_lint_result *sg__lint_result_new(const char *text, size_t len)
{
    sg_lint_result *r = sg__malloc(sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    sg__arena_init(&r->arena);
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    r->text = sg__arena_alloc_raw(&r->arena, len + 1);
    r->line_starts = sg__arena_alloc_raw(&r->arena, lines * sizeof *r->line_starts);
    if (!r->text || !r->line_starts) {
        sg_lint_result_free(r);
        return NULL;
    }
    if (len)
        memcpy(r->text, text, len);
    r->text[len] = '\0';
    r->len = len;
    r->line_starts[r->line_count++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            r->line_starts[r->line_count++] = i + 1;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r->bom = 3;
    return r;
}

void sg_lint_result_free(sg_lint_result *r)
{
    if (!r)
        return;
    sg__arena_release(&r->arena);
    sg__free(r);
}

void sg__lint_line_col(const sg_lint_result *r, size_t offset, long *line, long *column)
{
    /* the last line starting at or before offset */
    size_t lo = 0, hi = r->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    long col = 1;
    size_t from = r->line_starts[lo];
    if (lo == 0)
        from += r->bom; /* an editor does not show the byte order mark */
    for (size_t i = from; i < offset && i < r->len; i++)
        if (((unsigned char)r->text[i] & 0xC0) != 0x80)
            col++;
    *line = (long)lo + 1;
    *column = col;
}

sg_lint_finding *sg__lint_add(sg_lint_result *r, const char *rule, sg_severity severity,
                              long offset, const char *fmt, ...)
{
    sg_lint_finding *f = sg__vec_push(&r->arena, &r->findings, sizeof *f);
    va_list ap;
    va_start(ap, fmt);
    char *message = f ? sg__arena_vprintf(&r->arena, fmt, ap) : NULL;
    va_end(ap);
    const char *rule_copy = message ? sg__arena_strdup(&r->arena, rule) : NULL;
    if (!rule_copy) {
        if (f)
            r->findings.count--;
        r->failed = true;
        return NULL;
    }
    f->rule = rule_copy;
    f->severity = severity;
    f->message = message;
    f->offset = f->line = f->column = -1;
    if (offset >= 0) {
        if ((size_t)offset > r->len)
            offset = (long)r->len;
        f->offset = offset;
        sg__lint_line_col(r, (size_t)offset, &f->line, &f->column);
    }
    return f;
}

static int by_place(const void *a, const void *b)
{
    const sg_lint_finding *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    int c = strcmp(x->rule, y->rule);
    if (c)
        return c;
    if (x->suppressed != y->suppressed)
        return x->suppressed ? 1 : -1;
    return strcmp(x->message, y->message);
}

void sg__lint_sort(sg_lint_result *r)
{
    if (r->findings.count > 1)
        qsort(r->findings.items, r->findings.count, sizeof(sg_lint_finding), by_place);
}

sg_lint_status sg_lint_result_status(const sg_lint_result *r)
{
    return r ? r->status : SG_LINT_STATUS_UNREADABLE;
}

size_t sg_lint_result_statement_count(const sg_lint_result *r)
{
    return r ? r->statements : 0;
}

size_t sg_lint_result_finding_count(const sg_lint_result *r)
{
    return r ? r->findings.count : 0;
}

const sg_lint_finding *sg_lint_result_finding(const sg_lint_result *r, size_t index)
{
    if (!r || index >= r->findings.count)
        return NULL;
    return &SG__VEC_AT(r->findings, sg_lint_finding, index);
}

const char *sg_lint_result_line(const sg_lint_result *r, long line, size_t *len)
{
    if (len)
        *len = 0;
    if (!r || !len || line < 1 || (size_t)line > r->line_count)
        return NULL;
    size_t start = r->line_starts[line - 1] + (line == 1 ? r->bom : 0);
    size_t end = (size_t)line < r->line_count ? r->line_starts[line] - 1 : r->len;
    if (end > start && r->text[end - 1] == '\r')
        end--;
    *len = end > start ? end - start : 0;
    return r->text + start;
}
