/*
 * test_schema.c - the catalog tools without a database: the contract hash
 * (its canonical form, equality across type spellings, sensitivity to each
 * part it covers and to nothing else), a catalog's tables read into the
 * model, catalogs written from a model (uids and descriptions kept, new uids
 * deterministic, the text stable and loadable), the loader's contract_hash
 * check, and the drift between two models (each kind, and none across
 * spellings).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "schema/catalog_json.h"
#include "schema/diff.h"
#include "schema/schema.h"
#include "sqlguard.h"
#include "sqlguard/catalog_tools.h"
#include "support.h"

#define DS_A "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define DS_B "7d2c9e40-1b6a-4f3e-8c5d-2e9f0a1b3c02"
#define UID_ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"

/* The account table as a catalog writes it, and as a database prints it. */
#define ACCOUNT_CATALOG_SPELLING                                                                   \
    "{\"uid\":\"" UID_ACCOUNT "\",\"data_source_uid\":\"" DS_A "\",\"schema\":\"public\","         \
    "\"physical_table_name\":\"account\",\"columns\":["                                            \
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false,\"default\":\"gen_random_uuid()\"},"   \
    "{\"name\":\"code\",\"type\":\"varchar(64)\",\"nullable\":false},"                             \
    "{\"name\":\"n\",\"type\":\"int4\"},"                                                          \
    "{\"name\":\"seen\",\"type\":\"timestamptz\",\"nullable\":true},"                              \
    "{\"name\":\"amount\",\"type\":\"decimal(18,2)\",\"nullable\":false,\"default\":\"0\"},"       \
    "{\"name\":\"tags\",\"type\":\"text[]\",\"nullable\":true}],"                                  \
    "\"primary_key\":[\"uid\"],\"unique\":[[\"code\"],[\"n\",\"seen\"]],"                          \
    "\"foreign_keys\":[{\"columns\":[\"n\"],\"references\":\"other\","                             \
    "\"referenced_columns\":[\"id\"],\"on_delete\":\"restrict\"}]}"

#define ACCOUNT_DATABASE_SPELLING                                                                  \
    "{\"uid\":\"" UID_ACCOUNT "\",\"data_source_uid\":\"" DS_A "\",\"schema\":\"public\","         \
    "\"physical_table_name\":\"account\",\"columns\":["                                            \
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":true,\"default\":\"gen_random_uuid()\"},"    \
    "{\"name\":\"code\",\"type\":\"character varying(64)\",\"nullable\":false},"                   \
    "{\"name\":\"n\",\"type\":\"integer\",\"nullable\":true},"                                     \
    "{\"name\":\"seen\",\"type\":\"timestamp with time zone\",\"nullable\":true},"                 \
    "{\"name\":\"amount\",\"type\":\"numeric(18,2)\",\"nullable\":false,"                          \
    "\"default\":\"0::numeric\"},"                                                                 \
    "{\"name\":\"tags\",\"type\":\"_text\",\"nullable\":true}],"                                   \
    "\"primary_key\":[\"uid\"],\"unique\":[[\"n\",\"seen\"],[\"code\"],[\"uid\"]],"                \
    "\"foreign_keys\":[{\"name\":\"account_n_fkey\",\"columns\":[\"n\"],"                          \
    "\"references\":\"public.other\",\"referenced_columns\":[\"id\"],\"on_delete\":\"RESTRICT\","  \
    "\"on_update\":\"NO ACTION\"}]}"

/* ---- models from JSON text ---- */

/* A model holding the tables of a JSON array (or one table object). */
static void model_of(sg__schema *s, const char *json)
{
    cJSON *root = cJSON_Parse(json);
    if (!root)
        fail_msg("test JSON does not parse: %s", json);
    sg__schema_init(s);
    if (cJSON_IsArray(root)) {
        const cJSON *t;
        cJSON_ArrayForEach(t, root)
        {
            assert_int_equal(sg__schema_add_catalog_table(s, t, NULL), 0);
        }
    } else {
        assert_int_equal(sg__schema_add_catalog_table(s, root, NULL), 0);
    }
    cJSON_Delete(root);
}

/* The hash of the one table of `json`, copied (free it). */
static char *hash_of(const char *json)
{
    sg__schema s;
    model_of(&s, json);
    const char *h = sg__schema_hash(&s.arena, &SG__VEC_AT(s.tables, sg__sc_table, 0));
    assert_non_null(h);
    char *copy = strdup(h);
    sg__schema_release(&s);
    return copy;
}

