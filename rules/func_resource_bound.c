/*
 * func_resource_bound.c - calls whose arguments make them huge, before they run.
 *
 * Three judgements, each past a bound the policy sets (options max and
 * max_work): generate_series, repeat, lpad, rpad and array_fill with constant
 * arguments that make too many rows, characters or elements (series.c reads
 * the constants); text functions whose work grows with the product of their
 * arguments' lengths (translate, replace, strpos, the trims, normalize),
 * from the lengths of constants, parameters, and the values a statement
 * makes or writes (RETURNING, EXCLUDED); and time zone names made row by
 * row, which PostgreSQL keeps for the session's life. It is a resource guard,
 * not part of the scope proof: a policy may raise the bounds or turn the rule
 * off.
 */
#include <math.h>
#include <strings.h>
#include <stdint.h>
#include <stdlib.h>

#include "funclist.h"
#include "series.h"
#include "resolve/params.h"
#include "rules.h"

enum { MAX, MAX_WORK };

/* Whether a size or a work is the "cannot be bounded" HUGE_VALL: past any
 * count from the statement's own text, by a comparison (an emulated x87
 * unit, valgrind's, holds HUGE_VALL as the largest finite long double, which
 * isfinite() takes for a number). */
static bool unbounded(long double v)
{
    return v > 1e300L;
}

enum { DEFAULT_MAX = 10000000, DEFAULT_MAX_WORK = 100000000 };

static const sg__option options[] = {
    [MAX] = {"max", SG_OPT_INTEGER, NULL,
             "largest number of rows a generate_series, of characters a repeat, lpad, rpad or "
             "format's widths, or of elements an array_fill, may make from constant (and, but "
             "for generate_series and array_fill, parameter) arguments (default 10000000)"},
    [MAX_WORK] = {"max_work", SG_OPT_INTEGER, NULL,
                  "largest number of character pairs the statement's normalize, is_normalized, "
                  "translate, btrim, ltrim, rtrim, strpos, position, replace, split_part, "
                  "string_to_array, string_to_table and LIKE may compare together, from the "
                  "lengths of constant and parameter arguments (default 100000000)"},
    {NULL, 0, NULL, NULL},
};

/* ----------------------------------------------------------------- judging */

/* Characters of a UTF-8 string. */
static size_t char_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Parameter $p's bound value: 1 with *t its text (NULL for a NULL value),
 * 0 when it has none here (lint, or a value missing: params.missing's), -1
 * when memory ran out. */
static int bound_text(const sg__rule_ctx *ctx, int p, const char **t)
{
    *t = NULL;
    if (p <= 0 || !ctx->bind || !sg__param_slot_bound(ctx->bind, (size_t)p - 1))
        return 0;
    bool is_null;
    *t = sg__param_slot_text(ctx->diags->arena, ctx->bind, (size_t)p - 1, &is_null);
    return *t || is_null ? 1 : -1;
}

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
static int arg_value(const sg__rule_ctx *ctx, const sg__funcarg *a, bool strict, long double *out)
{
    if (sg__series_arg_number(a, out))
        return 1;
    /* a constant under another cast (`'500000000'::text`, `5e8::float8`):
     * PostgreSQL reads a width or a length of another type as its text */
    if (a->kind == SG_ARG_STRING || a->kind == SG_ARG_NUMBER)
        return number_text(ctx, a->text, out);
    if (a->kind == SG_ARG_OTHER && a->param > 0) {
        const char *t;
        int bound = bound_text(ctx, a->param, &t);
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
    int known = arg_value(ctx, &fn->args[1], !is_repeat, &n);
    if (known < 0)
        return -2;
    /* repeat of stored data's number of times: a text the caller sizes (a
     * parameter, an expression) may make it as long as it likes */
    if (known == 0)
        return is_repeat && fn->args[0].kind == SG_ARG_OTHER &&
                       !(fn->args[1].kind == SG_ARG_OTHER && fn->args[1].param > 0)
                   ? HUGE_VALL
                   : -1;
    if (n <= 0)
        return 0;
    const sg__funcarg *text = &fn->args[0];
    bool text_known =
        text->kind == SG_ARG_STRING && (!text->cast || strcmp(text->cast, "text") == 0);
    const char *t;
    int bound = is_repeat && text->kind == SG_ARG_OTHER ? bound_text(ctx, text->param, &t) : 0;
    if (bound < 0)
        return -2;
    if (bound) /* a parameter's text, as long as its bound value */
        return t ? n * (long double)char_length(t) : 0;
    if (is_repeat && text->kind == SG_ARG_OTHER && text->param == 0)
        return HUGE_VALL; /* an expression's text, which may be long */
    if (is_repeat)
        return text_known ? n * (long double)char_length(text->text) : n;
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
        int known = arg_value(ctx, a, true, &v);
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
        int bound = bound_text(ctx, f->param, &fmt);
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
        while (*q >= '0' && *q <= '9')
            q++;
        if (q > p && *q == '$')
            p = q + 1;
        while (*p == '-')
            p++;
        long double width;
        int known = format_width(ctx, fn, &p, &next, positions, &width);
        if (known <= 0)
            return known < 0 ? -2 : -1;
        total += width;
        next++; /* the value the conversion takes */
    }
    return total;
}

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
    return out ? sg__arena_printf(arena, "%s)", out) : NULL;
}

