/*
 * catalog.c - loads the catalog of MetaTables into an immutable handle.
 *
 * The catalog is validated strictly once, at load, so that every check can
 * trust it: unknown keys, duplicate uids or physical names, tables on unknown
 * data sources and names PostgreSQL would treat specially (pg_ prefixes,
 * system schemas, names longer than 63 bytes) are load errors naming the
 * offending path. Sources and tables are then found through hashes built
 * once (by uid, and tables by data source, schema and physical name), which
 * also find the duplicates: loading is linear in the number of tables.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "decode/catalog.h"
#include "decode/policy.h"
#include "util/error.h"
#include "util/json.h"

/* Defaults of the bounds a policy's limits may change (max_catalog_bytes,
 * max_catalog_tables); the depth is fixed by the catalog's own shape. */
enum {
    MAX_CATALOG_BYTES = 64 << 20,
    MAX_CATALOG_TABLES = 100000,
    MAX_CATALOG_DEPTH = 32,
    NAMEDATALEN_MAX = 63,
    STRING_BLOCK = 64 << 10
};

typedef struct loader {
    sg_catalog *cat;
    sg_error *err;
    int code;
    size_t max_tables;
    sg__json_doc *doc; /* meta_tables may still be in its text (sg__json_each) */
    char *pool;        /* the free end of the current string block (keep()) */
    size_t pool_left;
    const char *last_schema; /* the schema the previous table kept */
} loader;

static int fail(loader *l, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(loader *l, int code, const char *fmt, ...)
{
    l->code = code;
    if (l->err) {
        char msg[sizeof l->err->message];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        sg__set_error(l->err, code, "%s", msg);
    }
    return -1;
}

/* A copy of `s` the catalog keeps. Strings are packed end to end in blocks
 * of the catalog's arena, whose own allocations are aligned and zeroed for
 * any type: a catalog of 100,000 tables keeps a few hundred thousand names. */
static const char *keep(loader *l, const char *s)
{
    size_t n = strlen(s) + 1;
    if (l->pool_left < n) {
        size_t size = n > STRING_BLOCK ? n : STRING_BLOCK;
        l->pool = sg__arena_alloc_raw(&l->cat->arena, size);
        if (!l->pool) {
            fail(l, SG_ENOMEM, "out of memory while loading the catalog");
            return NULL;
        }
        l->pool_left = size;
    }
    char *d = l->pool;
    memcpy(d, s, n);
    l->pool += n;
    l->pool_left -= n;
    return d;
}

/* A required (or optional, when !required) string member, borrowed from the
 * tree (keep() what outlives it); *out NULL if absent. */
static int get_string(loader *l, const cJSON *obj, const char *key, const char *path, bool required,
                      const char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (!v) {
        if (required)
            return fail(l, SG_ECATALOG, "catalog: %s.%s is required", path, key);
        return 0;
    }
    if (!cJSON_IsString(v))
        return fail(l, SG_ECATALOG, "catalog: %s.%s must be a string", path, key);
    if (required && v->valuestring[0] == '\0')
        return fail(l, SG_ECATALOG, "catalog: %s.%s must not be empty", path, key);
    *out = v->valuestring;
    return 0;
}

/* get_string(), kept by the catalog. */
static int keep_string(loader *l, const cJSON *obj, const char *key, const char *path,
                       bool required, const char **out)
{
    if (get_string(l, obj, key, path, required, out) < 0)
        return -1;
    return !*out || (*out = keep(l, *out)) ? 0 : -1;
}

static int check_object(loader *l, const cJSON *obj, const char *path, const char *const *keys)
{
    if (!cJSON_IsObject(obj))
        return fail(l, SG_ECATALOG, "catalog: %s must be an object", path);
    const char *bad = sg__json_unknown_key(obj, keys);
    if (bad)
        return fail(l, SG_ECATALOG, "catalog: %s has unknown key \"%s\"", path, bad);
    if (sg__json_duplicate_key(obj, &bad) < 0)
        return fail(l, SG_ENOMEM, "out of memory while loading the catalog");
    if (bad)
        return fail(l, SG_ECATALOG, "catalog: %s has key \"%s\" twice", path, bad);
    return 0;
}

/* Names the guard compares with PostgreSQL's: they must be ones PostgreSQL
 * keeps as written (no truncation) and that cannot collide with its own. */
static int check_pg_name(loader *l, const char *name, const char *path, const char *key,
                         bool is_schema)
{
    if (strlen(name) > NAMEDATALEN_MAX)
        return fail(l, SG_ECATALOG,
                    "catalog: %s.%s \"%s\" is longer than PostgreSQL's 63-byte identifiers", path,
                    key, name);
    if (strncmp(name, "pg_", 3) == 0)
        return fail(l, SG_ECATALOG,
                    "catalog: %s.%s \"%s\" starts with pg_, which PostgreSQL reserves for its "
                    "own catalog",
                    path, key, name);
    if (is_schema && strcmp(name, "information_schema") == 0)
        return fail(l, SG_ECATALOG, "catalog: %s.%s may not be information_schema", path, key);
    return 0;
}

static int check_string_array(loader *l, const cJSON *v, const char *path)
{
    if (!cJSON_IsArray(v))
        return fail(l, SG_ECATALOG, "catalog: %s must be an array of strings", path);
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!cJSON_IsString(item))
            return fail(l, SG_ECATALOG, "catalog: %s must be an array of strings", path);
    }
    return 0;
}

