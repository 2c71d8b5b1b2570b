/*
 * jsonscan.c - a lexical check over JSON text before cJSON parses it.
 *
 * cJSON recurses once per nesting level, decodes "\u0000" into a NUL byte that
 * silently ends the C string it returns (an operation's SQL could then say one
 * thing to the guard and another to a server), reads a \u escape that is not
 * four hexadecimal digits ("\u0zzz") as that NUL, and is lenient where RFC 8259
 * is not: it reads 010 and 10. as numbers and takes raw control characters in
 * strings. This pass only lexes strings and numbers and counts brackets (the
 * grammar is left to cJSON), so that such input is refused with a clear
 * message, and it remembers every number token's text: a double cannot carry
 * 9007199254740993 or 0.1000000000000000055, and a bound value must reach
 * the server exactly as the caller wrote it. A second scan finds the one
 * large array a catalog load parses element by element (jsonload.c), and the
 * strict key checks of the decoders (unknown, repeated) live here too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/json.h"
#include "util/text.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of the RFC 8259 number at json[i], or 0 when it is malformed. */
static size_t lex_number(const char *json, size_t len, size_t i)
{
    size_t j = i;
    if (j < len && json[j] == '-')
        j++;
    if (j < len && json[j] == '0') {
        j++;
    } else if (j < len && json[j] >= '1' && json[j] <= '9') {
        while (j < len && is_digit(json[j]))
            j++;
    } else {
        return 0;
    }
    if (j < len && json[j] == '.') {
        size_t k = ++j;
        while (j < len && is_digit(json[j]))
            j++;
        if (j == k)
            return 0;
    }
    if (j < len && (json[j] == 'e' || json[j] == 'E')) {
        j++;
        if (j < len && (json[j] == '+' || json[j] == '-'))
            j++;
        size_t k = j;
        while (j < len && is_digit(json[j]))
            j++;
        if (j == k)
            return 0;
    }
    /* a number runs into the next token only through a separator */
    if (j < len && (is_digit(json[j]) || json[j] == '.' || json[j] == 'e' || json[j] == 'E' ||
                    json[j] == '-' || json[j] == '+'))
        return 0;
    return j - i;
}

/* ---- eight bytes at a time ---- */

static const uint64_t ONES = 0x0101010101010101u, HIGH = 0x8080808080808080u;

/* The n < 8 bytes at p, the rest of the word filled with `fill`. */
static inline uint64_t load_tail(const char *p, size_t n, char fill)
{
    char word[8];
    memset(word, fill, sizeof word);
    memcpy(word, p, n);
    return sg__json_load8(word);
}

/*
 * The high bit of each byte of x that ends a run of ordinary ASCII string
 * content: the closing quote, an escape, a control character JSON forbids
 * raw, or a byte with the high bit set (the start or middle of a UTF-8
 * sequence, checked on its own). These are the classic SWAR tests for a zero
 * byte, applied to x ^ '"' and x ^ '\\', and x - 0x20 for the bytes below
 * 0x20. A borrow can flag a byte above a flagged one, never below it: the
 * lowest flag is exact, and only it is used.
 */
static inline uint64_t special_mask(uint64_t x)
{
    uint64_t q = x ^ (ONES * '"'), b = x ^ (ONES * '\\');
    return (((q - ONES) & ~q) | ((b - ONES) & ~b) | (x - ONES * 0x20) | x) & HIGH;
}

static bool special8(const char *p)
{
    return special_mask(sg__json_load8(p)) != 0;
}

/* Records a refusal for sg__json_prescan(): 1. */
static int refuse(const char **problem, size_t *offset, const char *what, size_t at)
{
    *problem = what;
    *offset = at;
    return 1;
}

/* A byte that is neither ASCII nor NUL, at i: the length of the UTF-8
 * character it starts, or 0 (then a refusal is recorded). */
