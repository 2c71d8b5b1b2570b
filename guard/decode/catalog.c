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
#include <strings.h>

#include "decode/catalog.h"
#include "decode/policy.h"
#include "resolve/typelist.h"
#include "schema/catalog_json.h"
#include "util/error.h"
#include "util/json.h"
#include "util/text.h"

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
    sg_catalog **out;
    sg__failure f; /* the first failure: its code and the caller's sg_error */
    size_t max_tables;
    sg__json_doc *doc; /* meta_tables may still be in its text (sg__json_each) */
    char *pool;        /* the free end of the current string block (keep()) */
    size_t pool_left;
    const char *last_schema; /* the schema the previous table kept */
    bool unhashed;           /* contract_hash is not checked (the catalog tools) */
    sg__vec actions;         /* pending_action: foreign keys whose action writes */
} loader;

/* A foreign key whose action writes, kept until every table is indexed. */
typedef struct pending_action {
    size_t table;           /* the referencing table's index */
    size_t key;             /* the foreign key's index in the table's foreign_keys */
    const char *written;    /* `references` as the catalog writes it */
    const char *ref_schema; /* NULL: the referencing table's own */
    const char *ref_table;
    sg__fk_action action;
} pending_action;

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
            sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
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

/* ---- places in the catalog, spelled out only in a message ---- */

/* "meta_tables[3].columns[1]": a member `name` of `up`, or element `index`
 * of it; the top-level members have no `up`. */
typedef struct where {
    const struct where *up;
    const char *name; /* NULL for an element */
    size_t index;
} where;

static void spell(const where *w, char *buf, size_t cap, size_t *len)
{
    if (w->up)
        spell(w->up, buf, cap, len);
    int n = w->name ? snprintf(buf + *len, cap - *len, "%s%s", w->up ? "." : "", w->name)
                    : snprintf(buf + *len, cap - *len, "[%zu]", w->index);
    if (n > 0)
        *len = *len + (size_t)n < cap ? *len + (size_t)n : cap - 1;
}

/* A load error at `w`: "catalog: <where><what>". */
static int bad(loader *l, const where *w, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad(loader *l, const where *w, const char *fmt, ...)
{
    char place[160], what[sizeof l->f.err->message];
    size_t len = 0;
    place[0] = '\0';
    spell(w, place, sizeof place, &len);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return sg__fail(&l->f, SG_ECATALOG, "catalog: %s%s", place, what);
}

/* ---- members ---- */

/* An object with no member outside `keys`, none twice; its members in slots. */
static int object(loader *l, const cJSON *obj, const where *w, const char *const *keys,
                  const cJSON **slots)
{
    if (!cJSON_IsObject(obj))
        return bad(l, w, " must be an object");
    bool twice;
    const char *name = sg__json_members(obj, keys, slots, &twice);
    if (name)
        return bad(l, w, twice ? " has key \"%s\" twice" : " has unknown key \"%s\"", name);
    return 0;
}

/* A string member `key` of the object at `w`, borrowed from the tree (keep()
 * what outlives it): required, or else *out NULL when absent. */
static int string(loader *l, const cJSON *v, const where *w, const char *key, bool required,
                  const char **out)
{
    *out = NULL;
    if (!v)
        return required ? bad(l, w, ".%s is required", key) : 0;
    if (!cJSON_IsString(v))
        return bad(l, w, ".%s must be a string", key);
    if (required && v->valuestring[0] == '\0')
        return bad(l, w, ".%s must not be empty", key);
    *out = v->valuestring;
    return 0;
}

/* string(), kept by the catalog. */
static int kept_string(loader *l, const cJSON *v, const where *w, const char *key, bool required,
                       const char **out)
{
    if (string(l, v, w, key, required, out) < 0)
        return -1;
    return !*out || (*out = keep(l, *out)) ? 0 : -1;
}

/* Names the guard compares with PostgreSQL's: they must be ones PostgreSQL
 * keeps as written (no truncation) and that cannot collide with its own. */
static int pg_name(loader *l, const char *name, const where *w, const char *key, bool is_schema)
{
    if (strlen(name) > NAMEDATALEN_MAX)
        return bad(l, w, ".%s \"%s\" is longer than PostgreSQL's 63-byte identifiers", key, name);
    if (strncmp(name, "pg_", 3) == 0)
        return bad(l, w,
                   ".%s \"%s\" starts with pg_, which PostgreSQL reserves for its own catalog", key,
                   name);
    if (is_schema && strcmp(name, "information_schema") == 0)
        return bad(l, w, ".%s may not be information_schema", key);
    return 0;
}

/* An array of strings at member `name` of `w` (NULL: element `index` of it). */
static int string_array(loader *l, const cJSON *v, const where *w, const char *name, size_t index)
{
    where at = {w, name, index};
    if (!cJSON_IsArray(v))
        return bad(l, &at, " must be an array of strings");
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!cJSON_IsString(item))
            return bad(l, &at, " must be an array of strings");
    }
    return 0;
}

