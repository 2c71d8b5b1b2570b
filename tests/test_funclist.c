/*
 * test_funclist.c - the classification of pg_catalog's functions: its shape
 * (sorted, unique, so bsearch is valid), a few known entries, flags and
 * classes, exact matching, every dangerous family denied with its reason, the
 * legitimate families allowed, and what func.denied makes of it in a check
 * and in lint's deny-only mode. test_proclist holds the list to the server's
 * pg_proc.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "funclist.h"
#include "sqlguard.h"

#define SG_FN_ALL_FLAGS (SG_FN_AGGREGATE | SG_FN_SETOF | SG_FN_WINDOW)

#define DS "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
#define ACCOUNT "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"

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

static void test_funclist__not_empty(void **state)
{
    (void)state;
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    assert_non_null(list);
    assert_true(n > 2000);
    /* A NULL count is tolerated. */
    assert_ptr_equal(sg__func_list(NULL), list);
}

static void test_funclist__sorted(void **state)
{
    (void)state;
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(list[i - 1].name, list[i].name) >= 0)
            fail_msg("not strictly sorted at %zu: \"%s\" then \"%s\"", i, list[i - 1].name,
                     list[i].name);
    }
}

/* Names as pg_proc spells them: identifiers, lower case but for the
 * referential integrity triggers (RI_FKey_*), which only quoting reaches. */
static void test_funclist__names_are_identifiers(void **state)
{
    (void)state;
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 0; i < n; i++) {
        const char *name = list[i].name;
        assert_non_null(name);
        assert_true(name[0] != '\0');
        bool upper = false;
        if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
            fail_msg("\"%s\" does not start with a letter", name);
        for (const char *p = name; *p != '\0'; p++) {
            upper |= *p >= 'A' && *p <= 'Z';
            int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || *p == '_';
            if (!ok)
                fail_msg("\"%s\" has a character outside [A-Za-z0-9_]", name);
        }
        if (upper && (strncmp(name, "RI_FKey_", 8) != 0 || list[i].cls != SG_FC_INTERNAL))
            fail_msg("\"%s\" has capitals and is not an internal RI_FKey_ trigger", name);
    }
}

static void test_funclist__flags_and_classes_known(void **state)
{
    (void)state;
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 0; i < n; i++) {
        unsigned flags = list[i].flags;
        if ((flags & ~(unsigned)SG_FN_ALL_FLAGS) != 0)
            fail_msg("\"%s\" has unknown flag bits 0x%x", list[i].name, flags);
        /* No built-in aggregate or window function returns a set. */
        if ((flags & SG_FN_SETOF) && (flags & (SG_FN_AGGREGATE | SG_FN_WINDOW)))
            fail_msg("\"%s\" is both set-returning and aggregate/window", list[i].name);
        if ((unsigned)list[i].cls >= SG_FC_COUNT)
            fail_msg("\"%s\" has unknown class %d", list[i].name, (int)list[i].cls);
    }
}

/* find answers every entry; lookup only the allowed ones. */
static void test_funclist__every_entry_found(void **state)
{
    (void)state;
    size_t n = 0, allowed = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(sg__func_find(list[i].name), &list[i]);
        if (list[i].cls == SG_FC_ALLOWED) {
            assert_ptr_equal(sg__func_lookup(list[i].name), &list[i]);
            allowed++;
        } else {
            assert_null(sg__func_lookup(list[i].name));
        }
    }
    /* most of pg_catalog is support routines and catalog helpers */
    assert_true(allowed > 300 && allowed < n / 4);
}

static void assert_flags(const char *name, unsigned flags)
{
    const sg__func_info *info = sg__func_lookup(name);
    if (info == NULL)
        fail_msg("\"%s\" should be allowed", name);
    assert_string_equal(info->name, name);
    if (info->flags != flags)
        fail_msg("\"%s\": flags 0x%x, expected 0x%x", name, info->flags, flags);
}

