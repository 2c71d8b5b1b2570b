/*
 * migrate_routine.c - DDL that a migration runs out of sight: the functions
 * and procedures the file makes whose bodies run DDL (themselves, or by
 * calling another of them at any depth), a DO block's body read for DDL it
 * runs in a shape from-sql does not follow (EXECUTE of a string, format()'s
 * template, another language), and the note a call of such a routine gets.
 * migrate.c calls it for CREATE FUNCTION/PROCEDURE, DO, CALL and every
 * statement that may call a routine.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "pg/migrate_int.h"
#include "pg/split.h"
#include "util/text.h"

/* The words at s (n bytes) as DDL that could change a table of the model:
 * CREATE, ALTER or DROP of a table, index, schema or domain, DROP TYPE,
 * ALTER TYPE ... RENAME or SET SCHEMA (a CREATE TYPE or ADD VALUE changes no
 * table); the kind as a label, or NULL. */
static const char *ddl_words(const char *s, size_t n)
{
    static const char *const verbs[] = {"CREATE", "ALTER", "DROP"};
    static const char *const skip[] = {"or",     "replace", "unique",   "temp",   "temporary",
                                       "global", "local",   "unlogged", "foreign"};
    static const char *const kinds[] = {"TABLE", "INDEX", "SCHEMA", "DOMAIN", "TYPE"};
    static const char *const labels[3][5] = {
        {"CREATE TABLE", "CREATE INDEX", "CREATE SCHEMA", "CREATE DOMAIN", NULL},
        {"ALTER TABLE", "ALTER INDEX", "ALTER SCHEMA", "ALTER DOMAIN", "ALTER TYPE"},
        {"DROP TABLE", "DROP INDEX", "DROP SCHEMA", "DROP DOMAIN", "DROP TYPE"}};
    size_t i = 0, verb = 3, words = 0;
    while (i < n && words < 8) {
        while (i < n && strchr(" \t\r\n", s[i]))
            i++;
        size_t w = i;
        while (i < n && (sg__ident_char((unsigned char)s[i]) && s[i] != '$'))
            i++;
        if (i == w)
            return NULL;
        size_t len = i - w;
        words++;
        if (verb == 3) {
            for (size_t v = 0; v < 3; v++)
                if (len == strlen(verbs[v]) && strncasecmp(s + w, verbs[v], len) == 0)
                    verb = v;
            if (verb == 3)
                return NULL;
            continue;
        }
        bool skipped = false;
        for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
            skipped |= len == strlen(skip[k]) && strncasecmp(s + w, skip[k], len) == 0;
        if (skipped)
            continue;
        for (size_t k = 0; k < 5; k++) {
            if (len != strlen(kinds[k]) || strncasecmp(s + w, kinds[k], len) != 0)
                continue;
            if (verb == 1 && k == 4) {
                /* ALTER TYPE: only RENAME TO and SET SCHEMA move columns' types */
                const char *semi = memchr(s + i, ';', n - i);
                size_t span = semi ? (size_t)(semi - (s + i)) : n - i;
                bool moves = false;
                for (size_t p = i; p + 6 <= i + span && !moves; p++)
                    moves = strncasecmp(s + p, "rename", 6) == 0 ||
                            (p + 10 <= i + span && strncasecmp(s + p, "set schema", 10) == 0);
                return moves ? labels[verb][k] : NULL;
            }
            return labels[verb][k];
        }
        return NULL;
    }
    return NULL;
}

/* The text of string token t of `s` (inside its quotes, as written), or
 * NULL when t is no string. */
static const char *string_text(const char *s, const sg__sql_token *t, size_t *n)
{
    const char *p = s + t->start;
    size_t tl = t->end - t->start, open = 0, close = 1;
    if (tl >= 2 && p[0] == '\'')
        open = 1;
    else if (tl >= 3 && (p[0] == 'E' || p[0] == 'e') && p[1] == '\'')
        open = 2;
    else if (tl >= 2 && p[0] == '$') {
        const char *tag = memchr(p + 1, '$', tl - 1);
        open = close = tag ? (size_t)(tag - p) + 1 : 0;
    }
    if (!open || open + close > tl)
        return NULL;
    *n = tl - open - close;
    return p + open;
}

