/*
 * params_type_mismatch.c - a bound value whose text cannot be a value of the
 * column it meets.
 *
 * `"USDX"` for a varchar(3) column, `"abc"` for a uuid, `1.5` for an integer
 * or `"{"` for a jsonb fail at the server, after a round trip, with a message
 * the caller must translate. A parameter meets a column's type where
 * PostgreSQL types it by the column: assigned to it (INSERT VALUES, UPDATE
 * SET, ON CONFLICT DO UPDATE SET), compared with it (`col = $1`, `<>`, `<`,
 * IN, BETWEEN, IS DISTINCT FROM) and as the array of `col = ANY($1)`. A
 * comparison types the parameter without the column's modifiers: a value
 * too long for a varchar(3) is no error there, and not reported (`=` finds
 * no row, as a lookup of a key nobody has does). The text is
 * the executor's (resolve/params.c), judged as PostgreSQL's input functions
 * judge it (pgvalue.c); a cast parameter (`$1::text`), a column whose type
 * the catalog does not give, and a type pgvalue.c does not judge are left
 * alone.
 *
 * A parameter used twice is one $n, and PostgreSQL gives it one type, that
 * of the use it analyses first: where its uses meet columns of two types
 * that read this value differently (a date and a timestamp, when the value
 * has a time of day; char(n) and text, when it ends in blanks; an integer
 * and numeric, when it has a fraction), one use gets the value converted
 * without a word. That is a mismatch too, reported once per parameter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pgvalue.h"
#include "rules.h"

/* The catalog table and column index a comparison's column resolves to, or
 * NULL. */
static const sg__meta_table *compared_column(const sg__rule_ctx *ctx, const sg__param_cmp *c,
                                             long *column)
{
    const sg__facts *f = ctx->facts;
    *column = SG_NO_COLUMN;
    if (c->qualified) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, c->ref);
        const sg__meta_table *t = sg__field_table(ctx, r);
        if (t)
            *column = sg__table_column(t, r->columns, r->column_count, r->name);
        return t;
    }
    sg__resolved res;
    if (sg__resolve_name(ctx, &SG__VEC_AT(f->columns, sg__column_ref, c->ref), &res) !=
        SG_RES_FOUND)
        return NULL;
    *column = res.column;
    return res.table;
}

/* Whether the $n at `location` is one the caller's placeholders compiled
 * to: a native $n written beside psycopg placeholders is bound to no value
 * of its own (params.syntax says so). */
static bool bound_here(const sg__rule_ctx *ctx, int location)
{
    const sg__ph_result *ph = ctx->ph;
    if (!ph || ph->style == SG_PH_NONE)
        return true;
    for (size_t i = 0; i < ph->placeholder_count; i++)
        if (ph->placeholders[i].out_offset == (size_t)location)
            return true;
    return false;
}

/* The parameter's name as the caller wrote it (NULL when memory ran out),
 * and `type` spelled into `spelled`, for a message. */
static const char *named(const sg__rule_ctx *ctx, int param, const sg__pgtype *type, char *spelled,
                         size_t size)
{
    sg__pgtype_format(type, spelled, size);
    return sg__param_display_name(ctx, param);
}

typedef enum { ASSIGNED, EQUAL, ORDERED, ANY_ARRAY } meeting;

/* Judges the kind of the value of $param where it meets column `column` of
 * `t`: the executor binds a JSON array as an array literal and an object as
 * json text, so an array meeting a column that is no array (`[]` reads as
 * the empty json object `{}`, `["a"]` as the text `{a}`), or an object
 * meeting an array (`{}` reads as the empty array), would be another value
 * than the caller's, sometimes silently. Returns 0 when the kind fits, 1
 * after reporting, -1 when memory ran out. */
static int judge_kind(const sg__rule_ctx *ctx, int param, int location, const sg__meta_table *t,
                      long column, meeting how)
{
    const sg__pgtype *type = &t->column_pgtypes[column];
    sg__param_kind kind = sg__param_slot_kind(ctx->bind, (size_t)param - 1);
    bool array_wanted = type->array_dims > 0 || how == ANY_ARRAY;
    bool wrong_array = kind == SG_PARAM_ARRAY && !array_wanted;
    if (!wrong_array && !(kind == SG_PARAM_OBJECT && array_wanted))
        return 0;
    char spelled[SG_PGTYPE_NAME_MAX * 2 + 48];
    const char *name = named(ctx, param, type, spelled, sizeof spelled);
    if (!name)
        return -1;
    int rc = wrong_array
                 ? sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                              "the value of %s is a JSON array, which is bound as a PostgreSQL "
                              "array literal ({...}), not as a value of %s (for JSON, send its "
                              "text as a string), and column %s.%s.%s is %s",
                              name, spelled, t->schema, t->name, t->columns[column], spelled)
                 : sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                              "the value of %s is a JSON object, which is bound as json text, "
                              "not as an array, and column %s.%s.%s is %s%s",
                              name, t->schema, t->name, t->columns[column], spelled,
                              how == ANY_ARRAY ? " (compared with = ANY)" : "");
    return rc < 0 ? -1 : 1;
}

