/*
 * migrate_psql.c - psql's conditionals in a migration file: `\set` and the
 * variables it gives values, `\if`, `\elif`, `\else` and `\endif` decided
 * as psql decides them, and the branches psql never runs blanked before the
 * file is parsed, so that their statements are not applied. A condition the
 * file cannot decide is noted and every branch applied. migrate.c calls it
 * once per file, before it reads the statements.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pg/migrate_int.h"
#include "util/text.h"

/* A psql variable the file sets (`\set name value`): its value, NULL when
 * it cannot be known (another variable's, a backtick's, one set in a
 * branch that may not run, by `\getenv` or `\prompt`). With `prefix`,
 * every variable whose name starts with `name` (`\gset`'s, whose names are
 * the query's columns). */
typedef struct psql_var {
    const char *name;
    const char *value;
    bool prefix;
} psql_var;

/* One `\if` ... `\endif` of the file. */
typedef struct psql_branch {
    bool outer; /* the branches around it run */
    bool taken; /* one of its branches runs for sure */
    bool live;  /* the current branch runs, or may */
    bool maybe; /* a condition of it so far could not be decided */
} psql_branch;

enum { PSQL_FALSE = 0, PSQL_TRUE = 1, PSQL_UNKNOWN = 2, PSQL_BRANCH_MAX = 64 };

typedef struct psql_state {
    mig *m;
    sg__vec vars; /* psql_var */
    psql_branch stack[PSQL_BRANCH_MAX];
    size_t depth, lost; /* frames, and those past the stack's room */
} psql_state;

static const char *psql_value(const psql_state *ps, const char *name, size_t n, bool *known)
{
    for (size_t i = ps->vars.count; i-- > 0;) {
        const psql_var *v = &SG__VEC_AT(ps->vars, psql_var, i);
        size_t vn = strlen(v->name);
        if (v->prefix ? vn <= n && strncmp(v->name, name, vn) == 0
                      : vn == n && strncmp(v->name, name, n) == 0) {
            *known = v->value != NULL;
            return v->value;
        }
    }
    *known = false; /* perhaps given on psql's command line (-v) */
    return NULL;
}

/* psql's ParseVariableBool: a prefix of true, false, yes or no, of on or off
 * (two letters at least), 1 or 0, in any case; anything else is an error,
 * after which psql takes the branch as false. */
static int psql_bool(const char *v)
{
    size_t n = strlen(v);
    if (n > 0 && (strncasecmp(v, "true", n) == 0 || strncasecmp(v, "yes", n) == 0))
        return PSQL_TRUE;
    if (n > 0 && (strncasecmp(v, "false", n) == 0 || strncasecmp(v, "no", n) == 0))
        return PSQL_FALSE;
    if (n >= 2 && strncasecmp(v, "on", n) == 0)
        return PSQL_TRUE;
    if (n >= 2 && strncasecmp(v, "off", n) == 0)
        return PSQL_FALSE;
    return strcmp(v, "1") == 0 ? PSQL_TRUE : PSQL_FALSE;
}

/* `v` quoted by `q` as psql quotes `:'name'` (a literal) and `:"name"` (an
 * identifier): the quote doubled inside, a literal with a backslash written
 * E'...' with it doubled. */
static void psql_quoted(sg__strbuf *b, const char *v, char q)
{
    if (q == '\'' && strchr(v, '\\'))
        sg__strbuf_puts(b, " E");
    sg__strbuf_put(b, &q, 1);
    for (; *v; v++) {
        if (*v == q || (q == '\'' && *v == '\\'))
            sg__strbuf_put(b, v, 1);
        sg__strbuf_put(b, v, 1);
    }
    sg__strbuf_put(b, &q, 1);
}

/* The arguments of a psql command (bytes [s, e) of the file) as psql reads
 * them: words and quoted words, a variable's value in place of `:name`, its
 * value quoted in place of `:'name'` and `:"name"` (which no boolean is),
 * `:{?name}` as whether it is set. Joined by `sep` into *out (the scratch
 * arena); false when a part cannot be known. */