static void test_funclist__lookup_common(void **state)
{
    (void)state;
    assert_flags("count", SG_FN_AGGREGATE);
    assert_flags("sum", SG_FN_AGGREGATE);
    assert_flags("string_agg", SG_FN_AGGREGATE);
    assert_flags("percentile_cont", SG_FN_AGGREGATE);
    assert_flags("regr_slope", SG_FN_AGGREGATE);
    assert_flags("xmlagg", SG_FN_AGGREGATE);
    assert_flags("generate_series", SG_FN_SETOF);
    assert_flags("unnest", SG_FN_SETOF);
    assert_flags("jsonb_each", SG_FN_SETOF);
    assert_flags("regexp_matches", SG_FN_SETOF);
    assert_flags("json_populate_recordset", SG_FN_SETOF);
    assert_flags("row_number", SG_FN_WINDOW);
    assert_flags("lag", SG_FN_WINDOW);
    assert_flags("nth_value", SG_FN_WINDOW);
    assert_flags("rank", SG_FN_AGGREGATE | SG_FN_WINDOW);
    assert_flags("cume_dist", SG_FN_AGGREGATE | SG_FN_WINDOW);
    assert_flags("lower", SG_FN_SCALAR);
    assert_flags("abs", SG_FN_SCALAR);
    assert_flags("now", SG_FN_SCALAR);
    assert_flags("format", SG_FN_SCALAR);
    assert_flags("jsonb_build_object", SG_FN_SCALAR);
    assert_flags("to_tsvector", SG_FN_SCALAR);
    /* The first and last entries, to exercise the ends of the bsearch. */
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    assert_ptr_equal(sg__func_find(list[0].name), &list[0]);
    assert_ptr_equal(sg__func_find(list[n - 1].name), &list[n - 1]);
    /* Denied entries carry flags too. */
    const sg__func_info *info = sg__func_find("pg_ls_dir");
    assert_non_null(info);
    assert_int_equal(info->flags, SG_FN_SETOF);
}

