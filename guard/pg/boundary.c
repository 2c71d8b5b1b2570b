/*
 * boundary.c - statements of a SQL text that neither libpg_query's parser
 * nor its scanner can cut: a scan of our own that knows only where a
 * statement may end.
 *
 * One bad token (a zero-length "" identifier, a bad escape in E'', an
 * unterminated literal) makes PostgreSQL's scanner reject the whole text,
 * and lint would lose every other statement of the file. This scan reads the
 * text the way psql does to find its semicolons: quoted strings (standard
 * ones with '' doubling, E'' with backslash escapes), quoted identifiers,
 * dollar quotes, nested slash-star comments, double-dash comments,
 * parentheses, BEGIN ... END bodies of CREATE FUNCTION, psql's backslash
 * commands (one line each) and the data lines psql sends after COPY ... FROM
 * STDIN (up to a line `\.`). It judges nothing: every statement it cuts is
 * parsed on its own afterwards, and the bad one reports sql.syntax there.
 * It also yields coarse tokens (comments, and the rest as lexemes) so that
 * statements can be trimmed and suppression comments found, and the spans
 * that are psql's and not SQL, so that lint can blank them out before
 * PostgreSQL's parser reads the text (sg__sql_blank_psql()).
 */
#include <string.h>
#include <strings.h>

#include "pg/split.h"
#include "util/text.h"

typedef struct cutter {
    sg__arena *arena;
    const char *s;
    size_t len;
    sg__vec stmts;    /* sg__span */
    sg__vec tokens;   /* sg__sql_token */
    bool want_tokens; /* false: only the statements are wanted */
    sg__vec psql;     /* sg__psql_span, when want_psql */
    bool want_psql;
    bool want_sqlc; /* ... and sqlc's `@name` parameters (a file of sqlc's queries) */
    bool copy_data; /* COPY ... FROM STDIN data follows in the text (not blanked yet) */
    size_t want;    /* sg__sql_next_cut(): stop at the first cut at or after this */
    size_t found;   /* ... where it is (0: none yet); no statements are kept */
    int liquibase;  /* the text is a Liquibase changelog: 1, 0, -1 not known yet */
} cutter;

/* What one statement has seen so far, for where it may end. */
typedef struct stmt_state {
    size_t start;    /* the statement's first byte (after the last cut) */
    size_t words;    /* words read, to know the first */
    bool create;     /* the first word is CREATE */
    bool copy;       /* the first word is COPY */
    bool after_from; /* COPY: the last word was FROM */
    bool copy_stdin; /* COPY ... FROM STDIN: data lines follow the statement */
    long parens;     /* open parentheses */
    long brackets;   /* open square brackets: a ':' in them is a slice's */
    long blocks;     /* open BEGIN / CASE of a CREATE ... BEGIN ATOMIC body */
    bool use_parens; /* false after an unclosed parenthesis swallowed the text */
    bool use_blocks; /* false after an unclosed BEGIN swallowed the text */
    bool has_code;   /* a token other than a comment */
} stmt_state;

static bool word_is(const char *w, size_t n, const char *kw)
{
    if (strlen(kw) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != kw[i])
            return false;
    }
    return true;
}

static int add_token(cutter *c, size_t start, size_t end, bool comment)
{
    if (!c->want_tokens)
        return 0;
    sg__sql_token *t = sg__vec_push(c->arena, &c->tokens, sizeof *t);
    if (!t)
        return -1;
    *t = (sg__sql_token){start, end, comment};
    return 0;
}

static int add_psql(cutter *c, size_t start, size_t end, bool ends_query, bool variable)
{
    if (!c->want_psql)
        return 0;
    sg__psql_span *sp = sg__vec_push(c->arena, &c->psql, sizeof *sp);
    if (!sp)
        return -1;
    *sp = (sg__psql_span){start, end, ends_query, variable, false, false};
    return 0;
}

/* The word `changeset` after the `--` at s[at] (blanks between, any case),
 * as Liquibase reads its lines; the index after it, or 0. */
static size_t changeset_word(const char *s, size_t len, size_t at)
{
    size_t i = at + 2;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return len - i >= 9 && strncasecmp(s + i, "changeset", 9) == 0 ? i + 9 : 0;
}

/* Whether the text says it is a Liquibase formatted SQL changelog: a line
 * `--liquibase formatted sql` (blanks after the dashes, any case). */
static bool liquibase_changelog(const char *s, size_t len)
{
    for (const char *p = s; (p = memchr(p, '-', len - (size_t)(p - s))) != NULL; p++) {
        size_t at = (size_t)(p - s), i = at + 2;
        if (at + 1 >= len || p[1] != '-')
            continue;
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (len - i >= 23 && strncasecmp(s + i, "liquibase formatted sql", 23) == 0)
            return true;
    }
    return false;
}

/* Whether the `--` comment [at, end) is a changeset line of a Liquibase
 * formatted SQL changelog, as Liquibase matches it: alone on its line but for
 * blanks, `--`, blanks, `changeset` (any case), blanks, an author (quoted, or
 * up to the colon) and `:` and an id. */
