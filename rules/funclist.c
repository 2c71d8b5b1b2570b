/*
 * funclist.c - every function name of PostgreSQL 15's pg_catalog, classified
 * as data: allowed, or denied with the reason (the class).
 *
 * The guard sees names, not overloads, so a name is allowed only when every
 * overload of it is side-effect-free and reads nothing but its arguments.
 * Allowing is the exception: SQL-from-string functions such as query_to_xml
 * and ts_stat carry table names inside strings the parse tree never shows,
 * catalog helpers reveal objects outside the scope, and support routines
 * called directly can misbehave on arguments the server never meant them to
 * see. A name that is not here is no function of pg_catalog (an extension's,
 * an application's, a misspelling) and is denied too, unless a policy allows
 * it.
 *
 * test_proclist compares the names and flags with the server's pg_proc, so a
 * PostgreSQL that adds, drops or renames a function fails a test instead of
 * leaving the list behind; tests/pg/funclist_draft.py prints draft entries for
 * the names the list lacks, to be classified by hand.
 */
#include "funclist.h"

#include <string.h>

#include "util/text.h"

/*
 * Sorted by name in strcmp order (the tests check it) so that the binary search in sg__func_find()
 * works; the few names with capitals (the RI_FKey_* triggers) sort first. Flags are the union over
 * a name's overloads: an aggregate (prokind 'a'), a window function ('w'), set-returning
 * (proretset).
 *
 * Classes, each the first that fits the name's most dangerous overload:
 *   SG_FC_SIDE_EFFECT    writes, advisory locks, sequences, notifications,
 *                        large objects, transaction ID assignment
 *   SG_FC_OUTSIDE_SCOPE  catalog, statistics, size, privilege and
 *                        visibility lookups of objects (pg_get_*def,
 *                        obj_description, has_*_privilege, to_reg*,
 *                        pg_relation_size, pg_stat_get_* of one object)
 *   SG_FC_RUNS_QUERY     runs SQL given as text, or fetches from a cursor
 *   SG_FC_STATE          settings, the session (its user, schema, backend,
 *                        client address, seed, cursors), the server (version,
 *                        activity, locks, encoding) and transaction visibility
 *                        (txid_*, pg_snapshot_*, pg_xact_*)
 *   SG_FC_RESOURCE_HOG   sleeps
 *   SG_FC_ADMIN          server files, configuration, logs, replication,
 *                        backup, WAL, index maintenance, statistics resets,
 *                        signals to other backends, pg_upgrade's helpers
 *   SG_FC_INTERNAL       support routines: type input/output, send/receive and
 *                        typmod functions, selectivity estimators, index and
 *                        access method support, aggregate steps, operator
 *                        implementations (int4pl, texteq), range canonical and
 *                        subtype-difference functions, trigger and event
 *                        trigger functions, planner support, encoding
 *                        conversions, procedural language handlers
 *   SG_FC_UNINTERRUPTIBLE XML parsing and XPath (xml(), xpath, xmlexists,
 *                        xml_is_well_formed*): libxml2 runs without
 *                        PostgreSQL's interrupt checks, past the timeout
 *
 * The trailing comment names an allowed entry's family:
 *   math, trig    arithmetic, rounding, numeric helpers, trigonometry
 *   string        text and bytea functions, regular expressions, hashing,
 *                 encodings
 *   bits          bit and byte access on bit strings and bytea
 *   time          date/time construction, arithmetic and current time
 *   format        to_char, the to_* parsing functions, sizes and money
 *   cast          conversions named after their target type (int4, text, ...)
 *   cond          null counting
 *   info          facts about a value (its type, collation, size) or the
 *                 SQL grammar
 *   json          json/jsonb construction, access, records and jsonpath
 *   xml           XML values: parsing, XPath, comments
 *   array         array functions and the set-returning array helpers
 *   range         range and multirange constructors and predicates
 *   enum          the labels of an enum value's own type
 *   geo           geometric constructors and measures
 *   net           inet/cidr/macaddr helpers
 *   tsearch       text search functions that take no table or query text
 *   uuid          random UUIDs
 *   agg, stats    ordinary aggregates
 *   ordset        ordered-set aggregates
 *   rank          hypothetical-set aggregates that are also window functions
 *   window        window-only functions
 * Some entries exist because the grammar rewrites syntax into function calls
 * (EXTRACT, OVERLAPS, AT TIME ZONE, LIKE ... ESCAPE, SIMILAR TO, IS NORMALIZED,
 * TRIM, POSITION, SUBSTRING, OVERLAY, COLLATION FOR), which reach the guard as
 * calls to pg_catalog functions. A comment above an entry says why when its
 * class is a judgement call. clang-format leaves the table alone, so that the
 * families stay in one column.
 */