static int load_columns(loader *l, const cJSON *cols, const char *path)
{
    static const char *const keys[] = {"name", "type", "nullable", "default", "description", NULL};
    if (!cJSON_IsArray(cols))
        return fail(l, SG_ECATALOG, "catalog: %s.columns must be an array", path);
    int i = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cols)
    {
        char p[96];
        snprintf(p, sizeof p, "%s.columns[%d]", path, i++);
        if (check_object(l, c, p, keys) < 0)
            return -1;
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
        if (!cJSON_IsString(name) || !name->valuestring[0])
            return fail(l, SG_ECATALOG, "catalog: %s.name must be a non-empty string", p);
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(c, "type");
        if (type && !cJSON_IsString(type))
            return fail(l, SG_ECATALOG, "catalog: %s.type must be a string", p);
        const cJSON *nullable = cJSON_GetObjectItemCaseSensitive(c, "nullable");
        if (nullable && !cJSON_IsBool(nullable))
            return fail(l, SG_ECATALOG, "catalog: %s.nullable must be true or false", p);
        const cJSON *def = cJSON_GetObjectItemCaseSensitive(c, "default");
        if (def && !cJSON_IsString(def) && !cJSON_IsNull(def))
            return fail(l, SG_ECATALOG, "catalog: %s.default must be a string or null", p);
    }
    return 0;
}

static int load_foreign_keys(loader *l, const cJSON *fks, const char *path)
{
    static const char *const keys[] = {"name",      "columns",   "references", "referenced_columns",
                                       "on_delete", "on_update", NULL};
    if (!cJSON_IsArray(fks))
        return fail(l, SG_ECATALOG, "catalog: %s.foreign_keys must be an array", path);
    int i = 0;
    const cJSON *fk;
    cJSON_ArrayForEach(fk, fks)
    {
        char p[96];
        snprintf(p, sizeof p, "%s.foreign_keys[%d]", path, i++);
        if (check_object(l, fk, p, keys) < 0)
            return -1;
        char q[128];
        snprintf(q, sizeof q, "%s.columns", p);
        if (check_string_array(l, cJSON_GetObjectItemCaseSensitive(fk, "columns"), q) < 0)
            return -1;
        snprintf(q, sizeof q, "%s.referenced_columns", p);
        const cJSON *rc = cJSON_GetObjectItemCaseSensitive(fk, "referenced_columns");
        if (rc && check_string_array(l, rc, q) < 0)
            return -1;
        const cJSON *ref = cJSON_GetObjectItemCaseSensitive(fk, "references");
        if (!cJSON_IsString(ref))
            return fail(l, SG_ECATALOG, "catalog: %s.references must be a string", p);
        static const char *const opt[] = {"on_delete", "on_update", "name"};
        for (size_t k = 0; k < 3; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(fk, opt[k]);
            if (v && !cJSON_IsString(v))
                return fail(l, SG_ECATALOG, "catalog: %s.%s must be a string", p, opt[k]);
        }
    }
    return 0;
}

/* A NULL-terminated copy of an array of strings (checked by the caller). */
static const char *const *string_list(loader *l, const cJSON *arr)
{
    size_t n = (size_t)cJSON_GetArraySize(arr);
    const char **list = sg__arena_alloc(&l->cat->arena, (n + 1) * sizeof *list);
    if (!list) {
        fail(l, SG_ENOMEM, "out of memory while loading the catalog");
        return NULL;
    }
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        if (!(list[i++] = keep(l, item->valuestring)))
            return NULL;
    }
    return list;
}