/* `json` with the first occurrence of `from` replaced by `to` (free it). */
static char *replaced(const char *json, const char *from, const char *to)
{
    const char *at = strstr(json, from);
    if (!at)
        fail_msg("'%s' is not in the test text", from);
    size_t n = strlen(json) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - json);
    memcpy(out, json, head);
    memcpy(out + head, to, strlen(to));
    strcpy(out + head + strlen(to), at + strlen(from));
    return out;
}

/* ---- the hash ---- */

static void test_schema__canonical_form(void **state)
{
    (void)state;
    sg__schema s;
    model_of(&s, "{\"schema\":\"public\",\"physical_table_name\":\"t\",\"columns\":["
                 "{\"name\":\"id\",\"type\":\"int8\",\"nullable\":true},"
                 "{\"name\":\"b c\",\"type\":\"varchar(3)\",\"default\":\"'x'\"}],"
                 "\"primary_key\":[\"id\"],\"unique\":[[\"b c\"]],"
                 "\"foreign_keys\":[{\"columns\":[\"b c\"],\"references\":\"u\"}]}");
    const char *text = sg__schema_canonical(&s.arena, &SG__VEC_AT(s.tables, sg__sc_table, 0));
    assert_string_equal(text, "sqlguard-contract 1\n"
                              "table 6:public 1:t\n"
                              "column 2:id 6:bigint not-null no-default\n"
                              "column 3:b c 20:character varying(3) null default\n"
                              "primary-key (2:id)\n"
                              "unique (3:b c)\n"
                              "foreign-key (3:b c) 6:public 1:u () 9:NO ACTION 9:NO ACTION\n");
    const char *h = sg__schema_hash(&s.arena, &SG__VEC_AT(s.tables, sg__sc_table, 0));
    assert_int_equal(strlen(h), SG__CONTRACT_HASH_LEN);
    assert_memory_equal(h, "sha256:", 7);
    assert_int_equal(strspn(h + 7, "0123456789abcdef"), 64);
    sg__schema_release(&s);
}

static void test_schema__hash_equal_across_spellings(void **state)
{
    (void)state;
    char *a = hash_of(ACCOUNT_CATALOG_SPELLING), *b = hash_of(ACCOUNT_DATABASE_SPELLING);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* Every part the canonical form covers changes the hash; the default's
 * text, a unique key equal to the primary key, the order of unique keys and
 * a foreign key's name do not. */
static void test_schema__hash_sensitive_to_each_part(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to;
        bool changes;
    } edits[] = {
        {"\"schema\":\"public\"", "\"schema\":\"app\"", true},
        {"\"physical_table_name\":\"account\"", "\"physical_table_name\":\"accounts\"", true},
        {"{\"name\":\"n\"", "{\"name\":\"m\"", true},
        {"\"type\":\"int4\"", "\"type\":\"int8\"", true},
        {"\"type\":\"varchar(64)\"", "\"type\":\"varchar(65)\"", true},
        {"\"type\":\"decimal(18,2)\"", "\"type\":\"decimal(18,3)\"", true},
        {"\"type\":\"text[]\"", "\"type\":\"text\"", true},
        {"\"type\":\"timestamptz\"", "\"type\":\"timestamp\"", true},
        {"{\"name\":\"n\",\"type\":\"int4\"}",
         "{\"name\":\"n\",\"type\":\"int4\",\"nullable\":false}", true},
        {",\"default\":\"0\"}", "}", true},
        {"{\"name\":\"n\",\"type\":\"int4\"}",
         "{\"name\":\"n\",\"type\":\"int4\",\"default\":\"1\"}", true},
        {"\"primary_key\":[\"uid\"]", "\"primary_key\":[\"uid\",\"code\"]", true},
        {"\"primary_key\":[\"uid\"]", "\"primary_key\":[]", true},
        {"[[\"code\"],[\"n\",\"seen\"]]", "[[\"code\"]]", true},
        {"[[\"code\"],[\"n\",\"seen\"]]", "[[\"code\"],[\"seen\",\"n\"]]", true},
        {"\"referenced_columns\":[\"id\"]", "\"referenced_columns\":[\"id2\"]", true},
        {"\"references\":\"other\"", "\"references\":\"other2\"", true},
        {"\"references\":\"other\"", "\"references\":\"app.other\"", true},
        {"\"on_delete\":\"restrict\"", "\"on_delete\":\"cascade\"", true},
        {"\"on_delete\":\"restrict\"", "\"on_delete\":\"restrict\",\"on_update\":\"cascade\"",
         true},
        {"\"foreign_keys\":[{", "\"foreign_keys\":[{\"name\":\"whatever\",", false},
        {"\"default\":\"0\"", "\"default\":\"42\"", false},
        {"[[\"code\"],[\"n\",\"seen\"]]", "[[\"n\",\"seen\"],[\"uid\"],[\"code\"],[\"code\"]]",
         false},
        {"\"on_delete\":\"restrict\"", "\"on_delete\":\"RESTRICT\",\"on_update\":\"no action\"",
         false},
        {"\"nullable\":false,\"default\":\"gen_random_uuid()\"",
         "\"nullable\":true,\"default\":\"gen_random_uuid()\"", false},
    };
    char *base = hash_of(ACCOUNT_CATALOG_SPELLING);
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        char *json = replaced(ACCOUNT_CATALOG_SPELLING, edits[i].from, edits[i].to);
        char *h = hash_of(json);
        if (edits[i].changes && strcmp(h, base) == 0)
            fail_msg("editing %s to %s left the hash unchanged", edits[i].from, edits[i].to);
        if (!edits[i].changes && strcmp(h, base) != 0)
            fail_msg("editing %s to %s changed the hash", edits[i].from, edits[i].to);
        free(h);
        free(json);
    }
    free(base);
}

