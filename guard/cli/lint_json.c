/*
 * lint_json.c - find an operation's SQL in the text of its file.
 *
 * sg_check() reports places in the operation's SQL, the decoded value of its
 * "sql" string. To show them in the file, lint decodes the file with cJSON,
 * then looks among the file's string literals (a lexical pass: quotes and
 * escapes only) for the one that decodes to exactly that SQL; where exactly
 * one does, it is walked escape by escape to learn which byte of the file
 * each byte of the SQL came from. Nothing here judges the JSON: that stays
 * with cJSON and sg_check().
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "lint.h"

static int hex4(const char *s, unsigned *v);
static size_t utf8_len(unsigned cp);

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
        size_t produced;
        if (s[i] != '\\') {
            buf[0] = s[i++];
            produced = 1;
        } else if (i + 1 < end && s[i + 1] == 'u') {
            unsigned cp, lo;
            if (i + 6 > end || hex4(s + i + 2, &cp) < 0)
                return false;
            i += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 6 > end || s[i] != '\\' || s[i + 1] != 'u' || hex4(s + i + 2, &lo) < 0 ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            produced = utf8_len(cp);
            if (produced == 1) {
                buf[0] = (char)cp;
            } else if (produced == 2) {
                buf[0] = (char)(0xC0 | (cp >> 6));
                buf[1] = (char)(0x80 | (cp & 0x3F));
            } else if (produced == 3) {
                buf[0] = (char)(0xE0 | (cp >> 12));
                buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                buf[2] = (char)(0x80 | (cp & 0x3F));
            } else {
                buf[0] = (char)(0xF0 | (cp >> 18));
                buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                buf[3] = (char)(0x80 | (cp & 0x3F));
            }
        } else if (i + 1 < end) {
            char c = s[i + 1];
            buf[0] = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == 'b' ? '\b'
                   : c == 'f' ? '\f' : c;
            produced = 1;
            i += 2;
        } else {
            return false;
        }
        if (o + produced > n || memcmp(sql + o, buf, produced) != 0)
            return false;
        o += produced;
    }
    return o == n;
}

void sg__lint_json_scan(const char *s, size_t len, sg__lint_json_top *out)
{
    memset(out, 0, sizeof *out);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(s, len, &end, false);
    if (root) {
        /* only whitespace may follow the value */
        size_t i = end ? (size_t)(end - s) : len;
        while (i < len && strchr(" \t\r\n", s[i]))
            i++;
        if (i < len) {
            cJSON_Delete(root);
            root = NULL;
            end = s + i;
        }
    }
    if (!root) {
        out->error_offset = end ? (size_t)(end - s) : 0;
        return;
    }
    out->is_json = true;
    out->is_object = cJSON_IsObject(root);
    out->has_operation = cJSON_GetObjectItemCaseSensitive(root, "operation") != NULL;
    const cJSON *sql = cJSON_GetObjectItemCaseSensitive(root, "sql");
    if (out->has_operation && cJSON_IsString(sql)) {
        size_t n = strlen(sql->valuestring), found = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] != '"')
                continue;
            size_t end_quote = string_end(s, len, i);
            if (!end_quote)
                break;
            if (decodes_to(s, i, end_quote, sql->valuestring, n) && found++ == 0) {
                out->sql_start = i;
                out->sql_end = end_quote;
            }
            i = end_quote;
        }
        out->has_sql = found == 1; /* ambiguous: claim no place */
    }
    cJSON_Delete(root);
}

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

static size_t utf8_len(unsigned cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

bool sg__lint_json_map(const char *s, const sg__lint_json_top *top, size_t offset,
                       size_t *file_offset)
{
    if (!top->has_sql)
        return false;
    size_t decoded = 0, i = top->sql_start + 1, end = top->sql_end;
    while (i < end) {
        size_t raw = i, produced;
        if (s[i] != '\\') {
            produced = 1;
            i++;
        } else {
            if (i + 1 >= end)
                return false;
            char c = s[i + 1];
            if (c == 'u') {
                unsigned cp, lo;
                if (i + 6 > end || hex4(s + i + 2, &cp) < 0)
                    return false;
                i += 6;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (i + 6 > end || s[i] != '\\' || s[i + 1] != 'u' ||
                        hex4(s + i + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return false;
                }
                produced = utf8_len(cp);
            } else if (strchr("\"\\/bfnrt", c)) {
                produced = 1;
                i += 2;
            } else {
                return false;
            }
        }
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
