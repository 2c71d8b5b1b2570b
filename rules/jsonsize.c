/*
 * jsonsize.c - what the jsonb functions whose output grows faster than
 * their input make, for func.resource-bound: jsonb_pretty indents each line
 * by its depth (a 24 KB array nested 12,000 deep printed 576 MB and held
 * 1.7 GB), and a jsonpath's `**` matches every value, each a copy of its
 * subtree (`$.**` of a 7 KB value nested 3,500 deep held 1.4 GB, `$.**.**`
 * of 1 KB nested 350 deep 1.7 GB), neither with a cancel. The document is read from a constant or a
 * bound parameter; a column's is stored data.
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
 * about 60 bytes for each (`$.**` of an array nested 3,000 deep, 6 KB,
 * held 1.05 GB). */
enum { UNKNOWN_PATH_STARS = 3, NODE_CHARS = 32 };

long double sg__call_json_size(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    bool pretty = fn->arg_count == 1 && sg__cost_builtin(fn, "jsonb_pretty");
    if (!pretty && !path_call(fn))
        return -1;
    const char *doc = NULL;
    int known = argument_text(ctx, &fn->args[0], &doc);
    if (known <= 0 || !doc)
        return known < 0 ? -2 : -1;
    size_t depth;
    long double lines, printed;
    json_shape(doc, &depth, &lines, &printed);
    long double length = (long double)strlen(doc);
    if (pretty)
        return length + printed;
    const char *path = NULL;
    known = argument_text(ctx, &fn->args[1], &path);
    if (known < 0)
        return -2;
    unsigned stars = known ? (path ? path_stars(path) : 0) : UNKNOWN_PATH_STARS;
    if (!stars)
        return -1;
    /* each `**` matches every value, a copy of its subtree: the document's
     * values times its depth, at each `**` again */
    long double values = lines > 1 ? lines : 1;
    return values * NODE_CHARS * powl((long double)(depth ? depth : 1), (long double)stars);
}
