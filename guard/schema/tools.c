/*
 * tools.c - the catalog tools of sqlguard/catalog_tools.h: sets of tables
 * read from a database or a catalog, catalogs written from them, and the
 * drift between a catalog and a database. Migrations are read in
 * fromsql.c; the model, its hash, the JSON and the comparison live beside.
 */
#include <string.h>

#include "decode/catalog.h"
#include "schema/catalog_json.h"
#include "schema/diff.h"
#include "schema/pull.h"
#include "schema/tools.h"
#include "util/error.h"
#include "util/json.h"

enum { MAX_CATALOG_BYTES = 64 << 20, MAX_CATALOG_DEPTH = 32 };

static int no_memory(sg_error *err)
{
    return sg__set_error(err, SG_ENOMEM, "out of memory");
}

sg_schema *sg__tools_new(void)
{
    sg_schema *s = sg__malloc(sizeof *s);
    if (!s)
        return NULL;
    memset(s, 0, sizeof *s);
    sg__schema_init(&s->model);
    return s;
}

int sg__tools_finish(sg_schema *s, sg_error *err)
{
    sg__schema *m = &s->model;
    sg__schema_resolve_references(m);
    s->hashes = sg__arena_alloc(&m->arena, (m->tables.count + 1) * sizeof *s->hashes);
    if (!s->hashes)
        return no_memory(err);
    /* hashes first: the hash reads each type as written, as the loader does */
    for (size_t i = 0; i < m->tables.count; i++) {
        sg__sc_table *t = &SG__VEC_AT(m->tables, sg__sc_table, i);
        if (!t->columns_unknown && !(s->hashes[i] = sg__schema_hash(&m->arena, t)))
            return no_memory(err);
        for (size_t k = 0; k < t->columns.count; k++) {
            sg__sc_column *c = &SG__VEC_AT(t->columns, sg__sc_column, k);
            if (c->type && !(c->type = sg__schema_canonical_type(&m->arena, c->type)))
                return no_memory(err);
        }
    }
    return SG_OK;
}

void sg_schema_free(sg_schema *schema)
{
    if (!schema)
        return;
    sg__schema_release(&schema->model);
    sg__free(schema);
}

/* ---- pull ---- */

int sg_schema_pull(const char *dsn, const sg_pull_options *options, sg_schema **out, sg_error *err)
{
    sg_pull_options defaults = SG_PULL_OPTIONS_INIT;
    if (!options)
        options = &defaults;
    if (!out || options->version < 1 || options->version > SG_PULL_OPTIONS_VERSION)
        return sg__set_error(err, SG_EINVAL,
                             "sg_schema_pull: out and a known options version "
                             "are required");
    *out = NULL;
    sg__pull_filter f = {
        .prefix = options->prefix, .names = options->tables, .names_required = true};
    for (; options->tables && options->tables[f.name_count]; f.name_count++)
        ;
    if (options->tables)
        f.prefix = NULL;
    else
        f.all = !options->prefix;
    sg_schema *s = sg__tools_new();
    if (!s)
        return no_memory(err);
    sg__pull *p = NULL;
    int rc = sg__pull_open(dsn, &p, err);
    if (rc == SG_OK)
        rc = sg__pull_schema(p, &s->model, options->schema ? options->schema : "public", &f, err);
    sg__pull_close(p);
    if (rc == SG_OK)
        rc = sg__tools_finish(s, err);
    if (rc != SG_OK) {
        sg_schema_free(s);
        return rc;
    }
    *out = s;
    return SG_OK;
}

/* ---- catalogs ---- */

/* A loaded catalog (checked as the loader checks it, stale hashes allowed)
 * and its tree. */
typedef struct loaded {
    sg_catalog *catalog;
    sg__arena arena;
    sg__json_doc doc;
} loaded;

static int load(const char *json, size_t len, loaded *l, sg_error *err)
{
    memset(l, 0, sizeof *l);
    sg__arena_init(&l->arena);
    int rc = sg__catalog_load_unhashed(json, len, &l->catalog, err);
    if (rc != SG_OK)
        return rc;
    sg__json_opts opts = {MAX_CATALOG_BYTES, MAX_CATALOG_DEPTH, false, NULL};
    return sg__json_load_input("catalog", SG_ECATALOG, json, len, &opts, &l->arena, &l->doc, err);
}