/* PostgreSQL's INDEX_MAX_KEYS: no key of a table has more columns. */
#define KEY_COLUMNS_MAX 32

/* A key's column list at member `name` of `w` (NULL: element `index` of it):
 * an array of non-empty names, none twice, at most KEY_COLUMNS_MAX of them,
 * as PostgreSQL's keys are (a key that names a column twice is none it could
 * hold, and the guard would count one column as two). */
static int key_columns(loader *l, const cJSON *v, const where *w, const char *name, size_t index)
{
    where at = {w, name, index};
    if (!cJSON_IsArray(v))
        return bad(l, &at, " must be an array of column names");
    const char *seen[KEY_COLUMNS_MAX];
    size_t n = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!cJSON_IsString(item) || !item->valuestring[0])
            return bad(l, &at, "[%zu] must be a non-empty column name", n);
        if (n == KEY_COLUMNS_MAX)
            return bad(l, &at, " has more than %d columns, PostgreSQL's most for a key",
                       KEY_COLUMNS_MAX);
        for (size_t i = 0; i < n; i++)
            if (strcmp(seen[i], item->valuestring) == 0)
                return bad(l, &at, " names column \"%.80s\" twice ([%zu] and [%zu])",
                           item->valuestring, i, n);
        seen[n++] = item->valuestring;
    }
    return 0;
}

