/*
 * lint_file.c - lint one file: read it, split a .sql file into statements
 * with libpg_query, lint each statement with sg_lint_sql() and place every
 * finding in the file; check an operation file with sg_check().
 *
 * Statements are cut with libpg_query's splitter (the parser's, or the
 * scanner's when the text does not parse) and trimmed to their first and last
 * token, so the comments between statements belong to no statement. The
 * scanner's comment tokens feed the suppression comments (lint_suppress.c).
 * Each call touches only its own file record, so files lint in parallel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "lint.h"

sg__lint_diag *sg__lint_add(sg__lint_file *file, const char *rule, sg_severity severity,
                            long offset, const char *fmt, ...)
{
    sg__lint_diag *d = sg__vec_push(&file->arena, &file->diags, sizeof *d);
    va_list ap;
    va_start(ap, fmt);
    char *message = d ? sg__arena_vprintf(&file->arena, fmt, ap) : NULL;
    va_end(ap);
    const char *rule_copy = d ? sg__arena_strdup(&file->arena, rule) : NULL;
    if (!d || !message || !rule_copy) {
        if (d)
            file->diags.count--;
        file->failed = true;
        return NULL;
    }
    d->rule = rule_copy;
    d->severity = severity;
    d->message = message;
    d->offset = d->line = d->column = -1;
    if (offset >= 0 && file->line_starts) {
        if ((size_t)offset > file->len)
            offset = (long)file->len;
        d->offset = offset;
        sg__lint_line_col(file, (size_t)offset, &d->line, &d->column);
    }
    return d;
}

void sg__lint_line_col(const sg__lint_file *file, size_t offset, long *line, long *column)
{
    /* the last line starting at or before offset */
    size_t lo = 0, hi = file->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (file->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    long col = 1;
    size_t from = file->line_starts[lo];
    if (lo == 0)
        from += file->bom; /* an editor does not show the byte order mark */
    for (size_t i = from; i < offset && i < file->len; i++)
        if (((unsigned char)file->text[i] & 0xC0) != 0x80)
            col++;
    *line = (long)lo + 1;
    *column = col;
}

const char *sg__lint_line_text(const sg__lint_file *file, long line, size_t *len)
{
    *len = 0;
    if (!file->text || line < 1 || (size_t)line > file->line_count)
        return NULL;
    size_t start = file->line_starts[line - 1] + (line == 1 ? file->bom : 0);
    size_t end = (size_t)line < file->line_count ? file->line_starts[line] - 1 : file->len;
    if (end > start && file->text[end - 1] == '\r')
        end--;
    *len = end > start ? end - start : 0;
    return file->text + start;
}

/* Reads the file into its arena; reports (lint.file) and returns -1 when it
 * cannot, or when it is too large. */
static int read_text(sg__lint_file *f)
{
    int fd = open(f->path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_ERROR, -1, "cannot be read: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_ERROR, -1, "is not a regular file");
        close(fd);
        return -1;
    }
    if ((unsigned long long)st.st_size > SG_LINT_MAX_FILE_BYTES) {
        sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_ERROR, -1,
                     "is %lld bytes, over the limit of %zu bytes (1 MiB) a linted file may have",
                     (long long)st.st_size, SG_LINT_MAX_FILE_BYTES);
        close(fd);
        return -1;
    }
    size_t cap = (size_t)st.st_size + 1; /* one more byte tells that it grew */
    char *buf = sg__arena_alloc(&f->arena, cap + 1);
    if (!buf) {
        f->failed = true;
        close(fd);
        return -1;
    }
    size_t n = 0;
    while (n < cap) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_ERROR, -1, "cannot be read: %s",
                         strerror(errno));
            close(fd);
            return -1;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n == cap) {
        sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_ERROR, -1, "changed while it was being read");
        return -1;
    }
    buf[n] = '\0';
    f->text = buf;
    f->len = n;
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        f->bom = 3;
    return 0;
}

static int index_lines(sg__lint_file *f)
{
    size_t count = 1;
    for (size_t i = 0; i < f->len; i++)
        count += f->text[i] == '\n';
    f->line_starts = sg__arena_alloc(&f->arena, count * sizeof *f->line_starts);
    if (!f->line_starts) {
        f->failed = true;
        return -1;
    }
    size_t k = 0;
    f->line_starts[k++] = 0;
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n')
            f->line_starts[k++] = i + 1;
    f->line_count = count;
    return 0;
}

/* Offset of the first byte that is not UTF-8 text (a NUL, a malformed or
 * overlong sequence, a surrogate), or `len` when the text is clean. */
