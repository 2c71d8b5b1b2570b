/*
 * callwork.c - the character pairs a text call compares at worst, for
 * func.resource-bound: normalize and is_normalized sort runs of combining
 * marks, translate, the trims, strpos, position, replace, split_part,
 * string_to_array, string_to_table and LIKE search one argument for the
 * other, in loops PostgreSQL does not interrupt. An argument's length is
 * read from constants and parameters' bound values, and from what the
 * statement may have made long: a sub-select's, WITH query's or function's
 * column, the row a write's RETURNING or EXCLUDED reads.
 */
#include <math.h>
#include <stdint.h>
#include <strings.h>
#include <string.h>

#include "callcost.h"

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
    if (sg__param_bound_text(ctx, p->param, &t) < 0)
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
    if (sg__param_bound_text(ctx, p, &t) < 0)
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

static long double known_length(const sg__rule_ctx *ctx, const sg__funcarg *a, bool marks);

long double sg__cost_known_length(const sg__rule_ctx *ctx, const sg__funcarg *a)
{
    return known_length(ctx, a, false);
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
        int bound = text ? sg__param_bound_text(ctx, a->param, &t) : 0;
        if (bound <= 0)
            return bound < 0 ? -2 : -1;
        if (!t)
            return 0;
    }
    return (long double)(marks ? longest_non_ascii_run(t) : sg__cost_chars(t));
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
        if (sg__cost_builtin(fn, fixed[i]))
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
    if (sg__param_bound_text(ctx, p, &t) < 0)
        return false;
    if (t) /* none in lint, or when missing: params.missing's */
        *extra += (long double)sg__cost_chars(t);
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

int sg__cost_growth_at(const sg__rule_ctx *ctx, int location)
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

bool sg__cost_writes_column(const sg__rule_ctx *ctx, const sg__written_value *v, long relation,
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

enum { WRITTEN_ROWS = 18 }; /* the two SET rows and VALUES rows 1 to 16 */

/* The most characters column `name` of relation `relation` holds by its
 * catalog type: n of character varying(n) and character(n) (not of an
 * array of them); -1 when its type bounds none or is not known. */
static long column_width(const sg__rule_ctx *ctx, long relation, const char *name)
{
    const sg__pgtype *type = sg__relation_column_type(ctx, relation, name);
    if (!type || type->array_dims || type->mod1 < 0 ||
        (strcmp(type->name, "character varying") != 0 && strcmp(type->name, "character") != 0))
        return -1;
    return type->mod1;
}

/* Whether the reference at `location` reads EXCLUDED (`EXCLUDED.c`, or
 * `EXCLUDED.*` with *name NULL): the INSERT's target in *relation. */
static bool excluded_at(const sg__rule_ctx *ctx, int location, long *relation, const char **name)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (r->location != location)
            continue;
        if (!sg__cost_excluded_source(f, r->source))
            return false;
        *relation = SG__VEC_AT(f->sources, sg__source, (size_t)r->source).relation;
        *name = r->name;
        return true;
    }
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (r->location != location)
            continue;
        if (r->name || !sg__cost_excluded_source(f, r->source))
            return false;
        *relation = SG__VEC_AT(f->sources, sg__source, (size_t)r->source).relation;
        *name = NULL;
        return true;
    }
    return false;
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
        if (!sg__cost_writes_column(ctx, v, relation, name) ||
            (proposed && v->row <= SG_WRITTEN_SET))
            continue;
        const sg__funcarg *a = v->value;
        if (!a || !a->values_whole || v->row < SG_WRITTEN_CONFLICT_SET ||
            v->row - SG_WRITTEN_CONFLICT_SET >= WRITTEN_ROWS)
            return -1;
        long double n = known_length(ctx, a, false);
        if (n == -2)
            return -2;
        if (sg__cost_unbounded(n))
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
                             : add_growth(ctx, sg__cost_growth_at(ctx, a->value_columns[k]), &n);
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

bool sg__cost_excluded_source(const sg__facts *f, long s)
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
int sg__cost_derived_extra(const sg__rule_ctx *ctx, const sg__funcref *fn, size_t other,
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
        if (sg__cost_excluded_source(f, r->source))
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
        if (status == 0 && sg__cost_excluded_source(f, whole))
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
bool sg__cost_builds_query(const sg__funcref *fn)
{
    return sg__cost_builtin(fn, "plainto_tsquery") || sg__cost_builtin(fn, "phraseto_tsquery") ||
           sg__cost_builtin(fn, "to_tsquery") || sg__cost_builtin(fn, "websearch_to_tsquery");
}

/* The work of the tsquery builders building a query of their text (the
 * last argument): PostgreSQL merges each term into the query built so far,
 * without a cancel (100,000 words ran 4.9 s; 40,000 terms of to_tsquery 0.6
 * s, twice as many four times as long), so the work is the square of the
 * text's length, shared as SG_COST_QUERY_SHARE says; -1 when the call is
 * none of them or the text is not known, -2 when memory ran out. */
static long double query_work(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    if ((fn->arg_count != 1 && fn->arg_count != 2) || !sg__cost_builds_query(fn))
        return -1;
    size_t last = fn->arg_count - 1;
    long double extra[2];
    int derived = sg__cost_derived_extra(ctx, fn, last, extra);
    if (derived < 0)
        return -2;
    if (derived)
        return HUGE_VALL;
    long double t = known_length(ctx, &fn->args[last], false);
    if (t == -2 || sg__cost_unbounded(t) || (t < 0 && extra[1] == 0))
        return t;
    t = (t < 1 ? 1 : t) + extra[1];
    return t * t / SG_COST_QUERY_SHARE;
}

long double sg__call_work(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    if (sg__cost_builds_query(fn))
        return query_work(ctx, fn);
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
        if (!sg__cost_builtin(fn, calls[i].name) || fn->arg_count < calls[i].min_args ||
            fn->arg_count > calls[i].max_args)
            continue;
        if (composed_form_check(fn))
            return -1;
        long double extra[2];
        int derived = sg__cost_derived_extra(ctx, fn, calls[i].other, extra);
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
