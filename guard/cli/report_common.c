/*
 * report_common.c - what several report formats of `sqlguard lint` say the
 * same way: the line naming the policies used, and the fingerprint of a
 * finding (SARIF's partialFingerprints, GitLab's fingerprint).
 */
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "report.h"

char *lint_policy_line(const lint_policies *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return NULL;
    fputs("policy:", m);
    size_t shown = 0;
    for (size_t i = 0; i < p->count; i++) {
        const lint_policy *e = &p->items[i];
        if (!e->files)
            continue;
        fprintf(m, "%s %s (%zu file%s%s)", shown++ ? "," : "", e->path ? e->path : "defaults",
                e->files, cli_plural(e->files),
                e->given  ? ", --policy"
                : e->path ? ""
                          : ", no .sqlguard.json");
    }
    if (!shown)
        fputs(" none (no file linted)", m);
    bool failed = ferror(m) != 0;
    if (fclose(m) != 0 || failed) {
        free(text);
        return NULL;
    }
    return text;
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

uint64_t lint_finding_hash(const lint_file *f, const sg_lint_finding *d, const char *path)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, d->rule, strlen(d->rule) + 1);
    h = fnv1a(h, path, strlen(path) + 1);
    size_t n = 0;
    const char *p = d->line > 0 ? lint_file_line(f, d->line, &n) : NULL;
    while (n > 0 && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    return p ? fnv1a(h, p, n) : h;
}

typedef struct hashed {
    uint64_t hash;
    size_t index;
} hashed;

static int by_hash(const void *a, const void *b)
{
    const hashed *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

bool lint_finding_fingerprints(const lint_file *f, const char *path, uint64_t **hashes,
                               unsigned **occurrences)
{
    size_t n = lint_file_finding_count(f);
    hashed *sorted = malloc((n ? n : 1) * sizeof *sorted);
    *hashes = malloc((n ? n : 1) * sizeof **hashes);
    *occurrences = malloc((n ? n : 1) * sizeof **occurrences);
    if (!sorted || !*hashes || !*occurrences) {
        free(sorted);
        free(*hashes);
        free(*occurrences);
        *hashes = NULL;
        *occurrences = NULL;
        return false;
    }
    /* The findings of a line are next to each other, and those of one rule
     * there hash alike: each (line, rule) is hashed once, so that the many
     * findings of one long line cost its length once per rule, not once
     * each (room for every rule there is, and lint's own). */
    enum { SEEN = 64 };
    struct seen_hash {
        const char *rule;
        uint64_t hash;
    } seen[SEEN];
    size_t seen_count = 0;
    long seen_line = -1;
    for (size_t k = 0; k < n; k++) {
        sg_lint_finding found;
        const sg_lint_finding *d = lint_file_finding(f, k, &found);
        if (d->line != seen_line)
            seen_count = 0;
        seen_line = d->line;
        size_t i = 0;
        while (i < seen_count && strcmp(seen[i].rule, d->rule) != 0)
            i++;
        if (i == seen_count) {
            uint64_t h = lint_finding_hash(f, d, path);
            if (seen_count < SEEN && d->line > 0)
                seen[seen_count++] = (struct seen_hash){d->rule, h};
            (*hashes)[k] = h;
        } else {
            (*hashes)[k] = seen[i].hash;
        }
        sorted[k] = (hashed){(*hashes)[k], k};
    }
    /* the n-th finding of a hash, in place order, is its occurrence n */
    qsort(sorted, n, sizeof *sorted, by_hash);
    for (size_t i = 0; i < n; i++)
        (*occurrences)[sorted[i].index] = i > 0 && sorted[i - 1].hash == sorted[i].hash
                                              ? (*occurrences)[sorted[i - 1].index] + 1
                                              : 1;
    free(sorted);
    return true;
}