static size_t first_bad_byte(const unsigned char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i], cp, n;
        if (c == 0)
            return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, cp = c & 0x07;
        else
            return i;
        if (len - i <= n)
            return i;
        for (unsigned k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}

/* ---- .sql files ---- */

typedef struct token {
    size_t start, end; /* in the file */
    bool comment;
} token;

typedef struct scan {
    token *tokens;
    size_t count;
    bool ok;
} scan;

/* Tokens of the whole file from libpg_query's scanner; ok false when the
 * scanner rejects the text (an unterminated quote or comment). */
static int scan_file(sg__lint_file *f, scan *s)
{
    memset(s, 0, sizeof *s);
    PgQueryScanResult r = pg_query_scan(f->text + f->bom);
    if (r.error) {
        pg_query_free_scan_result(r);
        return 0;
    }
    PgQuery__ScanResult *res =
        pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
    if (!res) {
        pg_query_free_scan_result(r);
        f->failed = true;
        return -1;
    }
    s->tokens = sg__arena_alloc(&f->arena, (res->n_tokens + 1) * sizeof *s->tokens);
    if (!s->tokens) {
        f->failed = true;
    } else {
        for (size_t i = 0; i < res->n_tokens; i++) {
            const PgQuery__ScanToken *t = res->tokens[i];
            if (t->start < 0 || t->end < t->start || (size_t)t->end > f->len - f->bom)
                continue; /* never trust an offset outside the text */
            token *k = &s->tokens[s->count++];
            k->start = f->bom + (size_t)t->start;
            k->end = f->bom + (size_t)t->end;
            k->comment =
                t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT;
        }
        s->ok = true;
    }
    pg_query__scan_result__free_unpacked(res, NULL);
    pg_query_free_scan_result(r);
    return s->tokens ? 0 : -1;
}

/* Lints the statement at [start, end) of the file and places its findings. */
static int lint_statement(const sg__lint_env *env, sg__lint_file *f, size_t start, size_t end)
{
    sg_lint_options opts = SG_LINT_OPTIONS_INIT;
    opts.policy = env->policy;
    opts.data_source_uid = env->data_source_uid;
    sg_verdict *v = NULL;
    if (sg_lint_sql(env->catalog, f->text + start, end - start, &opts, &v) != SG_OK) {
        f->failed = true;
        return -1;
    }
    f->statements++;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        size_t at = start + (d->offset >= 0 ? (size_t)d->offset : 0);
        if (!sg__lint_add(f, d->rule, d->severity, (long)(at < end ? at : end), "%s", d->message))
            break;
    }
    sg_verdict_free(v);
    return f->failed ? -1 : 0;
}

/* Trims [*start, *end) to its first and last token that is not a comment;
 * false when there is none (a span of only comments and blanks). */
