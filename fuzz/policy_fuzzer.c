/*
 * policy_fuzzer.c - bytes as policy JSON through sg_policy_load.
 *
 * Properties: no crash; loading twice gives the same result code and message;
 * a failed load names why; a loaded policy drives checks (corpus/catalog.json,
 * a few fixed operations that call functions, lack ORDER BY, leave tables
 * unused) deterministically, with allowed <=> no error diagnostic.
 */
#include "fuzz.h"

#include <stdbool.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_catalog();
    return 0;
}

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
};

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
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        fz_check_operation(OPS[i], strlen(OPS[i]), &opt);
    sg_policy_free(p1);
    sg_policy_free(p2);
    return 0;
}