/* A size as a whole number, or in exponent form past what long long holds. */
static const char *size_text(const sg__rule_ctx *ctx, long double size)
{
    if (size < 1e18L)
        return sg__arena_printf(ctx->diags->arena, "%lld", (long long)size);
    if (unbounded(size))
        return "more than 1e4932";
    return sg__arena_printf(ctx->diags->arena, "%.3Le", size);
}

static bool builtin(const sg__funcref *fn, const char *name)
{
    /* the first letters first: every call of the statement is asked this
     * of some twenty names */
    return fn->kind == SG_FUNC_CALL && fn->name[0] == name[0] && strcmp(fn->name, name) == 0 &&
           !fn->catalog && (!fn->schema || strcmp(fn->schema, "pg_catalog") == 0);
}

/* Elements an array_fill(value, ARRAY[d1, ...] [, lower bounds]) call
 * makes: the product of its constant dimensions, -1 when not known. */
static long double array_elements(const sg__funcref *fn)
{
    if (fn->arg_count < 2 || fn->arg_count > 3 || fn->args[1].kind != SG_ARG_ARRAY)
        return -1;
    long double n = 1;
    for (const char *p = fn->args[1].text; *p;) {
        char *end;
        long long d = strtoll(p, &end, 10);
        if (end == p)
            return -1;
        n *= d > 0 ? (long double)d : 0;
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}

/* ------------------------------------------------------- quadratic work */

/* The characters of a UTF-8 string in its longest run of characters outside
 * ASCII: normalize() reorders only combining marks, which are never ASCII. */
static size_t longest_non_ascii_run(const char *s)
{
    size_t best = 0, run = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x80)
            run = 0;
        else if ((c & 0xC0) != 0x80 && ++run > best)
            best = run;
    }
    return best;
}

/* The characters outside ASCII of parameter p's bound value; -2 when
 * memory ran out. */
static long double known_non_ascii(const sg__rule_ctx *ctx, const sg__funcarg *p)
{
    const char *t;
    if (bound_text(ctx, p->param, &t) < 0)
        return -2;
    if (!t)
        return 0;
    size_t n = 0;
    for (; *t; t++)
        n += ((unsigned char)*t & 0xC0) == 0xC0;
    return (long double)n;
}

/* Whether parameter $p's bound value holds a number written with an
 * exponent (a digit, e or E, a sign or not, a digit; '1e100000', '9.e5'):
 * 1, 0 (or unbound), or -1 when memory ran out. */
static int param_has_exponent(const sg__rule_ctx *ctx, int p)
{
    const char *t;
    if (bound_text(ctx, p, &t) < 0)
        return -1;
    if (!t)
        return 0;
    /* a JSON string's characters are no number (`"5a0f7c1e-8d3b"`): skipped */
    bool quoted = false;
    for (const char *e = t; *e; e++) {
        if (quoted) {
            if (*e == '\\' && e[1])
                e++;
            else if (*e == '"')
                quoted = false;
            continue;
        }
        if (*e == '"') {
            quoted = true;
            continue;
        }
        if (*e != 'e' && *e != 'E')
            continue;
        const char *q = e + 1, *d = e > t && e[-1] == '.' ? e - 1 : e;
        if (*q == '+' || *q == '-')
            q++;
        if (d > t && d[-1] >= '0' && d[-1] <= '9' && *q >= '0' && *q <= '9')
            return 1;
    }
    return 0;
}

/* Characters of an argument whose text is known here: a string constant or
 * a parameter's bound value (uncast, or cast to text or varchar); -1 for any
 * other (a column, an expression), -2 when memory ran out. With `marks`, the
 * longest run of characters outside ASCII instead. */
