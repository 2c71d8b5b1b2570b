/*
 * params.c - binds the operation's values to the statement's $n.
 *
 * The decoder has recorded the parameters' shape, count and an object's keys
 * in order; here the values meet the placeholders. Named values are looked up
 * through the keys sorted once (which also finds a key written twice: cJSON
 * would keep only the first), positional and native ones by position.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "resolve/params.h"
#include "util/text.h"
#include "util/json.h"

/* A parameter name and its place among the supplied values, for lookups. */
typedef struct named {
    const char *name;
    size_t index;
} named;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

/* Sorts `n` names: a few by insertion, sparing qsort's call per comparison. */
static void sort_by_name(named *names, size_t n)
{
    if (n > 16) {
        qsort(names, n, sizeof *names, by_name);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        named x = names[i];
        size_t k = i;
        for (; k > 0 && strcmp(names[k - 1].name, x.name) > 0; k--)
            names[k] = names[k - 1];
        names[k] = x;
    }
}

/* An object's keys sorted, into `sorted` (room for op->param_count); 1 when
 * a key occurs twice (reported), 0 when not, -1 when memory ran out. */
static int sort_names(const sg__operation *op, named *sorted, sg__diags *d)
{
    size_t n = op->param_count;
    for (size_t i = 0; i < n; i++)
        sorted[i] = (named){op->param_names[i], i};
    sort_by_name(sorted, n);
    for (size_t i = 1; i < n; i++)
        if (strcmp(sorted[i - 1].name, sorted[i].name) == 0) {
            const char *key = sg__quoted(d->arena, sorted[i].name);
            return !key || sg__report(d, &sg__rule_op_invalid, SG_AT_NONE, -1,
                                      "parameters has key %s twice", key) < 0
                       ? -1
                       : 1;
        }
    return 0;
}

/* The values bound to each slot, and which supplied values are used. */
static void bind_values(const sg__operation *op, const sg__ph_result *ph, const sg__facts *facts,
                        const cJSON **supplied, const named *sorted, sg__param_binding *b)
{
    size_t n = op->param_count;
    if (ph->style == SG_PH_NAMED) {
        for (size_t i = 0; i < ph->name_count; i++) {
            named key = {ph->names[i], 0};
            const named *hit = n ? bsearch(&key, sorted, n, sizeof *sorted, by_name) : NULL;
            if (!hit)
                continue;
            b->values[i] = supplied[hit->index];
            b->supplied_used[hit->index] = true;
        }
    } else if (ph->style == SG_PH_POSITIONAL) {
        for (size_t i = 0; i < b->slots && i < n; i++)
            b->values[i] = supplied[i];
        for (size_t i = 0; i < n; i++)
            b->supplied_used[i] = i < b->slots;
    } else if (b->native) {
        for (size_t i = 0; i < n; i++)
            b->values[i] = supplied[i];
        for (size_t i = 0; i < facts->params.count; i++) {
            int num = SG__VEC_AT(facts->params, sg__paramref, i).number;
            if (num >= 1 && (size_t)num <= n)
                b->supplied_used[num - 1] = true;
        }
    }
}

/* How many slots the statement has, and whether the shape fits the style. */
static void count_slots(const sg__operation *op, const sg__ph_result *ph, sg__param_binding *b)
{
    switch (ph->style) {
    case SG_PH_NAMED:
        b->shape_ok = op->params_shape == SG_PARAMS_OBJECT;
        b->slots = ph->name_count;
        break;
    case SG_PH_POSITIONAL:
        b->shape_ok = op->params_shape == SG_PARAMS_ARRAY;
        b->slots = ph->positional_count;
        break;
    default:
        b->shape_ok = !b->native || op->params_shape == SG_PARAMS_ARRAY;
        b->slots = b->native ? op->param_count : 0;
        break;
    }
}

