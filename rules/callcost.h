/*
 * callcost.h - what func.resource-bound counts of a call before it runs:
 * the size of what it makes (callsize.c: rows, characters, elements) and
 * the character pairs it compares (callwork.c), from its constant
 * arguments, its parameters' bound values and the facts about the values
 * it reads.
 */
#ifndef SG_RULES_CALLCOST_H
#define SG_RULES_CALLCOST_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "rules.h"

/* Whether a size or a work is the "cannot be bounded" HUGE_VALL: past any
 * count from the statement's own text, by a comparison (an emulated x87
 * unit, valgrind's, holds HUGE_VALL as the largest finite long double, which
 * isfinite() takes for a number). */
static inline bool sg__cost_unbounded(long double v)
{
    return v > 1e300L;
}

/* Whether `fn` is a call of pg_catalog's function `name`. The first
 * letters first: every call of the statement is asked this of some twenty
 * names. */
static inline bool sg__cost_builtin(const sg__funcref *fn, const char *name)
{
    return fn->kind == SG_FUNC_CALL && fn->name[0] == name[0] && strcmp(fn->name, name) == 0 &&
           !fn->catalog && (!fn->schema || strcmp(fn->schema, "pg_catalog") == 0);
}

/* Characters of a UTF-8 string. */
static inline size_t sg__cost_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Building a text search query merges each term into the query built so
 * far, without a cancel: the work is the square of its terms, which are at
 * least two characters apart (`a b`), some 0.34 ns a pair of terms (80,000
 * terms of 160 KB ran 2.2 s, 40,000 0.56 s), a sixteenth of a pair of
 * characters in the text functions' loops (5 ns). So a query of n
 * characters counts n² / SG_COST_QUERY_SHARE pairs of characters' work:
 * 80,000 characters, about half a second, within the default bound. */
enum { SG_COST_QUERY_SHARE = 64 };

/* What a generate_series, array_fill, repeat, lpad, rpad, format, replace
 * or regexp_replace call makes (rows, elements or characters), and
 * bpchar(s, n, b), bit(s, n, b), bit(integer, n) (characters or bits) and
 * polygon(n, circle) (points): -1 when the call is none of these or its
 * size is not known, HUGE_VALL when it cannot be bounded, -2 when memory ran
 * out. */
long double sg__call_size(const sg__rule_ctx *ctx, const sg__funcref *fn);

/* What jsonb_pretty of a constant or bound document prints (its length
 * and each line's indentation), or what a jsonpath function's `**` copies
 * of it (its length times its depth, at each `**`; a path the statement
 * makes counts three): -1 when the call is none of these or its document is
 * not known, -2 when memory ran out (jsonsize.c). */
long double sg__call_json_size(const sg__rule_ctx *ctx, const sg__funcref *fn);

/* The number argument `a` holds: a constant, or a parameter's bound value
 * (callsize.c says which forms); 1 (with *out), 0 when unknown, -1 when
 * memory ran out; HUGE_VALL for one the caller sizes otherwise. */
int sg__cost_arg_value(const sg__rule_ctx *ctx, const sg__funcarg *a, bool strict,
                       long double *out);

/* Character pairs a call compares at worst in a loop PostgreSQL does not
 * interrupt (normalize, is_normalized, translate, the trims, strpos,
 * position, replace, split_part, string_to_array, string_to_table, LIKE):
 * -1 when the call is none of these or too little is known, HUGE_VALL when
 * it cannot be bounded, -2 when memory ran out. */
long double sg__call_work(const sg__rule_ctx *ctx, const sg__funcref *fn);
/* Whether `fn` builds a tsquery of its text: plainto_tsquery,
 * phraseto_tsquery, to_tsquery, websearch_to_tsquery (and a cast to
 * tsquery, recorded as to_tsquery). */
bool sg__cost_builds_query(const sg__funcref *fn);
/* Whether `fn` is polygon(n, circle), whose polygon's operators compare
 * pairs of edges in loops PostgreSQL does not interrupt. */
bool sg__cost_polygon_of_points(const sg__funcref *fn);
/* The work of those comparisons, in pairs of characters' worth (16 a pair
 * of edges, n² pairs): -1 when n is not known, -2 when memory ran out. */
long double sg__call_polygon_work(const sg__rule_ctx *ctx, const sg__funcref *fn);

/* Whether written value `v` goes to column `name` of relation `relation`
 * (-1: any relation; name NULL: any column). */
bool sg__cost_writes_column(const sg__rule_ctx *ctx, const sg__written_value *v, long relation,
                            const char *name);

/* Characters of argument `a` where its text is known: a string constant, a
 * parameter's bound value, an expression of such (HUGE_VALL when a call in
 * it may make it long); -1 for any other (a column), -2 when memory ran out. */
long double sg__cost_known_length(const sg__rule_ctx *ctx, const sg__funcarg *a);

/* Whether an argument of call `fn` holds a column of a FROM item or of the
 * row a write made whose text the statement may have made long: 1, or 0
 * with extra[0] (the first argument) and extra[1] (argument `other`) the
 * lengths of the parameters and short values such columns pass on; -1 when
 * memory ran out. */
int sg__cost_derived_extra(const sg__rule_ctx *ctx, const sg__funcref *fn, size_t other,
                           long double extra[2]);

/* What the column reference at `location` (a name or a field of a row)
 * reads: 0 stored data or a short value, -1 text the statement may have
 * made long (a column of a sub-select, WITH query, VALUES list or function
 * whose expression may make it so), or n > 0 the value of parameter $n, or
 * an element of it (`WITH c AS (SELECT %(s)s AS s)`, `unnest(%(a)s) u(s)`). */
int sg__cost_growth_at(const sg__rule_ctx *ctx, int location);

/* Whether source `s` (an index into facts->sources) is an INSERT's
 * EXCLUDED. */
bool sg__cost_excluded_source(const sg__facts *f, long s);

#endif
