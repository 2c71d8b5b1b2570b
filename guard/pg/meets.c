/*
 * meets.c - where a value may take the type of another value it meets.
 *
 * PostgreSQL reads a domain's value as its base type where it meets a string
 * or a parameter in a scalar comparison, CASE, COALESCE or IN, so that the
 * string is read as the base type. It keeps the domain's type where the value
 * is an array of it (`ARRAY[d] || $1`, `array_agg(d) = $1` read $1 as an
 * array of the domain), in the arguments of a function that unifies its
 * polymorphic arguments (`array_append(ARRAY[d], $1)`, `lag(d, 1, $1)`), and
 * through the functions whose result has their argument's type (`max`,
 * `trim_array`, `lag`, `mode`: `ARRAY[lag(d) OVER w]` is an array of the
 * domain), a scalar sub-select's output (`ARRAY[(SELECT d)]`) and an array's
 * slice; a string met there is read as a value of the domain, and its CHECK
 * runs. The walker marks the column references that stand in such places
 * (SG_COLREF_POLY_PLACE), those whose own value meets another
 * (SG_COLREF_MEETS: a column of an array type keeps its type wherever it
 * does), and those a call reads as a whole row without unifying it with
 * anything (SG_COLREF_ROW_CONSUMED); the rules judge which columns' types
 * make that matter. walker.c calls these from note(), sets the flow itself
 * where a select's clauses and a FROM function start, and restores it after
 * each noted node.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include <string.h>

#include "pg/walk.h"
#include "util/text.h"

/* What a function of pg_catalog does with its arguments' types. */
enum {
    UNIFIES = 1,      /* unifies its direct arguments into one type */
    WITH_DEFAULT = 2, /* ... with three arguments (lag and lead with a default) */
    HYPOTHETICAL = 4, /* ... its direct arguments with its WITHIN GROUP keys */
    READS_ROWS = 8,   /* reads a whole row as it is, unifying it with nothing */
    ARRAY_AGG = 16,   /* makes an array of its (first) argument's values */
    KEEPS_TYPE = 32   /* its result has its argument's type (or is an array or
                       * element of it): pg_catalog's functions returning
                       * anyelement, anyarray, anycompatible, ... */
};

/* Sorted by name (find_named). The unifying ones take anyelement, anycompatible
 * or their arrays in more than one argument; json(b)_populate_record(set)
 * read their json into the type of their first argument. */
static const struct named {
    const char *name;
    unsigned what;
} functions[] = {
    {"array_agg", ARRAY_AGG},
    {"array_append", UNIFIES | KEEPS_TYPE},
    {"array_cat", UNIFIES | KEEPS_TYPE},
    {"array_fill", ARRAY_AGG},
    {"array_larger", UNIFIES | KEEPS_TYPE},
    {"array_position", UNIFIES},
    {"array_positions", UNIFIES},
    {"array_prepend", UNIFIES | KEEPS_TYPE},
    {"array_remove", UNIFIES | KEEPS_TYPE},
    {"array_replace", UNIFIES | KEEPS_TYPE},
    {"array_smaller", UNIFIES | KEEPS_TYPE},
    {"arraycontained", UNIFIES},
    {"arraycontains", UNIFIES},
    {"arrayoverlap", UNIFIES},
    {"count", READS_ROWS},
    {"cume_dist", HYPOTHETICAL},
    {"dense_rank", HYPOTHETICAL},
    {"enum_first", KEEPS_TYPE},
    {"enum_larger", KEEPS_TYPE},
    {"enum_last", KEEPS_TYPE},
    {"enum_range", ARRAY_AGG},
    {"enum_smaller", KEEPS_TYPE},
    {"first_value", KEEPS_TYPE},
    {"json_agg", READS_ROWS},
    {"json_build_array", READS_ROWS},
    {"json_build_object", READS_ROWS},
    {"json_populate_record", UNIFIES | KEEPS_TYPE},
    {"json_populate_recordset", UNIFIES | KEEPS_TYPE},
    {"jsonb_agg", READS_ROWS},
    {"jsonb_build_array", READS_ROWS},
    {"jsonb_build_object", READS_ROWS},
    {"jsonb_populate_record", UNIFIES | KEEPS_TYPE},
    {"jsonb_populate_recordset", UNIFIES | KEEPS_TYPE},
    {"lag", WITH_DEFAULT | KEEPS_TYPE},
    {"last_value", KEEPS_TYPE},
    {"lead", WITH_DEFAULT | KEEPS_TYPE},
    {"max", KEEPS_TYPE},
    {"min", KEEPS_TYPE},
    {"mode", KEEPS_TYPE},
    {"nth_value", KEEPS_TYPE},
    {"num_nonnulls", READS_ROWS},
    {"num_nulls", READS_ROWS},
    {"percent_rank", HYPOTHETICAL},
    {"percentile_disc", KEEPS_TYPE},
    {"range_merge", KEEPS_TYPE},
    {"rank", HYPOTHETICAL},
    {"row_to_json", READS_ROWS},
    {"to_json", READS_ROWS},
    {"to_jsonb", READS_ROWS},
    {"trim_array", KEEPS_TYPE},
    {"unnest", KEEPS_TYPE},
    {"width_bucket", UNIFIES},
};

