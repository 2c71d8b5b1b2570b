/*
 * pgvalue.c - which texts PostgreSQL 15's input functions refuse: uuid_in,
 * int2in/int4in/int8in, numeric_in with its typmod, float4in/float8in,
 * boolin, date_in and timestamp(tz)_in, bpchar and varchar with their
 * length, json_in, jsonb_in and array_in.
 *
 * Each reading follows the behaviour of PostgreSQL's function (test_pgvalue
 * holds it to a live server's answers), written anew; JSON text is read by
 * the library's one JSON loader (the pre-scan, then cJSON), not here. Where the behaviour
 * depends on what only the server knows (time zone names, DateStyle, the
 * stack depth) or is too intricate to follow with certainty, the text is
 * taken as accepted: a problem is reported only where the server surely
 * refuses.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pgvalue.h"
#include "util/arena.h"
#include "util/json.h"
#include "util/text.h"

typedef sg__pgkind kind;

bool sg__pgvalue_judged(const sg__pgtype *type)
{
    return type && type->kind != SG__PGKIND_OTHER;
}

/* Writes a reason into why and returns it; never NULL, which would read as
 * "accepted". */
static const char *say(char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static const char *say(char *why, size_t n, const char *fmt, ...)
{
    if (!why || n == 0)
        return "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    return why;
}

/* isspace() in the C locale, which PostgreSQL's input functions use. */
static bool pg_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether s (len bytes) starts with `word`, ignoring ASCII case. */
static bool starts_with_word(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    if (len < wl)
        return false;
    for (size_t i = 0; i < wl; i++)
        if (lower(s[i]) != word[i])
            return false;
    return true;
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && pg_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && pg_space((*s)[*len - 1]))
        (*len)--;
}

/* ---- uuid ---------------------------------------------------------------- */

/* 32 hex digits, a hyphen allowed after each group of four but the last,
 * the whole optionally in braces; no white space. */
static const char *check_uuid(const char *s, size_t len, char *why, size_t n)
{
    size_t i = 0;
    bool braces = len > 0 && s[0] == '{';
    i += braces;
    for (int pair = 0; pair < 16; pair++) {
        if (len - i < 2 || !is_hex(s[i]) || !is_hex(s[i + 1]))
            return say(why, n, "is not a uuid");
        i += 2;
        if (i < len && s[i] == '-' && pair % 2 == 1 && pair < 15)
            i++;
    }
    if (braces) {
        if (i >= len || s[i] != '}')
            return say(why, n, "is not a uuid");
        i++;
    }
    return i == len ? NULL : say(why, n, "is not a uuid");
}

/* ---- integers ------------------------------------------------------------ */

/* White space, a sign, decimal digits, white space: no underscores, no
 * other base, no fraction or exponent. */
