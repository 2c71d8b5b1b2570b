/*
 * test_funclist.c - the default function allow-list: its shape (sorted,
 * unique, lower case, so bsearch is valid), a few known entries and flags,
 * exact matching, and the absence of every dangerous family.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "funclist.h"

#define SG_FN_ALL_FLAGS (SG_FN_AGGREGATE | SG_FN_SETOF | SG_FN_WINDOW)

static void test_funclist__not_empty(void **state)
{
    (void)state;
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    assert_non_null(list);
    assert_true(n > 100);
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

static void test_funclist__names_lower_case(void **state)
{
    (void)state;
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 0; i < n; i++) {
        const char *name = list[i].name;
        assert_non_null(name);
        assert_true(name[0] != '\0');
        if (!(name[0] >= 'a' && name[0] <= 'z'))
            fail_msg("\"%s\" does not start with a lower-case letter", name);
        for (const char *p = name; *p != '\0'; p++) {
            int ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
            if (!ok)
                fail_msg("\"%s\" has a character outside [a-z0-9_]", name);
        }
    }
}

static void test_funclist__flags_known(void **state)
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
    }
}

static void test_funclist__every_entry_found(void **state)
{
    (void)state;
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 0; i < n; i++)
        assert_ptr_equal(sg__func_lookup(list[i].name), &list[i]);
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
    assert_flags("generate_series", SG_FN_SETOF);
    assert_flags("unnest", SG_FN_SETOF);
    assert_flags("jsonb_each", SG_FN_SETOF);
    assert_flags("regexp_matches", SG_FN_SETOF);
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
    assert_ptr_equal(sg__func_lookup(list[0].name), &list[0]);
    assert_ptr_equal(sg__func_lookup(list[n - 1].name), &list[n - 1]);
}

/* Calls the grammar produces for SQL syntax reach the guard as pg_catalog calls. */
static void test_funclist__grammar_calls_allowed(void **state)
{
    (void)state;
    static const char *const names[] = {
        "extract",       "overlaps",  "timezone", "like_escape", "similar_to_escape", "btrim",
        "is_normalized", "normalize", "position", "substring",   "overlay",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_flags(names[i], SG_FN_SCALAR);
}

static void test_funclist__lookup_exact(void **state)
{
    (void)state;
    static const char *const names[] = {
        "LOWER",   "Lower",   "lower ",           " lower", "lowe",   "lowerr",
        "lower\t", "lower()", "pg_catalog.lower", "COUNT",  "count_", "",
        "a",       "zzzz",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (sg__func_lookup(names[i]) != NULL)
            fail_msg("\"%s\" should not match", names[i]);
    }
    assert_null(sg__func_lookup(NULL));
}

static void test_funclist__dangerous_absent(void **state)
{
    (void)state;
    static const char *const names[] = {
        /* File access and large objects. */
        "pg_read_file",
        "pg_read_binary_file",
        "pg_ls_dir",
        "pg_stat_file",
        "pg_ls_logdir",
        "pg_ls_waldir",
        "pg_ls_tmpdir",
        "pg_ls_archive_statusdir",
        "pg_ls_logicalmapdir",
        "pg_ls_logicalsnapdir",
        "pg_ls_replslotdir",
        "pg_file_write",
        "pg_file_rename",
        "pg_file_unlink",
        "lo_import",
        "lo_export",
        "lo_open",
        "lo_close",
        "lo_creat",
        "lo_create",
        "lo_unlink",
        "lo_get",
        "lo_put",
        "lo_from_bytea",
        "lo_truncate",
        "lo_lseek",
        "lo_tell",
        "loread",
        "lowrite",
        /* SQL from strings. */
        "query_to_xml",
        "query_to_xml_and_xmlschema",
        "query_to_xmlschema",
        "table_to_xml",
        "table_to_xml_and_xmlschema",
        "cursor_to_xml",
        "database_to_xml",
        "schema_to_xml",
        "ts_stat",
        "ts_rewrite",
        "xpath_table",
        "crosstab",
        "crosstab2",
        "connectby",
        "dblink",
        "dblink_exec",
        "dblink_open",
        "dblink_fetch",
        "dblink_send_query",
        "dblink_connect",
        /* Sleeps. */
        "pg_sleep",
        "pg_sleep_for",
        "pg_sleep_until",
        /* Advisory locks. */
        "pg_advisory_lock",
        "pg_advisory_xact_lock",
        "pg_advisory_lock_shared",
        "pg_advisory_unlock",
        "pg_advisory_unlock_all",
        "pg_try_advisory_lock",
        "pg_try_advisory_xact_lock",
        /* Settings. */
        "set_config",
        "current_setting",
        /* Backend signalling and administration. */
        "pg_cancel_backend",
        "pg_terminate_backend",
        "pg_reload_conf",
        "pg_rotate_logfile",
        "pg_promote",
        "pg_switch_wal",
        "pg_create_restore_point",
        "pg_start_backup",
        "pg_backup_start",
        "pg_stop_backup",
        "pg_backup_stop",
        "pg_create_physical_replication_slot",
        "pg_create_logical_replication_slot",
        "pg_drop_replication_slot",
        "pg_replication_origin_create",
        "pg_replication_slot_advance",
        "pg_import_system_collations",
        /* Sequences. */
        "nextval",
        "setval",
        "currval",
        "lastval",
        /* Statistics resets, logical messages, notifications, transactions. */
        "pg_stat_reset",
        "pg_stat_reset_shared",
        "pg_stat_reset_single_table_counters",
        "pg_logical_emit_message",
        "pg_notify",
        "txid_current",
        "txid_current_if_assigned",
        "pg_current_xact_id",
        /* Catalog helpers that resolve names or OIDs. */
        "pg_get_viewdef",
        "pg_get_functiondef",
        "pg_get_indexdef",
        "pg_relation_size",
        "pg_table_size",
        "pg_total_relation_size",
        "pg_indexes_size",
        "has_table_privilege",
        "has_column_privilege",
        "has_function_privilege",
        "to_regclass",
        "to_regproc",
        "to_regtype",
        "obj_description",
        "col_description",
        "pg_typeof",
        /* Server and session information. */
        "version",
        "current_database",
        "current_schema",
        "current_schemas",
        "inet_server_addr",
        "inet_server_port",
        "pg_backend_pid",
        /* XML. */
        "xpath",
        "xpath_exists",
        "xmlparse",
        "xmlagg",
        "xmlelement",
        "xml_is_well_formed",
        /* Session state, even if otherwise harmless. */
        "setseed",
    };
    size_t count = sizeof names / sizeof names[0];
    assert_true(count >= 60);
    for (size_t i = 0; i < count; i++) {
        if (sg__func_lookup(names[i]) != NULL)
            fail_msg("dangerous function \"%s\" is allowed", names[i]);
    }
}

/* Grammar constructs that are not function calls stay off the list. */
static void test_funclist__grammar_constructs_absent(void **state)
{
    (void)state;
    static const char *const names[] = {"greatest", "least", "coalesce", "nullif"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_null(sg__func_lookup(names[i]));
}

static void test_funclist__no_dangerous_prefix(void **state)
{
    (void)state;
    static const char *const prefixes[] = {
        "pg_",        "lo_",     "dblink", "xpath",   "query_to", "ts_stat",
        "set_config", "nextval", "setval", "currval", "lastval",  "txid_",
    };
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < sizeof prefixes / sizeof prefixes[0]; j++) {
            if (strncmp(list[i].name, prefixes[j], strlen(prefixes[j])) == 0)
                fail_msg("\"%s\" starts with \"%s\"", list[i].name, prefixes[j]);
        }
    }
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_funclist__not_empty),
        cmocka_unit_test(test_funclist__sorted),
        cmocka_unit_test(test_funclist__names_lower_case),
        cmocka_unit_test(test_funclist__flags_known),
        cmocka_unit_test(test_funclist__every_entry_found),
        cmocka_unit_test(test_funclist__lookup_common),
        cmocka_unit_test(test_funclist__grammar_calls_allowed),
        cmocka_unit_test(test_funclist__lookup_exact),
        cmocka_unit_test(test_funclist__dangerous_absent),
        cmocka_unit_test(test_funclist__grammar_constructs_absent),
        cmocka_unit_test(test_funclist__no_dangerous_prefix),
        cmocka_unit_test(test_funclist__tablesample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
