/*
 * jsonprint.c - JSON documents indented for reading and diffing.
 *
 * cJSON's own formatting indents with tabs and puts a tab after every colon;
 * reports read better (and diff better) with two spaces, so the compact text
 * is re-indented here, outside string literals.
 */
#define _DEFAULT_SOURCE /* fwrite_unlocked: a report is written by one thread */
#include <stdbool.h>
#include <string.h>

#include "jsonprint.h"
#include "print.h"

static void indent(FILE *out, int depth)
{
    static const char spaces[] = "                                                                ";
    putc_unlocked('\n', out);
    for (size_t n = 2 * (size_t)(depth > 0 ? depth : 0); n > 0;) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        fwrite_unlocked(spaces, 1, k, out);
        n -= k;
    }
}

void cli_json_indent(FILE *out, int depth)
{
    indent(out, depth);
}

void cli_json_long(FILE *out, long value)
{
    char digits[24];
    size_t n = 0;
    /* negated in unsigned arithmetic: LONG_MIN has no positive long */
    unsigned long u = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (value < 0)
        putc_unlocked('-', out);
    while (n)
        putc_unlocked(digits[--n], out);
}

/* Writes the non-ASCII character at `p` (its whole sequence), or U+FFFD
 * for a byte that begins none; returns the bytes it took. */
static size_t put_utf8(FILE *out, const char *p)
{
    size_t n = cli_utf8_char(p);
    if (n)
        fwrite_unlocked(p, 1, n, out);
    else
        fwrite_unlocked(CLI_REPLACEMENT_CHAR, 1, 3, out);
    return n ? n : 1;
}

void cli_json_string(FILE *out, const char *s)
{
    static const char short_forms[] = "\bb\ff\nn\rr\tt\"\"\\\\";
    /* the bytes that end a run: control characters (NUL, the end, among
     * them), the quote and the backslash, and the bytes of non-ASCII
     * characters, each checked to be UTF-8 */
    static const bool stop[256] = {
        [0 ... 0x1f] = true,
        ['"'] = true,
        ['\\'] = true,
        [0x80 ... 0xff] = true,
    };
    putc_unlocked('"', out);
    for (; *s; s++) {
        /* a run of bytes written as they are goes out in one piece */
        const char *run = s;
        while (!stop[(unsigned char)*s])
            s++;
        if (s > run)
            fwrite_unlocked(run, 1, (size_t)(s - run), out);
        if (!*s)
            break;
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {
            s += put_utf8(out, s) - 1;
            continue;
        }
        const char *sf = memchr(short_forms, c, sizeof short_forms - 1);
        if (sf && (sf - short_forms) % 2 == 0)
            fprintf(out, "\\%c", sf[1]);
        else
            fprintf(out, "\\u%04x", c);
    }
    putc_unlocked('"', out);
}

/* Copies the string literal opening at *p (U+FFFD for a byte that is not
 * UTF-8: cJSON writes them as they are); returns where it ends. */
static const char *copy_string(FILE *out, const char *p)
{
    putc_unlocked(*p++, out);
    for (; *p; p++) {
        if ((unsigned char)*p >= 0x80) {
            p += put_utf8(out, p) - 1;
            continue;
        }
        putc_unlocked(*p, out);
        if (*p == '\\' && p[1])
            putc_unlocked(*++p, out);
        else if (*p == '"')
            break;
    }
    return p;
}

int cli_print_json(FILE *out, const cJSON *root)
{
    if (cli_print_json_at(out, root, 0) < 0)
        return -1;
    fputc('\n', out);
    return 0;
}

int cli_print_json_at(FILE *out, const cJSON *root, int depth)
{
    char *text = cJSON_PrintUnformatted(root);
    if (!text)
        return -1;
    /* one lock for the whole document, not one per byte */
    flockfile(out);
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '"':
            p = copy_string(out, p);
            if (!*p)
                p--; /* an unterminated literal cannot come from cJSON; stop cleanly */
            break;
        case '{':
        case '[':
            putc_unlocked(*p, out);
            if (p[1] == '}' || p[1] == ']')
                putc_unlocked(*++p, out);
            else
                indent(out, ++depth);
            break;
        case '}':
        case ']':
            indent(out, --depth);
            putc_unlocked(*p, out);
            break;
        case ',':
            putc_unlocked(*p, out);
            indent(out, depth);
            break;
        case ':':
            putc_unlocked(':', out);
            putc_unlocked(' ', out);
            break;
        default:
            putc_unlocked(*p, out);
        }
    }
    funlockfile(out);
    cJSON_free(text);
    return 0;
}
