/*
 * cli_lint.h - the `sqlguard lint` command, kept apart from cli.c.
 */
#ifndef SG_CLI_LINT_H
#define SG_CLI_LINT_H

/* Runs `sqlguard lint` with argv[0] == "lint"; returns the exit status. */
int sg__cli_lint(int argc, char **argv);

#endif
