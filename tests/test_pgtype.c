/*
 * test_pgtype.c - reading PostgreSQL type names in every spelling and writing
 * format_type()'s: families of spellings per type, the fields a reading
 * fills, names that are no type, and (with --server, on the throw-away
 * cluster of tests/pg/cluster.sh) PostgreSQL's own answer: for several
 * hundred spellings, a column declared with each either fails to be created
 * exactly when the reading refuses it, or format_type() of its pg_attribute
 * row is exactly what sg__pgtype_format writes; and the keyword list against
 * pg_get_keywords() and quote_ident().
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
#include "util/pgtype.h"

/* format_type()'s spelling of `spelling` as read, or NULL when it is no
 * type name. The result lives in a static buffer. */
static const char *formatted(const char *spelling)
{
    static char buf[512];
    sg__pgtype t;
    if (!sg__pgtype_parse(spelling, &t))
        return NULL;
    size_t len = sg__pgtype_format(&t, buf, sizeof buf);
    assert_true(len < sizeof buf);
    assert_int_equal(strlen(buf), len);
    return buf;
}

typedef struct spelling_case {
    const char *text, *expect; /* expect NULL: no type name */
} spelling_case;

static void check_all(const spelling_case *s, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        const char *got = formatted(s[i].text);
        bool same = got && s[i].expect ? strcmp(got, s[i].expect) == 0 : got == s[i].expect;
        if (!same) {
            print_error("%s: got %s, expected %s\n", s[i].text, got ? got : "(no type)",
                        s[i].expect ? s[i].expect : "(no type)");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

#define CHECK_ALL(list) check_all(list, sizeof list / sizeof list[0])

static void test_pgtype__integers(void **state)
{
    (void)state;
    static const spelling_case s[] = {
        {"int", "integer"},
        {"integer", "integer"},
        {"INT4", "integer"},
        {"int4", "integer"},
        {"Integer", "integer"},
        {"  int  ", "integer"},
        {"pg_catalog.int4", "integer"},
        {"PG_CATALOG.INT4", "integer"},
        {"\"pg_catalog\".\"int4\"", "integer"},
        {"\"int4\"", "integer"},
        {"smallint", "smallint"},
        {"int2", "smallint"},
        {"bigint", "bigint"},
        {"int8", "bigint"},
        {"pg_catalog.int8", "bigint"},
        {"int(11)", NULL},
        {"int4(3)", NULL},
        {"bigint(20)", NULL},
        {"pg_catalog.integer", NULL},
        {"pg_catalog.int", NULL},
        {"unsigned int", NULL},
        {"int int", NULL},
        {"\"Int4\"", "\"Int4\""},
        {"\"integer\"", "\"integer\""},
        {"int4 -- a comment\n", "integer"},
        {"/* a /* nested */ comment */ int8", "bigint"},
        {"int4 /* unterminated", NULL},
    };
    CHECK_ALL(s);
}

static void test_pgtype__floats(void **state)
{
    (void)state;
    static const spelling_case s[] = {
        {"float", "double precision"},
        {"float(1)", "real"},
        {"float(24)", "real"},
        {"FLOAT(25)", "double precision"},
        {"float(53)", "double precision"},
        {"float(0)", NULL},
        {"float(54)", NULL},
        {"float(-1)", NULL},
        {"float()", NULL},
        {"float(2.5)", NULL},
        {"float8", "double precision"},
        {"float4", "real"},
        {"real", "real"},
        {"double precision", "double precision"},
        {"DOUBLE\n\tPRECISION", "double precision"},
        {"double", "double"},
        {"precision", NULL},
        {"float8(3)", NULL},
        {"pg_catalog.float8", "double precision"},
        {"pg_catalog.float", NULL},
        {"double precision(3)", NULL},
    };
    CHECK_ALL(s);
}

static void test_pgtype__characters(void **state)
{
    (void)state;
    static const spelling_case s[] = {
        {"char", "character(1)"},
        {"character", "character(1)"},
        {"char(5)", "character(5)"},
        {"CHARACTER (5)", "character(5)"},
        {"nchar", "character(1)"},
        {"national character(2)", "character(2)"},
        {"national char varying(3)", "character varying(3)"},
        {"bpchar", "bpchar"},
        {"bpchar(3)", "character(3)"},
        {"pg_catalog.bpchar(4)", "character(4)"},
        {"varchar", "character varying"},
        {"varchar(64)", "character varying(64)"},
        {"character varying", "character varying"},
        {"character\n varying ( 10 ) ", "character varying(10)"},
        {"char varying(7)", "character varying(7)"},
        {"pg_catalog.varchar(8)", "character varying(8)"},
        {"\"varchar\"", "character varying"},
        {"varchar(10485760)", "character varying(10485760)"},
        {"varchar(10485761)", NULL},
        {"varchar(0)", NULL},
        {"char(-1)", NULL},
        {"varchar varying", NULL},
        {"varchar(1,2)", NULL},
        {"varchar(a)", NULL},
        {"varchar(10", NULL},
        {"varchar 10)", NULL},
        {"national", NULL},
        {"national varchar", NULL},
        {"\"char\"", "\"char\""},
        {"pg_catalog.char", "\"char\""},
        {"pg_catalog.\"char\"", "\"char\""},
        {"\"char\"(3)", NULL},
        {"text", "text"},
        {"TEXT", "text"},
        {"text(3)", NULL},
        {"name", "name"},
    };
    CHECK_ALL(s);
}

static void test_pgtype__numerics(void **state)
{
    (void)state;
    static const spelling_case s[] = {
        {"numeric", "numeric"},
        {"decimal", "numeric"},
        {"dec", "numeric"},
        {"numeric(18,2)", "numeric(18,2)"},
        {"DECIMAL(18, 2)", "numeric(18,2)"},
        {"numeric(5)", "numeric(5,0)"},
        {"dec(4,1)", "numeric(4,1)"},
        {"numeric(3,5)", "numeric(3,5)"},
        {"numeric(5,-2)", "numeric(5,-2)"},
        {"numeric(5, - 1)", "numeric(5,-1)"},
        {"numeric(1000,1000)", "numeric(1000,1000)"},
        {"pg_catalog.numeric(4,2)", "numeric(4,2)"},
        {"numeric(0)", NULL},
        {"numeric(1001)", NULL},
        {"numeric(5,1001)", NULL},
        {"numeric(5,-1001)", NULL},
        {"numeric(1,2,3)", NULL},
        {"numeric()", NULL},
        {"numeric(+5)", NULL},
        {"numeric(5.0)", NULL},
        {"numeric(99999999999)", NULL},
        {"numeric(5,)", NULL},
    };
    CHECK_ALL(s);
}

static void test_pgtype__times(void **state)
{
    (void)state;
    static const spelling_case s[] = {
        {"timestamp", "timestamp without time zone"},
        {"timestamp without time zone", "timestamp without time zone"},
        {"timestamp(3)", "timestamp(3) without time zone"},
        {"TIMESTAMP(0) WITH TIME ZONE", "timestamp(0) with time zone"},
        {"timestamp with time zone", "timestamp with time zone"},
        {"timestamptz", "timestamp with time zone"},
        {"timestamptz(3)", "timestamp(3) with time zone"},
        {"pg_catalog.timestamptz(3)", "timestamp(3) with time zone"},
        {"timestamp(7)", "timestamp(6) without time zone"},
        {"\"timestamp\"", "timestamp without time zone"},
        {"time", "time without time zone"},
        {"time(2) with time zone", "time(2) with time zone"},
        {"timetz", "time with time zone"},
        {"timetz(4)", "time(4) with time zone"},
        {"time without time zone", "time without time zone"},
        {"date", "date"},
        {"timestamp with time zone (3)", NULL},
        {"timestamp with time", NULL},
        {"timestamp with zone", NULL},
        {"timestamp(-1)", NULL},
        {"pg_catalog.timestamp(-1)", NULL},
        {"timestamp(1,2)", NULL},
        {"date(3)", NULL},
        {"interval", "interval"},
        {"interval(3)", "interval(3)"},
        {"interval(7)", "interval(6)"},
        {"interval year", "interval year"},
        {"interval month", "interval month"},
        {"interval year to month", "interval year to month"},
        {"interval day to hour", "interval day to hour"},
        {"interval day to second(3)", "interval day to second(3)"},
        {"INTERVAL HOUR TO MINUTE", "interval hour to minute"},
        {"interval minute to second", "interval minute to second"},
        {"interval second(2)", "interval second(2)"},
        {"interval second", "interval second"},
        {"interval day to hour(2)", NULL},
        {"interval month to day", NULL},
        {"interval year to day", NULL},
        {"interval hour to day", NULL},
        {"interval(3) day", NULL},
        {"interval day to", NULL},
        {"pg_catalog.interval", "interval"},
        {"pg_catalog.interval(3)", NULL},
    };
    CHECK_ALL(s);
}

static void test_pgtype__bits_and_others(void **state)
{
    (void)state;
    static const spelling_case s[] = {
        {"bit", "bit(1)"},
        {"bit(3)", "bit(3)"},
        {"bit varying", "bit varying"},
        {"bit varying(5)", "bit varying(5)"},
        {"varbit", "bit varying"},
        {"varbit(5)", "bit varying(5)"},
        {"\"bit\"", "\"bit\""},
        {"pg_catalog.bit", "\"bit\""},
        {"pg_catalog.bit(4)", "bit(4)"},
        {"bit(0)", NULL},
        {"bit(83886081)", NULL},
        {"bool", "boolean"},
        {"boolean", "boolean"},
        {"BOOLEAN", "boolean"},
        {"uuid", "uuid"},
        {"uuid(3)", NULL},
        {"json", "json"},
        {"jsonb", "jsonb"},
        {"bytea", "bytea"},
        {"inet", "inet"},
        {"citext", "citext"},
    };
    CHECK_ALL(s);
}

static void test_pgtype__arrays(void **state)
{
    (void)state;
    static const spelling_case s[] = {
        {"int[]", "integer[]"},
        {"int[3][4]", "integer[]"},
        {"int4 []   [ 3 ]", "integer[]"},
        {"integer ARRAY", "integer[]"},
        {"int ARRAY[5]", "integer[]"},
        {"text[]", "text[]"},
        {"_int4", "integer[]"},
        {"_text", "text[]"},
        {"pg_catalog._text", "text[]"},
        {"\"_int4\"", "integer[]"},
        {"_varchar(10)", "character varying(10)[]"},
        {"_bpchar", "bpchar[]"},
        {"_char", "\"char\"[]"},
        {"varchar(3)[2]", "character varying(3)[]"},
        {"character varying(3) array", "character varying(3)[]"},
        {"timestamp(3)[]", "timestamp(3) without time zone[]"},
        {"timestamp(3) with time zone[]", "timestamp(3) with time zone[]"},
        {"double precision[]", "double precision[]"},
        {"numeric(10,2)[]", "numeric(10,2)[]"},
        {"uuid[]", "uuid[]"},
        {"_int4[]", NULL},
        {"int array[]", NULL},
        {"int array[3][4]", NULL},
        {"int[] array", NULL},
        {"int[", NULL},
        {"int]", NULL},
        {"int[-1]", NULL},
        {"int[a]", NULL},
        {"[]", NULL},
        {"array", NULL},
        {"serial", NULL},
        {"serial[]", NULL},
        {"BIGSERIAL", NULL},
        {"\"serial\"", NULL},
        {"serial4", NULL},
        {"smallserial", NULL},
        {"pg_catalog.serial8", NULL},
        {"app.serial", "app.serial"},
    };
    CHECK_ALL(s);
}

/* Application types keep their names, quoted where quote_ident() quotes. */
static void test_pgtype__names(void **state)
{
    (void)state;
    static const spelling_case s[] = {
        {"mood", "mood"},
        {"Mood", "mood"},
        {"\"Mood\"", "\"Mood\""},
        {"app.mood", "app.mood"},
        {"APP.Mood", "app.mood"},
        {"app.\"Mood\"", "app.\"Mood\""},
        {"\"My App\".mood", "\"My App\".mood"},
        {"app._mood", "app.mood[]"},
        {"\"_Mood\"", "\"Mood\"[]"},
        {"\"order\"", "\"order\""},
        {"app.order", "app.\"order\""},
        {"\"a\"\"b\"", "\"a\"\"b\""},
        {"mood$1", "\"mood$1\""},
        {"\"1abc\"", "\"1abc\""},
        {"left", "\"left\""},
        {"\"left\"", "\"left\""},
        {"café", "\"café\""},
        {"year", "year"},
        {"order", NULL},
        {"select", NULL},
        {"coalesce", NULL},
        {"setof int", NULL},
        {"left.mood", NULL},
        {"order.mood", NULL},
        {"a.b.c", NULL},
        {"a.", NULL},
        {".a", NULL},
        {"a..b", NULL},
        {"", NULL},
        {"   ", NULL},
        {"\"\"", NULL},
        {"\"unterminated", NULL},
        {"int4;", NULL},
        {"(int)", NULL},
        {"mood(3)", "mood(3)"},
        {"mood(3,4)", "mood(3,4)"},
        {"mood(-3)", NULL},
        {"geometry(Point,4326)", NULL},
        {"U&\"d\\0061t\"", NULL},
        {"1int", NULL},
        {"int4 2", NULL},
    };
    CHECK_ALL(s);
}

static void test_pgtype__fields(void **state)
{
    (void)state;
    sg__pgtype t;
    assert_true(sg__pgtype_parse("varchar(64)", &t));
    assert_string_equal(t.name, "character varying");
    assert_int_equal(t.mod1, 64);
    assert_int_equal(t.mod2, -1);
    assert_int_equal(t.array_dims, 0);

    assert_true(sg__pgtype_parse("decimal(18,2)[][]", &t));
    assert_string_equal(t.name, "numeric");
    assert_int_equal(t.mod1, 18);
    assert_int_equal(t.mod2, 2);
    assert_int_equal(t.array_dims, 2);

    assert_true(sg__pgtype_parse("numeric(7)", &t));
    assert_int_equal(t.mod1, 7);
    assert_int_equal(t.mod2, 0);

    assert_true(sg__pgtype_parse("numeric(7,-1)", &t));
    assert_int_equal(t.mod2, -1);
    char buf[64];
    sg__pgtype_format(&t, buf, sizeof buf);
    assert_string_equal(buf, "numeric(7,-1)");

    assert_true(sg__pgtype_parse("numeric", &t));
    assert_int_equal(t.mod1, -1);
    assert_int_equal(t.mod2, -1);

    assert_true(sg__pgtype_parse("_int8", &t));
    assert_string_equal(t.name, "bigint");
    assert_int_equal(t.array_dims, 1);

    assert_true(sg__pgtype_parse("timestamptz(3)", &t));
    assert_string_equal(t.name, "timestamp with time zone");
    assert_int_equal(t.mod1, 3);

    assert_true(sg__pgtype_parse("interval day to second(2)", &t));
    assert_string_equal(t.name, "interval day to second");
    assert_int_equal(t.mod1, 2);

    assert_true(sg__pgtype_parse("char", &t));
    assert_string_equal(t.name, "character");
    assert_int_equal(t.mod1, 1);

    assert_true(sg__pgtype_parse("bpchar", &t));
    assert_string_equal(t.name, "character");
    assert_int_equal(t.mod1, -1);

    assert_true(sg__pgtype_parse("\"char\"", &t));
    assert_string_equal(t.name, "\"char\"");

    /* a failed reading leaves *out as it was */
    sg__pgtype before = t;
    assert_false(sg__pgtype_parse("varchar(0)", &t));
    assert_memory_equal(&before, &t, sizeof t);
    assert_false(sg__pgtype_parse(NULL, &t));
    assert_false(sg__pgtype_parse("int", NULL));
}

/* Identifiers longer than 63 bytes are cut as PostgreSQL cuts them, never
 * inside a UTF-8 character; a name too long to quote is refused. */
static void test_pgtype__long_names(void **state)
{
    (void)state;
    char text[300], want[300];
    memset(text, 'a', 70);
    text[70] = '\0';
    memset(want, 'a', 63);
    want[63] = '\0';
    assert_string_equal(formatted(text), want);

    /* 62 ASCII bytes and a 2-byte character: 64 bytes, the character goes */
    memset(text, 'b', 62);
    strcpy(text + 62, "\xc3\xa9x");
    memset(want, 'b', 62);
    want[62] = '\0';
    assert_string_equal(formatted(text), want);

    /* a qualified name of two quoted parts of quotes does not fit */
    strcpy(text, "\"");
    for (int i = 0; i < 63; i++)
        strcat(text, "\"\"");
    strcat(text, "\".\"");
    for (int i = 0; i < 63; i++)
        strcat(text, "\"\"");
    strcat(text, "\"");
    assert_null(formatted(text));
}

static void test_pgtype__format_buffer(void **state)
{
    (void)state;
    sg__pgtype t;
    assert_true(sg__pgtype_parse("timestamp(3) with time zone[]", &t));
    char small[8];
    size_t need = sg__pgtype_format(&t, small, sizeof small);
    assert_int_equal(need, strlen("timestamp(3) with time zone[]"));
    assert_string_equal(small, "timesta");
    assert_int_equal(sg__pgtype_format(&t, NULL, 0), need);
    char exact[64];
    assert_int_equal(sg__pgtype_format(&t, exact, need + 1), need);
    assert_string_equal(exact, "timestamp(3) with time zone[]");
}

/* ---- against the server ------------------------------------------------- */

/* A connection to a fresh database of the cluster, so that the types the
 * probes create meet nothing another test left. */
static PGconn *connect_to_cluster(void)
{
    char *dsn = sg_test_pg_dsn(SG_PG_STATE);
    PGconn *pg = sg_test_pg_fresh_database(dsn, "sg_pgtype");
    free(dsn);
    return pg;
}

/* The server's format_type() of a column declared `spelling` (malloc'd),
 * or NULL when the declaration fails; *sqlstate is its error's. */
static char *server_format(PGconn *pg, const char *spelling, char sqlstate[6])
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SAVEPOINT s; CREATE TABLE pgtype_probe (c %s\n); "
             "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
             "WHERE attrelid = 'pgtype_probe'::regclass AND attnum = 1",
             spelling);
    PGresult *res = PQexec(pg, sql);
    char *answer = NULL;
    sqlstate[0] = '\0';
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
        answer = strdup(PQgetvalue(res, 0, 0));
    } else {
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        snprintf(sqlstate, 6, "%s", state ? state : "");
    }
    PQclear(res);
    sg_test_pg_run(pg, "ROLLBACK TO SAVEPOINT s");
    return answer;
}

