/*
 * test_jsonscan.c - the pre-scan of JSON text (sg__json_prescan) and the
 * string escaper (sg__json_put_string) at the edges of the blocks they read
 * at once.
 *
 * Strings are read sixteen or eight bytes a step and the end of the text
 * through a padded word, so every byte that ends a run of ordinary content
 * (the closing quote, an escape, a control character, a byte of a UTF-8
 * character, valid or not) is placed at every offset of a word, after runs
 * of every length, in strings that end with the text and strings that do
 * not, and each answer is compared with the place the byte was put. The
 * block scan (AVX2) is compared with the bytewise one on random texts and on
 * every piece at every offset across block boundaries. Every
 * text lives in a heap block of exactly its length, so that a read past its
 * end shows under the memory checkers. The escaper's text is compared with
 * cJSON's for every byte at every offset of strings of every length.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/arena.h"
#include "util/json.h"

/* The longest run of ordinary bytes put before and after the byte under
 * test: two vector widths and some, so each offset of a 16- and an 8-byte
 * word is reached from every alignment of the string's start. */
enum { RUN = 40 };

typedef struct scan_result {
    int rc;
    const char *problem;
    size_t offset;
    size_t numbers; /* spans recorded */
} scan_result;

/* Pre-scans exactly `len` bytes of `text`, copied to a block of that size. */
static scan_result scan_len(const char *text, size_t len, unsigned max_depth)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    sg__arena arena;
    sg__arena_init(&arena);
    sg__vec numbers = {0};
    scan_result r = {0, NULL, (size_t)-1, 0};
    r.rc = sg__json_prescan(copy, len, max_depth, &arena, &numbers, &r.problem, &r.offset);
    r.numbers = numbers.count;
    sg__arena_release(&arena);
    free(copy);
    return r;
}

static scan_result scan(const char *text)
{
    return scan_len(text, strlen(text), 64);
}

/* A text in a buffer: prefix, `pad` ordinary bytes, `what` (n bytes), `tail`
 * ordinary bytes, suffix. *at is where `what` begins. */
static size_t build(char *buf, size_t cap, const char *prefix, size_t pad, const char *what,
                    size_t n, size_t tail, const char *suffix, size_t *at)
{
    size_t len = 0, p = strlen(prefix), s = strlen(suffix);
    assert_true(p + pad + n + tail + s <= cap);
    memcpy(buf, prefix, p);
    len = p;
    for (size_t k = 0; k < pad; k++)
        buf[len++] = (char)('a' + k % 26);
    *at = len;
    memcpy(buf + len, what, n);
    len += n;
    for (size_t k = 0; k < tail; k++)
        buf[len++] = (char)('A' + k % 26);
    memcpy(buf + len, suffix, s);
    return len + s;
}

static void assert_refused_at(scan_result r, size_t at, const char *words)
{
    if (r.rc != 1 || r.offset != at || !strstr(r.problem, words))
        fail_msg("expected a refusal at %zu (%s), got rc %d at %zu (%s)", at, words, r.rc, r.offset,
                 r.problem ? r.problem : "-");
}

static void assert_accepted(scan_result r)
{
    if (r.rc != 0)
        fail_msg("expected the text to be accepted, got rc %d at %zu (%s)", r.rc, r.offset,
                 r.problem ? r.problem : "-");
}

/* Prefixes that start the string under test at each alignment mod 16. */
static const char *const prefixes[] = {
    "\"",          "[\"",        "[ \"",        "{\"k\":\"",        "{\"kk\":\"",
    "{\"kkk\":\"", "{\"k\": \"", "{\"kk\": \"", "{\"kkkk\": \"",    "{\"kkkkk\": \"",
    "[1, \"",      "[12, \"",    "[123, \"",    "{\"abcdefgh\":\"", "{\"abcdefghi\":\"",
    "[[[[[[\"",
};
enum { PREFIXES = sizeof prefixes / sizeof prefixes[0] };

/* Each byte that stops the string scan is found at every offset, after
 * every run length, with and without text after it. */
