/*
 * test_soundness.c - PostgreSQL itself judges the guard.
 *
 * Every table of corpus/catalog.json on data source 0b6e3f1c-... is created in
 * a database of its own (sg_soundness), with the catalog's columns, keys and a
 * few rows. Then every corpus case the guard allows runs on the server as a
 * fresh role that holds exactly the privileges its scope declares (USAGE on the
 * schemas; SELECT for read; SELECT, INSERT, UPDATE, DELETE for write; nothing
 * else), through a libpq executor with rollback_only and that role, so nothing
 * sticks. PostgreSQL's privilege check is the referee:
 *
 *  - 42501 (insufficient privilege) for an allowed case means the statement
 *    touches more than the guard proved: a bypass or a mis-resolution;
 *  - any other class-42 error (undefined column, ambiguous parameter, ...)
 *    happens before the privilege check and would leave the case untested;
 *  - other errors (data, constraints, cardinality, timeouts) are fine but
 *    counted and printed.
 *
 * Functions are judged the same way. In this database PUBLIC loses EXECUTE on
 * every routine of pg_catalog (and information_schema), and a group role that
 * every case role is a member of gets it back for exactly what the guard
 * admits: the functions of the allow-list (rules/funclist.c, decided by name),
 * the functions behind pg_catalog's operators and behind the casts, and the
 * functions the test tables' defaults call. PostgreSQL checks EXECUTE on every
 * function a plan calls, so a 42501 "permission denied for function" in an
 * allowed case is the guard admitting a call it does not allow; the failure
 * message tells it apart from a 42501 on a table.
 *
 * A select that locks rows fails in the executor's READ ONLY transaction with
 * 25006 before the privilege check; those cases are run once more, as the same
 * role, outside READ ONLY (and rolled back), so that they are judged too.
 *
 * PostgreSQL checks privileges only on what survives planning: a table in a
 * sub-select under `NULL::int < (...)` or in a WITH query nobody references is
 * never checked. So the compiled SQL of every allowed case is also read a
 * second time, without the guard and without planning (tests/relations.c):
 * every relation it names must be a table of the scope or a WITH query in
 * sight, every table it writes or locks one scoped write.
 *
 * The database also holds hazards in the default schema, executable by PUBLIC:
 * overloads of allow-listed names, operators pg_catalog lacks, a domain whose
 * CHECK calls a SECURITY DEFINER function, a function of a scoped table's row
 * type. Each records its calls in hazard_log; no allowed case may reach one,
 * and probes show that the executor's pinned search path is what keeps them out
 * of reach.
 *
 * Conversely, a handful of denied scope/access cases, run as the role their
 * scope would get, must fail with 42501 on a table, and denied function cases
 * with 42501 on a function: the roles are tight enough for the test to mean
 * something.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "relations.h"
#include "support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "funclist.h"
#include "sqlguard.h"

#define CASES_DIR SG_SOURCE_DIR "/corpus/cases"
#define CATALOG SG_SOURCE_DIR "/corpus/catalog.json"
#define DB_NAME "sg_soundness"
#define DS_A "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define ROLE_PREFIX "sg_case_"
/* The group role holding EXECUTE on what the guard admits; every case role is a member. */
#define EXEC_GROUP "sg_soundness_exec"

static char *g_base_dsn; /* superuser, database postgres */
static char *g_dsn;      /* superuser, database sg_soundness */
static PGconn *g_admin;  /* superuser connection to sg_soundness */
static cJSON *g_catalog_json;
static sg_catalog *g_catalog;
static int g_role_seq;
static char *g_exec_search_path; /* what the libpq executor sets, e.g. pg_catalog, pg_temp */

/* The function privileges the fixture set (restrict_functions). */
static struct {
    int routines;   /* routines of pg_catalog */
    int had_public; /* of those, how many PUBLIC could execute before */
    int granted;    /* granted to EXEC_GROUP, the five kinds below together */
    int by_name;    /* on the allow-list */
    int operators;  /* not on it, but behind an operator of pg_catalog */
    int casts;      /* not on it, but behind a cast */
    int defaults;   /* none of these, but called by a test table's default */
    /* none of these, but a type's output or input function (not the reg*
     * types', which resolve names, nor aclitem's or xml's): a cast through
     * text of a constant, or of a parameter's value, is folded when the
     * statement is planned, and the folding checks EXECUTE on them */
    int io;
    int others; /* routines of information_schema, all revoked */
} g_funcs;

/* ---- helpers ------------------------------------------------------------------------------- */

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

/* A growable string. */
typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

static void bputs(buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

static void bprintf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *tmp = malloc((size_t)n + 1);
    if (!tmp)
        abort();
    va_start(ap, fmt);
    vsnprintf(tmp, (size_t)n + 1, fmt, ap);
    va_end(ap);
    bputs(b, tmp);
    free(tmp);
}

/* A quoted identifier; the caller frees it. */
static char *ident(const char *name)
{
    char *q = PQescapeIdentifier(g_admin, name, strlen(name));
    assert_non_null(q);
    char *copy = xstrdup(q);
    PQfreemem(q);
    return copy;
}