static bool trim_to_tokens(const scan *s, size_t *start, size_t *end)
{
    size_t lo = 0, hi = s->count;
    while (lo < hi) { /* first token starting at or after *start */
        size_t mid = lo + (hi - lo) / 2;
        if (s->tokens[mid].start < *start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t first = SIZE_MAX, last = SIZE_MAX;
    for (size_t i = lo; i < s->count && s->tokens[i].start < *end; i++) {
        if (s->tokens[i].comment)
            continue;
        if (first == SIZE_MAX)
            first = i;
        last = i;
    }
    if (first == SIZE_MAX)
        return false;
    *start = s->tokens[first].start;
    if (s->tokens[last].end < *end)
        *end = s->tokens[last].end;
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void lint_sql(const sg__lint_env *env, sg__lint_file *f)
{
    scan s;
    if (scan_file(f, &s) < 0)
        return;
    const char *sql = f->text + f->bom;
    size_t sql_len = f->len - f->bom;

    PgQuerySplitResult split = pg_query_split_with_parser(sql);
    if (split.error) {
        /* The text does not parse: the scanner still finds where statements
         * end, and the statement that does not parse reports sql.syntax. */
        pg_query_free_split_result(split);
        split = pg_query_split_with_scanner(sql);
    }
    if (split.error || !s.ok) {
        /* Not even the scanner reads it: lint the whole text as one
         * statement, which places the syntax error. */
        size_t start = 0;
        while (start < sql_len && is_space(sql[start]))
            start++;
        if (start < sql_len)
            lint_statement(env, f, f->bom + start, f->len);
    } else {
        for (int i = 0; i < split.n_stmts && !f->failed; i++) {
            const PgQuerySplitStmt *st = split.stmts[i];
            if (st->stmt_location < 0 || (size_t)st->stmt_location > sql_len)
                continue;
            size_t start = f->bom + (size_t)st->stmt_location;
            size_t end = st->stmt_len > 0 ? start + (size_t)st->stmt_len : f->len;
            if (end > f->len)
                end = f->len;
            if (trim_to_tokens(&s, &start, &end))
                lint_statement(env, f, start, end);
        }
    }
    pg_query_free_split_result(split);
    if (f->failed || !s.ok)
        return;

    /* Comments and the lines that hold SQL, for the suppression comments. */
    sg__lint_comment *comments = sg__arena_alloc(&f->arena, (s.count + 1) * sizeof *comments);
    bool *code_line = sg__arena_alloc(&f->arena, f->line_count + 2);
    if (!comments || !code_line) {
        f->failed = true;
        return;
    }
    size_t ncomments = 0;
    for (size_t i = 0; i < s.count; i++) {
        const token *t = &s.tokens[i];
        if (t->comment) {
            comments[ncomments].start = t->start;
            comments[ncomments].end = t->end;
            comments[ncomments].c_style = f->text[t->start] == '/';
            ncomments++;
            continue;
        }
        long l1, l2, col;
        sg__lint_line_col(f, t->start, &l1, &col);
        sg__lint_line_col(f, t->end > t->start ? t->end - 1 : t->start, &l2, &col);
        for (long l = l1; l <= l2; l++)
            code_line[l] = true;
    }
    if (sg__lint_suppress(f, comments, ncomments, code_line) < 0)
        f->failed = true;
}

/* ---- operation files ---- */

static void lint_json(const sg__lint_env *env, sg__lint_file *f)
{
    const char *json = f->text + f->bom;
    size_t len = f->len - f->bom;
    sg__lint_json_top top;
    sg__lint_json_scan(json, len, &top);
    if (!top.is_json) {
        sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_ERROR, (long)(f->bom + top.error_offset),
                     "is not valid JSON, so it cannot be told whether it is an operation");
        return;
    }
    if (!top.has_operation) {
        /* A catalog, a policy, a package manifest: not lint's business when a
         * walk finds it; named on the command line, it was meant to be one. */
        if (f->named)
            sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_WARNING, -1,
                         "is JSON but not an operation (an object with an \"operation\" member); "
                         "not checked");
        else
            f->ignored = true;
        return;
    }
    f->kind = SG_LINT_KIND_OPERATION;
    if (!env->catalog) {
        f->skipped = true;
        return;
    }
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = env->policy;
    sg_verdict *v = NULL;
    if (sg_check(env->catalog, json, len, &opts, &v) != SG_OK) {
        f->failed = true;
        return;
    }
    f->checked = true;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v) && !f->failed; i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        size_t at;
        if (d->offset >= 0 && top.has_sql && sg__lint_json_map(json, &top, (size_t)d->offset, &at))
            sg__lint_add(f, d->rule, d->severity, (long)(f->bom + at), "%s", d->message);
        else if (d->line > 0)
            sg__lint_add(f, d->rule, d->severity, -1, "%s (at line %ld, column %ld of the SQL)",
                         d->message, d->line, d->column);
        else
            sg__lint_add(f, d->rule, d->severity, -1, "%s", d->message);
    }
    sg_verdict_free(v);
}

static int by_place(const void *a, const void *b)
{
    const sg__lint_diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    int c = strcmp(x->rule, y->rule);
    if (c)
        return c;
    if (x->suppressed != y->suppressed)
        return x->suppressed ? 1 : -1;
    return strcmp(x->message, y->message);
}

void sg__lint_one(const sg__lint_env *env, sg__lint_file *f)
{
    if (f->problem) {
        sg__lint_add(f, SG_LINT_FILE, f->problem_severity, -1, "%s", f->problem);
        return;
    }
    if (read_text(f) < 0 || index_lines(f) < 0)
        return;
    size_t bad = first_bad_byte((const unsigned char *)f->text, f->len);
    if (bad < f->len) {
        if (f->text[bad] == '\0')
            sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_ERROR, (long)bad,
                         "holds a NUL byte: not a text file");
        else
            sg__lint_add(f, SG_LINT_FILE, SG_SEVERITY_ERROR, (long)bad,
                         "is not UTF-8 text (byte 0x%02X does not fit); save it as UTF-8",
                         (unsigned char)f->text[bad]);
        return;
    }
    if (f->kind == SG_LINT_KIND_SQL)
        lint_sql(env, f);
    else
        lint_json(env, f);
    if (f->diags.count > 1)
        qsort(f->diags.items, f->diags.count, sizeof(sg__lint_diag), by_place);
}
