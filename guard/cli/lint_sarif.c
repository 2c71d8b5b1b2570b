/*
 * lint_sarif.c - `sqlguard lint --format sarif`: SARIF 2.1.0 as GitHub code
 * scanning takes it.
 *
 * The driver lists the whole rule catalogue (the library's rule table, then
 * the lint.* ids) with help text, so that an alert can be understood without
 * the tool at hand. Each result carries its rule, level, message, place
 * (artifact URI relative to the working directory, 1-based line and column
 * counted in Unicode code points, as run.columnKind says) and a
 * partialFingerprints entry that survives lines moving: a hash of the rule,
 * the file and the trimmed text of the line, numbered when it repeats.
 * Suppressed findings are results with an inSource suppression carrying the
 * comment's reason.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lint.h"

#define SARIF_SCHEMA                                                                               \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *level_name(sg_severity s)
{
    return s == SG_SEVERITY_ERROR ? "error" : "warning";
}

static void add_text(cJSON *o, const char *key, const char *text)
{
    cJSON *m = cJSON_AddObjectToObject(o, key);
    if (m)
        cJSON_AddStringToObject(m, "text", text);
}

/* The description (or, with `hint`, the help) of a library rule, built from
 * the rule table. */
static char *library_help(sg__strbuf *b, size_t i, bool hint)
{
    const char *id = sg_rule_id(i);
    sg__strbuf_puts(b, sg_rule_summary(i));
    sg__strbuf_puts(b, ".\n\nDefault severity: ");
    sg__strbuf_puts(b, level_name(sg_rule_default_severity(i)));
    sg__strbuf_puts(b, sg_rule_locked(i) ? " (locked: the rule guards the proof itself, so a "
                                           "policy cannot turn it off or make it a warning)."
                                         : " (a policy may change it or turn it off).");
    for (size_t k = 0; k < sg_rule_option_count(i); k++) {
        sg__strbuf_puts(b, k == 0 ? "\n\nPolicy options:" : "");
        sg__strbuf_puts(b, "\n- ");
        sg__strbuf_puts(b, sg_rule_option_name(i, k));
        sg__strbuf_puts(b, ": ");
        sg__strbuf_puts(b, sg_rule_option_help(i, k));
    }
    if (!hint)
        return b->failed ? NULL : b->data;
    sg__strbuf_puts(b, "\n\nTo accept one finding in a .sql file, put on the line before it: "
                       "-- sqlguard-disable-next-line ");
    sg__strbuf_puts(b, id);
    sg__strbuf_puts(b, " -- why this is fine here");
    return b->failed ? NULL : b->data;
}

static cJSON *rule_object(const char *id, const char *summary, const char *full, const char *help,
                          sg_severity severity)
{
    cJSON *r = cJSON_CreateObject();
    if (!r)
        return NULL;
    cJSON_AddStringToObject(r, "id", id);
    add_text(r, "shortDescription", summary);
    add_text(r, "fullDescription", full);
    add_text(r, "help", help);
    cJSON *cfg = cJSON_AddObjectToObject(r, "defaultConfiguration");
    if (cfg)
        cJSON_AddStringToObject(cfg, "level", level_name(severity));
    return r;
}

static cJSON *driver_rules(sg__arena *arena)
{
    cJSON *rules = cJSON_CreateArray();
    for (size_t i = 0; rules && i < sg_rule_count(); i++) {
        sg__strbuf b = SG__STRBUF_INIT(arena), c = SG__STRBUF_INIT(arena);
        const char *help = library_help(&b, i, true);
        const char *full = library_help(&c, i, false);
        if (!help || !full)
            goto fail;
        cJSON *r =
            rule_object(sg_rule_id(i), sg_rule_summary(i), full, help, sg_rule_default_severity(i));
        if (!r || !cJSON_AddItemToArray(rules, r))
            goto fail;
    }
    for (size_t i = 0; rules && i < sg__lint_rule_count; i++) {
        const sg__lint_rule *l = &sg__lint_rules[i];
        const char *full = sg__arena_printf(arena, "%s. %s", l->summary, l->help);
        const char *help = sg__arena_printf(
            arena,
            "%s.\n\n%s\n\nThis finding is about the lint run itself: it is not in the "
            "policy's rule table and no comment suppresses it.",
            l->summary, l->help);
        if (!full || !help)
            goto fail;
        cJSON *r = rule_object(l->id, l->summary, full, help, l->severity);
        if (!r || !cJSON_AddItemToArray(rules, r))
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
    for (size_t i = 0; i < sg__lint_rule_count; i++)
        if (strcmp(sg__lint_rules[i].id, id) == 0)
            return (long)(sg_rule_count() + i);
    return -1;
}

/* A relative URI reference for a path: bytes outside RFC 3986's unreserved
 * set (and '/') are percent-encoded; an absolute path becomes a file: URI. */
static char *path_uri(sg__arena *arena, const char *path)
{
    sg__strbuf b = SG__STRBUF_INIT(arena);
    if (path[0] == '/')
        sg__strbuf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            sg__strbuf_put(&b, (const char *)p, 1);
        } else {
            char esc[4];
            snprintf(esc, sizeof esc, "%%%02X", *p);
            sg__strbuf_put(&b, esc, 3);
        }
    }
    if (!b.data)
        sg__strbuf_put(&b, "", 0);
    return b.failed ? NULL : b.data;
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