static size_t utf8_char(const char *json, size_t len, size_t i, const char **problem,
                        size_t *offset)
{
    size_t n = sg__utf8_sequence((const unsigned char *)json + i, len - i);
    if (n == 0)
        refuse(problem, offset, "the JSON text is not valid UTF-8", i);
    return n;
}

#define NUL_BYTE "the JSON text contains a NUL byte"

/* The first byte at or after i (i <= len) that special_mask() flags, eight
 * bytes a step; len when there is none. The last few bytes are read into a
 * word padded with quotes, which stop the scan at len. */
static inline size_t next_special8(const char *json, size_t len, size_t i)
{
    for (; len - i >= 8; i += 8) {
        uint64_t m = special_mask(sg__json_load8(json + i));
        if (m)
            return i + sg__json_first_flagged(m);
    }
    return i + sg__json_first_flagged(special_mask(load_tail(json + i, len - i, '"')));
}

#ifdef __SSE2__
/* The same, sixteen bytes a step where SSE2 is there (every x86-64): one
 * signed comparison finds the control characters and the bytes with the
 * high bit set (negative as signed bytes) together. */
static inline size_t next_special(const char *json, size_t len, size_t i)
{
    const __m128i quote = _mm_set1_epi8('"'), escape = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(' ');
    for (; len - i >= 16; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(json + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, escape)),
                                 _mm_cmplt_epi8(x, space));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
    }
    return next_special8(json, len, i);
}
#else
#define next_special next_special8
#endif

/* The refusal of the escape at json[i] (a backslash in a string), or NULL.
 * cJSON reads a \u escape whose four characters are not all hexadecimal
 * digits as \u0000, and decodes \u0000 into a NUL byte that ends the C
 * string it returns: both are refused. An escape the text ends inside, or an
 * unknown one, cJSON refuses itself. */
/* (not inlined: the block scan's loop keeps its registers) */
__attribute__((noinline, cold)) static const char *bad_escape(const char *json, size_t len,
                                                              size_t i)
{
    if (len - i < 6 || json[i + 1] != 'u')
        return NULL;
    unsigned value = 0;
    for (size_t k = i + 2; k < i + 6; k++) {
        char c = json[k];
        int digit = is_digit(c)              ? c - '0'
                    : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                             : -1;
        if (digit < 0)
            return "a JSON string contains a \\u escape without four hexadecimal digits";
        value = value * 16 + (unsigned)digit;
    }
    return value == 0 ? "a JSON string contains \\u0000 (a NUL character)" : NULL;
}

/* The string whose opening quote is at json[i]: the offset of its closing
 * quote (len when there is none: cJSON refuses that), or 0 with a refusal
 * recorded. Escapes are skipped whole; bad_escape() refuses some. */
static size_t scan_string(const char *json, size_t len, size_t i, const char **problem,
                          size_t *offset)
{
    for (i++;;) {
        i = next_special(json, len, i);
        if (i >= len)
            return len;
        unsigned char c = (unsigned char)json[i];
        if (c == '"')
            return i;
        if (c == '\\') {
            const char *bad = bad_escape(json, len, i);
            if (bad) {
                refuse(problem, offset, bad, i);
                return 0;
            }
            if (len - i <= 2)
                return len; /* the text ends inside the escape */
            i += 2;
        } else if (c >= 0x80) {
            size_t n = utf8_char(json, len, i, problem, offset);
            if (n == 0)
                return 0;
            i += n;
        } else {
            refuse(problem, offset,
                   c == 0 ? NUL_BYTE : "a JSON string contains a raw control character (escape it)",
                   i);
            return 0;
        }
    }
}

/* The first byte at or after i (i <= len) that is not a space, eight bytes a
 * step: indentation comes in runs. */
static inline size_t skip_spaces(const char *json, size_t len, size_t i)
{
    for (; len - i >= 8; i += 8) {
        uint64_t m = sg__json_load8(json + i) ^ (ONES * ' ');
        if (m)
            return i + sg__json_first_flagged(m);
    }
    while (i < len && json[i] == ' ')
        i++;
    return i;
}

