/*
 * sql_fuzzer.c - bytes as the SQL of a fixed, broad scope (structure-aware).
 *
 * Byte 0 picks the operation kind (select, insert, update, delete, merge),
 * byte 1 the access (read, write) granted to every table of the catalog's
 * first data source; the rest is the SQL, sent with "parameters": {}. Text that
 * is not valid UTF-8 or holds a NUL byte cannot travel in the operation
 * contract: such inputs are sent once anyway (raw bytes, or NUL as \u0000) and
 * must be denied with op.invalid.
 */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KINDS[] = {"select", "insert", "update", "delete", "merge"};
static const char *const ACCESS[] = {"read", "write"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_catalog();
    return 0;
}

/* Builds the operation text by hand around SQL that cJSON cannot carry:
 * control characters (NUL included) as \u00XX, every other byte raw. */
static char *raw_operation(const char *kind, const char *access, const uint8_t *sql, size_t n,
                           size_t *out_len)
{
    char *tmpl = fz_operation_json(kind, access, "@@SQL@@", NULL);
    char *mark = strstr(tmpl, "@@SQL@@");
    size_t head = (size_t)(mark - tmpl), tail = strlen(mark + 7);
    char *buf = malloc(head + n * 6 + tail + 1);
    if (!buf)
        fz_fail("out of memory");
    memcpy(buf, tmpl, head);
    size_t o = head;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = sql[i];
        if (c < 0x20) {
            o += (size_t)snprintf(buf + o, 7, "\\u%04x", c);
        } else if (c == '"' || c == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char)c;
        } else {
            buf[o++] = (char)c;
        }
    }
    memcpy(buf + o, mark + 7, tail);
    o += tail;
    buf[o] = '\0';
    cJSON_free(tmpl);
    *out_len = o;
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const char *kind = KINDS[data[0] % 5];
    const char *access = ACCESS[data[1] % 2];
    const uint8_t *sql = data + 2;
    size_t n = size - 2;
    if (!fz_is_text(sql, n)) {
        size_t len;
        char *op = raw_operation(kind, access, sql, n, &len);
        fz_expect_denied(op, len, "op.invalid");
        free(op);
        return 0;
    }
    char *text = malloc(n + 1);
    if (!text)
        fz_fail("out of memory");
    memcpy(text, sql, n);
    text[n] = '\0';
    char *json = fz_operation_json(kind, access, text, NULL);
    free(text);
    fz_check_operation(json, strlen(json), NULL);
    cJSON_free(json);
    return 0;
}
