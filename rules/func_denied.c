/*
 * func_denied.c - only allowed built-in functions may run.
 *
 * Every function name of pg_catalog is classified (rules/funclist.c): a call
 * written unqualified or as pg_catalog.name runs when its name is allowed; a
 * denied built-in is refused with the reason of its class (side effect, reads
 * outside the scope, ...); a name pg_catalog does not have, and anything
 * schema-qualified elsewhere, is refused by name. A policy's deny patterns win
 * over everything, then its allow patterns win over the classification. The
 * deny-only mode (lint only; the repository lint profile's choice for .sql
 * statements) lets unknown and other schemas' functions pass, but never a
 * built-in classified denied, except in a migration's statements those
 * migration_call() admits and the casts to the reg* types. Casts to the reg* types resolve
 * object names from strings, an operator qualified with a schema other than
 * pg_catalog runs an arbitrary function, and TABLESAMPLE methods are
 * functions too: all are judged here. So is attribute notation: `t.f` and
 * `(expr).f` call f(row) when the row has no field f, so a selected name that
 * is surely no field is judged as a call.
 */
#include "funclist.h"
#include "resolve/typelist.h"
#include "check/hints.h"
#include "rules.h"

enum { ALLOW, DENY, MODE };

static const sg__option options[] = {
    [ALLOW] = {"allow", SG_OPT_PATTERNS, NULL,
               "patterns of further functions to allow, e.g. \"^postgis\\.st_\" or \"^app\\.\"",
               true},
    [DENY] = {"deny", SG_OPT_PATTERNS, NULL,
              "patterns of functions to deny; they win over every allow"},
    [MODE] = {"mode", SG_OPT_ENUM, "allow-list|deny-only",
              "allow-list (default): only allowed built-ins pass; deny-only: other functions pass "
              "too, unless a deny pattern or the built-in classification denies them (lint only)"},
    {NULL, 0, NULL, NULL},
};

static bool builtin_schema(const sg__funcref *fn)
{
    return !fn->catalog && (!fn->schema || strcmp(fn->schema, "pg_catalog") == 0);
}

/* The name as written, schema first; NULL when memory ran out. */
static const char *qualified(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    if (!fn->schema)
        return fn->name;
    return sg__arena_printf(ctx->diags->arena, "%s%s%s.%s", fn->catalog ? fn->catalog : "",
                            fn->catalog ? "." : "", fn->schema, fn->name);
}

/* Whether every call not denied passes: the deny-only mode, which only lint
 * honours. A check refuses a policy asking for it, with one finding at no
 * place, and keeps the allow-list. Returns 1, 0, or -1 when memory ran out. */
static int deny_only(const sg__rule_ctx *ctx)
{
    const char *mode = sg__policy_choice_in(ctx->policy, ctx->profile, ctx->rule, MODE);
    if (!mode || strcmp(mode, "deny-only") != 0)
        return 0;
    if (ctx->in_lint)
        return 1;
    return sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                      "the policy sets func.denied mode \"deny-only\", which only lint "
                      "honours: a check refuses it and keeps the allow-list") < 0
               ? -1
               : 0;
}

/* How the policy and the classification judge a call of `subject` (the
 * name as written), in their order of precedence: a deny pattern, an allow
 * pattern, then the classification of pg_catalog's functions when the call
 * can only be one of them (`builtin`, `name` unqualified). */
typedef enum { CALL_ALLOWED, CALL_POLICY_DENIED, CALL_BUILTIN_DENIED, CALL_UNKNOWN } call_verdict;

/* Whether a deny pattern matches the call: as written, and, when it can
 * only be pg_catalog's function (`builtin`), by that function's other
 * spellings too, `name` and `pg_catalog.name`, so that `^md5$` denies
 * pg_catalog.md5(x) and `^pg_catalog\.substring$` denies substring(x) and
 * SUBSTRING(x FROM 1), whatever the pattern's author wrote. 1, 0, or -1
 * when memory ran out. */
