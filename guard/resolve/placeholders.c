/*
 * placeholders.c - compiles psycopg-style placeholders into PostgreSQL's $n.
 *
 * The guard parses the SQL that PostgreSQL will actually see, so the caller's
 * %s / %(name)s text is rewritten first, following psycopg 3's tokenizer byte
 * for byte, and every rewrite is recorded so diagnostics can point back into
 * the caller's text.
 */
#include "resolve/placeholders.h"

#include <stdint.h>
#include <string.h>

#include "util/text.h"

/* PostgreSQL's wire protocol counts parameters in an int16. */
enum { MAX_PARAMS = 65535 };

/* A text with at most this many '%' gets its records reserved in one
 * allocation before the compile (every token starts at a '%'); a text with
 * more grows them as it goes, so that a text of "%%" never reserves a
 * placeholder record per byte. */
enum { RESERVED_TOKENS = 64 };

/* Error messages shown to callers, worded after psycopg's own. */
static const char ERR_INCOMPLETE_PAREN[] = "incomplete placeholder: '%('";
static const char ERR_INCOMPLETE_SPACE[] =
    "incomplete placeholder: '%'; to use '%' as an operator, double it: '%%'";
static const char ERR_MIXED[] = "named and positional placeholders cannot be mixed";
static const char ERR_TOO_MANY[] = "more than 65535 placeholders";

/* Names longer than this are cut in messages: the message names the token, it need not echo it. */
enum { SHOWN_NAME_MAX = 40 };

/*
 * Distinct names, found by hashing so that a query with tens of thousands of
 * names stays linear. Keys are the name's bytes in the source, compared with
 * their length because a name may legally contain a NUL byte.
 */
typedef struct name_slot {
    const char *src; /* NULL: empty slot */
    size_t len;
    const char *copy; /* the arena copy published in names[] */
    unsigned number;
} name_slot;

typedef struct name_table {
    name_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} name_table;