static const char *check_integer(kind k, const char *s, size_t len, char *why, size_t n)
{
    static const char *const names[] = {"smallint", "integer", "bigint"};
    static const uint64_t max[] = {32767u, 2147483647u, 9223372036854775807u};
    int w = k == SG__PGKIND_INT2 ? 0 : k == SG__PGKIND_INT4 ? 1 : 2;
    trim(&s, &len);
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (i == len)
        return say(why, n, "is not an integer");
    uint64_t v = 0;
    bool over = false;
    for (; i < len; i++) {
        if (!is_digit(s[i]))
            return say(why, n, "is not an integer");
        if (v > (UINT64_MAX - 9) / 10)
            over = true;
        else
            v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (over || v > max[w] + (neg ? 1 : 0))
        return say(why, n, "is out of range for %s", names[w]);
    return NULL;
}

/* ---- decimal numbers: numeric, floats, jsonb's numbers ----------------- */

/* Exponents are read up to this magnitude; beyond it every type refuses. */
#define EXP_CLAMP 1000000000000000LL

typedef struct decimal {
    const char *ip, *fp; /* digits before and after the point, as written */
    size_t ilen, flen;
    long long exp;
} decimal;

static int digit_at(const decimal *d, size_t k)
{
    return (k < d->ilen ? d->ip[k] : d->fp[k - d->ilen]) - '0';
}

static size_t digit_count(const decimal *d)
{
    return d->ilen + d->flen;
}

/* The index of the first digit that is not zero; digit_count() when the
 * value is zero. */
static size_t first_nonzero(const decimal *d)
{
    size_t k = 0;
    while (k < digit_count(d) && digit_at(d, k) == 0)
        k++;
    return k;
}

/* The power of ten digit k stands for. */
static long long place(const decimal *d, size_t k)
{
    return (long long)d->ilen - 1 - (long long)k + d->exp;
}

/* The digits after the point numeric keeps (its display scale). */
static long long display_scale(const decimal *d)
{
    long long scale = (long long)d->flen - d->exp;
    return scale < 0 ? 0 : scale;
}

/* Reads [+-] digits [. digits] or [+-] . digits, then an optional exponent:
 * e or E, a sign and digits; with `loose_exp` white space may come before
 * the sign, as strtol allows in numeric_in. Returns where the number ends,
 * or NULL when it is none. */
static const char *read_decimal(const char *p, const char *end, bool loose_exp, decimal *d)
{
    *d = (decimal){0};
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    d->ip = p;
    while (p < end && is_digit(*p))
        p++;
    d->ilen = (size_t)(p - d->ip);
    d->fp = p;
    if (p < end && *p == '.') {
        d->fp = ++p;
        while (p < end && is_digit(*p))
            p++;
        d->flen = (size_t)(p - d->fp);
    }
    if (d->ilen + d->flen == 0)
        return NULL;
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        while (loose_exp && q < end && pg_space(*q))
            q++;
        bool neg = false;
        if (q < end && (*q == '+' || *q == '-'))
            neg = *q++ == '-';
        if (q == end || !is_digit(*q))
            return loose_exp ? NULL : p; /* strtod stops before the e */
        long long e = 0;
        while (q < end && is_digit(*q)) {
            if (e < EXP_CLAMP)
                e = e * 10 + (*q - '0');
            q++;
        }
        d->exp = neg ? -e : e;
        p = q;
    }
    return p;
}

/* The largest power of ten numeric stores (NUMERIC_WEIGHT_MAX base-10000
 * digits before the point), and its largest display scale. */
enum { NUMERIC_LEAD_MAX = 131071, NUMERIC_DSCALE_MAX = 16383, NUMERIC_EXP_MAX = 1073741823 };

/* Whether a value numeric_in has read fits numeric without a typmod. */
static bool numeric_fits(const decimal *d)
{
    size_t z = first_nonzero(d);
    if (z < digit_count(d) && place(d, z) > NUMERIC_LEAD_MAX)
        return false;
    return display_scale(d) <= NUMERIC_DSCALE_MAX;
}

/* Whether the value fits numeric(p,s) after rounding to s places, half away
 * from zero: its leading digit's place must be below p - s. */
static bool numeric_typmod_fits(const decimal *d, int p, int s)
{
    size_t z = first_nonzero(d);
    if (z == digit_count(d))
        return true;
    long long lead = place(d, z);
    /* digits kept: those of place -s and up */
    long long kept = lead + s + 1;
    bool round_up = false;
    if (kept >= 0 && (size_t)kept < digit_count(d) - z)
        round_up = digit_at(d, z + (size_t)kept) >= 5;
    if (kept <= 0 && !(kept == 0 && round_up))
        return true; /* rounds to zero */
    if (round_up) {
        bool all_nines = true;
        for (long long k = 0; k < kept && all_nines; k++)
            all_nines = digit_at(d, z + (size_t)k) == 9;
        if (all_nines)
            lead++; /* 999.995 becomes 1000.00 */
    }
    return lead + 1 <= (long long)p - s;
}

/* NaN, [+-]Infinity, [+-]inf, ignoring case: the length matched, 0 if none;
 * *inf tells which. */
static size_t special_number(const char *s, size_t len, bool *inf)
{
    static const char *const words[] = {"nan", "infinity", "+infinity", "-infinity",
                                        "inf", "+inf",     "-inf"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (starts_with_word(s, len, words[i])) {
            *inf = i > 0;
            return strlen(words[i]);
        }
    }
    return 0;
}

