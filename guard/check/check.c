/*
 * check.c - one check, from operation JSON to verdict, in one direction.
 *
 * decode operation -> resolve scope -> compile placeholders -> parse and walk
 * into facts -> bind relations and parameters -> rules over facts -> verdict.
 * A stage that finds the input unusable reports why and the later stages that
 * depend on it do not run; the verdict then denies. Everything the check
 * allocates lives in the verdict's arena.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "check/hints.h"
#include "pg/parse.h"
#include "check/rule.h"
#include "util/json.h"
#include "util/text.h"
#include "verdict/verdict.h"

typedef struct check {
    sg_verdict *v;
    const sg_catalog *catalog;
    const sg_check_options *opts;
    sg__diags diags;
    sg__scope scope;
    sg__ph_result ph;
    sg__facts facts;
    const sg__relation_binding *bindings;
    sg__param_binding bind;
} check;

/* A parameter name and its place among the supplied values, for lookups. */
typedef struct named {
    const char *name;
    size_t index;
} named;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

/* Binds the operation's values to $1..$n according to the placeholder style. */
static int bind_parameters(check *c)
{
    sg__arena *arena = &c->v->arena;
    sg__param_binding *b = &c->bind;
    const cJSON *params = c->v->op.parameters;
    const sg__ph_result *ph = &c->ph;
    b->style = ph->style;
    b->native = ph->style == SG_PH_NONE && c->facts.params.count > 0;
    b->supplied_count = (size_t)cJSON_GetArraySize(params);
    size_t n = b->supplied_count;
    b->supplied = sg__arena_alloc(arena, (n + 1) * sizeof *b->supplied);
    b->supplied_used = sg__arena_alloc(arena, n + 1);
    if (!b->supplied || !b->supplied_used)
        return -1;
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, params) b->supplied[i++] = item;

    named *sorted = NULL;
    if (cJSON_IsObject(params)) {
        b->supplied_names = sg__arena_alloc(arena, (n + 1) * sizeof *b->supplied_names);
        sorted = sg__arena_alloc(arena, (n + 1) * sizeof *sorted);
        if (!b->supplied_names || !sorted)
            return -1;
        for (i = 0; i < n; i++) {
            b->supplied_names[i] = b->supplied[i]->string;
            sorted[i] = (named){b->supplied[i]->string, i};
        }
        qsort(sorted, n, sizeof *sorted, by_name);
        for (i = 1; i < n; i++)
            if (strcmp(sorted[i - 1].name, sorted[i].name) == 0)
                return sg__report(&c->diags, "op.invalid", SG_AT_NONE, -1,
                                  "parameters has key \"%s\" twice", sorted[i].name);
    }

    switch (ph->style) {
    case SG_PH_NAMED:
        b->shape_ok = sorted != NULL;
        b->slots = ph->name_count;
        break;
    case SG_PH_POSITIONAL:
        b->shape_ok = cJSON_IsArray(params);
        b->slots = ph->positional_count;
        break;
    default:
        b->shape_ok = !b->native || cJSON_IsArray(params);
        b->slots = b->native ? n : 0;
        break;
    }
    b->values = sg__arena_alloc(arena, (b->slots + 1) * sizeof *b->values);
    if (!b->values)
        return -1;
    if (!b->shape_ok)
        return 0;

    if (ph->style == SG_PH_NAMED) {
        for (i = 0; i < ph->name_count; i++) {
            named key = {ph->names[i], 0};
            const named *hit = n ? bsearch(&key, sorted, n, sizeof *sorted, by_name) : NULL;
            if (!hit)
                continue;
            b->values[i] = b->supplied[hit->index];
            b->supplied_used[hit->index] = true;
        }
    } else if (ph->style == SG_PH_POSITIONAL) {
        for (i = 0; i < b->slots && i < n; i++)
            b->values[i] = b->supplied[i];
        for (i = 0; i < n; i++)
            b->supplied_used[i] = i < b->slots;
    } else if (b->native) {
        for (i = 0; i < n; i++)
            b->values[i] = b->supplied[i];
        for (i = 0; i < c->facts.params.count; i++) {
            int num = SG__VEC_AT(c->facts.params, sg__paramref, i).number;
            if (num >= 1 && (size_t)num <= n)
                b->supplied_used[num - 1] = true;
        }
    }
    return 0;
}

