/*
 * execute.c - from an allowed verdict to an executor, and back to a result.
 *
 * sg_execute() is the only way into an executor: it refuses a verdict that
 * denies before touching the executor, and builds the statement from the
 * verdict alone (compiled SQL, ordered parameters, data source, limits), so
 * what runs is exactly what was checked. Parameters are handed over both as
 * JSON and in PostgreSQL's text form: arrays become array literals, objects
 * json text, numbers keep the caller's digits. Every result says what became of
 * the transaction (committed, rolled back, not started, unknown): an executor
 * that leaves the status unset gets it derived here, never as committed unless
 * it said ok without a rollback.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "resolve/params.h"
#include "verdict/verdict.h"
#include "util/error.h"
#include "util/json.h"

struct sg_executor {
    const sg_executor_vtable *vt;
    void *self;
};

struct sg_result {
    sg__arena arena;
    sg_exec_outcome outcome;
    long long max_rows;
    const char **columns;
    size_t column_count;
    sg__vec rows;   /* const char ** per row, column_count cells */
    bool failed;    /* allocation failure while collecting */
    bool is_select; /* a select: a capped page continues at next_offset; a write cannot */
};

int sg_executor_new(const sg_executor_vtable *vt, void *self, sg_executor **out)
{
    if (!out)
        return SG_EINVAL;
    *out = NULL;
    if (!vt || vt->version < 1 || !vt->open || !vt->execute || !vt->close)
        return SG_EINVAL;
    sg_executor *e = sg__malloc(sizeof *e);
    if (!e)
        return SG_ENOMEM;
    e->vt = vt;
    e->self = self;
    *out = e;
    return SG_OK;
}

void sg_executor_free(sg_executor *e)
{
    if (!e)
        return;
    if (e->vt->destroy)
        e->vt->destroy(e->self);
    sg__free(e);
}

/* ---- collecting rows ---- */

static int collect_columns(void *ctx, size_t n, const char *const *names)
{
    sg_result *r = ctx;
    r->columns = sg__arena_alloc(&r->arena, (n + 1) * sizeof *r->columns);
    if (!r->columns)
        goto fail;
    for (size_t i = 0; i < n; i++)
        if (!(r->columns[i] = sg__arena_strdup(&r->arena, names[i] ? names[i] : "")))
            goto fail;
    r->column_count = n;
    return 0;
fail:
    r->failed = true;
    return -1;
}

static int collect_row(void *ctx, size_t n, const char *const *values)
{
    sg_result *r = ctx;
    const char ***slot = sg__vec_push(&r->arena, &r->rows, sizeof *slot);
    const char **cells = sg__arena_alloc(&r->arena, (r->column_count + 1) * sizeof *cells);
    if (!slot || !cells)
        goto fail;
    for (size_t i = 0; i < r->column_count && i < n; i++)
        if (values[i] && !(cells[i] = sg__arena_strdup(&r->arena, values[i])))
            goto fail;
    *slot = cells;
    return 0;
fail:
    r->failed = true;
    return -1;
}

const char *sg_exec_status_name(sg_exec_status status)
{
    switch (status) {
    case SG_EXEC_COMMITTED:
        return "committed";
    case SG_EXEC_ROLLED_BACK:
        return "rolled_back";
    case SG_EXEC_NOT_STARTED:
        return "not_started";
    case SG_EXEC_UNKNOWN:
        return "unknown";
    case SG_EXEC_UNSET:
        break;
    }
    return "unset";
}

/* The status of an outcome whose executor left it unset (or set it out of range): what ok
 * and rolled_back say, and not started when neither tells that anything ran. */
static void settle_status(sg_exec_outcome *o)
{
    if (o->status >= SG_EXEC_COMMITTED && o->status <= SG_EXEC_UNKNOWN)
        return;
    o->status = o->rolled_back ? SG_EXEC_ROLLED_BACK
                : o->ok        ? SG_EXEC_COMMITTED
                               : SG_EXEC_NOT_STARTED;
}