static bool changeset_line(cutter *c, size_t at, size_t end)
{
    const char *s = c->s;
    size_t b = at;
    while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (b > 0 && s[b - 1] != '\n' && s[b - 1] != '\r')
        return false;
    size_t i = changeset_word(s, end, at);
    if (!i || i >= end || (s[i] != ' ' && s[i] != '\t'))
        return false;
    while (i < end && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t author = i;
    if (i < end && s[i] == '"') {
        const char *q = memchr(s + i + 1, '"', end - i - 1);
        if (!q)
            return false;
        i = (size_t)(q - s) + 1;
    } else {
        while (i < end && s[i] != ':')
            i++;
    }
    if (i == author || i >= end || s[i] != ':')
        return false;
    for (i++; i < end && (s[i] == ' ' || s[i] == '\t'); i++)
        ;
    if (i >= end || s[i] == '\r')
        return false;
    /* the file must say it is a changelog (once per text) */
    if (c->liquibase < 0)
        c->liquibase = liquibase_changelog(s, c->len);
    return c->liquibase > 0;
}

/* Whether the ':' at s[at] starts a psql variable, :name, :'name' or
 * :"name": outside square brackets (where a ':' is a slice's) and not in
 * `::`, SQL has no other use for a ':' before a name or a quote. */
static bool psql_variable(const char *s, size_t len, size_t at, long brackets)
{
    unsigned char next = at + 1 < len ? (unsigned char)s[at + 1] : 0;
    return brackets == 0 && (at == 0 || s[at - 1] != ':') &&
           (sg__ident_start(next) || next == '\'' || next == '"');
}

/* Whether the '@' at s[at] is sqlc's `@name` parameter: a name follows, and
 * no operator character or name comes before (`a <@ b`, `x@@y` are SQL's). */
static bool sqlc_parameter(const char *s, size_t len, size_t at)
{
    unsigned char next = at + 1 < len ? (unsigned char)s[at + 1] : 0;
    unsigned char prev = at > 0 ? (unsigned char)s[at - 1] : ' ';
    return sg__ident_start(next) && !sg__ident_char(prev) && !strchr("+-*/<>=~!@#%^&|`?", prev);
}

/* The end of the migration tool's placeholder `${name}` whose '$' is at
 * s[at] (Flyway's and Liquibase's, replaced before the server sees the
 * text: `${schema}`, `${flyway:defaultSchema}`, `${app.user}`; goose's
 * ENVSUB with a default or a message, `${ROLE:-app user}`, `${SCHEMA:?set
 * it}`), or `at` when there is none: a name of letters, digits, '_', '.',
 * ':' and '-', then, after an operator of a default or a message, any text
 * but braces up to the '}' on the same line. SQL has no `${` outside
 * literals and comments. */
static size_t tool_placeholder_end(const char *s, size_t len, size_t at)
{
    if (len - at < 4 || s[at + 1] != '{')
        return at;
    size_t i = at + 2;
    while (i < len && i - at < 130 &&
           (sg__ident_char((unsigned char)s[i]) || s[i] == '.' || s[i] == ':' || s[i] == '-'))
        i++;
    /* a default or a message after an operator (`:-`, `-`, `:=`, `=`, `:?`,
     * `?`, `:+`, `+`) runs to the brace */
    bool defaulted = i < len && (s[i] == '?' || s[i] == '=' || s[i] == '+');
    for (size_t k = at + 2; k < i && !defaulted; k++)
        defaulted = s[k] == '-' || (s[k] == ':' && k + 1 < i && strchr("=?+", s[k + 1]));
    if (i > at + 2 && i < len && s[i] != '}' && defaulted)
        while (i < len && i - at < 260 && s[i] != '}' && s[i] != '\n' && s[i] != '{')
            i++;
    return i > at + 2 && i < len && s[i] == '}' ? i + 1 : at;
}

/* The end of sqlc's macro whose `.` is at s[at] (after the word `sqlc`):
 * the parameters `.arg(name)`, `.narg(name)` and `.slice(name)`, and
 * `.embed(item)`, a FROM item's columns; the name bare or quoted, blanks
 * around it; `at` when there is none. */
static size_t sqlc_macro_end(const char *s, size_t len, size_t at)
{
    static const char *const macros[] = {".arg(", ".narg(", ".slice(", ".embed("};
    size_t i = at;
    for (size_t k = 0; k < sizeof macros / sizeof macros[0]; k++) {
        size_t n = strlen(macros[k]);
        if (len - at >= n && strncasecmp(s + at, macros[k], n) == 0) {
            i = at + n;
            break;
        }
    }
    if (i == at)
        return at;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < len && (s[i] == '\'' || s[i] == '"')) {
        char q = s[i++];
        while (i < len && s[i] != q && s[i] != '\n')
            i++;
        if (i >= len || s[i] != q)
            return at;
        i++;
    } else {
        size_t name = i;
        while (i < len && sg__ident_char((unsigned char)s[i]))
            i++;
        if (i == name)
            return at;
    }
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < len && s[i] == ')' ? i + 1 : at;
}