static const char *check_numeric(const sg__pgtype *t, const char *s, size_t len, char *why,
                                 size_t n)
{
    trim(&s, &len);
    bool inf = false;
    size_t special = special_number(s, len, &inf);
    if (special > 0) {
        if (special != len)
            return say(why, n, "is not a number");
        if (inf && t->mod1 >= 0)
            return say(why, n, "is out of range for numeric(%d,%d)", t->mod1, t->mod2);
        return NULL;
    }
    decimal d;
    const char *end = read_decimal(s, s + len, true, &d);
    if (!end || end != s + len)
        return say(why, n, "is not a number");
    if (d.exp >= NUMERIC_EXP_MAX || d.exp <= -NUMERIC_EXP_MAX)
        return say(why, n, "is out of range for numeric");
    /* numeric_in checks the scale as written before a typmod rounds it */
    if (display_scale(&d) > NUMERIC_DSCALE_MAX)
        return say(why, n, "is out of range for numeric");
    if (t->mod1 >= 0) {
        if (!numeric_typmod_fits(&d, t->mod1, t->mod2))
            return say(why, n, "is out of range for numeric(%d,%d)", t->mod1, t->mod2);
        return NULL;
    }
    return numeric_fits(&d) ? NULL : say(why, n, "is out of range for numeric");
}

/* Compares the magnitude of a value that is not zero (its first digit that
 * is not zero at index z) with t_digits times ten to the power t_lead
 * (t_digits read as d.ddd...): -1, 0 or 1. */
static int compare_magnitude(const decimal *d, size_t z, const char *t_digits, long long t_lead)
{
    long long lead = place(d, z);
    if (lead != t_lead)
        return lead < t_lead ? -1 : 1;
    size_t count = digit_count(d) - z, tl = strlen(t_digits);
    for (size_t k = 0; k < count || k < tl; k++) {
        int a = k < count ? digit_at(d, z + k) : 0, b = k < tl ? t_digits[k] - '0' : 0;
        if (a != b)
            return a < b ? -1 : 1;
    }
    return 0;
}

/* float4in and float8in read with strtof and strtod: white space, then a
 * decimal number, infinity or NaN (any case), then white space. A result
 * that overflows, or underflows to zero from digits that are not all zero,
 * is out of range: surely so at or above the largest value plus half a unit
 * of its last place, and below half the smallest denormal. Hexadecimal
 * forms, which strtod reads too, are not judged. */
static const char *check_float(kind k, const char *s, size_t len, char *why, size_t n)
{
    const char *name = k == SG__PGKIND_FLOAT4 ? "real" : "double precision";
    /* past FLT_MAX 3.40282347e38 and DBL_MAX 1.7976931348623157e308,
     * values round to infinity from these on; below half the smallest
     * denormals (1.4e-45 and 4.9e-324), to zero */
    const char *over = k == SG__PGKIND_FLOAT4 ? "34028236" : "17976931348623159";
    long long over_lead = k == SG__PGKIND_FLOAT4 ? 38 : 308;
    const char *under = k == SG__PGKIND_FLOAT4 ? "700649232162408535" : "24703282292062327";
    long long under_lead = k == SG__PGKIND_FLOAT4 ? -46 : -324;
    trim(&s, &len);
    const char *p = s, *end = s + len;
    const char *body = p < end && (*p == '+' || *p == '-') ? p + 1 : p;
    size_t rest = (size_t)(end - body);
    if (starts_with_word(body, rest, "infinity"))
        return rest == 8 ? NULL : say(why, n, "is not a number");
    if (starts_with_word(body, rest, "inf"))
        return rest == 3 ? NULL : say(why, n, "is not a number");
    if (starts_with_word(body, rest, "nan")) {
        if (rest == 3)
            return NULL;
        /* nan(chars) */
        const char *q = body + 3;
        if (*q != '(' || end[-1] != ')')
            return say(why, n, "is not a number");
        for (q++; q < end - 1; q++)
            if (!(is_digit(*q) || (lower(*q) >= 'a' && lower(*q) <= 'z') || *q == '_'))
                return say(why, n, "is not a number");
        return NULL;
    }
    if (rest >= 2 && body[0] == '0' && lower(body[1]) == 'x')
        return NULL;
    decimal d;
    const char *stop = read_decimal(p, end, false, &d);
    if (!stop || stop != end)
        return say(why, n, "is not a number");
    size_t z = first_nonzero(&d);
    if (z < digit_count(&d) && (compare_magnitude(&d, z, over, over_lead) >= 0 ||
                                compare_magnitude(&d, z, under, under_lead) < 0))
        return say(why, n, "is out of range for %s", name);
    return NULL;
}

