/*
 * test_catalog.c - loading the catalog of MetaTables.
 *
 * The catalog is validated once, strictly, at load: every malformed catalog
 * is refused with SG_ECATALOG and a message that names the offending path,
 * and a refused load leaves nothing behind. A loaded catalog then resolves
 * scopes in sg_check(), which is how the tests observe what was loaded.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sqlguard.h"
#include "util/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#define DS_A "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define DS_B "9c1d2e3f-0000-4000-8000-00000000ds02"
#define UID_ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"

static const char CORPUS_CATALOG[] = SG_SOURCE_DIR "/corpus/catalog.json";

/* A verbatim copy of /work/shared/contracts/examples/catalog.json. */
static const char SEED_CATALOG[] =
    "{\n"
    "  \"version\": 1,\n"
    "  \"data_sources\": [\n"
    "    { \"uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\", \"engine\": \"postgresql\", "
    "\"default_schema\": \"public\" }\n"
    "  ],\n"
    "  \"meta_tables\": [\n"
    "    {\n"
    "      \"uid\": \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\",\n"
    "      \"identifier\": \"sdk_examples.Account\",\n"
    "      \"namespace\": \"sdk-examples\",\n"
    "      \"description\": \"Tutorial accounts used as parent rows for governed related "
    "tables.\",\n"
    "      \"labels\": [\"tutorial\"],\n"
    "      \"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
    "      \"schema\": \"public\",\n"
    "      \"physical_table_name\": \"sdk_examples_account\",\n"
    "      \"columns\": [\n"
    "        { \"name\": \"uid\", \"type\": \"uuid\", \"nullable\": false, \"default\": "
    "\"gen_random_uuid()\" },\n"
    "        { \"name\": \"account_code\", \"type\": \"varchar(64)\", \"nullable\": false },\n"
    "        { \"name\": \"name\", \"type\": \"varchar(255)\", \"nullable\": false },\n"
    "        { \"name\": \"region\", \"type\": \"varchar(32)\", \"nullable\": false }\n"
    "      ],\n"
    "      \"primary_key\": [\"uid\"],\n"
    "      \"unique\": [[\"account_code\"]]\n"
    "    },\n"
    "    {\n"
    "      \"uid\": \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02\",\n"
    "      \"identifier\": \"sdk_examples.AccountLimit\",\n"
    "      \"namespace\": \"sdk-examples\",\n"
    "      \"description\": \"Account limit records keyed to the owning tutorial account.\",\n"
    "      \"labels\": [\"tutorial\"],\n"
    "      \"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
    "      \"schema\": \"public\",\n"
    "      \"physical_table_name\": \"sdk_examples_account_limit\",\n"
    "      \"columns\": [\n"
    "        { \"name\": \"uid\", \"type\": \"uuid\", \"nullable\": false, \"default\": "
    "\"gen_random_uuid()\" },\n"
    "        { \"name\": \"account_uid\", \"type\": \"uuid\", \"nullable\": false },\n"
    "        { \"name\": \"limit_type\", \"type\": \"varchar(64)\", \"nullable\": false },\n"
    "        { \"name\": \"currency\", \"type\": \"varchar(3)\", \"nullable\": false }\n"
    "      ],\n"
    "      \"primary_key\": [\"uid\"],\n"
    "      \"unique\": [],\n"
    "      \"foreign_keys\": [\n"
    "        { \"columns\": [\"account_uid\"], \"references\": \"sdk_examples_account\", "
    "\"referenced_columns\": [\"uid\"], \"on_delete\": \"RESTRICT\" }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"uid\": \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b03\",\n"
    "      \"identifier\": \"sdk_examples.Counterparty\",\n"
    "      \"namespace\": \"sdk-examples\",\n"
    "      \"labels\": [],\n"
    "      \"data_source_uid\": \"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\n"
    "      \"schema\": \"public\",\n"
    "      \"physical_table_name\": \"sdk_examples_counterparty\",\n"
    "      \"columns\": [\n"
    "        { \"name\": \"uid\", \"type\": \"uuid\", \"nullable\": false, \"default\": "
    "\"gen_random_uuid()\" },\n"
    "        { \"name\": \"name\", \"type\": \"text\", \"nullable\": false }\n"
    "      ],\n"
    "      \"primary_key\": [\"uid\"],\n"
    "      \"unique\": []\n"
    "    }\n"
    "  ]\n"
    "}\n";

