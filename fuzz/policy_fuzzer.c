/*
 * policy_fuzzer.c - bytes as policy JSON through sg_policy_load.
 *
 * Properties: no crash; loading twice gives the same result code and message;
 * a failed load names why; a loaded policy drives checks (corpus/catalog.json,
 * a few fixed operations that call functions, lack ORDER BY, leave tables
 * unused) deterministically, with allowed <=> no error diagnostic; and the
 * policy's "limits", read back from the input with cJSON, hold: an operation
 * or SQL over max_operation_bytes / max_sql_bytes is denied, and the catalog
 * loads under the policy exactly when it is within max_catalog_bytes and
 * max_catalog_tables (SG_ETOOBIG otherwise).
 */
#include "fuzz.h"

#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>


#define SCOPE                                                                                      \
    "\"scope\":{\"data_source_uid\":\"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\"tables\":["        \
    "{\"meta_table_uid\":\"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\",\"alias\":\"a\","               \
    "\"access\":\"write\"},"                                                                       \
    "{\"meta_table_uid\":\"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02\",\"alias\":\"l\","               \
    "\"access\":\"read\"}]},"

static const char *const OPS[] = {
    "{\"operation\":\"select\",\"sql\":\"SELECT app.f(uid), lower(name), now() FROM "
    "sdk_examples_account LIMIT 5\",\"parameters\":{\"x\":1}," SCOPE
    "\"limits\":{\"max_rows\":1000,\"statement_timeout_ms\":100000}}",
    "{\"operation\":\"insert\",\"sql\":\"INSERT INTO sdk_examples_account VALUES (%(a)s, 'x', "
    "'y', 'z')\",\"parameters\":{\"a\":\"u\"}," SCOPE
    "\"limits\":{\"max_rows\":-1,\"statement_timeout_ms\":0}}",
    /* allowed under the default policy, so that limits have something to deny */
    "{\"operation\":\"select\",\"sql\":\"SELECT name, region FROM sdk_examples_account WHERE "
    "region = %(r)s ORDER BY uid LIMIT 5\",\"parameters\":{\"r\":\"US\"},\"scope\":{"
    "\"data_source_uid\":\"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\",\"tables\":[{"
    "\"meta_table_uid\":\"5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01\",\"alias\":\"a\","
    "\"access\":\"read\"}]},\"limits\":{\"max_rows\":1000,\"statement_timeout_ms\":100000}}",
};

enum { OP_COUNT = sizeof OPS / sizeof OPS[0] };

/* Bytes of each fixed operation's SQL, measured once with cJSON. */
static size_t sql_bytes[OP_COUNT];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_catalog();
    for (size_t i = 0; i < OP_COUNT; i++) {
        cJSON *op = cJSON_Parse(OPS[i]);
        const cJSON *sql = cJSON_GetObjectItemCaseSensitive(op, "sql");
        if (!cJSON_IsString(sql))
            fz_fail("fixed operation %zu has no sql", i);
        sql_bytes[i] = strlen(sql->valuestring);
        cJSON_Delete(op);
    }
    return 0;
}

/* The input's limits.<name> as a number, or `fallback` when it has none. */
static double limit_of(const cJSON *policy, const char *name, double fallback)
{
    const cJSON *limits = cJSON_GetObjectItemCaseSensitive(policy, "limits");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(limits, name);
    return cJSON_IsNumber(v) ? v->valuedouble : fallback;
}

/* `allowed` holds each fixed operation's verdict under the policy `p`. */
static void check_limits(const char *json, size_t size, const sg_policy *p, const bool *allowed)
{
    cJSON *policy = cJSON_ParseWithLength(json, size);
    if (!policy)
        fz_fail("a policy that loaded is not JSON to cJSON");
    for (size_t i = 0; i < OP_COUNT; i++) {
        bool over = (double)sql_bytes[i] > limit_of(policy, "max_sql_bytes", 1 << 20) ||
                    (double)strlen(OPS[i]) > limit_of(policy, "max_operation_bytes", 4 << 20);
        if (over && allowed[i])
            fz_fail("operation %zu is over the policy's byte limits but allowed", i);
    }
    size_t len, tables;
    const char *catalog = fz_catalog_text(&len, &tables);
    bool fits = (double)len <= limit_of(policy, "max_catalog_bytes", 64 << 20) &&
                (double)tables <= limit_of(policy, "max_catalog_tables", 100000);
    sg_catalog *c = NULL;
    sg_error err;
    int rc = sg_catalog_load_policy(catalog, len, p, &c, &err);
    if (rc != (fits ? SG_OK : SG_ETOOBIG))
        fz_fail("catalog (%zu bytes, %zu tables) under the policy: %d \"%s\", expected %s", len,
                tables, rc, rc == SG_OK ? "" : err.message, fits ? "SG_OK" : "SG_ETOOBIG");
    sg_catalog_free(c);
    cJSON_Delete(policy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *json = (const char *)data;
    sg_policy *p1 = NULL, *p2 = NULL;
    sg_error e1, e2;
    memset(&e1, 0, sizeof e1);
    memset(&e2, 0, sizeof e2);
    int rc1 = sg_policy_load(json, size, &p1, &e1);
    int rc2 = sg_policy_load(json, size, &p2, &e2);
    if (rc1 != rc2 || (rc1 != SG_OK && strcmp(e1.message, e2.message) != 0))
        fz_fail("policy load is not deterministic: %d \"%s\" / %d \"%s\"", rc1, e1.message, rc2,
                e2.message);
    if (rc1 != SG_OK) {
        if (p1 || p2)
            fz_fail("failed load left a policy");
        if (!e1.message[0])
            fz_fail("failed load (%d) without a message", rc1);
        return 0;
    }
    if (!p1 || !p2)
        fz_fail("successful load without a policy");
    sg_check_options opt = SG_CHECK_OPTIONS_INIT;
    opt.policy = p1;
    bool allowed[OP_COUNT];
    for (size_t i = 0; i < OP_COUNT; i++)
        allowed[i] = fz_check_operation(OPS[i], strlen(OPS[i]), &opt) != 0;
    check_limits(json, size, p1, allowed);
    sg_policy_free(p1);
    sg_policy_free(p2);
    return 0;
}
