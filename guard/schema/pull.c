/*
 * pull.c - the tables of a live PostgreSQL read into the table model: what
 * `sqlguard catalog pull` writes and `sqlguard catalog diff` compares with.
 *
 * Everything is read from pg_catalog with parameterised queries in one
 * REPEATABLE READ READ ONLY transaction. A DSN is a secret-bearing string:
 * messages describe the target by host, port, database and user, and libpq's
 * own words never carry the password (nor, for a DSN libpq cannot read, any
 * fragment of it but keywords).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "schema/pull.h"
#include "util/error.h"

struct sg__pull {
    PGconn *pg;
    char password[256]; /* to keep out of messages; "" when the DSN gives none */
};

/* ---- the DSN and the connection ---- */

/* libpq's message about a DSN it cannot read, with every quoted fragment
 * that is not a plain word (a keyword) replaced: URI errors quote the whole
 * URI, password included. */
static void redact_fragments(const char *msg, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = msg; *p && n + 8 < cap; p++) {
        if (*p != '"') {
            if (*p != '\n')
                out[n++] = *p;
            continue;
        }
        const char *end = strchr(p + 1, '"');
        if (!end)
            break;
        bool word = end > p + 1;
        for (const char *q = p + 1; q < end; q++)
            if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_'))
                word = false;
        size_t len = word ? (size_t)(end - p) + 1 : 5;
        if (n + len + 8 >= cap)
            break;
        memcpy(out + n, word ? p : "\"...\"", len);
        n += len;
        p = end;
    }
    out[n] = '\0';
}

/* "host=H port=P dbname=D user=U" of the options the DSN sets. */
static void describe_target(PQconninfoOption *opts, char *out, size_t cap)
{
    static const char *const shown[] = {"host", "hostaddr", "port", "dbname", "user", NULL};
    size_t n = 0;
    out[0] = '\0';
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        for (size_t k = 0; shown[k]; k++)
            if (strcmp(o->keyword, shown[k]) == 0 && o->val && o->val[0] && n < cap) {
                int w = snprintf(out + n, cap - n, "%s%s=%s", n ? " " : "", o->keyword, o->val);
                n = w > 0 && (size_t)w < cap - n ? n + (size_t)w : cap;
            }
}

/* Copies `msg` without its final newline and with every occurrence of the
 * password replaced by "***". */
static void scrub(const char *msg, const char *password, char *out, size_t cap)
{
    size_t n = 0, plen = strlen(password);
    for (const char *p = msg; *p && n + 4 < cap;) {
        if (plen && strncmp(p, password, plen) == 0) {
            memcpy(out + n, "***", 3);
            n += 3;
            p += plen;
        } else {
            out[n++] = *p++;
        }
    }
    while (n && (out[n - 1] == '\n' || out[n - 1] == ' '))
        n--;
    out[n] = '\0';
}

static int connect_to(sg__pull *p, const char *dsn, sg_error *err)
{
    char *parse_error = NULL;
    PQconninfoOption *opts = PQconninfoParse(dsn, &parse_error);
    if (!opts) {
        char msg[300];
        redact_fragments(parse_error ? parse_error : "out of memory", msg, sizeof msg);
        PQfreemem(parse_error);
        return sg__set_error(err, parse_error ? SG_EINVAL : SG_ENOMEM,
                             "the DSN is not a libpq connection string: %s", msg);
    }
    char target[200];
    describe_target(opts, target, sizeof target);
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val)
            snprintf(p->password, sizeof p->password, "%s", o->val);
    PQconninfoFree(opts);
    p->pg = PQconnectdb(dsn);
    if (!p->pg)
        return sg__set_error(err, SG_ENOMEM, "out of memory while connecting");
    if (PQstatus(p->pg) != CONNECTION_OK || PQsetClientEncoding(p->pg, "UTF8") != 0) {
        char msg[400];
        scrub(PQerrorMessage(p->pg), p->password, msg, sizeof msg);
        return sg__set_error(err, SG_ECONNECT, "cannot connect to the database (%s): %s",
                             target[0] ? target : "libpq's defaults", msg);
    }
    return SG_OK;
}

/* ---- queries ---- */