/* A NULL-terminated copy of an array of strings (checked by the caller). */
static const char *const *string_list(loader *l, const cJSON *arr)
{
    size_t n = (size_t)cJSON_GetArraySize(arr);
    const char **list = sg__arena_alloc(&l->cat->arena, (n + 1) * sizeof *list);
    if (!list) {
        sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
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

/* ---- a table ---- */

/* FNV-1a over a column name, folded to a size. */
static size_t hash_name(const char *name)
{
    uint64_t h = sg__fnv1a_str(SG__FNV1A_INIT, name);
    return (size_t)(h ^ (h >> 32));
}

long sg__catalog_column_hashed(const sg__meta_table *t, const char *name)
{
    for (size_t slot = hash_name(name) & t->column_mask; t->column_slots[slot];
         slot = (slot + 1) & t->column_mask) {
        uint32_t i = t->column_slots[slot] - 1;
        if (strcmp(t->columns[i], name) == 0)
            return (long)i;
    }
    return -1;
}

/* Hashes the column names of a table wider than SG__COLUMN_SCAN_MAX; a name
 * listed twice is refused. */
static int hash_columns(loader *l, sg__meta_table *t)
{
    if (t->column_count <= SG__COLUMN_SCAN_MAX)
        return 0;
    if (t->column_count >= UINT32_MAX / 2)
        return sg__fail(&l->f, SG_ETOOBIG, "catalog: %zu columns are too many to index",
                        t->column_count);
    size_t size = 16;
    while (size / 2 < t->column_count)
        size *= 2;
    uint32_t *slots = sg__arena_alloc(&l->cat->arena, size * sizeof *slots);
    if (!slots)
        return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
    for (size_t i = 0; i < t->column_count; i++) {
        size_t slot = hash_name(t->columns[i]) & (size - 1);
        while (slots[slot] && strcmp(t->columns[slots[slot] - 1], t->columns[i]) != 0)
            slot = (slot + 1) & (size - 1);
        if (slots[slot])
            return sg__fail(&l->f, SG_ECATALOG,
                            "catalog: table %s.%s: .columns name \"%.80s\" twice (columns %u and "
                            "%zu)",
                            t->schema, t->name, t->columns[i], slots[slot] - 1, i);
        slots[slot] = (uint32_t)(i + 1);
    }
    t->column_slots = slots;
    t->column_mask = size - 1;
    return 0;
}

/* Checks the column list and keeps the names, in order, for name resolution
 * (an empty list keeps none: the table's columns are then unknown). */
static int load_columns(loader *l, const cJSON *cols, const where *table, sg__meta_table *out)
{
    static const char *const keys[] = {"name", "type", "nullable", "default", "description", NULL};
    enum { NAME, TYPE, NULLABLE, DEFAULT, DESCRIPTION, COUNT };
    if (!cJSON_IsArray(cols))
        return bad(l, table, ".columns must be an array");
    where list = {table, "columns", 0}, at = {&list, NULL, 0};
    const cJSON *c;
    cJSON_ArrayForEach(c, cols)
    {
        const cJSON *m[COUNT];
        if (object(l, c, &at, keys, m) < 0)
            return -1;
        if (!cJSON_IsString(m[NAME]) || !m[NAME]->valuestring[0])
            return bad(l, &at, ".name must be a non-empty string");
        if (m[TYPE] && (!cJSON_IsString(m[TYPE]) || !m[TYPE]->valuestring[0]))
            return bad(l, &at, ".type must be a non-empty string (or left out: type unknown)");
        if (m[NULLABLE] && !cJSON_IsBool(m[NULLABLE]))
            return bad(l, &at, ".nullable must be true or false");
        if (m[DEFAULT] && !cJSON_IsString(m[DEFAULT]) && !cJSON_IsNull(m[DEFAULT]))
            return bad(l, &at, ".default must be a string or null");
        at.index++;
    }
    if (at.index == 0)
        return 0;
    const char **names = sg__arena_alloc(&l->cat->arena, (at.index + 1) * sizeof *names);
    bool *required = sg__arena_alloc(&l->cat->arena, (at.index + 1) * sizeof *required);
    const char **types = sg__arena_alloc(&l->cat->arena, (at.index + 1) * sizeof *types);
    sg__pgtype *pgtypes = sg__arena_alloc(&l->cat->arena, (at.index + 1) * sizeof *pgtypes);
    bool *read = sg__arena_alloc(&l->cat->arena, (at.index + 1) * sizeof *read);
    if (!names || !required || !types || !pgtypes || !read)
        return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
    size_t i = 0;
    cJSON_ArrayForEach(c, cols)
    {
        const cJSON *nullable = cJSON_GetObjectItemCaseSensitive(c, "nullable");
        const cJSON *def = cJSON_GetObjectItemCaseSensitive(c, "default");
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(c, "type");
        required[i] = cJSON_IsFalse(nullable) && (!def || cJSON_IsNull(def));
        types[i] = NULL;
        if (type && !(types[i] = keep(l, type->valuestring)))
            return -1;
        read[i] = types[i] && sg__pgtype_parse(types[i], &pgtypes[i]);
        out->has_names_column |= sg__type_text_resolves_names(read[i] ? pgtypes[i].name : types[i]);
        out->has_xml_column |= sg__type_text_is_xml(read[i] ? pgtypes[i].name : types[i]);
        out->has_app_column |=
            types[i] && (read[i] ? pgtypes[i].kind == SG__PGKIND_OTHER &&
                                       sg__type_text_is_application(pgtypes[i].name)
                                 : sg__type_text_is_application(types[i]));
        if (!(names[i++] = keep(l, cJSON_GetObjectItemCaseSensitive(c, "name")->valuestring)))
            return -1;
    }
    names[i] = NULL;
    /* PostgreSQL gives no table two columns of one name: a catalog that does
     * is not a table's (a narrow table is scanned, a wide one found twice
     * while it is hashed) */
    for (size_t a = 0; i <= SG__COLUMN_SCAN_MAX && a < i; a++)
        for (size_t b = a + 1; b < i; b++)
            if (strcmp(names[a], names[b]) == 0)
                return bad(l, table, ".columns name \"%.80s\" twice (columns %zu and %zu)",
                           names[a], a, b);
    out->columns = names;
    out->column_required = required;
    out->column_types = types;
    out->column_pgtypes = pgtypes;
    out->column_type_read = read;
    out->column_count = i;
    return hash_columns(l, out);
}

/* Whether `s` is a referential action as PostgreSQL spells it, in any case
 * (`SET NULL (col)`, PostgreSQL 15's column list, included). */
static bool known_action(const char *s)
{
    static const char *const actions[] = {"NO ACTION", "RESTRICT", "CASCADE", "SET NULL",
                                          "SET DEFAULT"};
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        size_t n = strlen(actions[i]);
        if (strncasecmp(s, actions[i], n) == 0 &&
            (s[n] == '\0' || (i >= 3 && s[n] == ' ' && s[n + 1] == '(' && s[strlen(s) - 1] == ')')))
            return true;
    }
    return false;
}

/* The action as the catalog writes it, when it writes the referencing
 * table ("cascade" and "set null" too, with a column list or not), else
 * NULL. */
static const char *writing_action(const cJSON *v)
{
    static const char *const writes[] = {"CASCADE", "SET NULL", "SET DEFAULT"};
    for (size_t i = 0; v && i < sizeof writes / sizeof writes[0]; i++) {
        size_t n = strlen(writes[i]);
        if (strncasecmp(v->valuestring, writes[i], n) == 0 &&
            (v->valuestring[n] == '\0' || v->valuestring[n] == ' '))
            return writes[i];
    }
    return NULL;
}

/* Keeps foreign key `key` of table `index` when its action writes it. */
static int keep_action(loader *l, size_t index, size_t key, const cJSON *const *m)
{
    enum { NAME, COLUMNS, REFERENCES, REFERENCED, ON_DELETE, ON_UPDATE };
    const char *on_delete = writing_action(m[ON_DELETE]), *on_update = writing_action(m[ON_UPDATE]);
    if (!on_delete && !on_update)
        return 0;
    pending_action *p = sg__vec_push(&l->cat->arena, &l->actions, sizeof *p);
    if (!p)
        return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
    const char *ref = m[REFERENCES]->valuestring, *dot = strchr(ref, '.');
    p->table = index;
    p->key = key;
    p->written = keep(l, ref);
    p->ref_schema = NULL;
    p->ref_table = keep(l, dot ? dot + 1 : ref);
    if (dot) {
        char *schema = sg__arena_strndup(&l->cat->arena, ref, (size_t)(dot - ref));
        if (!schema)
            return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
        p->ref_schema = schema;
    }
    p->action = (sg__fk_action){NULL,
                                m[NAME] ? keep(l, m[NAME]->valuestring) : NULL,
                                string_list(l, m[COLUMNS]),
                                m[REFERENCED] ? string_list(l, m[REFERENCED]) : NULL,
                                on_delete,
                                on_update};
    if (!p->ref_table || !p->written || (m[NAME] && !p->action.name) || !p->action.columns ||
        (m[REFERENCED] && !p->action.referenced))
        return -1;
    return 0;
}

static int load_foreign_keys(loader *l, const cJSON *fks, const where *table)
{
    static const char *const keys[] = {"name",      "columns",   "references", "referenced_columns",
                                       "on_delete", "on_update", NULL};
    enum { NAME, COLUMNS, REFERENCES, REFERENCED, ON_DELETE, ON_UPDATE, COUNT };
    if (!cJSON_IsArray(fks))
        return bad(l, table, ".foreign_keys must be an array");
    where list = {table, "foreign_keys", 0}, at = {&list, NULL, 0};
    const cJSON *fk;
    cJSON_ArrayForEach(fk, fks)
    {
        const cJSON *m[COUNT];
        if (object(l, fk, &at, keys, m) < 0 || key_columns(l, m[COLUMNS], &at, "columns", 0) < 0)
            return -1;
        if (cJSON_GetArraySize(m[COLUMNS]) == 0)
            return bad(l, &at, ".columns must name at least one column");
        if (m[REFERENCED] && key_columns(l, m[REFERENCED], &at, "referenced_columns", 0) < 0)
            return -1;
        if (m[REFERENCED] && cJSON_GetArraySize(m[REFERENCED]) != cJSON_GetArraySize(m[COLUMNS]))
            return bad(l, &at,
                       ".referenced_columns has %d columns and .columns %d; a foreign key "
                       "pairs them one to one",
                       cJSON_GetArraySize(m[REFERENCED]), cJSON_GetArraySize(m[COLUMNS]));
        if (!cJSON_IsString(m[REFERENCES]))
            return bad(l, &at, ".references must be a string");
        static const int optional[] = {ON_DELETE, ON_UPDATE, NAME};
        for (size_t k = 0; k < 3; k++)
            if (m[optional[k]] && !cJSON_IsString(m[optional[k]]))
                return bad(l, &at, ".%s must be a string", keys[optional[k]]);
        /* an action spelled otherwise would be taken for one that writes
         * nothing, and a cascade the scope does not cover would pass */
        for (int k = ON_DELETE; k <= ON_UPDATE; k++)
            if (m[k] && !known_action(m[k]->valuestring))
                return bad(l, &at,
                           ".%s \"%.60s\" is not one of NO ACTION, RESTRICT, CASCADE, SET NULL, "
                           "SET DEFAULT",
                           keys[k], m[k]->valuestring);
        if (keep_action(l, table->index, at.index, m) < 0)
            return -1;
        at.index++;
    }
    return 0;
}

/* The table's unique keys: the primary key, then every unique constraint
 * (both checked by the caller), empty ones left out. */
static int unique_keys(loader *l, const cJSON *pk, const cJSON *uniq, sg__meta_table *out)
{
    size_t n =
        (pk && cJSON_GetArraySize(pk) > 0 ? 1 : 0) + (uniq ? (size_t)cJSON_GetArraySize(uniq) : 0);
    const char *const **keys = sg__arena_alloc(&l->cat->arena, (n + 1) * sizeof *keys);
    if (!keys)
        return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
    out->unique = keys;
    if (pk && cJSON_GetArraySize(pk) > 0) {
        if (!(out->primary_key = string_list(l, pk)))
            return -1;
        keys[out->unique_count++] = out->primary_key;
    }
    const cJSON *u;
    cJSON_ArrayForEach(u, uniq)
    {
        if (cJSON_GetArraySize(u) > 0 && !(keys[out->unique_count++] = string_list(l, u)))
            return -1;
    }
    return 0;
}

static const char *const table_keys[] = {"uid",
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
                                         "contract_hash",
                                         NULL};
enum {
    T_UID,
    T_IDENTIFIER,
    T_SOURCE,
    T_SCHEMA,
    T_NAME,
    T_COLUMNS,
    T_PRIMARY_KEY,
    T_UNIQUE,
    T_FOREIGN_KEYS,
    T_NAMESPACE,
    T_LABELS,
    T_DESCRIPTION,
    T_CONTRACT_HASH,
    T_COUNT
};

/* A stated contract hash must be the hash of the columns and keys the table
 * lists: a catalog edited without it is drift a platform comparing hashes
 * would miss. A table that lists no columns has no contract to hash. */
static int check_contract_hash(loader *l, const cJSON *t, const cJSON *hash, const where *w)
{
    const char *stated;
    if (string(l, hash, w, "contract_hash", false, &stated) < 0)
        return -1;
    if (!stated || cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(t, "columns")) == 0)
        return 0;
    sg__schema s;
    sg__schema_init(&s);
    sg__sc_table *table = NULL;
    const char *computed =
        sg__schema_add_catalog_table(&s, t, &table) == 0 ? sg__schema_hash(&s.arena, table) : NULL;
    int rc = 0;
    if (!computed)
        rc = sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
    else if (strcmp(computed, stated) != 0)
        rc = bad(l, w,
                 ".contract_hash of table %s.%s is \"%.80s\", but its columns and keys hash to "
                 "\"%s\" (the table changed without its hash; `sqlguard catalog hash` prints it)",
                 table->schema, table->name, stated, computed);
    sg__schema_release(&s);
    return rc;
}

