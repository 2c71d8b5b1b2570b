/*
 * sql.c - SQL text linted statement by statement.
 *
 * Statements are cut by PostgreSQL's parser or, where the text does not
 * parse, by a boundary scan that isolates each statement, so that one bad
 * statement reports sql.syntax at its place and the others are still linted.
 * The text is read in parts of about 32 KB, each ending where the boundary
 * scan ends a statement, and each part is linted as it is read, so that
 * memory follows a part and not the file (a file is read part by part:
 * window.c). Statements are trimmed to their first and last token, so the
 * comments between statements belong to no statement. Each is linted with
 * sg_lint_sql(), in the placeholder style of the whole file (the caller's,
 * the policy's, or what the file writes: placeholders.c; where the file
 * decides, it is read as $n text until a psycopg placeholder shows, and
 * then again from the start as psycopg text), and its findings are placed
 * in the text. The scanner's comment tokens (the boundary scan's, where the
 * scanner rejects a part) then feed the suppression comments (suppress.c).
 */
#include <stdint.h>

#include <string.h>
#include <strings.h>

#include "check/check.h"
#include "check/hints.h"
#include "decode/policy.h"
#include "lint/lint.h"
#include "lint/placeholders.h"
#include "pg/split.h"
#include "util/text.h"
#include "verdict/verdict.h"

/* Trims [*start, *end) to its first and last token that is not a comment;
 * false when there is none (a span of only comments and blanks). */
