/*
 * test_catalog_pg.c - the catalog tools against a real PostgreSQL 15 server.
 *
 * The throw-away cluster of tests/pg/cluster.sh (SG_PG_STATE) gets a database
 * of its own, sg_catalog, built by the migrations corpus/tutorial/migration.sql
 * and corpus/migrations/02_members.sql (composite keys, unique constraints
 * and indexes, indexes that are no keys, composite foreign keys with actions,
 * identity, generated and serial columns, arrays, numeric(p,s),
 * timestamptz). Then: pull writes a catalog that loads and has exactly those
 * columns and keys; the same migrations read by from-sql give the same
 * contract hashes; an ALTER of each kind is exactly what diff reports; pull
 * reads in a read-only transaction; bad DSNs fail without the password.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "pgsupport.h"
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "sqlguard.h"
#include "sqlguard/catalog_tools.h"

#define DB_NAME "sg_catalog"
#define DS_A "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define TUTORIAL SG_SOURCE_DIR "/corpus/tutorial/migration.sql"
#define MEMBERS SG_SOURCE_DIR "/corpus/migrations/02_members.sql"

static char *g_base_dsn, *g_dsn, *g_log;
static PGconn *g_admin;

static void admin(const char *sql)
{
    sg_test_pg_run(g_admin, sql);
}

static void admin_file(const char *path)
{
    char *sql = sg_test_slurp(path, NULL);
    if (!sql)
        fail_msg("cannot read %s", path);
    admin(sql);
    free(sql);
}

/* ---- reading what pull wrote ---- */

/* The catalog pull writes for the public schema, as JSON text (sg_free it). */
static char *pulled_catalog(const sg_pull_options *o)
{
    sg_schema *s = NULL;
    sg_error err;
    if (sg_schema_pull(g_dsn, o, &s, &err) != SG_OK)
        fail_msg("pull: %s", err.message);
    sg_catalog_write_options w = SG_CATALOG_WRITE_OPTIONS_INIT;
    w.data_source_uid = DS_A;
    char *text = NULL;
    assert_int_equal(sg_schema_write_catalog(s, &w, &text, &err), SG_OK);
    sg_schema_free(s);
    return text;
}

static const cJSON *table_named(const cJSON *catalog, const char *name)
{
    const cJSON *t;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(catalog, "meta_tables"))
    {
        if (strcmp(cJSON_GetObjectItemCaseSensitive(t, "physical_table_name")->valuestring, name) ==
            0)
            return t;
    }
    fail_msg("no table %s in the catalog", name);
    return NULL;
}

/* A column as one line: "name type NULL|NOT NULL [default]". */
static char *column_line(const cJSON *c)
{
    const cJSON *def = cJSON_GetObjectItemCaseSensitive(c, "default");
    return sg_test_printf(
        "%s %s %s%s%s", cJSON_GetObjectItemCaseSensitive(c, "name")->valuestring,
        cJSON_GetObjectItemCaseSensitive(c, "type")->valuestring,
        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "nullable")) ? "NULL" : "NOT NULL",
        def ? " = " : "", def ? def->valuestring : "");
}

/* The table's columns are exactly `want` (NULL-terminated), in order. */
static void assert_columns(const cJSON *t, const char *const *want)
{
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(t, "columns");
    size_t n = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cols)
    {
        char *line = column_line(c);
        if (!want[n])
            fail_msg("unexpected column %s", line);
        assert_string_equal(line, want[n]);
        free(line);
        n++;
    }
    if (want[n])
        fail_msg("missing column %s", want[n]);
}

/* Compact JSON of a member, for comparing keys (cJSON_free it). */
static char *compact(const cJSON *t, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(t, key);
    return v ? cJSON_PrintUnformatted(v) : NULL;
}

static void assert_member(const cJSON *t, const char *key, const char *want)
{
    char *got = compact(t, key);
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    cJSON_free(got);
}

/* ---- the tests ---- */

