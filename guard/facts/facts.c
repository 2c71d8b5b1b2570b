/*
 * facts.c - small lookups over facts that several rules share.
 */
#include <stdlib.h>

#include "facts/facts.h"

const char *sg__stmt_kind_name(sg__stmt_kind kind)
{
    switch (kind) {
    case SG_STMT_SELECT:
        return "a SELECT";
    case SG_STMT_INSERT:
        return "an INSERT";
    case SG_STMT_UPDATE:
        return "an UPDATE";
    case SG_STMT_DELETE:
        return "a DELETE";
    case SG_STMT_MERGE:
        return "a MERGE";
    case SG_STMT_OTHER:
        return "a utility statement";
    default:
        return "nothing";
    }
}

unsigned sg__facts_present(const sg__facts *f)
{
    const struct {
        const sg__vec *vec;
        unsigned bit;
    } kinds[] = {{&f->funcs, SG_FACT_FUNCS},
                 {&f->types, SG_FACT_TYPES},
                 {&f->ctes, SG_FACT_CTES},
                 {&f->unsupported, SG_FACT_UNSUPPORTED},
                 {&f->stars, SG_FACT_STARS},
                 {&f->literal_cmps, SG_FACT_LITERAL_CMPS},
                 {&f->unordered_limits, SG_FACT_UNORDERED_LIMITS},
                 {&f->inserts_without_columns, SG_FACT_INSERTS_BARE},
                 {&f->unfiltered_writes, SG_FACT_UNFILTERED},
                 {&f->fields, SG_FACT_FIELDS},
                 {&f->columns, SG_FACT_COLUMNS},
                 {&f->writes, SG_FACT_WRITES},
                 {&f->conflicts, SG_FACT_CONFLICTS},
                 {&f->merges, SG_FACT_MERGES},
                 {&f->inserts, SG_FACT_INSERTS},
                 {&f->param_cmps, SG_FACT_PARAM_CMPS}};
    unsigned present = f->depth_exceeded ? SG_FACT_UNSUPPORTED : 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].vec->count)
            present |= kinds[i].bit;
    return present;
}

static int by_location(const void *a, const void *b)
{
    const sg__paramref *x = a, *y = b;
    return (x->location > y->location) - (x->location < y->location);
}

void sg__facts_sort_params(sg__facts *facts)
{
    /* The walk meets most statements' $n in the order of the text: then
     * there is nothing to sort (and a sort would leave the order as it is). */
    const sg__paramref *p = facts->params.items;
    size_t i = 1;
    while (i < facts->params.count && p[i - 1].location <= p[i].location)
        i++;
    if (i < facts->params.count)
        qsort(facts->params.items, facts->params.count, sizeof(sg__paramref), by_location);
}

const sg__paramref *sg__facts_param_at(const sg__facts *facts, int location)
{
    sg__paramref key = {.number = 0, .location = location};
    if (facts->params.count == 0)
        return NULL;
    return bsearch(&key, facts->params.items, facts->params.count, sizeof(sg__paramref),
                   by_location);
}
