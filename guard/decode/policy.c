/*
 * policy.c - loads a policy: rule severities and rule options.
 *
 * Everything is validated and compiled once, at load: unknown rule ids and
 * options are errors naming the key, patterns are compiled with PCRE2 (and
 * JIT-compiled where the platform has it) and a bad one is reported with
 * PCRE2's own message and offset. The loaded policy is immutable; checks on
 * any number of threads read it, each match with match data of its own.
 * PCRE2 allocates through the library's allocator (a general context), so
 * its memory runs out the way the rest of the library's does: SG_ENOMEM.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check/rule.h"
#include "decode/catalog.h"
#include "decode/policy.h"
#include "util/error.h"
#include "util/json.h"
#include "util/regex.h"

enum { MAX_POLICY_BYTES = 4 << 20, MAX_POLICY_DEPTH = 16 };

typedef struct opt_value {
    const sg__option *spec; /* NULL: the policy does not set this option */
    pcre2_code **codes;     /* SG_OPT_PATTERNS */
    size_t count;
    const char *choice; /* SG_OPT_ENUM */
    long long integer;  /* SG_OPT_INTEGER */
} opt_value;

typedef struct rule_policy {
    int severity;    /* -1: the rule's default; 0: off; else an sg_severity */
    opt_value *opts; /* one per option of the rule, by index; NULL when none is set */
} rule_policy;

/*
 * The bounds a policy's "limits" may set, named as the sg_check_options fields
 * they replace. A policy can raise a bound up to its ceiling (what the guard
 * can still hold safely: PostgreSQL's 65535 parameters, a parse-tree depth
 * that fits a 256 KiB stack) or lower it down to 1.
 */
static const struct limit_spec {
    const char *name;
    long long ceiling;
} limit_specs[SG__LIMIT_COUNT] = {
    [SG__LIMIT_OPERATION_BYTES] = {"max_operation_bytes", 64ll << 20},
    [SG__LIMIT_JSON_DEPTH] = {"max_json_depth", 512},
    [SG__LIMIT_SQL_BYTES] = {"max_sql_bytes", 64ll << 20},
    [SG__LIMIT_PARAMETERS] = {"max_parameters", 65535},
    [SG__LIMIT_SCOPE_TABLES] = {"max_scope_tables", 65535},
    [SG__LIMIT_AST_DEPTH] = {"max_ast_depth", 1000},
    [SG__LIMIT_DIAGNOSTICS] = {"max_diagnostics", 10000},
    [SG__LIMIT_ROWS] = {"max_rows", 1000000000000000ll},
    [SG__LIMIT_TIMEOUT_MS] = {"max_statement_timeout_ms", 2147483647},
    [SG__LIMIT_CATALOG_BYTES] = {"max_catalog_bytes", 256ll << 20},
    [SG__LIMIT_CATALOG_TABLES] = {"max_catalog_tables", 1000000},
};

struct sg_policy {
    sg__arena arena;
    sg_lint_profile lint_profile;           /* "lint": {"profile"}; DEFAULT when unset */
    sg_lint_placeholders lint_placeholders; /* "lint": {"placeholders"}; DEFAULT when unset */
    rule_policy *rules;                     /* one per sg__rule_table entry, by index */
    sg__vec codes;                          /* every pcre2_code *, to free them */
    /* made with the first pattern: PCRE2 allocating through sg__malloc */
    pcre2_general_context *pcre_general;
    pcre2_compile_context *pcre_compile;
    long long limits[SG__LIMIT_COUNT]; /* 0: not set */
    /* every rule's severity under each lint profile (DEFAULT, REPOSITORY,
     * STRICT), worked out once at load: [profile * sg__rule_total + index] */
    signed char *severities;
};

enum { PROFILES = SG_LINT_PROFILE_STRICT + 1 };

/*
 * What the repository profile sets where a policy sets nothing (the strict
 * profile sets nothing: every rule at its default). A severity of -1 keeps
 * the rule's own; an option names an enum option and the profile's choice.
 * Locked rules keep their severity: a profile may only choose an option.
 */
typedef struct profile_setting {
    const sg__rule *rule;
    int severity;
    const char *option, *choice;
} profile_setting;

extern const sg__rule sg__rule_func_denied, sg__rule_paginate_order_by_required,
    sg__rule_stmt_row_lock, sg__rule_stmt_data_modifying_cte, sg__rule_scope_unused_table,
    sg__rule_column_unlisted, sg__rule_params_unused, sg__rule_limits_bounds,
    sg__rule_limits_invalid, sg__rule_column_denied;