/* Calls the grammar produces for SQL syntax reach the guard as pg_catalog calls. */
static void test_funclist__grammar_calls_allowed(void **state)
{
    (void)state;
    static const char *const names[] = {
        "extract",       "overlaps",         "timezone", "like_escape", "similar_to_escape",
        "btrim",         "normalize",        "position", "substring",   "overlay",
        "is_normalized", "pg_collation_for", /* COLLATION FOR (x) */
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_flags(names[i], SG_FN_SCALAR);
}

static void test_funclist__lookup_exact(void **state)
{
    (void)state;
    static const char *const names[] = {
        "LOWER",   "Lower",   "lower ",
        " lower",  "lowe",    "lowerr",
        "lower\t", "lower()", "pg_catalog.lower",
        "COUNT",   "count_",  "",
        "a",       "zzzz",    "ri_fkey_check_ins",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (sg__func_lookup(names[i]) != NULL || sg__func_find(names[i]) != NULL)
            fail_msg("\"%s\" should not match", names[i]);
    }
    assert_null(sg__func_lookup(NULL));
    assert_null(sg__func_find(NULL));
}

/* Each dangerous family is denied with its reason; functions of extensions
 * and of other PostgreSQL versions are no pg_catalog function of 15 at all. */
static void test_funclist__dangerous_denied(void **state)
{
    (void)state;
    enum { ABSENT = -1 };
    static const struct {
        const char *name;
        int cls;
    } cases[] = {
        /* Files and large objects. */
        {"pg_read_file", SG_FC_ADMIN},
        {"pg_read_binary_file", SG_FC_ADMIN},
        {"pg_ls_dir", SG_FC_ADMIN},
        {"pg_stat_file", SG_FC_ADMIN},
        {"pg_ls_logdir", SG_FC_ADMIN},
        {"pg_ls_waldir", SG_FC_ADMIN},
        {"pg_ls_tmpdir", SG_FC_ADMIN},
        {"pg_ls_archive_statusdir", SG_FC_ADMIN},
        {"pg_ls_logicalmapdir", SG_FC_ADMIN},
        {"pg_ls_logicalsnapdir", SG_FC_ADMIN},
        {"pg_ls_replslotdir", SG_FC_ADMIN},
        {"pg_file_write", ABSENT}, /* adminpack */
        {"pg_file_rename", ABSENT},
        {"pg_file_unlink", ABSENT},
        {"lo_import", SG_FC_SIDE_EFFECT},
        {"lo_export", SG_FC_SIDE_EFFECT},
        {"lo_open", SG_FC_SIDE_EFFECT},
        {"lo_close", SG_FC_SIDE_EFFECT},
        {"lo_creat", SG_FC_SIDE_EFFECT},
        {"lo_create", SG_FC_SIDE_EFFECT},
        {"lo_unlink", SG_FC_SIDE_EFFECT},
        {"lo_get", SG_FC_OUTSIDE_SCOPE},
        {"lo_put", SG_FC_SIDE_EFFECT},
        {"lo_from_bytea", SG_FC_SIDE_EFFECT},
        {"lo_truncate", SG_FC_SIDE_EFFECT},
        {"lo_lseek", SG_FC_SIDE_EFFECT},
        {"lo_tell", SG_FC_SIDE_EFFECT},
        {"loread", SG_FC_OUTSIDE_SCOPE},
        {"lowrite", SG_FC_SIDE_EFFECT},
        /* SQL from strings and whole tables. */
        {"query_to_xml", SG_FC_RUNS_QUERY},
        {"query_to_xml_and_xmlschema", SG_FC_RUNS_QUERY},
        {"query_to_xmlschema", SG_FC_RUNS_QUERY},
        {"cursor_to_xml", SG_FC_RUNS_QUERY},
        {"ts_stat", SG_FC_RUNS_QUERY},
        {"ts_rewrite", SG_FC_RUNS_QUERY},
        {"table_to_xml", SG_FC_OUTSIDE_SCOPE},
        {"table_to_xml_and_xmlschema", SG_FC_OUTSIDE_SCOPE},
        {"database_to_xml", SG_FC_OUTSIDE_SCOPE},
        {"schema_to_xml", SG_FC_OUTSIDE_SCOPE},
        {"xpath_table", ABSENT}, /* xml2 */
        {"crosstab", ABSENT},    /* tablefunc */
        {"crosstab2", ABSENT},
        {"connectby", ABSENT},
        {"dblink", ABSENT}, /* dblink */
        {"dblink_exec", ABSENT},
        {"dblink_open", ABSENT},
        {"dblink_fetch", ABSENT},
        {"dblink_send_query", ABSENT},
        {"dblink_connect", ABSENT},
        /* Sleeps. */
        {"pg_sleep", SG_FC_RESOURCE_HOG},
        {"pg_sleep_for", SG_FC_RESOURCE_HOG},
        {"pg_sleep_until", SG_FC_RESOURCE_HOG},
        /* Advisory locks. */
        {"pg_advisory_lock", SG_FC_SIDE_EFFECT},
        {"pg_advisory_xact_lock", SG_FC_SIDE_EFFECT},
        {"pg_advisory_lock_shared", SG_FC_SIDE_EFFECT},
        {"pg_advisory_unlock", SG_FC_SIDE_EFFECT},
        {"pg_advisory_unlock_all", SG_FC_SIDE_EFFECT},
        {"pg_try_advisory_lock", SG_FC_SIDE_EFFECT},
        {"pg_try_advisory_xact_lock", SG_FC_SIDE_EFFECT},
        /* Settings. */
        {"set_config", SG_FC_STATE},
        {"current_setting", SG_FC_STATE},
        {"pg_show_all_settings", SG_FC_STATE},
        /* Backend signalling and administration. */
        {"pg_cancel_backend", SG_FC_ADMIN},
        {"pg_terminate_backend", SG_FC_ADMIN},
        {"pg_reload_conf", SG_FC_ADMIN},
        {"pg_rotate_logfile", SG_FC_ADMIN},
        {"pg_promote", SG_FC_ADMIN},
        {"pg_switch_wal", SG_FC_ADMIN},
        {"pg_create_restore_point", SG_FC_ADMIN},
        {"pg_start_backup", ABSENT}, /* renamed pg_backup_start in 15 */
        {"pg_backup_start", SG_FC_ADMIN},
        {"pg_stop_backup", ABSENT},
        {"pg_backup_stop", SG_FC_ADMIN},
        {"pg_create_physical_replication_slot", SG_FC_ADMIN},
        {"pg_create_logical_replication_slot", SG_FC_ADMIN},
        {"pg_drop_replication_slot", SG_FC_ADMIN},
        {"pg_replication_origin_create", SG_FC_ADMIN},
        {"pg_replication_slot_advance", SG_FC_ADMIN},
        {"pg_import_system_collations", SG_FC_ADMIN},
        {"pg_hba_file_rules", SG_FC_ADMIN},
        {"binary_upgrade_set_next_pg_type_oid", SG_FC_ADMIN},
        /* Sequences. */
        {"nextval", SG_FC_SIDE_EFFECT},
        {"setval", SG_FC_SIDE_EFFECT},
        {"currval", SG_FC_OUTSIDE_SCOPE},
        {"lastval", SG_FC_STATE},
        /* Statistics resets, logical messages, notifications, transactions. */
        {"pg_stat_reset", SG_FC_ADMIN},
        {"pg_stat_reset_shared", SG_FC_ADMIN},
        {"pg_stat_reset_single_table_counters", SG_FC_ADMIN},
        {"pg_logical_emit_message", SG_FC_SIDE_EFFECT},
        {"pg_notify", SG_FC_SIDE_EFFECT},
        {"txid_current", SG_FC_SIDE_EFFECT},
        {"pg_current_xact_id", SG_FC_SIDE_EFFECT},
        {"txid_current_if_assigned", SG_FC_STATE},
        {"pg_current_snapshot", SG_FC_STATE},
        {"pg_xact_status", SG_FC_STATE},
        /* Catalog helpers that resolve names or OIDs, sizes, statistics. */
        {"pg_get_viewdef", SG_FC_OUTSIDE_SCOPE},
        {"pg_get_functiondef", SG_FC_OUTSIDE_SCOPE},
        {"pg_get_indexdef", SG_FC_OUTSIDE_SCOPE},
        {"pg_relation_size", SG_FC_OUTSIDE_SCOPE},
        {"pg_table_size", SG_FC_OUTSIDE_SCOPE},
        {"pg_total_relation_size", SG_FC_OUTSIDE_SCOPE},
        {"pg_indexes_size", SG_FC_OUTSIDE_SCOPE},
        {"pg_database_size", SG_FC_OUTSIDE_SCOPE},
        {"has_table_privilege", SG_FC_OUTSIDE_SCOPE},
        {"has_column_privilege", SG_FC_OUTSIDE_SCOPE},
        {"has_function_privilege", SG_FC_OUTSIDE_SCOPE},
        {"pg_has_role", SG_FC_OUTSIDE_SCOPE},
        {"to_regclass", SG_FC_OUTSIDE_SCOPE},
        {"to_regproc", SG_FC_OUTSIDE_SCOPE},
        {"to_regtype", SG_FC_OUTSIDE_SCOPE},
        {"regclass", SG_FC_OUTSIDE_SCOPE},
        {"obj_description", SG_FC_OUTSIDE_SCOPE},
        {"col_description", SG_FC_OUTSIDE_SCOPE},
        {"format_type", SG_FC_OUTSIDE_SCOPE},
        {"pg_table_is_visible", SG_FC_OUTSIDE_SCOPE},
        {"pg_stat_get_live_tuples", SG_FC_OUTSIDE_SCOPE},
        /* Server and session information. */
        {"version", SG_FC_STATE},
        {"current_database", SG_FC_STATE},
        {"current_schema", SG_FC_STATE},
        {"current_schemas", SG_FC_STATE},
        {"current_query", SG_FC_STATE},
        {"inet_server_addr", SG_FC_STATE},
        {"inet_client_addr", SG_FC_STATE},
        {"pg_backend_pid", SG_FC_STATE},
        {"pg_stat_get_activity", SG_FC_STATE},
        {"pg_postmaster_start_time", SG_FC_STATE},
        {"setseed", SG_FC_STATE}, /* the session's seed, even if otherwise harmless */
        /* Support routines. */
        {"int4in", SG_FC_INTERNAL},
        {"record_in", SG_FC_INTERNAL},
        {"domain_in", SG_FC_INTERNAL},
        {"int4pl", SG_FC_INTERNAL},
        {"texteq", SG_FC_INTERNAL},
        {"eqsel", SG_FC_INTERNAL},
        {"array_agg_transfn", SG_FC_INTERNAL},
        {"bthandler", SG_FC_INTERNAL},
        {"gist_box_consistent", SG_FC_INTERNAL},
        {"int4range_canonical", SG_FC_INTERNAL},
        {"tsvector_update_trigger", SG_FC_INTERNAL},
        {"RI_FKey_check_ins", SG_FC_INTERNAL},
        {"pg_event_trigger_ddl_commands", SG_FC_INTERNAL},
        {"utf8_to_win", SG_FC_INTERNAL},
    };
    size_t count = sizeof cases / sizeof cases[0];
    assert_true(count >= 100);
    for (size_t i = 0; i < count; i++) {
        const char *name = cases[i].name;
        if (sg__func_lookup(name) != NULL)
            fail_msg("dangerous function \"%s\" is allowed", name);
        const sg__func_info *info = sg__func_find(name);
        if (cases[i].cls == ABSENT && info)
            fail_msg("\"%s\" is no pg_catalog function of PostgreSQL 15, yet listed", name);
        if (cases[i].cls != ABSENT && !info)
            fail_msg("\"%s\" is a pg_catalog function, yet not listed", name);
        if (info && (int)info->cls != cases[i].cls)
            fail_msg("\"%s\" is denied as %s, expected %s", name, sg__func_class_name(info->cls),
                     sg__func_class_name((sg__func_class)cases[i].cls));
    }
}

/* The families a read-only statement legitimately uses, which no reason denies. */
static void test_funclist__legitimate_families_allowed(void **state)
{
    (void)state;
    static const char *const names[] = {
        /* json/jsonb records */
        "json_populate_record", "json_populate_recordset", "jsonb_populate_record",
        "jsonb_populate_recordset", "json_to_record", "json_to_recordset", "jsonb_to_record",
        "jsonb_to_recordset", "jsonb_path_query_tz",
        /* XML values built, not parsed */
        "xmlagg", "xmlcomment",
        /* text search */
        "jsonb_to_tsvector", "json_to_tsvector", "ts_delete", "ts_filter", "tsvector_to_array",
        "array_to_tsvector", "tsquery_phrase", "ts_lexize",
        /* facts about a value, sizes */
        "pg_typeof", "pg_collation_for", "pg_column_size", "pg_size_pretty", "pg_size_bytes",
        /* ranges and multiranges */
        "int4multirange", "int8multirange", "nummultirange", "datemultirange", "tsmultirange",
        "tstzmultirange", "multirange", "range_merge",
        /* geometry */
        "point", "box", "circle", "lseg", "line", "path", "polygon", "area", "center", "diameter",
        "npoints",
        /* conversions named after their type */
        "int2", "int4", "int8", "float4", "float8", "numeric", "text", "varchar", "bpchar", "name",
        "bool", "date", "time", "timestamp", "timestamptz", "interval", "money", "cidr",
        /* enums of the argument's own type */
        "enum_range", "enum_first", "enum_last"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const sg__func_info *info = sg__func_find(names[i]);
        if (!info)
            fail_msg("\"%s\" is not listed", names[i]);
        if (info->cls != SG_FC_ALLOWED)
            fail_msg("\"%s\" is denied as %s", names[i], sg__func_class_name(info->cls));
    }
    /* XML constructors and COALESCE-like forms are grammar, not functions */
    static const char *const grammar[] = {"xmlelement", "xmlforest", "xmlparse", "xmlconcat",
                                          "greatest",   "least",     "coalesce", "nullif"};
    for (size_t i = 0; i < sizeof grammar / sizeof grammar[0]; i++)
        assert_null(sg__func_find(grammar[i]));
}

/* What parses XML or runs XPath works in libxml2, which PostgreSQL cannot
 * interrupt: every such name is denied as uninterruptible. */
static void test_funclist__xml_parsing_uninterruptible(void **state)
{
    (void)state;
    static const char *const names[] = {"xml",
                                        "xml_is_well_formed",
                                        "xml_is_well_formed_content",
                                        "xml_is_well_formed_document",
                                        "xmlexists",
                                        "xmlvalidate",
                                        "xpath",
                                        "xpath_exists"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const sg__func_info *info = sg__func_find(names[i]);
        assert_non_null(info);
        if (info->cls != SG_FC_UNINTERRUPTIBLE)
            fail_msg("\"%s\" is %s", names[i], sg__func_class_name(info->cls));
    }
}

/* Allowed names never start like a dangerous family, but for the few pg_
 * functions that only describe a value, the grammar or a size. */
static void test_funclist__no_dangerous_prefix(void **state)
{
    (void)state;
    static const char *const prefixes[] = {
        "pg_",    "lo_",     "dblink",  "query_to", "ts_stat", "set_config",     "nextval",
        "setval", "currval", "lastval", "txid_",    "has_",    "binary_upgrade", "to_reg",
    };
    static const char *const exceptions[] = {
        "pg_char_to_encoding",    "pg_collation_for",    "pg_column_compression", "pg_column_size",
        "pg_encoding_max_length", "pg_encoding_to_char", "pg_get_keywords",       "pg_lsn",
        "pg_options_to_table",    "pg_size_bytes",       "pg_size_pretty",        "pg_typeof",
        "pg_wal_lsn_diff",
    };
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 0; i < n; i++) {
        if (list[i].cls != SG_FC_ALLOWED)
            continue;
        bool excepted = false;
        for (size_t k = 0; k < sizeof exceptions / sizeof exceptions[0]; k++)
            excepted |= strcmp(list[i].name, exceptions[k]) == 0;
        for (size_t j = 0; !excepted && j < sizeof prefixes / sizeof prefixes[0]; j++) {
            if (strncmp(list[i].name, prefixes[j], strlen(prefixes[j])) == 0)
                fail_msg("\"%s\" starts with \"%s\"", list[i].name, prefixes[j]);
        }
    }
}

