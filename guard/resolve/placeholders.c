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

/* PostgreSQL's wire protocol counts parameters in an int16. */
enum { MAX_PARAMS = 65535 };

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

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

static name_slot *find_slot(name_slot *slots, size_t cap, const char *src, size_t len)
{
    size_t i = (size_t)hash_bytes(src, len) & (cap - 1);
    while (slots[i].src && (slots[i].len != len || memcmp(slots[i].src, src, len) != 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Keeps the load factor at or below one half; returns -1 on allocation failure. */
static int reserve_name(sg__arena *arena, name_table *t)
{
    if ((t->count + 1) * 2 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 16;
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

int sg__ph_compile(sg__arena *arena, const char *sql, size_t len, sg__ph_result *out)
{
    memset(out, 0, sizeof *out);

    /* Worst growth is "%s" -> "$65535", 2 bytes to 6, so 3x the input always fits. */
    if (len > (SIZE_MAX - 1) / 3)
        return -1;
    char *buf = sg__arena_alloc(arena, len * 3 + 1);
    if (!buf)
        return -1;

    sg__vec placeholders = {0}, segments = {0}, names = {0};
    name_table table = {0};
    sg__ph_style style = SG_PH_NONE;
    size_t positional = 0;
    size_t o = 0;      /* bytes written to buf */
    size_t copied = 0; /* source bytes up to here are already in buf */
    size_t i = 0;      /* where to look for the next '%' */
    const char *error = NULL;
    size_t error_offset = 0;

    while (i < len) {
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
        unsigned char conv = (unsigned char)sql[at + tok_len - 1];

        bool escape = !name && conv == '%';
        if (!escape && conv != 's') {
            if (!name && conv == '(')
                error = ERR_INCOMPLETE_PAREN;
            else if (!name && conv == ' ')
                error = ERR_INCOMPLETE_SPACE;
            else if (!(error = unsupported_message(arena, name, name_len, conv)))
                goto oom;
            error_offset = at;
            break;
        }

        sg__ph_style token_style = escape ? SG_PH_NONE : name ? SG_PH_NAMED : SG_PH_POSITIONAL;
        if (token_style != SG_PH_NONE && style != SG_PH_NONE && token_style != style) {
            error = ERR_MIXED;
            error_offset = at;
            break;
        }

        unsigned number = 0;
        const char *name_copy = NULL;
        if (token_style == SG_PH_POSITIONAL) {
            if (positional == MAX_PARAMS) {
                error = ERR_TOO_MANY;
                error_offset = at;
                break;
            }
            number = (unsigned)++positional;
        } else if (token_style == SG_PH_NAMED) {
            if (reserve_name(arena, &table) < 0)
                goto oom;
            name_slot *slot = find_slot(table.slots, table.cap, name, name_len);
            if (!slot->src) {
                if (names.count == MAX_PARAMS) {
                    error = ERR_TOO_MANY;
                    error_offset = at;
                    break;
                }
                const char **entry = sg__vec_push(arena, &names, sizeof *entry);
                char *copy = sg__arena_strndup(arena, name, name_len);
                if (!entry || !copy)
                    goto oom;
                *entry = copy;
                slot->src = name;
                slot->len = name_len;
                slot->copy = copy;
                slot->number = (unsigned)names.count;
                table.count++;
            }
            number = slot->number;
            name_copy = slot->copy;
        }
        if (token_style != SG_PH_NONE)
            style = token_style;

        if (at > copied) {
            memcpy(buf + o, sql + copied, at - copied);
            o += at - copied;
        }
        size_t out_offset = o;
        if (escape) {
            buf[o++] = '%';
        } else {
            buf[o++] = '$';
            o += put_decimal(buf + o, number);
            sg__placeholder *ph = sg__vec_push(arena, &placeholders, sizeof *ph);
            if (!ph)
                goto oom;
            ph->src_offset = at;
            ph->src_len = tok_len;
            ph->out_offset = out_offset;
            ph->out_len = o - out_offset;
            ph->number = number;
            ph->name = name_copy;
        }
        sg__ph_segment *seg = sg__vec_push(arena, &segments, sizeof *seg);
        if (!seg)
            goto oom;
        seg->src_offset = at;
        seg->src_len = tok_len;
        seg->out_offset = out_offset;
        seg->out_len = o - out_offset;

        i = copied = at + tok_len;
    }

    if (error) {
        out->error = error;
        out->error_offset = error_offset;
        return 0;
    }
    if (len > copied) {
        memcpy(buf + o, sql + copied, len - copied);
        o += len - copied;
    }
    buf[o] = '\0';

    out->sql = buf;
    out->sql_len = o;
    out->style = style;
    out->placeholders = placeholders.items;
    out->placeholder_count = placeholders.count;
    out->segments = segments.items;
    out->segment_count = segments.count;
    out->names = names.items;
    out->name_count = names.count;
    out->positional_count = positional;
    return 0;

oom:
    /* Half-built vectors stay in the arena; the caller releases it as a whole. */
    memset(out, 0, sizeof *out);
    return -1;
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
