/*
 * func_resource_bound.c - statements whose values get huge, before they run.
 *
 * Judgements past bounds the policy sets (options max, max_work and
 * max_reads): generate_series, repeat, lpad, rpad, format, array_fill,
 * replace and regexp_replace whose arguments make too many rows, characters
 * or elements, and the indexes of jsonb subscripts written, one by one and
 * all of them together (callsize.c counts them); text functions whose work
 * grows with the product of their arguments' lengths (translate, replace,
 * strpos, the trims, normalize, LIKE, the tsquery builders: callwork.c
 * counts it), from the lengths of constants, parameters, and the values a
 * statement makes or writes (RETURNING, EXCLUDED); parameter values read in
 * many places, and columns the statement may make long read in more than a
 * few; outputs of sub-selects and WITH queries that stand for many copies
 * of the levels below them, and recursive steps that double their text
 * (pg/expand.c describes both); and time zone names made row by row, which
 * PostgreSQL keeps for the session's life. It is a resource guard, not part of the scope proof: a
 * policy may raise the bounds or turn the rule off.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "callcost.h"
#include "funclist.h"
#include "rules.h"
#include "util/pgtype.h"

enum { MAX, MAX_WORK, MAX_READS };

enum { DEFAULT_MAX = 10000000, DEFAULT_MAX_WORK = 100000000, DEFAULT_MAX_READS = 16777216 };

static const sg__option options[] = {
    [MAX] = {"max", SG_OPT_INTEGER, NULL,
             "largest number of rows a generate_series, of characters a repeat, lpad, rpad, "
             "replace, regexp_replace or format's widths, of elements an array_fill (each "
             "counted by its value's length), of bits a bit(integer, n), of points a "
             "polygon(n, circle), of characters a jsonb_pretty prints or a jsonpath's ** "
             "copies of a constant or parameter document, may "
             "make from constant (and, but "
             "for generate_series, parameter) arguments, one call or all of "
             "them together with the characters casts to char(n) or bit(n) pad to (an "
             "array of them as many elements as the statement's largest array) and 2,560 "
             "bytes a range of a parameter cast to a multirange or range array, and of "
             "characters an output of a sub-select or WITH query may make of copies of its "
             "longest constant or parameter value (default 10000000)"},
    [MAX_WORK] = {"max_work", SG_OPT_INTEGER, NULL,
                  "largest number of character pairs the statement's normalize, is_normalized, "
                  "translate, btrim, ltrim, rtrim, strpos, position, replace, split_part, "
                  "string_to_array, string_to_table, LIKE, plainto_tsquery, phraseto_tsquery, "
                  "to_tsquery and websearch_to_tsquery, and the text search queries made of "
                  "parameters (a tsquery cast, an operand of @@), may compare together, from "
                  "the lengths of constant and parameter arguments, a polygon(n, circle) "
                  "counting 16 for each of its n² pairs of edges, and paths and polygons of "
                  "constants and parameters where an operator may compare them edge by edge "
                  "100 (16 for polygons alone) for each pair of their points (default "
                  "100000000)"},
    [MAX_READS] = {"max_reads", SG_OPT_INTEGER, NULL,
                   "largest number of characters of parameter values the statement reads, a "
                   "value counted once for each place it stands (default 16777216)"},
    {NULL, 0, NULL, NULL},
};

/* The call as the message shows it: constants as written, the rest "...". */
static const char *call_text(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    sg__arena *arena = ctx->diags->arena;
    const char *out = sg__arena_printf(arena, "%s(", fn->name);
    for (size_t i = 0; out && i < fn->arg_count; i++) {
        const sg__funcarg *a = &fn->args[i];
        const char *sep = i ? ", " : "";
        const char *cast = a->cast ? (a->cast[0] ? a->cast : "?") : NULL;
        if (a->kind == SG_ARG_NUMBER)
            out = sg__arena_printf(arena, "%s%s%s%s%s", out, sep, a->text, cast ? "::" : "",
                                   cast ? cast : "");
        else if (a->kind == SG_ARG_STRING)
            out = sg__arena_printf(arena, "%s%s'%.*s%s'%s%s", out, sep, 24, a->text,
                                   strlen(a->text) > 24 ? "..." : "", cast ? "::" : "",
                                   cast ? cast : "");
        else
            out = sg__arena_printf(arena, "%s%s...", out, sep);
    }
    /* a call the SQL spells otherwise: `LIKE (like(...))` */
    if (out && fn->keyword)
        return sg__arena_printf(arena, "%s (%s))", fn->keyword, out);
    return out ? sg__arena_printf(arena, "%s)", out) : NULL;
}

/* A size as a whole number, or in exponent form past what long long holds. */
static const char *size_text(const sg__rule_ctx *ctx, long double size)
{
    if (size < 1e18L)
        return sg__arena_printf(ctx->diags->arena, "%lld", (long long)size);
    if (sg__cost_unbounded(size))
        return "more than 1e4932";
    return sg__arena_printf(ctx->diags->arena, "%.3Le", size);
}

/* Whether the statement is a repository's .sql statement in lint: no
 * parameter has a value there and the text is the developers' own, so only
 * sizes and work counted from its constants are reported; what the guard
 * cannot bound is the gateway's to deny, where the caller's values are. */
static bool repository_sql(const sg__rule_ctx *ctx)
{
    return ctx->in_lint && ctx->profile != SG_LINT_PROFILE_DEFAULT;
}

/* The work of the calls under the bound one by one, added up: PostgreSQL
 * checks for a cancel between rows, not between the calls of one row's
 * expressions, so twenty calls each just under the bound run twenty times
 * as long as one. */
typedef struct work_sum {
    long double total;
    size_t calls;
    bool reported;
} work_sum;

