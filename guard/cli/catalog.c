/*
 * catalog.c - `sqlguard catalog`: catalogs taken from reality. `pull` writes
 * a catalog from a live PostgreSQL, `from-sql` from migration files,
 * `hash` prints each table's contract hash, and `diff` (catalog_diff.c)
 * reports the drift between a catalog and a database. All on the public
 * API of sqlguard/catalog_tools.h.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "commands.h"
#include "exit.h"

static const char catalog_usage[] =
    "usage: sqlguard catalog pull --dsn DSN [--schema S] [--prefix P | TABLE...]\n"
    "                             [--catalog FILE] [--data-source UID] [-o FILE]\n"
    "       sqlguard catalog diff --catalog FILE --dsn DSN [--data-source UID] [--schema S]\n"
    "                             [--prefix P] [--format text|json]\n"
    "       sqlguard catalog from-sql [--catalog FILE] [--schema S] [--data-source UID]\n"
    "                             [-o FILE] MIGRATION.sql|DIR...\n"
    "       sqlguard catalog hash --catalog FILE [--data-source UID]\n"
    "\n"
    "Catalogs taken from reality: written from a live PostgreSQL (pull) or from\n"
    "migration files (from-sql), compared with a database (diff), and each table's\n"
    "contract hash (hash). `sqlguard catalog SUBCOMMAND --help` tells more.\n";

static const char pull_usage[] =
    "usage: sqlguard catalog pull --dsn DSN [--schema S] [--prefix P | TABLE...]\n"
    "                             [--catalog FILE] [--data-source UID] [-o FILE]\n"
    "\n"
    "Writes a catalog from a live PostgreSQL: the ordinary and partitioned tables of\n"
    "a schema (partitions only when named), with their columns as format_type()\n"
    "prints their types, nullability, defaults (identity and generated columns\n"
    "included), primary key, unique keys (constraints, and unique indexes without\n"
    "predicate or expression) and foreign keys, and each table's contract_hash.\n"
    "It reads in one read-only transaction.\n"
    "\n"
    "options:\n"
    "  --dsn DSN          libpq connection string (default: $SQLGUARD_DSN)\n"
    "  --schema S         the schema to read (default: public)\n"
    "  --prefix P         only tables whose name starts with P\n"
    "  TABLE...           exactly these tables (each must exist)\n"
    "  --catalog FILE     an existing catalog: its tables keep their uid, identifier,\n"
    "                     namespace, labels and descriptions (matched by schema and\n"
    "                     physical name); its other tables are kept as they are\n"
    "  --data-source UID  the data source of new tables (default: the existing\n"
    "                     catalog's only data source)\n"
    "  -o FILE            write the catalog there (default: standard output)\n"
    "  -h, --help         show this help\n"
    "\n"
    "New tables get a uid derived from data source, schema and name, and the\n"
    "identifier SCHEMA.NAME.\n"
    "\n"
    "exit codes: 0 written, 2 could not do the job (usage, unreadable or bad\n"
    "            catalog, no connection, a named table missing)\n";

static const char from_sql_usage[] =
    "usage: sqlguard catalog from-sql [--catalog FILE] [--schema S] [--data-source UID]\n"
    "                                 [-o FILE] MIGRATION.sql|DIR...\n"
    "\n"
    "Writes a catalog from migration files, without a database: CREATE TABLE,\n"
    "ALTER TABLE (add, drop and rename columns, types, NOT NULL, defaults,\n"
    "constraints) and DROP TABLE are applied in the order given, a directory's\n"
    "*.sql files in name order. A statement that could not be applied is printed\n"
    "on standard error as FILE:LINE:COL: MESSAGE; the catalog is written all the\n"
    "same.\n"
    "\n"
    "options:\n"
    "  --catalog FILE     an existing catalog whose tables keep what it decided (as\n"
    "                     for pull)\n"
    "  --schema S         the schema of unqualified names (default: public)\n"
    "  --data-source UID  the data source of new tables (default: the existing\n"
    "                     catalog's only data source)\n"
    "  -o FILE            write the catalog there (default: standard output)\n"
    "  -h, --help         show this help\n"
    "\n"
    "A remark (\"remark: \" before the message) is about a statement that applied\n"
    "all the same, such as a foreign key to a table no migration creates.\n"
    "\n"
    "exit codes: 0 every statement applied (remarks or not), 1 a statement could\n"
    "            not be applied (the catalog is written), 2 could not do the job\n";

static const char hash_usage[] =
    "usage: sqlguard catalog hash --catalog FILE [--data-source UID]\n"
    "\n"
    "Prints each table's contract hash, one line a table: HASH SCHEMA.NAME, with\n"
    "a note when the catalog states another contract_hash (the table changed\n"
    "without its hash) or lists no columns. The README documents what the hash\n"
    "covers.\n"
    "\n"
    "options:\n"
    "  --catalog FILE     the catalog (required)\n"
    "  --data-source UID  only the tables of this data source\n"
    "  -h, --help         show this help\n"
    "\n"
    "exit codes: 0 every stated hash is current, 1 a stated hash is stale,\n"
    "            2 could not do the job\n";

static const cli_command catalog_cmd = {"catalog", catalog_usage};
static const cli_command pull_cmd = {"catalog pull", pull_usage};
static const cli_command from_sql_cmd = {"catalog from-sql", from_sql_usage};
static const cli_command hash_cmd = {"catalog hash", hash_usage};

/* ---- writing a catalog ---- */