static void unload(loaded *l)
{
    sg__json_doc_release(&l->doc);
    sg__arena_release(&l->arena);
    sg_catalog_free(l->catalog);
}

/* The data source: `uid` when the catalog has it, else its only one. */
static int pick_source(const sg_catalog *c, const char *uid, const char **out, sg_error *err)
{
    if (uid) {
        if (!sg_catalog_find_data_source(c, uid, NULL))
            return sg__set_error(err, SG_EINVAL, "the catalog has no data source \"%s\"", uid);
        *out = uid;
        return SG_OK;
    }
    if (sg_catalog_data_source_count(c) != 1)
        return sg__set_error(err, SG_EINVAL,
                             "the catalog has %zu data sources: name the one to use",
                             sg_catalog_data_source_count(c));
    *out = sg_catalog_data_source_uid(c, 0);
    return SG_OK;
}

static bool member_is(const cJSON *obj, const char *key, const char *value)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && strcmp(v->valuestring, value) == 0;
}

/* The tables of the loaded catalog on data source `uid` (NULL: all), in
 * `schema` when given. */
static int catalog_tables(const loaded *l, const char *uid, const char *schema, sg_schema **out,
                          sg_error *err)
{
    sg_schema *s = sg__tools_new();
    if (!s)
        return no_memory(err);
    const cJSON *t;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(l->doc.root, "meta_tables"))
    {
        if ((!uid || member_is(t, "data_source_uid", uid)) &&
            (!schema || member_is(t, "schema", schema)) &&
            sg__schema_add_catalog_table(&s->model, t, NULL) < 0) {
            sg_schema_free(s);
            return no_memory(err);
        }
    }
    int rc = sg__tools_finish(s, err);
    if (rc != SG_OK) {
        sg_schema_free(s);
        return rc;
    }
    *out = s;
    return SG_OK;
}

int sg_schema_from_catalog(const char *json, size_t len, const char *data_source_uid,
                           sg_schema **out, sg_error *err)
{
    if (!out || !json)
        return sg__set_error(err, SG_EINVAL, "sg_schema_from_catalog: json and out are required");
    *out = NULL;
    loaded l;
    int rc = load(json, len, &l, err);
    if (rc == SG_OK && data_source_uid &&
        !sg_catalog_find_data_source(l.catalog, data_source_uid, NULL))
        rc =
            sg__set_error(err, SG_EINVAL, "the catalog has no data source \"%s\"", data_source_uid);
    if (rc == SG_OK)
        rc = catalog_tables(&l, data_source_uid, NULL, out, err);
    unload(&l);
    return rc;
}

/* ---- getters ---- */

static const sg__sc_table *table_at(const sg_schema *s, size_t i)
{
    return s && i < s->model.tables.count ? &SG__VEC_AT(s->model.tables, sg__sc_table, i) : NULL;
}

size_t sg_schema_table_count(const sg_schema *schema)
{
    return schema ? schema->model.tables.count : 0;
}

const char *sg_schema_table_schema(const sg_schema *schema, size_t index)
{
    const sg__sc_table *t = table_at(schema, index);
    return t ? t->schema : NULL;
}

const char *sg_schema_table_name(const sg_schema *schema, size_t index)
{
    const sg__sc_table *t = table_at(schema, index);
    return t ? t->name : NULL;
}

const char *sg_schema_table_hash(const sg_schema *schema, size_t index)
{
    return table_at(schema, index) ? schema->hashes[index] : NULL;
}

const char *sg_schema_table_stated_hash(const sg_schema *schema, size_t index)
{
    const sg__sc_table *t = table_at(schema, index);
    return t ? t->contract_hash : NULL;
}

size_t sg_schema_note_count(const sg_schema *schema)
{
    return schema ? schema->notes.count : 0;
}

const sg_schema_note *sg_schema_note_at(const sg_schema *schema, size_t index)
{
    return schema && index < schema->notes.count ? &SG__VEC_AT(schema->notes, sg_schema_note, index)
                                                 : NULL;
}

/* ---- writing ---- */