static int add_stmt(cutter *c, size_t start, size_t end)
{
    if (c->want) {
        if (end < c->len && c->s[end] == ';' && end + 1 >= c->want)
            c->found = end + 1;
        return 0;
    }
    sg__span *sp = sg__vec_push(c->arena, &c->stmts, sizeof *sp);
    if (!sp)
        return -1;
    *sp = (sg__span){start, end};
    return 0;
}

/* The end of a quoted run opened at s[i] by `q` (' or "), a doubled quote
 * standing for itself and, with `backslash`, a backslash escaping the next
 * byte; the text's end when it is never closed. */
static size_t quoted_end(const cutter *c, size_t i, char q, bool backslash)
{
    for (i++; i < c->len; i++) {
        if (backslash && c->s[i] == '\\') {
            i++;
            continue;
        }
        if (c->s[i] == q) {
            if (i + 1 < c->len && c->s[i + 1] == q) {
                i++;
                continue;
            }
            return i + 1;
        }
    }
    return c->len;
}

/* The end of the slash-star comment at s[i] (comments nest); *closed tells
 * whether it ends before the text does. */
static size_t comment_end(const cutter *c, size_t i, bool *closed)
{
    long depth = 0;
    *closed = false;
    while (i < c->len) {
        if (c->s[i] == '/' && i + 1 < c->len && c->s[i + 1] == '*') {
            depth++;
            i += 2;
        } else if (c->s[i] == '*' && i + 1 < c->len && c->s[i + 1] == '/') {
            i += 2;
            if (--depth == 0) {
                *closed = true;
                return i;
            }
        } else {
            i++;
        }
    }
    return c->len;
}

/* The end of the line at s[i]: its '\n' (or the text's end). */
static size_t line_end(const cutter *c, size_t i)
{
    const char *nl = memchr(c->s + i, '\n', c->len - i);
    return nl ? (size_t)(nl - c->s) : c->len;
}

/* The end of the data psql reads after COPY ... FROM STDIN whose semicolon
 * is at s[semi]: from the next line to a line that is `\.` (included), or
 * the text's end. */
static size_t copy_data_end(const cutter *c, size_t semi)
{
    size_t at = line_end(c, semi);
    while (at < c->len) {
        size_t line = at + 1, end = line_end(c, line), n = end - line;
        if (n > 0 && c->s[end - 1] == '\r')
            n--;
        if (n == 2 && c->s[line] == '\\' && c->s[line + 1] == '.')
            return end;
        at = end;
    }
    return c->len;
}

/* Whether the psql command at s[i] (the backslash) sends the query before
 * it, as a semicolon would: \g and its kinds, \crosstabview, \watch. */
static bool command_ends_query(const cutter *c, size_t i)
{
    size_t k = i + 1;
    while (k < c->len && sg__ident_char((unsigned char)c->s[k]))
        k++;
    const char *w = c->s + i + 1;
    size_t n = k - i - 1;
    return (n >= 1 && w[0] == 'g' &&
            (n == 1 || word_is(w, n, "gx") || word_is(w, n, "gset") || word_is(w, n, "gexec") ||
             word_is(w, n, "gdesc"))) ||
           word_is(w, n, "crosstabview") || word_is(w, n, "watch");
}

/* The end of the psql command whose backslash is at s[at]. Its arguments end
 * at the line's end or at the next backslash outside quotes, which starts
 * another command (`\bind 42 \g`); `\;` is a semicolon that does not send
 * the query; \copy, \!, \help and the function and view editors take the
 * whole line. The name is a word (with `+`) or one character. */
static size_t command_end(const cutter *c, size_t at)
{
    size_t eol = line_end(c, at), k = at + 1;
    if (k >= eol)
        return eol;
    if (c->s[k] == ';' || c->s[k] == '\\')
        return k + 1; /* \; and the separator \\ take no arguments */
    if (c->s[k] == '!')
        return eol; /* a shell command */
    if (!sg__ident_char((unsigned char)c->s[k]))
        k++; /* another one-character command: \? */
    while (k < eol && (sg__ident_char((unsigned char)c->s[k]) || c->s[k] == '+'))
        k++;
    const char *w = c->s + at + 1;
    size_t n = k - at - 1;
    if (word_is(w, n, "copy") || word_is(w, n, "h") || word_is(w, n, "help") ||
        word_is(w, n, "sf") || word_is(w, n, "sf+") || word_is(w, n, "sv") ||
        word_is(w, n, "sv+") || word_is(w, n, "ef") || word_is(w, n, "ev"))
        return eol;
    char quote = 0;
    for (; k < eol; k++) {
        char ch = c->s[k];
        if (quote) {
            if (ch == '\\' && quote == '\'' && k + 1 < eol)
                k++; /* psql's '...' takes backslash escapes */
            else if (ch == quote)
                quote = 0;
        } else if (ch == '\'' || ch == '"' || ch == '`') {
            quote = ch;
        } else if (ch == '\\') {
            return k;
        }
    }
    return eol;
}

