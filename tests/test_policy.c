/*
 * test_policy.c - loading policies and what they change in verdicts, and the
 * rule lookups a loaded policy answers (severity and options per descriptor).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check/rule.h"
#include "sqlguard.h"

/* Finding `i` of the result, which must have it. */
static sg_lint_finding finding(const sg_lint_result *r, size_t i)
{
    sg_lint_finding f;
    assert_true(sg_lint_result_get_finding(r, i, &f));
    return f;
}

#define DS "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"
#define COUNTERPARTY "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b03"

static sg_catalog *catalog;

static int setup(void **state)
{
    (void)state;
    sg_error err;
    return sg_catalog_load_file(SG_SOURCE_DIR "/corpus/catalog.json", &catalog, &err) == SG_OK ? 0
                                                                                               : -1;
}

static int teardown(void **state)
{
    (void)state;
    sg_catalog_free(catalog);
    return 0;
}

static sg_policy *load_ok(const char *json)
{
    sg_policy *p = NULL;
    sg_error err;
    int rc = sg_policy_load(json, strlen(json), &p, &err);
    if (rc != SG_OK)
        fail_msg("policy did not load: %s", err.message);
    return p;
}

static void load_fails(const char *json, const char *needle)
{
    sg_policy *p = (sg_policy *)1;
    sg_error err;
    assert_int_equal(sg_policy_load(json, strlen(json), &p, &err), SG_EPOLICY);
    assert_null(p);
    assert_int_equal(err.code, SG_EPOLICY);
    if (!strstr(err.message, needle))
        fail_msg("message \"%s\" does not name \"%s\"", err.message, needle);
}

/* Checks `sql` reading account (and optionally counterparty) under `policy`. */
static sg_verdict *check(const char *sql, bool with_counterparty, const sg_policy *policy)
{
    char op[2048];
    snprintf(op, sizeof op,
             "{\"operation\":\"select\",\"sql\":\"%s\",\"parameters\":{},"
             "\"scope\":{\"data_source_uid\":\"" DS "\",\"tables\":["
             "{\"meta_table_uid\":\"" ACCOUNT "\",\"alias\":\"a\",\"access\":\"read\"}%s]},"
             "\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":1000}}",
             sql,
             with_counterparty ? ",{\"meta_table_uid\":\"" COUNTERPARTY
                                 "\",\"alias\":\"c\",\"access\":\"read\"}"
                               : "");
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = policy;
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(catalog, op, strlen(op), &opts, &v), SG_OK);
    return v;
}

/* The severity `rule` was reported at, 0 when it was not reported. */
static int severity_of(const sg_verdict *v, const char *rule)
{
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        if (strcmp(d->rule, rule) == 0)
            return (int)d->severity;
    }
    return 0;
}

static void test_policy__empty_policy_changes_nothing(void **state)
{
    (void)state;
    sg_policy *p = load_ok("{}");
    sg_verdict *a = check("SELECT name FROM sdk_examples_account", true, NULL);
    sg_verdict *b = check("SELECT name FROM sdk_examples_account", true, p);
    char *ja, *jb;
    assert_int_equal(sg_verdict_to_json(a, &ja), SG_OK);
    assert_int_equal(sg_verdict_to_json(b, &jb), SG_OK);
    assert_string_equal(ja, jb);
    assert_int_equal(severity_of(a, "paginate.order-by-required"), SG_SEVERITY_ERROR);
    assert_int_equal(severity_of(a, "scope.unused-table"), SG_SEVERITY_WARNING);
    sg_free(ja);
    sg_free(jb);
    sg_verdict_free(a);
    sg_verdict_free(b);
    sg_policy_free(p);
}

static void test_policy__rule_off_and_severity_change(void **state)
{
    (void)state;
    sg_policy *p = load_ok("{\"version\":1,\"rules\":{\"scope.unused-table\":\"off\","
                           "\"paginate.order-by-required\":{\"severity\":\"warning\"}}}");
    sg_verdict *v = check("SELECT name FROM sdk_examples_account", true, p);
    assert_int_equal(severity_of(v, "scope.unused-table"), 0);
    assert_int_equal(severity_of(v, "paginate.order-by-required"), SG_SEVERITY_WARNING);
    assert_true(sg_verdict_allowed(v)); /* only a warning is left */
    sg_verdict_free(v);
    sg_policy_free(p);

    /* and a warning can be raised to an error */
    p = load_ok("{\"rules\":{\"scope.unused-table\":\"error\"}}");
    v = check("SELECT name FROM sdk_examples_account ORDER BY 1", true, p);
    assert_int_equal(severity_of(v, "scope.unused-table"), SG_SEVERITY_ERROR);
    assert_false(sg_verdict_allowed(v));
    sg_verdict_free(v);
    sg_policy_free(p);
}

static void test_policy__locked_rules_cannot_be_weakened(void **state)
{
    (void)state;
    static const char *const locked[] = {"op.invalid",
                                         "sql.syntax",
                                         "sql.statement-not-allowed",
                                         "sql.unsupported",
                                         "scope.table-not-declared",
                                         "scope.access-denied",
                                         "params.in-literal",
                                         "func.denied",
                                         "type.denied"};
    for (size_t i = 0; i < sizeof locked / sizeof locked[0]; i++) {
        char json[256];
        snprintf(json, sizeof json, "{\"rules\":{\"%s\":\"off\"}}", locked[i]);
        load_fails(json, "cannot be turned off");
        snprintf(json, sizeof json, "{\"rules\":{\"%s\":{\"severity\":\"warning\"}}}", locked[i]);
        load_fails(json, locked[i]);
        snprintf(json, sizeof json, "{\"rules\":{\"%s\":\"error\"}}", locked[i]);
        sg_policy_free(load_ok(json));
    }
}

