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

static const char *access_name(sg_access a)
{
    return a == SG_ACCESS_WRITE ? "write" : a == SG_ACCESS_READ ? "read" : "none";
}

/* ---- the verdict's JSON, written straight into a buffer ----
 * Member by member in the order of the contract, compact, escaped as cJSON
 * escapes (sg__json_put_string), numbers as cJSON prints integers: the text
 * cJSON_PrintUnformatted gave of the same tree, without the tree. */

static void put_key(sg__strbuf *b, const char *key, bool first)
{
    if (!first)
        sg__strbuf_put(b, ",", 1);
    sg__json_put_string(b, key);
    sg__strbuf_put(b, ":", 1);
}

static void put_string_member(sg__strbuf *b, const char *key, const char *value, bool first)
{
    put_key(b, key, first);
    sg__json_put_string(b, value);
}

static void put_long_member(sg__strbuf *b, const char *key, long value, bool first)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", value);
    put_key(b, key, first);
    sg__strbuf_puts(b, num);
}

static void put_diagnostics(sg__strbuf *b, const sg_verdict *v)
{
    sg__strbuf_put(b, "[", 1);
    for (size_t i = 0; i < v->diag_count; i++) {
        const sg_diagnostic *d = &v->diags[i];
        sg__strbuf_put(b, i ? ",{" : "{", i ? 2 : 1);
        put_string_member(b, "rule", d->rule, true);
        put_string_member(b, "severity", d->severity == SG_SEVERITY_ERROR ? "error" : "warning",
                          false);
        put_string_member(b, "message", d->message, false);
        if (d->offset >= 0) {
            put_key(b, "location", false);
            sg__strbuf_put(b, "{", 1);
            put_long_member(b, "offset", d->offset, true);
            put_long_member(b, "line", d->line, false);
            put_long_member(b, "column", d->column, false);
            sg__strbuf_put(b, "}", 1);
        }
        sg__strbuf_put(b, "}", 1);
    }
    sg__strbuf_put(b, "]", 1);
}

static void put_tables(sg__strbuf *b, const sg_verdict *v)
{
    sg__strbuf_put(b, "[", 1);
    for (size_t i = 0; i < v->table_count; i++) {
        const sg_resolved_table *t = &v->tables[i];
        sg__strbuf_put(b, i ? ",{" : "{", i ? 2 : 1);
        put_string_member(b, "meta_table_uid", t->meta_table_uid, true);
        put_string_member(b, "alias", t->alias, false);
        put_string_member(b, "schema", t->schema, false);
        put_string_member(b, "name", t->name, false);
        put_string_member(b, "declared", access_name(t->declared), false);
        put_string_member(b, "required", access_name(t->required), false);
        sg__strbuf_put(b, "}", 1);
    }
    sg__strbuf_put(b, "]", 1);
}

int sg_verdict_to_json(const sg_verdict *v, char **out)
{
    if (!v || !out)
        return SG_EINVAL;
    *out = NULL;
    sg__arena scratch;
    sg__arena_init(&scratch);
    sg__strbuf b = SG__STRBUF_INIT(&scratch);
    sg__strbuf_put(&b, "{\"allowed\":", 11);
    sg__strbuf_puts(&b, v->allowed ? "true" : "false");
    put_string_member(&b, "operation", sg_verdict_operation(v), false);
    put_key(&b, "diagnostics", false);
    put_diagnostics(&b, v);
    if (v->diags_truncated)
        sg__strbuf_puts(&b, ",\"diagnostics_truncated\":true");
    put_key(&b, "tables", false);
    put_tables(&b, v);
    if (v->compiled_sql) {
        put_string_member(&b, "compiled_sql", v->compiled_sql, false);
        const char *path = sg_verdict_search_path(v);
        if (path)
            put_string_member(&b, "search_path", path, false);
    } else {
        sg__strbuf_puts(&b, ",\"compiled_sql\":null");
    }
    put_key(&b, "parameters", false);
    sg__strbuf_put(&b, "[", 1);
    /* the verdict's texts when something asked for them already; else the
     * values printed here, without keeping them */
    const char *const *texts = atomic_load_explicit(&v->params_json, memory_order_acquire);
    for (size_t i = 0; i < v->param_count; i++) {
        if (i)
            sg__strbuf_put(&b, ",", 1);
        const char *text = texts ? texts[i] : sg__json_print_value(&scratch, v->param_values[i]);
        if (text)
            sg__strbuf_puts(&b, text);
        else
            b.failed = 1;
    }
    sg__strbuf_put(&b, "]", 1);
    if (v->param_names) {
        put_key(&b, "parameter_names", false);
        sg__strbuf_put(&b, "[", 1);
        for (size_t i = 0; i < v->param_count; i++) {
            if (i)
                sg__strbuf_put(&b, ",", 1);
            sg__json_put_string(&b, v->param_names[i]);
        }
        sg__strbuf_put(&b, "]", 1);
    }
    sg__strbuf_put(&b, "}", 1);
    int rc = SG_ENOMEM;
    /* hand the caller memory it frees with sg_free() */
    if (!b.failed && (*out = sg__malloc(b.len + 1)) != NULL) {
        memcpy(*out, b.data, b.len);
        (*out)[b.len] = '\0';
        rc = SG_OK;
    }
    sg__arena_release(&scratch);
    return rc;
}
