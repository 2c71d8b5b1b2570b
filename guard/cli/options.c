/*
 * options.c - the option parser every command of the command line shares:
 * `--name value` and `--name=value`, help flags and bounded counts, with the
 * messages a user sees when one is wrong.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exit.h"
#include "options.h"

bool cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_usage_error(const cli_command *cmd, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    fprintf(stderr, "sqlguard %s: ", cmd->name);
    vfprintf(stderr, format, ap);
    fprintf(stderr, " (see 'sqlguard %s --help')\n", cmd->name);
    va_end(ap);
    return EXIT_TROUBLE;
}

int cli_option_value(const cli_command *cmd, int argc, char **argv, int *i, const char *name,
                     const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        cli_usage_error(cmd, "%s needs a value", name);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

bool cli_parse_count(const cli_command *cmd, const char *name, const char *text, long min, long max,
                     long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max) {
        fprintf(stderr, "sqlguard %s: %s must be a whole number from %ld to %ld, not '%s'\n",
                cmd->name, name, min, max, text);
        return false;
    }
    *out = v;
    return true;
}
