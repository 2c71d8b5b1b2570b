/*
 * catalog_args.c - what the subcommands of `sqlguard catalog` share: one
 * reader of their options (each takes the ones it knows; every usage error
 * is one line), the catalog file and the DSN.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "exit.h"

int cli_catalog_usage_error(const cli_command *cmd, const char *message)
{
    return cli_usage_error(cmd, "%s", message);
}

static bool knows(const char *const *known, const char *name)
{
    for (size_t i = 0; known[i]; i++)
        if (strcmp(known[i], name) == 0)
            return true;
    return false;
}

/* Reads one option at argv[*i]: 1 read, 0 not one of `known`, -1 usage error. */
static int read_option(const cli_command *cmd, const char *const *known, int argc, char **argv,
                       int *i, catalog_args *a)
{
    static const struct {
        const char *name;
        size_t field;
    } fields[] = {
        {"--dsn", offsetof(catalog_args, dsn)},
        {"--schema", offsetof(catalog_args, schema)},
        {"--prefix", offsetof(catalog_args, prefix)},
        {"--catalog", offsetof(catalog_args, catalog)},
        {"--data-source", offsetof(catalog_args, data_source)},
        {"-o", offsetof(catalog_args, output)},
        {"--format", offsetof(catalog_args, format)},
    };
    /* a missing value is a one-line error too: no usage after it */
    const cli_command quiet = {cmd->name, ""};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        if (!knows(known, fields[k].name))
            continue;
        const char *value;
        int got = cli_option_value(&quiet, argc, argv, i, fields[k].name, &value);
        if (got > 0)
            *(const char **)((char *)a + fields[k].field) = value;
        if (got != 0)
            return got;
    }
    return 0;
}

int cli_catalog_args(const cli_command *cmd, const char *const *known, int argc, char **argv,
                     catalog_args *a)
{
    memset(a, 0, sizeof *a);
    if (!(a->rest = malloc((size_t)argc * sizeof *a->rest))) {
        fputs("sqlguard: out of memory\n", stderr);
        return EXIT_TROUBLE;
    }
    bool options_end = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_end || arg[0] != '-' || arg[1] == '\0') {
            a->rest[a->rest_count++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_end = true;
            continue;
        }
        if (cli_is_help(arg)) {
            fputs(cmd->usage, stdout);
            return EXIT_CLEAN;
        }
        int got = read_option(cmd, known, argc, argv, &i, a);
        if (got < 0)
            return EXIT_TROUBLE;
        if (got == 0) {
            cli_usage_error(cmd, "unknown option %s", arg);
            return EXIT_TROUBLE;
        }
    }
    return -1;
}

char *cli_catalog_read(const char *path, size_t *len)
{
    char *text = NULL;
    sg_error err;
    if (sg_read_file(path, (size_t)64 << 20, 0, &text, len, &err) != SG_OK) {
        fprintf(stderr, "sqlguard: %s\n", err.message);
        return NULL;
    }
    return text;
}

const char *cli_catalog_dsn(const cli_command *cmd, const catalog_args *a)
{
    const char *dsn = a->dsn ? a->dsn : getenv("SQLGUARD_DSN");
    if (!dsn)
        cli_catalog_usage_error(cmd, "--dsn DSN is required (or $SQLGUARD_DSN)");
    return dsn;
}
