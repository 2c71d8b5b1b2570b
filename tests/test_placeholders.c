/*
 * test_placeholders.c - the psycopg placeholder compiler.
 *
 * Each rule of psycopg 3's tokenizer is pinned both ways on hand-checked
 * examples, and a separate, deliberately naive model of the same pattern is
 * compared with the compiler on every short string over the characters that
 * matter, so a case nobody thought of still gets checked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "resolve/placeholders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char MSG_INCOMPLETE[] = "incomplete placeholder: '%('";
static const char MSG_SPACE[] =
    "incomplete placeholder: '%'; to use '%' as an operator, double it: '%%'";
static const char MSG_MIXED[] = "named and positional placeholders cannot be mixed";
static const char MSG_TOO_MANY[] = "more than 65535 placeholders";
#define MSG_ONLY "only '%s' and '%(name)s' placeholders are allowed, got "

static sg__arena arena;

static int setup(void **state)
{
    (void)state;
    sg__arena_init(&arena);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sg__arena_release(&arena);
    sg__alloc_fail_at(0);
    return 0;
}

static sg__ph_result compile_len(const char *sql, size_t len)
{
    sg__ph_result r;
    assert_int_equal(sg__ph_compile(&arena, sql, len, &r), 0);
    return r;
}

/* Compiles text that must be valid. */
static sg__ph_result compile(const char *sql)
{
    sg__ph_result r = compile_len(sql, strlen(sql));
    if (r.error)
        fail_msg("unexpected error for \"%s\": %s", sql, r.error);
    assert_non_null(r.sql);
    assert_int_equal(strlen(r.sql), r.sql_len);
    return r;
}

#define ASSERT_COMPILES_TO(text, expected)                                                         \
    do {                                                                                           \
        sg__ph_result r_ = compile(text);                                                          \
        assert_string_equal(r_.sql, expected);                                                     \
    } while (0)

#define ASSERT_ERROR_LEN(text, len, message, offset)                                               \
    do {                                                                                           \
        sg__ph_result r_ = compile_len(text, len);                                                 \
        assert_non_null(r_.error);                                                                 \
        assert_string_equal(r_.error, message);                                                    \
        assert_int_equal(r_.error_offset, offset);                                                 \
        assert_null(r_.sql);                                                                       \
    } while (0)

#define ASSERT_ERROR(text, message, offset) ASSERT_ERROR_LEN(text, strlen(text), message, offset)

#define ASSERT_SEGMENT(seg, so, sl, oo, ol)                                                        \
    do {                                                                                           \
        assert_int_equal((seg).src_offset, so);                                                    \
        assert_int_equal((seg).src_len, sl);                                                       \
        assert_int_equal((seg).out_offset, oo);                                                    \
        assert_int_equal((seg).out_len, ol);                                                       \
    } while (0)

#define ASSERT_PLACEHOLDER(ph, so, sl, oo, ol, num, nm)                                            \
    do {                                                                                           \
        ASSERT_SEGMENT(ph, so, sl, oo, ol);                                                        \
        assert_int_equal((ph).number, num);                                                        \
        if ((nm) == NULL)                                                                          \
            assert_null((ph).name);                                                                \
        else                                                                                       \
            assert_string_equal((ph).name, (const char *)(nm));                                    \
    } while (0)

/* Text outside the segments is copied, so it must read the same at the mapped offset. */
static void assert_mapping_consistent(const char *sql, const sg__ph_result *r)
{
    size_t prev = 0;
    for (size_t c = 0; c <= r->sql_len; c++) {
        size_t m = sg__ph_map_offset(r, c);
        assert_true(m >= prev);
        assert_true(m <= strlen(sql));
        prev = m;
        bool in_segment = false;
        for (size_t k = 0; k < r->segment_count; k++) {
            const sg__ph_segment *s = &r->segments[k];
            if (c >= s->out_offset && c < s->out_offset + s->out_len) {
                in_segment = true;
                assert_int_equal(m, s->src_offset);
            }
        }
        if (!in_segment && c < r->sql_len)
            assert_int_equal(sql[m], r->sql[c]);
    }
    assert_int_equal(sg__ph_map_offset(r, r->sql_len), strlen(sql));
}

/* ---- plain text ---------------------------------------------------------------------------- */

static void test_placeholders__empty_input(void **state)
{
    (void)state;
    sg__ph_result r = compile("");
    assert_string_equal(r.sql, "");
    assert_int_equal(r.sql_len, 0);
    assert_int_equal(r.style, SG_PH_NONE);
    assert_int_equal(r.placeholder_count, 0);
    assert_int_equal(r.segment_count, 0);
    assert_int_equal(r.name_count, 0);
    assert_int_equal(r.positional_count, 0);
    assert_int_equal(sg__ph_map_offset(&r, 0), 0);

    /* A NULL pointer with no bytes is an empty query too. */
    r = compile_len(NULL, 0);
    assert_null(r.error);
    assert_string_equal(r.sql, "");
}

static void test_placeholders__plain_text_is_copied(void **state)
{
    (void)state;
    sg__ph_result r;
    memset(&r, 0xa5, sizeof r); /* every field must be written, whatever was there */
    assert_int_equal(sg__ph_compile(&arena, "select 1 from t", 15, &r), 0);
    assert_null(r.error);
    assert_int_equal(r.error_offset, 0);
    assert_string_equal(r.sql, "select 1 from t");
    assert_int_equal(r.sql_len, 15);
    assert_int_equal(r.style, SG_PH_NONE);
    assert_int_equal(r.placeholder_count, 0);
    assert_int_equal(r.segment_count, 0);
    assert_int_equal(r.name_count, 0);
    assert_int_equal(r.positional_count, 0);
    for (size_t c = 0; c <= 15; c++)
        assert_int_equal(sg__ph_map_offset(&r, c), c);
}

