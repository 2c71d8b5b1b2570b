/*
 * inputs.c - the files `check` and `exec` read: a policy (optional), the
 * catalog loaded under the policy's bounds, and operation files read through
 * the library's bounded reader and checked. Every failure is told to the
 * user here, once, in the library's own words.
 */
#include <stdio.h>
#include <string.h>

#include "inputs.h"

bool cli_inputs_load(cli_inputs *in, const char *policy_path, const char *catalog_path)
{
    memset(in, 0, sizeof *in);
    sg_error err;
    if (policy_path && sg_policy_load_file(policy_path, &in->policy, &err) != SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", err.message);
        return false;
    }
    if (sg_catalog_load_file_policy(catalog_path, in->policy, &in->catalog, &err) != SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", err.message);
        sg_policy_free(in->policy);
        in->policy = NULL;
        return false;
    }
    in->opts = (sg_check_options)SG_CHECK_OPTIONS_INIT;
    in->opts.policy = in->policy;
    sg_check_options_apply_policy(&in->opts);
    return true;
}

void cli_inputs_free(cli_inputs *in)
{
    sg_catalog_free(in->catalog);
    sg_policy_free(in->policy);
    memset(in, 0, sizeof *in);
}

sg_verdict *cli_check_file(const cli_inputs *in, const char *path)
{
    bool is_stdin = strcmp(path, "-") == 0;
    char *text = NULL;
    size_t len = 0;
    sg_error err;
    if (sg_read_file(path, in->opts.max_operation_bytes, 0, &text, &len, &err) != SG_OK) {
        /* the reader's message starts with the path; "-" is shown as <stdin> */
        if (is_stdin && strncmp(err.message, "-: ", 3) == 0)
            fprintf(stderr, "sqlguard: <stdin>: %s\n", err.message + 3);
        else
            fprintf(stderr, "sqlguard: %s\n", err.message);
        return NULL;
    }
    sg_verdict *v = NULL;
    int rc = sg_check(in->catalog, text, len, &in->opts, &v);
    sg_free(text);
    if (rc != SG_OK)
        fprintf(stderr, "sqlguard: %s: %s\n", is_stdin ? "<stdin>" : path, sg_strerror(rc));
    return v;
}
