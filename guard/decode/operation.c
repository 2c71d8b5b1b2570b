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

/* NO_INDEX, or the index of an entry in the array `what` names. */
#define NO_INDEX ((size_t)-1)

/* What a diagnostic calls the object: `what`, or `what[index]`; in buf. */
static const char *object_name(char *buf, size_t cap, const char *what, size_t index)
{
    if (index == NO_INDEX)
        return what;
    snprintf(buf, cap, "%s[%zu]", what, index);
    return buf;
}

/* Finds the members of `object` by name, slots[k] for allowed[k] (the first
 * when a name repeats), in one pass; reports the first key outside
 * `allowed`, and a key it holds twice. The object is `what`, or entry
 * `index` of the array `what` (named only when a diagnostic needs it).
 * Returns -1 only when memory ran out. */
static int members(sg__diags *d, const cJSON *object, const char *const *allowed, const char *what,
                   size_t index, const cJSON **slots)
{
    bool twice;
    const char *bad = sg__json_members(object, allowed, slots, &twice);
    if (!bad)
        return 0;
    char buf[64];
    const char *name = object_name(buf, sizeof buf, what, index);
    if (!twice) {
        const char *key = sg__quoted(d->arena, bad);
        if (!key || invalid(d, "%s has unknown key %s", name, key) < 0)
            return -1;
        /* a key held twice as well is told too */
        if (sg__json_duplicate_key(object, &bad) < 0)
            return -1;
    }
    const char *key = bad ? sg__quoted(d->arena, bad) : NULL;
    if (bad && !key)
        return -1;
    return bad && invalid(d, "%s has key %s twice", name, key) < 0 ? -1 : 0;
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

#define TABLES "scope.tables"

static int decode_scope(sg__arena *arena, const cJSON *scope, const sg_check_options *opts,
                        sg__operation *op, sg__diags *d)
{
    static const char *const keys[] = {"data_source_uid", "tables", NULL};
    static const char *const entry_keys[] = {"meta_table_uid", "alias", "access", NULL};
    if (!cJSON_IsObject(scope))
        return invalid(d, scope ? "scope must be an object" : "scope is required");
    const cJSON *slots[2], *entry[3];
    if (members(d, scope, keys, "scope", NO_INDEX, slots) < 0)
        return -1;
    const cJSON *ds = slots[0];
    if (!cJSON_IsString(ds)) {
        if (invalid(d, "scope.data_source_uid %s", ds ? "must be a string" : "is required") < 0)
            return -1;
    } else {
        op->data_source_uid = ds->valuestring;
    }
    const cJSON *tables = slots[1];
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
        size_t at = i++;
        char path[64];
        if (!cJSON_IsObject(t)) {
            if (invalid(d, "%s must be an object", object_name(path, sizeof path, TABLES, at)) < 0)
                return -1;
            continue;
        }
        if (members(d, t, entry_keys, TABLES, at, entry) < 0)
            return -1;
        const cJSON *uid = entry[0], *alias = entry[1], *access = entry[2];
        bool ok = true;
        if (!cJSON_IsString(uid) || !uid->valuestring[0]) {
            ok = false;
            if (invalid(d, "%s.meta_table_uid must be a non-empty string",
                        object_name(path, sizeof path, TABLES, at)) < 0)
                return -1;
        }
        if (!cJSON_IsString(alias) || !alias->valuestring[0]) {
            ok = false;
            if (invalid(d, "%s.alias must be a non-empty string",
                        object_name(path, sizeof path, TABLES, at)) < 0)
                return -1;
        }
        if (!cJSON_IsString(access)) {
            ok = false;
            if (invalid(d, "%s.access must be a string (\"read\" or \"write\")",
                        object_name(path, sizeof path, TABLES, at)) < 0)
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

/* One limit as the limits rules read it: `v` the member, or NULL. */
static sg__op_limit decode_limit(const cJSON *v, const char *key)
{
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
    const cJSON *slots[2];
    if (members(d, limits, keys, "limits", NO_INDEX, slots) < 0)
        return -1;
    op->max_rows = decode_limit(slots[0], keys[0]);
    op->statement_timeout_ms = decode_limit(slots[1], keys[1]);
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

/* The SQL came out of JSON text the pre-scan found to be valid UTF-8, and
 * cJSON decodes \u escapes only to well-formed characters (it refuses lone
 * surrogates; the pre-scan refuses \u0000): it is valid UTF-8 without NUL
 * bytes. Debug builds check it again. */
static bool sql_utf8(const char *sql, size_t len, size_t *bad)
{
#ifndef NDEBUG
    return sg__utf8_valid(sql, len, bad);
#else
    (void)sql;
    (void)len;
    (void)bad;
    return true;
#endif
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
    const cJSON *slots[5];
    if (members(d, root, keys, "the operation", NO_INDEX, slots) < 0)
        return -1;

    const cJSON *kind = slots[0];
    if (!cJSON_IsString(kind)) {
        if (invalid(d, "operation %s", kind ? "must be a string" : "is required") < 0)
            return -1;
    } else {
        op->kind_text = kind->valuestring;
        op->kind = parse_kind(kind->valuestring);
        const char *quoted =
            op->kind == SG_OP_UNKNOWN ? sg__quoted(d->arena, kind->valuestring) : NULL;
        if (op->kind == SG_OP_UNKNOWN &&
            (!quoted ||
             invalid(d, "operation %s is not one of select, insert, update, delete, merge",
                     quoted) < 0))
            return -1;
    }

    const cJSON *sql = slots[1];
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
        } else if (!sql_utf8(op->sql, op->sql_len, &badpos)) {
            char where[32];
            snprintf(where, sizeof where, "%zu", badpos);
            if (invalid(d, "sql is not valid UTF-8 (at byte %s)", where) < 0)
                return -1;
            op->sql = NULL;
        }
    }

    if (decode_parameters(arena, slots[2], opts, op, d) < 0 ||
        decode_scope(arena, slots[3], opts, op, d) < 0 || decode_limits(slots[4], op, d) < 0)
        return -1;
    return 0;
}
