/*
 * fromsql.c - a set of tables built from migration files without a
 * database, as sqlc builds its schema: each file's DDL applied in order
 * (guard/pg/migrate.c), every statement that could not be applied kept as a
 * note with its file, line and column, never dropped silently.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "pg/migrate.h"
#include "schema/tools.h"
#include "util/error.h"
#include "util/text.h"

enum { MAX_MIGRATION_BYTES = 64 << 20 };

/* What a note of one file needs to be placed. */
typedef struct file_ctx {
    sg_schema *s;
    const char *file; /* in the model's arena */
    const char *text;
    size_t len;
    /* the place of the last note, from which the next is counted when it
     * comes later in the text (notes mostly do: counting each from the start
     * made many notes quadratic) */
    size_t at;
    long line, column;
} file_ctx;

static int note(void *ctx, int location, const char *message, bool applied)
{
    file_ctx *f = ctx;
    sg_schema_note *n = sg__vec_push(&f->s->model.arena, &f->s->notes, sizeof *n);
    if (!n || !(n->message = sg__arena_strdup(&f->s->model.arena, message)))
        return -1;
    n->applied = applied;
    size_t at = location < 0 ? 0 : (size_t)location > f->len ? f->len : (size_t)location;
    n->file = f->file;
    if (at < f->at) {
        f->at = 0;
        f->line = f->column = 1;
    }
    sg__line_col_advance(f->text, f->at, at, &f->line, &f->column);
    f->at = at;
    n->line = f->line;
    n->column = f->column;
    return 0;
}

static int apply_file(sg_schema *s, const char *path, const char *schema, sg_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = sg_read_file(path, MAX_MIGRATION_BYTES, SG_READ_REGULAR, &text, &len, err);
    if (rc != SG_OK)
        return rc;
    file_ctx f = {s, sg__arena_strdup(&s->model.arena, path), text, len, 0, 1, 1};
    if (!f.file || sg__migrate_apply(&s->model, text, schema, note, &f) < 0)
        rc = sg__set_error(err, SG_ENOMEM, "%s: out of memory while applying it", path);
    sg__free(text);
    return rc;
}

/* The version a migration's name starts with, as its tool reads it:
 * Flyway's `V1_2__x.sql` (1.2; parts split by `.` or `_`), a number
 * (`20230101120000_x.sql`, `001_x.up.sql`, `10_x.sql`); NULL for none. */
static const char *version_of(const char *name)
{
    /* Flyway's versioned and baseline migrations */
    if ((name[0] == 'V' || name[0] == 'B') && name[1] >= '0' && name[1] <= '9')
        return name + 1;
    return name[0] >= '0' && name[0] <= '9' ? name : NULL;
}

/* Compares two versions part by part, each part as a number of any length
 * (1 < 1.1 < 1.2 < 2 < 10). */
static int by_version(const char *a, const char *b)
{
    for (;;) {
        while (*a == '0' && a[1] >= '0' && a[1] <= '9')
            a++;
        while (*b == '0' && b[1] >= '0' && b[1] <= '9')
            b++;
        size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
        if (na != nb)
            return na < nb ? -1 : 1;
        int c = strncmp(a, b, na);
        if (c != 0)
            return c;
        a += na;
        b += nb;
        bool more_a = (*a == '.' || *a == '_') && a[1] >= '0' && a[1] <= '9';
        bool more_b = (*b == '.' || *b == '_') && b[1] >= '0' && b[1] <= '9';
        if (!more_a || !more_b)
            return more_a - more_b;
        a++;
        b++;
    }
}

/* Migrations in the order their tools apply them: by the version their
 * names start with (numerically), then names without one in byte order,
 * Flyway's repeatable migrations last; equal versions in byte order. */
/* The name a migration is ordered by: the file's, or for Prisma's
 * `<version>_<name>/migration.sql` (Hasura's and Diesel's `.../up.sql`) its
 * directory's. */
