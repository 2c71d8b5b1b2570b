/*
 * model.c - the table model the catalog tools share: lookups and additions.
 */
#include <string.h>

#include "schema/schema.h"

void sg__schema_init(sg__schema *s)
{
    memset(s, 0, sizeof *s);
    sg__arena_init(&s->arena);
}

void sg__schema_release(sg__schema *s)
{
    sg__arena_release(&s->arena);
    memset(s, 0, sizeof *s);
}

sg__sc_table *sg__schema_table(sg__schema *s, const char *schema, const char *name)
{
    for (size_t i = 0; i < s->tables.count; i++) {
        sg__sc_table *t = &SG__VEC_AT(s->tables, sg__sc_table, i);
        if (strcmp(t->schema, schema) == 0 && strcmp(t->name, name) == 0)
            return t;
    }
    return NULL;
}

sg__sc_table *sg__schema_add_table(sg__schema *s, const char *schema, const char *name)
{
    const char *sc = sg__arena_strdup(&s->arena, schema);
    const char *nm = sg__arena_strdup(&s->arena, name);
    sg__sc_table *t = sc && nm ? sg__vec_push(&s->arena, &s->tables, sizeof *t) : NULL;
    if (!t)
        return NULL;
    t->schema = sc;
    t->name = nm;
    return t;
}

sg__sc_column *sg__schema_column(sg__sc_table *t, const char *name)
{
    for (size_t i = 0; i < t->columns.count; i++) {
        sg__sc_column *c = &SG__VEC_AT(t->columns, sg__sc_column, i);
        if (strcmp(c->name, name) == 0)
            return c;
    }
    return NULL;
}