/* Whether the psql command at s[at] (up to `end`) is `\copy ... from stdin`:
 * its data follows it in the script. */
static bool copy_from_stdin(const cutter *c, size_t at, size_t end)
{
    if (end - at < 5 || !word_is(c->s + at + 1, 4, "copy") ||
        (end > at + 5 && sg__ident_char((unsigned char)c->s[at + 5])))
        return false;
    bool after_from = false;
    for (size_t i = at + 5; i < end;) {
        if (!sg__ident_start((unsigned char)c->s[i])) {
            i++;
            continue;
        }
        size_t w = i;
        while (i < end && sg__ident_char((unsigned char)c->s[i]))
            i++;
        if (after_from && word_is(c->s + w, i - w, "stdin"))
            return true;
        after_from = word_is(c->s + w, i - w, "from");
    }
    return false;
}

/* The length of the dollar-quote tag ($tag$ or $$) at s[i], 0 when none. */
static size_t dollar_tag(const cutter *c, size_t i)
{
    size_t k = i + 1;
    if (k < c->len && c->s[k] == '$')
        return 2;
    if (k >= c->len || !sg__ident_start((unsigned char)c->s[k]))
        return 0;
    while (k < c->len && sg__ident_char((unsigned char)c->s[k]) && c->s[k] != '$')
        k++;
    return k < c->len && c->s[k] == '$' ? k + 1 - i : 0;
}

/* The end of the dollar-quoted string at s[i] with a tag of n bytes. */
static size_t dollar_end(const cutter *c, size_t i, size_t n)
{
    for (size_t k = i + n; k + n <= c->len; k++)
        if (c->s[k] == '$' && memcmp(c->s + k, c->s + i, n) == 0)
            return k + n;
    return c->len;
}

/* Notes a word: the first one, and the BEGIN ... END nesting of a CREATE
 * FUNCTION or PROCEDURE body in SQL (BEGIN ATOMIC), as psql tracks it. */
static void note_word(stmt_state *st, const char *w, size_t n)
{
    if (st->words++ == 0) {
        st->create = word_is(w, n, "create");
        st->copy = word_is(w, n, "copy");
        return;
    }
    if (st->copy && st->parens == 0) {
        st->copy_stdin |= st->after_from && word_is(w, n, "stdin");
        st->after_from = word_is(w, n, "from");
    }
    if (!st->create || !st->use_blocks)
        return;
    if (word_is(w, n, "begin") || (st->blocks > 0 && word_is(w, n, "case")))
        st->blocks++;
    else if (st->blocks > 0 && word_is(w, n, "end"))
        st->blocks--;
}

static void stmt_reset(stmt_state *st, size_t start, bool parens, bool blocks)
{
    memset(st, 0, sizeof *st);
    st->start = start;
    st->use_parens = parens;
    st->use_blocks = blocks;
}

/* Ends the statement running up to `end` (when it holds code) and starts
 * the next at `next`. */
static int cut(cutter *c, stmt_state *st, size_t end, size_t next)
{
    if (st->has_code && add_stmt(c, st->start, end) < 0)
        return -1;
    stmt_reset(st, next, true, true);
    return 0;
}