/* Whether `t` is one of pg_catalog's own base types, which the catalog
 * never shadows: a name the search path could resolve elsewhere (a domain,
 * an application's type) is left alone. */
static bool builtin_scalar(const sg__typeref *t)
{
    static const char *const names[] = {
        "bool",        "boolean", "bpchar", "bytea",   "char", "cidr",    "date",     "float4",
        "float8",      "inet",    "int2",   "int4",    "int8", "integer", "interval", "json",
        "jsonb",       "money",   "name",   "numeric", "oid",  "text",    "time",     "timestamp",
        "timestamptz", "timetz",  "uuid",   "varchar", "xml",
    };
    if (t->catalog || (t->schema && strcmp(t->schema, "pg_catalog") != 0) || !t->name)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], t->name) == 0)
            return true;
    return false;
}

/* Judges the kind of the value of a $n cast to `t` (`$1::jsonb`, `$1::int[]`):
 * a JSON array goes as an array literal, which a cast to a type that is no
 * array reads as another value (`[]` as jsonb's `{}`, `[1,2]` as the text
 * `{1,2}`) or refuses; a JSON object goes as json text, which a cast to an
 * array reads as an array (`{}` as the empty one). Returns 0, or -1 when
 * memory ran out. */
static int judge_cast(const sg__rule_ctx *ctx, const sg__typeref *t)
{
    if (t->param < 1 || t->param_location < 0 || !bound_here(ctx, t->param_location) ||
        !builtin_scalar(t))
        return 0;
    sg__param_kind kind = sg__param_slot_kind(ctx->bind, (size_t)t->param - 1);
    bool json = strcmp(t->name, "json") == 0 || strcmp(t->name, "jsonb") == 0;
    if (!(kind == SG_PARAM_ARRAY && !t->array) && !(kind == SG_PARAM_OBJECT && t->array))
        return 0;
    const char *name = sg__param_display_name(ctx, t->param);
    if (!name)
        return -1;
    int rc = kind == SG_PARAM_ARRAY
                 ? sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->param_location,
                              "the value of %s is a JSON array, which is bound as a PostgreSQL "
                              "array literal ({...}), and it is cast to %s, which reads that "
                              "text as another value or refuses it%s",
                              name, t->name, json ? " (for JSON, send its text as a string)" : "")
                 : sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->param_location,
                              "the value of %s is a JSON object, which is bound as json text, "
                              "and it is cast to the array type %s[], which reads {} as the "
                              "empty array",
                              name, t->name);
    return rc < 0 ? -1 : 0;
}

/* Judges the value of $param against column `column` of `t`; reports at
 * `location`. Returns 0, or -1 when memory ran out. */
static int judge(const sg__rule_ctx *ctx, int param, int location, const sg__meta_table *t,
                 long column, meeting how)
{
    if (!t || column < 0 || param < 1 || location < 0 || !bound_here(ctx, location))
        return 0;
    /* the catalog read each column's type once, at load */
    if (!t->column_type_read || !t->column_type_read[column])
        return 0;
    const sg__pgtype *type = &t->column_pgtypes[column];
    int kind = judge_kind(ctx, param, location, t, column, how);
    if (kind != 0)
        return kind < 0 ? -1 : 0;
    if (!sg__pgvalue_judged(type) || (type->array_dims > 0 && how == ANY_ARRAY))
        return 0;
    bool is_null;
    const char *text =
        sg__param_slot_text(ctx->diags->arena, ctx->bind, (size_t)param - 1, &is_null);
    if (!text)
        return is_null ? 0 : -1;
    /* the type the parameter gets: the column's own when assigned, copied
     * only when a comparison drops its modifiers */
    const sg__pgtype *param_type = type;
    sg__pgtype as;
    if (how != ASSIGNED) {
        as = *type;
        as.mod1 = as.mod2 = -1;
        if (how == ANY_ARRAY)
            as.array_dims = 1;
        param_type = &as;
    }
    char why[160];
    const char *problem;
    if (sg__pgvalue_check(param_type, text, why, sizeof why, &problem) < 0)
        return -1;
    if (!problem)
        return 0;
    char spelled[SG_PGTYPE_NAME_MAX * 2 + 48];
    const char *name = named(ctx, param, type, spelled, sizeof spelled);
    if (!name)
        return -1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "the value of %s %s%s, and column %s.%s.%s is %s", name,
                      how == ANY_ARRAY ? "as an array: " : "", problem, t->schema, t->name,
                      t->columns[column], spelled);
}