static int policy_denies(const sg__rule_ctx *ctx, const char *subject, const char *name,
                         bool builtin)
{
    if (!sg__policy_pattern_count(ctx->policy, ctx->rule, DENY))
        return 0;
    int denied = sg__policy_match(ctx->policy, ctx->rule, DENY, subject, 1);
    if (denied != 0 || !builtin)
        return denied;
    if (strcmp(subject, name) != 0 &&
        (denied = sg__policy_match(ctx->policy, ctx->rule, DENY, name, 1)) != 0)
        return denied;
    static const char schema[] = "pg_catalog.";
    char full[128];
    size_t n = strlen(name);
    if (sizeof schema + n > sizeof full)
        return 1; /* no function has so long a name: refused rather than unjudged */
    memcpy(full, schema, sizeof schema - 1);
    memcpy(full + sizeof schema - 1, name, n + 1);
    return strcmp(subject, full) == 0 ? 0 : sg__policy_match(ctx->policy, ctx->rule, DENY, full, 1);
}

/* Returns the verdict (with *info for CALL_BUILTIN_DENIED), or -1 when
 * memory ran out. */
static int judge_call(const sg__rule_ctx *ctx, const char *subject, const char *name, bool builtin,
                      const sg__func_info **info)
{
    *info = NULL;
    int denied = policy_denies(ctx, subject, name, builtin);
    if (denied != 0)
        return denied < 0 ? -1 : CALL_POLICY_DENIED;
    int allowed = sg__policy_match(ctx->policy, ctx->rule, ALLOW, subject, 0);
    if (allowed != 0)
        return allowed < 0 ? -1 : CALL_ALLOWED;
    *info = builtin ? sg__func_find(name) : NULL;
    if (!*info)
        return CALL_UNKNOWN;
    return (*info)->cls == SG_FC_ALLOWED ? CALL_ALLOWED : CALL_BUILTIN_DENIED;
}

/* Allowed built-ins whose value is of a reg* type (pg_typeof is regtype):
 * where that value meets a string or a parameter in type resolution (CASE,
 * COALESCE, IN, UNION, ...), PostgreSQL reads the string as a name. */
static bool returns_name_type(const char *name)
{
    return strcmp(name, "pg_typeof") == 0;
}

/* Whether a transaction ID can be a value of the statement: it names a
 * row's xmin or xmax, the types xid or xid8 (a cast, a column definition
 * list), the function xid(), or a scoped table has a column of those types.
 * Only then can the allowed `age` be its one overload that is not about
 * dates, age(xid): how many transactions the server has run since, server
 * state as mxid_age's is. */
static bool xid_in_statement(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->types.count; i++) {
        const char *n = SG__VEC_AT(f->types, sg__typeref, i).name;
        if (strcmp(n, "xid") == 0 || strcmp(n, "xid8") == 0 || strcmp(n, "_xid") == 0 ||
            strcmp(n, "_xid8") == 0)
            return true;
    }
    for (size_t i = 0; i < f->columns.count; i++) {
        const char *n = SG__VEC_AT(f->columns, sg__column_ref, i).name;
        if (n && (strcmp(n, "xmin") == 0 || strcmp(n, "xmax") == 0))
            return true;
    }
    for (size_t i = 0; i < f->fields.count; i++) {
        const char *n = SG__VEC_AT(f->fields, sg__field_ref, i).name;
        if (strcmp(n, "xmin") == 0 || strcmp(n, "xmax") == 0)
            return true;
    }
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (strcmp(fn->name, "xid") == 0 || strcmp(fn->name, "xid8") == 0)
            return true;
    }
    for (size_t k = 0; ctx->scope && k < ctx->scope->count; k++) {
        const sg__meta_table *t = ctx->scope->tables[k].table;
        for (size_t c = 0; t->column_types && c < t->column_count; c++) {
            const char *type = t->column_types[c];
            if (type && (strncmp(type, "xid", 3) == 0 || strncmp(type, "pg_catalog.xid", 14) == 0))
                return true;
        }
    }
    return false;
}

/* Whether argument `a` is surely a date or timestamp, so that age() of it
 * is the age(timestamp) of pg_catalog's time functions, not age(xid): cast
 * to such a type, or a column the catalog types so. */
static bool surely_time(const sg__rule_ctx *ctx, const sg__funcarg *a)
{
    static const char *const times[] = {"date", "timestamp", "timestamptz"};
    for (size_t i = 0; a->cast && i < sizeof times / sizeof times[0]; i++)
        if (strcmp(a->cast, times[i]) == 0)
            return true;
    if (a->cast || a->kind != SG_ARG_COLUMN)
        return false;
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        sg__resolved res;
        if (r->location != a->location || !r->name ||
            sg__resolve_name(ctx, r, &res) != SG_RES_FOUND || !res.table || res.column < 0 ||
            !res.table->column_type_read || !res.table->column_type_read[res.column])
            continue;
        const sg__pgtype *t = &res.table->column_pgtypes[res.column];
        return t->array_dims == 0 &&
               (t->kind == SG__PGKIND_DATE || t->kind == SG__PGKIND_TIMESTAMP ||
                t->kind == SG__PGKIND_TIMESTAMPTZ);
    }
    return false;
}