/* Each class has a short name for tools and a reason for messages. */
static void test_funclist__class_names_and_reasons(void **state)
{
    (void)state;
    static const struct {
        sg__func_class cls;
        const char *name, *reason;
    } classes[] = {
        {SG_FC_ALLOWED, "allowed", "allowed"},
        {SG_FC_SIDE_EFFECT, "side-effect", "side effect ("},
        {SG_FC_OUTSIDE_SCOPE, "outside-scope", "reads outside the scope ("},
        {SG_FC_RUNS_QUERY, "runs-query", "runs query text ("},
        {SG_FC_STATE, "state", "server or session state ("},
        {SG_FC_RESOURCE_HOG, "resource-hog", "resource hog ("},
        {SG_FC_ADMIN, "administration", "administration ("},
        {SG_FC_INTERNAL, "internal", "internal ("},
        {SG_FC_UNINTERRUPTIBLE, "uninterruptible", "uninterruptible ("},
    };
    assert_int_equal(sizeof classes / sizeof classes[0], SG_FC_COUNT);
    for (size_t i = 0; i < SG_FC_COUNT; i++) {
        assert_string_equal(sg__func_class_name(classes[i].cls), classes[i].name);
        const char *reason = sg__func_class_reason(classes[i].cls);
        if (strncmp(reason, classes[i].reason, strlen(classes[i].reason)) != 0)
            fail_msg("the reason of %s is \"%s\"", classes[i].name, reason);
    }
    assert_string_equal(sg__func_class_name(SG_FC_COUNT), "unknown");
    assert_string_equal(sg__func_class_reason((sg__func_class)-1), "unknown");
}