static void admin(const char *sql)
{
    PGresult *res = PQexec(g_admin, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("admin: %s\n-> %s", sql, PQerrorMessage(g_admin));
    PQclear(res);
}

static const cJSON *member(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *str_member(const cJSON *o, const char *key)
{
    const cJSON *m = member(o, key);
    return cJSON_IsString(m) ? m->valuestring : NULL;
}

/* The catalog's meta table with this uid. */
static const cJSON *meta_table(const char *uid)
{
    const cJSON *t;
    cJSON_ArrayForEach(t, member(g_catalog_json, "meta_tables"))
    {
        const char *u = str_member(t, "uid");
        if (u && strcmp(u, uid) == 0)
            return t;
    }
    return NULL;
}

/* ---- the schema of the catalog ------------------------------------------------------------- */

static void create_catalog_tables(void)
{
    buf sql = {0};
    bputs(&sql, "DROP SCHEMA IF EXISTS ledger CASCADE; CREATE SCHEMA ledger;");
    const cJSON *t;
    cJSON_ArrayForEach(t, member(g_catalog_json, "meta_tables"))
    {
        if (strcmp(str_member(t, "data_source_uid"), DS_A) != 0)
            continue;
        char *schema = ident(str_member(t, "schema"));
        char *name = ident(str_member(t, "physical_table_name"));
        const cJSON *cols = member(t, "columns");
        if (cJSON_GetArraySize(cols) == 0)
            fail_msg("catalog table %s lists no columns", str_member(t, "identifier"));
        bprintf(&sql,
                "CREATE SCHEMA IF NOT EXISTS %s; DROP TABLE IF EXISTS %s.%s CASCADE; "
                "CREATE TABLE %s.%s (",
                schema, schema, name, schema, name);
        const cJSON *c;
        bool first = true;
        cJSON_ArrayForEach(c, cols)
        {
            char *col = ident(str_member(c, "name"));
            bprintf(&sql, "%s%s %s", first ? "" : ", ", col, str_member(c, "type"));
            if (cJSON_IsFalse(member(c, "nullable")))
                bputs(&sql, " NOT NULL");
            if (str_member(c, "default"))
                bprintf(&sql, " DEFAULT %s", str_member(c, "default"));
            free(col);
            first = false;
        }
        const cJSON *k;
        if (cJSON_GetArraySize(member(t, "primary_key")) > 0) {
            bputs(&sql, ", PRIMARY KEY (");
            first = true;
            cJSON_ArrayForEach(k, member(t, "primary_key"))
            {
                char *col = ident(k->valuestring);
                bprintf(&sql, "%s%s", first ? "" : ", ", col);
                free(col);
                first = false;
            }
            bputs(&sql, ")");
        }
        const cJSON *u;
        cJSON_ArrayForEach(u, member(t, "unique"))
        {
            bputs(&sql, ", UNIQUE (");
            first = true;
            cJSON_ArrayForEach(k, u)
            {
                char *col = ident(k->valuestring);
                bprintf(&sql, "%s%s", first ? "" : ", ", col);
                free(col);
                first = false;
            }
            bputs(&sql, ")");
        }
        bputs(&sql, ");");
        free(schema);
        free(name);
    }
    /* foreign keys, once every table exists; the referenced table is named physically, on the
     * same data source */
    cJSON_ArrayForEach(t, member(g_catalog_json, "meta_tables"))
    {
        if (strcmp(str_member(t, "data_source_uid"), DS_A) != 0)
            continue;
        const cJSON *fk;
        cJSON_ArrayForEach(fk, member(t, "foreign_keys"))
        {
            const char *ref = str_member(fk, "references");
            const cJSON *target = NULL, *cand;
            cJSON_ArrayForEach(cand, member(g_catalog_json, "meta_tables"))
            {
                if (strcmp(str_member(cand, "data_source_uid"), DS_A) == 0 &&
                    strcmp(str_member(cand, "physical_table_name"), ref) == 0)
                    target = cand;
            }
            assert_non_null(target);
            char *schema = ident(str_member(t, "schema"));
            char *name = ident(str_member(t, "physical_table_name"));
            char *rschema = ident(str_member(target, "schema"));
            char *rname = ident(ref);
            bprintf(&sql, "ALTER TABLE %s.%s ADD FOREIGN KEY (", schema, name);
            const cJSON *k;
            bool first = true;
            cJSON_ArrayForEach(k, member(fk, "columns"))
            {
                char *col = ident(k->valuestring);
                bprintf(&sql, "%s%s", first ? "" : ", ", col);
                free(col);
                first = false;
            }
            bprintf(&sql, ") REFERENCES %s.%s (", rschema, rname);
            first = true;
            cJSON_ArrayForEach(k, member(fk, "referenced_columns"))
            {
                char *col = ident(k->valuestring);
                bprintf(&sql, "%s%s", first ? "" : ", ", col);
                free(col);
                first = false;
            }
            const char *on_delete = str_member(fk, "on_delete"),
                       *on_update = str_member(fk, "on_update");
            bprintf(&sql, ")%s%s%s%s;", on_delete ? " ON DELETE " : "", on_delete ? on_delete : "",
                    on_update ? " ON UPDATE " : "", on_update ? on_update : "");
            free(schema);
            free(name);
            free(rschema);
            free(rname);
        }
    }
    admin(sql.s);
    free(sql.s);
}

/* A few rows, with the uids the corpus cases use, so that reads and writes touch real rows. */
static const char SEED_DATA[] =
    "INSERT INTO public.sdk_examples_account (uid, account_code, name, region) VALUES "
    "('8f14e45f-ceea-467a-9af0-3b1c2d4e5f60', 'ACME', 'Acme Capital', 'US'),"
    "('c9f0f895-fb98-4b91-8a5e-2e7c1f3a9d12', 'GLOBEX', 'Globex', 'EU'),"
    "(gen_random_uuid(), 'ACME.EU', 'Acme Europe', 'EU'),"
    "(gen_random_uuid(), 'ACME.US', 'Acme  US', 'US'),"
    "(gen_random_uuid(), 'TESTCO', 'Test Co', 'TEST'),"
    "(gen_random_uuid(), 'SLEEPY', 'Sleepy', 'DORMANT'),"
    "(gen_random_uuid(), 'APACO', 'Apac Co', 'APAC');"
    "INSERT INTO public.sdk_examples_account_limit (uid, account_uid, limit_type, currency) VALUES "
    "('45c48cce-2e2d-4fbd-9d8b-7a1e3c5f0b34', '8f14e45f-ceea-467a-9af0-3b1c2d4e5f60', 'daily', "
    "'USD'),"
    "(gen_random_uuid(), '8f14e45f-ceea-467a-9af0-3b1c2d4e5f60', 'monthly', 'EUR'),"
    "(gen_random_uuid(), 'c9f0f895-fb98-4b91-8a5e-2e7c1f3a9d12', 'daily', 'EUR');"
    "INSERT INTO public.sdk_examples_counterparty (uid, name) VALUES "
    "('c9f0f895-fb98-4b91-8a5e-2e7c1f3a9d12', 'Umbrella'), (gen_random_uuid(), 'Acme Capital'),"
    "(gen_random_uuid(), 'tmp-1'), (gen_random_uuid(), 'Hooli');"
    "INSERT INTO public.sdk_examples_secret (uid, payload) VALUES "
    "('8f14e45f-ceea-467a-9af0-3b1c2d4e5f60', 'top secret');"
    "INSERT INTO ledger.sdk_examples_entry (uid, account_uid, amount) VALUES "
    "(gen_random_uuid(), '8f14e45f-ceea-467a-9af0-3b1c2d4e5f60', 100.00),"
    "(gen_random_uuid(), '8f14e45f-ceea-467a-9af0-3b1c2d4e5f60', -25.50),"
    "(gen_random_uuid(), 'c9f0f895-fb98-4b91-8a5e-2e7c1f3a9d12', 10);"
    "INSERT INTO public.\"Sdk_Examples_Audit\" (uid, account_uid, action) VALUES "
    "(gen_random_uuid(), '8f14e45f-ceea-467a-9af0-3b1c2d4e5f60', 'login'),"
    "(gen_random_uuid(), 'c9f0f895-fb98-4b91-8a5e-2e7c1f3a9d12', 'logout');";

/* ---- function privileges ----------------------------------------------------------------- */

/*
 * What PostgreSQL lets a case role execute: nothing through PUBLIC, and through EXEC_GROUP
 * exactly the routines of pg_catalog the guard admits, decided for each by its name with the
 * guard's own allow-list, plus those a statement reaches without naming them:
 *
 *  - the function behind an operator: the guard admits every operator of pg_catalog (written
 *    unqualified or as OPERATOR(pg_catalog.op)), and PostgreSQL checks EXECUTE on oprcode;
 *  - the function behind a cast: the guard admits casts to pg_catalog's types, and a cast
 *    through a function is a call of pg_cast.castfunc (casts to the reg* types resolve names
 *    from strings; the guard denies them, so their functions stay revoked);
 *  - the hash functions of pg_catalog's hash operator families (counted with the casts'):
 *    PostgreSQL hashes an IN list or `= ANY(ARRAY[...])` of more than eight constants and
 *    checks EXECUTE on the type's hash function;
 *  - the functions of the test tables' column defaults and CHECK constraints (found through
 *    pg_depend): PostgreSQL evaluates them as the current user when an INSERT leaves a
 *    column out, so a case writing a table runs its defaults without naming them; they are
 *    the schema's, not the statement's.
 *
 * Functions are objects of a database: this changes only the test's database. Runs before
 * anything else is created outside the system schemas, so the defaults found are the tables'.
 */
static void restrict_functions(void)
{
    memset(&g_funcs, 0, sizeof g_funcs);
    PGresult *res = PQexec(
        g_admin,
        "SELECT p.proname,"
        " format('pg_catalog.%I(%s)', p.proname,"
        "        (SELECT string_agg(format_type(a.type, NULL), ', ' ORDER BY a.n)"
        "         FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(type, n))),"
        " has_function_privilege('public', p.oid, 'EXECUTE'),"
        " EXISTS (SELECT FROM pg_operator o WHERE o.oprcode = p.oid"
        "         AND o.oprnamespace = 'pg_catalog'::regnamespace),"
        " EXISTS (SELECT FROM pg_cast c JOIN pg_type t ON t.oid = c.casttarget"
        "         WHERE c.castfunc = p.oid AND t.typname !~ '^_?reg')"
        "  OR EXISTS (SELECT FROM pg_amproc ap JOIN pg_opfamily f ON f.oid = ap.amprocfamily"
        "         JOIN pg_am m ON m.oid = f.opfmethod"
        "         WHERE m.amname = 'hash' AND ap.amproc = p.oid"
        "           AND f.opfnamespace = 'pg_catalog'::regnamespace),"
        " EXISTS (SELECT FROM pg_depend d"
        "         LEFT JOIN pg_attrdef a ON d.classid = 'pg_attrdef'::regclass AND a.oid = d.objid"
        "         LEFT JOIN pg_constraint k"
        "                ON d.classid = 'pg_constraint'::regclass AND k.oid = d.objid"
        "         JOIN pg_class r ON r.oid = coalesce(a.adrelid, k.conrelid)"
        "         WHERE d.refclassid = 'pg_proc'::regclass AND d.refobjid = p.oid"
        "           AND r.relnamespace NOT IN ('pg_catalog'::regnamespace,"
        "                                      'information_schema'::regnamespace)),"
        " EXISTS (SELECT FROM pg_type t WHERE t.typoutput = p.oid"
        "         OR (t.typinput = p.oid AND t.typname !~ '^_?reg'"
        "             AND t.typname NOT IN ('aclitem', 'xml')))"
        " FROM pg_proc p WHERE p.pronamespace = 'pg_catalog'::regnamespace"
        " ORDER BY p.proname, p.oid");
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    buf grant = {0};
    bputs(&grant, "GRANT EXECUTE ON ROUTINE ");
    for (int i = 0; i < PQntuples(res); i++) {
        g_funcs.routines++;
        if (strcmp(PQgetvalue(res, i, 2), "t") == 0)
            g_funcs.had_public++;
        int *kind = NULL;
        if (sg__func_lookup(PQgetvalue(res, i, 0)))
            kind = &g_funcs.by_name;
        else if (strcmp(PQgetvalue(res, i, 3), "t") == 0)
            kind = &g_funcs.operators;
        else if (strcmp(PQgetvalue(res, i, 4), "t") == 0)
            kind = &g_funcs.casts;
        else if (strcmp(PQgetvalue(res, i, 5), "t") == 0)
            kind = &g_funcs.defaults;
        else if (strcmp(PQgetvalue(res, i, 6), "t") == 0)
            kind = &g_funcs.io;
        if (!kind)
            continue;
        (*kind)++;
        bprintf(&grant, "%s%s", g_funcs.granted++ ? ", " : "", PQgetvalue(res, i, 1));
    }
    PQclear(res);
    bputs(&grant, " TO " EXEC_GROUP);
    res = PQexec(g_admin, "SELECT count(*) FROM pg_proc"
                          " WHERE pronamespace = 'information_schema'::regnamespace");
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    g_funcs.others = (int)strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    assert_true(g_funcs.granted > 0);
    admin("CREATE ROLE " EXEC_GROUP " NOLOGIN");
    admin("REVOKE EXECUTE ON ALL ROUTINES IN SCHEMA pg_catalog, information_schema FROM PUBLIC");
    admin(grant.s);
    free(grant.s);
    print_message(
        "soundness: EXECUTE revoked from PUBLIC on all %d routines of pg_catalog (%d "
        "had it) and the %d of information_schema; granted to " EXEC_GROUP " on %d: %d "
        "on the allow-list, %d more behind operators, %d more behind casts and hashing, %d more "
        "called by column defaults, %d more types' output and input; %d left to no one\n",
        g_funcs.routines, g_funcs.had_public, g_funcs.others, g_funcs.granted, g_funcs.by_name,
        g_funcs.operators, g_funcs.casts, g_funcs.defaults, g_funcs.io,
        g_funcs.routines - g_funcs.granted);
}

/* ---- hazards ------------------------------------------------------------------------------- */

/*
 * Objects an application (or anyone allowed to create in the default schema) might leave in
 * public, each of which a statement the guard admits would reach if PostgreSQL searched public
 * for functions, operators and types: overloads of allow-listed names that beat the built-in
 * for some argument types, operators pg_catalog does not have, a domain whose CHECK calls a
 * SECURITY DEFINER function, and a function taking a scoped table's row type (which attribute
 * notation, a.length, calls without looking like a call). All of them are executable by PUBLIC,
 * so the privilege system does not stop them: only the executor's pinned search path does.
 *
 * Every hazard writes a row to public.hazard_log when it runs, through hazard_record, a
 * SECURITY DEFINER function that inserts over a dblink connection of its own: the row commits
 * on its own, so it survives the rollback of the read-only transaction that reached the
 * hazard. The case roles hold no privilege on hazard_log and cannot reach dblink (its schema is
 * closed to them).
 */
#define HAZARD_TABLE "public.sdk_examples_account" /* a scoped table, for the row type */

static void install_hazards(void)
{
    char *dsn = PQescapeLiteral(g_admin, g_dsn, strlen(g_dsn));
    assert_non_null(dsn);
    buf sql = {0};
    bputs(&sql, "CREATE SCHEMA sg_hazard_ext;"
                "CREATE EXTENSION dblink SCHEMA sg_hazard_ext;"
                "REVOKE ALL ON SCHEMA sg_hazard_ext FROM PUBLIC;"
                "REVOKE EXECUTE ON ALL ROUTINES IN SCHEMA sg_hazard_ext FROM PUBLIC;"
                "CREATE TABLE public.hazard_log (hazard text NOT NULL, by_role text NOT NULL,"
                " at timestamptz NOT NULL DEFAULT clock_timestamp());"
                "REVOKE ALL ON public.hazard_log FROM PUBLIC;");
    bprintf(&sql,
            "CREATE FUNCTION public.hazard_record(what text, by_role text) RETURNS boolean"
            " LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$"
            " BEGIN"
            "  PERFORM sg_hazard_ext.dblink_exec(%s, format("
            "   'INSERT INTO public.hazard_log (hazard, by_role) VALUES (%%L, %%L)',"
            "   what, by_role));"
            "  RETURN true;"
            " END $body$;",
            dsn);
    PQfreemem(dsn);
    /* name, signature, result type, what it returns, and for an operator its definition */
    static const struct {
        const char *hazard, *function, *returns, *value, *operator;
    } hazards[] = {
        {"length(integer)", "public.length(integer)", "integer", "-1", NULL},
        {"abs(text)", "public.abs(text)", "text", "'hazard'", NULL},
        {"upper(integer)", "public.upper(integer)", "text", "'hazard'", NULL},
        {"lower(varchar)", "public.lower(varchar)", "text", "'hazard'", NULL},
        {"length(" HAZARD_TABLE ")", "public.length(" HAZARD_TABLE ")", "integer", "-1", NULL},
        {"text + text", "public.hazard_text_plus(text, text)", "text", "'hazard'",
         "public.+ (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hazard_text_plus)"},
        {"===", "public.hazard_same(anyelement, anyelement)", "boolean", "true",
         "public.=== (LEFTARG = anyelement, RIGHTARG = anyelement, FUNCTION = public.hazard_same)"},
        {"!!!", "public.hazard_bang(anyelement)", "boolean", "true",
         "public.!!! (RIGHTARG = anyelement, FUNCTION = public.hazard_bang)"},
    };
    for (size_t i = 0; i < sizeof hazards / sizeof hazards[0]; i++) {
        bprintf(&sql,
                "CREATE FUNCTION %s RETURNS %s LANGUAGE plpgsql AS $body$"
                " BEGIN PERFORM public.hazard_record('%s', current_user); RETURN %s; END $body$;"
                "GRANT EXECUTE ON FUNCTION %s TO PUBLIC;",
                hazards[i].function, hazards[i].returns, hazards[i].hazard, hazards[i].value,
                hazards[i].function);
        if (hazards[i].operator)
            bprintf(&sql, "CREATE OPERATOR %s;", hazards[i].operator);
    }
    bputs(&sql, "CREATE DOMAIN public.hazard_domain AS text"
                " CHECK (public.hazard_record('domain hazard_domain', current_user));"
                "GRANT USAGE ON DOMAIN public.hazard_domain TO PUBLIC;"
                "GRANT EXECUTE ON FUNCTION public.hazard_record(text, text) TO PUBLIC;");
    admin(sql.s);
    free(sql.s);
}

/* What hazard_log holds, a line for each hazard and role, into `out` (when not NULL); how many
 * hazards were reached. */
static int hazard_log(buf *out)
{
    PGresult *res = PQexec(g_admin, "SELECT hazard, by_role, count(*) FROM public.hazard_log"
                                    " GROUP BY hazard, by_role ORDER BY min(at)");
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    int n = PQntuples(res);
    for (int i = 0; out && i < n; i++)
        bprintf(out, "  %s, reached by %s (%s calls)\n", PQgetvalue(res, i, 0),
                PQgetvalue(res, i, 1), PQgetvalue(res, i, 2));
    PQclear(res);
    return n;
}

/* ---- roles --------------------------------------------------------------------------------- */

static void drop_role(const char *role)
{
    char *r = ident(role);
    buf sql = {0};
    bprintf(&sql, "DROP OWNED BY %s; DROP ROLE %s", r, r);
    admin(sql.s);
    free(sql.s);
    free(r);
}

/* Roles a previous, interrupted run left behind (roles belong to the cluster). */
static void drop_leftover_roles(PGconn *pg)
{
    PGresult *res = PQexec(pg, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'sg\\_case\\_%'");
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
        for (int i = 0; i < PQntuples(res); i++) {
            char *r = PQescapeIdentifier(pg, PQgetvalue(res, i, 0), strlen(PQgetvalue(res, i, 0)));
            char sql[256];
            snprintf(sql, sizeof sql, "DROP OWNED BY %s; DROP ROLE %s", r, r);
            PQclear(PQexec(pg, sql));
            PQfreemem(r);
        }
    }
    PQclear(res);
}

/* A fresh role holding exactly what `scope` declares, and through EXEC_GROUP EXECUTE on what
 * the guard admits. The caller drops it. */
static char *create_scope_role(const cJSON *scope)
{
    char role[64];
    snprintf(role, sizeof role, ROLE_PREFIX "%d", ++g_role_seq);
    buf sql = {0};
    bprintf(&sql,
            "CREATE ROLE %s NOLOGIN; GRANT USAGE ON SCHEMA public, ledger TO %s; "
            "GRANT " EXEC_GROUP " TO %s;",
            role, role, role);
    const cJSON *t;
    cJSON_ArrayForEach(t, member(scope, "tables"))
    {
        const char *uid = str_member(t, "meta_table_uid");
        const cJSON *m = uid ? meta_table(uid) : NULL;
        if (!m)
            continue; /* an unknown uid: the guard denies such scopes anyway */
        const char *access = str_member(t, "access");
        bool write = access && strcmp(access, "write") == 0;
        char *schema = ident(str_member(m, "schema"));
        char *name = ident(str_member(m, "physical_table_name"));
        bprintf(&sql, "GRANT %s ON %s.%s TO %s;",
                write ? "SELECT, INSERT, UPDATE, DELETE" : "SELECT", schema, name, role);
        if (write) {
            /* sequences the table's columns own (serial/identity), if any */
            buf seq = {0};
            bprintf(&seq,
                    "SELECT coalesce(string_agg(format('GRANT USAGE ON SEQUENCE %%I.%%I TO %%I',"
                    " n.nspname, s.relname, '%s'), ';'), '') FROM pg_class s "
                    "JOIN pg_namespace n ON n.oid = s.relnamespace "
                    "JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') "
                    "WHERE s.relkind = 'S' AND d.refobjid = '%s.%s'::regclass",
                    role, schema, name);
            PGresult *res = PQexec(g_admin, seq.s);
            assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
            if (PQgetvalue(res, 0, 0)[0])
                bprintf(&sql, "%s;", PQgetvalue(res, 0, 0));
            PQclear(res);
            free(seq.s);
        }
        free(schema);
        free(name);
    }
    admin(sql.s);
    free(sql.s);
    return xstrdup(role);
}

/* ---- cases --------------------------------------------------------------------------------- */

typedef struct corpus_case {
    char *name;
    cJSON *json;
    char *op; /* operation text */
} corpus_case;

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const corpus_case *)a)->name, ((const corpus_case *)b)->name);
}