/* A select of the account table through the given scope; checked to see what loaded. */
#define SELECT_ON(ds, uid)                                                                         \
    "{\"operation\":\"select\",\"sql\":\"SELECT uid FROM sdk_examples_account ORDER BY uid\","     \
    "\"parameters\":{},\"scope\":{\"data_source_uid\":\"" ds "\",\"tables\":[{"                    \
    "\"meta_table_uid\":\"" uid "\",\"alias\":\"a\",\"access\":\"read\"}]},"                       \
    "\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":1000}}"

static int sentinel_object;
#define SENTINEL ((sg_catalog *)&sentinel_object)

static int teardown(void **state)
{
    (void)state;
    sg__alloc_fail_at(0);
    return 0;
}

/* ---- helpers ------------------------------------------------------------------------------- */

static void assert_contains(const char *haystack, const char *needle)
{
    assert_non_null(haystack);
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static sg_catalog *load_ok(const char *json, size_t len)
{
    sg_catalog *c = NULL;
    sg_error err;
    memset(&err, 0x5a, sizeof err);
    int rc = sg_catalog_load(json, len, &c, &err);
    if (rc != SG_OK)
        fail_msg("load failed (%s): %s", sg_err_name(rc), err.message);
    assert_non_null(c);
    assert_int_equal(err.code, SG_OK);
    assert_string_equal(err.message, "");
    return c;
}

static sg_catalog *load_tree_ok(cJSON *root)
{
    char *text = cJSON_PrintUnformatted(root);
    assert_non_null(text);
    cJSON_Delete(root);
    sg_catalog *c = load_ok(text, strlen(text));
    cJSON_free(text);
    return c;
}

/* Loads text that must be refused with `code`, and a message holding `text`. */
static void expect_refused_text(const char *json, size_t len, int code, const char *text)
{
    sg_catalog *c = SENTINEL;
    sg_error err;
    memset(&err, 0, sizeof err);
    int rc = sg_catalog_load(json, len, &c, &err);
    if (rc == SG_OK)
        sg_catalog_free(c); /* so that the failure below is all that shows */
    assert_int_equal(rc, code);
    assert_null(c);
    assert_int_equal(err.code, code);
    assert_contains(err.message, text);
    /* and without an sg_error the answer is the same */
    c = SENTINEL;
    assert_int_equal(sg_catalog_load(json, len, &c, NULL), code);
    assert_null(c);
}

static void expect_refused(cJSON *root, const char *text)
{
    char *json = cJSON_PrintUnformatted(root);
    assert_non_null(json);
    cJSON_Delete(root);
    expect_refused_text(json, strlen(json), SG_ECATALOG, text);
    cJSON_free(json);
}

static cJSON *parse(const char *json)
{
    cJSON *j = cJSON_Parse(json);
    if (!j)
        fail_msg("test JSON does not parse: %s", json);
    return j;
}

static cJSON *seed(void)
{
    return parse(SEED_CATALOG);
}

static cJSON *get(cJSON *object, const char *key)
{
    cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    assert_non_null(item);
    return item;
}

static cJSON *table(cJSON *root, int i)
{
    cJSON *t = cJSON_GetArrayItem(get(root, "meta_tables"), i);
    assert_non_null(t);
    return t;
}

static cJSON *source(cJSON *root, int i)
{
    cJSON *s = cJSON_GetArrayItem(get(root, "data_sources"), i);
    assert_non_null(s);
    return s;
}

static void set_string(cJSON *object, const char *key, const char *value)
{
    if (cJSON_GetObjectItemCaseSensitive(object, key))
        cJSON_ReplaceItemInObjectCaseSensitive(object, key, cJSON_CreateString(value));
    else
        cJSON_AddStringToObject(object, key, value);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size > 0);
    rewind(f);
    char *buf = malloc((size_t)size);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *len = (size_t)size;
    return buf;
}

/* Writes `len` bytes to a fresh temporary file; returns its path (free it after unlink). */
static char *temp_file(const char *data, size_t len)
{
    char *path = strdup("/tmp/sqlguard-test-catalog-XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        assert_true(n > 0);
        done += (size_t)n;
    }
    assert_int_equal(close(fd), 0);
    return path;
}

