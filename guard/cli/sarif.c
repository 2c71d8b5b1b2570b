/*
 * sarif.c - `sqlguard lint --format sarif`: SARIF 2.1.0 as GitHub code
 * scanning takes it.
 *
 * The driver lists the whole rule catalogue (the library's rule table, then
 * lint's own rules, both read through the public API) with help text, so
 * that an alert can be understood without the tool at hand. Each result
 * carries its rule, level, message, place (artifact URI relative to the
 * working directory, 1-based line and column counted in Unicode code points,
 * as run.columnKind says) and a partialFingerprints entry that survives lines
 * moving: a hash of the rule, the file and the trimmed text of the line,
 * numbered when it repeats. Suppressed findings are results with an inSource
 * suppression carrying the comment's reason.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonprint.h"
#include "print.h"
#include "sarif.h"

#define SARIF_SCHEMA                                                                               \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* Text written with stdio into a heap buffer. */
typedef struct membuf {
    FILE *f;
    char *data;
    size_t len;
} membuf;

static FILE *mb_open(membuf *m)
{
    m->data = NULL;
    m->len = 0;
    return m->f = open_memstream(&m->data, &m->len);
}

/* Closes the stream: the text, which the caller frees, or NULL when writing
 * it failed. */
static char *mb_done(membuf *m)
{
    if (!m->f)
        return NULL;
    bool failed = ferror(m->f) != 0;
    if (fclose(m->f) != 0 || failed) {
        free(m->data);
        return NULL;
    }
    return m->data;
}

static char *text_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *text_printf(const char *fmt, ...)
{
    membuf m;
    if (mb_open(&m)) {
        va_list ap;
        va_start(ap, fmt);
        vfprintf(m.f, fmt, ap);
        va_end(ap);
    }
    return mb_done(&m);
}

static void add_text(cJSON *o, const char *key, const char *text)
{
    cJSON *m = cJSON_AddObjectToObject(o, key);
    if (m)
        cJSON_AddStringToObject(m, "text", text);
}

/* The description (or, with `hint`, the help) of library rule i, built from
 * the rule table; NULL without memory. */
static char *library_help(size_t i, bool hint)
{
    membuf m;
    if (!mb_open(&m))
        return NULL;
    fprintf(m.f, "%s.\n\nDefault severity: %s%s", sg_rule_summary(i),
            cli_severity_name(sg_rule_default_severity(i)),
            sg_rule_locked(i) ? " (locked: the rule guards the proof itself, so a policy cannot "
                                "turn it off or make it a warning)."
                              : " (a policy may change it or turn it off).");
    for (size_t k = 0; k < sg_rule_option_count(i); k++)
        fprintf(m.f, "%s\n- %s: %s", k == 0 ? "\n\nPolicy options:" : "", sg_rule_option_name(i, k),
                sg_rule_option_help(i, k));
    if (hint)
        fprintf(m.f,
                "\n\nTo accept one finding in a .sql file, put on the line before it: "
                "-- sqlguard-disable-next-line %s -- why this is fine here",
                sg_rule_id(i));
    return mb_done(&m);
}

/* Adds a rule to the driver's list; takes `full` and `help` (and frees them). */
static bool add_rule(cJSON *rules, const char *id, const char *summary, char *full, char *help,
                     sg_severity severity)
{
    cJSON *r = full && help ? cJSON_CreateObject() : NULL;
    if (r && cJSON_AddItemToArray(rules, r)) {
        cJSON_AddStringToObject(r, "id", id);
        add_text(r, "shortDescription", summary);
        add_text(r, "fullDescription", full);
        add_text(r, "help", help);
        cJSON *cfg = cJSON_AddObjectToObject(r, "defaultConfiguration");
        if (cfg)
            cJSON_AddStringToObject(cfg, "level", cli_severity_name(severity));
    }
    free(full);
    free(help);
    return r != NULL;
}

