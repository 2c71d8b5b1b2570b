/*
 * report.h - what `sqlguard lint` prints once every file is linted: text for
 * people, JSON for programs, GitHub workflow commands (report.c) and SARIF
 * (sarif.c).
 */
#ifndef SG_CLI_REPORT_H
#define SG_CLI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lint_files.h"

typedef enum {
    LINT_FORMAT_TEXT,
    LINT_FORMAT_JSON,
    LINT_FORMAT_SARIF,
    LINT_FORMAT_GITHUB
} lint_format;

typedef struct lint_totals {
    size_t files, statements, operations, skipped_operations;
    size_t skipped_files; /* JSON found by a walk that is not an operation */
    size_t errors, warnings, suppressed;
} lint_totals;

typedef struct lint_report {
    lint_format format;
    bool color;
    bool timing; /* false: --no-timing, for golden files */
    double elapsed_ms;
    long max_warnings;        /* -1: not given */
    const char *const *notes; /* run-level notes (scope skipped, ...) */
    size_t note_count;
} lint_report;

void lint_totals_count(const lint_file *files, size_t count, lint_totals *t);

/* Each writes the report to `out`; the JSON writer returns -1 when the report
 * could not be built. */
void lint_write_text(FILE *out, const lint_report *r, const lint_file *files, size_t count,
                     const lint_totals *t);
int lint_write_json(FILE *out, const lint_report *r, const lint_file *files, size_t count,
                    const lint_totals *t);
void lint_write_github(FILE *out, const lint_report *r, const lint_file *files, size_t count);

#endif
