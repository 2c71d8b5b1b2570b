/*
 * operation.h - the decoded operation (contract section 1).
 */
#ifndef SG_DECODE_OPERATION_H
#define SG_DECODE_OPERATION_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag/diag.h"
#include "sqlguard.h"
#include "util/arena.h"

typedef enum {
    SG_OP_UNKNOWN = 0,
    SG_OP_SELECT,
    SG_OP_INSERT,
    SG_OP_UPDATE,
    SG_OP_DELETE,
    SG_OP_MERGE
} sg__op_kind;

typedef struct sg__scope_entry {
    const char *meta_table_uid;
    const char *alias;
    const char *access_text; /* as written */
    sg_access access;        /* NONE when access_text is not read/write */
} sg__scope_entry;

typedef struct sg__operation {
    cJSON *root;              /* owns every cJSON node below */
    bool root_in_arena;       /* the tree lives in the verdict's arena: no cJSON_Delete */
    sg__op_kind kind;
    const char *kind_text;    /* as written, "" when missing */
    const char *sql;
    size_t sql_len;
    const cJSON *parameters;  /* object or array, or NULL when unusable */
    const char *data_source_uid;
    sg__scope_entry *scope;
    size_t scope_count;
    bool has_limits;
    const cJSON *max_rows;    /* NULL when absent */
    const cJSON *statement_timeout_ms;
    bool lint;                /* SQL linted on its own: no operation, no values */
} sg__operation;

/* Decodes the operation JSON strictly; problems become op.invalid / limits
 * diagnostics. Returns -1 on allocation failure. */
int sg__decode_operation(sg__arena *arena, const char *json, size_t len,
                         const sg_check_options *opts, sg__operation *op, sg__diags *d);

#endif
