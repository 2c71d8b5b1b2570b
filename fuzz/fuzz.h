/*
 * fuzz.h - what every sqlguard fuzz target shares.
 *
 * Each <target>_fuzzer.c defines LLVMFuzzerInitialize and
 * LLVMFuzzerTestOneInput; the same objects link either with libFuzzer (clang,
 * -fsanitize=fuzzer) or with replay.c, a plain main() that feeds files to them
 * (any compiler, run by ctest). A violated property prints why and aborts.
 */
#ifndef SG_FUZZ_H
#define SG_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlguard.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints the message (printf-style) to stderr and aborts. */
void fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Loaded once from SG_FUZZ_CATALOG; aborts when it cannot be loaded. */
const sg_catalog *fz_catalog(void);
/* The text of that catalog file and its number of tables. */
const char *fz_catalog_text(size_t *len, size_t *tables);

/*
 * Checks one operation (JSON text) against fz_catalog() and asserts every
 * property: determinism, the verdict JSON round trip, allowed <=> no error,
 * an allowed statement re-parses as exactly one statement, and the
 * differential scope oracle. Returns the verdict's allowed flag.
 */
int fz_check_operation(const char *json, size_t len, const sg_check_options *options);

/* The same, but asserts the verdict denies with an `rule` diagnostic. */
void fz_expect_denied(const char *json, size_t len, const char *rule);

/* True when the `n` bytes are strict UTF-8 (no overlongs, no surrogates, at
 * most U+10FFFF) without a NUL byte: text an operation's "sql" can carry. */
bool fz_is_text(const uint8_t *s, size_t n);

/*
 * An operation of `kind` with SQL `sql`, scoped to every table of the
 * catalog's first data source with `access` ("read", "write"), limits set,
 * and `parameters` (taken over; NULL: an empty object). Compact JSON text,
 * released with cJSON_free(); aborts without memory.
 */
struct cJSON;
char *fz_operation_json(const char *kind, const char *access, const char *sql,
                        struct cJSON *parameters);

#endif