static const char *sort_name(const char *path, char *buf, size_t size)
{
    const char *base = strrchr(path, '/');
    if (!base || (strcmp(base + 1, "migration.sql") != 0 && strcmp(base + 1, "up.sql") != 0))
        return base ? base + 1 : path;
    const char *dir = base;
    while (dir > path && dir[-1] != '/')
        dir--;
    size_t n = (size_t)(base - dir) < size - 1 ? (size_t)(base - dir) : size - 1;
    memcpy(buf, dir, n);
    buf[n] = '\0';
    return buf;
}

/* Versioned migrations first, then names without a version, Flyway's
 * repeatable ones last. */
static int rank(const char *name, const char *version)
{
    if (sg_migration_name_of(name) == SG_MIGRATION_NAME_REPEATABLE)
        return 2;
    return version ? 0 : 1;
}

static int by_name(const void *pa, const void *pb)
{
    const char *x = *(const char *const *)pa, *y = *(const char *const *)pb;
    char xbuf[256], ybuf[256];
    const char *xb = sort_name(x, xbuf, sizeof xbuf), *yb = sort_name(y, ybuf, sizeof ybuf);
    const char *vx = version_of(xb), *vy = version_of(yb);
    int rank_x = rank(xb, vx), rank_y = rank(yb, vy);
    if (rank_x != rank_y)
        return rank_x < rank_y ? -1 : 1;
    int c = rank_x == 0 ? by_version(vx, vy) : 0;
    return c != 0 ? c : strcmp(x, y);
}

static bool is_sql(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 && strcasecmp(name + n - 4, ".sql") == 0;
}

/* Whether `path` is a regular file. */
static bool regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether a Flyway name's version, from `name[1]`, runs up to its "__":
 * digits, with `.` or a single `_` between parts. */
static bool flyway_version(const char *name)
{
    if (!(name[1] >= '0' && name[1] <= '9'))
        return false;
    size_t i = 1;
    while ((name[i] >= '0' && name[i] <= '9') || name[i] == '.' ||
           (name[i] == '_' && name[i + 1] != '_'))
        i++;
    return name[i] == '_' && name[i + 1] == '_';
}

static bool ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcasecmp(name + n - k, suffix) == 0;
}

/* postgrator's `<version>.do[.<description>].sql` (1) and `.undo` (-1);
 * 0 for any other name. */
static int postgrator(const char *name)
{
    size_t i = strspn(name, "0123456789");
    if (i == 0 || name[i] != '.' || !ends_with(name, ".sql"))
        return 0;
    const char *word = name + i + 1;
    if (strncmp(word, "do.", 3) == 0)
        return 1;
    if (strncmp(word, "undo.", 5) == 0)
        return -1;
    return 0;
}

sg_migration_name sg_migration_name_of(const char *name)
{
    if (!name)
        return SG_MIGRATION_NAME_NONE;
    /* Flyway's names first: `V2__price_mark_down.sql` applies */
    if (name[0] == 'V' && flyway_version(name))
        return SG_MIGRATION_NAME_APPLY;
    if (name[0] == 'U' && flyway_version(name))
        return SG_MIGRATION_NAME_UNDO;
    if (strncmp(name, "R__", 3) == 0)
        return SG_MIGRATION_NAME_REPEATABLE;
    /* golang-migrate's and sqlx's `.down.sql`, postgrator's `.undo.sql`,
     * yoyo's `.rollback.sql`, Hasura's and Diesel's `down.sql` (db-migrate's
     * `-down.sql` only beside its `-up.sql`: sg_schema_from_migrations) */
    if (ends_with(name, ".down.sql") || postgrator(name) < 0 || ends_with(name, ".rollback.sql") ||
        strcasecmp(name, "down.sql") == 0)
        return SG_MIGRATION_NAME_UNDO;
    if (ends_with(name, ".up.sql") || postgrator(name) > 0 || strcasecmp(name, "up.sql") == 0)
        return SG_MIGRATION_NAME_APPLY;
    return SG_MIGRATION_NAME_NONE;
}

/* db-migrate's `<version>-<name>-down.sql` beside its `-up.sql` twin in the
 * directory's listing (`names`, the paths kept so far, and the entries to
 * come: the twin is looked for on disk). */
