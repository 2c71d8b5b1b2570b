/*
 * stream.c - stream mode of `sqlguard check`: one operation per line of
 * standard input, one JSON verdict per line of standard output, in order.
 *
 * Lines are read as they come, up to 64 KiB at a time (a pipe gives 4 KiB by
 * default), safely for NUL bytes, and never held past the operation limit: the rest of a longer
 * line is read and dropped, so memory stays bounded whatever comes in. A
 * line that lies whole in the block is checked where it lies; one that spans
 * blocks is gathered in a line buffer, which is reused. The verdicts' text
 * is written in one buffer kept for the whole stream, so the only allocations
 * per line are the check's.
 */
#define _DEFAULT_SOURCE /* fwrite_unlocked: the one thread that writes */
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exit.h"
#include "stream.h"

typedef struct line_reader {
    int fd;
    size_t pos, end;
    bool eof;
    int error; /* errno of a failed read, 0 */
    char buf[1 << 16];
} line_reader;

/* A line being read: at most `keep` bytes are kept, `total` counts them all.
 * `text` is the line: in the reader's block, or `data`. */
typedef struct line {
    const char *text;
    char *data;
    size_t cap, keep, len, total;
} line;

/* Appends what fits of n bytes to the line; false when memory ran out. */
static bool keep_bytes(line *l, const char *p, size_t n)
{
    size_t take = l->keep - l->len < n ? l->keep - l->len : n;
    if (take > 0) {
        if (l->len + take + 1 > l->cap) {
            size_t want = (l->len + take + 1) * 2;
            if (want > l->keep + 1)
                want = l->keep + 1;
            char *bigger = realloc(l->data, want);
            if (!bigger)
                return false;
            l->data = bigger;
            l->cap = want;
        }
        memcpy(l->data + l->len, p, take);
        l->len += take;
    }
    l->total += n;
    return true;
}

/* The next line, without its '\n'. Returns 1 for a line, 0 at the end of the
 * input, -1 on a read error or when memory runs out. */
static int next_line(line_reader *r, line *l)
{
    l->len = l->total = 0;
    bool any = false;
    for (;;) {
        if (r->pos == r->end) {
            if (r->eof)
                break;
            /* The verdicts so far go out before the process may wait for
             * more input: a gateway that writes one operation and waits for
             * its verdict gets it. read() returns what is there; fread()
             * would wait for a whole block. */
            fflush(stdout);
            ssize_t got;
            do
                got = read(r->fd, r->buf, sizeof r->buf);
            while (got < 0 && errno == EINTR);
            r->pos = 0;
            r->end = got > 0 ? (size_t)got : 0;
            if (got <= 0) {
                r->eof = true;
                if (got < 0) {
                    r->error = errno;
                    return -1;
                }
                break;
            }
        }
        const char *start = r->buf + r->pos;
        const char *nl = memchr(start, '\n', r->end - r->pos);
        size_t n = nl ? (size_t)(nl - start) : r->end - r->pos;
        r->pos += n + (nl ? 1 : 0);
        if (!any && nl && n <= l->keep) {
            /* the whole line is in the block: no copy */
            l->text = start;
            l->len = l->total = n;
            return 1;
        }
        any = true;
        if (!keep_bytes(l, start, n))
            return -1;
        if (nl)
            break;
    }
    l->text = l->data;
    return any ? 1 : 0;
}

/* Checks one line and writes its verdict; returns the line's status. */
/* The verdicts' text, one buffer for the whole stream. */
typedef struct out_buf {
    char *data;
    size_t cap;
} out_buf;

static int check_line(const line *l, unsigned long lineno, const sg_catalog *catalog,
                      const sg_check_options *opts, out_buf *out)
{
    if (l->total > l->len)
        fprintf(stderr,
                "sqlguard: <stdin>:%lu: the line is %zu bytes; only the first %zu were read (the "
                "operation limit is %zu)\n",
                lineno, l->total, l->len, opts->max_operation_bytes);
    sg_verdict *v = NULL;
    int rc = sg_check(catalog, l->text, l->len, opts, &v);
    size_t n = 0;
    if (rc != SG_OK || sg_verdict_to_json_buf(v, &out->data, &out->cap, &n) != SG_OK) {
        /* Stop: a verdict missing from the middle of the stream would pair
         * every later verdict with the wrong operation. */
        fprintf(stderr, "sqlguard: <stdin>:%lu: %s\n", lineno,
                rc != SG_OK ? sg_strerror(rc) : "cannot serialise the verdict");
        sg_verdict_free(v);
        return EXIT_TROUBLE;
    }
    out->data[n] = '\n'; /* overwrite the terminator: one write per verdict */
    size_t wrote = fwrite_unlocked(out->data, 1, n + 1, stdout);
    int status = sg_verdict_allowed(v) ? EXIT_CLEAN : EXIT_FINDINGS;
    sg_verdict_free(v);
    return wrote == n + 1 ? status : EXIT_TROUBLE; /* main() reports the write error */
}

int cli_check_stream(const sg_catalog *catalog, const sg_check_options *opts)
{
    static line_reader in; /* 64 KiB: not on the stack */
    in.fd = fileno(stdin);
    line l = {NULL, NULL, 0, opts->max_operation_bytes + 1, 0, 0};
    out_buf out = {NULL, 0};
    unsigned long lineno = 0;
    int status = EXIT_CLEAN, got;
    while ((got = next_line(&in, &l)) > 0) {
        lineno++;
        if (l.len > 0 && l.len == l.total && l.text[l.len - 1] == '\r')
            l.total = --l.len;
        /* a blank line (spaces and tabs only, as an editor leaves one) holds
         * no operation, and gets no verdict */
        size_t k = 0;
        while (k < l.len && l.len == l.total && (l.text[k] == ' ' || l.text[k] == '\t'))
            k++;
        if (k == l.len)
            continue;
        int one = check_line(&l, lineno, catalog, opts, &out);
        if (one == EXIT_TROUBLE) {
            status = one;
            break;
        }
        if (one > status)
            status = one;
    }
    if (status != EXIT_TROUBLE && got < 0) {
        fprintf(stderr, "sqlguard: <stdin>:%lu: %s\n", lineno + 1,
                in.error ? strerror(in.error) : "out of memory");
        status = EXIT_TROUBLE;
    }
    free(l.data);
    sg_free(out.data);
    return status;
}