static size_t load_cases(corpus_case **out)
{
    DIR *dir = opendir(CASES_DIR);
    assert_non_null(dir);
    size_t n = 0, cap = 64;
    corpus_case *cases = malloc(cap * sizeof *cases);
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", CASES_DIR, e->d_name);
        char *text = sg_test_slurp(path, NULL);
        assert_non_null(text);
        cJSON *c = cJSON_Parse(text);
        free(text);
        if (!c)
            fail_msg("%s is not JSON", path);
        if (n == cap)
            cases = realloc(cases, (cap *= 2) * sizeof *cases);
        cases[n].name = xstrdup(e->d_name);
        cases[n].json = c;
        const cJSON *ot = member(c, "operation_text");
        const cJSON *op = member(c, "operation");
        if (cJSON_IsString(ot)) {
            cases[n].op = xstrdup(ot->valuestring);
        } else {
            char *p = cJSON_PrintUnformatted(op);
            cases[n].op = xstrdup(p);
            cJSON_free(p);
        }
        n++;
    }
    closedir(dir);
    qsort(cases, n, sizeof *cases, cmp_name);
    *out = cases;
    return n;
}

static void free_cases(corpus_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cases[i].name);
        free(cases[i].op);
        cJSON_Delete(cases[i].json);
    }
    free(cases);
}

static bool expected_allowed(const corpus_case *c)
{
    return cJSON_IsTrue(member(member(c->json, "expect"), "allowed"));
}

/* The scope of a case's operation; the decoded operation_text when there is no object. */
static cJSON *case_scope(const corpus_case *c)
{
    cJSON *op = cJSON_Parse(c->op);
    if (!op)
        return NULL;
    cJSON *scope = cJSON_DetachItemFromObjectCaseSensitive(op, "scope");
    cJSON_Delete(op);
    return scope;
}

/* PostgreSQL's text form of a JSON value, as the executor sends it: NULL for null, strings
 * verbatim, numbers as written, arrays as array literals (elements quoted), objects as json. */
static void put_array(buf *b, const cJSON *arr);
static char *pg_text(const cJSON *v, const char *raw)
{
    if (cJSON_IsNull(v))
        return NULL;
    if (cJSON_IsTrue(v))
        return xstrdup("true");
    if (cJSON_IsFalse(v))
        return xstrdup("false");
    if (cJSON_IsString(v))
        return xstrdup(v->valuestring);
    if (cJSON_IsArray(v)) {
        buf b = {0};
        put_array(&b, v);
        return b.s;
    }
    return xstrdup(raw);
}

static void put_quoted(buf *b, const char *s)
{
    bputs(b, "\"");
    for (const char *p = s; *p; p++) {
        char ch[3] = {0};
        if (*p == '"' || *p == '\\') {
            ch[0] = '\\';
            ch[1] = *p;
        } else {
            ch[0] = *p;
        }
        bputs(b, ch);
    }
    bputs(b, "\"");
}

static void put_array(buf *b, const cJSON *arr)
{
    bputs(b, "{");
    for (const cJSON *e = arr->child; e; e = e->next) {
        if (e != arr->child)
            bputs(b, ",");
        if (cJSON_IsNull(e)) {
            bputs(b, "NULL");
        } else if (cJSON_IsArray(e)) {
            put_array(b, e);
        } else if (cJSON_IsString(e)) {
            put_quoted(b, e->valuestring);
        } else {
            char *j = cJSON_PrintUnformatted(e);
            put_quoted(b, j);
            cJSON_free(j);
        }
    }
    bputs(b, "}");
}

/* cmocka's print_message() truncates long text: one line at a time. */
static void print_lines(const char *title, const char *text)
{
    if (!text || !*text)
        return;
    print_message("%s\n", title);
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        print_message("%.*s\n", (int)n, p);
        p += n + (nl ? 1 : 0);
    }
}

typedef struct outcome {
    bool ok;
    char sqlstate[6];
    char message[512];
} outcome;

static void record(outcome *o, PGresult *res)
{
    const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    snprintf(o->sqlstate, sizeof o->sqlstate, "%s", s ? s : "");
    snprintf(o->message, sizeof o->message, "%s", m ? m : PQerrorMessage(g_admin));
}

/*
 * Runs a verdict's compiled SQL on a connection of its own, the way the executor does (search
 * path and timeout pinned, the role set, parameters bound; a string parameter no use can type is
 * bound as text), but in a read-write transaction that is always rolled back. For what the
 * executor cannot run: denied verdicts, and locking selects that READ ONLY refuses. The search
 * path is the executor's unless `search_path` says otherwise; `sql`, when not NULL, is run
 * instead of the compiled SQL (with the same parameters; none when `v` is NULL).
 */
static outcome run_raw_as(const char *role, const sg_verdict *v, long long timeout_ms,
                          const char *search_path, const char *sql)
{
    outcome o = {false, "", ""};
    PGconn *pg = PQconnectdb(g_dsn);
    assert_int_equal(PQstatus(pg), CONNECTION_OK);
    size_t n = v ? sg_verdict_parameter_count(v) : 0;
    char **values = calloc(n + 1, sizeof *values);
    Oid *types = calloc(n + 1, sizeof *types);
    for (size_t i = 0; i < n; i++) {
        const char *raw = sg_verdict_parameter_json(v, i);
        cJSON *j = cJSON_Parse(raw);
        assert_non_null(j);
        values[i] = pg_text(j, raw);
        types[i] = cJSON_IsString(j) ? 25 : 0;
        cJSON_Delete(j);
    }
    char *r = PQescapeIdentifier(pg, role, strlen(role));
    char setup[512];
    snprintf(setup, sizeof setup,
             "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL search_path TO %s; SET LOCAL "
             "statement_timeout = %lld; SET LOCAL ROLE %s",
             search_path ? search_path : g_exec_search_path, timeout_ms, r);
    PQfreemem(r);
    for (int attempt = 0; attempt < 2; attempt++) {
        PGresult *res = PQexec(pg, setup);
        assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
        PQclear(res);
        res = PQexecParams(pg, sql ? sql : sg_verdict_compiled_sql(v), (int)n,
                           attempt ? types : NULL, (const char *const *)values, NULL, NULL, 0);
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
            o.ok = true;
            o.sqlstate[0] = '\0';
        } else {
            record(&o, res);
        }
        PQclear(res);
        PQclear(PQexec(pg, "ROLLBACK"));
        if (o.ok || (strcmp(o.sqlstate, "42P18") != 0 && strcmp(o.sqlstate, "42P08") != 0))
            break;
    }
    for (size_t i = 0; i < n; i++)
        free(values[i]);
    free(values);
    free(types);
    PQfinish(pg);
    return o;
}

/* A select of `sql_text` reading table `uid` (scope alias `alias`) on the test's data source,
 * with the parameter p = `p_json` (JSON text) when not NULL (JSON; the caller frees it). */