/* ---- boolean ------------------------------------------------------------- */

/* Whether s (len bytes) is a prefix of `word`, ignoring case. */
static bool prefix_of(const char *s, size_t len, const char *word)
{
    if (len > strlen(word))
        return false;
    for (size_t i = 0; i < len; i++)
        if (lower(s[i]) != word[i])
            return false;
    return true;
}

/* t, tr, tru, true, f..false, y..yes, n, no, on, of, off (any case), 1 and
 * 0, with white space around. */
static const char *check_bool(const char *s, size_t len, char *why, size_t n)
{
    trim(&s, &len);
    bool ok = false;
    if (len > 0) {
        switch (lower(s[0])) {
        case 't':
            ok = prefix_of(s, len, "true");
            break;
        case 'f':
            ok = prefix_of(s, len, "false");
            break;
        case 'y':
            ok = prefix_of(s, len, "yes");
            break;
        case 'n':
            ok = prefix_of(s, len, "no");
            break;
        case 'o':
            /* "o" alone says neither */
            ok = len >= 2 && (prefix_of(s, len, "on") || prefix_of(s, len, "off"));
            break;
        case '1':
        case '0':
            ok = len == 1;
            break;
        }
    }
    return ok ? NULL : say(why, n, "is not a boolean");
}

/* ---- dates and timestamps ------------------------------------------------ */

/* Words that make a date or a timestamp without any digit. */
static bool special_datetime(const char *s, size_t len)
{
    static const char *const words[] = {"epoch",    "infinity",  "now",     "today",
                                        "tomorrow", "yesterday", "allballs"};
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && ((lower(s[j]) >= 'a' && lower(s[j]) <= 'z')))
            j++;
        for (size_t w = 0; j > i && w < sizeof words / sizeof words[0]; w++)
            if (j - i == strlen(words[w]) && starts_with_word(s + i, j - i, words[w]))
                return true;
        i = j > i ? j : i + 1;
    }
    return false;
}

/* Reads between min and max digits at s[*i]; -1 when there are fewer or
 * more. */
static long digits(const char *s, size_t len, size_t *i, size_t min, size_t max)
{
    size_t start = *i;
    long v = 0;
    while (*i < len && is_digit(s[*i]) && *i - start < max + 1) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    size_t count = *i - start;
    if (count < min || count > max || (*i < len && is_digit(s[*i])))
        return -1;
    return v;
}

static bool take(const char *s, size_t len, size_t *i, char c)
{
    if (*i < len && s[*i] == c) {
        (*i)++;
        return true;
    }
    return false;
}

