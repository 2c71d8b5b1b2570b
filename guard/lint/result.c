/*
 * result.c - the record sg_lint_text() fills: the findings placed in the
 * text, and the lines they are on.
 *
 * Every stage of lint reports through sg__lint_add(), which turns a byte
 * offset into the line and character column an editor shows, so places are
 * computed once, the same way, for SQL statements, suppression comments and
 * operation files alike. While the call runs the record sees the text
 * through a window (window.c) and holds its line index; the lines findings
 * are on are kept while the window holds them (a part's, as the part is
 * linted), and when the call ends the result keeps only those, so that a
 * result costs its findings and not its text.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "util/text.h"

sg_lint_result *sg__lint_result_new(const sg__lint_source *src, size_t len)
{
    sg_lint_result *r = sg__malloc(sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    sg__arena_init(&r->arena);
    r->src = src;
    r->len = len;
    if (src->mem) {
        r->text = src->mem;
        r->win_len = len;
    }
    return r;
}

void sg_lint_result_free(sg_lint_result *r)
{
    if (!r)
        return;
    sg__free(r->texts);
    sg__free(r->line_starts);
    sg__free(r->win_buf);
    sg__free(r->findings.items);
    sg__free(atomic_load_explicit(&r->public_findings, memory_order_acquire));
    sg__free(r->kept.items);
    sg__free(r->kept_chars);
    sg__arena_release(&r->arena);
    sg__free(r);
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
static sg__lint_item *next_finding(sg_lint_result *r)
{
    if (!sg__lint_vec_reserve(&r->findings, sizeof(sg__lint_item), 1))
        return NULL;
    sg__lint_item *f = &((sg__lint_item *)r->findings.items)[r->findings.count];
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

sg__lint_item *sg__lint_add(sg_lint_result *r, const char *rule, sg_severity severity, long offset,
                            const char *fmt, ...)
{
    sg__lint_item *f = next_finding(r);
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
    f->severity = (uint8_t)severity;
    f->message = message;
    if (offset >= 0) {
        if ((size_t)offset > r->len)
            offset = (long)r->len;
        if (sg__lint_window(r, (size_t)offset, (size_t)offset) < 0) {
            r->findings.count--;
            return NULL;
        }
        long line, column;
        sg__lint_line_col(r, (size_t)offset, &line, &column);
        f->at = (uint32_t)offset + 1;
        f->line = (uint32_t)line;
        f->column = (uint32_t)column;
    }
    return f;
}

static int by_place(const void *a, const void *b)
{
    const sg__lint_item *x = a, *y = b;
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
 * line break, a carriage return before it, or the byte order mark; the
 * window holds the line. */
static void line_span(const sg_lint_result *r, long line, size_t *start, size_t *end)
{
    *start = r->line_starts[line - 1] + (line == 1 ? r->bom : 0);
    *end = (size_t)line < r->line_count ? r->line_starts[line] - 1 : r->len;
    if (*end > *start && *sg__lint_at(r, *end - 1) == '\r')
        (*end)--;
    if (*end < *start)
        *end = *start;
}

/* Keeps line `line` (1-based) of the text, reading it where the window does
 * not hold it. Returns -1 when memory ran out or the file could not be read. */
static int keep_line(sg_lint_result *r, long line)
{
    size_t at = r->line_starts[line - 1], start, end;
    if (sg__lint_window(r, at, at) < 0)
        return -1;
    line_span(r, line, &start, &end);
    size_t n = end - start;
    if (!sg__lint_vec_reserve(&r->kept, sizeof(sg__lint_kept_line), 1)) {
        r->failed = true;
        return -1;
    }
    if (n > r->kept_chars_cap - r->kept_bytes) {
        size_t cap = r->kept_chars_cap + r->kept_chars_cap / 2;
        if (cap < r->kept_bytes + n + 4096)
            cap = r->kept_bytes + n + 4096;
        char *grown = sg__realloc(r->kept_chars, cap);
        if (!grown) {
            r->failed = true;
            return -1;
        }
        r->kept_chars = grown;
        r->kept_chars_cap = cap;
    }
    if (n)
        memcpy(r->kept_chars + r->kept_bytes, sg__lint_at(r, start), n);
    ((sg__lint_kept_line *)r->kept.items)[r->kept.count++] =
        (sg__lint_kept_line){line, r->kept_bytes, n};
    r->kept_bytes += n;
    return 0;
}

