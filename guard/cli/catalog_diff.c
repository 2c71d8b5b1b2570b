/*
 * catalog_diff.c - `sqlguard catalog diff`: the drift between a catalog and
 * a live PostgreSQL, for CI. Each finding is one line of text (or one
 * object of JSON) with a stable kind, the table, the column and the two
 * values; every compared table's contract hash on either side comes with
 * them in JSON. Exit 0 no drift, 1 drift, 2 the job could not be done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "catalog.h"
#include "exit.h"
#include "jsonprint.h"

static const char diff_usage[] =
    "usage: sqlguard catalog diff --catalog FILE --dsn DSN [--data-source UID] [--schema S]\n"
    "                             [--prefix P] [--format text|json]\n"
    "\n"
    "Reports the drift between a catalog and a live PostgreSQL: tables missing on\n"
    "either side, columns added, dropped or retyped, nullability, defaults added\n"
    "or removed, column order, primary key, unique keys and foreign keys, and a\n"
    "contract_hash the catalog states that its own columns no longer match.\n"
    "Tables the catalog lists are looked for by schema and physical name; database\n"
    "tables the catalog lacks are reported among those --prefix selects.\n"
    "\n"
    "options:\n"
    "  --catalog FILE      the catalog (required)\n"
    "  --dsn DSN           libpq connection string (default: $SQLGUARD_DSN)\n"
    "  --data-source UID   the catalog's data source the database is (default: its\n"
    "                      only one)\n"
    "  --schema S          compare this schema only (default: every schema the\n"
    "                      catalog's tables are in)\n"
    "  --prefix P          report database tables the catalog lacks only when their\n"
    "                      name starts with P (default: every table of the schema)\n"
    "  --format text|json  text (default): one line a finding,\n"
    "                        SCHEMA.TABLE[.COLUMN]: KIND: MESSAGE\n"
    "                      then a summary line; json: {\"drift\": [...], \"tables\":\n"
    "                      [...]} with each table's contract hash on either side\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit codes: 0 no drift, 1 drift, 2 could not do the job (usage, unreadable or\n"
    "            bad catalog, no connection)\n";

static const cli_command diff_cmd = {"catalog diff", diff_usage};

static void print_text(const sg_diff *d)
{
    size_t tables = 0;
    const char *last_schema = NULL, *last_table = NULL;
    for (size_t i = 0; i < sg_diff_count(d); i++) {
        const sg_drift *f = sg_diff_at(d, i);
        printf("%s.%s%s%s: %s: %s\n", f->schema, f->table, f->column ? "." : "",
               f->column ? f->column : "", f->kind, f->message);
        if (!last_table || strcmp(last_table, f->table) != 0 || strcmp(last_schema, f->schema) != 0)
            tables++;
        last_schema = f->schema;
        last_table = f->table;
    }
    size_t n = sg_diff_count(d), compared = sg_diff_table_count(d);
    if (n == 0)
        printf("no drift: %zu table%s compared\n", compared, compared == 1 ? "" : "s");
    else
        printf("drift: %zu finding%s in %zu table%s (%zu compared)\n", n, n == 1 ? "" : "s", tables,
               tables == 1 ? "" : "s", compared);
}

static cJSON *string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* Adds members to `o` from parallel arrays of keys and values; false when
 * memory ran out. */
static bool add_members(cJSON *o, const char *const *keys, const char *const *values, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        cJSON *v = string_or_null(values[k]);
        if (!v || !cJSON_AddItemToObject(o, keys[k], v)) {
            cJSON_Delete(v);
            return false;
        }
    }
    return true;
}

static cJSON *json_of(const sg_diff *d)
{
    static const char *const drift_keys[] = {"kind", "schema", "table",  "column",
                                             "old",  "new",    "message"};
    static const char *const table_keys[] = {"schema", "table", "catalog_hash", "database_hash"};
    cJSON *root = cJSON_CreateObject();
    cJSON *drift = root ? cJSON_AddArrayToObject(root, "drift") : NULL;
    cJSON *tables = drift ? cJSON_AddArrayToObject(root, "tables") : NULL;
    bool ok = tables != NULL;
    for (size_t i = 0; ok && i < sg_diff_count(d); i++) {
        const sg_drift *f = sg_diff_at(d, i);
        const char *values[] = {f->kind,      f->schema,    f->table,  f->column,
                                f->old_value, f->new_value, f->message};
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddItemToArray(drift, o) && add_members(o, drift_keys, values, 7);
    }
    for (size_t i = 0; ok && i < sg_diff_table_count(d); i++) {
        const sg_diff_table *t = sg_diff_table_at(d, i);
        const char *values[] = {t->schema, t->table, t->old_hash, t->new_hash};
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddItemToArray(tables, o) && add_members(o, table_keys, values, 4);
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static int run(const catalog_args *a, const char *dsn, bool json)
{
    size_t len = 0;
    char *text = cli_catalog_read(a->catalog, &len);
    if (!text)
        return EXIT_TROUBLE;
    sg_catalog_diff_options o = SG_CATALOG_DIFF_OPTIONS_INIT;
    o.data_source_uid = a->data_source;
    o.schema = a->schema;
    o.prefix = a->prefix;
    sg_diff *d = NULL;
    sg_error err;
    int status = EXIT_TROUBLE;
    if (sg_catalog_diff(text, len, dsn, &o, &d, &err) != SG_OK) {
        fprintf(stderr, "sqlguard catalog diff: %s\n", err.message);
    } else if (json) {
        cJSON *root = json_of(d);
        if (root && cli_print_json(stdout, root) == 0)
            status = sg_diff_count(d) ? EXIT_FINDINGS : EXIT_CLEAN;
        else
            fputs("sqlguard catalog diff: out of memory\n", stderr);
        cJSON_Delete(root);
    } else {
        print_text(d);
        status = sg_diff_count(d) ? EXIT_FINDINGS : EXIT_CLEAN;
    }
    sg_diff_free(d);
    sg_free(text);
    return status;
}

int cli_catalog_diff(int argc, char **argv)
{
    static catalog_option_names known = {
        "--catalog", "--dsn", "--data-source", "--schema", "--prefix", "--format", NULL};
    catalog_args a;
    int status = cli_catalog_args(&diff_cmd, known, argc, argv, &a);
    const char *dsn = NULL;
    bool json = a.format && strcmp(a.format, "json") == 0;
    if (status < 0 && a.rest_count)
        status = cli_catalog_usage_error(&diff_cmd, "takes no arguments besides its options");
    if (status < 0 && !a.catalog)
        status = cli_catalog_usage_error(&diff_cmd, "--catalog FILE is required");
    if (status < 0 && a.format && !json && strcmp(a.format, "text") != 0)
        status = cli_catalog_usage_error(&diff_cmd, "--format must be text or json");
    if (status < 0 && !(dsn = cli_catalog_dsn(&diff_cmd, &a)))
        status = EXIT_TROUBLE;
    free(a.rest);
    return status >= 0 ? status : run(&a, dsn, json);
}