/* What the pre-scan does with a byte outside strings (a quote, the most
 * frequent, is taken before the dispatch). */
enum {
    B_OTHER,   /* : , letters of true/false/null, bytes cJSON refuses: go on */
    B_SPACE,   /* whitespace: skip the run of spaces after it */
    B_OPEN,    /* [ { */
    B_CLOSE,   /* ] } */
    B_NUMBER,  /* - and digits */
    B_HIGH,    /* 0x80 and above: a UTF-8 character, refused by cJSON but checked first */
    B_CONTROL, /* a control character but the four RFC 8259 allows, or NUL */
};

static const unsigned char byte_class[256] = {
    [0x00 ... 0x08] = B_CONTROL,
    ['\t'] = B_SPACE,
    ['\n'] = B_SPACE,
    [0x0B ... 0x0C] = B_CONTROL,
    ['\r'] = B_SPACE,
    [0x0E ... 0x1F] = B_CONTROL,
    [' '] = B_SPACE,
    ['['] = B_OPEN,
    ['{'] = B_OPEN,
    [']'] = B_CLOSE,
    ['}'] = B_CLOSE,
    ['-'] = B_NUMBER,
    ['0' ... '9'] = B_NUMBER,
    [0x80 ... 0xFF] = B_HIGH,
};

#define MALFORMED_NUMBER                                                                           \
    "a JSON number is malformed (RFC 8259: no leading zeros, digits after '.' and 'e')"

/* Records the span of the number at i, n bytes long, when asked: -1 when
 * memory ran out. */
static int note_number(sg__arena *arena, sg__vec *numbers, size_t i, size_t n)
{
    if (!numbers)
        return 0;
    sg__json_span *span = sg__vec_push(arena, numbers, sizeof *span);
    if (!span)
        return -1;
    span->offset = i;
    span->len = n;
    return 0;
}

/*
 * One pass a byte at a time: UTF-8 validity (no NUL byte anywhere), strings,
 * numbers and nesting depth. Outside strings each byte is dispatched by its
 * class (byte_class); strings and runs of spaces are read eight bytes a step.
 * It is the pre-scan where AVX2 is not, and the reference the block scan
 * below is tested against.
 */
int sg__json_prescan_bytewise(const char *json, size_t len, unsigned max_depth, sg__arena *arena,
                              sg__vec *numbers, const char **problem, size_t *offset)
{
    unsigned depth = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)json[i];
        if (c == '"') {
            /* the usual case first: a string, then its colon or comma and
             * one space (bytes the dispatch would only step over) */
            size_t end = scan_string(json, len, i, problem, offset);
            if (end == 0)
                return 1;
            i = end + 1;
            i += i < len && (json[i] == ':' || json[i] == ',');
            i += i < len && json[i] == ' ';
            continue;
        }
        switch (byte_class[c]) {
        case B_SPACE:
            i = skip_spaces(json, len, i + 1);
            break;
        case B_OPEN:
            if (++depth > max_depth)
                return refuse(problem, offset, "the JSON text nests too deeply", i);
            i++;
            break;
        case B_CLOSE:
            depth -= depth > 0;
            i++;
            break;
        case B_NUMBER: {
            size_t n = lex_number(json, len, i);
            if (n == 0)
                return refuse(problem, offset, MALFORMED_NUMBER, i);
            if (note_number(arena, numbers, i, n) < 0)
                return -1; /* out of memory: not a problem with the text */
            i += n;
            break;
        }
        case B_HIGH: {
            size_t n = utf8_char(json, len, i, problem, offset);
            if (n == 0)
                return 1;
            i += n;
            break;
        }
        case B_CONTROL:
            /* cJSON would skip it as whitespace; RFC 8259 allows only four */
            return refuse(problem, offset,
                          c == 0 ? NUL_BYTE : "the JSON text contains a raw control character", i);
        default:
            i++;
            break;
        }
    }
    return 0;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/*
 * ---- sixty-four bytes at a time, with AVX2 ----
 *
 * The block scan finds the same refusals at the same offsets as the bytewise
 * one, in the order of the text, in fewer steps: each block of 64 bytes is
 * classified by AVX2 compares into bit masks (quotes, backslashes, line
 * breaks, the other bytes below 0x20 or above 0x7F, '-' to '9', opening and
 * closing brackets), strings are found as the prefix XOR of their quotes,
 * brackets are counted, and only the few bytes that need a decision (a
 * number, a byte of a UTF-8 character, an escape, a control character, a
 * bracket where the depth could pass its bound or meet 0) are looked at one
 * by one. The processor is asked once whether it has AVX2, POPCNT and PCLMUL;
 * without them (and on other architectures) the bytewise scan runs. SSE2
 * alone was measured: its two-operand compares and sixteen-byte masks cost
 * more than the bytewise scan on an operation's envelope.
 */