static void test_jsonscan__control_at_every_offset(void **state)
{
    (void)state;
    char buf[256];
    for (size_t p = 0; p < PREFIXES; p++)
        for (size_t pad = 0; pad <= RUN; pad++)
            for (size_t tail = 0; tail <= 17; tail += 17) {
                static const char ctl[] = {'\x01', '\x1f', '\t', '\n', '\r'};
                for (size_t c = 0; c < sizeof ctl; c++) {
                    size_t at, len = build(buf, sizeof buf, prefixes[p], pad, &ctl[c], 1, tail,
                                           "\"]", &at);
                    assert_refused_at(scan_len(buf, len, 64), at, "raw control character");
                    /* the string ends with the text, after the control */
                    len = build(buf, sizeof buf, prefixes[p], pad, &ctl[c], 1, tail, "", &at);
                    assert_refused_at(scan_len(buf, len, 64), at, "raw control character");
                }
                size_t at,
                    len = build(buf, sizeof buf, prefixes[p], pad, "\0", 1, tail, "\"]", &at);
                assert_refused_at(scan_len(buf, len, 64), at, "NUL byte");
            }
}

/* A closing quote at every offset ends the string there: a control character
 * right after it is outside the string (refused as such), and one before it
 * is inside. */
static void test_jsonscan__quote_at_every_offset(void **state)
{
    (void)state;
    char buf[256];
    for (size_t p = 0; p < PREFIXES; p++)
        for (size_t pad = 0; pad <= RUN; pad++) {
            size_t at, len = build(buf, sizeof buf, prefixes[p], pad, "\"\x02", 2, 20, "", &at);
            assert_refused_at(scan_len(buf, len, 64), at + 1,
                              "the JSON text contains a raw control character");
            /* the closing quote is the last byte of the text */
            len = build(buf, sizeof buf, prefixes[p], pad, "\"", 1, 0, "", &at);
            assert_accepted(scan_len(buf, len, 64));
            /* a number after the string is lexed from the quote on */
            len = build(buf, sizeof buf, prefixes[p], pad, "\",01", 4, 0, "", &at);
            assert_refused_at(scan_len(buf, len, 64), at + 2, "number is malformed");
        }
}

/* An escape at every offset hides the byte after it, a quote included;
 * "\u0000" and a \u without four hexadecimal digits are refused wherever
 * they start, and an escaped backslash before "u0000" is text. */
static void test_jsonscan__escape_at_every_offset(void **state)
{
    (void)state;
    char buf[256];
    for (size_t p = 0; p < PREFIXES; p++)
        for (size_t pad = 0; pad <= RUN; pad++)
            for (size_t tail = 0; tail <= 19; tail += 19) {
                size_t at;
                /* an escaped quote does not end the string: the control after it is inside */
                size_t len =
                    build(buf, sizeof buf, prefixes[p], pad, "\\\"\x03", 3, tail, "\"", &at);
                assert_refused_at(scan_len(buf, len, 64), at + 2, "JSON string contains a raw");
                len = build(buf, sizeof buf, prefixes[p], pad, "\\u0000", 6, tail, "\"", &at);
                assert_refused_at(scan_len(buf, len, 64), at, "\\u0000");
                len = build(buf, sizeof buf, prefixes[p], pad, "\\\\u0000", 7, tail, "\"]", &at);
                assert_accepted(scan_len(buf, len, 64));
                len = build(buf, sizeof buf, prefixes[p], pad, "\\u00001", 7, tail, "\"]", &at);
                assert_refused_at(scan_len(buf, len, 64), at, "\\u0000");
                len = build(buf, sizeof buf, prefixes[p], pad, "\\u0001", 6, tail, "\"]", &at);
                assert_accepted(scan_len(buf, len, 64));
                /* four hexadecimal digits, either case, or cJSON reads \u0000 */
                static const char *const hex_ok[] = {"\\uABCD", "\\uabcd", "\\u00e9",
                                                     "\\uD83D\\uDE00", "\\\\u0zzz"};
                for (size_t h = 0; h < sizeof hex_ok / sizeof hex_ok[0]; h++) {
                    len = build(buf, sizeof buf, prefixes[p], pad, hex_ok[h], strlen(hex_ok[h]),
                                tail, "\"]", &at);
                    assert_accepted(scan_len(buf, len, 64));
                }
                static const char *const hex_bad[] = {"\\u0zzz", "\\u12G4",  "\\u-123",
                                                      "\\u 123", "\\u12\"4", "\\u00\\u0041"};
                for (size_t h = 0; h < sizeof hex_bad / sizeof hex_bad[0]; h++) {
                    len = build(buf, sizeof buf, prefixes[p], pad, hex_bad[h], strlen(hex_bad[h]),
                                tail, "\"]", &at);
                    assert_refused_at(scan_len(buf, len, 64), at, "four hexadecimal digits");
                }
            }
}

