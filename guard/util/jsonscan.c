/*
 * jsonscan.c - a lexical check over JSON text before cJSON parses it.
 *
 * cJSON recurses once per nesting level, decodes "\u0000" into a NUL byte that
 * silently ends the C string it returns (an operation's SQL could then say one
 * thing to the guard and another to a server), and is lenient where RFC 8259
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

/* True when one of the 8 bytes at p ends a run of ordinary ASCII string
 * content: the closing quote, an escape, a control character JSON forbids
 * raw, or a byte with the high bit set (the start or middle of a UTF-8
 * sequence, checked on its own). The classic SWAR tests for a zero byte,
 * applied to x ^ '"', x ^ '\\' and x < 0x20. */
static bool special8(const char *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    uint64_t zero_q = (q - ones) & ~q, zero_b = (b - ones) & ~b;
    uint64_t below = (x - ones * 0x20) & ~x;
    return ((zero_q | zero_b | below | x) & high) != 0;
}

/* A byte special8() lets pass: printable ASCII but the quote and the
 * backslash. */
static bool ordinary(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
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

/* The string whose opening quote is at json[i]: the offset of its closing
 * quote (len when there is none: cJSON refuses that), or 0 with a refusal
 * recorded. Escapes are skipped whole; "\u0000" is refused. */
static size_t scan_string(const char *json, size_t len, size_t i, const char **problem,
                          size_t *offset)
{
    for (i++; i < len;) {
        /* skip ordinary content: eight bytes at a time, then one by one */
        while (len - i >= 8 && !special8(json + i))
            i += 8;
        while (i < len && ordinary((unsigned char)json[i]))
            i++;
        if (i >= len)
            break;
        unsigned char c = (unsigned char)json[i];
        if (c == '"')
            return i;
        if (c == '\\') {
            if (i + 5 < len && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0' &&
                json[i + 4] == '0' && json[i + 5] == '0') {
                refuse(problem, offset, "a JSON string contains \\u0000 (a NUL character)", i);
                return 0;
            }
            i += 2;
        } else if (c >= 0x80) {
            size_t n = utf8_char(json, len, i, problem, offset);
            if (n == 0)
                return 0;
            i += n;
        } else if (c < 0x20) {
            refuse(problem, offset,
                   c == 0 ? NUL_BYTE : "a JSON string contains a raw control character (escape it)",
                   i);
            return 0;
        } else {
            i++;
        }
    }
    return len;
}

/*
 * One pass: UTF-8 validity (no NUL byte anywhere), strings, numbers and
 * nesting depth. Outside strings the bytes are dispatched by a switch the
 * compiler makes a table of; whitespace and punctuation fall through to the
 * next byte.
 */
int sg__json_prescan(const char *json, size_t len, unsigned max_depth, sg__arena *arena,
                     sg__vec *numbers, const char **problem, size_t *offset)
{
    unsigned depth = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)json[i];
        switch (c) {
        case ' ':
        case '\n':
            /* indentation comes in runs */
            while (i + 1 < len && json[i + 1] == ' ')
                i++;
            break;
        case '\t':
        case '\r':
        case ',':
        case ':':
            break;
        case '"': {
            size_t end = scan_string(json, len, i, problem, offset);
            if (end == 0)
                return 1;
            i = end;
            break;
        }
        case '[':
        case '{':
            if (++depth > max_depth)
                return refuse(problem, offset, "the JSON text nests too deeply", i);
            break;
        case ']':
        case '}':
            depth -= depth > 0;
            break;
        case '-':
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9': {
            size_t n = lex_number(json, len, i);
            if (n == 0)
                return refuse(problem, offset,
                              "a JSON number is malformed (RFC 8259: no leading zeros, digits "
                              "after '.' and 'e')",
                              i);
            if (numbers) {
                sg__json_span *span = sg__vec_push(arena, numbers, sizeof *span);
                if (!span)
                    return -1; /* out of memory: not a problem with the text */
                span->offset = i;
                span->len = n;
            }
            i += n - 1;
            break;
        }
        default:
            if (c >= 0x80) {
                size_t n = utf8_char(json, len, i, problem, offset);
                if (n == 0)
                    return 1;
                i += n - 1;
            } else if (c < 0x20) {
                /* cJSON would skip it as whitespace; RFC 8259 allows only four */
                return refuse(problem, offset,
                              c == 0 ? NUL_BYTE : "the JSON text contains a raw control character",
                              i);
            }
            break;
        }
    }
    return 0;
}

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

/* Visits number nodes in document order, which is the order of the tokens. */
static bool attach(cJSON *node, const sg__json_span *spans, size_t count, size_t *next,
                   const char *json)
{
    for (; node; node = node->next) {
        if (cJSON_IsNumber(node)) {
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
