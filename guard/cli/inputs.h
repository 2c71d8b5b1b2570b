/*
 * inputs.h - what `check` and `exec` read before they judge: the policy, the
 * catalog and operation files.
 */
#ifndef SG_CLI_INPUTS_H
#define SG_CLI_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "sqlguard.h"

/* The policy at `policy_path` (NULL: none) and the catalog, loaded under the
 * policy's bounds; false, with both NULL, after telling the user why. */
bool cli_load_inputs(const char *policy_path, const char *catalog_path, sg_policy **policy,
                     sg_catalog **catalog);

/* The operation file at `path` ("-": standard input), at most `max_bytes`,
 * in *text (released with sg_free()); false after telling the user why. */
bool cli_read_operation(const char *path, size_t max_bytes, char **text, size_t *len);

#endif