static uint64_t line_hash(const sg__lint_file *f, const sg__lint_diag *d, const char *uri)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, d->rule, strlen(d->rule) + 1);
    h = fnv1a(h, uri, strlen(uri) + 1);
    size_t n = 0;
    const char *p = d->line > 0 ? sg__lint_line_text(f, d->line, &n) : NULL;
    while (n > 0 && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    return p ? fnv1a(h, p, n) : h;
}

static int add_results(cJSON *results, sg__arena *arena, const sg__lint_file *f)
{
    const char *uri = path_uri(arena, f->path);
    uint64_t *seen = sg__arena_alloc(arena, (f->diags.count + 1) * sizeof *seen);
    if (!uri || !seen)
        return -1;
    for (size_t k = 0; k < f->diags.count; k++) {
        const sg__lint_diag *d = &((const sg__lint_diag *)f->diags.items)[k];
        cJSON *r = cJSON_CreateObject();
        if (!r || !cJSON_AddItemToArray(results, r))
            return -1;
        cJSON_AddStringToObject(r, "ruleId", d->rule);
        long index = rule_index(d->rule);
        if (index >= 0)
            cJSON_AddNumberToObject(r, "ruleIndex", (double)index);
        cJSON_AddStringToObject(r, "level", level_name(d->severity));
        add_text(r, "message", d->message);

        cJSON *locs = cJSON_AddArrayToObject(r, "locations");
        cJSON *loc = cJSON_CreateObject();
        if (!locs || !loc || !cJSON_AddItemToArray(locs, loc))
            return -1;
        cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
        cJSON *art = phys ? cJSON_AddObjectToObject(phys, "artifactLocation") : NULL;
        cJSON *region = phys ? cJSON_AddObjectToObject(phys, "region") : NULL;
        if (!art || !region)
            return -1;
        cJSON_AddStringToObject(art, "uri", uri);
        /* A finding about the whole file is placed at its start: code
         * scanning wants a line for every result. */
        cJSON_AddNumberToObject(region, "startLine", (double)(d->line > 0 ? d->line : 1));
        cJSON_AddNumberToObject(region, "startColumn", (double)(d->line > 0 ? d->column : 1));

        uint64_t h = line_hash(f, d, uri);
        unsigned occurrence = 1;
        for (size_t j = 0; j < k; j++)
            occurrence += seen[j] == h;
        seen[k] = h;
        char fp[40];
        snprintf(fp, sizeof fp, "%016llx:%u", (unsigned long long)h, occurrence);
        cJSON *fps = cJSON_AddObjectToObject(r, "partialFingerprints");
        if (!fps)
            return -1;
        cJSON_AddStringToObject(fps, "primaryLocationLineHash", fp);

        if (d->suppressed) {
            cJSON *sups = cJSON_AddArrayToObject(r, "suppressions");
            cJSON *s = cJSON_CreateObject();
            if (!sups || !s || !cJSON_AddItemToArray(sups, s))
                return -1;
            cJSON_AddStringToObject(s, "kind", "inSource");
            if (d->reason)
                cJSON_AddStringToObject(s, "justification", d->reason);
        }
    }
    return 0;
}

int sg__lint_write_sarif(FILE *out, const sg__lint_report *rep, const sg__lint_file *files,
                         size_t count)
{
    sg__arena arena;
    sg__arena_init(&arena);
    int rc = -1;
    cJSON *root = cJSON_CreateObject();
    if (!root)
        goto done;
    cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA);
    cJSON_AddStringToObject(root, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(root, "runs");
    cJSON *run = cJSON_CreateObject();
    if (!runs || !run || !cJSON_AddItemToArray(runs, run))
        goto done;
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON *driver = tool ? cJSON_AddObjectToObject(tool, "driver") : NULL;
    cJSON *rules = driver_rules(&arena);
    if (!driver || !rules)
        goto done;
    cJSON_AddStringToObject(driver, "name", "sqlguard");
    cJSON_AddStringToObject(driver, "version", SG_VERSION_STRING);
    cJSON_AddStringToObject(driver, "semanticVersion", SG_VERSION_STRING);
    cJSON_AddItemToObject(driver, "rules", rules);

    cJSON *invocations = cJSON_AddArrayToObject(run, "invocations");
    cJSON *inv = cJSON_CreateObject();
    if (!invocations || !inv || !cJSON_AddItemToArray(invocations, inv))
        goto done;
    cJSON_AddBoolToObject(inv, "executionSuccessful", true);
    if (rep->note_count) {
        cJSON *notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
        for (size_t i = 0; notes && i < rep->note_count; i++) {
            cJSON *n = cJSON_CreateObject();
            if (!n || !cJSON_AddItemToArray(notes, n))
                goto done;
            cJSON_AddStringToObject(n, "level", "note");
            add_text(n, "message", rep->notes[i]);
        }
    }
    cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
    cJSON *results = cJSON_AddArrayToObject(run, "results");
    if (!results)
        goto done;
    for (size_t i = 0; i < count; i++)
        if (!files[i].ignored && add_results(results, &arena, &files[i]) < 0)
            goto done;
    rc = sg__lint_print_json(out, root);
done:
    cJSON_Delete(root);
    sg__arena_release(&arena);
    return rc;
}
