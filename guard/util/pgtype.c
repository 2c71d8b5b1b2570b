/*
 * pgtype.c - reading a PostgreSQL type name in any spelling PostgreSQL 15's
 * grammar accepts for a column, and writing it as format_type() prints it.
 *
 * The reading follows the grammar's Typename: the SQL-standard keyword types
 * (INTEGER, DOUBLE PRECISION, CHARACTER VARYING(n), TIMESTAMP(p) WITH TIME
 * ZONE, INTERVAL DAY TO SECOND(p), ...), generic names, possibly qualified,
 * with integer modifiers, and array bounds or ARRAY. Modifiers are checked as
 * the types' modifier input functions check them (varchar(0) is no type,
 * timestamp(7) is timestamp(6)). Which words may not be a type name, and
 * which names format_type() quotes, is PostgreSQL 15's answer to
 *   SELECT word, catcode FROM pg_get_keywords() WHERE catcode <> 'U'
 * (test_pgtype compares it with a live server).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/pgtype.h"
#include "util/text.h"

/* NAMEDATALEN - 1: PostgreSQL cuts longer identifiers to this many bytes. */
enum { IDENT_MAX = SG_PGTYPE_NAME_MAX - 1 };

/* Largest lengths the modifiers of character and bit types may give
 * (MaxAttrSize, and MaxAttrSize in bits), the largest precision of the
 * time types and intervals, and numeric's limits. */
enum {
    CHAR_LEN_MAX = 10485760,
    BIT_LEN_MAX = 83886080,
    TIME_PREC_MAX = 6,
    NUMERIC_PREC_MAX = 1000,
    NUMERIC_SCALE_MAX = 1000
};

typedef struct keyword {
    const char *word;
    char cat; /* 'R' reserved, 'C' column name, 'T' type or function name */
} keyword;

/* The keywords that are not unreserved, sorted in strcmp order. */
static const keyword keywords[] = {
    {"all", 'R'},
    {"analyse", 'R'},
    {"analyze", 'R'},
    {"and", 'R'},
    {"any", 'R'},
    {"array", 'R'},
    {"as", 'R'},
    {"asc", 'R'},
    {"asymmetric", 'R'},
    {"authorization", 'T'},
    {"between", 'C'},
    {"bigint", 'C'},
    {"binary", 'T'},
    {"bit", 'C'},
    {"boolean", 'C'},
    {"both", 'R'},
    {"case", 'R'},
    {"cast", 'R'},
    {"char", 'C'},
    {"character", 'C'},
    {"check", 'R'},
    {"coalesce", 'C'},
    {"collate", 'R'},
    {"collation", 'T'},
    {"column", 'R'},
    {"concurrently", 'T'},
    {"constraint", 'R'},
    {"create", 'R'},
    {"cross", 'T'},
    {"current_catalog", 'R'},
    {"current_date", 'R'},
    {"current_role", 'R'},
    {"current_schema", 'T'},
    {"current_time", 'R'},
    {"current_timestamp", 'R'},
    {"current_user", 'R'},
    {"dec", 'C'},
    {"decimal", 'C'},
    {"default", 'R'},
    {"deferrable", 'R'},
    {"desc", 'R'},
    {"distinct", 'R'},
    {"do", 'R'},
    {"else", 'R'},
    {"end", 'R'},
    {"except", 'R'},
    {"exists", 'C'},
    {"extract", 'C'},
    {"false", 'R'},
    {"fetch", 'R'},
    {"float", 'C'},
    {"for", 'R'},
    {"foreign", 'R'},
    {"freeze", 'T'},
    {"from", 'R'},
    {"full", 'T'},
    {"grant", 'R'},
    {"greatest", 'C'},
    {"group", 'R'},
    {"grouping", 'C'},
    {"having", 'R'},
    {"ilike", 'T'},
    {"in", 'R'},
    {"initially", 'R'},
    {"inner", 'T'},
    {"inout", 'C'},
    {"int", 'C'},
    {"integer", 'C'},
    {"intersect", 'R'},
    {"interval", 'C'},
    {"into", 'R'},
    {"is", 'T'},
    {"isnull", 'T'},
    {"join", 'T'},
    {"lateral", 'R'},
    {"leading", 'R'},
    {"least", 'C'},
    {"left", 'T'},
    {"like", 'T'},
    {"limit", 'R'},
    {"localtime", 'R'},
    {"localtimestamp", 'R'},
    {"national", 'C'},
    {"natural", 'T'},
    {"nchar", 'C'},
    {"none", 'C'},
    {"normalize", 'C'},
    {"not", 'R'},
    {"notnull", 'T'},
    {"null", 'R'},
    {"nullif", 'C'},
    {"numeric", 'C'},
    {"offset", 'R'},
    {"on", 'R'},
    {"only", 'R'},
    {"or", 'R'},
    {"order", 'R'},
    {"out", 'C'},
    {"outer", 'T'},
    {"overlaps", 'T'},
    {"overlay", 'C'},
    {"placing", 'R'},
    {"position", 'C'},
    {"precision", 'C'},
    {"primary", 'R'},
    {"real", 'C'},
    {"references", 'R'},
    {"returning", 'R'},
    {"right", 'T'},
    {"row", 'C'},
    {"select", 'R'},
    {"session_user", 'R'},
    {"setof", 'C'},
    {"similar", 'T'},
    {"smallint", 'C'},
    {"some", 'R'},
    {"substring", 'C'},
    {"symmetric", 'R'},
    {"table", 'R'},
    {"tablesample", 'T'},
    {"then", 'R'},
    {"time", 'C'},
    {"timestamp", 'C'},
    {"to", 'R'},
    {"trailing", 'R'},
    {"treat", 'C'},
    {"trim", 'C'},
    {"true", 'R'},
    {"union", 'R'},
    {"unique", 'R'},
    {"user", 'R'},
    {"using", 'R'},
    {"values", 'C'},
    {"varchar", 'C'},
    {"variadic", 'R'},
    {"verbose", 'T'},
    {"when", 'R'},
    {"where", 'R'},
    {"window", 'R'},
    {"with", 'R'},
    {"xmlattributes", 'C'},
    {"xmlconcat", 'C'},
    {"xmlelement", 'C'},
    {"xmlexists", 'C'},
    {"xmlforest", 'C'},
    {"xmlnamespaces", 'C'},
    {"xmlparse", 'C'},
    {"xmlpi", 'C'},
    {"xmlroot", 'C'},
    {"xmlserialize", 'C'},
    {"xmltable", 'C'},
};