/* Adds `amount` to `sum`: whether the sum has just passed `bound` (once). */
static bool sum_passes(work_sum *sum, long double amount, long long bound)
{
    sum->total += amount;
    sum->calls++;
    if (sum->reported || sum->total <= (long double)bound)
        return false;
    sum->reported = true;
    return true;
}

static int judge_work(const sg__rule_ctx *ctx, const sg__funcref *fn, long long max_work,
                      work_sum *sum)
{
    long double work =
        sg__cost_polygon_of_points(fn) ? sg__call_polygon_work(ctx, fn) : sg__call_work(ctx, fn);
    if (work == -2)
        return -1;
    if (work < 0 || (sg__cost_unbounded(work) && repository_sql(ctx)))
        return 0;
    const char *call = NULL;
    const char *unit = sg__cost_polygon_of_points(fn)
                           ? "pairs of characters' work (its polygon's edges, compared with "
                             "another's by &&, ?#, <-> or ~=, each pair counted as 16)"
                       : sg__cost_builds_query(fn)
                           ? "pairs of characters' work (its query's terms, merged one by one "
                             "into the query built so far)"
                           : "pairs of characters";
    if (work <= (long double)max_work) {
        if (!sum_passes(sum, work, max_work))
            return 0;
        const char *amount = size_text(ctx, sum->total);
        if (!(call = call_text(ctx, fn)) || !amount)
            return -1;
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                          "%s and %zu such call%s before it compare up to %s %s together, in "
                          "loops PostgreSQL cannot interrupt (the statement timeout stops none "
                          "of them), over the bound of %lld (policy option max_work of %s)",
                          call, sum->calls - 1, sum->calls == 2 ? "" : "s", amount, unit, max_work,
                          ctx->rule->id);
    }
    call = call_text(ctx, fn);
    const char *amount = !sg__cost_unbounded(work)
                             ? size_text(ctx, work)
                             : "an unknown number of (an argument is made by a call, such as "
                               "repeat or format, that can make it long, or is a column of a "
                               "sub-select, WITH query or function that such a call made)";
    if (!call || !amount)
        return -1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                      "%s compares up to %s %s in a loop PostgreSQL cannot interrupt (the "
                      "statement timeout does not stop it), over the bound of %lld (policy "
                      "option max_work of %s)",
                      call, amount, unit, max_work, ctx->rule->id);
}

/* The work PostgreSQL does building a text search query of parameter
 * $n's value (the square of its length, shared as SG_COST_QUERY_SHARE says,
 * as query_work's in callwork.c) into `sum`, reported at `location` when
 * past max_work; -1 when memory ran out. */
static int judge_query_param(const sg__rule_ctx *ctx, int n, int location, long long max_work,
                             work_sum *sum)
{
    const char *text = NULL;
    if (sg__param_bound_text(ctx, n, &text) < 0)
        return -1;
    long double len = text ? (long double)sg__cost_chars(text) : 0;
    if (!sum_passes(sum, len * len / SG_COST_QUERY_SHARE, max_work))
        return 0;
    const char *amount = size_text(ctx, sum->total);
    if (!amount)
        return -1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "parameter %s is read as a text search query, which PostgreSQL builds "
                      "term by term without a cancel (40,000 terms ran 0.6 s, twice as many "
                      "four times as long): with the statement's other such work, %s pairs of "
                      "characters' work, "
                      "over the bound of %lld (policy option max_work of %s)",
                      sg__param_display_name(ctx, n), amount, max_work, ctx->rule->id);
}

/* Parameters read as text search queries: cast to tsquery, or an operand
 * of @@ or @@@ (facts->query_params). */