static int run_rules(check *c, sg__rule_kind kind)
{
    sg__rule_ctx ctx = {&c->facts, &c->v->op, &c->scope, c->bindings,     &c->ph,
                        &c->bind,  c->opts,    &c->diags, c->opts->policy};
    for (size_t i = 0; i < sg__rule_total; i++) {
        const sg__rule *r = &sg__rules[i];
        if (r->kind != kind || sg__policy_severity(c->opts->policy, r) == 0)
            continue;
        if (r->check(&ctx) < 0)
            return -1;
    }
    return 0;
}

static bool has_errors(const check *c)
{
    return c->diags.errors > 0;
}

/* The stages from the SQL on: compile, parse and walk, bind, rules. */
static int run_sql(check *c)
{
    sg_verdict *v = c->v;
    sg__arena *arena = &v->arena;
    c->diags.original_sql = v->op.sql;
    c->diags.original_len = v->op.sql_len;
    if (sg__ph_compile(arena, v->op.sql, v->op.sql_len, &c->ph) < 0)
        return -1;
    if (c->ph.error)
        return sg__report(&c->diags, "params.syntax", SG_AT_ORIGINAL, (long)c->ph.error_offset,
                          "%s", c->ph.error);
    c->diags.compiled = &c->ph;
    v->compiled_sql = c->ph.sql;

    sg__parse_error perr;
    if (sg__parse_walk(arena, c->ph.sql, c->opts->max_ast_depth, &c->facts, &perr) < 0)
        return -1;
    if (perr.message) {
        const char *hint = sg__dialect_hint(v->op.sql, v->op.sql_len);
        return sg__report(&c->diags, "sql.syntax", SG_AT_COMPILED, perr.offset, "%s%s%s%s",
                          perr.message, hint ? " (hint: " : "", hint ? hint : "",
                          hint ? ")" : "");
    }
    if (c->facts.statement_count != 1)
        return sg__report(&c->diags, "sql.multiple-statements", SG_AT_COMPILED,
                          c->facts.statement_count ? c->facts.statement_location : -1,
                          c->facts.statement_count
                              ? "the SQL holds %zu statements; an operation runs exactly one"
                              : "the SQL holds no statement%.0zu",
                          c->facts.statement_count);

    sg__facts_sort_params(&c->facts);
    if (sg__bind_relations(arena, &c->facts, &c->scope, &c->bindings) < 0 ||
        bind_parameters(c) < 0)
        return -1;
    if (v->op.lint) {
        /* linted on its own, the statement is what it says it is */
        static const sg__op_kind kinds[] = {[SG_STMT_SELECT] = SG_OP_SELECT,
                                            [SG_STMT_INSERT] = SG_OP_INSERT,
                                            [SG_STMT_UPDATE] = SG_OP_UPDATE,
                                            [SG_STMT_DELETE] = SG_OP_DELETE,
                                            [SG_STMT_MERGE] = SG_OP_MERGE};
        static const char *const names[] = {[SG_OP_SELECT] = "select", [SG_OP_INSERT] = "insert",
                                            [SG_OP_UPDATE] = "update", [SG_OP_DELETE] = "delete",
                                            [SG_OP_MERGE] = "merge"};
        if (sg__is_dml(&c->facts)) {
            v->op.kind = kinds[c->facts.kind];
            v->op.kind_text = v->operation = names[v->op.kind];
        }
    }
    return run_rules(c, SG_RULE_FACTS);
}

/* Runs the stages; returns -1 only when memory ran out. */
static int run(check *c, const char *json, size_t len)
{
    sg_verdict *v = c->v;
    sg__arena *arena = &v->arena;
    if (sg__decode_operation(arena, json, len, c->opts, &v->op, &c->diags) < 0)
        return -1;
    v->operation = v->op.kind_text;
    if (has_errors(c) || !v->op.sql || !v->op.parameters)
        return 0;
    if (sg__resolve_scope(arena, c->catalog, &v->op, &c->scope, &c->diags) < 0 ||
        run_rules(c, SG_RULE_OPERATION) < 0)
        return -1;
    return run_sql(c);
}

