/*
 * test_migrate.c - migration DDL applied to the table model
 * (guard/pg/migrate.c), without a database: every statement form it applies,
 * in families of spellings; the names it gives unnamed constraints and
 * indexes; that renames and drops keep keys and foreign keys consistent; the
 * notes (what is reported, at which offset) for what it does not apply; that
 * a statement the server would refuse changes nothing; and that running out
 * of memory anywhere is a clean -1. tests/test_migrate_pg.c holds the model
 * against the server itself.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <sqlguard.h>
#include <sqlguard/catalog_tools.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pg/migrate.h"
#include "schema/schema.h"
#include "util/arena.h"

/* ---- helpers ----------------------------------------------------------------------------- */

enum { MAX_NOTES = 16 };

typedef struct notes {
    int count;
    int location[MAX_NOTES];
    char message[MAX_NOTES][512];
    bool applied[MAX_NOTES]; /* a remark: the statement applied whole */
    int stop_at;             /* the note (1-based) whose callback returns -1; 0: none */
} notes;

static int take_note(void *ctx, int location, const char *message, bool applied)
{
    notes *n = ctx;
    if (n->count < MAX_NOTES) {
        n->applied[n->count] = applied;
        n->location[n->count] = location;
        snprintf(n->message[n->count], sizeof n->message[0], "%s", message);
    }
    n->count++;
    return n->stop_at && n->count >= n->stop_at ? -1 : 0;
}

/* Applies sql to s in schema public; asserts the call itself succeeds. */
static void apply(sg__schema *s, const char *sql, notes *n)
{
    notes local = {0};
    assert_int_equal(sg__migrate_apply(s, sql, "public", take_note, n ? n : &local), 0);
    if (!n && local.count)
        fail_msg("unexpected note at %d: %s", local.location[0], local.message[0]);
}

static void put(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void put(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
}

static void put_names(char *buf, size_t n, const sg__sc_names *names)
{
    put(buf, n, "(");
    for (size_t i = 0; i < names->count; i++)
        put(buf, n, "%s%s", i ? ", " : "", names->names[i]);
    put(buf, n, ")");
}

/* Table schema.name as text, one line per column, key, constraint and index,
 * in the model's order; "(none)" when the model lacks it. */
static const char *describe(sg__schema *s, const char *schema, const char *name)
{
    static char buf[8192];
    buf[0] = '\0';
    sg__sc_table *t = sg__schema_table(s, schema, name);
    if (!t)
        return "(none)";
    size_t n = sizeof buf;
    for (size_t i = 0; i < t->columns.count; i++) {
        const sg__sc_column *c = &SG__VEC_AT(t->columns, sg__sc_column, i);
        put(buf, n, "%s %s%s", c->name, c->type ? c->type : "?", c->nullable ? "" : " not null");
        if (c->identity)
            put(buf, n, " identity %c", c->identity);
        if (c->generated)
            put(buf, n, " generated %c", c->generated);
        if (c->default_expr)
            put(buf, n, " default %s", c->default_expr);
        put(buf, n, "\n");
    }
    if (t->primary_key.count) {
        put(buf, n, "pk %s ", t->primary_key.name ? t->primary_key.name : "?");
        put_names(buf, n, &t->primary_key);
        put(buf, n, "\n");
    }
    for (size_t i = 0; i < t->unique.count; i++) {
        const sg__sc_names *u = &SG__VEC_AT(t->unique, sg__sc_names, i);
        put(buf, n, "unique%s %s ", u->index_only ? " index" : "", u->name ? u->name : "?");
        put_names(buf, n, u);
        put(buf, n, "\n");
    }
    for (size_t i = 0; i < t->fkeys.count; i++) {
        const sg__sc_fkey *f = &SG__VEC_AT(t->fkeys, sg__sc_fkey, i);
        put(buf, n, "fk %s ", f->name ? f->name : "?");
        put_names(buf, n, &f->columns);
        put(buf, n, " -> %s%s%s ", f->ref_schema ? f->ref_schema : "", f->ref_schema ? "." : "",
            f->ref_table);
        put_names(buf, n, &f->ref_columns);
        put(buf, n, " on delete %s on update %s\n", f->on_delete, f->on_update);
    }
    for (size_t i = 0; i < t->other_constraints.count; i++) {
        const sg__sc_names *o = &SG__VEC_AT(t->other_constraints, sg__sc_names, i);
        put(buf, n, "constraint %s ", o->name);
        put_names(buf, n, o);
        put(buf, n, "\n");
    }
    for (size_t i = 0; i < t->other_indexes.count; i++) {
        const sg__sc_names *o = &SG__VEC_AT(t->other_indexes, sg__sc_names, i);
        put(buf, n, "index %s ", o->name);
        put_names(buf, n, o);
        put(buf, n, "\n");
    }
    return buf;
}

#define assert_table(s, name, expected) assert_string_equal(describe(s, "public", name), expected)

static const sg__sc_column *column(sg__schema *s, const char *table, const char *name)
{
    sg__sc_table *t = sg__schema_table(s, "public", table);
    assert_non_null(t);
    sg__sc_column *c = sg__schema_column(t, name);
    if (!c)
        fail_msg("no column %s.%s", table, name);
    return c;
}

/* The byte offset of the n-th (1-based) occurrence of `what` in sql. */
static int offset_of(const char *sql, const char *what, int nth)
{
    const char *p = sql;
    for (int i = 0; i < nth; i++) {
        p = strstr(i ? p + 1 : p, what);
        assert_non_null(p);
    }
    return (int)(p - sql);
}

/* ---- CREATE TABLE: columns ------------------------------------------------------------------ */

/* Every spelling of a type ends in format_type()'s. */
static void test_migrate__column_types(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE t (a integer, b int, c int4, d bigint, e int8, f smallint,"
          " g varchar(64), h character varying(64), i text, j timestamptz,"
          " k timestamp with time zone, l timestamp, m numeric(18,2), n decimal(18, 2),"
          " o text[], p int[3][], q char, r character(3), s boolean, u uuid, v jsonb,"
          " w double precision, x float(10), y real, z date, aa time, ab varchar,"
          " ac interval, ad interval day to second(3), ae interval(2), af pg_catalog.int8,"
          " ag bit, ah bit varying(5), ai timestamp(3) with time zone, aj \"char\","
          " ak public.mood, al \"Mood\", am other.mood, an bytea, ao numeric,"
          " ap interval year to month)",
          NULL);
    assert_table(&s, "t",
                 "a integer\nb integer\nc integer\nd bigint\ne bigint\nf smallint\n"
                 "g character varying(64)\nh character varying(64)\ni text\n"
                 "j timestamp with time zone\nk timestamp with time zone\n"
                 "l timestamp without time zone\nm numeric(18,2)\nn numeric(18,2)\no text[]\n"
                 "p integer[]\nq character(1)\nr character(3)\ns boolean\nu uuid\nv jsonb\n"
                 "w double precision\nx real\ny real\nz date\naa time without time zone\n"
                 "ab character varying\nac interval\nad interval day to second(3)\n"
                 "ae interval(2)\naf bigint\nag bit(1)\nah bit varying(5)\n"
                 "ai timestamp(3) with time zone\naj \"char\"\nak mood\nal \"Mood\"\n"
                 "am other.mood\nan bytea\nao numeric\nap interval year to month\n");
    sg__schema_release(&s);
}

static void test_migrate__nullability_and_defaults(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "create table t (\n"
          "  a text not null,\n"
          "  b text null,\n"
          "  c varchar(16) NOT NULL DEFAULT 'active',\n"
          "  d timestamptz DEFAULT now() NOT NULL,\n"
          "  e int default (1 + 2) * 3 check (e > 0),\n"
          "  f text DEFAULT lower('X') COLLATE \"C\",\n"
          "  g int[] default ARRAY[1, 2],\n"
          "  h numeric default -1.5 /* a comment */,\n"
          "  i text CONSTRAINT named_default DEFAULT 'x' CONSTRAINT nn NOT NULL\n"
          ")",
          NULL);
    assert_table(&s, "t",
                 "a text not null\nb text\nc character varying(16) not null default 'active'\n"
                 "d timestamp with time zone not null default now()\n"
                 "e integer default (1 + 2) * 3\nf text default lower('X')\n"
                 "g integer[] default ARRAY[1, 2]\nh numeric default -1.5\n"
                 "i text not null default 'x'\n"
                 "constraint t_e_check (e)\n");
    sg__schema_release(&s);
}

/* A column of a domain, without a default of its own, takes the domain's
 * default (or its base domain's) as the history leaves it, as PostgreSQL
 * fills it at each INSERT: ALTER DOMAIN after the table counts, and so do a
 * column retyped to a domain, a column default dropped, a domain renamed;
 * a domain dropped and made again is another. DEFAULT NULL is no default. */
static void test_migrate__domain_defaults(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE DOMAIN qty AS integer DEFAULT 1 CHECK (VALUE > 0) NOT NULL;\n"
          "CREATE DOMAIN app.big_qty AS qty CHECK (VALUE < 100);\n"
          "CREATE DOMAIN label AS text NOT NULL;\n"
          "CREATE TABLE t (a qty NOT NULL, b app.big_qty NOT NULL, c label NOT NULL,\n"
          "  d qty NOT NULL DEFAULT 5, e qty[], n int DEFAULT NULL);\n"
          "CREATE DOMAIN later AS int;\n"
          "ALTER TABLE t ADD COLUMN f later NOT NULL;\n"
          "ALTER DOMAIN later SET DEFAULT 7;\n"
          "CREATE DOMAIN gone AS int DEFAULT 3;\n"
          "ALTER TABLE t ADD COLUMN g gone NOT NULL;\n"
          "ALTER TABLE t ALTER COLUMN g TYPE int;\n"
          "DROP DOMAIN gone;\n"
          "CREATE DOMAIN gone AS int;\n"
          "ALTER TABLE t ADD COLUMN h gone NOT NULL;\n"
          "ALTER TABLE t ADD COLUMN i int NOT NULL DEFAULT 2;\n"
          "ALTER TABLE t ALTER COLUMN i TYPE qty;\n"
          "ALTER TABLE t ALTER COLUMN i DROP DEFAULT;\n"
          "ALTER DOMAIN label RENAME TO tag;\n"
          "ALTER DOMAIN tag SET DEFAULT 'x';\n"
          "ALTER TABLE t ALTER COLUMN d SET DEFAULT NULL;\n",
          NULL);
    sg__migrate_finish(&s);
    assert_table(&s, "t",
                 "a qty not null default 1\nb app.big_qty not null default 1\n"
                 "c tag not null default 'x'\nd qty not null default 1\ne qty[]\nn integer\n"
                 "f later not null default 7\ng integer not null\nh gone not null\n"
                 "i qty not null default 1\n");
    sg__schema_release(&s);
}

/* ALTER TYPE and ALTER DOMAIN ... RENAME TO and SET SCHEMA rename the columns' types, arrays
 * and modifiers kept; ADD VALUE and RENAME VALUE change none; a type of another schema of the
 * same name is another type. */
static void test_migrate__type_renames(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(
        &s,
        "CREATE TYPE mood AS ENUM ('ok');\n"
        "CREATE TYPE app.mood AS ENUM ('x');\n"
        "CREATE TYPE pair AS (a int, b int);\n"
        "CREATE DOMAIN email AS text;\n"
        "CREATE DOMAIN code AS varchar(8);\n"
        "CREATE TABLE t (m mood, ms mood[], am app.mood, p pair, e email, c code, k public.code);\n"
        "ALTER TYPE mood RENAME TO feeling;\n"
        "ALTER TYPE feeling ADD VALUE 'meh';\n"
        "ALTER TYPE feeling RENAME VALUE 'ok' TO 'fine';\n"
        "ALTER TYPE pair SET SCHEMA app;\n"
        "ALTER DOMAIN email RENAME TO email_addr;\n"
        "ALTER DOMAIN public.code SET SCHEMA app;\n",
        NULL);
    assert_table(&s, "t",
                 "m feeling\nms feeling[]\nam app.mood\np app.pair\ne email_addr\nc app.code\n"
                 "k app.code\n");
    /* DROP TYPE ... CASCADE takes the columns; without CASCADE it is refused */
    notes n = {0};
    apply(&s, "DROP TYPE feeling;\n", &n);
    assert_int_equal(n.count, 1);
    assert_non_null(strstr(n.message[0], "without CASCADE"));
    apply(&s, "DROP TYPE feeling CASCADE;\nDROP DOMAIN app.code CASCADE;\n", NULL);
    assert_table(&s, "t", "am app.mood\np app.pair\ne email_addr\n");
    sg__schema_release(&s);
}

/* serial and its kin, identity and generated columns: each has a default. */
static void test_migrate__serial_identity_generated(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE t (id serial PRIMARY KEY, b bigserial, c smallserial, d serial8,"
          " e int GENERATED ALWAYS AS IDENTITY, f bigint GENERATED BY DEFAULT AS IDENTITY"
          " (START WITH 10), g int GENERATED ALWAYS AS (e * 2) STORED,"
          " h text GENERATED ALWAYS AS ((lower(a)) || 'x') STORED, a text)",
          NULL);
    assert_table(&s, "t",
                 "id integer not null default nextval('t_id_seq'::regclass)\n"
                 "b bigint not null default nextval('t_b_seq'::regclass)\n"
                 "c smallint not null default nextval('t_c_seq'::regclass)\n"
                 "d bigint not null default nextval('t_d_seq'::regclass)\n"
                 "e integer not null identity a default generated always as identity\n"
                 "f bigint not null identity d default generated by default as identity\n"
                 "g integer generated s default e * 2\n"
                 "h text generated s default (lower(a)) || 'x'\n"
                 "a text\n"
                 "pk t_pkey (id)\n");
    /* a table outside the default schema: its sequence is qualified */
    apply(&s, "CREATE TABLE app.\"Order\" (id bigserial)", NULL);
    assert_string_equal(describe(&s, "app", "Order"),
                        "id bigint not null default nextval('app.\"Order_id_seq\"'::regclass)\n");
    sg__schema_release(&s);
}

/* ---- CREATE TABLE: keys and their names ----------------------------------------------------- */

static void test_migrate__keys_inline_and_table(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE account (uid uuid PRIMARY KEY, code text UNIQUE, region text,"
          " tag text, UNIQUE (region, tag) INCLUDE (code), UNIQUE NULLS NOT DISTINCT (tag));"
          "CREATE TABLE lim (uid uuid, account_uid uuid NOT NULL REFERENCES account"
          " ON DELETE RESTRICT, region text, tag text, parent uuid,"
          " CONSTRAINT lim_pk PRIMARY KEY (uid),"
          " FOREIGN KEY (region, tag) REFERENCES account (region, tag) ON UPDATE CASCADE"
          " ON DELETE SET NULL,"
          " CONSTRAINT parent_fk FOREIGN KEY (parent) REFERENCES lim (uid) ON DELETE CASCADE)",
          NULL);
    assert_table(&s, "account",
                 "uid uuid not null\ncode text\nregion text\ntag text\n"
                 "pk account_pkey (uid)\nunique account_code_key (code)\n"
                 "unique account_region_tag_code_key (region, tag)\n"
                 "unique account_tag_key (tag)\n");
    assert_table(&s, "lim",
                 "uid uuid not null\naccount_uid uuid not null\nregion text\ntag text\n"
                 "parent uuid\npk lim_pk (uid)\n"
                 "fk lim_account_uid_fkey (account_uid) -> account (uid) on delete RESTRICT on "
                 "update NO ACTION\n"
                 "fk lim_region_tag_fkey (region, tag) -> account (region, tag) on delete SET "
                 "NULL on update CASCADE\n"
                 "fk parent_fk (parent) -> lim (uid) on delete CASCADE on update NO ACTION\n");
    sg__schema_release(&s);
}

/* A psql script, as pg_dump writes one, is read as lint reads it: its
 * backslash commands and COPY data are not SQL, and the rest applies. */
static void test_migrate__psql_script(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    notes n = {0};
    apply(&s,
          "\\restrict Kx9\n\\connect app\nSET statement_timeout = 0;\n"
          "CREATE TABLE public.tags (id integer NOT NULL, name text);\n"
          "COPY public.tags (id, name) FROM stdin;\n1\tit's; DROP TABLE x; (\n2\t\\N\n\\.\n"
          "ALTER TABLE ONLY public.tags ADD CONSTRAINT tags_pkey PRIMARY KEY (id);\n"
          "\\unrestrict Kx9\n",
          &n);
    assert_table(&s, "tags", "id integer not null\nname text\npk tags_pkey (id)\n");
    for (int i = 0; i < n.count && i < MAX_NOTES; i++)
        assert_null(strstr(n.message[i], "does not parse"));
    sg__schema_release(&s);
}

