/*
 * test_pgvalue.c - which parameter texts PostgreSQL 15 refuses for a column's
 * type: families of accepted and refused neighbours per type, each with the
 * answer the server gives (OK: taken; BAD: refused and reported; MISS:
 * refused, but too subtle to judge, so taken). With --server, on the
 * throw-away cluster of tests/pg/cluster.sh, every family and thousands of
 * random mutations of them are inserted as a text parameter into a column of
 * the type: whenever sg__pgvalue_check reports a problem the server must
 * refuse (no false positive at all), the families' answers must be the
 * server's, and for uuid, the integers, boolean, character lengths, json and
 * jsonb no refusal may go unreported.
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

#include <libpq-fe.h>

#include "pgvalue.h"
#include "sqlguard.h"
#include "pgsupport.h"
#include "support.h"
#include "util/arena.h"
#include "util/pgtype.h"

typedef enum answer { OK, BAD, MISS } answer;

typedef struct value_case {
    const char *type; /* as a column declares it */
    const char *text;
    answer expect;
} value_case;

static const value_case cases[] = {
    /* uuid */
    {"uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", OK},
    {"uuid", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", OK},
    {"uuid", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", OK},
    {"uuid", "a0eebc999c0b4ef8bb6d6bb9bd380a11", OK},
    {"uuid", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", OK},
    {"uuid", "{a0eebc999c0b4ef8bb6d6bb9bd380a11}", OK},
    {"uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", BAD},
    {"uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111", BAD},
    {"uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g", BAD},
    {"uuid", " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", BAD},
    {"uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 ", BAD},
    {"uuid", "a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11", BAD},
    {"uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-", BAD},
    {"uuid", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", BAD},
    {"uuid", "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11", BAD},
    {"uuid", "", BAD},
    {"uuid", "42", BAD},
    {"uuid", "true", BAD},
    /* integers */
    {"integer", "42", OK},
    {"integer", " -42 ", OK},
    {"integer", "+7", OK},
    {"integer", "2147483647", OK},
    {"integer", "-2147483648", OK},
    {"integer", "0007", OK},
    {"integer", "\t12\n", OK},
    {"integer", "2147483648", BAD},
    {"integer", "-2147483649", BAD},
    {"integer", "99999999999999999999999", BAD},
    {"integer", "1.0", BAD},
    {"integer", "1e3", BAD},
    {"integer", "1_000", BAD},
    {"integer", "0x10", BAD},
    {"integer", "12 3", BAD},
    {"integer", "- 1", BAD},
    {"integer", "-", BAD},
    {"integer", "", BAD},
    {"integer", "true", BAD},
    {"smallint", "32767", OK},
    {"smallint", "-32768", OK},
    {"smallint", "32768", BAD},
    {"smallint", "-32769", BAD},
    {"bigint", "9223372036854775807", OK},
    {"bigint", "-9223372036854775808", OK},
    {"bigint", "9223372036854775808", BAD},
    {"bigint", "-9223372036854775809", BAD},
    {"bigint", "18446744073709551616", BAD},
    /* numeric */
    {"numeric", "3.14", OK},
    {"numeric", " -0.5e-3 ", OK},
    {"numeric", "5.", OK},
    {"numeric", "+.5", OK},
    {"numeric", "1e 5", OK},
    {"numeric", "NaN", OK},
    {"numeric", "-Infinity", OK},
    {"numeric", "inf", OK},
    {"numeric", "1e131071", OK},
    {"numeric", "1e131072", BAD},
    {"numeric", "1e-16383", OK},
    {"numeric", "1e-16384", BAD},
    {"numeric", "1.50e-16382", BAD},
    {"numeric", "0e-16384", BAD},
    {"numeric", "1e9999999999", BAD},
    {"numeric", ".", BAD},
    {"numeric", "1e", BAD},
    {"numeric", "1.2.3", BAD},
    {"numeric", "nanx", BAD},
    {"numeric", "infinit", BAD},
    {"numeric", "1,5", BAD},
    {"numeric", "", BAD},
    {"numeric", "abc", BAD},
    {"numeric(5,2)", "999.99", OK},
    {"numeric(5,2)", "999.994", OK},
    {"numeric(5,2)", "-999.994", OK},
    {"numeric(5,2)", "999.995", BAD},
    {"numeric(5,2)", "1000", BAD},
    {"numeric(5,2)", "0.001", OK},
    {"numeric(5,2)", "1e-16383", OK},
    {"numeric(5,2)", "1e-20000", BAD},
    {"numeric(5,2)", "0.5e-16383", BAD},
    {"numeric(5,2)", "1.5e-16382", OK},
    {"numeric(5,2)", "NaN", OK},
    {"numeric(5,2)", "Infinity", BAD},
    {"numeric(5,2)", "12345e-2", OK},
    {"numeric(5,2)", "99999e-2", OK},
    {"numeric(3,5)", "0.00999", OK},
    {"numeric(3,5)", "0.009995", BAD},
    {"numeric(3,5)", "0.01", BAD},
    {"numeric(3,5)", "0.000001", OK},
    {"numeric(5,-2)", "9999949", OK},
    {"numeric(5,-2)", "9999950", BAD},
    {"numeric(5,-2)", "12", OK},
    /* floats */
    {"double precision", "3.14", OK},
    {"double precision", " 1e308 ", OK},
    {"double precision", "1.7976931348623157e308", OK},
    {"double precision", "1e309", BAD},
    {"double precision", "-1e309", BAD},
    {"double precision", "1e-324", BAD},
    {"double precision", "3e-324", OK},
    {"double precision", "0e-999999", OK},
    {"double precision", "NaN", OK},
    {"double precision", "-INFINITY", OK},
    {"double precision", "inf", OK},
    {"double precision", "nan(123)", OK},
    {"double precision", "0x1p-3", OK},
    {"double precision", "5.", OK},
    {"double precision", ".5", OK},
    {"double precision", "1e5", OK},
    {"double precision", "1e 5", BAD},
    {"double precision", "1e", BAD},
    {"double precision", "infinit", BAD},
    {"double precision", "", BAD},
    {"double precision", ".", BAD},
    {"double precision", "1,5", BAD},
    {"double precision", "2e-324", BAD},
    {"double precision", "2.5e-324", OK},
    {"double precision", "2.47e-324", BAD},
    {"double precision", "1.7976931348623158e308", OK},
    {"double precision", "1.797693134862316e308", BAD},
    {"real", "3.4e38", OK},
    {"real", "3.5e38", BAD},
    {"real", "1e39", BAD},
    {"real", "9e-46", OK},
    {"real", "5e-47", BAD},
    {"real", "5e-46", BAD},
    {"real", "7.006e-46", BAD},
    {"real", "7.1e-46", OK},
    {"real", "3.4028235e38", OK},
    {"real", "3.4028236e38", BAD},
    /* boolean */
    {"boolean", "true", OK},
    {"boolean", "false", OK},
    {"boolean", " TRUE ", OK},
    {"boolean", "t", OK},
    {"boolean", "tr", OK},
    {"boolean", "F", OK},
    {"boolean", "yes", OK},
    {"boolean", "y", OK},
    {"boolean", "n", OK},
    {"boolean", "no", OK},
    {"boolean", "on", OK},
    {"boolean", "of", OK},
    {"boolean", "off", OK},
    {"boolean", "1", OK},
    {"boolean", "0", OK},
    {"boolean", "o", BAD},
    {"boolean", "onn", BAD},
    {"boolean", "truee", BAD},
    {"boolean", "10", BAD},
    {"boolean", "2", BAD},
    {"boolean", "y e", BAD},
    {"boolean", "", BAD},
    {"boolean", "nope", BAD},
    /* dates and timestamps */
    {"date", "2024-02-29", OK},
    {"date", " 2024-1-5 ", OK},
    {"date", "2024-02-30", BAD},
    {"date", "2023-02-29", BAD},
    {"date", "1900-02-29", BAD},
    {"date", "2000-02-29", OK},
    {"date", "2024-13-01", BAD},
    {"date", "2024-00-10", BAD},
    {"date", "2024-01-00", BAD},
    {"date", "0000-01-01", BAD},
    {"date", "2024-01-01 10:00", OK},
    {"date", "2024-01-01 25:00", BAD},
    {"date", "today", OK},
    {"date", "infinity", OK},
    {"date", "-infinity", OK},
    {"date", "epoch", OK},
    {"date", "January 8, 1999", OK},
    {"date", "1999-Jan-08", OK},
    {"date", "01/02/2024", OK},
    {"date", "20240102", OK},
    {"date", "2024-01-02 BC", OK},
    {"date", "", BAD},
    {"date", "hello", BAD},
    {"date", "Japan", BAD},
    {"date", "2024-01-01 \xc3\xa9", BAD},
    {"date", "13/13/2024", MISS},
    {"date", "2024-01-32x", MISS},
    {"timestamp without time zone", "2024-01-01 10:00:00", OK},
    {"timestamp without time zone", "2024-01-01T10:00:00.123456", OK},
    {"timestamp without time zone", "2024-01-01 24:00:00", OK},
    {"timestamp without time zone", "2024-01-01 23:59:60", OK},
    {"timestamp without time zone", "2024-01-01 10:00:00+05", OK},
    {"timestamp without time zone", "2024-01-01 24:00:01", BAD},
    {"timestamp without time zone", "2024-01-01 10:60:00", BAD},
    {"timestamp without time zone", "2024-01-01 10:00:61", BAD},
    {"timestamp without time zone", "2024-02-30 10:00:00", BAD},
    {"timestamp without time zone", "now", OK},
    {"timestamp without time zone", "allballs", MISS},
    {"timestamp without time zone", "nope", BAD},
    {"timestamp with time zone", "2024-01-01T10:00:00Z", OK},
    {"timestamp with time zone", "2024-01-01 10:00:00+15:59", OK},
    {"timestamp with time zone", "2024-01-01 10:00:00 -0530", OK},
    {"timestamp with time zone", "2024-01-01 10:00:00+16:00", BAD},
    {"timestamp with time zone", "2024-01-01 10:00:00+05:60", BAD},
    {"timestamp with time zone", "2024-01-01 10:00:00 America/New_York", OK},
    {"timestamp with time zone", "2024-01-01 10:00:00 Mars/Olympus", MISS},
    {"timestamp with time zone", "tomorrow", OK},
    {"timestamp with time zone", "Sat Jan 06 10:00:00 2024 PST", OK},
    /* character lengths */
    {"character varying(3)", "USD", OK},
    {"character varying(3)", "USDX", BAD},
    {"character varying(3)", "USD   ", OK},
    {"character varying(3)", "USD\t", BAD},
    {"character varying(3)", "U  S", BAD},
    {"character varying(3)", "\xc3\xa9\xc3\xa9\xc3\xa9", OK},
    {"character varying(3)", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", BAD},
    {"character varying(3)", "\xc3\xa9\xc3\xa9\xc3\xa9  ", OK},
    {"character varying(3)", "", OK},
    {"character(3)", "ab", OK},
    {"character(3)", "abc  ", OK},
    {"character(3)", "abcd", BAD},
    {"character(1)", "ab", BAD},
    {"character varying", "a very long text indeed", OK},
    {"bpchar", "a very long text indeed", OK},
    {"text", "anything at all {}", OK},
    /* json and jsonb */
    {"json", "{\"a\": [1, 2.5e3, -0, true, null, \"x\"]}", OK},
    {"json", " 42 ", OK},
    {"json", "\"\\u0000\"", OK},
    {"json", "\"\\ud800\"", OK},
    {"json", "\"\\ud800\\ud800\"", OK},
    {"json", "[]", OK},
    {"json", "{\"a\":1,\"a\":2}", OK},
    {"json", "1e999999", OK},
    {"json", "", BAD},
    {"json", "{\"a\":1,}", BAD},
    {"json", "[1,]", BAD},
    {"json", "01", BAD},
    {"json", "1.", BAD},
    {"json", ".5", BAD},
    {"json", "+1", BAD},
    {"json", "-", BAD},
    {"json", "NaN", BAD},
    {"json", "True", BAD},
    {"json", "'a'", BAD},
    {"json", "{a: 1}", BAD},
    {"json", "{\"a\" 1}", BAD},
    {"json", "\"\\x\"", BAD},
    {"json", "\"\\u12\"", BAD},
    {"json", "\"a\tb\"", BAD},
    {"json", "1 2", BAD},
    {"json", "\f1", BAD},
    {"json", "\v1", BAD},
    {"json", "[1", BAD},
    {"json", "{\"a\":}", BAD},
    {"json", "hello", BAD},
    {"jsonb", "{\"a\": {\"b\": [1, \"\\ud83d\\ude00\"]}}", OK},
    {"jsonb", "\"\\u0000\"", BAD},
    {"jsonb", "\"\\ud800\"", BAD},
    {"jsonb", "\"\\udc00\"", BAD},
    {"jsonb", "\"\\ud800x\"", BAD},
    {"jsonb", "\"\\ud800\\u0041\"", BAD},
    {"jsonb", "1e131071", OK},
    {"jsonb", "1e131072", BAD},
    {"jsonb", "1e-16384", BAD},
    {"jsonb", "[1,]", BAD},
    /* arrays */
    {"integer[]", "{1,2,3}", OK},
    {"integer[]", " { 1 , 2 } ", OK},
    {"integer[]", "{}", OK},
    {"integer[]", "{ }", OK},
    {"integer[]", "{NULL,null,3}", OK},
    {"integer[]", "{{1,2},{3,4}}", OK},
    {"integer[]", "{\"1\",\"2\"}", OK},
    {"integer[]", "[1:2]={1,2}", OK},
    {"integer[]", "{{{{{{1}}}}}}", OK},
    {"integer[]", "{{{{{{{1}}}}}}}", BAD},
    {"integer[]", "{1,x}", BAD},
    {"integer[]", "{1,2147483648}", BAD},
    {"integer[]", "{\"\"}", BAD},
    {"integer[]", "{\"NULL\"}", BAD},
    {"integer[]", "1,2", BAD},
    {"integer[]", "", BAD},
    {"integer[]", "{1,2", BAD},
    {"integer[]", "{1,,2}", BAD},
    {"integer[]", "{1,}", BAD},
    {"integer[]", "{,1}", BAD},
    {"integer[]", "{{}}", BAD},
    {"integer[]", "{{1,2},{3}}", BAD},
    {"integer[]", "{{1,2},3}", BAD},
    {"integer[]", "{1,{2}}", BAD},
    {"integer[]", "{{1},{}}", BAD},
    {"integer[]", "{{{1,2}},{3,4}}", MISS},
    {"integer[]", "{{{1,2}},{3}}", OK},
    {"integer[]", "{{{x}},{2}}", OK},
    {"integer[]", "{{1},{{2}}}", OK},
    {"integer[]", "{1} x", BAD},
    {"integer[]", "{1}}", BAD},
    {"integer[]", "[1:2]={1,2,3}", MISS},
    {"text[]", "{a b, \"c,d\", \"e\\\"f\", g\\,h}", OK},
    {"text[]", "{\"a\"b}", BAD},
    {"text[]", "{a\"b\"}", BAD},
    {"text[]", "{\"a}", BAD},
    {"text[]", "{a\\}", BAD},
    {"text[]", "{\"\", \"NULL\", NULL}", OK},
    {"uuid[]", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,\"a0eebc999c0b4ef8bb6d6bb9bd380a11\"}", OK},
    {"uuid[]", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,a0eebc99}", BAD},
    {"character varying(3)[]", "{USD,EUR}", OK},
    {"character varying(3)[]", "{USD,\"EURO\"}", BAD},
    {"character varying(3)[]", "{\"USD   \"}", OK},
    {"character varying(3)[]", "{US\\D}", OK},
    {"boolean[]", "{true,\"false\",t,off}", OK},
    {"boolean[]", "{true,maybe}", BAD},
    {"json[]", "{\"{\\\"a\\\":1}\",\"[1,2]\",\"true\"}", OK},
    {"json[]", "{\"{\\\"a\\\":}\"}", BAD},
    {"jsonb[]", "{\"\\\"\\\\u0000\\\"\"}", BAD},
    {"numeric(5,2)[]", "{1.5,\"999.999\"}", BAD},
    {"date[]", "{2024-01-01,\"2024-02-30\"}", BAD},
    {"timestamp with time zone[]", "{\"2024-01-01 10:00:00+01\",now}", OK},
    /* not valid UTF-8, whatever the type */
    {"text", "\xc3(", BAD},
    {"inet", "\xff", BAD},
    /* types not judged */
    {"inet", "not an address", MISS},
    {"interval", "not an interval", MISS},
};

/* sg__pgvalue_check's problem, which must not run out of memory here. */
static const char *judged(const sg__pgtype *t, const char *text, char *why, size_t n)
{
    const char *found = "unset";
    assert_int_equal(sg__pgvalue_check(t, text, why, n, &found), 0);
    return found;
}

static bool problem(const char *type, const char *text, char *why, size_t n)
{
    sg__pgtype t;
    if (!sg__pgtype_parse(type, &t))
        fail_msg("%s is no type name", type);
    return judged(&t, text, why, n) != NULL;
}

static void test_pgvalue__families(void **state)
{
    (void)state;
    size_t bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char why[160] = "";
        bool got = problem(cases[i].type, cases[i].text, why, sizeof why);
        if (got != (cases[i].expect == BAD)) {
            print_error("%s '%s': %s\n", cases[i].type, cases[i].text,
                        got ? why : "taken, but the server refuses it");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static const char *reason(const char *type, const char *text)
{
    static char why[160];
    why[0] = '\0';
    if (!problem(type, text, why, sizeof why))
        return NULL;
    return why;
}

static void test_pgvalue__reasons(void **state)
{
    (void)state;
    assert_string_equal(reason("uuid", "x"), "is not a uuid");
    assert_string_equal(reason("int2", "40000"), "is out of range for smallint");
    assert_string_equal(reason("int", "4.5"), "is not an integer");
    assert_string_equal(reason("numeric(5,2)", "1000"), "is out of range for numeric(5,2)");
    assert_string_equal(reason("decimal", "x"), "is not a number");
    assert_string_equal(reason("float4", "1e40"), "is out of range for real");
    assert_string_equal(reason("bool", "maybe"), "is not a boolean");
    assert_string_equal(reason("date", "2024-02-30"), "is not a valid date");
    assert_string_equal(reason("timestamptz", "2024-02-30 10:00"), "is not a valid timestamp");
    assert_string_equal(reason("varchar(3)", "USDX"), "is longer than 3 characters");
    assert_string_equal(reason("char", "ab"), "is longer than 1 character");
    assert_string_equal(reason("json", "{"), "is not valid JSON");
    assert_string_equal(reason("jsonb", "\"\\u0000\""), "holds \\u0000, which jsonb refuses");
    assert_string_equal(reason("int[]", "{1,x,3}"), "element 2 is not an integer");
    assert_string_equal(reason("int[]", "{{1,NULL},{3,x}}"), "element 4 is not an integer");
    assert_string_equal(reason("int[]", "1"), "is not an array literal");
    assert_string_equal(reason("int[]", "{1,,2}"), "is a malformed array literal");
    assert_string_equal(reason("int[]", "{{1},{2,3}}"), "has sub-arrays of different sizes");
    assert_string_equal(reason("int[]", "{{{{{{{1}}}}}}}"), "has more than 6 dimensions");
    assert_string_equal(reason("text", "\xc3"), "is not valid UTF-8");
    /* comparisons type the parameter without modifiers: no length check */
    assert_null(reason("varchar", "USDX"));
}

/* A reason always comes back non-NULL, even without room to write it, and
 * a short buffer is cut, terminated. */
static void test_pgvalue__buffers(void **state)
{
    (void)state;
    sg__pgtype t;
    assert_true(sg__pgtype_parse("uuid", &t));
    assert_non_null(judged(&t, "x", NULL, 0));
    char small[5];
    assert_ptr_equal(judged(&t, "x", small, sizeof small), small);
    assert_string_equal(small, "is n");
    assert_null(judged(&t, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", small, 5));
    assert_null(judged(NULL, "x", small, 5));
    assert_null(judged(&t, NULL, small, 5));
}

/* json and jsonb values go through the JSON loader, which allocates: every
 * allocation failing in turn is -1 with nothing left allocated, never an
 * answer, until the judgement completes with the answer it gives anyway. */
static void test_pgvalue__json_out_of_memory(void **state)
{
    (void)state;
    /* cJSON's own allocations count too, as in the command line */
    assert_int_equal(sg_json_allocator_install(), SG_OK);
    static const struct {
        const char *type, *text;
        bool bad;
    } values[] = {
        {"jsonb", "{\"a\": [1, \"\\ud83d\\ude00\", 2.5e3]}", false},
        {"jsonb", "{\"a\": \"\\ud800\"}", true},
        {"json", "{\"a\": \"\\u0000\"}", false},
        {"jsonb[]", "{\"{\\\"a\\\": 1}\",\"[1,]\"}", true},
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        sg__pgtype t;
        assert_true(sg__pgtype_parse(values[i].type, &t));
        int rc = -1;
        unsigned long k;
        for (k = 1; rc < 0 && k < 1000; k++) {
            long live = sg__alloc_live();
            const char *found = "unset";
            char why[160];
            sg__alloc_fail_at(k);
            rc = sg__pgvalue_check(&t, values[i].text, why, sizeof why, &found);
            sg__alloc_fail_at(0);
            assert_int_equal(sg__alloc_live(), live);
            if (rc < 0)
                continue;
            assert_int_equal(rc, 0);
            if (values[i].bad)
                assert_non_null(found);
            else
                assert_null(found);
        }
        assert_true(k > 2); /* at least one allocation failed on the way */
        assert_int_equal(rc, 0);
    }
}

static void test_pgvalue__judged(void **state)
{
    (void)state;
    static const char *const judged[] = {
        "uuid",   "int2", "integer", "bigint",    "numeric(3)",  "float4",
        "float8", "bool", "date",    "timestamp", "timestamptz", "varchar(3)",
        "char",   "text", "json",    "jsonb",     "_int4",       "text[]"};
    static const char *const not_judged[] = {"inet", "interval", "time", "bytea", "mood", "app.t"};
    sg__pgtype t;
    for (size_t i = 0; i < sizeof judged / sizeof judged[0]; i++) {
        assert_true(sg__pgtype_parse(judged[i], &t));
        if (!sg__pgvalue_judged(&t))
            fail_msg("%s is judged", judged[i]);
    }
    for (size_t i = 0; i < sizeof not_judged / sizeof not_judged[0]; i++) {
        assert_true(sg__pgtype_parse(not_judged[i], &t));
        if (sg__pgvalue_judged(&t))
            fail_msg("%s is not judged", not_judged[i]);
    }
    assert_false(sg__pgvalue_judged(NULL));
}

/* Deep JSON is not judged, and judging it stays within a small stack. */
static void test_pgvalue__deep_json(void **state)
{
    (void)state;
    size_t depth = 100000;
    char *text = malloc(2 * depth + 1);
    assert_non_null(text);
    memset(text, '[', depth);
    memset(text + depth, ']', depth);
    text[2 * depth] = '\0';
    assert_null(reason("jsonb", text));
    text[2 * depth - 1] = '}';
    assert_null(reason("json", text)); /* too deep to judge */
    free(text);
    assert_string_equal(reason("json", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}"),
                        "is not valid JSON");
    /* around the depths the loader and cJSON stop at (512 and 1000): valid
     * nesting is never refused, invalid nesting within 512 is */
    static const size_t depths[] = {300, 512, 513, 999, 1000, 1001, 2000};
    for (size_t i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        size_t d = depths[i];
        char *nested = malloc(2 * d + 2);
        assert_non_null(nested);
        memset(nested, '[', d);
        memset(nested + d, ']', d);
        nested[2 * d] = '\0';
        assert_null(reason("jsonb", nested));
        assert_null(reason("json", nested));
        nested[2 * d - 1] = ',';
        nested[2 * d] = ']';
        nested[2 * d + 1] = '\0';
        if (d <= 512)
            assert_string_equal(reason("jsonb", nested), "is not valid JSON");
        else
            assert_null(reason("jsonb", nested)); /* too deep to judge */
        free(nested);
    }
}

/* ---- against the server ---------------------------------------------------- */

/* A fresh database of the cluster, with client encoding UTF-8 as the
 * executor pins it. */
static PGconn *connect_to_cluster(void)
{
    char *dsn = sg_test_pg_dsn(SG_PG_STATE);
    PGconn *pg = sg_test_pg_fresh_database(dsn, "sg_pgvalue");
    free(dsn);
    return pg;
}

/* The server's answer: whether a column of `type` takes `text` as a text
 * parameter, in an INSERT (the value assigned, modifiers applied). */
static bool server_takes(PGconn *pg, size_t column, const char *text)
{
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO probe (c%zu) VALUES ($1)", column);
    const char *values[1] = {text};
    PGresult *res = PQexecParams(pg, sql, 1, NULL, values, NULL, NULL, 0);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    return ok;
}

typedef struct tally {
    const char *type;
    size_t tried, refused, reported, missed, false_positives;
} tally;

/* The types whose refusals must all be reported. */
static bool must_catch_all(const char *type)
{
    static const char *const all[] = {
        "uuid",         "integer",      "smallint", "bigint", "boolean", "character varying(3)",
        "character(3)", "character(1)", "json",     "jsonb"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(type, all[i]) == 0)
            return true;
    return false;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static unsigned next_random(unsigned bound)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % bound);
}

/* A random small change: a character deleted, inserted, replaced or
 * doubled, the text cut, or its case flipped. */
static void mutate(const char *seed, char *out, size_t n)
{
    static const char *const pieces[] = {
        "0", "1", "5", "9",        "-",    "+",  ".",    "e",    "E",     " ",    "\t", ":",
        "T", "Z", "{", "}",        ",",    "\"", "\\",   "[",    "]",     "a",    "f",  "g",
        "x", "n", "N", "\xc3\xa9", "0000", "99", "NULL", "true", "u0000", "ud800"};
    size_t len = strlen(seed);
    size_t at = len ? next_random((unsigned)len + 1) : 0;
    const char *piece = pieces[next_random(sizeof pieces / sizeof pieces[0])];
    switch (next_random(6)) {
    case 0: /* delete */
        snprintf(out, n, "%.*s%s", (int)at, seed, at < len ? seed + at + 1 : "");
        break;
    case 1: /* insert */
        snprintf(out, n, "%.*s%s%s", (int)at, seed, piece, seed + at);
        break;
    case 2: /* replace */
        snprintf(out, n, "%.*s%s%s", (int)at, seed, piece, at < len ? seed + at + 1 : "");
        break;
    case 3: /* double a run */
        snprintf(out, n, "%.*s%s", (int)at, seed, seed + (at ? at - 1 : 0));
        break;
    case 4: /* cut */
        snprintf(out, n, "%.*s", (int)at, seed);
        break;
    default: /* flip case */
        snprintf(out, n, "%s", seed);
        for (char *p = out; *p; p++)
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
                *p ^= 0x20;
        break;
    }
    /* never a cut inside a UTF-8 character: the server would refuse it for
     * its bytes, which says nothing about the type */
    size_t l = strlen(out);
    while (l > 0 && ((unsigned char)out[l - 1] & 0xC0) == 0x80)
        l--;
    if (l > 0 && (unsigned char)out[l - 1] >= 0xC0)
        out[l - 1] = '\0';
}

static tally *tally_of(tally *tallies, size_t *count, const char *type)
{
    for (size_t i = 0; i < *count; i++)
        if (strcmp(tallies[i].type, type) == 0)
            return &tallies[i];
    tallies[*count] = (tally){type, 0, 0, 0, 0, 0};
    return &tallies[(*count)++];
}

/* One (type, text) pair: the server's answer against ours. */
static void judge(PGconn *pg, size_t column, const char *type, const char *text, tally *t,
                  const answer *expect, size_t *wrong)
{
    char why[160];
    bool ours = problem(type, text, why, sizeof why);
    bool takes = server_takes(pg, column, text);
    t->tried++;
    t->refused += !takes;
    t->reported += ours;
    if (ours && takes) {
        print_error("false positive: %s '%s' %s, but the server takes it\n", type, text, why);
        t->false_positives++;
    }
    if (!ours && !takes) {
        t->missed++;
        if (must_catch_all(type) || getenv("SG_TEST_VERBOSE"))
            print_error("missed: %s '%s' is refused by the server\n", type, text);
    }
    if (expect && takes != (*expect == OK)) {
        print_error("family: %s '%s' is %s by the server\n", type, text,
                    takes ? "taken" : "refused");
        (*wrong)++;
    }
}

static void test_pgvalue__server(void **state)
{
    (void)state;
    PGconn *pg = connect_to_cluster();
    /* one column per type the families name, in order of first use */
    const char *types[64];
    size_t ntypes = 0;
    size_t ncases = sizeof cases / sizeof cases[0];
    for (size_t i = 0; i < ncases; i++) {
        size_t k = 0;
        while (k < ntypes && strcmp(types[k], cases[i].type) != 0)
            k++;
        if (k == ntypes) {
            assert_true(ntypes < 64);
            types[ntypes++] = cases[i].type;
        }
    }
    char ddl[8192] = "CREATE TABLE probe (";
    for (size_t k = 0; k < ntypes; k++) {
        char col[128];
        snprintf(col, sizeof col, "%sc%zu %s", k ? ", " : "", k, types[k]);
        strncat(ddl, col, sizeof ddl - strlen(ddl) - 1);
    }
    strncat(ddl, ")", sizeof ddl - strlen(ddl) - 1);
    sg_test_pg_run(pg, ddl);

    tally tallies[64];
    size_t ntallies = 0, wrong = 0;
    for (size_t i = 0; i < ncases; i++) {
        size_t k = 0;
        while (strcmp(types[k], cases[i].type) != 0)
            k++;
        tally *t = tally_of(tallies, &ntallies, cases[i].type);
        judge(pg, k, cases[i].type, cases[i].text, t, &cases[i].expect, &wrong);
        /* random neighbours of every family member */
        for (int m = 0; m < 24; m++) {
            char text[512], twice[512];
            mutate(cases[i].text, text, sizeof text);
            judge(pg, k, cases[i].type, text, t, NULL, &wrong);
            mutate(text, twice, sizeof twice);
            judge(pg, k, cases[i].type, twice, t, NULL, &wrong);
        }
    }
    sg_test_pg_run(pg, "DROP TABLE probe");
    PQfinish(pg);

    size_t tried = 0, false_positives = 0, must_missed = 0, missed = 0, refused = 0;
    for (size_t i = 0; i < ntallies; i++) {
        const tally *t = &tallies[i];
        print_message("pgvalue: %-30s %5zu texts, %5zu refused by the server, %5zu reported, "
                      "%4zu missed\n",
                      t->type, t->tried, t->refused, t->reported, t->missed);
        tried += t->tried;
        refused += t->refused;
        missed += t->missed;
        false_positives += t->false_positives;
        if (must_catch_all(t->type))
            must_missed += t->missed;
    }
    print_message("pgvalue: %zu texts, %zu refused by the server, %zu of them missed, %zu false "
                  "positives\n",
                  tried, refused, missed, false_positives);
    assert_true(tried > 10000);
    assert_true(refused > tried / 4);
    assert_int_equal(false_positives, 0);
    assert_int_equal(must_missed, 0);
    assert_int_equal(wrong, 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_pgvalue__families),
        cmocka_unit_test(test_pgvalue__reasons),
        cmocka_unit_test(test_pgvalue__buffers),
        cmocka_unit_test(test_pgvalue__json_out_of_memory),
        cmocka_unit_test(test_pgvalue__judged),
        cmocka_unit_test(test_pgvalue__deep_json),
    };
    const struct CMUnitTest server[] = {
        cmocka_unit_test(test_pgvalue__server),
    };
    if (argc > 1 && strcmp(argv[1], "--server") == 0)
        return cmocka_run_group_tests(server, NULL, NULL);
    return cmocka_run_group_tests(unit, NULL, NULL);
}