static long double known_length(const sg__rule_ctx *ctx, const sg__funcarg *a, bool marks)
{
    bool text = !a->cast || strcmp(a->cast, "text") == 0 || strcmp(a->cast, "varchar") == 0;
    const char *t = NULL;
    if (a->kind == SG_ARG_OTHER && a->param == 0) {
        /* an expression: the constants and bound values it is made of */
        if (a->text_grows)
            return HUGE_VALL;
        if (!a->text_bounded)
            return -1;
        long double sum = (long double)a->text_chars;
        for (size_t i = 0; i < a->text_param_count; i++) {
            sg__funcarg p = {.kind = SG_ARG_OTHER, .param = a->text_params[i]};
            /* a value read as a number, written with an exponent, prints
             * all its digits */
            if (a->text_param_numeric && a->text_param_numeric[i]) {
                int e = param_has_exponent(ctx, a->text_params[i]);
                if (e < 0)
                    return -2;
                if (e)
                    return HUGE_VALL;
            }
            /* for normalize, a value's characters outside ASCII: joined
             * values may make one run of them */
            long double n = known_length(ctx, &p, false);
            if (marks && n > 0)
                n = known_non_ascii(ctx, &p);
            if (n == -2)
                return -2;
            sum += n > 0 ? n : 0;
        }
        return sum;
    }
    if (a->kind == SG_ARG_STRING && text) {
        t = a->text;
    } else {
        int bound = text ? bound_text(ctx, a->param, &t) : 0;
        if (bound <= 0)
            return bound < 0 ? -2 : -1;
        if (!t)
            return 0;
    }
    return (long double)(marks ? longest_non_ascii_run(t) : char_length(t));
}

/* Whether call `fn`'s result carries its arguments' text, so that a long
 * argument may make it long: any call but those whose result is a number,
 * a truth value or a digest of fixed size. */
static bool passes_text(const sg__funcref *fn)
{
    static const char *const fixed[] = {
        "ascii",  "bit_length",   "char_length", "character_length", "count",    "length",
        "md5",    "num_nonnulls", "num_nulls",   "octet_length",     "position", "sha224",
        "sha256", "sha384",       "sha512",      "starts_with",      "strpos",   "to_hex"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (builtin(fn, fixed[i]))
            return false;
    return true;
}

/* Whether a reference made inside the arguments of call `inner` reaches
 * call `target` (facts->funcs indexes) through calls that carry text. */
static bool reaches(const sg__facts *f, int inner, long target)
{
    for (unsigned hops = 0; inner >= 0 && (size_t)inner < f->funcs.count && hops < 100000; hops++) {
        if (inner == target)
            return true;
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, inner);
        if (!passes_text(fn))
            return false;
        inner = fn->parent;
    }
    return false;
}

/* What column `name` (NULL: the whole row) of source `s` is: stored data
 * or short (0), text the statement may have made long (-1), or a
 * parameter's value, or an element of one, $n (n > 0). Long: a column of a
 * sub-select, WITH query, VALUES list or function whose expression may make
 * it so, or of an aliased join with such an operand (a relation's is stored
 * data). */
static int source_growth(const sg__source *s, const char *name)
{
    if (s->row == SG_ROW_RELATION)
        return 0;
    if (s->grows_all)
        return s->grows_all_param ? s->grows_all_param : -1;
    int found = 0;
    for (size_t k = 0; k < s->grown_count; k++) {
        if (name && strcmp(s->grown[k], name) != 0)
            continue;
        int p = s->grown_params ? s->grown_params[k] : 0;
        if (!p || (found && found != p))
            return -1;
        found = p;
    }
    return found;
}

/* Adds to *extra the length of parameter $p's value (an array's text, for
 * an element of it); false when memory ran out. */
static bool add_param_length(const sg__rule_ctx *ctx, int p, long double *extra)
{
    const char *t;
    if (bound_text(ctx, p, &t) < 0)
        return false;
    if (t) /* none in lint, or when missing: params.missing's */
        *extra += (long double)char_length(t);
    return true;
}

/* What reference `r` (a name, `*` or `t.*`) reads, as source_growth()
 * tells it of the source it resolves to (`found` and *res:
 * sg__resolve_name()'s answer for a name): 0, -1 or a parameter's $n. */
