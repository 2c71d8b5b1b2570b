/*
 * report.c - what `sqlguard lint` prints: text for people, JSON for
 * programs, GitHub workflow commands for annotations in pull requests (SARIF
 * is in sarif.c). Files come in path order and findings in line order, so
 * the report is the same however many workers produced it.
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonprint.h"
#include "print.h"
#include "report.h"

void lint_totals_count(const lint_file *files, size_t count, lint_totals *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < count; i++) {
        const lint_file *f = &files[i];
        if (f->ignored) {
            t->skipped_files++;
            continue;
        }
        t->files++;
        t->statements += sg_lint_result_statement_count(f->result);
        t->operations += lint_file_checked(f);
        t->skipped_operations += lint_file_skipped(f);
        for (size_t k = 0; k < lint_file_finding_count(f); k++) {
            const sg_lint_finding *d = lint_file_finding(f, k);
            if (d->suppressed)
                t->suppressed++;
            else if (d->severity == SG_SEVERITY_ERROR)
                t->errors++;
            else
                t->warnings++;
        }
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

/* Calls `show` for every finding that is not suppressed, in report order. */
static void each_shown(FILE *out, const lint_report *r, const lint_file *files, size_t count,
                       void (*show)(FILE *out, const lint_report *r, const lint_file *f,
                                    const sg_lint_finding *d))
{
    for (size_t i = 0; i < count; i++) {
        const lint_file *f = &files[i];
        for (size_t k = 0; k < lint_file_finding_count(f); k++) {
            const sg_lint_finding *d = lint_file_finding(f, k);
            if (!d->suppressed)
                show(out, r, f, d);
        }
    }
}

static void text_finding(FILE *out, const lint_report *r, const lint_file *f,
                         const sg_lint_finding *d)
{
    cli_print_finding(out, f->path, d->line, d->column, d->severity, d->rule, d->message, r->color);
    size_t n;
    const char *line = d->line > 0 ? lint_file_line(f, d->line, &n) : NULL;
    if (line)
        cli_print_caret(out, line, n, d->column, r->color);
}

void lint_write_text(FILE *out, const lint_report *r, const lint_file *files, size_t count,
                     const lint_totals *t)
{
    each_shown(out, r, files, count, text_finding);
    summary_line(out, r, t);
}

/* ---- JSON ---- */

static cJSON *finding_json(const sg_lint_finding *d)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "rule", d->rule);
    cJSON_AddStringToObject(o, "severity", cli_severity_name(d->severity));
    cJSON_AddStringToObject(o, "message", d->message);
    if (d->line > 0) {
        cJSON_AddNumberToObject(o, "line", (double)d->line);
        cJSON_AddNumberToObject(o, "column", (double)d->column);
        cJSON_AddNumberToObject(o, "offset", (double)d->offset);
    } else {
        cJSON_AddNullToObject(o, "line");
        cJSON_AddNullToObject(o, "column");
        cJSON_AddNullToObject(o, "offset");
    }
    if (d->suppressed) {
        if (d->reason)
            cJSON_AddStringToObject(o, "reason", d->reason);
        else
            cJSON_AddNullToObject(o, "reason");
    }
    return o;
}

int lint_write_json(FILE *out, const lint_report *r, const lint_file *files, size_t count,
                    const lint_totals *t)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(root, "files");
    for (size_t i = 0; arr && i < count; i++) {
        const lint_file *f = &files[i];
        if (f->ignored)
            continue;
        cJSON *fo = cJSON_CreateObject();
        if (!fo || !cJSON_AddItemToArray(arr, fo))
            break;
        cJSON_AddStringToObject(fo, "path", f->path);
        cJSON_AddStringToObject(fo, "kind", lint_file_kind(f));
        cJSON_AddNumberToObject(fo, "statements",
                                (double)sg_lint_result_statement_count(f->result));
        if (lint_file_checked(f) || lint_file_skipped(f))
            cJSON_AddBoolToObject(fo, "checked", lint_file_checked(f));
        cJSON *ds = cJSON_AddArrayToObject(fo, "diagnostics");
        cJSON *ss = cJSON_AddArrayToObject(fo, "suppressed");
        for (size_t k = 0; ds && ss && k < lint_file_finding_count(f); k++) {
            const sg_lint_finding *d = lint_file_finding(f, k);
            cJSON_AddItemToArray(d->suppressed ? ss : ds, finding_json(d));
        }
    }
    cJSON *s = cJSON_AddObjectToObject(root, "summary");
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
        cJSON *notes = cJSON_AddArrayToObject(s, "notes");
        for (size_t i = 0; notes && i < r->note_count; i++)
            cJSON_AddItemToArray(notes, cJSON_CreateString(r->notes[i]));
    }
    int rc = root ? cli_print_json(out, root) : -1;
    cJSON_Delete(root);
    return rc;
}

/* ---- GitHub workflow commands ---- */

/* Escapes as GitHub's toolkit does: % CR LF in messages, and also : and , in
 * property values. */
static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        const char *esc = NULL;
        if (*s == '%')
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

void lint_write_github(FILE *out, const lint_report *r, const lint_file *files, size_t count)
{
    for (size_t i = 0; i < r->note_count; i++) {
        fputs("::notice title=sqlguard::", out);
        gh_escape(out, r->notes[i], false);
        fputc('\n', out);
    }
    each_shown(out, r, files, count, github_finding);
}
