/*
 * callsize.c - the size of what a call makes, for func.resource-bound:
 * rows of a generate_series (series.c counts them), elements of an
 * array_fill (each by its value's length), characters of a repeat, lpad,
 * rpad, replace, regexp_replace, and of format's padded widths and values,
 * from constants and parameters' bound values. lpad, rpad and format pad in
 * loops that no cancel stops: their lengths and widths must be constants or
 * parameters. repeat stops at a cancel: a table's column may also give its
 * count in a select.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "callcost.h"
#include "series.h"

/* The number PostgreSQL's integer input reads in `t`, blanks around it
 * (an array, `VARIADIC $1`, as HUGE_VALL: its elements are what a width
 * reads): 1, 0 when it is no number (the server refuses it), -1 when
 * memory ran out. */
static int number_text(const sg__rule_ctx *ctx, const char *t, long double *out)
{
    while (*t == ' ' || (*t >= '\t' && *t <= '\r'))
        t++;
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == ' ' || (t[n - 1] >= '\t' && t[n - 1] <= '\r')))
        n--;
    if (n > 0 && (*t == '{' || *t == '[')) {
        *out = HUGE_VALL;
        return 1;
    }
    const char *trimmed = sg__arena_strndup(ctx->diags->arena, t, n);
    if (!trimmed)
        return -1;
    sg__funcarg value = {.kind = SG_ARG_NUMBER, .text = trimmed};
    return sg__series_arg_number(&value, out) ? 1 : 0;
}

/* Whether the reference at `location` is qualified (`t.c`). */
static bool qualified_at(const sg__facts *f, int location)
{
    for (size_t i = 0; i < f->fields.count; i++)
        if (SG__VEC_AT(f->fields, sg__field_ref, i).location == location)
            return true;
    return false;
}

/* The number argument `a` holds: a constant (sg__series_arg_number), or a
 * parameter's bound value, cast to an integer type or numeric, or not cast
 * (the function's own integer parameter reads it); 1 (with *out), 0 when
 * unknown, -1 when memory ran out. Anything else counts as HUGE_VALL: the
 * caller sizes it, or (with `strict`: lpad, rpad and format pad in loops
 * that no cancel stops) it is not a constant or a parameter. Without
 * `strict` (repeat, which stops at a cancel), a table column's value or
 * length in a select is stored data, unknown. */
int sg__cost_arg_value(const sg__rule_ctx *ctx, const sg__funcarg *a, bool strict, long double *out)
{
    if (sg__series_arg_number(a, out))
        return 1;
    /* a constant under another cast (`'500000000'::text`, `5e8::float8`):
     * PostgreSQL reads a width or a length of another type as its text */
    if (a->kind == SG_ARG_STRING || a->kind == SG_ARG_NUMBER)
        return number_text(ctx, a->text, out);
    if (a->kind == SG_ARG_OTHER && a->param > 0) {
        const char *t;
        int bound = sg__param_bound_text(ctx, a->param, &t);
        if (bound < 0)
            return -1;
        return t ? number_text(ctx, t, out) : 0;
    }
    /* a table's column (`m.n`, `length(name)`) is stored data in a select,
     * unless a join merges columns (USING, NATURAL), which may give an
     * unqualified one a sub-select's value; a sub-select's or WITH query's
     * column may be a parameter's value, a write's RETURNING or EXCLUDED
     * reads what the caller wrote, and any other expression is the
     * caller's to size */
    int stored = a->caller_value            ? -1
                 : a->kind == SG_ARG_COLUMN ? a->location
                 : a->kind == SG_ARG_OTHER  ? a->stored_column
                                            : -1;
    long column;
    if (!strict && stored >= 0 && ctx->facts->kind == SG_STMT_SELECT &&
        (!ctx->facts->merges.count || qualified_at(ctx->facts, stored)) &&
        sg__column_at(ctx, stored, &column))
        return 0;
    *out = HUGE_VALL;
    return 1;
}

/* Characters a repeat, lpad or rpad call makes, -1 when not known, -2
 * when memory ran out. */
