/*
 * exec_dryrun.c - the executor that runs nothing.
 *
 * It answers with one row that says what the libpq executor would send: the
 * session settings, the statement, and each parameter in PostgreSQL's text
 * form. Useful to review an operation, and in tests that must not need a
 * server.
 */
#include <stdio.h>
#include <string.h>

#include "verdict/verdict.h"
#include "util/error.h"
#include "util/json.h"

static int dry_open(void *self, const char *uid, const char *dsn, void **session, sg_error *err)
{
    (void)uid;
    (void)dsn;
    (void)err;
    *session = self;
    return SG_OK;
}

static int dry_execute(void *session, const sg_statement *stmt, const sg_row_sink *sink,
                       sg_exec_outcome *out)
{
    (void)session;
    memset(out, 0, sizeof *out);
    sg__arena arena;
    sg__arena_init(&arena);
    int rc = SG_OK;
    cJSON *params = cJSON_CreateArray();
    for (size_t i = 0; params && i < stmt->param_count; i++)
        cJSON_AddItemToArray(params, stmt->params[i] ? cJSON_CreateString(stmt->params[i])
                                                     : cJSON_CreateNull());
    char *params_text = params ? cJSON_PrintUnformatted(params) : NULL;
    char *settings = sg__arena_printf(
        &arena, "BEGIN%s; SET LOCAL search_path TO pg_catalog, \"%s\", pg_temp; "
                "SET LOCAL statement_timeout = %lld",
        strcmp(stmt->operation, "select") == 0 ? " READ ONLY" : "", stmt->default_schema,
        stmt->statement_timeout_ms);
    char *max_rows = sg__arena_printf(&arena, "%lld", stmt->max_rows);
    if (!params_text || !settings || !max_rows) {
        rc = SG_ENOMEM;
        goto done;
    }
    static const char *const names[] = {"settings", "statement", "parameters", "max_rows"};
    const char *row[] = {settings, stmt->sql, params_text, max_rows};
    if ((sink->columns && sink->columns(sink->ctx, 4, names) != 0) ||
        (sink->row && sink->row(sink->ctx, 4, row) != 0)) {
        snprintf(out->message, sizeof out->message, "the row sink stopped the statement");
        out->rolled_back = true;
        goto done;
    }
    out->ok = true;
    out->rows = 1;
done:
    cJSON_free(params_text);
    cJSON_Delete(params);
    sg__arena_release(&arena);
    return rc;
}

static void dry_close(void *self, void *session)
{
    (void)self;
    (void)session;
}

static const sg_executor_vtable dryrun_vtable = {SG_EXECUTOR_VERSION, "dryrun", dry_open,
                                                 dry_execute, dry_close, NULL};

int sg_executor_new_dryrun(sg_executor **out)
{
    return sg_executor_new(&dryrun_vtable, NULL, out);
}
