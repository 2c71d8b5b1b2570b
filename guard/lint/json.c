/*
 * json.c - JSON text linted as an operation file: checked as sg_check() does,
 * with each diagnostic placed in the file.
 *
 * sg_check() reports places in the operation's SQL, the decoded value of its
 * "sql" string. To show them in the file, lint decodes the file with cJSON,
 * then looks among the file's string literals (a lexical pass: quotes and
 * escapes only) for the one that decodes to exactly that SQL; where exactly
 * one does, it is walked escape by escape to learn which byte of the file
 * each byte of the SQL came from. Nothing here judges the operation: that
 * stays with sg_check().
 */
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "check/check.h"
#include "lint/lint.h"
#include "util/json.h"

/* Where the members that matter sit in the text. */
typedef struct json_top {
    bool is_json;        /* the text is one JSON value */
    bool has_operation;  /* ... an object with an "operation" member */
    bool has_sql;        /* ... and a string "sql" member, quotes at: */
    size_t sql_start;    /* offset of the opening quote */
    size_t sql_end;      /* offset of the closing quote */
    size_t error_offset; /* when !is_json: where parsing stopped */
} json_top;

static int hex4(const char *s, unsigned *v)
{
    *v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return -1;
        *v = *v * 16 + d;
    }
    return 0;
}

/* The code point of the \u escape (a surrogate pair counts as one) at s[*i],
 * with *i moved past it; -1 when it does not decode. */
static long unicode_escape(const char *s, size_t *i, size_t end)
{
    unsigned cp, lo;
    if (*i + 6 > end || hex4(s + *i + 2, &cp) < 0)
        return -1;
    *i += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return -1;
    if (cp < 0xD800 || cp > 0xDBFF)
        return (long)cp;
    if (*i + 6 > end || s[*i] != '\\' || s[*i + 1] != 'u' || hex4(s + *i + 2, &lo) < 0 ||
        lo < 0xDC00 || lo > 0xDFFF)
        return -1;
    *i += 6;
    return 0x10000 + (((long)cp - 0xD800) << 10) + ((long)lo - 0xDC00);
}

/* Decodes one unit of the string literal at s[*i], before `end`: a raw byte
 * or an escape. Writes its bytes to buf and returns how many (1 to 4), with
 * *i moved past it; 0 when it does not decode. */
static size_t decode_unit(const char *s, size_t *i, size_t end, char buf[4])
{
    if (s[*i] != '\\') {
        buf[0] = s[(*i)++];
        return 1;
    }
    if (*i + 1 >= end)
        return 0;
    char c = s[*i + 1];
    if (c != 'u') {
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *hit = strchr(from, c);
        if (!hit || !c)
            return 0;
        buf[0] = to[hit - from];
        *i += 2;
        return 1;
    }
    long cp = unicode_escape(s, i, end);
    if (cp < 0)
        return 0;
    if (cp < 0x80) {
        buf[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Offset of the closing quote of the string literal opening at s[i], or 0. */
static size_t string_end(const char *s, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (s[i] == '"')
            return i;
        if (s[i] == '\\')
            i++;
    }
    return 0;
}

/* Whether the literal between quotes s[start] and s[end] decodes to sql. */
static bool decodes_to(const char *s, size_t start, size_t end, const char *sql, size_t n)
{
    size_t o = 0;
    for (size_t i = start + 1; i < end;) {
        char buf[4];
        size_t produced = decode_unit(s, &i, end, buf);
        if (!produced || o + produced > n || memcmp(sql + o, buf, produced) != 0)
            return false;
        o += produced;
    }
    return o == n;
}

/* The one literal of the text that decodes to `sql`; none when ambiguous. */
static void find_sql(const char *s, size_t len, const char *sql, json_top *top)
{
    size_t n = strlen(sql), found = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '"')
            continue;
        size_t end_quote = string_end(s, len, i);
        if (!end_quote)
            break;
        if (decodes_to(s, i, end_quote, sql, n) && found++ == 0) {
            top->sql_start = i;
            top->sql_end = end_quote;
        }
        i = end_quote;
    }
    top->has_sql = found == 1; /* ambiguous: claim no place */
}

/* Whether the "operation" member names one of the kinds, in any case (a
 * wrong case is op.invalid's to say). */
static bool names_kind(const cJSON *op)
{
    static const char *const kinds[] = {"select", "insert", "update", "delete", "merge"};
    if (!cJSON_IsString(op))
        return false;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcasecmp(op->valuestring, kinds[i]) == 0)
            return true;
    return false;
}

/* Reads the text through the library's one JSON loader, in a scratch arena.
 * Returns -1 when memory ran out (as far as the allocator hooks can tell). */
static int scan(const char *s, size_t len, json_top *top)
{
    memset(top, 0, sizeof *top);
    sg__arena scratch;
    sg__arena_init(&scratch);
    /* the deepest nesting a policy may let an operation have */
    sg__json_opts opts = {.max_bytes = len, .max_depth = 512};
    sg__json_doc doc;
    sg__json_status st = sg__json_load(s, len, &opts, &scratch, &doc);
    if (st == SG__JSON_OK) {
        top->is_json = true;
        const cJSON *sql = cJSON_GetObjectItemCaseSensitive(doc.root, "sql");
        const cJSON *op = cJSON_GetObjectItemCaseSensitive(doc.root, "operation");
        /* both members, as every operation has them: generated JSON that
         * happens to have an "operation" key (a GraphQL manifest, a log) is
         * not taken for one; nor is an object whose "operation" names no
         * kind and that has none of an operation's other members as an
         * object (a translation file: {"operation": "Operation", "sql":
         * "SQL"}, or {"operation": {...}, "sql": {...}}) */
        const cJSON *params = cJSON_GetObjectItemCaseSensitive(doc.root, "parameters");
        top->has_operation = op != NULL && sql != NULL &&
                             (names_kind(op) ||
                              cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc.root, "scope")) ||
                              cJSON_IsObject(params) || cJSON_IsArray(params) ||
                              cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc.root, "limits")));
        if (top->has_operation && cJSON_IsString(sql))
            find_sql(s, len, sql->valuestring, top);
        sg__json_doc_release(&doc);
    } else if (st == SG__JSON_INVALID) {
        top->error_offset = doc.offset;
    }
    sg__arena_release(&scratch);
    return st == SG__JSON_NOMEM ? -1 : 0;
}