#include <immintrin.h>

#define SG_AVX2 __attribute__((target("avx2,popcnt,pclmul")))

typedef struct block_masks {
    uint64_t quote, escape, newline, low, number, open, close;
} block_masks;

SG_AVX2 static inline uint64_t lane_mask(__m256i m, unsigned shift)
{
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(m) << shift;
}

/* The bytes the classification compares with, in memory that the compares
 * read as operands (prescan_blocks() hides their values from the compiler,
 * which would otherwise build each in a register again after every call the
 * loop may make). */
#define SG_SPLAT(c)                                                                                \
    {                                                                                              \
        [0 ... 31] = (char)(c)                                                                     \
    }
static const union {
    char bytes[9][32];
    __m256i v[9];
} splat = {{SG_SPLAT(0x20), SG_SPLAT('-'), SG_SPLAT('9' - '-'), SG_SPLAT('"'), SG_SPLAT('\\'),
            SG_SPLAT('\n'), SG_SPLAT(' '), SG_SPLAT('{'), SG_SPLAT('}')}};
enum { K_20, K_DASH, K_RANGE, K_QUOTE, K_ESCAPE, K_NEWLINE, K_SPACE, K_OPEN, K_CLOSE };

SG_AVX2 static inline void classify32(const __m256i *k, const char *p, unsigned shift,
                                      block_masks *m)
{
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
    /* '[' and '{' (and ']' and '}') differ only in the 0x20 bit */
    __m256i x20 = _mm256_or_si256(x, k[K_20]);
    /* '-' .. '9' in one unsigned range: '.' and '/' come along, and are
     * passed over as the bytewise scan passes them */
    __m256i t = _mm256_sub_epi8(x, k[K_DASH]);
    __m256i number = _mm256_cmpeq_epi8(_mm256_min_epu8(t, k[K_RANGE]), t);
    m->quote |= lane_mask(_mm256_cmpeq_epi8(x, k[K_QUOTE]), shift);
    m->escape |= lane_mask(_mm256_cmpeq_epi8(x, k[K_ESCAPE]), shift);
    m->newline |= lane_mask(_mm256_cmpeq_epi8(x, k[K_NEWLINE]), shift);
    /* signed: the bytes above 0x7F are negative, below ' ' with the controls */
    m->low |= lane_mask(_mm256_cmpgt_epi8(k[K_SPACE], x), shift);
    m->number |= lane_mask(number, shift);
    m->open |= lane_mask(_mm256_cmpeq_epi8(x20, k[K_OPEN]), shift);
    m->close |= lane_mask(_mm256_cmpeq_epi8(x20, k[K_CLOSE]), shift);
}

/* Bit k of the result is the XOR of bits 0..k of x: one carry-less multiply
 * by all ones. */