static int report_ts_name(const sg__rule_ctx *ctx, const sg__funcref *fn, const char *how)
{
    return sg__report(
        ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
        "%s names a text search configuration or dictionary %s: only an unqualified "
        "name (or pg_catalog's) is admitted, because a qualified one reaches "
        "objects of other schemas and its error tells which schemas exist, and an "
        "OID's name shows any schema's objects",
        fn->kind == SG_FUNC_TS_OBJECT ? "a cast to a text search object type" : fn->name, how);
}

static int report_xml_column(const sg__rule_ctx *ctx, const sg__meta_table *t, size_t c,
                             int location)
{
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "column %s.%s.%s is of type xml: a value written to it is parsed by "
                      "libxml2, which PostgreSQL cannot interrupt (the statement timeout does "
                      "not stop it)",
                      t->schema, t->name, t->columns[c]);
}

/* The scoped table with an xml column named `name` (or that a FROM item's
 * column list renames to it: `AS d(u, z)`), and its index in *c. */
static const sg__meta_table *xml_column_named(const sg__rule_ctx *ctx, const char *name, long *c)
{
    for (size_t k = 0; name && k < ctx->scope->count; k++) {
        const sg__meta_table *t = ctx->scope->tables[k].table;
        *c = t->has_xml_column ? sg__table_column(t, NULL, 0, name) : SG_NO_COLUMN;
        if (*c >= 0 && t->column_types && sg__type_text_is_xml(t->column_types[*c]))
            return t;
    }
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; name && i < f->sources.count; i++) {
        const sg__source *src = &SG__VEC_AT(f->sources, sg__source, i);
        const sg__meta_table *t =
            src->row == SG_ROW_RELATION ? sg__relation_scoped(ctx, src->relation) : NULL;
        for (size_t k = 0; t && t->has_xml_column && t->column_types && k < src->column_count &&
                           k < t->column_count;
             k++)
            if (strcmp(src->columns[k], name) == 0 && sg__type_text_is_xml(t->column_types[k])) {
                *c = (long)k;
                return t;
            }
    }
    return NULL;
}

/* A bare name that is a FROM item's, bound to a scoped table with an xml
 * column: a whole-row reference, whose row value carries the xml field. */
static const sg__meta_table *xml_row_named(const sg__rule_ctx *ctx, const char *name)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; name && i < f->sources.count; i++) {
        const sg__source *src = &SG__VEC_AT(f->sources, sg__source, i);
        const sg__meta_table *t =
            src->row == SG_ROW_RELATION && src->name && strcmp(src->name, name) == 0
                ? sg__relation_scoped(ctx, src->relation)
                : NULL;
        if (t && t->has_xml_column)
            return t;
    }
    return NULL;
}

/* A column named as a scoped table's xml column is, read where its value
 * meets another (CASE, COALESCE, ARRAY[...], IN, a set operation, a
 * polymorphic function): an untyped value beside it is read as xml and
 * parsed in libxml2. Judged by name, whichever table the reference reads:
 * where it stands alone, is cast, or is an XML function's argument, it
 * meets nothing. */
static int report_xml_read(const sg__rule_ctx *ctx, const char *name, bool alone, int location)
{
    long c;
    const sg__meta_table *t = alone ? NULL : xml_column_named(ctx, name, &c);
    const sg__meta_table *row = alone || t ? NULL : xml_row_named(ctx, name);
    if (row)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                          "the row %s of %s.%s has an xml column, and here its value meets "
                          "another value, which PostgreSQL may then read as a row and parse its "
                          "xml field in libxml2 (uninterruptible: the statement timeout does not "
                          "stop it); select its columns on their own",
                          name, row->schema, row->name);
    if (!t)
        return 0;
    return sg__report(
        ctx->diags, ctx->rule, SG_AT_COMPILED, location,
        "column %s.%s.%s is of type xml, and here its value meets another value, "
        "which PostgreSQL may then read as xml and parse in libxml2 (uninterruptible: "
        "the statement timeout does not stop it); select it on its own, or cast it "
        "to text",
        t->schema, t->name, t->columns[c]);
}

