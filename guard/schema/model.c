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

bool sg__schema_has_default(const sg__sc_column *c)
{
    return c->default_expr || c->identity || c->generated;
}

bool sg__schema_names_equal(const sg__sc_names *a, const sg__sc_names *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->names[i], b->names[i]) != 0)
            return false;
    return true;
}

int sg__schema_add_unique(sg__schema *s, sg__sc_table *t, const sg__sc_names *key)
{
    if (key->count == 0 || sg__schema_names_equal(key, &t->primary_key))
        return 0;
    for (size_t i = 0; i < t->unique.count; i++)
        if (sg__schema_names_equal(key, &SG__VEC_AT(t->unique, sg__sc_names, i)))
            return 0;
    const char **copy = sg__arena_alloc(&s->arena, key->count * sizeof *copy);
    if (!copy)
        return -1;
    for (size_t i = 0; i < key->count; i++)
        if (!(copy[i] = sg__arena_strdup(&s->arena, key->names[i])))
            return -1;
    const char *name = key->name ? sg__arena_strdup(&s->arena, key->name) : NULL;
    sg__sc_names *slot =
        key->name && !name ? NULL : sg__vec_push(&s->arena, &t->unique, sizeof *slot);
    if (!slot)
        return -1;
    slot->names = copy;
    slot->count = key->count;
    slot->name = name;
    slot->index_only = key->index_only;
    return 0;
}

void sg__schema_resolve_references(sg__schema *s)
{
    for (size_t i = 0; i < s->tables.count; i++) {
        sg__sc_table *t = &SG__VEC_AT(s->tables, sg__sc_table, i);
        for (size_t k = 0; k < t->fkeys.count; k++) {
            sg__sc_fkey *fk = &SG__VEC_AT(t->fkeys, sg__sc_fkey, k);
            if (!fk->ref_schema)
                fk->ref_schema = t->schema;
            if (fk->ref_columns.count > 0)
                continue;
            const sg__sc_table *ref = sg__schema_table(s, fk->ref_schema, fk->ref_table);
            if (ref)
                fk->ref_columns = ref->primary_key;
        }
    }
}