static bool has_column(const sg__meta_table *t, const char *name)
{
    if (t->column_slots)
        return sg__catalog_column_hashed(t, name) >= 0;
    for (size_t i = 0; i < t->column_count; i++)
        if (strcmp(t->columns[i], name) == 0)
            return true;
    return false;
}

/* Every column of the table's primary and unique keys is one of its columns,
 * when it lists them: a key on a column the table does not have is no key
 * PostgreSQL could hold, and the guard would take it for one. */
static int keys_name_columns(loader *l, const sg__meta_table *t, const where *w)
{
    for (size_t k = 0; t->column_count && k < t->unique_count; k++)
        for (const char *const *col = t->unique[k]; *col; col++)
            if (!has_column(t, *col))
                return bad(l, w, ".%s names column \"%.80s\", which the table's columns lack",
                           t->primary_key && k == 0 ? "primary_key" : "unique", *col);
    return 0;
}

/* The table's constraints and descriptions (its names are checked first). */
static int load_table_rest(loader *l, const cJSON *t, const cJSON *const *m, const where *w,
                           sg__meta_table *out)
{
    const char *ignored;
    if (string(l, m[T_NAMESPACE], w, "namespace", false, &ignored) < 0 ||
        string(l, m[T_DESCRIPTION], w, "description", false, &ignored) < 0)
        return -1;
    if (m[T_LABELS] && string_array(l, m[T_LABELS], w, "labels", 0) < 0)
        return -1;
    if (m[T_PRIMARY_KEY] && key_columns(l, m[T_PRIMARY_KEY], w, "primary_key", 0) < 0)
        return -1;
    if (m[T_UNIQUE]) {
        if (!cJSON_IsArray(m[T_UNIQUE]))
            return bad(l, w, ".unique must be an array of arrays");
        where list = {w, "unique", 0};
        size_t i = 0;
        const cJSON *u;
        cJSON_ArrayForEach(u, m[T_UNIQUE])
        {
            if (key_columns(l, u, &list, NULL, i++) < 0)
                return -1;
        }
    }
    if (unique_keys(l, m[T_PRIMARY_KEY], m[T_UNIQUE], out) < 0)
        return -1;
    if (m[T_COLUMNS] && load_columns(l, m[T_COLUMNS], w, out) < 0)
        return -1;
    if (keys_name_columns(l, out, w) < 0)
        return -1;
    if (m[T_FOREIGN_KEYS] && load_foreign_keys(l, m[T_FOREIGN_KEYS], w) < 0)
        return -1;
    return m[T_CONTRACT_HASH] && !l->unhashed ? check_contract_hash(l, t, m[T_CONTRACT_HASH], w)
                                              : 0;
}