static int judge_query_params(const sg__rule_ctx *ctx, long long max_work, work_sum *sum)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; f->query_casts && i < f->types.count; i++) {
        const sg__typeref *t = &SG__VEC_AT(f->types, sg__typeref, i);
        if (t->param > 0 && t->name && strcmp(t->name, "tsquery") == 0 &&
            (!t->schema || strcmp(t->schema, "pg_catalog") == 0) && !t->array &&
            judge_query_param(ctx, t->param, t->param_location, max_work, sum) < 0)
            return -1;
    }
    for (size_t i = 0; i < f->query_params.count; i++) {
        const sg__paramref *p = &SG__VEC_AT(f->query_params, sg__paramref, i);
        if (judge_query_param(ctx, p->number, p->location, max_work, sum) < 0)
            return -1;
    }
    /* a parameter as it is where a call takes a tsquery: ts_rank's and
     * ts_rank_cd's second or third argument (the first and the last are a
     * vector, weights or a number), numnode's, querytree's, tsquery_phrase's
     * two, ts_rewrite's */
    static const struct {
        const char *name;
        size_t first, last; /* 0-based arguments */
    } takers[] = {{"ts_rank", 1, 2},   {"ts_rank_cd", 1, 2},     {"numnode", 0, 0},
                  {"querytree", 0, 0}, {"tsquery_phrase", 0, 1}, {"ts_rewrite", 0, 2}};
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        /* ts_headline's query: the second argument of the (document,
         * query[, options]) form, the third of (config, document, query[,
         * options]), as sg__ts_config_arg tells them apart */
        if (fn->kind == SG_FUNC_CALL && fn->arg_count >= 2 && sg__cost_builtin(fn, "ts_headline")) {
            const sg__funcarg *a = &fn->args[sg__ts_config_arg(ctx, fn) ? 2 : 1];
            if (a->param > 0 && !a->cast &&
                judge_query_param(ctx, a->param, a->location, max_work, sum) < 0)
                return -1;
        }
        for (size_t t = 0; fn->kind == SG_FUNC_CALL && t < sizeof takers / sizeof *takers; t++) {
            if (!sg__cost_builtin(fn, takers[t].name))
                continue;
            for (size_t k = takers[t].first; k <= takers[t].last && k < fn->arg_count; k++) {
                const sg__funcarg *a = &fn->args[k];
                if (a->param > 0 && !a->cast &&
                    judge_query_param(ctx, a->param, a->location, max_work, sum) < 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* A pair of edges the path and polygon operators compare, counted as this
 * many pairs of characters' work: `<->` of two paths about 550 ns a pair
 * (two paths of 6,400 points ran 22 s), `&&` of polygons 75 ns (two of 8,000
 * points 4.75 s). */
enum { GEOMETRY_PAIR_WORK = 100, POLYGON_PAIR_WORK = 16 };

/* Paths and polygons the statement makes of constants and parameters
 * (facts->geometries) where an operator may compare two of them edge by edge
 * in a loop PostgreSQL does not interrupt (facts->geometry_ops): their
 * points, times the most copies an output stands for (`x.p + x.p` doubles a
 * path at each level), squared, each pair counted GEOMETRY_PAIR_WORK where
 * a path is among them, else POLYGON_PAIR_WORK. -1 when
 * memory ran out. */
static int judge_geometry(const sg__rule_ctx *ctx, long long max_work, work_sum *sum)
{
    const sg__facts *f = ctx->facts;
    if (!f->geometry_ops || !f->geometries.count)
        return 0;
    long double points = 0, copies = 1;
    int pair = POLYGON_PAIR_WORK;
    for (size_t i = 0; i < f->geometries.count; i++) {
        const sg__geometry *g = &SG__VEC_AT(f->geometries, sg__geometry, i);
        if (g->path)
            pair = GEOMETRY_PAIR_WORK;
        const char *text = NULL;
        if (g->param > 0 && sg__param_bound_text(ctx, g->param, &text) < 0)
            return -1;
        points += g->param > 0 ? (text ? (long double)sg__pgtype_geometry_points(text) : 0)
                               : (long double)g->points;
    }
    for (size_t i = 0; i < f->expansions.count; i++) {
        long double w = (long double)SG__VEC_AT(f->expansions, sg__expansion, i).weight;
        copies = w > copies ? w : copies;
    }
    points *= copies;
    if (!sum_passes(sum, points * points * pair, max_work))
        return 0;
    const char *amount = size_text(ctx, sum->total), *many = size_text(ctx, points);
    if (!amount || !many)
        return -1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED,
                      SG__VEC_AT(f->geometries, sg__geometry, 0).location,
                      "paths and polygons of %s points in all, which the path and polygon "
                      "operators (<->, ?#, &&, ~=, @>) compare edge by edge in loops PostgreSQL "
                      "cannot interrupt, each pair counted as %d pairs of characters: with the "
                      "statement's other such work, %s, over the bound of %lld (policy option "
                      "max_work of %s)",
                      many, pair, amount, max_work, ctx->rule->id);
}

/* The sizes of the calls under the bound one by one, added up (rows of a
 * generate_series aside): the strings and arrays one row's calls make are
 * held in memory together, and lpad, rpad and format pad in loops no cancel
 * stops, so two hundred calls each at the bound ran 20 s and held 2 GB. */
static int judge(const sg__rule_ctx *ctx, const sg__funcref *fn, long long max, work_sum *sum)
{
    long double size = sg__call_size(ctx, fn);
    if (size == -2)
        return -1;
    bool series = size >= 0 && sg__cost_builtin(fn, "generate_series");
    if (size >= 0 && size <= (long double)max && !series) {
        if (!sum_passes(sum, size, max))
            return 0;
        const char *call = call_text(ctx, fn), *amount = size_text(ctx, sum->total);
        if (!call || !amount)
            return -1;
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                          "%s and %zu such call%s before it make %s characters or array "
                          "elements together, held in memory at once, over the bound of %lld "
                          "(policy option max of %s)",
                          call, sum->calls - 1, sum->calls == 2 ? "" : "s", amount, max,
                          ctx->rule->id);
    }
    if (size <= (long double)max || (sg__cost_unbounded(size) && repository_sql(ctx)))
        return 0;
    bool fill = sg__cost_builtin(fn, "array_fill");
    bool points = sg__cost_polygon_of_points(fn);
    const char *call = call_text(ctx, fn);
    if (!call)
        return -1;
    if (sg__cost_unbounded(size))
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                          "%s makes a string of a length the guard cannot read before it runs "
                          "(it reads constants and parameters; a column or an expression may "
                          "be of any size), so it may be over the bound of %lld characters "
                          "(policy option max of %s)",
                          call, max, ctx->rule->id);
    const char *amount = size_text(ctx, size);
    if (!amount)
        return -1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                      "%s makes %s%s%s, over the bound of %lld (policy option max of %s)", call,
                      series || fill || points ? "" : "a string of ", amount,
                      series   ? " rows"
                      : fill   ? " array elements, each counted by its value's length"
                      : points ? " points"
                               : " characters",
                      max, ctx->rule->id);
}

/* How many derived items deep a zone argument's columns are followed. */
enum { ZONE_DEPTH_MAX = 32 };

static bool zone_stored(const sg__rule_ctx *ctx, const sg__funcarg *a, unsigned depth);

/* Whether column `name` of derived source `s` holds stored names: a
 * table's column passed on as it is, a parameter's own value (one value
 * for the statement, not the elements of its array), or an expression that
 * would hold them as a zone argument (sg__source.zone_values). */