/* DDL that a body runs from a string built of pieces (`'ALTER ' || 'TABLE
 * t ...'`, concat_ws(' ', 'ALTER', 'TABLE', ...)), when it has EXECUTE: the
 * strings from each one on, joined by blanks, read as DDL; its label, or
 * NULL. */
static const char *ddl_in_pieces(mig *m, const char *body, const sg__sql_token *t, size_t n)
{
    bool execute = false;
    for (size_t i = 0; i < n && !execute; i++)
        execute = !t[i].comment && sg__mig_word_is(body, &t[i], "execute");
    for (size_t i = 0; execute && i < n; i++) {
        size_t len;
        const char *text = t[i].comment ? NULL : string_text(body, &t[i], &len);
        if (!text)
            continue;
        sg__strbuf b = SG__STRBUF_INIT(&m->tmp);
        for (size_t k = i, pieces = 0; k < n && pieces < 6; k++) {
            const char *piece = t[k].comment ? NULL : string_text(body, &t[k], &len);
            if (!piece)
                continue;
            sg__strbuf_put(&b, piece, len);
            sg__strbuf_put(&b, " ", 1);
            pieces++;
        }
        if (b.failed) {
            m->oom = true;
            return NULL;
        }
        const char *ddl = ddl_words(b.data, b.len);
        if (ddl)
            return ddl;
    }
    return NULL;
}

/* DDL that a DO block's body (`body`, of language `lang`) runs in a shape
 * not followed: a statement that starts with it, or a string that does (the
 * text of an EXECUTE, format()'s template); its label, or NULL. */
const char *sg__mig_ddl_in_body(mig *m, const char *body, bool plpgsql)
{
    size_t len = strlen(body);
    sg__sql_token *t;
    size_t n;
    int rc = plpgsql ? sg__sql_scan(&m->tmp, body, len, &t, &n) : 1;
    if (rc < 0) {
        m->oom = true;
        return NULL;
    }
    if (rc > 0) {
        /* not SQL's tokens (another language): any word that starts DDL */
        for (size_t i = 0; i < len; i++)
            if ((i == 0 || !sg__ident_char((unsigned char)body[i - 1])) &&
                ddl_words(body + i, len - i))
                return ddl_words(body + i, len - i);
        return NULL;
    }
    const sg__sql_token *prev = NULL;
    bool message = false; /* in RAISE or ASSERT, whose strings are messages */
    for (size_t i = 0; i < n; i++) {
        if (t[i].comment)
            continue;
        const char *s = body + t[i].start;
        size_t tl = t[i].end - t[i].start;
        bool starts = !prev || sg__mig_char_is(body, prev, ';') ||
                      sg__mig_word_is(body, prev, "begin") || sg__mig_word_is(body, prev, "then") ||
                      sg__mig_word_is(body, prev, "else") || sg__mig_word_is(body, prev, "loop");
        if (starts)
            message =
                sg__mig_word_is(body, &t[i], "raise") || sg__mig_word_is(body, &t[i], "assert");
        const char *ddl = starts ? ddl_words(s, len - t[i].start) : NULL;
        if (!ddl && !message && tl >= 2) {
            /* a string's text: after ', E' or the dollar tag */
            size_t open = s[0] == '\'' ? 1 : (s[0] == 'E' || s[0] == 'e') && s[1] == '\'' ? 2 : 0;
            if (s[0] == '$') {
                const char *close = memchr(s + 1, '$', tl - 1);
                open = close ? (size_t)(close - s) + 1 : 0;
            }
            if (open && open < tl)
                ddl = ddl_words(s + open, tl - open);
        }
        if (ddl)
            return ddl;
        prev = &t[i];
    }
    return ddl_in_pieces(m, body, t, n);
}

/* The latest routine of the file called `name` (n bytes), when it runs
 * DDL (CREATE OR REPLACE without DDL takes it back). */
const mig_routine *sg__mig_ddl_routine(const mig *m, const char *name, size_t n)
{
    for (size_t i = m->ddl_routines.count; i-- > 0;) {
        const mig_routine *r = &SG__VEC_AT(m->ddl_routines, mig_routine, i);
        if (strlen(r->name) == n && strncmp(r->name, name, n) == 0)
            return r->ddl ? r : NULL;
    }
    return NULL;
}

/* The routines without DDL of their own whose bodies call one with DDL
 * run it too: marked until none is left to mark (a body may call a
 * routine made after it, as PL/pgSQL binds names when it runs). */
