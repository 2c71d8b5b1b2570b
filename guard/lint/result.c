/*
 * result.c - the record sg_lint_text() fills: the findings placed in the
 * text, and the lines they are on.
 *
 * Every stage of lint reports through sg__lint_add(), which turns a byte
 * offset into the line and character column an editor shows, so places are
 * computed once, the same way, for SQL statements, suppression comments and
 * operation files alike. While the call runs the record borrows the caller's
 * text and holds its line index; when it ends, it keeps only the lines that
 * findings are on, so that a result costs its findings and not its text.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "util/text.h"

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
    r->line_starts = sg__malloc(lines * sizeof *r->line_starts);
    if (!r->line_starts) {
        sg_lint_result_free(r);
        return NULL;
    }
    r->text = text;
    r->len = len;
    r->line_starts[r->line_count++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            r->line_starts[r->line_count++] = (uint32_t)(i + 1);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r->bom = 3;
    return r;
}

void sg_lint_result_free(sg_lint_result *r)
{
    if (!r)
        return;
    sg__free(r->texts);
    sg__free(r->line_starts);
    sg__free(r->findings.items);
    sg__free(r->kept);
    sg__arena_release(&r->arena);
    sg__free(r);
}

/* The index of the last line starting at or before `offset`, looked for
 * from line index `from` on (the caller's earlier answer, or 0). */
