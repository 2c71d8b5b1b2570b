/*
 * params.h - the operation's values bound to the statement's $n.
 */
#ifndef SG_RESOLVE_PARAMS_H
#define SG_RESOLVE_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "resolve/placeholders.h"

typedef struct sg__param_binding {
    sg__ph_style style;        /* as compiled; NONE with $n in the tree is native */
    bool native;               /* the caller wrote $n itself */
    bool shape_ok;             /* object for named, array for positional/native */
    const cJSON **values;      /* values[i] is bound to $(i+1); NULL when missing */
    size_t slots;              /* number of $n the statement uses */
    const cJSON **supplied;    /* every value the operation supplies, in order */
    const char **supplied_names; /* keys of an object, else NULL */
    bool *supplied_used;
    size_t supplied_count;
} sg__param_binding;

#endif