static int load_table(loader *l, const cJSON *t, size_t index, sg__meta_table *out)
{
    static const char *const keys[] = {"uid",
                                       "identifier",
                                       "data_source_uid",
                                       "schema",
                                       "physical_table_name",
                                       "columns",
                                       "primary_key",
                                       "unique",
                                       "foreign_keys",
                                       "namespace",
                                       "labels",
                                       "description",
                                       NULL};
    char path[64];
    snprintf(path, sizeof path, "meta_tables[%zu]", index);
    /* data_source_uid and schema stay borrowed: load_table_element() puts
     * the source's and the shared schema's copies in their place */
    if (check_object(l, t, path, keys) < 0 || keep_string(l, t, "uid", path, true, &out->uid) < 0 ||
        keep_string(l, t, "identifier", path, false, &out->identifier) < 0 ||
        get_string(l, t, "data_source_uid", path, true, &out->data_source_uid) < 0 ||
        get_string(l, t, "schema", path, true, &out->schema) < 0 ||
        keep_string(l, t, "physical_table_name", path, true, &out->name) < 0)
        return -1;
    if (check_pg_name(l, out->schema, path, "schema", true) < 0 ||
        check_pg_name(l, out->name, path, "physical_table_name", false) < 0)
        return -1;
    const char *ignored;
    if (get_string(l, t, "namespace", path, false, &ignored) < 0 ||
        get_string(l, t, "description", path, false, &ignored) < 0)
        return -1;
    const cJSON *v;
    char p[96];
    if ((v = cJSON_GetObjectItemCaseSensitive(t, "labels"))) {
        snprintf(p, sizeof p, "%s.labels", path);
        if (check_string_array(l, v, p) < 0)
            return -1;
    }
    const cJSON *pk = cJSON_GetObjectItemCaseSensitive(t, "primary_key");
    const cJSON *uniq = cJSON_GetObjectItemCaseSensitive(t, "unique");
    if (pk) {
        snprintf(p, sizeof p, "%s.primary_key", path);
        if (check_string_array(l, pk, p) < 0)
            return -1;
    }
    if (uniq) {
        if (!cJSON_IsArray(uniq))
            return fail(l, SG_ECATALOG, "catalog: %s.unique must be an array of arrays", path);
        int i = 0;
        const cJSON *u;
        cJSON_ArrayForEach(u, uniq)
        {
            snprintf(p, sizeof p, "%s.unique[%d]", path, i++);
            if (check_string_array(l, u, p) < 0)
                return -1;
        }
    }
    /* unique keys: the primary key, then every unique constraint */
    size_t n_keys =
        (pk && cJSON_GetArraySize(pk) > 0 ? 1 : 0) + (uniq ? (size_t)cJSON_GetArraySize(uniq) : 0);
    const char *const **ukeys = sg__arena_alloc(&l->cat->arena, (n_keys + 1) * sizeof *ukeys);
    if (!ukeys)
        return fail(l, SG_ENOMEM, "out of memory while loading the catalog");
    out->unique = ukeys;
    if (pk && cJSON_GetArraySize(pk) > 0) {
        if (!(out->primary_key = string_list(l, pk)))
            return -1;
        ukeys[out->unique_count++] = out->primary_key;
    }
    const cJSON *u;
    cJSON_ArrayForEach(u, uniq)
    {
        if (cJSON_GetArraySize(u) == 0)
            continue;
        if (!(ukeys[out->unique_count++] = string_list(l, u)))
            return -1;
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(t, "columns")) && load_columns(l, v, path) < 0)
        return -1;
    if ((v = cJSON_GetObjectItemCaseSensitive(t, "foreign_keys")) &&
        load_foreign_keys(l, v, path) < 0)
        return -1;
    return 0;
}

/* ---- the indexes: open addressing over entry index + 1 ---- */

/* Whether entry i of the index's array has this key (one to three strings). */
typedef bool (*entry_is)(const sg_catalog *c, size_t i, const char *const *key);

static bool source_is(const sg_catalog *c, size_t i, const char *const *key)
{
    return strcmp(c->sources[i].uid, key[0]) == 0;
}