static int by_word(const void *key, const void *elem)
{
    return strcmp(key, ((const keyword *)elem)->word);
}

/* The category of `word` ('R', 'C' or 'T'), or 'U' for an unreserved
 * keyword or no keyword at all. */
static char keyword_category(const char *word)
{
    const keyword *k =
        bsearch(word, keywords, sizeof keywords / sizeof keywords[0], sizeof keywords[0], by_word);
    return k ? k->cat : 'U';
}

/* How a type of pg_catalog takes modifiers. */
typedef enum mods_kind {
    MODS_NONE,    /* none: uuid(3) is no type */
    MODS_CHAR,    /* a length in characters: character(n), character varying(n) */
    MODS_BIT,     /* a length in bits: bit(n), bit varying(n) */
    MODS_NUMERIC, /* precision and scale */
    MODS_TIME,    /* a fractional-second precision */
    MODS_INTERVAL /* a range mask; read only without modifiers */
} mods_kind;

typedef struct builtin {
    const char *typname;  /* pg_type.typname */
    const char *spelling; /* format_type()'s, without modifiers */
    mods_kind mods;
} builtin;

/* The types of pg_catalog a generic name (int4, pg_catalog.varchar(10),
 * "char") may name whose spelling differs from their name or that take
 * modifiers, and the common ones a column has, so that a modifier on them is
 * refused as PostgreSQL refuses it. Other names are kept as written. */
