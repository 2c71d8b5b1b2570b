/*
 * series.c - what constant arguments say: numbers as PostgreSQL's lexer and
 * numeric input read them, and the rows of a generate_series over numbers or
 * times, for func.resource-bound (series.h).
 */
#include "series.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- numbers */

static bool is_integer_type(const char *t)
{
    return strcmp(t, "int2") == 0 || strcmp(t, "int4") == 0 || strcmp(t, "int8") == 0;
}

/* A decimal number as PostgreSQL's lexer or numeric input writes it: sign,
 * digits, point, exponent; nothing else (no inf, nan, hex or spaces). */
static bool parse_decimal(const char *s, long double *out)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
        return false;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q) && !strchr(".eE+-", *q))
            return false;
    char *end = NULL;
    errno = 0;
    long double v = strtold(s, &end);
    if (!end || *end || isnan(v))
        return false;
    *out = v; /* an overflow is a huge value, which is what it means */
    return true;
}

bool sg__series_arg_number(const sg__funcarg *a, long double *out)
{
    bool numeric_cast = a->cast && (is_integer_type(a->cast) || strcmp(a->cast, "numeric") == 0);
    if (a->kind == SG_ARG_NUMBER && a->cast && !numeric_cast)
        return false;
    if (a->kind == SG_ARG_STRING && !numeric_cast)
        return false;
    if (a->kind == SG_ARG_OTHER || !parse_decimal(a->text, out))
        return false;
    if (a->cast && is_integer_type(a->cast))
        *out = roundl(*out);
    return true;
}

/* Rows of generate_series(start, stop, step) for numbers: |stop - start| /
 * |step| + 1, 0 when the step goes the other way; -1 when the step is 0 (an
 * error at the server). A quotient within rounding error of a whole number
 * is that number (decimal steps such as 0.1 have no exact binary form). */
static long double series_rows(long double start, long double stop, long double step)
{
    if (step == 0)
        return -1;
    long double q = (stop - start) / step;
    if (isnan(q))
        return -1;
    if (q < 0)
        return 0;
    long double r = roundl(q);
    if (isfinite(q) && fabsl(q - r) <= q * 1e-15L)
        q = r;
    return floorl(q) + 1;
}

/* ------------------------------------------------------------------ times */

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* Reads `count` digits into *out. */
static bool digits(const char **p, int count, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < count; i++, (*p)++) {
        if (!isdigit((unsigned char)**p))
            return false;
        v = v * 10 + (unsigned)(**p - '0');
    }
    *out = v;
    return true;
}

/* Seconds since 1970 of 'YYYY-MM-DD[ HH:MM[:SS[.frac]]]' (a 'T' may stand
 * for the space); false for any other form, a time zone included. */
static bool parse_timestamp(const char *s, long double *out)
{
    unsigned y, mo, d, h = 0, mi = 0, sec = 0;
    const char *p = s;
    if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
        !digits(&p, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    long double frac = 0;
    if (*p == ' ' || *p == 'T') {
        p++;
        if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi) || h > 24 || mi > 59)
            return false;
        if (*p == ':') {
            p++;
            if (!digits(&p, 2, &sec) || sec > 60)
                return false;
            if (*p == '.') {
                long double scale = 0.1L;
                for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
                    frac += (*p - '0') * scale;
            }
        }
    }
    if (*p)
        return false;
    *out = (long double)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec + frac;
    return true;
}

/* Seconds of one interval unit of fixed length, 0 for any other word
 * (months and years have no fixed length). */
static long double unit_seconds(const char *u, size_t n)
{
    static const struct {
        const char *name;
        long double seconds;
    } units[] = {
        {"microsecond", 1e-6L},
        {"microseconds", 1e-6L},
        {"millisecond", 1e-3L},
        {"milliseconds", 1e-3L},
        {"second", 1},
        {"seconds", 1},
        {"sec", 1},
        {"secs", 1},
        {"minute", 60},
        {"minutes", 60},
        {"min", 60},
        {"mins", 60},
        {"hour", 3600},
        {"hours", 3600},
        {"day", 86400},
        {"days", 86400},
        {"week", 604800},
        {"weeks", 604800},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i].name) == n && strncmp(units[i].name, u, n) == 0)
            return units[i].seconds;
    return 0;
}

