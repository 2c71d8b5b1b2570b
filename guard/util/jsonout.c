/*
 * jsonout.c - compact JSON text of a bound parameter value.
 *
 * cJSON prints numbers from their double, which changes integers past 2^53
 * and decimals with more than 15 digits; a parameter must reach the server as
 * the caller wrote it. Numbers are therefore printed from the token text the
 * decoder attached (jsonscan.c), and everything else with plain escaping:
 * cJSON's own (the short forms, \u00XX for the other control characters,
 * everything else as it is), so that the verdict writer's text is the text
 * cJSON would print.
 */
#include <stdio.h>
#include <string.h>

#include "util/json.h"

void sg__json_put_string(sg__strbuf *b, const char *s)
{
    sg__strbuf_put(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        sg__strbuf_put(b, run, (size_t)(s - run));
        static const char short_forms[] = "\bb\ff\nn\rr\tt\"\"\\\\";
        const char *sf = memchr(short_forms, c, sizeof short_forms - 1);
        char esc[8];
        if (sf && (sf - short_forms) % 2 == 0)
            snprintf(esc, sizeof esc, "\\%c", sf[1]);
        else
            snprintf(esc, sizeof esc, "\\u%04x", c);
        sg__strbuf_puts(b, esc);
        run = s + 1;
    }
    sg__strbuf_put(b, run, (size_t)(s - run));
    sg__strbuf_put(b, "\"", 1);
}

static void put_value(sg__strbuf *b, const cJSON *v)
{
    if (cJSON_IsNull(v)) {
        sg__strbuf_puts(b, "null");
    } else if (cJSON_IsTrue(v)) {
        sg__strbuf_puts(b, "true");
    } else if (cJSON_IsFalse(v)) {
        sg__strbuf_puts(b, "false");
    } else if (cJSON_IsNumber(v)) {
        if (v->valuestring) {
            sg__strbuf_puts(b, v->valuestring);
        } else {
            char num[32];
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
            sg__strbuf_puts(b, num);
        }
    } else if (cJSON_IsString(v)) {
        sg__json_put_string(b, v->valuestring);
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        bool object = cJSON_IsObject(v);
        sg__strbuf_put(b, object ? "{" : "[", 1);
        for (const cJSON *item = v->child; item; item = item->next) {
            if (item != v->child)
                sg__strbuf_put(b, ",", 1);
            if (object) {
                sg__json_put_string(b, item->string ? item->string : "");
                sg__strbuf_put(b, ":", 1);
            }
            put_value(b, item); /* depth is bounded by the decoder's pre-scan */
        }
        sg__strbuf_put(b, object ? "}" : "]", 1);
    } else {
        sg__strbuf_puts(b, "null");
    }
}

char *sg__json_print_value(sg__arena *arena, const cJSON *value)
{
    sg__strbuf b = SG__STRBUF_INIT(arena);
    put_value(&b, value);
    return b.failed ? NULL : b.data;
}