static const builtin builtins[] = {
    {"bool", "boolean", MODS_NONE},
    {"int2", "smallint", MODS_NONE},
    {"int4", "integer", MODS_NONE},
    {"int8", "bigint", MODS_NONE},
    {"float4", "real", MODS_NONE},
    {"float8", "double precision", MODS_NONE},
    {"numeric", "numeric", MODS_NUMERIC},
    {"bpchar", "character", MODS_CHAR},
    {"varchar", "character varying", MODS_CHAR},
    {"bit", "bit", MODS_BIT},
    {"varbit", "bit varying", MODS_BIT},
    {"timestamp", "timestamp without time zone", MODS_TIME},
    {"timestamptz", "timestamp with time zone", MODS_TIME},
    {"time", "time without time zone", MODS_TIME},
    {"timetz", "time with time zone", MODS_TIME},
    {"interval", "interval", MODS_INTERVAL},
    {"char", "\"char\"", MODS_NONE},
    {"text", "text", MODS_NONE},
    {"name", "name", MODS_NONE},
    {"uuid", "uuid", MODS_NONE},
    {"json", "json", MODS_NONE},
    {"jsonb", "jsonb", MODS_NONE},
    {"jsonpath", "jsonpath", MODS_NONE},
    {"xml", "xml", MODS_NONE},
    {"date", "date", MODS_NONE},
    {"bytea", "bytea", MODS_NONE},
    {"money", "money", MODS_NONE},
    {"oid", "oid", MODS_NONE},
    {"inet", "inet", MODS_NONE},
    {"cidr", "cidr", MODS_NONE},
    {"macaddr", "macaddr", MODS_NONE},
    {"macaddr8", "macaddr8", MODS_NONE},
    {"tsvector", "tsvector", MODS_NONE},
    {"tsquery", "tsquery", MODS_NONE},
    {"point", "point", MODS_NONE},
    {"int4range", "int4range", MODS_NONE},
    {"int8range", "int8range", MODS_NONE},
    {"numrange", "numrange", MODS_NONE},
    {"daterange", "daterange", MODS_NONE},
    {"tsrange", "tsrange", MODS_NONE},
    {"tstzrange", "tstzrange", MODS_NONE},
};

static const builtin *find_builtin(const char *typname)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].typname, typname) == 0)
            return &builtins[i];
    return NULL;
}

/* The spellings of the SQL-standard types that are keywords, not type
 * names: pg_catalog.integer names no type. */
static bool standard_spelling(const char *name)
{
    static const char *const words[] = {"int",       "integer", "smallint", "bigint", "real",
                                        "float",     "double",  "decimal",  "dec",    "boolean",
                                        "character", "nchar",   "national"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i], name) == 0)
            return true;
    return false;
}

/* CREATE TABLE turns a column of these into an integer kind with a sequence
 * default; no type has these names. */
static bool serial_name(const char *name)
{
    static const char *const words[] = {"smallserial", "serial2",   "serial",
                                        "serial4",     "bigserial", "serial8"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i], name) == 0)
            return true;
    return false;
}

/* ---- tokens ------------------------------------------------------------ */

typedef enum tok_kind {
    TOK_END,
    TOK_WORD,   /* an unquoted identifier or keyword, folded to lower case */
    TOK_QUOTED, /* a quoted identifier, quotes removed */
    TOK_NUMBER, /* an unsigned integer literal that fits an int */
    TOK_PUNCT,
    TOK_BAD /* anything the grammar of a type name cannot hold */
} tok_kind;

typedef struct token {
    tok_kind kind;
    char text[IDENT_MAX + 1];
    int number;
    char punct;
} token;

typedef struct reader {
    const char *p;
    token tok; /* the current token */
} reader;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Skips white space and comments (-- to the end of the line, and nested
 * slash-star comments); false at an unterminated comment. */
static bool skip_space(reader *r)
{
    for (;;) {
        const char *p = r->p;
        if (is_space(*p)) {
            r->p++;
        } else if (p[0] == '-' && p[1] == '-') {
            while (*r->p && *r->p != '\n' && *r->p != '\r')
                r->p++;
        } else if (p[0] == '/' && p[1] == '*') {
            int depth = 0;
            do {
                if (!*p)
                    return false;
                if (p[0] == '/' && p[1] == '*') {
                    depth++;
                    p += 2;
                } else if (p[0] == '*' && p[1] == '/') {
                    depth--;
                    p += 2;
                } else {
                    p++;
                }
            } while (depth > 0);
            r->p = p;
        } else {
            return true;
        }
    }
}

/* Appends byte c to an identifier being read; PostgreSQL keeps only the
 * first IDENT_MAX bytes of a longer one. */
static void ident_put(token *t, size_t *len, unsigned char c)
{
    if (*len < IDENT_MAX)
        t->text[(*len)++] = (char)c;
}

