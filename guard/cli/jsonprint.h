/*
 * jsonprint.h - JSON documents as reports print them.
 */
#ifndef SG_CLI_JSONPRINT_H
#define SG_CLI_JSONPRINT_H

#include <stdio.h>

#include <cjson/cJSON.h>

/* Writes `root` indented by two spaces, with a final newline; returns 0, or
 * -1 when it could not be serialised. */
int cli_print_json(FILE *out, const cJSON *root);

#endif
