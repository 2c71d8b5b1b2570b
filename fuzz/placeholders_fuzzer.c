/*
 * placeholders_fuzzer.c - the psycopg placeholder compiler against a
 * reference model of psycopg 3's rules, written here from the pattern in
 * psycopg/_queries.py:
 *
 *     %(?:(?:\(([^)]+)\).)|(?:.))       ('.' is any byte but '\n')
 *
 * applied left to right. Of the tokens, "%%" is a literal '%', "%s" is
 * positional, "%(NAME)s" named (one $n per distinct name, in order of first
 * use); every other token is an error ("%(" unclosed or empty, "% ", "%d",
 * "%b"/"%t", which the guard refuses, "%(x)d"), placed at its '%'. A '%' at
 * the end of the text or before '\n' matches nothing and stays. Named and
 * positional never mix; more than 65535 parameters is an error.
 *
 * The compiler is driven through the public API only. The input, as the SQL
 * of sg_lint_sql() in placeholder style psycopg, must compile to exactly the
 * model's text (the verdict's compiled SQL) or fail, with no compiled text,
 * with a params.syntax diagnostic at the model's offset (input that is not
 * UTF-8 text never reaches the compiler: op.invalid). Where it compiles, the
 * input is also sent as an operation whose parameters are the model's names
 * (or positions), each bound to a value naming itself: its compiled text must
 * be the model's with only the default schema inserted before the relations
 * the check resolved (the pinning of resolve/pin.c), and when the statement
 * parses, the verdict's ordered parameters must be exactly the model's, in
 * order.
 */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *out;
    size_t out_len;
    bool error;
    size_t error_offset; /* the '%' of the token in error */
    int style;           /* 0 none, 1 named, 2 positional */
    size_t positional;
    const uint8_t **names; /* pointers into the input */
    size_t *name_lens;
    size_t name_count;
    size_t placeholders;
} model;

static void put(model *m, const char *s, size_t n)
{
    memcpy(m->out + m->out_len, s, n);
    m->out_len += n;
}

static size_t name_index(model *m, const uint8_t *name, size_t len)
{
    for (size_t i = 0; i < m->name_count; i++)
        if (m->name_lens[i] == len && memcmp(m->names[i], name, len) == 0)
            return i;
    m->names[m->name_count] = name;
    m->name_lens[m->name_count] = len;
    return m->name_count++;
}

/* Marks the model failed at the '%' at `at`; returns 0 to stop the scan. */
static size_t fail_at(model *m, size_t at)
{
    m->error = true;
    m->error_offset = at;
    return 0;
}

static void put_number(model *m, size_t number)
{
    char buf[16];
    int w = snprintf(buf, sizeof buf, "$%zu", number);
    put(m, buf, (size_t)w);
    m->placeholders++;
}

/* The token at s[i] == '%' (followed by a byte other than '\n'): returns
 * where the scan goes on, or 0 after an error. */
static size_t token(const uint8_t *s, size_t n, size_t i, model *m)
{
    uint8_t d = s[i + 1];
    if (d == '(') {
        const uint8_t *close = memchr(s + i + 2, ')', n - (i + 2));
        size_t j = close ? (size_t)(close - s) : 0;
        if (!close || j <= i + 2 || j + 1 >= n || s[j + 1] == '\n')
            return fail_at(m, i); /* "%(" */
        if (s[j + 1] != 's' || m->style == 2)
            return fail_at(m, i);
        m->style = 1;
        size_t before = m->name_count;
        size_t k = name_index(m, s + i + 2, j - (i + 2));
        if (m->name_count > 65535 && m->name_count > before)
            return fail_at(m, i);
        put_number(m, k + 1);
        return j + 2;
    }
    if (d == '%') {
        put(m, "%", 1);
        return i + 2;
    }
    if (d != 's' || m->style == 1 || m->positional == 65535)
        return fail_at(m, i);
    m->style = 2;
    put_number(m, ++m->positional);
    return i + 2;
}