static int column_growth(const sg__rule_ctx *ctx, const sg__column_ref *r, int found,
                         const sg__resolved *res)
{
    const sg__facts *f = ctx->facts;
    int g = 0;
    if (!r->name) { /* `*`, `t.*` */
        for (size_t k = r->first; k < r->end && k < f->sources.count && !g; k++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, k);
            if (r->source >= 0 ? (long)k == r->source : s->level == r->level)
                g = source_growth(s, NULL) ? -1 : 0;
        }
        return g;
    }
    switch (found) {
    case SG_RES_FOUND:
    case SG_RES_WHOLE_ROW:
        g = source_growth(&SG__VEC_AT(f->sources, sg__source, (size_t)res->source),
                          found == SG_RES_FOUND ? r->name : NULL);
        if (found == SG_RES_WHOLE_ROW && g)
            g = -1;
        break;
    case SG_RES_UNDECIDED:
    case SG_RES_AMBIGUOUS:
        /* any item of its level in sight that may have it, or be it */
        for (size_t k = r->first; k < r->end && k < f->sources.count && !g; k++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, k);
            bool row = s->name && strcmp(s->name, r->name) == 0;
            if (s->level == r->level)
                g = source_growth(s, row ? NULL : r->name);
        }
        break;
    default:
        break;
    }
    return g;
}

/* Adds growth `g` of a reference to *extra (a parameter's length): -1 for
 * a long one, -2 when memory ran out, else 0. */
static int add_growth(const sg__rule_ctx *ctx, int g, long double *extra)
{
    if (g < 0)
        return -1;
    if (g > 0 && !add_param_length(ctx, g, extra))
        return -2;
    return 0;
}

/* The growth of the reference at `location` (a name or a field of a
 * row), as column_growth() tells it. */
static int growth_at(const sg__rule_ctx *ctx, int location)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (r->location != location)
            continue;
        sg__resolved res;
        return column_growth(ctx, r, r->name ? sg__resolve_name(ctx, r, &res) : SG_RES_WHOLE_ROW,
                             &res);
    }
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (r->location == location)
            return r->source >= 0 && (size_t)r->source < f->sources.count
                       ? source_growth(&SG__VEC_AT(f->sources, sg__source, (size_t)r->source),
                                       r->name)
                       : 0;
    }
    return 0;
}

/* Whether written value `v` goes to column `name` of relation `relation`
 * (-1: any relation; name NULL: any column). */
static bool writes_column(const sg__rule_ctx *ctx, const sg__written_value *v, long relation,
                          const char *name)
{
    if (relation >= 0 && v->relation != relation)
        return false;
    if (!name || v->position == SIZE_MAX)
        return true;
    if (v->name)
        return strcmp(v->name, name) == 0;
    const sg__meta_table *t = sg__relation_scoped(ctx, v->relation);
    return !t || sg__table_column(t, NULL, 0, name) == (long)v->position;
}

/* What a RETURNING item reads of column `name` (NULL: every column) of
 * relation `relation` (-1: any), the row the statement wrote, or (`proposed`)
 * what EXCLUDED reads of it, the row the INSERT proposes (its VALUES rows
 * only): -1 when the statement may write it a long value or one the text
 * does not show (a SELECT's output, a row from a sub-select, a value not
 * read whole), else 0 with the known lengths of the values written added to
 * *extra; -2 when memory ran out. The values one row gets add up (`SET a[1]
 * = x, a[2] = y`, a whole row's columns); of the rows (VALUES rows, the row
 * ON CONFLICT DO UPDATE sets) one is read. A column written nothing keeps
 * its stored data, or takes its default, which is not judged. */
enum { WRITTEN_ROWS = 18 }; /* the two SET rows and VALUES rows 1 to 16 */

/* The most characters column `name` of relation `relation` holds by its
 * catalog type: n of character varying(n) and character(n) (not of an
 * array of them); -1 when its type bounds none or is not known. */
static long column_width(const sg__rule_ctx *ctx, long relation, const char *name)
{
    const sg__meta_table *t = sg__relation_scoped(ctx, relation);
    long c = t ? sg__table_column(t, NULL, 0, name) : SG_NO_COLUMN;
    if (c < 0 || (size_t)c >= t->column_count || !t->column_type_read || !t->column_type_read[c])
        return -1;
    const sg__pgtype *type = &t->column_pgtypes[c];
    if (type->array_dims || type->mod1 < 0 ||
        (strcmp(type->name, "character varying") != 0 && strcmp(type->name, "character") != 0))
        return -1;
    return type->mod1;
}

static bool excluded_source(const sg__facts *f, long s);