/* Strings are length-prefixed: moving a character across a boundary
 * between two names changes the hash. */
static void test_schema__hash_unambiguous(void **state)
{
    (void)state;
    char *a = hash_of("{\"schema\":\"ab\",\"physical_table_name\":\"c\",\"columns\":["
                      "{\"name\":\"x\",\"type\":\"text\"}]}");
    char *b = hash_of("{\"schema\":\"a\",\"physical_table_name\":\"bc\",\"columns\":["
                      "{\"name\":\"x\",\"type\":\"text\"}]}");
    char *c = hash_of("{\"schema\":\"a\",\"physical_table_name\":\"b\",\"columns\":["
                      "{\"name\":\"x\",\"type\":\"text\"}],\"primary_key\":[\"x y\"]}");
    char *d = hash_of("{\"schema\":\"a\",\"physical_table_name\":\"b\",\"columns\":["
                      "{\"name\":\"x\",\"type\":\"text\"}],\"primary_key\":[\"x\",\"y\"]}");
    assert_string_not_equal(a, b);
    assert_string_not_equal(c, d);
    free(a);
    free(b);
    free(c);
    free(d);
}

/* ---- writing catalogs ---- */

static const char EXISTING[] =
    "{\"version\":1,\"data_sources\":[{\"uid\":\"" DS_A "\",\"engine\":\"postgresql\","
    "\"default_schema\":\"public\"}],"
    "\"meta_tables\":["
    "{\"uid\":\"" UID_ACCOUNT "\",\"identifier\":\"sdk.Account\",\"namespace\":\"sdk\","
    "\"description\":\"Accounts.\",\"labels\":[\"tutorial\"],\"data_source_uid\":\"" DS_A "\","
    "\"schema\":\"public\",\"physical_table_name\":\"account\",\"columns\":["
    "{\"name\":\"code\",\"type\":\"text\",\"description\":\"The code.\"}]},"
    "{\"uid\":\"11111111-2222-4333-8444-555555555555\",\"data_source_uid\":\"" DS_A "\","
    "\"schema\":\"public\",\"physical_table_name\":\"kept_as_is\",\"labels\":[]}]}";

static const char DB_TABLES[] =
    "[{\"schema\":\"public\",\"physical_table_name\":\"account\",\"columns\":["
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false,\"default\":\"gen_random_uuid()\"},"
    "{\"name\":\"code\",\"type\":\"character varying(64)\",\"nullable\":false}],"
    "\"primary_key\":[\"uid\"],\"unique\":[[\"code\"]]},"
    "{\"schema\":\"public\",\"physical_table_name\":\"fresh\",\"columns\":["
    "{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false,"
    "\"default\":\"GENERATED ALWAYS AS IDENTITY\"},"
    "{\"name\":\"account_uid\",\"type\":\"uuid\",\"nullable\":true}],"
    "\"primary_key\":[\"id\"],\"unique\":[],\"foreign_keys\":[{\"name\":\"fresh_fk\","
    "\"columns\":[\"account_uid\"],\"references\":\"account\",\"on_delete\":\"CASCADE\"}]}]";