/* One lexeme at s[*i]: a token, perhaps a cut. Moves *i past it. */
static int lexeme(cutter *c, stmt_state *st, size_t *i)
{
    const char *s = c->s;
    size_t at = *i, end;
    unsigned char ch = (unsigned char)s[at];
    unsigned char next = at + 1 < c->len ? (unsigned char)s[at + 1] : 0;
    bool comment = false;
    if (ch == '-' && next == '-') {
        const char *nl = memchr(s + at, '\n', c->len - at);
        end = nl ? (size_t)(nl - s) : c->len;
        comment = true;
        if (changeset_line(c, at, end)) {
            /* Liquibase ends the changeset before it here, `;` or not; the
             * next statement starts after the line (a rewind to an open
             * parenthesis comes back there, not to this cut) */
            if (c->want_psql) {
                sg__psql_span *sp = sg__vec_push(c->arena, &c->psql, sizeof *sp);
                if (!sp)
                    return -1;
                *sp = (sg__psql_span){at, end, false, false, true, false};
            }
            if (cut(c, st, at, end) < 0)
                return -1;
        }
    } else if (ch == '/' && next == '*') {
        /* one never closed is code: the statement it makes reports it */
        end = comment_end(c, at, &comment);
    } else if (ch == '\'') {
        end = quoted_end(c, at, '\'', false);
    } else if (ch == '"') {
        end = quoted_end(c, at, '"', false);
    } else if (ch == '$' && dollar_tag(c, at)) {
        end = dollar_end(c, at, dollar_tag(c, at));
    } else if (ch == '$' && c->want_psql && tool_placeholder_end(s, c->len, at) > at) {
        /* a migration tool puts the placeholder's value here */
        end = tool_placeholder_end(s, c->len, at);
        if (add_psql(c, at, end, false, true) < 0)
            return -1;
    } else if (ch == '\\') {
        /* a psql command (command_end()); it ends the statement before it,
         * and \g and its kinds send that statement as a semicolon does, as
         * `\;` separates two (psql sends them together); `\copy ... from
         * stdin` reads the lines after it up to `\.` */
        end = command_end(c, at);
        if (c->copy_data && copy_from_stdin(c, at, end))
            end = copy_data_end(c, at);
        bool semicolon = end == at + 2 && s[at + 1] == ';';
        if (add_psql(c, at, end, semicolon || command_ends_query(c, at), false) < 0 ||
            cut(c, st, at, end) < 0)
            return -1;
        if (c->want_psql)
            SG__VEC_AT(c->psql, sg__psql_span, c->psql.count - 1).command = true;
        *i = end;
        return 0;
    } else if (sg__ident_start(ch)) {
        end = at + 1;
        /* a name runs up to a migration tool's placeholder glued to it
         * (`audit_${env}`), which is a token of its own */
        while (end < c->len && sg__ident_char((unsigned char)s[end]) &&
               !(s[end] == '$' && c->want_psql && tool_placeholder_end(s, c->len, end) > end))
            end++;
        /* E'...' (backslash escapes), and B'', X'', N'', U&'' which do not */
        if (end == at + 1 && end < c->len && s[end] == '\'')
            end = quoted_end(c, end, '\'', ch == 'E' || ch == 'e');
        else if (end == at + 1 && (ch == 'U' || ch == 'u') && end + 1 < c->len && s[end] == '&' &&
                 (s[end + 1] == '\'' || s[end + 1] == '"'))
            end = quoted_end(c, end + 1, s[end + 1], false);
        else if (c->want_sqlc && end - at == 4 && strncasecmp(s + at, "sqlc", 4) == 0 &&
                 sqlc_macro_end(s, c->len, end) > end) {
            /* sqlc.arg(name), sqlc.narg(name), sqlc.slice(name): a parameter;
             * sqlc.embed(item): the item's columns */
            size_t close = sqlc_macro_end(s, c->len, end);
            if (add_psql(c, at, close, false, true) < 0)
                return -1;
            end = close;
        } else
            note_word(st, s + at, end - at);
    } else if (ch >= '0' && ch <= '9') {
        end = at + 1;
        while (end < c->len && (sg__ident_char((unsigned char)s[end]) || s[end] == '.'))
            end++;
    } else {
        end = at + 1;
        if (ch == '(' && st->use_parens) {
            st->parens++;
        } else if (ch == ')' && st->parens > 0) {
            st->parens--;
        } else if (ch == '[') {
            st->brackets++;
        } else if (ch == ']' && st->brackets > 0) {
            st->brackets--;
        } else if (ch == ':' && c->want_psql && psql_variable(s, c->len, at, st->brackets)) {
            /* psql puts the variable's value here: the name, or the quoted
             * literal or identifier after the ':', stands for it */
            if (add_psql(c, at, end, false, true) < 0)
                return -1;
        } else if (ch == '@' && c->want_sqlc && sqlc_parameter(s, c->len, at)) {
            /* sqlc binds a parameter here: `@` and the name stand for it */
            size_t name_end = end;
            while (name_end < c->len && sg__ident_char((unsigned char)s[name_end]))
                name_end++;
            if (add_psql(c, at, name_end, false, true) < 0)
                return -1;
        } else if (ch == ';' && st->parens == 0 && st->blocks == 0) {
            *i = end;
            if (!st->copy_stdin || !c->copy_data)
                return cut(c, st, at, end);
            /* the data lines psql sends after the statement are not SQL, and
             * no part of the text may end before them (sg__sql_next_cut()) */
            size_t data = line_end(c, at), data_end = copy_data_end(c, at);
            if (c->want)
                stmt_reset(st, data_end, true, true);
            else if (cut(c, st, at, end) < 0)
                return -1;
            if (data < c->len && add_psql(c, data + 1, data_end, false, false) < 0)
                return -1;
            *i = data_end;
            st->start = data_end;
            return 0;
        }
    }
    if (add_token(c, at, end, comment) < 0)
        return -1;
    st->has_code |= !comment;
    *i = end;
    return 0;
}

static bool blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* Drops the statements and tokens from byte `from` on, to read them again. */
static void rewind_to(cutter *c, size_t from)
{
    while (c->stmts.count > 0 && SG__VEC_AT(c->stmts, sg__span, c->stmts.count - 1).start >= from)
        c->stmts.count--;
    while (c->tokens.count > 0 &&
           SG__VEC_AT(c->tokens, sg__sql_token, c->tokens.count - 1).start >= from)
        c->tokens.count--;
    while (c->psql.count > 0 && SG__VEC_AT(c->psql, sg__psql_span, c->psql.count - 1).start >= from)
        c->psql.count--;
}

