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
 * "%b"/"%t", which the guard refuses, "%(x)d"). A '%' at the end of the text
 * or before '\n' matches nothing and stays. Named and positional never mix;
 * more than 65535 parameters is an error. The model and the compiler must
 * agree on error/no-error and, on success, on the compiled text, the style,
 * the names and the counts.
 */
#include "fuzz.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "resolve/placeholders.h"

typedef struct {
    char *out;
    size_t out_len;
    bool error;
    int style; /* 0 none, 1 named, 2 positional */
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

static void run_model(const uint8_t *s, size_t n, model *m)
{
    memset(m, 0, sizeof *m);
    m->out = malloc(n * 4 + 16);
    m->names = malloc((n / 2 + 1) * sizeof *m->names);
    m->name_lens = malloc((n / 2 + 1) * sizeof *m->name_lens);
    if (!m->out || !m->names || !m->name_lens)
        fz_fail("out of memory");
    size_t i = 0;
    while (i < n) {
        if (s[i] != '%' || i + 1 == n || s[i + 1] == '\n') {
            put(m, (const char *)&s[i], 1);
            i++;
            continue;
        }
        uint8_t d = s[i + 1];
        if (d == '(') {
            const uint8_t *close = memchr(s + i + 2, ')', n - (i + 2));
            size_t j = close ? (size_t)(close - s) : 0;
            if (close && j > i + 2 && j + 1 < n && s[j + 1] != '\n') {
                if (s[j + 1] != 's') {
                    m->error = true;
                    return;
                }
                if (m->style == 2) {
                    m->error = true;
                    return;
                }
                m->style = 1;
                size_t before = m->name_count;
                size_t k = name_index(m, s + i + 2, j - (i + 2));
                if (m->name_count > 65535 && m->name_count > before) {
                    m->error = true;
                    return;
                }
                char buf[16];
                int w = snprintf(buf, sizeof buf, "$%zu", k + 1);
                put(m, buf, (size_t)w);
                m->placeholders++;
                i = j + 2;
                continue;
            }
            m->error = true; /* "%(" */
            return;
        }
        if (d == '%') {
            put(m, "%", 1);
            i += 2;
            continue;
        }
        if (d != 's' || m->style == 1) {
            m->error = true;
            return;
        }
        m->style = 2;
        if (m->positional == 65535) {
            m->error = true;
            return;
        }
        m->positional++;
        m->placeholders++;
        char buf[16];
        int w = snprintf(buf, sizeof buf, "$%zu", m->positional);
        put(m, buf, (size_t)w);
        i += 2;
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
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model m;
    run_model(data, size, &m);

    sg__arena arena;
    sg__arena_init(&arena);
    sg__ph_result r;
    if (sg__ph_compile(&arena, (const char *)data, size, &r) != 0)
        fz_fail("sg__ph_compile failed to allocate for %zu bytes", size);
    if ((r.error != NULL) != m.error)
        fz_fail("compiler error=%s, model error=%d", r.error ? r.error : "(none)", m.error);
    if (!r.error) {
        if (!r.sql || r.sql_len != m.out_len || memcmp(r.sql, m.out, m.out_len) != 0 ||
            r.sql[r.sql_len] != '\0')
            fz_fail("compiled text differs: compiler %zu bytes \"%.*s\", model %zu bytes \"%.*s\"",
                    r.sql_len, (int)r.sql_len, r.sql ? r.sql : "", m.out_len, (int)m.out_len,
                    m.out);
        int style = r.style == SG_PH_NAMED ? 1 : r.style == SG_PH_POSITIONAL ? 2 : 0;
        if (style != m.style)
            fz_fail("style: compiler %d, model %d", style, m.style);
        if (r.placeholder_count != m.placeholders)
            fz_fail("placeholders: compiler %zu, model %zu", r.placeholder_count,
                    m.placeholders);
        if (style == 2 && r.positional_count != m.positional)
            fz_fail("positional: compiler %zu, model %zu", r.positional_count, m.positional);
        if (style == 1) {
            if (r.name_count != m.name_count)
                fz_fail("names: compiler %zu, model %zu", r.name_count, m.name_count);
            for (size_t i = 0; i < m.name_count; i++)
                if (strlen(r.names[i]) != m.name_lens[i] ||
                    memcmp(r.names[i], m.names[i], m.name_lens[i]) != 0)
                    if (memchr(m.names[i], '\0', m.name_lens[i]) == NULL)
                        fz_fail("name %zu differs", i);
        }
        for (size_t i = 0; i < r.placeholder_count; i++) {
            const sg__placeholder *p = &r.placeholders[i];
            if (p->src_offset >= size || data[p->src_offset] != '%' ||
                p->out_offset + p->out_len > r.sql_len || r.sql[p->out_offset] != '$')
                fz_fail("placeholder %zu maps badly (src %zu, out %zu)", i, p->src_offset,
                        p->out_offset);
            if (sg__ph_map_offset(&r, p->out_offset) != p->src_offset)
                fz_fail("placeholder %zu: map_offset(%zu) = %zu, want %zu", i, p->out_offset,
                        sg__ph_map_offset(&r, p->out_offset), p->src_offset);
        }
    }
    sg__arena_release(&arena);
    free_model(&m);
    return 0;
}
