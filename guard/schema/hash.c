/*
 * hash.c - the contract hash of a table: SHA-256 over a canonical text of
 * what an operation can rely on (names, types, nullability, whether a column
 * has a default, the keys), the same however a catalog, a database or a
 * migration spelled it. The form is documented in schema.h and the README so
 * that a platform can compute it on its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/schema.h"
#include "util/pgtype.h"
#include "util/sha256.h"

const char *sg__schema_canonical_type(sg__arena *arena, const char *type)
{
    if (!type)
        return NULL;
    sg__pgtype t;
    if (!sg__pgtype_parse(type, &t))
        return sg__arena_strdup(arena, type);
    size_t n = sg__pgtype_format(&t, NULL, 0);
    char *out = sg__arena_alloc(arena, n + 1);
    if (out)
        sg__pgtype_format(&t, out, n + 1);
    return out;
}

/* A string as its byte length, a colon and its bytes. */
static void put_string(sg__strbuf *b, const char *s)
{
    char len[24];
    snprintf(len, sizeof len, "%zu:", strlen(s));
    sg__strbuf_puts(b, len);
    sg__strbuf_puts(b, s);
}

static void put_names(sg__strbuf *b, const sg__sc_names *names)
{
    sg__strbuf_put(b, "(", 1);
    for (size_t i = 0; i < names->count; i++) {
        if (i)
            sg__strbuf_put(b, " ", 1);
        put_string(b, names->names[i]);
    }
    sg__strbuf_put(b, ")", 1);
}

static bool in_names(const sg__sc_names *names, const char *name)
{
    for (size_t i = 0; i < names->count; i++)
        if (strcmp(names->names[i], name) == 0)
            return true;
    return false;
}

/* A referential action in upper case; no action when none is given. */
static void put_action(sg__strbuf *b, const char *action)
{
    char up[32];
    size_t n = 0;
    for (const char *p = action ? action : "NO ACTION"; *p && n + 1 < sizeof up; p++)
        up[n++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
    up[n] = '\0';
    put_string(b, up);
}

static char *unique_line(sg__arena *arena, const sg__sc_names *key)
{
    sg__strbuf b = SG__STRBUF_INIT(arena);
    sg__strbuf_puts(&b, "unique ");
    put_names(&b, key);
    sg__strbuf_put(&b, "\n", 1);
    return b.failed ? NULL : b.data;
}

static char *fkey_line(sg__arena *arena, const sg__sc_table *t, const sg__sc_fkey *fk)
{
    sg__strbuf b = SG__STRBUF_INIT(arena);
    sg__strbuf_puts(&b, "foreign-key ");
    put_names(&b, &fk->columns);
    sg__strbuf_put(&b, " ", 1);
    put_string(&b, fk->ref_schema ? fk->ref_schema : t->schema);
    sg__strbuf_put(&b, " ", 1);
    put_string(&b, fk->ref_table ? fk->ref_table : "");
    sg__strbuf_put(&b, " ", 1);
    put_names(&b, &fk->ref_columns);
    sg__strbuf_put(&b, " ", 1);
    put_action(&b, fk->on_delete);
    sg__strbuf_put(&b, " ", 1);
    put_action(&b, fk->on_update);
    sg__strbuf_put(&b, "\n", 1);
    return b.failed ? NULL : b.data;
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends `lines` sorted, each once; false when one is missing (no memory). */
static bool put_sorted(sg__strbuf *b, char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!lines[i])
            return false;
    if (n > 1)
        qsort(lines, n, sizeof *lines, by_bytes);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(lines[i], lines[i - 1]) != 0)
            sg__strbuf_puts(b, lines[i]);
    return true;
}

static bool put_keys(sg__arena *arena, sg__strbuf *b, const sg__sc_table *t)
{
    size_t n = t->unique.count > t->fkeys.count ? t->unique.count : t->fkeys.count;
    char **lines = sg__arena_alloc(arena, (n + 1) * sizeof *lines);
    if (!lines)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < t->unique.count; i++) {
        const sg__sc_names *key = &SG__VEC_AT(t->unique, sg__sc_names, i);
        if (key->count > 0 && !sg__schema_names_equal(key, &t->primary_key))
            lines[k++] = unique_line(arena, key);
    }
    if (!put_sorted(b, lines, k))
        return false;
    for (k = 0; k < t->fkeys.count; k++)
        lines[k] = fkey_line(arena, t, &SG__VEC_AT(t->fkeys, sg__sc_fkey, k));
    return put_sorted(b, lines, k);
}

char *sg__schema_canonical(sg__arena *arena, const sg__sc_table *t)
{
    sg__strbuf b = SG__STRBUF_INIT(arena);
    sg__strbuf_puts(&b, "sqlguard-contract 1\ntable ");
    put_string(&b, t->schema);
    sg__strbuf_put(&b, " ", 1);
    put_string(&b, t->name);
    sg__strbuf_put(&b, "\n", 1);
    for (size_t i = 0; i < t->columns.count; i++) {
        const sg__sc_column *c = &SG__VEC_AT(t->columns, sg__sc_column, i);
        const char *type = c->type ? sg__schema_canonical_type(arena, c->type) : "";
        if (!type)
            return NULL;
        bool nullable = c->nullable && !in_names(&t->primary_key, c->name);
        sg__strbuf_puts(&b, "column ");
        put_string(&b, c->name);
        sg__strbuf_put(&b, " ", 1);
        put_string(&b, type);
        sg__strbuf_puts(&b, nullable ? " null" : " not-null");
        sg__strbuf_puts(&b, sg__schema_has_default(c) ? " default\n" : " no-default\n");
    }
    sg__strbuf_puts(&b, "primary-key ");
    put_names(&b, &t->primary_key);
    sg__strbuf_put(&b, "\n", 1);
    if (!put_keys(arena, &b, t))
        return NULL;
    return b.failed ? NULL : b.data;
}

char *sg__schema_hash(sg__arena *arena, const sg__sc_table *t)
{
    char *text = sg__schema_canonical(arena, t);
    char *out = text ? sg__arena_alloc(arena, SG__CONTRACT_HASH_LEN + 1) : NULL;
    if (!out)
        return NULL;
    memcpy(out, "sha256:", 7);
    sg__sha256_hex(text, strlen(text), out + 7);
    return out;
}
