/*
 * fromjson.c - a catalog's table read into the table model, so that the
 * loader can check a stated contract hash and the catalog tools can compare
 * and rewrite catalogs. The input is a meta_tables element the loader has
 * already accepted, so shapes are trusted here; only memory can fail.
 */
#include <string.h>

#include "schema/catalog_json.h"

static const char *member_string(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A copy of an array of strings; false when memory ran out. */
static bool read_names(sg__schema *s, const cJSON *arr, sg__sc_names *out)
{
    out->names = NULL;
    out->count = 0;
    size_t n = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
    if (n == 0)
        return true;
    const char **names = sg__arena_alloc(&s->arena, n * sizeof *names);
    if (!names)
        return false;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        if (!(names[out->count++] = sg__arena_strdup(&s->arena, item->valuestring)))
            return false;
    }
    out->names = names;
    return true;
}

static const char *copy(sg__schema *s, const char *text, bool *ok)
{
    if (!text)
        return NULL;
    const char *c = sg__arena_strdup(&s->arena, text);
    if (!c)
        *ok = false;
    return c;
}

static bool read_columns(sg__schema *s, sg__sc_table *t, const cJSON *cols)
{
    const cJSON *c;
    bool ok = true;
    cJSON_ArrayForEach(c, cols)
    {
        sg__sc_column *col = sg__vec_push(&s->arena, &t->columns, sizeof *col);
        if (!col)
            return false;
        col->name = copy(s, member_string(c, "name"), &ok);
        col->type = copy(s, member_string(c, "type"), &ok);
        col->nullable = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "nullable"));
        col->default_expr = copy(s, member_string(c, "default"), &ok);
    }
    return ok;
}

/* "references": "table" in the table's own schema, or "schema.table". */
static bool read_reference(sg__schema *s, const sg__sc_table *t, const char *ref, sg__sc_fkey *fk)
{
    const char *dot = strchr(ref, '.');
    if (!dot) {
        fk->ref_schema = t->schema;
        fk->ref_table = sg__arena_strdup(&s->arena, ref);
        return fk->ref_table != NULL;
    }
    fk->ref_schema = sg__arena_strndup(&s->arena, ref, (size_t)(dot - ref));
    fk->ref_table = sg__arena_strdup(&s->arena, dot + 1);
    return fk->ref_schema && fk->ref_table;
}

static bool read_fkeys(sg__schema *s, sg__sc_table *t, const cJSON *fks)
{
    const cJSON *f;
    bool ok = true;
    cJSON_ArrayForEach(f, fks)
    {
        sg__sc_fkey *fk = sg__vec_push(&s->arena, &t->fkeys, sizeof *fk);
        if (!fk || !read_names(s, cJSON_GetObjectItemCaseSensitive(f, "columns"), &fk->columns) ||
            !read_names(s, cJSON_GetObjectItemCaseSensitive(f, "referenced_columns"),
                        &fk->ref_columns) ||
            !read_reference(s, t, member_string(f, "references"), fk))
            return false;
        fk->name = copy(s, member_string(f, "name"), &ok);
        fk->on_delete = copy(s, member_string(f, "on_delete"), &ok);
        fk->on_update = copy(s, member_string(f, "on_update"), &ok);
    }
    return ok;
}

int sg__schema_add_catalog_table(sg__schema *s, const cJSON *t, sg__sc_table **out)
{
    sg__sc_table *table = sg__schema_add_table(s, member_string(t, "schema"),
                                               member_string(t, "physical_table_name"));
    if (!table)
        return -1;
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(t, "columns");
    table->columns_unknown = cJSON_GetArraySize(cols) == 0;
    if (!read_columns(s, table, cols) ||
        !read_names(s, cJSON_GetObjectItemCaseSensitive(t, "primary_key"), &table->primary_key) ||
        !read_fkeys(s, table, cJSON_GetObjectItemCaseSensitive(t, "foreign_keys")))
        return -1;
    const cJSON *u;
    cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(t, "unique"))
    {
        sg__sc_names key = {0};
        if (!read_names(s, u, &key) || sg__schema_add_unique(s, table, &key) < 0)
            return -1;
    }
    bool ok = true;
    table->contract_hash = copy(s, member_string(t, "contract_hash"), &ok);
    if (!ok)
        return -1;
    if (out)
        *out = table;
    return 0;
}