static bool trim_to_tokens(const sg__sql_token *tokens, size_t count, size_t *start, size_t *end)
{
    size_t lo = 0, hi = count;
    while (lo < hi) { /* first token starting at or after *start */
        size_t mid = lo + (hi - lo) / 2;
        if (tokens[mid].start < *start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t first = SIZE_MAX, last = SIZE_MAX;
    for (size_t i = lo; i < count && tokens[i].start < *end; i++) {
        if (tokens[i].comment)
            continue;
        if (first == SIZE_MAX)
            first = i;
        last = i;
    }
    if (first == SIZE_MAX)
        return false;
    *start = tokens[first].start;
    if (tokens[last].end < *end)
        *end = tokens[last].end;
    return true;
}

/* Shifts tokens of a part of the text to the whole text. */
static void shift_tokens(sg__sql_token *tokens, size_t count, size_t by)
{
    for (size_t i = 0; i < count; i++) {
        tokens[i].start += by;
        tokens[i].end += by;
    }
}

static void shift_spans(sg__span *spans, size_t count, size_t by)
{
    for (size_t i = 0; i < count; i++) {
        spans[i].start += by;
        spans[i].end += by;
    }
}

/* Whether comment token `t` of `buf` names the query after it as the
 * query-file tools do (aiosql, yesql, HugSQL, PugSQL, sqlc: `-- name:
 * get_user`, `-- :name get-user :? :1`), standing at the start of its line. */
static bool query_name_header(const char *buf, const sg__sql_token *t)
{
    const char *p = buf + t->start;
    if (t->end - t->start < 8 || p[0] != '-' || p[1] != '-')
        return false;
    for (const char *b = p; b > buf && b[-1] != '\n'; b--)
        if (b[-1] != ' ' && b[-1] != '\t')
            return false;
    p += 2;
    while (*p == ' ' || *p == '\t')
        p++;
    return strncmp(p, "name:", 5) == 0 ||
           (strncmp(p, ":name", 5) == 0 && (p[5] == ' ' || p[5] == '\t'));
}

/* What a query file's name header says its query returns, as the tools
 * that run it take its rows. */
typedef enum {
    ROWS_UNDECLARED = 0,
    ROWS_ONE,  /* one row: sqlc's :one and :batchone, HugSQL's :1, PugSQL's :one,
                * aiosql's and yesql's `^` and `$` */
    ROWS_NONE, /* none are read: sqlc's :exec, :execrows, :execresult, :execlastid,
                * :batchexec and :copyfrom, HugSQL's :! (:execute) and :n, PugSQL's
                * :affected, aiosql's `!` */
} declared_rows;

/* The rows the name header comment at [p, p + n) declares (`-- name:
 * GetUser :one`, `-- :name get-user :? :1`, `-- name: get-user^`). */
static declared_rows header_rows(const char *p, size_t n)
{
    static const char *const one[] = {":one", ":batchone", ":1"};
    static const char *const none[] = {":exec",      ":execrows", ":execresult", ":execlastid",
                                       ":batchexec", ":copyfrom", ":!",          ":execute",
                                       ":n",         ":affected"};
    const char *end = p + n;
    if (n < 2 || p[0] != '-' || p[1] != '-')
        return ROWS_UNDECLARED;
    p += 2;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (end - p < 5 || (memcmp(p, "name:", 5) != 0 && memcmp(p, ":name", 5) != 0))
        return ROWS_UNDECLARED;
    p += 5;
    declared_rows rows = ROWS_UNDECLARED;
    for (bool first = true; p < end; first = false) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        const char *w = p;
        while (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            p++;
        size_t len = (size_t)(p - w);
        if (!len)
            break;
        if (first) { /* the query's name, with aiosql's and yesql's suffix */
            char last = w[len - 1], before = len > 1 ? w[len - 2] : 0;
            if (last == '^' || last == '$')
                rows = ROWS_ONE;
            else if (last == '!' && before != '<' && before != '*')
                rows = ROWS_NONE; /* `<!` returns the rows written, `*!` is a script */
            continue;
        }
        for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
            if (strlen(one[i]) == len && memcmp(w, one[i], len) == 0)
                rows = ROWS_ONE;
        for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
            if (strlen(none[i]) == len && memcmp(w, none[i], len) == 0)
                rows = ROWS_NONE;
    }
    return rows;
}

/* Query files separate their queries by name headers, a `;` or not
 * (aiosql, yesql, HugSQL and PugSQL end none): a statement the scan found
 * with such a header after some of its code is two, split where the header
 * starts. *stmts is replaced by a copy in `arena` when one is split, and
 * *named set when the text has such a header; -1 when memory ran out. */
static int split_at_name_headers(sg__arena *arena, const char *buf, sg__span **stmts,
                                 size_t *nstmts, const sg__sql_token *tokens, size_t ntokens,
                                 bool *named)
{
    size_t cuts = 0;
    for (size_t i = 0; i < ntokens; i++)
        cuts += tokens[i].comment && query_name_header(buf, &tokens[i]);
    if (!cuts)
        return 0;
    *named = true;
    sg__span *out = sg__arena_alloc(arena, (*nstmts + cuts) * sizeof *out);
    if (!out)
        return -1;
    size_t n = 0, k = 0;
    for (size_t i = 0; i < *nstmts; i++) {
        sg__span cur = (*stmts)[i];
        bool code = false;
        for (; k < ntokens && tokens[k].start < cur.end; k++) {
            if (tokens[k].start < cur.start)
                continue;
            if (!tokens[k].comment) {
                code = true;
            } else if (code && query_name_header(buf, &tokens[k])) {
                out[n++] = (sg__span){cur.start, tokens[k].start};
                cur.start = tokens[k].start;
                code = false;
            }
        }
        out[n++] = cur;
    }
    *stmts = out;
    *nstmts = n;
    return 0;
}

/*
 * One reading of the text in a placeholder style: each part's statements
 * are linted as the part is read; what the whole text needs afterwards is
 * gathered in `scratch` (the suppression comments, the lines that hold SQL).
 */
typedef struct reading {
    const sg_catalog *catalog;
    sg_lint_options options; /* placeholders: the style the statements are linted in */
    bool detect;             /* the text decides its style: stop at a psycopg placeholder */
    bool psycopg;            /* ... one was seen: the reading stopped */
    /* The file is a migration (the caller says so, a statement is DDL of
     * any object, or a migration tool's marker says so): its DML ran against
     * the schema of its own time, not the catalog's, and is linted without
     * the catalog, and as a migration's (sg_lint_options.migration). Found
     * after statements were linted as a file of queries', the reading stops
     * (restart). */
    bool migration;
    /* The file is pg_dump's (its marker says so): a migration whose INSERTs
     * (--inserts) name no columns by design, in the order of the dump's own
     * CREATE TABLE, so style.insert-column-list has nothing to say there. */
    bool dump;
    /* The file is a pgTAP test script (it plans its tests): its assertions
     * run once, for no caller, against the schema the catalog describes;
     * linted as a migration's statements but with the catalog */
    bool pgtap;
    /* The caller says the text is a script (sg_lint_options.script): linted
     * as a pgTAP script is */
    bool script;
    /* The file names its queries as the query-file tools do (sqlc, aiosql,
     * yesql, HugSQL, PugSQL: `-- name: x`): an application's queries,
     * whatever one of them does; DDL among them (river's CREATE TABLE
     * beside its queries, sqlc's `CREATE TEMP TABLE` for a COPY) does not
     * make the file a migration */
    bool named_queries;
    /* what the name header of the statement being linted says it returns:
     * no pages of one row or of none, so the pagination rules stay quiet */
    declared_rows rows;
    /* the statement stands in a migration's down section (after `-- +goose
     * Down`, `-- migrate:down`, ...), which undoes the up section: deleting
     * every row there is what it means to do */
    bool down_section;
    bool restart;
    size_t as_queries; /* statements linted as a file of queries' */
    bool psql;         /* the part being read had psql's text blanked */
    /* The search path as the text's `SET search_path` statements leave it
     * (options.search_path is the one in effect): the session's, the
     * session's when the open transaction began (ROLLBACK restores it), and
     * a SET LOCAL's, in effect until the transaction ends; the savepoints of
     * the open transaction, each with the path as it stood when it was set
     * (ROLLBACK TO restores it). */
    const char *session_path, *begin_path, *local_path;
    bool in_tx, local_set;
    sg__vec savepoints; /* path_state */
    /* the temporary tables the statements read so far created and did not
     * drop (temp_table), which an unqualified name finds before the search
     * path's; temp_names the same names, as the check takes them */
    sg__vec temp_tables, temp_names;
    sg_lint_result *r;
    sg__arena *scratch;
    sg__vec comments; /* sg__lint_comment, the suppression comments */
    bool *code_line;  /* index 1..line_count */
    sg__vec spans;    /* sg__lint_span: the statements linted, in text order */
} reading;

/* Whether the finding at `off` of the statement at `start` (whose bytes as
 * the parser read them are at `text`, `len` of them) stands on a value psql
 * puts in at run time: `:name`, read as the identifier `_name`, or the
 * `:'name'` literal and `:"name"` identifier, whose ':' was blanked; sqlc's
 * `@name`, read as the parameter `$1`; or a name that holds a migration
 * tool's `${placeholder}` (`${schema}.audit`, `${prefix}orders`), read as
 * `__placeholder_`. With `last_part`, only the last part of a qualified name
 * counts: a relation's own name (`${schema}.audit` is a relation named
 * audit). */
static bool on_psql_variable(const sg_lint_result *r, const char *text, size_t len, size_t start,
                             size_t off, bool last_part)
{
    const char *orig = sg__lint_at(r, start);
    if ((orig[off] == '@' || orig[off] == 's') && text[off] == '$')
        return true;
    if (off > 0 && orig[off - 1] == ':' && text[off - 1] == ' ' && text[off] == '\'')
        return true;
    /* the name's parts, plain or quoted (Flyway replaces `${x}` inside
     * quotes too: `"${schema}".t`) */
    for (size_t k = off;;) {
        bool held = false; /* the part holds a variable */
        if (k < len && text[k] == '"') {
            held = k > 0 && orig[k - 1] == ':' && text[k - 1] == ' ';
            for (k++; k < len && (text[k] != '"' || (k + 1 < len && text[k + 1] == '"')); k++) {
                if (orig[k] == '$' && k + 1 < len && orig[k + 1] == '{')
                    held = true;
                k += text[k] == '"'; /* "" is one quote */
            }
            k++; /* the closing quote */
        } else {
            for (; k < len && sg__ident_char((unsigned char)text[k]); k++)
                if ((orig[k] == ':' && text[k] == '_') ||
                    (orig[k] == '$' && (text[k] == '_' || (k + 1 < len && orig[k + 1] == '{'))))
                    held = true;
        }
        if (k >= len || text[k] != '.')
            return held;
        if (held && !last_part)
            return true;
        k++;
        /* `.:"tbl"`: the variable's colon, which the reading made a blank */
        if (k + 1 < len && orig[k] == ':' && text[k] == ' ' && text[k + 1] == '"')
            k++;
    }
}

/* The rules whose findings are about names and literals, which a psql
 * variable's value decides: 1 for any part of a name, 2 for the last part
 * only (the naming rule judges a relation's own name, whatever its schema),
 * 0 for the others. */
static int about_names(const char *rule)
{
    if (strncmp(rule, "naming.", 7) == 0)
        return 2;
    return strncmp(rule, "column.", 7) == 0 || strncmp(rule, "scope.", 6) == 0 ||
           strcmp(rule, "style.literal-in-predicate") == 0;
}

/* A name the parser read in place of a psql variable or a migration
 * tool's placeholder (`_tbl` for `:tbl`, `__table_prefix_credit_lots` for
 * `${TABLE_PREFIX}credit_lots`), folded as PostgreSQL folds it, and the
 * name as the file wrote it. */
typedef struct written_name {
    const char *read, *written;
    size_t read_len, written_len;
} written_name;

/* At most this many names of one statement are spelt as written in its
 * findings: enough for any statement people write, and a bound on the work
 * per finding of a generated one. */
#define SG__WRITTEN_NAMES_MAX 32

/* The names of the statement (`len` bytes as the parser read them at
 * `text`, as written at `start` of the text) that hold a variable or a
 * placeholder: the bytes the reading made '_' of. -1 when memory ran out. */
static int find_written_names(sg__arena *arena, const sg_lint_result *r, const char *text,
                              size_t len, size_t start, sg__vec *names)
{
    const char *orig = sg__lint_at(r, start);
    for (size_t k = 0; k < len && names->count < SG__WRITTEN_NAMES_MAX; k++) {
        if (text[k] != '_' || orig[k] == '_')
            continue;
        size_t a = k, b = k;
        while (a > 0 && sg__ident_char((unsigned char)text[a - 1]))
            a--;
        while (b < len && sg__ident_char((unsigned char)text[b]))
            b++;
        k = b;
        char *folded = sg__arena_strndup(arena, text + a, b - a);
        if (!folded)
            return -1;
        for (char *p = folded; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        bool seen = false;
        for (size_t i = 0; i < names->count && !seen; i++)
            seen = strcmp(SG__VEC_AT(*names, written_name, i).read, folded) == 0;
        if (seen)
            continue;
        written_name *w = sg__vec_push(arena, names, sizeof *w);
        if (!w)
            return -1;
        *w = (written_name){folded, orig + a, b - a, b - a};
    }
    return 0;
}

/* `message` with each of `names` spelt as the file wrote it, where it
 * stands as a whole name; `message` itself when none is in it, NULL when
 * memory ran out. */
static const char *spell_as_written(sg__arena *arena, const char *message, const sg__vec *names)
{
    const char *out = message;
    for (size_t i = 0; i < names->count; i++) {
        const written_name *w = &SG__VEC_AT(*names, written_name, i);
        sg__strbuf b = SG__STRBUF_INIT(arena);
        const char *from = out, *p = out;
        bool any = false;
        while ((p = strstr(p, w->read)) != NULL) {
            if ((p > out && sg__ident_char((unsigned char)p[-1])) ||
                sg__ident_char((unsigned char)p[w->read_len])) {
                p++; /* part of a longer name */
                continue;
            }
            sg__strbuf_put(&b, from, (size_t)(p - from));
            sg__strbuf_put(&b, w->written, w->written_len);
            p = from = p + w->read_len;
            any = true;
        }
        if (!any)
            continue;
        sg__strbuf_puts(&b, from);
        if (b.failed)
            return NULL;
        out = b.data;
    }
    return out;
}

/* `message` with its `at or near "$n"` naming the sqlc parameter the file
 * wrote at `orig` (`@name`, `avail` bytes there at most), which the parser
 * read as `$n` (the name may run past the statement as the parser read it:
 * `avail` is what the window holds); NULL when memory ran out. */
static const char *near_written_parameter(sg__arena *arena, const char *message, const char *orig,
                                          size_t avail)
{
    static const char near[] = " at or near \"$";
    const char *at = strstr(message, near);
    if (!at)
        return message;
    size_t n = 1;
    while (n < avail && sg__ident_char((unsigned char)orig[n]))
        n++;
    return sg__arena_printf(arena, "%.*s at or near \"%.*s\"", (int)(at - message), message, (int)n,
                            orig);
}

/* A savepoint of the open transaction and the search path as it stood
 * when it was set. */
typedef struct path_state {
    const char *name;
    const char *session_path, *local_path;
    bool local_set;
} path_state;

/* The most recent savepoint of the open transaction named `name` (as
 * PostgreSQL finds it, the names being folded already), or -1. */
static long find_savepoint(const reading *d, const char *name)
{
    for (size_t i = d->savepoints.count; name && i-- > 0;)
        if (strcmp(SG__VEC_AT(d->savepoints, path_state, i).name, name) == 0)
            return (long)i;
    return -1;
}

/* A temporary table a statement of the text created. */
typedef struct temp_table {
    const char *name;
    bool on_commit_drop; /* ON COMMIT DROP: gone when its transaction ends */
    bool in_tx;          /* created inside a transaction block: gone at its ROLLBACK */
    size_t savepoints;   /* ... after this many of its savepoints: gone at ROLLBACK TO
                          * any later one */
} temp_table;

/* Removes the temporary tables `gone` says are gone (or all when NULL). */
static void drop_temps(reading *d, bool (*gone)(const temp_table *, const void *), const void *arg)
{
    size_t kept = 0;
    for (size_t i = 0; i < d->temp_tables.count; i++) {
        temp_table *t = &SG__VEC_AT(d->temp_tables, temp_table, i);
        if (gone && !gone(t, arg))
            SG__VEC_AT(d->temp_tables, temp_table, kept++) = *t;
    }
    d->temp_tables.count = kept;
}

static bool named(const temp_table *t, const void *name)
{
    return strcmp(t->name, name) == 0;
}

static bool at_commit(const temp_table *t, const void *arg)
{
    (void)arg;
    return t->on_commit_drop;
}

static bool at_rollback(const temp_table *t, const void *arg)
{
    (void)arg;
    return t->on_commit_drop || t->in_tx;
}

/* Made after savepoint *arg (an index into the transaction's savepoints). */
static bool after_savepoint(const temp_table *t, const void *arg)
{
    return t->in_tx && t->savepoints > *(const size_t *)arg;
}

/* The temporary tables as the statement leaves them, before its own
 * transaction statement moves d->in_tx: one it creates (outside a
 * transaction block, ON COMMIT DROP drops it at once), those it drops,
 * DISCARD TEMP or ALL (all), COMMIT (those ON COMMIT DROP), ROLLBACK
 * (those its transaction created too) and ROLLBACK TO a savepoint (those made
 * after it). -1 when memory ran out. */
static int follow_temp_tables(reading *d, const sg_verdict *v)
{
    for (size_t i = 0; i < v->temp_dropped_count; i++)
        drop_temps(d, named, v->temp_dropped[i]);
    if (v->discard_temp && !d->in_tx)
        drop_temps(d, NULL, NULL);
    if (d->in_tx && (v->tx == SG__VERDICT_TX_COMMIT || v->tx == SG__VERDICT_TX_ROLLBACK))
        drop_temps(d, v->tx == SG__VERDICT_TX_COMMIT ? at_commit : at_rollback, NULL);
    long at =
        v->tx == SG__VERDICT_TX_ROLLBACK_TO && d->in_tx ? find_savepoint(d, v->tx_savepoint) : -1;
    if (at >= 0) {
        size_t kept = (size_t)at;
        drop_temps(d, after_savepoint, &kept);
    }
    if (v->temp_created && (d->in_tx || !v->temp_on_commit_drop)) {
        temp_table *t = sg__vec_push(d->scratch, &d->temp_tables, sizeof *t);
        if (!t || !(t->name = sg__arena_strdup(d->scratch, v->temp_created)))
            return -1;
        t->on_commit_drop = v->temp_on_commit_drop;
        t->in_tx = d->in_tx;
        t->savepoints = d->savepoints.count;
    }
    return 0;
}

/* `SET search_path` moves where the names of the statements after it
 * resolve (RESET, DEFAULT, RESET ALL, DISCARD ALL: the data source's
 * default schema), as PostgreSQL keeps it: SET LOCAL until the transaction
 * ends (and outside one, not at all), a SET inside a transaction undone by
 * ROLLBACK, and one after a savepoint by ROLLBACK TO it; COMMIT and
 * ROLLBACK AND CHAIN begin the next transaction at once. A savepoint
 * statement outside a transaction, or naming no savepoint of it, is an
 * error in PostgreSQL and changes nothing here; so is DISCARD ALL inside
 * one. -1 when memory ran out. */
static int follow_search_path(reading *d, const sg_verdict *v)
{
    if (v->tx == SG__VERDICT_TX_BEGIN && !d->in_tx) {
        d->in_tx = true;
        d->begin_path = d->session_path;
    } else if (v->tx == SG__VERDICT_TX_COMMIT || v->tx == SG__VERDICT_TX_ROLLBACK) {
        if (d->in_tx && v->tx == SG__VERDICT_TX_ROLLBACK)
            d->session_path = d->begin_path;
        d->in_tx = d->local_set = false;
        d->savepoints.count = 0;
        if (v->tx_chain) {
            d->in_tx = true;
            d->begin_path = d->session_path;
        }
    } else if (v->tx == SG__VERDICT_TX_SAVEPOINT && d->in_tx && v->tx_savepoint) {
        path_state *sp = sg__vec_push(d->scratch, &d->savepoints, sizeof *sp);
        const char *name = sg__arena_strdup(d->scratch, v->tx_savepoint);
        if (!sp || !name)
            return -1;
        *sp = (path_state){name, d->session_path, d->local_path, d->local_set};
    } else if (v->tx == SG__VERDICT_TX_RELEASE || v->tx == SG__VERDICT_TX_ROLLBACK_TO) {
        long at = d->in_tx ? find_savepoint(d, v->tx_savepoint) : -1;
        if (at >= 0 && v->tx == SG__VERDICT_TX_RELEASE) {
            d->savepoints.count = (size_t)at; /* it and those after it */
        } else if (at >= 0) {
            const path_state *sp = &SG__VEC_AT(d->savepoints, path_state, at);
            d->session_path = sp->session_path;
            d->local_path = sp->local_path;
            d->local_set = sp->local_set;
            d->savepoints.count = (size_t)at + 1; /* it stays */
        }
    } else if (v->discard_all) {
        if (!d->in_tx) {
            d->session_path = NULL;
            d->local_set = false;
        }
    } else if (v->search_path_set && !(v->search_path_local && !d->in_tx)) {
        const char *path = v->search_path ? sg__arena_strdup(d->scratch, v->search_path) : NULL;
        if (v->search_path && !path)
            return -1;
        if (v->search_path_local) {
            d->local_path = path;
            d->local_set = true;
        } else {
            d->session_path = path;
            d->local_set = false;
        }
    }
    d->options.search_path = d->local_set ? d->local_path : d->session_path;
    return 0;
}

/* The word of `len` bytes at *p, case aside, and the blanks after it: true
 * and *p past them, or false. */
static bool take_word(const char **p, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - *p) < n || strncasecmp(*p, word, n) != 0 ||
        (*p + n < end && (sg__ident_char((unsigned char)(*p)[n]))))
        return false;
    *p += n;
    while (*p < end && strchr(" \t\r\n", **p))
        (*p)++;
    return true;
}

/* Whether the statement plans pgTAP's tests: `SELECT plan(n)` of a number,
 * `SELECT no_plan()`, `SELECT * FROM no_plan()`, the function qualified with
 * its schema or not. Such a file is a test script that runs its assertions
 * (`SELECT ok(...)`, `SELECT * FROM finish()`) once, for no caller. */
static bool plans_pgtap(const char *text, size_t n)
{
    const char *p = text, *end = text + n;
    if (!take_word(&p, end, "select"))
        return false;
    if (p < end && *p == '*') {
        p++;
        while (p < end && strchr(" \t\r\n", *p))
            p++;
        if (!take_word(&p, end, "from"))
            return false;
    }
    /* `tap.plan(` */
    const char *q = p;
    while (q < end && sg__ident_char((unsigned char)*q))
        q++;
    if (q < end && *q == '.' && q > p)
        p = q + 1;
    if (take_word(&p, end, "no_plan"))
        return p < end && *p == '(';
    if (!take_word(&p, end, "plan") || p >= end || *p != '(')
        return false;
    for (p++; p < end && strchr(" \t", *p); p++)
        ;
    const char *digits = p;
    while (p < end && *p >= '0' && *p <= '9')
        p++;
    while (p < end && strchr(" \t", *p))
        p++;
    return p > digits && p < end && *p == ')';
}

/* How many placeholders of one statement are read again as numbers. */
enum { PLACEHOLDER_RETRIES = 8 };

/* The offset of verdict `v`'s syntax error, -1 when it has none. */
static long syntax_offset(const sg_verdict *v)
{
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *dg = sg_verdict_diagnostic(v, i);
        if (strcmp(dg->rule, "sql.syntax") == 0)
            return dg->offset >= 0 ? dg->offset : 0;
    }
    return -1;
}