/* Strings cut off by the end of the text, after runs of every length, with
 * an escape or a partial "\u0000" as their last bytes: the pre-scan leaves
 * them to cJSON (which refuses an unterminated string), reading nothing past
 * the end. */
static void test_jsonscan__string_ends_with_text(void **state)
{
    (void)state;
    char buf[256];
    static const char *const ends[] = {"", "\\", "\\u", "\\u000", "\\\"", "\\\\"};
    for (size_t p = 0; p < PREFIXES; p++)
        for (size_t pad = 0; pad <= RUN; pad++)
            for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
                size_t at, len = build(buf, sizeof buf, prefixes[p], pad, ends[e], strlen(ends[e]),
                                       0, "", &at);
                assert_accepted(scan_len(buf, len, 64));
            }
    /* "\u0000" as the very last bytes is still refused */
    size_t at, len = build(buf, sizeof buf, "[\"", 13, "\\u0000", 6, 0, "", &at);
    assert_refused_at(scan_len(buf, len, 64), at, "\\u0000");
    /* a control character as the very last byte too */
    len = build(buf, sizeof buf, "[\"", 21, "\x1f", 1, 0, "", &at);
    assert_refused_at(scan_len(buf, len, 64), at, "raw control character");
}

/* Valid UTF-8 of every length is accepted wherever it falls, across the
 * boundaries of the words read at once, in strings and outside them. */
static void test_jsonscan__valid_utf8_at_every_offset(void **state)
{
    (void)state;
    char buf[256];
    static const char *const chars[] = {"\xc2\x80",         "\xc3\xa9",        "\xdf\xbf",
                                        "\xe0\xa0\x80",     "\xe2\x82\xac",    "\xed\x9f\xbf",
                                        "\xee\x80\x80",     "\xef\xbf\xbf",    "\xf0\x90\x80\x80",
                                        "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf"};
    for (size_t p = 0; p < PREFIXES; p++)
        for (size_t pad = 0; pad <= RUN; pad++)
            for (size_t c = 0; c < sizeof chars / sizeof chars[0]; c++) {
                size_t at, n = strlen(chars[c]);
                size_t len = build(buf, sizeof buf, prefixes[p], pad, chars[c], n, 9, "\"]", &at);
                assert_accepted(scan_len(buf, len, 64));
                /* the character is the last of the text (an unterminated string) */
                len = build(buf, sizeof buf, prefixes[p], pad, chars[c], n, 0, "", &at);
                assert_accepted(scan_len(buf, len, 64));
                /* a control character after the character is found at its place */
                len = build(buf, sizeof buf, prefixes[p], pad, chars[c], n, 0, "\x05\"", &at);
                assert_refused_at(scan_len(buf, len, 64), at + n, "raw control character");
            }
}

/* Invalid UTF-8 of each kind inside a long string, at every offset of a
 * word, and cut off by the end of the text. */