static int mark_routine_callers(mig *m, size_t from)
{
    for (bool marked = true; marked; from = 0) {
        marked = false;
        for (size_t i = from; i < m->ddl_routines.count; i++) {
            mig_routine *r = &SG__VEC_AT(m->ddl_routines, mig_routine, i);
            if (r->ddl || !r->body)
                continue;
            sg__sql_token *t;
            size_t n;
            int rc = sg__sql_scan(&m->tmp, r->body, strlen(r->body), &t, &n);
            if (rc < 0)
                return STOP;
            const mig_routine *callee =
                rc == 0 ? sg__mig_calls_ddl_routine(m, r->body, t, n) : NULL;
            if (!callee || callee == r)
                continue;
            r->ddl = sg__arena_printf(&m->tmp, "%s (through %s())", callee->ddl, callee->name);
            if (!r->ddl)
                return STOP;
            m->ddl_known++;
            marked = true;
        }
    }
    return APPLIED;
}

/* CREATE FUNCTION and CREATE PROCEDURE: one whose body runs DDL that could
 * change a table is kept, so that a call of it is noted; its making changes
 * nothing. */
int sg__mig_apply_create_routine(mig *m, const CreateFunctionStmt *f)
{
    const char *body = NULL, *lang = "sql";
    const ListCell *lc;
    foreach (lc, f->options) {
        const DefElem *e = lfirst(lc);
        if (strcmp(e->defname, "as") == 0 && e->arg && IsA(e->arg, List) &&
            list_length((List *)e->arg) >= 1 && IsA(linitial((List *)e->arg), String))
            body = strVal(linitial((List *)e->arg));
        else if (strcmp(e->defname, "language") == 0 && e->arg && IsA(e->arg, String))
            lang = strVal(e->arg);
    }
    bool sql = strcasecmp(lang, "plpgsql") == 0 || strcasecmp(lang, "sql") == 0;
    const char *ddl = body ? sg__mig_ddl_in_body(m, body, sql) : NULL;
    if (m->oom)
        return STOP;
    if (!f->funcname)
        return APPLIED;
    mig_routine *r = sg__vec_push(&m->tmp, &m->ddl_routines, sizeof *r);
    if (!r)
        return STOP;
    *r = (mig_routine){strVal(llast(f->funcname)), ddl, sql ? body : NULL};
    m->ddl_known += ddl != NULL;
    if (!m->ddl_known)
        return APPLIED;
    /* one without DDL may call one with it; one with DDL may be what the
     * routines made before call */
    return mark_routine_callers(m, ddl ? 0 : m->ddl_routines.count - 1);
}

/* The first function or procedure of the file with DDL that tokens t (n
 * of them) of `s` call: a name (unquoted in any case, or quoted) before an
 * opening parenthesis. */
const mig_routine *sg__mig_calls_ddl_routine(const mig *m, const char *s, const sg__sql_token *t,
                                             size_t n)
{
    if (!m->ddl_known)
        return NULL;
    for (size_t i = 0; i + 1 < n; i++) {
        if (t[i].comment)
            continue;
        size_t k = i + 1;
        while (k < n && t[k].comment)
            k++;
        if (k >= n || !sg__mig_char_is(s, &t[k], '('))
            continue;
        const char *w = s + t[i].start;
        size_t wl = t[i].end - t[i].start;
        if (wl >= 2 && w[0] == '"') {
            const mig_routine *r = sg__mig_ddl_routine(m, w + 1, wl - 2);
            if (r)
                return r;
            continue;
        }
        if (!sg__ident_start((unsigned char)w[0]) || wl > NAME_MAX_BYTES)
            continue;
        char lower[NAME_MAX_BYTES + 1];
        for (size_t j = 0; j < wl; j++)
            lower[j] = (char)(w[j] >= 'A' && w[j] <= 'Z' ? w[j] - 'A' + 'a' : w[j]);
        const mig_routine *r = sg__mig_ddl_routine(m, lower, wl);
        if (r)
            return r;
    }
    return NULL;
}

int sg__mig_note_routine_call(mig *m, const mig_routine *r)
{
    return sg__mig_note(m, -1,
                        "%s() runs %s, which from-sql does not follow: the function or "
                        "procedure is made above, and a table it makes or changes is not applied "
                        "(write the DDL outside it, or take the catalog from the database with "
                        "catalog pull)",
                        r->name, r->ddl);
}