/* The offset in the statement of a psql variable or a migration tool's
 * placeholder (`:len`, `${start}`, which the reading made a name of) where
 * verdict `v` reports a syntax error, at its first byte; (size_t)-1 for
 * none. */
static size_t syntax_at_placeholder(const sg_lint_result *r, const sg_verdict *v, const char *text,
                                    size_t start, size_t end)
{
    const char *orig = sg__lint_at(r, start);
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *dg = sg_verdict_diagnostic(v, i);
        if (strcmp(dg->rule, "sql.syntax") != 0 || dg->offset < 0)
            continue;
        size_t off = (size_t)dg->offset;
        if (off < end - start && text[off] == '_' && (orig[off] == '$' || orig[off] == ':'))
            return off;
    }
    return (size_t)-1;
}

/* Lints the statement at [start, end) of the text, whose bytes are at
 * `text` (the part as the parser read it), and places its findings; none
 * about names or literals where psql puts a variable's value. */
static int lint_statement(reading *d, const char *text, size_t start, size_t end)
{
    sg_lint_result *r = d->r;
    if (!d->pgtap && !d->migration && plans_pgtap(text, end - start)) {
        /* judged as a test script's from the start (its plan included) */
        d->pgtap = true;
        if (d->as_queries > 0) {
            d->restart = true;
            return 0;
        }
    }
    const sg_catalog *catalog = d->migration ? NULL : d->catalog;
    sg_verdict *v = NULL;
    d->options.migration = d->migration || d->pgtap || d->script;
    d->temp_names.count = 0;
    for (size_t i = 0; i < d->temp_tables.count; i++) {
        const char **slot = sg__vec_push(d->scratch, &d->temp_names, sizeof *slot);
        if (!slot) {
            r->failed = true;
            return -1;
        }
        *slot = SG__VEC_AT(d->temp_tables, temp_table, i).name;
    }
    const char *const *temps =
        d->temp_names.count ? &SG__VEC_AT(d->temp_names, const char *, 0) : NULL;
    int rc =
        sg__lint_sql_after(catalog, text, end - start, &d->options, temps, d->temp_names.count, &v);
    /* a placeholder where the grammar takes only a number (`RESTART WITH
     * ${start}`, `varchar(:len)`) reads as one there: the syntax error at its
     * first byte is read again with a 1 in its place */
    char *numbered = NULL;
    for (unsigned tries = 0; rc == SG_OK && d->psql && tries < PLACEHOLDER_RETRIES; tries++) {
        size_t at = syntax_at_placeholder(r, v, text, start, end);
        if (at == (size_t)-1)
            break;
        char *candidate = sg__malloc(end - start + 1);
        if (!candidate) {
            rc = SG_ENOMEM;
            break;
        }
        memcpy(candidate, text, end - start);
        candidate[end - start] = '\0';
        candidate[at] = '1';
        for (size_t k = at + 1; k < end - start && (candidate[k] == '_' ||
                                                    sg__ident_char((unsigned char)candidate[k]));
             k++)
            candidate[k] = ' ';
        sg_verdict *again = NULL;
        rc = sg__lint_sql_after(catalog, candidate, end - start, &d->options, temps,
                                d->temp_names.count, &again);
        /* kept only when the number mends the error there */
        long still = rc == SG_OK ? syntax_offset(again) : -1;
        if (rc != SG_OK || (still >= 0 && (size_t)still <= at)) {
            sg_verdict_free(again);
            sg__free(candidate);
            break;
        }
        sg_verdict_free(v);
        v = again;
        sg__free(numbered);
        text = numbered = candidate;
    }
    if (rc != SG_OK) {
        sg_verdict_free(v);
        sg__free(numbered);
        r->failed = true;
        return -1;
    }
    if (follow_temp_tables(d, v) < 0 || follow_search_path(d, v) < 0) {
        r->failed = true;
        sg_verdict_free(v);
        sg__free(numbered);
        return -1;
    }
    if (v->changes_schema && !d->migration && !d->named_queries) {
        /* a migration: its statements are judged as a migration's, from the
         * start when some were judged as queries already */
        d->migration = true;
        if (d->as_queries > 0) {
            d->restart = true;
            sg_verdict_free(v);
            sg__free(numbered);
            return 0;
        }
    }
    d->as_queries += !d->migration && !d->pgtap && !d->script;
    r->statements++;
    /* the names that hold a variable or a placeholder, found at the first
     * finding that may name one */
    sg__arena names_arena;
    sg__arena_init(&names_arena);
    sg__vec names = {0};
    bool names_found = false;
    for (size_t i = 0; i < sg_verdict_diagnostic_count(v); i++) {
        const sg_diagnostic *dg = sg_verdict_diagnostic(v, i);
        size_t off = dg->offset >= 0 ? (size_t)dg->offset : 0;
        int about = about_names(dg->rule);
        if (d->psql && off < end - start && about &&
            on_psql_variable(r, text, end - start, start, off, about == 2))
            continue;
        if (d->dump && strcmp(dg->rule, "style.insert-column-list") == 0)
            continue;
        /* a down section empties its tables on purpose */
        if (d->down_section && strcmp(dg->rule, "dml.missing-where") == 0)
            continue;
        /* a query its tool reads one row of has no pages, but a LIMIT without
         * ORDER BY (reported at the LIMIT) still picks an arbitrary row */
        if ((d->rows == ROWS_NONE && strncmp(dg->rule, "paginate.", 9) == 0) ||
            (d->rows == ROWS_ONE &&
             ((strcmp(dg->rule, "paginate.order-by-required") == 0 && off == 0) ||
              strcmp(dg->rule, "paginate.order-by-unique") == 0)))
            continue;
        /* pgTAP's own `SELECT * FROM finish()` and `no_plan()`; sqlc's
         * sqlc.embed(t), which sqlc writes out as t's columns */
        if ((d->pgtap || (d->psql && off + 11 <= end - start &&
                          strncasecmp(sg__lint_at(r, start) + off, "sqlc.embed(", 11) == 0)) &&
            strcmp(dg->rule, "style.select-star") == 0)
            continue;
        const char *message = dg->message;
        if (d->psql && !names_found) {
            names_found = true;
            if (find_written_names(&names_arena, r, text, end - start, start, &names) < 0)
                r->failed = true;
        }
        if (!r->failed && names.count > 0 &&
            !(message = spell_as_written(&names_arena, message, &names)))
            r->failed = true;
        /* psql's text was blanked for the parser: a hint reads the text as
         * the file wrote it (HugSQL's `:v*:ids`) */
        const char *hint = NULL;
        if (!r->failed && d->psql && strcmp(dg->rule, "sql.syntax") == 0 &&
            !strstr(message, "(hint: ") &&
            sg__dialect_hint(sg__lint_at(r, start), end - start, message, &hint) < 0)
            r->failed = true;
        if (!r->failed && hint &&
            !(message = sg__arena_printf(&names_arena, "%s (hint: %s)", message, hint)))
            r->failed = true;
        if (!r->failed && d->psql && off < end - start && text[off] == '$' &&
            *(sg__lint_at(r, start) + off) == '@' &&
            !(message = near_written_parameter(&names_arena, message, sg__lint_at(r, start) + off,
                                               sg__lint_window_end(r) - (start + off))))
            r->failed = true;
        size_t at = start + off;
        if (r->failed ||
            !sg__lint_add(r, dg->rule, dg->severity, (long)(at < end ? at : end), "%s", message))
            break;
    }
    sg__arena_release(&names_arena);
    sg_verdict_free(v);
    sg__free(numbered);
    return r->failed ? -1 : 0;
}

