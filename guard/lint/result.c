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
    sg__free(r->messages);
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

/* The result's copy of rule id `rule`, made once per rule; NULL without memory. */
static const char *rule_copy(sg_lint_result *r, const char *rule)
{
    const char **rules = r->rules.items;
    if (r->last_rule < r->rules.count && strcmp(rules[r->last_rule], rule) == 0)
        return rules[r->last_rule];
    for (size_t i = 0; i < r->rules.count; i++) {
        if (strcmp(rules[i], rule) == 0) {
            r->last_rule = i;
            return rules[i];
        }
    }
    const char **slot = sg__vec_push(&r->arena, &r->rules, sizeof *slot);
    const char *copy = slot ? sg__arena_strdup(&r->arena, rule) : NULL;
    if (!copy) {
        if (slot)
            r->rules.count--;
        return NULL;
    }
    *slot = copy;
    r->last_rule = r->rules.count - 1;
    return copy;
}

/* Room for one more finding: the array grows in place where it can (a
 * vector in the arena would leave each smaller copy behind). */
static sg_lint_finding *next_finding(sg_lint_result *r)
{
    if (r->findings.count == r->findings.capacity) {
        size_t cap = r->findings.capacity ? r->findings.capacity + r->findings.capacity / 2 : 16;
        if (cap > SIZE_MAX / sizeof(sg_lint_finding))
            return NULL;
        sg_lint_finding *grown = sg__realloc(r->findings.items, cap * sizeof *grown);
        if (!grown)
            return NULL;
        r->findings.items = grown;
        r->findings.capacity = cap;
    }
    sg_lint_finding *f = &((sg_lint_finding *)r->findings.items)[r->findings.count];
    memset(f, 0, sizeof *f);
    return f;
}

static size_t message_hash(const char *s, size_t n)
{
    return (size_t)sg__fnv1a(SG__FNV1A_INIT, s, n);
}

/* Puts `m` (kept in the arena) in the set of messages; false without memory. */
static bool message_set_put(sg_lint_result *r, const char *m)
{
    if ((r->message_count + 1) * 2 > r->message_slots) {
        size_t slots = r->message_slots ? r->message_slots * 2 : 64;
        const char **grown =
            slots <= SIZE_MAX / sizeof *grown ? sg__malloc(slots * sizeof *grown) : NULL;
        if (!grown)
            return false;
        memset(grown, 0, slots * sizeof *grown);
        for (size_t i = 0; i < r->message_slots; i++) {
            const char *old = r->messages[i];
            if (!old)
                continue;
            size_t at = message_hash(old, strlen(old)) & (slots - 1);
            while (grown[at])
                at = (at + 1) & (slots - 1);
            grown[at] = old;
        }
        sg__free(r->messages);
        r->messages = grown;
        r->message_slots = slots;
    }
    size_t at = message_hash(m, strlen(m)) & (r->message_slots - 1);
    while (r->messages[at])
        at = (at + 1) & (r->message_slots - 1);
    r->messages[at] = m;
    r->message_count++;
    return true;
}

/* The result's copy of `text` (n bytes): a file's findings often say the same
 * thing many times, and each text is kept once. NULL without memory. */
static const char *message_copy(sg_lint_result *r, const char *text, size_t n)
{
    if (r->message_slots) {
        size_t at = message_hash(text, n) & (r->message_slots - 1);
        for (const char *m; (m = r->messages[at]); at = (at + 1) & (r->message_slots - 1))
            if (strncmp(m, text, n) == 0 && m[n] == '\0')
                return m;
    }
    char *copy = sg__arena_strndup(&r->arena, text, n);
    return copy && message_set_put(r, copy) ? copy : NULL;
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
        return message_copy(r, small, (size_t)n);
    char *big = sg__malloc((size_t)n + 1);
    if (!big)
        return NULL;
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    const char *kept = message_copy(r, big, (size_t)n);
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
    const char *rule_id = message ? rule_copy(r, rule) : NULL;
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

/* Keeps the lines the (sorted) findings are on in one block: the records,
 * then their texts. Returns -1 without memory. */
static int keep_lines(sg_lint_result *r)
{
    const sg_lint_finding *items = r->findings.items;
    size_t n = r->findings.count, count = 0, bytes = 0;
    for (int pass = 0; pass < 2; pass++) {
        char *to = r->kept ? (char *)(r->kept + count) : NULL;
        size_t k = 0;
        /* in place order, a line's findings are next to each other */
        for (size_t i = 0; i < n; i++) {
            long line = items[i].line;
            if (line < 1 || (size_t)line > r->line_count || (i > 0 && items[i - 1].line == line))
                continue;
            size_t start, end;
            line_span(r, line, &start, &end);
            if (pass == 0) {
                count++;
                bytes += end - start;
                continue;
            }
            memcpy(to, r->text + start, end - start);
            r->kept[k++] = (sg__lint_kept_line){line, to, end - start};
            to += end - start;
        }
        if (pass == 0) {
            if (count == 0)
                return 0;
            r->kept = sg__malloc(count * sizeof *r->kept + bytes);
            if (!r->kept)
                return -1;
        }
    }
    r->kept_count = count;
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
    sg__free(r->messages);
    r->messages = NULL;
    r->message_slots = r->message_count = 0;
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
