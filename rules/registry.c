/*
 * registry.c - the rule table, generated from rules.def.
 *
 * Stage rules have no check function: the pipeline stage that detects them
 * reports them directly. They are listed here so that every id a verdict can
 * carry is also listed, with its summary, by the library and the command line.
 */
#include <string.h>

#include "rules.h"

#define SG__FN_SG_RULE_STAGE(sym) NULL
#define SG__FN_SG_RULE_OPERATION(sym) sg__rule_##sym
#define SG__FN_SG_RULE_FACTS(sym) sg__rule_##sym
#define SG__FN(kind, sym) SG__FN_##kind(sym)

const sg__rule sg__rules[] = {
#define SG_RULE(sym, id, sev, kind, lock, opts, summary)                                         \
    {id, summary, sev, kind, lock, opts, SG__FN(kind, sym)},
#include "rules.def"
#undef SG_RULE
};

const size_t sg__rule_total = sizeof sg__rules / sizeof sg__rules[0];

const sg__rule *sg__rule_find(const char *id)
{
    for (size_t i = 0; i < sg__rule_total; i++)
        if (strcmp(sg__rules[i].id, id) == 0)
            return &sg__rules[i];
    return NULL;
}

size_t sg_rule_count(void)
{
    return sg__rule_total;
}

const char *sg_rule_id(size_t index)
{
    return index < sg__rule_total ? sg__rules[index].id : NULL;
}

const char *sg_rule_summary(size_t index)
{
    return index < sg__rule_total ? sg__rules[index].summary : NULL;
}

sg_severity sg_rule_default_severity(size_t index)
{
    return index < sg__rule_total ? sg__rules[index].severity : SG_SEVERITY_ERROR;
}

bool sg_rule_locked(size_t index)
{
    return index < sg__rule_total && sg__rules[index].locked;
}

size_t sg_rule_option_count(size_t index)
{
    size_t n = 0;
    if (index < sg__rule_total)
        for (const sg__option *o = sg__rules[index].options; o && o->name; o++)
            n++;
    return n;
}

const char *sg_rule_option_name(size_t index, size_t option)
{
    return option < sg_rule_option_count(index) ? sg__rules[index].options[option].name : NULL;
}

const char *sg_rule_option_help(size_t index, size_t option)
{
    return option < sg_rule_option_count(index) ? sg__rules[index].options[option].help : NULL;
}