static void test_placeholders__bytes_after_length_are_ignored(void **state)
{
    (void)state;
    /* Only `len` bytes count: the '%s' after them is not part of the query. */
    sg__ph_result r = compile_len("a = %s", 4);
    assert_null(r.error);
    assert_string_equal(r.sql, "a = ");
    assert_int_equal(r.style, SG_PH_NONE);
    /* ... and a '%' cut off from its 's' is a trailing '%'. */
    r = compile_len("a = %s", 5);
    assert_null(r.error);
    assert_string_equal(r.sql, "a = %");
}

/* ---- named --------------------------------------------------------------------------------- */

static void test_placeholders__named(void **state)
{
    (void)state;
    sg__ph_result r = compile("id = %(id)s");
    assert_string_equal(r.sql, "id = $1");
    assert_int_equal(r.sql_len, 7);
    assert_int_equal(r.style, SG_PH_NAMED);
    assert_int_equal(r.placeholder_count, 1);
    ASSERT_PLACEHOLDER(r.placeholders[0], 5, 6, 5, 2, 1, "id");
    assert_int_equal(r.segment_count, 1);
    ASSERT_SEGMENT(r.segments[0], 5, 6, 5, 2);
    assert_int_equal(r.name_count, 1);
    assert_string_equal(r.names[0], "id");
    assert_int_equal(r.positional_count, 0);
}

static void test_placeholders__named_repeated(void **state)
{
    (void)state;
    sg__ph_result r = compile("%(a)s + %(b)s + %(a)s");
    assert_string_equal(r.sql, "$1 + $2 + $1");
    assert_int_equal(r.style, SG_PH_NAMED);
    assert_int_equal(r.name_count, 2);
    assert_string_equal(r.names[0], "a");
    assert_string_equal(r.names[1], "b");
    assert_int_equal(r.placeholder_count, 3);
    ASSERT_PLACEHOLDER(r.placeholders[0], 0, 5, 0, 2, 1, "a");
    ASSERT_PLACEHOLDER(r.placeholders[1], 8, 5, 5, 2, 2, "b");
    ASSERT_PLACEHOLDER(r.placeholders[2], 16, 5, 10, 2, 1, "a");
    /* Every use of a name shares the one copy published in names[]. */
    assert_ptr_equal(r.placeholders[0].name, r.names[0]);
    assert_ptr_equal(r.placeholders[2].name, r.names[0]);
    assert_int_equal(r.segment_count, 3);
    ASSERT_SEGMENT(r.segments[2], 16, 5, 10, 2);
}

static void test_placeholders__named_numbered_by_first_use(void **state)
{
    (void)state;
    sg__ph_result r = compile("%(z)s %(y)s %(z)s %(x)s %(y)s");
    assert_string_equal(r.sql, "$1 $2 $1 $3 $2");
    assert_int_equal(r.name_count, 3);
    assert_string_equal(r.names[0], "z");
    assert_string_equal(r.names[1], "y");
    assert_string_equal(r.names[2], "x");
}

static void test_placeholders__names_with_odd_bytes(void **state)
{
    (void)state;
    const char *sql = "%(a b)s,%(a\nb)s,%(名前)s,%(50%)s,%(a(b)s,%(%s)s,%(a b)s,%(\n)s";
    sg__ph_result r = compile(sql);
    assert_string_equal(r.sql, "$1,$2,$3,$4,$5,$6,$1,$7");
    assert_int_equal(r.name_count, 7);
    assert_string_equal(r.names[0], "a b");
    assert_string_equal(r.names[1], "a\nb");
    assert_string_equal(r.names[2], "名前");
    assert_string_equal(r.names[3], "50%");
    assert_string_equal(r.names[4], "a(b");
    assert_string_equal(r.names[5], "%s");
    assert_string_equal(r.names[6], "\n");
    /* "名前" is six bytes of UTF-8: the span counts bytes. */
    ASSERT_PLACEHOLDER(r.placeholders[2], 16, 10, 6, 2, 3, "名前");
    assert_mapping_consistent(sql, &r);

    /* A '%(' inside a name is part of the name, not a new token. */
    r = compile("%(a%(b)s");
    assert_string_equal(r.sql, "$1");
    assert_string_equal(r.names[0], "a%(b");
}

static void test_placeholders__names_compare_all_bytes(void **state)
{
    (void)state;
    static const char sql[] = "%(a\0b)s %(a\0c)s %(a\0b)s";
    sg__ph_result r = compile_len(sql, sizeof sql - 1);
    assert_null(r.error);
    assert_int_equal(r.sql_len, 8);
    assert_memory_equal(r.sql, "$1 $2 $1", 8);
    assert_int_equal(r.name_count, 2);
}

/* ---- positional ---------------------------------------------------------------------------- */

static void test_placeholders__positional(void **state)
{
    (void)state;
    sg__ph_result r = compile("a = %s and b = %s");
    assert_string_equal(r.sql, "a = $1 and b = $2");
    assert_int_equal(r.style, SG_PH_POSITIONAL);
    assert_int_equal(r.positional_count, 2);
    assert_int_equal(r.name_count, 0);
    assert_null(r.names);
    assert_int_equal(r.placeholder_count, 2);
    ASSERT_PLACEHOLDER(r.placeholders[0], 4, 2, 4, 2, 1, NULL);
    ASSERT_PLACEHOLDER(r.placeholders[1], 15, 2, 15, 2, 2, NULL);
    assert_int_equal(r.segment_count, 2);
    ASSERT_SEGMENT(r.segments[1], 15, 2, 15, 2);
}

