/*
 * json.h - JSON helpers shared by every decoder: the one loader (byte bound,
 * pre-scan, cJSON parse, trailing text, error place), exact number text,
 * strict key checks, and the window that lets cJSON allocate from an arena.
 */
#ifndef SG_UTIL_JSON_H
#define SG_UTIL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "sqlguard.h"
#include "util/arena.h"

/* ---- the loader (jsonload.c) ---- */

/* What sg__json_load() and sg__json_each() answer. */
typedef enum {
    SG__JSON_OK = 0,
    SG__JSON_NOMEM,   /* an allocation failed, in the pre-scan or inside cJSON */
    SG__JSON_TOO_BIG, /* more than max_bytes of text */
    SG__JSON_INVALID, /* not acceptable JSON: see the document's problem and place */
    SG__JSON_STOPPED  /* sg__json_each(): the caller's function returned -1 */
} sg__json_status;

/* Bounds and wishes of one load. */
typedef struct sg__json_opts {
    size_t max_bytes;
    unsigned max_depth; /* nesting of arrays and objects */
    bool numbers;       /* give number nodes their token text (sg__json_attach_numbers) */
    const char *stream; /* a top-level member whose array is parsed one element at a
                           time by sg__json_each(), or NULL (see sg__json_load()) */
} sg__json_opts;

/* The brackets of an array in JSON text, and how many elements it holds. */
typedef struct sg__json_array_span {
    size_t open, close;
    size_t count;
} sg__json_array_span;

/* A loaded document, or why there is none. */
typedef struct sg__json_doc {
    cJSON *root;   /* the tree when SG__JSON_OK; release with sg__json_doc_release() */
    bool in_arena; /* the tree lives in the arena given to the load */
    /* SG__JSON_INVALID: */
    bool syntax;         /* cJSON refused the text, or text follows the value */
    const char *problem; /* what the pre-scan refused, "text follows the JSON value", or NULL */
    size_t offset;       /* byte offset of the problem */
    long line, column;   /* 1-based; the column counts characters */
    /* opts.stream: the member's array, whose elements are still in the text */
    const char *text;
    size_t len;
    const cJSON *streamed; /* the member in root (an empty array), or NULL */
    sg__json_array_span span;
} sg__json_doc;

/*
 * The one way the library reads JSON text: checks the byte bound, runs the
 * pre-scan, parses with cJSON (into `arena` when sg_json_allocator_install()
 * put the hooks in place, else on the heap) and refuses text after the value.
 * An allocation failure anywhere on the way is SG__JSON_NOMEM, never a
 * problem with the text; cJSON's own failures are told apart through the
 * allocation window, which sees every allocation cJSON makes once the hooks
 * are installed (without them cJSON calls malloc() directly, and a failure
 * there reads as invalid JSON). `arena` must outlive the tree.
 *
 * With opts.stream, the array that member holds is left out of the tree (the
 * member is there, an empty array) when the text names it once, without
 * escapes, in a top-level object: cJSON judges the rest of the text, and
 * sg__json_each() parses the elements one by one, so that a catalog of
 * 100,000 tables never has 100,000 tables' worth of cJSON nodes alive. The
 * text must then stay unchanged until the elements are read.
 */
sg__json_status sg__json_load(const char *json, size_t len, const sg__json_opts *opts,
                              sg__arena *arena, sg__json_doc *doc);
/* Deletes a tree that lives on the heap; a no-op for one in an arena. */
void sg__json_doc_release(sg__json_doc *doc);
/* The refusal of an SG__JSON_INVALID document as one line: "<invalid> at
 * line L, column C" for a syntax error (with ": <problem>" after <invalid>
 * when there is one), "<problem> at line L, column C" for the pre-scan's. */
void sg__json_describe(const sg__json_doc *doc, const char *invalid, char *buf, size_t cap);

/* Elements of an array member of a loaded document: how many, and each in
 * order to fn(ctx, element, index) (the element is valid during the call).
 * For the streamed member each element is parsed by cJSON then, so a syntax
 * error there is SG__JSON_INVALID with the document's place filled. */
typedef int (*sg__json_element_fn)(void *ctx, const cJSON *element, size_t index);
size_t sg__json_count(const sg__json_doc *doc, const cJSON *array);
sg__json_status sg__json_each(sg__json_doc *doc, const cJSON *array, sg__json_element_fn fn,
                              void *ctx);

/*
 * sg__json_load() for the documents the library loads once and refuses as a
 * whole (the catalog, the policy): SG_OK with *doc, or a negative code with
 * "<what>: ..." in *err: SG_ETOOBIG, SG_ENOMEM, or `invalid_code` for text
 * that is not acceptable JSON. sg__json_input_error() words a failed
 * sg__json_each() the same way (SG_ENOMEM or `invalid_code`).
 */
int sg__json_load_input(const char *what, int invalid_code, const char *json, size_t len,
                        const sg__json_opts *opts, sg__arena *arena, sg__json_doc *doc,
                        sg_error *err);
