/*
 * operation.h - the decoded operation (contract section 1).
 *
 * The record rules read: every member a rule needs is plain data (the limits
 * and the parameters' shape included); the cJSON tree stays behind the
 * decoder, the parameter binding and the verdict.
 */
#ifndef SG_DECODE_OPERATION_H
#define SG_DECODE_OPERATION_H

#include <stdbool.h>
#include <stddef.h>

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

struct cJSON;

/* The JSON type of "parameters". */
typedef enum {
    SG_PARAMS_NONE = 0, /* no usable values: absent or invalid (op.invalid), or SQL linted
                         * on its own */
    SG_PARAMS_OBJECT,   /* {"name": value, ...}, for %(name)s */
    SG_PARAMS_ARRAY     /* [value, ...], for %s and $n */
} sg__params_shape;

/* One of the operation's limits as written, for the limits rules. */
typedef struct sg__op_limit {
    const char *key; /* "max_rows" or "statement_timeout_ms", for messages */
    bool present;    /* the key is in "limits" */
    bool is_number;  /* its value is a JSON number */
    bool is_integer; /* ... a finite one without a fraction */
    double value;    /* the number, when is_number */
} sg__op_limit;

typedef struct sg__scope_entry {
    const char *meta_table_uid;
    const char *alias;
    const char *access_text; /* as written */
    sg_access access;        /* NONE when access_text is not read/write */
} sg__scope_entry;

typedef struct sg__operation {
    struct cJSON *root;       /* owns every cJSON node below */
    bool root_in_arena;       /* the tree lives in the verdict's arena: no cJSON_Delete */
    sg__op_kind kind;
    const char *kind_text;    /* as written, "" when missing */
    const char *sql;
    size_t sql_len;
    const struct cJSON *parameters; /* object or array, or NULL when unusable: the
                                     * values, for binding (resolve/params.c) */
    sg__params_shape params_shape;
    size_t param_count;       /* values supplied */
    const char **param_names; /* an object's keys, in order; NULL for an array */
    const char *data_source_uid;
    sg__scope_entry *scope;
    size_t scope_count;
    bool has_limits;          /* "limits" is an object */
    sg__op_limit max_rows;
    sg__op_limit statement_timeout_ms;
    bool lint;                /* SQL linted on its own: no operation, no values */
} sg__operation;

/* Decodes the operation JSON strictly; problems become op.invalid / limits
 * diagnostics. Returns -1 on allocation failure. */
int sg__decode_operation(sg__arena *arena, const char *json, size_t len,
                         const sg_check_options *opts, sg__operation *op, sg__diags *d);

#endif