static char *select_operation(const char *sql_text, const char *uid, const char *alias,
                              const char *p_json)
{
    cJSON *op = cJSON_CreateObject();
    cJSON_AddStringToObject(op, "operation", "select");
    cJSON_AddStringToObject(op, "sql", sql_text);
    cJSON *params = cJSON_AddObjectToObject(op, "parameters");
    if (p_json)
        cJSON_AddItemToObject(params, "p", cJSON_Parse(p_json));
    cJSON *scope = cJSON_AddObjectToObject(op, "scope");
    cJSON_AddStringToObject(scope, "data_source_uid", DS_A);
    cJSON *table = cJSON_CreateObject();
    cJSON_AddStringToObject(table, "meta_table_uid", uid);
    cJSON_AddStringToObject(table, "alias", alias);
    cJSON_AddStringToObject(table, "access", "read");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(scope, "tables"), table);
    cJSON *limits = cJSON_AddObjectToObject(op, "limits");
    cJSON_AddNumberToObject(limits, "max_rows", 10);
    cJSON_AddNumberToObject(limits, "statement_timeout_ms", 15000);
    char *text = cJSON_PrintUnformatted(op);
    cJSON_Delete(op);
    assert_non_null(text);
    char *copy = xstrdup(text);
    cJSON_free(text);
    return copy;
}

/* An operation reading public.sdk_examples_account on the test's data source (JSON; the caller
 * frees it). */
static char *read_operation(const char *sql_text)
{
    return select_operation(sql_text, "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01", "accounts", NULL);
}

/* The search path the libpq executor pins, read from the session setup the dryrun executor
 * shows (the very text the libpq executor sends), so that what this test runs by hand runs
 * under the same path. */
static char *executor_search_path(void)
{
    static const char set[] = "SET LOCAL search_path TO ";
    char *op = read_operation("SELECT 1 AS one");
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(g_catalog, op, strlen(op), NULL, &v), SG_OK);
    free(op);
    assert_true(sg_verdict_allowed(v));
    sg_executor *ex = NULL;
    assert_int_equal(sg_executor_new_dryrun(&ex), SG_OK);
    sg_result *r = NULL;
    assert_int_equal(sg_execute(ex, v, &r, NULL), SG_OK);
    const char *settings = sg_result_value(r, 0, 0);
    const char *p = settings ? strstr(settings, set) : NULL;
    assert_non_null(p);
    p += sizeof set - 1;
    size_t len = strcspn(p, ";");
    char *path = malloc(len + 1);
    assert_non_null(path);
    memcpy(path, p, len);
    path[len] = '\0';
    /* the path the verdict says its compiled SQL must run under */
    assert_string_equal(path, sg_verdict_search_path(v));
    sg_result_free(r);
    sg_executor_free(ex);
    sg_verdict_free(v);
    return path;
}

/* The default schema of a data source of the catalog, NULL when there is none. */
static const char *default_schema(const char *data_source_uid)
{
    const cJSON *d;
    cJSON_ArrayForEach(d, member(g_catalog_json, "data_sources"))
    {
        const char *uid = str_member(d, "uid");
        if (uid && data_source_uid && strcmp(uid, data_source_uid) == 0)
            return str_member(d, "default_schema");
    }
    return NULL;
}

/* The second reading of which relations `sql` names (tests/relations.c), against `scope` (an
 * operation's scope object) resolved through the catalog file, not through the guard. */
static void read_relations(const char *sql, const cJSON *scope, rel_report *out)
{
    rel_scoped tables[64];
    size_t count = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, member(scope, "tables"))
    {
        const char *uid = str_member(t, "meta_table_uid");
        const cJSON *m = uid ? meta_table(uid) : NULL;
        const char *access = str_member(t, "access");
        if (!m || count == sizeof tables / sizeof tables[0])
            continue;
        tables[count].schema = str_member(m, "schema");
        tables[count].name = str_member(m, "physical_table_name");
        tables[count].write = access && strcmp(access, "write") == 0;
        count++;
    }
    const char *schema = default_schema(str_member(scope, "data_source_uid"));
    assert_non_null(schema);
    rel_check(sql, tables, count, schema, out);
}

/* ---- fixture ------------------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    char *env = sg_test_slurp(SG_PG_STATE, NULL);
    if (!env) {
        fprintf(stderr, "test_soundness: no cluster state in %s\n", SG_PG_STATE);
        return -1;
    }
    g_base_dsn = sg_test_state_value(env, "SQLGUARD_TEST_DSN");
    free(env);
    if (!g_base_dsn)
        return -1;
    PGconn *pg = PQconnectdb(g_base_dsn);
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "test_soundness: %s", PQerrorMessage(pg));
        PQfinish(pg);
        return -1;
    }
    PQclear(PQexec(pg, "DROP DATABASE IF EXISTS " DB_NAME " WITH (FORCE)"));
    drop_leftover_roles(pg);
    PQclear(PQexec(pg, "DROP ROLE IF EXISTS " EXEC_GROUP));
    PGresult *res = PQexec(pg, "CREATE DATABASE " DB_NAME);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "test_soundness: %s", PQerrorMessage(pg));
    PQclear(res);
    PQfinish(pg);
    if (!ok)
        return -1;
    size_t n = strlen(g_base_dsn) + sizeof " dbname=" DB_NAME;
    g_dsn = malloc(n);
    snprintf(g_dsn, n, "%s dbname=%s", g_base_dsn, DB_NAME);
    g_admin = PQconnectdb(g_dsn);
    if (PQstatus(g_admin) != CONNECTION_OK) {
        fprintf(stderr, "test_soundness: %s", PQerrorMessage(g_admin));
        return -1;
    }
    PQclear(PQexec(g_admin, "SET client_min_messages = warning"));
    char *text = sg_test_slurp(CATALOG, NULL);
    g_catalog_json = text ? cJSON_Parse(text) : NULL;
    free(text);
    sg_error err;
    if (!g_catalog_json || sg_catalog_load_file(CATALOG, &g_catalog, &err) != SG_OK) {
        fprintf(stderr, "test_soundness: cannot load %s\n", CATALOG);
        return -1;
    }
    create_catalog_tables();
    admin(SEED_DATA);
    restrict_functions();
    install_hazards();
    g_exec_search_path = executor_search_path();
    print_message("soundness: the executor's search path is %s\n", g_exec_search_path);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sg_catalog_free(g_catalog);
    cJSON_Delete(g_catalog_json);
    PQfinish(g_admin);
    if (g_base_dsn) {
        PGconn *pg = PQconnectdb(g_base_dsn);
        PQclear(PQexec(pg, "DROP DATABASE IF EXISTS " DB_NAME " WITH (FORCE)"));
        drop_leftover_roles(pg);
        PQclear(PQexec(pg, "DROP ROLE IF EXISTS " EXEC_GROUP));
        PQfinish(pg);
    }
    free(g_base_dsn);
    free(g_dsn);
    free(g_exec_search_path);
    return 0;
}

/* ---- tests --------------------------------------------------------------------------------- */

/* Counts of SQLSTATEs, for the summary. */
typedef struct tally {
    char state[6];
    int count;
} tally;

static void count_state(tally *t, size_t *n, const char *state)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(t[i].state, state) == 0) {
            t[i].count++;
            return;
        }
    snprintf(t[*n].state, sizeof t[*n].state, "%s", state);
    t[*n].count = 1;
    (*n)++;
}

static bool class_42(const char *state)
{
    return strncmp(state, "42", 2) == 0;
}

/* What a 42501 refused. PostgreSQL names the object's kind: "permission denied for function f"
 * (or aggregate, procedure, routine) when a call is refused, "permission denied for table t"
 * (or view, sequence, ...) when a relation is. */
typedef enum denied_kind {
    DENIED_NOTHING,
    DENIED_FUNCTION,
    DENIED_TABLE,
    DENIED_OTHER
} denied_kind;

static bool starts_with_any(const char *s, const char *const *prefixes, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

static denied_kind denied_object(const char *sqlstate, const char *message)
{
    static const char *const calls[] = {"function ", "aggregate ", "procedure ", "routine "};
    static const char *const relations[] = {"table ",    "view ",          "materialized view ",
                                            "sequence ", "foreign table ", "column "};
    static const char prefix[] = "permission denied for ";
    if (strcmp(sqlstate, "42501") != 0)
        return DENIED_NOTHING;
    if (strncmp(message, prefix, sizeof prefix - 1) != 0)
        return DENIED_OTHER;
    const char *what = message + sizeof prefix - 1;
    if (starts_with_any(what, calls, sizeof calls / sizeof calls[0]))
        return DENIED_FUNCTION;
    if (starts_with_any(what, relations, sizeof relations / sizeof relations[0]))
        return DENIED_TABLE;
    return DENIED_OTHER;
}

/* The statement on one line, for a report. */
static void put_one_line(buf *b, const char *sql)
{
    bool blank = false;
    for (const char *p = sql; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            blank = true;
            continue;
        }
        if (blank && b->len > 0 && b->s[b->len - 1] != ' ')
            bputs(b, " ");
        blank = false;
        char ch[2] = {*p, '\0'};
        bputs(b, ch);
    }
}

/* The class-42 failures of allowed cases, by what they mean. */
typedef struct violation_list {
    buf text;
    int functions, tables, others;
} violation_list;

static void add_violation(violation_list *vs, const char *name, const char *when,
                          const char *sqlstate, const char *message, const char *sql)
{
    switch (denied_object(sqlstate, message)) {
    case DENIED_FUNCTION:
        vs->functions++;
        bprintf(&vs->text,
                "  %s%s: 42501 on a function, a call the guard admits but does not "
                "allow: %s\n",
                name, when, message);
        break;
    case DENIED_TABLE:
        vs->tables++;
        bprintf(&vs->text, "  %s%s: 42501 on a table, more than the guard proved: %s\n", name, when,
                message);
        break;
    default:
        vs->others++;
        bprintf(&vs->text, "  %s%s: %s %s (the case proves nothing)\n", name, when, sqlstate,
                message);
        break;
    }
    bputs(&vs->text, "      statement: ");
    put_one_line(&vs->text, sql);
    bputs(&vs->text, "\n");
}

/* A libpq executor of one connection that runs as `role` and rolls every statement back. */
static sg_executor *rolled_back_executor(const char *role)
{
    sg_libpq_options opts = SG_LIBPQ_OPTIONS_INIT;
    opts.default_dsn = g_dsn;
    opts.pool_size = 1;
    opts.rollback_only = true;
    opts.role = role;
    sg_executor *ex = NULL;
    sg_error err = {0, ""};
    assert_int_equal(sg_executor_new_libpq_opts(&opts, &ex, &err), SG_OK);
    return ex;
}

/*
 * A case role can execute exactly the routines granted to EXEC_GROUP, and no other way: PUBLIC
 * holds EXECUTE on no routine of pg_catalog or information_schema, the role's only membership
 * is EXEC_GROUP, which is a member of nothing, neither is a superuser, and what the role can
 * execute in pg_catalog is what the group can, the count restrict_functions granted.
 */
