/*
 * operation.c - strict decoding of the operation JSON (contract section 1).
 *
 * Everything that breaks the contract's table is an op.invalid diagnostic
 * naming the key: unknown keys, wrong types, missing members, oversized
 * input, SQL that holds a NUL byte or invalid UTF-8. Limits are decoded here
 * but judged by the limits.invalid rule, so that a missing limit is reported
 * under its own id.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "decode/operation.h"
#include "decode/policy.h"
#include "util/json.h"
#include "util/text.h"

static int invalid(sg__diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int invalid(sg__diags *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sg__vreport(d, &sg__rule_op_invalid, SG_AT_NONE, -1, fmt, ap);
    va_end(ap);
    return rc;
}

/* Reports the first key of `object` (named `what`) outside `allowed`, and a
 * key it holds twice. Returns -1 only when memory ran out. */
static int check_keys(sg__diags *d, const cJSON *object, const char *const *allowed,
                      const char *what)
{
    const char *bad = sg__json_unknown_key(object, allowed);
    if (bad && invalid(d, "%s has unknown key \"%s\"", what, bad) < 0)
        return -1;
    if (sg__json_duplicate_key(object, &bad) < 0 ||
        (bad && invalid(d, "%s has key \"%s\" twice", what, bad) < 0))
        return -1;
    return 0;
}

static sg__op_kind parse_kind(const char *s)
{
    static const struct {
        const char *name;
        sg__op_kind kind;
    } kinds[] = {{"select", SG_OP_SELECT},
                 {"insert", SG_OP_INSERT},
                 {"update", SG_OP_UPDATE},
                 {"delete", SG_OP_DELETE},
                 {"merge", SG_OP_MERGE}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(s, kinds[i].name) == 0)
            return kinds[i].kind;
    return SG_OP_UNKNOWN;
}

static int decode_scope(sg__arena *arena, const cJSON *scope, const sg_check_options *opts,
                        sg__operation *op, sg__diags *d)
{
    static const char *const keys[] = {"data_source_uid", "tables", NULL};
    static const char *const entry_keys[] = {"meta_table_uid", "alias", "access", NULL};
    if (!cJSON_IsObject(scope))
        return invalid(d, scope ? "scope must be an object" : "scope is required");
    if (check_keys(d, scope, keys, "scope") < 0)
        return -1;
    const cJSON *ds = cJSON_GetObjectItemCaseSensitive(scope, "data_source_uid");
    if (!cJSON_IsString(ds)) {
        if (invalid(d, "scope.data_source_uid %s", ds ? "must be a string" : "is required") < 0)
            return -1;
    } else {
        op->data_source_uid = ds->valuestring;
    }
    const cJSON *tables = cJSON_GetObjectItemCaseSensitive(scope, "tables");
    if (!cJSON_IsArray(tables))
        return invalid(d, "scope.tables %s", tables ? "must be an array" : "is required");
    size_t n = (size_t)cJSON_GetArraySize(tables);
    if (n > opts->max_scope_tables) {
        char count[32];
        snprintf(count, sizeof count, "%u", opts->max_scope_tables);
        return invalid(d, "scope.tables has more than %s entries", count);
    }
    op->scope = sg__arena_alloc(arena, (n + 1) * sizeof *op->scope);
    if (!op->scope)
        return -1;
    size_t i = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, tables)
    {
        char path[48];
        snprintf(path, sizeof path, "scope.tables[%zu]", i++);
        if (!cJSON_IsObject(t)) {
            if (invalid(d, "%s must be an object", path) < 0)
                return -1;
            continue;
        }
        if (check_keys(d, t, entry_keys, path) < 0)
            return -1;
        const cJSON *uid = cJSON_GetObjectItemCaseSensitive(t, "meta_table_uid");
        const cJSON *alias = cJSON_GetObjectItemCaseSensitive(t, "alias");
        const cJSON *access = cJSON_GetObjectItemCaseSensitive(t, "access");
        bool ok = true;
        if (!cJSON_IsString(uid) || !uid->valuestring[0]) {
            ok = false;
            if (invalid(d, "%s.meta_table_uid must be a non-empty string", path) < 0)
                return -1;
        }
        if (!cJSON_IsString(alias) || !alias->valuestring[0]) {
            ok = false;
            if (invalid(d, "%s.alias must be a non-empty string", path) < 0)
                return -1;
        }
        if (!cJSON_IsString(access)) {
            ok = false;
            if (invalid(d, "%s.access must be a string (\"read\" or \"write\")", path) < 0)
                return -1;
        }
        if (!ok)
            continue;
        sg__scope_entry *e = &op->scope[op->scope_count++];
        e->meta_table_uid = uid->valuestring;
        e->alias = alias->valuestring;
        e->access_text = access->valuestring;
        e->access = strcmp(access->valuestring, "read") == 0    ? SG_ACCESS_READ
                    : strcmp(access->valuestring, "write") == 0 ? SG_ACCESS_WRITE
                                                                : SG_ACCESS_NONE;
    }
    return 0;
}

/* One limit as the limits rules read it. */
static sg__op_limit decode_limit(const cJSON *limits, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(limits, key);
    sg__op_limit l = {key, v != NULL, cJSON_IsNumber(v), false, 0};
    if (l.is_number) {
        l.value = v->valuedouble;
        l.is_integer = isfinite(l.value) && floor(l.value) == l.value;
    }
    return l;
}