static void test_placeholders__placeholder_at_start_and_end(void **state)
{
    (void)state;
    sg__ph_result r = compile("%s");
    assert_string_equal(r.sql, "$1");
    ASSERT_PLACEHOLDER(r.placeholders[0], 0, 2, 0, 2, 1, NULL);
    assert_int_equal(sg__ph_map_offset(&r, 0), 0);
    assert_int_equal(sg__ph_map_offset(&r, 1), 0);
    assert_int_equal(sg__ph_map_offset(&r, 2), 2);

    r = compile("%(first)s = %(last)s");
    assert_string_equal(r.sql, "$1 = $2");
    ASSERT_PLACEHOLDER(r.placeholders[0], 0, 9, 0, 2, 1, "first");
    ASSERT_PLACEHOLDER(r.placeholders[1], 12, 8, 5, 2, 2, "last");
    assert_int_equal(sg__ph_map_offset(&r, 7), 20);
}

static void test_placeholders__numbers_past_nine(void **state)
{
    (void)state;
    sg__ph_result r = compile("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s");
    assert_string_equal(r.sql, "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12");
    assert_int_equal(r.sql_len, 38);
    assert_int_equal(r.positional_count, 12);
    ASSERT_PLACEHOLDER(r.placeholders[8], 24, 2, 24, 2, 9, NULL);
    ASSERT_PLACEHOLDER(r.placeholders[9], 27, 2, 27, 3, 10, NULL);
    ASSERT_PLACEHOLDER(r.placeholders[10], 30, 2, 31, 3, 11, NULL);
    ASSERT_PLACEHOLDER(r.placeholders[11], 33, 2, 35, 3, 12, NULL);
    assert_int_equal(sg__ph_map_offset(&r, 33), 30); /* inside "$11" */
    assert_int_equal(sg__ph_map_offset(&r, 34), 32); /* the ',' after it */
    assert_int_equal(sg__ph_map_offset(&r, 38), 35);
    assert_mapping_consistent("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", &r);

    r = compile("%(a)s %(b)s %(c)s %(d)s %(e)s %(f)s %(g)s %(h)s %(i)s %(j)s %(k)s %(a)s %(j)s");
    assert_string_equal(r.sql, "$1 $2 $3 $4 $5 $6 $7 $8 $9 $10 $11 $1 $10");
    assert_int_equal(r.name_count, 11);
    assert_string_equal(r.names[9], "j");
    ASSERT_PLACEHOLDER(r.placeholders[9], 54, 5, 27, 3, 10, "j");
    ASSERT_PLACEHOLDER(r.placeholders[12], 72, 5, 38, 3, 10, "j");
}

/* Texts of up to 64 '%' have their records reserved in one allocation, longer ones grow
 * them: both sides of the bound compile alike, names and '%%' among the tokens. */
static void test_placeholders__records_reserved_or_grown(void **state)
{
    (void)state;
    for (int tokens = 62; tokens <= 67; tokens++) {
        char sql[1024], want[1024];
        size_t n = 0, w = 0;
        int named = 0;
        for (int i = 0; i < tokens; i++) {
            /* every third token a '%%', the others five names used in turn */
            if (i % 3 == 2) {
                n += (size_t)snprintf(sql + n, sizeof sql - n, "%%%% ");
                w += (size_t)snprintf(want + w, sizeof want - w, "%% ");
            } else {
                n += (size_t)snprintf(sql + n, sizeof sql - n, "%%(n%d)s ", named % 5);
                w += (size_t)snprintf(want + w, sizeof want - w, "$%d ", named % 5 + 1);
                named++;
            }
        }
        sg__ph_result r = compile(sql);
        assert_null(r.error);
        assert_string_equal(r.sql, want);
        assert_int_equal(r.name_count, 5);
        assert_string_equal(r.names[4], "n4");
        assert_int_equal(r.placeholder_count, (size_t)named);
        assert_int_equal(r.segment_count, (size_t)tokens);
        assert_mapping_consistent(sql, &r);
    }
}

/* ---- %% ------------------------------------------------------------------------------------ */

static void test_placeholders__percent_escape(void **state)
{
    (void)state;
    sg__ph_result r = compile("x %% 2");
    assert_string_equal(r.sql, "x % 2");
    assert_int_equal(r.style, SG_PH_NONE);
    assert_int_equal(r.placeholder_count, 0);
    assert_int_equal(r.segment_count, 1);
    ASSERT_SEGMENT(r.segments[0], 2, 2, 2, 1);
    assert_int_equal(sg__ph_map_offset(&r, 1), 1);
    assert_int_equal(sg__ph_map_offset(&r, 2), 2);
    assert_int_equal(sg__ph_map_offset(&r, 3), 4);
    assert_int_equal(sg__ph_map_offset(&r, 4), 5);
    assert_int_equal(sg__ph_map_offset(&r, 5), 6);

    ASSERT_COMPILES_TO("%%%%", "%%");
    /* The 's' after an escaped '%' is text, not a placeholder. */
    r = compile("%%s");
    assert_string_equal(r.sql, "%s");
    assert_int_equal(r.style, SG_PH_NONE);
    r = compile("%%(a)s");
    assert_string_equal(r.sql, "%(a)s");
    assert_int_equal(r.style, SG_PH_NONE);
}

