/*
 * lint_report.c - what `sqlguard lint` prints: text for people, JSON for
 * programs, GitHub workflow commands for annotations in pull requests (SARIF
 * is in lint_sarif.c). Files come in path order and findings in line order,
 * so the report is the same however many workers produced it.
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "lint.h"

const sg__lint_rule sg__lint_rules[] = {
    {SG_LINT_FILE, SG_SEVERITY_ERROR, "a file lint was asked to read could not be linted",
     "The file could not be read, is larger than 1 MiB, is not UTF-8 text (or holds a NUL byte), "
     "is a .json file that is not valid JSON, or is a symbolic link out of the linted tree "
     "(a warning). lint never skips a .sql or .json file silently; fix the file or leave it out "
     "of the paths given."},
    {SG_LINT_UNUSED, SG_SEVERITY_WARNING, "a suppression comment that suppresses nothing",
     "A sqlguard-disable-next-line or sqlguard-disable comment names a rule that has no finding "
     "where the comment reaches (or a sqlguard-enable closes no sqlguard-disable). Remove the "
     "comment: a stale suppression would hide the next real finding."},
    {SG_LINT_UNKNOWN_RULE, SG_SEVERITY_ERROR,
     "a suppression comment names a rule that does not exist",
     "The rule id in a sqlguard-disable comment is not in the rule table, so the comment "
     "suppresses nothing. `sqlguard rules` lists the ids."},
    {SG_LINT_BAD_SUPPRESSION, SG_SEVERITY_ERROR,
     "a comment starting with sqlguard- that is not a valid suppression",
     "The directives are sqlguard-disable-next-line, sqlguard-disable and sqlguard-enable, "
     "followed by rule ids separated by commas and an optional reason after \" -- \". lint.* "
     "findings cannot be suppressed."},
};
const size_t sg__lint_rule_count = sizeof sg__lint_rules / sizeof sg__lint_rules[0];

void sg__lint_totals_count(const sg__lint_file *files, size_t count, sg__lint_totals *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < count; i++) {
        const sg__lint_file *f = &files[i];
        if (f->ignored)
            continue;
        t->files++;
        t->statements += f->statements;
        t->operations += f->checked;
        t->skipped_operations += f->skipped;
        for (size_t k = 0; k < f->diags.count; k++) {
            const sg__lint_diag *d = &((const sg__lint_diag *)f->diags.items)[k];
            if (d->suppressed)
                t->suppressed++;
            else if (d->severity == SG_SEVERITY_ERROR)
                t->errors++;
            else
                t->warnings++;
        }
    }
}

static const char *severity_name(sg_severity s)
{
    return s == SG_SEVERITY_ERROR ? "error" : "warning";
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* ---- text ---- */

#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define YELLOW "\033[1;33m"
#define GREEN "\033[32m"
#define RESET "\033[0m"

static void print_caret(FILE *out, const sg__lint_file *f, const sg__lint_diag *d, bool color)
{
    size_t n;
    const char *p = sg__lint_line_text(f, d->line, &n);
    if (!p)
        return;
    fprintf(out, "    %.*s\n    %s", (int)n, p, color ? GREEN : "");
    /* One space per character before the spot; tabs stay tabs so that the
     * caret lines up in a terminal. */
    long col = 1;
    for (size_t i = 0; i < n && col < d->column; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c & 0xC0) == 0x80)
            continue;
        fputc(c == '\t' ? '\t' : ' ', out);
        col++;
    }
    fprintf(out, "^%s\n", color ? RESET : "");
}