static void test_soundness__case_roles_execute_only_what_the_guard_admits(void **state)
{
    (void)state;
    cJSON *scope = cJSON_Parse("{\"tables\": []}");
    char *role = create_scope_role(scope);
    cJSON_Delete(scope);
    char *r = PQescapeLiteral(g_admin, role, strlen(role));
    buf sql = {0};
    bprintf(&sql,
            "SELECT"
            " count(*) FILTER (WHERE has_function_privilege(%s, p.oid, 'EXECUTE')"
            "                  AND p.pronamespace = 'pg_catalog'::regnamespace),"
            " count(*) FILTER (WHERE has_function_privilege('" EXEC_GROUP "', p.oid, 'EXECUTE')"
            "                  AND p.pronamespace = 'pg_catalog'::regnamespace),"
            " count(*) FILTER (WHERE has_function_privilege(%s, p.oid, 'EXECUTE')"
            "                  AND p.pronamespace = 'information_schema'::regnamespace),"
            " count(*) FILTER (WHERE has_function_privilege('public', p.oid, 'EXECUTE')),"
            " (SELECT string_agg(m.roleid::regrole::text, ',') FROM pg_auth_members m"
            "   WHERE m.member = %s::regrole),"
            " (SELECT count(*) FROM pg_auth_members m WHERE m.member = '" EXEC_GROUP "'::regrole),"
            " (SELECT count(*) FROM pg_roles WHERE rolname IN (%s, '" EXEC_GROUP "')"
            "   AND (rolsuper OR rolbypassrls OR rolcreaterole)),"
            " has_function_privilege(%s, 'pg_catalog.lower(text)', 'EXECUTE'),"
            " has_function_privilege(%s, 'pg_catalog.textcat(text, text)', 'EXECUTE'),"
            " has_function_privilege(%s, 'pg_catalog.int4(numeric)', 'EXECUTE'),"
            " has_function_privilege(%s, 'pg_catalog.pg_sleep(float8)', 'EXECUTE'),"
            " has_function_privilege(%s, 'pg_catalog.current_setting(text)', 'EXECUTE'),"
            " has_function_privilege(%s, 'pg_catalog.regclass(text)', 'EXECUTE')"
            " FROM pg_proc p"
            " WHERE p.pronamespace IN ('pg_catalog'::regnamespace,"
            "                          'information_schema'::regnamespace)",
            r, r, r, r, r, r, r, r, r, r);
    PQfreemem(r);
    PGresult *res = PQexec(g_admin, sql.s);
    free(sql.s);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s", PQerrorMessage(g_admin));
    long role_can = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    long group_can = strtol(PQgetvalue(res, 0, 1), NULL, 10);
    print_message("soundness: a case role can execute %ld routines of pg_catalog, its group %ld, "
                  "granted %d\n",
                  role_can, group_can, g_funcs.granted);
    assert_int_equal(role_can, g_funcs.granted);
    assert_int_equal(group_can, g_funcs.granted);
    assert_string_equal(PQgetvalue(res, 0, 2), "0");
    assert_string_equal(PQgetvalue(res, 0, 3), "0");
    assert_string_equal(PQgetvalue(res, 0, 4), EXEC_GROUP);
    assert_string_equal(PQgetvalue(res, 0, 5), "0");
    assert_string_equal(PQgetvalue(res, 0, 6), "0");
    assert_string_equal(PQgetvalue(res, 0, 7), "t"); /* on the allow-list */
    assert_string_equal(PQgetvalue(res, 0, 8), "t"); /* behind text || text */
    assert_string_equal(PQgetvalue(res, 0, 9), "t"); /* behind the cast numeric -> integer */
    assert_string_equal(PQgetvalue(res, 0, 10), "f");
    assert_string_equal(PQgetvalue(res, 0, 11), "f");
    assert_string_equal(PQgetvalue(res, 0, 12), "f"); /* a reg* cast's function */
    PQclear(res);
    drop_role(role);
    free(role);
}

static void test_soundness__allowed_cases_pass_the_privilege_check(void **state)
{
    (void)state;
    corpus_case *cases = NULL;
    size_t n = load_cases(&cases);
    assert_true(n > 0);
    int run = 0, succeeded = 0, failed = 0, relocked = 0, relocked_ok = 0;
    tally states[64];
    size_t nstates = 0;
    violation_list violations = {{0}, 0, 0, 0};
    buf others = {0}, reached = {0}, unscoped = {0};
    bputs(&violations.text, "");
    bputs(&others, "");
    bputs(&reached, "");
    bputs(&unscoped, "");
    int hazards = 0, relations = 0, ctes = 0, writes = 0, outside = 0;

    for (size_t i = 0; i < n; i++) {
        const corpus_case *c = &cases[i];
        if (!expected_allowed(c))
            continue;
        sg_verdict *v = NULL;
        assert_int_equal(sg_check(g_catalog, c->op, strlen(c->op), NULL, &v), SG_OK);
        if (!sg_verdict_allowed(v))
            fail_msg("%s: the corpus expects allowed, the guard denies", c->name);
        cJSON *scope = case_scope(c);
        assert_non_null(scope);

        /* what the compiled SQL names, read without the guard and without planning */
        rel_report rels;
        read_relations(sg_verdict_compiled_sql(v), scope, &rels);
        relations += rels.relations;
        ctes += rels.ctes;
        writes += rels.writes;
        if (rels.problems) {
            outside++;
            bprintf(&unscoped, "  %s\n", c->name);
            for (const char *p = rels.problems; *p;) {
                size_t len = strcspn(p, "\n");
                bprintf(&unscoped, "      %.*s\n", (int)len, p);
                p += len + (p[len] ? 1 : 0);
            }
            bputs(&unscoped, "      statement: ");
            put_one_line(&unscoped, sg_verdict_compiled_sql(v));
            bputs(&unscoped, "\n");
        }
        rel_report_free(&rels);

        char *role = create_scope_role(scope);

        sg_executor *ex = rolled_back_executor(role);
        sg_error err = {0, ""};
        sg_result *r = NULL;
        int rc = sg_execute(ex, v, &r, &err);
        if (rc != SG_OK)
            fail_msg("%s: sg_execute: %s %s", c->name, sg_err_name(rc), err.message);
        const sg_exec_outcome *o = sg_result_outcome(r);
        run++;
        if (o->ok) {
            /* rollback_only: the transaction never commits */
            assert_true(o->rolled_back);
            succeeded++;
        } else {
            failed++;
            assert_true(o->rolled_back);
            count_state(states, &nstates, o->sqlstate);
            if (class_42(o->sqlstate))
                add_violation(&violations, c->name, "", o->sqlstate, o->message,
                              sg_verdict_compiled_sql(v));
            else
                bprintf(&others, "  %s: %s %s\n", c->name, o->sqlstate, o->message);
            if (strcmp(o->sqlstate, "25006") == 0) {
                /* a row lock refused by READ ONLY before any privilege check: judge the same
                 * statement, as the same role, outside READ ONLY */
                relocked++;
                outcome x = run_raw_as(role, v, 15000, NULL, NULL);
                if (x.ok)
                    relocked_ok++;
                else if (class_42(x.sqlstate))
                    add_violation(&violations, c->name, " (outside READ ONLY)", x.sqlstate,
                                  x.message, sg_verdict_compiled_sql(v));
                else
                    bprintf(&others, "  %s (outside READ ONLY): %s %s\n", c->name, x.sqlstate,
                            x.message);
            }
        }
        /* a hazard's record commits on its own, whatever became of the case's transaction */
        buf log = {0};
        bputs(&log, "");
        if (hazard_log(&log) > 0) {
            hazards++;
            bprintf(&reached, "  %s\n%s      statement: ", c->name, log.s);
            put_one_line(&reached, sg_verdict_compiled_sql(v));
            bputs(&reached, "\n");
            admin("DELETE FROM public.hazard_log");
        }
        free(log.s);
        sg_result_free(r);
        sg_executor_free(ex);
        drop_role(role);
        free(role);
        cJSON_Delete(scope);
        sg_verdict_free(v);
    }

    buf summary = {0};
    bprintf(&summary, "soundness: %d allowed cases run, %d succeeded, %d failed", run, succeeded,
            failed);
    for (size_t i = 0; i < nstates; i++)
        bprintf(&summary, "%s%s x%d", i ? ", " : " (", states[i].state, states[i].count);
    bputs(&summary, nstates ? ")" : "");
    bprintf(&summary, "; %d row-locking selects re-run outside READ ONLY, %d succeeded", relocked,
            relocked_ok);
    bprintf(&summary, "; %d reached a hazard", hazards);
    bprintf(&summary,
            "; read from the compiled SQL: %d relations, %d WITH references, %d tables written "
            "or locked, %d cases naming one outside their scope",
            relations, ctes, writes, outside);
    print_message("%s\n", summary.s);
    print_lines("acceptable failures:", others.s);
    print_lines("class-42 failures (42501: the guard admitted more than it proved; others: the "
                "case proves nothing):",
                violations.text.s);
    print_lines("hazards reached (the executor's search path let a case call into public):",
                reached.s);
    print_lines("relations outside the scope, read from the compiled SQL:", unscoped.s);
    assert_true(run >= 100);
    /* No class-42 failure at all: seed__select_accounts_null_region once failed with 42P08
     * before the executor typed null parameters (test_exec__seed_select_with_null_region). */
    bool bad = violations.text.len > 0 || hazards > 0 || outside > 0;
    free(summary.s);
    free(violations.text.s);
    free(others.s);
    free(reached.s);
    free(unscoped.s);
    free_cases(cases, n);
    if (bad)
        fail_msg("allowed cases failed with class-42 errors: %d on a function, %d on a table, %d "
                 "other; %d reached a hazard; %d name a relation outside their scope (see above)",
                 violations.functions, violations.tables, violations.others, hazards, outside);
}

/*
 * Denied cases, run as the role their scope would get, fail with 42501: scope and access cases
 * on a table, function cases on a function (in a read scope; each calls a pg_catalog function
 * PUBLIC can execute by default and the allow-list leaves out).
 */