/* The catalog written from DB_TABLES with `existing` (NULL: none). */
static char *write_db_tables(const char *existing, const char *source)
{
    sg__schema s;
    model_of(&s, DB_TABLES);
    sg__schema_resolve_references(&s);
    cJSON *tree = existing ? cJSON_Parse(existing) : NULL;
    sg__catalog_writer w = {tree, source, "public"};
    sg_error err;
    const char *text = sg__schema_write_catalog(&s.arena, &s, &w, &err);
    assert_non_null(text);
    char *copy = strdup(text);
    cJSON_Delete(tree);
    sg__schema_release(&s);
    return copy;
}

static const cJSON *table_named(const cJSON *catalog, const char *name)
{
    const cJSON *t;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(catalog, "meta_tables"))
    {
        if (strcmp(cJSON_GetObjectItemCaseSensitive(t, "physical_table_name")->valuestring, name) ==
            0)
            return t;
    }
    fail_msg("no table %s in the written catalog", name);
    return NULL;
}

static const char *member(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_schema__written_catalog_keeps_uids_and_descriptions(void **state)
{
    (void)state;
    char *text = write_db_tables(EXISTING, DS_A);
    sg_catalog *cat = NULL;
    sg_error err;
    if (sg_catalog_load(text, strlen(text), &cat, &err) != SG_OK)
        fail_msg("the written catalog does not load: %s\n%s", err.message, text);
    assert_int_equal(sg_catalog_table_count(cat), 3);
    sg_catalog_free(cat);

    cJSON *root = cJSON_Parse(text);
    const cJSON *account = table_named(root, "account");
    assert_string_equal(member(account, "uid"), UID_ACCOUNT);
    assert_string_equal(member(account, "identifier"), "sdk.Account");
    assert_string_equal(member(account, "namespace"), "sdk");
    assert_string_equal(member(account, "description"), "Accounts.");
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(account, "labels"), 0)->valuestring,
        "tutorial");
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(account, "columns");
    assert_int_equal(cJSON_GetArraySize(cols), 2);
    const cJSON *code = cJSON_GetArrayItem(cols, 1);
    assert_string_equal(member(code, "name"), "code");
    assert_string_equal(member(code, "type"), "character varying(64)");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(code, "nullable")));
    assert_string_equal(member(code, "description"), "The code.");
    assert_null(member(cJSON_GetArrayItem(cols, 0), "description"));
    assert_non_null(member(account, "contract_hash"));

    /* the table the model lacks is kept as it was, in its place */
    const cJSON *kept =
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "meta_tables"), 1);
    assert_string_equal(member(kept, "physical_table_name"), "kept_as_is");
    assert_null(cJSON_GetObjectItemCaseSensitive(kept, "columns"));
    assert_null(cJSON_GetObjectItemCaseSensitive(kept, "contract_hash"));

    /* the new table: a derived uid, "<schema>.<name>", keys spelled out */
    const cJSON *fresh = table_named(root, "fresh");
    char uid[37];
    sg__schema_table_uid(DS_A, "public", "fresh", uid);
    assert_string_equal(member(fresh, "uid"), uid);
    assert_string_equal(member(fresh, "identifier"), "public.fresh");
    assert_null(cJSON_GetObjectItemCaseSensitive(fresh, "namespace"));
    const cJSON *fk =
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(fresh, "foreign_keys"), 0);
    assert_string_equal(member(fk, "references"), "account");
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(fk, "referenced_columns"), 0)
            ->valuestring,
        "uid");
    assert_string_equal(member(fk, "on_delete"), "CASCADE");
    assert_string_equal(member(fk, "on_update"), "NO ACTION");
    cJSON_Delete(root);
    free(text);
}

static void test_schema__new_uids_are_deterministic_uuids(void **state)
{
    (void)state;
    char a[37], b[37], c[37], d[37], e[37];
    sg__schema_table_uid(DS_A, "public", "t", a);
    sg__schema_table_uid(DS_A, "public", "t", b);
    sg__schema_table_uid(DS_B, "public", "t", c);
    sg__schema_table_uid(DS_A, "app", "t", d);
    sg__schema_table_uid(DS_A, "public", "u", e);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_string_not_equal(a, d);
    assert_string_not_equal(a, e);
    /* the parts are separated: "pub" + "lict" is not "public" + "t" */
    sg__schema_table_uid(DS_A, "pub", "lict", b);
    assert_string_not_equal(a, b);
    /* xxxxxxxx-xxxx-8xxx-[89ab]xxx-xxxxxxxxxxxx */
    assert_int_equal(strlen(a), 36);
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            assert_int_equal(a[i], '-');
        else
            assert_non_null(strchr("0123456789abcdef", a[i]));
    }
    assert_int_equal(a[14], '8');
    assert_non_null(strchr("89ab", a[19]));

    /* written twice from scratch, the catalogs are the same bytes */
    char *one = write_db_tables(NULL, DS_A), *two = write_db_tables(NULL, DS_A);
    assert_string_equal(one, two);
    char *other = write_db_tables(NULL, DS_B);
    assert_string_not_equal(one, other);
    free(one);
    free(two);
    free(other);
}

