/*
 * catgen.c - a generated catalog of many tables, for the catalog-load benchmark.
 *
 * The catalog a large deployment would hand to sqlguard: two PostgreSQL data
 * sources, tables spread over them and over two schemas, each table with a
 * uuid uid, an identifier, three columns, a primary key and a unique key, so
 * that every part of the loader (strict keys, names, both indexes) does its
 * work. 100,000 tables come to about 38 MB of compact JSON, under the default
 * bound of 64 MiB.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catgen.h"

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            fprintf(stderr, "catgen: vsnprintf failed\n");
            exit(2);
        }
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap * 2 + (size_t)n;
        char *bigger = realloc(b->data, cap);
        if (!bigger) {
            fprintf(stderr, "catgen: out of memory\n");
            exit(2);
        }
        b->data = bigger;
        b->cap = cap;
    }
}

static const char *const source_uid[2] = {"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01",
                                          "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c02"};

char *bench_catalog_json(size_t tables, size_t *len)
{
    buf b = {malloc(1 << 16), 0, 1 << 16};
    if (!b.data) {
        fprintf(stderr, "catgen: out of memory\n");
        exit(2);
    }
    put(&b, "{\"version\":1,\"data_sources\":[");
    for (int s = 0; s < 2; s++)
        put(&b, "%s{\"uid\":\"%s\",\"engine\":\"postgresql\",\"default_schema\":\"public\"}",
            s ? "," : "", source_uid[s]);
    put(&b, "],\"meta_tables\":[");
    for (size_t i = 0; i < tables; i++) {
        /* table i: source i % 2, schema public or sales by (i / 2) % 2 */
        put(&b,
            "%s{\"uid\":\"" BENCH_CATALOG_UID_FORMAT "\",\"identifier\":\"bench.Table%zu\","
            "\"data_source_uid\":\"%s\",\"schema\":\"%s\",\"physical_table_name\":\"bench_t%zu\","
            "\"columns\":[{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false},"
            "{\"name\":\"code\",\"type\":\"varchar(64)\",\"nullable\":false},"
            "{\"name\":\"amount\",\"type\":\"numeric(18,2)\",\"nullable\":true}],"
            "\"primary_key\":[\"uid\"],\"unique\":[[\"code\"]]}",
            i ? "," : "", i, i, source_uid[i % 2], (i / 2) % 2 ? "sales" : "public", i);
    }
    put(&b, "]}\n");
    *len = b.len;
    return b.data;
}

const char *bench_catalog_source_uid(size_t table)
{
    return source_uid[table % 2];
}

void bench_catalog_select(char *out, size_t cap, size_t table, const char *uid)
{
    char own[64];
    snprintf(own, sizeof own, BENCH_CATALOG_UID_FORMAT, table);
    snprintf(out, cap,
             "{\"operation\":\"select\",\"sql\":\"SELECT code FROM %sbench_t%zu ORDER BY uid\","
             "\"parameters\":{},\"scope\":{\"data_source_uid\":\"%s\",\"tables\":[{"
             "\"meta_table_uid\":\"%s\",\"alias\":\"t\",\"access\":\"read\"}]},"
             "\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":1000}}",
             (table / 2) % 2 ? "sales." : "", table, source_uid[table % 2], uid ? uid : own);
}
