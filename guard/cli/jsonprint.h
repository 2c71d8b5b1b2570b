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

/* The same without the final newline, as a value nested `depth` levels deep
 * in a document printed piece by piece (a streamed report). */
int cli_print_json_at(FILE *out, const cJSON *root, int depth);

/* A JSON string for `s`, escaped as cJSON escapes it (the short forms,
 * \u00XX for the other control characters, everything else as it is), so
 * that text written piece by piece reads as cJSON would print it. */
void cli_json_string(FILE *out, const char *s);

/* A line break and the indentation of `depth` levels, as cli_print_json
 * indents. */
void cli_json_indent(FILE *out, int depth);

/* Writes `value` in decimal, as "%ld" would, without the cost of a format
 * (a report writes three numbers per finding). The caller holds the lock. */
void cli_json_long(FILE *out, long value);

#endif