/* Without an existing catalog: the data source is made, the layout is the
 * contract example's (two spaces, a column a line), and rewriting the
 * written catalog with the same model changes nothing. */
static void test_schema__written_catalog_layout_is_stable(void **state)
{
    (void)state;
    char *first = write_db_tables(NULL, DS_A);
    assert_non_null(
        strstr(first, "{\n  \"version\": 1,\n  \"data_sources\": [\n    { \"uid\": \"" DS_A
                      "\", \"engine\": \"postgresql\", \"default_schema\": \"public\" }\n  ],"));
    if (!strstr(first, "\n        { \"name\": \"code\", \"type\": \"character varying(64)\", "
                       "\"nullable\": false }\n      ],\n"))
        fail_msg("unexpected layout:\n%s", first);
    assert_non_null(strstr(first, "\n      \"primary_key\": [\"uid\"],\n"));
    assert_non_null(strstr(first, "\n      \"unique\": [[\"code\"]],\n"));
    assert_int_equal(first[strlen(first) - 1], '\n');
    char *second = write_db_tables(first, DS_A);
    assert_string_equal(first, second);
    free(first);
    free(second);
}

/* The public writer: the data source comes from the options, else from an
 * existing catalog with exactly one, else the call fails saying so. */
static void test_schema__public_writer_needs_a_data_source(void **state)
{
    (void)state;
    sg_schema *s = NULL;
    sg_error err;
    assert_int_equal(sg_schema_from_catalog(EXISTING, strlen(EXISTING), NULL, &s, &err), SG_OK);
    assert_int_equal(sg_schema_table_count(s), 2);
    assert_null(sg_schema_table_hash(s, 1)); /* lists no columns */
    char *out = NULL;
    assert_int_equal(sg_schema_write_catalog(s, NULL, &out, &err), SG_EINVAL);
    assert_null(out);
    assert_non_null(strstr(err.message, "data source"));
    sg_catalog_write_options o = SG_CATALOG_WRITE_OPTIONS_INIT;
    o.existing = EXISTING;
    o.existing_len = strlen(EXISTING);
    assert_int_equal(sg_schema_write_catalog(s, &o, &out, &err), SG_OK);
    sg_catalog *cat = NULL;
    assert_int_equal(sg_catalog_load(out, strlen(out), &cat, &err), SG_OK);
    sg_catalog_free(cat);
    sg_free(out);
    o.data_source_uid = DS_B; /* a new data source is added */
    assert_int_equal(sg_schema_write_catalog(s, &o, &out, &err), SG_OK);
    assert_int_equal(sg_catalog_load(out, strlen(out), &cat, &err), SG_OK);
    assert_int_equal(sg_catalog_data_source_count(cat), 2);
    assert_int_equal(sg_catalog_table_count(cat), 4);
    sg_catalog_free(cat);
    sg_free(out);
    sg_schema_free(s);
}

/* ---- the loader's contract_hash check ---- */

/* A catalog holding one table object. */
static char *catalog_with(const char *table)
{
    const char *head = "{\"data_sources\":[{\"uid\":\"" DS_A "\",\"engine\":\"postgresql\","
                       "\"default_schema\":\"public\"}],\"meta_tables\":[";
    char *out = malloc(strlen(head) + strlen(table) + 3);
    assert_non_null(out);
    snprintf(out, strlen(head) + strlen(table) + 3, "%s%s]}", head, table);
    return out;
}

/* The account table with `"contract_hash": hash` added. */
static char *account_with_hash(const char *table, const char *hash)
{
    char member[128];
    snprintf(member, sizeof member, "\"contract_hash\":\"%s\",\"columns\":", hash);
    char *t = replaced(table, "\"columns\":", member);
    char *cat = catalog_with(t);
    free(t);
    return cat;
}