/* Cuts c->s into statements, up to the first cut at or after c->want when
 * that is set. Returns 0, or -1 when memory ran out. */
static int run(cutter *c)
{
    stmt_state st;
    stmt_reset(&st, 0, true, true);
    size_t i = 0;
    for (;;) {
        while (i < c->len && blank(c->s[i]))
            i++;
        if (c->found)
            return 0;
        if (i < c->len) {
            if (lexeme(c, &st, &i) < 0)
                return -1;
            continue;
        }
        if ((st.parens > 0 && st.use_parens) || (st.blocks > 0 && st.use_blocks)) {
            /* A parenthesis or BEGIN never closed took the rest of the text:
             * it was the mistake, so read again from its statement without
             * counting what swallowed the others. */
            size_t from = st.start;
            bool parens = !(st.parens > 0), blocks = !(st.blocks > 0);
            rewind_to(c, from);
            stmt_reset(&st, from, parens && st.use_parens, blocks && st.use_blocks);
            i = from;
            continue;
        }
        break;
    }
    return cut(c, &st, c->len, c->len);
}

int sg__sql_split_fallback(sg__arena *arena, const char *sql, size_t len, sg__span **stmts,
                           size_t *nstmts, sg__sql_token **tokens, size_t *ntokens)
{
    cutter c = {
        .arena = arena, .s = sql, .len = len, .want_tokens = tokens != NULL, .liquibase = -1};
    *stmts = NULL;
    *nstmts = 0;
    if (tokens) {
        *tokens = NULL;
        *ntokens = 0;
    }
    if (run(&c) < 0)
        return -1;
    /* a vector that was never pushed to has no items: give an empty array */
    *stmts = c.stmts.count ? c.stmts.items : sg__arena_alloc(arena, sizeof **stmts);
    if (!*stmts)
        return -1;
    *nstmts = c.stmts.count;
    if (!tokens)
        return 0;
    *tokens = c.tokens.count ? c.tokens.items : sg__arena_alloc(arena, sizeof **tokens);
    if (!*tokens)
        return -1;
    *ntokens = c.tokens.count;
    return 0;
}

size_t sg__sql_next_cut(const char *sql, size_t len, size_t want)
{
    cutter c = {.s = sql, .len = len, .want = want ? want : 1, .copy_data = true, .liquibase = -1};
    /* nothing is allocated when neither statements nor tokens are kept */
    if (run(&c) < 0 || !c.found)
        return len;
    return c.found;
}

/* Whether the text holds the word STDIN in any case (COPY data may follow
 * without the `\.` line, to the end of the text). */
static bool mentions_stdin(const char *s, size_t len)
{
    for (size_t i = 0; i + 5 <= len; i++)
        if ((s[i] == 's' || s[i] == 'S') && word_is(s + i, 5, "stdin"))
            return true;
    return false;
}

/* Whether a ':' in the text may start a psql variable (psql_variable(),
 * brackets aside). */
static bool mentions_variable(const char *s, size_t len)
{
    for (const char *p = memchr(s, ':', len); p; p = memchr(p + 1, ':', len - (size_t)(p + 1 - s)))
        if (psql_variable(s, len, (size_t)(p - s), 0))
            return true;
    return false;
}

/* Whether the text holds `sqlc.`, in any case: sqlc matches its macros by
 * the names the parser folds (`SQLC.ARG(id)` is sqlc.arg). */
static bool mentions_macro(const char *s, size_t len)
{
    for (const char *p = s; (p = memchr(p, '.', len - (size_t)(p - s))) != NULL; p++)
        if (p - s >= 4 && strncasecmp(p - 4, "sqlc", 4) == 0)
            return true;
    return false;
}

/* Whether the text holds a query of sqlc's, a comment `-- name: Name :kind`
 * or `/\* name: Name :kind *\/` (:one, :many, :exec, :execrows, :execresult,
 * :execlastid, :copyfrom, :batchexec, :batchmany, :batchone), in whose files
 * `@name` is a parameter. */
static bool mentions_sqlc(const char *s, size_t len)
{
    static const char *const kinds[] = {"one",        "many",       "exec",     "execrows",
                                        "execresult", "execlastid", "copyfrom", "batchexec",
                                        "batchmany",  "batchone"};
    for (const char *p = s; p < s + len; p++) {
        size_t left = len - (size_t)(p - s);
        if (left < 10 || !((p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '*')))
            continue;
        size_t i = 2;
        while (i < left && (p[i] == ' ' || p[i] == '\t'))
            i++;
        if (left - i < 5 || strncmp(p + i, "name:", 5) != 0)
            continue;
        for (i += 5; i < left && (p[i] == ' ' || p[i] == '\t'); i++)
            ;
        while (i < left && sg__ident_char((unsigned char)p[i]))
            i++;
        while (i < left && (p[i] == ' ' || p[i] == '\t'))
            i++;
        if (i >= left || p[i] != ':')
            continue;
        size_t k0 = ++i;
        while (i < left && sg__ident_char((unsigned char)p[i]))
            i++;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            if (i - k0 == strlen(kinds[k]) && strncmp(p + k0, kinds[k], i - k0) == 0)
                return true;
    }
    return false;
}

