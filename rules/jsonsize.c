/*
 * jsonsize.c - what the jsonb functions whose output grows faster than
 * their input make, for func.resource-bound: jsonb_pretty indents each line
 * by its depth (a 24 KB array nested 12,000 deep printed 576 MB and held
 * 1.7 GB), and a jsonpath's `**` matches every value, each a copy of its
 * subtree (`$.**` of a 7 KB value nested 3,500 deep held 1.4 GB, `$.**.**`
 * of 1 KB nested 350 deep 1.7 GB), neither with a cancel. The document is
 * read from a constant, a bound parameter, or the parameters an expression
 * or a derived column makes it of; a table's column is stored data.
 */
#include "callcost.h"

#include <math.h>
#include <string.h>

/* The text a call's argument `a` has: a string constant's, or a bound
 * parameter's (cast or not); 1 with *text (NULL for SQL NULL), 0 when not
 * known, -1 when memory ran out. */
static int argument_text(const sg__rule_ctx *ctx, const sg__funcarg *a, const char **text)
{
    if (a->kind == SG_ARG_STRING) {
        *text = a->text;
        return 1;
    }
    if (a->param <= 0)
        return 0;
    return sg__param_bound_text(ctx, a->param, text);
}

/* The shape of JSON text `t`: its deepest nesting, its lines as
 * jsonb_pretty prints them (each value, member and closing bracket on a
 * line of its own: about as many as it has values) and the characters of
 * their indentation (four spaces a level). Text that is no JSON makes
 * PostgreSQL fail: whatever the scan says of it is harmless. */
static void json_shape(const char *t, size_t *depth, long double *lines_out, long double *pretty)
{
    size_t d = 0, most = 0;
    long double lines = 0, indent = 0;
    bool in_string = false;
    for (; *t; t++) {
        char c = *t;
        if (in_string) {
            if (c == '\\' && t[1])
                t++;
            else if (c == '"')
                in_string = false;
            continue;
        }
        switch (c) {
        case '"':
            in_string = true;
            break;
        case '[':
        case '{':
            d++;
            most = d > most ? d : most;
            lines++;
            indent += 4.0L * (long double)d;
            break;
        case ',':
            lines++;
            indent += 4.0L * (long double)d;
            break;
        case ']':
        case '}':
            d -= d > 0;
            lines++;
            indent += 4.0L * (long double)d;
            break;
        default:
            break;
        }
    }
    *depth = most;
    *lines_out = lines;
    *pretty = indent + lines;
}

/* How many `**` a jsonpath's text holds (outside its strings). */
static unsigned path_stars(const char *t)
{
    unsigned stars = 0;
    bool in_string = false;
    for (; *t; t++) {
        if (in_string) {
            if (*t == '\\' && t[1])
                t++;
            else if (*t == '"')
                in_string = false;
        } else if (*t == '"') {
            in_string = true;
        } else if (t[0] == '*' && t[1] == '*') {
            stars++;
            t++;
        }
    }
    return stars;
}

/* The jsonpath functions, which take (target, path, ...). */
static bool path_call(const sg__funcref *fn)
{
    static const char *const names[] = {"jsonb_path_query",          "jsonb_path_query_array",
                                        "jsonb_path_query_first",    "jsonb_path_exists",
                                        "jsonb_path_match",          "jsonb_path_query_tz",
                                        "jsonb_path_query_array_tz", "jsonb_path_query_first_tz",
                                        "jsonb_path_exists_tz",      "jsonb_path_match_tz"};
    if (fn->name[0] != 'j' || fn->arg_count < 2)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (sg__cost_builtin(fn, names[i]))
            return true;
    return false;
}

/* A path the statement makes (a column, an expression) counts as this many
 * `**`: the most the guard measured past its bound. A copy of a value
 * counts NODE_CHARS characters for each of its values: PostgreSQL holds
 * some 60 bytes for each of an empty array's (`$.**` of an array nested
 * 3,000 deep, 6 KB, held 1.05 GB), and the values of an everyday document
 * (a 300 KB GeoJSON of 54,000, six deep) hold less than the bound. */
