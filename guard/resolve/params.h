/*
 * params.h - the operation's values bound to the statement's $n.
 *
 * Binding follows the placeholder style: named placeholders take an object's
 * values by name, positional ones an array's by position, and native $n (the
 * caller wrote no placeholder) an array's by number. The values stay cJSON
 * nodes of the operation, for the verdict and the executor; rules read only
 * the plain records (shape_ok, slots, which slots and which supplied values
 * are used).
 */
#ifndef SG_RESOLVE_PARAMS_H
#define SG_RESOLVE_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "decode/operation.h"
#include "diag/diag.h"
#include "facts/facts.h"
#include "resolve/placeholders.h"
#include "util/arena.h"

struct cJSON;

typedef struct sg__param_binding {
    sg__ph_style style;          /* as compiled; NONE with $n in the tree is native */
    bool native;                 /* the caller wrote $n itself */
    bool shape_ok;               /* object for named, array for positional/native */
    size_t slots;                /* number of $n the statement uses */
    const struct cJSON **values; /* values[i] is bound to $(i+1); NULL when missing */
    bool *supplied_used;         /* per value the operation supplies (op->param_count) */
} sg__param_binding;

/*
 * Binds op's parameters to the compiled placeholders `ph` and the $n of
 * `facts` (sorted by location). A key an object holds twice is op.invalid.
 * Returns 0, or -1 when memory ran out; *out is filled either way (with
 * shape_ok false when nothing could be bound).
 */
int sg__bind_parameters(sg__arena *arena, const sg__operation *op, const sg__ph_result *ph,
                        const sg__facts *facts, sg__param_binding *out, sg__diags *d);

/* True when $(slot + 1) has a value. */
static inline bool sg__param_slot_bound(const sg__param_binding *b, size_t slot)
{
    return b->values && slot < b->slots && b->values[slot];
}

/* The text PostgreSQL's input functions read for a JSON value, as the
 * executor binds it: true and false as "true" and "false", numbers as
 * written, strings as they are, arrays as array literals (NULL for null),
 * objects as JSON text. NULL with *is_null for JSON null; NULL without it on
 * allocation failure. */
const char *sg__param_value_text(sg__arena *arena, const struct cJSON *v, bool *is_null);

/* What JSON value is bound to $(slot + 1): the executor binds an array as
 * an array literal and an object as json text, so a value's kind says what
 * PostgreSQL reads, beside its text. */
typedef enum {
    SG_PARAM_NONE = 0, /* no value bound */
    SG_PARAM_NULL,
    SG_PARAM_SCALAR, /* a string, number or boolean */
    SG_PARAM_ARRAY,
    SG_PARAM_OBJECT
} sg__param_kind;

sg__param_kind sg__param_slot_kind(const sg__param_binding *b, size_t slot);

/* The length of the text sg__param_slot_text() gives for a scalar value
 * (0 for none, NULL or an unbound slot), without making it: true with
 * *len, false for an array or object, whose text must be made. */
bool sg__param_slot_scalar_length(const sg__param_binding *b, size_t slot, size_t *len);

/* The same for the value bound to $(slot + 1); NULL with *is_null when none
 * is bound. */
const char *sg__param_slot_text(sg__arena *arena, const sg__param_binding *b, size_t slot,
                                bool *is_null);

#endif