/* The xml type named (a cast, a typed literal, a column definition list),
 * writes to a scoped table's xml column, and reads of one where its value
 * meets another: each can parse text in libxml2. A migration's DDL names
 * types it makes columns of, and is not judged. */
static int check_xml(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    if (ctx->in_migration)
        return 0;
    for (size_t i = 0; i < f->types.count; i++) {
        const sg__typeref *t = &SG__VEC_AT(f->types, sg__typeref, i);
        if (!t->catalog && (!t->schema || strcmp(t->schema, "pg_catalog") == 0) &&
            sg__type_text_is_xml(t->name) &&
            sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->location,
                       "type xml parses text with libxml2, which PostgreSQL cannot interrupt: "
                       "the statement timeout does not stop it") < 0)
            return -1;
    }
    /* the catalog knows at load which tables have an xml column */
    bool any = false;
    for (size_t k = 0; ctx->scope && k < ctx->scope->count && !any; k++)
        any = ctx->scope->tables[k].table->has_xml_column;
    if (!any)
        return 0;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (report_xml_read(ctx, r->name,
                            (r->flags & (SG_COLREF_ISOLATED | SG_COLREF_XML_PLACE)) != 0,
                            r->location) < 0)
            return -1;
    }
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (report_xml_read(ctx, r->name, r->isolated || r->xml_place, r->location) < 0)
            return -1;
    }
    for (size_t i = 0; i < f->writes.count; i++) {
        const sg__column_write *w = &SG__VEC_AT(f->writes, sg__column_write, i);
        const sg__meta_table *t =
            w->value || !w->name ? NULL : sg__relation_scoped(ctx, w->relation);
        long c = t ? sg__table_column(t, NULL, 0, w->name) : SG_NO_COLUMN;
        if (c >= 0 && sg__type_text_is_xml(t->column_types ? t->column_types[c] : NULL) &&
            report_xml_column(ctx, t, (size_t)c, w->location) < 0)
            return -1;
    }
    for (size_t i = 0; i < f->inserts.count; i++) {
        const sg__insert *in = &SG__VEC_AT(f->inserts, sg__insert, i);
        const sg__meta_table *t = in->listed ? NULL : sg__relation_scoped(ctx, in->relation);
        for (size_t c = 0;
             t && t->column_types && c < t->column_count && (in->width < 0 || (long)c < in->width);
             c++)
            if (sg__type_text_is_xml(t->column_types[c]) &&
                report_xml_column(ctx, t, c, in->location) < 0)
                return -1;
    }
    return 0;
}

/* A built-in a migration may call in the repository profile: one that sets
 * sequences, settings and locks (pg_dump's set_config and setval, a
 * migration tool's pg_advisory_xact_lock(hashtext(...))), looks the catalogs
 * up, or is a support routine; never one that reads or writes the server's
 * files (lo_import, lo_export, which the side-effect class holds too), admin,
 * sleeping or query-running calls. */
static bool migration_call(const sg__func_info *info)
{
    if (strcmp(info->name, "lo_import") == 0 || strcmp(info->name, "lo_export") == 0)
        return false;
    return info->cls == SG_FC_STATE || info->cls == SG_FC_SIDE_EFFECT ||
           info->cls == SG_FC_OUTSIDE_SCOPE || info->cls == SG_FC_INTERNAL;
}

static int report_name_typed(const sg__rule_ctx *ctx, const char *subject, int location)
{
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "function %s returns a regtype, which here may meet a string or a "
                      "parameter that PostgreSQL would then resolve as a type name; select it "
                      "on its own or cast it to text (%s(...)::text)",
                      subject, subject);
}

/* A name selected from a row that is not surely a field is a call f(row) of
 * a one-argument function, which can only be a pg_catalog function (the
 * statement runs with search_path pg_catalog, pg_temp): judged like a call,
 * except that a name pg_catalog has no function of is no call at all. */
