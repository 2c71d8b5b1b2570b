/*
 * pin.c - insert the schema the guard resolved before every name that needs
 * one, so that the statement runs under search_path = pg_catalog, pg_temp
 * with the meaning the guard proved.
 */
#include <stdlib.h>
#include <string.h>

#include "resolve/pin.h"
#include "resolve/typelist.h"
#include "util/text.h"

typedef struct insertion {
    int location;       /* byte offset of the name's first token */
    const char *schema; /* to write, followed by a dot */
} insertion;

static int by_location(const void *a, const void *b)
{
    const insertion *x = a, *y = b;
    return (x->location > y->location) - (x->location < y->location);
}

/* Writes `schema` as an identifier: `public` as is, anything else quoted,
 * which is right whatever the name holds (a keyword, upper case, a quote). */
static void put_schema(sg__strbuf *b, const char *schema)
{
    if (strcmp(schema, "public") == 0) {
        sg__strbuf_puts(b, "public");
        return;
    }
    sg__strbuf_put_identifier(b, schema);
}

/* Whether the byte before a name would run into the inserted schema: a
 * letter, digit, underscore, dollar, quote or any byte of a multibyte
 * character (`FROM"t"` is valid SQL; `FROMpublic."t"` is not). */
static bool joins(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c == '"' || c == '\'' || c >= 0x80;
}

/* The schema an unqualified type name is pinned to: none for a type of
 * pg_catalog (searched first), the data source's default schema otherwise,
 * where the guard resolved it (a scoped table's row type, or an application's
 * type a policy admits). */
static const char *type_schema(const sg__typeref *t, const sg__scope *scope)
{
    if (t->schema || t->catalog || !t->name || sg__type_builtin(t->name))
        return NULL;
    return scope->source ? scope->source->default_schema : NULL;
}

int sg__pin_sql(sg__arena *arena, const char *sql, const sg__facts *facts,
                const sg__relation_binding *bindings, const sg__scope *scope, const char **out)
{
    *out = sql;
    size_t len = strlen(sql);
    size_t cap = facts->relations.count + facts->types.count;
    if (cap == 0)
        return 0;
    insertion *ins = sg__arena_alloc(arena, cap * sizeof *ins);
    if (!ins)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < facts->relations.count; i++) {
        const sg__relref *r = &SG__VEC_AT(facts->relations, sg__relref, i);
        if (!r->schema && !r->catalog && bindings[i].schema && r->location >= 0 &&
            (size_t)r->location < len)
            ins[n++] = (insertion){r->location, bindings[i].schema};
    }
    for (size_t i = 0; i < facts->types.count; i++) {
        const sg__typeref *t = &SG__VEC_AT(facts->types, sg__typeref, i);
        const char *schema = type_schema(t, scope);
        if (schema && t->location >= 0 && (size_t)t->location < len)
            ins[n++] = (insertion){t->location, schema};
    }
    if (n == 0)
        return 0;
    qsort(ins, n, sizeof *ins, by_location);

    sg__strbuf b = SG__STRBUF_INIT(arena);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t loc = (size_t)ins[i].location;
        if (i > 0 && ins[i - 1].location == ins[i].location)
            continue; /* one name, met twice by the walk */
        sg__strbuf_put(&b, sql + at, loc - at);
        if (loc > 0 && joins((unsigned char)sql[loc - 1]))
            sg__strbuf_put(&b, " ", 1);
        put_schema(&b, ins[i].schema);
        sg__strbuf_put(&b, ".", 1);
        at = loc;
    }
    sg__strbuf_put(&b, sql + at, len - at);
    if (b.failed || !b.data)
        return -1;
    *out = b.data;
    return 0;
}
