/*
 * jsonout.c - compact JSON text of a bound parameter value.
 *
 * cJSON prints numbers from their double, which changes integers past 2^53
 * and decimals with more than 15 digits; a parameter must reach the server as
 * the caller wrote it. Numbers are therefore printed from the token text the
 * decoder attached (jsonscan.c), and everything else with plain escaping:
 * cJSON's own (the short forms, \u00XX for the other control characters,
 * everything else as it is), so that the verdict writer's text is the text
 * cJSON would print.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/json.h"

/* What a byte becomes in a JSON string: 0 for itself, the letter of its
 * short escape, or 'u' for \u00XX. */
static const char escapes[256] = {
    [0x00 ... 0x07] = 'u', ['\b'] = 'b', ['\t'] = 't',          ['\n'] = 'n', [0x0B] = 'u',
    ['\f'] = 'f',          ['\r'] = 'r', [0x0E ... 0x1F] = 'u', ['"'] = '"',  ['\\'] = '\\',
};

/* The escape test reads a block of BLOCK bytes at once, and answers with
 * block_bits. */
#ifdef __SSE2__
enum { BLOCK = 16 };
typedef unsigned block_bits;

/* The bytes of the 16 at p that need an escape, one bit each (SSE2, every
 * x86-64). */
static block_bits escape_bits(const char *p)
{
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  control = _mm_set1_epi8(0x1F);
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* x <= 0x1F unsigned: the minimum of the two is x */
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
                             _mm_cmpeq_epi8(_mm_min_epu8(x, control), x));
    return (unsigned)_mm_movemask_epi8(m);
}

/* The index of the first flagged byte of nonzero bits. */
static size_t first_bit(block_bits bits)
{
    return (size_t)__builtin_ctz(bits);
}

/* The bits of the first n (< 16) bytes. */
static block_bits first_bytes(block_bits bits, size_t n)
{
    return bits & ((1u << n) - 1);
}
#else
enum { BLOCK = 8 };
typedef uint64_t block_bits;

/* The bytes of the 8 at p that need an escape, as the high bit of each: the
 * classic SWAR tests for a zero byte on x ^ '"', x ^ '\\' and x - 0x20 (the
 * lowest flag is exact; a borrow may flag bytes above it). */
static block_bits escape_bits(const char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x = sg__json_load8(p);
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x)) & high;
}

static size_t first_bit(block_bits bits)
{
    return sg__json_first_flagged(bits);
}

static block_bits first_bytes(block_bits bits, size_t n)
{
    return bits & ((UINT64_C(1) << (8 * n)) - 1);
}
#endif

/* The index of the first of the n bytes at p that needs an escape, or n. It
 * reads whole blocks: up to BLOCK - 1 bytes past the n, which the caller
 * owns (their flags are dropped). */
static size_t first_escape(const char *p, size_t n)
{
    for (size_t k = 0; k < n; k += BLOCK) {
        block_bits bits = escape_bits(p + k);
        if (n - k < BLOCK)
            bits = first_bytes(bits, n - k);
        if (bits)
            return k + first_bit(bits);
    }
    return n;
}

/* Writes the n bytes at s escaped from `from` on, where the first escape
 * is (the bytes before it are written). Each block of the string itself is
 * tested once and all of its flagged bytes are written in turn; the last
 * part block is tested in a copy, so that nothing past the n is read. */
static void put_escaped(sg__strbuf *b, const char *s, size_t n, size_t from)
{
    for (size_t k = from; k < n; k += BLOCK) {
        const char *p = s + k;
        block_bits bits;
        if (n - k < BLOCK) {
            char tail[BLOCK] = {0};
            memcpy(tail, p, n - k);
            bits = first_bytes(escape_bits(tail), n - k);
        } else {
            bits = escape_bits(p);
        }
        for (; bits; bits &= bits - 1) {
            size_t i = k + first_bit(bits);
            unsigned char c = (unsigned char)s[i];
            if (!escapes[c])
                continue; /* a byte the word test may flag above a real one */
            sg__strbuf_put(b, s + from, i - from);
            /* six bytes written, two or six kept: a copy of a fixed size */
            if (!sg__strbuf_reserve(b, 6))
                return;
            char esc[6] = {
                '\\', escapes[c], '0', '0', "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]};
            __builtin_memcpy(b->data + b->len, esc, 6);
            b->len += esc[1] == 'u' ? 6 : 2;
            from = i + 1;
        }
    }
    sg__strbuf_put(b, s + from, n - from);
}

void sg__json_put_string(sg__strbuf *b, const char *s)
{
    size_t n = strlen(s);
    /* The usual string needs no escape: copy it whole, quoted, then look for
     * escapes in the copy (the room reserved covers the test's last block). */
    if (!sg__strbuf_reserve(b, n + 2 + BLOCK))
        return;
    char *d = b->data + b->len;
    d[0] = '"';
    memcpy(d + 1, s, n);
    size_t at = first_escape(d + 1, n);
    if (at == n) {
        d[n + 1] = '"';
        d[n + 2] = '\0';
        b->len += n + 2;
        return;
    }
    /* An escape: keep the copy up to it and write the rest from the string. */
    b->len += 1 + at;
    put_escaped(b, s, n, at);
    sg__strbuf_put(b, "\"", 1);
}

void sg__json_put_value(sg__strbuf *b, const cJSON *v)
{
    /* the type read here, not through cJSON's calls (one each per test) */
    switch (v->type & 0xFF) {
    case cJSON_NULL:
        sg__strbuf_put(b, "null", 4);
        break;
    case cJSON_True:
        sg__strbuf_put(b, "true", 4);
        break;
    case cJSON_False:
        sg__strbuf_put(b, "false", 5);
        break;
    case cJSON_Number:
        if (v->valuestring) {
            sg__strbuf_puts(b, v->valuestring);
        } else {
            char num[32];
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
            sg__strbuf_puts(b, num);
        }
        break;
    case cJSON_String:
        sg__json_put_string(b, v->valuestring);
        break;
    case cJSON_Array:
    case cJSON_Object: {
        bool object = (v->type & 0xFF) == cJSON_Object;
        sg__strbuf_put(b, object ? "{" : "[", 1);
        for (const cJSON *item = v->child; item; item = item->next) {
            if (item != v->child)
                sg__strbuf_put(b, ",", 1);
            if (object) {
                sg__json_put_string(b, item->string ? item->string : "");
                sg__strbuf_put(b, ":", 1);
            }
            sg__json_put_value(b, item); /* depth is bounded by the decoder's pre-scan */
        }
        sg__strbuf_put(b, object ? "}" : "]", 1);
        break;
    }
    default:
        sg__strbuf_put(b, "null", 4);
        break;
    }
}

char *sg__json_print_value(sg__arena *arena, const cJSON *value)
{
    sg__strbuf b = SG__STRBUF_INIT(arena);
    sg__json_put_value(&b, value);
    return b.failed ? NULL : b.data;
}