static cJSON *driver_rules(void)
{
    cJSON *rules = cJSON_CreateArray();
    for (size_t i = 0; rules && i < sg_rule_count(); i++)
        if (!add_rule(rules, sg_rule_id(i), sg_rule_summary(i), library_help(i, false),
                      library_help(i, true), sg_rule_default_severity(i)))
            goto fail;
    for (size_t i = 0; rules && i < sg_lint_rule_count(); i++) {
        const char *summary = sg_lint_rule_summary(i), *help = sg_lint_rule_help(i);
        if (!add_rule(rules, sg_lint_rule_id(i), summary, text_printf("%s. %s", summary, help),
                      text_printf("%s.\n\n%s\n\nThis finding is about the lint run itself: it is "
                                  "not in the policy's rule table and no comment suppresses it.",
                                  summary, help),
                      sg_lint_rule_default_severity(i)))
            goto fail;
    }
    return rules;
fail:
    cJSON_Delete(rules);
    return NULL;
}

static long rule_index(const char *id)
{
    for (size_t i = 0; i < sg_rule_count(); i++)
        if (strcmp(sg_rule_id(i), id) == 0)
            return (long)i;
    for (size_t i = 0; i < sg_lint_rule_count(); i++)
        if (strcmp(sg_lint_rule_id(i), id) == 0)
            return (long)(sg_rule_count() + i);
    return -1;
}

/* A relative URI reference for a path: bytes outside RFC 3986's unreserved
 * set (and '/') are percent-encoded; an absolute path becomes a file: URI.
 * The caller frees it; NULL without memory. */
static char *path_uri(const char *path)
{
    membuf m;
    if (!mb_open(&m))
        return NULL;
    if (path[0] == '/')
        fputs("file://", m.f);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            fputc(*p, m.f);
        else
            fprintf(m.f, "%%%02X", *p);
    }
    return mb_done(&m);
}

/* FNV-1a, 64 bits: stable across platforms and runs. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t line_hash(const lint_file *f, const sg_lint_finding *d, const char *uri)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, d->rule, strlen(d->rule) + 1);
    h = fnv1a(h, uri, strlen(uri) + 1);
    size_t n = 0;
    const char *p = d->line > 0 ? lint_file_line(f, d->line, &n) : NULL;
    while (n > 0 && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    return p ? fnv1a(h, p, n) : h;
}

/* The physical location of a finding; false without memory. */
static bool add_location(cJSON *result, const sg_lint_finding *d, const char *uri)
{
    cJSON *locs = cJSON_AddArrayToObject(result, "locations");
    cJSON *loc = cJSON_CreateObject();
    if (!locs || !loc || !cJSON_AddItemToArray(locs, loc)) {
        cJSON_Delete(loc);
        return false;
    }
    cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
    cJSON *art = phys ? cJSON_AddObjectToObject(phys, "artifactLocation") : NULL;
    cJSON *region = phys ? cJSON_AddObjectToObject(phys, "region") : NULL;
    if (!art || !region)
        return false;
    cJSON_AddStringToObject(art, "uri", uri);
    /* A finding about the whole file is placed at its start: code scanning
     * wants a line for every result. */
    cJSON_AddNumberToObject(region, "startLine", (double)(d->line > 0 ? d->line : 1));
    cJSON_AddNumberToObject(region, "startColumn", (double)(d->line > 0 ? d->column : 1));
    return true;
}