static void test_funclist__tablesample(void **state)
{
    (void)state;
    assert_true(sg__tablesample_method_allowed("system"));
    assert_true(sg__tablesample_method_allowed("bernoulli"));
    assert_false(sg__tablesample_method_allowed("system_rows"));
    assert_false(sg__tablesample_method_allowed("system_time"));
    assert_false(sg__tablesample_method_allowed("evil"));
    assert_false(sg__tablesample_method_allowed("SYSTEM"));
    assert_false(sg__tablesample_method_allowed("system "));
    assert_false(sg__tablesample_method_allowed(""));
    assert_false(sg__tablesample_method_allowed(NULL));
}

static sg_policy *policy(const char *json)
{
    sg_policy *p = NULL;
    sg_error err;
    if (sg_policy_load(json, strlen(json), &p, &err) != SG_OK)
        fail_msg("policy did not load: %s", err.message);
    return p;
}

/* Checks `sql` reading the account table under `p` (NULL: no policy). */
static sg_verdict *check(const char *sql, const sg_policy *p)
{
    char op[2048];
    snprintf(op, sizeof op,
             "{\"operation\":\"select\",\"sql\":\"%s\",\"parameters\":{},"
             "\"scope\":{\"data_source_uid\":\"" DS "\",\"tables\":["
             "{\"meta_table_uid\":\"" ACCOUNT "\",\"alias\":\"a\",\"access\":\"read\"}]},"
             "\"limits\":{\"max_rows\":10,\"statement_timeout_ms\":1000}}",
             sql);
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = p;
    sg_verdict *v = NULL;
    assert_int_equal(sg_check(catalog, op, strlen(op), &opts, &v), SG_OK);
    return v;
}

