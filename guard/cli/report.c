/*
 * report.c - what `sqlguard lint` prints: text for people, JSON for
 * programs, GitHub workflow commands for annotations in pull requests (SARIF,
 * GitLab Code Quality and JUnit XML are in their own files). Files come in
 * path order and findings in line order, so the report is the same however
 * many workers produced it. Each file is written as soon as it is done and
 * then let go of, so the report holds only the totals: JSON documents are
 * printed piece by piece.
 */
#define _DEFAULT_SOURCE /* fwrite_unlocked: the report is written by one thread */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonprint.h"
#include "print.h"
#include "report.h"

/* Adds one file to the totals. */
static void count_file(lint_totals *t, const lint_file *f)
{
    if (f->ignored) {
        t->skipped_files++;
        return;
    }
    t->files++;
    t->statements += f->statements;
    t->operations += lint_file_checked(f);
    t->skipped_operations += lint_file_skipped(f);
    for (size_t k = 0; k < lint_file_finding_count(f); k++) {
        sg_lint_finding found;
        const sg_lint_finding *d = lint_file_finding(f, k, &found);
        if (d->suppressed)
            t->suppressed++;
        else if (d->severity == SG_SEVERITY_ERROR)
            t->errors++;
        else
            t->warnings++;
    }
}

/* ---- text ---- */

static void summary_line(FILE *out, const lint_report *r, const lint_totals *t)
{
    fprintf(out, "%zu file%s, %zu statement%s", t->files, cli_plural(t->files), t->statements,
            cli_plural(t->statements));
    if (t->operations)
        fprintf(out, ", %zu operation%s", t->operations, cli_plural(t->operations));
    if (t->skipped_files)
        fprintf(out, " (%zu .json file%s skipped: not operations)", t->skipped_files,
                cli_plural(t->skipped_files));
    fprintf(out, ": %zu error%s, %zu warning%s", t->errors, cli_plural(t->errors), t->warnings,
            cli_plural(t->warnings));
    if (t->suppressed)
        fprintf(out, ", %zu suppressed", t->suppressed);
    if (r->timing) {
        if (r->elapsed_ms < 1000)
            fprintf(out, " in %.1f ms", r->elapsed_ms);
        else
            fprintf(out, " in %.2f s", r->elapsed_ms / 1000);
    }
    fputc('\n', out);
}

/* Calls `show` for every finding of the file that is not suppressed. */
static void each_shown(FILE *out, const lint_report *r, const lint_file *f,
                       void (*show)(FILE *out, const lint_report *r, const lint_file *f,
                                    const sg_lint_finding *d))
{
    for (size_t k = 0; k < lint_file_finding_count(f); k++) {
        sg_lint_finding found;
        const sg_lint_finding *d = lint_file_finding(f, k, &found);
        if (!d->suppressed)
            show(out, r, f, d);
    }
}

/* Every finding of the file that is not suppressed, with its line and a
 * caret under the spot. */
static void text_findings(FILE *out, const lint_report *r, const lint_file *f)
{
    cli_caret_cursor cursor = CLI_CARET_CURSOR_INIT;
    for (size_t k = 0; k < lint_file_finding_count(f); k++) {
        sg_lint_finding found;
        const sg_lint_finding *d = lint_file_finding(f, k, &found);
        if (d->suppressed)
            continue;
        cli_print_finding(out, f->path, d->line, d->column, d->severity, d->rule, d->message,
                          r->color);
        size_t n;
        const char *line = d->line > 0 ? lint_file_line(f, d->line, &n) : NULL;
        if (line)
            cli_print_caret(out, line, n, d->column, r->color, &cursor);
    }
}

/* The footer: which policy applied to which files, then the summary. */
static int text_end(lint_report *r)
{
    char *policies = lint_policy_line(r->policies);
    if (!policies)
        return -1;
    fprintf(r->out, "%s\n", policies);
    free(policies);
    summary_line(r->out, r, &r->totals);
    return 0;
}

/* ---- JSON ---- */

/* A member's key at `depth`, after the one before it when not the first. */
static void json_key(FILE *out, int depth, const char *key, bool first)
{
    if (!first)
        putc_unlocked(',', out);
    cli_json_indent(out, depth);
    cli_json_string(out, key);
    fwrite_unlocked(": ", 1, 2, out);
}

static void json_long(FILE *out, int depth, const char *key, long value, bool present)
{
    json_key(out, depth, key, false);
    if (present)
        cli_json_long(out, value);
    else
        fputs("null", out);
}

