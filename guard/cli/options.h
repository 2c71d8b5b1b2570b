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
 * Tells the user, in one line on standard error, what is wrong with the
 * command line and where the help is: "sqlguard CMD: MESSAGE (see 'sqlguard
 * CMD --help')". Returns EXIT_TROUBLE.
 */
int cli_usage_error(const cli_command *cmd, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Matches `NAME VALUE` or `NAME=VALUE` at argv[*i]: 1 with *value set (and *i
 * past the value), 0 when argv[*i] is something else, -1 after telling the
 * user (a usage error) that the value is missing.
 */
int cli_option_value(const cli_command *cmd, int argc, char **argv, int *i, const char *name,
                     const char **value);

/* Reads a whole number from `min` to `max` into *out; false after telling
 * the user what `name` must be. */
bool cli_parse_count(const cli_command *cmd, const char *name, const char *text, long min, long max,
                     long *out);

#endif
