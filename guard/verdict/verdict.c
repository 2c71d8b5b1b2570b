/*
 * verdict.c - accessors of a verdict and its JSON form (contract section 3).
 */
#include <stdio.h>
#include <string.h>

#include "resolve/pin.h"
#include "verdict/verdict.h"
#include "util/json.h"

void sg_verdict_free(sg_verdict *v)
{
    if (!v)
        return;
    if (!v->op.root_in_arena)
        cJSON_Delete(v->op.root);
    sg__free((void *)atomic_load_explicit(&v->params_json, memory_order_acquire));
    sg__arena_release(&v->arena);
    sg__free(v);
}

void sg_free(void *ptr)
{
    sg__free(ptr);
}

bool sg_verdict_allowed(const sg_verdict *v)
{
    return v && v->allowed;
}

const char *sg_verdict_operation(const sg_verdict *v)
{
    return v && v->operation ? v->operation : "";
}

size_t sg_verdict_diagnostic_count(const sg_verdict *v)
{
    return v ? v->diag_count : 0;
}

bool sg_verdict_diagnostics_truncated(const sg_verdict *v)
{
    return v && v->diags_truncated;
}

const sg_diagnostic *sg_verdict_diagnostic(const sg_verdict *v, size_t i)
{
    return v && i < v->diag_count ? &v->diags[i] : NULL;
}

size_t sg_verdict_table_count(const sg_verdict *v)
{
    return v ? v->table_count : 0;
}

const sg_resolved_table *sg_verdict_table(const sg_verdict *v, size_t i)
{
    return v && i < v->table_count ? &v->tables[i] : NULL;
}

const char *sg_verdict_compiled_sql(const sg_verdict *v)
{
    return v ? v->compiled_sql : NULL;
}

const char *sg_verdict_search_path(const sg_verdict *v)
{
    return v && v->compiled_sql && !v->op.lint ? SG__PINNED_SEARCH_PATH : NULL;
}

const char *sg_verdict_sql(const sg_verdict *v)
{
    return v ? v->op.sql : NULL;
}

size_t sg_verdict_parameter_count(const sg_verdict *v)
{
    return v ? v->param_count : 0;
}

/* The texts of the values, printed in a scratch arena and then copied into
 * one heap block: the pointers first, then the texts. NULL when memory ran
 * out. */
static const char **print_params(const sg_verdict *v)
{
    sg__arena scratch;
    sg__arena_init(&scratch);
    const char **texts = sg__arena_alloc(&scratch, v->param_count * sizeof *texts);
    size_t *lens = sg__arena_alloc(&scratch, v->param_count * sizeof *lens);
    size_t total = (v->param_count + 1) * sizeof *texts;
    bool ok = texts && lens;
    for (size_t i = 0; ok && i < v->param_count; i++) {
        texts[i] = sg__json_print_value(&scratch, v->param_values[i]);
        ok = texts[i] != NULL;
        if (ok) {
            lens[i] = strlen(texts[i]) + 1;
            total += lens[i];
        }
    }
    const char **block = ok ? sg__malloc(total) : NULL;
    if (block) {
        char *at = (char *)(block + v->param_count + 1);
        for (size_t i = 0; i < v->param_count; i++) {
            memcpy(at, texts[i], lens[i]);
            block[i] = at;
            at += lens[i];
        }
        block[v->param_count] = NULL;
    }
    sg__arena_release(&scratch);
    return block;
}

const char *const *sg__verdict_params_json(const sg_verdict *cv)
{
    /* The verdict is only ever made writable by sg_check(); this member is the
     * one written later, once, atomically: concurrent readers either find it
     * or build a copy of their own, and all but the first copy published are
     * freed. */
    sg_verdict *v = (sg_verdict *)cv;
    const char **have = atomic_load_explicit(&v->params_json, memory_order_acquire);
    if (have || !v->param_count)
        return have;
    const char **mine = print_params(v);
    if (!mine)
        return NULL;
    if (atomic_compare_exchange_strong_explicit(&v->params_json, &have, mine, memory_order_acq_rel,
                                                memory_order_acquire))
        return mine;
    sg__free((void *)mine);
    return have;
}

const char *sg_verdict_parameter_json(const sg_verdict *v, size_t i)
{
    if (!v || i >= v->param_count)
        return NULL;
    const char *const *texts = sg__verdict_params_json(v);
    return texts ? texts[i] : NULL;
}

const char *sg_verdict_parameter_name(const sg_verdict *v, size_t i)
{
    return v && v->param_names && i < v->param_count ? v->param_names[i] : NULL;
}

/* ---- the verdict's JSON, written straight into a buffer ----
 * Member by member in the order of the contract, compact, escaped as cJSON
 * escapes (sg__json_put_string), numbers as cJSON prints integers: the text
 * cJSON_PrintUnformatted gave of the same tree, without the tree. */

/* Member names are plain ASCII: each is written as the literal it escapes
 * to, with the comma before it when it is not the first. */
#define PUT_LITERAL(b, text) sg__strbuf_put((b), (text), sizeof(text) - 1)
#define PUT_KEY(b, key) PUT_LITERAL((b), ",\"" key "\":")
#define PUT_FIRST_KEY(b, key) PUT_LITERAL((b), "\"" key "\":")
/* ... followed by a value written as it stands (a literal) */
#define PUT_KEY_VALUE(b, key, value) PUT_LITERAL((b), ",\"" key "\":" value)

static void put_long(sg__strbuf *b, long value)
{
    char digits[24];
    size_t n = sizeof digits;
    /* negated in unsigned arithmetic: LONG_MIN has no positive long */
    unsigned long u = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (value < 0)
        digits[--n] = '-';
    sg__strbuf_put(b, digits + n, sizeof digits - n);
}

