/*
 * junit.c - `sqlguard lint --format junit`: JUnit XML, which most CI
 * systems show as a test report.
 *
 * One testsuite for the run, one testcase per linted file (named by its
 * path), one failure element when the file has errors (JUnit's schema, and
 * the CI systems that read it, take one per testcase: the first error's rule
 * as its type, its message, with how many more there are, as its message,
 * and every error with its place as its text) and the warnings as the
 * testcase's system-out. Every attribute and text is XML-escaped, and
 * characters XML 1.0 cannot hold, and bytes that are not UTF-8 (a file name
 * need not be), become U+FFFD. The suite's counts head the document, so
 * the test cases wait in a temporary file until the last file is done.
 */
#include <stdio.h>
#include <string.h>

#include "print.h"
#include "report.h"

/* Writes `s` escaped for XML text and attribute values (U+FFFD for a byte
 * that is not UTF-8, as for a character XML 1.0 cannot hold). */
static void xml_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80) {
            size_t n = cli_utf8_char((const char *)p);
            fwrite(n ? (const char *)p : CLI_REPLACEMENT_CHAR, 1, n ? n : 3, out);
            p += n ? n - 1 : 0;
            continue;
        }
        switch (*p) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&apos;", out);
            break;
        default:
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                fputs(CLI_REPLACEMENT_CHAR, out); /* not a character XML 1.0 allows */
            else
                fputc(*p, out);
        }
    }
}

static void place(FILE *out, const lint_file *f, const sg_lint_finding *d)
{
    xml_escape(out, f->path);
    if (d->line > 0)
        fprintf(out, ":%ld:%ld", d->line, d->column);
    fputs(": ", out);
}

int lint_junit_begin(lint_report *r)
{
    r->body = tmpfile();
    return r->body ? 0 : -1;
}

int lint_junit_file(lint_report *r, const lint_file *f)
{
    FILE *b = r->body;
    size_t warnings = 0;
    r->items++;
    fputs("    <testcase classname=\"sqlguard.lint\" name=\"", b);
    xml_escape(b, f->path);
    fputs("\" file=\"", b);
    xml_escape(b, f->path);
    fputs("\">\n", b);
    size_t errors = 0;
    const sg_lint_finding *first = NULL;
    sg_lint_finding first_found;
    for (size_t k = 0; k < lint_file_finding_count(f); k++) {
        sg_lint_finding found;
        const sg_lint_finding *d = lint_file_finding(f, k, &found);
        if (d->suppressed)
            continue;
        if (d->severity != SG_SEVERITY_ERROR) {
            warnings++;
            continue;
        }
        if (errors++ == 0)
            first = lint_file_finding(f, k, &first_found);
    }
    if (errors) {
        fputs("      <failure type=\"", b);
        xml_escape(b, first->rule);
        fputs("\" message=\"", b);
        xml_escape(b, first->message);
        if (errors > 1)
            fprintf(b, " (and %zu more error%s)", errors - 1, cli_plural(errors - 1));
        fputs("\">", b);
        size_t written = 0;
        for (size_t k = 0; k < lint_file_finding_count(f); k++) {
            sg_lint_finding found;
            const sg_lint_finding *d = lint_file_finding(f, k, &found);
            if (d->suppressed || d->severity != SG_SEVERITY_ERROR)
                continue;
            if (written++)
                fputc('\n', b);
            place(b, f, d);
            fputs("error [", b);
            xml_escape(b, d->rule);
            fputs("] ", b);
            xml_escape(b, d->message);
        }
        fputs("</failure>\n", b);
    }
    r->failed_files += errors > 0;
    if (warnings) {
        fputs("      <system-out>", b);
        for (size_t k = 0; k < lint_file_finding_count(f); k++) {
            sg_lint_finding found;
            const sg_lint_finding *d = lint_file_finding(f, k, &found);
            if (d->suppressed || d->severity == SG_SEVERITY_ERROR)
                continue;
            place(b, f, d);
            fputs("warning [", b);
            xml_escape(b, d->rule);
            fputs("] ", b);
            xml_escape(b, d->message);
            fputc('\n', b);
        }
        fputs("</system-out>\n", b);
    }
    fputs("    </testcase>\n", b);
    return ferror(b) ? -1 : 0;
}

int lint_junit_end(lint_report *r)
{
    FILE *b = r->body;
    r->body = NULL;
    if (!b)
        return -1;
    rewind(b);
    FILE *out = r->out;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out,
            "<testsuites name=\"sqlguard lint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
            r->items, r->failed_files);
    fprintf(out,
            "  <testsuite name=\"sqlguard lint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
            "skipped=\"0\"",
            r->items, r->failed_files);
    if (r->timing)
        fprintf(out, " time=\"%.3f\"", r->elapsed_ms / 1000);
    fputs(">\n", out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, b)) > 0)
        fwrite(buf, 1, n, out);
    bool failed = ferror(b) != 0;
    fclose(b);
    fputs("  </testsuite>\n</testsuites>\n", out);
    return failed ? -1 : 0;
}