static bool psql_args(psql_state *ps, const char *s, const char *e, const char *sep, char **out)
{
    sg__strbuf b = SG__STRBUF_INIT(&ps->m->tmp);
    sg__strbuf_put(&b, "", 0);
    bool first = true, known = true;
    for (; known;) {
        while (s < e && strchr(" \t\r\n", *s))
            s++;
        if (s >= e)
            break;
        if (!first)
            sg__strbuf_puts(&b, sep);
        first = false;
        if (*s == '\'') {
            const char *close = s + 1;
            while (close < e && *close != '\'' && *close != '\\')
                close++;
            if (close >= e || *close != '\'') {
                known = false;
                break;
            }
            sg__strbuf_put(&b, s + 1, (size_t)(close - s - 1));
            s = close + 1;
        } else if (*s == ':' && s + 1 < e && strchr("'\"{", s[1])) {
            char end = s[1] == '{' ? '}' : s[1];
            const char *name = s + 2 + (s[1] == '{' && s + 2 < e && s[2] == '?');
            const char *close = memchr(name, end, (size_t)(e - name));
            const char *v = close && !(s[1] == '{' && name == s + 2)
                                ? psql_value(ps, name, (size_t)(close - name), &known)
                                : NULL;
            if (!v) {
                known = false;
                break;
            }
            if (s[1] == '{')
                sg__strbuf_puts(&b, "TRUE");
            else
                psql_quoted(&b, v, s[1]);
            s = close + 1;
        } else if (*s == ':' && s + 1 < e && sg__ident_start((unsigned char)s[1])) {
            const char *name = s + 1, *end = name;
            while (end < e && sg__ident_char((unsigned char)*end) && *end != '$')
                end++;
            const char *v = psql_value(ps, name, (size_t)(end - name), &known);
            if (!v || (end < e && !strchr(" \t\r\n", *end))) {
                known = false;
                break;
            }
            sg__strbuf_puts(&b, v);
            s = end;
        } else {
            const char *w = s;
            while (s < e && !strchr(" \t\r\n", *s))
                s++;
            if (memchr(w, ':', (size_t)(s - w)) || memchr(w, '`', (size_t)(s - w)) ||
                memchr(w, '\'', (size_t)(s - w)) || memchr(w, '"', (size_t)(s - w))) {
                known = false;
                break;
            }
            sg__strbuf_put(&b, w, (size_t)(s - w));
        }
    }
    if (b.failed) {
        ps->m->oom = true;
        return false;
    }
    *out = b.data;
    return known;
}

/* Whether the text here runs, or may: an \if past the stack's room is
 * noted and all of it is taken to run. */
static bool psql_live(const psql_state *ps)
{
    return ps->depth == 0 || ps->stack[ps->depth - 1].live;
}

static bool psql_certain(const psql_state *ps)
{
    for (size_t i = 0; i < ps->depth; i++)
        if (ps->stack[i].maybe)
            return false;
    return true;
}

/* \if or \elif at `at`: the condition decided, or a note that it cannot be
 * and that every branch is applied. */
static int psql_condition(psql_state *ps, size_t at, const char *args, const char *end, int *value)
{
    char *text;
    if (!psql_args(ps, args, end, " ", &text)) {
        if (ps->m->oom)
            return STOP;
        *value = PSQL_UNKNOWN;
        const char *cmd = ps->m->original + at + 1;
        size_t n = 0;
        while (sg__ident_char((unsigned char)cmd[n]))
            n++;
        return sg__mig_note(ps->m, (int)at,
                            "psql decides here (\\%.*s) by a value the file does not hold, so "
                            "from-sql applies every branch of it",
                            (int)n, cmd);
    }
    *value = psql_bool(text);
    return APPLIED;
}

/* Whether the backslash at original[i] starts a psql command: one the
 * psql blanking took out, not an argument of the command before it on its
 * line (blanked too). */
static bool psql_command_at(const mig *m, size_t i)
{
    if (m->original[i] != '\\' || m->sql[i] == '\\')
        return false;
    size_t k = i;
    while (k > 0 && (m->original[k - 1] == ' ' || m->original[k - 1] == '\t'))
        k--;
    return k == 0 || m->original[k - 1] == '\n' || m->sql[k - 1] == m->original[k - 1];
}

/* The end of the COPY ... FROM STDIN data from the line after `at`: the end
 * of the line `\.`, or of the text. */
