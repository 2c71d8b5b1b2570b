/*
 * lint.c - sg_lint_text() and sg_lint_file(): a whole file's text, linted as
 * `sqlguard lint` does.
 *
 * The text is read once for its line index and checked to be UTF-8 text
 * without NUL bytes (window.c), then linted as SQL statements (sql.c) or as
 * an operation file (json.c); the findings end up in place order. Text in
 * memory is read where it is; a file is read again part by part as lint
 * goes, so that linting it costs a part of it and its findings, not its
 * size. A finding never stands for a failure of the call: running out of
 * memory anywhere is SG_ENOMEM and no result.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "lint/lint.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"

/* Whether the text starts as UTF-16 does: a byte order mark (FF FE, FE FF),
 * or, in its first 64 bytes, ASCII characters with a NUL byte beside each
 * (as Windows editors save SQL). "LE", "BE" or NULL. */
static const char *utf16(sg_lint_result *r)
{
    size_t n = r->len < 64 ? r->len & ~(size_t)1 : 64;
    if (n < 2 || sg__lint_window(r, 0, n) < 0)
        return NULL;
    const unsigned char *s = (const unsigned char *)sg__lint_at(r, 0);
    if (s[0] == 0xFF && s[1] == 0xFE)
        return "LE";
    if (s[0] == 0xFE && s[1] == 0xFF)
        return "BE";
    bool le = true, be = true;
    for (size_t i = 0; i + 1 < n; i += 2) {
        le = le && s[i] >= 0x09 && s[i] < 0x80 && s[i + 1] == 0;
        be = be && s[i] == 0 && s[i + 1] >= 0x09 && s[i + 1] < 0x80;
    }
    return le ? "LE" : be ? "BE" : NULL;
}

/* One lint.file finding at byte `bad`, the first that is not UTF-8 text. */
static void bad_text(sg_lint_result *r, size_t bad)
{
    r->status = SG_LINT_STATUS_UNREADABLE;
    const char *wide = utf16(r);
    if (wide) {
        sg__lint_add(r, SG_LINT_RULE_FILE, SG_SEVERITY_ERROR, 0,
                     "is UTF-16 text (%s), not UTF-8; save it as UTF-8", wide);
        return;
    }
    if (sg__lint_window(r, bad, bad + 1) < 0)
        return;
    unsigned char c = (unsigned char)*sg__lint_at(r, bad);
    if (c == '\0')
        sg__lint_add(r, SG_LINT_RULE_FILE, SG_SEVERITY_ERROR, (long)bad,
                     "holds a NUL byte: not a text file");
    else
        sg__lint_add(r, SG_LINT_RULE_FILE, SG_SEVERITY_ERROR, (long)bad,
                     "is not UTF-8 text (byte 0x%02X does not fit); save it as UTF-8", c);
}

/* Lints the `len` bytes of text `src` gives; SG_OK with *out, SG_ENOMEM, or
 * SG_EIO when a file could not be read (again) as it was (*err says why). */
static int lint_source(const sg_catalog *catalog, const sg__lint_source *src, size_t len,
                       sg_lint_input input, const sg_lint_options *opts, sg_lint_result **out,
                       sg_error *err)
{
    sg_lint_result *r = sg__lint_result_new(src, len);
    if (!r)
        return SG_ENOMEM;
    r->without_lines = opts->without_lines;
    size_t bad;
    if (sg__lint_index(r, &bad) == 0) {
        if (bad != SIZE_MAX) {
            bad_text(r, bad);
        } else if (input == SG_LINT_INPUT_SQL) {
            if (sg__lint_sql_text(catalog, opts, r) < 0 && !r->io_errno)
                r->failed = true;
        } else if (sg__lint_window(r, 0, len) == 0) {
            /* an operation file is parsed whole (cJSON) */
            if (sg__lint_json_text(catalog, opts, r) < 0 && !r->io_errno)
                r->failed = true;
        }
    }
    if (!r->failed && !r->io_errno)
        sg__lint_finish(r);
    int rc = r->failed ? SG_ENOMEM : SG_OK;
    if (rc == SG_OK && r->io_errno)
        rc = r->io_errno > 0
                 ? sg__set_error(err, SG_EIO, "%s: cannot be read: %s", src->path,
                                 strerror(r->io_errno))
                 : sg__set_error(err, SG_EIO, "%s: changed while it was linted", src->path);
    if (rc != SG_OK) {
        sg_lint_result_free(r);
        return rc;
    }
    *out = r;
    return SG_OK;
}

/* The arguments every lint call checks; SG_OK with *opts read. */
static int lint_args(sg_lint_input input, const sg_lint_options *options, sg_lint_result **out,
                     sg_lint_options *opts)
{
    if (!out)
        return SG_EINVAL;
    *out = NULL;
    if (input != SG_LINT_INPUT_SQL && input != SG_LINT_INPUT_JSON)
        return SG_EINVAL;
    return sg__lint_options_read(options, opts) == SG_OK ? SG_OK : SG_EINVAL;
}

int sg_lint_text(const sg_catalog *catalog, const char *text, size_t len, sg_lint_input input,
                 const sg_lint_options *options, sg_lint_result **out)
{
    sg_lint_options opts;
    int rc = lint_args(input, options, out, &opts);
    if (rc != SG_OK)
        return rc;
    if (!text && len)
        return SG_EINVAL;
    if (len >= UINT32_MAX)
        return SG_ETOOBIG; /* places are kept in 32 bits */
    sg__lint_source src = {.mem = text ? text : "", .fd = -1, .path = "text"};
    return lint_source(catalog, &src, len, input, &opts, out, NULL);
}

int sg_lint_file(const sg_catalog *catalog, const char *path, size_t max_bytes, sg_lint_input input,
                 const sg_lint_options *options, sg_lint_result **out, sg_error *err)
{
    sg_lint_options opts;
    int rc = lint_args(input, options, out, &opts);
    if (rc != SG_OK || !path)
        return sg__set_error(err, SG_EINVAL, "sg_lint_file: %s",
                             !path  ? "path is required"
                             : !out ? "out is required"
                             : rc == SG_EINVAL && input != SG_LINT_INPUT_SQL &&
                                     input != SG_LINT_INPUT_JSON
                                 ? "input is neither SG_LINT_INPUT_SQL nor SG_LINT_INPUT_JSON"
                                 : "unknown options version or invalid options");
    if (max_bytes >= UINT32_MAX)
        max_bytes = UINT32_MAX - 1; /* places are kept in 32 bits */
    int fd;
    size_t len;
    rc = sg__open_regular(path, max_bytes, &fd, &len, err);
    if (rc != SG_OK)
        return rc;
    sg__lint_source src = {.mem = NULL, .fd = fd, .path = path};
    rc = lint_source(catalog, &src, len, input, &opts, out, err);
    close(fd);
    return rc;
}