/* Terminates an identifier of `len` bytes. One cut at IDENT_MAX bytes may
 * end inside a UTF-8 character: that character is dropped, as pg_mbcliplen
 * drops it. */
static void ident_end(token *t, size_t len)
{
    size_t start = len;
    while (start > 0 && ((unsigned char)t->text[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0 && (unsigned char)t->text[start - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)t->text[start - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (len - (start - 1) < need)
            len = start - 1;
    }
    t->text[len] = '\0';
}

static void read_word(reader *r)
{
    size_t len = 0;
    while (sg__ident_char((unsigned char)*r->p)) {
        char c = *r->p++;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        ident_put(&r->tok, &len, (unsigned char)c);
    }
    ident_end(&r->tok, len);
    r->tok.kind = TOK_WORD;
}

static void read_quoted(reader *r)
{
    size_t len = 0;
    r->p++;
    for (;;) {
        if (!*r->p) {
            r->tok.kind = TOK_BAD; /* unterminated */
            return;
        }
        if (*r->p == '"') {
            if (r->p[1] != '"')
                break;
            r->p++; /* a doubled quote is one quote */
        }
        ident_put(&r->tok, &len, (unsigned char)*r->p++);
    }
    r->p++;
    ident_end(&r->tok, len);
    /* a zero-length quoted identifier is an error */
    r->tok.kind = len == 0 ? TOK_BAD : TOK_QUOTED;
}

static void read_number(reader *r)
{
    long v = 0;
    while (*r->p >= '0' && *r->p <= '9') {
        v = v * 10 + (*r->p++ - '0');
        if (v > INT_MAX)
            v = (long)INT_MAX + 1;
    }
    /* a decimal, an exponent, or digits that run into a name are no
     * integer modifier or bound in any spelling */
    if (v > INT_MAX || *r->p == '.' || sg__ident_char((unsigned char)*r->p)) {
        r->tok.kind = TOK_BAD;
        return;
    }
    r->tok.kind = TOK_NUMBER;
    r->tok.number = (int)v;
}

static void advance(reader *r)
{
    r->tok.text[0] = '\0';
    if (!skip_space(r)) {
        r->tok.kind = TOK_BAD;
        return;
    }
    unsigned char c = (unsigned char)*r->p;
    if (c == '\0') {
        r->tok.kind = TOK_END;
    } else if (c == '"') {
        read_quoted(r);
    } else if (sg__ident_start(c)) {
        read_word(r);
    } else if (c >= '0' && c <= '9') {
        read_number(r);
    } else {
        r->tok.kind = TOK_PUNCT;
        r->tok.punct = (char)c;
        r->p++;
    }
}

static bool at_word(const reader *r, const char *word)
{
    return r->tok.kind == TOK_WORD && strcmp(r->tok.text, word) == 0;
}

static bool at_punct(const reader *r, char c)
{
    return r->tok.kind == TOK_PUNCT && r->tok.punct == c;
}

/* Consumes `word` when it is the current token. */
static bool take_word(reader *r, const char *word)
{
    if (!at_word(r, word))
        return false;
    advance(r);
    return true;
}

static bool take_punct(reader *r, char c)
{
    if (!at_punct(r, c))
        return false;
    advance(r);
    return true;
}

/* The word after the current token, without consuming anything. */
static bool next_is_word(const reader *r, const char *word)
{
    reader peek = *r;
    advance(&peek);
    return at_word(&peek, word);
}

/* ( Iconst ): an unsigned integer in parentheses. 1 when read, 0 when no
 * parenthesis follows, -1 on anything else. */
static int iconst_mod(reader *r, int *value)
{
    if (!take_punct(r, '('))
        return 0;
    if (r->tok.kind != TOK_NUMBER)
        return -1;
    *value = r->tok.number;
    advance(r);
    return take_punct(r, ')') ? 1 : -1;
}

/* ( expr_list ) of integer constants, a minus sign allowed: the number read
 * (0 when no parenthesis follows), -1 on anything else or more than two. */
static int int_mods(reader *r, int mods[2])
{
    if (!take_punct(r, '('))
        return 0;
    int n = 0;
    do {
        bool minus = take_punct(r, '-');
        if (r->tok.kind != TOK_NUMBER || n == 2)
            return -1;
        mods[n++] = minus ? -r->tok.number : r->tok.number;
        advance(r);
    } while (take_punct(r, ','));
    return take_punct(r, ')') ? n : -1;
}

/* ---- modifiers as the types' typmodin functions check them ------------ */

static bool set_length(sg__pgtype *t, int n, const int *mods, int max)
{
    if (n == 0)
        return true;
    if (n != 1 || mods[0] < 1 || mods[0] > max)
        return false;
    t->mod1 = mods[0];
    return true;
}

static bool set_numeric(sg__pgtype *t, int n, const int *mods)
{
    if (n == 0)
        return true;
    if (mods[0] < 1 || mods[0] > NUMERIC_PREC_MAX)
        return false;
    int scale = n == 2 ? mods[1] : 0;
    if (scale < -NUMERIC_SCALE_MAX || scale > NUMERIC_SCALE_MAX)
        return false;
    t->mod1 = mods[0];
    t->mod2 = scale;
    return true;
}

/* A precision over the maximum is reduced to it (PostgreSQL warns). */
static bool set_precision(sg__pgtype *t, int n, const int *mods)
{
    if (n == 0)
        return true;
    if (n != 1 || mods[0] < 0)
        return false;
    t->mod1 = mods[0] > TIME_PREC_MAX ? TIME_PREC_MAX : mods[0];
    return true;
}

static bool set_name(sg__pgtype *t, const char *spelling)
{
    size_t len = strlen(spelling);
    if (len >= sizeof t->name)
        return false;
    memcpy(t->name, spelling, len + 1);
    return true;
}

/* ---- the SQL-standard keyword types ----------------------------------- */

/* [ WITH | WITHOUT ] TIME ZONE after TIME or TIMESTAMP. */
static int time_zone(reader *r, bool *tz)
{
    *tz = false;
    if (at_word(r, "with") || at_word(r, "without")) {
        *tz = at_word(r, "with");
        advance(r);
        if (!take_word(r, "time") || !take_word(r, "zone"))
            return -1;
    }
    return 1;
}

static int time_type(reader *r, sg__pgtype *t, const char *word)
{
    int prec = -1, got = iconst_mod(r, &prec);
    bool tz;
    if (got < 0 || time_zone(r, &tz) < 0)
        return -1;
    char spelling[40];
    snprintf(spelling, sizeof spelling, "%s %s time zone", word, tz ? "with" : "without");
    if (!set_name(t, spelling))
        return -1;
    return set_precision(t, got, &prec) ? 1 : -1;
}

/* SECOND [ ( p ) ] at the end of an interval's fields. */
static int second_field(reader *r, sg__pgtype *t)
{
    int prec = -1, got = iconst_mod(r, &prec);
    if (got < 0)
        return -1;
    return set_precision(t, got, &prec) ? 1 : -1;
}

/* INTERVAL [ fields ] | INTERVAL ( p ): the fields become part of the
 * name, as format_type() writes them before the precision. */
static int interval_type(reader *r, sg__pgtype *t)
{
    int prec = -1, got = iconst_mod(r, &prec);
    if (got != 0) {
        set_name(t, "interval");
        return got > 0 && set_precision(t, got, &prec) ? 1 : -1;
    }
    static const char *const units[] = {"year", "month", "day", "hour", "minute", "second"};
    size_t from = 0;
    while (from < 6 && !at_word(r, units[from]))
        from++;
    if (from == 6) {
        set_name(t, "interval");
        return 1;
    }
    advance(r);
    char spelling[40];
    snprintf(spelling, sizeof spelling, "interval %s", units[from]);
    if (from == 5)
        return set_name(t, spelling) ? second_field(r, t) : -1;
    if (!take_word(r, "to"))
        return set_name(t, spelling) ? 1 : -1;
    /* YEAR TO MONTH, DAY TO HOUR|MINUTE|SECOND, HOUR TO MINUTE|SECOND,
     * MINUTE TO SECOND */
    size_t to = from + 1;
    if (from == 0)
        to = at_word(r, "month") ? 1 : 6;
    else if (from == 1)
        to = 6;
    else
        while (to < 6 && !at_word(r, units[to]))
            to++;
    if (to == 6)
        return -1;
    advance(r);
    snprintf(spelling, sizeof spelling, "interval %s to %s", units[from], units[to]);
    if (!set_name(t, spelling))
        return -1;
    return to == 5 ? second_field(r, t) : 1;
}

/* CHARACTER, CHAR, NCHAR, NATIONAL CHAR[ACTER], VARCHAR, each [VARYING] but
 * VARCHAR, each [ ( n ) ]. Without a length CHARACTER is character(1). */
static int character_type(reader *r, sg__pgtype *t, bool varchar)
{
    bool varying = varchar || take_word(r, "varying");
    int len = -1, got = iconst_mod(r, &len);
    if (got < 0)
        return -1;
    set_name(t, varying ? "character varying" : "character");
    if (got == 0 && !varying) {
        len = 1;
        got = 1;
    }
    return set_length(t, got, &len, CHAR_LEN_MAX) ? 1 : -1;
}

/* BIT [VARYING] [ ( n ) ]; without a length BIT is bit(1). */
static int bit_type(reader *r, sg__pgtype *t)
{
    bool varying = take_word(r, "varying");
    int mods[2], got = int_mods(r, mods);
    if (got < 0)
        return -1;
    set_name(t, varying ? "bit varying" : "bit");
    if (got == 0 && !varying) {
        mods[0] = 1;
        got = 1;
    }
    return set_length(t, got, mods, BIT_LEN_MAX) ? 1 : -1;
}

/* FLOAT [ ( p ) ]: real up to 24 bits of precision, double precision up to
 * 53. */
static int float_type(reader *r, sg__pgtype *t)
{
    int p = 53, got = iconst_mod(r, &p);
    if (got < 0 || p < 1 || p > 53)
        return -1;
    set_name(t, p <= 24 ? "real" : "double precision");
    return 1;
}

/* A type the grammar spells with keywords: 1 when read (r is past it), 0
 * when the current token starts none, -1 when it starts one badly. */
static int keyword_type(reader *r, sg__pgtype *t)
{
    static const struct {
        const char *word, *spelling;
    } plain[] = {{"int", "integer"},   {"integer", "integer"}, {"smallint", "smallint"},
                 {"bigint", "bigint"}, {"real", "real"},       {"boolean", "boolean"}};
    if (r->tok.kind != TOK_WORD)
        return 0;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        if (take_word(r, plain[i].word)) {
            set_name(t, plain[i].spelling);
            return 1;
        }
    }
    /* DOUBLE alone is an unreserved word, and may name a type of its own */
    if (at_word(r, "double") && next_is_word(r, "precision")) {
        advance(r);
        advance(r);
        set_name(t, "double precision");
        return 1;
    }
    if (take_word(r, "float"))
        return float_type(r, t);
    if (take_word(r, "numeric") || take_word(r, "decimal") || take_word(r, "dec")) {
        int mods[2], got = int_mods(r, mods);
        set_name(t, "numeric");
        return got >= 0 && set_numeric(t, got, mods) ? 1 : -1;
    }
    if (take_word(r, "bit"))
        return bit_type(r, t);
    if (take_word(r, "national")) {
        if (!take_word(r, "character") && !take_word(r, "char"))
            return -1;
        return character_type(r, t, false);
    }
    if (take_word(r, "character") || take_word(r, "char") || take_word(r, "nchar"))
        return character_type(r, t, false);
    if (take_word(r, "varchar"))
        return character_type(r, t, true);
    if (take_word(r, "timestamp"))
        return time_type(r, t, "timestamp");
    if (take_word(r, "time"))
        return time_type(r, t, "time");
    if (take_word(r, "interval"))
        return interval_type(r, t);
    return 0;
}

/* ---- generic names ---------------------------------------------------- */

/* Whether quote_ident() leaves `s` as it is: lower-case letters, digits and
 * underscores, not starting with a digit, and no keyword but an unreserved
 * one. */
static bool plain_identifier(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return keyword_category(s) == 'U';
}

typedef struct writer {
    char *buf;
    size_t n, len;
} writer;

static void put(writer *o, const char *s, size_t len)
{
    if (o->len < o->n) {
        size_t room = o->n - 1 - o->len < len ? o->n - 1 - o->len : len;
        memcpy(o->buf + o->len, s, room);
        o->buf[o->len + room] = '\0';
    }
    o->len += len;
}

static void put_str(writer *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_identifier(writer *o, const char *s)
{
    if (plain_identifier(s)) {
        put_str(o, s);
        return;
    }
    put(o, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            put(o, "\"\"", 2); /* a quote in the name is written twice */
        else
            put(o, p, 1);
    }
    put(o, "\"", 1);
}

/* A name of one or two parts, as written. */
typedef struct parts {
    char schema[IDENT_MAX + 1];
    char name[IDENT_MAX + 1];
    bool qualified;
} parts;

/* Reads `name` or `schema.name`; false when it is no type name: a reserved
 * word, a column-name keyword unquoted, or more than two parts. */
static bool read_parts(reader *r, parts *n)
{
    if (r->tok.kind != TOK_WORD && r->tok.kind != TOK_QUOTED)
        return false;
    token first = r->tok;
    advance(r);
    if (!at_punct(r, '.')) {
        /* an unqualified type name may be a type or function name keyword
         * (a type named "left"), never a reserved or column-name one */
        if (first.kind == TOK_WORD && strchr("RC", keyword_category(first.text)))
            return false;
        memcpy(n->name, first.text, sizeof n->name);
        return true;
    }
    /* a qualifier is a column identifier: no keyword but unreserved ones */
    if (first.kind == TOK_WORD && keyword_category(first.text) != 'U')
        return false;
    advance(r);
    /* after the dot any word is a name, keywords included */
    if (r->tok.kind != TOK_WORD && r->tok.kind != TOK_QUOTED)
        return false;
    memcpy(n->schema, first.text, sizeof n->schema);
    memcpy(n->name, r->tok.text, sizeof n->name);
    n->qualified = true;
    advance(r);
    return !at_punct(r, '.');
}

/* Applies the modifiers of a generic name to a type of pg_catalog. */
static bool builtin_mods(sg__pgtype *t, const builtin *b, int n, const int *mods)
{
    switch (b->mods) {
    case MODS_NONE:
        return n == 0;
    case MODS_CHAR:
        return set_length(t, n, mods, CHAR_LEN_MAX);
    case MODS_BIT:
        return set_length(t, n, mods, BIT_LEN_MAX);
    case MODS_NUMERIC:
        return set_numeric(t, n, mods);
    case MODS_TIME:
        return set_precision(t, n, mods);
    case MODS_INTERVAL:
        return n == 0;
    }
    return false;
}

/* A generic type name: [schema.]name [ ( modifiers ) ]. An array type's
 * name (_int4) is the array of its element, as PostgreSQL names them. */
static int generic_type(reader *r, sg__pgtype *t, bool *array_name)
{
    parts n = {0};
    if (!read_parts(r, &n))
        return -1;
    int mods[2], got = int_mods(r, mods);
    if (got < 0)
        return -1;
    bool catalog = !n.qualified || strcmp(n.schema, "pg_catalog") == 0;
    const char *name = n.name;
    if (catalog && (serial_name(name) || (n.qualified && standard_spelling(name))))
        return -1;
    *array_name = name[0] == '_' && name[1] != '\0';
    if (*array_name)
        name++;
    const builtin *b = catalog ? find_builtin(name) : NULL;
    if (b) {
        set_name(t, b->spelling);
        return builtin_mods(t, b, got, mods) ? 1 : -1;
    }
    char spelling[sizeof t->name + 1];
    writer o = {spelling, sizeof spelling, 0};
    if (!catalog) {
        put_identifier(&o, n.schema);
        put(&o, ".", 1);
    }
    put_identifier(&o, name);
    if (o.len >= sizeof t->name)
        return -1;
    set_name(t, spelling);
    /* a type we do not know keeps its modifiers; a negative one would read
     * as absent */
    for (int i = 0; i < got; i++)
        if (mods[i] < 0)
            return -1;
    t->mod1 = got > 0 ? mods[0] : -1;
    t->mod2 = got > 1 ? mods[1] : -1;
    return 1;
}

/* [ ] or [ n ], any number of times, or ARRAY [ [ n ] ]: the number of
 * dimensions written (PostgreSQL records neither it nor the sizes). */
static int array_bounds(reader *r)
{
    if (take_word(r, "array")) {
        if (take_punct(r, '[')) {
            if (r->tok.kind != TOK_NUMBER)
                return -1;
            advance(r);
            if (!take_punct(r, ']'))
                return -1;
        }
        return 1;
    }
    int dims = 0;
    while (take_punct(r, '[')) {
        if (r->tok.kind == TOK_NUMBER)
            advance(r);
        if (!take_punct(r, ']'))
            return -1;
        if (dims < INT_MAX)
            dims++;
    }
    return dims;
}

/* The number of a base type's name in format_type()'s spelling (see
 * sg__pgkind): compared here once, when the name is read. */
static sg__pgkind kind_of(const char *n)
{
    static const struct {
        const char *name;
        sg__pgkind kind;
    } kinds[] = {
        {"uuid", SG__PGKIND_UUID},
        {"smallint", SG__PGKIND_INT2},
        {"integer", SG__PGKIND_INT4},
        {"bigint", SG__PGKIND_INT8},
        {"boolean", SG__PGKIND_BOOL},
        {"numeric", SG__PGKIND_NUMERIC},
        {"real", SG__PGKIND_FLOAT4},
        {"double precision", SG__PGKIND_FLOAT8},
        {"date", SG__PGKIND_DATE},
        {"timestamp without time zone", SG__PGKIND_TIMESTAMP},
        {"timestamp with time zone", SG__PGKIND_TIMESTAMPTZ},
        {"text", SG__PGKIND_TEXT},
        {"character", SG__PGKIND_BPCHAR},
        {"character varying", SG__PGKIND_VARCHAR},
        {"json", SG__PGKIND_JSON},
        {"jsonb", SG__PGKIND_JSONB},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(n, kinds[i].name) == 0)
            return kinds[i].kind;
    return SG__PGKIND_OTHER;
}

bool sg__pgtype_parse(const char *text, sg__pgtype *out)
{
    if (!text || !out)
        return false;
    reader r = {.p = text};
    sg__pgtype t = {.mod1 = -1, .mod2 = -1};
    advance(&r);
    bool array_name = false;
    int got = keyword_type(&r, &t);
    if (got == 0)
        got = generic_type(&r, &t, &array_name);
    if (got < 0)
        return false;
    int dims = array_bounds(&r);
    /* an array type has no array type of its own: _int4[] is no type */
    if (dims < 0 || r.tok.kind != TOK_END || (array_name && dims > 0))
        return false;
    t.array_dims = array_name ? 1 : dims;
    t.kind = kind_of(t.name);
    *out = t;
    return true;
}

/* The time types write their precision after their first word:
 * "timestamp(3) with time zone". */
static size_t time_prefix(const char *name)
{
    static const char *const names[] = {"timestamp without time zone", "timestamp with time zone",
                                        "time without time zone", "time with time zone"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return strcspn(name, " ");
    return 0;
}

size_t sg__pgtype_format(const sg__pgtype *t, char *buf, size_t n)
{
    writer o = {buf, n, 0};
    if (n > 0)
        buf[0] = '\0';
    const char *name = t->name;
    size_t split = time_prefix(name);
    char mods[32] = "";
    if (strcmp(name, "numeric") == 0 && t->mod1 >= 0)
        snprintf(mods, sizeof mods, "(%d,%d)", t->mod1, t->mod2);
    else if (t->mod1 >= 0 && t->mod2 >= 0)
        snprintf(mods, sizeof mods, "(%d,%d)", t->mod1, t->mod2);
    else if (t->mod1 >= 0)
        snprintf(mods, sizeof mods, "(%d)", t->mod1);

    if (t->mod1 < 0 && strcmp(name, "character") == 0) {
        /* bpchar without a length is not character, which is character(1) */
        put_str(&o, "bpchar");
    } else if (t->mod1 < 0 && strcmp(name, "bit") == 0) {
        /* likewise bit without a length is not bit, which is bit(1) */
        put_str(&o, "\"bit\"");
    } else if (split > 0 && mods[0]) {
        put(&o, name, split);
        put_str(&o, mods);
        put_str(&o, name + split);
    } else {
        put_str(&o, name);
        put_str(&o, mods);
    }
    if (t->array_dims > 0)
        put_str(&o, "[]");
    return o.len;
}

unsigned long long sg__pgtype_geometry_points(const char *text)
{
    unsigned long long open = 0, commas = 0;
    for (; *text; text++) {
        open += *text == '(';
        commas += *text == ',';
    }
    return open > (commas + 1) / 2 ? open : (commas + 1) / 2;
}