/* clang-format off */
static const sg__func_info sg__funcs[] = {
    {"RI_FKey_cascade_del", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_cascade_upd", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_check_ins", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_check_upd", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_noaction_del", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_noaction_upd", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_restrict_del", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_restrict_upd", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_setdefault_del", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_setdefault_upd", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_setnull_del", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"RI_FKey_setnull_upd", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"abbrev", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* net */
    {"abs", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* math */
    /* aclcontains: implements an aclitem operator */
    {"aclcontains", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* acldefault: names roles by OID: outside the scope */
    {"acldefault", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* aclexplode: names roles by OID: outside the scope */
    {"aclexplode", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    /* aclinsert: implements a former aclitem operator */
    {"aclinsert", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"aclitemeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"aclitemin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"aclitemout", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* aclremove: implements a former aclitem operator */
    {"aclremove", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"acos", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"acosd", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* trig */
    {"acosh", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* trig */
    /* age: age(xid) also reads the current transaction ID, which tells nothing of other data */
    {"age", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* time */
    {"amvalidate", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"any_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"any_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyarray_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyarray_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyarray_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyarray_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatible_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatible_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblearray_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblearray_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblearray_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblearray_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblemultirange_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblemultirange_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblenonarray_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblenonarray_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblerange_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anycompatiblerange_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyelement_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyelement_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyenum_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyenum_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anymultirange_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anymultirange_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anynonarray_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anynonarray_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyrange_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anyrange_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"anytextcat", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"area", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* geo */
    {"areajoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"areasel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_agg", SG_FN_AGGREGATE, SG_FC_ALLOWED},                   /* agg */
    {"array_agg_array_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_agg_array_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_append", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* array */
    {"array_cat", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* array */
    {"array_dims", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* array */
    {"array_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_fill", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* array */
    {"array_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_length", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* array */
    {"array_lower", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* array */
    {"array_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_ndims", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* array */
    {"array_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_position", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* array */
    {"array_positions", SG_FN_SCALAR, SG_FC_ALLOWED},                /* array */
    {"array_prepend", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* array */
    {"array_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_remove", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* array */
    {"array_replace", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* array */
    {"array_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_subscript_handler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_to_json", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* json */
    {"array_to_string", SG_FN_SCALAR, SG_FC_ALLOWED},                /* array */
    {"array_to_tsvector", SG_FN_SCALAR, SG_FC_ALLOWED},              /* tsearch */
    {"array_typanalyze", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_unnest_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"array_upper", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* array */
    {"arraycontained", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* array */
    {"arraycontains", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* array */
    {"arraycontjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"arraycontsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"arrayoverlap", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* array */
    {"ascii", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* string */
    {"asin", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"asind", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* trig */
    {"asinh", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* trig */
    {"atan", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"atan2", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* trig */
    {"atan2d", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* trig */
    {"atand", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* trig */
    {"atanh", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* trig */
    {"avg", SG_FN_AGGREGATE, SG_FC_ALLOWED},                         /* agg */
    {"bernoulli", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"big5_to_euc_tw", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"big5_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"big5_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"binary_upgrade_create_empty_extension", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_missing_value", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_array_pg_type_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_attribute_versions", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_heap_pg_class_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_heap_relfilenode", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_index_pg_class_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_index_relfilenode", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_multirange_array_pg_type_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_multirange_pg_type_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_pg_authid_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_pg_enum_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_pg_tablespace_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_pg_type_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_toast_pg_class_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_next_toast_relfilenode", SG_FN_SCALAR, SG_FC_ADMIN},
    {"binary_upgrade_set_record_init_privs", SG_FN_SCALAR, SG_FC_ADMIN},
    {"bit", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* cast */
    {"bit_and", SG_FN_AGGREGATE, SG_FC_ALLOWED},                     /* agg */
    {"bit_count", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* bits */
    {"bit_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bit_length", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* string */
    {"bit_or", SG_FN_AGGREGATE, SG_FC_ALLOWED},                      /* agg */
    {"bit_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bit_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bit_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bit_xor", SG_FN_AGGREGATE, SG_FC_ALLOWED},                     /* agg */
    {"bitand", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitcat", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"biteq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitgt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitlt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitnot", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitor", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitshiftleft", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitshiftright", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bittypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bittypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bitxor", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bool", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"bool_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bool_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bool_alltrue", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bool_and", SG_FN_AGGREGATE, SG_FC_ALLOWED},                    /* agg */
    {"bool_anytrue", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bool_or", SG_FN_AGGREGATE, SG_FC_ALLOWED},                     /* agg */
    {"booland_statefunc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"booleq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolgt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boollt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolor_statefunc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"boolsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bound_box", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* geo */
    {"box", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* geo */
    {"box_above", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_above_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_add", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_below", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_below_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_center", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_contain", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_contain_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_contained", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_intersect", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_left", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_overabove", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_overbelow", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_overlap", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_overleft", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_overright", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_right", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_same", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"box_sub", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchar", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* cast */
    {"bpchar_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchar_pattern_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchar_pattern_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchar_pattern_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchar_pattern_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchar_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchar_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchareq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchargt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchariclike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharicnlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharicregexeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharicregexne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharlt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharnlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharregexeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharregexne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpcharsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchartypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bpchartypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_add_value", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_opcinfo", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_options", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_summary_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_summary_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_summary_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_summary_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_bloom_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* brin_desummarize_range: index maintenance */
    {"brin_desummarize_range", SG_FN_SCALAR, SG_FC_ADMIN},
    {"brin_inclusion_add_value", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_inclusion_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_inclusion_opcinfo", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_inclusion_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_add_value", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_add_value", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_float4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_float8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_inet", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_int2", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_int4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_int8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_macaddr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_macaddr8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_numeric", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_pg_lsn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_tid", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_time", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_timetz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_distance_uuid", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_opcinfo", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_options", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_summary_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_summary_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_summary_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_summary_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_multi_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_opcinfo", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"brin_minmax_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* brin_summarize_new_values: index maintenance */
    {"brin_summarize_new_values", SG_FN_SCALAR, SG_FC_ADMIN},
    /* brin_summarize_range: index maintenance */
    {"brin_summarize_range", SG_FN_SCALAR, SG_FC_ADMIN},
    {"brinhandler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"broadcast", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* net */
    {"btarraycmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btboolcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btbpchar_pattern_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btbpchar_pattern_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btcharcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btequalimage", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btfloat48cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btfloat4cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btfloat4sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btfloat84cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btfloat8cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btfloat8sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bthandler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint24cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint28cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint2cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint2sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint42cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint48cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint4cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint4sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint82cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint84cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint8cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btint8sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btnamecmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btnamesortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btnametextcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btoidcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btoidsortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btoidvectorcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btrecordcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btrecordimagecmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btrim", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* string */
    {"bttext_pattern_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bttext_pattern_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bttextcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bttextnamecmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bttextsortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bttidcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"btvarstrequalimage", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bytea_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bytea_string_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bytea_string_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteacat", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteacmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteaeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteage", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteagt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteain", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteale", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bytealike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bytealt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteane", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteanlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteaout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"bytearecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"byteasend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cardinality", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* array */
    {"cash_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_div_cash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_div_flt4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_div_flt8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_div_int2", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_div_int4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_div_int8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_mul_flt4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_mul_flt8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_mul_int2", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_mul_int4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_mul_int8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cash_words", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* format */
    {"cashlarger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cashsmaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cbrt", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* math */
    {"ceil", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* math */
    {"ceiling", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* math */
    {"center", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* geo */
    {"char", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"char_length", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* string */
    {"character_length", SG_FN_SCALAR, SG_FC_ALLOWED},               /* string */
    {"chareq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"charge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"chargt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"charin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"charle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"charlt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"charne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"charout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"charrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"charsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"chr", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* string */
    {"cideq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cidin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cidout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cidr", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"cidr_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cidr_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cidr_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cidr_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cidrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cidsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* geo */
    {"circle_above", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_add_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_below", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_center", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_contain", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_contain_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_contained", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_div_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_left", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_mul_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_overabove", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_overbelow", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_overlap", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_overleft", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_overright", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_right", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_same", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"circle_sub_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"clock_timestamp", SG_FN_SCALAR, SG_FC_ALLOWED},                /* time */
    {"close_ls", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"close_lseg", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"close_pb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"close_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"close_ps", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"close_sb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"col_description", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"concat", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"concat_ws", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* string */
    {"contjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"contsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"convert", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* string */
    {"convert_from", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* string */
    {"convert_to", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* string */
    {"corr", SG_FN_AGGREGATE, SG_FC_ALLOWED},                        /* stats */
    {"cos", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* trig */
    {"cosd", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"cosh", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"cot", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* trig */
    {"cotd", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"count", SG_FN_AGGREGATE, SG_FC_ALLOWED},                       /* agg */
    {"covar_pop", SG_FN_AGGREGATE, SG_FC_ALLOWED},                   /* stats */
    {"covar_samp", SG_FN_AGGREGATE, SG_FC_ALLOWED},                  /* stats */
    {"cstring_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cstring_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cstring_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cstring_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"cume_dist", SG_FN_AGGREGATE | SG_FN_WINDOW, SG_FC_ALLOWED},    /* rank */
    {"cume_dist_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"current_database", SG_FN_SCALAR, SG_FC_STATE},
    {"current_query", SG_FN_SCALAR, SG_FC_STATE},
    {"current_schema", SG_FN_SCALAR, SG_FC_STATE},
    {"current_schemas", SG_FN_SCALAR, SG_FC_STATE},
    {"current_setting", SG_FN_SCALAR, SG_FC_STATE},
    {"current_user", SG_FN_SCALAR, SG_FC_STATE},
    /* currtid2: reads a relation named by a string */
    {"currtid2", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* currval: a named sequence's value in this session: outside the scope */
    {"currval", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* cursor_to_xml: fetches from an open cursor */
    {"cursor_to_xml", SG_FN_SCALAR, SG_FC_RUNS_QUERY},
    /* cursor_to_xmlschema: fetches from an open cursor */
    {"cursor_to_xmlschema", SG_FN_SCALAR, SG_FC_RUNS_QUERY},
    /* database_to_xml: reads every table of the database */
    {"database_to_xml", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* database_to_xml_and_xmlschema: reads every table of the database */
    {"database_to_xml_and_xmlschema", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* database_to_xmlschema: reads every table of the database */
    {"database_to_xmlschema", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"date", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"date_bin", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* time */
    {"date_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_cmp_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_cmp_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_eq_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_eq_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_ge_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_ge_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_gt_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_gt_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_le_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_le_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_lt_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_lt_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_mi_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_mii", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_ne_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_ne_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_part", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* time */
    {"date_pl_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_pli", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"date_trunc", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* time */
    {"datemultirange", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* range */
    {"daterange", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* range */
    {"daterange_canonical", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"daterange_subdiff", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"datetime_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"datetimetz_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dcbrt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"decode", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"degrees", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* math */
    {"dense_rank", SG_FN_AGGREGATE | SG_FN_WINDOW, SG_FC_ALLOWED},   /* rank */
    {"dense_rank_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* dexp: exp() under its C name */
    {"dexp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"diagonal", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* geo */
    {"diameter", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* geo */
    {"dispell_init", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dispell_lexize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_bp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_bs", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_cpoint", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_cpoly", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_lp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_ls", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_pathp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_pb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_pc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_polyc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_polyp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_ppath", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_ppoly", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_ps", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_sb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_sl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dist_sp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"div", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* math */
    /* dlog1: ln() under its C name */
    {"dlog1", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* dlog10: log10() under its C name */
    {"dlog10", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"domain_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"domain_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dpow", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* dround: round() under its C name */
    {"dround", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dsimple_init", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dsimple_lexize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dsnowball_init", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dsnowball_lexize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dsqrt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dsynonym_init", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"dsynonym_lexize", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* dtrunc: trunc() under its C name */
    {"dtrunc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"elem_contained_by_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"elem_contained_by_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"encode", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"enum_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* enum_first: reads the labels of the argument's own enum type */
    {"enum_first", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* enum */
    {"enum_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* enum_last: reads the labels of the argument's own enum type */
    {"enum_last", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* enum */
    {"enum_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* enum_range: reads the labels of the argument's own enum type */
    {"enum_range", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* enum */
    {"enum_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"enum_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"eqjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"eqsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_cn_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_cn_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_jis_2004_to_shift_jis_2004", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_jis_2004_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_jp_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_jp_to_sjis", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_jp_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_kr_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_kr_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_tw_to_big5", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_tw_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"euc_tw_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"event_trigger_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"event_trigger_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"every", SG_FN_AGGREGATE, SG_FC_ALLOWED},                       /* agg */
    {"exp", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* math */
    {"extract", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* time */
    {"factorial", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* math */
    {"family", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* net */
    {"fdw_handler_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"fdw_handler_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"first_value", SG_FN_WINDOW, SG_FC_ALLOWED},                    /* window */
    {"float4", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* cast */
    {"float48div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float48pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4abs", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4um", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float4up", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* cast */
    {"float84div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float84pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_avg", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_combine", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_corr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_covar_pop", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_covar_samp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_avgx", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_avgy", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_combine", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_intercept", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_r2", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_slope", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_sxx", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_sxy", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_regr_syy", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_stddev_pop", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_stddev_samp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_var_pop", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8_var_samp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8abs", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8um", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"float8up", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"floor", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* math */
    {"flt4_mul_cash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"flt8_mul_cash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"fmgr_c_validator", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"fmgr_internal_validator", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"fmgr_sql_validator", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"format", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    /* format_type: looks up type names by OID */
    {"format_type", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"gb18030_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gbk_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gcd", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* math */
    {"gen_random_uuid", SG_FN_SCALAR, SG_FC_ALLOWED},                /* uuid */
    {"generate_series", SG_FN_SETOF, SG_FC_ALLOWED},                 /* array */
    {"generate_series_int4_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"generate_series_int8_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"generate_subscripts", SG_FN_SETOF, SG_FC_ALLOWED},             /* array */
    {"get_bit", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* bits */
    {"get_byte", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* bits */
    {"get_current_ts_config", SG_FN_SCALAR, SG_FC_STATE},
    {"getdatabaseencoding", SG_FN_SCALAR, SG_FC_STATE},
    {"getpgusername", SG_FN_SCALAR, SG_FC_STATE},
    /* gin_clean_pending_list: index maintenance */
    {"gin_clean_pending_list", SG_FN_SCALAR, SG_FC_ADMIN},
    {"gin_cmp_prefix", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_cmp_tslexeme", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_compare_jsonb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_consistent_jsonb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_consistent_jsonb_path", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_extract_jsonb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_extract_jsonb_path", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_extract_jsonb_query", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_extract_jsonb_query_path", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_extract_tsquery", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_extract_tsvector", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_triconsistent_jsonb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_triconsistent_jsonb_path", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_tsquery_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gin_tsquery_triconsistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ginarrayconsistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ginarrayextract", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ginarraytriconsistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ginhandler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ginqueryarrayextract", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_box_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_box_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_box_penalty", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_box_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_box_same", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_box_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_circle_compress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_circle_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_circle_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_point_compress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_point_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_point_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_point_fetch", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_point_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_poly_compress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_poly_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gist_poly_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gisthandler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsquery_compress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsquery_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsquery_penalty", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsquery_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsquery_same", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsquery_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvector_compress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvector_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvector_decompress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvector_options", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvector_penalty", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvector_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvector_same", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvector_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvectorin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"gtsvectorout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"has_any_column_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_column_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_database_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_foreign_data_wrapper_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_function_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_language_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_parameter_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_schema_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_sequence_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_server_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_table_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_tablespace_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"has_type_privilege", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"hash_aclitem", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_aclitem_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_array", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_array_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_multirange_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_numeric", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_numeric_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_range_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_record", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hash_record_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashbpchar", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashbpcharextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashchar", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashcharextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashenum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashenumextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashfloat4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashfloat4extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashfloat8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashfloat8extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashhandler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashinet", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashinetextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashint2", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashint2extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashint4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashint4extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashint8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashint8extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashmacaddr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashmacaddr8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashmacaddr8extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashmacaddrextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashname", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashnameextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashoid", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashoidextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashoidvector", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashoidvectorextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashtext", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashtextextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashtid", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashtidextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashvarlena", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"hashvarlenaextended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"heap_tableam_handler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"height", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* geo */
    {"host", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* net */
    {"hostmask", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* net */
    {"iclikejoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"iclikesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"icnlikejoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"icnlikesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"icregexeqjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"icregexeqsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"icregexnejoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"icregexnesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"in_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"index_am_handler_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"index_am_handler_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_client_addr", SG_FN_SCALAR, SG_FC_STATE},
    {"inet_client_port", SG_FN_SCALAR, SG_FC_STATE},
    {"inet_gist_compress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_gist_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_gist_fetch", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_gist_penalty", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_gist_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_gist_same", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_gist_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_merge", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* net */
    {"inet_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_same_family", SG_FN_SCALAR, SG_FC_ALLOWED},               /* net */
    {"inet_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_server_addr", SG_FN_SCALAR, SG_FC_STATE},
    {"inet_server_port", SG_FN_SCALAR, SG_FC_STATE},
    {"inet_spg_choose", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_spg_config", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_spg_inner_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_spg_leaf_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inet_spg_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inetand", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inetmi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inetmi_int8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inetnot", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inetor", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inetpl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"initcap", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* string */
    {"int2", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"int24div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int24pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int28pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2_avg_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2_avg_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2_mul_cash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2_sum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2abs", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2and", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2int4_sum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2mod", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2not", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2or", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2shl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2shr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2um", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2up", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2vectorin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2vectorout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2vectorrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2vectorsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int2xor", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"int42div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int42pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int48pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4_avg_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4_avg_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4_avg_combine", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4_mul_cash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4_sum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4abs", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4and", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4in", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* int4inc: a former aggregate's step */
    {"int4inc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4mod", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4multirange", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* range */
    {"int4ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4not", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4or", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4range", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* range */
    {"int4range_canonical", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4range_subdiff", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4shl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4shr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4um", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4up", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int4xor", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"int82div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int82pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int84pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_avg", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_avg_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_avg_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_avg_combine", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_avg_deserialize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_avg_serialize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_mul_cash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8_sum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8abs", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8and", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8dec", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8dec_any", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8inc", SG_FN_SCALAR, SG_FC_ALLOWED}, /* SEARCH BREADTH FIRST counts depth with it */
    {"int8inc_any", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8inc_float8_float8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8inc_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8mod", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8multirange", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* range */
    {"int8ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8not", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8or", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8pl_inet", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8range", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* range */
    {"int8range_canonical", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8range_subdiff", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8shl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8shr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8um", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8up", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"int8xor", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"integer_pl_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inter_lb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inter_sb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"inter_sl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"internal_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"internal_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* cast */
    {"interval_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_avg", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_combine", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_hash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_hash_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_pl_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_pl_time", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_pl_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_pl_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_pl_timetz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"interval_um", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"intervaltypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"intervaltypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"is_normalized", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* string */
    {"isclosed", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* geo */
    {"isempty", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* range */
    {"isfinite", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* time */
    {"ishorizontal", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* geo */
    {"iso8859_1_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"iso8859_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"iso_to_koi8r", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"iso_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"iso_to_win1251", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"iso_to_win866", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"isopen", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* geo */
    {"isparallel", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* geo */
    {"isperp", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* geo */
    {"isvertical", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* geo */
    {"johab_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_agg", SG_FN_AGGREGATE, SG_FC_ALLOWED},                    /* agg */
    {"json_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_array_element", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_array_element_text", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_array_elements", SG_FN_SETOF, SG_FC_ALLOWED},             /* json */
    {"json_array_elements_text", SG_FN_SETOF, SG_FC_ALLOWED},        /* json */
    {"json_array_length", SG_FN_SCALAR, SG_FC_ALLOWED},              /* json */
    {"json_build_array", SG_FN_SCALAR, SG_FC_ALLOWED},               /* json */
    {"json_build_object", SG_FN_SCALAR, SG_FC_ALLOWED},              /* json */
    {"json_each", SG_FN_SETOF, SG_FC_ALLOWED},                       /* json */
    {"json_each_text", SG_FN_SETOF, SG_FC_ALLOWED},                  /* json */
    {"json_extract_path", SG_FN_SCALAR, SG_FC_ALLOWED},              /* json */
    {"json_extract_path_text", SG_FN_SCALAR, SG_FC_ALLOWED},         /* json */
    {"json_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_object", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* json */
    {"json_object_agg", SG_FN_AGGREGATE, SG_FC_ALLOWED},             /* agg */
    {"json_object_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_object_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_object_field", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_object_field_text", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_object_keys", SG_FN_SETOF, SG_FC_ALLOWED},                /* json */
    {"json_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_populate_record", SG_FN_SCALAR, SG_FC_ALLOWED},           /* json */
    {"json_populate_recordset", SG_FN_SETOF, SG_FC_ALLOWED},         /* json */
    {"json_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"json_strip_nulls", SG_FN_SCALAR, SG_FC_ALLOWED},               /* json */
    {"json_to_record", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* json */
    {"json_to_recordset", SG_FN_SETOF, SG_FC_ALLOWED},               /* json */
    {"json_to_tsvector", SG_FN_SCALAR, SG_FC_ALLOWED},               /* tsearch */
    {"json_typeof", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* json */
    {"jsonb_agg", SG_FN_AGGREGATE, SG_FC_ALLOWED},                   /* agg */
    {"jsonb_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_array_element", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_array_element_text", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_array_elements", SG_FN_SETOF, SG_FC_ALLOWED},            /* json */
    {"jsonb_array_elements_text", SG_FN_SETOF, SG_FC_ALLOWED},       /* json */
    {"jsonb_array_length", SG_FN_SCALAR, SG_FC_ALLOWED},             /* json */
    {"jsonb_build_array", SG_FN_SCALAR, SG_FC_ALLOWED},              /* json */
    {"jsonb_build_object", SG_FN_SCALAR, SG_FC_ALLOWED},             /* json */
    {"jsonb_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_concat", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_contained", SG_FN_SCALAR, SG_FC_ALLOWED},                /* json */
    {"jsonb_contains", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* json */
    {"jsonb_delete", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_delete_path", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_each", SG_FN_SETOF, SG_FC_ALLOWED},                      /* json */
    {"jsonb_each_text", SG_FN_SETOF, SG_FC_ALLOWED},                 /* json */
    {"jsonb_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_exists", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* json */
    {"jsonb_exists_all", SG_FN_SCALAR, SG_FC_ALLOWED},               /* json */
    {"jsonb_exists_any", SG_FN_SCALAR, SG_FC_ALLOWED},               /* json */
    {"jsonb_extract_path", SG_FN_SCALAR, SG_FC_ALLOWED},             /* json */
    {"jsonb_extract_path_text", SG_FN_SCALAR, SG_FC_ALLOWED},        /* json */
    {"jsonb_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_hash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_hash_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_insert", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* json */
    {"jsonb_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_object", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* json */
    {"jsonb_object_agg", SG_FN_AGGREGATE, SG_FC_ALLOWED},            /* agg */
    {"jsonb_object_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_object_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_object_field", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_object_field_text", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_object_keys", SG_FN_SETOF, SG_FC_ALLOWED},               /* json */
    {"jsonb_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_path_exists", SG_FN_SCALAR, SG_FC_ALLOWED},              /* json */
    {"jsonb_path_exists_opr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_path_exists_tz", SG_FN_SCALAR, SG_FC_ALLOWED},           /* json */
    {"jsonb_path_match", SG_FN_SCALAR, SG_FC_ALLOWED},               /* json */
    {"jsonb_path_match_opr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_path_match_tz", SG_FN_SCALAR, SG_FC_ALLOWED},            /* json */
    {"jsonb_path_query", SG_FN_SETOF, SG_FC_ALLOWED},                /* json */
    {"jsonb_path_query_array", SG_FN_SCALAR, SG_FC_ALLOWED},         /* json */
    {"jsonb_path_query_array_tz", SG_FN_SCALAR, SG_FC_ALLOWED},      /* json */
    {"jsonb_path_query_first", SG_FN_SCALAR, SG_FC_ALLOWED},         /* json */
    {"jsonb_path_query_first_tz", SG_FN_SCALAR, SG_FC_ALLOWED},      /* json */
    {"jsonb_path_query_tz", SG_FN_SETOF, SG_FC_ALLOWED},             /* json */
    {"jsonb_populate_record", SG_FN_SCALAR, SG_FC_ALLOWED},          /* json */
    {"jsonb_populate_recordset", SG_FN_SETOF, SG_FC_ALLOWED},        /* json */
    {"jsonb_pretty", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* json */
    {"jsonb_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_set", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* json */
    {"jsonb_set_lax", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* json */
    {"jsonb_strip_nulls", SG_FN_SCALAR, SG_FC_ALLOWED},              /* json */
    {"jsonb_subscript_handler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonb_to_record", SG_FN_SCALAR, SG_FC_ALLOWED},                /* json */
    {"jsonb_to_recordset", SG_FN_SETOF, SG_FC_ALLOWED},              /* json */
    {"jsonb_to_tsvector", SG_FN_SCALAR, SG_FC_ALLOWED},              /* tsearch */
    {"jsonb_typeof", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* json */
    {"jsonpath_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonpath_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonpath_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"jsonpath_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"justify_days", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* time */
    {"justify_hours", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* time */
    {"justify_interval", SG_FN_SCALAR, SG_FC_ALLOWED},               /* time */
    {"koi8r_to_iso", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"koi8r_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"koi8r_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"koi8r_to_win1251", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"koi8r_to_win866", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"koi8u_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lag", SG_FN_WINDOW, SG_FC_ALLOWED},                            /* window */
    {"language_handler_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"language_handler_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"last_value", SG_FN_WINDOW, SG_FC_ALLOWED},                     /* window */
    /* lastval: the session's last sequence value */
    {"lastval", SG_FN_SCALAR, SG_FC_STATE},
    {"latin1_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"latin2_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"latin2_to_win1250", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"latin3_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"latin4_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lcm", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* math */
    {"lead", SG_FN_WINDOW, SG_FC_ALLOWED},                           /* window */
    {"left", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* string */
    {"length", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"like", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* string */
    {"like_escape", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* string */
    {"likejoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"likesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* geo */
    {"line_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_horizontal", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_interpt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_intersect", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_parallel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_perp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"line_vertical", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ln", SG_FN_SCALAR, SG_FC_ALLOWED},                             /* math */
    {"lo_close", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_creat", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_create", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    /* lo_export: writes a server file */
    {"lo_export", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_from_bytea", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    /* lo_get: reads a large object: outside the scope */
    {"lo_get", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* lo_import: also reads a server file */
    {"lo_import", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_lseek", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_lseek64", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_open", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_put", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_tell", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_tell64", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_truncate", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_truncate64", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lo_unlink", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"log", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* math */
    {"log10", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* math */
    /* loread: reads a large object: outside the scope */
    {"loread", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"lower", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* string */
    {"lower_inc", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* range */
    {"lower_inf", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* range */
    {"lowrite", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"lpad", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* string */
    {"lseg", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* geo */
    {"lseg_center", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_horizontal", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_interpt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_intersect", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_length", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_parallel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_perp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"lseg_vertical", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ltrim", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* string */
    {"macaddr", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* cast */
    {"macaddr8", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* cast */
    {"macaddr8_and", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_not", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_or", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr8_set7bit", SG_FN_SCALAR, SG_FC_ALLOWED},               /* net */
    {"macaddr_and", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_not", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_or", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"macaddr_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"make_date", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* time */
    {"make_interval", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* time */
    {"make_time", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* time */
    {"make_timestamp", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* time */
    {"make_timestamptz", SG_FN_SCALAR, SG_FC_ALLOWED},               /* time */
    /* makeaclitem: names roles by OID: outside the scope */
    {"makeaclitem", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"masklen", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* net */
    {"matchingjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"matchingsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"max", SG_FN_AGGREGATE, SG_FC_ALLOWED},                         /* agg */
    {"md5", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* string */
    {"mic_to_big5", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_euc_cn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_euc_jp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_euc_kr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_euc_tw", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_iso", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_koi8r", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_latin1", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_latin2", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_latin3", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_latin4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_sjis", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_win1250", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_win1251", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"mic_to_win866", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"min", SG_FN_AGGREGATE, SG_FC_ALLOWED},                         /* agg */
    {"min_scale", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* math */
    {"mod", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* math */
    {"mode", SG_FN_AGGREGATE, SG_FC_ALLOWED},                        /* ordset */
    {"mode_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"money", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* cast */
    {"mul_d_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* range */
    {"multirange_adjacent_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_adjacent_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_after_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_after_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_before_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_before_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_contained_by_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_contained_by_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_contains_elem", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_contains_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_contains_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_gist_compress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_gist_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_intersect", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_intersect_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_minus", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_overlaps_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_overlaps_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_overleft_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_overleft_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_overright_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_overright_range", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_typanalyze", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirange_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"multirangesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* mxid_age: reads the multixact counter */
    {"mxid_age", SG_FN_SCALAR, SG_FC_STATE},
    {"name", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    /* nameconcatoid: a helper of the information schema */
    {"nameconcatoid", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameeqtext", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namege", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namegetext", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namegt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namegttext", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameiclike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameicnlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameicregexeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameicregexne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namein", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namele", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameletext", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namelike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namelt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namelttext", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namene", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namenetext", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namenlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namerecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameregexeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nameregexne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"namesend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"neqjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"neqsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"netmask", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* net */
    {"network", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* net */
    {"network_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_overlap", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_sub", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_subeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_subset_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_sup", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"network_supeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"networkjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"networksel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nextval", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"nlikejoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nlikesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"normalize", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* string */
    {"notlike", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* string */
    {"now", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* time */
    {"npoints", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* geo */
    {"nth_value", SG_FN_WINDOW, SG_FC_ALLOWED},                      /* window */
    {"ntile", SG_FN_WINDOW, SG_FC_ALLOWED},                          /* window */
    {"num_nonnulls", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* cond */
    {"num_nulls", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* cond */
    {"numeric", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* cast */
    {"numeric_abs", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_accum_inv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_add", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_avg", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_avg_accum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_avg_combine", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_avg_deserialize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_avg_serialize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_combine", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_deserialize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_div", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* numeric_div_trunc: div() under its C name */
    {"numeric_div_trunc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* numeric_exp: exp() under its C name */
    {"numeric_exp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* numeric_inc: a former aggregate's step */
    {"numeric_inc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* numeric_ln: ln() under its C name */
    {"numeric_ln", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* numeric_log: log() under its C name */
    {"numeric_log", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_mod", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_pl_pg_lsn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_avg", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_combine", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_deserialize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_serialize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_stddev_pop", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_stddev_samp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_sum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_var_pop", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_poly_var_samp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_power", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_serialize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* numeric_sqrt: sqrt() under its C name */
    {"numeric_sqrt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_stddev_pop", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_stddev_samp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_sub", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_sum", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_uminus", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_uplus", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_var_pop", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numeric_var_samp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numerictypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"numerictypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"nummultirange", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* range */
    {"numnode", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* tsearch */
    {"numrange", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* range */
    {"numrange_subdiff", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"obj_description", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"octet_length", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* string */
    {"oid", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* cast */
    {"oideq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidgt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidlarger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidlt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidsmaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectoreq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorgt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorlt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"oidvectorsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* oidvectortypes: looks up type names by OID */
    {"oidvectortypes", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"on_pb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"on_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"on_ppath", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"on_ps", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"on_sb", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"on_sl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ordered_set_transition", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ordered_set_transition_multi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"overlaps", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* time */
    {"overlay", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* string */
    {"parse_ident", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* string */
    {"path", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* geo */
    {"path_add", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_add_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_contain_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_div_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_inter", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_length", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_mul_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_n_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_n_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_n_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_n_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_n_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_npoints", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"path_sub_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pclose", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* geo */
    {"percent_rank", SG_FN_AGGREGATE | SG_FN_WINDOW, SG_FC_ALLOWED}, /* rank */
    {"percent_rank_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"percentile_cont", SG_FN_AGGREGATE, SG_FC_ALLOWED},             /* ordset */
    {"percentile_cont_float8_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"percentile_cont_float8_multi_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"percentile_cont_interval_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"percentile_cont_interval_multi_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"percentile_disc", SG_FN_AGGREGATE, SG_FC_ALLOWED},             /* ordset */
    {"percentile_disc_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"percentile_disc_multi_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_advisory_lock", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_advisory_lock_shared", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_advisory_unlock", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_advisory_unlock_all", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_advisory_unlock_shared", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_advisory_xact_lock", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_advisory_xact_lock_shared", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    /* pg_available_extension_versions: lists the server's extension files */
    {"pg_available_extension_versions", SG_FN_SETOF, SG_FC_STATE},
    /* pg_available_extensions: lists the server's extension files */
    {"pg_available_extensions", SG_FN_SETOF, SG_FC_STATE},
    {"pg_backend_pid", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_backup_start", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_backup_stop", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_blocking_pids", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_cancel_backend", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_char_to_encoding", SG_FN_SCALAR, SG_FC_ALLOWED},            /* string */
    {"pg_client_encoding", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_collation_actual_version", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_collation_for", SG_FN_SCALAR, SG_FC_ALLOWED},               /* info */
    {"pg_collation_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* pg_column_compression: the compression of the value given */
    {"pg_column_compression", SG_FN_SCALAR, SG_FC_ALLOWED},          /* info */
    {"pg_column_is_updatable", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* pg_column_size: the size of the value given, not of a stored row */
    {"pg_column_size", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* info */
    {"pg_conf_load_time", SG_FN_SCALAR, SG_FC_STATE},
    /* pg_config: describes the server's build */
    {"pg_config", SG_FN_SETOF, SG_FC_STATE},
    {"pg_control_checkpoint", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_control_init", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_control_recovery", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_control_system", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_conversion_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_copy_logical_replication_slot", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_copy_physical_replication_slot", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_create_logical_replication_slot", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_create_physical_replication_slot", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_create_restore_point", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_current_logfile", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_current_snapshot", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_current_wal_flush_lsn", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_current_wal_insert_lsn", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_current_wal_lsn", SG_FN_SCALAR, SG_FC_ADMIN},
    /* pg_current_xact_id: assigns a transaction ID */
    {"pg_current_xact_id", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_current_xact_id_if_assigned", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_cursor", SG_FN_SETOF, SG_FC_STATE},
    {"pg_database_collation_actual_version", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_database_size", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_ddl_command_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_ddl_command_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_ddl_command_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_ddl_command_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_dependencies_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_dependencies_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_dependencies_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_dependencies_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_describe_object", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_drop_replication_slot", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_encoding_max_length", SG_FN_SCALAR, SG_FC_ALLOWED},         /* string */
    {"pg_encoding_to_char", SG_FN_SCALAR, SG_FC_ALLOWED},            /* string */
    {"pg_event_trigger_ddl_commands", SG_FN_SETOF, SG_FC_INTERNAL},
    {"pg_event_trigger_dropped_objects", SG_FN_SETOF, SG_FC_INTERNAL},
    {"pg_event_trigger_table_rewrite_oid", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_event_trigger_table_rewrite_reason", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* pg_export_snapshot: writes a snapshot file */
    {"pg_export_snapshot", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    /* pg_extension_config_dump: writes pg_extension */
    {"pg_extension_config_dump", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    /* pg_extension_update_paths: lists the server's extension files */
    {"pg_extension_update_paths", SG_FN_SETOF, SG_FC_STATE},
    {"pg_filenode_relation", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_function_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_backend_memory_contexts", SG_FN_SETOF, SG_FC_STATE},
    /* pg_get_catalog_foreign_keys: describes the system catalogs */
    {"pg_get_catalog_foreign_keys", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_constraintdef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_expr", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_function_arg_default", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_function_arguments", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_function_identity_arguments", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_function_result", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_function_sqlbody", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_functiondef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_indexdef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* pg_get_keywords: the SQL grammar's keywords, fixed when the server was built */
    {"pg_get_keywords", SG_FN_SETOF, SG_FC_ALLOWED},                 /* info */
    {"pg_get_multixact_members", SG_FN_SETOF, SG_FC_STATE},
    {"pg_get_object_address", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_partition_constraintdef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_partkeydef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_publication_tables", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_replica_identity_index", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_replication_slots", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_get_ruledef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_serial_sequence", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_shmem_allocations", SG_FN_SETOF, SG_FC_STATE},
    {"pg_get_statisticsobjdef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_statisticsobjdef_columns", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_statisticsobjdef_expressions", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_triggerdef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_userbyid", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_viewdef", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_get_wal_replay_pause_state", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_get_wal_resource_managers", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_has_role", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_hba_file_rules", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ident_file_mappings", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_identify_object", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_identify_object_as_address", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* pg_import_system_collations: creates collations */
    {"pg_import_system_collations", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_index_column_has_property", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_index_has_property", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_indexam_has_property", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* pg_indexam_progress_phasename: looks up an index access method by OID */
    {"pg_indexam_progress_phasename", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_indexes_size", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_is_in_recovery", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_is_other_temp_schema", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_is_wal_replay_paused", SG_FN_SCALAR, SG_FC_ADMIN},
    /* pg_isolation_test_session_is_blocked: probes other sessions' locks */
    {"pg_isolation_test_session_is_blocked", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_jit_available", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_last_committed_xact", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_last_wal_receive_lsn", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_last_wal_replay_lsn", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_last_xact_replay_timestamp", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_listening_channels", SG_FN_SETOF, SG_FC_STATE},
    {"pg_lock_status", SG_FN_SETOF, SG_FC_STATE},
    {"pg_log_backend_memory_contexts", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_logical_emit_message", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_logical_slot_get_binary_changes", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_logical_slot_get_changes", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_logical_slot_peek_binary_changes", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_logical_slot_peek_changes", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ls_archive_statusdir", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ls_dir", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ls_logdir", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ls_logicalmapdir", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ls_logicalsnapdir", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ls_replslotdir", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ls_tmpdir", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_ls_waldir", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_lsn", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* cast */
    {"pg_lsn_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_hash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_hash_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_mii", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_pli", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_lsn_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_mcv_list_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* pg_mcv_list_items: decodes statistics only pg_statistic_ext_data holds */
    {"pg_mcv_list_items", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"pg_mcv_list_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_mcv_list_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_mcv_list_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_my_temp_schema", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_ndistinct_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_ndistinct_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_ndistinct_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_ndistinct_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_nextoid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_node_tree_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_node_tree_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_node_tree_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_node_tree_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_notification_queue_usage", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_notify", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_opclass_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_operator_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_opfamily_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_options_to_table", SG_FN_SETOF, SG_FC_ALLOWED},             /* array */
    {"pg_partition_ancestors", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"pg_partition_root", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_partition_tree", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"pg_postmaster_start_time", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_prepared_statement", SG_FN_SETOF, SG_FC_STATE},
    {"pg_prepared_xact", SG_FN_SETOF, SG_FC_STATE},
    {"pg_promote", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_read_binary_file", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_read_file", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_read_file_old", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_relation_filenode", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_relation_filepath", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_relation_is_publishable", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_relation_is_updatable", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_relation_size", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_reload_conf", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_advance", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_create", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_drop", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_oid", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_progress", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_session_is_setup", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_session_progress", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_session_reset", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_session_setup", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_xact_reset", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_origin_xact_setup", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_replication_slot_advance", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_rotate_logfile", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_rotate_logfile_old", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_safe_snapshot_blocking_pids", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_sequence_last_value", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_sequence_parameters", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_settings_get_flags", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_show_all_file_settings", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_show_all_settings", SG_FN_SETOF, SG_FC_STATE},
    {"pg_show_replication_origin_status", SG_FN_SETOF, SG_FC_ADMIN},
    {"pg_size_bytes", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* format */
    {"pg_size_pretty", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* format */
    {"pg_sleep", SG_FN_SCALAR, SG_FC_RESOURCE_HOG},
    {"pg_sleep_for", SG_FN_SCALAR, SG_FC_RESOURCE_HOG},
    {"pg_sleep_until", SG_FN_SCALAR, SG_FC_RESOURCE_HOG},
    {"pg_snapshot_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_snapshot_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_snapshot_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_snapshot_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pg_snapshot_xip", SG_FN_SETOF, SG_FC_STATE},
    {"pg_snapshot_xmax", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_snapshot_xmin", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_clear_snapshot", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_file", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_stat_force_next_flush", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_activity", SG_FN_SETOF, SG_FC_STATE},
    {"pg_stat_get_analyze_count", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_archiver", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_autoanalyze_count", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_autovacuum_count", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_backend_activity", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_activity_start", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_client_addr", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_client_port", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_dbid", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_idset", SG_FN_SETOF, SG_FC_STATE},
    {"pg_stat_get_backend_pid", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_start", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_userid", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_wait_event", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_wait_event_type", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_backend_xact_start", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_bgwriter_buf_written_checkpoints", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_bgwriter_buf_written_clean", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_bgwriter_maxwritten_clean", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_bgwriter_requested_checkpoints", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_bgwriter_stat_reset_time", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_bgwriter_timed_checkpoints", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_blocks_fetched", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_blocks_hit", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_buf_alloc", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_buf_fsync_backend", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_buf_written_backend", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_checkpoint_sync_time", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_checkpoint_write_time", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_db_active_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_blk_read_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_blk_write_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_blocks_fetched", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_blocks_hit", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_checksum_failures", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_checksum_last_failure", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_conflict_all", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_conflict_bufferpin", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_conflict_lock", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_conflict_snapshot", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_conflict_startup_deadlock", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_conflict_tablespace", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_deadlocks", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_idle_in_transaction_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_numbackends", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_session_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_sessions", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_sessions_abandoned", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_sessions_fatal", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_sessions_killed", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_stat_reset_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_temp_bytes", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_temp_files", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_tuples_deleted", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_tuples_fetched", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_tuples_inserted", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_tuples_returned", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_tuples_updated", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_xact_commit", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_db_xact_rollback", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_dead_tuples", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_function_calls", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_function_self_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_function_total_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_ins_since_vacuum", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_last_analyze_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_last_autoanalyze_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_last_autovacuum_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_last_vacuum_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_live_tuples", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_mod_since_analyze", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_numscans", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_progress_info", SG_FN_SETOF, SG_FC_STATE},
    {"pg_stat_get_recovery_prefetch", SG_FN_SETOF, SG_FC_STATE},
    {"pg_stat_get_replication_slot", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_slru", SG_FN_SETOF, SG_FC_STATE},
    {"pg_stat_get_snapshot_timestamp", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_subscription", SG_FN_SETOF, SG_FC_STATE},
    {"pg_stat_get_subscription_stats", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_tuples_deleted", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_tuples_fetched", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_tuples_hot_updated", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_tuples_inserted", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_tuples_returned", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_tuples_updated", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_vacuum_count", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_wal", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_wal_receiver", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_stat_get_wal_senders", SG_FN_SETOF, SG_FC_STATE},
    {"pg_stat_get_xact_blocks_fetched", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_blocks_hit", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_function_calls", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_function_self_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_function_total_time", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_numscans", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_tuples_deleted", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_tuples_fetched", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_tuples_hot_updated", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_tuples_inserted", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_tuples_returned", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_get_xact_tuples_updated", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_have_stats", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stat_reset", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_stat_reset_replication_slot", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_stat_reset_shared", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_stat_reset_single_function_counters", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_stat_reset_single_table_counters", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_stat_reset_slru", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_stat_reset_subscription_stats", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_statistics_obj_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_stop_making_pinned_objects", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_switch_wal", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_table_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_table_size", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_tablespace_databases", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"pg_tablespace_location", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_tablespace_size", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_terminate_backend", SG_FN_SCALAR, SG_FC_ADMIN},
    /* pg_timezone_abbrevs: lists the session's timezone_abbreviations */
    {"pg_timezone_abbrevs", SG_FN_SETOF, SG_FC_STATE},
    /* pg_timezone_names: lists the server's time zone database */
    {"pg_timezone_names", SG_FN_SETOF, SG_FC_STATE},
    {"pg_total_relation_size", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_trigger_depth", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_try_advisory_lock", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_try_advisory_lock_shared", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_try_advisory_xact_lock", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_try_advisory_xact_lock_shared", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"pg_ts_config_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_ts_dict_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_ts_parser_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_ts_template_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_type_is_visible", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"pg_typeof", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* info */
    {"pg_visible_in_snapshot", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_wal_lsn_diff", SG_FN_SCALAR, SG_FC_ALLOWED},                /* math */
    {"pg_wal_replay_pause", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_wal_replay_resume", SG_FN_SCALAR, SG_FC_ADMIN},
    /* pg_walfile_name: depends on the server's timeline */
    {"pg_walfile_name", SG_FN_SCALAR, SG_FC_ADMIN},
    /* pg_walfile_name_offset: depends on the server's timeline */
    {"pg_walfile_name_offset", SG_FN_SCALAR, SG_FC_ADMIN},
    {"pg_xact_commit_timestamp", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_xact_commit_timestamp_origin", SG_FN_SCALAR, SG_FC_STATE},
    {"pg_xact_status", SG_FN_SCALAR, SG_FC_STATE},
    {"phraseto_tsquery", SG_FN_SCALAR, SG_FC_ALLOWED},               /* tsearch */
    {"pi", SG_FN_SCALAR, SG_FC_ALLOWED},                             /* math */
    {"plainto_tsquery", SG_FN_SCALAR, SG_FC_ALLOWED},                /* tsearch */
    {"plpgsql_call_handler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"plpgsql_inline_handler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"plpgsql_validator", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* geo */
    {"point_above", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_add", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_below", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_div", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_horiz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_left", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_mul", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_right", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_sub", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"point_vert", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_above", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_below", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_center", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_contain", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_contain_pt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_contained", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_distance", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_left", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_npoints", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_overabove", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_overbelow", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_overlap", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_overleft", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_overright", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_right", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_same", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"poly_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* polygon: polygon(n, circle) allocates n points, like array_fill allocates its size */
    {"polygon", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* geo */
    {"popen", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* geo */
    {"position", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* string */
    {"positionjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"positionsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"postgresql_fdw_validator", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pow", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* math */
    {"power", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* math */
    {"prefixjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"prefixsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"prsd_end", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"prsd_headline", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"prsd_lextype", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"prsd_nexttoken", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"prsd_start", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pt_contained_circle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"pt_contained_poly", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"query_to_xml", SG_FN_SCALAR, SG_FC_RUNS_QUERY},
    {"query_to_xml_and_xmlschema", SG_FN_SCALAR, SG_FC_RUNS_QUERY},
    {"query_to_xmlschema", SG_FN_SCALAR, SG_FC_RUNS_QUERY},
    {"querytree", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* tsearch */
    {"quote_ident", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* string */
    {"quote_literal", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* string */
    {"quote_nullable", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* string */
    {"radians", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* math */
    {"radius", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* geo */
    {"random", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* math */
    {"range_adjacent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_adjacent_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_after", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_after_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* a multirange of one range a row: printing it holds about 3 KB a range
     * until the row ends, without a cancel (a million ranges held 3.3 GB) */
    {"range_agg", SG_FN_AGGREGATE, SG_FC_UNINTERRUPTIBLE},
    {"range_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_before", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_before_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_contained_by", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_contained_by_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_contains", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_contains_elem", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_contains_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_gist_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_gist_penalty", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_gist_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_gist_same", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_gist_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_intersect", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_intersect_agg", SG_FN_AGGREGATE, SG_FC_ALLOWED},         /* agg */
    {"range_intersect_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_merge", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* range */
    {"range_minus", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_overlaps", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_overlaps_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_overleft", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_overleft_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_overright", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_overright_multirange", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_typanalyze", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"range_union", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"rangesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"rank", SG_FN_AGGREGATE | SG_FN_WINDOW, SG_FC_ALLOWED},         /* rank */
    {"rank_final", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"raw_array_subscript_handler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_image_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_image_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_image_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_image_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_image_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_image_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"record_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* regclass: resolves a relation's name, like a cast to regclass */
    {"regclass", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"regclassin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regclassout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regclassrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regclasssend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regcollationin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regcollationout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regcollationrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regcollationsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regconfigin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regconfigout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regconfigrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regconfigsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regdictionaryin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regdictionaryout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regdictionaryrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regdictionarysend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regexeqjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regexeqsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regexnejoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regexnesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regexp_count", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* string */
    {"regexp_instr", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* string */
    {"regexp_like", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* string */
    {"regexp_match", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* string */
    {"regexp_matches", SG_FN_SETOF, SG_FC_ALLOWED},                  /* string */
    {"regexp_replace", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* string */
    {"regexp_split_to_array", SG_FN_SCALAR, SG_FC_ALLOWED},          /* string */
    {"regexp_split_to_table", SG_FN_SETOF, SG_FC_ALLOWED},           /* string */
    {"regexp_substr", SG_FN_SCALAR, SG_FC_ALLOWED},                  /* string */
    {"regnamespacein", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regnamespaceout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regnamespacerecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regnamespacesend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regoperatorin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regoperatorout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regoperatorrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regoperatorsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regoperin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regoperout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regoperrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regopersend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regprocedurein", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regprocedureout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regprocedurerecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regproceduresend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regprocin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regprocout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regprocrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regprocsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regr_avgx", SG_FN_AGGREGATE, SG_FC_ALLOWED},                   /* stats */
    {"regr_avgy", SG_FN_AGGREGATE, SG_FC_ALLOWED},                   /* stats */
    {"regr_count", SG_FN_AGGREGATE, SG_FC_ALLOWED},                  /* stats */
    {"regr_intercept", SG_FN_AGGREGATE, SG_FC_ALLOWED},              /* stats */
    {"regr_r2", SG_FN_AGGREGATE, SG_FC_ALLOWED},                     /* stats */
    {"regr_slope", SG_FN_AGGREGATE, SG_FC_ALLOWED},                  /* stats */
    {"regr_sxx", SG_FN_AGGREGATE, SG_FC_ALLOWED},                    /* stats */
    {"regr_sxy", SG_FN_AGGREGATE, SG_FC_ALLOWED},                    /* stats */
    {"regr_syy", SG_FN_AGGREGATE, SG_FC_ALLOWED},                    /* stats */
    {"regrolein", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regroleout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regrolerecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regrolesend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regtypein", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regtypeout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regtyperecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"regtypesend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"repeat", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"replace", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* string */
    {"reverse", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* string */
    {"right", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* string */
    {"round", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* math */
    {"row_number", SG_FN_WINDOW, SG_FC_ALLOWED},                     /* window */
    {"row_security_active", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"row_to_json", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* json */
    {"rpad", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* string */
    {"rtrim", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* string */
    /* satisfies_hash_partition: a hash partition's constraint; looks up the parent table */
    {"satisfies_hash_partition", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scalargejoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scalargesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scalargtjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scalargtsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scalarlejoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scalarlesel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scalarltjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scalarltsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"scale", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* math */
    /* schema_to_xml: reads every table of a schema */
    {"schema_to_xml", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* schema_to_xml_and_xmlschema: reads every table of a schema */
    {"schema_to_xml_and_xmlschema", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* schema_to_xmlschema: reads every table of a schema */
    {"schema_to_xmlschema", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"session_user", SG_FN_SCALAR, SG_FC_STATE},
    {"set_bit", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* bits */
    {"set_byte", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* bits */
    {"set_config", SG_FN_SCALAR, SG_FC_STATE},
    {"set_masklen", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* net */
    /* setseed: sets the session's random seed */
    {"setseed", SG_FN_SCALAR, SG_FC_STATE},
    {"setval", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"setweight", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* tsearch */
    {"sha224", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"sha256", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"sha384", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"sha512", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"shell_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"shell_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"shift_jis_2004_to_euc_jis_2004", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"shift_jis_2004_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"shobj_description", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"sign", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* math */
    {"similar_escape", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* string */
    {"similar_to_escape", SG_FN_SCALAR, SG_FC_ALLOWED},              /* string */
    {"sin", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* trig */
    {"sind", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"sinh", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"sjis_to_euc_jp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"sjis_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"sjis_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"slope", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* geo */
    {"spg_bbox_quad_config", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_box_quad_choose", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_box_quad_config", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_box_quad_inner_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_box_quad_leaf_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_box_quad_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_kd_choose", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_kd_config", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_kd_inner_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_kd_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_poly_quad_compress", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_quad_choose", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_quad_config", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_quad_inner_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_quad_leaf_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_quad_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_range_quad_choose", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_range_quad_config", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_range_quad_inner_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_range_quad_leaf_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_range_quad_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_text_choose", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_text_config", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_text_inner_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_text_leaf_consistent", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spg_text_picksplit", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"spghandler", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"split_part", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* string */
    {"sqrt", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* math */
    {"starts_with", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* string */
    {"statement_timestamp", SG_FN_SCALAR, SG_FC_ALLOWED},            /* time */
    {"stddev", SG_FN_AGGREGATE, SG_FC_ALLOWED},                      /* stats */
    {"stddev_pop", SG_FN_AGGREGATE, SG_FC_ALLOWED},                  /* stats */
    {"stddev_samp", SG_FN_AGGREGATE, SG_FC_ALLOWED},                 /* stats */
    {"string_agg", SG_FN_AGGREGATE, SG_FC_ALLOWED},                  /* agg */
    {"string_agg_finalfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"string_agg_transfn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"string_to_array", SG_FN_SCALAR, SG_FC_ALLOWED},                /* string */
    {"string_to_table", SG_FN_SETOF, SG_FC_ALLOWED},                 /* string */
    {"strip", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* tsearch */
    {"strpos", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"substr", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"substring", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* string */
    {"sum", SG_FN_AGGREGATE, SG_FC_ALLOWED},                         /* agg */
    {"suppress_redundant_updates_trigger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"system", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"table_am_handler_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"table_am_handler_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* table_to_xml: reads a table named by a string */
    {"table_to_xml", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* table_to_xml_and_xmlschema: reads a table named by a string */
    {"table_to_xml_and_xmlschema", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    /* table_to_xmlschema: reads a table named by a string */
    {"table_to_xmlschema", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"tan", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* trig */
    {"tand", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"tanh", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* trig */
    {"text", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"text_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_pattern_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_pattern_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_pattern_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_pattern_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"text_starts_with_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textanycat", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textcat", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"texteq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"texteqname", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textgename", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textgtname", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"texticlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"texticlike_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"texticnlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"texticregexeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"texticregexeq_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"texticregexne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textin", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* textlen: length() under its C name */
    {"textlen", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textlename", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textlike_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textltname", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textnename", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textnlike", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textregexeq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textregexeq_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textregexne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"textsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"thesaurus_init", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"thesaurus_lexize", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tideq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidgt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidlarger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidlt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tidsmaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time", SG_FN_SCALAR, SG_FC_ALLOWED},                           /* cast */
    {"time_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_hash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_hash_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_mi_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_mi_time", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_pl_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"time_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timedate_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timeofday", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* time */
    {"timestamp", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* cast */
    {"timestamp_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_cmp_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_cmp_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_eq_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_eq_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_ge_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_ge_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_gt_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_gt_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_hash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_hash_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_le_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_le_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_lt_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_lt_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_mi_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_ne_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_ne_timestamptz", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_pl_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamp_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* cast */
    {"timestamptz_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_cmp_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_cmp_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_eq_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_eq_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_ge_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_ge_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_gt_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_gt_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_le_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_le_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_lt_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_lt_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_mi", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_mi_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_ne_date", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_ne_timestamp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_pl_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptz_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptztypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timestamptztypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* cast */
    {"timetz_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_hash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_hash_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_mi_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_pl_interval", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetz_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetzdate_pl", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetztypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timetztypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"timezone", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* time */
    {"to_ascii", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* string */
    {"to_char", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* format */
    {"to_date", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* format */
    {"to_hex", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"to_json", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* json */
    {"to_jsonb", SG_FN_SCALAR, SG_FC_ALLOWED},                       /* json */
    {"to_number", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* format */
    {"to_regclass", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_regcollation", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_regnamespace", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_regoper", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_regoperator", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_regproc", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_regprocedure", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_regrole", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_regtype", SG_FN_SCALAR, SG_FC_OUTSIDE_SCOPE},
    {"to_timestamp", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* format */
    {"to_tsquery", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* tsearch */
    {"to_tsvector", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* tsearch */
    {"transaction_timestamp", SG_FN_SCALAR, SG_FC_ALLOWED},          /* time */
    {"translate", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* string */
    {"trigger_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"trigger_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"trim_array", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* array */
    {"trim_scale", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* math */
    {"trunc", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* math */
    /* ts_debug: queries the text search catalogs */
    {"ts_debug", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"ts_delete", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* tsearch */
    {"ts_filter", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* tsearch */
    {"ts_headline", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* tsearch */
    {"ts_lexize", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* tsearch */
    {"ts_match_qv", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* text search */
    {"ts_match_tq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ts_match_tt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"ts_match_vq", SG_FN_SCALAR, SG_FC_ALLOWED},                    /* text search */
    {"ts_parse", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"ts_rank", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* tsearch */
    {"ts_rank_cd", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* tsearch */
    /* ts_rewrite: ts_rewrite(tsquery, text) runs the query the text holds */
    {"ts_rewrite", SG_FN_SCALAR, SG_FC_RUNS_QUERY},
    {"ts_stat", SG_FN_SETOF, SG_FC_RUNS_QUERY},
    {"ts_token_type", SG_FN_SETOF, SG_FC_OUTSIDE_SCOPE},
    {"ts_typanalyze", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsm_handler_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsm_handler_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsmatchjoinsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsmatchsel", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsmultirange", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* range */
    {"tsq_mcontained", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsq_mcontains", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_and", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_not", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_or", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquery_phrase", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* tsearch */
    {"tsqueryin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsqueryout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsqueryrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsquerysend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsrange", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* range */
    {"tsrange_subdiff", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tstzmultirange", SG_FN_SCALAR, SG_FC_ALLOWED},                 /* range */
    {"tstzrange", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* range */
    {"tstzrange_subdiff", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_concat", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_to_array", SG_FN_SCALAR, SG_FC_ALLOWED},              /* tsearch */
    {"tsvector_update_trigger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvector_update_trigger_column", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvectorin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvectorout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvectorrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"tsvectorsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* txid_current: assigns a transaction ID */
    {"txid_current", SG_FN_SCALAR, SG_FC_SIDE_EFFECT},
    {"txid_current_if_assigned", SG_FN_SCALAR, SG_FC_STATE},
    {"txid_current_snapshot", SG_FN_SCALAR, SG_FC_STATE},
    {"txid_snapshot_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"txid_snapshot_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"txid_snapshot_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"txid_snapshot_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"txid_snapshot_xip", SG_FN_SETOF, SG_FC_STATE},
    {"txid_snapshot_xmax", SG_FN_SCALAR, SG_FC_STATE},
    {"txid_snapshot_xmin", SG_FN_SCALAR, SG_FC_STATE},
    {"txid_status", SG_FN_SCALAR, SG_FC_STATE},
    {"txid_visible_in_snapshot", SG_FN_SCALAR, SG_FC_STATE},
    {"uhc_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"unique_key_recheck", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"unistr", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* string */
    {"unknownin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"unknownout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"unknownrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"unknownsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"unnest", SG_FN_SETOF, SG_FC_ALLOWED},                          /* array */
    {"upper", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* string */
    {"upper_inc", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* range */
    {"upper_inf", SG_FN_SCALAR, SG_FC_ALLOWED},                      /* range */
    {"utf8_to_big5", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_euc_cn", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_euc_jis_2004", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_euc_jp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_euc_kr", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_euc_tw", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_gb18030", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_gbk", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_iso8859", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_iso8859_1", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_johab", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_koi8r", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_koi8u", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_shift_jis_2004", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_sjis", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_uhc", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"utf8_to_win", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_hash", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_hash_extended", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"uuid_sortsupport", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"var_pop", SG_FN_AGGREGATE, SG_FC_ALLOWED},                     /* stats */
    {"var_samp", SG_FN_AGGREGATE, SG_FC_ALLOWED},                    /* stats */
    {"varbit", SG_FN_SCALAR, SG_FC_ALLOWED},                         /* cast */
    {"varbit_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbit_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbit_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbit_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbit_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbitcmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbiteq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbitge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbitgt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbitle", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbitlt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbitne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbittypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varbittypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varchar", SG_FN_SCALAR, SG_FC_ALLOWED},                        /* cast */
    {"varchar_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varcharin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varcharout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varcharrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varcharsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varchartypmodin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"varchartypmodout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"variance", SG_FN_AGGREGATE, SG_FC_ALLOWED},                    /* stats */
    {"version", SG_FN_SCALAR, SG_FC_STATE},
    {"void_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"void_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"void_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"void_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"websearch_to_tsquery", SG_FN_SCALAR, SG_FC_ALLOWED},           /* tsearch */
    {"width", SG_FN_SCALAR, SG_FC_ALLOWED},                          /* geo */
    {"width_bucket", SG_FN_SCALAR, SG_FC_ALLOWED},                   /* math */
    {"win1250_to_latin2", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win1250_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win1251_to_iso", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win1251_to_koi8r", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win1251_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win1251_to_win866", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win866_to_iso", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win866_to_koi8r", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win866_to_mic", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win866_to_win1251", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"win_to_utf8", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"window_dense_rank_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"window_rank_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"window_row_number_support", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid", SG_FN_SCALAR, SG_FC_ALLOWED},                            /* cast */
    {"xid8_larger", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8_smaller", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8cmp", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8eq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8ge", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8gt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8le", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8lt", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8ne", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xid8send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xideq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xideqint4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xidin", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xidneq", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xidneqint4", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xidout", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xidrecv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xidsend", SG_FN_SCALAR, SG_FC_INTERNAL},
    /* xml: PostgreSQL's entity loader never reads external entities or DTDs */
    {"xml", SG_FN_SCALAR, SG_FC_UNINTERRUPTIBLE},
    {"xml_in", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xml_is_well_formed", SG_FN_SCALAR, SG_FC_UNINTERRUPTIBLE},
    {"xml_is_well_formed_content", SG_FN_SCALAR, SG_FC_UNINTERRUPTIBLE},
    {"xml_is_well_formed_document", SG_FN_SCALAR, SG_FC_UNINTERRUPTIBLE},
    {"xml_out", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xml_recv", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xml_send", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xmlagg", SG_FN_AGGREGATE, SG_FC_ALLOWED},                      /* agg */
    {"xmlcomment", SG_FN_SCALAR, SG_FC_ALLOWED},                     /* xml */
    {"xmlconcat2", SG_FN_SCALAR, SG_FC_INTERNAL},
    {"xmlexists", SG_FN_SCALAR, SG_FC_UNINTERRUPTIBLE},
    /* xmlvalidate: not implemented: it always raises an error */
    {"xmlvalidate", SG_FN_SCALAR, SG_FC_UNINTERRUPTIBLE},
    {"xpath", SG_FN_SCALAR, SG_FC_UNINTERRUPTIBLE},
    {"xpath_exists", SG_FN_SCALAR, SG_FC_UNINTERRUPTIBLE},
};
/* clang-format on */

#define SG__FUNC_COUNT (sizeof sg__funcs / sizeof sg__funcs[0])

static const struct {
    const char *name;
    const char *reason;
} sg__classes[SG_FC_COUNT] = {
    [SG_FC_ALLOWED] = {"allowed", "allowed"},
    [SG_FC_SIDE_EFFECT] = {"side-effect",
                           "side effect (it writes, locks or changes what outlives the call)"},
    [SG_FC_OUTSIDE_SCOPE] = {"outside-scope", "reads outside the scope (it looks up catalogs, "
                                              "statistics or objects the scope does not name)"},
    [SG_FC_RUNS_QUERY] = {"runs-query", "runs query text (it executes SQL the guard cannot see)"},
    [SG_FC_STATE] = {"state", "server or session state (it reads or changes settings, "
                              "sessions or transactions)"},
    [SG_FC_RESOURCE_HOG] = {"resource-hog",
                            "resource hog (it waits on purpose, holding the connection)"},
    [SG_FC_ADMIN] = {"administration", "administration (server files, configuration, "
                                       "replication, backup, WAL or other sessions)"},
    [SG_FC_INTERNAL] = {"internal",
                        "internal (a support routine of a type, index, operator or aggregate)"},
    [SG_FC_UNINTERRUPTIBLE] = {"uninterruptible",
                               "uninterruptible (it parses XML or runs XPath in libxml2, or makes "
                               "a value whose printing holds memory by the element, where "
                               "PostgreSQL cannot interrupt it: the statement timeout does not "
                               "stop it)"},
};

/* A look-up is asked for every call and every field that is not surely a
 * column: sg__sorted_find compares first bytes inline. */
const sg__func_info *sg__func_find(const char *name)
{
    long i = name ? sg__sorted_find(name, sg__funcs, SG__FUNC_COUNT, sizeof sg__funcs[0]) : -1;
    return i >= 0 ? &sg__funcs[i] : NULL;
}

const sg__func_info *sg__func_lookup(const char *name)
{
    const sg__func_info *info = sg__func_find(name);
    return info && info->cls == SG_FC_ALLOWED ? info : NULL;
}

const sg__func_info *sg__func_list(size_t *count)
{
    if (count != NULL)
        *count = SG__FUNC_COUNT;
    return sg__funcs;
}

const char *sg__func_class_name(sg__func_class cls)
{
    return (unsigned)cls < SG_FC_COUNT ? sg__classes[cls].name : "unknown";
}

const char *sg__func_class_reason(sg__func_class cls)
{
    return (unsigned)cls < SG_FC_COUNT ? sg__classes[cls].reason : "unknown";
}

int sg__tablesample_method_allowed(const char *name)
{
    if (name == NULL)
        return 0;
    return strcmp(name, "system") == 0 || strcmp(name, "bernoulli") == 0;
}