static int days_in_month(long year, long month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* A zone after an ISO time: Z, or a sign and hours, hh:mm, hhmm or
 * hh:mm:ss. 1 when in range, 0 when out of it, -1 when no such form. */
static int iso_zone(const char *s, size_t len, size_t *i)
{
    if (take(s, len, i, 'Z'))
        return 1;
    if (!take(s, len, i, '+') && !take(s, len, i, '-'))
        return -1;
    size_t start = *i;
    long h = -1, m = 0, sec = 0;
    while (*i < len && is_digit(s[*i]))
        (*i)++;
    size_t run = *i - start;
    *i = start;
    if (run == 4) {
        h = digits(s, len, i, 2, 2);
        m = digits(s, len, i, 2, 2);
    } else if (run == 1 || run == 2) {
        h = digits(s, len, i, 1, 2);
        if (take(s, len, i, ':')) {
            m = digits(s, len, i, 2, 2);
            if (m >= 0 && take(s, len, i, ':'))
                sec = digits(s, len, i, 2, 2);
        }
    }
    if (h < 0 || m < 0 || sec < 0)
        return -1;
    /* the largest displacement PostgreSQL takes is 15:59:59 */
    return h <= 15 && m <= 59 && sec <= 59 ? 1 : 0;
}

/* YYYY-MM-DD, optionally followed by T or spaces and hh:mm[:ss[.f]] and a
 * zone: 1 when every field is in range, 0 when one is not, -1 when the text
 * is not of this form (and is not judged). */
static int iso_datetime(const char *s, size_t len)
{
    size_t i = 0;
    long y = digits(s, len, &i, 4, 4);
    if (y < 0 || !take(s, len, &i, '-'))
        return -1;
    long mo = digits(s, len, &i, 1, 2);
    if (mo < 0 || !take(s, len, &i, '-'))
        return -1;
    long d = digits(s, len, &i, 1, 2);
    if (d < 0)
        return -1;
    bool date_ok = y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(y, mo);
    if (i == len)
        return date_ok;
    if (!take(s, len, &i, 'T')) {
        if (!take(s, len, &i, ' '))
            return -1;
        while (take(s, len, &i, ' '))
            ;
    }
    long h = digits(s, len, &i, 1, 2), mi = -1, sec = 0;
    bool fraction = false;
    if (h < 0 || !take(s, len, &i, ':') || (mi = digits(s, len, &i, 2, 2)) < 0)
        return -1;
    if (take(s, len, &i, ':')) {
        if ((sec = digits(s, len, &i, 2, 2)) < 0)
            return -1;
        if (take(s, len, &i, '.')) {
            size_t start = i;
            for (; i < len && is_digit(s[i]); i++)
                if (s[i] != '0')
                    fraction = true;
            if (i == start)
                return -1;
        }
    }
    int zone = 1;
    if (i < len) {
        while (take(s, len, &i, ' '))
            ;
        zone = iso_zone(s, len, &i);
        if (zone < 0 || i != len)
            return -1;
    }
    /* a leap second and 24:00:00 are taken; with a fraction they are not
     * judged */
    if (fraction && (sec == 60 || h == 24))
        return -1;
    bool time_ok = h <= 24 && mi <= 59 && sec <= 60 && !(h == 24 && (mi > 0 || sec > 0));
    return date_ok && time_ok && zone == 1;
}

static const char *check_datetime(kind k, const char *s, size_t len, char *why, size_t n)
{
    const char *what = k == SG__PGKIND_DATE ? "date" : "timestamp";
    trim(&s, &len);
    bool digit = false;
    for (size_t i = 0; i < len; i++) {
        /* no word of a date or time, no zone name, holds such a byte */
        if ((unsigned char)s[i] >= 0x80)
            return say(why, n, "is not a valid %s", what);
        digit = digit || is_digit(s[i]);
    }
    if (!digit)
        return special_datetime(s, len) ? NULL : say(why, n, "is not a valid %s", what);
    if (iso_datetime(s, len) == 0)
        return say(why, n, "is not a valid %s", what);
    return NULL;
}

/* ---- character lengths --------------------------------------------------- */

/* A text longer than the length is taken when what is beyond it is all
 * spaces, which are cut off. */
static const char *check_length(int max, const char *s, size_t len, char *why, size_t n)
{
    if (max < 0)
        return NULL;
    size_t chars = 0, i = 0;
    for (; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (chars == (size_t)max)
            break;
        chars++;
    }
    for (; i < len; i++)
        if (s[i] != ' ')
            return say(why, n, "is longer than %d character%s", max, max == 1 ? "" : "s");
    return NULL;
}

/* ---- json and jsonb ------------------------------------------------------ */

/* Deeper nesting is not judged: cJSON stops at CJSON_NESTING_LIMIT (1000),
 * the server goes on to its stack's limit. */
enum { JSON_DEPTH_JUDGED = 512 };

/* The \u escapes of a JSON text that cJSON decodes but json_in keeps as
 * written: \u0000, and halves of UTF-16 surrogate pairs (paired or not). A
 * backslash outside a string leaves the text invalid whatever this says. */
typedef struct json_escapes {
    bool nul, surrogate;
} json_escapes;

/* The escapes of s that json_escapes names. When `neutral` is given (a
 * copy of s), each \u0000 there is spelled \u0041, and so is each surrogate
 * half when `surrogates`: what is left is valid JSON exactly when s is valid
 * to json_in. */
static json_escapes json_find_escapes(const char *s, size_t len, char *neutral, bool surrogates)
{
    json_escapes e = {false, false};
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] != '\\')
            continue;
        if (s[i + 1] == 'u' && len - i >= 6 && is_hex(s[i + 2]) && is_hex(s[i + 3]) &&
            is_hex(s[i + 4]) && is_hex(s[i + 5])) {
            bool nul = memcmp(s + i + 2, "0000", 4) == 0;
            bool half = lower(s[i + 2]) == 'd' && lower(s[i + 3]) >= '8';
            e.nul = e.nul || nul;
            e.surrogate = e.surrogate || half;
            if (neutral && (nul || (surrogates && half)))
                memcpy(neutral + i + 2, "0041", 4);
        }
        i++; /* the escaped byte: `\\u0000` is a backslash and "u0000" */
    }
    return e;
}