static void test_placeholders__percent_escape_next_to_placeholders(void **state)
{
    (void)state;
    sg__ph_result r = compile("%%%s%%");
    assert_string_equal(r.sql, "%$1%");
    assert_int_equal(r.style, SG_PH_POSITIONAL);
    assert_int_equal(r.placeholder_count, 1);
    ASSERT_PLACEHOLDER(r.placeholders[0], 2, 2, 1, 2, 1, NULL);
    assert_int_equal(r.segment_count, 3);
    ASSERT_SEGMENT(r.segments[0], 0, 2, 0, 1);
    ASSERT_SEGMENT(r.segments[1], 2, 2, 1, 2);
    ASSERT_SEGMENT(r.segments[2], 4, 2, 3, 1);
    assert_int_equal(sg__ph_map_offset(&r, 0), 0);
    assert_int_equal(sg__ph_map_offset(&r, 1), 2);
    assert_int_equal(sg__ph_map_offset(&r, 2), 2);
    assert_int_equal(sg__ph_map_offset(&r, 3), 4);
    assert_int_equal(sg__ph_map_offset(&r, 4), 6);

    r = compile("%(a)s%%%(b)s");
    assert_string_equal(r.sql, "$1%$2");
    assert_int_equal(r.segment_count, 3);
    ASSERT_SEGMENT(r.segments[0], 0, 5, 0, 2);
    ASSERT_SEGMENT(r.segments[1], 5, 2, 2, 1);
    ASSERT_SEGMENT(r.segments[2], 7, 5, 3, 2);
    ASSERT_PLACEHOLDER(r.placeholders[1], 7, 5, 3, 2, 2, "b");
}

/* ---- a '%' the pattern does not match ------------------------------------------------------ */

static void test_placeholders__trailing_percent(void **state)
{
    (void)state;
    sg__ph_result r = compile("x %");
    assert_string_equal(r.sql, "x %");
    assert_int_equal(r.style, SG_PH_NONE);
    assert_int_equal(r.segment_count, 0);
    ASSERT_COMPILES_TO("%", "%");
    ASSERT_COMPILES_TO("%s %", "$1 %");
    r = compile("%%%");
    assert_string_equal(r.sql, "%%");
    assert_int_equal(r.segment_count, 1);
    assert_int_equal(sg__ph_map_offset(&r, 1), 2);
    assert_int_equal(sg__ph_map_offset(&r, 2), 3);
}

static void test_placeholders__percent_before_newline(void **state)
{
    (void)state;
    sg__ph_result r = compile("a %\nb");
    assert_string_equal(r.sql, "a %\nb");
    assert_int_equal(r.segment_count, 0);
    r = compile("%\n%s");
    assert_string_equal(r.sql, "%\n$1");
    ASSERT_PLACEHOLDER(r.placeholders[0], 2, 2, 2, 2, 1, NULL);
    ASSERT_COMPILES_TO("%%\n", "%\n");
    ASSERT_COMPILES_TO("%\n%\n", "%\n%\n");
}

/* ---- errors -------------------------------------------------------------------------------- */

static void test_placeholders__unclosed_paren(void **state)
{
    (void)state;
    ASSERT_ERROR("x = %(abc", MSG_INCOMPLETE, 4);
    ASSERT_ERROR("%(", MSG_INCOMPLETE, 0);
    /* ')' must be followed by one byte, and not by a newline. */
    ASSERT_ERROR("%(abc)", MSG_INCOMPLETE, 0);
    ASSERT_ERROR("%(abc)\n", MSG_INCOMPLETE, 0);
    ASSERT_ERROR("%s %(abc)\nx", MSG_INCOMPLETE, 3);
    /* ... but a newline inside the name is fine. */
    ASSERT_COMPILES_TO("%(abc\n)s", "$1");
}

static void test_placeholders__empty_name(void **state)
{
    (void)state;
    ASSERT_ERROR("%()s", MSG_INCOMPLETE, 0);
    ASSERT_ERROR("%())s", MSG_INCOMPLETE, 0);
    /* The incomplete token is reported before any style mixing could be. */
    ASSERT_ERROR("%s %()s", MSG_INCOMPLETE, 3);
}

static void test_placeholders__percent_space(void **state)
{
    (void)state;
    ASSERT_ERROR("a % b", MSG_SPACE, 2);
    ASSERT_ERROR("%s % 2", MSG_SPACE, 3);
}

static void test_placeholders__unsupported_conversions(void **state)
{
    (void)state;
    ASSERT_ERROR("%d", MSG_ONLY "'%d'", 0);
    ASSERT_ERROR("a = %b", MSG_ONLY "'%b'", 4);
    ASSERT_ERROR("a = %t", MSG_ONLY "'%t'", 4);
    ASSERT_ERROR("%s, %x", MSG_ONLY "'%x'", 4);
    ASSERT_ERROR("%)", MSG_ONLY "'%)'", 0);
    ASSERT_ERROR("x %(a)d", MSG_ONLY "'%(a)d'", 2);
    ASSERT_ERROR("%(a)b", MSG_ONLY "'%(a)b'", 0);
    ASSERT_ERROR("%(a)t", MSG_ONLY "'%(a)t'", 0);
    ASSERT_ERROR("%(a)%", MSG_ONLY "'%(a)%'", 0);
    ASSERT_ERROR("%(a))s", MSG_ONLY "'%(a))'", 0);
    ASSERT_ERROR("%(a) s", MSG_ONLY "'%(a) '", 0);
}