static int check_field(const sg__rule_ctx *ctx, const sg__field_ref *r)
{
    if (sg__field_names_column(ctx, r))
        return 0;
    /* `(x).regrole` is the cast regrole(x) when no function has the name:
     * judged as that cast is (`x::regrole`), and a system catalog's row type
     * likewise, whose fields' input reads names */
    if (sg__type_resolves_names(r->name) || sg__type_catalog_row(r->name))
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                          "\"%s\" is no column of the row it is selected from, so PostgreSQL "
                          "casts the value to type %s (attribute notation), whose input (or its "
                          "fields') looks names up in the catalogs",
                          r->name, r->name);
    /* the other casts whose input is no plain value: text search objects
     * (judged as a cast `x::regconfig` only, where the operand shows) and
     * xml and its arrays (no function shares the name `_xml`) */
    const char *own = r->name[0] == '_' ? r->name + 1 : r->name;
    if (strcmp(own, "regconfig") == 0 || strcmp(own, "regdictionary") == 0)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                          "\"%s\" is no column of the row it is selected from, so PostgreSQL "
                          "casts the value to type %s (attribute notation), whose input looks a "
                          "text search object up by name or OID in any schema; write the cast "
                          "as x::%s, whose operand is judged",
                          r->name, r->name, r->name);
    if (strcmp(own, "xml") == 0)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                          "\"%s\" is no column of the row it is selected from, so PostgreSQL "
                          "casts the value to type %s (attribute notation), which parses text "
                          "with libxml2, which PostgreSQL cannot interrupt: the statement "
                          "timeout does not stop it",
                          r->name, r->name);
    const sg__func_info *info;
    int verdict = judge_call(ctx, r->name, r->name, true, &info);
    if (verdict == CALL_ALLOWED && returns_name_type(r->name))
        return report_name_typed(ctx, r->name, r->location);
    if (verdict == CALL_ALLOWED && info && strcmp(r->name, "age") == 0 && xid_in_statement(ctx))
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                          "\"age\" is no column of the row it is selected from, so PostgreSQL "
                          "calls age() on it, in a statement where a transaction ID (xmin, "
                          "xmax, xid) may be that value: age(xid) is %s",
                          sg__func_class_reason(SG_FC_STATE));
    switch (verdict) {
    case -1:
        return -1;
    case CALL_POLICY_DENIED:
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                          "\"%s\" is no column of the row it is selected from, so PostgreSQL "
                          "calls function %s on the row, which the policy denies",
                          r->name, r->name);
    case CALL_BUILTIN_DENIED:
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                          "\"%s\" is no column of the row it is selected from, so PostgreSQL "
                          "calls function %s on the row (attribute notation): %s is denied: %s",
                          r->name, r->name, r->name, sg__func_class_reason(info->cls));
    default:
        return 0; /* allowed, or no function at all */
    }
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    int open_mode = deny_only(ctx);
    if (open_mode < 0)
        return -1;
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        const char *subject = qualified(ctx, fn);
        if (!subject)
            return -1;
        int rc = 0;
        switch (fn->kind) {
        case SG_FUNC_CALL: {
            const sg__func_info *info;
            int verdict = judge_call(ctx, subject, fn->name, builtin_schema(fn), &info);
            if (verdict < 0)
                return -1;
            if (verdict == CALL_ALLOWED && !fn->isolated && builtin_schema(fn) &&
                returns_name_type(fn->name)) {
                rc = report_name_typed(ctx, subject, fn->location);
                break;
            }
            /* age(xid) is state, which a migration may read (migration_call) */
            if (verdict == CALL_ALLOWED && info && builtin_schema(fn) &&
                !(open_mode && ctx->in_migration) && strcmp(fn->name, "age") == 0 &&
                fn->arg_count == 1 && !surely_time(ctx, &fn->args[0]) && xid_in_statement(ctx)) {
                rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                                "function %s of one value, in a statement where a transaction "
                                "ID (xmin, xmax, xid) may be that value, is denied: age(xid) "
                                "is %s",
                                subject, sg__func_class_reason(SG_FC_STATE));
                break;
            }
            const sg__funcarg *config =
                verdict == CALL_ALLOWED && !ctx->in_migration ? sg__ts_config_arg(ctx, fn) : NULL;
            if (config) {
                int plain = sg__ts_config_plain(ctx, fn, config);
                if (plain < 0)
                    return -1;
                if (!plain) {
                    bool named =
                        (config->kind == SG_ARG_STRING || config->param > 0) && !config->cast;
                    rc = report_ts_name(ctx, fn,
                                        named ? "by a qualified or quoted name"
                                              : "by a value that is no plain name, cast to "
                                                "regconfig or column of that type (an integer "
                                                "there is an object's OID, in any schema)");
                    break;
                }
            }
            if (verdict == CALL_ALLOWED)
                continue;
            /* a keyword is named as written, with the function it calls */
            const char *as = fn->keyword ? fn->keyword : "function";
            const char *of = fn->keyword ? " (function " : " ";
            const char *shut = fn->keyword ? ")" : "";
            if (verdict == CALL_POLICY_DENIED) {
                rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                                "%s%s%s%s is denied by the policy", as, of, subject, shut);
                break;
            }
            /* a migration sets sequences, settings and locks and looks the
             * catalogs up: the repository profile lets migration_call()s pass */
            if (verdict == CALL_BUILTIN_DENIED && open_mode && ctx->in_migration &&
                migration_call(info))
                continue;
            if (verdict == CALL_BUILTIN_DENIED) {
                /* a built-in denied for a reason: no other mode lets it through;
                 * in a repository's SQL, say how its policy admits the name */
                bool lint_sql = ctx->in_lint && ctx->profile != SG_LINT_PROFILE_DEFAULT;
                rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                                "%s%s%s%s is denied: %s%s%s%s", as, of, subject, shut,
                                sg__func_class_reason(info->cls),
                                lint_sql ? " (a policy admits it by name: func.denied's option "
                                           "allow, [\"^"
                                         : "",
                                lint_sql ? subject : "", lint_sql ? "$\"])" : "");
                break;
            }
            if (open_mode)
                continue;
            const char *hint = builtin_schema(fn) ? sg__function_hint(fn->name) : NULL;
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                            builtin_schema(fn)
                                ? "function %s is not a pg_catalog function and the policy "
                                  "does not allow it%s%s%s"
                                : "function %s is schema-qualified outside pg_catalog and is not "
                                  "allowed%s%s%s",
                            subject, hint ? " (hint: " : "", hint ? hint : "", hint ? ")" : "");
            break;
        }
        case SG_FUNC_TS_OBJECT: {
            if (ctx->in_migration)
                continue; /* a migration names its own configurations */
            int plain = fn->arg_count ? sg__ts_arg_plain(ctx, &fn->args[0]) : 0;
            if (plain < 0)
                return -1;
            /* its value may meet a string or a parameter only where no other
             * value meets it: an output item, or a text search function's
             * configuration (COALESCE(x::regconfig, $1), ARRAY[...] and a
             * UNION read the other value as a name too) */
            const sg__funcref *call =
                fn->parent >= 0 ? &SG__VEC_AT(f->funcs, sg__funcref, (size_t)fn->parent) : NULL;
            bool alone = fn->isolated || (fn->first_arg && call && sg__ts_config_arg(ctx, call));
            if (plain && !alone)
                rc = report_ts_name(ctx, fn,
                                    "where its value may meet a string or a parameter that "
                                    "PostgreSQL then reads as a name");
            else if (!plain)
                rc = report_ts_name(ctx, fn,
                                    fn->arg_count ? "by a value other than a plain name"
                                                  : "by a value the statement does not show");
            break;
        }
        case SG_FUNC_CAST:
            if (fn->of_tableoid)
                continue; /* names only the scoped relation or one of its partitions, and
                           * its value meets no string (walk.h's `isolated`) */
            if (open_mode && ctx->in_migration)
                continue; /* a migration names its own objects (`'users'::regclass`) */
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                            "a cast to %s looks objects up outside the scope (a string's name "
                            "is resolved; an OID's object, in any schema, named) and is not "
                            "allowed",
                            fn->name);
            break;
        case SG_FUNC_OPERATOR:
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                            "operator OPERATOR(%s) is outside pg_catalog and is not allowed",
                            subject);
            break;
        case SG_FUNC_CATALOG_OBJECT:
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                            "%s names a collation or operator class outside pg_catalog, which is "
                            "not allowed",
                            subject);
            break;
        case SG_FUNC_TABLESAMPLE:
            if (builtin_schema(fn) && sg__tablesample_method_allowed(fn->name))
                continue;
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, fn->location,
                            "TABLESAMPLE method %s is not allowed (only SYSTEM and BERNOULLI)",
                            subject);
            break;
        }
        if (rc < 0)
            return -1;
    }
    for (size_t i = 0; i < f->fields.count; i++)
        if (check_field(ctx, &SG__VEC_AT(f->fields, sg__field_ref, i)) < 0)
            return -1;
    if (check_xml(ctx) < 0 || (!ctx->in_migration && sg__ts_check_parameters(ctx) < 0))
        return -1;
    return sg__check_name_typed_columns(ctx);
}

const sg__rule sg__rule_func_denied = {
    .id = "func.denied",
    .summary = "a call of a function, cast or operator that is not allowed (a denied built-in "
               "names its reason)",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .options = options,
    .check = check,
};
