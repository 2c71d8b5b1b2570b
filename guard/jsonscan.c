/*
 * jsonscan.c - a bounds check over JSON text before cJSON parses it.
 *
 * cJSON recurses once per nesting level and decodes "\u0000" into a NUL byte
 * that silently ends the C string it returns, which would let an operation's
 * SQL say one thing to the guard and another to a server. This pass only
 * tracks strings, escapes and bracket depth (it parses nothing) so that deep
 * nesting, NUL escapes and invalid UTF-8 are refused with a clear message.
 */
#include <string.h>

#include "internal.h"

const char *sg__json_prescan(const char *json, size_t len, unsigned max_depth, size_t *offset)
{
    size_t bad;
    if (!sg__utf8_valid(json, len, &bad)) {
        *offset = bad;
        return json[bad] == '\0' ? "the JSON text contains a NUL byte"
                                 : "the JSON text is not valid UTF-8";
    }
    unsigned depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = json[i];
        if (in_string) {
            if (c == '\\' && i + 1 < len) {
                if (json[i + 1] == 'u' && i + 5 < len && json[i + 2] == '0' &&
                    json[i + 3] == '0' && json[i + 4] == '0' && json[i + 5] == '0') {
                    *offset = i;
                    return "a JSON string contains \\u0000 (a NUL character)";
                }
                i++;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) {
                *offset = i;
                return "the JSON text nests too deeply";
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return NULL;
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

const char *sg__json_duplicate_key(const cJSON *object)
{
    /* Objects in operations and catalogs are small; a quadratic scan over
     * keys beats building an index. Parameters objects, which can be large,
     * are checked by the binder through its sorted key array instead. */
    for (const cJSON *a = object ? object->child : NULL; a; a = a->next)
        for (const cJSON *b = a->next; b; b = b->next)
            if (a->string && b->string && strcmp(a->string, b->string) == 0)
                return a->string;
    return NULL;
}