static long double string_size(const sg__rule_ctx *ctx, const sg__funcref *fn, bool is_repeat)
{
    long double n;
    if (is_repeat ? fn->arg_count != 2 : fn->arg_count < 2 || fn->arg_count > 3)
        return -1;
    int known = sg__cost_arg_value(ctx, &fn->args[1], !is_repeat, &n);
    if (known < 0)
        return -2;
    /* repeat's text a column of a sub-select, WITH query, VALUES list or
     * function: long when the statement may have made it so, a parameter's
     * length when it passes the value on */
    const sg__funcarg *text = &fn->args[0];
    bool text_long = false;
    long double column_chars = -1;
    if (is_repeat && text->kind == SG_ARG_COLUMN) {
        int g = sg__cost_growth_at(ctx, text->location);
        const char *t = NULL;
        int bound = g > 0 ? sg__param_bound_text(ctx, g, &t) : 0;
        if (bound < 0)
            return -2;
        /* a value not bound here (lint) is not known: long */
        text_long = g < 0 || (g > 0 && !bound);
        if (bound)
            column_chars = t ? (long double)sg__cost_chars(t) : 0;
    }
    /* repeat of stored data's number of times: a text the caller sizes (a
     * parameter, an expression) may make it as long as it likes */
    if (known == 0)
        return is_repeat && (text_long || column_chars >= 0 ||
                             (fn->args[0].kind == SG_ARG_OTHER &&
                              !(fn->args[1].kind == SG_ARG_OTHER && fn->args[1].param > 0)))
                   ? HUGE_VALL
                   : -1;
    if (n <= 0)
        return 0;
    if (text_long)
        return HUGE_VALL;
    if (column_chars >= 0)
        return n * column_chars;
    bool text_known =
        text->kind == SG_ARG_STRING && (!text->cast || strcmp(text->cast, "text") == 0);
    const char *t;
    int bound =
        is_repeat && text->kind == SG_ARG_OTHER ? sg__param_bound_text(ctx, text->param, &t) : 0;
    if (bound < 0)
        return -2;
    if (bound) /* a parameter's text, as long as its bound value */
        return t ? n * (long double)sg__cost_chars(t) : 0;
    if (is_repeat && text->kind == SG_ARG_OTHER && text->param == 0)
        return HUGE_VALL; /* an expression's text, which may be long */
    if (is_repeat)
        return text_known ? n * (long double)sg__cost_chars(text->text) : n;
    /* an empty fill pads nothing: the result is the text cut to n */
    if (fn->arg_count == 3 && fn->args[2].kind == SG_ARG_STRING && !fn->args[2].text[0])
        return -1;
    return n;
}

/* The largest number among arguments from..end-1 of `fn` a `*` width may
 * take: 1, 0 when one of them is not known (a column, an expression), -1
 * when memory ran out. An argument that is no number cannot be a width. */
static int largest_width(const sg__rule_ctx *ctx, const sg__funcref *fn, size_t from, size_t end,
                         long double *width)
{
    *width = 0;
    for (size_t i = from; i < end && i < fn->arg_count; i++) {
        const sg__funcarg *a = &fn->args[i];
        long double v;
        int known = sg__cost_arg_value(ctx, a, true, &v);
        if (known < 0)
            return -1;
        if (known > 0 && fabsl(v) > *width)
            *width = fabsl(v);
        else if (!known && a->kind == SG_ARG_OTHER && a->param == 0)
            return 0;
    }
    return 1;
}

/* Reads a format() width at *p: digits, or `*` (the next argument, `*next`)
 * or `*n$` (argument n). With `positions` (the format names arguments by
 * position somewhere), which argument a width takes is not followed: the
 * largest any may give. 1, 0 when not known, -1 when memory ran out. */
static int format_width(const sg__rule_ctx *ctx, const sg__funcref *fn, const char **p,
                        size_t *next, bool positions, long double *width)
{
    const char *q = *p;
    *width = 0;
    if (*q != '*') {
        for (; *q >= '0' && *q <= '9'; q++)
            *width = *width * 10 + (*q - '0');
        *p = q;
        return 1;
    }
    q++;
    while (*q >= '0' && *q <= '9')
        q++;
    if (*q == '$')
        q++;
    *p = q;
    if (positions)
        return largest_width(ctx, fn, 1, fn->arg_count, width);
    size_t arg = (*next)++;
    return largest_width(ctx, fn, arg, arg + 1, width);
}

/* Characters format(fmt, ...) pads its values to: the sum of the widths of
 * its conversions (`%10s`, `%-*s` with the width an argument gives, `%1$*2$s`),
 * from a constant format or a parameter's bound value; -1 when a width or
 * the format is not known, -2 when memory ran out. PostgreSQL pads in a loop
 * it does not interrupt, and holds the padded text in memory. */