static void test_jsonscan__invalid_utf8_at_every_offset(void **state)
{
    (void)state;
    char buf[256];
    static const char *const bad[] = {
        "\x80",     /* a continuation byte with no start */
        "\xbf",     /* another */
        "\xc0\xaf", /* overlong two-byte form ('/') */
        "\xc1\xbf", /* overlong two-byte form */
        "\xc3"
        "a",            /* a start byte followed by ASCII */
        "\xe0\x80\x80", /* overlong three-byte form */
        "\xe0\x9f\xbf", /* overlong three-byte form, the largest */
        "\xed\xa0\x80", /* a UTF-16 surrogate */
        "\xed\xbf\xbf", /* the last surrogate */
        "\xe2\x82"
        "a",                /* three-byte form cut by ASCII */
        "\xf0\x80\x80\x80", /* overlong four-byte form */
        "\xf0\x8f\xbf\xbf", /* overlong four-byte form, the largest */
        "\xf4\x90\x80\x80", /* past U+10FFFF */
        "\xf5\x80\x80\x80", /* a start byte past F4 */
        "\xf8\x88\x80\x80", /* five-byte form */
        "\xfe",             /* never valid */
        "\xff",             /* never valid */
        "\xf0\x9f\x98"
        "a", /* four-byte form cut by ASCII */
    };
    for (size_t p = 0; p < PREFIXES; p++)
        for (size_t pad = 0; pad <= RUN; pad++)
            for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
                size_t at, n = strlen(bad[b]);
                size_t len = build(buf, sizeof buf, prefixes[p], pad, bad[b], n, 23, "\"]", &at);
                assert_refused_at(scan_len(buf, len, 64), at, "not valid UTF-8");
                len = build(buf, sizeof buf, prefixes[p], pad, bad[b], n, 0, "", &at);
                assert_refused_at(scan_len(buf, len, 64), at, "not valid UTF-8");
            }
    /* valid starts cut off by the end of the text */
    static const char *const cut[] = {"\xc3", "\xe2", "\xe2\x82", "\xf0\x9f", "\xf0\x9f\x98"};
    for (size_t pad = 0; pad <= RUN; pad++)
        for (size_t c = 0; c < sizeof cut / sizeof cut[0]; c++) {
            size_t at, len = build(buf, sizeof buf, "{\"sql\":\"", pad, cut[c], strlen(cut[c]), 0,
                                   "", &at);
            assert_refused_at(scan_len(buf, len, 64), at, "not valid UTF-8");
            /* and outside any string */
            len = build(buf, sizeof buf, "", 0, cut[c], strlen(cut[c]), 0, "", &at);
            assert_refused_at(scan_len(buf, len, 64), 0, "not valid UTF-8");
        }
}

/* Between tokens: runs of spaces of every length before each kind of byte,
 * the whitespace RFC 8259 allows, and the control characters it does not. */
static void test_jsonscan__between_tokens(void **state)
{
    (void)state;
    char buf[256];
    for (size_t pad = 0; pad <= RUN; pad++) {
        size_t len = 0;
        buf[len++] = '[';
        buf[len++] = '\n';
        memset(buf + len, ' ', pad);
        len += pad;
        size_t at = len;
        buf[len++] = '\x0b';
        assert_refused_at(scan_len(buf, len, 64), at, "the JSON text contains a raw control");
        buf[at] = '\0';
        assert_refused_at(scan_len(buf, len, 64), at, "NUL byte");
        buf[at] = '\xff';
        assert_refused_at(scan_len(buf, len, 64), at, "not valid UTF-8");
        buf[at] = '0';
        buf[len++] = '1';
        assert_refused_at(scan_len(buf, len, 64), at, "number is malformed");
        buf[at] = '\t';
        buf[at + 1] = '\r';
        buf[len++] = ']';
        assert_accepted(scan_len(buf, len, 64));
    }
    /* a colon or comma and one space after a string, then each kind of token */
    static const struct {
        const char *text;
        int rc;
        size_t offset, numbers;
    } cases[] = {
        {"{\"a\": 1, \"b\":2,\"c\" :3}", 0, 0, 3},
        {"{\"a\": -0.5e+3, \"b\": [true, false, null]}", 0, 0, 1},
        {"{\"a\":\"b\",\"c\":\"d\"}", 0, 0, 0},
        {"{\"a\":  01}", 1, 7, 0},
        {"{\"a\": \x01}", 1, 6, 0},
        {"{\"a\",\x01}", 1, 5, 0},
        {"[\"a\"\t,\r\n\"b\"]", 0, 0, 0},
        {"{\"a\": 1.}", 1, 6, 0},
        {"{\"a\": 1e}", 1, 6, 0},
        {"{\"a\": -}", 1, 6, 0},
        {"{\"a\": 1-}", 1, 6, 0},
        {"[1,2,3,4,5,6,7,8,9,10]", 0, 0, 10},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scan_result r = scan(cases[i].text);
        assert_int_equal(r.rc, cases[i].rc);
        if (r.rc)
            assert_int_equal(r.offset, cases[i].offset);
        else
            assert_int_equal(r.numbers, cases[i].numbers);
    }
}