static const profile_setting repository_profile[] = {
    /* other schemas' functions are the repository's own; pg_sleep and the
     * rest of the built-ins classified denied stay denied */
    {&sg__rule_func_denied, -1, "mode", "deny-only"},
    /* a query file is no paginated endpoint: a missing ORDER BY is worth a look */
    {&sg__rule_paginate_order_by_required, SG_SEVERITY_WARNING, NULL, NULL},
    /* what only a governed operation's contract makes wrong */
    {&sg__rule_stmt_row_lock, 0, NULL, NULL},
    {&sg__rule_stmt_data_modifying_cte, 0, NULL, NULL},
    {&sg__rule_scope_unused_table, 0, NULL, NULL},
    {&sg__rule_column_unlisted, 0, NULL, NULL},
    {&sg__rule_params_unused, 0, NULL, NULL},
    {&sg__rule_limits_bounds, 0, NULL, NULL},
    {&sg__rule_limits_invalid, 0, NULL, NULL},
};

/* The repository profile's setting of `rule`, or NULL (also under any
 * other profile). */
static const profile_setting *profile_setting_of(int profile, const sg__rule *rule)
{
    if (profile != SG_LINT_PROFILE_REPOSITORY)
        return NULL;
    for (size_t i = 0; i < sizeof repository_profile / sizeof repository_profile[0]; i++)
        if (repository_profile[i].rule == rule)
            return &repository_profile[i];
    return NULL;
}

typedef struct loader {
    sg_policy *p;
    sg_policy **out;
    sg__failure f; /* the first failure: its code and the caller's sg_error */
} loader;

static int oom(loader *l)
{
    return sg__fail(&l->f, SG_ENOMEM, "out of memory while loading the policy");
}

/* The index of option `name` in the rule's list; -1 when it has none such. */
static long find_option(const sg__rule *r, const char *name)
{
    for (const sg__option *o = r->options; o && o->name; o++)
        if (strcmp(o->name, name) == 0)
            return o - r->options;
    return -1;
}

static size_t option_count(const sg__rule *r)
{
    size_t n = 0;
    while (r->options && r->options[n].name)
        n++;
    return n;
}

static bool is_choice(const char *choices, const char *value)
{
    size_t n = strlen(value);
    for (const char *c = choices; *c;) {
        const char *bar = strchr(c, '|');
        size_t len = bar ? (size_t)(bar - c) : strlen(c);
        if (len == n && strncmp(c, value, n) == 0)
            return true;
        c += len + (bar ? 1 : 0);
    }
    return false;
}

/* The contexts every pattern of the policy is compiled with; a compiled
 * pattern keeps the allocator, and its match data and JIT code use it too. */
static int pcre_contexts(loader *l)
{
    sg_policy *p = l->p;
    if (!p->pcre_general)
        p->pcre_general = sg__regex_context();
    if (p->pcre_general && !p->pcre_compile)
        p->pcre_compile = pcre2_compile_context_create(p->pcre_general);
    return p->pcre_compile ? 0 : oom(l);
}

