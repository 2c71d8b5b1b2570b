/*
 * lint.c - sg_lint_text(): a whole file's text, linted as `sqlguard lint`
 * does.
 *
 * The text is copied into a result record with its line index, checked to
 * be UTF-8 text without NUL bytes, then linted as SQL statements (sql.c) or
 * as an operation file (json.c); the findings end up in place order. A
 * finding never stands for a failure of the call: running out of memory
 * anywhere is SG_ENOMEM and no result.
 */
#include <stddef.h>
#include <string.h>

#include "check/check.h"
#include <stdint.h>

#include "lint/lint.h"
#include "util/text.h"

/* One lint.file finding at the first byte that is not UTF-8 text; false when
 * the text is clean. */
static bool bad_text(sg_lint_result *r)
{
    size_t bad;
    if (sg__utf8_valid(r->text, r->len, &bad))
        return false;
    r->status = SG_LINT_STATUS_UNREADABLE;
    if (r->text[bad] == '\0')
        sg__lint_add(r, SG_LINT_RULE_FILE, SG_SEVERITY_ERROR, (long)bad,
                     "holds a NUL byte: not a text file");
    else
        sg__lint_add(r, SG_LINT_RULE_FILE, SG_SEVERITY_ERROR, (long)bad,
                     "is not UTF-8 text (byte 0x%02X does not fit); save it as UTF-8",
                     (unsigned char)r->text[bad]);
    return true;
}

int sg_lint_text(const sg_catalog *catalog, const char *text, size_t len, sg_lint_input input,
                 const sg_lint_options *options, sg_lint_result **out)
{
    if (!out)
        return SG_EINVAL;
    *out = NULL;
    if ((!text && len) || (input != SG_LINT_INPUT_SQL && input != SG_LINT_INPUT_JSON))
        return SG_EINVAL;
    if (len >= UINT32_MAX)
        return SG_ETOOBIG; /* places are kept in 32 bits */
    sg_lint_options opts;
    if (sg__lint_options_read(options, &opts) != SG_OK)
        return SG_EINVAL;
    sg_lint_result *r = sg__lint_result_new(text ? text : "", len);
    if (!r)
        return SG_ENOMEM;
    if (!bad_text(r)) {
        int rc = input == SG_LINT_INPUT_SQL ? sg__lint_sql_text(catalog, &opts, r)
                                            : sg__lint_json_text(catalog, &opts, r);
        if (rc < 0)
            r->failed = true;
    }
    if (r->failed || sg__lint_finish(r) < 0) {
        sg_lint_result_free(r);
        return SG_ENOMEM;
    }
    *out = r;
    return SG_OK;
}