static bool stored_column(const sg__rule_ctx *ctx, const sg__source *s, const char *name,
                          unsigned depth)
{
    if (s->row == SG_ROW_RELATION || s->all_stored)
        return true;
    for (size_t k = 0; k < s->stored_count; k++)
        if (strcmp(s->stored[k], name) == 0)
            return true;
    for (size_t k = 0; !s->grows_all && k < s->grown_count; k++)
        if (strcmp(s->grown[k], name) == 0 && s->grown_params && s->grown_params[k] > 0 &&
            s->grown_alone && s->grown_alone[k])
            return true;
    for (size_t k = 0; depth < ZONE_DEPTH_MAX && k < s->zone_count; k++)
        if (strcmp(s->zone_names[k], name) == 0)
            return zone_stored(ctx, &s->zone_values[k], depth + 1);
    return false;
}

/* The INSERT into relation `relation` (facts->relations index), or NULL. */
static const sg__insert *insert_into(const sg__facts *f, long relation)
{
    for (size_t i = 0; relation >= 0 && i < f->inserts.count; i++)
        if (SG__VEC_AT(f->inserts, sg__insert, i).relation == relation)
            return &SG__VEC_AT(f->inserts, sg__insert, i);
    return NULL;
}

/* Whether a RETURNING item that reads column `name` of relation `relation`
 * (facts->relations index), the row the statement wrote, reads stored
 * names: an INSERT of one row makes one name a statement whatever it
 * writes, as a parameter does (of more rows, any column may differ row by
 * row, a default too); an UPDATE's row holds what SET wrote there, which
 * must be stored names of the row it changed, as a zone argument's would
 * be; a column written nothing keeps its stored names. */
static bool written_stored(const sg__rule_ctx *ctx, long relation, const char *name, unsigned depth)
{
    const sg__facts *f = ctx->facts;
    const sg__insert *in = insert_into(f, relation);
    if (in)
        return in->one_row;
    size_t values = 0;
    for (size_t i = 0; i < f->written_values.count; i++) {
        const sg__written_value *v = &SG__VEC_AT(f->written_values, sg__written_value, i);
        if (!sg__cost_writes_column(ctx, v, relation, name))
            continue;
        if (!v->value || !zone_stored(ctx, v->value, depth))
            return false;
        values++;
    }
    if (values)
        return true;
    /* written, but no value shown (SET c = DEFAULT) */
    for (size_t i = 0; i < f->writes.count; i++) {
        const sg__column_write *w = &SG__VEC_AT(f->writes, sg__column_write, i);
        if (w->relation == relation && !w->value &&
            (!w->name || !name || strcmp(w->name, name) == 0))
            return false;
    }
    return true;
}

/* Whether EXCLUDED's columns, the row an INSERT into `relation` proposes,
 * are stored names: an INSERT of one row makes one name a statement, as a
 * parameter does; of more rows, or from a SELECT, they are made row by
 * row. */
static bool proposed_stored(const sg__rule_ctx *ctx, long relation)
{
    const sg__insert *in = insert_into(ctx->facts, relation);
    return in && in->one_row;
}

/* Whether the column reference at `location` reads stored names: a scoped
 * table's column (in RETURNING, of the row written: written_stored), or a
 * derived item's that passes one on (stored_column). */
static bool stored_reference(const sg__rule_ctx *ctx, int location, unsigned depth)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        sg__resolved res;
        if (r->location != location || !r->name)
            continue;
        int status = sg__resolve_name(ctx, r, &res);
        if (status == SG_RES_FOUND) {
            const sg__source *src =
                res.source >= 0 ? &SG__VEC_AT(f->sources, sg__source, (size_t)res.source) : NULL;
            if (src && src->excluded)
                return proposed_stored(ctx, src->relation);
            if (src && src->row == SG_ROW_RELATION && (r->flags & SG_COLREF_RETURNING) &&
                !written_stored(ctx, src->relation, r->name, depth))
                return false;
            return res.table || (src && stored_column(ctx, src, r->name, depth));
        }
        if (status != SG_RES_UNDECIDED)
            return false;
        /* undecided (a `*` of a WITH query): every item of its own level that
         * may have the name holds stored names there, and one surely does */
        bool some = false, maybe = false;
        for (size_t k = r->first; k < r->end && k < f->sources.count; k++) {
            const sg__source *src = &SG__VEC_AT(f->sources, sg__source, k);
            if (src->level != r->level || !sg__source_in_sight(src, r->first, r->end))
                continue;
            int has = sg__source_provides(ctx, src, r->name);
            if (has >= 0 && !stored_column(ctx, src, r->name, depth))
                return false;
            some = some || has > 0;
            maybe = maybe || has == 0;
        }
        /* items that may have it, at a level with none around it */
        bool outermost = r->level >= 0 && (size_t)r->level < f->levels.count &&
                         SG__VEC_AT(f->levels, sg__level, (size_t)r->level).parent < 0;
        return some || (maybe && outermost);
    }
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (r->location != location)
            continue;
        if (sg__cost_excluded_source(f, r->source))
            return proposed_stored(ctx, r->relation);
        if (r->row == SG_ROW_RELATION && r->returning &&
            !written_stored(ctx, r->relation, r->name, depth))
            return false;
        if (r->row == SG_ROW_RELATION && sg__field_table(ctx, r))
            return true;
        return r->source >= 0 && (size_t)r->source < f->sources.count &&
               stored_column(ctx, &SG__VEC_AT(f->sources, sg__source, (size_t)r->source), r->name,
                             depth);
    }
    return false;
}

/* Whether value `a` (a time zone argument, or a value written) has no more
 * distinct values than the stored data: read whole, its columns stored
 * names, its calls none that differ row by row or return sets. */