static bool db_migrate_down(const char *dir, const char *slash, const char *name)
{
    size_t n = strlen(name);
    if (n <= 9 || !ends_with(name, "-down.sql") || !(name[0] >= '0' && name[0] <= '9'))
        return false;
    char twin[4096];
    int k = snprintf(twin, sizeof twin, "%s%s%.*s-up.sql", dir, slash, (int)(n - 9), name);
    return k > 0 && (size_t)k < sizeof twin && regular_file(twin);
}

/* Flyway's baseline migrations (`B5__init.sql`: the schema as of version 5,
 * for a new database): Flyway applies the latest one instead of the
 * versioned migrations up to its version, then those after it. Leaves in
 * `names` (paths) the latest baseline and the versioned migrations after
 * it, without the other baselines and the versioned ones it stands for. */
static void flyway_baseline(sg__vec *names)
{
    char buf[256], other[256];
    const char *latest = NULL;
    for (size_t i = 0; i < names->count; i++) {
        const char *b = sort_name(SG__VEC_AT(*names, const char *, i), buf, sizeof buf);
        if (b[0] == 'B' && flyway_version(b) && (!latest || by_version(b + 1, latest + 1) > 0)) {
            snprintf(other, sizeof other, "%s", b);
            latest = other;
        }
    }
    if (!latest)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < names->count; i++) {
        const char *path = SG__VEC_AT(*names, const char *, i);
        const char *b = sort_name(path, buf, sizeof buf);
        bool baseline = b[0] == 'B' && flyway_version(b);
        bool versioned = b[0] == 'V' && flyway_version(b);
        if ((baseline && strcmp(b, latest) != 0) ||
            (versioned && by_version(b + 1, latest + 1) <= 0))
            continue;
        SG__VEC_AT(*names, const char *, kept++) = path;
    }
    names->count = kept;
}

/* Whether `path` is a directory. */
static bool directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A note of a sqitch plan's line. */
static int plan_note(sg_schema *s, const char *plan, long line, const char *message)
{
    sg_schema_note *n = sg__vec_push(&s->model.arena, &s->notes, sizeof *n);
    if (!n || !(n->file = sg__arena_strdup(&s->model.arena, plan)) ||
        !(n->message = sg__arena_strdup(&s->model.arena, message)))
        return -1;
    n->line = line;
    n->column = 1;
    return 0;
}

/* The end of the word at s[i] (a change or tag name: up to blanks, '[' or a
 * line's end). */
static size_t word_end(const char *s, size_t i, size_t len)
{
    while (i < len && !strchr(" \t\r\n[", s[i]))
        i++;
    return i;
}

/* A line of a sqitch plan that names a change or a tag. */
typedef struct plan_line {
    const char *name; /* the change's or tag's name, in the text */
    size_t len;
    long line; /* 1-based */
    bool tag;
    long next;     /* a change: its next line of the same name (a rework), or -1 */
    long last_tag; /* the last tag line at or before this one, or -1 */
} plan_line;

/* qsort's comparison of plan lines by name, then place. */
static int by_plan_name(const void *pa, const void *pb)
{
    const plan_line *a = *(const plan_line *const *)pa, *b = *(const plan_line *const *)pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->name, b->name, n);
    if (c == 0 && a->len != b->len)
        c = a->len < b->len ? -1 : 1;
    return c != 0 ? c : (a->line < b->line ? -1 : 1);
}

/* The change and tag lines of a plan's `len` bytes of text (`%` pragmas,
 * comments and blank lines name none), each change's next line of the same
 * name found by sorting the names. *count of them; NULL with *count -1 when
 * memory ran out. */
