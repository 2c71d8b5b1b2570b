/*
 * lint_policy.c - which policy each file of `sqlguard lint` is linted under.
 *
 * `--policy FILE` applies to every file. Without it, each file gets the
 * nearest `.sqlguard.json` found from its own directory upward, stopping at
 * the repository root (the directory that holds `.git`, itself looked at) or
 * the file system's root; a file with none is linted under the defaults. The
 * nearest file wins entirely, nothing is merged between policy files: a
 * policy is a guard's configuration, and a rule's severity or patterns that
 * came half from one file and half from another would be hard to read off
 * any one of them. A policy over the defaults is what every policy file is
 * already (a rule it does not name keeps its default). Each policy file is
 * loaded once, and the run says which one applied to which files.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint_files.h"

#define POLICY_FILE ".sqlguard.json"

/* "dir/name", or "name" for the current directory (dir ""). */
static char *join(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    char *p = malloc(d + n + 2);
    if (!p)
        return NULL;
    if (d) {
        memcpy(p, dir, d);
        if (dir[d - 1] != '/')
            p[d++] = '/';
    }
    memcpy(p + d, name, n + 1);
    return p;
}

static bool exists(const char *path, bool dir)
{
    struct stat st;
    return stat(path, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
}

/* The directory above `dir` as the user would write it ("a/b" -> "a", "a"
 * -> "", "" -> "..", "../x" -> "..", ".." -> "../.."); NULL at the root or
 * without memory (*oom then set). */
static char *parent(const char *dir, bool *oom)
{
    char *real = realpath(*dir ? dir : ".", NULL);
    bool root = real && strcmp(real, "/") == 0;
    free(real);
    if (root)
        return NULL;
    size_t n = strlen(dir);
    const char *slash = strrchr(dir, '/');
    const char *last = slash ? slash + 1 : dir;
    char *up;
    if (n == 0 || strcmp(last, "..") == 0) {
        up = join(dir, "..");
    } else if (!slash) {
        up = strdup("");
    } else {
        size_t keep = slash == dir ? 1 : (size_t)(slash - dir);
        up = strndup(dir, keep);
    }
    *oom = up == NULL;
    return up;
}

int lint_repository_root(const char *dir)
{
    char *git = join(dir, ".git");
    if (!git)
        return -1;
    int root = exists(git, true) || exists(git, false);
    free(git);
    return root;
}

/* The nearest policy file for files in `dir`, in *found (NULL when none).
 * Returns -1 without memory. */
static int discover(const char *dir, char **found)
{
    *found = NULL;
    char *d = strdup(dir);
    while (d) {
        char *candidate = join(d, POLICY_FILE);
        int repo_root = candidate ? lint_repository_root(d) : -1;
        if (repo_root < 0) {
            free(candidate);
            free(d);
            return -1;
        }
        bool hit = exists(candidate, false);
        if (hit) {
            free(d);
            *found = candidate;
            return 0;
        }
        free(candidate);
        bool oom = false;
        char *up = repo_root ? NULL : parent(d, &oom);
        free(d);
        if (oom)
            return -1;
        d = up;
    }
    return 0;
}

/* The index of the policy at `path` (NULL: the defaults) in the table,
 * loading it the first time; -1 without memory, -2 after telling the user
 * that it does not load. Takes `path`. */
static long intern(lint_policies *p, char *path, bool given)
{
    char *real = path ? realpath(path, NULL) : NULL;
    for (size_t i = 0; i < p->count; i++) {
        const lint_policy *e = &p->items[i];
        bool same = path ? e->real && real && strcmp(e->real, real) == 0 : !e->path;
        if (same) {
            free(path);
            free(real);
            return (long)i;
        }
    }
    lint_policy *grown = realloc(p->items, (p->count + 1) * sizeof *grown);
    if (!grown) {
        free(path);
        free(real);
        return -1;
    }
    p->items = grown;
    lint_policy *e = &p->items[p->count];
    *e = (lint_policy){path, real, NULL, given, 0};
    p->count++;
    sg_error err;
    if (path && sg_policy_load_file(path, &e->policy, &err) != SG_OK) {
        /* the message names the file already */
        fprintf(stderr, "sqlguard lint: %s\n", err.message);
        return -2;
    }
    return (long)(p->count - 1);
}

long lint_policy_for(lint_policies *p, const char *given, const char *path)
{
    if (given) {
        char *copy = strdup(given);
        return copy ? intern(p, copy, true) : -1;
    }
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup("");
    if (!dir)
        return -1;
    /* files come sorted by path: most share the directory of the one before */
    if (p->last_dir && strcmp(p->last_dir, dir) == 0) {
        free(dir);
        return p->last_index;
    }
    char *found;
    if (discover(dir, &found) < 0) {
        free(dir);
        return -1;
    }
    long index = intern(p, found, false);
    free(p->last_dir);
    p->last_dir = index >= 0 ? dir : NULL;
    p->last_index = index;
    if (index < 0)
        free(dir);
    return index;
}

int lint_policies_assign(lint_policies *p, const char *given, lint_file *files, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        long index = lint_policy_for(p, given, files[i].path);
        if (index < 0)
            return (int)index;
        files[i].policy = (size_t)index;
    }
    return 0;
}

void lint_policies_free(lint_policies *p)
{
    for (size_t i = 0; i < p->count; i++) {
        free(p->items[i].path);
        free(p->items[i].real);
        sg_policy_free(p->items[i].policy);
    }
    free(p->items);
    free(p->last_dir);
    memset(p, 0, sizeof *p);
}