/* A statement whose text holds a migration tool's placeholder or a psql variable is what the
 * tool writes there, which the file does not hold: a statement that would change a table is
 * noted at the placeholder and not applied (no table named `__schema_`); placeholders in
 * string literals, and in statements that change nothing, pass. A psql include is noted. */
static void test_migrate__placeholders_and_includes(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char sql[] = "CREATE TABLE ${schema}.accounts (id bigint PRIMARY KEY);\n"
                              "CREATE TABLE ${prefix}events (id bigint PRIMARY KEY);\n"
                              "CREATE TABLE :\"schema\".users (id bigint PRIMARY KEY);\n"
                              "CREATE TABLE :tbl (id bigint PRIMARY KEY);\n"
                              "CREATE TABLE orders (id bigint PRIMARY KEY, "
                              "note text DEFAULT '${flyway:user}');\n"
                              "ALTER TABLE orders ADD COLUMN total numeric DEFAULT ${total};\n"
                              "GRANT SELECT ON orders TO ${app_role};\n"
                              /* tried, and they change no table: they pass */
                              "ALTER TABLE orders OWNER TO ${owner};\n"
                              "CREATE SCHEMA IF NOT EXISTS ${schema};\n"
                              "SELECT set_config('app.x', :'v', false);\n"
                              /* COPY data holds no psql command */
                              "COPY orders (id, note) FROM stdin;\n1\tC:\\\\include\\\\x\n"
                              "\\i not-a-command\n\\.\n"
                              "\\ir tables/more.sql\n"
                              "CREATE INDEX ON orders (note);\n";
    notes n = {0};
    apply(&s, sql, &n);
    const char *at[] = {"${schema}", "${prefix}", ":\"schema\"", ":tbl", "${total}", "\\ir"};
    const char *says[] = {"${schema} stands for a value",
                          "${prefix} stands",
                          ":\"schema\" stands",
                          ":tbl stands",
                          "${total} stands",
                          "(\\ir), which from-sql does not follow"};
    assert_int_equal(n.count, 6);
    /* the include is noted before the statements */
    int order[] = {5, 0, 1, 2, 3, 4};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(n.location[i], offset_of(sql, at[order[i]], 1));
        if (!strstr(n.message[i], says[order[i]]))
            fail_msg("note %d: \"%s\" lacks \"%s\"", i, n.message[i], says[order[i]]);
    }
    assert_int_equal(s.tables.count, 1);
    assert_string_equal(describe(&s, "public", "orders"),
                        "id bigint not null\nnote text default '${flyway:user}'\n"
                        "pk orders_pkey (id)\nindex orders_note_idx (note)\n");
    sg__schema_release(&s);
}

/* A placeholder statement that applies only in part (INHERITS, LIKE, AS, whose parts from-sql
 * does not follow) or that IF EXISTS skips (the name the tool puts there may be a table of the
 * file) is noted too, never skipped silently; an owner change behind IF EXISTS changes no
 * table and passes. */
static void test_migrate__placeholder_statements_applied_in_part(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char sql[] = "CREATE TABLE parent (id int PRIMARY KEY);\n"
                              "CREATE TABLE ${s}.child (x int) INHERITS (parent);\n"
                              "CREATE TABLE ${s}.copy (LIKE parent);\n"
                              "CREATE TABLE ${s}.snap AS SELECT 1 AS x;\n"
                              "ALTER TABLE IF EXISTS ${s}.parent ADD COLUMN c int;\n"
                              "ALTER TABLE IF EXISTS ${s}.parent RENAME COLUMN id TO uid;\n"
                              "DROP TABLE IF EXISTS ${s}.parent;\n"
                              "ALTER TABLE IF EXISTS ${s}.parent OWNER TO app;\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 6);
    for (int i = 0; i < 6; i++)
        if (!strstr(n.message[i], "${s} stands for a value"))
            fail_msg("note %d: \"%s\"", i, n.message[i]);
    assert_int_equal(s.tables.count, 1);
    assert_string_equal(describe(&s, "public", "parent"),
                        "id integer not null\npk parent_pkey (id)\n");
    sg__schema_release(&s);
}

/* A Liquibase formatted changelog: each `--changeset author:id` line ends the changeset
 * before it, semicolon or not, and the rollback comments are comments. */
static void test_migrate__liquibase_changesets(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    notes n = {0};
    apply(&s,
          "--liquibase formatted sql\n\n--changeset alice:1\n"
          "CREATE TABLE person (id int PRIMARY KEY, name text)\n--rollback DROP TABLE person\n\n"
          "--changeset alice:2 runOnChange:true\nALTER TABLE person ADD COLUMN email text\n"
          "--changeset bob:3\nCREATE UNIQUE INDEX person_email ON person (email);\n",
          &n);
    assert_int_equal(n.count, 0);
    assert_table(&s, "person",
                 "id integer not null\nname text\nemail text\npk person_pkey (id)\n"
                 "unique index person_email (email)\n");
    sg__schema_release(&s);
}

/* PostgreSQL makes one index for a key written twice, the primary key's. */
static void test_migrate__repeated_keys_make_one(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s, "CREATE TABLE t (a int UNIQUE PRIMARY KEY, b int UNIQUE, UNIQUE (b), UNIQUE (a, b))",
          NULL);
    assert_table(&s, "t",
                 "a integer not null\nb integer\npk t_pkey (a)\nunique t_b_key (b)\n"
                 "unique t_a_b_key (a, b)\n");
    sg__schema_release(&s);
}

/* Names taken get 1, 2, ...; long names are cut to 63 bytes, the longer
 * part first, never inside a UTF-8 character. */
static void test_migrate__chosen_names(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE r (id int PRIMARY KEY);"
          "CREATE TABLE t (a int CONSTRAINT t_a_key CHECK (a > 0) UNIQUE,"
          " b int REFERENCES r, FOREIGN KEY (b) REFERENCES r (id), CHECK (a > b), CHECK (a < 9));"
          "CREATE UNIQUE INDEX ON t (b); CREATE UNIQUE INDEX ON t (b); CREATE INDEX ON t (a, b);",
          NULL);
    assert_table(&s, "t",
                 "a integer\nb integer\nunique t_a_key1 (a)\nunique index t_b_idx (b)\n"
                 "unique index t_b_idx1 (b)\n"
                 "fk t_b_fkey (b) -> r (id) on delete NO ACTION on update NO ACTION\n"
                 "fk t_b_fkey1 (b) -> r (id) on delete NO ACTION on update NO ACTION\n"
                 "constraint t_a_key (a)\nconstraint t_check (a, b)\nconstraint t_a_check (a)\n"
                 "index t_a_b_idx (a, b)\n");

    /* 40 + 30 bytes of names: the longer is cut until name_name_key fits */
    apply(&s,
          "CREATE TABLE aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd ("
          " eeeeeeeeeeffffffffffgggggggggg int UNIQUE, x int, y int, PRIMARY KEY (x));",
          NULL);
    assert_table(&s, "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd",
                 "eeeeeeeeeeffffffffffgggggggggg integer\nx integer not null\ny integer\n"
                 "pk aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd_pkey (x)\n"
                 "unique aaaaaaaaaabbbbbbbbbbccccccccc_eeeeeeeeeeffffffffffggggggggg_key "
                 "(eeeeeeeeeeffffffffffgggggggggg)\n");
    /* a cut in the middle of a two-byte character keeps the whole character out */
    apply(&s, "CREATE TABLE \"ééééééééééééééééééééééééééééé\" (\"ééééééééééééééééé\" int UNIQUE)",
          NULL);
    sg__sc_table *t = sg__schema_table(&s, "public", "ééééééééééééééééééééééééééééé");
    assert_non_null(t);
    const char *key = SG__VEC_AT(t->unique, sg__sc_names, 0).name;
    assert_true(strlen(key) <= 63);
    assert_string_equal(key, "éééééééééééééé_éééééééééééééé_key");
    sg__schema_release(&s);
}

/* ---- what CREATE TABLE does not apply ----------------------------------------------------------
 */

static void test_migrate__create_table_notes(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char sql[] = "CREATE TABLE p (a int PRIMARY KEY);\n"
                              "CREATE TABLE c1 (LIKE p);\n"
                              "CREATE TABLE c2 () INHERITS (p);\n"
                              "CREATE TABLE c3 PARTITION OF p FOR VALUES IN (1);\n"
                              "CREATE TYPE pair AS (x int, y int);\n"
                              "CREATE TABLE c4 OF pair;\n"
                              "CREATE TEMP TABLE c5 (a int);\n"
                              "CREATE UNLOGGED TABLE c6 (a int);\n"
                              "CREATE TABLE c7 AS SELECT 1 AS a;\n"
                              "SELECT 1 AS a INTO c8;\n"
                              "CREATE TABLE IF NOT EXISTS p (b int);\n"
                              "CREATE TABLE p (b int);\n"
                              "CREATE TABLE c9 (a int) PARTITION BY RANGE (a);\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 8);
    /* the temporary table is only a remark */
    for (int i = 0; i < 8; i++)
        assert_int_equal(n.applied[i], i == 4);
    const char *at[] = {"c1 (LIKE",
                        "c2 ()",
                        "c3 PART",
                        "c4 OF",
                        "c5 (",
                        "CREATE TABLE c7",
                        "SELECT 1 AS a INTO",
                        "p (b int);\nCREATE TABLE c9"};
    const char *says[] = {"LIKE",      "INHERITS",     "PARTITION OF", "OF",
                          "temporary", "from a query", "from a query", "taken"};
    for (int i = 0; i < 8; i++) {
        assert_int_equal(n.location[i], offset_of(sql, at[i], 1));
        if (!strstr(n.message[i], says[i]))
            fail_msg("note %d: \"%s\" lacks \"%s\"", i, n.message[i], says[i]);
    }
    assert_string_equal(describe(&s, "public", "c6"), "a integer\n");
    assert_string_equal(describe(&s, "public", "c9"), "a integer\n");
    assert_string_equal(describe(&s, "public", "p"), "a integer not null\npk p_pkey (a)\n");
    const char *absent[] = {"c1", "c2", "c3", "c4", "c5", "c7", "c8"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        assert_null(sg__schema_table(&s, "public", absent[i]));
    sg__schema_release(&s);
}

/* Statements that change no table's columns or keys pass without a note. */
static void test_migrate__statements_that_change_nothing(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(
        &s,
        "BEGIN; SET search_path = public; CREATE EXTENSION IF NOT EXISTS pgcrypto;"
        "CREATE SCHEMA app; CREATE SEQUENCE s; CREATE TYPE mood AS ENUM ('a');"
        "CREATE TABLE t (a int, b mood);"
        "CREATE INDEX t_a ON t (a); COMMENT ON TABLE t IS 'x'; GRANT SELECT ON t TO PUBLIC;"
        "REVOKE ALL ON t FROM PUBLIC; CREATE VIEW v AS SELECT a FROM t;"
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';"
        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();"
        "CREATE MATERIALIZED VIEW mv AS SELECT 1; INSERT INTO t VALUES (1);"
        "UPDATE t SET a = 2; DELETE FROM t; SELECT * FROM t; TRUNCATE t;"
        "DO $$ BEGIN PERFORM 1; END $$; ALTER TABLE t OWNER TO CURRENT_USER;"
        "ALTER TABLE t ALTER COLUMN a SET STATISTICS 100; ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
        "ALTER TABLE t DISABLE TRIGGER ALL; ALTER TABLE t SET (fillfactor = 70);"
        "ALTER INDEX t_a SET (fillfactor = 80); ALTER SEQUENCE s RESTART; DROP VIEW v;"
        "DROP FUNCTION f(); DROP SEQUENCE s; ANALYZE t; COMMIT;",
        NULL);
    assert_table(&s, "t", "a integer\nb mood\nindex t_a (a)\n");
    sg__schema_release(&s);
}

/* A statement not understood, and a foreign table: noted. */
static void test_migrate__unknown_statements_noted(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char sql[] = "CREATE FOREIGN TABLE f (a int) SERVER srv;\n"
                              "ALTER TABLE IF EXISTS nope ADD COLUMN b int;\n"
                              "CREATE TABLE t (a int) PARTITION BY LIST (a);\n"
                              "ALTER TABLE t ADD COLUMN z int CHECK (z IN (1, 2));\n"
                              "ALTER TABLE ONLY public . t /* c */ attach partition t1 FOR VALUES "
                              "IN (1);\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 2);
    assert_int_equal(n.location[0], 0);
    assert_non_null(strstr(n.message[0], "foreign table"));
    /* at the subcommand, named as written */
    assert_int_equal(n.location[1], offset_of(sql, "attach partition", 1));
    assert_string_equal(n.message[1],
                        "attach partition of ALTER TABLE public.t is not applied: it may change "
                        "columns or keys in a way that is not followed");
    assert_table(&s, "t", "a integer\nz integer\nconstraint t_z_check (z)\n");
    sg__schema_release(&s);
}

/* A temporary table (CREATE TEMP TABLE, SELECT ... INTO TEMP, CREATE TEMP TABLE ... AS, or in
 * pg_temp) lives only in the migration's session: a remark naming it as written, never
 * public.x; the statements that use, alter, index or drop it pass. A permanent table of the
 * same name made after the temporary one is dropped is a table again. */
static void test_migrate__temporary_tables(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char sql[] = "CREATE TABLE rooms (id int PRIMARY KEY);\n"
                              "BEGIN;\n"
                              "CREATE TEMP TABLE tmp_a (id int) ON COMMIT DROP;\n"
                              "INSERT INTO pg_temp.tmp_a (id) SELECT id FROM rooms;\n"
                              "SELECT id INTO TEMP tmp_b FROM rooms;\n"
                              "CREATE TEMPORARY TABLE tmp_c AS SELECT id FROM rooms;\n"
                              "CREATE TABLE pg_temp.tmp_d (id int);\n"
                              "ALTER TABLE tmp_a ADD COLUMN note text;\n"
                              "CREATE INDEX ON tmp_b (id);\n"
                              "DROP TABLE tmp_b, tmp_c;\n"
                              "DROP TABLE pg_temp.tmp_d;\n"
                              "COMMIT;\n"
                              "CREATE TABLE tmp_b (x int);\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 4);
    const char *at[] = {"tmp_a (id int)", "tmp_b FROM", "tmp_c AS", "pg_temp.tmp_d (id"};
    const char *says[] = {"CREATE TEMP TABLE tmp_a: a temporary table lives only in its session",
                          "SELECT ... INTO TEMP tmp_b:", "CREATE TEMP TABLE ... AS tmp_c:",
                          "CREATE TEMP TABLE pg_temp.tmp_d:"};
    for (int i = 0; i < 4; i++) {
        assert_true(n.applied[i]);
        assert_int_equal(n.location[i], offset_of(sql, at[i], 1));
        if (!strstr(n.message[i], says[i]))
            fail_msg("note %d: \"%s\" lacks \"%s\"", i, n.message[i], says[i]);
        assert_null(strstr(n.message[i], "public."));
    }
    assert_int_equal(s.tables.count, 2);
    assert_table(&s, "tmp_b", "x integer\n");
    /* the temporary table hides a permanent one of its name; dropped, it is gone, and the
     * next DROP finds the permanent table */
    notes m = {0};
    apply(&s,
          "CREATE TEMP TABLE rooms (id int);\nALTER TABLE rooms ADD COLUMN t text;\n"
          "DROP TABLE rooms;\nALTER TABLE rooms ADD COLUMN p text;\n",
          &m);
    assert_int_equal(m.count, 1);
    assert_true(m.applied[0]);
    assert_table(&s, "rooms", "id integer not null\np text\npk rooms_pkey (id)\n");
    /* a permanent table that is not there is still no temporary one */
    notes r = {0};
    apply(&s, "DROP TABLE tmp_a;\n", &r);
    assert_int_equal(r.count, 1);
    assert_false(r.applied[0]);
    assert_non_null(strstr(r.message[0], "DROP TABLE public.tmp_a"));
    sg__schema_release(&s);
}

/* A CREATE SCHEMA's elements are made in the new schema, which PostgreSQL puts in front of
 * the search path: a table the new schema lacks is found on the path as it was (a foreign
 * key to public.rooms, its ON DELETE CASCADE kept), and a type or domain, which the new
 * schema cannot hold yet, is the outer path's. AUTHORIZATION without a name is the role's
 * schema; CURRENT_USER and its kin name none the file knows: noted. */
static void test_migrate__schema_elements_see_the_path(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE rooms (id int PRIMARY KEY, name text);\n"
          "CREATE TYPE mood AS ENUM ('ok');\n"
          "CREATE DOMAIN posint AS int DEFAULT 1 CHECK (VALUE > 0);\n"
          "CREATE SCHEMA s2\n"
          "  CREATE TABLE kid (id int PRIMARY KEY, room_id int REFERENCES rooms (id) ON DELETE "
          "CASCADE, m mood, p posint NOT NULL, k_id int REFERENCES kid)\n"
          "  CREATE TABLE pet (kid_id int REFERENCES kid);\n"
          "CREATE SCHEMA AUTHORIZATION bob CREATE TABLE bob_t (id int, r int REFERENCES rooms);\n"
          "CREATE SCHEMA AUTHORIZATION CURRENT_USER;\n",
          NULL);
    sg__migrate_finish(&s);
    assert_string_equal(
        describe(&s, "s2", "kid"),
        "id integer not null\nroom_id integer\nm public.mood\np public.posint not null default 1\n"
        "k_id integer\npk kid_pkey (id)\n"
        "fk kid_room_id_fkey (room_id) -> public.rooms (id) on delete CASCADE on update NO ACTION\n"
        "fk kid_k_id_fkey (k_id) -> kid (id) on delete NO ACTION on update NO ACTION\n");
    assert_string_equal(describe(&s, "s2", "pet"),
                        "kid_id integer\n"
                        "fk pet_kid_id_fkey (kid_id) -> kid (id) on delete NO ACTION on update "
                        "NO ACTION\n");
    assert_string_equal(describe(&s, "bob", "bob_t"),
                        "id integer\nr integer\n"
                        "fk bob_t_r_fkey (r) -> public.rooms (id) on delete NO ACTION on update "
                        "NO ACTION\n");
    assert_null(sg__schema_table(&s, "public", "bob_t"));
    /* after the elements the path is the file's again */
    apply(&s, "CREATE TABLE after (id int);\n", NULL);
    assert_non_null(sg__schema_table(&s, "public", "after"));
    /* the tables before the indexes, whatever the order written: the table and its
     * cascading foreign key are there, the index on it too */
    apply(&s,
          "CREATE SCHEMA s5 CREATE UNIQUE INDEX kid_code ON kid (code)\n"
          "  CREATE TABLE kid (id int PRIMARY KEY, code text, r int REFERENCES rooms ON DELETE "
          "CASCADE);\n",
          NULL);
    assert_string_equal(describe(&s, "s5", "kid"),
                        "id integer not null\ncode text\nr integer\npk kid_pkey (id)\n"
                        "unique index kid_code (code)\n"
                        "fk kid_r_fkey (r) -> public.rooms (id) on delete CASCADE on update NO "
                        "ACTION\n");
    /* an element the server refuses fails the whole statement */
    notes f = {0};
    static const char bad[] =
        "CREATE SCHEMA s3 CREATE INDEX ON nope (a) CREATE TABLE t3 (a int);\n";
    apply(&s, bad, &f);
    assert_int_equal(f.count, 1);
    assert_int_equal(f.location[0], offset_of(bad, "nope", 1));
    assert_null(sg__schema_table(&s, "s3", "t3"));
    static const char sql[] = "CREATE SCHEMA AUTHORIZATION SESSION_USER CREATE TABLE x (a int);\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 1);
    assert_false(n.applied[0]);
    assert_non_null(strstr(n.message[0], "AUTHORIZATION SESSION_USER is not applied"));
    assert_null(sg__schema_table(&s, "public", "x"));
    sg__schema_release(&s);
}