/* Copies arena text into a buffer the caller releases with sg_free(). */
static int hand_over(const char *text, char **out, sg_error *err)
{
    size_t n = strlen(text) + 1;
    if (!(*out = sg__malloc(n)))
        return no_memory(err);
    memcpy(*out, text, n);
    return SG_OK;
}

static int write_with(const sg_schema *schema, const sg_catalog_write_options *o,
                      const loaded *existing, char **out, sg_error *err)
{
    sg__catalog_writer w = {existing ? existing->doc.root : NULL, o->data_source_uid,
                            o->default_schema};
    if (!w.data_source_uid && existing && sg_catalog_data_source_count(existing->catalog) == 1)
        w.data_source_uid = sg_catalog_data_source_uid(existing->catalog, 0);
    if (!w.data_source_uid)
        return sg__set_error(err, SG_EINVAL,
                             "no data source for the tables: name one, or give an existing "
                             "catalog with exactly one");
    sg__arena arena;
    sg__arena_init(&arena);
    const char *text = sg__schema_write_catalog(&arena, &schema->model, &w, err);
    int rc = text ? hand_over(text, out, err) : SG_ENOMEM;
    sg__arena_release(&arena);
    return rc;
}

int sg_schema_write_catalog(const sg_schema *schema, const sg_catalog_write_options *options,
                            char **out, sg_error *err)
{
    sg_catalog_write_options defaults = SG_CATALOG_WRITE_OPTIONS_INIT;
    if (!options)
        options = &defaults;
    if (!out || !schema || options->version < 1 ||
        options->version > SG_CATALOG_WRITE_OPTIONS_VERSION)
        return sg__set_error(err, SG_EINVAL,
                             "sg_schema_write_catalog: schema, out and a known options version "
                             "are required");
    *out = NULL;
    if (!options->existing)
        return write_with(schema, options, NULL, out, err);
    loaded l;
    int rc = load(options->existing, options->existing_len, &l, err);
    if (rc == SG_OK)
        rc = write_with(schema, options, &l, out, err);
    unload(&l);
    return rc;
}

/* ---- drift ---- */

struct sg_diff {
    sg__arena arena;
    sg__vec drift;  /* sg_drift */
    sg__vec tables; /* sg_diff_table */
};

static int diff_models(const sg__schema *old_side, const sg__schema *new_side, sg_diff **out,
                       sg_error *err)
{
    sg_diff *d = sg__malloc(sizeof *d);
    if (!d)
        return no_memory(err);
    memset(d, 0, sizeof *d);
    sg__arena_init(&d->arena);
    if (sg__schema_diff(&d->arena, old_side, new_side, &d->drift, &d->tables) < 0) {
        sg_diff_free(d);
        return no_memory(err);
    }
    *out = d;
    return SG_OK;
}

int sg_schema_diff(const sg_schema *old_side, const sg_schema *new_side, sg_diff **out,
                   sg_error *err)
{
    if (!out || !old_side || !new_side)
        return sg__set_error(err, SG_EINVAL, "sg_schema_diff: both sides and out are required");
    *out = NULL;
    return diff_models(&old_side->model, &new_side->model, out, err);
}

/* The schemas of the catalog's tables, each once, in order; the data
 * source's default schema when it has none. */
static int schemas_of(sg_schema *cat, const sg_catalog *c, const char *uid, sg__vec *out)
{
    for (size_t i = 0; i < cat->model.tables.count; i++) {
        const char *name = SG__VEC_AT(cat->model.tables, sg__sc_table, i).schema;
        bool seen = false;
        for (size_t k = 0; !seen && k < out->count; k++)
            seen = strcmp(SG__VEC_AT(*out, const char *, k), name) == 0;
        const char **slot = seen ? NULL : sg__vec_push(&cat->model.arena, out, sizeof *slot);
        if (!seen && !slot)
            return -1;
        if (slot)
            *slot = name;
    }
    size_t at = 0;
    if (out->count == 0 && sg_catalog_find_data_source(c, uid, &at)) {
        const char **slot = sg__vec_push(&cat->model.arena, out, sizeof *slot);
        if (!slot)
            return -1;
        *slot = sg_catalog_data_source_default_schema(c, at);
    }
    return 0;
}

/* The database's side: per schema, the catalog's tables there and the
 * tables the prefix (or, without one, nothing) selects. */
