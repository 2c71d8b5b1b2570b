/*
 * report.h - what `sqlguard lint` prints, written file by file as the files
 * are done (in path order): text for people, JSON for programs, GitHub
 * workflow commands (report.c), SARIF (sarif.c), GitLab Code Quality
 * (gitlab.c) and JUnit XML (junit.c).
 */
#ifndef SG_CLI_REPORT_H
#define SG_CLI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lint_files.h"

typedef enum {
    LINT_FORMAT_TEXT,
    LINT_FORMAT_JSON,
    LINT_FORMAT_SARIF,
    LINT_FORMAT_GITHUB,
    LINT_FORMAT_GITLAB,
    LINT_FORMAT_JUNIT
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
    const char *const *notes; /* run-level notes (scope skipped, ...), known at the end */
    size_t note_count;
    lint_policies *policies; /* each counts the files it applied to */
    FILE *out;
    /* written so far */
    lint_totals totals;
    size_t items;        /* file objects, results or test cases */
    size_t failed_files; /* JUnit: test cases with a failure */
    FILE *body;          /* JUnit: the test cases, until the counts are known */
} lint_report;

/* Starts the report, takes one file (counted in the totals and its
 * policy's files; files that are not reported only counted), ends it with
 * the notes and the summary. Each returns 0, or -1 when writing failed or
 * memory ran out. */
int lint_report_begin(lint_report *r);
int lint_report_file(lint_report *r, const lint_file *f);
int lint_report_end(lint_report *r);

/* "policy: PATH (N files), ..." naming each policy and how many files it
 * applied to; the caller frees it. NULL without memory. */
char *lint_policy_line(const lint_policies *p);

/* A fingerprint of a finding that survives lines moving: FNV-1a of the rule,
 * the path and the trimmed text of its line. */
uint64_t lint_finding_hash(const lint_file *f, const sg_lint_finding *d, const char *path);

/* Each finding's hash (lint_finding_hash) and occurrence: how many findings
 * before it in the file have the same hash, plus 1. Two arrays of
 * lint_file_finding_count() items the caller frees; false without memory. */
bool lint_finding_fingerprints(const lint_file *f, const char *path, uint64_t **hashes,
                               unsigned **occurrences);

/* ---- sarif.c, gitlab.c, junit.c ---- */
int lint_sarif_begin(lint_report *r);
int lint_sarif_file(lint_report *r, const lint_file *f);
int lint_sarif_end(lint_report *r);
int lint_gitlab_begin(lint_report *r);
int lint_gitlab_file(lint_report *r, const lint_file *f);
int lint_gitlab_end(lint_report *r);
int lint_junit_begin(lint_report *r);
int lint_junit_file(lint_report *r, const lint_file *f);
int lint_junit_end(lint_report *r);

#endif