SG_AVX2 static inline uint64_t prefix_xor(uint64_t x)
{
    __m128i product = _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)x), _mm_set1_epi8(-1), 0);
    return (uint64_t)_mm_cvtsi128_si64(product);
}

/* The bits of m at `end` and above (none when end >= 64). */
static inline uint64_t bits_from(uint64_t m, size_t end)
{
    return end >= 64 ? 0 : m & (~(uint64_t)0 << end);
}

/* Drops the first n (1..63) bytes' bits of every mask. */
static inline void shift_masks(block_masks *m, unsigned n)
{
    m->quote >>= n;
    m->escape >>= n;
    m->newline >>= n;
    m->low >>= n;
    m->number >>= n;
    m->open >>= n;
    m->close >>= n;
}

/* Quotes and backslashes in order, as the bytewise scan meets them: the
 * quotes that open or close a string (*quotes), the backslashes that escape
 * inside one (*slashes) and the bytes they escape (*escaped). *next moves
 * past the block when its last byte escapes the first of the next. */
static void read_escapes(const block_masks *m, bool in_string, size_t i, uint64_t *quotes,
                         uint64_t *slashes, uint64_t *escaped, size_t *next)
{
    uint64_t seq = m->quote | m->escape, toggles = 0, sl = 0, esc = 0;
    while (seq) {
        unsigned p = (unsigned)__builtin_ctzll(seq);
        uint64_t bit = (uint64_t)1 << p;
        seq &= seq - 1;
        if (esc & bit)
            continue;
        if (m->quote & bit) {
            toggles |= bit;
            in_string = !in_string;
        } else if (in_string) {
            sl |= bit;
            if (p == 63)
                *next = i + 65;
            else
                esc |= bit << 1;
        }
    }
    *quotes = toggles;
    *slashes = sl;
    *escaped = esc;
}

#define RAW_CONTROL_IN_STRING "a JSON string contains a raw control character (escape it)"