static void run_model(const uint8_t *s, size_t n, model *m)
{
    memset(m, 0, sizeof *m);
    m->out = malloc(n * 4 + 16);
    m->names = malloc((n / 2 + 1) * sizeof *m->names);
    m->name_lens = malloc((n / 2 + 1) * sizeof *m->name_lens);
    if (!m->out || !m->names || !m->name_lens)
        fz_fail("out of memory");
    for (size_t i = 0; i < n;) {
        if (s[i] != '%' || i + 1 == n || s[i + 1] == '\n') {
            put(m, (const char *)&s[i], 1);
            i++;
        } else if ((i = token(s, n, i, m)) == 0) {
            return;
        }
    }
}

static void free_model(model *m)
{
    free(m->out);
    free(m->names);
    free(m->name_lens);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_catalog();
    return 0;
}

static const sg_diagnostic *find_rule(const sg_verdict *v, const char *rule)
{
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++)
        if (strcmp(sg_verdict_diagnostic(v, i)->rule, rule) == 0)
            return sg_verdict_diagnostic(v, i);
    return NULL;
}

/* The compiled text of a verdict against the model's. */
static void same_text(const sg_verdict *v, const model *m, const char *how)
{
    const char *sql = sg_verdict_compiled_sql(v);
    if (!sql || strlen(sql) != m->out_len || memcmp(sql, m->out, m->out_len) != 0)
        fz_fail("%s: compiled text differs: compiler \"%s\", model %zu bytes \"%.*s\"", how,
                sql ? sql : "(none)", m->out_len, (int)m->out_len, m->out);
}

/* A check's compiled text against the model's: the same, except that the
 * check qualifies every relation it resolved with the data source's default
 * schema (`public.` before an unqualified name, after a space where the name
 * would otherwise run into the token before it). Where the model's text goes
 * on with the schema itself the name was already qualified, and pinning never
 * inserts there. */
static void same_text_pinned(const sg_verdict *v, const model *m)
{
    static const char schema[] = "public.";
    const size_t n = sizeof schema - 1;
    const char *sql = sg_verdict_compiled_sql(v);
    if (!sql)
        fz_fail("check: no compiled text, the model has %zu bytes", m->out_len);
    size_t len = strlen(sql), i = 0, j = 0;
    while (i < len || j < m->out_len) {
        if (i < len && j < m->out_len && sql[i] == (char)m->out[j] &&
            !(len - i >= n && memcmp(sql + i, schema, n) == 0 &&
              !(m->out_len - j >= n && memcmp(m->out + j, schema, n) == 0))) {
            i++, j++;
            continue;
        }
        size_t skip = i < len && sql[i] == ' ' ? 1 : 0;
        if (len - i >= n + skip && memcmp(sql + i + skip, schema, n) == 0 &&
            !(m->out_len - j >= n && memcmp(m->out + j, schema, n) == 0)) {
            i += n + skip;
            continue;
        }
        fz_fail("check: compiled text differs at byte %zu (model byte %zu): compiler \"%s\", "
                "model \"%.*s\"",
                i, j, sql, (int)m->out_len, m->out);
    }
}