static name_slot *find_slot(name_slot *slots, size_t cap, const char *src, size_t len)
{
    size_t i = (size_t)sg__fnv1a(SG__FNV1A_INIT, src, len) & (cap - 1);
    while (slots[i].src && (slots[i].len != len || memcmp(slots[i].src, src, len) != 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Keeps the load factor at or below one half; returns -1 on allocation failure.
 * `expected` is how many names the text may hold at most, as far as known:
 * the first table is made big enough for them. */
static int reserve_name(sg__arena *arena, name_table *t, size_t expected)
{
    if ((t->count + 1) * 2 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 16;
    while (!t->cap && cap < expected * 2 && cap < RESERVED_TOKENS * 2)
        cap *= 2;
    name_slot *slots = sg__arena_alloc(arena, cap * sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->slots[i].src)
            *find_slot(slots, cap, t->slots[i].src, t->slots[i].len) = t->slots[i];
    }
    t->slots = slots;
    t->cap = cap;
    return 0;
}

/* Writes the decimal digits of n (no terminator) and returns how many. */
static size_t put_decimal(char *dst, unsigned n)
{
    char digits[10];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    for (size_t i = 0; i < count; i++)
        dst[i] = digits[count - 1 - i];
    return count;
}

static size_t put_shown_byte(char *dst, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    /* Messages end up in JSON and terminals: keep them plain printable ASCII. */
    if (c >= 0x20 && c < 0x7f) {
        dst[0] = (char)c;
        return 1;
    }
    dst[0] = '\\';
    dst[1] = 'x';
    dst[2] = hex[c >> 4];
    dst[3] = hex[c & 0xf];
    return 4;
}

/*
 * The message for a token that is neither "%%", "%s" nor "%(name)s". `name` is
 * NULL for a two-byte token "%X".
 */
static const char *unsupported_message(sg__arena *arena, const char *name, size_t name_len,
                                       unsigned char conv)
{
    size_t shown_len = name_len > SHOWN_NAME_MAX ? SHOWN_NAME_MAX : name_len;
    char shown[2 + SHOWN_NAME_MAX * 4 + 3 + 1 + 4 + 1];
    size_t n = 0;
    shown[n++] = '%';
    if (name) {
        shown[n++] = '(';
        for (size_t i = 0; i < shown_len; i++)
            n += put_shown_byte(shown + n, (unsigned char)name[i]);
        if (shown_len < name_len) {
            memcpy(shown + n, "...", 3);
            n += 3;
        }
        shown[n++] = ')';
    }
    n += put_shown_byte(shown + n, conv);
    shown[n] = '\0';
    return sg__arena_printf(arena, "only '%%s' and '%%(name)s' placeholders are allowed, got '%s'",
                            shown);
}

/*
 * Matches psycopg's %(?:(?:\(([^)]+)\).)|(?:.)) at sql[at] == '%'. Returns the
 * token's length, or 0 where the pattern does not match (end of text or a
 * newline after the '%'). For the named form, *name and *name_len are set; for
 * the two-byte form *name is NULL.
 */
static size_t match_token(const char *sql, size_t len, size_t at, const char **name,
                          size_t *name_len)
{
    *name = NULL;
    *name_len = 0;
    if (at + 1 >= len || sql[at + 1] == '\n')
        return 0;
    if (sql[at + 1] == '(' && at + 2 < len) {
        /* A search that finds no usable ')' always ends the compile with an error, so the
         * scan stays linear even though it may run to the end of the text. */
        const char *close = memchr(sql + at + 2, ')', len - (at + 2));
        if (close) {
            size_t c = (size_t)(close - sql);
            /* The name needs a byte, and '.' after ')' neither matches a newline nor the end. */
            if (c > at + 2 && c + 1 < len && sql[c + 1] != '\n') {
                *name = sql + at + 2;
                *name_len = c - (at + 2);
                return c + 2 - at;
            }
        }
    }
    return 2;
}

/* The compile of one text, between its tokens. */
typedef struct compiler {
    sg__arena *arena;
    const char *sql;
    size_t len;
    char *buf;     /* the compiled text */
    size_t o;      /* bytes written to buf */
    size_t copied; /* source bytes up to here are already in buf */
    sg__vec placeholders, segments, names;
    name_table table;
    sg__ph_style style;
    size_t percents;   /* '%' bytes in the text: no more tokens than these */
    size_t positional; /* %s seen */
    const char *error; /* set once the text breaks psycopg's rules */
    size_t error_offset;
} compiler;

/* Stops the compile with `error` at byte `at`; returns 1. */
static int stop(compiler *c, const char *error, size_t at)
{
    c->error = error;
    c->error_offset = at;
    return 1;
}

/* The message for a token that is neither %%, %s nor %(name)s; 1, or -1
 * when memory ran out. */
static int bad_token(compiler *c, size_t at, const char *name, size_t name_len, unsigned char conv)
{
    if (!name && conv == '(')
        return stop(c, ERR_INCOMPLETE_PAREN, at);
    if (!name && conv == ' ')
        return stop(c, ERR_INCOMPLETE_SPACE, at);
    const char *msg = unsupported_message(c->arena, name, name_len, conv);
    return msg ? stop(c, msg, at) : -1;
}

/* The $n of a named placeholder: the number its name got at first use.
 * Returns 0, 1 when the text has too many names, -1 when memory ran out. */
static int named_number(compiler *c, size_t at, const char *name, size_t name_len, unsigned *number,
                        const char **name_copy)
{
    if (reserve_name(c->arena, &c->table, c->percents) < 0)
        return -1;
    name_slot *slot = find_slot(c->table.slots, c->table.cap, name, name_len);
    if (!slot->src) {
        if (c->names.count == MAX_PARAMS)
            return stop(c, ERR_TOO_MANY, at);
        const char **entry = sg__vec_push(c->arena, &c->names, sizeof *entry);
        char *copy = sg__arena_strndup(c->arena, name, name_len);
        if (!entry || !copy)
            return -1;
        *entry = copy;
        slot->src = name;
        slot->len = name_len;
        slot->copy = copy;
        slot->number = (unsigned)c->names.count;
        c->table.count++;
    }
    *number = slot->number;
    *name_copy = slot->copy;
    return 0;
}

/* Writes the text before the token and the token's replacement ("%" for
 * "%%", "$n" for a placeholder), and records where each came from. */
static int emit(compiler *c, size_t at, size_t tok_len, unsigned number, const char *name_copy)
{
    if (at > c->copied) {
        memcpy(c->buf + c->o, c->sql + c->copied, at - c->copied);
        c->o += at - c->copied;
    }
    size_t out_offset = c->o;
    if (!number) {
        c->buf[c->o++] = '%';
    } else {
        c->buf[c->o++] = '$';
        c->o += put_decimal(c->buf + c->o, number);
        sg__placeholder *ph = sg__vec_push(c->arena, &c->placeholders, sizeof *ph);
        if (!ph)
            return -1;
        *ph = (sg__placeholder){at, tok_len, out_offset, c->o - out_offset, number, name_copy};
    }
    sg__ph_segment *seg = sg__vec_push(c->arena, &c->segments, sizeof *seg);
    if (!seg)
        return -1;
    *seg = (sg__ph_segment){at, tok_len, out_offset, c->o - out_offset};
    c->copied = at + tok_len;
    return 0;
}

/* One token of `tok_len` bytes at byte `at`. Returns 0 to go on, 1 when the
 * text breaks psycopg's rules (c->error), -1 when memory ran out. */
static int token(compiler *c, size_t at, size_t tok_len, const char *name, size_t name_len)
{
    unsigned char conv = (unsigned char)c->sql[at + tok_len - 1];
    bool escape = !name && conv == '%';
    if (!escape && conv != 's')
        return bad_token(c, at, name, name_len, conv);
    sg__ph_style style = escape ? SG_PH_NONE : name ? SG_PH_NAMED : SG_PH_POSITIONAL;
    if (style != SG_PH_NONE && c->style != SG_PH_NONE && style != c->style)
        return stop(c, ERR_MIXED, at);

    unsigned number = 0;
    const char *name_copy = NULL;
    if (style == SG_PH_POSITIONAL) {
        if (c->positional == MAX_PARAMS)
            return stop(c, ERR_TOO_MANY, at);
        number = (unsigned)++c->positional;
    } else if (style == SG_PH_NAMED) {
        int rc = named_number(c, at, name, name_len, &number, &name_copy);
        if (rc != 0)
            return rc;
    }
    if (style != SG_PH_NONE)
        c->style = style;
    return emit(c, at, tok_len, number, name_copy);
}

/* Copies the rest of the text and hands the compiled result over. */
static void finish(compiler *c, sg__ph_result *out)
{
    if (c->len > c->copied) {
        memcpy(c->buf + c->o, c->sql + c->copied, c->len - c->copied);
        c->o += c->len - c->copied;
    }
    c->buf[c->o] = '\0';
    out->sql = c->buf;
    out->sql_len = c->o;
    out->style = c->style;
    /* reserved vectors may have room and no record: NULL for none, as ever */
    out->placeholders = c->placeholders.count ? c->placeholders.items : NULL;
    out->placeholder_count = c->placeholders.count;
    out->segments = c->segments.count ? c->segments.items : NULL;
    out->segment_count = c->segments.count;
    out->names = c->names.count ? c->names.items : NULL;
    out->name_count = c->names.count;
    out->positional_count = c->positional;
}

/* The '%' bytes of the text. */
static size_t count_percents(const char *sql, size_t len)
{
    size_t n = 0;
    if (len == 0)
        return 0; /* the empty text may come as a NULL pointer */
    for (const char *p = sql, *end = sql + len; (p = memchr(p, '%', (size_t)(end - p))) != NULL;
         p++)
        n++;
    return n;
}

/* Room for `count` records in each of the three vectors, taken in one
 * allocation, so that no push on the way has to grow one. Returns -1 when
 * memory ran out. */
static int reserve_records(compiler *c, size_t count)
{
    size_t ph = count * sizeof(sg__placeholder), seg = count * sizeof(sg__ph_segment);
    char *block = sg__arena_alloc_raw(c->arena, ph + seg + count * sizeof(const char *));
    if (!block)
        return -1;
    c->placeholders = (sg__vec){block, 0, count};
    c->segments = (sg__vec){block + ph, 0, count};
    c->names = (sg__vec){block + ph + seg, 0, count};
    return 0;
}

int sg__ph_compile(sg__arena *arena, const char *sql, size_t len, sg__ph_result *out)
{
    memset(out, 0, sizeof *out);
    /* A token grows the text by 4 bytes at most ("%s" -> "$65535"; a named
     * one is at least "%(a)s", 5 bytes); "%%" shrinks it. A length whose
     * worst case (a '%' in every byte) overflows is refused before reading. */
    if (len > (SIZE_MAX - 1) / 5)
        return -1;
    compiler c = {.arena = arena, .sql = sql, .len = len};
    c.percents = count_percents(sql, len);
    if (!(c.buf = sg__arena_alloc(arena, len + c.percents * 4 + 1)))
        return -1;
    if (c.percents && c.percents <= RESERVED_TOKENS && reserve_records(&c, c.percents) < 0)
        return -1;

    for (size_t i = 0; i < len;) {
        const char *pct = memchr(sql + i, '%', len - i);
        if (!pct)
            break;
        size_t at = (size_t)(pct - sql);
        const char *name;
        size_t name_len;
        size_t tok_len = match_token(sql, len, at, &name, &name_len);
        if (!tok_len) {
            /* A lone '%' stays in the text, as psycopg leaves it. */
            i = at + 1;
            continue;
        }
        int rc = token(&c, at, tok_len, name, name_len);
        if (rc < 0) {
            /* Half-built vectors stay in the arena; the caller releases it as a whole. */
            memset(out, 0, sizeof *out);
            return -1;
        }
        if (rc > 0) {
            out->error = c.error;
            out->error_offset = c.error_offset;
            return 0;
        }
        i = at + tok_len;
    }
    finish(&c, out);
    return 0;
}

size_t sg__ph_map_offset(const sg__ph_result *r, size_t compiled_offset)
{
    /* Find the last segment that starts at or before the offset. */
    size_t lo = 0, hi = r->segment_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->segments[mid].out_offset <= compiled_offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return compiled_offset;
    const sg__ph_segment *s = &r->segments[lo - 1];
    size_t out_end = s->out_offset + s->out_len;
    if (compiled_offset < out_end)
        return s->src_offset;
    return s->src_offset + s->src_len + (compiled_offset - out_end);
}
