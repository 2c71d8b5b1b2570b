/*
 * tojson.c - a catalog written from the table model. The model gives each
 * table's columns and keys; an existing catalog gives everything a person
 * or the platform decided about a table (uid, identifier, namespace, labels,
 * descriptions), which survives the rewrite. Keys come in one fixed order
 * and the text is indented like the contract's example, so that a catalog
 * rewritten from an unchanged database is the same file, byte for byte.
 */
#include <stdio.h>
#include <string.h>

#include "schema/catalog_json.h"
#include "util/error.h"
#include "util/sha256.h"

void sg__schema_table_uid(const char *data_source_uid, const char *schema, const char *name,
                          char out[37])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char d[SG_SHA256_SIZE];
    sg__sha256 h;
    sg__sha256_init(&h);
    sg__sha256_update(&h, "sqlguard-meta-table", sizeof "sqlguard-meta-table");
    sg__sha256_update(&h, data_source_uid, strlen(data_source_uid) + 1);
    sg__sha256_update(&h, schema, strlen(schema) + 1);
    sg__sha256_update(&h, name, strlen(name));
    sg__sha256_final(&h, d);
    d[6] = (unsigned char)((d[6] & 0x0f) | 0x80); /* version 8 */
    d[8] = (unsigned char)((d[8] & 0x3f) | 0x80); /* the RFC's variant */
    size_t n = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[n++] = '-';
        out[n++] = digits[d[i] >> 4];
        out[n++] = digits[d[i] & 15];
    }
    out[n] = '\0';
}

/* ---- building the tree: every cJSON call may fail, `ok` remembers it ---- */

typedef struct builder {
    sg__arena *arena;
    bool ok;
} builder;

static cJSON *add(builder *b, cJSON *obj, const char *key, cJSON *value)
{
    if (!value || !cJSON_AddItemToObject(obj, key, value)) {
        cJSON_Delete(value);
        b->ok = false;
        return NULL;
    }
    return value;
}

static void add_string(builder *b, cJSON *obj, const char *key, const char *value)
{
    add(b, obj, key, cJSON_CreateString(value));
}

static void append(builder *b, cJSON *arr, cJSON *value)
{
    if (!value || !cJSON_AddItemToArray(arr, value)) {
        cJSON_Delete(value);
        b->ok = false;
    }
}

/* A copy of `key` of the existing object `from`, when it has one. */
static void keep(builder *b, cJSON *obj, const cJSON *from, const char *key)
{
    const cJSON *v = from ? cJSON_GetObjectItemCaseSensitive(from, key) : NULL;
    if (v)
        add(b, obj, key, cJSON_Duplicate(v, true));
}

static cJSON *names(builder *b, const sg__sc_names *n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < n->count; i++)
        append(b, arr, cJSON_CreateString(n->names[i]));
    return arr;
}

/* The existing column of that name, for its description. */
static const cJSON *existing_column(const cJSON *table, const char *name)
{
    const cJSON *cols = table ? cJSON_GetObjectItemCaseSensitive(table, "columns") : NULL;
    const cJSON *c;
    cJSON_ArrayForEach(c, cols)
    {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(c, "name");
        if (cJSON_IsString(n) && strcmp(n->valuestring, name) == 0)
            return c;
    }
    return NULL;
}

static cJSON *columns(builder *b, const sg__sc_table *t, const cJSON *from)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < t->columns.count; i++) {
        const sg__sc_column *c = &SG__VEC_AT(t->columns, sg__sc_column, i);
        cJSON *col = cJSON_CreateObject();
        append(b, arr, col);
        if (!b->ok)
            break;
        add_string(b, col, "name", c->name);
        if (c->type)
            add_string(b, col, "type", c->type);
        add(b, col, "nullable", cJSON_CreateBool(c->nullable));
        if (c->default_expr)
            add_string(b, col, "default", c->default_expr);
        keep(b, col, existing_column(from, c->name), "description");
    }
    return arr;
}

/* "table", or "schema.table" outside the table's schema (or when the name
 * has a dot of its own, which the unqualified form would split). */
static char *reference(builder *b, const sg__sc_table *t, const sg__sc_fkey *fk)
{
    const char *schema = fk->ref_schema ? fk->ref_schema : t->schema;
    char *ref = strcmp(schema, t->schema) == 0 && !strchr(fk->ref_table, '.')
                    ? sg__arena_strdup(b->arena, fk->ref_table)
                    : sg__arena_printf(b->arena, "%s.%s", schema, fk->ref_table);
    if (!ref)
        b->ok = false;
    return ref;
}