/* An integrity constraint's error (SQLSTATE class 23) details the row it
 * refused, or its key: "Failing row contains (...)" lists every column of
 * the row, those the statement never named too. Where the policy denies
 * columns, a write made to fail on purpose (SET c = NULL on a NOT NULL
 * column) would read them one row at a time: the detail is withheld. */
static void withhold_row_values(const sg_verdict *v, sg_exec_outcome *o)
{
    if (!v->withhold_row_values || o->ok || strncmp(o->sqlstate, "23", 2) != 0 || !o->detail[0])
        return;
    snprintf(o->detail, sizeof o->detail, "%s",
             "(withheld: the policy denies columns, and this detail may show a row's values)");
}

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sg_execute(sg_executor *ex, const sg_verdict *v, sg_result **out, sg_error *err)
{
    return sg_execute_opts(ex, v, NULL, out, err);
}

int sg_execute_opts(sg_executor *ex, const sg_verdict *v, const sg_execute_options *opts,
                    sg_result **out, sg_error *err)
{
    if (!out)
        return sg__set_error(err, SG_EINVAL, "%s", "sg_execute: out is required");
    *out = NULL;
    if (opts &&
        (opts->version < 1 || opts->version > SG_EXECUTE_OPTIONS_VERSION || opts->deadline_ms < 0))
        return sg__set_error(err, SG_EINVAL, "%s",
                             "sg_execute_opts: unknown options version or negative deadline");
    long long deadline = opts && opts->deadline_ms > 0 ? monotonic_ms() + opts->deadline_ms : 0;
    if (!ex || !v) {
        sg__set_error(err, SG_EINVAL, "%s", "sg_execute: executor and verdict are required");
        return SG_EINVAL;
    }
    if (!v->allowed || !v->compiled_sql || !v->source || v->max_rows <= 0 ||
        v->statement_timeout_ms <= 0) {
        sg__set_error(err, SG_EDENIED, "%s", "the verdict denies the operation; nothing was run");
        return SG_EDENIED;
    }

    sg_result *r = sg__malloc(sizeof *r);
    if (!r)
        return SG_ENOMEM;
    memset(r, 0, sizeof *r);
    sg__arena_init(&r->arena);
    r->max_rows = v->max_rows;

    const char **params = sg__arena_alloc(&r->arena, (v->param_count + 1) * sizeof *params);
    if (!params)
        goto oom;
    for (size_t i = 0; i < v->param_count; i++) {
        const cJSON *value = v->param_values[i];
        bool is_null;
        params[i] = sg__param_value_text(&r->arena, value, &is_null);
        if (!params[i] && !is_null)
            goto oom;
    }
    const char *const *params_json = sg__verdict_params_json(v);
    if (v->param_count && !params_json)
        goto oom;
    sg_statement stmt = {v->operation,
                         v->compiled_sql,
                         v->param_count,
                         params,
                         params_json,
                         v->source->uid,
                         v->source->default_schema,
                         v->max_rows,
                         v->statement_timeout_ms,
                         deadline};

    void *session = NULL;
    int rc = ex->vt->open(ex->self, v->source->uid, v->source->dsn, &session, err);
    if (rc != SG_OK) {
        sg_result_free(r);
        return rc < 0 ? rc : SG_ECONNECT;
    }
    sg_row_sink sink = {collect_columns, collect_row, r};
    rc = ex->vt->execute(session, &stmt, &sink, &r->outcome);
    ex->vt->close(ex->self, session);
    if (r->failed)
        goto oom;
    if (rc != SG_OK) {
        sg__set_error(err, rc, "%s", r->outcome.message[0] ? r->outcome.message : sg_strerror(rc));
        sg_result_free(r);
        return rc;
    }
    settle_status(&r->outcome);
    withhold_row_values(v, &r->outcome);
    if (!r->outcome.ok) {
        /* a failed statement returns no rows: a rolled back write's RETURNING
         * rows never happened, and a select cut short is no page */
        r->rows.count = 0;
        r->outcome.rows = 0;
        r->outcome.has_more = false;
        r->outcome.affected_known = false;
    }
    r->is_select = v->operation && strcmp(v->operation, "select") == 0;
    *out = r;
    return SG_OK;
oom:
    sg_result_free(r);
    sg__set_error(err, SG_ENOMEM, "%s", "out of memory");
    return SG_ENOMEM;
}