/* CREATE RULE "_RETURN" AS ON SELECT ... DO INSTEAD turns an empty table without indexes or
 * triggers into a view (pg_dump writes it for a view in a loop of dependencies): it leaves
 * the tables. A table with a key is refused as the server refuses it; other rules pass. */
static void test_migrate__return_rule_makes_a_view(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE base (id int PRIMARY KEY);\n"
          "CREATE TABLE v (id int);\n"
          "CREATE RULE \"_RETURN\" AS ON SELECT TO v DO INSTEAD SELECT id FROM base;\n"
          "CREATE TABLE w (id int);\n"
          "CREATE RULE r AS ON INSERT TO w DO INSTEAD NOTHING;\n"
          "CREATE RULE \"_RETURN\" AS ON SELECT TO v2 DO INSTEAD SELECT 1 AS id;\n",
          NULL);
    assert_null(sg__schema_table(&s, "public", "v"));
    assert_non_null(sg__schema_table(&s, "public", "w"));
    static const char sql[] =
        "CREATE RULE \"_RETURN\" AS ON SELECT TO base DO INSTEAD SELECT 1 AS id;";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 1);
    assert_int_equal(n.location[0], offset_of(sql, "base DO", 1));
    assert_non_null(strstr(n.message[0], "public.base has indexes"));
    assert_non_null(sg__schema_table(&s, "public", "base"));
    sg__schema_release(&s);
}

/* Two unique constraints on the same columns (INCLUDE or NULLS NOT DISTINCT set them apart in
 * PostgreSQL) are one key of the catalog, as catalog pull writes it; the model keeps both
 * names until the history ends. */
static void test_migrate__repeated_unique_written_once(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE t (id int PRIMARY KEY, code text, b int, UNIQUE (code) INCLUDE (id),"
          " UNIQUE NULLS NOT DISTINCT (code), UNIQUE (b, code));\n"
          "CREATE UNIQUE INDEX t_b ON t (b, code);\nCREATE UNIQUE INDEX t_code_b ON t (code, b);\n"
          "CREATE UNIQUE INDEX t_id ON t (id);\n",
          NULL);
    assert_int_equal(sg__schema_table(&s, "public", "t")->unique.count, 6);
    sg__migrate_finish(&s);
    assert_table(&s, "t",
                 "id integer not null\ncode text\nb integer\npk t_pkey (id)\n"
                 "unique t_code_id_key (code)\nunique t_b_code_key (b, code)\n"
                 "unique index t_code_b (code, b)\n");
    sg__schema_release(&s);
}

/* Drizzle's DO block, `BEGIN <statements> EXCEPTION WHEN duplicate_object THEN null; END`,
 * applies its statements as if they were written outside it: its foreign key, with ON DELETE
 * CASCADE, is in the model. Applied again, the constraint exists already, which the handler
 * catches: nothing changes and nothing is said. An error the handler does not name fails the
 * whole block, noted where the statement inside it stands. */
static void test_migrate__do_block_statements_apply(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char drizzle[] =
        "DO $$ BEGIN\n CREATE TYPE \"public\".\"role\" AS ENUM('admin', 'user');\n"
        "EXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;\n--> statement-breakpoint\n"
        "CREATE TABLE IF NOT EXISTS \"users\" (\"id\" serial PRIMARY KEY NOT NULL);\n"
        "CREATE TABLE IF NOT EXISTS \"posts\" (\"id\" serial PRIMARY KEY NOT NULL,"
        " \"author_id\" integer NOT NULL);\n--> statement-breakpoint\n"
        "DO $$ BEGIN\n ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_id_users_id_fk\" "
        "FOREIGN "
        "KEY (\"author_id\") REFERENCES \"public\".\"users\"(\"id\") ON DELETE cascade ON UPDATE "
        "no "
        "action;\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;\n";
    apply(&s, drizzle, NULL);
    static const char *const posts =
        "id integer not null default nextval('posts_id_seq'::regclass)\nauthor_id integer not "
        "null\npk posts_pkey (id)\nfk posts_author_id_users_id_fk (author_id) -> users (id) on "
        "delete CASCADE on update NO ACTION\n";
    assert_table(&s, "posts", posts);
    apply(&s, drizzle, NULL);
    assert_table(&s, "posts", posts);
    /* no handler: the statements apply, a default's text as written in the body; a block of
     * several, in a tag of its own, with OR between conditions */
    apply(&s,
          "do $body$\nbegin\n  alter table posts add column title text default 'untitled';\n"
          "  create index on posts (title);\nend;\n$body$ language plpgsql;\n"
          "DO $$ BEGIN CREATE TABLE tags (id int); CREATE TABLE tags (id int);\n"
          "EXCEPTION WHEN duplicate_object OR duplicate_table THEN NULL; END $$;\n"
          "DO $$ BEGIN ALTER TABLE posts ADD COLUMN title text; EXCEPTION WHEN SQLSTATE '42701' "
          "THEN RAISE NOTICE 'title exists'; WHEN others THEN null; END $$;\n",
          NULL);
    assert_non_null(strstr(describe(&s, "public", "posts"),
                           "title text default 'untitled'\npk posts_pkey (id)\n"));
    assert_non_null(strstr(describe(&s, "public", "posts"), "index posts_title_idx (title)"));
    assert_null(sg__schema_table(&s, "public", "tags"));
    /* the handler names another condition: the block fails whole, noted at the statement */
    static const char sql[] =
        "DO $$ BEGIN\n  ALTER TABLE posts ADD COLUMN body text;\n"
        "  ALTER TABLE posts ADD CONSTRAINT posts_author_id_users_id_fk FOREIGN KEY (author_id) "
        "REFERENCES users;\nEXCEPTION WHEN duplicate_table THEN null;\nEND $$;\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 1);
    assert_false(n.applied[0]);
    assert_int_equal(n.location[0], offset_of(sql, "CONSTRAINT posts_author", 1));
    assert_non_null(strstr(n.message[0], "exists already"));
    assert_null(strstr(describe(&s, "public", "posts"), "body"));
    sg__schema_release(&s);
}

/* A DO block in another shape (IF NOT EXISTS ... THEN, EXECUTE, a loop, DECLARE) that runs
 * DDL is noted at the block, naming the DDL; one without DDL (RAISE NOTICE, a data loop, a
 * role or an enum made if missing, DDL in a comment) is silent. CALL is a remark. */
static void test_migrate__do_blocks_in_other_shapes(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s, "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TYPE mood AS ENUM ('a');\n", NULL);
    static const char sql[] =
        "DO $$ BEGIN\n IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
        "table_name = 'users' AND column_name = 'name') THEN\n"
        "   ALTER TABLE users ADD COLUMN name text;\n END IF;\nEND $$;\n"
        "DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables LOOP\n"
        "  EXECUTE format('create index ON %I (id)', t); END LOOP; END $$;\n"
        "DO LANGUAGE plpgsql 'BEGIN EXECUTE ''DROP TABLE users''; END';\n"
        "CALL add_column('users');\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 4);
    const char *at[] = {"DO $$ BEGIN\n IF", "DO $$ DECLARE", "DO LANGUAGE", "CALL"};
    const char *says[] = {"the DO block here runs ALTER TABLE, which from-sql does not follow",
                          "runs CREATE INDEX", "runs DROP TABLE",
                          "CALL add_column: what the procedure does is not followed"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(n.location[i], offset_of(sql, at[i], 1));
        assert_int_equal(n.applied[i], i == 3);
        if (!strstr(n.message[i], says[i]))
            fail_msg("note %d: \"%s\" lacks \"%s\"", i, n.message[i], says[i]);
    }
    assert_table(&s, "users", "id integer not null\npk users_pkey (id)\n");
    apply(&s,
          "DO $$ BEGIN RAISE NOTICE 'ALTER TABLE users'; END $$;\n"
          "DO $$ DECLARE r record; BEGIN FOR r IN SELECT id FROM users LOOP\n"
          "  UPDATE users SET id = r.id + 1 WHERE id = r.id; END LOOP; END $$;\n"
          "DO $$ BEGIN CREATE ROLE app; EXCEPTION WHEN duplicate_object THEN null; END $$;\n"
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN\n"
          "  CREATE ROLE app; END IF; END $$;\n"
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'feel') THEN\n"
          "  CREATE TYPE feel AS ENUM ('x'); END IF; ALTER TYPE mood ADD VALUE IF NOT EXISTS 'b';\n"
          "  -- ALTER TABLE users ADD COLUMN never text;\nEND $$;\n",
          NULL);
    sg__schema_release(&s);
}

/* A function or procedure the file makes whose body runs DDL (EXECUTE of a string, ALTER
 * TABLE in PL/pgSQL) is noted where it is called: SELECT f(), PERFORM f() in a DO block,
 * CALL p(). A string built of pieces for EXECUTE ('ALTER ' || 'TABLE ...', concat_ws) is DDL
 * too. Making such a routine, calling one without DDL, and a string of pieces that is no
 * DDL pass; CALL of a procedure the file does not make stays a remark. The routines are
 * known within their file. */
static void test_migrate__routines_with_ddl_are_noted_where_called(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s, "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE posts (id int, u int);\n",
          NULL);
    static const char sql[] =
        "CREATE FUNCTION add_fk(tbl text, def text) RETURNS void LANGUAGE plpgsql AS $$\n"
        "BEGIN EXECUTE format('ALTER TABLE %I ADD %s', tbl, def); END $$;\n"
        "CREATE PROCEDURE add_fks() LANGUAGE plpgsql AS $$ BEGIN\n"
        "  ALTER TABLE posts ADD FOREIGN KEY (u) REFERENCES users ON DELETE CASCADE; END $$;\n"
        "CREATE FUNCTION \"Quoted\"() RETURNS void LANGUAGE sql AS 'DROP TABLE posts';\n"
        "CREATE FUNCTION plain() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
        "SELECT plain();\nDO $$ BEGIN PERFORM plain(); END $$;\n"
        "DO $$ BEGIN EXECUTE 'SELECT ' || 'id FROM users'; END $$;\n"
        "SELECT add_fk('posts', 'FOREIGN KEY (u) REFERENCES users ON DELETE CASCADE');\n"
        "DO $$ BEGIN PERFORM ADD_FK('posts', 'x'); END $$;\n"
        "CALL add_fks();\n"
        "SELECT \"Quoted\"();\n"
        "DO $$ BEGIN EXECUTE 'ALTER ' || 'TABLE posts ADD COLUMN v int'; END $$;\n"
        "DO $$ DECLARE q text; BEGIN q := concat_ws(' ', 'ALTER', 'TABLE', 'posts', 'ADD w int');"
        " EXECUTE q; END $$;\n"
        "CALL elsewhere();\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 7);
    const char *at[] = {"SELECT add_fk",     "DO $$ BEGIN PERFORM", "CALL add_fks",
                        "SELECT \"Quoted\"", "DO $$ BEGIN EXECUTE", "DO $$ DECLARE",
                        "CALL elsewhere"};
    const char *says[] = {"add_fk() runs ALTER TABLE, which from-sql does not follow",
                          "add_fk() runs ALTER TABLE",
                          "add_fks() runs ALTER TABLE",
                          "Quoted() runs DROP TABLE",
                          "the DO block here runs ALTER TABLE",
                          "the DO block here runs ALTER TABLE",
                          "CALL elsewhere: what the procedure does is not followed"};
    const int nth[] = {1, 2, 1, 1, 2, 1, 1};
    for (int i = 0; i < 7; i++) {
        assert_int_equal(n.location[i], offset_of(sql, at[i], nth[i]));
        assert_int_equal(n.applied[i], i == 6);
        if (!strstr(n.message[i], says[i]))
            fail_msg("note %d: \"%s\" lacks \"%s\"", i, n.message[i], says[i]);
    }
    assert_table(&s, "posts", "id integer\nu integer\n");
    sg__schema_release(&s);
}

/* A routine of the file that calls one with DDL runs that DDL too, at any depth and in
 * either order of making (PL/pgSQL binds names when it runs): its call is noted, naming the
 * routine the DDL is in. A routine that calls only routines without DDL, and one made again
 * without DDL (CREATE OR REPLACE), pass. */
static void test_migrate__routines_calling_ddl_routines_are_noted(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s, "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE posts (id int, u int);\n",
          NULL);
    static const char sql[] =
        "CREATE FUNCTION wire_all() RETURNS void LANGUAGE plpgsql AS $$\n"
        "BEGIN PERFORM wire('posts'); END $$;\n"
        "CREATE FUNCTION wire(t text) RETURNS void LANGUAGE sql AS $$ SELECT add_fk(t) $$;\n"
        "CREATE FUNCTION add_fk(t text) RETURNS void LANGUAGE plpgsql AS $$\n"
        "BEGIN EXECUTE format('ALTER TABLE %I ADD FOREIGN KEY (u) REFERENCES users ON DELETE "
        "CASCADE', t); END $$;\n"
        "CREATE PROCEDURE run_all() LANGUAGE plpgsql AS $$ BEGIN PERFORM wire_all(); END $$;\n"
        "CREATE FUNCTION quiet() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
        "CREATE FUNCTION calls_quiet() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN "
        "quiet(); END $$;\n"
        "SELECT calls_quiet();\n"
        "SELECT wire_all();\nCALL run_all();\n"
        "CREATE OR REPLACE FUNCTION wire(t text) RETURNS void LANGUAGE sql AS 'SELECT 1';\n"
        "SELECT wire('posts');\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 2);
    assert_int_equal(n.location[0], offset_of(sql, "SELECT wire_all", 1));
    assert_int_equal(n.location[1], offset_of(sql, "CALL run_all", 1));
    assert_non_null(strstr(n.message[0], "wire_all() runs ALTER TABLE (through "));
    assert_non_null(strstr(n.message[0], "add_fk())"));
    assert_non_null(strstr(n.message[1], "run_all() runs ALTER TABLE"));
    assert_table(&s, "posts", "id integer\nu integer\n");
    sg__schema_release(&s);
}