static void test_soundness__denied_cases_fail_as_their_role(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        denied_kind kind;
    } expected[] = {
        {"access__update_read_table.json", DENIED_TABLE},
        {"access__insert_into_read_table.json", DENIED_TABLE},
        {"access__delete_read_table.json", DENIED_TABLE},
        {"access__merge_into_read_table.json", DENIED_TABLE},
        {"access__upsert_read_table.json", DENIED_TABLE},
        {"access__write_ledger_read_scope.json", DENIED_TABLE},
        {"access__for_update_read_table.json", DENIED_TABLE},
        {"access__for_update_of_read_alias.json", DENIED_TABLE},
        {"access__for_share_in_derived_table.json", DENIED_TABLE},
        {"scope__direct_secret_read.json", DENIED_TABLE},
        {"scope__only_undeclared_table.json", DENIED_TABLE},
        {"scope__hidden_target_list_subquery.json", DENIED_TABLE},
        {"scope__update_from_secret.json", DENIED_TABLE},
        {"scope__insert_select_from_secret.json", DENIED_TABLE},
        {"scope__pg_catalog_pg_authid.json", DENIED_TABLE},
        {"cte__later_sibling_is_real_table.json", DENIED_TABLE},
        {"cte__qualified_name_bypasses_shadow.json", DENIED_TABLE},
        {"names__unicode_escape_identifier_secret.json", DENIED_TABLE},
        {"scope__hidden_natural_join.json", DENIED_TABLE},
        {"evasion__returning_star_from_secret_join.json", DENIED_TABLE},
        {"func__current_setting.json", DENIED_FUNCTION},
        {"func__set_config.json", DENIED_FUNCTION},
        {"func__version.json", DENIED_FUNCTION},
        {"func__txid_current.json", DENIED_FUNCTION},
        {"func__pg_advisory_lock.json", DENIED_FUNCTION},
        {"func__pg_sleep.json", DENIED_FUNCTION},
        {"func__pg_sleep_in_cte.json", DENIED_FUNCTION},
        {"func__pg_sleep_in_where.json", DENIED_FUNCTION},
        {"func__pg_sleep_in_window_order.json", DENIED_FUNCTION},
        {"func__query_to_xml.json", DENIED_FUNCTION},
        {"func__pg_terminate_backend.json", DENIED_FUNCTION},
        {"func__to_regclass.json", DENIED_FUNCTION},
    };
    corpus_case *cases = NULL;
    size_t n = load_cases(&cases);
    int checked = 0;
    buf problems = {0};
    bputs(&problems, "");
    for (size_t k = 0; k < sizeof expected / sizeof expected[0]; k++) {
        const corpus_case *c = NULL;
        for (size_t i = 0; i < n && !c; i++)
            if (strcmp(cases[i].name, expected[k].name) == 0)
                c = &cases[i];
        if (!c)
            fail_msg("no corpus case %s", expected[k].name);
        assert_false(expected_allowed(c));
        sg_verdict *v = NULL;
        assert_int_equal(sg_check(g_catalog, c->op, strlen(c->op), NULL, &v), SG_OK);
        assert_false(sg_verdict_allowed(v));
        /* nothing reaches an executor from a denied verdict */
        sg_executor *ex = NULL;
        assert_int_equal(sg_executor_new_dryrun(&ex), SG_OK);
        sg_result *r = NULL;
        assert_int_equal(sg_execute(ex, v, &r, NULL), SG_EDENIED);
        sg_executor_free(ex);
        if (!sg_verdict_compiled_sql(v))
            fail_msg("%s: a denied verdict without compiled SQL", c->name);
        cJSON *scope = case_scope(c);
        char *role = create_scope_role(scope);
        outcome o = run_raw_as(role, v, 15000, NULL, NULL);
        print_message("    %-48s %s %s\n", c->name, o.ok ? "ran" : o.sqlstate,
                      o.ok ? "" : o.message);
        if (o.ok || denied_object(o.sqlstate, o.message) != expected[k].kind)
            bprintf(&problems, "  %s: %s %s (expected 42501 on a %s)\n", c->name,
                    o.ok ? "succeeded" : o.sqlstate, o.message,
                    expected[k].kind == DENIED_FUNCTION ? "function" : "table");
        checked++;
        drop_role(role);
        free(role);
        cJSON_Delete(scope);
        sg_verdict_free(v);
    }
    free_cases(cases, n);
    print_message("soundness: %d denied cases run as their role\n", checked);
    bool bad = problems.len > 0;
    if (bad)
        print_lines("denied cases that did not fail with 42501 on what they name:", problems.s);
    free(problems.s);
    if (bad)
        fail_msg("the roles are not restrictive enough");
}

/* Runs the allowed verdict `v` through a libpq executor of one connection as `role`, rolled
 * back; its outcome, and the first value of its first row into value[size] (when any). */
static outcome run_through_executor(const sg_verdict *v, const char *role, char *value, size_t size)
{
    sg_executor *ex = rolled_back_executor(role);
    sg_error err = {0, ""};
    sg_result *r = NULL;
    if (sg_execute(ex, v, &r, &err) != SG_OK)
        fail_msg("%s: sg_execute: %s", sg_verdict_compiled_sql(v), err.message);
    const sg_exec_outcome *x = sg_result_outcome(r);
    outcome o = {x->ok, "", ""};
    snprintf(o.sqlstate, sizeof o.sqlstate, "%s", x->sqlstate);
    snprintf(o.message, sizeof o.message, "%s", x->message);
    if (value && x->ok && sg_result_row_count(r) > 0 && sg_result_value(r, 0, 0))
        snprintf(value, size, "%s", sg_result_value(r, 0, 0));
    sg_result_free(r);
    sg_executor_free(ex);
    return o;
}

/*
 * The hazards stay out of reach. Each probe is a statement that reaches its hazard when public
 * is searched for functions, operators and types, and that the guard admits (all but the
 * domain's, which type.denied refuses). Run as a case role through the libpq executor (a probe
 * the guard denies: by hand, under the executor's session setup), it gets the built-in or fails
 * to resolve, and hazard_log stays empty. Then each runs once more by hand, with search_path
 * public, pg_catalog, and must reach its hazard: the probes would catch an executor that
 * stopped pinning the search path.
 */
static void test_soundness__hazards_are_unreachable_under_the_pinned_path(void **state)
{
    (void)state;
    static const struct {
        const char *hazard; /* what hazard_log records when it is reached */
        const char *sql;
        const char *sqlstate; /* under the pinned path: "" when it runs, else the error */
        const char *value;    /* when it runs: the built-in's answer */
    } probes[] = {
        /* exact-match overloads beat pg_catalog.lower(text) and the numeric abs() */
        {"lower(varchar)", "SELECT lower('A'::varchar) AS v", "", "a"},
        {"abs(text)", "SELECT abs('-5') AS v", "", "5"},
        /* overloads for argument types pg_catalog has no function for */
        {"length(integer)", "SELECT length(5) AS v", "42883", NULL},
        {"upper(integer)", "SELECT upper(5) AS v", "42883", NULL},
        /* operators pg_catalog does not have: the guard admits any unqualified operator */
        {"text + text", "SELECT 'a'::text + 'b'::text AS v", "42883", NULL},
        {"===", "SELECT 1 === 1 AS v", "42883", NULL},
        {"!!!", "SELECT !!! 1 AS v", "42883", NULL},
        /* a function of the row type, called as a function and in attribute notation */
        {"length(" HAZARD_TABLE ")",
         "SELECT length(a) AS v FROM sdk_examples_account AS a ORDER BY a.uid", "42883", NULL},
        {"length(" HAZARD_TABLE ")",
         "SELECT a.length AS v FROM sdk_examples_account AS a ORDER BY a.uid", "42703", NULL},
        /* the domain, whose CHECK calls the SECURITY DEFINER function */
        {"domain hazard_domain", "SELECT 'x'::hazard_domain AS v", "42704", NULL},
    };
    static const char unpinned[] = "public, pg_catalog";
    buf problems = {0};
    bputs(&problems, "");
    int through_executor = 0, by_hand = 0, reached_pinned = 0, reached_unpinned = 0;
    admin("DELETE FROM public.hazard_log"); /* what an earlier test reported */
    for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
        char *op = read_operation(probes[k].sql);
        sg_verdict *v = NULL;
        assert_int_equal(sg_check(g_catalog, op, strlen(op), NULL, &v), SG_OK);
        cJSON *scope = cJSON_Parse(op);
        free(op);
        char *role = create_scope_role(member(scope, "scope"));
        cJSON_Delete(scope);

        outcome o = {false, "", ""};
        char value[64] = "";
        if (sg_verdict_allowed(v)) {
            o = run_through_executor(v, role, value, sizeof value);
            through_executor++;
        } else {
            /* nothing reaches an executor from a denied verdict; the statement as written,
             * run by hand under the executor's session setup, resolves nowhere either (the
             * compiled SQL names the schema of what the guard resolved, and is not run) */
            sg_executor *ex = NULL;
            assert_int_equal(sg_executor_new_dryrun(&ex), SG_OK);
            sg_result *r = NULL;
            assert_int_equal(sg_execute(ex, v, &r, NULL), SG_EDENIED);
            sg_executor_free(ex);
            o = run_raw_as(role, v, 15000, NULL, probes[k].sql);
            by_hand++;
        }
        print_message("    %-70s %s %s%s\n", probes[k].sql, sg_verdict_allowed(v) ? "" : "(denied)",
                      o.ok ? "-> " : o.sqlstate, o.ok ? value : "");
        if (strcmp(o.sqlstate, probes[k].sqlstate) != 0 ||
            (probes[k].value && strcmp(value, probes[k].value) != 0))
            bprintf(&problems, "  %s: expected %s%s, got %s%s %s\n", probes[k].sql,
                    probes[k].value ? "the built-in's " : "",
                    probes[k].value ? probes[k].value : probes[k].sqlstate,
                    o.ok ? value : o.sqlstate, o.ok ? "" : ":", o.ok ? "" : o.message);
        buf log = {0};
        bputs(&log, "");
        if (hazard_log(&log) > 0 && ++reached_pinned)
            bprintf(&problems, "  %s reached a hazard under the executor's search path:\n%s",
                    probes[k].sql, log.s);
        free(log.s);
        admin("DELETE FROM public.hazard_log");

        /* the same statement with public searched first: the hazard is there to be reached */
        run_raw_as(role, v, 15000, unpinned,
                   sg_verdict_allowed(v) ? sg_verdict_compiled_sql(v) : probes[k].sql);
        PGresult *res = PQexec(g_admin, "SELECT hazard FROM public.hazard_log");
        assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
        bool reached = false;
        for (int i = 0; i < PQntuples(res); i++)
            reached = reached || strcmp(PQgetvalue(res, i, 0), probes[k].hazard) == 0;
        PQclear(res);
        if (reached)
            reached_unpinned++;
        else
            bprintf(&problems, "  %s did not reach %s with search_path %s\n", probes[k].sql,
                    probes[k].hazard, unpinned);
        /* the record commits on its own connection: the rollback leaves it, the test clears it */
        admin("DELETE FROM public.hazard_log");
        drop_role(role);
        free(role);
        sg_verdict_free(v);
    }
    print_message("soundness: %zu hazard probes, %d through the executor, %d denied by the guard "
                  "and run by hand; %d reached a hazard under the executor's search path %s, %d "
                  "under %s\n",
                  sizeof probes / sizeof probes[0], through_executor, by_hand, reached_pinned,
                  g_exec_search_path, reached_unpinned, unpinned);
    bool bad = problems.len > 0;
    if (bad)
        print_lines("hazard probes that went wrong:", problems.s);
    free(problems.s);
    if (bad)
        fail_msg("the pinned search path does not keep the hazards out of reach (see above)");
}

/*
 * A scoped table whose column is of the hazard domain (its CHECK calls the SECURITY DEFINER
 * recorder), in a catalog of its own: the guard denies every place where a parameter would be
 * read as that domain (the table's row type, its whole row meeting a value, an array of the
 * column, an argument of a function that unifies its arguments' types), and each of them, run
 * by hand as the scope's role under the executor's search path, does reach the CHECK. The
 * column's ordinary uses (comparisons, COALESCE, CASE, IN, row_to_json, the row on its own) are
 * allowed, run through the executor, and reach nothing: PostgreSQL reads the domain there as
 * its base type.
 */
#define DOM_TABLE_UID "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6bd0"
static const char DOM_CATALOG[] =
    "{\"version\":1,\"data_sources\":[{\"uid\":\"" DS_A "\",\"engine\":\"postgresql\","
    "\"default_schema\":\"public\"}],\"meta_tables\":[{\"uid\":\"" DOM_TABLE_UID "\","
    "\"identifier\":\"sg.DomProbe\",\"data_source_uid\":\"" DS_A "\",\"schema\":\"public\","
    "\"physical_table_name\":\"sg_dom_probe\",\"primary_key\":[\"uid\"],\"columns\":["
    "{\"name\":\"uid\",\"type\":\"uuid\",\"nullable\":false},"
    "{\"name\":\"d\",\"type\":\"public.hazard_domain\",\"nullable\":true},"
    "{\"name\":\"n\",\"type\":\"text\",\"nullable\":true},"
    "{\"name\":\"tags\",\"type\":\"public.hazard_domain[]\",\"nullable\":true}]}]}";