/* A copy of s in `arena`, neutral as json_find_escapes() makes it; NULL
 * when memory ran out. */
static char *json_neutral_copy(sg__arena *arena, const char *s, size_t len, bool surrogates)
{
    char *copy = sg__arena_strndup(arena, s, len);
    if (copy)
        json_find_escapes(s, len, copy, surrogates);
    return copy;
}

typedef enum { JSON_VALID, JSON_INVALID, JSON_TOO_DEEP, JSON_NOMEM } json_answer;

/* Loads text through the library's one JSON loader (the lexical pre-scan,
 * then cJSON's grammar), each number node keeping its token text. */
static json_answer json_load(sg__arena *arena, const char *s, size_t len, sg__json_doc *doc)
{
    sg__json_opts opts = {.max_bytes = len, .max_depth = JSON_DEPTH_JUDGED, .numbers = true};
    switch (sg__json_load(s, len, &opts, arena, doc)) {
    case SG__JSON_OK:
        return JSON_VALID;
    case SG__JSON_NOMEM:
        return JSON_NOMEM;
    default:
        /* the pre-scan's depth bound, not the server's */
        return !doc->syntax && doc->problem && strstr(doc->problem, "nests too deeply")
                   ? JSON_TOO_DEEP
                   : JSON_INVALID;
    }
}

/* A number jsonb cannot keep as a numeric, in `v` or below it. */
static bool json_number_out_of_range(const cJSON *v)
{
    for (; v; v = v->next) {
        if (cJSON_IsNumber(v) && v->valuestring) {
            decimal d;
            read_decimal(v->valuestring, v->valuestring + strlen(v->valuestring), false, &d);
            if (d.exp >= NUMERIC_EXP_MAX || d.exp <= -NUMERIC_EXP_MAX || !numeric_fits(&d))
                return true;
        }
        if (json_number_out_of_range(v->child))
            return true;
    }
    return false;
}

/* RFC 8259 as json_in reads it; jsonb_in also refuses \u0000, surrogate
 * escapes that do not pair, and numbers beyond numeric's range. */
static const char *json_problem(bool jsonb, const char *s, size_t len, bool *nomem)
{
    sg__arena scratch;
    sg__arena_init(&scratch);
    json_escapes e = json_find_escapes(s, len, NULL, false);
    const char *problem = NULL;
    sg__json_doc doc;
    const char *text = e.nul || e.surrogate ? json_neutral_copy(&scratch, s, len, true) : s;
    json_answer a = text ? json_load(&scratch, text, len, &doc) : JSON_NOMEM;
    if (a == JSON_VALID) {
        if (jsonb && json_number_out_of_range(doc.root))
            problem = "holds a number out of range for jsonb";
        sg__json_doc_release(&doc);
    }
    if (a == JSON_INVALID)
        problem = "is not valid JSON";
    else if (a == JSON_VALID && jsonb && e.nul)
        problem = "holds \\u0000, which jsonb refuses";
    else if (a == JSON_VALID && jsonb && !problem && e.surrogate) {
        /* cJSON decodes each pair, and refuses a half without its partner */
        text = json_neutral_copy(&scratch, s, len, false);
        a = text ? json_load(&scratch, text, len, &doc) : JSON_NOMEM;
        if (a == JSON_VALID)
            sg__json_doc_release(&doc);
        else if (a == JSON_INVALID)
            problem = "holds an unpaired surrogate escape, which jsonb refuses";
    }
    *nomem = a == JSON_NOMEM;
    sg__arena_release(&scratch);
    return problem;
}

