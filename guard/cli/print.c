/*
 * print.c - findings as text for people: the place, the severity in colour
 * on a terminal, then the source line with a caret under the spot. `check`
 * and `lint` print through the same few functions, so both read alike.
 */
#include <string.h>

#include "print.h"

#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define YELLOW "\033[1;33m"
#define GREEN "\033[32m"
#define RESET "\033[0m"

const char *cli_severity_name(sg_severity severity)
{
    return severity == SG_SEVERITY_ERROR ? "error" : "warning";
}

const char *cli_plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* Writes n bytes of text from a file or a caller (a path, a message that
 * quotes it, a source line) for a terminal: a control character but the tab
 * becomes U+FFFD, one character as it was, so that an ESC in a linted file
 * cannot drive the terminal or a CI log; a line's final CR is left out. */
static void put_text(FILE *out, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 0x20 && c != 0x7f) || c == '\t')
            continue;
        fwrite(s + from, 1, i - from, out);
        if (!(c == '\r' && i + 1 == n))
            fputs(CLI_REPLACEMENT_CHAR, out);
        from = i + 1;
    }
    fwrite(s + from, 1, n - from, out);
}

void cli_print_finding(FILE *out, const char *path, long line, long column, sg_severity severity,
                       const char *rule, const char *message, bool color)
{
    const char *sev_color = severity == SG_SEVERITY_ERROR ? RED : YELLOW;
    fputs(color ? BOLD : "", out);
    put_text(out, path, strlen(path));
    if (line > 0)
        fprintf(out, ":%ld:%ld:%s ", line, column, color ? RESET : "");
    else
        fprintf(out, ":%s ", color ? RESET : "");
    fprintf(out, "%s%s%s [%s] ", color ? sev_color : "", cli_severity_name(severity),
            color ? RESET : "", rule);
    put_text(out, message, strlen(message));
    fputc('\n', out);
}

/* The byte offset in line[0, n) of its character `k` (1-based), or n,
 * looked for from byte `at`, the start of its character `col` (<= k). */
static size_t byte_of(const char *line, size_t n, size_t at, long col, long k)
{
    size_t i = at;
    for (; i < n; i++) {
        if (((unsigned char)line[i] & 0xC0) == 0x80)
            continue;
        if (col++ == k)
            return i;
    }
    return n;
}

/* The code point of the well-formed character at s (cli_utf8_char() bytes
 * of it), else -1. */
static long code_point(const char *s)
{
    size_t n = cli_utf8_char(s);
    if (n < 2)
        return -1;
    const unsigned char *p = (const unsigned char *)s;
    unsigned long cp = p[0] & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (size_t k = 1; k < n; k++)
        cp = (cp << 6) | (p[k] & 0x3Fu);
    return (long)cp;
}

/* The terminal cells a character takes: 0 for a combining mark, 2 for an
 * East Asian wide or fullwidth character or an emoji (the blocks where
 * terminals draw them two cells wide), 1 otherwise. */
static int cells(long cp)
{
    static const struct {
        long from, to;
        int cells;
    } ranges[] = {
        {0x0300, 0x036F, 0},   {0x0483, 0x0489, 0},   {0x0591, 0x05BD, 0},   {0x0610, 0x061A, 0},
        {0x064B, 0x065F, 0},   {0x1AB0, 0x1AFF, 0},   {0x1DC0, 0x1DFF, 0},   {0x200B, 0x200F, 0},
        {0x20D0, 0x20FF, 0},   {0xFE00, 0xFE0F, 0},   {0xFE20, 0xFE2F, 0},   {0x1100, 0x115F, 2},
        {0x2E80, 0x303E, 2},   {0x3041, 0x33FF, 2},   {0x3400, 0x4DBF, 2},   {0x4E00, 0x9FFF, 2},
        {0xA000, 0xA4CF, 2},   {0xAC00, 0xD7A3, 2},   {0xF900, 0xFAFF, 2},   {0xFE30, 0xFE4F, 2},
        {0xFF00, 0xFF60, 2},   {0xFFE0, 0xFFE6, 2},   {0x1F300, 0x1F64F, 2}, {0x1F900, 0x1F9FF, 2},
        {0x20000, 0x2FFFD, 2}, {0x30000, 0x3FFFD, 2},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i].from && cp <= ranges[i].to)
            return ranges[i].cells;
    return 1;
}

void cli_print_caret(FILE *out, const char *line, size_t n, long column, bool color,
                     cli_caret_cursor *cursor)
{
    /* A long line (a minified or generated file: thousands of statements on
     * one line) shows a window of it around the spot, cut ends marked. */
    enum { WINDOW = 160 };
    size_t from = 0, to = n;
    long first = 1;
    if (byte_of(line, n, 0, 1, WINDOW + 1) < n) {
        first = column > WINDOW / 2 ? column - WINDOW / 2 : 1;
        /* the window's start, found on from the last one on this line */
        bool on = cursor && cursor->line == line && cursor->len == n && cursor->column <= first;
        from = byte_of(line, n, on ? cursor->byte : 0, on ? cursor->column : 1, first);
        if (cursor && from < n)
            *cursor = (cli_caret_cursor){line, n, first, from};
        to = byte_of(line, n, from, first, first + WINDOW);
    }
    bool cut_left = from > 0, cut_right = to < n;
    fprintf(out, "    %s", cut_left ? "..." : "");
    put_text(out, line + from, to - from);
    fprintf(out, "%s\n    %s%s", cut_right ? "..." : "", color ? GREEN : "", cut_left ? "   " : "");
    /* As many spaces before the spot as the characters there take cells
     * (two for a wide one, none for a combining mark); tabs stay tabs so
     * that the caret lines up in a terminal. */
    long col = first;
    for (size_t i = from; i < to && col < column; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c & 0xC0) == 0x80)
            continue;
        int width = c < 0x80 ? 1 : cells(code_point(line + i));
        for (int k = 0; k < width; k++)
            fputc(c == '\t' ? '\t' : ' ', out);
        col++;
    }
    fprintf(out, "^%s\n", color ? RESET : "");
}

size_t cli_utf8_char(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned cp;
    size_t n;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        n = 1, cp = p[0] & 0x1Fu;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        n = 2, cp = p[0] & 0x0Fu;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        n = 3, cp = p[0] & 0x07u;
    else
        return 0;
    /* the terminating NUL is no continuation byte: the loop stops there */
    for (size_t k = 1; k <= n; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    /* overlong forms, surrogates and code points past U+10FFFF */
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n + 1;
}

const char *cli_line_of(const char *text, long line, size_t *n)
{
    const char *p = text;
    for (long l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    *n = p ? strcspn(p, "\n") : 0;
    return p;
}