/* psql's \if, \elif, \else and \endif: a branch psql does not run is not applied. Literal
 * conditions are psql's booleans (prefixes of true, false, yes, no; on, off; 1, 0; any
 * case), a variable is what an earlier \set gave it; a \set or \i in a branch that does not
 * run counts for nothing. */
static void test_migrate__psql_conditionals(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "\\set use_bigint false\n\\set on_ 'ON'\n"
          "\\if :use_bigint\nCREATE TABLE events (id bigint PRIMARY KEY);\n"
          "\\else\nCREATE TABLE events (id integer PRIMARY KEY);\n\\endif\n"
          "\\if false\nALTER TABLE events ADD COLUMN legacy text;\n\\endif\n"
          "\\if 0\nALTER TABLE events ADD COLUMN z0 text;\n"
          "\\elif OFF\nALTER TABLE events ADD COLUMN z1 text;\n"
          "\\elif Y\nALTER TABLE events ADD COLUMN yes1 text;\n"
          "\\elif true\nALTER TABLE events ADD COLUMN z2 text;\n"
          "\\else\nALTER TABLE events ADD COLUMN z3 text;\n\\endif\n"
          "\\if t\n  \\if No\n  ALTER TABLE events ADD COLUMN z4 text;\n"
          "  \\else\n  ALTER TABLE events ADD COLUMN nested text;\n  \\endif\n\\endif\n"
          "\\if f\n  \\set use_bigint true\n  \\i never.sql\n  \\if true\n"
          "  ALTER TABLE events ADD COLUMN z5 text;\n  \\endif\n\\endif\n"
          "\\if :use_bigint\nALTER TABLE events ADD COLUMN z6 text;\n\\endif\n"
          "\\if :'on_'\nALTER TABLE events ADD COLUMN quoted text;\n\\endif\n"
          "\\if :\"on_\"\nALTER TABLE events ADD COLUMN dquoted text;\n\\endif\n"
          "\\set q :'on_'\n\\if :q\nALTER TABLE events ADD COLUMN q text;\n"
          "\\else\nALTER TABLE events ADD COLUMN not_q text;\n\\endif\n"
          "\\if maybe\nALTER TABLE events ADD COLUMN z7 text;\n\\endif\n"
          "COPY events (id) FROM stdin;\n\\if false\n\\.\n"
          "ALTER TABLE events ADD COLUMN after_copy text;\n",
          NULL);
    assert_table(&s, "events",
                 "id integer not null\nyes1 text\nnested text\nnot_q text\nafter_copy text\n"
                 "pk events_pkey (id)\n");
    /* a condition the file does not decide: noted, every branch applied; \gexec noted */
    static const char sql[] = "\\set v :from_cli\n"
                              "\\if :from_cli\nALTER TABLE events ADD COLUMN a text;\n"
                              "\\elif :v\nALTER TABLE events ADD COLUMN b text;\n"
                              "\\else\nALTER TABLE events ADD COLUMN c text;\n\\endif\n"
                              "SELECT format('ALTER TABLE %I ADD COLUMN t int', 'events') \\gexec\n"
                              "\\if off\nSELECT 'x' \\gexec\n\\endif\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 3);
    const char *at[] = {"\\if :from_cli", "\\elif :v", "\\gexec"};
    const char *says[] = {"psql decides here (\\if) by a value the file does not hold", "(\\elif)",
                          "\\gexec returns as a statement"};
    for (int i = 0; i < 3; i++) {
        assert_false(n.applied[i]);
        assert_int_equal(n.location[i], offset_of(sql, at[i], 1));
        if (!strstr(n.message[i], says[i]))
            fail_msg("note %d: \"%s\" lacks \"%s\"", i, n.message[i], says[i]);
    }
    assert_non_null(strstr(describe(&s, "public", "events"), "a text\nb text\nc text\n"));
    /* a value only the run knows (\gset's columns, with its prefix or without, \getenv,
     * \prompt) decides nothing, whatever \set gave the variable before */
    static const char run[] =
        "\\set has_posts false\n\\set p_x false\n\\set other false\n"
        "\\set env false\n\\set asked false\n"
        "SELECT true AS has_posts \\gset\n\\if :has_posts\nALTER TABLE events ADD g1 text;\n"
        "\\endif\nSELECT true AS x \\gset p_\n\\if :p_x\nALTER TABLE events ADD g2 text;\n"
        "\\endif\n\\if :other\nALTER TABLE events ADD any_name text;\n\\endif\n"
        "\\getenv env APP_ENV\n\\if :env\nALTER TABLE events ADD g3 text;\n\\endif\n"
        "\\prompt 'Go on? ' asked\n\\if :asked\nALTER TABLE events ADD g4 text;\n\\endif\n";
    notes r = {0};
    apply(&s, run, &r);
    assert_int_equal(r.count, 5);
    const char *where[] = {"\\if :has_posts", "\\if :p_x", "\\if :other", "\\if :env",
                           "\\if :asked"};
    for (int i = 0; i < 5; i++)
        assert_int_equal(r.location[i], offset_of(run, where[i], 1));
    assert_non_null(strstr(describe(&s, "public", "events"), "g1 text\ng2 text\n"));
    assert_non_null(strstr(describe(&s, "public", "events"), "g3 text\ng4 text\n"));
    /* \gset with a prefix leaves the other names as they were */
    notes k = {0};
    apply(&s,
          "\\set other false\nSELECT 1 AS x \\gset p_\n\\if :other\n"
          "ALTER TABLE events ADD stays_out text;\n\\endif\n",
          &k);
    assert_int_equal(k.count, 0);
    assert_null(strstr(describe(&s, "public", "events"), "stays_out"));
    sg__schema_release(&s);
}

/* ROLLBACK undoes what its transaction applied, ROLLBACK TO SAVEPOINT what was applied since
 * the savepoint (which stays, so it can be rolled back to again), as the server does: tables,
 * columns, keys, domains' defaults and the search path. COMMIT, RELEASE and a ROLLBACK outside
 * a transaction keep everything; AND CHAIN starts the next transaction at once. */
static void test_migrate__rollback_undoes(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE keep (id int PRIMARY KEY);\n"
          "CREATE DOMAIN qty AS int DEFAULT 1;\n"
          "BEGIN;\nCREATE TABLE tried (a int);\nALTER TABLE keep ADD COLUMN oops text;\n"
          "ALTER DOMAIN qty SET DEFAULT 2;\nSET search_path TO app;\nROLLBACK;\n"
          "CREATE TABLE in_public (q qty);\n"
          "BEGIN;\nSAVEPOINT s;\nALTER TABLE keep ADD COLUMN oops2 text;\n"
          "SAVEPOINT t;\nDROP TABLE in_public;\nROLLBACK TO SAVEPOINT s;\n"
          "ALTER TABLE keep ADD COLUMN kept text;\nROLLBACK TO s;\n"
          "ALTER TABLE keep ADD COLUMN kept2 text;\nSAVEPOINT u;\nALTER TABLE keep ADD COLUMN "
          "kept3 text;\nRELEASE u;\nCOMMIT;\n"
          "ROLLBACK;\n"
          "BEGIN;\nALTER TABLE keep ADD COLUMN gone text;\nROLLBACK AND CHAIN;\n"
          "ALTER TABLE keep ADD COLUMN gone2 text;\nABORT;\n"
          "START TRANSACTION;\nALTER TABLE keep ADD COLUMN committed text;\nCOMMIT AND CHAIN;\n"
          "ALTER TABLE keep ADD COLUMN gone3 text;\nROLLBACK;\n",
          NULL);
    sg__migrate_finish(&s);
    assert_int_equal(s.tables.count, 2);
    assert_null(sg__schema_table(&s, "public", "tried"));
    assert_table(
        &s, "keep",
        "id integer not null\nkept2 text\nkept3 text\ncommitted text\npk keep_pkey (id)\n");
    assert_table(&s, "in_public", "q qty default 1\n");
    sg__schema_release(&s);
}

/* A DO block whose handler catches more than the "already exists" conditions (OTHERS, a
 * class's SQLSTATE) does not hide what from-sql cannot follow: a statement in it that is not
 * followed is noted, and so is the refusal after it (the table it would have made), as when
 * there is no handler. A refusal the handler catches stays silent while the model is whole:
 * the server raises that error too. */
static void test_migrate__do_block_handler_hides_nothing_unfollowed(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE base (id bigint);\n"
          "DO $$ BEGIN ALTER TABLE gone ADD COLUMN x int; EXCEPTION WHEN others THEN null; "
          "END $$;\n"
          "DO $$ BEGIN CREATE TABLE users (id int); EXCEPTION WHEN SQLSTATE '42000' THEN null; "
          "END $$;\n"
          "DO $$ BEGIN ALTER TABLE users ADD COLUMN id int; EXCEPTION WHEN "
          "syntax_error_or_access_rule_violation THEN null; END $$;\n",
          NULL);
    assert_table(&s, "users", "id integer not null\npk users_pkey (id)\n");
    static const char sql[] =
        "DO $$ BEGIN\n  CREATE TABLE audit (LIKE base INCLUDING ALL, user_id int);\n"
        "  ALTER TABLE audit ADD CONSTRAINT audit_fk FOREIGN KEY (user_id) REFERENCES users ON "
        "DELETE CASCADE;\nEXCEPTION WHEN others THEN null;\nEND $$;\n"
        "DO $$ BEGIN\n  CREATE TABLE copy AS SELECT id FROM users;\n"
        "EXCEPTION WHEN SQLSTATE '42000' THEN null;\nEND $$;\n"
        "DO $$ BEGIN ALTER TABLE copy ADD COLUMN user_id int REFERENCES users ON DELETE CASCADE;"
        " EXCEPTION WHEN others THEN null; END $$;\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 4);
    const char *at[] = {"audit (LIKE", "audit ADD", "CREATE TABLE copy", "copy ADD"};
    const char *says[] = {
        "copied columns (LIKE) are not followed", "ALTER TABLE public.audit: no table of that name",
        "CREATE TABLE ... AS is not applied", "ALTER TABLE public.copy: no table of that name"};
    for (int i = 0; i < 4; i++) {
        assert_false(n.applied[i]);
        assert_int_equal(n.location[i], offset_of(sql, at[i], 1));
        if (!strstr(n.message[i], says[i]))
            fail_msg("note %d: \"%s\" lacks \"%s\"", i, n.message[i], says[i]);
    }
    /* a class's code other than 42's catches none of the duplicates */
    notes d = {0};
    apply(&s,
          "DO $$ BEGIN CREATE TABLE users (id int); EXCEPTION WHEN SQLSTATE '23000' THEN null; "
          "END $$;\n",
          &d);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.message[0], "the name is taken already"));
    sg__schema_release(&s);
}

/* A DO block whose handler catches more than the "already exists" errors (not_null_violation,
 * OTHERS, ...), around a statement that may fail for a reason the model does not see (SET NOT
 * NULL or a new constraint on the table's rows, DROP TRIGGER of a trigger it does not follow),
 * may be applied or rolled back: it is noted at that statement, and the catalog keeps the
 * outcome with more foreign keys whose actions write (the CASCADE the block would drop stays;
 * one it adds is kept). Such a block that changes nothing, a constraint added NOT VALID, and
 * DROP TABLE pg_temp.x of no temporary table (refused: nothing the model cannot see) stay
 * as they were; a caught refusal takes back a domain's default changed before it. */
static void test_migrate__do_block_handler_may_catch_unseen_errors(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE DOMAIN d1 AS int DEFAULT 3;\n"
          "CREATE TABLE users (id int PRIMARY KEY);\n"
          "CREATE TABLE posts (id int PRIMARY KEY, user_id int,\n"
          "  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE);\n"
          "CREATE TABLE comments (id int PRIMARY KEY, user_id int, x d1,\n"
          "  CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users ON DELETE "
          "CASCADE);\n"
          "CREATE TABLE likes (id int PRIMARY KEY, user_id int);\n"
          "INSERT INTO posts VALUES (1, NULL);\n",
          NULL);
    static const char sql[] =
        "DO $$ BEGIN\n  ALTER TABLE posts DROP CONSTRAINT posts_user_fk;\n"
        "  ALTER TABLE posts ALTER COLUMN user_id SET NOT NULL;\n"
        "  ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users "
        "ON DELETE RESTRICT;\nEXCEPTION WHEN not_null_violation THEN\n"
        "  RAISE NOTICE 'left as it was';\nEND $$;\n"
        "DO $$ BEGIN\n  DROP TRIGGER comments_touch ON comments;\n"
        "  ALTER TABLE comments DROP CONSTRAINT comments_user_fk;\n"
        "EXCEPTION WHEN others THEN null;\nEND $$;\n"
        "DO $$ BEGIN\n  ALTER TABLE likes ADD CONSTRAINT likes_fk FOREIGN KEY (user_id) "
        "REFERENCES users ON DELETE CASCADE;\nEXCEPTION WHEN SQLSTATE '23503' THEN null;\n"
        "END $$;\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 3);
    const char *at[] = {"ALTER TABLE posts ALTER", "DROP TRIGGER", "ALTER TABLE likes"};
    const char *held[] = {"holds it rolled back", "holds it rolled back", "holds it applied"};
    for (int i = 0; i < 3; i++) {
        assert_false(n.applied[i]);
        assert_int_equal(n.location[i], offset_of(sql, at[i], 1));
        if (!strstr(n.message[i], "may catch an error of this statement") ||
            !strstr(n.message[i], held[i]))
            fail_msg("note %d: %s", i, n.message[i]);
    }
    assert_table(
        &s, "posts",
        "id integer not null\nuser_id integer\npk posts_pkey (id)\n"
        "fk posts_user_fk (user_id) -> users (id) on delete CASCADE on update NO ACTION\n");
    assert_non_null(strstr(describe(&s, "public", "comments"), "fk comments_user_fk"));
    assert_non_null(strstr(describe(&s, "public", "likes"), "fk likes_fk (user_id) -> users (id) "
                                                            "on delete CASCADE"));
    /* quiet: what may fail changes nothing, a constraint NOT VALID reads no rows, the handler
     * names only "already exists" errors, a refusal the handler catches */
    apply(&s,
          "DO $$ BEGIN DROP TRIGGER t1 ON comments; EXCEPTION WHEN others THEN null; END $$;\n"
          "DO $$ BEGIN ALTER TABLE likes ADD COLUMN note text; ALTER TABLE likes ADD CONSTRAINT "
          "likes_note CHECK (note <> '') NOT VALID; EXCEPTION WHEN others THEN null; END $$;\n"
          "DO $$ BEGIN ALTER TABLE likes ALTER COLUMN user_id SET NOT NULL; EXCEPTION WHEN "
          "duplicate_object THEN null; END $$;\n"
          "DO $$ BEGIN ALTER DOMAIN d1 DROP DEFAULT; ALTER TABLE gone ADD COLUMN x int;\n"
          "EXCEPTION WHEN others THEN null; END $$;\n",
          NULL);
    assert_non_null(strstr(describe(&s, "public", "likes"), "note text\n"));
    assert_non_null(strstr(describe(&s, "public", "likes"), "user_id integer not null\n"));
    notes r = {0};
    apply(&s, "DROP TABLE pg_temp.nothing;\nDROP TABLE IF EXISTS pg_temp.nothing;\n", &r);
    assert_int_equal(r.count, 1);
    assert_non_null(strstr(r.message[0], "DROP TABLE pg_temp.nothing: no table"));
    sg__migrate_finish(&s);
    assert_non_null(strstr(describe(&s, "public", "comments"), "x d1 default 3\n"));
    sg__schema_release(&s);
}

/* ALTER TABLE ... RENAME of a temporary table renames the temporary table, never the
 * permanent one it hides (a DROP of the new name then drops the temporary table); a
 * temporary table that hides nothing takes its column and table renames, its index and
 * the index's rename, and its drop, quietly. SET SCHEMA cannot move one (refused). */