/* Whether the reference at `location` reads EXCLUDED (`EXCLUDED.c`, or
 * `EXCLUDED.*` with *name NULL): the INSERT's target in *relation. */
static bool excluded_at(const sg__rule_ctx *ctx, int location, long *relation, const char **name)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (r->location != location)
            continue;
        if (!excluded_source(f, r->source))
            return false;
        *relation = SG__VEC_AT(f->sources, sg__source, (size_t)r->source).relation;
        *name = r->name;
        return true;
    }
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (r->location != location)
            continue;
        if (r->name || !excluded_source(f, r->source))
            return false;
        *relation = SG__VEC_AT(f->sources, sg__source, (size_t)r->source).relation;
        *name = NULL;
        return true;
    }
    return false;
}
static int written_text(const sg__rule_ctx *ctx, long relation, const char *name, bool proposed,
                        long double *extra)
{
    const sg__facts *f = ctx->facts;
    /* a column of at most n characters holds no more whatever is written
     * (PostgreSQL refuses a longer value, 22001) */
    long width = name && relation >= 0 ? column_width(ctx, relation, name) : -1;
    if (width >= 0) {
        *extra += (long double)width;
        return 0;
    }
    long double rows[WRITTEN_ROWS] = {0};
    for (size_t i = 0; i < f->written_values.count; i++) {
        const sg__written_value *v = &SG__VEC_AT(f->written_values, sg__written_value, i);
        if (!writes_column(ctx, v, relation, name) || (proposed && v->row <= SG_WRITTEN_SET))
            continue;
        const sg__funcarg *a = v->value;
        if (!a || !a->values_whole || v->row < SG_WRITTEN_CONFLICT_SET ||
            v->row - SG_WRITTEN_CONFLICT_SET >= WRITTEN_ROWS)
            return -1;
        long double n = known_length(ctx, a, false);
        if (n == -2)
            return -2;
        if (unbounded(n))
            return -1;
        if (n < 0)
            n = 0; /* not known: as stored data, which counts as nothing */
        for (size_t k = 0; k < a->value_column_count; k++) {
            /* EXCLUDED.c in ON CONFLICT DO UPDATE's SET: the value the
             * INSERT proposes for c (a VALUES row's, which reads no
             * EXCLUDED) */
            long excluded_relation;
            const char *excluded_name;
            int status = !proposed && excluded_at(ctx, a->value_columns[k], &excluded_relation,
                                                  &excluded_name)
                             ? written_text(ctx, excluded_relation, excluded_name, true, &n)
                             : add_growth(ctx, growth_at(ctx, a->value_columns[k]), &n);
            if (status != 0)
                return status;
        }
        rows[v->row - SG_WRITTEN_CONFLICT_SET] += n;
    }
    long double most = 0;
    for (size_t r = 0; r < WRITTEN_ROWS; r++)
        if (rows[r] > most)
            most = rows[r];
    *extra += most;
    return 0;
}

/* Whether source `s` (an index into facts->sources) is an INSERT's
 * EXCLUDED. */
static bool excluded_source(const sg__facts *f, long s)
{
    return s >= 0 && (size_t)s < f->sources.count &&
           SG__VEC_AT(f->sources, sg__source, (size_t)s).excluded;
}

/* Which argument of call `fn` (facts->funcs index `target`) holds the
 * reference at `location`, whose innermost call is `call`: its index, or -1
 * when the walk does not tell (it stands inside an expression there). */
static int ref_argument(const sg__facts *f, const sg__funcref *fn, long target, int call,
                        int location)
{
    if (call == target) {
        for (size_t i = 0; i < fn->arg_count; i++)
            if (fn->args[i].location == location)
                return (int)i;
        return -1;
    }
    for (unsigned hops = 0; call >= 0 && (size_t)call < f->funcs.count && hops < 100000; hops++) {
        const sg__funcref *c = &SG__VEC_AT(f->funcs, sg__funcref, (size_t)call);
        if (c->parent == target)
            return c->parent_arg;
        call = c->parent;
    }
    return -1;
}

/* Adds `amount` to the extra length of the argument `arg` holds it in: of
 * extra[0] (the first argument) or extra[1] (argument `other`), both when
 * the argument is not known (-1). */
static void add_extra(long double extra[2], int arg, size_t other, long double amount)
{
    if (arg < 0 || arg == 0)
        extra[0] += amount;
    if (arg < 0 || (size_t)arg == other)
        extra[1] += amount;
}