static void test_policy__load_errors_name_the_key(void **state)
{
    (void)state;
    load_fails("{\"rulez\":{}}", "unknown key \"rulez\"");
    load_fails("{\"rules\":{\"no.such-rule\":\"off\"}}", "unknown rule \"no.such-rule\"");
    load_fails("{\"rules\":{\"scope.unused-table\":\"loud\"}}", "\"loud\"");
    load_fails("{\"rules\":{\"scope.unused-table\":{\"level\":\"off\"}}}", "unknown key \"level\"");
    load_fails("{\"rules\":{\"func.denied\":{\"options\":{\"alow\":[]}}}}", "no option \"alow\"");
    load_fails("{\"rules\":{\"scope.unused-table\":{\"options\":{\"x\":1}}}}", "takes none");
    load_fails("{\"rules\":{\"func.denied\":{\"options\":{\"mode\":\"anything\"}}}}",
               "allow-list|deny-only");
    load_fails("{\"rules\":{\"func.denied\":{\"options\":{\"allow\":\"^app\\\\.\"}}}}",
               "must be an array");
    load_fails("{\"version\":2}", "version must be 1");
    load_fails("{\"rules\":{}} trailing", "text follows");
    load_fails("{\"rules\":{\"scope.unused-table\":\"off\",\"scope.unused-table\":\"error\"}}",
               "twice");
}

static void test_policy__bad_pattern_reports_pcre2_message_and_offset(void **state)
{
    (void)state;
    load_fails("{\"rules\":{\"func.denied\":{\"options\":{\"allow\":[\"^ok\",\"(unclosed\"]}}}}",
               "allow[1]: bad pattern \"(unclosed\" at offset 9: missing closing parenthesis");
}