/* Maps byte `offset` of the decoded "sql" string to the byte of the text
 * that produced it. Returns false when the string cannot be decoded, so that
 * no place is claimed that is not known. */
static bool map_offset(const char *s, const json_top *top, size_t offset, size_t *file_offset)
{
    if (!top->has_sql)
        return false;
    size_t decoded = 0, i = top->sql_start + 1, end = top->sql_end;
    while (i < end) {
        size_t raw = i;
        char buf[4];
        size_t produced = decode_unit(s, &i, end, buf);
        if (!produced)
            return false;
        /* Every byte an escape produces is placed at the escape's backslash. */
        if (offset < decoded + produced) {
            *file_offset = raw;
            return true;
        }
        decoded += produced;
    }
    if (offset == decoded) { /* just past the end of the SQL */
        *file_offset = end;
        return true;
    }
    return false;
}

/* Places the verdict's diagnostics in the text. */
static int place(sg_lint_result *r, const json_top *top, const sg_verdict *v)
{
    const char *json = r->text + r->bom;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, i);
        size_t at;
        const sg__lint_item *f;
        if (d->offset >= 0 && map_offset(json, top, (size_t)d->offset, &at))
            f = sg__lint_add(r, d->rule, d->severity, (long)(r->bom + at), "%s", d->message);
        else if (d->line > 0)
            f = sg__lint_add(r, d->rule, d->severity, -1, "%s (at line %ld, column %ld of the SQL)",
                             d->message, d->line, d->column);
        else
            f = sg__lint_add(r, d->rule, d->severity, -1, "%s", d->message);
        if (!f)
            return -1;
    }
    return 0;
}

/* The end of the comment or blanks at s[i] (JSON with comments), or i. */
static size_t skip_gap(const char *s, size_t len, size_t i)
{
    for (;;) {
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        if (i + 1 < len && s[i] == '/' && s[i + 1] == '/') {
            while (i < len && s[i] != '\n')
                i++;
        } else if (i + 1 < len && s[i] == '/' && s[i + 1] == '*') {
            for (i += 2; i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'); i++)
                ;
            i = i + 1 < len ? i + 2 : len;
        } else {
            return i;
        }
    }
}

/* Whether text that is not JSON still names both members of an operation:
 * an object whose own keys (not those of a value nested in it) include
 * "operation" and "sql", read as leniently as JSON with comments and
 * trailing commas asks. */
static bool names_operation(const char *s, size_t len)
{
    size_t i = skip_gap(s, len, 0);
    if (i >= len || s[i] != '{')
        return false;
    bool operation = false, sql = false;
    long depth = 0;
    while (i < len) {
        char c = s[i];
        if (c == '"') {
            size_t quote = string_end(s, len, i); /* the closing quote, 0: none */
            if (!quote)
                break;
            size_t end = quote + 1, after = skip_gap(s, len, end);
            if (depth == 1 && after < len && s[after] == ':') {
                operation |= end - i == 11 && memcmp(s + i, "\"operation\"", 11) == 0;
                sql |= end - i == 5 && memcmp(s + i, "\"sql\"", 5) == 0;
            }
            i = end;
            continue;
        }
        if (c == '/' && i + 1 < len && (s[i + 1] == '/' || s[i + 1] == '*')) {
            i = skip_gap(s, len, i);
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && --depth == 0)
            break;
        i++;
    }
    return operation && sql;
}

int sg__lint_json_text(const sg_catalog *catalog, const sg_lint_options *options, sg_lint_result *r)
{
    const char *json = r->text + r->bom;
    size_t len = r->len - r->bom;
    json_top top;
    if (scan(json, len, &top) < 0)
        return -1;
    if (!top.is_json && !names_operation(json, len)) {
        /* JSON with comments (tsconfig.json), a fragment, a template: nothing
         * in it asks to be an operation (it does not name both "operation"
         * and "sql"), so it is none of lint's business */
        r->status = SG_LINT_STATUS_NOT_OPERATION;
        return 0;
    }
    if (!top.is_json) {
        r->status = SG_LINT_STATUS_UNREADABLE;
        return sg__lint_add(r, SG_LINT_RULE_FILE, SG_SEVERITY_ERROR,
                            (long)(r->bom + top.error_offset),
                            "is not valid JSON, and it names an \"operation\" and its \"sql\": a "
                            "broken operation")
                   ? 0
                   : -1;
    }
    if (!top.has_operation) {
        /* a catalog, a policy, a package manifest, an object without both
         * "operation" and "sql": not lint's business */
        r->status = SG_LINT_STATUS_NOT_OPERATION;
        return 0;
    }
    if (!catalog) {
        r->status = SG_LINT_STATUS_SKIPPED;
        return 0;
    }
    sg_check_options opts = SG_CHECK_OPTIONS_INIT;
    opts.policy = options->policy;
    sg_verdict *v = NULL;
    if (sg__check_for_lint(catalog, json, len, &opts, &v) != SG_OK)
        return -1;
    r->status = SG_LINT_STATUS_CHECKED;
    int rc = place(r, &top, v);
    sg_verdict_free(v);
    return rc;
}
