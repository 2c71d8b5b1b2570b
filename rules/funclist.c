/*
 * funclist.c - the default function allow-list: the side-effect-free
 * PostgreSQL 15 built-ins a guarded statement may call, as sorted data.
 * It is an allow-list because deny-lists leak: SQL-from-string functions such
 * as query_to_xml, ts_stat, xpath_table, crosstab and dblink carry table names
 * inside strings that the parse tree never shows, so anything unknown is denied.
 */
#include "funclist.h"

#include <stdlib.h>
#include <string.h>

/*
 * Sorted by name in strcmp order (the tests check it) so that bsearch works.
 * The trailing comment names each entry's family:
 *   math, trig    arithmetic, rounding, numeric helpers, trigonometry
 *   string        text and bytea functions, regular expressions, hashing
 *   bits          bit and byte access on bit strings and bytea
 *   time          date/time construction, arithmetic and current time
 *   format        to_char and the to_* parsing functions
 *   cond          null counting
 *   json          json/jsonb construction, access and jsonpath
 *   array         array functions and the set-returning array helpers
 *   range         range constructors and predicates
 *   net           inet/cidr helpers
 *   tsearch       text search functions that take no table or query text
 *   uuid          random UUIDs
 *   agg, stats    ordinary aggregates
 *   ordset        ordered-set aggregates
 *   rank          hypothetical-set aggregates that are also window functions
 *   window        window-only functions
 * Some entries exist because the grammar rewrites syntax into function calls
 * (EXTRACT, OVERLAPS, AT TIME ZONE, LIKE ... ESCAPE, SIMILAR TO, IS NORMALIZED,
 * TRIM, POSITION, SUBSTRING, OVERLAY), which reach the guard as calls to
 * pg_catalog functions.
 */
