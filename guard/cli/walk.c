/*
 * walk.c - which files `sqlguard lint` reads.
 *
 * Paths named on the command line are taken as they are (a file of any name
 * is linted, a directory is walked). A walk takes `.sql` and `.json` files,
 * skips hidden entries (names starting with a dot: .git, .venv, ...), and
 * follows no symbolic link out of the tree it walks; a link it does not
 * follow is reported, so that no SQL file is ever left out silently. Paths
 * the user excluded (--exclude, the .sqlguardignore files of the walked
 * directory, of the directories below it, and of those above it up to the
 * repository's root) are
 * left out, directories without being read. The result is sorted by path,
 * so the report does not depend on the order the file system lists entries
 * in.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ignore.h"
#include "lint_files.h"

enum { MAX_DEPTH = 128 };

typedef struct file_list {
    lint_file *items;
    size_t count, cap;
} file_list;

/* The .sqlguardignore of a directory below the walked one, while its
 * entries are walked: its patterns match paths below it. */
typedef struct nested_ignore {
    const struct nested_ignore *parent; /* the nearest one above, or NULL */
    size_t dir_len;                     /* length of its directory's path */
    lint_patterns patterns;
} nested_ignore;

/* The .sqlguardignore of a directory above the walked one, up to the
 * repository's root: its patterns match paths below it, so the walked
 * directory's path below it (`prefix`, with a trailing '/') comes first. */
typedef struct ancestor_ignore {
    char *prefix;
    lint_patterns patterns;
} ancestor_ignore;

/* One directory named on the command line, being walked. */
typedef struct walk {
    file_list *l;
    const lint_walk_opts *opts;
    const char *root;       /* canonical, for links */
    size_t shown_len;       /* length of the directory as shown ("" for ".") */
    ancestor_ignore *above; /* those of the directories above it, the outermost first */
    size_t above_count;
    lint_patterns ignore;        /* its .sqlguardignore */
    const nested_ignore *nested; /* those of the directories being walked below it */
} walk;

/* Whether `name` ends in `suffix` (lower case), in any case: A.SQL and
 * b.Sql are SQL files too. */
static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n > s && strcasecmp(name + n - s, suffix) == 0;
}

/* The input a walk takes a file as by its name, or -1 for files it leaves alone. */
static int kind_of(const char *name)
{
    if (has_suffix(name, ".sql"))
        return SG_LINT_INPUT_SQL;
    if (has_suffix(name, ".json"))
        return SG_LINT_INPUT_JSON;
    return -1;
}

/* Appends a file to be read; returns it, or NULL when memory ran out. */
static lint_file *push(file_list *l, const char *path, sg_lint_input input)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        lint_file *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return NULL;
        l->items = items;
        l->cap = cap;
    }
    lint_file *f = &l->items[l->count];
    if (!lint_file_init(f, path, input)) {
        lint_file_release(f);
        return NULL;
    }
    l->count++;
    return f;
}

/* Appends a file that is reported rather than read, with the reason why. */
static int push_problem(file_list *l, const char *path, sg_lint_input input, sg_severity severity,
                        const char *problem)
{
    lint_file *f = push(l, path, input);
    return f && lint_file_report(f, SG_LINT_RULE_FILE, severity, problem) ? 0 : -1;
}

/* "dir/name", or "name" inside the current directory (dir ""). */
static char *join(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    char *p = malloc(d + n + 2);
    if (!p)
        return NULL;
    if (d) {
        memcpy(p, dir, d);
        p[d++] = '/';
    }
    memcpy(p + d, name, n + 1);
    return p;
}

