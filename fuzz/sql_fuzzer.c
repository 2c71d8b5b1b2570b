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

/* The first data source of corpus/catalog.json and all its tables. */
static const char DATA_SOURCE[] = "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01";
static const char *const TABLES[] = {
    "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01", "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02",
    "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b03", "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b04",
    "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b05", "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b07",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_catalog();
    return 0;
}

/* Strict UTF-8 (no overlongs, no surrogates, at most U+10FFFF), as JSON needs. */
static bool valid_utf8(const uint8_t *s, size_t n, bool *has_nul)
{
    *has_nul = false;
    for (size_t i = 0; i < n;) {
        uint8_t c = s[i];
        if (c == 0)
            *has_nul = true;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

/* The operation with SQL "@@SQL@@", which the caller replaces. */
static char *operation_template(const char *kind, const char *access)
{
    cJSON *op = cJSON_CreateObject();
    cJSON_AddStringToObject(op, "operation", kind);
    cJSON_AddStringToObject(op, "sql", "@@SQL@@");
    cJSON_AddObjectToObject(op, "parameters");
    cJSON *scope = cJSON_AddObjectToObject(op, "scope");
    cJSON_AddStringToObject(scope, "data_source_uid", DATA_SOURCE);
    cJSON *tables = cJSON_AddArrayToObject(scope, "tables");
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        cJSON *t = cJSON_CreateObject();
        char alias[8];
        snprintf(alias, sizeof alias, "t%zu", i + 1);
        cJSON_AddStringToObject(t, "meta_table_uid", TABLES[i]);
        cJSON_AddStringToObject(t, "alias", alias);
        cJSON_AddStringToObject(t, "access", access);
        cJSON_AddItemToArray(tables, t);
    }
    cJSON *limits = cJSON_AddObjectToObject(op, "limits");
    cJSON_AddNumberToObject(limits, "max_rows", 100);
    cJSON_AddNumberToObject(limits, "statement_timeout_ms", 15000);
    char *text = cJSON_PrintUnformatted(op);
    cJSON_Delete(op);
    if (!text)
        fz_fail("out of memory building the operation");
    return text;
}

/* Builds the operation text by hand around SQL that cJSON cannot carry:
 * control characters (NUL included) as \u00XX, every other byte raw. */
static char *raw_operation(const char *kind, const char *access, const uint8_t *sql, size_t n,
                           size_t *out_len)
{
    char *tmpl = operation_template(kind, access);
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
    free(tmpl);
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
    bool has_nul;
    if (!valid_utf8(sql, n, &has_nul) || has_nul) {
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

    cJSON *op = cJSON_CreateObject();
    cJSON_AddStringToObject(op, "operation", kind);
    cJSON_AddStringToObject(op, "sql", text);
    free(text);
    cJSON_AddObjectToObject(op, "parameters");
    cJSON *scope = cJSON_AddObjectToObject(op, "scope");
    cJSON_AddStringToObject(scope, "data_source_uid", DATA_SOURCE);
    cJSON *tables = cJSON_AddArrayToObject(scope, "tables");
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        cJSON *t = cJSON_CreateObject();
        char alias[8];
        snprintf(alias, sizeof alias, "t%zu", i + 1);
        cJSON_AddStringToObject(t, "meta_table_uid", TABLES[i]);
        cJSON_AddStringToObject(t, "alias", alias);
        cJSON_AddStringToObject(t, "access", access);
        cJSON_AddItemToArray(tables, t);
    }
    cJSON *limits = cJSON_AddObjectToObject(op, "limits");
    cJSON_AddNumberToObject(limits, "max_rows", 100);
    cJSON_AddNumberToObject(limits, "statement_timeout_ms", 15000);
    char *json = cJSON_PrintUnformatted(op);
    cJSON_Delete(op);
    if (!json)
        fz_fail("out of memory building the operation");
    fz_check_operation(json, strlen(json), NULL);
    cJSON_free(json);
    return 0;
}
