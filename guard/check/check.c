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

#include "check/check.h"
#include "decode/policy.h"
#include "check/hints.h"
#include "lint/placeholders.h"
#include "pg/parse.h"
#include "resolve/pin.h"
#include "check/rule.h"
#include "util/text.h"
#include "verdict/verdict.h"

/* the verdict hands the walk's transaction statements on as they are */
_Static_assert((int)SG__VERDICT_TX_BEGIN == (int)SG_TX_BEGIN &&
                   (int)SG__VERDICT_TX_COMMIT == (int)SG_TX_COMMIT &&
                   (int)SG__VERDICT_TX_ROLLBACK == (int)SG_TX_ROLLBACK &&
                   (int)SG__VERDICT_TX_SAVEPOINT == (int)SG_TX_SAVEPOINT &&
                   (int)SG__VERDICT_TX_RELEASE == (int)SG_TX_RELEASE &&
                   (int)SG__VERDICT_TX_ROLLBACK_TO == (int)SG_TX_ROLLBACK_TO,
               "sg_verdict.tx takes facts.h's SG_TX_* values");

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
    bool in_lint;      /* part of a lint run: lint-only rule options apply */
    bool in_migration; /* ... linting a migration's statement */
    /* ... whose text created these temporary tables before it */
    const char *const *temp_tables;
    size_t temp_table_count;
    /* Lint of a .sql statement (op.lint): its lint profile, its placeholder
     * style (PSYCOPG, DOLLAR or NONE) and its text, which is the compiled
     * SQL as it stands unless the style is psycopg's. */
    int profile;
    sg_lint_placeholders placeholders;
    char *lint_sql;
} check;

static bool has_errors(const check *c)
{
    return c->diags.errors > 0;
}

/* Whether `r` runs as a check of `kind` here: a rule the policy turned off
 * does not, nor a facts rule that needs complete facts when the walk was cut
 * short, or facts of kinds the statement has none of (`present`). */
static bool runs(const check *c, const sg__rule *r, sg__rule_kind kind, unsigned present)
{
    if (!(r->kinds & kind) || (c->in_migration && r->not_in_migrations))
        return false;
    if (kind == SG_RULE_FACTS) {
        if (r->needs && !(r->needs & present))
            return false;
        return sg__rule_active_in(r, c->opts->policy, c->profile, &c->facts);
    }
    return sg__policy_severity_in(c->opts->policy, c->profile, r) != 0;
}

/* runs() with the rule's severity read from the policy's table (`severity`:
 * the rule's entry in sg__policy_severities()). */
static bool runs_at(const check *c, const sg__rule *r, int severity, sg__rule_kind kind,
                    unsigned present)
{
    if (!(r->kinds & kind) || severity == 0 || (c->in_migration && r->not_in_migrations))
        return false;
    if (kind != SG_RULE_FACTS)
        return true;
    return (!r->needs || (r->needs & present)) &&
           (!r->needs_complete_facts || sg__facts_complete(&c->facts));
}

/* Runs every rule of `kind` through its descriptor. */
static int run_rules(check *c, sg__rule_kind kind)
{
    sg__rule_memo memo = {NULL};
    sg__rule_ctx ctx = {
        .facts = kind == SG_RULE_FACTS ? &c->facts : NULL,
        .op = &c->v->op,
        .scope = &c->scope,
        .bindings = c->bindings,
        .ph = &c->ph,
        .bind = &c->bind,
        .opts = c->opts,
        .catalog = c->catalog,
        .diags = &c->diags,
        .policy = c->opts->policy,
        .in_lint = c->in_lint,
        .in_migration = c->in_migration,
        .temp_tables = c->temp_tables,
        .temp_table_count = c->temp_table_count,
        .profile = c->profile,
        .placeholders = c->placeholders,
        .memo = &memo,
    };
    unsigned present = kind == SG_RULE_FACTS ? sg__facts_present(&c->facts) : 0;
    size_t count;
    const unsigned char *at;
    const sg__rule *const *rules = sg__rules_of_kind_at(kind, &count, &at);
    const signed char *severities = sg__policy_severities(c->opts->policy, c->profile);
    for (size_t i = 0; i < count; i++) {
        const sg__rule *r = rules[i];
        if (!(severities && at ? runs_at(c, r, severities[at[i]], kind, present)
                               : runs(c, r, kind, present)))
            continue;
        ctx.rule = r;
        if ((kind == SG_RULE_CATALOG ? r->check_catalog : r->check)(&ctx) < 0)
            return -1;
    }
    return 0;
}

