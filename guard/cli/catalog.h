/*
 * catalog.h - what the subcommands of `sqlguard catalog` share (catalog.c,
 * catalog_diff.c): the arguments and the files they read (catalog_args.c).
 */
#ifndef SG_CLI_CATALOG_H
#define SG_CLI_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"
#include "sqlguard/catalog_tools.h"

/* The options any subcommand may take; each reads the ones it knows. */
typedef struct catalog_args {
    const char *dsn, *schema, *prefix, *catalog, *data_source, *output, *format;
    char **rest; /* the arguments that are no options, in order */
    size_t rest_count;
} catalog_args;

/* The names of the options a subcommand takes, e.g. {"--dsn", "--schema", NULL}. */
typedef const char *const catalog_option_names[];

/*
 * Reads argv (from the subcommand's name on) into *a, taking only the
 * options in `known`. Returns -1 to go on, or the exit status: 0 after
 * printing the help, 2 after a one-line usage error. a->rest is allocated
 * (free it).
 */
int cli_catalog_args(const cli_command *cmd, const char *const *known, int argc, char **argv,
                     catalog_args *a);

/* A one-line usage error: "sqlguard catalog SUB: MESSAGE (see
 * 'sqlguard catalog SUB --help')"; returns 2. */
int cli_catalog_usage_error(const cli_command *cmd, const char *message);

/* The catalog file's text (sg_free() it), or NULL after telling the user. */
char *cli_catalog_read(const char *path, size_t *len);

/* The DSN: --dsn, else $SQLGUARD_DSN; NULL after telling the user. */
const char *cli_catalog_dsn(const cli_command *cmd, const catalog_args *a);

int cli_catalog_diff(int argc, char **argv); /* catalog_diff.c */

#endif
