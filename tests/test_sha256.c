/*
 * test_sha256.c - SHA-256 (guard/util/sha256.c) against the test vectors of
 * FIPS 180-2's appendix B (one block, two blocks, a million 'a's), the empty
 * message, and the same digests fed in pieces of every size.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/sha256.h"

static const char ABC_DIGEST[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
static const char TWO_BLOCKS[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char TWO_BLOCKS_DIGEST[] =
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
static const char MILLION_A_DIGEST[] =
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

/* The digest of `data` fed `step` bytes at a time, as hex. */
static void hex_in_steps(const void *data, size_t len, size_t step, char hex[SG_SHA256_HEX_SIZE])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char d[SG_SHA256_SIZE];
    sg__sha256 h;
    sg__sha256_init(&h);
    for (size_t at = 0; at < len; at += step)
        sg__sha256_update(&h, (const char *)data + at, len - at < step ? len - at : step);
    sg__sha256_final(&h, d);
    for (int i = 0; i < SG_SHA256_SIZE; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
}

static void test_sha256__fips_one_block(void **state)
{
    (void)state;
    char hex[SG_SHA256_HEX_SIZE];
    sg__sha256_hex("abc", 3, hex);
    assert_string_equal(hex, ABC_DIGEST);
}

static void test_sha256__fips_two_blocks(void **state)
{
    (void)state;
    char hex[SG_SHA256_HEX_SIZE];
    sg__sha256_hex(TWO_BLOCKS, strlen(TWO_BLOCKS), hex);
    assert_string_equal(hex, TWO_BLOCKS_DIGEST);
}

static void test_sha256__fips_million_a(void **state)
{
    (void)state;
    size_t n = 1000000;
    char *a = malloc(n);
    assert_non_null(a);
    memset(a, 'a', n);
    char hex[SG_SHA256_HEX_SIZE];
    sg__sha256_hex(a, n, hex);
    assert_string_equal(hex, MILLION_A_DIGEST);
    /* in pieces that straddle block boundaries every way */
    hex_in_steps(a, n, 997, hex);
    assert_string_equal(hex, MILLION_A_DIGEST);
    free(a);
}

static void test_sha256__empty_message(void **state)
{
    (void)state;
    char hex[SG_SHA256_HEX_SIZE];
    sg__sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* Padding at every length around the block and length-field boundaries
 * (55, 56, 63, 64, 119, 120 bytes), fed whole and in every piece size: the
 * pieces must not change the digest, and no two lengths may collide. */
static void test_sha256__pieces_and_padding(void **state)
{
    (void)state;
    char text[130], whole[130][SG_SHA256_HEX_SIZE];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (char)('a' + i % 26);
    for (size_t len = 0; len < sizeof text; len++) {
        sg__sha256_hex(text, len, whole[len]);
        for (size_t step = 1; step <= 70; step++) {
            char hex[SG_SHA256_HEX_SIZE];
            hex_in_steps(text, len, step, hex);
            assert_string_equal(hex, whole[len]);
        }
        for (size_t k = 0; k < len; k++)
            assert_string_not_equal(whole[k], whole[len]);
    }
    /* the two-block vector in pieces too */
    char hex[SG_SHA256_HEX_SIZE];
    hex_in_steps(TWO_BLOCKS, strlen(TWO_BLOCKS), 7, hex);
    assert_string_equal(hex, TWO_BLOCKS_DIGEST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256__fips_one_block),
        cmocka_unit_test(test_sha256__fips_two_blocks),
        cmocka_unit_test(test_sha256__fips_million_a),
        cmocka_unit_test(test_sha256__empty_message),
        cmocka_unit_test(test_sha256__pieces_and_padding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