static int by_line(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

static int kept_by_line(const void *a, const void *b)
{
    const sg__lint_kept_line *x = a, *y = b;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* The index of line `line` among the first `count` kept lines (sorted);
 * SIZE_MAX when it is not one of them. */
static size_t kept_index(const sg_lint_result *r, size_t count, long line)
{
    const sg__lint_kept_line *kept = r->kept.items;
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (kept[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < count && kept[lo].line == line ? lo : SIZE_MAX;
}

int sg__lint_keep_lines(sg_lint_result *r, size_t first)
{
    if (r->without_lines)
        return 0;
    const sg__lint_item *items = r->findings.items;
    size_t n = 0;
    for (size_t i = first; i < r->findings.count; i++)
        n += items[i].line > 0;
    if (n == 0)
        return 0;
    long *lines = sg__malloc(n * sizeof *lines);
    if (!lines) {
        r->failed = true;
        return -1;
    }
    n = 0;
    for (size_t i = first; i < r->findings.count; i++)
        if (items[i].line > 0)
            lines[n++] = items[i].line;
    qsort(lines, n, sizeof *lines, by_line);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        /* the part before may have kept a line this part shares with it */
        const sg__lint_kept_line *last =
            r->kept.count ? &((const sg__lint_kept_line *)r->kept.items)[r->kept.count - 1] : NULL;
        if ((i > 0 && lines[i] == lines[i - 1]) || (last && last->line == lines[i]))
            continue;
        rc = keep_line(r, lines[i]);
    }
    sg__free(lines);
    return rc;
}

/* Sorts the kept lines and drops repeats (their texts stay unused). */
static void sort_kept(sg_lint_result *r)
{
    sg__lint_kept_line *kept = r->kept.items;
    if (r->kept.count < 2)
        return;
    qsort(kept, r->kept.count, sizeof *kept, kept_by_line);
    size_t n = 1;
    for (size_t i = 1; i < r->kept.count; i++)
        if (kept[i].line != kept[n - 1].line)
            kept[n++] = kept[i];
    r->kept.count = n;
}

/* Keeps the lines of the (sorted) findings that are not kept yet: those
 * reported after their part was read (suppression comments, the file's own
 * findings). Returns -1 when memory ran out or the file could not be read. */
static int keep_the_rest(sg_lint_result *r)
{
    if (r->without_lines)
        return 0;
    sort_kept(r);
    size_t sorted = r->kept.count;
    const sg__lint_item *items = r->findings.items;
    for (size_t i = 0; i < r->findings.count; i++) {
        long line = items[i].line;
        if (line < 1 || (size_t)line > r->line_count ||
            (i > 0 && items[i - 1].line == items[i].line))
            continue;
        if (kept_index(r, sorted, line) == SIZE_MAX && keep_line(r, line) < 0)
            return -1;
    }
    if (r->kept.count > sorted)
        sort_kept(r);
    return 0;
}

int sg__lint_finish(sg_lint_result *r)
{
    if (r->findings.count > 1)
        qsort(r->findings.items, r->findings.count, sizeof(sg__lint_item), by_place);
    if (keep_the_rest(r) < 0)
        return -1;
    if (r->findings.capacity > r->findings.count && r->findings.count > 0) {
        /* give back the room the arrays grew into (each stays where it is
         * when it cannot shrink) */
        sg__lint_item *exact =
            sg__realloc(r->findings.items, r->findings.count * sizeof(sg__lint_item));
        if (exact) {
            r->findings.items = exact;
            r->findings.capacity = r->findings.count;
        }
    }
    if (r->kept_chars_cap > r->kept_bytes && r->kept_bytes > 0) {
        char *exact = sg__realloc(r->kept_chars, r->kept_bytes);
        if (exact) {
            r->kept_chars = exact;
            r->kept_chars_cap = r->kept_bytes;
        }
    }
    sg__free(r->line_starts);
    r->line_starts = NULL;
    r->line_count = r->line_cap = 0;
    sg__free(r->win_buf);
    r->win_buf = NULL;
    r->win_cap = 0;
    sg__free(r->texts);
    r->texts = NULL;
    r->text_slots = r->text_count = 0;
    r->text = NULL;
    r->src = NULL;
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

size_t sg_lint_result_memory(const sg_lint_result *r)
{
    if (!r)
        return 0;
    size_t n = sizeof *r + sg__arena_bytes(&r->arena) +
               r->findings.capacity * sizeof(sg__lint_item) +
               r->kept.capacity * sizeof(sg__lint_kept_line) + r->kept_chars_cap +
               r->text_slots * sizeof *r->texts + r->line_cap * sizeof *r->line_starts + r->win_cap;
    if (atomic_load_explicit(&r->public_findings, memory_order_acquire))
        n += r->findings.count * sizeof(sg_lint_finding);
    return n;
}

size_t sg_lint_result_finding_count(const sg_lint_result *r)
{
    return r ? r->findings.count : 0;
}

bool sg_lint_result_get_finding(const sg_lint_result *r, size_t index, sg_lint_finding *out)
{
    if (!r || !out || index >= r->findings.count)
        return false;
    const sg__lint_item *f = &SG__VEC_AT(r->findings, sg__lint_item, index);
    *out = (sg_lint_finding){
        .rule = f->rule,
        .severity = (sg_severity)f->severity,
        .message = f->message,
        .offset = f->at ? (long)f->at - 1 : -1,
        .line = f->line ? (long)f->line : -1,
        .column = f->column ? (long)f->column : -1,
        .suppressed = f->suppressed,
        .reason = f->reason,
    };
    return true;
}

const sg_lint_finding *sg_lint_result_finding(const sg_lint_result *r, size_t index)
{
    if (!r || index >= r->findings.count)
        return NULL;
    sg_lint_result *w = (sg_lint_result *)r;
    /* the public copies are made once, on first use, and published
     * atomically: concurrent readers find them or make the same ones */
    sg_lint_finding *have = atomic_load_explicit(&w->public_findings, memory_order_acquire);
    if (!have) {
        sg_lint_finding *mine = sg__malloc(r->findings.count * sizeof *mine);
        if (!mine)
            return NULL;
        for (size_t i = 0; i < r->findings.count; i++)
            sg_lint_result_get_finding(r, i, &mine[i]);
        if (atomic_compare_exchange_strong_explicit(&w->public_findings, &have, mine,
                                                    memory_order_acq_rel, memory_order_acquire))
            have = mine;
        else
            sg__free(mine);
    }
    return &have[index];
}

const char *sg_lint_result_line(const sg_lint_result *r, long line, size_t *len)
{
    if (len)
        *len = 0;
    if (!r || !len || r->src)
        return NULL;
    size_t i = kept_index(r, r->kept.count, line);
    if (i == SIZE_MAX)
        return NULL;
    const sg__lint_kept_line *kept = &((const sg__lint_kept_line *)r->kept.items)[i];
    *len = kept->len;
    return r->kept_chars + kept->at;
}