static int load_patterns(loader *l, const cJSON *v, const char *rule, opt_value *ov)
{
    if (!cJSON_IsArray(v))
        return sg__fail(&l->f, SG_EPOLICY,
                        "policy: rules.%s.options.%s must be an array of patterns", rule,
                        ov->spec->name);
    size_t n = (size_t)cJSON_GetArraySize(v);
    ov->codes = sg__arena_alloc(&l->p->arena, (n + 1) * sizeof *ov->codes);
    if (!ov->codes)
        return oom(l);
    if (pcre_contexts(l) < 0)
        return -1;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!cJSON_IsString(item))
            return sg__fail(&l->f, SG_EPOLICY, "policy: rules.%s.options.%s[%zu] must be a string",
                            rule, ov->spec->name, ov->count);
        int errcode;
        PCRE2_SIZE erroffset;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)item->valuestring, PCRE2_ZERO_TERMINATED,
                                         PCRE2_UTF, &errcode, &erroffset, l->p->pcre_compile);
        if (!code && errcode == PCRE2_ERROR_HEAP_FAILED)
            return oom(l);
        if (!code) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            return sg__fail(
                &l->f, SG_EPOLICY,
                "policy: rules.%s.options.%s[%zu]: bad pattern \"%s\" at offset %zu: %s", rule,
                ov->spec->name, ov->count, item->valuestring, (size_t)erroffset, (const char *)msg);
        }
        pcre2_code **slot = sg__vec_push(&l->p->arena, &l->p->codes, sizeof *slot);
        if (!slot) {
            pcre2_code_free(code);
            return oom(l);
        }
        *slot = code;
        /* JIT is an optimisation: where it is unavailable, or its memory ran
         * out, the interpreter runs the same pattern */
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
        if (ov->spec->admits) {
            pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, l->p->pcre_general);
            if (!md)
                return oom(l);
            int rc = pcre2_match(code, (PCRE2_SPTR) "", 0, 0, 0, md, NULL);
            pcre2_match_data_free(md);
            if (rc >= 0)
                return sg__fail(&l->f, SG_EPOLICY,
                                "policy: rules.%s.options.%s[%zu]: pattern \"%s\" matches the "
                                "empty string, so every name, and would admit everything the rule "
                                "refuses; write the names it should admit (e.g. \"^app\\.\")",
                                rule, ov->spec->name, ov->count, item->valuestring);
        }
        ov->codes[ov->count++] = code;
    }
    return 0;
}

/* The severity a word other linters (ESLint, sqlfluff, Ruff) or another
 * case spells means, or NULL. */
static const char *severity_meant(const char *s)
{
    static const struct {
        const char *said, *meant;
    } words[] = {{"error", "error"},  {"err", "error"},        {"warning", "warning"},
                 {"warn", "warning"}, {"warnings", "warning"}, {"off", "off"},
                 {"none", "off"},     {"disable", "off"},      {"disabled", "off"},
                 {"ignore", "off"},   {"false", "off"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(s, words[i].said) == 0)
            return words[i].meant;
    return NULL;
}

static int parse_severity(loader *l, const char *rule_id, const sg__rule *r, const cJSON *v,
                          int *out)
{
    if (!cJSON_IsString(v))
        return sg__fail(&l->f, SG_EPOLICY,
                        "policy: rules.%s severity must be \"error\", \"warning\" or \"off\"",
                        rule_id);
    const char *s = v->valuestring;
    if (strcmp(s, "error") == 0)
        *out = SG_SEVERITY_ERROR;
    else if (strcmp(s, "warning") == 0)
        *out = SG_SEVERITY_WARNING;
    else if (strcmp(s, "off") == 0)
        *out = 0;
    else
        return sg__fail(&l->f, SG_EPOLICY,
                        "policy: rules.%s severity \"%s\" is not \"error\", \"warning\" or "
                        "\"off\"%s%s%s",
                        rule_id, s, severity_meant(s) ? " (did you mean \"" : "",
                        severity_meant(s) ? severity_meant(s) : "",
                        severity_meant(s) ? "\"?)" : "");
    if (r->locked && *out != SG_SEVERITY_ERROR)
        return sg__fail(
            &l->f, SG_EPOLICY,
            "policy: rule %s guards the check itself and cannot be turned off or made a "
            "warning",
            rule_id);
    return 0;
}

static int load_rule(loader *l, const cJSON *entry)
{
    static const char *const keys[] = {"severity", "options", NULL};
    const char *id = entry->string;
    const sg__rule *r = sg__rule_find(id);
    if (!r)
        return sg__fail(&l->f, SG_EPOLICY, "policy: unknown rule \"%s\" (see sqlguard rules)", id);
    rule_policy *rp = &l->p->rules[sg__rule_index(r)];
    if (cJSON_IsString(entry))
        return parse_severity(l, id, r, entry, &rp->severity);
    if (!cJSON_IsObject(entry))
        return sg__fail(&l->f, SG_EPOLICY, "policy: rules.%s must be a severity or an object", id);
    const char *bad = sg__json_unknown_key(entry, keys);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: rules.%s has unknown key \"%s\"", id, bad);
    if (sg__json_duplicate_key(entry, &bad) < 0)
        return oom(l);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: rules.%s has key \"%s\" twice", id, bad);
    const cJSON *sev = cJSON_GetObjectItemCaseSensitive(entry, "severity");
    if (sev && parse_severity(l, id, r, sev, &rp->severity) < 0)
        return -1;
    const cJSON *opts = cJSON_GetObjectItemCaseSensitive(entry, "options");
    if (!opts)
        return 0;
    if (!cJSON_IsObject(opts))
        return sg__fail(&l->f, SG_EPOLICY, "policy: rules.%s.options must be an object", id);
    if (sg__json_duplicate_key(opts, &bad) < 0)
        return oom(l);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: rules.%s.options has key \"%s\" twice", id,
                        bad);
    rp->opts = sg__arena_alloc(&l->p->arena, (option_count(r) + 1) * sizeof *rp->opts);
    if (!rp->opts)
        return oom(l);
    const cJSON *o;
    cJSON_ArrayForEach(o, opts)
    {
        long at = find_option(r, o->string);
        if (at < 0)
            return sg__fail(&l->f, SG_EPOLICY, "policy: rule %s has no option \"%s\"%s", id,
                            o->string, r->options ? " (see sqlguard rules)" : "; it takes none");
        opt_value *ov = &rp->opts[at];
        const sg__option *spec = ov->spec = &r->options[at];
        if (spec->type == SG_OPT_PATTERNS) {
            if (load_patterns(l, o, id, ov) < 0)
                return -1;
        } else if (spec->type == SG_OPT_INTEGER) {
            if (!cJSON_IsNumber(o) || o->valuedouble < 1 || o->valuedouble > 1e15 ||
                o->valuedouble != (double)(long long)o->valuedouble)
                return sg__fail(&l->f, SG_EPOLICY,
                                "policy: rules.%s.options.%s must be an integer greater than 0", id,
                                spec->name);
            ov->integer = (long long)o->valuedouble;
        } else if (!cJSON_IsString(o) || !is_choice(spec->choices, o->valuestring)) {
            return sg__fail(&l->f, SG_EPOLICY, "policy: rules.%s.options.%s must be one of %s", id,
                            spec->name, spec->choices);
        } else if (!(ov->choice = sg__arena_strdup(&l->p->arena, o->valuestring))) {
            return oom(l);
        }
    }
    return 0;
}

