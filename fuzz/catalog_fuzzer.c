/*
 * catalog_fuzzer.c - bytes as catalog JSON through sg_catalog_load.
 *
 * Properties: no crash; loading twice gives the same result code and message;
 * on success the table count equals the number of meta_tables (counted by
 * cJSON, when cJSON can read the text at all), the catalog's queries list
 * every table and data source with the names the text gives them, and the
 * loaded catalog can check an operation and lint itself deterministically.
 */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static const char OP[] =
    "{\"operation\":\"select\",\"sql\":\"SELECT 1 FROM t ORDER BY 1\",\"parameters\":{},"
    "\"scope\":{\"data_source_uid\":\"ds\",\"tables\":[]},"
    "\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":1000}}";

static char *verdict_text(sg_verdict *v)
{
    char *text = NULL;
    if (sg_verdict_to_json(v, &text) != SG_OK || !text)
        fz_fail("sg_verdict_to_json failed");
    return text;
}

static const char *member(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Every table of the file is in the catalog's queries with its data source
 * and physical name, and every table the queries list has a known data source. */
static void same_tables(const sg_catalog *c, const cJSON *tables)
{
    const cJSON *t;
    cJSON_ArrayForEach(t, tables)
    {
        size_t i = 0, n = sg_catalog_table_count(c);
        while (i < n && !same(sg_catalog_table_uid(c, i), member(t, "uid")))
            i++;
        if (i == n)
            fz_fail("table %s is not among the catalog's tables", member(t, "uid"));
        if (!same(sg_catalog_table_data_source_uid(c, i), member(t, "data_source_uid")) ||
            !same(sg_catalog_table_name(c, i), member(t, "physical_table_name")) ||
            !sg_catalog_table_schema(c, i))
            fz_fail("table %s is loaded with other names", member(t, "uid"));
    }
    for (size_t i = 0; i < sg_catalog_table_count(c); i++)
        if (!sg_catalog_find_data_source(c, sg_catalog_table_data_source_uid(c, i), NULL))
            fz_fail("table %zu names a data source the catalog does not have", i);
    if (sg_catalog_table_uid(c, sg_catalog_table_count(c)))
        fz_fail("a table past the end");
}

/* Each data source is found again by its uid, at its own index. */
static void same_sources(const sg_catalog *c)
{
    size_t n = sg_catalog_data_source_count(c);
    for (size_t i = 0; i < n; i++) {
        size_t at = n;
        if (!sg_catalog_find_data_source(c, sg_catalog_data_source_uid(c, i), &at) || at != i ||
            !sg_catalog_data_source_default_schema(c, i))
            fz_fail("data source %zu is not found by its uid", i);
    }
    if (sg_catalog_data_source_uid(c, n) || sg_catalog_find_data_source(c, "", NULL))
        fz_fail("a data source past the end, or one without a uid");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *json = (const char *)data;
    sg_catalog *c1 = NULL, *c2 = NULL;
    sg_error e1, e2;
    memset(&e1, 0, sizeof e1);
    memset(&e2, 0, sizeof e2);
    int rc1 = sg_catalog_load(json, size, &c1, &e1);
    int rc2 = sg_catalog_load(json, size, &c2, &e2);
    if (rc1 != rc2 || (rc1 != SG_OK && strcmp(e1.message, e2.message) != 0))
        fz_fail("catalog load is not deterministic: %d \"%s\" / %d \"%s\"", rc1, e1.message, rc2,
                e2.message);
    if (rc1 != SG_OK) {
        if (c1 || c2)
            fz_fail("failed load left a catalog");
        if (!e1.message[0])
            fz_fail("failed load (%d) without a message", rc1);
        return 0;
    }
    if (!c1 || !c2)
        fz_fail("successful load without a catalog");
    if (sg_catalog_table_count(c1) != sg_catalog_table_count(c2))
        fz_fail("table counts differ between loads");
    cJSON *doc = cJSON_ParseWithLength(json, size);
    if (doc) {
        const cJSON *tables = cJSON_GetObjectItemCaseSensitive(doc, "meta_tables");
        size_t n = cJSON_IsArray(tables) ? (size_t)cJSON_GetArraySize(tables) : 0;
        if (n != sg_catalog_table_count(c1))
            fz_fail("catalog holds %zu tables, meta_tables has %zu", sg_catalog_table_count(c1), n);
        same_tables(c1, tables);
        cJSON_Delete(doc);
    }
    same_sources(c1);

    sg_verdict *v1 = NULL, *v2 = NULL;
    if (sg_check(c1, OP, sizeof OP - 1, NULL, &v1) != SG_OK ||
        sg_check(c2, OP, sizeof OP - 1, NULL, &v2) != SG_OK)
        fz_fail("sg_check failed on a loaded catalog");
    char *t1 = verdict_text(v1), *t2 = verdict_text(v2);
    if (strcmp(t1, t2) != 0)
        fz_fail("verdicts differ between equal catalogs:\n%s\n%s", t1, t2);
    sg_free(t1);
    sg_free(t2);
    sg_verdict_free(v1);
    sg_verdict_free(v2);
    if (sg_lint_catalog(c1, NULL, &v1) != SG_OK)
        fz_fail("sg_lint_catalog failed");
    t1 = verdict_text(v1);
    sg_free(t1);
    sg_verdict_free(v1);
    sg_catalog_free(c1);
    sg_catalog_free(c2);
    return 0;
}
