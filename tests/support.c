/*
 * support.c - small helpers the test binaries share.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "support.h"

/* Verbatim copies of the contract's seed operations (contracts/examples),
 * embedded so that tests depend on nothing outside the repository. */
const char sg_test_seed_insert[] =
    "{\n"
    "  \"operation\": \"insert\",\n"
    "  \"sql\": \"INSERT INTO sdk_examples_account\\n    (account_code, name, region)\\nVALUES\\n"
    "    (%(account_code)s, %(name)s, %(region)s)\\nON CONFLICT (account_code) DO UPDATE SET\\n"
    "    name = EXCLUDED.name,\\n    region = EXCLUDED.region\\nRETURNING uid, account_code, "
    "name, region\\n\",\n"
    "  \"parameters\": { \"account_code\": \"ACME\", \"name\": \"Acme Capital\", \"region\": "
    "\"US\" },\n"
    "  \"scope\": {\n"
    "    \"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
    "    \"tables\": [\n"
    "      { \"meta_table_uid\": \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\", \"alias\": "
    "\"accounts\", \"access\": \"write\" }\n"
    "    ]\n"
    "  },\n"
    "  \"limits\": { \"max_rows\": 100, \"statement_timeout_ms\": 15000 }\n"
    "}\n";

const char sg_test_seed_select[] =
    "{\n"
    "  \"operation\": \"select\",\n"
    "  \"sql\": \"SELECT uid, account_code, name, region\\nFROM sdk_examples_account\\nWHERE "
    "(%(region)s IS NULL OR region = %(region)s)\\nORDER BY account_code\\nLIMIT %(limit)s\\n\",\n"
    "  \"parameters\": { \"region\": \"US\", \"limit\": 50 },\n"
    "  \"scope\": {\n"
    "    \"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
    "    \"tables\": [\n"
    "      { \"meta_table_uid\": \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\", \"alias\": "
    "\"accounts\", \"access\": \"read\" }\n"
    "    ]\n"
    "  },\n"
    "  \"limits\": { \"max_rows\": 50, \"statement_timeout_ms\": 15000 }\n"
    "}\n";

char *sg_test_slurp(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

char *sg_test_state_value(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *line = text; line && *line;) {
        if (strncmp(line, key, klen) == 0 && line[klen] == '=' && line[klen + 1] == '\'') {
            const char *v = line + klen + 2;
            const char *end = strchr(v, '\'');
            return end ? strndup(v, (size_t)(end - v)) : NULL;
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NULL;
}

char *sg_test_temp_path(const char *what)
{
    size_t cap = strlen(what) + 32;
    char *path = malloc(cap);
    if (!path)
        return NULL;
    snprintf(path, cap, "/tmp/sqlguard-test-%s-XXXXXX", what);
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

char *sg_test_temp_file(const char *data)
{
    char *path = sg_test_temp_path("op");
    FILE *f = path ? fopen(path, "wb") : NULL;
    size_t n = strlen(data);
    if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
        if (path)
            unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

void sg_test_remove_temp(char *path)
{
    if (path)
        unlink(path);
    free(path);
}

char *sg_test_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (!s)
        abort();
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}