/* Whether the variable whose ':' is at sql[at] stands where only a value
 * can: after a comparison operator (=, <>, !=, <, >, <=, >=) or the keyword
 * LIMIT or OFFSET. */
static bool value_position(const char *sql, size_t at)
{
    size_t i = at;
    while (i > 0 &&
           (sql[i - 1] == ' ' || sql[i - 1] == '\t' || sql[i - 1] == '\n' || sql[i - 1] == '\r'))
        i--;
    if (i == 0)
        return false;
    char c = sql[i - 1];
    if (c == '=' || c == '<' || c == '>')
        return i < 2 || !strchr("+-*/~!@#%^&|`?", sql[i - 2]) || sql[i - 2] == '!' ||
               sql[i - 2] == '<' || sql[i - 2] == '>';
    size_t end = i;
    while (i > 0 && sg__ident_char((unsigned char)sql[i - 1]))
        i--;
    size_t n = end - i;
    bool word = (i == 0 || !sg__ident_char((unsigned char)sql[i - 1]));
    return word && ((n == 5 && strncasecmp(sql + i, "limit", 5) == 0) ||
                    (n == 6 && strncasecmp(sql + i, "offset", 6) == 0));
}

int sg__sql_psql_includes(sg__arena *arena, const char *sql, size_t len, size_t **at, size_t *count)
{
    static const char *const includes[] = {"i", "ir", "include", "include_relative"};
    *at = NULL;
    *count = 0;
    if (!memchr(sql, '\\', len))
        return 0;
    cutter c = {.arena = arena,
                .s = sql,
                .len = len,
                .want_psql = true,
                .copy_data = true,
                .liquibase = -1};
    if (run(&c) < 0)
        return -1;
    size_t *found = c.psql.count ? sg__arena_alloc(arena, c.psql.count * sizeof *found) : NULL;
    if (c.psql.count && !found)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < c.psql.count; i++) {
        const sg__psql_span *sp = &SG__VEC_AT(c.psql, sg__psql_span, i);
        if (sp->variable || sp->changeset || sql[sp->start] != '\\')
            continue;
        size_t w = 0;
        while (sp->start + 1 + w < sp->end && sg__ident_char((unsigned char)sql[sp->start + 1 + w]))
            w++;
        for (size_t k = 0; k < sizeof includes / sizeof includes[0]; k++)
            if (strlen(includes[k]) == w && strncmp(sql + sp->start + 1, includes[k], w) == 0)
                found[n++] = sp->start;
    }
    *at = found;
    *count = n;
    return 0;
}

/* Whether the backslash command at sql[at] is one pg_dump writes into its
 * scripts (`\connect db`, `\restrict key`, `\unrestrict key`), or no
 * command word (`\;`, `\.`). */
static bool dump_command(const char *sql, size_t len, size_t at)
{
    static const char *const dumps[] = {"connect", "c", "restrict", "unrestrict"};
    size_t w = at + 1, e = w;
    while (e < len && ((sql[e] >= 'a' && sql[e] <= 'z') || (sql[e] >= 'A' && sql[e] <= 'Z')))
        e++;
    if (e == w)
        return true;
    for (size_t k = 0; k < sizeof dumps / sizeof dumps[0]; k++)
        if (strlen(dumps[k]) == e - w && memcmp(sql + w, dumps[k], e - w) == 0)
            return true;
    return false;
}