static void test_catalog_pg__pull_columns_and_keys(void **state)
{
    (void)state;
    sg_pull_options o = SG_PULL_OPTIONS_INIT;
    char *text = pulled_catalog(&o);
    sg_catalog *cat = NULL;
    sg_error err;
    if (sg_catalog_load(text, strlen(text), &cat, &err) != SG_OK)
        fail_msg("the pulled catalog does not load: %s", err.message);
    /* every ordinary table of public, in name order */
    assert_int_equal(sg_catalog_table_count(cat), 6);
    static const char *const names[] = {
        "app_grant",   "app_member",           "app_org",
        "other_thing", "sdk_examples_account", "sdk_examples_account_limit"};
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(sg_catalog_table_name(cat, i), names[i]);
    sg_catalog_free(cat);

    cJSON *root = cJSON_Parse(text);
    const cJSON *member = table_named(root, "app_member");
    static const char *const member_cols[] = {
        "org_id bigint NOT NULL",
        "user_no integer NOT NULL",
        "role character varying(32) NOT NULL = 'member'::character varying",
        "email text NULL",
        "tags text[] NOT NULL = '{}'::text[]",
        "balance numeric(18,2) NOT NULL = 0",
        "seq integer NOT NULL = nextval('app_member_seq_seq'::regclass)",
        "joined timestamp with time zone NULL",
        "score double precision NULL",
        NULL};
    assert_columns(member, member_cols);
    assert_member(member, "primary_key", "[\"org_id\",\"user_no\"]");
    /* the unique index on columns is a key; the expression and partial ones are not */
    assert_member(member, "unique", "[[\"org_id\",\"email\"]]");
    assert_member(member, "foreign_keys",
                  "[{\"name\":\"app_member_org_id_fkey\",\"columns\":[\"org_id\"],"
                  "\"references\":\"app_org\",\"referenced_columns\":[\"id\"],"
                  "\"on_delete\":\"CASCADE\",\"on_update\":\"NO ACTION\"}]");

    const cJSON *org = table_named(root, "app_org");
    static const char *const org_cols[] = {
        "id bigint NOT NULL = generated always as identity", "slug text NOT NULL",
        "name character varying(200) NOT NULL",
        "created_at timestamp with time zone NOT NULL = now()", NULL};
    assert_columns(org, org_cols);
    assert_member(org, "primary_key", "[\"id\"]");
    /* the unique index over name with an operator class of its own is no key */
    assert_member(org, "unique", "[[\"slug\"]]");
    assert_member(org, "foreign_keys", NULL);

    const cJSON *grant = table_named(root, "app_grant");
    static const char *const grant_cols[] = {
        "id integer NOT NULL = generated by default as identity",
        "org_id bigint NOT NULL",
        "user_no integer NOT NULL",
        "weight smallint NULL = (user_no % 7)",
        "note character varying NULL",
        NULL};
    assert_columns(grant, grant_cols);
    assert_member(grant, "primary_key", "[\"id\"]");
    assert_member(grant, "unique", "[[\"org_id\",\"user_no\",\"id\"]]");
    assert_member(grant, "foreign_keys",
                  "[{\"name\":\"app_grant_member_fk\",\"columns\":[\"org_id\",\"user_no\"],"
                  "\"references\":\"app_member\",\"referenced_columns\":[\"org_id\",\"user_no\"],"
                  "\"on_delete\":\"RESTRICT\",\"on_update\":\"CASCADE\"}]");

    /* a column without a default of its own takes its domain's, through the
     * base domain */
    const cJSON *other = table_named(root, "other_thing");
    static const char *const other_cols[] = {"id integer NOT NULL", "label text NULL",
                                             "rank app_top_rank NOT NULL = 3", NULL};
    assert_columns(other, other_cols);

    const cJSON *account = table_named(root, "sdk_examples_account");
    assert_member(account, "unique", "[[\"account_code\"]]");
    cJSON_Delete(root);
    sg_free(text);
}