/* Spellings PostgreSQL accepts and refuses, each also tried in variants. */
static const char *const server_spellings[] = {
    "int",
    "integer",
    "INT4",
    "int2",
    "smallint",
    "bigint",
    "int8",
    "pg_catalog.int4",
    "\"int4\"",
    "\"pg_catalog\".int8",
    "float",
    "float(1)",
    "float(24)",
    "float(25)",
    "float(53)",
    "float(0)",
    "float(54)",
    "float4",
    "float8",
    "real",
    "double precision",
    "bool",
    "boolean",
    "char",
    "character",
    "char(5)",
    "character(5)",
    "nchar",
    "national character(2)",
    "national char varying(3)",
    "bpchar",
    "bpchar(3)",
    "pg_catalog.bpchar(4)",
    "varchar",
    "varchar(64)",
    "character varying",
    "character varying(10)",
    "char varying(7)",
    "pg_catalog.varchar(8)",
    "\"varchar\"",
    "varchar(10485760)",
    "varchar(10485761)",
    "varchar(0)",
    "char(-1)",
    "varchar varying",
    "varchar(1,2)",
    "\"char\"",
    "pg_catalog.char",
    "\"char\"(3)",
    "text",
    "text(3)",
    "name",
    "numeric",
    "decimal",
    "dec",
    "numeric(18,2)",
    "numeric(5)",
    "dec(4,1)",
    "numeric(3,5)",
    "numeric(5,-2)",
    "numeric(5,-1)",
    "numeric(1000,1000)",
    "pg_catalog.numeric(4,2)",
    "numeric(0)",
    "numeric(1001)",
    "numeric(5,1001)",
    "numeric(5,-1001)",
    "numeric(1,2,3)",
    "numeric(+5)",
    "numeric(5.0)",
    "timestamp",
    "timestamp without time zone",
    "timestamp(3)",
    "timestamp(0) with time zone",
    "timestamp with time zone",
    "timestamptz",
    "timestamptz(3)",
    "pg_catalog.timestamptz(3)",
    "timestamp(7)",
    "\"timestamp\"",
    "\"timestamp\"(2)",
    "time",
    "time(2) with time zone",
    "timetz",
    "timetz(4)",
    "time without time zone",
    "date",
    "timestamp with time zone (3)",
    "timestamp(-1)",
    "pg_catalog.timestamp(-1)",
    "timestamp(1,2)",
    "date(3)",
    "interval",
    "interval(3)",
    "interval(7)",
    "interval year",
    "interval month",
    "interval day",
    "interval hour",
    "interval minute",
    "interval year to month",
    "interval day to hour",
    "interval day to minute",
    "interval day to second",
    "interval day to second(3)",
    "interval hour to minute",
    "interval hour to second(1)",
    "interval minute to second",
    "interval minute to second(9)",
    "interval second(2)",
    "interval second",
    "interval day to hour(2)",
    "interval month to day",
    "interval year to day",
    "interval(3) day",
    "pg_catalog.interval",
    "pg_catalog.interval(3)",
    "bit",
    "bit(3)",
    "bit varying",
    "bit varying(5)",
    "varbit",
    "varbit(5)",
    "\"bit\"",
    "pg_catalog.bit",
    "pg_catalog.bit(4)",
    "bit(0)",
    "bit(83886080)",
    "bit(83886081)",
    "uuid",
    "uuid(3)",
    "json",
    "jsonb",
    "jsonb(1)",
    "bytea",
    "inet",
    "cidr",
    "macaddr",
    "money",
    "xml",
    "tsvector",
    "point",
    "oid",
    "int4range",
    "tstzrange",
    "jsonpath",
    "_int4",
    "_text",
    "pg_catalog._text",
    "\"_int4\"",
    "_varchar(10)",
    "_bpchar",
    "_char",
    "_numeric(5,2)",
    "_timestamptz(2)",
    "_int4[]",
    "int array[]",
    "int[-1]",
    "serial[]",
    "pg_catalog.integer",
    "pg_catalog.float",
    "int4(3)",
    "int(11)",
    "double",
    "precision",
    "\"Mood\"",
    "mood",
    "app.mood",
    "APP.MOOD",
    "app.\"Mood\"",
    "app._mood",
    "\"_Mood\"",
    "\"order\"",
    "app.order",
    "\"a\"\"b\"",
    "\"mood$1\"",
    "left",
    "year",
    "order",
    "select",
    "coalesce",
    "setof int",
    "a.b.c",
    "\"\"",
    "int4;",
    "(int)",
    "int int",
    "1int",
    "varchar(a)",
    "int4 /* c */",
    "int8 -- c",
    "/* a /* nested */ c */ bool",
};

