/*
 * dryrun.c - the executor that runs nothing.
 *
 * It answers with one row that says what the libpq executor would send: the
 * session setup (exec/session.c, the very text libpq sends, with the role of
 * the options it was made with), the statement, and each parameter in
 * PostgreSQL's text form. Useful to review an operation, and in tests that
 * must not need a server.
 */
#include <stdio.h>
#include <string.h>

#include "exec/session.h"
#include "util/error.h"
#include "util/json.h"
#include "verdict/verdict.h"

typedef struct dryrun {
    char *role; /* SET LOCAL ROLE, or NULL */
} dryrun;

static int dry_open(void *self, const char *uid, const char *dsn, void **session, sg_error *err)
{
    (void)uid;
    (void)dsn;
    (void)err;
    *session = self;
    return SG_OK;
}

/* The statement's parameters as a JSON array of their text forms, into the arena. */
static const char *params_text(sg__arena *arena, const sg_statement *stmt)
{
    cJSON *params = cJSON_CreateArray();
    bool ok = params != NULL;
    for (size_t i = 0; ok && i < stmt->param_count; i++)
        ok = cJSON_AddItemToArray(params, stmt->params[i] ? cJSON_CreateString(stmt->params[i])
                                                          : cJSON_CreateNull());
    char *text = ok ? cJSON_PrintUnformatted(params) : NULL;
    const char *copy = text ? sg__arena_strdup(arena, text) : NULL;
    cJSON_free(text);
    cJSON_Delete(params);
    return copy;
}

static int dry_execute(void *session, const sg_statement *stmt, const sg_row_sink *sink,
                       sg_exec_outcome *out)
{
    const dryrun *d = session;
    memset(out, 0, sizeof *out);
    sg__arena arena;
    sg__arena_init(&arena);
    sg__session_setup setup;
    sg_error err = {SG_OK, ""};
    int rc = sg__session_setup_build(&arena, stmt, d->role, &setup, &err);
    const char *params = rc == SG_OK ? params_text(&arena, stmt) : NULL;
    char *max_rows = params ? sg__arena_printf(&arena, "%lld", stmt->max_rows) : NULL;
    if (rc == SG_OK && !max_rows)
        rc = SG_ENOMEM;
    if (rc == SG_EINVAL) {
        sg__session_refused(out, &err);
        out->status = SG_EXEC_NOT_STARTED;
        rc = SG_OK; /* the statement failed, as it would at the server */
    } else if (rc == SG_OK) {
        static const char *const names[] = {"settings", "statement", "parameters", "max_rows"};
        const char *row[] = {setup.text, stmt->sql, params, max_rows};
        if ((sink->columns && sink->columns(sink->ctx, 4, names) != 0) ||
            (sink->row && sink->row(sink->ctx, 4, row) != 0)) {
            snprintf(out->message, sizeof out->message, "the row sink stopped the statement");
            out->rolled_back = true;
        } else {
            out->ok = true;
            out->rows = 1;
            out->status = SG_EXEC_NOT_STARTED; /* nothing ran, so nothing committed */
        }
    }
    sg__arena_release(&arena);
    return rc;
}

static void dry_close(void *self, void *session)
{
    (void)self;
    (void)session;
}

static void dry_destroy(void *self)
{
    dryrun *d = self;
    sg__free(d->role);
    sg__free(d);
}

static const sg_executor_vtable dryrun_vtable =
    SG_EXECUTOR_INIT("dryrun", dry_open, dry_execute, dry_close, dry_destroy);

int sg_executor_new_dryrun(sg_executor **out)
{
    return sg_executor_new_dryrun_opts(NULL, out, NULL);
}

int sg_executor_new_dryrun_opts(const sg_libpq_options *options, sg_executor **out, sg_error *err)
{
    if (!out)
        return sg__set_error(err, SG_EINVAL, "%s", "sg_executor_new_dryrun: out is required");
    *out = NULL;
    if (options && (options->version < 1 || options->version > SG_LIBPQ_OPTIONS_VERSION))
        return sg__set_error(err, SG_EINVAL, "%s",
                             "sg_executor_new_dryrun: unknown options version");
    const char *role = options ? options->role : NULL;
    int rc = sg__session_check_role(role, err);
    if (rc != SG_OK)
        return rc;
    dryrun *d = sg__malloc(sizeof *d);
    if (!d)
        return sg__set_error(err, SG_ENOMEM, "%s", "out of memory");
    d->role = NULL;
    size_t n = role ? strlen(role) + 1 : 0;
    if (role && !(d->role = sg__malloc(n))) {
        sg__free(d);
        return sg__set_error(err, SG_ENOMEM, "%s", "out of memory");
    }
    if (role)
        memcpy(d->role, role, n);
    rc = sg_executor_new(&dryrun_vtable, d, out);
    if (rc != SG_OK) {
        dry_destroy(d);
        sg__set_error(err, rc, "%s", sg_strerror(rc));
    }
    return rc;
}
