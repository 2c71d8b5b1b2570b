/*
 * registry.c - the rule table: every rule's descriptor, once.
 *
 * The list below is the only place that names all rules; its order is the
 * order of the public table (sg_rule_id(0), ...), of `sqlguard rules` and of
 * the README, so a new rule goes at the end. Stage rules are listed too, so
 * that every id a verdict can carry is listed, with its summary, by the
 * library and the command line.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "rules.h"

#define SG__RULES(X)                                                                               \
    X(op_invalid)                                                                                  \
    X(op_kind_mismatch)                                                                            \
    X(sql_syntax)                                                                                  \
    X(sql_multiple_statements)                                                                     \
    X(sql_statement_not_allowed)                                                                   \
    X(sql_unsupported)                                                                             \
    X(scope_invalid)                                                                               \
    X(scope_table_not_declared)                                                                    \
    X(scope_access_denied)                                                                         \
    X(scope_unused_table)                                                                          \
    X(params_syntax)                                                                               \
    X(params_missing)                                                                              \
    X(params_unused)                                                                               \
    X(params_in_literal)                                                                           \
    X(paginate_order_by_required)                                                                  \
    X(func_denied)                                                                                 \
    X(paginate_limit_without_order_by)                                                             \
    X(paginate_order_by_unique)                                                                    \
    X(style_select_star)                                                                           \
    X(style_insert_column_list)                                                                    \
    X(style_literal_in_predicate)                                                                  \
    X(naming_table_prefix)                                                                         \
    X(limits_bounds)                                                                               \
    X(limits_invalid)                                                                              \
    X(type_denied)                                                                                 \
    X(func_resource_bound)                                                                         \
    X(column_unknown)                                                                              \
    X(conflict_target_not_unique)                                                                  \
    X(insert_not_null_missing)                                                                     \
    X(column_ambiguous)                                                                            \
    X(column_denied)                                                                               \
    X(column_unlisted)                                                                             \
    X(params_type_mismatch)                                                                        \
    X(dml_missing_where)                                                                           \
    X(stmt_row_lock)                                                                               \
    X(stmt_data_modifying_cte)

/* Each defined in rules/<name>.c. */
#define SG__DECLARE(name) extern const sg__rule sg__rule_##name;
SG__RULES(SG__DECLARE)
#undef SG__DECLARE

const sg__rule *const sg__rule_table[] = {
#define SG__ENTRY(name) &sg__rule_##name,
    SG__RULES(SG__ENTRY)
#undef SG__ENTRY
};

const size_t sg__rule_total = sizeof sg__rule_table / sizeof sg__rule_table[0];

/* The rules of each kind (operation, facts, catalog), listed once: a check
 * goes through the few of a kind instead of the whole table. */
enum { KINDS = 3 };
static const sg__rule *by_kind[KINDS][sizeof sg__rule_table / sizeof sg__rule_table[0]];
static unsigned char by_kind_at[KINDS][sizeof sg__rule_table / sizeof sg__rule_table[0]];
static size_t kind_count[KINDS];

/* Each descriptor's index by its address, for the severity a policy worked
 * out per index (a rule reports through its descriptor): an open-addressing
 * hash of index + 1 (0: an empty slot), at most half full. */
enum { INDEX_SLOTS = 128 };
_Static_assert(sizeof sg__rule_table / sizeof sg__rule_table[0] <= INDEX_SLOTS / 2,
               "the index of rules by address is at most half full");
static unsigned char index_slots[INDEX_SLOTS];
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static size_t slot_of(const sg__rule *rule)
{
    /* Fibonacci hashing: the top seven bits of the address times 2^64/phi */
    return (size_t)(((uint64_t)(uintptr_t)rule * UINT64_C(0x9E3779B97F4A7C15)) >> 57);
}

static void build_lists(void)
{
    for (size_t k = 0; k < KINDS; k++)
        for (size_t i = 0; i < sg__rule_total; i++)
            if (sg__rule_table[i]->kinds & (1u << k)) {
                by_kind_at[k][kind_count[k]] = (unsigned char)i;
                by_kind[k][kind_count[k]++] = sg__rule_table[i];
            }
    for (size_t i = 0; i < sg__rule_total; i++) {
        size_t s = slot_of(sg__rule_table[i]);
        while (index_slots[s])
            s = (s + 1) & (INDEX_SLOTS - 1);
        index_slots[s] = (unsigned char)(i + 1);
    }
}

const sg__rule *const *sg__rules_of_kind_at(sg__rule_kind kind, size_t *count,
                                            const unsigned char **at)
{
    size_t k = kind == SG_RULE_OPERATION ? 0 : kind == SG_RULE_FACTS ? 1 : 2;
    if (pthread_once(&lists_once, build_lists) != 0) {
        /* not with a static once control; the whole table would still do,
         * as callers check each rule's kinds */
        *count = sg__rule_total;
        *at = NULL;
        return sg__rule_table;
    }
    *count = kind_count[k];
    *at = by_kind_at[k];
    return by_kind[k];
}

const sg__rule *const *sg__rules_of_kind(sg__rule_kind kind, size_t *count)
{
    const unsigned char *at;
    return sg__rules_of_kind_at(kind, count, &at);
}

size_t sg__rule_index(const sg__rule *rule)
{
    if (pthread_once(&lists_once, build_lists) == 0) {
        for (size_t s = slot_of(rule);; s = (s + 1) & (INDEX_SLOTS - 1)) {
            size_t k = index_slots[s];
            if (!k || sg__rule_table[k - 1] == rule)
                return k ? k - 1 : sg__rule_total;
        }
    }
    size_t i = 0; /* not with a static once control: the table itself */
    while (i < sg__rule_total && sg__rule_table[i] != rule)
        i++;
    return i;
}

const sg__rule *sg__rule_find(const char *id)
{
    for (size_t i = 0; i < sg__rule_total; i++)
        if (strcmp(sg__rule_table[i]->id, id) == 0)
            return sg__rule_table[i];
    return NULL;
}

/* The public table: the same descriptors, by index. */
static const sg__rule *at(size_t index)
{
    return index < sg__rule_total ? sg__rule_table[index] : NULL;
}

size_t sg_rule_count(void)
{
    return sg__rule_total;
}

const char *sg_rule_id(size_t index)
{
    return at(index) ? at(index)->id : NULL;
}

const char *sg_rule_summary(size_t index)
{
    return at(index) ? at(index)->summary : NULL;
}

sg_severity sg_rule_default_severity(size_t index)
{
    return at(index) ? at(index)->severity : SG_SEVERITY_ERROR;
}

bool sg_rule_locked(size_t index)
{
    return at(index) && at(index)->locked;
}

size_t sg_rule_option_count(size_t index)
{
    size_t n = 0;
    for (const sg__option *o = at(index) ? at(index)->options : NULL; o && o->name; o++)
        n++;
    return n;
}

const char *sg_rule_option_name(size_t index, size_t option)
{
    return option < sg_rule_option_count(index) ? at(index)->options[option].name : NULL;
}

const char *sg_rule_option_help(size_t index, size_t option)
{
    return option < sg_rule_option_count(index) ? at(index)->options[option].help : NULL;
}