/* Runs a query with text parameters; the result, or NULL with *rc and *err filled. */
static PGresult *query(sg__pull *p, const char *sql, int nparams, const char *const *params,
                       const char *what, int *rc, sg_error *err)
{
    PGresult *res = PQexecParams(p->pg, sql, nparams, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (res && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK))
        return res;
    char msg[400];
    scrub(res ? PQresultErrorMessage(res) : PQerrorMessage(p->pg), p->password, msg, sizeof msg);
    *rc = sg__set_error(err, res ? SG_EIO : SG_ENOMEM, "reading %s from the database failed: %s",
                        what, msg);
    PQclear(res);
    return NULL;
}

int sg__pull_open(const char *dsn, sg__pull **out, sg_error *err)
{
    *out = NULL;
    sg__pull *p = sg__malloc(sizeof *p);
    if (!p)
        return sg__set_error(err, SG_ENOMEM, "out of memory while connecting");
    memset(p, 0, sizeof *p);
    int rc = connect_to(p, dsn ? dsn : "", err);
    PGresult *res = NULL;
    if (rc == SG_OK)
        res = query(p, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL,
                    "a read-only transaction", &rc, err);
    PQclear(res);
    if (rc != SG_OK) {
        sg__pull_close(p);
        return rc;
    }
    *out = p;
    return SG_OK;
}

void sg__pull_close(sg__pull *p)
{
    if (!p)
        return;
    if (p->pg && PQstatus(p->pg) == CONNECTION_OK)
        PQclear(PQexec(p->pg, "ROLLBACK"));
    PQfinish(p->pg);
    memset(p->password, 0, sizeof p->password);
    sg__free(p);
}

/* ---- one table ---- */

/* A column without a default of its own takes its domain's (or that domain's
 * base domain's, and so on). */
static const char columns_sql[] =
    "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
    "COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid), "
    "(WITH RECURSIVE dom(def, base, depth) AS ("
    "SELECT t.typdefault, t.typbasetype, 0 FROM pg_catalog.pg_type t "
    "WHERE t.oid = a.atttypid AND t.typtype = 'd' "
    "UNION ALL SELECT t.typdefault, t.typbasetype, dom.depth + 1 FROM dom "
    "JOIN pg_catalog.pg_type t ON t.oid = dom.base "
    "WHERE dom.def IS NULL AND t.typtype = 'd' AND dom.depth < 64) "
    "SELECT dom.def FROM dom WHERE dom.def IS NOT NULL LIMIT 1)), "
    "a.attidentity, a.attgenerated "
    "FROM pg_catalog.pg_attribute a "
    "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

/* One row per key column of the primary key, unique constraints and foreign
 * keys, in key order; a partition's copies of a foreign key to a partitioned
 * table are left out (their parent constraint is on the same table). */
static const char constraints_sql[] =
    "SELECT con.conname, con.contype, a.attname, fn.nspname, fc.relname, fa.attname, "
    "con.confdeltype, con.confupdtype "
    "FROM pg_catalog.pg_constraint con "
    "CROSS JOIN LATERAL pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, pos) "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
    "LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid "
    "LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
    "LEFT JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid "
    "AND fa.attnum = con.confkey[k.pos::pg_catalog.int4] "
    "WHERE con.conrelid = $1 AND con.contype IN ('p', 'u', 'f') AND NOT EXISTS ("
    "SELECT 1 FROM pg_catalog.pg_constraint up "
    "WHERE up.oid = con.conparentid AND up.conrelid = con.conrelid) "
    "ORDER BY con.contype, con.conname, k.pos";

/* Unique indexes that no constraint owns, without predicate or expression,
 * their key columns (not INCLUDE ones) in order; not one whose key column
 * has a collation or operator class of its own (`email COLLATE "C"` on a
 * case-insensitive column, `text_pattern_ops`): its uniqueness is not that
 * of `=` on the column, which may then find two rows. */