static void test_catalog_pg__pull_selects_tables(void **state)
{
    (void)state;
    sg_pull_options o = SG_PULL_OPTIONS_INIT;
    sg_schema *s = NULL;
    sg_error err;
    o.prefix = "app_";
    assert_int_equal(sg_schema_pull(g_dsn, &o, &s, &err), SG_OK);
    assert_int_equal(sg_schema_table_count(s), 3);
    assert_string_equal(sg_schema_table_name(s, 2), "app_org");
    sg_schema_free(s);

    static const char *const named[] = {"other_thing", "app_org", NULL};
    o.tables = named;
    assert_int_equal(sg_schema_pull(g_dsn, &o, &s, &err), SG_OK);
    assert_int_equal(sg_schema_table_count(s), 2);
    assert_string_equal(sg_schema_table_name(s, 0), "app_org");
    assert_string_equal(sg_schema_table_name(s, 1), "other_thing");
    sg_schema_free(s);

    static const char *const missing[] = {"app_org", "no_such_table", NULL};
    o.tables = missing;
    assert_int_equal(sg_schema_pull(g_dsn, &o, &s, &err), SG_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.message, "public.no_such_table"));

    /* another schema: its own types unqualified, references qualified */
    o.tables = NULL;
    o.prefix = NULL;
    o.schema = "app2";
    assert_int_equal(sg_schema_pull(g_dsn, &o, &s, &err), SG_OK);
    assert_int_equal(sg_schema_table_count(s), 1);
    sg_catalog_write_options w = SG_CATALOG_WRITE_OPTIONS_INIT;
    w.data_source_uid = DS_A;
    char *text = NULL;
    assert_int_equal(sg_schema_write_catalog(s, &w, &text, &err), SG_OK);
    cJSON *root = cJSON_Parse(text);
    const cJSON *t = table_named(root, "mood_log");
    static const char *const cols[] = {"m mood NOT NULL", "org bigint NULL", NULL};
    assert_columns(t, cols);
    assert_non_null(strstr(text, "\"references\": \"public.app_org\""));
    cJSON_Delete(root);
    sg_free(text);
    sg_schema_free(s);
}

/* The migrations read by from-sql make the tables pull reads from the
 * database they built: same columns and keys, same contract hashes. */
static void test_catalog_pg__from_sql_matches_pull(void **state)
{
    (void)state;
    sg_pull_options o = SG_PULL_OPTIONS_INIT;
    sg_schema *db = NULL, *mig = NULL;
    sg_error err;
    assert_int_equal(sg_schema_pull(g_dsn, &o, &db, &err), SG_OK);
    static const char *const files[] = {TUTORIAL, MEMBERS};
    assert_int_equal(sg_schema_from_migrations(files, 2, NULL, &mig, &err), SG_OK);
    for (size_t i = 0; i < sg_schema_note_count(mig); i++)
        fprintf(stderr, "note: %s:%ld:%ld: %s\n", sg_schema_note_at(mig, i)->file,
                sg_schema_note_at(mig, i)->line, sg_schema_note_at(mig, i)->column,
                sg_schema_note_at(mig, i)->message);
    assert_int_equal(sg_schema_note_count(mig), 0);
    assert_int_equal(sg_schema_table_count(mig), sg_schema_table_count(db));
    size_t matched = 0;
    for (size_t i = 0; i < sg_schema_table_count(db); i++)
        for (size_t k = 0; k < sg_schema_table_count(mig); k++)
            if (strcmp(sg_schema_table_name(db, i), sg_schema_table_name(mig, k)) == 0) {
                if (strcmp(sg_schema_table_hash(db, i), sg_schema_table_hash(mig, k)) != 0)
                    fail_msg("%s: from-sql and pull disagree", sg_schema_table_name(db, i));
                matched++;
            }
    assert_int_equal(matched, sg_schema_table_count(db));
    sg_diff *d = NULL;
    assert_int_equal(sg_schema_diff(mig, db, &d, &err), SG_OK);
    assert_int_equal(sg_diff_count(d), 0);
    sg_diff_free(d);
    sg_schema_free(mig);
    sg_schema_free(db);
}

typedef struct want_drift {
    const char *kind, *table, *column, *old_value, *new_value;
} want_drift;