static void test_migrate__temporary_table_renames(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    notes n = {0};
    apply(&s,
          "CREATE TABLE users (id int PRIMARY KEY);\n"
          "CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users ON DELETE "
          "CASCADE);\n"
          "CREATE TEMP TABLE posts (id int, user_id int);\n"
          "INSERT INTO posts SELECT id, user_id FROM public.posts;\n"
          "ALTER TABLE posts RENAME TO posts_snapshot;\nDROP TABLE posts_snapshot;\n"
          "ALTER TABLE posts ADD COLUMN seen int;\n"
          "CREATE TEMP TABLE staging (id int, uid int);\n"
          "ALTER TABLE staging RENAME COLUMN uid TO user_id;\n"
          "ALTER TABLE staging RENAME CONSTRAINT c TO d;\n"
          "ALTER TABLE staging RENAME TO staging2;\nCREATE INDEX ON staging2 (user_id);\n"
          "ALTER INDEX staging2_user_id_idx RENAME TO s2i;\nDROP INDEX s2i;\n"
          "DROP TABLE staging2;\n",
          &n);
    assert_int_equal(n.count, 2);
    assert_true(n.applied[0] && n.applied[1]);
    assert_table(&s, "posts",
                 "id integer not null\nuser_id integer\nseen integer\npk posts_pkey (id)\n"
                 "fk posts_user_id_fkey (user_id) -> users (id) on delete CASCADE on update NO "
                 "ACTION\n");
    assert_null(sg__schema_table(&s, "public", "posts_snapshot"));
    notes r = {0};
    apply(&s,
          "CREATE TEMP TABLE a (id int);\nCREATE TEMP TABLE b (id int);\n"
          "ALTER TABLE a RENAME TO b;\nALTER TABLE a SET SCHEMA public;\n"
          "ALTER TABLE posts RENAME TO posts2;\n",
          &r);
    assert_int_equal(r.count, 4);
    assert_non_null(strstr(r.message[2], "the temporary table \"b\" exists already"));
    assert_non_null(strstr(r.message[3], "a temporary table cannot move"));
    assert_null(sg__schema_table(&s, "public", "posts"));
    assert_non_null(sg__schema_table(&s, "public", "posts2"));
    sg__schema_release(&s);
}

/* A table moved to another schema keeps its columns' types: a domain of its old schema is
 * then spelled qualified (as pull spells it), so that DROP DOMAIN of a domain of the same
 * name in the new schema leaves the column, and DROP DOMAIN of the old one drops it; a type
 * of the new schema loses its schema, and pg_catalog's types stay as they are. */
static void test_migrate__set_schema_keeps_column_types(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE DOMAIN user_ref AS int;\nCREATE TABLE users (id int PRIMARY KEY);\n"
          "CREATE SCHEMA archive;\nCREATE DOMAIN archive.mood AS text;\n"
          "CREATE TABLE posts (id int PRIMARY KEY, author user_ref REFERENCES users ON DELETE "
          "CASCADE, m archive.mood, a inet, t user_ref[], v varchar(3));\n"
          "ALTER TABLE posts SET SCHEMA archive;\n"
          "CREATE DOMAIN archive.user_ref AS int;\nDROP DOMAIN archive.user_ref CASCADE;\n",
          NULL);
    assert_string_equal(describe(&s, "archive", "posts"),
                        "id integer not null\nauthor public.user_ref\nm mood\na inet\n"
                        "t public.user_ref[]\nv character varying(3)\npk posts_pkey (id)\n"
                        "fk posts_author_fkey (author) -> public.users (id) on delete CASCADE on "
                        "update NO ACTION\n");
    apply(&s, "DROP DOMAIN user_ref CASCADE;\n", NULL);
    assert_string_equal(describe(&s, "archive", "posts"),
                        "id integer not null\nm mood\na inet\nv character varying(3)\n"
                        "pk posts_pkey (id)\n");
    sg__schema_release(&s);
}

/* A temporary table hides a permanent one of its name only while it is there: ON COMMIT
 * DROP ends it at COMMIT (outside a transaction, at once), ROLLBACK and ROLLBACK TO take it
 * back, and so does a DO block whose handler caught an error after it; DISCARD TEMP and
 * DISCARD ALL drop every one. Statements on the name after that change the permanent
 * table. */
static void test_migrate__temporary_tables_end(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    notes n = {0};
    apply(&s,
          "CREATE TABLE users (id int PRIMARY KEY);\n"
          "BEGIN;\nCREATE TEMP TABLE staging (id int) ON COMMIT DROP;\nCOMMIT;\n"
          "CREATE TABLE staging (id int PRIMARY KEY, user_id int);\n"
          "ALTER TABLE staging ADD CONSTRAINT staging_fk FOREIGN KEY (user_id) REFERENCES users "
          "ON DELETE CASCADE;\n"
          "BEGIN; CREATE TEMP TABLE scratch (id int); ROLLBACK;\n"
          "CREATE TABLE scratch (id int PRIMARY KEY);\nALTER TABLE scratch ADD COLUMN a int;\n"
          "BEGIN; SAVEPOINT s; SELECT 1 AS id INTO TEMP sp; ROLLBACK TO SAVEPOINT s; COMMIT;\n"
          "CREATE TABLE sp (id int);\nALTER TABLE sp ADD COLUMN b int;\n"
          "CREATE TEMP TABLE at_once (id int) ON COMMIT DROP;\n"
          "CREATE TABLE at_once (id int);\nALTER TABLE at_once ADD COLUMN c int;\n"
          "CREATE TEMP TABLE d1 (id int);\nCREATE TEMP TABLE d2 AS SELECT 1 AS id;\n"
          "DISCARD TEMP;\nCREATE TABLE d1 (id int);\nALTER TABLE d1 ADD COLUMN e int;\n"
          "CREATE TEMP TABLE d2 (id int);\nDISCARD ALL;\nCREATE TABLE d2 (id int);\n"
          "ALTER TABLE d2 ADD COLUMN f int;\n"
          "DO $$ BEGIN CREATE TEMP TABLE caught (id int); CREATE TABLE users (id int);\n"
          "EXCEPTION WHEN duplicate_table THEN null; END $$;\n"
          "CREATE TABLE caught (id int);\nALTER TABLE caught ADD COLUMN g int;\n",
          &n);
    for (int i = 0; i < n.count; i++)
        if (!n.applied[i])
            fail_msg("note %d is no remark: %s", i, n.message[i]);
    assert_table(&s, "staging",
                 "id integer not null\nuser_id integer\npk staging_pkey (id)\n"
                 "fk staging_fk (user_id) -> users (id) on delete CASCADE on update NO ACTION\n");
    assert_table(&s, "scratch", "id integer not null\na integer\npk scratch_pkey (id)\n");
    assert_table(&s, "sp", "id integer\nb integer\n");
    assert_table(&s, "at_once", "id integer\nc integer\n");
    assert_table(&s, "d1", "id integer\ne integer\n");
    assert_table(&s, "d2", "id integer\nf integer\n");
    assert_table(&s, "caught", "id integer\ng integer\n");
    /* still there: it hides the permanent table (ON COMMIT DROP until COMMIT, a released
     * savepoint's, a committed one's) */
    apply(&s,
          "BEGIN;\nCREATE TEMP TABLE staging (id int) ON COMMIT DROP;\n"
          "ALTER TABLE staging ADD COLUMN hidden1 int;\nSAVEPOINT a;\n"
          "CREATE TEMP TABLE scratch (id int);\nRELEASE a;\nCOMMIT;\n"
          "ALTER TABLE scratch ADD COLUMN hidden2 int;\nALTER TABLE staging ADD COLUMN seen int;\n",
          &n);
    assert_null(strstr(describe(&s, "public", "staging"), "hidden1"));
    assert_non_null(strstr(describe(&s, "public", "staging"), "seen integer"));
    assert_null(strstr(describe(&s, "public", "scratch"), "hidden2"));
    sg__schema_release(&s);
}

/* SET LOCAL search_path lasts until its transaction ends: COMMIT brings back the path it hid,
 * ROLLBACK and ROLLBACK TO the path as it was; a SET after it in the transaction is the
 * session's from then on. A DO block outside BEGIN is a transaction of its own. Outside
 * BEGIN, SET LOCAL is taken to be in the migration tool's transaction, to the file's end. */
static void test_migrate__set_local_ends_with_its_transaction(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE users (id int PRIMARY KEY);\n"
          "BEGIN;\nSET LOCAL search_path = app;\nCREATE TABLE a1 (id int);\nCOMMIT;\n"
          "CREATE TABLE posts (id int, user_id int REFERENCES users ON DELETE CASCADE);\n"
          "BEGIN;\nSET search_path = s1;\nSET LOCAL search_path = app;\nCREATE TABLE a2 (id int);\n"
          "COMMIT;\nCREATE TABLE in_s1 (id int);\nRESET search_path;\n"
          "BEGIN;\nSET LOCAL search_path = app;\nSET search_path = s2;\nCOMMIT;\n"
          "CREATE TABLE in_s2 (id int);\nRESET search_path;\n"
          "BEGIN;\nSAVEPOINT p;\nSET LOCAL search_path = app;\nROLLBACK TO p;\n"
          "CREATE TABLE p1 (id int);\nSET LOCAL search_path = app;\nRELEASE p;\n"
          "CREATE TABLE a3 (id int);\nCOMMIT AND CHAIN;\nCREATE TABLE p2 (id int);\nCOMMIT;\n"
          "DO $$ BEGIN SET LOCAL search_path = app; CREATE TABLE a4 (id int); END $$;\n"
          "CREATE TABLE p3 (id int);\n"
          "SET LOCAL search_path = app;\nCREATE TABLE a5 (id int);\n",
          NULL);
    assert_non_null(sg__schema_table(&s, "app", "a1"));
    assert_table(&s, "posts",
                 "id integer\nuser_id integer\n"
                 "fk posts_user_id_fkey (user_id) -> users (id) on delete CASCADE on update NO "
                 "ACTION\n");
    assert_non_null(sg__schema_table(&s, "app", "a2"));
    assert_non_null(sg__schema_table(&s, "s1", "in_s1"));
    assert_non_null(sg__schema_table(&s, "s2", "in_s2"));
    assert_non_null(sg__schema_table(&s, "public", "p1"));
    assert_non_null(sg__schema_table(&s, "app", "a3"));
    assert_non_null(sg__schema_table(&s, "public", "p2"));
    assert_non_null(sg__schema_table(&s, "app", "a4"));
    assert_non_null(sg__schema_table(&s, "public", "p3"));
    assert_non_null(sg__schema_table(&s, "app", "a5"));
    sg__schema_release(&s);
}

/* Nested savepoints, released and rolled back to in every order, with tables dropped (every
 * slot of the model moves) and added between them: each ROLLBACK TO brings back the model
 * exactly as it was at its savepoint. */
static void test_migrate__savepoints_bring_back_each_state(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int);\n"
          "CREATE TABLE c (id int);\n"
          "BEGIN;\nALTER TABLE c ADD COLUMN c1 int;\nSAVEPOINT s1;\nDROP TABLE a;\n"
          "CREATE TABLE d (id int);\nSAVEPOINT s2;\nALTER TABLE d ADD COLUMN d1 int;\n"
          "DROP TABLE b;\nCREATE TABLE e (id int);\nRELEASE s2;\nALTER TABLE c ADD COLUMN c2 int;\n"
          "SAVEPOINT s3;\nDROP TABLE c;\nROLLBACK TO s3;\nALTER TABLE c ADD COLUMN c3 int;\n"
          "ROLLBACK TO s1;\nALTER TABLE b ADD COLUMN b1 int;\nSAVEPOINT s4;\nDROP TABLE c;\n"
          "ROLLBACK TO s4;\nDROP TABLE c;\nROLLBACK TO s4;\nCOMMIT;\n",
          NULL);
    assert_int_equal(s.tables.count, 3);
    assert_table(&s, "a", "id integer not null\npk a_pkey (id)\n");
    assert_table(&s, "b", "id integer\nb1 integer\n");
    assert_table(&s, "c", "id integer\nc1 integer\n");
    sg__schema_release(&s);
}

/* The heap in use when the note comes, in bytes. */
static int heap_at_note(void *ctx, int location, const char *message, bool applied)
{
    (void)location;
    (void)message;
    (void)applied;
    struct mallinfo2 mi = mallinfo2();
    *(size_t *)ctx = mi.uordblks + mi.hblkhd;
    return 0;
}

/* BEGIN and SAVEPOINT do not copy the model: after a thousand transactions, or a thousand
 * nested savepoints, over a few hundred tables, the memory in use is about what as many
 * SELECTs leave (a copy of the tables at each would be tens of megabytes). */
static void test_migrate__transactions_copy_nothing(void **state)
{
    (void)state;
    size_t size = 2000 * 40 + 100;
    char *texts[5];
    for (int k = 0; k < 5; k++) {
        texts[k] = calloc(1, size);
        assert_non_null(texts[k]);
    }
    for (int i = 0; i < 300; i++)
        put(texts[0], size, "CREATE TABLE t%d (id int);\n", i);
    for (int i = 0; i < 1000; i++) {
        put(texts[1], size, "SELECT 1;\nSELECT 2;\n");
        put(texts[2], size, "BEGIN;\nCOMMIT;\n");
        put(texts[3], size, "SELECT %d;\n", i);
        put(texts[4], size, "SAVEPOINT s%d;\n", i);
    }
    size_t heap[5] = {0};
    for (int k = 1; k < 5; k++) {
        put(texts[k], size, "CREATE TABLE noted AS SELECT 1;\n");
        sg__schema s;
        sg__schema_init(&s);
        apply(&s, texts[0], NULL);
        assert_int_equal(sg__migrate_apply(&s, texts[k], "public", heap_at_note, &heap[k]), 0);
        assert_int_equal(s.tables.count, 300);
        sg__schema_release(&s);
    }
    size_t slack = 4u << 20;
    if (heap[2] > heap[1] + slack || heap[4] > heap[3] + slack)
        fail_msg("heap in use: %zu after SELECTs, %zu after as many BEGIN and COMMIT; %zu, %zu "
                 "after SAVEPOINTs",
                 heap[1], heap[2], heap[3], heap[4]);
    for (int k = 0; k < 5; k++)
        free(texts[k]);
}

/* psql's \if nested deeper than from-sql's stack is noted once, at the first \if past it, and
 * everything in it is applied (a live branch is never dropped); a file that ends inside
 * BEGIN is noted at the BEGIN (psql's server rolls it back), what it applied kept. */
static void test_migrate__deep_conditionals_and_open_transactions(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    size_t size = 80 * 40 + 200;
    char *sql = calloc(1, size);
    assert_non_null(sql);
    for (int i = 0; i < 70; i++)
        put(sql, size, "\\if true\n");
    put(sql, size,
        "CREATE TABLE deep_inside (id int);\n\\else\nCREATE TABLE deep_else (id int);\n");
    for (int i = 0; i < 70; i++)
        put(sql, size, "\\endif\n");
    put(sql, size, "\\if false\nCREATE TABLE never (id int);\n\\endif\n");
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 1);
    assert_false(n.applied[0]);
    assert_int_equal(n.location[0], 64 * 9);
    assert_non_null(strstr(n.message[0], "nested deeper than 64"));
    assert_non_null(sg__schema_table(&s, "public", "deep_inside"));
    assert_null(sg__schema_table(&s, "public", "never"));
    free(sql);
    static const char open[] = "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n"
                               "START TRANSACTION;\nCREATE TABLE u (id int);\n";
    notes o = {0};
    apply(&s, open, &o);
    assert_int_equal(o.count, 1);
    assert_false(o.applied[0]);
    assert_int_equal(o.location[0], offset_of(open, "START", 1));
    assert_non_null(strstr(o.message[0], "still open at the end of the file"));
    assert_non_null(sg__schema_table(&s, "public", "u"));
    sg__schema_release(&s);
}

/* ---- ALTER TABLE ------------------------------------------------------------------------- */

/* INHERIT, NO INHERIT, OF and NOT OF change no column or key (the columns must be there and
 * match): no note; on a table the files never make, still refused. */
static void test_migrate__alter_inherit_and_of(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE p (a int);\nCREATE TABLE c (a int, b int);\n"
          "ALTER TABLE c INHERIT p;\nALTER TABLE c NO INHERIT p, ADD COLUMN d int;\n"
          "CREATE TYPE pair AS (x int, y int);\nCREATE TABLE typed (x int, y int);\n"
          "ALTER TABLE typed OF pair;\nALTER TABLE typed NOT OF;\n",
          NULL);
    assert_table(&s, "c", "a integer\nb integer\nd integer\n");
    assert_table(&s, "typed", "x integer\ny integer\n");
    notes n = {0};
    apply(&s, "ALTER TABLE nope INHERIT p;", &n);
    assert_int_equal(n.count, 1);
    assert_non_null(strstr(n.message[0], "ALTER TABLE public.nope: no table"));
    sg__schema_release(&s);
}