/* Seconds of an interval written as '<number> <unit>' pairs of fixed-length
 * units ('1 day', '15 minutes', '1 hour 30 minutes'); false for any other
 * form. */
static bool parse_interval(const char *s, long double *out)
{
    long double total = 0;
    int pairs = 0;
    const char *p = s;
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *start = p;
        p += *p == '-' || *p == '+';
        while (isdigit((unsigned char)*p) || *p == '.')
            p++;
        char number[32];
        size_t len = (size_t)(p - start);
        if (len == 0 || len >= sizeof number || *p != ' ')
            return false;
        memcpy(number, start, len);
        number[len] = '\0';
        long double v;
        if (!parse_decimal(number, &v))
            return false;
        while (*p == ' ')
            p++;
        const char *word = p;
        while (isalpha((unsigned char)*p))
            p++;
        long double unit = unit_seconds(word, (size_t)(p - word));
        if (unit == 0)
            return false;
        total += v * unit;
        pairs++;
    }
    *out = total;
    return pairs > 0;
}

/* A string constant, uncast or cast to one of `types` (NULL-terminated). */
static bool string_of(const sg__funcarg *a, const char *const *types)
{
    if (a->kind != SG_ARG_STRING)
        return false;
    if (!a->cast)
        return true;
    for (; *types; types++)
        if (strcmp(a->cast, *types) == 0)
            return true;
    return false;
}

/* Whether `end` leaves the series over timestamp: cast to it, or uncast
 * while `other` is. */
static bool timestamp_end(const sg__funcarg *end, const sg__funcarg *other)
{
    const char *cast = end->cast ? end->cast : other->cast;
    return cast && strcmp(cast, "timestamp") == 0;
}

/*
 * Rows of generate_series(start, stop, step) over timestamps, -1 when the
 * arguments are not constants the rule reads. A series over timestamp (an
 * end cast to it, the other cast to it or uncast) counts exactly. Otherwise the series is over
 * timestamptz (a date or an uncast string ends up there), where the session's time zone shifts each
 * end by its UTC offset at that instant; the span is shortened by two days,
 * more than any two offsets of one zone differ, so the count is a lower
 * bound and a denial stays sound.
 */
static long double time_series_rows(const sg__funcref *fn)
{
    static const char *const ends[] = {"timestamp", "timestamptz", "date", NULL};
    static const char *const steps[] = {"interval", NULL};
    if (fn->arg_count != 3 || !string_of(&fn->args[0], ends) || !string_of(&fn->args[1], ends) ||
        !string_of(&fn->args[2], steps))
        return -1;
    bool exact =
        timestamp_end(&fn->args[0], &fn->args[1]) && timestamp_end(&fn->args[1], &fn->args[0]);
    long double start, stop, step;
    if (!parse_timestamp(fn->args[0].text, &start) || !parse_timestamp(fn->args[1].text, &stop) ||
        !parse_interval(fn->args[2].text, &step))
        return -1;
    if (!exact) {
        long double margin = 2 * 86400.0L;
        if (fabsl(stop - start) <= margin)
            return 0;
        stop += stop > start ? -margin : margin;
    }
    return series_rows(start, stop, step);
}

long double sg__series_rows(const sg__funcref *fn)
{
    if (fn->arg_count < 2 || fn->arg_count > 3)
        return -1;
    long double v[3] = {0, 0, 1};
    for (size_t i = 0; i < fn->arg_count; i++)
        if (!sg__series_arg_number(&fn->args[i], &v[i]))
            return time_series_rows(fn);
    return series_rows(v[0], v[1], v[2]);
}