/* Nesting is counted outside strings only, up to the bound and no further. */
static void test_jsonscan__depth(void **state)
{
    (void)state;
    char buf[128];
    for (unsigned max = 1; max < 40; max++) {
        memset(buf, '[', max);
        assert_accepted(scan_len(buf, max, max));
        memset(buf, '{', max + 1);
        assert_refused_at(scan_len(buf, max + 1, max), max, "nests too deeply");
    }
    static const char in_string[] = "[\"[[[[[[[[[[{{{{{{{{{{\"]";
    assert_accepted(scan_len(in_string, strlen(in_string), 1));
    /* a close never takes the count below zero */
    assert_accepted(scan_len("]]]]][[", 7, 2));
    assert_refused_at(scan_len("]]]]][[[", 8, 2), 7, "nests too deeply");
}

/* What cJSON prints for the string s. */
static char *cjson_text(const char *s)
{
    cJSON *str = cJSON_CreateString(s);
    assert_non_null(str);
    char *text = cJSON_PrintUnformatted(str);
    assert_non_null(text);
    cJSON_Delete(str);
    return text;
}

/* sg__json_put_string's text for s equals cJSON's, written after `before`
 * bytes already in the buffer. */
static void assert_escaped_as_cjson(const char *s, size_t before)
{
    sg__arena arena;
    sg__arena_init(&arena);
    sg__strbuf b = SG__STRBUF_INIT(&arena);
    for (size_t k = 0; k < before; k++)
        sg__strbuf_put(&b, "-", 1);
    sg__json_put_string(&b, s);
    assert_false(b.failed);
    char *want = cjson_text(s);
    assert_int_equal(b.len, before + strlen(want));
    assert_string_equal(b.data + before, want);
    assert_int_equal(strlen(b.data), b.len);
    cJSON_free(want);
    sg__arena_release(&arena);
}

/* Every byte that needs an escape, and some that do not, at every offset of
 * strings of every length up to past two blocks, once and twice, and after
 * every amount of text already written. */
static void test_jsonscan__put_string_as_cjson(void **state)
{
    (void)state;
    static const unsigned char bytes[] = {0x01, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
                                          0x0d, 0x0e, 0x1f, 0x20, 0x22, 0x2f, 0x5c,
                                          0x7f, 0x80, 0xc3, 0xdf, 0xe2, 0xff};
    char s[64];
    for (size_t len = 1; len <= RUN; len++)
        for (size_t at = 0; at < len; at++)
            for (size_t k = 0; k < sizeof bytes; k++) {
                memset(s, 'x', len);
                s[len] = '\0';
                s[at] = (char)bytes[k];
                assert_escaped_as_cjson(s, at % 5);
                s[len - 1 - at / 2] = '\\';
                assert_escaped_as_cjson(s, 0);
            }
    /* every control character, and a long text with escapes all along it */
    char all[0x21];
    for (int c = 1; c <= 0x20; c++)
        all[c - 1] = (char)c;
    all[0x20] = '\0';
    assert_escaped_as_cjson(all, 0);
    assert_escaped_as_cjson("", 3);
    char sql[1200];
    size_t n = 0;
    for (int line = 0; n + 40 < sizeof sql; line++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "SELECT \"c%d\"\t FROM t -- \\ é\n", line);
    assert_escaped_as_cjson(sql, 0);
    assert_escaped_as_cjson(sql, 200);
}

/* Dense escapes: strings of every length to past four blocks drawn from
 * bytes that mostly need an escape, so that blocks hold several (and the
 * last, partial block some), against cJSON's text. */
static void test_jsonscan__put_string_dense_escapes(void **state)
{
    (void)state;
    static const char pool[] = "\x01\x1f\"\\\n\t\rab\xc3\xa9";
    unsigned seed = 12345;
    char s[80];
    for (int round = 0; round < 40; round++) {
        for (size_t len = 0; len < sizeof s; len++) {
            for (size_t k = 0; k < len; k++) {
                seed = seed * 1103515245u + 12345u;
                s[k] = pool[(seed >> 16) % (sizeof pool - 1)];
            }
            s[len] = '\0';
            assert_escaped_as_cjson(s, round % 7);
        }
    }
}

/* A parameter value appended to text already written equals cJSON's compact
 * print of it (numbers keep the text they were written with: sg__json_load). */