SG_AVX2 static int prescan_blocks(const char *json, size_t len, unsigned max_depth,
                                  sg__arena *arena, sg__vec *numbers, const char **problem,
                                  size_t *offset)
{
    unsigned depth = 0;
    uint64_t inside = 0; /* all ones when a string is open where the block starts */
    char pad[64];
    const __m256i *k = splat.v;
    __asm__("" : "+r"(k));
    for (size_t i = 0; i < len;) {
        block_masks m = {0, 0, 0, 0, 0, 0, 0};
        if (len - i >= 64) {
            classify32(k, json + i, 0, &m);
            classify32(k, json + i + 32, 32, &m);
        } else if (len >= 64) {
            /* the end of a long text: the last 64 bytes, shifted so that
             * bit 0 is byte i and the bits past the end are clear */
            unsigned before = (unsigned)(64 - (len - i));
            classify32(k, json + len - 64, 0, &m);
            classify32(k, json + len - 32, 32, &m);
            shift_masks(&m, before);
        } else {
            /* a short text, padded with spaces: no byte to look at */
            memcpy(pad, json + i, len - i);
            memset(pad + (len - i), ' ', 64 - (len - i));
            classify32(k, pad, 0, &m);
            classify32(k, pad + 32, 32, &m);
        }
        size_t next = i + 64;
        uint64_t quotes = m.quote, slashes = 0, escaped = 0, str;
        if (!m.escape) {
            str = prefix_xor(quotes) ^ inside;
        } else {
            /* the usual escapes stand alone (\n, \"): each escapes the byte
             * after it, as long as every one is inside a string */
            escaped = m.escape << 1;
            str = prefix_xor(quotes & ~escaped) ^ inside;
            if (!(m.escape & (m.escape << 1)) && !(m.escape & ~str)) {
                slashes = m.escape;
                next += m.escape >> 63; /* it escapes the next block's first byte */
            } else {
                read_escapes(&m, inside != 0, i, &quotes, &slashes, &escaped, &next);
                str = prefix_xor(quotes) ^ inside;
            }
        }
        inside = (uint64_t)0 - (str >> 63);
        /* a line break matters only inside a string */
        uint64_t look = ((m.low & ~(m.newline & ~str)) & ~escaped) | (m.number & ~str) | slashes;
        /* brackets one by one only where the depth could pass its bound or
         * a ']' could meet depth 0 (where the bytewise scan stays at 0) */
        uint64_t opens = m.open & ~str, closes = m.close & ~str;
        if (opens | closes) {
            unsigned o = (unsigned)__builtin_popcountll(opens),
                     c = (unsigned)__builtin_popcountll(closes);
            if (o <= max_depth - depth && c <= depth)
                depth = depth + o - c;
            else
                look |= opens | closes;
        }
        while (look) {
            unsigned p = (unsigned)__builtin_ctzll(look);
            size_t at = i + p;
            unsigned char c = (unsigned char)json[at];
            look &= look - 1;
            if (c == '\\') {
                const char *bad =
                    len - at >= 6 && json[at + 1] == 'u' ? bad_escape(json, len, at) : NULL;
                if (bad)
                    return refuse(problem, offset, bad, at);
                if (len - at <= 2)
                    return 0; /* the text ends inside the escape: cJSON refuses it */
                continue;
            }
            switch (byte_class[c]) {
            case B_SPACE: /* '\t', '\r', and '\n' in a string */
                if ((str >> p) & 1)
                    return refuse(problem, offset, RAW_CONTROL_IN_STRING, at);
                break;
            case B_CONTROL:
                return refuse(problem, offset,
                              c == 0             ? NUL_BYTE
                              : ((str >> p) & 1) ? RAW_CONTROL_IN_STRING
                                                 : "the JSON text contains a raw control character",
                              at);
            case B_OPEN:
                if (++depth > max_depth)
                    return refuse(problem, offset, "the JSON text nests too deeply", at);
                break;
            case B_CLOSE:
                depth -= depth > 0;
                break;
            case B_NUMBER: {
                size_t n = lex_number(json, len, at);
                if (n == 0)
                    return refuse(problem, offset, MALFORMED_NUMBER, at);
                if (note_number(arena, numbers, at, n) < 0)
                    return -1;
                look = bits_from(look, p + n);
                next = at + n > next ? at + n : next;
                break;
            }
            case B_HIGH: {
                size_t n = utf8_char(json, len, at, problem, offset);
                if (n == 0)
                    return 1;
                look = bits_from(look, p + n);
                next = at + n > next ? at + n : next;
                break;
            }
            default: /* '.', '/' */
                break;
            }
        }
        i = next;
    }
    return 0;
}

int sg__json_prescan(const char *json, size_t len, unsigned max_depth, sg__arena *arena,
                     sg__vec *numbers, const char **problem, size_t *offset)
{
    /* what the processor has is the same for every thread: a race only
     * asks it twice */
    static int blocks = -1;
    int b = __atomic_load_n(&blocks, __ATOMIC_RELAXED);
    if (b < 0) {
        b = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") &&
            __builtin_cpu_supports("pclmul");
        __atomic_store_n(&blocks, b, __ATOMIC_RELAXED);
    }
    if (b)
        return prescan_blocks(json, len, max_depth, arena, numbers, problem, offset);
    return sg__json_prescan_bytewise(json, len, max_depth, arena, numbers, problem, offset);
}
#else
int sg__json_prescan(const char *json, size_t len, unsigned max_depth, sg__arena *arena,
                     sg__vec *numbers, const char **problem, size_t *offset)
{
    return sg__json_prescan_bytewise(json, len, max_depth, arena, numbers, problem, offset);
}
#endif