static void test_schema__loader_checks_contract_hash(void **state)
{
    (void)state;
    char *hash = hash_of(ACCOUNT_DATABASE_SPELLING);
    sg_catalog *cat = NULL;
    sg_error err;
    /* the hash a database's spelling gives holds for the catalog's spelling */
    char *json = account_with_hash(ACCOUNT_CATALOG_SPELLING, hash);
    if (sg_catalog_load(json, strlen(json), &cat, &err) != SG_OK)
        fail_msg("a current hash is refused: %s", err.message);
    sg_catalog_free(cat);
    free(json);

    /* a column changed without its hash: refused, naming the table */
    char *edited = replaced(ACCOUNT_CATALOG_SPELLING, "\"varchar(64)\"", "\"varchar(65)\"");
    json = account_with_hash(edited, hash);
    assert_int_equal(sg_catalog_load(json, strlen(json), &cat, &err), SG_ECATALOG);
    assert_null(cat);
    assert_non_null(strstr(err.message, "meta_tables[0].contract_hash"));
    assert_non_null(strstr(err.message, "public.account"));
    assert_non_null(strstr(err.message, hash));
    free(json);

    /* the catalog tools read it all the same, and tell it is stale */
    json = account_with_hash(edited, hash);
    sg_schema *s = NULL;
    assert_int_equal(sg_schema_from_catalog(json, strlen(json), DS_A, &s, &err), SG_OK);
    assert_string_equal(sg_schema_table_stated_hash(s, 0), hash);
    assert_string_not_equal(sg_schema_table_hash(s, 0), hash);
    sg_schema_free(s);
    free(json);
    free(edited);

    /* not a string */
    json = catalog_with("{\"uid\":\"u1\",\"data_source_uid\":\"" DS_A "\",\"schema\":\"public\","
                        "\"physical_table_name\":\"t\",\"contract_hash\":7}");
    assert_int_equal(sg_catalog_load(json, strlen(json), &cat, &err), SG_ECATALOG);
    assert_non_null(strstr(err.message, "contract_hash must be a string"));
    free(json);
    /* a table that lists no columns has no contract to check */
    json = catalog_with("{\"uid\":\"u1\",\"data_source_uid\":\"" DS_A "\",\"schema\":\"public\","
                        "\"physical_table_name\":\"t\",\"contract_hash\":\"sha256:00\"}");
    assert_int_equal(sg_catalog_load(json, strlen(json), &cat, &err), SG_OK);
    sg_catalog_free(cat);
    free(json);
    free(hash);
}

/* ---- drift between two models ---- */

typedef struct expected_drift {
    const char *kind, *column, *old_value, *new_value;
} expected_drift;

/* The drift from `old_json` to `new_json` is exactly `want` (n of them). */
static void assert_drift(const char *old_json, const char *new_json, const expected_drift *want,
                         size_t n)
{
    sg__schema a, b;
    model_of(&a, old_json);
    model_of(&b, new_json);
    sg__schema_resolve_references(&a);
    sg__schema_resolve_references(&b);
    sg__arena arena;
    sg__arena_init(&arena);
    sg__vec drift = {0}, tables = {0};
    assert_int_equal(sg__schema_diff(&arena, &a, &b, &drift, &tables), 0);
    for (size_t i = 0; i < drift.count; i++) {
        const sg_drift *d = &SG__VEC_AT(drift, sg_drift, i);
        if (i >= n)
            fail_msg("unexpected drift %s: %s", d->kind, d->message);
        assert_string_equal(d->kind, want[i].kind);
        assert_non_null(d->message);
        if (want[i].column)
            assert_string_equal(d->column, want[i].column);
        else
            assert_null(d->column);
        if (want[i].old_value)
            assert_string_equal(d->old_value, want[i].old_value);
        else
            assert_null(d->old_value);
        if (want[i].new_value)
            assert_string_equal(d->new_value, want[i].new_value);
        else
            assert_null(d->new_value);
    }
    if (drift.count < n)
        fail_msg("%zu drift findings, %zu expected (missing %s)", drift.count, n,
                 want[drift.count].kind);
    /* a table has drift exactly when its two hashes differ */
    for (size_t i = 0; i < tables.count; i++) {
        const sg_diff_table *t = &SG__VEC_AT(tables, sg_diff_table, i);
        bool found = false;
        for (size_t k = 0; k < drift.count; k++)
            found = found || strcmp(SG__VEC_AT(drift, sg_drift, k).table, t->table) == 0;
        if (t->old_hash && t->new_hash && !found)
            assert_string_equal(t->old_hash, t->new_hash);
        if (t->old_hash && t->new_hash && found)
            assert_string_not_equal(t->old_hash, t->new_hash);
    }
    sg__arena_release(&arena);
    sg__schema_release(&a);
    sg__schema_release(&b);
}