/* Whether the operation (see SELECT_ON) is allowed against the catalog. */
static bool scope_allowed(const sg_catalog *c, const char *op)
{
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(c, op, strlen(op), NULL, &v), SG_OK);
    bool allowed = sg_verdict_allowed(v);
    sg_verdict_free(v);
    return allowed;
}

/* ---- catalogs that load -------------------------------------------------------------------- */

static void test_catalog__seed_catalog_loads(void **state)
{
    (void)state;
    sg_catalog *c = load_ok(SEED_CATALOG, strlen(SEED_CATALOG));
    assert_int_equal(sg_catalog_table_count(c), 3);
    assert_true(scope_allowed(c, SELECT_ON(DS_A, UID_ACCOUNT)));
    sg_catalog_free(c);
}

static void test_catalog__corpus_catalog_loads(void **state)
{
    (void)state;
    sg_catalog *c = NULL;
    sg_error err;
    int rc = sg_catalog_load_file(CORPUS_CATALOG, &c, &err);
    if (rc != SG_OK)
        fail_msg("%s", err.message);
    assert_non_null(c);
    assert_int_equal(sg_catalog_table_count(c), 7);
    assert_true(scope_allowed(c, SELECT_ON(DS_A, UID_ACCOUNT)));
    assert_true(scope_allowed(c, SELECT_ON(DS_B, "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b06")));
    /* a uid of another data source is not the table of this one */
    assert_false(scope_allowed(c, SELECT_ON(DS_B, UID_ACCOUNT)));
    sg_catalog_free(c);

    /* From memory, the same file loads the same way. */
    size_t len;
    char *text = read_file(CORPUS_CATALOG, &len);
    c = load_ok(text, len);
    assert_int_equal(sg_catalog_table_count(c), 7);
    sg_catalog_free(c);
    free(text);
}

static void test_catalog__text_need_not_be_nul_terminated(void **state)
{
    (void)state;
    /* An exact-size heap copy: any read past `len` is caught by ASan. */
    size_t len = strlen(SEED_CATALOG);
    char *copy = malloc(len);
    assert_non_null(copy);
    memcpy(copy, SEED_CATALOG, len);
    sg_catalog *c = load_ok(copy, len);
    assert_int_equal(sg_catalog_table_count(c), 3);
    sg_catalog_free(c);
    /* only `len` bytes count: cut short it is not JSON */
    expect_refused_text(copy, len - 4, SG_ECATALOG, "invalid JSON");
    free(copy);
}

static void test_catalog__minimal_catalogs(void **state)
{
    (void)state;
    sg_catalog *c = load_ok("{\"data_sources\":[],\"meta_tables\":[]}", 36);
    assert_int_equal(sg_catalog_table_count(c), 0);
    sg_catalog_free(c);

    /* optional members may be left out */
    c = load_tree_ok(parse("{\"data_sources\":[{\"uid\":\"d\",\"engine\":\"postgresql\","
                           "\"default_schema\":\"public\"}],\"meta_tables\":[{\"uid\":\"t\","
                           "\"data_source_uid\":\"d\",\"schema\":\"public\","
                           "\"physical_table_name\":\"x\"}]}"));
    assert_int_equal(sg_catalog_table_count(c), 1);
    assert_true(scope_allowed(
        c, "{\"operation\":\"select\",\"sql\":\"SELECT * FROM x ORDER BY 1\",\"parameters\":{},"
           "\"scope\":{\"data_source_uid\":\"d\",\"tables\":[{\"meta_table_uid\":\"t\","
           "\"alias\":\"x\",\"access\":\"read\"}]},\"limits\":{\"max_rows\":1,"
           "\"statement_timeout_ms\":1}}"));
    sg_catalog_free(c);
}

static void test_catalog__same_name_on_two_data_sources(void **state)
{
    (void)state;
    cJSON *root = seed();
    cJSON *b = parse("{\"uid\":\"" DS_B "\",\"engine\":\"postgresql\",\"default_schema\":"
                     "\"public\"}");
    cJSON_AddItemToArray(get(root, "data_sources"), b);
    cJSON *t = cJSON_Duplicate(table(root, 0), true);
    set_string(t, "uid", "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b06");
    set_string(t, "data_source_uid", DS_B);
    cJSON_AddItemToArray(get(root, "meta_tables"), t);
    sg_catalog *c = load_tree_ok(root);
    assert_int_equal(sg_catalog_table_count(c), 4);
    assert_true(scope_allowed(c, SELECT_ON(DS_A, UID_ACCOUNT)));
    assert_true(scope_allowed(c, SELECT_ON(DS_B, "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b06")));
    sg_catalog_free(c);

    /* Two schemas of one data source may hold the same table name too. */
    root = seed();
    t = cJSON_Duplicate(table(root, 0), true);
    set_string(t, "uid", "other");
    set_string(t, "schema", "ledger");
    cJSON_AddItemToArray(get(root, "meta_tables"), t);
    c = load_tree_ok(root);
    assert_int_equal(sg_catalog_table_count(c), 4);
    sg_catalog_free(c);
}

