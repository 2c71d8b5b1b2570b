/*
 * inputs.c - the files `check` and `exec` read: a policy (optional), the
 * catalog loaded under the policy's bounds, and operation files read
 * through the library's bounded reader. Every failure is told to the user
 * here, once, in the library's own words.
 */
#include <stdio.h>
#include <string.h>

#include "inputs.h"

bool cli_load_inputs(const char *policy_path, const char *catalog_path, sg_policy **policy,
                     sg_catalog **catalog)
{
    *policy = NULL;
    *catalog = NULL;
    sg_error err;
    if (policy_path && sg_policy_load_file(policy_path, policy, &err) != SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", err.message);
        return false;
    }
    if (sg_catalog_load_file_policy(catalog_path, *policy, catalog, &err) != SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", err.message);
        sg_policy_free(*policy);
        *policy = NULL;
        return false;
    }
    return true;
}

bool cli_read_operation(const char *path, size_t max_bytes, char **text, size_t *len)
{
    sg_error err;
    int rc = sg_read_file(path, max_bytes, 0, text, len, &err);
    if (rc == SG_OK)
        return true;
    /* the reader's message starts with the path; "-" is shown as <stdin> */
    if (strcmp(path, "-") == 0 && strncmp(err.message, "-: ", 3) == 0)
        fprintf(stderr, "sqlguard: <stdin>: %s\n", err.message + 3);
    else
        fprintf(stderr, "sqlguard: %s\n", err.message);
    return false;
}