static void test_schema__diff_no_drift_across_spellings(void **state)
{
    (void)state;
    assert_drift(ACCOUNT_CATALOG_SPELLING, ACCOUNT_DATABASE_SPELLING, NULL, 0);
    assert_drift(ACCOUNT_DATABASE_SPELLING, ACCOUNT_CATALOG_SPELLING, NULL, 0);
}

static void test_schema__diff_columns(void **state)
{
    (void)state;
    char *added = replaced(ACCOUNT_DATABASE_SPELLING, "{\"name\":\"tags\"",
                           "{\"name\":\"extra\",\"type\":\"text\"},{\"name\":\"tags\"");
    expected_drift a[] = {{"drift.column-added", "extra", NULL, "text"}};
    assert_drift(ACCOUNT_CATALOG_SPELLING, added, a, 1);
    expected_drift d[] = {{"drift.column-dropped", "extra", "text", NULL}};
    assert_drift(added, ACCOUNT_CATALOG_SPELLING, d, 1);
    free(added);

    char *retyped = replaced(ACCOUNT_DATABASE_SPELLING, "\"integer\"", "\"bigint\"");
    expected_drift r[] = {{"drift.column-retyped", "n", "integer", "bigint"}};
    assert_drift(ACCOUNT_CATALOG_SPELLING, retyped, r, 1);
    free(retyped);

    char *not_null = replaced(ACCOUNT_DATABASE_SPELLING,
                              "\"type\":\"timestamp with time zone\",\"nullable\":true",
                              "\"type\":\"timestamp with time zone\",\"nullable\":false");
    expected_drift nn[] = {{"drift.column-nullability", "seen", "NULL", "NOT NULL"}};
    assert_drift(ACCOUNT_CATALOG_SPELLING, not_null, nn, 1);
    free(not_null);

    char *no_default = replaced(ACCOUNT_DATABASE_SPELLING, ",\"default\":\"0::numeric\"", "");
    expected_drift dr[] = {{"drift.column-default-removed", "amount", "0", NULL}};
    assert_drift(ACCOUNT_CATALOG_SPELLING, no_default, dr, 1);
    expected_drift da[] = {{"drift.column-default-added", "amount", NULL, "0"}};
    assert_drift(no_default, ACCOUNT_CATALOG_SPELLING, da, 1);
    free(no_default);

    char *moved = replaced(ACCOUNT_DATABASE_SPELLING,
                           ",{\"name\":\"tags\",\"type\":\"_text\",\"nullable\":true}", "");
    char *moved_first = replaced(moved, "{\"name\":\"uid\"",
                                 "{\"name\":\"tags\",\"type\":\"_text\",\"nullable\":true},"
                                 "{\"name\":\"uid\"");
    expected_drift o[] = {{"drift.column-order", NULL, "uid, code, n, seen, amount, tags",
                           "tags, uid, code, n, seen, amount"}};
    assert_drift(ACCOUNT_CATALOG_SPELLING, moved_first, o, 1);
    free(moved);
    free(moved_first);
}

static void test_schema__diff_keys(void **state)
{
    (void)state;
    char *pk = replaced(ACCOUNT_DATABASE_SPELLING, "\"primary_key\":[\"uid\"]",
                        "\"primary_key\":[\"uid\",\"code\"]");
    /* the catalog's unique key (uid) now is no key of the database; code
     * stays NOT NULL */
    expected_drift p[] = {{"drift.primary-key-changed", NULL, "(uid)", "(uid, code)"}};
    assert_drift(ACCOUNT_CATALOG_SPELLING, pk, p, 1);
    free(pk);

    char *unique = replaced(ACCOUNT_DATABASE_SPELLING, "[[\"n\",\"seen\"],[\"code\"],[\"uid\"]]",
                            "[[\"code\"],[\"tags\"]]");
    expected_drift u[] = {{"drift.unique-dropped", NULL, "(n, seen)", NULL},
                          {"drift.unique-added", NULL, NULL, "(tags)"}};
    assert_drift(ACCOUNT_CATALOG_SPELLING, unique, u, 2);
    free(unique);

    char *fk = replaced(ACCOUNT_DATABASE_SPELLING, "\"on_delete\":\"RESTRICT\"",
                        "\"on_delete\":\"CASCADE\"");
    expected_drift f[] = {
        {"drift.foreign-key-dropped", NULL,
         "(n) references public.other (id) on delete restrict on update NO ACTION", NULL},
        {"drift.foreign-key-added", NULL, NULL,
         "(n) references public.other (id) on delete CASCADE on update NO ACTION"}};
    assert_drift(ACCOUNT_CATALOG_SPELLING, fk, f, 2);
    free(fk);
}