static void put_diagnostics(sg__strbuf *b, const sg_verdict *v)
{
    PUT_LITERAL(b, "[");
    for (size_t i = 0; i < v->diag_count; i++) {
        const sg_diagnostic *d = &v->diags[i];
        sg__strbuf_put(b, i ? ",{" : "{", i ? 2 : 1);
        PUT_FIRST_KEY(b, "rule");
        sg__json_put_string(b, d->rule);
        if (d->severity == SG_SEVERITY_ERROR)
            PUT_KEY_VALUE(b, "severity", "\"error\"");
        else
            PUT_KEY_VALUE(b, "severity", "\"warning\"");
        PUT_KEY(b, "message");
        sg__json_put_string(b, d->message);
        if (d->offset >= 0) {
            PUT_KEY_VALUE(b, "location", "{");
            PUT_FIRST_KEY(b, "offset");
            put_long(b, d->offset);
            PUT_KEY(b, "line");
            put_long(b, d->line);
            PUT_KEY(b, "column");
            put_long(b, d->column);
            PUT_LITERAL(b, "}");
        }
        PUT_LITERAL(b, "}");
    }
    PUT_LITERAL(b, "]");
}

/* "read", "write" or "none" */
static void put_access(sg__strbuf *b, sg_access a)
{
    if (a == SG_ACCESS_WRITE)
        PUT_LITERAL(b, "\"write\"");
    else if (a == SG_ACCESS_READ)
        PUT_LITERAL(b, "\"read\"");
    else
        PUT_LITERAL(b, "\"none\"");
}

static void put_tables(sg__strbuf *b, const sg_verdict *v)
{
    PUT_LITERAL(b, "[");
    for (size_t i = 0; i < v->table_count; i++) {
        const sg_resolved_table *t = &v->tables[i];
        sg__strbuf_put(b, i ? ",{" : "{", i ? 2 : 1);
        PUT_FIRST_KEY(b, "meta_table_uid");
        sg__json_put_string(b, t->meta_table_uid);
        PUT_KEY(b, "alias");
        sg__json_put_string(b, t->alias);
        PUT_KEY(b, "schema");
        sg__json_put_string(b, t->schema);
        PUT_KEY(b, "name");
        sg__json_put_string(b, t->name);
        PUT_KEY(b, "declared");
        put_access(b, t->declared);
        PUT_KEY(b, "required");
        put_access(b, t->required);
        PUT_LITERAL(b, "}");
    }
    PUT_LITERAL(b, "]");
}

int sg_verdict_to_json_buf(const sg_verdict *v, char **buf, size_t *cap, size_t *len)
{
    if (len)
        *len = 0;
    if (!v || !buf || !cap || !len || (!*buf && *cap))
        return SG_EINVAL;
    /* the text is written in the caller's block, room made for a usual
     * verdict at once */
    sg__strbuf b = {NULL, *buf, 0, *cap, 0};
    sg__strbuf_reserve(&b, 1024 + (v->compiled_sql ? strlen(v->compiled_sql) : 0));
    if (v->allowed)
        PUT_LITERAL(&b, "{\"allowed\":true");
    else
        PUT_LITERAL(&b, "{\"allowed\":false");
    PUT_KEY(&b, "operation");
    sg__json_put_string(&b, sg_verdict_operation(v));
    PUT_KEY(&b, "diagnostics");
    put_diagnostics(&b, v);
    if (v->diags_truncated)
        PUT_KEY_VALUE(&b, "diagnostics_truncated", "true");
    PUT_KEY(&b, "tables");
    put_tables(&b, v);
    if (v->compiled_sql) {
        PUT_KEY(&b, "compiled_sql");
        sg__json_put_string(&b, v->compiled_sql);
        const char *path = sg_verdict_search_path(v);
        if (path) {
            PUT_KEY(&b, "search_path");
            sg__json_put_string(&b, path);
        }
    } else {
        PUT_KEY_VALUE(&b, "compiled_sql", "null");
    }
    PUT_KEY_VALUE(&b, "parameters", "[");
    /* the verdict's texts when something asked for them already; else the
     * values written here, the same text without keeping it */
    const char *const *texts = atomic_load_explicit(&v->params_json, memory_order_acquire);
    for (size_t i = 0; i < v->param_count; i++) {
        if (i)
            PUT_LITERAL(&b, ",");
        if (texts)
            sg__strbuf_puts(&b, texts[i]);
        else
            sg__json_put_value(&b, v->param_values[i]);
    }
    PUT_LITERAL(&b, "]");
    if (v->param_names) {
        PUT_KEY_VALUE(&b, "parameter_names", "[");
        for (size_t i = 0; i < v->param_count; i++) {
            if (i)
                PUT_LITERAL(&b, ",");
            sg__json_put_string(&b, v->param_names[i]);
        }
        PUT_LITERAL(&b, "]");
    }
    sg__strbuf_put(&b, "}", 1);
    *buf = b.data;             /* memory the caller frees with sg_free() */
    *cap = b.data ? b.cap : 0; /* after a failure, no more than the block holds */
    if (b.failed)
        return SG_ENOMEM;
    *len = b.len;
    return SG_OK;
}

int sg_verdict_to_json(const sg_verdict *v, char **out)
{
    if (!v || !out)
        return SG_EINVAL;
    *out = NULL;
    char *buf = NULL;
    size_t cap = 0, len;
    int rc = sg_verdict_to_json_buf(v, &buf, &cap, &len);
    if (rc != SG_OK) {
        sg__free(buf);
        return rc;
    }
    *out = buf;
    return SG_OK;
}