/* A column a parameter meets, as its type reads the parameter. */
typedef struct meeting_at {
    int param, location;
    const sg__meta_table *t;
    long column;
    bool mismatched; /* the value is reported there already */
    bool assigned;   /* written to the column, not compared */
} meeting_at;

static bool is_int(sg__pgkind k)
{
    return k == SG__PGKIND_INT2 || k == SG__PGKIND_INT4 || k == SG__PGKIND_INT8;
}

static bool is_text(sg__pgkind k)
{
    return k == SG__PGKIND_TEXT || k == SG__PGKIND_VARCHAR;
}

static bool is_time(sg__pgkind k)
{
    return k == SG__PGKIND_DATE || k == SG__PGKIND_TIMESTAMP || k == SG__PGKIND_TIMESTAMPTZ;
}

/* Whether a date's text is a date alone, as a date and a timestamp at
 * midnight both read it: `2024-01-01` or `20240101` (blanks around). Any
 * other (a time of day, `20240101T100000`, `now`, `today`) reads otherwise. */
static bool date_alone(const char *s)
{
    while (*s == ' ')
        s++;
    size_t d = strspn(s, "0123456789");
    const char *rest = s + d;
    bool dashed = d == 4 && rest[0] == '-' && strspn(rest + 1, "0123456789") == 2 &&
                  rest[3] == '-' && strspn(rest + 4, "0123456789") == 2;
    rest = dashed ? rest + 6 : d == 8 ? rest : NULL;
    if (!rest)
        return false;
    while (*rest == ' ')
        rest++;
    return *rest == '\0';
}

/* Whether a timestamp's text names its zone or offset (`Z`, `+02`,
 * `-05:00`, `UTC`, `Europe/Paris`): a plus, a minus past the date, a
 * letter other than the T between date and time. */