static long double format_size(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    if (fn->arg_count < 1)
        return -1;
    const sg__funcarg *f = &fn->args[0];
    const char *fmt = NULL;
    if (f->kind == SG_ARG_STRING) {
        fmt = f->text;
    } else if (f->kind == SG_ARG_OTHER) {
        int bound = sg__param_bound_text(ctx, f->param, &fmt);
        if (bound < 0)
            return -2;
        if (bound && !fmt)
            return 0; /* a NULL format makes NULL */
    }
    if (!fmt)
        return HUGE_VALL; /* a format string the guard cannot read */
    long double total = 0;
    size_t next = 1;
    bool positions = strchr(fmt, '$') != NULL;
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
        p++;
        if (*p == '%') {
            p++;
            continue;
        }
        /* an argument position n$ (a width's digits end otherwise) */
        const char *q = p;
        size_t at = 0;
        for (; *q >= '0' && *q <= '9'; q++)
            if (at < 100000)
                at = at * 10 + (size_t)(*q - '0');
        if (q > p && *q == '$')
            p = q + 1;
        else
            at = 0;
        while (*p == '-')
            p++;
        long double width;
        int known = format_width(ctx, fn, &p, &next, positions, &width);
        if (known <= 0)
            return known < 0 ? -2 : -1;
        /* the value the conversion prints, once for each reference
         * (`%1$s%1$s...` four hundred times of one 2 MB value made 900 MB):
         * a known text by its length */
        size_t value = at ? at : next;
        long double len = value < fn->arg_count ? sg__cost_known_length(ctx, &fn->args[value]) : 0;
        if (len == -2)
            return -2;
        total += width + (len > 0 && !sg__cost_unbounded(len) ? len : 0);
        next = (at ? at : next) + 1; /* the value the conversion takes */
    }
    return total;
}

/* Elements an array_fill(value, dims [, lower bounds]) call makes: the
 * product of its dimensions, a constant ARRAY[d1, ...] or a parameter's
 * array by its bound value; -1 when not known (no value in lint), HUGE_VALL
 * for any other expression, -2 when memory ran out. */
static long double array_elements(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    if (fn->arg_count < 2 || fn->arg_count > 3)
        return -1;
    const sg__funcarg *dims = &fn->args[1];
    const char *p = dims->kind == SG_ARG_ARRAY ? dims->text : NULL;
    if (!p && dims->kind == SG_ARG_OTHER && dims->param > 0) {
        /* a parameter's array of dimensions, `{60000000}`, by its bound value */
        int bound = sg__param_bound_text(ctx, dims->param, &p);
        if (bound < 0)
            return -2;
        if (!bound)
            return -1; /* no value here (lint): not known */
        if (!p)
            return 0; /* NULL dimensions make NULL */
        while (*p == ' ' || *p == '{')
            p++;
    } else if (!p) {
        /* an expression (`ARRAY[%(n)s::int]`) or a column: PostgreSQL fills
         * and prints the array in loops no cancel stops, so the guard reads
         * only constants and a parameter */
        return HUGE_VALL;
    }
    /* each element is a copy of the value: a known text counts by its
     * length (a 2 MB value in 400 elements made 800 MB in one call) */
    long double each = sg__cost_known_length(ctx, &fn->args[0]);
    if (each == -2)
        return -2;
    long double extra[2];
    int derived = sg__cost_derived_extra(ctx, fn, 0, extra);
    if (derived < 0)
        return -2;
    if (derived || sg__cost_unbounded(each))
        return HUGE_VALL;
    each = (each < 1 ? 1 : each) + extra[0];
    long double n = each;
    while (*p && *p != '}') {
        /* an array literal's element may be quoted (`{"12"}`) */
        bool quoted = *p == '"';
        char *end;
        long long d = strtoll(p + quoted, &end, 10);
        if (end == p + quoted || (quoted && *end++ != '"'))
            return dims->kind == SG_ARG_ARRAY ? -1 : HUGE_VALL;
        n *= d > 0 ? (long double)d : 0;
        p = end;
        while (*p == ' ')
            p++;
        if (*p == ',')
            p++;
        while (*p == ' ')
            p++;
    }
    return n;
}

/* Characters replace(s, from, to) and regexp_replace(s, pattern, repl [,
 * flags]) make when the text and its replacement are known: each of at most
 * |s| / |from| matches (|s| + 1 for a pattern, empty matches too, with the
 * flag g; one without) becomes the replacement, so 450 characters with a
 * 2 MB replacement make 900 MB, in one row's memory. -1 when not known (the
 * text's own size is its maker's, judged there), -2 when memory ran out. */
