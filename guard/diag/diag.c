/*
 * diag.c - collects diagnostics and places them in the caller's SQL.
 *
 * Rules report offsets into the compiled SQL, which the placeholder map turns
 * back into offsets into the text the caller wrote; line and column are
 * computed from that original text.
 */
#include <stdarg.h>

#include "diag/diag.h"
#include "resolve/placeholders.h"
#include "check/rule.h"
#include "util/text.h"

int sg__report(sg__diags *d, const sg__rule *rule, sg__at_kind at, long offset, const char *fmt,
               ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sg__vreport(d, rule, at, offset, fmt, ap);
    va_end(ap);
    return rc;
}

/* The last kept warning, to make room for an error; NULL when all are errors. */
static sg_diagnostic *last_warning(sg__diags *d)
{
    for (size_t i = d->items.count; i-- > 0;) {
        sg_diagnostic *diag = &SG__VEC_AT(d->items, sg_diagnostic, i);
        if (diag->severity != SG_SEVERITY_ERROR)
            return diag;
    }
    return NULL;
}

int sg__vreport(sg__diags *d, const sg__rule *rule, sg__at_kind at, long offset, const char *fmt,
                va_list ap)
{
    int severity = sg__policy_severity_in(d->policy, d->profile, rule);
    if (severity == 0)
        return 0; /* turned off by the policy */
    if (severity == SG_SEVERITY_ERROR)
        d->errors++;
    /* A full list drops warnings first: whenever an error was reported, the
     * list shows at least one, so what denies is always visible. */
    sg_diagnostic *diag = NULL;
    if (d->items.count >= d->max) {
        d->truncated = true;
        if (severity != SG_SEVERITY_ERROR || !(diag = last_warning(d)))
            return 0;
    }
    char *msg = sg__arena_vprintf(d->arena, fmt, ap);
    if (!diag)
        diag = sg__vec_push(d->arena, &d->items, sizeof *diag);
    if (!msg || !diag)
        return -1;
    diag->rule = rule->id;
    diag->severity = (sg_severity)severity;
    diag->message = msg;
    diag->offset = diag->line = diag->column = -1;
    if (offset < 0 || at == SG_AT_NONE || !d->original_sql)
        return 0;
    size_t off = (size_t)offset;
    if (at == SG_AT_COMPILED && d->compiled)
        off = sg__ph_map_offset(d->compiled, off);
    if (off > d->original_len)
        off = d->original_len;
    diag->offset = (long)off;
    sg__line_col(d->original_sql, d->original_len, off, &diag->line, &diag->column);
    return 0;
}