void sg_result_free(sg_result *r)
{
    if (!r)
        return;
    sg__arena_release(&r->arena);
    sg__free(r);
}

const sg_exec_outcome *sg_result_outcome(const sg_result *r)
{
    return r ? &r->outcome : NULL;
}

size_t sg_result_column_count(const sg_result *r)
{
    return r ? r->column_count : 0;
}

const char *sg_result_column(const sg_result *r, size_t i)
{
    return r && i < r->column_count ? r->columns[i] : NULL;
}

size_t sg_result_row_count(const sg_result *r)
{
    return r ? r->rows.count : 0;
}

const char *sg_result_value(const sg_result *r, size_t row, size_t col)
{
    if (!r || row >= r->rows.count || col >= r->column_count)
        return NULL;
    return SG__VEC_AT(r->rows, const char **, row)[col];
}

int sg_result_to_json(const sg_result *r, char **out)
{
    if (!r || !out)
        return SG_EINVAL;
    *out = NULL;
    cJSON *root = cJSON_CreateObject();
    cJSON *cols = cJSON_AddArrayToObject(root, "columns");
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    cJSON *page = cJSON_AddObjectToObject(root, "pagination");
    bool ok = root && cols && rows && page;
    for (size_t i = 0; ok && i < r->column_count; i++)
        ok = cJSON_AddItemToArray(cols, cJSON_CreateString(r->columns[i]));
    for (size_t i = 0; ok && i < r->rows.count; i++) {
        cJSON *row = cJSON_CreateArray();
        ok = row && cJSON_AddItemToArray(rows, row);
        for (size_t c = 0; ok && c < r->column_count; c++) {
            const char *cell = sg_result_value(r, i, c);
            ok = cJSON_AddItemToArray(row, cell ? cJSON_CreateString(cell) : cJSON_CreateNull());
        }
    }
    const sg_exec_outcome *o = &r->outcome;
    ok = ok && cJSON_AddStringToObject(root, "outcome", sg_exec_status_name(o->status)) &&
         cJSON_AddBoolToObject(root, "retried", o->retried) &&
         cJSON_AddBoolToObject(root, "cancelled", o->cancelled) &&
         cJSON_AddNumberToObject(page, "max_rows", (double)r->max_rows) &&
         cJSON_AddNumberToObject(page, "returned", (double)o->rows) &&
         cJSON_AddBoolToObject(page, "has_more", o->has_more) &&
         (o->has_more && r->is_select
              ? cJSON_AddNumberToObject(page, "next_offset", (double)o->rows) != NULL
              : cJSON_AddNullToObject(page, "next_offset") != NULL) &&
         (o->affected_known ? cJSON_AddNumberToObject(root, "affected", (double)o->affected) != NULL
                            : cJSON_AddNullToObject(root, "affected") != NULL);
    if (ok && o->ok) {
        ok = cJSON_AddNullToObject(root, "error") != NULL;
    } else if (ok) {
        cJSON *e = cJSON_AddObjectToObject(root, "error");
        ok = e && cJSON_AddStringToObject(e, "sqlstate", o->sqlstate) &&
             cJSON_AddStringToObject(e, "message", o->message) &&
             cJSON_AddStringToObject(e, "detail", o->detail) &&
             cJSON_AddBoolToObject(e, "rolled_back", o->rolled_back);
    }
    char *s = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (!s)
        return SG_ENOMEM;
    size_t n = strlen(s);
    *out = sg__malloc(n + 1);
    if (*out)
        memcpy(*out, s, n + 1);
    cJSON_free(s);
    return *out ? SG_OK : SG_ENOMEM;
}