static int load_table(loader *l, const cJSON *t, size_t index, sg__meta_table *out)
{
    static const where tables = {NULL, "meta_tables", 0};
    where w = {&tables, NULL, index};
    const cJSON *m[T_COUNT];
    /* data_source_uid and schema stay borrowed: load_table_element() puts
     * the source's and the shared schema's copies in their place */
    if (object(l, t, &w, table_keys, m) < 0 ||
        kept_string(l, m[T_UID], &w, "uid", true, &out->uid) < 0 ||
        kept_string(l, m[T_IDENTIFIER], &w, "identifier", false, &out->identifier) < 0 ||
        string(l, m[T_SOURCE], &w, "data_source_uid", true, &out->data_source_uid) < 0 ||
        string(l, m[T_SCHEMA], &w, "schema", true, &out->schema) < 0 ||
        kept_string(l, m[T_NAME], &w, "physical_table_name", true, &out->name) < 0)
        return -1;
    if (pg_name(l, out->schema, &w, "schema", true) < 0 ||
        pg_name(l, out->name, &w, "physical_table_name", false) < 0)
        return -1;
    return load_table_rest(l, t, m, &w, out);
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
    uint64_t h = SG__FNV1A_INIT;
    for (size_t p = 0; p < parts; p++)
        h = sg__fnv1a(sg__fnv1a_str(h, key[p]), "\xFF", 1);
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
        return sg__fail(&l->f, SG_ETOOBIG, "catalog: %zu entries are too many to index", count);
    size_t size = 16;
    while (size / 2 < count)
        size *= 2;
    ix->slots = sg__arena_alloc(&l->cat->arena, size * sizeof *ix->slots);
    if (!ix->slots)
        return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
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
    enum { UID, ENGINE, SCHEMA, DSN, NAME, DESCRIPTION, COUNT };
    static const where sources = {NULL, "data_sources", 0};
    where w = {&sources, NULL, i};
    sg_catalog *c = l->cat;
    sg__data_source *d = &c->sources[i];
    const cJSON *m[COUNT];
    const char *ignored;
    if (object(l, s, &w, keys, m) < 0 || kept_string(l, m[UID], &w, "uid", true, &d->uid) < 0 ||
        kept_string(l, m[ENGINE], &w, "engine", true, &d->engine) < 0 ||
        kept_string(l, m[SCHEMA], &w, "default_schema", true, &d->default_schema) < 0 ||
        kept_string(l, m[DSN], &w, "dsn", false, &d->dsn) < 0 ||
        string(l, m[NAME], &w, "name", false, &ignored) < 0 ||
        string(l, m[DESCRIPTION], &w, "description", false, &ignored) < 0)
        return -1;
    if (strcmp(d->engine, "postgresql") != 0)
        return bad(l, &w, ".engine is \"%s\"; only \"postgresql\" is supported", d->engine);
    if (pg_name(l, d->default_schema, &w, "default_schema", true) < 0)
        return -1;
    if (!index_add(c, &c->source_by_uid, source_is, &d->uid, 1, i))
        return bad(l, &w, ".uid \"%s\" is used twice", d->uid);
    return 0;
}