static void test_policy__function_allow_and_deny_patterns(void **state)
{
    (void)state;
    const char *sql = "SELECT app.score(name), app.admin_reset() FROM sdk_examples_account "
                      "ORDER BY 1";
    sg_verdict *v = check(sql, false, NULL);
    assert_int_equal(severity_of(v, "func.denied"), SG_SEVERITY_ERROR);
    size_t denied = 0;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++)
        denied += strcmp(sg_verdict_diagnostic(v, i)->rule, "func.denied") == 0;
    assert_int_equal(denied, 2);
    sg_verdict_free(v);

    sg_policy *p = load_ok("{\"rules\":{\"func.denied\":{\"options\":{"
                           "\"allow\":[\"^app\\\\.\"],\"deny\":[\"^app\\\\.admin_\"]}}}}");
    v = check(sql, false, p);
    /* one error; ORDER BY 1 also draws the order-by-unique warning */
    assert_int_equal(sg_verdict_diagnostic_count(v), 2);
    assert_int_equal(severity_of(v, "paginate.order-by-unique"), SG_SEVERITY_WARNING);
    const sg_diagnostic *d = sg_verdict_diagnostic(v, 0);
    assert_string_equal(d->rule, "func.denied");
    assert_non_null(strstr(d->message, "app.admin_reset is denied by the policy"));
    sg_verdict_free(v);

    /* deny wins over the built-in allow-list too */
    sg_policy_free(p);
    p = load_ok("{\"rules\":{\"func.denied\":{\"options\":{\"deny\":[\"^lower$\"]}}}}");
    v = check("SELECT lower(name) FROM sdk_examples_account ORDER BY 1", false, p);
    assert_int_equal(severity_of(v, "func.denied"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
    v = check("SELECT upper(name) FROM sdk_examples_account ORDER BY 1", false, p);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    sg_policy_free(p);

    /* an allow pattern does not admit a reg* cast or another schema's operator */
    p = load_ok("{\"rules\":{\"func.denied\":{\"options\":{\"allow\":[\".+\"]}}}}");
    v = check("SELECT 'sdk_examples_secret'::regclass FROM sdk_examples_account ORDER BY 1", false,
              p);
    assert_int_equal(severity_of(v, "func.denied"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
    sg_policy_free(p);
}

/* SQL linted on its own under `policy`. */
static sg_verdict *lint(const char *sql, const sg_policy *policy)
{
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = policy;
    sg_verdict *v = NULL;
    assert_int_equal(sg_lint_sql(catalog, sql, strlen(sql), &lo, &v), SG_OK);
    return v;
}

/* The message of the first diagnostic of `rule`, or NULL. */
static const char *message_of(const sg_verdict *v, const char *rule)
{
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++)
        if (strcmp(sg_verdict_diagnostic(v, i)->rule, rule) == 0)
            return sg_verdict_diagnostic(v, i)->message;
    return NULL;
}

/* The diagnostics of `rule` in v. */
static size_t count_of(const sg_verdict *v, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++)
        n += strcmp(sg_verdict_diagnostic(v, i)->rule, rule) == 0;
    return n;
}

/* type.denied's allow patterns admit an application's types, matched against
 * schema.name for a qualified name and the name alone for an unqualified one;
 * they never admit a reg* cast, which func.denied judges. */
static void test_policy__type_allow_patterns(void **state)
{
    (void)state;
    const char *sql = "SELECT name::app.money_amount, region::region_code, "
                      "region::public.region_code FROM sdk_examples_account ORDER BY uid";
    sg_verdict *v = check(sql, false, NULL);
    assert_int_equal(count_of(v, "type.denied"), 3);
    assert_int_equal(severity_of(v, "type.denied"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);

    sg_policy *p = load_ok("{\"rules\":{\"type.denied\":{\"options\":{"
                           "\"allow\":[\"^app\\\\.\",\"^region_code$\"]}}}}");
    v = check(sql, false, p);
    /* the qualified public.region_code is not the unqualified name's pattern */
    assert_int_equal(count_of(v, "type.denied"), 1);
    assert_non_null(strstr(sg_verdict_diagnostic(v, 0)->message, "type public.region_code "));
    sg_verdict_free(v);
    /* ^app\. does not admit an unqualified money_amount */
    v = check("SELECT name::money_amount FROM sdk_examples_account ORDER BY uid", false, p);
    assert_int_equal(count_of(v, "type.denied"), 1);
    sg_verdict_free(v);
    sg_policy_free(p);

    p = load_ok("{\"rules\":{\"type.denied\":{\"options\":{\"allow\":[\".+\"]}}}}");
    v = check(sql, false, p);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    v = check("SELECT 'sdk_examples_secret'::regclass FROM sdk_examples_account ORDER BY uid",
              false, p);
    assert_int_equal(count_of(v, "func.denied"), 1);
    assert_int_equal(count_of(v, "type.denied"), 0);
    sg_verdict_free(v);
    sg_policy_free(p);

    load_fails("{\"rules\":{\"type.denied\":{\"options\":{\"deny\":[]}}}}", "no option \"deny\"");
}

/* An allow pattern that matches the empty string matches every name (an
 * unset template variable, `.*`, `a*`, `|x`): a load error, not every
 * function or type admitted. Deny patterns and columns may (they refuse). */
static void test_policy__allow_patterns_matching_everything(void **state)
{
    (void)state;
    static const char *const all[] = {"", ".*", "^", "a*", "|x", "(?:)", "^$|x"};
    char text[160];
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        snprintf(text, sizeof text,
                 "{\"rules\":{\"func.denied\":{\"options\":{\"allow\":[\"^app\\\\.\",\"%s\"]}}}}",
                 all[i]);
        load_fails(text, "options.allow[1]: pattern");
        snprintf(text, sizeof text,
                 "{\"rules\":{\"type.denied\":{\"options\":{\"allow\":[\"%s\"]}}}}", all[i]);
        load_fails(text, "matches the empty string");
    }
    sg_policy_free(
        load_ok("{\"rules\":{\"func.denied\":{\"options\":{\"allow\":[\"^postgis\\\\.st_\","
                "\"^app\\\\.\",\"^pg_sleep$\"],\"deny\":[\"\"]}}}}"));
    sg_policy_free(load_ok("{\"rules\":{\"column.denied\":{\"options\":{\"columns\":[\".*\"]}}}}"));
}

/* deny-only is lint's: lint honours it (every call its deny patterns do not
 * refuse passes), in SQL and in operation files; a check refuses it with one
 * finding and keeps the allow-list. */
static void test_policy__deny_only_mode(void **state)
{
    (void)state;
    sg_policy *p = load_ok("{\"rules\":{\"func.denied\":{\"options\":{"
                           "\"mode\":\"deny-only\",\"deny\":[\"^pg_sleep$\"]}}}}");
    sg_verdict *v = lint("SELECT app.score(name) FROM sdk_examples_account ORDER BY 1", p);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    v = lint("SELECT pg_sleep(1) FROM sdk_examples_account ORDER BY 1", p);
    assert_false(sg_verdict_allowed(v));
    sg_verdict_free(v);

    /* a check: refused, even where every call is on the allow-list */
    static const char *const sqls[] = {
        "SELECT lower(name) FROM sdk_examples_account ORDER BY 1",
        "SELECT name FROM sdk_examples_account ORDER BY 1",
        "SELECT app.score(name) FROM sdk_examples_account ORDER BY 1"};
    for (size_t i = 0; i < 3; i++) {
        v = check(sqls[i], false, p);
        assert_false(sg_verdict_allowed(v));
        const char *msg = message_of(v, "func.denied");
        assert_non_null(msg);
        assert_non_null(strstr(msg, "mode \"deny-only\", which only lint honours"));
        /* ... and the allow-list still judges the calls */
        size_t found = 0;
        for (size_t d = 0; d < sg_verdict_diagnostic_count(v); d++)
            found += strstr(sg_verdict_diagnostic(v, d)->message, "app.score") != NULL;
        assert_int_equal(found, i == 2 ? 1 : 0);
        sg_verdict_free(v);
    }

    /* an operation file in lint is linted under lint's rules */
    static const char op[] =
        "{\"operation\":\"select\",\"sql\":\"SELECT app.score(name) FROM "
        "sdk_examples_account ORDER BY 1\",\"parameters\":{},\"scope\":{\"data_source_uid\":"
        "\"" DS "\",\"tables\":[{\"meta_table_uid\":\"" ACCOUNT "\",\"alias\":\"a\","
        "\"access\":\"read\"}]},\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":1000}}";
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = p;
    sg_lint_result *r = NULL;
    assert_int_equal(sg_lint_text(catalog, op, strlen(op), SG_LINT_INPUT_JSON, &lo, &r), SG_OK);
    assert_int_equal(sg_lint_result_status(r), SG_LINT_STATUS_CHECKED);
    for (size_t i = 0; i < sg_lint_result_finding_count(r); i++)
        assert_int_not_equal(finding(r, i).severity, SG_SEVERITY_ERROR);
    sg_lint_result_free(r);
    sg_policy_free(p);
}

/* The lint profile: the repository profile by default for .sql statements,
 * the strict one on request (a policy's "lint" section, or the caller's
 * option, which wins); what a policy sets itself wins over either. Checks
 * never use a profile. */