static void test_soundness__domain_columns_reach_no_check(void **state)
{
    (void)state;
    static const char row[] = "\"(00000000-0000-0000-0000-000000000002,by-param,x,{})\"";
    static const struct {
        const char *sql;
        const char *params;
        bool allowed;
    } probes[] = {
        {"SELECT (%(p)s::sg_dom_probe).uid AS u", row, false},
        {"SELECT (CAST(%(p)s AS public.sg_dom_probe)).uid AS u", row, false},
        {"SELECT r.uid FROM jsonb_populate_record(NULL::sg_dom_probe, %(p)s) AS r ORDER BY r.uid",
         "{\"d\":\"by-json\"}", false},
        {"SELECT (jsonb_populate_record(t, %(p)s)).uid AS u FROM sg_dom_probe AS t ORDER BY 1",
         "{\"d\":\"by-json\"}", false},
        {"SELECT COALESCE(t, %(p)s) IS NULL AS x FROM sg_dom_probe AS t ORDER BY t.uid", row,
         false},
        {"SELECT CASE WHEN t.n = 'x' THEN t ELSE %(p)s END IS NULL AS x FROM sg_dom_probe AS t "
         "ORDER BY t.uid",
         row, false},
        {"SELECT t.uid, array_append(ARRAY[t.d], %(p)s) AS x FROM sg_dom_probe AS t ORDER BY t.uid",
         "\"by-append\"", false},
        {"SELECT uid, lag(d, 1, %(p)s) OVER (ORDER BY uid) AS x FROM sg_dom_probe ORDER BY uid",
         "\"by-lag\"", false},
        {"SELECT uid FROM sg_dom_probe WHERE ARRAY[d] @> %(p)s ORDER BY uid", "\"{by-array}\"",
         false},
        {"SELECT uid FROM sg_dom_probe GROUP BY uid HAVING array_agg(d) = %(p)s ORDER BY uid",
         "\"{by-agg}\"", false},
        /* the column of an array of the domain, and values that keep the domain's type
         * through a function, a scalar sub-select or a derived table */
        {"SELECT uid FROM sg_dom_probe WHERE tags @> %(p)s ORDER BY uid", "\"{by-tags}\"", false},
        {"SELECT trim_array(array_agg(d), 0) = %(p)s AS x FROM sg_dom_probe", "\"{by-trim}\"",
         false},
        {"SELECT uid, ARRAY[lag(d) OVER (ORDER BY uid)] @> %(p)s AS x FROM sg_dom_probe ORDER BY "
         "uid",
         "\"{by-lag-array}\"", false},
        {"SELECT uid FROM sg_dom_probe WHERE ARRAY[(SELECT d)] @> %(p)s ORDER BY uid",
         "\"{by-sub-select}\"", false},
        {"SELECT array_append(ARRAY[x.d], %(p)s) AS a FROM (SELECT uid, d FROM sg_dom_probe) AS x "
         "ORDER BY x.uid",
         "\"by-derived\"", false},
        {"SELECT uid, d FROM sg_dom_probe WHERE d = %(p)s ORDER BY uid", "\"seed\"", true},
        {"SELECT uid, COALESCE(d, %(p)s) AS x FROM sg_dom_probe ORDER BY uid", "\"other\"", true},
        {"SELECT uid, CASE WHEN n = 'x' THEN d ELSE %(p)s END AS x FROM sg_dom_probe ORDER BY uid",
         "\"other\"", true},
        {"SELECT uid FROM sg_dom_probe WHERE d IN (%(p)s, 'y') ORDER BY uid", "\"other\"", true},
        {"SELECT row_to_json(t) AS j FROM sg_dom_probe AS t ORDER BY t.uid", "null", true},
        {"SELECT t FROM sg_dom_probe AS t ORDER BY t.uid", "null", true},
        {"SELECT array_agg(d) AS ds FROM sg_dom_probe", "null", true},
        {"SELECT uid, lag(d) OVER (ORDER BY uid) AS x FROM sg_dom_probe ORDER BY uid", "null",
         true},
        {"SELECT uid FROM sg_dom_probe WHERE %(p)s = ANY(tags) ORDER BY uid", "\"other\"", true},
        {"SELECT uid, tags FROM sg_dom_probe ORDER BY uid", "null", true},
        {"SELECT t.uid, (SELECT array_agg(o.d ORDER BY o.uid) FROM sg_dom_probe AS o WHERE o.uid = "
         "t.uid) AS ds FROM sg_dom_probe AS t ORDER BY t.uid",
         "null", true},
        {"SELECT (array_agg(d ORDER BY uid))[1] AS first_d FROM sg_dom_probe", "null", true},
        {"SELECT array_agg(t) AS a FROM sg_dom_probe AS t", "null", true},
    };
    admin("CREATE TABLE public.sg_dom_probe (uid uuid PRIMARY KEY, d public.hazard_domain, n text,"
          " tags public.hazard_domain[]);"
          "INSERT INTO public.sg_dom_probe VALUES "
          "('00000000-0000-0000-0000-000000000001', 'seed', 'x', ARRAY['seed']);"
          "DELETE FROM public.hazard_log");
    sg_catalog *cat = NULL;
    sg_error err = {0, ""};
    if (sg_catalog_load(DOM_CATALOG, strlen(DOM_CATALOG), &cat, &err) != SG_OK)
        fail_msg("catalog: %s", err.message);
    char role[64];
    snprintf(role, sizeof role, ROLE_PREFIX "%d", ++g_role_seq);
    buf grants = {0};
    bprintf(&grants,
            "CREATE ROLE %s NOLOGIN; GRANT USAGE ON SCHEMA public TO %s; GRANT " EXEC_GROUP
            " TO %s; GRANT SELECT ON public.sg_dom_probe TO %s",
            role, role, role, role);
    admin(grants.s);
    free(grants.s);
    buf problems = {0};
    bputs(&problems, "");
    for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
        char *text = select_operation(probes[k].sql, DOM_TABLE_UID, "dom",
                                      strstr(probes[k].sql, "%(p)s") ? probes[k].params : NULL);
        sg_verdict *v = NULL;
        assert_int_equal(sg_check(cat, text, strlen(text), NULL, &v), SG_OK);
        free(text);
        bool allowed = sg_verdict_allowed(v);
        outcome o;
        if (allowed) {
            o = run_through_executor(v, role, NULL, 0);
        } else {
            /* the compiled statement, run by hand as the role under the executor's path */
            assert_non_null(sg_verdict_compiled_sql(v));
            o = run_raw_as(role, v, 15000, NULL, NULL);
        }
        int reached = hazard_log(NULL);
        admin("DELETE FROM public.hazard_log");
        print_message("    %-88s %s %s\n", probes[k].sql, allowed ? "allowed" : "denied",
                      o.ok ? "ran" : o.sqlstate);
        if (allowed != probes[k].allowed)
            bprintf(&problems, "  %s: %s, expected %s\n", probes[k].sql,
                    allowed ? "allowed" : "denied", probes[k].allowed ? "allowed" : "denied");
        else if (allowed && (!o.ok || reached))
            bprintf(&problems, "  %s: allowed, and it %s%s\n", probes[k].sql,
                    reached ? "reached the domain's CHECK" : "failed: ", reached ? "" : o.message);
        else if (!allowed && !reached)
            bprintf(&problems, "  %s: denied, but run by hand it did not reach the CHECK (%s)\n",
                    probes[k].sql, o.ok ? "it ran" : o.message);
        sg_verdict_free(v);
    }
    drop_role(role);
    admin("DROP TABLE public.sg_dom_probe");
    sg_catalog_free(cat);
    bool bad = problems.len > 0;
    if (bad)
        print_lines("domain column probes that went wrong:", problems.s);
    free(problems.s);
    if (bad)
        fail_msg("a domain column's CHECK is within reach of an allowed operation, or a denial "
                 "guards nothing (see above)");
}

/*
 * The second reading of relations sees what planning prunes. PostgreSQL checks privileges on the
 * relations of the final plan only: each pruned statement below runs without a 42501 as a role
 * that may read sdk_examples_account and nothing else, though it names sdk_examples_secret or
 * row-locks a table it may only read. The reading of tests/relations.c flags every one, and
 * still passes the WITH references and scoped tables of its controls.
 */
static void test_soundness__relations_are_read_where_planning_prunes(void **state)
{
    (void)state;
    static const char *const pruned[] = {
        "SELECT a.uid FROM public.sdk_examples_account AS a"
        " WHERE NULL::int < (SELECT count(*) FROM public.sdk_examples_secret)",
        "SELECT a.uid FROM public.sdk_examples_account AS a"
        " WHERE false AND EXISTS (SELECT 1 FROM public.sdk_examples_secret)",
        "WITH unused AS (SELECT payload FROM public.sdk_examples_secret)"
        " SELECT a.uid FROM public.sdk_examples_account AS a",
        "WITH unused AS (SELECT uid FROM public.sdk_examples_account FOR UPDATE)"
        " SELECT a.uid FROM public.sdk_examples_account AS a",
    };
    static const struct {
        const char *sql;
        int problems; /* how many the reading must report */
    } controls[] = {
        {"WITH x AS (SELECT uid FROM public.sdk_examples_account) SELECT uid FROM x", 0},
        {"WITH x AS (SELECT uid FROM sdk_examples_account) SELECT x.uid FROM x"
         " JOIN sdk_examples_account AS a USING (uid)",
         0},
        /* a later sibling of a plain WITH is a table, whatever its name; under RECURSIVE it is
         * the WITH query */
        {"WITH x AS (SELECT 1 FROM sdk_examples_secret), sdk_examples_secret AS (SELECT 1)"
         " SELECT * FROM x",
         1},
        {"WITH RECURSIVE x AS (SELECT 1 FROM sdk_examples_secret), sdk_examples_secret AS"
         " (SELECT 1) SELECT * FROM x",
         0},
        /* a WITH query of a sub-select is out of sight outside it */
        {"SELECT (SELECT count(*) FROM (WITH sdk_examples_secret AS (SELECT 1)"
         " SELECT * FROM sdk_examples_secret) AS q) FROM sdk_examples_secret",
         1},
        /* a qualified name, or a table written, is never a WITH query */
        {"WITH sdk_examples_secret AS (SELECT 1) SELECT * FROM public.sdk_examples_secret", 1},
        {"WITH sdk_examples_account AS (SELECT 1)"
         " INSERT INTO sdk_examples_account (uid) VALUES (NULL)",
         1},
        {"WITH d AS (DELETE FROM public.sdk_examples_account RETURNING uid) SELECT uid FROM d", 1},
        {"UPDATE public.sdk_examples_account SET name = 'x'", 1},
        {"SELECT uid FROM public.sdk_examples_account FOR SHARE", 1},
        {"SELECT a.uid FROM public.sdk_examples_account AS a, LATERAL (SELECT 1) AS l"
         " FOR UPDATE OF l",
         0},
        {"SELECT q.uid FROM (SELECT uid FROM public.sdk_examples_account) AS q FOR UPDATE OF q", 1},
        {"SELECT 1 FROM sg.public.sdk_examples_account", 1},
        {"SELECT 1 FROM ledger.sdk_examples_account", 1},
    };
    char *op = read_operation("SELECT 1 AS one");
    cJSON *json = cJSON_Parse(op);
    free(op);
    const cJSON *scope = member(json, "scope");
    char *role = create_scope_role(scope);
    buf problems = {0};
    bputs(&problems, "");
    for (size_t k = 0; k < sizeof pruned / sizeof pruned[0]; k++) {
        outcome o = run_raw_as(role, NULL, 15000, NULL, pruned[k]);
        print_message("    %-100s %s\n", pruned[k], o.ok ? "ran" : o.sqlstate);
        if (!o.ok)
            bprintf(&problems, "  %s: %s %s (PostgreSQL was expected to prune it and run)\n",
                    pruned[k], o.sqlstate, o.message);
        rel_report rels;
        read_relations(pruned[k], scope, &rels);
        if (!rels.problems)
            bprintf(&problems, "  %s: the reading found nothing outside the scope\n", pruned[k]);
        rel_report_free(&rels);
    }
    for (size_t k = 0; k < sizeof controls / sizeof controls[0]; k++) {
        rel_report rels;
        read_relations(controls[k].sql, scope, &rels);
        int found = 0;
        for (const char *p = rels.problems; p && *p; p++)
            found += *p == '\n';
        if (found != controls[k].problems)
            bprintf(&problems, "  %s: the reading reports %d problems, not %d\n%s", controls[k].sql,
                    found, controls[k].problems, rels.problems ? rels.problems : "");
        rel_report_free(&rels);
    }
    drop_role(role);
    free(role);
    cJSON_Delete(json);
    print_message("soundness: %zu statements PostgreSQL prunes before its privilege check and %zu "
                  "controls, read a second time\n",
                  sizeof pruned / sizeof pruned[0], sizeof controls / sizeof controls[0]);
    bool bad = problems.len > 0;
    if (bad)
        print_lines("the second reading of relations went wrong:", problems.s);
    free(problems.s);
    if (bad)
        fail_msg("the second reading of relations does not see what planning prunes");
}