int sg__sql_blank_psql(sg__arena *arena, char *sql, size_t len, size_t *blanked, bool *script)
{
    *blanked = 0;
    if (script)
        *script = false;
    bool sqlc = (memchr(sql, '@', len) || mentions_macro(sql, len)) && mentions_sqlc(sql, len);
    if (!memchr(sql, '\\', len) && !mentions_stdin(sql, len) && !mentions_variable(sql, len) &&
        !sqlc && !memmem(sql, len, "${", 2) && !liquibase_changelog(sql, len))
        return 0; /* no psql command, variable or COPY data, no sqlc parameter or migration
                   * tool's placeholder: nothing to scan */
    cutter c = {.arena = arena,
                .liquibase = -1,
                .s = sql,
                .len = len,
                .want_psql = true,
                .want_sqlc = sqlc,
                .copy_data = true};
    if (run(&c) < 0)
        return -1;
    for (size_t i = 0; i < c.psql.count; i++) {
        const sg__psql_span *sp = &SG__VEC_AT(c.psql, sg__psql_span, i);
        if (sp->variable && sql[sp->start] == '$' && sp->start + 1 < len &&
            sql[sp->start + 1] == '{') {
            /* ${name} reads as the name __name_ (as long as it), which
             * stands where a schema, a table, a role or a value may */
            for (size_t k = sp->start; k < sp->end && k < len; k++)
                if (!sg__ident_char((unsigned char)sql[k]) || sql[k] == '$')
                    sql[k] = '_';
            *blanked += 1;
            continue;
        }
        if (sp->variable && sp->end - sp->start > 11 &&
            strncasecmp(sql + sp->start, "sqlc.embed(", 11) == 0) {
            /* sqlc.embed(item) is replaced by the item's columns: `item.*`
             * and blanks, as long as it */
            size_t from = sp->start + 11, to = sp->end - 1; /* the name, up to the ')' */
            while (from < to && (sql[from] == ' ' || sql[from] == '\t'))
                from++;
            while (to > from && (sql[to - 1] == ' ' || sql[to - 1] == '\t'))
                to--;
            memmove(sql + sp->start, sql + from, to - from);
            size_t k = sp->start + (to - from);
            sql[k++] = '.';
            sql[k++] = '*';
            for (; k < sp->end; k++)
                sql[k] = ' ';
            *blanked += 1;
            continue;
        }
        if (sp->variable && sql[sp->start] != ':') {
            /* sqlc's @name and sqlc.arg(name) are a parameter: $1 and blanks,
             * as long as it */
            sql[sp->start] = '$';
            sql[sp->start + 1] = '1';
            for (size_t k = sp->start + 2; k < sp->end && k < len; k++)
                sql[k] = ' ';
            *blanked += 1;
            continue;
        }
        if (sp->variable && value_position(sql, sp->start) && sp->start + 1 < len &&
            sg__ident_start((unsigned char)sql[sp->start + 1])) {
            /* :name compared with a column, or a LIMIT's: a value, the
             * parameter $1 (as aiosql and psql scripts mean it) */
            size_t end = sp->start + 1;
            while (end < len && sg__ident_char((unsigned char)sql[end]))
                end++;
            sql[sp->start] = '$';
            sql[sp->start + 1] = '1';
            for (size_t k = sp->start + 2; k < end; k++)
                sql[k] = ' ';
            *blanked += 1;
            continue;
        }
        if (sp->variable) {
            /* :name reads as the name _name, :'x' and :"x" as the literal or
             * identifier after it */
            sql[sp->start] =
                sp->start + 1 < len && sg__ident_start((unsigned char)sql[sp->start + 1]) ? '_'
                                                                                          : ' ';
            *blanked += 1;
            continue;
        }
        if (script && sp->command && sp->start < len && !dump_command(sql, len, sp->start))
            *script = true;
        for (size_t k = sp->start; k < sp->end && k < len; k++)
            if (sql[k] != '\n' && sql[k] != '\r')
                sql[k] = ' ';
        if ((sp->ends_query || sp->changeset) && sp->start < len)
            sql[sp->start] = ';';
        /* a changeset line is the changelog's, not psql's */
        *blanked += !sp->changeset;
    }
    return 0;
}

sg__migration_mark sg__migration_marker(const char *s, size_t n)
{
    static const struct {
        const char *word;
        sg__migration_mark mark;
    } markers[] = {{"+goose up", SG__MIGRATION_MARK_UP},
                   {"+goose down", SG__MIGRATION_MARK_DOWN},
                   {"+migrate up", SG__MIGRATION_MARK_UP},
                   {"+migrate down", SG__MIGRATION_MARK_DOWN},
                   {"migrate:up", SG__MIGRATION_MARK_UP},
                   {"migrate:down", SG__MIGRATION_MARK_DOWN},
                   /* node-pg-migrate's, Play's evolutions', shmig's, tern's */
                   {"up migration", SG__MIGRATION_MARK_UP},
                   {"down migration", SG__MIGRATION_MARK_DOWN},
                   {"!ups", SG__MIGRATION_MARK_UP},
                   {"!downs", SG__MIGRATION_MARK_DOWN},
                   {"==== up ====", SG__MIGRATION_MARK_UP},
                   {"==== down ====", SG__MIGRATION_MARK_DOWN},
                   {"create above / drop below", SG__MIGRATION_MARK_DOWN},
                   {"liquibase formatted sql", SG__MIGRATION_MARK_OTHER},
                   {"changeset ", SG__MIGRATION_MARK_OTHER},
                   {"postgresql database dump", SG__MIGRATION_MARK_DUMP}};
    if (n < 2 || s[0] != '-' || s[1] != '-')
        return SG__MIGRATION_MARK_NONE;
    size_t i = 2;
    /* blanks, and the dashes of `---- create above` or `-- --- !Ups` */
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '-'))
        i++;
    for (size_t k = 0; k < sizeof markers / sizeof markers[0]; k++) {
        size_t len = strlen(markers[k].word);
        if (n - i < len || strncasecmp(s + i, markers[k].word, len) != 0)
            continue;
        bool whole = n - i == len || !sg__ident_char((unsigned char)s[i + len]);
        return whole ? markers[k].mark : SG__MIGRATION_MARK_OTHER;
    }
    return SG__MIGRATION_MARK_NONE;
}