static int load_limits(loader *l, const cJSON *limits)
{
    if (!cJSON_IsObject(limits))
        return sg__fail(&l->f, SG_EPOLICY, "policy: limits must be an object");
    const char *bad;
    if (sg__json_duplicate_key(limits, &bad) < 0)
        return oom(l);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: limits has key \"%s\" twice", bad);
    const cJSON *v;
    cJSON_ArrayForEach(v, limits)
    {
        size_t i = 0;
        while (i < SG__LIMIT_COUNT && strcmp(limit_specs[i].name, v->string) != 0)
            i++;
        if (i == SG__LIMIT_COUNT)
            return sg__fail(&l->f, SG_EPOLICY,
                            "policy: unknown limit \"%s\" (see the README's bounds)", v->string);
        long long ceiling = limit_specs[i].ceiling;
        if (!cJSON_IsNumber(v) || !(v->valuedouble >= 1 && v->valuedouble <= (double)ceiling) ||
            v->valuedouble != (double)(long long)v->valuedouble)
            return sg__fail(&l->f, SG_EPOLICY,
                            "policy: limits.%s must be an integer from 1 to %lld", v->string,
                            ceiling);
        l->p->limits[i] = (long long)v->valuedouble;
    }
    return 0;
}

/* The index of `value` among the NULL-terminated `names`, or -1. */
static int name_index(const char *const *names, const char *value)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], value) == 0)
            return i;
    return -1;
}

/* "lint": {"profile": ..., "placeholders": ...}, by the public enums' order. */
static int load_lint(loader *l, const cJSON *lint)
{
    static const char *const keys[] = {"profile", "placeholders", NULL};
    static const char *const profiles[] = {"repository", "strict", NULL};
    static const char *const styles[] = {"auto", "psycopg", "dollar", "none", NULL};
    if (!cJSON_IsObject(lint))
        return sg__fail(&l->f, SG_EPOLICY, "policy: lint must be an object");
    const char *bad = sg__json_unknown_key(lint, keys);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: lint has unknown key \"%s\"", bad);
    if (sg__json_duplicate_key(lint, &bad) < 0)
        return oom(l);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: lint has key \"%s\" twice", bad);
    const cJSON *profile = cJSON_GetObjectItemCaseSensitive(lint, "profile");
    if (profile) {
        int at = cJSON_IsString(profile) ? name_index(profiles, profile->valuestring) : -1;
        if (at < 0)
            return sg__fail(&l->f, SG_EPOLICY,
                            "policy: lint.profile must be \"repository\" or \"strict\"");
        l->p->lint_profile = (sg_lint_profile)(SG_LINT_PROFILE_REPOSITORY + at);
    }
    const cJSON *style = cJSON_GetObjectItemCaseSensitive(lint, "placeholders");
    if (style) {
        int at = cJSON_IsString(style) ? name_index(styles, style->valuestring) : -1;
        if (at < 0)
            return sg__fail(
                &l->f, SG_EPOLICY,
                "policy: lint.placeholders must be \"auto\", \"psycopg\", \"dollar\" or \"none\"");
        l->p->lint_placeholders = (sg_lint_placeholders)(SG_LINT_PLACEHOLDERS_AUTO + at);
    }
    return 0;
}

