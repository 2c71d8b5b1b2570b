/*
 * commands.h - one entry point per command of the sqlguard command line.
 *
 * Each takes the arguments from the command's name on (argv[0] is "check",
 * "exec", ...) and returns the exit status (exit.h).
 */
#ifndef SG_CLI_COMMANDS_H
#define SG_CLI_COMMANDS_H

int cli_check(int argc, char **argv);   /* check.c */
int cli_exec(int argc, char **argv);    /* exec.c */
int cli_lint(int argc, char **argv);    /* lint.c */
int cli_rules(int argc, char **argv);   /* rules.c */
int cli_catalog(int argc, char **argv); /* catalog.c */

#endif
