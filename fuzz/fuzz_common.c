/*
 * fuzz_common.c - the property checks and the differential scope oracle
 * shared by the operation and sql fuzz targets.
 *
 * The oracle is deliberately independent of the guard: it never calls into
 * the walker or the resolver. It reads the scope from the operation JSON with
 * cJSON, the catalog file with cJSON, and the statement from libpg_query's
 * public JSON output (pg_query_parse), walked generically: every object with a
 * "relname" is a RangeVar, every "CommonTableExpr" defines a name, and the
 * "relation" of an InsertStmt/UpdateStmt/DeleteStmt/MergeStmt is written.
 * For an allowed verdict every RangeVar must be a scoped table's physical name
 * (qualified with the table's schema, or unqualified when the table lives in
 * the data source's default schema) or an unqualified CTE name defined
 * somewhere in the statement, and every written relation must be a table
 * scoped write. RangeVars under "lockedRels" (FOR UPDATE OF names, which are
 * aliases) and "intoClause" (denied anyway) are skipped.
 */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <pg_query.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SG_FUZZ_CATALOG
#error "SG_FUZZ_CATALOG must name the catalog JSON file"
#endif

void fz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FUZZ PROPERTY VIOLATED: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* ---- the catalog, loaded once (by the library and by the oracle) ---- */

typedef struct {
    const char *uid, *data_source, *schema, *name;
} cat_table;

static sg_catalog *g_catalog;
static char *g_catalog_text; /* the catalog file, kept for fz_catalog_text() */
static size_t g_catalog_len;
static cJSON *g_catalog_json; /* owns the strings in g_tables */
static cat_table g_tables[64];
static size_t g_table_count;

static const char *str_member(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *default_schema_of(const char *data_source)
{
    const cJSON *dss = cJSON_GetObjectItemCaseSensitive(g_catalog_json, "data_sources");
    const cJSON *ds;
    cJSON_ArrayForEach(ds, dss)
    {
        const char *uid = str_member(ds, "uid");
        if (uid && data_source && strcmp(uid, data_source) == 0) {
            const char *s = str_member(ds, "default_schema");
            return s ? s : "public";
        }
    }
    return NULL;
}

const char *fz_catalog_text(size_t *len, size_t *tables)
{
    fz_catalog();
    *len = g_catalog_len;
    *tables = g_table_count;
    return g_catalog_text;
}

const sg_catalog *fz_catalog(void)
{
    if (g_catalog)
        return g_catalog;
    /* check as the command line does: operation trees in the check's arena */
    sg_json_allocator_install();
    size_t len = 0;
    char *text = NULL;
    sg_error err = {0};
    if (sg_read_file(SG_FUZZ_CATALOG, (size_t)64 << 20, SG_READ_REGULAR, &text, &len, &err) !=
        SG_OK)
        fz_fail("cannot read %s", err.message);
    if (sg_catalog_load(text, len, &g_catalog, &err) != SG_OK)
        fz_fail("cannot load %s: %s", SG_FUZZ_CATALOG, err.message);
    g_catalog_json = cJSON_ParseWithLength(text, len);
    g_catalog_text = text;
    g_catalog_len = len;
    if (!g_catalog_json)
        fz_fail("cJSON cannot parse %s", SG_FUZZ_CATALOG);
    const cJSON *t;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(g_catalog_json, "meta_tables"))
    {
        if (g_table_count == sizeof g_tables / sizeof g_tables[0])
            fz_fail("catalog too large for the oracle");
        cat_table *ct = &g_tables[g_table_count++];
        ct->uid = str_member(t, "uid");
        ct->data_source = str_member(t, "data_source_uid");
        ct->name = str_member(t, "physical_table_name");
        ct->schema = str_member(t, "schema");
        if (!ct->schema)
            ct->schema = default_schema_of(ct->data_source);
        if (!ct->uid || !ct->data_source || !ct->name || !ct->schema)
            fz_fail("catalog table %zu is incomplete for the oracle", g_table_count - 1);
    }
    if (sg_catalog_table_count(g_catalog) != g_table_count)
        fz_fail("catalog: library counts %zu tables, cJSON %zu", sg_catalog_table_count(g_catalog),
                g_table_count);
    return g_catalog;
}

