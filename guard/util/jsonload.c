/*
 * jsonload.c - the one way JSON text becomes a cJSON tree: operation, catalog
 * and policy alike.
 *
 * Each input is bounded in bytes and nesting, pre-scanned (jsonscan.c: UTF-8,
 * NUL, control characters, RFC numbers), parsed by cJSON inside an allocation
 * window, and refused when text follows the value; a refusal names its line
 * and column. The window is what tells an allocation failure apart from bad
 * text: cJSON returns NULL for both, but every allocation it makes while the
 * hooks are installed goes through the window, which records a failure. So
 * running out of memory is always SG__JSON_NOMEM, which every caller turns
 * into SG_ENOMEM, and never "invalid JSON" or a verdict.
 *
 * A catalog's one large array (meta_tables) can be left in the text and
 * parsed one element at a time (sg__json_each): cJSON's tree costs some 3 KB
 * a table, and building it whole for 100,000 tables meant touching 300 MB of
 * fresh memory, most of a load's time. cJSON still judges every byte: the rest
 * of the document is parsed with the array emptied, each element on its own,
 * and only the separators between elements (whitespace and commas) are
 * checked here.
 */
#include <stdio.h>
#include <string.h>

#include "util/error.h"
#include "util/json.h"
#include "util/text.h"

static sg__json_status refuse(sg__json_doc *doc, const char *json, size_t len, bool syntax,
                              const char *problem, size_t offset)
{
    doc->syntax = syntax;
    doc->problem = problem;
    doc->offset = offset;
    sg__line_col(json, len, offset, &doc->line, &doc->column);
    return SG__JSON_INVALID;
}

/* Text that cJSON parses: `text` is the document itself, or the document
 * with the bytes (gap_at, gap_at + gap) left out; offsets into it map back. */
typedef struct source {
    const char *json; /* the document, for places */
    size_t len;
    const char *text;
    size_t text_len;
    size_t gap_at, gap;
} source;

static size_t place(const source *s, size_t offset)
{
    return s->gap && offset >= s->gap_at ? offset + s->gap : offset;
}

/* What a text cJSON refused at `at` (where it stopped: the byte before or
 * after, or blanks before it)
 * most likely holds that JSON has not, as JSON-with-comments files do (a
 * tsconfig.json, a policy written by hand): a comment, or a comma before a
 * closing bracket, with *at moved to the comment's start or the bracket;
 * NULL when neither is there. */
static const char *syntax_hint(const char *text, size_t len, size_t *at)
{
    /* cJSON stops at the byte, one after it, or at blanks before it */
    size_t last = *at;
    while (last < len &&
           (text[last] == ' ' || text[last] == '\t' || text[last] == '\n' || text[last] == '\r'))
        last++;
    for (size_t p = *at > 0 ? *at - 1 : *at; p <= last && p < len; p++) {
        if (text[p] == '/' && p + 1 < len && (text[p + 1] == '/' || text[p + 1] == '*')) {
            *at = p;
            return "a comment (JSON has none)";
        }
        if (text[p] == '}' || text[p] == ']') {
            size_t k = p;
            while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\n' ||
                             text[k - 1] == '\r'))
                k--;
            if (k > 0 && text[k - 1] == ',') {
                *at = p;
                return "a comma before a closing bracket (JSON allows none)";
            }
        }
    }
    return NULL;
}

/* cJSON over s->text in a window on `arena`, refusing text after the value. */
static sg__json_status parse(const source *s, const sg__json_opts *opts, const sg__vec *numbers,
                             sg__arena *arena, sg__json_doc *doc)
{
    const char *end = NULL;
    size_t at = 0;
    sg__json_window w;
    sg__json_window_open(&w, arena);
    cJSON *root = cJSON_ParseWithLengthOpts(s->text, s->text_len, &end, false);
    const char *problem = root ? sg__json_trailing(s->text, s->text_len, end, &at) : NULL;
    int attached =
        root && !problem && opts->numbers ? sg__json_attach_numbers(root, s->json, numbers) : 0;
    sg__json_window_close(&w);
    doc->root = root;
    doc->in_arena = sg__json_window_holds(&w, root);
    if (w.failed || attached < 0) {
        sg__json_doc_release(doc);
        return SG__JSON_NOMEM;
    }
    if (!root || problem) {
        sg__json_doc_release(doc);
        if (!root) {
            at = end ? (size_t)(end - s->text) : 0;
            problem = syntax_hint(s->text, s->text_len, &at);
            /* nothing but blanks (an empty file, /dev/null): said so */
            size_t k = 0;
            while (k < s->text_len && (s->text[k] == ' ' || s->text[k] == '\t' ||
                                       s->text[k] == '\r' || s->text[k] == '\n'))
                k++;
            if (k == s->text_len)
                problem = "it is empty: there is no JSON value";
        }
        return refuse(doc, s->json, s->len, true, problem, place(s, at));
    }
    return SG__JSON_OK;
}