/* The input as SQL linted on its own: compiled text, or the error's place. */
static void check_compile(const uint8_t *data, size_t size, const model *m)
{
    sg_verdict *v = NULL;
    sg_lint_options lo = SG_LINT_OPTIONS_INIT;
    lo.placeholders = SG_LINT_PLACEHOLDERS_PSYCOPG;
    if (sg_lint_sql(NULL, (const char *)data, size, &lo, &v) != SG_OK)
        fz_fail("sg_lint_sql failed for %zu bytes", size);
    const sg_diagnostic *syntax = find_rule(v, "params.syntax");
    if (!fz_is_text(data, size)) {
        if (!find_rule(v, "op.invalid") || syntax || sg_verdict_compiled_sql(v))
            fz_fail("text that is not UTF-8 reached the compiler");
    } else if (m->error) {
        if (!syntax || syntax->offset != (long)m->error_offset)
            fz_fail("model error at %zu, compiler %s at %ld", m->error_offset,
                    syntax ? syntax->message : "no error", syntax ? syntax->offset : -1L);
        if (sg_verdict_compiled_sql(v))
            fz_fail("compiled text despite %s", syntax->message);
    } else {
        /* (params.syntax may still come from the rules, e.g. for native $n
         * mixed in: the compiled text tells that the compiler succeeded) */
        same_text(v, m, "lint");
    }
    sg_verdict_free(v);
}

/* Parameters naming themselves: {"NAME": "NAME"} for named placeholders,
 * ["1", "2", ...] for positional ones; the value expected of parameter i. */
static cJSON *self_naming(const model *m)
{
    cJSON *p = m->style == 1 ? cJSON_CreateObject() : cJSON_CreateArray();
    for (size_t i = 0; p && i < (m->style == 1 ? m->name_count : m->positional); i++) {
        char value[32];
        if (m->style == 1) {
            char *name = strndup((const char *)m->names[i], m->name_lens[i]);
            if (!name)
                fz_fail("out of memory");
            cJSON_AddStringToObject(p, name, name);
            free(name);
        } else {
            snprintf(value, sizeof value, "%zu", i + 1);
            cJSON_AddItemToArray(p, cJSON_CreateString(value));
        }
    }
    if (!p)
        fz_fail("out of memory");
    return p;
}

/* The value parameter i must have, as compact JSON. */
static char *expected_value(const model *m, size_t i)
{
    cJSON *v;
    if (m->style == 1) {
        char *name = strndup((const char *)m->names[i], m->name_lens[i]);
        v = name ? cJSON_CreateString(name) : NULL;
        free(name);
    } else {
        char value[32];
        snprintf(value, sizeof value, "%zu", i + 1);
        v = cJSON_CreateString(value);
    }
    char *text = v ? cJSON_PrintUnformatted(v) : NULL;
    cJSON_Delete(v);
    if (!text)
        fz_fail("out of memory");
    return text;
}

/* The input as an operation bound by the model's names: once the statement
 * parses as one, its ordered parameters must be the model's. */
static void check_names(const uint8_t *data, size_t size, const model *m)
{
    char *sql = strndup((const char *)data, size);
    if (!sql)
        fz_fail("out of memory");
    char *json = fz_operation_json("select", "write", sql, self_naming(m));
    free(sql);
    sg_verdict *v = NULL;
    if (sg_check(fz_catalog(), json, strlen(json), NULL, &v) != SG_OK)
        fz_fail("sg_check failed");
    cJSON_free(json);
    same_text_pinned(v, m);
    size_t want = m->style == 1 ? m->name_count : m->positional;
    bool bound = !find_rule(v, "op.invalid") && !find_rule(v, "sql.syntax") &&
                 !find_rule(v, "sql.multiple-statements");
    if (bound && sg_verdict_parameter_count(v) != want)
        fz_fail("%zu parameters bound, the model has %zu", sg_verdict_parameter_count(v), want);
    for (size_t i = 0; bound && i < want; i++) {
        char *expected = expected_value(m, i);
        if (strcmp(sg_verdict_parameter_json(v, i), expected) != 0)
            fz_fail("parameter $%zu is %s, the model's is %s", i + 1,
                    sg_verdict_parameter_json(v, i), expected);
        cJSON_free(expected);
    }
    sg_verdict_free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0; /* over the SQL limit: op.invalid, nothing compiled */
    model m;
    run_model(data, size, &m);
    check_compile(data, size, &m);
    if (!m.error && m.style != 0 && fz_is_text(data, size))
        check_names(data, size, &m);
    free_model(&m);
    return 0;
}