/* Lints a part's statements and gathers its comments and code lines
 * (offsets in the whole text; the part's text, as the parser read it, is
 * `buf`, from byte `from`). */
static int digest_tokens(reading *d, const char *buf, size_t from, const sg__span *stmts,
                         size_t nstmts, const sg__sql_token *tokens, size_t ntokens)
{
    sg_lint_result *r = d->r;
    /* a migration tool's marker makes the file a migration, as its DDL does;
     * pg_dump's makes it a dump too */
    for (size_t i = 0; i < ntokens && !(d->migration && d->dump); i++) {
        const sg__sql_token *t = &tokens[i];
        sg__migration_mark mark =
            t->comment ? sg__migration_marker(sg__lint_at(r, t->start), t->end - t->start)
                       : SG__MIGRATION_MARK_NONE;
        if (mark == SG__MIGRATION_MARK_NONE)
            continue;
        d->dump |= mark == SG__MIGRATION_MARK_DUMP;
        if (d->migration)
            continue;
        d->migration = true;
        if (d->as_queries > 0) {
            d->restart = true;
            return 0;
        }
    }
    size_t k = 0; /* tokens before the statement's code: its comments */
    for (size_t i = 0; i < nstmts; i++) {
        size_t start = stmts[i].start, end = stmts[i].end;
        if (!trim_to_tokens(tokens, ntokens, &start, &end))
            continue;
        d->rows = ROWS_UNDECLARED;
        for (; k < ntokens && tokens[k].start < start; k++) {
            if (!tokens[k].comment)
                continue;
            const char *text = sg__lint_at(r, tokens[k].start);
            size_t n = tokens[k].end - tokens[k].start;
            declared_rows rows =
                tokens[k].start >= stmts[i].start ? header_rows(text, n) : ROWS_UNDECLARED;
            if (rows != ROWS_UNDECLARED)
                d->rows = rows;
            sg__migration_mark mark = sg__migration_marker(text, n);
            if (mark == SG__MIGRATION_MARK_UP || mark == SG__MIGRATION_MARK_DOWN)
                d->down_section = mark == SG__MIGRATION_MARK_DOWN;
        }
        /* `:q;` runs the statement psql variable q holds (`\set q 'SELECT
         * ...'`), which the file does not: nothing to lint */
        bool quoted_variable = start > from && *sg__lint_at(r, start - 1) == ':' &&
                               buf[start - 1 - from] == ' '; /* :'q', :"q" */
        if ((*sg__lint_at(r, start) == ':' && buf[start - from] != ':') || quoted_variable)
            continue;
        if (lint_statement(d, buf + (start - from), start, end) < 0)
            return -1;
        if (d->restart)
            return 0;
    }
    long line = 0;
    for (size_t i = 0; i < ntokens; i++) {
        const sg__sql_token *t = &tokens[i];
        if (t->comment) {
            /* only a suppression comment is kept: a file may hold many others */
            const char *s = sg__lint_at(r, t->start);
            sg__lint_comment c = {t->start, t->end, *s == '/'};
            if (!sg__lint_directive_comment(s, t->end - t->start, c.c_style))
                continue;
            sg__lint_comment *kept = sg__vec_push(d->scratch, &d->comments, sizeof *kept);
            if (!kept)
                return -1;
            *kept = c;
            continue;
        }
        /* tokens come in text order: each line is found from the last */
        long l1 = sg__lint_line_from(r, t->start, line);
        line = sg__lint_line_from(r, t->end > t->start ? t->end - 1 : t->start, l1);
        for (long l = l1; l <= line; l++)
            d->code_line[l] = true;
    }
    for (size_t i = 0; i < nstmts; i++) {
        size_t start = stmts[i].start, end = stmts[i].end;
        if (!trim_to_tokens(tokens, ntokens, &start, &end) || end <= start)
            continue;
        sg__lint_span *sp = sg__vec_push(d->scratch, &d->spans, sizeof *sp);
        if (!sp)
            return -1;
        *sp = (sg__lint_span){start, end};
    }
    return 0;
}