static bool zone_stored(const sg__rule_ctx *ctx, const sg__funcarg *a, unsigned depth)
{
    static const char *const volatile_calls[] = {"random",    "random_normal",   "clock_timestamp",
                                                 "timeofday", "gen_random_uuid", "setseed"};
    bool unknown = !ctx->scope || ctx->scope->mode == SG_SCOPE_NONE; /* lint without a catalog */
    bool stored = a->values_only;
    for (size_t i = 0; stored && !unknown && i < a->value_column_count; i++)
        stored = stored_reference(ctx, a->value_columns[i], depth);
    for (size_t i = 0; stored && i < a->value_call_count; i++) {
        /* a set-returning call makes rows, a window or aggregate call a
         * value of each row or group */
        const sg__func_info *info = sg__func_find(a->value_calls[i]);
        /* max and min pick one of their inputs; another aggregate makes a
         * value of each group */
        bool picks = strcmp(a->value_calls[i], "max") == 0 || strcmp(a->value_calls[i], "min") == 0;
        unsigned flags = info ? info->flags : 0;
        stored = !(flags & (SG_FN_SETOF | SG_FN_WINDOW)) && (!(flags & SG_FN_AGGREGATE) || picks);
        for (size_t k = 0; stored && k < sizeof volatile_calls / sizeof volatile_calls[0]; k++)
            stored = strcmp(a->value_calls[i], volatile_calls[k]) != 0;
    }
    return stored;
}

/* PostgreSQL keeps every time zone it resolves by name (about 24 KB each,
 * POSIX specifications such as '<Z123>1' too) for the life of the session:
 * not a statement's end, ROLLBACK nor DISCARD ALL frees them. A zone argument
 * must then have as few distinct values as the stored data: made of
 * constants, parameters and stored names (a table's column, or a derived
 * item's that passes one on), through any calls but those that differ row
 * by row (random(), clock_timestamp(), ...) or return sets. A name the
 * statement makes row by row (`'<Z' || g || '>1'` over generate_series, the
 * elements of a parameter's array) fills the server's memory by the row. */
static int judge_zone(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    size_t zone = 0;
    while (zone < fn->arg_count && !fn->args[zone].zone)
        zone++;
    if (zone == fn->arg_count)
        return 0;
    const sg__funcarg *a = &fn->args[zone];
    if (zone_stored(ctx, a, 0))
        return 0;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, a->location,
                      "%s reads a time zone name that the statement may make row by row (over "
                      "a set-returning, window, aggregate or volatile call, a VALUES list, a "
                      "column of a function, or of a sub-select or WITH query made so, the "
                      "elements of a parameter's array, two rows' columns or a parameter and "
                      "a row's column combined): PostgreSQL "
                      "keeps every zone "
                      "it resolves, about 24 KB each, for "
                      "the rest of the session (a statement's end, ROLLBACK and DISCARD ALL free "
                      "none), so such names fill the server's memory; give the zone as a "
                      "constant, a parameter or a table's column, or an expression of them",
                      sg__cost_builtin(fn, "timezone") ? "AT TIME ZONE (timezone())" : fn->name);
}

/* Whether a FROM item's column may hold text the statement made long, or a
 * parameter's value (walked out for statements whose rules ask). */
static bool derived_growth(const sg__facts *f)
{
    for (size_t i = 0; i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->row != SG_ROW_RELATION && (s->grows_all || s->grown_count))
            return true;
    }
    return false;
}

enum { LONG_READS_MAX = 8, LONG_READS_ALL_MAX = 16 };

/* Counts the reads of the reference at `location`, named `name`: of a
 * parameter's value passed on by a FROM item (uses), or of text the
 * statement made long (the name's count in `names`/`counts`, its largest in
 * *most, and all of them in counts[64]). */
static void count_read(const sg__rule_ctx *ctx, int location, const char *name, size_t *uses,
                       size_t slots, const char **names, size_t *counts, size_t *kept, size_t *most)
{
    int g = sg__cost_growth_at(ctx, location);
    if (g > 0 && (size_t)g <= slots)
        uses[g - 1]++;
    if (g >= 0)
        return;
    counts[64]++; /* every long read, whatever its name */
    name = name ? name : "*";
    size_t k = 0;
    while (k < *kept && strcmp(names[k], name) != 0)
        k++;
    if (k == *kept) {
        if (*kept == 64)
            return;
        names[(*kept)++] = name;
        counts[k] = 0;
    }
    if (++counts[k] > *most)
        *most = counts[k];
}

/* The length of the value bound to parameter slot `slot`, as written (a
 * scalar's without printing it, else its text's); -1 when memory ran out. */
static int param_length(const sg__rule_ctx *ctx, size_t slot, size_t *len)
{
    if (sg__param_slot_scalar_length(ctx->bind, slot, len))
        return 0;
    const char *t = NULL;
    if (sg__param_bound_text(ctx, (int)slot + 1, &t) < 0)
        return -1;
    *len = t ? strlen(t) : 0;
    return 0;
}

/* The characters of parameter values the statement reads, each value
 * counted once for each place it stands: a place reads the value, and the
 * calls there make their results of it, all in the row's memory
 * (`upper(%(s)s)` two thousand times in one ARRAY[...] ran 39 s, a `||` chain
 * of one 2 MB value sixty times held 3.7 GB); a value a FROM item passes on
 * (`WITH c AS (SELECT %(s)s AS s)`) counts where its column is read. Text
 * the statement made long (an aggregate gathering rows, repeat), which no
 * count bounds, may be read in at most LONG_READS_MAX places, and all such
 * columns in LONG_READS_ALL_MAX: four hundred length() of one string_agg in
 * one row ran 123 s. -1 when memory ran out. */