static plan_line *read_plan(sg_schema *s, const char *text, size_t len, long *count)
{
    size_t n = 0, cap = 0;
    plan_line *lines = NULL;
    long line = 0, last_tag = -1;
    *count = -1;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        line++;
        size_t i = at;
        while (i < end && (text[i] == ' ' || text[i] == '\t'))
            i++;
        if (i < end && !strchr("%#\r", text[i])) {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                plan_line *grown = sg__arena_alloc_raw(&s->model.arena, cap * sizeof *grown);
                if (!grown)
                    return NULL;
                if (n)
                    memcpy(grown, lines, n * sizeof *grown);
                lines = grown;
            }
            bool tag = text[i] == '@';
            size_t name = i + tag;
            if (tag)
                last_tag = (long)n;
            lines[n] =
                (plan_line){text + name, word_end(text, name, end) - name, line, tag, -1, last_tag};
            n++;
        }
        at = nl ? end + 1 : len;
    }
    plan_line **order = n ? sg__arena_alloc_raw(&s->model.arena, n * sizeof *order) : NULL;
    if (n && !order)
        return NULL;
    size_t changes = 0;
    for (size_t k = 0; k < n; k++)
        if (!lines[k].tag)
            order[changes++] = &lines[k];
    if (changes > 1)
        qsort(order, changes, sizeof *order, by_plan_name);
    for (size_t k = 0; k + 1 < changes; k++)
        if (order[k]->len == order[k + 1]->len &&
            memcmp(order[k]->name, order[k + 1]->name, order[k]->len) == 0)
            order[k]->next = order[k + 1] - lines;
    *count = (long)n;
    return lines;
}

/*
 * Applies a sqitch project's deploy scripts in the order of its plan, as
 * `sqitch deploy` does: each change line of `plan` (its name first, then
 * dependencies, date, planner and note; `%` pragmas, `@tag` lines, comments
 * and blank lines name no change) applies `deploy/<name>.sql`. A change
 * reworked later in the plan applied, at its earlier place, the script the
 * rework kept as `deploy/<name>@<tag>.sql`, the tag being the last one before
 * the rework (`sqitch rework` names it so). A script the plan names and the
 * directory lacks is noted. Scripts the plan does not name are not deployed
 * by sqitch, and not applied.
 */
static int apply_sqitch(sg_schema *s, const char *plan, const char *deploy, const char *schema,
                        sg_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = sg_read_file(plan, MAX_MIGRATION_BYTES, SG_READ_REGULAR, &text, &len, err);
    if (rc != SG_OK)
        return rc;
    long count;
    plan_line *lines = read_plan(s, text, len, &count);
    if (count < 0)
        rc = sg__set_error(err, SG_ENOMEM, "%s: out of memory while reading it", plan);
    size_t n = strlen(deploy);
    const char *slash = n > 0 && deploy[n - 1] == '/' ? "" : "/";
    for (long k = 0; rc == SG_OK && k < count; k++) {
        const plan_line *l = &lines[k];
        if (l->tag)
            continue;
        const plan_line *tag =
            l->next >= 0 && lines[l->next].last_tag > k ? &lines[lines[l->next].last_tag] : NULL;
        const char *path =
            tag ? sg__arena_printf(&s->model.arena, "%s%s%.*s@%.*s.sql", deploy, slash, (int)l->len,
                                   l->name, (int)tag->len, tag->name)
                : sg__arena_printf(&s->model.arena, "%s%s%.*s.sql", deploy, slash, (int)l->len,
                                   l->name);
        if (!path) {
            rc = sg__set_error(err, SG_ENOMEM, "%s: out of memory while reading it", plan);
        } else if (regular_file(path)) {
            rc = apply_file(s, path, schema, err);
        } else {
            const char *message = sg__arena_printf(
                &s->model.arena, "the plan's change %.*s has no deploy script %s; not applied",
                (int)l->len, l->name, path);
            if (!message || plan_note(s, plan, l->line, message) < 0)
                rc = sg__set_error(err, SG_ENOMEM, "%s: out of memory while reading it", plan);
        }
    }
    sg__free(text);
    return rc;
}

/* The sqitch plan that orders the scripts of `dir`: `dir/sqitch.plan` when
 * `dir` holds it beside a `deploy` directory (*deploy set to that), or the
 * plan beside `dir` when `dir` is a project's `deploy` directory (*deploy is
 * `dir`); NULL when there is none. */