static size_t psql_copy_data_end(const mig *m, size_t at)
{
    const char *s = m->original;
    const char *nl = memchr(s + at, '\n', m->len - at);
    while (nl) {
        size_t line = (size_t)(nl - s) + 1;
        const char *next = memchr(s + line, '\n', m->len - line);
        size_t end = next ? (size_t)(next - s) : m->len, n = end - line;
        if (n > 0 && s[end - 1] == '\r')
            n--;
        if (n == 2 && s[line] == '\\' && s[line + 1] == '.')
            return end;
        nl = next;
    }
    return m->len;
}

/* Whether the statement of tokens ending before `semi` (the token of its
 * semicolon) is COPY ... FROM STDIN. */
static bool copy_from_stdin_before(const mig *m, size_t semi)
{
    size_t k = semi;
    while (k > 0 && !sg__mig_char_is(m->sql, &m->tokens[k - 1], ';'))
        k--;
    k = sg__mig_code_token(m, k);
    if (k >= semi || !sg__mig_word_is(m->sql, &m->tokens[k], "copy"))
        return false;
    for (size_t i = k + 1; i + 1 < semi; i++)
        if (sg__mig_word_is(m->sql, &m->tokens[i], "from") &&
            sg__mig_word_is(m->sql, &m->tokens[sg__mig_code_token(m, i + 1)], "stdin"))
            return true;
    return false;
}

/* Whether the bytes [s, e) hold the word stdin, in any case. */
static bool mentions_stdin(const char *s, const char *e)
{
    for (; s + 5 <= e; s++)
        if (strncasecmp(s, "stdin", 5) == 0)
            return true;
    return false;
}

/* A branch psql does not run, [from, to), listed in *dead. */
static int add_dead(mig *m, sg__vec *dead, size_t from, size_t to)
{
    sg__span *sp = sg__vec_push(&m->tmp, dead, sizeof *sp);
    if (!sp)
        return STOP;
    *sp = (sg__span){from, to};
    return APPLIED;
}

/*
 * psql's `\if`, `\elif`, `\else` and `\endif` in `text` (the file as the
 * psql blanking left it, m->sql): a branch psql does not run is blanked
 * (line breaks kept), as psql never sends it; a condition is decided as psql
 * decides it, from literals and the values `\set` gave variables earlier in
 * the file, and one that cannot be (a variable the file does not set, a
 * backtick) is noted and all its branches are applied. `\gexec` in a branch
 * that runs is noted: psql runs the query's values as statements. *dead:
 * the spans blanked (sg__span).
 */