/* Linted on its own, the statement is what it says it is: its kind stands
 * for the operation's. */
static void take_statement_kind(check *c)
{
    static const sg__op_kind kinds[] = {[SG_STMT_SELECT] = SG_OP_SELECT,
                                        [SG_STMT_INSERT] = SG_OP_INSERT,
                                        [SG_STMT_UPDATE] = SG_OP_UPDATE,
                                        [SG_STMT_DELETE] = SG_OP_DELETE,
                                        [SG_STMT_MERGE] = SG_OP_MERGE};
    static const char *const names[] = {[SG_OP_SELECT] = "select",
                                        [SG_OP_INSERT] = "insert",
                                        [SG_OP_UPDATE] = "update",
                                        [SG_OP_DELETE] = "delete",
                                        [SG_OP_MERGE] = "merge"};
    if (!sg__is_dml(&c->facts))
        return;
    c->v->op.kind = kinds[c->facts.kind];
    c->v->op.kind_text = c->v->operation = names[c->v->op.kind];
}

/* A psycopg placeholder error of a linted statement: psycopg reads the
 * whole query text, so a '%' in a literal, comment or body breaks the
 * statement there too, and the message says so in those words. */
static int report_placeholder_error(check *c)
{
    sg_verdict *v = c->v;
    sg__text_place place = SG__PLACE_CODE;
    if (v->op.lint &&
        sg__lint_place_of(&v->arena, v->op.sql, v->op.sql_len, c->ph.error_offset, &place) < 0)
        return -1;
    if (place == SG__PLACE_CODE)
        return sg__report(&c->diags, &sg__rule_params_syntax, SG_AT_ORIGINAL,
                          (long)c->ph.error_offset, "%s", c->ph.error);
    return sg__report(&c->diags, &sg__rule_params_syntax, SG_AT_ORIGINAL, (long)c->ph.error_offset,
                      "this '%%' is in %s, but psycopg reads placeholders in the whole query "
                      "text, literals, comments and function bodies included: "
                      "cursor.execute(query, params) fails on it (%s); write '%%%%' for a '%%', "
                      "or set the lint placeholders to \"dollar\" if psycopg does not run this "
                      "file",
                      sg__lint_place_name(place), c->ph.error);
}

/* The placeholders compiled to $n: psycopg's, unless a linted statement is
 * written with $n or none, when its text is what PostgreSQL parses and a
 * '%' is SQL wherever it stands. Returns 1 when the text breaks psycopg's
 * rules (reported), 0, or -1 when memory ran out. */
static int compile_placeholders(check *c)
{
    sg_verdict *v = c->v;
    if (v->op.lint && c->placeholders != SG_LINT_PLACEHOLDERS_PSYCOPG) {
        memset(&c->ph, 0, sizeof c->ph);
        c->ph.sql = c->lint_sql;
        c->ph.sql_len = v->op.sql_len;
        return 0;
    }
    if (sg__ph_compile(&v->arena, v->op.sql, v->op.sql_len, &c->ph) < 0)
        return -1;
    if (c->ph.error)
        return report_placeholder_error(c) < 0 ? -1 : 1;
    return 0;
}

/* The parser's message with its `at or near "$n"` naming a placeholder as
 * the caller wrote it (`%(name)s`, `%s`): the parser read the compiled
 * text. NULL when memory ran out. */
static const char *near_as_written(sg__arena *arena, const sg__ph_result *ph, const char *message)
{
    static const char near[] = " at or near \"$";
    const char *at = strstr(message, near);
    if (!at || (ph->style != SG_PH_NAMED && ph->style != SG_PH_POSITIONAL))
        return message;
    const char *digits = at + sizeof near - 1;
    char *end;
    long n = strtol(digits, &end, 10);
    if (end == digits || strcmp(end, "\"") != 0 || n < 1 ||
        (size_t)n > (ph->style == SG_PH_NAMED ? ph->name_count : ph->positional_count))
        return message;
    if (ph->style == SG_PH_POSITIONAL)
        return sg__arena_printf(arena, "%.*s at or near \"%%s\"", (int)(at - message), message);
    return sg__arena_printf(arena, "%.*s at or near \"%%(%s)s\"", (int)(at - message), message,
                            ph->names[n - 1]);
}

