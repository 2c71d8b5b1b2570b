/*
 * cli_lint.h - the `sqlguard lint` command, kept apart from cli.c.
 */
#ifndef SG_CLI_LINT_H
#define SG_CLI_LINT_H

/* Matches `NAME VALUE` or `NAME=VALUE` at argv[*i]: 1 with *value set (and *i
 * past the value), 0 when argv[*i] is something else, -1 after telling the
 * user (as `sqlguard CMD`, with `usage`) that the value is missing. In cli.c. */
int sg__cli_option_value(int argc, char **argv, int *i, const char *name, const char **value,
                         const char *cmd, const char *usage);

/* Runs `sqlguard lint` with argv[0] == "lint"; returns the exit status. */
int sg__cli_lint(int argc, char **argv);

#endif