static sg_verdict *lint(const char *sql, const sg_policy *p)
{
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.policy = p;
    sg_verdict *v = NULL;
    assert_int_equal(sg_lint_sql(catalog, sql, strlen(sql), &lo, &v), SG_OK);
    return v;
}

/* The func.denied messages of v, joined by newlines into buf. */
static const char *func_denied(const sg_verdict *v, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        if (strcmp(d->rule, "func.denied") == 0)
            snprintf(buf + strlen(buf), size - strlen(buf), "%s\n", d->message);
    }
    return buf;
}

static void expect_message(const char *messages, const char *needle)
{
    if (!strstr(messages, needle))
        fail_msg("no func.denied message holds \"%s\" in:\n%s", needle, messages);
}

/* A denied built-in's message names its reason; a name pg_catalog lacks says so. */
static void test_funclist__messages_name_the_reason(void **state)
{
    (void)state;
    char buf[4096];
    sg_verdict *v = check("SELECT pg_sleep(1), pg_catalog.pg_read_file('x'), lo_import('/x'), "
                          "current_setting('x'), query_to_xml('x', true, true, ''), "
                          "pg_relation_size('x'), int4in('1'), similarity(name, 'x'), "
                          "app.score(name) FROM sdk_examples_account ORDER BY 1",
                          NULL);
    assert_false(sg_verdict_allowed(v));
    const char *m = func_denied(v, buf, sizeof buf);
    expect_message(m, "function pg_sleep is denied: resource hog (");
    expect_message(m, "function pg_catalog.pg_read_file is denied: administration (");
    expect_message(m, "function lo_import is denied: side effect (");
    expect_message(m, "function current_setting is denied: server or session state (");
    expect_message(m, "function query_to_xml is denied: runs query text (");
    expect_message(m, "function pg_relation_size is denied: reads outside the scope (");
    expect_message(m, "function int4in is denied: internal (");
    expect_message(m, "function similarity is not a pg_catalog function");
    expect_message(m, "function app.score is schema-qualified outside pg_catalog");
    sg_verdict_free(v);
}