static void test_catalog__name_of_63_bytes_loads(void **state)
{
    (void)state;
    char name[64];
    memset(name, 'a', 63);
    name[63] = '\0';
    cJSON *root = seed();
    set_string(table(root, 0), "physical_table_name", name);
    sg_catalog *c = load_tree_ok(root);
    sg_catalog_free(c);

    /* 31 two-byte characters: 62 bytes, and that is what PostgreSQL counts */
    char wide[64] = "";
    for (int i = 0; i < 31; i++)
        strcat(wide, "\xc3\xa9");
    root = seed();
    set_string(table(root, 0), "physical_table_name", wide);
    c = load_tree_ok(root);
    sg_catalog_free(c);
}

static void test_catalog__many_tables(void **state)
{
    (void)state;
    /* Enough tables to grow the uid index several times; every one can be scoped. */
    cJSON *root = parse("{\"data_sources\":[{\"uid\":\"d\",\"engine\":\"postgresql\","
                        "\"default_schema\":\"public\"}],\"meta_tables\":[]}");
    cJSON *tables = get(root, "meta_tables");
    for (int i = 0; i < 1000; i++) {
        char uid[32], name[32];
        snprintf(uid, sizeof uid, "uid-%d", i);
        snprintf(name, sizeof name, "t%d", i);
        cJSON *t = cJSON_CreateObject();
        cJSON_AddStringToObject(t, "uid", uid);
        cJSON_AddStringToObject(t, "data_source_uid", "d");
        cJSON_AddStringToObject(t, "schema", "public");
        cJSON_AddStringToObject(t, "physical_table_name", name);
        cJSON_AddItemToArray(tables, t);
    }
    sg_catalog *c = load_tree_ok(root);
    assert_int_equal(sg_catalog_table_count(c), 1000);
    for (int i = 0; i < 1000; i += 111) {
        char op[512];
        snprintf(op, sizeof op,
                 "{\"operation\":\"select\",\"sql\":\"SELECT * FROM t%d ORDER BY 1\","
                 "\"parameters\":{},\"scope\":{\"data_source_uid\":\"d\",\"tables\":[{"
                 "\"meta_table_uid\":\"uid-%d\",\"alias\":\"x\",\"access\":\"read\"}]},"
                 "\"limits\":{\"max_rows\":1,\"statement_timeout_ms\":1}}",
                 i, i);
        assert_true(scope_allowed(c, op));
    }
    sg_catalog_free(c);
}

/* ---- catalogs that are refused ------------------------------------------------------------- */

static void test_catalog__invalid_json(void **state)
{
    (void)state;
    static const char bad[] = "{\"version\":1,\n \"data_sources\": [,]}";
    expect_refused_text(bad, strlen(bad), SG_ECATALOG,
                        "catalog: invalid JSON at line 2, column 19");
    expect_refused_text("", 0, SG_ECATALOG, "invalid JSON");
    expect_refused_text("{", 1, SG_ECATALOG, "invalid JSON");
    expect_refused_text("[]", 2, SG_ECATALOG, "the top level must be an object");
    static const char nul[] = "{\"data_sources\":[\"\\u0000\"]}";
    expect_refused_text(nul, strlen(nul), SG_ECATALOG, "\\u0000");
    static const char not_utf8[] = "{\"data_sources\":[\"\xff\"]}";
    expect_refused_text(not_utf8, strlen(not_utf8), SG_ECATALOG, "not valid UTF-8");
}

static void test_catalog__surrounding_whitespace_is_fine(void **state)
{
    (void)state;
    char buf[8192];
    snprintf(buf, sizeof buf, "\r\n %s\n\t \r\n", SEED_CATALOG);
    sg_catalog *c = load_ok(buf, strlen(buf));
    assert_int_equal(sg_catalog_table_count(c), 3);
    sg_catalog_free(c);
}