static int load_sources(loader *l, const cJSON *sources)
{
    sg_catalog *c = l->cat;
    if (!cJSON_IsArray(sources))
        return sg__fail(&l->f, SG_ECATALOG, "catalog: data_sources must be an array");
    c->source_count = (size_t)cJSON_GetArraySize(sources);
    c->sources = sg__arena_alloc(&c->arena, (c->source_count + 1) * sizeof *c->sources);
    if (!c->sources)
        return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
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
            return sg__fail(&l->f, SG_ECATALOG,
                            "catalog: meta_tables[%zu].uid \"%s\" is used twice", i, t->uid);
    }
    for (size_t i = 0; i < c->table_count; i++) {
        const sg__meta_table *t = &c->tables[i];
        const char *const key[] = {t->data_source_uid, t->schema, t->name};
        if (!index_add(c, &c->table_by_name, table_name_is, key, 3, i))
            return sg__fail(
                &l->f, SG_ECATALOG,
                "catalog: meta_tables[%zu] and another table of its data source both name %s.%s", i,
                t->schema, t->name);
    }
    return 0;
}

/* A writing foreign key's `references` that names no table of the catalog
 * but names one of its data source otherwise (by uid or identifier, in
 * another case, quoted): the catalog means that table, and would lose the
 * action that writes the referencing one. */
