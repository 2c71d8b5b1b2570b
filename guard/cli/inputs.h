/*
 * inputs.h - what `check` and `exec` judge with and what they judge: the
 * policy, the catalog and the check options they give, and operation files.
 */
#ifndef SG_CLI_INPUTS_H
#define SG_CLI_INPUTS_H

#include <stdbool.h>

#include "sqlguard.h"

typedef struct cli_inputs {
    sg_policy *policy; /* NULL when none was given */
    sg_catalog *catalog;
    sg_check_options opts; /* the policy's, with its limits applied */
} cli_inputs;

/* Loads the policy at `policy_path` (NULL: none) and the catalog under the
 * policy's bounds; false, with nothing held, after telling the user why. */
bool cli_inputs_load(cli_inputs *in, const char *policy_path, const char *catalog_path);
void cli_inputs_free(cli_inputs *in);

/* Reads the operation file at `path` ("-": standard input, at most the
 * policy's operation limit) and checks it: the verdict, or NULL after
 * telling the user why there is none. */
sg_verdict *cli_check_file(const cli_inputs *in, const char *path);

#endif
