/*
 * sarif.h - `sqlguard lint --format sarif`.
 */
#ifndef SG_CLI_SARIF_H
#define SG_CLI_SARIF_H

#include <stdio.h>

#include "report.h"

/* Writes the SARIF 2.1.0 log; returns -1 when it could not be built. */
int lint_write_sarif(FILE *out, const lint_report *r, const lint_file *files, size_t count);

#endif