static int misspelt_reference(loader *l, const sg__meta_table *from, const pending_action *p)
{
    const char *w = p->written;
    for (size_t i = 0; i < l->cat->table_count; i++) {
        const sg__meta_table *t = &l->cat->tables[i];
        if (strcmp(t->data_source_uid, from->data_source_uid) != 0)
            continue;
        char qualified[300], quoted[300];
        snprintf(qualified, sizeof qualified, "%s.%s", t->schema, t->name);
        snprintf(quoted, sizeof quoted, "\"%s\"", t->name);
        /* names differ in case (users and "Users" are two tables), so only
         * what is never a physical name counts: a uid, an identifier that is
         * not the table's schema.name, the name in double quotes */
        const char *how = strcmp(w, qualified) == 0                          ? NULL
                          : (t->uid && strcmp(w, t->uid) == 0)               ? "its uid"
                          : (t->identifier && strcmp(w, t->identifier) == 0) ? "its identifier"
                          : strcmp(w, quoted) == 0                           ? "another spelling"
                                                                             : NULL;
        if (how)
            return sg__fail(&l->f, SG_ECATALOG,
                            "catalog: meta_tables[%zu].foreign_keys[%zu].references \"%.80s\" "
                            "names table %s.%s by %s; write its schema and physical name "
                            "(\"%s.%s\"), as the action that writes %s.%s depends on it",
                            p->table, p->key, w, t->schema, t->name, how, t->schema, t->name,
                            from->schema, from->name);
    }
    return 0;
}

/* Gives each referenced table the foreign keys whose actions write their
 * tables (a reference to a table the catalog does not have is left: no
 * statement can be scoped to write that table). */