/* Whether an argument of call `fn` holds a column (or row) of a sub-select,
 * WITH query, VALUES list or function in FROM whose text the statement may
 * have made long (`FROM (SELECT repeat('a', 40000) AS s) x` ... `x.s`), or a
 * column of the row an INSERT or UPDATE wrote that its RETURNING reads and
 * the statement may have written long, which no bound of the call's own
 * arguments shows: 1, or 0 with *extra the lengths of the parameters such
 * columns are (`WITH p AS (SELECT %(q)s AS q)` ... `p.q`, `unnest(%(terms)s)
 * t`) and of the short values written, added to the first argument's
 * (extra[0]) or argument `other`'s (extra[1]) as the reference stands in it,
 * to both when the walk does not tell; -1 when memory ran out. */
static int derived_argument_grows(const sg__rule_ctx *ctx, const sg__funcref *fn, size_t other,
                                  long double extra[2])
{
    const sg__facts *f = ctx->facts;
    long target = fn - &SG__VEC_AT(f->funcs, sg__funcref, 0);
    extra[0] = extra[1] = 0;
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (!reaches(f, r->call, target))
            continue;
        int status;
        long double add = 0;
        if (excluded_source(f, r->source))
            status = written_text(ctx, r->relation, r->name, true, &add);
        else if (r->returning && r->row == SG_ROW_RELATION)
            status = written_text(ctx, r->relation, r->name, false, &add);
        else if (r->source >= 0 && (size_t)r->source < f->sources.count)
            status = add_growth(
                ctx, source_growth(&SG__VEC_AT(f->sources, sg__source, (size_t)r->source), r->name),
                &add);
        else
            continue;
        if (status != 0)
            return status == -2 ? -1 : 1;
        add_extra(extra, ref_argument(f, fn, target, r->call, r->location), other, add);
    }
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (!reaches(f, r->call, target))
            continue;
        long double add = 0;
        sg__resolved res;
        int found = r->name ? sg__resolve_name(ctx, r, &res) : SG_RES_WHOLE_ROW;
        int status = add_growth(ctx, column_growth(ctx, r, found, &res), &add);
        if (status == 0 && (r->flags & SG_COLREF_RETURNING)) {
            /* a column of the row written; a whole row (`*`, `t.*`, `t`)
             * holds every value written */
            const sg__source *s = found == SG_RES_FOUND && res.source >= 0
                                      ? &SG__VEC_AT(f->sources, sg__source, (size_t)res.source)
                                      : NULL;
            if (s && s->row == SG_ROW_RELATION)
                status = written_text(ctx, s->relation, r->name, false, &add);
            else if (found == SG_RES_WHOLE_ROW)
                status = written_text(ctx, -1, NULL, false, &add);
        }
        /* EXCLUDED.*, `excluded` as a whole row (`EXCLUDED::text`): the row
         * the INSERT proposes */
        long whole = !r->name ? r->source : found == SG_RES_WHOLE_ROW ? res.source : -1;
        if (status == 0 && excluded_source(f, whole))
            status = written_text(ctx, SG__VEC_AT(f->sources, sg__source, (size_t)whole).relation,
                                  NULL, true, &add);
        if (status != 0)
            return status == -2 ? -1 : 1;
        add_extra(extra, ref_argument(f, fn, target, r->call, r->location), other, add);
    }
    return 0;
}

/* Whether `fn` is an is_normalized() for a composed form (NFC, the
 * default, or NFKC): PostgreSQL's quick check answers it unless the marks
 * are already in order, which its sort then passes in one step. The
 * decomposed forms have no quick check: they sort. */
static bool composed_form_check(const sg__funcref *fn)
{
    if (fn->name[0] != 'i' || strcmp(fn->name, "is_normalized") != 0)
        return false;
    if (fn->arg_count == 1)
        return true;
    const sg__funcarg *form = &fn->args[1];
    return form->kind == SG_ARG_STRING &&
           (strcasecmp(form->text, "NFC") == 0 || strcasecmp(form->text, "NFKC") == 0);
}

/*
 * Character pairs a call compares at worst, from what is known of its
 * arguments (an unknown one counts as one character): normalize(s) sorts
 * runs of combining marks by insertion, the longest run's length squared
 * (a run of characters outside ASCII bounds it), and so does is_normalized
 * for the forms NFD and NFKD (`s IS NFD NORMALIZED`); translate(s, from, to) looks each character
 * of s up in from, btrim/ltrim/rtrim(s, set) each end character in set; strpos(s, sub),
 * position(sub IN s), replace(s, from, to), split_part(s, sep, n), string_to_array(s, sep) and
 * string_to_table(s, sep) search s for the other, and s LIKE p (ILIKE, the ~~ operators, like(s,
 * p), notlike) matches p against s, |s| * |other|. PostgreSQL checks for a cancel in none of these
 * loops: the statement timeout does not stop them. -1 when the call is none of these or too little
 * is known, -2 when memory ran out.
 */