/* The document without its streamed array's elements: "...[" then "]...". */
static sg__json_status parse_skeleton(source *s, const sg__json_opts *opts, sg__arena *arena,
                                      sg__json_doc *doc)
{
    const sg__json_array_span *a = &doc->span;
    s->gap_at = a->open + 1;
    s->gap = a->close - s->gap_at;
    s->text_len = s->len - s->gap;
    char *text = sg__arena_alloc_raw(arena, s->text_len + 1);
    if (!text)
        return SG__JSON_NOMEM;
    memcpy(text, s->json, s->gap_at);
    memcpy(text + s->gap_at, s->json + a->close, s->len - a->close);
    text[s->text_len] = '\0';
    s->text = text;
    sg__json_status st = parse(s, opts, NULL, arena, doc);
    if (st == SG__JSON_OK) {
        doc->streamed = cJSON_GetObjectItemCaseSensitive(doc->root, opts->stream);
        doc->text = s->json;
        doc->len = s->len;
    }
    return st;
}

sg__json_status sg__json_load(const char *json, size_t len, const sg__json_opts *opts,
                              sg__arena *arena, sg__json_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    if (len > opts->max_bytes)
        return SG__JSON_TOO_BIG;
    if (!json)
        json = ""; /* no text at all: cJSON refuses it at line 1, column 1 */
    /* the spans of a typical operation's few numbers fit on the stack; more
     * move to the arena (sg__vec_push_grow copies them) */
    sg__json_span spans[16];
    sg__vec numbers = {spans, 0, sizeof spans / sizeof spans[0]};
    const char *problem = NULL;
    size_t at = 0;
    int scan = sg__json_prescan(json, len, opts->max_depth, arena, opts->numbers ? &numbers : NULL,
                                &problem, &at);
    if (scan < 0)
        return SG__JSON_NOMEM;
    if (scan > 0)
        return refuse(doc, json, len, false, problem, at);
    source s = {json, len, json, len, 0, 0};
    if (opts->stream && !opts->numbers &&
        sg__json_find_array_member(json, len, opts->stream, &doc->span))
        return parse_skeleton(&s, opts, arena, doc);
    return parse(&s, opts, &numbers, arena, doc);
}

void sg__json_doc_release(sg__json_doc *doc)
{
    if (!doc->in_arena)
        cJSON_Delete(doc->root);
    doc->root = NULL;
    doc->in_arena = false;
    doc->streamed = NULL;
}

void sg__json_describe(const sg__json_doc *doc, const char *invalid, char *buf, size_t cap)
{
    if (doc->syntax)
        snprintf(buf, cap, "%s%s%s at line %ld, column %ld", invalid, doc->problem ? ": " : "",
                 doc->problem ? doc->problem : "", doc->line, doc->column);
    else
        snprintf(buf, cap, "%s at line %ld, column %ld", doc->problem ? doc->problem : invalid,
                 doc->line, doc->column);
}

/* ---- the elements of an array ---- */

size_t sg__json_count(const sg__json_doc *doc, const cJSON *array)
{
    if (array && array == doc->streamed)
        return doc->span.count;
    return cJSON_IsArray(array) ? (size_t)cJSON_GetArraySize(array) : 0;
}