static cJSON *foreign_keys(builder *b, const sg__sc_table *t)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < t->fkeys.count; i++) {
        const sg__sc_fkey *fk = &SG__VEC_AT(t->fkeys, sg__sc_fkey, i);
        cJSON *o = cJSON_CreateObject();
        append(b, arr, o);
        const char *ref = b->ok ? reference(b, t, fk) : NULL;
        if (!ref)
            break;
        if (fk->name)
            add_string(b, o, "name", fk->name);
        add(b, o, "columns", names(b, &fk->columns));
        add_string(b, o, "references", ref);
        add(b, o, "referenced_columns", names(b, &fk->ref_columns));
        add_string(b, o, "on_delete", fk->on_delete ? fk->on_delete : "NO ACTION");
        add_string(b, o, "on_update", fk->on_update ? fk->on_update : "NO ACTION");
    }
    return arr;
}

/* The table object: what `from` (the existing table, or NULL) decided, the
 * model's columns and keys, and the contract hash. */
static cJSON *table(builder *b, const sg__sc_table *t, const cJSON *from, const char *source)
{
    char uid[37];
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        b->ok = false;
        return NULL;
    }
    if (from) {
        keep(b, o, from, "uid");
        keep(b, o, from, "identifier");
    } else {
        sg__schema_table_uid(source, t->schema, t->name, uid);
        add_string(b, o, "uid", uid);
        char *identifier = sg__arena_printf(b->arena, "%s.%s", t->schema, t->name);
        if (identifier)
            add_string(b, o, "identifier", identifier);
        else
            b->ok = false;
    }
    keep(b, o, from, "namespace");
    keep(b, o, from, "description");
    keep(b, o, from, "labels");
    add_string(b, o, "data_source_uid", source);
    add_string(b, o, "schema", t->schema);
    add_string(b, o, "physical_table_name", t->name);
    add(b, o, "columns", columns(b, t, from));
    add(b, o, "primary_key", names(b, &t->primary_key));
    cJSON *unique = add(b, o, "unique", cJSON_CreateArray());
    for (size_t i = 0; unique && i < t->unique.count; i++)
        append(b, unique, names(b, &SG__VEC_AT(t->unique, sg__sc_names, i)));
    if (t->fkeys.count)
        add(b, o, "foreign_keys", foreign_keys(b, t));
    const char *hash = sg__schema_hash(b->arena, t);
    if (hash)
        add_string(b, o, "contract_hash", hash);
    else
        b->ok = false;
    return o;
}

static bool member_is(const cJSON *obj, const char *key, const char *value)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && strcmp(v->valuestring, value) == 0;
}

/* The data sources: the existing ones, and the writer's when it is new. */
static cJSON *data_sources(builder *b, const sg__catalog_writer *w)
{
    const cJSON *existing =
        w->existing ? cJSON_GetObjectItemCaseSensitive(w->existing, "data_sources") : NULL;
    cJSON *arr = existing ? cJSON_Duplicate(existing, true) : cJSON_CreateArray();
    if (!arr) {
        b->ok = false;
        return NULL;
    }
    const cJSON *d;
    cJSON_ArrayForEach(d, arr)
    {
        if (member_is(d, "uid", w->data_source_uid))
            return arr;
    }
    cJSON *o = cJSON_CreateObject();
    append(b, arr, o);
    if (b->ok) {
        add_string(b, o, "uid", w->data_source_uid);
        add_string(b, o, "engine", "postgresql");
        add_string(b, o, "default_schema", w->default_schema ? w->default_schema : "public");
    }
    return arr;
}

/* The model's table for an existing catalog table of the writer's data
 * source, or NULL. */
static const sg__sc_table *model_table(const sg__schema *s, const sg__catalog_writer *w,
                                       const cJSON *t, size_t *index)
{
    if (!member_is(t, "data_source_uid", w->data_source_uid))
        return NULL;
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(t, "schema");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(t, "physical_table_name");
    for (size_t i = 0; i < s->tables.count; i++) {
        const sg__sc_table *m = &SG__VEC_AT(s->tables, sg__sc_table, i);
        if (strcmp(m->schema, schema->valuestring) == 0 &&
            strcmp(m->name, name->valuestring) == 0) {
            *index = i;
            return m;
        }
    }
    return NULL;
}