static long double quadratic_work(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    static const struct {
        const char *name;
        size_t min_args, max_args, other; /* `other`: the argument multiplied with the first */
    } calls[] = {
        {"normalize", 1, 2, 0},  {"is_normalized", 1, 2, 0},   {"translate", 3, 3, 1},
        {"btrim", 2, 2, 1},      {"ltrim", 2, 2, 1},           {"rtrim", 2, 2, 1},
        {"strpos", 2, 2, 1},     {"position", 2, 2, 1},        {"replace", 3, 3, 1},
        {"split_part", 3, 3, 1}, {"string_to_array", 2, 3, 1}, {"string_to_table", 2, 3, 1},
        {"like", 2, 2, 1},       {"notlike", 2, 2, 1},
    };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        if (!builtin(fn, calls[i].name) || fn->arg_count < calls[i].min_args ||
            fn->arg_count > calls[i].max_args)
            continue;
        if (composed_form_check(fn))
            return -1;
        long double extra[2];
        int derived = derived_argument_grows(ctx, fn, calls[i].other, extra);
        if (derived < 0)
            return -2;
        if (derived)
            return HUGE_VALL;
        /* normalize(s) sorts each run of combining marks: its longest */
        bool marks = calls[i].other == 0;
        long double a = known_length(ctx, &fn->args[0], marks);
        long double b = known_length(ctx, &fn->args[calls[i].other], marks);
        if (a == -2 || b == -2)
            return -2;
        if (a < 0 && b < 0 && extra[0] == 0 && extra[1] == 0)
            return -1;
        return ((a < 1 ? 1 : a) + extra[0]) * ((b < 1 ? 1 : b) + extra[1]);
    }
    return -1;
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

static int judge_work(const sg__rule_ctx *ctx, const sg__funcref *fn, long long max_work,
                      work_sum *sum)
{
    long double work = quadratic_work(ctx, fn);
    if (work == -2)
        return -1;
    if (work < 0 || (unbounded(work) && repository_sql(ctx)))
        return 0;
    const char *call = NULL;
    if (work <= (long double)max_work) {
        sum->total += work;
        sum->calls++;
        if (sum->reported || sum->total <= (long double)max_work)
            return 0;
        sum->reported = true;
        const char *amount = size_text(ctx, sum->total);
        if (!(call = call_text(ctx, fn)) || !amount)
            return -1;
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                          "%s and %zu such call%s before it compare up to %s pairs of "
                          "characters together, in loops PostgreSQL cannot interrupt (the "
                          "statement timeout stops none of them), over the bound of %lld "
                          "(policy option max_work of %s)",
                          call, sum->calls - 1, sum->calls == 2 ? "" : "s", amount, max_work,
                          ctx->rule->id);
    }
    call = call_text(ctx, fn);
    const char *amount = !unbounded(work)
                             ? size_text(ctx, work)
                             : "an unknown number of (an argument is made by a call, such as "
                               "repeat or format, that can make it long, or is a column of a "
                               "sub-select, WITH query or function that such a call made)";
    if (!call || !amount)
        return -1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                      "%s compares up to %s pairs of characters in a loop PostgreSQL cannot "
                      "interrupt (the statement timeout does not stop it), over the bound of "
                      "%lld (policy option max_work of %s)",
                      call, amount, max_work, ctx->rule->id);
}

static int judge(const sg__rule_ctx *ctx, const sg__funcref *fn, long long max)
{
    bool series = builtin(fn, "generate_series");
    bool is_repeat = builtin(fn, "repeat");
    bool fill = builtin(fn, "array_fill");
    long double size = -1;
    if (series)
        size = sg__series_rows(fn);
    else if (fill)
        size = array_elements(fn);
    else if (is_repeat || builtin(fn, "lpad") || builtin(fn, "rpad"))
        size = string_size(ctx, fn, is_repeat);
    else if (builtin(fn, "format"))
        size = format_size(ctx, fn);
    if (size == -2)
        return -1;
    if (size <= (long double)max || (unbounded(size) && repository_sql(ctx)))
        return 0;
    const char *call = call_text(ctx, fn);
    if (!call)
        return -1;
    if (unbounded(size))
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
                      series || fill ? "" : "a string of ", amount,
                      series ? " rows"
                      : fill ? " array elements"
                             : " characters",
                      max, ctx->rule->id);
}