/* Lint's deny-only mode lets unknown and other schemas' functions through,
 * never a built-in classified denied; deny patterns still deny. */
static void test_funclist__deny_only_keeps_the_classification(void **state)
{
    (void)state;
    char buf[4096];
    sg_policy *p = policy("{\"rules\":{\"func.denied\":{\"options\":{"
                          "\"mode\":\"deny-only\",\"deny\":[\"^app\\\\.admin_\"]}}}}");
    static const char *const passing[] = {
        "SELECT app.score(name), similarity(name, 'x'), lower(name) FROM sdk_examples_account "
        "ORDER BY 1",
        "SELECT pg_typeof(name), jsonb_populate_record(NULL::sdk_examples_account, '{}') FROM "
        "sdk_examples_account ORDER BY 1",
    };
    for (size_t i = 0; i < sizeof passing / sizeof passing[0]; i++) {
        sg_verdict *v = lint(passing[i], p);
        if (*func_denied(v, buf, sizeof buf))
            fail_msg("%s: %s", passing[i], buf);
        sg_verdict_free(v);
    }
    static const struct {
        const char *sql, *message;
    } denied[] = {
        {"SELECT pg_sleep(1) FROM sdk_examples_account ORDER BY 1", "resource hog"},
        {"SELECT pg_read_file('x') FROM sdk_examples_account ORDER BY 1", "administration"},
        {"SELECT lo_import('/x') FROM sdk_examples_account ORDER BY 1", "side effect"},
        {"SELECT pg_reload_conf() FROM sdk_examples_account ORDER BY 1", "administration"},
        {"SELECT pg_catalog.current_setting('x') FROM sdk_examples_account ORDER BY 1",
         "server or session state"},
        {"SELECT app.admin_reset() FROM sdk_examples_account ORDER BY 1", "denied by the policy"},
    };
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        sg_verdict *v = lint(denied[i].sql, p);
        assert_false(sg_verdict_allowed(v));
        expect_message(func_denied(v, buf, sizeof buf), denied[i].message);
        sg_verdict_free(v);
    }
    sg_policy_free(p);
}