/* The data is what the fixture wrote: rollback_only left nothing behind. */
static void test_soundness__nothing_was_committed(void **state)
{
    (void)state;
    PGresult *res =
        PQexec(g_admin, "SELECT (SELECT count(*) FROM public.sdk_examples_account),"
                        " (SELECT count(*) FROM public.sdk_examples_account_limit),"
                        " (SELECT count(*) FROM public.sdk_examples_counterparty),"
                        " (SELECT count(*) FROM public.sdk_examples_secret),"
                        " (SELECT count(*) FROM ledger.sdk_examples_entry),"
                        " (SELECT count(*) FROM public.\"Sdk_Examples_Audit\"),"
                        " (SELECT name FROM public.sdk_examples_account WHERE account_code = "
                        "'ACME'),"
                        " (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'sg\\_case\\_%')");
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    assert_string_equal(PQgetvalue(res, 0, 0), "7");
    assert_string_equal(PQgetvalue(res, 0, 1), "3");
    assert_string_equal(PQgetvalue(res, 0, 2), "4");
    assert_string_equal(PQgetvalue(res, 0, 3), "1");
    assert_string_equal(PQgetvalue(res, 0, 4), "3");
    assert_string_equal(PQgetvalue(res, 0, 5), "2");
    assert_string_equal(PQgetvalue(res, 0, 6), "Acme Capital");
    assert_string_equal(PQgetvalue(res, 0, 7), "0"); /* every case role was dropped */
    PQclear(res);
}

/* Whether a case expects exactly column mistakes: column.unknown (*unknown) or column.ambiguous
 * (*ambiguous), and at most insert.not-null-missing besides. */
static bool column_mistake(const corpus_case *c, bool *unknown, bool *ambiguous)
{
    *unknown = *ambiguous = false;
    if (member(c->json, "policy"))
        return false;
    const cJSON *e;
    cJSON_ArrayForEach(e, member(member(c->json, "expect"), "errors"))
    {
        if (strcmp(e->valuestring, "column.unknown") == 0)
            *unknown = true;
        else if (strcmp(e->valuestring, "column.ambiguous") == 0)
            *ambiguous = true;
        else if (strcmp(e->valuestring, "insert.not-null-missing") != 0)
            return false;
    }
    return *unknown || *ambiguous;
}

/*
 * The column rules name mistakes the server would make the caller pay a round trip for: every
 * case denied for column.unknown fails at the server with 42703 (undefined column) or, for a
 * qualifier no FROM item has, 42P01 (missing FROM-clause entry), every case
 * denied for column.ambiguous with 42702 (ambiguous column), as the role its scope would get.
 */
static void test_soundness__column_mistakes_fail_at_the_server(void **state)
{
    (void)state;
    corpus_case *cases = NULL;
    size_t n = load_cases(&cases);
    int judged = 0;
    buf wrong = {0};
    bputs(&wrong, "");
    for (size_t i = 0; i < n; i++) {
        const corpus_case *c = &cases[i];
        bool unknown, ambiguous;
        if (!column_mistake(c, &unknown, &ambiguous))
            continue;
        sg_verdict *v = NULL;
        assert_int_equal(sg_check(g_catalog, c->op, strlen(c->op), NULL, &v), SG_OK);
        assert_false(sg_verdict_allowed(v));
        cJSON *scope = case_scope(c);
        assert_non_null(scope);
        char *role = create_scope_role(scope);
        outcome o = run_raw_as(role, v, 15000, NULL, NULL);
        judged++;
        bool as_said =
            !o.ok &&
            ((unknown && (strcmp(o.sqlstate, "42703") == 0 || strcmp(o.sqlstate, "42P01") == 0)) ||
             (ambiguous && strcmp(o.sqlstate, "42702") == 0));
        if (!as_said)
            bprintf(&wrong, "  %s: %s %s\n      statement: %s\n", c->name,
                    o.ok ? "succeeded" : o.sqlstate, o.ok ? "" : o.message,
                    sg_verdict_compiled_sql(v));
        drop_role(role);
        free(role);
        cJSON_Delete(scope);
        sg_verdict_free(v);
    }
    print_message("column mistakes: %d cases judged by the server\n", judged);
    print_lines("column mistakes the server did not make:", wrong.s);
    bool bad = wrong.len > 0;
    free(wrong.s);
    free_cases(cases, n);
    assert_true(judged >= 30);
    if (bad)
        fail_msg("the server disagrees with the column rules (see above)");
}

/*
 * params.type-mismatch judges a value as PostgreSQL's input functions would: every
 * typemismatch__ case it denies fails at the server with a data exception (class 22); every
 * typemismatch__ case it allows runs without any error, so that a value the guard lets through
 * is one the server takes.
 */
static void test_soundness__type_mismatches_fail_at_the_server(void **state)
{
    (void)state;
    corpus_case *cases = NULL;
    size_t n = load_cases(&cases);
    int refused = 0, taken = 0;
    buf wrong = {0};
    bputs(&wrong, "");
    for (size_t i = 0; i < n; i++) {
        const corpus_case *c = &cases[i];
        if (strncmp(c->name, "typemismatch__", 14) != 0 || member(c->json, "policy"))
            continue;
        sg_verdict *v = NULL;
        assert_int_equal(sg_check(g_catalog, c->op, strlen(c->op), NULL, &v), SG_OK);
        bool allowed = sg_verdict_allowed(v), only_values = !allowed;
        for (size_t k = 0; k < sg_verdict_diagnostic_count(v); k++) {
            const sg_diagnostic *d = sg_verdict_diagnostic(v, k);
            if (d->severity != SG_SEVERITY_ERROR)
                continue;
            if (strcmp(d->rule, "params.type-mismatch") != 0)
                only_values = false;
        }
        if (!allowed && !only_values) {
            sg_verdict_free(v);
            continue;
        }
        cJSON *scope = case_scope(c);
        assert_non_null(scope);
        char *role = create_scope_role(scope);
        outcome o = run_raw_as(role, v, 15000, NULL, NULL);
        bool as_said = allowed ? o.ok : !o.ok && strncmp(o.sqlstate, "22", 2) == 0;
        allowed ? taken++ : refused++;
        if (!as_said)
            bprintf(&wrong, "  %s (%s by the guard): %s %s\n      statement: %s\n", c->name,
                    allowed ? "allowed" : "denied", o.ok ? "succeeded" : o.sqlstate,
                    o.ok ? "" : o.message, sg_verdict_compiled_sql(v));
        drop_role(role);
        free(role);
        cJSON_Delete(scope);
        sg_verdict_free(v);
    }
    print_message("type mismatches: %d refused by the server as the guard said, %d values taken\n",
                  refused, taken);
    print_lines("values the server judged otherwise:", wrong.s);
    bool bad = wrong.len > 0;
    free(wrong.s);
    free_cases(cases, n);
    assert_true(refused >= 20 && taken >= 20);
    if (bad)
        fail_msg("the server disagrees with params.type-mismatch (see above)");
}

/* The premise of params.type-mismatch's reused parameters: PostgreSQL gives a parameter used
 * twice one type and converts the value without a word. Each statement below runs on the
 * server (in a transaction rolled back) and returns what the second use received; the guard
 * denies each, and allows the same statement with a value that reads alike. */
static void test_soundness__reused_parameters_convert_silently(void **state)
{
    (void)state;
    static const struct {
        const char *sql, *value, *got, *alike;
    } cases[] = {
        /* the WHERE's date use types $1: the SET writes midnight */
        {"UPDATE public.sdk_examples_metric SET at = $1 WHERE day = $1 RETURNING to_char(at AT "
         "TIME "
         "ZONE 'UTC', 'HH24:MI')",
         "2024-01-01 10:00", "00:00", "2024-01-01"},
        /* a character(n) use drops the blank before the text use sees it */
        {"SELECT c.name FROM public.sdk_examples_metric m, public.sdk_examples_counterparty c "
         "WHERE m.code = $1 AND c.name = $1",
         "a ", NULL, "ab"},
    };
    admin("DELETE FROM public.sdk_examples_metric WHERE n = 424242");
    admin("INSERT INTO public.sdk_examples_metric (n, day, code) VALUES (424242, '2024-01-01', "
          "'a ')");
    admin("INSERT INTO public.sdk_examples_counterparty (name) VALUES ('a ')");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        admin("BEGIN");
        const char *values[1] = {cases[i].value};
        PGresult *res = PQexecParams(g_admin, cases[i].sql, 1, NULL, values, NULL, NULL, 0);
        assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
        if (cases[i].got) {
            assert_true(PQntuples(res) >= 1);
            assert_string_equal(PQgetvalue(res, 0, 0), cases[i].got);
        } else {
            assert_int_equal(PQntuples(res), 0); /* the text 'a ' was never compared */
        }
        PQclear(res);
        admin("ROLLBACK");
    }
    admin("DELETE FROM public.sdk_examples_metric WHERE n = 424242");
    admin("DELETE FROM public.sdk_examples_counterparty WHERE name = 'a '");
    /* and the guard says so, where the value reads differently, and only there */
    static const char *const ops[][3] = {
        {"update", "UPDATE sdk_examples_metric SET at = %(x)s WHERE day = %(x)s",
         "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b08"},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        for (int alike = 0; alike < 2; alike++) {
            char op[1024];
            snprintf(op, sizeof op,
                     "{\"operation\":\"%s\",\"sql\":\"%s\",\"parameters\":{\"x\":\"%s\"},"
                     "\"scope\":{\"data_source_uid\":\"0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01\","
                     "\"tables\":[{\"meta_table_uid\":\"%s\",\"alias\":\"m\",\"access\":"
                     "\"write\"}]},\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":1000}}",
                     ops[i][0], ops[i][1], alike ? cases[i].alike : cases[i].value, ops[i][2]);
            sg_verdict *v = NULL;
            assert_int_equal(sg_check(g_catalog, op, strlen(op), NULL, &v), SG_OK);
            assert_int_equal(sg_verdict_allowed(v), alike);
            sg_verdict_free(v);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test(test_soundness__##name)
        T(case_roles_execute_only_what_the_guard_admits),
        T(reused_parameters_convert_silently),
        T(allowed_cases_pass_the_privilege_check),
        T(denied_cases_fail_as_their_role),
        T(column_mistakes_fail_at_the_server),
        T(type_mismatches_fail_at_the_server),
        T(hazards_are_unreachable_under_the_pinned_path),
        T(domain_columns_reach_no_check),
        T(relations_are_read_where_planning_prunes),
        T(nothing_was_committed),
#undef T
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