/* A finding as an object at `depth`. */
static void json_finding(FILE *out, int depth, const sg_lint_finding *d)
{
    putc_unlocked('{', out);
    json_key(out, depth + 1, "rule", true);
    cli_json_string(out, d->rule);
    json_key(out, depth + 1, "severity", false);
    cli_json_string(out, cli_severity_name(d->severity));
    json_key(out, depth + 1, "message", false);
    cli_json_string(out, d->message);
    json_long(out, depth + 1, "line", d->line, d->line > 0);
    json_long(out, depth + 1, "column", d->column, d->line > 0);
    json_long(out, depth + 1, "offset", d->offset, d->line > 0);
    if (d->suppressed) {
        json_key(out, depth + 1, "reason", false);
        if (d->reason)
            cli_json_string(out, d->reason);
        else
            fputs("null", out);
    }
    cli_json_indent(out, depth);
    putc_unlocked('}', out);
}

/* The file's findings that are (or are not) suppressed, as an array at
 * `depth`. */
static void json_findings(FILE *out, int depth, const lint_file *f, bool suppressed)
{
    putc_unlocked('[', out);
    bool any = false;
    for (size_t k = 0; k < lint_file_finding_count(f); k++) {
        sg_lint_finding found;
        const sg_lint_finding *d = lint_file_finding(f, k, &found);
        if (d->suppressed != suppressed)
            continue;
        if (any)
            putc_unlocked(',', out);
        cli_json_indent(out, depth + 1);
        json_finding(out, depth + 1, d);
        any = true;
    }
    if (any)
        cli_json_indent(out, depth);
    putc_unlocked(']', out);
}

static int json_begin(lint_report *r)
{
    fputs("{\n  \"files\": [", r->out);
    return 0;
}

/* One file's object, written member by member as cli_print_json would
 * print its tree (a report holds thousands of findings: no tree is built). */
static int json_file(lint_report *r, const lint_file *f)
{
    FILE *out = r->out;
    const int depth = 2;
    flockfile(out);
    fputs(r->items++ ? ",\n    {" : "\n    {", out);
    json_key(out, depth + 1, "path", true);
    cli_json_string(out, f->path);
    json_key(out, depth + 1, "kind", false);
    cli_json_string(out, lint_file_kind(f));
    json_key(out, depth + 1, "statements", false);
    fprintf(out, "%zu", (size_t)f->statements);
    if (lint_file_checked(f) || lint_file_skipped(f)) {
        json_key(out, depth + 1, "checked", false);
        fputs(lint_file_checked(f) ? "true" : "false", out);
    }
    const char *policy = r->policies->items[f->policy].path;
    json_key(out, depth + 1, "policy", false);
    if (policy)
        cli_json_string(out, policy);
    else
        fputs("null", out);
    json_key(out, depth + 1, "diagnostics", false);
    json_findings(out, depth + 1, f, false);
    json_key(out, depth + 1, "suppressed", false);
    json_findings(out, depth + 1, f, true);
    cli_json_indent(out, depth);
    putc_unlocked('}', out);
    funlockfile(out);
    return 0; /* nothing to allocate; write errors are the report's end to tell */
}

static cJSON *policies_json(const lint_policies *p)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < p->count; i++) {
        const lint_policy *e = &p->items[i];
        cJSON *o = e->files ? cJSON_CreateObject() : NULL;
        if (!o || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            continue;
        }
        if (e->path)
            cJSON_AddStringToObject(o, "path", e->path);
        else
            cJSON_AddNullToObject(o, "path");
        cJSON_AddStringToObject(o, "source",
                                e->given  ? "--policy"
                                : e->path ? "found"
                                          : "defaults");
        cJSON_AddNumberToObject(o, "files", (double)e->files);
    }
    return arr;
}

static int json_end(lint_report *r)
{
    const lint_totals *t = &r->totals;
    cJSON *s = cJSON_CreateObject();
    if (s) {
        cJSON_AddNumberToObject(s, "files", (double)t->files);
        cJSON_AddNumberToObject(s, "files_skipped", (double)t->skipped_files);
        cJSON_AddNumberToObject(s, "statements", (double)t->statements);
        cJSON_AddNumberToObject(s, "operations", (double)t->operations);
        cJSON_AddNumberToObject(s, "operations_skipped", (double)t->skipped_operations);
        cJSON_AddNumberToObject(s, "errors", (double)t->errors);
        cJSON_AddNumberToObject(s, "warnings", (double)t->warnings);
        cJSON_AddNumberToObject(s, "suppressed", (double)t->suppressed);
        if (r->max_warnings >= 0)
            cJSON_AddNumberToObject(s, "max_warnings", (double)r->max_warnings);
        else
            cJSON_AddNullToObject(s, "max_warnings");
        if (r->timing)
            cJSON_AddNumberToObject(s, "elapsed_ms",
                                    (double)(long long)(r->elapsed_ms * 1000) / 1000);
        else
            cJSON_AddNullToObject(s, "elapsed_ms");
        cJSON_AddItemToObject(s, "policies", policies_json(r->policies));
        cJSON *notes = cJSON_AddArrayToObject(s, "notes");
        for (size_t i = 0; notes && i < r->note_count; i++)
            cJSON_AddItemToArray(notes, cJSON_CreateString(r->notes[i]));
    }
    fputs(r->items ? "\n  ],\n  \"summary\": " : "],\n  \"summary\": ", r->out);
    int rc = s ? cli_print_json_at(r->out, s, 1) : -1;
    fputs("\n}\n", r->out);
    cJSON_Delete(s);
    return rc;
}