/* The result object of one finding; `occurrence` numbers its line hash. */
static bool add_result(cJSON *results, const sg_lint_finding *d, const char *uri, uint64_t hash,
                       unsigned occurrence)
{
    cJSON *r = cJSON_CreateObject();
    if (!r || !cJSON_AddItemToArray(results, r)) {
        cJSON_Delete(r);
        return false;
    }
    cJSON_AddStringToObject(r, "ruleId", d->rule);
    long index = rule_index(d->rule);
    if (index >= 0)
        cJSON_AddNumberToObject(r, "ruleIndex", (double)index);
    cJSON_AddStringToObject(r, "level", cli_severity_name(d->severity));
    add_text(r, "message", d->message);
    if (!add_location(r, d, uri))
        return false;
    char fp[40];
    snprintf(fp, sizeof fp, "%016llx:%u", (unsigned long long)hash, occurrence);
    cJSON *fps = cJSON_AddObjectToObject(r, "partialFingerprints");
    if (!fps)
        return false;
    cJSON_AddStringToObject(fps, "primaryLocationLineHash", fp);
    if (d->suppressed) {
        cJSON *sups = cJSON_AddArrayToObject(r, "suppressions");
        cJSON *s = cJSON_CreateObject();
        if (!sups || !s || !cJSON_AddItemToArray(sups, s)) {
            cJSON_Delete(s);
            return false;
        }
        cJSON_AddStringToObject(s, "kind", "inSource");
        if (d->reason)
            cJSON_AddStringToObject(s, "justification", d->reason);
    }
    return true;
}

static int add_results(cJSON *results, const lint_file *f)
{
    size_t count = lint_file_finding_count(f);
    char *uri = path_uri(f->path);
    uint64_t *seen = malloc((count + 1) * sizeof *seen);
    int rc = uri && seen ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < count; k++) {
        const sg_lint_finding *d = lint_file_finding(f, k);
        uint64_t h = line_hash(f, d, uri);
        unsigned occurrence = 1;
        for (size_t j = 0; j < k; j++)
            occurrence += seen[j] == h;
        seen[k] = h;
        if (!add_result(results, d, uri, h, occurrence))
            rc = -1;
    }
    free(uri);
    free(seen);
    return rc;
}

/* The run's tool, with its rules, and its invocation with the notes. */
static bool add_tool(cJSON *run, const lint_report *rep)
{
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON *driver = tool ? cJSON_AddObjectToObject(tool, "driver") : NULL;
    cJSON *rules = driver ? driver_rules() : NULL;
    if (!rules)
        return false;
    cJSON_AddStringToObject(driver, "name", "sqlguard");
    cJSON_AddStringToObject(driver, "version", SG_VERSION_STRING);
    cJSON_AddStringToObject(driver, "semanticVersion", SG_VERSION_STRING);
    cJSON_AddItemToObject(driver, "rules", rules);

    cJSON *invocations = cJSON_AddArrayToObject(run, "invocations");
    cJSON *inv = cJSON_CreateObject();
    if (!invocations || !inv || !cJSON_AddItemToArray(invocations, inv)) {
        cJSON_Delete(inv);
        return false;
    }
    cJSON_AddBoolToObject(inv, "executionSuccessful", true);
    if (!rep->note_count)
        return true;
    cJSON *notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
    for (size_t i = 0; notes && i < rep->note_count; i++) {
        cJSON *n = cJSON_CreateObject();
        if (!n || !cJSON_AddItemToArray(notes, n)) {
            cJSON_Delete(n);
            return false;
        }
        cJSON_AddStringToObject(n, "level", "note");
        add_text(n, "message", rep->notes[i]);
    }
    return notes != NULL;
}

int lint_write_sarif(FILE *out, const lint_report *rep, const lint_file *files, size_t count)
{
    int rc = -1;
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return -1;
    cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA);
    cJSON_AddStringToObject(root, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(root, "runs");
    cJSON *run = cJSON_CreateObject();
    if (!runs || !run || !cJSON_AddItemToArray(runs, run)) {
        cJSON_Delete(run);
        goto done;
    }
    if (!add_tool(run, rep))
        goto done;
    cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
    cJSON *results = cJSON_AddArrayToObject(run, "results");
    if (!results)
        goto done;
    for (size_t i = 0; i < count; i++)
        if (!files[i].ignored && add_results(results, &files[i]) < 0)
            goto done;
    rc = cli_print_json(out, root);
done:
    cJSON_Delete(root);
    return rc;
}