static int judge_reads(const sg__rule_ctx *ctx, long long max_reads)
{
    const sg__facts *f = ctx->facts;
    const sg__param_binding *b = ctx->bind;
    bool grown = derived_growth(f);
    size_t slots = b ? b->slots : 0;
    if (!grown && (!slots || f->params.count < 2))
        return 0;
    size_t few[32];
    size_t *uses = slots <= sizeof few / sizeof few[0]
                       ? few
                       : sg__arena_alloc(ctx->diags->arena, slots * sizeof *uses);
    if (!uses)
        return -1;
    memset(uses, 0, slots * sizeof *uses);
    for (size_t i = 0; i < f->params.count; i++) {
        int n = SG__VEC_AT(f->params, sg__paramref, i).number;
        if (n > 0 && (size_t)n <= slots)
            uses[n - 1]++;
    }
    const char *names[64];
    size_t counts[65] = {0}, kept = 0, most = 0; /* counts[64]: all of them */
    for (size_t i = 0; grown && i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        count_read(ctx, r->location, r->name, uses, slots, names, counts, &kept, &most);
    }
    for (size_t i = 0; grown && i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        count_read(ctx, r->location, r->name, uses, slots, names, counts, &kept, &most);
    }
    if ((most > LONG_READS_MAX || counts[64] > LONG_READS_ALL_MAX) && !repository_sql(ctx))
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->statement_location,
                          "columns whose text the statement may make long (an aggregate "
                          "gathering rows, repeat, a parameter's elements) are read in %zu "
                          "places, one of them in %zu, each of which reads all of it in one "
                          "row, where PostgreSQL checks for no cancel; at most %d places for "
                          "one column and %d for all are allowed",
                          counts[64], most, LONG_READS_MAX, LONG_READS_ALL_MAX);
    /* each value read in one place reads no more than the operation
     * holds, which max_operation_bytes bounds */
    bool twice = false;
    for (size_t slot = 0; slot < slots && !twice; slot++)
        twice = uses[slot] > 1;
    if (!twice)
        return 0;
    long double total = 0;
    size_t places = 0;
    for (size_t slot = 0; slot < slots; slot++) {
        size_t len;
        if (!uses[slot])
            continue;
        if (param_length(ctx, slot, &len) < 0)
            return -1;
        total += (long double)uses[slot] * (long double)len;
        places += uses[slot];
    }
    if (total <= (long double)max_reads)
        return 0;
    const char *amount = size_text(ctx, total);
    if (!amount)
        return -1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->statement_location,
                      "the statement's %zu parameter places read %s characters of their values "
                      "together (a value once for each place it stands, and each place's calls "
                      "make their results of it in memory), over the bound of %lld (policy "
                      "option max_reads of %s)",
                      places, amount, max_reads, ctx->rule->id);
}

/* How far a subscript written into a jsonb column may pad: PostgreSQL fills
 * the gap up to an index past an array's end with nulls, one by one,
 * without a cancel (ten targets at twelve million ran 25 s and held 9 GB).
 * A constant's or a parameter's index counts, its text read as an array
 * reads it (text that is no integer is an object's key, which pads
 * nothing); any other index is
 * the caller's to size. -1 for a column of another type (an array pads with
 * a bitmap), -2 when memory ran out. */
static long double subscript_pad(const sg__rule_ctx *ctx, const sg__subscript_write *s)
{
    const sg__pgtype *type = sg__relation_column_type(ctx, s->relation, s->name);
    if (!type || type->array_dims || strcmp(type->name, "jsonb") != 0)
        return -1;
    const char *text = s->index;
    if (!text && s->param > 0) {
        int bound = sg__param_bound_text(ctx, s->param, &text);
        if (bound < 0)
            return -2;
        if (!bound)
            return -1; /* no value here (lint) */
        if (!text)
            return 0;
    }
    if (!text)
        return HUGE_VALL;
    while (*text == ' ' || (*text >= '\t' && *text <= '\r'))
        text++;
    char *end;
    long double n = strtold(text, &end);
    while (end && (*end == ' ' || (*end >= '\t' && *end <= '\r')))
        end++;
    if (end == text || (end && *end))
        return 0; /* a key */
    return n < 0 ? -n : n;
}

/* The subscripts written into jsonb columns, as sizes against max (added to
 * the calls' in `sizes`). */
static int judge_subscripts(const sg__rule_ctx *ctx, long long max, work_sum *sizes)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->subscripts.count; i++) {
        const sg__subscript_write *s = &SG__VEC_AT(f->subscripts, sg__subscript_write, i);
        long double pad = subscript_pad(ctx, s);
        if (pad == -2)
            return -1;
        if (pad < 0 || (sg__cost_unbounded(pad) && repository_sql(ctx)))
            continue;
        if (sg__cost_unbounded(pad))
            return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, s->location,
                              "a subscript of jsonb column %s written with an index the guard "
                              "cannot read (it reads integer constants and parameters): past "
                              "the end of an array PostgreSQL pads the gap with nulls, in a "
                              "loop no cancel stops",
                              s->name);
        if (!sum_passes(sizes, pad, max))
            continue;
        const char *amount = size_text(ctx, sizes->total);
        if (!amount)
            return -1;
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, s->location,
                          "a subscript of jsonb column %s may pad an array with nulls up to its "
                          "index, in a loop no cancel stops: with the statement's other sizes, "
                          "%s elements or characters, over the bound of %lld (policy option "
                          "max of %s)",
                          s->name, amount, max, ctx->rule->id);
    }
    return 0;
}

/* The most a sized call of the statement makes (sg__call_size: rows,
 * elements or characters), 0 for none, into *made; -1 when memory ran out. */
static int largest_made(const sg__rule_ctx *ctx, long double *made)
{
    const sg__facts *f = ctx->facts;
    *made = 0;
    for (size_t k = 0; k < f->funcs.count; k++) {
        long double size = sg__call_size(ctx, &SG__VEC_AT(f->funcs, sg__funcref, k));
        if (size == -2)
            return -1;
        *made = size > *made ? size : *made;
    }
    return 0;
}