static void test_catalog__trailing_text_after_the_object(void **state)
{
    (void)state;
    char buf[8192];
    // cJSON stops after the first value; text after the object must still fail the load.
    snprintf(buf, sizeof buf, "%s} trailing", SEED_CATALOG);
    expect_refused_text(buf, strlen(buf), SG_ECATALOG, "invalid JSON");
}

static void test_catalog__too_deep(void **state)
{
    (void)state;
    char buf[256] = "{\"data_sources\":";
    for (int i = 0; i < 40; i++)
        strcat(buf, "[");
    for (int i = 0; i < 40; i++)
        strcat(buf, "]");
    strcat(buf, "}");
    expect_refused_text(buf, strlen(buf), SG_ECATALOG, "nests too deeply");
}

static void test_catalog__unknown_top_level_key(void **state)
{
    (void)state;
    cJSON *root = seed();
    cJSON_AddNumberToObject(root, "tables", 1);
    expect_refused(root, "catalog: the top level has unknown key \"tables\"");
}

static void test_catalog__unknown_table_key(void **state)
{
    (void)state;
    cJSON *root = seed();
    cJSON_AddStringToObject(table(root, 0), "physical_name", "x");
    expect_refused(root, "catalog: meta_tables[0] has unknown key \"physical_name\"");

    root = seed();
    cJSON_AddStringToObject(table(root, 2), "Schema", "x");
    expect_refused(root, "meta_tables[2] has unknown key \"Schema\"");

    root = seed();
    cJSON_AddStringToObject(source(root, 0), "host", "db");
    expect_refused(root, "catalog: data_sources[0] has unknown key \"host\"");

    root = seed();
    cJSON_AddStringToObject(cJSON_GetArrayItem(get(table(root, 0), "columns"), 1), "size", "x");
    expect_refused(root, "meta_tables[0].columns[1] has unknown key \"size\"");

    root = seed();
    cJSON_AddStringToObject(cJSON_GetArrayItem(get(table(root, 1), "foreign_keys"), 0), "match",
                            "full");
    expect_refused(root, "meta_tables[1].foreign_keys[0] has unknown key \"match\"");
}

static void test_catalog__duplicate_keys(void **state)
{
    (void)state;
    cJSON *root = seed();
    cJSON_AddStringToObject(table(root, 1), "physical_table_name", "sdk_examples_secret");
    expect_refused(root, "catalog: meta_tables[1] has key \"physical_table_name\" twice");

    root = seed();
    cJSON_AddItemToObject(root, "meta_tables", cJSON_CreateArray());
    expect_refused(root, "catalog: the top level has key \"meta_tables\" twice");
}

static void test_catalog__missing_members(void **state)
{
    (void)state;
    static const char *const keys[] = {"uid", "data_source_uid", "schema", "physical_table_name"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        cJSON *root = seed();
        cJSON_DeleteItemFromObjectCaseSensitive(table(root, 0), keys[i]);
        char want[96];
        snprintf(want, sizeof want, "catalog: meta_tables[0].%s is required", keys[i]);
        expect_refused(root, want);
    }
    cJSON *root = seed();
    set_string(table(root, 1), "uid", "");
    expect_refused(root, "catalog: meta_tables[1].uid must not be empty");

    root = seed();
    cJSON_DeleteItemFromObjectCaseSensitive(source(root, 0), "default_schema");
    expect_refused(root, "catalog: data_sources[0].default_schema is required");

    root = seed();
    cJSON_DeleteItemFromObjectCaseSensitive(root, "data_sources");
    expect_refused(root, "catalog: data_sources must be an array");

    root = seed();
    cJSON_DeleteItemFromObjectCaseSensitive(root, "meta_tables");
    expect_refused(root, "catalog: meta_tables must be an array");
}

static void test_catalog__duplicate_table_uid(void **state)
{
    (void)state;
    cJSON *root = seed();
    set_string(table(root, 2), "uid", "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01");
    expect_refused(root, "meta_tables[2].uid \"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\" is used "
                         "twice");

    root = seed();
    cJSON_AddItemToArray(get(root, "data_sources"), cJSON_Duplicate(source(root, 0), true));
    expect_refused(root, "data_sources[1].uid \"" DS_A "\" is used twice");
}