static int load(loader *l, const cJSON *root)
{
    static const char *const keys[] = {"version", "rules", "limits", "lint", NULL};
    if (!cJSON_IsObject(root))
        return sg__fail(&l->f, SG_EPOLICY, "policy: the top level must be an object");
    const char *bad = sg__json_unknown_key(root, keys);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: unknown key \"%s\"", bad);
    if (sg__json_duplicate_key(root, &bad) < 0)
        return oom(l);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: key \"%s\" twice", bad);
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (version && !(cJSON_IsNumber(version) && version->valuedouble == 1))
        return sg__fail(&l->f, SG_EPOLICY, "policy: version must be 1");
    const cJSON *limits = cJSON_GetObjectItemCaseSensitive(root, "limits");
    if (limits && load_limits(l, limits) < 0)
        return -1;
    const cJSON *lint = cJSON_GetObjectItemCaseSensitive(root, "lint");
    if (lint && load_lint(l, lint) < 0)
        return -1;
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
    if (!rules)
        return 0;
    if (!cJSON_IsObject(rules))
        return sg__fail(&l->f, SG_EPOLICY, "policy: rules must be an object keyed by rule id");
    if (sg__json_duplicate_key(rules, &bad) < 0)
        return oom(l);
    if (bad)
        return sg__fail(&l->f, SG_EPOLICY, "policy: rules names \"%s\" twice", bad);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, rules)
    {
        if (load_rule(l, entry) < 0)
            return -1;
    }
    return 0;
}

/* The severity `rule` (at `index` in the rule table, sg__rule_total when
 * not listed) reports at under `policy` and lint profile `profile`: what the
 * policy sets wins, then the profile's severity, then the rule's default. */
static int severity_of(const sg_policy *policy, int profile, const sg__rule *rule, size_t index)
{
    if (rule->locked_for_operations && profile == SG_LINT_PROFILE_DEFAULT)
        return (int)rule->severity;
    if (policy && index != sg__rule_total && policy->rules[index].severity >= 0)
        return policy->rules[index].severity;
    const profile_setting *ps = profile_setting_of(profile, rule);
    if (ps && ps->severity >= 0 && !rule->locked)
        return ps->severity;
    return (int)rule->severity;
}

/* Works out every rule's severity under every profile once, so that a
 * check reads it instead of going through the policy and the profile for
 * each rule it runs and each diagnostic it reports. */
static int settle_severities(loader *l)
{
    sg_policy *p = l->p;
    p->severities = sg__arena_alloc(&p->arena, PROFILES * sg__rule_total);
    if (!p->severities)
        return oom(l);
    for (int profile = 0; profile < PROFILES; profile++)
        for (size_t i = 0; i < sg__rule_total; i++)
            p->severities[(size_t)profile * sg__rule_total + i] =
                (signed char)severity_of(p, profile, sg__rule_table[i], i);
    return 0;
}

/* The policy of a loaded document, into *l->out (sg__json_load_with() calls it). */
static int build(void *ctx, sg__json_doc *doc)
{
    loader *l = ctx;
    sg_policy *p = sg__malloc(sizeof *p);
    if (!p)
        return sg__set_error(l->f.err, SG_ENOMEM, "out of memory while loading the policy");
    memset(p, 0, sizeof *p);
    sg__arena_init(&p->arena);
    l->p = p;
    p->rules = sg__arena_alloc(&p->arena, (sg__rule_total + 1) * sizeof *p->rules);
    int rc = p->rules ? 0 : oom(l);
    for (size_t i = 0; rc == 0 && i < sg__rule_total; i++)
        p->rules[i].severity = -1;
    if (rc < 0 || load(l, doc->root) < 0 || settle_severities(l) < 0) {
        sg_policy_free(p);
        return l->f.code;
    }
    *l->out = p;
    return SG_OK;
}