static bool table_uid_is(const sg_catalog *c, size_t i, const char *const *key)
{
    return strcmp(c->tables[i].uid, key[0]) == 0;
}

static bool table_name_is(const sg_catalog *c, size_t i, const char *const *key)
{
    const sg__meta_table *t = &c->tables[i];
    return strcmp(t->name, key[2]) == 0 && strcmp(t->schema, key[1]) == 0 &&
           strcmp(t->data_source_uid, key[0]) == 0;
}

/* FNV-1a over the key's strings, each followed by 0xFF, a byte UTF-8 text
 * never holds, so that ("ab", "c") and ("a", "bc") hash apart. */
static size_t hash_key(const char *const *key, size_t parts)
{
    uint64_t h = 1469598103934665603u;
    for (size_t p = 0; p < parts; p++) {
        for (const char *s = key[p]; *s; s++)
            h = (h ^ (unsigned char)*s) * 1099511628211u;
        h = (h ^ 0xFFu) * 1099511628211u;
    }
    return (size_t)(h ^ (h >> 32));
}

/* The slot that holds the entry with `key`, or the empty slot where it would go. */
static uint32_t *probe(const sg_catalog *c, const sg__catalog_index *ix, entry_is is,
                     const char *const *key, size_t parts)
{
    size_t slot = hash_key(key, parts) & ix->mask;
    while (ix->slots[slot] && !is(c, ix->slots[slot] - 1, key))
        slot = (slot + 1) & ix->mask;
    return &ix->slots[slot];
}

/* An empty index with room for `count` entries at most half full. */
static int index_alloc(loader *l, sg__catalog_index *ix, size_t count)
{
    if (count >= UINT32_MAX / 2)
        return fail(l, SG_ETOOBIG, "catalog: %zu entries are too many to index", count);
    size_t size = 16;
    while (size / 2 < count)
        size *= 2;
    ix->slots = sg__arena_alloc(&l->cat->arena, size * sizeof *ix->slots);
    if (!ix->slots)
        return fail(l, SG_ENOMEM, "out of memory while loading the catalog");
    ix->mask = size - 1;
    return 0;
}

/* Adds entry i under `key`: false when an entry with that key is there already. */
static bool index_add(const sg_catalog *c, sg__catalog_index *ix, entry_is is,
                      const char *const *key, size_t parts, size_t i)
{
    uint32_t *slot = probe(c, ix, is, key, parts);
    if (*slot)
        return false;
    *slot = (uint32_t)(i + 1);
    return true;
}

/* Found entry, or NULL; an index never built (slots NULL) finds nothing. */
static size_t index_find(const sg_catalog *c, const sg__catalog_index *ix, entry_is is,
                         const char *const *key, size_t parts)
{
    return ix->slots ? *probe(c, ix, is, key, parts) : 0;
}

/* ---- the catalog's parts ---- */

static int load_source(loader *l, const cJSON *s, size_t i)
{
    static const char *const keys[] = {"uid",         "engine", "default_schema", "dsn", "name",
                                       "description", NULL};
    sg_catalog *c = l->cat;
    char path[64];
    snprintf(path, sizeof path, "data_sources[%zu]", i);
    sg__data_source *d = &c->sources[i];
    const char *ignored;
    if (check_object(l, s, path, keys) < 0 || keep_string(l, s, "uid", path, true, &d->uid) < 0 ||
        keep_string(l, s, "engine", path, true, &d->engine) < 0 ||
        keep_string(l, s, "default_schema", path, true, &d->default_schema) < 0 ||
        keep_string(l, s, "dsn", path, false, &d->dsn) < 0 ||
        get_string(l, s, "name", path, false, &ignored) < 0 ||
        get_string(l, s, "description", path, false, &ignored) < 0)
        return -1;
    if (strcmp(d->engine, "postgresql") != 0)
        return fail(l, SG_ECATALOG, "catalog: %s.engine is \"%s\"; only \"postgresql\" is supported",
                    path, d->engine);
    if (check_pg_name(l, d->default_schema, path, "default_schema", true) < 0)
        return -1;
    if (!index_add(c, &c->source_by_uid, source_is, &d->uid, 1, i))
        return fail(l, SG_ECATALOG, "catalog: %s.uid \"%s\" is used twice", path, d->uid);
    return 0;
}