static void test_catalog__duplicate_physical_name(void **state)
{
    (void)state;
    cJSON *root = seed();
    set_string(table(root, 2), "physical_table_name", "sdk_examples_account");
    expect_refused(root, "meta_tables[2]");
    root = seed();
    set_string(table(root, 2), "physical_table_name", "sdk_examples_account");
    expect_refused(root, "public.sdk_examples_account");
}

static void test_catalog__table_on_unknown_data_source(void **state)
{
    (void)state;
    cJSON *root = seed();
    set_string(table(root, 1), "data_source_uid", DS_B);
    expect_refused(root,
                   "catalog: meta_tables[1].data_source_uid \"" DS_B "\" is not a data source");
}

static void test_catalog__engine_mysql(void **state)
{
    (void)state;
    cJSON *root = seed();
    set_string(source(root, 0), "engine", "mysql");
    expect_refused(root, "catalog: data_sources[0].engine is \"mysql\"; only \"postgresql\" is "
                         "supported");
}

static void test_catalog__physical_name_starting_with_pg(void **state)
{
    (void)state;
    cJSON *root = seed();
    set_string(table(root, 0), "physical_table_name", "pg_shadow");
    expect_refused(root, "catalog: meta_tables[0].physical_table_name \"pg_shadow\" starts with "
                         "pg_");

    root = seed();
    set_string(table(root, 0), "schema", "pg_catalog");
    expect_refused(root, "meta_tables[0].schema \"pg_catalog\" starts with pg_");

    root = seed();
    set_string(table(root, 0), "schema", "pg_temp");
    expect_refused(root, "meta_tables[0].schema \"pg_temp\" starts with pg_");

    root = seed();
    set_string(source(root, 0), "default_schema", "pg_catalog");
    expect_refused(root, "data_sources[0].default_schema \"pg_catalog\" starts with pg_");
}

static void test_catalog__name_longer_than_63_bytes(void **state)
{
    (void)state;
    char name[65];
    memset(name, 'a', 64);
    name[64] = '\0';
    cJSON *root = seed();
    set_string(table(root, 0), "physical_table_name", name);
    expect_refused(root, "meta_tables[0].physical_table_name");
    root = seed();
    set_string(table(root, 0), "physical_table_name", name);
    expect_refused(root, "longer than PostgreSQL's 63-byte identifiers");

    /* bytes, not characters: 32 two-byte characters are 64 bytes */
    char wide[72] = "";
    for (int i = 0; i < 32; i++)
        strcat(wide, "\xc3\xa9");
    root = seed();
    set_string(table(root, 1), "schema", wide);
    expect_refused(root, "meta_tables[1].schema");
}

static void test_catalog__schema_information_schema(void **state)
{
    (void)state;
    cJSON *root = seed();
    set_string(table(root, 2), "schema", "information_schema");
    expect_refused(root, "catalog: meta_tables[2].schema may not be information_schema");

    root = seed();
    set_string(source(root, 0), "default_schema", "information_schema");
    expect_refused(root, "data_sources[0].default_schema may not be information_schema");
}