/* ---- the scope as the oracle reads it from the operation JSON ---- */

enum { ACC_NONE = 0, ACC_READ = 1, ACC_WRITE = 2 };

typedef struct {
    bool readable;
    const char *default_schema;
    int access[64]; /* per g_tables index: the strongest access scoped */
} oracle_scope;

static void read_scope(const cJSON *op, oracle_scope *s)
{
    memset(s, 0, sizeof *s);
    const cJSON *scope = cJSON_GetObjectItemCaseSensitive(op, "scope");
    if (!cJSON_IsObject(scope))
        return;
    const char *ds = str_member(scope, "data_source_uid");
    const cJSON *tables = cJSON_GetObjectItemCaseSensitive(scope, "tables");
    if (!ds || !cJSON_IsArray(tables))
        return;
    s->default_schema = default_schema_of(ds);
    if (!s->default_schema)
        return;
    const cJSON *t;
    cJSON_ArrayForEach(t, tables)
    {
        const char *uid = str_member(t, "meta_table_uid");
        const char *acc = str_member(t, "access");
        if (!uid || !acc)
            continue;
        int a = strcmp(acc, "write") == 0 ? ACC_WRITE : strcmp(acc, "read") == 0 ? ACC_READ : 0;
        for (size_t i = 0; i < g_table_count; i++) {
            if (strcmp(g_tables[i].uid, uid) == 0 && strcmp(g_tables[i].data_source, ds) == 0 &&
                a > s->access[i])
                s->access[i] = a;
        }
    }
    s->readable = true;
}

/* ---- the generic walk over libpg_query's JSON ---- */

typedef struct {
    const char *catalog, *schema, *name;
    bool written;
} rel_ref;

typedef struct {
    rel_ref rels[4096];
    size_t rel_count;
    const char *ctes[1024];
    size_t cte_count;
    bool overflow;
} extraction;

static void add_rel(extraction *x, const cJSON *rv, bool written)
{
    if (x->rel_count == sizeof x->rels / sizeof x->rels[0]) {
        x->overflow = true;
        return;
    }
    rel_ref *r = &x->rels[x->rel_count++];
    r->catalog = str_member(rv, "catalogname");
    r->schema = str_member(rv, "schemaname");
    r->name = str_member(rv, "relname");
    r->written = written;
}

static bool is_dml(const char *key)
{
    return strcmp(key, "InsertStmt") == 0 || strcmp(key, "UpdateStmt") == 0 ||
           strcmp(key, "DeleteStmt") == 0 || strcmp(key, "MergeStmt") == 0;
}

static void walk(extraction *x, const cJSON *node)
{
    if (cJSON_IsObject(node)) {
        if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(node, "relname")))
            add_rel(x, node, false);
        const cJSON *child;
        cJSON_ArrayForEach(child, node)
        {
            const char *k = child->string;
            if (strcmp(k, "lockedRels") == 0 || strcmp(k, "intoClause") == 0)
                continue;
            if (strcmp(k, "CommonTableExpr") == 0) {
                const char *name = str_member(child, "ctename");
                if (name) {
                    if (x->cte_count == sizeof x->ctes / sizeof x->ctes[0])
                        x->overflow = true;
                    else
                        x->ctes[x->cte_count++] = name;
                }
            }
            if (is_dml(k)) {
                const cJSON *rel = cJSON_GetObjectItemCaseSensitive(child, "relation");
                if (cJSON_IsObject(rel))
                    add_rel(x, rel, true);
                else
                    x->overflow = true; /* a DML without a visible target: cannot vouch */
            }
            walk(x, child);
        }
    } else if (cJSON_IsArray(node)) {
        const cJSON *child;
        cJSON_ArrayForEach(child, node) walk(x, child);
    }
}

