/*
 * stream.h - `sqlguard check --ndjson`: operations in, verdicts out, one a line.
 */
#ifndef SG_CLI_STREAM_H
#define SG_CLI_STREAM_H

#include "sqlguard.h"

/* Checks every line of standard input and writes one verdict line each;
 * returns the exit status. */
int cli_check_stream(const sg_catalog *catalog, const sg_check_options *opts);

#endif