static void summary_line(FILE *out, const sg__lint_report *r, const sg__lint_totals *t)
{
    fprintf(out, "%zu file%s, %zu statement%s", t->files, plural(t->files), t->statements,
            plural(t->statements));
    if (t->operations)
        fprintf(out, ", %zu operation%s", t->operations, plural(t->operations));
    fprintf(out, ": %zu error%s, %zu warning%s", t->errors, plural(t->errors), t->warnings,
            plural(t->warnings));
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

static void write_text(FILE *out, const sg__lint_report *r, const sg__lint_file *files,
                       size_t count, const sg__lint_totals *t)
{
    bool c = r->color;
    for (size_t i = 0; i < count; i++) {
        const sg__lint_file *f = &files[i];
        for (size_t k = 0; k < f->diags.count; k++) {
            const sg__lint_diag *d = &((const sg__lint_diag *)f->diags.items)[k];
            if (d->suppressed)
                continue;
            const char *sev_color = d->severity == SG_SEVERITY_ERROR ? RED : YELLOW;
            if (d->line > 0)
                fprintf(out, "%s%s:%ld:%ld:%s ", c ? BOLD : "", f->path, d->line, d->column,
                        c ? RESET : "");
            else
                fprintf(out, "%s%s:%s ", c ? BOLD : "", f->path, c ? RESET : "");
            fprintf(out, "%s%s%s [%s] %s\n", c ? sev_color : "", severity_name(d->severity),
                    c ? RESET : "", d->rule, d->message);
            if (d->line > 0)
                print_caret(out, f, d, c);
        }
    }
    summary_line(out, r, t);
}

/* ---- JSON ---- */

static void indent(FILE *out, int depth)
{
    fputc('\n', out);
    for (int i = 0; i < depth; i++)
        fputs("  ", out);
}

int sg__lint_print_json(FILE *out, const cJSON *root)
{
    /* cJSON's own formatting indents with tabs and puts a tab after every
     * colon; reports read better (and diff better) with two spaces. */
    char *text = cJSON_PrintUnformatted(root);
    if (!text)
        return -1;
    int depth = 0;
    bool in_string = false;
    for (const char *p = text; *p; p++) {
        char c = *p;
        if (in_string) {
            fputc(c, out);
            if (c == '\\' && p[1])
                fputc(*++p, out);
            else if (c == '"')
                in_string = false;
            continue;
        }
        switch (c) {
        case '"':
            in_string = true;
            fputc(c, out);
            break;
        case '{':
        case '[':
            fputc(c, out);
            if (p[1] == '}' || p[1] == ']') {
                fputc(*++p, out);
                break;
            }
            indent(out, ++depth);
            break;
        case '}':
        case ']':
            indent(out, --depth);
            fputc(c, out);
            break;
        case ',':
            fputc(c, out);
            indent(out, depth);
            break;
        case ':':
            fputs(": ", out);
            break;
        default:
            fputc(c, out);
        }
    }
    fputc('\n', out);
    cJSON_free(text);
    return 0;
}

static cJSON *diag_json(const sg__lint_diag *d)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "rule", d->rule);
    cJSON_AddStringToObject(o, "severity", severity_name(d->severity));
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

static const char *kind_name(const sg__lint_file *f)
{
    return f->kind == SG_LINT_KIND_SQL         ? "sql"
           : f->kind == SG_LINT_KIND_OPERATION ? "operation"
                                               : "json";
}

static int write_json(FILE *out, const sg__lint_report *r, const sg__lint_file *files, size_t count,
                      const sg__lint_totals *t)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(root, "files");
    for (size_t i = 0; arr && i < count; i++) {
        const sg__lint_file *f = &files[i];
        if (f->ignored)
            continue;
        cJSON *fo = cJSON_CreateObject();
        if (!fo || !cJSON_AddItemToArray(arr, fo))
            break;
        cJSON_AddStringToObject(fo, "path", f->path);
        cJSON_AddStringToObject(fo, "kind", kind_name(f));
        cJSON_AddNumberToObject(fo, "statements", (double)f->statements);
        if (f->kind == SG_LINT_KIND_OPERATION)
            cJSON_AddBoolToObject(fo, "checked", f->checked);
        cJSON *ds = cJSON_AddArrayToObject(fo, "diagnostics");
        cJSON *ss = cJSON_AddArrayToObject(fo, "suppressed");
        for (size_t k = 0; ds && ss && k < f->diags.count; k++) {
            const sg__lint_diag *d = &((const sg__lint_diag *)f->diags.items)[k];
            cJSON_AddItemToArray(d->suppressed ? ss : ds, diag_json(d));
        }
    }
    cJSON *s = cJSON_AddObjectToObject(root, "summary");
    if (s) {
        cJSON_AddNumberToObject(s, "files", (double)t->files);
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
    int rc = root ? sg__lint_print_json(out, root) : -1;
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

static void write_github(FILE *out, const sg__lint_report *r, const sg__lint_file *files,
                         size_t count)
{
    for (size_t i = 0; i < r->note_count; i++) {
        fputs("::notice title=sqlguard::", out);
        gh_escape(out, r->notes[i], false);
        fputc('\n', out);
    }
    for (size_t i = 0; i < count; i++) {
        const sg__lint_file *f = &files[i];
        for (size_t k = 0; k < f->diags.count; k++) {
            const sg__lint_diag *d = &((const sg__lint_diag *)f->diags.items)[k];
            if (d->suppressed)
                continue;
            fprintf(out, "::%s file=", severity_name(d->severity));
            gh_escape(out, f->path, true);
            if (d->line > 0)
                fprintf(out, ",line=%ld,col=%ld", d->line, d->column);
            fputs(",title=", out);
            gh_escape(out, d->rule, true);
            fputs("::", out);
            gh_escape(out, d->message, false);
            fputc('\n', out);
        }
    }
}

int sg__lint_write(FILE *out, const sg__lint_report *r, const sg__lint_file *files, size_t count,
                   const sg__lint_totals *t)
{
    switch (r->format) {
    case SG_LINT_TEXT:
        write_text(out, r, files, count, t);
        return 0;
    case SG_LINT_JSON:
        return write_json(out, r, files, count, t);
    case SG_LINT_GITHUB:
        write_github(out, r, files, count);
        return 0;
    case SG_LINT_SARIF:
        return sg__lint_write_sarif(out, r, files, count);
    }
    return -1;
}