static cJSON *meta_tables(builder *b, const sg__schema *s, const sg__catalog_writer *w)
{
    cJSON *arr = cJSON_CreateArray();
    bool *done = sg__arena_alloc(b->arena, s->tables.count + 1);
    if (!arr || !done) {
        cJSON_Delete(arr);
        b->ok = false;
        return NULL;
    }
    const cJSON *existing =
        w->existing ? cJSON_GetObjectItemCaseSensitive(w->existing, "meta_tables") : NULL;
    const cJSON *t;
    cJSON_ArrayForEach(t, existing)
    {
        size_t at = 0;
        const sg__sc_table *m = model_table(s, w, t, &at);
        if (m && !done[at]) {
            done[at] = true;
            append(b, arr, table(b, m, t, w->data_source_uid));
        } else {
            append(b, arr, cJSON_Duplicate(t, true));
        }
    }
    for (size_t i = 0; i < s->tables.count; i++)
        if (!done[i])
            append(b, arr,
                   table(b, &SG__VEC_AT(s->tables, sg__sc_table, i), NULL, w->data_source_uid));
    return arr;
}

/* ---- printing: two-space indent, small values on one line ---- */

/* Whether `v` is written over several lines: the top level, arrays holding
 * objects, tables, and objects holding such arrays. Columns, data sources,
 * foreign keys and key lists stay on one line each, as in the contract. */
static bool expanded(const cJSON *v)
{
    if (!cJSON_IsArray(v) && !cJSON_IsObject(v))
        return false;
    if (cJSON_IsObject(v) && cJSON_GetObjectItemCaseSensitive(v, "physical_table_name"))
        return true;
    const cJSON *c;
    cJSON_ArrayForEach(c, v)
    {
        if ((cJSON_IsArray(v) && cJSON_IsObject(c)) || (cJSON_IsObject(v) && expanded(c)))
            return true;
    }
    return false;
}

/* Compact text of `v` with a space after each colon and comma and inside
 * braces, outside string literals. */
static void put_inline(sg__strbuf *out, const cJSON *v, bool *ok)
{
    char *text = cJSON_PrintUnformatted(v);
    if (!text) {
        *ok = false;
        return;
    }
    bool in_string = false;
    for (const char *p = text; *p; p++) {
        if (in_string) {
            sg__strbuf_put(out, p, 1);
            if (*p == '\\' && p[1])
                sg__strbuf_put(out, ++p, 1);
            else if (*p == '"')
                in_string = false;
        } else if (*p == '"') {
            in_string = true;
            sg__strbuf_put(out, p, 1);
        } else if (*p == ':' || *p == ',') {
            sg__strbuf_put(out, p, 1);
            sg__strbuf_put(out, " ", 1);
        } else if (*p == '{' && p[1] != '}') {
            sg__strbuf_puts(out, "{ ");
        } else if (*p == '}' && p[-1] != '{') {
            sg__strbuf_puts(out, " }");
        } else {
            sg__strbuf_put(out, p, 1);
        }
    }
    cJSON_free(text);
}

static void put_indent(sg__strbuf *out, int depth)
{
    sg__strbuf_put(out, "\n", 1);
    for (int i = 0; i < depth; i++)
        sg__strbuf_put(out, "  ", 2);
}

static void put_value(sg__strbuf *out, const cJSON *v, int depth, bool *ok)
{
    if (!expanded(v)) {
        put_inline(out, v, ok);
        return;
    }
    bool object = cJSON_IsObject(v);
    sg__strbuf_put(out, object ? "{" : "[", 1);
    const cJSON *c;
    cJSON_ArrayForEach(c, v)
    {
        put_indent(out, depth + 1);
        if (object) {
            cJSON key = {0};
            key.type = cJSON_String;
            key.valuestring = c->string;
            put_inline(out, &key, ok);
            sg__strbuf_put(out, ": ", 2);
        }
        put_value(out, c, depth + 1, ok); /* the catalog's depth is bounded by its shape */
        if (c->next)
            sg__strbuf_put(out, ",", 1);
    }
    put_indent(out, depth);
    sg__strbuf_put(out, object ? "}" : "]", 1);
}

char *sg__schema_write_catalog(sg__arena *arena, const sg__schema *s, const sg__catalog_writer *w,
                               sg_error *err)
{
    builder b = {arena, true};
    cJSON *root = cJSON_CreateObject();
    if (root) {
        add(&b, root, "version", cJSON_CreateNumber(1));
        add(&b, root, "data_sources", data_sources(&b, w));
        add(&b, root, "meta_tables", meta_tables(&b, s, w));
    }
    sg__strbuf out = SG__STRBUF_INIT(arena);
    bool ok = root && b.ok;
    if (ok) {
        put_value(&out, root, 0, &ok);
        sg__strbuf_put(&out, "\n", 1);
    }
    cJSON_Delete(root);
    if (!ok || out.failed) {
        sg__set_error(err, SG_ENOMEM, "out of memory while writing the catalog");
        return NULL;
    }
    return out.data;
}