static void test_migrate__alter_columns(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE t (a int, b text NOT NULL, c text DEFAULT 'x', d int);"
          "ALTER TABLE t ADD COLUMN e bigint NOT NULL DEFAULT 0, ADD f varchar(10) UNIQUE;"
          "ALTER TABLE t ADD COLUMN IF NOT EXISTS a text;"
          "ALTER TABLE ONLY t ALTER COLUMN a TYPE bigint, ALTER a SET NOT NULL;"
          "ALTER TABLE t ALTER COLUMN b DROP NOT NULL, ALTER COLUMN c DROP DEFAULT;"
          "ALTER TABLE t ALTER COLUMN d SET DEFAULT 42, ALTER COLUMN d SET DATA TYPE numeric(9,2)"
          " USING d::numeric;"
          "ALTER TABLE t DROP COLUMN IF EXISTS zz, DROP COLUMN c;",
          NULL);
    /* e has a default and cannot become an identity column */
    static const char identity[] = "ALTER TABLE t ALTER COLUMN e ADD GENERATED ALWAYS AS IDENTITY;";
    notes refused = {0};
    apply(&s, identity, &refused);
    assert_int_equal(refused.count, 1);
    assert_non_null(strstr(refused.message[0], "NOT NULL without a default"));
    assert_int_equal(column(&s, "t", "e")->identity, 0);
    notes n = {0};
    apply(&s,
          "ALTER TABLE t ALTER COLUMN e DROP DEFAULT;"
          "ALTER TABLE t ALTER COLUMN e ADD GENERATED ALWAYS AS IDENTITY;"
          "ALTER TABLE t ALTER COLUMN e SET GENERATED BY DEFAULT;",
          &n);
    assert_int_equal(n.count, 0);
    assert_table(&s, "t",
                 "a bigint not null\nb text\nd numeric(9,2) default 42\n"
                 "e bigint not null identity d default generated by default as identity\n"
                 "f character varying(10)\nunique t_f_key (f)\n");
    apply(&s, "ALTER TABLE t ALTER COLUMN e DROP IDENTITY IF EXISTS;", NULL);
    assert_string_equal(column(&s, "t", "e")->type, "bigint");
    assert_null(column(&s, "t", "e")->default_expr);
    assert_int_equal(column(&s, "t", "e")->identity, 0);
    assert_false(column(&s, "t", "e")->nullable);
    sg__schema_release(&s);
}

static void test_migrate__alter_constraints(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE r (id int, code text);"
          "ALTER TABLE r ADD PRIMARY KEY (id), ADD CONSTRAINT r_code UNIQUE (code);"
          "CREATE TABLE t (a int, b text, c int);"
          "ALTER TABLE t ADD CONSTRAINT t_b_fk FOREIGN KEY (b) REFERENCES r (code)"
          " ON DELETE CASCADE, ADD FOREIGN KEY (a) REFERENCES r, ADD CHECK (c > 0),"
          " ADD UNIQUE (a, c);"
          "ALTER TABLE t DROP CONSTRAINT t_c_check, DROP CONSTRAINT IF EXISTS nope;",
          NULL);
    assert_table(&s, "r", "id integer not null\ncode text\npk r_pkey (id)\nunique r_code (code)\n");
    assert_table(&s, "t",
                 "a integer\nb text\nc integer\nunique t_a_c_key (a, c)\n"
                 "fk t_b_fk (b) -> r (code) on delete CASCADE on update NO ACTION\n"
                 "fk t_a_fkey (a) -> r (id) on delete NO ACTION on update NO ACTION\n");
    /* drops run first: a primary key replaced in one statement */
    apply(&s,
          "ALTER TABLE t ADD PRIMARY KEY (c), DROP CONSTRAINT t_a_fkey;"
          "ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (a), DROP CONSTRAINT t_pkey;",
          NULL);
    assert_table(&s, "t",
                 "a integer not null\nb text\nc integer not null\npk t_pk (a)\n"
                 "unique t_a_c_key (a, c)\n"
                 "fk t_b_fk (b) -> r (code) on delete CASCADE on update NO ACTION\n");
    /* a key a foreign key needs: RESTRICT refuses, CASCADE drops the foreign key too */
    notes n = {0};
    static const char drop[] = "ALTER TABLE r DROP CONSTRAINT r_code;";
    apply(&s, drop, &n);
    assert_int_equal(n.count, 1);
    assert_int_equal(n.location[0], 0);
    assert_non_null(strstr(n.message[0], "t_b_fk"));
    assert_int_equal(sg__schema_table(&s, "public", "r")->unique.count, 1);
    apply(&s, "ALTER TABLE r DROP CONSTRAINT r_code CASCADE;", NULL);
    assert_table(&s, "r", "id integer not null\ncode text\npk r_pkey (id)\n");
    assert_table(&s, "t",
                 "a integer not null\nb text\nc integer not null\npk t_pk (a)\n"
                 "unique t_a_c_key (a, c)\n");
    sg__schema_release(&s);
}

/* ADD CONSTRAINT ... USING INDEX: the unique index becomes the constraint's. */
static void test_migrate__constraint_using_index(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE t (a int, b int);"
          "CREATE UNIQUE INDEX t_a_uq ON t (a); CREATE UNIQUE INDEX t_b_uq ON t (b);"
          "ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_a_uq;"
          "ALTER TABLE t ADD UNIQUE USING INDEX t_b_uq;",
          NULL);
    assert_table(&s, "t", "a integer not null\nb integer\npk t_pk (a)\nunique t_b_uq (b)\n");
    notes n = {0};
    apply(&s, "ALTER TABLE t ADD UNIQUE USING INDEX nope;", &n);
    assert_int_equal(n.count, 1);
    assert_non_null(strstr(n.message[0], "nope"));
    sg__schema_release(&s);
}

/* A statement the server would refuse changes nothing, all its subcommands
 * included; the note says what and where. */
static void test_migrate__refused_statements_change_nothing(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s, "CREATE TABLE t (a int PRIMARY KEY, b int);", NULL);
    const char *before = strdup(describe(&s, "public", "t"));
    static const char sql[] = "ALTER TABLE t ADD COLUMN c int, DROP COLUMN nope;\n"
                              "ALTER TABLE t ADD COLUMN b int;\n"
                              "ALTER TABLE t ALTER COLUMN a DROP NOT NULL;\n"
                              "ALTER TABLE t ADD PRIMARY KEY (b);\n"
                              "ALTER TABLE t ADD COLUMN d int REFERENCES t (b);\n"
                              "ALTER TABLE t ADD UNIQUE (nope);\n"
                              "ALTER TABLE t DROP CONSTRAINT nope;\n"
                              "ALTER TABLE t RENAME COLUMN a TO b;\n"
                              "ALTER TABLE missing ADD COLUMN x int;\n"
                              "DROP TABLE t, missing;\n"
                              "CREATE UNIQUE INDEX t_pkey ON t (b);\n"
                              "DROP INDEX t_pkey;\n"
                              "ALTER TABLE t ALTER COLUMN b TYPE serial;\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 13);
    const char *at[] = {"ALTER TABLE t ADD COLUMN c",
                        "b int;\n",
                        "ALTER TABLE t ALTER COLUMN a",
                        "PRIMARY KEY (b)",
                        "REFERENCES t (b)",
                        "UNIQUE (nope)",
                        "ALTER TABLE t DROP CONSTRAINT",
                        "ALTER TABLE t RENAME",
                        "missing ADD",
                        "DROP TABLE",
                        "t (b);\nDROP",
                        "DROP INDEX",
                        "serial;"};
    for (int i = 0; i < 13; i++)
        if (n.location[i] != offset_of(sql, at[i], 1))
            fail_msg("note %d at %d, not %d: %s", i, n.location[i], offset_of(sql, at[i], 1),
                     n.message[i]);
    assert_non_null(strstr(n.message[0], "nope"));
    assert_non_null(strstr(n.message[8], "public.missing"));
    assert_non_null(strstr(n.message[11], "constraint"));
    assert_string_equal(describe(&s, "public", "t"), before);
    free((void *)before);
    sg__schema_release(&s);
}

/* ---- drops and renames keep keys consistent ------------------------------------------------ */

static void test_migrate__drop_column_takes_its_keys(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE r (id int PRIMARY KEY, a int, b int, UNIQUE (a, b), CHECK (a > b),"
          " CHECK (id > 0));"
          "CREATE INDEX ON r (lower(a::text)); CREATE INDEX ON r (id) WHERE b > 0;"
          "CREATE TABLE t (x int, y int, FOREIGN KEY (x, y) REFERENCES r (a, b),"
          " FOREIGN KEY (x) REFERENCES r);",
          NULL);
    assert_table(&s, "r",
                 "id integer not null\na integer\nb integer\npk r_pkey (id)\n"
                 "unique r_a_b_key (a, b)\nconstraint r_check (a, b)\nconstraint r_id_check (id)\n"
                 "index r_lower_idx (a)\nindex r_id_idx (id, b)\n");
    notes n = {0};
    apply(&s, "ALTER TABLE r DROP COLUMN b;", &n);
    assert_int_equal(n.count, 1);
    assert_non_null(strstr(n.message[0], "t_x_y_fkey"));
    apply(&s, "ALTER TABLE r DROP COLUMN b CASCADE;", NULL);
    assert_table(&s, "r",
                 "id integer not null\na integer\npk r_pkey (id)\nconstraint r_id_check (id)\n"
                 "index r_lower_idx (a)\n");
    assert_table(&s, "t",
                 "x integer\ny integer\n"
                 "fk t_x_fkey (x) -> r (id) on delete NO ACTION on update NO ACTION\n");
    /* a column of the referencing side: its foreign key goes without CASCADE */
    apply(&s, "ALTER TABLE t DROP COLUMN x;", NULL);
    assert_table(&s, "t", "y integer\n");
    sg__schema_release(&s);
}

static void test_migrate__renames_carry_keys(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(
        &s,
        "CREATE TABLE r (id int PRIMARY KEY, code text UNIQUE);"
        "CREATE TABLE t (id int PRIMARY KEY, r_id int REFERENCES r, code text REFERENCES r (code),"
        " parent int REFERENCES t);"
        "ALTER TABLE r RENAME COLUMN id TO uid;"
        "ALTER TABLE r RENAME code TO ref;"
        "ALTER TABLE t RENAME COLUMN id TO tid;"
        "ALTER TABLE r RENAME TO parent;"
        "ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_pk;"
        "ALTER TABLE t RENAME CONSTRAINT t_code_fkey TO t_code_fk;"
        "ALTER INDEX r_code_key RENAME TO parent_ref_key;",
        NULL);
    assert_table(&s, "parent",
                 "uid integer not null\nref text\npk r_pkey (uid)\nunique parent_ref_key (ref)\n");
    assert_table(&s, "t",
                 "tid integer not null\nr_id integer\ncode text\nparent integer\npk t_pk (tid)\n"
                 "fk t_r_id_fkey (r_id) -> parent (uid) on delete NO ACTION on update NO ACTION\n"
                 "fk t_code_fk (code) -> parent (ref) on delete NO ACTION on update NO ACTION\n"
                 "fk t_parent_fkey (parent) -> t (tid) on delete NO ACTION on update NO ACTION\n");
    /* a new unnamed key may take a name a rename freed */
    apply(&s, "ALTER TABLE t ADD UNIQUE (code); CREATE TABLE r (id int PRIMARY KEY);", NULL);
    assert_string_equal(
        SG__VEC_AT(sg__schema_table(&s, "public", "t")->unique, sg__sc_names, 0).name,
        "t_code_key");
    assert_string_equal(sg__schema_table(&s, "public", "r")->primary_key.name, "r_pkey1");
    sg__schema_release(&s);
}

static void test_migrate__set_schema(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE r (id int PRIMARY KEY);"
          "CREATE TABLE t (id int PRIMARY KEY, r_id int REFERENCES r, p int REFERENCES t);"
          "ALTER TABLE t SET SCHEMA archive;",
          NULL);
    assert_null(sg__schema_table(&s, "public", "t"));
    assert_string_equal(describe(&s, "archive", "t"),
                        "id integer not null\nr_id integer\np integer\npk t_pkey (id)\n"
                        "fk t_r_id_fkey (r_id) -> public.r (id) on delete NO ACTION on update "
                        "NO ACTION\n"
                        "fk t_p_fkey (p) -> t (id) on delete NO ACTION on update NO ACTION\n");
    apply(&s, "ALTER TABLE r SET SCHEMA archive;", NULL);
    assert_string_equal(describe(&s, "archive", "t"),
                        "id integer not null\nr_id integer\np integer\npk t_pkey (id)\n"
                        "fk t_r_id_fkey (r_id) -> r (id) on delete NO ACTION on update NO ACTION\n"
                        "fk t_p_fkey (p) -> t (id) on delete NO ACTION on update NO ACTION\n");
    sg__schema_release(&s);
}

/* ---- indexes and DROP ---------------------------------------------------------------------- */

static void test_migrate__unique_indexes(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE t (a int, b int, email text);"
          "CREATE UNIQUE INDEX t_ab ON t (a, b DESC) INCLUDE (email);"
          "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_email ON ONLY t USING btree (email)"
          " NULLS NOT DISTINCT;"
          "CREATE UNIQUE INDEX IF NOT EXISTS t_email ON t (a);"
          "CREATE UNIQUE INDEX t_lower ON t (lower(email));"
          "CREATE UNIQUE INDEX t_partial ON t (a) WHERE b IS NULL;"
          "CREATE UNIQUE INDEX ON t ((a + 1), a);"
          /* unique as its own collation or operator class compares: no key */
          "CREATE UNIQUE INDEX t_c ON t (email COLLATE \"C\");"
          "CREATE UNIQUE INDEX t_pattern ON t (email text_pattern_ops, a);",
          NULL);
    assert_table(&s, "t",
                 "a integer\nb integer\nemail text\nunique index t_ab (a, b)\n"
                 "unique index t_email (email)\nindex t_lower (email)\nindex t_partial (a, b)\n"
                 "index t_expr_a_idx (a)\nindex t_c (email)\nindex t_pattern (email, a)\n");
    apply(&s,
          "DROP INDEX t_ab, t_lower; DROP INDEX IF EXISTS nope; ALTER INDEX t_email RENAME TO"
          " t_mail;",
          NULL);
    assert_table(&s, "t",
                 "a integer\nb integer\nemail text\nunique index t_mail (email)\n"
                 "index t_partial (a, b)\nindex t_expr_a_idx (a)\nindex t_c (email)\n"
                 "index t_pattern (email, a)\n");
    /* no key, but unique: a foreign key may reference it, as PostgreSQL lets */
    apply(&s,
          "CREATE TABLE r (code text);"
          "CREATE UNIQUE INDEX r_code ON r (code text_pattern_ops);"
          "CREATE TABLE c (code text REFERENCES r (code) ON DELETE CASCADE);",
          NULL);
    assert_table(&s, "c",
                 "code text\nfk c_code_fkey (code) -> r (code) on delete CASCADE on update NO "
                 "ACTION\n");
    sg__schema_release(&s);
}

static void test_migrate__drop_table(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY,"
          " a_id int REFERENCES a); CREATE TABLE c (b_id int REFERENCES b, a_id int REFERENCES a);"
          "CREATE TABLE d (x int);"
          "DROP TABLE IF EXISTS nope; DROP TABLE d;",
          NULL);
    assert_null(sg__schema_table(&s, "public", "d"));
    notes n = {0};
    apply(&s, "DROP TABLE b;", &n);
    assert_int_equal(n.count, 1);
    assert_non_null(strstr(n.message[0], "c_b_id_fkey"));
    assert_non_null(sg__schema_table(&s, "public", "b"));
    /* dropped together, they need nothing; CASCADE drops c's other foreign key */
    apply(&s, "DROP TABLE c, b;", NULL);
    assert_null(sg__schema_table(&s, "public", "b"));
    apply(&s, "CREATE TABLE e (a_id int REFERENCES a); DROP TABLE a CASCADE;", NULL);
    assert_table(&s, "e", "a_id integer\n");
    assert_int_equal(s.tables.count, 1);
    sg__schema_release(&s);
}

/* DROP SCHEMA ... CASCADE takes its tables; CREATE SCHEMA's elements land in it. */
static void test_migrate__schemas(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE SCHEMA app CREATE TABLE t (id int PRIMARY KEY) CREATE TABLE u (t_id int"
          " REFERENCES t);"
          "CREATE TABLE v (t_id int REFERENCES app.t);",
          NULL);
    assert_string_equal(
        describe(&s, "app", "u"),
        "t_id integer\n"
        "fk u_t_id_fkey (t_id) -> t (id) on delete NO ACTION on update NO ACTION\n");
    assert_table(&s, "v",
                 "t_id integer\n"
                 "fk v_t_id_fkey (t_id) -> app.t (id) on delete NO ACTION on update NO ACTION\n");
    notes n = {0};
    apply(&s, "DROP SCHEMA app;", &n);
    assert_int_equal(n.count, 1);
    apply(&s, "DROP SCHEMA app CASCADE; ALTER SCHEMA public RENAME TO main;", NULL);
    assert_int_equal(s.tables.count, 1);
    assert_string_equal(describe(&s, "main", "v"), "t_id integer\n");
    sg__schema_release(&s);
}

/* ---- whole files -------------------------------------------------------------------------- */

/* A file that does not parse: one note at the error, nothing of it applied. */
static void test_migrate__syntax_error_applies_nothing(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char sql[] = "CREATE TABLE ok (a int);\n-- é\nCREATE TABEL bad (a int);\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 1);
    assert_int_equal(n.location[0], offset_of(sql, "TABEL", 1));
    assert_non_null(strstr(n.message[0], "does not parse"));
    assert_int_equal(s.tables.count, 0);
    sg__schema_release(&s);
}

