/*
 * window.c - the text lint reads, seen through a window of whole lines.
 *
 * Text in the caller's memory is one window, the whole text. A file is read
 * once from start to end in blocks (sg__lint_index: the line index, the byte
 * order mark, whether it is UTF-8 text), then again part by part where lint
 * needs it (sg__lint_window), so that a linted file costs a part of it and
 * not its size. A file that changes while it is linted is noticed, not
 * trusted: each part read again must hold its lines' breaks where the index
 * has them, and no NUL byte or broken UTF-8 where the first read found none;
 * otherwise the call fails with SG_EIO.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/lint.h"
#include "util/text.h"

/* A file's text is indexed in blocks of this many bytes. */
#define BLOCK_BYTES ((size_t)64 << 10)

/* Reads n bytes at `at` of the file; -1 (r->io_errno) when it cannot, or
 * when the file is now shorter. */
static int read_at(sg_lint_result *r, size_t at, char *buf, size_t n)
{
    while (n > 0) {
        ssize_t got = pread(r->src->fd, buf, n, (off_t)at);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            r->io_errno = got < 0 ? errno : -1;
            return -1;
        }
        buf += got;
        at += (size_t)got;
        n -= (size_t)got;
    }
    return 0;
}

static bool push_line(sg_lint_result *r, size_t start)
{
    if (r->line_count == r->line_cap) {
        size_t cap = r->line_cap ? r->line_cap * 2 : 1024;
        uint32_t *grown = sg__realloc(r->line_starts, cap * sizeof *grown);
        if (!grown) {
            r->failed = true;
            return false;
        }
        r->line_starts = grown;
        r->line_cap = cap;
    }
    r->line_starts[r->line_count++] = (uint32_t)start;
    return true;
}

/* The bytes of block s[0, n) up to the last character that ends in it: a
 * block cut inside a UTF-8 sequence leaves the sequence to the next. */
static size_t whole_chars(const char *s, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned char c = (unsigned char)s[n - k];
        if ((c & 0xC0) == 0x80)
            continue; /* a continuation byte: look further back */
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > k ? n - k : n;
    }
    return n;
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

/* The characters (UTF-8 sequences begun) among bytes [from, to) of the
 * window. */
static long chars_between(const sg_lint_result *r, size_t from, size_t to)
{
    long n = 0;
    const unsigned char *p = (const unsigned char *)sg__lint_at(r, from);
    for (size_t i = 0; i < to - from; i++)
        n += (p[i] & 0xC0) != 0x80;
    return n;
}

void sg__lint_line_col(sg_lint_result *r, size_t offset, long *line, long *column)
{
    size_t lo = line_index(r, offset, r->col_column ? r->col_line : 0);
    size_t from = r->line_starts[lo];
    if (lo == 0)
        from += r->bom; /* an editor does not show the byte order mark */
    if (from < r->win_from)
        from = r->win_from;
    if (offset > sg__lint_window_end(r))
        offset = sg__lint_window_end(r); /* not met: callers load the line first */
    if (offset < from)
        offset = from;
    long col;
    if (r->col_column && r->col_line == lo && r->col_offset >= from) {
        /* on the line of the last place: count from there, either way */
        col = offset >= r->col_offset ? r->col_column + chars_between(r, r->col_offset, offset)
                                      : r->col_column - chars_between(r, offset, r->col_offset);
    } else {
        col = 1 + chars_between(r, from, offset);
    }
    r->col_line = lo;
    r->col_offset = offset;
    r->col_column = col;
    *line = (long)lo + 1;
    *column = col;
}

int sg__lint_index(sg_lint_result *r, size_t *bad)
{
    *bad = SIZE_MAX;
    if (!push_line(r, 0))
        return -1;
    char *block = NULL;
    if (!r->src->mem && r->len > 0 && !(block = sg__malloc(BLOCK_BYTES))) {
        r->failed = true;
        return -1;
    }
    int rc = 0;
    for (size_t at = 0; at < r->len;) {
        size_t n = r->len - at;
        const char *s = r->src->mem ? r->src->mem + at : block;
        if (!r->src->mem) {
            n = n < BLOCK_BYTES ? n : BLOCK_BYTES;
            if (read_at(r, at, block, n) < 0) {
                rc = -1;
                break;
            }
        }
        size_t use = at + n < r->len ? whole_chars(s, n) : n;
        for (const char *p = s, *end = s + use; (p = memchr(p, '\n', (size_t)(end - p))); p++)
            if (!push_line(r, at + (size_t)(p - s) + 1)) {
                rc = -1;
                break;
            }
        size_t b;
        if (rc == 0 && *bad == SIZE_MAX && !sg__utf8_valid(s, use, &b))
            *bad = at + b;
        if (rc < 0)
            break;
        if (at == 0 && use >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            r->bom = 3;
        at += use;
    }
    sg__free(block);
    struct stat st;
    if (rc == 0 && !r->src->mem && (fstat(r->src->fd, &st) != 0 || (size_t)st.st_size != r->len)) {
        r->io_errno = -1; /* it grew (or shrank) while it was read */
        rc = -1;
    }
    r->clean = rc == 0 && *bad == SIZE_MAX;
    return rc;
}

/* The 0-based index of the line holding byte `offset`. */
static size_t line_of(const sg_lint_result *r, size_t offset)
{
    return (size_t)sg__lint_line_from(r, offset, 0) - 1;
}

/* Whether buf (n bytes read at `at`, lines first.. of the index) is still
 * the text the index was built from: its line breaks where the index has
 * them and, in clean text, no NUL byte nor broken UTF-8. */
static bool same_text(const sg_lint_result *r, const char *buf, size_t at, size_t n, size_t first)
{
    size_t next = first + 1;
    for (const char *p = buf, *end = buf + n; (p = memchr(p, '\n', (size_t)(end - p))); p++) {
        if (next >= r->line_count || r->line_starts[next] != at + (size_t)(p - buf) + 1)
            return false;
        next++;
    }
    /* every line break the index has in [at, at + n) was found */
    if (next < r->line_count && r->line_starts[next] < at + n)
        return false;
    return !r->clean || sg__utf8_valid(buf, n, NULL);
}

int sg__lint_window(sg_lint_result *r, size_t from, size_t to)
{
    if (r->src->mem)
        return 0; /* the window is the whole text */
    if (from > r->len)
        from = r->len;
    if (to > r->len)
        to = r->len;
    size_t first = line_of(r, from), last = to > from ? line_of(r, to - 1) : first;
    size_t a = r->line_starts[first];
    size_t b = last + 1 < r->line_count ? r->line_starts[last + 1] : r->len;
    if (r->text && a >= r->win_from && b <= sg__lint_window_end(r))
        return 0;
    if (b - a + 1 > r->win_cap) {
        size_t cap = b - a + 1 > 2 * r->win_cap ? b - a + 1 : 2 * r->win_cap;
        char *grown = sg__malloc(cap);
        if (!grown) {
            r->failed = true;
            return -1;
        }
        sg__free(r->win_buf);
        r->win_buf = grown;
        r->win_cap = cap;
    }
    r->text = NULL; /* the old window is gone whatever comes */
    if (read_at(r, a, r->win_buf, b - a) < 0)
        return -1;
    if (!same_text(r, r->win_buf, a, b - a, first)) {
        r->io_errno = -1;
        return -1;
    }
    r->win_buf[b - a] = '\0';
    r->text = r->win_buf;
    r->win_from = a;
    r->win_len = b - a;
    return 0;
}