/* The most elements an array the statement makes may hold, as far as a
 * cast to an array of a padding type is concerned: SG_PAD_ELEMENTS, a
 * parameter's length (each element takes a character of its text at
 * least), or what a sized call makes (array_fill's elements, a series'
 * rows gathered); -1 when memory ran out. */
static long double array_elements_most(const sg__rule_ctx *ctx)
{
    long double most = SG_PAD_ELEMENTS, made;
    const sg__param_binding *b = ctx->bind;
    for (size_t slot = 0; b && slot < b->slots; slot++) {
        size_t len;
        if (param_length(ctx, slot, &len) < 0)
            return -1;
        most = (long double)len + 1 > most ? (long double)len + 1 : most;
    }
    if (largest_made(ctx, &made) < 0)
        return -1;
    return made > most ? made : most;
}

/* Casts to char(n) and bit(n) (facts->pads): PostgreSQL pads every value to
 * n characters (bits), a constant's before the statement runs, without a
 * cancel (a hundred 'x'::char(10485760) held 3 GB past a 1 s timeout); they
 * count against `max` with the statement's other sizes, an array of them n
 * for each element it may hold (array_elements_most: array_fill(''::text,
 * ARRAY[1000000])::char(499)[] held 1.5 GB). A DDL statement's column types
 * make no values. */
static int judge_pads(const sg__rule_ctx *ctx, long long max, work_sum *sizes)
{
    const sg__facts *f = ctx->facts;
    if (!f->pads || !sg__is_dml(f))
        return 0;
    long double pads = 0, elements = -1;
    for (size_t i = 0; i < f->types.count; i++) {
        const sg__typeref *t = &SG__VEC_AT(f->types, sg__typeref, i);
        if (!t->pad || !t->array) {
            pads += (long double)t->pad;
            continue;
        }
        if (elements < 0 && (elements = array_elements_most(ctx)) < 0)
            return -1;
        pads += (long double)(t->pad / SG_PAD_ELEMENTS) * elements;
    }
    if (!sum_passes(sizes, pads, max))
        return 0;
    const char *amount = size_text(ctx, sizes->total);
    if (!amount)
        return -1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->pad_location,
                      "casts to char(n) or bit(n) pad every value to n characters, which "
                      "PostgreSQL does without a cancel (an array of them counts as many "
                      "elements as the statement's largest array may hold, at least %d): with "
                      "the statement's other sizes, %s characters, over the bound of %lld "
                      "(policy option max of %s)",
                      SG_PAD_ELEMENTS, amount, max, ctx->rule->id);
}

/* Bytes PostgreSQL holds for each range of a multirange's (or a range
 * array's) text: about 2.5 KB (a 1.5 MB value of 100,000 ranges held 231
 * MB read and 518 MB printed). */
enum { RANGE_BYTES = 2560 };

/* The ranges a multirange's or range array's text holds: each opens with
 * `[` or `(`, or is the word `empty`. */
static size_t range_count(const char *t)
{
    size_t n = 0;
    for (; *t; t++)
        n +=
            *t == '[' || *t == '(' || ((*t == 'e' || *t == 'E') && strncasecmp(t, "empty", 5) == 0);
    return n;
}

/* Whether type `t` is a multirange (or an array of one) or an array of
 * ranges of pg_catalog. */
static bool holds_ranges(const sg__typeref *t)
{
    static const char *const ranges[] = {"int4range", "int8range", "numrange",
                                         "tsrange",   "tstzrange", "daterange"};
    if (!t->name || (t->schema && strcmp(t->schema, "pg_catalog") != 0))
        return false;
    if (strstr(t->name, "multirange"))
        for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++) {
            size_t n = strlen(ranges[i]) - strlen("range");
            if (strncmp(t->name, ranges[i], n) == 0 && strcmp(t->name + n, "multirange") == 0)
                return true;
        }
    for (size_t i = 0; t->array && i < sizeof ranges / sizeof *ranges; i++)
        if (strcmp(t->name, ranges[i]) == 0)
            return true;
    return false;
}

/* Parameters cast to a multirange or an array of ranges: each range read
 * holds about 2.5 KB, counted against `max` with the statement's other
 * sizes by the value's length. */
static int judge_ranges(const sg__rule_ctx *ctx, long long max, work_sum *sizes)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; f->range_casts && i < f->types.count; i++) {
        const sg__typeref *t = &SG__VEC_AT(f->types, sg__typeref, i);
        if (t->param <= 0 || !holds_ranges(t))
            continue;
        const char *text = NULL;
        if (sg__param_bound_text(ctx, t->param, &text) < 0)
            return -1;
        long double bytes = (long double)(text ? range_count(text) : 0) * RANGE_BYTES;
        if (!sum_passes(sizes, bytes, max))
            continue;
        const char *amount = size_text(ctx, sizes->total);
        if (!amount)
            return -1;
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->param_location,
                          "parameter %s is read as %s%s: PostgreSQL holds about 2.5 KB for "
                          "each range of it, without a cancel; with the statement's other "
                          "sizes, %s bytes, over the bound of %lld (policy option max of %s)",
                          sg__param_display_name(ctx, t->param), t->name, t->array ? "[]" : "",
                          amount, max, ctx->rule->id);
    }
    return 0;
}

/* The most copies of the values below it one output may stand for,
 * whatever its pieces: the planner builds every copy (2^14 of `x.n + x.n`
 * took 53 ms to plan, 2^18 a second, and from constants it computes them
 * past a cancel). */
enum { EXPANSION_MAX = 4096 };