static size_t skip_ws(const char *json, size_t end, size_t i)
{
    while (i < end && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r'))
        i++;
    return i;
}

/* Parses the element at *at (in a scratch arena of its own) and hands it to fn. */
static sg__json_status each_one(sg__json_doc *doc, size_t *at, size_t index, sg__json_element_fn fn,
                                void *ctx)
{
    const char *text = doc->text, *end = NULL;
    size_t close = doc->span.close;
    /* cJSON skips a byte order mark at the start of what it is given, which
     * is only allowed at the start of the document */
    if ((unsigned char)text[*at] == 0xEF)
        return refuse(doc, text, doc->len, true, NULL, *at);
    sg__arena scratch;
    sg__arena_init(&scratch);
    sg__json_window w;
    sg__json_window_open(&w, &scratch);
    cJSON *element = cJSON_ParseWithLengthOpts(text + *at, close - *at, &end, false);
    sg__json_window_close(&w);
    sg__json_status st = SG__JSON_OK;
    if (w.failed)
        st = SG__JSON_NOMEM;
    else if (!element || index >= doc->span.count)
        st = refuse(doc, text, doc->len, true, NULL, end ? (size_t)(end - text) : *at);
    else if (fn(ctx, element, index) < 0)
        st = SG__JSON_STOPPED;
    else
        *at = (size_t)(end - text);
    if (!sg__json_window_holds(&w, element))
        cJSON_Delete(element);
    sg__arena_release(&scratch);
    return st;
}

/* The streamed array: each element parsed in turn, the separators checked here. */
static sg__json_status each_streamed(sg__json_doc *doc, sg__json_element_fn fn, void *ctx)
{
    const char *text = doc->text;
    size_t close = doc->span.close;
    size_t at = skip_ws(text, close, doc->span.open + 1), index = 0;
    for (; at < close; index++) {
        sg__json_status st = each_one(doc, &at, index, fn, ctx);
        if (st != SG__JSON_OK)
            return st;
        at = skip_ws(text, close, at);
        if (at < close && text[at] != ',')
            return refuse(doc, text, doc->len, true, NULL, at);
        if (at < close && (at = skip_ws(text, close, at + 1)) == close)
            return refuse(doc, text, doc->len, true, NULL, at); /* a comma before ']' */
    }
    /* the scan counted the elements the caller made room for; fail closed if
     * the two ever disagree */
    return index == doc->span.count ? SG__JSON_OK : refuse(doc, text, doc->len, true, NULL, at);
}

sg__json_status sg__json_each(sg__json_doc *doc, const cJSON *array, sg__json_element_fn fn,
                              void *ctx)
{
    if (array && array == doc->streamed)
        return each_streamed(doc, fn, ctx);
    size_t index = 0;
    const cJSON *element;
    cJSON_ArrayForEach(element, array)
    {
        if (fn(ctx, element, index++) < 0)
            return SG__JSON_STOPPED;
    }
    return SG__JSON_OK;
}

/* ---- inputs loaded once: the catalog, the policy ---- */

int sg__json_input_error(const char *what, int invalid_code, sg__json_status status,
                         const sg__json_doc *doc, sg_error *err)
{
    char text[256];
    if (status == SG__JSON_NOMEM)
        return sg__set_error(err, SG_ENOMEM, "%s: out of memory while loading the %s", what, what);
    sg__json_describe(doc, "invalid JSON", text, sizeof text);
    return sg__set_error(err, invalid_code, "%s: %s", what, text);
}

int sg__json_load_input(const char *what, int invalid_code, const char *json, size_t len,
                        const sg__json_opts *opts, sg__arena *arena, sg__json_doc *doc,
                        sg_error *err)
{
    sg__json_status st = sg__json_load(json, len, opts, arena, doc);
    if (st == SG__JSON_OK)
        return SG_OK;
    if (st == SG__JSON_TOO_BIG)
        return sg__set_error(err, SG_ETOOBIG, "%s: %zu bytes is over the limit of %zu", what, len,
                             opts->max_bytes);
    return sg__json_input_error(what, invalid_code, st, doc, err);
}

int sg__json_load_with(const char *what, int invalid_code, const char *json, size_t len,
                       const sg__json_opts *opts, sg__json_builder build, void *ctx, sg_error *err)
{
    /* with the JSON hooks installed the tree lives in the scratch arena and
     * goes in one call */
    sg__arena scratch;
    sg__arena_init(&scratch);
    sg__json_doc doc;
    int rc = sg__json_load_input(what, invalid_code, json, len, opts, &scratch, &doc, err);
    if (rc == SG_OK)
        rc = build(ctx, &doc);
    sg__json_doc_release(&doc);
    sg__arena_release(&scratch);
    return rc;
}

/* Puts "PATH: " in front of err's message, keeping as much of both as fits. */
static void prefix_path(sg_error *err, const char *path)
{
    char msg[sizeof err->message];
    size_t plen = strnlen(path, sizeof msg / 2);
    size_t mlen = strnlen(err->message, sizeof msg - plen - 3);
    memcpy(msg, path, plen);
    memcpy(msg + plen, ": ", 2);
    memcpy(msg + plen + 2, err->message, mlen);
    msg[plen + 2 + mlen] = '\0';
    memcpy(err->message, msg, sizeof msg);
}

int sg__json_load_file(const char *path, const char *what, size_t max_bytes,
                       sg__json_text_loader load, void *ctx, sg_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = sg_read_file(path, max_bytes, 0, &buf, &len, err);
    if (rc == SG_ETOOBIG)
        sg__set_error(err, rc, "%s: over the %s size limit of %zu bytes", path, what, max_bytes);
    if (rc == SG_OK) {
        rc = load(buf, len, ctx, err);
        if (rc != SG_OK && err)
            prefix_path(err, path);
    }
    sg__free(buf);
    return rc;
}