/*
 * Cuts and scans the part [from, to) of the text on its own (the window
 * holds it), and lints it; `last` when it runs to the end of the text. A
 * part that ends with a semicolon token, in text the scanner reads to its
 * end without error, lexes as the same tokens as in the whole text (a
 * semicolon is never part of a longer token outside quotes and comments,
 * and after it the scanner is in its initial state), and where it parses,
 * the parser cuts it as it cuts the whole text. A part that does not prove
 * that, or that the parser or the scanner rejects at its very end, may be a
 * cut through a longer statement (a BEGIN ATOMIC body the boundary scan
 * misread): *extend asks for a longer part, and nothing is linted. Where the
 * text is wrong inside the part, the boundary scan cuts it (and, where the
 * scanner rejects it, gives its tokens), so that the bad statement reports
 * sql.syntax at its place and the others are linted. Returns 0, or -1 when
 * memory ran out or the file could not be read again.
 */
static int digest_part(reading *d, size_t from, size_t to, bool last, bool *extend)
{
    sg_lint_result *r = d->r;
    size_t n = to - from;
    sg__arena part;
    sg__arena_init(&part);
    char *buf = sg__arena_alloc_raw(&part, n + 1);
    if (!buf) {
        sg__arena_release(&part);
        return -1;
    }
    memcpy(buf, sg__lint_at(r, from), n);
    buf[n] = '\0'; /* the text is clean: it holds no NUL byte */
    sg__span *stmts = NULL;
    sg__sql_token *tokens = NULL;
    size_t nstmts = 0, ntokens = 0, blanked;
    bool split_end = false, scan_end = false, script;
    /* psql's commands and COPY data are not SQL: the parser reads blanks */
    if (sg__sql_blank_psql(&part, buf, n, &blanked, &script) < 0) {
        sg__arena_release(&part);
        return -1;
    }
    if (script && !d->script && !d->migration && !d->pgtap) {
        /* a psql script (`\set`, `\gset`, `\if`, `\echo`): run once, by
         * psql, for no caller, as a seed is; from the start when some
         * statements were judged as queries already */
        d->script = true;
        if (d->as_queries > 0) {
            d->restart = true;
            sg__arena_release(&part);
            return 0;
        }
    }
    /* a `${placeholder}` in a quoted name stays as written: a finding on it
     * is dropped all the same */
    d->psql = blanked > 0 || strstr(buf, "${") != NULL;
    int split = sg__sql_split_part(&part, buf, n, &stmts, &nstmts, &split_end);
    int scan = split < 0 ? -1 : sg__sql_scan_part(&part, buf, n, &tokens, &ntokens, &scan_end);
    int rc = scan < 0 ? -1 : 0;
    *extend = false;
    if (rc == 0 && !last) {
        bool ends_with_semicolon = scan == 0 && ntokens > 0 && !tokens[ntokens - 1].comment &&
                                   tokens[ntokens - 1].start + 1 == n &&
                                   tokens[ntokens - 1].end == n && buf[n - 1] == ';';
        *extend = (scan == 0 && !ends_with_semicolon) || (scan == 1 && scan_end) ||
                  (split == 1 && split_end);
    }
    if (rc == 0 && !*extend) {
        if (scan == 1)
            rc = sg__sql_split_fallback(&part, buf, n, &stmts, &nstmts, &tokens, &ntokens);
        else if (split == 1)
            rc = sg__sql_split_fallback(&part, buf, n, &stmts, &nstmts, NULL, NULL);
    }
    if (rc == 0 && !*extend && d->detect) {
        /* a placeholder may run to the end of its line, past the part;
         * in a part with psql's text blanked out, the part as read decides */
        size_t line_end = sg__lint_window_end(r);
        d->psycopg = blanked ? sg__lint_psycopg_between(buf, n, 0, n, tokens, ntokens)
                             : sg__lint_psycopg_between(sg__lint_at(r, from), line_end - from, 0, n,
                                                        tokens, ntokens);
        if (d->psycopg && from == r->bom) {
            /* the first part: nothing was linted in the other style yet */
            d->psycopg = d->detect = false;
            d->options.placeholders = SG_LINT_PLACEHOLDERS_PSYCOPG;
        }
    }
    if (rc == 0 && !*extend && !d->psycopg &&
        split_at_name_headers(&part, buf, &stmts, &nstmts, tokens, ntokens, &d->named_queries) < 0)
        rc = -1;
    if (rc == 0 && !*extend && !d->psycopg) {
        size_t findings = r->findings.count;
        shift_spans(stmts, nstmts, from);
        shift_tokens(tokens, ntokens, from);
        rc = digest_tokens(d, buf, from, stmts, nstmts, tokens, ntokens);
        if (rc == 0 && !d->restart)
            rc = sg__lint_keep_lines(r, findings);
    }
    sg__arena_release(&part);
    return rc;
}

