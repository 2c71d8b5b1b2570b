/*
 * options.h - reading a command's options: one parser for every command.
 */
#ifndef SG_CLI_OPTIONS_H
#define SG_CLI_OPTIONS_H

#include <stdbool.h>

/* The command an option belongs to, for messages ("check") and its usage. */
typedef struct cli_command {
    const char *name;
    const char *usage;
} cli_command;

/* Whether argv[i] asks for help (-h, --help). */
bool cli_is_help(const char *arg);

/*
 * Matches `NAME VALUE` or `NAME=VALUE` at argv[*i]: 1 with *value set (and *i
 * past the value), 0 when argv[*i] is something else, -1 after telling the
 * user (as `sqlguard CMD`, with its usage) that the value is missing.
 */
int cli_option_value(const cli_command *cmd, int argc, char **argv, int *i, const char *name,
                     const char **value);

/* Reads a whole number from `min` to `max` into *out; false after telling
 * the user what `name` must be. */
bool cli_parse_count(const cli_command *cmd, const char *name, const char *text, long min, long max,
                     long *out);

#endif
