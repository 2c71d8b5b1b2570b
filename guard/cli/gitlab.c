/*
 * gitlab.c - `sqlguard lint --format gitlab`: GitLab's Code Quality report,
 * a JSON array of issues that a merge request shows beside the diff.
 *
 * Each finding that is not suppressed is one issue: its message as the
 * description, the rule as check_name, a fingerprint that survives lines
 * moving (the hash SARIF's partialFingerprints use, with its occurrence), a
 * severity on GitLab's scale (an error is major, a warning minor) and its
 * place: the path as shown and the line (1 for a finding about the whole
 * file). Issues are written as files are done.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "jsonprint.h"
#include "report.h"

int lint_gitlab_begin(lint_report *r)
{
    fputc('[', r->out);
    return 0;
}

static cJSON *issue_json(const lint_file *f, const sg_lint_finding *d, uint64_t hash,
                         unsigned occurrence)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    char fp[40];
    snprintf(fp, sizeof fp, "%016" PRIx64 "-%u", hash, occurrence);
    cJSON_AddStringToObject(o, "description", d->message);
    cJSON_AddStringToObject(o, "check_name", d->rule);
    cJSON_AddStringToObject(o, "fingerprint", fp);
    cJSON_AddStringToObject(o, "severity", d->severity == SG_SEVERITY_ERROR ? "major" : "minor");
    cJSON *loc = cJSON_AddObjectToObject(o, "location");
    cJSON *lines = loc ? cJSON_AddObjectToObject(loc, "lines") : NULL;
    if (!lines) {
        cJSON_Delete(o);
        return NULL;
    }
    cJSON_AddStringToObject(loc, "path", f->path);
    cJSON_AddNumberToObject(lines, "begin", (double)(d->line > 0 ? d->line : 1));
    return o;
}

int lint_gitlab_file(lint_report *r, const lint_file *f)
{
    uint64_t *hashes;
    unsigned *occurrences;
    if (!lint_finding_fingerprints(f, f->path, &hashes, &occurrences))
        return -1;
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < lint_file_finding_count(f); k++) {
        sg_lint_finding found;
        const sg_lint_finding *d = lint_file_finding(f, k, &found);
        if (d->suppressed)
            continue;
        cJSON *o = issue_json(f, d, hashes[k], occurrences[k]);
        if (!o) {
            rc = -1;
            break;
        }
        fputs(r->items++ ? ",\n  " : "\n  ", r->out);
        rc = cli_print_json_at(r->out, o, 1) < 0 ? -1 : 0;
        cJSON_Delete(o);
    }
    free(hashes);
    free(occurrences);
    return rc;
}

int lint_gitlab_end(lint_report *r)
{
    fputs(r->items ? "\n]\n" : "]\n", r->out);
    return 0;
}