/* The entry of `functions` named `name`, else NULL (asked at every call
 * the walk meets). */
static const struct named *find_named(const char *name)
{
    long i = sg__sorted_find(name, functions, sizeof functions / sizeof functions[0],
                             sizeof functions[0]);
    return i >= 0 ? &functions[i] : NULL;
}

/* What pg_catalog's function `f` calls (unqualified or qualified with
 * pg_catalog) does, as above; 0 for any other. */
static unsigned what_call(const FuncCall *f)
{
    int n = list_length(f->funcname);
    if (n < 1 || n > 2 || !IsA(llast(f->funcname), String) ||
        (n == 2 && sg__names_outside_pg_catalog(f->funcname)))
        return 0;
    const struct named *found = find_named(strVal(llast(f->funcname)));
    return found ? found->what : 0;
}

/* Whether a call of what `what` says unifies the types of its direct
 * arguments (and WITHIN GROUP keys). */
static bool unifies(const FuncCall *f, unsigned what)
{
    return (what & UNIFIES) || ((what & WITH_DEFAULT) && list_length(f->args) == 3) ||
           ((what & HYPOTHETICAL) && f->agg_within_group);
}

/* Whether the value of `node` meets no other value: an isolated place of
 * the statement's own (walk.h) or a place where an XML function, IS NULL or
 * an isolated scalar sub-select reads it alone (xml_places). */
static bool alone(const walk *w, const Node *node)
{
    return node == w->isolated || sg__walk_in_xml_place(w, node);
}

void sg__walk_meets_call(walk *w, const FuncCall *f, const Node *node)
{
    unsigned what = what_call(f);
    bool unify = what && unifies(f, what);
    sg__walk_flow(w, SG__FLOW_UNIFIES, unify);
    sg__walk_flow(w, SG__FLOW_READS,
                  (what & READS_ROWS) != 0 || ((what & ARRAY_AGG) && alone(w, node)));
    if (alone(w, node)) {
        /* the call's value meets nothing, nor do its arguments through it */
        sg__walk_flow(w, SG__FLOW_POLY, false);
        sg__walk_flow(w, SG__FLOW_MEETS, unify);
    } else if (what & ARRAY_AGG) {
        /* its values become an array, which may meet others where it stands */
        sg__walk_flow(w, SG__FLOW_POLY, w->flow & SG__FLOW_MEETS);
        sg__walk_flow(w, SG__FLOW_MEETS, true);
    } else if (what & KEEPS_TYPE) {
        /* its result has its argument's type: where that stands, they stand */
        sg__walk_flow(w, SG__FLOW_MEETS, (w->flow & SG__FLOW_MEETS) || unify);
    } else {
        /* the arguments have the types the signature gives, or (unifies())
         * the direct ones take each other's, which sg__walk_poly_ref() asks */
        sg__walk_flow(w, SG__FLOW_POLY, false);
        sg__walk_flow(w, SG__FLOW_MEETS, unify);
    }
}

