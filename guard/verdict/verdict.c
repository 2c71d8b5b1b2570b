/*
 * verdict.c - accessors of a verdict and its JSON form (contract section 3).
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "resolve/pin.h"
#include "verdict/verdict.h"
#include "util/json.h"

void sg_verdict_free(sg_verdict *v)
{
    if (!v)
        return;
    if (!v->op.root_in_arena)
        cJSON_Delete(v->op.root);
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

const char *sg_verdict_parameter_json(const sg_verdict *v, size_t i)
{
    return v && i < v->param_count ? v->params_json[i] : NULL;
}

const char *sg_verdict_parameter_name(const sg_verdict *v, size_t i)
{
    return v && v->param_names && i < v->param_count ? v->param_names[i] : NULL;
}

static const char *access_name(sg_access a)
{
    return a == SG_ACCESS_WRITE ? "write" : a == SG_ACCESS_READ ? "read" : "none";
}

static cJSON *diagnostics_json(const sg_verdict *v)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < v->diag_count; i++) {
        const sg_diagnostic *d = &v->diags[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o) || !cJSON_AddStringToObject(o, "rule", d->rule) ||
            !cJSON_AddStringToObject(o, "severity",
                                     d->severity == SG_SEVERITY_ERROR ? "error" : "warning") ||
            !cJSON_AddStringToObject(o, "message", d->message))
            goto fail;
        if (d->offset >= 0) {
            cJSON *loc = cJSON_AddObjectToObject(o, "location");
            if (!loc || !cJSON_AddNumberToObject(loc, "offset", (double)d->offset) ||
                !cJSON_AddNumberToObject(loc, "line", (double)d->line) ||
                !cJSON_AddNumberToObject(loc, "column", (double)d->column))
                goto fail;
        }
    }
    return arr;
fail:
    cJSON_Delete(arr);
    return NULL;
}

static cJSON *tables_json(const sg_verdict *v)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < v->table_count; i++) {
        const sg_resolved_table *t = &v->tables[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o) ||
            !cJSON_AddStringToObject(o, "meta_table_uid", t->meta_table_uid) ||
            !cJSON_AddStringToObject(o, "alias", t->alias) ||
            !cJSON_AddStringToObject(o, "schema", t->schema) ||
            !cJSON_AddStringToObject(o, "name", t->name) ||
            !cJSON_AddStringToObject(o, "declared", access_name(t->declared)) ||
            !cJSON_AddStringToObject(o, "required", access_name(t->required))) {
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

static cJSON *parameters_json(const sg_verdict *v)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < v->param_count; i++) {
        /* raw: the exact text, numbers as the caller wrote them */
        cJSON *value = cJSON_CreateRaw(v->params_json[i]);
        if (!value || !cJSON_AddItemToArray(arr, value)) {
            cJSON_Delete(value);
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

int sg_verdict_to_json(const sg_verdict *v, char **out)
{
    if (!v || !out)
        return SG_EINVAL;
    *out = NULL;
    /* with sg_json_allocator_install(), the tree and its text live in a
     * scratch arena released at the end, instead of a heap block per node */
    sg__arena scratch;
    sg__arena_init(&scratch);
    sg__json_window w;
    sg__json_window_open(&w, &scratch);
    cJSON *root = cJSON_CreateObject();
    int rc = SG_ENOMEM;
    if (!root)
        goto done;
    cJSON *item;
    if (!cJSON_AddBoolToObject(root, "allowed", v->allowed) ||
        !cJSON_AddStringToObject(root, "operation", sg_verdict_operation(v)))
        goto done;
    if (!(item = diagnostics_json(v)) || !cJSON_AddItemToObject(root, "diagnostics", item))
        goto done;
    if (v->diags_truncated && !cJSON_AddTrueToObject(root, "diagnostics_truncated"))
        goto done;
    if (!(item = tables_json(v)) || !cJSON_AddItemToObject(root, "tables", item))
        goto done;
    if (v->compiled_sql) {
        if (!cJSON_AddStringToObject(root, "compiled_sql", v->compiled_sql))
            goto done;
        const char *path = sg_verdict_search_path(v);
        if (path && !cJSON_AddStringToObject(root, "search_path", path))
            goto done;
    } else if (!cJSON_AddNullToObject(root, "compiled_sql")) {
        goto done;
    }
    if (!(item = parameters_json(v)) || !cJSON_AddItemToObject(root, "parameters", item))
        goto done;
    if (v->param_names) {
        cJSON *names = cJSON_AddArrayToObject(root, "parameter_names");
        for (size_t i = 0; names && i < v->param_count; i++) {
            cJSON *s = cJSON_CreateString(v->param_names[i]);
            if (!s || !cJSON_AddItemToArray(names, s)) {
                cJSON_Delete(s);
                goto done;
            }
        }
        if (!names)
            goto done;
    }
    char *text = cJSON_PrintUnformatted(root);
    if (!text)
        goto done;
    /* hand the caller memory it frees with sg_free(), not cJSON's allocator */
    size_t len = strlen(text);
    *out = sg__malloc(len + 1);
    if (*out) {
        memcpy(*out, text, len + 1);
        rc = SG_OK;
    }
    if (!sg__arena_owns(&scratch, text))
        cJSON_free(text);
done:
    if (!sg__json_window_holds(&w, root))
        cJSON_Delete(root);
    sg__json_window_close(&w);
    sg__arena_release(&scratch);
    return rc;
}