static const sg__func_info sg__funcs[] = {
    {"abbrev", SG_FN_SCALAR},                         /* net */
    {"abs", SG_FN_SCALAR},                            /* math */
    {"acos", SG_FN_SCALAR},                           /* trig */
    {"acosd", SG_FN_SCALAR},                          /* trig */
    {"acosh", SG_FN_SCALAR},                          /* trig */
    {"age", SG_FN_SCALAR},                            /* time */
    {"array_agg", SG_FN_AGGREGATE},                   /* agg */
    {"array_append", SG_FN_SCALAR},                   /* array */
    {"array_cat", SG_FN_SCALAR},                      /* array */
    {"array_dims", SG_FN_SCALAR},                     /* array */
    {"array_fill", SG_FN_SCALAR},                     /* array */
    {"array_length", SG_FN_SCALAR},                   /* array */
    {"array_lower", SG_FN_SCALAR},                    /* array */
    {"array_ndims", SG_FN_SCALAR},                    /* array */
    {"array_position", SG_FN_SCALAR},                 /* array */
    {"array_positions", SG_FN_SCALAR},                /* array */
    {"array_prepend", SG_FN_SCALAR},                  /* array */
    {"array_remove", SG_FN_SCALAR},                   /* array */
    {"array_replace", SG_FN_SCALAR},                  /* array */
    {"array_to_json", SG_FN_SCALAR},                  /* json */
    {"array_to_string", SG_FN_SCALAR},                /* array */
    {"array_upper", SG_FN_SCALAR},                    /* array */
    {"ascii", SG_FN_SCALAR},                          /* string */
    {"asin", SG_FN_SCALAR},                           /* trig */
    {"asind", SG_FN_SCALAR},                          /* trig */
    {"asinh", SG_FN_SCALAR},                          /* trig */
    {"atan", SG_FN_SCALAR},                           /* trig */
    {"atan2", SG_FN_SCALAR},                          /* trig */
    {"atan2d", SG_FN_SCALAR},                         /* trig */
    {"atand", SG_FN_SCALAR},                          /* trig */
    {"atanh", SG_FN_SCALAR},                          /* trig */
    {"avg", SG_FN_AGGREGATE},                         /* agg */
    {"bit_and", SG_FN_AGGREGATE},                     /* agg */
    {"bit_count", SG_FN_SCALAR},                      /* bits */
    {"bit_length", SG_FN_SCALAR},                     /* string */
    {"bit_or", SG_FN_AGGREGATE},                      /* agg */
    {"bit_xor", SG_FN_AGGREGATE},                     /* agg */
    {"bool_and", SG_FN_AGGREGATE},                    /* agg */
    {"bool_or", SG_FN_AGGREGATE},                     /* agg */
    {"broadcast", SG_FN_SCALAR},                      /* net */
    {"btrim", SG_FN_SCALAR},                          /* string */
    {"cardinality", SG_FN_SCALAR},                    /* array */
    {"cbrt", SG_FN_SCALAR},                           /* math */
    {"ceil", SG_FN_SCALAR},                           /* math */
    {"ceiling", SG_FN_SCALAR},                        /* math */
    {"char_length", SG_FN_SCALAR},                    /* string */
    {"character_length", SG_FN_SCALAR},               /* string */
    {"chr", SG_FN_SCALAR},                            /* string */
    {"clock_timestamp", SG_FN_SCALAR},                /* time */
    {"concat", SG_FN_SCALAR},                         /* string */
    {"concat_ws", SG_FN_SCALAR},                      /* string */
    {"convert", SG_FN_SCALAR},                        /* string */
    {"convert_from", SG_FN_SCALAR},                   /* string */
    {"convert_to", SG_FN_SCALAR},                     /* string */
    {"corr", SG_FN_AGGREGATE},                        /* stats */
    {"cos", SG_FN_SCALAR},                            /* trig */
    {"cosd", SG_FN_SCALAR},                           /* trig */
    {"cosh", SG_FN_SCALAR},                           /* trig */
    {"cot", SG_FN_SCALAR},                            /* trig */
    {"cotd", SG_FN_SCALAR},                           /* trig */
    {"count", SG_FN_AGGREGATE},                       /* agg */
    {"covar_pop", SG_FN_AGGREGATE},                   /* stats */
    {"covar_samp", SG_FN_AGGREGATE},                  /* stats */
    {"cume_dist", SG_FN_AGGREGATE | SG_FN_WINDOW},    /* rank */
    {"date_bin", SG_FN_SCALAR},                       /* time */
    {"date_part", SG_FN_SCALAR},                      /* time */
    {"date_trunc", SG_FN_SCALAR},                     /* time */
    {"daterange", SG_FN_SCALAR},                      /* range */
    {"decode", SG_FN_SCALAR},                         /* string */
    {"degrees", SG_FN_SCALAR},                        /* math */
    {"dense_rank", SG_FN_AGGREGATE | SG_FN_WINDOW},   /* rank */
    {"div", SG_FN_SCALAR},                            /* math */
    {"encode", SG_FN_SCALAR},                         /* string */
    {"every", SG_FN_AGGREGATE},                       /* agg */
    {"exp", SG_FN_SCALAR},                            /* math */
    {"extract", SG_FN_SCALAR},                        /* time */
    {"factorial", SG_FN_SCALAR},                      /* math */
    {"family", SG_FN_SCALAR},                         /* net */
    {"first_value", SG_FN_WINDOW},                    /* window */
    {"floor", SG_FN_SCALAR},                          /* math */
    {"format", SG_FN_SCALAR},                         /* string */
    {"gcd", SG_FN_SCALAR},                            /* math */
    {"gen_random_uuid", SG_FN_SCALAR},                /* uuid */
    {"generate_series", SG_FN_SETOF},                 /* array */
    {"generate_subscripts", SG_FN_SETOF},             /* array */
    {"get_bit", SG_FN_SCALAR},                        /* bits */
    {"get_byte", SG_FN_SCALAR},                       /* bits */
    {"host", SG_FN_SCALAR},                           /* net */
    {"hostmask", SG_FN_SCALAR},                       /* net */
    {"inet_merge", SG_FN_SCALAR},                     /* net */
    {"inet_same_family", SG_FN_SCALAR},               /* net */
    {"initcap", SG_FN_SCALAR},                        /* string */
    {"int4range", SG_FN_SCALAR},                      /* range */
    {"int8range", SG_FN_SCALAR},                      /* range */
    {"is_normalized", SG_FN_SCALAR},                  /* string */
    {"isempty", SG_FN_SCALAR},                        /* range */
    {"isfinite", SG_FN_SCALAR},                       /* time */
    {"json_agg", SG_FN_AGGREGATE},                    /* agg */
    {"json_array_elements", SG_FN_SETOF},             /* json */
    {"json_array_elements_text", SG_FN_SETOF},        /* json */
    {"json_array_length", SG_FN_SCALAR},              /* json */
    {"json_build_array", SG_FN_SCALAR},               /* json */
    {"json_build_object", SG_FN_SCALAR},              /* json */
    {"json_each", SG_FN_SETOF},                       /* json */
    {"json_each_text", SG_FN_SETOF},                  /* json */
    {"json_extract_path", SG_FN_SCALAR},              /* json */
    {"json_extract_path_text", SG_FN_SCALAR},         /* json */
    {"json_object", SG_FN_SCALAR},                    /* json */
    {"json_object_agg", SG_FN_AGGREGATE},             /* agg */
    {"json_object_keys", SG_FN_SETOF},                /* json */
    {"json_strip_nulls", SG_FN_SCALAR},               /* json */
    {"json_to_record", SG_FN_SCALAR},                 /* json */
    {"json_to_recordset", SG_FN_SETOF},               /* json */
    {"json_typeof", SG_FN_SCALAR},                    /* json */
    {"jsonb_agg", SG_FN_AGGREGATE},                   /* agg */
    {"jsonb_array_elements", SG_FN_SETOF},            /* json */
    {"jsonb_array_elements_text", SG_FN_SETOF},       /* json */
    {"jsonb_array_length", SG_FN_SCALAR},             /* json */
    {"jsonb_build_array", SG_FN_SCALAR},              /* json */
    {"jsonb_build_object", SG_FN_SCALAR},             /* json */
    {"jsonb_each", SG_FN_SETOF},                      /* json */
    {"jsonb_each_text", SG_FN_SETOF},                 /* json */
    {"jsonb_extract_path", SG_FN_SCALAR},             /* json */
    {"jsonb_extract_path_text", SG_FN_SCALAR},        /* json */
    {"jsonb_insert", SG_FN_SCALAR},                   /* json */
    {"jsonb_object", SG_FN_SCALAR},                   /* json */
    {"jsonb_object_agg", SG_FN_AGGREGATE},            /* agg */
    {"jsonb_object_keys", SG_FN_SETOF},               /* json */
    {"jsonb_path_exists", SG_FN_SCALAR},              /* json */
    {"jsonb_path_match", SG_FN_SCALAR},               /* json */
    {"jsonb_path_query", SG_FN_SETOF},                /* json */
    {"jsonb_path_query_array", SG_FN_SCALAR},         /* json */
    {"jsonb_path_query_first", SG_FN_SCALAR},         /* json */
    {"jsonb_pretty", SG_FN_SCALAR},                   /* json */
    {"jsonb_set", SG_FN_SCALAR},                      /* json */
    {"jsonb_set_lax", SG_FN_SCALAR},                  /* json */
    {"jsonb_strip_nulls", SG_FN_SCALAR},              /* json */
    {"jsonb_to_record", SG_FN_SCALAR},                /* json */
    {"jsonb_to_recordset", SG_FN_SETOF},              /* json */
    {"jsonb_typeof", SG_FN_SCALAR},                   /* json */
    {"justify_days", SG_FN_SCALAR},                   /* time */
    {"justify_hours", SG_FN_SCALAR},                  /* time */
    {"justify_interval", SG_FN_SCALAR},               /* time */
    {"lag", SG_FN_WINDOW},                            /* window */
    {"last_value", SG_FN_WINDOW},                     /* window */
    {"lcm", SG_FN_SCALAR},                            /* math */
    {"lead", SG_FN_WINDOW},                           /* window */
    {"left", SG_FN_SCALAR},                           /* string */
    {"length", SG_FN_SCALAR},                         /* string */
    {"like_escape", SG_FN_SCALAR},                    /* string */
    {"ln", SG_FN_SCALAR},                             /* math */
    {"log", SG_FN_SCALAR},                            /* math */
    {"log10", SG_FN_SCALAR},                          /* math */
    {"lower", SG_FN_SCALAR},                          /* string */
    {"lower_inc", SG_FN_SCALAR},                      /* range */
    {"lower_inf", SG_FN_SCALAR},                      /* range */
    {"lpad", SG_FN_SCALAR},                           /* string */
    {"ltrim", SG_FN_SCALAR},                          /* string */
    {"make_date", SG_FN_SCALAR},                      /* time */
    {"make_interval", SG_FN_SCALAR},                  /* time */
    {"make_time", SG_FN_SCALAR},                      /* time */
    {"make_timestamp", SG_FN_SCALAR},                 /* time */
    {"make_timestamptz", SG_FN_SCALAR},               /* time */
    {"masklen", SG_FN_SCALAR},                        /* net */
    {"max", SG_FN_AGGREGATE},                         /* agg */
    {"md5", SG_FN_SCALAR},                            /* string */
    {"min", SG_FN_AGGREGATE},                         /* agg */
    {"min_scale", SG_FN_SCALAR},                      /* math */
    {"mod", SG_FN_SCALAR},                            /* math */
    {"mode", SG_FN_AGGREGATE},                        /* ordset */
    {"netmask", SG_FN_SCALAR},                        /* net */
    {"network", SG_FN_SCALAR},                        /* net */
    {"normalize", SG_FN_SCALAR},                      /* string */
    {"now", SG_FN_SCALAR},                            /* time */
    {"nth_value", SG_FN_WINDOW},                      /* window */
    {"ntile", SG_FN_WINDOW},                          /* window */
    {"num_nonnulls", SG_FN_SCALAR},                   /* cond */
    {"num_nulls", SG_FN_SCALAR},                      /* cond */
    {"numnode", SG_FN_SCALAR},                        /* tsearch */
    {"numrange", SG_FN_SCALAR},                       /* range */
    {"octet_length", SG_FN_SCALAR},                   /* string */
    {"overlaps", SG_FN_SCALAR},                       /* time */
    {"overlay", SG_FN_SCALAR},                        /* string */
    {"percent_rank", SG_FN_AGGREGATE | SG_FN_WINDOW}, /* rank */
    {"percentile_cont", SG_FN_AGGREGATE},             /* ordset */
    {"percentile_disc", SG_FN_AGGREGATE},             /* ordset */
    {"phraseto_tsquery", SG_FN_SCALAR},               /* tsearch */
    {"pi", SG_FN_SCALAR},                             /* math */
    {"plainto_tsquery", SG_FN_SCALAR},                /* tsearch */
    {"position", SG_FN_SCALAR},                       /* string */
    {"pow", SG_FN_SCALAR},                            /* math */
    {"power", SG_FN_SCALAR},                          /* math */
    {"querytree", SG_FN_SCALAR},                      /* tsearch */
    {"quote_ident", SG_FN_SCALAR},                    /* string */
    {"quote_literal", SG_FN_SCALAR},                  /* string */
    {"quote_nullable", SG_FN_SCALAR},                 /* string */
    {"radians", SG_FN_SCALAR},                        /* math */
    {"random", SG_FN_SCALAR},                         /* math */
    {"range_agg", SG_FN_AGGREGATE},                   /* agg */
    {"range_intersect_agg", SG_FN_AGGREGATE},         /* agg */
    {"range_merge", SG_FN_SCALAR},                    /* range */
    {"rank", SG_FN_AGGREGATE | SG_FN_WINDOW},         /* rank */
    {"regexp_count", SG_FN_SCALAR},                   /* string */
    {"regexp_instr", SG_FN_SCALAR},                   /* string */
    {"regexp_like", SG_FN_SCALAR},                    /* string */
    {"regexp_match", SG_FN_SCALAR},                   /* string */
    {"regexp_matches", SG_FN_SETOF},                  /* string */
    {"regexp_replace", SG_FN_SCALAR},                 /* string */
    {"regexp_split_to_array", SG_FN_SCALAR},          /* string */
    {"regexp_split_to_table", SG_FN_SETOF},           /* string */
    {"regexp_substr", SG_FN_SCALAR},                  /* string */
    {"regr_avgx", SG_FN_AGGREGATE},                   /* stats */
    {"regr_avgy", SG_FN_AGGREGATE},                   /* stats */
    {"regr_count", SG_FN_AGGREGATE},                  /* stats */
    {"regr_intercept", SG_FN_AGGREGATE},              /* stats */
    {"regr_r2", SG_FN_AGGREGATE},                     /* stats */
    {"regr_slope", SG_FN_AGGREGATE},                  /* stats */
    {"regr_sxx", SG_FN_AGGREGATE},                    /* stats */
    {"regr_sxy", SG_FN_AGGREGATE},                    /* stats */
    {"regr_syy", SG_FN_AGGREGATE},                    /* stats */
    {"repeat", SG_FN_SCALAR},                         /* string */
    {"replace", SG_FN_SCALAR},                        /* string */
    {"reverse", SG_FN_SCALAR},                        /* string */
    {"right", SG_FN_SCALAR},                          /* string */
    {"round", SG_FN_SCALAR},                          /* math */
    {"row_number", SG_FN_WINDOW},                     /* window */
    {"row_to_json", SG_FN_SCALAR},                    /* json */
    {"rpad", SG_FN_SCALAR},                           /* string */
    {"rtrim", SG_FN_SCALAR},                          /* string */
    {"scale", SG_FN_SCALAR},                          /* math */
    {"set_bit", SG_FN_SCALAR},                        /* bits */
    {"set_byte", SG_FN_SCALAR},                       /* bits */
    {"set_masklen", SG_FN_SCALAR},                    /* net */
    {"setweight", SG_FN_SCALAR},                      /* tsearch */
    {"sha224", SG_FN_SCALAR},                         /* string */
    {"sha256", SG_FN_SCALAR},                         /* string */
    {"sha384", SG_FN_SCALAR},                         /* string */
    {"sha512", SG_FN_SCALAR},                         /* string */
    {"sign", SG_FN_SCALAR},                           /* math */
    {"similar_to_escape", SG_FN_SCALAR},              /* string */
    {"sin", SG_FN_SCALAR},                            /* trig */
    {"sind", SG_FN_SCALAR},                           /* trig */
    {"sinh", SG_FN_SCALAR},                           /* trig */
    {"split_part", SG_FN_SCALAR},                     /* string */
    {"sqrt", SG_FN_SCALAR},                           /* math */
    {"starts_with", SG_FN_SCALAR},                    /* string */
    {"statement_timestamp", SG_FN_SCALAR},            /* time */
    {"stddev", SG_FN_AGGREGATE},                      /* stats */
    {"stddev_pop", SG_FN_AGGREGATE},                  /* stats */
    {"stddev_samp", SG_FN_AGGREGATE},                 /* stats */
    {"string_agg", SG_FN_AGGREGATE},                  /* agg */
    {"string_to_array", SG_FN_SCALAR},                /* string */
    {"string_to_table", SG_FN_SETOF},                 /* string */
    {"strip", SG_FN_SCALAR},                          /* tsearch */
    {"strpos", SG_FN_SCALAR},                         /* string */
    {"substr", SG_FN_SCALAR},                         /* string */
    {"substring", SG_FN_SCALAR},                      /* string */
    {"sum", SG_FN_AGGREGATE},                         /* agg */
    {"tan", SG_FN_SCALAR},                            /* trig */
    {"tand", SG_FN_SCALAR},                           /* trig */
    {"tanh", SG_FN_SCALAR},                           /* trig */
    {"timeofday", SG_FN_SCALAR},                      /* time */
    {"timezone", SG_FN_SCALAR},                       /* time */
    {"to_char", SG_FN_SCALAR},                        /* format */
    {"to_date", SG_FN_SCALAR},                        /* format */
    {"to_hex", SG_FN_SCALAR},                         /* string */
    {"to_json", SG_FN_SCALAR},                        /* json */
    {"to_jsonb", SG_FN_SCALAR},                       /* json */
    {"to_number", SG_FN_SCALAR},                      /* format */
    {"to_timestamp", SG_FN_SCALAR},                   /* format */
    {"to_tsquery", SG_FN_SCALAR},                     /* tsearch */
    {"to_tsvector", SG_FN_SCALAR},                    /* tsearch */
    {"transaction_timestamp", SG_FN_SCALAR},          /* time */
    {"translate", SG_FN_SCALAR},                      /* string */
    {"trim_array", SG_FN_SCALAR},                     /* array */
    {"trim_scale", SG_FN_SCALAR},                     /* math */
    {"trunc", SG_FN_SCALAR},                          /* math */
    {"ts_headline", SG_FN_SCALAR},                    /* tsearch */
    {"ts_rank", SG_FN_SCALAR},                        /* tsearch */
    {"ts_rank_cd", SG_FN_SCALAR},                     /* tsearch */
    {"tsrange", SG_FN_SCALAR},                        /* range */
    {"tstzrange", SG_FN_SCALAR},                      /* range */
    {"unistr", SG_FN_SCALAR},                         /* string */
    {"unnest", SG_FN_SETOF},                          /* array */
    {"upper", SG_FN_SCALAR},                          /* string */
    {"upper_inc", SG_FN_SCALAR},                      /* range */
    {"upper_inf", SG_FN_SCALAR},                      /* range */
    {"var_pop", SG_FN_AGGREGATE},                     /* stats */
    {"var_samp", SG_FN_AGGREGATE},                    /* stats */
    {"variance", SG_FN_AGGREGATE},                    /* stats */
    {"websearch_to_tsquery", SG_FN_SCALAR},           /* tsearch */
    {"width_bucket", SG_FN_SCALAR},                   /* math */
};

#define SG__FUNC_COUNT (sizeof sg__funcs / sizeof sg__funcs[0])

static int sg__func_cmp(const void *key, const void *elem)
{
    const sg__func_info *info = elem;
    return strcmp(key, info->name);
}

const sg__func_info *sg__func_lookup(const char *name)
{
    if (name == NULL)
        return NULL;
    return bsearch(name, sg__funcs, SG__FUNC_COUNT, sizeof sg__funcs[0], sg__func_cmp);
}

const sg__func_info *sg__func_list(size_t *count)
{
    if (count != NULL)
        *count = SG__FUNC_COUNT;
    return sg__funcs;
}

int sg__tablesample_method_allowed(const char *name)
{
    if (name == NULL)
        return 0;
    return strcmp(name, "system") == 0 || strcmp(name, "bernoulli") == 0;
}
