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
 * suppression carrying the comment's reason. The log is written as files are
 * done: the driver first, then each file's results, then the invocation
 * with the run's notes.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonprint.h"
#include "print.h"
#include "report.h"

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

int lint_sarif_file(lint_report *rep, const lint_file *f)
{
    char *uri = path_uri(f->path);
    cJSON *results = uri ? cJSON_CreateArray() : NULL;
    uint64_t *hashes = NULL;
    unsigned *occurrences = NULL;
    int rc = results && lint_finding_fingerprints(f, uri, &hashes, &occurrences) ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < lint_file_finding_count(f); k++) {
        sg_lint_finding found;
        const sg_lint_finding *d = lint_file_finding(f, k, &found);
        if (!add_result(results, d, uri, hashes[k], occurrences[k]))
            rc = -1;
    }
    free(hashes);
    free(occurrences);
    const cJSON *item;
    cJSON_ArrayForEach(item, results)
    {
        if (rc < 0)
            break;
        fputs(rep->items++ ? ",\n        " : "\n        ", rep->out);
        rc = cli_print_json_at(rep->out, item, 4);
    }
    cJSON_Delete(results);
    free(uri);
    return rc;
}

/* The run's tool, with its rules. */
static cJSON *tool_json(void)
{
    cJSON *tool = cJSON_CreateObject();
    cJSON *driver = tool ? cJSON_AddObjectToObject(tool, "driver") : NULL;
    cJSON *rules = driver ? driver_rules() : NULL;
    if (!rules) {
        cJSON_Delete(tool);
        return NULL;
    }
    cJSON_AddStringToObject(driver, "name", "sqlguard");
    cJSON_AddStringToObject(driver, "version", SG_VERSION_STRING);
    cJSON_AddStringToObject(driver, "semanticVersion", SG_VERSION_STRING);
    cJSON_AddItemToObject(driver, "rules", rules);
    return tool;
}

/* The run's invocation with the notes, the policies used among them. */
static cJSON *invocations_json(const lint_report *rep)
{
    cJSON *invocations = cJSON_CreateArray();
    cJSON *inv = cJSON_CreateObject();
    if (!invocations || !inv || !cJSON_AddItemToArray(invocations, inv)) {
        cJSON_Delete(inv);
        cJSON_Delete(invocations);
        return NULL;
    }
    cJSON_AddBoolToObject(inv, "executionSuccessful", true);
    cJSON *notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
    char *policies = lint_policy_line(rep->policies);
    for (size_t i = 0; notes && policies && i <= rep->note_count; i++) {
        cJSON *n = cJSON_CreateObject();
        if (!n || !cJSON_AddItemToArray(notes, n)) {
            cJSON_Delete(n);
            break;
        }
        cJSON_AddStringToObject(n, "level", "note");
        add_text(n, "message", i < rep->note_count ? rep->notes[i] : policies);
    }
    free(policies);
    return invocations;
}

int lint_sarif_begin(lint_report *rep)
{
    cJSON *tool = tool_json();
    if (!tool)
        return -1;
    fprintf(rep->out,
            "{\n  \"$schema\": \"%s\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
            "      \"tool\": ",
            SARIF_SCHEMA);
    int rc = cli_print_json_at(rep->out, tool, 3);
    fputs(",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [", rep->out);
    cJSON_Delete(tool);
    return rc;
}

int lint_sarif_end(lint_report *rep)
{
    cJSON *invocations = invocations_json(rep);
    if (!invocations)
        return -1;
    fputs(rep->items ? "\n      ],\n      \"invocations\": " : "],\n      \"invocations\": ",
          rep->out);
    int rc = cli_print_json_at(rep->out, invocations, 3);
    fputs("\n    }\n  ]\n}\n", rep->out);
    cJSON_Delete(invocations);
    return rc;
}