static const char *check_json(kind k, const char *s, size_t len, char *why, size_t n, bool *nomem)
{
    const char *problem = json_problem(k == SG__PGKIND_JSONB, s, len, nomem);
    return problem ? say(why, n, "%s", problem) : NULL;
}

/* ---- one value ------------------------------------------------------------ */

static const char *check_scalar(const sg__pgtype *t, kind k, const char *s, size_t len, char *why,
                                size_t n, bool *nomem)
{
    switch (k) {
    case SG__PGKIND_UUID:
        return check_uuid(s, len, why, n);
    case SG__PGKIND_INT2:
    case SG__PGKIND_INT4:
    case SG__PGKIND_INT8:
        return check_integer(k, s, len, why, n);
    case SG__PGKIND_NUMERIC:
        return check_numeric(t, s, len, why, n);
    case SG__PGKIND_FLOAT4:
    case SG__PGKIND_FLOAT8:
        return check_float(k, s, len, why, n);
    case SG__PGKIND_BOOL:
        return check_bool(s, len, why, n);
    case SG__PGKIND_DATE:
    case SG__PGKIND_TIMESTAMP:
    case SG__PGKIND_TIMESTAMPTZ:
        return check_datetime(k, s, len, why, n);
    case SG__PGKIND_BPCHAR:
    case SG__PGKIND_VARCHAR:
        return check_length(t->mod1, s, len, why, n);
    case SG__PGKIND_JSON:
    case SG__PGKIND_JSONB:
        return check_json(k, s, len, why, n, nomem);
    case SG__PGKIND_TEXT:
    case SG__PGKIND_OTHER:
        break;
    }
    return NULL;
}

/* ---- arrays ---------------------------------------------------------------- */

/* PostgreSQL's limit on dimensions (MAXDIM). */
enum { ARRAY_DIMS_MAX = 6, ELEMENT_COPY_MAX = 4096 };

typedef struct array {
    const char *p, *end;
    const sg__pgtype *elem;
    kind k;
    int ndim;                     /* depth of the elements; 0 until the first */
    size_t items[ARRAY_DIMS_MAX]; /* items of the first closed level at each depth */
    size_t element;               /* elements read, for the message */
    bool irregular;               /* elements at different depths */
    bool uneven;                  /* levels of one depth with different sizes */
    bool nomem;                   /* memory ran out judging an element */
    char element_problem[160];    /* the first element's problem, or "" */
    const char *problem;          /* set on a syntax problem */
    char *why;
    size_t n;
} array;

static void array_skip(array *a)
{
    while (a->p < a->end && pg_space(*a->p))
        a->p++;
}

static bool array_fail(array *a, const char *problem)
{
    a->problem = say(a->why, a->n, "%s", problem);
    return false;
}

/* Checks one element, its text in s (len bytes) once escapes are removed;
 * `escaped` when it had any. */
static void array_element_check(array *a, const char *s, size_t len, bool escaped)
{
    char copy[ELEMENT_COPY_MAX];
    if (escaped) {
        /* the element as written, without its backslashes: longer ones are
         * not judged */
        if (len > sizeof copy)
            return;
        size_t m = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '\\')
                i++;
            copy[m++] = s[i];
        }
        s = copy;
        len = m;
    }
    char reason[128];
    if (!a->element_problem[0] && !a->nomem &&
        check_scalar(a->elem, a->k, s, len, reason, sizeof reason, &a->nomem))
        say(a->element_problem, sizeof a->element_problem, "element %zu %s", a->element, reason);
}

/* One element at a->p: "quoted" with backslash escapes, or unquoted up to
 * the next comma or brace, white space around it dropped (not escaped
 * white space), NULL in any case meaning null. */
