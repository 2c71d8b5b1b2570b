/*
 * jsonout.c - compact JSON text of a bound parameter value.
 *
 * cJSON prints numbers from their double, which changes integers past 2^53
 * and decimals with more than 15 digits; a parameter must reach the server as
 * the caller wrote it. Numbers are therefore printed from the token text the
 * decoder attached (jsonscan.c), and everything else with plain escaping.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

typedef struct buf {
    sg__arena *arena;
    char *data;
    size_t len, cap;
    bool failed;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = sg__arena_alloc(b->arena, cap);
        if (!d) {
            b->failed = true;
            return;
        }
        if (b->len)
            memcpy(d, b->data, b->len);
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void put_str(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_string(buf *b, const char *s)
{
    put(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(b, run, (size_t)(s - run));
        static const char short_forms[] = "\bb\ff\nn\rr\tt\"\"\\\\";
        const char *sf = memchr(short_forms, c, sizeof short_forms - 1);
        char esc[8];
        if (sf && (sf - short_forms) % 2 == 0)
            snprintf(esc, sizeof esc, "\\%c", sf[1]);
        else
            snprintf(esc, sizeof esc, "\\u%04x", c);
        put_str(b, esc);
        run = s + 1;
    }
    put(b, run, (size_t)(s - run));
    put(b, "\"", 1);
}

static void put_value(buf *b, const cJSON *v)
{
    if (cJSON_IsNull(v)) {
        put_str(b, "null");
    } else if (cJSON_IsTrue(v)) {
        put_str(b, "true");
    } else if (cJSON_IsFalse(v)) {
        put_str(b, "false");
    } else if (cJSON_IsNumber(v)) {
        if (v->valuestring) {
            put_str(b, v->valuestring);
        } else {
            char num[32];
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
            put_str(b, num);
        }
    } else if (cJSON_IsString(v)) {
        put_string(b, v->valuestring);
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        bool object = cJSON_IsObject(v);
        put(b, object ? "{" : "[", 1);
        for (const cJSON *item = v->child; item; item = item->next) {
            if (item != v->child)
                put(b, ",", 1);
            if (object) {
                put_string(b, item->string ? item->string : "");
                put(b, ":", 1);
            }
            put_value(b, item); /* depth is bounded by the decoder's pre-scan */
        }
        put(b, object ? "}" : "]", 1);
    } else {
        put_str(b, "null");
    }
}

char *sg__json_print_value(sg__arena *arena, const cJSON *value)
{
    buf b = {arena, NULL, 0, 0, false};
    put_value(&b, value);
    return b.failed ? NULL : b.data;
}