void sg__walk_meets_array(walk *w, const Node *node)
{
    sg__walk_flow(w, SG__FLOW_POLY, (w->flow & SG__FLOW_MEETS) && !alone(w, node));
    sg__walk_flow(w, SG__FLOW_MEETS, true);
}

void sg__walk_meets_passing(walk *w, const Node *node)
{
    if (alone(w, node))
        w->flow &= ~(unsigned)(SG__FLOW_POLY | SG__FLOW_MEETS);
}

void sg__walk_meets_subscript(walk *w, const A_Indirection *ind)
{
    const ListCell *lc;
    foreach (lc, ind->indirection) {
        const Node *n = lfirst(lc);
        if (IsA(n, A_Indices) && ((const A_Indices *)n)->is_slice) {
            sg__walk_meets_passing(w, (const Node *)ind); /* a slice is an array of it */
            return;
        }
    }
    /* an element, or a field: the array or row itself meets nothing, but an
     * element of an array has its type (`ARRAY[tags[1]]` keeps a domain's) */
    bool element = false;
    foreach (lc, ind->indirection)
        element = element || IsA(lfirst(lc), A_Indices);
    w->flow &= ~(unsigned)(element ? SG__FLOW_MEETS : SG__FLOW_POLY | SG__FLOW_MEETS);
}

void sg__walk_meets_unified(walk *w)
{
    sg__walk_flow(w, SG__FLOW_MEETS, true);
}

void sg__walk_meets_scalar(walk *w, bool meets)
{
    sg__walk_flow(w, SG__FLOW_POLY, false);
    sg__walk_flow(w, SG__FLOW_MEETS, meets);
}

/* Whether `ref` is in `list` itself (or, for SortBy items, is one's key). */
static bool in_list(const List *list, const Node *ref)
{
    const ListCell *lc;
    foreach (lc, list) {
        const Node *item = lfirst(lc);
        if (item == ref || (IsA(item, SortBy) && ((const SortBy *)item)->node == ref))
            return true;
    }
    return false;
}

void sg__walk_meets_elementwise(walk *w, const Node *array)
{
    const Node **slot = array && IsA(array, ColumnRef)
                            ? sg__vec_push(w->arena, &w->elementwise, sizeof *slot)
                            : NULL;
    if (slot)
        *slot = array;
    else if (array && IsA(array, ColumnRef))
        fail(w);
}

bool sg__walk_meets_ref(const walk *w, const Node *ref)
{
    if (!(w->flow & SG__FLOW_MEETS) || alone(w, ref))
        return false;
    /* `$1 = ANY(tags)` compares tags' elements, as scalars, with $1 */
    for (size_t i = 0; i < w->elementwise.count; i++)
        if (SG__VEC_AT(w->elementwise, const Node *, i) == ref)
            return false;
    return true;
}

bool sg__walk_poly_ref(const walk *w, const Node *ref)
{
    const FuncCall *f = w->current_call_node;
    if ((w->flow & SG__FLOW_POLY) && !alone(w, ref))
        return true;
    return f && (w->flow & SG__FLOW_UNIFIES) &&
           (in_list(f->args, ref) || (f->agg_within_group && in_list(f->agg_order, ref)));
}

bool sg__walk_row_consumed(const walk *w, const Node *ref)
{
    const FuncCall *f = w->current_call_node;
    return f && (w->flow & SG__FLOW_READS) && in_list(f->args, ref);
}