static int link_referrers(loader *l)
{
    sg_catalog *c = l->cat;
    const sg__meta_table **to = NULL;
    if (l->actions.count && !(to = sg__arena_alloc(&c->arena, l->actions.count * sizeof *to)))
        return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
    for (size_t i = 0; i < l->actions.count; i++) {
        pending_action *p = &SG__VEC_AT(l->actions, pending_action, i);
        const sg__meta_table *from = &c->tables[p->table];
        to[i] = sg__catalog_table_by_name(
            c, from->data_source_uid, p->ref_schema ? p->ref_schema : from->schema, p->ref_table);
        /* a schema whose name holds a dot ("s.x".t is written s.x.t): the
         * other places the schema may end */
        for (const char *dot = strchr(p->written, '.'); !to[i] && dot; dot = strchr(dot + 1, '.')) {
            char schema[256];
            size_t n = (size_t)(dot - p->written);
            if (n >= sizeof schema)
                break;
            memcpy(schema, p->written, n);
            schema[n] = '\0';
            to[i] = sg__catalog_table_by_name(c, from->data_source_uid, schema, dot + 1);
        }
        if (!to[i] && misspelt_reference(l, from, p) < 0)
            return -1;
        p->action.table = from;
        if (to[i])
            ((sg__meta_table *)to[i])->referrer_count++;
    }
    for (size_t i = 0; i < l->actions.count; i++) {
        sg__meta_table *t = (sg__meta_table *)to[i];
        if (!t)
            continue;
        if (!t->referrers) {
            sg__fk_action *list = sg__arena_alloc(&c->arena, t->referrer_count * sizeof *list);
            if (!list)
                return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
            t->referrers = list;
            t->referrer_count = 0;
        }
        ((sg__fk_action *)t->referrers)[t->referrer_count++] =
            SG__VEC_AT(l->actions, pending_action, i).action;
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
        return sg__fail(&l->f, SG_ECATALOG,
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
        return sg__fail(&l->f, SG_ECATALOG, "catalog: meta_tables must be an array");
    c->table_count = sg__json_count(l->doc, tables);
    if (c->table_count > l->max_tables)
        return sg__fail(&l->f, SG_ETOOBIG, "catalog: %zu meta_tables is over the limit of %zu",
                        c->table_count, l->max_tables);
    c->tables = sg__arena_alloc(&c->arena, (c->table_count + 1) * sizeof *c->tables);
    if (!c->tables)
        return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the catalog");
    sg__json_status st = sg__json_each(l->doc, tables, load_table_element, l);
    if (st != SG__JSON_OK && st != SG__JSON_STOPPED)
        l->f.code = sg__json_input_error("catalog", SG_ECATALOG, st, l->doc, l->f.err);
    return st == SG__JSON_OK && index_tables(l) == 0 ? link_referrers(l) : -1;
}

static int load(loader *l, const cJSON *root)
{
    static const char *const keys[] = {"version", "data_sources", "meta_tables", NULL};
    enum { VERSION, SOURCES, TABLES, COUNT };
    static const where top = {NULL, "the top level", 0};
    const cJSON *m[COUNT];
    if (object(l, root, &top, keys, m) < 0)
        return -1;
    if (m[VERSION] && !(cJSON_IsNumber(m[VERSION]) && m[VERSION]->valuedouble == 1))
        return sg__fail(&l->f, SG_ECATALOG, "catalog: version must be 1");
    if (load_sources(l, m[SOURCES]) < 0)
        return -1;
    return load_tables(l, m[TABLES]);
}

static size_t max_bytes(const sg_policy *policy)
{
    return (size_t)sg__policy_limit(policy, SG__LIMIT_CATALOG_BYTES, MAX_CATALOG_BYTES);
}

int sg_catalog_load(const char *json, size_t len, sg_catalog **out, sg_error *err)
{
    return sg_catalog_load_policy(json, len, NULL, out, err);
}

/* The catalog of a loaded document, into *l->out (sg__json_load_with() calls it). */
static int build(void *ctx, sg__json_doc *doc)
{
    loader *l = ctx;
    sg_catalog *c = sg__malloc(sizeof *c);
    if (!c)
        return sg__set_error(l->f.err, SG_ENOMEM, "out of memory while loading the catalog");
    memset(c, 0, sizeof *c);
    sg__arena_init(&c->arena);
    l->cat = c;
    l->doc = doc;
    if (load(l, doc->root) < 0) {
        sg_catalog_free(c);
        return l->f.code;
    }
    *l->out = c;
    return SG_OK;
}

/* sg_catalog_load_policy(), checking stated contract hashes unless `unhashed`. */
static int load_catalog(const char *json, size_t len, const sg_policy *policy, bool unhashed,
                        sg_catalog **out, sg_error *err)
{
    if (err) {
        err->code = SG_OK;
        err->message[0] = '\0';
    }
    loader l = {.f = {err, SG_OK},
                .out = out,
                .max_tables =
                    (size_t)sg__policy_limit(policy, SG__LIMIT_CATALOG_TABLES, MAX_CATALOG_TABLES),
                .unhashed = unhashed};
    if (!out || !json) {
        sg__fail(&l.f, SG_EINVAL, "sg_catalog_load: json and out are required");
        return SG_EINVAL;
    }
    *out = NULL;
    sg__json_opts opts = {max_bytes(policy), MAX_CATALOG_DEPTH, false, "meta_tables"};
    return sg__json_load_with("catalog", SG_ECATALOG, json, len, &opts, build, &l, err);
}

int sg_catalog_load_policy(const char *json, size_t len, const sg_policy *policy, sg_catalog **out,
                           sg_error *err)
{
    return load_catalog(json, len, policy, false, out, err);
}

int sg__catalog_load_unhashed(const char *json, size_t len, sg_catalog **out, sg_error *err)
{
    return load_catalog(json, len, NULL, true, out, err);
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