enum { UNKNOWN_PATH_STARS = 3, NODE_CHARS = 16 };

/* What is known of a document argument: its values, deepest nesting,
 * length, and the characters jsonb_pretty prints of it. */
typedef struct doc_shape {
    long double values, depth, length, printed;
} doc_shape;

static void add_text(doc_shape *d, const char *t, long double *depth_most)
{
    size_t depth;
    long double lines, printed;
    json_shape(t, &depth, &lines, &printed);
    d->values += lines;
    d->length += (long double)strlen(t);
    d->printed += (long double)strlen(t) + printed;
    if ((long double)depth > *depth_most)
        *depth_most = (long double)depth;
}

/* `n` characters of a document the guard knows no shape of (a constant
 * joined to it, a WITH query's column that passes a parameter on): at
 * worst every one a bracket, each nesting what the rest holds. */
static void add_unknown(doc_shape *d, long double n)
{
    d->printed += d->values * 2 * n + 2 * n * n + n;
    d->values += n;
    d->depth += n / 2;
    d->length += n;
}

/* What document argument `a` of `fn` holds: 1 with *d, 0 when it is stored
 * data or a value not bound here (lint), 2 when no bound of it is known (a
 * call that makes text longer), -1 when memory ran out. A string constant
 * and a bound parameter are read as they are; an expression by the
 * parameters and constants its text is made of; a column of a WITH query,
 * sub-select or function that passes parameters on by their lengths. */
static int document(const sg__rule_ctx *ctx, const sg__funcref *fn, const sg__funcarg *a,
                    doc_shape *d)
{
    memset(d, 0, sizeof *d);
    long double depth = 0;
    const char *text = NULL;
    if (a->kind == SG_ARG_STRING || a->param > 0) {
        int known = argument_text(ctx, a, &text);
        if (known <= 0)
            return known;
        if (text)
            add_text(d, text, &depth);
        d->depth = depth;
        return 1;
    }
    /* unbounded: made long by the statement (a call that makes text longer),
     * or stored data printed anew (`a.name::jsonb`), which is the table's */
    if (a->kind == SG_ARG_OTHER && !a->text_bounded)
        return a->text_grows ? 2 : 0;
    for (size_t i = 0; a->kind == SG_ARG_OTHER && i < a->text_param_count; i++) {
        int known = sg__param_bound_text(ctx, a->text_params[i], &text);
        if (known <= 0)
            return known;
        if (text)
            add_text(d, text, &depth);
    }
    d->depth = depth;
    long double extra[2];
    int derived = sg__cost_derived_extra(ctx, fn, 0, extra);
    if (derived < 0)
        return -1;
    if (derived)
        return 2;
    long double unknown = extra[0] + (a->kind == SG_ARG_OTHER ? (long double)a->text_chars : 0);
    if (a->kind == SG_ARG_COLUMN && extra[0] == 0)
        return 0; /* stored data */
    add_unknown(d, unknown);
    return 1;
}

long double sg__call_json_size(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    bool pretty = fn->arg_count == 1 && sg__cost_builtin(fn, "jsonb_pretty");
    if (!pretty && !path_call(fn))
        return -1;
    unsigned stars = 0;
    if (!pretty) {
        const char *path = NULL;
        int known = argument_text(ctx, &fn->args[1], &path);
        if (known < 0)
            return -2;
        stars = known ? (path ? path_stars(path) : 0) : UNKNOWN_PATH_STARS;
        if (!stars)
            return -1;
    }
    doc_shape d;
    int known = document(ctx, fn, &fn->args[0], &d);
    if (known <= 0)
        return known < 0 ? -2 : -1;
    if (known == 2)
        return HUGE_VALL;
    if (pretty)
        return d.printed;
    /* each `**` matches every value, a copy of its subtree: the document's
     * values times its depth, at each `**` again */
    long double values = d.values > 1 ? d.values : 1;
    return values * NODE_CHARS * powl(d.depth > 1 ? d.depth : 1, (long double)stars);
}