static bool write_text(const char *path, const char *text)
{
    FILE *f = path ? fopen(path, "w") : stdout;
    if (!f) {
        fprintf(stderr, "sqlguard: %s: cannot write: %s\n", path, strerror(errno));
        return false;
    }
    bool ok = fputs(text, f) >= 0;
    if (path)
        ok = fclose(f) == 0 && ok;
    if (!ok && path)
        fprintf(stderr, "sqlguard: %s: cannot write: %s\n", path, strerror(errno));
    return ok || !path; /* standard output's failure is main()'s to report */
}

/* Writes `schema` as a catalog (with the existing one at a->catalog, when
 * given) to -o or standard output; false after telling the user. */
static bool write_catalog(const sg_schema *schema, const catalog_args *a)
{
    size_t len = 0;
    char *existing = a->catalog ? cli_catalog_read(a->catalog, &len) : NULL;
    if (a->catalog && !existing)
        return false;
    sg_catalog_write_options o = SG_CATALOG_WRITE_OPTIONS_INIT;
    o.existing = existing;
    o.existing_len = len;
    o.data_source_uid = a->data_source;
    o.default_schema = a->schema;
    char *text = NULL;
    sg_error err;
    bool ok = sg_schema_write_catalog(schema, &o, &text, &err) == SG_OK;
    if (!ok)
        fprintf(stderr, "sqlguard: %s%s%s\n", a->catalog ? a->catalog : "", a->catalog ? ": " : "",
                err.message);
    else
        ok = write_text(a->output, text);
    sg_free(text);
    sg_free(existing);
    return ok;
}

/* The data source of new tables must be known before anything is read. */
static bool has_data_source(const cli_command *cmd, const catalog_args *a)
{
    if (a->data_source || a->catalog)
        return true;
    cli_catalog_usage_error(cmd, "new tables need a data source: give --data-source UID or "
                                 "--catalog FILE");
    return false;
}

/* ---- pull ---- */

static int cli_catalog_pull(int argc, char **argv)
{
    static catalog_option_names known = {"--dsn",         "--schema", "--prefix", "--catalog",
                                         "--data-source", "-o",       NULL};
    catalog_args a;
    int status = cli_catalog_args(&pull_cmd, known, argc, argv, &a);
    const char *dsn = NULL;
    if (status < 0 && a.prefix && a.rest_count)
        status = cli_catalog_usage_error(&pull_cmd, "--prefix and TABLE names exclude each other");
    if (status < 0 && (!(dsn = cli_catalog_dsn(&pull_cmd, &a)) || !has_data_source(&pull_cmd, &a)))
        status = EXIT_TROUBLE;
    if (status >= 0) {
        free(a.rest);
        return status;
    }
    a.rest[a.rest_count] = NULL;
    sg_pull_options o = SG_PULL_OPTIONS_INIT;
    o.schema = a.schema;
    o.prefix = a.prefix;
    o.tables = a.rest_count ? (const char *const *)a.rest : NULL;
    sg_schema *schema = NULL;
    sg_error err;
    status = EXIT_TROUBLE;
    if (sg_schema_pull(dsn, &o, &schema, &err) != SG_OK)
        fprintf(stderr, "sqlguard catalog pull: %s\n", err.message);
    else if (write_catalog(schema, &a))
        status = EXIT_CLEAN;
    sg_schema_free(schema);
    free(a.rest);
    return status;
}

