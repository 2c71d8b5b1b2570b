/*
 * diag.c - collects diagnostics and places them in the caller's SQL.
 *
 * Rules report offsets into the compiled SQL, which the placeholder map turns
 * back into offsets into the text the caller wrote; line and column are
 * computed from that original text.
 */
#include <stdarg.h>

#include "internal.h"
#include "rule.h"

int sg__report(sg__diags *d, const char *rule, sg__at_kind at, long offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sg__vreport(d, rule, at, offset, fmt, ap);
    va_end(ap);
    return rc;
}

int sg__vreport(sg__diags *d, const char *rule, sg__at_kind at, long offset, const char *fmt,
                va_list ap)
{
    if (d->items.count >= d->max) {
        d->truncated = true;
        return 0;
    }
    const sg__rule *r = sg__rule_find(rule);
    int severity = r ? sg__policy_severity(d->policy, r) : SG_SEVERITY_ERROR;
    if (severity == 0)
        return 0; /* turned off by the policy */
    char *msg = sg__arena_vprintf(d->arena, fmt, ap);
    sg_diagnostic *diag = sg__vec_push(d->arena, &d->items, sizeof *diag);
    if (!msg || !diag)
        return -1;
    diag->rule = r ? r->id : rule;
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
