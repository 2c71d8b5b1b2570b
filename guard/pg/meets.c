/*
 * meets.c - where a value may take the type of another value it meets.
 *
 * PostgreSQL reads a domain's value as its base type where it meets a string
 * or a parameter in a scalar comparison, CASE, COALESCE or IN, so that the
 * string is read as the base type. It keeps the domain's type in two places:
 * an array of the value (`ARRAY[d] || $1`, `array_agg(d) = $1` read $1 as an
 * array of the domain), and the arguments of a function that unifies its
 * polymorphic arguments (`array_append(ARRAY[d], $1)`, `lag(d, 1, $1)`), so
 * that the string is read as a value of the domain and its CHECK runs. The
 * walker marks the column references that stand in such places
 * (SG_COLREF_POLY_PLACE) and those a call reads as a whole row without
 * unifying it with anything (SG_COLREF_ROW_CONSUMED); the rules judge which
 * columns' types make that matter. walker.c calls these from note(), and
 * restores both marks after each noted node.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include <stdlib.h>
#include <string.h>

#include "pg/walk.h"

/* What a function of pg_catalog does with its arguments' types. */
enum {
    UNIFIES = 1,      /* unifies its direct arguments into one type */
    WITH_DEFAULT = 2, /* ... with three arguments (lag and lead with a default) */
    HYPOTHETICAL = 4, /* ... its direct arguments with its WITHIN GROUP keys */
    READS_ROWS = 8,   /* reads a whole row as it is, unifying it with nothing */
    ARRAY_AGG = 16    /* makes an array of its values */
};

/* Sorted by name (bsearch). The unifying ones take anyelement, anycompatible
 * or their arrays in more than one argument; json(b)_populate_record(set)
 * read their json into the type of their first argument. */
static const struct named {
    const char *name;
    unsigned what;
} functions[] = {
    {"array_agg", ARRAY_AGG},
    {"array_append", UNIFIES},
    {"array_cat", UNIFIES},
    {"array_larger", UNIFIES},
    {"array_position", UNIFIES},
    {"array_positions", UNIFIES},
    {"array_prepend", UNIFIES},
    {"array_remove", UNIFIES},
    {"array_replace", UNIFIES},
    {"array_smaller", UNIFIES},
    {"arraycontained", UNIFIES},
    {"arraycontains", UNIFIES},
    {"arrayoverlap", UNIFIES},
    {"count", READS_ROWS},
    {"cume_dist", HYPOTHETICAL},
    {"dense_rank", HYPOTHETICAL},
    {"json_agg", READS_ROWS},
    {"json_build_array", READS_ROWS},
    {"json_build_object", READS_ROWS},
    {"json_populate_record", UNIFIES},
    {"json_populate_recordset", UNIFIES},
    {"jsonb_agg", READS_ROWS},
    {"jsonb_build_array", READS_ROWS},
    {"jsonb_build_object", READS_ROWS},
    {"jsonb_populate_record", UNIFIES},
    {"jsonb_populate_recordset", UNIFIES},
    {"lag", WITH_DEFAULT},
    {"lead", WITH_DEFAULT},
    {"num_nonnulls", READS_ROWS},
    {"num_nulls", READS_ROWS},
    {"percent_rank", HYPOTHETICAL},
    {"rank", HYPOTHETICAL},
    {"row_to_json", READS_ROWS},
    {"to_json", READS_ROWS},
    {"to_jsonb", READS_ROWS},
    {"width_bucket", UNIFIES},
};

static int cmp_named(const void *key, const void *item)
{
    return strcmp(key, ((const struct named *)item)->name);
}

/* What pg_catalog's function `f` calls (unqualified or qualified with
 * pg_catalog) does, as above; 0 for any other. */
static unsigned what_call(const FuncCall *f)
{
    int n = list_length(f->funcname);
    if (n < 1 || n > 2 || !IsA(llast(f->funcname), String) ||
        (n == 2 && sg__names_outside_pg_catalog(f->funcname)))
        return 0;
    const struct named *found =
        bsearch(strVal(llast(f->funcname)), functions, sizeof functions / sizeof functions[0],
                sizeof functions[0], cmp_named);
    return found ? found->what : 0;
}

/* Whether a call of what `what` says unifies the types of its direct
 * arguments (and WITHIN GROUP keys). */
static bool unifies(const FuncCall *f, unsigned what)
{
    return (what & UNIFIES) || ((what & WITH_DEFAULT) && list_length(f->args) == 3) ||
           ((what & HYPOTHETICAL) && f->agg_within_group);
}

void sg__walk_meets_call(walk *w, const FuncCall *f, const Node *node)
{
    unsigned what = what_call(f);
    w->call_unifies = what && unifies(f, what);
    w->call_reads_rows = (what & READS_ROWS) != 0;
    if (what & ARRAY_AGG) {
        /* its values become an array, which may meet others where it stands */
        w->poly_place = w->meets && node != w->isolated;
        w->meets = true;
    } else {
        /* the arguments have the types the signature gives, or (unifies())
         * the direct ones take each other's, which sg__walk_poly_ref() asks */
        w->poly_place = false;
        w->meets = w->call_unifies;
    }
}

void sg__walk_meets_array(walk *w, const Node *node)
{
    w->poly_place = w->meets && node != w->isolated;
    w->meets = true;
}

void sg__walk_meets_scalar(walk *w, bool meets)
{
    w->poly_place = false;
    w->meets = meets;
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

bool sg__walk_poly_ref(const walk *w, const Node *ref)
{
    const FuncCall *f = w->current_call_node;
    if (w->poly_place)
        return true;
    return f && w->call_unifies &&
           (in_list(f->args, ref) || (f->agg_within_group && in_list(f->agg_order, ref)));
}

bool sg__walk_row_consumed(const walk *w, const Node *ref)
{
    const FuncCall *f = w->current_call_node;
    return f && w->call_reads_rows && in_list(f->args, ref);
}