const char *sg__json_trailing(const char *json, size_t len, const char *end, size_t *offset)
{
    size_t i = end ? (size_t)(end - json) : len;
    while (i < len && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r'))
        i++;
    if (i >= len)
        return NULL;
    *offset = i;
    return "text follows the JSON value";
}

/* cJSON_IsNumber without the call into the library for every node (the
 * type's low byte, as cJSON tests it). */
static bool is_number(const cJSON *node)
{
    return (node->type & 0xFF) == cJSON_Number;
}

/* Visits number nodes in document order, which is the order of the tokens. */
static bool attach(cJSON *node, const sg__json_span *spans, size_t count, size_t *next,
                   const char *json)
{
    for (; node; node = node->next) {
        if (is_number(node)) {
            if (*next >= count)
                return false;
            const sg__json_span *s = &spans[(*next)++];
            char *text = cJSON_malloc(s->len + 1);
            if (!text)
                return false;
            memcpy(text, json + s->offset, s->len);
            text[s->len] = '\0';
            node->valuestring = text; /* freed by cJSON_Delete */
        } else if (node->child && !attach(node->child, spans, count, next, json)) {
            return false;
        }
    }
    return true;
}

int sg__json_attach_numbers(cJSON *root, const char *json, const sg__vec *numbers)
{
    size_t next = 0;
    return attach(root, numbers->items, numbers->count, &next, json) && next == numbers->count ? 0
                                                                                               : -1;
}

const char *sg__json_members(const cJSON *object, const char *const *allowed, const cJSON **slots,
                             bool *twice)
{
    size_t n = 0;
    while (allowed[n])
        slots[n++] = NULL;
    uint64_t seen = 0;
    const char *unknown = NULL, *again = NULL;
    for (const cJSON *m = object->child; m; m = m->next) {
        const char *name = m->string ? m->string : "";
        size_t k = 0;
        while (k < n && (allowed[k][0] != name[0] || strcmp(allowed[k], name) != 0))
            k++;
        if (k == n) {
            unknown = unknown ? unknown : name;
        } else if (seen & (UINT64_C(1) << k)) {
            again = again ? again : name; /* the first member of a name counts, as in cJSON */
        } else {
            seen |= UINT64_C(1) << k;
            slots[k] = m;
        }
    }
    /* an unknown name is told before a repeated one */
    *twice = !unknown && again;
    return unknown ? unknown : again;
}

const char *sg__json_unknown_key(const cJSON *object, const char *const *allowed)
{
    for (const cJSON *item = object ? object->child : NULL; item; item = item->next) {
        bool known = false;
        for (const char *const *a = allowed; *a && !known; a++)
            known = item->string && strcmp(item->string, *a) == 0;
        if (!known)
            return item->string ? item->string : "";
    }
    return NULL;
}

static int by_key(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    return strcmp(x->string ? x->string : "", y->string ? y->string : "");
}

int sg__json_duplicate_key(const cJSON *object, const char **key)
{
    *key = NULL;
    size_t n = 0;
    for (const cJSON *a = object ? object->child : NULL; a; a = a->next)
        n++;
    if (n <= 16) {
        /* the usual small object: a quadratic scan beats building an index */
        for (const cJSON *a = object ? object->child : NULL; a && !*key; a = a->next)
            for (const cJSON *b = a->next; b && !*key; b = b->next)
                if (a->string && b->string && strcmp(a->string, b->string) == 0)
                    *key = a->string;
        return 0;
    }
    /* a hostile object of many members: sort, then compare neighbours */
    const cJSON **keys = sg__malloc(n * sizeof *keys);
    if (!keys)
        return -1;
    size_t i = 0;
    for (const cJSON *a = object->child; a; a = a->next)
        keys[i++] = a;
    qsort(keys, n, sizeof *keys, by_key);
    for (i = 1; i < n && !*key; i++)
        if (by_key(&keys[i - 1], &keys[i]) == 0)
            *key = keys[i]->string ? keys[i]->string : "";
    sg__free(keys);
    return 0;
}

/* ---- finding one large array, for a load that parses it element by element ---- */

static size_t skip_ws(const char *json, size_t len, size_t i)
{
    while (i < len && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r'))
        i++;
    return i;
}

/* The offset just past the string whose opening quote is at json[i], in text
 * the pre-scan accepted (so the string is closed and holds no raw control
 * character); *escaped tells whether it holds an escape. */
static size_t skip_string(const char *json, size_t len, size_t i, bool *escaped)
{
    *escaped = false;
    for (i++; i < len; i++) {
        while (len - i >= 8 && !special8(json + i))
            i += 8;
        while (i < len && json[i] != '"' && json[i] != '\\')
            i++;
        if (i >= len || json[i] == '"')
            break;
        *escaped = true;
        i++; /* the escaped byte */
    }
    return i < len ? i + 1 : len;
}

/* Whether the string at [at, end) is a member name (a colon follows) equal to
 * `key`; a name written with escapes might decode to it, which *unsure tells. */
static bool names_key(const char *json, size_t len, size_t at, size_t end, bool escaped,
                      const char *key, bool *unsure)
{
    size_t colon = skip_ws(json, len, end);
    if (colon >= len || json[colon] != ':')
        return false;
    if (escaped) {
        *unsure = true;
        return false;
    }
    size_t klen = strlen(key);
    return end - at - 2 == klen && memcmp(json + at + 1, key, klen) == 0;
}

/* Inside the array, the elements and the separators must alternate for the
 * count to be right ("[," ",," ",]" and "1 2" are left to the whole parse to
 * refuse). `element` tells whether an element began since the last comma. */
static bool separates(bool *element, char c, size_t *commas)
{
    if (!*element && (c == ',' || *commas > 0))
        return false;
    *commas += c == ',';
    *element = false;
    return true;
}

static bool begins_element(bool *element)
{
    if (*element)
        return false;
    *element = true;
    return true;
}

/* A byte of a number or of true, false, null. */
static bool scalar_byte(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' ||
           c == 'E';
}

int sg__json_find_array_member(const char *json, size_t len, const char *key,
                               sg__json_array_span *out)
{
    size_t i = skip_ws(json, len, 0);
    if (i >= len || json[i] != '{')
        return 0;
    unsigned depth = 0;
    bool found = false, unsure = false, inside = false, element = false;
    size_t commas = 0;
    for (; i < len; i++) {
        char c = json[i];
        if (c == '"') {
            bool escaped;
            size_t end = skip_string(json, len, i, &escaped);
            if (depth == 1 && names_key(json, len, i, end, escaped, key, &unsure)) {
                size_t open = skip_ws(json, len, skip_ws(json, len, end) + 1);
                if (found || open >= len || json[open] != '[')
                    return 0; /* named twice, or not an array: the whole parse judges it */
                found = inside = true;
                out->open = open;
                end = open; /* the loop goes on at the bracket */
            } else if (inside && depth == 2 && !begins_element(&element)) {
                return 0;
            }
            i = end - 1;
        } else if (c == '{' || c == '[') {
            if (inside && depth == 2 && !begins_element(&element))
                return 0;
            depth++;
        } else if (c == '}' || c == ']') {
            if (inside && depth == 2 && !separates(&element, c, &commas))
                return 0;
            if (--depth == 0)
                break; /* the top-level object ends; whatever follows is cJSON's to refuse */
            if (inside && depth == 1) {
                inside = false;
                out->close = i;
                out->count = commas + (skip_ws(json, len, out->open + 1) < i ? 1 : 0);
            }
        } else if (inside && depth == 2 && c == ',') {
            if (!separates(&element, c, &commas))
                return 0;
        } else if (inside && depth == 2 && scalar_byte(c) && !scalar_byte(json[i - 1]) &&
                   !begins_element(&element)) {
            return 0;
        }
    }
    return found && !inside && !unsure ? 1 : 0;
}