static void test_schema__diff_tables(void **state)
{
    (void)state;
    const char *other = "{\"schema\":\"public\",\"physical_table_name\":\"other\",\"columns\":["
                        "{\"name\":\"id\",\"type\":\"int4\",\"nullable\":false}],"
                        "\"primary_key\":[\"id\"]}";
    size_t n = strlen(ACCOUNT_CATALOG_SPELLING) + strlen(other) + 4;
    char *both = malloc(n);
    assert_non_null(both);
    snprintf(both, n, "[%s,%s]", ACCOUNT_CATALOG_SPELLING, other);
    expected_drift missing[] = {{"drift.table-missing", NULL, NULL, NULL}};
    expected_drift added[] = {{"drift.table-added", NULL, NULL, NULL}};
    sg__schema s;
    model_of(&s, other);
    char *h = sg__schema_hash(&s.arena, &SG__VEC_AT(s.tables, sg__sc_table, 0));
    missing[0].old_value = h;
    added[0].new_value = h;
    assert_drift(both, ACCOUNT_DATABASE_SPELLING, missing, 1);
    assert_drift(ACCOUNT_DATABASE_SPELLING, both, added, 1);
    sg__schema_release(&s);
    free(both);

    /* a catalog table without columns is only looked for */
    assert_drift("{\"schema\":\"public\",\"physical_table_name\":\"account\"}",
                 ACCOUNT_DATABASE_SPELLING, NULL, 0);
}

/* The public diff: stale hashes are findings, tables come with hashes. */
static void test_schema__public_diff(void **state)
{
    (void)state;
    char *hash = hash_of(ACCOUNT_CATALOG_SPELLING);
    char *edited = replaced(ACCOUNT_CATALOG_SPELLING, "\"int4\"", "\"int8\"");
    char *json = account_with_hash(edited, hash);
    char *db = catalog_with(ACCOUNT_DATABASE_SPELLING);
    sg_schema *a = NULL, *b = NULL;
    sg_diff *d = NULL;
    sg_error err;
    assert_int_equal(sg_schema_from_catalog(json, strlen(json), NULL, &a, &err), SG_OK);
    assert_int_equal(sg_schema_from_catalog(db, strlen(db), NULL, &b, &err), SG_OK);
    assert_int_equal(sg_schema_diff(a, b, &d, &err), SG_OK);
    assert_int_equal(sg_diff_count(d), 2);
    assert_string_equal(sg_diff_at(d, 0)->kind, "drift.contract-hash-stale");
    assert_string_equal(sg_diff_at(d, 0)->old_value, hash);
    assert_string_equal(sg_diff_at(d, 1)->kind, "drift.column-retyped");
    assert_string_equal(sg_diff_at(d, 1)->old_value, "bigint");
    assert_string_equal(sg_diff_at(d, 1)->new_value, "integer");
    assert_null(sg_diff_at(d, 2));
    assert_int_equal(sg_diff_table_count(d), 1);
    assert_string_equal(sg_diff_table_at(d, 0)->new_hash, hash);
    assert_string_equal(sg_diff_table_at(d, 0)->old_hash, sg_schema_table_hash(a, 0));
    sg_diff_free(d);
    sg_schema_free(a);
    sg_schema_free(b);
    free(db);
    free(json);
    free(edited);
    free(hash);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema__canonical_form),
        cmocka_unit_test(test_schema__hash_equal_across_spellings),
        cmocka_unit_test(test_schema__hash_sensitive_to_each_part),
        cmocka_unit_test(test_schema__hash_unambiguous),
        cmocka_unit_test(test_schema__written_catalog_keeps_uids_and_descriptions),
        cmocka_unit_test(test_schema__new_uids_are_deterministic_uuids),
        cmocka_unit_test(test_schema__written_catalog_layout_is_stable),
        cmocka_unit_test(test_schema__public_writer_needs_a_data_source),
        cmocka_unit_test(test_schema__loader_checks_contract_hash),
        cmocka_unit_test(test_schema__diff_no_drift_across_spellings),
        cmocka_unit_test(test_schema__diff_columns),
        cmocka_unit_test(test_schema__diff_keys),
        cmocka_unit_test(test_schema__diff_tables),
        cmocka_unit_test(test_schema__public_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
