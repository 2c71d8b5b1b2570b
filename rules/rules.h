/*
 * rules.h - the declarations the rule files share with the rule table.
 */
#ifndef SG_RULES_RULES_H
#define SG_RULES_RULES_H

#include "check/rule.h"

/* Check functions and option schemas, one rule file each. */
#define SG_RULE(sym, id, sev, kind, lock, opts, summary)                                           \
    int sg__rule_##sym(const sg__rule_ctx *ctx);
#include "rules.def"
#undef SG_RULE
extern const sg__option sg__options_func_denied[];
extern const sg__option sg__options_limits_bounds[];
extern const sg__option sg__options_naming_table_prefix[];

#endif