/* Where the part from `from` ends: at the first statement end the boundary
 * scan finds `want` bytes on or later, read through the window, which grows
 * until it holds one (or the text ends). Returns -1 when memory ran out or
 * the file could not be read again. */
static int part_end(sg_lint_result *r, size_t from, size_t want, size_t *to)
{
    for (size_t span = 2 * want;; span *= 2) {
        size_t until = span < r->len - from ? from + span : r->len;
        if (sg__lint_window(r, from, until) < 0)
            return -1;
        size_t avail = sg__lint_window_end(r) - from;
        size_t cut = sg__sql_next_cut(sg__lint_at(r, from), avail, want);
        if (cut < avail || from + avail == r->len) {
            *to = from + cut;
            return 0;
        }
    }
}

/*
 * Reads the text part by part. The parts end where the boundary scan ends a
 * statement, once at least SG__LINT_PART_BYTES long, so the parser and the scanner
 * only ever hold one part; a part that asks to be longer is read again twice
 * as long. Stops early when `detect` and a psycopg placeholder shows.
 */
static int read_parts(reading *d)
{
    sg_lint_result *r = d->r;
    for (size_t from = r->bom, to; from < r->len && !d->psycopg && !d->restart; from = to) {
        size_t want = SG__LINT_PART_BYTES;
        for (;;) {
            /* the window part_end() read holds the part */
            if (part_end(r, from, want, &to) < 0)
                return -1;
            bool extend;
            if (digest_part(d, from, to, to == r->len, &extend) < 0)
                return -1;
            if (!extend || d->psycopg || d->restart)
                break;
            want = 2 * (to - from);
        }
    }
    return 0;
}