static const char *sqitch_plan(sg_schema *s, const char *dir, const char **deploy)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    const char *plan = sg__arena_printf(&s->model.arena, "%.*s/sqitch.plan", (int)n, dir);
    const char *sub = sg__arena_printf(&s->model.arena, "%.*s/deploy", (int)n, dir);
    if (plan && sub && regular_file(plan) && directory(sub)) {
        *deploy = sub;
        return plan;
    }
    size_t base = n;
    while (base > 0 && dir[base - 1] != '/')
        base--;
    if (n - base != 6 || strncmp(dir + base, "deploy", 6) != 0)
        return NULL;
    plan = sg__arena_printf(&s->model.arena, "%.*ssqitch.plan", (int)base, dir);
    if (!plan || !regular_file(plan))
        return NULL;
    *deploy = dir;
    return plan;
}

/* The *.sql files of a directory that apply migrations, in the order their
 * tools apply them (by_name), or a sqitch project's in its plan's order. */
static int apply_dir(sg_schema *s, const char *dir, const char *schema, sg_error *err)
{
    const char *deploy = NULL;
    const char *plan = sqitch_plan(s, dir, &deploy);
    if (plan)
        return apply_sqitch(s, plan, deploy, schema, err);
    DIR *d = opendir(dir);
    if (!d)
        return sg__set_error(err, SG_EIO, "%s: cannot read the directory", dir);
    sg__vec names = {0};
    int rc = SG_OK;
    size_t n = strlen(dir);
    const char *slash = n > 0 && dir[n - 1] == '/' ? "" : "/";
    for (struct dirent *e; rc == SG_OK && (e = readdir(d));) {
        const char *path = NULL;
        if (e->d_name[0] == '.') {
            continue;
        } else if (is_sql(e->d_name)) {
            if (sg_migration_name_of(e->d_name) == SG_MIGRATION_NAME_UNDO ||
                db_migrate_down(dir, slash, e->d_name))
                continue;
            path = sg__arena_printf(&s->model.arena, "%s%s%s", dir, slash, e->d_name);
        } else {
            /* Prisma keeps each migration as <version>_<name>/migration.sql,
             * Hasura and Diesel as <version>_<name>/up.sql (and down.sql) */
            path = sg__arena_printf(&s->model.arena, "%s%s%s/migration.sql", dir, slash, e->d_name);
            if (path && !regular_file(path))
                path = sg__arena_printf(&s->model.arena, "%s%s%s/up.sql", dir, slash, e->d_name);
            if (path && !regular_file(path))
                continue;
        }
        const char **slot = path ? sg__vec_push(&s->model.arena, &names, sizeof *slot) : NULL;
        if (!slot)
            rc = sg__set_error(err, SG_ENOMEM, "%s: out of memory while listing it", dir);
        else
            *slot = path;
    }
    closedir(d);
    flyway_baseline(&names);
    if (names.count > 1)
        qsort(names.items, names.count, sizeof(const char *), by_name);
    for (size_t i = 0; rc == SG_OK && i < names.count; i++)
        rc = apply_file(s, SG__VEC_AT(names, const char *, i), schema, err);
    return rc;
}

int sg_schema_from_migrations(const char *const *paths, size_t count,
                              const sg_migration_options *options, sg_schema **out, sg_error *err)
{
    sg_migration_options defaults = SG_MIGRATION_OPTIONS_INIT;
    if (!options)
        options = &defaults;
    if (!out || (count && !paths) || options->version < 1 ||
        options->version > SG_MIGRATION_OPTIONS_VERSION)
        return sg__set_error(err, SG_EINVAL,
                             "sg_schema_from_migrations: paths, out and a known "
                             "options version are required");
    *out = NULL;
    const char *schema = options->default_schema ? options->default_schema : "public";
    sg_schema *s = sg__tools_new();
    if (!s)
        return sg__set_error(err, SG_ENOMEM, "out of memory");
    int rc = SG_OK;
    for (size_t i = 0; rc == SG_OK && i < count; i++) {
        if (directory(paths[i]))
            rc = apply_dir(s, paths[i], schema, err);
        else
            rc = apply_file(s, paths[i], schema, err);
    }
    if (rc == SG_OK) {
        sg__migrate_finish(&s->model);
        rc = sg__tools_finish(s, err);
    }
    if (rc != SG_OK) {
        sg_schema_free(s);
        return rc;
    }
    *out = s;
    return SG_OK;
}