int sg_policy_load(const char *json, size_t len, sg_policy **out, sg_error *err)
{
    loader l = {NULL, out, {err, SG_OK}};
    if (err) {
        err->code = SG_OK;
        err->message[0] = '\0';
    }
    if (!out || !json) {
        sg__fail(&l.f, SG_EINVAL, "sg_policy_load: json and out are required");
        return SG_EINVAL;
    }
    *out = NULL;
    sg__json_opts opts = {MAX_POLICY_BYTES, MAX_POLICY_DEPTH, false, NULL};
    return sg__json_load_with("policy", SG_EPOLICY, json, len, &opts, build, &l, err);
}

/* sg_policy_load() in the shape sg__json_load_file() calls. */
static int load_text(const char *json, size_t len, void *out, sg_error *err)
{
    return sg_policy_load(json, len, out, err);
}

int sg_policy_load_file(const char *path, sg_policy **out, sg_error *err)
{
    if (out)
        *out = NULL;
    if (!path || !out)
        return sg__set_error(err, SG_EINVAL, "sg_policy_load_file: path and out are required");
    return sg__json_load_file(path, "policy", MAX_POLICY_BYTES, load_text, out, err);
}

void sg_policy_free(sg_policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->codes.count; i++)
        pcre2_code_free(SG__VEC_AT(p->codes, pcre2_code *, i));
    pcre2_compile_context_free(p->pcre_compile);
    pcre2_general_context_free(p->pcre_general);
    sg__arena_release(&p->arena);
    sg__free(p);
}

int sg__policy_severity(const sg_policy *policy, const sg__rule *rule)
{
    return sg__policy_severity_in(policy, SG_LINT_PROFILE_DEFAULT, rule);
}

int sg__policy_severity_in(const sg_policy *policy, int profile, const sg__rule *rule)
{
    size_t i = policy ? sg__rule_index(rule) : sg__rule_total;
    if (i != sg__rule_total && profile >= 0 && profile < PROFILES)
        return policy->severities[(size_t)profile * sg__rule_total + i];
    return severity_of(policy, profile, rule, i);
}

/* The severities without a policy (each profile's, else the rules'
 * defaults), worked out once in the process; as many rules as the registry
 * can list (rules/registry.c). */
enum { DEFAULTS_MAX = 64 };
static signed char default_severities[PROFILES][DEFAULTS_MAX];
static pthread_once_t defaults_once = PTHREAD_ONCE_INIT;

static void settle_defaults(void)
{
    for (int profile = 0; profile < PROFILES; profile++)
        for (size_t i = 0; i < sg__rule_total && i < DEFAULTS_MAX; i++)
            default_severities[profile][i] =
                (signed char)severity_of(NULL, profile, sg__rule_table[i], sg__rule_total);
}

const signed char *sg__policy_severities(const sg_policy *policy, int profile)
{
    if (profile < 0 || profile >= PROFILES)
        return NULL;
    if (policy)
        return policy->severities + (size_t)profile * sg__rule_total;
    if (sg__rule_total > DEFAULTS_MAX || pthread_once(&defaults_once, settle_defaults) != 0)
        return NULL;
    return default_severities[profile];
}

sg_lint_profile sg__policy_lint_profile(const sg_policy *policy)
{
    return policy ? policy->lint_profile : SG_LINT_PROFILE_DEFAULT;
}

sg_lint_placeholders sg__policy_lint_placeholders(const sg_policy *policy)
{
    return policy ? policy->lint_placeholders : SG_LINT_PLACEHOLDERS_DEFAULT;
}

int sg_rule_lint_severity(size_t index, sg_lint_profile profile)
{
    if (index >= sg__rule_total)
        return SG_SEVERITY_ERROR;
    return sg__policy_severity_in(NULL, profile ? (int)profile : SG_LINT_PROFILE_REPOSITORY,
                                  sg__rule_table[index]);
}

/* What the policy set for option `at` of `rule`, or NULL. */
static const opt_value *option(const sg_policy *policy, const sg__rule *rule, size_t at)
{
    size_t i = policy ? sg__rule_index(rule) : sg__rule_total;
    if (i == sg__rule_total || !policy->rules[i].opts || at >= option_count(rule))
        return NULL;
    const opt_value *ov = &policy->rules[i].opts[at];
    return ov->spec ? ov : NULL;
}