static void test_placeholders__unsupported_token_is_shown_safely(void **state)
{
    (void)state;
    ASSERT_ERROR("%\t", MSG_ONLY "'%\\x09'", 0);
    ASSERT_ERROR("%\r\n", MSG_ONLY "'%\\x0d'", 0);
    ASSERT_ERROR("%é", MSG_ONLY "'%\\xc3'", 0);
    ASSERT_ERROR("%(é\x01)d", MSG_ONLY "'%(\\xc3\\xa9\\x01)d'", 0);
    ASSERT_ERROR("%(a\nb)\x7f", MSG_ONLY "'%(a\\x0ab)\\x7f'", 0);
    static const char nul[] = "%(a\0b)d";
    ASSERT_ERROR_LEN(nul, sizeof nul - 1, MSG_ONLY "'%(a\\x00b)d'", 0);
    static const char nul_conv[] = "%\0";
    ASSERT_ERROR_LEN(nul_conv, sizeof nul_conv - 1, MSG_ONLY "'%\\x00'", 0);

    char sql[64], message[160];
    /* Forty bytes of name are shown whole; one more and it is cut. */
    snprintf(sql, sizeof sql, "%%(%s)d", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn");
    snprintf(message, sizeof message, "%s'%s'", MSG_ONLY, sql);
    ASSERT_ERROR(sql, message, 0);
    snprintf(sql, sizeof sql, "%%(%s)d", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnX");
    ASSERT_ERROR(sql, MSG_ONLY "'%(nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...)d'", 0);
}

static void test_placeholders__mixed_styles(void **state)
{
    (void)state;
    ASSERT_ERROR("%s %(a)s", MSG_MIXED, 3);
    ASSERT_ERROR("%(a)s %s", MSG_MIXED, 6);
    ASSERT_ERROR("%%, %(a)s, %%, %s", MSG_MIXED, 15);
    /* "%%" has no style of its own: it mixes with either. */
    ASSERT_COMPILES_TO("%% %s %%", "% $1 %");
    ASSERT_COMPILES_TO("%% %(a)s %%", "% $1 %");
    /* Tokens are judged in order: a bad conversion is reported as such. */
    ASSERT_ERROR("%s %(a)d", MSG_ONLY "'%(a)d'", 3);
}

static void test_placeholders__first_error_wins(void **state)
{
    (void)state;
    ASSERT_ERROR("%d %(", MSG_ONLY "'%d'", 0);
    ASSERT_ERROR("%s %s % %d", MSG_SPACE, 6);
    ASSERT_ERROR("%s %( %d", MSG_INCOMPLETE, 3);
}

static void test_placeholders__error_result_is_otherwise_empty(void **state)
{
    (void)state;
    sg__ph_result r = compile_len("%s %s %d", 8);
    assert_non_null(r.error);
    assert_int_equal(r.error_offset, 6);
    assert_null(r.sql);
    assert_int_equal(r.sql_len, 0);
    assert_int_equal(r.placeholder_count, 0);
    assert_int_equal(r.segment_count, 0);
    assert_int_equal(r.name_count, 0);
    assert_int_equal(r.positional_count, 0);
    assert_int_equal(r.style, SG_PH_NONE);
}

/* ---- map_offset ---------------------------------------------------------------------------- */

static void test_placeholders__map_offset_through_segments(void **state)
{
    (void)state;
    const char *sql = "select %(id)s, 100 %% 7, %(name)s from t";
    sg__ph_result r = compile(sql);
    assert_string_equal(r.sql, "select $1, 100 % 7, $2 from t");
    assert_int_equal(r.segment_count, 3);
    ASSERT_SEGMENT(r.segments[0], 7, 6, 7, 2);
    ASSERT_SEGMENT(r.segments[1], 19, 2, 15, 1);
    ASSERT_SEGMENT(r.segments[2], 25, 8, 20, 2);

    static const size_t expect[][2] = {
        {0, 0},   {6, 6},   {7, 7},   {8, 7},   {9, 13},  {14, 18}, {15, 19},
        {16, 21}, {19, 24}, {20, 25}, {21, 25}, {22, 33}, {28, 39}, {29, 40},
    };
    for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++)
        assert_int_equal(sg__ph_map_offset(&r, expect[k][0]), expect[k][1]);
    assert_mapping_consistent(sql, &r);
}

static void test_placeholders__map_offset_without_segments(void **state)
{
    (void)state;
    sg__ph_result r = compile("a %\nb %");
    for (size_t c = 0; c <= r.sql_len; c++)
        assert_int_equal(sg__ph_map_offset(&r, c), c);

    /* A result that holds an error has no segments: the mapping is the identity. */
    r = compile_len("%d", 2);
    assert_non_null(r.error);
    assert_int_equal(sg__ph_map_offset(&r, 0), 0);
    assert_int_equal(sg__ph_map_offset(&r, 5), 5);
}

static void test_placeholders__map_offset_many_segments(void **state)
{
    (void)state;
    /* Enough segments that the binary search takes several steps each way. */
    char sql[2048];
    size_t n = 0;
    for (int k = 0; k < 100; k++) {
        const char *piece = k % 3 == 0 ? "%s" : k % 3 == 1 ? " %% " : "ab";
        size_t plen = strlen(piece);
        memcpy(sql + n, piece, plen);
        n += plen;
    }
    sql[n] = '\0';
    sg__ph_result r = compile(sql);
    assert_int_equal(r.segment_count, 67);
    assert_int_equal(r.positional_count, 34);
    assert_mapping_consistent(sql, &r);
}

/* ---- limits -------------------------------------------------------------------------------- */

static char *repeat(const char *piece, size_t times)
{
    size_t plen = strlen(piece);
    char *s = malloc(plen * times + 1);
    assert_non_null(s);
    for (size_t k = 0; k < times; k++)
        memcpy(s + k * plen, piece, plen);
    s[plen * times] = '\0';
    return s;
}

static void test_placeholders__positional_limit(void **state)
{
    (void)state;
    char *sql = repeat("%s", 65535);
    sg__ph_result r = compile(sql);
    assert_int_equal(r.positional_count, 65535);
    assert_int_equal(r.placeholder_count, 65535);
    /* 9 two-byte, 90 three-byte, 900 four-byte, 9000 five-byte and 55536 six-byte numbers. */
    assert_int_equal(r.sql_len, 9 * 2 + 90 * 3 + 900 * 4 + 9000 * 5 + 55536 * 6);
    assert_string_equal(r.sql + r.sql_len - 12, "$65534$65535");
    ASSERT_PLACEHOLDER(r.placeholders[65534], 2 * 65534, 2, r.sql_len - 6, 6, 65535, NULL);
    assert_int_equal(sg__ph_map_offset(&r, r.sql_len - 1), 2 * 65534);
    assert_int_equal(sg__ph_map_offset(&r, r.sql_len), 2 * 65535);
    free(sql);

    sql = repeat("%s", 65536);
    ASSERT_ERROR(sql, MSG_TOO_MANY, 2 * 65535);
    free(sql);
}

static char *distinct_names(size_t count, size_t *last_offset)
{
    char *s = malloc(count * 16 + 1);
    assert_non_null(s);
    size_t n = 0;
    for (size_t k = 0; k < count; k++) {
        *last_offset = n;
        n += (size_t)snprintf(s + n, 16, "%%(n%zu)s,", k);
    }
    s[n] = '\0';
    return s;
}

static void test_placeholders__named_limit(void **state)
{
    (void)state;
    size_t last;
    char *sql = distinct_names(65535, &last);
    sg__ph_result r = compile(sql);
    assert_int_equal(r.name_count, 65535);
    assert_string_equal(r.names[65534], "n65534");
    ASSERT_PLACEHOLDER(r.placeholders[65534], last, 10, r.sql_len - 7, 6, 65535, "n65534");
    free(sql);

    sql = distinct_names(65536, &last);
    ASSERT_ERROR(sql, MSG_TOO_MANY, last);
    free(sql);

    /* The limit is on parameters, not on uses: one name may appear any number of times. */
    sql = repeat("%(a)s", 70000);
    r = compile(sql);
    assert_int_equal(r.name_count, 1);
    assert_int_equal(r.placeholder_count, 70000);
    assert_int_equal(r.placeholders[69999].number, 1);
    assert_int_equal(r.sql_len, 140000);
    free(sql);
}

static void test_placeholders__oversized_length(void **state)
{
    (void)state;
    /* The bound the compile sizes its output by, five bytes per input byte, would overflow:
     * refused before reading. */
    sg__ph_result r;
    assert_int_equal(sg__ph_compile(&arena, "x", SIZE_MAX / 2, &r), -1);
    assert_null(r.sql);
    assert_null(r.error);
}

/* ---- allocation failure -------------------------------------------------------------------- */

static void assert_same_result(const sg__ph_result *a, const sg__ph_result *b)
{
    if (a->error || b->error) {
        assert_non_null(a->error);
        assert_non_null(b->error);
        assert_string_equal(a->error, b->error);
        assert_int_equal(a->error_offset, b->error_offset);
        return;
    }
    assert_int_equal(a->sql_len, b->sql_len);
    assert_memory_equal(a->sql, b->sql, a->sql_len + 1);
    assert_int_equal(a->style, b->style);
    assert_int_equal(a->positional_count, b->positional_count);
    assert_int_equal(a->placeholder_count, b->placeholder_count);
    for (size_t k = 0; k < a->placeholder_count; k++) {
        const sg__placeholder *p = &a->placeholders[k], *q = &b->placeholders[k];
        ASSERT_PLACEHOLDER(*p, q->src_offset, q->src_len, q->out_offset, q->out_len, q->number,
                           q->name);
    }
    assert_int_equal(a->segment_count, b->segment_count);
    for (size_t k = 0; k < a->segment_count; k++) {
        const sg__ph_segment *s = &b->segments[k];
        ASSERT_SEGMENT(a->segments[k], s->src_offset, s->src_len, s->out_offset, s->out_len);
    }
    assert_int_equal(a->name_count, b->name_count);
    for (size_t k = 0; k < a->name_count; k++)
        assert_string_equal(a->names[k], b->names[k]);
}

static void check_allocation_failures(const char *sql)
{
    size_t len = strlen(sql);
    sg__ph_result want;
    assert_int_equal(sg__ph_compile(&arena, sql, len, &want), 0);

    /* Budgets 0, 1, 2, ... until one suffices, then a few more to see it stays so. */
    int failures = 0, successes = 0;
    for (long n = 0; successes < 3; n++) {
        assert_true(n < 1000);
        sg__arena local;
        sg__arena_init(&local);
        sg__ph_result got;
        sg__alloc_fail_at(n + 1);
        int rc = sg__ph_compile(&local, sql, len, &got);
        sg__alloc_fail_at(0);
        if (rc == -1) {
            assert_int_equal(successes, 0);
            failures++;
            assert_null(got.sql);
            assert_null(got.error);
            assert_int_equal(got.placeholder_count, 0);
            assert_int_equal(got.segment_count, 0);
            assert_int_equal(got.name_count, 0);
        } else {
            assert_int_equal(rc, 0);
            assert_same_result(&got, &want);
            successes++;
        }
        sg__arena_release(&local);
    }
    assert_true(failures >= 1);
}

static void test_placeholders__allocation_failure(void **state)
{
    (void)state;
    size_t last;
    /* Many names: the output buffer, the name table, names[], the vectors all grow. */
    char *named = distinct_names(300, &last);
    char *twice = malloc(strlen(named) * 2 + 8);
    assert_non_null(twice);
    memcpy(twice, named, strlen(named));
    memcpy(twice + strlen(named), named, strlen(named) + 1);
    check_allocation_failures(twice);
    free(twice);
    free(named);

    char *positional = repeat("%s %% ", 400);
    check_allocation_failures(positional);
    free(positional);

    /* An error whose message is built in the arena, after the output buffer took a chunk. */
    char *error = repeat(" ", 2000);
    char *bad = malloc(2100);
    assert_non_null(bad);
    snprintf(bad, 2100, "%s%%(some_name)d", error);
    check_allocation_failures(bad);
    free(bad);
    free(error);

    check_allocation_failures("");
    check_allocation_failures("%(a)s %(b)s %(a)s");
}

static void test_placeholders__allocation_failure_at_every_kind_of_allocation(void **state)
{
    (void)state;
    /*
     * The arena only reaches the heap when a chunk runs out, so which
     * allocation fails depends on sizes. Sweeping the number and length of
     * names moves the chunk boundary across the name table, names[], the name
     * copies, the placeholders and the segments in turn.
     */
    char sql[8192];
    for (size_t count = 1; count <= 160; count++) {
        size_t n = 0;
        for (size_t k = 0; k < count; k++) {
            size_t name_len = 1 + (k * 7 + count) % 23;
            sql[n++] = '%';
            sql[n++] = '(';
            for (size_t j = 0; j < name_len; j++)
                sql[n++] = (char)('a' + (k + j) % 26);
            n += (size_t)snprintf(sql + n, 16, "%zu)s %%%% ", k % (count / 2 + 1));
        }
        sql[n] = '\0';
        check_allocation_failures(sql);

        n = 0;
        for (size_t k = 0; k < count * 2; k++) {
            memcpy(sql + n, k % 3 ? "%s," : "%%,", 3);
            n += 3;
        }
        sql[n] = '\0';
        check_allocation_failures(sql);
    }
}

/* ---- reference model ----------------------------------------------------------------------- */

/*
 * A second implementation of the same rules, shaped like psycopg's own code
 * rather than like the compiler: first find every match of the pattern, as
 * re.finditer does, then walk the matches, unescape "%%", validate, and number
 * the parameters with a plain linear name list. Returns REF_OK with the
 * compiled text, or the kind of error and the offset of the offending '%'.
 */
typedef struct ref_match {
    size_t start, end;
    bool named;
    size_t name_start, name_end;
} ref_match;

enum ref_error { REF_OK, REF_INCOMPLETE, REF_SPACE, REF_UNSUPPORTED, REF_MIXED };

static enum ref_error reference_compile(const char *s, size_t n, char *out, size_t *out_len,
                                        size_t *err_at)
{
    ref_match *m = calloc(n + 1, sizeof *m);
    size_t *name_start = calloc(n + 1, sizeof *name_start);
    size_t *name_len = calloc(n + 1, sizeof *name_len);
    assert_true(m && name_start && name_len);
    size_t count = 0;

    /* Phase 1: re.finditer(rb"%(?:(?:\(([^)]+)\).)|(?:.))", s). */
    size_t p = 0;
    while (p < n) {
        if (s[p] != '%') {
            p++;
            continue;
        }
        /* First alternative: '(' [^)]+ ')' then one non-newline byte. */
        size_t q = p + 1;
        if (q < n && s[q] == '(') {
            size_t r = q + 1;
            while (r < n && s[r] != ')')
                r++;
            if (r < n && r - (q + 1) >= 1 && r + 1 < n && s[r + 1] != '\n') {
                m[count++] = (ref_match){p, r + 2, true, q + 1, r};
                p = r + 2;
                continue;
            }
        }
        /* Second alternative: any one byte but a newline. */
        if (q < n && s[q] != '\n') {
            m[count++] = (ref_match){p, p + 2, false, 0, 0};
            p += 2;
            continue;
        }
        p++;
    }

    /* Phase 2: psycopg's _split_query loop. */
    size_t o = 0, cur = 0, names = 0, positional = 0;
    int style = 0; /* 0: none yet, 1: named, 2: positional */
    enum ref_error result = REF_OK;
    for (size_t k = 0; k < count; k++) {
        const ref_match *t = &m[k];
        memcpy(out + o, s + cur, t->start - cur);
        o += t->start - cur;
        cur = t->end;
        char last = s[t->end - 1];
        if (!t->named && last == '%') {
            out[o++] = '%';
            continue;
        }
        if (!t->named && last == '(')
            result = REF_INCOMPLETE;
        else if (!t->named && last == ' ')
            result = REF_SPACE;
        else if (last != 's')
            result = REF_UNSUPPORTED;
        else if (style && style != (t->named ? 1 : 2))
            result = REF_MIXED;
        if (result != REF_OK) {
            *err_at = t->start;
            break;
        }
        int this_style = t->named ? 1 : 2;
        style = this_style;
        size_t number;
        if (t->named) {
            size_t len = t->name_end - t->name_start;
            number = 0;
            for (size_t j = 0; j < names; j++) {
                if (name_len[j] == len && memcmp(s + name_start[j], s + t->name_start, len) == 0)
                    number = j + 1;
            }
            if (!number) {
                name_start[names] = t->name_start;
                name_len[names] = len;
                number = ++names;
            }
        } else {
            number = ++positional;
        }
        o += (size_t)snprintf(out + o, 12, "$%zu", number);
    }
    if (result == REF_OK) {
        memcpy(out + o, s + cur, n - cur);
        o += n - cur;
        *out_len = o;
    }
    free(m);
    free(name_start);
    free(name_len);
    return result;
}

static void compare_with_reference(sg__arena *a, const char *s, size_t n)
{
    char want[512];
    size_t want_len = 0, want_err = 0;
    enum ref_error want_error = reference_compile(s, n, want, &want_len, &want_err);

    sg__ph_result r;
    assert_int_equal(sg__ph_compile(a, s, n, &r), 0);
    if ((want_error == REF_OK) != (r.error == NULL)) {
        fail_msg("\"%.*s\": reference %s, compiler %s", (int)n, s,
                 want_error == REF_OK ? "ok" : "error", r.error ? r.error : "ok");
    }
    if (want_error != REF_OK) {
        assert_int_equal(r.error_offset, want_err);
        switch (want_error) {
        case REF_INCOMPLETE:
            assert_string_equal(r.error, MSG_INCOMPLETE);
            break;
        case REF_SPACE:
            assert_string_equal(r.error, MSG_SPACE);
            break;
        case REF_MIXED:
            assert_string_equal(r.error, MSG_MIXED);
            break;
        default:
            assert_memory_equal(r.error, MSG_ONLY, strlen(MSG_ONLY));
            break;
        }
        return;
    }
    assert_int_equal(r.sql_len, want_len);
    assert_memory_equal(r.sql, want, want_len);
    assert_int_equal(r.sql[r.sql_len], '\0');
    for (size_t k = 0; k < r.segment_count; k++) {
        const sg__ph_segment *seg = &r.segments[k];
        assert_int_equal(s[seg->src_offset], '%');
        assert_memory_equal(r.sql + seg->out_offset, seg->out_len == 1 ? "%" : "$", 1);
    }
    assert_int_equal(sg__ph_map_offset(&r, r.sql_len), n);
}

static const char ALPHABET[] = "%()sda \nx";

static void test_placeholders__matches_reference_exhaustively(void **state)
{
    (void)state;
    enum { MAX_LEN = 6, SYMBOLS = sizeof ALPHABET - 1 };
    sg__arena a;
    sg__arena_init(&a);
    size_t checked = 0;
    for (size_t len = 0; len <= MAX_LEN; len++) {
        size_t digits[MAX_LEN] = {0};
        char s[MAX_LEN];
        for (;;) {
            for (size_t k = 0; k < len; k++)
                s[k] = ALPHABET[digits[k]];
            compare_with_reference(&a, s, len);
            if (++checked % 4096 == 0) {
                sg__arena_release(&a);
                sg__arena_init(&a);
            }
            size_t k = 0;
            while (k < len && ++digits[k] == SYMBOLS)
                digits[k++] = 0;
            if (k == len)
                break;
        }
    }
    sg__arena_release(&a);
    assert_int_equal(checked, (size_t)(1 + 9 + 81 + 729 + 6561 + 59049 + 531441));
}

static void test_placeholders__matches_reference_on_random_strings(void **state)
{
    (void)state;
    uint32_t seed = 0x5eed1234u;
    sg__arena a;
    sg__arena_init(&a);
    for (int k = 0; k < 3000; k++) {
        char s[64];
        seed = seed * 1664525u + 1013904223u;
        size_t len = 7 + (seed >> 16) % 57;
        for (size_t j = 0; j < len; j++) {
            seed = seed * 1664525u + 1013904223u;
            /* Weight '%' and 's' up so that long strings still hold valid placeholders. */
            uint32_t pick = (seed >> 16) % 14;
            s[j] = pick < 9 ? ALPHABET[pick] : pick < 12 ? '%' : 's';
        }
        compare_with_reference(&a, s, len);
    }
    sg__arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(test_placeholders__##name, setup, teardown)
        T(empty_input),
        T(plain_text_is_copied),
        T(bytes_after_length_are_ignored),
        T(named),
        T(named_repeated),
        T(named_numbered_by_first_use),
        T(names_with_odd_bytes),
        T(names_compare_all_bytes),
        T(positional),
        T(placeholder_at_start_and_end),
        T(numbers_past_nine),
        T(records_reserved_or_grown),
        T(percent_escape),
        T(percent_escape_next_to_placeholders),
        T(trailing_percent),
        T(percent_before_newline),
        T(unclosed_paren),
        T(empty_name),
        T(percent_space),
        T(unsupported_conversions),
        T(unsupported_token_is_shown_safely),
        T(mixed_styles),
        T(first_error_wins),
        T(error_result_is_otherwise_empty),
        T(map_offset_through_segments),
        T(map_offset_without_segments),
        T(map_offset_many_segments),
        T(positional_limit),
        T(named_limit),
        T(oversized_length),
        T(allocation_failure),
        T(allocation_failure_at_every_kind_of_allocation),
        T(matches_reference_exhaustively),
        T(matches_reference_on_random_strings),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