int sg__bind_parameters(sg__arena *arena, const sg__operation *op, const sg__ph_result *ph,
                        const sg__facts *facts, sg__param_binding *b, sg__diags *d)
{
    memset(b, 0, sizeof *b);
    b->style = ph->style;
    b->native = ph->style == SG_PH_NONE && facts->params.count > 0;
    size_t n = op->param_count;
    sg__param_binding counted = *b;
    count_slots(op, ph, &counted);
    /* one allocation, zero-filled: the supplied values, the values of the
     * slots, the sorted names, and which values are used */
    size_t supplied_size = (n + 1) * sizeof(const cJSON *);
    size_t values_size = (counted.slots + 1) * sizeof(const cJSON *);
    size_t sorted_size = (n + 1) * sizeof(named);
    char *block = sg__arena_alloc(arena, supplied_size + values_size + sorted_size + n + 1);
    if (!block)
        return -1;
    const cJSON **supplied = (const cJSON **)block;
    const cJSON **values = (const cJSON **)(block + supplied_size);
    named *sorted = (named *)(block + supplied_size + values_size);
    b->supplied_used = (bool *)(block + supplied_size + values_size + sorted_size);
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, op->parameters) supplied[i++] = item;

    if (op->params_shape == SG_PARAMS_OBJECT) {
        int rc = sort_names(op, sorted, d);
        if (rc != 0)
            return rc < 0 ? -1 : 0;
    }
    *b = (sg__param_binding){b->style,      b->native, counted.shape_ok,
                             counted.slots, values,    b->supplied_used};
    if (b->shape_ok)
        bind_values(op, ph, facts, supplied, sorted, b);
    return 0;
}

/* ---- PostgreSQL text form of JSON values ---- */

/* An array element: quoted, with " and \ escaped, as array_in reads it. */
static void put_quoted(sg__strbuf *t, const char *s)
{
    sg__strbuf_put(t, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sg__strbuf_put(t, "\\", 1);
        sg__strbuf_put(t, p, 1);
    }
    sg__strbuf_put(t, "\"", 1);
}

static void put_array(sg__strbuf *t, const cJSON *arr)
{
    sg__strbuf_put(t, "{", 1);
    for (const cJSON *e = arr->child; e; e = e->next) {
        if (e != arr->child)
            sg__strbuf_put(t, ",", 1);
        if (cJSON_IsNull(e)) {
            sg__strbuf_put(t, "NULL", 4);
        } else if (cJSON_IsArray(e)) {
            put_array(t, e); /* nesting is bounded by the decoder */
        } else if (cJSON_IsString(e)) {
            put_quoted(t, e->valuestring);
        } else {
            const char *json = sg__json_print_value(t->arena, e);
            if (!json)
                t->failed = 1;
            else
                put_quoted(t, json);
        }
    }
    sg__strbuf_put(t, "}", 1);
}

const char *sg__param_value_text(sg__arena *arena, const cJSON *v, bool *is_null)
{
    *is_null = false;
    if (cJSON_IsNull(v)) {
        *is_null = true;
        return NULL;
    }
    if (cJSON_IsTrue(v))
        return "true";
    if (cJSON_IsFalse(v))
        return "false";
    if (cJSON_IsString(v))
        return v->valuestring;
    if (cJSON_IsArray(v)) {
        sg__strbuf t = SG__STRBUF_INIT(arena);
        put_array(&t, v);
        return t.failed ? NULL : t.data;
    }
    return sg__json_print_value(arena, v); /* numbers as written, objects as json */
}

sg__param_kind sg__param_slot_kind(const sg__param_binding *b, size_t slot)
{
    if (!sg__param_slot_bound(b, slot))
        return SG_PARAM_NONE;
    const cJSON *v = b->values[slot];
    return cJSON_IsNull(v)     ? SG_PARAM_NULL
           : cJSON_IsArray(v)  ? SG_PARAM_ARRAY
           : cJSON_IsObject(v) ? SG_PARAM_OBJECT
                               : SG_PARAM_SCALAR;
}

bool sg__param_slot_scalar_length(const sg__param_binding *b, size_t slot, size_t *len)
{
    *len = 0;
    if (!sg__param_slot_bound(b, slot))
        return true;
    const cJSON *v = b->values[slot];
    if (cJSON_IsArray(v) || cJSON_IsObject(v))
        return false;
    if (cJSON_IsTrue(v) || cJSON_IsFalse(v))
        *len = cJSON_IsTrue(v) ? 4 : 5;
    else if ((cJSON_IsString(v) || cJSON_IsNumber(v)) && v->valuestring)
        *len = strlen(v->valuestring); /* a number's token as written */
    else if (cJSON_IsNumber(v))
        return false;
    return true;
}

const char *sg__param_slot_text(sg__arena *arena, const sg__param_binding *b, size_t slot,
                                bool *is_null)
{
    if (!sg__param_slot_bound(b, slot)) {
        *is_null = true;
        return NULL;
    }
    return sg__param_value_text(arena, b->values[slot], is_null);
}