static int decode_limits(const cJSON *limits, sg__operation *op, sg__diags *d)
{
    static const char *const keys[] = {"max_rows", "statement_timeout_ms", NULL};
    op->max_rows = decode_limit(NULL, keys[0]);
    op->statement_timeout_ms = decode_limit(NULL, keys[1]);
    if (!limits)
        return 0; /* limits.invalid reports it */
    if (!cJSON_IsObject(limits))
        return invalid(d, "limits must be an object");
    op->has_limits = true;
    if (check_keys(d, limits, keys, "limits") < 0)
        return -1;
    op->max_rows = decode_limit(limits, keys[0]);
    op->statement_timeout_ms = decode_limit(limits, keys[1]);
    return 0;
}

static int decode_parameters(sg__arena *arena, const cJSON *params, const sg_check_options *opts,
                             sg__operation *op, sg__diags *d)
{
    if (!params)
        return invalid(d, "parameters is required (an object for %%(name)s, an array for %%s "
                          "or $n)");
    if (!cJSON_IsObject(params) && !cJSON_IsArray(params))
        return invalid(d, "parameters must be an object or an array");
    size_t n = (size_t)cJSON_GetArraySize(params);
    if (n > opts->max_parameters) {
        char count[32];
        snprintf(count, sizeof count, "%u", opts->max_parameters);
        return invalid(d, "parameters has more than %s values", count);
    }
    op->parameters = params;
    op->param_count = n;
    op->params_shape = cJSON_IsObject(params) ? SG_PARAMS_OBJECT : SG_PARAMS_ARRAY;
    if (op->params_shape == SG_PARAMS_ARRAY)
        return 0;
    op->param_names = sg__arena_alloc(arena, (n + 1) * sizeof *op->param_names);
    if (!op->param_names)
        return -1;
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, params) op->param_names[i++] = item->string;
    return 0;
}

int sg__decode_operation(sg__arena *arena, const char *json, size_t len,
                         const sg_check_options *opts, sg__operation *op, sg__diags *d)
{
    static const char *const keys[] = {"operation", "sql", "parameters", "scope", "limits", NULL};
    memset(op, 0, sizeof *op);
    op->kind_text = "";
    sg__json_opts jopts = {opts->max_operation_bytes, opts->max_json_depth, true, NULL};
    sg__json_doc doc;
    sg__json_status st = sg__json_load(json, len, &jopts, arena, &doc);
    op->root = doc.root;
    op->root_in_arena = doc.in_arena;
    if (st == SG__JSON_NOMEM)
        return -1;
    if (st == SG__JSON_TOO_BIG) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%zu", len);
        snprintf(b, sizeof b, "%zu", opts->max_operation_bytes);
        return invalid(d, "the operation is %s bytes, over the limit of %s", a, b);
    }
    if (st == SG__JSON_INVALID) {
        char text[256];
        sg__json_describe(&doc, "the operation is not valid JSON", text, sizeof text);
        return invalid(d, "%s", text);
    }
    const cJSON *root = op->root;
    if (!cJSON_IsObject(root))
        return invalid(d, "the operation must be a JSON object");
    if (check_keys(d, root, keys, "the operation") < 0)
        return -1;

    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(root, "operation");
    if (!cJSON_IsString(kind)) {
        if (invalid(d, "operation %s", kind ? "must be a string" : "is required") < 0)
            return -1;
    } else {
        op->kind_text = kind->valuestring;
        op->kind = parse_kind(kind->valuestring);
        if (op->kind == SG_OP_UNKNOWN &&
            invalid(d, "operation \"%s\" is not one of select, insert, update, delete, merge",
                    kind->valuestring) < 0)
            return -1;
    }

    const cJSON *sql = cJSON_GetObjectItemCaseSensitive(root, "sql");
    if (!cJSON_IsString(sql)) {
        if (invalid(d, "sql %s", sql ? "must be a string" : "is required") < 0)
            return -1;
    } else {
        op->sql = sql->valuestring;
        op->sql_len = strlen(sql->valuestring);
        size_t badpos;
        if (op->sql_len > opts->max_sql_bytes) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%zu", op->sql_len);
            snprintf(b, sizeof b, "%zu", opts->max_sql_bytes);
            if (invalid(d, "sql is %s bytes, over the limit of %s", a, b) < 0)
                return -1;
            op->sql = NULL;
        } else if (!sg__utf8_valid(op->sql, op->sql_len, &badpos)) {
            char where[32];
            snprintf(where, sizeof where, "%zu", badpos);
            if (invalid(d, "sql is not valid UTF-8 (at byte %s)", where) < 0)
                return -1;
            op->sql = NULL;
        }
    }

    if (decode_parameters(arena, cJSON_GetObjectItemCaseSensitive(root, "parameters"), opts, op,
                          d) < 0 ||
        decode_scope(arena, cJSON_GetObjectItemCaseSensitive(root, "scope"), opts, op, d) < 0 ||
        decode_limits(cJSON_GetObjectItemCaseSensitive(root, "limits"), op, d) < 0)
        return -1;
    return 0;
}