static int load_sources(loader *l, const cJSON *sources)
{
    sg_catalog *c = l->cat;
    if (!cJSON_IsArray(sources))
        return fail(l, SG_ECATALOG, "catalog: data_sources must be an array");
    c->source_count = (size_t)cJSON_GetArraySize(sources);
    c->sources = sg__arena_alloc(&c->arena, (c->source_count + 1) * sizeof *c->sources);
    if (!c->sources)
        return fail(l, SG_ENOMEM, "out of memory while loading the catalog");
    if (index_alloc(l, &c->source_by_uid, c->source_count) < 0)
        return -1;
    size_t i = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, sources)
    {
        if (load_source(l, s, i++) < 0)
            return -1;
    }
    return 0;
}

/* Both indexes of the tables; a uid or a physical name used twice is an
 * error (two MetaTables on one physical table would make resolution
 * ambiguous), found in one pass each. */
static int index_tables(loader *l)
{
    sg_catalog *c = l->cat;
    if (index_alloc(l, &c->table_by_uid, c->table_count) < 0 ||
        index_alloc(l, &c->table_by_name, c->table_count) < 0)
        return -1;
    for (size_t i = 0; i < c->table_count; i++) {
        const sg__meta_table *t = &c->tables[i];
        if (!index_add(c, &c->table_by_uid, table_uid_is, &t->uid, 1, i))
            return fail(l, SG_ECATALOG, "catalog: meta_tables[%zu].uid \"%s\" is used twice", i,
                        t->uid);
    }
    for (size_t i = 0; i < c->table_count; i++) {
        const sg__meta_table *t = &c->tables[i];
        const char *const key[] = {t->data_source_uid, t->schema, t->name};
        if (!index_add(c, &c->table_by_name, table_name_is, key, 3, i))
            return fail(
                l, SG_ECATALOG,
                "catalog: meta_tables[%zu] and another table of its data source both name %s.%s", i,
                t->schema, t->name);
    }
    return 0;
}

/* One element of meta_tables (sg__json_each() calls it in order). */
static int load_table_element(void *ctx, const cJSON *t, size_t i)
{
    loader *l = ctx;
    sg__meta_table *table = &l->cat->tables[i];
    if (load_table(l, t, i, table) < 0)
        return -1;
    const sg__data_source *source = sg__catalog_source(l->cat, table->data_source_uid);
    if (!source)
        return fail(l, SG_ECATALOG,
                    "catalog: meta_tables[%zu].data_source_uid \"%s\" is not a data source", i,
                    table->data_source_uid);
    /* tables share their source's uid, and a schema with the table before
     * them or with the source's default */
    table->data_source_uid = source->uid;
    if (strcmp(table->schema, source->default_schema) == 0)
        table->schema = source->default_schema;
    else if (l->last_schema && strcmp(table->schema, l->last_schema) == 0)
        table->schema = l->last_schema;
    else if (!(table->schema = keep(l, table->schema)))
        return -1;
    l->last_schema = table->schema;
    return 0;
}

static int load_tables(loader *l, const cJSON *tables)
{
    sg_catalog *c = l->cat;
    if (!cJSON_IsArray(tables))
        return fail(l, SG_ECATALOG, "catalog: meta_tables must be an array");
    c->table_count = sg__json_count(l->doc, tables);
    if (c->table_count > l->max_tables)
        return fail(l, SG_ETOOBIG, "catalog: %zu meta_tables is over the limit of %zu",
                    c->table_count, l->max_tables);
    c->tables = sg__arena_alloc(&c->arena, (c->table_count + 1) * sizeof *c->tables);
    if (!c->tables)
        return fail(l, SG_ENOMEM, "out of memory while loading the catalog");
    sg__json_status st = sg__json_each(l->doc, tables, load_table_element, l);
    if (st != SG__JSON_OK && st != SG__JSON_STOPPED)
        l->code = sg__json_input_error("catalog", SG_ECATALOG, st, l->doc, l->err);
    return st == SG__JSON_OK ? index_tables(l) : -1;
}

static int load(loader *l, const cJSON *root)
{
    static const char *const keys[] = {"version", "data_sources", "meta_tables", NULL};
    if (check_object(l, root, "the top level", keys) < 0)
        return -1;
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (version && !(cJSON_IsNumber(version) && version->valuedouble == 1))
        return fail(l, SG_ECATALOG, "catalog: version must be 1");
    if (load_sources(l, cJSON_GetObjectItemCaseSensitive(root, "data_sources")) < 0)
        return -1;
    return load_tables(l, cJSON_GetObjectItemCaseSensitive(root, "meta_tables"));
}