static bool array_element(array *a)
{
    a->element++;
    bool escaped = false;
    const char *start, *stop;
    if (*a->p == '"') {
        start = ++a->p;
        while (a->p < a->end && *a->p != '"') {
            if (*a->p == '\\') {
                escaped = true;
                if (++a->p >= a->end)
                    break;
            }
            a->p++;
        }
        if (a->p >= a->end)
            return array_fail(a, "is a malformed array literal");
        stop = a->p++;
    } else {
        start = stop = a->p;
        while (a->p < a->end && *a->p != ',' && *a->p != '}') {
            char c = *a->p;
            if (c == '{' || c == '"')
                return array_fail(a, "is a malformed array literal");
            if (c == '\\') {
                escaped = true;
                if (++a->p >= a->end)
                    return array_fail(a, "is a malformed array literal");
            }
            a->p++;
            if (c == '\\' || !pg_space(c))
                stop = a->p;
        }
        if (stop == start)
            return array_fail(a, "is a malformed array literal");
        if (!escaped && stop - start == 4 && starts_with_word(start, 4, "null"))
            return true;
    }
    array_element_check(a, start, (size_t)(stop - start), escaped);
    return true;
}

/* A level at a->p (its opening brace) at `depth` (1 for the outermost):
 * items that are all sub-arrays or all elements, separated by commas. */
static bool array_level(array *a, int depth)
{
    if (depth > ARRAY_DIMS_MAX)
        return array_fail(a, "has more than 6 dimensions");
    a->p++;
    array_skip(a);
    if (a->p < a->end && *a->p == '}') {
        /* only the whole array may be empty */
        a->p++;
        return depth == 1 ? true : array_fail(a, "is a malformed array literal");
    }
    bool nested = a->p < a->end && *a->p == '{';
    size_t items = 0;
    for (;;) {
        array_skip(a);
        if (a->p >= a->end)
            return array_fail(a, "is a malformed array literal");
        if ((*a->p == '{') != nested)
            return array_fail(a, "is a malformed array literal");
        if (nested ? !array_level(a, depth + 1) : !array_element(a))
            return false;
        items++;
        array_skip(a);
        if (a->p < a->end && *a->p == ',') {
            a->p++;
            continue;
        }
        if (a->p < a->end && *a->p == '}') {
            a->p++;
            break;
        }
        return array_fail(a, "is a malformed array literal");
    }
    if (!nested) {
        if (a->ndim == 0)
            a->ndim = depth;
        a->irregular = a->irregular || a->ndim != depth;
    } else if (a->ndim != 0 && depth >= a->ndim) {
        a->irregular = true;
    }
    size_t *expected = &a->items[depth - 1];
    if (*expected == 0)
        *expected = items;
    a->uneven = a->uneven || *expected != items;
    return true;
}

static const char *check_array(const sg__pgtype *t, const char *s, size_t len, char *why, size_t n,
                               bool *nomem)
{
    sg__pgtype elem = *t;
    elem.array_dims = 0;
    array a = {.p = s, .end = s + len, .elem = &elem, .k = elem.kind, .why = why, .n = n};
    array_skip(&a);
    /* dimension decorations ([1:3]={...}) are not judged */
    if (a.p < a.end && *a.p == '[')
        return NULL;
    if (a.p >= a.end || *a.p != '{')
        return say(why, n, "is not an array literal");
    bool well_formed = array_level(&a, 1);
    *nomem = a.nomem;
    if (!well_formed || a.nomem)
        return a.nomem ? NULL : a.problem;
    array_skip(&a);
    if (a.p != a.end)
        return say(why, n, "is a malformed array literal");
    /* PostgreSQL 15 reads some literals whose elements lie at different
     * depths, as an empty array or deeper than written: not judged */
    if (a.irregular)
        return NULL;
    if (a.uneven)
        return say(why, n, "has sub-arrays of different sizes");
    return a.element_problem[0] ? say(why, n, "%s", a.element_problem) : NULL;
}

int sg__pgvalue_check(const sg__pgtype *type, const char *text, char *why, size_t n,
                      const char **problem)
{
    *problem = NULL;
    if (!type || !text)
        return 0;
    size_t len = strlen(text);
    if (!sg__utf8_valid(text, len, NULL)) {
        *problem = say(why, n, "is not valid UTF-8");
        return 0;
    }
    kind k = type->kind;
    if (k == SG__PGKIND_OTHER)
        return 0;
    bool nomem = false;
    const char *found = type->array_dims > 0 ? check_array(type, text, len, why, n, &nomem)
                                             : check_scalar(type, k, text, len, why, n, &nomem);
    if (nomem)
        return -1;
    *problem = found;
    return 0;
}