/* The scope of SQL linted on its own: every table of the data source, writable,
 * so that only relations outside the catalog are reported. */
static int lint_scope(check *c, const char *data_source_uid)
{
    const sg_catalog *cat = c->catalog;
    sg__scope *scope = &c->scope;
    sg__arena *arena = &c->v->arena;
    memset(scope, 0, sizeof *scope);
    if (!cat) {
        scope->mode = SG_SCOPE_NONE;
        return 0;
    }
    scope->mode = SG_SCOPE_CATALOG;
    scope->source = data_source_uid ? sg__catalog_source(cat, data_source_uid)
                                    : (cat->source_count ? &cat->sources[0] : NULL);
    if (!scope->source)
        return sg__report(&c->diags, "scope.invalid", SG_AT_NONE, -1,
                          "data source \"%s\" is not in the catalog",
                          data_source_uid ? data_source_uid : "(none)");
    scope->tables = sg__arena_alloc(arena, (cat->table_count + 1) * sizeof *scope->tables);
    sg__scope_entry *entries = sg__arena_alloc(arena, (cat->table_count + 1) * sizeof *entries);
    if (!scope->tables || !entries)
        return -1;
    for (size_t i = 0; i < cat->table_count; i++) {
        const sg__meta_table *t = &cat->tables[i];
        if (strcmp(t->data_source_uid, scope->source->uid) != 0)
            continue;
        sg__scope_entry *e = &entries[scope->count];
        e->meta_table_uid = t->uid;
        e->alias = t->identifier ? t->identifier : t->name;
        e->access_text = "write";
        e->access = SG_ACCESS_WRITE;
        scope->tables[scope->count++] = (sg__scoped_table){t, e, SG_ACCESS_WRITE, SG_ACCESS_NONE};
    }
    return 0;
}

/* A limit as an integer, 0 when it is absent or out of range (a verdict with
 * such a limit denies through limits.invalid anyway). */
static long long limit_value(const cJSON *v)
{
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 1 && v->valuedouble <= 1e15))
        return 0;
    return (long long)v->valuedouble;
}

static int finish(check *c)
{
    sg_verdict *v = c->v;
    sg__arena *arena = &v->arena;
    v->diags = c->diags.items.items;
    v->diag_count = c->diags.items.count;
    v->diags_truncated = c->diags.truncated;
    v->allowed = !has_errors(c);
    if (!v->operation)
        v->operation = "";

    v->source = c->scope.source;
    v->max_rows = limit_value(v->op.max_rows);
    v->statement_timeout_ms = limit_value(v->op.statement_timeout_ms);

    v->table_count = c->scope.count;
    v->tables = sg__arena_alloc(arena, (v->table_count + 1) * sizeof *v->tables);
    if (!v->tables)
        return -1;
    for (size_t i = 0; i < c->scope.count; i++) {
        const sg__scoped_table *t = &c->scope.tables[i];
        v->tables[i] = (sg_resolved_table){t->table->uid,    t->entry->alias, t->table->schema,
                                           t->table->name,   t->declared,     t->required};
    }

    const sg__param_binding *b = &c->bind;
    if (!b->shape_ok || !b->values)
        return 0;
    for (size_t i = 0; i < b->slots; i++)
        if (!b->values[i])
            return 0;
    v->params_json = sg__arena_alloc(arena, (b->slots + 1) * sizeof *v->params_json);
    if (!v->params_json)
        return -1;
    if (b->style == SG_PH_NAMED)
        v->param_names = c->ph.names;
    v->param_values = b->values;
    for (size_t i = 0; i < b->slots; i++) {
        v->params_json[i] = sg__json_print_value(arena, b->values[i]);
        if (!v->params_json[i])
            return -1;
    }
    v->param_count = b->slots;
    return 0;
}

/* A fresh verdict, and a check that fills it under *opts, whose policy's
 * limits are applied first; NULL when memory ran out. */