static int pull_side(sg__pull *p, sg_schema *cat, const sg__vec *schemas, const char *prefix,
                     sg_schema *db, sg_error *err)
{
    for (size_t i = 0; i < schemas->count; i++) {
        const char *schema = SG__VEC_AT(*schemas, const char *, i);
        const char **names =
            sg__arena_alloc(&db->model.arena, (cat->model.tables.count + 1) * sizeof *names);
        if (!names)
            return no_memory(err);
        sg__pull_filter f = {.all = !prefix, .prefix = prefix, .names = names};
        for (size_t k = 0; k < cat->model.tables.count; k++) {
            const sg__sc_table *t = &SG__VEC_AT(cat->model.tables, sg__sc_table, k);
            if (strcmp(t->schema, schema) == 0)
                names[f.name_count++] = t->name;
        }
        int rc = sg__pull_schema(p, &db->model, schema, &f, err);
        if (rc != SG_OK)
            return rc;
    }
    return sg__tools_finish(db, err);
}

/* The catalog's side: its tables of the data source, in `schema` when given. */
static int catalog_side(const loaded *l, const sg_catalog_diff_options *o, sg_schema **cat,
                        const char **uid, sg_error *err)
{
    int rc = pick_source(l->catalog, o->data_source_uid, uid, err);
    return rc == SG_OK ? catalog_tables(l, *uid, o->schema, cat, err) : rc;
}

static int diff_catalog(const loaded *l, const char *dsn, const sg_catalog_diff_options *o,
                        sg_diff **out, sg_error *err)
{
    sg_schema *cat = NULL, *db = NULL;
    const char *uid = NULL;
    sg__pull *p = NULL;
    sg__vec schemas = {0};
    int rc = catalog_side(l, o, &cat, &uid, err);
    if (rc == SG_OK && o->schema) {
        const char **slot = sg__vec_push(&cat->model.arena, &schemas, sizeof *slot);
        rc = slot ? SG_OK : no_memory(err);
        if (slot)
            *slot = o->schema;
    } else if (rc == SG_OK && schemas_of(cat, l->catalog, uid, &schemas) < 0) {
        rc = no_memory(err);
    }
    if (rc == SG_OK && !(db = sg__tools_new()))
        rc = no_memory(err);
    if (rc == SG_OK)
        rc = sg__pull_open(dsn, &p, err);
    if (rc == SG_OK)
        rc = pull_side(p, cat, &schemas, o->prefix, db, err);
    sg__pull_close(p);
    if (rc == SG_OK)
        rc = diff_models(&cat->model, &db->model, out, err);
    sg_schema_free(cat);
    sg_schema_free(db);
    return rc;
}

int sg_catalog_diff(const char *catalog_json, size_t len, const char *dsn,
                    const sg_catalog_diff_options *options, sg_diff **out, sg_error *err)
{
    sg_catalog_diff_options defaults = SG_CATALOG_DIFF_OPTIONS_INIT;
    if (!options)
        options = &defaults;
    if (!out || !catalog_json || options->version < 1 ||
        options->version > SG_CATALOG_DIFF_OPTIONS_VERSION)
        return sg__set_error(err, SG_EINVAL,
                             "sg_catalog_diff: the catalog, out and a known options version are "
                             "required");
    *out = NULL;
    loaded l;
    int rc = load(catalog_json, len, &l, err);
    if (rc == SG_OK)
        rc = diff_catalog(&l, dsn, options, out, err);
    unload(&l);
    return rc;
}

void sg_diff_free(sg_diff *diff)
{
    if (!diff)
        return;
    sg__arena_release(&diff->arena);
    sg__free(diff);
}

size_t sg_diff_count(const sg_diff *diff)
{
    return diff ? diff->drift.count : 0;
}

const sg_drift *sg_diff_at(const sg_diff *diff, size_t index)
{
    return diff && index < diff->drift.count ? &SG__VEC_AT(diff->drift, sg_drift, index) : NULL;
}

size_t sg_diff_table_count(const sg_diff *diff)
{
    return diff ? diff->tables.count : 0;
}

const sg_diff_table *sg_diff_table_at(const sg_diff *diff, size_t index)
{
    return diff && index < diff->tables.count ? &SG__VEC_AT(diff->tables, sg_diff_table, index)
                                              : NULL;
}
