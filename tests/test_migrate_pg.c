/*
 * test_migrate_pg.c - the table model a migration history builds
 * (guard/pg/migrate.c) against the tables the same history builds on a real
 * PostgreSQL 15: the throw-away cluster of tests/pg/cluster.sh (SG_PG_STATE).
 *
 * Each history gets a fresh database, sg_migrate. After each file, applied
 * to the model and run on the server, the two are written out the same way
 * and must be equal: every table with its columns in order (format_type(),
 * attnotnull, whether it has a default, attidentity, attgenerated), its
 * primary key, unique constraints and unique indexes on columns alone (with
 * names and columns in order), foreign keys (names, columns, referenced
 * table and columns, actions), and the names of its other constraints and
 * indexes. The server's side is read here, with queries of the test's own on
 * pg_attribute, pg_constraint and pg_index.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "pgsupport.h"
#include "support.h"
#include "pg/migrate.h"
#include "schema/schema.h"

#define DB_NAME "sg_migrate"

/* ---- text of tables ------------------------------------------------------------------------- */

/* Lines describing the tables, each "schema.table|kind|..."; compared sorted,
 * where column lines carry their position. */
typedef struct lines {
    char **items;
    size_t count, cap;
} lines;

static void add_line(lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_line(lines *l, const char *fmt, ...)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
        assert_non_null(l->items);
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    l->items[l->count++] = s;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_lines(lines *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    *l = (lines){0};
}

static const char *joined(const sg__sc_names *n, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n->count; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i ? "," : "", n->names[i]);
    }
    return buf;
}

static void model_lines(const sg__schema *s, lines *out)
{
    char cols[1024], refs[1024];
    for (size_t i = 0; i < s->tables.count; i++) {
        const sg__sc_table *t = &SG__VEC_AT(s->tables, sg__sc_table, i);
        for (size_t k = 0; k < t->columns.count; k++) {
            const sg__sc_column *c = &SG__VEC_AT(t->columns, sg__sc_column, k);
            add_line(out, "%s.%s|column %03zu|%s %s%s%s identity=%c generated=%c", t->schema,
                     t->name, k, c->name, c->type ? c->type : "?", c->nullable ? "" : " not null",
                     c->default_expr ? " default" : "", c->identity ? c->identity : '-',
                     c->generated ? c->generated : '-');
        }
        if (t->primary_key.count)
            add_line(out, "%s.%s|primary key|%s (%s)", t->schema, t->name,
                     t->primary_key.name ? t->primary_key.name : "?",
                     joined(&t->primary_key, cols, sizeof cols));
        for (size_t k = 0; k < t->unique.count; k++) {
            const sg__sc_names *u = &SG__VEC_AT(t->unique, sg__sc_names, k);
            add_line(out, "%s.%s|unique%s|%s (%s)", t->schema, t->name,
                     u->index_only ? " index" : "", u->name ? u->name : "?",
                     joined(u, cols, sizeof cols));
        }
        for (size_t k = 0; k < t->fkeys.count; k++) {
            const sg__sc_fkey *f = &SG__VEC_AT(t->fkeys, sg__sc_fkey, k);
            add_line(out, "%s.%s|foreign key|%s (%s) -> %s.%s (%s) delete %s update %s", t->schema,
                     t->name, f->name ? f->name : "?", joined(&f->columns, cols, sizeof cols),
                     f->ref_schema ? f->ref_schema : t->schema, f->ref_table,
                     joined(&f->ref_columns, refs, sizeof refs), f->on_delete, f->on_update);
        }
        for (size_t k = 0; k < t->other_constraints.count; k++)
            add_line(out, "%s.%s|other constraint|%s", t->schema, t->name,
                     SG__VEC_AT(t->other_constraints, sg__sc_names, k).name);
        for (size_t k = 0; k < t->other_indexes.count; k++)
            add_line(out, "%s.%s|other index|%s", t->schema, t->name,
                     SG__VEC_AT(t->other_indexes, sg__sc_names, k).name);
    }
}

