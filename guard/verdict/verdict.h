/*
 * verdict.h - what a check hands back to the caller.
 */
#ifndef SG_VERDICT_VERDICT_H
#define SG_VERDICT_VERDICT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "decode/catalog.h"
#include "decode/operation.h"
#include "sqlguard.h"
#include "util/arena.h"

struct sg_verdict {
    sg__arena arena;
    sg__operation op; /* op.root owned here */
    bool allowed;
    const char *operation; /* kind as declared */
    sg_diagnostic *diags;
    size_t diag_count;
    bool diags_truncated;
    sg_resolved_table *tables;
    size_t table_count;
    const char *compiled_sql;   /* NULL when not reached */
    const cJSON **param_values; /* ordered, nodes of op.root */
    /* The same values as compact JSON, built when first asked for
     * (sg__verdict_params_json): one heap block, published once, freed with
     * the verdict. NULL until then. */
    _Atomic(const char **) params_json;
    size_t param_count;
    /* named style: names[i] bound to $(i+1); NULL otherwise */
    const char **param_names;
    /* what an executor needs (borrowed from the catalog) */
    const sg__data_source *source;
    long long max_rows;
    long long statement_timeout_ms;
    /* lint: the statement is DDL of any object (or SELECT ... INTO): a
     * migration's */
    bool changes_schema;
    /* lint: the statement is `SET search_path` (facts.h's search_path) */
    bool search_path_set;
    bool search_path_local;
    const char *search_path;
    const char *temp_created; /* the temporary table it creates (facts.h's) */
    bool temp_on_commit_drop;
    const char *const *temp_dropped; /* facts.h's */
    size_t temp_dropped_count;
    bool discard_temp;
    bool discard_all; /* DISCARD ALL */
    int tx;           /* SG__VERDICT_TX_* (facts.h's SG_TX_*) */
    const char *tx_savepoint;
    bool tx_chain;
    /* the policy denies columns (column.denied): the row values a constraint
     * error's detail shows are withheld from the result (execute.c) */
    bool withhold_row_values;
};

/* The transaction statement a linted statement is (sg_verdict.tx). */
enum {
    SG__VERDICT_TX_NONE = 0,
    SG__VERDICT_TX_BEGIN,
    SG__VERDICT_TX_COMMIT,
    SG__VERDICT_TX_ROLLBACK,
    SG__VERDICT_TX_SAVEPOINT,
    SG__VERDICT_TX_RELEASE,
    SG__VERDICT_TX_ROLLBACK_TO
};

/* The text of every parameter value (param_count of them) as compact JSON,
 * built on the first call and kept by the verdict; safe to call from several
 * threads at once. NULL when memory ran out (and when there are none). */
const char *const *sg__verdict_params_json(const sg_verdict *verdict);

#endif