/* ---- GitHub workflow commands ---- */

/* Escapes as GitHub's toolkit does: % CR LF in messages, and also : and , in
 * property values; U+FFFD for a byte that is not UTF-8 and for another
 * control character (an ESC from a file's text would reach the CI log as a
 * terminal's escape sequence), as the junit report does. */
static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        const char *esc = NULL;
        size_t n = (unsigned char)*s >= 0x80 ? cli_utf8_char(s) : 1;
        if (n > 1) {
            fwrite(s, 1, n, out);
            s += n - 1;
            continue;
        }
        if (n == 0 ||
            (*s != '\r' && *s != '\n' && *s != '\t' && ((unsigned char)*s < 0x20 || *s == 0x7f)))
            esc = CLI_REPLACEMENT_CHAR;
        else if (*s == '%')
            esc = "%25";
        else if (*s == '\r')
            esc = "%0D";
        else if (*s == '\n')
            esc = "%0A";
        else if (*s == ':' && property)
            esc = "%3A";
        else if (*s == ',' && property)
            esc = "%2C";
        if (esc)
            fputs(esc, out);
        else
            fputc(*s, out);
    }
}

static void github_finding(FILE *out, const lint_report *r, const lint_file *f,
                           const sg_lint_finding *d)
{
    (void)r;
    fprintf(out, "::%s file=", cli_severity_name(d->severity));
    gh_escape(out, f->path, true);
    if (d->line > 0)
        fprintf(out, ",line=%ld,col=%ld", d->line, d->column);
    fputs(",title=", out);
    gh_escape(out, d->rule, true);
    fputs("::", out);
    gh_escape(out, d->message, false);
    fputc('\n', out);
}

static int github_end(lint_report *r)
{
    for (size_t i = 0; i < r->note_count; i++) {
        fputs("::notice title=sqlguard::", r->out);
        gh_escape(r->out, r->notes[i], false);
        fputc('\n', r->out);
    }
    return 0;
}

/* ---- the report, by format ---- */

int lint_report_begin(lint_report *r)
{
    memset(&r->totals, 0, sizeof r->totals);
    r->items = 0;
    switch (r->format) {
    case LINT_FORMAT_JSON:
        return json_begin(r);
    case LINT_FORMAT_SARIF:
        return lint_sarif_begin(r);
    case LINT_FORMAT_GITLAB:
        return lint_gitlab_begin(r);
    case LINT_FORMAT_JUNIT:
        return lint_junit_begin(r);
    case LINT_FORMAT_TEXT:
    case LINT_FORMAT_GITHUB:
        break;
    }
    return 0;
}

int lint_report_file(lint_report *r, const lint_file *f)
{
    count_file(&r->totals, f);
    if (f->ignored)
        return 0;
    r->policies->items[f->policy].files++;
    switch (r->format) {
    case LINT_FORMAT_TEXT:
        text_findings(r->out, r, f);
        return 0;
    case LINT_FORMAT_GITHUB:
        each_shown(r->out, r, f, github_finding);
        return 0;
    case LINT_FORMAT_JSON:
        return json_file(r, f);
    case LINT_FORMAT_SARIF:
        return lint_sarif_file(r, f);
    case LINT_FORMAT_GITLAB:
        return lint_gitlab_file(r, f);
    case LINT_FORMAT_JUNIT:
        return lint_junit_file(r, f);
    }
    return -1;
}

int lint_report_end(lint_report *r)
{
    int rc = -1;
    switch (r->format) {
    case LINT_FORMAT_TEXT:
        rc = text_end(r);
        break;
    case LINT_FORMAT_GITHUB:
        rc = github_end(r);
        break;
    case LINT_FORMAT_JSON:
        rc = json_end(r);
        break;
    case LINT_FORMAT_SARIF:
        rc = lint_sarif_end(r);
        break;
    case LINT_FORMAT_GITLAB:
        rc = lint_gitlab_end(r);
        break;
    case LINT_FORMAT_JUNIT:
        rc = lint_junit_end(r);
        break;
    }
    return rc == 0 && !ferror(r->out) ? 0 : -1;
}