static long double replaced_size(const sg__rule_ctx *ctx, const sg__funcref *fn, bool regexp)
{
    if (fn->arg_count < 3 || fn->arg_count > (regexp ? 6u : 3u))
        return -1;
    long double s = sg__cost_known_length(ctx, &fn->args[0]);
    long double to = sg__cost_known_length(ctx, &fn->args[2]);
    if (s == -2 || to == -2)
        return -2;
    /* a text or replacement passed on by a FROM item (`WITH c AS (SELECT
     * %(s)s AS s) ... replace(c.s, ...)`): its parameter's length, long when
     * the statement made it so */
    long double extra[2];
    int derived = sg__cost_derived_extra(ctx, fn, 2, extra);
    if (derived < 0)
        return -2;
    if (derived)
        return HUGE_VALL;
    if (extra[0] > 0)
        s = (s < 0 ? 0 : s) + extra[0];
    if (extra[1] > 0)
        to = (to < 0 ? 0 : to) + extra[1];
    if (sg__cost_unbounded(to) && s != 0)
        return HUGE_VALL;
    if (s < 0 || sg__cost_unbounded(s))
        return -1;
    if (to < 0)
        to = 1; /* a column: stored data */
    long double matches;
    if (regexp) {
        const sg__funcarg *flags = fn->arg_count == 4 ? &fn->args[3] : NULL;
        bool global = !flags || flags->kind != SG_ARG_STRING || strchr(flags->text, 'g');
        matches = fn->arg_count > 4 || global ? s + 1 : 1;
    } else {
        long double from = sg__cost_known_length(ctx, &fn->args[1]);
        if (from == -2)
            return -2;
        matches = from >= 1 && !sg__cost_unbounded(from) ? s / from : s;
    }
    return s + matches * to;
}

/* bpchar(s, n, explicit) and bit(s, n, explicit), the function form of a
 * cast to char(n) or bit(n), which pads to n: n when a constant gives it,
 * else HUGE_VALL (100 bpchar('x', 10485764, true) held 1.1 GB before the
 * statement ran). */
static long double pad_size(const sg__funcref *fn)
{
    const sg__funcarg *n = &fn->args[1];
    if (n->kind != SG_ARG_NUMBER || !n->text)
        return HUGE_VALL;
    char *end;
    long double v = strtold(n->text, &end);
    return *end || v < 0 ? HUGE_VALL : v;
}

/* What bit(integer, n) or bit(bigint, n) makes (n bits), or
 * polygon(n, circle) (n points): the number argument's value, -1 when not
 * known, -2 when memory ran out. */
static long double counted_size(const sg__rule_ctx *ctx, const sg__funcarg *n)
{
    long double v;
    int known = sg__cost_arg_value(ctx, n, true, &v);
    return known < 0 ? -2 : !known ? -1 : v < 0 ? 0 : v;
}

/* polygon(n, circle) makes n points, and the polygon operators (&&, ?#,
 * <->, ~=) compare each edge of one with each of another's in loops
 * PostgreSQL cannot interrupt: two of 8,000 points overlapped 3.75 s past a
 * 1 s timeout, 2,000 in 0.39 s, some 75 ns a pair of edges, fifteen times a
 * pair of characters. So n² pairs, each counted as POLYGON_PAIR_WORK pairs
 * of characters: within the default bound, 2,500 points. */
enum { POLYGON_PAIR_WORK = 16 };

long double sg__call_polygon_work(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    long double n;
    int known = sg__cost_arg_value(ctx, &fn->args[0], true, &n);
    if (known <= 0)
        return known < 0 ? -2 : -1;
    return sg__cost_unbounded(n) ? n : n * n * POLYGON_PAIR_WORK;
}

bool sg__cost_polygon_of_points(const sg__funcref *fn)
{
    return fn->arg_count == 2 && sg__cost_builtin(fn, "polygon");
}

long double sg__call_size(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    bool is_repeat = sg__cost_builtin(fn, "repeat");
    if (fn->arg_count == 3 && (sg__cost_builtin(fn, "bpchar") || sg__cost_builtin(fn, "bit")))
        return pad_size(fn);
    if (fn->arg_count == 2 && sg__cost_builtin(fn, "bit"))
        return counted_size(ctx, &fn->args[1]);
    if (sg__cost_polygon_of_points(fn))
        return counted_size(ctx, &fn->args[0]);
    if (sg__cost_builtin(fn, "generate_series"))
        return sg__series_rows(fn);
    if (sg__cost_builtin(fn, "array_fill"))
        return array_elements(ctx, fn);
    if (is_repeat || sg__cost_builtin(fn, "lpad") || sg__cost_builtin(fn, "rpad"))
        return string_size(ctx, fn, is_repeat);
    if (sg__cost_builtin(fn, "format"))
        return format_size(ctx, fn);
    if (sg__cost_builtin(fn, "replace") || sg__cost_builtin(fn, "regexp_replace"))
        return replaced_size(ctx, fn,
                             fn->name[0] == 'r' && fn->name[1] == 'e' && fn->name[2] == 'g');
    return sg__call_json_size(ctx, fn);
}