static void test_policy__lint_profile(void **state)
{
    (void)state;
    static const char lock[] = "SELECT uid FROM sdk_examples_account WHERE uid = $1 FOR UPDATE";
    static const char unknown[] = "SELECT app.score(name) FROM sdk_examples_account ORDER BY 1";
    static const char unordered[] = "SELECT uid FROM sdk_examples_account LIMIT 5";

    /* the repository profile: locks allowed, unknown functions pass, the
     * built-in deny list kept, a missing ORDER BY a warning */
    sg_verdict *v = lint(lock, NULL);
    assert_int_equal(severity_of(v, "stmt.row-lock"), 0);
    assert_int_equal(severity_of(v, "op.kind-mismatch"), 0);
    sg_verdict_free(v);
    v = lint(unknown, NULL);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    v = lint("SELECT pg_sleep(1) FROM sdk_examples_account ORDER BY 1", NULL);
    assert_int_equal(severity_of(v, "func.denied"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
    v = lint(unordered, NULL);
    assert_int_equal(severity_of(v, "paginate.order-by-required"), SG_SEVERITY_WARNING);
    sg_verdict_free(v);

    /* the strict profile, from the policy */
    sg_policy *strict = load_ok("{\"lint\":{\"profile\":\"strict\"}}");
    v = lint(lock, strict);
    assert_int_equal(severity_of(v, "stmt.row-lock"), SG_SEVERITY_WARNING);
    assert_non_null(strstr(message_of(v, "stmt.row-lock"), "locks the rows it reads of"));
    sg_verdict_free(v);
    v = lint(unknown, strict);
    assert_int_equal(severity_of(v, "func.denied"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
    v = lint(unordered, strict);
    assert_int_equal(severity_of(v, "paginate.order-by-required"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);

    /* the caller's option wins over the policy's profile */
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = strict;
    lo.profile = SG_LINT_PROFILE_REPOSITORY;
    assert_int_equal(sg_lint_sql(catalog, unknown, strlen(unknown), &lo, &v), SG_OK);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);

    /* a check of the same policy: no profile, the gateway's judgement */
    v = check("SELECT app.score(name) FROM sdk_examples_account ORDER BY 1", false, strict);
    assert_int_equal(severity_of(v, "func.denied"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
    sg_policy_free(strict);

    /* what the policy sets wins over the profile: an allow-list, a rule
     * raised, one turned on */
    sg_policy *own = load_ok("{\"rules\":{\"func.denied\":{\"options\":{\"mode\":"
                             "\"allow-list\"}},\"paginate.order-by-required\":\"error\","
                             "\"stmt.row-lock\":\"error\"}}");
    v = lint(unknown, own);
    assert_int_equal(severity_of(v, "func.denied"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
    v = lint(unordered, own);
    assert_int_equal(severity_of(v, "paginate.order-by-required"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
    v = lint(lock, own);
    assert_int_equal(severity_of(v, "stmt.row-lock"), SG_SEVERITY_ERROR);
    assert_false(sg_verdict_allowed(v));
    sg_verdict_free(v);
    sg_policy_free(own);

    /* the table of lint severities, without a policy */
    for (size_t i = 0; i < sg_rule_count(); i++) {
        const char *id = sg_rule_id(i);
        int repo = sg_rule_lint_severity(i, SG_LINT_PROFILE_DEFAULT);
        assert_int_equal(repo, sg_rule_lint_severity(i, SG_LINT_PROFILE_REPOSITORY));
        assert_int_equal(sg_rule_lint_severity(i, SG_LINT_PROFILE_STRICT),
                         (int)sg_rule_default_severity(i));
        if (strcmp(id, "stmt.row-lock") == 0 || strcmp(id, "stmt.data-modifying-cte") == 0 ||
            strcmp(id, "params.unused") == 0)
            assert_int_equal(repo, 0);
        else if (strcmp(id, "paginate.order-by-required") == 0)
            assert_int_equal(repo, SG_SEVERITY_WARNING);
        else if (sg_rule_locked(i))
            assert_int_equal(repo, SG_SEVERITY_ERROR);
    }
}

/* The "lint" section of a policy is validated like the rest. */
static void test_policy__lint_section_load_errors(void **state)
{
    (void)state;
    load_fails("{\"lint\":[]}", "lint must be an object");
    load_fails("{\"lint\":{\"profil\":\"strict\"}}", "unknown key \"profil\"");
    load_fails("{\"lint\":{\"profile\":\"lenient\"}}", "\"repository\" or \"strict\"");
    load_fails("{\"lint\":{\"placeholders\":\"qmark\"}}",
               "\"auto\", \"psycopg\", \"dollar\" or \"none\"");
    load_fails("{\"lint\":{\"placeholders\":1}}", "lint.placeholders must be");
    load_fails("{\"lint\":{\"profile\":\"strict\",\"profile\":\"strict\"}}", "twice");
    sg_policy *p = load_ok("{\"version\":1,\"lint\":{\"profile\":\"repository\","
                           "\"placeholders\":\"dollar\"}}");
    assert_int_equal(sg__policy_lint_profile(p), SG_LINT_PROFILE_REPOSITORY);
    assert_int_equal(sg__policy_lint_placeholders(p), SG_LINT_PLACEHOLDERS_DOLLAR);
    sg_policy_free(p);
    assert_int_equal(sg__policy_lint_profile(NULL), SG_LINT_PROFILE_DEFAULT);
    assert_int_equal(sg__policy_lint_placeholders(NULL), SG_LINT_PLACEHOLDERS_DEFAULT);
}

/* The index of option `name` in the rule's list. */
static size_t option_at(const sg__rule *r, const char *name)
{
    for (size_t i = 0; r->options && r->options[i].name; i++)
        if (strcmp(r->options[i].name, name) == 0)
            return i;
    fail_msg("rule %s has no option %s", r->id, name);
    return 0;
}

/* A pattern PCRE2 cannot decide (its match limit runs out) fails closed: a
 * deny pattern denies, an allow pattern does not allow. */
static void test_policy__undecided_pattern_fails_closed(void **state)
{
    (void)state;
    static const char *const policies[] = {
        "{\"rules\":{\"func.denied\":{\"options\":{\"mode\":\"deny-only\","
        "\"deny\":[\"(*LIMIT_MATCH=1)(*NO_START_OPT)^(?:a|s|as)+$\"]}}}}",
        "{\"rules\":{\"func.denied\":{\"options\":{"
        "\"allow\":[\"(*LIMIT_MATCH=1)(*NO_START_OPT)^(?:a|s|as)+$\"]}}}}"};
    for (size_t i = 0; i < 2; i++) {
        sg_policy *p = load_ok(policies[i]);
        const sg__rule *func = sg__rule_find("func.denied");
        size_t option = option_at(func, i == 0 ? "deny" : "allow");
        assert_int_equal(sg__policy_match(p, func, option, "asasasasasasasasasasasasasasasa1", 1),
                         1);
        assert_int_equal(sg__policy_match(p, func, option, "asasasasasasasasasasasasasasasa1", 0),
                         0);
        const char *sql =
            "SELECT asasasasasasasasasasasasasasasa1(name) FROM sdk_examples_account ORDER BY 1";
        sg_verdict *v = i == 0 ? lint(sql, p) : check(sql, false, p);
        assert_false(sg_verdict_allowed(v));
        sg_verdict_free(v);
        sg_policy_free(p);
    }
}

/* Suppression comments belong to lint; in a check the SQL's author is the
 * party being checked, so a comment can never switch a rule off. */
static void test_policy__comment_cannot_switch_a_rule_off_in_check(void **state)
{
    (void)state;
    sg_verdict *v = check("-- sqlguard-disable-next-line func.denied, scope.table-not-declared\\n"
                          "SELECT pg_sleep(1), s.payload FROM sdk_examples_account, "
                          "sdk_examples_secret s /* sqlguard-disable func.denied */ ORDER BY 1",
                          false, NULL);
    assert_false(sg_verdict_allowed(v));
    assert_int_equal(severity_of(v, "func.denied"), SG_SEVERITY_ERROR);
    assert_int_equal(severity_of(v, "scope.table-not-declared"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
}

static void test_policy__load_file(void **state)
{
    (void)state;
    sg_policy *p = (sg_policy *)1;
    sg_error err;
    assert_int_equal(sg_policy_load_file("/nonexistent/policy.json", &p, &err), SG_EIO);
    assert_null(p);
    assert_non_null(strstr(err.message, "/nonexistent/policy.json"));
    char path[] = "/tmp/sqlguard-policy-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\"rules\":{\"no.rule\":\"off\"}}", f);
    fclose(f);
    assert_int_equal(sg_policy_load_file(path, &p, &err), SG_EPOLICY);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "unknown rule \"no.rule\""));
    remove(path);
    sg_policy_free(NULL);
}

static void test_policy__limits_load_errors_name_the_limit(void **state)
{
    (void)state;
    load_fails("{\"limits\":[]}", "limits must be an object");
    load_fails("{\"limits\":{\"max_sql\":10}}", "unknown limit \"max_sql\"");
    load_fails("{\"limits\":{\"max_sql_bytes\":\"10\"}}",
               "limits.max_sql_bytes must be an integer");
    load_fails("{\"limits\":{\"max_sql_bytes\":0}}", "limits.max_sql_bytes must be an integer");
    load_fails("{\"limits\":{\"max_sql_bytes\":1.5}}", "limits.max_sql_bytes must be an integer");
    load_fails("{\"limits\":{\"max_parameters\":65536}}", "from 1 to 65535");
    load_fails("{\"limits\":{\"max_ast_depth\":1001}}", "from 1 to 1000");
    load_fails("{\"limits\":{\"max_rows\":1,\"max_rows\":2}}", "limits has key \"max_rows\" twice");
    sg_policy_free(load_ok("{\"limits\":{\"max_parameters\":65535,\"max_ast_depth\":1000,"
                           "\"max_catalog_tables\":1}}"));
}

/* An operation reading account with `sql` and limits.max_rows = `rows`. */
static sg_verdict *check_rows(const char *sql, long long rows, const sg_check_options *opts)
{
    char op[1024];
    snprintf(op, sizeof op,
             "{\"operation\":\"select\",\"sql\":\"%s\",\"parameters\":{},"
             "\"scope\":{\"data_source_uid\":\"" DS "\",\"tables\":["
             "{\"meta_table_uid\":\"" ACCOUNT "\",\"alias\":\"a\",\"access\":\"read\"}]},"
             "\"limits\":{\"max_rows\":%lld,\"statement_timeout_ms\":1000}}",
             sql, rows);
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(catalog, op, strlen(op), opts, &v), SG_OK);
    return v;
}

static bool has_message(const sg_verdict *v, const char *rule, const char *needle)
{
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        if (strcmp(d->rule, rule) == 0 && strstr(d->message, needle))
            return true;
    }
    return false;
}

/* check_rows() under `opts` with the policy `policy_json` (NULL: opts.policy as given);
 * the policy is freed before the verdict comes back (a verdict does not need it). */
static sg_verdict *check_under(const char *policy_json, const char *sql, long long rows,
                               sg_check_options opts)
{
    sg_policy *p = policy_json ? load_ok(policy_json) : NULL;
    if (p)
        opts.policy = p;
    sg_verdict *v = check_rows(sql, rows, &opts);
    sg_policy_free(p);
    return v;
}

static void test_policy__limits_replace_the_check_bounds(void **state)
{
    (void)state;
    static const char sql[] = "SELECT name FROM sdk_examples_account ORDER BY uid";
    sg_check_options defaults = SG_CHECK_OPTIONS_INIT;

    /* tightened: the SQL is over a 20-byte bound */
    sg_verdict *v = check_under("{\"limits\":{\"max_sql_bytes\":20}}", sql, 10, defaults);
    assert_false(sg_verdict_allowed(v));
    assert_true(has_message(v, "op.invalid", "over the limit of 20"));
    sg_verdict_free(v);

    /* raised past the caller's own bound: the policy wins */
    sg_check_options small = defaults;
    small.max_sql_bytes = 10;
    v = check_under(NULL, sql, 10, small);
    assert_false(sg_verdict_allowed(v));
    sg_verdict_free(v);
    v = check_under("{\"limits\":{\"max_sql_bytes\":100}}", sql, 10, small);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);

    /* max_rows: 200000 is over the default bound, within a raised one */
    v = check_under(NULL, sql, 200000, defaults);
    assert_false(sg_verdict_allowed(v));
    assert_true(has_message(v, "limits.invalid", "100000"));
    sg_verdict_free(v);
    v = check_under("{\"limits\":{\"max_rows\":500000}}", sql, 200000, defaults);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    /* limits.invalid off or a warning: an operation keeps it an error (the
     * executor and a gateway run under these limits); 0 and a row count over
     * the bound stay denied, a sane one allowed */
    static const char *const weakened[] = {"{\"rules\":{\"limits.invalid\":\"off\"}}",
                                           "{\"rules\":{\"limits.invalid\":\"warning\"}}"};
    for (size_t i = 0; i < 2; i++) {
        v = check_under(weakened[i], sql, 0, defaults);
        assert_false(sg_verdict_allowed(v));
        assert_int_equal(severity_of(v, "limits.invalid"), SG_SEVERITY_ERROR);
        sg_verdict_free(v);
        v = check_under(weakened[i], sql, 200000, defaults);
        assert_false(sg_verdict_allowed(v));
        sg_verdict_free(v);
        v = check_under(weakened[i], sql, 10, defaults);
        assert_true(sg_verdict_allowed(v));
        sg_verdict_free(v);
    }

    /* parse-tree depth: a nested expression the default depth accepts */
    static const char nested[] =
        "SELECT name FROM sdk_examples_account WHERE uid = ((((((((1)))))))) + (1 + (1 + (1 + "
        "(1 + (1 + 1))))) ORDER BY uid";
    v = check_under(NULL, nested, 10, defaults);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    v = check_under("{\"limits\":{\"max_ast_depth\":4}}", nested, 10, defaults);
    assert_false(sg_verdict_allowed(v));
    assert_int_equal(severity_of(v, "sql.unsupported"), SG_SEVERITY_ERROR);
    sg_verdict_free(v);
}

static void test_policy__limits_bound_the_catalog(void **state)
{
    (void)state;
    static const char path[] = SG_SOURCE_DIR "/corpus/catalog.json";
    sg_catalog *c = NULL;
    sg_error err;
    sg_policy *p = load_ok("{\"limits\":{\"max_catalog_tables\":11}}");
    assert_int_equal(sg_catalog_load_file_policy(path, p, &c, &err), SG_OK);
    assert_int_equal(sg_catalog_table_count(c), 11);
    sg_catalog_free(c);
    sg_policy_free(p);

    p = load_ok("{\"limits\":{\"max_catalog_tables\":10}}");
    c = (sg_catalog *)1;
    assert_int_equal(sg_catalog_load_file_policy(path, p, &c, &err), SG_ETOOBIG);
    assert_null(c);
    assert_non_null(strstr(err.message, "11 meta_tables is over the limit of 10"));
    assert_non_null(strstr(err.message, "corpus/catalog.json"));
    sg_policy_free(p);

    p = load_ok("{\"limits\":{\"max_catalog_bytes\":1000}}");
    assert_int_equal(sg_catalog_load_file_policy(path, p, &c, &err), SG_ETOOBIG);
    assert_null(c);
    char *json = NULL;
    size_t len = 0;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    json = malloc(1 << 16);
    assert_non_null(json);
    len = fread(json, 1, 1 << 16, f);
    fclose(f);
    assert_true(len > 1000);
    assert_int_equal(sg_catalog_load_policy(json, len, p, &c, &err), SG_ETOOBIG);
    assert_non_null(strstr(err.message, "over the limit of 1000"));
    assert_null(c);
    sg_policy_free(p);
    assert_int_equal(sg_catalog_load_policy(json, len, NULL, &c, &err), SG_OK);
    sg_catalog_free(c);
    free(json);
}

static void test_policy__truncated_diagnostics_keep_the_errors(void **state)
{
    (void)state;
    sg_policy *p = load_ok("{\"limits\":{\"max_diagnostics\":1}}");
    /* a warning (counterparty unused) comes first, then an error: the error is kept */
    sg_verdict *v =
        check("SELECT pg_sleep(1), name FROM sdk_examples_account ORDER BY uid", true, p);
    assert_false(sg_verdict_allowed(v));
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    assert_string_equal(sg_verdict_diagnostic(v, 0)->rule, "func.denied");
    assert_int_equal(sg_verdict_diagnostic(v, 0)->severity, SG_SEVERITY_ERROR);
    char *json = NULL;
    assert_int_equal(sg_verdict_to_json(v, &json), SG_OK);
    assert_non_null(strstr(json, "\"diagnostics_truncated\":true"));
    sg_free(json);
    sg_verdict_free(v);

    /* two warnings and no error: one warning kept, still allowed */
    v = check("SELECT * FROM sdk_examples_account ORDER BY uid", true, NULL);
    assert_true(sg_verdict_allowed(v));
    assert_int_equal(sg_verdict_diagnostic_count(v), 2);
    sg_verdict_free(v);
    v = check("SELECT * FROM sdk_examples_account ORDER BY uid", true, p);
    assert_true(sg_verdict_allowed(v));
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    assert_int_equal(sg_verdict_diagnostic(v, 0)->severity, SG_SEVERITY_WARNING);
    assert_int_equal(sg_verdict_to_json(v, &json), SG_OK);
    assert_non_null(strstr(json, "\"diagnostics_truncated\":true"));
    sg_free(json);
    sg_verdict_free(v);
    sg_policy_free(p);

    /* a rule the policy turns off neither counts nor truncates */
    p = load_ok("{\"limits\":{\"max_diagnostics\":1},\"rules\":{\"style.select-star\":\"off\"}}");
    v = check("SELECT * FROM sdk_examples_account ORDER BY uid", true, p);
    assert_true(sg_verdict_allowed(v));
    assert_int_equal(sg_verdict_diagnostic_count(v), 1);
    assert_string_equal(sg_verdict_diagnostic(v, 0)->rule, "scope.unused-table");
    assert_int_equal(sg_verdict_to_json(v, &json), SG_OK);
    assert_null(strstr(json, "diagnostics_truncated"));
    sg_free(json);
    sg_verdict_free(v);
    sg_policy_free(p);
}

/* func.resource-bound's option max replaces its default bound of 10000000,
 * and a policy may turn the rule off or make it a warning (it is not locked). */
static void test_policy__resource_bound_max_and_off(void **state)
{
    (void)state;
    static const char small[] = "SELECT a.uid, g.n FROM sdk_examples_account a "
                                "CROSS JOIN generate_series(1, 2000) AS g(n) ORDER BY a.uid, g.n";
    static const char big[] =
        "SELECT a.uid, g.n FROM sdk_examples_account a "
        "CROSS JOIN generate_series(1, 100000000) AS g(n) ORDER BY a.uid, g.n";
    static const char at_bound[] =
        "SELECT a.uid, repeat('ab', 500) AS s FROM sdk_examples_account a "
        "ORDER BY a.uid";

    /* the default bound */
    sg_verdict *v = check(small, false, NULL);
    assert_int_equal(severity_of(v, "func.resource-bound"), 0);
    sg_verdict_free(v);
    v = check(big, false, NULL);
    assert_false(sg_verdict_allowed(v));
    assert_true(has_message(v, "func.resource-bound",
                            "generate_series(1, 100000000) makes 100000000 rows, over the bound "
                            "of 10000000 (policy option max of func.resource-bound)"));
    sg_verdict_free(v);

    /* a lower bound: 2000 rows are over 1000; 1000 characters are not */
    sg_policy *p = load_ok("{\"rules\":{\"func.resource-bound\":{\"options\":{\"max\":1000}}}}");
    v = check(small, false, p);
    assert_int_equal(severity_of(v, "func.resource-bound"), SG_SEVERITY_ERROR);
    assert_true(has_message(v, "func.resource-bound", "makes 2000 rows, over the bound of 1000"));
    sg_verdict_free(v);
    v = check(at_bound, false, p);
    assert_int_equal(severity_of(v, "func.resource-bound"), 0);
    sg_verdict_free(v);
    sg_policy_free(p);
    p = load_ok("{\"rules\":{\"func.resource-bound\":{\"options\":{\"max\":999}}}}");
    v = check(at_bound, false, p);
    assert_true(has_message(v, "func.resource-bound",
                            "repeat('ab', 500) makes a string of 1000 characters, over the bound "
                            "of 999"));
    sg_verdict_free(v);
    sg_policy_free(p);

    /* a raised bound */
    p = load_ok("{\"rules\":{\"func.resource-bound\":{\"options\":{\"max\":100000000}}}}");
    v = check(big, false, p);
    assert_int_equal(severity_of(v, "func.resource-bound"), 0);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    sg_policy_free(p);

    /* off, and a warning */
    p = load_ok("{\"rules\":{\"func.resource-bound\":\"off\"}}");
    v = check(big, false, p);
    assert_int_equal(severity_of(v, "func.resource-bound"), 0);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    sg_policy_free(p);
    p = load_ok("{\"rules\":{\"func.resource-bound\":\"warning\"}}");
    v = check(big, false, p);
    assert_int_equal(severity_of(v, "func.resource-bound"), SG_SEVERITY_WARNING);
    assert_true(sg_verdict_allowed(v));
    sg_verdict_free(v);
    sg_policy_free(p);

    /* max is an integer > 0 */
    load_fails("{\"rules\":{\"func.resource-bound\":{\"options\":{\"max\":0}}}}", "max");
    load_fails("{\"rules\":{\"func.resource-bound\":{\"options\":{\"max\":\"big\"}}}}", "max");
}

/* Each rule's options stay its own, named by their index in its descriptor;
 * unset ones answer "not set", whatever other rules set. */
static void test_policy__rule_lookups_by_descriptor(void **state)
{
    (void)state;
    const sg__rule *func = sg__rule_find("func.denied");
    const sg__rule *naming = sg__rule_find("naming.table-prefix");
    const sg__rule *bounds = sg__rule_find("limits.bounds");
    const sg__rule *star = sg__rule_find("style.select-star");
    assert_true(func && naming && bounds && star);
    sg_policy *p =
        load_ok("{\"rules\":{\"func.denied\":{\"options\":{\"deny\":[\"^app\\\\.admin_\"],"
                "\"mode\":\"deny-only\"}},"
                "\"naming.table-prefix\":{\"options\":{\"prefix\":[\"^sdk_\",\"^app_\"]}},"
                "\"limits.bounds\":{\"options\":{\"statement_timeout_ms\":500}},"
                "\"style.select-star\":\"off\"}}");

    assert_int_equal(sg__policy_pattern_count(p, func, option_at(func, "allow")), 0);
    assert_int_equal(sg__policy_pattern_count(p, func, option_at(func, "deny")), 1);
    assert_int_equal(sg__policy_pattern_count(p, naming, option_at(naming, "prefix")), 2);
    assert_int_equal(sg__policy_match(p, func, option_at(func, "deny"), "app.admin_x", 0), 1);
    assert_int_equal(sg__policy_match(p, func, option_at(func, "allow"), "app.admin_x", 0), 0);
    assert_int_equal(sg__policy_match(p, naming, option_at(naming, "prefix"), "app.admin_x", 0), 0);
    assert_int_equal(sg__policy_match(p, naming, option_at(naming, "prefix"), "app_x", 0), 1);
    assert_string_equal(sg__policy_choice(p, func, option_at(func, "mode")), "deny-only");

    long long value = 0;
    assert_int_equal(sg__policy_integer(p, bounds, option_at(bounds, "max_rows"), &value), 0);
    assert_int_equal(
        sg__policy_integer(p, bounds, option_at(bounds, "statement_timeout_ms"), &value), 1);
    assert_int_equal(value, 500);
    /* an index past the rule's options, a rule without options, no policy */
    assert_int_equal(sg__policy_pattern_count(p, naming, 1), 0);
    assert_int_equal(sg__policy_pattern_count(p, star, 0), 0);
    assert_int_equal(sg__policy_pattern_count(NULL, naming, 0), 0);
    assert_null(sg__policy_choice(NULL, func, option_at(func, "mode")));

    assert_int_equal(sg__policy_severity(p, star), 0);
    assert_int_equal(sg__policy_severity(p, func), SG_SEVERITY_ERROR);
    assert_int_equal(sg__policy_severity(NULL, star), SG_SEVERITY_WARNING);
    sg_policy_free(p);
}

/* The severities worked out at load agree with the policy, the profiles
 * and the defaults, for every rule and profile, with and without a policy. */
static void test_policy__severity_table_agrees_with_the_rules(void **state)
{
    (void)state;
    const sg__rule *star = sg__rule_find("style.select-star");
    const sg__rule *where = sg__rule_find("dml.missing-where");
    const sg__rule *unused = sg__rule_find("params.unused");
    const sg__rule *syntax = sg__rule_find("sql.syntax");
    assert_true(star && where && unused && syntax);
    sg_policy *p = load_ok("{\"rules\":{\"style.select-star\":\"off\","
                           "\"dml.missing-where\":{\"severity\":\"error\"},"
                           "\"params.unused\":\"warning\"}}");
    const int profiles[] = {SG_LINT_PROFILE_DEFAULT, SG_LINT_PROFILE_REPOSITORY,
                            SG_LINT_PROFILE_STRICT};
    const sg_policy *policies[] = {NULL, p};
    for (size_t k = 0; k < 2; k++)
        for (size_t n = 0; n < 3; n++) {
            const signed char *table = sg__policy_severities(policies[k], profiles[n]);
            assert_non_null(table);
            for (size_t i = 0; i < sg__rule_total; i++) {
                assert_int_equal(sg__rule_index(sg__rule_table[i]), i);
                assert_int_equal(
                    table[i], sg__policy_severity_in(policies[k], profiles[n], sg__rule_table[i]));
            }
        }
    const signed char *checks = sg__policy_severities(p, SG_LINT_PROFILE_DEFAULT);
    const signed char *repo = sg__policy_severities(p, SG_LINT_PROFILE_REPOSITORY);
    const signed char *plain = sg__policy_severities(NULL, SG_LINT_PROFILE_REPOSITORY);
    assert_int_equal(checks[sg__rule_index(star)], 0);
    assert_int_equal(checks[sg__rule_index(where)], SG_SEVERITY_ERROR);
    assert_int_equal(checks[sg__rule_index(syntax)], SG_SEVERITY_ERROR);
    /* what the policy sets wins over the repository profile's "off" */
    assert_int_equal(repo[sg__rule_index(unused)], SG_SEVERITY_WARNING);
    assert_int_equal(plain[sg__rule_index(unused)], 0);
    assert_null(sg__policy_severities(p, 7));
    assert_null(sg__policy_severities(NULL, -1));
    sg_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy__empty_policy_changes_nothing),
        cmocka_unit_test(test_policy__severity_table_agrees_with_the_rules),
        cmocka_unit_test(test_policy__rule_off_and_severity_change),
        cmocka_unit_test(test_policy__locked_rules_cannot_be_weakened),
        cmocka_unit_test(test_policy__load_errors_name_the_key),
        cmocka_unit_test(test_policy__bad_pattern_reports_pcre2_message_and_offset),
        cmocka_unit_test(test_policy__function_allow_and_deny_patterns),
        cmocka_unit_test(test_policy__type_allow_patterns),
        cmocka_unit_test(test_policy__allow_patterns_matching_everything),
        cmocka_unit_test(test_policy__deny_only_mode),
        cmocka_unit_test(test_policy__lint_profile),
        cmocka_unit_test(test_policy__lint_section_load_errors),
        cmocka_unit_test(test_policy__undecided_pattern_fails_closed),
        cmocka_unit_test(test_policy__comment_cannot_switch_a_rule_off_in_check),
        cmocka_unit_test(test_policy__load_file),
        cmocka_unit_test(test_policy__limits_load_errors_name_the_limit),
        cmocka_unit_test(test_policy__limits_replace_the_check_bounds),
        cmocka_unit_test(test_policy__limits_bound_the_catalog),
        cmocka_unit_test(test_policy__truncated_diagnostics_keep_the_errors),
        cmocka_unit_test(test_policy__rule_lookups_by_descriptor),
        cmocka_unit_test(test_policy__resource_bound_max_and_off),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