static bool is_cte(const extraction *x, const char *name)
{
    for (size_t i = 0; i < x->cte_count; i++)
        if (strcmp(x->ctes[i], name) == 0)
            return true;
    return false;
}

/* The strongest access the scope grants to (schema, name), ACC_NONE if none. */
static int scoped_access(const oracle_scope *s, const char *schema, const char *name)
{
    int best = ACC_NONE;
    for (size_t i = 0; i < g_table_count; i++) {
        if (s->access[i] && strcmp(g_tables[i].schema, schema) == 0 &&
            strcmp(g_tables[i].name, name) == 0 && s->access[i] > best)
            best = s->access[i];
    }
    return best;
}

static void oracle(const char *op_json, size_t op_len, const char *sql, const char *verdict)
{
    cJSON *op = cJSON_ParseWithLength(op_json, op_len);
    oracle_scope scope;
    read_scope(op, &scope);
    if (!scope.readable)
        fz_fail("allowed although the oracle cannot read the scope: %s", verdict);

    PgQueryParseResult pr = pg_query_parse(sql);
    if (pr.error)
        fz_fail("allowed SQL does not re-parse (%s): %s", pr.error->message, sql);
    cJSON *tree = cJSON_Parse(pr.parse_tree);
    if (!tree) {
        /* cJSON stops at 1000 levels: a deep but legal tree cannot be vouched for here. */
        pg_query_free_parse_result(pr);
        cJSON_Delete(op);
        return;
    }
    const cJSON *stmts = cJSON_GetObjectItemCaseSensitive(tree, "stmts");
    if (cJSON_GetArraySize(stmts) != 1)
        fz_fail("allowed SQL holds %d statements: %s", cJSON_GetArraySize(stmts), sql);

    static extraction x; /* large; the fuzzers are single-threaded */
    memset(&x, 0, sizeof x);
    walk(&x, tree);
    if (x.overflow)
        fz_fail("oracle cannot vouch for this allowed statement (too many relations, or a DML "
                "without a target): %s",
                sql);
    for (size_t i = 0; i < x.rel_count; i++) {
        const rel_ref *r = &x.rels[i];
        if (r->catalog)
            fz_fail("allowed statement names a database-qualified relation %s.%s.%s: %s",
                    r->catalog, r->schema ? r->schema : "", r->name, sql);
        bool cte = !r->schema && is_cte(&x, r->name);
        if (r->written) {
            /* A write target never binds to a CTE. */
            const char *schema = r->schema ? r->schema : scope.default_schema;
            if (scoped_access(&scope, schema, r->name) != ACC_WRITE)
                fz_fail("allowed statement writes %s.%s, which is not scoped write: %s", schema,
                        r->name, sql);
            continue;
        }
        if (cte)
            continue;
        if (strncmp(r->name, "pg_", 3) == 0)
            fz_fail("allowed statement reads system relation %s: %s", r->name, sql);
        const char *schema = r->schema ? r->schema : scope.default_schema;
        if (scoped_access(&scope, schema, r->name) == ACC_NONE)
            fz_fail("allowed statement reads %s.%s, which is not in scope: %s", schema, r->name,
                    sql);
    }
    cJSON_Delete(tree);
    pg_query_free_parse_result(pr);
    cJSON_Delete(op);
}

/* ---- the verdict properties ---- */

static sg_verdict *check_once(const char *json, size_t len, const sg_check_options *options,
                              char **text)
{
    sg_verdict *v = NULL;
    int rc = sg_check(fz_catalog(), json, len, options, &v);
    if (rc != SG_OK || !v)
        fz_fail("sg_check returned %d (%s)", rc, sg_err_name(rc));
    if (sg_verdict_to_json(v, text) != SG_OK || !*text)
        fz_fail("sg_verdict_to_json failed");
    return v;
}