/* The stages from the SQL on: compile, parse and walk, bind, rules. */
static int run_sql(check *c)
{
    sg_verdict *v = c->v;
    sg__arena *arena = &v->arena;
    c->diags.original_sql = v->op.sql;
    c->diags.original_len = v->op.sql_len;
    int compiled = compile_placeholders(c);
    if (compiled != 0)
        return compiled < 0 ? -1 : 0;
    c->diags.compiled = &c->ph;
    v->compiled_sql = c->ph.sql;

    sg__parse_error perr;
    if (sg__parse_walk(arena, c->ph.sql, c->opts->max_ast_depth, v->op.lint, &c->facts, &perr) < 0)
        return -1;
    if (perr.message) {
        const char *hint, *message = near_as_written(arena, &c->ph, perr.message);
        if (!message || sg__dialect_hint(v->op.sql, v->op.sql_len, perr.message, &hint) < 0)
            return -1;
        return sg__report(&c->diags, &sg__rule_sql_syntax, SG_AT_COMPILED, perr.offset, "%s%s%s%s",
                          message, hint ? " (hint: " : "", hint ? hint : "", hint ? ")" : "");
    }
    /* EXPLAIN of SELECT ... INTO plans the table, and makes none */
    v->changes_schema =
        c->facts.changes_schema ||
        (c->facts.has_into && !(c->facts.wrapper && strcmp(c->facts.wrapper, "EXPLAIN") == 0));
    v->search_path_set = c->facts.search_path_set;
    v->search_path_local = c->facts.search_path_local;
    v->search_path = c->facts.search_path;
    v->temp_created = c->facts.temp_created;
    v->temp_on_commit_drop = c->facts.temp_on_commit_drop;
    v->temp_dropped =
        c->facts.temp_dropped.count ? &SG__VEC_AT(c->facts.temp_dropped, const char *, 0) : NULL;
    v->temp_dropped_count = c->facts.temp_dropped.count;
    v->discard_temp = c->facts.discard_temp;
    v->discard_all = c->facts.discard_all;
    v->tx = (int)c->facts.tx;
    v->tx_savepoint = c->facts.tx_savepoint;
    v->tx_chain = c->facts.tx_chain;
    if (c->facts.statement_count != 1)
        return sg__report(&c->diags, &sg__rule_sql_multiple_statements, SG_AT_COMPILED,
                          c->facts.statement_count ? c->facts.statement_location : -1,
                          c->facts.statement_count
                              ? "the SQL holds %zu statements; an operation runs exactly one"
                              : "the SQL holds no statement%.0zu",
                          c->facts.statement_count);
    if (c->facts.leading_empty)
        return sg__report(&c->diags, &sg__rule_sql_multiple_statements, SG_AT_COMPILED,
                          c->facts.statement_location,
                          "the SQL holds an empty statement (a `;`) before its statement; an "
                          "operation runs exactly one (the executor runs it as a cursor's query, "
                          "where the `;` cannot stand): remove it");

    sg__facts_sort_params(&c->facts);
    if (sg__bind_relations(arena, &c->facts, &c->scope, &c->bindings) < 0 ||
        sg__bind_parameters(arena, &v->op, &c->ph, &c->facts, &c->bind, &c->diags) < 0)
        return -1;
    if (v->op.lint)
        take_statement_kind(c);
    if (run_rules(c, SG_RULE_FACTS) < 0)
        return -1;
    /* What runs is the statement with the names the guard resolved pinned
     * to their schemas; lint runs nothing and shows the text as compiled. */
    return v->op.lint
               ? 0
               : sg__pin_sql(arena, c->ph.sql, &c->facts, c->bindings, &c->scope, &v->compiled_sql);
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
        return sg__report(&c->diags, &sg__rule_scope_invalid, SG_AT_NONE, -1,
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
static long long limit_value(const sg__op_limit *l)
{
    if (!l->is_number || !(l->value >= 1 && l->value <= 1e15))
        return 0;
    return (long long)l->value;
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
    v->withhold_row_values = sg__policy_denies_columns(c->opts->policy, c->profile);
    v->max_rows = limit_value(&v->op.max_rows);
    v->statement_timeout_ms = limit_value(&v->op.statement_timeout_ms);

    v->table_count = c->scope.count;
    v->tables = sg__arena_alloc(arena, (v->table_count + 1) * sizeof *v->tables);
    if (!v->tables)
        return -1;
    for (size_t i = 0; i < c->scope.count; i++) {
        const sg__scoped_table *t = &c->scope.tables[i];
        v->tables[i] = (sg_resolved_table){t->table->uid,  t->entry->alias, t->table->schema,
                                           t->table->name, t->declared,     t->required};
    }

    const sg__param_binding *b = &c->bind;
    if (!b->shape_ok || !b->values)
        return 0;
    for (size_t i = 0; i < b->slots; i++)
        if (!b->values[i])
            return 0;
    /* the values' JSON text is printed when something asks for it
     * (sg__verdict_params_json), not for every check */
    if (b->style == SG_PH_NAMED)
        v->param_names = c->ph.names;
    v->param_values = b->values;
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

/* The lint profile of a .sql statement: the caller's, else the policy's,
 * else the repository profile. */
static int lint_profile(const sg_lint_options *lo)
{
    if (lo->profile == SG_LINT_PROFILE_REPOSITORY || lo->profile == SG_LINT_PROFILE_STRICT)
        return lo->profile;
    sg_lint_profile p = sg__policy_lint_profile(lo->policy);
    return p != SG_LINT_PROFILE_DEFAULT ? p : SG_LINT_PROFILE_REPOSITORY;
}

int sg__lint_options_read(const sg_lint_options *options, sg_lint_options *out)
{
    *out = (sg_lint_options)SG_LINT_OPTIONS_INIT;
    if (options) {
        if (options->version < 1 || options->version > SG_LINT_OPTIONS_VERSION)
            return SG_EINVAL;
        /* copy only the fields the caller's version has */
        size_t known = options->version == 1   ? offsetof(sg_lint_options, profile)
                       : options->version == 2 ? offsetof(sg_lint_options, without_lines)
                       : options->version == 3 ? offsetof(sg_lint_options, migration)
                       : options->version == 4 ? offsetof(sg_lint_options, search_path)
                       : options->version == 5 ? offsetof(sg_lint_options, script)
                       : options->version == 6 ? offsetof(sg_lint_options, undo)
                                               : sizeof *out;
        memcpy(out, options, known);
        out->version = SG_LINT_OPTIONS_VERSION;
    }
    if ((unsigned)out->profile > SG_LINT_PROFILE_STRICT ||
        (unsigned)out->placeholders > SG_LINT_PLACEHOLDERS_NONE)
        return SG_EINVAL;
    return SG_OK;
}

/* The placeholder style of the statement: the caller's, else the policy's,
 * else AUTO, which the statement's own text decides. Returns 0, or -1 when
 * memory ran out. */
static int lint_placeholders(check *c, const sg_lint_options *lo)
{
    sg_lint_placeholders style = lo->placeholders;
    if (style == SG_LINT_PLACEHOLDERS_DEFAULT)
        style = sg__policy_lint_placeholders(lo->policy);
    if (style == SG_LINT_PLACEHOLDERS_DEFAULT)
        style = SG_LINT_PLACEHOLDERS_AUTO;
    if (style == SG_LINT_PLACEHOLDERS_AUTO &&
        sg__lint_detect_placeholders_in(&c->v->arena, c->lint_sql, c->v->op.sql_len, &style) < 0)
        return -1;
    c->placeholders = style;
    return 0;
}

int sg_lint_sql(const sg_catalog *catalog, const char *sql, size_t len,
                const sg_lint_options *options, sg_verdict **out)
{
    return sg__lint_sql_after(catalog, sql, len, options, NULL, 0, out);
}

int sg__lint_sql_after(const sg_catalog *catalog, const char *sql, size_t len,
                       const sg_lint_options *options, const char *const *temp_tables,
                       size_t temp_table_count, sg_verdict **out)
{
    if (!out)
        return SG_EINVAL;
    *out = NULL;
    if (!sql && len)
        return SG_EINVAL;
    sg_lint_options lo;
    if (sg__lint_options_read(options, &lo) != SG_OK)
        return SG_EINVAL;
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = lo.policy;

    check c;
    sg_verdict *v = start(&c, catalog, &opts);
    if (!v)
        return SG_ENOMEM;
    c.in_lint = true;
    c.in_migration = lo.migration;
    c.temp_tables = temp_tables;
    c.temp_table_count = temp_tables ? temp_table_count : 0;
    c.profile = lint_profile(&lo);
    c.diags.profile = c.profile;

    int rc = 0;
    size_t bad;
    v->op.lint = true;
    v->op.kind_text = "";
    if (len > opts.max_sql_bytes) {
        rc = sg__report(&c.diags, &sg__rule_op_invalid, SG_AT_NONE, -1,
                        "the statement is %zu bytes, over the limit of %zu (a policy's "
                        "limits.max_sql_bytes raises it)",
                        len, opts.max_sql_bytes);
    } else if (!sg__utf8_valid(sql ? sql : "", len, &bad)) {
        rc = sg__report(&c.diags, &sg__rule_op_invalid, SG_AT_NONE, -1,
                        "the SQL is not valid UTF-8 or holds a NUL byte (at byte %zu)", bad);
    } else if (!(c.lint_sql = sg__arena_strndup(&v->arena, sql ? sql : "", len))) {
        rc = -1;
    } else {
        v->op.sql = c.lint_sql;
        v->op.sql_len = len;
        rc = lint_placeholders(&c, &lo);
        if (rc == 0)
            rc = lint_scope(&c, lo.data_source_uid);
        if (rc == 0 && lo.search_path && c.scope.mode == SG_SCOPE_CATALOG)
            rc = sg__scope_set_search_path(&v->arena, &c.scope, lo.search_path);
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
    if (run_rules(&c, SG_RULE_CATALOG) < 0 || finish(&c) < 0) {
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

/* sg_check(), and sg__check_for_lint() with `in_lint`. */
static int check_operation(const sg_catalog *catalog, const char *operation_json, size_t len,
                           const sg_check_options *options, bool in_lint, sg_verdict **out)
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
        /* the depths past their ceilings would overflow a thread's stack,
         * the counts past theirs what PostgreSQL and the verdict hold */
        if (opts.max_ast_depth > sg__limit_ceiling(SG__LIMIT_AST_DEPTH) ||
            opts.max_json_depth > sg__limit_ceiling(SG__LIMIT_JSON_DEPTH) ||
            opts.max_parameters > sg__limit_ceiling(SG__LIMIT_PARAMETERS) ||
            opts.max_scope_tables > sg__limit_ceiling(SG__LIMIT_SCOPE_TABLES) ||
            opts.max_diagnostics > sg__limit_ceiling(SG__LIMIT_DIAGNOSTICS) ||
            opts.max_operation_bytes > (size_t)sg__limit_ceiling(SG__LIMIT_OPERATION_BYTES) ||
            opts.max_sql_bytes > (size_t)sg__limit_ceiling(SG__LIMIT_SQL_BYTES) ||
            opts.max_rows_bound > sg__limit_ceiling(SG__LIMIT_ROWS) ||
            opts.max_timeout_ms > sg__limit_ceiling(SG__LIMIT_TIMEOUT_MS))
            return SG_EINVAL;
    }

    check c;
    sg_verdict *v = start(&c, catalog, &opts);
    if (!v)
        return SG_ENOMEM;
    c.in_lint = in_lint;

    if (run(&c, operation_json, len) < 0 || finish(&c) < 0) {
        sg_verdict_free(v);
        return SG_ENOMEM;
    }
    *out = v;
    return SG_OK;
}

int sg_check(const sg_catalog *catalog, const char *operation_json, size_t len,
             const sg_check_options *options, sg_verdict **out)
{
    return check_operation(catalog, operation_json, len, options, false, out);
}

int sg__check_for_lint(const sg_catalog *catalog, const char *operation_json, size_t len,
                       const sg_check_options *options, sg_verdict **out)
{
    return check_operation(catalog, operation_json, len, options, true, out);
}