/* The references of a foreign key to a table the files never make are kept. */
static void test_migrate__reference_to_unknown_table(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char sql[] = "CREATE TABLE t (a int REFERENCES ext.users (id), b int"
                              " REFERENCES auth.accounts);";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 2);
    assert_int_equal(n.location[0], offset_of(sql, "ext.users", 1));
    assert_non_null(strstr(n.message[0], "ext.users"));
    assert_table(&s, "t",
                 "a integer\nb integer\n"
                 "fk t_a_fkey (a) -> ext.users (id) on delete NO ACTION on update NO ACTION\n"
                 "fk t_b_fkey (b) -> auth.accounts () on delete NO ACTION on update NO ACTION\n");
    sg__schema_release(&s);
}

/* The files apply one after another to one model. */
static void test_migrate__corpus_migrations(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    static const char *const files[] = {"001_accounts.sql", "002_counterparties.sql",
                                        "003_audit_trail.sql"};
    for (size_t i = 0; i < 3; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/corpus/lint/migrations/%s", SG_SOURCE_DIR, files[i]);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char text[16384];
        size_t len = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[len] = '\0';
        apply(&s, text, NULL);
    }
    assert_table(&s, "sdk_examples_account_limit",
                 "uid uuid not null default gen_random_uuid()\naccount_uid uuid not null\n"
                 "limit_type character varying(64) not null\n"
                 "currency character varying(3) not null\namount numeric(18,2) not null\n"
                 "updated_at timestamp with time zone not null default now()\n"
                 "pk sdk_examples_account_limit_pkey (uid)\n"
                 "unique sdk_examples_account_limit_account_uid_limit_type_currency_key "
                 "(account_uid, limit_type, currency)\n"
                 "fk sdk_examples_account_limit_account_uid_fkey (account_uid) -> "
                 "sdk_examples_account (uid) on delete RESTRICT on update NO ACTION\n"
                 "constraint sdk_examples_account_limit_amount_check (amount)\n"
                 "index sdk_examples_account_limit_account_idx (account_uid)\n");
    assert_int_equal(s.tables.count, 4);
    sg__schema_release(&s);
}

/* A migration tool's file applies its up sections only: goose's, sql-migrate's
 * and dbmate's markers, in any case, several sections in one file; a marker in
 * a string or a longer word is no marker. */
static void test_migrate__up_sections_only(void **state)
{
    (void)state;
    static const char *const files[] = {
        "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE t (a int);\n"
        "-- +goose StatementEnd\n\n-- +goose Down\nDROP TABLE t;\n",
        "-- +migrate Up\nCREATE TABLE t (a int);\n-- +migrate Down\nDROP TABLE t;\n",
        "-- migrate:up\ncreate table t (a int);\n\n-- migrate:down\ndrop table t;\n",
        "--  +GOOSE UP\r\nCREATE TABLE t (a int);\r\n--\t+GOOSE DOWN\r\nDROP TABLE t;\r\n",
        /* up, down, up again: the second up applies */
        "-- migrate:up\nCREATE TABLE t (a int);\n-- migrate:down\nDROP TABLE t;\n"
        "-- migrate:up\nALTER TABLE t ADD COLUMN b text;\n-- migrate:down\n"
        "ALTER TABLE t DROP COLUMN b;\n",
        /* node-pg-migrate's, Play's evolutions', shmig's and tern's */
        "-- Up Migration\nCREATE TABLE t (a int);\n-- Down Migration\nDROP TABLE t;\n",
        "-- !Ups\nCREATE TABLE t (a int);\n\n-- !Downs\nDROP TABLE t;\n",
        "-- ==== UP ====\nBEGIN;\nCREATE TABLE t (a int);\nCOMMIT;\n-- ==== DOWN ====\nBEGIN;\n"
        "DROP TABLE t;\nCOMMIT;\n",
        "CREATE TABLE t (a int);\n---- create above / drop below ----\nDROP TABLE t;\n",
    };
    static const char *const expected[] = {"a integer\n", "a integer\n",         "a integer\n",
                                           "a integer\n", "a integer\nb text\n", "a integer\n",
                                           "a integer\n", "a integer\n",         "a integer\n"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        sg__schema s;
        sg__schema_init(&s);
        apply(&s, files[i], NULL);
        assert_table(&s, "t", expected[i]);
        sg__schema_release(&s);
    }
    /* no markers: a string that reads like one, a comment with more of a word */
    static const char *const plain[] = {
        "CREATE TABLE t (a text DEFAULT '-- +goose Down');\nALTER TABLE t ADD COLUMN b int;\n",
        "CREATE TABLE t (a text);\n-- +goose Downgrade notes\nALTER TABLE t ADD COLUMN b int;\n",
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        sg__schema s;
        sg__schema_init(&s);
        apply(&s, plain[i], NULL);
        assert_non_null(strstr(describe(&s, "public", "t"), "b integer"));
        sg__schema_release(&s);
    }
    /* a note in an up section after a down one is placed in the file as it is */
    sg__schema s;
    sg__schema_init(&s);
    static const char sql[] = "-- +goose Up\nCREATE TABLE t (a int);\n-- +goose Down\n"
                              "DROP TABLE t;\n-- +goose Up\nALTER TABLE u ADD COLUMN b int;\n";
    notes n = {0};
    apply(&s, sql, &n);
    assert_int_equal(n.count, 1);
    assert_int_equal(n.location[0], offset_of(sql, "u ADD", 1));
    sg__schema_release(&s);
}

/* SET search_path moves where unqualified tables are created and found; one that names a
 * migration tool's placeholder (`${schema}`) leaves it where it was, since only the tool
 * knows that schema; "$user", pg_catalog and pg_temp are passed over. */
static void test_migrate__search_path(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "SET search_path TO \"$user\", pg_catalog, app, public;\n"
          "CREATE TABLE t (a int);\n"
          "CREATE TABLE public.u (a int);\n"
          "ALTER TABLE u ADD COLUMN b int;\n"
          "SET search_path TO ${flyway:defaultSchema};\n"
          "CREATE TABLE v (a int);\n"
          "SET search_path TO DEFAULT;\n"
          "CREATE TABLE w (a int);\n",
          NULL);
    assert_non_null(strstr(describe(&s, "app", "t"), "a integer"));
    assert_non_null(strstr(describe(&s, "public", "u"), "b integer"));
    assert_non_null(strstr(describe(&s, "app", "v"), "a integer"));
    assert_non_null(strstr(describe(&s, "public", "w"), "a integer"));
    sg__schema_release(&s);
}

/* What changes nothing of a table (pg_dump's OWNER TO for a sequence or a
 * view, written as ALTER TABLE) is no note when no table has that name;
 * anything else is, in words. */
static void test_migrate__alter_other_relations(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    apply(&s,
          "CREATE SEQUENCE public.authors_id_seq;\n"
          "ALTER TABLE public.authors_id_seq OWNER TO postgres;\n"
          "CREATE VIEW v AS SELECT 1 AS x;\nALTER TABLE ONLY v OWNER TO app, SET (fillfactor = "
          "70);\n",
          NULL);
    notes n = {0};
    static const char sql[] = "ALTER TABLE v OWNER TO app, ADD COLUMN y int;";
    apply(&s, sql, &n);
    assert_int_equal(n.count, 1);
    assert_int_equal(n.location[0], offset_of(sql, "v OWNER", 1));
    assert_string_equal(n.message[0],
                        "ALTER TABLE public.v: no table of that name is created before it (views, "
                        "materialized views and sequences are not followed); not applied");
    sg__schema_release(&s);
}

/* The catalog a schema writes, for data source "ds"; the caller frees it. */
/* Not inlined: gcc 12 then takes pointers into the text for pointers into the local
 * `json` and warns of dangling pointers (-Wdangling-pointer) that are not there. */
__attribute__((noinline)) static char *catalog_text(const sg_schema *s)
{
    char *json = NULL;
    sg_error err = {0};
    sg_catalog_write_options wo = SG_CATALOG_WRITE_OPTIONS_INIT;
    wo.data_source_uid = "ds";
    assert_int_equal(sg_schema_write_catalog(s, &wo, &json, &err), SG_OK);
    return json;
}

/* Makes the subdirectories `subs` of `dir`. */
static void make_dirs(const char *dir, const char *const *subs, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char sub[600];
        snprintf(sub, sizeof sub, "%s/%s", dir, subs[i]);
        assert_int_equal(mkdir(sub, 0755), 0);
    }
}

/* Removes a test's temporary directory and what it holds. */
static void remove_tree(const char *dir)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void write_text(const char *dir, const char *name, const char *text)
{
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* A directory's files apply as their tools apply them: golang-migrate's
 * downs and Flyway's undos are left out, Flyway's repeatable migrations come
 * last; an undo named on its own is applied, as it was asked for. */
static void test_migrate__directory_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/sqlguard-migrate-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_text(dir, "000001_items.up.sql", "CREATE TABLE items (id int);");
    write_text(dir, "000001_items.down.sql", "DROP TABLE items;");
    write_text(dir, "000002_sku.down.sql", "ALTER TABLE items DROP COLUMN sku;");
    write_text(dir, "000002_sku.up.sql", "ALTER TABLE items ADD COLUMN sku text;");
    write_text(dir, "R__grants.sql", "ALTER TABLE orders ADD COLUMN note text;");
    write_text(dir, "V1__orders.sql", "CREATE TABLE orders (id int);");
    write_text(dir, "V1_1__total.sql", "ALTER TABLE orders ADD COLUMN total numeric;");
    write_text(dir, "U1_1__total.sql", "ALTER TABLE orders DROP COLUMN total;");
    write_text(dir, "U2__orders.sql", "DROP TABLE orders;");
    /* versions compare as numbers: 2 before 10, 1 before 1.1 */
    write_text(dir, "V10__more.sql", "ALTER TABLE orders ADD COLUMN more int;");
    write_text(dir, "V2__less.sql", "ALTER TABLE orders ADD COLUMN less int;");
    write_text(dir, "V2.1__drop.sql", "ALTER TABLE orders DROP COLUMN less;");
    write_text(dir, "10_later.sql", "ALTER TABLE items DROP COLUMN extra;");
    write_text(dir, "9_earlier.sql", "ALTER TABLE items ADD COLUMN extra int;");
    const char *const paths[] = {dir};
    sg_schema *s = NULL;
    sg_error err = {0};
    assert_int_equal(sg_schema_from_migrations(paths, 1, NULL, &s, &err), SG_OK);
    assert_int_equal(sg_schema_note_count(s), 0);
    assert_int_equal(sg_schema_table_count(s), 2);
    char names[256] = "";
    for (size_t i = 0; i < sg_schema_table_count(s); i++)
        put(names, sizeof names, "%s ", sg_schema_table_name(s, i));
    assert_non_null(strstr(names, "items "));
    assert_non_null(strstr(names, "orders "));
    sg_schema_free(s);
    /* named on its own, a down file is applied */
    char down[600];
    snprintf(down, sizeof down, "%s/000002_sku.down.sql", dir);
    const char *const both[] = {dir, down};
    assert_int_equal(sg_schema_from_migrations(both, 2, NULL, &s, &err), SG_OK);
    assert_int_equal(sg_schema_note_count(s), 0);
    sg_schema_free(s);
    remove_tree(dir);
}

/* Flyway's baseline migrations: the latest one stands for the versioned migrations up to its
 * version, which are not applied, nor are older baselines; those after it are. */