/* Reads and lints the whole text in `style`; with `detect`, stops (and sets
 * d->psycopg) where a psycopg placeholder shows. */
static int read_in_style(reading *d, sg_lint_placeholders style, bool detect)
{
    sg_lint_result *r = d->r;
    d->options.placeholders = style;
    d->detect = detect;
    d->psycopg = false;
    d->comments = (sg__vec){0};
    d->code_line = sg__arena_alloc(d->scratch, r->line_count + 2);
    d->spans = (sg__vec){0};
    if (!d->code_line || read_parts(d) < 0)
        return -1;
    if (d->psycopg || d->restart)
        return 0;
    const sg__lint_comment *comments = d->comments.items;
    sg__lint_comment none;
    return sg__lint_suppress(r, comments ? comments : &none, d->comments.count, d->code_line,
                             d->spans.items, d->spans.count, d->migration);
}

/* The placeholder style of the whole text as the caller or the policy sets
 * it: DEFAULT or AUTO when the text decides. */
static sg_lint_placeholders set_placeholders(const sg_lint_options *options)
{
    sg_lint_placeholders style = options->placeholders;
    if (style == SG_LINT_PLACEHOLDERS_DEFAULT)
        style = sg__policy_lint_placeholders(options->policy);
    return style;
}

int sg__lint_sql_text(const sg_catalog *catalog, const sg_lint_options *options, sg_lint_result *r)
{
    r->status = SG_LINT_STATUS_SQL;
    sg__arena scratch;
    sg__arena_init(&scratch);
    reading d = {.catalog = catalog,
                 .options = *options,
                 .migration = options->migration,
                 .script = options->script,
                 .r = r,
                 .scratch = &scratch};
    sg_lint_placeholders style = set_placeholders(options);
    bool detect = style == SG_LINT_PLACEHOLDERS_DEFAULT || style == SG_LINT_PLACEHOLDERS_AUTO;
    if (detect)
        style = SG_LINT_PLACEHOLDERS_DOLLAR;
    int rc;
    for (;;) {
        d.restart = false;
        d.as_queries = 0;
        d.down_section = options->undo;
        d.options.search_path = d.session_path = options->search_path;
        d.in_tx = d.local_set = false;
        d.savepoints = (sg__vec){0};
        d.temp_tables = (sg__vec){0};
        d.temp_names = (sg__vec){0};
        rc = read_in_style(&d, style, detect);
        if (rc != 0 || !(d.psycopg || d.restart))
            break;
        /* read again from the start: in psycopg style, the text writes its
         * placeholders; or as a migration (d.migration stays set) */
        if (d.psycopg)
            style = SG_LINT_PLACEHOLDERS_PSYCOPG, detect = false;
        r->findings.count = 0;
        r->kept.count = 0;
        r->kept_bytes = 0;
        r->statements = 0;
        sg__arena_release(&scratch);
        sg__arena_init(&scratch);
    }
    sg__arena_release(&scratch);
    return rc;
}