static void test_jsonscan__put_value_as_cjson(void **state)
{
    (void)state;
    static const char *const values[] = {
        "null",
        "true",
        "false",
        "\"US\"",
        "\"a\\nb\\\"c\"",
        "[]",
        "{}",
        "[1,\"x\",null,[true,false],{\"k\":\"v\\t\"}]",
        "{\"a\":{\"b\":[{}]},\"\\u0001\":\"\"}",
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        cJSON *v = cJSON_Parse(values[i]);
        assert_non_null(v);
        char *want = cJSON_PrintUnformatted(v);
        assert_non_null(want);
        sg__arena arena;
        sg__arena_init(&arena);
        sg__strbuf b = SG__STRBUF_INIT(&arena);
        sg__strbuf_put(&b, "[", 1);
        sg__json_put_value(&b, v);
        assert_false(b.failed);
        assert_string_equal(b.data + 1, want);
        assert_int_equal(b.len, 1 + strlen(want));
        char *printed = sg__json_print_value(&arena, v);
        assert_non_null(printed);
        assert_string_equal(printed, want);
        sg__arena_release(&arena);
        cJSON_free(want);
        cJSON_Delete(v);
    }
}

/* ---- the block scan against the bytewise one ---- */

/* Pieces of text the generator strings together: every kind of byte the
 * scans decide on, valid and not, and runs long enough to cross blocks. */
static const char *const pieces[] = {
    "\"",
    "\"",
    "\"",
    "\\",
    "\\\"",
    "\\\\",
    "\\n",
    "\\u0000",
    "\\u00e9",
    "\\u0",
    "{",
    "}",
    "[",
    "]",
    "[[[[",
    "]]]]",
    ":",
    ",",
    " ",
    "  ",
    "        ",
    "\n",
    "\t",
    "\r",
    "0",
    "7",
    "-1",
    "12.5e+3",
    "3.25",
    "01",
    "1.",
    "-",
    "1e",
    "1E-",
    "+1",
    ".5",
    "/",
    "true",
    "null",
    "abc",
    "xxxxxxxxxxxxxxxxxxxx",
    "\xc3\xa9",
    "\xe2\x82\xac",
    "\xf0\x9f\x98\x80",
    "\xc3",
    "\x80",
    "\xed\xa0\x80",
    "\xf4\x90\x80\x80",
    "\xc0\xaf",
    "\x01",
    "\x1f",
    "\x7f",
    "{\"k\": \"v\"}",
    "[1, 2, 3]",
};
enum { PIECES = sizeof pieces / sizeof pieces[0] };

static uint64_t next_random(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005u + 1442695040888963407u;
    return *seed >> 33;
}

typedef struct full_result {
    int rc;
    const char *problem;
    size_t offset;
    sg__vec numbers;
} full_result;

static full_result run_scan(bool blocks, const char *text, size_t len, unsigned depth,
                            sg__arena *arena)
{
    full_result r = {0, NULL, (size_t)-1, {0}};
    r.rc = blocks ? sg__json_prescan(text, len, depth, arena, &r.numbers, &r.problem, &r.offset)
                  : sg__json_prescan_bytewise(text, len, depth, arena, &r.numbers, &r.problem,
                                              &r.offset);
    return r;
}

/* Both scans of `len` bytes at `text` (a heap block of exactly that size)
 * give the same answer, the same refusal at the same offset and the same
 * number spans. */
static void assert_same_scan(const char *text, size_t len, unsigned depth, const char *what)
{
    sg__arena arena;
    sg__arena_init(&arena);
    full_result a = run_scan(true, text, len, depth, &arena);
    full_result b = run_scan(false, text, len, depth, &arena);
    if (a.rc != b.rc || a.offset != b.offset || a.numbers.count != b.numbers.count ||
        (a.problem != b.problem && (!a.problem || !b.problem || strcmp(a.problem, b.problem))))
        fail_msg("%s (%zu bytes, depth %u): blocks rc %d at %zu (%s, %zu numbers), bytewise rc "
                 "%d at %zu (%s, %zu numbers)",
                 what, len, depth, a.rc, a.offset, a.problem ? a.problem : "-", a.numbers.count,
                 b.rc, b.offset, b.problem ? b.problem : "-", b.numbers.count);
    for (size_t k = 0; k < a.numbers.count; k++) {
        const sg__json_span *x = (const sg__json_span *)a.numbers.items + k,
                            *y = (const sg__json_span *)b.numbers.items + k;
        assert_int_equal(x->offset, y->offset);
        assert_int_equal(x->len, y->len);
    }
    sg__arena_release(&arena);
}