/* The length of the longest parameter value among `e`'s pieces; -1 when
 * memory ran out. */
static long double longest_param(const sg__rule_ctx *ctx, const sg__expansion *e)
{
    const sg__param_binding *b = ctx->bind;
    size_t slots = b ? b->slots : 0, most = 0;
    for (size_t slot = 0; slot < slots; slot++) {
        if (slot < 64 ? !(e->params >> slot & 1) : !e->params_more)
            continue;
        size_t len;
        if (param_length(ctx, slot, &len) < 0)
            return -1;
        most = len > most ? len : most;
    }
    return (long double)most;
}

/* Outputs of sub-selects and WITH queries that stand for many copies of
 * the values below them (facts->expansions): PostgreSQL's planner puts an
 * output's expression in place of every reference to it, so a column read
 * twice at each of twenty levels is a million copies, built (and from
 * constants computed) past a cancel; and its value holds its constants'
 * characters, each copy counted, and as many copies of its longest other
 * piece (a parameter's value, what a sized call of the statement makes). */
static int judge_expansions(const sg__rule_ctx *ctx, long long max)
{
    const sg__facts *f = ctx->facts;
    long double made = -1; /* the most a sized call of the statement makes, once known */
    for (size_t i = 0; i < f->expansions.count; i++) {
        const sg__expansion *e = &SG__VEC_AT(f->expansions, sg__expansion, i);
        int at = e->location >= 0 ? e->location : f->statement_location;
        if (e->weight >= SG_EXPANSION_CAP && f->expansion_too_deep)
            return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, at,
                              "this output reads sub-selects, WITH queries or FROM items nested "
                              "one within another deeper than the guard follows, so how many "
                              "copies of them PostgreSQL makes is not known");
        if (e->weight > EXPANSION_MAX)
            return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, at,
                              "this output stands for %s%llu copies of the expressions below "
                              "it: PostgreSQL puts a sub-select's or WITH query's output in "
                              "place of every reference to it, so a column read twice at each "
                              "level doubles the statement at each, and builds it before a "
                              "cancel can stop it; at most %d are allowed",
                              e->weight >= SG_EXPANSION_CAP ? "at least " : "", e->weight,
                              EXPANSION_MAX);
        long double piece = longest_param(ctx, e);
        if (piece < 0)
            return -1;
        if (e->sized && made < 0 && largest_made(ctx, &made) < 0)
            return -1;
        if (e->sized && made > piece)
            piece = made;
        long double size = (long double)e->chars + piece * (long double)e->weight;
        /* in a repository's SQL, a size the guard cannot bound is the
         * gateway's to deny, as judge()'s */
        if (size <= (long double)max || (sg__cost_unbounded(size) && repository_sql(ctx)))
            continue;
        const char *amount = size_text(ctx, size);
        if (!amount)
            return -1;
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, at,
                          "this output stands for %llu copies of the expressions below it "
                          "(PostgreSQL puts a sub-select's or WITH query's output in place of "
                          "every reference to it), whose constants, parameter values and "
                          "sized calls make its value up to %s characters or elements, over "
                          "the bound of %lld (policy option max of %s)",
                          e->weight, amount, max, ctx->rule->id);
    }
    return 0;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    long long max, max_work, max_reads;
    if (f->params.count > 1 || f->sources.count) {
        if (!sg__policy_integer(ctx->policy, ctx->rule, MAX_READS, &max_reads))
            max_reads = DEFAULT_MAX_READS;
        if (judge_reads(ctx, max_reads) < 0)
            return -1;
    }
    if (f->doubling_cte &&
        sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->doubling_location,
                   "each step of recursive WITH query %s makes %s%s of two or more copies of "
                   "columns that grow at every step (`r.s || r.s`), so its text doubles at "
                   "each: thirty steps of one character make a gigabyte, which PostgreSQL "
                   "builds in memory",
                   f->doubling_cte, f->doubling_column ? "column " : "a column",
                   f->doubling_column ? f->doubling_column : "") < 0)
        return -1;
    if (!f->funcs.count && !f->subscripts.count && !f->expansions.count && !f->pads &&
        !f->range_casts && !f->query_casts && !f->query_params.count && !f->geometries.count)
        return 0;
    if (!sg__policy_integer(ctx->policy, ctx->rule, MAX, &max))
        max = DEFAULT_MAX;
    if (judge_expansions(ctx, max) < 0)
        return -1;
    if (!sg__policy_integer(ctx->policy, ctx->rule, MAX_WORK, &max_work))
        max_work = DEFAULT_MAX_WORK;
    work_sum sum = {0, 0, false}, sizes = {0, 0, false};
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (judge(ctx, fn, max, &sizes) < 0 || judge_work(ctx, fn, max_work, &sum) < 0 ||
            (fn->kind == SG_FUNC_CALL && fn->args && judge_zone(ctx, fn) < 0))
            return -1;
    }
    if (judge_pads(ctx, max, &sizes) < 0 || judge_ranges(ctx, max, &sizes) < 0 ||
        judge_query_params(ctx, max_work, &sum) < 0 || judge_geometry(ctx, max_work, &sum) < 0)
        return -1;
    return judge_subscripts(ctx, max, &sizes);
}

const sg__rule sg__rule_func_resource_bound = {
    .id = "func.resource-bound",
    .summary = "constant or parameter arguments that make generate_series, repeat, lpad, rpad, "
               "format's widths or array_fill exceed a size bound, string arguments that make "
               "quadratic text work (a call, a LIKE, or all of them together) exceed a work "
               "bound, sub-select outputs that stand for too many copies of the levels below "
               "them, recursive steps that double their text, or time zone names made row by "
               "row",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .options = options, /* parameters are read without any call too */
    .check = check,
};