/* Whether column `name` of derived source `s` holds stored names: a
 * table's column passed on as it is, or a parameter's own value (one value
 * for the statement, not the elements of its array). */
static bool stored_column(const sg__source *s, const char *name)
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
    return false;
}

static bool zone_stored(const sg__rule_ctx *ctx, const sg__funcarg *a);

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
static bool written_stored(const sg__rule_ctx *ctx, long relation, const char *name)
{
    const sg__facts *f = ctx->facts;
    const sg__insert *in = insert_into(f, relation);
    if (in)
        return in->one_row;
    size_t values = 0;
    for (size_t i = 0; i < f->written_values.count; i++) {
        const sg__written_value *v = &SG__VEC_AT(f->written_values, sg__written_value, i);
        if (!writes_column(ctx, v, relation, name))
            continue;
        if (!v->value || !zone_stored(ctx, v->value))
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
static bool stored_reference(const sg__rule_ctx *ctx, int location)
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
                !written_stored(ctx, src->relation, r->name))
                return false;
            return res.table || (src && stored_column(src, r->name));
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
            if (has >= 0 && !stored_column(src, r->name))
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
        if (excluded_source(f, r->source))
            return proposed_stored(ctx, r->relation);
        if (r->row == SG_ROW_RELATION && r->returning && !written_stored(ctx, r->relation, r->name))
            return false;
        if (r->row == SG_ROW_RELATION && sg__field_table(ctx, r))
            return true;
        return r->source >= 0 && (size_t)r->source < f->sources.count &&
               stored_column(&SG__VEC_AT(f->sources, sg__source, (size_t)r->source), r->name);
    }
    return false;
}

/* Whether value `a` (a time zone argument, or a value written) has no more
 * distinct values than the stored data: read whole, its columns stored
 * names, its calls none that differ row by row or return sets. */
static bool zone_stored(const sg__rule_ctx *ctx, const sg__funcarg *a)
{
    static const char *const volatile_calls[] = {"random",    "random_normal",   "clock_timestamp",
                                                 "timeofday", "gen_random_uuid", "setseed"};
    bool unknown = !ctx->scope || ctx->scope->mode == SG_SCOPE_NONE; /* lint without a catalog */
    bool stored = a->values_only;
    for (size_t i = 0; stored && !unknown && i < a->value_column_count; i++)
        stored = stored_reference(ctx, a->value_columns[i]);
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
    if (zone_stored(ctx, a))
        return 0;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, a->location,
                      "%s reads a time zone name that the statement may make row by row (over "
                      "a set-returning, window, aggregate or volatile call, a VALUES list, a "
                      "column of a function or of an expression of a sub-select, the elements "
                      "of a parameter's array, two columns combined): PostgreSQL keeps every zone "
                      "it resolves, about 24 KB each, for "
                      "the rest of the session (a statement's end, ROLLBACK and DISCARD ALL free "
                      "none), so such names fill the server's memory; give the zone as a "
                      "constant, a parameter or a table's column, or an expression of them",
                      builtin(fn, "timezone") ? "AT TIME ZONE (timezone())" : fn->name);
}

static int check(const sg__rule_ctx *ctx)
{
    long long max, max_work;
    if (!sg__policy_integer(ctx->policy, ctx->rule, MAX, &max))
        max = DEFAULT_MAX;
    if (!sg__policy_integer(ctx->policy, ctx->rule, MAX_WORK, &max_work))
        max_work = DEFAULT_MAX_WORK;
    const sg__facts *f = ctx->facts;
    work_sum sum = {0, 0, false};
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (judge(ctx, fn, max) < 0 || judge_work(ctx, fn, max_work, &sum) < 0 ||
            (fn->kind == SG_FUNC_CALL && fn->args && judge_zone(ctx, fn) < 0))
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_func_resource_bound = {
    .id = "func.resource-bound",
    .summary = "constant or parameter arguments that make generate_series, repeat, lpad, rpad, "
               "format's widths or array_fill exceed a size bound, string arguments that make "
               "quadratic text work (a call, a LIKE, or all of them together) exceed a work "
               "bound, or time zone names made row by row",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_FUNCS,
    .options = options,
    .check = check,
};
