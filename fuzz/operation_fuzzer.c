/*
 * operation_fuzzer.c - bytes as operation JSON, checked with sg_check against
 * corpus/catalog.json (which holds tables no seed scopes, such as
 * sdk_examples_secret, and a second data source with a same-named table).
 * Every property and the differential scope oracle live in fuzz_common.c.
 */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_catalog();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_check_operation((const char *)data, size, NULL);
    return 0;
}