/* Whether sg__json_prescan() runs the block scan on this processor (it
 * asks the same); without it both answers are the bytewise scan's. */
static bool has_block_scan(void)
{
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") &&
           __builtin_cpu_supports("pclmul");
#else
    return false;
#endif
}

/* Random texts of up to some 600 bytes, NUL bytes too. */
static void test_jsonscan__blocks_as_bytewise(void **state)
{
    (void)state;
    if (!has_block_scan())
        skip();
    uint64_t seed = 20261206;
    char buf[1024], what[32];
    for (int round = 0; round < 40000; round++) {
        size_t len = 0, count = next_random(&seed) % 120;
        for (size_t k = 0; k < count; k++) {
            if (next_random(&seed) % 97 == 0) {
                buf[len++] = '\0';
                continue;
            }
            const char *piece = pieces[next_random(&seed) % PIECES];
            size_t n = strlen(piece);
            if (len + n > sizeof buf)
                break;
            memcpy(buf + len, piece, n);
            len += n;
        }
        unsigned depth = (unsigned)(next_random(&seed) % 8);
        char *text = malloc(len ? len : 1);
        assert_non_null(text);
        memcpy(text, buf, len);
        snprintf(what, sizeof what, "round %d", round);
        assert_same_scan(text, len, depth, what);
        free(text);
    }
}

/* Every piece at every offset across two block boundaries, inside a string
 * and outside one, with text after it that tells a wrong string state or
 * depth (a quote, a number, a control character, brackets). */
static void test_jsonscan__blocks_at_every_offset(void **state)
{
    (void)state;
    if (!has_block_scan())
        skip();
    static const char *const middle[] = {
        "\\\"",       "\\\\",   "\\\\\\\"", "\\u0000",      "\\n",
        "\\\xc3\xa9", "\\\x01", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
        "\xc3",       "\x01",   "\n",       "12.5e+3",      "-0",
        "01",         "[[",     "]]",       "\"",           "\\",
    };
    static const char *const before[] = {"[\"", "[", "{\"k\": ", "[[[", "\\"};
    static const char *const after[] = {
        "\", 12, \"\x01\"]", "\"]", " 3, \"x\" ]", "", "]]]]]", "[[[[ 1"};
    char buf[256], what[64];
    for (size_t w = 0; w < sizeof middle / sizeof middle[0]; w++)
        for (size_t b = 0; b < sizeof before / sizeof before[0]; b++)
            for (size_t a = 0; a < sizeof after / sizeof after[0]; a++)
                for (size_t pad = 0; pad <= 140; pad++) {
                    size_t at, len = build(buf, sizeof buf, before[b], pad, middle[w],
                                           strlen(middle[w]), 0, after[a], &at);
                    char *text = malloc(len);
                    assert_non_null(text);
                    memcpy(text, buf, len);
                    snprintf(what, sizeof what, "piece %zu at %zu", w, at);
                    for (unsigned depth = 2; depth <= 5; depth += 3)
                        assert_same_scan(text, len, depth, what);
                    free(text);
                }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonscan__control_at_every_offset),
        cmocka_unit_test(test_jsonscan__quote_at_every_offset),
        cmocka_unit_test(test_jsonscan__escape_at_every_offset),
        cmocka_unit_test(test_jsonscan__string_ends_with_text),
        cmocka_unit_test(test_jsonscan__valid_utf8_at_every_offset),
        cmocka_unit_test(test_jsonscan__invalid_utf8_at_every_offset),
        cmocka_unit_test(test_jsonscan__between_tokens),
        cmocka_unit_test(test_jsonscan__depth),
        cmocka_unit_test(test_jsonscan__blocks_as_bytewise),
        cmocka_unit_test(test_jsonscan__blocks_at_every_offset),
        cmocka_unit_test(test_jsonscan__put_string_as_cjson),
        cmocka_unit_test(test_jsonscan__put_string_dense_escapes),
        cmocka_unit_test(test_jsonscan__put_value_as_cjson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