static void test_catalog__wrong_types(void **state)
{
    (void)state;
    static const struct {
        int table;
        const char *key, *value, *message;
    } cases[] = {
        {0, "uid", "7", "meta_tables[0].uid must be a string"},
        {0, "schema", "null", "meta_tables[0].schema must be a string"},
        {0, "identifier", "[]", "meta_tables[0].identifier must be a string"},
        {0, "labels", "[1]", "meta_tables[0].labels must be an array of strings"},
        {0, "primary_key", "\"uid\"", "meta_tables[0].primary_key must be an array of strings"},
        {0, "unique", "[\"uid\"]", "meta_tables[0].unique[0] must be an array of strings"},
        {0, "unique", "{}", "meta_tables[0].unique must be an array of arrays"},
        {0, "columns", "{}", "meta_tables[0].columns must be an array"},
        {0, "columns", "[\"uid\"]", "meta_tables[0].columns[0] must be an object"},
        {0, "columns", "[{\"type\":\"uuid\"}]",
         "meta_tables[0].columns[0].name must be a non-empty string"},
        {0, "columns", "[{\"name\":\"uid\",\"type\":5}]",
         "meta_tables[0].columns[0].type must be a string"},
        {0, "columns", "[{\"name\":\"uid\",\"nullable\":\"no\"}]",
         "meta_tables[0].columns[0].nullable must be true or false"},
        {0, "columns", "[{\"name\":\"uid\",\"default\":0}]",
         "meta_tables[0].columns[0].default must be a string or null"},
        {1, "foreign_keys", "{}", "meta_tables[1].foreign_keys must be an array"},
        {1, "foreign_keys", "[{\"columns\":\"account_uid\",\"references\":\"x\"}]",
         "meta_tables[1].foreign_keys[0].columns must be an array of strings"},
        {1, "foreign_keys", "[{\"columns\":[\"a\"],\"references\":5}]",
         "meta_tables[1].foreign_keys[0].references must be a string"},
        {1, "foreign_keys",
         "[{\"columns\":[\"a\"],\"references\":\"x\",\"referenced_columns\":[1]}]",
         "meta_tables[1].foreign_keys[0].referenced_columns must be an array of strings"},
        {1, "foreign_keys", "[{\"columns\":[\"a\"],\"references\":\"x\",\"on_delete\":true}]",
         "meta_tables[1].foreign_keys[0].on_delete must be a string"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *root = seed();
        cJSON *t = table(root, cases[i].table);
        cJSON *value = parse(cases[i].value);
        if (cJSON_GetObjectItemCaseSensitive(t, cases[i].key))
            cJSON_ReplaceItemInObjectCaseSensitive(t, cases[i].key, value);
        else
            cJSON_AddItemToObject(t, cases[i].key, value);
        expect_refused(root, cases[i].message);
    }

    cJSON *root = seed();
    cJSON_ReplaceItemInArray(get(root, "meta_tables"), 1, cJSON_CreateString("x"));
    expect_refused(root, "catalog: meta_tables[1] must be an object");

    root = seed();
    cJSON_ReplaceItemInObjectCaseSensitive(root, "version", cJSON_CreateNumber(2));
    expect_refused(root, "catalog: version must be 1");
}

/* ---- files and arguments ------------------------------------------------------------------- */

static void test_catalog__load_file_missing(void **state)
{
    (void)state;
    static const char path[] = "/tmp/sqlguard-test-no-such-dir/catalog.json";
    sg_catalog *c = SENTINEL;
    sg_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(sg_catalog_load_file(path, &c, &err), SG_EIO);
    assert_null(c);
    assert_int_equal(err.code, SG_EIO);
    assert_contains(err.message, path);
    assert_contains(err.message, "No such file or directory");

    /* a directory is not a catalog either */
    c = SENTINEL;
    int rc = sg_catalog_load_file("/tmp", &c, &err);
    assert_true(rc == SG_EIO || rc == SG_ECATALOG);
    assert_null(c);
    assert_contains(err.message, "/tmp");
}

static void test_catalog__load_file_names_the_file_in_errors(void **state)
{
    (void)state;
    cJSON *root = seed();
    set_string(source(root, 0), "engine", "mysql");
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    char *path = temp_file(text, strlen(text));
    cJSON_free(text);

    sg_catalog *c = SENTINEL;
    sg_error err;
    assert_int_equal(sg_catalog_load_file(path, &c, &err), SG_ECATALOG);
    assert_null(c);
    assert_int_equal(err.code, SG_ECATALOG);
    assert_contains(err.message, path);
    assert_contains(err.message, "data_sources[0].engine");
    unlink(path);
    free(path);
}

static void test_catalog__load_file_larger_than_the_read_buffer(void **state)
{
    (void)state;
    /* Over 64 KiB, so the reader has to grow its buffer. */
    cJSON *root = seed();
    size_t big = 200000;
    char *description = malloc(big + 1);
    assert_non_null(description);
    memset(description, 'x', big);
    description[big] = '\0';
    set_string(table(root, 0), "description", description);
    free(description);
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    char *path = temp_file(text, strlen(text));
    cJSON_free(text);

    sg_catalog *c = NULL;
    sg_error err;
    int rc = sg_catalog_load_file(path, &c, &err);
    if (rc != SG_OK)
        fail_msg("%s", err.message);
    assert_int_equal(sg_catalog_table_count(c), 3);
    sg_catalog_free(c);
    unlink(path);
    free(path);
}

static void test_catalog__null_arguments(void **state)
{
    (void)state;
    sg_catalog *c = SENTINEL;
    sg_error err;
    assert_int_equal(sg_catalog_load(NULL, 5, &c, &err), SG_EINVAL);
    assert_int_equal(err.code, SG_EINVAL);
    assert_true(err.message[0] != '\0');
    assert_int_equal(sg_catalog_load(SEED_CATALOG, strlen(SEED_CATALOG), NULL, &err), SG_EINVAL);
    assert_int_equal(sg_catalog_load(SEED_CATALOG, strlen(SEED_CATALOG), NULL, NULL), SG_EINVAL);

    c = SENTINEL;
    assert_int_equal(sg_catalog_load_file(NULL, &c, &err), SG_EINVAL);
    assert_null(c);
    assert_int_equal(err.code, SG_EINVAL);
    assert_int_equal(sg_catalog_load_file(CORPUS_CATALOG, NULL, &err), SG_EINVAL);
    assert_int_equal(sg_catalog_load_file(NULL, NULL, NULL), SG_EINVAL);

    sg_catalog_free(NULL);
    assert_int_equal(sg_catalog_table_count(NULL), 0);

    /* the error helpers never return NULL */
    assert_string_equal(sg_err_name(SG_ECATALOG), "ECATALOG");
    assert_string_equal(sg_err_name(SG_OK), "OK");
    assert_non_null(sg_err_name(-1000));
    assert_string_equal(sg_strerror(SG_EIO), "input/output error");
    assert_non_null(sg_strerror(12345));
}

/* ---- allocation failure -------------------------------------------------------------------- */

static void test_catalog__allocation_failure(void **state)
{
    (void)state;
    size_t len;
    char *corpus = read_file(CORPUS_CATALOG, &len);
    long failures = 0;
    bool succeeded = false;
    for (long n = 0; n < 100000 && !succeeded; n++) {
        sg_catalog *c = SENTINEL;
        sg_error err;
        memset(&err, 0, sizeof err);
        sg__alloc_fail_at(n + 1);
        int rc = sg_catalog_load(corpus, len, &c, &err);
        sg__alloc_fail_at(0);
        if (rc == SG_ENOMEM) {
            assert_null(c);
            assert_int_equal(err.code, SG_ENOMEM);
            assert_true(err.message[0] != '\0');
            failures++;
            continue;
        }
        assert_int_equal(rc, SG_OK);
        assert_int_equal(sg_catalog_table_count(c), 7);
        assert_true(scope_allowed(c, SELECT_ON(DS_A, UID_ACCOUNT)));
        sg_catalog_free(c);
        succeeded = true;
    }
    assert_true(succeeded);
    assert_true(failures > 0);
    free(corpus);
}

static void test_catalog__allocation_failure_from_file(void **state)
{
    (void)state;
    long failures = 0;
    bool succeeded = false;
    for (long n = 0; n < 100000 && !succeeded; n++) {
        sg_catalog *c = SENTINEL;
        sg_error err;
        memset(&err, 0, sizeof err);
        sg__alloc_fail_at(n + 1);
        int rc = sg_catalog_load_file(CORPUS_CATALOG, &c, &err);
        sg__alloc_fail_at(0);
        if (rc == SG_ENOMEM) {
            assert_null(c);
            assert_int_equal(err.code, SG_ENOMEM);
            failures++;
            continue;
        }
        assert_int_equal(rc, SG_OK);
        assert_int_equal(sg_catalog_table_count(c), 7);
        sg_catalog_free(c);
        succeeded = true;
    }
    assert_true(succeeded);
    assert_true(failures > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_teardown(test_catalog__##name, teardown)
        T(seed_catalog_loads),
        T(corpus_catalog_loads),
        T(text_need_not_be_nul_terminated),
        T(minimal_catalogs),
        T(same_name_on_two_data_sources),
        T(name_of_63_bytes_loads),
        T(many_tables),
        T(invalid_json),
        T(surrounding_whitespace_is_fine),
        T(trailing_text_after_the_object),
        T(too_deep),
        T(unknown_top_level_key),
        T(unknown_table_key),
        T(duplicate_keys),
        T(missing_members),
        T(duplicate_table_uid),
        T(duplicate_physical_name),
        T(table_on_unknown_data_source),
        T(engine_mysql),
        T(physical_name_starting_with_pg),
        T(name_longer_than_63_bytes),
        T(schema_information_schema),
        T(wrong_types),
        T(load_file_missing),
        T(load_file_names_the_file_in_errors),
        T(load_file_larger_than_the_read_buffer),
        T(null_arguments),
        T(allocation_failure),
        T(allocation_failure_from_file),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