static void assert_diff(const char *catalog, const sg_catalog_diff_options *o,
                        const want_drift *want, size_t n)
{
    sg_diff *d = NULL;
    sg_error err;
    if (sg_catalog_diff(catalog, strlen(catalog), g_dsn, o, &d, &err) != SG_OK)
        fail_msg("diff: %s", err.message);
    for (size_t i = 0; i < sg_diff_count(d); i++) {
        const sg_drift *f = sg_diff_at(d, i);
        if (i >= n)
            fail_msg("unexpected %s: %s", f->kind, f->message);
        assert_string_equal(f->kind, want[i].kind);
        assert_string_equal(f->table, want[i].table);
        if (want[i].column)
            assert_string_equal(f->column, want[i].column);
        else
            assert_null(f->column);
        if (want[i].old_value)
            assert_string_equal(f->old_value, want[i].old_value);
        else
            assert_null(f->old_value);
        if (want[i].new_value)
            assert_string_equal(f->new_value, want[i].new_value);
        else
            assert_null(f->new_value);
    }
    if (sg_diff_count(d) < n)
        fail_msg("%zu findings, %zu expected (first missing: %s)", sg_diff_count(d), n,
                 want[sg_diff_count(d)].kind);
    sg_diff_free(d);
}

/* Pull, then ALTER (add a column, drop one, retype one, set NOT NULL, add a
 * unique key, add a table): diff reports exactly those. */
static void test_catalog_pg__alter_then_diff(void **state)
{
    (void)state;
    sg_pull_options o = SG_PULL_OPTIONS_INIT;
    o.prefix = "app_";
    char *catalog = pulled_catalog(&o);
    sg_catalog_diff_options d = SG_CATALOG_DIFF_OPTIONS_INIT;
    d.prefix = "app_";
    assert_diff(catalog, &d, NULL, 0);

    admin("BEGIN;"
          "ALTER TABLE app_org ADD COLUMN note text;"
          "ALTER TABLE app_member DROP COLUMN score;"
          "ALTER TABLE app_member ALTER COLUMN role TYPE text;"
          "ALTER TABLE app_member ALTER COLUMN joined SET NOT NULL;"
          "ALTER TABLE app_org ADD CONSTRAINT app_org_name_key UNIQUE (name);"
          "CREATE TABLE app_new (id int);"
          "CREATE TABLE zzz_ignored (id int);"
          "COMMIT");
    static const want_drift drift[] = {
        {"drift.column-retyped", "app_member", "role", "character varying(32)", "text"},
        {"drift.column-nullability", "app_member", "joined", "NULL", "NOT NULL"},
        {"drift.column-dropped", "app_member", "score", "double precision", NULL},
        {"drift.column-added", "app_org", "note", NULL, "text"},
        {"drift.unique-added", "app_org", NULL, NULL, "(name)"},
        {"drift.table-added", "app_new", NULL, NULL, NULL},
    };
    want_drift with_hash[6];
    memcpy(with_hash, drift, sizeof drift);
    /* the new table's hash is the database's */
    sg_pull_options one = SG_PULL_OPTIONS_INIT;
    static const char *const app_new[] = {"app_new", NULL};
    one.tables = app_new;
    sg_schema *s = NULL;
    sg_error err;
    assert_int_equal(sg_schema_pull(g_dsn, &one, &s, &err), SG_OK);
    with_hash[5].new_value = sg_schema_table_hash(s, 0);
    assert_diff(catalog, &d, with_hash, 6);
    /* without --prefix every table of the schema the catalog lacks is reported */
    d.prefix = NULL;
    sg_diff *all = NULL;
    assert_int_equal(sg_catalog_diff(catalog, strlen(catalog), g_dsn, &d, &all, &err), SG_OK);
    size_t added = 0;
    for (size_t i = 0; i < sg_diff_count(all); i++)
        added += strcmp(sg_diff_at(all, i)->kind, "drift.table-added") == 0;
    assert_int_equal(added, 5); /* app_new, other_thing, sdk_* (2), zzz_ignored */
    sg_diff_free(all);
    sg_schema_free(s);
    admin("BEGIN;"
          "ALTER TABLE app_org DROP COLUMN note;"
          "ALTER TABLE app_member ADD COLUMN score double precision;"
          "ALTER TABLE app_member ALTER COLUMN role TYPE varchar(32);"
          "ALTER TABLE app_member ALTER COLUMN joined DROP NOT NULL;"
          "ALTER TABLE app_org DROP CONSTRAINT app_org_name_key;"
          "DROP TABLE app_new, zzz_ignored;"
          "COMMIT");
    d.prefix = "app_";
    assert_diff(catalog, &d, NULL, 0);
    sg_free(catalog);
}