static PGresult *query(PGconn *pg, const char *sql)
{
    PGresult *res = PQexec(pg, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s\n-> %s", sql, PQerrorMessage(pg));
    return res;
}

#define USER_TABLES                                                                                \
    "c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "           \
    "AND n.nspname NOT LIKE 'pg\\_toast%' "

/* The column names of attribute numbers `nums` (an int2[] expression) of
 * relation `rel`, in order, joined by commas. */
#define ATTNAMES(nums, rel)                                                                        \
    "(SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM unnest(" nums ") WITH ORDINALITY "     \
    "u(attnum, ord) JOIN pg_attribute a ON a.attrelid = " rel " AND a.attnum = u.attnum)"

static const char *action(const char *code)
{
    switch (code[0]) {
    case 'r':
        return "RESTRICT";
    case 'c':
        return "CASCADE";
    case 'n':
        return "SET NULL";
    case 'd':
        return "SET DEFAULT";
    default:
        return "NO ACTION";
    }
}

static void server_lines(PGconn *pg, lines *out)
{
    PGresult *res = query(
        pg, "SELECT n.nspname, c.relname, a.attnum, a.attname, format_type(a.atttypid, "
            "a.atttypmod), a.attnotnull, a.atthasdef OR a.attidentity <> '', a.attidentity, "
            "a.attgenerated, (SELECT count(*) FROM pg_attribute b WHERE b.attrelid = a.attrelid "
            "AND b.attnum > 0 AND b.attnum < a.attnum AND NOT b.attisdropped) "
            "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE " USER_TABLES "AND a.attnum > 0 AND NOT a.attisdropped");
    for (int r = 0; r < PQntuples(res); r++) {
        const char *identity = PQgetvalue(res, r, 7), *generated = PQgetvalue(res, r, 8);
        add_line(out, "%s.%s|column %03d|%s %s%s%s identity=%c generated=%c", PQgetvalue(res, r, 0),
                 PQgetvalue(res, r, 1), atoi(PQgetvalue(res, r, 9)), PQgetvalue(res, r, 3),
                 PQgetvalue(res, r, 4), PQgetvalue(res, r, 5)[0] == 't' ? " not null" : "",
                 PQgetvalue(res, r, 6)[0] == 't' ? " default" : "", identity[0] ? identity[0] : '-',
                 generated[0] ? generated[0] : '-');
    }
    PQclear(res);

    res = query(
        pg,
        "SELECT n.nspname, c.relname, k.contype, k.conname, " ATTNAMES(
            "k.conkey",
            "k.conrelid") ", rn.nspname, r.relname, " ATTNAMES("k.confkey",
                                                               "k.confrelid") ", "
                                                                              "k.confdeltype, "
                                                                              "k.confupdtype "
                                                                              "FROM pg_constraint "
                                                                              "k JOIN pg_class c "
                                                                              "ON c.oid = "
                                                                              "k.conrelid "
                                                                              "JOIN pg_namespace n "
                                                                              "ON n.oid = "
                                                                              "c.relnamespace "
                                                                              "LEFT JOIN pg_class "
                                                                              "r ON r.oid = "
                                                                              "k.confrelid "
                                                                              "LEFT JOIN "
                                                                              "pg_namespace rn ON "
                                                                              "rn.oid = "
                                                                              "r.relnamespace "
                                                                              "WHERE " USER_TABLES);
    for (int r = 0; r < PQntuples(res); r++) {
        const char *schema = PQgetvalue(res, r, 0), *table = PQgetvalue(res, r, 1),
                   *name = PQgetvalue(res, r, 3), *cols = PQgetvalue(res, r, 4);
        switch (PQgetvalue(res, r, 2)[0]) {
        case 'p':
            add_line(out, "%s.%s|primary key|%s (%s)", schema, table, name, cols);
            break;
        case 'u':
            add_line(out, "%s.%s|unique|%s (%s)", schema, table, name, cols);
            break;
        case 'f':
            add_line(out, "%s.%s|foreign key|%s (%s) -> %s.%s (%s) delete %s update %s", schema,
                     table, name, cols, PQgetvalue(res, r, 5), PQgetvalue(res, r, 6),
                     PQgetvalue(res, r, 7), action(PQgetvalue(res, r, 8)),
                     action(PQgetvalue(res, r, 9)));
            break;
        default:
            add_line(out, "%s.%s|other constraint|%s", schema, table, name);
        }
    }
    PQclear(res);

    /* indexes that belong to no primary key, unique or exclusion constraint */
    res =
        query(pg, "SELECT n.nspname, c.relname, i.relname, x.indisunique AND x.indpred IS NULL AND "
                  "x.indexprs IS NULL, " ATTNAMES(
                      "(x.indkey::int2[])[0:x.indnkeyatts - 1]",
                      "x.indrelid") " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                                    "JOIN pg_class c ON c.oid = x.indrelid "
                                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "WHERE " USER_TABLES
                                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE "
                                    "k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))");
    for (int r = 0; r < PQntuples(res); r++) {
        if (PQgetvalue(res, r, 3)[0] == 't')
            add_line(out, "%s.%s|unique index|%s (%s)", PQgetvalue(res, r, 0),
                     PQgetvalue(res, r, 1), PQgetvalue(res, r, 2), PQgetvalue(res, r, 4));
        else
            add_line(out, "%s.%s|other index|%s", PQgetvalue(res, r, 0), PQgetvalue(res, r, 1),
                     PQgetvalue(res, r, 2));
    }
    PQclear(res);
}

/* ---- the histories ------------------------------------------------------------------------ */

static char *g_base_dsn;

static int setup(void **state)
{
    (void)state;
    g_base_dsn = sg_test_pg_dsn(SG_PG_STATE);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(g_base_dsn);
    return 0;
}

static int count_note(void *ctx, int location, const char *message, bool applied)
{
    (void)applied;
    print_error("note at %d: %s\n", location, message);
    (*(int *)ctx)++;
    return 0;
}

/* Applies the files (paths relative to the source tree) in order to a fresh
 * database and to an empty model; after each, the two must agree. */
static void agree(const char *const *files, size_t count)
{
    PGconn *pg = sg_test_pg_fresh_database(g_base_dsn, DB_NAME);

    sg__schema s;
    sg__schema_init(&s);
    for (size_t f = 0; f < count; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", SG_SOURCE_DIR, files[f]);
        char *sql = sg_test_slurp(path, NULL);
        if (!sql)
            fail_msg("cannot read %s", path);
        int notes = 0;
        assert_int_equal(sg__migrate_apply(&s, sql, "public", count_note, &notes), 0);
        assert_int_equal(notes, 0);
        sg_test_pg_run(pg, sql);
        free(sql);

        lines model = {0}, server = {0};
        model_lines(&s, &model);
        server_lines(pg, &server);
        qsort(model.items, model.count, sizeof *model.items, by_text);
        qsort(server.items, server.count, sizeof *server.items, by_text);
        size_t m = 0, v = 0, differences = 0;
        while (m < model.count || v < server.count) {
            int cmp = m == model.count    ? 1
                      : v == server.count ? -1
                                          : strcmp(model.items[m], server.items[v]);
            if (cmp == 0) {
                m++;
                v++;
                continue;
            }
            differences++;
            if (cmp < 0)
                print_error("%s: model only:  %s\n", files[f], model.items[m++]);
            else
                print_error("%s: server only: %s\n", files[f], server.items[v++]);
        }
        assert_true(server.count > 0);
        free_lines(&model);
        free_lines(&server);
        if (differences)
            fail_msg("%s: %zu difference(s) between the model and the server", files[f],
                     differences);
    }
    sg__schema_release(&s);
    PQfinish(pg);
    PGconn *base = sg_test_pg_connect(g_base_dsn, "");
    sg_test_pg_run(base, "DROP DATABASE " DB_NAME);
    PQfinish(base);
}

static void test_migrate_pg__tutorial(void **state)
{
    (void)state;
    static const char *const files[] = {"corpus/tutorial/migration.sql"};
    agree(files, 1);
}

static void test_migrate_pg__lint_migrations(void **state)
{
    (void)state;
    static const char *const files[] = {"corpus/lint/migrations/001_accounts.sql",
                                        "corpus/lint/migrations/002_counterparties.sql",
                                        "corpus/lint/migrations/003_audit_trail.sql"};
    agree(files, 3);
}

/* Every statement form, names chosen, renames and drops: tests/migrate. */
static void test_migrate_pg__history(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/migrate/01_tables.sql", "tests/migrate/02_alter.sql",
                                        "tests/migrate/03_drop.sql"};
    agree(files, 3);
}

/* SET search_path, RESET and SET ... TO DEFAULT move where tables are created and found;
 * types renamed or moved take their columns with them. */
static void test_migrate_pg__search_path(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/migrate/search_path/01_app.sql",
                                        "tests/migrate/search_path/02_more.sql",
                                        "tests/migrate/search_path/03_types.sql"};
    agree(files, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_pg__tutorial),
        cmocka_unit_test(test_migrate_pg__lint_migrations),
        cmocka_unit_test(test_migrate_pg__history),
        cmocka_unit_test(test_migrate_pg__search_path),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