size_t sg__policy_pattern_count(const sg_policy *policy, const sg__rule *rule, size_t at)
{
    const opt_value *ov = option(policy, rule, at);
    return ov ? ov->count : 0;
}

int sg__policy_match(const sg_policy *policy, const sg__rule *rule, size_t at, const char *subject,
                     int undecided)
{
    const opt_value *ov = option(policy, rule, at);
    for (size_t i = 0; ov && i < ov->count; i++) {
        /* NULL: the match data, and the interpreter's frames on its heap,
         * come from the allocator the pattern was compiled with */
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(ov->codes[i], NULL);
        if (!md)
            return -1;
        int rc =
            pcre2_match(ov->codes[i], (PCRE2_SPTR)subject, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL);
        pcre2_match_data_free(md);
        if (rc == PCRE2_ERROR_NOMEMORY)
            return -1;
        if (rc >= 0)
            return 1;
        if (rc != PCRE2_ERROR_NOMATCH)
            return undecided;
    }
    return 0;
}

int sg__policy_integer(const sg_policy *policy, const sg__rule *rule, size_t at, long long *value)
{
    const opt_value *ov = option(policy, rule, at);
    if (!ov)
        return 0;
    *value = ov->integer;
    return 1;
}

const char *sg__policy_choice(const sg_policy *policy, const sg__rule *rule, size_t at)
{
    const opt_value *ov = option(policy, rule, at);
    return ov ? ov->choice : NULL;
}

const char *sg__policy_choice_in(const sg_policy *policy, int profile, const sg__rule *rule,
                                 size_t at)
{
    const char *choice = sg__policy_choice(policy, rule, at);
    if (choice)
        return choice;
    const profile_setting *ps = profile_setting_of(profile, rule);
    long named = ps && ps->option ? find_option(rule, ps->option) : -1;
    return named >= 0 && (size_t)named == at ? ps->choice : NULL;
}

long long sg__policy_limit(const sg_policy *policy, int which, long long fallback)
{
    if (!policy || which < 0 || which >= SG__LIMIT_COUNT || policy->limits[which] == 0)
        return fallback;
    return policy->limits[which];
}

long long sg__limit_ceiling(int which)
{
    return which >= 0 && which < SG__LIMIT_COUNT ? limit_specs[which].ceiling : 0;
}

void sg__policy_apply_limits(const sg_policy *p, sg_check_options *o)
{
    if (!p)
        return;
    o->max_operation_bytes =
        (size_t)sg__policy_limit(p, SG__LIMIT_OPERATION_BYTES, (long long)o->max_operation_bytes);
    o->max_json_depth = (unsigned)sg__policy_limit(p, SG__LIMIT_JSON_DEPTH, o->max_json_depth);
    o->max_sql_bytes =
        (size_t)sg__policy_limit(p, SG__LIMIT_SQL_BYTES, (long long)o->max_sql_bytes);
    o->max_parameters = (unsigned)sg__policy_limit(p, SG__LIMIT_PARAMETERS, o->max_parameters);
    o->max_scope_tables =
        (unsigned)sg__policy_limit(p, SG__LIMIT_SCOPE_TABLES, o->max_scope_tables);
    o->max_ast_depth = (unsigned)sg__policy_limit(p, SG__LIMIT_AST_DEPTH, o->max_ast_depth);
    o->max_diagnostics = (unsigned)sg__policy_limit(p, SG__LIMIT_DIAGNOSTICS, o->max_diagnostics);
    o->max_rows_bound = sg__policy_limit(p, SG__LIMIT_ROWS, o->max_rows_bound);
    o->max_timeout_ms = sg__policy_limit(p, SG__LIMIT_TIMEOUT_MS, o->max_timeout_ms);
}

bool sg__policy_denies_columns(const sg_policy *policy, int profile)
{
    const sg__rule *r = &sg__rule_column_denied;
    if (!policy || sg__policy_severity_in(policy, profile, r) == 0)
        return false;
    for (size_t i = 0; r->options && r->options[i].name; i++)
        if (strcmp(r->options[i].name, "columns") == 0)
            return sg__policy_pattern_count(policy, r, i) > 0;
    return false;
}