static size_t max_bytes(const sg_policy *policy)
{
    return (size_t)sg__policy_limit(policy, SG__LIMIT_CATALOG_BYTES, MAX_CATALOG_BYTES);
}

int sg_catalog_load(const char *json, size_t len, sg_catalog **out, sg_error *err)
{
    return sg_catalog_load_policy(json, len, NULL, out, err);
}

int sg_catalog_load_policy(const char *json, size_t len, const sg_policy *policy,
                           sg_catalog **out, sg_error *err)
{
    if (err) {
        err->code = SG_OK;
        err->message[0] = '\0';
    }
    loader l = {.err = err,
                .max_tables = (size_t)sg__policy_limit(policy, SG__LIMIT_CATALOG_TABLES,
                                                       MAX_CATALOG_TABLES)};
    if (!out || !json) {
        fail(&l, SG_EINVAL, "sg_catalog_load: json and out are required");
        return SG_EINVAL;
    }
    *out = NULL;
    /* The tree lives in a scratch arena (with the JSON hooks installed) and
     * goes in one call once the catalog has copied what it keeps. */
    sg__arena scratch;
    sg__arena_init(&scratch);
    sg__json_opts jopts = {max_bytes(policy), MAX_CATALOG_DEPTH, false, "meta_tables"};
    sg__json_doc doc;
    int rc = sg__json_load_input("catalog", SG_ECATALOG, json, len, &jopts, &scratch, &doc, err);
    sg_catalog *c = rc == SG_OK ? sg__malloc(sizeof *c) : NULL;
    if (rc == SG_OK && !c)
        rc = sg__set_error(err, SG_ENOMEM, "out of memory while loading the catalog");
    if (c) {
        memset(c, 0, sizeof *c);
        sg__arena_init(&c->arena);
        l.cat = c;
        l.doc = &doc;
        if (load(&l, doc.root) < 0) {
            sg_catalog_free(c);
            rc = l.code;
        } else {
            *out = c;
        }
    }
    sg__json_doc_release(&doc);
    sg__arena_release(&scratch);
    return rc;
}

/* What sg_catalog_load_file_policy() hands to load_text(). */
typedef struct file_args {
    const sg_policy *policy;
    sg_catalog **out;
} file_args;

/* sg_catalog_load_policy() in the shape sg__json_load_file() calls. */
static int load_text(const char *json, size_t len, void *ctx, sg_error *err)
{
    const file_args *args = ctx;
    return sg_catalog_load_policy(json, len, args->policy, args->out, err);
}

int sg_catalog_load_file(const char *path, sg_catalog **out, sg_error *err)
{
    return sg_catalog_load_file_policy(path, NULL, out, err);
}

int sg_catalog_load_file_policy(const char *path, const sg_policy *policy, sg_catalog **out,
                                sg_error *err)
{
    if (out)
        *out = NULL;
    if (!path || !out)
        return sg__set_error(err, SG_EINVAL, "sg_catalog_load_file: path and out are required");
    file_args args = {policy, out};
    return sg__json_load_file(path, "catalog", max_bytes(policy), load_text, &args, err);
}

void sg_catalog_free(sg_catalog *catalog)
{
    if (!catalog)
        return;
    sg__arena_release(&catalog->arena);
    sg__free(catalog);
}

size_t sg_catalog_table_count(const sg_catalog *catalog)
{
    return catalog ? catalog->table_count : 0;
}

const sg__meta_table *sg__catalog_table_by_uid(const sg_catalog *c, const char *uid)
{
    size_t at = index_find(c, &c->table_by_uid, table_uid_is, &uid, 1);
    return at ? &c->tables[at - 1] : NULL;
}

const sg__data_source *sg__catalog_source(const sg_catalog *c, const char *uid)
{
    size_t at = index_find(c, &c->source_by_uid, source_is, &uid, 1);
    return at ? &c->sources[at - 1] : NULL;
}

const sg__meta_table *sg__catalog_table_by_name(const sg_catalog *c, const char *source_uid,
                                                const char *schema, const char *name)
{
    const char *const key[] = {source_uid, schema, name};
    size_t at = index_find(c, &c->table_by_name, table_name_is, key, 3);
    return at ? &c->tables[at - 1] : NULL;
}