/* ---- from-sql ---- */

static int cli_catalog_from_sql(int argc, char **argv)
{
    static catalog_option_names known = {"--schema", "--catalog", "--data-source", "-o", NULL};
    catalog_args a;
    int status = cli_catalog_args(&from_sql_cmd, known, argc, argv, &a);
    if (status < 0 && a.rest_count == 0)
        status = cli_catalog_usage_error(&from_sql_cmd, "name migration files or directories");
    if (status < 0 && !has_data_source(&from_sql_cmd, &a))
        status = EXIT_TROUBLE;
    if (status >= 0) {
        free(a.rest);
        return status;
    }
    sg_migration_options o = SG_MIGRATION_OPTIONS_INIT;
    o.default_schema = a.schema;
    sg_schema *schema = NULL;
    sg_error err;
    status = EXIT_TROUBLE;
    if (sg_schema_from_migrations((const char *const *)a.rest, a.rest_count, &o, &schema, &err) !=
        SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", err.message);
    } else {
        size_t refused = 0;
        for (size_t i = 0; i < sg_schema_note_count(schema); i++) {
            const sg_schema_note *n = sg_schema_note_at(schema, i);
            fprintf(stderr, "%s:%ld:%ld: %s%s\n", n->file, n->line, n->column,
                    n->applied ? "remark: " : "", n->message);
            refused += !n->applied;
        }
        if (write_catalog(schema, &a))
            status = refused ? EXIT_FINDINGS : EXIT_CLEAN;
    }
    sg_schema_free(schema);
    free(a.rest);
    return status;
}

/* ---- hash ---- */

static int print_hashes(const sg_schema *schema)
{
    int status = EXIT_CLEAN;
    for (size_t i = 0; i < sg_schema_table_count(schema); i++) {
        const char *hash = sg_schema_table_hash(schema, i);
        const char *stated = sg_schema_table_stated_hash(schema, i);
        printf("%s %s.%s", hash ? hash : "-", sg_schema_table_schema(schema, i),
               sg_schema_table_name(schema, i));
        if (!hash) {
            printf(" (no columns listed)");
        } else if (stated && strcmp(stated, hash) != 0) {
            printf(" (stale: the catalog states %s)", stated);
            status = EXIT_FINDINGS;
        }
        putchar('\n');
    }
    return status;
}

static int cli_catalog_hash(int argc, char **argv)
{
    static catalog_option_names known = {"--catalog", "--data-source", NULL};
    catalog_args a;
    int status = cli_catalog_args(&hash_cmd, known, argc, argv, &a);
    if (status < 0 && a.rest_count)
        status = cli_catalog_usage_error(&hash_cmd, "takes no arguments besides its options");
    if (status < 0 && !a.catalog)
        status = cli_catalog_usage_error(&hash_cmd, "--catalog FILE is required");
    free(a.rest);
    if (status >= 0)
        return status;
    size_t len = 0;
    char *text = cli_catalog_read(a.catalog, &len);
    if (!text)
        return EXIT_TROUBLE;
    sg_schema *schema = NULL;
    sg_error err;
    status = EXIT_TROUBLE;
    if (sg_schema_from_catalog(text, len, a.data_source, &schema, &err) != SG_OK)
        fprintf(stderr, "sqlguard: %s: %s\n", a.catalog, err.message);
    else
        status = print_hashes(schema);
    sg_schema_free(schema);
    sg_free(text);
    return status;
}

/* ---- dispatch ---- */

int cli_catalog(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } subcommands[] = {
        {"pull", cli_catalog_pull},
        {"diff", cli_catalog_diff},
        {"from-sql", cli_catalog_from_sql},
        {"hash", cli_catalog_hash},
    };
    if (argc < 2)
        return cli_catalog_usage_error(&catalog_cmd,
                                       "name a subcommand: pull, diff, from-sql or hash");
    if (cli_is_help(argv[1])) {
        fputs(catalog_usage, stdout);
        return EXIT_CLEAN;
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        if (strcmp(argv[1], subcommands[i].name) == 0)
            return subcommands[i].run(argc - 1, argv + 1);
    char message[200];
    snprintf(message, sizeof message, "unknown subcommand '%s'", argv[1]);
    return cli_catalog_usage_error(&catalog_cmd, message);
}