static const char indexes_sql[] =
    "SELECT ic.relname, a.attname FROM pg_catalog.pg_index i "
    "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
    "CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY "
    "AS k(attnum, pos) "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
    "WHERE i.indrelid = $1 AND i.indisunique AND i.indisvalid AND NOT i.indisprimary "
    "AND i.indpred IS NULL AND i.indexprs IS NULL AND k.pos <= i.indnkeyatts "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c "
    "WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid) "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(i.indkey::pg_catalog.int2[]) "
    "WITH ORDINALITY AS kk(attnum, pos) "
    "JOIN pg_catalog.pg_attribute ka ON ka.attrelid = i.indrelid AND ka.attnum = kk.attnum "
    "JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[(kk.pos - 1)::pg_catalog.int4] "
    "WHERE kk.pos <= i.indnkeyatts AND (NOT oc.opcdefault "
    "OR i.indcollation[(kk.pos - 1)::pg_catalog.int4] <> ka.attcollation)) "
    "ORDER BY ic.relname, k.pos";

/* A copy of cell (row, col) in the model's arena; NULL for SQL NULL. */
static const char *cell(sg__schema *s, PGresult *res, int row, int col, bool *ok)
{
    if (PQgetisnull(res, row, col))
        return NULL;
    const char *v = sg__arena_strdup(&s->arena, PQgetvalue(res, row, col));
    if (!v)
        *ok = false;
    return v;
}

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

static bool read_columns(sg__schema *s, sg__sc_table *t, PGresult *res)
{
    bool ok = true;
    for (int r = 0; ok && r < PQntuples(res); r++) {
        sg__sc_column *c = sg__vec_push(&s->arena, &t->columns, sizeof *c);
        if (!c)
            return false;
        c->name = cell(s, res, r, 0, &ok);
        c->type = cell(s, res, r, 1, &ok);
        c->nullable = strcmp(PQgetvalue(res, r, 2), "t") != 0;
        const char *identity = PQgetvalue(res, r, 4), *generated = PQgetvalue(res, r, 5);
        /* as the migration reader has them: an identity column's GENERATED
         * clause, a generated column's expression */
        c->identity = identity[0];
        c->generated = generated[0];
        if (identity[0] == 'a')
            c->default_expr = "generated always as identity";
        else if (identity[0] == 'd')
            c->default_expr = "generated by default as identity";
        else
            c->default_expr = cell(s, res, r, 3, &ok);
    }
    return ok;
}

/* The rows [from, to) of one key as a list of names (column `col`). */
static bool key_names(sg__schema *s, PGresult *res, int from, int to, int col, sg__sc_names *out)
{
    out->count = 0;
    out->names = sg__arena_alloc(&s->arena, (size_t)(to - from) * sizeof *out->names);
    bool ok = out->names != NULL;
    for (int r = from; ok && r < to; r++)
        out->names[out->count++] = cell(s, res, r, col, &ok);
    return ok;
}

/* Rows [from, to) of one constraint into the table. */
static bool read_constraint(sg__schema *s, sg__sc_table *t, PGresult *res, int from, int to)
{
    sg__sc_names cols = {0};
    if (!key_names(s, res, from, to, 2, &cols))
        return false;
    const char type = PQgetvalue(res, from, 1)[0];
    if (type == 'p') {
        bool ok = true;
        cols.name = cell(s, res, from, 0, &ok);
        t->primary_key = cols;
        return ok;
    }
    if (type == 'u') {
        cols.name = PQgetvalue(res, from, 0); /* copied by sg__schema_add_unique */
        return sg__schema_add_unique(s, t, &cols) == 0;
    }
    sg__sc_fkey *fk = sg__vec_push(&s->arena, &t->fkeys, sizeof *fk);
    bool ok = fk != NULL;
    if (ok) {
        fk->columns = cols;
        fk->name = cell(s, res, from, 0, &ok);
        fk->ref_schema = cell(s, res, from, 3, &ok);
        fk->ref_table = cell(s, res, from, 4, &ok);
        fk->on_delete = action(PQgetvalue(res, from, 6));
        fk->on_update = action(PQgetvalue(res, from, 7));
        ok = ok && key_names(s, res, from, to, 5, &fk->ref_columns);
    }
    return ok;
}

/* Groups the rows of consecutive equal names (column 0) into keys. The
 * primary key comes first (the query orders 'f' < 'p' < 'u', so the keys
 * are read in two passes: the primary key, then the rest), so that a unique
 * constraint on the primary key's columns is recognised as the same key. */
