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

sg__json_status sg__json_load(const char *json, size_t len, const sg__json_limits *limits,
                              sg__arena *arena, sg__json_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    if (len > limits->max_bytes)
        return SG__JSON_TOO_BIG;
    if (!json)
        json = ""; /* no text at all: cJSON refuses it at line 1, column 1 */
    sg__vec numbers = {0};
    const char *problem = NULL;
    size_t at = 0;
    int scan = sg__json_prescan(json, len, limits->max_depth, arena,
                                limits->numbers ? &numbers : NULL, &problem, &at);
    if (scan < 0)
        return SG__JSON_NOMEM;
    if (scan > 0)
        return refuse(doc, json, len, false, problem, at);

    const char *end = NULL;
    sg__json_window w;
    sg__json_window_open(&w, arena);
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, false);
    problem = root ? sg__json_trailing(json, len, end, &at) : NULL;
    int attached = root && !problem && limits->numbers
                       ? sg__json_attach_numbers(root, json, &numbers)
                       : 0;
    sg__json_window_close(&w);
    doc->root = root;
    doc->in_arena = sg__json_window_holds(&w, root);
    if (w.failed || attached < 0) {
        sg__json_doc_release(doc);
        return SG__JSON_NOMEM;
    }
    if (!root || problem) {
        sg__json_doc_release(doc);
        if (!root)
            at = end ? (size_t)(end - json) : 0;
        return refuse(doc, json, len, true, problem, at);
    }
    return SG__JSON_OK;
}

void sg__json_doc_release(sg__json_doc *doc)
{
    if (!doc->in_arena)
        cJSON_Delete(doc->root);
    doc->root = NULL;
    doc->in_arena = false;
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

int sg__json_load_input(const char *what, int invalid_code, const char *json, size_t len,
                        const sg__json_limits *limits, sg__arena *arena, sg__json_doc *doc,
                        sg_error *err)
{
    char text[256];
    switch (sg__json_load(json, len, limits, arena, doc)) {
    case SG__JSON_OK:
        return SG_OK;
    case SG__JSON_NOMEM:
        return sg__set_error(err, SG_ENOMEM, "%s: out of memory while loading the %s", what,
                             what);
    case SG__JSON_TOO_BIG:
        return sg__set_error(err, SG_ETOOBIG, "%s: %zu bytes is over the limit of %zu", what, len,
                             limits->max_bytes);
    case SG__JSON_INVALID:
    default:
        sg__json_describe(doc, "invalid JSON", text, sizeof text);
        return sg__set_error(err, invalid_code, "%s: %s", what, text);
    }
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