/* A variant of a spelling: upper case (outside quotes), white space and a
 * comment between tokens, and array suffixes. */
static void variant(const char *base, int kind, char *out, size_t n)
{
    static const char *const suffix[] = {"", "[]", "[3][4]", " ARRAY", " array[2]", "[ ]"};
    size_t len = 0;
    bool quoted = false;
    for (const char *p = base; *p && len + 8 < n; p++) {
        char c = *p;
        if (c == '"')
            quoted = !quoted;
        if (!quoted && (kind & 1) && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (!quoted && (kind & 2) && c == ' ') {
            memcpy(out + len, " \n\t ", 4);
            len += 4;
            continue;
        }
        if (!quoted && (kind & 2) && c == '(') {
            memcpy(out + len, " ( ", 3);
            len += 3;
            continue;
        }
        out[len++] = c;
    }
    out[len] = '\0';
    snprintf(out + len, n - len, "%s", suffix[(kind >> 2) % 6]);
}

static void test_pgtype__server_format_type(void **state)
{
    (void)state;
    PGconn *pg = connect_to_cluster();
    sg_test_pg_run(pg, "BEGIN");
    sg_test_pg_run(pg,
                   "CREATE TYPE \"Mood\" AS ENUM ('a'); CREATE TYPE mood AS ENUM ('b'); "
                   "CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('c'); "
                   "CREATE TYPE app.\"Mood\" AS ENUM ('d'); CREATE TYPE \"order\" AS ENUM ('e'); "
                   "CREATE TYPE app.\"order\" AS ENUM ('f'); CREATE TYPE \"a\"\"b\" AS ENUM ('g'); "
                   "CREATE TYPE \"mood$1\" AS ENUM ('h'); CREATE TYPE \"left\" AS ENUM ('i'); "
                   "CREATE TYPE year AS ENUM ('j'); CREATE TYPE double AS ENUM ('k')");
    size_t tried = 0, accepted = 0, refused = 0, bad = 0;
    size_t nbase = sizeof server_spellings / sizeof server_spellings[0];
    for (size_t i = 0; i < nbase; i++) {
        for (int kind = 0; kind < 24; kind++) {
            /* every spelling plain, and a few of its variants */
            if (kind != 0 && (kind * 7 + (int)i) % 5 != 0)
                continue;
            char text[512], sqlstate[6];
            variant(server_spellings[i], kind, text, sizeof text);
            char *server = server_format(pg, text, sqlstate);
            const char *ours = formatted(text);
            tried++;
            accepted += server != NULL;
            refused += server == NULL;
            bool same = server && ours ? strcmp(server, ours) == 0 : server == ours;
            if (!same) {
                print_error("%s: server %s%s, ours %s\n", text, server ? server : "refuses ",
                            server ? "" : sqlstate, ours ? ours : "refuses");
                bad++;
            }
            free(server);
        }
    }
    sg_test_pg_run(pg, "ROLLBACK");
    PQfinish(pg);
    print_message("pgtype: %zu spellings, %zu accepted, %zu refused by the server\n", tried,
                  accepted, refused);
    assert_true(tried > 400);
    assert_true(accepted > 250 && refused > 100);
    assert_int_equal(bad, 0);
}

/* The keyword list: an unquoted keyword is a type name (maybe of no type)
 * exactly where the grammar takes it as one, and a quoted keyword is written
 * back as quote_ident() writes it. */
static void test_pgtype__server_keywords(void **state)
{
    (void)state;
    PGconn *pg = connect_to_cluster();
    sg_test_pg_run(pg, "BEGIN");
    PGresult *res =
        PQexec(pg, "SELECT word, quote_ident(word), EXISTS (SELECT 1 FROM pg_type "
                   "WHERE typname = word AND typnamespace = 'pg_catalog'::regnamespace) "
                   "FROM pg_get_keywords() ORDER BY word");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s", PQerrorMessage(pg));
    size_t bad = 0, rows = (size_t)PQntuples(res);
    for (size_t r = 0; r < rows; r++) {
        const char *word = PQgetvalue(res, (int)r, 0);
        const char *quoted = PQgetvalue(res, (int)r, 1);
        bool typname = strcmp(PQgetvalue(res, (int)r, 2), "t") == 0;
        char sqlstate[6], text[128];
        char *server = server_format(pg, word, sqlstate);
        /* the server takes it as a type name unless it is a syntax error */
        bool name = server || strcmp(sqlstate, "42601") != 0;
        bool ours = formatted(word) != NULL;
        if (name != ours) {
            print_error("keyword %s: the server %s a type name, we %s\n", word,
                        name ? "reads" : "reads no", ours ? "do" : "do not");
            bad++;
        }
        free(server);
        snprintf(text, sizeof text, "\"%s\"", word);
        const char *back = formatted(text);
        if (!typname && (!back || strcmp(back, quoted) != 0)) {
            print_error("keyword \"%s\": quote_ident %s, ours %s\n", word, quoted,
                        back ? back : "refuses");
            bad++;
        }
    }
    PQclear(res);
    sg_test_pg_run(pg, "ROLLBACK");
    PQfinish(pg);
    assert_true(rows > 400);
    assert_int_equal(bad, 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_pgtype__integers),
        cmocka_unit_test(test_pgtype__floats),
        cmocka_unit_test(test_pgtype__characters),
        cmocka_unit_test(test_pgtype__numerics),
        cmocka_unit_test(test_pgtype__times),
        cmocka_unit_test(test_pgtype__bits_and_others),
        cmocka_unit_test(test_pgtype__arrays),
        cmocka_unit_test(test_pgtype__names),
        cmocka_unit_test(test_pgtype__fields),
        cmocka_unit_test(test_pgtype__long_names),
        cmocka_unit_test(test_pgtype__format_buffer),
    };
    const struct CMUnitTest server[] = {
        cmocka_unit_test(test_pgtype__server_format_type),
        cmocka_unit_test(test_pgtype__server_keywords),
    };
    if (argc > 1 && strcmp(argv[1], "--server") == 0)
        return cmocka_run_group_tests(server, NULL, NULL);
    return cmocka_run_group_tests(unit, NULL, NULL);
}