int sg__json_input_error(const char *what, int invalid_code, sg__json_status status,
                         const sg__json_doc *doc, sg_error *err);
/*
 * sg__json_load_input() into a scratch arena, then build(ctx, doc) on the
 * document; the tree and the scratch go when build returns (build copies what
 * it keeps). Returns the load's error or build's return value.
 */
typedef int (*sg__json_builder)(void *ctx, sg__json_doc *doc);
int sg__json_load_with(const char *what, int invalid_code, const char *json, size_t len,
                       const sg__json_opts *opts, sg__json_builder build, void *ctx, sg_error *err);
/*
 * Reads the file at `path` (at most max_bytes, through sg_read_file) and hands
 * its text to `load`; every message of either gets "PATH: " in front, and a
 * file over the bound is SG_ETOOBIG "PATH: over the <what> size limit of N bytes".
 */
typedef int (*sg__json_text_loader)(const char *json, size_t len, void *ctx, sg_error *err);
int sg__json_load_file(const char *path, const char *what, size_t max_bytes,
                       sg__json_text_loader load, void *ctx, sg_error *err);

/* ---- pieces of the loader, and helpers on trees ---- */

/* A token's place in JSON text. */
typedef struct sg__json_span {
    size_t offset, len;
} sg__json_span;

/* Lexical check of JSON text before cJSON sees it (jsonscan.c): bounds the
 * nesting depth, rejects invalid UTF-8, raw control characters, \u0000 and
 * \u escapes without four hexadecimal digits in strings, and numbers RFC 8259 does not allow. When `numbers` is
 * given, the span of every number token is appended to it (in `arena`) in
 * document order. Returns 0 when fine, 1 with *problem and *offset set when
 * the text is refused, -1 when recording a span ran out of memory. */
int sg__json_prescan(const char *json, size_t len, unsigned max_depth, sg__arena *arena,
                     sg__vec *numbers, const char **problem, size_t *offset);
/* The same answers, a byte at a time: the pre-scan where the processor has
 * no AVX2, and the reference the block scan is tested against. */
int sg__json_prescan_bytewise(const char *json, size_t len, unsigned max_depth, sg__arena *arena,
                              sg__vec *numbers, const char **problem, size_t *offset);
/* Where the top-level object of text the pre-scan accepted holds member `key`
 * as an array: 1 with *out, or 0 when it does not, names it twice, or names
 * a member with escapes (which might spell `key`). */
int sg__json_find_array_member(const char *json, size_t len, const char *key,
                               sg__json_array_span *out);
/* NULL when only whitespace follows `end` (where cJSON stopped), else a message. */
const char *sg__json_trailing(const char *json, size_t len, const char *end, size_t *offset);
/* Gives every number node of `root` its token text as valuestring (allocated
 * with cJSON's allocator, so cJSON_Delete frees it). -1 on allocation failure. */
int sg__json_attach_numbers(cJSON *root, const char *json, const sg__vec *numbers);
/* Compact JSON of a value, numbers exactly as written (valuestring), into the
 * arena; NULL on allocation failure. */
char *sg__json_print_value(sg__arena *arena, const cJSON *value);
/* The same text appended to `b` (b->failed when memory runs out). */
void sg__json_put_value(sg__strbuf *b, const cJSON *value);
/* A JSON string for `s` (NUL-terminated), escaped as cJSON escapes it. */
void sg__json_put_string(sg__strbuf *b, const char *s);

/* The members of `object` by name, in one pass: slots[k] is the (first)
 * member named allowed[k] (a NULL-terminated list of at most 64 names), or
 * NULL. Returns NULL when every member is allowed and none is named twice;
 * else the name of the first member not allowed, or (*twice set) of one
 * named again. */
const char *sg__json_members(const cJSON *object, const char *const *allowed, const cJSON **slots,
                             bool *twice);
/* The first key of `object` not in the NULL-terminated `allowed`, or NULL. */
const char *sg__json_unknown_key(const cJSON *object, const char *const *allowed);
/* Sets *key to a key that occurs twice in `object`, or NULL. Large objects
 * are sorted, which allocates: -1 when that failed (out of memory), else 0. */
int sg__json_duplicate_key(const cJSON *object, const char **key);

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

/* ---- eight bytes at a time (jsonscan.c, jsonout.c) ---- */

/* The 8 bytes at p as a word whose least significant byte is p[0], so that
 * the lowest set bit of a mask names the first byte it flags. */
static inline uint64_t sg__json_load8(const char *p)
{
    uint64_t x;
    __builtin_memcpy(&x, p, sizeof x);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}

/* The index (0..7) of the first byte a nonzero mask of high bits flags. */
static inline size_t sg__json_first_flagged(uint64_t mask)
{
    return (size_t)__builtin_ctzll(mask) >> 3;
}

#endif