static sg_verdict *start(check *c, const sg_catalog *catalog, sg_check_options *opts)
{
    sg__policy_apply_limits(opts->policy, opts);
    sg_verdict *v = sg__malloc(sizeof *v);
    if (!v)
        return NULL;
    memset(v, 0, sizeof *v);
    sg__arena_init(&v->arena);
    memset(c, 0, sizeof *c);
    c->v = v;
    c->catalog = catalog;
    c->opts = opts;
    c->diags.arena = &v->arena;
    c->diags.max = opts->max_diagnostics ? opts->max_diagnostics : 1;
    c->diags.policy = opts->policy;
    return v;
}

int sg_lint_sql(const sg_catalog *catalog, const char *sql, size_t len,
                const sg_lint_options *options, sg_verdict **out)
{
    if (!out)
        return SG_EINVAL;
    *out = NULL;
    if (!sql && len)
        return SG_EINVAL;
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    if (options) {
        if (options->version < 1 || options->version > SG_LINT_OPTIONS_VERSION)
            return SG_EINVAL;
        lo = *options;
    }
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = lo.policy;

    check c;
    sg_verdict *v = start(&c, catalog, &opts);
    if (!v)
        return SG_ENOMEM;

    int rc = 0;
    size_t bad;
    v->op.lint = true;
    v->op.kind_text = "";
    if (len > opts.max_sql_bytes) {
        rc = sg__report(&c.diags, "op.invalid", SG_AT_NONE, -1,
                        "the SQL is %zu bytes, over the limit of %zu", len, opts.max_sql_bytes);
    } else if (!sg__utf8_valid(sql ? sql : "", len, &bad)) {
        rc = sg__report(&c.diags, "op.invalid", SG_AT_NONE, -1,
                        "the SQL is not valid UTF-8 or holds a NUL byte (at byte %zu)", bad);
    } else if (!(v->op.sql = sg__arena_strndup(&v->arena, sql ? sql : "", len))) {
        rc = -1;
    } else {
        v->op.sql_len = len;
        rc = lint_scope(&c, lo.data_source_uid);
        if (rc == 0 && !has_errors(&c))
            rc = run_sql(&c);
    }
    if (rc < 0 || finish(&c) < 0) {
        sg_verdict_free(v);
        return SG_ENOMEM;
    }
    *out = v;
    return SG_OK;
}

int sg_lint_catalog(const sg_catalog *catalog, const sg_policy *policy, sg_verdict **out)
{
    if (!out)
        return SG_EINVAL;
    *out = NULL;
    if (!catalog)
        return SG_EINVAL;
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = policy;
    check c;
    sg_verdict *v = start(&c, catalog, &opts);
    if (!v)
        return SG_ENOMEM;
    v->op.lint = true;
    if (sg__naming_check_catalog(catalog, policy, &c.diags) < 0 || finish(&c) < 0) {
        sg_verdict_free(v);
        return SG_ENOMEM;
    }
    *out = v;
    return SG_OK;
}

void sg_check_options_apply_policy(sg_check_options *options)
{
    if (options && options->version >= 2)
        sg__policy_apply_limits(options->policy, options);
}

int sg_check(const sg_catalog *catalog, const char *operation_json, size_t len,
             const sg_check_options *options, sg_verdict **out)
{
    if (!out)
        return SG_EINVAL;
    *out = NULL;
    if (!catalog || (!operation_json && len))
        return SG_EINVAL;
    if (!operation_json)
        operation_json = "";
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    if (options) {
        if (options->version < 1 || options->version > SG_CHECK_OPTIONS_VERSION)
            return SG_EINVAL;
        /* copy only the fields the caller's version has */
        size_t known = options->version == 1 ? offsetof(sg_check_options, policy) : sizeof opts;
        memcpy(&opts, options, known);
        opts.version = SG_CHECK_OPTIONS_VERSION;
    }

    check c;
    sg_verdict *v = start(&c, catalog, &opts);
    if (!v)
        return SG_ENOMEM;

    if (run(&c, operation_json, len) < 0 || finish(&c) < 0) {
        sg_verdict_free(v);
        return SG_ENOMEM;
    }
    *out = v;
    return SG_OK;
}
