/*
 * rules.c - `sqlguard rules`: the rule table as text, JSON, or the Markdown
 * table the README carries between its rules markers.
 */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "exit.h"
#include "options.h"
#include "print.h"

static const char rules_usage[] =
    "usage: sqlguard rules [--format text|json|markdown]\n"
    "\n"
    "Lists every rule id with its default severity, whether a policy may weaken it\n"
    "(locked rules cannot be turned off or made warnings), its summary and options.\n"
    "\n"
    "options:\n"
    "  --format text|json|markdown  text (default): one rule a line; json: an array\n"
    "                               of rule objects; markdown: the table the README\n"
    "                               carries\n"
    "  -h, --help                   show this help\n"
    "\n"
    "exit codes: 0 listed, 2 could not do the job (usage)\n";

static const cli_command rules_cmd = {"rules", rules_usage};

static void print_markdown(void)
{
    puts("| rule | default | locked | when |");
    puts("|---|---|---|---|");
    for (size_t i = 0; i < sg_rule_count(); i++) {
        printf("| `%s` | %s | %s | %s", sg_rule_id(i),
               cli_severity_name(sg_rule_default_severity(i)), sg_rule_locked(i) ? "yes" : "",
               sg_rule_summary(i));
        for (size_t k = 0; k < sg_rule_option_count(i); k++)
            printf("%s`%s`: %s", k ? "; " : ". Options: ", sg_rule_option_name(i, k),
                   sg_rule_option_help(i, k));
        puts(" |");
    }
}

static void print_text(void)
{
    for (size_t i = 0; i < sg_rule_count(); i++) {
        printf("%-32s %-8s %s%s\n", sg_rule_id(i), cli_severity_name(sg_rule_default_severity(i)),
               sg_rule_summary(i), sg_rule_locked(i) ? " (locked)" : "");
        for (size_t k = 0; k < sg_rule_option_count(i); k++)
            printf("%-32s   option %s: %s\n", "", sg_rule_option_name(i, k),
                   sg_rule_option_help(i, k));
    }
}

/* One line of JSON; false when it could not be built. */
static bool print_json(void)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < sg_rule_count(); i++) {
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            cJSON_Delete(arr);
            return false;
        }
        cJSON_AddStringToObject(o, "id", sg_rule_id(i));
        cJSON_AddStringToObject(o, "severity", cli_severity_name(sg_rule_default_severity(i)));
        cJSON_AddBoolToObject(o, "locked", sg_rule_locked(i));
        cJSON_AddStringToObject(o, "summary", sg_rule_summary(i));
        cJSON *opts = cJSON_AddObjectToObject(o, "options");
        for (size_t k = 0; opts && k < sg_rule_option_count(i); k++)
            cJSON_AddStringToObject(opts, sg_rule_option_name(i, k), sg_rule_option_help(i, k));
    }
    char *s = arr ? cJSON_PrintUnformatted(arr) : NULL;
    cJSON_Delete(arr);
    if (!s)
        return false;
    puts(s);
    cJSON_free(s);
    return true;
}

int cli_rules(int argc, char **argv)
{
    const char *format = "text";
    for (int i = 1; i < argc; i++) {
        int got;
        if (cli_is_help(argv[i])) {
            fputs(rules_usage, stdout);
            return EXIT_CLEAN;
        } else if ((got = cli_option_value(&rules_cmd, argc, argv, &i, "--format", &format))) {
            if (got < 0)
                return EXIT_TROUBLE;
        } else {
            return cli_usage_error(&rules_cmd, "unknown argument %s", argv[i]);
        }
    }
    if (strcmp(format, "markdown") == 0) {
        print_markdown();
    } else if (strcmp(format, "json") == 0) {
        if (!print_json())
            return EXIT_TROUBLE;
    } else if (strcmp(format, "text") == 0) {
        print_text();
    } else {
        return cli_usage_error(&rules_cmd, "--format must be text, json or markdown");
    }
    return EXIT_CLEAN;
}