/* Whether `real` is `root` or lies below it (both canonical). */
static bool inside(const char *root, const char *real)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return true;
    return strncmp(root, real, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(walk *w, const char *dir, int depth);

/* The path below the walked directory. */
static const char *relative(const walk *w, const char *path)
{
    return w->shown_len ? path + w->shown_len + 1 : path;
}

/* The state of `path` after the ignore files of the directories below the
 * root that hold it, the nearest last (as git reads nested .gitignore
 * files: a deeper one wins). */
static int nested_state(const nested_ignore *n, const char *path, bool is_dir, int state)
{
    if (!n || state < 0)
        return state;
    state = nested_state(n->parent, path, is_dir, state);
    return state < 0 ? -1 : lint_patterns_match(&n->patterns, path + n->dir_len + 1, is_dir, state);
}

/* LINT_EXCLUDED when an ignore file (the root's, then those of the
 * directories below it that hold the entry) or an --exclude pattern (against
 * the path below the root, or as shown) leaves the entry out; -1 without
 * memory. */
static int is_excluded(const walk *w, const char *path, bool is_dir)
{
    const char *rel = relative(w, path);
    int state = LINT_INCLUDED;
    for (size_t i = 0; i < w->above_count && state >= 0; i++) {
        const ancestor_ignore *a = &w->above[i];
        size_t n = strlen(a->prefix), r = strlen(rel);
        char *below = malloc(n + r + 1);
        if (!below)
            return -1;
        memcpy(below, a->prefix, n);
        memcpy(below + n, rel, r + 1);
        state = lint_patterns_match(&a->patterns, below, is_dir, state);
        free(below);
    }
    state = state < 0 ? -1 : lint_patterns_match(&w->ignore, rel, is_dir, state);
    state = nested_state(w->nested, path, is_dir, state);
    state = state < 0 ? -1 : lint_patterns_match(w->opts->excludes, rel, is_dir, state);
    if (state == LINT_INCLUDED && rel != path)
        state = lint_patterns_match(w->opts->excludes, path, is_dir, state);
    return state;
}

/* Appends a file the walk found, noting whether --operations names it. */
static int push_walked(walk *w, const char *path, sg_lint_input input)
{
    lint_file *f = push(w->l, path, input);
    if (!f)
        return -1;
    if (input == SG_LINT_INPUT_JSON) {
        int op = lint_patterns_match(w->opts->operations, relative(w, path), false, 0);
        if (op == 0 && relative(w, path) != path)
            op = lint_patterns_match(w->opts->operations, path, false, 0);
        if (op < 0)
            return -1;
        f->as_operation = op == LINT_EXCLUDED;
    }
    return 0;
}

/* A symbolic link met during a walk: followed only to a file inside the tree. */
static int walk_link(walk *w, const char *path, const char *name)
{
    file_list *l = w->l;
    const char *root = w->root;
    int kind = kind_of(name);
    char *real = realpath(path, NULL);
    struct stat st;
    if (!real || stat(real, &st) != 0) {
        free(real);
        if (kind < 0)
            return 0;
        char msg[300];
        snprintf(msg, sizeof msg, "is a symbolic link whose target cannot be read: %s",
                 strerror(errno));
        return push_problem(l, path, (sg_lint_input)kind, SG_SEVERITY_ERROR, msg);
    }
    bool in_tree = inside(root, real);
    free(real);
    if (S_ISDIR(st.st_mode)) {
        /* A directory inside the tree is walked under its own name; following
         * links to directories could also loop. */
        if (in_tree)
            return 0;
        return push_problem(l, path, SG_LINT_INPUT_SQL, SG_SEVERITY_WARNING,
                            "is a symbolic link to a directory outside the linted tree; not "
                            "followed (name the directory to lint it)");
    }
    if (kind < 0)
        return 0;
    if (!in_tree)
        return push_problem(l, path, (sg_lint_input)kind, SG_SEVERITY_WARNING,
                            "is a symbolic link to a file outside the linted tree; not followed "
                            "(name the file to lint it)");
    if (!S_ISREG(st.st_mode))
        return push_problem(l, path, (sg_lint_input)kind, SG_SEVERITY_ERROR,
                            "is not a regular file");
    return push_walked(w, path, (sg_lint_input)kind);
}

static int walk_entry(walk *w, const char *path, const char *name, int depth)
{
    file_list *l = w->l;
    struct stat st;
    int kind = kind_of(name);
    if (lstat(path, &st) != 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot be read: %s", strerror(errno));
        return push_problem(l, path, kind < 0 ? SG_LINT_INPUT_SQL : (sg_lint_input)kind,
                            SG_SEVERITY_ERROR, msg);
    }
    int excluded = is_excluded(w, path, S_ISDIR(st.st_mode));
    if (excluded != LINT_INCLUDED)
        return excluded < 0 ? -1 : 0;
    if (S_ISDIR(st.st_mode))
        return walk_dir(w, path, depth + 1);
    if (S_ISLNK(st.st_mode))
        return walk_link(w, path, name);
    if (kind < 0)
        return 0;
    if (!S_ISREG(st.st_mode))
        return push_problem(l, path, (sg_lint_input)kind, SG_SEVERITY_ERROR,
                            "is not a regular file");
    return push_walked(w, path, (sg_lint_input)kind);
}

static int walk_dir(walk *w, const char *dir, int depth)
{
    file_list *l = w->l;
    if (depth > MAX_DEPTH)
        return push_problem(l, dir, SG_LINT_INPUT_SQL, SG_SEVERITY_ERROR,
                            "is nested deeper than 128 directories; not walked");
    DIR *d = opendir(*dir ? dir : ".");
    if (!d) {
        char msg[300];
        snprintf(msg, sizeof msg, "is a directory that cannot be read: %s", strerror(errno));
        return push_problem(l, *dir ? dir : ".", SG_LINT_INPUT_SQL, SG_SEVERITY_ERROR, msg);
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    for (;;) {
        errno = 0; /* readdir() tells its end from an error only through errno */
        if ((e = readdir(d)) == NULL)
            break;
        if (e->d_name[0] == '.') /* ".", "..", and hidden entries */
            continue;
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **bigger = realloc(names, ncap * sizeof *names);
            if (!bigger) {
                rc = -1;
                break;
            }
            names = bigger;
            cap = ncap;
        }
        if (!(names[count] = join("", e->d_name))) {
            rc = -1;
            break;
        }
        count++;
    }
    if (rc == 0 && errno != 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "is a directory that cannot be read to the end: %s",
                 strerror(errno));
        rc = push_problem(l, *dir ? dir : ".", SG_LINT_INPUT_SQL, SG_SEVERITY_ERROR, msg);
    }
    closedir(d);
    if (names)
        qsort(names, count, sizeof *names, by_name);
    /* below the root, the directory's own .sqlguardignore applies to what
     * it holds (the root's is read once, by walk_root) */
    nested_ignore here = {w->nested, strlen(dir), {0}};
    bool nested = depth > 0;
    if (rc == 0 && nested) {
        char *ignore = join(dir, LINT_IGNORE_FILE);
        rc = ignore ? lint_patterns_load(&here.patterns, ignore) : -1;
        free(ignore);
        if (here.patterns.count)
            w->nested = &here;
    }
    for (size_t i = 0; rc == 0 && i < count; i++) {
        char *path = join(dir, names[i]);
        rc = path ? walk_entry(w, path, names[i], depth) : -1;
        free(path);
    }
    w->nested = here.parent;
    lint_patterns_free(&here.patterns);
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* The path as the user wrote it, without "." segments, doubled or trailing
 * slashes: "./queries//a.sql" is "queries/a.sql", "." is "". */
static char *normalize(const char *arg)
{
    size_t n = strlen(arg);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    const char *p = arg;
    if (*p == '/')
        out[o++] = '/';
    while (*p) {
        while (*p == '/')
            p++;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        if (len == 0 || (len == 1 && seg[0] == '.'))
            continue;
        if (o > 0 && out[o - 1] != '/')
            out[o++] = '/';
        memcpy(out + o, seg, len);
        o += len;
    }
    out[o] = '\0';
    return out;
}

/* The .sqlguardignore files above the canonical directory `root`, up to the
 * repository's root (the directory holding .git, itself read) or the file
 * system's, as the policy files are found: w->above, the outermost first.
 * Returns 0, -1 without memory, -2 after telling the user a file cannot be
 * read. */
static int load_above(walk *w, const char *root)
{
    int at_root = strcmp(root, "/") == 0 ? 1 : lint_repository_root(root);
    if (at_root != 0)
        return at_root < 0 ? -1 : 0;
    size_t len = strlen(root);
    for (size_t end = len; end > 0;) {
        while (end > 0 && root[end - 1] != '/')
            end--;
        if (end == 0)
            break;
        /* the directory root[0, end - 1) ("/" for the file system's root) */
        size_t dir_len = end > 1 ? end - 1 : 1;
        char *dir = strndup(root, dir_len), *file = dir ? join(dir, LINT_IGNORE_FILE) : NULL;
        if (!file) {
            free(dir);
            return -1;
        }
        lint_patterns patterns = {0};
        int rc = lint_patterns_load(&patterns, file);
        int top = dir_len == 1 ? 1 : lint_repository_root(dir);
        free(file);
        free(dir);
        if (rc < 0 || top < 0) {
            lint_patterns_free(&patterns);
            return rc < 0 ? rc : -1;
        }
        if (patterns.count) {
            ancestor_ignore *grown = realloc(w->above, (w->above_count + 1) * sizeof *grown);
            char *prefix = malloc(len - end + 2);
            if (!grown || !prefix) {
                if (grown)
                    w->above = grown;
                free(prefix);
                lint_patterns_free(&patterns);
                return -1;
            }
            w->above = grown;
            memcpy(prefix, root + end, len - end);
            prefix[len - end] = '/';
            prefix[len - end + 1] = '\0';
            /* found innermost first; kept outermost first */
            memmove(w->above + 1, w->above, w->above_count * sizeof *w->above);
            w->above[0] = (ancestor_ignore){prefix, patterns};
            w->above_count++;
        }
        if (top)
            break;
        end--; /* the '/' before this directory's name */
    }
    return 0;
}

/* Walks a directory named on the command line, with its .sqlguardignore and
 * those above it in the repository. Returns 0, -1 without memory, -2 after
 * telling the user what failed. */
static int walk_root(file_list *l, const lint_walk_opts *opts, const char *path, const char *shown)
{
    walk w = {l, opts, NULL, strlen(path), NULL, 0, {0}, NULL};
    char *root = realpath(shown, NULL);
    if (!root) {
        fprintf(stderr, "sqlguard lint: %s: a directory that cannot be resolved: %s\n", shown,
                strerror(errno));
        return -2;
    }
    w.root = root;
    char *ignore = join(path, LINT_IGNORE_FILE);
    int rc = ignore ? load_above(&w, root) : -1;
    if (rc == 0)
        rc = lint_patterns_load(&w.ignore, ignore);
    if (rc == 0)
        rc = walk_dir(&w, path, 0);
    free(ignore);
    free(root);
    lint_patterns_free(&w.ignore);
    for (size_t i = 0; i < w.above_count; i++) {
        free(w.above[i].prefix);
        lint_patterns_free(&w.above[i].patterns);
    }
    free(w.above);
    return rc;
}

/* Standard input, linted as the file --stdin-filename names (SQL when
 * none is named). */
static int add_stdin(file_list *l, const lint_walk_opts *opts)
{
    const char *name = opts->stdin_name ? opts->stdin_name : "<stdin>";
    lint_file *f =
        push(l, name, has_suffix(name, ".json") ? SG_LINT_INPUT_JSON : SG_LINT_INPUT_SQL);
    if (!f)
        return -1;
    f->named = true;
    f->from_stdin = true;
    return 0;
}

static int add_argument(file_list *l, const lint_walk_opts *opts, const char *arg)
{
    if (strcmp(arg, "-") == 0)
        return add_stdin(l, opts);
    char *path = normalize(arg);
    if (!path)
        return -1;
    const char *shown = *path ? path : ".";
    sg_lint_input kind = has_suffix(path, ".json") ? SG_LINT_INPUT_JSON : SG_LINT_INPUT_SQL;
    struct stat st;
    int rc;
    if (stat(shown, &st) != 0) {
        /* a path that is not there is a mistake in the command, not a finding */
        fprintf(stderr, "sqlguard lint: %s: %s\n", arg,
                errno == ENOENT ? "no such file or directory" : strerror(errno));
        rc = -2;
    } else if (S_ISDIR(st.st_mode)) {
        rc = walk_root(l, opts, path, shown);
    } else if (!S_ISREG(st.st_mode)) {
        rc = push_problem(l, shown, kind, SG_SEVERITY_ERROR, "is not a regular file");
    } else {
        /* Named on purpose: linted whatever its name (JSON by .json, else SQL). */
        lint_file *f = push(l, shown, kind);
        if (f) {
            f->named = true;
            int op = lint_patterns_match(opts->operations, shown, false, 0);
            f->as_operation = op == LINT_EXCLUDED;
            if (op < 0)
                f = NULL;
        }
        rc = f ? 0 : -1;
    }
    free(path);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const lint_file *)a)->path, ((const lint_file *)b)->path);
}

int lint_collect(char *const *paths, size_t count, const lint_walk_opts *opts, lint_file **files,
                 size_t *nfiles)
{
    file_list l = {NULL, 0, 0};
    for (size_t i = 0; i < count; i++) {
        int rc = add_argument(&l, opts, paths[i]);
        if (rc < 0) {
            lint_files_free(l.items, l.count);
            return rc;
        }
    }
    if (l.count)
        qsort(l.items, l.count, sizeof *l.items, by_path);
    /* The same file named twice (or named and walked) is linted once. */
    size_t kept = 0;
    for (size_t i = 0; i < l.count; i++) {
        if (kept > 0 && strcmp(l.items[kept - 1].path, l.items[i].path) == 0) {
            l.items[kept - 1].named |= l.items[i].named;
            lint_file_release(&l.items[i]);
            continue;
        }
        l.items[kept++] = l.items[i];
    }
    *files = l.items;
    *nfiles = kept;
    return 0;
}