static size_t line_index(const sg_lint_result *r, size_t offset, size_t from)
{
    size_t lo = from < r->line_count && r->line_starts[from] <= offset ? from : 0;
    /* a nearby line is found by stepping, a far one by halving */
    for (int step = 0; step < 4; step++) {
        if (lo + 1 >= r->line_count || r->line_starts[lo + 1] > offset)
            return lo;
        lo++;
    }
    size_t hi = r->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

long sg__lint_line_from(const sg_lint_result *r, size_t offset, long hint)
{
    return (long)line_index(r, offset, hint > 0 ? (size_t)hint - 1 : 0) + 1;
}

void sg__lint_line_col(const sg_lint_result *r, size_t offset, long *line, long *column)
{
    size_t lo = line_index(r, offset, 0);
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

bool sg__lint_vec_reserve(sg__vec *v, size_t size, size_t more)
{
    if (v->capacity - v->count >= more)
        return true;
    if (more > SIZE_MAX / size - v->count)
        return false;
    size_t cap = v->count + more, extra = cap / 2 < 16 ? 16 : cap / 2;
    if (extra > SIZE_MAX / size - cap)
        extra = SIZE_MAX / size - cap;
    cap += extra;
    void *grown = sg__realloc(v->items, cap * size);
    if (!grown)
        return false;
    v->items = grown;
    v->capacity = cap;
    return true;
}

/* Room for one more finding, zeroed. */
static sg_lint_finding *next_finding(sg_lint_result *r)
{
    if (!sg__lint_vec_reserve(&r->findings, sizeof(sg_lint_finding), 1))
        return NULL;
    sg_lint_finding *f = &((sg_lint_finding *)r->findings.items)[r->findings.count];
    memset(f, 0, sizeof *f);
    return f;
}

/* Puts `t` (kept in the arena, hash `h`) in the set of kept texts; false
 * without memory. */
static bool text_set_put(sg_lint_result *r, const char *t, size_t h)
{
    if ((r->text_count + 1) * 2 > r->text_slots) {
        size_t slots = r->text_slots ? r->text_slots * 2 : 64;
        const char **grown =
            slots <= SIZE_MAX / sizeof *grown ? sg__malloc(slots * sizeof *grown) : NULL;
        if (!grown)
            return false;
        memset(grown, 0, slots * sizeof *grown);
        for (size_t i = 0; i < r->text_slots; i++) {
            const char *old = r->texts[i];
            if (!old)
                continue;
            size_t at = (size_t)sg__fnv1a(SG__FNV1A_INIT, old, strlen(old)) & (slots - 1);
            while (grown[at])
                at = (at + 1) & (slots - 1);
            grown[at] = old;
        }
        sg__free(r->texts);
        r->texts = grown;
        r->text_slots = slots;
    }
    size_t at = h & (r->text_slots - 1);
    while (r->texts[at])
        at = (at + 1) & (r->text_slots - 1);
    r->texts[at] = t;
    r->text_count++;
    return true;
}

/* The result's copy of `text` (n bytes), a message or a rule id: a file's
 * findings say the same things many times, and each is kept once. NULL
 * without memory. */
static const char *kept_text(sg_lint_result *r, const char *text, size_t n)
{
    size_t h = (size_t)sg__fnv1a(SG__FNV1A_INIT, text, n);
    if (r->text_slots) {
        for (size_t at = h & (r->text_slots - 1); r->texts[at]; at = (at + 1) & (r->text_slots - 1))
            if (strncmp(r->texts[at], text, n) == 0 && r->texts[at][n] == '\0')
                return r->texts[at];
    }
    char *copy = sg__arena_strndup(&r->arena, text, n);
    return copy && text_set_put(r, copy, h) ? copy : NULL;
}

/* The finding's message formatted as `fmt` says, kept once per text. */
static const char *message_format(sg_lint_result *r, const char *fmt, va_list ap)
{
    char small[512];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    if ((size_t)n < sizeof small)
        return kept_text(r, small, (size_t)n);
    char *big = sg__malloc((size_t)n + 1);
    if (!big)
        return NULL;
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    const char *kept = kept_text(r, big, (size_t)n);
    sg__free(big);
    return kept;
}

sg_lint_finding *sg__lint_add(sg_lint_result *r, const char *rule, sg_severity severity,
                              long offset, const char *fmt, ...)
{
    sg_lint_finding *f = next_finding(r);
    va_list ap;
    va_start(ap, fmt);
    const char *message = f ? message_format(r, fmt, ap) : NULL;
    va_end(ap);
    const char *rule_id = message ? kept_text(r, rule, strlen(rule)) : NULL;
    if (!rule_id) {
        r->failed = true;
        return NULL;
    }
    r->findings.count++;
    f->rule = rule_id;
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

/* Bytes [*start, *end) of line `line` (1-based) of the text, without its
 * line break, a carriage return before it, or the byte order mark. */
static void line_span(const sg_lint_result *r, long line, size_t *start, size_t *end)
{
    *start = r->line_starts[line - 1] + (line == 1 ? r->bom : 0);
    *end = (size_t)line < r->line_count ? r->line_starts[line] - 1 : r->len;
    if (*end > *start && r->text[*end - 1] == '\r')
        (*end)--;
    if (*end < *start)
        *end = *start;
}

/* Whether finding i of the sorted findings is the first on a line of the
 * text (in place order, a line's findings are next to each other). */
static bool first_on_line(const sg_lint_result *r, size_t i)
{
    const sg_lint_finding *items = r->findings.items;
    long line = items[i].line;
    return line >= 1 && (size_t)line <= r->line_count && (i == 0 || items[i - 1].line != line);
}

/* Keeps the lines the (sorted) findings are on in one block: the records,
 * then their texts. Returns -1 without memory. */
static int keep_lines(sg_lint_result *r)
{
    const sg_lint_finding *items = r->findings.items;
    size_t count = 0, bytes = 0, start, end;
    for (size_t i = 0; i < r->findings.count; i++) {
        if (!first_on_line(r, i))
            continue;
        line_span(r, items[i].line, &start, &end);
        count++;
        bytes += end - start;
    }
    if (count == 0)
        return 0;
    if (!(r->kept = sg__malloc(count * sizeof *r->kept + bytes)))
        return -1;
    char *to = (char *)(r->kept + count);
    for (size_t i = 0; i < r->findings.count; i++) {
        if (!first_on_line(r, i))
            continue;
        line_span(r, items[i].line, &start, &end);
        memcpy(to, r->text + start, end - start);
        r->kept[r->kept_count++] = (sg__lint_kept_line){items[i].line, to, end - start};
        to += end - start;
    }
    return 0;
}

int sg__lint_finish(sg_lint_result *r)
{
    if (r->findings.count > 1)
        qsort(r->findings.items, r->findings.count, sizeof(sg_lint_finding), by_place);
    if (keep_lines(r) < 0)
        return -1;
    if (r->findings.capacity > r->findings.count && r->findings.count > 0) {
        /* give back the room the array grew into (it stays where it is when
         * it cannot shrink) */
        sg_lint_finding *exact =
            sg__realloc(r->findings.items, r->findings.count * sizeof(sg_lint_finding));
        if (exact) {
            r->findings.items = exact;
            r->findings.capacity = r->findings.count;
        }
    }
    sg__free(r->line_starts);
    r->line_starts = NULL;
    sg__free(r->texts);
    r->texts = NULL;
    r->text_slots = r->text_count = 0;
    r->text = NULL;
    return 0;
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
    if (!r || !len)
        return NULL;
    const sg__lint_kept_line *kept = r->kept;
    size_t lo = 0, hi = r->kept_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (kept[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == r->kept_count || kept[lo].line != line)
        return NULL;
    *len = kept[lo].len;
    return kept[lo].text;
}
