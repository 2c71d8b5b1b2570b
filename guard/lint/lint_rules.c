/*
 * lint_rules.c - lint's own rules: findings about the linted text and its
 * suppression comments rather than about the SQL.
 *
 * They are not in the library's rule table (no policy can tune them, no
 * comment can suppress them), but reports list them with it, so each carries
 * a summary and a paragraph of help, read through sg_lint_rule_*().
 */
#include <string.h>

#include "lint/lint.h"

typedef struct lint_rule {
    const char *id;
    sg_severity severity;
    const char *summary;
    const char *help;
} lint_rule;

static const lint_rule lint_rules[] = {
    {SG_LINT_RULE_FILE, SG_SEVERITY_ERROR, "a file lint was asked to read could not be linted",
     "The file could not be read, is larger than 1 MiB, is not UTF-8 text (or holds a NUL byte), "
     "is a .json file that is not valid JSON, or is a symbolic link out of the linted tree "
     "(a warning). lint never skips a .sql or .json file silently; fix the file or leave it out "
     "of the paths given."},
    {SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING,
     "a suppression comment that suppresses nothing",
     "A sqlguard-disable-next-line or sqlguard-disable comment names a rule that has no finding "
     "where the comment reaches (or a sqlguard-enable closes no sqlguard-disable). Remove the "
     "comment: a stale suppression would hide the next real finding."},
    {SG_LINT_RULE_UNKNOWN_RULE, SG_SEVERITY_ERROR,
     "a suppression comment names a rule that does not exist",
     "The rule id in a sqlguard-disable comment is not in the rule table, so the comment "
     "suppresses nothing. `sqlguard rules` lists the ids."},
    {SG_LINT_RULE_BAD_SUPPRESSION, SG_SEVERITY_ERROR,
     "a comment starting with sqlguard- that is not a valid suppression",
     "The directives are sqlguard-disable-next-line, sqlguard-disable and sqlguard-enable, "
     "followed by rule ids separated by commas and an optional reason after \" -- \". lint.* "
     "findings cannot be suppressed."},
};

enum { LINT_RULE_COUNT = sizeof lint_rules / sizeof lint_rules[0] };

size_t sg_lint_rule_count(void)
{
    return LINT_RULE_COUNT;
}

const char *sg_lint_rule_id(size_t index)
{
    return index < LINT_RULE_COUNT ? lint_rules[index].id : NULL;
}

sg_severity sg_lint_rule_default_severity(size_t index)
{
    return index < LINT_RULE_COUNT ? lint_rules[index].severity : SG_SEVERITY_ERROR;
}

const char *sg_lint_rule_summary(size_t index)
{
    return index < LINT_RULE_COUNT ? lint_rules[index].summary : NULL;
}

const char *sg_lint_rule_help(size_t index)
{
    return index < LINT_RULE_COUNT ? lint_rules[index].help : NULL;
}

bool sg__lint_rule_known(const char *id, size_t n)
{
    for (size_t i = 0; i < LINT_RULE_COUNT; i++)
        if (strlen(lint_rules[i].id) == n && memcmp(lint_rules[i].id, id, n) == 0)
            return true;
    return false;
}