static bool read_keys(sg__schema *s, sg__sc_table *t, PGresult *res, bool indexes)
{
    for (int pass = indexes ? 1 : 0; pass < 2; pass++) {
        int n = PQntuples(res);
        for (int from = 0, to; from < n; from = to) {
            for (to = from + 1;
                 to < n && strcmp(PQgetvalue(res, to, 0), PQgetvalue(res, from, 0)) == 0; to++)
                ;
            bool primary = !indexes && PQgetvalue(res, from, 1)[0] == 'p';
            if (primary != (pass == 0))
                continue;
            if (indexes) {
                sg__sc_names cols = {0};
                if (!key_names(s, res, from, to, 1, &cols))
                    return false;
                cols.name = PQgetvalue(res, from, 0);
                cols.index_only = true;
                if (sg__schema_add_unique(s, t, &cols) < 0)
                    return false;
            } else if (!read_constraint(s, t, res, from, to)) {
                return false;
            }
        }
    }
    return true;
}

static int read_table(sg__pull *p, sg__schema *s, const char *schema, const char *name,
                      const char *oid, sg_error *err)
{
    sg__sc_table *t = sg__schema_add_table(s, schema, name);
    if (!t)
        return sg__set_error(err, SG_ENOMEM, "out of memory while reading the database");
    static const char *const what[] = {"the columns", "the constraints", "the unique indexes"};
    const char *const sql[] = {columns_sql, constraints_sql, indexes_sql};
    for (int q = 0; q < 3; q++) {
        int rc = SG_OK;
        PGresult *res = query(p, sql[q], 1, &oid, what[q], &rc, err);
        if (!res)
            return rc;
        bool ok = q == 0 ? read_columns(s, t, res) : read_keys(s, t, res, q == 2);
        PQclear(res);
        if (!ok)
            return sg__set_error(err, SG_ENOMEM, "out of memory while reading the database");
    }
    return SG_OK;
}

/* ---- a schema ---- */

static const char tables_sql[] =
    "SELECT c.oid, c.relname, c.relispartition FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname";

static bool named(const sg__pull_filter *f, const char *name, bool *found)
{
    for (size_t i = 0; i < f->name_count; i++)
        if (strcmp(f->names[i], name) == 0) {
            found[i] = true;
            return true;
        }
    return false;
}

static bool selected(const sg__pull_filter *f, const char *name, bool partition, bool *found)
{
    if (named(f, name, found))
        return true;
    if (partition)
        return false;
    return f->all || (f->prefix && strncmp(name, f->prefix, strlen(f->prefix)) == 0);
}

static int read_tables(sg__pull *p, sg__schema *s, const char *schema, const sg__pull_filter *f,
                       PGresult *tables, bool *found, sg_error *err)
{
    for (int r = 0; r < PQntuples(tables); r++) {
        const char *name = PQgetvalue(tables, r, 1);
        if (!selected(f, name, strcmp(PQgetvalue(tables, r, 2), "t") == 0, found))
            continue;
        int rc = read_table(p, s, schema, name, PQgetvalue(tables, r, 0), err);
        if (rc != SG_OK)
            return rc;
    }
    for (size_t i = 0; f->names_required && i < f->name_count; i++)
        if (!found[i])
            return sg__set_error(err, SG_EINVAL,
                                 "the database has no table %s.%s (ordinary or partitioned)",
                                 schema, f->names[i]);
    return SG_OK;
}

int sg__pull_schema(sg__pull *p, sg__schema *s, const char *schema, const sg__pull_filter *f,
                    sg_error *err)
{
    /* format_type() and pg_get_expr() qualify what the search path does not
     * show: with the schema alone on it, its own types and sequences print as
     * a migration writes them */
    int rc = SG_OK;
    PGresult *res = query(p,
                          "SELECT pg_catalog.set_config('search_path', "
                          "pg_catalog.quote_ident($1), true)",
                          1, &schema, "the schema", &rc, err);
    if (!res)
        return rc;
    PQclear(res);
    if (!(res = query(p, tables_sql, 1, &schema, "the tables", &rc, err)))
        return rc;
    bool *found = sg__arena_alloc(&s->arena, f->name_count + 1);
    rc = found ? read_tables(p, s, schema, f, res, found, err)
               : sg__set_error(err, SG_ENOMEM, "out of memory while reading the database");
    PQclear(res);
    return rc;
}