int sg__mig_follow_psql_branches(mig *m, char *text, sg__vec *dead)
{
    *dead = (sg__vec){0};
    psql_state ps = {.m = m};
    size_t live_from = 0, semi = 0;
    for (size_t i = 0; i < m->len; i++) {
        /* the data of a COPY ... FROM STDIN are no commands */
        if (m->tokens && semi < m->ntokens && m->tokens[semi].start < i) {
            while (semi < m->ntokens && m->tokens[semi].start < i)
                semi++;
            if (semi > 0 && sg__mig_char_is(m->sql, &m->tokens[semi - 1], ';') &&
                m->tokens[semi - 1].start == i - 1 && copy_from_stdin_before(m, semi - 1)) {
                i = psql_copy_data_end(m, i - 1);
                continue;
            }
        }
        if (!psql_command_at(m, i))
            continue;
        const char *cmd = m->original + i + 1;
        size_t n = 0;
        while (sg__ident_char((unsigned char)cmd[n]) && cmd[n] != '$')
            n++;
        const char *args = cmd + n, *end = args;
        while (end < m->original + m->len && *end != '\n' && *end != '\\')
            end++;
        bool was_live = psql_live(&ps);
        int rc = APPLIED, value;
        if (n == 4 && strncmp(cmd, "copy", 4) == 0 && mentions_stdin(args, end)) {
            i = psql_copy_data_end(m, i);
            continue;
        }
        if (n == 2 && strncmp(cmd, "if", 2) == 0) {
            psql_branch b = {.outer = was_live};
            if (was_live && (rc = psql_condition(&ps, i, args, end, &value)) == APPLIED) {
                b.live = value != PSQL_FALSE;
                b.taken = value == PSQL_TRUE;
                b.maybe = value == PSQL_UNKNOWN;
            }
            if (ps.depth < PSQL_BRANCH_MAX && !ps.lost)
                ps.stack[ps.depth++] = b;
            else if (ps.lost++ == 0 && was_live && rc == APPLIED)
                rc = sg__mig_note(m, (int)i,
                                  "psql's \\if is nested deeper than %d here, which from-sql does "
                                  "not follow: it applies every branch of it and of those in it",
                                  PSQL_BRANCH_MAX);
        } else if ((n == 4 && strncmp(cmd, "elif", 4) == 0) ||
                   (n == 4 && strncmp(cmd, "else", 4) == 0)) {
            psql_branch *b = ps.lost == 0 && ps.depth ? &ps.stack[ps.depth - 1] : NULL;
            if (b && b->outer && !b->taken) {
                value = PSQL_TRUE;
                if (cmd[2] == 'i')
                    rc = psql_condition(&ps, i, args, end, &value);
                b->live = value != PSQL_FALSE;
                b->taken = value == PSQL_TRUE;
                b->maybe |= value == PSQL_UNKNOWN;
            } else if (b) {
                b->live = false;
            }
        } else if (n == 5 && strncmp(cmd, "endif", 5) == 0) {
            if (ps.lost)
                ps.lost--;
            else if (ps.depth)
                ps.depth--;
        } else if (was_live && ((n == 3 && strncmp(cmd, "set", 3) == 0) ||
                                (n == 5 && strncmp(cmd, "unset", 5) == 0))) {
            const char *name = args;
            while (name < end && strchr(" \t\r", *name))
                name++;
            const char *ne = name;
            while (ne < end && !strchr(" \t\r", *ne))
                ne++;
            char *value_text = NULL;
            psql_var *v = ne > name ? sg__vec_push(&m->tmp, &ps.vars, sizeof *v) : NULL;
            if (ne > name && !v)
                return STOP;
            if (v) {
                v->name = sg__arena_strndup(&m->tmp, name, (size_t)(ne - name));
                v->value =
                    cmd[0] == 's' && psql_certain(&ps) && psql_args(&ps, ne, end, "", &value_text)
                        ? value_text
                        : NULL;
                if (!v->name || m->oom)
                    return STOP;
            }
        } else if (was_live && ((n == 4 && strncmp(cmd, "gset", 4) == 0) ||
                                (n == 6 && strncmp(cmd, "getenv", 6) == 0) ||
                                (n == 6 && strncmp(cmd, "prompt", 6) == 0))) {
            /* a value only the run knows: \gset's prefix (every name
             * without one), \getenv's first word, \prompt's last */
            const char *name = NULL, *ne = NULL;
            for (const char *w = args; w < end;) {
                while (w < end && strchr(" \t\r", *w))
                    w++;
                const char *we = w;
                while (we < end && !strchr(" \t\r", *we))
                    we++;
                if (we > w && (!name || cmd[1] == 'r')) {
                    name = w;
                    ne = we;
                }
                w = we;
            }
            psql_var *v = sg__vec_push(&m->tmp, &ps.vars, sizeof *v);
            if (!v)
                return STOP;
            v->prefix = cmd[1] == 's';
            v->name = sg__arena_strndup(&m->tmp, name ? name : "", name ? (size_t)(ne - name) : 0);
            if (!v->name)
                return STOP;
        } else if (was_live && n == 5 && strncmp(cmd, "gexec", 5) == 0) {
            rc = sg__mig_note(m, (int)i,
                              "psql runs each value the query before \\gexec returns as a "
                              "statement, which from-sql does not follow: a table it makes or "
                              "changes is not applied");
        }
        if (rc != APPLIED)
            return STOP;
        /* the text up to here ran when the branch was live */
        bool live = psql_live(&ps);
        if (!was_live && live) {
            if (add_dead(m, dead, live_from, i) != APPLIED)
                return STOP;
        } else if (was_live && !live) {
            live_from = (size_t)(end - m->original);
        }
        i = (size_t)(end - m->original) - 1;
    }
    if (!psql_live(&ps) && add_dead(m, dead, live_from, m->len) != APPLIED)
        return STOP;
    /* blanked when the file's tokens are read no more: every byte but line
     * breaks */
    for (size_t k = 0; k < dead->count; k++)
        for (size_t at = SG__VEC_AT(*dead, sg__span, k).start;
             at < SG__VEC_AT(*dead, sg__span, k).end; at++)
            if (text[at] != '\n' && text[at] != '\r')
                text[at] = ' ';
    return APPLIED;
}