static bool has_zone(const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if (s[i] == '+' || s[i] == '/' || (s[i] == '-' && i > 10) ||
            (((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) && s[i] != 'T' &&
             s[i] != 't'))
            return true;
    return false;
}

/* Whether `text` is already what a value of kind k prints (so that a text
 * column assigned the value of a use typed k stores the caller's text):
 * lower-case uuids with hyphens, integers and numerics without a sign, a
 * leading zero or an exponent, `true` and `false`, ISO dates. */
static bool printed_as(sg__pgkind k, const char *text)
{
    size_t n = strlen(text), i = text[0] == '-';
    switch (k) {
    case SG__PGKIND_UUID:
        if (n != 36)
            return false;
        for (i = 0; i < n; i++)
            if ((i == 8 || i == 13 || i == 18 || i == 23)
                    ? text[i] != '-'
                    : !((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
                return false;
        return true;
    case SG__PGKIND_INT2:
    case SG__PGKIND_INT4:
    case SG__PGKIND_INT8:
    case SG__PGKIND_NUMERIC: {
        size_t d = strspn(text + i, "0123456789");
        if (d == 0 || (d > 1 && text[i] == '0') || (text[i] == '0' && d == 1 && i && !text[i + d]))
            return false;
        const char *rest = text + i + d;
        if (k == SG__PGKIND_NUMERIC && rest[0] == '.')
            rest += 1 + strspn(rest + 1, "0123456789");
        return *rest == '\0';
    }
    case SG__PGKIND_BOOL:
        return strcmp(text, "true") == 0 || strcmp(text, "false") == 0;
    case SG__PGKIND_DATE:
        return n == 10 && date_alone(text);
    default:
        return false;
    }
}

/* Significant digits of a number's text (leading zeros and the exponent
 * left out). */
static size_t digits(const char *s)
{
    size_t n = 0;
    bool started = false;
    for (; *s && *s != 'e' && *s != 'E'; s++) {
        if (*s < '0' || *s > '9')
            continue;
        started |= *s != '0';
        n += started;
    }
    return n;
}

/* Whether a number's text reads as the same value in real as in double
 * precision (0.5, 1024, 1e3; not 0.1 or 16777217): PostgreSQL's real then
 * holds it whole. */
static bool exact_in_real(const char *text)
{
    char *end;
    double d = strtod(text, &end);
    if (end == text || *end != '\0' || d != d)
        return false;
    float f = (float)d;
    return (double)f == d && digits(text) <= 17;
}

/* The kind of a type, citext and name (texts of their own) taken as text. */
static sg__pgkind text_like(const sg__pgtype *t)
{
    if (t->kind == SG__PGKIND_OTHER &&
        (strcmp(t->name, "citext") == 0 || strcmp(t->name, "name") == 0))
        return SG__PGKIND_TEXT;
    return t->kind;
}

/* How a value whose text is `text` reads differently under types a and b
 * (one of them converted to the other without a word), or NULL when it reads
 * alike or PostgreSQL refuses the mix aloud. `a_assigned`, `b_assigned`:
 * the use is an assignment (to a text column, a value of another type is
 * written as that type prints it). */
static const char *converted(const sg__pgtype *a, const sg__pgtype *b, const char *text,
                             bool a_assigned, bool b_assigned)
{
    sg__pgkind x = text_like(a), y = text_like(b);
    if (a->array_dims || b->array_dims || x == SG__PGKIND_OTHER || y == SG__PGKIND_OTHER ||
        x == y || (is_int(x) && is_int(y)) || (is_text(x) && is_text(y)))
        return NULL;
    /* a text column assigned the value of a use of another type: the text
     * that type prints (`007` is 7, `YES` true, an upper-case uuid lower) */
    bool text_a = is_text(x) || x == SG__PGKIND_BPCHAR,
         text_b = is_text(y) || y == SG__PGKIND_BPCHAR;
    if (text_a != text_b && ((text_a && a_assigned) || (text_b && b_assigned)) &&
        !printed_as(text_a ? y : x, text))
        return "a text column assigned the value of the other use gets the text that use's type "
               "prints";
    if (y == SG__PGKIND_BPCHAR || (x != SG__PGKIND_BPCHAR && x > y)) {
        sg__pgkind t = x; /* x: the character one, else the lower kind */
        x = y;
        y = t;
    }
    size_t n = strlen(text);
    if (x == SG__PGKIND_BPCHAR && is_text(y))
        return n && text[n - 1] == ' ' ? "a character(n) use drops its trailing blanks" : NULL;
    if (is_int(x) && (y == SG__PGKIND_NUMERIC || y == SG__PGKIND_FLOAT8) && strpbrk(text, ".eE"))
        return "an integer use rounds its fraction away";
    if ((x == SG__PGKIND_FLOAT4 || y == SG__PGKIND_FLOAT4) &&
        (is_int(x) || is_int(y) || x == SG__PGKIND_NUMERIC || y == SG__PGKIND_NUMERIC ||
         x == SG__PGKIND_FLOAT8 || y == SG__PGKIND_FLOAT8))
        return exact_in_real(text) ? NULL : "a real use keeps about 6 digits";
    if ((x == SG__PGKIND_NUMERIC && y == SG__PGKIND_FLOAT8) ||
        (is_int(x) && y == SG__PGKIND_FLOAT8))
        return digits(text) > 15 ? "a double precision use keeps about 15 digits" : NULL;
    if (is_time(x) && is_time(y)) {
        if ((x == SG__PGKIND_DATE || y == SG__PGKIND_DATE) && !date_alone(text))
            return "a date use drops the time of day";
        if (x != SG__PGKIND_DATE && has_zone(text))
            return "a timestamp without time zone use drops the offset";
        return NULL;
    }
    if ((x == SG__PGKIND_JSON && y == SG__PGKIND_JSONB) ||
        (x == SG__PGKIND_JSONB && y == SG__PGKIND_JSON))
        return "a jsonb use rewrites the text a json use keeps (keys, spacing, duplicates)";
    return NULL;
}

/* Reports each parameter whose uses meet columns of two types that read its
 * value differently; 0, or -1 when memory ran out. */
static int judge_uses(const sg__rule_ctx *ctx, const meeting_at *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool earlier = false; /* judged at an earlier use, or a mismatch already */
        for (size_t k = 0; k < n && !earlier; k++)
            earlier = m[k].param == m[i].param && (k < i || m[k].mismatched);
        if (earlier)
            continue;
        for (size_t k = i + 1; k < n; k++) {
            if (m[k].param != m[i].param)
                continue;
            const sg__pgtype *a = &m[i].t->column_pgtypes[m[i].column],
                             *b = &m[k].t->column_pgtypes[m[k].column];
            bool is_null;
            const char *text =
                sg__param_slot_text(ctx->diags->arena, ctx->bind, (size_t)m[i].param - 1, &is_null);
            if (!text && !is_null)
                return -1;
            const char *how = text ? converted(a, b, text, m[i].assigned, m[k].assigned) : NULL;
            if (!how)
                continue;
            const char *name = sg__param_display_name(ctx, m[i].param);
            char sa[SG_PGTYPE_NAME_MAX * 2 + 48], sb[SG_PGTYPE_NAME_MAX * 2 + 48];
            sg__pgtype_format(a, sa, sizeof sa);
            sg__pgtype_format(b, sb, sizeof sb);
            if (!name ||
                sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, m[k].location,
                           "%s meets column %s.%s.%s (%s) and column %s.%s.%s (%s): PostgreSQL "
                           "gives one parameter one type, so one use would get the value "
                           "converted (%s); pass two parameters, or cast one use",
                           name, m[i].t->schema, m[i].t->name, m[i].t->columns[m[i].column], sa,
                           m[k].t->schema, m[k].t->name, m[k].t->columns[m[k].column], sb, how) < 0)
                return -1;
            break;
        }
    }
    return 0;
}

/* Records where a parameter meets a column whose type the catalog gives;
 * false when memory ran out. */
static bool note_use(const sg__rule_ctx *ctx, sg__vec *uses, int param, int location,
                     const sg__meta_table *t, long column, bool mismatched, bool assigned)
{
    if (!t || column < 0 || param < 1 || !t->column_type_read || !t->column_type_read[column])
        return true;
    meeting_at *m = sg__vec_push(ctx->diags->arena, uses, sizeof *m);
    if (!m)
        return false;
    *m = (meeting_at){param, location, t, column, mismatched, assigned};
    return true;
}

/* A count that grows with every diagnostic reported, kept or not. */
static size_t reported(const sg__rule_ctx *ctx)
{
    return ctx->diags->items.count + ctx->diags->errors + ctx->diags->truncated;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    if (!ctx->bind || !ctx->bind->shape_ok || (ctx->ph && ctx->ph->error))
        return 0;       /* values bound to nothing in particular: params.* says why */
    sg__vec uses = {0}; /* meeting_at */
    for (size_t i = 0; i < f->param_cmps.count; i++) {
        const sg__param_cmp *c = &SG__VEC_AT(f->param_cmps, sg__param_cmp, i);
        long column;
        const sg__meta_table *t = compared_column(ctx, c, &column);
        meeting how = c->kind == SG_PCMP_ANY     ? ANY_ARRAY
                      : c->kind == SG_PCMP_EQUAL ? EQUAL
                                                 : ORDERED;
        size_t before = reported(ctx);
        if (judge(ctx, c->param, c->location, t, column, how) < 0)
            return -1;
        if (how != ANY_ARRAY && bound_here(ctx, c->location) &&
            !note_use(ctx, &uses, c->param, c->location, t, column, reported(ctx) != before, false))
            return -1;
    }
    for (size_t i = 0; i < f->writes.count; i++) {
        const sg__column_write *w = &SG__VEC_AT(f->writes, sg__column_write, i);
        if (!w->value)
            continue;
        const sg__meta_table *t = sg__relation_table(ctx, w->relation);
        if (!t)
            continue;
        long column = w->name                         ? sg__table_column(t, NULL, 0, w->name)
                      : w->position < t->column_count ? (long)w->position
                                                      : SG_NO_COLUMN;
        size_t before = reported(ctx);
        if (judge(ctx, w->param, w->location, t, column, ASSIGNED) < 0)
            return -1;
        if (bound_here(ctx, w->location) &&
            !note_use(ctx, &uses, w->param, w->location, t, column, reported(ctx) != before, true))
            return -1;
    }
    for (size_t i = 0; i < f->types.count; i++)
        if (judge_cast(ctx, &SG__VEC_AT(f->types, sg__typeref, i)) < 0)
            return -1;
    return judge_uses(ctx, uses.count ? &SG__VEC_AT(uses, meeting_at, 0) : NULL, uses.count);
}

const sg__rule sg__rule_params_type_mismatch = {
    .id = "params.type-mismatch",
    .summary = "a bound value that cannot be of the type of the column it is compared with, "
               "assigned to or inserted into",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_PARAM_CMPS | SG_FACT_WRITES | SG_FACT_TYPES,
    .check = check,
};
