/*
 * main.c - the sqlguard command line: global options and the dispatch to one
 * file per command (check.c, exec.c, lint.c, rules.c, catalog.c).
 *
 * The command line is a client of the public API (sqlguard.h) like any
 * embedder. Exit codes follow the contract (exit.h): 0 all allowed, 1 any
 * denied, 2 could not do the job; output that never reached its destination
 * is a job not done.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "exit.h"
#include "sqlguard.h"

static const char main_usage[] =
    "usage: sqlguard <command> [options]\n"
    "\n"
    "sqlguard decides whether a governed SQL operation may run: it parses the\n"
    "operation's SQL with PostgreSQL's own parser and proves that it touches only\n"
    "the scoped tables, with the declared access, binds every placeholder, and\n"
    "calls only allowed functions.\n"
    "\n"
    "commands:\n"
    "  check    judge operation files against a catalog\n"
    "  exec     judge one operation and, if allowed, run it on PostgreSQL\n"
    "  lint     lint .sql files and operation files for CI\n"
    "  rules    list the rules and their default severities\n"
    "  catalog  write a catalog from a database or migrations, compare it, hash it\n"
    "\n"
    "options:\n"
    "  -h, --help     show this help (also: sqlguard <command> --help)\n"
    "  --version      print the version of sqlguard, of its library and of the\n"
    "                 PostgreSQL grammar it parses with (also: sqlguard <command>\n"
    "                 --version)\n"
    "\n"
    "exit codes: 0 every operation allowed, 1 at least one denied,\n"
    "            2 the command could not do its job (usage, unreadable file, bad catalog)\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"check", cli_check}, {"exec", cli_exec},       {"lint", cli_lint},
    {"rules", cli_rules}, {"catalog", cli_catalog},
};

/* One line: this program's version, then the library's (a shared library
 * may be newer than the header the program was built with) and the grammar's. */
static int print_version(void)
{
    const sg_version_info *v = sg_version();
    printf("sqlguard %s (library %s, ABI %u; PostgreSQL %s grammar)\n", SG_VERSION_STRING,
           v->version, v->abi, v->pg_version);
    return EXIT_CLEAN;
}

/* Whether the arguments ask for the version: --version anywhere before a
 * "--", so that every command and subcommand answers it alike. */
static bool asks_version(int argc, char **argv)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--version") == 0)
            return true;
    return false;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: sqlguard <command> [options] (see 'sqlguard --help')\n", stderr);
        return EXIT_TROUBLE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(main_usage, stdout);
        return EXIT_CLEAN;
    }
    if (asks_version(argc, argv))
        return print_version();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "sqlguard: unknown command '%s' (see 'sqlguard --help')\n", cmd);
    return EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
    /* this process is ours: nothing else here installs cJSON hooks */
    sg_json_allocator_install();
    int status = dispatch(argc, argv);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "sqlguard: cannot write standard output: %s\n", strerror(errno));
        return EXIT_TROUBLE;
    }
    return status;
}