/* The tables are read in one read-only transaction, with parameters. */
static void test_catalog_pg__pull_reads_read_only(void **state)
{
    (void)state;
    struct stat st;
    assert_int_equal(stat(g_log, &st), 0);
    sg_pull_options o = SG_PULL_OPTIONS_INIT;
    o.prefix = "sdk_";
    sg_schema *s = NULL;
    sg_error err;
    assert_int_equal(sg_schema_pull(g_dsn, &o, &s, &err), SG_OK);
    sg_schema_free(s);
    char *log = sg_test_slurp(g_log, NULL);
    assert_non_null(log);
    const char *tail = log + st.st_size;
    assert_non_null(strstr(tail, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    assert_non_null(strstr(tail, "DETAIL:  parameters: $1 = 'public'"));
    assert_null(strstr(tail, "sdk_%"));
    free(log);
}

static void test_catalog_pg__dsn_errors_keep_the_password(void **state)
{
    (void)state;
    sg_schema *s = NULL;
    sg_error err;
    static const char *const bad[] = {
        "host=/tmp/sqlguard-no-such-dir dbname=x user=someone password=hunter2secret",
        "postgresql://someone:hunter2secret@[::1",
        "host=x password=hunter2secret nonsense_key=1",
        "postgresql://someone:hunter2secret@localhost:notaport/db",
    };
    static const int codes[] = {SG_ECONNECT, SG_EINVAL, SG_EINVAL, SG_ECONNECT};
    for (size_t i = 0; i < 4; i++) {
        int rc = sg_schema_pull(bad[i], NULL, &s, &err);
        if (rc != codes[i])
            fail_msg("%s: %s (%s)", bad[i], sg_err_name(rc), err.message);
        assert_null(s);
        if (strstr(err.message, "hunter2"))
            fail_msg("the password is in the message: %s", err.message);
    }
    /* the connection error names the target */
    sg_schema_pull(bad[0], NULL, &s, &err);
    assert_non_null(strstr(err.message, "host=/tmp/sqlguard-no-such-dir"));
    assert_non_null(strstr(err.message, "user=someone"));
    sg_schema_pull(bad[2], NULL, &s, &err);
    assert_non_null(strstr(err.message, "nonsense_key"));
}

static int setup(void **state)
{
    (void)state;
    char *env = sg_test_slurp(SG_PG_STATE, NULL);
    if (!env) {
        fprintf(stderr, "test_catalog_pg: no cluster state in %s\n", SG_PG_STATE);
        return -1;
    }
    g_base_dsn = sg_test_state_value(env, "SQLGUARD_TEST_DSN");
    g_log = sg_test_state_value(env, "SQLGUARD_TEST_LOG");
    free(env);
    if (!g_base_dsn || !g_log)
        return -1;
    g_admin = sg_test_pg_fresh_database(g_base_dsn, DB_NAME);
    g_dsn = sg_test_printf("%s dbname=%s", g_base_dsn, DB_NAME);
    admin_file(TUTORIAL);
    admin_file(MEMBERS);
    admin(
        "CREATE SCHEMA app2;"
        "CREATE TYPE app2.mood AS ENUM ('ok', 'not ok');"
        "CREATE TABLE app2.mood_log (m app2.mood NOT NULL, org bigint REFERENCES public.app_org);");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    PQfinish(g_admin);
    if (g_base_dsn) {
        PGconn *pg = PQconnectdb(g_base_dsn);
        PQclear(PQexec(pg, "DROP DATABASE IF EXISTS " DB_NAME " WITH (FORCE)"));
        PQfinish(pg);
    }
    free(g_base_dsn);
    free(g_dsn);
    free(g_log);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_pg__pull_columns_and_keys),
        cmocka_unit_test(test_catalog_pg__pull_selects_tables),
        cmocka_unit_test(test_catalog_pg__from_sql_matches_pull),
        cmocka_unit_test(test_catalog_pg__alter_then_diff),
        cmocka_unit_test(test_catalog_pg__pull_reads_read_only),
        cmocka_unit_test(test_catalog_pg__dsn_errors_keep_the_password),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
