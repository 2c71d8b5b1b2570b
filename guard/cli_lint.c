/*
 * cli_lint.c - `sqlguard lint`: lint .sql files and operation files for CI.
 */
#include <stdio.h>

#include "cli_lint.h"
#include "sqlguard.h"

int sg__cli_lint(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("sqlguard lint: not built yet\n", stderr);
    return 2;
}