int fz_check_operation(const char *json, size_t len, const sg_check_options *options)
{
    char *text1 = NULL, *text2 = NULL;
    sg_verdict *v1 = check_once(json, len, options, &text1);
    sg_verdict *v2 = check_once(json, len, options, &text2);
    if (strcmp(text1, text2) != 0)
        fz_fail("verdict is not deterministic:\n%s\n%s", text1, text2);
    sg_verdict_free(v2);
    sg_free(text2);

    bool allowed = sg_verdict_allowed(v1);
    cJSON *back = cJSON_Parse(text1);
    if (!back)
        fz_fail("verdict JSON does not parse: %s", text1);
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(back, "allowed");
    if (!cJSON_IsBool(a) || cJSON_IsTrue(a) != allowed)
        fz_fail("verdict JSON \"allowed\" disagrees with sg_verdict_allowed (%d): %s", allowed,
                text1);
    cJSON_Delete(back);

    bool has_error = false;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v1); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v1, i);
        if (!d || !d->rule || !d->message)
            fz_fail("diagnostic %zu is incomplete", i);
        if (d->severity == SG_SEVERITY_ERROR)
            has_error = true;
    }
    if (allowed == has_error)
        fz_fail("allowed=%d but error diagnostics=%d: %s", allowed, has_error, text1);

    if (allowed) {
        const char *sql = sg_verdict_compiled_sql(v1);
        if (!sql)
            fz_fail("allowed verdict without compiled SQL: %s", text1);
        oracle(json, len, sql, text1);
    }
    sg_verdict_free(v1);
    sg_free(text1);
    return allowed;
}

void fz_expect_denied(const char *json, size_t len, const char *rule)
{
    char *text = NULL;
    sg_verdict *v = check_once(json, len, NULL, &text);
    bool found = false;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        if (d->severity == SG_SEVERITY_ERROR && strcmp(d->rule, rule) == 0)
            found = true;
    }
    if (sg_verdict_allowed(v) || !found)
        fz_fail("expected a denial with %s: %s", rule, text);
    sg_verdict_free(v);
    sg_free(text);
}

/* ---- operations built for the SQL-driven targets ---- */

/* The first data source of corpus/catalog.json and all its tables. */
static const char DATA_SOURCE[] = "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01";
static const char *const TABLES[] = {
    "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01", "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02",
    "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b03", "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b04",
    "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b05", "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b07",
};

char *fz_operation_json(const char *kind, const char *access, const char *sql, cJSON *parameters)
{
    cJSON *op = cJSON_CreateObject();
    cJSON_AddStringToObject(op, "operation", kind);
    cJSON_AddStringToObject(op, "sql", sql);
    if (parameters)
        cJSON_AddItemToObject(op, "parameters", parameters);
    else
        cJSON_AddObjectToObject(op, "parameters");
    cJSON *scope = cJSON_AddObjectToObject(op, "scope");
    cJSON_AddStringToObject(scope, "data_source_uid", DATA_SOURCE);
    cJSON *tables = cJSON_AddArrayToObject(scope, "tables");
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        cJSON *t = cJSON_CreateObject();
        char alias[8];
        snprintf(alias, sizeof alias, "t%zu", i + 1);
        cJSON_AddStringToObject(t, "meta_table_uid", TABLES[i]);
        cJSON_AddStringToObject(t, "alias", alias);
        cJSON_AddStringToObject(t, "access", access);
        cJSON_AddItemToArray(tables, t);
    }
    cJSON *limits = cJSON_AddObjectToObject(op, "limits");
    cJSON_AddNumberToObject(limits, "max_rows", 100);
    cJSON_AddNumberToObject(limits, "statement_timeout_ms", 15000);
    char *text = cJSON_PrintUnformatted(op);
    cJSON_Delete(op);
    if (!text)
        fz_fail("out of memory building the operation");
    return text;
}

bool fz_is_text(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint8_t c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}
