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
    /* An escape: keep the copy up to it and write the rest run by run. */
    b->len += 1 + at;
    const char *end = s + n;
    for (s += at;;) {
        unsigned char c = (unsigned char)*s++;
        char esc[6] = {
            '\\', escapes[c], '0', '0', "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]};
        sg__strbuf_put(b, esc, esc[1] == 'u' ? 6 : 2);
        if (!sg__strbuf_reserve(b, (size_t)(end - s) + 1 + BLOCK))
            return;
        d = b->data + b->len;
        size_t left = (size_t)(end - s);
        memcpy(d, s, left);
        at = first_escape(d, left);
        b->len += at;
        s += at;
        if (s == end)
            break;
    }
    sg__strbuf_put(b, "\"", 1);
}

static void put_value(sg__strbuf *b, const cJSON *v)
{
    if (cJSON_IsNull(v)) {
        sg__strbuf_puts(b, "null");
    } else if (cJSON_IsTrue(v)) {
        sg__strbuf_puts(b, "true");
    } else if (cJSON_IsFalse(v)) {
        sg__strbuf_puts(b, "false");
    } else if (cJSON_IsNumber(v)) {
        if (v->valuestring) {
            sg__strbuf_puts(b, v->valuestring);
        } else {
            char num[32];
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
            sg__strbuf_puts(b, num);
        }
    } else if (cJSON_IsString(v)) {
        sg__json_put_string(b, v->valuestring);
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        bool object = cJSON_IsObject(v);
        sg__strbuf_put(b, object ? "{" : "[", 1);
        for (const cJSON *item = v->child; item; item = item->next) {
            if (item != v->child)
                sg__strbuf_put(b, ",", 1);
            if (object) {
                sg__json_put_string(b, item->string ? item->string : "");
                sg__strbuf_put(b, ":", 1);
            }
            put_value(b, item); /* depth is bounded by the decoder's pre-scan */
        }
        sg__strbuf_put(b, object ? "}" : "]", 1);
    } else {
        sg__strbuf_puts(b, "null");
    }
}

char *sg__json_print_value(sg__arena *arena, const cJSON *value)
{
    sg__strbuf b = SG__STRBUF_INIT(arena);
    put_value(&b, value);
    return b.failed ? NULL : b.data;
}