/* A policy's allow patterns win over the classification, its deny patterns
 * over everything. */
static void test_funclist__policy_precedence(void **state)
{
    (void)state;
    char buf[4096];
    sg_policy *p = policy("{\"rules\":{\"func.denied\":{\"options\":{"
                          "\"allow\":[\"^pg_sleep$\",\"^lower$\"],\"deny\":[\"^lower$\"]}}}}");
    sg_verdict *v = check("SELECT pg_sleep(0) FROM sdk_examples_account ORDER BY 1", p);
    if (*func_denied(v, buf, sizeof buf))
        fail_msg("pg_sleep allowed by the policy: %s", buf);
    sg_verdict_free(v);
    v = check("SELECT lower(name) FROM sdk_examples_account ORDER BY 1", p);
    expect_message(func_denied(v, buf, sizeof buf), "function lower is denied by the policy");
    sg_verdict_free(v);
    sg_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_funclist__not_empty),
        cmocka_unit_test(test_funclist__sorted),
        cmocka_unit_test(test_funclist__names_are_identifiers),
        cmocka_unit_test(test_funclist__flags_and_classes_known),
        cmocka_unit_test(test_funclist__every_entry_found),
        cmocka_unit_test(test_funclist__lookup_common),
        cmocka_unit_test(test_funclist__grammar_calls_allowed),
        cmocka_unit_test(test_funclist__lookup_exact),
        cmocka_unit_test(test_funclist__dangerous_denied),
        cmocka_unit_test(test_funclist__legitimate_families_allowed),
        cmocka_unit_test(test_funclist__xml_parsing_uninterruptible),
        cmocka_unit_test(test_funclist__no_dangerous_prefix),
        cmocka_unit_test(test_funclist__class_names_and_reasons),
        cmocka_unit_test(test_funclist__tablesample),
        cmocka_unit_test(test_funclist__messages_name_the_reason),
        cmocka_unit_test(test_funclist__deny_only_keeps_the_classification),
        cmocka_unit_test(test_funclist__policy_precedence),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
