/*
 * json.h - JSON helpers shared by every decoder: the lexical pre-scan that runs
 * before cJSON, trailing text, exact number text, strict key checks, and the
 * window that lets cJSON allocate from an arena.
 */
#ifndef SG_UTIL_JSON_H
#define SG_UTIL_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/arena.h"

/* A token's place in JSON text. */
typedef struct sg__json_span {
    size_t offset, len;
} sg__json_span;

/* Lexical check of JSON text before cJSON sees it (jsonscan.c): bounds the
 * nesting depth, rejects invalid UTF-8, raw control characters and \u0000
 * escapes in strings, and numbers RFC 8259 does not allow. When `numbers` is
 * given, the span of every number token is appended to it in document order.
 * Returns NULL when fine, else a message with *offset set. */
const char *sg__json_prescan(const char *json, size_t len, unsigned max_depth, size_t *offset,
                             sg__arena *arena, sg__vec *numbers);
/* NULL when only whitespace follows `end` (where cJSON stopped), else a message. */
const char *sg__json_trailing(const char *json, size_t len, const char *end, size_t *offset);
/* Gives every number node of `root` its token text as valuestring (allocated
 * with cJSON's allocator, so cJSON_Delete frees it). -1 on allocation failure. */
int sg__json_attach_numbers(cJSON *root, const char *json, const sg__vec *numbers);
/* Compact JSON of a value, numbers exactly as written (valuestring), into the
 * arena; NULL on allocation failure. */
char *sg__json_print_value(sg__arena *arena, const cJSON *value);

/* The first key of `object` not in the NULL-terminated `allowed`, or NULL. */
const char *sg__json_unknown_key(const cJSON *object, const char *const *allowed);
/* A key that occurs twice in `object` (small objects only), or NULL. */
const char *sg__json_duplicate_key(const cJSON *object);

/* cJSON allocations of the calling thread served from `arena` between open
 * and close, once sg_json_allocator_install() put the hooks in place
 * (jsonalloc.c); otherwise (active false) nothing changes. `failed` tells an
 * allocation that failed inside the window. */
typedef struct sg__json_window {
    sg__arena *arena;
    bool active;
    bool failed;
    struct sg__json_window *outer; /* the window this one is nested in, if any */
} sg__json_window;
void sg__json_window_open(sg__json_window *w, sg__arena *arena);
void sg__json_window_close(sg__json_window *w);
/* Whether the tree at `root` lives in the window's arena (no cJSON_Delete). */
bool sg__json_window_holds(const sg__json_window *w, const cJSON *root);

#endif
