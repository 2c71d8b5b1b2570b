/*
 * text.c - UTF-8 validation and line/column arithmetic on the caller's SQL.
 *
 * Locations are byte offsets internally; users see 1-based lines and
 * 1-based columns counted in characters, as editors show them.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"

/* True when none of the 8 bytes at p is zero or has its high bit set. */
static bool ascii8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    const uint64_t lo = 0x0101010101010101u, hi = 0x8080808080808080u;
    return ((w | ((w - lo) & ~w)) & hi) == 0;
}

size_t sg__utf8_sequence(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    size_t n;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (avail <= n)
        return 0;
    for (size_t k = 1; k <= n; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    /* overlong forms, surrogates and code points past U+10FFFF */
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n + 1;
}

bool sg__utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* most text is ASCII: take it eight bytes at a time */
        if (len - i >= 8 && ascii8(p + i)) {
            i += 8;
            continue;
        }
        unsigned char c = p[i];
        size_t n = c == 0 ? 0 : c < 0x80 ? 1 : sg__utf8_sequence(p + i, len - i);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

void sg__line_col(const char *s, size_t len, size_t offset, long *line, long *column)
{
    *line = *column = 1;
    sg__line_col_advance(s, 0, offset > len ? len : offset, line, column);
}

void sg__line_col_advance(const char *s, size_t from, size_t offset, long *line, long *column)
{
    long l = *line, c = *column;
    for (size_t i = from; i < offset; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

void sg__strbuf_put_identifier(sg__strbuf *b, const char *name)
{
    sg__strbuf_put(b, "\"", 1);
    for (const char *run = name, *q; *run; run = q + 1) {
        q = strchr(run, '"');
        if (!q) {
            sg__strbuf_puts(b, run);
            break;
        }
        sg__strbuf_put(b, run, (size_t)(q - run) + 1);
        sg__strbuf_put(b, "\"", 1); /* a double quote is written twice */
    }
    sg__strbuf_put(b, "\"", 1);
}

const char *sg__quoted(sg__arena *arena, const char *value)
{
    sg__strbuf b = SG__STRBUF_INIT(arena);
    sg__strbuf_put(&b, "\"", 1);
    size_t chars = 0;
    const unsigned char *p = (const unsigned char *)value;
    for (; *p && chars < SG__QUOTED_MAX; p++) {
        chars += (*p & 0xC0) != 0x80; /* a character's first byte */
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            sg__strbuf_put(&b, esc, 2);
        } else if (*p < 0x20 || *p == 0x7F) {
            char esc[8];
            int n = *p == '\n'   ? snprintf(esc, sizeof esc, "\\n")
                    : *p == '\t' ? snprintf(esc, sizeof esc, "\\t")
                                 : snprintf(esc, sizeof esc, "\\u%04x", *p);
            sg__strbuf_put(&b, esc, (size_t)n);
        } else {
            sg__strbuf_put(&b, (const char *)p, 1);
        }
    }
    /* the rest of the character cut at */
    while (*p && (*p & 0xC0) == 0x80)
        sg__strbuf_put(&b, (const char *)p++, 1);
    sg__strbuf_put(&b, "\"", 1);
    if (*p) {
        size_t total = chars;
        for (; *p; p++)
            total += (*p & 0xC0) != 0x80;
        char more[64];
        int n = snprintf(more, sizeof more, "... (%zu characters)", total);
        sg__strbuf_put(&b, more, (size_t)n);
    }
    return b.failed ? NULL : b.data;
}