static void test_migrate__flyway_baselines(void **state)
{
    (void)state;
    char dir[] = "/tmp/sqlguard-baseline-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const struct {
        const char *name, *sql;
    } files[] = {
        {"V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY);"},
        {"V2__email.sql", "ALTER TABLE users ADD COLUMN email text;"},
        {"B1__old_baseline.sql", "CREATE TABLE users (id int PRIMARY KEY, old text);"},
        {"B2__baseline.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);"},
        {"V3__name.sql", "ALTER TABLE users ADD COLUMN name text;"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        write_text(dir, files[i].name, files[i].sql);
    const char *const paths[] = {dir};
    sg_schema *s = NULL;
    sg_error err = {0};
    assert_int_equal(sg_schema_from_migrations(paths, 1, NULL, &s, &err), SG_OK);
    assert_int_equal(sg_schema_note_count(s), 0);
    char *json = catalog_text(s);
    assert_non_null(strstr(json, "\"email\""));
    assert_non_null(strstr(json, "\"name\""));
    assert_null(strstr(json, "\"old\""));
    sg_free(json);
    sg_schema_free(s);
    remove_tree(dir);
}

/* A sqitch project: the deploy scripts apply in the order of sqitch.plan (not of their names),
 * from the project's directory or from its deploy directory; a change reworked later applied
 * its `name@tag` script at its first place; a change without a script is noted; a script the
 * plan does not name is not deployed. */
static void test_migrate__sqitch_plan_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/sqlguard-sqitch-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char deploy[600];
    snprintf(deploy, sizeof deploy, "%s/deploy", dir);
    assert_int_equal(mkdir(deploy, 0700), 0);
    write_text(dir, "sqitch.plan",
               "%syntax-version=1.0.0\n%project=flipr\n\n"
               "users 2024-01-01T00:00:00Z A <a@x> # users\n"
               "add_email [users] 2024-01-02T00:00:00Z A <a@x> # email\n"
               "@v1 2024-01-03T00:00:00Z A <a@x> # tag\n"
               "  # a comment\n"
               "@v1b 2024-01-03T00:00:00Z A <a@x> # another tag\n"
               "add_email [add_email@v1b] 2024-01-04T00:00:00Z A <a@x> # reworked\n"
               "@v2 2024-01-05T00:00:00Z A <a@x> # tag\n"
               "add_email [add_email@v2] 2024-01-06T00:00:00Z A <a@x> # reworked again\n"
               "missing 2024-01-07T00:00:00Z A <a@x>\n");
    write_text(deploy, "users.sql", "CREATE TABLE users (id int PRIMARY KEY);");
    /* sqitch rework keeps the script under the last tag before the rework */
    write_text(deploy, "add_email@v1b.sql", "ALTER TABLE users ADD COLUMN email text;");
    write_text(deploy, "add_email@v2.sql", "ALTER TABLE users ADD COLUMN email_v2 text;");
    write_text(deploy, "add_email.sql", "ALTER TABLE users ADD COLUMN email_ok boolean;");
    write_text(deploy, "aaa_unplanned.sql", "ALTER TABLE users ADD COLUMN nope int;");
    for (int pass = 0; pass < 2; pass++) {
        const char *const paths[] = {pass ? deploy : dir};
        sg_schema *s = NULL;
        sg_error err = {0};
        assert_int_equal(sg_schema_from_migrations(paths, 1, NULL, &s, &err), SG_OK);
        assert_int_equal(sg_schema_note_count(s), 1);
        const sg_schema_note *n = sg_schema_note_at(s, 0);
        assert_non_null(strstr(n->file, "sqitch.plan"));
        assert_int_equal(n->line, 12);
        assert_non_null(strstr(n->message, "change missing has no deploy script"));
        assert_int_equal(sg_schema_table_count(s), 1);
        char *json = catalog_text(s);
        assert_non_null(strstr(json, "\"email\""));
        assert_non_null(strstr(json, "\"email_v2\""));
        assert_non_null(strstr(json, "\"email_ok\""));
        assert_null(strstr(json, "\"nope\""));
        sg_free(json);
        sg_schema_free(s);
    }
    static const char *const files[] = {"users.sql", "add_email@v1b.sql", "add_email@v2.sql",
                                        "add_email.sql", "aaa_unplanned.sql"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", deploy, files[i]);
        assert_int_equal(remove(path), 0);
    }
    char plan[600];
    snprintf(plan, sizeof plan, "%s/sqitch.plan", dir);
    assert_int_equal(remove(plan), 0);
    assert_int_equal(rmdir(deploy), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* Prisma's layout: each migration is <version>_<name>/migration.sql, applied in
 * the order of the directories' names; a .SQL file counts as a .sql one. */
static void test_migrate__prisma_directories(void **state)
{
    (void)state;
    char dir[] = "/tmp/sqlguard-prisma-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const char *const subs[] = {"20240202000000_more", "20231231000000_first",
                                       "20240101000000_init", "empty"};
    make_dirs(dir, subs, sizeof subs / sizeof subs[0]);
    write_text(dir, "20231231000000_first/migration.sql", "CREATE TABLE \"User\" (id int);");
    write_text(dir, "20240101000000_init/migration.sql",
               "ALTER TABLE \"User\" ADD COLUMN email text;");
    write_text(dir, "20240202000000_more/migration.sql",
               "ALTER TABLE \"User\" ADD COLUMN name text;");
    write_text(dir, "migration_lock.toml", "provider = \"postgresql\"\n");
    write_text(dir, "Z_LAST.SQL", "ALTER TABLE \"User\" ADD COLUMN last text;");
    const char *const paths[] = {dir};
    sg_schema *s = NULL;
    sg_error err = {0};
    assert_int_equal(sg_schema_from_migrations(paths, 1, NULL, &s, &err), SG_OK);
    assert_int_equal(sg_schema_note_count(s), 0);
    assert_int_equal(sg_schema_table_count(s), 1);
    assert_string_equal(sg_schema_table_name(s, 0), "User");
    sg_schema_free(s);
    remove_tree(dir);
}

/* Hasura's and Diesel's layout: <version>_<name>/up.sql beside down.sql; the up
 * files apply in the order of the directories' names, the down files never. Files
 * named as undoing (postgrator's .undo.sql, yoyo's .rollback.sql, db-migrate's
 * -down.sql) are left out of a directory too. */
static void test_migrate__up_and_down_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/sqlguard-hasura-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const char *const subs[] = {"1700000000001_color", "1700000000000_init"};
    make_dirs(dir, subs, 2);
    static const struct {
        const char *name, *sql;
    } files[] = {
        {"1700000000000_init/up.sql", "CREATE TABLE w (id int PRIMARY KEY, name text);"},
        {"1700000000000_init/down.sql", "DROP TABLE w;"},
        {"1700000000001_color/up.sql", "ALTER TABLE w ADD COLUMN color text;"},
        {"1700000000001_color/down.sql", "ALTER TABLE w DROP COLUMN color;"},
        {"1700000000002.do.sql", "ALTER TABLE w ADD COLUMN size int;"},
        {"1700000000002.undo.sql", "ALTER TABLE w DROP COLUMN size;"},
        {"1700000000003.x.rollback.sql", "DROP TABLE w;"},
        {"1700000000004-x-up.sql", "ALTER TABLE w ADD COLUMN weight int;"},
        {"1700000000004-x-down.sql", "DROP TABLE w;"},
        {"1700000000005.undo.size-again.sql", "ALTER TABLE w DROP COLUMN size;"},
        {"1700000000006_cool-down.sql", "ALTER TABLE w ADD COLUMN cool int;"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        write_text(dir, files[i].name, files[i].sql);
    const char *const paths[] = {dir};
    sg_schema *s = NULL;
    sg_error err = {0};
    assert_int_equal(sg_schema_from_migrations(paths, 1, NULL, &s, &err), SG_OK);
    assert_int_equal(sg_schema_note_count(s), 0);
    assert_int_equal(sg_schema_table_count(s), 1);
    assert_string_equal(sg_schema_table_name(s, 0), "w");
    char *json = catalog_text(s);
    const char *color = strstr(json, "\"color\""), *size = strstr(json, "\"size\""),
               *weight = strstr(json, "\"weight\""), *cool = strstr(json, "\"cool\"");
    assert_non_null(color);
    assert_non_null(size);
    assert_non_null(weight);
    assert_non_null(cool);
    assert_true(color < size && size < weight && weight < cool); /* in the order they apply */
    sg_free(json);
    sg_schema_free(s);
    remove_tree(dir);
}

/* A foreign key to a table no migration creates (Supabase's auth.users) applies: its
 * note is a remark (applied), while a statement the server would refuse is not. */
static void test_migrate__remarks_and_refusals(void **state)
{
    (void)state;
    char dir[] = "/tmp/sqlguard-remark-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_text(dir, "001_profiles.sql",
               "CREATE TABLE profiles (id uuid PRIMARY KEY REFERENCES auth.users ON DELETE "
               "CASCADE, name text);\nALTER TABLE nosuch ADD COLUMN x int;\n");
    char path[600];
    snprintf(path, sizeof path, "%s/001_profiles.sql", dir);
    const char *const paths[] = {path};
    sg_schema *s = NULL;
    sg_error err = {0};
    assert_int_equal(sg_schema_from_migrations(paths, 1, NULL, &s, &err), SG_OK);
    assert_int_equal(sg_schema_table_count(s), 1);
    assert_int_equal(sg_schema_note_count(s), 2);
    const sg_schema_note *fk = sg_schema_note_at(s, 0), *refused = sg_schema_note_at(s, 1);
    assert_true(fk->applied);
    assert_non_null(strstr(fk->message, "auth.users"));
    assert_int_equal(fk->line, 1);
    assert_false(refused->applied);
    assert_int_equal(refused->line, 2);
    sg_schema_free(s);
    assert_int_equal(remove(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* What migration tools' file names say, by name alone. */
static void test_migrate__file_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        sg_migration_name kind;
    } cases[] = {
        {"V1__init.sql", SG_MIGRATION_NAME_APPLY},
        {"V1_2__add.sql", SG_MIGRATION_NAME_APPLY},
        {"V2.1.3__x.sql", SG_MIGRATION_NAME_APPLY},
        {"V20240101120000__x.sql", SG_MIGRATION_NAME_APPLY},
        {"000001_items.up.sql", SG_MIGRATION_NAME_APPLY},
        {"1_x.UP.SQL", SG_MIGRATION_NAME_APPLY},
        {"U3__undo.sql", SG_MIGRATION_NAME_UNDO},
        {"000001_items.down.sql", SG_MIGRATION_NAME_UNDO},
        {"R__views.sql", SG_MIGRATION_NAME_REPEATABLE},
        {"001.do.sql", SG_MIGRATION_NAME_APPLY},
        {"001.undo.sql", SG_MIGRATION_NAME_UNDO},
        {"002.do.add-color.sql", SG_MIGRATION_NAME_APPLY},
        {"002.undo.add-color.sql", SG_MIGRATION_NAME_UNDO},
        {"0001.add-users.rollback.sql", SG_MIGRATION_NAME_UNDO},
        {"up.sql", SG_MIGRATION_NAME_APPLY},
        {"DOWN.sql", SG_MIGRATION_NAME_UNDO},
        /* forward migrations whose names end like a down file's */
        {"V2__price_mark_down.sql", SG_MIGRATION_NAME_APPLY},
        {"V3__add_cool_down.sql", SG_MIGRATION_NAME_APPLY},
        {"V4__undo.rollback.sql", SG_MIGRATION_NAME_APPLY},
        {"20240101_add_cool_down.sql", SG_MIGRATION_NAME_NONE},
        {"20240101000000-init-down.sql", SG_MIGRATION_NAME_NONE},
        {"20240101000000-init-up.sql", SG_MIGRATION_NAME_NONE},
        {"003.download.sql", SG_MIGRATION_NAME_NONE},
        /* no tool's naming */
        {"Version__x.sql", SG_MIGRATION_NAME_NONE},
        {"v1__x.sql", SG_MIGRATION_NAME_NONE},
        {"V1_x.sql", SG_MIGRATION_NAME_NONE},
        {"V__x.sql", SG_MIGRATION_NAME_NONE},
        {"setup.sql", SG_MIGRATION_NAME_NONE},
        {"teardown.sql", SG_MIGRATION_NAME_NONE},
        {"markup.sql", SG_MIGRATION_NAME_NONE},
        {"001_accounts.sql", SG_MIGRATION_NAME_NONE},
        {"queries.sql", SG_MIGRATION_NAME_NONE},
        {"", SG_MIGRATION_NAME_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (sg_migration_name_of(cases[i].name) != cases[i].kind)
            fail_msg("%s: %d, expected %d", cases[i].name, (int)sg_migration_name_of(cases[i].name),
                     (int)cases[i].kind);
    assert_int_equal(sg_migration_name_of(NULL), SG_MIGRATION_NAME_NONE);
}

static void test_migrate__note_callback_stops(void **state)
{
    (void)state;
    sg__schema s;
    sg__schema_init(&s);
    notes n = {.stop_at = 1};
    assert_int_equal(sg__migrate_apply(&s, "CREATE TABLE t AS SELECT 1; CREATE TABLE u (a int);",
                                       "public", take_note, &n),
                     -1);
    assert_int_equal(n.count, 1);
    assert_null(sg__schema_table(&s, "public", "u"));
    sg__schema_release(&s);
}

/* Applies `sql` failing the first, second, ... allocation in turn, until
 * one run needs no more: every failure is a clean -1 that leaks nothing,
 * and every run that succeeds describes `schema`.`table` as a run with no
 * failure does, with as many notes. */
static void fail_each_allocation(const char *sql, const char *schema, const char *table)
{
    sg__schema ref;
    sg__schema_init(&ref);
    notes rn = {0};
    assert_int_equal(sg__migrate_apply(&ref, sql, "public", take_note, &rn), 0);
    char *expected = strdup(describe(&ref, schema, table));
    sg__schema_release(&ref);
    unsigned long failures = 0;
    for (unsigned long k = 1;; k++) {
        long live = sg__alloc_live();
        sg__schema s;
        sg__schema_init(&s);
        notes n = {0};
        sg__alloc_fail_at(k);
        int rc = sg__migrate_apply(&s, sql, "public", take_note, &n);
        unsigned long attempts = sg__alloc_count();
        sg__alloc_fail_at(0);
        if (rc == 0) {
            assert_true(attempts < k);
            assert_string_equal(describe(&s, schema, table), expected);
            assert_int_equal(n.count, rn.count);
        } else {
            assert_int_equal(rc, -1);
            failures++;
        }
        sg__schema_release(&s);
        assert_int_equal(sg__alloc_live(), live);
        if (attempts < k)
            break;
    }
    assert_true(failures > 10);
    free(expected);
}

/* Running out of memory at any allocation is -1 and leaks nothing; a run
 * that gets all its memory ends in the reference model. */
static void test_migrate__allocation_failures(void **state)
{
    (void)state;
    static const char sql[] =
        "CREATE TABLE r (id serial PRIMARY KEY, code text UNIQUE, d int DEFAULT 1 + 2);"
        "CREATE TABLE t (a int REFERENCES r, b text REFERENCES r (code), c int CHECK (c > 0),"
        " UNIQUE (a, b) INCLUDE (c), d interval day, e varchar(3)[]);"
        "CREATE UNIQUE INDEX ON t (c); CREATE INDEX ON t (lower(b)) WHERE a > 0;"
        "ALTER TABLE t ADD COLUMN f int NOT NULL DEFAULT 0, DROP COLUMN c, ADD PRIMARY KEY (f);"
        "ALTER TABLE r RENAME COLUMN code TO ref; ALTER TABLE t RENAME TO u;"
        "ALTER TABLE u SET SCHEMA app; ALTER TABLE r DROP CONSTRAINT r_code_key CASCADE;"
        "CREATE TABLE x AS SELECT 1; DROP TABLE r CASCADE;";
    sg__schema ref;
    sg__schema_init(&ref);
    notes rn = {0};
    assert_int_equal(sg__migrate_apply(&ref, sql, "public", take_note, &rn), 0);
    assert_int_equal(ref.tables.count, 1);
    sg__schema_release(&ref);
    fail_each_allocation(sql, "app", "u");
}

/* Running out of memory in a DO block, psql's branches, a savepoint or a temporary table is
 * a clean -1 as well, and when nothing runs out the result is the same. */
static void test_migrate__allocation_failures_in_blocks(void **state)
{
    (void)state;
    static const char sql[] =
        "\\set big false\n\\if :big\nCREATE TABLE r (id bigint PRIMARY KEY);\n\\else\n"
        "CREATE TABLE r (id int PRIMARY KEY);\n\\endif\n\\if :unknown\nSELECT 1;\n\\endif\n"
        "CREATE TABLE t (a int, b text);\n"
        "DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES r ON DELETE "
        "CASCADE; ALTER TABLE t ALTER COLUMN b SET DEFAULT 'x';\n"
        "EXCEPTION WHEN duplicate_object THEN null; END $$;\n"
        "DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES r;\n"
        "EXCEPTION WHEN duplicate_object THEN null; END $$;\n"
        "DO $$ BEGIN IF true THEN EXECUTE 'ALTER TABLE t ADD COLUMN z int'; END IF; END $$;\n"
        "BEGIN; SAVEPOINT s; ALTER TABLE t ADD COLUMN c int; ROLLBACK TO SAVEPOINT s;\n"
        "CREATE TEMP TABLE tmp (a int); DROP TABLE tmp; COMMIT;\n"
        "SELECT 'x' \\gexec\nCALL p();\n";
    sg__schema ref;
    sg__schema_init(&ref);
    notes rn = {0};
    assert_int_equal(sg__migrate_apply(&ref, sql, "public", take_note, &rn), 0);
    assert_non_null(strstr(describe(&ref, "public", "t"), "on delete CASCADE"));
    assert_int_equal(rn.count, 5);
    sg__schema_release(&ref);
    fail_each_allocation(sql, "public", "t");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate__column_types),
        cmocka_unit_test(test_migrate__psql_script),
        cmocka_unit_test(test_migrate__placeholders_and_includes),
        cmocka_unit_test(test_migrate__placeholder_statements_applied_in_part),
        cmocka_unit_test(test_migrate__liquibase_changesets),
        cmocka_unit_test(test_migrate__nullability_and_defaults),
        cmocka_unit_test(test_migrate__domain_defaults),
        cmocka_unit_test(test_migrate__type_renames),
        cmocka_unit_test(test_migrate__serial_identity_generated),
        cmocka_unit_test(test_migrate__keys_inline_and_table),
        cmocka_unit_test(test_migrate__repeated_keys_make_one),
        cmocka_unit_test(test_migrate__chosen_names),
        cmocka_unit_test(test_migrate__create_table_notes),
        cmocka_unit_test(test_migrate__statements_that_change_nothing),
        cmocka_unit_test(test_migrate__unknown_statements_noted),
        cmocka_unit_test(test_migrate__temporary_tables),
        cmocka_unit_test(test_migrate__do_block_statements_apply),
        cmocka_unit_test(test_migrate__do_blocks_in_other_shapes),
        cmocka_unit_test(test_migrate__routines_with_ddl_are_noted_where_called),
        cmocka_unit_test(test_migrate__routines_calling_ddl_routines_are_noted),
        cmocka_unit_test(test_migrate__psql_conditionals),
        cmocka_unit_test(test_migrate__rollback_undoes),
        cmocka_unit_test(test_migrate__do_block_handler_hides_nothing_unfollowed),
        cmocka_unit_test(test_migrate__do_block_handler_may_catch_unseen_errors),
        cmocka_unit_test(test_migrate__temporary_table_renames),
        cmocka_unit_test(test_migrate__set_schema_keeps_column_types),
        cmocka_unit_test(test_migrate__temporary_tables_end),
        cmocka_unit_test(test_migrate__set_local_ends_with_its_transaction),
        cmocka_unit_test(test_migrate__savepoints_bring_back_each_state),
        cmocka_unit_test(test_migrate__transactions_copy_nothing),
        cmocka_unit_test(test_migrate__deep_conditionals_and_open_transactions),
        cmocka_unit_test(test_migrate__schema_elements_see_the_path),
        cmocka_unit_test(test_migrate__return_rule_makes_a_view),
        cmocka_unit_test(test_migrate__repeated_unique_written_once),
        cmocka_unit_test(test_migrate__alter_inherit_and_of),
        cmocka_unit_test(test_migrate__alter_columns),
        cmocka_unit_test(test_migrate__alter_constraints),
        cmocka_unit_test(test_migrate__constraint_using_index),
        cmocka_unit_test(test_migrate__refused_statements_change_nothing),
        cmocka_unit_test(test_migrate__drop_column_takes_its_keys),
        cmocka_unit_test(test_migrate__renames_carry_keys),
        cmocka_unit_test(test_migrate__set_schema),
        cmocka_unit_test(test_migrate__unique_indexes),
        cmocka_unit_test(test_migrate__drop_table),
        cmocka_unit_test(test_migrate__schemas),
        cmocka_unit_test(test_migrate__syntax_error_applies_nothing),
        cmocka_unit_test(test_migrate__reference_to_unknown_table),
        cmocka_unit_test(test_migrate__corpus_migrations),
        cmocka_unit_test(test_migrate__up_sections_only),
        cmocka_unit_test(test_migrate__alter_other_relations),
        cmocka_unit_test(test_migrate__directory_order),
        cmocka_unit_test(test_migrate__prisma_directories),
        cmocka_unit_test(test_migrate__sqitch_plan_order),
        cmocka_unit_test(test_migrate__flyway_baselines),
        cmocka_unit_test(test_migrate__up_and_down_files),
        cmocka_unit_test(test_migrate__search_path),
        cmocka_unit_test(test_migrate__remarks_and_refusals),
        cmocka_unit_test(test_migrate__file_names),
        cmocka_unit_test(test_migrate__note_callback_stops),
        cmocka_unit_test(test_migrate__allocation_failures),
        cmocka_unit_test(test_migrate__allocation_failures_in_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
